"""A quotation split by its attribution ('"A," she said. "B."') is one quote per piece, the later piece naming the
earlier one (``Quote.continues``): extracted, stored (migration 6), exported, checked by ``validate``, and shown
once in a briefing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newstrace.extract.quotes import extract_quotes
from newstrace.record import Document, Quote, Segment
from newstrace.report.export import export_dict
from newstrace.report.validate import validate_export
from newstrace.store import Original, SQLiteStore, open_store

TEXT = (
    "“We will hold the bridge,” the commander said on Sunday. “Nobody is leaving.” "
    "A resident said the shelling had stopped."
)


def _pieces(nlp) -> tuple[Document, list[Quote]]:  # type: ignore[no-untyped-def]
    from conftest import parsed_doc

    sdoc, doc = parsed_doc(nlp, TEXT)
    doc.quotes = extract_quotes(sdoc, doc)
    return doc, doc.quotes


def test_the_later_piece_continues_the_earlier(nlp) -> None:  # type: ignore[no-untyped-def]
    _, qs = _pieces(nlp)
    by_text = {q.text: i for i, q in enumerate(qs)}
    first, second = by_text["We will hold the bridge"], by_text["Nobody is leaving."]
    assert qs[first].continues is None and qs[second].continues == first
    assert qs[second].speaker == qs[first].speaker == "the commander"
    reported = next(q for q in qs if q.kind == "indirect")
    assert reported.continues is None  # another speaker's statement is a quotation of its own


def _store_with(tmp_path: Path, quotes: list[Quote]) -> tuple[SQLiteStore, Document]:
    store = open_store(tmp_path / "q.sqlite")
    doc = Document(id="doc_1", sha256="1" * 64, path="doc_1.txt", text=TEXT)
    store.add_ingested(Original(doc.sha256, TEXT.encode(), doc.path, "text/plain"), [doc])
    doc.segments = [Segment(0, len(TEXT), "body", "en")]
    doc.quotes = quotes
    store.save_analysis([doc], "run")
    return store, doc


def _two_pieces() -> list[Quote]:
    a, b = TEXT.index("We will"), TEXT.index("Nobody")
    speaker = TEXT.index("the commander")
    return [
        Quote(a, a + 23, TEXT[a:a + 23], "direct", "the commander", speaker, speaker + 13, cue="said"),
        Quote(b, b + 18, TEXT[b:b + 18], "direct", "the commander", speaker, speaker + 13, continues=0),
    ]


def test_pieces_survive_the_store_and_the_export(tmp_path: Path) -> None:
    store, doc = _store_with(tmp_path, _two_pieces())
    back = store.load_document("doc_1")
    assert [q.continues for q in back.quotes] == [None, 0]
    data = export_dict(store, include_text=True)
    assert [q["continues"] for q in data["quotes"]] == [None, 0]
    assert validate_export(data) == []
    store.close()


def test_validate_names_a_piece_that_continues_nothing_earlier(tmp_path: Path) -> None:
    store, _ = _store_with(tmp_path, _two_pieces())
    data = export_dict(store, include_text=True)
    data["quotes"][0]["continues"] = 1  # a later quote, not an earlier one
    data["quotes"][1]["continues"] = "0"
    problems = validate_export(data)
    assert any(p.startswith("quotes/0: continues 1") for p in problems)
    assert any(p.startswith("quotes/1: continues '0'") for p in problems)
    store.close()


def test_a_version_5_database_gains_the_column(tmp_path: Path) -> None:
    store, _ = _store_with(tmp_path, _two_pieces())
    store.close()
    db = sqlite3.connect(tmp_path / "q.sqlite", isolation_level=None)
    db.execute("ALTER TABLE quotes DROP COLUMN continues")
    db.execute("DELETE FROM schema_migrations WHERE version >= 6")
    db.close()
    store = SQLiteStore(tmp_path / "q.sqlite")
    assert 6 in {r[0] for r in store.db.execute("SELECT version FROM schema_migrations")}
    back = store.load_document("doc_1")
    assert [q.text for q in back.quotes] == ["We will hold the bridge", "Nobody is leaving."]
    assert [q.continues for q in back.quotes] == [None, None]  # pieces stored before version 6 stay unlinked
    store.close()


def _quotes(nlp, text: str) -> list[Quote]:  # type: ignore[no-untyped-def]
    from conftest import parsed_doc

    sdoc, doc = parsed_doc(nlp, text)
    return extract_quotes(sdoc, doc)


def _indexed(nlp, text: str) -> tuple[list[Quote], dict[str, int]]:  # type: ignore[no-untyped-def]
    """The quotes of ``text`` and each one's index by its words."""
    qs = _quotes(nlp, text)
    return qs, {q.text: i for i, q in enumerate(qs)}


def test_a_partial_quote_inside_reported_speech_is_a_piece_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    qs = _quotes(nlp, 'According to the governor, the convoy had been "hit twice by drones" near the bridge on Monday.')
    reported = next(i for i, q in enumerate(qs) if q.kind == "indirect")
    partial = next(i for i, q in enumerate(qs) if q.kind == "direct")
    assert qs[reported].continues is None
    assert qs[partial].continues == reported and qs[partial].speaker == qs[reported].speaker == "the governor"


def test_partial_quotes_of_one_sentence_and_speaker_are_one_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('Kuleba said Russia "will not win this war" and "cannot break Ukraine", then left the podium. '
            'A resident said the shelling had "stopped for now".')
    qs, by_text = _indexed(nlp, text)
    first, second = by_text["will not win this war"], by_text["cannot break Ukraine"]
    # both pieces of Kuleba's statement (the reported clause around them, which the verb reports too)
    assert _root(qs, first) == _root(qs, second) and qs[_root(qs, first)].speaker == "Kuleba"
    # another sentence's partial quote by another speaker is a statement of its own
    other = by_text["stopped for now"]
    assert _root(qs, other) != _root(qs, first) and qs[_root(qs, other)].speaker == "A resident"


def _root(qs: list[Quote], i: int) -> int:
    while qs[i].continues is not None:
        i = qs[i].continues  # type: ignore[assignment]
    return i


def test_a_partial_quote_the_verb_gives_is_a_piece_of_the_clause_it_reports(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The governor said the talks would be held in "absolute secrecy." Officials said the road was closed.'
    qs = _quotes(nlp, text)
    reported = next(q for q in qs if q.kind == "indirect" and q.speaker == "The governor")
    # the statement is the clause, its content never shows an unbalanced quotation mark
    assert reported.text == 'the talks would be held in "absolute secrecy."' and reported.continues is None
    partial = next(q for q in qs if q.kind == "direct")
    assert partial.text == "absolute secrecy." and qs[partial.continues or 0] is reported  # verbatim words kept


def test_quotes_around_one_verb_in_two_sentences_are_one_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“Is the bridge still standing?” the mayor asked on Monday. “Nobody can tell us.”"
    qs, by_text = _indexed(nlp, text)
    first, second = by_text["Is the bridge still standing?"], by_text["Nobody can tell us."]
    assert qs[first].continues is None and qs[second].continues == first


def test_a_quote_running_on_in_its_own_paragraph_continues_the_one_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("“We will hold the bridge,” Colonel Petrenko said.\n\n"
            "“Nobody is leaving this town until the last family is out.”\n\nOfficials said the road was closed.")
    qs, by_text = _indexed(nlp, text)
    first, second = by_text["We will hold the bridge"], by_text["Nobody is leaving this town until the last family is out."]
    assert qs[second].continues == first and qs[second].speaker == "Colonel Petrenko"
    assert qs[by_text["the road was closed"]].continues is None


def test_a_quote_after_one_whose_verb_is_no_speech_verb_still_continues_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # 'surmise' is no speech verb: the first quote takes its speaker late, from the clause it heads
    text = '"People are afraid of wasting their votes," he surmised. "On Facebook, I see his name all the time."'
    qs, by_text = _indexed(nlp, text)
    first, second = by_text["People are afraid of wasting their votes"], by_text["On Facebook, I see his name all the time."]
    assert qs[second].continues == first and qs[second].speaker == qs[first].speaker == "he"
