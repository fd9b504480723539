"""FollowTheMoney entities (report/ftm.py), checked with followthemoney's own model and its `ftm` tool."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from followthemoney import model

from newstrace.report.ftm import check_ftm, ftm_id
from newstrace.store import open_store


def export_ftm(db: Path, out: Path, *extra: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "export", "--db", str(db), "--format", "ftm", "-o", str(out), *extra],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def examples_ftm(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("ftm") / "examples.ftm.jsonl"
    return out, export_ftm(examples_db, out)


def test_every_entity_passes_followthemoney(examples_ftm: tuple[Path, list[dict]]) -> None:
    out, entities = examples_ftm
    assert check_ftm(out.read_text(encoding="utf-8").splitlines()) == []
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        proxy.schema.validate(data)  # raises InvalidData on a bad value or a missing required property
        assert not proxy.schema.abstract


def test_schemata_and_links(examples_db: Path, examples_ftm: tuple[Path, list[dict]]) -> None:
    _, entities = examples_ftm
    by_id = {e["id"]: e for e in entities}
    schemata = Counter(e["schema"] for e in entities)
    assert schemata["Article"] == 10
    assert {"Person", "Organization", "Address", "Documentation", "Event"} <= set(schemata)
    with open_store(examples_db) as store:
        docs = {d.id: d for d in store.iter_documents()}
        stored = store.entities()
    for doc in docs.values():
        a = by_id[ftm_id(doc.id)]
        assert a["schema"] == "Article"
        assert a["properties"]["fileName"] == [doc.path]
        assert doc.sha256 in a["properties"]["notes"][0]
        if doc.outlet:
            assert a["properties"]["publisher"] == [doc.outlet]
    # Ids come from newstrace's own ids; entities keep their names, places their coordinates.
    kyiv = [e for e in stored.values() if e.place and e.place.gazetteer_id == "geonames:703448"]
    assert kyiv
    address = by_id[ftm_id(kyiv[0].id)]
    assert address["schema"] == "Address" and float(address["properties"]["latitude"][0]) == pytest.approx(kyiv[0].place.lat)
    # Every link and event points at entities of the file, and every event at the article it came from.
    for e in entities:
        if e["schema"] == "Documentation":
            assert by_id[e["properties"]["document"][0]]["schema"] == "Article"
            assert e["properties"]["entity"][0] in by_id
        if e["schema"] == "Event":
            assert by_id[e["properties"]["proof"][0]]["schema"] == "Article"
            assert e["properties"]["summary"] and e["properties"]["recordId"][0].startswith("claim_")
    strike = [e for e in entities if e["schema"] == "Event" and "Kostyantynivka" in e["properties"].get("location", [])]
    assert strike and any(e["properties"].get("addressEntity") for e in strike)
    # Groups ("Russian") have no FtM schema; they are not made into organisations.
    assert not any(e["properties"].get("name") == ["Russian"] for e in entities)


def test_followthemoney_cli_reads_it_unchanged(examples_ftm: tuple[Path, list[dict]], tmp_path: Path) -> None:
    """`ftm validate` re-parses and re-cleans every value: a clean export comes back the same."""
    ftm = shutil.which("ftm") or str(Path(sys.executable).parent / "ftm")
    if not Path(ftm).exists():
        pytest.skip("the followthemoney `ftm` command is not installed")
    out, entities = examples_ftm
    cleaned = tmp_path / "cleaned.jsonl"
    subprocess.run([ftm, "validate", "-i", str(out), "-o", str(cleaned)], check=True, capture_output=True)
    again = [json.loads(line) for line in cleaned.read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["schema"], e["properties"]) for e in again] == [
        (e["id"], e["schema"], e["properties"]) for e in entities
    ]


def test_ids_are_stable_and_text_is_optional(examples_db: Path, tmp_path: Path) -> None:
    first = export_ftm(examples_db, tmp_path / "a.jsonl")
    second = export_ftm(examples_db, tmp_path / "b.jsonl", "--include-text")
    assert [e["id"] for e in first] == [e["id"] for e in second]
    assert not any("bodyText" in e["properties"] for e in first)
    assert all(e["properties"].get("bodyText") for e in second if e["schema"] == "Article")


def test_check_ftm_finds_what_aleph_would_refuse() -> None:
    good = {"id": "doc-1", "schema": "Article", "properties": {"title": ["A"]}}
    lines = [
        json.dumps(good),
        json.dumps({"id": "doc_2", "schema": "Article", "properties": {}}),  # "_" is not allowed in FtM ids
        json.dumps({"id": "p-1", "schema": "Person", "properties": {"name": ["X"], "shoeSize": ["44"]}}),
        json.dumps({"id": "p-2", "schema": "Person", "properties": {"birthDate": ["yesterday"]}}),
        json.dumps({"id": "l-1", "schema": "Documentation", "properties": {"document": ["doc-9"], "entity": ["p-1"]}}),
        json.dumps({"id": "l-2", "schema": "Documentation", "properties": {"document": ["p-1"], "entity": ["doc-1"]}}),
        json.dumps({"id": "t-1", "schema": "Thing", "properties": {"name": ["X"]}}),
        "not json",
    ]
    problems = "\n".join(check_ftm(lines))
    assert "line 1:" not in problems
    for expected in (
        "line 2: id 'doc_2'",
        "line 3: Person has no property 'shoeSize'",
        "line 4: Person.birthDate",
        "line 4: Person lacks the required 'name'",
        "line 5: Documentation.document points to doc-9, not in the file",
        "line 6: Documentation.document points to a Person, not a Document",
        "line 7: schema Thing is abstract",
        "line 8: not JSON",
    ):
        assert expected in problems, (expected, problems)


def test_api_gives_events_and_ftm(examples_db: Path) -> None:
    import httpx
    from test_serve_api import start_server

    with start_server(examples_db, read_only=True) as base:
        ftm = httpx.get(f"{base}/api/export", params={"format": "ftm"}, timeout=60)
        assert ftm.status_code == 200 and ftm.headers["content-type"].startswith("application/x-ndjson")
        assert check_ftm(ftm.text.splitlines()) == []
        events = httpx.get(f"{base}/api/export", params={"format": "events"}, timeout=60)
        assert events.status_code == 200 and events.headers["content-type"].startswith("text/csv")
        assert 'filename="newstrace.events.csv"' in events.headers["content-disposition"]
        assert events.text.startswith("event_id_cnty,event_date,year,time_precision,")


@pytest.mark.slow
def test_real_corpus_ftm_validates(real_run: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    db, _ = real_run
    out = tmp_path / "real.ftm.jsonl"
    entities = export_ftm(db, out)
    assert check_ftm(out.read_text(encoding="utf-8").splitlines()) == []
    schemata = Counter(e["schema"] for e in entities)
    # 422 articles and 1,248 events were measured on 2026-11-25 (docs/export.md).
    assert schemata["Article"] > 400 and schemata["Event"] > 900
