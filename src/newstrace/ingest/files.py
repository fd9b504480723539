"""Files and folders to documents.

Supported inputs: ``.txt`` (and ``.text``), ``.html``/``.htm``,
``.jsonl``/``.ndjson`` (one article per line), ``.json`` (one article object or a
list of them). A ``.json`` file beside a file of the same stem (``a.txt`` +
``a.json``) is that file's sidecar metadata, not an input of its own.

Each input file is kept byte for byte with its SHA-256. A document's id is a
hash of its own bytes (a whole file, or one line of a JSON Lines file), so the
same article ingested twice, from any path, is the same document.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EmptyInputError, InputError, TooLargeError
from ..record import Document, stable_id
from .decode import decode_bytes, normalise_text
from .html import declared_charset, parse_html

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "InputFile",
    "UnsupportedInput",
    "ReadResult",
    "iter_input_files",
    "read_input",
    "load_bytes",
    "document_from_text",
]

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_TEXT_KEYS = ("text", "content", "body", "article", "maintext")
_HTML_KEYS = ("html", "raw_html")
_META_KEYS = {
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source", "site", "site_name", "sitename", "publisher", "domain"),
    "published": ("published", "date", "published_at", "publish_date", "datetime", "pubdate", "seendate"),
    "language": ("language", "lang"),
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline"),
}
_FILENAME_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})-?(0[1-9]|1[0-2])-?([0-2]\d|3[01])(?:T(\d{2})(\d{2})(\d{2})?Z?)?")


class UnsupportedInput(InputError):
    """A file whose type newstrace does not read (ignored inside folders, an error when named)."""

    reason = "unsupported"


@dataclass(slots=True)
class InputFile:
    path: Path  # where to read it
    display: str  # the path as given at ingest (relative stays relative)
    sidecar: Path | None = None


@dataclass(slots=True)
class ReadResult:
    sha256: str
    content: bytes
    media_type: str
    documents: list[Document] = field(default_factory=list)
    errors: list[tuple[str, InputError]] = field(default_factory=list)  # (member, error)


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[InputFile | tuple[str, InputError]]:
    """Expand files and folders (recursively, sorted) into input files.

    Yields ``(path, error)`` for what cannot be an input (missing paths, unsupported types).
    """
    for given in paths:
        p = Path(given)
        if not p.exists():
            yield str(given), InputError(f"no such file or folder: {given}")
            continue
        if p.is_file():
            yield from _classify([p], {str(p): str(given)}, explicit=True)
            continue
        files: list[Path] = []
        display: dict[str, str] = {}
        for root, dirs, names in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                fp = Path(root) / name
                files.append(fp)
                display[str(fp)] = os.path.join(str(given), os.path.relpath(fp, p))
        yield from _classify(files, display)


def _classify(
    files: list[Path], display: dict[str, str], *, explicit: bool = False
) -> Iterator[InputFile | tuple[str, InputError]]:
    stems: dict[tuple[str, str], list[Path]] = {}
    for f in files:
        stems.setdefault((str(f.parent), f.stem), []).append(f)
    for f in files:
        suffix = f.suffix.lower()
        shown = display[str(f)]
        siblings = [s for s in stems[(str(f.parent), f.stem)] if s != f]
        if (
            not explicit
            and suffix in JSON_SUFFIXES
            and any(s.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES for s in siblings)
        ):
            continue  # a sidecar, read with its article
        if suffix not in SUPPORTED_SUFFIXES:
            yield (
                shown,
                UnsupportedInput(
                    f"unsupported file type {suffix or '(no extension)'!r}; newstrace reads "
                    + ", ".join(sorted(SUPPORTED_SUFFIXES))
                ),
            )
            continue
        sidecar = None
        if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
            candidate = f.with_suffix(".json")
            sidecar = candidate if candidate.is_file() else None
        yield InputFile(path=f, display=shown, sidecar=sidecar)


def load_bytes(item: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refusing files over ``max_bytes`` before reading them."""
    size = item.path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(
            f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; split it or raise --max-bytes"
        )
    return item.path.read_bytes()


def read_input(item: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES, content: bytes | None = None) -> ReadResult:
    """Read one input file into documents. Raises InputError when the whole file is unusable."""
    if content is None:
        content = load_bytes(item, max_bytes=max_bytes)
    sha = hashlib.sha256(content).hexdigest()
    suffix = item.path.suffix.lower()
    meta = _read_sidecar(item.sidecar) if item.sidecar else {}
    if suffix in JSONL_SUFFIXES:
        result = ReadResult(sha, content, "application/jsonl")
        _read_jsonl(content, item.display, result)
        return result
    if suffix in JSON_SUFFIXES:
        result = ReadResult(sha, content, "application/json")
        _read_json(content, item.display, result)
        return result
    media_type = "text/html" if suffix in HTML_SUFFIXES else "text/plain"
    result = ReadResult(sha, content, media_type)
    if media_type == "text/html":
        text, _ = decode_bytes(content, declared=declared_charset(content))
        doc = _document_from_html(text, content, item.display, meta)
    else:
        text, _ = decode_bytes(content)
        doc = document_from_text(text, raw=content, path=item.display, meta=meta)
    _date_from_filename(doc, item.path.name)
    _date_from_folder(doc, item.path.parent.name)
    result.documents.append(doc)
    return result


def document_from_text(text: str, *, raw: bytes, path: str, meta: dict[str, Any] | None = None) -> Document:
    """A document from already-extracted text and optional metadata."""
    stored = normalise_text(text)
    if not stored:
        raise EmptyInputError("no text left after removing whitespace and invisible characters")
    sha = hashlib.sha256(raw).hexdigest()
    doc = Document(id=stable_id("doc", sha), sha256=sha, path=path, text=stored, media_type="text/plain")
    _apply_meta(doc, meta or {}, source="metadata")
    return doc


def _document_from_html(html: str, raw: bytes, path: str, meta: dict[str, Any]) -> Document:
    article = parse_html(html)
    body = normalise_text(article.text)
    if not body:
        raise EmptyInputError("the page has no visible text")
    title = normalise_text(article.title) if article.title else None
    # The title becomes the first line of the stored text, so it has offsets like everything else.
    stored = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    sha = hashlib.sha256(raw).hexdigest()
    doc = Document(id=stable_id("doc", sha), sha256=sha, path=path, text=stored, media_type="text/html")
    page_meta = {
        "title": title,
        "published": article.published,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "language": article.language,
    }
    _apply_meta(doc, page_meta, source="html")
    _apply_meta(doc, meta, source="metadata")  # a sidecar overrides what the page says
    return doc


def _pick(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        if k in record and record[k] not in (None, "", []):
            return record[k]
    return None


def _apply_meta(doc: Document, meta: dict[str, Any], *, source: str) -> None:
    for field_name, keys in _META_KEYS.items():
        value = _pick(meta, keys)
        if value is None:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        value = " ".join(str(value).split())
        if not value:
            continue
        if field_name == "published":
            value = _iso_published(value)
            doc.published_source = source
        setattr(doc, field_name, value)


def _iso_published(value: str) -> str:
    """ISO 8601 for any date format a page or feed uses ("Thu, 14 Mar 2024 09:30:00 GMT" too); else as given."""
    from ..extract.dates import parse_published

    parsed = parse_published(value)
    if parsed is None:
        return value
    if len(value) <= 10 and not (parsed.hour or parsed.minute or parsed.second):
        return parsed.date().isoformat()
    return parsed.isoformat().replace("+00:00", "Z")


def _date_from_filename(doc: Document, name: str) -> None:
    if doc.published:
        return
    m = _FILENAME_DATE.search(name)
    if not m:
        return
    y, mo, d, hh, mm, ss = m.groups()
    doc.published = f"{y}-{mo}-{d}" + (f"T{hh}:{mm}:{ss or '00'}Z" if hh else "")
    doc.published_source = "filename"


_FOLDER_DATE = re.compile(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def _date_from_folder(doc: Document, name: str) -> None:
    """Collections filed by day (``.../2011-01-26/article.txt``): the folder is the publication date."""
    if doc.published:
        return
    m = _FOLDER_DATE.match(name)
    if m:
        doc.published = "-".join(m.groups())
        doc.published_source = "folder"


def _read_sidecar(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}  # a broken sidecar loses metadata, never the article
    return data if isinstance(data, dict) else {}


def _record_to_document(record: Any, raw: bytes, path: str) -> Document:
    if not isinstance(record, dict):
        raise InputError("a JSON record must be an object with a 'text' or 'html' field")
    text = _pick(record, _TEXT_KEYS)
    html = _pick(record, _HTML_KEYS)
    if isinstance(text, str) and text.strip():
        return document_from_text(text, raw=raw, path=path, meta=record)
    if isinstance(html, str) and html.strip():
        return _document_from_html(html, raw, path, record)
    raise EmptyInputError(
        "the record has no text: give the article in a 'text' (plain text) or 'html' field; keys found: "
        + ", ".join(sorted(map(str, record))[:10])
    )


def _read_jsonl(content: bytes, display: str, result: ReadResult) -> None:
    text, _ = decode_bytes(content)
    raw_lines = content.splitlines()
    decoded_lines = text.splitlines()
    if len(raw_lines) != len(decoded_lines):
        raw_lines = [line.encode("utf-8") for line in decoded_lines]
    for n, (raw, line) in enumerate(zip(raw_lines, decoded_lines, strict=True), start=1):
        if not line.strip():
            continue
        member = f"{display}#{n}"
        try:
            record = json.loads(line)
            doc = _record_to_document(record, raw, member)
        except json.JSONDecodeError as exc:
            result.errors.append((str(n), InputError(f"line {n} is not valid JSON: {exc.msg} at column {exc.colno}")))
            continue
        except InputError as exc:
            result.errors.append((str(n), type(exc)(f"line {n}: {exc}")))
            continue
        result.documents.append(doc)
    if not result.documents and not result.errors:
        raise EmptyInputError("the JSON Lines file has no records")


def _read_json(content: bytes, display: str, result: ReadResult) -> None:
    text, _ = decode_bytes(content)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    records = data if isinstance(data, list) else [data]
    for n, record in enumerate(records, start=1):
        raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
        member = f"{display}#{n}" if isinstance(data, list) else display
        try:
            result.documents.append(_record_to_document(record, raw, member))
        except InputError as exc:
            result.errors.append((str(n) if isinstance(data, list) else "", exc))
