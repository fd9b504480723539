"""Ingest repairs: glued paragraphs, mojibake, Unicode and whitespace, and the offset map back to the source."""

from __future__ import annotations

import json
import random

import pytest
from conftest import shared

from newstrace.clean.repair import Repaired, glue_points, repair_text
from newstrace.ingest.decode import normalise_text


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def _span_round_trips(r: Repaired, source: str, start: int, end: int) -> bool:
    """The source span of [start, end), with the edits inside it applied, is exactly the stored span."""
    s, e = r.to_source(start, end)
    parts: list[str] = []
    pos = s
    for x in r.edits:
        if not (start <= x.start and x.end <= end) or (x.start == x.end and x.start in (start, end)):
            continue
        parts.append(source[pos : x.source_start])
        parts.append(r.text[x.start : x.end])
        pos = x.source_end
    parts.append(source[pos:e])
    return "".join(parts) == r.text[start:end]


def _check(source: str) -> Repaired:
    r = repair_text(source)
    assert r.source_text() == source
    for start, end in _lines(r.text):
        assert _span_round_trips(r, source, start, end), (source, r.text[start:end])
    return r


@pytest.mark.parametrize(
    ("source", "stored"),
    [
        (
            "Troops massed at the border.Experts say it is a bluff.",
            "Troops massed at the border.\nExperts say it is a bluff.",
        ),
        ('"We are ready," he said."Nobody wants a war."', '"We are ready," he said."\nNobody wants a war."'),
        ("ще продължи през лятото.Имаше около 200 гроба.", "ще продължи през лятото.\nИмаше около 200 гроба."),
        ("по данни на „Ройтерс“.Сред тях", "по данни на „Ройтерс“.\nСред тях"),
        (
            "¿qué pasará con la fuerza política?Es pronto para saberlo.",
            "¿qué pasará con la fuerza política?\nEs pronto para saberlo.",
        ),
        ("in 2023 г.Руските власти", "in 2023 г.\nРуските власти"),
        # a quotation closed after a space, then the full stop (GDELT, ml-crisis)
        ('obligations within the OSCE ".He emphasized', 'obligations within the OSCE ".\nHe emphasized'),
        ("pour avoir « raison ».Des relents", "pour avoir « raison ».\nDes relents"),
    ],
)
def test_glued_sentences_are_split(source: str, stored: str) -> None:
    r = _check(source)
    assert r.text == stored
    assert r.counts()["glue"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "The U.S.Army said so.",
        "See e.g.The Guardian.",
        "Mr.Smith and Gen.Zaluzhny met.",
        "Visit www.Kyiv.Gov or example.com today.",
        "Журналистите на Liga.Tech получиха този отговор.",
        "A decimal 3.5 and St.Petersburg stay.",
        "Последвайте Епицентър.БГ вече и в Телеграм.",
        'Това съобщават ексклузивно сп."Икономист".',
        "Poco después EE.UU. levantó varias sanciones y las FF.AA. se retiraron.",
    ],
)
def test_names_abbreviations_and_addresses_are_not_glue(text: str) -> None:
    assert glue_points(text) == []
    assert repair_text(text).text == text


def test_glue_points_are_offsets_of_the_second_sentence() -> None:
    text = "First one ends here.Second starts.Third too."
    assert [text[i : i + 6] for i in glue_points(text)] == ["Second", "Third "]


@pytest.mark.parametrize(
    ("source", "stored"),
    [
        ("Le cafÃ© est fermÃ©.", "Le café est fermé."),
        ("He didnâ€™t say.", "He didn’t say."),
        ("La libertÃ  di assemblea.", "La libertà di assemblea."),
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "привет мир"),  # UTF-8 Cyrillic read as cp1252
        ("РџСЂРёРІРµС‚ РјРёСЂ", "Привет мир"),  # UTF-8 Cyrillic read as cp1251
        (
            "Ïðåçèäåíòúò çàÿâè, ÷å âîéíàòà ùå ïðîäúëæè.",
            "Президентът заяви, че войната ще продължи.",
        ),  # cp1251 as latin-1
    ],
)
def test_mojibake_is_fixed(source: str, stored: str) -> None:
    r = _check(source)
    assert r.text == stored
    assert r.counts()["mojibake"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "À la gare, où était-il ? Ça va. Là-bas è così, più o meno.",
        "Año nuevo: señor Müller, Øresund, Ågesen, ½ and ¼.",
        "Президентът заяви, че войната ще продължи.",
        "Zürich — “quoted” – ‘single’ … 5 °C, 10 €.",
    ],
)
def test_correct_text_is_left_alone(text: str) -> None:
    r = repair_text(text)
    assert r.text == text
    assert r.edits == []


def test_unicode_and_whitespace_normalisation() -> None:
    source = (
        "\ufeff  Line one\u00a0has\u200b odd\u00adspaces \r\nLine two e\u0301\x07 \r\n\r\n\r\n\r\nLast\u2009line  \n\n"
    )
    r = _check(source)
    assert r.text == "Line one has oddspaces\nLine two é\n\nLast line"
    assert {"invisible", "space", "nfc", "control", "newline", "layout"} <= set(r.counts())


def test_homoglyphs_are_written_in_one_script() -> None:
    r = _check("Зъpнoтo oтнoвo нaпycĸa yĸpaинcĸитe пpиcтaнищa; HIMАRS; реакторa")
    assert r.text == "Зърното отново напуска украинските пристанища; HIMARS; реактора"
    assert "AffairsЕдновременно" == repair_text("AffairsЕдновременно").text  # glued words, not lookalikes


def test_normalise_text_is_the_repaired_text() -> None:
    source = "Title\r\n\r\nThe strike hit at dawn.Officials said 3 died.  "
    assert (
        normalise_text(source) == repair_text(source).text == "Title\n\nThe strike hit at dawn.\nOfficials said 3 died."
    )


def test_offset_map_points_at_the_source_characters() -> None:
    source = "  CafÃ© owners\r\nsaid the strike hit at dawn.Officials\u00a0counted 3 dead."
    r = _check(source)
    start = r.text.index("Café")
    assert r.to_source(start, start + 4) == (2, 7)  # "CafÃ©"
    start = r.text.index("Officials")
    s, e = r.to_source(start, start + len("Officials counted"))
    assert source[s:e] == "Officials\u00a0counted"


def test_offset_map_round_trips_on_random_damage() -> None:
    rng = random.Random(5)
    pieces = [
        "The border is quiet.",
        "Experts disagree.",
        "café",
        "Ã©",
        "â€™",
        "\u00a0",
        "\u200b",
        "\u00ad",
        "\r\n",
        "\n\n\n\n",
        "  ",
        "e\u0301",
        "Ïðåçèäåíò",
        "Зъpнoтo",
        "\x07",
        "\t",
        "said.",
        "Next",
        "Ð¿Ñ€Ð¸",
        "ok",
    ]
    for _ in range(300):
        source = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(1, 25)))
        r = _check(source)
        for _ in range(10):
            a = rng.randint(0, len(r.text))
            b = rng.randint(a, len(r.text))
            s, e = r.to_source(a, b)
            assert 0 <= s <= e <= len(source)


def test_repairs_round_trip_on_real_multilingual_articles() -> None:
    bg = shared("bulgarian-ukraine-war-news")
    ml = shared("ml-crisis-timelines")
    sources = []
    for f in sorted(bg.glob("*.json"))[:3]:
        sources += [r["text"] for r in json.loads(f.read_text(encoding="utf-8"))[:40]]
    for name in ("es/egypt/2012-03-10/ext_63.txt", "it/libya/2011-10-14/ext_2.txt", "es/libya/2011-05-13/ext_169.txt"):
        path = ml / name
        sources.append(path.read_text(encoding="utf-8"))
    fixes = 0
    for source in sources:
        r = _check(source)
        fixes += r.counts()["glue"] + r.counts()["mojibake"]
    assert fixes > 50
    for name in ("es/egypt/2012-03-10/ext_63.txt", "it/libya/2011-10-14/ext_2.txt"):
        text = repair_text((ml / name).read_text(encoding="utf-8")).text
        assert "Ã" not in text and "Â" not in text, name
