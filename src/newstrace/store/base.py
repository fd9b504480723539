"""What every store offers, whatever database is behind it.

The orchestrator, the CLI and the reports talk to this interface only, so a
PostgreSQL backend can follow the SQLite one without touching them.

Durability contract (what makes an interrupted run resumable):
- ``add_ingested`` writes an original and the documents cut from it in one
  transaction: after a kill, either all of them are there or none is.
- ``save_analysis`` replaces the analysis of a batch of documents and marks them
  processed in one transaction: a document is either pending or fully processed.
- ``save_corpus`` replaces all cross-document results in one transaction.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..record import ClaimGroup, Corpus, Document, Entity, Story

if TYPE_CHECKING:
    from ..clean.line_features import CorpusLineCounts, SiteLineCounts

__all__ = [
    "Store",
    "Original",
    "IngestErrorRecord",
    "SearchHit",
    "Page",
    "DocumentSummary",
    "StorySummary",
    "EntityMention",
]

T = TypeVar("T")


@dataclass(slots=True)
class Original:
    """An input file as it was read, byte for byte."""

    sha256: str
    content: bytes
    path: str
    media_type: str


@dataclass(slots=True)
class IngestErrorRecord:
    path: str
    reason: str
    message: str
    sha256: str = ""
    member: str = ""


@dataclass(slots=True)
class SearchHit:
    document: str
    title: str | None
    path: str
    snippet: str
    score: float


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a longer list: ``items`` are rows ``offset`` .. ``offset + len(items)`` of ``total``."""

    items: list[T]
    total: int
    offset: int
    limit: int

    @property
    def next_offset(self) -> int | None:
        nxt = self.offset + self.limit
        return nxt if nxt < self.total else None

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


@dataclass(slots=True)
class DocumentSummary:
    """A document's metadata without its text or analysis: one row of a document list."""

    id: str
    title: str | None
    path: str
    outlet: str | None
    url: str | None
    published: str | None
    language: str | None
    media_type: str
    sha256: str
    length: int


@dataclass(slots=True)
class StorySummary:
    """A story with what a list shows about it, computed in the database."""

    id: str
    title: str
    score: float
    documents: list[str]
    outlets: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None

    @property
    def size(self) -> int:
        return len(self.documents)


@dataclass(slots=True)
class EntityMention:
    """One mention of an entity with the text around it (``before`` and ``after``, at most ``context`` chars)."""

    document: str
    title: str | None
    path: str
    outlet: str | None
    start: int
    end: int
    text: str
    before: str
    after: str


class Store(ABC):
    """A newstrace database."""

    url: str

    # --- ingest -----------------------------------------------------------------
    @abstractmethod
    def has_original(self, sha256: str, path: str) -> bool:
        """True when this exact file was already ingested from this path."""

    @abstractmethod
    def add_ingested(
        self, original: Original, documents: Iterable[Document], *, extra: Iterable[Original] = ()
    ) -> list[str]:
        """Store an original (and ``extra`` originals such as its sidecar) and its documents atomically.

        Returns the ids of the documents that are new.
        """

    @abstractmethod
    def record_ingest_error(self, error: IngestErrorRecord) -> None:
        """Remember why an input could not become a document."""

    @abstractmethod
    def ingest_errors(self) -> list[IngestErrorRecord]: ...

    # --- per-document analysis --------------------------------------------------
    @abstractmethod
    def pending_documents(self) -> Iterator[Document]:
        """Documents ingested but not yet processed (text and metadata only)."""

    @abstractmethod
    def count_pending(self) -> int: ...

    @abstractmethod
    def save_analysis(self, documents: Iterable[Document], pipeline: str) -> None:
        """Replace the analysis of these documents and mark them processed, atomically."""

    @abstractmethod
    def mark_all_pending(self) -> int:
        """Ask for every document to be processed again (after a pipeline change)."""

    @abstractmethod
    def load_document(self, document_id: str) -> Document:
        """A document with everything the per-document stages found in it."""

    @abstractmethod
    def iter_documents(self, *, processed_only: bool = True) -> Iterator[Document]: ...

    @abstractmethod
    def document_ids(self, *, processed_only: bool = True) -> list[str]: ...

    @abstractmethod
    def iter_site_texts(self) -> Iterator[tuple[str | None, str | None, str, str]]:
        """(outlet, url, path, text) of every stored document, processed or not, in a stable order."""

    def site_line_counts(self) -> SiteLineCounts:
        """How many stored documents of each site contain each line: the cleaning stage's site memory.

        A line that recurs on many pages of one site (a menu, a sign-up notice) is that
        site's furniture; ``clean.segments`` reads these counts when the run passes them.
        """
        from ..clean.line_features import SiteLineCounts

        return SiteLineCounts().add_all(self._site_texts())

    def corpus_line_counts(self) -> CorpusLineCounts:
        """The sibling of ``site_line_counts`` for ``REPEAT_NAMES``: per line (``repeat_norm``), how many distinct
        stored texts of its site and of any site contain it, identical texts once; ``counts`` leaves out the asking
        text and its copies, so a stored page is never its own evidence. Sites keyed as ``site_line_counts`` does."""
        from ..clean.line_features import CorpusLineCounts

        return CorpusLineCounts().add_all(self._site_texts())

    def _site_texts(self) -> Iterator[tuple[str | None, str]]:
        """(site, text) of every stored document, the site keyed as the cleaning stage keys it."""
        from ..clean.line_features import site_key

        for outlet, url, path, text in self.iter_site_texts():
            yield site_key(outlet, path, url), text

    @abstractmethod
    def entities(self) -> dict[str, Entity]: ...

    @abstractmethod
    def stage_errors(self) -> list[tuple[str, str, str]]:
        """(document id, stage, message) for every recorded stage failure."""

    # --- corpus-level -----------------------------------------------------------
    @abstractmethod
    def save_corpus(self, corpus: Corpus, *, state: str | None = None) -> None:
        """Replace the cross-document results (stories, claim groups, contradictions, copies).

        ``state`` (see ``processing_state``) is recorded in the same transaction, so a
        later run knows whether the corpus results are up to date.
        """

    @abstractmethod
    def processing_state(self) -> str:
        """A fingerprint of which documents are processed, and when: changes whenever fusing is due."""

    @abstractmethod
    def get_meta(self, key: str) -> str | None: ...

    @abstractmethod
    def load_corpus(self) -> Corpus: ...

    # --- reading ----------------------------------------------------------------
    @abstractmethod
    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text hits, best first; ``offset`` skips that many hits."""

    @abstractmethod
    def count_search(self, query: str) -> int:
        """How many documents ``search(query)`` matches in all."""

    # --- reading one page at a time (the web app; nothing here loads the corpus) ---
    @abstractmethod
    def count_documents(self, *, processed_only: bool = True) -> int: ...

    @abstractmethod
    def list_documents(self, *, limit: int, offset: int = 0, processed_only: bool = True) -> Page[DocumentSummary]:
        """Documents in ingest order, metadata only."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """documents (processed), stories, claims, claim_groups and contradictions: cheaper than ``stats()``."""

    @abstractmethod
    def list_stories(self, *, limit: int, offset: int = 0) -> Page[StorySummary]:
        """Stories in the order the fuse phase ranked them, with their size, outlets and dates."""

    @abstractmethod
    def load_story(self, story_id: str) -> tuple[Story, Corpus] | None:
        """A story and the part of the corpus results about it: its claim groups, contradictions and copies.

        Whatever reads ``load_corpus()`` for one story (briefing, ledger) gives the same answer with this.
        None when there is no such story.
        """

    @abstractmethod
    def document_stories(self, document_id: str) -> list[Story]:
        """The stories a document belongs to."""

    @abstractmethod
    def claim_groups_of(self, claim_ids: list[str]) -> dict[str, ClaimGroup]:
        """claim id -> the claim group it belongs to, for the claims that are in one."""

    @abstractmethod
    def copy_links(self, document_id: str) -> tuple[str | None, list[str]]:
        """(the document this one copies, or None; the documents that copy this one)."""

    @abstractmethod
    def original_of(self, document_id: str) -> tuple[Original, str]:
        """The input file a document was read from, byte for byte, and the document's record in it.

        The record (member) is the line number in a JSON Lines file or the item number in a JSON list,
        '' for a file that is one document. Raises StoreError when there is no such document.
        """

    @abstractmethod
    def entity(self, entity_id: str) -> Entity | None: ...

    @abstractmethod
    def list_entities(
        self, *, limit: int, offset: int = 0, type: str | None = None, query: str | None = None
    ) -> Page[Entity]:
        """Entities by type then name; ``query`` keeps those whose name or an alias contains it (any case)."""

    @abstractmethod
    def entity_documents(self, entity_id: str, *, limit: int, offset: int = 0) -> Page[str]:
        """Ids of the documents that mention an entity, in id order."""

    @abstractmethod
    def entity_mentions(self, entity_id: str, *, limit: int, offset: int = 0, context: int = 80) -> Page[EntityMention]:
        """The mentions of an entity with ``context`` characters either side, by document then position."""

    @abstractmethod
    def stats(self) -> dict[str, Any]: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
