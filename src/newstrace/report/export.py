"""Exports: the JSON contract (docs/export.md), JSON Lines, a claim-ledger CSV, GeoJSON, ACLED-style
events (report/events.py) and FollowTheMoney entities (report/ftm.py).

The JSON export is one object whose keys are pinned by tests/test_export_contract.py.
All offsets index the document's stored text (``documents[].text`` is included
with ``--include-text``; the segments always carry their own text).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, TextIO

from .. import __version__
from ..record import AssociatedPlace, Claim, Document, Entity, Mention
from ..store import Store

__all__ = ["export_dict", "write_export", "document_json", "entity_json", "mention_json", "claim_json",
           "associated_place_json", "place_feature", "geojson", "FORMATS", "CONTRACT_KEYS"]

FORMATS = ("json", "jsonl", "csv", "geojson", "events", "ftm")
CONTRACT_KEYS = (
    "documents",
    "entities",
    "mentions",
    "associated_places",
    "dates",
    "quantities",
    "quotes",
    "claims",
    "stories",
    "claim_groups",
    "contradictions",
)


def entity_json(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name, "aliases": sorted(set(e.aliases))}
    if e.reasons:
        out["merge_reasons"] = list(e.reasons)
    if e.type == "place":
        p = e.place
        out.update(
            lat=p.lat if p else None,
            lon=p.lon if p else None,
            gazetteer_id=p.gazetteer_id if p else None,
            country_code=p.country_code if p else None,
            precision=p.precision if p else None,
            score=p.score if p else None,
        )
    return out


def document_json(doc: Document, include_text: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "sha256": doc.sha256,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published,
        "published_source": doc.published_source,
        "language": doc.language,
        "media_type": doc.media_type,
        "length": len(doc.text),
        "segments": [
            {
                "kind": s.kind,
                "text": doc.text[s.start : s.end],
                "start": s.start,
                "end": s.end,
                "language": s.language,
                "reason": s.reason,
            }
            for s in doc.segments
        ],
        "errors": [{"stage": e.stage, "message": e.message} for e in doc.errors],
    }
    if include_text:
        out["text"] = doc.text
    return out


def mention_json(m: Mention) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "entity": m.entity}


def associated_place_json(a: AssociatedPlace) -> dict[str, Any]:
    """A place the document is about (not where anything happened): never an entity, never on the map."""
    p = a.place
    return {
        "start": a.start,
        "end": a.end,
        "text": a.text,
        "name": a.name,
        "lat": p.lat,
        "lon": p.lon,
        "gazetteer_id": p.gazetteer_id,
        "country_code": p.country_code,
        "precision": p.precision,
        "score": p.score,
        "reason": a.reason,
    }


def claim_json(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "kind": c.kind,
        "attribution": [asdict(a) for a in c.attribution],
        "hedges": c.hedges,
        "quantities": c.quantities,
        "quotes": c.quotes,
    }


def iter_records(store: Store, *, include_text: bool = False) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key, record) for everything in the store, key being one of the contract's lists."""
    for doc in store.iter_documents():
        yield "documents", document_json(doc, include_text)
        d = doc.id
        for m in doc.mentions:
            yield "mentions", {"document": d, **mention_json(m)}
        for a in doc.associated_places:
            yield "associated_places", {"document": d, **associated_place_json(a)}
        for x in doc.dates:
            yield "dates", {"document": d, **asdict(x)}
        for q in doc.quantities:
            yield "quantities", {"document": d, **asdict(q)}
        for qt in doc.quotes:
            yield "quotes", {"document": d, **asdict(qt)}
        for c in doc.claims:
            yield "claims", {"document": d, **claim_json(c)}
    for e in store.entities().values():
        yield "entities", entity_json(e)
    corpus = store.load_corpus()
    for s in corpus.stories:
        yield "stories", {"id": s.id, "title": s.title, "documents": s.documents, "score": s.score}
    for g in corpus.claim_groups:
        yield "claim_groups", asdict(g)
    for con in corpus.contradictions:
        yield "contradictions", asdict(con)
    for copy, original, similarity in corpus.copies:
        yield "copies", {"document": copy, "original": original, "similarity": similarity}
    for err in store.ingest_errors():
        yield "ingest_errors", asdict(err)


def export_dict(store: Store, *, include_text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "newstrace": {
            "version": __version__,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "contract": "docs/export.md",
        }
    }
    lists: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, record in iter_records(store, include_text=include_text):
        lists[key].append(record)
    for key in (*CONTRACT_KEYS, "copies", "ingest_errors"):
        out[key] = lists.get(key, [])
    return out


def write_export(store: Store, fmt: str, out: TextIO, *, include_text: bool = False) -> int:
    """Write the export in ``fmt``; return the number of records written."""
    if fmt == "json":
        data = export_dict(store, include_text=include_text)
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return sum(len(v) for k, v in data.items() if isinstance(v, list))
    if fmt == "jsonl":
        n = 0
        for key, record in iter_records(store, include_text=include_text):
            out.write(json.dumps({"record": key, **record}, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        return _write_claims_csv(store, out)
    if fmt == "geojson":
        data = geojson(store)
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(data["features"])
    if fmt == "events":
        from .events import write_events_csv

        return write_events_csv(store, out)
    if fmt == "ftm":
        try:
            from .ftm import write_ftm  # imports followthemoney, which takes a moment: only when asked
        except ModuleNotFoundError as exc:
            raise RuntimeError(
                "the FollowTheMoney export needs the followthemoney package: pip install 'newstrace[ftm]' "
                "(it builds PyICU, which needs libicu-dev and a C++ compiler)"
            ) from exc

        return write_ftm(store, out, include_text=include_text)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


CSV_COLUMNS = (
    "claim_id",
    "document",
    "path",
    "outlet",
    "published",
    "start",
    "end",
    "kind",
    "text",
    "source",
    "attribution_chain",
    "hedges",
    "quantities",
    "places",
    "dates",
    "claim_group",
    "independent_sources",
    "status",
)


def _write_claims_csv(store: Store, out: TextIO) -> int:
    """The claim ledger: one row per claim with its source chain, numbers, places and status."""
    corpus = store.load_corpus()
    group_of = {c: g for g in corpus.claim_groups for c in g.claims}
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for doc in store.iter_documents():
        for c in doc.claims:
            places = sorted(
                {
                    doc.entities[m.entity].name
                    for m in doc.mentions
                    if m.entity in doc.entities
                    and doc.entities[m.entity].type == "place"
                    and c.start <= m.start < c.end
                }
            )
            dates = [x.value or x.text for x in doc.dates if c.start <= x.start < c.end]
            quants = [doc.quantities[i].text for i in c.quantities if 0 <= i < len(doc.quantities)]
            g = group_of.get(c.id)
            link = c.primary_source()
            primary = link.source if link else (doc.outlet or "")
            writer.writerow(
                [
                    c.id,
                    doc.id,
                    doc.path,
                    doc.outlet or "",
                    doc.published or "",
                    c.start,
                    c.end,
                    c.kind,
                    c.text,
                    primary,
                    " -> ".join(f"{a.kind}:{a.source}" for a in c.attribution),
                    "; ".join(c.hedges),
                    "; ".join(quants),
                    "; ".join(places),
                    "; ".join(dates),
                    g.id if g else "",
                    g.independent_sources if g else "",
                    g.status if g else "",
                ]
            )
            n += 1
    return n


def place_feature(e: Entity, refs: list[dict[str, Any]]) -> dict[str, Any]:
    """A located place as a GeoJSON Feature; ``refs`` are its mentions ({document, start, end, text})."""
    assert e.place is not None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [e.place.lon, e.place.lat]},
        "properties": {
            "id": e.id,
            "name": e.name,
            "aliases": sorted(set(e.aliases)),
            "gazetteer_id": e.place.gazetteer_id,
            "country_code": e.place.country_code,
            "precision": e.place.precision,
            "score": e.place.score,
            "mentions": len(refs),
            "documents": sorted({r["document"] for r in refs}),
            "evidence": refs[:20],
        },
    }


def geojson(store: Store) -> dict[str, Any]:
    """Places with coordinates as a GeoJSON FeatureCollection (opens in QGIS)."""
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in store.iter_documents():
        for m in doc.mentions:
            if m.entity:
                mentions[m.entity].append({"document": doc.id, "start": m.start, "end": m.end, "text": m.text})
    features = []
    for e in store.entities().values():
        if e.type != "place" or e.place is None:
            continue
        features.append(place_feature(e, mentions.get(e.id, [])))
    return {"type": "FeatureCollection", "features": features}


def to_string(store: Store, fmt: str) -> str:
    buf = io.StringIO()
    write_export(store, fmt, buf)
    return buf.getvalue()
