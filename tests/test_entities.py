"""Entities: one label per name, ALL-CAPS headlines, surnames, and person keys that merge transliterations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.extract.entities import entity_id, extract_mentions, person_key
from newstrace.record import Document

LABELS = Path(__file__).resolve().parents[1] / "benchmarks" / "labels" / "entities.jsonl"


def _entities(nlp, text: str) -> tuple[list, dict]:  # type: ignore[no-untyped-def]
    doc = Document(id="d", sha256="s", path="t.txt", text=text)
    return extract_mentions(nlp(text), doc)


def _entity_of(mentions: list, text: str, surface: str, nth: int = 0) -> str | None:
    hits = [m for m in mentions if m.text == surface]
    assert len(hits) > nth, f"no mention {surface!r} #{nth} in {[m.text for m in mentions]}"
    return hits[nth].entity


def test_surname_alone_joins_the_full_name_whatever_spacy_labels_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Yevgeny Prigozhin, the head of the mercenary Wagner group, has launched a coup.\n"
        "Russian soldiers have been put on high alert as Prigozhin's forces march towards Moscow.\n"
        "In an audio message, Prigozhin said his troops were entering Rostov."
    )
    mentions, entities = _entities(nlp, text)
    people = {m.entity for m in mentions if "Prigozhin" in m.text}
    assert len(people) == 1 and None not in people
    assert entities[people.pop()].name == "Yevgeny Prigozhin"


def test_all_caps_headline_names_read_like_the_same_names(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "As concerns mount that Russia may be looking to Belarus, a commander spoke from Kyiv.\n\n"
        "RUSSIA, BELARUS MILITARY BASES ROCKED BY FIRE\n\n"
        "Russia and Belarus have engaged in joint military drills."
    )
    mentions, _ = _entities(nlp, text)
    caps = {m.text: m.label for m in mentions if m.text.isupper()}
    assert caps.get("BELARUS") == "GPE"
    assert caps.get("RUSSIA") == "GPE"
    assert "BELARUS MILITARY BASES" not in caps


def test_different_people_sharing_a_surname_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Boris Johnson met Mike Johnson in Washington. Boris Johnson said the talks went well."
    mentions, _ = _entities(nlp, text)
    assert _entity_of(mentions, text, "Boris Johnson") != _entity_of(mentions, text, "Mike Johnson")
    assert _entity_of(mentions, text, "Boris Johnson", 0) == _entity_of(mentions, text, "Boris Johnson", 1)


@pytest.mark.parametrize(
    "variants",
    [
        ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"],
        ["Sergei Shoigu", "Sergey Shoigu", "Sergei Shoygu"],
        ["Alexander Lukashenko", "Aleksandr Lukashenko"],
        ["Dmitry Peskov", "Dmitri Peskov", "Dmitriy Peskov"],
    ],
)
def test_person_transliterations_get_one_id(variants: list[str]) -> None:
    assert len({entity_id("person", v) for v in variants}) == 1


@pytest.mark.parametrize(
    "a,b",
    [("Alexei Navalny", "Yulia Navalnaya"), ("Boris Johnson", "Mike Johnson"), ("Sergei Lavrov", "Sergei Shoigu")],
)
def test_different_people_get_different_ids(a: str, b: str) -> None:
    assert person_key(a) != person_key(b)
    assert entity_id("person", a) != entity_id("person", b)


def test_organisation_ids_are_unchanged_by_the_person_key() -> None:
    assert entity_id("organization", "Ministry of Defence") != entity_id("organization", "Ministry of Defense")


def test_entity_labels_are_consistent() -> None:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [r for r in rows if r["kind"] == "document"]
    mentions = [r for r in rows if r["kind"] == "mention"]
    assert len(docs) >= 30
    assert {r["kind"] for r in rows} == {"document", "mention", "variant_group", "distinct_pair"}
    for m in mentions:
        assert m["start"] < m["end"] and m["entity"] and m["split"] in ("train", "test")


def test_entities_bench_on_real_labels() -> None:
    from newstrace.bench.entities import run_entities_benchmark
    from newstrace.bench.pipeline import shared_data

    data = shared_data()
    if data is None or not (data / "ukraine-war-news-gdelt-multicountry").is_dir():
        pytest.skip(
            "../shared/data/ukraine-war-news-gdelt-multicountry is absent (it sits beside the repository in CI)"
        )
    res = run_entities_benchmark(split="train")
    t = res["totals"]
    assert t["matched"] > 0.8 * t["gold_mentions"]
    assert t["merge_errors"] <= t["pairs_pred_same"]
