"""The gazetteer outside Ukraine: regions among regions, comma lists, counties and provinces, country names.

Each case is a sentence written the way wire copy and health news put it (the GeoVirus and TR-News error
analysis of 2026-11-26 found these shapes); the gazetteer is the real one, built once per session.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newstrace.gazetteer import Gazetteer, PlaceCandidate, Resolution, build_gazetteer


@pytest.fixture(scope="session")
def gz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path: Path = build_gazetteer(tmp_path_factory.mktemp("gazetteer-world") / "gazetteer.sqlite")
    return Gazetteer.open(path)


def resolve_all(
    gz: Gazetteer, text: str, names: list[str], *, label: str = "GPE", known: bool = False
) -> dict[str, list[Resolution | None]]:
    """Every occurrence of each name as a candidate, resolved together; answers by name, in text order."""
    cands = sorted(
        (
            PlaceCandidate(m.start(), m.end(), n, label)
            for n in names
            for m in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", text)
        ),
        key=lambda c: c.start,
    )
    out: dict[str, list[Resolution | None]] = {}
    for c, r in zip(cands, gz.resolve(cands, text=text, demonyms=known), strict=True):
        out.setdefault(c.text, []).append(r)
    return out


def where(r: Resolution | None) -> tuple[str | None, str | None, str] | None:
    return None if r is None else (r.entry.country_code, r.entry.admin1, r.entry.precision)


def test_georgia_among_us_states_is_the_state(gz: Gazetteer) -> None:
    text = (
        "Cases of the illness have now been confirmed in a widely scattered group of states, among them Georgia, "
        "Oklahoma, Pennsylvania, Wisconsin and California, health officials said."
    )
    names = ["Georgia", "Oklahoma", "Pennsylvania", "Wisconsin", "California"]
    res = resolve_all(gz, text, names)
    for n in names:
        r = res[n][0]
        assert r is not None and r.entry.country_code == "US" and r.entry.precision == "region", (n, where(r))


def test_georgia_among_countries_stays_the_country(gz: Gazetteer) -> None:
    text = "Ministers from Georgia, Armenia and Azerbaijan met in Tbilisi on Tuesday to discuss the pipeline."
    res = resolve_all(gz, text, ["Georgia", "Armenia", "Azerbaijan", "Tbilisi"])
    assert where(res["Georgia"][0]) == ("GE", None, "country")


def test_a_state_in_a_comma_list_is_not_inside_the_next_one(gz: Gazetteer) -> None:
    # "Illinois, Missouri" read as "Paris, Texas" made Illinois a small town in Missouri.
    text = (
        "The states reporting infections so far are Arizona, Colorado, Illinois, Missouri, Ohio and Utah, "
        "according to the agency."
    )
    res = resolve_all(gz, text, ["Arizona", "Colorado", "Illinois", "Missouri", "Ohio", "Utah"])
    r = res["Illinois"][0]
    assert r is not None and r.entry.precision == "region" and r.entry.admin1 == "IL", where(r)


def test_town_state_pairs_in_a_list_keep_their_state(gz: Gazetteer) -> None:
    # The list rule is for regions' own names only: "Richmond, Virginia" inside a list is still in Virginia.
    text = (
        "The company owns warehouses in Nashville and Cordova, Tennessee, Richmond, Virginia, Fort Lauderdale "
        "and Orlando, Florida."
    )
    res = resolve_all(gz, text, ["Nashville", "Cordova", "Tennessee", "Richmond", "Virginia", "Orlando", "Florida"])
    r = res["Richmond"][0]
    assert r is not None and (r.entry.country_code, r.entry.admin1) == ("US", "VA"), where(r)


def test_new_york_and_washington_stay_the_cities_among_states(gz: Gazetteer) -> None:
    text = (
        "WASHINGTON - Officials in Texas, Ohio and Florida said on Monday that flights to New York were "
        "delayed; the White House in Washington declined to comment."
    )
    res = resolve_all(gz, text, ["WASHINGTON", "Texas", "Ohio", "Florida", "New York", "Washington"])
    for n in ("WASHINGTON", "Washington", "New York"):
        r = res[n][0]
        assert r is not None and r.entry.precision == "point", (n, where(r))


def test_the_state_of_washington_is_the_state(gz: Gazetteer) -> None:
    text = "The first case was found in December in the state of Washington, on a dairy farm near Yakima."
    r = resolve_all(gz, text, ["Washington", "Yakima"])["Washington"][0]
    assert r is not None and r.entry.precision == "region" and r.entry.admin1 == "WA", where(r)


def test_english_county_after_a_town_is_the_county(gz: Gazetteer) -> None:
    text = "The virus probably escaped from a laboratory near Guildford, Surrey, in the south of England."
    res = resolve_all(gz, text, ["Guildford", "Surrey", "England"])
    surrey, guildford = res["Surrey"][0], res["Guildford"][0]
    assert surrey is not None and surrey.entry.country_code == "GB" and surrey.entry.precision == "district"
    assert guildford is not None and guildford.entry.country_code == "GB", where(guildford)


def test_british_counties_are_known(gz: Gazetteer) -> None:
    for name in ("Norfolk", "Suffolk", "Fife", "Devon", "Cornwall"):
        assert any(e.country_code == "GB" and e.precision == "district" for e in gz.lookup(name)), name


def test_philippine_province_after_its_towns(gz: Gazetteer) -> None:
    text = "Quarantine on a hog farm in Manaoag, Pangasinan, was lifted after tests found no trace of the virus."
    r = resolve_all(gz, text, ["Manaoag", "Pangasinan"])["Pangasinan"][0]
    assert r is not None and r.entry.country_code == "PH" and r.entry.precision == "district", where(r)


def test_small_first_level_regions_are_known(gz: Gazetteer) -> None:
    # Below the 500k-people threshold of the first generated rows: Norwegian counties, Zimbabwean provinces.
    for name, cc in (("Akershus", "NO"), ("Telemark", "NO"), ("Manicaland", "ZW"), ("Mashonaland West", "ZW")):
        assert any(e.country_code == cc and e.precision == "region" for e in gz.lookup(name)), name


def test_bali_is_the_indonesian_island_province(gz: Gazetteer) -> None:
    text = "Tourists returning from Bali were screened at Sydney airport."
    r = resolve_all(gz, text, ["Bali", "Sydney"])["Bali"][0]
    assert r is not None and r.entry.country_code == "ID", where(r)


def test_congo_is_a_country(gz: Gazetteer) -> None:
    r = resolve_all(gz, "Ebola has killed dozens of people in Congo this year.", ["Congo"])["Congo"][0]
    assert r is not None and r.entry.precision == "country" and r.entry.country_code in ("CD", "CG"), where(r)
    # "Congo" alone is either country (the bigger one by default); the longer names are one each.
    assert gz.lookup("Republic of Congo")[0].country_code == "CG"
    assert gz.lookup("Congo-Brazzaville")[0].country_code == "CG"
    assert gz.lookup("DR Congo")[0].country_code == "CD"


def test_islands_and_waters(gz: Gazetteer) -> None:
    for name, cc in (("Java", "ID"), ("Jutland", "DK"), ("Honshu", "JP"), ("Panama Canal", "PA")):
        assert gz.lookup(name)[0].country_code == cc, name
    text = "Volcanic ash from the eruption on Java closed airports across Indonesia."
    r = resolve_all(gz, text, ["Java", "Indonesia"])["Java"][0]
    assert r is not None and r.entry.country_code == "ID" and r.entry.feature == "island", where(r)


def test_cape_verde_and_the_soviet_union(gz: Gazetteer) -> None:
    assert gz.lookup("Cape Verde")[0].country_code == "CV"
    assert gz.lookup("Soviet Union")[0].precision == "region"
    assert gz.lookup("USSR")[0].id == "newstrace:soviet-union"


def test_european_union_only_as_a_known_toponym(gz: Gazetteer) -> None:
    text = "France is the seventh country in the European Union to report the virus in wild birds."
    # In running text the European Union is an institution (an organisation entity), not a place ...
    assert resolve_all(gz, text, ["France", "European Union"])["European Union"][0] is None
    # ... but a span already known to be a toponym (a gold span) is the EU's area.
    r = resolve_all(gz, text, ["France", "European Union"], known=True)["European Union"][0]
    assert r is not None and r.entry.id == "newstrace:european-union"


def test_official_country_forms(gz: Gazetteer) -> None:
    text = "Talks between Baku and the Republic of Armenia resumed, the foreign ministry said."
    r = resolve_all(gz, text, ["Baku", "Republic of Armenia"])["Republic of Armenia"][0]
    assert where(r) == ("AM", None, "country")
    assert gz.lookup("Islamic Republic of Iran")[0].country_code == "IR"
    assert gz.lookup("Kingdom of Norway")[0].country_code == "NO"
    assert gz.lookup("Republic of Nowhere") == []


def test_us_county_without_the_word_county(gz: Gazetteer) -> None:
    text = "Schools in Miami-Dade stayed closed on Monday as the storm approached Miami."
    r = resolve_all(gz, text, ["Miami-Dade", "Miami"])["Miami-Dade"][0]
    assert r is not None and r.entry.name == "Miami-Dade County" and r.entry.precision == "district"


def test_dotted_abbreviation_is_not_an_acronym(gz: Gazetteer) -> None:
    text = "The rally in Washington, D.C. drew thousands; D.C. police said no one was arrested."
    res = resolve_all(gz, text, ["Washington", "D.C."])
    for r in res["D.C."]:  # the District of Columbia or the city, both in DC
        assert r is not None and (r.entry.country_code, r.entry.admin1) == ("US", "DC"), where(r)
    assert res["Washington"][0] is not None and res["Washington"][0].entry.feature == "capital"


@pytest.mark.parametrize(
    ("adjective", "expected"),
    [("Peruvian", "PE"), ("Salvadoran", "SV"), ("Bosnian", "BA"), ("Kurdish", "IQ")],
)
def test_nationality_adjectives_as_known_toponyms(gz: Gazetteer, adjective: str, expected: str) -> None:
    text = f"The {adjective} authorities said the border would stay closed."
    r = resolve_all(gz, text, [adjective], known=True)[adjective][0]
    assert r is not None and r.entry.country_code == expected and "demonym" in r.reason
    # Not in running text: a nationality adjective is not a mention of a place.
    assert resolve_all(gz, text, [adjective])[adjective][0] is None


def test_central_american_is_the_region(gz: Gazetteer) -> None:
    text = "Thousands of Central American migrants reached the border this week."
    r = resolve_all(gz, text, ["Central American"], known=True)["Central American"][0]
    assert r is not None and r.entry.id == "newstrace:central-america"


def test_rivers_mountains_and_islands(gz: Gazetteer) -> None:
    text = "Farmers in Tamil Nadu say they need more water from the Cauvery after a weak monsoon."
    r = resolve_all(gz, text, ["Tamil Nadu", "Cauvery"])["Cauvery"][0]
    assert r is not None and r.entry.feature == "river" and r.entry.country_code == "IN"
    text = "Hikers were rescued in the Appalachians; in Hawaii, flights to Oahu and Maui were cancelled."
    res = resolve_all(gz, text, ["Appalachians", "Hawaii", "Oahu", "Maui"])
    assert res["Appalachians"][0] is not None and res["Appalachians"][0].entry.feature == "mountains"
    for n in ("Oahu", "Maui"):
        r = res[n][0]
        assert r is not None and (r.entry.country_code, r.entry.admin1) == ("US", "HI"), n
    # "Amazon" alone stays off the river (the company is named far more often); "the Amazon River" is it.
    assert all(e.feature != "river" for e in gz.lookup("Amazon"))
    assert gz.lookup("Amazon River")[0].feature == "river"


def test_english_counties_beat_american_namesakes_in_a_british_story(gz: Gazetteer) -> None:
    text = "Flood warnings were issued for Leeds and Sheffield in Yorkshire and for Chester in Cheshire."
    res = resolve_all(gz, text, ["Leeds", "Sheffield", "Yorkshire", "Chester", "Cheshire"])
    for n in ("Yorkshire", "Cheshire"):
        r = res[n][0]
        assert r is not None and r.entry.country_code == "GB", (n, where(r))


def test_university_of_a_place_is_placed_where_the_article_is(gz: Gazetteer) -> None:
    text = "Researchers in Edmonton at the University of Alberta published the study on Tuesday."
    cands = [
        PlaceCandidate(text.index("Edmonton"), text.index("Edmonton") + 8, "Edmonton", "GPE"),
        PlaceCandidate(text.index("University"), text.index(" published"), "University of Alberta", "FAC"),
    ]
    _, uni = gz.resolve(cands, text=text, facilities=True)
    assert uni is not None and uni.approximate and uni.entry.name == "Edmonton"
