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
from ..store import Store
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


@router.get("/stories", summary="Stories: groups of articles about one event")
def api_stories(store: StoreDep) -> dict[str, Any]:
    corpus = store.load_corpus()
    docs = {d.id: d for d in store.iter_documents()}
    return {"stories": [views.story_summary(s, docs) for s in corpus.stories]}


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


@router.get("/documents", summary="Documents with their metadata")
def api_documents(
    store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100, offset: Annotated[int, Query(ge=0)] = 0
) -> dict[str, Any]:
    ids = store.document_ids()
    out = []
    for doc_id in ids[offset : offset + limit]:
        doc = store.load_document(doc_id)
        out.append(
            {
                "id": doc.id,
                "title": doc.title,
                "path": doc.path,
                "outlet": doc.outlet,
                "url": doc.url,
                "published": doc.published,
                "language": doc.language,
                "length": len(doc.text),
            }
        )
    return {"total": len(ids), "offset": offset, "limit": limit, "documents": out}


def _document(store: Store, document_id: str) -> Any:
    try:
        return store.load_document(document_id)
    except StoreError as exc:
        raise ApiError(404, "not_found", f"no document with id {document_id!r}") from exc


@router.get("/documents/{document_id}", summary="One document: text, metadata, segments and everything extracted")
def api_document(document_id: str, store: StoreDep) -> dict[str, Any]:
    return views.document_json(_document(store, document_id))


@router.get("/entities", summary="Canonical entities (people, organisations, units, places)")
def api_entities(
    store: StoreDep,
    type: Annotated[str | None, Query(description="person, organization, place, unit, outlet, group")] = None,
    q: Annotated[str | None, Query(description="part of the name or an alias")] = None,
) -> dict[str, Any]:
    out = []
    for e in store.entities().values():
        if type and e.type != type:
            continue
        if q and not _matches(q, [e.name, *e.aliases]):
            continue
        out.append(entity_json(e))
    return {"entities": out}


def _matches(query: str, names: list[str]) -> bool:
    needle = query.casefold()
    return any(needle in n.casefold() for n in names)


@router.get("/entities/{entity_id}", summary="One entity and the documents that mention it")
def api_entity(entity_id: str, store: StoreDep) -> dict[str, Any]:
    entity = store.entities().get(entity_id)
    if entity is None:
        raise ApiError(404, "not_found", f"no entity with id {entity_id!r}")
    return {**entity_json(entity), "documents": views.documents_mentioning(store, entity_id)}


@router.get("/search", summary="Full-text search (SQLite FTS5 syntax) and entity names")
def api_search(
    store: StoreDep, q: Annotated[str, Query(min_length=1)], limit: Annotated[int, Query(ge=1, le=200)] = 20
) -> dict[str, Any]:
    try:
        hits = store.search(q, limit=limit)
    except StoreError as exc:
        raise ApiError(400, "bad_query", str(exc)) from exc
    entities = [entity_json(e) for e in store.entities().values() if _matches(q, [e.name, *e.aliases])]
    return {
        "query": q,
        "documents": [
            {"id": h.document, "title": h.title, "path": h.path, "snippet": h.snippet, "score": h.score} for h in hits
        ],
        "entities": entities[:limit],
    }


_MEDIA = {
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "geojson": "application/geo+json",
}


@router.get("/export", summary="The exports of docs/export.md: json, jsonl, csv (claim ledger) or geojson")
def api_export(
    store: StoreDep,
    format: Annotated[str, Query(pattern="^(json|jsonl|csv|geojson)$")] = "json",
    include_text: bool = False,
) -> Response:
    if format == "json":
        return JSONResponse(export_dict(store, include_text=include_text))
    if format == "geojson":
        return JSONResponse(geojson(store), media_type=_MEDIA["geojson"])
    buf = io.StringIO()
    write_export(store, format, buf, include_text=include_text)
    headers = {"content-disposition": f'attachment; filename="newstrace.{format}"'}
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
