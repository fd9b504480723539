"""A cited HTML briefing per story: the same facts as the Markdown briefing, escaped.

:func:`newstrace.report.facts.briefing_facts` picks the facts (the Markdown briefing
renders the same ones, with the same citation numbers);
:func:`render_briefing_body` renders them as an HTML fragment through Jinja2 with
autoescaping on, so article text is always shown as text, never as markup;
:func:`render_briefing_html` wraps that in a self-contained page (inline CSS, no
script) that opens from disk. The web app (``newstrace serve``) embeds the same
fragment, with citations linking to ``/documents/{id}#{start}-{end}``.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import Environment
from markupsafe import Markup

from ..record import Corpus, Document, Story
from .facts import BriefingFacts, Cite, briefing_facts

__all__ = [
    "render_briefing_body",
    "render_briefing_html",
]


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
<li>{{ q.lead }}: “{{ q.text }}” {{ c(q.cite) }} — printed by {{ q.printed_by }}.</li>
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
