"""Syndicated and near-duplicate copies, so a copied report counts once.

The body text loses its short lines (under ``SHORT_LINE`` words: leads, credits,
share buttons, captions) unless little would be left, is normalised (Unicode
NFKC, case folded, punctuation dropped so glued sentences such as ``end.Next``
split, the English articles *a/an/the* dropped, every word cut to its first
``PREFIX`` letters so spelling and inflection changes at word ends do not
matter) and cut into word ``SHINGLE``-gram shingles, hashed to stable 64-bit
integers.

Candidates come from winnowing fingerprints (Schleimer et al., 2003): the
smallest shingle hash in every window of ``WINDOW`` shingles. Any passage of
``WINDOW + SHINGLE - 1`` normalised words that two texts share yields a shared
fingerprint, whatever the texts' lengths, so a short article reproduced inside
a long one is found. An inverted index of fingerprints gives, per document, the
documents sharing enough of its fingerprints; the cost grows with the number of
documents times the postings' lengths, never with all pairs. A fingerprint held
by more than ``COMMON_POSTING`` documents (a stock phrase, or a wire story copied
very widely) pairs each holder only with the earliest ``COMMON_LINKS`` holders.

Each candidate is then checked exactly by containment: the share of the smaller
text's shingles found in the larger (at least ``COPY_CONTAINMENT``, and at least
``MIN_SHARED`` shingles), so an article that reproduces most of another with a
new first line, a credit, site junk, edits or translation noise still counts as
a copy, and so does an article that holds a large part of another.

The original is the document that does not credit another outlet ("originally
published by ...", "препубликуван от ..."), else the earlier publication. When
neither date tells (both undated, or the same time), the original is the text
with more whole sentences of its own (a copy cuts), else the one with fewer
short lines of its own (a copy adds a lead, a credit, junk), else the longer.
Each copy is linked to one original: the earliest of those it copies that copy
nothing themselves, else the earliest.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence

import numpy as np
import regex

from ..record import Document

__all__ = ["body_text", "shingles", "find_copies", "COPY_CONTAINMENT"]

COPY_CONTAINMENT = 0.45
SHINGLE = 4  # words per shingle
PREFIX = 5  # letters kept of each word
WINDOW = 6  # shingles per winnowing window: density about 2 / (WINDOW + 1)
MIN_SHARED = 12  # a copy shares at least this many shingles with its original
SHORT_LINE = 10  # words: shorter lines are left out of the shingles
COMMON_POSTING = 200  # documents: a fingerprint held by more is common
COMMON_LINKS = 16  # each holder of a common fingerprint is paired with this many earliest holders
LONG_UNIT = 12  # words: a sentence or paragraph, not a site line (a lead, a credit, "Share this article")
_WORD = regex.compile(r"\w+")
_UNIT = regex.compile(r"\n+|(?<=[.!?])\s*(?=\p{Lu})")
_DROP = frozenset({"a", "an", "the"})
_CREDIT = regex.compile(
    r"(?i)\b(?:originally\s+(?:published|appeared)|first\s+(?:published|appeared)|"
    r"republished\s+(?:with|by|from|under)|reprinted\s+(?:with|by|from)|this\s+article\s+(?:was\s+)?(?:published\s+)?"
    r"(?:courtesy|with\s+permission)|(?:source|източник|источник)\s*:\s*\w|препубликува\w*|перепечат\w*|"
    r"публикуван\w*\s+(?:първоначално|за\s+първи\s+път))"
)
_MULS = [np.uint64(m) for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)]


def body_text(doc: Document) -> str:
    segs = [s for s in doc.segments if s.kind == "body"] or [s for s in doc.segments if s.kind != "boilerplate"]
    if not segs:
        return doc.text
    return "\n".join(doc.text[s.start : s.end] for s in segs)


def _content(text: str) -> str:
    """The text without its short lines (leads, credits, share buttons, captions), unless that leaves little."""
    lines = text.splitlines()
    long = [ln for ln in lines if len(ln.split()) >= SHORT_LINE]
    kept = "\n".join(long)
    return kept if len(kept.split()) >= 4 * MIN_SHARED else text


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    return [w[:PREFIX] for w in _WORD.findall(text) if w not in _DROP]


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    """The normalised word n-gram shingles of a text (as strings; ``find_copies`` hashes them)."""
    words = _words(text)
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


class _Hasher:
    """Stable 64-bit hashes of words and of word n-grams (the same in every run)."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self._units: dict[str, tuple[np.ndarray, list[np.ndarray]]] = {}
        self._credits: dict[str, bool] = {}

    def credits(self, doc: Document) -> bool:
        """Whether the text credits another outlet as the first publisher (cached)."""
        got = self._credits.get(doc.id)
        if got is None:
            got = self._credits[doc.id] = bool(_CREDIT.search(doc.text))
        return got

    def units(self, doc: Document) -> tuple[np.ndarray, list[np.ndarray]]:
        """The document's whole shingle set and the shingle sets of its units (lines, sentences), cached."""
        got = self._units.get(doc.id)
        if got is None:
            text = body_text(doc)
            parts = [np.unique(h) for h in map(self.shingle_hashes, _UNIT.split(text))]
            got = (np.unique(self.shingle_hashes(text)), [p for p in parts if len(p)])
            self._units[doc.id] = got
        return got

    def shingle_hashes(self, text: str) -> np.ndarray:
        """Shingle hashes in text order (repeats kept)."""
        words = _words(text)
        if not words:
            return np.zeros(0, dtype=np.uint64)
        vocab = self.vocab
        for w in set(words).difference(vocab):
            vocab[w] = int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
        ids = np.array(list(map(vocab.__getitem__, words)), dtype=np.uint64)
        n = min(SHINGLE, len(ids))
        m = len(ids) - n + 1
        with np.errstate(over="ignore"):
            h = np.zeros(m, dtype=np.uint64)
            for k in range(n):
                h = (h ^ ids[k : k + m]) * _MULS[k]
                h ^= h >> np.uint64(29)
        return h


def _winnow(h: np.ndarray) -> np.ndarray:
    if len(h) <= WINDOW:
        return np.unique(h)
    return np.unique(np.lib.stride_tricks.sliding_window_view(h, WINDOW).min(axis=1))


def _sort_key(doc: Document, hasher: _Hasher) -> tuple[bool, str, int, str]:
    return (hasher.credits(doc), doc.published or "9999", -len(doc.text), doc.id)


def _candidates(fps: list[np.ndarray], containment: float) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, sharing enough winnowing fingerprints to be worth an exact check."""
    n = len(fps)
    sizes = np.array([len(f) for f in fps], dtype=np.int64)
    if n < 2 or sizes.sum() == 0:
        return []
    doc_of = np.repeat(np.arange(n, dtype=np.int64), sizes)
    allfp = np.concatenate(fps)
    order = np.lexsort((doc_of, allfp))  # by fingerprint, then by document (earliest first)
    allfp, doc_of = allfp[order], doc_of[order]
    uniq, start, count = np.unique(allfp, return_index=True, return_counts=True)
    # For every (document, fingerprint) row: where its posting starts and how long it is.
    row_posting = np.searchsorted(uniq, np.concatenate(fps))
    row_doc = np.repeat(np.arange(n, dtype=np.int64), sizes)
    row_start = start[row_posting]
    row_len = count[row_posting]
    keep = row_len > 1
    row_doc, row_start, row_len = row_doc[keep], row_start[keep], row_len[keep]
    # Common fingerprints: only the earliest holders.
    row_len = np.where(row_len > COMMON_POSTING, COMMON_LINKS, row_len)
    # Expand rows to (document, other) pairs, in chunks of about 4M pairs that never split a document, so
    # each chunk counts its documents' shared fingerprints completely and keeps only the promising pairs.
    if not len(row_len):
        return []
    cum = np.cumsum(row_len)
    edges = np.searchsorted(cum, np.arange(4_000_000, int(cum[-1]), 4_000_000))
    edges = np.searchsorted(row_doc, row_doc[np.minimum(edges, len(row_doc) - 1)], side="left")
    edges = np.unique(np.concatenate(([0], edges, [len(row_doc)])))
    kept: list[np.ndarray] = []
    for lo, hi in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True):
        d, s, ln = row_doc[lo:hi], row_start[lo:hi], row_len[lo:hi]
        total = int(ln.sum())
        first = np.cumsum(ln) - ln
        idx = np.repeat(s - first, ln) + np.arange(total, dtype=np.int64)
        a = np.repeat(d, ln)
        b = doc_of[idx]
        sel = a != b
        codes, shared = np.unique(a[sel] * n + b[sel], return_counts=True)
        i, j = codes // n, codes % n
        smaller = np.minimum(sizes[i], sizes[j])
        ok = shared >= np.maximum(2.0, 0.4 * containment * smaller)
        kept.append(np.minimum(i[ok], j[ok]) * n + np.maximum(i[ok], j[ok]))
    codes = np.unique(np.concatenate(kept))
    return list(zip((codes // n).tolist(), (codes % n).tolist(), strict=True))


def find_copies(docs: Sequence[Document], *, containment: float = COPY_CONTAINMENT) -> list[tuple[str, str, float]]:
    """(copy id, original id, containment) for every copy, each linked to one original."""
    hasher = _Hasher()
    ordered = sorted(docs, key=lambda d: _sort_key(d, hasher))
    sets: list[np.ndarray] = []
    fps: list[np.ndarray] = []
    for d in ordered:
        h = hasher.shingle_hashes(_content(body_text(d)))
        u = np.unique(h)
        if len(u) < MIN_SHARED:
            sets.append(np.zeros(0, dtype=np.uint64))
            fps.append(np.zeros(0, dtype=np.uint64))
            continue
        sets.append(u)
        fps.append(_winnow(h))
    originals: dict[int, dict[int, float]] = {}
    for i, j in _candidates(fps, containment):
        a, b = sets[i], sets[j]
        shared = len(np.intersect1d(a, b, assume_unique=True))
        if shared < MIN_SHARED:
            continue
        score = shared / min(len(a), len(b))
        if score < containment:
            continue
        copy, original = (i, j) if _copies_other(ordered[i], ordered[j], hasher) else (j, i)
        originals.setdefault(copy, {})[original] = score
    # Each copy is linked to one original: the earliest of those that copy nothing themselves, else the earliest.
    out = []
    for c, cand in originals.items():
        roots = [o for o in cand if o not in originals]
        o = min(roots or cand)
        out.append((ordered[c].id, ordered[o].id, round(cand[o], 4)))
    return sorted(out)


def _unshared(units: list[np.ndarray], other: np.ndarray) -> tuple[int, int]:
    """Words in long and short units (lines, sentences) mostly absent from ``other``."""
    long_words = short_words = 0
    for u in units:
        if np.isin(u, other, assume_unique=True).mean() >= 0.5:
            continue
        nwords = len(u) + SHINGLE - 1
        if nwords >= LONG_UNIT:
            long_words += nwords
        else:
            short_words += nwords
    return long_words, short_words


def _copies_other(first: Document, second: Document, hasher: _Hasher) -> bool:
    """Whether ``first`` (which sorts first by credit, date and length) is nevertheless the copy.

    Only when neither date tells (both undated, or the same time) and neither or both credit another
    outlet: the original is the text with more whole sentences of its own (a copy cuts), else the one
    with fewer short lines of its own (a copy adds a lead, a credit, site junk).
    """
    if hasher.credits(first) != hasher.credits(second):
        return False
    if first.published and second.published and first.published != second.published:
        return False
    if bool(first.published) != bool(second.published):
        return False
    first_set, first_units = hasher.units(first)
    second_set, second_units = hasher.units(second)
    long1, short1 = _unshared(first_units, second_set)
    long2, short2 = _unshared(second_units, first_set)
    if abs(long1 - long2) >= LONG_UNIT:
        return long2 > long1
    if short1 != short2:
        return short1 > short2
    return False
