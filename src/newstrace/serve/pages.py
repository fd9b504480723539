"""The web pages: stories, a story (briefing, ledger, map, timeline), documents, entities, search, upload."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..errors import StoreError
from ..report.facts import Cite, briefing_facts
from ..report.html import render_briefing_body
from ..store import SearchHit, Store
from . import views
from .core import (
    SESSION_COOKIE,
    ApiError,
    ingest_upload,
    load_story,
    require_writer,
    session_ok,
    session_value,
    settings,
    store_dependency,
)

__all__ = ["router", "templates"]

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
assert templates.env.autoescape, "article text must always be escaped"
router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(store_dependency)]
PageNumber = Annotated[int, Query(ge=1, le=1_000_000)]

# Rows per page of each list.
STORIES_PER_PAGE = 50
DOCUMENTS_PER_PAGE = 50
ENTITIES_PER_PAGE = 100
MENTIONS_PER_PAGE = 50
RESULTS_PER_PAGE = 20
NAMES_SHOWN = 50


def _page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    s = settings(request)
    context.update(signed_in=session_ok(request), read_only=s.read_only, can_write=bool(s.token) and not s.read_only)
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _cite_href(cite: Cite) -> str:
    return f"/documents/{cite.document}#{cite.start}-{cite.end}"


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, store: StoreDep, page: PageNumber = 1) -> HTMLResponse:
    found = store.list_stories(limit=STORIES_PER_PAGE, offset=(page - 1) * STORIES_PER_PAGE)
    pager = views.Pager(page, STORIES_PER_PAGE, found.total, "/")
    return _page(request, "stories.html", stories=found.items, pager=pager, stats=store.counts(), database=store.url)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, store: StoreDep) -> HTMLResponse:
    story, docs, corpus = load_story(store, story_id)
    facts = briefing_facts(story, docs, corpus)
    return _page(
        request,
        "story.html",
        story=story,
        facts=facts,
        briefing=render_briefing_body(facts, _cite_href),
        ledger=views.ledger(story, docs, corpus),
        chart=views.timeline_rows(facts.timeline),
        docs=[docs[d] for d in story.documents if d in docs],
        tile_url=settings(request).tile_url or "",
        tile_attribution=settings(request).tile_attribution,
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, store: StoreDep, page: PageNumber = 1) -> HTMLResponse:
    found = store.list_documents(limit=DOCUMENTS_PER_PAGE, offset=(page - 1) * DOCUMENTS_PER_PAGE)
    pager = views.Pager(page, DOCUMENTS_PER_PAGE, found.total, "/documents")
    return _page(request, "documents.html", docs=found.items, pager=pager)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str, store: StoreDep) -> HTMLResponse:
    try:
        doc = store.load_document(document_id)
    except StoreError as exc:
        raise ApiError(404, "not_found", f"no document with id {document_id!r}") from exc
    status = store.claim_groups_of([c.id for c in doc.claims])
    stories = store.document_stories(doc.id)
    copy_of, copies = store.copy_links(doc.id)
    member = doc.path.rsplit("#", 1)[1] if "#" in doc.path else ""  # a record of a JSON (Lines) file
    url = doc.url if doc.url and urlsplit(doc.url).scheme in {"http", "https"} else None
    return _page(
        request,
        "document.html",
        doc=doc,
        pieces=views.document_pieces(doc),
        about=views.about_places(doc),
        claims=[(c, status.get(c.id), views.chain_text(c, doc)) for c in doc.claims],
        stories=stories,
        copy_of=copy_of,
        copies=copies,
        safe_url=url,
        member=member,
    )


ENTITY_TYPES = ("person", "organization", "unit", "place", "outlet", "group")


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, store: StoreDep, page: PageNumber = 1, type: str = "", q: str = "") -> HTMLResponse:
    found = store.list_entities(
        limit=ENTITIES_PER_PAGE, offset=(page - 1) * ENTITIES_PER_PAGE, type=type or None, query=q.strip() or None
    )
    pager = views.Pager(page, ENTITIES_PER_PAGE, found.total, "/entities", {"type": type, "q": q})
    return _page(request, "entities.html", entities=found.items, pager=pager, type=type, name_q=q, types=ENTITY_TYPES)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, store: StoreDep, page: PageNumber = 1) -> HTMLResponse:
    entity = store.entity(entity_id)
    if entity is None:
        raise ApiError(404, "not_found", f"no entity with id {entity_id!r}")
    found = store.entity_mentions(entity_id, limit=MENTIONS_PER_PAGE, offset=(page - 1) * MENTIONS_PER_PAGE)
    documents = store.entity_documents(entity_id, limit=1).total
    pager = views.Pager(page, MENTIONS_PER_PAGE, found.total, f"/entities/{entity_id}")
    return _page(request, "entity.html", entity=entity, mentions=found.items, pager=pager, documents=documents)


def _snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """The FTS snippet cut into (text, is_match) parts: the store marks matches with [ and ]."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while "[" in rest and "]" in rest[rest.index("[") :]:
        i = rest.index("[")
        j = rest.index("]", i)
        parts.append((rest[:i], False))
        parts.append((rest[i + 1 : j], True))
        rest = rest[j + 1 :]
    parts.append((rest, False))
    return [p for p in parts if p[0]]


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, q: str = "", page: PageNumber = 1) -> HTMLResponse:
    hits: list[SearchHit] = []
    error = None
    entities: list[Any] = []
    total = entities_total = 0
    if q.strip():
        try:
            hits = store.search(q, limit=RESULTS_PER_PAGE, offset=(page - 1) * RESULTS_PER_PAGE)
            total = store.count_search(q)
        except StoreError as exc:
            error = str(exc)
        names = store.list_entities(limit=NAMES_SHOWN, query=q.strip())
        entities, entities_total = names.items, names.total
    pager = views.Pager(page, RESULTS_PER_PAGE, total, "/search", {"q": q})
    results = [(h, _snippet_parts(h.snippet)) for h in hits]
    return _page(
        request,
        "search.html",
        q=q,
        results=results,
        entities=entities,
        entities_total=entities_total,
        pager=pager,
        error=error,
    )


# --- sign-in and upload --------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return _page(request, "login.html", error=None)


@router.post("/login", response_model=None)
def login(request: Request, token: Annotated[str, Form()]) -> Response:
    expected = settings(request).token
    if not expected or not secrets.compare_digest(token, expected):
        return _page(request, "login.html", status_code=401, error="That token is not valid.")
    response = RedirectResponse("/upload", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session_value(expected), httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )
    return response


@router.post("/logout")
def logout() -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request) -> Response:
    s = settings(request)
    if not s.read_only and s.token and not session_ok(request):
        return RedirectResponse("/login", status_code=303)
    return _page(request, "upload.html", result=None)


def _session_writer(request: Request) -> None:
    require_writer(request, signed_in=session_ok(request))


@router.post("/upload", response_model=None, dependencies=[Depends(_session_writer)])
def upload(
    request: Request,
    file: Annotated[UploadFile, File()],
    title: Annotated[str, Form()] = "",
    outlet: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
) -> Response:
    meta = {"title": title, "outlet": outlet, "url": url, "published": published}
    result = ingest_upload(settings(request), file.filename or "", file.file.read(), meta)
    return _page(request, "upload.html", result=result)
