"""How the bundled country outlines were made (run once, by hand, when updating them).

The map draws country outlines from ``static/vendor/world-atlas/countries-50m.geojson``
when no tile server is configured, so it works offline. That file is converted from
the npm package ``world-atlas@2.0.2`` (ISC licence; the data is Natural Earth's
1:50m Admin 0 boundaries, public domain), which ships TopoJSON::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m newstrace.serve.world package/countries-50m.json \\
        src/newstrace/serve/static/vendor/world-atlas/countries-50m.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["topojson_to_geojson"]


def _decode_arcs(topology: dict[str, Any], digits: int) -> list[list[list[float]]]:
    transform = topology.get("transform")
    arcs: list[list[list[float]]] = []
    for arc in topology["arcs"]:
        points: list[list[float]] = []
        x = y = 0.0
        for position in arc:
            if transform:  # quantized and delta-encoded
                x += position[0]
                y += position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append([round(x * sx + tx, digits), round(y * sy + ty, digits)])
            else:
                points.append([round(position[0], digits), round(position[1], digits)])
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        ring.extend(arc if not ring else arc[1:])  # consecutive arcs share their end point
    return ring


def topojson_to_geojson(topology: dict[str, Any], name: str, *, digits: int = 3) -> dict[str, Any]:
    """The TopoJSON object ``name`` (a GeometryCollection) as a GeoJSON FeatureCollection."""
    arcs = _decode_arcs(topology, digits)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coords: Any = [_ring(r, arcs) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coords = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": (geometry.get("properties") or {}).get("name")},
                "geometry": {"type": kind, "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> None:
    source, target = Path(argv[0]), Path(argv[1])
    data = topojson_to_geojson(json.loads(source.read_text(encoding="utf-8")), "countries")
    target.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
