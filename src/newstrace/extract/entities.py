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
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import regex
from rapidfuzz import fuzz

from ..folding import fold
from ..pipeline import register_stage
from ..record import Document, Entity, Mention, stable_id

__all__ = ["fold", "entity_id", "person_key", "find_units", "extract_mentions", "EntitiesStage", "TYPE_OF_LABEL"]

TYPE_OF_LABEL = {
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
_EDGE_PUNCT = regex.compile(r"^[\s\p{P}]+|[\s\p{P}--[.)]]+$")


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
        # A name never runs over a line break: "Kostiantynivka\n\nKRAMATORSK" is two lines, not one name.
        newline = text.find("\n", s, e)
        if newline != -1:
            e = newline
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
        if e <= s:
            continue
        if label == "ORG" and _outlet_name(text[s:e]):
            label = "OUTLET"
        mentions.append(Mention(start=s, end=e, text=text[s:e], label=label))

    mentions = _consistent_labels(mentions, text)
    entities: dict[str, Entity] = {}
    _link_people(mentions, entities)
    for m in mentions:
        if m.label == "PERSON" or m.label in PLACE_LABELS:
            continue  # people linked above; places by the places stage
        etype = TYPE_OF_LABEL[m.label]
        name = clean_name(m.text, m.label)
        if m.label == "OUTLET":
            name = _outlet_name(m.text) or name
        if not fold(name):
            continue
        eid = entity_id(etype, name)
        ent = entities.setdefault(eid, Entity(id=eid, type=etype, name=name))
        if m.text not in ent.aliases:
            ent.aliases.append(m.text)
        m.entity = eid
    return mentions, entities


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
        if m.label == "PERSON" and len(n := clean_name(m.text, "PERSON").split()) >= 2 and (n := " ".join(n))
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
            for other, other_id in full:
                if other_id != eid and _same_person(name, other):
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
