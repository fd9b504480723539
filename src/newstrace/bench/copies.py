"""Syndicated copies and near-duplicates: precision, recall and cost of ``find_copies``.

Real articles (``ukraine-war-news-gdelt-multicountry/articles``, deduplicated by hash, English, dated
from the file names; ``bulgarian-ukraine-war-news``, Bulgarian, undated) are the originals. Each gets
copies made with one realistic transformation:

* ``cut``: 40-90% of the paragraphs kept (the first ones, or a subset in order);
* ``reorder``: the paragraphs shuffled;
* ``edit``: 2-5% of the words replaced;
* ``lead_credit``: a new first line and a credit line ("This article was originally published by ...");
* ``junk``: site junk lines (share, read more, cookies, newsletter) between paragraphs;
* ``translate``: translate-like noise: synonyms, swapped neighbour words, spelling changes, dropped
  articles, glued sentences ("end.Next");
* ``partial``: a large part (50-80% of the paragraphs, 2% of the words edited) inside another article;
* ``mixed``: cut + edit + credit + junk together.

Every real article is also a hard true negative for every other: the report counts the pairs of real
articles published the same day that share at least three capitalised names (same story, same day,
same places) and how many of them ``find_copies`` links. A copy is dated 1-48 hours after its
original (undated when the original is: the Bulgarian articles).

Scored: precision of the links (copy, original) that ``find_copies`` returns (right when both
documents come from the same real article), recall of the copies (linked to their own original or
another copy of it), and whether the original chosen is the true one. Cost: wall time and peak
memory (fresh subprocess each) at 1k, 10k and 100k documents, the larger sets filled with
paragraph composites of real articles (one paragraph from each of several articles, shuffled) and
their copies.

    newstrace bench copies [--sizes 1000,10000,100000] [--record docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import regex

from ..errors import NewstraceError
from ..record import Document, Segment
from .pipeline import _machine, shared_data

__all__ = [
    "TRANSFORMS",
    "Source",
    "load_sources",
    "make_copy",
    "build_corpus",
    "hard_negatives",
    "verbatim_overlaps",
    "split_wild",
    "score_wild",
    "score",
    "run_copies_benchmark",
    "format_copies_markdown",
    "main",
    "previous_find_copies",
]

GDELT = "ukraine-war-news-gdelt-multicountry/articles"
BULGARIAN = "bulgarian-ukraine-war-news"
COPIES_COMMAND = "newstrace bench copies --record docs/benchmarks.md"
SECTION = "Syndicated copies and near-duplicates (issue 3)"
TRANSFORMS = ("cut", "reorder", "edit", "lead_credit", "junk", "translate", "partial", "mixed")

OUTLETS = ["Reuters", "the Associated Press", "Kyiv Independent", "BTA", "Ukrinform", "The Conversation", "AFP"]
LEADS = [
    "UPDATED: The story has been updated with new details.",
    "Breaking news from our partners.",
    "КИЕВ. Новини от деня.",
    "Ukraine war latest: what we know today",
    "Editor's note: this report contains graphic descriptions.",
]
JUNK = [
    "Share this article on Facebook Twitter WhatsApp",
    "Read more: Ukraine live updates",
    "Advertisement",
    "We use cookies to improve your experience. Accept all cookies",
    "Sign up for our daily newsletter",
    "Photo: Reuters",
    "Follow us on Telegram",
    "Related: The latest from the front line",
    "Прочетете още: Последни новини",
]
SYNONYMS = {
    "said": "stated",
    "says": "states",
    "attack": "assault",
    "attacks": "assaults",
    "killed": "slain",
    "people": "persons",
    "city": "town",
    "troops": "soldiers",
    "forces": "troops",
    "war": "conflict",
    "president": "head of state",
    "also": "as well",
    "after": "following",
    "before": "prior to",
    "big": "large",
    "large": "big",
    "many": "numerous",
    "help": "assist",
    "began": "started",
    "start": "begin",
    "about": "around",
    "country": "nation",
    "government": "authorities",
    "told": "informed",
    "however": "but",
    "because": "since",
    "near": "close to",
    "show": "demonstrate",
}


@dataclass
class Source:
    id: str
    paragraphs: list[str]
    published: str | None
    language: str
    names: frozenset[str]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


_NAME = regex.compile(r"(?<![.!?]\s|^)\b\p{Lu}\p{Ll}{2,}", regex.M)
_SENT = regex.compile(r"(?<=[.!?])(?=\p{Lu})|(?<=[.!?])\s+(?=\p{Lu})")


def _names(text: str) -> frozenset[str]:
    return frozenset(_NAME.findall(text))


def load_sources(data: Path | None = None, *, limit: int | None = None) -> list[Source]:
    """The real articles, deduplicated by hash (English first, then Bulgarian)."""
    data = data or shared_data()
    if data is None or not (data / GDELT).is_dir():
        raise NewstraceError(f"../shared/data/{GDELT} is absent; set NEWSTRACE_SHARED_DATA")
    seen: set[str] = set()
    out: list[Source] = []
    for f in sorted((data / GDELT).glob("*.txt")):
        raw = f.read_bytes()
        h = hashlib.sha256(raw).hexdigest()
        if h in seen:
            continue
        seen.add(h)
        text = raw.decode("utf-8", errors="replace")
        paras = [p.strip() for p in regex.split(r"\n\s*\n", text) if p.strip()]
        if len(" ".join(paras).split()) < 60:
            continue
        ts = f.name.split("_")[0]
        published = f"{ts[0:4]}-{ts[4:6]}-{ts[6:8]}T{ts[9:11]}:{ts[11:13]}:{ts[13:15]}Z"
        out.append(Source(f"en_{h[:12]}", paras, published, "en", _names(text)))
    bg = data / BULGARIAN
    if bg.is_dir():
        for f in sorted(bg.glob("*.json")):
            for row in json.loads(f.read_text(encoding="utf-8")):
                text = (row.get("text") or "").strip()
                h = hashlib.sha256(text.encode("utf-8")).hexdigest()
                if h in seen or len(text.split()) < 60:
                    continue
                seen.add(h)
                # The scraped text has no paragraph breaks: three sentences make a paragraph.
                sents = [s.strip() for s in _SENT.split(text) if s.strip()]
                paras = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
                out.append(Source(f"bg_{h[:12]}", paras, None, "bg", _names(text)))
    return out[:limit] if limit else out


def _later(published: str | None, rng: random.Random) -> str | None:
    if not published:
        return None
    from datetime import datetime, timedelta

    t = datetime.strptime(published, "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=rng.uniform(1, 48))
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _edit_words(text: str, share: float, rng: random.Random, vocab: list[str]) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), max(1, int(len(words) * share))):
        words[i] = rng.choice(vocab)
    return " ".join(words)


def _misspell(w: str, rng: random.Random) -> str:
    if len(w) < 4:
        return w
    i = rng.randrange(1, len(w) - 1)
    op = rng.random()
    if op < 0.4:
        return w[:i] + w[i + 1 :]  # drop a letter
    if op < 0.7:
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]  # swap two letters
    return w[:i] + w[i] + w[i:]  # double a letter


def _translate_noise(paras: list[str], rng: random.Random) -> list[str]:
    out = []
    for p in paras:
        words = p.split(" ")
        res: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            lw = w.lower()
            r = rng.random()
            if lw in ("a", "an", "the") and r < 0.6:
                i += 1
                continue  # dropped article
            if lw in SYNONYMS and r < 0.5:
                w = SYNONYMS[lw]
            elif r < 0.03:
                w = _misspell(w, rng)
            elif r < 0.06 and i + 1 < len(words) and not w.endswith((".", ",")):
                res.extend([words[i + 1], w])  # neighbour words swapped
                i += 2
                continue
            res.append(w)
            i += 1
        p = " ".join(res)
        # Glue some sentences: "end. Next" -> "end.Next"
        p = regex.sub(r"(?<=\p{Ll}[.!?]) (?=\p{Lu})", lambda m: "" if rng.random() < 0.5 else " ", p)
        out.append(p)
    return out


def _junk(paras: list[str], rng: random.Random) -> list[str]:
    out = list(paras)
    for _ in range(rng.randint(2, 5)):
        out.insert(rng.randrange(0, len(out) + 1), rng.choice(JUNK))
    return out


def _cut(paras: list[str], rng: random.Random) -> list[str]:
    k = max(1, round(len(paras) * rng.uniform(0.4, 0.9)))
    if rng.random() < 0.5:
        return paras[:k]
    keep = sorted(rng.sample(range(len(paras)), k))
    return [paras[i] for i in keep]


def make_copy(src: Source, kind: str, rng: random.Random, vocab: list[str], host: Source | None = None) -> str:
    """The text of a copy of ``src`` made with one transformation."""
    paras = list(src.paragraphs)
    credit = f"This article was originally published by {rng.choice(OUTLETS)}."
    if kind == "cut":
        paras = _cut(paras, rng)
    elif kind == "reorder":
        rng.shuffle(paras)
    elif kind == "edit":
        share = rng.uniform(0.02, 0.05)
        paras = [_edit_words(p, share, rng, vocab) for p in paras]
    elif kind == "lead_credit":
        paras = [rng.choice(LEADS)] + paras + [credit]
    elif kind == "junk":
        paras = _junk(paras, rng)
    elif kind == "translate":
        paras = _translate_noise(paras, rng)
    elif kind == "partial":
        k = max(1, round(len(paras) * rng.uniform(0.5, 0.8)))
        start = rng.randrange(0, len(paras) - k + 1)
        part = [_edit_words(p, 0.02, rng, vocab) for p in paras[start : start + k]]
        own = host.paragraphs if host else []
        cut = rng.randint(0, len(own))
        paras = own[:cut] + part + own[cut:]
    elif kind == "mixed":
        paras = _cut(paras, rng)
        paras = [_edit_words(p, rng.uniform(0.02, 0.05), rng, vocab) for p in paras]
        paras = _junk([rng.choice(LEADS)] + paras + [credit], rng)
    else:
        raise ValueError(kind)
    return "\n\n".join(paras)


def _document(doc_id: str, text: str, published: str | None) -> Document:
    doc = Document(id=doc_id, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), path=doc_id, text=text)
    doc.published = published
    doc.segments = [Segment(0, len(text), "body")]  # as the clean stage would: one body segment
    return doc


@dataclass
class Corpus:
    docs: list[Document]
    family: dict[str, str]  # document id -> the real article (or composite) it comes from
    kind: dict[str, str]  # copy id -> transformation
    originals: set[str]


def _composite(pools: list[tuple[str, list[list[str]]]], rng: random.Random, idx: int) -> Source:
    """A synthetic original: 12-30 sentences from as many real articles of one language, shuffled, in paragraphs of 3.

    One sentence (6-30 words) per article of at least 200 words, so a composite holds no large part of any real
    article (nor of another composite).
    """
    language, pool = rng.choice(pools)
    sents = [rng.choice(pool[k]) for k in rng.sample(range(len(pool)), rng.randint(12, 30))]
    paras = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
    day = rng.randint(0, 800)
    from datetime import datetime, timedelta

    published = (datetime(2022, 1, 1) + timedelta(days=day, hours=rng.uniform(0, 23))).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Source(f"mix_{idx:06d}", paras, published, language, frozenset())


def _sentences(src: Source) -> list[str]:
    if len(src.text.split()) < 200:
        return []
    return [x.strip() for p in src.paragraphs for x in _SENT.split(p) if 6 <= len(x.split()) <= 30]


def build_corpus(
    sources: list[Source], *, copies_per_source: int = 2, size: int | None = None, seed: int = 0, hosts: bool = False
) -> Corpus:
    """Originals and their copies; with ``size``, filled up to that many documents with composites."""
    rng = random.Random(seed)
    # With ``hosts``, every fourth source only lends its text to "partial" copies and is not in the corpus.
    host_pool: dict[str, list[Source]] = defaultdict(list)
    base = list(sources)
    if hosts:
        base = [s for i, s in enumerate(sources) if i % 4 != 3]
        for s in (s for i, s in enumerate(sources) if i % 4 == 3):
            host_pool[s.language].append(s)
        for pool in host_pool.values():
            rng.shuffle(pool)
    vocab: dict[str, list[str]] = defaultdict(list)
    for s in base:
        if len(vocab[s.language]) < 20000:
            vocab[s.language].extend(w for w in " ".join(s.paragraphs[:2]).split(" ") if w.isalpha())
    docs: list[Document] = []
    family: dict[str, str] = {}
    kind: dict[str, str] = {}
    originals: set[str] = set()
    k = 0

    def add(src: Source) -> None:
        nonlocal k
        docs.append(_document(src.id, src.text, src.published))
        family[src.id] = src.id
        originals.add(src.id)
        for _ in range(copies_per_source):
            t = TRANSFORMS[k % len(TRANSFORMS)]
            k += 1
            host = None
            if t == "partial":  # every host article lends its text once, so partial copies share nothing else
                pool = host_pool.get(src.language)
                host = pool.pop() if pool else None
                if host is None:
                    t = "mixed"
            text = make_copy(src, t, rng, vocab[src.language] or vocab["en"], host)
            cid = f"{src.id}~{t}~{k}"
            docs.append(_document(cid, text, _later(src.published, rng)))
            family[cid] = src.id
            kind[cid] = t

    for s in base:
        if size and len(docs) >= size:
            break
        add(s)
    i = 0
    pools = [(lang, [x for x in (_sentences(s) for s in base if s.language == lang) if x]) for lang in ("en", "bg")]
    pools = [(lang, p) for lang, p in pools if len(p) >= 30]
    while size and len(docs) < size:
        add(_composite(pools, rng, i))
        i += 1
    if size:
        docs = docs[:size]
    keep = {d.id for d in docs}
    return Corpus(
        docs,
        {d: f for d, f in family.items() if d in keep},
        {d: t for d, t in kind.items() if d in keep},
        originals & keep,
    )


def hard_negatives(sources: list[Source], min_names: int = 3) -> list[tuple[str, str]]:
    """Pairs of real articles published the same day that share at least ``min_names`` capitalised names."""
    by_day: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        if s.published:
            by_day[s.published[:10]].append(s)
    pairs = []
    for group in by_day.values():
        for a, b in combinations(group, 2):
            if len(a.names & b.names) >= min_names:
                pairs.append((a.id, b.id))
    return pairs


def score(
    corpus: Corpus, found: list[tuple[str, str, float]], negatives: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    fam = corpus.family
    right = [(c, o) for c, o, _ in found if fam[c] == fam[o]]
    wrong = [(c, o) for c, o, _ in found if fam[c] != fam[o]]
    linked: dict[str, str] = {}
    for c, o, _ in found:
        linked[c] = o
    partner: dict[str, set[str]] = defaultdict(set)
    for c, o, _ in found:
        partner[c].add(o)
        partner[o].add(c)
    per: dict[str, dict[str, int]] = {
        t: {"copies": 0, "found": 0, "linked_any_way": 0, "original_right": 0} for t in TRANSFORMS
    }
    for cid, t in corpus.kind.items():
        p = per[t]
        p["copies"] += 1
        if cid in linked and fam[linked[cid]] == fam[cid]:
            p["found"] += 1
            if linked[cid] == fam[cid]:
                p["original_right"] += 1
        if any(fam[x] == fam[cid] for x in partner.get(cid, ())):
            p["linked_any_way"] += 1
    copies = sum(p["copies"] for p in per.values())
    linked_n = sum(p["linked_any_way"] for p in per.values())
    found_n = sum(p["found"] for p in per.values())
    neg = set(negatives)
    flagged = [(a, b) for a, b in neg if a in partner and b in partner[a]]
    # Direction, for dated (English, composites) and undated (Bulgarian) copies apart.
    direction = {"dated": [0, 0], "undated": [0, 0]}
    dated = {d.id: bool(d.published) for d in corpus.docs}
    for cid in corpus.kind:
        if any(fam[x] == fam[cid] for x in partner.get(cid, ())):
            k = "dated" if dated[cid] else "undated"
            direction[k][1] += 1
            direction[k][0] += int(cid in linked and fam[linked[cid]] == fam[cid])
    return {
        "links": len(found),
        "right_links": len(right),
        "wrong_links": wrong,
        "precision": len(right) / len(found) if found else 1.0,
        "recall": linked_n / copies if copies else 1.0,
        "copies": copies,
        "linked": linked_n,
        "found": found_n,
        "original_right": sum(p["original_right"] for p in per.values()),
        "direction": direction,
        "per_transform": per,
        "negatives": len(neg),
        "negatives_flagged": flagged,
    }


def verbatim_overlaps(sources: list[Source], n: int = 8, floor: float = 0.2) -> dict[tuple[str, str], float]:
    """Pairs of real articles sharing word ``n``-grams verbatim (lower-cased, no other normalisation).

    The value is the share of the smaller article's ``n``-grams found in the other (pairs at ``floor`` or
    above). Independent of ``find_copies``: it says which real articles are copies in the wild.
    """
    grams: list[set[tuple[str, ...]]] = []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k, s in enumerate(sources):
        w = regex.findall(r"\w+", s.text.lower())
        g = {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}
        grams.append(g)
        for x in g:
            index[x].append(k)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for holders in index.values():
        if 1 < len(holders) <= 100:
            for a, b in combinations(holders, 2):
                shared[(a, b)] += 1
    out = {}
    for (a, b), c in shared.items():
        v = c / max(1, min(len(grams[a]), len(grams[b])))
        if v >= floor:
            out[(sources[a].id, sources[b].id)] = v
    return out


def split_wild(sources: list[Source], overlaps: dict[tuple[str, str], float]) -> tuple[list[Source], list[Source]]:
    """One article per group of real articles joined by verbatim overlap; the others apart."""
    parent = {s.id: s.id for s in sources}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in overlaps:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    kept: list[Source] = []
    rest: list[Source] = []
    seen: set[str] = set()
    for s in sources:
        r = root(s.id)
        (rest if r in seen else kept).append(s)
        seen.add(r)
    return kept, rest


def score_wild(found: list[tuple[str, str, float]], overlaps: dict[tuple[str, str], float]) -> dict[str, Any]:
    """find_copies on the real articles alone, against verbatim overlap: >= 0.5 copies, < 0.2 not copies."""
    ov = {frozenset(k): v for k, v in overlaps.items()}
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for c, o, _ in found:
        ra, rb = root(c), root(o)
        if ra != rb:
            parent[ra] = rb
    positives = [k for k, v in ov.items() if v >= 0.5]
    recalled = sum(1 for k in positives if len({root(x) for x in k}) == 1)
    links = [ov.get(frozenset((c, o)), 0.0) for c, o, _ in found]
    return {
        "positives": len(positives),
        "recalled": recalled,
        "links": len(found),
        "links_copy": sum(1 for v in links if v >= 0.5),
        "links_between": sum(1 for v in links if 0.2 <= v < 0.5),
        "links_not_copy": sum(1 for v in links if v < 0.2),
    }


def previous_find_copies(docs: list[Document], containment: float = 0.6) -> list[tuple[str, str, float]]:
    """The first ``find_copies`` (before issue 3), kept here only to show the change on the same set.

    MinHash LSH (64 permutations, threshold 0.2) over lower-cased word 5-gram shingles, containment >= 0.6,
    the earlier publication (else the longer text) the original, every pair kept.
    """
    from datasketch import MinHash, MinHashLSH

    from ..fuse.copies import body_text

    def sh(text: str) -> set[str]:
        w = regex.findall(r"\w+", text.lower())
        return {" ".join(w[i : i + 5]) for i in range(len(w) - 4)} if len(w) >= 5 else ({" ".join(w)} if w else set())

    sets = {d.id: sh(body_text(d)) for d in docs}
    lsh = MinHashLSH(threshold=0.2, num_perm=64)
    hashes = {}
    for d in docs:
        if len(sets[d.id]) < 3:
            continue
        mh = MinHash(num_perm=64)
        mh.update_batch([x.encode("utf-8") for x in sets[d.id]])
        hashes[d.id] = mh
        lsh.insert(d.id, mh)
    by_id = {d.id: d for d in docs}
    key = lambda d: (d.published or "9999", -len(d.text), d.id)  # noqa: E731
    out: dict[tuple[str, str], float] = {}
    for doc_id, mh in hashes.items():
        for other in lsh.query(mh):
            if other == doc_id:
                continue
            a, b = sets[doc_id], sets[other]
            score = len(a & b) / max(1, min(len(a), len(b)))
            if score >= containment:
                first, second = sorted((by_id[doc_id], by_id[other]), key=key)
                out[(second.id, first.id)] = round(score, 4)
    return sorted((c, o, s) for (c, o), s in out.items())


def _with_overlaps(sources: list[Source]) -> tuple[list[Source], dict[tuple[str, str], float]]:
    return sources, verbatim_overlaps(sources)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _worker(size: int, seed: int, exclude: Path | None = None) -> dict[str, Any]:
    """In a fresh process: build ``size`` documents, then time ``find_copies`` on them.

    ``exclude`` lists the real articles set apart (one id a line), so the worker need not compute the
    verbatim overlaps (whose memory would hide that of ``find_copies``).
    """
    from ..fuse.copies import find_copies

    if exclude is not None:
        apart = set(exclude.read_text(encoding="utf-8").split())
        sources = [s for s in load_sources() if s.id not in apart]
    else:
        sources, _ = split_wild(*_with_overlaps(load_sources()))
    corpus = build_corpus(sources, copies_per_source=2, size=size, seed=seed, hosts=True)
    before = _peak_mb()
    t0 = time.perf_counter()
    found = find_copies(corpus.docs)
    seconds = time.perf_counter() - t0
    s = score(corpus, found)
    return {
        "documents": len(corpus.docs),
        "characters": sum(len(d.text) for d in corpus.docs),
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "peak_mb_before": before,
        "precision": s["precision"],
        "recall": s["recall"],
        "links": s["links"],
    }


def run_copies_benchmark(
    sizes: tuple[int, ...] = (1000, 10000, 100000), *, seed: int = 0, limit: int | None = None
) -> dict[str, Any]:
    """Accuracy on all real articles and their copies, then cost at each size."""
    from ..fuse.copies import COPY_CONTAINMENT, find_copies

    real = load_sources(limit=limit)
    overlaps = verbatim_overlaps(real)
    t0 = time.perf_counter()
    wild = score_wild(find_copies([_document(s.id, s.text, s.published) for s in real]), overlaps)
    wild["seconds"] = time.perf_counter() - t0
    wild["articles"] = len(real)
    sources, rest = split_wild(real, overlaps)
    base = [s for i, s in enumerate(sources) if i % 4 != 3]
    hosts = len(sources) - len(base)
    corpus = build_corpus(sources, copies_per_source=2, seed=seed, hosts=True)
    negatives = hard_negatives(base)
    t0 = time.perf_counter()
    found = find_copies(corpus.docs)
    seconds = time.perf_counter() - t0
    acc = score(corpus, found, negatives)
    t0 = time.perf_counter()
    before = score(corpus, previous_find_copies(corpus.docs), negatives)
    before["seconds"] = time.perf_counter() - t0
    en = sum(1 for s in base if s.language == "en")
    cost = []
    with tempfile.TemporaryDirectory() as tmp:
        exclude = Path(tmp) / "apart.txt"
        exclude.write_text("\n".join(s.id for s in rest), encoding="utf-8")
        for n in sizes:
            proc = subprocess.run(
                [sys.executable, "-m", "newstrace.bench.copies", "--worker", str(n), "--seed", str(seed)]
                + ["--exclude", str(exclude)],
                capture_output=True,
                text=True,
                check=True,
            )
            cost.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": _machine(),
        "python": sys.version.split()[0],
        "containment": COPY_CONTAINMENT,
        "sources": len(sources) - hosts,
        "sources_en": en,
        "sources_bg": len(sources) - hosts - en,
        "hosts": hosts,
        "documents": len(corpus.docs),
        "seconds": seconds,
        "accuracy": acc,
        "before": before,
        "wild": wild,
        "set_apart": len(rest),
        "cost": cost,
        "seed": seed,
    }


def format_copies_markdown(result: dict[str, Any]) -> str:
    a = result["accuracy"]
    w = result["wild"]
    b = result["before"]
    rows = ""
    for t in TRANSFORMS:
        p = a["per_transform"][t]
        if not p["copies"]:
            continue
        rows += (
            f"| {t} | {p['copies']} | {p['linked_any_way'] / p['copies']:.3f} | "
            f"{p['found'] / max(1, p['linked_any_way']):.3f} | {p['original_right'] / max(1, p['linked_any_way']):.3f} | "
            f"{b['per_transform'][t]['linked_any_way'] / p['copies']:.3f} |\n"
        )
    cost = "".join(
        f"| {c['documents']:,} | {c['characters'] / 1e6:.0f} | {c['seconds']:.1f} | {c['seconds'] / c['documents'] * 1e3:.2f} | "
        f"{c['peak_mb']:.0f} | {c['peak_mb'] - c['peak_mb_before']:.0f} | {c['precision']:.3f} | {c['recall']:.3f} |\n"
        for c in result["cost"]
    )
    wrong = a["wrong_links"]
    dd, du = a["direction"]["dated"], a["direction"]["undated"]
    return (
        f"Date: {result['date']}. Machine: {result['machine']}. "
        f"`find_copies` with containment threshold {result['containment']}.\n\n"
        f"**Copies in the wild.** The {w['articles']:,} real articles alone (`{GDELT}` deduplicated by hash, and "
        f"`{BULGARIAN}`), judged by verbatim overlap (share of the smaller article's lower-cased word 8-grams found "
        f"in the other, independent of `find_copies`): {w['positives']} pairs overlap by at least 0.5 (republished "
        f"copies, mostly across the Bulgarian outlets); {w['recalled']} of them are joined by `find_copies` links. "
        f"Of its {w['links']} links, {w['links_copy']} join pairs overlapping by at least 0.5, "
        f"{w['links_between']} pairs overlapping 0.2-0.5 (agency rewrites, long shared statements) and "
        f"{w['links_not_copy']} pairs overlapping less than 0.2.\n\n"
        f"**Made copies.** Originals: {result['sources']:,} real articles, one per group of real articles joined by "
        f"verbatim overlap of 0.2 or more ({result['set_apart']} set apart), every fourth of them ({result['hosts']}) "
        f"only hosting the `partial` copies: {result['sources_en']} English (dated from the file names) and "
        f"{result['sources_bg']:,} Bulgarian (undated). Each original gets 2 copies, the transformations taken in "
        f"turn (seed {result['seed']}), copies dated 1-48 h after a dated original: {result['documents']:,} documents, "
        f"each one body segment.\n\n"
        f"**Precision {a['precision']:.3f}** ({a['right_links']} of {a['links']} links join documents made from the "
        f"same real article), **recall {a['recall']:.3f}** ({a['linked']} of {a['copies']} copies linked to their "
        f"original or to another copy of it). Hard true negatives: {a['negatives']} pairs of real articles "
        f"published the same day sharing at least three capitalised names; {len(a['negatives_flagged'])} linked. "
        f"Direction (the found copy is the copy, not the original): dated {dd[0]} of {dd[1]} "
        f"({dd[0] / max(1, dd[1]):.3f}), undated {du[0]} of {du[1]} ({du[0] / max(1, du[1]):.3f}). "
        f"Time on this set: {result['seconds']:.1f} s. Before issue 3 (`previous_find_copies`: MinHash LSH over "
        f"word 5-grams, containment 0.6, kept in the benchmark module for this comparison): precision "
        f"{b['precision']:.3f} ({b['right_links']} of {b['links']}), recall {b['recall']:.3f}, "
        f"{len(b['negatives_flagged'])} hard negatives linked, {b['seconds']:.1f} s.\n\n"
        "| transformation | copies | recall | copy side right | linked to the original itself | recall before |\n"
        "|---|---:|---:|---:|---:|---:|\n"
        + rows
        + "\n'copy side right': of the linked copies, those linked as the copy (not made the original); 'linked to the "
        "original itself': not to another copy of it (whose own link leads back to the original). "
        f"Wrong links: {len(wrong)}" + (f" (for example `{wrong[0][0]}` -> `{wrong[0][1]}`)" if wrong else "") + ".\n\n"
        "**Cost.** A fresh process per size; past the real articles and their copies the set is filled with "
        "composites (12-30 sentences, each from a different real article, shuffled, dated) and 2 copies of each. "
        "'peak MB' is the process's resident peak, documents included; 'added' is how much `find_copies` raised it "
        "(0 when it stayed under the peak of about 500 MB already reached by the imports and the loaded articles). "
        "Precision and recall as above.\n\n"
        "| documents | MB of text | seconds | ms per document | peak MB | added MB | precision | recall |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        + cost
        + "\nTime per document stays flat from 1k to 100k (candidates come from an inverted index of winnowing "
        "fingerprints, not from all pairs); the added memory at 100k is mostly every document's shingle hashes "
        "(8 bytes a shingle) kept for the exact check. The machine was shared with other jobs while this ran, so "
        "the seconds may vary by a few tens of percent between runs.\n\n"
        f"Falls short: the direction of undated pairs that differ only by word edits is a coin toss (edit copies: "
        f"{a['per_transform']['edit']['found'] / max(1, a['per_transform']['edit']['linked_any_way']):.3f} linked "
        "as the copy), and a `partial` copy, which holds another article inside its own text, is taken for the "
        "original when both are undated (nothing in the texts tells which came first); `partial` copies that keep "
        "about half of the other article, edited, fall under the 0.45 threshold "
        f"(recall {a['per_transform']['partial']['linked_any_way'] / max(1, a['per_transform']['partial']['copies']):.3f}).\n"
    )


def main(argv: list[str] | None = None) -> None:
    from .pipeline import record_section

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--record", help="Markdown file whose copies section gets the result")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--exclude", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(args.worker, args.seed, args.exclude)))
        return
    sizes = tuple(int(x) for x in args.sizes.split(",") if x)
    result = run_copies_benchmark(sizes, seed=args.seed, limit=args.limit)
    md = format_copies_markdown(result)
    print(md)
    if args.record:
        record_section(args.record, SECTION, md, command=COPIES_COMMAND)


if __name__ == "__main__":
    main()
