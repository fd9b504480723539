"""How place names are compared: folding, transliteration and the loose skeleton key.

News spells one town several ways: Kharkiv / Kharkov / Харків, Zaporizhzhia /
Zaporozhye / Zaporizhia, Kostiantynivka / Konstantinovka. Three keys bring the
variants together, from strict to loose:

1. :func:`fold_name` - accents, case, apostrophes and hyphens removed. This is the
   key the ``names`` table is indexed on; an exact hit on it is trusted.
2. :func:`transliterate` - Cyrillic names get a Latin form (Ukrainian rules when the
   name has Ukrainian-only letters, Russian rules otherwise), so Харків meets
   Kharkiv and Харьков meets Kharkov.
3. :func:`skeleton` - consonant skeleton that merges the usual transliteration
   differences (kh/h/g, zh/z, ts/c, w/v, vowels, doubled letters). It is used only
   when the folded name finds nothing, and with a lower score, because it also
   merges names that are really different.

The module also holds the word lists that decide which names are plausible at
all (no airport codes, URLs or single letters) and which capitalised words are
ordinary English words first and place names second ("May", "Police", "Deal").
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "fold_name",
    "transliterate",
    "transliterations",
    "skeleton",
    "variant_key",
    "adjective_stems",
    "polish_case_stems",
    "polish_adjective_stems",
    "polish_romanisations",
    "POLISH_CASE_COUNTRIES",
    "has_cyrillic",
    "is_plausible_alternate",
    "REGION_WORDS",
    "FUNCTION_WORDS",
    "COMMON_WORDS",
    "NOT_PLACES",
]

# Apostrophes and look-alikes: removed, so Luhans'k == Luhansk and Bil'horod == Bilhorod.
_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u02b9\u0060\u00b4\u2032"
_APOS_TABLE = {ord(c): None for c in _APOSTROPHES}
# Letters NFKD does not decompose.
_SPECIAL = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
    }
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_COMBINING = re.compile("[\u0300-\u036f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Region words that follow a region's name ("Donetsk region", "Kursk Oblast").
REGION_WORDS: frozenset[str] = frozenset(
    {
        "region",
        "oblast",
        "province",
        "krai",
        "kray",
        "governorate",
        "voblast",
        "district",
        "raion",
        "rayon",
        "county",
        "state",
        "territory",
        "area",
    }
)


def has_cyrillic(text: str) -> bool:
    """True when the text has at least one Cyrillic letter."""
    return bool(_CYRILLIC.search(text))


def fold_name(name: str) -> str:
    """The strict comparison key of a place name.

    NFKD, accents stripped, lower case, apostrophes removed, every other run of
    punctuation, hyphens and spaces turned into one space. Cyrillic stays Cyrillic
    (its breve and diaeresis are stripped like Latin accents, on both the indexed
    and the queried side, so the key is consistent).

    >>> fold_name("Zaporizhzhia-Oblast")
    'zaporizhzhia oblast'
    >>> fold_name("Bil’horod-Dnistrovs'kyi")
    'bilhorod dnistrovskyi'
    """
    s = name.translate(_APOS_TABLE)
    if not s.isascii():  # the slow path only for names that need it
        s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
        s = _COMBINING.sub("", s)
    s = _NON_WORD.sub(" ", s.lower()).replace("_", " ")
    return " ".join(s.split())


# --- Cyrillic to Latin -------------------------------------------------------------
# The letters the Ukrainian and the Russian systems below write alike.
_CYRILLIC_SHARED = {
    "а": "a",
    "б": "b",
    "в": "v",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "і": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ъ": "",
    "ы": "y",
    "э": "e",
    "ў": "u",
    "ґ": "g",
}
# Ukrainian: the national (2010) system used by Ukrainian and most English media.
_UK_LETTERS = {**_CYRILLIC_SHARED, "г": "h", "є": "ie", "и": "y", "ї": "i", "й": "i", "ю": "iu", "я": "ia", "ё": "io"}
# At the start of a word these letters are written differently (Yenakiieve, Yuzhne, Yahotyn).
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Russian (and Belarusian): BGN/PCGN-like, the way Russian names reach English news.
_RU_LETTERS = {**_CYRILLIC_SHARED, "г": "g", "ё": "e", "и": "i", "й": "y", "ю": "yu", "я": "ya", "ї": "yi", "є": "ye"}
_RU_INITIAL = {"е": "ye"}
_UK_ONLY = set("іїєґ")


def transliterate(name: str) -> str:
    """A Latin spelling of a Cyrillic name; other text is returned unchanged.

    Ukrainian rules are used when the name has a letter only Ukrainian has
    (і ї є ґ), Russian rules otherwise, because that is how each name reaches
    English-language news: Харків -> Kharkiv, Харьков -> Kharkov, Київ -> Kyiv,
    Киев -> Kiev.
    """
    if not has_cyrillic(name):
        return name
    s = unicodedata.normalize("NFC", name)
    if any(ch in _UK_ONLY for ch in s.lower()):
        return _transliterate_with(s, _UK_LETTERS, _UK_INITIAL)
    return _transliterate_with(s, _RU_LETTERS, _RU_INITIAL)


def transliterations(name: str) -> list[str]:
    """Every Latin spelling worth indexing for a Cyrillic name (empty for Latin names).

    A name without Ukrainian-only letters may still be Ukrainian (Луганськ has
    none), so it gets both the Russian and the Ukrainian reading: Lugansk and
    Luhansk.
    """
    if not has_cyrillic(name):
        return []
    first = transliterate(name)
    out = [first]
    s = unicodedata.normalize("NFC", name)
    if not any(ch in _UK_ONLY for ch in s.lower()):
        uk = _transliterate_with(s, _UK_LETTERS, _UK_INITIAL)
        if uk != first:
            out.append(uk)
    return out


def _transliterate_with(s: str, letters: dict[str, str], initial: dict[str, str]) -> str:
    out: list[str] = []
    prev = " "
    for ch in s.translate(_APOS_TABLE):
        low = ch.lower()
        if low in letters:
            rep = initial[low] if (not prev.isalpha() and low in initial) else letters[low]
            if ch != low and rep:
                rep = rep[0].upper() + rep[1:]
            out.append(rep)
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


# --- skeleton ---------------------------------------------------------------------------
# The hushing sibilants (ж, ш, щ) share one letter: German writes ж as "sh" and ш as
# "sch", English the other way round (Saporischschja / Zaporizhzhia).
_SKELETON_STEPS: tuple[tuple[str, str], ...] = (
    ("shch", "Z"),
    ("tsch", "C"),
    ("sch", "Z"),
    ("zh", "Z"),
    ("kh", "h"),
    ("ch", "C"),
    ("sh", "Z"),
    ("ts", "C"),
    ("tz", "C"),
    ("cz", "C"),
    ("sz", "Z"),
    ("ph", "f"),
    ("ck", "k"),
    ("qu", "k"),
)
_SKELETON_CHARS = str.maketrans(
    {
        "g": "h",  # Ukrainian г = h, Russian г = g: Luhansk / Lugansk, Horlivka / Gorlovka
        "w": "v",  # German and Polish spellings: Charkiw, Kijow
        "z": "s",  # German s before a vowel is English z: Saporischschja
        "c": "k",
        "q": "k",
        "x": "h",
        "a": None,
        "e": None,
        "i": None,
        "o": None,
        "u": None,
        "y": None,
        "j": None,
    }
)
_DOUBLE = re.compile(r"(.)\1+")


def skeleton(folded: str) -> str | None:
    """The loose key of a folded (Latin) name, or None when it is too short to trust.

    Vowels and semivowels disappear, kh/h/g merge, zh/ts/ch/sh become single
    letters, s/z merge, doubled letters collapse: Zaporizhzhia, Zaporozhye and
    Zaporizhia all give ``sprZ``; Kyiv, Kiev and Kiyev give ``kv``. Too loose to be trusted alone,
    so it is only a fallback when the folded name finds nothing. Cyrillic input is
    transliterated first.
    """
    if has_cyrillic(folded):
        folded = fold_name(transliterate(folded))
    tokens = []
    for tok in folded.split():
        t = tok
        for a, b in _SKELETON_STEPS:
            t = t.replace(a, b)
        t = t.translate(_SKELETON_CHARS)
        t = _DOUBLE.sub(r"\1", t)
        if t:
            tokens.append(t)
    key = " ".join(tokens)
    if sum(1 for ch in key if ch != " ") < 3:
        return None
    return key


# --- Ukrainian / Russian romanisation variants ----------------------------------------
# One town reaches English text in several romanisations: Ukrainian (Krasnohorivka,
# Mala Rohan, Pisky), Russian (Krasnogorovka, Malaya Rogan), German or Dutch (Saporischschja,
# Loehansk), with or without soft signs (Irpin'), with y or i (Izyum / Izium, Maryinka /
# Marinka). The variant key keeps the vowels the skeleton drops (so it is much stricter),
# but writes each of those alternations one way.
_VARIANT_STEPS: tuple[tuple[str, str], ...] = (
    # Russian adjective and place endings written the Ukrainian way (before the letter rules)
    (r"(?<=\w)(?:aya|aja|aia)\b", "a"),  # Malaya Rogan -> Mala Rohan
    (r"(?<=\w)(?:oye|oe|oje|oie)\b", "e"),  # Pionerskoye -> Pionerske
    (r"(?<=\w)(?:yye|ye|iye|ie|yie)\b", "i"),  # Velikiye Luki, Novye -> Novi
    (r"(?<=\w)(?:iy|yy|yi|ii|ij|yj|y|i)\b", "i"),  # -skiy / -skyi / -sky
    (r"(?:ye|ie|e|yi|ii|i)vka\b", "ivka"),  # Andreyevka -> Andreivka (the fuzzy step does the rest)
    (r"ovka\b", "ivka"),  # Konstantinovka -> Kostiantynivka (t/nt handled by the fuzzy step)
    (r"(?<=\w)ov\b", "iv"),  # Kharkov -> Kharkiv
)
_VARIANT_LETTERS: tuple[tuple[str, str], ...] = (
    ("shch", "S"),
    ("sch", "S"),
    ("tsch", "C"),
    ("tsj", "C"),
    ("tch", "C"),
    ("tj", "C"),
    ("zh", "S"),  # the hushing sibilants as one letter, as in the skeleton (Saporischschja)
    ("dzj", "S"),
    ("zj", "S"),
    ("kh", "h"),
    ("ch", "C"),
    ("sj", "S"),
    ("sh", "S"),
    ("ts", "C"),
    ("tz", "C"),
    ("cz", "C"),
    ("oe", "u"),  # Dutch: Loehansk
    ("ph", "f"),
    ("ck", "k"),
    ("yu", "u"),
    ("iu", "u"),
    ("ju", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("ja", "a"),
    ("yo", "o"),
    ("io", "o"),
    ("jo", "o"),
    ("ye", "e"),
    ("ie", "e"),
    ("je", "e"),
    ("yi", "i"),
    ("iy", "i"),
    ("ii", "i"),
    ("yy", "i"),
)
_VARIANT_CHARS = str.maketrans({"g": "h", "w": "v", "y": "i", "j": "i", "c": "C", "q": "k", "x": "ks"})


def variant_key(folded: str) -> str:
    """A key that writes the usual Ukrainian/Russian romanisation alternations one way.

    Stricter than :func:`skeleton` (vowels stay, so Pisky and Peski differ only where
    the languages differ) and meant for comparing names inside one region, where a
    near miss is likely the same place:

    >>> variant_key("krasnogorovka") == variant_key("krasnohorivka")
    True
    >>> variant_key("malaya rohan") == variant_key("mala rohan")
    True
    >>> variant_key("izyum") == variant_key("izium")
    True
    """
    if has_cyrillic(folded):
        folded = fold_name(transliterate(folded))
    s = folded
    for pat, rep in _VARIANT_STEPS:
        s = re.sub(pat, rep, s)
    for a, b in _VARIANT_LETTERS:
        s = s.replace(a, b)
    s = s.translate(_VARIANT_CHARS)
    s = _DOUBLE.sub(r"\1", s)
    return s


# Endings of the adjectives that name oblasts and raions after their centre:
# Donets'ka oblast, Belgorodskaya oblast, Chapayevsky raion, Brovars'kyi district.
_ADJ_ENDINGS = (
    "skaya",
    "skaja",
    "skiy",
    "skyi",
    "skyy",
    "skii",
    "skij",
    "sky",
    "ska",
    "ski",
    "kyi",
    "kiy",
    "ky",
    "ka",
)


def adjective_stems(folded: str) -> list[str]:
    """Stems of an oblast or raion adjective: the centre's name without its ending,
    for prefix-like look-ups ("donetska" -> "donetsk", "chapayevsky" -> "chapayev")."""
    out: list[str] = []
    for end in _ADJ_ENDINGS:
        if folded.endswith(end) and len(folded) - len(end) >= 3:
            stem = folded[: -len(end)]
            out.append(stem)
            if end.startswith("s") and not stem.endswith("s"):
                out.append(stem + "sk")
            break
    return out


# --- Polish case endings ----------------------------------------------------------------
# Machine translation from Polish leaves Ukrainian, Russian and Belarusian places in their Polish
# exonym and often in the case the sentence needed: "w Kijowie" -> "in Kijowie", "do Iziumu" ->
# "to Iziumu", "w Bachmucie", "pod Awdijiwce". Rather than listing every inflected form, the usual
# Polish noun endings are undone on the folded name (ó is already o, ł is l). Each rule gives the
# nominative stems to try; the consonant alternations of the locative are reversed (Bachmucie ->
# Bachmut, Awdijiwce -> Awdijiwka, Odessie -> Odessa). The stems are only a fallback, tried when the
# inflected form itself is not a name, and lookup.py accepts them only for places in the countries
# whose names Polish inflects this way (POLISH_CASE_COUNTRIES): the rule is keyed on Polish as the
# language the name came from, not applied to English words.
POLISH_CASE_COUNTRIES: frozenset[str] = frozenset({"UA", "RU", "BY", "PL", "LT", "MD"})
# (ending, replacements), longest endings first; the first ending that fits is used.
_POLISH_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("owie", ("ow",)),  # Kijowie, Lwowie, Charkowie (locative of -ow)
    ("owem", ("ow",)),  # Kijowem (instrumental)
    ("owa", ("ow",)),  # Kijowa, Charkowa (genitive)
    ("owi", ("ow",)),  # Kijowowi (dative)
    ("dzie", ("d", "da")),  # Nowogrodzie
    ("cie", ("t", "ta")),  # Bachmucie: t -> c
    ("rze", ("r", "ra")),  # Dnieprze
    ("sle", ("sl",)),
    ("ce", ("ka", "k")),  # Awdijiwce, Pokrowce: k -> c
    ("dze", ("ga",)),  # Wołdze
    ("niu", ("n",)),  # Chersoniu
    ("iem", ("", "ia")),  # Donieckiem
    ("ie", ("", "a", "e")),  # Odessie, Połtawie, Kersonie
    ("iu", ("", "ia")),  # Zaporiżżiu
    ("em", ("",)),  # Mariupolem
    ("u", ("", "e")),  # Doniecku, Mariupolu, Iziumu; Zaporożu -> Zaporoże
    ("y", ("a",)),  # Odessy, Połtawy (genitive of -a)
    ("a", ("", "e")),  # Doniecka, Zaporoża
)


def polish_case_stems(folded: str) -> list[str]:
    """Nominative stems of a name that may carry a Polish case ending, best guess first.

    Works on the last word of a folded name ("stanica luganskiej" is left alone: adjectives are
    not undone). Empty for common English words, when no ending fits, or when the stem would be too
    short to trust (under 5 letters; 4 for the Polish -ów names: Lwowie -> lwow).

    >>> polish_case_stems("kijowie")
    ['kijow']
    >>> polish_case_stems("bachmucie")
    ['bachmut', 'bachmuta']
    >>> polish_case_stems("iziumu")
    ['izium', 'iziume']
    """
    if not folded or " " in folded or not folded.isalpha() or folded in COMMON_WORDS or folded in FUNCTION_WORDS:
        return []  # "City" is not the genitive of "Cita"
    for ending, reps in _POLISH_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            stem = folded[: -len(ending)]
            # Short results only for the distinctly Polish -ów forms (Lwowie -> lwow).
            shortest = 4 if ending.startswith("ow") or stem.endswith("ow") else 5
            return [x for x in (stem + r for r in reps) if len(x) >= shortest]
    return []


# Polish spelling of Ukrainian, Russian and Belarusian names, as machine translation leaves it when
# it half-transliterates ("Krasnohoriwka", "Awdijiwka", "Kostiantyniwka"): on the folded name, where
# ł, ż, ś, ń, ó are already l, z, s, n, o.
_POLISH_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("szcz", "shch"),
    ("ch", "kh"),
    ("cz", "ch"),
    ("sz", "sh"),
    ("rz", "zh"),
    ("w", "v"),
)


def polish_romanisations(folded: str) -> list[str]:
    """English-style spellings of a folded name written the Polish way, or [] when it has no
    Polish spelling to undo (w, cz, sz, rz, ch, j).

    >>> polish_romanisations("krasnohoriwka")
    ['krasnohorivka']
    >>> polish_romanisations("awdijiwka")
    ['avdiiivka', 'avdiyivka']
    """
    if not folded.isascii() or not any(x in folded for x in ("w", "cz", "sz", "rz", "ch", "j")):
        return []
    s = folded
    for a, b in _POLISH_DIGRAPHS:
        s = s.replace(a, b)
    out = [s.replace("j", "i"), s.replace("j", "y")] if "j" in s else [s]
    return [x for x in dict.fromkeys(out) if x != folded]


# Polish region adjectives (obwód winnicki, obwód połtawski, obwód mikołajowski) as machine
# translation leaves them: "the Winnicki circuit", "the Poltawski region". The adjective ending
# is undone to the region's centre: Winnica, Połtawa, Mikołajów.
_POLISH_ADJ_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("owskiego", ("ow",)),
    ("owskiej", ("ow",)),
    ("owski", ("ow",)),
    ("owska", ("ow",)),
    ("ckiego", ("ca", "ck")),
    ("ckiej", ("ca", "ck")),
    ("cki", ("ca", "ck")),
    ("cka", ("ca", "ck")),
    ("skiego", ("a", "sk")),
    ("skiej", ("a", "sk")),
    ("ski", ("a", "sk", "")),
    ("ska", ("a", "sk", "")),
)


def polish_adjective_stems(folded: str) -> list[str]:
    """Centres a Polish region adjective may be made from ("winnicki" -> "winnica", "poltawski" ->
    "poltawa", "mikolajowski" -> "mikolajow"), for "X region" look-ups only.

    >>> polish_adjective_stems("winnicki")
    ['winnica', 'winnick']
    """
    if not folded or " " in folded:
        return []
    for ending, reps in _POLISH_ADJ_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            stem = folded[: -len(ending)]
            return [stem + r for r in reps]
    return []


# --- which names are worth indexing --------------------------------------------------
_URLISH = re.compile(r"https?:|www\.|\.(com|org|net|html?)\b|/", re.IGNORECASE)
_CODE = re.compile(r"^[A-Z0-9]{2,5}$")
# Latin (with accents), Cyrillic, combining marks, spaces and name punctuation; no digits.
_LATIN_OR_CYRILLIC = re.compile(
    "^[ A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u0300-\u036f"
    "\u0400-\u04ff'\u2019\u02bc\u02bb.\\-()&,]+$"
)


def is_plausible_alternate(name: str) -> bool:
    """Whether an alternate name from GeoNames is worth indexing.

    Skipped: airport and other codes (all capitals, 2-5 letters: IEV, HRK), URLs,
    names of one or two letters, names with digits, scripts that English news does not
    use (only Latin and Cyrillic are kept: CJK, Arabic and the like would only
    bloat the index), and all-lowercase Latin names, which in GeoNames are
    romanisations from other scripts ("ha er ke fu") rather than names a writer
    would use.
    """
    n = name.strip()
    if not _LATIN_OR_CYRILLIC.match(n):
        return False
    if _URLISH.search(n) or _CODE.match(n):
        return False
    if sum(1 for ch in n if ch.isalpha()) < 3:
        return False
    # all-lowercase Latin: a romanisation from another script, not a name writers use
    return has_cyrillic(n) or n != n.lower()


# Words never taken as a place on their own, whatever the recogniser says.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """a an the of in on at to by for from with and or but nor as is be are was were it its
    this that these those he she we they you i me him her us them his their our your
    not no yes so if then than there here who whom which what when where why how all any
    some each every both either neither one two three also just only very about above
    after again against along among around before behind below beneath beside between
    beyond down during except inside into like near off out outside over past since
    through throughout till toward towards under until up upon via within without per""".split()
)

# Ordinary English words (and first names, titles, months, weekdays) that are also
# the name of some sizeable place. A capitalised one is taken as a place only when a
# recogniser labelled it GPE/LOC/FAC, never when it was labelled PERSON or ORG or
# merely spotted by capitalisation.
COMMON_WORDS: frozenset[str] = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
    mobile deal police most split nice reading bath sale man bar union liberty independence
    victory hope orange gap bury best well wells young page mercy justice freedom peace
    faith grace unity progress hat hall mill mills chester early late plain plains
    spring springs fall falls summer winter autumn dawn day night noon
    army navy force forces guard guards general president minister governor mayor head
    chief officer colonel major captain king queen prince princess lord duke saint st
    university college school church temple court council house senate congress parliament
    ministry office service services agency group company bank market center centre city
    town village street road avenue square park bridge port station airport base camp
    north south east west northern southern eastern western central upper lower middle
    new old great little big long short high low good bad fine rich poor free
    red white black blue green brown gray grey gold golden silver iron stone rock
    river lake sea bay beach island islands hill hills mount mountain valley wood woods
    forest field fields garden gardens spring lane cross crossing point cape
    ocean water fire wind rain snow sun moon star sky
    war battle peace front line lines border borders attack strike strikes
    news press media post times today daily herald star tribune telegraph guardian mirror
    independent observer express record world nation national international global
    reuters sky fox abc cbs nbc cnn bbc
    monday christmas easter
    john james david paul mark peter george thomas michael william richard charles robert
    mary elizabeth anna maria victoria alexandra sofia olga tatiana natalia irina
    vladimir alexander alexei andriy oleksandr sergei dmitry ivan igor oleg yuri
    boris viktor volodymyr petro mykola pavlo taras roman maxim max joe biden trump putin
    zelensky zelenskyy lukashenko obama clinton jackson lincoln washington franklin
    hamilton kennedy johnson wilson taylor harris martin lewis
    president premier chancellor
    more much many none see enter can due send nine ten time law god human alliance republic
    federal olympic empire metro economy commerce summit delta naval marshal vice fleet pine
    noble warden annex tour tours sen van mer jar tam ben dan sam andy adam ron nancy angela
    bella kamala winston margaret marek nikolai anton antony kaja tucker payne bradley casey
    kelly graham scott bush duda merkel truss kirby sullivan cameron wagner google apple
    amazon twitter facebook telegram youtube nato
    secretary spokesman spokeswoman commander soldier soldiers troops residents people
    government state federal kremlin pentagon hamas hezbollah taliban arab stalin lenin
    come say reserve normal pearl commonwealth triangle von van der marathon duma davis jones
    moore brandon roosevelt buk xinhua tass levada garland hanna karolina maia sandu
    """.split()
) - frozenset({"washington"})  # as a lone word in news it is nearly always the US capital

# Phrases that are institutions, not the places whose alternate names they happen to be
# (GeoNames lists "White House" for Casablanca).
NOT_PLACES: frozenset[str] = frozenset(
    {"white house", "oval office", "security council", "european union", "downing street"}
)
