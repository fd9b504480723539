"""What a story's briefing states: the facts, each with its citations.

:func:`briefing_facts` picks them once (the claims most repeated across independent
sources, key numbers, who says what, disputes, places, a timeline) and numbers the
sources in order of first citation. The Markdown briefing (``briefing.py``), the
self-contained HTML briefing (``html.py``) and the web app all render these same
facts, so every renderer cites exactly the same words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..record import Claim, ClaimGroup, Corpus, Document, Entity, Quantity, Story, names_someone

__all__ = [
    "STATUS_LABEL",
    "Cite",
    "Reported",
    "Number",
    "QuoteItem",
    "Dispute",
    "PlaceItem",
    "TimelineItem",
    "Source",
    "BriefingFacts",
    "briefing_facts",
    "located_place_mentions",
    "one_line",
]

STATUS_LABEL = {
    "confirmed": "confirmed by independent sources",
    "single_source": "single source",
    "contradicted": "contradicted",
    "denied": "denied",
    "unverified": "flagged as unverified by the reporter",
}
_CASUALTY_ORDER = ("killed", "wounded", "injured", "missing", "captured", "detained")


def one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _primary(claim: Claim, doc: Document) -> str:
    """Who a claim comes from, for a reader: the primary source, with the speaker who passed it on when there is one
    ("a soldier (via the volunteer)"), else the outlet."""
    primary = claim.primary_source()
    if primary is None:
        return doc.outlet or "the article itself"
    said = [a for a in claim.attribution if a.kind == "said"]
    if len(said) >= 2 and said[-1] is primary:
        return f"{primary.source} (via {said[-2].source})"
    return primary.source


def _lead_claim(g: ClaimGroup, claims: dict[str, tuple[Claim, Document]]) -> tuple[Claim, Document] | None:
    present = [claims[c] for c in g.claims if c in claims]
    if not present:
        return None
    # The earliest published wording leads.
    return min(present, key=lambda cd: (cd[1].published or "9999", cd[0].start))


def _has_event_content(claim: Claim, doc: Document) -> bool:
    return bool(claim.quantities or claim.quotes or len(claim.text.split()) >= 8)


def _key_numbers(members: Iterable[Document]):  # type: ignore[no-untyped-def]
    out = defaultdict(list)
    for doc in members:
        claim_of = {}
        for c in doc.claims:
            for qi in c.quantities:
                claim_of[qi] = c
        for i, q in enumerate(doc.quantities):
            if q.role and doc.kind_at(q.start) in {"body", None}:
                out[q.role].append((q, doc, claim_of.get(i)))
    for role in out:
        out[role].sort(key=lambda x: (x[1].published or "", x[0].start))
    return out


def located_place_mentions(docs: Iterable[Document]) -> dict[str, tuple[Entity, list[dict[str, Any]]]]:
    """Each located place these documents name outside boilerplate: its entity and its mentions
    ({document, start, end, text}), in reading order."""
    out: dict[str, tuple[Entity, list[dict[str, Any]]]] = {}
    for doc in docs:
        for m in doc.mentions:
            ent = doc.entities.get(m.entity or "")
            if ent is None or ent.type != "place" or ent.place is None:
                continue
            if doc.kind_at(m.start) == "boilerplate":
                continue
            out.setdefault(ent.id, (ent, []))[1].append(
                {"document": doc.id, "start": m.start, "end": m.end, "text": m.text}
            )
    return out


def _places(members: Iterable[Document]) -> list[tuple[Entity, list[dict[str, Any]]]]:
    """Places ranked by how many articles name them, then how often."""
    return sorted(
        located_place_mentions(members).values(),
        key=lambda er: (-len({r["document"] for r in er[1]}), -len(er[1]), er[0].name),
    )


def _timeline(members: Iterable[Document]):  # type: ignore[no-untyped-def]
    events = []
    for doc in members:
        for c in doc.claims:
            for dm in doc.dates:
                if c.start <= dm.start < c.end and dm.value and dm.precision != "unresolved":
                    events.append((dm.value, dm.precision, doc, dm, c))
                    break
    events.sort(key=lambda e: (e[0], e[2].published or ""))
    return events


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation: source ``n`` of the briefing, characters ``start``..``end`` of its text."""

    n: int
    document: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return f"[{self.n}:{self.start}-{self.end}]"


@dataclass(slots=True)
class Reported:
    text: str
    cite: Cite
    also: list[Cite]
    status: str
    status_label: str
    independent_sources: int
    sources: list[str]


@dataclass(slots=True)
class Number:
    role: str
    qualifier: str | None
    value: str
    counted: str | None
    text: str
    cite: Cite
    according_to: str


@dataclass(slots=True)
class QuoteItem:
    speaker: str
    via: str | None
    text: str
    cite: Cite
    printed_by: str
    verbatim: bool = True  # a quote in marks or after a dash; False: reported speech, the article's words
    cue: str | None = None  # the reporting words ("denied", "according to"), shown with reported speech

    @property
    def lead(self) -> str:
        """Who says it, as a briefing introduces the quote: "Bondar", or for reported speech with the reporting
        words and "the article's words" ("Russia's defence ministry denied (the article's words)"), so that the
        marks around the article's paraphrase never read as the speaker's own words and a denial keeps its
        "denied"."""
        via = f" (to {self.via})" if self.via else ""
        if self.verbatim:
            return f"{self.speaker}{via}"
        cue = " ".join((self.cue or "").split()).lower()
        if not cue:
            return f"{self.speaker}{via} (the article's words)"
        if cue.startswith("according to"):
            return f"according to {self.speaker}{via} (the article's words)"
        return f"{self.speaker}{via} {cue} (the article's words)"


_BARE_PRONOUNS = frozenset("he she they it we i you him her them his its their".split())


@dataclass(slots=True)
class Dispute:
    kind: str
    explanation: str
    evidence: list[Cite]


@dataclass(slots=True)
class PlaceItem:
    entity: str
    name: str
    where: str
    precision: str | None
    mentions: int
    articles: int
    variants: list[str]
    cite: Cite


@dataclass(slots=True)
class TimelineItem:
    value: str
    end_value: str | None
    precision: str
    date_text: str
    date_cite: Cite
    claim_text: str
    claim_cite: Cite


@dataclass(slots=True)
class Source:
    n: int
    document: str
    path: str
    outlet: str | None
    published: str | None
    sha256: str
    copy_of: str | None


@dataclass(slots=True)
class BriefingFacts:
    story: str
    title: str
    articles: int
    outlets: list[str]
    period: str
    copied: int
    reported: list[Reported] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    places: list[PlaceItem] = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    uncited: list[tuple[str, str]] = field(default_factory=list)  # (document id, path)


class _Cites:
    """Numbers the documents a briefing cites, in order of first citation."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def __call__(self, doc_id: str, start: int, end: int) -> Cite:
        if doc_id not in self.order:
            self.order.append(doc_id)
        return Cite(self.order.index(doc_id) + 1, doc_id, start, end)


def _value(q: Quantity) -> str:
    def fmt(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"

    if q.value is not None:
        return fmt(q.value)
    if q.low is not None and q.high is not None:
        return f"{fmt(q.low)}–{fmt(q.high)}"
    return q.text


def briefing_facts(story: Story, docs: dict[str, Document], corpus: Corpus) -> BriefingFacts:
    """What a story's briefing states, each fact with its citations (see build_briefing)."""
    cite = _Cites()
    members = [docs[d] for d in story.documents if d in docs]
    claims = {c.id: (c, d) for d in members for c in d.claims}
    groups = [g for g in corpus.claim_groups if g.story == story.id]
    copies = {c: o for c, o, _ in corpus.copies}
    dates = sorted(d.published[:10] for d in members if d.published)
    facts = BriefingFacts(
        story=story.id,
        title=one_line(story.title or "Untitled story", 160),
        articles=len(members),
        outlets=sorted({d.outlet for d in members if d.outlet}),
        period=f"{dates[0]} to {dates[-1]}" if dates else "dates unknown",
        copied=sum(1 for d in members if d.id in copies),
    )

    ranked = sorted((g for g in groups if g.claims), key=lambda g: (-g.independent_sources, -len(g.claims), g.id))
    for g in ranked:
        lead = _lead_claim(g, claims)
        if lead is None:
            continue
        claim, doc = lead
        if claim.kind == "denial" or not _has_event_content(claim, doc):
            continue
        others = [c for c in g.claims if c in claims and c != claim.id][:4]
        # The Markdown briefing numbers the other wordings first: keep its citation numbers.
        also = [cite(claims[c][1].id, claims[c][0].start, claims[c][0].end) for c in others]
        first = cite(doc.id, claim.start, claim.end)
        facts.reported.append(
            Reported(
                text=one_line(claim.text),
                cite=first,
                also=also,
                status=g.status,
                status_label=STATUS_LABEL.get(g.status, g.status),
                independent_sources=g.independent_sources,
                sources=g.sources[:5],
            )
        )
        if len(facts.reported) >= 8:
            break

    # a syndicated copy of an article in the story repeats its figures: they are listed once, from the original
    originals = [d for d in members if copies.get(d.id) not in story.documents]
    numbers = _key_numbers(originals)
    for role in sorted(numbers, key=lambda r: (_CASUALTY_ORDER.index(r) if r in _CASUALTY_ORDER else 99, r)):
        for q, doc, claim in numbers[role][:6]:
            facts.numbers.append(
                Number(
                    role=role,
                    qualifier=q.qualifier,
                    value=_value(q),
                    counted=q.counted,
                    text=q.text,
                    cite=cite(doc.id, q.start, q.end),
                    according_to=_primary(claim, doc) if claim else (doc.outlet or "the article"),
                )
            )

    # one line per quotation: a later piece of a split quotation (`Quote.continues`) is not a second statement
    # (a speaker left as a bare pronoun, "He", names nobody: the quote is not shown as someone's; an attribution of
    # cue type "other", "Putin spent the day paying a visit ...", "Quad discussions focused on ...", is something
    # done, not something said or believed, so it is no one's words here, though the export keeps it)
    quotes = [(q, d) for d in originals for q in d.quotes if q.speaker and len(q.text) >= 20 and q.continues is None
              and q.speaker.strip().lower() not in _BARE_PRONOUNS and names_someone(q.speaker)
              and q.cue_type != "other"]
    seen: dict[str, int] = {}
    for q, doc in sorted(quotes, key=lambda x: (x[1].published or "", x[0].start)):
        key = (q.speaker or "").lower()
        if seen.get(key, 0) >= 2:
            continue
        seen[key] = seen.get(key, 0) + 1
        facts.quotes.append(
            QuoteItem(
                speaker=q.speaker or "",
                via=q.cited_outlet,
                text=one_line(q.text, 240),
                cite=cite(doc.id, q.start, q.end),
                printed_by=doc.outlet or doc.path,
                verbatim=q.kind == "direct",
                cue=q.cue,
            )
        )
        if sum(seen.values()) >= 12:
            break

    for c in [c for c in corpus.contradictions if c.story == story.id][:12]:
        evidence = [cite(claims[x][1].id, claims[x][0].start, claims[x][0].end) for x in c.claims if x in claims]
        facts.disputes.append(Dispute(kind=c.kind.replace("_", " "), explanation=c.explanation, evidence=evidence))

    for ent, refs in _places(members)[:15]:
        p = ent.place
        assert p is not None  # only located places are listed
        first_ref = refs[0]
        facts.places.append(
            PlaceItem(
                entity=ent.id,
                name=ent.name,
                where=f"{p.lat:.4f}, {p.lon:.4f}; {p.precision}; {p.country_code or '?'}; {p.gazetteer_id}",
                precision=p.precision,
                mentions=len(refs),
                articles=len({r["document"] for r in refs}),
                variants=sorted({r["text"] for r in refs})[:5],
                cite=cite(first_ref["document"], first_ref["start"], first_ref["end"]),
            )
        )

    for value, precision, doc, date, claim in _timeline(members)[:15]:
        facts.timeline.append(
            TimelineItem(
                value=value,
                end_value=date.end_value,
                precision=precision,
                date_text=date.text,
                date_cite=cite(doc.id, date.start, date.end),
                claim_text=one_line(claim.text, 200),
                claim_cite=cite(doc.id, claim.start, claim.end),
            )
        )

    for n, doc_id in enumerate(cite.order, start=1):
        d = docs[doc_id]
        facts.sources.append(Source(n, d.id, d.path, d.outlet, d.published, d.sha256, copies.get(doc_id)))
    facts.uncited = [(d.id, d.path) for d in members if d.id not in cite.order][:30]
    return facts


