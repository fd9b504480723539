"""Bytes to text: encoding detection, binary refusal, and normalisation.

Decoding order: a byte-order mark; strict UTF-8; the declared charset; UTF-8 with a
few cp1252/latin-1 bytes pasted in (mixed encodings: each invalid byte read as cp1252);
then charset-normalizer's best guess (cp1251, latin-1, ...). A Western single-byte
decoding that turns Cyrillic words into "Ïðåçèäåíò" is redone as cp1251. Bytes that look like a binary file (NUL bytes,
known magic numbers, many control characters) are refused with a reason rather
than turned into garbage text.
"""

from __future__ import annotations

import codecs

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
            return _prefer_cp1251(data, data.decode(declared), declared.lower())
        except (UnicodeDecodeError, LookupError):
            pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
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
    return _prefer_cp1251(data, text, best.encoding)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("newstrace-cp1252", _cp1252_fallback)


def _mostly_utf8(data: bytes) -> str | None:
    """Text that is UTF-8 with a few bytes of cp1252/latin-1 pasted in (mixed encodings): each invalid byte
    is read as cp1252. None when the file does not look like UTF-8 at all."""
    sample = data[:200_000].decode("utf-8", errors="replace")
    bad = sample.count("\ufffd")
    good = sum(1 for ch in sample if ord(ch) > 127 and ch != "\ufffd")
    if good >= 1 and bad <= 2 * good + 2:
        return data.decode("utf-8", errors="newstrace-cp1252")
    return None


_WESTERN = {"latin_1", "latin-1", "iso-8859-1", "iso8859_1", "cp1252", "windows-1252", "iso8859_15", "iso-8859-15"}


def _prefer_cp1251(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """cp1251 when a Western single-byte decoding turned Cyrillic words into "Ïðåçèäåíò"."""
    if encoding.lower().replace("_", "-") not in {e.replace("_", "-") for e in _WESTERN}:
        return text, encoding
    from ..clean.repair import cp1251_read_as_latin1

    words = regex.findall(r"\p{L}{3,}", text[:20000])
    cyrillic = sum(1 for w in words if cp1251_read_as_latin1(w) is not None)
    if words and cyrillic >= 3 and cyrillic >= 0.5 * len(words):
        try:
            return data.decode("cp1251"), "cp1251"
        except UnicodeDecodeError:
            return text, encoding
    return text, encoding


def normalise_text(text: str) -> str:
    """The stored text: ``text`` after :func:`newstrace.clean.repair.repair_text`.

    NFC, one kind of newline, no invisible characters, no trailing spaces, mojibake re-decoded, glued
    paragraphs split. The original bytes are kept separately; every offset indexes this text, and
    ``repair_text(text).to_source`` maps it back to ``text``.
    """
    from ..clean.repair import repair_text

    return repair_text(text).text
