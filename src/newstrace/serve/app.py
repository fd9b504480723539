"""The web app and HTTP API: ``create_app(db)`` returns an ASGI app (run it with uvicorn).

Article text is untrusted: every page is rendered by Jinja2 with autoescaping on,
every response carries a strict Content-Security-Policy (scripts only from this
server's own static files, no inline script), and the map draws untrusted names
with ``textContent``, never as HTML.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import NewstraceError
from . import api, pages
from .core import ApiError, Settings

__all__ = ["create_app", "run_server", "CSP", "SECURITY_HEADERS"]

STATIC = Path(__file__).parent / "static"
CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_request",
    500: "internal_error",
}


def _csp(tile_url: str | None) -> str:
    """The policy; a configured tile server is the one other origin images may come from."""
    if not tile_url:
        return CSP
    parts = urlsplit(tile_url)
    return CSP + f"; img-src 'self' {parts.scheme}://{parts.netloc.replace('{s}', '*')}"


class SecurityHeaders:
    """Adds the CSP and the other security headers to every response, errors and static files included."""

    def __init__(self, app: ASGIApp, csp: str = CSP) -> None:
        self.app = app
        self.csp = csp.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:  # a route may set a stricter one
                    headers.append((b"content-security-policy", self.csp))
                for k, v in SECURITY_HEADERS.items():
                    if k.encode() not in names:
                        headers.append((k.encode(), v.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The one shape of every API error."""
    return {"error": {"status": status, "code": code, "message": message}}


def _error(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)
    return pages.templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "code": code, "message": message, "signed_in": False, "can_write": False},
        status_code=status,
        headers=headers,
    )


def create_app(
    db: str,
    *,
    read_only: bool = False,
    token: str | None = None,
    tile_url: str | None = None,
    uploads: str | Path | None = None,
) -> FastAPI:
    """The newstrace web app and API over the database ``db``.

    ``token`` lets users sign in (pages) or send ``Authorization: Bearer TOKEN`` (API) to
    ingest files; without it, or with ``read_only``, nothing can be written.
    ``tile_url`` (default: env NEWSTRACE_TILE_URL) draws map tiles from a tile server;
    without it the map draws bundled country outlines and works offline. Uploaded
    files are kept under ``uploads`` (default: ``DB-uploads/`` beside the database).
    """
    tiles = tile_url if tile_url is not None else os.environ.get("NEWSTRACE_TILE_URL") or None
    settings = Settings(
        db=str(db),
        read_only=read_only,
        token=token or None,
        tile_url=tiles,
        tile_attribution=os.environ.get("NEWSTRACE_TILE_ATTRIBUTION", ""),
        uploads=Path(uploads) if uploads else Path(str(db) + "-uploads"),
    )
    app = FastAPI(
        title="newstrace",
        version=__version__,
        description=(
            "Stories, claims with their source chains, contradictions, documents, entities and search "
            'from a newstrace database. Every error is `{"error": {"status", "code", "message"}}`.'
        ),
        docs_url=None,  # the Swagger/ReDoc pages load scripts from a CDN: not under this CSP
        redoc_url=None,
    )
    app.state.settings = settings
    csp = _csp(tiles)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _error(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _error(request, exc.status_code, code, message, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()
        )
        return _error(request, 422, "invalid_request", problems or "invalid request")

    @app.exception_handler(NewstraceError)
    async def _newstrace_error(request: Request, exc: NewstraceError) -> Response:
        return _error(request, 400, "bad_request", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # Starlette answers this one outside the middleware stack: add the headers here.
        response = _error(request, 500, "internal_error", f"unexpected error: {type(exc).__name__}")
        response.headers.update({"content-security-policy": csp, **SECURITY_HEADERS})
        return response

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders, csp=csp)
    return app


def run_server(
    db: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8080,
    read_only: bool = False,
    token: str | None = None,
    log_level: str = "info",
) -> None:
    """Serve ``create_app(db, ...)`` with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db, read_only=read_only, token=token), host=host, port=port, log_level=log_level)
