"""The briefing: "Who says what" shows words said or believed, never acts; a figure names its origin (issue 5)."""

from __future__ import annotations

from newstrace.record import AttributionLink, Claim, Corpus, Document, Quantity, Quote, Story
from newstrace.report.facts import briefing_facts


def test_an_attribution_of_cue_type_other_is_not_shown_as_someones_words() -> None:
    # in our own words, after the forms of a GDELT article read on 2026-11-27
    said = "the talks would resume in Geneva next week"
    done = "paying a solemn visit to the memorial cemetery in the city"
    text = f"Putin said {said}. Putin spent the morning {done}."
    s, d = text.index(said), text.index(done)
    doc = Document(id="d1", sha256="0" * 64, path="a.txt", text=text, outlet="Example News")
    doc.quotes = [
        Quote(s, s + len(said), said, "indirect", "Putin", 0, 5, None, "said", 6, 10, None, "speech"),
        Quote(d, d + len(done), done, "indirect", "Putin", text.index("Putin spent"), text.index("Putin spent") + 5,
              None, "spent", text.index("spent"), text.index("spent") + 5, None, "other"),
    ]
    facts = briefing_facts(Story("s1", ["d1"], "Talks"), {"d1": doc}, Corpus())
    assert [q.text for q in facts.quotes] == [said]


def test_a_figure_passed_on_by_a_speaker_names_its_origin_and_the_relay() -> None:
    # in our own words: the volunteer relays what a soldier told him
    text = "The volunteer said a soldier had told him that 30 men of the unit were killed near the river."
    doc = Document(id="d1", sha256="0" * 64, path="a.txt", text=text, outlet="Example News")
    n = text.index("30")
    doc.quantities = [Quantity(n, n + 2, "30", 30.0, counted="men", role="killed")]
    v, sd = text.index("The volunteer"), text.index("a soldier")
    doc.claims = [Claim("c1", 0, len(text), text, attribution=[
        AttributionLink("published", "Example News"),
        AttributionLink("said", "The volunteer", None, v, v + 13),
        AttributionLink("said", "a soldier", None, sd, sd + 9),
    ], quantities=[0])]
    facts = briefing_facts(Story("s1", ["d1"], "Losses"), {"d1": doc}, Corpus())
    assert [n.according_to for n in facts.numbers] == ["a soldier (via The volunteer)"]
