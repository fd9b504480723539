"""Sentence-level claims from body text, with hedges, counts, quotes and the attribution chain.

``extract_claims(sdoc, doc, quotes=None)`` reads the spaCy parse of the whole
stored text (offsets equal to ``doc.text``), ``doc.segments``, ``doc.quantities``
and the quotes (``doc.quotes`` by default; pass ``quotes=`` to use another list,
which must be the list that ends up in ``doc.quotes`` since ``Claim.quotes``
holds indexes into it). It makes no model call.

Sentences
---------
spaCy's sentences, cut again at paragraph breaks and at sentences glued together
by machine translation ("panic.For eight years", "Ukraine.- This power"), and
joined back when spaCy split a dash-quote tail or a lowercase continuation off
("... invasion -" + "said the ambassador."). Only sentences that start in a
``body`` segment count (a document without any segment is treated as all body).

A sentence is a claim when it carries a quantity, a quote or reported speech, a
hedge, a denial or an event verb (attack, strike, shell, kill, wound, capture,
detain, withdraw, advance, shoot down, destroy, evacuate, desert, refuse,
cancel, announce, sanction, ... and nouns such as shelling, airstrike,
explosion). A sentence that only says "the claims could not be independently
verified" is not a claim itself: its note goes to the claims before it in its
paragraph (or, when it opens a paragraph, to the claims of the paragraph before).

Kind (first rule that fires): denial (deny/refute/reject the claims/"not true";
not "were denied entry") > allegation (alleged(ly), accused, purported) >
estimate (estimate*) > forecast (will/shall, plans/intends/expects to, is
expected/set to, predict, forecast) > opinion (believes, thinks, in his
opinion, considers; not "is believed to") > official_statement (the sentence's
speaker is an organisation or an official: ministry, president, spokesman,
governor, army, ... or "said in a statement") > reported_fact.

Hedges are canonical labels, in order of appearance: "reportedly", "allegedly",
"is said to", "claims", "according to", "estimated", "could not be
independently verified", "unconfirmed", "it is unclear", "appears to", "may
have", "denied", "revised", "updated", "purportedly", "it is believed".

Attribution
-----------
``[AttributionLink("published", outlet)]`` (the document's outlet, canonical
when known, else "unknown outlet"), then the outlets the sentence cites, cited
outlets first ("according_to" / "reported_by", with a "read_document" link
after "writes The Guardian, which has seen the documents"), then outlets the
speaker talked to ("quoted_to"), then the platform ("posted_on": "wrote on
Telegram"), then the primary source (kind "said", with the speaker's entity id
when known). When what the speaker says is itself someone else's statement
("The volunteer said a soldier had told him that ...", '"A medic told me ...,"
he said'), that someone follows as a second "said" link and is the primary
source (``_relayed_source``; English speech verbs). The source a report cites
("Reuters reported, citing two sources familiar with the matter, that ...")
ends the chain: an outlet as "reported_by", a document as "read_document",
anyone who can speak as "said" (``_cited_source``; ``quotes_lang.cited_source``
in the other languages). A speaker that is itself an outlet ("according to the
Kyiv Independent") ends the chain at that outlet. A sentence with no attribution of
its own inherits the chain of the previous claim of its paragraph only when it
continues that speaker's reported speech (it opens with "He/She/They/It ..." and
a speech verb, "According to him", or its speaker is a pronoun that could not
be resolved); otherwise the article itself is the source (one "published" link).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER, POS, TAG
from spacy.strings import get_string_id
from spacy.symbols import NOUN, VERB

from ..pipeline import register_stage
from ..record import AttributionLink, Claim, Document, Quote, names_someone, stable_id
from .quotes import (
    CITING_WORDS,
    EVIDENCE_GERUNDS,
    EVIDENCE_VERBS,
    _DOCUMENT_NOUNS,
    _ORG_WORDS,
    _ROLE_NOUNS,
    _SOURCE_WORDS,
    _speaker_head,
    outlet_cites,
    outlet_descriptor,
    outlet_name,
    platform_posts,
    speaker_outlet,
)
from .quotes_lang import LANGS, cited_links, cited_source, hedges_lang, speaker_outlet_lang

__all__ = ["extract_claims", "ClaimsStage", "HEDGES", "EVENT_LEMMAS", "claim_sentences"]

#: Lemmas of verbs (and a few nouns) that make a sentence report an event.
EVENT_LEMMAS = frozenset(
    "attack strike shell bomb bombard kill wound injure hurt capture seize detain arrest withdraw retreat "
    "advance shoot destroy damage evacuate desert refuse cancel announce sanction launch fire hit invade "
    "occupy liberate recapture retake repel repulse storm surround encircle explode die flee intercept "
    "deploy mobilize mobilise ban expel impose suspend sink loot torture execute rape abduct kidnap deport "
    "release exchange surrender besiege blockade target raid clash fight sabotage ambush mine drone down "
    "massacre murder slaughter burn demolish collapse lose defect murder poison assassinate sentence "
    "convict charge jail imprison conscript draft enlist cross breach penetrate counterattack "
    "shelling airstrike strike explosion blast offensive counteroffensive counter-offensive evacuation "
    "invasion attack casualty death bombardment assault battle incursion missile".split()
)

_VERIFY_PAT = (
    r"\b(?:could|can|has|have|had|was|were|is|are)\s*(?:not|n't|no)\s+(?:be\s+|been\s+|yet\s+|immediately\s+|"
    r"independently\s+)*(?:verif(?:y|ied)|confirm(?:ed)?)\b|\bcannot\s+(?:be\s+)?(?:independently\s+)?"
    r"(?:verif(?:y|ied)|confirm(?:ed)?)\b|\bcouldn't\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)\b"
    r"|\bunable\s+to\s+(?:independently\s+)?(?:verify|confirm)\b|\bnot\s+(?:been\s+)?independently\s+(?:verified|confirmed)\b"
    r"|\bunverified\b|\bno\s+independent\s+(?:confirmation|verification)\b"
    # "Neither side's claims could be independently verified": the negation is carried by "neither"
    r"|\bneither\b[^.;]{0,80}?\b(?:could|can)\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)\b"
)
# "said a huge number had been killed, without providing evidence", "He gave no evidence for the claim"
_NO_EVIDENCE_PAT = (
    r"\bwithout\s+" + EVIDENCE_GERUNDS + r"\s+(?:any\s+)?evidence\b"
    r"|\b" + EVIDENCE_VERBS + r"\s+no\s+evidence\b"
)
_HEDGE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("reportedly", r"\breportedly\b"),
    ("allegedly", r"\ballegedly\b|\balleged\b"),
    ("is said to", r"\b(?:is|are|was|were)\s+(?:also\s+)?said\s+to\b"),
    ("could not be independently verified", _VERIFY_PAT),
    ("no evidence given", _NO_EVIDENCE_PAT),
    ("claims", r"\bclaim(?:s|ed|ing)?\b"),
    ("according to", r"\baccording\s+to\b"),
    ("estimated", r"\bestimat(?:e|es|ed|ing|ion|ions)\b"),
    ("unconfirmed", r"\bunconfirmed\b"),
    ("it is unclear", r"\bunclear\b|\bnot\s+(?:yet\s+)?clear\b"),
    ("appears to", r"\b(?:appears?|appeared|seems?|seemed)\s+to\b"),
    ("may have", r"\b(?:may|might)\s+have\b|\bcould\s+have\s+been\b"),
    ("denied", r"\bden(?:y|ies|ied|ying|ial)\b"),
    ("revised", r"\b(?:later\s+)?(?:raised|revised|lowered|increased|corrected|adjusted|updated)\s+(?:(?:the|its|their|his|her)\s+)?"
                r"(?:[\w-]+\s+){0,3}?(?:to|up\s+to)\s+(?:at\s+least\s+|about\s+|more\s+than\s+|nearly\s+|almost\s+)?\d"),
    ("updated", r"\bupdated\b"),
    ("purportedly", r"\bpurportedly\b|\bsupposedly\b"),
    ("it is believed", r"\b(?:is|are|was|were)\s+(?:widely\s+)?believed\s+to\b|\bit\s+is\s+believed\b"),
)
#: Canonical hedge labels, in the order they are tested.
HEDGES = tuple(label for label, _ in _HEDGE_PATTERNS)
_NO_EVIDENCE = "no evidence given"
# the hedges a standalone verification note passes on to the claims before it
_NOTE_HEDGES = ("could not be independently verified", _NO_EVIDENCE)
# a cheap substring test before each pattern (most sentences carry no hedge)
_HEDGE_KEYS = {
    "reportedly": ("reportedly",), "allegedly": ("alleged",), "is said to": ("said to",),
    "could not be independently verified": ("verif", "confirm"), "no evidence given": ("evidence",), "claims": ("claim",),
    "according to": ("according",),
    "estimated": ("estimat",), "unconfirmed": ("unconfirmed",), "it is unclear": ("unclear", "clear"),
    "appears to": ("appear", "seem"), "may have": ("may have", "might have", "could have"), "denied": ("den",),
    "revised": ("raised", "revised", "lowered", "increased", "corrected", "adjusted", "updated"), "updated": ("updated",),
    "purportedly": ("purport", "suppos"), "it is believed": ("believed",),
}
_HEDGE_RES = tuple((label, _HEDGE_KEYS[label], re.compile(p, re.I)) for label, p in _HEDGE_PATTERNS)
_VERIFY_RE = re.compile(_VERIFY_PAT, re.I)
_DENIAL_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|denial|refut(?:e|es|ed|ing)|rebut(?:s|ted)?|dismiss(?:ed|es|ing)?\s+(?:the\s+|these\s+|such\s+)?"
    r"(?:claims?|reports?|allegations?|accusations?|suggestions?)|reject(?:s|ed|ing)?\s+(?:the\s+|these\s+|such\s+)?"
    r"(?:claims?|reports?|allegations?|accusations?)|(?:is|was|are|were)\s+(?:not\s+true|untrue|false|fake|a\s+lie|lies|"
    r"a\s+provocation|disinformation)|no\s+truth\s+(?:to|in))\b",
    re.I,
)
_PASSIVE_DENY = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+denied\b", re.I)
_ALLEGATION_RE = re.compile(r"\b(?:alleged(?:ly)?|accus(?:e|es|ed|ing|ation|ations)|purported(?:ly)?)\b", re.I)
_ESTIMATE_RE = re.compile(r"\bestimat(?:e|es|ed|ing|ion|ions)\b", re.I)
_FORECAST_RE = re.compile(
    r"\b(?:plans?|planning|planned|intends?|intending|intended|aims?|aiming)\s+to\b|\bexpect(?:s|ed|ing)?\b|"
    r"\b(?:is|are|was|were)\s+(?:going|expected|set|due|poised|likely|scheduled)\s+to\b|\bforecasts?\b|\bpredict(?:s|ed|ing)?\b",
    re.I,
)
_OPINION_RE = re.compile(
    r"\b(?:believes?|believed|thinks?|convinced\s+that|feels?\s+that|considers?\s+(?:that|it)|"
    r"in\s+(?:his|her|my|our|their|its)\s+(?:opinion|view|assessment))\b",
    re.I,
)
_PASSIVE_BELIEF = re.compile(r"\b(?:is|are|was|were|been|being|widely)\s+(?:widely\s+)?(?:believed|thought|considered)\b", re.I)
_OFFICIAL_RE = re.compile(
    r"\b(?:minist(?:er|ry|ries|ers)|president|premier|chancellor|spokes(?:man|woman|person|people|men|women)|officials?|"
    r"government|kremlin|pentagon|white\s+house|general\s+staff|armed\s+forces|army|military|command|governor|mayor|"
    r"ambassador|embassy|secretary|foreign\s+office|state\s+department|defen[cs]e|police|prosecutors?|authorities|"
    r"council|administration|parliament|nato|united\s+nations|un|eu|european\s+commission|commission|ombuds\w+|"
    r"head\s+of|chief\s+of|commander|general|intelligence|security\s+service|sbu|fsb|gur|mod|office|headquarters|"
    r"national\s+guard|border\s+guard|emergency\s+service|regional\s+(?:military\s+)?administration|chairman|"
    r"chiefs?|gen|col|lt|maj|adm|brig|colonel|major|admiral|lieutenant|envoy|diplomat|senator|congressman|lawmakers?|"
    r"deputy|mp|prosecutor|investigators?|staff)\b",
    re.I,
)
_PRONOUN_SPEECH = re.compile(
    r"^\W*(?:and\s+|but\s+|also\s+)?(?:he|she|they|it)\s+(?:also\s+|further\s+|then\s+|later\s+|again\s+|however\s*,?\s+|"
    r"additionally\s+)?(?:\w+\s+){0,1}?(?:said|says|added|adds|noted|notes|stressed|stresses|emphasi[sz]ed|stated|states|"
    r"explained|argued|warned|claimed|claims|insisted|pointed\s+out|told|reported|announced|recalled|"
    r"admitted|denied|confirmed|estimated|believes|thinks|assessed|commented|continued|wrote|writes|mentioned|"
    r"reiterated|suggested|indicated|urged|replied|answered|declared|assured|concluded|revealed)\b"
    r"|^\W*(?:according\s+to\s+(?:him|her|them|the\s+\w+)|in\s+(?:his|her|their)\s+(?:words|opinion|view))\b",
    re.I,
)
#: what a document source is called (English): the noun that ends "in a statement", "the resolution reads"
_DOC_NOUNS = (r"(?:statements?|reports?|resolutions?|documents?|letters?|communiqu[eé]s?|assessments?|decrees?|memos?|"
              r"memorandums?|analys[ie]s|study|studies|surveys?|polls?|polling\s+results|press\s+releases?|"
              r"declarations?|concept|filings?|indictments?|bulletins?|readouts?|transcripts?|findings|reviews?|drafts?)")
# its determiner, and the words between it and the noun (on one line; no second determiner: "involved in the
# problem presented their assessment" names no document)
_DET = r"(?:a|an|the|its|his|her|their|this)[ \t\u00a0]+"
_MID = r"(?!(?:a|an|the|its|his|her|their|this)[ \t])[\w'’-]+[ \t\u00a0]+"
_READ_DOC_RE = re.compile(
    r"\b(?:which|who|that)\s+(?:has|had|have|says?\s+it\s+has|said\s+it\s+had)\s+(?:seen|obtained|reviewed|read|viewed|"
    r"examined|verified)\s+(?P<doc>[^,.;:()\n]{3,70})"
    r"|(?P<doc2>\b(?:(?:internal|leaked|classified|secret|confidential|intelligence|court|official|military)\s+)?"
    r"(?:documents?|papers?|files?|memos?|reports?|letters?|emails?|recordings?|messages?|records?|transcripts?|"
    r"footage|images|data|cables?))\s+(?:seen|obtained|reviewed|viewed)\s+by\b"
    # a document as the source: "said in a statement", "in its past statements", "according to the concept", "in
    # releasing its polling results", '"...," the resolution reads', "the report found", '"...," reads the statement
    # by ...', "Declassified documents released in 2005 suggest" (war corpus train passages)
    rf"|\b(?:in|according\s+to|in\s+releasing)\s+(?P<doc3>{_DET}(?:{_MID}){{0,4}}?{_DOC_NOUNS})\b"
    rf"|(?P<doc4>\b{_DET}(?:{_MID}){{0,3}}?{_DOC_NOUNS})[ \t]+(?:also[ \t]+)?"
    r"(?:said|says|reads?|stated|states|found|finds|noted|notes|added|adds|showed|shows|concluded|concludes|"
    r"claimed|claims|suggested|suggests|warned|warns|argued|argues)\b"
    rf"|\b(?:reads?|said|says)[ \t]+(?P<doc5>the[ \t]+(?:{_MID}){{0,2}}?{_DOC_NOUNS})\b"
    r"|(?P<doc6>\b(?:declassified|leaked|internal|classified|secret)[ \t]+(?:documents|papers|files|memos|cables))\b",
    re.I,
)
_READ_DOC_GROUPS = ("doc", "doc2", "doc3", "doc4", "doc5", "doc6")
# sentences glued by machine translation: "panic.For eight years", "Ukraine.- This power", "war."He said"
_GLUE_RE = re.compile(r"[.!?][\"”»]?(?=[A-ZА-Я“\"„«])|[.!?\"”»](?=[-–—]\s*[A-ZА-Я\"“])")
_GLUE_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789)]%\"”»")
_TAIL_START = re.compile(
    r"^[\s\"”]*(?:said|says|added|adds|stressed|emphasi[sz]ed|noted|stated|explained|assessed|argued|commented|"
    r"pointed\s+out|regretted|assured|warned|told|wrote|announced|declared|mentioned|replied|answered|admitted|"
    r"insisted|claimed|concluded|continued|recalled|reminded|appealed|asked|suggested|underlined|indicated|"
    r"confirmed|denied|summed\s+up|judged|urged|estimated|believes|reported|convinced|complained|threatened|"
    r"promised|specified|clarified|revealed|acknowledged|maintained|observed|remarked|described|reiterated|"
    r"(?:he|she|they)\s+(?:said|added|noted|stressed|emphasi[sz]ed|explained|assessed|argued|commented|"
    r"pointed\s+out|told|wrote|announced|declared|mentioned|replied|warned|claimed|concluded))\b"
)
_WORD_RE = re.compile(r"\w+")
_EVENT_IDS = np.array([get_string_id(w) for w in EVENT_LEMMAS], dtype=np.uint64)
_EVENT_POS = np.array([VERB, NOUN], dtype=np.uint64)
_WILL_IDS = np.array([get_string_id(w) for w in ("will", "shall", "'ll")], dtype=np.uint64)
_MD_ID = np.uint64(get_string_id("MD"))


def _body_segments(doc: Document) -> tuple[list[int], list[tuple[int, int, str]]]:
    segs: list[tuple[int, int, str]] = sorted((s.start, s.end, s.kind) for s in doc.segments)
    return [s[0] for s in segs], segs


_DIALOGUE_DASH = re.compile(r"[ \t]*[-–—][ \t]+(?=\S)")


def claim_sentences(sdoc: Any, doc: Document) -> list[tuple[int, int]]:
    """The (start, end) character spans of the body sentences claims are made from."""
    text = doc.text
    starts, segs = _body_segments(doc)
    no_segments = not segs

    def seg_at(off: int) -> tuple[int, int, str] | None:
        i = bisect_right(starts, off) - 1
        if i >= 0 and segs[i][0] <= off < segs[i][1]:
            return segs[i]
        return None

    glue: list[int] = []
    for m in _GLUE_RE.finditer(text):
        dash_next = text[m.end():m.end() + 1] in ("-", "–", "—")
        if dash_next or (m.start() > 0 and text[m.start() - 1] in _GLUE_BEFORE):
            glue.append(m.end())
    pieces: list[tuple[int, int]] = []
    for sent in sdoc.sents:
        s0, e0 = sent.start_char, sent.end_char
        # cut at line breaks
        for part in re.finditer(r"[^\n]+", text[s0:e0]):
            a, b = s0 + part.start(), s0 + part.end()
            # cut at glued sentence boundaries
            cuts = [a] + glue[bisect_right(glue, a):bisect_left(glue, b)] + [b]
            for x, y in zip(cuts, cuts[1:], strict=False):
                while x < y and text[x].isspace():
                    x += 1
                while y > x and text[y - 1].isspace():
                    y -= 1
                if y > x:
                    pieces.append((x, y))
    # join continuations back: a lowercase start (also after an abbreviation's full stop: "10,5 млрд." | "рубли ...",
    # "2015 г." | "неговите компании ..."), a dash-quote tail, or a piece ending in a dash/comma
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        if merged:
            pa, pb = merged[-1]
            between = text[pb:a]
            same_para = "\n" not in between
            piece = text[a:b]
            prev = text[pa:pb]
            if same_para and (
                not any(ch.isalnum() for ch in prev)  # a lone "-" or quote mark opening the sentence
                or (piece[:1].islower() and not prev.rstrip().endswith(("!", "?")))
                or _TAIL_START.match(piece)
                or prev.rstrip().endswith((" -", " –", " —", ",", ":", ";"))
                or (piece[:1].islower() and len(piece.split()) <= 6)
            ):
                merged[-1] = (pa, b)
                continue
        merged.append((a, b))
    out = []
    for a, b in merged:
        if (dash := _DIALOGUE_DASH.match(text, a, b)) is not None:
            a = dash.end()  # "- It is not that we do nothing.": the dash opens a quote, it is not the claim's
        if no_segments:
            out.append((a, b))
            continue
        seg = seg_at(a)
        if seg is None or seg[2] != "body":
            continue
        b = min(b, seg[1])
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _hedges(text: str) -> list[str]:
    lower = text.lower()
    found: list[tuple[int, str]] = []
    for label, keys, rx in _HEDGE_RES:
        if not any(k in lower for k in keys):
            continue
        for m in rx.finditer(text):
            if label == "denied" and _PASSIVE_DENY.search(text[max(0, m.start() - 12):m.end()]):
                continue
            found.append((m.start(), label))
            break
    found.sort()
    out: list[str] = []
    for _, label in found:
        if label not in out:
            out.append(label)
    return out


def _has_denial(text: str) -> bool:
    for m in _DENIAL_RE.finditer(text):
        if m.group().lower().startswith("den") and _PASSIVE_DENY.search(text[max(0, m.start() - 12):m.end()]):
            continue  # "were denied entry": a refusal, not a denial
        return True
    return False


_DENY_LEMMAS = frozenset({"deny", "reject", "refute", "dismiss", "rebut"})


def _entity_at(doc: Document, i: int) -> str | None:
    """The entity id of the mention covering character ``i``, if any."""
    return next((m.entity for m in doc.mentions if m.start <= i < m.end and m.entity), None)


def _denier(sdoc: Any, doc: Document, s: int, e: int) -> AttributionLink | None:
    """The subject of the denial verb of a sentence with no speech in it ("The Kremlin rejected the accusations",
    "Moscow has denied any involvement"), as the primary source of the denial. None for a passive ("were denied
    entry"), a pronoun subject (left to the speech rules, never guessed) or no subject."""
    span = sdoc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return None
    for t in span:
        if t.lemma_.lower() not in _DENY_LEMMAS or t.pos_ != "VERB":
            continue
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON" or subj.tag_ in ("WP", "WDT"):
            continue
        start = subj.left_edge.idx
        end = subj.idx + len(subj.text)
        if not (s <= start < end <= e):
            continue
        entity = _entity_at(doc, subj.idx)
        return AttributionLink("said", doc.text[start:end], entity, start, end)
    return None


#: speech verbs by which a quoted speaker passes on what someone else told them
_RELAYED_LEMMAS = frozenset(
    "say tell report inform confirm announce claim state write warn explain add insist assure admit".split()
)
#: subjects that name nobody ("nobody told them", "none of the officers said")
_NOBODY = frozenset("nobody noone none nothing neither".split())
#: auxiliaries that make a speech verb something to do, not something done ("must tell Putin that ...")
_MODALS = frozenset("must should will would could can may might shall ought 'll 'd".split())


def _relayed_source(sdoc: Any, doc: Document, q: Quote, s: int, e: int) -> AttributionLink | None:
    """Whom the quoted speaker heard it from, when what the quote says is itself someone else's statement: the verb
    heading the quote's words in the claim's sentence is a speech verb reporting a clause, and its subject can speak
    and is not the quote's speaker ("The volunteer said a soldier had told him that the unit had lost half its men":
    the soldier; '"A medic told me two of them died," he said': the medic). That source comes after the speaker in
    the chain, as the primary source. None when the report is not what the quote says (inside an if, since or
    relative clause, coordinated with it: "Officials say ..., and a police official told CNN that ..."), when it is
    negated, modal or passive ("no one told him", "must tell Putin that"), for a pronoun subject (never guessed), a
    document ("the report said", left to the document links) or a thing ("the second myth claims that ...")."""
    lo, hi = max(q.start, s), min(q.end, e)
    span = sdoc.char_span(lo, hi, alignment_mode="contract") if hi > lo else None
    if span is None:
        return None
    cue = (q.cue_start, q.cue_end) if q.cue_start is not None and q.cue_end is not None else None
    for t in span:
        if t.lemma_.lower() not in _RELAYED_LEMMAS or t.pos_ != "VERB" or t.dep_ not in ("ROOT", "ccomp"):
            continue
        if lo <= t.head.idx < hi and t.head.i != t.i:
            continue  # not what the quote says, but part of it
        if cue is not None and cue[0] <= t.idx < cue[1]:
            continue
        if any(c.dep_ in ("neg", "auxpass", "nsubjpass") or c.dep_ == "aux" and c.lower_ in _MODALS
               for c in t.children):
            continue
        clause = next((c for c in t.children if c.dep_ == "ccomp" and c.i > t.i), None)
        subj = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
        if clause is None or subj is None or clause.right_edge.idx >= hi:
            continue
        if subj.pos_ in ("PRON", "NUM") or subj.tag_ in ("WP", "WDT") or subj.lower_ in _NOBODY \
                or subj.lemma_.lower() in _DOCUMENT_NOUNS or not _speaker_head(subj):
            continue
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subj.children):
            continue
        start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
        words = doc.text[start:end]
        if start < lo or not any(ch.isalpha() for ch in words):
            continue
        if q.speaker_start is not None and q.speaker_end is not None and start < q.speaker_end \
                and q.speaker_start < end or words.casefold() == (q.speaker or "").casefold():
            continue  # the quote's own speaker ("which critics say ...")
        entity = _entity_at(doc, subj.idx)
        if entity is not None and entity == q.speaker_entity:
            continue
        return AttributionLink("said", words, entity, start, end)
    return None


def _cited_source(
    sdoc: Any, doc: Document, s: int, e: int, direct: list[tuple[int, int]]
) -> AttributionLink | None:
    """The source a report cites in the sentence ("Reuters reported, citing two sources familiar with the matter,
    that ...", "According to Ukrainska Pravda, citing a source in the military, ...", "TASS said, citing the Defence
    Ministry, ..."): the object of "citing" or "quoting" outside quotation marks, as an outlet's ``reported_by``
    link, a document's ``read_document`` link ("citing intelligence reports") or a speaker's ``said`` link (who can
    speak: "citing residents"). None for first or second person, a pronoun or anything else ("citing concerns")."""
    span = sdoc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return None
    for t in span:
        if t.lower_ not in CITING_WORDS or any(a <= t.idx < b for a, b in direct):
            continue
        obj = next((c for c in t.children if c.dep_ in ("dobj", "pobj", "attr")), None)
        if obj is None or obj.pos_ == "PRON":
            continue
        if any(c.dep_ == "prep" and c.lower_ == "as" for c in t.children):
            continue  # "citing 'Bill Maher' as his guilty pleasure": named as something, not as a source
        start = obj.left_edge.idx
        last = obj.right_edge
        after = last.i + 1 < len(sdoc) and not sdoc[last.i + 1].is_punct
        appos = [a for a in obj.subtree if a.dep_ == "appos" and a.left_edge.i > obj.i
                 and sdoc[a.left_edge.i - 1].text == "," and a.right_edge.i == last.i]
        if after and appos:
            # "citing sources close to the Russian leader, Vladimir Putin shortly after ... was to reject ...": a
            # name after a comma that runs on into the reported clause is that clause's subject, not the source's
            last = sdoc[appos[0].left_edge.i - 2]
        while last.i > obj.i and (last.is_punct or last.lower_ in ("that", "and")):
            last = last.nbor(-1)
        end = last.idx + len(last.text)
        if not (s <= start < end <= e):
            continue
        words = doc.text[start:end]
        entity = _entity_at(doc, obj.idx)
        canon = speaker_outlet(words) or outlet_name(words)
        if canon:
            return AttributionLink("reported_by", canon, entity, start, end)
        if obj.lemma_.lower() in _DOCUMENT_NOUNS or obj.lemma_.lower() in ("datum", "intelligence", "figure"):
            return AttributionLink("read_document", words, None, start, end)
        if obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") \
                or any(w in _ROLE_NOUNS or w in _SOURCE_WORDS or w in _ORG_WORDS
                       for w in (obj.lower_, obj.lemma_.lower())) \
                or obj.lemma_.lower().endswith(("ist", "ant", "ian", "eer")):
            # a name, or a person, role, source or organisation noun ("citing residents", "citing an activist",
            # "citing participants"), not a reason or an example ("citing his anger at articles", "citing precedent")
            return AttributionLink("said", words, entity, start, end)
    return None


def _speaker_as_outlet(speaker: str | None, lang: str | None) -> str | None:
    """The canonical outlet a speaker names, in English ("Reuters", "the BBC") and in the other languages ("ДПА",
    "агенция Ройтерс", "la agencia EFE"): such a speaker reports, it is not a person saying."""
    if not speaker:
        return None
    return speaker_outlet(speaker) or (speaker_outlet_lang(speaker) if lang in LANGS else None)


def _with_cited(chain: list[AttributionLink], cited: AttributionLink) -> list[AttributionLink]:
    """The chain with the source a report cites at its end, after whoever cites it.

    A link found inside the cited words is part of them ("позовавайки се на съобщение в "Телеграм" от губернатора":
    no link of its own). An agency that closes the sentence after the citation carried the report that cites ("...,
    съобщи Ройтерс, позовавайки се на изявление на ..., предаде БТА": BTA -> Reuters -> the statement), so it moves
    to the front when a link before the citation is there to be the one citing."""
    if cited.start is None or cited.end is None:
        return [*chain, cited]
    c_start, c_end = cited.start, cited.end
    rest = [lk for lk in chain[1:]
            if lk.start is None or lk.end is None or not (c_start <= lk.start and lk.end <= c_end)]
    carriers = [lk for lk in rest if lk.kind in ("reported_by", "according_to") and lk.start is not None
                and lk.start >= c_end]
    if carriers and any(lk.start is None or lk.start < c_start for lk in rest):  # (no place: the quote's outlet)
        rest = carriers + [lk for lk in rest if all(lk is not c for c in carriers)]
    return [*chain[:1], *rest, cited]


def _is_official(q: Quote, doc: Document) -> bool:
    if _speaker_as_outlet(q.speaker, (doc.language or "").lower()[:2]):
        return False  # an outlet reporting is not an official statement
    if q.cue and "statement" in q.cue:
        return True
    if q.speaker_entity and q.speaker_entity in doc.entities:
        if doc.entities[q.speaker_entity].type in ("organization", "unit"):
            return True
    return bool(q.speaker and _OFFICIAL_RE.search(q.speaker))


class _Tokens:
    """Per-token flags for the whole document, computed once with numpy."""

    def __init__(self, sdoc: Any) -> None:
        arr = sdoc.to_array([IDX, LEMMA, POS, LOWER, TAG])
        self.starts = arr[:, 0].astype(np.int64)
        lemma, pos, lower, tag = arr[:, 1], arr[:, 2], arr[:, 3], arr[:, 4]
        self.event = np.isin(lemma, _EVENT_IDS) & np.isin(pos, _EVENT_POS)
        self.will = np.isin(lower, _WILL_IDS) & (tag == _MD_ID)

    def range(self, s: int, e: int) -> tuple[int, int]:
        return int(np.searchsorted(self.starts, s)), int(np.searchsorted(self.starts, e))


def _link_kind_rank(kind: str) -> int:
    return {"according_to": 0, "reported_by": 0, "read_document": 0, "quoted_to": 1, "posted_on": 2, "said": 3}.get(kind, 2)


def extract_claims(sdoc: Any, doc: Document, quotes: list[Quote] | None = None) -> list[Claim]:
    """Claims from the body sentences of ``doc`` (see the module docstring for the rules).

    ``quotes`` defaults to ``doc.quotes``; ``Claim.quotes`` are indexes into that list and
    ``Claim.quantities`` indexes into ``doc.quantities``.
    """
    text = doc.text
    if not text or len(sdoc) == 0:
        return []
    quotes = doc.quotes if quotes is None else quotes
    toks = _Tokens(sdoc)
    published = AttributionLink("published", (outlet_name(doc.outlet) or doc.outlet) if doc.outlet else "unknown outlet")
    lang = (doc.language or "").lower()[:2]
    other_language = lang in LANGS  # bg/es/fr/it/ru/uk/pl: hedges and cited sources of that language too
    published_canon = outlet_name(doc.outlet) if doc.outlet else None

    qty_order = sorted(range(len(doc.quantities)), key=lambda i: doc.quantities[i].start)
    qty_starts = [doc.quantities[i].start for i in qty_order]
    direct_spans = sorted((q.start, q.end) for q in quotes if q.kind == "direct")
    outlet_mentions: list[tuple[int, int, str]] = []
    for mn in doc.mentions:
        ent = doc.entities.get(mn.entity) if mn.entity else None
        if (ent is not None and ent.type == "outlet") or mn.label == "OUTLET":
            canon = outlet_name(mn.text) or (speaker_outlet_lang(mn.text) if other_language else None)
            outlet_mentions.append((mn.start, mn.end, canon or (ent.name if ent else mn.text)))
    para_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def para_of(off: int) -> int:
        return bisect_right(para_starts, off) - 1

    sent_chars = [s.start_char for s in sdoc.sents]
    # quotes by the first offset they touch (content or cue)
    def first_offset(q: Quote) -> int:
        return q.start if q.cue_start is None else min(q.start, q.cue_start)

    quote_order = sorted(range(len(quotes)), key=lambda i: first_offset(quotes[i]))
    quote_lo = [first_offset(quotes[i]) for i in quote_order]
    # citations, documents read and platforms, found once over the whole text
    cites_all = outlet_cites(text, 0, len(text), outlet_mentions, skip=direct_spans)
    cite_starts = [c.start for c in cites_all]
    read_all = list(_READ_DOC_RE.finditer(text))
    read_starts = [m.start() for m in read_all]
    posts_all = platform_posts(text, 0, len(text))
    post_starts = [p[0] for p in posts_all]

    def cue_window(off: int) -> tuple[int, int]:
        i = max(bisect_right(sent_chars, off) - 1, 0)
        s = sent_chars[i]
        e = sent_chars[i + 1] if i + 1 < len(sent_chars) else len(text)
        ps = para_starts[para_of(off)]
        nl = text.find("\n", off)
        return max(s, ps), min(e, nl if nl != -1 else len(text))

    claims: list[Claim] = []
    claim_para: list[int] = []
    # (paragraph, claim count then, hedges) of the standalone verification notes
    notes: list[tuple[int, int, list[str]]] = []

    for s, e in claim_sentences(sdoc, doc):
        stext = text[s:e]
        if len(_WORD_RE.findall(stext)) < 3 or stext.rstrip(" \"”»’'").endswith("?"):
            continue  # fragments and questions state nothing
        ti, tj = toks.range(s, e)
        # quantities
        lo = bisect_left(qty_starts, s)
        hi = bisect_left(qty_starts, e)
        q_idx = sorted(qty_order[lo:hi])
        # quotes: content overlap (3+ chars) or the cue inside the sentence
        quote_idx = []
        cue_inside: list[int] = []
        for i in quote_order[:bisect_left(quote_lo, e)]:
            q = quotes[i]
            if q.end <= s and (q.cue_start is None or q.cue_start < s):
                continue
            ov = min(q.end, e) - max(q.start, s)
            cue_in = q.cue_start is not None and s <= q.cue_start < e
            if ov >= 3 or cue_in:
                quote_idx.append(i)
                if cue_in:
                    cue_inside.append(i)
        quote_idx.sort()
        cue_inside.sort()
        hedges = _hedges(stext)
        if other_language:
            hedges += [h for h in dict.fromkeys(label for _, _, label in hedges_lang(stext, lang)) if h not in hedges]
        denial = _has_denial(stext)
        event = bool(toks.event[ti:tj].any())
        verify = bool(_VERIFY_RE.search(stext))
        noted = [h for h in hedges if h == _NO_EVIDENCE or verify and h in _NOTE_HEDGES]
        if noted and not (q_idx or quote_idx or event or denial):
            notes.append((para_of(s), len(claims), noted))
            continue
        if not (q_idx or quote_idx or hedges or denial or event):
            continue

        # the primary quote: cue in this sentence with a speaker, else the largest overlapping quote with a speaker
        primary: Quote | None = None
        # (a belief, a poll's finding or an endorsement is attributed, but its source did not *say* it)
        for i in sorted(cue_inside, key=lambda i: _speaker_as_outlet(quotes[i].speaker, lang) is not None):
            if names_someone(quotes[i].speaker) and quotes[i].cue_type in (None, "speech"):
                primary = quotes[i]
                break
        if primary is None:
            best = 0
            for i in quote_idx:
                q = quotes[i]
                if not names_someone(q.speaker) or q.cue_type not in (None, "speech"):
                    continue
                ov = min(q.end, e) - max(q.start, s)
                if ov > best:
                    best, primary = ov, q

        # kind
        if denial:
            kind = "denial"
        elif _ALLEGATION_RE.search(stext):
            kind = "allegation"
        elif _ESTIMATE_RE.search(stext):
            kind = "estimate"
        elif _OPINION_RE.search(stext) and not _PASSIVE_BELIEF.search(stext):
            kind = "opinion"
        elif _FORECAST_RE.search(stext) or bool(toks.will[ti:tj].any()):
            kind = "forecast"
        elif primary is not None and _is_official(primary, doc):
            kind = "official_statement"
        else:
            kind = "reported_fact"

        # attribution
        windows = [(s, e)]
        if primary is not None and primary.cue_start is not None and not (s <= primary.cue_start < e):
            windows.append(cue_window(primary.cue_start))
        links: list[tuple[int, int, AttributionLink]] = []  # (rank, position, link)
        seen: set[tuple[str, str]] = set()
        for ws, we in windows:
            for c in cites_all[bisect_left(cite_starts, ws):bisect_left(cite_starts, we)]:
                if c.outlet == published_canon and c.kind != "quoted_to":
                    continue
                if ("outlet", c.outlet) in seen:
                    continue
                seen.add(("outlet", c.outlet))
                links.append((_link_kind_rank(c.kind), c.start, AttributionLink(c.kind, c.outlet, None, c.start, c.end)))
            for rm in read_all[bisect_left(read_starts, ws):bisect_left(read_starts, we)]:
                g = next(name for name in _READ_DOC_GROUPS if rm.group(name))
                raw = rm.group(g)
                words = re.split(r"\s+(?:and|which|that|who|in|on|from|showing|suggesting)\s+", raw.strip())[0].strip()
                if ("doc", words.lower()) in seen:
                    continue
                seen.add(("doc", words.lower()))
                at = rm.start(g) + len(raw) - len(raw.lstrip())
                links.append((0, at, AttributionLink("read_document", words, None, at, at + len(words))))
            if other_language:  # the outlets, platforms and documents of that language, with their link type
                for cl in cited_links(text, ws, we, lang, skip=direct_spans):
                    is_doc = cl.kind == "read_document"
                    # "агенция Ройтерс" is Reuters, as the speaker's outlet link below names it
                    name = cl.name if is_doc else (speaker_outlet_lang(cl.name) or cl.name)
                    key = ("doc" if is_doc else "outlet", name.lower() if is_doc else name)
                    if key in seen or (name == published_canon and cl.kind != "quoted_to"):
                        continue
                    seen.add(key)
                    links.append((_link_kind_rank(cl.kind), cl.start, AttributionLink(cl.kind, name, None, cl.start, cl.end)))
            for ps, pe, platform in posts_all[bisect_left(post_starts, ws):bisect_left(post_starts, we)]:
                if ("platform", platform) in seen:
                    continue
                seen.add(("platform", platform))
                links.append((2, ps, AttributionLink("posted_on", platform, None, ps, pe)))
        cited_outlet = primary.cited_outlet if primary is not None else None
        if cited_outlet and other_language:
            cited_outlet = speaker_outlet_lang(cited_outlet) or cited_outlet  # "агенция Ройтерс": Reuters
        if primary is not None and cited_outlet and ("outlet", cited_outlet) not in seen \
                and cited_outlet != published_canon:
            kind_c = "quoted_to" if primary.cue and re.match(r"(?:told|tell|said|speaking|spoke)", primary.cue) else "reported_by"
            seen.add(("outlet", cited_outlet))
            # where the sentence names it, when it does ("..., съобщава Известия."): the chain orders by it
            named: tuple[int | None, int | None] = (None, None)
            if other_language:
                named = next(((cl.start, cl.end) for cl in cited_links(text, s, e, lang)
                              if cl.name == cited_outlet), (None, None))
            links.append((_link_kind_rank(kind_c), primary.cue_start or s,
                          AttributionLink(kind_c, cited_outlet, None, named[0], named[1])))
        speaker_link = None
        if primary is not None and primary.speaker:
            canon = _speaker_as_outlet(primary.speaker, lang)
            if canon:
                if ("outlet", canon) not in seen and canon != published_canon:
                    link_kind = "according_to" if primary.cue == "according to" else "reported_by"
                    links.append((0, primary.speaker_start or s, AttributionLink(
                        link_kind, canon, primary.speaker_entity, primary.speaker_start, primary.speaker_end)))
            elif outlet_descriptor(primary.speaker) and any(lk.kind in ("reported_by", "according_to") for _, _, lk in links):
                pass  # "The Kremlin news agency Itar-Tass said": the outlet link already names it
            else:
                speaker_link = AttributionLink("said", primary.speaker, primary.speaker_entity,
                                               primary.speaker_start, primary.speaker_end)
        if denial and primary is None and speaker_link is None:
            speaker_link = _denier(sdoc, doc, s, e)  # "The Kremlin rejected the accusations.": no speech, a denier
        links.sort(key=lambda x: (x[0], x[1]))
        chain = [published] + [lk for _, _, lk in links]
        if speaker_link is not None:
            chain.append(speaker_link)
            if primary is not None and (relayed := _relayed_source(sdoc, doc, primary, s, e)) is not None:
                chain.append(relayed)  # "The volunteer said a soldier had told him ...": the soldier is the origin
        cited = None
        if other_language and len(chain) > 1:
            # "..., позовавайки се на източници във Вашингтон, ...", "citando fuentes militares": the words that cite
            if (cs := cited_source(text, s, e, lang, direct_spans)) is not None:
                cited = AttributionLink(cs.kind, cs.name, None, cs.start, cs.end)
        elif not other_language and primary is not None:
            cited = _cited_source(sdoc, doc, s, e, direct_spans)
        if cited is not None and all(lk.source.casefold() != cited.source.casefold() for lk in chain):
            chain = _with_cited(chain, cited)  # "Reuters reported, citing two sources familiar with the matter": them

        # inherit the previous claim's chain when this sentence continues its speaker's reported speech
        pi = para_of(s)
        unresolved = primary is not None and (primary.speaker or "").lower() in ("he", "she", "they", "it", "him", "her", "them")
        own = speaker_link is not None and not unresolved
        continues = bool(_PRONOUN_SPEECH.match(stext))
        inherit = False
        if claims and claim_para[-1] == pi and len(claims[-1].attribution) > 1 and (unresolved or continues):
            prev_chain = claims[-1].attribution
            if not own:
                inherit = True
            elif speaker_link is not None and len(chain) == 2 and prev_chain[-1].kind == "said" and (
                    (speaker_link.entity and speaker_link.entity == prev_chain[-1].entity)
                    or speaker_link.source == prev_chain[-1].source):
                inherit = True  # "He added that ..." after "Zelensky told the BBC ...": the same interview
        if inherit:
            prev_chain = claims[-1].attribution
            chain = [AttributionLink(lk.kind, lk.source, lk.entity, lk.start, lk.end) for lk in prev_chain]

        claims.append(Claim(
            id=stable_id("claim", doc.id, s, e), start=s, end=e, text=stext, kind=kind,
            attribution=chain, hedges=hedges, quantities=q_idx, quotes=quote_idx,
        ))
        claim_para.append(pi)

    # standalone verification notes ("The claim could not be independently verified.", "He gave no evidence for
    # the claim.") qualify the claims before them in their paragraph (or the paragraph before)
    for para, count, labels in notes:
        targets = [k for k in range(count) if claim_para[k] == para]
        if not targets and count:
            prev_para = claim_para[count - 1]
            targets = [k for k in range(count) if claim_para[k] == prev_para]
        for k in targets:
            for label in labels:
                if label not in claims[k].hedges:
                    claims[k].hedges.append(label)
    return claims


@register_stage("extract.claims", requires=["analysis", "segments", "quotes"], provides=["claims"])
class ClaimsStage:
    """Sentence-level claims with kinds, hedges and attribution chains (``doc.claims``)."""

    def __call__(self, doc: Document) -> Document:
        doc.claims = extract_claims(doc.analysis, doc)
        return doc
