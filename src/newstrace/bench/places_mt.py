"""Machine-translated place names benchmark (issue 4): exonyms, case endings, literal translations.

The Polish (and some Ukrainian and Belarusian) articles of the GDELT corpus are machine-translated
English: place names are left in Polish (Mikołajów, Bucza, Borodzianka), half-transliterated
(Kersoń, Awdijwka, Siewierodoniec), inflected (Iziumu, Kersonie), turned into Polish region adjectives
(the Chmielnica region, the Winnicki circuit) or translated as ordinary words ("the town of time Jar"
for Czasów Jar, Chasiv Yar). Labels: ``benchmarks/labels/places-mt.jsonl`` (see
``benchmarks/labels/README-places-mt.md``): real mentions, each with the place it means, decided by
reading the article, and negatives: capitalised ordinary words, person names in the shape of Polish
place names (Kadyrów, Daniłow, Wierzynin) and MT junk that are not places.

Each labelled file goes through the real stages ``clean.segments``, ``clean.language``,
``extract.nlp``, ``extract.entities`` and ``extract.places``. A gold span is *found* when a mention
overlapping it is linked to an entity with coordinates; it is *resolved* within 10 km / 161 km when
that entity's point is that close to the gold point (regions: the region's point in the
gazetteer's supplement). A negative with such a mention is a *false place*.

Split: ``test`` when ``int(id[:8], 16) % 10 < 3`` (id = first 12 hex digits of the sha256 of the
address); develop on train, measure test once.

    newstrace bench places-mt                       # train split
    newstrace bench places-mt --split test --record docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .labels import labelled_file_text, read_label_lines
from .pipeline import _machine, record_section, shared_data

__all__ = ["LABELS", "MtLabel", "load_labels", "run_places_mt_benchmark", "format_markdown", "main"]

LABELS = Path(__file__).resolve().parents[3] / "benchmarks" / "labels" / "places-mt.jsonl"
STAGES = ("clean.segments", "clean.language", "extract.nlp", "extract.entities", "extract.places")
COMMAND = "newstrace bench places-mt --split {split}"
TITLE = "Machine-translated place names (issue 4)"
NOTES = (
    "'before' is the working tree of 2026-11-26 02:50 UTC, before this work, on the same labels (`--json` "
    "outputs passed with `--before`). What changed: Polish case endings undone for places of UA/RU/BY/PL/LT/MD "
    "(Kijowie, Iziumu, Bachmucie; `names.polish_case_stems`), Polish spellings romanised (Krasnohoriwka -> "
    "Krasnohorivka; `names.polish_romanisations`), Polish region adjectives (the Winnicki circuit = obwód "
    "winnicki), 16 Polish exonyms GeoNames cities500 lacks added to `supplement.csv` (Bucza, Siewierodonieck, "
    "Stanica Ługańska, ...), a settlement word before a PERSON/ORG-labelled name ('the village of X') or a region "
    "word after it making it a place, and literal translations (`gazetteer/literal_names.csv`: 'time Jar' for "
    "Czasów Jar = Chasiv Yar, Happiness = Shchastia, White Church = Bila Tserkva, ...) taken only in context "
    "(a settlement word before, the place's own region after or named in the article, or a named place in the "
    "same region within 50 km), scored 0.5 with a reason that says so. The train split was used for development; "
    "the test split was scored once at the end. Literal translations are rare in this corpus: the survey of the "
    "PL/UA/BY articles found only 'time Jar' (3 mentions); 'Happiness' occurs only as an ordinary word. Remaining "
    "misses are mostly manglings no rule should guess (Kersoń, Kharkovsk, Kharkhiv, Irish for Irpień, "
    "Swatów taken as Shantou's old name Swatow, 'includingMikołajowski' glued to the word before), places "
    "GeoNames cities500 lacks (Jasionka, the nuclear power plant) and names the recogniser tags as "
    "organisations with no cue (the Osipovichi training ground)."
)


@dataclass(frozen=True, slots=True)
class MtLabel:
    id: str
    corpus: str
    path: str
    sha256: str
    start: int
    end: int
    text: str
    place: bool
    split: str
    gold_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    note: str = ""


def load_labels(path: str | Path | None = None) -> list[MtLabel]:
    """The labelled mentions (places and negatives)."""
    out: list[MtLabel] = []
    for d in read_label_lines(path or LABELS):
        out.append(
            MtLabel(
                id=d["id"],
                corpus=d["corpus"],
                path=d["path"],
                sha256=d["sha256"],
                start=int(d["start"]),
                end=int(d["end"]),
                text=d["text"],
                place=bool(d["place"]),
                split=d["split"],
                gold_name=d.get("gold_name"),
                lat=d.get("lat"),
                lon=d.get("lon"),
                note=d.get("note", ""),
            )
        )
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def run_places_mt_benchmark(labels: str | Path | None = None, *, split: str = "train") -> dict[str, Any]:
    """Run the stages on every labelled file and score the labelled spans."""
    from ..pipeline import get_stage
    from ..record import Document, stable_id

    data = shared_data()
    if data is None:
        raise FileNotFoundError("../shared/data/ukraine-war-news-gdelt-multicountry is absent")
    t0 = time.perf_counter()
    items = [it for it in load_labels(labels) if split == "all" or it.split == split]
    runners = [(name, get_stage(name).factory()) for name in STAGES]
    by_file: dict[tuple[str, str], list[MtLabel]] = defaultdict(list)
    for it in items:
        by_file[(it.corpus, it.path)].append(it)
    rows: list[dict[str, Any]] = []
    for (corpus, path), group in sorted(by_file.items()):
        sha = group[0].sha256
        if any(it.sha256 != sha for it in group):
            raise ValueError(f"{corpus}/{path} changed since it was labelled (sha256 differs)")
        text = labelled_file_text(data, corpus, path, sha)
        doc = Document(id=stable_id("doc", sha), sha256=sha, path=path, text=text)
        for _name, stage in runners:
            doc = stage(doc)
        for it in group:
            hits = []
            for m in doc.mentions:
                if m.start < it.end and it.start < m.end and m.entity:
                    ent = doc.entities.get(m.entity)
                    if ent is not None and ent.place is not None:
                        hits.append((m, ent))
            row: dict[str, Any] = {"id": it.id, "path": path, "text": it.text, "place": it.place, "gold": it.gold_name}
            if hits:
                m, ent = hits[0]
                assert ent.place is not None
                row["pred"] = ent.name
                row["reason"] = "; ".join(ent.reasons[-1:]) if ent.reasons else ""
                if it.place and it.lat is not None and it.lon is not None:
                    row["km"] = min(
                        _km(it.lat, it.lon, e.place.lat, e.place.lon) for _, e in hits if e.place is not None
                    )
            rows.append(row)
    pos = [r for r in rows if r["place"]]
    neg = [r for r in rows if not r["place"]]
    found = sum(1 for r in pos if "pred" in r)
    w10 = sum(1 for r in pos if r.get("km", 1e9) <= 10)
    w161 = sum(1 for r in pos if r.get("km", 1e9) <= 161)
    false = sum(1 for r in neg if "pred" in r)
    return {
        "split": split,
        "files": len(by_file),
        "places": len(pos),
        "negatives": len(neg),
        "found": found,
        "within_10": w10,
        "within_161": w161,
        "false_places": false,
        "seconds": round(time.perf_counter() - t0, 1),
        "machine": _machine(),
        "rows": rows,
    }


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:.1f}%" if b else "-"


def summary_line(r: dict[str, Any]) -> str:
    return (
        f"{r['split']}: {r['places']} places in {r['files']} files: found {r['found']} ({_pct(r['found'], r['places'])}), "
        f"within 10 km {r['within_10']} ({_pct(r['within_10'], r['places'])}), within 161 km {r['within_161']} "
        f"({_pct(r['within_161'], r['places'])}); negatives {r['negatives']}: false places {r['false_places']} "
        f"({_pct(r['false_places'], r['negatives'])}); {r['seconds']} s"
    )


def format_markdown(results: list[tuple[str, dict[str, Any]]], *, notes: str = "") -> str:
    """A table of (label, result) columns, e.g. before/after per split."""
    lines = [
        "Date: 2026-11-26. Data: `../shared/data/ukraine-war-news-gdelt-multicountry` (PL/UA/BY articles), labels "
        "`benchmarks/labels/places-mt.jsonl` (see `README-places-mt.md`). Machine: 2-core AMD EPYC, 24 GiB, no GPU. "
        "Stages: " + ", ".join(f"`{s}`" for s in STAGES) + ".",
        "",
        "| run | places | found | within 10 km | within 161 km | negatives | false places |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, r in results:
        p, n = r["places"], r["negatives"]
        lines.append(
            f"| {label} | {p} | {r['found']} ({_pct(r['found'], p)}) | {r['within_10']} ({_pct(r['within_10'], p)}) "
            f"| {r['within_161']} ({_pct(r['within_161'], p)}) | {n} | {r['false_places']} ({_pct(r['false_places'], n)}) |"
        )
    if notes:
        lines += ["", notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", help="labels file (default: benchmarks/labels/places-mt.jsonl)")
    ap.add_argument(
        "--split", choices=["train", "test", "all", "both"], default="train", help="both = train, then test"
    )
    ap.add_argument(
        "--json", help="write the full result (with every row) to this JSON file (a list with --split both)"
    )
    ap.add_argument("--misses", action="store_true", help="print every wrong row")
    ap.add_argument("--record", help="Markdown file to record a section in (e.g. docs/benchmarks.md)")
    ap.add_argument(
        "--before", help="JSON files of earlier runs (from --json) to show as 'before' rows, comma-separated"
    )
    args = ap.parse_args(argv)
    splits = ["train", "test"] if args.split == "both" else [args.split]
    runs = [run_places_mt_benchmark(args.labels, split=sp) for sp in splits]
    for r in runs:
        print(summary_line(r))
        if args.misses:
            for row in r["rows"]:
                ok = (row["place"] and row.get("km", 1e9) <= 161) or (not row["place"] and "pred" not in row)
                if not ok:
                    print(
                        f"  {'MISS' if row['place'] else 'FALSE'} {row['text']!r} gold={row['gold']} "
                        f"pred={row.get('pred')} km={row.get('km', '-')} {row['path']} {row.get('reason', '')[:120]}"
                    )
    if args.json:
        payload: Any = runs if len(runs) > 1 else runs[0]
        Path(args.json).write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.record:
        before: dict[str, dict[str, Any]] = {}
        for p in (args.before or "").split(","):
            if p.strip():
                b = json.loads(Path(p.strip()).read_text(encoding="utf-8"))
                for one in b if isinstance(b, list) else [b]:
                    before[one["split"]] = one
        results: list[tuple[str, dict[str, Any]]] = []
        for r in runs:
            if r["split"] in before:
                results.append((f"before, {r['split']}", before[r["split"]]))
            results.append((f"after, {r['split']}", r))
        md = format_markdown(results, notes=NOTES if before else "")
        command = COMMAND.format(split=args.split) + (" --before BEFORE_TRAIN.json,BEFORE_TEST.json" if before else "")
        record_section(args.record, TITLE, md, command=command + f" --record {args.record}")
