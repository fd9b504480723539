"""Associative places ("Russian forces" -> Russia, "the EU", "Toronto Police Services Board" -> Toronto) on the
document: filled by the extract.places stage, stored (migration 5), exported as ``associated_places`` and shown
as the web page's "About" line, but never a place mention: no event location, no map point, no claim place."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newstrace.bench.serve import running_server
from newstrace.record import AssociatedPlace, Document, Entity, Mention, Place, Segment
from newstrace.report.export import CONTRACT_KEYS, export_dict, to_string, write_export
from newstrace.report.validate import guess_kind, validate_export
from newstrace.store import Original, SQLiteStore, open_store
from newstrace.store.migrations import _statements, available_migrations

RUSSIAN_ONLY = (
    "Drone strike kills two\n\n"
    "Russian officials said two civilians were killed in an overnight drone strike. "
    "EU diplomats condemned the attack.\n"
)

RUSSIA = Place(lat=60.0, lon=100.0, gazetteer_id="geonames:2017370", country_code="RU", precision="country", score=0.9)
EU = Place(lat=50.0, lon=10.0, gazetteer_id="newstrace:european-union", country_code=None, precision="region")


def _stored_doc(store: SQLiteStore, doc_id: str = "doc_1") -> Document:
    text = "Russian forces shelled Kharkiv, EU leaders said."
    doc = Document(id=doc_id, sha256=doc_id[-1] * 64, path=f"{doc_id}.txt", text=text)
    store.add_ingested(Original(doc.sha256, text.encode(), doc.path, "text/plain"), [doc])
    kharkiv = Place(lat=49.98, lon=36.25, gazetteer_id="geonames:706483", country_code="UA", precision="point")
    doc.segments = [Segment(0, len(text), "body", "en")]
    doc.entities = {"place_k": Entity("place_k", "place", "Kharkiv", ["Kharkiv"], kharkiv)}
    doc.mentions = [Mention(23, 30, "Kharkiv", "GPE", "place_k")]
    doc.associated_places = [
        AssociatedPlace(0, 7, "Russian", "Russia", RUSSIA, "demonym of Russia"),
        AssociatedPlace(32, 34, "EU", "European Union", EU, "name; only match"),
    ]
    return doc


# --- the stage -------------------------------------------------------------------------------------------------


def test_the_places_stage_fills_associated_places_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    from newstrace import Pipeline
    from newstrace.pipeline import get_stage

    assert "associated_places" in get_stage("extract.places").provides
    text = (
        "Russian forces shelled Kharkiv on Tuesday, while EU leaders met in Brussels. "
        "The Toronto Police Services Board said nothing."
    )
    pipe = Pipeline.from_names(["clean.segments", "extract.nlp", "extract.entities", "extract.places"])
    doc = pipe(Document(id="t", sha256="", path="t", text=text))
    about = {a.text: a for a in doc.associated_places}
    assert about["Russian"].name == "Russia" and about["Russian"].place.country_code == "RU"
    assert about["EU"].name == "European Union"
    for a in doc.associated_places:
        assert text[a.start : a.end] == a.text
    # Kept apart: no place mention or place entity for Russia or the EU; Kharkiv stays a place mention.
    located = {doc.entities[m.entity].name for m in doc.mentions if m.entity and doc.entities[m.entity].place}
    assert "Kharkiv" in located
    assert "Russia" not in located and "European Union" not in located
    ids = {a.place.gazetteer_id for a in doc.associated_places}
    assert not any(e.place and e.place.gazetteer_id in ids for e in doc.entities.values())


# --- the store -------------------------------------------------------------------------------------------------


def test_store_round_trip_and_replace(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite")
    doc = _stored_doc(store)
    store.save_analysis([doc], "test")
    back = store.load_document("doc_1")
    assert back.associated_places == doc.associated_places
    assert back.mentions == doc.mentions  # the place mentions are what they were: nothing joined them
    assert set(back.entities) == {"place_k"}
    store.save_analysis([doc], "test")  # saving again replaces, never duplicates
    assert store.stats()["associated_places"] == 2
    doc.associated_places = doc.associated_places[:1]
    store.save_analysis([doc], "test")
    assert store.load_document("doc_1").associated_places == doc.associated_places
    assert store.stats()["associated_places"] == 1
    store.close()


def _schema(db: sqlite3.Connection) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in db.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}


def test_a_version_4_database_upgrades_in_place(tmp_path: Path) -> None:
    """A database made before associative places were stored opens with the new code, its data intact."""
    versions = [v for v, _, _ in available_migrations()]
    assert 5 in versions and versions[-1] >= 5
    # The schema of version 4, from the migration files themselves.
    ref = sqlite3.connect(tmp_path / "v4-ref.sqlite", isolation_level=None)
    for version, _, sql in available_migrations():
        if version <= 4:
            for statement in _statements(sql):
                ref.execute(statement)
    # A database with data, taken back to version 4 (migration 5 only adds its table and index).
    path = tmp_path / "old.sqlite"
    store = open_store(path)
    doc = _stored_doc(store)
    doc.associated_places = []
    store.save_analysis([doc], "old")
    store.close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP TABLE associated_places")
    db.execute("ALTER TABLE quotes DROP COLUMN continues")  # migration 6
    db.execute("DELETE FROM schema_migrations WHERE version >= 5")
    assert {x for x in _schema(db) if x[0] != "schema_migrations"} == _schema(ref)
    ref.close()
    db.close()
    # Opened with the new code: migrated, nothing lost, and associative places can be stored.
    store = SQLiteStore(path)
    assert 5 in {r[0] for r in store.db.execute("SELECT version FROM schema_migrations")}
    back = store.load_document("doc_1")
    assert back.text == doc.text and back.mentions == doc.mentions and back.segments == doc.segments
    assert back.entities["place_k"].place == doc.entities["place_k"].place
    assert back.associated_places == []
    again = _stored_doc(store, "doc_2")
    store.save_analysis([again], "new")
    assert store.load_document("doc_2").associated_places == again.associated_places
    store.close()


# --- the export ------------------------------------------------------------------------------------------------


def test_json_and_jsonl_carry_associated_places_at_their_offsets(tmp_path: Path) -> None:
    assert "associated_places" in CONTRACT_KEYS
    store = open_store(tmp_path / "e.sqlite")
    doc = _stored_doc(store)
    store.save_analysis([doc], "test")
    data = export_dict(store, include_text=True)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    rows = data["associated_places"]
    assert [(r["document"], r["text"], r["name"]) for r in rows] == [
        ("doc_1", "Russian", "Russia"),
        ("doc_1", "EU", "European Union"),
    ]
    for r in rows:
        assert texts[r["document"]][r["start"] : r["end"]] == r["text"]
        assert {"lat", "lon", "gazetteer_id", "country_code", "precision", "score", "reason"} <= set(r)
    # Not entities, not mentions: the export's place lists are what they were.
    assert [e["name"] for e in data["entities"]] == ["Kharkiv"]
    assert [m["text"] for m in data["mentions"]] == ["Kharkiv"]
    assert validate_export(data) == []
    buf = io.StringIO()
    write_export(store, "jsonl", buf)
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert [x["text"] for x in lines if x["record"] == "associated_places"] == ["Russian", "EU"]
    store.close()


def test_validate_finds_associated_places_off_their_text(tmp_path: Path) -> None:
    store = open_store(tmp_path / "v.sqlite")
    store.save_analysis([_stored_doc(store)], "test")
    data = export_dict(store, include_text=True)
    store.close()
    data["associated_places"][0]["start"] += 1
    data["associated_places"][1]["lat"] = 123.0
    problems = validate_export(data)
    assert any(p.startswith("associated_places/0: text 'Russian'") for p in problems), problems
    assert any(p.startswith("associated_places/1: coordinates") for p in problems), problems
    del data["associated_places"]
    assert validate_export(data) == ["(top): no `associated_places` list"]
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"newstrace": {}, **{k: [] for k in CONTRACT_KEYS}}, indent=1), encoding="utf-8")
    assert guess_kind(path, path.read_text(encoding="utf-8")) == "json"


@pytest.fixture(scope="module")
def russian_only_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article whose only place words are "Russian" and "EU", through the whole pipeline."""
    from newstrace import run

    folder = tmp_path_factory.mktemp("russian-only")
    (folder / "in").mkdir()
    (folder / "in" / "strike.txt").write_text(RUSSIAN_ONLY, encoding="utf-8")
    db = folder / "r.sqlite"
    run([str(folder / "in")], db=db, out_dir=folder / "out")
    return db


def test_russian_officials_said_is_no_event_location_and_no_map_point(russian_only_db: Path) -> None:
    with open_store(russian_only_db) as store:
        (doc,) = list(store.iter_documents())
        assert {a.name for a in doc.associated_places} == {"Russia", "European Union"}
        geo = json.loads(to_string(store, "geojson"))
        assert geo["features"] == []
        events = list(csv.DictReader(io.StringIO(to_string(store, "events"))))
        assert events, "the drone strike is an event row"
        for row in events:
            assert row["location"] == row["latitude"] == row["longitude"] == row["place_id"] == ""
            assert row["country"] == "" and row["event_id_cnty"].startswith("XXX-")
        claims = list(csv.DictReader(io.StringIO(to_string(store, "csv"))))
        assert claims and all(row["places"] == "" for row in claims)
        ftm = [json.loads(line) for line in to_string(store, "ftm").splitlines()]
        assert not [e for e in ftm if e["schema"] == "Address"]
        assert not any(e["properties"].get("locationMentioned") for e in ftm)


def test_other_exports_do_not_change_with_associated_places(russian_only_db: Path, tmp_path: Path) -> None:
    """CSV, GeoJSON, events and FtM are byte for byte the same with and without the associative places."""
    path = tmp_path / "copy.sqlite"
    src = sqlite3.connect(russian_only_db)
    src.backup(dst := sqlite3.connect(path))
    src.close()
    dst.close()
    with open_store(path) as store:
        (doc,) = list(store.iter_documents())
        assert doc.associated_places
        before = {fmt: to_string(store, fmt) for fmt in ("csv", "geojson", "events", "ftm")}
        corpus = store.load_corpus()
        doc.associated_places = []
        store.save_analysis([doc], "test")  # drops the claims' groups: the fuse phase would rebuild the same
        store.save_corpus(corpus)
        after = {fmt: to_string(store, fmt) for fmt in ("csv", "geojson", "events", "ftm")}
    assert after == before


# --- the web app -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(russian_only_db: Path) -> Iterator[str]:
    with running_server(russian_only_db, read_only=True, log_dir=russian_only_db.parent) as base:
        yield base


def test_document_page_says_what_it_is_about_but_maps_nothing(server: str) -> None:
    with httpx.Client(base_url=server, timeout=120) as client:
        (doc,) = client.get("/api/documents").json()["documents"]
        html = client.get(f"/documents/{doc['id']}").text
        assert '<strong>About:</strong> <span title="as written: Russian">Russia</span>, ' in html
        assert ">European Union</span>" in html
        body = client.get(f"/api/documents/{doc['id']}").json()
        assert [(a["text"], a["name"]) for a in body["associated_places"]] == [
            ("Russian", "Russia"),
            ("EU", "European Union"),
        ]
        assert not [e for e in body["entities"] if e["type"] == "place"]
        (story,) = client.get("/api/stories").json()["stories"]
        assert client.get(f"/api/stories/{story['id']}/geojson").json()["features"] == []
