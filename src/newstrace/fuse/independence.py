"""Who is the original source of a claim, and how many independent sources a group has.

Outlets are not sources. A claim's source is the last link of its attribution
chain: the person or body who made the statement ("the prosecutor's office",
"a soldier who asked not to be named"). A claim the article makes in its own
voice rests on the article itself, and a syndicated or near-duplicate copy
rests on the article it copies. Two claims are independent when their source
keys differ.

A described, unnamed speaker ("a local resident") cannot be told apart from
another one with the same description: they are kept apart per original
article, so two outlets quoting "a soldier" through the same wire story count
once, while two separate reporters' "a resident" count twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..folding import fold
from ..record import Claim, Document

__all__ = ["SourceKey", "claim_source", "origin_of", "institution", "merge_unstated_sides"]

_DESCRIPTIVE_START = ("a ", "an ", "one ", "some ", "two ", "three ", "several ", "local ", "residents", "witnesses")


# Official bodies, by the words that name them: the first match names the body. "Ukrainian prosecutors",
# "Ukraine's prosecutor's office" and "the Donetsk regional prosecutor's office" are one source.
_INSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("general staff", "general staff"),
    ("ministry of defence", "defence ministry"),
    ("ministry of defense", "defence ministry"),
    ("defence ministry", "defence ministry"),
    ("defense ministry", "defence ministry"),
    ("mod", "defence ministry"),
    ("ministry of foreign affairs", "foreign ministry"),
    ("foreign ministry", "foreign ministry"),
    ("interior ministry", "interior ministry"),
    ("ministry of internal affairs", "interior ministry"),
    ("health ministry", "health ministry"),
    ("ministry of health", "health ministry"),
    ("emergency service", "emergency service"),
    ("emergencies ministry", "emergency service"),
    ("military administration", "military administration"),
    ("prosecutor general", "prosecutor"),
    ("prosecutor", "prosecutor"),
    ("security service", "security service"),
    ("sbu", "security service"),
    ("fsb", "security service"),
    ("armed forces", "armed forces"),
    ("air force", "air force"),
    ("navy", "navy"),
    ("kremlin", "kremlin"),
    ("white house", "white house"),
    ("pentagon", "pentagon"),
    ("state department", "state department"),
    ("police", "police"),
    ("city council", "city council"),
)
_SIDES = {
    "russia": "RU", "russian": "RU", "russians": "RU", "moscow": "RU", "kremlin": "RU", "fsb": "RU",
    "ukraine": "UA", "ukrainian": "UA", "ukrainians": "UA", "kyiv": "UA", "kiev": "UA", "sbu": "UA",
    "belarus": "BY", "belarusian": "BY", "minsk": "BY",
    "us": "US", "american": "US", "washington": "US", "pentagon": "US",
    "british": "GB", "uk": "GB", "london": "GB",
}


_GENERIC_BODIES = {"side", "authority", "authorities", "official", "government", "leadership", "command"}


def institution(source: str) -> tuple[str, str] | None:
    """(body, side) for an official body named in ``source``; side is an ISO code or "*" when unstated.

    A side named only in general ("the Ukrainian side", "Russian officials") is the body "side".
    """
    folded = fold(source).split()
    words = [w[:-1] if w.endswith("s") and len(w) > 4 else w for w in folded if w != "s"]
    text = f" {' '.join(words)} "
    side = next((_SIDES[w] for w in folded if w in _SIDES), "*")
    for phrase, body in _INSTITUTIONS:
        if f" {phrase} " in text:
            return body, side
    if side != "*" and len(words) <= 4 and _GENERIC_BODIES & set(words):
        return "side", side
    return None


def merge_unstated_sides(keys: list[str]) -> list[str]:
    """A body named without its side ("prosecutors") is the same body as the one named with it, when only one is."""
    sides: dict[str, set[str]] = {}
    for k in keys:
        if k.startswith("body:"):
            _, head, side = k.split(":", 2)
            if side != "*":
                sides.setdefault(head, set()).add(side)
    out = []
    for k in keys:
        if k.startswith("body:") and k.endswith(":*"):
            head = k.split(":", 2)[1]
            if len(sides.get(head, ())) == 1:
                k = f"body:{head}:{next(iter(sides[head]))}"
        out.append(k)
    # "The Ukrainian side" cannot be told apart from the one Ukrainian body the group names.
    specific: dict[str, set[str]] = {}
    for k in out:
        if k.startswith("body:") and not k.startswith("body:side:") and not k.endswith(":*"):
            specific.setdefault(k.rsplit(":", 1)[1], set()).add(k)
    return [
        next(iter(specific[k.rsplit(":", 1)[1]]))
        if k.startswith("body:side:") and len(specific.get(k.rsplit(":", 1)[1], ())) == 1
        else k
        for k in out
    ]


@dataclass(frozen=True, slots=True)
class SourceKey:
    key: str  # what is compared
    label: str  # what an analyst reads


def origin_of(doc_id: str, copies: Mapping[str, str]) -> str:
    """Follow copy-of links to the article first published."""
    seen = set()
    while doc_id in copies and doc_id not in seen:
        seen.add(doc_id)
        doc_id = copies[doc_id]
    return doc_id


def claim_source(
    claim: Claim, doc: Document, copies: Mapping[str, str], docs: Mapping[str, Document] | None = None
) -> SourceKey:
    """The original source of a claim; ``docs`` lets a copy's claim count as its original outlet's."""
    origin = origin_of(doc.id, copies)
    primary = claim.primary_source()
    if primary is None or not primary.source:
        source_doc = docs.get(origin, doc) if docs is not None else doc
        if source_doc.outlet and (origin == doc.id or source_doc.id == origin):
            return SourceKey(f"outlet:{fold(source_doc.outlet)}", source_doc.outlet)
        return SourceKey(f"article:{origin}", doc.outlet or f"the article {doc.path}")
    entity = doc.entities.get(primary.entity) if primary.entity else None
    if entity is not None and entity.type == "person":
        return SourceKey(f"entity:{entity.id}", primary.source)
    body = institution(primary.source)
    if body is not None:
        head, side = body
        return SourceKey(f"body:{head}:{side}", primary.source)
    if primary.entity:
        return SourceKey(f"entity:{primary.entity}", primary.source)
    words = fold(primary.source)
    if words.startswith(_DESCRIPTIVE_START) or not words:
        return SourceKey(f"described:{words}@{origin}", primary.source)
    return SourceKey(f"named:{words}", primary.source)
