"""Claim groups (the same claim in other words) and contradictions, within each story.

This first version compares the claims of one story by TF-IDF cosine over their
words and canonical entities, and groups them by average linkage (a claim joins
a group only if it is close to the group as a whole, so one loose pair cannot
chain unrelated claims together). Claims that fill the same casualty slot get a
lower bar, because a different number for the same thing is exactly what an
analyst must see. A slot is the same when the role (killed, wounded, ...)
matches, the counted people are compatible ("people" and "civilians" yes,
"people" and "children" no), the places named do not differ, and the dates
named do not rule it out ("last week" is another event).

Contradictions:

- ``different_numbers``: the same slot, in one group, with values that cannot
  both be true (ranges that do not overlap), from independent articles;
- ``updated_figure``: the same slot with two values in one article, one of them
  introduced by an update ("rose to", "was later raised to");
- ``denial``: a denial and the claims of the story it answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import regex

from ..folding import fold
from ..record import Claim, ClaimGroup, Contradiction, Document, Quantity, Story, stable_id
from .independence import claim_source, merge_unstated_sides, origin_of

__all__ = ["group_claims", "SAME_CLAIM", "SAME_SLOT", "CASUALTY_ROLES"]

SAME_CLAIM = 0.5  # TF-IDF cosine for "the same claim in other words"
SAME_SLOT = 0.15  # lower bar when two claims fill the same casualty slot
DENIAL_MATCH = 0.2
MAX_LINKAGE = 4000  # above this many claims in one story, fall back to pairs over SAME_CLAIM (memory)
CASUALTY_ROLES = {"killed", "wounded", "missing", "captured", "detained", "injured", "dead"}
_GENERIC_PEOPLE = {
    "",
    "people",
    "person",
    "civilian",
    "resident",
    "victim",
    "dead",
    "individual",
    "inhabitant",
    "human",
    "casualty",
}
_UPDATE = regex.compile(
    r"\b(?:rose|risen|raised|climbed|increased|revised|updated|jumped|grew)\s+(?:\w+\s+){0,3}to\b|"
    r"\bnew\s+(?:figure|toll)\b|\bnow\s+stands\b",
    regex.I,
)
_UNVERIFIED = ("could not be independently verified", "could not independently verify", "unverified", "unconfirmed",
               "no evidence given")


@dataclass(slots=True)
class _Item:
    claim: Claim
    doc: Document
    origin: str  # the document this one copies, or itself
    places: frozenset[str]
    days: tuple[str, str] | None  # the dates the claim names, as an ISO range
    slots: list[tuple[str, str, Quantity]]  # (role, counted head, quantity)


def _counted_head(q: Quantity) -> str:
    words = fold(q.counted or "").split()
    head = words[-1] if words else ""
    if head.endswith("ies") and len(head) > 4:
        head = head[:-3] + "y"
    elif head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        head = head[:-1]
    if head in {"people", "peopl"}:
        head = "people"
    return "" if head in _GENERIC_PEOPLE else head


def _items(docs: Sequence[Document], copies: Mapping[str, str]) -> list[_Item]:
    out = []
    for doc in docs:
        for claim in doc.claims:
            places = frozenset(
                m.entity
                for m in doc.mentions
                if m.entity
                and claim.start <= m.start < claim.end
                and doc.entities.get(m.entity) is not None
                and doc.entities[m.entity].type == "place"
                and (place := doc.entities[m.entity].place) is not None
                and place.precision in {"point", "district"}
            )
            days = None
            for d in doc.dates:
                if claim.start <= d.start < claim.end and d.value and d.precision in {"day", "range"}:
                    days = (d.value[:10], (d.end_value or d.value)[:10])
                    break
            slots = []
            for qi in claim.quantities:
                if 0 <= qi < len(doc.quantities):
                    q = doc.quantities[qi]
                    if q.role in CASUALTY_ROLES:
                        role = "killed" if q.role == "dead" else "wounded" if q.role == "injured" else q.role
                        slots.append((role, _counted_head(q), q))
            out.append(_Item(claim, doc, origin_of(doc.id, copies), places, days, slots))
    return out


def _earlier_event(item: _Item) -> bool:
    """The claim dates itself more than three days before its article was published."""
    if not item.days or not item.doc.published:
        return False
    try:
        published = date.fromisoformat(item.doc.published[:10])
        last = date.fromisoformat(item.days[1][:10])
    except ValueError:
        return False
    return (published - last).days > 3


def _same_slot(a: _Item, b: _Item) -> list[tuple[str, Quantity, Quantity]]:
    """The (role, quantity a, quantity b) pairs by which two claims fill the same slot."""
    if a.places and b.places and not (a.places & b.places):
        return []
    if a.days and b.days and (a.days[1] < b.days[0] or b.days[1] < a.days[0]):
        return []
    if _earlier_event(a) != _earlier_event(b):
        return []  # "last week, a glide bomb killed two" is not the figure for this week's strike
    return [(ra, qa, qb) for ra, ca, qa in a.slots for rb, cb, qb in b.slots if ra == rb and ca == cb]


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


def _clusters(items: Sequence[_Item], sim: np.ndarray) -> list[list[int]]:
    """Average-linkage groups over a similarity that knows about slots, documents and denials."""
    n = len(items)
    if n == 1:
        return [[0]]
    eff = sim.copy()
    for i, j in np.argwhere(np.triu(sim >= SAME_SLOT, 1)).tolist():
        if items[i].doc.id != items[j].doc.id and _same_slot(items[i], items[j]):
            eff[i, j] = eff[j, i] = max(eff[i, j], SAME_CLAIM)
    # One article says a thing once; a denial answers a claim, it is not the same claim.
    doc_index = np.array([hash(it.doc.id) for it in items])
    denial = np.array([it.claim.kind == "denial" for it in items])
    eff[(doc_index[:, None] == doc_index[None, :]) | (denial[:, None] != denial[None, :])] = 0.0
    if n > MAX_LINKAGE:
        parent = list(range(n))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for i, j in np.argwhere(np.triu(eff >= 0.8, 1)).tolist():
            parent[find(i)] = find(j)
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(n):
            groups[find(i)].append(i)
        return list(groups.values())
    from sklearn.cluster import AgglomerativeClustering

    dist = np.clip(1.0 - eff, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - SAME_CLAIM + 1e-9
    ).fit_predict(dist)
    out: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels.tolist()):
        out[lab].append(i)
    return list(out.values())


def _where(item: _Item) -> str:
    return item.doc.outlet or item.doc.path


def group_claims(
    stories: Sequence[Story], docs_by_id: Mapping[str, Document], copies: Mapping[str, str]
) -> tuple[list[ClaimGroup], list[Contradiction]]:
    groups: list[ClaimGroup] = []
    contradictions: list[Contradiction] = []
    for story in stories:
        docs = [docs_by_id[d] for d in story.documents if d in docs_by_id]
        items = _items(docs, copies)
        if not items:
            continue
        sim = _similarity(items)
        members = _clusters(items, sim)
        found: list[tuple[Contradiction, set[int]]] = []

        # Different numbers for the same slot, across independent articles (a copy is not a second account).
        for idx in members:
            seen: set[tuple[str, str, str]] = set()
            for x in idx:
                for y in idx:
                    a, b = items[x], items[y]
                    if x >= y or a.origin == b.origin:
                        continue
                    for role, qa, qb in _same_slot(a, b):
                        if not _conflict(qa, qb):
                            continue
                        key = (a.origin, b.origin, role)
                        if key in seen or (b.origin, a.origin, role) in seen:
                            continue
                        seen.add(key)
                        label_a = claim_source(a.claim, a.doc, copies, docs_by_id).label
                        label_b = claim_source(b.claim, b.doc, copies, docs_by_id).label
                        found.append(
                            (
                                Contradiction(
                                    claims=[a.claim.id, b.claim.id],
                                    kind="different_numbers",
                                    explanation=f"{role}: {label_a} ({_where(a)}) says “{qa.text}”; "
                                    f"{label_b} ({_where(b)}) says “{qb.text}”",
                                    story=story.id,
                                ),
                                {x, y},
                            )
                        )

        # Two figures for one slot in one article: an update ("has risen to 14 ... higher than the 11
        # announced") when the sentence with the older, smaller figure describes the change, or both come
        # from one source with an update cue; two sources' competing figures otherwise.
        by_doc: dict[str, list[int]] = defaultdict(list)
        for i, it in enumerate(items):
            if it.slots and it.origin == it.doc.id:
                by_doc[it.doc.id].append(i)
        for idx in by_doc.values():
            for x in idx:
                for y in idx:
                    if x >= y:
                        continue
                    a, b = items[x], items[y]
                    pairs = [
                        (r, qa, qb)
                        for r, qa, qb in _same_slot(a, b)
                        if qa.value is not None and qb.value is not None and qa.value != qb.value
                    ]
                    if not pairs:
                        continue
                    role, qa, qb = pairs[0]
                    older = a if qa.value < qb.value else b  # type: ignore[operator]
                    sa = claim_source(a.claim, a.doc, copies, docs_by_id)
                    sb = claim_source(b.claim, b.doc, copies, docs_by_id)
                    cue = bool(_UPDATE.search(a.claim.text) or _UPDATE.search(b.claim.text))
                    if _UPDATE.search(older.claim.text) or (sa.key == sb.key and cue):
                        kind = "updated_figure"
                        why = (
                            f"{role}: “{qa.text}” and “{qb.text}” in the same article ({_where(a)}), the figure updated"
                        )
                    elif sa.key != sb.key and _conflict(qa, qb):
                        kind = "different_numbers"
                        why = f"{role}: {sa.label} says “{qa.text}”; {sb.label} says “{qb.text}” (both in {_where(a)})"
                    else:
                        continue
                    found.append(
                        (
                            Contradiction(claims=[a.claim.id, b.claim.id], kind=kind, explanation=why, story=story.id),
                            {x, y},
                        )
                    )

        # Denials against the claims they answer.
        for d, it in enumerate(items):
            if it.claim.kind != "denial" or it.origin != it.doc.id:
                continue
            answered = [
                j for j in range(len(items)) if j != d and items[j].claim.kind != "denial" and sim[d, j] >= DENIAL_MATCH
            ]
            if not answered:
                continue
            answered = sorted(answered, key=lambda j: -sim[d, j])[:5]
            denier = claim_source(it.claim, it.doc, copies, docs_by_id).label
            found.append(
                (
                    Contradiction(
                        claims=[it.claim.id] + [items[j].claim.id for j in answered],
                        kind="denial",
                        explanation=f"{denier} ({_where(it)}) denies: “{' '.join(it.claim.text.split())[:200]}”",
                        story=story.id,
                    ),
                    {d, *answered},
                )
            )
        contradicted = {i for c, ids in found if c.kind != "denial" for i in ids}
        denied = {i for c, ids in found if c.kind == "denial" for i in ids if items[i].claim.kind != "denial"}
        contradictions.extend(c for c, _ in found)

        for idx in members:
            # A copy's claim is its original's report over again: when the original's claim is in the group, the
            # copy adds no source, even if its extraction named the speaker differently.
            in_group = {items[i].doc.id for i in idx}
            counted = [i for i in idx if items[i].origin == items[i].doc.id or items[i].origin not in in_group]
            found_keys = [claim_source(items[i].claim, items[i].doc, copies, docs_by_id) for i in counted]
            sources: dict[str, str] = {}
            for merged, found_key in zip(merge_unstated_sides([k.key for k in found_keys]), found_keys, strict=True):
                sources.setdefault(merged, found_key.label)
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
