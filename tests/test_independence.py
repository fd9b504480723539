"""Who the original source of a claim is: official bodies under their many names."""

from __future__ import annotations

import pytest

from newstrace.fuse.claims import group_claims
from newstrace.fuse.independence import institution, merge_unstated_sides
from newstrace.record import AttributionLink, Claim, Document, Story


@pytest.mark.parametrize(
    "words,expected",
    [
        ("Ukrainian prosecutors", ("prosecutor", "UA")),
        ("Ukraine's prosecutor's office", ("prosecutor", "UA")),
        ("the Donetsk regional prosecutor's office", ("prosecutor", "*")),
        ("Russia's defence ministry", ("defence ministry", "RU")),
        ("Ministry of Defense of the Russian Federation", ("defence ministry", "RU")),
        ("the head of the regional military administration", ("military administration", "*")),
        ("Joe Biden", None),
        ("a soldier who asked not to be named", None),
    ],
)
def test_institution(words: str, expected: tuple[str, str] | None) -> None:
    assert institution(words) == expected


def test_an_unstated_side_joins_the_only_side_named() -> None:
    keys = [
        "body:prosecutor:*",
        "body:prosecutor:UA",
        "body:defence ministry:RU",
        "body:defence ministry:*",
        "body:defence ministry:UA",
    ]
    assert merge_unstated_sides(keys) == [
        "body:prosecutor:UA",
        "body:prosecutor:UA",
        "body:defence ministry:RU",
        "body:defence ministry:*",
        "body:defence ministry:UA",
    ]


def test_a_side_named_in_general_joins_the_one_body_of_that_side() -> None:
    assert institution("The Ukrainian side") == ("side", "UA")
    assert institution("officials") is None  # no side named: nothing to join
    keys = ["body:side:UA", "body:prosecutor:UA", "body:side:RU", "body:defence ministry:RU", "body:kremlin:RU"]
    assert merge_unstated_sides(keys) == [
        "body:prosecutor:UA",
        "body:prosecutor:UA",
        "body:side:RU",
        "body:defence ministry:RU",
        "body:kremlin:RU",
    ]


def _doc_with_claim(doc_id: str, outlet: str, speaker: str) -> Document:
    text = "Russia's defence ministry said its forces had struck a fuel depot. It did not mention the market."
    start = text.index("It did")
    claim = Claim(
        id=f"claim_{doc_id}",
        start=start,
        end=len(text),
        text=text[start:],
        attribution=[AttributionLink("published", outlet), AttributionLink("said", speaker)],
    )
    return Document(id=doc_id, sha256=doc_id, path=f"{doc_id}.txt", text=text, outlet=outlet, claims=[claim])


def test_a_copy_adds_no_source_even_when_its_speaker_was_read_differently() -> None:
    # The copy's pronoun "It" was resolved to another noun than in the original: still one report.
    original = _doc_with_claim("orig", "Eastern Front Wire", "defence ministry")
    copy = _doc_with_claim("copy", "Northline News", "its forces")
    other = _doc_with_claim("other", "Steppe Monitor", "Russia's defence ministry")
    docs = {d.id: d for d in (original, copy, other)}
    story = Story(id="story_1", documents=["orig", "copy"])
    groups, _ = group_claims([story], docs, {"copy": "orig"})
    assert [(len(g.claims), g.independent_sources) for g in groups] == [(2, 1)]
    # Without the copy link the two articles are two reports.
    groups, _ = group_claims([story], docs, {})
    assert [(len(g.claims), g.independent_sources) for g in groups] == [(2, 2)]
    # A copy whose original is not in the group is the only trace of that report: it still counts.
    story = Story(id="story_2", documents=["copy", "other"])
    groups, _ = group_claims([story], docs, {"copy": "orig"})
    assert [(len(g.claims), g.independent_sources) for g in groups] == [(2, 2)]
