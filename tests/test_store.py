"""The SQLite store: migrations, round trips, atomic batches."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
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
from newstrace.store import Original, SQLiteStore, open_store
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
    doc.quotes = [
        Quote(0, 10, "At least 1", "indirect", "the prosecutor", 55, 69, None, "said", 70, 74, None, "speech"),
        Quote(0, 10, "At least 1", "indirect", "the governor", 55, 69, None, "believes", 70, 74, None, "belief"),
    ]
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
    assert back.entities["ent_p"].reasons == []
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


# --- paged reads for the web app (issue 7) ----------------------------------------------


def _paged_store(tmp_path: Path) -> tuple[SQLiteStore, list[Document]]:
    """Seven documents (one from a JSON Lines file), two stories, entities with non-ASCII aliases."""
    store = SQLiteStore(tmp_path / "p.sqlite")
    docs = []
    kyiv = Entity(
        "place_kyiv", "place", "Kyiv", ["Kyiv", "Київ", "KIEV"], Place(50.45, 30.52, "geonames:703448", "UA", "point")
    )
    zsu = Entity("org_zsu", "organization", "Збройні сили України", ["ЗСУ"])
    for i in range(6):
        text = f"Report {i}: shelling in Kyiv overnight, officials said. Київ was hit again."
        doc = Document(id=f"doc_{i}", sha256=f"{i}" * 64, path=f"a/{i}.txt", text=text, outlet=f"Outlet {i % 2}")
        doc.published = f"2024-03-1{i}"
        raw = f"raw bytes of file {i}\r\n".encode()
        store.add_ingested(Original(f"{i}" * 63 + "f", raw, f"a/{i}.txt", "text/plain"), [doc])
        docs.append(doc)
    jsonl = b'{"text": "first record"}\n{"text": "Kyiv second record"}\n'
    member = Document(id="doc_j", sha256="e" * 64, path="feed.jsonl#2", text="Kyiv second record")
    store.add_ingested(Original("d" * 64, jsonl, "feed.jsonl", "application/jsonl"), [member])
    docs.append(member)
    for doc in docs:
        doc.entities = {"place_kyiv": kyiv}
        doc.mentions = [Mention(m.start(), m.end(), m.group(), "GPE", "place_kyiv") for m in _kyiv(doc.text)]
        if doc.id == "doc_1":
            doc.entities["org_zsu"] = zsu
            doc.mentions.append(Mention(0, 6, "Report", "ORG", "org_zsu"))
        doc.claims = [Claim(f"claim_{doc.id}", 0, 6, doc.text[:6], "reported_fact", [], [], [], [])]
    store.save_analysis(docs, "test")
    corpus = Corpus(
        stories=[
            Story("story_a", ["doc_0", "doc_1", "doc_2"], "A", 2.0),
            Story("story_b", ["doc_3", "doc_4"], "B", 1.0),
        ],
        claim_groups=[
            ClaimGroup("cg_a", ["claim_doc_0", "claim_doc_1"], "story_a", 2, ["x", "y"], "corroborated", 1.0),
            ClaimGroup("cg_b", ["claim_doc_3"], "story_b", 1, ["z"], "single_source", 1.0),
        ],
        contradictions=[
            Contradiction(["claim_doc_0", "claim_doc_1"], "denial", "a", "story_a"),
            Contradiction(["claim_doc_3"], "number", "b", "story_b"),
        ],
        copies=[("doc_2", "doc_0", 0.97), ("doc_4", "doc_3", 0.95)],
    )
    store.save_corpus(corpus)
    return store, docs


def _kyiv(text: str) -> Iterator[re.Match[str]]:
    return re.finditer(r"Kyiv|Київ", text)


def test_document_pages_cover_every_document_once(tmp_path: Path) -> None:
    store, docs = _paged_store(tmp_path)
    assert store.count_documents() == 7
    seen = []
    offset = 0
    while True:
        page = store.list_documents(limit=3, offset=offset)
        assert page.total == 7 and page.limit == 3 and page.offset == offset
        seen += [d.id for d in page.items]
        if page.next_offset is None:
            break
        offset = page.next_offset
    assert seen == store.document_ids()
    first = store.list_documents(limit=1).items[0]
    assert (first.title, first.outlet, first.length, first.sha256) == (None, "Outlet 0", len(docs[0].text), "0" * 64)
    assert store.list_documents(limit=5, offset=50).items == []


def test_story_pages_and_one_story_without_the_corpus(tmp_path: Path) -> None:
    store, _ = _paged_store(tmp_path)
    page = store.list_stories(limit=1)
    assert page.total == 2 and page.next_offset == 1
    a = page.items[0]
    assert (a.id, a.size, a.outlets, a.first_published, a.last_published) == (
        "story_a",
        3,
        ["Outlet 0", "Outlet 1"],
        "2024-03-10",
        "2024-03-12",
    )
    assert store.load_story("nothing") is None
    full = store.load_corpus()
    for story in full.stories:
        got, part = store.load_story(story.id)
        assert got == story
        assert part.stories == [story]
        assert part.claim_groups == [g for g in full.claim_groups if g.story == story.id]
        assert part.contradictions == [c for c in full.contradictions if c.story == story.id]
        assert part.copies == [c for c in full.copies if c[0] in story.documents]


def test_document_links_without_the_corpus(tmp_path: Path) -> None:
    store, _ = _paged_store(tmp_path)
    assert [s.id for s in store.document_stories("doc_1")] == ["story_a"]
    assert store.document_stories("doc_j") == []
    groups = store.claim_groups_of(["claim_doc_0", "claim_doc_3", "claim_doc_5"])
    assert {c: g.id for c, g in groups.items()} == {"claim_doc_0": "cg_a", "claim_doc_3": "cg_b"}
    assert groups["claim_doc_0"].claims == ["claim_doc_0", "claim_doc_1"]
    assert store.copy_links("doc_2") == ("doc_0", [])
    assert store.copy_links("doc_0") == (None, ["doc_2"])


def test_original_bytes_come_back_exactly(tmp_path: Path) -> None:
    import hashlib

    store, _ = _paged_store(tmp_path)
    original, member = store.original_of("doc_3")
    assert original.content == b"raw bytes of file 3\r\n" and member == ""
    assert original.path == "a/3.txt" and original.media_type == "text/plain"
    original, member = store.original_of("doc_j")
    assert original.content == b'{"text": "first record"}\n{"text": "Kyiv second record"}\n' and member == "2"
    assert original.sha256 == "d" * 64 and hashlib.sha256(original.content).hexdigest() != original.sha256  # as stored
    with pytest.raises(StoreError):
        store.original_of("doc_nothing")


def test_entity_list_filters_in_the_database(tmp_path: Path) -> None:
    store, _ = _paged_store(tmp_path)
    everything = store.list_entities(limit=10)
    assert [e.id for e in everything.items] == ["org_zsu", "place_kyiv"] and everything.total == 2
    assert [e.id for e in store.list_entities(limit=10, type="place").items] == ["place_kyiv"]
    # Any case, any script, name or alias.
    for needle in ("kyiv", "КИЇВ", "kiev", "зсу", "сили"):
        found = store.list_entities(limit=10, query=needle)
        assert found.total == 1, needle
    assert store.list_entities(limit=10, query="kyiv", type="organization").total == 0
    assert store.list_entities(limit=1, offset=1).items[0].id == "place_kyiv"
    assert store.entity("place_kyiv").place.gazetteer_id == "geonames:703448"
    assert store.entity("nobody") is None


def test_entity_mentions_with_context_match_python_slicing(tmp_path: Path) -> None:
    store, docs = _paged_store(tmp_path)
    by_id = {d.id: d for d in docs}
    expected = [
        (d.id, m.start, m.end) for d in sorted(docs, key=lambda d: d.id) for m in d.mentions if m.entity == "place_kyiv"
    ]
    got = []
    offset = 0
    while offset is not None:
        page = store.entity_mentions("place_kyiv", limit=4, offset=offset, context=10)
        assert page.total == len(expected)
        for m in page.items:
            text = by_id[m.document].text
            assert m.text == text[m.start : m.end]
            assert m.before == text[max(0, m.start - 10) : m.start]  # non-ASCII text: characters, not bytes
            assert m.after == text[m.end : m.end + 10]
            got.append((m.document, m.start, m.end))
        offset = page.next_offset
    assert got == expected
    docs_page = store.entity_documents("place_kyiv", limit=3)
    assert docs_page.total == 7 and docs_page.items == ["doc_0", "doc_1", "doc_2"]
    assert store.entity_documents("org_zsu", limit=3).items == ["doc_1"]


def test_search_pages(tmp_path: Path) -> None:
    store, _ = _paged_store(tmp_path)
    assert store.count_search("kyiv") == 7
    all_hits = [h.document for h in store.search("kyiv", limit=10)]
    paged = [h.document for o in (0, 3, 6) for h in store.search("kyiv", limit=3, offset=o)]
    assert paged == all_hits and len(all_hits) == 7
    with pytest.raises(StoreError, match="FTS5"):
        store.count_search('"unbalanced')


def test_version_1_database_gets_the_paging_indexes(tmp_path: Path) -> None:
    from newstrace.store.migrations import _statements

    path = tmp_path / "v1.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    version, name, sql = available_migrations()[0]
    for statement in _statements(sql):
        db.execute(statement)
    db.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
    db.close()
    store = open_store(path)
    indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"story_documents_document", "claim_group_members_claim", "mentions_entity_document"} <= indexes
    assert store.list_stories(limit=5).total == 0
    store.close()


def test_entity_name_index_follows_the_entities(tmp_path: Path) -> None:
    store, docs = _paged_store(tmp_path)
    # A new alias from another document is found; an entity no mention points to any more is gone.
    doc = docs[0]
    doc.entities["place_kyiv"] = Entity("place_kyiv", "place", "Kyiv", ["Kyjiw"], None)
    doc.entities["person_x"] = Entity("person_x", "person", "Olena Straße", ["O. Strasse"])
    doc.mentions.append(Mention(0, 6, "Report", "PERSON", "person_x"))
    store.save_analysis([doc], "test")
    assert [e.id for e in store.list_entities(limit=5, query="KYJIW").items] == ["place_kyiv"]
    assert store.list_entities(limit=5, query="strasse").total == 1  # full case folding: ß is ss
    # Under three characters the trigram index cannot help: the same test on every row.
    assert [e.id for e in store.list_entities(limit=5, query="IE").items] == ["place_kyiv"]  # the alias KIEV
    doc.mentions = [m for m in doc.mentions if m.entity != "person_x"]
    del doc.entities["person_x"]
    store.save_analysis([doc], "test")
    store.save_corpus(store.load_corpus())
    assert store.list_entities(limit=5, query="straße").total == 0
    assert store.db.execute("SELECT count(*) FROM entity_names").fetchone()[0] == store.list_entities(limit=1).total
    store.close()
    # Rebuilt from the entities when a version-1 database is migrated.
    db = sqlite3.connect(tmp_path / "p.sqlite", isolation_level=None)
    db.execute("DELETE FROM entity_names")
    db.execute("DROP TABLE entity_names")
    db.execute("DELETE FROM schema_migrations WHERE version = 2")
    db.close()
    again = SQLiteStore(tmp_path / "p.sqlite")
    assert [e.id for e in again.list_entities(limit=5, query="київ").items] == ["place_kyiv"]
    again.close()


def test_counts_agree_with_stats(tmp_path: Path) -> None:
    store, _ = _paged_store(tmp_path)
    stats = store.stats()
    assert store.counts() == {k: stats[k] for k in ("documents", "stories", "claims", "claim_groups", "contradictions")}
    store.close()


def test_merge_reasons_are_kept_and_accumulate(tmp_path: Path) -> None:
    """Why names joined an entity is stored with it; a later document adds its reasons, never repeats them."""
    store = open_store(tmp_path / "r.sqlite")
    docs = []
    for i, reason in enumerate(["'EU': acronym table", "'UE': acronym table"]):
        doc = _doc()
        doc.id = f"doc_{i}"
        store.add_ingested(Original(str(i) * 64, doc.text.encode(), f"x{i}.txt", "text/plain"), [doc])
        doc.entities = {
            "org_eu": Entity("org_eu", "organization", "European Union", ["EU"], None, [reason, "'EU': acronym table"])
        }
        doc.mentions = [Mention(0, 2, "At", "ORG", "org_eu")]
        docs.append(doc)
    store.save_analysis(docs, "test")
    assert store.entity("org_eu").reasons == ["'EU': acronym table", "'UE': acronym table"]
    store.close()
