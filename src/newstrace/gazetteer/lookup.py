"""Look place names up and resolve a document's place mentions together.

:meth:`Gazetteer.lookup` answers "which places can this name mean", best first by
a prior (population, and regions/countries before villages of the same name).

:meth:`Gazetteer.resolve` answers "which place does this mention mean, here". A
news article says where it is: a region right after a name ("Kostiantynivka,
Donetsk region", "X in the Kharkiv oblast", "X (Zaporizhzhia region)"), the
other places it names (if most are in Ukraine, "Lyman" is the Ukrainian one),
how close they are to each other. So all mentions of one document are resolved
together, in two passes: first each name alone (its own context and the prior),
then again with the votes of the other names' first-pass answers.

:meth:`Gazetteer.find_names` spots capitalised names of sizeable places that
the recogniser missed, so they can be resolved too.

:meth:`Gazetteer.resolve_address` answers "where is this town, given its district,
province and country as written" (conflict event data: "Malaya Rohan, Kharkiv Oblast",
"Novoselivka, Bakhmutskyi, Donets'ka oblast"): the province restricts the town to its
region, the district's seat pulls it, and inside the region romanisation variants and
near spellings count. The same region logic serves running text: "X, Donetsk region"
looks for spelling variants of X inside that region and refuses a namesake outside it.
"""

from __future__ import annotations

import logging
import math
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Self

from rapidfuzz import fuzz, process

from ..errors import GazetteerError
from ..record import Place, PlacePrecision
from .build import (
    SCHEMA_VERSION,
    SPOT_ABBREVIATIONS,
    SPOT_AREA,
    SPOT_BIG,
    SPOT_FOCUS_COUNTRIES,
    build_gazetteer,
    build_sha256,
    default_path,
)
from .demonyms import DEMONYMS
from .literal import LITERAL_SCORE, LiteralHit, find_literal_phrases
from .names import (
    COMMON_WORDS,
    FUNCTION_WORDS,
    NOT_PLACES,
    POLISH_CASE_COUNTRIES,
    REGION_WORDS,
    adjective_stems,
    fold_name,
    has_cyrillic,
    polish_adjective_stems,
    polish_case_stems,
    polish_romanisations,
    skeleton,
    transliterations,
    variant_key,
)

__all__ = ["Gazetteer", "GazetteerEntry", "PlaceCandidate", "Resolution"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place of the gazetteer."""

    id: str  # "geonames:706483" or "newstrace:ua-donetsk-oblast"
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    population: int | None
    precision: PlacePrecision
    feature: str  # town, region, country, continent, river, sea, island, peninsula, facility, ...

    def to_place(self, score: float = 1.0) -> Place:
        """The pipeline's :class:`~newstrace.record.Place` for this entry."""
        return Place(
            lat=self.lat,
            lon=self.lon,
            gazetteer_id=self.id,
            country_code=self.country_code,
            precision=self.precision,
            score=score,
            admin1=self.admin1,
            population=self.population,
        )


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """A span of the document that may name a place.

    ``label`` is the recogniser's label (spaCy's GPE, LOC, FAC, ORG, PERSON,
    NORP) or "GAZ" for a span spotted by :meth:`Gazetteer.find_names`.
    """

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """Which place a candidate means, how sure, and why (for audits)."""

    candidate: PlaceCandidate
    entry: GazetteerEntry
    place: Place
    canonical_name: str
    score: float  # 0..1
    reason: str
    # True when the coordinates are not the named place's own but those of the settlement the
    # article places it in (a street or a venue the gazetteer does not know).
    approximate: bool = False


# --- tuning -------------------------------------------------------------------------
# Labels whose spans are place names by the recogniser's own account.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "GAZ"})
# Features that "the" goes with: "the Dnipro" is the river, "Dnipro" the city.
_THE_FEATURES = frozenset({"river", "sea", "island", "peninsula", "water"})
_ADMIN_FEATURES = frozenset({"region", "state", "country", "continent", "district"})
# Region words that mean a first-level region, so "X region" may be looked up as "X oblast".
_ADMIN1_WORDS = frozenset({"region", "oblast", "province", "krai", "kray", "voblast", "governorate", "state"})
_DEFAULT_POPULATION = {"continent": 1e8, "country": 1e6, "region": 1e6, "district": 1e5}
_STRONG_POPULATION = 100_000
# A Polish case form (Kijowie, Iziumu) is undone only for places at least this big (or regions):
# machine translation inflects the towns news names, and a small village is too easy a namesake.
_POLISH_CASE_MIN_POPULATION = 5_000
# Settlement words right before a name say it is a place, whatever the recogniser's label
# ("the city of Awdijwka" tagged PERSON, "the village of Krasnohoriwka" tagged ORG).
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?i:(?:urban-type\s+)?(?:town|city|village|settlement|hamlet|locality|township))s?\s+of\s+$"
)
# "Republic of Armenia", "Islamic Republic of Iran", "Kingdom of Norway" (folded): the country's official form.
_STATE_FORM = re.compile(
    r"^(?:the )?(?:(?:islamic|democratic|federal|people s|socialist|arab|united|hashemite|plurinational|"
    r"bolivarian|co operative|cooperative) )*(?:republic|kingdom|state|commonwealth|federation|principality|"
    r"sultanate|emirate|grand duchy) of (?:the )?"
)
# "the state of Washington", "the State of Georgia"
# Compass words opening a name the gazetteer lacks: "South Venezuela", "north west London", "Western US".
_DIRECTION_PREFIX = re.compile(
    r"^(?:(?:north|south|east|west|northern|southern|eastern|western|central|northeast|northwest|southeast"
    r"|southwest|north-east|north-west|south-east|south-west)\s+)+"
)
# "EU", "E.U.": the European Union when the caller knows the span is a toponym (resolve(..., demonyms=True)).
_UNION_SHORT = frozenset({"EU", "E.U."})
_EU_ID = "newstrace:european-union"
_COMPASS_WORDS = frozenset(
    """north south east west northern southern eastern western central northeast northwest southeast southwest
    north-east north-west south-east south-west midwest""".split()
)
_STATE_BEFORE = re.compile(r"\b(?i:state)\s+of\s+$")
# "obwód winnicki" translated word by word: "the Winnicki circuit".
_CIRCUIT_AFTER = re.compile(r"^\s+(?i:circuits?)\b")
# A literal translation without a cue of its own is taken when the article names a place this close.
_LITERAL_NEAR_KM = 50.0
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "dame",
        "president",
        "gen",
        "general",
        "col",
        "colonel",
        "lt",
        "sgt",
        "capt",
        "captain",
        "prof",
        "minister",
        "rev",
        "saint",
        "st",
        "lady",
        "lord",
        "judge",
    }
)
# Words after a name that make it part of an organisation's or outlet's name.
_ORG_TAILS = frozenset(
    {
        "post",
        "times",
        "independent",
        "university",
        "herald",
        "journal",
        "tribune",
        "news",
        "daily",
        "telegraph",
        "gazette",
        "institute",
        "group",
        "bank",
        "company",
        "club",
        "fc",
        "dynamo",
        "regiment",
        "battalion",
        "brigade",
        "corps",
        "airlines",
        "express",
        "pravda",
        "review",
        "international",
        "agency",
        "foundation",
        "council",
        "court",
        "school",
        "college",
        "academy",
    }
)

_CAP = "A-ZÀ-ÖØ-ÞА-ЯІЇЄҐЎ"
# "... in the Donetsk region" anywhere in an article: the regions the article names.
_REGION_PHRASE = re.compile(
    rf"(?P<name>[{_CAP}][\w'’\-]*(?:\s+[{_CAP}][\w'’\-]*)?)\s+(?P<word>(?i:region|oblast|province))\b"
)
_WORD = rf"[{_CAP}][\w'’\-]*"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
_RWORDS = r"regions?|oblasts?|provinces?|krai|kray|voblasts?|governorates?|districts?|raions?|rayons?|state|county"
# "X, Kharkiv region" / "X in the Donetsk oblast" / "X (Zaporizhzhia region)" / "X, Ukraine"
_AFTER = re.compile(
    rf"^(?:\s*(?P<sep>,)\s*|\s*\(\s*|\s+in\s+|\s+of\s+)(?P<the>(?i:the)\s+)?"
    rf"(?P<name>{_NAME})(?:(?:\s+|-)(?P<word>(?i:{_RWORDS}))\b)?"
)
# After "X, Y": Y is the first of a list, not where X is ("Mexico, Canada and the US").
_LIST_GOES_ON = re.compile(r"^\s+(?:and|or|&)\s")
# A name inside a list: a capitalised name and a comma right before it, or ", Name," / ", Name and" after the
# name that follows it.
_LIST_BEFORE = re.compile(rf"{_WORD},\s+$")
_LIST_AFTER = re.compile(rf"^\s*,\s*{_NAME}\s*(?:,|\band\b|\bor\b)")
# "Buffalo, New York": a name and a comma right before a mention.
_NAME_COMMA_BEFORE = re.compile(rf"(?<![\w'’.\-])(?P<name>{_NAME}),\s*$")
_RUN_GOES_BACK = re.compile(r"(?:,|[A-Z][\w'’.\-]*)\s+$")
# "the English city of Salisbury", "the Ukrainian town of Kreminna": a nationality adjective before a settlement word.
_DEMONYM_BEFORE = re.compile(
    rf"\b(?i:the|a|an)\s+(?P<dem>{_WORD})\s+(?:(?i:frontline|front-line|border|eastern|southern|northern|western"
    r"|central|coastal|industrial|port|southeastern|northeastern|southwestern|northwestern)\s+)?"
    r"(?i:town|city|village|settlement|port|community|capital|island|resort)\s+of\s+$"
)
# "the Donetsk region town of X" / "Donetsk Oblast's X"
_BEFORE = re.compile(
    rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})\s+(?P<word>(?i:region|oblast|province|krai|voblast))"
    r"(?:(?:'s|’s)\s+|\s+(?:(?i:frontline|front-line|border|occupied|eastern|southern|northern|western)\s+)?"
    r"(?i:town|city|village|settlement|community|hromada|port)s?\s+of\s+)$"
)
# A region word right after the span makes the span itself a region: "Donetsk region",
# "Donetsk and Luhansk regions" (the first of the two).
_REGION_AFTER = re.compile(
    rf"^(?:\s+|-)(?P<word>(?i:{_RWORDS}|city))\b|^\s+and\s+{_WORD}\s+(?P<word2>(?i:regions|oblasts|provinces))\b"
)
# Words that may stand before a spotted name in the same capitalised run ("In Kharkiv",
# "Eastern Kharkiv", "Ukrainian Kharkiv"): anything else there makes it part of a longer name.
_LEAD_WORDS = (
    FUNCTION_WORDS
    | COMMON_WORDS
    | frozenset(DEMONYMS)
    | frozenset(
        """occupied liberated besieged embattled frontline captured recaptured retaken annexed
        shelled bombed visit visited visiting leave left leaving reach reached greater
        russian-occupied ukrainian-held russian-held pro-russian""".split()
    )
)
_SPOT_BIG, _SPOT_AREA = SPOT_BIG, SPOT_AREA
# A word; an apostrophe only inside it (Bil'horod, not the possessive of Ukraine's).
_TOKEN = re.compile(r"[^\W\d_](?:[^\W_]|['’](?=\w)(?![sS]\b)|-(?=\w))*", re.UNICODE)


def _prior(e: GazetteerEntry) -> float:
    """How likely a name means this entry before any context.

    Half a point per tenfold population (so a city of 2 million beats a town of
    20,000 by one point), a bonus for regions/countries over places of the same
    name, a little more for cities of a million or more (the famous ones), and
    a bonus for capitals (news names them constantly) and a small one for
    curated war-relevant entries.
    """
    pop = float(e.population or 0)
    if not pop:
        pop = _DEFAULT_POPULATION.get(e.precision, 0.0) if e.feature in _ADMIN_FEATURES else 1e4
    p = 0.5 * math.log10(pop + 1)
    if e.feature in ("country", "continent"):
        p += 1.5
    elif e.feature == "region":
        p += 0.8
    elif e.feature == "district":
        p += 0.4
    if e.precision == "point" and pop >= 1_000_000:
        p += 0.3
    if e.feature == "capital":
        p += 0.5
    if _curated(e):
        p += 0.3
    return p


# Supplement rows generated in bulk (first-level regions of the world, US counties) are not
# hand-curated war-relevant places: they get no curated bonus and no PERSON/ORG acceptance.
_GENERATED = ("newstrace:admin1-", "newstrace:admin2-")


def _curated(e: GazetteerEntry) -> bool:
    return e.id.startswith("newstrace:") and not e.id.startswith(_GENERATED)


# US states and Canadian provinces as written after a town: AP style ("Louisville, Ky.",
# "Winnipeg, Man.") and postal codes in capitals ("Louisville, KY"). Dotless, lower case.
_AP_STATES = {
    "ala": "Alabama",
    "ariz": "Arizona",
    "ark": "Arkansas",
    "calif": "California",
    "cal": "California",
    "colo": "Colorado",
    "conn": "Connecticut",
    "del": "Delaware",
    "fla": "Florida",
    "ga": "Georgia",
    "ill": "Illinois",
    "ind": "Indiana",
    "kan": "Kansas",
    "kans": "Kansas",
    "ky": "Kentucky",
    "la": "Louisiana",
    "md": "Maryland",
    "mass": "Massachusetts",
    "mich": "Michigan",
    "minn": "Minnesota",
    "miss": "Mississippi",
    "mo": "Missouri",
    "mont": "Montana",
    "neb": "Nebraska",
    "nebr": "Nebraska",
    "nev": "Nevada",
    "nh": "New Hampshire",
    "nj": "New Jersey",
    "nm": "New Mexico",
    "ny": "New York",
    "nc": "North Carolina",
    "nd": "North Dakota",
    "okla": "Oklahoma",
    "ore": "Oregon",
    "pa": "Pennsylvania",
    "penn": "Pennsylvania",
    "ri": "Rhode Island",
    "sc": "South Carolina",
    "sd": "South Dakota",
    "tenn": "Tennessee",
    "tex": "Texas",
    "vt": "Vermont",
    "va": "Virginia",
    "wash": "Washington State",
    "wva": "West Virginia",
    "wis": "Wisconsin",
    "wisc": "Wisconsin",
    "wyo": "Wyoming",
    "dc": "District of Columbia",
    "alta": "Alberta",
    "bc": "British Columbia",
    "man": "Manitoba",
    "nb": "New Brunswick",
    "nfld": "Newfoundland and Labrador",
    "ns": "Nova Scotia",
    "ont": "Ontario",
    "pei": "Prince Edward Island",
    "que": "Quebec",
    "sask": "Saskatchewan",
}
_POSTAL_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington State",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "DC": "District of Columbia",
    "AB": "Alberta",
    "BC": "British Columbia",
    "MB": "Manitoba",
    "NL": "Newfoundland and Labrador",
    "NS": "Nova Scotia",
    "ON": "Ontario",
    "PE": "Prince Edward Island",
    "QC": "Quebec",
    "SK": "Saskatchewan",
}
_TOWN_COMMA = re.compile(r"[A-Z][\w'’.\-]*,\s*$")


def _state_abbreviation(raw: str, text: str, cand: PlaceCandidate) -> str | None:
    """The state or province an abbreviation right after "Town, " stands for ("Louisville, Ky.")."""
    s = raw.strip()
    if not _TOWN_COMMA.search(text[max(0, cand.start - 40) : cand.start]):
        return None
    if len(s) == 2 and s.isupper() and s in _POSTAL_STATES:
        return _POSTAL_STATES[s]
    dotted = "." in s or text[cand.end : cand.end + 1] == "."
    key = s.replace(".", "").replace(" ", "").lower()
    return _AP_STATES.get(key) if dotted and len(key) <= 5 else None


_DISTRICT_WORDS = frozenset({"district", "raion", "rayon"})
# Cities that are first-level regions of their own, inside the region around them: a place "in the
# Kyiv region" may be Kyiv itself, "Sevastopol, Crimea" is in Crimea.
_CITY_REGIONS = {("UA", "12"): "13", ("UA", "20"): "11", ("RU", "48"): "47", ("RU", "66"): "42", ("BY", "04"): "05"}


def _same_admin1(cc: str | None, a: str | None, b: str | None) -> bool:
    """Whether two first-level region codes of a country are the same region (a city region counting
    as part of the region around it)."""
    if a == b:
        return True
    if cc is None or a is None or b is None:
        return False
    return _CITY_REGIONS.get((cc, a), a) == _CITY_REGIONS.get((cc, b), b)


def _point(lat: float, lon: float) -> GazetteerEntry:
    """A bare point, for distances."""
    return GazetteerEntry("", "", lat, lon, None, None, None, "point", "point")


def _distance_km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class _Match:
    entry: GazetteerEntry
    quality: float  # 1.0 main name, 0.95 alternate, 0.9 transliteration, lower for loose matches
    via: str


@dataclass(frozen=True, slots=True)
class _Constraint:
    """Where the context puts a name: a country, or a first-level region of one.

    ``strong`` when the context names a region or country ("X, Donetsk region",
    "X, Ukraine"); weak when it names a town ("X, Gomel"), which only says which
    region X is probably in.
    """

    country_code: str | None
    admin1: str | None
    text: str
    strong: bool = True
    # A point the name is probably near: the seat of a district named as context ("X, Bakhmut district").
    anchor: tuple[float, float] | None = None

    def applies(self, e: GazetteerEntry) -> bool:
        """Only places finer than the context can be in it (a country is not "in Ukraine")."""
        if self.admin1 is not None:
            return e.precision in ("point", "district")
        return e.precision not in ("country", "continent")

    def fits(self, e: GazetteerEntry) -> bool:
        if e.country_code != self.country_code:
            return False
        return self.admin1 is None or _same_admin1(e.country_code, e.admin1, self.admin1)


@dataclass(slots=True)
class _Group:
    """All mentions of one name in one document (resolved as one)."""

    key: str
    base: str  # the name as looked up
    region_word: str | None
    labels: set[str] = field(default_factory=set)
    indices: list[int] = field(default_factory=list)
    had_the: bool = False
    constraints: list[_Constraint] = field(default_factory=list)
    matches: list[_Match] = field(default_factory=list)
    best: _Match | None = None
    best_score: float = 0.0
    confidence: float = 0.0
    reason: str = ""
    # Names right before a mention and a comma ("Buffalo, New York": buffalo), and whether a mention stands
    # inside a comma list of names ("Utah, Washington, West Virginia and Wyoming").
    town_before: set[str] = field(default_factory=set)
    in_list: bool = False
    # A settlement word right before a mention ("the city of Turkey", "the town of Paris"): a settlement is meant.
    settlement: bool = False
    context_confirmed: bool = False

    @property
    def placey(self) -> bool:
        """Whether a recogniser called it a place (as opposed to a person or organisation)."""
        return bool(self.labels & _PLACE_LABELS)


class Gazetteer:
    """A read-only view of the SQLite gazetteer.

    One instance may be shared by threads (queries are serialised by a lock);
    open it once per process, not per document.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.path = path
        self._cache: dict[str, list[_Match]] = {}
        self._entry_cache: dict[str, GazetteerEntry | None] = {}
        self._countries: dict[str, GazetteerEntry] | None = None
        # Per country: every (folded name, variant key, entry) of its places, for look-ups inside a region.
        self._areas: dict[str, list[tuple[str, str, GazetteerEntry]]] = {}

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None) -> Gazetteer:
        """Open the gazetteer at ``path`` (default: ``$NEWSTRACE_GAZETTEER`` or the user cache).

        Builds it first when the file is missing (about 15 s, once), and rebuilds it
        when it was made by an older schema (unless GeoNames dumps were imported
        into it, which a rebuild would lose: then it says so).
        """
        target = Path(path).expanduser() if path is not None else default_path()
        if not target.exists():
            build_gazetteer(target)
        meta = _read_meta(target)
        imported = meta.get("imports", "[]") not in ("[]", "")
        if meta.get("schema_version") != SCHEMA_VERSION:
            if imported:
                raise GazetteerError(
                    f"the gazetteer at {target} has schema {meta.get('schema_version')!r}, this newstrace needs "
                    f"{SCHEMA_VERSION!r}; rebuild it (newstrace gazetteer build --force) and re-import your dumps"
                )
            build_gazetteer(target, force=True)
        elif meta.get("build_sha256") != build_sha256():
            # The curated supplement or the build code changed since this file was built (a newer newstrace).
            if imported:
                log.warning(
                    "the gazetteer at %s predates the current supplement.csv or build code; rebuild it with --force "
                    "and re-import your GeoNames dumps to get the curated changes",
                    target,
                )
            else:
                build_gazetteer(target, force=True)
        try:
            conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only=ON")
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open the gazetteer at {target}: {exc}; rebuild it with --force") from exc
        return cls(conn, target)

    def close(self) -> None:
        self._conn.close()

    def __getstate__(self) -> dict[str, Any]:
        # A SQLite connection cannot cross processes; a worker reopens the file.
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        other = Gazetteer.open(state["path"])
        self.__init__(other._conn, other.path)  # type: ignore[misc]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def meta(self) -> dict[str, str]:
        """The build's metadata: schema version, sources, counts, build time, imports."""
        with self._lock:
            return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())

    # -- single names ----------------------------------------------------------------------
    def get(self, place_id: str) -> GazetteerEntry | None:
        """The entry with this id, or None."""
        if place_id in self._entry_cache:
            return self._entry_cache[place_id]
        with self._lock:
            row = self._conn.execute(f"SELECT {_ENTRY_COLS} FROM places WHERE id = ?", (place_id,)).fetchone()
        entry = _entry(row) if row else None
        self._entry_cache[place_id] = entry
        return entry

    def country(self, code: str) -> GazetteerEntry | None:
        """The country entry for an ISO 3166 alpha-2 code."""
        if self._countries is None:
            # One scan, once: there is no index on precision, and there are only ~250 countries.
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT {_ENTRY_COLS} FROM places WHERE precision = 'country' ORDER BY population"
                ).fetchall()
            self._countries = {r[4]: _entry(r) for r in rows if r[4]}  # the most populous entry wins
        return self._countries.get(code.upper())

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """The places a name can mean, most likely first.

        Exact folded name first (main names, alternate names, transliterations of
        Cyrillic); only if that finds nothing, the loose skeleton key (Kharkov ->
        Kharkiv). A leading "the" and a trailing "'s" are ignored; "X region" /
        "X Oblast" finds the region. Sorted by the prior (population; regions and
        countries before villages of the same name).
        """
        base, word, _ = self._parse(name)
        if not base:
            return []
        matches = self._region_matches(base, word) if word else self._matches(base)
        ranked = sorted(matches, key=lambda m: (-(_prior(m.entry) + 2.0 * (m.quality - 1.0)), m.entry.id))
        return [m.entry for m in ranked]

    def _parse(self, raw: str) -> tuple[str, str | None, bool]:
        """Split a mention into (name, trailing region word, whether "the" led it).

        A leading "the", a trailing "'s" and a trailing region word ("Donetsk
        region", "Kursk Oblast", "Zaporizhzhia city") are split off, unless the
        whole phrase is itself a name: "The Hague", "United States", "Mexico City",
        "Kyiv Oblast" (an indexed name of the oblast) stay whole.
        """
        full = _clean(raw)
        if not full:
            return "", None, False
        if self._exact(fold_name(full)):
            return full, None, False
        base = _LEADING_THE.sub("", full)
        had_the = base != full
        if base != full and self._exact(fold_name(base)):
            return base, None, had_the
        parts = base.rsplit(None, 1)
        if len(parts) == 2:
            w = _singular(parts[1])
            if w in REGION_WORDS or w == "city":
                return parts[0].rstrip(" -"), w, had_the
        return base, None, had_the

    def _matches(self, name: str) -> list[_Match]:
        """Every entry a name matches, with how well (cached per folded name)."""
        folded = fold_name(name)
        if not folded:
            return []
        cached = self._cache.get(folded)
        if cached is not None:
            return cached
        # An alternate name (often a former or foreign name: Pokrovsk was Engels' old
        # name) counts a little less than a place's own name.
        quality = {0: 1.0, 1: 0.85, 2: 0.82}
        out: dict[str, _Match] = {}
        for kind, entry in self._exact(folded):
            q = quality.get(kind, 0.9)
            if entry.id not in out or out[entry.id].quality < q:
                out[entry.id] = _Match(
                    entry, q, "name" if kind == 0 else ("alternate name" if kind == 1 else "transliteration")
                )
        if not out and has_cyrillic(name):
            for latin in transliterations(name):
                for _, entry in self._exact(fold_name(latin)):
                    out.setdefault(entry.id, _Match(entry, 0.8, f"transliterated as {latin}"))
        if not out:
            # "Republic of Armenia", "the Kingdom of Norway": the country; "Miami-Dade": Miami-Dade County.
            m = _STATE_FORM.match(folded)
            if m:
                for _, entry in self._exact(folded[m.end() :]):
                    if entry.precision == "country":
                        out.setdefault(entry.id, _Match(entry, 0.9, f"official form of {entry.name}"))
            elif not folded.endswith((" county", " parish")):
                for _, entry in self._exact(f"{folded} county"):
                    if entry.precision == "district" and entry.country_code == "US":
                        out.setdefault(entry.id, _Match(entry, 0.85, f"{entry.name} without 'County'"))
        if not out and (d := _DIRECTION_PREFIX.match(folded)) is not None and d.end() < len(folded):
            # "South Venezuela", "West Wales", "north west London", "Western US": a part of a known country,
            # region or big city, at that area's point (the name as a whole is not in the gazetteer).
            for hit in self._matches(folded[d.end() :]):
                e = hit.entry
                if hit.quality >= 0.85 and (
                    e.precision in ("country", "region", "continent") or (e.population or 0) >= _STRONG_POPULATION
                ):
                    out.setdefault(e.id, _Match(e, 0.85, f"the {d.group().strip()} of {e.name}"))
        if not out and not has_cyrillic(name):
            # Machine translation from Polish: a Polish case form ("Kijowie", "Iziumu", "Bachmucie")
            # or a Polish spelling ("Krasnohoriwka"): its nominative and its English-style spelling,
            # for sizeable places of the countries whose names Polish writes this way.
            tries = [(r, f"Polish spelling of {r!r}") for r in polish_romanisations(folded)]
            for stem in polish_case_stems(folded):
                tries.append((stem, f"Polish case form of {stem!r}"))
                tries += [(r, f"Polish case form of {r!r}") for r in polish_romanisations(stem)]
            for form, via in tries:
                for _, entry in self._exact(form):
                    if entry.country_code in POLISH_CASE_COUNTRIES and (
                        (entry.population or 0) >= _POLISH_CASE_MIN_POPULATION
                        or entry.precision in ("region", "country")
                    ):
                        out.setdefault(entry.id, _Match(entry, 0.8, via))
                if out:
                    break
        if not out:
            latin = fold_name(transliterations(name)[0]) if has_cyrillic(name) else folded
            sk = skeleton(latin)
            if sk:
                for matched, entry in self._by_skeleton(sk):
                    sim = fuzz.ratio(latin, matched) / 100.0
                    if sim < 0.8:
                        continue
                    q = 0.2 + 0.55 * sim  # 0.64 .. 0.75: always below an exact match
                    if entry.id not in out or out[entry.id].quality < q:
                        out[entry.id] = _Match(entry, q, f"loose match with {matched!r}")
        if folded in _COMPASS_WORDS:
            # "the West", "Western countries", "Central": a part of the world, not a town that has the word as a
            # name or an alternate name (West, Texas; Cuba City, once "Western").
            out = {k: v for k, v in out.items() if v.entry.precision in ("region", "country", "continent")}
        result = list(out.values())
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[folded] = result
        return result

    def _region_matches(self, base: str, word: str) -> list[_Match]:
        """Matches for "<base> <region word>": the region first, else the place itself."""
        folded = fold_name(base)
        if word == "city":  # "Mexico City" is a name; "Zaporizhzhia city" is the city, not the oblast
            full = self._matches(f"{folded} city")
            if full:
                return full
            plain = self._matches(base)
            points = [m for m in plain if m.entry.precision == "point"]
            return points or plain
        words = [word] + (["oblast", "region", "krai", "province"] if word in _ADMIN1_WORDS else [])
        seen: dict[str, _Match] = {}
        for w in dict.fromkeys(words):
            for m in self._matches(f"{folded} {w}"):
                if m.entry.feature in ("region", "district") or m.entry.precision in ("region", "district"):
                    seen.setdefault(m.entry.id, m)
        if seen:
            return list(seen.values())
        if word in _ADMIN1_WORDS:
            polish = self._polish_adjective_region(folded)
            if polish:
                return polish
        plain = self._matches(base)
        regions = [m for m in plain if m.entry.precision in ("region", "district")]
        if regions:
            return regions
        # "Bakhmut district": no such region here, the town stands for it. An exact name (main, alternate,
        # transliterated, Polish form) stays an exact match ("the Bachmut region", "Logoisk District").
        return [
            _Match(
                m.entry,
                m.quality * 0.9 if m.quality < 0.8 else max(0.8, m.quality * 0.9),
                m.via + f" (for '{base} {word}')",
            )
            for m in plain
        ]

    def _polish_adjective_region(self, folded: str) -> list[_Match]:
        """The first-level region a Polish region adjective names ("Winnicki" -> the Vinnytsia
        oblast, via its centre Winnica), for "X region" / "X circuit" (MT of "obwód X")."""
        out: list[_Match] = []
        for stem in polish_adjective_stems(folded):
            centres = [
                m.entry
                for m in self._matches(stem)
                if m.quality >= 0.8
                and m.entry.country_code in POLISH_CASE_COUNTRIES
                and m.entry.precision == "point"
                and m.entry.admin1
                and (m.entry.population or 0) >= _STRONG_POPULATION
            ]
            for c in centres:
                region = self._admin1_region(c.country_code, c.admin1)
                if region is not None:
                    out.append(_Match(region, 0.8, f"Polish region adjective of {c.name}"))
            if out:
                return out
        return out

    def _admin1_region(self, cc: str | None, admin1: str | None) -> GazetteerEntry | None:
        """The region entry of a country's first-level region code (the curated oblasts)."""
        if cc is None or admin1 is None:
            return None
        key = f"admin1:{cc}/{admin1}"
        if key in self._entry_cache:
            return self._entry_cache[key]
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_ENTRY_COLS} FROM places WHERE country_code = ? AND admin1 = ? AND precision = 'region'",
                (cc, admin1),
            ).fetchall()
        found = [_entry(r) for r in rows if r[8] == "region"]
        entry = max(found, key=_prior) if found else None
        self._entry_cache[key] = entry
        return entry

    # -- inside one country or region ----------------------------------------------------
    def _area_names(self, cc: str, admin1: str | None = None) -> list[tuple[str, str, GazetteerEntry]]:
        """Every Latin name of every place of a country (or of one region of it), with its
        :func:`~.names.variant_key`. One scan of the names per country (about a second), cached."""
        key = f"{cc}/{admin1}" if admin1 else cc
        cached = self._areas.get(key)
        if cached is not None:
            return cached
        if admin1:
            rows = [r for r in self._area_names(cc) if _same_admin1(cc, r[2].admin1, admin1)]
        else:
            with self._lock:
                raw = self._conn.execute(
                    f"SELECT n.folded_name, {_ENTRY_COLS_P} FROM places p JOIN names n ON n.place_id = p.id "
                    "WHERE p.country_code = ?",
                    (cc,),
                ).fetchall()
            entries: dict[str, GazetteerEntry] = {}
            rows = []
            for r in raw:
                if has_cyrillic(r[0]):
                    continue  # their Latin forms are indexed too
                e = entries.get(r[1])
                if e is None:
                    e = entries[r[1]] = _entry(r[1:])
                rows.append((r[0], variant_key(r[0]), e))
        if len(self._areas) > 400:
            self._areas.clear()
        self._areas[key] = rows
        return rows

    def _area_matches(self, name: str, cc: str, admin1: str | None, *, min_ratio: float = 85.0) -> list[_Match]:
        """Places of a country (or of one region of it) whose name is a romanisation variant
        (Krasnogorovka / Krasnohorivka, Malaya Rohan / Mala Rohan) or a near spelling of ``name``.

        Only for look-ups already narrowed to a region or country by context: across the
        whole gazetteer such loose matching would find a namesake for almost anything.
        """
        folded = fold_name(transliterations(name)[0]) if has_cyrillic(name) else fold_name(name)
        if len(folded.replace(" ", "")) < 4:
            return []
        key = variant_key(folded)
        rows = self._area_names(cc, admin1)
        out: dict[str, _Match] = {}
        for f, k, e in rows:
            if k == key:
                q = 0.79 if f != folded else 0.85
                if e.id not in out or out[e.id].quality < q:
                    out[e.id] = _Match(e, q, f"spelling variant of {f!r}")
        if out:
            return list(out.values())
        keys = [r[1] for r in rows]
        for _k, score, i in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=min_ratio, limit=25):
            f, _, e = rows[i]
            q = 0.2 + 0.55 * score / 100.0  # 0.67 .. 0.75, below an exact or variant match
            if e.id not in out or out[e.id].quality < q:
                out[e.id] = _Match(e, q, f"near spelling of {f!r}")
        return list(out.values())

    def _country_of(self, name: str) -> tuple[str | None, str | None]:
        """(country code, admin1) that a country field names: a country, a region standing
        for one ("Crimea", "Kursk Oblast"), or a misspelt country ("Belaurs", "Russa")."""
        base = _clean(name)
        if not base:
            return None, None
        found = [
            m.entry for m in self._matches(base) if m.quality >= 0.8 and m.entry.precision in ("country", "region")
        ]
        countries = [e for e in found if e.precision == "country"]
        if countries:
            return max(countries, key=_prior).country_code, None
        if found:
            e = max(found, key=_prior)
            return e.country_code, e.admin1
        self.country("UA")  # loads the country table
        names = {fold_name(e.name): cc for cc, e in (self._countries or {}).items()}
        hit = process.extractOne(fold_name(base), list(names), scorer=fuzz.ratio, score_cutoff=75)
        return (names[hit[0]], None) if hit else (None, None)

    def _region_in(self, base: str, word: str | None, cc: str | None) -> GazetteerEntry | None:
        """The first-level region a (possibly misspelt or adjectival) name means, in country ``cc``."""
        folded = fold_name(base)
        for n in [base, *adjective_stems(folded)]:
            regions = [
                m.entry
                for m in self._region_matches(n, word or "region")
                if m.entry.precision == "region" and m.entry.admin1 and (cc is None or m.entry.country_code == cc)
            ]
            if regions:
                return max(regions, key=_prior)
        if cc is None:
            return None
        # Misspelt ("Donestk", "Charkov", "Loehansk", "Saporischschja"): nearest region name of the country.
        rows = [r for r in self._area_names(cc) if r[2].precision == "region" and r[2].admin1]
        keys = [_strip_region_tail(r[1]) for r in rows]
        key = variant_key(folded)
        # German and Dutch write Ukrainian kh as ch: Charkow, Cherson
        for k in [key] + (["h" + key[1:]] if key.startswith("C") else []):
            hit = process.extractOne(k, keys, scorer=fuzz.ratio, score_cutoff=85)
            if hit:
                return rows[hit[2]][2]
        return None

    def _area_of(self, province: str, cc: str | None) -> tuple[str | None, str | None, GazetteerEntry | None, bool]:
        """(country code, admin1, entry, strong) for a province field: a region (strong), else a
        town whose region it stands for ("Tyumen", "Rechitsa"; weak)."""
        parts = [p for p in (_clean(x) for x in province.split(",")) if p]
        for part in parts:
            words = part.split()
            if len(words) > 1 and _singular(words[0]) in REGION_WORDS:
                part = " ".join(words[1:] + words[:1])  # "Oblast Donetsk" -> "Donetsk Oblast"
            base, word, _ = self._parse(part)
            e = self._region_in(base, word, cc) if base else None
            if e is not None:
                return e.country_code, e.admin1, e, True
        for part in parts:
            base, word, _ = self._parse(part)
            # "Tyumen", "Rechitsa"; "Samarskaya oblast" names its centre Samara
            tries = [base] + [x + end for x in adjective_stems(fold_name(base)) for end in ("", "a", "o", "y", "i")]
            found = [
                m
                for n in tries
                for m in self._matches(n)
                if m.quality >= 0.8 and m.entry.precision == "point" and (cc is None or m.entry.country_code == cc)
            ]
            if not found and cc is not None:
                found = self._area_matches(base, cc, None, min_ratio=88)
            if found:
                # its own name before a former one: "Stavropol" is the city, not Tolyatti's old name
                e = max(found, key=lambda m: _prior(m.entry) + 2.0 * (m.quality - 1.0)).entry
                return e.country_code, e.admin1, e, False
        return cc, None, None, False

    def _seat_of(self, district: str, cc: str | None, admin1: str | None) -> GazetteerEntry | None:
        """The place a district (raion) field points at: a place of that name, or the centre its
        adjective is made from (Chapayevsky -> Chapayevsk, Brovars'kyi -> Brovary), in the region."""
        base = _DISTRICT_TAIL.sub("", _clean(district)).strip()
        folded = fold_name(base)
        if len(folded) < 3:
            return None
        tries = [base]
        for stem in adjective_stems(folded):
            tries += [stem] + [stem + end for end in ("o", "a", "y", "i", "e", "ka")]

        def inside(e: GazetteerEntry) -> bool:
            return (
                e.precision == "point"
                and (cc is None or e.country_code == cc)
                and (admin1 is None or _same_admin1(cc, e.admin1, admin1))
            )

        for n in tries:
            found = [m.entry for m in self._matches(n) if m.quality >= 0.8 and inside(m.entry)]
            if found:
                return max(found, key=lambda e: e.population or 0)
        if cc is not None:
            found = [m.entry for m in self._area_matches(base, cc, admin1, min_ratio=88) if inside(m.entry)]
            if found:
                return max(found, key=lambda e: e.population or 0)
        return None

    def resolve_address(
        self,
        town: str,
        *,
        district: str | None = None,
        province: str | None = None,
        country: str | None = None,
    ) -> Resolution | None:
        """Resolve a place given as an address: town, district (raion), province (oblast), country.

        The fields are read as written in conflict data and news (misspelt, in Ukrainian,
        Russian, German or Dutch romanisation, as adjectives: "Donets'ka oblast",
        "Oblast Charkov", "Chapayevsky"). The province restricts the town to its region,
        the district's seat pulls it towards the seat, and inside the region romanisation
        variants and near spellings count (Malaya Rohan finds Mala Rohan). When the town
        is empty or not found, the district's seat and then the region itself are
        returned, with a low score and a reason that says so.
        """
        cc, admin1 = self._country_of(country) if country else (None, None)
        strong = admin1 is not None
        area: GazetteerEntry | None = None
        if province and _clean(province):
            p_cc, p_a1, area, p_strong = self._area_of(province, cc)
            if area is not None and (cc is None or p_cc == cc or p_strong):
                cc, admin1, strong = p_cc, p_a1, p_strong
        seat = self._seat_of(district, cc, admin1) if district and _clean(district) else None
        if seat is None and district and _clean(district) and admin1 is not None:
            seat = self._seat_of(district, cc, None)  # the province field may be off
        if seat is not None and admin1 is None:
            admin1 = seat.admin1
        cand = PlaceCandidate(0, len(town), town, "GPE")
        name = _clean(town)
        if name:
            parts = [name] + (
                [p for p in (_clean(x) for x in re.split(r"[,(/]", name)) if p] if re.search(r"[,(/]", name) else []
            )
            for part in parts:
                res = self._best_in_area(cand, part, cc, admin1, strong, seat, area)
                if res is not None:
                    return res
        if seat is not None:
            return Resolution(
                cand, seat, seat.to_place(0.3), seat.name, 0.3, f"district {district!r}: its seat {seat.name}"
            )
        if area is not None:
            reason = f"province {province!r}" + (": the region" if area.precision == "region" else f": {area.name}")
            return Resolution(cand, area, area.to_place(0.2), area.name, 0.2, reason)
        return None

    def _best_in_area(
        self,
        cand: PlaceCandidate,
        name: str,
        cc: str | None,
        admin1: str | None,
        strong: bool,
        seat: GazetteerEntry | None,
        area: GazetteerEntry | None = None,
    ) -> Resolution | None:
        base, word, _ = self._parse(name)
        if not base:
            return None
        matches = self._region_matches(base, word) if word else list(self._matches(base))
        if cc is not None and not any(
            m.entry.country_code == cc and (admin1 is None or _same_admin1(cc, m.entry.admin1, admin1)) for m in matches
        ):
            matches += self._area_matches(base, cc, admin1, min_ratio=85 if admin1 else 90)
        if not matches:
            return None
        scored: list[tuple[float, str, _Match, list[str]]] = []
        for m in matches:
            e = m.entry
            s = _prior(e) + 2.0 * (m.quality - 1.0)
            why: list[str] = []
            if e.precision not in ("point", "district"):
                s -= 1.0
            if cc is not None:
                s += 2.0 if e.country_code == cc else -2.0
            if admin1 is not None and e.precision in ("point", "district"):
                if e.country_code == cc and _same_admin1(cc, e.admin1, admin1):
                    s += 4.0 if strong else 2.0
                    why.append("in the province given")
                else:
                    s -= 3.0 if strong else 0.5
            if seat is not None and e.id != seat.id:
                d = _distance_km(e, seat)
                bonus = 2.0 if d < 25 else 1.2 if d < 50 else 0.5 if d < 100 else 0.0
                if bonus:
                    s += bonus
                    why.append(f"{d:.0f} km from {seat.name}")
            scored.append((s, e.id, m, why))
        scored.sort(key=lambda t: (-t[0], t[1]))
        s0, _, best, why = scored[0]
        margin = s0 - scored[1][0] if len(scored) > 1 else 3.0
        conf = 1.0 / (1.0 + math.exp(-2.0 * margin)) if len(scored) > 1 else 0.95
        conf *= 1.0 if best.quality >= 0.8 else best.quality
        conf = max(0.05, min(0.99, conf))
        reason = "; ".join([best.via, *why] + ([] if len(scored) == 1 else [f"over {len(scored) - 1} other"]))
        e = best.entry
        if cc is not None and e.country_code != cc:
            return None  # a namesake in another country: the town is not in the gazetteer
        if admin1 is not None and not _same_admin1(cc, e.admin1, admin1) and e.precision in ("point", "district"):
            # A namesake outside the province given: only near its border (the province may be off by one).
            if area is None or _distance_km(e, area) > _OUTSIDE_PROVINCE_KM:
                return None
        return Resolution(cand, e, e.to_place(conf), e.name, conf, reason)

    def _exact(self, folded: str) -> list[tuple[int, GazetteerEntry]]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT n.kind, {_ENTRY_COLS_P} FROM names n JOIN places p ON p.id = n.place_id "
                "WHERE n.folded_name = ?",
                (folded,),
            ).fetchall()
        return [(r[0], _entry(r[1:])) for r in rows]

    def _by_skeleton(self, sk: str) -> list[tuple[str, GazetteerEntry]]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT n.folded_name, {_ENTRY_COLS_P} FROM names n JOIN places p ON p.id = n.place_id "
                "WHERE n.skeleton = ? LIMIT 400",
                (sk,),
            ).fetchall()
        return [(r[0], _entry(r[1:])) for r in rows]

    # -- spotting ---------------------------------------------------------------------------
    def find_names(self, text: str) -> list[PlaceCandidate]:
        """Capitalised spans (1-3 words) naming a sizeable place, labelled "GAZ".

        Catches places the recogniser missed. Only places of 5,000 people or more,
        regions, countries and curated entries are spotted, and outside Ukraine,
        Russia, Belarus and Moldova only by their main name unless they are big;
        ordinary words that are also place names ("May", "Police", "More") never
        are. A name inside a longer capitalised name ("Lloyd Austin", "Angela
        Merkel", "Kyiv Post") is left alone; in title-case lines (headlines) only
        big places, regions and countries count; short all-capital words are
        acronyms (NATO), except US/UK/USA/UAE. Longest match wins; one SQLite query
        per call, so an article takes about a millisecond.
        """
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        if not tokens:
            return []
        headline = _headline_lines(text, tokens)
        runs = _capitalised_runs(text, tokens)
        keys: set[str] = set()
        for run in runs:
            for i in range(len(run)):
                for n in (1, 2, 3):
                    if i + n <= len(run):
                        keys.add(fold_name(text[tokens[run[i]][0] : tokens[run[i + n - 1]][1]]))
            last = run[-1]
            if last + 1 < len(tokens) and tokens[last + 1][2].lower() in REGION_WORDS:
                for i in range(len(run)):
                    keys.add(fold_name(text[tokens[run[i]][0] : tokens[last + 1][1]]))
        keys.discard("")
        hits = self._spot_hits(keys)
        out: list[PlaceCandidate] = []
        for run in runs:
            matched: set[int] = set()
            found: list[tuple[int, int, int]] = []  # (i, n, strength)
            i = 0
            while i < len(run):
                for n in (3, 2, 1):
                    if i + n > len(run):
                        continue
                    raw = text[tokens[run[i]][0] : tokens[run[i + n - 1]][1]]
                    key = fold_name(raw)
                    strength = hits.get(key)
                    if strength is None:
                        continue
                    if raw.isupper() and len(key.replace(" ", "")) <= 4 and key not in SPOT_ABBREVIATIONS:
                        continue  # NATO, PACE, PAP: acronyms, not places
                    if key in SPOT_ABBREVIATIONS and not raw.isupper():
                        continue  # "Us", "Uk"
                    found.append((i, n, strength))
                    matched.update(range(i, i + n))
                    i += n
                    break
                else:
                    i += 1
            accepted: set[int] = set()
            for i, n, strength in found:
                s, e = tokens[run[i]][0], tokens[run[i + n - 1]][1]
                if strength < _SPOT_BIG and _line_of(s, headline):
                    continue
                prev_tok = fold_name(tokens[run[i - 1]][2]) if i > 0 else None
                if prev_tok is not None and prev_tok in _TITLES:
                    continue  # "Mr Paris", "President Washington"
                if strength < _SPOT_AREA and prev_tok is not None and (i - 1) not in accepted:
                    if prev_tok not in _LEAD_WORDS:
                        continue  # "Lloyd Austin": the end of a longer name
                nxt = i + n
                if nxt < len(run) and nxt not in matched:
                    nxt_tok = fold_name(tokens[run[nxt]][2])
                    if nxt_tok in _ORG_TAILS:
                        continue  # "Kyiv Post", "Kharkiv University"
                    if strength < _SPOT_AREA and nxt_tok not in _LEAD_WORDS and nxt_tok not in REGION_WORDS:
                        continue  # "Angela Merkel": the start of a longer name
                # a lower-case region word right after: part of the name ("Donetsk region")
                if nxt == len(run):
                    after = run[-1] + 1
                    if after < len(tokens) and tokens[after][2].lower() in REGION_WORDS:
                        ext = fold_name(text[s : tokens[after][1]])
                        if ext in hits and text[e : tokens[after][0]] == " ":
                            e = tokens[after][1]
                out.append(PlaceCandidate(start=s, end=e, text=text[s:e], label="GAZ"))
                accepted.update(range(i, i + n))
        return out

    def _spot_hits(self, keys: Iterable[str]) -> dict[str, int]:
        keys = list(keys)
        hits: dict[str, int] = {}
        with self._lock:
            for k in range(0, len(keys), 500):
                chunk = keys[k : k + 500]
                marks = ",".join("?" * len(chunk))
                q = f"SELECT folded_name, strong FROM spot_names WHERE folded_name IN ({marks})"
                hits.update(self._conn.execute(q, chunk).fetchall())
        return hits

    # -- documents ------------------------------------------------------------------------
    def resolve(
        self,
        candidates: Sequence[PlaceCandidate],
        *,
        text: str,
        country_hint: str | None = None,
        demonyms: bool = False,
        facilities: bool = False,
    ) -> list[Resolution | None]:
        """Resolve a document's candidate place mentions together; one answer per candidate.

        Evidence, strongest first: a region named right next to the name
        ("X, Donetsk region", "X in the Kharkiv oblast", "Donetsk region's X") picks
        the entry in that region; then the document's other places (their countries,
        their regions, their distance); then the prior (population, regions and
        countries before villages). PERSON/ORG-labelled spans are accepted only on
        strong evidence (a place of 100k+, a region or country, or a place confirmed
        by context) and never for ordinary words or multi-word person names; NORP
        ("Ukrainian") maps to its country only. ``None`` where no place is meant.

        ``demonyms=True`` is for candidates already known to be toponyms (gold spans,
        another geoparser's output): a nationality adjective among them ("Russian",
        "Canadian") then means its country, not the hamlet of that name, whatever its
        label. By default only NORP-labelled spans are read as demonyms.
        """
        hint = country_hint.upper() if country_hint else None
        results: list[Resolution | None] = [None] * len(candidates)
        groups: dict[str, _Group] = {}
        # Ordinary words machine translation made of place names ("the town of time Jar"), in context.
        literal, pending = self._literal_resolutions(candidates, text)
        for idx, res in literal.items():
            results[idx] = res
        # Mentions a settlement word or a region word marks as places, whatever their label.
        cued: set[int] = set()
        for idx, cand in enumerate(candidates):
            if idx in literal:
                continue
            label = (cand.label or "").upper()
            if idx in pending and label == "GAZ":
                continue  # spotted only as a literal translation: a place only if a named place is near
            raw = cand.text if cand.text else text[cand.start : cand.end]
            if label == "NORP":
                results[idx] = self._demonym(cand, raw)
                continue
            state = _state_abbreviation(raw, text, cand)
            if state is not None:
                raw = state  # "Louisville, Ky.": Kentucky
            extra_context: str | None = None
            if ("," in raw or "(" in raw) and not self._exact(fold_name(_clean(raw))):
                # "Bakhmut, Donetsk region" in one span: the tail is context for the head
                head, sep, tail = re.split(r"([,(])", raw, maxsplit=1)
                raw, extra_context = head, sep + tail
            base, word, had_the = self._parse(raw)
            if not base:
                continue
            if demonyms and label in _PLACE_LABELS and not word and self._is_demonym(base):
                # "Russian", "Canadian" tagged as a place: the country, not the hamlet of that name.
                results[idx] = self._demonym(cand, raw, derived=True)
                continue
            if demonyms and not word and base.strip() in _UNION_SHORT and (eu := self.get(_EU_ID)) is not None:
                # "the EU" known to be a toponym: the European Union, not the Norman town of Eu.
                results[idx] = Resolution(cand, eu, eu.to_place(0.9), eu.name, 0.9, "short form of European Union")
                continue
            if word is None and _STATE_BEFORE.search(text[max(0, cand.start - 20) : cand.start]):
                word = "state"  # "the state of Washington": the state, not the capital
            if word is None:
                after = _REGION_AFTER.match(text[cand.end : cand.end + 40])
                if after:
                    w = (after.group("word") or after.group("word2") or "").lower()
                    word = _singular(w)
            if (
                word is None
                and polish_adjective_stems(fold_name(base))
                and _CIRCUIT_AFTER.match(text[cand.end : cand.end + 20])
            ):
                word = "region"  # "the Winnicki circuit": obwód winnicki translated word by word
            if label in ("PERSON", "ORG") and (
                word is not None or _SETTLEMENT_BEFORE.search(text[max(0, cand.start - 40) : cand.start])
            ):
                cued.add(idx)
                label = "GPE"
            if not had_the and cand.start >= 4 and text[max(0, cand.start - 4) : cand.start].lower() == "the ":
                had_the = True
            key = fold_name(base) + (f"#{word}" if word else "")
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(key=key, base=base, region_word=word)
            g.labels.add(label)
            g.indices.append(idx)
            g.had_the = g.had_the or had_the
            window = text[max(0, cand.start - 60) : cand.start]
            if not word and _SETTLEMENT_BEFORE.search(window):
                g.settlement = True
            tb = _NAME_COMMA_BEFORE.search(window)
            if tb is not None and not _RUN_GOES_BACK.search(window[: tb.start()]):
                g.town_before.add(fold_name(tb.group("name")))  # not inside a list or a longer name
            if _LIST_BEFORE.search(text[max(0, cand.start - 40) : cand.start]) or _LIST_AFTER.match(
                text[cand.end : cand.end + 80]
            ):
                g.in_list = True
            dem = _DEMONYM_BEFORE.search(text[max(0, cand.start - 60) : cand.start]) if not word else None
            if dem is not None and (de := self._demonym_entry(dem.group("dem"))) is not None:
                # "the English city of Salisbury", "the Ukrainian town of Kreminna": in that country
                if de.precision == "country":
                    c = _Constraint(de.country_code, None, dem.group().strip())
                    if c not in g.constraints:
                        g.constraints.append(c)
            if not word:
                # A region's or country's own name inside a comma list ("Colorado, Georgia, Illinois, Missouri")
                # is a list member, not a place in the next one; a town in a list of "Town, State" pairs is not.
                area_name = any(
                    m.quality >= 1.0 and m.entry.precision in ("region", "country") for m in self._matches(base)
                )
                for ctx in _contexts(text, cand, extra_context, lists=area_name):
                    ctx_c = self._context_constraint(ctx)
                    if ctx_c is not None and ctx_c not in g.constraints:
                        g.constraints.append(ctx_c)
        if not groups:
            return results
        for g in groups.values():
            g.matches = self._region_matches(g.base, g.region_word) if g.region_word else self._matches(g.base)
            if not g.region_word:
                g.matches = g.matches + self._matches_in_context(g)

        # Pass 1: every name on its own (its context and the prior).
        for g in groups.values():
            self._score_group(g, votes=None, hint=hint)
        # Pass 2: with the other names' answers as evidence.
        votes = _Votes.collect(groups.values())
        for g in groups.values():
            self._score_group(g, votes=votes, hint=hint)
            if g.best is not None and _outside_named_region(g):
                g.best = None  # "Pisky, Donetsk region" with no Pisky there: not the Pisky of another region

        for g in groups.values():
            if g.best is None:
                continue
            for idx in g.indices:
                cand = candidates[idx]
                label = "GPE" if idx in cued else (cand.label or "").upper()
                raw = cand.text if cand.text else text[cand.start : cand.end]
                verdict = _accept(g, label, raw, votes, hint, known=demonyms)
                if verdict is None:
                    continue
                score, reason = verdict
                e = g.best.entry
                results[idx] = Resolution(
                    candidate=cand,
                    entry=e,
                    place=e.to_place(score),
                    canonical_name=e.name,
                    score=score,
                    reason=reason,
                )
        if pending:
            self._literal_near(candidates, results, pending, votes)
        if facilities:
            self._place_facilities(candidates, results, text)
        return results

    def find_literal_names(self, text: str) -> list[PlaceCandidate]:
        """Spans of ``text`` that are literal machine translations of place names in context
        ("the town of time Jar"), labelled "GAZ"; see :mod:`newstrace.gazetteer.literal`."""
        return [PlaceCandidate(h.start, h.end, text[h.start : h.end], "GAZ") for h, _, _ in self._literal_hits(text)]

    def _literal_resolutions(
        self, candidates: Sequence[PlaceCandidate], text: str
    ) -> tuple[dict[int, Resolution], dict[int, tuple[LiteralHit, GazetteerEntry]]]:
        """Candidates that overlap a literal translation: those accepted by their context, resolved
        to its place, and those still waiting for a named place near it (see resolve)."""
        out: dict[int, Resolution] = {}
        pending: dict[int, tuple[LiteralHit, GazetteerEntry]] = {}
        hits = self._literal_hits(text) if text else []
        for idx, cand in enumerate(candidates):
            for h, entry, why in hits:
                if cand.start < h.end and h.start < cand.end:
                    if why is None:
                        pending[idx] = (h, entry)
                    else:
                        place = entry.to_place(LITERAL_SCORE)
                        out[idx] = Resolution(cand, entry, place, entry.name, LITERAL_SCORE, why)
                    break
        return out, pending

    def _literal_near(
        self,
        candidates: Sequence[PlaceCandidate],
        results: list[Resolution | None],
        pending: dict[int, tuple[LiteralHit, GazetteerEntry]],
        votes: _Votes,
    ) -> None:
        """A literal translation with no cue of its own is a place when the article names a place in
        the same region within 50 km ("west of Bachmut in the area of time Jar": Bakhmut is 10 km
        from Chasiv Yar)."""
        for idx, (h, entry) in pending.items():
            near: tuple[float, GazetteerEntry] | None = None
            for oe, w in votes.by_group.values():
                if w < 0.5 or oe.id == entry.id or oe.precision != "point":
                    continue
                if oe.country_code == entry.country_code and _same_admin1(oe.country_code, oe.admin1, entry.admin1):
                    d = _distance_km(oe, entry)
                    if d <= _LITERAL_NEAR_KM and (near is None or d < near[0]):
                        near = (d, oe)
            if near is None:
                continue
            cand = candidates[idx]
            why = (
                f"literal translation of {h.name.place} (machine translation), from context: the article names "
                f"{near[1].name}, {near[0]:.0f} km away in the same region"
            )
            results[idx] = Resolution(cand, entry, entry.to_place(LITERAL_SCORE), entry.name, LITERAL_SCORE, why)

    def _literal_hits(self, text: str) -> list[tuple[LiteralHit, GazetteerEntry, str | None]]:
        """The table's phrases in ``text`` that the context makes places, with the entry and the reason.

        Context: a settlement word before ("town of"), a region cue after that names the place's
        region, or that region named elsewhere in the article; a region cue naming another region
        rules the phrase out."""
        phrases = find_literal_phrases(text)
        if not phrases:
            return []
        named: list[_Constraint] | None = None
        out: list[tuple[LiteralHit, GazetteerEntry, str | None]] = []
        for h in phrases:
            entry = self.get(h.name.place_id)
            if entry is None:
                continue
            phrase = text[h.start : h.end]
            cand = PlaceCandidate(h.start, h.end, phrase, "GAZ")
            cons = [
                c
                for c in (self._context_constraint(ctx) for ctx in _contexts(text, cand, None))
                if c is not None and c.strong and c.admin1 is not None
            ]
            if any(not c.fits(entry) for c in cons):
                continue  # "Golden, Colorado": a region cue that is not the place's region
            lit = f"literal translation of {h.name.place} (machine translation)"
            why: str | None
            if h.settlement_cue or cons:
                ctx = [f"'{h.settlement_cue} {phrase}'"] if h.settlement_cue else []
                ctx += [f"'{phrase}' in {cons[0].text}"] if cons else []
                why = f"{lit}, from context " + " and ".join(ctx)
            else:
                if named is None:
                    named = self._named_regions(text)
                fit = next((c for c in named if c.fits(entry)), None)
                # No cue yet: resolve() accepts it only when the article names a place near it;
                # otherwise an ordinary word stays an ordinary word.
                why = f"{lit}, from context: the article names the {fit.text}" if fit is not None else None
            out.append((h, entry, why))
        return out

    def _named_regions(self, text: str) -> list[_Constraint]:
        """First-level regions an article names as "X region" / "X oblast" anywhere."""
        out: list[_Constraint] = []
        seen: set[str] = set()
        for m in _REGION_PHRASE.finditer(text):
            name, word = m.group("name"), m.group("word")
            for n in dict.fromkeys([name, name.split()[-1]]):
                key = f"{fold_name(n)}#{word.lower()}"
                if key in seen:
                    break
                seen.add(key)
                c = self._one_constraint(n, word)
                if c is not None and c.strong and c.admin1 is not None:
                    out.append(c)
                    break
        return out

    def _place_facilities(
        self, candidates: Sequence[PlaceCandidate], results: list[Resolution | None], text: str
    ) -> None:
        """Streets, buildings and venues the gazetteer does not know ("Royal Street", "Barclays Center",
        "Westminster Hall") placed at the settlement they are in: the place their own name starts with
        when that is a big place or near the article's settlements ("Westminster Hall" -> Westminster),
        else the settlement the article names shortly before them, else the article's main settlement
        when it has one. Only spans ending in a facility word (or starting with one: "Rue Casa Calvo");
        marked approximate, scored low, with an ``approx:`` gazetteer id of their own."""
        towns = [
            (r.candidate.start, r)
            for r in results
            if r is not None and not r.approximate and r.entry.precision == "point" and r.entry.feature in _SETTLEMENTS
        ]
        counts: dict[str, int] = {}
        for _, r in towns:
            counts[r.entry.id] = counts.get(r.entry.id, 0) + 1
        dominant: Resolution | None = None
        if towns:
            top = max(towns, key=lambda t: (counts[t[1].entry.id], -t[0]))[1]
            if 2 * counts[top.entry.id] >= len(towns):
                dominant = top
        for idx, cand in enumerate(candidates):
            if results[idx] is not None:
                continue
            raw = _clean(cand.text if cand.text else text[cand.start : cand.end])
            words = _facility_words(raw, (cand.label or "").upper())
            if words is None:
                continue
            before = [r for start, r in towns if cand.start - _FACILITY_WINDOW <= start < cand.start]
            context = before[-1] if before else dominant
            own = self._facility_town(words, context, [r.entry for _, r in towns])
            if own is not None:
                e, how, base_score = own, f"its name starts with {own.name}", 0.5
            elif context is not None:
                e = context.entry
                how = "the settlement named before it" if before else "the article's main settlement"
                base_score = context.score
            else:
                continue
            score = min(0.35, base_score * 0.5)
            place = replace(e.to_place(score), gazetteer_id=f"approx:{e.id}")
            results[idx] = Resolution(
                candidate=cand,
                entry=e,
                place=place,
                canonical_name=raw,
                score=score,
                reason=f"not in the gazetteer; a facility, placed at {e.name} ({how}): approximate",
                approximate=True,
            )

    def _facility_town(
        self, words: list[str], context: Resolution | None, towns: list[GazetteerEntry]
    ) -> GazetteerEntry | None:
        """The settlement a facility's own name starts with ("Westminster Hall", "Kharkiv Tractor Plant"),
        when that is a place of 100k+ people or lies within 300 km of the article's settlements."""
        for n in range(len(words) - 1, 0, -1):
            head = " ".join(words[:n])
            if head in COMMON_WORDS or head in FUNCTION_WORDS or len(head) < 4:
                continue
            found = [
                m.entry
                for m in self._matches(head)
                if m.quality >= 0.85 and m.entry.precision == "point" and m.entry.feature in _SETTLEMENTS
            ]
            near = [e for e in found if any(_distance_km(e, t) < 300 for t in towns)]
            if near:
                return max(near, key=_prior)
            big = [e for e in found if (e.population or 0) >= _STRONG_POPULATION]
            if big and context is None:
                return max(big, key=_prior)
        return None

    def _is_demonym(self, base: str) -> bool:
        """A nationality adjective that is not also the main name of a region, country or big place."""
        if not base[:1].isupper() or self._demonym_entry(base) is None:
            return False
        return not any(
            m.quality >= 0.95 and (m.entry.precision in ("region", "country", "continent") or _strong_entry(m.entry))
            for m in self._matches(base)
        )

    def _demonym_entry(self, raw: str) -> GazetteerEntry | None:
        """The country (or continent) a nationality adjective names: the list of demonyms first,
        then the adjective's own shape: Cuban -> Cuba, Japanese -> Japan, Iraqi -> Iraq,
        Argentinian -> Argentina, European -> Europe (only when that names a country or continent)."""
        folded = fold_name(_LEADING_THE.sub("", _clean(raw)))
        cc = DEMONYMS.get(folded)
        if cc is not None:
            return self.country(cc)
        if len(folded) < 5 or " " in folded.strip() and not folded.endswith("an"):
            return None
        stems: list[str] = []
        if folded.endswith("ian"):
            stems += [folded[:-1], folded[:-3] + "ia", folded[:-3] + "a", folded[:-3]]
        if folded.endswith("vian"):
            stems += [folded[:-4]]  # Peruvian -> Peru
        if folded.endswith("an"):
            stems += [folded[:-1], folded[:-2], folded[:-2] + "a", folded[:-2] + "e"]
        if folded.endswith("ese"):
            stems += [folded[:-3], folded[:-3] + "a"]
        if folded.endswith("i"):
            stems += [folded[:-1], folded[:-1] + "istan"]
        if folded.endswith("ish"):
            stems += [folded[:-3], folded[:-3] + "ey", folded[:-3] + "istan"]  # Kurdish -> Kurdistan
        if folded.endswith("ine"):
            stems += [folded + "s"]  # Philippine -> Philippines
        for stem in dict.fromkeys(stems):
            if len(stem) < 3:
                continue
            for kind, e in self._exact(stem):
                if kind == 0 and e.precision in ("country", "continent"):
                    return e
                if (e.precision == "region" and _curated(e) and e.country_code is None) or e.id in _DEMONYM_REGIONS:
                    return e  # Central American -> Central America, Kurdish -> Kurdistan
        return None

    def _demonym(self, cand: PlaceCandidate, raw: str, *, derived: bool = False) -> Resolution | None:
        if derived:
            e = self._demonym_entry(raw)
        else:
            cc = DEMONYMS.get(fold_name(_LEADING_THE.sub("", _clean(raw))))
            e = self.country(cc) if cc is not None else None
        if e is None:
            return None
        return Resolution(
            candidate=cand,
            entry=e,
            place=e.to_place(0.9),
            canonical_name=e.name,
            score=0.9,
            reason=f"demonym of {e.name}",
        )

    def _context_constraint(self, ctx: tuple[str, str | None]) -> _Constraint | None:
        """Where a context phrase ("Donetsk region", "Ukraine", "Gomel") puts a name."""
        name, word = ctx
        words = _LEADING_THE.sub("", name).split()
        # The phrase may run on past the name ("X, Nova Kakhovka On Monday"): longest prefix first.
        for n in range(len(words), 0, -1):
            c = self._one_constraint(" ".join(words[:n]), word if n == len(words) else None)
            if c is not None:
                return c
        return None

    def _one_constraint(self, name: str, word: str | None) -> _Constraint | None:
        """The constraint of one exact phrase: a region or country (strong), a town (weak)."""
        label = f"{name} {word}" if word else name
        if word:
            matches = self._region_matches(name, _singular(word.lower()))
        else:
            matches = [m for m in self._matches(name) if m.quality >= 0.8]
        regions = [m.entry for m in matches if m.entry.precision in ("region", "country")]
        if regions:
            e = max(regions, key=_prior)
            if e.precision == "country":
                return _Constraint(e.country_code, None, label)
            return _Constraint(e.country_code, e.admin1, label) if e.admin1 else None
        if word is None and matches:
            # "X, Gomel": a town after the comma; X is probably in the same region.
            e = max((m.entry for m in matches), key=_prior)
            if e.admin1 and e.precision == "point":
                return _Constraint(e.country_code, e.admin1, label, strong=False)
        if word is not None and _singular(word.lower()) in _DISTRICT_WORDS:
            # "X, Bakhmut district" / "X in the Bakhmutskyi raion": the district's seat names its
            # region and a point X is near.
            seat = self._seat_of(name, None, None)
            if seat is not None and seat.admin1:
                return _Constraint(seat.country_code, seat.admin1, label, anchor=(seat.lat, seat.lon))
        return None

    def _matches_in_context(self, g: _Group) -> list[_Match]:
        """Spelling variants of a name inside the region its context names ("Krasnogorovka,
        Donetsk region" finds Krasnohorivka), when no match of the name is in that region.
        Only for Ukraine, Russia, Belarus and Moldova, whose names are written many ways."""
        out: list[_Match] = []
        for c in g.constraints:
            if not c.strong or c.admin1 is None or c.country_code not in SPOT_FOCUS_COUNTRIES:
                continue
            if any(c.fits(m.entry) for m in g.matches):
                continue
            out += [m for m in self._area_matches(g.base, c.country_code, c.admin1) if c.fits(m.entry)]
        return out

    def _score_group(self, g: _Group, *, votes: _Votes | None, hint: str | None) -> None:
        if not g.matches:
            g.best = None
            return
        scored: list[tuple[float, str, _Match, list[str], bool]] = []
        # A region or country of this very name ("Missouri" the state) beats a town that merely
        # has it as an alternate name (Bozeman, once "Missouri"); a city of millions keeps its
        # common name ("New York" is the city more often than the state).
        own_area = any(m.quality >= 1.0 and m.entry.precision in ("region", "country") for m in g.matches)
        # A region among other regions of its country is the region ("Georgia, Oklahoma, Pennsylvania": the US
        # state, not the country), unless a big city or a capital has the name ("New York", "Washington" in
        # news are the cities far more often than the states).
        big_city = any(
            m.entry.precision == "point"
            and ((m.entry.population or 0) >= _BIG_CITY_POPULATION or m.entry.feature == "capital")
            for m in g.matches
        )
        for m in g.matches:
            e = m.entry
            s = _prior(e) + 2.0 * (m.quality - 1.0)
            if own_area and m.quality < 1.0 and e.precision == "point" and (e.population or 0) < 1_000_000:
                s -= 1.5
            why: list[str] = []
            confirmed = False
            applicable = [c for c in g.constraints if c.applies(e)]
            if applicable:
                fits = [c for c in applicable if c.fits(e)]
                best_fit = max(fits, key=lambda c: (c.strong, c.admin1 is not None), default=None)
                if best_fit is None:
                    s -= 0.5 if any(c.strong for c in applicable) else 0.0
                elif not best_fit.strong:
                    s += 1.5
                    why.append(f"near {best_fit.text}")
                else:
                    s += 4.0 if best_fit.admin1 is not None else 2.5
                    confirmed = True
                    why.append(f"in {best_fit.text}")
                    if best_fit.anchor is not None:
                        d = _distance_km(e, _point(*best_fit.anchor))
                        if d < 50:
                            s += 1.5 if d < 25 else 0.8
                            why.append(f"{d:.0f} km from the seat of {best_fit.text}")
            if g.settlement:
                # "the city of Turkey" (Texas), not the country; "the town of Georgia", not the state
                if e.precision == "point":
                    s += 2.0
                    why.append("a settlement word before it")
                elif e.precision in ("region", "country", "continent"):
                    s -= 10.0
            if hint and e.country_code == hint:
                s += 0.6
            if g.had_the and e.feature in _THE_FEATURES:
                s += 1.5
                why.append(f"'the' + {e.feature}")
            if votes is not None:
                bonus, vwhy = votes.bonus(e, exclude=g.key, region_siblings=not big_city or g.in_list)
                s += bonus
                why.extend(vwhy)
                if e.precision == "region" and e.admin1 and g.town_before:
                    # "Buffalo, New York", "Tacoma, Washington": the region of the town before it
                    for k in g.town_before:
                        te = votes.by_group.get(k)
                        if (
                            te is not None
                            and te[0].precision in ("point", "district")
                            and te[0].country_code == e.country_code
                            and te[0].admin1 == e.admin1
                            and not any(
                                m2.entry.precision == "point" and _distance_km(m2.entry, te[0]) < 50 for m2 in g.matches
                            )  # "Queens, New York": a part of the city of that name
                        ):
                            s += 2.5
                            why.append(f"the region of {te[0].name} before it")
                            break
            scored.append((s, e.id, m, why, confirmed))
        scored.sort(key=lambda t: (-t[0], t[1]))
        s0, _, best, why, confirmed = scored[0]
        margin = s0 - scored[1][0] if len(scored) > 1 else 3.0
        # How sure: the margin over the runner-up through a logistic curve, times how well the name matched.
        conf = 1.0 / (1.0 + math.exp(-2.0 * margin)) if len(scored) > 1 else 0.95
        conf *= 1.0 if best.quality >= 0.8 else best.quality  # loose (skeleton) matches are less sure
        g.best, g.best_score, g.confidence, g.context_confirmed = best, s0, max(0.05, min(0.99, conf)), confirmed
        reasons = [best.via]
        reasons += why
        if len(scored) == 1:
            reasons.append("only match")
        elif not why:
            reasons.append(f"population prior over {len(scored) - 1} other")
        g.reason = "; ".join(reasons)


class _Votes:
    """What the other names of the document say: countries, regions, points."""

    def __init__(self) -> None:
        self.by_group: dict[str, tuple[GazetteerEntry, float]] = {}

    @classmethod
    def collect(cls, groups: Iterable[_Group]) -> _Votes:
        v = cls()
        for g in groups:
            if g.best is None:
                continue
            e = g.best.entry
            # Names a recogniser called a person or organisation vote only when big or a region.
            if not g.placey and not _strong_entry(e):
                continue
            weight = g.confidence * (0.5 if e.precision in ("country", "continent") else 1.0)
            v.by_group[g.key] = (e, weight)
        return v

    def bonus(self, e: GazetteerEntry, *, exclude: str, region_siblings: bool = True) -> tuple[float, list[str]]:
        others = [(oe, w) for k, (oe, w) in self.by_group.items() if k != exclude and oe.id != e.id]
        if not others:
            return 0.0, []
        total = sum(w for _, w in others)
        strength = 1.0 - 0.5**total
        why: list[str] = []
        s = 0.0
        same_cc = sum(w for oe, w in others if oe.country_code and oe.country_code == e.country_code)
        if total and same_cc:
            share = same_cc / total
            s += 1.2 * share * strength
            if share >= 0.5:
                why.append(f"document mostly in {e.country_code}")
        if e.admin1 and e.precision not in ("country", "continent"):
            region_named = any(
                oe.precision == "region" and oe.country_code == e.country_code and oe.admin1 == e.admin1
                for oe, _ in others
            )
            same_a1 = sum(w for oe, w in others if oe.country_code == e.country_code and oe.admin1 == e.admin1)
            if region_named:
                s += 1.0
                why.append("its region is named in the document")
            elif same_a1:
                s += 0.6 * (same_a1 / total) * strength
        if region_siblings and e.precision == "region" and e.country_code and e.admin1:
            # A region among other regions of its country ("Georgia, Oklahoma, Pennsylvania"), or with places
            # of the document inside it: the US state, not the country of the same name.
            siblings = sum(
                w
                for oe, w in others
                if oe.precision == "region" and oe.country_code == e.country_code and oe.admin1 != e.admin1
            )
            inside = any(
                oe.precision in ("point", "district") and oe.country_code == e.country_code and oe.admin1 == e.admin1
                for oe, w in others
                if w >= 0.5
            )
            if siblings:
                s += min(1.2, 0.6 * siblings)
                why.append(f"other regions of {e.country_code} named")
            if inside:
                s += 0.8
                why.append("places inside it named")
        if e.precision in ("point", "district"):
            near = [_distance_km(e, oe) for oe, w in others if oe.precision in ("point", "district") and w >= 0.6]
            if near:
                d = min(near)
                if d < 50:
                    s += 0.8
                    why.append(f"{d:.0f} km from another place named")
                elif d < 150:
                    s += 0.5
                    why.append(f"{d:.0f} km from another place named")
                elif d < 300:
                    s += 0.2
        return s, why

    def country_share(self, e: GazetteerEntry, *, exclude: str) -> float:
        """The weighted share of the document's other places that are in e's country."""
        others = [(oe, w) for k, (oe, w) in self.by_group.items() if k != exclude and oe.id != e.id]
        total = sum(w for _, w in others)
        if not total or not e.country_code:
            return 0.0
        return sum(w for oe, w in others if oe.country_code == e.country_code) / total

    def same_region_or_near(self, e: GazetteerEntry, exclude: str) -> str | None:
        """Independent confirmation of a place: another place of the document in its region or within 50 km."""
        for k, (oe, w) in self.by_group.items():
            if k == exclude or oe.id == e.id or w < 0.5:
                continue
            if oe.country_code == e.country_code and e.admin1 and oe.admin1 == e.admin1:
                return f"same region as {oe.name}"
            if oe.precision == "point" and e.precision == "point" and (e.population or 0) >= 5000:
                if _distance_km(e, oe) < 50:
                    return f"near {oe.name}"
        return None


_SETTLEMENTS = frozenset({"town", "capital"})
# Last words that make a name a street, building, venue or site rather than a settlement.
_FACILITY_WORDS = frozenset(
    """street st road rd avenue ave boulevard blvd lane drive highway motorway freeway square plaza park
    garden gardens center centre stadium arena hall house palace tower towers building church cathedral
    chapel mosque temple synagogue hospital clinic school college university airport airfield station
    bridge market mall hotel museum theatre theater library prison jail courthouse port harbour harbor
    dock docks pier gallery zoo campus embassy consulate headquarters factory plant mine refinery
    racecourse circuit raceway speedway estate farm ranch cemetery memorial monument base barracks
    terminal quay wharf close crescent terrace grove row mews court institute quarter plantation wing""".split()
)
# How far before a facility (characters) the settlement it is placed at may be named.
_FACILITY_WINDOW = 1500
# First words that do the same in other languages' street names ("Rue Casa Calvo", "Faubourg Marigny").
_FACILITY_FIRST_WORDS = frozenset("rue via calle avenida faubourg ulitsa vulytsia prospekt strasse".split())


def _facility_words(raw: str, label: str) -> list[str] | None:
    """The folded words of a span that names a facility ("Royal Street", "Rue Casa Calvo"), else None.
    A recogniser's FAC label alone is not enough ("Antony Blinken" gets it): the name must end with a
    facility word or start with a street word; PERSON/ORG-labelled spans are institutions or people."""
    words = fold_name(_LEADING_THE.sub("", raw)).split()
    if len(words) < 2 or " ".join(words) in NOT_PLACES:
        return None  # "the White House", "Downing Street": the institutions more often than the buildings
    if label and label not in _PLACE_LABELS:
        return None  # "Harvard University" labelled ORG is spoken of as an institution
    if words[-1] in _FACILITY_WORDS or words[0] in _FACILITY_FIRST_WORDS:
        return words
    if len(words) > 2 and words[0] in _FACILITY_WORDS and words[1] == "of":
        return words  # "University of Alberta", "Embassy of the Republic of Armenia": where the article is
    return None


def _outside_named_region(g: _Group) -> bool:
    """Whether a town's best answer lies outside the Ukrainian, Russian, Belarusian or Moldovan
    region its context names ("X, Donetsk region"); such a namesake elsewhere is not what is meant."""
    assert g.best is not None
    e = g.best.entry
    if e.precision not in ("point", "district"):
        return False
    named = [
        c
        for c in g.constraints
        if c.strong and c.admin1 is not None and c.country_code in SPOT_FOCUS_COUNTRIES and c.applies(e)
    ]
    return bool(named) and not any(c.fits(e) for c in g.constraints if c.applies(e))


def _strong_entry(e: GazetteerEntry) -> bool:
    """Big or important enough to accept even from a PERSON/ORG label: 100k+ people, a
    region, country or continent, or a curated war-relevant entry (Azovstal)."""
    return (e.population or 0) >= _STRONG_POPULATION or e.precision in ("region", "country", "continent") or _curated(e)


_TOWN_IN_COUNTRY_POPULATION = 20_000
# A city this big (or a capital) keeps its name from a region of the same name (see _score_group).
_BIG_CITY_POPULATION = 500_000
# Curated regions of a country that a nationality adjective may name (Kurdish -> Kurdistan).
_DEMONYM_REGIONS = frozenset({"newstrace:kurdistan-region"})
# resolve_address: a town found outside the province given is kept only this close to the province's point.
_OUTSIDE_PROVINCE_KM = 150.0


def _accept(
    g: _Group, label: str, raw: str, votes: _Votes, hint: str | None, *, known: bool = False
) -> tuple[float, str] | None:
    """Whether a mention with this label is accepted as the group's place, and how sure.

    ``known``: the caller says the spans are toponyms (gold spans): a name usually meant as an institution
    ("European Union") is then its area when the gazetteer has it as one."""
    assert g.best is not None
    e = g.best.entry
    folded = fold_name(g.base)
    tokens = folded.split()
    surface = _clean(raw)
    if folded in FUNCTION_WORDS and not (surface.isupper() and len(surface) >= 2):
        return None  # "of", "us" - but "US" in capitals is the country
    if folded in NOT_PLACES and not (known and e.precision in ("region", "country", "continent")):
        return None
    score, reason = g.confidence, g.reason
    if surface.isupper() and len(surface) <= 3 and "." not in surface and e.precision in ("point", "district"):
        return None  # "EU", "BC", "SA": acronyms, not the town of Eu (but "D.C." is an abbreviation)
    if label in _PLACE_LABELS:
        if label == "GAZ" and folded in COMMON_WORDS:
            return None
        if g.best.quality < 0.8:
            # A loose (skeleton) match is a guess: keep it only when something else
            # supports it (a big place, its region in context, the document's country).
            supported = (
                (e.population or 0) >= _STRONG_POPULATION
                or g.context_confirmed
                or (hint is not None and e.country_code == hint)
                or votes.country_share(e, exclude=g.key) >= 0.5
            )
            if not supported:
                return None
        return score, reason
    # PERSON, ORG and anything else: strong evidence only.
    if folded in COMMON_WORDS:
        return None
    if g.best.quality < 0.8:
        return None
    if len(tokens) > 1 and not g.context_confirmed:
        if label == "PERSON":
            return None  # "Joe Biden": a multi-word person name is a person
        if g.best.quality < 1.0:
            return None  # "the White House" (ORG) is not Casablanca, whose alternate name it is
    evidence: str | None = None
    if g.context_confirmed:
        evidence = "confirmed by context"
    elif e.feature in ("sea", "river") and _curated(e):
        evidence = None  # "The Atlantic" (a magazine), "Dnipro" (a football club): not without context
    elif _strong_entry(e):
        if e.precision != "point":
            evidence = f"a {e.precision}"
        else:
            evidence = "big place" if (e.population or 0) >= _STRONG_POPULATION else "curated place"
    else:
        evidence = votes.same_region_or_near(e, g.key)
    if (
        evidence is None
        and len(tokens) == 1
        and e.precision == "point"
        and (e.population or 0) >= _TOWN_IN_COUNTRY_POPULATION
        and votes.country_share(e, exclude=g.key) >= 0.5
    ):
        # "Kostiantynivka" tagged ORG in an article about Ukraine: a sizeable town of the article's country.
        evidence = f"a town of {e.population:,} in the article's country"
    if evidence is None:
        return None
    return score * 0.85, f"{reason}; labelled {label}, accepted: {evidence}"


# --- helpers ---------------------------------------------------------------------------
_ENTRY_COLS = "id, name, lat, lon, country_code, admin1, population, precision, feature"
_ENTRY_COLS_P = ", ".join(f"p.{c.strip()}" for c in _ENTRY_COLS.split(","))


def _entry(row: Sequence[Any]) -> GazetteerEntry:
    return GazetteerEntry(
        id=row[0],
        name=row[1],
        lat=float(row[2]),
        lon=float(row[3]),
        country_code=row[4],
        admin1=row[5],
        population=row[6],
        precision=row[7],
        feature=row[8],
    )


def _read_meta(path: Path) -> dict[str, str]:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
# Region words as variant keys, to strip from indexed region names ("kharkiv oblast" -> "kharkiv").
_REGION_TAIL_KEYS = frozenset(variant_key(w) for w in REGION_WORDS)


def _strip_region_tail(key: str) -> str:
    head, _, last = key.rpartition(" ")
    return head if head and last in _REGION_TAIL_KEYS else key


# Words after a district's name: "Brovars'kyi district", "Fokinskiy Rayon", "... Administrativnyy Okrug".
_DISTRICT_TAIL = re.compile(
    r"(?:\s+(?:administrativn\w*\s+)?(?:district|raion|rayon|okrug|municipality|municipal district|area))+$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_PUNCT_EDGES = re.compile(r"^[\s\"“”«»'‘’(\[]+|[\s\"“”«»'‘’.,;:!?)\]]+$")


def _singular(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") and w[:-1] in REGION_WORDS else w


def _clean(raw: str) -> str:
    """A mention without surrounding quotes and punctuation or a trailing "'s"."""
    s = _PUNCT_EDGES.sub("", raw.replace("\n", " "))
    s = _POSSESSIVE.sub("", s).strip()
    return _PUNCT_EDGES.sub("", s)


def _contexts(
    text: str, cand: PlaceCandidate, extra: str | None, *, lists: bool = False
) -> list[tuple[str, str | None]]:
    """Region/country phrases right after or right before a mention."""
    out: list[tuple[str, str | None]] = []
    sources = []
    if extra:
        sources.append(extra)
    if 0 <= cand.end <= len(text):
        sources.append(text[cand.end : cand.end + 80])
    for src in sources:
        m = _AFTER.match(src)
        if not m:
            continue
        if m.group("sep") and not m.group("word"):
            # "Mexico, the US and Canada" is a list; "Paris, Texas" and "Kyiv, Ukraine" are not; with ``lists``,
            # nor is a name inside a comma list ("Colorado, Georgia, Illinois, Missouri and Ohio")
            if m.group("the") or _LIST_GOES_ON.match(src[m.end() :]):
                continue
            if (
                lists
                and src is not extra
                and (
                    _LIST_BEFORE.search(text[max(0, cand.start - 40) : cand.start]) or _LIST_AFTER.match(src[m.end() :])
                )
            ):
                continue
        out.append((m.group("name"), m.group("word")))
    if cand.start > 0:
        m = _BEFORE.search(text[max(0, cand.start - 90) : cand.start])
        if m:
            out.append((m.group("name"), m.group("word")))
    return out


def _headline_lines(text: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of lines written in title case (most longer words capitalised)."""
    out: list[tuple[int, int]] = []
    start = 0
    line_tokens: list[str] = []
    ti = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        line_tokens = []
        while ti < len(tokens) and tokens[ti][0] < end:
            line_tokens.append(tokens[ti][2])
            ti += 1
        long_words = [w for w in line_tokens if len(w) > 3]
        if len(long_words) >= 3 and sum(1 for w in long_words if w[0].isupper()) >= 0.7 * len(long_words):
            out.append((start, end))
        start = end
    return out


def _capitalised_runs(text: str, tokens: list[tuple[int, int, str]]) -> list[list[int]]:
    """Runs of capitalised tokens separated by exactly one space (token indices)."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for i, (s, _e, w) in enumerate(tokens):
        if w[0].isupper():
            if cur and text[tokens[cur[-1]][1] : s] == " ":
                cur.append(i)
                continue
            if cur:
                runs.append(cur)
            cur = [i]
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _line_of(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)
