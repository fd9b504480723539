"""Quotes and reported speech, with their speaker and the outlet they were told to.

``extract_quotes(sdoc, doc)`` reads the spaCy parse of the whole stored text
(offsets equal to ``doc.text``) plus ``doc.segments`` and ``doc.mentions`` and
returns :class:`~newstrace.record.Quote` records sorted by position. It makes no
model call of its own: regular expressions compiled once, and walks over the parse.

What is found
-------------
* Direct quotes between quotation marks: straight ``"..."``, curly ``“...”``,
  low-high ``„...“``, angle ``«...»`` and single ``‘...’`` / ``'...'`` (an opening
  single mark must follow a space or bracket and precede a letter; a closing one
  must not be followed by a letter, so apostrophes in *don't* or *Ukraine's* are
  never quote marks). Quotes running over several paragraphs (an opening mark
  with no close, the next paragraph opening again) become one quote. Partial
  quotes inside a sentence and quoted headlines are kept as ``kind="direct"``;
  a quote inside another quote is dropped.
* Dash quotes of machine-translated Slavic/Polish text: a paragraph or sentence
  opening with ``- `` / ``– `` / ``— `` (also glued: ``.- We expect``), running to a
  speech tail ``- he added.`` / ``- said the ambassador.`` / ``, "he warned`` /
  ``.- Steinmeier said.`` that names the speaker. A dash quote without a tail is
  kept only when the sentence before introduces speech (``And she added.``,
  ``He said:``) and then takes that sentence's subject.
* Headline-style quotes on a short line: ``Lavrov: We don't want war`` (the part
  before the colon must be a person mention or name a role).
* Reported speech (``kind="indirect"``): a speech verb (say, tell, claim, warn,
  stress, add, note, state, announce, report, deny, insist, ...) with a subject
  and a clause (``X said (that) ...``, ``X told Y (that) ...``, ``..., X said``),
  ``X denied targeting civilians`` (object / gerund of deny, confirm, announce,
  ...), and ``according to X, ...``. The content is the reported clause.

Speaker
-------
The subject of the speech verb next to the quote (``"...," said John Smith``,
``John Smith said: "..."``, ``"...," the minister added``), as the words written
("a soldier who asked not to be named" stays a description). Pronouns
(he/she/they/it) and definite descriptions ("the ambassador", "the minister")
are resolved to the nearest preceding compatible speaker or person mention:
he/she against a small list of first names, titles and Slavic female surname
endings (unknown gender is compatible with both); "the ambassador" only to a
person whose mention is introduced with that role word, "the politician"-like
generic words to the nearest named speaker of the same or the previous
paragraph. When a pronoun or description is resolved, ``speaker`` and
``speaker_start/_end`` are those of the antecedent (so ``doc.text[s:e] ==
speaker`` always holds); when resolution is unsure the words are kept ("he").
``speaker`` is ``None`` when nothing in the text names one (scare quotes,
headlines without a cue).

Attribution conventions of news writing are followed: a paragraph that is one
quote and nothing else continues the speaker of the previous paragraph's quote,
and a quote right after another quote's attribution in the same paragraph
(``"...," said Janes, an agency. "(This) reduces ..."``) continues its speaker;
those quotes have a speaker but no cue; so does the second half of a split quote (``"Judge," Brafman
said, "I have never ..."``) and a partial quote inside reported speech (``Graham argued that being
American "is an idea"``). A partial quote with no speech verb next to it takes the subject of the speech
verb governing it, else of its sentence's main verb when that subject can speak (``Cruz pledged to
oppose legal status "today, tomorrow, forever."``; ``Tanks rolled through the "liberated" village``
gets none). A headline ``Trump: 'I'm the Worst Thing ...'`` or ``Paul Ryan: FBI Decision 'Defies
Explanation'`` is one quote of the name before the colon. Quoted numbers and dates and markup
attribute values (``tweet_id="6721..."``) are not quotes. Reported speech inside a direct quote,
with a first-person subject, or in a question is not extracted. ``cue`` is
lower-cased ("said", "told", "according to", "said in a statement", ":").

``speaker_entity`` is the entity of a person mention inside the speaker span,
else of an organisation (group, unit, outlet) mention in its head part, before
any preposition ("a soldier with the 93rd Brigade" names no entity). ``cited_outlet`` is the canonical
name (see :data:`OUTLETS`, :func:`outlet_name`) of an outlet cited next to the
cue: "told the BBC", "in an interview with CNN", "said on TVN24", "according to
the Kyiv Independent", "Reuters reported", "(via Interfax)", or a mention whose
entity type is ``outlet``.

Helpers shared with :mod:`newstrace.extract.claims`: :func:`outlet_cites`
(outlets cited in a span, with the kind of citation), :func:`speaker_outlet` /
:func:`outlet_descriptor` (is a speaker an outlet?) and :func:`platform_posts`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from ..pipeline import register_stage
from ..record import Document, Mention, Quote

__all__ = [
    "OUTLETS",
    "outlet_name",
    "extract_quotes",
    "QuotesStage",
    "outlet_cites",
    "speaker_outlet",
    "outlet_descriptor",
    "platform_posts",
    "OutletCite",
    "SPEECH_LEMMAS",
]

# ---------------------------------------------------------------------------
# Outlets
# ---------------------------------------------------------------------------

#: Canonical outlet name -> aliases as they appear in text (case as usually written;
#: matching in text is case-sensitive for acronyms, ``outlet_name`` is case-insensitive).
OUTLETS: dict[str, tuple[str, ...]] = {
    # international agencies and broadcasters
    "Reuters": ("Reuters", "Thomson Reuters", "REUTERS"),
    "Associated Press": ("Associated Press", "AP", "The Associated Press", "AP News"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "France Presse"),
    "BBC": ("BBC", "BBC News", "the BBC", "BBC World Service", "BBC Ukrainian", "BBC Russian", "BBC Radio 4", "BBC Newsnight", "Newsnight"),
    "CNN": ("CNN", "CNN International"),
    "The Guardian": ("The Guardian", "Guardian", "the Observer", "The Observer"),
    "The Telegraph": ("The Telegraph", "The Daily Telegraph", "Daily Telegraph", "Telegraph"),
    "The Washington Post": ("The Washington Post", "Washington Post", "WaPo"),
    "The New York Times": ("The New York Times", "New York Times", "NYT", "NY Times"),
    "Fox News": ("Fox News", "Fox News Digital", "Fox Business"),
    "The Wall Street Journal": ("The Wall Street Journal", "Wall Street Journal", "WSJ"),
    "Financial Times": ("Financial Times", "The Financial Times", "FT"),
    "The Times": ("The Times", "The Sunday Times", "Sunday Times", "Times of London"),
    "The Independent": ("The Independent",),
    "The Economist": ("The Economist", "Economist"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "Politico": ("Politico", "POLITICO", "Politico Europe"),
    "Axios": ("Axios",),
    "NBC News": ("NBC News", "NBC"),
    "ABC News": ("ABC News", "ABC"),
    "CBS News": ("CBS News", "CBS", "60 Minutes"),
    "CNBC": ("CNBC",),
    "MSNBC": ("MSNBC",),
    "NPR": ("NPR", "National Public Radio"),
    "PBS": ("PBS", "PBS NewsHour"),
    "USA Today": ("USA Today", "USA TODAY"),
    "Los Angeles Times": ("Los Angeles Times", "LA Times"),
    "Newsweek": ("Newsweek",),
    "The Atlantic": ("The Atlantic",),
    "The New Yorker": ("The New Yorker", "New Yorker"),
    "The Hill": ("The Hill",),
    "Business Insider": ("Business Insider", "Insider"),
    "Vox": ("Vox",),
    "Voice of America": ("Voice of America", "VOA"),
    "Radio Free Europe/Radio Liberty": ("Radio Free Europe/Radio Liberty", "Radio Free Europe", "RFE/RL", "Radio Liberty", "Radio Svoboda", "Radio Svaboda"),
    "Current Time": ("Current Time", "Current Time TV"),
    "Sky News": ("Sky News", "Sky"),
    "ITV News": ("ITV News", "ITV"),
    "Channel 4 News": ("Channel 4 News", "Channel 4"),
    "Daily Mail": ("Daily Mail", "The Daily Mail", "MailOnline", "Mail Online", "The Mail on Sunday", "Mail on Sunday"),
    "The Sun": ("The Sun",),
    "Daily Mirror": ("Daily Mirror", "The Mirror"),
    "Daily Express": ("Daily Express", "The Express"),
    "Evening Standard": ("Evening Standard", "London Evening Standard"),
    "Al Jazeera": ("Al Jazeera", "Al-Jazeera", "Aljazeera"),
    "Al Arabiya": ("Al Arabiya", "Al-Arabiya"),
    "Deutsche Welle": ("Deutsche Welle", "DW"),
    "Euronews": ("Euronews",),
    "France 24": ("France 24", "France24"),
    "Le Monde": ("Le Monde",),
    "Le Figaro": ("Le Figaro",),
    "Der Spiegel": ("Der Spiegel", "Spiegel"),
    "Bild": ("Bild", "Bild am Sonntag"),
    "Die Welt": ("Die Welt",),
    "Frankfurter Allgemeine Zeitung": ("Frankfurter Allgemeine Zeitung", "FAZ", "Frankfurter Allgemeine"),
    "Süddeutsche Zeitung": ("Süddeutsche Zeitung", "Sueddeutsche Zeitung"),
    "ZDF": ("ZDF",),
    "ARD": ("ARD",),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "ANSA": ("ANSA",),
    "EFE": ("EFE",),
    "Corriere della Sera": ("Corriere della Sera",),
    "La Repubblica": ("La Repubblica",),
    "El País": ("El País", "El Pais"),
    "Xinhua": ("Xinhua",),
    "CGTN": ("CGTN",),
    "Global Times": ("Global Times",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "NHK": ("NHK",),
    "Yonhap": ("Yonhap",),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
    "Haaretz": ("Haaretz",),
    "The Times of Israel": ("The Times of Israel", "Times of Israel"),
    "Bellingcat": ("Bellingcat",),
    "Oryx": ("Oryx",),
    "Defense News": ("Defense News",),
    "The War Zone": ("The War Zone",),
    # Ukraine
    "Kyiv Independent": ("Kyiv Independent", "The Kyiv Independent", "Kiev Independent"),
    "Kyiv Post": ("Kyiv Post", "Kiev Post", "KyivPost"),
    "Ukrinform": ("Ukrinform",),
    "UNIAN": ("UNIAN", "Unian"),
    "Ukrainska Pravda": ("Ukrainska Pravda", "Ukrayinska Pravda", "Ukrainskaya Pravda", "Ukrainian Pravda", "Ukrainian Truth", "Ukrainska Pravda's"),
    "European Pravda": ("European Pravda", "Yevropeiska Pravda", "Evropeiska Pravda"),
    "Ekonomichna Pravda": ("Ekonomichna Pravda", "Economic Pravda"),
    "Suspilne": ("Suspilne", "Suspilne Media", "Suspilne News", "Public Broadcaster Suspilne"),
    "Hromadske": ("Hromadske", "Hromadske TV", "Hromadske Radio"),
    "Interfax-Ukraine": ("Interfax-Ukraine", "Interfax Ukraine"),
    "RBC-Ukraine": ("RBC-Ukraine", "RBC Ukraine", "RBK-Ukraina"),
    "LIGA.net": ("LIGA.net", "Liga.net", "LIGA"),
    "Censor.net": ("Censor.net", "Censor.NET"),
    "NV": ("New Voice of Ukraine", "Novoye Vremya", "Nove Vremya", "NV.ua"),
    "Dzerkalo Tyzhnia": ("Dzerkalo Tyzhnia", "Zerkalo Nedeli", "ZN.ua", "Mirror of the Week"),
    "Glavcom": ("Glavcom", "Glavkom"),
    "Espreso TV": ("Espreso TV", "Espreso"),
    "24 Kanal": ("24 Kanal", "Channel 24"),
    "TSN": ("TSN",),
    "1+1": ("1+1",),
    "ICTV": ("ICTV",),
    "Obozrevatel": ("Obozrevatel",),
    "Strana.ua": ("Strana.ua", "Strana"),
    "Babel": ("Babel.ua", "The Babel"),
    "UNN": ("UNN", "Ukrainian News Agency"),
    "Ukrainian News": ("Ukrainian News",),
    "ArmyInform": ("ArmyInform", "Army Inform"),
    "Militarnyi": ("Militarnyi", "Militarny"),
    "Defense Express": ("Defense Express",),
    "Radio NV": ("Radio NV",),
    "Slovo i Dilo": ("Slovo i Dilo",),
    "Detector Media": ("Detector Media",),
    "United News": ("United News", "United News telethon"),
    "Ukraine Business News": ("Ukraine Business News",),
    # Russia
    "TASS": ("TASS", "Tass", "ITAR-TASS", "Itar-Tass", "ITAR-Tass"),
    "RIA Novosti": ("RIA Novosti", "RIA", "RIA-Novosti"),
    "Interfax": ("Interfax",),
    "RT": ("RT", "Russia Today"),
    "Sputnik": ("Sputnik",),
    "Kommersant": ("Kommersant",),
    "Vedomosti": ("Vedomosti",),
    "Izvestia": ("Izvestia", "Izvestiya"),
    "RBC": ("RBC", "RBK"),
    "Novaya Gazeta": ("Novaya Gazeta", "Novaya Gazeta Europe"),
    "Meduza": ("Meduza",),
    "Mediazona": ("Mediazona", "MediaZona", "Mediazona's"),
    "TV Rain": ("TV Rain", "Dozhd", "TV Dozhd"),
    "Echo of Moscow": ("Echo of Moscow", "Ekho Moskvy"),
    "Fontanka": ("Fontanka", "Fontanka.ru"),
    "The Insider": ("The Insider",),
    "Verstka": ("Verstka",),
    "Agentstvo": ("Agentstvo", "Agentstvo.News"),
    "iStories": ("iStories", "Important Stories", "Vazhnye Istorii"),
    "Rossiyskaya Gazeta": ("Rossiyskaya Gazeta", "Rossiiskaya Gazeta"),
    "Komsomolskaya Pravda": ("Komsomolskaya Pravda",),
    "Moskovsky Komsomolets": ("Moskovsky Komsomolets",),
    "Lenta.ru": ("Lenta.ru",),
    "Gazeta.ru": ("Gazeta.ru",),
    "Channel One": ("Channel One", "Perviy Kanal", "Pervy Kanal", "Channel One Russia"),
    "Rossiya 1": ("Rossiya 1", "Rossiya-1", "Russia-1", "Russia 1"),
    "NTV": ("NTV",),
    "Zvezda": ("Zvezda", "Zvezda TV"),
    "REN TV": ("REN TV", "REN-TV"),
    "Baza": ("Baza",),
    "Mash": ("Mash",),
    "SHOT": ("SHOT",),
    "Readovka": ("Readovka",),
    "Rybar": ("Rybar",),
    "WarGonzo": ("WarGonzo",),
    "Grey Zone": ("Grey Zone", "Gray Zone"),
    "Two Majors": ("Two Majors",),
    "Regnum": ("Regnum",),
    "RIA FAN": ("RIA FAN", "Federal News Agency"),
    "Life": ("Life.ru", "LIFE"),
    # Belarus
    "BelTA": ("BelTA", "Belta", "BELTA", "eng.belta.by"),
    "Nexta": ("Nexta", "NEXTA", "Nexta Live"),
    "Zerkalo": ("Zerkalo", "Zerkalo.io"),
    "Tut.by": ("Tut.by", "TUT.BY"),
    "Nasha Niva": ("Nasha Niva",),
    "Belsat": ("Belsat", "Belsat TV"),
    "Charter 97": ("Charter 97", "Charter97"),
    "Belarus Feed": ("Belarus Feed", "Belarusfeed", "BelarusFeed"),
    "Belarusian Hajun": ("Belarusian Hajun", "Hajun"),
    "Onliner": ("Onliner",),
    "Euroradio": ("Euroradio",),
    "Belarus 1": ("Belarus 1", "Belarus-1"),
    # Poland
    "TVN24": ("TVN24", "TVN 24", "TVN24.pl", "tvn24.pl"),
    "TVN": ("TVN",),
    "Onet": ("Onet", "Onet.pl"),
    "Gazeta Wyborcza": ("Gazeta Wyborcza", "Wyborcza", "Electoral Gazette"),
    "Gazeta.pl": ("Gazeta.pl", "gazeta.pl"),
    "PAP": ("PAP", "Polish Press Agency"),
    "Rzeczpospolita": ("Rzeczpospolita", "Rzeczpospolitej"),
    "RMF FM": ("RMF FM", "RMF24", "RMF"),
    "Radio Zet": ("Radio Zet", "Radio ZET"),
    "Polsat News": ("Polsat News", "Polsat"),
    "TVP": ("TVP", "TVP Info", "TVP World"),
    "Polskie Radio": ("Polskie Radio", "Polish Radio"),
    "Wirtualna Polska": ("Wirtualna Polska", "WP.pl", "Wp.pl"),
    "Interia": ("Interia", "Interia.pl"),
    "Dziennik Gazeta Prawna": ("Dziennik Gazeta Prawna", "DGP"),
    "Newsweek Polska": ("Newsweek Polska",),
    "Polityka": ("Polityka",),
    "Notes from Poland": ("Notes from Poland",),
    "Do Rzeczy": ("Do Rzeczy",),
    "wPolityce": ("wPolityce", "wPolityce.pl"),
    "Super Express": ("Super Express",),
    "Fakt": ("Fakt",),
    "Money.pl": ("Money.pl",),
    "Defence24": ("Defence24", "Defence24.pl"),
    # Bulgaria
    "BTA": ("BTA", "Bulgarian News Agency", "Bulgarian Telegraph Agency"),
    "BNT": ("BNT", "Bulgarian National Television"),
    "BNR": ("BNR", "Bulgarian National Radio"),
    "bTV": ("bTV",),
    "Nova TV": ("Nova TV",),
    "Dnevnik": ("Dnevnik",),
    "Capital": ("Capital.bg",),
    "24 Chasa": ("24 Chasa",),
    "Trud": ("Trud",),
    "Mediapool": ("Mediapool",),
    "Novinite": ("Novinite",),
    "Sega": ("Sega.bg",),
    "Club Z": ("Club Z",),
    "OFFNews": ("OFFNews", "Offnews"),
    "Bird.bg": ("Bird.bg",),
}

# Aliases that only name an outlet with their "The" ("The Sun", not "sun").
_NEED_THE = {"sun", "times", "independent", "hill", "atlantic", "mirror", "express", "insider", "observer", "babel"}
# Aliases too ambiguous to match in running text (still accepted by outlet_name on an ORG span).
_NOT_IN_TEXT = {"Sky", "Insider", "LIFE", "Life", "Sega", "Vox", "Babel", "Mash", "Capital", "Strana", "Trud", "Sega.bg", "Life.ru", "LIGA", "RIA",
                "Telegraph", "Guardian", "Espreso", "Baza", "SHOT", "ABC", "Spiegel", "Economist", "Polsat", "TVN",
                "FT", "Channel 4", "ITV", "Channel 24", "Polityka", "Fakt", "Dnevnik", "Zerkalo", "Onliner"}


def _norm_outlet(text: str) -> str:
    t = text.strip().strip(".,;:!?()[]\"'“”‘’«»").strip()
    t = re.sub(r"(?:['’]s|['’])$", "", t)
    t = re.sub(r"\s+", " ", t).lower()
    if t.startswith("the ") and t[4:] not in _NEED_THE:
        t = t[4:]
    return t


_OUTLET_BY_NORM: dict[str, str] = {}
for _canon, _aliases in OUTLETS.items():
    for _alias in (_canon, *_aliases):
        _OUTLET_BY_NORM.setdefault(_norm_outlet(_alias), _canon)


def outlet_name(text: str) -> str | None:
    """The canonical outlet name for a span ("the BBC's" -> "BBC"), or None.

    Tolerant of a leading "the", a possessive, surrounding punctuation and case.
    """
    if not text or len(text) > 80:
        return None
    return _OUTLET_BY_NORM.get(_norm_outlet(text))


def _build_outlet_re() -> re.Pattern[str]:
    alts: set[str] = set()
    for canon, aliases in OUTLETS.items():
        for a in (canon, *aliases):
            if a in _NOT_IN_TEXT:
                continue
            a2 = a[4:] if a.startswith(("The ", "the ")) and _norm_outlet(a) not in _NEED_THE else a
            if len(a2) < 2:
                continue
            alts.add(a2)
    def pat(a: str) -> str:
        p = re.escape(a).replace(r"\ ", r"\s+")
        return "[Tt]he" + p[3:] if a.startswith("The") else p

    body = "|".join(pat(a) for a in sorted(alts, key=len, reverse=True))
    return re.compile(rf"(?<![\w.+-])(?:[Tt]he\s+)?(?:{body})(?:['’]s)?(?![\w+]|\.\w)")


_OUTLET_RE = _build_outlet_re()

_PLATFORM_RE = re.compile(
    r"\b(?:(?:posted|wrote|written|said|published|shared|announced|reported|stated|tweeted|writes|posts|says|"
    r"reports)\b[^.\n]{0,60}?\b)?(?:on|via|in)\s+(?:(?:his|her|their|its|the|an?|own)\s+)?(?:official\s+|personal\s+)?"
    r"(?P<p>Telegram|Facebook|Twitter|Instagram|YouTube|VKontakte|VK|TikTok|Truth\s+Social|Weibo|X)"
    r"(?:\s+(?:channel|account|page|post|feed|video))?\b"
)

_CITE_BEFORE = (
    ("according_to", re.compile(r"\baccording\s+to(?:\s+(?:an?|the))?\s*$", re.I)),
    ("quoted_to", re.compile(
        r"\b(?:told|tell|tells|telling|said\s+to|says\s+to|speaking\s+to|spoke\s+to|speaks\s+to|talking\s+to|talked\s+to|"
        r"interview\s+(?:with|to|for)|interviewed\s+by|speaking\s+(?:on|with)|spoke\s+(?:on|with)|appearing\s+on|"
        r"appeared\s+on|said\s+on|says\s+on|comments?\s+to|comment\s+(?:for|to)|statement\s+to|"
        r"(?:said|stated|noted|added|emphasized|stressed|argued|assessed|explained|commented|pointed\s+out)\s+(?:on|in|for))"
        r"\s*$", re.I)),
    ("reported_by", re.compile(
        r"(?:\b(?:reported\s+by|cited\s+by|quoted\s+by|published\s+by|seen\s+by|obtained\s+by|reviewed\s+by|"
        r"verified\s+by|confirmed\s+by|via|citing|cites|cited|writes|wrote|reports|reported|reporting\s+by|"
        r"according\s+to\s+(?:a|an|the)\s+(?:report|article|investigation|story)\s+(?:by|in|from)|report\s+(?:by|in|from)|"
        r"article\s+(?:by|in)|investigation\s+by|published\s+in|told\s+(?:a|the)\s+\w+\s+(?:of|from))|\()\s*$", re.I)),
)
_CITE_AFTER = re.compile(
    r"^(?:['’]s?)?\s*(?:(?:correspondent|reporter|journalist|investigation|report|article|analysis|"
    r"sources?|editor)s?\b|"
    r"(?:(?:Telegram\s+)?(?:channel|agency|news\s+agency|newspaper|daily|website|portal|TV|"
    r"broadcaster)\s+)?(?:,\s*)?(?:reported|reports|said|says|wrote|writes|quoted|cited|learned|has\s+learned|"
    r"has\s+reported|reporting|informs|informed|published|revealed|found|established|citing|cites|reminded|"
    r"recalled|noted|added|stated|announced|claims|claimed|quotes|notes|adds|recalls|reminds)\b)"
)


@dataclass(slots=True)
class OutletCite:
    """An outlet cited in a span of text and how: according_to, quoted_to or reported_by."""

    start: int
    end: int
    outlet: str  # canonical name
    kind: str


def _cite_kind(text: str, s: int, e: int) -> str | None:
    before = text[max(0, s - 48):s]
    after = text[e:e + 48]
    for kind, rx in _CITE_BEFORE:
        if rx.search(before):
            return kind
    if _CITE_AFTER.match(after):
        return "reported_by"
    return None


def outlet_cites(text: str, start: int, end: int, mentions: list[tuple[int, int, str]] | None = None,
                 *, require_cue: bool = True, skip: list[tuple[int, int]] | None = None) -> list[OutletCite]:
    """Outlets cited in ``text[start:end]``, in text order.

    ``mentions``: extra outlet spans (start, end, canonical) from the entity stage.
    With ``require_cue`` (the default) only outlets next to a citation cue count
    ("told the BBC", "Reuters reported", "according to ...", "(via Interfax)").
    ``skip``: spans (e.g. quote contents) whose outlets are ignored.
    """
    found: dict[tuple[int, int], str] = {}
    for m in _OUTLET_RE.finditer(text, start, end):
        canon = outlet_name(m.group(0))
        if canon:
            s = m.start()
            if text.startswith(("the ", "The "), s):
                s += 4
            found[(s, m.end())] = canon
    for s, e, canon in mentions or ():
        if start <= s < end and not any(a < e and s < b for a, b in found):
            found[(s, e)] = canon
    out: list[OutletCite] = []
    for (s, e), canon in sorted(found.items()):
        if skip and any(a <= s < b for a, b in skip):
            continue
        # measure the cue from before an optional "the"
        s0 = s - 4 if text[max(0, s - 4):s] in ("the ", "The ") else s
        kind = _cite_kind(text, s0, e)
        if kind is None:
            if require_cue:
                continue
            kind = "reported_by"
        out.append(OutletCite(s, e, canon, kind))
    return out


_OUTLET_DESCRIPTORS = frozenset(
    "news agency agencies newspaper newspapers daily weekly paper channel channels website site portal broadcaster "
    "television tv radio station outlet media service state-run state-owned state official independent online "
    "telegram news the a an its their russian ukrainian polish belarusian bulgarian british american us u.s. "
    "german french spanish italian pro-kremlin kremlin-backed pro-russian investigative opposition english-language "
    "russia's ukraine's poland's belarus's britain's america's public private national popular leading major".split()
)


def outlet_descriptor(speaker: str | None) -> bool:
    """True for a speaker that only describes an outlet ("the Kremlin news agency", "the newspaper")."""
    if not speaker:
        return False
    words = re.findall(r"[\w.'’-]+", speaker.lower())
    return bool(words) and all(w in _OUTLET_DESCRIPTORS or w == "kremlin" for w in words) and any(
        w in ("agency", "newspaper", "daily", "channel", "website", "portal", "broadcaster", "outlet", "paper", "weekly")
        for w in words)


def speaker_outlet(speaker: str | None) -> str | None:
    """The outlet a speaker span names when the speaker is an outlet ("Russia's Interfax news agency",
    "Spanish newspaper El Pais", "the BBC"), else None ("a BBC correspondent" is a person)."""
    if not speaker:
        return None
    canon = outlet_name(speaker)
    if canon:
        return canon
    found = [m for m in _OUTLET_RE.finditer(speaker)]
    if len(found) != 1:
        return None
    m = found[0]
    rest = (speaker[:m.start()] + " " + speaker[m.end():]).lower()
    words = re.findall(r"[\w.'’-]+", rest)
    if all(w in _OUTLET_DESCRIPTORS for w in words):
        return outlet_name(m.group())
    return None


def platform_posts(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Social platforms a statement was posted on ("wrote on Telegram") in a span: (start, end, platform)."""
    out = []
    for m in _PLATFORM_RE.finditer(text, start, end):
        p = m.group("p")
        if p == "X" and not re.match(r"(?:posted|wrote|tweeted|said|writes|posts|says)", m.group(0)):
            continue
        name = re.sub(r"\s+", " ", p)
        out.append((m.start("p"), m.end("p"), "X" if name == "X" else name))
    return out


# ---------------------------------------------------------------------------
# Speech verbs
# ---------------------------------------------------------------------------

#: Lemmas of verbs that introduce speech next to a quote or a reported clause.
SPEECH_LEMMAS = frozenset(
    "say tell add note state affirm announce report deny insist claim warn stress emphasize emphasise explain write "
    "comment argue assert confirm admit acknowledge declare allege reiterate underline underscore suggest "
    "indicate inform believe think estimate predict tweet post reply respond answer conclude assure promise "
    "threaten point remark observe complain remind urge appeal assess regret specify clarify reveal "
    "maintain repeat concede contend testify vow mention describe quote cite ask stipulate call dub brand label "
    "caution exclaim joke quip shout yell scream chant whisper pledge boast brag retort counter recall recount "
    "proclaim plead demand lament muse interject continue bark boom snap holler beam show find".split()
)
# Lemmas that make reported speech with a clause (the rest only work next to a direct quote).
_INDIRECT_LEMMAS = SPEECH_LEMMAS - {"ask", "describe", "quote", "cite", "post", "tweet", "regret", "continue",
                                    "shout", "yell", "scream", "chant", "whisper", "interject", "muse",
                                    "bark", "boom", "snap", "holler", "beam",
                                    "appeal", "complain", "specify", "call", "dub", "brand", "label"}
# Verbs whose object/gerund is the reported content ("denied targeting civilians").
_OBJ_CONTENT_LEMMAS = frozenset("deny confirm announce report admit acknowledge claim allege reveal promise "
                                "vow threaten predict estimate".split())

_TAIL_VERBS = (
    r"said|says|say|added|adds|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|noted|notes|stated|states|"
    r"explained|explains|assessed|assesses|argued|argues|commented|comments|pointed\s+out|points\s+out|"
    r"regretted|assured|assures|warned|warns|told|tells|wrote|writes|announced|announces|declared|declares|"
    r"mentioned|replied|replies|answered|answers|responded|admitted|admits|insisted|insists|claimed|claims|"
    r"concluded|concludes|continued|continues|recalled|recalls|reminded|reminds|appealed|asked|asks|"
    r"suggested|suggests|underlined|underlines|underscored|indicated|indicates|informed|confirmed|confirms|"
    r"denied|denies|summed\s+up|sums\s+up|summari[sz]ed|judged|urged|urges|estimated|predicted|believes|"
    r"opined|reported|reports|convinced|convinces|encouraged|complained|criticized|criticised|threatened|"
    r"promised|specified|clarified|revealed|acknowledged|maintained|observed|remarked|described|reiterated|"
    r"repeated|hoped|wondered|tweeted|posted|quoted|cited|joked|recounted|explained|exclaimed|shouted|"
    r"calls|called|appeals|emphasised|accented|accentuated|pointed|indicated|assessed|argued"
)
_TAIL_VERB_RE = re.compile(rf"\b(?:{_TAIL_VERBS})\b")
_TAIL_SUBJ_START = re.compile(
    r"(?:he|she|they|it|the|a|an|this|that|one|our|his|her|their|its|[A-ZÀ-ÖØ-ÞĀ-ſА-Я\"“])", re.U
)
_ABBREV = re.compile(r"(?:^|\s)(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Sgt|Maj|Capt|St|Sen|Rep|Gov|Adm|Cpt|Jr|Sr|Mt|No|[A-Z])$")

_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "him": "m", "her": "f", "them": "p"}
_FIRST_PERSON = {"i", "we", "me", "us", "you"}

_ROLE_NOUNS = frozenset(
    "minister ministry ambassador president premier chancellor spokesman spokeswoman spokesperson "
    "official officer soldier commander general governor mayor secretary diplomat envoy adviser advisor "
    "head chief leader politician dictator prosecutor colonel captain lieutenant sergeant major marshal admiral "
    "deputy senator congressman congresswoman lawmaker mp analyst expert researcher director representative "
    "resident man woman witness volunteer medic doctor nurse priest journalist reporter correspondent "
    "fighter commentator economist professor guest interlocutor speaker chairman chairwoman chair "
    "negotiator ombudsman ombudswoman general-governor emperor king queen pope patriarch".split()
)
_ORG_WORDS = frozenset(
    "ministry government office command staff army forces military police service services kremlin pentagon "
    "council agency authorities department embassy administration parliament committee navy headquarters "
    "guard guards intelligence presidency cabinet court company party union alliance nato un eu bloc "
    "commission mission delegation spokesperson".split()
)
_SOURCE_WORDS = frozenset(
    "expert experts analyst analysts official officials source sources witness witnesses resident residents "
    "people observers diplomats soldiers officers troops leaders politicians journalists media daily newspaper "
    "paper outlet channel report reports statement document documents study survey investigation data "
    "portal website site agency broadcaster television station radio blogger bloggers insider insiders "
    "lawmakers ministers spokesmen activists survivors relatives locals volunteers medics doctors rescuers "
    "prosecutors investigators monitors inspectors experts' citizens refugees commanders fighters mercenaries "
    "operator operators person individual someone anyone family families mother father wife husband son daughter "
    "friend neighbour neighbor colleague representative representatives head chief "
    "voters respondents poll polls percent majority majorities americans democrats republicans supporters "
    "critics advocates opponents campaign ad ads email emails tweet letter memo protesters demonstrators crowd "
    "audience".split()
)
_GENERIC_PERSON = frozenset("politician dictator leader guest interlocutor speaker diplomat".split())
_FEMALE_NOUNS = frozenset("spokeswoman woman chairwoman congresswoman ombudswoman queen mother wife daughter "
                          "girl actress lady grandmother sister mrs ms madam".split())
_MALE_NOUNS = frozenset("spokesman man chairman congressman king father husband son boy mr sir grandfather "
                        "brother patriarch pope".split())
_FEMALE_FIRST = frozenset(
    "liz elizabeth maria mariya marija mary iryna irina olena elena olga tatiana tetiana tatyana anna hanna ganna "
    "natalia nataliya natalya yulia yuliia julia oksana svitlana svetlana lyudmila liudmyla lyudmyla ursula kamala "
    "annalena nancy hillary angela victoria viktoria kaja kaia kristi kristina christine karine jen jennifer "
    "margaret linda marie sophie sarah emma agnieszka katarzyna malgorzata małgorzata ewa joanna magdalena "
    "beata dorota monika barbara krystyna halyna galina valentina veronika vira nadiya nadezhda daria darya "
    "kateryna ekaterina yekaterina alina alena marina maryna inna larysa larisa ruslana ivanna zoriana "
    "lesia lesya mette sanna frederiksen giorgia roberta antony-no lisa helen helena susan rachel kate "
    "catherine jill michelle melania nikki tulsi marjorie mariana marianna tamara zhanna lidia lidiya "
    "eliza ana sviatlana sviatlana maia maya".split()
)
_MALE_FIRST = frozenset(
    "volodymyr vladimir dmitry dmitri dmytro sergei sergey serhiy serhii oleksiy oleksii alexei alexey aleksei "
    "alexander oleksandr aleksandr andriy andrii andrij andrzej mateusz jarosław jaroslaw joe john boris emmanuel "
    "olaf antony anthony lloyd mark jens rishi keir ben dmitriy yevgeny evgeny ramzan sergiy mykhailo mykola "
    "kyrylo valerii valery vitali vitaliy vitalii petro pavlo ivan igor ihor yuriy yuri vadym vadim denys denis "
    "oleg oleh viktor victor maxim maksym roman ruslan taras bohdan vasyl wolodymyr wołodymyr zbigniew radosław "
    "radoslaw tomasz piotr paweł pawel marek mariusz donald rumen kiril boyko jake jack james robert charles "
    "william frank-walter frank recep xi narendra jair justin fumio viktor peter david michael richard george "
    "nikolai nikolay kirill ramzan yevgeniy alyaksandr aliaksandr aleksander łukaszenko lukashenko putin".split()
)
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|ëva|owa|ska|cka|dzka|skaya|tskaya|ina|yna|aya|uk-no)$", re.I)

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.U)

# ---------------------------------------------------------------------------
# Internal records
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Q:
    start: int
    end: int
    kind: str = "direct"
    mark_start: int = 0  # outer span (marks / dash / cue) used to avoid double counting
    mark_end: int = 0
    speaker_s: int | None = None
    speaker_e: int | None = None
    cue_s: int | None = None
    cue_e: int | None = None
    cue: str | None = None
    outlet: str | None = None
    verb_i: int | None = None  # token index of the speech verb
    dash: bool = False
    unresolved_pronoun: bool = False
    entity: str | None = None
    speaker_text: str | None = None
    written_s: int | None = None  # the speaker as written, before a pronoun/description is resolved
    written_e: int | None = None
    notes: list[str] = field(default_factory=list)


_PREP_CUT = re.compile(r"\s(?:with|of|from|in|at|for|on|to|near|inside|within)\s")


class _Ctx:
    """Everything computed once per document."""

    def __init__(self, sdoc: Any, doc: Document) -> None:
        self.sdoc = sdoc
        self.doc = doc
        self.text = doc.text
        text = self.text
        from spacy.attrs import IDX

        self.tok_starts = sdoc.to_array(IDX).tolist() if len(sdoc) else []
        self.n_tok = len(self.tok_starts)
        self.sent_starts: list[int] = []  # token indexes
        self.sent_chars: list[int] = []
        for s in sdoc.sents:
            self.sent_starts.append(s.start)
            self.sent_chars.append(s.start_char)
        self.para_bounds: list[tuple[int, int]] = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        self.para_starts = [a for a, _ in self.para_bounds]
        segs = sorted(doc.segments, key=lambda s: s.start)
        self.seg_starts = [s.start for s in segs]
        self.segs = segs
        # mentions
        ms = sorted(doc.mentions, key=lambda m: m.start)
        self.mentions = ms
        self.mention_starts = [m.start for m in ms]
        self.outlet_mentions: list[tuple[int, int, str]] = []
        for m in ms:
            if self.mention_type(m) == "outlet":
                canon = None
                if m.entity and m.entity in doc.entities:
                    canon = doc.entities[m.entity].name
                canon = outlet_name(m.text) or canon or m.text
                self.outlet_mentions.append((m.start, m.end, canon))

    # -- lookups ---------------------------------------------------------
    def mention_type(self, m: Mention) -> str | None:
        if m.entity and m.entity in self.doc.entities:
            return self.doc.entities[m.entity].type
        return {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "place", "LOC": "place",
                "FAC": "place", "UNIT": "unit", "OUTLET": "outlet"}.get(m.label)

    def seg_kind(self, off: int) -> str | None:
        i = bisect_right(self.seg_starts, off) - 1
        if i >= 0 and self.segs[i].start <= off < self.segs[i].end:
            return self.segs[i].kind
        return None

    def tok_at(self, off: int) -> int:
        """Index of the token covering (or the first token after) char ``off``."""
        i = bisect_right(self.tok_starts, off) - 1
        if i < 0:
            return 0
        t = self.sdoc[i]
        if off >= t.idx + len(t.text) and i + 1 < self.n_tok:
            return i + 1
        return i

    def sent_bounds_char(self, off: int) -> tuple[int, int]:
        i = bisect_right(self.sent_chars, off) - 1
        i = max(i, 0)
        s = self.sent_chars[i] if self.sent_chars else 0
        e = self.sent_chars[i + 1] if i + 1 < len(self.sent_chars) else len(self.text)
        return s, e

    def sent_tok_bounds(self, ti: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, ti) - 1
        i = max(i, 0)
        s = self.sent_starts[i] if self.sent_starts else 0
        e = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else self.n_tok
        return s, e

    def para_of(self, off: int) -> int:
        return bisect_right(self.para_starts, off) - 1

    def para_bounds_at(self, off: int) -> tuple[int, int]:
        i = self.para_of(off)
        if i < 0:
            return 0, len(self.text)
        return self.para_bounds[i]

    def mentions_in(self, s: int, e: int) -> list[Mention]:
        lo = bisect_left(self.mention_starts, s - 60)
        out = []
        for m in self.mentions[lo:]:
            if m.start >= e:
                break
            if m.start < e and s < m.end:
                out.append(m)
        return out

    def entity_for(self, s: int, e: int) -> str | None:
        """The entity a speaker span names: a person in it, else an organisation in its head part
        ("a soldier with the 93rd Brigade" names no entity; "a spokesman for the Kremlin" neither)."""
        best = None
        rank = {"person": 0, "organization": 1, "group": 2, "unit": 2, "outlet": 3}
        cut = _PREP_CUT.search(self.text, s, e)
        head_end = cut.start() if cut else e
        for m in self.mentions_in(s, e):
            t = self.mention_type(m)
            if t not in rank or not m.entity:
                continue
            if t != "person" and m.start >= head_end:
                continue
            if best is None or rank[t] < best[0]:
                best = (rank[t], m.entity)
        return best[1] if best else None

    def person_at(self, s: int, e: int) -> Mention | None:
        for m in self.mentions_in(s, e):
            if self.mention_type(m) == "person":
                return m
        return None


# ---------------------------------------------------------------------------
# Quote marks
# ---------------------------------------------------------------------------

_DQ_RE = re.compile(r"[\"“”„«»]")
_CLOSERS = {'"': '"”“', "“": '”"', "„": '“”"', "«": "»", "”": '”"“'}
_SQ_OPEN = re.compile(r"(?<![^\s(\[—–:\-\"“])[‘'](?=[^\W\d_])")
_SQ_CLOSE = re.compile(r"(?<=[\w.,!?…])[’'](?![\w])")
_DASH_OPEN = re.compile(
    r"(?:^|(?<=[.!?…\"”»:;]))[ \t]*([-–—])(?:[ \t]+(?=[\"“„«(]?[\w(])|(?=[A-ZÀ-ÖØ-ÞА-Я\"“„«]))", re.M)
_DASH_TERM = re.compile(
    rf"(?:[ \t]+|(?<=[.!?,…\"”]))[-–—][ \t]+|,?[ \t]*[\"”][ \t]*(?=[a-z])"
    rf"|(?<=[\w.!?…)])[-–—](?=(?:{_TAIL_VERBS})\b|(?:he|she|they)\s+(?:{_TAIL_VERBS})\b)")
_SENT_END_IN_TAIL = re.compile(r"[.!?](?=\s|$|[-–—\"“”A-ZА-Я])|\s[-–—]\s|[\"“”]|$")


def _content_trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\r\n":
        s += 1
    while e > s and text[e - 1] in " \t\r\n":
        e -= 1
    return s, e


def _scan_marks(ctx: _Ctx, consumed: set[int]) -> list[_Q]:
    text = ctx.text
    out: list[_Q] = []
    carry: tuple[int, int] | None = None  # (mark_start, content_start) of a quote running over paragraphs
    prev_end = 0
    for ps, pe in ctx.para_bounds:
        if ctx.seg_kind(ps) == "boilerplate":
            carry = None
            continue
        marks = [(m.start(), m.group()) for m in _DQ_RE.finditer(text, ps, pe) if m.start() not in consumed]
        first_nonspace = ps
        while first_nonspace < pe and text[first_nonspace] in " \t-–—":
            first_nonspace += 1
        open_pos: int | None = None
        open_ch = ""
        content_start = 0
        mark_start = 0
        if carry is not None:
            if marks and marks[0][0] == first_nonspace and marks[0][1] in '"“„«':
                open_pos, open_ch = marks[0]
                mark_start, content_start = carry
                marks = marks[1:]
            else:
                _emit_unclosed(ctx, out, carry, prev_end)
            carry = None
        for pos, ch in marks:
            if open_pos is None:
                if ch in "”»" and not (pos == first_nonspace or (pos > ps and text[pos - 1].isspace()
                                                                and pos + 1 < pe and not text[pos + 1].isspace())):
                    continue  # stray closer
                open_pos, open_ch, mark_start, content_start = pos, ch, pos, pos + 1
                continue
            if ch in _CLOSERS.get(open_ch, '"'):
                s, e = _content_trim(text, content_start, pos)
                while e > s and text[e - 1] in ",;:":
                    e -= 1
                if e > s and any(c.isalnum() for c in text[s:e]) and e - s < 6000 and text[s] not in ",.;:)]":
                    out.append(_Q(s, e, "direct", mark_start, pos + 1))
                open_pos = None
            elif ch in "“„«" and open_ch != "«":
                open_pos, open_ch, mark_start, content_start = pos, ch, pos, pos + 1
        if open_pos is not None:
            carry = (mark_start, content_start)
        prev_end = pe
    if carry is not None:
        _emit_unclosed(ctx, out, carry, prev_end)
    return out


def _emit_unclosed(ctx: _Ctx, out: list[_Q], carry: tuple[int, int], para_end: int) -> None:
    """An opening mark with no close: a quote to the end of the paragraph when it opened the paragraph."""
    mark_start, content_start = carry
    ps, _ = ctx.para_bounds_at(mark_start)
    if ctx.text[ps:mark_start].strip(" \t-–—"):
        return  # opened mid-paragraph and never closed: a stray mark
    s, e = _content_trim(ctx.text, content_start, para_end)
    if e - s >= 12:
        out.append(_Q(s, e, "direct", mark_start, e))


def _scan_single(ctx: _Ctx, taken: list[tuple[int, int]]) -> list[_Q]:
    text = ctx.text
    out = []
    for ps, pe in ctx.para_bounds:
        if "'" not in text[ps:pe] and "‘" not in text[ps:pe]:
            continue
        if ctx.seg_kind(ps) == "boilerplate":
            continue
        pos = ps
        while True:
            mo = _SQ_OPEN.search(text, pos, pe)
            if not mo:
                break
            mc = _SQ_CLOSE.search(text, mo.end() + 1, min(pe, mo.end() + 400))
            if not mc:
                pos = mo.end()
                continue
            s, e = _content_trim(text, mo.end(), mc.start())
            while e > s and text[e - 1] in ",;:":
                e -= 1
            if any(a <= mo.start() < b for a, b in taken):
                pos = mc.end()
                continue
            if e > s:
                out.append(_Q(s, e, "direct", mo.start(), mc.end()))
            pos = mc.end()
    return out


# ---------------------------------------------------------------------------
# Dash quotes
# ---------------------------------------------------------------------------


def _tail_speaker(ctx: _Ctx, ts: int, te: int, strict: bool) -> tuple[int, int, int, int, str | None] | None:
    """Parse a dash-quote tail ("he added", "said the ambassador to Poland", "Johnson told journalists").

    Returns (speaker_s, speaker_e, verb_s, verb_e, outlet) or None when the tail names no speech.
    """
    text = ctx.text
    tail = text[ts:te]
    vm = _TAIL_VERB_RE.search(tail)
    if not vm:
        return None
    before = tail[:vm.start()]
    words_before = before.split()
    if len(words_before) > 8:
        return None
    after = tail[vm.end():]
    after_words = after.split()
    if strict:
        if len(after_words) > 7 or (after_words and after_words[0].lower() in ("that", "to", "about", "whether", "if")):
            return None
    elif len(after_words) > 16:
        return None
    vs, ve = ts + vm.start(), ts + vm.end()
    outlet = None
    for c in outlet_cites(text, ts, te, ctx.outlet_mentions, require_cue=False):
        outlet = c.outlet
        break
    if words_before:
        if not _TAIL_SUBJ_START.match(before.lstrip()):
            return None
        if words_before[0].lower() in _FIRST_PERSON:
            return None
        s, e = _content_trim(text, ts, vs)
        # drop "on Sky News" / "in an interview with X" / adverbs from the subject
        sub = text[s:e]
        cut = re.search(r"\s+(?:on|in|for|to|with|during|at|in\s+an\s+interview\s+with|speaking\s+(?:to|on))\s+"
                        r"(?:the\s+)?[\w.+-]+(?:\s+[\w.+-]+)?$", sub)
        if cut and outlet_name(re.sub(r"^\s*\S+\s+(?:an\s+interview\s+with\s+)?", "", cut.group(0))):
            e = s + cut.start()
        sub = text[s:e]
        adv = re.search(r"\s+(?:also|then|later|further|finally|additionally|moreover|however|in\s+turn|again)$", sub)
        if adv:
            e = s + adv.start()
        s, e = _trim_speaker(text, s, e)
        if e <= s:
            return None
        return s, e, vs, ve, outlet
    # inverted: "said the Ukrainian ambassador to Poland", "said on TVN24 Dr. Adam Eberhardt, director..."
    p = ve
    m = re.match(r"\s+(?:out|up)\b", text[p:te])
    if m:
        p += m.end()
    # skip a prepositional phrase naming an outlet or a place/time ("on TVN24", "in Budapest")
    while True:
        m = re.match(r"\s*,?\s*(?:on|in|to|for|during|at|after|with)\s+((?:the\s+)?[\w.+-]+(?:\s+[\w.+-]+)?)", text[p:te])
        if not m:
            break
        obj = m.group(1)
        if outlet_name(obj) or outlet_name(obj.split()[0]):
            # "on TVN24 Dr. Adam": keep the outlet only
            om = _OUTLET_RE.match(text, p + m.start(1))
            if om:
                p = om.end()
                continue
        break
    s = p
    while s < te and text[s] in " \t,":
        s += 1
    # the noun phrase: to a comma / sentence end / a following adverbial
    e = s
    for wm in re.finditer(r"\S+", text[s:te]):
        w = wm.group()
        we = s + wm.end()
        lw = w.lower().strip(".,;:")
        if wm.start() > 0 and lw in ("in", "on", "during", "at", "after", "before", "while", "when", "who", "which",
                                     "and", "but", "because", "adding", "pointing", "saying", "referring"):
            break
        if w.endswith((",", ";", ":", "!", "?")):
            e = we - 1
            break
        if w.endswith(".") and not _ABBREV.search(text[s:we - 1]):
            e = we - 1
            break
        if "." in w[:-1] and re.search(r"[a-z]\.[A-Z]", w):  # glued next sentence "Lukashenko.He"
            e = s + wm.start() + re.search(r"[a-z]\.[A-Z]", w).start() + 1
            break
        e = we
    s, e = _trim_speaker(text, s, e)
    if e <= s or len(text[s:e].split()) > 12:
        return None
    if text[s:e].split()[0].lower() in ("that", "to", "about", "whether", "if", "it", "and"):
        return None
    return s, e, vs, ve, outlet


def _scan_dashes(ctx: _Ctx) -> tuple[list[_Q], set[int]]:
    text = ctx.text
    out: list[_Q] = []
    consumed: set[int] = set()
    for ps, pe in ctx.para_bounds:
        ptext = text[ps:pe]
        if "-" not in ptext and "–" not in ptext and "—" not in ptext:
            continue
        kind = ctx.seg_kind(ps)
        if kind == "boilerplate":
            continue
        opens = [m for m in _DASH_OPEN.finditer(text, ps, pe)]
        if not opens:
            continue
        pos_limit = ps
        for om in opens:
            if om.start(1) < pos_limit:
                continue
            c0 = om.end()
            # find the terminator
            q_end = pe
            tail = None
            term_e = None
            search = c0
            while True:
                tm = _DASH_TERM.search(text, search, pe)
                if not tm:
                    break
                glued = tm.group().lstrip(" \t")[:1] in "-–—" and tm.start() > 0 and text[tm.start() - 1] in ".!?…\"”" \
                    and not text[tm.start()].isspace()
                is_quote_mark = '"' in tm.group() or "”" in tm.group()
                ts = tm.end()
                # the tail runs to the sentence end
                em = _SENT_END_IN_TAIL.search(text, ts + 1, pe)
                te = em.start() if em else pe
                if is_quote_mark:
                    te2 = re.search(r"[,.;!?]|$", text[ts:pe])
                    te = ts + (te2.start() if te2 else pe - ts)
                parsed = _tail_speaker(ctx, ts, te, strict=glued)
                if parsed:
                    q_end = tm.start()
                    tail = parsed
                    term_e = te
                    if is_quote_mark:
                        for k in range(tm.start(), tm.end()):
                            if text[k] in '"”':
                                consumed.add(k)
                    break
                if not is_quote_mark and tm.start() > 0 and text[tm.start() - 1] in ".!?…":
                    # a new dash quote starts here: this one ends without a tail
                    q_end = tm.start()
                    break
                search = tm.end()
            s, e = _content_trim(text, c0, q_end)
            while e > s and text[e - 1] in ",;":
                e -= 1
            if e - s < 3:
                continue
            q = _Q(s, e, "direct", om.start(1), e)
            q.dash = True
            if tail:
                sp_s, sp_e, vs, ve, outlet = tail
                q.speaker_s, q.speaker_e = sp_s, sp_e
                q.cue_s, q.cue_e, q.cue = vs, ve, text[vs:ve]
                q.outlet = outlet
                q.verb_i = ctx.tok_at(vs)
                pos_limit = term_e
            else:
                pos_limit = e
                if not _dash_intro(ctx, q, ps):
                    continue
            out.append(q)
    return out, consumed


_FIRST_PERSON_RE = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")


def _dash_intro(ctx: _Ctx, q: _Q, ps: int) -> bool:
    """A dash quote without a tail: keep it when the sentence before introduces speech; take its subject."""
    text = ctx.text
    lo = max(0, q.mark_start - 300)
    # the previous sentence (same or previous paragraph)
    prev_end = q.mark_start
    while prev_end > lo and text[prev_end - 1] in " \t\n":
        prev_end -= 1
    if prev_end <= lo:
        return False
    ti = ctx.tok_at(prev_end - 1)
    if ti >= ctx.n_tok:
        return False
    ss, se = ctx.sent_tok_bounds(ti)
    sdoc = ctx.sdoc
    sent_len = se - ss
    ends_colon = text[prev_end - 1] == ":"
    for i in range(se - 1, ss - 1, -1):
        t = sdoc[i]
        if t.idx >= prev_end:
            continue
        if t.lemma_ in SPEECH_LEMMAS and t.pos_ in ("VERB", "AUX"):
            has_clause = any(c.dep_ in ("ccomp", "xcomp") for c in t.children)
            if ends_colon or (sent_len <= 8 and not has_clause):
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                q.cue_s, q.cue_e, q.cue = t.idx, t.idx + len(t.text), t.text
                q.verb_i = i
                if subj is not None and subj.lower_ not in _FIRST_PERSON:
                    lo_s = max(sdoc[ss].idx, ctx.para_bounds_at(prev_end - 1)[0])
                    sp = _subtree_span(ctx, subj, lo_s, prev_end)
                    if sp[1] > sp[0]:
                        q.speaker_s, q.speaker_e = sp
                return True
            break
    return False


# ---------------------------------------------------------------------------
# Speakers of quotes in marks
# ---------------------------------------------------------------------------


def _trim_speaker(text: str, s: int, e: int) -> tuple[int, int]:
    s, e = _content_trim(text, s, e)
    while s < e and text[s] in ",;:-–—\"“”'‘’(":
        s += 1
    while e > s and text[e - 1] in ",;:-–—\"“”'‘’.)":
        if text[e - 1] == "." and _ABBREV.search(text[s:e - 1]) and e - s <= 4:
            break
        e -= 1
    s, e = _content_trim(text, s, e)
    m = re.match(r"(?:and|but|as|so|while|then)\s+", text[s:e], re.I)
    if m:
        s += m.end()
    while True:  # a phrase cut short by a quote mark: "host of"
        m = re.search(r"\s+(?:of|and|or|the|a|an|for|in|at|to|with|on|by|from)$", text[s:e], re.I)
        if not m or m.start() == 0:
            break
        e = s + m.start()
    return s, e


def _subtree_span(ctx: _Ctx, tok: Any, lo: int, hi: int) -> tuple[int, int]:
    """Char span of a token's subtree clipped to [lo, hi); a named head keeps only its name (cut at a comma)."""
    sdoc = ctx.sdoc
    left, right = tok.left_edge.i, tok.right_edge.i
    # clip to the region, staying contiguous around the head
    i = tok.i
    a = i
    while a > left and sdoc[a - 1].idx >= lo and sdoc[a - 1].text not in ('"', "“", "”", "«", "»"):
        a -= 1
    b = i
    while b < right and sdoc[b + 1].idx + len(sdoc[b + 1].text) <= hi and sdoc[b + 1].text not in ('"', "“", "”", "«", "»"):
        b += 1
    # appositions and non-restrictive clauses after a comma (or a dash, after a name) are not the speaker
    named = tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG")
    stops = (",", "(", "—", "–", "-") if named else (",", "(", "—")
    for k in range(i + 1, b + 1):
        if sdoc[k].text in stops:
            # "The governor of Kharkiv region, Oleh Synehubov, ...": keep an apposed name
            m = k + 1
            while m <= b and sdoc[m].ent_type_ == "PERSON":
                m += 1
            if not named and m > k + 1 and (m > b or sdoc[m].text in (",", ")", "—")):
                b = m - 1
            else:
                b = k - 1
            break
    # "Jon Alterman at the Center ...", "Steinmeier after Sunday's election": circumstances, not the speaker
    for k in range(i + 1, b + 1):
        if sdoc[k].dep_ == "prep" and sdoc[k].lower_ in ("after", "during", "before", "while", "following", "at", "on"):
            b = k - 1
            break
    if b - a > 25:  # a run-on: the head and what is attached before it, to the first comma after it
        for k in range(i + 1, b + 1):
            if sdoc[k].text in (",", ";", "(", "—"):
                b = k - 1
                break
        b = min(b, i + 12)
    s = max(sdoc[a].idx, lo)
    e = min(sdoc[b].idx + len(sdoc[b].text), hi)
    if e <= s:
        return s, s
    nl = ctx.text.rfind("\n", s, e)
    if nl != -1:
        s = nl + 1
    return _trim_speaker(ctx.text, s, e)


def _is_speech_verb(t: Any) -> bool:
    return t.lemma_ in SPEECH_LEMMAS and (t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"))


_NAME_RE = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Sgt|Capt|Prof)\.?\s+)?[A-ZÀ-ÖØ-ÞĀ-ŽА-Я][\w'’.-]+"
                      r"(?:\s+[A-ZÀ-ÖØ-ÞĀ-ŽА-Я][\w'’.-]+){0,3}")


def _name_like(words: str) -> bool:
    """Capitalised words that look like a person's name ("Aleksandr Lukashenko", "Mr Biden")."""
    words = words.strip()
    return bool(_NAME_RE.fullmatch(words)) and words.split()[0].lower() not in ("the", "this", "that", "a", "an")


def _plausible_speaker(ctx: _Ctx, s: int, e: int, names: bool = True) -> bool:
    """A span that can say something: a pronoun, a person/organisation/place/group mention, or a noun phrase
    with a person, role, source or organisation noun ("a soldier", "the ministry", "experts")."""
    words = ctx.text[s:e]
    lw = words.lower().strip()
    if lw in _PRONOUNS:
        return True
    for m in ctx.mentions_in(s, e):
        if ctx.mention_type(m) in ("person", "organization", "group", "outlet", "unit", "place"):
            return True
    if outlet_name(words) or (names and _name_like(words)):
        return True
    for w in re.findall(r"[a-z][a-z'-]*", lw):
        w1 = w[:-1] if w.endswith("s") and len(w) > 3 else w
        if w in _ROLE_NOUNS or w1 in _ROLE_NOUNS or w in _SOURCE_WORDS or w in _ORG_WORDS or w1 in _ORG_WORDS:
            return True
    return False


def _np_after(ctx: _Ctx, v: Any, hi: int) -> Any:
    """The head of the noun phrase right after a verb ("said John Smith", "wrote on Twitter the minister")."""
    j = v.i + 1
    sdoc = ctx.sdoc
    while j < ctx.n_tok and (sdoc[j].dep_ in ("prt", "advmod") or sdoc[j].is_punct and sdoc[j].text == ","):
        j += 1
    if j < ctx.n_tok and sdoc[j].dep_ in ("prep", "agent") and sdoc[j].head.i == v.i:
        j = sdoc[j].right_edge.i + 1
    if j < ctx.n_tok and sdoc[j].pos_ in ("PROPN", "NOUN", "DET", "PRON", "ADJ") and sdoc[j].idx < hi:
        head = sdoc[j]
        while head.head.i != head.i and v.i < head.head.i <= v.i + 8 and head.head.pos_ in ("PROPN", "NOUN"):
            head = head.head
        if head.pos_ in ("PROPN", "NOUN", "PRON"):
            return head
    return None


def _speaker_of_verb(ctx: _Ctx, v: Any, lo: int, hi: int, inverted_first: bool = False) -> tuple[int, int] | None:
    subj = None
    for c in v.children:
        if c.dep_ == "nsubj":
            subj = c
            break
    if subj is None and v.dep_ in ("conj", "xcomp", "advcl") and v.head is not v:
        for c in v.head.children:
            if c.dep_ == "nsubj":
                subj = c
                break
    if subj is None and v.tag_ == "VBG" and v.dep_ in ("pcomp", "advcl", "xcomp", "conj"):
        # "he began by saying, '...'", "a tweet quoted the president as saying '...'"
        h = v
        for _ in range(3):
            if h.head is h:
                break
            h = h.head
            if h.pos_ in ("VERB", "AUX"):
                subj = next((c for c in h.children if c.dep_ == "nsubj"), None)
                break
        if subj is not None and (subj.i > v.i or subj.idx < lo):
            subj = None
    v_end = v.idx + len(v.text)
    if inverted_first and v.lemma_ != "tell" and (subj is None or subj.idx < lo or (
            v.i > 0 and ctx.sdoc[v.i - 1].text == "," and subj.i < v.i - 1)):
        after = _np_after(ctx, v, hi)
        if after is not None and after.lower_ not in _FIRST_PERSON:
            sp = _subtree_span(ctx, after, max(lo, v_end), hi)
            if sp[1] > sp[0] and (_plausible_speaker(ctx, *sp) or (
                    after.pos_ in ("NOUN", "PROPN") and len(ctx.text[sp[0]:sp[1]].split()) <= 6)):
                return sp
    if subj is None:
        subj = _np_after(ctx, v, hi)
        lo = max(lo, v_end)
    if subj is None:
        return None
    if subj.lower_ in _FIRST_PERSON:
        return None
    if subj.pos_ == "PRON" and subj.lower_ not in _PRONOUNS:
        return None
    sp = _subtree_span(ctx, subj, lo, hi)
    if sp[1] <= sp[0]:
        return None
    if not _plausible_speaker(ctx, *sp):
        # '"...," said the 46-year-old': the inverted subject of a speech verb speaks
        if not (subj.i > v.i and subj.dep_ == "nsubj" and len(ctx.text[sp[0]:sp[1]].split()) <= 6):
            return None
    return sp


def _direct_speaker(ctx: _Ctx, q: _Q, verbs_used: set[int]) -> None:
    """Find the speech verb next to a quote in marks and its subject."""
    text = ctx.text
    sdoc = ctx.sdoc
    ps, pe = ctx.para_bounds_at(q.mark_start)
    last_ps, last_pe = ctx.para_bounds_at(max(q.mark_end - 1, q.mark_start))
    content = text[q.start:q.end]
    ends_open = content[-1:] in (",", "?", "!", "…", "-", "—", "–") or text[q.mark_end:q.mark_end + 1] == ","
    ends_full = content[-1:] in (".", "!", "?", "…")

    def after() -> bool:
        ti = ctx.tok_at(q.mark_end)
        if ti >= ctx.n_tok:
            return False
        for k in range(ti, min(ctx.n_tok, ti + 14)):
            t = sdoc[k]
            if t.idx >= last_pe or t.text in ('"', "“", "”", "«", "»", "„"):
                return False
            if t.text in (".", "!", "?", ";") and k > ti:
                return False
            if _is_speech_verb(t):
                if k - ti > 6 and not (sdoc[k - 1].text == "," and _np_after(ctx, t, last_pe) is not None):
                    return False
                if ends_full and not ends_open and (k - ti > 4 or any(c.dep_ == "ccomp" and c.idx > t.idx for c in t.children)):
                    return False
                sp = _speaker_of_verb(ctx, t, q.mark_end, last_pe, inverted_first=True)
                if sp is None or sp[0] < q.mark_end:
                    # "..., said" with nothing after it: no speaker; keep the cue
                    if sp is None:
                        return False
                _set_cue(q, t, sp)
                verbs_used.add(t.i)
                return True
        return False

    def before() -> bool:
        ti = ctx.tok_at(q.mark_start)
        ss, _ = ctx.sent_tok_bounds(min(ctx.tok_at(q.start), ctx.n_tok - 1))
        ss = min(ss, ctx.sent_tok_bounds(ti)[0] if ti < ctx.n_tok else ss)
        first_content = ctx.tok_at(q.start)
        for k in range(min(ti, ctx.n_tok) - 1, ss - 1, -1):
            t = sdoc[k]
            if t.idx < ps:
                break
            if t.text in ('"', "“", "”", "«", "»"):
                break  # another quote in between
            if t.lower_ == "according" and k + 1 < ctx.n_tok and sdoc[k + 1].lower_ == "to":
                pobj = next((c for c in sdoc[k + 1].children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    sp = _subtree_span(ctx, pobj, t.idx, q.mark_start)
                    q.cue_s, q.cue_e, q.cue = t.idx, sdoc[k + 1].idx + 2, "according to"
                    q.speaker_s, q.speaker_e = sp
                    q.verb_i = k
                    return True
            if _is_speech_verb(t) and t.i not in verbs_used:
                governs = False
                if first_content < ctx.n_tok:
                    for c in (sdoc[first_content], *sdoc[first_content:min(ctx.n_tok, first_content + 4)]):
                        if t in c.ancestors:
                            governs = True
                            break
                if not governs:
                    between = [x for x in sdoc[t.i + 1:ti] if not x.is_punct]
                    subtree = set(x.i for x in t.subtree)
                    governs = len(between) <= 6 and all(x.i in subtree for x in between)
                if not governs:
                    continue
                sp = _speaker_of_verb(ctx, t, ps, q.mark_start)
                if sp is None:
                    continue
                _set_cue(q, t, sp)
                verbs_used.add(t.i)
                return True
        return False

    if ends_open:
        if after() or before():
            return
    else:
        if before() or after():
            return
    # the sentence before the quote introduces it ("He said:" / "She added.")
    lead = text[ps:q.mark_start].rstrip()
    if not lead or lead[-1] in '.!?:"”…':
        _dash_intro(ctx, q, ps)
    if q.speaker_s is None:
        _head_speaker(ctx, q, ps) or _ancestor_speaker(ctx, q, ps, verbs_used)


def _head_speaker(ctx: _Ctx, q: _Q, ps: int) -> bool:
    """A headline "Trump: 'I'm the Worst Thing ...'": the short name before the colon speaks."""
    m = re.fullmatch(r"[ \t]*([^:\n\"“”«»]{2,60}?)[ \t]*:[ \t]*", ctx.text[ps:q.mark_start])
    if not m:
        return False
    ss, se = ps + m.start(1), ps + m.end(1)
    if not _head_name(ctx, ss, se):
        return False
    q.speaker_s, q.speaker_e = ss, se
    colon = ctx.text.index(":", se)
    q.cue, q.cue_s, q.cue_e = ":", colon, colon + 1
    return True


def _head_name(ctx: _Ctx, ss: int, se: int) -> bool:
    """Is the part of a headline before a colon a speaker ("Lavrov", "NY Post", "Defense chief")?"""
    words = ctx.text[ss:se]
    lw = words.lower()
    if len(words.split()) > 7 or not words[:1].isupper():
        return False
    if re.match(r"(?:photo|video|source|read|watch|update|live|breaking|note|see|related|also|more|editor|exclusive|"
                r"opinion|analysis|op-ed|review|poll|report|fact check|q&a|quiz|timeline|transcript)\b", lw):
        return False
    if ctx.person_at(ss, se) is not None or any(w in _ROLE_NOUNS for w in re.findall(r"[a-z-]+", lw)):
        return True
    if any(ctx.mention_type(m) == "place" for m in ctx.mentions_in(ss, se)):
        return False
    return bool(outlet_name(words)) or (_name_like(words) and len(words.split()) <= 3)


def _ancestor_speaker(ctx: _Ctx, q: _Q, ps: int, verbs_used: set[int]) -> bool:
    """A partial quote inside a clause ("Cruz pledged to oppose legal status 'today, tomorrow, forever.'"):
    the nearest verb governing the quote, before it in the sentence, whose subject can speak."""
    sdoc = ctx.sdoc
    first = ctx.tok_at(q.start)
    if first >= ctx.n_tok:
        return False
    ss, _ = ctx.sent_tok_bounds(first)
    ancestors = [a for a in sdoc[first].ancestors if a.i >= ss and a.idx >= ps]
    speech = [a for a in ancestors if _is_speech_verb(a)]
    # a speech verb governing the quote, else the sentence's main verb ("pledged", "charged", "joked")
    roots = [a for a in ancestors if a.dep_ == "ROOT" and a.pos_ == "VERB" and a.lemma_ not in ("be", "have")]
    for a in speech[:1] or roots[:1]:
        if a.idx >= q.mark_start or a.pos_ not in ("VERB", "AUX") or a.i in verbs_used:
            continue
        subj = next((c for c in a.children if c.dep_ == "nsubj"), None)
        if subj is None and a.dep_ in ("conj", "xcomp") and a.head.i != a.i:
            subj = next((c for c in a.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.idx >= q.mark_start or subj.lower_ in _FIRST_PERSON:
            continue
        if subj.pos_ == "PRON" and subj.lower_ not in _PRONOUNS:
            continue
        sp = _subtree_span(ctx, subj, ps, q.mark_start)
        if sp[1] <= sp[0] or not _plausible_speaker(ctx, *sp, names=False):
            return False
        _set_cue(q, a, sp)
        verbs_used.add(a.i)
        return True
    return False


def _set_cue(q: _Q, t: Any, sp: tuple[int, int] | None) -> None:
    q.cue_s, q.cue_e, q.cue = t.idx, t.idx + len(t.text), t.text
    q.verb_i = t.i
    if sp:
        q.speaker_s, q.speaker_e = sp


# ---------------------------------------------------------------------------
# Reported speech
# ---------------------------------------------------------------------------


def _inside(spans: list[tuple[int, int]], starts: list[int], off: int) -> bool:
    i = bisect_right(starts, off) - 1
    return i >= 0 and spans[i][0] <= off < spans[i][1]


def _indirect(ctx: _Ctx, direct: list[_Q], verbs_used: set[int]) -> list[_Q]:
    text = ctx.text
    sdoc = ctx.sdoc
    spans = sorted((q.mark_start, max(q.mark_end, q.end)) for q in direct)
    # merge overlapping
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    starts = [a for a, _ in merged]
    contents = sorted((q.start, q.end, q) for q in direct)
    out: list[_Q] = []
    for t in sdoc:
        lem = t.lemma_
        if lem == "accord" or t.lower_ == "according":
            if t.lower_ == "according" and t.i + 1 < ctx.n_tok and sdoc[t.i + 1].lower_ == "to":
                q = _according(ctx, t, merged, starts)
                if q:
                    out.append(q)
            continue
        if lem not in _INDIRECT_LEMMAS or t.i in verbs_used:
            continue
        if not (t.pos_ == "VERB" or (t.pos_ == "AUX" and lem == "say")):
            continue
        if _inside(merged, starts, t.idx):
            continue
        if ctx.seg_kind(t.idx) == "boilerplate":
            continue
        subj = None
        for c in t.children:
            if c.dep_ in ("nsubj",):
                subj = c
                break
            if c.dep_ in ("nsubjpass", "auxpass"):
                subj = None
                break
        else:
            if t.dep_ in ("conj", "xcomp") and t.head.i != t.i:
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in _FIRST_PERSON:
            continue
        if subj.pos_ == "PRON" and subj.lower_ not in _PRONOUNS:
            continue
        if subj.lower_ == "it" and lem not in ("say", "report", "announce", "deny", "claim", "add", "state", "confirm"):
            continue
        if lem in ("think", "believe") and subj.pos_ == "PRON" and subj.lower_ == "it":
            continue
        content_tok = None
        for c in t.children:
            if c.dep_ == "ccomp":
                content_tok = c
                break
        if content_tok is None and lem in _OBJ_CONTENT_LEMMAS:
            for c in t.children:
                if c.dep_ in ("xcomp", "dobj") and c.pos_ in ("VERB", "NOUN", "PROPN") and c.ent_type_ != "PERSON":
                    size = c.right_edge.i - c.left_edge.i + 1
                    if c.dep_ == "xcomp" or size >= 3 or lem in ("deny", "confirm", "admit", "acknowledge"):
                        content_tok = c
                    break
        if content_tok is None and lem in ("warn", "speak", "talk"):
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "about", "against"):
                    content_tok = next((g for g in c.children if g.dep_ == "pobj"), None)
                    break
        para_s, para_e = ctx.para_bounds_at(t.idx)
        ss, se = ctx.sent_tok_bounds(t.i)
        k = se - 1
        while k > ss and (sdoc[k].is_space or sdoc[k].text in ('"', "”", "»", "’", "'")):
            k -= 1
        if sdoc[k].text == "?":
            continue  # "Shouldn't the EU say that ...?": a question reports nothing
        if content_tok is None:
            # "The situation is stable, he said" parsed as parataxis
            if t.dep_ == "parataxis" and t.head.i < t.i:
                h = t.head
                a = h.left_edge.i
                b = t.left_edge.i - 1
                while b > a and sdoc[b].is_punct:
                    b -= 1
                cs, ce = sdoc[a].idx, sdoc[b].idx + len(sdoc[b].text)
            else:
                continue
        else:
            a, b = content_tok.left_edge.i, content_tok.right_edge.i
            inner = _left_ccomp(content_tok)
            if content_tok.i > t.i and inner is not None and inner.i > t.i:
                # "X said the talks had failed, Reuters reported" parsed said -> reported -> failed
                a, b = inner.left_edge.i, inner.right_edge.i
            elif t.dep_ == "ccomp" and t.head.i < t.i and _is_speech_verb(t.head) and content_tok.i < t.i \
                    and content_tok.i > t.head.i:
                # ... and the outer verb: its content is the whole "X said the talks had failed"
                a, b = t.head.left_edge.i, content_tok.right_edge.i
            a, b = max(a, ss), min(b, se - 1)
            # skip "that" and punctuation at the edges
            while a < b and (sdoc[a].dep_ == "mark" and sdoc[a].lower_ in ("that", "whether", "if") or sdoc[a].is_punct):
                a += 1
            while b > a and sdoc[b].is_punct and sdoc[b].text not in ('"', "”", "»"):
                b -= 1
            cs, ce = sdoc[a].idx, sdoc[b].idx + len(sdoc[b].text)
        cs, ce = max(cs, para_s), min(ce, para_e)
        cs, ce = _content_trim(text, cs, ce)
        if text.count("(", cs, ce) > text.count(")", cs, ce):  # "... 12 tanks (via Interfax"
            ce = text.rindex("(", cs, ce)
            cs, ce = _content_trim(text, cs, ce)
        if ce - cs < 6 or len(text[cs:ce].split()) < 2:
            continue
        # a direct quote already covers the clause: give it this speaker instead
        covered = False
        for qs, qe, dq in contents:
            if qs >= ce:
                break
            ov = min(qe, ce) - max(qs, cs)
            if ov > 0 and ov >= 0.5 * (ce - cs):
                covered = True
                if dq.speaker_s is None and not dq.dash:
                    sp = _speaker_of_verb(ctx, t, para_s, para_e)
                    if sp:
                        _set_cue(dq, t, sp)
                break
        if covered:
            continue
        sp = _subtree_span(ctx, subj, para_s, cs if cs > t.idx else para_e)
        if sp[1] <= sp[0] or not _plausible_speaker(ctx, *sp):
            continue
        q = _Q(cs, ce, "indirect", min(cs, sp[0], t.idx), max(ce, sp[1], t.idx + len(t.text)))
        cue_e = t.idx + len(t.text)
        m = re.match(r"\s+in\s+(?:a|an|its|his|her|their)\s+(?:\w+\s+)?(?:statement|interview|address|speech|post|"
                     r"briefing|video\s+address|press\s+release)\b", text[cue_e:cue_e + 40])
        if m:
            cue_e += m.end()
        q.cue_s, q.cue_e, q.cue = t.idx, cue_e, text[t.idx:cue_e]
        q.speaker_s, q.speaker_e = sp
        q.verb_i = t.i
        out.append(q)
        verbs_used.add(t.i)
    return out


def _left_ccomp(v: Any) -> Any:
    """A speech verb's clause lying before it with its subject after a comma ("..., Reuters reported")."""
    if v.lemma_ not in _INDIRECT_LEMMAS:
        return None
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in v.children if c.dep_ == "ccomp"), None)
    if subj is None or comp is None or not (comp.i < subj.i < v.i):
        return None
    return comp


def _according(ctx: _Ctx, t: Any, merged: list[tuple[int, int]], starts: list[int]) -> _Q | None:
    sdoc = ctx.sdoc
    text = ctx.text
    if _inside(merged, starts, t.idx):
        return None
    if ctx.seg_kind(t.idx) == "boilerplate":
        return None
    to = sdoc[t.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    ss, se = ctx.sent_tok_bounds(t.i)
    para_s, para_e = ctx.para_bounds_at(t.idx)
    sp_s, sp_e = _subtree_span(ctx, pobj, t.idx, para_e)
    # the content is the rest of the sentence, on the side away from "according to X"
    sent_s = max(sdoc[ss].idx, para_s)
    last = sdoc[se - 1]
    sent_e = min(last.idx + len(last.text), para_e)
    left = text[sent_s:t.idx]
    if len(left.strip(" ,;:-–—")) > 15:
        cs, ce = sent_s, t.idx
    else:
        cs, ce = sp_e, sent_e
    cs, ce = _content_trim(text, cs, ce)
    while cs < ce and text[cs] in ",;:-–— ":
        cs += 1
    while ce > cs and text[ce - 1] in ",;:-–— .":
        ce -= 1
    if ce - cs < 6:
        return None
    q = _Q(cs, ce, "indirect", min(cs, t.idx), max(ce, sp_e))
    q.cue_s, q.cue_e, q.cue = t.idx, to.idx + len(to.text), "according to"
    q.speaker_s, q.speaker_e = sp_s, sp_e
    q.verb_i = t.i
    return q


# ---------------------------------------------------------------------------
# Resolution of pronouns and descriptions
# ---------------------------------------------------------------------------


def _gender_of_name(name: str, context: str = "") -> str | None:
    words = [w.strip(".,").lower() for w in name.split()]
    ctxl = context.lower()
    if re.search(r"\b(?:mrs|ms|madam|spokeswoman|congresswoman|chairwoman|woman|she|her)\b", ctxl):
        return "f"
    if re.search(r"\b(?:mr|spokesman|congressman|chairman)\b", ctxl):
        return "m"
    for w in words:
        if w in _FEMALE_FIRST:
            return "f"
        if w in _MALE_FIRST:
            return "m"
    if words and len(words[-1]) > 4 and _FEMALE_SURNAME.search(words[-1]):
        return "f"
    return None


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    text: str
    entity: str | None
    gender: str | None
    cat: str  # person, org, plural, other
    is_speaker: bool
    context: str | None  # computed when a description needs it
    pos: int = -1  # where the candidate was last named or referred to (ordering, distance)

    def __post_init__(self) -> None:
        if self.pos < 0:
            self.pos = self.start


def _resolve(ctx: _Ctx, quotes: list[_Q]) -> None:
    """Resolve pronoun and definite-description speakers against earlier speakers and person mentions."""
    text = ctx.text
    # people named inside what is quoted or reported are talked about, not talking
    quote_spans = sorted((q.start, q.end) for q in quotes if q.kind == "direct" or q.cue != "according to")
    qstarts = [a for a, _ in quote_spans]
    speakers: list[_Cand] = []  # resolved speakers so far, in order of the quotes
    learned_gender: dict[str, str] = {}
    order = sorted(quotes, key=lambda q: (q.speaker_s if q.speaker_s is not None else q.start))
    for q in order:
        if q.speaker_s is None:
            continue
        words = text[q.speaker_s:q.speaker_e]
        lw = words.lower().strip()
        pos = q.speaker_s
        q.written_s, q.written_e = q.speaker_s, q.speaker_e
        if lw in _PRONOUNS:
            want = _PRONOUNS[lw]
            cand = _nearest(ctx, speakers, pos, q, want, None, quote_spans, qstarts, learned_gender)
            if cand is None:
                q.unresolved_pronoun = True
                continue
            if want in ("m", "f") and cand.entity and cand.gender is None:
                learned_gender[cand.entity] = want
            q.speaker_s, q.speaker_e = cand.start, cand.end
            q.entity = cand.entity
            q.notes.append(f"resolved '{words}'")
            speakers.append(_Cand(cand.start, cand.end, cand.text, cand.entity, cand.gender, cand.cat, True,
                                  cand.context, pos))
            continue
        role = _role_description(ctx, q.speaker_s, q.speaker_e, words)
        if role:
            cand = _nearest(ctx, speakers, pos, q, None, role, quote_spans, qstarts, learned_gender)
            if cand is not None:
                q.speaker_s, q.speaker_e = cand.start, cand.end
                q.entity = cand.entity
                q.notes.append(f"resolved '{words}'")
                speakers.append(_Cand(cand.start, cand.end, cand.text, cand.entity, cand.gender, cand.cat, True,
                                      cand.context, pos))
                continue
        ent = ctx.entity_for(q.speaker_s, q.speaker_e)
        q.entity = ent
        person = ctx.person_at(q.speaker_s, q.speaker_e)
        cat = _category(ctx, q.speaker_s, q.speaker_e, lw, person is not None)
        ctx_text = None
        gender = None
        if person is not None:
            gender = (learned_gender.get(person.entity or "") or
                      _gender_of_name(person.text, text[max(0, person.start - 30):person.start]))
        else:
            gw = set(re.findall(r"[a-z]+", lw))
            if gw & _FEMALE_NOUNS:
                gender = "f"
            elif gw & _MALE_NOUNS:
                gender = "m"
        speakers.append(_Cand(q.speaker_s, q.speaker_e, words, ent, gender, cat, True, ctx_text))


def _category(ctx: _Ctx, s: int, e: int, lw: str, is_person: bool) -> str:
    """What a speaker is, for pronoun agreement: person (he/she), org or plural (they/it), other."""
    if is_person:
        return "person"
    if _name_like(ctx.text[s:e]) and not outlet_name(ctx.text[s:e]):
        first = ctx.text[s:e].split()[0].lower().strip(".")
        if first in _FEMALE_FIRST or first in _MALE_FIRST or first in ("mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj"):
            return "person"
    for m in ctx.mentions_in(s, e):
        if ctx.mention_type(m) in ("organization", "group", "outlet", "unit", "place"):
            return "org"
    if outlet_name(lw):
        return "org"
    words = re.findall(r"[a-z][a-z'-]*", lw)
    head_org = any(w in _ORG_WORDS for w in words)
    for w in words:
        if w in _ROLE_NOUNS and not head_org:
            return "person"
    for w in words:
        if w in _SOURCE_WORDS and w.endswith("s"):
            return "plural"
    if head_org:
        return "org"
    return "other"


_ROLE_SYNONYMS = (
    (re.compile(r"\bhead of (?:the )?state\b"), "president"),
    (re.compile(r"\bhead of (?:the )?government\b"), "prime minister|premier|chancellor"),
    (re.compile(r"\b(?:head of (?:\w+ )?diplomacy|top diplomat|chief diplomat)\b"),
     "foreign minister|minister of foreign affairs|foreign secretary|secretary of state|head of (?:\\w+ )?diplomacy"),
    (re.compile(r"\b(?:kremlin|presidential) spokes(?:man|woman|person)\b"), "spokes"),
)


def _role_description(ctx: _Ctx, s: int, e: int, words: str) -> str | None:
    """The role of a definite description without a name ("the Ukrainian ambassador to Poland"),
    as a regular expression to look for in the words introducing an earlier person."""
    lw = words.lower()
    if not lw.startswith(("the ", "this ", "that ")):
        return None
    if len(lw.split()) > 8 or ctx.person_at(s, e) is not None:
        return None
    for rx, role in _ROLE_SYNONYMS:
        if rx.search(lw):
            return role
    for w in re.findall(r"[a-z-]+", lw):
        if w in _ROLE_NOUNS:
            return w
    return None


_SUBORD_MARKS = frozenset("if whether when unless because although though while once until before after".split())


def _subject_like(ctx: _Ctx, s: int, e: int) -> bool:
    """A mention that is the subject of a clause (not inside an if/when clause) or a passive's agent."""
    ti = ctx.tok_at(s)
    if ti >= ctx.n_tok:
        return False
    sdoc = ctx.sdoc
    t = sdoc[ti]
    # the token of the span whose head lies outside it
    k = ti
    while k < ctx.n_tok and sdoc[k].idx < e:
        h = sdoc[k].head
        if not (s <= h.idx < e) or h.i == k:
            t = sdoc[k]
            break
        k += 1
    hops = 0
    while t.dep_ in ("compound", "appos", "flat", "poss") and t.head.i != t.i and hops < 4:
        t = t.head
        hops += 1
    if t.dep_ in ("nsubj", "nsubjpass"):
        return not any(c.dep_ == "mark" and c.lower_ in _SUBORD_MARKS for c in t.head.children)
    if t.dep_ == "pobj" and t.head.lower_ == "by" and t.head.dep_ == "agent":
        return True
    # a bad parse: the name is directly followed by a finite verb ("Boris Johnson announced")
    k = ctx.tok_at(e)
    while k < ctx.n_tok and ctx.sdoc[k].pos_ == "ADV":
        k += 1
    return k < ctx.n_tok and ctx.sdoc[k].tag_ in ("VBD", "VBZ", "VBP", "MD")


def _context_of(ctx: _Ctx, s: int, e: int) -> str:
    """Words introducing a name: 80 chars before it in its paragraph and an appositive after a comma,
    here and where its last word (the surname) appeared earlier in the text."""
    text = ctx.text
    out = []
    spans = [(s, e)]
    words = text[s:e].split()
    if words and len(words[-1]) > 2 and words[-1][:1].isupper():
        sur = re.escape(words[-1].rstrip(".,'’s"))
        if sur:
            for m in re.finditer(rf"\b{sur}\b", text[:s]):
                spans.append((m.start(), m.end()))
                if len(spans) > 6:
                    break
    for a, b in spans:
        ps, pe = ctx.para_bounds_at(a)
        before = text[max(ps, a - 80):a]
        after = text[b:min(pe, b + 60)]
        if not after.lstrip().startswith(","):
            after = ""
        out.append(before + text[a:b] + after)
    return " | ".join(out).lower()


def _nearest(ctx: _Ctx, speakers: list[_Cand], pos: int, q: _Q, want: str | None, role: str | None,
             quote_spans: list[tuple[int, int]], qstarts: list[int], learned: dict[str, str]) -> _Cand | None:
    text = ctx.text
    lo = max(0, pos - 1500)
    cands: list[tuple[_Cand, bool]] = [(c, True) for c in speakers
                                       if lo <= c.pos < pos and not (q.start <= c.pos < q.end)]
    # person mentions before the pronoun, outside quotes
    for m in ctx.mentions_in(lo, pos):
        if m.start >= pos or ctx.mention_type(m) != "person" or outlet_name(m.text):
            continue
        if ctx.seg_kind(m.start) in ("boilerplate", "caption"):
            continue
        if _inside(quote_spans, qstarts, m.start) or (q.start <= m.start < q.end):
            continue
        g = learned.get(m.entity or "") or _gender_of_name(m.text, text[max(0, m.start - 30):m.start])
        cand = _Cand(m.start, m.end, m.text, m.entity, g, "person", False, None)
        cands.append((cand, _subject_like(ctx, m.start, m.end)))
    if want in ("p", "n"):
        # organisations named as the subject of a clause in the same paragraph ("El Pais has released what it says")
        ps = ctx.para_bounds_at(pos)[0]
        for m in ctx.mentions_in(ps, pos):
            if m.start >= pos or ctx.mention_type(m) not in ("organization", "outlet", "group"):
                continue
            if _inside(quote_spans, qstarts, m.start) or (q.start <= m.start < q.end):
                continue
            if _subject_like(ctx, m.start, m.end):
                cands.append((_Cand(m.start, m.end, m.text, m.entity, None, "org", False, None), True))
    cands.sort(key=lambda c: c[0].pos)
    pron_para = ctx.para_of(pos)
    fallback = None
    for c, strong in reversed(cands):
        if want in ("m", "f"):
            if c.cat != "person" or c.text.lower() in _PRONOUNS:
                continue
            g = learned.get(c.entity or "") or c.gender
            if g is not None and g != want:
                continue
            if strong:
                if fallback is not None and ctx.para_of(fallback.pos) == pron_para > ctx.para_of(c.pos):
                    return fallback
                return c
            if fallback is None:
                fallback = c
            continue
        if want in ("p", "n"):
            if c.cat == "org" or (want == "p" and c.cat == "plural"):
                return c
            continue
        if role:
            lt = c.text.lower()
            described = lt.startswith(("the ", "a ", "an ", "this ", "that "))
            if role in _GENERIC_PERSON:
                if c.cat == "person" and pron_para - ctx.para_of(c.pos) <= 1 and not described:
                    return c
                continue
            if described:
                # "a soldier who asked not to be named" ... "the soldier"
                if c.is_speaker and re.search(rf"\b(?:{role})", lt) and not lt.startswith(("the ", "this ", "that ")):
                    return c
                continue
            if c.context is None:
                c.context = _context_of(ctx, c.start, c.end)
            if c.cat == "person" and re.search(rf"\b(?:{role})", c.context):
                return c
    return fallback


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


_HEAD_COLON = re.compile(r"[ \t]*([^:\n\"“”«»]{2,70}?)[ \t]*:[ \t]+(?=\S)")


def _scan_colon_heads(ctx: _Ctx) -> list[_Q]:
    """Headline-style quotes "Lavrov: We don't want war" (a short line; the speaker a person or a role)."""
    text = ctx.text
    out = []
    for ps, pe in ctx.para_bounds:
        if pe - ps > 220 or text[pe - 1] == "." and ctx.seg_kind(ps) != "title":
            continue
        if ctx.seg_kind(ps) in ("boilerplate", "caption"):
            continue
        m = _HEAD_COLON.match(text, ps, pe)
        if not m:
            continue
        ss, se = m.start(1), m.end(1)
        words = text[ss:se]
        if len(words.split()) > 7 or not words[:1].isupper():
            continue
        lw = words.lower()
        if not _head_name(ctx, ss, se):
            continue
        if re.match(r"(?:photo|video|source|read|watch|update|live|breaking|note|see|related|also|more|editor)", lw):
            continue
        cs, ce = _content_trim(text, m.end(), pe)
        if ce - cs < 8 or len(text[cs:ce].split()) < 3:
            continue
        q = _Q(cs, ce, "direct", ps, pe)
        q.speaker_s, q.speaker_e = ss, se
        colon = text.index(":", se)
        q.cue, q.cue_s, q.cue_e = ":", colon, colon + 1
        out.append(q)
    return out


def _continue_speakers(ctx: _Ctx, direct: list[_Q]) -> None:
    """A paragraph that is one quote and nothing else continues the speaker of the paragraph before's quote."""
    text = ctx.text
    by_para: dict[int, _Q] = {}
    prev_q: _Q | None = None
    for q in sorted(direct, key=lambda q: q.start):
        pi = ctx.para_of(q.mark_start)
        if (q.speaker_s is None and not q.dash and prev_q is not None and prev_q.speaker_s is not None
                and ctx.para_of(prev_q.mark_start) == pi and prev_q.mark_end <= prev_q.speaker_s < q.mark_start):
            # "...," said Janes, an agency. "(This) reduces ...": the attribution between two quotes
            att_end = max(prev_q.speaker_e or 0, prev_q.cue_e or 0)
            rest = text[att_end:q.mark_start]
            if len(rest) < 120 and rest.rstrip().endswith((".", ":", ",")) and not re.search(r"[\"“”«»]", rest):
                q.speaker_s, q.speaker_e, q.entity = prev_q.speaker_s, prev_q.speaker_e, prev_q.entity
                q.outlet = prev_q.outlet
        prev_q = q
        if q.speaker_s is None and not q.dash and pi - 1 in by_para:
            ps, pe = ctx.para_bounds[pi]
            whole = not text[ps:q.mark_start].strip() and not text[q.mark_end:pe].strip(" \t.,")
            prev = by_para[pi - 1]
            if whole and prev.speaker_s is not None and ctx.seg_kind(ps) == ctx.seg_kind(prev.start):
                q.speaker_s, q.speaker_e, q.entity = prev.speaker_s, prev.speaker_e, prev.entity
                q.outlet = prev.outlet
        if q.speaker_s is not None:
            by_para[ctx.para_of(max(q.mark_end - 1, q.mark_start))] = q


def _drop_nested(qs: list[_Q]) -> list[_Q]:
    """Drop a quote lying inside another (a quote within a quote)."""
    qs.sort(key=lambda q: (q.mark_start, -q.mark_end))
    out: list[_Q] = []
    max_end = -1
    for q in qs:
        if q.mark_end <= max_end:
            continue
        out.append(q)
        max_end = q.mark_end
    return out


def extract_quotes(sdoc: Any, doc: Document, *, written: list[tuple[int, int] | None] | None = None) -> list[Quote]:
    """Direct quotes (marks and dash quotes) and reported speech, with speakers and cited outlets.

    ``sdoc`` is the spaCy Doc over ``doc.text`` (same offsets). Uses ``doc.segments``
    (boilerplate lines are skipped), ``doc.mentions`` and ``doc.entities``.
    Returns Quote records sorted by start. When ``written`` is a list, it receives, for each
    returned quote in order, the speaker span as written in the text before a pronoun or
    description was resolved ("he"), or None when the quote has no speaker (benchmarks against
    corpora such as PolNeAR that annotate the pronoun itself use it).
    """
    if not doc.text or len(sdoc) == 0:
        return []
    ctx = _Ctx(sdoc, doc)
    text = ctx.text
    dashes, consumed = _scan_dashes(ctx)
    marks = _scan_marks(ctx, consumed)
    # marks inside a dash quote are nested quotes; dash-quote tails may hold partial quotes: keep those apart
    taken = [(q.mark_start, q.mark_end) for q in marks]
    singles = _scan_single(ctx, taken)
    heads = _scan_colon_heads(ctx)
    direct = _drop_nested(dashes + marks + singles)
    kept_heads = []
    for h in heads:
        over = [q for q in direct if q.mark_start < h.end and h.start < q.mark_end]
        if not over:
            kept_heads.append(h)
        elif all(h.start <= q.mark_start and q.mark_end <= h.end and q.mark_end - q.mark_start < 0.8 * (h.end - h.start)
                 for q in over):
            # "Paul Ryan: FBI Decision 'Defies Explanation,' Needs More Investigation": the headline is the
            # statement, its partial quotes are inside it
            direct = [q for q in direct if q not in over]
            kept_heads.append(h)
    direct += kept_heads
    # markup attribute values (tweet_id="6721...") and quoted numbers or dates are not quotes
    direct = [q for q in direct if re.search(r"[^\W\d_]", text[q.start:q.end])
              and not (q.mark_start > 0 and text[q.mark_start - 1] == "=")]
    direct.sort(key=lambda q: q.start)
    verbs_used: set[int] = set(q.verb_i for q in direct if q.verb_i is not None)
    for q in direct:
        if q.speaker_s is None and not q.dash:
            _direct_speaker(ctx, q, verbs_used)
    _continue_speakers(ctx, direct)
    indirect = _indirect(ctx, direct, verbs_used)
    # a partial quote inside reported speech ("Graham argued that being American 'is an idea'") is the
    # reported speaker's words
    for q in direct:
        if q.speaker_s is None and not q.dash:
            for r in indirect:
                if r.start <= q.mark_start and q.mark_end <= r.end + 1 and r.speaker_s is not None:
                    q.speaker_s, q.speaker_e, q.entity, q.outlet = r.speaker_s, r.speaker_e, r.entity, r.outlet
                    break
    allq = direct + indirect
    _resolve(ctx, allq)
    # cited outlets: around the cue (its sentence), outside quote contents
    skip = sorted((q.start, q.end) for q in direct)
    out: list[Quote] = []
    for q in sorted(allq, key=lambda q: (q.start, q.end)):
        outlet = q.outlet
        if outlet is None and q.cue_s is not None:
            ss, se = ctx.sent_bounds_char(q.cue_s)
            ps, pe = ctx.para_bounds_at(q.cue_s)
            ss, se = max(ss, ps), min(se, pe)
            cites = outlet_cites(text, ss, se, ctx.outlet_mentions, skip=skip)
            if cites:
                # prefer an outlet the speaker talked to
                quoted = [c for c in cites if c.kind == "quoted_to"]
                outlet = (quoted or cites)[0].outlet
        speaker = None
        if q.speaker_s is not None and q.speaker_e is not None and q.speaker_e > q.speaker_s:
            speaker = text[q.speaker_s:q.speaker_e]
        if speaker is not None and outlet is None:
            outlet = speaker_outlet(speaker)
        entity = q.entity
        if speaker is not None and entity is None:
            entity = ctx.entity_for(q.speaker_s, q.speaker_e)
        out.append(Quote(
            start=q.start, end=q.end, text=text[q.start:q.end], kind=q.kind,  # type: ignore[arg-type]
            speaker=speaker,
            speaker_start=q.speaker_s if speaker else None,
            speaker_end=q.speaker_e if speaker else None,
            speaker_entity=entity if speaker else None,
            cue=q.cue.lower() if q.cue else None, cue_start=q.cue_s, cue_end=q.cue_e,
            cited_outlet=outlet,
        ))
        if written is not None:
            ws = q.written_s if q.written_s is not None else q.speaker_s
            we = q.written_e if q.written_e is not None else q.speaker_e
            written.append((ws, we) if speaker and ws is not None and we is not None else None)
    return out


@register_stage("extract.quotes", requires=["analysis", "segments", "mentions", "entities"], provides=["quotes"])
class QuotesStage:
    """Quotes and reported speech with speakers and cited outlets (``doc.quotes``)."""

    def __call__(self, doc: Document) -> Document:
        doc.quotes = extract_quotes(doc.analysis, doc)
        return doc
