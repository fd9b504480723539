"""The SQLite store: migrations, round trips, atomic batches."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newstrace.errors import StoreError
from newstrace.record import (
    AttributionLink,
    Claim,
    ClaimGroup,
    Contradiction,
    Corpus,
    DateMention,
    Document,
    Entity,
    Mention,
    Place,
    Quantity,
    Quote,
    Segment,
    StageError,
    Story,
)
from newstrace.store import Original, open_store
from newstrace.store.migrations import available_migrations, migrate


def _doc(text: str = "At least 11 people were killed in Kostiantynivka, the prosecutor said.") -> Document:
    return Document(id="doc_1", sha256="a" * 64, path="x.txt", text=text, outlet="Donbas Daily")


def test_migrations_are_ordered_and_idempotent(tmp_path: Path) -> None:
    versions = [v for v, _, _ in available_migrations()]
    assert versions == sorted(versions) and versions[0] == 1
    db = sqlite3.connect(tmp_path / "m.sqlite", isolation_level=None)
    assert migrate(db) == versions
    assert migrate(db) == []
    assert [r[0] for r in db.execute("SELECT version FROM schema_migrations")] == versions


def test_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="newstrace database"):
        open_store(bad)
    with pytest.raises(StoreError, match="PostgreSQL"):
        open_store("postgresql://localhost/newstrace")


def test_analysis_round_trip(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite")
    doc = _doc()
    store.add_ingested(Original("b" * 64, doc.text.encode(), "x.txt", "text/plain"), [doc])
    place = Place(lat=48.53, lon=37.71, gazetteer_id="geonames:705104", country_code="UA", precision="point")
    doc.segments = [Segment(0, len(doc.text), "body", "en", "sentence")]
    doc.entities = {"ent_p": Entity("ent_p", "place", "Kostiantynivka", ["Kostiantynivka"], place)}
    doc.mentions = [Mention(35, 49, "Kostiantynivka", "GPE", "ent_p")]
    doc.dates = [DateMention(0, 2, "At", "2024-03-14", None, "day", "test")]
    doc.quantities = [Quantity(0, 11, "At least 11", 11.0, None, None, None, "at least", "people", "killed")]
    doc.quotes = [Quote(0, 10, "At least 1", "indirect", "the prosecutor", 55, 69, None, "said", 70, 74, None)]
    doc.claims = [
        Claim(
            "claim_1",
            0,
            len(doc.text),
            doc.text,
            "reported_fact",
            [AttributionLink("published", "Donbas Daily"), AttributionLink("said", "the prosecutor")],
            ["said"],
            [0],
            [0],
        )
    ]
    doc.errors = [StageError("extract.dates", "ValueError: boom")]
    store.save_analysis([doc], "test")
    back = store.load_document("doc_1")
    assert back.segments == doc.segments
    assert back.mentions == doc.mentions
    assert back.entities["ent_p"].place == place
    assert back.dates == doc.dates
    assert back.quantities == doc.quantities
    assert back.quotes == doc.quotes
    assert back.claims == doc.claims
    assert back.errors == doc.errors
    # Saving again replaces, never duplicates.
    store.save_analysis([doc], "test")
    assert store.stats()["claims"] == 1 and store.stats()["mentions"] == 1
    corpus = Corpus(
        stories=[Story("story_1", ["doc_1"], "t", 1.0)],
        claim_groups=[ClaimGroup("cg_1", ["claim_1"], "story_1", 1, ["the prosecutor"], "single_source", 1.0)],
        contradictions=[Contradiction(["claim_1"], "denial", "x", "story_1")],
        copies=[],
    )
    store.save_corpus(corpus, state="s1")
    assert store.load_corpus() == corpus
    assert store.get_meta("fused_state") == "s1"
    store.close()


def test_failed_batch_leaves_nothing_half_written(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite")
    doc = _doc()
    store.add_ingested(Original("b" * 64, doc.text.encode(), "x.txt", "text/plain"), [doc])
    doc.segments = [Segment(0, 5, "body")]
    broken = Document(id="doc_missing", sha256="c" * 64, path="y.txt", text="y")  # not ingested: FK fails
    broken.segments = [Segment(0, 1, "body")]
    with pytest.raises(sqlite3.IntegrityError):
        store.save_analysis([doc, broken], "test")
    assert store.stats()["segments"] == {}
    assert store.count_pending() == 1
    store.close()


def test_search_uses_fts5_and_explains_bad_queries(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite")
    doc = _doc()
    store.add_ingested(Original("b" * 64, doc.text.encode(), "x.txt", "text/plain"), [doc])
    hits = store.search("kostiantynivka")
    assert [h.document for h in hits] == ["doc_1"]
    with pytest.raises(StoreError, match="FTS5"):
        store.search('"unbalanced')
    store.close()
