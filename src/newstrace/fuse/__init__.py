"""Phase 4, fuse: across documents.

    corpus = fuse_documents(docs)

1. copies: syndicated and near-duplicate articles, linked to their original;
2. stories: articles about the same event;
3. claim groups: the same claim across articles, with independent sources counted;
4. contradictions: different numbers for one slot, updated figures, denials.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..record import Corpus, Document
from .claims import group_claims
from .copies import find_copies
from .independence import claim_source, origin_of
from .stories import cluster_stories

__all__ = ["fuse_documents", "find_copies", "cluster_stories", "group_claims", "claim_source", "origin_of"]


def fuse_documents(docs: Sequence[Document]) -> Corpus:
    copies = find_copies(docs)
    copy_of = {c: o for c, o, _ in copies}
    stories = cluster_stories(docs)
    groups, contradictions = group_claims(stories, {d.id: d for d in docs}, copy_of)
    return Corpus(stories=stories, claim_groups=groups, contradictions=contradictions, copies=copies)
