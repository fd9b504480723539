"""Text repairs at ingest, with an exact offset map back to the source text.

The *source text* is the text as decoded (or extracted from HTML / a JSON record) before any repair.
:func:`repair_text` turns it into the *stored text* that every offset indexes, by a fixed list of passes:

- ``newline``: CRLF and lone CR become LF;
- ``mojibake``: UTF-8 read as cp1252/latin-1 ("cafÃ©", "donâ€™t", "Ð¿Ñ€Ð¸") or as cp1251 ("РџСЂРё") is
  re-decoded with ftfy's ``fix_encoding``; cp1251 Cyrillic read as latin-1 ("Ïðåçèäåíò") is re-decoded;
- ``nfc``: Unicode NFC;
- ``homoglyph``: a word mixing Latin and Cyrillic lookalike letters ("Зъpнoтo", "HIMАRS") is written in one
  script;
- ``invisible``: zero-width characters, soft hyphens and a BOM are removed;
- ``space``: no-break and other odd spaces become a plain space;
- ``control``: control characters other than tab and newline are removed;
- ``layout``: spaces before a line end and runs of blank lines are dropped, the text is stripped;
- ``glue``: two paragraphs or sentences glued without a space ("...the border.Experts say") get a line
  break inserted between them, so the line classifier and the sentence splitter see two units.

Every change is an :class:`Edit`: the stored span ``[start, end)`` replaced the source span
``[source_start, source_end)``. Outside the edits the two texts are identical, shifted. So
:meth:`Repaired.to_source` maps any stored span to the exact source span it came from, and
:meth:`Repaired.source_text` rebuilds the source text from the stored text and the edits.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

__all__ = [
    "Edit",
    "Repaired",
    "repair_text",
    "glue_points",
    "fix_mojibake",
    "cp1251_read_as_latin1",
    "MOJIBAKE_HINT",
]

# (start, end, replacement, kind) in the coordinates of a pass's input.
_Change = tuple[int, int, str, str]


@dataclass(frozen=True, slots=True)
class Edit:
    """The stored span ``[start, end)`` replaced the source span ``[source_start, source_end)``."""

    start: int
    end: int
    source_start: int
    source_end: int
    source: str  # the replaced source characters
    kind: str  # one or more pass names joined with "+": "mojibake", "glue", "newline+layout", ...


@dataclass(slots=True)
class Repaired:
    """The stored text and the edits that map it back to the source text."""

    text: str
    edits: list[Edit] = field(default_factory=list)
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    def counts(self) -> Counter[str]:
        """Edits per pass name (an edit merging two passes counts for both)."""
        out: Counter[str] = Counter()
        for e in self.edits:
            out.update(e.kind.split("+"))
        return out

    def _position(self, offset: int, *, side: str) -> int:
        """Source offset of a stored offset; ``side`` is "start" or "end" of a span."""
        if self._starts is None or len(self._starts) != len(self.edits):
            self._starts = [e.start for e in self.edits]
        i = bisect_right(self._starts, offset) - 1
        # Edits at or before the offset; several zero-length edits can share a start.
        while i >= 0:
            e = self.edits[i]
            if e.start < offset < e.end:  # inside a replacement: the span covers all of its source
                return e.source_start if side == "start" else e.source_end
            if e.end <= offset and not (side == "end" and e.start == offset and e.end == offset):
                return e.source_end + (offset - e.end)
            i -= 1
        return offset

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span the stored span ``[start, end)`` came from."""
        s = self._position(start, side="start")
        e = self._position(end, side="end")
        return s, max(s, e)

    def source_text(self) -> str:
        """The source text, rebuilt from the stored text and the edits (a check that the map is complete)."""
        parts: list[str] = []
        pos = 0
        for e in self.edits:
            parts.append(self.text[pos : e.start])
            parts.append(e.source)
            pos = e.end
        parts.append(self.text[pos:])
        return "".join(parts)


# -- passes ------------------------------------------------------------------------------------------------

_NEWLINE = regex.compile(r"\r\n?")
# A UTF-8 lead byte read as cp1252/latin-1 followed by a continuation byte read the same way; or UTF-8
# Cyrillic read as cp1251 ("Р" or "С" followed by a cp1251 continuation character).
MOJIBAKE_HINT = regex.compile(
    r"[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2122]|[\u00c3\u00c2]\u0020(?=\p{L}|\s|\p{P})|[РС][\u0402-\u040f\u0452-\u045f\u2018-\u203a\u20ac\u00a0-\u00bf]"
)
# A word made only of cp1251 Cyrillic letters read as latin-1/cp1252 ("Ïðåçèäåíò"; "÷" is "ч"). Western
# words of three or more letters are never made only of these, so such words mark a cp1251 line; in such a
# line shorter words ("íà", "â") are converted too.
_CP1251_WORD = regex.compile(
    r"(?<![\p{L}\p{M}])[\u00c0-\u00ff\u00a8\u00b8\u00aa\u00ba\u00af\u00bf\u00b2\u00b3\u00a5\u00b4\u00a1\u00a2\u00b9]+"
    r"(?![\p{L}\p{M}])"
)
_NON_ASCII_RUN = regex.compile(r"[^\x00-\x7f]+(?:(?<=[ÃÂ]) (?= ))?")
_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]+")
_SPACES = regex.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f]+")
_TRAILING = regex.compile(r"[ \t]+(?=\n)")
_MANY_BLANKS = regex.compile(r"\n{3,}")
_LEAD = regex.compile(r"\A\s+")
_TAIL = regex.compile(r"\s+\Z")
_NON_STARTER = regex.compile(r"[^\p{M}][\p{M}]+|[\u0300-\u036f\u2126\u212a\u212b\uf900-\ufaff\u0340\u0341\u0343\u0344]")

# A glue point: the end of a sentence (two lower-case letters, or digits, or an acronym, then maybe a closing
# bracket or quote, maybe a space, maybe a quote ('the OSCE ".He said'), one or more of . ! ? …, maybe a closing
# quote), then at once a capital letter starting a word. "U.S.Army", "e.g.The", "Mr.Smith" and "example.com" do not match.
_CLOSE = "\"”“»’)\\]„'"
_GLUE = regex.compile(
    r"(?<=(?:\p{Ll}\p{Ll}|\p{Lu}\p{Ll}|\p{Ll}\d|\d\d|\p{Lu}\p{Lu}|\d%|\d\s\p{Ll})"
    rf"[{_CLOSE}]? ?[{_CLOSE}]?[.!?…]+[{_CLOSE}]?)(?=\p{{Lu}}[\p{{Ll}}\p{{Lu}}'’ ])"
)
# Abbreviations that end in a full stop and come before a capitalised name: "Gen.Zaluzhny" is not glue.
_ABBREVIATIONS = frozenset(
    "gen col lt sgt maj capt cpt gov sen rep prof dr mr mrs ms st vs no nr jr sr ca approx etc jan feb mar apr jun "
    "jul aug sep sept oct nov dec inc ltd co corp av ave sig sra mme mlle gr ул гр проф ген д-р бул пл вж св сп бр".split()
)
_DOMAIN_ENDINGS = frozenset({"COM", "ORG", "NET", "INFO", "BG", "БГ", "РФ", "UA", "RU", "PL"})
_URLISH = regex.compile(r"(?:https?://|www\.|@|\.(?:com|org|net|bg|ua|ru|pl|uk)\b)", regex.I)
_TOKEN_AROUND = regex.compile(r"\S+$")


def _changes_regex(pattern: regex.Pattern[str], replacement: str, kind: str) -> Callable[[str], list[_Change]]:
    def changes(text: str) -> list[_Change]:
        return [(m.start(), m.end(), replacement, kind) for m in pattern.finditer(text)]

    return changes


def cp1251_read_as_latin1(word: str) -> str | None:
    """The Cyrillic word when ``word`` is cp1251 bytes read as latin-1/cp1252, else None.

    Bytes that are valid UTF-8 ("Ð¿Ñ€Ð¸" is UTF-8 Cyrillic read as cp1252) are UTF-8 mojibake, not cp1251.
    """
    try:
        data = word.encode("cp1252")
    except UnicodeEncodeError:
        try:
            data = word.encode("latin-1")
        except UnicodeEncodeError:
            return None
    if len(word) >= 2:
        try:
            data.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
    try:
        fixed = data.decode("cp1251")
    except UnicodeDecodeError:
        return None
    if all("\u0400" <= ch <= "\u04ff" or ch == "№" for ch in fixed) and fixed != "№":
        return fixed
    return None


def fix_mojibake(text: str) -> str:
    """``text`` with mojibake re-decoded (the same repairs the ``mojibake`` pass makes)."""
    return _apply(text, _mojibake_changes(text))[0]


def _line_chunks(text: str) -> list[tuple[int, int]]:
    """Lines, with very long lines cut at spaces into chunks of about 2,000 characters."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        while end - start > 4000:
            cut = text.rfind(" ", start + 1000, start + 2000)
            if cut <= start or text[cut - 1] in "ÃÂ":
                cut = start + 2000
            out.append((start, cut))
            start = cut
        out.append((start, end))
        pos = end + 1
    return out


def _mojibake_changes(text: str) -> list[_Change]:
    import ftfy

    out: list[_Change] = []
    hinted = bool(MOJIBAKE_HINT.search(text))
    for start, end in _line_chunks(text):
        # cp1251 read as latin-1 first: in such a line "Â " is the letter "В", not a broken no-break space.
        words: list[tuple[int, int, str]] = []
        strong = 0
        for m in _CP1251_WORD.finditer(text, start, end):
            fixed_word = cp1251_read_as_latin1(m.group())
            if fixed_word is None:
                continue
            words.append((m.start(), m.end(), fixed_word))
            strong += sum(1 for ch in m.group() if ch.isalpha()) >= 3
        chunk = text[start:end]
        hints = len(MOJIBAKE_HINT.findall(chunk)) if hinted else 0
        # UTF-8 Cyrillic read as cp1252 ("Ð¿Ñ€Ð¸") also looks like cp1251 words: it has far more UTF-8 pairs.
        if strong > hints and (strong >= 2 or (strong == 1 and len(words) == 1 and len(words[0][2]) >= 5)):
            out += [(s, e, w, "mojibake") for s, e, w in words if len(w) >= 3 or strong >= 2]
            continue
        if not hints:
            continue
        fixed = ftfy.fix_encoding(chunk)
        if fixed == chunk:
            continue
        # Mojibake is runs of non-ASCII characters (a lost no-break space can leave "Ã " + space): fix each
        # run on its own for fine-grained edits, and keep them when they give ftfy's result for the line.
        runs: list[_Change] = []
        for m in _NON_ASCII_RUN.finditer(chunk):
            run_fixed = ftfy.fix_encoding(m.group())
            if run_fixed != m.group():
                runs.append((start + m.start(), start + m.end(), run_fixed, "mojibake"))
        shifted = [(s - start, e - start, new, kind) for s, e, new, kind in runs]
        if _apply(chunk, shifted)[0] == fixed:
            out += runs
        else:
            out.append((start, end, fixed, "mojibake"))
    return sorted(out)


def _nfc_changes(text: str) -> list[_Change]:
    if unicodedata.is_normalized("NFC", text):
        return []
    out: list[_Change] = []
    for m in _NON_STARTER.finditer(text):
        fixed = unicodedata.normalize("NFC", m.group())
        if fixed != m.group():
            out.append((m.start(), m.end(), fixed, "nfc"))
    patched, _ = _apply(text, out)
    if not unicodedata.is_normalized("NFC", patched):  # composition across chunks (rare): one coarse edit
        return [(0, len(text), unicodedata.normalize("NFC", text), "nfc")]
    return out


# Latin letters that look like Cyrillic ones, as scrapers and anti-scraping tricks mix them into words
# ("Зъpнoтo" with Latin p and o, "реакторa", "HIMАRS" with a Cyrillic А).
_LATIN_TO_CYRILLIC = dict(zip("aceopxyĸABCEHKMOPTXY", "асеорхукАВСЕНКМОРТХУ", strict=True))
_CYRILLIC_TO_LATIN = {c: lat for lat, c in _LATIN_TO_CYRILLIC.items() if lat != "ĸ"}
_MIXED_WORD = regex.compile(r"(?=\p{L}*\p{Script=Cyrillic})(?=\p{L}*\p{Script=Latin})(?<!\p{L})\p{L}{2,}(?!\p{L})")


def _homoglyph_changes(text: str) -> list[_Change]:
    """A word mixing Latin and Cyrillic letters is written in one script when the odd letters are lookalikes."""
    out: list[_Change] = []
    for m in _MIXED_WORD.finditer(text):
        word = m.group()
        cyr = [ch for ch in word if "\u0400" <= ch <= "\u04ff"]
        lat = [ch for ch in word if not ("\u0400" <= ch <= "\u04ff")]
        cyr_only = any(ch not in _CYRILLIC_TO_LATIN for ch in cyr)  # a letter only Cyrillic has
        lat_only = any(ch not in _LATIN_TO_CYRILLIC for ch in lat)
        if cyr_only and not lat_only:
            target = "cyrillic"
        elif lat_only and not cyr_only:
            target = "latin"
        elif not cyr_only and not lat_only and len(cyr) != len(lat):
            target = "cyrillic" if len(cyr) > len(lat) else "latin"
        else:
            continue  # two words glued without a space, or no way to tell
        table = _LATIN_TO_CYRILLIC if target == "cyrillic" else _CYRILLIC_TO_LATIN
        fixed = "".join(table.get(ch, ch) for ch in word)
        for i, (a, b) in enumerate(zip(word, fixed, strict=True)):
            if a != b:
                out.append((m.start() + i, m.start() + i + 1, b, "homoglyph"))
    return out


def _layout_changes(text: str) -> list[_Change]:
    lead = _LEAD.search(text)
    tail = _TAIL.search(text)
    lo = lead.end() if lead else 0
    hi = tail.start() if tail and tail.start() >= lo else len(text)
    out: list[_Change] = [(m.start(), m.end(), "", "layout") for m in _TRAILING.finditer(text, lo, hi)]
    out += [(m.start() + 2, m.end(), "", "layout") for m in _MANY_BLANKS.finditer(text, lo, hi)]
    if lead:
        out.append((lead.start(), lead.end(), "", "layout"))
    if tail and tail.start() >= lo:
        out.append((tail.start(), tail.end(), "", "layout"))
    return _non_overlapping(out)


def glue_points(text: str) -> list[int]:
    """Offsets in ``text`` where two sentences or paragraphs are glued without a space ("end.Next").

    Each offset is the start of the second unit. Tokens that look like web addresses, and Latin-script
    names inside non-Latin text ("Liga.Tech" in a Bulgarian article), are not glue.
    """
    points: list[int] = []
    for m in _GLUE.finditer(text):
        i = m.start()
        left = _TOKEN_AROUND.search(text, max(0, i - 60), i)
        right_end = i
        while right_end < len(text) and not text[right_end].isspace():
            right_end += 1
        left_token = left.group() if left else ""
        right_token = text[i:right_end]
        token = left_token + right_token
        word = regex.search(r"([\p{L}-]+)\W*$", left_token)
        if word and word.group(1).lower() in _ABBREVIATIONS:
            continue
        # Inside a web address ("www.Foo.Com", "site.com/News"), not after one ("... said news.bg.Next").
        if _URLISH.search(token) and (_URLISH.search(right_token) or regex.search(r"[./]\w", right_token)):
            continue
        if regex.match(r"(?:https?://|www\.)", left_token):
            continue
        right_word = regex.match(r"\p{L}+", right_token)
        if right_word and right_word.group() in _DOMAIN_ENDINGS:
            continue  # a site's name: "Епицентър.БГ", "Fakti.BG"
        if word and right_word and regex.fullmatch(r"(\p{Lu})\1", word.group(1)) \
                and regex.fullmatch(r"(\p{Lu})\1", right_word.group()):
            continue  # a Spanish plural abbreviation: "EE.UU.", "FF.AA."
        if _latin_in_other_script(
            text, i, (word.group(1) if word else "") + (right_word.group() if right_word else "")
        ):
            continue
        points.append(i)
    return points


def _latin_in_other_script(text: str, i: int, token: str) -> bool:
    """A Latin-script token with Cyrillic or Greek text right beside it: a name ("Liga.Tech"), not glue."""
    letters = [ch for ch in token if ch.isalpha()]
    if not letters or not all(ch < "\u0250" for ch in letters):
        return False
    window = text[max(0, i - 40) : i + 40]
    return any("\u0370" <= ch <= "\u04ff" for ch in window)


def _glue_changes(text: str) -> list[_Change]:
    return [(i, i, "\n", "glue") for i in glue_points(text)]


_PASSES: list[Callable[[str], list[_Change]]] = [
    _changes_regex(_NEWLINE, "\n", "newline"),
    _mojibake_changes,
    _nfc_changes,
    _homoglyph_changes,
    _changes_regex(_INVISIBLE, "", "invisible"),
    _changes_regex(_SPACES, " ", "space"),
    _changes_regex(_CONTROL, "", "control"),
    _layout_changes,
    _glue_changes,
]


# -- composition -------------------------------------------------------------------------------------------


def _non_overlapping(changes: list[_Change]) -> list[_Change]:
    out: list[_Change] = []
    for c in sorted(changes, key=lambda c: (c[0], c[1])):
        if out and c[0] < out[-1][1]:
            continue
        out.append(c)
    return out


def _apply(text: str, changes: list[_Change]) -> tuple[str, list[Edit]]:
    """Apply sorted, non-overlapping changes; return the new text and edits (source = ``text``)."""
    parts: list[str] = []
    edits: list[Edit] = []
    pos = 0
    out_len = 0
    for start, end, new, kind in changes:
        parts.append(text[pos:start])
        out_len += start - pos
        if new == text[start:end]:
            pos = end
            parts.append(new)
            out_len += len(new)
            continue
        edits.append(Edit(out_len, out_len + len(new), start, end, text[start:end], kind))
        parts.append(new)
        out_len += len(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), edits


def _compose(first: list[Edit], second: list[Edit], source: str, final: str) -> list[Edit]:
    """Edits source -> final from edits source -> middle (``first``) and middle -> final (``second``)."""
    if not first:
        return [
            Edit(e.start, e.end, e.source_start, e.source_end, source[e.source_start : e.source_end], e.kind)
            for e in second
        ]
    if not second:
        return first
    # Intervals on the middle text: the output spans of ``first`` and the input spans of ``second``.
    items = [(e.start, e.end, 0, e) for e in first] + [(e.source_start, e.source_end, 1, e) for e in second]
    items.sort(key=lambda x: (x[0], x[1]))
    clusters: list[tuple[int, int, list[Edit], list[Edit]]] = []
    for lo, hi, which, e in items:
        if clusters and lo < clusters[-1][1]:  # overlapping (touching edits stay apart)
            c = clusters[-1]
            clusters[-1] = (c[0], max(c[1], hi), c[2] + ([e] if which == 0 else []), c[3] + ([e] if which else []))
        else:
            clusters.append((lo, hi, [e] if which == 0 else [], [e] if which else []))
    out: list[Edit] = []
    delta_first = 0  # source - middle, from first-edits before the current position
    delta_second = 0  # final - middle, from second-edits before the current position
    for lo, hi, firsts, seconds in clusters:
        src_lo = lo + delta_first
        fin_lo = lo + delta_second
        for e in firsts:
            delta_first += (e.source_end - e.source_start) - (e.end - e.start)
        for e in seconds:
            delta_second += (e.end - e.start) - (e.source_end - e.source_start)
        src_hi = hi + delta_first
        fin_hi = hi + delta_second
        kinds = sorted({k for e in firsts + seconds for k in e.kind.split("+")})
        out.append(Edit(fin_lo, fin_hi, src_lo, src_hi, source[src_lo:src_hi], "+".join(kinds)))
    return out


def repair_text(source: str) -> Repaired:
    """Repair ``source`` (see the module docstring); the result maps every stored offset back to it."""
    text = source
    edits: list[Edit] = []
    for make_changes in _PASSES:
        changes = make_changes(text)
        if not changes:
            continue
        new_text, step = _apply(text, changes)
        if not step:
            continue
        edits = _compose(edits, step, source, new_text)
        text = new_text
    return Repaired(text, edits)
