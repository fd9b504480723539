"""A cited Markdown briefing per story.

Extractive and template-built: the briefing states nothing the articles do not
say. Every quoted sentence, number, quote and place carries a citation
``[n:start-end]``: source ``n`` in the list at the end (document id, path,
outlet, date, SHA-256 of the original) and the character offsets of the words in
that document's stored text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..record import Claim, ClaimGroup, Corpus, Document, Story
from ..store import Store

__all__ = ["Briefing", "build_briefing", "write_briefings"]

STATUS_LABEL = {
    "confirmed": "confirmed by independent sources",
    "single_source": "single source",
    "contradicted": "contradicted",
    "denied": "denied",
    "unverified": "flagged as unverified by the reporter",
}
_CASUALTY_ORDER = ("killed", "wounded", "injured", "missing", "captured", "detained")


@dataclass
class Briefing:
    story: Story
    markdown: str
    sources: list[str] = field(default_factory=list)


class _Citer:
    """Numbers the documents a briefing cites, in order of first citation."""

    def __init__(self, docs: dict[str, Document]) -> None:
        self.docs = docs
        self.order: list[str] = []

    def __call__(self, doc_id: str, start: int, end: int) -> str:
        if doc_id not in self.order:
            self.order.append(doc_id)
        return f"[{self.order.index(doc_id) + 1}:{start}-{end}]"


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _md(text: str) -> str:
    """Article text is untrusted: neutralise Markdown/HTML that would render as markup."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([<>\[\]`*_|#])", r"\\\1", text)
    return text


def _source_chain(claim: Claim) -> str:
    if not claim.attribution:
        return "the article"
    return " → ".join(_md(a.source) for a in claim.attribution)


def _primary(claim: Claim, doc: Document) -> str:
    primary = claim.primary_source()
    return primary.source if primary else (doc.outlet or "the article itself")


def build_briefing(story: Story, docs: dict[str, Document], corpus: Corpus) -> Briefing:
    cite = _Citer(docs)
    members = [docs[d] for d in story.documents if d in docs]
    claims: dict[str, tuple[Claim, Document]] = {c.id: (c, d) for d in members for c in d.claims}
    groups = [g for g in corpus.claim_groups if g.story == story.id]
    contradictions = [c for c in corpus.contradictions if c.story == story.id]
    copies = {c: o for c, o, _ in corpus.copies}

    lines: list[str] = []
    title = _md(_one_line(story.title or "Untitled story", 160))
    lines.append(f"# {title}")
    lines.append("")
    outlets = sorted({d.outlet for d in members if d.outlet})
    dates = sorted(d.published[:10] for d in members if d.published)
    period = f"{dates[0]} to {dates[-1]}" if dates else "dates unknown"
    copied = sum(1 for d in members if d.id in copies)
    lines.append(
        f"{len(members)} article(s) from {len(outlets)} named outlet(s) ({_md(', '.join(outlets)) or 'outlets unknown'}), "
        f"published {period}; {copied} of them copied from another article. Story id `{story.id}`."
    )
    lines.append("")

    # 1. What happened: the claims most repeated across independent sources, in the articles' words.
    lines.append("## What the articles report")
    lines.append("")
    ranked = sorted(
        (g for g in groups if g.claims),
        key=lambda g: (-g.independent_sources, -len(g.claims), g.id),
    )
    shown = 0
    for g in ranked:
        lead = _lead_claim(g, claims)
        if lead is None:
            continue
        claim, doc = lead
        if claim.kind == "denial" or not _has_event_content(claim, doc):
            continue
        others = [c for c in g.claims if c in claims and c != claim.id][:4]
        also = " ".join(cite(claims[c][1].id, claims[c][0].start, claims[c][0].end) for c in others)
        lines.append(
            f"- “{_md(_one_line(claim.text))}” {cite(doc.id, claim.start, claim.end)}"
            + (f"; in other words also {also}" if also else "")
            + f" — {STATUS_LABEL.get(g.status, g.status)}; "
            f"{g.independent_sources} independent source(s): {_md('; '.join(g.sources[:5]))}."
        )
        shown += 1
        if shown >= 8:
            break
    if shown == 0:
        lines.append("- No claims were extracted from the body text of these articles.")
    lines.append("")

    # 2. Key numbers.
    numbers = _key_numbers(members)
    lines.append("## Key numbers")
    lines.append("")
    if not numbers:
        lines.append("- No casualty or count figures were found.")
    for role in sorted(numbers, key=lambda r: (_CASUALTY_ORDER.index(r) if r in _CASUALTY_ORDER else 99, r)):
        for q, doc, claim in numbers[role][:6]:
            qual = f"{q.qualifier} " if q.qualifier else ""
            value = _value_text(q)
            counted = f" {_md(q.counted)}" if q.counted else ""
            who = _md(_primary(claim, doc)) if claim else _md(doc.outlet or "the article")
            lines.append(
                f"- **{role}: {qual}{value}**{counted} — “{_md(q.text)}” {cite(doc.id, q.start, q.end)}, "
                f"according to {who}."
            )
    lines.append("")

    # 3. Who says what.
    lines.append("## Who says what")
    lines.append("")
    # A copy repeats its original's quotes: quote the original.
    originals = [d for d in members if copies.get(d.id) not in story.documents]
    quotes = [(q, d) for d in originals for q in d.quotes if q.speaker and len(q.text) >= 20]
    if not quotes:
        lines.append("- No attributed quotes were found.")
    seen_speakers: Counter[str] = Counter()
    for q, doc in sorted(quotes, key=lambda x: (x[1].published or "", x[0].start)):
        key = (q.speaker or "").lower()
        if seen_speakers[key] >= 2:
            continue
        seen_speakers[key] += 1
        via = f" (to {_md(q.cited_outlet)})" if q.cited_outlet else ""
        lines.append(
            f"- {_md(q.speaker or '')}{via}: “{_md(_one_line(q.text, 240))}” {cite(doc.id, q.start, q.end)}"
            f" — printed by {_md(doc.outlet or doc.path)}."
        )
        if sum(seen_speakers.values()) >= 12:
            break
    lines.append("")

    # 4. Disputed.
    lines.append("## Contradictions and denials")
    lines.append("")
    if not contradictions:
        lines.append("- None found.")
    for c in contradictions[:12]:
        refs = " ".join(cite(claims[x][1].id, claims[x][0].start, claims[x][0].end) for x in c.claims if x in claims)
        lines.append(f"- **{c.kind.replace('_', ' ')}**: {_md(c.explanation)} — evidence: {refs}")
    lines.append("")

    # 5. Places.
    lines.append("## Places")
    lines.append("")
    places = _places(members)
    if not places:
        lines.append("- No places were resolved.")
    for (name, ent), refs in places[:15]:
        p = ent.place
        where = (
            f"{p.lat:.4f}, {p.lon:.4f}; {p.precision}; {p.country_code or '?'}; {p.gazetteer_id}"
            if p
            else "not located"
        )
        variants = sorted({r[3] for r in refs})
        first = refs[0]
        lines.append(
            f"- **{_md(name)}** ({where}) — named {len(refs)} time(s) in {len({r[0] for r in refs})} article(s)"
            f" as {_md(', '.join(variants[:5]))} {cite(first[0], first[1], first[2])}"
        )
    lines.append("")

    # 6. Timeline.
    lines.append("## Timeline")
    lines.append("")
    events = _timeline(members)
    if not events:
        lines.append("- No dated statements were found.")
    for value, precision, doc, date, claim in events[:15]:
        lines.append(
            f"- {value} ({precision}, from “{_md(date.text)}” {cite(doc.id, date.start, date.end)}): "
            f"“{_md(_one_line(claim.text, 200))}” {cite(doc.id, claim.start, claim.end)}"
        )
    lines.append("")

    # Sources.
    lines.append("## Sources")
    lines.append("")
    for n, doc_id in enumerate(cite.order, start=1):
        d = docs[doc_id]
        copy_note = f"; copy of `{copies[doc_id]}`" if doc_id in copies else ""
        lines.append(
            f"{n}. `{d.id}` — {_md(d.path)} — {_md(d.outlet or 'outlet unknown')} — {d.published or 'date unknown'}"
            f" — sha256 `{d.sha256[:16]}…`{copy_note}"
        )
    uncited = [d for d in members if d.id not in cite.order]
    if uncited:
        lines.append("")
        lines.append(
            "Also in this story, not cited above: " + ", ".join(f"`{d.id}` ({_md(d.path)})" for d in uncited[:30])
        )
    lines.append("")
    lines.append(
        "Citations read `[n:start-end]`: source n, characters start to end of its stored text "
        "(`newstrace show DOCUMENT --span start:end` prints them)."
    )
    return Briefing(story=story, markdown="\n".join(lines) + "\n", sources=list(cite.order))


def _lead_claim(g: ClaimGroup, claims: dict[str, tuple[Claim, Document]]) -> tuple[Claim, Document] | None:
    present = [claims[c] for c in g.claims if c in claims]
    if not present:
        return None
    # The earliest published wording leads.
    return min(present, key=lambda cd: (cd[1].published or "9999", cd[0].start))


def _has_event_content(claim: Claim, doc: Document) -> bool:
    return bool(claim.quantities or claim.quotes or len(claim.text.split()) >= 8)


def _value_text(q) -> str:  # type: ignore[no-untyped-def]
    def fmt(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"

    if q.value is not None:
        return fmt(q.value)
    if q.low is not None and q.high is not None:
        return f"{fmt(q.low)}–{fmt(q.high)}"
    return _md(q.text)


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


def _places(members: Iterable[Document]):  # type: ignore[no-untyped-def]
    refs: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    ents = {}
    for doc in members:
        for m in doc.mentions:
            ent = doc.entities.get(m.entity or "")
            if ent is None or ent.type != "place" or ent.place is None:
                continue
            if doc.kind_at(m.start) == "boilerplate":
                continue
            refs[ent.id].append((doc.id, m.start, m.end, m.text))
            ents[ent.id] = ent
    ranked = sorted(refs.items(), key=lambda kv: (-len({r[0] for r in kv[1]}), -len(kv[1]), ents[kv[0]].name))
    return [((ents[k].name, ents[k]), v) for k, v in ranked]


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


def write_briefings(store: Store, out_dir: str | Path, *, min_documents: int = 1) -> list[Path]:
    """Write one Markdown briefing per story and an index; return the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    corpus = store.load_corpus()
    docs = {d.id: d for d in store.iter_documents()}
    written = []
    index = ["# Briefings", "", "| story | articles | first published | briefing |", "|---|---|---|---|"]
    for story in corpus.stories:
        if len(story.documents) < min_documents:
            continue
        b = build_briefing(story, docs, corpus)
        path = out / f"{story.id}.md"
        path.write_text(b.markdown, encoding="utf-8")
        written.append(path)
        dates = sorted(docs[d].published[:10] for d in story.documents if d in docs and docs[d].published)
        index.append(
            f"| {_md(_one_line(story.title, 90))} | {len(story.documents)} | {dates[0] if dates else '?'} | "
            f"[{path.name}]({path.name}) |"
        )
    index_path = out / "index.md"
    index_path.write_text("\n".join(index) + "\n", encoding="utf-8")
    return [index_path, *written]
