"""People, organisations, outlets, military units and place names, with canonical entities.

Mentions come from spaCy's NER plus a pattern for numbered military units
("93rd Mechanized Brigade", "1st Guards Tank Army", "third battalion of the 20th
regiment"), which the small English model splits or mislabels. Mentions inside
boilerplate lines are dropped.

Canonical entities within a document: titles and ranks ("Mr", "Lt. Col.",
"President") and possessives are stripped; a surname alone, or a spelling
variant of it (Shoigu/Shoygu), joins the full name mentioned in the same
article. One name keeps one label in a document (spaCy's small model calls
"Prigozhin" ORG in one sentence and PERSON in the next), and names in ALL-CAPS
headlines take the label of the same name written normally. The entity id is a
hash of the entity type and its folded canonical name (for people a key that
also merges transliteration variants: Zelenskyy/Zelenskiy, Sergey/Sergei), so
the same person gets the same id in every document. Places are only named here;
the places stage resolves them against the gazetteer.

Acronyms: "ECFR" joins "European Council on Foreign Relations" when the article defines
it or its capitals are the initials of exactly one ORG/NORP name there; the curated table
``acronyms.csv`` names the common international bodies' acronyms (en/pl/uk/ru/bg/fr/es/it:
"EU", "UE", "ЕС"; the Polish "KE") by their expansion in every document, so they share its
id; :func:`link_corpus_acronyms` links an acronym left alone in one article to the expansion
another article defines. ``Entity.reasons`` records why each acronym joined.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
from rapidfuzz import fuzz

from ..folding import fold
from ..pipeline import register_stage
from ..record import Document, Entity, EntityType, Mention, stable_id

__all__ = [
    "fold",
    "entity_id",
    "person_key",
    "find_units",
    "extract_mentions",
    "EntitiesStage",
    "TYPE_OF_LABEL",
    "acronym_key",
    "acronym_table",
    "table_expansion",
    "canonical_org_name",
    "initials_fit",
    "link_acronyms",
    "organization_id",
    "corpus_acronyms",
    "link_corpus_acronyms",
    "refine_span",
]

TYPE_OF_LABEL: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "UNIT": "unit",
    "OUTLET": "outlet",
}
PLACE_LABELS = {"GPE", "LOC", "FAC"}

_ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
    "fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth"
)
_UNIT_NOUNS = (
    "brigades?|battalions?|regiments?|divisions?|army|armies|corps|company|companies|squadrons?|fleet|"
    "detachments?|battery|batteries|platoons?|flotilla|group|legion|centre|center|command"
)
_ORD = rf"(?:\d{{1,4}}(?:st|nd|rd|th|-?(?:я|й|a|ª))?|{_ORDINAL_WORDS})"
_UNIT = regex.compile(
    rf"\b(?:the\s+)?{_ORD}(?:\s+(?:separate|independent|guards?|motori[sz]ed|mechani[sz]ed|assault|airborne|"
    rf"air\s+assault|tank|rifle|infantry|marine|naval|artillery|territorial\s+defen[cs]e|special\s+forces|"
    rf"special|operational|combined\s+arms|mountain|jaeger|presidential|national\s+guard|[\p{{Lu}}][\p{{L}}'-]+)){{0,4}}"
    rf"\s+(?:{_UNIT_NOUNS})\b(?:\s+of\s+the\s+{_ORD}(?:\s+[\p{{L}}'-]+){{0,3}}?\s+(?:{_UNIT_NOUNS})\b)?",
    regex.I,
)
# Named units without a number: "Azov Regiment", "Kraken unit", "Wagner Group" (capitalised name + unit noun).
_NAMED_UNIT = regex.compile(r"\b(?:the\s+)?\p{Lu}[\p{L}'-]+\s+(?:Brigade|Battalion|Regiment|Legion|Unit|Group)\b")

_TITLES = regex.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|gen|general|lt|lieutenant|col|colonel|maj|major|capt|captain|"
    r"sgt|sergeant|cpl|corporal|pte|private|adm|admiral|president|prime\s+minister|minister|secretary|governor|"
    r"mayor|chancellor|senator|rep|representative|ambassador|spokesman|spokeswoman|spokesperson|commander|"
    r"chief|deputy|head|pope|king|queen|prince|princess|sheikh|saint|st|mp|general-lieutenant|lt\.?\s*col)\.?\s+)+",
    regex.I,
)
_POSSESSIVE = regex.compile(r"(?:['’]s|['’])$")
_LEADING_THE = regex.compile(r"^the\s+", regex.I)
_EDGE_PUNCT = regex.compile(r"^[\s\p{P}]+|[\s\p{P}--[.)]]+$", regex.V1)  # V1: "--" is set difference


def person_key(name: str) -> str:
    """The comparison key of a person's name: folded, and the usual transliteration variants merged.

    Within a word (not at its start) y and i are one letter and a doubled i is single, "ks" is "x",
    a final w is v and a final "ndr" is "nder": Zelensky / Zelenskyy / Zelenskiy, Sergei / Sergey,
    Shoigu / Shoygu, Aleksandr / Alexander, Kasparov / Kasparow give one key. Different names stay
    apart (Navalny / Navalnaya, Boris / Mike Johnson).
    """
    out = []
    for t in fold(name).split():
        if len(t) > 1:
            t = t[0] + t[1:].replace("y", "i")
        t = _RX_II.sub("i", t.replace("ks", "x"))
        if len(t) > 3 and t.endswith("w"):
            t = t[:-1] + "v"
        if t.endswith("ndr"):
            t = t[:-3] + "nder"
        out.append(t)
    return " ".join(out)


_RX_II = regex.compile(r"i{2,}")


def entity_id(entity_type: str, canonical: str) -> str:
    """The same id in every document: type and folded name (for people, :func:`person_key`)."""
    return stable_id("ent", entity_type, person_key(canonical) if entity_type == "person" else fold(canonical))


def clean_name(text: str, label: str) -> str:
    """The name a mention gives, without "the", possessives, titles and ranks."""
    name = " ".join(text.split())
    name = _POSSESSIVE.sub("", name)
    name = _EDGE_PUNCT.sub("", name)
    if label in {"ORG", "GPE", "LOC", "FAC", "OUTLET", "UNIT", "NORP"}:
        name = _LEADING_THE.sub("", name)
    if label == "PERSON":
        stripped = _TITLES.sub("", name)
        if stripped:
            name = stripped
    return name.strip()


def find_units(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _UNIT.finditer(text)]
    for m in _NAMED_UNIT.finditer(text):
        if not any(s <= m.start() < e for s, e in spans):
            spans.append((m.start(), m.end()))
    out = []
    for s, e in sorted(spans):
        if text[s:e].lower().startswith("the "):
            s += 4
        out.append((s, e))
    return out


def _outlet_name(text: str) -> str | None:
    try:
        from .quotes import outlet_name
    except ImportError:  # pragma: no cover - quotes module not available
        return None
    return outlet_name(text)


def extract_mentions(sdoc: Any, doc: Document) -> tuple[list[Mention], dict[str, Entity]]:
    """Mentions and the document's canonical entities (places unresolved: the places stage does that)."""
    text = doc.text
    kept_kinds = {"body", "title", "byline", "caption", "other"}

    def in_kept_segment(start: int) -> bool:
        kind = doc.kind_at(start)
        return kind is None or kind in kept_kinds

    raw: list[tuple[int, int, str]] = []
    unit_spans = find_units(text)
    for s, e in unit_spans:
        raw.append((s, e, "UNIT"))
    for ent in sdoc.ents:
        if ent.label_ not in TYPE_OF_LABEL:
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in unit_spans):
            continue
        raw.append((ent.start_char, ent.end_char, ent.label_))
    raw.sort()

    mentions: list[Mention] = []
    for s, e, label in raw:
        if not in_kept_segment(s):
            continue
        # A name never runs over a line break: "Kostiantynivka\n\nKRAMATORSK" is two lines, not one name; the
        # first line with a letter is the name ("08:40\nMinistry of Defense": the ministry).
        if text.find("\n", s, e) != -1:
            for piece in regex.finditer(r"[^\n]+", text[s:e]):
                if any(ch.isalpha() for ch in piece.group()):
                    s, e = s + piece.start(), s + piece.end()
                    break
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
        surface = text[s:e]
        # Trim "the" and possessives from the span itself so offsets point at the name.
        lead = _LEADING_THE.match(surface)
        if lead and label != "PERSON":
            s += lead.end()
        m_pos = _POSSESSIVE.search(text[s:e])
        if m_pos:
            e = s + m_pos.start()
        if e <= s or not any(ch.isalpha() for ch in text[s:e]):
            continue  # "08:40", "2024" labelled ORG: a time or a number names nothing
        for s2, e2, label2 in refine_span(text, s, e, label):
            if label2 in {"ORG", "PERSON", "NORP"} and _outlet_name(text[s2:e2]):
                label2 = "OUTLET"
            elif label2 == "PERSON" and acronym_key(text[s2:e2]) and not text[s2:e2].isupper():
                label2 = "ORG"  # "MoD", "BelTA": an acronym in mixed case names no person
            mentions.append(Mention(start=s2, end=e2, text=text[s2:e2], label=label2))

    mentions = _split_glued_people(mentions, text)
    mentions = _complete_cut_names(mentions, text)
    mentions = _recover_missed(mentions, text, in_kept_segment)
    mentions = _type_cues(mentions, doc)
    mentions = _consistent_labels(mentions, text)
    mentions, links = link_acronyms(mentions, text, language=doc.language, kept=in_kept_segment)
    entities: dict[str, Entity] = {}
    _link_people(mentions, entities)
    for m in mentions:
        if m.label == "PERSON" or m.label in PLACE_LABELS:
            continue  # people linked above; places by the places stage
        etype = TYPE_OF_LABEL[m.label]
        link = links.get((m.start, m.end))
        if link is not None:
            name, reason = link.canonical, link.reason
        else:
            name, reason = canonical_org_name(clean_name(m.text, m.label)), ""
        if m.label == "OUTLET":
            name = _outlet_name(m.text) or name
        if not fold(name):
            continue
        eid = entity_id(etype, name)
        ent = entities.setdefault(eid, Entity(id=eid, type=etype, name=name))
        if m.text not in ent.aliases:
            ent.aliases.append(m.text)
        if reason and reason not in ent.reasons:
            ent.reasons.append(reason)
        m.entity = eid
    _join_short_orgs(mentions, entities)
    return mentions, entities


# --- Boundaries and types from structure ------------------------------------------------------------------------
#
# spaCy's small model glues words to names and labels names by their surroundings. Rules from the shape of the text
# (never from a list of the names themselves): a span is cut at a spaced dash ("Garrim Kasparov -", "Ukraine - ed"),
# at a sentence end glued without a space ("propaganda?Sergei Lavrov"), at an unmatched bracket ("G7 (Group of
# Seven"); a lowercase word glued before a name by machine translation goes ("inDonbas"); quotes and commas at the
# edges go; a person's title is not part of the span ("Gen Eisenhower", "Taoiseach Leo Varadkar"); "No" before a
# number keeps its number ("School No. 3"); a model designator ("Iskander-M", "Su-25") is a product, no name. An
# organisation or place word glued before a person's full name is split off ("the press secretary of the Kremlin
# Arkady Voronin", "Secretary of Defense Lloyd Austin") when the text says the tail is a person. Type cues: a title
# right before a one-word name ("Patriarch Cyril"), an apposition after a role noun ("the chancellor, Olaf Scholz"), an
# age after a name ("Vasyl, 58,") make a person; a web domain ("Gazeta.pl"), an outlet noun ("the Next portal",
# "Xinhua News Agency"), a byline or copyright line ("By Donbas Daily staff", "(c) 2024 Donbas Daily"), the masthead
# line that opens a document ("Vostok Info - English version"), the document's outlet metadata, and a known outlet's
# name with a programme or edition word ("BBC World") make an outlet; one cue types every mention of the name.

_SPACED_DASH = regex.compile(r"\s+[-–—]+(?:\s|$)")
_GLUED_SENTENCE = regex.compile(r"(?<=\p{Ll}{2}|\p{Ll}[\"”’)])[.?!](?=\p{Lu}\p{Ll})")
_GLUED_LOWER = regex.compile(r"^\p{Ll}{2,}(?=\p{Lu}\p{Ll}{2})")
_EDGE_QUOTES = "\"'“”‘’„«»,;:"
_DESIGNATOR = regex.compile(r"^\p{Lu}[\p{L}]*-(?:\p{Lu}{1,3}\d*|\d{1,4}\p{Lu}?)$")
_PEOPLES_REPUBLIC = regex.compile(r"^['’]s\s+Republic(?![\p{L}])")
_NUMBER_AFTER_NO = regex.compile(r"^\.?\s?\d{1,4}\b")
_EXTRA_TITLES = regex.compile(
    r"^(?:(?:taoiseach|patriarch|metropolitan|archbishop|bishop|cardinal|rabbi|imam|chairman|chairwoman|director|"
    r"marshal|brigadier|sen|gov|amb|adm|hon)\.?\s+)+",
    regex.I,
)


def _person_title(words: str) -> regex.Match[str] | None:
    return _TITLES.match(words) or _EXTRA_TITLES.match(words)


def refine_span(text: str, s: int, e: int, label: str) -> list[tuple[int, int, str]]:
    """The name spans a recogniser's span holds, with their labels: cut, trimmed, or none (see the rules above)."""
    if label == "UNIT":
        return [(s, e, label)]
    # a sentence end glued without a space: keep the capitalised piece ("propaganda?Sergei Lavrov" -> "Sergei Lavrov")
    pieces = [(s, e)]
    cuts = [m.start() for m in _GLUED_SENTENCE.finditer(text, s, e)]
    if cuts:
        bounds = [s, *cuts, e]
        pieces = [(a + (1 if k else 0), b) for k, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))]
        named = [(a, b) for a, b in pieces if b > a and text[a].isupper()]
        pieces = [max(named, key=lambda x: x[1] - x[0])] if named else pieces[:1]
    s, e = pieces[0]
    # a spaced dash ends the name: "Garrim Kasparov -", "Ukraine - ed"
    dash = _SPACED_DASH.search(text, s, e)
    if dash and dash.start() > s:
        e = dash.start()
    # an unmatched bracket: "G7 (Group of Seven" is two names
    out: list[tuple[int, int, str]] = []
    br = text.find("(", s, e)
    if br > s and text.find(")", br, e) == -1:
        out += refine_span(text, br + 1, e, label)
        e = br
    # machine translation glued a lowercase word to the name: "inDonbas", "othersCyril"
    g = _GLUED_LOWER.match(text[s:e])
    if g:
        s += g.end()
    while s < e and (text[s] in _EDGE_QUOTES or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in _EDGE_QUOTES or text[e - 1].isspace()):
        e -= 1
    if label == "PERSON":
        t = _person_title(text[s:e])
        if t and t.end() < e - s and text[s + t.end()].isupper():
            s += t.end()  # "Gen Eisenhower": the span is the name, the title is context
    words = text[s:e].split()
    if words and words[-1] in {"No", "no", "Nr", "nr"}:
        num = _NUMBER_AFTER_NO.match(text[e : e + 8])
        if num:
            e += num.end()  # "School No. 3": the number is part of the name
    if text[s:e].split()[-1:] == ["People"] and (rep := _PEOPLES_REPUBLIC.match(text[e : e + 14])):
        return [(s, e + rep.end(), "GPE"), *out]  # "Donetsk People" + "'s Republic": one name, a place
    mast = _MASTHEAD_AFTER.match(text[e : e + 14])
    if mast and label in {"GPE", "ORG", "PERSON", "LOC"} and len(text[s:e].split()) <= 2:
        return [(s, e + mast.end(), "OUTLET"), *out]  # "told Donbas Daily by phone"
    if _DESIGNATOR.match(text[s:e]) and label != "PERSON":
        return out  # "Iskander-M", "Su-25", "Tor-M2": a product's designator
    if e > s and any(ch.isalpha() for ch in text[s:e]):
        out.insert(0, (s, e, label))
    return out


_NAME_TOKEN = regex.compile(r"\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}]+)?")
# Words that end organisations' and places' names: never a person's given name or surname.
_ORG_WORDS = frozenset(
    "affairs agency air army assembly association authority bank board bureau caucus center centre channel church city "
    "command commission committee company corporation council court department digital district division embassy "
    "federation force forces foundation fund government group guard house institute intelligence league ministry museum "
    "navy news office organization organisation parliament party police post press radio region republic security "
    "service services society staff state station studies times tribunal union university war".split()
)


_ROLE_OF_BEFORE = regex.compile(
    r"\b(?:secretary|minister|ministry|head|president|chairman|chair|spokesman|spokeswoman|spokesperson|adviser|"
    r"advisor|mayor|governor|director|chief|commander|leader|ambassador|deputy|member)\s+(?:of|to|at)\s+(?:the\s+)?"
    r"(?:\p{Ll}+\s+)?$",
    regex.I,
)


def _person_tail(words: list[regex.Match[str]], text: str, span: tuple[int, int], persons: set[str]) -> int:
    """How many last words of a glued span are a person's full name (0: none)."""
    before = text[max(0, span[0] - 60) : span[0]]
    role = bool(_ROLE_OF_BEFORE.search(before) or _ROLE_APPOSITION.search(before))
    for k in (3, 2):
        if len(words) <= k:
            continue
        tail = words[-k:]
        if not all(_NAME_TOKEN.fullmatch(w.group()) and w.group().lower() not in _ORG_WORDS for w in tail):
            continue
        if any(regex.search(rf"(?<![\p{{L}}]){regex.escape(w.group().lower())}(?![\p{{L}}])", text) for w in tail):
            continue  # "Air Force": a word the text also writes in lower case is no name
        name = " ".join(w.group() for w in tail)
        surname = tail[-1].group()
        # the text says it is a person: the name or its surname labelled PERSON elsewhere, or the surname used alone
        # elsewhere (not in this span, not inside a longer capitalised name)
        if fold(name) in persons or fold(surname) in persons or (k == 2 and role):
            return k  # "press secretary of the Kremlin Arkady Voronin", "the top spy chief, DNI Avril Haines"
        for m in regex.finditer(rf"(?<![\p{{L}}\d])({regex.escape(surname)})(?![\p{{L}}\d])", text):
            if span[0] <= m.start() < span[1]:
                continue
            before = text[max(0, m.start() - 25) : m.start()]
            if regex.search(r"\p{Lu}[\p{L}'’-]*\s$", before) and not regex.search(
                r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|" + _TITLE_WORDS + r")\.?\s$", before, regex.I
            ):
                continue  # inside another name ("Paul Austin"), unless a title ("Mr Austin", "President Austin")
            return k
    return 0


_TITLE_WORDS = (
    "president|minister|secretary|general|gen|colonel|col|governor|mayor|chancellor|senator|ambassador|director"
)


def _split_glued_people(mentions: list[Mention], text: str) -> list[Mention]:
    """ "Kremlin Arkady Voronin", "Defense Lloyd Austin", "Ministry of Foreign Affairs Radoslaw Sikorski" (ORG): the
    organisation or place word, and the person's name after it."""
    persons = set()
    for m in mentions:
        if m.label == "PERSON":
            name = clean_name(m.text, "PERSON")
            persons.add(fold(name))
            if len(name.split()) >= 2:
                persons.add(fold(name.split()[-1]))
    out: list[Mention] = []
    for m in mentions:
        if m.label not in {"ORG", "GPE", "FAC"}:
            out.append(m)
            continue
        words = list(_NAME_WORD.finditer(m.text))
        k = _person_tail(words, text, (m.start, m.end), persons) if len(words) >= 3 else 0
        if not k:
            out.append(m)
            continue
        ts = m.start + words[-k].start()
        head = text[m.start : ts].rstrip(" ,")
        out.append(Mention(start=ts, end=m.end, text=text[ts : m.end], label="PERSON"))
        hw = head.split()
        if (
            not hw
            or _person_title(head + " ")
            or (len(hw) == 1 and hw[0].lower() not in _ORG_WORDS and not _is_known_body(hw[0]))
        ):
            continue  # "Defense", "DNI", "Mariupol": a title or a word the place finder reads on its own
        out.append(Mention(start=m.start, end=m.start + len(head), text=head, label=m.label))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _outlet_pattern() -> Any:
    try:
        from .quotes import _OUTLET_RE
    except ImportError:  # pragma: no cover - quotes module not available
        return None
    return _OUTLET_RE


_NOT_RECOVERED = regex.compile(r"(?:ian|ians|ish|ese)$|^(?:West|East|North|South)$")
_ONE_NAME = regex.compile(r"(?<![\p{Lu}\d'’-])\p{Lu}[\p{L}]+(?![\p{L}\d-])")
_CAP_BEFORE = regex.compile(r"\p{Lu}[\p{L}'’.-]*[ \t]+$")
_LETTERS = regex.compile(r"\p{L}+")
_SENTENCE_START_WORD = regex.compile(r"[.!?:\n]\s*\p{Lu}[\p{L}'’.-]*\s+$")


def _whole_name(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` stands in ``text`` as a whole name: no letter, digit, apostrophe or hyphen glued before it, no
    letter, digit or hyphen after it."""
    out = []
    i = text.find(name)
    while i != -1:
        e = i + len(name)
        before = text[i - 1] if i else " "
        after = text[e] if e < len(text) else " "
        if not (before.isalpha() or before.isdigit() or before in "'’-") and not (
            after.isalpha() or after.isdigit() or after == "-"
        ):
            out.append((i, e))
        i = text.find(name, i + 1)
    return out


def _whole_word(text: str, word: str) -> bool:
    """Whether ``word`` stands in ``text`` with no letter glued to either side."""
    i = text.find(word)
    while i != -1:
        e = i + len(word)
        if not (i and text[i - 1].isalpha()) and not (e < len(text) and text[e].isalpha()):
            return True
        i = text.find(word, i + 1)
    return False
_CAP_AFTER = regex.compile(r"^[ \t]+\p{Lu}")


_NEXT_CAP_WORD = regex.compile(r" (\p{Lu}[\p{L}'’-]*)(?![\p{L}\d-])")
#: the particles inside a family name ("von der Leyen", "van Rompuy", "bin Salman", "da Silva"), lower case
_PARTICLE_END = regex.compile(r"\s(?:von|van|der|den|de|del|della|di|da|du|dos|das|la|le|bin|ibn|al|el|ter|zu|af)$")


def _complete_cut_names(mentions: list[Mention], text: str) -> list[Mention]:
    """A name the model cut short before a capitalised word, where the document writes the whole name as a mention
    elsewhere: "near Chasov Yar" labelled GPE "Chasov" once and FAC "Chasov Yar" once; or a person's name cut after
    a particle of the family name ("Ursula von der" + "Leyen" labelled GPE). The mention takes the word, and a
    mention of the word alone goes."""
    whole = {m.text for m in mentions if " " in m.text}
    drop: set[int] = set()
    for m in mentions:
        nxt = _NEXT_CAP_WORD.match(text, m.end)
        if nxt is None:
            continue
        # ... or a person's name the model cut after its particle: "Ursula von der" (PERSON) + "Leyen" (GPE)
        if f"{m.text} {nxt.group(1)}" not in whole and not (m.label == "PERSON" and _PARTICLE_END.search(m.text)):
            continue
        m.end = nxt.end()
        m.text = text[m.start : m.end]
        drop.update(id(o) for o in mentions if o is not m and m.start <= o.start and o.end <= m.end)
    return [m for m in mentions if id(m) not in drop] if drop else mentions


def _recover_missed(mentions: list[Mention], text: str, kept: Any) -> list[Mention]:
    """Names the model missed where the text writes them again: an outlet of the outlet table ("an Ukrinform
    correspondent", "says Ukrainian truth"), the surname of a person named in full ("adds Sarts"), a name the model
    found elsewhere in the document ("Congress" labelled once, missed three times). Whole words, not inside a longer
    capitalised name (a title before a surname is allowed: "Governor DeSantis")."""
    taken = [(m.start, m.end) for m in mentions]
    added: list[Mention] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken) and kept(s)

    rx = _outlet_pattern()
    if rx is not None:
        for w in rx.finditer(text):
            s, e = w.start(), w.end()
            if _LEADING_THE.match(text[s:e]):
                s += _LEADING_THE.match(text[s:e]).end()  # type: ignore[union-attr]
            pos = _POSSESSIVE.search(text[s:e])
            if pos:
                e = s + pos.start()
            if e > s and free(s, e) and _outlet_name(text[s:e]):
                added.append(Mention(start=s, end=e, text=text[s:e], label="OUTLET"))
                taken.append((s, e))
    labels: dict[str, Counter[str]] = {}
    for m in mentions:
        if m.label in {"PERSON", "ORG", "GPE", "LOC"} and not _is_caps(m.text):
            name = clean_name(m.text, m.label)
            if len(name) >= 4 and name[0].isupper() and not (m.label == "PERSON" and " " not in name):
                # one word the model calls a person ("Kyiv", "Newsletters") only as a full name's surname, below
                labels.setdefault(name, Counter())[m.label] += 1
            parts = name.split()
            if m.label == "PERSON" and len(parts) >= 2 and len(parts[-1]) >= 4 and parts[-1][0].isupper():
                labels.setdefault(parts[-1], Counter())["PERSON"] += 1
    if not labels:
        return sorted(mentions + added, key=lambda m: (m.start, m.end)) if added else mentions
    lower_words = set(_LETTERS.findall(text))  # every run of letters, as written
    by_fold: dict[str, list[tuple[int, int]]] = {}  # the text's capitalised words by their folded spelling
    for w in _ONE_NAME.finditer(text):
        by_fold.setdefault(fold(w.group()), []).append((w.start(), w.end()))
    for name, votes in labels.items():
        (label, n1), *rest = votes.most_common(2)
        if rest and rest[0][1] == n1:
            continue  # two labels as often: no guess
        if _NOT_RECOVERED.search(name):
            continue  # "Ukrainian" (GPE somewhere), "the West": the model's own slips are not copied
        found: list[tuple[int, int]]
        if " " in name:
            found = _whole_name(text, name)
        else:  # one word: any spelling that folds the same ("Coków" for "Cokow"), glued to a lowercase word or not
            low = name.lower()
            if low in lower_words if _LETTERS.fullmatch(low) else _whole_word(text, low):
                continue  # also a common word of the text ("Black", "Young"): a capital may only start a sentence
            found = by_fold.get(fold(name), [])
        for s, e in found:
            if not free(s, e):
                continue
            before = text[max(0, s - 30) : s]
            if (
                (
                    _CAP_BEFORE.search(before)
                    and not _person_title(_CAP_BEFORE.search(before).group())  # type: ignore[union-attr]
                    and not _SENTENCE_START_WORD.search(before)
                )
                or _CAP_AFTER.match(text[e : e + 3])
            ):
                continue  # inside a longer name ("Paul Austin", "Congress Party")
            added.append(Mention(start=s, end=e, text=text[s:e], label=label))
            taken.append((s, e))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m.start, m.end))


def _is_known_body(word: str) -> bool:
    return word.lower() in {"kremlin", "pentagon", "bundestag", "duma", "rada", "sejm", "knesset", "vatican"}


_ROLE_NOUNS = (
    r"chancellor|leader|president|prime\s+minister|minister|secretary(?:-general)?|secretary\s+general|spokesman|"
    r"spokeswoman|spokesperson|adviser|advisor|ambassador|governor|mayor|commander|head|chief|director|chairman|"
    r"envoy|general|colonel|officer|resident|soldier|analyst|expert|journalist|correspondent|economist|deputy"
)
_ROLE_APPOSITION = regex.compile(rf"(?:\b(?:{_ROLE_NOUNS})|\b[\p{{Ll}}]+(?:ist|er|or|ian|ent)),\s*$", regex.I)
_AGE_AFTER = regex.compile(r"^,\s*\d{1,3}\s*[,)]")
_OUTLET_NOUNS = (
    r"portal|website|site|agency|news\s+agency|newspaper|daily|weekly|tabloid|magazine|channel|broadcaster|"
    r"radio|tv|television|outlet|publication|news\s+site"
)
_OUTLET_BEFORE = regex.compile(rf"\b(?:{_OUTLET_NOUNS})\s+$", regex.I)
# after the name: no "channel" ("Telegram channel", "YouTube channel" are platforms), and in lower case ("the Next
# portal"), as a capitalised word is the name's own ("Donbas Daily")
_OUTLET_AFTER = regex.compile(rf"^(?:['’]s)?\s+(?:{_OUTLET_NOUNS.replace('channel|', '')})\b")
# A place or a name followed by a masthead word is an outlet's name: "Kyiv Post", "Donbas Daily", "Vostok Info".
_MASTHEAD_AFTER = regex.compile(
    r"^ (?:Daily|Weekly|Post|Times|News|Herald|Gazette|Monitor|Observer|Ledger|Wire|Info|Today|Journal|Telegraph|"
    r"Independent|Tribune|Chronicle|Express|Inform|Pravda|Insider)(?![\p{L}\d])"
)
_EDITION_WORDS = frozenset(
    "world news digital online radio tv live one two three four 24 international america europe "
    "ukraine russia uk us global business politics".split()
)
_DOMAIN = regex.compile(r"^[\p{L}\d-]+\.(?:pl|com|ua|ru|by|net|org|info|news|uk|de|fr|bg)$", regex.I)
_BYLINE = regex.compile(r"(?:^|\n)\s*(?:by\s+$|©\s*(?:\d{4}\s+)?(?:the\s+)?$|\(c\)\s*(?:\d{4}\s+)?$)", regex.I)
_STAFF_AFTER = regex.compile(r"^\s+(?:staff|correspondents?|reporters?|newsroom)\b", regex.I)
_PERSON_TITLE_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:Patriarch|Pope|President|Mr|Mrs|Ms|Dr|Gen|General|Sen|Senator|Governor|Mayor|Minister|"
    r"Chancellor|Metropolitan|Archbishop|Cardinal|Prof|Professor|Sir|Lady|Lord|Colonel|Col|Lt)\.?\s+$"
)


_TITLE_AT = regex.compile(_PERSON_TITLE_BEFORE.pattern[:-1])  # a title and its space, anywhere


def _known_outlet_prefix(name: str) -> bool:
    """ "BBC World", "Xinhua News": a known outlet's name followed by programme or edition words."""
    words = name.split()
    for k in range(len(words) - 1, 0, -1):
        if _outlet_name(" ".join(words[:k])):
            return all(w.lower() in _EDITION_WORDS or w.isdigit() for w in words[k:])
    return False


def _type_cues(mentions: list[Mention], doc: Document) -> list[Mention]:
    """Types the text's structure gives: persons by titles, appositions and ages; outlets by domains, nouns, bylines,
    mastheads and metadata. A cue on one mention types every mention of the same name."""
    text = doc.text
    first_line = regex.match(r"\s*([^\n]*)", text)
    fl_start = first_line.start(1) if first_line else 0
    fl_end = first_line.end(1) if first_line else 0
    outlet_meta = fold(doc.outlet or "")
    if outlet_meta.startswith("the "):
        outlet_meta = outlet_meta[4:]
    want: dict[str, str] = {}
    for m in mentions:
        if m.label not in {"ORG", "PERSON", "GPE", "NORP", "FAC", "OUTLET"}:
            continue
        key = fold(clean_name(m.text, m.label))
        before, after = text[max(0, m.start - 40) : m.start], text[m.end : m.end + 40]
        outlet = (
            _DOMAIN.match(m.text)
            or _OUTLET_BEFORE.search(before)
            or _OUTLET_AFTER.match(after)
            or (_BYLINE.search(before) and (_STAFF_AFTER.match(after) or "©" in before or "(c)" in before.lower()))
            or (m.start == fl_start and regex.match(r"^\s*(?:$|[-–—|:])", text[m.end : fl_end + 1]))
            or (outlet_meta and key == outlet_meta)
            or (m.label == "ORG" and _known_outlet_prefix(clean_name(m.text, "ORG")))
        )
        if outlet and m.label in {"ORG", "PERSON", "OUTLET"} and len(m.text) <= 60:
            want[key] = "OUTLET"
            continue
        if m.label == "PERSON":
            continue
        one_word = len(clean_name(m.text, m.label).split()) == 1
        if m.label in {"ORG", "GPE", "NORP", "FAC"} and (
            (one_word and _PERSON_TITLE_BEFORE.search(before) and m.label != "GPE")
            or _AGE_AFTER.match(after)
            or (
                _ROLE_APPOSITION.search(before)
                and 2 <= len(m.text.split()) <= 3
                and m.label == "ORG"
                and all(_NAME_TOKEN.fullmatch(w) for w in m.text.split())
            )
        ):
            want.setdefault(key, "PERSON")
    titled: list[int] | None = None  # where a name after a title would start
    for m in mentions:  # "Patriarch Cyril" written once in the text, even where the model found no name
        name = clean_name(m.text, m.label)
        key = fold(name)
        if m.label in {"ORG", "NORP", "FAC"} and key not in want and len(name.split()) == 1 and name[:1].isupper():
            if titled is None:
                titled = [t.end() for t in _TITLE_AT.finditer(text)]
            for at in titled:
                e = at + len(name)
                if text.startswith(name, at) and not (e < len(text) and (text[e].isalpha() or text[e].isdigit())):
                    want[key] = "PERSON"
                    break
    if not want:
        return mentions
    for m in mentions:
        key = fold(clean_name(m.text, m.label))
        new = want.get(key)
        if new is not None and m.label in {"ORG", "PERSON", "GPE", "NORP", "FAC", "OUTLET"}:
            m.label = new
    return mentions


# --- Acronyms -------------------------------------------------------------------------------------------------
#
# "EU" and "European Union", "ECFR" and "European Council on Foreign Relations", the Polish "KE" of a
# machine-translated article and "European Commission": one entity, named by the expansion, the acronym an
# alias. Within a document an acronym joins a multiword ORG/NORP name when the text defines it ("the European
# Council on Foreign Relations (ECFR)", "ECFR (European Council ...)", "ECFR, the European Council ...") or
# when its letters are the initials of exactly one such name; the curated table (acronyms.csv) gives the
# expansion of the common international bodies' acronyms in en/pl/uk/ru/bg/fr/es/it, in every document, so
# the id is the same everywhere. Two expansions that fit, a table entry that disagrees with the text, a person
# or a place name: the acronym stays its own entity.

ACRONYM_TABLE_PATH = Path(__file__).with_name("acronyms.csv")
_ACRONYM_TOKEN = regex.compile(r"(?:\p{Lu}\.){2,6}|\p{Lu}[\p{Lu}\p{Ll}&]{1,6}")
_DOTTED = regex.compile(r"(?:\p{Lu}\.){2,6}")
_NAME_WORD = regex.compile(r"[\p{L}\d]+(?:[-'’][\p{L}\d]+)*")
# Words an acronym may skip (en, pl, fr, es, it, de, uk/ru/bg): "Institute for the Study of War" = ISW.
_SKIPPABLE = frozenset(
    "of the and for on in at to a an by with de la le les des du et d l y del el los las di della dei e per "
    "i w na do ds z dla der die das und fur von zu im".split()
)
_PLACE_ACRONYMS = frozenset({"US", "USA", "UK", "UAE", "USSR", "DC", "UA", "NL", "DPR", "LPR", "DNR", "LNR", "PRC"})
_ACRONYM_LABELS = {"ORG", "NORP", "GPE"}  # labels spaCy gives acronyms of bodies ("EU" ORG, "E.U." GPE)
_EXPANSION_LABELS = {"ORG", "NORP"}  # places are merged by the gazetteer, people never join an acronym


@dataclass(frozen=True, slots=True)
class AcronymEntry:
    acronym: str
    languages: frozenset[str]  # {"*"}: read in a document of any language
    canonical: str


@dataclass(frozen=True, slots=True)
class AcronymLink:
    """Why an acronym mention is the entity ``canonical``."""

    acronym: str
    canonical: str
    label: str  # the expansion's label (ORG or NORP)
    how: str  # "defined" | "initials" | "table"
    reason: str


def acronym_key(text: str) -> str:
    """The acronym a mention spells, without dots, or "" when it is no acronym.

    2-6 letters, at least two capitals and no more small letters than capitals: "EU", "U.N.", "BelTA",
    "MoD", "МАГАТЭ"; not "McCain", "DeSantis", "Ukrinform".
    """
    t = text.strip()
    if not _DOTTED.fullmatch(t):
        t = t.rstrip(".,;:-")  # "NATO.-" at a sentence's end, as spaCy cuts it
    if not _ACRONYM_TOKEN.fullmatch(t):
        return ""
    letters = [c for c in t if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if not 2 <= len(letters) <= 6 or upper < 2 or upper < len(letters) - upper:
        return ""
    return "".join(letters)


def _name_key(name: str) -> str:
    """A name compared loosely with the table's spellings: Organisation/Organization, Co-operation/Cooperation."""
    return fold(name).replace("-", "").replace("isation", "ization").replace(" ", "")


@lru_cache(maxsize=1)
def acronym_table() -> tuple[dict[str, list[AcronymEntry]], dict[str, str]]:
    """The curated table: acronym -> entries, and name key -> canonical name (canonical names and variants)."""
    by_acronym: dict[str, list[AcronymEntry]] = {}
    names: dict[str, str] = {}
    lines = [ln for ln in ACRONYM_TABLE_PATH.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for row in csv.DictReader(lines):
        key = acronym_key(row["acronym"]) or row["acronym"]
        entry = AcronymEntry(row["acronym"], frozenset(row["languages"].split("|")), row["canonical"])
        by_acronym.setdefault(key, []).append(entry)
        for name in [row["canonical"], *filter(None, (row["variants"] or "").split("|"))]:
            names[_name_key(name)] = row["canonical"]
    return by_acronym, names


def table_expansion(acronym: str, language: str | None = None) -> str | None:
    """The curated expansion of an acronym read in a document of ``language`` (None: any document)."""
    for entry in acronym_table()[0].get(acronym_key(acronym), []):
        if "*" in entry.languages or (language or "en")[:2] in entry.languages:
            return entry.canonical
    return None


def canonical_org_name(name: str) -> str:
    """The table's name for a body spelled another way ("North Atlantic Treaty Organisation"), else ``name``."""
    return acronym_table()[1].get(_name_key(name), name)


def initials_fit(acronym: str, name: str, *, suffix: bool = False) -> bool:
    """Are the acronym's capitals the initials of the name's words?

    Every content word gives its initial; "of/the/and/for/de/la/..." and the later parts of a hyphenated word
    ("Co-operation") may give theirs or not. ``suffix``: the acronym may leave out leading words ("British
    Ministry of Defence (MoD)"), which is only allowed when the text itself pairs the two.
    """
    letters = [fold(c) for c in acronym if c.isupper()]
    if len(letters) < 2:
        return False
    slots: list[tuple[str, bool]] = []  # (letter, required)
    for w in _NAME_WORD.findall(name):
        parts = regex.split(r"[-'’]", w)
        optional = fold(w) in _SKIPPABLE
        for k, part in enumerate(parts):
            if part:
                slots.append((fold(part[0]), not optional and k == 0))
    if sum(req for _, req in slots) < 2:
        return False  # a one-word name has no initials to fit
    starts = range(len(slots)) if suffix else [0]
    for first in starts:
        if first and slots[first - 1][1] is False:
            continue  # a suffix starts after a content word
        # DP over (slot, letter): can slots[i:] spell letters[j:]?
        n, m = len(slots), len(letters)
        ok = [[False] * (m + 1) for _ in range(n + 1)]
        ok[n][m] = True
        for i in range(n - 1, first - 1, -1):
            letter, req = slots[i]
            for j in range(m, -1, -1):
                take = j < m and letters[j] == letter and ok[i + 1][j + 1]
                ok[i][j] = take or (not req and ok[i + 1][j])
        if ok[first][0]:
            return True
    return False


def _definitions(mentions: list[Mention], text: str) -> dict[str, set[tuple[str, str, str]]]:
    """Acronyms the text defines: acronym key -> {(canonical name, label, quoted definition)}."""
    found: dict[str, set[tuple[str, str, str]]] = {}
    names = [m for m in mentions if m.label in _EXPANSION_LABELS and len(_NAME_WORD.findall(m.text)) >= 2]
    place_words = {fold(m.text) for m in mentions if m.label in PLACE_LABELS | {"PERSON"}}

    def add(acr: str, m: Mention, s: int, e: int, fit_needed: bool) -> None:
        key = acronym_key(acr)
        if not key or key in _PLACE_ACRONYMS or fold(acr) in place_words or _outlet_name(acr):
            return
        name = canonical_org_name(clean_name(m.text, m.label))
        fits = initials_fit(acr, name, suffix=True) or initials_fit(acr, clean_name(m.text, m.label), suffix=True)
        table = table_expansion(acr)
        if table is not None and table != name:
            return  # the table knows this acronym as another body: keep the two apart
        if fit_needed and not fits and table is None:
            return
        found.setdefault(key, set()).add((name, m.label, " ".join(text[s:e].split())))

    for m in names:
        # "European Council on Foreign Relations (ECFR)"
        after = regex.match(r"\s*\(\s*(" + _ACRONYM_TOKEN.pattern + r")\s*\)", text[m.end : m.end + 20])
        if after:
            add(after.group(1), m, m.start, m.end + after.end(), fit_needed=False)
        # "ECFR (European Council on Foreign Relations)" / "ECFR, the European Council on Foreign Relations"
        before = regex.search(r"(?<![\p{L}\d])(" + _ACRONYM_TOKEN.pattern + r")(\s*\(\s*(?:the\s+)?|,\s+(?:the\s+)?)$",
                              text[max(0, m.start - 20) : m.start])  # fmt: skip
        if before:
            paren = "(" in before.group(2)
            if paren and not regex.match(r"\s*\)", text[m.end : m.end + 5]):
                continue
            add(before.group(1), m, m.start - len(before.group(0)), m.end + (1 if paren else 0), fit_needed=not paren)
    return found


def link_acronyms(
    mentions: list[Mention], text: str, *, language: str | None = None, kept: Any = None
) -> tuple[list[Mention], dict[tuple[int, int], AcronymLink]]:
    """Acronym mentions linked to the expansion they stand for in this document, by span.

    Adds mentions for the later uses of a defined acronym that spaCy missed (whole word, same spelling).
    ``kept(start)``: is a position in a kept segment (default: everywhere).
    """
    defs = _definitions(mentions, text)
    candidates: dict[str, tuple[str, str]] = {}  # canonical name -> label, multiword ORG/NORP names of the document
    for m in mentions:
        if m.label in _EXPANSION_LABELS and len(_NAME_WORD.findall(m.text)) >= 2 and not acronym_key(m.text):
            candidates.setdefault(canonical_org_name(clean_name(m.text, m.label)), (m.label, m.text))
    chosen: dict[str, AcronymLink] = {}
    acronyms: dict[str, str] = {}  # key -> its shortest spelling in the document ("NATO", not "NATO.-")
    for m in mentions:
        if m.label in _ACRONYM_LABELS and (k := acronym_key(m.text)):
            if k not in acronyms or len(m.text) < len(acronyms[k]):
                acronyms[k] = m.text
    # Only an acronym spaCy calls ORG/NORP is matched to initials: "US" (GPE) is no "Union of Soldiers".
    bodies = {acronym_key(m.text) for m in mentions if m.label in _EXPANSION_LABELS}
    for key in (set(acronyms) | set(defs)) - _PLACE_ACRONYMS:
        surface = acronyms.get(key, key)
        table = table_expansion(surface, language)
        fitting = {c for c in candidates if initials_fit(surface, c)} if key in bodies else set()
        d = defs.get(key, set())
        if len({c for c, _, _ in d}) == 1:
            name, label, quote = next(iter(d))
            chosen[key] = AcronymLink(
                surface, name, label, "defined", f"{surface!r}: acronym defined in the text: {quote!r}"
            )
        elif d:
            continue  # defined twice, two ways: keep apart
        elif table is not None and fitting <= {table}:
            label = candidates.get(table, ("ORG", ""))[0]
            chosen[key] = AcronymLink(surface, table, label, "table", f"{surface!r}: acronym table ({table})")
        elif table is None and len(fitting) == 1:
            name = next(iter(fitting))
            label = candidates[name][0]
            chosen[key] = AcronymLink(
                surface, name, label, "initials", f"{surface!r}: initials of {name!r} in the text"
            )
    if not chosen:
        return mentions, {}
    out = list(mentions)
    defined = {k for k, v in chosen.items() if v.how == "defined"}
    if defined:
        taken = [(m.start, m.end) for m in out]
        for w in _ACRONYM_TOKEN.finditer(text):
            key = acronym_key(w.group())
            if key not in defined or w.group() != chosen[key].acronym:
                continue
            if (w.start() and (text[w.start() - 1].isalnum())) or (w.end() < len(text) and text[w.end()].isalnum()):
                continue
            if any(s < w.end() and w.start() < e for s, e in taken) or (kept is not None and not kept(w.start())):
                continue
            out.append(Mention(start=w.start(), end=w.end(), text=w.group(), label=chosen[key].label))
        out.sort(key=lambda m: (m.start, m.end))
    links: dict[tuple[int, int], AcronymLink] = {}
    for m in out:
        key = acronym_key(m.text)
        if key in chosen and m.label in _ACRONYM_LABELS:
            m.label = chosen[key].label
            links[(m.start, m.end)] = chosen[key]
    return out, links


def organization_id(name: str, *, language: str | None = None, label: str = "ORG") -> str:
    """The id a body's name gets when it stands alone in a document: an acronym of the table is its expansion."""
    expansion = table_expansion(name, language) if acronym_key(name) else None
    return entity_id(TYPE_OF_LABEL[label], expansion or canonical_org_name(clean_name(name, label)))


def corpus_acronyms(docs: Iterable[Document]) -> dict[str, dict[str, tuple[str, str, str]]]:
    """Acronyms the documents define: acronym key -> {expansion: (label, id of a document defining it, quote)}."""
    out: dict[str, dict[str, tuple[str, str, str]]] = {}
    for doc in docs:
        for key, found in _definitions(doc.mentions, doc.text).items():
            for name, label, quote in sorted(found):
                out.setdefault(key, {}).setdefault(name, (label, doc.id, quote))
    return out


def link_corpus_acronyms(docs: list[Document]) -> list[tuple[str, str, str]]:
    """An acronym left alone in one document joins the expansion another document of the corpus defines.

    Only acronyms still named by themselves (no definition, no initials, no table entry in their own
    document) and defined one way in the corpus (or two ways of which only one fits its letters: "ISW" is
    "Institute for the Study of War", not a machine translation's "American Institute of Research on War");
    an acronym with two fitting expansions in the corpus, or whose own document names another body that fits
    its initials, stays apart. The entity's ``reasons`` say which document
    defined it. Returns (document id, acronym, expansion) for every document changed.
    """
    defined: dict[str, dict[str, tuple[str, str, str]]] = {}
    for key, found in corpus_acronyms(docs).items():
        if len(found) > 1:  # defined two ways: the one its letters spell, if only one does
            found = {n: v for n, v in found.items() if initials_fit(key, n, suffix=True)}
        if len(found) == 1:
            defined[key] = found
    changed: list[tuple[str, str, str]] = []
    for doc in docs:
        fits_here = [
            clean_name(m.text, m.label)
            for m in doc.mentions
            if m.label in _EXPANSION_LABELS and len(_NAME_WORD.findall(m.text)) >= 2
        ]
        for old_id, ent in list(doc.entities.items()):
            key = acronym_key(ent.name)
            if ent.type not in ("organization", "group") or key not in defined or key in _PLACE_ACRONYMS:
                continue
            ((name, (label, source, quote)),) = defined[key].items()
            if source == doc.id or any(initials_fit(ent.name, c) and c != name for c in fits_here):
                continue
            eid = entity_id(TYPE_OF_LABEL[label], name)
            new = doc.entities.setdefault(eid, Entity(id=eid, type=TYPE_OF_LABEL[label], name=name))
            for alias in ent.aliases:
                if alias not in new.aliases:
                    new.aliases.append(alias)
            new.reasons.append(f"{ent.name!r}: acronym of {name!r} defined in document {source}: {quote!r}")
            for m in doc.mentions:
                if m.entity == old_id:
                    m.entity, m.label = eid, label
            del doc.entities[old_id]
            changed.append((doc.id, ent.name, name))
    return changed


_RELABEL = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
_CAPS_WORD = regex.compile(r"(?<![\p{L}\d])\p{Lu}[\p{Lu}'’-]{3,}(?![\p{L}\d])", regex.V1)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _consistent_labels(mentions: list[Mention], text: str) -> list[Mention]:
    """One label per name within a document, and names in ALL-CAPS lines read like the same names elsewhere.

    spaCy's small model labels one name differently from sentence to sentence ("Prigozhin's forces"
    ORG, "Prigozhin said" PERSON; "Biden Thursday" GPE) and misreads ALL-CAPS headlines ("RUSSIA,
    BELARUS MILITARY BASES ROCKED" -> ORG "BELARUS MILITARY BASES"). Each of these splits one entity
    in two. Rules, in order:

    1. a mention in capitals takes the label of the same name written normally elsewhere in the
       document; a capitalised run that starts with such a name is cut to it ("BELARUS"), and a capitalised
       word that is such a name but no mention becomes one ("RUSSIA");
    2. a one-word ORG/place mention that is the surname of a full name labelled PERSON becomes PERSON;
    3. a name with several labels takes the one given most often (ties: unchanged).
    """
    if not mentions:
        return mentions
    normal: dict[str, Counter[str]] = {}
    for m in mentions:
        if m.label in _RELABEL and not _is_caps(m.text):
            key = fold(clean_name(m.text, m.label))
            if key:
                normal.setdefault(key, Counter())[m.label] += 1
    known = {k: c.most_common(1)[0][0] for k, c in normal.items()}
    out: list[Mention] = []
    for m in mentions:
        if m.label in _RELABEL and _is_caps(m.text) and known:
            key = fold(clean_name(m.text, m.label))
            if key in known:
                m.label = known[key]
            else:
                words = list(regex.finditer(r"\S+", m.text))
                for k in range(len(words) - 1, 0, -1):
                    piece = m.text[: words[k - 1].end()]
                    pk = fold(clean_name(piece, "GPE"))
                    if pk in known:
                        m = Mention(start=m.start, end=m.start + len(piece.rstrip(",;:")), text=piece.rstrip(",;:"),
                                    label=known[pk])  # fmt: skip
                        break
        out.append(m)
    if known:
        taken = [(m.start, m.end) for m in out]
        for w in _CAPS_WORD.finditer(text):
            if any(s < w.end() and w.start() < e for s, e in taken):
                continue
            key = fold(w.group())
            if known.get(key) in PLACE_LABELS or known.get(key) == "PERSON":
                out.append(Mention(start=w.start(), end=w.end(), text=w.group(), label=known[key]))
        out.sort(key=lambda m: (m.start, m.end))
    surnames = {
        fold(n.split()[-1])
        for m in out
        if m.label == "PERSON" and len(parts := clean_name(m.text, "PERSON").split()) >= 2 and (n := " ".join(parts))
    }
    for m in out:
        if m.label in _RELABEL - {"PERSON"}:
            name = clean_name(m.text, m.label)
            if len(name.split()) == 1 and fold(name) in surnames:
                m.label = "PERSON"
    votes: dict[str, Counter[str]] = {}
    for m in out:
        if m.label in _RELABEL:
            votes.setdefault(fold(clean_name(m.text, m.label)), Counter())[m.label] += 1
    for m in out:
        if m.label in _RELABEL:
            c = votes[fold(clean_name(m.text, m.label))]
            if len(c) > 1:
                (top, n1), (_, n2) = c.most_common(2)
                if n1 > n2:
                    m.label = top
    return out


def _link_people(mentions: list[Mention], entities: dict[str, Entity]) -> None:
    """Full names become entities; a surname alone or a close spelling joins the full name."""
    people = [m for m in mentions if m.label == "PERSON"]
    full: list[tuple[str, str]] = []  # (canonical name, entity id)
    eid: str | None
    for m in people:
        name = clean_name(m.text, "PERSON")
        if len(name.split()) >= 2:
            eid = entity_id("person", name)
            if eid not in entities:
                entities[eid] = Entity(id=eid, type="person", name=name)
                full.append((name, eid))
    for m in people:
        name = clean_name(m.text, "PERSON")
        if not fold(name):
            continue
        tokens = name.split()
        eid = None
        if len(tokens) >= 2:
            eid = entity_id("person", name)
            # "Sergei Shoygu" and "Sergei Shoigu" in one article: one person.
            for other, other_id in full:  # the first spelling met names the person ("Randa Paul", then "Rand Paul")
                if other_id == eid:
                    break
                if _same_person(name, other):
                    eid = other_id
                    break
        else:
            surname = fold(tokens[0])
            for other, other_id in full:
                last = fold(other.split()[-1])
                if last == surname or (len(surname) > 4 and fuzz.ratio(last, surname) >= 85):
                    eid = other_id
                    break
            if eid is None:
                eid = entity_id("person", name)
                entities.setdefault(eid, Entity(id=eid, type="person", name=name))
        ent = entities[eid]
        if m.text not in ent.aliases:
            ent.aliases.append(m.text)
        m.entity = eid
    used = {m.entity for m in people}
    for _, eid in full:
        if eid not in used:
            entities.pop(eid, None)  # a spelling variant that joined an earlier one


def _join_short_orgs(mentions: list[Mention], entities: dict[str, Entity]) -> None:
    """A one-word organisation name after a longer one ending with it joins it: "the British Army ... the Army"."""
    orgs = [e for e in entities.values() if e.type == "organization"]
    first: dict[str, int] = {}
    for m in mentions:
        if m.entity:
            first.setdefault(m.entity, m.start)
    for ent in orgs:
        words = ent.name.split()
        if len(words) != 1 or acronym_key(ent.name) or ent.id not in first:
            continue
        longer = [o for o in orgs if o.id != ent.id and len(o.name.split()) > 1
                  and fold(o.name.split()[-1]) == fold(ent.name) and first.get(o.id, 1 << 30) < first[ent.id]]  # fmt: skip
        if len(longer) != 1:
            continue
        target = longer[0]
        for m in mentions:
            if m.entity == ent.id:
                m.entity = target.id
        for a in ent.aliases:
            if a not in target.aliases:
                target.aliases.append(a)
        target.reasons.append(f"{ent.name!r}: the last word of {target.name!r}, named before it")
        del entities[ent.id]


def _same_person(a: str, b: str) -> bool:
    fa, fb = fold(a).split(), fold(b).split()
    if len(fa) != len(fb) or fa == fb:
        return False
    return fa[0][:1] == fb[0][:1] and fuzz.ratio(" ".join(fa), " ".join(fb)) >= 88


@register_stage("extract.entities", requires=["analysis", "segments"], provides=["mentions", "entities"])
class EntitiesStage:
    """Named entities and military units, with canonical entities per document."""

    def __call__(self, doc: Document) -> Document:
        doc.mentions, doc.entities = extract_mentions(doc.analysis, doc)
        return doc
