"""Line-level classification of the stored text: body, title, byline, caption, boilerplate.

Already-extracted article text arrives with site junk still in it (breadcrumbs,
share labels, newsletter promos, lists of unrelated headlines) and with photo
captions mixed into the body. Every non-empty line becomes a segment with a kind
and a short reason.

The pipeline uses a learned model (``line_model.json``, trained on the labelled
line set of issue 3 by ``newstrace bench lines --train``) over language-general
features (``line_features``): shape, punctuation, verb-like and function words,
position, neighbours, repetition in the document and on other pages of the same
site, credit patterns, and what the structural rules below say. Those rules (the
former classifier, kept as a feature and as the baseline ``classify_lines_rules``)
look at structure first (length, sentence punctuation, verbs, position, repetition,
runs of short lines, separators, credit patterns); a few cue words help on short
lines only.

Losing body text is worse than keeping junk: the model calls a line boilerplate
only when P(boilerplate) reaches a threshold chosen for precision on the train split.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..pipeline import register_stage
from ..record import Document, Segment

if TYPE_CHECKING:
    from .line_features import SiteLineCounts
    from .line_model import LineModel

__all__ = [
    "RULE_REASONS",
    "classify_lines",
    "classify_lines_rules",
    "line_spans",
    "rule_kinds",
    "segment_document",
    "SegmentsStage",
]

# "Photo: AFP", "(Photo: Reuters)", "Photo by Jane Doe/Getty Images", "Фото: ...", "Foto: PAP", "Image: ..."
_CREDIT = regex.compile(
    r"(?:^|[\s(\[|/–—-])(?:photo(?:graph)?s?|image|picture|video|footage|illustration|credit|фото|снимка|foto|zdjęcie|"
    r"source|источник|джерело)\s*(?:by|:|©|/)\s*\p{Lu}?[\w.&'’ -]{1,60}\)?\.?$",
    regex.I,
)
_AGENCY_CREDIT = regex.compile(
    r"(?:/|\(|\s)(?:AFP|AP|Reuters|EPA|Getty Images|PAP|TASS|Anadolu|Shutterstock|Ukrinform|UNIAN|EPA-EFE|"
    r"Associated Press)\)?\.?$"
)
_CAPTION_LEAD = regex.compile(
    r"^(?:image|photo|video|picture)\s+(?:caption|source|credit)\b|^(?:watch|video)\s*:", regex.I
)
_BREADCRUMB = regex.compile(r"(?:\s[›»>/|]\s.*){2,}|(?:\s›\s)")
_SENTENCE_END = regex.compile(r"[.!?…»\"”)\]]\s*$")
_HAS_VERBISH = regex.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|said|says|told|killed|wounded|"
    r"\w{3,}(?:ed|ing|es))\b",
    regex.I,
)
_COUNTER = regex.compile(r"^\p{L}[\p{L} ]{0,25}\s*[(\[]\d+[)\]]$")  # "Comments (12)"
_BYLINE = regex.compile(r"^(?:by|von|par|por|от|автор)\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,4}", regex.I)
_TIMESTAMP = regex.compile(
    r"^(?:updated|published|posted|last updated)?[:\s]*\d{1,2}[:.]\d{2}|"
    r"^(?:updated|published|posted)\b|^\d{1,2}\s+\p{L}+\s+\d{4}(?:,?\s+\d{1,2}[:.]\d{2})?$",
    regex.I,
)
# Cue words on SHORT lines only (never used to drop a long sentence): calls to action and site furniture.
_CUES = regex.compile(
    r"\b(?:share|tweet|subscribe|subscription|newsletter|sign up|sign in|log in|cookies?|consent|advertisement|"
    r"read more|read full|continue reading|more from|related|recommended|most read|trending|follow us|"
    r"all rights reserved|terms of use|privacy policy|comments?|click here|download|app|copyright|"
    r"continuation of the material|under the video|see also|also read|watch)\b|©",
    regex.I,
)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its leading and trailing whitespace."""
    spans = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return spans


def _lines(text: str) -> list[_Line]:
    return [_Line(start, end, text[start:end]) for start, end in line_spans(text)]


def _is_sentence_like(line: _Line) -> bool:
    return line.words >= 8 and (bool(_SENTENCE_END.search(line.text)) or line.words >= 20)


def _caption_like(line: _Line) -> bool:
    if line.words > 60:
        return False
    text = line.text
    return bool(
        _CREDIT.search(text) or _CAPTION_LEAD.search(text) or (line.words <= 40 and _AGENCY_CREDIT.search(text))
    )


RULE_REASONS = (
    "equals the page title",
    "ends in a photo or video credit",
    "breadcrumb separators",
    "label with a counter",
    "repeated on other pages of the same site",
    "short line with a call to action or site furniture",
    "subheading before body text",
    "one to three words, no sentence",
    "timestamp",
    "byline",
    "first line, short, no full stop",
    "short line repeated in the article",
    "sentence",
    "clause with a verb",
    "subheading",
    "short line",
    "run of short headline-like lines",
)


def rule_kinds(
    lines: list[_Line], *, title: str | None = None, site_lines: Counter[str] | None = None
) -> list[tuple[str, str]]:
    """The structural rules' (kind, reason) for every line; kinds body, title, caption, boilerplate, other."""
    counts = Counter(line.text for line in lines)
    kinds = [_classify_one(i, line, lines, counts, title, site_lines) for i, line in enumerate(lines)]
    _mark_headline_runs(lines, kinds)
    return kinds


def classify_lines_rules(
    text: str, *, title: str | None = None, site_lines: Counter[str] | None = None
) -> list[Segment]:
    """The rule classifier alone (the baseline of ``newstrace bench lines``); bylines and timestamps are "other"."""
    lines = _lines(text)
    kinds = rule_kinds(lines, title=title, site_lines=site_lines)
    return [
        Segment(line.start, line.end, kind, None, reason)  # type: ignore[arg-type]
        for line, (kind, reason) in zip(lines, kinds, strict=True)
    ]


def classify_lines(
    text: str,
    *,
    title: str | None = None,
    site_docs: int = 0,
    site_counts: list[int] | None = None,
    all_counts: list[int] | None = None,
    model: LineModel | None = None,
) -> list[Segment]:
    """Classify every non-empty line of ``text`` with the learned model shipped in the package.

    ``site_docs`` and ``site_counts`` describe the same outlet's other pages (see
    ``SiteLineCounts``): how many were seen and, per line, how many contain it;
    ``all_counts`` per line how many other documents of any site contain it.
    Kinds: body, title, byline, caption, boilerplate.
    """
    from .line_model import load_model

    return (model or load_model()).classify(
        text, title=title, site_docs=site_docs, site_counts=site_counts, all_counts=all_counts
    )


def _classify_one(
    i: int,
    line: _Line,
    lines: list[_Line],
    counts: Counter[str],
    title: str | None,
    site_lines: Counter[str] | None,
) -> tuple[str, str]:
    text = line.text
    words = line.words
    if title and text.strip().rstrip(".") == title.strip().rstrip("."):
        return "title", "equals the page title"
    if _caption_like(line):
        return "caption", "ends in a photo or video credit"
    if words <= 12 and _BREADCRUMB.search(text):
        return "boilerplate", "breadcrumb separators"
    if _COUNTER.match(text):
        return "boilerplate", "label with a counter"
    if site_lines is not None and words <= 25 and site_lines.get(text, 0) >= 3:
        return "boilerplate", "repeated on other pages of the same site"
    if words <= 25 and _CUES.search(text) and not _is_sentence_like(line):
        return "boilerplate", "short line with a call to action or site furniture"
    if words <= 3 and not _SENTENCE_END.search(text):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following is not None and _is_sentence_like(following) and text[:1].isupper():
            return "other", "subheading before body text"
        return "boilerplate", "one to three words, no sentence"
    if _TIMESTAMP.match(text) and words <= 8:
        return "other", "timestamp"
    if _BYLINE.match(text) and words <= 8:
        return "other", "byline"
    if i == 0 and len(lines) > 1 and words <= 25 and not text.endswith("."):
        return "title", "first line, short, no full stop"
    if counts[text] > 1 and words <= 40 and not _is_sentence_like(line):
        return "caption", "short line repeated in the article"
    if _is_sentence_like(line):
        return "body", "sentence"
    if words >= 6 and _HAS_VERBISH.search(text):
        return "body", "clause with a verb"
    if text.endswith("?") or text.endswith(":"):
        return "other", "subheading"
    return "other", "short line"


def _mark_headline_runs(lines: list[_Line], kinds: list[tuple[str, str]]) -> None:
    """A run of three or more short unpunctuated lines is a list of headlines or links, not the article."""
    i = 0
    n = len(lines)
    while i < n:
        j = i
        while (
            j < n
            and 3 <= lines[j].words <= 16
            and not _SENTENCE_END.search(lines[j].text)
            and kinds[j][0]
            in {
                "other",
                "body",
                "title",
            }
        ):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                kinds[k] = ("boilerplate", "run of short headline-like lines")
        i = max(j, i + 1)


MIN_SITE_DOCS = 10  # site counts are used only when the site has this many other pages


def segment_document(doc: Document, site_counts: SiteLineCounts | None = None) -> Document:
    """Classify the document's lines; ``site_counts`` (optional) counts lines over other pages of its site.

    The counts are used only when the store holds at least ``MIN_SITE_DOCS`` other pages
    of the site: the classifier learned them on sites with hundreds of pages, and a
    handful of pages says little about what a site repeats.
    """
    from .line_features import ALL_SITES, site_key

    docs, per_line = 0, None
    if site_counts is not None:
        site = site_key(doc.outlet, doc.path, doc.url)
        # (a run's table comes from the store, which holds this page too: it is left out, as the bench does)
        docs, per_line = site_counts.others(site, doc.text)
    if per_line is not None and docs >= MIN_SITE_DOCS:
        assert site_counts is not None
        _, anywhere = site_counts.others(ALL_SITES, doc.text)
        doc.segments = classify_lines(
            doc.text, title=doc.title, site_docs=docs, site_counts=per_line, all_counts=anywhere
        )
    else:
        doc.segments = classify_lines(doc.text, title=doc.title)
    if not doc.title:
        first_title = next((s for s in doc.segments if s.kind == "title"), None)
        if first_title is not None:
            doc.title = doc.text[first_title.start : first_title.end]
    if not doc.published:
        _published_from_dateline(doc)
    return doc


DATELINE_LINES = 6  # how far down a text its dateline is looked for


def _published_from_dateline(doc: Document) -> None:
    """A text with no date in its metadata, its file name or its folder: a dateline among its first lines, a
    byline-like line of at most eight words that is a full date ("15.03.2024 08:40", "14 March 2024, 11:30"), is
    its publication date (``published_source`` "text"), so relative dates ("yesterday") resolve."""
    from ..extract.dates import parse_published

    for seg in doc.segments[:DATELINE_LINES]:
        line = doc.text[seg.start : seg.end]
        if seg.kind != "byline" or len(line.split()) > 8 or not any(ch.isdigit() for ch in line):
            continue
        when = parse_published(line)
        if when is not None and 1990 <= when.year <= 2100:
            doc.published = when.isoformat() if (when.hour or when.minute) else when.date().isoformat()
            doc.published_source = "text"
            return


@register_stage("clean.segments", requires=["text"], provides=["segments", "title"])
class SegmentsStage:
    """Split the text into lines and classify each as body, title, byline, caption or boilerplate.

    ``site_counts`` is an optional table of line counts over other pages of each site
    (``newstrace.clean.line_features.SiteLineCounts``, e.g. built from a store or a
    corpus folder); without it each document is classified on its own, so the result
    never depends on which other documents share its batch.
    """

    def __init__(self, site_counts: SiteLineCounts | None = None) -> None:
        self.site_counts = site_counts

    def __call__(self, doc: Document) -> Document:
        return segment_document(doc, self.site_counts)
