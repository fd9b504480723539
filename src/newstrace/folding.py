"""Comparison keys for names: case, accents and punctuation folded away."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

__all__ = ["fold"]

_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")


@lru_cache(maxsize=1 << 16)  # names repeat: each text's capitalised words, every mention of an entity
def fold(text: str) -> str:
    """Lowercase, accents stripped, punctuation to spaces, single spaces: a comparison key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())
