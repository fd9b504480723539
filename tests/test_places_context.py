"""Place mentions in context: person names that are also towns, place cues before PERSON/ORG names, and
associative places (nationality adjectives, "the EU", a place inside an organisation's name) kept apart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import doc_with_mentions as _doc

from newstrace.extract.places import associative_places, resolve_places
from newstrace.gazetteer import Gazetteer
from newstrace.record import Document


@pytest.fixture(scope="module")
def gz() -> Iterator[Gazetteer]:
    g = Gazetteer.open()
    yield g


def _places(doc: Document) -> dict[str, str]:
    """surface -> the place's country code, for the mentions resolved to a place with coordinates."""
    out = {}
    for m in doc.mentions:
        e = doc.entities.get(m.entity) if m.entity else None
        if e is not None and e.type == "place" and e.place is not None:
            out[m.text] = e.place.country_code or ""
    return out


def test_surname_of_a_named_person_is_not_the_town(gz: Gazetteer) -> None:
    text = (
        "The scheme was explained by newly elected town councillor Dewly Nelson. Nelson concedes the number "
        "could be a little high. Robbins said the district had waited for years."
    )
    doc = _doc(
        text,
        [("Dewly Nelson", "PERSON"), ("Nelson", "PERSON"), ("Robbins", "PERSON")],
        persons={"Dewly Nelson": ["Dewly Nelson", "Nelson"]},
    )
    resolve_places(doc, gz)
    assert _places(doc) == {}


def test_title_and_kin_words_make_a_person(gz: Gazetteer) -> None:
    text = "Mr Barry met his brother Tyler in the morning. Sgt Bolton was not there."
    doc = _doc(text, [("Barry", "GPE"), ("Tyler", "GPE"), ("Bolton", "PERSON")])
    resolve_places(doc, gz)
    assert _places(doc) == {}


def test_war_towns_named_like_people_still_resolve(gz: Gazetteer) -> None:
    # Lyman is also a surname and Marinka a first name; with a place cue they are the towns, labels aside.
    text = (
        "Heavy fighting continued near Lyman on Tuesday, the General Staff said. In Marinka, shelling destroyed "
        "the last houses. Ukraine said the situation in Bakhmut remained difficult."
    )
    doc = _doc(text, [("Lyman", "PERSON"), ("Marinka", "PERSON"), ("Ukraine", "PERSON"), ("Bakhmut", "GPE")])
    resolve_places(doc, gz)
    places = _places(doc)
    assert places.get("Lyman") == "UA"
    assert places.get("Marinka") == "UA"
    assert places.get("Ukraine") == "UA"  # a country before "said" is the country (its government), not a person
    assert places.get("Bakhmut") == "UA"


def test_a_bodys_acronym_after_a_place_cue_is_no_town(gz: Gazetteer) -> None:
    # "in NATO": a place cue before an ORG name the gazetteer knows (Nato, a town in the Philippines)
    text = "Russia made the membership of Ukraine in NATO a casus belli, the chancellor said in Kyiv."
    doc = _doc(text, [("Russia", "GPE"), ("Ukraine", "GPE"), ("NATO", "ORG"), ("Kyiv", "GPE")])
    resolve_places(doc, gz)
    places = _places(doc)
    assert "NATO" not in places and places.get("Kyiv") == "UA", places


def test_person_named_like_a_town_in_a_war_report(gz: Gazetteer) -> None:
    text = (
        "Russian troops shelled Kramatorsk overnight, regional governor Pavlo Kyrylenko said. Kyrylenko added "
        "that two civilians were wounded in Kramatorsk."
    )
    doc = _doc(
        text,
        [("Kramatorsk", "GPE"), ("Pavlo Kyrylenko", "PERSON"), ("Kyrylenko", "PERSON"), ("Kramatorsk", "GPE")],
        persons={"Pavlo Kyrylenko": ["Pavlo Kyrylenko", "Kyrylenko"]},
    )
    resolve_places(doc, gz)
    places = _places(doc)
    assert places == {"Kramatorsk": "UA"}


def test_place_cue_before_a_norp_or_org_name(gz: Gazetteer) -> None:
    text = "The news deeply embarrassed authorities in Tunis. Tamil Nadu said it had written to the Centre."
    doc = _doc(text, [("Tunis", "NORP"), ("Tamil Nadu", "PERSON")])
    resolve_places(doc, gz)
    places = _places(doc)
    assert places.get("Tunis") == "TN"
    assert places.get("Tamil Nadu") == "IN"


def test_associative_places_are_kept_apart(gz: Gazetteer) -> None:
    text = (
        "Russian forces shelled Kharkiv, while EU leaders met in Brussels. The Toronto Police Services Board "
        "said nothing."
    )
    doc = _doc(
        text,
        [
            ("Russian", "NORP"),
            ("Kharkiv", "GPE"),
            ("EU", "ORG"),
            ("Brussels", "GPE"),
            ("Toronto Police Services Board", "ORG"),
        ],
    )
    resolve_places(doc, gz)
    places = _places(doc)
    assert set(places) == {"Kharkiv", "Brussels"}  # only these are place mentions (the map's)
    assoc = {a.text: a for a in associative_places(doc, gz)}
    assert assoc["Russian"].place.country_code == "RU"
    assert assoc["EU"].name == "European Union"
    assert assoc["Toronto"].place.country_code == "CA"
    assert "Kharkiv" not in assoc and "Brussels" not in assoc
    # Nothing was added to the document: no Russia entity, no new mention.
    assert not any(
        e.place is not None and e.place.country_code == "RU" and e.place.precision == "country"
        for e in doc.entities.values()
    )
    assert _places(doc) == places


def test_plural_people_and_faiths_are_not_associative_places(gz: Gazetteer) -> None:
    text = "Mexicans and Muslim groups protested outside the embassy."
    doc = _doc(text, [("Mexicans", "NORP"), ("Muslim", "NORP")])
    resolve_places(doc, gz)
    assert associative_places(doc, gz) == []


def test_pipeline_on_a_real_looking_article(nlp) -> None:  # type: ignore[no-untyped-def]
    from newstrace import Pipeline

    text = (
        "Russian forces shelled the town of Lyman in the Donetsk region on Tuesday, Ukraine's military "
        'said. "The situation is difficult," said Serhiy Cherevaty, a spokesman for the eastern group of forces. '
        "Cherevaty said two civilians were killed in Lyman and three were wounded in Sloviansk."
    )
    pipe = Pipeline.from_names(["clean.segments", "extract.nlp", "extract.entities", "extract.places"])
    doc = pipe(Document(id="t", sha256="", path="t", text=text))
    places = _places(doc)
    assert places.get("Lyman") == "UA"
    assert places.get("Sloviansk") == "UA"
    assert "Russian" not in places and "Cherevaty" not in places
    assoc = {a.text for a in associative_places(doc)}
    assert "Russian" in assoc
