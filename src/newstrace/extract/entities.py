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
from ..record import Document, Entity, Mention, stable_id

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
]

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
        if label == "ORG" and _outlet_name(text[s:e]):
            label = "OUTLET"
        mentions.append(Mention(start=s, end=e, text=text[s:e], label=label))

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
    return mentions, entities


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
            new = doc.entities.setdefault(eid, Entity(id=eid, type=TYPE_OF_LABEL[label], name=name))  # type: ignore[arg-type]
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
