"""A cited Markdown briefing per story.

Extractive and template-built: the briefing states nothing the articles do not
say. It renders the facts :func:`newstrace.report.facts.briefing_facts` picks:
every quoted sentence, number, quote and place carries a citation
``[n:start-end]``: source ``n`` in the list at the end (document id, path,
outlet, date, SHA-256 of the original) and the character offsets of the words in
that document's stored text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..record import Corpus, Document, Story
from ..store import Store
from .facts import BriefingFacts, Cite, Number, QuoteItem, briefing_facts, one_line

__all__ = ["Briefing", "build_briefing", "render_markdown", "write_briefings"]


@dataclass
class Briefing:
    story: Story
    markdown: str
    sources: list[str] = field(default_factory=list)


def _md(text: str) -> str:
    """Article text is untrusted: neutralise Markdown/HTML that would render as markup."""
    text = text.replace("\\", "\\\\")
    return re.sub(r"([<>\[\]`*_|#])", r"\\\1", text)


def _refs(cites: list[Cite]) -> str:
    return " ".join(c.label for c in cites)


def _section(heading: str, items: list[str], none: str) -> list[str]:
    """A "## heading" section: one line per item, or the line saying there are none."""
    return ["", f"## {heading}", "", *(items or [none])]


def _number_line(n: Number) -> str:
    qual = f"{n.qualifier} " if n.qualifier else ""
    counted = f" {_md(n.counted)}" if n.counted else ""
    return (
        f"- **{n.role}: {qual}{_md(n.value)}**{counted} — “{_md(n.text)}” {n.cite.label}, "
        f"according to {_md(n.according_to)}."
    )


def _quote_line(q: QuoteItem) -> str:
    return f"- {_md(q.lead)}: “{_md(q.text)}” {q.cite.label} — printed by {_md(q.printed_by)}."


def render_markdown(f: BriefingFacts) -> str:
    lines = [f"# {_md(f.title)}", ""]
    lines.append(
        f"{f.articles} article(s) from {len(f.outlets)} named outlet(s) "
        f"({_md(', '.join(f.outlets)) or 'outlets unknown'}), published {f.period}; {f.copied} of them copied "
        f"from another article. Story id `{f.story}`."
    )
    lines += _section(
        "What the articles report",
        [
            f"- “{_md(r.text)}” {r.cite.label}"
            + (f"; in other words also {_refs(r.also)}" if r.also else "")
            + f" — {r.status_label}; {r.independent_sources} independent source(s): {_md('; '.join(r.sources))}."
            for r in f.reported
        ],
        "- No claims were extracted from the body text of these articles.",
    )
    lines += _section("Key numbers", [_number_line(n) for n in f.numbers], "- No casualty or count figures were found.")
    lines += _section("Who says what", [_quote_line(q) for q in f.quotes], "- No attributed quotes were found.")
    lines += _section(
        "Contradictions and denials",
        [f"- **{d.kind}**: {_md(d.explanation)} — evidence: {_refs(d.evidence)}" for d in f.disputes],
        "- None found.",
    )
    lines += _section(
        "Places",
        [
            f"- **{_md(p.name)}** ({p.where}) — named {p.mentions} time(s) in {p.articles} article(s)"
            f" as {_md(', '.join(p.variants))} {p.cite.label}"
            for p in f.places
        ],
        "- No places were resolved.",
    )
    lines += _section(
        "Timeline",
        [
            f"- {t.value} ({t.precision}, from “{_md(t.date_text)}” {t.date_cite.label}): "
            f"“{_md(t.claim_text)}” {t.claim_cite.label}"
            for t in f.timeline
        ],
        "- No dated statements were found.",
    )
    lines += ["", "## Sources", ""]
    for s in f.sources:
        copy_note = f"; copy of `{s.copy_of}`" if s.copy_of else ""
        lines.append(
            f"{s.n}. `{s.document}` — {_md(s.path)} — {_md(s.outlet or 'outlet unknown')} — "
            f"{s.published or 'date unknown'} — sha256 `{s.sha256[:16]}…`{copy_note}"
        )
    if f.uncited:
        lines.append("")
        lines.append(
            "Also in this story, not cited above: " + ", ".join(f"`{d}` ({_md(p)})" for d, p in f.uncited)
        )
    lines.append("")
    lines.append(
        "Citations read `[n:start-end]`: source n, characters start to end of its stored text "
        "(`newstrace show DOCUMENT --span start:end` prints them)."
    )
    return "\n".join(lines) + "\n"


def build_briefing(story: Story, docs: dict[str, Document], corpus: Corpus) -> Briefing:
    facts = briefing_facts(story, docs, corpus)
    return Briefing(story=story, markdown=render_markdown(facts), sources=[s.document for s in facts.sources])


def write_briefings(store: Store, out_dir: str | Path, *, min_documents: int = 1) -> list[Path]:
    """Write one Markdown and one HTML briefing per story and an index; return the index and the Markdown paths."""
    from .html import render_briefing_html

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
        # The same facts as a self-contained page (inline CSS, no script) that opens from disk.
        (out / f"{story.id}.html").write_text(render_briefing_html(story, docs, corpus), encoding="utf-8")
        written.append(path)
        dates = sorted(pub[:10] for d in story.documents if d in docs and (pub := docs[d].published))
        index.append(
            f"| {_md(one_line(story.title, 90))} | {len(story.documents)} | {dates[0] if dates else '?'} | "
            f"[{path.name}]({path.name}), [HTML]({story.id}.html) |"
        )
    index_path = out / "index.md"
    index_path.write_text("\n".join(index) + "\n", encoding="utf-8")
    return [index_path, *written]
