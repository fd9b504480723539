"""Syndicated and near-duplicate copies, so a copied report counts once.

MinHash LSH over word 5-gram shingles of the body text finds candidate pairs
without comparing all pairs; each candidate is then checked exactly by
containment (the share of the smaller text's shingles found in the larger), so
an article that reproduces most of another with a new first line and a credit
still counts as a copy. The earlier publication (else the longer text) is the
original.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex
from datasketch import MinHash, MinHashLSH

from ..record import Document

__all__ = ["body_text", "shingles", "find_copies", "COPY_CONTAINMENT"]

COPY_CONTAINMENT = 0.6
_WORD = regex.compile(r"\w+")


def body_text(doc: Document) -> str:
    segs = [s for s in doc.segments if s.kind == "body"] or [s for s in doc.segments if s.kind != "boilerplate"]
    if not segs:
        return doc.text
    return "\n".join(doc.text[s.start : s.end] for s in segs)


def shingles(text: str, n: int = 5) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def _sort_key(doc: Document) -> tuple[str, int, str]:
    return (doc.published or "9999", -len(doc.text), doc.id)


def find_copies(docs: Sequence[Document], *, containment: float = COPY_CONTAINMENT) -> list[tuple[str, str, float]]:
    """(copy id, original id, containment) for every copied pair."""
    sets = {d.id: shingles(body_text(d)) for d in docs}
    lsh = MinHashLSH(threshold=0.2, num_perm=64)
    hashes: dict[str, MinHash] = {}
    for d in docs:
        s = sets[d.id]
        if len(s) < 3:
            continue
        mh = MinHash(num_perm=64)
        for sh in s:
            mh.update(sh.encode("utf-8"))
        hashes[d.id] = mh
        lsh.insert(d.id, mh)
    by_id = {d.id: d for d in docs}
    out: dict[tuple[str, str], float] = {}
    for doc_id, mh in hashes.items():
        for other in lsh.query(mh):
            if other == doc_id:
                continue
            a, b = sets[doc_id], sets[other]
            score = len(a & b) / max(1, min(len(a), len(b)))
            if score < containment:
                continue
            first, second = sorted((by_id[doc_id], by_id[other]), key=_sort_key)
            out[(second.id, first.id)] = round(score, 4)
    return sorted((c, o, s) for (c, o), s in out.items())
