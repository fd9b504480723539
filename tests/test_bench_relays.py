"""The relayed-sources bench's scoring (issue 5): verdicts by claim span, changed relays judged again."""

from __future__ import annotations

from newstrace.bench.relays import Relay, report


def relay(start: int, origin: str = "a soldier", kind: str = "relayed") -> Relay:
    return Relay("articles/a.txt", start, start + 10, "The volunteer said a soldier had told him ...", "The volunteer",
                 origin, kind)


def test_precision_over_the_judged_relays_and_the_rest_listed():
    relays = [relay(0), relay(20), relay(40), relay(60, origin="a medic"), relay(80, kind="cited")]
    verdicts = {
        ("articles/a.txt", 0, 10): {"relay": "The volunteer", "origin": "a soldier", "right": True},
        ("articles/a.txt", 20, 30): {"relay": "The volunteer", "origin": "a soldier", "right": False},
        # judged when the origin was another: the verdict no longer holds
        ("articles/a.txt", 60, 70): {"relay": "The volunteer", "origin": "a soldier", "right": True},
    }
    body, unjudged = report(relays, docs=3, claims=50, seconds=1.0, verdicts=verdicts)
    assert "| relayed | 4 | 2 | 1 | 0.500 | 2 |" in body
    assert "| cited | 1 | 0 | 0 | - | 1 |" in body
    assert [r.start for r in unjudged] == [40, 60, 80]
    assert "Wrong:" in body and body.count("\n- ") == 1


def test_no_verdicts_no_precision():
    body, unjudged = report([relay(0)], docs=1, claims=5, seconds=1.0, verdicts={})
    assert "| relayed | 1 | 0 | 0 | - | 1 |" in body and len(unjudged) == 1


def test_claim_faults_counts_cut_sentences_lower_case_starts_and_outlets_saying():
    from newstrace.bench.relays import claim_faults
    from newstrace.record import AttributionLink, Claim

    text = "По думите на Столтенберг Русия отстъпва. рубли за храна, предаде Ройтерс."
    cut = text.index(" Столтенберг")
    low = text.index("рубли")

    def claim(s: int, e: int, *links: AttributionLink) -> Claim:
        return Claim(id=f"c{s}", start=s, end=e, text=text[s:e], kind="reported_fact",
                     attribution=[AttributionLink("published", "Медиапул"), *links])

    claims = [claim(0, cut), claim(cut + 1, low - 1),
              claim(low, len(text), AttributionLink("reported_by", "Reuters"), AttributionLink("said", "Ройтерс"))]
    faults = claim_faults(text, claims, "bg")
    assert faults == {"cut mid-phrase": 1, "starting in lower case": 1, "naming an outlet as a person saying": 1}
    body, _ = report([], docs=1, claims=3, seconds=1.0, verdicts={}, faults=faults)
    assert "cut mid-phrase 1, starting in lower case 1, naming an outlet as a person saying 1, of 3 claims" in body
