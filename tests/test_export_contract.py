"""The JSON export contract of docs/export.md, pinned on the processed examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs" / "export.md"

TOP_KEYS = {
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
}
FIELDS = {
    "documents": {"id", "path", "sha256", "title", "outlet", "published", "language", "segments"},
    "segments": {"kind", "text", "start", "end"},
    "entities": {"id", "type", "name", "aliases"},
    "places": {"lat", "lon", "gazetteer_id", "country_code", "precision"},
    "mentions": {"document", "start", "end", "text", "entity"},
    "associated_places": {"document", "start", "end", "text", "name", "lat", "lon", "gazetteer_id", "precision"},
    "dates": {"document", "start", "end", "text", "value", "precision"},
    "quantities": {"document", "start", "end", "text", "value", "unit", "qualifier", "counted"},
    "quotes": {"document", "start", "end", "text", "speaker", "cited_outlet"},
    "claims": {"id", "document", "start", "end", "text", "attribution", "hedges"},
    "stories": {"id", "documents"},
    "claim_groups": {"id", "claims", "independent_sources"},
    "contradictions": {"claims", "kind", "explanation"},
}
SEGMENT_KINDS = {"body", "title", "byline", "caption", "boilerplate", "other"}


def export_json(db: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "export", "--db", str(db), "--format", "json", "--include-text"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def check_contract(data: dict) -> None:
    """Every key and field the contract promises, and offsets that index the stored text."""
    assert TOP_KEYS <= set(data)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for d in data["documents"]:
        assert FIELDS["documents"] <= set(d)
        assert len(d["sha256"]) == 64
        for s in d["segments"]:
            assert FIELDS["segments"] <= set(s) and s["kind"] in SEGMENT_KINDS
            assert d["text"][s["start"] : s["end"]] == s["text"]
    entity_ids = set()
    places = set()
    for e in data["entities"]:
        assert FIELDS["entities"] <= set(e)
        entity_ids.add(e["id"])
        if e["type"] == "place":
            assert FIELDS["places"] <= set(e)
            places.add(e["id"])
    for key in ("mentions", "associated_places", "dates", "quantities", "quotes", "claims"):
        for r in data[key]:
            assert FIELDS[key] <= set(r), key
            assert texts[r["document"]][r["start"] : r["end"]] == r["text"], (key, r)
    for m in data["mentions"]:
        assert m["entity"] is None or m["entity"] in entity_ids
    # Associative places ("Russian forces") are never place mentions: no mention of a place entity shares a span.
    place_spans = {(m["document"], m["start"], m["end"]) for m in data["mentions"] if m["entity"] in places}
    for a in data["associated_places"]:
        assert (a["document"], a["start"], a["end"]) not in place_spans, a
    claim_ids = {c["id"] for c in data["claims"]}
    doc_ids = set(texts)
    for s in data["stories"]:
        assert FIELDS["stories"] <= set(s) and set(s["documents"]) <= doc_ids
    for g in data["claim_groups"]:
        assert FIELDS["claim_groups"] <= set(g) and set(g["claims"]) <= claim_ids
        assert g["independent_sources"] >= 1
    for c in data["contradictions"]:
        assert FIELDS["contradictions"] <= set(c) and set(c["claims"]) <= claim_ids


def test_every_contract_key_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for key in TOP_KEYS:
        assert f"`{key}`" in text, key
    for fields in FIELDS.values():
        for f in fields:
            assert f"`{f}`" in text, f


def test_examples_export_meets_the_contract(examples_db: Path) -> None:
    from newstrace.report.validate import validate_export

    data = export_json(examples_db)
    check_contract(data)
    assert validate_export(data) == []
    assert len(data["documents"]) == 10
    # Every stage gave real output on the examples.
    for key in TOP_KEYS - {"contradictions"}:
        assert data[key], f"{key} is empty on the examples"
    assert data["contradictions"], "the examples disagree on the death toll; no contradiction was found"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson"])
def test_other_formats(examples_db: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"export.{fmt}"
    subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "export", "--db", str(examples_db), "--format", fmt, "-o", str(out)],
        check=True,
        capture_output=True,
    )
    text = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        types = {json.loads(line)["record"] for line in text.splitlines()}
        assert TOP_KEYS <= types | {"contradictions"}
    elif fmt == "csv":
        import csv

        rows = list(csv.DictReader(text.splitlines()))
        assert rows and {"claim_id", "document", "start", "end", "text", "source", "status"} <= set(rows[0])
    else:
        gj = json.loads(text)
        assert gj["type"] == "FeatureCollection" and gj["features"]
        for f in gj["features"]:
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert f["properties"]["precision"] in {"point", "district", "region", "country", "continent"}
