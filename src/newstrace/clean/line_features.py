"""Cheap, language-general features of every line of a text, for the learned line classifier.

Nothing here is a list of strings seen in our data: the features describe a line's
shape (length, punctuation, capitals, digits, verb-like and function words in
en/es/fr/it/bg/ru/uk/pl), its position, its neighbours, how often it repeats in the
document and on other pages of the same site, credit and section-tag patterns, and
what the structural rules of ``segments`` say about it. One row per non-blank line. ``stack_features`` describes a
first model's probabilities around a line for a second, stacked model.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np
import regex

from .line_words import WORD_CONTEXT_NAMES, WORD_KIND_NAMES, WordKinds, word_context
from .segments import (
    _AGENCY_CREDIT,
    _BREADCRUMB,
    _BYLINE,
    _CAPTION_LEAD,
    _COUNTER,
    _CREDIT,
    _CUES,
    _TIMESTAMP,
    RULE_REASONS,
    _Line,
    _lines,
    rule_kinds,
)

__all__ = [
    "ALL_SITES",
    "CorpusLineCounts",
    "REPEAT_NAMES",
    "EMB_KIND_NAMES",
    "Embedder",
    "KindScorer",
    "FEATURE_NAMES",
    "LAYOUT_NAMES",
    "MEANING_NAMES",
    "SiteLineCounts",
    "layout_features",
    "line_features",
    "line_key",
    "line_meaning",
    "line_template",
    "meaning_features",
    "repeat_features",
    "repeat_norm",
    "site_key",
]

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
_SENT_END = regex.compile(r"[.!?…]['\"”»’)\]]*\s*$")
_QUOTE_END = regex.compile(r"[\"”»’']\s*$")
_URL = regex.compile(r"https?://|www\.|\.(?:com|org|net|bg|ua|ru|fr|it|es|pl|co\.uk)\b", regex.I)
_HANDLE = regex.compile(r"(?:^|\s)[@#]\w")
_BRACKET_TAG = regex.compile(
    r"^\s*[\[(【]\s*[\p{Lu}\p{N}][\p{L}\p{N} .-]{0,30}[\])】]|[\[(][\p{Lu}\p{N} .-]{2,25}[\])]\s*$"
)
_ALLCAPS_TAG = regex.compile(r"^\p{Lu}{2,}[\p{Lu} ]{0,30}\s*[:|/–—-]")
_SEPARATORS = regex.compile(r"\s[|›»>/•·]\s|\s[-–—]\s")
_DATE = regex.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[:.]\d{2}\b"
)
_BULLET = regex.compile(r"^[-–—•*►▶●■]\s*")
_OPEN_QUOTE = regex.compile(r"^[\"“„«'‘]")
_SLASH_CREDIT = regex.compile(r"[\p{L}.]\s*/\s*\p{Lu}[\p{L}\p{N}. -]{1,40}\)?\.?$")
_IMAGE_WORD = regex.compile(
    r"\b(?:photos?|foto\w*|imag\w*|immagin\w*|pictures?|vid[ée]os?|vídeos?|graph|chart|credit|courtesy|"
    r"фото\w*|снимк\w*|видео|кадр)\b",
    regex.I,
)
_LICENCE = regex.compile(r"\((?:cc|CC)\)|\bCC[ -]BY\b|\bdominio público\b|\bpublic domain\b", regex.I)
_TRAILING_CAPS = regex.compile(r"\s\p{Lu}{2,}[\p{Lu}\p{N}]*\s*$")
_COPYRIGHT = regex.compile(r"©|\(c\)|®|™", regex.I)
_PAREN_END = regex.compile(r"\)\s*\.?$")
# Finite-verb-like tokens: common auxiliaries and reporting verbs, and past/participle endings, per language.
_VERB_WORDS = frozenset(
    """is are was were be been has have had will would can could said says told
    es son está están fue fueron ha han había dijo dice será puede
    est sont était étaient été a ont avait sera peut dit déclaré
    è sono era erano stato stata ha hanno aveva sarà può detto
    е са бил била били беше бяха ще има каза заяви съобщи
    є був була були буде має сказав заявив
    был была были будет может сказал заявил сообщил
    jest są był była było będzie ma powiedział""".split()
)
_VERB_SUFFIX = regex.compile(
    r"(?:ed|ing|ó|aron|ado|ido|aba|aban|ían|ait|aient|èrent|ato|ito|ava|avano|ono|"
    r"аха|яха|ше|ил|ила|или|ал|ала|али|ява|ват|ят|ат)$"
)
# Function words: a line of prose has many of them, a menu or a headline list few.
_FUNCTION_WORDS = frozenset(
    """the a an of to in and or for on at by with from that this as it its not but
    el la los las de del y o en un una que por con para se su al lo no más
    le les des du et ou en un une que qui dans pour sur par avec ne pas au aux ce
    il lo gli di da e o in un una che per con su del della nel non si
    и в на за с от до по че да се не са е като към или но
    і в на за з від до по що не та й
    и в на за с от до по что не как это
    i w na za z od do po że się nie jak to""".split()
)

_RULE_KINDS = ("body", "title", "caption", "boilerplate", "other")
Embedder = Callable[[Sequence[str]], np.ndarray]  # texts -> unit-length sentence embeddings, one row per text
ALL_SITES = "*"  # the pseudo-site of SiteLineCounts that counts every document


def _h(text: str) -> str:
    """The short hash lines and texts are counted by."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def line_key(text: str) -> str:
    """A short hash of a line, normalised for case and spacing: what site counts are kept by."""
    return _h(" ".join(text.lower().split()))


_DATE_PART = regex.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{1,2})$")


def site_key(outlet: str | None, path: str | None, url: str | None = None) -> str | None:
    """The site a document belongs to: its outlet, else its URL's host, else the folder it came from.

    Date folders at the end of the folder path (``es/egypt/2011-02-09``, ``2022/03/01``)
    are dropped, so one outlet's pages filed by day still make one site.
    """
    if outlet and outlet.strip():
        return outlet.strip().lower()
    if url:
        host = urlsplit(url.strip()).hostname or ""
        host = host.lower().removeprefix("www.")
        if host:
            return host
    if not path:
        return None
    base = path.split("#", 1)[0].replace("\\", "/")
    if "/" not in base:
        return base
    parts = base.rsplit("/", 1)[0].split("/")
    while len(parts) > 1 and _DATE_PART.match(parts[-1]):
        parts.pop()
    return "/".join(parts)


@dataclass(slots=True)
class SiteLineCounts:
    """How many documents of each site contain each line (by ``line_key``).

    Built over a batch, a store or a corpus folder; a line found on many pages of one
    site is that site's furniture. ``others`` leaves out the asking document itself when
    the table holds its text (a run's store holds every page it classifies).
    """

    docs: Counter[str] = field(default_factory=Counter)  # documents seen per site
    lines: dict[str, Counter[str]] = field(default_factory=dict)
    held: set[tuple[str, str]] = field(default_factory=set)  # (site, text hash) of the texts added

    def add(self, site: str | None, text: str) -> None:
        keys = {line_key(ln.text) for ln in _lines(text) if len(ln.text) <= 400}
        digest = _h(text)
        for name in {site, ALL_SITES} - {None}:
            assert name is not None
            self.docs[name] += 1
            self.lines.setdefault(name, Counter()).update(keys)
            self.held.add((name, digest))

    def add_all(self, items: Iterable[tuple[str | None, str]]) -> SiteLineCounts:
        for site, text in items:
            self.add(site, text)
        return self

    def others(self, site: str | None, text: str, *, contains_self: bool | None = None) -> tuple[int, list[int]]:
        """(other documents of the site, per line: other documents of the site with that line).

        ``contains_self``: whether the table holds the asking document, so that it is left out once (its other
        copies, if any, still count); None (the stage's default) looks it up by the text.
        """
        lines = _lines(text)
        if site is None or site not in self.lines:
            return 0, [0] * len(lines)
        table = self.lines[site]
        if contains_self is None:
            contains_self = (site, _h(text)) in self.held
        own = 1 if contains_self else 0
        return self.docs[site] - own, [max(0, table.get(line_key(ln.text), 0) - own) for ln in lines]


# Repetition over a whole corpus (issue 3, helper hY): the line normalised harder than ``line_key`` (Unicode NFKC,
# case, digit runs as 0, punctuation and symbols dropped), identical copies of a text counted once and the asking
# text's own copies never counted (a page filed twice is not furniture, and the table may or may not hold the page
# itself: the pipeline's store does, a library call's table need not).
REPEAT_NAMES = [
    "rep_site_docs",  # other distinct texts of the same site in the table
    "rep_site",  # ... of which contain the line
    "rep_site_share",  # rep_site / rep_site_docs
    "rep_site_ge2",
    "rep_any",  # other distinct texts of any site with the line
    "rep_any_ge3",
    "rep_other_sites",  # other distinct texts of other sites with the line (syndicated copy or shared furniture)
    "rep_prefix",  # other distinct texts with a line of the same first eight normalised words (teasers cut short)
]
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}\s]+")
_DIGIT_RUN = regex.compile(r"\p{N}+")
PREFIX_WORDS = 8


def repeat_norm(text: str) -> str:
    """A line as corpus repetition compares it: NFKC, lower case, digit runs as 0, no punctuation, single spaces."""
    t = _DIGIT_RUN.sub("0", unicodedata.normalize("NFKC", text).lower())
    return " ".join(_NOT_WORD.sub(" ", t).split())


def _repeat_keys(lines: Sequence[_Line]) -> tuple[list[str | None], list[str | None]]:
    """Per line, the hash of its normalised text and of its first ``PREFIX_WORDS`` words (None when nothing is left)."""
    keys: list[str | None] = []
    prefixes: list[str | None] = []
    for ln in lines:
        norm = repeat_norm(ln.text)
        keys.append(_h(norm) if norm else None)
        prefixes.append(_h(" ".join(norm.split()[:PREFIX_WORDS])) if norm else None)
    return keys, prefixes


@dataclass(slots=True)
class CorpusLineCounts:
    """How many distinct texts of each site, and of the whole corpus, contain each line (by ``repeat_norm``).

    The sibling of ``SiteLineCounts`` for ``REPEAT_NAMES``: no minimum site size, identical texts (after
    ``repeat_norm`` of the whole text) counted once, and ``counts`` leaves out the asking text and its copies.
    """

    texts: dict[str, set[str]] = field(default_factory=dict)  # site (and ALL_SITES) -> hashes of its distinct texts
    lines: dict[str, Counter[str]] = field(default_factory=dict)  # site -> line hash -> distinct texts with it
    prefixes: Counter[str] = field(default_factory=Counter)  # first-words hash -> distinct texts (all sites)

    @staticmethod
    def text_hash(lines: Sequence[_Line]) -> str:
        """Identical texts: the same normalised lines in the same order."""
        return _h("\n".join(repeat_norm(ln.text) for ln in lines))

    def add(self, site: str | None, text: str) -> None:
        lines = _lines(text)
        th = self.text_hash(lines)
        keys, prefixes = _repeat_keys(lines)
        line_set = {k for k in keys if k is not None}
        for name in {site, ALL_SITES} - {None}:
            assert name is not None
            seen = self.texts.setdefault(name, set())
            if th in seen:
                continue
            seen.add(th)
            self.lines.setdefault(name, Counter()).update(line_set)
            if name == ALL_SITES:
                self.prefixes.update({p for p in prefixes if p is not None})

    def add_all(self, items: Iterable[tuple[str | None, str]]) -> CorpusLineCounts:
        for site, text in items:
            self.add(site, text)
        return self

    def counts(self, site: str | None, text: str, lines: Sequence[_Line] | None = None) -> np.ndarray:
        """Per line of ``text``: (other distinct texts of the site, of them with the line, of any site with the
        line, of any site with a line of the same first words), the text's own copies left out."""
        lines = _lines(text) if lines is None else lines
        out = np.zeros((len(lines), 4), dtype=np.float64)
        if not lines:
            return out
        th = self.text_hash(lines)
        keys, prefixes = _repeat_keys(lines)
        for col, name in ((1, site), (2, ALL_SITES)):
            if name is None or name not in self.texts:
                continue
            own = int(th in self.texts[name])  # the text itself or a copy of it: holds every one of its lines
            table = self.lines[name]
            out[:, col] = [max(0, table.get(k, 0) - own) if k else 0 for k in keys]
            if col == 1:
                out[:, 0] = len(self.texts[name]) - own
        own_all = int(th in self.texts.get(ALL_SITES, set()))
        out[:, 3] = [max(0, self.prefixes.get(p, 0) - own_all) if p else 0 for p in prefixes]
        return out


def repeat_features(counts: np.ndarray) -> np.ndarray:
    """``REPEAT_NAMES`` from ``CorpusLineCounts.counts`` rows."""
    site_docs, site, anywhere, prefix = (counts[:, k] for k in range(4))
    share = np.divide(site, site_docs, out=np.zeros_like(site), where=site_docs > 0)
    cols = [
        np.log1p(site_docs),
        np.log1p(site),
        share,
        (site >= 2).astype(np.float64),
        np.log1p(anywhere),
        (anywhere >= 3).astype(np.float64),
        np.log1p(np.maximum(anywhere - site, 0)),
        np.log1p(prefix),
    ]
    return np.stack(cols, axis=1).astype(np.float32) if len(counts) else np.zeros((0, len(REPEAT_NAMES)), np.float32)


def _shape(line: _Line) -> dict[str, float]:
    text = line.text
    words = _WORD.findall(text)
    n_words = len(words)
    n_chars = len(text)
    letters = sum(ch.isalpha() for ch in text)
    upper = sum(ch.isupper() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    caps = sum(1 for w in words if w[:1].isupper())
    lowered = [w.lower() for w in words]
    func = sum(1 for w in lowered if w in _FUNCTION_WORDS)
    verbs = sum(1 for w in lowered if w in _VERB_WORDS or (len(w) > 4 and _VERB_SUFFIX.search(w)))
    wn = max(n_words, 1)
    return {
        "log_chars": math.log1p(n_chars),
        "log_words": math.log1p(n_words),
        "words_le3": float(n_words <= 3),
        "words_le8": float(n_words <= 8),
        "words_ge20": float(n_words >= 20),
        "mean_word_len": (sum(len(w) for w in words) / wn) if words else 0.0,
        "sent_end": float(bool(_SENT_END.search(text))),
        "quote_end": float(bool(_QUOTE_END.search(text))),
        "colon_end": float(text.endswith(":")),
        "question_end": float(text.rstrip("\"”»'’ ").endswith("?")),
        "paren_end": float(bool(_PAREN_END.search(text))),
        "open_quote": float(bool(_OPEN_QUOTE.match(text))),
        "bullet": float(bool(_BULLET.match(text))),
        "starts_upper": float(text[:1].isupper()),
        "starts_lower": float(text[:1].islower()),
        "code": sum(text.count(ch) for ch in "{}();=<>$") / max(n_chars, 1),
        "ends_word": float(text[-1:].isalnum()),
        "ends_comma": float(text[-1:] in ",;-–—"),
        "starts_digit": float(text[:1].isdigit()),
        "cap_ratio": caps / wn,
        "upper_ratio": upper / max(letters, 1),
        "digit_ratio": digits / max(n_chars, 1),
        "letter_ratio": letters / max(n_chars, 1),
        "func_ratio": func / wn,
        "func_count": math.log1p(func),
        "verb_count": math.log1p(verbs),
        "has_verb": float(verbs > 0),
        "commas": text.count(",") / wn,
        "inner_stops": float(len(regex.findall(r"[.!?]\s+\p{Lu}", text))),
        "url": float(bool(_URL.search(text))),
        "handle": float(bool(_HANDLE.search(text))),
        "bracket_tag": float(bool(_BRACKET_TAG.search(text))),
        "caps_tag": float(bool(_ALLCAPS_TAG.match(text))),
        "separators": float(len(_SEPARATORS.findall(text))),
        "date_like": float(bool(_DATE.search(text))),
        "copyright": float(bool(_COPYRIGHT.search(text))),
        "credit": float(bool(_CREDIT.search(text))),
        "slash_credit": float(bool(_SLASH_CREDIT.search(text))),
        "image_word": float(bool(_IMAGE_WORD.search(text))),
        "licence": float(bool(_LICENCE.search(text))),
        "trailing_caps": float(bool(_TRAILING_CAPS.search(text))),
        "agency_end": float(bool(_AGENCY_CREDIT.search(text))),
        "caption_lead": float(bool(_CAPTION_LEAD.search(text))),
        "breadcrumb": float(bool(_BREADCRUMB.search(text))),
        "counter": float(bool(_COUNTER.match(text))),
        "cue": float(bool(_CUES.search(text))),
        "byline_pat": float(bool(_BYLINE.match(text))),
        "timestamp_pat": float(bool(_TIMESTAMP.match(text))),
    }


_SHAPE_NAMES = list(_shape(_Line(0, 1, "x")).keys())
_CONTEXT_FROM = ("log_words", "sent_end", "func_ratio", "has_verb", "cap_ratio", "starts_lower", "ends_word", "code")


def _names() -> list[str]:
    names = list(_SHAPE_NAMES)
    for side in ("prev", "next", "prev2", "next2"):
        names += [f"{side}_{n}" for n in _CONTEXT_FROM] + [f"{side}_none"]
        names += [f"{side}_rule_{k}" for k in _RULE_KINDS]
    names += [
        "rel_index",
        "rel_char",
        "from_start",
        "from_end",
        "is_first",
        "is_last",
        "doc_lines",
        "doc_prose_share",
        "short_run",
        "prose_before",
        "prose_after",
        "dist_prose",
        "dup_in_doc",
        "dup_near",
        "site_docs",
        "site_count",
        "site_share",
        "site_ge2",
        "site_ge5",
        "equals_title",
        "in_main",
        "in_loose_main",
        "dist_loose_main",
        "before_main",
        "after_main",
        "dist_main",
        "main_share",
        "main_lines",
        "win3_prose",
        "win3_words",
        "win3_func",
        "win6_prose",
        "win6_words",
        "win6_func",
        "para_lines",
        "para_log_words",
        "para_sent_end",
        "para_func_ratio",
        "para_verbs",
        "para_prose",
        "all_count",
        "all_ge3",
        "doc_lower_share",
        "doc_noend_share",
        "doc_mean_words",
        "wrapped_in",
        "wrapped_out",
    ]
    names += [f"rule_{k}" for k in _RULE_KINDS]
    names += [f"reason_{i}" for i in range(len(RULE_REASONS))]
    names += LAYOUT_NAMES
    return names


# Page-layout features (issue 3, 2026-11-26), from out-of-fold boilerplate misses on the train split: lists of
# related headlines and teasers, reader comments after the article, promo and subscription lines.
LAYOUT_NAMES = [
    "shape_run",  # run of lines shaped like their predecessor (same sentence end and case, similar length)
    "template_count",  # other lines of the document with the same token template (comment headers, lists)
    "ellipsis_end",  # ends in "..." or "…" (teasers)
    "win3_date",  # share of dates/times among the 3 lines either side (comment blocks, teaser lists)
    "win3_noend",  # share of lines without a sentence end among the 3 either side (menus, headline lists)
    "block_share",  # the line's prose block (prose lines over gaps of one line) as a share of the text
    "block_is_main",  # ... and whether it is the largest prose block
    "tail_share",  # share of the text from this line on, when after the last prose line
    "block_before_main",  # in a prose block before the largest one
    "block_after_main",  # in a prose block after the largest one (reader comments, teasers)
    "win3_same_template",  # share of the 3 lines either side with this line's token template
    "win3_upper",  # mean share of capitals among the 3 lines either side (all-caps headline lists)
    "win3_len_sd",  # spread of log line lengths over the line and 3 either side (uniform lists)
]

FEATURE_NAMES: list[str] = _names()

_TOKEN = regex.compile(r"\p{Lu}[\p{L}'’-]*|\p{Ll}[\p{L}'’-]*|\p{N}+|[^\s\p{L}\p{N}]")
_ELLIPSIS = regex.compile(r"(?:\.\.\.|…)\s*[\"”»’']?\s*$")


def line_template(text: str) -> str:
    """The shape of a line's first six tokens: capitalised word A, lower-case word a, number 0, punctuation itself;
    plus a final "." when the line ends a sentence. Comment headers and list items of one page share it."""
    out = []
    for tok in _TOKEN.findall(text)[:6]:
        c = tok[0]
        out.append("A" if c.isupper() else "a" if c.isalpha() else "0" if c.isdigit() else c)
    return "".join(out) + ("." if text.rstrip()[-1:] in ".!?" else "")


def _prose_blocks(prose: list[bool]) -> list[tuple[int, int]]:
    """Runs of prose lines, a single non-prose line between two prose lines not breaking a run."""
    n = len(prose)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if not prose[i]:
            i += 1
            continue
        a = b = i
        j = i + 1
        while j < n and (prose[j] or (j + 1 < n and prose[j + 1])):
            if prose[j]:
                b = j
            j += 1
        spans.append((a, b))
        i = b + 1
    return spans


def layout_features(lines: list[_Line], shapes: list[dict[str, float]], prose: list[bool]) -> np.ndarray:
    """``LAYOUT_NAMES`` of every line: runs of like-shaped lines, repeated templates, prose blocks, the tail."""
    n = len(lines)
    out = np.zeros((n, len(LAYOUT_NAMES)), dtype=np.float32)
    if n == 0:
        return out
    lens = [len(ln.text) for ln in lines]
    total = max(sum(lens), 1)
    similar = [False] + [
        shapes[i]["sent_end"] == shapes[i - 1]["sent_end"]
        and shapes[i]["starts_upper"] == shapes[i - 1]["starts_upper"]
        and abs(shapes[i]["log_chars"] - shapes[i - 1]["log_chars"]) < 0.7
        for i in range(1, n)
    ]
    run = [1] * n
    i = 0
    while i < n:
        j = i + 1
        while j < n and similar[j]:
            j += 1
        run[i:j] = [j - i] * (j - i)
        i = j
    templates = [line_template(ln.text) for ln in lines]
    tcount = Counter(templates)
    noend = [float(s["sent_end"] == 0) for s in shapes]
    date = [s["date_like"] for s in shapes]
    upper = [s["upper_ratio"] for s in shapes]
    logc = np.array([s["log_chars"] for s in shapes])

    def window(values: list[float], i: int, w: int = 3) -> float:
        a, b = max(0, i - w), min(n, i + w + 1)
        return (sum(values[a:b]) - values[i]) / max(b - a - 1, 1)

    spans = _prose_blocks(prose)
    block_chars = [sum(lens[a : b + 1]) for a, b in spans]
    main = int(np.argmax(block_chars)) if spans else -1
    block = [-1] * n
    for bi, (a, b) in enumerate(spans):
        block[a : b + 1] = [bi] * (b - a + 1)
    last_prose = max((k for k in range(n) if prose[k]), default=-1)
    after = 0
    for i in range(n - 1, -1, -1):
        bi = block[i]
        a, b = max(0, i - 3), min(n, i + 4)
        same = sum(1 for k in range(a, b) if k != i and templates[k] == templates[i]) / max(b - a - 1, 1)
        after += lens[i]
        out[i] = [
            math.log1p(run[i]),
            math.log1p(tcount[templates[i]] - 1),
            float(bool(_ELLIPSIS.search(lines[i].text))),
            window(date, i),
            window(noend, i),
            block_chars[bi] / total if bi >= 0 else 0.0,
            float(bi >= 0 and bi == main),
            (after - lens[i]) / total if i > last_prose else 0.0,
            float(bi >= 0 and bi < main),
            float(bi > main >= 0),
            same,
            window(upper, i),
            float(np.std(logc[a:b])),
        ]
    return out


def _paragraphs(lines: list[_Line], shapes: list[dict[str, float]]) -> list[tuple[int, int]]:
    """Per line, the (first, last) line of its paragraph: hard-wrapped prose is joined back.

    A line continues into the next when it has no sentence end and the next starts in lower case,
    or it ends in a comma or hyphen; both need three words or more.
    """
    n = len(lines)
    joins = [
        shapes[i]["sent_end"] == 0
        and shapes[i]["log_words"] >= math.log1p(3)
        and shapes[i + 1]["log_words"] >= math.log1p(3)
        and (shapes[i + 1]["starts_lower"] > 0 or shapes[i]["ends_comma"] > 0)
        for i in range(n - 1)
    ]
    out: list[tuple[int, int]] = []
    a = 0
    for i in range(n):
        if i == n - 1 or not joins[i]:
            out += [(a, i)] * (i - a + 1)
            a = i + 1
    return out


def _prose(shape: dict[str, float]) -> bool:
    return shape["log_words"] >= math.log1p(8) and (shape["sent_end"] > 0 or shape["words_ge20"] > 0)


def _short(shape: dict[str, float]) -> bool:
    return shape["log_words"] <= math.log1p(12) and shape["sent_end"] == 0


def _main_block(
    lines: list[_Line], prose: list[bool], shapes: list[dict[str, float]], loose: bool = False
) -> tuple[int, int]:
    """The run of lines with the most prose (maximum-sum subarray): where the article is on a page dump.

    ``loose`` also counts hard-wrapped prose (six words or more, many function words, no full stop).
    """
    best, best_span = -1.0, (0, -1)
    cur, start = 0.0, 0
    for i, ln in enumerate(lines):
        good = prose[i] or (loose and shapes[i]["log_words"] >= math.log1p(6) and shapes[i]["func_ratio"] >= 0.2)
        gain = len(ln.text) if good and shapes[i]["func_ratio"] >= 0.15 else -40.0 - 0.5 * len(ln.text)
        if cur <= 0:
            cur, start = gain, i
        else:
            cur += gain
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def line_features(
    text: str,
    *,
    title: str | None = None,
    site_docs: int = 0,
    site_counts: Sequence[int] | None = None,
    all_counts: Sequence[int] | None = None,
    lines: list[_Line] | None = None,
    embed: Embedder | None = None,
    kinds: KindScorer | None = None,
    repeats: np.ndarray | None = None,
    words: WordKinds | None = None,
) -> tuple[list[_Line], np.ndarray, list[tuple[str, str]]]:
    """The lines of ``text``, one feature row per line (``FEATURE_NAMES``) and the rule classifier's kinds.

    ``site_docs`` is the number of other documents of the same site seen, and
    ``site_counts`` per line how many of them contain that line (``SiteLineCounts``). With ``embed`` (texts to
    unit-length sentence embeddings, ``encoder.sentence_embeddings`` or a cache of it) the rows also hold
    ``MEANING_NAMES`` (``FEATURE_NAMES + MEANING_NAMES``, see ``meaning_features``), and with ``kinds`` as well
    ``EMB_KIND_NAMES``: what the shipped model reads when it was trained with meaning. With ``repeats``
    (``CorpusLineCounts.counts`` of the text) ``REPEAT_NAMES`` come right after ``FEATURE_NAMES``, and with
    ``words`` (``line_words.WordKinds``) ``WORD_KIND_NAMES`` and ``WORD_CONTEXT_NAMES`` after those: what the
    line's words and those of the lines around it say about its kind.
    """
    lines = _lines(text) if lines is None else lines
    n = len(lines)
    width = len(FEATURE_NAMES) + (len(REPEAT_NAMES) if repeats is not None else 0)
    width += len(WORD_KIND_NAMES) + len(WORD_CONTEXT_NAMES) if words is not None else 0
    if embed is not None:
        width += len(MEANING_NAMES) + (len(EMB_KIND_NAMES) if kinds is not None else 0)
    if n == 0:
        return lines, np.zeros((0, width), dtype=np.float32), []
    rules = rule_kinds(lines, title=title)
    shapes = [_shape(ln) for ln in lines]
    paras = _paragraphs(lines, shapes)
    para_shapes = {
        a: _shape(_Line(lines[a].start, lines[b].end, " ".join(ln.text for ln in lines[a : b + 1])))
        for a, b in set(paras)
    }
    pshape = [para_shapes[paras[i][0]] for i in range(n)]
    prose = [_prose(s) or _prose(pshape[i]) for i, s in enumerate(shapes)]
    short = [_short(s) and paras[i][0] == paras[i][1] for i, s in enumerate(shapes)]
    norm = [" ".join(ln.text.lower().split()) for ln in lines]
    dup = Counter(norm)
    total_chars = max(len(text), 1)
    prose_idx = [i for i, p in enumerate(prose) if p]
    prose_share = len(prose_idx) / n
    # runs of short unpunctuated lines
    run = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and short[j]:
            j += 1
        for k in range(i, j):
            run[k] = j - i
        i = max(j, i + 1)
    counts = list(site_counts) if site_counts is not None else [0] * n
    title_norm = " ".join(title.lower().split()).rstrip(".") if title else None
    reason_index = {r: i for i, r in enumerate(RULE_REASONS)}
    m0, m1 = _main_block(lines, prose, shapes)
    l0, l1 = _main_block(lines, prose, shapes, loose=True)
    main_chars = sum(len(lines[k].text) for k in range(m0, m1 + 1)) if m1 >= m0 else 0
    text_chars = max(sum(len(ln.text) for ln in lines), 1)
    logw = [sh["log_words"] for sh in shapes]
    funcr = [sh["func_ratio"] for sh in shapes]
    pro = [float(p) for p in prose]

    def window(values: list[float], i: int, w: int) -> float:
        a, b = max(0, i - w), min(n, i + w + 1)
        return (sum(values[a:b]) - values[i]) / max(b - a - 1, 1)

    glob = list(all_counts) if all_counts is not None else [0] * n
    lower_share = sum(sh["starts_lower"] for sh in shapes) / n
    noend_share = sum(1 for sh in shapes if sh["sent_end"] == 0) / n
    mean_words = sum(logw) / n
    rows = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float32)
    layout = layout_features(lines, shapes, prose)
    before = 0
    for i, ln in enumerate(lines):
        row: list[float] = [shapes[i][k] for k in _SHAPE_NAMES]
        for off in (-1, 1, -2, 2):
            j = i + off
            if 0 <= j < n:
                row += [shapes[j][k] for k in _CONTEXT_FROM] + [0.0]
                row += [float(rules[j][0] == k) for k in _RULE_KINDS]
            else:
                row += [0.0] * len(_CONTEXT_FROM) + [1.0] + [0.0] * len(_RULE_KINDS)
        nearest = min((abs(p - i) for p in prose_idx if p != i), default=n)
        after = len(prose_idx) - before - (1 if prose[i] else 0)
        near_dup = any(norm[j] == norm[i] for j in range(max(0, i - 3), min(n, i + 4)) if j != i)
        c = counts[i] if i < len(counts) else 0
        row += [
            i / max(n - 1, 1),
            ln.start / total_chars,
            math.log1p(i),
            math.log1p(n - 1 - i),
            float(i == 0),
            float(i == n - 1),
            math.log1p(n),
            prose_share,
            math.log1p(run[i]),
            math.log1p(before),
            math.log1p(after),
            math.log1p(nearest),
            float(dup[norm[i]] > 1),
            float(near_dup),
            math.log1p(site_docs),
            math.log1p(c),
            c / site_docs if site_docs else 0.0,
            float(c >= 2),
            float(c >= 5),
            float(title_norm is not None and norm[i].rstrip(".") == title_norm),
            float(m0 <= i <= m1),
            float(l0 <= i <= l1),
            math.log1p(max(0, l0 - i, i - l1)),
            math.log1p(max(0, m0 - i)),
            math.log1p(max(0, i - m1)),
            math.log1p(max(0, m0 - i, i - m1)),
            main_chars / text_chars,
            math.log1p(max(0, m1 - m0 + 1)),
            window(pro, i, 3),
            window(logw, i, 3),
            window(funcr, i, 3),
            window(pro, i, 6),
            window(logw, i, 6),
            window(funcr, i, 6),
            math.log1p(paras[i][1] - paras[i][0] + 1),
            pshape[i]["log_words"],
            pshape[i]["sent_end"],
            pshape[i]["func_ratio"],
            pshape[i]["verb_count"],
            float(_prose(pshape[i])),
            math.log1p(glob[i] if i < len(glob) else 0),
            float((glob[i] if i < len(glob) else 0) >= 3),
            lower_share,
            noend_share,
            mean_words,
            float(i > 0 and shapes[i]["starts_lower"] > 0 and shapes[i - 1]["sent_end"] == 0),
            float(i + 1 < n and shapes[i + 1]["starts_lower"] > 0 and shapes[i]["sent_end"] == 0),
        ]
        row += [float(rules[i][0] == k) for k in _RULE_KINDS]
        onehot = [0.0] * len(RULE_REASONS)
        if rules[i][1] in reason_index:
            onehot[reason_index[rules[i][1]]] = 1.0
        row += onehot
        row += layout[i].tolist()
        rows[i] = row
        if prose[i]:
            before += 1
    if repeats is not None:
        rows = np.hstack([rows, repeat_features(np.asarray(repeats, dtype=np.float64).reshape(n, 4))])
    if words is not None:
        said = words([ln.text for ln in lines])
        rows = np.hstack([rows, said, word_context(said)])
    if embed is not None:
        main = [m0 <= i <= m1 for i in range(n)]
        rows = np.hstack([rows, line_meaning([ln.text for ln in lines], prose, main, title, embed, kinds)])
    return lines, rows, rules


def as_mapping(rows: np.ndarray, i: int) -> Mapping[str, float]:
    """One row as a name -> value mapping (for audits and tests)."""
    return dict(zip(FEATURE_NAMES, (float(x) for x in rows[i]), strict=True))


_STACK_KINDS = ("body", "title", "byline", "caption", "boilerplate")  # line_model.KINDS
STACK_NAMES = [
    *(f"p_{k}" for k in _STACK_KINDS),
    *(f"{side}_p_{k}" for side in ("prev", "next", "prev2", "next2") for k in _STACK_KINDS),
    *(f"run_p_{k}" for k in _STACK_KINDS),  # mean over the other lines of the line's run of same-shaped lines
    "win3_p_boilerplate",
    "win6_p_boilerplate",
    "win3_p_body",
    "win6_p_body",
    "win3_p_caption",
    "doc_p_boilerplate",
    "doc_p_body",
    "doc_p_caption",
    "bp_run",
    "body_before",
    "body_after",
    "run_lines",
]


def shape_runs(x: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Per row, the id of its run of consecutive like-shaped lines (as ``shape_run`` counts them)."""
    se, up, lc = (x[:, names.index(k)] for k in ("sent_end", "starts_upper", "log_chars"))
    if len(x) == 0:
        return np.zeros(0, dtype=np.int64)
    new_run = np.ones(len(x), dtype=bool)
    new_run[1:] = (se[1:] != se[:-1]) | (up[1:] != up[:-1]) | (np.abs(lc[1:] - lc[:-1]) >= 0.7)
    return np.cumsum(new_run) - 1


def stack_features(probs: np.ndarray, x: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Context of a first model's probabilities (kinds in ``line_model.KINDS`` order) for a second, stacked model.

    ``x`` are the first model's feature rows (``names``), for the runs of like-shaped lines. A cheap CRF: the
    second model sees what the first one thinks of the neighbours, of the line's run and of the document.
    """
    n = probs.shape[0]
    if n == 0:
        return np.zeros((0, len(STACK_NAMES)), dtype=np.float64)
    cols: list[np.ndarray] = [probs[:, k] for k in range(probs.shape[1])]
    for off in (-1, 1, -2, 2):
        shifted = np.full(probs.shape, -1.0)
        if off < 0:
            shifted[-off:] = probs[:off]
        else:
            shifted[:-off] = probs[off:]
        cols += [shifted[:, k] for k in range(probs.shape[1])]
    run = shape_runs(x, names)
    sums = np.zeros((int(run.max()) + 1, probs.shape[1]))
    np.add.at(sums, run, probs)
    size = np.bincount(run).astype(np.float64)[run]
    others = (sums[run] - probs) / np.maximum(size - 1, 1)[:, None]
    others[size == 1] = -1.0
    cols += [others[:, k] for k in range(probs.shape[1])]

    def window(v: np.ndarray, w: int) -> np.ndarray:
        c = np.concatenate([[0.0], np.cumsum(v)])
        idx = np.arange(n)
        a, b = np.maximum(0, idx - w), np.minimum(n, idx + w + 1)
        return (c[b] - c[a] - v) / np.maximum(b - a - 1, 1)

    body, caption, bp = probs[:, 0], probs[:, 3], probs[:, 4]
    cols += [window(bp, 3), window(bp, 6), window(body, 3), window(body, 6), window(caption, 3)]
    cols += [np.full(n, bp.mean()), np.full(n, body.mean()), np.full(n, caption.mean())]
    high = bp >= 0.5
    bp_run = np.zeros(n)
    i = 0
    while i < n:
        j = i
        while j < n and high[j]:
            j += 1
        bp_run[i:j] = j - i
        i = max(j, i + 1)
    cols.append(np.log1p(bp_run))
    is_body = (body >= 0.5).astype(np.float64)
    before = np.concatenate([[0.0], np.cumsum(is_body)[:-1]])
    cols += [np.log1p(before), np.log1p(is_body.sum() - before - is_body), np.log1p(size)]
    return np.column_stack(cols)


# -- meaning (issue 3, 2026-11-26): what a line is about, from the sentence encoder ---------------------------------

MEANING_NAMES = [
    "cos_body",  # cosine to the mean of the document's other prose lines (leave the line out)
    "cos_main",  # ... of the other lines of the main prose block
    "cos_doc",  # ... of all the other lines
    "cos_prev",
    "cos_next",
    "cos_title",  # to the metadata title (0 without one)
    "has_title_emb",
    "cos_max_prose",  # to the most similar other prose line
    "cos_body_rank",  # rank of cos_body in the document, 0 lowest .. 1 highest
    "cos_body_z",  # cos_body standardised within the document
    "cos_body_vs_prose",  # cos_body minus its median over the prose lines
    "win3_cos_body",  # mean cos_body of the 3 lines either side
    "no_prose_centroid",  # the body centroid fell back to all lines (no other prose line)
]


def _loo_cos(emb: np.ndarray, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per line, the cosine to the mean of the *other* member lines, and whether there was any."""
    total = emb[member].sum(axis=0)
    own = np.where(member[:, None], emb, 0.0)
    centroids = total[None, :] - own
    count = member.sum() - member.astype(np.int64)
    norms = np.linalg.norm(centroids, axis=1)
    ok = (count > 0) & (norms > 1e-9)
    cos = np.where(ok, (emb * centroids).sum(axis=1) / np.maximum(norms, 1e-9), 0.0)
    return cos, ok


def meaning_features(
    emb: np.ndarray, prose: Sequence[bool], main: Sequence[bool], title_emb: np.ndarray | None = None
) -> np.ndarray:
    """``MEANING_NAMES`` of every line from its unit-length sentence embedding (``encoder.sentence_embeddings``).

    ``prose`` marks the document's prose lines and ``main`` the lines of its main prose block (as ``line_features``
    finds them). Topical coherence: related headlines, promos and site notices are off the article's topic, captions
    describe its scene. Ratios within one document, so little depends on the language.
    """
    emb = np.asarray(emb, dtype=np.float64)
    n = emb.shape[0]
    out = np.zeros((n, len(MEANING_NAMES)), dtype=np.float32)
    if n == 0:
        return out
    pro = np.asarray(prose, dtype=bool)
    everyone = np.ones(n, dtype=bool)
    cos_body, ok = _loo_cos(emb, pro)
    cos_doc, _ = _loo_cos(emb, everyone)
    cos_body = np.where(ok, cos_body, cos_doc)
    mainm = np.asarray(main, dtype=bool)
    cos_main, ok_main = _loo_cos(emb, mainm)
    cos_main = np.where(ok_main, cos_main, cos_body)
    sims = emb @ emb.T
    prev = np.zeros(n)
    nxt = np.zeros(n)
    if n > 1:
        prev[1:] = np.diag(sims, -1)
        nxt[:-1] = np.diag(sims, 1)
    masked = np.where(pro[None, :] & ~np.eye(n, dtype=bool), sims, -1.0)
    max_prose = masked.max(axis=1) if pro.any() else np.full(n, -1.0)
    max_prose = np.where(max_prose < -0.99, 0.0, max_prose)
    if title_emb is not None:
        cos_title = emb @ np.asarray(title_emb, dtype=np.float64).reshape(-1)
    else:
        cos_title = np.zeros(n)
    order = np.argsort(np.argsort(cos_body, kind="stable"), kind="stable")
    rank = order / max(n - 1, 1)
    sd = float(cos_body.std())
    z = (cos_body - cos_body.mean()) / sd if sd > 1e-9 else np.zeros(n)
    ref = float(np.median(cos_body[pro])) if pro.any() else float(np.median(cos_body))
    c = np.concatenate([[0.0], np.cumsum(cos_body)])
    idx = np.arange(n)
    a, b = np.maximum(0, idx - 3), np.minimum(n, idx + 4)
    win = (c[b] - c[a] - cos_body) / np.maximum(b - a - 1, 1)
    cols = [
        cos_body,
        cos_main,
        cos_doc,
        prev,
        nxt,
        cos_title,
        np.full(n, float(title_emb is not None)),
        max_prose,
        rank,
        z,
        cos_body - ref,
        win,
        (~ok).astype(np.float64),
    ]
    out[:] = np.column_stack(cols)
    return out


EMB_KIND_NAMES = [f"emb_p_{k}" for k in _STACK_KINDS]  # what the line is: P(kind) from its embedding alone


@dataclass(slots=True)
class KindScorer:
    """A multinomial logistic regression over a line's embedding: P(kind) in ``line_model.KINDS`` order.

    Fitted on the train split's lines by ``newstrace bench lines --train`` and shipped inside ``line_model.json``;
    the trees read its probabilities (out of fold when they are fitted) as ``EMB_KIND_NAMES``.
    """

    coef: np.ndarray  # (kinds, 384)
    intercept: np.ndarray  # (kinds,)

    def __call__(self, emb: np.ndarray) -> np.ndarray:
        z = np.asarray(emb, dtype=np.float64) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def line_meaning(
    texts: Sequence[str],
    prose: Sequence[bool],
    main: Sequence[bool],
    title: str | None,
    embed: Embedder,
    kinds: KindScorer | None = None,
) -> np.ndarray:
    """``MEANING_NAMES`` (then ``EMB_KIND_NAMES`` when ``kinds`` is given) of a document's lines: one call of
    ``embed`` over the lines (stripped) and the title."""
    items = [t.strip() for t in texts] + ([" ".join(title.split())] if title and title.strip() else [])
    emb = np.asarray(embed(items), dtype=np.float64)
    title_emb = emb[len(texts)] if len(items) > len(texts) else None
    out = meaning_features(emb[: len(texts)], prose, main, title_emb)
    if kinds is not None:
        out = np.hstack([out, kinds(emb[: len(texts)]).astype(np.float32)])
    return out
