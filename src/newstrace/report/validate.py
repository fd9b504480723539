"""Check an export file against its standard: GeoJSON (RFC 7946), the events CSV, FollowTheMoney, the JSON export.

``newstrace validate FILE`` (or ``python -m newstrace.report.validate FILE``) prints what is wrong,
or "valid", and exits 1 or 0:

- GeoJSON: the JSON Schema below, written from RFC 7946 (bundled here: nothing is fetched), checked
  with the ``jsonschema`` package (``pip install jsonschema``; it comes with newstrace's test extra).
- events CSV: the exact columns of :data:`newstrace.report.events.EVENT_COLUMNS`, ACLED's codes and
  the types of each column (:func:`newstrace.report.events.check_events_csv`).
- FollowTheMoney: every line parses into an entity of followthemoney's own model, with properties its
  schema has, values their types accept, required properties present and references that resolve
  (:func:`newstrace.report.ftm.check_ftm`).
- the JSON export (docs/export.md): every list of the contract is there, spans name a known document with
  ``start < end`` (and their ``text`` is the document's text at those offsets when the export includes the
  text), associative places carry a gazetteer id, a precision and coordinates in range
  (:func:`validate_export`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import NewstraceError

__all__ = [
    "GEOJSON_SCHEMA",
    "KINDS",
    "validate_geojson",
    "validate_export",
    "validate_text",
    "validate_file",
    "guess_kind",
    "main",
]

KINDS = ("geojson", "events", "ftm", "json")

_NUMBER = {"type": "number"}
_BBOX = {"type": "array", "minItems": 4, "items": _NUMBER}
_POSITION = {
    "type": "array",
    "minItems": 2,
    "maxItems": 3,  # RFC 7946 3.1.1: longitude, latitude, and at most an altitude
    "prefixItems": [
        {"type": "number", "minimum": -180, "maximum": 180},
        {"type": "number", "minimum": -90, "maximum": 90},
        _NUMBER,
    ],
}


def _geometry(name: str, coordinates: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["type", "coordinates"],
        "properties": {"type": {"const": name}, "coordinates": coordinates, "bbox": _BBOX},
    }


_LINE = {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/position"}}
_RING = {"type": "array", "minItems": 4, "items": {"$ref": "#/$defs/position"}}  # closed: 4 positions or more
_POLYGON = {"type": "array", "items": _RING}

#: RFC 7946 as a JSON Schema (draft 2020-12): a FeatureCollection, a Feature or a bare Geometry.
GEOJSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "GeoJSON (RFC 7946)",
    "oneOf": [
        {"$ref": "#/$defs/FeatureCollection"},
        {"$ref": "#/$defs/Feature"},
        {"$ref": "#/$defs/Geometry"},
    ],
    "$defs": {
        "position": _POSITION,
        "Point": _geometry("Point", {"$ref": "#/$defs/position"}),
        "MultiPoint": _geometry("MultiPoint", {"type": "array", "items": {"$ref": "#/$defs/position"}}),
        "LineString": _geometry("LineString", _LINE),
        "MultiLineString": _geometry("MultiLineString", {"type": "array", "items": _LINE}),
        "Polygon": _geometry("Polygon", _POLYGON),
        "MultiPolygon": _geometry("MultiPolygon", {"type": "array", "items": _POLYGON}),
        "GeometryCollection": {
            "type": "object",
            "required": ["type", "geometries"],
            "properties": {
                "type": {"const": "GeometryCollection"},
                "geometries": {"type": "array", "items": {"$ref": "#/$defs/Geometry"}},
                "bbox": _BBOX,
            },
        },
        "Geometry": {
            "oneOf": [
                {"$ref": "#/$defs/Point"},
                {"$ref": "#/$defs/MultiPoint"},
                {"$ref": "#/$defs/LineString"},
                {"$ref": "#/$defs/MultiLineString"},
                {"$ref": "#/$defs/Polygon"},
                {"$ref": "#/$defs/MultiPolygon"},
                {"$ref": "#/$defs/GeometryCollection"},
            ]
        },
        "Feature": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "geometry": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/Geometry"}]},
                "properties": {"type": ["object", "null"]},
                "bbox": _BBOX,
            },
        },
        "FeatureCollection": {
            "type": "object",
            "required": ["type", "features"],
            "properties": {
                "type": {"const": "FeatureCollection"},
                "features": {"type": "array", "items": {"$ref": "#/$defs/Feature"}},
                "bbox": _BBOX,
            },
        },
    },
}


def validate_geojson(data: Any) -> list[str]:
    """Where ``data`` breaks RFC 7946 (as :data:`GEOJSON_SCHEMA` states it); empty when valid."""
    try:
        from jsonschema import Draft202012Validator
    except ImportError as exc:  # a test dependency, not a runtime one
        raise NewstraceError("GeoJSON validation needs the jsonschema package: pip install jsonschema") from exc
    schema = GEOJSON_SCHEMA
    kind = data.get("type") if isinstance(data, dict) else None
    if kind in GEOJSON_SCHEMA["$defs"]:
        # Check against the object's own type, so errors name what is wrong, not "matches no oneOf branch".
        schema = {"$schema": GEOJSON_SCHEMA["$schema"], "$ref": f"#/$defs/{kind}", "$defs": GEOJSON_SCHEMA["$defs"]}
    problems = []
    for error in sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path)):
        problems.append(_explain(error))
    return problems


_GEOMETRIES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection")


def _explain(error: Any) -> str:
    """One line for a schema error; for a oneOf, the error inside the branch the object's "type" names."""
    while error.context and error.validator == "oneOf":
        kind = error.instance.get("type") if isinstance(error.instance, dict) else None
        wanted = {kind} | ({"Geometry"} if kind in _GEOMETRIES else set())
        branches = {
            i for i, b in enumerate(error.validator_value) if b.get("$ref", "").rsplit("/", 1)[-1] in wanted
        }
        fitting = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] in branches]
        if not fitting:
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            return f"{where}: not a GeoJSON object this place allows (type {kind!r})"
        error = max(fitting, key=lambda e: len(e.absolute_path))
    where = "/".join(str(p) for p in error.absolute_path) or "(top)"
    return f"{where}: {error.message}"


# The lists of the JSON export whose records are spans of a document's stored text.
_SPAN_LISTS = ("mentions", "associated_places", "dates", "quantities", "quotes", "claims")
_PRECISIONS = {"point", "district", "region", "country", "continent"}


def validate_export(data: Any) -> list[str]:
    """Where a JSON export breaks its contract (docs/export.md, ``CONTRACT_KEYS``); empty when it keeps it."""
    from .export import CONTRACT_KEYS

    if not isinstance(data, dict):
        return ["(top): not a JSON object"]
    problems = [f"(top): no `{k}` list" for k in CONTRACT_KEYS if not isinstance(data.get(k), list)]
    if problems:
        return problems
    texts = {d.get("id"): d.get("text") for d in data["documents"] if isinstance(d, dict)}
    for key in _SPAN_LISTS:
        for i, r in enumerate(data[key]):
            where = f"{key}/{i}"
            if not isinstance(r, dict) or not all(f in r for f in ("document", "start", "end", "text")):
                problems.append(f"{where}: needs document, start, end and text")
                continue
            if r["document"] not in texts:
                problems.append(f"{where}: unknown document {r['document']!r}")
                continue
            start, end = r["start"], r["end"]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
                problems.append(f"{where}: offsets {start!r}..{end!r} are not 0 <= start < end")
                continue
            text = texts[r["document"]]
            if isinstance(text, str) and text[start:end] != r["text"]:
                problems.append(f"{where}: text {r['text']!r} is not the document's text at {start}..{end}")
    seen: dict[Any, int] = {}  # quotes of each document so far: `continues` names an earlier one
    for i, r in enumerate(data["quotes"]):
        if not isinstance(r, dict):
            continue
        n = seen.get(r.get("document"), 0)
        seen[r.get("document")] = n + 1
        c = r.get("continues")
        if c is not None and not (isinstance(c, int) and 0 <= c < n):
            problems.append(f"quotes/{i}: continues {c!r} is not an earlier quote of its document (0..{n - 1})")
    for i, r in enumerate(data["associated_places"]):
        if not isinstance(r, dict):
            continue
        where = f"associated_places/{i}"
        lat, lon = r.get("lat"), r.get("lon")
        if not (
            isinstance(lat, int | float) and isinstance(lon, int | float) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            problems.append(f"{where}: coordinates {lat!r}, {lon!r} are not a WGS84 point")
        if not r.get("gazetteer_id") or not r.get("name"):
            problems.append(f"{where}: needs a gazetteer_id and a name")
        if r.get("precision") not in _PRECISIONS:
            problems.append(f"{where}: precision {r.get('precision')!r} is not one of {', '.join(sorted(_PRECISIONS))}")
    return problems


def validate_text(text: str, kind: str) -> list[str]:
    """Problems with an export of ``kind`` (one of :data:`KINDS`); empty when it is valid."""
    if kind in ("geojson", "json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return [f"not JSON: {exc}"]
        return validate_geojson(data) if kind == "geojson" else validate_export(data)
    if kind == "events":
        from .events import check_events_csv

        return check_events_csv(text)
    if kind == "ftm":
        from .ftm import check_ftm

        return check_ftm(text.splitlines())
    raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")


def guess_kind(path: Path, text: str) -> str:
    """geojson, events, ftm or json (the JSON export), from the file name, else from the first line."""
    name = path.name.lower()
    if name.endswith(".geojson"):
        return "geojson"
    if name.endswith(".csv"):
        return "events"
    if ".ftm." in name or name.endswith(".ftm"):
        return "ftm"
    first = text.lstrip()[:1]
    if first == "{":
        line = text.lstrip().split("\n", 1)[0]
        try:
            head = json.loads(line)
        except json.JSONDecodeError:
            # A multi-line JSON document: the JSON export opens with its "newstrace" object, GeoJSON does not.
            return "json" if '"newstrace"' in text[:200] else "geojson"
        return "ftm" if isinstance(head, dict) and "schema" in head else "geojson"
    return "events"


def validate_file(path: str | Path, kind: str | None = None) -> tuple[str, list[str]]:
    """(kind, problems) for an export file; the kind is guessed when not given."""
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    kind = kind or guess_kind(p, text)
    return kind, validate_text(text, kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newstrace validate", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--format", choices=KINDS, default=None, help="default: guessed from the name and content")
    parser.add_argument("--max-problems", type=int, default=50)
    args = parser.parse_args(argv)
    kind, problems = validate_file(args.file, args.format)
    for p in problems[: args.max_problems]:
        print(p)
    if len(problems) > args.max_problems:
        print(f"... and {len(problems) - args.max_problems} more")
    print(f"{args.file}: {kind}, {'valid' if not problems else f'{len(problems)} problems'}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
