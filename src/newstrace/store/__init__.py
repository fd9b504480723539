"""Where documents, their analysis and the corpus-level results are kept."""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import DocumentSummary, EntityMention, IngestErrorRecord, Original, Page, SearchHit, Store, StorySummary
from .sqlite import SQLiteStore

__all__ = [
    "Store",
    "SQLiteStore",
    "Original",
    "IngestErrorRecord",
    "SearchHit",
    "Page",
    "DocumentSummary",
    "StorySummary",
    "EntityMention",
    "open_store",
    "DEFAULT_DB",
]

DEFAULT_DB = "newstrace.sqlite"


def open_store(url: str | Path = DEFAULT_DB) -> Store:
    """Open (creating and migrating if needed) the store at ``url``: a SQLite file path."""
    text = str(url)
    if text.startswith(("postgres://", "postgresql://")):
        raise StoreError("the PostgreSQL backend is not available in this version; use a SQLite file path for --db")
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    return SQLiteStore(text)
