"""Part-6 selection of the labelled line set (issue 3): caption- and junk-likely documents, seeded, reproducible.

Run from the repository root with the venv active: python benchmarks/labels/lines/select_part6.py
Prints the chosen documents (corpus, path, record, split, flag, stratum) in draw order. The labelled set it excludes
is the one before part 6: the first BEFORE[corpus] lines of each label file (parts 1-5, 621 documents).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import tempfile
from pathlib import Path

from newstrace.bench.line_labels import LABELS_DIR, line_spans, load_labels, split_of
from newstrace.bench.pipeline import shared_data

BEFORE = {"bulgarian-ukraine-war-news": 136, "ml-crisis-timelines": 248, "ukraine-war-news-gdelt-multicountry": 237}
SEED = 20261206
QUOTA = {"bg": 22, "gdelt": 28, "ml-es": 18, "ml-fr": 17, "ml-it": 17}
CAPTION_SHARE = 0.6  # of each quota from the CREDIT draw, the rest from the JUNK draw
MAX_LINES = 100
# a photo/video credit line in en/es/fr/it/bg
CREDIT = re.compile(
    r"Photo ?:|Photo by|Photograph:|Foto ?:|Foto di|Fotograf[ií]a:|\(AP Photo|AP Photo/|Getty Images|Снимка|Снимки"
    r"|Фото ?:|Кадър|^\s*©|©\s*\w+\s*$|Crédit|Credit:|/AFP\b|AFP/|AFP via|/Reuters|REUTERS/|Reuters/|/EPA\b|EPA-EFE"
    r"|Shutterstock|/ANSA|\(ANSA\)|Image caption|Legenda|- video$|– video$",
    re.M,
)
# reader comments, subscription / donation appeals, teaser lists, copyright lines
JUNK = re.compile(
    r"[Cc]omment|Коментар|[Ss]ubscri|Suscr[ií]b|[Aa]bonne|[Aa]bbona|Iscriviti|[Аа]бонира|[Dd]onat|Дар[ие]|[Dd]ona "
    r"|[Ss]outen|[Ss]ostien|[Aa]póya|Newsletter|[Rr]ead more|[Ll]eer más|[Ll]ire aussi|[Ll]eggi anche|Прочет"
    r"|Още по темата|[Dd]erechos reservados|[Dd]roits réservés|RIPRODUZIONE RISERVATA|[Rr]ights reserved"
    r"|[Вв]сички права|\.\.\.$|…$",
    re.M,
)


def candidates(root: Path) -> dict[str, list[tuple[str, str, int | None, str]]]:
    out: dict[str, list[tuple[str, str, int | None, str]]] = {k: [] for k in QUOTA}
    g = root / "ukraine-war-news-gdelt-multicountry"
    for f in sorted((g / "articles").glob("*.txt")):
        out["gdelt"].append(("ukraine-war-news-gdelt-multicountry", f"articles/{f.name}", None, f.read_text("utf-8")))
    b = root / "bulgarian-ukraine-war-news"
    for f in sorted(b.glob("*DataSorted.json")):
        for i, item in enumerate(json.loads(f.read_text("utf-8"))):
            out["bg"].append(("bulgarian-ukraine-war-news", f.name, i, str(item.get("text") or "")))
    m = root / "ml-crisis-timelines"
    for lang in ("es", "fr", "it"):
        for f in sorted(m.glob(f"{lang}/*/*/*.txt")):
            if f.parts[-3] in ("egypt", "libya", "syria", "yemen"):
                out[f"ml-{lang}"].append(("ml-crisis-timelines", str(f.relative_to(m)), None, f.read_text("utf-8")))
    return out


def repeated(text: str) -> bool:
    """A line of >= 12 characters occurs twice or more (repeated captions, headlines, widgets)."""
    lines = [text[s:e] for s, e in line_spans(text) if e - s >= 12]
    return len(lines) != len(set(lines))


def long_lines(text: str) -> set[str]:
    return {text[s:e] for s, e in line_spans(text) if e - s > 80}


def main() -> None:
    root = shared_data()
    assert root is not None
    with tempfile.TemporaryDirectory() as tmp:
        for corpus, n in BEFORE.items():
            lines = (LABELS_DIR / f"{corpus}.jsonl").read_text("utf-8").splitlines()[:n]
            (Path(tmp) / f"{corpus}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        labelled = load_labels(Path(tmp))
    keys = {(d.corpus, d.path, d.record) for d in labelled}
    seen_hash = {hashlib.sha256(d.text.encode()).hexdigest() for d in labelled}
    seen_long: set[str] = set()
    for d in labelled:
        seen_long |= long_lines(d.text)
    rng = random.Random(SEED)
    cands = candidates(root)
    for stratum in sorted(QUOTA):
        pool = [c for c in cands[stratum] if (c[0], c[1], c[2]) not in keys and 1 <= len(line_spans(c[3])) <= MAX_LINES]
        credit = sorted((c for c in pool if CREDIT.search(c[3])), key=lambda c: (c[1], c[2] or 0))
        cset = {(c[1], c[2]) for c in credit}
        junk = sorted((c for c in pool if (c[1], c[2]) not in cset and (JUNK.search(c[3]) or repeated(c[3]))),
                      key=lambda c: (c[1], c[2] or 0))
        jset = {(c[1], c[2]) for c in junk}
        rest = sorted((c for c in pool if (c[1], c[2]) not in cset | jset), key=lambda c: (c[1], c[2] or 0))
        n_credit = round(QUOTA[stratum] * CAPTION_SHARE)
        print(f"# {stratum}: {len(pool)} unlabelled candidates, {len(credit)} CREDIT, {len(junk)} JUNK, {len(rest)} rest")
        rng.shuffle(credit)
        rng.shuffle(junk)
        rng.shuffle(rest)
        # CREDIT until its share is taken, then JUNK, then the rest, until the quota is met
        taken = skipped = 0
        got: dict[str, int] = {}
        for flag, lst, limit in (("CREDIT", credit, n_credit), ("JUNK", junk, QUOTA[stratum]),
                                 ("CREDIT", credit, QUOTA[stratum]), ("RANDOM", rest, QUOTA[stratum])):
            for corpus, path, record, text in lst:
                if taken == QUOTA[stratum] or got.get(flag, 0) >= limit:
                    break
                h = hashlib.sha256(text.encode()).hexdigest()
                ll = long_lines(text)
                if h in seen_hash or ll & seen_long:
                    skipped += 1
                    continue
                seen_hash.add(h)
                seen_long |= ll
                taken += 1
                got[flag] = got.get(flag, 0) + 1
                print(json.dumps({"corpus": corpus, "path": path, "record": record,
                                  "split": split_of(corpus, path, record), "flag": flag, "stratum": stratum},
                                 ensure_ascii=False))
        print(f"# {stratum}: took {taken} {got}, skipped {skipped} near-duplicates")


if __name__ == "__main__":
    main()
