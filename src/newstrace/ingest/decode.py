"""Bytes to text: encoding detection, binary refusal, and normalisation.

Decoding order: a byte-order mark; strict UTF-8; then charset-normalizer's best
guess (cp1251, latin-1, ...). Bytes that look like a binary file (NUL bytes,
known magic numbers, many control characters) are refused with a reason rather
than turned into garbage text.
"""

from __future__ import annotations

import codecs
import unicodedata

import regex

from ..errors import BinaryInputError, DecodingError, EmptyInputError

__all__ = ["decode_bytes", "normalise_text", "looks_binary"]

_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a docx/xlsx file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"MZ": "a Windows executable",
    b"SQLite format 3": "a SQLite database",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, newline, carriage return, form feed.
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACES = regex.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_TRAILING = regex.compile(r"[ \t]+\n")
_MANY_BLANKS = regex.compile(r"\n{3,}")


def looks_binary(data: bytes) -> str | None:
    """A reason when ``data`` looks like a binary file, else None."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return f"this is {what}, not text"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text has NUL bytes by design
    head = data[:8192]
    if b"\x00" in head:
        return "the file contains NUL bytes: it is binary, not text"
    return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; return (text, encoding used).

    ``declared`` is an encoding named by the source (an HTML meta charset or an
    HTTP header); it is tried after UTF-8 and before guessing.
    """
    if not data.strip():
        raise EmptyInputError("the file is empty (or only whitespace): nothing to ingest")
    reason = looks_binary(data)
    if reason:
        raise BinaryInputError(reason)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"the file starts with a {encoding} byte-order mark but does not decode: {exc}"
                ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared.lower()
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise DecodingError(
            "no text encoding decodes this file; convert it to UTF-8 (e.g. with iconv) and ingest it again"
        )
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode(best.encoding, errors="replace")
    if _CONTROL.search(text[:5000]) and len(_CONTROL.findall(text[:5000])) > 20:
        raise BinaryInputError("the decoded text is full of control characters: it is probably binary")
    return text, best.encoding


def normalise_text(text: str) -> str:
    """NFC, one kind of newline, no invisible characters, no trailing spaces.

    The original bytes are kept separately, so the stored text may be normalised;
    every offset then indexes this normalised text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    text = _TRAILING.sub("\n", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()
