"""A cited HTML briefing per story: the same facts as the Markdown briefing, escaped.

:func:`briefing_facts` picks the facts (the same selection and the same citation
numbers as :func:`newstrace.report.briefing.build_briefing`);
:func:`render_briefing_body` renders them as an HTML fragment through Jinja2 with
autoescaping on, so article text is always shown as text, never as markup;
:func:`render_briefing_html` wraps that in a self-contained page (inline CSS, no
script) that opens from disk. The web app (``newstrace serve``) embeds the same
fragment, with citations linking to ``/documents/{id}#{start}-{end}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jinja2 import Environment
from markupsafe import Markup

from ..record import Corpus, Document, Quantity, Story
from .briefing import (
    _CASUALTY_ORDER,
    STATUS_LABEL,
    _Citer,
    _has_event_content,
    _key_numbers,
    _lead_claim,
    _one_line,
    _places,
    _primary,
    _timeline,
)

__all__ = [
    "Cite",
    "BriefingFacts",
    "briefing_facts",
    "render_briefing_body",
    "render_briefing_html",
]


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
    """Numbers sources in order of first citation, exactly like the Markdown briefing."""

    def __init__(self, docs: dict[str, Document]) -> None:
        self.citer = _Citer(docs)

    def __call__(self, doc_id: str, start: int, end: int) -> Cite:
        self.citer(doc_id, start, end)
        return Cite(self.citer.order.index(doc_id) + 1, doc_id, start, end)


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
    cite = _Cites(docs)
    members = [docs[d] for d in story.documents if d in docs]
    claims = {c.id: (c, d) for d in members for c in d.claims}
    groups = [g for g in corpus.claim_groups if g.story == story.id]
    copies = {c: o for c, o, _ in corpus.copies}
    dates = sorted(d.published[:10] for d in members if d.published)
    facts = BriefingFacts(
        story=story.id,
        title=_one_line(story.title or "Untitled story", 160),
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
                text=_one_line(claim.text),
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

    numbers = _key_numbers(members)
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

    originals = [d for d in members if copies.get(d.id) not in story.documents]
    quotes = [(q, d) for d in originals for q in d.quotes if q.speaker and len(q.text) >= 20]
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
                text=_one_line(q.text, 240),
                cite=cite(doc.id, q.start, q.end),
                printed_by=doc.outlet or doc.path,
            )
        )
        if sum(seen.values()) >= 12:
            break

    for c in [c for c in corpus.contradictions if c.story == story.id][:12]:
        evidence = [cite(claims[x][1].id, claims[x][0].start, claims[x][0].end) for x in c.claims if x in claims]
        facts.disputes.append(Dispute(kind=c.kind.replace("_", " "), explanation=c.explanation, evidence=evidence))

    for (name, ent), refs in _places(members)[:15]:
        p = ent.place
        where = (
            f"{p.lat:.4f}, {p.lon:.4f}; {p.precision}; {p.country_code or '?'}; {p.gazetteer_id}"
            if p
            else "not located"
        )
        first_ref = refs[0]
        facts.places.append(
            PlaceItem(
                entity=ent.id,
                name=name,
                where=where,
                precision=p.precision if p else None,
                mentions=len(refs),
                articles=len({r[0] for r in refs}),
                variants=sorted({r[3] for r in refs})[:5],
                cite=cite(first_ref[0], first_ref[1], first_ref[2]),
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
                claim_text=_one_line(claim.text, 200),
                claim_cite=cite(doc.id, claim.start, claim.end),
            )
        )

    for n, doc_id in enumerate(cite.citer.order, start=1):
        d = docs[doc_id]
        facts.sources.append(Source(n, d.id, d.path, d.outlet, d.published, d.sha256, copies.get(doc_id)))
    facts.uncited = [(d.id, d.path) for d in members if d.id not in cite.citer.order][:30]
    return facts


_BODY = """\
{%- macro c(x) -%}
<a class="cite" href="{{ href(x) }}" title="{{ x.document }} characters {{ x.start }}-{{ x.end }}">{{ x.label }}</a>
{%- endmacro -%}
<section class="briefing">
<p class="summary">{{ f.articles }} article(s) from {{ f.outlets|length }} named outlet(s)
({{ f.outlets|join(', ') or 'outlets unknown' }}), published {{ f.period }};
{{ f.copied }} of them copied from another article. Story id <code>{{ f.story }}</code>.</p>

<h2>What the articles report</h2>
<ul>
{%- for r in f.reported %}
<li>“{{ r.text }}” {{ c(r.cite) }}{% if r.also %}; in other words also {% for a in r.also %}{{ c(a) }} {% endfor %}{% endif %}
— <span class="status status-{{ r.status }}">{{ r.status_label }}</span>;
{{ r.independent_sources }} independent source(s): {{ r.sources|join('; ') }}.</li>
{%- else %}
<li>No claims were extracted from the body text of these articles.</li>
{%- endfor %}
</ul>

<h2>Key numbers</h2>
<ul>
{%- for n in f.numbers %}
<li><strong>{{ n.role }}: {% if n.qualifier %}{{ n.qualifier }} {% endif %}{{ n.value }}</strong>{% if n.counted %} {{ n.counted }}{% endif %}
— “{{ n.text }}” {{ c(n.cite) }}, according to {{ n.according_to }}.</li>
{%- else %}
<li>No casualty or count figures were found.</li>
{%- endfor %}
</ul>

<h2>Who says what</h2>
<ul>
{%- for q in f.quotes %}
<li>{{ q.speaker }}{% if q.via %} (to {{ q.via }}){% endif %}: “{{ q.text }}” {{ c(q.cite) }} — printed by {{ q.printed_by }}.</li>
{%- else %}
<li>No attributed quotes were found.</li>
{%- endfor %}
</ul>

<h2>Contradictions and denials</h2>
<ul>
{%- for d in f.disputes %}
<li><strong>{{ d.kind }}</strong>: {{ d.explanation }} — evidence: {% for e in d.evidence %}{{ c(e) }} {% endfor %}</li>
{%- else %}
<li>None found.</li>
{%- endfor %}
</ul>

<h2>Places</h2>
<ul>
{%- for p in f.places %}
<li><strong>{{ p.name }}</strong> ({{ p.where }}) — named {{ p.mentions }} time(s) in {{ p.articles }} article(s)
as {{ p.variants|join(', ') }} {{ c(p.cite) }}</li>
{%- else %}
<li>No places were resolved.</li>
{%- endfor %}
</ul>

<h2>Timeline</h2>
<ul>
{%- for t in f.timeline %}
<li><time>{{ t.value }}{% if t.end_value %} – {{ t.end_value }}{% endif %}</time>
(<span class="precision">{{ t.precision }}</span>, from “{{ t.date_text }}” {{ c(t.date_cite) }}):
“{{ t.claim_text }}” {{ c(t.claim_cite) }}</li>
{%- else %}
<li>No dated statements were found.</li>
{%- endfor %}
</ul>

<h2>Sources</h2>
<ol class="sources">
{%- for s in f.sources %}
<li id="src-{{ s.n }}"><code>{{ s.document }}</code> — {{ s.path }} — {{ s.outlet or 'outlet unknown' }}
— {{ s.published or 'date unknown' }} — sha256 <code>{{ s.sha256[:16] }}…</code>
{%- if s.copy_of %}; copy of <code>{{ s.copy_of }}</code>{% endif %}</li>
{%- endfor %}
</ol>
{%- if f.uncited %}
<p>Also in this story, not cited above:
{% for doc_id, path in f.uncited %}<code>{{ doc_id }}</code> ({{ path }}){% if not loop.last %}, {% endif %}{% endfor %}</p>
{%- endif %}
<p class="note">Citations read [n:start-end]: source n, characters start to end of its stored text
(<code>newstrace show DOCUMENT --span start:end</code> prints them).</p>
</section>
"""

_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ f.title }} — newstrace briefing</title>
<style>
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.2rem; margin-top: 1.8rem; border-bottom: 1px solid #d0d7de; }
li { margin: .35rem 0; }
a.cite { font-size: .8em; color: #0b5cad; text-decoration: none; white-space: nowrap; }
code { font-size: .85em; background: #f3f4f6; padding: 0 .2em; }
.status { font-weight: 600; }
.status-confirmed { color: #1a7f37; } .status-contradicted, .status-denied { color: #b3261e; }
.status-single_source, .status-unverified { color: #9a6700; }
.precision { font-variant: small-caps; }
.note, .summary { color: #57606a; }
</style>
</head>
<body>
<h1>{{ f.title }}</h1>
{{ body }}
</body>
</html>
"""

_env = Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False)
_body_template = _env.from_string(_BODY)
_page_template = _env.from_string(_PAGE)


def _local_href(cite: Cite) -> str:
    return f"#src-{cite.n}"


def render_briefing_body(facts: BriefingFacts, href: Callable[[Cite], str] | None = None) -> Markup:
    """The briefing as an escaped HTML fragment; ``href`` makes each citation's link."""
    return Markup(_body_template.render(f=facts, href=href or _local_href))


def render_briefing_html(story: Story, docs: dict[str, Document], corpus: Corpus) -> str:
    """A self-contained HTML page (inline CSS, no script) with the story's cited briefing."""
    facts = briefing_facts(story, docs, corpus)
    return _page_template.render(f=facts, body=render_briefing_body(facts))
