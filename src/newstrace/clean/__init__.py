"""Phase 2, clean: what each line of an article is, and in which language."""

from __future__ import annotations

from .language import LanguageStage, detect_language
from .segments import SegmentsStage, classify_lines, segment_document

__all__ = ["SegmentsStage", "LanguageStage", "classify_lines", "segment_document", "detect_language"]
