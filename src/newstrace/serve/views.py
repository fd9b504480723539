"""What the pages and the API show, shaped from the store's records (no HTML here).

Everything returned holds article text as plain strings: the templates escape it.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote, urlencode

from ..record import Claim, ClaimGroup, Corpus, Document, Story
from ..report.export import associated_place_json, claim_json, entity_json, mention_json, place_feature
from ..report.export import document_json as export_document_json
from ..report.facts import TimelineItem, located_place_mentions
from ..store import DocumentSummary, Store, StorySummary

__all__ = [
    "Piece",
    "document_pieces",
    "document_json",
    "about_places",
    "ledger",
    "place_features",
    "story_summary",
    "timeline_rows",
    "documents_mentioning",
    "chain_text",
    "Pager",
    "story_summary_json",
    "document_summary_json",
    "attachment_disposition",
]


# --- paging ------------------------------------------------------------------------


@dataclass(slots=True)
class Pager:
    """Page ``page`` (from 1) of ``total`` rows, ``per_page`` a page, for the links under a list."""

    page: int
    per_page: int
    total: int
    path: str
    params: dict[str, str] = field(default_factory=dict)  # the other query parameters, kept in the links

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first(self) -> int:
        """The number of the first row shown (0 when the page is empty)."""
        return self.offset + 1 if self.offset < self.total else 0

    @property
    def last(self) -> int:
        return min(self.offset + self.per_page, self.total)

    def url(self, page: int) -> str:
        params = {k: v for k, v in self.params.items() if v}
        if page > 1:
            params["page"] = str(page)
        return self.path + ("?" + urlencode(params) if params else "")

    @property
    def prev_url(self) -> str | None:
        return self.url(min(self.page - 1, self.pages)) if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.page + 1) if self.page < self.pages else None


def attachment_disposition(path: str, fallback: str = "original") -> str:
    """A Content-Disposition that makes browsers download, with a file name no header or path trick survives."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].split("#", 1)[0]
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or fallback
    utf8 = quote(re.sub(r"[\x00-\x1f\x7f/]+", "_", name) or fallback, safe="")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8}"


# --- documents ---------------------------------------------------------------------


@dataclass(slots=True)
class Piece:
    """A run of a document's text with the same annotations: one <span> in the document view."""

    start: int
    end: int
    text: str
    segment: str  # body, title, byline, caption, boilerplate, other, or "gap" between segments
    classes: list[str] = field(default_factory=list)
    entity: str | None = None
    notes: list[str] = field(default_factory=list)  # tooltips: what covers this text

    @property
    def css(self) -> str:
        return " ".join([f"seg-{self.segment}", *self.classes])


def _annotations(doc: Document) -> list[tuple[int, int, str, str | None, str]]:
    """(start, end, css class, entity id, note) for everything extracted from the document."""
    out: list[tuple[int, int, str, str | None, str]] = []
    for c in doc.claims:
        out.append((c.start, c.end, f"claim claim-{c.kind}", None, f"claim ({c.kind.replace('_', ' ')})"))
    for q in doc.quotes:
        who = q.speaker or "speaker unknown"
        out.append((q.start, q.end, "quote", None, f"{q.kind} quote: {who}"))
        if q.speaker_start is not None and q.speaker_end is not None:
            out.append((q.speaker_start, q.speaker_end, "speaker", q.speaker_entity, "speaker"))
    for m in doc.mentions:
        ent = doc.entities.get(m.entity or "")
        kind = ent.type if ent else "other"
        place = f", {ent.place.precision}" if ent and ent.place else ""
        note = f"{kind}: {ent.name if ent else m.text}{place} ({m.label})"
        out.append((m.start, m.end, f"ent ent-{kind}", m.entity if ent else None, note))
    for x in doc.quantities:
        parts = [p for p in (x.qualifier, x.text, x.counted, x.role) if p]
        out.append((x.start, x.end, "num", None, "number: " + " ".join(parts)))
    for d in doc.dates:
        out.append((d.start, d.end, "date", None, f"date: {d.value or '?'} ({d.precision})"))
    return [a for a in out if 0 <= a[0] < a[1] <= len(doc.text)]


def document_pieces(doc: Document) -> list[Piece]:
    """The whole text cut at every segment and annotation boundary, in order."""
    text = doc.text
    segments = sorted(doc.segments, key=lambda s: s.start)
    cuts = {0, len(text)}
    for s in segments:
        cuts.update((s.start, s.end))
    annotations = _annotations(doc)
    for a in annotations:
        cuts.update((a[0], a[1]))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces: list[Piece] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        kind = doc.kind_at(start) or "gap"
        piece = Piece(start, end, text[start:end], kind)
        for a_start, a_end, css, entity, note in annotations:
            if a_start <= start and end <= a_end:
                piece.classes.extend(c for c in css.split() if c not in piece.classes)
                piece.notes.append(note)
                if entity and piece.entity is None:
                    piece.entity = entity
        pieces.append(piece)
    return pieces


def document_json(doc: Document) -> dict[str, Any]:
    """A document as in the JSON export (docs/export.md), with its text and everything found in it."""
    out = export_document_json(doc, include_text=True)
    out["author"] = doc.author
    out["entities"] = [entity_json(e) for e in doc.entities.values()]
    out["mentions"] = [mention_json(m) for m in doc.mentions]
    out["associated_places"] = [associated_place_json(a) for a in doc.associated_places]
    out["dates"] = [asdict(x) for x in doc.dates]
    out["quantities"] = [asdict(x) for x in doc.quantities]
    out["quotes"] = [asdict(x) for x in doc.quotes]
    out["claims"] = [claim_json(c) for c in doc.claims]
    return out


def about_places(doc: Document) -> list[tuple[str, list[str]]]:
    """(name, the words as written) of each place the document is about without placing anything there
    ("Russian forces" -> Russia, "the EU"), in order of first appearance: the document page's "About" line."""
    out: dict[str, list[str]] = {}
    for a in doc.associated_places:
        words = out.setdefault(a.name, [])
        if a.text not in words:
            words.append(a.text)
    return list(out.items())


def documents_mentioning(store: Store, entity_id: str) -> list[str]:
    """Ids of all the documents that mention an entity (the pages ask ``Store.entity_documents`` for one page)."""
    total = store.entity_documents(entity_id, limit=1).total
    return store.entity_documents(entity_id, limit=max(total, 1)).items


def document_summary_json(d: DocumentSummary) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title,
        "path": d.path,
        "outlet": d.outlet,
        "url": d.url,
        "published": d.published,
        "language": d.language,
        "length": d.length,
        "links": {"api": f"/api/documents/{d.id}", "original": f"/api/documents/{d.id}/original"},
    }


# --- stories -----------------------------------------------------------------------


def story_summary(story: Story, docs: dict[str, Document]) -> dict[str, Any]:
    members = [docs[d] for d in story.documents if d in docs]
    dates = sorted(d.published[:10] for d in members if d.published)
    return {
        "id": story.id,
        "title": story.title,
        "score": story.score,
        "documents": story.documents,
        "size": len(story.documents),
        "outlets": sorted({d.outlet for d in members if d.outlet}),
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
    }


def story_summary_json(s: StorySummary) -> dict[str, Any]:
    """The same fields as ``story_summary``, from a summary the store computed."""
    return {
        "id": s.id,
        "title": s.title,
        "score": s.score,
        "documents": s.documents,
        "size": s.size,
        "outlets": s.outlets,
        "first_published": s.first_published,
        "last_published": s.last_published,
    }


def chain_text(claim: Claim, doc: Document) -> str:
    """The attribution chain, outlet first, primary source last."""
    if not claim.attribution:
        return f"{doc.outlet or 'the article'} (in its own voice)"
    return " → ".join(f"{a.source} ({a.kind.replace('_', ' ')})" for a in claim.attribution)


@dataclass(slots=True)
class LedgerEntry:
    group: ClaimGroup
    claims: list[tuple[Claim, Document, str]]  # (claim, its document, its source chain)
    disputed: bool


def ledger(story: Story, docs: dict[str, Document], corpus: Corpus) -> list[LedgerEntry]:
    """Every claim group of a story with its claims, source chains and status."""
    claims = {c.id: (c, d) for d in (docs[x] for x in story.documents if x in docs) for c in d.claims}
    disputed = {c for x in corpus.contradictions if x.story == story.id for c in x.claims}
    out = []
    for g in corpus.claim_groups:
        if g.story != story.id:
            continue
        members = sorted(
            (claims[c] for c in g.claims if c in claims), key=lambda cd: (cd[1].published or "", cd[0].start)
        )
        if not members:
            continue
        out.append(LedgerEntry(g, [(c, d, chain_text(c, d)) for c, d in members], any(c in disputed for c in g.claims)))
    out.sort(key=lambda e: (-e.group.independent_sources, -len(e.claims), e.group.id))
    return out


def place_features(docs: list[Document]) -> dict[str, Any]:
    """The places these documents mention, as GeoJSON with the properties of the GeoJSON export."""
    located = located_place_mentions(docs)
    features = [
        place_feature(ent, refs) for ent, refs in sorted(located.values(), key=lambda er: -len(er[1]))
    ]
    return {"type": "FeatureCollection", "features": features}


# --- timeline ----------------------------------------------------------------------


def _interval(value: str, end_value: str | None, precision: str) -> tuple[date, date] | None:
    """The days a date expression covers, [first, last + 1)."""

    def bounds(text: str) -> tuple[date, date] | None:
        parts = text[:10].split("-")
        try:
            if len(parts) >= 3:
                d = date(int(parts[0]), int(parts[1]), int(parts[2]))
                return d, d + timedelta(days=1)
            if len(parts) == 2:
                y, m = int(parts[0]), int(parts[1])
                return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]) + timedelta(days=1)
            y = int(parts[0])
            return date(y, 1, 1), date(y + 1, 1, 1)
        except ValueError:
            return None

    first = bounds(value)
    if first is None:
        return None
    if precision == "range" and end_value:
        last = bounds(end_value)
        if last is not None and last[1] > first[0]:
            return first[0], last[1]
    return first


@dataclass(slots=True)
class TimelineRow:
    item: TimelineItem
    x: float
    width: float
    y: float
    label_x: float
    anchor: str  # "start": the label reads rightwards from label_x; "end": it ends at label_x
    start: date
    end: date


@dataclass(slots=True)
class TimelineChart:
    rows: list[TimelineRow]
    width: int
    height: int
    first: date | None
    last: date | None
    ticks: list[tuple[float, str]]


def timeline_rows(items: list[TimelineItem], *, width: int = 1200, row: int = 22) -> TimelineChart:
    """SVG geometry for dated claims: a dot for a day, a bar for a month, a year or a range."""
    spans = [(it, iv) for it in items if (iv := _interval(it.value, it.end_value, it.precision))]
    if not spans:
        return TimelineChart([], width, 40, None, None, [])
    first = min(iv[0] for _, iv in spans)
    last = max(iv[1] for _, iv in spans)
    days = max((last - first).days, 1)
    left, right = 10.0, float(width - 10)
    scale = (right - left) / days
    rows = []
    for i, (it, (a, b)) in enumerate(sorted(spans, key=lambda s: (s[1][0], s[1][1]))):
        x = left + (a - first).days * scale
        w = max((b - a).days * scale, 6.0)
        room_right, room_left = right - (x + w), x - left
        if max(room_right, room_left) < 320:  # no room beside the bar: over it
            label_x, anchor = x + 6, "start"
        elif room_right >= room_left:  # the label goes on the side with more room
            label_x, anchor = x + w + 6, "start"
        else:
            label_x, anchor = x - 6, "end"
        rows.append(TimelineRow(it, x, w, 30 + i * row, label_x, anchor, a, b - timedelta(days=1)))
    step = max(1, days // 6)
    ticks = [
        (left + d * scale, (first + timedelta(days=d)).isoformat())
        for d in range(0, days + 1, step)
        if left + d * scale < right - 70  # a label needs room
    ]
    return TimelineChart(rows, width, 40 + len(rows) * row, first, last - timedelta(days=1), ticks)
