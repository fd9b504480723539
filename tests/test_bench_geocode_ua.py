"""The CIR place-resolution benchmark: loader, split, settlement rule, scorer, and a small real run."""

from __future__ import annotations

import math

import pytest
from conftest import shared

from newstrace.bench.geocode_ua import (
    FOLDER,
    CirRow,
    is_settlement_name,
    load_cir,
    resolve_rows,
    rows_from_dicts,
    score_rows,
    spelling_class,
    split_of,
)
from newstrace.gazetteer import Gazetteer


def _row(entry: str, town: str, province: str = "", country: str = "Ukraine", lat: float = 0.0, lon: float = 0.0):  # type: ignore[no-untyped-def]
    return {
        "entry": entry,
        "country": country,
        "province": province,
        "district": "",
        "town/city": town,
        "lat": str(lat),
        "lon": str(lon),
    }


def test_rows_from_dicts_skips_rows_without_coordinates() -> None:
    rows = rows_from_dicts(
        [_row("A1", "Bucha", "Kyiv Oblast", lat=50.55, lon=30.21), {"entry": "A2", "lat": "", "lon": "x"}]
    )
    assert rows == [CirRow("A1", "Ukraine", "Kyiv Oblast", "", "Bucha", 50.55, 30.21)]


def test_split_is_fixed_and_about_thirty_percent() -> None:
    assert split_of("UW0067") == split_of("UW0067")
    parts = [split_of(f"UW{i:04d}") for i in range(2000)]
    share = parts.count("test") / len(parts)
    assert 0.25 < share < 0.35


@pytest.mark.parametrize(
    ("town", "expected"),
    [
        ("Irpin'", True),
        ("Malaya Rohan", True),
        ("Novaya Pershina,", True),
        ("", False),
        ("Novokuybyshevskoye Shosse", False),
        ("Hostomel airport", False),
        ("5-Y Mikrorayon", False),
        ("Snake Island", False),
    ],
)
def test_settlement_rule(town: str, expected: bool) -> None:
    assert is_settlement_name(town) is expected


def test_spelling_class() -> None:
    assert spelling_class("") == "empty"
    assert spelling_class("Харків") == "Cyrillic"
    assert spelling_class("Mar'inka") == "apostrophe (soft sign)"
    assert spelling_class("Malaya Rohan") == "Russian-looking ending"
    assert spelling_class("Krasnohorivka") == "Ukrainian-looking ending"


def test_resolve_and_score_small_rows() -> None:
    gz = Gazetteer.open()
    rows = rows_from_dicts(
        [
            _row("T1", "Bucha", "Kyiv Oblast", lat=50.5436, lon=30.2123),
            _row("T2", "Malaya Rohan", "Kharkiv Oblast", lat=49.9347, lon=36.4824),
            _row("T3", "Novokuybyshevskoye Shosse", "Samarskaya oblast", "Russia", lat=52.9996, lon=49.7678),
            _row("T4", "", "", "", lat=50.0, lon=30.0),
        ]
    )
    outs = resolve_rows(rows, "address", gz)
    assert outs[0].km is not None and outs[0].km < 10
    assert outs[1].km is not None and outs[1].km < 10
    assert outs[3].km is None  # nothing to go on
    s = score_rows(outs)
    assert s["rows"] == 4 and s["resolved"] == 3
    assert s["within_10"] >= 50.0 and s["unresolved"] == 25.0
    assert s["within_10"] <= s["within_25"] <= s["within_161"]
    empty = score_rows([])
    assert empty["rows"] == 0 and math.isnan(empty["within_10"])


def test_real_events_load_and_mostly_resolve() -> None:
    folder = shared(FOLDER)
    if not folder.is_dir():
        pytest.skip(f"../shared/data/{FOLDER} is absent (the CIR Russia-Ukraine Monitor events)")
    rows = load_cir(folder)
    assert len(rows) > 6000
    sample = [r for r in rows if split_of(r.entry) == "train"][:300]
    s = score_rows(resolve_rows(sample, "address"))
    assert s["within_161"] > 80.0
