"""The shared spaCy pass: offsets equal to the stored text, long texts in chunks, no sentence over a paragraph
break and none cut mid-phrase."""

from __future__ import annotations

from newstrace.extract.nlp import CHUNK_CHARS, SENTENCE_STARTS, load_model, parse, sentence_starts

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
    assert SENTENCE_STARTS in load_model().pipe_names
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


# (real sentences of the Bulgarian war news and the GDELT articles: the English model cut them at the capitalised
# word after a preposition or an acronym)
CUT_MID_PHRASE = (
    "По думите на Столтенберг Русия междувременно взаимодейства с авторитарни режими.",
    "Генералният секретар на НАТО Йенс Столтенберг заяви пред Би Би Си, че е необходим дългосрочен план.",
    "NATO Secretary General Jens Stoltenberg said during the Munich Security Conference that allies were ready.",
)


def test_a_word_on_the_same_line_ends_no_sentence() -> None:
    for text in CUT_MID_PHRASE:
        sdoc = next(parse([text]))
        assert [s.text for s in sdoc.sents] == [text]


def test_punctuation_and_line_breaks_still_end_sentences() -> None:
    text = "Shelling hit the village on Monday. The governor said two people died\nRescuers are at the scene."
    sdoc = next(parse([text]))
    assert text.index("The governor") in [s.start_char for s in sdoc.sents]
    # a line break leaves the parser free (the claims stage cuts there anyway); a word before, on the line, does not
    hinted = sentence_starts(load_model().make_doc(text))
    by_char = {t.idx: t for t in hinted}
    assert by_char[text.index("Rescuers")].is_sent_start is None
    assert by_char[text.index("governor")].is_sent_start is False
