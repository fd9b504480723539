"""The HTTP API under /api/: JSON for everything the web pages show (OpenAPI at /openapi.json)."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..errors import StoreError
from ..report.briefing import build_briefing
from ..report.export import entity_json, export_dict, geojson, write_export
from ..report.html import render_briefing_html
from ..store import Page, Store
from . import views
from .core import ApiError, bearer_ok, ingest_upload, load_story, require_writer, settings, store_dependency

__all__ = ["router", "ERROR_RESPONSES"]

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
            },
            "required": ["status", "code", "message"],
        }
    },
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found", "content": {"application/json": {"schema": ERROR_SCHEMA}}},
    400: {"description": "Bad request", "content": {"application/json": {"schema": ERROR_SCHEMA}}},
}

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
StoreDep = Annotated[Store, Depends(store_dependency)]

MAX_LIMIT = 1000
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, description="rows to skip: the next page starts at offset + limit")]


def _paged(key: str, item: dict[str, Any], description: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answer of a paged list: one page of ``key`` and where it sits in the whole list."""
    schema = {
        "type": "object",
        "properties": {
            "total": {"type": "integer", "description": "rows in the whole list"},
            "offset": {"type": "integer"},
            "limit": {"type": "integer"},
            "next_offset": {
                "type": ["integer", "null"],
                "description": "the offset of the next page; null on the last page",
            },
            key: {"type": "array", "items": item},
        },
        "required": ["total", "offset", "limit", "next_offset", key],
    }
    return {200: {"description": description, "content": {"application/json": {"schema": schema}}}}


def _page_fields(page: Page[Any]) -> dict[str, Any]:
    return {"total": page.total, "offset": page.offset, "limit": page.limit, "next_offset": page.next_offset}


_OBJECT: dict[str, Any] = {"type": "object"}
_STORY_ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "score": {"type": "number"},
        "documents": {"type": "array", "items": {"type": "string"}},
        "size": {"type": "integer"},
        "outlets": {"type": "array", "items": {"type": "string"}},
        "first_published": {"type": ["string", "null"]},
        "last_published": {"type": ["string", "null"]},
    },
}
_DOCUMENT_ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "title": {"type": ["string", "null"]},
        "path": {"type": "string"},
        "outlet": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"]},
        "published": {"type": ["string", "null"]},
        "language": {"type": ["string", "null"]},
        "length": {"type": "integer", "description": "characters of stored text"},
        "links": _OBJECT,
    },
}


@router.get("/health", summary="Is the server up; is it read-only")
def api_health(request: Request) -> dict[str, Any]:
    from .. import __version__

    s = settings(request)
    return {
        "status": "ok",
        "version": __version__,
        "read_only": s.read_only,
        "ingest": bool(s.token) and not s.read_only,
    }


@router.get(
    "/stories",
    summary="Stories: groups of articles about one event, one page at a time",
    responses=_paged("stories", _STORY_ITEM, "A page of stories, in the order the fuse phase ranked them"),
)
def api_stories(store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    page = store.list_stories(limit=limit, offset=offset)
    return {**_page_fields(page), "stories": [views.story_summary_json(s) for s in page.items]}


@router.get("/stories/{story_id}", summary="One story: claim ledger, contradictions and its cited briefing")
def api_story(story_id: str, store: StoreDep) -> dict[str, Any]:
    story, docs, corpus = load_story(store, story_id)
    return {
        **views.story_summary(story, docs),
        "claim_groups": [
            {
                "id": e.group.id,
                "status": e.group.status,
                "independent_sources": e.group.independent_sources,
                "sources": e.group.sources,
                "score": e.group.score,
                "claims": [
                    {
                        "id": c.id,
                        "document": d.id,
                        "start": c.start,
                        "end": c.end,
                        "text": c.text,
                        "kind": c.kind,
                        "attribution": [
                            {"kind": a.kind, "source": a.source, "entity": a.entity} for a in c.attribution
                        ],
                        "hedges": c.hedges,
                    }
                    for c, d, _ in e.claims
                ],
            }
            for e in views.ledger(story, docs, corpus)
        ],
        "contradictions": [
            {"claims": c.claims, "kind": c.kind, "explanation": c.explanation}
            for c in corpus.contradictions
            if c.story == story.id
        ],
        "briefing_markdown": build_briefing(story, docs, corpus).markdown,
        "links": {
            "page": f"/stories/{story.id}",
            "geojson": f"/api/stories/{story.id}/geojson",
            "briefing_html": f"/api/stories/{story.id}/briefing.html",
        },
    }


@router.get("/stories/{story_id}/geojson", summary="The story's places as GeoJSON (same properties as the export)")
def api_story_geojson(story_id: str, store: StoreDep) -> dict[str, Any]:
    story, docs, _ = load_story(store, story_id)
    return views.place_features([docs[d] for d in story.documents if d in docs])


@router.get(
    "/stories/{story_id}/briefing.html",
    summary="A self-contained HTML briefing (inline CSS, no script)",
    response_class=HTMLResponse,
)
def api_story_briefing(story_id: str, store: StoreDep) -> HTMLResponse:
    story, docs, corpus = load_story(store, story_id)
    response = HTMLResponse(render_briefing_html(story, docs, corpus))
    # Its inline <style> needs its own policy; still no script of any kind.
    response.headers["content-security-policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return response


@router.get(
    "/documents",
    summary="Processed documents with their metadata, in ingest order, one page at a time",
    responses=_paged("documents", _DOCUMENT_ITEM, "A page of documents (metadata only: no text)"),
)
def api_documents(store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    page = store.list_documents(limit=limit, offset=offset)
    return {**_page_fields(page), "documents": [views.document_summary_json(d) for d in page.items]}


def _document(store: Store, document_id: str) -> Any:
    try:
        return store.load_document(document_id)
    except StoreError as exc:
        raise ApiError(404, "not_found", f"no document with id {document_id!r}") from exc


@router.get("/documents/{document_id}", summary="One document: text, metadata, segments and everything extracted")
def api_document(document_id: str, store: StoreDep) -> dict[str, Any]:
    return views.document_json(_document(store, document_id))


@router.get(
    "/documents/{document_id}/original",
    summary="The input file the document was read from, byte for byte, as a download",
    description=(
        "Exactly the bytes ingested (for a JSON Lines or JSON file: the whole file, and `X-Newstrace-Member` "
        "names the document's record). Always `application/octet-stream` with `Content-Disposition: attachment` "
        "and `X-Content-Type-Options: nosniff`: the file is untrusted and is never shown as a page. "
        "`X-Newstrace-Sha256` is the SHA-256 of the bytes."
    ),
    response_class=Response,
    responses={200: {"description": "The original bytes", "content": {"application/octet-stream": {}}}},
)
def api_document_original(document_id: str, store: StoreDep) -> Response:
    try:
        original, member = store.original_of(document_id)
    except StoreError as exc:
        raise ApiError(404, "not_found", f"no document with id {document_id!r}") from exc
    headers = {
        "content-disposition": views.attachment_disposition(original.path, fallback=f"{document_id}.bin"),
        "x-content-type-options": "nosniff",
        "x-newstrace-sha256": original.sha256,
        "x-newstrace-media-type": original.media_type,
        "cache-control": "private, no-transform",
        # Even if a browser rendered it, nothing in it could run or load.
        "content-security-policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
    }
    if member:
        headers["x-newstrace-member"] = member
    return Response(original.content, media_type="application/octet-stream", headers=headers)


@router.get(
    "/entities",
    summary="Canonical entities (people, organisations, units, places) by type and name, one page at a time",
    responses=_paged("entities", _OBJECT, "A page of entities, as in the JSON export"),
)
def api_entities(
    store: StoreDep,
    type: Annotated[str | None, Query(description="person, organization, place, unit, outlet, group")] = None,
    q: Annotated[str | None, Query(description="part of the name or an alias, any case")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    page = store.list_entities(limit=limit, offset=offset, type=type or None, query=q or None)
    return {**_page_fields(page), "entities": [entity_json(e) for e in page.items]}


@router.get(
    "/entities/{entity_id}",
    summary="One entity and a page of the documents that mention it",
    description="`documents` holds one page (limit/offset) of document ids; `total` counts them all.",
)
def api_entity(entity_id: str, store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    entity = store.entity(entity_id)
    if entity is None:
        raise ApiError(404, "not_found", f"no entity with id {entity_id!r}")
    page = store.entity_documents(entity_id, limit=limit, offset=offset)
    return {**entity_json(entity), **_page_fields(page), "documents": page.items}


@router.get(
    "/search",
    summary="Full-text search (SQLite FTS5 syntax), one page of articles, and entity names",
    description=(
        "`documents` is one page (limit/offset) of the matching articles, best first, and `total` counts them "
        "all; `entities` holds up to `limit` entities whose name or an alias contains the query, "
        "`entities_total` counts them all."
    ),
)
def api_search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1)],
    limit: Annotated[int, Query(ge=1, le=200, description="rows per page (at most 200)")] = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    try:
        hits = store.search(q, limit=limit, offset=offset)
        total = store.count_search(q)
    except StoreError as exc:
        raise ApiError(400, "bad_query", str(exc)) from exc
    entities = store.list_entities(limit=limit, query=q)
    return {
        "query": q,
        "total": total,
        "offset": offset,
        "limit": limit,
        "next_offset": offset + limit if offset + limit < total else None,
        "documents": [
            {"id": h.document, "title": h.title, "path": h.path, "snippet": h.snippet, "score": h.score} for h in hits
        ],
        "entities": [entity_json(e) for e in entities.items],
        "entities_total": entities.total,
    }


_MEDIA = {
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "geojson": "application/geo+json",
    "events": "text/csv",
    "ftm": "application/x-ndjson",
}


@router.get(
    "/export",
    summary="The exports of docs/export.md: json, jsonl, csv (claim ledger), geojson, events (ACLED-style CSV) "
    "or ftm (FollowTheMoney entities, one a line)",
)
def api_export(
    store: StoreDep,
    format: Annotated[str, Query(pattern="^(json|jsonl|csv|geojson|events|ftm)$")] = "json",
    include_text: bool = False,
) -> Response:
    if format == "json":
        return JSONResponse(export_dict(store, include_text=include_text))
    if format == "geojson":
        return JSONResponse(geojson(store), media_type=_MEDIA["geojson"])
    buf = io.StringIO()
    write_export(store, format, buf, include_text=include_text)
    filename = {"events": "events.csv", "ftm": "ftm.jsonl"}.get(format, format)
    headers = {"content-disposition": f'attachment; filename="newstrace.{filename}"'}
    return Response(buf.getvalue(), media_type=_MEDIA[format], headers=headers)


def _bearer_writer(request: Request) -> None:
    """Checked before the upload is read, so a refused request never gets a validation error."""
    require_writer(request, signed_in=bearer_ok(request))


@router.post(
    "/ingest",
    summary="Ingest one file and run the pipeline (Authorization: Bearer TOKEN; refused in read-only mode)",
    status_code=201,
    dependencies=[Depends(_bearer_writer)],
    responses={
        401: {"description": "Missing or wrong token", "content": {"application/json": {"schema": ERROR_SCHEMA}}},
        403: {
            "description": "Read-only, or no token configured",
            "content": {"application/json": {"schema": ERROR_SCHEMA}},
        },
    },
)
def api_ingest(
    request: Request,
    file: Annotated[UploadFile, File(description=".txt, .html, .json or .jsonl")],
    title: Annotated[str | None, Form()] = None,
    outlet: Annotated[str | None, Form()] = None,
    url: Annotated[str | None, Form()] = None,
    published: Annotated[str | None, Form()] = None,
) -> JSONResponse:
    content = file.file.read()
    meta = {"title": title, "outlet": outlet, "url": url, "published": published}
    result = ingest_upload(settings(request), file.filename or "", content, meta)
    return JSONResponse(result, status_code=201)
