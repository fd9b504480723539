"""The geocoding benchmark: its scorer, a few gold toponyms, and a tiny run on the real corpora."""

from __future__ import annotations

import math

import pytest
from conftest import shared

from newstrace.bench.geocode import (
    GoldArticle,
    GoldToponym,
    _align,
    auc_of_errors,
    geocode_articles,
    geotag_articles,
    haversine_km,
    load_geovirus,
    load_geowebnews,
    load_gwn_full,
    load_stored_geoparser,
    load_trnews,
)
from newstrace.bench.geocode import _end_to_end as end_to_end
from newstrace.gazetteer import Gazetteer, PlaceCandidate


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.open()


def test_haversine_known_distances() -> None:
    assert haversine_km(0, 0, 0, 0) == 0
    # one degree of latitude is about 111.2 km
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.1)
    # London - Paris is about 344 km; Kyiv - Kharkiv about 410 km
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(344, abs=3)
    assert haversine_km(50.4501, 30.5234, 49.9935, 36.2304) == pytest.approx(410, abs=5)
    # antipodes: half the circumference
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371, rel=1e-6)


def test_auc_of_errors() -> None:
    assert auc_of_errors([0.0, 0.0, 0.0]) == 0.0
    assert auc_of_errors([20039.0, 20039.0]) == pytest.approx(1.0, rel=1e-4)
    assert 0.0 < auc_of_errors([0.0, 100.0, 20039.0]) < 1.0


def test_align_fixes_offsets_off_by_one() -> None:
    text = "An outbreak in Kenya and Uganda."
    assert _align(text, 16, 21, "Kenya") == (15, 20)
    assert _align(text, 15, 20, "Kenya") == (15, 20)


def test_gold_toponyms_resolve_within_161_km(gz: Gazetteer) -> None:
    text = (
        "Shelling hit Kostiantynivka, Donetsk region, on Monday. Officials in Kyiv said Kharkiv was also "
        "struck. In Paris, ministers met; a Russian official spoke in Moscow."
    )
    gold = {
        "Kostiantynivka": (48.5277, 37.7069),
        "Kyiv": (50.4501, 30.5234),
        "Kharkiv": (49.9935, 36.2304),
        "Paris": (48.8566, 2.3522),
        "Moscow": (55.7558, 37.6173),
        "Russian": (60.0, 100.0),  # a demonym tagged as a place means the country
    }
    tops = tuple(GoldToponym(text.index(n), text.index(n) + len(n), n, lat, lon) for n, (lat, lon) in gold.items())
    result = geocode_articles([GoldArticle("t", text, tops)], gz)
    assert result["toponyms"] == len(gold)
    assert result["acc161"] == 100.0
    cands = [PlaceCandidate(t.start, t.end, t.name, "GPE") for t in tops]
    for t, res in zip(tops, gz.resolve(cands, text=text, demonyms=True), strict=True):
        assert res is not None, t.name
        assert haversine_km(t.lat, t.lon, res.place.lat, res.place.lon) <= 161, t.name  # type: ignore[arg-type]


def test_geocoding_floors_on_ten_articles(gz: Gazetteer) -> None:
    """Floors measured on the first 10 articles of each corpus (2026-11-25), a little below the figures."""
    gwn = load_geowebnews(shared("geowebnews"), limit=10)
    tr = load_trnews(shared("tr-news"), limit=10)
    gv = load_geovirus(shared("geovirus"), limit=10)
    assert len(gwn) == len(tr) == len(gv) == 10
    assert geocode_articles(gwn, gz)["acc161"] >= FLOORS["gwn"]
    assert geocode_articles(tr, gz)["acc161"] >= FLOORS["tr"]
    assert geocode_articles(gv, gz)["acc161"] >= FLOORS["gv"]


def test_geotagging_floor_on_ten_articles() -> None:
    gwn = load_geowebnews(shared("geowebnews"), limit=10)
    r = geotag_articles(gwn)
    assert r["gold"] > 50
    assert r["f1"] >= FLOORS["f1"]
    assert r["matched_acc161"] >= FLOORS["matched"]


# Measured 2026-11-26 (third round): 67.7, 94.0, 85.0, 60.0, 73.1 (before it: 51.8, 92.7, 70.0, 49.8, 85.5). The
# matched accuracy fell because the streets of gwn:0 (New Orleans, never named as a place there) are now place
# mentions, placed at the Lafayette the article names, 192 km off; without gwn:0 it is 91.9.
FLOORS = {"gwn": 62.0, "tr": 90.0, "gv": 80.0, "f1": 55.0, "matched": 70.0}


def test_corpus_part_is_a_fixed_70_30_split() -> None:
    from newstrace.bench.geocode import corpus_part, gwn_part

    ids = [f"geovirus:{i}" for i in range(1000)]
    parts = [corpus_part(i) for i in ids]
    assert parts == [corpus_part(i) for i in ids]  # deterministic
    assert 0.65 < parts.count("dev") / len(parts) < 0.75
    assert gwn_part("gwn:1") == corpus_part("gwn:1")


def test_country_point_conventions_are_told_apart(gz: Gazetteer) -> None:
    # Canada's point in Wikipedia (60 N 95 W) is about 1,000 km from GeoNames' (60.1 N 113.6 W): a wrong answer by
    # the 161 km rule, but the right country; Georgia the US state answered as the country is not.
    text = "Canada and Georgia reported new cases."
    tops = (
        GoldToponym(0, 6, "Canada", 60.0, -95.0),
        GoldToponym(11, 18, "Georgia", 33.0, -83.5),
    )
    result = geocode_articles([GoldArticle("t", text, tops)], gz)
    assert result["wrong_by_precision"].get("country") == 2
    assert result["country_convention"] == 1


def test_coverage_splits_toponyms_by_whether_the_gazetteer_holds_the_gold_place(gz: Gazetteer) -> None:
    # Kyiv's GeoNames id (703448) is a cities500 place; 99999999 is no place the gazetteer holds; a span with no
    # GeoNames id (a street, a building) counts apart.
    text = "Officials in Kyiv met near Khreshchatyk Street and in Lutsk."

    def at(name: str, lat: float, lon: float, gid: str = "") -> GoldToponym:
        return GoldToponym(text.index(name), text.index(name) + len(name), name, lat, lon, geonames_id=gid)

    tops = (
        at("Kyiv", 50.4501, 30.5234, "703448"),
        at("Khreshchatyk Street", 50.4474, 30.5221),
        at("Lutsk", 50.7472, 25.3254, "99999999"),
    )
    cover = geocode_articles([GoldArticle("t", text, tops)], gz, coverage=True)["coverage"]
    assert cover["in"] == [1, 1]
    assert cover["no id"][0] == 1
    assert cover["out"] == [1, 1]  # held under another id or not, Lutsk is still resolved right by name
    assert "coverage" not in geocode_articles([GoldArticle("t", text, tops)], gz)


def test_gold_geonames_ids_are_read_from_the_corpora() -> None:
    gwn = load_geowebnews(shared("geowebnews"), limit=5)
    tr = load_trnews(shared("tr-news"), limit=5)
    for arts in (gwn, tr):
        ids = [t.geonames_id for a in arts for t in a.toponyms if t.lat is not None]
        assert ids and sum(i.isdigit() for i in ids) >= 0.5 * len(ids)  # streets and buildings have none


def test_end_to_end_scoring_counts_found_and_right() -> None:
    art = GoldArticle("a", "Kyiv and Lviv and Odesa", (
        GoldToponym(0, 4, "Kyiv", 50.45, 30.52),
        GoldToponym(9, 13, "Lviv", 49.84, 24.03),
        GoldToponym(18, 23, "Odesa", 46.48, 30.73),
    ))
    # Kyiv found and right, Lviv found but placed in Kyiv (wrong), Odesa not found.
    r = end_to_end([art], [[(0, 4, 50.4, 30.5), (9, 13, 50.45, 30.52)]])
    assert r["gold"] == 3
    assert r["found"] == pytest.approx(200 / 3)
    assert r["acc161_found"] == pytest.approx(50.0)
    assert r["acc161_all"] == pytest.approx(100 / 3)


def test_stored_geoparsers_read_from_the_shared_corpus() -> None:
    folder = shared("geowebnews")
    arts = load_gwn_full(folder)
    edin = load_stored_geoparser(folder, "edin")
    assert len(edin) == len(arts) == 200
    # Edinburgh leaves some names it found without coordinates ("No Gaz"): those are not predictions.
    assert all(math.isfinite(lat) and math.isfinite(lon) for preds in edin for _, _, lat, lon in preds)
    r = end_to_end(arts, edin)
    assert r["gold"] == 2401
    assert r["found"] == pytest.approx(57.6, abs=0.05)
    assert r["acc161_found"] == pytest.approx(89.9, abs=0.05)
