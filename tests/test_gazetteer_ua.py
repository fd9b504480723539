"""Place resolution in Ukraine, Russia and Belarus: romanisation variants, the admin hierarchy as
context (oblast restricts, raion seat pulls), and the same context in running text (issue 4)."""

from __future__ import annotations

import pytest

from newstrace.bench.geocode import haversine_km
from newstrace.gazetteer import Gazetteer, PlaceCandidate
from newstrace.gazetteer.names import adjective_stems, fold_name, variant_key


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.open()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Krasnogorovka", "Krasnohorivka"),  # Russian g/o, Ukrainian h/i
        ("Malaya Rohan", "Mala Rohan"),  # Russian feminine adjective
        ("Izyum", "Izium"),  # yu / iu
        ("Mar'inka", "Maryinka"),  # soft sign, y
        ("Pioners'ke", "Pionerskoye"),  # -ske / -skoye
        ("Kharkov", "Kharkiv"),  # -ov / -iv
        ("Loehansk", "Luhansk"),  # Dutch oe
        ("Tsjernihiv", "Chernihiv"),  # Dutch tsj
        ("Novaya Pershina", "Nova Pershyna"),
        ("Veselaya Lopan", "Vesela Lopan"),
    ],
)
def test_variant_key_merges_romanisations(a: str, b: str) -> None:
    assert variant_key(fold_name(a)) == variant_key(fold_name(b))


@pytest.mark.parametrize(("a", "b"), [("Pisky", "Peski"), ("Kyiv", "Kiev"), ("Donetsk", "Luhansk")])
def test_variant_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert variant_key(fold_name(a)) != variant_key(fold_name(b))


def test_adjective_stems() -> None:
    assert "donetsk" in adjective_stems("donetska")
    assert "chapayev" in adjective_stems("chapayevsky")
    assert "belgorod" in adjective_stems("belgorodskaya")
    assert adjective_stems("kharkiv") == []


def _near(res, lat: float, lon: float, km: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    return res is not None and haversine_km(lat, lon, res.place.lat, res.place.lon) <= km


def test_oblast_picks_the_right_homonym(gz: Gazetteer) -> None:
    # Ivanivka: more than twenty places of that name; the oblast decides which.
    kherson = gz.resolve_address("Ivanivka", province="Kherson Oblast", country="Ukraine")
    donetsk = gz.resolve_address("Ivanivka", province="Oblast Donezk", country="Ukraine")
    assert kherson is not None and donetsk is not None
    assert kherson.entry.admin1 == "08" and kherson.place.precision == "point"
    assert donetsk.entry.admin1 == "05" and donetsk.place.precision == "point"
    assert haversine_km(kherson.place.lat, kherson.place.lon, donetsk.place.lat, donetsk.place.lon) > 200


def test_district_seat_pulls_towards_it(gz: Gazetteer) -> None:
    res = gz.resolve_address("Novoselivka", district="Bakhmutskyi", province="Donets'ka oblast", country="Ukraine")
    assert res is not None and res.entry.admin1 == "05"
    assert _near(res, 48.594, 37.999, km=60)  # Bakhmut
    assert "Bakhmut" in res.reason


@pytest.mark.parametrize(
    ("town", "province", "country", "lat", "lon"),
    [
        ("Malaya Rohan", "Kharkiv Oblast", "Ukraine", 49.938, 36.489),  # Russian form of Mala Rohan
        ("Izyum", "Charkov Oblast", "Ukraine", 49.21, 37.26),  # misspelt province (German-like)
        ("Irpin'", "Kyivs'ka oblast", "Ukraine", 50.52, 30.24),  # soft sign, adjectival oblast
        ("Kiyv", "Kiyv Oblast", "Ukraine", 50.45, 30.52),  # a typo of Kyiv
        ("Sevastopol", "Crimea", "Ukraine", 44.61, 33.52),  # a city region inside Crimea
        ("Zolotarivka", "Loehansk Oblast", "Ukraine", 48.88, 38.27),  # Dutch romanisation of the oblast
        ("Харків", "Харківська область", "Україна", 49.98, 36.25),  # Cyrillic throughout
        ("Pleshchenitsy", "Minsk Oblast", "Belarus", 54.42, 27.83),  # Russian form of Plyeshchanitsy
    ],
)
def test_address_variants(gz: Gazetteer, town: str, province: str, country: str, lat: float, lon: float) -> None:
    res = gz.resolve_address(town, province=province, country=country)
    assert _near(res, lat, lon), res


def test_empty_town_falls_back_to_district_seat_then_region(gz: Gazetteer) -> None:
    seat = gz.resolve_address("", district="Chapayevsky", province="Samarskaya oblast", country="Russia")
    assert seat is not None and seat.canonical_name == "Chapayevsk" and seat.score < 0.5
    region = gz.resolve_address("", province="Kursk Oblast", country="Russia")
    assert region is not None and region.place.precision == "region"


def test_unknown_village_is_not_a_namesake_elsewhere(gz: Gazetteer) -> None:
    # A village missing from the gazetteer: the region, never a namesake in another oblast or country.
    res = gz.resolve_address("Yahidne", province="Chernihiv Oblast", country="Ukraine")
    assert res is not None
    assert res.entry.country_code == "UA" and res.entry.admin1 == "02"


def _resolve_in(gz: Gazetteer, text: str, name: str):  # type: ignore[no-untyped-def]
    i = text.index(name)
    return gz.resolve([PlaceCandidate(i, i + len(name), name, "GPE")], text=text)[0]


def test_text_region_context_finds_spelling_variant(gz: Gazetteer) -> None:
    res = _resolve_in(gz, "Shelling hit Krasnogorovka, Donetsk region, on Monday.", "Krasnogorovka")
    assert _near(res, 48.005, 37.507)
    res = _resolve_in(gz, "Troops entered Malaya Rogan in the Kharkiv region.", "Malaya Rogan")
    assert _near(res, 49.938, 36.489)


def test_text_district_context(gz: Gazetteer) -> None:
    res = _resolve_in(gz, "Shelling hit Novoselivka, Bakhmut district, on Monday.", "Novoselivka")
    assert res is not None and res.entry.admin1 == "05"
    assert _near(res, 48.594, 37.999, km=60)


def test_text_region_context_rejects_namesake_elsewhere(gz: Gazetteer) -> None:
    res = _resolve_in(gz, "Fighting went on near Pisky, Donetsk region.", "Pisky")
    assert res is None or res.entry.admin1 == "05"
    # a city region counts as inside the region around it
    res = _resolve_in(gz, "Drones hit Kyiv, Kyiv region, overnight.", "Kyiv")
    assert _near(res, 50.45, 30.52)


# --- facilities the gazetteer does not know ----------------------------------------------
def _cands(text: str, spans: list[tuple[str, str]]) -> list[PlaceCandidate]:
    out = []
    for name, label in spans:
        i = text.index(name)
        out.append(PlaceCandidate(i, i + len(name), name, label))
    return out


def test_facility_is_placed_at_the_settlement_named_before_it(gz: Gazetteer) -> None:
    text = "In New Orleans, crowds filled Royal Street on Tuesday; later the Superdome Arena was closed."
    cands = _cands(text, [("New Orleans", "GPE"), ("Royal Street", "FAC"), ("Superdome Arena", "GPE")])
    plain = gz.resolve(cands, text=text)
    assert plain[1] is None and plain[2] is None  # not in the gazetteer
    res = gz.resolve(cands, text=text, facilities=True)
    town = res[0]
    assert town is not None and not town.approximate
    for fac in (res[1], res[2]):
        assert fac is not None and fac.approximate
        assert fac.entry.id == town.entry.id and fac.place.precision == "point"
        assert fac.score <= 0.35 and "approximate" in fac.reason
    assert res[1].canonical_name == "Royal Street"


def test_facility_needs_a_facility_shape(gz: Gazetteer) -> None:
    text = "In Brooklyn, fans left the Barclays Center and Acme Widgets for the Street."
    cands = _cands(text, [("Brooklyn", "GPE"), ("Barclays Center", "ORG"), ("Acme Widgets", "GPE"), ("Street", "GPE")])
    res = gz.resolve(cands, text=text, facilities=True)
    assert res[0] is not None
    assert res[1] is None  # labelled ORG: an institution
    assert res[2] is None  # no facility word
    assert res[3] is None or not res[3].approximate  # a lone ordinary word (Street is also a town in Somerset)
    fac = gz.resolve(_cands(text, [("Brooklyn", "GPE"), ("Barclays Center", "FAC")]), text=text, facilities=True)
    assert fac[1] is not None and fac[1].approximate


def test_places_stage_keeps_facility_as_its_own_entity(gz: Gazetteer) -> None:
    from newstrace.extract.places import resolve_places
    from newstrace.record import Document, Mention

    text = "In New Orleans, crowds filled Royal Street on Tuesday."
    doc = Document(id="d", sha256="", path="d", text=text)
    for name, label in (("New Orleans", "GPE"), ("Royal Street", "FAC")):
        i = text.index(name)
        doc.mentions.append(Mention(i, i + len(name), name, label))
    resolve_places(doc, gz)
    by_text = {m.text: doc.entities[m.entity] for m in doc.mentions if m.entity}
    town, street = by_text["New Orleans"], by_text["Royal Street"]
    assert street.id != town.id and street.name == "Royal Street"
    assert street.place is not None and town.place is not None
    assert (street.place.lat, street.place.lon) == (town.place.lat, town.place.lon)
    assert street.place.score < town.place.score and any("approximate" in r for r in street.reasons)


def test_a_name_used_as_its_regions_adjective_is_the_region(gz: Gazetteer) -> None:
    from newstrace.extract.places import resolve_places
    from newstrace.record import Document, Segment

    text = "The Donetsk regional prosecutor's office said the strike hit Donetsk itself on Monday."
    doc = Document(id="d", sha256="", path="d", text=text, segments=[Segment(0, len(text), "body")])
    resolve_places(doc, gz)
    found = [(m.text, m.start, doc.entities[m.entity].name) for m in doc.mentions if m.entity]
    assert ("Donetsk", 4, "Donetsk Oblast") in found  # the words of the text, the region's entity
    assert ("Donetsk", text.index("Donetsk itself"), "Donetsk") in found  # the city, named as such
