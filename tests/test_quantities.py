"""Quantities: golden "must find" cases on realistic news sentences, with the real spaCy model."""

from __future__ import annotations

import pytest
from conftest import one_containing as one
from conftest import shared_articles

from newstrace.extract.quantities import extract_quantities, parse_number
from newstrace.record import Quantity


def quantities(nlp, text: str) -> list[Quantity]:  # type: ignore[no-untyped-def]
    found = extract_quantities(nlp(text))
    for q in found:
        assert text[q.start : q.end] == q.text, "offsets must index the stored text"
        assert q.sentence_start is not None and q.sentence_end is not None
        assert q.sentence_start <= q.start < q.end <= q.sentence_end
    return found


# --- casualties ---------------------------------------------------------------------------------


def test_killed_and_wounded(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(nlp, "At least 11 people were killed and 34 wounded in the attack, officials said.")
    q = one(found, "11")
    assert (q.value, q.qualifier, q.counted, q.role) == (11, "at least", "people", "killed")
    assert q.text == "At least 11"
    q = one(found, "34")
    assert (q.value, q.role) == (34, "wounded")
    assert q.counted == "people"  # inherited from "11 people" in the same sentence


@pytest.mark.parametrize(
    ("text", "words", "value", "role"),
    [
        ("Shelling kills one, leaves three wounded", "one", 1, "killed"),
        ("One dead and three wounded after the strike", "One", 1, "killed"),
        ("One militiaman killed in shelling over last 24 hours - ministry", "One", 1, "killed"),
        ("One killed, 4 wounded in latest clashes", "One", 1, "killed"),
        ("Two people were killed, one was wounded during the shelling", "one", 1, "wounded"),
        ("The army violates the ceasefire 40 times, killing one - source", "one", 1, "killed"),
        ("One KIA, two WIA due to attacks in the east on Friday", "two", 2, "wounded"),
        ("The army lost more than 70 servicemen in the Lyman direction", "70", 70, "killed"),
        ("Ukrainian forces lost up to 30 people in battles per day", "30", 30, "killed"),
        ("Troops kill 3 assailants storming eastern base", "3", 3, "killed"),
        ("Shelling kills 2 in Kherson", "2", 2, "killed"),
        ("Three militiamen killed in attack on checkpoint", "Three", 3, "killed"),
        ("Two militias killed in offensive in the region", "Two", 2, "killed"),
        ("Three civilians, two soldiers killed in east Ukraine", "Three", 3, "killed"),
        ("'Up to five' killed in assault on rebel-held towns", "five", 5, "killed"),
        ("Artillery eliminated 106 invaders and six dozen pieces of equipment", "106", 106, "killed"),
        ("Ten people, including three children, were killed in the strike", "three", 3, "killed"),
        ("The number of people killed in the shelling has increased to four", "four", 4, "killed"),
        ("Rebels open fire on the city, killing one civilian, wounding four more", "four", 4, "wounded"),
    ],
)
def test_headline_casualty_patterns(nlp, text: str, words: str, value: int, role: str) -> None:  # type: ignore
    q = one(quantities(nlp, text), words)
    assert (q.value, q.role) == (value, role)


def test_counts_of_one_with_an_article(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(nlp, "A soldier was killed and another wounded near the village.")
    q = one(found, "A")
    assert (q.text, q.value, q.counted, q.role) == ("A", 1, "soldier", "killed")
    assert quantities(nlp, "A man has been killed in a drone strike on the city.")[0].role == "killed"
    # a named person, an article that is not a casualty count, and a person inside a count already given
    assert quantities(nlp, "A Russian man, Alexey Ivanov, was detained in Minsk.") == []
    assert quantities(nlp, "A spokesman said a soldier was on duty.") == []
    found = quantities(nlp, "Six were wounded, including a girl.")
    assert [q.text for q in found] == ["Six"]


def test_the_subject_of_an_active_role_verb_has_no_role(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(nlp, "Two soldiers killed three civilians in the village.")
    assert [(q.value, q.role) for q in found] == [(2, None), (3, "killed")]
    assert [q.role for q in quantities(nlp, "Two brigades in Donetsk captured the town.")] == [None]
    # no role for things lost: "lost two" (wars), tonnes destroyed
    assert [q.role for q in quantities(nlp, "Of its three wars, the army lost two.")] == [None, None]


def test_dozens_multiples_and_spelled_fractions(nlp) -> None:  # type: ignore[no-untyped-def]
    assert one(quantities(nlp, "Border guards stopped two dozen fighters near the town."), "two dozen").value == 24
    assert one(quantities(nlp, "They answered a half-dozen questions."), "half-dozen").value == 6
    q = one(quantities(nlp, "Nearly four out of five of those surveyed said so."), "four out of five")
    assert (q.value, q.unit, q.qualifier) == (0.8, "fraction", "nearly")
    found = quantities(nlp, "The victims were two citizens aged 23 and 36. Tours are 3-4 hours long.")
    assert [q.text for q in found] == ["two"]


def test_range_between(nlp) -> None:  # type: ignore[no-untyped-def]
    q = one(quantities(nlp, "Local authorities said between 30 and 40 wounded were taken to hospital."), "30")
    assert (q.value, q.low, q.high, q.role) == (None, 30, 40, "wounded")
    assert q.text == "between 30 and 40"


def test_left_dead_and_death_toll(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(nlp, "The shelling left 11 people dead and 20 injured. The death toll rose to 50, officials said.")
    assert (one(found, "11").role, one(found, "11").counted) == ("killed", "people")
    assert one(found, "20").role == "wounded"
    assert one(found, "50").role == "killed"


def test_captured_detained_deserted(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(
        nlp,
        "About 12 Ukrainian soldiers were taken prisoner. Police detained 45 protesters. "
        "40 of the 120-strong company deserted.",
    )
    q = one(found, "About 12")
    assert (q.value, q.qualifier, q.counted, q.role) == (12, "about", "Ukrainian soldiers", "captured")
    assert (one(found, "45").role, one(found, "45").counted) == ("detained", "protesters")
    q = one(found, "40")
    assert (q.value, q.counted, q.role) == (40, "company", "deserted")
    q = one(found, "120")  # the unit's strength: a quantity of its own, with no role
    assert (q.value, q.counted, q.role) == (120, "company", None)


def test_no_role_for_things(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(nlp, "Russia lost three or four tanks and 15 drones were destroyed.")
    q = one(found, "three or four")
    assert (q.value, q.low, q.high, q.counted, q.role) == (None, 3, 4, "tanks", None)
    assert one(found, "15").role is None


def test_glued_sentences_and_dash_labels(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Five people were killed overnight.Local authorities said 12 were wounded.\n\nKilled - 11 people, wounded - 34."
    found = quantities(nlp, text)
    assert (one(found, "Five").value, one(found, "Five").role) == (5, "killed")
    assert one(found, "12").role == "wounded"
    q = [q for q in found if q.value == 11][0]
    assert (q.counted, q.role) == ("people", "killed")
    assert [q for q in found if q.value == 34][0].role == "wounded"


# --- vague numbers, fractions, units, money --------------------------------------------------


def test_vague_amounts(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(
        nlp, "Dozens of civilians fled. Hundreds of thousands of Russian soldiers massed near the border."
    )
    q = one(found, "Dozens")
    assert (q.value, q.low, q.high, q.counted) == (None, 24, 99, "civilians")
    q = one(found, "Hundreds of thousands")
    assert (q.low, q.high, q.counted) == (200_000, 999_999, "Russian soldiers")


def test_distance_with_qualifier(nlp) -> None:  # type: ignore[no-untyped-def]
    q = one(quantities(nlp, "The village lies about 20 km from the front line."), "20")
    assert (q.value, q.unit, q.qualifier, q.text) == (20, "km", "about", "about 20 km")
    q = one(quantities(nlp, "Troops advanced 12 kilometres and took 500 square kilometres."), "500")
    assert (q.value, q.unit) == (500, "km2")
    assert one(quantities(nlp, "They were 56 miles south."), "56").unit == "mi"


def test_fraction(nlp) -> None:  # type: ignore[no-untyped-def]
    q = one(quantities(nlp, "A third of the fleet was lost in the first year of the war."), "third")
    assert (q.value, q.unit, q.counted) == (0.333, "fraction", "fleet")


def test_more_than_with_separators(nlp) -> None:  # type: ignore[no-untyped-def]
    q = one(quantities(nlp, "More than 100,000 soldiers have been killed or wounded."), "100,000")
    assert (q.value, q.qualifier, q.counted) == (100_000, "more than", "soldiers")
    q = one(quantities(nlp, "Some 3,000-4,000 troops were deployed."), "3,000")
    assert (q.low, q.high, q.qualifier, q.counted) == (3000, 4000, "about", "troops")
    q = one(quantities(nlp, "Poland has taken in 100 000 refugees."), "100 000")
    assert (q.value, q.counted) == (100_000, "refugees")


def test_money_and_percent(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(nlp, "The US approved $1.5 billion in aid, and almost three billion dollars more; 15% of it is for drones.")
    q = one(found, "$1.5 billion")
    assert (q.value, q.unit) == (1.5e9, "USD")
    q = one(found, "three billion")
    assert (q.value, q.unit, q.qualifier) == (3e9, "USD", "nearly")
    q = one(found, "15%")
    assert (q.value, q.unit) == (15, "%")
    q = one(quantities(nlp, "Support fell to 20 percent of voters."), "20 percent")
    assert (q.value, q.unit, q.counted) == (20, "%", "voters")


def test_spelled_numbers(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(nlp, "Two hundred and forty-two drones and eleven missiles were launched.")
    assert (one(found, "Two hundred").value, one(found, "Two hundred").counted) == (242, "drones")
    assert one(found, "eleven").value == 11


def test_qualifiers_after_and_particles(nlp) -> None:  # type: ignore[no-untyped-def]
    q = one(quantities(nlp, "He said 100 or more soldiers deserted."), "100")
    assert (q.qualifier, q.text, q.role) == ("at least", "100 or more", "deserted")
    q = one(quantities(nlp, "Russian forces took over 2 villages."), "2")
    assert q.qualifier is None  # "took over" is a verb, not "more than"
    q = one(quantities(nlp, "No more than 300 people remain in the town."), "300")
    assert q.qualifier == "no more than"


def test_change_is_two_figures_not_a_range(nlp) -> None:  # type: ignore[no-untyped-def]
    found = quantities(nlp, "The death toll rose from 30 to 40.")
    assert [(q.value, q.low) for q in found] == [(30, None), (40, None)]


# --- numbers that are not claims ---------------------------------------------------------------


def test_skips_dates_units_ages_times_ids_phones_lists(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The 93rd Brigade fought in 2022 near Bakhmut. The commander, 50 years old, served for eight years.\n"
        "At 4 a.m. on 14 March, Su-25 jets and T-72 tanks attacked, a 12-year-old boy said. "
        "Call +380 44 123 4567. Article 5 of the treaty applies.\n"
        "1. Evacuation routes\n2. Shelters"
    )
    assert quantities(nlp, text) == []


def test_parse_number() -> None:
    assert parse_number("3,000") == 3000
    assert parse_number("1.5 million") == 1.5e6
    assert parse_number("two hundred and forty-two") == 242
    assert parse_number("forty-two") == 42
    assert parse_number("100 000") == 100_000
    assert parse_number("1,5 million") == 1.5e6
    assert parse_number("not a number") is None


# --- a real article ------------------------------------------------------------------------------


def test_real_article(nlp) -> None:  # type: ignore[no-untyped-def]
    files = shared_articles()
    total = 0
    for path in files[:8]:
        found = quantities(nlp, path.read_text(encoding="utf-8"))
        total += len(found)
        for q in found:
            assert q.value is not None or (q.low is not None and q.high is not None)
            if q.low is not None and q.high is not None:
                assert q.low < q.high
    assert total > 0
