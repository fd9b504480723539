"""Sentences cut mid-phrase by the parser, before and after ``extract.nlp.sentence_starts`` (issue 5).

Claims are sentence-level statements, and quotes, speakers and chains are read from the parse of a sentence. The
small English model reads other languages' capitalised words as sentence starts: "По думите на" | "Столтенберг
Русия ...", "secondo il ministro" | "Guerini ...", and now and then English ones ("NATO" | "Secretary General Jens
Stoltenberg said ..."). ``sentence_starts`` tells the parser that a word ending in a letter or digit, followed on
the same line by the next word, ends no sentence.

This bench parses a seeded sample of each corpus and language twice, with the blank-line rule alone (as before) and
with the pipeline as shipped, and counts per group:

- *mid-phrase boundaries*: sentence starts on the same line right after a word ending in a letter or digit;
- *claims cut mid-phrase*: claim sentences (``extract.claims.claim_sentences``, every line taken as body) that end in
  a letter or digit while the next claim starts on the same line;
- the parse time of each condition.

There is no gold sentence segmentation for these corpora: ``--list N`` prints N of the boundaries the rule removed,
with their context, for reading.

    newstrace bench sentences [--sample N] [--list N] [--record docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pipeline import _machine, record_section, shared_data

__all__ = ["GROUPS", "mid_phrase_starts", "cut_claims", "main"]

SECTION = "Sentences cut mid-phrase (issue 5)"
#: group name -> (folder inside ../shared/data, glob)
GROUPS: dict[str, tuple[str, str]] = {
    "bg (bulgarian-ukraine-war-news)": ("bulgarian-ukraine-war-news", "*.json"),
    "es (ml-crisis-timelines)": ("ml-crisis-timelines/es", "**/*.txt"),
    "fr (ml-crisis-timelines)": ("ml-crisis-timelines/fr", "**/*.txt"),
    "it (ml-crisis-timelines)": ("ml-crisis-timelines/it", "**/*.txt"),
    "en (ukraine-war-news-gdelt-multicountry)": ("ukraine-war-news-gdelt-multicountry/articles", "*.txt"),
    "en (polnear train)": ("polnear/train/text", "*.txt"),
}
MAX_CHARS = 20_000  # one parser chunk per document (extract.nlp.CHUNK_CHARS)


def _word_end(text: str) -> bool:
    return text[-1:].isalnum()


def mid_phrase_starts(sdoc: Any) -> list[int]:
    """Character offsets of the sentences that start on the line of a word ending in a letter or digit, right after
    it."""
    text = sdoc.text
    out = []
    sents = list(sdoc.sents)
    for prev, sent in zip(sents, sents[1:]):
        words = [t for t in prev if not t.is_space]
        if not words:
            continue
        last = words[-1]
        if _word_end(last.text) and "\n" not in text[last.idx + len(last.text):sent.start_char]:
            out.append(sent.start_char)
    return out


def cut_claims(text: str, spans: list[tuple[int, int]]) -> int:
    """Claim spans that end in a letter or digit while the next one starts on the same line."""
    n = 0
    for (a, b), (c, _) in zip(spans, spans[1:]):
        if _word_end(text[a:b]) and "\n" not in text[b:c]:
            n += 1
    return n


@dataclass
class Tally:
    docs: int = 0
    words: int = 0
    sentences: int = 0
    mid: int = 0
    claims: int = 0
    cut: int = 0
    seconds: float = 0.0
    removed: list[tuple[str, str]] = field(default_factory=list)


def _documents(root: Path, folder: str, pattern: str, sample: int, seed: int) -> list[Any]:
    from ..ingest.files import iter_input_files, read_input

    files = sorted((root / folder).glob(pattern))
    docs: list[Any] = []
    for item in iter_input_files(files):
        if isinstance(item, tuple):
            continue
        docs.extend(d for d in read_input(item).documents if d.text.strip())
    rng = random.Random(seed)
    picked = rng.sample(docs, min(sample, len(docs)))
    for d in picked:
        d.text = d.text[:MAX_CHARS]
    return picked


def _parse(nlp: Any, text: str, within_lines: bool) -> Any:
    """The shipped pipeline, its sentence hints with or without the rule inside lines."""
    from ..extract.nlp import SENTENCE_STARTS, sentence_starts

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        doc = sentence_starts(doc, within_lines=within_lines) if name == SENTENCE_STARTS else proc(doc)
    return doc


def run(sample: int = 150, seed: int = 0, root: Path | None = None) -> dict[str, tuple[Tally, Tally]]:
    from ..extract.claims import claim_sentences
    from ..extract.nlp import load_model

    root = root or shared_data()
    if root is None:
        raise SystemExit("../shared/data is absent; set NEWSTRACE_SHARED_DATA to the shared data folder")
    nlp = load_model()
    out: dict[str, tuple[Tally, Tally]] = {}
    for group, (folder, pattern) in GROUPS.items():
        if not (root / folder).is_dir():
            print(f"skipped {group}: ../shared/data/{folder} is absent", file=sys.stderr)
            continue
        docs = _documents(root, folder, pattern, sample, seed)
        before, after = Tally(), Tally()
        for doc in docs:
            parsed = []
            for tally, within in ((before, False), (after, True)):
                t0 = time.perf_counter()
                sdoc = _parse(nlp, doc.text, within)
                tally.seconds += time.perf_counter() - t0
                tally.docs += 1
                tally.words += sum(1 for t in sdoc if not t.is_space and not t.is_punct)
                tally.sentences += sum(1 for _ in sdoc.sents)
                mids = mid_phrase_starts(sdoc)
                tally.mid += len(mids)
                doc.segments = []
                spans = claim_sentences(sdoc, doc)
                tally.claims += len(spans)
                tally.cut += cut_claims(doc.text, spans)
                parsed.append(set(mids))
            for off in sorted(parsed[0] - parsed[1]):
                after.removed.append((doc.path, doc.text[max(0, off - 70):off] + " | " + doc.text[off:off + 70]))
        out[group] = (before, after)
    return out


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "-"


def report(result: dict[str, tuple[Tally, Tally]], sample: int) -> str:
    rows = []
    for group, (b, a) in result.items():
        rows.append(
            f"| {group} | {a.docs} | {a.words} | {b.sentences} / {a.sentences} | "
            f"{b.mid} ({_pct(b.mid, b.sentences)}) / {a.mid} ({_pct(a.mid, a.sentences)}) | "
            f"{b.claims} / {a.claims} | {b.cut} ({_pct(b.cut, b.claims)}) / "
            f"{a.cut} ({_pct(a.cut, a.claims)}) | {b.seconds:.1f} / {a.seconds:.1f} |"
        )
    return "\n".join([
        f"Date {dt.date.today().isoformat()}. Machine: {_machine()}, no GPU. Data: a seeded sample (seed 0) of at most "
        f"{sample} documents per group from `../shared/data/` (each cut to its first 20,000 characters, one parser "
        "chunk), parsed twice with the shipped English model: *before*, a blank line starting a sentence only; "
        "*after*, `extract.nlp.sentence_starts` as shipped (no sentence starts on the line of a word ending in a "
        "letter or digit, right after it).",
        "",
        "| group | docs | words | sentences before / after | mid-phrase boundaries before / after | claim sentences "
        "before / after | claims cut mid-phrase before / after | parse s before / after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        "*Mid-phrase boundaries*: sentence starts on the same line right after a word ending in a letter or digit "
        "(the parser may still override the hint). *Claims cut mid-phrase*: claim sentences "
        "(`extract.claims.claim_sentences`, every line taken as body) ending in a letter or digit while the next "
        "starts on the same line. No gold segmentation exists for these corpora: `--list N` prints removed "
        "boundaries for reading.",
    ])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=150, help="documents per group (default 150)")
    ap.add_argument("--list", type=int, default=0, help="print N removed boundaries (seeded) for reading")
    ap.add_argument("--record", help="Markdown file whose section gets the result")
    args = ap.parse_args(argv)
    result = run(args.sample)
    body = report(result, args.sample)
    print(body)
    if args.list:
        removed = [(g, p, c) for g, (_, a) in result.items() for p, c in a.removed]
        for g, p, c in random.Random(1).sample(removed, min(args.list, len(removed))):
            print(f"{g} {p.rsplit('/', 1)[-1]}: {c!r}")
    if args.record:
        record_section(args.record, SECTION, body,
                       command=f"newstrace bench sentences --sample {args.sample} --record {args.record}")
        print(f"recorded in {args.record}")


if __name__ == "__main__":
    main()
