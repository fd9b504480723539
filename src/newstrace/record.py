"""The typed records that flow through the pipeline.

One :class:`Document` goes through every per-document stage; each stage fills in
its own fields. Everything extracted from a document is a span: it carries
``start``/``end`` character offsets into ``Document.text`` (the stored text,
never modified after ingest), so every figure in a briefing can be traced to the
exact words it came from.

Corpus-level results (stories, claim groups, contradictions) live in
:class:`Corpus`, which refers to documents and claims by id.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

__all__ = [
    "SegmentKind",
    "Segment",
    "EntityType",
    "PlacePrecision",
    "Place",
    "Entity",
    "Mention",
    "AssociatedPlace",
    "DatePrecision",
    "DateMention",
    "Quantity",
    "Quote",
    "names_someone",
    "AttributionLink",
    "Claim",
    "StageError",
    "Document",
    "Story",
    "ClaimGroup",
    "Contradiction",
    "Corpus",
    "stable_id",
]

SegmentKind = Literal["body", "title", "byline", "caption", "boilerplate", "other"]  # "other": older stores
EntityType = Literal["person", "organization", "place", "unit", "outlet", "group", "other"]
PlacePrecision = Literal["point", "district", "region", "country", "continent"]
DatePrecision = Literal["day", "month", "year", "range", "unresolved"]


class _HasStart(Protocol):
    start: int


_Span = TypeVar("_Span", bound=_HasStart)


def stable_id(prefix: str, *parts: object) -> str:
    """A deterministic id: the same parts always give the same id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


@dataclass(slots=True)
class Segment:
    """A line or block of the stored text, classified by what it is."""

    start: int
    end: int
    kind: SegmentKind
    language: str | None = None
    reason: str = ""  # why the classifier chose this kind (short, for audits)


@dataclass(slots=True)
class Place:
    """Where a place entity is, from the gazetteer."""

    lat: float
    lon: float
    gazetteer_id: str  # e.g. "geonames:706483" or "newstrace:ua-oblast-donetsk"
    country_code: str | None
    precision: PlacePrecision
    score: float = 1.0  # confidence of the resolution, 0..1
    admin1: str | None = None
    population: int | None = None


@dataclass(slots=True)
class Entity:
    """A canonical entity: one person, organisation, unit or place."""

    id: str
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)
    place: Place | None = None
    reasons: list[str] = field(default_factory=list)  # why other names joined it: "'EU': acronym table", ...


@dataclass(slots=True)
class Mention:
    """A span of text that names an entity."""

    start: int
    end: int
    text: str
    label: str  # the recogniser's label (spaCy's PERSON, ORG, GPE, ... or UNIT, OUTLET)
    entity: str | None = None  # Entity.id


@dataclass(slots=True)
class AssociatedPlace:
    """A place a span is about without anything happening there: a nationality adjective ("Russian forces"), a
    union ("the EU") or a place inside an organisation's name ("Toronto Police Services Board").

    Kept in ``Document.associated_places``, apart from ``mentions`` and ``entities``: never where an event
    happened, never on the map."""

    start: int
    end: int
    text: str
    name: str  # the gazetteer's canonical name: "Russia", "European Union", "Toronto"
    place: Place
    reason: str = ""  # how it was resolved ("demonym ...", ...)


@dataclass(slots=True)
class DateMention:
    """A date or time expression, normalised against the publication date."""

    start: int
    end: int
    text: str
    value: str | None  # ISO 8601 at its precision: "2022-03-23", "2022-03", "2022"
    end_value: str | None = None  # for ranges: the last day/month/year covered
    precision: DatePrecision = "unresolved"
    reason: str = ""  # how it was resolved ("absolute", "relative to published 2022-03-23", ...)


@dataclass(slots=True)
class Quantity:
    """A number with what it counts and how it is hedged."""

    start: int
    end: int
    text: str
    value: float | None  # the point value when there is one
    low: float | None = None  # for ranges and vague numbers ("dozens" -> 24..99)
    high: float | None = None
    unit: str | None = None  # "km", "%", "km2", "USD", ... or None for counts of things
    qualifier: str | None = None  # "at least", "about", "up to", "more than", "no more than", ...
    counted: str | None = None  # the counted thing: "civilians", "soldiers", "tanks"
    role: str | None = None  # casualty role: killed, wounded, missing, captured, detained, ...
    sentence_start: int | None = None
    sentence_end: int | None = None


def names_someone(speaker: str | None) -> bool:
    """Whether a quote's speaker names someone: words, not a number alone ("34" of "the 11 dead and 34 wounded ...
    claimed by"), so a claim's chain or a briefing can name it as a source."""
    return any(ch.isalpha() for ch in speaker or "")


@dataclass(slots=True)
class Quote:
    """A quotation or a piece of reported speech, with who said it."""

    start: int  # the content span
    end: int
    text: str
    kind: Literal["direct", "indirect"] = "direct"
    speaker: str | None = None  # the speaker's words as written ("a local resident")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity: str | None = None  # Entity.id when the speaker is a known entity
    cue: str | None = None  # "said", "told", "according to", ...
    cue_start: int | None = None
    cue_end: int | None = None
    cited_outlet: str | None = None  # "BBC" in "told the BBC"
    cue_type: str | None = None  # "speech" | "belief" | "document" | "other" (None: no speaker or cue)
    # the index in Document.quotes of the earlier piece of the same quotation, when its attribution splits it
    # ('"A," she said. "B."': B continues A); None for a quotation's first or only piece
    continues: int | None = None


@dataclass(slots=True)
class AttributionLink:
    """One link of an attribution chain, from the article's outlet to the primary source.

    ``kind`` is how this source passed the statement on: "published" (the article's
    own outlet), "reported_by" / "according_to" (a cited outlet or agency),
    "quoted_to" (a speaker talking to an outlet), "said" (the primary source).
    """

    kind: str
    source: str
    entity: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Claim:
    """A sentence-level statement from body text, with who says so."""

    id: str
    start: int
    end: int
    text: str
    kind: str = "reported_fact"  # reported_fact, allegation, denial, estimate, forecast, opinion, official_statement
    attribution: list[AttributionLink] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    quantities: list[int] = field(default_factory=list)  # indexes into Document.quantities
    quotes: list[int] = field(default_factory=list)  # indexes into Document.quotes

    def primary_source(self) -> AttributionLink | None:
        """Who made the statement: the speaker when there is one, else the last source cited.

        None when the article states it in its own voice.
        """
        said = [a for a in self.attribution if a.kind == "said"]
        if said:
            return said[-1]
        cited = [a for a in self.attribution if a.kind != "published"]
        return cited[-1] if cited else None


@dataclass(slots=True)
class StageError:
    """Why a stage could not process a document."""

    stage: str
    message: str


@dataclass(slots=True)
class Document:
    """One article, and everything the per-document stages found in it."""

    id: str
    sha256: str  # of the original bytes this document came from
    path: str  # as given at ingest; "file.jsonl#12" for the 12th line of a JSON Lines file
    text: str  # the stored text: all offsets index this string
    media_type: str = "text/plain"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    published_source: str | None = None  # where the date came from: "metadata", "html", "filename", "folder", "text"
    language: str | None = None
    author: str | None = None
    segments: list[Segment] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)  # entities this document mentions
    mentions: list[Mention] = field(default_factory=list)
    associated_places: list[AssociatedPlace] = field(default_factory=list)  # what it is about, not where
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # names of stages that ran
    # Transient, never stored: the spaCy Doc over ``text`` while the extract stages run.
    analysis: Any = field(default=None, repr=False, compare=False)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def body_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "body"]

    def kind_at(self, offset: int) -> str | None:
        """The segment kind covering a character offset (None when no segment covers it)."""
        i = bisect_right([s.start for s in self.segments], offset) - 1
        if i >= 0 and offset < self.segments[i].end:
            return self.segments[i].kind
        return None

    def outside_boilerplate(self, items: list[_Span]) -> list[_Span]:
        """The items that do not start in a boilerplate line (all of them before segmentation)."""
        return [x for x in items if self.kind_at(x.start) != "boilerplate"]


@dataclass(slots=True)
class Story:
    """Articles about the same event."""

    id: str
    documents: list[str]
    title: str = ""
    score: float = 0.0


@dataclass(slots=True)
class ClaimGroup:
    """The same claim in different words, across documents."""

    id: str
    claims: list[str]  # Claim ids
    story: str | None = None
    independent_sources: int = 1
    sources: list[str] = field(default_factory=list)  # the distinct original sources counted
    status: str = "single_source"  # confirmed, single_source, contradicted, denied, unverified
    score: float = 0.0


@dataclass(slots=True)
class Contradiction:
    """Two or more claims that cannot all be true as stated."""

    claims: list[str]
    kind: str  # "different_numbers", "denial", "updated_figure", "competing_accounts"
    explanation: str
    story: str | None = None


@dataclass(slots=True)
class Corpus:
    """What the cross-document stages found."""

    stories: list[Story] = field(default_factory=list)
    claim_groups: list[ClaimGroup] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    copies: list[tuple[str, str, float]] = field(default_factory=list)  # (copy, original, similarity)
