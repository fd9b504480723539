"""What the pages and the API share: settings, the store per request, sign-in, errors, ingest."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request

from ..errors import InputError
from ..ingest.files import HTML_SUFFIXES, SUPPORTED_SUFFIXES, TEXT_SUFFIXES, InputFile, read_input
from ..record import Corpus, Document, Story
from ..store import Store, open_store

__all__ = [
    "Settings",
    "ApiError",
    "settings",
    "store_dependency",
    "bearer_ok",
    "session_ok",
    "session_value",
    "require_writer",
    "ingest_upload",
    "load_story",
    "SESSION_COOKIE",
]

SESSION_COOKIE = "newstrace_session"
MAX_UPLOAD_BYTES = 50_000_000


@dataclass
class Settings:
    db: str
    read_only: bool = False
    token: str | None = None
    tile_url: str | None = None  # e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; None: offline outlines
    tile_attribution: str = ""
    uploads: Path = field(default_factory=lambda: Path("uploads"))
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)


class ApiError(Exception):
    """An error with an HTTP status, a stable machine code and a message for people."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def store_dependency(request: Request) -> Iterator[Store]:
    """One store per request (opening a SQLite store takes under a millisecond)."""
    store = open_store(settings(request).db)
    try:
        yield store
    finally:
        store.close()


# --- sign-in -----------------------------------------------------------------------


def session_value(token: str) -> str:
    """What the session cookie holds: derived from the token, never the token itself."""
    return hmac.new(token.encode(), b"newstrace-session-v1", hashlib.sha256).hexdigest()


def bearer_ok(request: Request) -> bool:
    token = settings(request).token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    return bool(token) and scheme.lower() == "bearer" and secrets.compare_digest(given.strip(), token or "")


def session_ok(request: Request) -> bool:
    token = settings(request).token
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return bool(token and cookie) and secrets.compare_digest(cookie, session_value(token or ""))


def require_writer(request: Request, *, signed_in: bool) -> None:
    """Refuse a write: 403 in read-only mode or without a configured token, 401 when not signed in."""
    s = settings(request)
    if s.read_only:
        raise ApiError(403, "read_only", "this server runs in read-only mode: ingesting is disabled")
    if not s.token:
        raise ApiError(403, "forbidden", "ingesting is disabled: start the server with --token (or NEWSTRACE_TOKEN)")
    if not signed_in:
        raise ApiError(
            401,
            "unauthorized",
            "sign in first: send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": 'Bearer realm="newstrace"'},
        )


# --- reading -----------------------------------------------------------------------


def load_story(store: Store, story_id: str) -> tuple[Story, dict[str, Document], Corpus]:
    """A story, its documents and the corpus results about it (not the whole corpus: see ``Store.load_story``)."""
    found = store.load_story(story_id)
    if found is None:
        raise ApiError(404, "not_found", f"no story with id {story_id!r}")
    story, corpus = found
    docs = {d: store.load_document(d) for d in story.documents}
    return story, docs, corpus


# --- ingest ------------------------------------------------------------------------

_META_KEYS = ("title", "outlet", "url", "published", "language")


def _safe_name(filename: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename or "").name).strip("._")
    return name or "upload.txt"


def ingest_upload(s: Settings, filename: str, content: bytes, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Keep an uploaded file under the uploads folder and run the whole pipeline on it.

    Returns what happened and the ids of the file's documents.
    """
    from ..run import run, summary  # the pipeline loads spaCy: only when something is ingested

    name = _safe_name(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ApiError(
            400,
            "unsupported_type",
            f"cannot read {suffix or 'a file without extension'!r}; send one of {', '.join(sorted(SUPPORTED_SUFFIXES))}",
        )
    if not content:
        raise ApiError(400, "empty", "the uploaded file is empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise ApiError(413, "too_large", f"the file is over {MAX_UPLOAD_BYTES // 1_000_000} MB")
    folder = s.uploads / hashlib.sha256(content).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    sidecar = None
    fields = {k: v for k, v in (meta or {}).items() if k in _META_KEYS and v}
    if fields and suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        sidecar = path.with_suffix(".json")
        sidecar.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    with s.ingest_lock:  # one pipeline run at a time
        report = run([str(path)], db=s.db)
    try:
        ids = [d.id for d in read_input(InputFile(path=path, display=str(path), sidecar=sidecar)).documents]
    except InputError as exc:
        raise ApiError(400, "unreadable", f"cannot read the uploaded file: {exc}") from exc
    errors = [{"path": e.path, "reason": e.reason, "message": e.message} for e in report.ingest.errors]
    return {"path": str(path), "documents": ids, "summary": summary(report), "errors": errors}
