"""The shared spaCy pass: offsets equal to the stored text, long texts in chunks, and no sentence over a
paragraph break."""

from __future__ import annotations

from newstrace.extract.nlp import CHUNK_CHARS, PARAGRAPH_STARTS, load_model, parse

# (a PolNeAR train passage: without the paragraph starts the small model parses the second quote and the next
# paragraph as one sentence, "said" reporting the quote)
QUOTE_THEN_REPORT = (
    '"So far, 59 of the 75 witnesses interviewed by the committee had never before been interviewed by Congress," '
    'it stated. "The Select Committee is also the first and only Benghazi investigation to include roughly 70,000 '
    "new pages of documents - including the Secretary of State's emails.\"\n\n"
    "A Democratic aide said comments from Rice, Rhodes, Panetta and Petraeus were consistent with their previous "
    "statements about the Benghazi attacks."
)


def test_a_blank_line_starts_a_sentence() -> None:
    assert PARAGRAPH_STARTS in load_model().pipe_names
    sdoc = next(parse([QUOTE_THEN_REPORT]))
    starts = [s.start_char for s in sdoc.sents]
    assert QUOTE_THEN_REPORT.index("A Democratic aide") in starts
    said = next(t for t in sdoc if t.text == "said" and t.idx > QUOTE_THEN_REPORT.index("aide"))
    assert all(t.idx > QUOTE_THEN_REPORT.index("\n\n") for t in said.subtree)  # nothing of the quote hangs on it


def test_offsets_are_the_stored_texts_even_in_chunks() -> None:
    para = "Shelling hit the village on Monday, the regional governor said.\n\n"
    long_text = para * (2 * CHUNK_CHARS // len(para) + 3)
    short, joined = parse(["", long_text])
    assert short.text == ""
    assert joined.text == long_text
    assert all(long_text[t.idx : t.idx + len(t.text)] == t.text for t in joined)
    assert sum(1 for s in joined.sents if s.text.startswith("Shelling")) == long_text.count("Shelling")
