"""Place names to coordinates, with a gazetteer id and a precision level.

Candidates are spaCy's GPE/LOC/FAC mentions, PERSON/ORG mentions that the
gazetteer knows as places (the small English model often mislabels towns), and
capitalised names spaCy missed that match a sizeable place, and place names
machine translation turned into ordinary words ("the town of time Jar" for
Chasiv Yar), which count only in context. The gazetteer resolves them together,
so each one is disambiguated by the region named next to it and by the other
places of the article.
"""

from __future__ import annotations

import dataclasses
import re

from ..pipeline import register_stage
from ..record import AssociatedPlace, Document, Entity, Mention, stable_id
from .entities import PLACE_LABELS, acronym_key, acronym_table, clean_name, entity_id

__all__ = ["AssociatedPlace", "AssociativePlace", "PlacesStage", "associative_places", "person_named", "resolve_places"]

# A person's title or kin word right before a name: "Mr Nelson", "his brother Tyler", "girlfriend Olivia".
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Sgt|Cpl|Pte|Capt|Col|Lt|Gen|Maj|Insp|Det|Cllr|Rev|Fr)\.?"
    r"|\b(?:Miss|Sir|Dame|Lord|Lady|Judge|Officer|Mayor|President|Governor|Senator|Councillor|Councilman|Coach"
    r"|Chairman|Pope|(?i:brother|sister|son|daughter|wife|husband|mother|father|girlfriend|boyfriend|partner|uncle"
    r"|aunt|cousin|nephew|niece|grandson|granddaughter|artist|singer|actor|actress|rapper|striker|midfielder"
    r"|defender|goalkeeper|driver|lawyer|attorney|spokesman|spokeswoman|spokesperson|known\s+as)))\s+$"
)
# A verb of speech or a person's act right after a name: "Nelson concedes", "Robbins said", "Keith recalled".
_PERSON_AFTER = re.compile(
    r"^(?:,\s+who\b|['’]s\s+(?:attorney|lawyer|family|wife|husband|son|daughter|mother|father|brother|sister"
    r"|girlfriend|boyfriend|death|arrest|trial|lawsuit)\b)"
    r"|^(?:,\s+\w+,)?\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+)?(?:said|says|told|tells|added|adds|recalled|recalls"
    r"|explained|explains|wrote|writes|tweeted|tweets|posted|concedes|conceded|agreed|agrees|noted|notes|admitted"
    r"|admits|insisted|insists|argued|argues|asked|asks|replied|replies|continued|continues|stated|states|warned"
    r"|warns|claimed|claims|believes|believed|thinks|thought|hopes|hoped|laughed|smiled|joked|pleaded|testified"
    r"|denied|denies|was\s+(?:charged|sentenced|arrested|born|sent\s+off|hit|killed|shot)|died|scored)\b"
)
# A place cue before a name the model labelled PERSON or ORG: "in Tunis", "near Coggeshall", "outside Lyman",
# "inside Anfield"; "to" and "from" only after a verb of motion ("taken to Colchester Hospital", "moved to
# Thornhill", "displaced from Umemger", "who was from Dewsbury"). With "the" after it only for a building or site
# ("at the Farmers Service Centre"; "in the Normandy format", "into the Soviet invasion" are no places).
_CUE = (
    r"(?:\b(?:in|near|outside|around|at|across|towards|toward|inside|into|throughout)"
    r"|\b(?:moved?|moving|taken|took|take|taking|sent|send|travell?ed|travel|travell?ing|flown|flew|fly|returned|return"
    r"|returning|went|go|going|gone|headed|heading|rushed|airlifted|transferred|relocated|fled|deported|driven|drove"
    r"|evacuated|trip|visits?|journey|way|arrived|back)\s+to"
    r"|\b(?:displaced|fled|evacuated|returned|travell?ed|came|come|comes|hails?|hailing|moved|relocated|escaped"
    r"|deported|is|was|are|were)\s+from"
    # where on the map: "2 km east of", "south-west of", "the outskirts of", "12 km from", "the settlement Chasov Yar"
    r"|\b(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+(?:outskirts\s+)?of"
    r"|\b(?:outskirts|suburbs?|edge|centre|center)\s+of|\b(?:km|kilometres|kilometers|miles)\s+(?:from|of)"
    r"|\b(?:the|a)\s+(?:town|city|village|settlement|hamlet)(?:\s+of)?)"
)
_PLACE_BEFORE = re.compile(_CUE + r"\s+$")
_SITE_BEFORE = re.compile(_CUE + r"\s+(?:the\s+)?$")
# "-based" after a name, or "and other towns": "Kyiv-based", "fired on Qamishli and other towns".
_BASED_AFTER = re.compile(
    r"^(?:-based\b|,?\s+and\s+(?:other|several|nearby|neighbou?ring|surrounding)\s+(?:\w+\s+)?"
    r"(?:towns|cities|villages|settlements|places|areas|regions|provinces|countries)\b"
    # "Chasiv Yar, a hilltop town about 12 km ...": an apposition that says what kind of place it is
    r"|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|settlement|hamlet|port|suburb)\b)"
)
# A name between places of a list: "between Coggeshall and Marks Tey", "Copenhagen, Hamburg, Brasoc and Mannheim".
_LIST_LINK_BEFORE = re.compile(r"(?:,|\s(?:and|or|&))\s+$")
_LIST_LINK_AFTER = re.compile(r"^(?:\s*,|\s+(?:and|or|&))\s+")
# Last words of a street's name, first words of a foreign one: a street whatever label the model gives it.
_STREET_LAST = frozenset("street road avenue boulevard lane".split())
_STREET_FIRST = frozenset("rue via calle avenida faubourg".split())
# Last words of a building's or site's name, a place when a place cue stands before it ("taken to Colchester
# Hospital", "at Cloverhill District Court", "a researcher at Loyola University"); without the cue it is an
# institution ("Colchester Hospital said").
_SITE_LAST = frozenset(
    """hospital court courthouse prison jail centre center stadium arena hotel church cathedral chapel mosque
    temple synagogue theatre theater museum library airport station market mall estate cemetery park square
    hall palace tower bridge campus school university college institute""".split()
)
# A nationality adjective before a word for land makes a literal place: "the Turkish border", "the Syrian capital",
# "the Greek islands" (but "Russian forces", "the Turkish market" are not where anything is).
_LAND_AFTER = re.compile(
    r"^[\s-]+(?:border|borders|frontier|capital|city|cities|town|towns|village|villages|countryside|coast|coastline"
    r"|coasts|shore|shores|island|islands|territory|territories|soil|waters|airspace|mainland|enclave|enclaves"
    r"|countries|states|provinces|regions|region|province|land|lands|ports?|mountains|desert|peninsula|side\s+of"
    r"\s+the\s+border)\b"
)
_HIGH_PRIORITY = frozenset({"country", "region", "continent"})


def person_named(doc: Document, start: int, end: int, label: str, owner: Mention | None, gazetteer=None) -> bool:  # type: ignore[no-untyped-def]
    """Whether a would-be place name is a person here: a title or kin word before it ("Mr Nelson", "his brother
    Tyler"), a verb of speech after a name labelled PERSON ("Robbins said"), or a part of a longer person name of
    the same entity or of the article ("Dewly Nelson" ... "Nelson"). A country, a region or a city of 1,000,000+
    people is never read as a person by the verb alone ("Tamil Nadu said", "Moscow said": the government, still there)."""
    text = doc.text
    surface = text[start:end]
    words = surface.split()
    if label not in PLACE_LABELS and len(surface) <= 4 and re.search(r"[a-z][A-Z]", surface):
        return True  # "MoD", "DfE": an organisation's short form, not a place
    if len(words) > 2:
        return False
    if _PERSON_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    strong = gazetteer is not None and _strong_place(gazetteer, surface)
    if strong and not surface[1:].islower():
        return False  # "US", "EU": a country's or union's short form, whatever entity the model glued it to
    if len(words) == 1:
        ent = doc.entities.get(owner.entity) if owner is not None and owner.entity else None
        if ent is not None and ent.type == "person" and len(ent.name.split()) > 1:
            return True
        if label not in PLACE_LABELS:
            for e in doc.entities.values():
                toks = e.name.split() if e.type == "person" else []
                if len(toks) > 1 and toks[-1] == surface:
                    return True
    if label in {"PERSON", "GAZ"} and _PERSON_AFTER.match(text[end : end + 40]):
        return not strong
    return False


def _area_name(gazetteer, name: str) -> bool:  # type: ignore[no-untyped-def]
    from ..gazetteer import fold_name

    return any(kind == 0 and e.precision in _HIGH_PRIORITY for kind, e in gazetteer._exact(fold_name(name)))


def _known_name(gazetteer, name: str) -> bool:  # type: ignore[no-untyped-def]
    """The gazetteer has this very name, or a near spelling of it that starts alike and names a town of 20,000+
    people ("Qamishli" for Al Qamishli; but "Anfield" is not Enfield)."""
    from ..gazetteer import fold_name

    folded = fold_name(name)
    if not folded:
        return False
    if gazetteer._exact(folded):
        return True
    return any(
        (m.entry.population or 0) >= 20_000 and fold_name(m.via.split("'")[1] if "'" in m.via else "")[:1] == folded[:1]
        for m in gazetteer._matches(name)
    )


_REGIONAL_AFTER = re.compile(r"\s+(?:regional|oblast|provincial)\b", re.I)


def _as_region(gazetteer, text: str, cand):  # type: ignore[no-untyped-def]
    """A name used as the adjective of its region ("the Donetsk regional prosecutor's office", "Kharkiv oblast
    administration") names the region, not its capital city, when the gazetteer has such a region."""
    if not _REGIONAL_AFTER.match(text, cand.end) or re.search(r"\b(?:region|oblast|province)\b", cand.text, re.I):
        return cand
    for suffix in (" Oblast", " region", " Province"):
        if _area_name(gazetteer, cand.text + suffix):
            return dataclasses.replace(cand, text=cand.text + suffix)
    return cand


def _strong_place(gazetteer, name: str) -> bool:  # type: ignore[no-untyped-def]
    for e in gazetteer.lookup(name)[:5]:
        if e.precision in _HIGH_PRIORITY or (e.population or 0) >= 1_000_000:
            return True
    return False


def _cued(
    doc: Document, start: int, end: int, places: list[tuple[int, int]] | None = None, *, site: bool = False
) -> bool:
    """A place cue before the name ("in", "near", "taken to", "displaced from"; with ``site``, also followed by
    "the"), "-based" or "and other towns" after it, or (with ``places``, the spans of the model's GPE/LOC names) a
    list of places around it ("Coggeshall and Marks Tey")."""
    text = doc.text
    cue = _SITE_BEFORE if site else _PLACE_BEFORE
    if cue.search(text[max(0, start - 30) : start]) or _BASED_AFTER.match(text[end : end + 50]):
        return True
    if places and not text[start:end].isupper():  # "NATO and Tunisia": an acronym is an organisation
        before = _LIST_LINK_BEFORE.search(text[max(0, start - 8) : start])
        after = _LIST_LINK_AFTER.match(text[end : end + 8])
        prev = before is not None and any(e == start - len(before.group()) for _, e in places)
        nxt = after is not None and any(s == end + len(after.group()) for s, _ in places)
        # joined to a place by "and"/"or", or by a comma inside a list that goes on past the name
        if prev and (before.group().strip() != "," or after is not None):  # type: ignore[union-attr]
            return True
        if nxt and (after.group().strip() != "," or before is not None):  # type: ignore[union-attr]
            return True
    return False


def _site_label(text: str, label: str, cued: bool) -> str | None:
    """The label FAC for a PERSON/ORG name that is a street ("Royal Street", "Rue Casa Calvo"), or a building or site
    after a place cue ("taken to Colchester Hospital"), so that the gazetteer places it at its town."""
    words = text.split()
    if len(words) < 2 or len(words) > 5 or label not in {"PERSON", "ORG"}:
        return None
    last, first = words[-1].lower().rstrip(".,"), words[0].lower()
    if last in _STREET_LAST or first in _STREET_FIRST or (cued and last in _SITE_LAST):
        return "FAC"
    return None


# "Harare’s Third Street", "Brooklyn's Barclays Center": a place's name in the possessive before a site's.
_OWNED_SITE = re.compile(
    r"(?:^|(?<=\s))(?P<town>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})['’]s\s+"
    r"(?P<site>[A-Z0-9][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,4})$"
)


def _owned_site(doc: Document, m: Mention, gz):  # type: ignore[no-untyped-def]
    """A town's name in the possessive before a street's or building's inside one mention ("Harare’s Third
    Street", "Derry’s Altnagelvin Hospital"): a candidate for the town and one for the site, else None."""
    from ..gazetteer import PlaceCandidate

    hit = _OWNED_SITE.search(m.text)
    if hit is None or _site_label(hit.group("site"), "ORG", True) is None or not _known_name(gz, hit.group("town")):
        return None
    ts, te = m.start + hit.start("town"), m.start + hit.end("town")
    ss, se = m.start + hit.start("site"), m.start + hit.end("site")
    return [
        PlaceCandidate(start=ts, end=te, text=doc.text[ts:te], label="GPE"),
        PlaceCandidate(start=ss, end=se, text=doc.text[ss:se], label="FAC"),
    ]


def _gazetteer():  # type: ignore[no-untyped-def]
    from ..gazetteer import Gazetteer

    return Gazetteer.open()


def resolve_places(doc: Document, gazetteer=None) -> Document:  # type: ignore[no-untyped-def]
    from ..gazetteer import PlaceCandidate

    gz = gazetteer or _gazetteer()
    kept = {"body", "title", "byline", "caption", "other"}
    candidates: list[PlaceCandidate] = []
    owners: list[Mention | None] = []
    persons = {
        m.text
        for m in doc.mentions
        if m.label in {"PERSON", "GPE"}
        and len(m.text.split()) == 1
        and person_named(doc, m.start, m.end, m.label, m, gz)
    }
    model_places = [(m.start, m.end) for m in doc.mentions if m.label in {"GPE", "LOC"}]
    land_demonyms: set[int] = set()  # "the Turkish border": a nationality adjective kept as its country
    for m in doc.mentions:
        if m.label in PLACE_LABELS or m.label in {"PERSON", "ORG", "NORP", "UNIT"}:
            label = m.label
            if label == "UNIT" and not _OWNED_SITE.search(m.text):
                continue
            # a name in a list of places counts only when labelled PERSON ("between Nato and Russia" is no place)
            cued = label in {"PERSON", "ORG", "NORP"} and _cued(
                doc, m.start, m.end, model_places if label == "PERSON" else None
            )
            if label != "NORP" and (
                person_named(doc, m.start, m.end, label, m, gz) or (m.text in persons and not cued)
            ):
                continue  # "Nelson concedes", "his brother Tyler" (and Tyler elsewhere): a person, not the town
            site = _site_label(m.text, label, cued or _cued(doc, m.start, m.end, site=True))
            if site is not None:
                label = site  # "Royal Street", "taken to Colchester Hospital": placed at its town
            elif label in {"PERSON", "ORG"} and len(m.text.split()) in (2, 3) and _area_name(gz, m.text):
                label = "GPE"  # "Tamil Nadu said" labelled PERSON: a region's or country's full name
            elif label in {"PERSON", "ORG"} and len(m.text.split()) <= 3 and cued and _known_name(gz, m.text) \
                    and acronym_key(m.text) not in acronym_table()[0]:
                # "at Coggeshall", "Kyiv-based", "moved to Thornhill": a place here (not a body's acronym: "membership
                # of Ukraine in NATO" is no town Nato in the Philippines)
                label = "GPE"
            elif label == "NORP" and gz._is_demonym(m.text):
                if _LAND_AFTER.match(doc.text[m.end : m.end + 40]):
                    land_demonyms.add(len(candidates))  # "the Syrian capital", "the Greek islands"
            elif label == "NORP" and cued:
                label = "GPE"  # "authorities in Tunis" labelled NORP
            owned = _owned_site(doc, m, gz) if label in {"ORG", "FAC", "PERSON", "UNIT"} else None
            if owned is not None:
                # "Harare’s Third Street", "Derry’s Altnagelvin Hospital": the town and the site in it
                for cand in owned:
                    candidates.append(cand)
                    owners.append(None)
                continue
            candidates.append(PlaceCandidate(start=m.start, end=m.end, text=m.text, label=label))
            owners.append(m)
    taken = [(m.start, m.end) for m in doc.mentions]
    # Place names machine translation turned into ordinary words ("the town of time Jar"), in context.
    for cand in gz.find_literal_names(doc.text):
        if any(s < cand.end and cand.start < e for s, e in taken):
            continue
        candidates.append(cand)
        owners.append(None)
        taken.append((cand.start, cand.end))
    for cand in gz.find_names(doc.text):
        if any(s < cand.end and cand.start < e for s, e in taken):
            continue
        if doc.kind_at(cand.start) not in kept:
            continue
        if cand.text in persons or person_named(doc, cand.start, cand.end, cand.label, None, gz):
            continue  # "Conway wrote", "Mr Adams"
        candidates.append(cand)
        owners.append(None)
    if not candidates:
        return doc
    regional = [_as_region(gz, doc.text, c) for c in candidates]
    as_region = {i for i, (a, b) in enumerate(zip(candidates, regional, strict=True)) if a is not b}
    candidates = regional
    resolutions = gz.resolve(candidates, text=doc.text, facilities=True)
    new_mentions: list[Mention] = []
    ent: Entity | None
    for ci, (cand, owner, res) in enumerate(zip(candidates, owners, resolutions, strict=True)):
        if res is None:
            if owner is not None and owner.label in PLACE_LABELS and owner.entity is None:
                # A place name the gazetteer does not know: kept as a place without coordinates.
                name = clean_name(owner.text, owner.label)
                eid = entity_id("place", name)
                ent = doc.entities.setdefault(eid, Entity(id=eid, type="place", name=name))
                if owner.text not in ent.aliases:
                    ent.aliases.append(owner.text)
                owner.entity = eid
            continue
        if cand.label == "NORP" and ci not in land_demonyms:
            continue  # "Ukrainian" is about Ukraine, but it is not a mention of a place ("the Ukrainian border" is)
        if res.approximate:
            # A street or venue the gazetteer does not know, placed at its town: its own entity, the
            # town's coordinates with a low score (the reason says approximate).
            name = clean_name(cand.text, cand.label)
            eid = entity_id("place", name)
            ent = doc.entities.setdefault(eid, Entity(id=eid, type="place", name=name))
            if ent.place is None:
                ent.place = res.place
                ent.reasons.append(res.reason)
            if cand.text not in ent.aliases:
                ent.aliases.append(cand.text)
            if owner is None:
                new_mentions.append(Mention(start=cand.start, end=cand.end, text=cand.text, label="GAZ", entity=eid))
            else:
                old, owner.entity = owner.entity, eid
                if old and old != eid and not any(m.entity == old for m in doc.mentions):
                    doc.entities.pop(old, None)
            continue
        eid = stable_id("place", res.place.gazetteer_id)
        ent = doc.entities.get(eid)
        if ent is None:
            ent = Entity(id=eid, type="place", name=res.canonical_name, place=res.place)
            doc.entities[eid] = ent
        # (the words of the text: a region named by its adjective was looked up as "Donetsk Oblast")
        surface = doc.text[cand.start : cand.end] if ci in as_region else cand.text
        if surface not in ent.aliases:
            ent.aliases.append(surface)
        if owner is None:
            new_mentions.append(Mention(start=cand.start, end=cand.end, text=surface, label="GAZ", entity=eid))
        else:
            old = owner.entity
            owner.entity = eid
            if old and old != eid and not any(m.entity == old for m in doc.mentions):
                doc.entities.pop(old, None)
    if new_mentions:
        doc.mentions = sorted(doc.mentions + new_mentions, key=lambda m: (m.start, m.end))
    return doc


@register_stage("extract.places", requires=["mentions", "entities"], provides=["places", "associated_places"])
class PlacesStage:
    """Resolve place names to gazetteer entries with coordinates and precision; keep associative places apart."""

    def __init__(self) -> None:
        self.gazetteer = _gazetteer()

    def __call__(self, doc: Document) -> Document:
        resolve_places(doc, self.gazetteer)
        # What the article is about without saying anything happened there ("Russian forces", "the EU"):
        # a list of its own, never place mentions, so events, facts, claims and the map do not see them.
        doc.associated_places = associative_places(doc, self.gazetteer)
        return doc


# The record of an associative place (kept in ``Document.associated_places``); the old name stays for callers.
AssociativePlace = AssociatedPlace


# "the EU": the gazetteer's European Union (the two letters alone are also the French town of Eu).
_UNION = {"EU": "European Union", "E.U.": "European Union", "European Union": "European Union"}
_EMBEDDED_OK = frozenset({"country", "region", "continent"})
_FAITHS = frozenset(
    {
        "muslim",
        "muslims",
        "christian",
        "christians",
        "jewish",
        "jews",
        "hindu",
        "hindus",
        "buddhist",
        "catholic",
        "catholics",
        "sunni",
        "shia",
        "shiite",
        "protestant",
        "orthodox",
        "islamic",
    }
)


def _plural_people(gz, text: str) -> bool:  # type: ignore[no-untyped-def]
    t = text.strip()
    return t.endswith("s") and not t.endswith("ss") and gz._demonym_entry(t[:-1]) is not None


def associative_places(doc: Document, gazetteer=None) -> list[AssociatedPlace]:  # type: ignore[no-untyped-def]
    """Associative place mentions of a document already through :func:`resolve_places`: NORP demonyms and "EU",
    and a country, region or city of 100,000+ people that opens or closes an organisation's name. Spans that are
    already place mentions are skipped. Nothing is added to ``doc``: the ``extract.places`` stage keeps the result in
    ``doc.associated_places``."""
    from ..gazetteer import PlaceCandidate, fold_name

    gz = gazetteer or _gazetteer()
    located = [
        (m.start, m.end)
        for m in doc.mentions
        if m.entity
        and (ent := doc.entities.get(m.entity)) is not None
        and ent.type == "place"
        and ent.place is not None
    ]
    cands: list[PlaceCandidate] = []
    for m in doc.mentions:
        if any(s < m.end and m.start < e for s, e in located):
            continue
        if m.label == "NORP" and (m.text.casefold() in _FAITHS or _plural_people(gz, m.text)):
            continue  # "Muslim", "Mexicans": people, not a place's adjective
        if m.label == "NORP" or (m.label == "ORG" and m.text.strip() in _UNION):
            cands.append(PlaceCandidate(start=m.start, end=m.end, text=_UNION.get(m.text.strip(), m.text), label="GPE"))
        elif m.label in {"ORG", "FAC"}:
            words = list(re.finditer(r"[\w.&'’-]+", m.text))
            if len(words) < 2:
                continue
            first = 1 if words[0].group().lower() == "the" else 0
            for lo, hi in ((first, first + 1), (first, first + 2), (len(words) - 1, len(words))):
                if hi > len(words) or lo >= hi or hi - lo == len(words):
                    continue
                piece = words[lo:hi]
                if not all(w.group()[:1].isupper() for w in piece):
                    continue
                ps, pe = m.start + piece[0].start(), m.start + piece[-1].end()
                name = doc.text[ps:pe]
                cands.append(PlaceCandidate(start=ps, end=pe, text=_UNION.get(name, name), label="GPE"))
    if not cands:
        return []
    out: list[AssociatedPlace] = []
    taken: list[tuple[int, int]] = []
    for cand, res in zip(cands, gz.resolve(cands, text=doc.text, demonyms=True), strict=True):
        if res is None or any(s < cand.end and cand.start < e for s, e in taken):
            continue
        demonym = res.reason.startswith("demonym")
        if not demonym and res.place.precision not in _EMBEDDED_OK and (res.place.population or 0) < 100_000:
            continue
        if not demonym and not any(e.id == res.entry.id for _, e in gz._exact(fold_name(cand.text or ""))):
            continue  # "Ministry", "Board": only a name the gazetteer has as such
        taken.append((cand.start, cand.end))
        surface = doc.text[cand.start : cand.end]
        out.append(AssociatedPlace(cand.start, cand.end, surface, res.canonical_name, res.place, res.reason))
    return out
