"""Phase 3, extract: who, what, where, when, how many, and who says so, per document.

Every stage works on one Document and the spaCy parse of its stored text, and
every item it finds keeps its character offsets.
"""

from __future__ import annotations

from .claims import ClaimsStage, extract_claims
from .dates import DatesStage, extract_dates
from .entities import EntitiesStage, extract_mentions
from .nlp import NlpStage, load_model, parse
from .places import PlacesStage, resolve_places
from .quantities import QuantitiesStage, extract_quantities
from .quotes import QuotesStage, extract_quotes

__all__ = [
    "NlpStage",
    "EntitiesStage",
    "PlacesStage",
    "DatesStage",
    "QuantitiesStage",
    "QuotesStage",
    "ClaimsStage",
    "load_model",
    "parse",
    "extract_mentions",
    "resolve_places",
    "extract_dates",
    "extract_quantities",
    "extract_quotes",
    "extract_claims",
]
