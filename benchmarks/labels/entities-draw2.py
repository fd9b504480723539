"""The second draw of entity-labelled documents (issue 4, types and boundaries): which files, which windows, which split.

    python benchmarks/labels/entities-draw2.py          # prints the 30 drawn files with their windows and splits

Weighted draw without replacement (Efraimidis-Spirakis keys u ** (1 / w), u from random.Random(SEED)) over the
gdelt articles not labelled in the first draw. Weight 3 for machine-translated and wire-style articles: the PL files
(machine-translated from Polish), the UA and BY files (Ukrinform, UNIAN, Kyiv Post, BelTA, belarusfeed), and any
file whose first line is a dateline ("KYIV, Ukraine (AP) -", "MINSK, 20 June (BelTA) -"); weight 1 otherwise.
Window: from 0 to the first sentence end at or after character 900 (the first draw's rule); split: the first
draw's rule, test when int(sha1("<corpus>/<path>"), 16) % 100 < 30.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261126
N = 30
CORPUS = "ukraine-war-news-gdelt-multicountry"
HERE = Path(__file__).resolve().parent
DATELINE = re.compile(r"^\s*[A-Z][A-Za-z.' -]{2,40},\s+(?:[A-Z][A-Za-z ]+,\s+)?(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}|\([A-Z]+\))")


def weight(name: str, text: str) -> int:
    country = name.split("_")[1]
    first = text.lstrip().split("\n", 1)[0][:120]
    return 3 if country in {"PL", "UA", "BY"} or DATELINE.match(first) or "(AP)" in first else 1


def window(text: str, size: int = 900) -> tuple[int, int]:
    if len(text) <= size:
        return 0, len(text.rstrip())
    m = re.compile(r"[.!?][\"'”’)]?(?=\s)|\n").search(text, size)
    end = m.end() if m else len(text)
    return 0, len(text[:end].rstrip())


def split_of(path: str) -> str:
    return "test" if int(hashlib.sha1(f"{CORPUS}/{path}".encode()).hexdigest(), 16) % 100 < 30 else "train"


def draw(data: Path) -> list[dict[str, object]]:
    done = set()
    for line in (HERE / "entities.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["kind"] == "document" and r.get("draw", 1) == 1:
            done.add(r["path"])
    files = sorted(p for p in (data / CORPUS / "articles").glob("*.txt") if f"articles/{p.name}" not in done)
    rng = random.Random(SEED)
    keyed = []
    for p in files:
        text = p.read_bytes().decode("utf-8")
        w = weight(p.name, text)
        keyed.append((rng.random() ** (1.0 / w), p, text, w))
    keyed.sort(key=lambda x: -x[0])
    out = []
    for _, p, text, w in keyed[:N]:
        path = f"articles/{p.name}"
        out.append({"path": path, "weight": w, "window": window(text), "split": split_of(path),
                    "sha256": hashlib.sha256(p.read_bytes()).hexdigest()})
    return out


if __name__ == "__main__":
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[1] / ".." / "shared" / "data"
    for r in draw(data):
        print(json.dumps(r))
