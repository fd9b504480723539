"""Numeric claims: value or range, unit, hedge, the counted thing and the casualty role.

How a quantity is found (all regexes compiled once, at import):

1. Number "cores" are matched in the stored text: digits with separators ("3,000",
   "100 000", "1.5", "1,5 million"), digits with a scale ("1.5 million", "$2bn",
   "10k"), spelled numbers read with text2num ("eleven", "forty-two", "two hundred
   and forty-two", "a dozen", "a hundred"), vague amounts read as ranges with
   ``value`` None ("dozens" 24..99, "scores of" 40..99, "tens of" 20..99, "hundreds"
   200..999, "thousands" 2,000..9,999, "tens of thousands" 20,000..99,999,
   "hundreds of thousands" 200,000..999,999, "millions" 2M..9,999,999, "several
   hundred" 300..900, "a few thousand" 2,000..5,000, "half a dozen" 6), fractions
   with unit "fraction" ("a third of the fleet" 0.333, "two-thirds of", "half of",
   "one in five" 0.2).
2. Numbers that are not claims are skipped: anything inside a date or time (spaCy
   DATE/TIME entities and the dates module's own date spans: "2022", "14 March",
   "50 years old", "for eight years", "the past 24 hours"); clock times ("4 a.m.",
   "06:15", "0315 GMT"); ordinals ("93rd Brigade", "4th"); ages ("a 50-year-old",
   "aged 50", "Mr Zakrzewski, 55,"); calibres ("155mm", "152-mm"); durations
   ("three days", "72 hours", "a three-day visit"); years standing alone ("in 2014"); list numbering at
   the start of a line ("1.", "2)"), "(3)", "No. 5", "#5"; phone numbers;
   identifiers and model names ("Su-25", "T-72", "F-16s", "M777", "Leopard 2",
   "Nord Stream 2", "Article 5", "Resolution 2623", "COVID-19", "S&P 500", "Graph 1");
   years used as adjectives ("the 1939 conflict", "Lukashenko's 2020 election");
   "one" unless it counts people, has a role, a hedge or a unit ("one soldier was
   killed", not "one study", "on the one hand"). spaCy's DATE spans that are not
   about time ("30 to 40", "10 bcm a year") do not hide their numbers.
3. Ranges: "3,000-4,000", "30 to 40", "three or four", "between 30 and 40", "from
   30 to 40" (but "rose from 30 to 40" is a change, kept as two numbers), "3 to 4
   million" (the scale applies to both ends). ``value`` None, ``low``/``high`` set.
4. Units after the number: km, mi, m, km2 ("500 square kilometres", "sq km"),
   mi2, ha, t, kg, m3 ("cubic metres"; "bcm" = 1e9 m3), "%" ("15%", "15 percent",
   "per cent", "percentage points"); money before or after:
   "$1.5 billion" -> 1.5e9 "USD", "€2m" EUR, "£" GBP, "hryvnias"/"UAH"/"₴" UAH,
   "roubles"/"₽" RUB. The span covers qualifier + number + unit.
5. Qualifiers, canonical (the exact wording stays in ``text``):
   "at least" (at least, no fewer/less than, not less than, a minimum of,
   "or more" after); "more than" (more than, over, above, in excess of, upwards of,
   well/just over, "+"/"-plus" after); "less than" (fewer than, less than, under,
   below, just under); "nearly" (nearly, almost, close to); "up to" (up to, as many
   as, as much as); "no more than" (no/not more than, at most, a maximum of, "or
   fewer"/"or less"/"at most" after); "about" (about, around, approximately,
   roughly, some, circa, an estimated, estimated, "or so"/"-odd" after); "only"
   (only, just); "exactly".
6. Counted thing, from the parse: the noun the number modifies (``nummod``), with
   its compound and adjective modifiers ("Ukrainian soldiers", "armoured
   vehicles"); else the noun after "of" ("dozens of civilians", "a third of the
   fleet", "40 of the 120-strong company"); else the noun after "-strong"; else the
   plural noun right after the number; "$100 million worth of drones" counts drones.
   In "40 of the 120-strong company" the 40 is one quantity (counted "company") and
   the 120 is another (the unit's strength, counted "company", never a role): both
   are claims, and ``text`` keeps each one's own words; ``high`` is not used for M.
7. Casualty role, only when the counted thing is people-like (people, civilians,
   soldiers, children, servicemen, Ukrainians, a company, ...) or absent: from the
   words modifying the counted noun ("wounded civilians", "people killed"), the
   verbs and adjectives governing it in the same sentence ("were killed", "left
   11 people dead", "the death toll rose to 50", "lost their lives"), or an
   adjacent label ("34 wounded", "Killed - 11"). Roles: killed, wounded, missing,
   captured, detained, evacuated, displaced, deserted, abducted, deported,
   casualties. In "11 people were killed and 34 wounded" the 34 inherits
   "people" from the 11 (same sentence, both with a role). Military losses: "lost
   more than 70 servicemen", "losses amounted to 40 people", "eliminated 106
   invaders" are killed (only with a person-like counted noun: "lost two" wars is
   not). When the parse gives no role, the words around the number are read
   (headline style): an active role verb right before ("kills 3 assailants",
   "wounding four more"), or a role participle after a run of nouns, adjectives,
   numbers and commas ("Two militias killed", "Three civilians, two soldiers
   killed", "'Up to five' killed", "One KIA, two WIA"), or "the death toll / the
   number of people killed ... rose to N". The subject of an active role verb with
   an object has no role ("Two soldiers killed three civilians": only the 3).
8. Counts of one: "one" is kept when a role follows or precedes it ("One killed",
   "one was wounded", "killing one"); an article is a count of one only for a
   casualty ("A soldier was killed", "killed a civilian"), never for a named person
   ("A Russian man, Alexey M., was detained") or a part of a count already given
   ("six wounded, including a girl"). Multiples of a dozen: "two dozen" 24, "a
   half-dozen" 6; spelled "four out of five" 0.8.

Not yet handled: numbers written with a decimal comma and no scale ("1,5"),
Roman numerals, ratios other than "N in M", multipliers and comparisons ("13
times greater", "twice as many"), numbers inside tables, counted things
introduced by a relative clause far from the number, a bare singular noun as a
count of one ("Ukrainian soldier killed, two wounded": only the 2), several roles
on one number ("killed, injured or captured 5,000" gives captured, not
casualties), and the link between the two figures of a change ("rose from 30 to
40" gives two quantities, not an update).
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from ..pipeline import register_stage
from ..record import Document, Quantity
from .dates import date_spans, looks_temporal
from .nlp import analysis_of

__all__ = ["extract_quantities", "parse_number", "QuantitiesStage"]

_I = regex.I | regex.V1

# --------------------------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------------------------

_UNITS_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
)
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_NUMWORD = rf"(?:{_UNITS_WORDS}|{_SCALE_WORDS})"
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mln": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12, "k": 1e3, "m": 1e6, "b": 1e9, "thousands": 1e3,
}  # fmt: skip
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
}  # fmt: skip
_DENOM = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip

_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)"
    r"|\d+,\d{1,2}(?=\s*(?:million|billion|thousand|mln|bn|%|percent|per\s+cent)\b)"
    r"|\d+(?:\.\d+)?)"
)
_SCALE_AFTER = r"(?:\s*(?:million|billion|trillion|thousand|mln|mn)\b|(?:bn|tn|k)\b)"
_SPELLED = rf"(?:{_NUMWORD}(?:(?:\s+and\s+|[\s-]+){_NUMWORD})*)"
_VAGUE = (
    r"(?:(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions)"
    r"|(?:a\s+few|several|a\s+couple\s+of)\s+(?:dozen|hundred|thousand|million)(?:\s+(?:thousand|million|billion))?"
    r"(?!\s+and\b)"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten)\s+dozen|(?:a\s+)?half[\s-]dozen"
    r"|half\s+a\s+dozen|a\s+couple\s+of\s+dozen|a\s+dozen|a\s+hundred|a\s+thousand|a\s+million|a\s+billion"
    r"|dozens|hundreds|thousands|millions|billions|scores(?=\s+of\b)|tens(?=\s+of\b))"
)
_FRACTION = (
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?:half|halves|thirds?|quarters?|fourths?|fifths?|"
    r"sixths?|sevenths?|eighths?|ninths?|tenths?)(?=\s+of\b)"
    r"|half(?=\s+(?:of|the|their|its|all|his|her|our)\b)"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|\d{1,2})\s+(?:in|out\s+of)\s+(?:every\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b)"
)
_CORE = regex.compile(
    rf"(?P<frac>\b{_FRACTION})"
    rf"|(?P<vague>\b{_VAGUE}\b)"
    rf"|(?P<num>(?:(?<![\p{{L}}\d,/])(?<!\d[.:])(?<![\p{{L}}][-–]){_DIGITS}(?![\d])(?:{_SCALE_AFTER})?)"
    rf"|\b{_SPELLED}\b)",
    _I,
)
_TRIGGER = regex.compile(
    rf"\d|\b(?:{_NUMWORD}|a\s+(?:few|couple|dozen|hundred|thousand|million|billion|half|third|quarter)|several|half|"
    r"dozens|hundreds|thousands|millions|billions|scores|tens)\b",
    _I,
)

_QUAL_BEFORE = regex.compile(
    r"(?:^|[^\p{L}])(at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|not\s+fewer\s+than|a\s+minimum\s+of|"
    r"at\s+minimum|no\s+more\s+than|not\s+more\s+than|at\s+most|a\s+maximum\s+of|at\s+the\s+most|well\s+over|"
    r"just\s+over|just\s+under|well\s+under|more\s+than|in\s+excess\s+of|upwards\s+of|greater\s+than|over|above|"
    r"fewer\s+than|less\s+than|under|below|nearly|almost|close\s+to|up\s+to|as\s+many\s+as|as\s+much\s+as|about|"
    r"around|approximately|approx\.|roughly|some|circa|ca\.|an\s+estimated|estimated|only|just|exactly|"
    r"precisely)\s*$",
    _I,
)
_QUAL_AFTER = regex.compile(
    r"^(?:\s*(or\s+more|or\s+so|or\s+fewer|or\s+less|at\s+most|at\s+least|at\s+the\s+most)\b|(\+|-?plus\b|-odd\b))",
    _I,
)
_CANON = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "not less than": "at least",
    "not fewer than": "at least", "a minimum of": "at least", "at minimum": "at least", "or more": "at least",
    "more than": "more than", "over": "more than", "above": "more than", "in excess of": "more than",
    "upwards of": "more than", "greater than": "more than", "well over": "more than", "just over": "more than",
    "+": "more than", "plus": "more than", "-plus": "more than",
    "fewer than": "less than", "less than": "less than", "under": "less than", "below": "less than",
    "just under": "less than", "well under": "less than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "up to": "up to", "as many as": "up to", "as much as": "up to",
    "no more than": "no more than", "not more than": "no more than", "at most": "no more than",
    "a maximum of": "no more than", "at the most": "no more than", "or fewer": "no more than",
    "or less": "no more than",
    "about": "about", "around": "about", "approximately": "about", "approx.": "about", "roughly": "about",
    "some": "about", "circa": "about", "ca.": "about", "an estimated": "about", "estimated": "about",
    "or so": "about", "-odd": "about",
    "only": "only", "just": "only", "exactly": "exactly", "precisely": "exactly",
}  # fmt: skip

_CURRENCY_BEFORE = regex.compile(r"(US\s?\$|C\$|A\$|\$|€|£|₴|₽|USD|EUR|GBP|UAH|RUB)\s?$", _I)
_CUR_CODE = {"us$": "USD", "$": "USD", "c$": "CAD", "a$": "AUD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB"}
_UNIT_AFTER = regex.compile(
    r"^(?:\s*|-)(?:"
    r"(?P<km2>square[\s-]+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|square\s+km)"
    r"|(?P<mi2>square[\s-]+miles?|sq\.?\s*mi(?:les?)?)"
    r"|(?P<mm>mm|millimet(?:er|re)s?)(?![\p{L}])"
    r"|(?P<km>kilomet(?:er|re)s?|kms?|klicks?)(?![\p{L}])"
    r"|(?P<mi>miles?)(?![\p{L}])"
    r"|(?P<m>met(?:er|re)s?|m)(?![\p{L}\d])"
    r"|(?P<bcm>bcm|billion\s+cubic\s+met(?:er|re)s)(?![\p{L}])"
    r"|(?P<m3>cubic\s+met(?:er|re)s?|m3|m³)(?![\p{L}])"
    r"|(?P<ha>hectares?|ha)(?![\p{L}])"
    r"|(?P<t>tonnes?|tons?|metric\s+tons?)(?![\p{L}])"
    r"|(?P<kg>kg|kilograms?|kilos?)(?![\p{L}])"
    r"|(?P<pct>%|percent(?:age\s+points?)?|per\s*cent|pct)(?![\p{L}])"
    r"|(?P<money>(?:us\s+)?dollars|euros?|pounds(?:\s+sterling)?|hryvni?as?|hryvnya|hryvnias|UAH|rubles|roubles|"
    r"RUB|USD|EUR|GBP)(?![\p{L}])"
    r")",
    _I,
)
_MONEY_WORD = {
    "dollars": "USD", "us dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "pounds": "GBP", "pounds sterling": "GBP", "gbp": "GBP", "uah": "UAH", "rubles": "RUB", "roubles": "RUB",
    "rub": "RUB",
}  # fmt: skip

_AGE_AFTER = regex.compile(r"^(?:-|\s)(?:year|yr)s?[-\s]old\b|^\s*years?\s+of\s+age\b", _I)
_AGE_BEFORE = regex.compile(r"\b(?:aged|age\s+of|ages\s+of)\s*(?:\d{1,3}\s*(?:,|and|or|to|-|–)\s*)?$", _I)
_TIME_AFTER = regex.compile(
    r"^(?:[:.]\d{2}(?!\d)|\s*(?:a\.?m\.?|p\.?m\.?)(?![\p{L}])|\s*(?:gmt|utc|cet|cest|eet|eest|msk|hrs)\b|\s*o['’]clock\b|"
    r"\s*(?:local|kyiv|kiev|moscow)\s+time\b|h\d{2}\b)",
    _I,
)
_ORD_AFTER = regex.compile(r"^(?:st|nd|rd|th)\b|^-(?:st|nd|rd|th|th)\b", _I)
_GLUED_LETTERS = regex.compile(r"^[\p{L}]")
_LIST_NUM = regex.compile(r"(?:^|\n)[ \t]*$")
_LIST_AFTER = regex.compile(r"^[.)]\s")
_ID_BEFORE = regex.compile(
    r"(?:\b(?:no\.|nr\.?|number|art\.|article|articles|resolution|flight|page|pages|chapter|section|paragraph|"
    r"item|route|highway|bus|tram|reactor|apartment|apt\.|room|category|episode|vol\.|volume|version|"
    r"leopard|challenger|stream|minsk|boeing|airbus|covid|iphone|tel\.?|phone|fax|ext\.?|p\.|pp\.|annex|appendix|"
    r"world\s+war|protocol|schedule|clause|amendment|graph|table|figure|fig\.|chart|photo|image|video|"
    r"ftse|stoxx|nikkei|dax|cac|nasdaq)|s&p|[№#])\s*$",
    _I,
)
_PHONE = regex.compile(
    r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?(?:[\s.-]\d{2,4}){2,}(?!\d)"
    r"|\+\d{6,}",
)
_MILLION_OF = regex.compile(
    r"\s+(?:people|refugees|residents|doses|tonnes|tons|barrels|users|children|civilians|ukrainians|russians|"
    r"viewers|votes|voters|migrants|citizens|households|homes)\b",
    _I,
)
_TEMPORAL_AFTER = regex.compile(
    r"^(?:\s+|-)?(?:and\s+a\s+half\s+)?(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|"
    r"decades?|centur(?:y|ies)|nights?|old|ago|a\.?m\b|p\.?m\b|am\b|pm\b|[:.]\d|(?:st|nd|rd|th)\b|"
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
    r"|^\s*(?:(?:to|or|and)\s+|[-–]\s*)\S+\s+(?:years?|months?|weeks?|days?|hours?)\b",
    _I,
)
_MONTH_BEFORE = regex.compile(
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s*$"
)
_YEARLIKE = regex.compile(r"^(?:1[89]\d\d|20\d\d)$")
_OF_AFTER = regex.compile(r"^\s+of\s+(?:the\s+|these\s+|those\s+|their\s+|its\s+|his\s+|her\s+|our\s+|all\s+)?", _I)
_STRONG_AFTER = regex.compile(r"^-strong\b", _I)
_CHANGE_VERBS = {"rise", "increase", "grow", "climb", "jump", "fall", "drop", "decrease", "double", "reduce",
                 "go", "soar", "surge", "shrink", "decline", "raise", "lower", "cut", "revise", "update"}  # fmt: skip

_TIME_NOUNS = {"hour", "day", "week", "month", "year", "decade", "century", "minute", "second", "night",
               "weekend", "hr", "min", "sec", "yr", "morning", "evening", "afternoon"}  # fmt: skip
_PEOPLE = {
    "people", "person", "civilian", "soldier", "troop", "serviceman", "servicemen", "servicewoman",
    "servicemember", "fighter", "combatant", "child", "kid", "woman", "man", "men", "women", "children",
    "resident", "citizen", "national", "prisoner", "officer", "militant", "mercenary", "marine", "paratrooper",
    "volunteer", "member", "worker", "journalist", "reporter", "employee", "victim", "casualty", "staff", "crew",
    "crewman", "pilot", "conscript", "recruit", "reservist", "refugee", "police", "policeman", "personnel",
    "individual", "occupier", "invader", "student", "doctor", "medic", "nurse", "passenger", "family",
    "sailor", "commander", "general", "deserter", "hostage", "detainee", "inhabitant", "villager", "protester",
    "protestor", "demonstrator", "activist", "teenager", "teen", "infant", "baby", "boy", "girl", "adult",
    "pensioner", "saboteur", "partisan", "guard", "guardsman", "rescuer", "firefighter", "defender", "survivor",
    "evacuee", "migrant", "patient", "miner", "farmer", "official", "diplomat", "politician", "opponent",
    "dissident", "force", "pow", "serviceperson", "conscripts", "mobilised", "mobilized", "draftee", "gunman",
    "attacker", "terrorist", "separatist", "rebel", "insurgent", "sniper", "operator", "specialist", "instructor",
    "cadet", "priest", "teacher", "athlete", "company", "battalion", "brigade", "platoon", "regiment", "squad",
    "unit", "dead", "wounded", "injured", "captive", "ukrainian", "russian", "belarusian", "chechen",
    "wagnerite", "mobilisee", "convict", "inmate", "volunteers", "relative", "elderly", "foreigner",
    "american", "briton", "pole", "georgian", "israeli", "palestinian", "body", "corpse", "sapper", "gunner",
    "tankman", "driver", "head", "leader", "mayor", "governor", "deputy", "mp", "lawmaker",
    "other", "others", "professional", "military", "commando", "brother", "sister", "son", "daughter", "husband",
    "wife", "father", "mother", "parent", "militiaman", "militiamen", "militia", "assailant", "occupant", "trooper",
    "kia", "wia",
}  # fmt: skip
_ROLE = {
    "kill": "killed", "killed": "killed", "die": "killed", "dead": "killed", "death": "killed",
    "perish": "killed", "slay": "killed", "murder": "killed", "execute": "killed", "fatality": "killed",
    "toll": "killed", "body": "killed", "corpse": "killed",
    "wound": "wounded", "wounded": "wounded", "injure": "wounded", "injured": "wounded", "hurt": "wounded",
    "injury": "wounded", "hospitalise": "wounded", "hospitalize": "wounded", "hospitalised": "wounded",
    "hospitalized": "wounded",
    "missing": "missing", "disappear": "missing", "unaccounted": "missing",
    "capture": "captured", "captured": "captured", "surrender": "captured", "captive": "captured",
    "detain": "detained", "detained": "detained", "arrest": "detained", "jail": "detained",
    "imprison": "detained", "detention": "detained",
    "evacuate": "evacuated", "evacuated": "evacuated",
    "displace": "displaced", "displaced": "displaced", "flee": "displaced",
    "desert": "deserted", "deserted": "deserted", "defect": "deserted", "awol": "deserted",
    "abduct": "abducted", "kidnap": "abducted", "deport": "deported",
    "kia": "killed", "wia": "wounded", "mia": "missing", "eliminate": "killed", "liquidate": "killed",
    "loss": "killed",
    "casualty": "casualties",
}  # fmt: skip
# Nouns that carry a role but are not the counted thing ("50 dead", "11 deaths").
_ROLE_NOUNS = {"dead", "wounded", "injured", "killed", "missing", "death", "fatality", "casualty", "injury", "kia",
               "wia", "mia"}  # fmt: skip
# Nouns that name something a year is the date of ("the 1939 conflict", "the 2014 annexation").
_EVENT_NOUNS = {"conflict", "war", "invasion", "election", "elections", "campaign", "offensive", "agreement",
                "treaty", "accord", "accords", "crisis", "revolution", "referendum", "annexation", "olympics",
                "budget", "attack", "law", "constitution", "census", "summit", "protests", "uprising", "report",
                "deal", "memorandum", "ceasefire", "vote", "games", "season", "cup", "championship", "model",
                "level", "levels", "figure", "figures", "edition", "version", "border", "borders", "ban",
                "sanctions", "incursion", "coup", "mobilisation", "mobilization", "counteroffensive", "plan",
                "strategy", "decision", "resolution", "act", "bill", "poll", "survey", "estimate", "peak"}  # fmt: skip
_LIGHT_VERBS = {"be", "amount", "rise", "reach", "stand", "climb", "increase", "grow", "total", "number", "exceed",
                "surpass", "hit", "top", "jump", "remain", "become", "include", "put", "estimate"}  # fmt: skip
_NOT_COUNTED_MODS = {"other", "more", "additional", "further", "several", "many", "few", "total", "least",
                     "estimated", "reported", "some", "such", "same", "last", "first", "next", "new", "about",
                     "around", "nearly", "almost", "over", "under", "than", "approximately", "roughly"}  # fmt: skip
_UNIT_NAMES_IN_COUNTED = {"km", "kilometre", "kilometer", "mile", "metre", "meter", "%", "percent", "mm", "tonne",
                          "ton", "kg", "hectare", "dollar", "euro", "pound", "hryvnia", "ruble", "rouble", "m"}  # fmt: skip
_TIME_AND_DATE_ENTS = {"DATE", "TIME"}
_ID_ENTS = {"PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "FAC", "ORG"}


_RX_COMMA_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_RX_SPACE_THOUSANDS = regex.compile(r"\d{1,3}(?: \d{3})+")
_RX_DECIMAL_COMMA = regex.compile(r"\d+,\d{1,2}")
_RX_PLAIN = regex.compile(r"\d+(?:\.\d+)?")
_RX_GROUPED = regex.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+")
_RX_FIRST_NUMWORD = regex.compile(rf"{_NUMWORD}\b", _I)
_RX_VAGUE_OF = regex.compile(r"(tens|hundreds|dozens)\s+of\s+(thousands|millions)")
_RX_VAGUE_FEW = regex.compile(
    r"(a\s+few|several|a\s+couple\s+of)\s+(dozen|hundred|thousand|million)(?:\s+(thousand|million|billion))?"
)
_RX_HYPHEN_WORD = regex.compile(r"-\p{L}")
_RX_HYPHEN_OK = regex.compile(r"-(?:strong|odd|plus)\b", _I)
_RX_DOT_ZERO = regex.compile(r"\d+\.0")
_RX_NAME_BEFORE = regex.compile(r"\p{Lu}\p{L}*\s+$")
_RX_POSSESSIVE_BEFORE = regex.compile(r"['’]s\s+$")
_RX_PLURAL_AFTER = regex.compile(r"\s+\p{L}+s\b")
_RX_BETWEEN_BEFORE = regex.compile(r"\bbetween\s+(?:some\s+|about\s+)?$", _I)
_RX_FROM_BEFORE = regex.compile(r"\bfrom\s+$", _I)
_RX_MONEY_SCALE_GLUED = regex.compile(r"^(m|b)(?![\p{L}\d])", _I)
_RX_GLUED_AFTER = regex.compile(r"[.!?]?\p{L}")


class _Core(NamedTuple):
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    kind: str  # "num" | "vague" | "frac"
    scaled: bool  # a scale word is part of the core ("4 million")


# --------------------------------------------------------------------------------------------
# reading numbers
# --------------------------------------------------------------------------------------------

_RX_SCALE_TAIL = regex.compile(r"^(.*?)(?:\s*(million|billion|trillion|thousand|mln|mn)|(bn|tn|k))$", _I)
_RX_FRAC_WORDS = regex.compile(r"(a|one|two|three|four|five|six|seven|eight|nine)[\s-]+(\p{L}+)", _I)
_RX_N_DOZEN = regex.compile(r"(two|three|four|five|six|seven|eight|nine|ten)\s+dozen", _I)
_RX_HALF_DOZEN = regex.compile(r"(?:a\s+)?half[\s-]dozen", _I)
_RX_ONE_IN = regex.compile(
    r"(one|two|three|four|five|six|seven|eight|nine|\d{1,2})\s+(?:in|out\s+of)\s+(?:every\s+)?(\p{L}+|\d{1,3})", _I
)


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """A number written in digits, words or both: "3,000" 3000, "1.5 million", "two hundred and forty-two" 242."""
    s = " ".join(text.split()).lower()
    scale = 1.0
    if m := _RX_SCALE_TAIL.fullmatch(s):
        head = m[1].strip()
        if head:
            scale = _SCALES[(m[2] or m[3]).lower()]
            s = head
    s = s.replace("\u00a0", " ").replace("\u202f", " ")
    if _RX_COMMA_THOUSANDS.fullmatch(s):
        return float(s.replace(",", "")) * scale
    if _RX_SPACE_THOUSANDS.fullmatch(s):
        return float(s.replace(" ", "")) * scale
    if _RX_DECIMAL_COMMA.fullmatch(s):
        return float(s.replace(",", ".")) * scale
    if _RX_PLAIN.fullmatch(s):
        return float(s) * scale
    words = s.replace("fourty", "forty")
    if words in _SMALL:
        return float(_SMALL[words]) * scale
    try:
        from text_to_num import text2num

        return float(text2num(words, "en")) * scale
    except (ValueError, ImportError):
        return None


def _read_core(m: Any) -> _Core | None:
    s, e = m.span()
    t = m.group()
    low = t.lower()
    low = " ".join(low.split())
    if m.group("frac"):
        if mm := _RX_ONE_IN.fullmatch(low):
            a = parse_number(mm[1]) or 0.0
            b = parse_number(mm[2])
            if not b or a >= b:
                return None
            return _Core(s, e, round(a / b, 3), None, None, "frac", False)
        if low == "half":
            return _Core(s, e, 0.5, None, None, "frac", False)
        if mm := _RX_FRAC_WORDS.fullmatch(low):
            num = _SMALL.get(mm[1], 1)
            den = _DENOM.get(mm[2])
            if not den or num >= den:
                return None
            return _Core(s, e, round(num / den, 3), None, None, "frac", False)
        return None
    if m.group("vague"):
        lo, hi, val = _vague(low)
        return _Core(s, e, val, lo, hi, "vague", True)
    v = parse_number(t)
    if v is None:
        # a run of number words text2num refuses ("two three"): keep the first word only
        first = _RX_FIRST_NUMWORD.match(t)
        if first is None:
            return None
        v = parse_number(first.group())
        if v is None:
            return None
        e = s + first.end()
    scaled = bool(_RX_SCALE_TAIL.fullmatch(low)) and not low.isdigit()
    return _Core(s, e, v, None, None, "num", scaled)


def _vague(low: str) -> tuple[float | None, float | None, float | None]:
    """(low, high, value) of a vague amount."""
    if m := _RX_N_DOZEN.fullmatch(low):
        return None, None, 12.0 * _SMALL[m[1]]
    if _RX_HALF_DOZEN.fullmatch(low):
        return None, None, 6.0
    fixed = {"half a dozen": 6.0, "a dozen": 12.0, "a couple of dozen": 24.0, "a hundred": 100.0,
             "a thousand": 1e3, "a million": 1e6, "a billion": 1e9}  # fmt: skip
    if low in fixed:
        return None, None, fixed[low]
    base = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
            "billions": 1e9}  # fmt: skip
    if m := _RX_VAGUE_OF.fullmatch(low):
        unit = 1e3 if m[2] == "thousands" else 1e6
        if m[1] == "dozens":
            return 24 * unit, 99 * unit, None
        mult = 10 if m[1] == "tens" else 100
        return 2 * mult * unit, 10 * mult * unit - 1, None
    if m := _RX_VAGUE_FEW.fullmatch(low):
        unit = (12 if m[2] == "dozen" else _SCALES[m[2]]) * (_SCALES[m[3]] if m[3] else 1)
        if "couple" in m[1]:
            return None, None, 2 * unit
        if m[1] == "several":
            return 3 * unit, 9 * unit, None
        return 2 * unit, 5 * unit, None
    b = base[low]
    if low == "dozens":
        return 24.0, 99.0, None
    if low == "scores":
        return 40.0, 99.0, None
    if low == "tens":
        return 20.0, 99.0, None
    return 2 * b, 10 * b - 1, None


# --------------------------------------------------------------------------------------------
# the Doc-level pass
# --------------------------------------------------------------------------------------------


class _Ctx:
    """Per-Doc lookups: token at a character, sentence bounds, skip spans."""

    def __init__(self, sdoc: Any) -> None:
        self.sdoc = sdoc
        self.text = sdoc.text
        self.starts = [t.idx for t in sdoc]
        self.parsed = sdoc.has_annotation("DEP")
        self.tagged = sdoc.has_annotation("TAG")
        if sdoc.has_annotation("SENT_START"):
            self.sents = [(s.start_char, s.end_char) for s in sdoc.sents]
        else:
            self.sents = [(0, len(self.text))]
        self.sent_starts = [s for s, _ in self.sents]
        skip = [(s, e) for s, e, src in date_spans(sdoc) if src == "pattern"]
        skip += [m.span() for m in _PHONE.finditer(self.text) if not _is_grouped_thousands(m.group())]
        # spaCy's DATE/TIME spans: only the numbers in them that are about time ("eight years", "7am", "50 years
        # old"); spaCy also labels "10 bcm a year" and "30 to 40" DATE
        self.temporal = sorted(
            (e.start_char, e.end_char)
            for e in sdoc.ents
            if e.label_ in _TIME_AND_DATE_ENTS and looks_temporal(e.text)
        )
        skip.sort()
        self.skip_starts = [s for s, _ in skip]
        self.skip = skip
        self.id_ents = [(e.start_char, e.end_char) for e in sdoc.ents if e.label_ in _ID_ENTS]

    def token_at(self, char: int) -> Any:
        i = bisect.bisect_right(self.starts, char) - 1
        return self.sdoc[max(i, 0)] if len(self.sdoc) else None

    def tokens(self, start: int, end: int) -> list[Any]:
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        j = bisect.bisect_left(self.starts, end)
        return [t for t in self.sdoc[i:j] if t.idx < end and t.idx + len(t) > start]

    def sentence(self, char: int) -> tuple[int, int]:
        i = max(bisect.bisect_right(self.sent_starts, char) - 1, 0)
        return self.sents[i]

    def skipped(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.skip_starts, end)
        for s, e in self.skip[max(0, i - 8) : i]:
            if s < end and start < e:
                return True
        return False

    def in_temporal_number(self, start: int, end: int) -> bool:
        for s, e in self.temporal:
            if s <= start and end <= e:
                rest = self.text[end:e]
                core = self.text[start:end]
                return bool(_YEARLIKE.match(core) or _TEMPORAL_AFTER.match(rest) or _MONTH_BEFORE.search(self.text[s:start]))
            if s > end:
                break
        return False

    def in_id_entity(self, start: int) -> bool:
        for s, e in self.id_ents:
            if s < start < e:
                return True
        return False


def _is_grouped_thousands(s: str) -> bool:
    return bool(_RX_GROUPED.fullmatch(s))


def _cores(ctx: _Ctx) -> list[_Core]:
    text = ctx.text
    out: list[_Core] = []
    last = 0
    for t in _TRIGGER.finditer(text):
        p = t.start()
        if p < last:
            continue
        m = _CORE.match(text, p)
        if m is None or m.end() <= p:
            continue
        last = m.end()
        c = _read_core(m)
        if c is None or _skip_core(ctx, c):
            continue
        out.append(c)
    return out


def _skip_core(ctx: _Ctx, c: _Core) -> bool:
    text = ctx.text
    s, e = c.start, c.end
    after = text[e : e + 24]
    before = text[max(0, s - 24) : s]
    if ctx.skipped(s, e) or ctx.in_temporal_number(s, e):
        return True
    if c.kind != "num":
        return False
    core = text[s:e]
    if _ORD_AFTER.match(after) or _TIME_AFTER.match(after) or _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return True
    if core[-1].isdigit() and _GLUED_LETTERS.match(after) and not _UNIT_AFTER.match(after):
        return True  # "2S19", "1990s"
    if _RX_HYPHEN_WORD.match(after) and not _UNIT_AFTER.match(after):
        if not _RX_HYPHEN_OK.match(after):
            return True  # "a three-day visit", "a five-storey block", "9-K": adjectives and names, not counts
    if _ID_BEFORE.search(before):
        return True
    if _LIST_NUM.search(before) and _LIST_AFTER.match(after):
        return True
    if before.endswith("(") and after.startswith(")"):
        return True
    if _YEARLIKE.match(core) and (not _counts_noun(ctx, s, e) or _dates_a_noun(ctx, s, e)):
        return True
    if _RX_DOT_ZERO.fullmatch(core) and _RX_NAME_BEFORE.search(before):
        return True  # "Versailles 2.0"
    if core.isdigit() and int(core) < 120 and _is_age_apposition(before, after):
        return True  # "Mr Zakrzewski, 55, who worked..."
    if core.isdigit() and len(core) <= 3 and ctx.in_id_entity(s) and not _counts_noun(ctx, s, e):
        return True
    low = core.lower()
    if low in ("one", "a", "an") and not _counts_noun(ctx, s, e):
        if not (low == "one" and (_RX_ONE_ROLE_AFTER.match(after) or _RX_ROLE_VERB_BEFORE.search(before))):
            return True  # "one study", but "one killed", "one was wounded", "killing one"
    if ctx.parsed:
        toks = ctx.tokens(s, e)
        if toks:
            last = toks[-1]
            if last.dep_ == "nummod" and last.head.lemma_.lower() in _TIME_NOUNS and last.head.i > last.i:
                return True  # "three days", "72 hours": a duration
    return False


_RX_BREAK_GAP = regex.compile(r"\s[-–—]\s|[:;()]")
_RX_ONE_ROLE_AFTER = regex.compile(
    r"^(?!\s+of\b)(?:\s+(?!(?:and|or|but|in|on|at|to|by|for|with|from)\b)[\p{L}’'-]+){0,3}?"
    r"(?:\s+(?:was|were|had|has|have|been|reportedly))*\s+"
    r"(?:killed|dead|died|dies|wounded|injured|hurt|missing|captured|detained|KIA|WIA|MIA)\b",
    _I,
)
_RX_ROLE_VERB_BEFORE = regex.compile(
    r"\b(?:kill(?:s|ed|ing)?|wound(?:s|ed|ing)|injur(?:es|ed|ing))\s+(?:at\s+least\s+|only\s+|another\s+)?$", _I
)
_AGE_APPOS_BEFORE = regex.compile(r"\p{Lu}[\p{L}'’-]+[”\"]?,\s*$|\p{Lu}[\p{L}'’-]+\s+\($")
_AGE_APPOS_AFTER = regex.compile(r"^\s*(?:,|\.(?:\s|$)|\)|;)")


def _is_age_apposition(before: str, after: str) -> bool:
    return bool(_AGE_APPOS_BEFORE.search(before) and _AGE_APPOS_AFTER.match(after))


def _dates_a_noun(ctx: _Ctx, s: int, e: int) -> bool:
    """ "the 1939 conflict": a year used as an adjective."""
    if not ctx.parsed:
        return False
    if _RX_POSSESSIVE_BEFORE.search(ctx.text[max(0, s - 4) : s]):
        return True  # "Lukashenko's 2020 election win"
    toks = ctx.tokens(s, e)
    if not toks:
        return False
    h = toks[-1].head
    return h.lemma_.lower() in _EVENT_NOUNS or any(
        c.dep_ == "compound" and c.lemma_.lower() in _EVENT_NOUNS for c in h.children
    )


def _counts_noun(ctx: _Ctx, s: int, e: int) -> bool:
    if not ctx.parsed:
        return bool(_RX_PLURAL_AFTER.match(ctx.text[e : e + 30]))
    toks = ctx.tokens(s, e)
    if not toks:
        return False
    t = toks[-1]
    if t.dep_ == "nummod" and t.head.i > t.i and t.head.lemma_.lower() not in _TIME_NOUNS:
        return True
    nxt = ctx.sdoc[t.i + 1] if t.i + 1 < len(ctx.sdoc) else None
    return nxt is not None and nxt.tag_ == "NNS" and nxt.lemma_.lower() not in _TIME_NOUNS


class _Item:
    __slots__ = ("start", "end", "value", "low", "high", "unit", "qualifier", "counted", "role", "cores", "kind",
                 "counted_tok")  # fmt: skip

    def __init__(self, c: _Core) -> None:
        self.start, self.end = c.start, c.end
        self.value, self.low, self.high = c.value, c.low, c.high
        self.kind = c.kind
        self.unit: str | None = "fraction" if c.kind == "frac" else None
        self.qualifier: str | None = None
        self.counted: str | None = None
        self.counted_tok: Any = None
        self.role: str | None = None
        self.cores = [c]


_RX_JOIN = regex.compile(r"^(?:\s*(?:-|–|—)\s*|\s+(to|or|and)\s+)$", _I)


def _merge_ranges(ctx: _Ctx, cores: list[_Core]) -> list[_Item]:
    text = ctx.text
    items: list[_Item] = []
    i = 0
    while i < len(cores):
        a = cores[i]
        item = _Item(a)
        if i + 1 < len(cores) and a.kind == "num":
            b = cores[i + 1]
            gap = text[a.end : b.start]
            j = _RX_JOIN.match(gap) if b.kind == "num" and len(gap) <= 6 else None
            if j is not None and a.value is not None and b.value is not None:
                word = (j[1] or "-").lower()
                before = text[max(0, a.start - 12) : a.start].lower()
                between = _RX_BETWEEN_BEFORE.search(before) is not None
                frm = _RX_FROM_BEFORE.search(before) is not None
                av, bv = a.value, b.value
                if b.scaled and not a.scaled:
                    sc = _scale_of(text[b.start : b.end])
                    if sc and av * sc <= bv:
                        av *= sc
                elif "," in text[b.start : b.end] and "," not in text[a.start : a.end] and av < 1000:
                    # "30 to 35,000": thirty thousand to thirty-five thousand
                    if av * 1000 <= bv and av >= bv / 10000:
                        av *= 1000
                ok = av < bv and (word != "and" or between)
                if word == "or" and not (bv - av <= max(2, av) or between):
                    ok = False  # "5 or 50"? not a range
                if frm and word == "to" and _is_change(ctx, a.start):
                    ok = False  # "rose from 30 to 40": two figures
                if ok:
                    item.value = None
                    item.low, item.high = av, bv
                    item.end = b.end
                    if between:
                        item.start = a.start - (len(before) - before.rfind("between"))
                    elif frm:
                        item.start = a.start - (len(before) - before.rfind("from"))
                    item.cores.append(b)
                    i += 2
                    items.append(item)
                    continue
        items.append(item)
        i += 1
    return items


def _scale_of(core_text: str) -> float | None:
    m = _RX_SCALE_TAIL.fullmatch(" ".join(core_text.lower().split()))
    return _SCALES[(m[2] or m[3]).lower()] if m else None


def _is_change(ctx: _Ctx, char: int) -> bool:
    if not ctx.parsed:
        return False
    t = ctx.token_at(char)
    for _ in range(4):
        if t.lemma_.lower() in _CHANGE_VERBS:
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


def _units_and_hedges(ctx: _Ctx, it: _Item) -> bool:
    """Extend the item with currency, unit and qualifiers; False when it should be dropped (a calibre)."""
    text = ctx.text
    # currency before
    if it.kind != "frac":
        before = text[max(0, it.start - 4) : it.start]
        if m := _CURRENCY_BEFORE.search(before):
            sym = m[1].lower().replace(" ", "")
            it.unit = _CUR_CODE.get(sym, m[1].upper())
            it.start -= len(m.group())
            # "$1.5m": glued m/b = million/billion in money
            tail = _RX_MONEY_SCALE_GLUED.match(text[it.end : it.end + 2])
            if tail:
                f = _SCALES[tail[1].lower()]
                it.value = it.value * f if it.value is not None else None
                it.low = it.low * f if it.low is not None else None
                it.high = it.high * f if it.high is not None else None
                it.end += 1
    # unit after
    if it.kind != "frac" and (um := _UNIT_AFTER.match(text[it.end : it.end + 40])):
        kind = um.lastgroup
        word = um.group(kind).lower()
        if kind == "mm":
            return False  # a calibre ("155mm shells"), not a quantity
        if kind == "m" and word == "m":
            # "200m" metres, but "1.5m people" 1.5 million; "20 m" after a space is too ambiguous
            glued = um.start(kind) == 0
            nxt = text[it.end + um.end() : it.end + um.end() + 20]
            decimal = it.value is not None and it.value != int(it.value)
            if not glued:
                kind = None
            elif decimal or _MILLION_OF.match(nxt):
                _scale_item(it, 1e6)
                it.end += um.end()
                kind = None
        if kind == "money":
            if it.unit is None:
                it.unit = _MONEY_WORD.get(word, word.upper()[:3])
                it.end += um.end()
        elif kind == "pct":
            it.unit = "%"
            it.end += um.end()
        elif kind is not None and it.unit is None:
            it.unit = {"km2": "km2", "mi2": "mi2", "km": "km", "mi": "mi", "m": "m", "ha": "ha", "t": "t",
                       "kg": "kg", "m3": "m3", "bcm": "m3"}[kind]  # fmt: skip
            if kind == "bcm":
                _scale_item(it, 1e9)
            it.end += um.end()
    # qualifiers
    before = text[max(0, it.start - 24) : it.start]
    if qm := _QUAL_BEFORE.search(before):
        word = " ".join(qm[1].lower().split())
        if not _is_particle(ctx, it.start - len(before) + qm.start(1), word):
            it.qualifier = _CANON.get(word, word)
            it.start -= len(before) - qm.start(1)
    if am := _QUAL_AFTER.match(text[it.end : it.end + 16]):
        word = " ".join((am[1] or am[2]).lower().split())
        q = _CANON.get(word, _CANON.get(word.lstrip("-"), None))
        if q and it.qualifier is None:
            it.qualifier = q
            it.end += am.end()
    return True


def _scale_item(it: _Item, f: float) -> None:
    it.value = it.value * f if it.value is not None else None
    it.low = it.low * f if it.low is not None else None
    it.high = it.high * f if it.high is not None else None


def _is_particle(ctx: _Ctx, char: int, word: str) -> bool:
    """ "took over 2 villages": "over" belongs to the verb, it is not a hedge."""
    if word not in ("over", "about", "under", "above", "below", "around", "some", "just", "only") or not ctx.tagged:
        return False
    t = ctx.token_at(char)
    if t is None:
        return False
    if t.tag_ == "RP" or t.dep_ == "prt":
        return True
    if word == "some" and t.dep_ not in ("quantmod", "advmod", "det", "amod", "nummod"):
        return True
    return False


# --------------------------------------------------------------------------------------------
# counted thing and casualty role
# --------------------------------------------------------------------------------------------


def _noun_phrase(tok: Any) -> str:
    """The noun with its adjacent compound/adjective modifiers: "Ukrainian soldiers", "armoured vehicles"."""
    sdoc = tok.doc
    left = tok.i
    i = tok.i - 1
    while i >= 0:
        c = sdoc[i]
        inside = left <= c.head.i <= tok.i
        if c.tag_ == "HYPH" and inside:
            i -= 1
            continue
        if not inside or c.dep_ not in ("compound", "amod", "nmod") or c.like_num or any(ch.isdigit() for ch in c.text):
            break
        if c.lower_ == "strong" or any(d.like_num for d in c.children):
            break  # "the 120-strong company"
        low = c.lower_
        if low in _NOT_COUNTED_MODS or _ROLE.get(c.lemma_.lower()) or _ROLE.get(low) or c.pos_ == "VERB":
            break
        left = i
        i -= 1
    return sdoc[left : tok.i + 1].text.lstrip("-–—'’\" ")


def _counted(ctx: _Ctx, it: _Item) -> Any:
    """The token of the counted noun, or None."""
    if not ctx.parsed:
        return None
    sdoc = ctx.sdoc
    core_toks = []
    for c in it.cores:
        core_toks += ctx.tokens(c.start, c.end)
    if not core_toks:
        return None
    span_lo, span_hi = core_toks[0].i, core_toks[-1].i
    tail_tok = core_toks[-1]
    if tail_tok.idx + len(tail_tok) > it.cores[-1].end and _RX_GLUED_AFTER.match(
        tail_tok.text[it.cores[-1].end - tail_tok.idx :]
    ):
        return None  # "of 27.The Union": the number is glued to the next sentence; its parse is not to be trusted
    unit_toks = {t.i for t in ctx.tokens(it.start, it.end)}
    # 1. the noun the number modifies
    for t in reversed(core_toks):
        h = t.head
        if t.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and h.i not in unit_toks:
            if h.pos_ in ("NOUN", "PROPN") and h.i > t.i and not (span_lo <= h.i <= span_hi):
                if h.lower_ in _ROLE_SURFACE and h.lower_ not in _ROLE_NOUNS:
                    continue  # "One more Ukrainian protester dies": a verb tagged as a noun
                if _RX_BREAK_GAP.search(ctx.text[it.end : h.idx]):
                    continue  # "killing one - DPR source", "Five dead in fighting near Donetsk: AFP"
                if h.lemma_.lower() in _TIME_NOUNS:
                    return None
                return h
    # 2. "... of X": "dozens of civilians", "a third of the fleet", "40 of the 120-strong company"
    tail = ctx.text[it.end : it.end + 40]
    if om := _OF_AFTER.match(tail):
        t = ctx.token_at(it.end + om.end())
        if t is not None and t.idx >= it.end + om.end() - 1:
            return _np_head(t)
    # 3. "120-strong company"
    if _STRONG_AFTER.match(ctx.text[it.end : it.end + 8]):
        t = ctx.token_at(it.end + 1)
        if t is not None and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head
    # 4. a plural noun right after ("Killed - 11 people", "1.5m people"), unless it is a unit we consumed
    if it.unit is None:
        i = bisect.bisect_left(ctx.starts, it.end)
        if i < len(sdoc):
            nxt = sdoc[i]
            if nxt.tag_ in ("NNS", "NNPS") and nxt.lemma_.lower() not in _TIME_NOUNS and not ctx.text[it.end : nxt.idx].strip():
                return nxt
    return None


def _np_head(t: Any) -> Any:
    """From the first word of a noun phrase to its head noun ("the Russian soldiers" -> soldiers)."""
    for _ in range(4):
        if t.pos_ in ("NOUN", "PROPN", "PRON") and not (
            t.dep_ in ("compound", "amod", "poss", "nmod") and t.head.i > t.i
        ):
            return t if t.pos_ != "PRON" else None
        if t.head.i > t.i:
            t = t.head
        else:
            break
    return t if t.pos_ in ("NOUN", "PROPN") else None


def _people_like(tok: Any) -> bool:
    lem = tok.lemma_.lower()
    return lem in _PEOPLE or tok.lower_ in _PEOPLE or tok.ent_type_ == "NORP"


def _role_of(tok: Any) -> str | None:
    lem = tok.lemma_.lower()
    r = _ROLE.get(lem) or _ROLE.get(tok.lower_)  # a bare "toll" is the death toll in war news
    if r is None and lem == "lose":
        if any(c.lemma_.lower() == "life" for c in tok.children):
            return "killed"
    if r is None and lem == "take":
        if any(c.lemma_.lower() in ("prisoner", "captive", "hostage") for c in tok.children):
            return "captured"
    return r


def _role(ctx: _Ctx, it: _Item, counted: Any) -> str | None:
    if not ctx.parsed:
        return None
    core_toks = ctx.tokens(it.cores[0].start, it.cores[-1].end)
    if not core_toks:
        return None
    sent_lo, sent_hi = ctx.sentence(it.start)
    # a role noun is the head: "50 dead", "11 deaths"
    if counted is not None:
        lem = counted.lemma_.lower()
        if lem in _ROLE_NOUNS or counted.lower_ in _ROLE_NOUNS:
            return _role_of(counted) or _ROLE.get(counted.lower_)
        # 1. modifiers of the counted noun: "wounded civilians", "civilians killed", "people who died"
        for c in counted.children:
            if c.dep_ in ("amod", "acl", "relcl", "advcl") or (c.dep_ == "compound" and c.i < counted.i):
                r = _role_of(c)
                if r is None and c.dep_ == "relcl":
                    r = _clause_role(c)
                if r:
                    return r
        if lem in ("body", "corpse"):
            return "killed"
    # 2. an adjacent label when nothing is counted: "34 wounded", "more than a dozen wounded"
    if counted is None and (r := _adjacent_role(ctx, it, core_toks, None)):
        return r
    # 3. the governing words
    t = counted if counted is not None else core_toks[-1]
    for _ in range(5):
        h = t.head
        if h.i == t.i or not (sent_lo <= h.idx < sent_hi):
            break
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"):
            break  # "... were killed, and the number of people ... is estimated to rise by 2 million": another clause
        r = _role_of(h)
        if r:
            return r
        if h.pos_ in ("VERB", "AUX"):
            r = _clause_role(h)
            if r:
                return r
            if h.lemma_.lower() not in _LIGHT_VERBS:
                break
        t = h
    return _adjacent_role(ctx, it, core_toks, counted)


def _adjacent_role(ctx: _Ctx, it: _Item, core_toks: list[Any], counted: Any) -> str | None:
    """A role word right after ("34 wounded", "11 people killed") or a label before ("Killed - 11", "wounded: 34")."""
    sdoc = ctx.sdoc
    after_i = (counted.i if counted is not None and counted.i > core_toks[-1].i else core_toks[-1].i) + 1
    for k in range(after_i, min(after_i + 2, len(sdoc))):
        tk = sdoc[k]
        if tk.is_punct or tk.pos_ == "CCONJ":
            break
        if tk.pos_ in ("VERB", "ADJ", "NOUN") and (r := _role_of(tk)):
            return r
        if tk.lower_ not in ("were", "was", "have", "had", "been", "are", "people", "persons"):
            break
    k = core_toks[0].i - 1
    if k >= 1 and sdoc[k].text in (":", "-", "–", "—"):
        r = _role_of(sdoc[k - 1])
        if r:
            return r
    return None


def _clause_role(v: Any) -> str | None:
    """Roles said by the complements of a verb: "left 11 people dead", "the death toll rose", "lost their lives"."""
    r = _role_of(v)
    if r:
        return r
    for c in v.children:
        if c.dep_ in ("acomp", "oprd", "xcomp", "attr", "dobj") and (r := _role_of(c)):
            return r
        if c.dep_ in ("nsubj", "nsubjpass") and v.lemma_.lower() in _LIGHT_VERBS:
            for d in c.subtree:
                if d.lemma_.lower() in (
                    "toll", "death", "dead", "casualty", "fatality", "injured", "wounded", "killed", "loss", "kill",
                    "die",
                ):
                    rr = _role_of(d) or _ROLE.get(d.lower_)
                    if rr:
                        return rr
    return None


# Surface forms that say a role right after the counted words ("Two militias killed", "Three civilians, two
# soldiers killed", "'Up to five' killed", "One KIA"), for headlines whose parse misses the link.
_ROLE_SURFACE = {
    "killed": "killed", "dead": "killed", "died": "killed", "die": "killed", "dies": "killed", "perished": "killed",
    "executed": "killed", "murdered": "killed", "slain": "killed", "kia": "killed",
    "wounded": "wounded", "injured": "wounded", "hurt": "wounded", "wia": "wounded",
    "missing": "missing", "mia": "missing", "captured": "captured", "detained": "detained", "arrested": "detained",
    "deported": "deported", "lost": "killed",
}  # fmt: skip
# A verb right before the number that makes it the object: "kills two militiamen", "wounding four more",
# "lost more than 70 servicemen", "eliminated 106 invaders".
_ROLE_VERB_BEFORE = {
    "kill": "killed", "kills": "killed", "killed": "killed", "killing": "killed",
    "wound": "wounded", "wounds": "wounded", "wounded": "wounded", "wounding": "wounded",
    "injure": "wounded", "injures": "wounded", "injured": "wounded", "injuring": "wounded",
    "lost": "killed", "lose": "killed", "loses": "killed", "losing": "killed",
    "eliminated": "killed", "eliminates": "killed", "eliminating": "killed", "destroyed": "killed",
    "liquidated": "killed", "captured": "captured", "capturing": "captured", "detained": "detained",
    "arrested": "detained",
}  # fmt: skip
_RX_TOLL_BEFORE = regex.compile(
    r"\b(?:death\s+toll|toll|number\s+of\s+(?:[\p{L}’'-]+\s+){0,6}?"
    r"(?:(injured|wounded)|killed|dead|who\s+(?:have\s+)?died|deaths))\b[^.;:]{0,80}?\b(?:rises?|rose|risen|increased?|increases|climbed|climbs|reached|reaches|grew|grows|"
    r"jumped|jumps|stands?|stood|is|was|has\s+(?:risen|reached|grown|climbed|increased)|tops|topped|exceeds?|"
    r"exceeded|hits?)\s+(?:to\s+)?(?:at\s+least\s+|more\s+than\s+|over\s+|almost\s+|nearly\s+)?$",
    _I,
)
_NEEDS_PEOPLE = {"lost", "lose", "loses", "losing", "eliminated", "eliminates", "eliminating", "destroyed", "liquidated"}
_PASS_POS = {"NOUN", "PROPN", "ADJ", "NUM", "DET", "AUX", "ADV", "PART", "CCONJ"}


def _is_agent(tok: Any) -> bool:
    """The counted noun is the subject of an active role verb with an object ("Two brigades captured the town")."""
    h = tok.head
    return (
        tok.dep_ == "nsubj"
        and h.pos_ == "VERB"
        and _role_of(h) is not None
        and any(
            c.dep_ == "dobj" and c.i > h.i and not _RX_BREAK_GAP.search(tok.doc.text[h.idx : c.idx])
            for c in h.children
        )
    )


def _surface_role(ctx: _Ctx, it: _Item, counted: Any) -> str | None:
    """A role said by the words around the number when the parse gives none (headline style)."""
    if not ctx.parsed:
        return None
    sdoc = ctx.sdoc
    toks = ctx.tokens(it.start, it.end)
    if not toks:
        return None
    sent_lo, sent_hi = ctx.sentence(it.start)
    if m := _RX_TOLL_BEFORE.search(ctx.text[max(sent_lo, it.start - 160) : it.start]):
        return "wounded" if m[1] else "killed"  # "the number of people killed ... has increased to four"
    k = toks[0].i - 1
    if k >= 0 and sdoc[k].idx >= sent_lo and (r := _ROLE_VERB_BEFORE.get(sdoc[k].lower_)):
        if counted is not None or sdoc[k].lower_ not in _NEEDS_PEOPLE:
            return r  # "lost two" (wars), "destroyed 2.25m tonnes": only with a person-like counted noun
    i = max(toks[-1].i, counted.i if counted is not None else -1) + 1
    for tk in sdoc[i : i + 10]:
        if tk.idx >= sent_hi:
            break
        r = _ROLE_SURFACE.get(tk.lower_)
        if r and (counted is not None or tk.lower_ != "lost"):
            if any(c.dep_ == "dobj" for c in tk.children):
                return None  # "Two brigades captured the town": the subject does, it is not done to
            return r
        if tk.is_punct:
            if tk.text in (",", "'", "’", "‘", '"', "“", "”"):
                continue
            break
        if tk.pos_ in _PASS_POS or tk.lower_ in ("including", "of", "in", "near", "from", "at"):
            continue
        break
    return None


_CASUALTY_ROLES = {"killed", "wounded", "missing", "captured", "detained", "abducted"}


def _article_counts(ctx: _Ctx) -> list[_Core]:
    """ "a soldier was killed", "A woman was wounded": a count of one said with an article, kept only for a
    casualty (a person-like noun with a role) and not for a named person ("a Russian man, Alexey M., was
    detained")."""
    out = []
    for t in ctx.sdoc:
        if t.lower_ not in ("a", "an") or t.dep_ != "det":
            continue
        h = t.head
        if h.i <= t.i or h.pos_ != "NOUN" or not _people_like(h) or h.tag_ in ("NNS", "NNPS"):
            continue
        if h.lemma_.lower() in ("body", "corpse", "force", "unit"):
            continue
        if h.dep_ == "dobj":
            if _ROLE_VERB_BEFORE.get(h.head.lower_) not in _CASUALTY_ROLES or h.head.lower_ in _NEEDS_PEOPLE:
                continue  # "killed a civilian", not "citing an imprisoned activist"
        elif h.dep_ not in ("nsubj", "nsubjpass", "ROOT"):
            continue  # "citing an imprisoned activist", "an international body": a description, not a count
        if any(c.dep_ == "appos" for c in h.children) or h.lower_ in ("number", "total", "lot", "group"):
            continue
        if h.dep_ == "pobj" and h.head.lower_ in ("including", "among"):
            continue  # "six wounded, including a girl": part of a count already given
        core = _Core(t.idx, t.idx + len(t), 1.0, None, None, "num", False)
        it = _Item(core)
        role = _role(ctx, it, h) or _surface_role(ctx, it, h)
        if role in _CASUALTY_ROLES:
            out.append(core)
    return out


def extract_quantities(sdoc: Any) -> list[Quantity]:
    """Every numeric claim of ``sdoc`` (a spaCy Doc over the stored text), in text order."""
    ctx = _Ctx(sdoc)
    cores = _cores(ctx)
    if ctx.parsed and (arts := _article_counts(ctx)):
        cores = sorted(cores + arts, key=lambda c: c.start)
    items = _merge_ranges(ctx, cores)
    out: list[Quantity] = []
    prev_in_sentence: dict[int, Quantity] = {}
    text = ctx.text
    for it in items:
        if not _units_and_hedges(ctx, it):
            continue
        article = len(it.cores) == 1 and text[it.cores[0].start : it.cores[0].end].lower() in ("a", "an")
        tok = ctx.token_at(it.start).head if article else _counted(ctx, it)
        if tok is not None and tok.lower_ == "worth":  # "$100 million worth of drones"
            pobj = [g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            tok = pobj[0] if pobj else None
        counted_text = None
        role = None
        if tok is not None:
            low = tok.lemma_.lower()
            if low in _UNIT_NAMES_IN_COUNTED:
                tok = None
            elif low in _ROLE_NOUNS or tok.lower_ in _ROLE_NOUNS:
                counted_text = None
            else:
                counted_text = _noun_phrase(tok)
        strength = _STRONG_AFTER.match(text[it.end : it.end + 8]) is not None  # "120-strong": a size, no role
        if (it.unit is None or it.unit == "fraction") and not strength:
            if tok is not None and _is_agent(tok):
                role = None  # "Two soldiers killed three civilians": the soldiers did it
            elif tok is None or _people_like(tok) or tok.lemma_.lower() in _ROLE_NOUNS:
                role = _role(ctx, it, tok)
                if role is None:
                    role = _surface_role(ctx, it, tok)
            elif tok.pos_ == "PROPN":  # "Two Ukraine soldiers killed": the parse stops at "Ukraine"
                role = _surface_role(ctx, it, tok)
            if role is None and tok is not None and tok.lemma_.lower() in ("casualty",):
                role = "casualties"
        if (
            it.cores[0].kind == "num"
            and ctx.text[it.cores[0].start : it.cores[0].end].lower() == "one"
            and len(it.cores) == 1
            and it.qualifier is None
            and it.unit is None
            and role is None
            and not (tok is not None and _people_like(tok))
        ):
            continue  # "one study", "on the one hand", "one voice": not a numeric claim
        if article and role not in _CASUALTY_ROLES:
            continue
        s_lo, s_hi = ctx.sentence(it.start)
        if counted_text is None and role is not None and (prev := prev_in_sentence.get(s_lo)) is not None:
            if prev.role is not None and prev.counted is not None:
                counted_text = prev.counted  # "11 people were killed and 34 wounded"
        q = Quantity(
            start=it.start,
            end=it.end,
            text=text[it.start : it.end],
            value=it.value,
            low=it.low,
            high=it.high,
            unit=it.unit,
            qualifier=it.qualifier,
            counted=counted_text,
            role=role,
            sentence_start=s_lo,
            sentence_end=s_hi,
        )
        out.append(q)
        prev_in_sentence[s_lo] = q
    return out


@register_stage("extract.quantities", requires=["analysis"], provides=["quantities"])
class QuantitiesStage:
    """Numbers with unit, hedge, counted thing and casualty role (killed, wounded, detained, ...)."""

    def __call__(self, doc: Document) -> Document:
        doc.quantities = doc.outside_boilerplate(extract_quantities(analysis_of(doc)))
        return doc
