"""Phase 5, report: cited briefings and exports."""

from __future__ import annotations

from .briefing import Briefing, build_briefing, write_briefings
from .export import CONTRACT_KEYS, FORMATS, export_dict, geojson, write_export

__all__ = [
    "Briefing",
    "build_briefing",
    "write_briefings",
    "export_dict",
    "write_export",
    "geojson",
    "FORMATS",
    "CONTRACT_KEYS",
]
