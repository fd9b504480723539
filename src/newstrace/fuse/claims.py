"""Claim groups (the same claim in other words) and contradictions, within each story.

This first version compares the claims of one story by TF-IDF cosine over their
words and canonical entities; claims about the same casualty slot (the same
role: killed, wounded, ...) at the same place are grouped even when their
numbers differ, because a different number for the same thing is exactly what
an analyst must see. Contradictions:

- ``different_numbers``: the same casualty slot, in one group, with values that
  cannot both be true (ranges that do not overlap), from different articles;
- ``updated_figure``: the same slot with two values in one article, one of them
  introduced by an update ("rose to", "was later raised to");
- ``denial``: a denial and the claims of the story it answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import regex

from ..record import Claim, ClaimGroup, Contradiction, Document, Quantity, Story, stable_id
from .independence import claim_source

__all__ = ["group_claims", "SAME_CLAIM", "CASUALTY_ROLES"]

SAME_CLAIM = 0.5  # TF-IDF cosine for "the same claim in other words"
SAME_SLOT = 0.15  # lower bar when two claims fill the same casualty slot at the same place
DENIAL_MATCH = 0.2
CASUALTY_ROLES = {"killed", "wounded", "missing", "captured", "detained", "injured", "dead"}
_UPDATE = regex.compile(
    r"\b(?:rose|risen|raised|climbed|increased|revised|updated|jumped|grew)\s+(?:\w+\s+){0,3}to\b|\blater\b|\bnow\s+stands\b",
    regex.I,
)
_UNVERIFIED = ("could not be independently verified", "could not independently verify", "unverified", "unconfirmed")


@dataclass(slots=True)
class _Item:
    claim: Claim
    doc: Document
    places: frozenset[str]
    slots: list[tuple[str, Quantity]]  # (role, quantity)


def _items(docs: Sequence[Document]) -> list[_Item]:
    out = []
    for doc in docs:
        for claim in doc.claims:
            places = frozenset(
                m.entity
                for m in doc.mentions
                if m.entity and claim.start <= m.start < claim.end and doc.entities.get(m.entity) is not None
                and doc.entities[m.entity].type == "place"
            )
            slots = []
            for qi in claim.quantities:
                if 0 <= qi < len(doc.quantities):
                    q = doc.quantities[qi]
                    if q.role in CASUALTY_ROLES:
                        slots.append(("killed" if q.role == "dead" else q.role, q))
            out.append(_Item(claim, doc, places, slots))
    return out


def _text_for(item: _Item) -> str:
    ents = " ".join(
        f"ENT{m.entity[4:]}" for m in item.doc.mentions if m.entity and item.claim.start <= m.start < item.claim.end
    )
    return f"{item.claim.text} {ents}"


def _similarity(items: Sequence[_Item]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(items) < 2:
        return np.ones((len(items), len(items)))
    try:
        X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([_text_for(i) for i in items])
    except ValueError:
        return np.eye(len(items))
    return (X @ X.T).toarray()


def _range(q: Quantity) -> tuple[float, float] | None:
    lo = q.low if q.low is not None else q.value
    hi = q.high if q.high is not None else q.value
    if lo is None or hi is None:
        return None
    qual = (q.qualifier or "").lower()
    if qual in {"at least", "more than", "over", "no fewer than", "not less than"}:
        hi = float("inf")
    elif qual in {"up to", "no more than", "at most", "fewer than", "less than", "as many as"}:
        lo = 0.0
    elif qual in {"about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated"}:
        lo, hi = lo * 0.9, hi * 1.1
    return lo, hi


def _conflict(a: Quantity, b: Quantity) -> bool:
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None:
        return False
    return ra[1] < rb[0] or rb[1] < ra[0]


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _describe(q: Quantity, item: _Item, source: str) -> str:
    return f"{source} ({item.doc.outlet or item.doc.path}): “{q.text}”"


def group_claims(
    stories: Sequence[Story], docs_by_id: Mapping[str, Document], copies: Mapping[str, str]
) -> tuple[list[ClaimGroup], list[Contradiction]]:
    groups: list[ClaimGroup] = []
    contradictions: list[Contradiction] = []
    for story in stories:
        docs = [docs_by_id[d] for d in story.documents if d in docs_by_id]
        items = _items(docs)
        if not items:
            continue
        sim = _similarity(items)
        uf = _Union(len(items))
        for i, j in np.argwhere(np.triu(sim >= SAME_SLOT, 1)).tolist():
            a, b = items[i], items[j]
            if a.doc.id == b.doc.id:
                continue
            if a.claim.kind == "denial" or b.claim.kind == "denial":
                if a.claim.kind != b.claim.kind:
                    continue  # a denial answers a claim; it is not the same claim
            if sim[i, j] >= SAME_CLAIM:
                uf.union(i, j)
            elif (
                sim[i, j] >= SAME_SLOT
                and {r for r, _ in a.slots} & {r for r, _ in b.slots}
                and (a.places & b.places or not (a.places or b.places))
            ):
                uf.union(i, j)
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(items)):
            members[uf.find(i)].append(i)

        story_contradictions: list[tuple[Contradiction, set[int]]] = []
        for idx in members.values():
            # Different numbers for the same slot, across articles.
            seen_pairs: set[tuple[str, str]] = set()
            for x in idx:
                for y in idx:
                    if x >= y or items[x].doc.id == items[y].doc.id:
                        continue
                    for role, qa in items[x].slots:
                        for role_b, qb in items[y].slots:
                            if role != role_b or not _conflict(qa, qb):
                                continue
                            key = (items[x].claim.id, items[y].claim.id)
                            if key in seen_pairs:
                                continue
                            seen_pairs.add(key)
                            sa = claim_source(items[x].claim, items[x].doc, copies).label
                            sb = claim_source(items[y].claim, items[y].doc, copies).label
                            story_contradictions.append(
                                (
                                    Contradiction(
                                        claims=[items[x].claim.id, items[y].claim.id],
                                        kind="different_numbers",
                                        explanation=f"{role}: {_describe(qa, items[x], sa)} vs "
                                        f"{_describe(qb, items[y], sb)}",
                                        story=story.id,
                                    ),
                                    {x, y},
                                )
                            )
        # A figure updated within one article.
        by_doc: dict[str, list[int]] = defaultdict(list)
        for i, it in enumerate(items):
            if it.slots:
                by_doc[it.doc.id].append(i)
        for idx in by_doc.values():
            for x in idx:
                for y in idx:
                    if x >= y:
                        continue
                    for role, qa in items[x].slots:
                        for role_b, qb in items[y].slots:
                            if role != role_b or qa.value == qb.value or qa.value is None or qb.value is None:
                                continue
                            if not (_UPDATE.search(items[y].claim.text) or _UPDATE.search(items[x].claim.text)):
                                continue
                            if not (items[x].places & items[y].places or not (items[x].places or items[y].places)):
                                continue
                            story_contradictions.append(
                                (
                                    Contradiction(
                                        claims=[items[x].claim.id, items[y].claim.id],
                                        kind="updated_figure",
                                        explanation=f"{role}: “{qa.text}” then “{qb.text}” in the same article "
                                        f"({items[x].doc.outlet or items[x].doc.path})",
                                        story=story.id,
                                    ),
                                    {x, y},
                                )
                            )
        # Denials against the claims they answer.
        for d, it in enumerate(items):
            if it.claim.kind != "denial":
                continue
            answered = [
                j
                for j in range(len(items))
                if j != d and items[j].claim.kind != "denial" and sim[d, j] >= DENIAL_MATCH
            ]
            if not answered:
                continue
            answered.sort(key=lambda j: -sim[d, j])
            answered = answered[:5]
            denier = claim_source(it.claim, it.doc, copies).label
            story_contradictions.append(
                (
                    Contradiction(
                        claims=[it.claim.id] + [items[j].claim.id for j in answered],
                        kind="denial",
                        explanation=f"{denier} denies: “{it.claim.text.strip()[:200]}”",
                        story=story.id,
                    ),
                    {d, *answered},
                )
            )
        contradicted = {i for c, ids in story_contradictions if c.kind != "denial" for i in ids}
        denied = {i for c, ids in story_contradictions if c.kind == "denial" for i in ids if items[i].claim.kind != "denial"}
        contradictions.extend(c for c, _ in story_contradictions)

        for idx in members.values():
            sources = {}
            for i in idx:
                key = claim_source(items[i].claim, items[i].doc, copies)
                sources.setdefault(key.key, key.label)
            hedges = {h.lower() for i in idx for h in items[i].claim.hedges}
            if any(i in denied for i in idx):
                status = "denied"
            elif any(i in contradicted for i in idx):
                status = "contradicted"
            elif any(any(u in h for u in _UNVERIFIED) for h in hedges):
                status = "unverified"
            elif len(sources) >= 2:
                status = "confirmed"
            else:
                status = "single_source"
            score = float(np.mean([sim[x, y] for x in idx for y in idx if x < y])) if len(idx) > 1 else 1.0
            claim_ids = sorted(items[i].claim.id for i in idx)
            groups.append(
                ClaimGroup(
                    id=stable_id("claimgroup", *claim_ids),
                    claims=claim_ids,
                    story=story.id,
                    independent_sources=len(sources),
                    sources=sorted(sources.values()),
                    status=status,
                    score=round(score, 4),
                )
            )
    return groups, contradictions
