"""The briefing's "Who says what" lists words someone said or believed, never an act (issue 5)."""

from __future__ import annotations

from newstrace.record import Corpus, Document, Quote, Story
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
