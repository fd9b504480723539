"""What the labelled sets of the benchmarks share: label files in JSON Lines, the sha256 that ties a label to the
exact text it was made on, and the fixed hash split that puts each labelled item in one part for good."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

__all__ = ["read_label_lines", "source_sha256", "labelled_file_text", "hash_split"]


def read_label_lines(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a label file, one a non-blank line."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def source_sha256(source: str | bytes) -> str:
    """The sha256 a label records of its source: of the bytes of a file, or of the UTF-8 encoding of a text."""
    return hashlib.sha256(source.encode("utf-8") if isinstance(source, str) else source).hexdigest()


def labelled_file_text(data: Path, corpus: str, path: str, sha256: str) -> str:
    """The UTF-8 text of ``data/corpus/path``; ValueError when the file changed since it was labelled."""
    raw = (data / corpus / path).read_bytes()
    if source_sha256(raw) != sha256:
        raise ValueError(f"{corpus}/{path} changed since it was labelled (sha256 differs)")
    return raw.decode("utf-8")


def hash_split(key: str, first: str, rest: str, *, share: int, of: int = 100) -> str:
    """``first`` for about ``share`` in ``of`` keys, else ``rest``: fixed by the first 8 hex digits of the key's SHA-1
    modulo ``of``, so an item never changes part and no one chooses it."""
    return first if int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % of < share else rest
