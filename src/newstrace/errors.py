"""Errors newstrace raises, as one small tree.

    NewstraceError
    ├── InputError            an input file or record cannot be read (recorded per document; the batch goes on)
    │   ├── EmptyInputError   nothing to read: an empty file or a record without text
    │   ├── BinaryInputError  the bytes are not text (images, archives, executables)
    │   ├── DecodingError     no encoding decodes the bytes to readable text
    │   └── TooLargeError     larger than the configured limit
    ├── StageError            a pipeline stage failed on one document (recorded; the batch goes on)
    ├── PipelineError         the pipeline itself is misconfigured (unknown stage, missing requirement)
    ├── StoreError            the database cannot be opened, migrated or written
    └── GazetteerError        the gazetteer cannot be built or opened

Every message says what went wrong and what to do about it.
"""

from __future__ import annotations

__all__ = [
    "NewstraceError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "DecodingError",
    "TooLargeError",
    "StageFailure",
    "PipelineError",
    "StoreError",
    "GazetteerError",
]


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    """An input file or record cannot be turned into a document."""

    reason = "unreadable"


class EmptyInputError(InputError):
    reason = "empty"


class BinaryInputError(InputError):
    reason = "binary"


class DecodingError(InputError):
    reason = "undecodable"


class TooLargeError(InputError):
    reason = "too_large"


class StageFailure(NewstraceError):
    """A stage failed on one document; the orchestrator records it and goes on."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"stage {stage!r}: {message}")
        self.stage = stage
        self.message = message


class PipelineError(NewstraceError):
    """The pipeline is misconfigured: an unknown stage or a stage whose requirements no earlier stage provides."""


class StoreError(NewstraceError):
    """The store cannot be opened, migrated or written."""


class GazetteerError(NewstraceError):
    """The gazetteer cannot be built or opened."""
