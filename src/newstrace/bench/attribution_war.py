"""Quote attribution on hand-labelled passages of the war corpora (issue 5).

Gold: every ``*.jsonl`` file in ``benchmarks/labels/attribution/`` (one per corpus), one passage a line, given
by a pointer into ``../shared/data`` (corpus, path, record, field, sha256 of the text source, start and end of
the passage; the text itself is not copied into the repository) with every attribution in it labelled by
reading: content, kind, cue, source, resolved speaker, chain of cited outlets, hedges, denial. See
``benchmarks/labels/README-attribution.md``. Each passage has a deterministic split (``test`` when
``int(id[:8], 16) % 10 < 3``, else ``train``); the test split is never used for tuning.

Each labelled article (the whole text source, not only the passage, so that segmentation and pronoun
resolution see the real context) is repaired as ingest does (:func:`newstrace.clean.repair.repair_text`) and
goes through newstrace's real stages: ``clean.segments``, ``clean.language``, ``extract.nlp``,
``extract.entities``, then :func:`newstrace.extract.quotes.extract_quotes` (with the speakers as written) and
``extract.claims``. Predicted spans are mapped back to the source text with ``Repaired.to_source``; a predicted
quote belongs to a passage when its content overlaps the passage. Scores, per language and overall:

- content span P/R/F1, **exact** (same characters once whitespace, quotation marks, dashes, final punctuation
  and a leading "that" are stripped from both sides) and **overlap** (at least one shared word character,
  PolNeAR's partial match), over distinct spans, matched one to one;
- cue and source (as written) overlap F1, same matching;
- on the attributions whose content is overlap-matched (one to one, by the largest overlap): direct-vs-indirect
  kind accuracy; speaker precision (of the matched predictions with a speaker whose gold ``speaker`` is given, i.e.
  the passage says who spoke, the share whose speaker words or speaker entity name equals, case- and
  space-folded, the gold ``speaker`` or the gold source text, or one contains the other as whole words);
- cited-outlet accuracy: of the gold chain outlets, the share found as the cited outlet of a predicted quote
  overlapping that attribution's content, or as a non-``said`` link of a claim overlapping it (by offsets, or
  by folded name);
- hedge recall: of the gold hedges, the share for which a claim overlapping the hedge carries the hedge label
  whose pattern matches the hedge's words;
- negatives: of the passages with no gold attribution, the share with at least one predicted quote
  (false-positive rate).

    newstrace bench attribution-war --split train|test|all [--record docs/benchmarks.md]
    python -m newstrace.bench.attribution_war check        # validate the label files
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .attribution import span_key
from .pipeline import _machine, record_section, shared_data

__all__ = [
    "LABELS_DIR",
    "LINKS",
    "Passage",
    "address",
    "passage_id",
    "split_of",
    "load_labels",
    "load_source",
    "resolve_texts",
    "check_item",
    "check_labels",
    "Predicted",
    "score",
    "run_attribution_war_benchmark",
    "format_attribution_war_markdown",
    "main",
]

LABELS_DIR = Path(__file__).resolve().parents[3] / "benchmarks" / "labels" / "attribution"
SECTION = "Attribution on the war corpora (issue 5)"
COMMAND = "newstrace bench attribution-war --split test --record docs/benchmarks.md"
LINKS = ("quoted_to", "reported_by", "according_to", "posted_on", "read_document", "released_audio")
LANGS = ("en", "bg", "es", "fr", "it")
KINDS = ("direct", "indirect")
_KEYS = ("id", "corpus", "path", "record", "field", "sha256", "start", "end", "lang", "translated", "split",
         "attributions")
_ATT_KEYS = ("content", "kind", "cue", "source", "speaker", "chain", "hedges", "denial")
_QUOTE_CHARS = "\"“”„«»‘’'‚‹›"
_STRIP = " \t\r\n\"“”„«»‘’'‚‹›.,;:!?—–-"

Span = tuple[int, int]


def address(corpus: str, path: str, record: int | str | None, field_name: str, start: int, end: int) -> str:
    """The address hashed into a passage id: ``corpus/path#record/field:start-end`` (record empty when null)."""
    rec = "" if record is None else str(record)
    return f"{corpus}/{path}#{rec}/{field_name}:{start}-{end}"


def passage_id(corpus: str, path: str, record: int | str | None, field_name: str, start: int, end: int) -> str:
    return hashlib.sha256(address(corpus, path, record, field_name, start, end).encode("utf-8")).hexdigest()[:12]


def split_of(pid: str) -> str:
    return "test" if int(pid[:8], 16) % 10 < 3 else "train"


@dataclass(slots=True)
class Passage:
    id: str
    corpus: str
    path: str
    record: int | None
    field: str
    sha256: str
    start: int
    end: int
    lang: str
    translated: bool
    split: str
    attributions: list[dict[str, Any]]
    note: str | None = None
    text: str | None = None  # the passage, filled by resolve_texts
    source_text: str | None = None  # the whole text source
    file: str = ""  # the label file it came from


def load_labels(folder: str | Path | None = None) -> list[Passage]:
    """Every passage of every ``*.jsonl`` file in the label folder, in file and line order."""
    d = Path(folder) if folder else LABELS_DIR
    out = []
    for f in sorted(d.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                obj = {k: v for k, v in obj.items() if k in Passage.__dataclass_fields__ and k not in ("text", "file")}
                out.append(Passage(**obj, file=f.name))
    return out


_JSON_CACHE: dict[Path, Any] = {}


def load_source(data: Path, corpus: str, path: str, record: int | None, field_name: str) -> str | None:
    """The text source a passage points into: a file's text, or a string field of a record of a JSON list."""
    f = data / corpus / path
    if not f.is_file():
        return None
    if record is None:
        return f.read_text(encoding="utf-8")
    if f not in _JSON_CACHE:
        _JSON_CACHE[f] = json.loads(f.read_text(encoding="utf-8"))
    recs = _JSON_CACHE[f]
    try:
        val = recs[record][field_name]
    except (IndexError, KeyError, TypeError):
        return None
    return val if isinstance(val, str) else None


def resolve_texts(items: list[Passage], data: Path | None = None) -> tuple[list[Passage], int]:
    """Fill ``text`` and ``source_text``; returns the kept items and how many were dropped (missing or changed)."""
    data = data or shared_data()
    if data is None:
        raise FileNotFoundError("../shared/data is absent")
    cache: dict[tuple[str, str, int | None, str], str | None] = {}
    digests: dict[tuple[str, str, int | None, str], str] = {}
    out = []
    for it in items:
        key = (it.corpus, it.path, it.record, it.field)
        if key not in cache:
            src = load_source(data, *key)
            cache[key] = src
            if src is not None:
                digests[key] = hashlib.sha256(src.encode("utf-8")).hexdigest()
        src = cache[key]
        if src is None or digests[key] != it.sha256 or not (0 <= it.start < it.end <= len(src)):
            continue
        it.source_text = src
        it.text = src[it.start:it.end]
        out.append(it)
    return out, len(items) - len(out)


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _span_ok(v: Any, n: int) -> bool:
    return (isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in v)
            and 0 <= v[0] < v[1] <= n)


def _tight(text: str, s: int, e: int) -> bool:
    return not text[s].isspace() and not text[e - 1].isspace()


def check_item(d: dict[str, Any], source: str | None) -> list[str]:
    """Problems with one label line (``source`` is its text source, or None when it could not be read)."""
    probs: list[str] = []
    missing = [k for k in _KEYS if k not in d]
    if missing:
        return [f"missing keys {missing}"]
    extra = set(d) - set(_KEYS) - {"note"}
    if extra:
        probs.append(f"unknown keys {sorted(extra)}")
    pid = passage_id(d["corpus"], d["path"], d["record"], d["field"], d["start"], d["end"])
    if d["id"] != pid:
        probs.append(f"id {d['id']} is not sha256(address)[:12] = {pid}")
    if d["split"] != split_of(str(d["id"])):
        probs.append(f"split {d['split']} does not follow the id ({split_of(str(d['id']))})")
    if d["lang"] not in LANGS:
        probs.append(f"lang {d['lang']!r}")
    if not isinstance(d["translated"], bool):
        probs.append("translated is not a boolean")
    if d["record"] is not None and (not isinstance(d["record"], int) or isinstance(d["record"], bool)):
        probs.append("record is neither null nor an integer")
    if source is None:
        probs.append("text source missing or unreadable")
        return probs
    if hashlib.sha256(source.encode("utf-8")).hexdigest() != d["sha256"]:
        probs.append("sha256 does not match the text source")
        return probs
    if not (isinstance(d["start"], int) and isinstance(d["end"], int) and 0 <= d["start"] < d["end"] <= len(source)):
        probs.append(f"passage {d['start']}-{d['end']} outside the text source ({len(source)} chars)")
        return probs
    text = source[d["start"]:d["end"]]
    n = len(text)
    if not text.strip():
        probs.append("empty passage")
    if not isinstance(d["attributions"], list):
        return probs + ["attributions is not a list"]
    seen: set[tuple[Any, ...]] = set()
    for k, a in enumerate(d["attributions"]):
        w = f"attribution {k}"
        if not isinstance(a, dict):
            probs.append(f"{w}: not an object")
            continue
        for key in _ATT_KEYS:
            if key not in a:
                probs.append(f"{w}: missing {key}")
        if set(a) - set(_ATT_KEYS):
            probs.append(f"{w}: unknown keys {sorted(set(a) - set(_ATT_KEYS))}")
        c: Any = a.get("content")
        if not _span_ok(c, n):
            probs.append(f"{w}: content {c} is not a span inside the passage ({n} chars)")
        else:
            ct = text[c[0]:c[1]]
            if not any(ch.isalnum() for ch in ct):
                probs.append(f"{w}: content {ct!r} has no word")
            elif not _tight(text, c[0], c[1]):
                probs.append(f"{w}: content {ct!r} starts or ends with whitespace")
            elif (ct[0] in _QUOTE_CHARS or ct[-1] in _QUOTE_CHARS) and sum(ch in _QUOTE_CHARS for ch in ct) % 2:
                probs.append(f"{w}: content {ct!r} includes an unbalanced quotation mark at an end")
        if a.get("kind") not in KINDS:
            probs.append(f"{w}: kind {a.get('kind')!r}")
        for key in ("cue", "source"):
            v = a.get(key)
            if v is not None:
                if not _span_ok(v, n):
                    probs.append(f"{w}: {key} {v} is not null or a span inside the passage")
                elif not _tight(text, v[0], v[1]) or not any(ch.isalnum() for ch in text[v[0]:v[1]]):
                    probs.append(f"{w}: {key} {text[v[0]:v[1]]!r} is not a tight span with a word")
        sp = a.get("speaker")
        if sp is not None and (not isinstance(sp, str) or not sp.strip()):
            probs.append(f"{w}: speaker is neither null nor a name")
        ch = a.get("chain")
        if not isinstance(ch, list):
            probs.append(f"{w}: chain is not a list")
        else:
            for link in ch:
                if not isinstance(link, dict) or set(link) != {"outlet", "link"}:
                    probs.append(f"{w}: chain link {link!r} is not {{outlet, link}}")
                    continue
                if link["link"] not in LINKS:
                    probs.append(f"{w}: chain link type {link['link']!r}")
                if not _span_ok(link["outlet"], n) or not _tight(text, *link["outlet"]):
                    probs.append(f"{w}: chain outlet {link['outlet']} is not a tight span inside the passage")
        hs = a.get("hedges")
        if not isinstance(hs, list):
            probs.append(f"{w}: hedges is not a list")
        else:
            for h in hs:
                if not _span_ok(h, n) or not _tight(text, *h):
                    probs.append(f"{w}: hedge {h} is not a tight span inside the passage")
        if not isinstance(a.get("denial"), bool):
            probs.append(f"{w}: denial is not a boolean")
        key_t = (tuple(a["source"]) if isinstance(a.get("source"), list) else None,
                 tuple(c) if isinstance(c, list) else None)
        if key_t in seen:
            probs.append(f"{w}: a second attribution with the same source and content")
        seen.add(key_t)
    return probs


def check_labels(folder: str | Path | None = None, data: Path | None = None) -> dict[str, Any]:
    """Validate every label file; returns per-file counts and the problems found (``file:line: problem``)."""
    d = Path(folder) if folder else LABELS_DIR
    data = data or shared_data()
    problems: list[str] = []
    files: dict[str, dict[str, int]] = {}
    ids: dict[str, str] = {}
    sources: dict[tuple[str, str, Any, str], str | None] = {}
    for f in sorted(d.glob("*.jsonl")):
        counts: Counter[str] = Counter()
        for ln, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{f.name}:{ln}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc})")
                continue
            if not isinstance(obj, dict):
                problems.append(f"{where}: not an object")
                continue
            counts["passages"] += 1
            if isinstance(obj.get("attributions"), list):
                counts["attributions"] += len(obj["attributions"])
            if obj.get("corpus") and f.stem != obj["corpus"]:
                problems.append(f"{where}: corpus {obj['corpus']!r} in file {f.name}")
            if obj.get("id") in ids:
                problems.append(f"{where}: duplicate id {obj['id']} (also {ids[obj['id']]})")
            ids.setdefault(str(obj.get("id")), where)
            src: str | None = None
            if data is not None and all(k in obj for k in ("corpus", "path", "record", "field")):
                key = (obj["corpus"], obj["path"], obj["record"], obj["field"])
                if key not in sources:
                    try:
                        sources[key] = load_source(data, *key)
                    except (OSError, ValueError):
                        sources[key] = None
                src = sources[key]
            for p in check_item(obj, src):
                problems.append(f"{where}: {p}")
        files[f.name] = dict(counts)
    return {"files": files, "problems": problems, "data": str(data) if data else None}


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Predicted:
    """One newstrace quote, in passage coordinates."""

    content: Span
    kind: str
    cue: Span | None = None
    source: Span | None = None  # as written
    speaker: str | None = None  # speaker words as stored by newstrace
    speaker_name: str | None = None  # the speaker entity's canonical name
    cited_outlet: str | None = None


@dataclass(slots=True)
class ClaimInfo:
    """One newstrace claim, in passage coordinates (possibly reaching outside the passage)."""

    span: Span
    hedges: list[str] = field(default_factory=list)
    links: list[tuple[str, str, Span | None]] = field(default_factory=list)  # (kind, source words, span)


def _fold(s: str | None) -> str:
    if not s:
        return ""
    s = s.lower().replace("’", "'")
    s = re.sub(r"[^\w' ]+", " ", s)
    s = re.sub(r"^(?:the|a|an) ", "", re.sub(r"\s+", " ", s).strip())
    return re.sub(r"^(?:mr|mrs|ms|miss|dr|sir) ", "", s)


def names_match(a: str | None, b: str | None) -> bool:
    """Equal after folding, or one contains the other as whole words."""
    fa, fb = _fold(a), _fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    short, long_ = (fa, fb) if len(fa) < len(fb) else (fb, fa)
    return re.search(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long_) is not None


def _key(text: str, s: Span) -> Span:
    """A span with marks (those of every language here), whitespace, final punctuation and "that " stripped."""
    return span_key(text, [s], strip=_STRIP)


def _shared(text: str, a: Span, b: Span) -> int:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return sum(1 for ch in text[lo:hi] if ch.isalnum()) if lo < hi else 0


def _distinct(text: str, spans: list[Span | None]) -> list[Span]:
    seen: dict[Span, Span] = {}
    for s in spans:
        if s is None:
            continue
        k = _key(text, s)
        if k[0] < k[1]:
            seen.setdefault(k, s)
    return list(seen.values())


def _pairs(text: str, gold: list[Span], pred: list[Span]) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) index pairs sharing at least one word character.

    Greedy by the overlap's share of the two spans' union (then by the overlap), so that a partial quote
    predicted alone pairs with the gold partial quote rather than with the reported speech around it.
    """
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            o = _shared(text, g, p)
            if o:
                union = _shared(text, (min(g[0], p[0]), max(g[1], p[1])), (min(g[0], p[0]), max(g[1], p[1])))
                cands.append((-o / max(union, 1), -o, i, j))
    cands.sort()
    ug: set[int] = set()
    up: set[int] = set()
    out = []
    for _, _, i, j in cands:
        if i not in ug and j not in up:
            ug.add(i)
            up.add(j)
            out.append((i, j))
    return out


def _span_counts(text: str, gold: list[Span | None], pred: list[Span | None]) -> dict[str, int]:
    g = _distinct(text, gold)
    p = _distinct(text, pred)
    gk = {_key(text, s) for s in g}
    pk = {_key(text, s) for s in p}
    return {"gold": len(g), "pred": len(p), "exact": len(gk & pk), "overlap": len(_pairs(text, g, p))}


def _hedge_labels(words: str, lang: str = "en") -> set[str]:
    """The claim hedge labels a gold hedge's words carry (English patterns, plus the passage language's)."""
    from ..extract.claims import _HEDGE_RES
    from ..extract.quotes_lang import hedges_lang

    labels = {label for label, _, rx in _HEDGE_RES if rx.search(words)}
    return labels | {label for _, _, label in hedges_lang(words, lang)}


def score_passage(p: Passage, preds: list[Predicted], claims: list[ClaimInfo]) -> tuple[Counter[str], list[str]]:
    """Counts and error lines for one passage (spans relative to the passage)."""
    from ..extract.quotes_lang import lang_outlet

    text = p.text or ""
    gold = p.attributions
    c: Counter[str] = Counter()
    errs: list[str] = []
    g_content: list[Span | None] = [tuple(a["content"]) for a in gold]  # type: ignore[misc]
    p_content: list[Span | None] = [q.content for q in preds]
    for role, gs, ps in (
        ("content", g_content, p_content),
        ("cue", [tuple(a["cue"]) if a["cue"] else None for a in gold], [q.cue for q in preds]),
        ("source", [tuple(a["source"]) if a["source"] else None for a in gold], [q.source for q in preds]),
    ):
        for k, v in _span_counts(text, gs, ps).items():  # type: ignore[arg-type]
            c[f"{role}_{k}"] += v
    c["gold"] += len(gold)
    c["pred"] += len(preds)
    if not gold:
        c["negatives"] += 1
        c["negatives_fp"] += bool(preds)
        c["negatives_spurious"] += len(preds)
    pairs = _pairs(text, [tuple(a["content"]) for a in gold], [q.content for q in preds])  # type: ignore[misc]
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    for i, a in enumerate(gold):
        s, e = a["content"]
        if i not in matched_g:
            errs.append(f"missed|{a['kind']}|{p.id}: {text[s:e][:160]!r}")
    for j, q in enumerate(preds):
        if j not in matched_p:
            errs.append(f"spurious|{q.kind}|{p.id}: {text[q.content[0]:q.content[1]][:160]!r}")
    for i, j in pairs:
        a, q = gold[i], preds[j]
        c["matched"] += 1
        gs, ge = a["content"]
        gtext = text[gs:ge]
        ok_kind = a["kind"] == q.kind
        c["kind_ok"] += ok_kind
        if not ok_kind:
            errs.append(f"kind|gold {a['kind']}, got {q.kind}|{p.id}: {gtext[:120]!r}")
        if _key(text, tuple(a["content"])) != _key(text, q.content):  # type: ignore[arg-type]
            errs.append(f"boundary|{a['kind']}|{p.id}: gold {gtext[:120]!r} got "
                        f"{text[q.content[0]:q.content[1]][:120]!r}")
        gsrc = text[a["source"][0]:a["source"][1]] if a["source"] else None
        if (q.speaker or q.speaker_name) and a["speaker"]:
            # judged only where the passage says who spoke (gold speaker); a pronoun or "the minister" whose
            # referent is outside the passage cannot be judged
            c["speaker_judged"] += 1
            ok = any(names_match(x, y) for x in (q.speaker, q.speaker_name) for y in (a["speaker"], gsrc))
            c["speaker_ok"] += ok
            if not ok:
                errs.append(f"speaker|gold {a['speaker'] or gsrc!r}, got {q.speaker!r} ({q.speaker_name!r})|{p.id}: "
                            f"{gtext[:100]!r}")
        elif not (q.speaker or q.speaker_name) and (a["source"] or a["speaker"]):
            errs.append(f"no speaker|gold {a['speaker'] or gsrc!r}|{p.id}: {gtext[:100]!r}")
    # cited outlets and hedges: over all gold attributions (found or not)
    for a in gold:
        cs, ce = a["content"]
        over_q = [q for q in preds if _shared(text, (cs, ce), q.content)]
        over_c = [cl for cl in claims if _shared(text, (cs, ce), cl.span)]
        for link in a["chain"]:
            os_, oe = link["outlet"]
            words = text[os_:oe]
            c["outlets"] += 1
            c[f"outlets_{link['link']}"] += 1
            canonical = lang_outlet(words)  # "Ройтерс" -> "Reuters"
            found = any(names_match(q.cited_outlet, words) or names_match(q.cited_outlet, canonical) for q in over_q)
            found = found or any(
                kind not in ("said", "published")
                and ((sp is not None and _shared(text, sp, (os_, oe))) or names_match(src, words))
                for cl in over_c for kind, src, sp in cl.links
            )
            c["outlets_found"] += found
            c[f"outlets_{link['link']}_found"] += found
            if not found:
                errs.append(f"outlet|{link['link']}|{p.id}: {words!r} for {text[cs:ce][:100]!r}")
        for hs, he in a["hedges"]:
            words = text[hs:he]
            c["hedges"] += 1
            labels = _hedge_labels(words, p.lang)
            found = any(_shared(text, (hs, he), cl.span) and labels & set(cl.hedges) for cl in claims)
            c["hedges_found"] += found
            if not found:
                errs.append(f"hedge|{words}|{p.id}: {text[max(0, hs - 60):he + 60]!r}")
    return c, errs


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"p": 100 * p, "r": 100 * r, "f1": 100 * (2 * p * r / (p + r) if p + r else 0.0)}


def _pct(a: int, b: int) -> float:
    return 100 * a / b if b else float("nan")


def summarise(c: Counter[str], passages: int) -> dict[str, Any]:
    out: dict[str, Any] = {"passages": passages, "gold": c["gold"], "pred": c["pred"], "matched": c["matched"]}
    for role in ("content", "cue", "source"):
        for how in ("exact", "overlap"):
            out[f"{role}_{how}"] = _prf(c[f"{role}_{how}"], c[f"{role}_pred"], c[f"{role}_gold"])
    out["kind_acc"] = _pct(c["kind_ok"], c["matched"])
    out["speaker_prec"] = _pct(c["speaker_ok"], c["speaker_judged"])
    out["speaker_judged"] = c["speaker_judged"]
    out["outlets"] = c["outlets"]
    out["outlet_acc"] = _pct(c["outlets_found"], c["outlets"])
    out["outlet_by_link"] = {k: (c[f"outlets_{k}_found"], c[f"outlets_{k}"]) for k in LINKS if c[f"outlets_{k}"]}
    out["hedges"] = c["hedges"]
    out["hedge_recall"] = _pct(c["hedges_found"], c["hedges"])
    out["negatives"] = c["negatives"]
    out["negatives_fp"] = c["negatives_fp"]
    out["negative_fp_rate"] = _pct(c["negatives_fp"], c["negatives"])
    return out


def score(items: list[Passage], preds: dict[str, list[Predicted]],
          claims: dict[str, list[ClaimInfo]]) -> dict[str, Any]:
    """Scores overall and per language; ``preds``/``claims`` by passage id (missing = none)."""
    total: Counter[str] = Counter()
    by_lang: dict[str, Counter[str]] = {}
    n_lang: Counter[str] = Counter()
    errors: list[str] = []
    mixed = {it.lang for it in items if it.translated} & {it.lang for it in items if not it.translated}
    for it in items:
        c, errs = score_passage(it, preds.get(it.id, []), claims.get(it.id, []))
        total.update(c)
        groups = [it.lang]
        if it.lang in mixed:  # a language with both original and machine-translated passages: both rows too
            groups.append(f"{it.lang}, {'translated' if it.translated else 'original'}")
        for g in groups:
            by_lang.setdefault(g, Counter()).update(c)
            n_lang[g] += 1
        errors += errs
    return {
        "all": summarise(total, len(items)),
        "by_lang": {lang: summarise(by_lang[lang], n_lang[lang]) for lang in sorted(by_lang)},
        "errors": errors,
    }


# ---------------------------------------------------------------------------
# Running newstrace
# ---------------------------------------------------------------------------


def _predict(items: list[Passage]) -> tuple[dict[str, list[Predicted]], dict[str, list[ClaimInfo]]]:
    """Run the real stages once per text source and cut the predictions to each passage."""
    from ..clean.repair import repair_text
    from ..extract.quotes import extract_quotes
    from ..extract.quotes_lang import LANGS, extract_quotes_lang
    from ..pipeline import Pipeline, get_stage
    from ..record import Document

    groups: dict[tuple[str, str, int | None, str], list[Passage]] = {}
    for it in items:
        groups.setdefault((it.corpus, it.path, it.record, it.field), []).append(it)
    front = Pipeline.from_names(["clean.segments", "clean.language", "extract.nlp", "extract.entities"])
    claims_stage = get_stage("extract.claims").factory()
    keys = list(groups)
    repaired = {k: repair_text(groups[k][0].source_text or "") for k in keys}
    docs = []
    for k in keys:
        did = hashlib.sha256(address(*k, 0, 0).encode("utf-8")).hexdigest()[:16]
        docs.append(Document(id=did, sha256="", path=f"{k[0]}/{k[1]}", text=repaired[k].text))
    preds: dict[str, list[Predicted]] = {}
    claims: dict[str, list[ClaimInfo]] = {}
    for k, doc in zip(keys, front.pipe(docs, batch_size=8), strict=True):
        rep = repaired[k]
        written: list[Span | None] = []
        if (doc.language or "")[:2] in LANGS:  # as the quotes stage routes it
            doc.quotes = extract_quotes_lang(doc, written=written)
        else:
            doc.quotes = extract_quotes(doc.analysis, doc, written=written) if doc.analysis is not None else []
        doc.done.append("extract.quotes")
        claims_stage(doc)
        doc.analysis = None

        def src(s: int | None, e: int | None, _rep: Any = rep) -> Span | None:
            if s is None or e is None or e <= s:
                return None
            return _rep.to_source(s, e)  # type: ignore[no-any-return]

        for it in groups[k]:
            off = it.start

            def rel(span: Span | None, _off: int = off, _n: int = it.end - it.start) -> Span | None:
                if span is None:
                    return None
                a, b = max(span[0] - _off, 0), min(span[1] - _off, _n)
                return (a, b) if a < b else None

            out = []
            for q, w in zip(doc.quotes, written or [None] * len(doc.quotes), strict=True):
                content = rel(src(q.start, q.end))
                if content is None:
                    continue
                ws = w if w is not None else ((q.speaker_start, q.speaker_end) if q.speaker_start is not None else None)
                ent = doc.entities.get(q.speaker_entity) if q.speaker_entity else None
                out.append(Predicted(
                    content=content, kind=q.kind, cue=rel(src(q.cue_start, q.cue_end)),
                    source=rel(src(*ws)) if ws else None, speaker=q.speaker,
                    speaker_name=ent.name if ent is not None else None, cited_outlet=q.cited_outlet,
                ))
            preds[it.id] = out
            cl_out = []
            for cl in doc.claims:
                span = rel(src(cl.start, cl.end))
                if span is None:
                    continue
                links = [(lk.kind, lk.source, rel(src(lk.start, lk.end))) for lk in cl.attribution]
                cl_out.append(ClaimInfo(span=span, hedges=list(cl.hedges), links=links))
            claims[it.id] = cl_out
    return preds, claims


def run_attribution_war_benchmark(split: str = "train", *, labels: str | Path | None = None,
                                  data: Path | None = None) -> dict[str, Any]:
    from ..extract.nlp import model_name

    t0 = time.perf_counter()
    items = load_labels(labels)
    total = len(items)
    if split != "all":
        items = [it for it in items if it.split == split]
    items, dropped = resolve_texts(items, data)
    preds, claims = _predict(items)
    res = score(items, preds, claims)
    res.update({
        "date": time.strftime("%Y-%m-%d"),
        "machine": _machine(),
        "model": model_name(),
        "split": split,
        "labelled": total,
        "dropped": dropped,
        "corpora": dict(Counter(it.corpus for it in items)),
        "seconds": time.perf_counter() - t0,
    })
    return res


def _f(x: float) -> str:
    return "-" if x != x else f"{x:.1f}"  # nan


def _row(name: str, s: dict[str, Any]) -> str:
    ce, co = s["content_exact"], s["content_overlap"]
    return (
        f"| {name} | {s['passages']} | {s['gold']} / {s['pred']} | {ce['p']:.1f} / {ce['r']:.1f} / {ce['f1']:.1f} | "
        f"{co['p']:.1f} / {co['r']:.1f} / {co['f1']:.1f} | {s['cue_overlap']['f1']:.1f} | "
        f"{s['source_overlap']['f1']:.1f} | {_f(s['kind_acc'])} | {_f(s['speaker_prec'])} ({s['speaker_judged']}) | "
        f"{_f(s['outlet_acc'])} ({s['outlets']}) | {_f(s['hedge_recall'])} ({s['hedges']}) | "
        f"{_f(s['negative_fp_rate'])} ({s['negatives_fp']}/{s['negatives']}) |"
    )


TABLE_HEAD = (
    "| data | passages | gold / predicted | content exact P / R / F1 | content overlap P / R / F1 | cue F1 (overlap) "
    "| source F1 (overlap) | kind acc | speaker prec (n) | cited-outlet acc (n) | hedge recall (n) "
    "| negatives FP % (n) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def table_rows(r: dict[str, Any], label: str) -> list[str]:
    rows = [_row(f"{label}, all", r["all"])]
    for lang, s in r["by_lang"].items():
        rows.append(_row(f"{label}, {lang}", s))
    return rows


def format_attribution_war_markdown(results: list[dict[str, Any]], *, examples: int = 0) -> str:
    r0 = results[0]
    corpora = ", ".join(f"`{c}` {n}" for c, n in sorted(r0["corpora"].items()))
    lines = [
        f"Date: {r0['date']}. Machine: {r0['machine']}, no GPU. spaCy model: `{r0['model']}`. Data: "
        f"`benchmarks/labels/attribution/*.jsonl` ({r0['labelled']} hand-labelled real passages, pointers into "
        "`../shared/data`; see `benchmarks/labels/README-attribution.md`); passages scored here by corpus: "
        f"{corpora}. Dropped (source missing or changed): {r0['dropped']}.",
        "",
        "Each labelled article goes whole through repair, `clean.segments`, `clean.language`, `extract.nlp`, "
        "`extract.entities`, `extract_quotes` and `extract.claims`; predictions are mapped back to source offsets "
        "and cut to the passage. Content P/R/F1 over distinct spans matched one to one, *exact* (after stripping "
        "marks, dashes, whitespace, final punctuation and a leading \"that\") and *overlap* (a shared word "
        "character); cue and source (as written) overlap F1 likewise. Kind accuracy and speaker precision (speaker "
        "words or entity name equal to the gold speaker or source text, folded, or containing it as whole words) "
        "are over the overlap-matched attributions; cited-outlet accuracy is the share of gold chain outlets found "
        "as a matched quote's `cited_outlet` or a claim's chain link; hedge recall the share of gold hedges found "
        "as a claim hedge label; negatives FP % is the share of passages without any gold attribution where "
        "newstrace predicts a quote.",
        "",
        TABLE_HEAD,
    ]
    for r in results:
        lines += table_rows(r, r["split"])
    for r in results:
        by_link = ", ".join(f"{k} {a}/{b}" for k, (a, b) in r["all"]["outlet_by_link"].items())
        lines.append("")
        lines.append(f"Cited outlets found by link type ({r['split']}): {by_link or 'none labelled'}. "
                     f"Run time ({r['split']}): {r['seconds']:.0f} s.")
    if examples:
        kinds = Counter(e.split("|", 1)[0] for e in r0["errors"])
        lines += ["", "Errors by class: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common())]
        shown: Counter[str] = Counter()
        for e in r0["errors"]:
            k = e.split("|", 1)[0]
            if shown[k] < examples:
                shown[k] += 1
                lines.append(f"- {e[:320]}")
    return "\n".join(lines)


_TEST_NOTE = (
    "Train is the development split (error analysis for the extractor work was done on train only). The test "
    "split was scored at each of these points: when the set was built, before the extractor work (content overlap F1: all "
    "69.5, bg 48.9, en 79.2, es 54.5, fr 50.0, it 75.0; cited-outlet accuracy 10.5; negatives with a false quote "
    "9/16); after the learned English cue lexicon, `extract/quotes_lang.py` for bg/es/fr/it and claims' chains "
    "and hedges in those languages (content overlap F1: all 77.9, en 80.8; speaker precision 86.5; negatives "
    "9/16); after the learned candidate classifier and the direct-quote speaker rules tuned on PolNeAR train "
    "(content overlap F1: all 79.3, en 83.1; speaker precision 89.2; negatives 8/16; war-corpus train was checked "
    "for drops, test was not looked at in between); and for the table above, after the speaker fix for a denial "
    "spaCy hangs on the reported clause (\"The ministry said its forces had struck a depot, and denied ...\": "
    "the ministry denies) and the gate that keeps acts of war (\"renewed attacks on Kharkiv\") from being "
    "attributions (war-corpus train checked for drops; test: content overlap F1 all 79.3, speaker precision 89.2, "
    "cited-outlet accuracy 78.9, negatives 8/16); and for the table above, after the act-of-war verb gate (\"the "
    "enemy ... attack drones\"), the name after \"according to the spokesman\" and the audience left out of an "
    "inverted dash tail, found in the bundled examples (train checked for drops; test as above), and then a "
    "partial quote's speaker taken from its speech or naming verb (from PolNeAR train; war train and test "
    "unchanged); and twice more on 2026-11-26, after a blank line was made a sentence start for the parser and "
    "the pieces of a split quotation were linked (English, then bg/es/fr/it), and after the reported clauses "
    "the parser hides ('Two soldiers wounded in the night, the ministry said'; all from PolNeAR train and real "
    "articles, war train checked for drops): test identical to the table both times; and once more for the table "
    "above, after the fixes from a review of the bundled examples' briefing (a name between a quote and its verb, "
    "cues with their auxiliaries, reported 'whether' clauses, 'without providing evidence' as a hedge; war train "
    "hedge recall 66.7 -> 91.7, the rest of train unchanged): test content exact F1 70.5 -> 71.4, source F1 77.3 "
    "-> 78.5, everything else identical. Once more on 2026-11-27, after a document named as the source became a "
    "chain link ('said in a statement', 'the resolution reads', 'according to the concept': war train "
    "read_document links 8/25 -> 24/25, cited-outlet accuracy 55.7 -> 82.0), a verb coordinated with one before a "
    "quote no longer reports it, things and events with a speech verb and an object were typed as no speech, a "
    "platform was barred as the antecedent of he/she and an English headline in capitals inside the text became "
    "boilerplate (all from PolNeAR train, the war train split and a run over GDELT articles; war train otherwise "
    "unchanged): test identical to the table; and once more after further speaker fixes from the same run and from "
    "runs over two Bulgarian files (a subject inside quotation marks, a participle on a reported clause or a "
    "relative clause, a citing participle, Bulgarian speakers without a trailing adverb, a leading year or a "
    "closing pronoun's phrase, and the source after 'според' ending where the next subject starts; es/fr/it "
    "speakers without a trailing negation or a fronted phrase, 'secondo me' as no source, an abbreviation's full "
    "stop as no sentence end, from a run over 90 ml-crisis pages; an outlet before the speaker in translated word "
    "order as the cited outlet): test identical again. Once more on 2026-11-27 (tenth round), after partial quotes "
    "became pieces of the statement they lie in (war train unchanged) and the line classifier's context model "
    "began deciding the lines around each article (issue 3): a Spanish test page's line that had given a false "
    "quote is boilerplate now (negatives 8/16 -> 7/16, content overlap F1 79.3 -> 79.6; with the context model "
    "switched off in the same code the table is the former one), everything else identical; and again after a "
    "programme title in marks stopped being a quote, a venue stopped being a content and a title's full stop "
    "stopped ending a dash quote's tail: identical. Once more on 2026-11-27 (eleventh round), after a speech "
    "verb given to a partial quote also reported the clause around it and split quotations were joined across "
    "sentences and paragraphs (from PolNeAR train; war train content overlap F1 88.5 -> 90.3): content overlap "
    "F1 79.6 -> 81.7, exact 71.7 -> 74.8, cue F1 79.8 -> 80.2, source F1 79.0 -> 79.5, speaker precision 89.2 "
    "(37) -> 92.5 (40), negatives 7/16 unchanged; and again after pieces were joined once speakers were "
    "resolved, datelines stopped being speakers and the reporter's dateline and closing comment left reported "
    "content (war train exact content F1 79.6 -> 81.0): identical. Once more on 2026-11-27 (twelfth round), "
    "after the reported clauses the hand rules had missed ('..., X told a Senate panel', 'As X reported, ...'), "
    "a statement put out by someone made theirs ('The ministry issued a statement saying ...'), words closed by "
    "a dash and an inverted attribution ('... - said the President of the United States Joe Biden.') and dash "
    "quotes run over the lines the cleaning stage broke out of glued paragraphs (war train content overlap F1 "
    "90.3 -> 90.7, exact 81.0 -> 83.2, cue 87.6 -> 88.9, source 89.7 -> 90.6, kind accuracy 96.8 -> 98.4): "
    "content overlap F1 81.7 -> 81.5 (P 84.7 -> 83.3, R 79.0 -> 79.8), exact 74.8 -> 75.5, cue F1 80.2 -> 80.4, "
    "source F1 79.5 -> 79.0, kind accuracy 95.7 -> 97.9, speaker precision 92.5 (40) and negatives 7/16 "
    "unchanged; and again after a person's name cut after its particle was completed, a claim stopped taking "
    "its dialogue dash, the Bulgarian source after 'според' stopped running into the clause and Bulgarian "
    "pronoun sources took the person named before (war train unchanged): identical. Once more on 2026-11-27 "
    "(thirteenth round), after dash-closed words kept a speech verb of their own sentence, records and images "
    "closing a sentence became its source and Spanish, French and Italian sources lost the verb after 'según', "
    "the outlet spoken to and a trailing weekday and kept an apposition (war train content overlap F1 90.7 -> "
    "90.8, exact 83.2 -> 83.3, negatives 4/43 -> 3/43): identical; and again after Bulgarian (and es/fr/it) "
    "attributions after 'could not' and impersonal reflexives were dropped, 'според което/когото' took the noun or "
    "person it hangs on, 'в.'/'сп.' stopped ending sentences and Bulgarian speakers lost gerund phrases, leading "
    "time words and the sentence before a year's 'г.' (war train unchanged): identical. Once more on 2026-11-27 "
    "(fourteenth round), after candidates of cue keys seldom an attribution in PolNeAR train and titles in marks "
    "that nobody says were dropped (war train unchanged): identical; and again after a known outlet's name in "
    "marks became a cited outlet, a passive cue's agent its speaker, the place or weapon of a physical act no "
    "content, 'That's according to X' an attribution of the sentence before and a headline quote's topic no part "
    "of its speaker (war train content overlap F1 90.8 -> 91.0, exact 83.3 -> 83.5, source F1 90.6 -> 90.8, cue "
    "F1 88.9 -> 88.7): identical. Nothing was changed after looking at test."
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", nargs="?", choices=("run", "check"), default="run",
                    help="run the benchmark (default) or check the label files")
    ap.add_argument("--split", choices=("train", "test", "all"), default="train")
    ap.add_argument("--labels", help="the label folder (default: benchmarks/labels/attribution)")
    ap.add_argument("--data", help="the shared data folder (default: ../shared/data)")
    ap.add_argument("--errors", type=int, default=0, help="print the first N errors of each class")
    ap.add_argument("--record", help="Markdown file whose attribution-war section gets the result")
    args = ap.parse_args(argv)
    data = Path(args.data) if args.data else None
    if args.action == "check":
        res = check_labels(args.labels, data)
        for name, counts in res["files"].items():
            print(f"{name}: {counts.get('passages', 0)} passages, {counts.get('attributions', 0)} attributions")
        if res["data"] is None:
            print("../shared/data is absent: sources and offsets not checked")
        for p in res["problems"]:
            print(p)
        print(f"{len(res['problems'])} problems")
        sys.exit(1 if res["problems"] else 0)
    results = [run_attribution_war_benchmark(args.split, labels=args.labels, data=data)]
    if args.record and args.split == "test":
        results.append(run_attribution_war_benchmark("train", labels=args.labels, data=data))
    print(format_attribution_war_markdown(results, examples=args.errors))
    if args.record:
        body = format_attribution_war_markdown(results)
        if args.split == "test":
            body += "\n\n" + _TEST_NOTE
            kinds = Counter(e.split("|", 1)[0] for e in results[-1]["errors"])
            body += " Error classes on train (all corpora, `--errors N` lists them): " + ", ".join(
                f"{k} {n}" for k, n in kinds.most_common()) + "."
        record_section(args.record, SECTION, body, command=COMMAND)


if __name__ == "__main__":
    main()
