"""Comparison keys for names: case, accents and punctuation folded away."""

from __future__ import annotations

import unicodedata

import regex

__all__ = ["fold"]

_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")


def fold(text: str) -> str:
    """Lowercase, accents stripped, punctuation to spaces, single spaces: a comparison key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())
