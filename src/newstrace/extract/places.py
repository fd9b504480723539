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

from ..pipeline import register_stage
from ..record import Document, Entity, Mention, stable_id
from .entities import PLACE_LABELS, clean_name, entity_id

__all__ = ["PlacesStage", "resolve_places"]


def _gazetteer():  # type: ignore[no-untyped-def]
    from ..gazetteer import Gazetteer

    return Gazetteer.open()


def resolve_places(doc: Document, gazetteer=None) -> Document:  # type: ignore[no-untyped-def]
    from ..gazetteer import PlaceCandidate

    gz = gazetteer or _gazetteer()
    kept = {"body", "title", "byline", "caption", "other"}
    candidates: list[PlaceCandidate] = []
    owners: list[Mention | None] = []
    for m in doc.mentions:
        if m.label in PLACE_LABELS or m.label in {"PERSON", "ORG", "NORP"}:
            candidates.append(PlaceCandidate(start=m.start, end=m.end, text=m.text, label=m.label))
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
        candidates.append(cand)
        owners.append(None)
    if not candidates:
        return doc
    resolutions = gz.resolve(candidates, text=doc.text, facilities=True)
    new_mentions: list[Mention] = []
    for cand, owner, res in zip(candidates, owners, resolutions, strict=True):
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
        if owner is not None and owner.label == "NORP":
            continue  # "Ukrainian" is about Ukraine, but it is not a mention of a place
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
        surface = cand.text
        if surface not in ent.aliases:
            ent.aliases.append(surface)
        if owner is None:
            new_mentions.append(Mention(start=cand.start, end=cand.end, text=cand.text, label="GAZ", entity=eid))
        else:
            old = owner.entity
            owner.entity = eid
            if old and old != eid and not any(m.entity == old for m in doc.mentions):
                doc.entities.pop(old, None)
    if new_mentions:
        doc.mentions = sorted(doc.mentions + new_mentions, key=lambda m: (m.start, m.end))
    return doc


@register_stage("extract.places", requires=["mentions", "entities"], provides=["places"])
class PlacesStage:
    """Resolve place names to gazetteer entries with coordinates and precision."""

    def __init__(self) -> None:
        self.gazetteer = _gazetteer()

    def __call__(self, doc: Document) -> Document:
        return resolve_places(doc, self.gazetteer)
