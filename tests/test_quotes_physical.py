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


def test_an_attack_verb_on_a_physical_target_is_no_quote(nlp):
    # examples/08-10#3, machine-translated: "attack" parsed as a verb whose object is the drones
    text = 'Yesterday at night the enemy struck the city with two rockets "Iskander-M" and attack drones of the type "Shahed".'
    assert "attack" not in cues(nlp, text, candidates=True)
    assert "attack" not in cues(nlp, text)
    # the verbal sense of an attack on a person or a plan is still a candidate
    assert "attacked" in cues(nlp, "Senator Graham attacked the plan as a giveaway to Moscow.", candidates=True)


def test_where_when_and_with_what_an_attack_happened_is_no_content(nlp):
    # in our own words: a person attacked in a place, a city attacked with rockets
    text = "A Ukrainian singer was attacked in Dublin city centre shortly after performing at the theatre."
    assert "attacked" not in cues(nlp, text, candidates=True)
    assert "attacked" not in cues(nlp, "Russia attacked the port with 34 rockets and drones overnight.")
    # the words an attack is for still are ("was attacked for his remarks" reports the remarks)
    assert "attacked" in cues(nlp, "The senator was attacked for his remarks about the aid package.", candidates=True)


def test_according_to_a_description_keeps_the_name_after_it(nlp):
    sdoc, doc = parsed_doc(
        nlp,
        "According to the spokesman Taras Melnyk, the soldiers of the 138th brigade moved forward up to 2 kilometers.",
    )
    (q,) = [q for q in extract_quotes(sdoc, doc) if q.cue == "according to"]
    assert q.speaker == "the spokesman Taras Melnyk"
    assert doc.text[q.start : q.end].startswith("the soldiers of the 138th brigade")


def test_an_inverted_dash_tail_leaves_the_audience_out_of_the_speaker(nlp):
    text = "- The army does not strike civilian infrastructure - said the press secretary of the Kremlin Arkady Voronin to journalists."
    sdoc, doc = parsed_doc(nlp, text)
    (q,) = extract_quotes(sdoc, doc)
    assert q.speaker is not None and not q.speaker.endswith("journalists")
    sdoc, doc = parsed_doc(nlp, "- We will hold the line - said the ambassador to Poland.")
    (q,) = extract_quotes(sdoc, doc)
    assert q.speaker == "the ambassador to Poland"


def test_a_partial_quote_under_a_speech_or_naming_verb_takes_its_subject(nlp):
    sdoc, doc = parsed_doc(nlp, "Bush described his leadership as a 'work in progress'.")
    (q,) = extract_quotes(sdoc, doc)
    assert q.speaker == "Bush"
    # a quoted name under a verb of war has no speaker; a quote inside the subject is not the subject's own words
    text = 'Yesterday at night the enemy struck the city with two rockets "Iskander-M" and attack drones.'
    sdoc, doc = parsed_doc(nlp, text)
    assert all(q.speaker is None for q in extract_quotes(sdoc, doc))
    sdoc, doc = parsed_doc(nlp, 'The organizers of the "referendum" said that 96% had voted for it.')
    assert all(q.speaker is None for q in extract_quotes(sdoc, doc) if q.text == "referendum")
