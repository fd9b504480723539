"""Entities: one label per name, ALL-CAPS headlines, surnames, and person keys that merge transliterations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_article

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


def test_a_name_cut_after_its_particle_is_completed(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy labels "Ursula von der" PERSON and "Leyen" GPE: the person's name takes the word after the particle
    text = "Ursula von der Leyen said the union cannot depend on Russian gas. She repeated the warning in Brussels."
    mentions, entities = _entities(nlp, text)
    names = [(m.text, m.label) for m in mentions]
    assert ("Ursula von der Leyen", "PERSON") in names and not any(t == "Leyen" for t, _ in names), names


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
    from newstrace.bench.entities import format_entities_markdown, run_entities_benchmark
    from newstrace.bench.pipeline import shared_data

    data = shared_data()
    if data is None or not (data / "ukraine-war-news-gdelt-multicountry").is_dir():
        pytest.skip(
            "../shared/data/ukraine-war-news-gdelt-multicountry is absent (it sits beside the repository in CI)"
        )
    res = run_entities_benchmark(split="train")
    t = res["totals"]
    assert t["matched"] > 0.8 * t["gold_mentions"]
    assert t["merge_errors"] == 0
    assert 0 < t["type_right"] <= t["matched"] and 0 < t["boundary_exact"] <= t["matched"]
    md = format_entities_markdown(res)
    assert "type accuracy" in md and "| PERSON |" in md


# --- Acronyms and their expansions (issue 4) ---------------------------------------------------------------


def test_acronym_defined_in_the_text_joins_its_expansion(nlp) -> None:  # type: ignore[no-untyped-def]
    # The sentence shape of a real GB article of the gdelt corpus (20220615T043000Z_GB_en_15e41523a7.txt).
    text = (
        "A poll by the European Council on Foreign Relations (ECFR) think tank found that Europeans are split.\n"
        "The ECFR said the divide between the two camps was growing."
    )
    mentions, entities = _entities(nlp, text)
    ids = {m.entity for m in mentions if m.text in ("European Council on Foreign Relations", "ECFR")}
    assert len(ids) == 1 and None not in ids
    ent = entities[ids.pop()]
    assert ent.name == "European Council on Foreign Relations" and "ECFR" in ent.aliases
    assert any("defined in the text" in r for r in ent.reasons)
    assert len([m for m in mentions if m.text == "ECFR"]) == 2  # the later use, too


def test_acronym_apposition_defines_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "ECFR, the European Council on Foreign Relations, published a poll. ECFR found most want peace."
    mentions, _ = _entities(nlp, text)
    ids = {m.entity for m in mentions if m.text in ("European Council on Foreign Relations", "ECFR")}
    assert len(ids) == 1 and None not in ids


def test_acronym_of_the_initials_of_one_name_joins_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Institute for the Study of War published its assessment on Sunday.\n"
        "Analysts at the ISW said Russian forces were regrouping."
    )
    mentions, entities = _entities(nlp, text)
    isw = _entity_of(mentions, text, "ISW")
    assert isw is not None and isw == _entity_of(mentions, text, "Institute for the Study of War")
    assert entities[isw].reasons == ["'ISW': initials of 'Institute for the Study of War' in the text"]


def test_curated_cross_language_acronym_joins_its_expansion(nlp) -> None:  # type: ignore[no-untyped-def]
    # A Polish article machine-translated to English keeps "KE" (Komisja Europejska) for the European Commission.
    text = (
        "The European Commission presented a plan to end dependence on Russian gas.\n"
        "According to KE estimates, the EU could cut its imports by two thirds this year."
    )
    mentions, entities = _entities(nlp, text)
    ke = _entity_of(mentions, text, "KE")
    assert ke == _entity_of(mentions, text, "European Commission")
    assert entities[ke].name == "European Commission"
    assert any("acronym table" in r for r in entities[ke].reasons)
    assert entities[_entity_of(mentions, text, "EU")].name == "European Union"


def test_curated_acronym_gets_the_same_id_in_every_document() -> None:
    from newstrace.extract.entities import organization_id, table_expansion

    assert organization_id("EU") == organization_id("European Union") == organization_id("E.U.")
    assert organization_id("ONZ") == organization_id("United Nations") == organization_id("ООН")
    assert organization_id("НАТО") == organization_id("North Atlantic Treaty Organisation")
    assert table_expansion("CPI", "fr") == "International Criminal Court"
    assert table_expansion("CPI", "en") is None  # the consumer price index in English
    assert organization_id("EC") != organization_id("European Council")


def test_two_fitting_expansions_keep_the_acronym_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The European Council and the European Commission met in Brussels on Monday. The EC said nothing."
    mentions, entities = _entities(nlp, text)
    ec = _entity_of(mentions, text, "EC")
    assert ec not in {_entity_of(mentions, text, "European Council"), _entity_of(mentions, text, "European Commission")}
    assert entities[ec].name == "EC" and not entities[ec].reasons


def test_acronym_is_never_joined_to_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "John Fitzgerald Kennedy visited West Berlin in 1963. JFK spoke to a crowd of thousands."
    mentions, entities = _entities(nlp, text)
    jfk = [m for m in mentions if m.text == "JFK"]
    person = _entity_of(mentions, text, "John Fitzgerald Kennedy")
    assert all(m.entity != person for m in jfk)
    assert not any(e.reasons for e in entities.values())


def test_dateline_agency_and_place_in_brackets_are_no_definitions(nlp) -> None:  # type: ignore[no-untyped-def]
    # Real shapes of the gdelt corpus: "ROME, Italy (AP)", "the so-called Luhansk People's Republic (LPR)".
    text = "ROME, Italy (AP) - The Democratic Party (US) said NATO must act. Luhansk (LPR) was shelled."
    mentions, entities = _entities(nlp, text)
    assert not any("defined in the text" in r for e in entities.values() for r in e.reasons)


def test_initials_fit() -> None:
    from newstrace.extract.entities import acronym_key, initials_fit

    assert initials_fit("OSCE", "Organization for Security and Co-operation in Europe")
    assert initials_fit("BelTA", "Belarusian Telegraph Agency")
    assert initials_fit("MoD", "British Ministry of Defence", suffix=True)
    assert not initials_fit("MoD", "British Ministry of Defence")
    assert not initials_fit("EU", "Europe")
    assert [acronym_key(t) for t in ("U.N.", "BelTA", "МАГАТЭ", "McCain", "DeSantis", "Ukrinform")] == [
        "UN",
        "BelTA",
        "МАГАТЭ",
        "",
        "",
        "",
    ]


def test_acronym_defined_in_another_document_joins_across_the_corpus(nlp) -> None:  # type: ignore[no-untyped-def]
    from newstrace.extract.entities import entity_id, link_corpus_acronyms

    a_text = "The Kyiv School of Economics (KSE) counted the damage to housing."
    b_text = "According to the KSE, the damage has grown to $150 billion."
    c_text = "The Kiev Sports Emporium opened. KSE sold out."  # fits its own name: stays with it
    docs = []
    for i, t in enumerate((a_text, b_text, c_text)):
        d = Document(id=f"d{i}", sha256=f"s{i}", path=f"{i}.txt", text=t)
        d.mentions, d.entities = extract_mentions(nlp(t), d)
        docs.append(d)
    changed = link_corpus_acronyms(docs)
    kse = entity_id("organization", "Kyiv School of Economics")
    b_ids = {m.entity for m in docs[1].mentions if m.text == "KSE"}
    assert b_ids == {kse}
    assert any("defined in document d0" in r for r in docs[1].entities[kse].reasons)
    assert [c[0] for c in changed] == ["d1"]
    assert kse not in {m.entity for m in docs[2].mentions}


def test_real_polish_translation_keeps_ke_with_the_european_commission(nlp) -> None:  # type: ignore[no-untyped-def]
    text = shared_article("20220310T151500Z_PL_en_d0a7b9abea.txt")
    mentions, entities = _entities(nlp, text)
    assert _entity_of(mentions, text, "KE") == _entity_of(mentions, text, "European Commission")
    assert _entity_of(mentions, text, "EU") == _entity_of(mentions, text, "European Union")
    assert _entity_of(mentions, text, "European Council") != _entity_of(mentions, text, "European Commission")
    assert entities[_entity_of(mentions, text, "KE")].name == "European Commission"


def test_a_name_is_the_line_with_letters_not_a_time(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy glues a dateline's time to the next line's name: "08:40\nMinistry of Defense" labelled ORG
    text = "Vostok Info — English version\n15.03.2024 08:40\nMinistry of Defense: attacks of AFU near Chasov Yar are repelled."
    mentions, _ = _entities(nlp, text)
    assert all(any(ch.isalpha() for ch in m.text) for m in mentions)
    assert all("\n" not in m.text and text[m.start : m.end] == m.text for m in mentions)
    assert any(m.text == "Ministry of Defense" for m in mentions)
