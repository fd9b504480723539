"""FollowTheMoney entities: what Aleph, OpenAleph and the ``ftm`` tools load.

One JSON object a line, ``{"id", "schema", "properties"}``, built with the followthemoney library so
every value is cleaned by its property type. The schemata:

- ``Article``: each stored document (title, file name, outlet as ``publisher``, URL, ``publishedAt``,
  language, the SHA-256 in ``notes``; ``bodyText`` with ``--include-text``), id = the document id.
- ``Person`` / ``Organization`` / ``Address``: the canonical entities (people; organisations, units
  with ``classification`` "military unit", outlets with ``sector`` "news media"; places as an
  ``Address`` with ``latitude`` / ``longitude`` and the gazetteer id in ``remarks``), id = the entity
  id. Groups (nationalities and the like: "Russian", "pro-Russian") have no FtM schema and are left out.
- ``Documentation``: the link from an ``Article`` to each entity it mentions (``role`` "mentioned",
  ``summary`` the words it was named with), the edge Aleph draws between a document and an entity.
- ``Event``: each row of the ACLED-style events export (:mod:`newstrace.report.events`), with its
  ``date`` at the sentence's precision, ``location`` / ``addressEntity``, the ``involved`` actors, the
  sentence as ``summary`` and the article as ``proof``.

Ids are newstrace's own deterministic ids (documents, entities) or hashes of them (links, events),
with "_" written "-" (FtM ids allow letters, digits, "." and "-"), so a re-export gives the same ids
and Aleph updates rather than duplicates.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from .. import __version__
from ..record import Document, Entity, stable_id
from .events import event_rows

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["SCHEMA_OF", "ftm_id", "ftm_entities", "write_ftm", "check_ftm", "article", "entity_proxy"]

#: FtM's own rule for entity ids (followthemoney.types.EntityType.REGEX).
ENTITY_ID = registry.entity.REGEX

#: newstrace entity type -> FtM schema (types not listed have no FtM counterpart and are skipped).
SCHEMA_OF = {
    "person": "Person",
    "organization": "Organization",
    "unit": "Organization",
    "outlet": "Organization",
    "place": "Address",
}


def ftm_id(newstrace_id: str) -> str:
    """The FtM id of a newstrace id: FtM ids allow letters, digits, "." and "-" only ("doc_1a2b" -> "doc-1a2b")."""
    return newstrace_id.replace("_", "-")


def _make(schema: str, newstrace_id: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = ftm_id(newstrace_id)
    return proxy


def article(doc: Document, *, include_text: bool = False) -> EntityProxy:
    """The document as an FtM ``Article``."""
    a = _make("Article", doc.id)
    a.add("title", doc.title or doc.path)
    a.add("fileName", doc.path)
    # FtM's contentHash is a SHA-1 (40 hex digits); newstrace keeps the SHA-256 of the original.
    a.add("notes", f"SHA-256 of the original: {doc.sha256}")
    a.add("publisher", doc.outlet)
    a.add("sourceUrl", doc.url)
    a.add("publishedAt", doc.published)
    a.add("language", doc.language)
    a.add("mimeType", doc.media_type)
    a.add("author", doc.author)
    a.add("processingAgent", f"newstrace {__version__}")
    for e in doc.entities.values():
        if e.type == "person":
            a.add("peopleMentioned", e.name)
        elif e.type in {"organization", "unit", "outlet"}:
            a.add("companiesMentioned", e.name)
        elif e.type == "place":
            a.add("locationMentioned", e.name)
    if include_text:
        a.add("bodyText", doc.text)
    return a


def entity_proxy(e: Entity) -> EntityProxy | None:
    """A canonical entity as an FtM entity, or None when FtM has no schema for its type."""
    schema = SCHEMA_OF.get(e.type)
    if schema is None:
        return None
    p = _make(schema, e.id)
    p.add("name", e.name)
    if schema == "Address":
        p.add("full", e.name)
        if e.place is not None:
            # As text: FtM writes a float with two decimals (1 km), the gazetteer has five.
            p.add("latitude", f"{e.place.lat:.5f}")
            p.add("longitude", f"{e.place.lon:.5f}")
            p.add("country", e.place.country_code)
            p.add("remarks", f"{e.place.gazetteer_id} ({e.place.precision})")
    elif e.type == "unit":
        p.add("classification", "military unit")
    elif e.type == "outlet":
        p.add("sector", "news media")
    for alias in sorted(set(e.aliases) - {e.name}):
        p.add("alias", alias)
    return p


def ftm_entities(store: Store, *, include_text: bool = False) -> Iterator[EntityProxy]:
    """Articles, their links to the entities they mention, the entities, then the events."""
    entities = store.entities()
    emitted: dict[str, EntityProxy] = {}
    for e in entities.values():
        proxy = entity_proxy(e)
        if proxy is not None:
            emitted[e.id] = proxy
    for doc in store.iter_documents():
        yield article(doc, include_text=include_text)
        words: dict[str, list[str]] = defaultdict(list)
        for m in doc.mentions:
            if m.entity in emitted and m.text not in words[m.entity]:
                words[m.entity].append(m.text)
        for eid, texts in words.items():
            link = _make("Documentation", stable_id("documentation", doc.id, eid))
            link.add("document", ftm_id(doc.id))
            link.add("entity", ftm_id(eid))
            link.add("role", "mentioned")
            link.add("summary", "; ".join(texts))
            link.add("date", doc.published)
            yield link
    yield from emitted.values()
    for row in event_rows(store):
        ev = _make("Event", stable_id("event", row["claim_id"]))
        kind = row["sub_event_type"] or row["event_type"] or "Reported event"
        ev.add("name", ", ".join(x for x in (kind, row["location"], row["date_value"]) if x))
        ev.add("summary", row["notes"])
        if row["date_basis"] == "sentence":
            if row["date_end"]:
                ev.add("startDate", row["date_value"])
                ev.add("endDate", row["date_end"])
            else:
                ev.add("date", row["date_value"])
        ev.add("location", row["location"] or None)
        if row["place_id"] in emitted:
            ev.add("addressEntity", ftm_id(row["place_id"]))
        ev.add("country", row["country_code"] or None)
        for actor in row["actor_ids"].split("; "):
            if actor in emitted and emitted[actor].schema.is_a("LegalEntity"):
                ev.add("involved", ftm_id(actor))
        ev.add("proof", ftm_id(row["document_id"]))
        ev.add("publisher", row["outlet"] or None)
        ev.add("sourceUrl", row["url"] or None)
        ev.add("recordId", row["claim_id"])
        ev.add("keywords", [x for x in (row["event_type"], row["sub_event_type"]) if x])
        notes = [f"source chain: {row['source_chain']}", f"coding: {row['coding_reason']}"]
        if row["fatalities"]:
            notes.append(f"fatalities: {row['fatalities']} ({row['fatalities_text'] or 'stated as none'})")
        ev.add("notes", "; ".join(notes))
        yield ev


def write_ftm(store: Store, out: TextIO, *, include_text: bool = False) -> int:
    """Write FtM entities as JSON lines; return how many."""
    n = 0
    for proxy in ftm_entities(store, include_text=include_text):
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


def check_ftm(lines: Iterable[str]) -> list[str]:
    """Problems with FtM JSON lines, checked against followthemoney's own model; empty when valid.

    Each line must parse into an entity of a concrete schema; every property must exist in that
    schema, be writable, and hold values its type accepts; required properties must be present;
    entity references must point to an entity of the right schema in the same file.
    """
    problems: list[str] = []
    parsed: list[tuple[int, dict[str, Any]]] = []
    schema_of: dict[str, Any] = {}
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
            continue
        schema = model.get(data.get("schema", "")) if isinstance(data, dict) else None
        if schema is None:
            problems.append(f"line {n}: unknown schema {data.get('schema') if isinstance(data, dict) else data!r}")
            continue
        if schema.abstract:
            problems.append(f"line {n}: schema {schema.name} is abstract")
        if not isinstance(data.get("id"), str) or not ENTITY_ID.match(data["id"]):
            problems.append(f"line {n}: id {data.get('id')!r} is not a valid FtM id")
            continue
        elif data["id"] in schema_of:
            problems.append(f"line {n}: id {data['id']} repeated")
        props = data.get("properties", {})
        for name, values in props.items():
            prop = schema.get(name)
            if prop is None:
                problems.append(f"line {n}: {schema.name} has no property {name!r}")
                continue
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                problems.append(f"line {n}: {name} is not a list of strings")
                continue
            error = prop.validate(values)
            if error:
                problems.append(f"line {n}: {schema.name}.{name}: {error}")
        for name in schema.required:
            if not props.get(name):
                problems.append(f"line {n}: {schema.name} lacks the required {name!r}")
        try:
            model.get_proxy(data, cleaned=False)
        except Exception as exc:  # followthemoney raises several kinds; all mean "does not load"
            problems.append(f"line {n}: followthemoney cannot load it: {exc}")
            continue
        schema_of[data["id"]] = schema
        parsed.append((n, data))
    for n, data in parsed:
        schema = schema_of[data["id"]]
        for name, values in data.get("properties", {}).items():
            prop = schema.get(name)
            if prop is None or prop.type.name != "entity":
                continue
            for v in values:
                target = schema_of.get(v)
                if target is None:
                    problems.append(f"line {n}: {schema.name}.{name} points to {v}, not in the file")
                elif prop.range is not None and not target.is_a(prop.range):
                    problems.append(f"line {n}: {schema.name}.{name} points to a {target.name}, not a {prop.range.name}")
    return problems
