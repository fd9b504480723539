"""Acts of war are not attributions (issue 5): a learned verb cue whose object is a noun in its physical sense
("Russian forces renewed attacks on Kharkiv") is no candidate, while the verbal sense of the same words in
election news ("Sanders renewed his attacks on Wall Street") still is one. Decided from the parse: a military
modifier, an armed-force subject, or a place or physical thing as the object of the noun's preposition."""

from __future__ import annotations

import pytest
from conftest import parsed_doc

from newstrace.extract.attribution_model import load_model
from newstrace.extract.quotes import extract_quotes


def cues(nlp, text: str, candidates: bool = False) -> list[str]:
    sdoc, doc = parsed_doc(nlp, text)
    if not candidates:
        return [q.cue for q in extract_quotes(sdoc, doc)]
    model = load_model()
    assert model is not None
    rec: list = []
    extract_quotes(sdoc, doc, lexicon=model.keys, model=False, candidates=rec)
    return [q.cue for q, *_ in rec]


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces renewed attacks on Kharkiv.",
        "Moscow launched coordinated missile and artillery attacks on several cities overnight.",
        "Russia stepped up its strikes on fuel depots in the south.",
    ],
)
def test_physical_attack_is_no_candidate_and_no_quote(nlp, text):
    assert cues(nlp, text, candidates=True) == []
    assert cues(nlp, text) == []


def test_verbal_attack_stays_a_candidate(nlp):
    assert "renewed" in cues(nlp, "Sanders renewed his attacks on Wall Street.", candidates=True)


def test_denial_of_attacks_is_kept(nlp):
    # a speech verb of the hand rules reports whatever its object is
    assert cues(nlp, "The ministry denied attacks on civilians.") == ["denied"]


@pytest.mark.parametrize(
    "text",
    [
        "Will Sanders renew his attacks on Wall Street?",  # a question reports nothing
        "We renewed our attacks on Wall Street.",  # no first-person sources
    ],
)
def test_question_or_first_person_never(nlp, text):
    assert cues(nlp, text) == []
