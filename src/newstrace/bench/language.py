"""Repairs and language benchmark (issue 3) on the real multilingual corpora.

Corpora (../shared/data): ml-crisis-timelines (es/fr/it, language from the folder), bulgarian-ukraine-war-news
(bg), ukraine-war-news-gdelt-multicountry (en). Every text goes through the ingest repair
(:func:`newstrace.clean.repair.repair_text`), the line classifier and the language stage.

Repairs: glue points and mojibake fixes found per corpus; the offset map is checked on every document (the
source text rebuilt from the stored text and the edits must be identical) and on every segment; precision
from a hand-checked sample of 50 fixes, the first by a hash of their address (``benchmarks/labels/repairs-sample.jsonl``); recall on
synthetic damage (real adjacent paragraphs glued together, real paragraphs mojibaked on purpose).

Language: accuracy per document (gold = corpus language), per body segment (gold = document language: an
approximation, since quotes in other languages and tags like "[en]" are counted as errors), and per
paragraph on mixed-language documents built by inserting paragraphs of an article in another language
into an article (gold known by construction). The detector alone on each segment is the baseline.

    newstrace bench language                      # print the tables
    newstrace bench language --record docs/benchmarks.md
    newstrace bench language --sample-out /tmp/sample.jsonl   # the 50 fixes to read and judge
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import regex

from ..clean.language import assign_languages, detect_language
from ..clean.repair import Repaired, repair_text
from ..clean.segments import segment_document
from ..errors import NewstraceError
from ..record import Document, Segment
from .labels import read_label_lines
from .pipeline import _machine, record_section, shared_data

__all__ = ["load_corpora", "run_benchmark", "format_markdown", "main"]

COMMAND = "newstrace bench language --record docs/benchmarks.md"
TITLE = "Repairs and language (issue 3)"
MACHINE = _machine() + ", no GPU"
FOLDERS = {
    "ml-crisis-timelines": "ml-crisis-timelines",
    "bulgarian": "bulgarian-ukraine-war-news",
    "gdelt": "ukraine-war-news-gdelt-multicountry/articles",
}
SAMPLE_LABELS = Path(__file__).resolve().parents[3] / "benchmarks" / "labels" / "repairs-sample.jsonl"
SEED = 3


@dataclass(slots=True)
class Item:
    corpus: str
    path: str
    gold: str
    source: str  # the text as decoded or as given in the record, before any repair


def load_corpora(data: Path, limit: int | None = None) -> Iterator[Item]:
    """Every article of the three corpora with its corpus language."""
    from ..ingest.decode import decode_bytes

    ml = data / FOLDERS["ml-crisis-timelines"]
    n = 0
    for lang in ("es", "fr", "it"):
        for f in sorted((ml / lang).rglob("*.txt")):
            if "reference" in f.parts:
                continue
            if limit and n >= limit:
                break
            n += 1
            yield Item("ml-crisis-timelines", str(f.relative_to(data)), lang, decode_bytes(f.read_bytes())[0])
    n = 0
    for f in sorted((data / FOLDERS["bulgarian"]).glob("*.json")):
        for i, record in enumerate(json.loads(f.read_text(encoding="utf-8"))):
            if limit and n >= limit:
                break
            if isinstance(record, dict) and isinstance(record.get("text"), str) and record["text"].strip():
                n += 1
                yield Item("bulgarian", f"{f.relative_to(data)}#{i + 1}", "bg", record["text"])
    n = 0
    for f in sorted((data / FOLDERS["gdelt"]).glob("*.txt")):
        if limit and n >= limit:
            break
        n += 1
        yield Item("gdelt", str(f.relative_to(data)), "en", decode_bytes(f.read_bytes())[0])


_CLASSIFIER = {"used": "newstrace.clean.segments"}
_LEFT_MOJIBAKE = regex.compile(r"Ã[\u0080-\u00bf]|â€|Ð[\u0080-\u00bf]|Ñ[\u0080-\u00bf€]|Â[\u0080-\u00bf]")


def _document(item: Item, repaired: Repaired) -> Document:
    doc = Document(id=item.path, sha256="", path=item.path, text=repaired.text)
    try:
        segment_document(doc)
    except (FileNotFoundError, ValueError):  # the line classifier has no usable model here: every line is body
        _CLASSIFIER["used"] = "every non-empty line counted as body (the line classifier's model file is absent)"
        pos = 0
        for raw in doc.text.split("\n"):
            if raw.strip():
                doc.segments.append(Segment(pos, pos + len(raw), "body"))
            pos += len(raw) + 1
    return doc


def _check_map(repaired: Repaired, source: str, segments: list[Segment]) -> int:
    """Segments whose span does not map back exactly; raises when the whole map is broken."""
    if repaired.source_text() != source:
        raise AssertionError("the offset map does not rebuild the source text")
    bad = 0
    for seg in segments:
        s, e = repaired.to_source(seg.start, seg.end)
        inner = [x for x in repaired.edits if seg.start <= x.start and x.end <= seg.end]
        # Rebuild the stored span from the source span and the edits inside it.
        parts: list[str] = []
        pos = s
        for x in inner:
            if x.start == x.end and x.start in (seg.start, seg.end):
                continue  # a deletion at the very edge belongs to neither side
            parts.append(source[pos : x.source_start])
            parts.append(repaired.text[x.start : x.end])
            pos = x.source_end
        parts.append(source[pos:e])
        if "".join(parts) != repaired.text[seg.start : seg.end]:
            bad += 1
    return bad


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    return (text[max(0, start - width) : start] + "⟦" + text[start:end] + "⟧" + text[end : end + width]).replace(
        "\n", "⏎"
    )


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as cp1252 (latin-1 for the five bytes cp1252 leaves undefined)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def run_benchmark(data: Path, *, limit: int | None = None, sample_out: Path | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    rng = random.Random(SEED)
    docs_per: Counter[str] = Counter()
    fixes: dict[str, Counter[str]] = defaultdict(Counter)
    docs_with: dict[str, Counter[str]] = defaultdict(Counter)
    map_segments = 0
    map_bad = 0
    candidates: list[dict[str, Any]] = []
    doc_right: Counter[str] = Counter()
    doc_seen: Counter[str] = Counter()
    doc_confusion: dict[str, Counter[str]] = defaultdict(Counter)
    seg_total: Counter[str] = Counter()
    seg_right: Counter[str] = Counter()
    seg_base_right: Counter[str] = Counter()
    seg_und: Counter[str] = Counter()
    paragraphs: dict[str, list[str]] = defaultdict(list)  # body lines by language, for the mixed set
    junctions: list[tuple[str, str, str]] = []  # (corpus, line, next line) for the synthetic glue
    repair_seconds = 0.0
    moj_types: Counter[tuple[str, str]] = Counter()
    left: Counter[str] = Counter()
    for item in load_corpora(data, limit):
        t0 = time.perf_counter()
        repaired = repair_text(item.source)
        repair_seconds += time.perf_counter() - t0
        docs_per[item.corpus] += 1
        kinds_here: set[str] = set()
        for e in repaired.edits:
            for k in e.kind.split("+"):
                if k in {"glue", "mojibake"}:
                    fixes[item.corpus][k] += 1
                    kinds_here.add(k)
                    candidates.append(
                        {
                            "corpus": item.corpus,
                            "path": item.path,
                            "kind": k,
                            "source_start": e.source_start,
                            "before": _context(item.source, e.source_start, e.source_end),
                            "after": _context(repaired.text, e.start, e.end),
                        }
                    )
        for k in kinds_here:
            docs_with[item.corpus][k] += 1
        for e in repaired.edits:
            if "mojibake" in e.kind:
                moj_types[(e.source, repaired.text[e.start : e.end])] += 1
        left["replacement characters (U+FFFD) in the stored text"] += repaired.text.count("\ufffd")
        left["of them already in the source"] += item.source.count("\ufffd")
        left["mojibake-like pairs in the stored text"] += len(_LEFT_MOJIBAKE.findall(repaired.text))
        doc = _document(item, repaired)
        map_segments += len(doc.segments)
        map_bad += _check_map(repaired, item.source, doc.segments)
        doc.language = None  # measure detection from the text, not metadata
        assign_languages(doc)
        doc_seen[item.corpus] += 1
        if doc.language != item.gold:
            doc_confusion[item.corpus][f"{item.gold}->{doc.language or 'none'}"] += 1
        if doc.language == item.gold:
            doc_right[item.corpus] += 1
        body = doc.body_segments()
        for seg in body:
            seg_total[item.corpus] += 1
            seg_right[item.corpus] += seg.language == item.gold
            seg_und[item.corpus] += seg.language == "und"
            base, _ = detect_language(doc.text[seg.start : seg.end])
            seg_base_right[item.corpus] += base == item.gold
            line = doc.text[seg.start : seg.end]
            if len(line) >= 100:
                paragraphs[item.gold].append(line)
        lines = [ln.strip() for ln in item.source.replace("\r", "").split("\n") if ln.strip()]
        for a, b in zip(lines, lines[1:], strict=False):
            if len(a) >= 40 and len(b) >= 40 and a[-1] in ".!?" and b[0].isupper():
                junctions.append((item.corpus, a, b))
    # the 50 fixes first in the order of a hash of their address: a fix stays in the sample as long as it is made,
    # so a change that adds or removes a few fixes leaves the other judged ones in it
    sample = sorted(candidates, key=_sample_rank)[:50]
    if sample_out:
        sample_out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in sample), encoding="utf-8")
    precision = _sample_precision(sample)
    synthetic = _synthetic(rng, junctions, paragraphs)
    mixed = _mixed(rng, paragraphs)
    return {
        "date": date.today().isoformat(),
        "docs": dict(docs_per),
        "fixes": {k: dict(v) for k, v in fixes.items()},
        "docs_with": {k: dict(v) for k, v in docs_with.items()},
        "map_segments": map_segments,
        "map_bad": map_bad,
        "repair_seconds": repair_seconds,
        "candidates": len(candidates),
        "precision": precision,
        "synthetic": synthetic,
        "doc_right": dict(doc_right),
        "doc_seen": dict(doc_seen),
        "doc_confusion": {k: dict(v.most_common(8)) for k, v in doc_confusion.items()},
        "seg_total": dict(seg_total),
        "seg_right": dict(seg_right),
        "seg_base_right": dict(seg_base_right),
        "seg_und": dict(seg_und),
        "mixed": mixed,
        "classifier": _CLASSIFIER["used"],
        "mojibake_types": [(a, b, n) for (a, b), n in moj_types.most_common()],
        "left": dict(left),
        "seconds": time.perf_counter() - started,
    }


def _sample_rank(fix: dict[str, Any]) -> str:
    return hashlib.sha1(f"{fix['path']}|{fix['kind']}|{fix['source_start']}".encode()).hexdigest()


def _sample_precision(sample: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Right / judged for the sample, from the hand-checked labels (None when the labels are absent)."""
    if not SAMPLE_LABELS.is_file():
        return None
    labels = {(x["path"], x["kind"], x["source_start"]): bool(x["correct"]) for x in read_label_lines(SAMPLE_LABELS)}
    judged = [labels[k] for k in ((s["path"], s["kind"], s["source_start"]) for s in sample) if k in labels]
    by_kind: Counter[str] = Counter()
    right_kind: Counter[str] = Counter()
    for s in sample:
        key = (s["path"], s["kind"], s["source_start"])
        if key in labels:
            by_kind[s["kind"]] += 1
            right_kind[s["kind"]] += labels[key]
    return {
        "sampled": len(sample),
        "judged": len(judged),
        "right": sum(judged),
        "by_kind": {k: (right_kind[k], by_kind[k]) for k in by_kind},
    }


def _synthetic(
    rng: random.Random, junctions: list[tuple[str, str, str]], paragraphs: dict[str, list[str]]
) -> dict[str, Any]:
    """Recall of the glue repair on real adjacent lines glued together, and of the mojibake repair."""
    out: dict[str, Any] = {}
    by_corpus: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for corpus, a, b in junctions:
        by_corpus[corpus].append((a, b))
    glue: dict[str, tuple[int, int]] = {}
    for corpus, pairs in sorted(by_corpus.items()):
        chosen = rng.sample(pairs, min(300, len(pairs)))
        found = 0
        for a, b in chosen:
            a_fixed = repair_text(a).text
            b_fixed = repair_text(b).text
            fixed = repair_text(a + b).text
            found += fixed == a_fixed + "\n" + b_fixed
        glue[corpus] = (found, len(chosen))
    out["glue"] = glue
    moj: dict[str, tuple[int, int, int]] = {}
    for lang in ("es", "fr", "it", "bg"):
        pool = [p for p in paragraphs.get(lang, []) if any(ord(ch) > 127 for ch in p)]
        picked = rng.sample(pool, min(200, len(pool)))
        exact = sum(repair_text(_mojibake(p)).text == repair_text(p).text for p in picked)
        moj[lang] = (exact, len(picked), 0)
    pool = [p for p in paragraphs.get("bg", []) if all(ch in _CP1251_SAFE or ord(ch) < 128 or _cyr(ch) for ch in p)]
    picked = rng.sample(pool, min(200, len(pool)))
    exact = 0
    for p in picked:
        damaged = p.encode("cp1251").decode("cp1252", errors="replace")
        exact += repair_text(damaged).text == repair_text(p).text
    out["mojibake"] = moj
    out["cp1251"] = (exact, len(picked))
    return out


_CP1251_SAFE = set("«»„“”–—’‘…")


def _cyr(ch: str) -> bool:
    return "\u0410" <= ch <= "\u044f" or ch in "ЁёІіЇїЄєҐґ"


def _mixed(rng: random.Random, paragraphs: dict[str, list[str]], n_docs: int = 250) -> dict[str, Any]:
    """Paragraph-level language on documents that mix paragraphs of two languages."""
    langs = sorted(lang for lang, ps in paragraphs.items() if len(ps) >= 20)
    host_right = host_total = guest_right = guest_total = 0
    base_host = base_guest = 0
    doc_right = 0
    pairs: Counter[str] = Counter()
    for _ in range(n_docs):
        host, guest = rng.sample(langs, 2)
        pairs[f"{host}+{guest}"] += 1
        lines = [(p, host) for p in rng.sample(paragraphs[host], 4)]
        for p in rng.sample(paragraphs[guest], rng.choice([1, 2])):
            lines.insert(rng.randrange(1, len(lines) + 1), (p, guest))
        text = "\n".join(p for p, _ in lines)
        doc = Document(id="mixed", sha256="", path="mixed", text=text)
        pos = 0
        for p, _ in lines:
            doc.segments.append(Segment(pos, pos + len(p), "body"))
            pos += len(p) + 1
        assign_languages(doc)
        letters: Counter[str] = Counter()
        for p, lang in lines:
            letters[lang] += sum(1 for ch in p if ch.isalpha())
        doc_right += doc.language == letters.most_common(1)[0][0]
        for seg, (p, gold) in zip(doc.segments, lines, strict=True):
            base, _ = detect_language(p)
            if gold == host:
                host_total += 1
                host_right += seg.language == gold
                base_host += base == gold
            else:
                guest_total += 1
                guest_right += seg.language == gold
                base_guest += base == gold
    return {
        "docs": n_docs,
        "languages": langs,
        "doc_right": doc_right,
        "host": (host_right, host_total),
        "guest": (guest_right, guest_total),
        "base_host": (base_host, host_total),
        "base_guest": (base_guest, guest_total),
    }


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f}%" if b else "-"


def format_markdown(r: dict[str, Any]) -> str:
    corpora = ["ml-crisis-timelines", "bulgarian", "gdelt"]
    gold = {"ml-crisis-timelines": "es/fr/it (folder)", "bulgarian": "bg", "gdelt": "en"}
    out = [
        f"Date: {r.get('date') or date.today().isoformat()}. Machine: {MACHINE}. Data: ../shared/data/"
        + ", ../shared/data/".join(FOLDERS[c] for c in corpora)
        + f". Whole run {r['seconds']:.0f} s; the repair itself {r['repair_seconds']:.1f} s for "
        f"{sum(r['docs'].values())} articles.",
        "",
        "### Repairs found on the real corpora",
        "",
        "| corpus | articles | glue points (articles) | mojibake fixes (articles) |",
        "|---|---:|---:|---:|",
    ]
    for c in corpora:
        f = r["fixes"].get(c, {})
        d = r["docs_with"].get(c, {})
        out.append(
            f"| {c} | {r['docs'].get(c, 0)} | {f.get('glue', 0)} ({d.get('glue', 0)}) | "
            f"{f.get('mojibake', 0)} ({d.get('mojibake', 0)}) |"
        )
    types = r["mojibake_types"]
    if types:
        out += [
            "",
            f"The mojibake repairs are {len(types)} distinct replacements: "
            + ", ".join(f"{a!r} → {b!r} ({n})" for a, b, n in types[:12])
            + ". Left after repair: "
            + "; ".join(f"{k}: {v}" for k, v in r["left"].items())
            + ".",
        ]
    out += [
        "",
        f"Offset map: the source text rebuilt from stored text + edits is identical for every article; "
        f"{r['map_segments'] - r['map_bad']}/{r['map_segments']} segments map back exactly to their source span.",
        "",
    ]
    p = r["precision"]
    if p:
        kinds = ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(p["by_kind"].items()))
        out.append(
            f"Precision, read by hand: {p['right']}/{p['judged']} of a sample of {p['sampled']} fixes "
            f"(of {r['candidates']}; the first in the order of a hash of their address, so that a change leaves the "
            f"other judged fixes in it) are right ({kinds}); verdicts in benchmarks/labels/repairs-sample.jsonl. "
            "Since 2026-11-27 doubled capitals on both sides of a full stop are an abbreviation, not glue "
            "('EE.UU.', 'DD.HH.', 'NN.UU.'): 390 of the ml-crisis glue points before were these (Spanish), and a "
            "quotation mark after a space before the full stop is glue too ('the OSCE \".He', '« raison ».Des': 9 "
            "more). The sample drawn before (a seeded random choice, which any change to the set of fixes redraws) "
            "had 48/50 right, its two wrong ones 'EE.UU.'."
        )
    else:
        out.append("Precision: benchmarks/labels/repairs-sample.jsonl is absent (no hand-checked sample).")
    s = r["synthetic"]
    out += [
        "",
        "Synthetic recall (real text damaged on purpose):",
        "",
        "| damage | repaired exactly |",
        "|---|---:|",
    ]
    for c, (a, b) in s["glue"].items():
        out.append(f"| two adjacent real lines of {c} glued ('end.Next') | {_pct(a, b)} |")
    for lang, (a, b, _) in s["mojibake"].items():
        out.append(f"| {lang} paragraph, UTF-8 read as cp1252 | {_pct(a, b)} |")
    a, b = s["cp1251"]
    out.append(f"| bg paragraph, cp1251 read as cp1252 | {_pct(a, b)} |")
    out += [
        "",
        "### Language",
        "",
        "Per document (metadata ignored: the language is detected from the text) and per body segment "
        '(gold = the document\'s corpus language; quotes in other languages and tags like "[en]" count as '
        "errors, so this is an approximation). Baseline: the detector alone on each segment. Body lines from: "
        + r["classifier"]
        + ".",
        "",
        "| corpus | gold | documents right | body segments right | baseline (detector alone) | segments und |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for c in corpora:
        out.append(
            f"| {c} | {gold[c]} | {_pct(r['doc_right'].get(c, 0), r['doc_seen'].get(c, 0))} | "
            f"{_pct(r['seg_right'].get(c, 0), r['seg_total'].get(c, 0))} | "
            f"{_pct(r['seg_base_right'].get(c, 0), r['seg_total'].get(c, 0))} | {r['seg_und'].get(c, 0)} |"
        )
    wrong = {c: r["doc_confusion"].get(c, {}) for c in corpora}
    out.append("")
    out.append(
        "Documents given another language (gold->detected: count): "
        + "; ".join(f"{c}: " + (", ".join(f"{k} {v}" for k, v in w.items()) or "none") for c, w in wrong.items())
    )
    m = r["mixed"]
    out += [
        "",
        f"Mixed-language documents: {m['docs']} built from body lines of at least 100 characters of the corpora "
        f"above ({', '.join(m['languages'])}): 4 lines of one article's language (host) with 1 or 2 lines of "
        "another language inserted (guest). Gold per line is the language of the article it came from.",
        "",
        "| lines | right | baseline (detector alone) |",
        "|---|---:|---:|",
        f"| host-language lines | {_pct(*m['host'])} | {_pct(*m['base_host'])} |",
        f"| inserted other-language lines | {_pct(*m['guest'])} | {_pct(*m['base_guest'])} |",
        "",
        f"Document language = the language with the most letters in the document: {_pct(m['doc_right'], m['docs'])}.",
    ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="the shared data folder (default: ../shared/data)")
    ap.add_argument("--limit", type=int, help="at most N articles per corpus")
    ap.add_argument("--record", help=f"Markdown file whose '{TITLE}' section gets the result")
    ap.add_argument("--sample-out", help="write the random sample of 50 fixes here (JSON Lines) to judge by hand")
    args = ap.parse_args(argv)
    data = Path(args.data) if args.data else shared_data()
    if data is None or not all((data / f).is_dir() for f in FOLDERS.values()):
        raise NewstraceError(
            "the corpora ../shared/data/{" + ", ".join(FOLDERS.values()) + "} are absent; pass --data FOLDER"
        )
    result = run_benchmark(data, limit=args.limit, sample_out=Path(args.sample_out) if args.sample_out else None)
    md = format_markdown(result)
    print(md)
    if args.record:
        record_section(args.record, TITLE, md, command=COMMAND)


if __name__ == "__main__":
    main()
