"""Place names that machine translation turned into ordinary words ("the town of time Jar").

A machine translator that does not know a place name translates its parts: Polish "Czasów Jar"
(Chasiv Yar) becomes "time Jar", Ukrainian Shchastia becomes "Happiness", Bila Tserkva "White
Church". The curated table ``literal_names.csv`` lists such translations with the place meant.
An ordinary word stays an ordinary word unless the article says it is a place here:

- the phrase is capitalised (at least its last word: "time Jar" keeps the capital of "Jar"), and
- a settlement word stands right before it ("the town of Happiness", "the village of ..."), or a
  region cue right after it names the place's own region ("Happiness in the Luhansk region",
  "Happiness, Luhansk oblast"), or the article names the place's region elsewhere ("... in the
  Donetsk region").

A region cue that names another region rules the phrase out, whatever else the article says.
This module only finds the phrases and their context; :meth:`Gazetteer.resolve` checks the
region against the gazetteer and gives the resolution (a point, a lower score, and a reason that
says "literal translation of Chasiv Yar (machine translation), from context 'town of time Jar'").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["LiteralName", "LiteralHit", "literal_names", "find_literal_phrases", "LITERAL_SCORE"]

# A literal translation is a guess even in context: scored below an exact name in context.
LITERAL_SCORE = 0.5

_SETTLEMENT_BEFORE = re.compile(
    r"(?P<cue>\b(?i:(?:urban-type\s+)?(?:town|city|village|settlement|hamlet|locality|township))s?\s+of)\s+$"
)


@dataclass(frozen=True, slots=True)
class LiteralName:
    phrase: str
    place_id: str
    place: str
    source: str


@dataclass(frozen=True, slots=True)
class LiteralHit:
    """A capitalised literal phrase in a text, with the settlement cue before it (if any)."""

    start: int
    end: int
    name: LiteralName
    settlement_cue: str | None


@lru_cache(maxsize=1)
def literal_names() -> tuple[LiteralName, ...]:
    """The curated table (package data)."""
    text = resources.files("newstrace.gazetteer").joinpath("literal_names.csv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    out = []
    for row in csv.DictReader(io.StringIO("\n".join(rows))):
        out.append(LiteralName(row["phrase"].strip(), row["place_id"].strip(), row["place"].strip(), row["source"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, LiteralName]]:
    names = literal_names()
    by_key = {" ".join(n.phrase.lower().split()): n for n in names}
    alts = sorted(by_key, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in alts)
    return re.compile(rf"(?<![\w-])(?i:{body})(?![\w-])"), by_key


def find_literal_phrases(text: str) -> list[LiteralHit]:
    """Capitalised occurrences of the table's phrases, with a settlement word before them if any."""
    pat, by_key = _pattern()
    out: list[LiteralHit] = []
    for m in pat.finditer(text):
        words = m.group().split()
        if not words[-1][:1].isupper():
            continue  # "happiness", "a white church": ordinary words
        name = by_key[" ".join(w.lower() for w in words)]
        before = _SETTLEMENT_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        out.append(LiteralHit(m.start(), m.end(), name, before.group("cue") if before else None))
    return out
