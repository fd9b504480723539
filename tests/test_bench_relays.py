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
