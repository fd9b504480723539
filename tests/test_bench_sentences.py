"""`newstrace bench sentences`: its counts on a real Bulgarian passage, before and after the sentence hints."""

from __future__ import annotations

from newstrace.bench.sentences import _parse, cut_claims, mid_phrase_starts
from newstrace.extract.claims import claim_sentences
from newstrace.extract.nlp import load_model
from newstrace.record import Document

# (a Bulgarian war-news sentence the English model cut after "на", and a second sentence on the same line)
TEXT = "По думите на Столтенберг Русия междувременно взаимодейства с авторитарни режими. Това е сериозно."


def test_before_the_hints_the_cut_is_counted_and_after_it_is_gone() -> None:
    nlp = load_model()
    doc = Document(id="d1", sha256="0" * 64, path="bg.txt", text=TEXT)
    before = _parse(nlp, TEXT, within_lines=False)
    after = _parse(nlp, TEXT, within_lines=True)
    assert mid_phrase_starts(before) == [TEXT.index("Столтенберг")]
    assert mid_phrase_starts(after) == []
    assert cut_claims(TEXT, claim_sentences(before, doc)) == 1
    spans = claim_sentences(after, doc)
    assert cut_claims(TEXT, spans) == 0
    assert [TEXT[a:b] for a, b in spans][0].startswith("По думите на Столтенберг")
