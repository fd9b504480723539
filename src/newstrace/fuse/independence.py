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

__all__ = ["SourceKey", "claim_source", "origin_of"]

_DESCRIPTIVE_START = ("a ", "an ", "one ", "some ", "two ", "three ", "several ", "local ", "residents", "witnesses")


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
    if primary.entity:
        return SourceKey(f"entity:{primary.entity}", primary.source)
    words = fold(primary.source)
    if words.startswith(_DESCRIPTIVE_START) or not words:
        return SourceKey(f"described:{words}@{origin}", primary.source)
    return SourceKey(f"named:{words}", primary.source)
