"""Phase 5, report: cited briefings and exports."""

from __future__ import annotations

from .briefing import Briefing, build_briefing, render_markdown, write_briefings
from .events import EVENT_COLUMNS, event_rows, write_events_csv
from .export import CONTRACT_KEYS, FORMATS, export_dict, geojson, write_export
from .facts import BriefingFacts, briefing_facts

__all__ = [
    "BriefingFacts",
    "briefing_facts",
    "render_markdown",
    "Briefing",
    "build_briefing",
    "write_briefings",
    "export_dict",
    "write_export",
    "geojson",
    "FORMATS",
    "CONTRACT_KEYS",
    "EVENT_COLUMNS",
    "event_rows",
    "write_events_csv",
]
# FollowTheMoney (report/ftm.py) is imported where it is used: followthemoney takes half a second to load.
