"""Who the original source of a claim is: official bodies under their many names."""

from __future__ import annotations

import pytest

from newstrace.fuse.independence import institution, merge_unstated_sides


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
