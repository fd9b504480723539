"""The labelled line set of issue 3: annotations that point into ../shared/data, never copies of it.

One JSON object per labelled document in ``benchmarks/labels/lines/<corpus>.jsonl``::

    {"corpus": "ukraine-war-news-gdelt-multicountry",
     "path": "articles/20220125T090000Z_GB_en_7d015e6984.txt",   # relative to the corpus folder
     "record": null,          # index into a JSON list (bulgarian-ukraine-war-news), else null
     "sha256": "...",         # of the UTF-8 text the offsets index into
     "lang": "en",
     "split": "train",        # see split_of(): fixed by a hash, never chosen by hand
     "lines": [{"start": 0, "end": 57, "kind": "title"}, ...]}

``lines`` covers every non-blank line of the text (``line_spans``), in order. Kinds are
``body``, ``title``, ``byline`` (bylines, datelines, timestamps), ``caption`` (photo and video
captions and credit lines) and ``boilerplate`` (site furniture of every sort).

Inspect a document to label it::

    python -m newstrace.bench.line_labels show ukraine-war-news-gdelt-multicountry articles/X.txt
    python -m newstrace.bench.line_labels show bulgarian-ukraine-war-news BlitzDataSorted.json --record 3
    python -m newstrace.bench.line_labels check            # validate every label file against the shared data
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..clean.segments import line_spans  # the labels cover the lines the segmenter classifies
from .labels import hash_split, source_sha256
from .pipeline import shared_data

__all__ = [
    "KINDS",
    "LABELS_DIR",
    "LabelledDoc",
    "LabelledLine",
    "corpus_text",
    "line_spans",
    "split_of",
    "load_labels",
    "iter_label_files",
]

KINDS = ("body", "title", "byline", "caption", "boilerplate")
LABELS_DIR = Path(__file__).resolve().parents[3] / "benchmarks" / "labels" / "lines"
_JSON_CACHE: dict[Path, list[dict[str, object]]] = {}


@dataclass(slots=True)
class LabelledLine:
    start: int
    end: int
    kind: str


@dataclass(slots=True)
class LabelledDoc:
    corpus: str
    path: str
    record: int | None
    sha256: str
    lang: str
    split: str
    lines: list[LabelledLine] = field(default_factory=list)
    text: str = ""

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.path}" + (f"#{self.record}" if self.record is not None else "")


def corpus_text(corpus: str, path: str, record: int | None = None, data: Path | None = None) -> str:
    """The text a label file points into: a .txt file, or the ``text`` field of one record of a JSON list."""
    root = data or shared_data()
    if root is None:
        raise FileNotFoundError("../shared/data is absent; set NEWSTRACE_SHARED_DATA to the shared data folder")
    file = root / corpus / path
    if record is None:
        return file.read_text(encoding="utf-8")
    if file not in _JSON_CACHE:
        _JSON_CACHE[file] = json.loads(file.read_text(encoding="utf-8"))
    item = _JSON_CACHE[file][record]
    return str(item.get("text") or "")


def split_of(corpus: str, path: str, record: int | None = None) -> str:
    """Fixed train/test split (about 30% test) from a hash of the document's address."""
    return hash_split(f"{corpus}/{path}#{record}", "test", "train", share=3, of=10)


def iter_label_files(folder: Path = LABELS_DIR) -> Iterator[Path]:
    yield from sorted(folder.glob("*.jsonl"))


def load_labels(folder: Path = LABELS_DIR, *, data: Path | None = None, with_text: bool = True) -> list[LabelledDoc]:
    """Every labelled document, its text read from the shared data and checked against its sha256."""
    docs = []
    for file in iter_label_files(folder):
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            doc = LabelledDoc(
                corpus=obj["corpus"], path=obj["path"], record=obj.get("record"), sha256=obj["sha256"],
                lang=obj["lang"], split=obj["split"],
                lines=[LabelledLine(x["start"], x["end"], x["kind"]) for x in obj["lines"]],
            )
            if with_text:
                text = corpus_text(doc.corpus, doc.path, doc.record, data)
                got = source_sha256(text)
                if got != doc.sha256:
                    raise ValueError(f"{file.name}:{n}: {doc.key} changed in the shared data (sha256 {got[:12]})")
                doc.text = text
            docs.append(doc)
    return docs


def _check(folder: Path) -> int:
    problems = 0
    docs = load_labels(folder)
    seen: set[str] = set()
    for d in docs:
        spans = line_spans(d.text)
        got = [(x.start, x.end) for x in d.lines]
        if d.key in seen:
            print(f"duplicate document {d.key}")
            problems += 1
        seen.add(d.key)
        if got != spans:
            print(f"{d.key}: lines do not cover the non-blank lines exactly ({len(got)} vs {len(spans)})")
            problems += 1
        bad = [x.kind for x in d.lines if x.kind not in KINDS]
        if bad:
            print(f"{d.key}: unknown kinds {sorted(set(bad))}")
            problems += 1
        if d.split != split_of(d.corpus, d.path, d.record):
            print(f"{d.key}: split should be {split_of(d.corpus, d.path, d.record)}")
            problems += 1
    by: dict[tuple[str, str], int] = {}
    for d in docs:
        by[(d.corpus, d.split)] = by.get((d.corpus, d.split), 0) + 1
    for (corpus, split), n in sorted(by.items()):
        print(f"{corpus:40} {split:5} {n:4} documents")
    print(f"{len(docs)} documents, {sum(len(d.lines) for d in docs)} lines, {problems} problems")
    return problems


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    show = sub.add_parser("show", help="print a document's non-blank lines with their offsets")
    show.add_argument("corpus")
    show.add_argument("path")
    show.add_argument("--record", type=int)
    check = sub.add_parser("check", help="validate the label files against the shared data")
    check.add_argument("--folder", default=str(LABELS_DIR))
    args = ap.parse_args(argv)
    if args.cmd == "show":
        text = corpus_text(args.corpus, args.path, args.record)
        print(f"sha256 {source_sha256(text)}  split {split_of(args.corpus, args.path, args.record)}")
        for i, (s, e) in enumerate(line_spans(text)):
            print(f"{i:3} [{s}:{e}] {text[s:e]}")
    else:
        sys.exit(1 if _check(Path(args.folder)) else 0)


if __name__ == "__main__":
    main()
