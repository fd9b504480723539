"""What a line's words say about its kind: hashed word and character n-grams read by a logistic regression.

A line's text becomes a sparse vector: its words (lower case, every digit as 0) one and two at a time, and the
character n-grams (2 to 4) of each word padded with a space, each hashed (CRC-32) into ``N_BUCKETS`` buckets,
log-scaled counts, unit length. ``WordKinds`` is a multinomial logistic regression over those vectors, fitted on the
train split of the labelled lines by ``newstrace bench lines --train`` and shipped beside the line model
(``line_words.npz``): it gives P(kind) per line, which the line model's trees read as ``WORD_KIND_NAMES`` (out of
fold when they are fitted). Character n-grams carry over inflection and the five languages' scripts; nothing here is
a list of strings: the regression weighs buckets, and only buckets that occurred in at least two training
documents are kept (a line of one page teaches nothing about another).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
import regex

__all__ = [
    "N_BUCKETS",
    "WORD_CONTEXT_NAMES",
    "WORD_KIND_NAMES",
    "WordKinds",
    "hashed_counts",
    "line_vectors",
    "word_context",
]

N_BUCKETS = 1 << 20
_KINDS = ("body", "title", "byline", "caption", "boilerplate")  # line_model.KINDS
WORD_KIND_NAMES = [f"word_p_{k}" for k in _KINDS]
# What the words of the lines around say: the line before and after (-1 at the document's ends), the mean over three
# lines either side (the line itself left out), the document's mean, and the share of the lines before and after
# whose words say body (P(body) > 0.5).
CONTEXT_LINES = 3
WORD_CONTEXT_NAMES = (
    [f"word_prev_{k}" for k in _KINDS]
    + [f"word_next_{k}" for k in _KINDS]
    + [f"word_near_{k}" for k in _KINDS]
    + [f"word_doc_{k}" for k in _KINDS]
    + ["word_body_after", "word_body_before"]
)

_TOKEN = regex.compile(r"\w+|[^\w\s]")
_DIGIT = regex.compile(r"\d")


def _bucket(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) & (N_BUCKETS - 1)


@lru_cache(maxsize=1 << 17)
def _token_buckets(token: str) -> tuple[int, ...]:
    """The buckets of one word: the word, and the character 2-4-grams of the word padded with a space (none for
    a lone punctuation mark)."""
    out = [_bucket(f"w {token}")]
    if token[0].isalnum() or len(token) > 1:
        p = f" {token} "
        out += [_bucket(f"c {p[i : i + n]}") for n in (2, 3, 4) for i in range(len(p) - n + 1)]
    return tuple(out)


@lru_cache(maxsize=1 << 17)
def _pair_bucket(a: str, b: str) -> int:
    return _bucket(f"w {a} {b}")


def _line_buckets(text: str) -> list[int]:
    """Every bucket a line hits, once per occurrence."""
    tokens = _TOKEN.findall(_DIGIT.sub("0", text.lower()))
    out: list[int] = []
    for t in tokens:
        out += _token_buckets(t)
    out += [_pair_bucket(a, b) for a, b in zip(tokens, tokens[1:], strict=False)]
    return out


def hashed_counts(text: str) -> Counter[int]:
    """Bucket counts of a line: words and word pairs (prefix ``w``), character 2-4-grams of each padded word
    (prefix ``c``)."""
    return Counter(_line_buckets(text))


def line_vectors(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lines as a CSR triple (indptr, indices, values): log(1 + count), unit length per line, indices sorted
    within each line."""
    n = len(texts)
    hits = [_line_buckets(t) for t in texts]
    rows = np.repeat(np.arange(n, dtype=np.int64), [len(h) for h in hits])
    flat = np.asarray(list(chain.from_iterable(hits)), dtype=np.int64)
    keys, counts = np.unique(rows * N_BUCKETS + flat, return_counts=True)
    line, indices = keys // N_BUCKETS, keys % N_BUCKETS
    values = np.log1p(counts.astype(np.float64))
    norms = np.sqrt(np.bincount(line, weights=values**2, minlength=n))
    values /= np.where(norms > 0, norms, 1.0)[line]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(line, minlength=n))]).astype(np.int64)
    return indptr, indices, values


@dataclass(slots=True)
class WordKinds:
    """P(kind) of a line from its hashed n-grams: a multinomial logistic regression over the kept buckets."""

    buckets: np.ndarray  # (K,) sorted bucket ids the regression weighs
    coef: np.ndarray  # (kinds, K)
    intercept: np.ndarray  # (kinds,)
    where: np.ndarray | None = None  # (N_BUCKETS,) column of each bucket, built on the first call

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return self.score(*line_vectors(texts))

    def score(self, indptr: np.ndarray, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
        """P(kind) of lines already vectorised (``line_vectors``' CSR triple, or a scipy CSR matrix's arrays)."""
        n = len(indptr) - 1
        if self.where is None:  # bucket -> its column, -1 for buckets the regression does not weigh
            self.where = np.full(N_BUCKETS, -1, dtype=np.int32)
            self.where[self.buckets] = np.arange(len(self.buckets), dtype=np.int32)
        pos = self.where[indices]
        known = pos >= 0
        z = np.tile(self.intercept, (n, 1))
        rows = np.repeat(np.arange(n), np.diff(indptr))
        contrib = self.coef[:, pos[known]] * values[known]  # (kinds, known entries)
        for k in range(z.shape[1]):
            z[:, k] += np.bincount(rows[known], weights=contrib[k], minlength=n)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            buckets=self.buckets.astype(np.int32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
        )

    @classmethod
    def load(cls, path: Path) -> WordKinds:
        with np.load(path) as f:
            return cls(
                f["buckets"].astype(np.int64), f["coef"].astype(np.float64), f["intercept"].astype(np.float64)
            )


def word_context(p: np.ndarray) -> np.ndarray:
    """``WORD_CONTEXT_NAMES`` of one document's lines from their ``WordKinds`` probabilities ``p`` (lines x kinds)."""
    n, k = p.shape
    out = np.full((n, 4 * k + 2), -1.0)
    if n == 0:
        return out
    out[1:, :k] = p[:-1]
    out[:-1, k : 2 * k] = p[1:]
    csum = np.vstack([np.zeros((1, k)), np.cumsum(p, axis=0)])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - CONTEXT_LINES, 0), np.minimum(idx + CONTEXT_LINES + 1, n)
    count = (hi - lo - 1)[:, None]
    near = (csum[hi] - csum[lo] - p) / np.maximum(count, 1)
    out[:, 2 * k : 3 * k] = np.where(count > 0, near, -1.0)
    out[:, 3 * k : 4 * k] = p.mean(axis=0)
    body = (p[:, 0] > 0.5).astype(np.float64)
    bsum = np.concatenate([[0.0], np.cumsum(body)])
    after = n - idx - 1
    out[:, 4 * k] = np.where(after > 0, (bsum[n] - bsum[idx + 1]) / np.maximum(after, 1), 0.0)
    out[:, 4 * k + 1] = np.where(idx > 0, bsum[idx] / np.maximum(idx, 1), 0.0)
    return out
