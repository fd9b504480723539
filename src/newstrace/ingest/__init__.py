"""Phase 1, ingest: files and folders into stored originals and documents.

    report = ingest_paths(store, ["examples/"])

Every file is kept byte for byte with its SHA-256; a file already ingested from
the same path is skipped without being parsed; a file that cannot be read is
recorded with its reason and the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..store import IngestErrorRecord, Original, Store
from .files import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    InputFile,
    UnsupportedInput,
    document_from_text,
    iter_input_files,
    load_bytes,
    read_input,
)

__all__ = ["IngestReport", "ingest_paths", "document_from_text", "SUPPORTED_SUFFIXES"]


@dataclass(slots=True)
class IngestReport:
    files: int = 0
    unchanged: int = 0  # already ingested from the same path: skipped
    new_documents: int = 0
    known_documents: int = 0  # same bytes already stored (re-ingest or a copy under another path)
    ignored: list[str] = field(default_factory=list)  # files of other types inside folders (README.md, images)
    errors: list[IngestErrorRecord] = field(default_factory=list)


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; return what happened."""
    report = IngestReport()
    paths_list = [str(p) for p in paths]
    for item in iter_input_files(paths_list):
        if not isinstance(item, InputFile):
            shown, error = item
            if isinstance(error, UnsupportedInput) and not _named(shown, paths_list):
                report.ignored.append(shown)
                continue
            _record(store, report, IngestErrorRecord(path=shown, reason=error.reason, message=str(error)))
            continue
        report.files += 1
        if on_file:
            on_file(item.display)
        _ingest_one(store, item, report, max_bytes)
    return report


def _ingest_one(store: Store, item: InputFile, report: IngestReport, max_bytes: int) -> None:
    try:
        content = load_bytes(item, max_bytes=max_bytes)
    except InputError as exc:
        _record(store, report, IngestErrorRecord(path=item.display, reason=exc.reason, message=str(exc)))
        return
    except OSError as exc:
        _record(store, report, IngestErrorRecord(path=item.display, reason="unreadable", message=f"cannot read: {exc}"))
        return
    sha = hashlib.sha256(content).hexdigest()
    if store.has_original(sha, item.display):
        report.unchanged += 1  # the same bytes from the same path: nothing to do, not even parsing
        return
    try:
        result = read_input(item, content=content)
    except InputError as exc:
        _record(store, report, IngestErrorRecord(path=item.display, reason=exc.reason, message=str(exc), sha256=sha))
        return
    original = Original(sha256=result.sha256, content=result.content, path=item.display, media_type=result.media_type)
    extra = []
    if item.sidecar is not None:
        try:
            meta_bytes = item.sidecar.read_bytes()  # the metadata is evidence too: keep it byte for byte
            shown = os.path.join(os.path.dirname(item.display), item.sidecar.name)
            extra.append(Original(hashlib.sha256(meta_bytes).hexdigest(), meta_bytes, shown, "application/json"))
        except OSError:
            pass
    new = store.add_ingested(original, result.documents, extra=extra)
    report.new_documents += len(new)
    report.known_documents += len(result.documents) - len(new)
    for member, error in result.errors:
        _record(
            store,
            report,
            IngestErrorRecord(
                path=item.display, reason=error.reason, message=str(error), sha256=result.sha256, member=member
            ),
        )


def _named(shown: str, given: list[str]) -> bool:
    return shown in given


def _record(store: Store, report: IngestReport, error: IngestErrorRecord) -> None:
    store.record_ingest_error(error)
    report.errors.append(error)
