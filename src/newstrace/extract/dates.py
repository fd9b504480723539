"""Dates and times, normalised against the publication date.

Candidates come from two places:

* a compiled grammar of date expressions run over the stored text (it finds what
  the small spaCy model misses or cuts short: "since March", "from 10 to 14
  March", "in mid-August 2023", "overnight", "the past 24 hours", "March-April",
  dates glued to the next sentence as in "...on Thursday.Local");
* spaCy's DATE entities, and its TIME entities when they carry a day ("Thursday
  night", "this morning").

Where both overlap, the grammar's span wins (its spans are the ones the
normaliser understands). Each span is normalised ON ITS OWN TEXT ONLY, never the
surrounding text, by :func:`normalise` (a fast rule-based resolver). Only spaCy
spans the rules do not understand, and that contain a date anchor (a month, a
weekday, a year, a numeric date), go to dateparser, with ``RELATIVE_BASE`` = the
publication date, ``PREFER_DATES_FROM="past"`` and ``languages=["en"]``; its
results are cached on (span text, base date), so dateparser runs at most once
per distinct span, and an answer that contradicts a year or month written in the
span is refused (dateparser reads "1944 D-Day" as 2018-12-21). Rule results are
cached on (span text, base date, tense) too.

Output (:class:`~newstrace.record.DateMention`): ``value`` in ISO 8601 at its
precision, "2024-03-14" (day), "2024-03" (month), "2024" (year); ranges have
precision "range", ``value`` = first unit covered and ``end_value`` = last unit
covered, each at its own precision ("since March" published 2024-03-14 ->
"2024-03" .. "2024-03-14").

Resolution rules (``reason`` always says which one applied):

* weekdays: "on Thursday" -> the most recent Thursday on or before the
  publication date (news reports past events); the same day when it IS a
  Thursday. "last Thursday" -> strictly before; "next Thursday" -> strictly after;
  "this Thursday" -> in the publication week. When the governing verb is in the
  future ("will meet on Thursday", "is expected to ... on Thursday") -> on or after.
* a day and month without a year ("on 14 March"): the occurrence nearest to the
  publication date, with the past preferred (a future date wins only when it is
  four times closer); with a past-tense verb the most recent one; with a future
  verb the next one unless the last one is four times closer. A month without a
  year ("in March") likewise. A weekday written with the date ("Saturday, Feb. 12")
  picks the year in which that date is that weekday.
* "yesterday", "today", "tonight", "this morning", "last night" (-> the day
  before publication), "overnight" (-> range published-1 .. published: the night
  before publication spans both days), "the day before yesterday", "tomorrow".
* "last/this/next week" -> the Monday..Sunday range of that week; "last/this/next
  month/year" -> that month/year; "earlier this week/month/year" -> range from
  its start to the publication day; "later this ..." -> to its end;
  "last/this weekend" -> Saturday..Sunday.
* "N days/weeks ago" -> day; "N months ago" -> month; "N years ago" -> year;
  "in N days/weeks/months" -> forward from publication (but a past-tense verb makes
  it a duration: "captured the town in four days" is skipped).
* "the past/last N hours/days/weeks/months/years" -> range up to publication;
  "the coming days", "the next N days" -> forward range; "recent days/weeks" and
  "a few days ago" -> vague ranges (the reason says "vague").
* ranges: "from 10 to 14 March", "10-14 March", "March 10-14", "between March and
  May", "March-April", "2014-2022", "Feb. 10 to Feb. 20"; a missing month or year
  on one end is taken from the other end.
* "since X" -> range from X to the publication day (without a publication date:
  precision "range", ``value`` = X, ``end_value`` None).
* "last/this past/next/this coming March|summer|Thursday".
* modifiers: early/mid/late, the beginning/start/middle/end of, the first/second
  half of. On a month: days 1-10 / 11-20 / 21-end (halves: 1-15 / 16-end). On a
  year: months Jan-Apr / May-Aug / Sep-Dec (halves: Jan-Jun / Jul-Dec). On a
  decade ("the early 1990s"): 0-3 / 4-6 / 7-9. On a single day ("early
  Thursday"): the day itself.
* seasons: spring Mar-May, summer Jun-Aug, autumn/fall Sep-Nov, winter Dec of the
  year named .. Feb of the next ("winter 2022" = the winter starting Dec 2022).
* decades "the 1990s", "the 90s".
* numeric dates: ISO "2024-03-14", "14.03.2024", "14/03/2024"; when both
  day/month orders are valid the one nearest the publication date is chosen
  (day-first without one), and the reason says it was ambiguous.

Without a publication date, relative expressions (and a day or month without a
year) have precision "unresolved", value None and a reason; absolute ones still
resolve.

Not dates, and skipped: durations ("for eight years", "two weeks", "72 hours",
"a decade"), ages ("50 years old", "a 12-year-old"), vague or anaphoric
references ("the day", "the next day", "that week", "the summer", "recent
years", "the start of the Winter Olympics"), frequencies ("daily", "every
day"), clock times without a day ("7am"), centuries.
Spanish, French and Italian: a grammar of their date expressions ("el pasado 27 de enero",
"mercredi dernier", "lo scorso 3 marzo", "desde hace un año", "depuis quinze mois", "entre marzo y
junio de este año", "la nuit de mardi à mercredi", "a partir de mediados de febrero", "tre giorni fa")
translates each span word by word into the English the rules above understand, then normalises it
the same way (the reason says what it was read as). It runs when the document's language is es, fr
or it (its spans then win, and spaCy's English DATE entities are ignored), or unknown. Ambiguous
words ("mai": Italian "never"; "Mars"; "Domingo") count only in a text known to be French/Spanish.

Not yet handled: dates relative to another date in the text ("two days later",
"the following day", "la víspera"), fiscal/academic years, bare seasons ("durante el invierno"),
"Thursday into Friday" (only Thursday is kept).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import email.utils
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from ..pipeline import register_stage
from ..record import DateMention, Document
from .nlp import analysis_of

__all__ = [
    "parse_published",
    "extract_dates",
    "normalise",
    "Resolution",
    "date_spans",
    "looks_temporal",
    "DatesStage",
    "normalise_romance",
    "romance_dates",
]

date = _dt.date
datetime = _dt.datetime
timedelta = _dt.timedelta

# --------------------------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------------------------

_MONTH_NUM = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAY_NUM = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
    "couple of": 2, "a couple of": 2,
}  # fmt: skip
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}

_FULL_MONTHS = [m for m in _MONTH_NUM if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]


def _cased(words: list[str]) -> str:
    alts = []
    for w in sorted(words, key=len, reverse=True):
        alts += [w.capitalize(), w.upper()]
    return "(?-i:" + "|".join(alts) + ")"


# Month names are case-sensitive ("march", "may" are verbs); weekdays are not.
_MON_FULL = "(?:" + _cased(_FULL_MONTHS) + r"(?![\p{L}]))"
_MON_ABBR = "(?-i:" + "|".join(_ABBR_MONTHS + [a.upper() for a in _ABBR_MONTHS]) + r")(?![\p{L}])\.?"
_MON = rf"(?:{_MON_FULL}|{_MON_ABBR})"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\p{L}])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\p{L}\d])"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\p{L}\d])"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_NUMW = (
    r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred|a\s+few|few|"
    r"several|a\s+couple\s+of|couple\s+of)"
)
_UNIT = r"(?:hours?|days?|weeks?|months?|years?)"
_TOD = r"(?:night|morning|afternoon|evening)"
_DASH = r"(?:-|–|—)"
_JOIN = r"(?:\s*(?:-|–|—)\s*|\s+(?:to|until|till|through|thru)\s+)"
_JOIN_AND = r"(?:\s*(?:-|–|—)\s*|\s+(?:to|and|until|till|through|thru)\s+)"

_ABS = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}(?!\d)"
    rf"|(?<![\d.,/])(?:[0-3]?\d)[./](?:[0-3]?\d)[./](?:{_YEAR}|\d\d(?![\d]))(?![.,/]?\d)"
    rf"|(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?"
    rf"|(?:{_WD},?\s+)?{_MON}\s+{_DAY}(?![:.]\d)(?:,?\s+{_YEAR})?"
    rf"|{_MON},?\s+(?:of\s+)?{_YEAR})"
)
_MODW = (
    r"(?:early|mid|late|the\s+(?:very\s+)?(?:beginning|start|middle|end|first\s+half|second\s+half)\s+of|"
    r"(?:beginning|start|middle|end)\s+of)"
)
_DECADE = r"(?:the\s+(?:early\s+|mid-?|late\s+)?(?:(?:19|20)\d0|'?\d0)s(?![\p{L}]))"
_RELYEAR = r"(?:(?:last|this|next|previous)\s+(?:year|month|week))"
_MODX = (
    rf"(?:{_MODW}\s*-?\s*(?:{_MON}(?:,?\s+{_YEAR})?|{_YEAR}|(?:19|20)\d0s|{_RELYEAR}"
    rf"|(?:last|this|next)\s+{_MON_FULL}|{_MON_FULL}\s+(?:last|this|next)\s+year))"
)
_POINTX = (
    rf"(?:{_ABS}|{_MODX}|{_SEASON}\s+(?:of\s+)?{_YEAR}|{_MON}|{_YEAR}|{_WD}|{_DECADE}"
    rf"|(?:last|this|next)\s+(?:{_WD}|{_MON_FULL}|week|month|year|weekend))"
)
_REL = (
    rf"(?:(?:the\s+)?day\s+before\s+yesterday"
    rf"|yesterday(?:\s+{_TOD})?|today|tonight|tomorrow(?:\s+{_TOD})?|overnight|last\s+night"
    rf"|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+(?:today|this\s+(?:week|month|year))"
    rf"|(?:last|this|next|(?:this\s+)?past|(?:this\s+)?coming)\s+(?:{_WD}|{_MON_FULL}|{_SEASON})(?:\s+{_TOD})?"
    rf"|{_SEASON}\s+(?:of\s+)?(?:{_YEAR}|last\s+year|this\s+year)"
    rf"|{_MON_FULL}\s+(?:last|this|next)\s+year"
    rf"|(?:the\s+)?(?:past|last|previous|next|coming)\s+{_NUMW}\s+{_UNIT}(?![\p{{L}}])"
    rf"|(?:the\s+)?(?:last|this|next|past|previous|coming)\s+(?:week|month|year|weekend)(?![\p{{L}}])"
    rf"|(?:the\s+)?(?:coming|past|next\s+few|last\s+few|past\s+few)\s+(?:days|weeks|months)"
    rf"|recent\s+(?:days|weeks|months)"
    rf"|(?<=\b(?:over|at|on|during)\s)the\s+weekend"
    rf"|{_NUMW}\s+{_UNIT}\s+ago(?![\p{{L}}])"
    rf"|in\s+{_NUMW}\s+(?:days?|weeks?|months?|years?)(?:['’]\s*time)?(?![\p{{L}}])"
    rf"|(?:early\s+|late\s+)?{_WD}(?:\s+{_TOD})?)"
)
_PREP_MON = (
    r"(?<=\b(?:in|since|until|till|by|from|during|of|before|after|through|throughout|early|late|mid|last|this|next)"
    r"[\s-])"
)
_PREP_YEAR = (
    r"(?<=\b(?:in|since|until|till|by|from|during|before|after|throughout|of|early|late|mid|year|spring|summer|"
    r"autumn|fall|winter|around|circa)[\s-])"
)
_FINDER = regex.compile(
    rf"(?:"
    rf"(?:(?:from|between)\s+)?{_DAY}{_JOIN_AND}{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?"
    rf"|(?:(?:from|between)\s+)?{_MON}\s+{_DAY}{_JOIN_AND}{_DAY}(?![:.]\d)(?:,?\s+{_YEAR})?"
    rf"|(?:from|between)\s+{_POINTX}{_JOIN_AND}{_POINTX}"
    rf"|since\s+(?:{_POINTX}|{_REL})"
    rf"|{_ABS}{_JOIN}{_ABS}"
    rf"|{_MON_FULL}{_DASH}{_MON_FULL}(?:,?\s+{_YEAR})?"
    rf"|{_YEAR}\s*{_DASH}\s*(?:{_YEAR}|\d\d(?![\p{{L}}\d]))"
    rf"|{_MODX}"
    rf"|{_REL}"
    rf"|{_ABS}"
    rf"|{_DECADE}"
    rf"|{_PREP_MON}{_MON_FULL}(?:,?\s+{_YEAR})?"
    rf"|{_PREP_YEAR}{_YEAR}(?![.,]\d|\s*(?:-|–)\s*\d)"
    rf")",
    regex.I | regex.V1,
)
# Where a date expression can start: the finder is only tried there (about 5x faster than scanning every word).
_TRIGGER = regex.compile(
    r"\b(?:\d|(?:from|between|since|the|early|mid|late|last|this|next|past|previous|coming|recent|in|yesterday|"
    r"today|tonight|tomorrow|overnight|beginning|start|middle|end|day|an?|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|hundred|few|several|couple|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|earlier|later)\b)",
    regex.I,
)


def _find(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    last = 0
    for t in _TRIGGER.finditer(text):
        p = t.start()
        if p < last:
            continue
        m = _FINDER.match(text, p)
        if m is not None and m.end() > p:
            out.append((p, m.end()))
            last = m.end()
    return out


# Words that make a span worth handing to dateparser when the rules failed.
_ANCHOR = regex.compile(
    rf"{_MON}|\b{_WD}|\b{_YEAR}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\b(?:yesterday|today|tonight|tomorrow)\b",
    regex.I | regex.V1,
)
_TIME_WITH_DAY = regex.compile(
    rf"\b{_WD}|{_MON}|\b(?:yesterday|today|tonight|tomorrow|overnight|last\s+night|this\s+(?:morning|afternoon|evening))\b",
    regex.I | regex.V1,
)
# dateparser misreads these: "2012-14" (a range of years) as 14 April 2012, bare durations as dates.
_RX_NOT_FOR_DATEPARSER = regex.compile(
    r"^\d{4}\s*[-/]\s*\d{2}$|\b(?:years?|months?|weeks?|days?|hours?)\s+old\b", regex.I
)
_TEMPORAL = regex.compile(
    rf"{_MON}|\b{_WD}|\b(?:1[89]\d\d|20\d\d)\b|\d{{1,2}}[./:]\d{{1,2}}|\b(?:yesterday|today|tonight|tomorrow|"
    r"overnight|ago|old|years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|"
    r"nights?|mornings?|evenings?|afternoons?|weekends?|spring|summer|autumn|fall|winter|a\.?m\.?|p\.?m\.?|"
    r"noon|midnight|dawn|dusk)\b|\d(?:am|pm)\b",
    regex.I | regex.V1,
)


def looks_temporal(text: str) -> bool:
    """Whether a span (spaCy's DATE/TIME) is really about time: spaCy sometimes labels "30 to 40" DATE."""
    return _TEMPORAL.search(text) is not None


_TIME_WORDS = {"hour", "day", "week", "month", "year", "decade", "century", "minute", "second", "night", "time"}

# --------------------------------------------------------------------------------------------
# the resolution model
# --------------------------------------------------------------------------------------------


class Resolution(NamedTuple):
    """A normalised date expression (``value`` None when unresolved)."""

    value: str | None
    end_value: str | None
    precision: str
    reason: str


class _Unit(NamedTuple):
    start: date
    end: date
    gran: str  # "day" | "month" | "year"


class _R(NamedTuple):
    lo: _Unit
    hi: _Unit
    reason: str
    open_end: bool = False  # "since March 2022" without a publication date


class _Unres(NamedTuple):
    reason: str


def _day(d: date) -> _Unit:
    return _Unit(d, d, "day")


def _month(y: int, m: int) -> _Unit:
    return _Unit(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month")


def _year(y: int) -> _Unit:
    return _Unit(date(y, 1, 1), date(y, 12, 31), "year")


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _fmt(u: _Unit, last: bool = False) -> str:
    d = u.end if last else u.start
    if u.gran == "day":
        return d.isoformat()
    if u.gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _one(u: _Unit, reason: str) -> _R:
    return _R(u, u, reason)


def _days(a: date, b: date, reason: str) -> _R:
    return _R(_day(a), _day(b), reason)


def _to_resolution(r: _R | _Unres) -> Resolution:
    if isinstance(r, _Unres):
        return Resolution(None, None, "unresolved", r.reason)
    if r.open_end:
        return Resolution(_fmt(r.lo), None, "range", r.reason)
    if r.lo == r.hi:
        return Resolution(_fmt(r.lo), None, r.lo.gran, r.reason)
    return Resolution(_fmt(r.lo), _fmt(r.hi, last=True), "range", r.reason)


class _NotDate(Exception):
    pass


class _YearPair(Exception):
    """ "2012-14": a range of years written with the short second year."""

    def __init__(self, a: int, b: int) -> None:
        super().__init__(a, b)
        self.a, self.b = a, b


# --------------------------------------------------------------------------------------------
# normalisation of one span's text
# --------------------------------------------------------------------------------------------

_I = regex.I | regex.V1
_STRIP_LEAD = regex.compile(
    r"^(?:(?:on|in|at|during|of|the|over|throughout|around|about|by|until|till|before|after|within|from|"
    r"as\s+of|as\s+early\s+as|as\s+late\s+as)\s+)+",
    _I,
)
_TIME_OF_DAY = regex.compile(
    r"\b(?:at\s+|around\s+|about\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\p{L})"
    r"|\b(?:at\s+|around\s+)?\d{1,2}:\d{2}\b|\b(?:local|kyiv|kiev|moscow|gmt|utc|cet|et|est)\s+time\b"
    r"|\b(?:gmt|utc|cet|cest|eet|eest|msk)\b|\bo['’]clock\b",
    _I,
)
_PART_OF_DAY = regex.compile(
    r"^(?:(?:in\s+)?the\s+)?(?:early\s+|small\s+)?(?:hours|night|morning|afternoon|evening|day)\s+of\s+|"
    r"(?<=\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|tomorrow))\s+"
    r"(?:night|morning|afternoon|evening)\b",
    _I,
)
_WS = regex.compile(r"\s+")
_EDGE = regex.compile(r"^[\s,.;:()\[\]\"'“”‘’-]+|[\s,;:()\[\]\"'“”‘’-]+$|['’]s$")

_RX_SINCE = regex.compile(r"since\s+(.+)", _I)
_RX_RANGE_PREFIX = regex.compile(r"(from|between)\s+(.+)", _I)
_RX_JOIN_ANY = regex.compile(r"\s*(?:-|–|—)\s*|\s+(?:to|and|until|till|through|thru)\s+", _I)
_RX_JOIN_BARE = regex.compile(r"\s*(?:-|–|—)\s*|\s+(?:to|until|till|through|thru)\s+", _I)
_RX_MOD = regex.compile(
    r"(?:the\s+)?(?:very\s+)?(early|mid|late|beginning\s+of|start\s+of|middle\s+of|end\s+of|first\s+half\s+of|"
    r"second\s+half\s+of)(?:\s*-\s*|\s+)(.+)",
    _I,
)
_RX_ISO = regex.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[t\s].*)?", _I)
_RX_NUMD = regex.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})")
_RX_DM = regex.compile(
    rf"(?:({_WD}),?\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(\p{{L}}+)\.?(?:,?\s+(\d{{4}}))?", _I
)
_RX_MD = regex.compile(rf"(?:({_WD}),?\s+)?(\p{{L}}+)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?", _I)
_RX_MY = regex.compile(r"(\p{L}+)\.?,?\s+(?:of\s+)?(\d{4})", _I)
_RX_M = regex.compile(r"(\p{L}+)\.?", _I)
_RX_Y = regex.compile(r"(\d{4})", _I)
_RX_YY = regex.compile(r"(\d{4})\s*[-/]\s*(\d{2})", _I)
_RX_D = regex.compile(r"(\d{1,2})(?:st|nd|rd|th)?", _I)
_RX_DECADE = regex.compile(r"(?:the\s+)?(?:(early|mid|late)[\s-]*)?((?:19|20)?\d0|'\d0)s", _I)
_RX_SEASON_Y = regex.compile(rf"(?:the\s+)?({_SEASON})\s+(?:of\s+)?(\d{{4}})", _I)
_RX_MONTH_REL_YEAR = regex.compile(rf"(\p{{L}}+|{_SEASON})\s+(last|this|next)\s+year", _I)
_RX_REL_NAMED = regex.compile(r"(last|this|next|previous|this\s+past|past|this\s+coming|coming)\s+(\p{L}+)", _I)
_RX_WD = regex.compile(rf"(?:(early|late)\s+)?({_WD})", _I)
_RX_AGO = regex.compile(rf"({_NUMW})\s+(hour|day|week|month|year)s?\s+ago", _I)
_RX_IN_N = regex.compile(rf"in\s+({_NUMW})\s+(day|week|month|year)s?(?:['’]\s*time)?", _I)
_RX_PAST_N = regex.compile(
    rf"(?:the\s+)?(past|last|previous|next|coming)\s+({_NUMW})\s+(hour|day|week|month|year)s?", _I
)
_RX_VAGUE = regex.compile(r"(?:the\s+)?(coming|past|next\s+few|last\s+few|past\s+few|recent)\s+(day|week|month)s", _I)
_RX_PERIOD = regex.compile(r"(?:the\s+)?(last|this|next|past|previous|coming)\s+(week|month|year|weekend)", _I)
_RX_EARLIER = regex.compile(r"(earlier|later)\s+(today|this\s+week|this\s+month|this\s+year)", _I)


def _num(word: str) -> int | None:
    """A count word as an int; None for vague ones ("a few", "several")."""
    w = _WS.sub(" ", word.lower().strip())
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def _month_of(word: str) -> int | None:
    return _MONTH_NUM.get(word.lower().rstrip("."))


def _clean(text: str) -> str:
    s = _WS.sub(" ", text).strip()
    s = s.replace("–", "-").replace("—", "-").replace("’", "'")
    s = _TIME_OF_DAY.sub(" ", s)
    s = _WS.sub(" ", s).strip()
    prev = None
    while prev != s:
        prev = s
        s = _EDGE.sub("", s).strip()
        if not _RX_IN_N.fullmatch(s):
            s = _STRIP_LEAD.sub("", s)
        s = _PART_OF_DAY.sub("", s).strip()
    return s


def _pick_nearest(cands: list[tuple[_Unit, date]], base: date, tense: str | None) -> _Unit:
    """The candidate nearest to base: past preferred; tense 'past'/'future' restricts."""
    past = [c for c in cands if c[1] <= base]
    fut = [c for c in cands if c[1] > base]
    if tense == "past" and past:
        return max(past, key=lambda c: c[1])[0]
    best_past = max(past, key=lambda c: c[1]) if past else None
    best_fut = min(fut, key=lambda c: c[1]) if fut else None
    if best_past is None:
        return best_fut[0]  # type: ignore[index]
    if best_fut is None:
        return best_past[0]
    if tense == "future":  # the next one, unless the last one is much closer ("by the end of August", Sep 3)
        if (base - best_past[1]).days * 4 < (best_fut[1] - base).days:
            return best_past[0]
        return best_fut[0]
    if (best_fut[1] - base).days * 4 < (base - best_past[1]).days:
        return best_fut[0]
    return best_past[0]


def _safe_date(y: int, m: int, d: int) -> date:
    try:
        return date(y, m, d)
    except ValueError as e:
        raise _NotDate(str(e)) from e


class _Fields(NamedTuple):
    y: int | None
    m: int | None
    d: int | None
    note: str = ""
    wd: int | None = None  # the weekday named with the date ("Saturday, Feb. 12")


def _fields(s: str, base: date | None, allow_bare_day: bool = False) -> _Fields | None:
    """Year/month/day of an absolute expression (parts may be missing); None if not one."""
    if m := _RX_ISO.fullmatch(s):
        return _Fields(int(m[1]), int(m[2]), int(m[3]))
    if m := _RX_NUMD.fullmatch(s):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if y < 100:
            y += 2000 if y < 70 else 1900
        dmy_ok = 1 <= b <= 12 and 1 <= a <= calendar.monthrange(y, b)[1]
        mdy_ok = 1 <= a <= 12 and 1 <= b <= calendar.monthrange(y, a)[1]
        if dmy_ok and mdy_ok and a != b:
            if base is not None:
                d1, d2 = date(y, b, a), date(y, a, b)
                if abs((d2 - base).days) < abs((d1 - base).days):
                    return _Fields(y, a, b, "ambiguous day/month order: month-first is nearer publication")
                return _Fields(y, b, a, "ambiguous day/month order: day-first is nearer publication")
            return _Fields(y, b, a, "ambiguous day/month order: day-first assumed")
        if dmy_ok:
            return _Fields(y, b, a)
        if mdy_ok:
            return _Fields(y, a, b)
        raise _NotDate(s)
    if (m := _RX_DM.fullmatch(s)) and (mo := _month_of(m[3])):
        wd = _WEEKDAY_NUM[m[1].lower()] if m[1] else None
        return _Fields(int(m[4]) if m[4] else None, mo, int(m[2]), wd=wd)
    if (m := _RX_MD.fullmatch(s)) and (mo := _month_of(m[2])):
        wd = _WEEKDAY_NUM[m[1].lower()] if m[1] else None
        return _Fields(int(m[4]) if m[4] else None, mo, int(m[3]), wd=wd)
    if (m := _RX_MY.fullmatch(s)) and (mo := _month_of(m[1])):
        return _Fields(int(m[2]), mo, None)
    if (m := _RX_M.fullmatch(s)) and (mo := _month_of(m[1])):
        return _Fields(None, mo, None)
    if (m := _RX_YY.fullmatch(s)) and 1800 <= int(m[1]) <= 2100 and int(m[2]) > int(m[1][2:]):
        raise _YearPair(int(m[1]), int(m[1][:2] + m[2]))
    if (m := _RX_Y.fullmatch(s)) and 1800 <= int(m[1]) <= 2100:
        return _Fields(int(m[1]), None, None)
    if allow_bare_day and (m := _RX_D.fullmatch(s)):
        return _Fields(None, None, int(m[1]))
    return None


def _resolve_fields(f: _Fields, base: date | None, tense: str | None) -> _R | _Unres:
    note = f"; {f.note}" if f.note else ""
    if f.y is not None and f.m is not None and f.d is not None:
        return _one(_day(_safe_date(f.y, f.m, f.d)), "absolute" + note)
    if f.y is not None and f.m is not None:
        return _one(_month(f.y, f.m), "absolute")
    if f.y is not None:
        return _one(_year(f.y), "absolute")
    if f.m is None:
        raise _NotDate("a day without a month")
    if base is None:
        return _Unres("no year given and no publication date to infer it from")
    if f.d is not None:
        cands = []
        for y in (base.year - 1, base.year, base.year + 1):
            try:
                d = date(y, f.m, f.d)
            except ValueError:
                continue
            cands.append((_day(d), d))
        if not cands:
            raise _NotDate("no such day")
        if f.wd is not None:
            same = [c for c in cands if c[1].weekday() == f.wd]
            if same:
                u = _pick_nearest(same, base, tense)
                return _one(u, f"year inferred from published {base.isoformat()} and the weekday named")
        u = _pick_nearest(cands, base, tense)
        return _one(u, f"year inferred from published {base.isoformat()} ({_tense_word(tense)})")
    cands = []
    for y in (base.year - 1, base.year, base.year + 1):
        u = _month(y, f.m)
        cands.append((u, u.start if u.start > base else min(u.end, base)))
    u = _pick_nearest(cands, base, tense)
    return _one(u, f"year inferred from published {base.isoformat()} ({_tense_word(tense)})")


def _tense_word(tense: str | None) -> str:
    if tense == "past":
        return "past tense: most recent"
    if tense == "future":
        return "future tense: next, unless the last is much nearer"
    return "nearest, past preferred"


def _week_of(d: date) -> tuple[date, date]:
    mon = d - timedelta(days=d.weekday())
    return mon, mon + timedelta(days=6)


def _needs_base(base: date | None, what: str) -> None:
    if base is None:
        raise _NeedBase(what)


class _NeedBase(Exception):
    pass


def _rel(base: date, what: str) -> str:
    return f"{what}, relative to published {base.isoformat()}"


def _weekday(base: date | None, which: str | None, wd: int, tense: str | None, label: str) -> _R:
    _needs_base(base, label)
    assert base is not None
    which = (which or "").lower()
    delta_back = (base.weekday() - wd) % 7
    if which == "last" or which == "previous":
        d = base - timedelta(days=delta_back or 7)
        how = "strictly before"
    elif which == "next":
        d = base + timedelta(days=((wd - base.weekday()) % 7) or 7)
        how = "strictly after"
    elif which == "this":
        d = _week_of(base)[0] + timedelta(days=wd)
        how = "in the week of"
    elif tense == "future":
        d = base + timedelta(days=(wd - base.weekday()) % 7)
        how = "on or after (future tense)"
    else:
        d = base - timedelta(days=delta_back)
        how = "most recent on or before"
    return _one(_day(d), f"{label}: {how} published {base.isoformat()}")


def _season(y: int, name: str) -> _R:
    a, b = _SEASONS[name.lower()]
    lo = _month(y, a)
    by, bm = _add_months(y, 1, b - 1)
    return _R(lo, _month(by, bm), f"season: {name.lower()}")


def _named(word: str, which: str, base: date | None, tense: str | None) -> _R | None:
    """ "last March", "this summer", "next Thursday"."""
    w = word.lower()
    which = {"this past": "last", "past": "last", "this coming": "next", "coming": "next"}.get(
        _WS.sub(" ", which.lower()), which
    )
    if w in _WEEKDAY_NUM:
        return _weekday(base, which, _WEEKDAY_NUM[w], tense, f"{which.lower()} {w}")
    mo = _month_of(w) if len(w) > 2 else None
    if mo:
        _needs_base(base, f"{which} {w}")
        assert base is not None
        which = which.lower()
        if which in ("last", "previous"):
            y = base.year if mo < base.month else base.year - 1
        elif which == "next":
            y = base.year if mo > base.month else base.year + 1
        else:
            y = base.year
        return _one(_month(y, mo), _rel(base, f"{which} {w}"))
    if w in _SEASONS:
        _needs_base(base, f"{which} {w}")
        assert base is not None
        # the season (named by the year it starts in) that contains base, or the one before/after
        cur = None
        for y in (base.year - 1, base.year):
            r = _season(y, w)
            if r.lo.start <= base <= r.hi.end:
                cur = y
        which = which.lower()
        if which == "this":
            y = cur if cur is not None else base.year
        elif which in ("last", "previous"):
            y = base.year
            while _season(y, w).hi.end >= base:
                y -= 1
        else:
            y = base.year - 1
            while _season(y, w).lo.start <= base:
                y += 1
        r = _season(y, w)
        return _R(r.lo, r.hi, _rel(base, f"{which} {w}"))
    return None


def _modify(mod: str, inner: _R, label: str) -> _R:
    mod = _WS.sub(" ", mod.lower())
    if inner.lo != inner.hi:
        # a decade or a season: split by years/months
        if inner.lo.gran == "year" and inner.hi.gran == "year":
            y0, y1 = inner.lo.start.year, inner.hi.end.year
            if y1 - y0 == 9:
                parts = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), "beginning of": (0, 3), "start of": (0, 3),
                         "middle of": (4, 6), "end of": (7, 9), "first half of": (0, 4), "second half of": (5, 9)}  # fmt: skip
                a, b = parts[mod]
                return _R(_year(y0 + a), _year(y0 + b), f"{label} ({mod} decade)")
        raise _NotDate("modifier on a range")
    u = inner.lo
    if u.gran == "day":
        return _R(u, u, inner.reason + f"; '{mod}' read as a time of day")
    if u.gran == "month":
        last = u.end.day
        parts = {"early": (1, 10), "mid": (11, 20), "late": (21, last), "beginning of": (1, 10), "start of": (1, 10),
                 "middle of": (11, 20), "end of": (21, last), "first half of": (1, 15), "second half of": (16, last)}  # fmt: skip
        a, b = parts[mod]
        y, m = u.start.year, u.start.month
        return _days(date(y, m, a), date(y, m, b), f"{inner.reason}; {mod} month = days {a}-{b}")
    y = u.start.year
    parts = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "beginning of": (1, 4), "start of": (1, 4),
             "middle of": (5, 8), "end of": (9, 12), "first half of": (1, 6), "second half of": (7, 12)}  # fmt: skip
    a, b = parts[mod]
    return _R(_month(y, a), _month(y, b), f"{inner.reason}; {mod} year = months {a}-{b}")


def _span_count(word: str) -> tuple[int, int]:
    """A count word as (low, high): "two" -> (2, 2); "a few" -> (2, 5), "several" -> (3, 7) (vague)."""
    w = _WS.sub(" ", word.lower())
    n = _num(w)
    if n is not None:
        return n, n
    return (3, 7) if "several" in w else (2, 5)


def _shift_day(base: date, n: int, unit: str) -> date:
    """The day ``n`` units before ``base`` (after it when n < 0); hours round up to whole days."""
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        days = -(-abs(n) // 24)
        return base - timedelta(days=days if n >= 0 else -days)
    if unit == "day":
        return base - timedelta(days=n)
    if unit == "week":
        return base - timedelta(days=7 * n)
    if unit == "month":
        y, m = _add_months(base.year, base.month, -n)
        return date(y, m, min(base.day, calendar.monthrange(y, m)[1]))
    y = base.year - n
    return date(y, base.month, min(base.day, calendar.monthrange(y, base.month)[1]))


def _shift(base: date, n: int, unit: str) -> _Unit:
    """The unit ``n`` units before base at the natural precision (day for hours/days/weeks)."""
    unit = unit.lower().rstrip("s")
    d = _shift_day(base, n, unit)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "year":
        return _year(d.year)
    return _day(d)


def _relative(s: str, base: date | None, tense: str | None) -> _R | None:
    low = s.lower()
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today", "later today"):
        _needs_base(base, low)
        assert base is not None
        return _one(_day(base), _rel(base, low))
    if low.startswith("yesterday"):
        _needs_base(base, low)
        assert base is not None
        return _one(_day(base - timedelta(days=1)), _rel(base, low))
    if low in ("day before yesterday", "the day before yesterday"):
        _needs_base(base, low)
        assert base is not None
        return _one(_day(base - timedelta(days=2)), _rel(base, low))
    if low.startswith("tomorrow"):
        _needs_base(base, low)
        assert base is not None
        return _one(_day(base + timedelta(days=1)), _rel(base, low))
    if low == "last night":
        _needs_base(base, low)
        assert base is not None
        return _one(_day(base - timedelta(days=1)), _rel(base, "last night: the evening/night of the day before"))
    if low == "overnight":
        _needs_base(base, low)
        assert base is not None
        return _days(
            base - timedelta(days=1),
            base,
            _rel(base, "overnight: the night before publication, spanning published-1 and published"),
        )
    if m := _RX_EARLIER.fullmatch(s):
        _needs_base(base, low)
        assert base is not None
        what = m[2].lower().split()[-1]
        if what == "today":
            return _one(_day(base), _rel(base, low))
        if what == "week":
            a, b = _week_of(base)
        elif what == "month":
            a, b = _month(base.year, base.month)[:2]
        else:
            a, b = date(base.year, 1, 1), date(base.year, 12, 31)
        if m[1].lower() == "earlier":
            return _days(a, base, _rel(base, low))
        return _days(base, b, _rel(base, low))
    if m := _RX_PERIOD.fullmatch(s):
        _needs_base(base, low)
        assert base is not None
        which, what = m[1].lower(), m[2].lower()
        off = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[which]
        if what == "week":
            if which == "past":
                return _days(base - timedelta(days=7), base, _rel(base, "the past week: the 7 days up to publication"))
            mon = _week_of(base)[0] + timedelta(days=7 * off)
            return _days(mon, mon + timedelta(days=6), _rel(base, f"{which} week (Monday-Sunday)"))
        if what == "weekend":
            sat = _week_of(base)[0] + timedelta(days=5)
            if off == 0 and which == "this" and base.weekday() < 5 and tense == "past":
                sat -= timedelta(days=7)
            elif off < 0:
                sat = sat - timedelta(days=7) if base <= sat + timedelta(days=1) else sat
                if sat > base:
                    sat -= timedelta(days=7)
            elif off > 0:
                sat = sat + timedelta(days=7) if base >= sat else sat
            return _days(sat, sat + timedelta(days=1), _rel(base, f"{which} weekend"))
        if what == "month":
            if which == "past":
                return _days(_shift_day(base, 1, "month"), base, _rel(base, "the past month: up to publication"))
            y, mo = _add_months(base.year, base.month, off)
            return _one(_month(y, mo), _rel(base, f"{which} month"))
        if which == "past":
            return _days(_shift_day(base, 1, "year"), base, _rel(base, "the past year: up to publication"))
        return _one(_year(base.year + off), _rel(base, f"{which} year"))
    if m := _RX_AGO.fullmatch(s):
        _needs_base(base, low)
        assert base is not None
        lo_n, hi_n = _span_count(m[1])
        unit = m[2].lower()
        if lo_n != hi_n:
            a, b = _shift_day(base, hi_n, unit), _shift_day(base, lo_n, unit)
            return _days(a, b, _rel(base, f"{low} (vague)"))
        u = _shift(base, lo_n, unit)
        approx = " (approximate)" if unit in ("week", "hour") else ""
        return _one(u, _rel(base, low + approx))
    if m := _RX_IN_N.fullmatch(s):
        if tense == "past":
            raise _NotDate("a duration ('in N days' with a past-tense verb)")
        _needs_base(base, low)
        assert base is not None
        lo_n, hi_n = _span_count(m[1])
        unit = m[2].lower()
        if lo_n != hi_n:
            return _days(
                _shift_day(base, -lo_n, unit), _shift_day(base, -hi_n, unit), _rel(base, f"{low}, forward (vague)")
            )
        if unit in ("day", "week"):
            return _one(_day(_shift_day(base, -lo_n, unit)), _rel(base, f"{low}, forward"))
        return _one(_shift(base, -lo_n, unit), _rel(base, f"{low}, forward"))
    if m := _RX_PAST_N.fullmatch(s):
        _needs_base(base, low)
        assert base is not None
        which = m[1].lower()
        lo_n, hi_n = _span_count(m[2])
        unit = m[3].lower()
        vague = " (vague)" if lo_n != hi_n else ""
        if which in ("next", "coming"):
            return _days(base, _shift_day(base, -hi_n, unit), _rel(base, f"{low}, forward range{vague}"))
        return _days(_shift_day(base, hi_n, unit), base, _rel(base, f"{low}: range up to publication{vague}"))
    if m := _RX_VAGUE.fullmatch(s):
        _needs_base(base, low)
        assert base is not None
        which, unit = m[1].lower(), m[2].lower()
        n = {"day": 7, "week": 6, "month": 6}[unit]
        if which in ("coming", "next few"):
            return _days(base, _shift_day(base, -n, unit), _rel(base, f"{low}, forward range (vague)"))
        return _days(_shift_day(base, n, unit), base, _rel(base, f"{low}: range up to publication (vague)"))
    if low in ("weekend", "the weekend"):
        _needs_base(base, low)
        assert base is not None
        sat = _week_of(base)[0] + timedelta(days=5)
        if sat > base:
            sat -= timedelta(days=7)
        return _days(sat, sat + timedelta(days=1), _rel(base, "the weekend: the most recent one"))
    if m := _RX_MONTH_REL_YEAR.fullmatch(s):
        _needs_base(base, low)
        assert base is not None
        off = {"last": -1, "this": 0, "next": 1}[m[2].lower()]
        w = m[1].lower()
        if w in _SEASONS:
            r = _season(base.year + off, w)
            return _R(r.lo, r.hi, _rel(base, low))
        named_mo = _month_of(w)
        if named_mo:
            return _one(_month(base.year + off, named_mo), _rel(base, low))
        return None
    if m := _RX_REL_NAMED.fullmatch(s):
        return _named(m[2], m[1], base, tense)
    if m := _RX_WD.fullmatch(s):
        w = m[2].lower()
        r = _weekday(base, None, _WEEKDAY_NUM[w], tense, w)
        if m[1]:
            return _R(r.lo, r.hi, r.reason + f"; '{m[1].lower()}' read as a time of day")
        return r
    return None


def _point(s: str, base: date | None, tense: str | None, allow_bare_day: bool = False) -> _R | _Unres | None:
    """One date expression (not a range)."""
    if m := _RX_MOD.fullmatch(s):
        inner = _point(_clean(m[2]), base, tense)
        if inner is None or isinstance(inner, _Unres):
            return inner
        return _modify(m[1], inner, s)
    f = _fields(s, base, allow_bare_day)
    if f is not None:
        return _resolve_fields(f, base, tense)
    if m := _RX_SEASON_Y.fullmatch(s):
        r = _season(int(m[2]), m[1])
        return _R(r.lo, r.hi, "absolute; " + r.reason)
    if m := _RX_DECADE.fullmatch(s):
        d = m[2].lstrip("'")
        y0 = int(d) if len(d) == 4 else 1900 + int(d) if int(d) >= 30 else 2000 + int(d)
        r = _R(_year(y0), _year(y0 + 9), "absolute decade")
        if m[1]:
            return _modify(m[1], r, s)
        return r
    try:
        return _relative(s, base, tense)
    except _NeedBase as e:
        return _Unres(f"relative expression ('{e}') and no publication date")


def _range(s: str, base: date | None, tense: str | None, joiners: Any) -> _R | _Unres | None:
    """'A to B' with the missing parts of A taken from B (and of B from A)."""
    for jm in joiners.finditer(s):
        left, right = s[: jm.start()].strip(), s[jm.end() :].strip()
        if not left or not right:
            continue
        fl = _fields(left, base, allow_bare_day=True)
        fr = _fields(right, base, allow_bare_day=True)
        a: _R | _Unres | None
        b: _R | _Unres | None
        if fl is not None and fr is not None:
            # inherit the missing month/year
            if fl.m is None and fr.m is not None:
                fl = fl._replace(m=fr.m)
            if fr.m is None and fl.m is not None and fr.d is not None:
                fr = fr._replace(m=fl.m)
            if fl.y is None and fr.y is not None:
                y = fr.y
                if fl.m is not None and fr.m is not None and (fl.m, fl.d or 0) > (fr.m, fr.d or 99):
                    y -= 1
                fl = fl._replace(y=y)
            if fr.y is None and fl.y is not None:
                y = fl.y
                if fl.m is not None and fr.m is not None and (fl.m, fl.d or 0) > (fr.m, fr.d or 99):
                    y += 1
                fr = fr._replace(y=y)
            if fl.m is None and fl.d is not None or fr.m is None and fr.d is not None:
                continue
            if fl.y is None and fr.y is None and fl.m is not None:
                # no year at all: place the END near publication, the start before it
                rr = _resolve_fields(fr, base, tense)
                if isinstance(rr, _Unres):
                    return rr
                y = rr.hi.start.year
                if (fl.m, fl.d or 0) > (fr.m, fr.d or 99):
                    y -= 1
                fl = fl._replace(y=y)
                fr = fr._replace(y=rr.hi.start.year)
            a = _resolve_fields(fl, base, tense)
            b = _resolve_fields(fr, base, tense)
        else:
            a = _point(left, base, tense)
            b = _point(right, base, tense)
            if a is None or b is None:
                continue
        if isinstance(a, _Unres):
            return a
        if isinstance(b, _Unres):
            return b
        if b.hi.end < a.lo.start:
            continue
        reason = a.reason if a.reason == b.reason else f"{a.reason} .. {b.reason}"
        return _R(a.lo, b.hi, f"range: {reason}")
    return None


def _normalise(text: str, base: date | None, tense: str | None) -> _R | _Unres | None:
    s = _clean(text)
    if not s:
        return None
    try:
        if m := _RX_SINCE.fullmatch(s):
            inner = _point(_clean(m[1]), base, tense)
            if inner is None or isinstance(inner, _Unres):
                return inner
            if base is None:
                return _R(inner.lo, inner.lo, f"since: open range from {_fmt(inner.lo)} (no publication date)", True)
            if inner.lo.start > base:
                raise _NotDate("since a date after publication")
            return _R(inner.lo, _day(base), f"since: {inner.reason}; up to published {base.isoformat()}")
        if m := _RX_RANGE_PREFIX.fullmatch(s):
            r = _range(m[2], base, tense, _RX_JOIN_ANY)
            if r is not None:
                return r
            if m[1].lower() == "from":
                return _point(_clean(m[2]), base, tense)
            return None
        p = _point(s, base, tense)
        if p is not None:
            return p
        return _range(s, base, tense, _RX_JOIN_BARE)
    except (_NotDate, OverflowError, ValueError):
        return None  # not a date, or one outside the calendar (year 0, 10000)
    except _YearPair as yp:
        return _R(_year(yp.a), _year(yp.b), "range: absolute (short second year)")
    except _NeedBase as e:
        return _Unres(f"relative expression ('{e}') and no publication date")


@lru_cache(maxsize=8192)
def _normalise_cached(text: str, base: date | None, tense: str | None) -> Resolution | None:
    r = _normalise(text, base, tense)
    return None if r is None else _to_resolution(r)


def normalise(
    text: str, published: str | date | datetime | None = None, *, tense: str | None = None
) -> Resolution | None:
    """Normalise one date expression (the span's text only) against a publication date.

    ``tense`` is "past", "future" or None (unknown), from the governing verb.
    Returns None when the text is not a point or period in time (a duration, an age).
    """
    base = _as_date(published)
    return _normalise_cached(text, base, tense)


# --------------------------------------------------------------------------------------------
# dateparser fallback (spaCy spans the rules do not understand)
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _dateparser_for(base: date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day, 12)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=8192)
def _dateparser_cached(text: str, base: date | None) -> Resolution | None:
    try:
        data = _dateparser_for(base).get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    how = "dateparser" + (f", relative to published {base.isoformat()}" if base is not None else "")
    if period == "year":
        return Resolution(f"{d.year:04d}", None, "year", how)
    if period == "month":
        return Resolution(f"{d.year:04d}-{d.month:02d}", None, "month", how)
    if period == "week":
        mon, sun = _week_of(d)
        return Resolution(mon.isoformat(), sun.isoformat(), "range", how + " (week)")
    return Resolution(d.isoformat(), None, "day", how)


# --------------------------------------------------------------------------------------------
# Spanish, French and Italian
# --------------------------------------------------------------------------------------------
# A grammar of es/fr/it date expressions; each span found is translated word by word into the
# English the normaliser above understands ("el pasado 27 de enero" -> "27 january" with past
# tense, "desde hace un año" -> "the past 1 year", "la semaine dernière" -> "last week",
# "a partir de mediados de febrero" -> "since mid february"), then normalised like English.

_RM_MONTHS: dict[str, dict[str, int]] = {
    "es": {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
           "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12},
    "fr": {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
           "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12},
    "it": {"gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
           "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12},
}  # fmt: skip
_RM_WEEKDAYS: dict[str, dict[str, int]] = {
    "es": {"lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
           "sabado": 5, "domingo": 6},
    "fr": {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    "it": {"lunedì": 0, "lunedi": 0, "martedì": 1, "martedi": 1, "mercoledì": 2, "mercoledi": 2, "giovedì": 3,
           "giovedi": 3, "venerdì": 4, "venerdi": 4, "sabato": 5, "domenica": 6},
}  # fmt: skip
_RM_NUMBERS = {
    "un": 1, "uno": 1, "una": 1, "une": 1, "dos": 2, "deux": 2, "due": 2, "tres": 3, "trois": 3, "tre": 3,
    "cuatro": 4, "quatre": 4, "quattro": 4, "cinco": 5, "cinq": 5, "cinque": 5, "seis": 6, "six": 6, "sei": 6,
    "siete": 7, "sept": 7, "sette": 7, "ocho": 8, "huit": 8, "otto": 8, "nueve": 9, "neuf": 9, "nove": 9,
    "diez": 10, "dix": 10, "dieci": 10, "once": 11, "onze": 11, "undici": 11, "doce": 12, "douze": 12,
    "dodici": 12, "quince": 15, "quinze": 15, "quindici": 15, "veinte": 20, "vingt": 20, "venti": 20,
    "veinticuatro": 24, "vingt-quatre": 24, "ventiquattro": 24, "treinta": 30, "trente": 30, "trenta": 30,
}  # fmt: skip
_RM_VAGUE_NUM = (
    "unos|unas|algunos|algunas|varios|varias|pocos|pocas|quelques|plusieurs|alcuni|alcune|diversi|diverse|"
    "qualche|pochi|poche"
)
_RM_UNITS = {
    "hora": "hour", "horas": "hours", "heure": "hour", "heures": "hours", "ora": "hour", "ore": "hours",
    "día": "day", "días": "days", "dia": "day", "dias": "days", "jour": "day", "jours": "days", "giorno": "day",
    "giorni": "days", "semana": "week", "semanas": "weeks", "semaine": "week", "semaines": "weeks",
    "settimana": "week", "settimane": "weeks", "mes": "month", "meses": "months", "mois": "months",
    "mese": "month", "mesi": "months", "año": "year", "años": "years", "an": "year", "ans": "years",
    "année": "year", "années": "years", "anno": "year", "anni": "years",
}  # fmt: skip
_RM_RELDAYS = {
    "hoy": "today", "ayer": "yesterday", "anteayer": "the day before yesterday", "anoche": "last night",
    "mañana": "tomorrow", "aujourd'hui": "today", "hier": "yesterday", "avant-hier": "the day before yesterday",
    "demain": "tomorrow", "oggi": "today", "ieri": "yesterday", "domani": "tomorrow", "stamani": "this morning",
    "stamattina": "this morning", "stasera": "this evening", "stanotte": "last night",
}  # fmt: skip


def _alt(words: Any) -> str:
    return "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _rm_vocab(lang: str | None) -> tuple[str, str]:
    langs = [lang] if lang in _RM_MONTHS else list(_RM_MONTHS)
    months = {w for lg in langs for w in _RM_MONTHS[lg]}
    wds = {w for lg in langs for w in _RM_WEEKDAYS[lg]}
    return _alt(months), _alt(wds)


_NB = r"(?<![\p{L}\d])"
_NA = r"(?![\p{L}\d])"


@lru_cache(maxsize=8)
def _rm_finder(lang: str | None) -> Any:
    mon, wd = _rm_vocab(lang)
    mon = rf"{_NB}{mon}{_NA}"
    wd = rf"{_NB}{wd}{_NA}"
    day = rf"{_NB}(?:(?:[12]\d|3[01]|0?[1-9])(?:er|º|°)?{_NA}|primo{_NA}|premier{_NA})"
    year = r"(?:1[89]\d\d|20\d\d)(?!\d)"
    num = rf"(?:\d{{1,3}}|{_alt(_RM_NUMBERS)}|{_RM_VAGUE_NUM})"
    unit = _alt(_RM_UNITS) + _NA
    yj = r"(?:,?\s+(?:(?:de|del|di|dell['’]anno)\s+)?)"
    last = r"(?:pasad[oa]|derni(?:er|ère)|scors[oa])"
    nxt = r"(?:próxim[oa]|proxim[oa]|prochaine?|prossim[oa]|que\s+viene)"
    this = r"(?:este|esta|ce|cette|questo|questa|quest['’])"
    thisyear = r"(?:de\s+este\s+año|de\s+cette\s+année|di\s+quest['’]anno|dell['’]anno\s+in\s+corso)"
    date = rf"(?:{wd},?\s+(?:[•·-]\s+)?)?{day}\s+(?:de\s+|di\s+)?{mon}(?:{yj}{year}|\s+{thisyear})?"
    my = rf"{mon}{yj}{year}"
    tod = (
        r"(?:soir|matin|après-midi|apres-midi|sera|mattina|mattino|pomeriggio|notte|(?:por|en|de)\s+la\s+"
        r"(?:noche|mañana|tarde)|dans\s+la\s+nuit|di\s+notte)"
    )
    wdx = (
        rf"(?:(?:(?:la\s+)?(?:noche|nuit|notte)\s+(?:del?|di|tra|entre|fra)?\s*|(?:el|le|il)\s+|{this}\s+)?"
        rf"(?:(?:{last}|{nxt})\s+)?{wd}(?:\s+{day}(?!\s+(?:de\s+|di\s+)?{mon}))?(?:\s+{tod})?"
        rf"(?:\s+(?:{last}|{nxt}))?(?:\s+(?:à|a|al|e|y|et)\s+{wd})?)"
    )
    mod = (
        r"(?:(?:a\s+|hacia\s+|en\s+)?(?:(?:l[oa]s|el|la)\s+)?(?:mediados|principios|comienzos|inicios|finales|fines)"
        r"\s+del?\s+|(?:(?:à\s+)?la\s+)?mi-\s*|(?:au\s+|le\s+|dès\s+le\s+)?début\s+(?:d['’]|de\s+)?|"
        r"(?:(?:à\s+)?la\s+)?fin\s+(?:d['’]|de\s+)?|(?:a\s+|la\s+)?metà\s+(?:di\s+)?|(?:all['’]\s*|l['’])?"
        r"inizio\s+(?:di\s+|del\s+)?|(?:alla\s+|la\s+)?fine\s+(?:di\s+|del\s+)?|(?:ai\s+)?primi\s+di\s+)"
    )
    modx = rf"(?:{mod}(?:{my}|{mon}|{year}))"
    weekof = (
        rf"(?:(?:la\s+|l['’])?(?:última|primera|dernière|première|ultima|prima)\s+(?:semana|semaine|settimana)\s+"
        rf"(?:de\s+|d['’]|di\s+)\s*(?:{my}|{mon}))"
    )
    pnoun = r"(?:semana|mes|año|semaine|mois|année|an|settimana|mese|anno|fin\s+de\s+semana|week-end|fine\s+settimana)"
    period = rf"(?:(?:la|el|le|il|lo|l['’])\s*)?(?:(?:{last}|{nxt})\s+{pnoun}{_NA}|{pnoun}\s+(?:{last}|{nxt}){_NA})"
    period_this = (
        rf"{this}\s*(?:semana|mes|año|semaine|mois(?:-ci)?|année|settimana|mese|anno|fin\s+de\s+semana|week-end|"
        rf"fine\s+settimana){_NA}"
    )
    relday = (
        rf"(?:aujourd['’]hui|avant-hier|l['’]altro\s+ieri|hoy|ayer|anteayer|anoche|hier(?:\s+soir)?|demain|oggi|"
        rf"ieri(?:\s+sera)?|domani|stamani|stamattina|stasera|stanotte|ce\s+matin|ce\s+soir|cette\s+nuit|"
        rf"esta\s+(?:mañana|noche|tarde)|questa\s+(?:mattina|sera|notte)|(?:la\s+)?pasada\s+noche|"
        rf"(?:la\s+)?noche\s+pasada|(?<!(?:la|por|de|esta|cada|una|the)\s)mañana){_NA}"
    )
    ago = (
        rf"(?:hace\s+(?:casi\s+|más\s+de\s+|unos\s+|unas\s+)?{num}\s+{unit}|il\s+y\s+a\s+(?:près\s+de\s+|plus\s+de\s+)?"
        rf"{num}\s+{unit}|{num}\s+{unit}\s+fa{_NA})"
    )
    inn = rf"(?:(?:dentro\s+de|dans|tra|fra)\s+(?:(?:casi|quasi|unos|unas)\s+)?{num}\s+{unit})"
    past = (
        rf"(?:(?:(?:en|durante|dans|au\s+cours\s+de|negli|nelle|nei|ne(?:gli|lle)|in|durante)\s+)?"
        rf"(?:(?:l[oa]s|les|ces|gli|le|i|degli|delle|dei)\s+)?(?:(?:últim[oa]s|ultim[ie])\s+(?:{num}\s+)?{unit}|"
        rf"(?:{num}\s+)?derni(?:ers|ères)\s+{unit}|(?:próxim[oa]s|prochain(?:e)?s|prossim[ie])\s+(?:{num}\s+)?"
        rf"{unit}|{unit}\s+(?:scors[ie]|pasad[oa]s|passés|passées)))"
    )
    inner = (
        rf"(?:{date}|{modx}|{my}|(?:(?:el|le|il|lo)\s+)?(?:(?:{last}|{nxt})\s+)?{day}\s+(?:de\s+|di\s+)?{mon}|"
        rf"(?:(?:el|le|il)\s+)?(?:mes|mois|mese)\s+(?:de\s+|di\s+|d['’])\s*{mon}|{mon}(?:\s+{last})?|{year}|{wdx}|"
        rf"(?:hace\s+)?(?:(?:casi|quasi|presque|près\s+de|plus\s+de|más\s+de|oltre)\s+)?{num}\s+{unit}|{period}|"
        rf"{relday})"
    )
    since = (
        rf"(?:(?:desde|depuis|dès|dal|dall['’]|dalla|dallo|da|a\s+partir\s+del?|à\s+partir\s+(?:du|de|d['’]))"
        rf"\s*(?:(?:el|la|le|il|lo|l['’])\s*)?(?:(?:día|jour|giorno)\s+)?{inner}"
        rf"(?:\s+(?:hasta\s+(?:hoy|ahora)|jusqu['’]à\s+aujourd['’]hui|fino\s+(?:a\s+)?oggi))?)"
    )
    x = rf"(?:{day}\s+(?:de\s+|di\s+)?{mon}(?:{yj}{year})?|{my}|{mon}|{year}|{day})"
    rng = (
        rf"(?:(?:entre|tra|fra)\s+(?:(?:el|le|il|l['’])\s*)?{x}\s+(?:y|e|et)\s+(?:(?:el|le|il|l['’])\s*)?{x}"
        rf"(?:\s+{thisyear}|{yj}{year})?|(?:del|du|dal|desde\s+el)\s+{x}\s+(?:al|au|hasta\s+el)\s+{x}"
        rf"(?:\s+{thisyear}|{yj}{year})?|(?:(?:los\s+días|les|i\s+giorni)\s+)?{day}\s*(?:y|et|e|al|au|-|–)\s*{day}"
        rf"\s+(?:de\s+|di\s+)?{mon}(?:{yj}{year})?)"
    )
    decade = (
        rf"(?:(?:l[oa]s\s+)?años\s+(?:(?:19|20)?\d0|veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)"
        rf"|(?:des\s+|les\s+)?années\s+(?:19|20)?\d0|(?:gli\s+)?anni\s+['’]?(?:(?:19|20)?\d0|venti|trenta|quaranta|"
        rf"cinquanta|sessanta|settanta|ottanta|novanta)){_NA}"
    )
    rel_named = (
        rf"(?:(?:el|le|il|lo)\s+)?(?:{last}|{nxt})\s+(?:{day}\s+(?:de\s+|di\s+)?)?{mon}"
        rf"|(?:(?:el|le|il)\s+)?(?:{day}\s+(?:de\s+|di\s+)?)?{mon}\s+(?:{last}|{nxt})"
    )
    prep_year = (
        r"(?<=(?<![\p{L}])(?:en|de|del|desde|hasta|año|in|nel|nell['’]|dal|al|il|depuis|dès|jusqu['’]en|avant|après|"
        r"entre|durante|pendant|fino\s+al|l['’]anno)\s)"
        r"(?<!(?:plus|más|mas|moins|menos|près|cerca|environ|alrededor|más\s+de|oltre|circa)\s+(?:de|di|d['’])\s)"
        + year
    )
    prep_mon = (
        r"(?<=(?<![\p{L}])(?:en|de|desde|hasta|in|nel|di|a|à|depuis|dès|da|fin|début|courant|mes\s+de|mois\s+d[e'’]|"
        r"mese\s+di)\s)" + mon
    )
    return regex.compile(
        rf"(?:{rng}|{since}|{weekof}|{modx}|{date}|{rel_named}|{my}|{decade}|{ago}|{inn}|{past}|{period_this}|"
        rf"{relday}|{period}|{wdx}|{prep_year}|{prep_mon})",
        regex.I | regex.V1,
    )


_RM_TRIGGER = regex.compile(r"(?<![\p{L}\d])(?:\d|\p{L}+)", regex.V1)
# Words an es/fr/it date expression can start with (the finder is only tried there: about 5x faster).
_RM_STARTS = frozenset(
    """el la los las le les il lo l gli i entre tra fra del du dal desde depuis dès dall dalla dallo da a à au
    hacia en este esta ce cette questo questa quest pasado pasada dernier dernière scorso scorsa próximo próxima
    proximo proxima prochain prochaine prossimo prossima hace dentro dans durante negli nelle nei in ces degli
    delle dei últimos últimas ultimi ultime derniers dernières próximos próximas prochains prochaines prossimi
    prossime mediados principios comienzos inicios finales fines mi début fin metà inizio fine primi alla all
    última primera première ultima prima noche nuit notte des años années anni primo premier semana mes año
    semaine mois année an settimana mese anno week hoy ayer anteayer anoche mañana aujourd avant demain hier
    oggi ieri domani stamani stamattina stasera stanotte unos unas algunos algunas varios varias pocos pocas
    quelques plusieurs alcuni alcune diversi diverse qualche pochi poche""".split()
    + list(_RM_NUMBERS)
    + [w for lg in _RM_MONTHS.values() for w in lg]
    + [w for lg in _RM_WEEKDAYS.values() for w in lg]
)


def _rm_find(text: str, lang: str | None) -> list[tuple[int, int]]:
    finder = _rm_finder(lang)
    out: list[tuple[int, int]] = []
    last = 0
    for t in _RM_TRIGGER.finditer(text):
        p = t.start()
        if p < last:
            continue
        w = t.group()
        if not w[0].isdigit() and w.lower() not in _RM_STARTS:
            continue
        m = finder.match(text, p)
        if m is not None and m.end() > p:
            s, e = p, m.end()
            while e > s and text[e - 1] in " \t\n,.;:":
                e -= 1
            out.append((s, e))
            last = m.end()
    return out


_RM_MONTH_ALL = {w: n for lg in _RM_MONTHS.values() for w, n in lg.items()}
_RM_WD_ALL = {w: n for lg in _RM_WEEKDAYS.values() for w, n in lg.items()}
_EN_MONTHS = [calendar.month_name[i].lower() for i in range(13)]
_EN_WDS = [calendar.day_name[i].lower() for i in range(7)]
_RX_RM_TOKEN = regex.compile(r"[\p{L}\d_]+(?:['’-][\p{L}\d_]+)*", regex.V1)
_RM_DROP = {
    "el", "la", "los", "las", "le", "les", "il", "lo", "gli", "i", "l", "de", "del", "d", "di", "dei", "des", "du",
    "día", "días", "jour", "giorno", "giorni", "en", "in", "nel", "nell", "a", "à", "durante", "pendant", "au",
    "cours", "negli", "nelle", "nei", "degli", "delle", "hacia", "dell", "noche", "nuit", "notte", "por", "soir",
    "matin", "après-midi", "apres-midi", "sera", "mattina", "mattino", "pomeriggio", "tarde", "casi", "quasi",
    "presque", "près", "más", "plus", "oltre", "courant", "año", "anno", "année", "dans", "º", "°", "ces",
    "all", "ai", "alla", "jusqu",
}  # fmt: skip
_RM_LAST = {"pasado", "pasada", "dernier", "dernière", "scorso", "scorsa", "last"}
_RM_NEXT = {"próximo", "próxima", "proximo", "proxima", "prochain", "prochaine", "prossimo", "prossima", "next"}
_RM_THIS = {"este", "esta", "ce", "cette", "questo", "questa", "quest"}
_RM_MODS = {
    "mediados": "mid", "principios": "early", "comienzos": "early", "inicios": "early", "finales": "late",
    "fines": "late", "mi": "mid", "début": "early", "fin": "late", "metà": "mid", "inizio": "early",
    "fine": "late", "primi": "early",
}  # fmt: skip
_RM_SINCE = {"desde", "depuis", "dès", "dal", "dall", "dalla", "dallo", "da", "partir"}
_RM_PERIOD_NOUNS = {
    "semana": "week", "semaine": "week", "settimana": "week", "mes": "month", "mois": "month", "mois-ci": "month",
    "mese": "month", "año": "year", "année": "year", "an": "year", "anno": "year", "week-end": "weekend",
}  # fmt: skip
_RM_DECADE_WORDS = {
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90, "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60, "settanta": 70,
    "ottanta": 80, "novanta": 90,
}  # fmt: skip
_RX_RM_WEEKOF = regex.compile(
    r"(?:la\s+|l['’])?(última|primera|dernière|première|ultima|prima)\s+(?:semana|semaine|settimana)\s+"
    r"(?:de\s+|d['’]|di\s+)\s*(.+)",
    regex.I | regex.V1,
)
_RX_RM_DECADE = regex.compile(r"(?:años|années|anni)\s+['’]?((?:19|20)?\d0|\p{L}+)$", regex.I | regex.V1)


class _RmPlan(NamedTuple):
    english: str
    tense: str | None


def _rm_english(span: str) -> _RmPlan | None:
    """The English wording of an es/fr/it date expression (None when it is not one)."""
    s = _WS.sub(" ", span.replace("\u00a0", " ").replace("’", "'").replace("•", " ").replace("·", " ")).strip()
    low = s.lower()
    if m := _RX_RM_DECADE.search(low):
        d = m[1]
        n = int(d) if d.isdigit() else _RM_DECADE_WORDS.get(d)
        if n is None:
            return None
        return _RmPlan(f"the {n if n >= 100 else 1900 + n}s", None)
    for phrase, eng in (("hasta hoy", ""), ("hasta ahora", ""), ("jusqu'à aujourd'hui", ""), ("fino a oggi", ""),
                        ("fino oggi", ""), ("il y a", "ago_"), ("a partir del", "since"), ("a partir de", "since"),
                        ("à partir du", "since"), ("à partir de", "since"), ("à partir d'", "since "),
                        ("que viene", "next"), ("fin de semana", "weekend"), ("fine settimana", "weekend"),
                        ("la pasada noche", "last night"), ("la noche pasada", "last night"), ("pasada noche", "last night"),
                        ("l'altro ieri", "the day before yesterday"), ("esta mañana", "this morning"),
                        ("esta noche", "tonight"), ("esta tarde", "today"), ("ce matin", "this morning"),
                        ("ce soir", "today"), ("cette nuit", "last night"), ("hier soir", "last night"),
                        ("ieri sera", "last night"), ("questa mattina", "this morning"), ("questa sera", "this evening"),
                        ("questa notte", "last night"), ("de este año", "this year"), ("de cette année", "this year"),
                        ("di quest'anno", "this year"), ("dell'anno in corso", "this year"),
                        ("aujourd'hui", "today"), ("dell'anno", "")):  # fmt: skip
        low = low.replace(phrase, f" {eng} ")
    low = regex.sub(r"(?<![\p{L}])(?:mes|mois|mese)\s+(?:de\s+|di\s+|d')\s*", " ", low)
    low = regex.sub(
        r"(?<![\p{L}])(giorni|settimane|mesi|anni|días|semanas|meses|años|jours|semaines|mois|heures|ore|horas)\s+"
        r"(?:scorsi|scorse|pasados|pasadas|passés|passées)(?![\p{L}])",
        r" past_ \1 ",
        low,
    )
    low = regex.sub(r"(?<![\p{L}])(l|d|dall|nell|quest|all|dell|jusqu|qu)'", r"\1 ", low)
    toks = [t.strip("'") for t in _RX_RM_TOKEN.findall(low)]
    toks = [t for t in toks if t]
    out: list[str] = []
    tense: str | None = None
    since = False
    has_to = any(t in ("al", "au", "hasta") for t in toks)
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if t in _RM_SINCE:
            if not (has_to and t in ("dal", "desde", "da")):
                since = True
            else:
                out.append("from")
        elif t in ("del", "du") and not out and has_to:
            out.append("from")
        elif t in ("entre", "tra", "fra") and not out and not (nxt in _RM_NUMBERS or nxt.isdigit()) or t == "between":
            out.append("between")
        elif t in ("tra", "fra", "dentro", "dans") and not out:
            out.append("in")
        elif t in ("y", "et", "e", "and"):
            out.append("and")
        elif t in ("al", "au", "hasta", "à", "a", "to") and out and any(w in _EN_WDS or w[:1].isdigit() for w in out):
            out.append("to")
        elif t == "hace" or t == "ago_":
            out.append("ago_")
        elif t == "fa" and out:
            out.append("ago")
        elif t in _RM_MONTH_ALL:
            out.append(_EN_MONTHS[_RM_MONTH_ALL[t]])
        elif t in _RM_WD_ALL:
            out.append(_EN_WDS[_RM_WD_ALL[t]])
        elif t in _RM_RELDAYS and not (t == "mañana" and out):
            out.append(_RM_RELDAYS[t])
        elif t in ("1er", "primo", "premier"):
            out.append("1")
        elif t in _RM_LAST:
            out.append("last")
        elif t in _RM_NEXT:
            out.append("next")
        elif t in _RM_THIS:
            out.append("this")
        elif t in ("últimos", "últimas", "ultimi", "ultime", "derniers", "dernières", "past_"):
            out.append("past_")
        elif t in ("próximos", "próximas", "prochains", "prochaines", "prossimi", "prossime"):
            out.append("next_")
        elif t in ("scorsi", "scorse", "pasados", "pasadas", "passés", "passées") and out:
            out.insert(len(out) - 1, "past_")
        elif (
            t in _RM_MODS
            and (t != "fin" or nxt not in ("de", "d"))
            or t in ("fin", "fine")
            and nxt in ("de", "d", "di", "del")
        ):
            out.append(_RM_MODS[t])
        elif t in _RM_UNITS and (out and (out[-1].isdigit() or out[-1] in ("few", "several", "past_", "next_"))):
            out.append(_RM_UNITS[t] if out[-1] != "1" else _RM_UNITS[t].rstrip("s"))
        elif t in _RM_PERIOD_NOUNS and not (t in ("año", "anno", "année") and nxt[:1].isdigit()):
            out.append(_RM_PERIOD_NOUNS[t])
        elif t in _RM_NUMBERS:
            out.append(str(_RM_NUMBERS[t]))
        elif regex.fullmatch(r"\d{1,2}(?:er|º|°)?", t):
            out.append(regex.sub(r"\D", "", t))
        elif t.isdigit() or t in (
            "today",
            "yesterday",
            "tomorrow",
            "this",
            "morning",
            "evening",
            "night",
            "year",
            "weekend",
            "since",
            "the",
            "day",
            "before",
            "last",
            "next",
            "tonight",
            "ago_",
        ):
            out.append(t)
        elif regex.fullmatch(rf"(?:{_RM_VAGUE_NUM})", t):
            out.append("several")
        elif t in _RM_DROP or t in _RM_UNITS:
            pass
        else:
            return None
        i += 1
    words = " ".join(out).split()
    # qualifiers after their noun go first: "week last" -> "last week", "tuesday last" -> "last tuesday"
    for q in ("last", "next"):
        if q in words[1:]:
            k = words.index(q)
            if k > 0 and words[k - 1] in _EN_WDS + _EN_MONTHS[1:] + ["week", "month", "year", "weekend"]:
                j = k - 1
                while j > 0 and (words[j - 1].isdigit() or words[j - 1] in _EN_MONTHS[1:]):
                    j -= 1
                words = words[:j] + [q] + words[j:k] + words[k + 1 :]
    # "last 27 january" (el pasado 27 de enero): a past date; "next 3 august": a future one
    if len(words) >= 3 and words[0] in ("last", "next") and words[1].isdigit():
        tense = "past" if words[0] == "last" else "future"
        words = words[1:]
    if "last" in words and words[-1] == "last" and any(w.isdigit() for w in words):
        tense = "past"
        words = words[:-1]
    text = " ".join(words)
    text = regex.sub(r"\bago_ (.+)$", r"\1 ago", text)
    text = text.replace("ago_", "").strip()
    text = regex.sub(r"^past_ (\d+ \w+)", r"the past \1", text)
    text = regex.sub(r"^past_ (\w+s)$", r"the past few \1", text)
    text = regex.sub(r"^past_ (\w+)$", r"the past few \1s", text)
    text = regex.sub(r"^next_ (\d+ \w+)", r"the next \1", text)
    text = regex.sub(r"^next_ (\w+?)s?$", r"the coming \1s", text)
    text = regex.sub(r"^(\d+|several) (\w+) past_$", r"the past \1 \2", text)
    if "_" in text:
        return None
    # two weekdays: "la nuit de mardi à mercredi" -> from tuesday to wednesday
    wds = [w for w in text.split() if w in _EN_WDS]
    if len(wds) == 2 and ("to" in text.split() or "and" in text.split()) and not any(c.isdigit() for c in text):
        text = f"from {wds[0]} to {wds[1]}"
    if " and " in f" {text} " and not text.startswith("between"):
        text = "between " + text
    if since:
        if regex.fullmatch(r"(?:\d+|several) (?:hours?|days?|weeks?|months?|years?)", text):  # depuis quinze mois
            count, u = text.split()
            return _RmPlan(f"the past {count} {u}" if count != "several" else f"the past few {u.rstrip('s')}s", tense)
        if text.endswith(" ago"):
            return _RmPlan("the past " + text[: -len(" ago")], tense)
        text = "since " + text
    if text.startswith("from ") and " to " not in text:
        text = "since " + text[5:]
    return _RmPlan(text, tense) if text else None


def _rm_weekday_day(span: str, base: date | None) -> _R | _Unres | None:
    """ "la noche del jueves 23": the date with that day of the month that falls on that weekday, near base."""
    toks = [t.lower() for t in _RX_RM_TOKEN.findall(span)]
    wd = next((_RM_WD_ALL[t] for t in toks if t in _RM_WD_ALL), None)
    nums = [int(t) for t in toks if t.isdigit() and len(t) <= 2]
    if wd is None or len(nums) != 1 or any(t in _RM_MONTH_ALL for t in toks):
        return None
    if base is None:
        return _Unres("weekday and day without a month, and no publication date")
    cands = []
    for k in range(-6, 3):
        y, mo = _add_months(base.year, base.month, k)
        try:
            d = date(y, mo, nums[0])
        except ValueError:
            continue
        if d.weekday() == wd:
            cands.append((_day(d), d))
    if not cands:
        return None
    u = _pick_nearest(cands, base, None)
    return _one(u, f"weekday and day of the month: the nearest such date to published {base.isoformat()}")


def _rm_week_of_month(span: str, base: date | None) -> _R | _Unres | None:
    m = _RX_RM_WEEKOF.fullmatch(_WS.sub(" ", span.replace("\u00a0", " ")).strip())
    if not m:
        return None
    plan = _rm_english(m[2])
    if plan is None:
        return None
    inner = _normalise(plan.english, base, None)
    if inner is None or isinstance(inner, _Unres) or inner.lo.gran != "month" or inner.lo != inner.hi:
        return inner if isinstance(inner, _Unres) else None
    u = inner.lo
    first = m[1].lower() in ("primera", "première", "prima")
    a, b = (u.start, u.start + timedelta(days=6)) if first else (u.end - timedelta(days=6), u.end)
    return _days(a, b, f"{inner.reason}; {'first' if first else 'last'} week of the month = its first/last 7 days")


@lru_cache(maxsize=8192)
def normalise_romance(span: str, base: date | None) -> Resolution | None:
    """Normalise one Spanish, French or Italian date expression (the span's text only)."""
    try:
        special = _rm_week_of_month(span, base) or _rm_weekday_day(span, base)
    except (_NotDate, ValueError, OverflowError):
        special = None
    if special is not None:
        return _to_resolution(special)
    plan = _rm_english(span)
    if plan is None:
        return None
    res = _normalise_cached(plan.english, base, plan.tense)
    if res is None:
        return None
    return res._replace(reason=f"{res.reason} (read as '{plan.english}')")


_RM_AMBIGUOUS = regex.compile(r"^(?:mai|mars|domingo|sabato|fine|once|tre|sei|hier)$", regex.I)


def romance_dates(text: str, base: date | None, language: str | None) -> list[DateMention]:
    """es/fr/it date expressions of ``text`` (all three grammars when ``language`` is None)."""
    out = []
    for s, e in _rm_find(text, language):
        span = text[s:e]
        if _RM_AMBIGUOUS.match(span.strip()) and language not in ("fr", "es", "it"):
            continue  # "mai" (Italian "never"), "Mars", "Domingo": only in a text known to be French/Spanish
        if span.strip().lower() in ("mai", "mars") and language != "fr":
            continue
        res = normalise_romance(span, base)
        if res is None:
            continue
        out.append(DateMention(s, e, span, res.value, res.end_value, res.precision, res.reason))  # type: ignore[arg-type]
    return out


# --------------------------------------------------------------------------------------------
# publication dates
# --------------------------------------------------------------------------------------------

_RX_PUB_PREFIX = regex.compile(
    r"^\s*(?:published|posted|updated|last\s+updated|first\s+published|date|on)\s*(?:on|at)?\s*[:\-–]?\s*", regex.I
)
_RX_DIGIT = regex.compile(r"\d")
_RX_RELATIVE_WORD = regex.compile(r"\b(?:ago|yesterday|today|tomorrow|last|next)\b", regex.I)
_RX_COMPACT = regex.compile(r"(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z)?")


_RX_DOTTED_DATE = regex.compile(r"\d{1,2}\.\d{1,2}\.\d{4}\b")


def parse_published(value: str | date | datetime | None) -> datetime | None:
    """A publication timestamp from ISO 8601, RFC 2822, GDELT's "20220125T090000Z" or a page's wording.

    Returns a datetime (timezone-aware when the input has a zone), or None when the
    value is empty or not a date. Relative words ("yesterday", "2 hours ago") are
    refused: a publication date must be absolute.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    s = str(value).strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        pass
    if m := _RX_COMPACT.fullmatch(s):
        try:
            dt = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0))
        except ValueError:
            return None
        return dt.replace(tzinfo=_dt.UTC) if m[7] else dt
    try:
        dt = email.utils.parsedate_to_datetime(s)
        if dt is not None:
            return dt
    except (TypeError, ValueError, IndexError):
        pass
    s2 = _RX_PUB_PREFIX.sub("", s).strip()
    if s2 != s:
        try:
            return datetime.fromisoformat(s2)
        except ValueError:
            pass
    if not _RX_DIGIT.search(s2) or _RX_RELATIVE_WORD.search(s2):
        return None
    try:
        from dateparser.date import DateDataParser

        settings: dict[str, Any] = {"REQUIRE_PARTS": ["year", "month", "day"], "PREFER_DAY_OF_MONTH": "first"}
        if _RX_DOTTED_DATE.match(s2):
            settings["DATE_ORDER"] = "DMY"  # "12.03.2024 08:40": dots are day-first wherever they are written
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(s2)
    except Exception:  # noqa: BLE001
        return None
    return data.date_obj if data is not None and data.date_obj is not None else None


def _as_date(published: str | date | datetime | None) -> date | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    dt = parse_published(published)
    return dt.date() if dt is not None else None


# --------------------------------------------------------------------------------------------
# spans in a spaCy Doc
# --------------------------------------------------------------------------------------------

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "’ll"}
_FUTURE_HEADS = {"plan", "schedule", "expect", "due", "set", "intend", "aim", "prepare", "hope", "going", "go"}


def _tense(sdoc: Any, start: int, end: int) -> str | None:
    """'future' / 'past' from the verb governing the span, None when unknown (call only on parsed Docs)."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    v = span.root
    steps = 0
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i and steps < 6:
        v = v.head
        steps += 1
    if v.pos_ not in ("VERB", "AUX"):
        return None
    for c in v.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX:
            return "future"
    h = v  # "is expected to take place on Thursday", "plans to visit on Monday"
    for _ in range(2):
        if h.dep_ != "xcomp" or h.head.i == h.i:
            break
        if h.head.lemma_.lower() in _FUTURE_HEADS:
            return "future"
        h = h.head
    if v.tag_ == "VBD":
        return "past"
    if v.tag_ == "VBN":
        for c in v.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had", "was", "were", "'s", "’s", "been"):
                return "past"
    return None


def _is_count(sdoc: Any, start: int, end: int) -> bool:
    """A bare number the parser reads as counting a noun ("in 2000 soldiers...", "by 2023 troops")."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    t = span[0]
    if t.dep_ == "nummod" and t.head.i > t.i and t.head.lemma_.lower() not in _TIME_WORDS:
        return True
    # "in 2000 soldiers deserted": a plural noun right after, no comma
    nxt = sdoc[t.i + 1] if t.i + 1 < len(sdoc) else None
    return nxt is not None and nxt.tag_ == "NNS" and nxt.lemma_.lower() not in _TIME_WORDS


def date_spans(sdoc: Any) -> list[tuple[int, int, str]]:
    """Candidate date spans (start, end, source) with source "pattern" or "spacy", non-overlapping.

    No normalisation: the quantities stage uses this to skip numbers that are dates. The result is
    kept in ``sdoc.user_data`` so the dates and quantities stages find the spans only once.
    """
    cached = sdoc.user_data.get(_SPANS_KEY)
    if cached is not None and cached[0] == len(sdoc.text):
        return list(cached[1])
    spans = _date_spans(sdoc)
    sdoc.user_data[_SPANS_KEY] = (len(sdoc.text), tuple(spans))
    return spans


_SPANS_KEY = "newstrace.date_spans"


def _date_spans(sdoc: Any) -> list[tuple[int, int, str]]:
    text = sdoc.text
    parsed = sdoc.has_annotation("DEP")
    found: list[tuple[int, int, str]] = []
    for s, e in _find(text):
        if parsed and e - s == 4 and text[s].isdigit() and _is_count(sdoc, s, e):
            continue
        found.append((s, e, "pattern"))
    occupied = [(s, e) for s, e, _ in found]
    extra = []
    for ent in sdoc.ents:
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _TIME_WITH_DAY.search(ent.text)):
            s, e = ent.start_char, ent.end_char
            if any(s < oe and os_ < e for os_, oe in occupied):
                continue
            if parsed and e - s == 4 and text[s:e].isdigit() and _is_count(sdoc, s, e):
                continue  # "the 2000 soldiers": spaCy's DATE, but a count
            extra.append((s, e, "spacy"))
    return sorted(found + extra)


def extract_dates(sdoc: Any, published: str | date | datetime | None, language: str | None = None) -> list[DateMention]:
    """Every date or time expression of ``sdoc`` with its value at its precision.

    ``published`` (ISO 8601 date or datetime, RFC 2822, or None) is the base for
    relative expressions; without it they stay "unresolved". ``language`` (ISO 639-1, the
    document's) switches on the Spanish, French or Italian grammar ("es", "fr", "it": its spans win
    over the English ones, and spaCy's English DATE entities are ignored); None runs the three
    Romance grammars too, where no English span is; "en" (or any other code) runs English only.
    """
    base = _as_date(published)
    text = sdoc.text
    parsed = sdoc.has_annotation("DEP")
    lang = (language or "").split("-")[0].lower() or None
    romance = lang in _RM_MONTHS
    out: list[DateMention] = []
    for s, e, source in date_spans(sdoc):
        if romance and source == "spacy":
            continue  # the English model's DATE entities on Spanish/French/Italian text are noise
        span_text = text[s:e]
        tense = _tense(sdoc, s, e) if parsed else None
        res = _normalise_cached(span_text, base, tense)
        if res is None and source == "spacy":
            if _GLUED.search(span_text):
                # "...in 2008.15 years later": spaCy ran across a glued sentence break; keep the piece that is a date
                for ps, pe in _pieces(span_text):
                    res = _normalise_cached(span_text[ps:pe], base, tense)
                    if res is not None:
                        s, e = s + ps, s + pe
                        span_text = text[s:e]
                        break
            if res is None:
                res = _fallback(span_text, base)
        if res is None:
            continue
        out.append(DateMention(s, e, span_text, res.value, res.end_value, res.precision, res.reason))  # type: ignore[arg-type]
    if lang is None or romance:
        rm = romance_dates(text, base, lang)
        if romance:
            out = [d for d in out if not any(d.start < r.end and r.start < d.end for r in rm)] + rm
        else:
            out += [r for r in rm if not any(d.start < r.end and r.start < d.end for d in out)]
        out.sort(key=lambda d: (d.start, d.end))
    return out


_GLUED = regex.compile(r"(?<=[\p{L}\d])[.!?](?=\p{Lu}|\d)", regex.V1)


def _pieces(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _GLUED.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


_RX_HAS_YEAR = regex.compile(rf"\b{_YEAR}", regex.V1)
_RX_YEARS = regex.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_RX_MONTHS = regex.compile(_MON, regex.V1)


def _fallback(span_text: str, base: date | None) -> Resolution | None:
    """dateparser for spaCy spans with a date anchor that the rules did not understand."""
    if not _ANCHOR.search(span_text):
        return None
    cleaned = _clean(span_text)
    if not cleaned or _RX_NOT_FOR_DATEPARSER.search(cleaned):
        return None
    if base is None and not _RX_HAS_YEAR.search(cleaned):
        return Resolution(None, None, "unresolved", "not understood, and no publication date to resolve it against")
    res = _dateparser_cached(cleaned, base)
    if res is None:
        return Resolution(None, None, "unresolved", "date words not understood")
    # dateparser guesses freely ("1944 D-Day" -> 2018-12-21): keep its answer only if it agrees with the text
    years = {int(y) for y in _RX_YEARS.findall(cleaned)}
    months = {_MONTH_NUM[w.lower().rstrip(".")] for w in _RX_MONTHS.findall(cleaned)}
    if res.value is not None:
        got_year = int(res.value[:4])
        got_month = int(res.value[5:7]) if len(res.value) >= 7 else None
        if (years and got_year not in years) or (months and got_month is not None and got_month not in months):
            return Resolution(None, None, "unresolved", "date words not understood (dateparser's reading disagrees)")
    return res


@register_stage("extract.dates", requires=["analysis"], provides=["dates"])
class DatesStage:
    """Dates and times, normalised against the publication date (day, month, year or range)."""

    def __call__(self, doc: Document) -> Document:
        doc.dates = doc.outside_boilerplate(extract_dates(analysis_of(doc), doc.published, doc.language))
        return doc
