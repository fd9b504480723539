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
from dataclasses import dataclass
from typing import Any

from ..record import Corpus, Document, Entity

__all__ = ["Store", "Original", "IngestErrorRecord", "SearchHit"]


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
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]: ...

    @abstractmethod
    def stats(self) -> dict[str, Any]: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
