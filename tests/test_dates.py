"""Dates: golden "must find" cases on realistic news sentences, with the real spaCy model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from conftest import one_containing as one
from conftest import shared_articles

from newstrace.extract.dates import extract_dates, normalise, parse_published
from newstrace.record import DateMention

PUBLISHED = "2024-03-14"  # a Thursday


def dates_of(nlp, text: str, published: str | None = PUBLISHED) -> list[DateMention]:  # type: ignore[no-untyped-def]
    found = extract_dates(nlp(text), published)
    for d in found:
        assert text[d.start : d.end] == d.text, "offsets must index the stored text"
        assert d.reason, "every date says how it was resolved"
    return found


# --- weekdays and relative days -------------------------------------------------------------


def test_weekday_is_the_most_recent_on_or_before_published(nlp) -> None:  # type: ignore[no-untyped-def]
    found = dates_of(nlp, "A missile hit a school in Kharkiv on Thursday, the regional governor said.")
    d = one(found, "Thursday")
    assert (d.value, d.precision) == ("2024-03-14", "day")  # published on a Thursday: that same day
    found = dates_of(nlp, "The drone attack on Monday destroyed a substation.")
    assert one(found, "Monday").value == "2024-03-11"


def test_last_and_next_weekday(nlp) -> None:  # type: ignore[no-untyped-def]
    found = dates_of(nlp, "Talks collapsed last Thursday and will resume next Thursday in Istanbul.")
    assert [d.value for d in found if "Thursday" in d.text] == ["2024-03-07", "2024-03-21"]


def test_future_tense_weekday_goes_forward(nlp) -> None:  # type: ignore[no-untyped-def]
    found = dates_of(nlp, "The foreign ministers will meet in Brussels on Saturday.")
    d = one(found, "Saturday")
    assert d.value == "2024-03-16"
    assert "future" in d.reason


def test_yesterday_and_today(nlp) -> None:  # type: ignore[no-untyped-def]
    found = dates_of(nlp, "Russian forces shelled Kherson yesterday, and the curfew was extended today.")
    assert one(found, "yesterday").value == "2024-03-13"
    assert one(found, "today").value == "2024-03-14"


def test_overnight_glued_to_the_next_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Five people were killed in a drone strike overnight.Local authorities declared a day of mourning."
    d = one(dates_of(nlp, text), "overnight")
    assert d.text == "overnight"
    assert (d.value, d.end_value, d.precision) == ("2024-03-13", "2024-03-14", "range")
    assert "overnight" in d.reason


def test_last_night(nlp) -> None:  # type: ignore[no-untyped-def]
    d = one(dates_of(nlp, "Air defence shot down 30 drones last night, the air force said."), "last night")
    assert (d.value, d.precision) == ("2024-03-13", "day")


# --- periods and ranges ---------------------------------------------------------------------


def test_last_week_is_the_range_of_that_week(nlp) -> None:  # type: ignore[no-untyped-def]
    d = one(dates_of(nlp, "Last week the army withdrew from two villages near Avdiivka."), "last week")
    assert (d.value, d.end_value, d.precision) == ("2024-03-04", "2024-03-10", "range")


def test_since_march_runs_to_publication(nlp) -> None:  # type: ignore[no-untyped-def]
    d = one(dates_of(nlp, "Since March, more than 2,000 civilians have been evacuated from the town."), "since March")
    assert (d.value, d.end_value, d.precision) == ("2024-03", "2024-03-14", "range")


def test_this_month_and_earlier_this_month(nlp) -> None:  # type: ignore[no-untyped-def]
    found = dates_of(nlp, "Prices rose this month, after a spike in energy attacks earlier this month.")
    assert (one(found, "this month").value, one(found, "this month").precision) == ("2024-03", "month")
    d = one(found, "earlier this month")
    assert (d.value, d.end_value) == ("2024-03-01", "2024-03-14")


def test_day_range_and_month_range(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "From 10 to 14 March, shelling continued, and between March and May 2022 the city was besieged."
    found = dates_of(nlp, text)
    d = one(found, "From 10 to 14 March")
    assert (d.value, d.end_value, d.precision) == ("2024-03-10", "2024-03-14", "range")
    d = one(found, "between March and May 2022")
    assert (d.value, d.end_value, d.precision) == ("2022-03", "2022-05", "range")


def test_mid_early_late(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The counteroffensive stalled in mid-August 2023; the plan was drafted in early 2023."
    found = dates_of(nlp, text)
    d = one(found, "mid-August 2023")
    assert (d.value, d.end_value, d.precision) == ("2023-08-11", "2023-08-20", "range")
    d = one(found, "early 2023")
    assert (d.value, d.end_value) == ("2023-01", "2023-04")


def test_in_four_days_goes_forward_but_a_duration_is_skipped(nlp) -> None:  # type: ignore[no-untyped-def]
    d = one(dates_of(nlp, "The vote is due in four days, the election commission said."), "in four days")
    assert d.value == "2024-03-18"
    found = dates_of(nlp, "Russian troops captured the town in four days in 2014.")
    assert not [d for d in found if "four days" in d.text], "a duration with a past-tense verb is not a date"


# --- absolute dates, precision, and what is not a date -------------------------------------------


def test_absolute_dates_at_their_precision(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The invasion began on 24 February 2022. Crimea was annexed in March 2014, and Kyiv was bombed in 2022."
    found = dates_of(nlp, text)
    assert (one(found, "24 February 2022").value, one(found, "24 February 2022").precision) == ("2022-02-24", "day")
    assert (one(found, "March 2014").value, one(found, "March 2014").precision) == ("2014-03", "month")
    assert [(d.value, d.precision) for d in found if d.text == "2022"] == [("2022", "year")]


def test_day_month_without_year_takes_the_year_from_publication(nlp) -> None:  # type: ignore[no-untyped-def]
    d = one(dates_of(nlp, "On 14 March, a missile struck an apartment block in Odesa."), "14 March")
    assert (d.value, d.precision) == ("2024-03-14", "day")
    assert "inferred" in d.reason
    d = one(dates_of(nlp, "The bridge was hit on December 28.", published="2024-01-05"), "December 28")
    assert d.value == "2023-12-28"


def test_machine_translated_numeric_date_and_dash_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "- We did not expect it - said the mayor.On 24.02.2022 the invasion began, and on Saturday night "
        "the occupiers shelled the hospital."
    )
    found = dates_of(nlp, text)
    assert one(found, "24.02.2022").value == "2022-02-24"
    assert one(found, "Saturday").value == "2024-03-09"


def test_ages_and_durations_are_not_dates(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The commander, who is 50 years old, served for eight years and the siege lasted two weeks."
    assert dates_of(nlp, text) == []


def test_without_publication_date(nlp) -> None:  # type: ignore[no-untyped-def]
    found = dates_of(nlp, "The strike on Thursday came after talks on 14 March 2024 failed.", published=None)
    d = one(found, "Thursday")
    assert (d.value, d.precision) == (None, "unresolved")
    assert "publication" in d.reason
    d = one(found, "14 March 2024")
    assert (d.value, d.precision) == ("2024-03-14", "day")


def test_published_as_datetime_string(nlp) -> None:  # type: ignore[no-untyped-def]
    d = one(dates_of(nlp, "The shelling began yesterday.", published="2024-03-14T09:30:00Z"), "yesterday")
    assert d.value == "2024-03-13"


# --- the normaliser on its own ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "end_value", "precision"),
    [
        ("the end of last year", "2023-09", "2023-12", "range"),
        ("10-14 March", "2024-03-10", "2024-03-14", "range"),
        ("March 10-14", "2024-03-10", "2024-03-14", "range"),
        ("Feb. 10 to Feb. 20", "2024-02-10", "2024-02-20", "range"),
        ("2014-2022", "2014", "2022", "range"),
        ("2012-14", "2012", "2014", "range"),
        ("the 1990s", "1990", "1999", "range"),
        ("the past 24 hours", "2024-03-13", "2024-03-14", "range"),
        ("two weeks ago", "2024-02-29", None, "day"),
        ("three years ago", "2021", None, "year"),
        ("April last year", "2023-04", None, "month"),
        ("this weekend", "2024-03-16", "2024-03-17", "range"),
        ("Thursday, January 27, 2022", "2022-01-27", None, "day"),
        ("summer 2022", "2022-06", "2022-08", "range"),
        ("2024-03-01", "2024-03-01", None, "day"),
    ],
)
def test_normalise(text: str, value: str, end_value: str | None, precision: str) -> None:
    r = normalise(text, PUBLISHED)
    assert r is not None
    assert (r.value, r.end_value, r.precision) == (value, end_value, precision)


@pytest.mark.parametrize("text", ["eight years", "50 years old", "72 hours", "the day", "a decade", "two weeks"])
def test_normalise_refuses_durations(text: str) -> None:
    assert normalise(text, PUBLISHED) is None


def test_normalise_caches() -> None:
    assert normalise("last week", PUBLISHED) is normalise("last week", PUBLISHED)


# --- publication dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-14", datetime(2024, 3, 14)),
        ("2024-03-14T10:00:00Z", datetime(2024, 3, 14, 10, tzinfo=UTC)),
        ("2024-03-14T10:00:00+02:00", datetime(2024, 3, 14, 10, tzinfo=timezone(timedelta(hours=2)))),
        ("20220125T090000Z", datetime(2022, 1, 25, 9, tzinfo=UTC)),
        ("Thu, 14 Mar 2024 10:00:00 +0000", datetime(2024, 3, 14, 10, tzinfo=UTC)),
        ("March 14, 2024", datetime(2024, 3, 14)),
        ("Published: 14 March 2024 10:32", datetime(2024, 3, 14, 10, 32)),
        ("14.03.2024", datetime(2024, 3, 14)),
        ("12.03.2024", datetime(2024, 3, 12)),  # dots are day-first, also when the day could be a month
        ("05.04.2022 08:40", datetime(2022, 4, 5, 8, 40)),
    ],
)
def test_parse_published(value: str, expected: datetime) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", "yesterday", "2 hours ago", "not a date"])
def test_parse_published_refuses(value: str | None) -> None:
    assert parse_published(value) is None


# --- a real article ------------------------------------------------------------------------------


def test_real_article(nlp) -> None:  # type: ignore[no-untyped-def]
    files = shared_articles()
    resolved = 0
    for path in files[:5]:
        text = path.read_text(encoding="utf-8")
        published = path.name.split("_")[0]  # GDELT seendate, e.g. 20220125T090000Z
        found = dates_of(nlp, text, published)
        resolved += sum(1 for d in found if d.value is not None)
        for d in found:
            assert d.precision in ("day", "month", "year", "range", "unresolved")
            if d.precision == "range":
                assert d.value is not None and (d.end_value is None or d.end_value >= d.value[:4])
    assert resolved > 0


# --- Spanish, French and Italian ------------------------------------------------------------


@pytest.mark.parametrize(
    "text,published,value,end_value,precision",
    [
        ("el pasado 27 de enero", "2011-04-20", "2011-01-27", None, "day"),
        ("mercredi dernier", "2016-03-20", "2016-03-16", None, "day"),
        ("lo scorso 3 marzo", "2016-03-20", "2016-03-03", None, "day"),
        ("el pasado martes", "2016-03-20", "2016-03-15", None, "day"),
        ("desde hace un año", "2016-09-30", "2015-09-30", "2016-09-30", "range"),
        ("depuis quinze mois", "2012-06-25", "2011-03-25", "2012-06-25", "range"),
        ("entre marzo y junio de este año", "2017-09-06", "2017-03", "2017-06", "range"),
        ("du 10 au 14 mars 2012", "2013-10-04", "2012-03-10", "2012-03-14", "range"),
        ("los días 22 y 23 de agosto", "2011-09-19", "2011-08-22", "2011-08-23", "range"),
        ("la nuit de mardi à mercredi", "2011-03-23", "2011-03-22", "2011-03-23", "range"),
        ("a partir de mediados de febrero", "2011-04-20", "2011-02-11", "2011-04-20", "range"),
        ("la semaine dernière", "2013-10-04", "2013-09-23", "2013-09-29", "range"),
        ("l'anno scorso", "2012-02-02", "2011", None, "year"),
        ("tre giorni fa", "2012-08-03", "2012-07-31", None, "day"),
        ("il y a trois jours", "2013-10-04", "2013-10-01", None, "day"),
        ("dentro de seis meses", "2011-03-10", "2011-09", None, "month"),
        ("des années 1920", "2014-01-15", "1920", "1929", "range"),
        ("Sabato primo settembre", "2012-09-07", "2012-09-01", None, "day"),
        ("La última semana de agosto", "2011-09-19", "2011-08-25", "2011-08-31", "range"),
    ],
)
def test_romance_expressions(text: str, published: str, value: str, end_value: str | None, precision: str) -> None:
    from newstrace.extract.dates import normalise_romance

    res = normalise_romance(text, datetime.fromisoformat(published).date())
    assert res is not None, text
    assert (res.value, res.end_value, res.precision) == (value, end_value, precision), res.reason
    assert "read as" in res.reason or "week of the month" in res.reason


def test_spanish_article_dates_with_language(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Los manifestantes rodearon hoy el Parlamento. Ayer, el vicepresidente había advertido del caos. "
        "Desde el pasado 27 de enero, el país vive protestas, que el miércoles dejaron cinco muertos."
    )
    found = extract_dates(nlp(text), "2011-02-09", "es")
    got = {d.text: (d.value, d.end_value, d.precision) for d in found}
    assert got["hoy"] == ("2011-02-09", None, "day")
    assert got["Ayer"] == ("2011-02-08", None, "day")
    assert got["Desde el pasado 27 de enero"] == ("2011-01-27", "2011-02-09", "range")
    assert got["el miércoles"] == ("2011-02-09", None, "day")
    for d in found:
        assert text[d.start : d.end] == d.text


def test_italian_never_is_not_may(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Non si era mai visto nulla di simile, disse il 3 maggio 2012."
    found = extract_dates(nlp(text), "2012-05-04", "it")
    assert [(d.text, d.value) for d in found] == [("3 maggio 2012", "2012-05-03")]
    assert not [
        d for d in extract_dates(nlp("Elle ne viendra jamais, mai non."), "2012-05-04", None) if d.text == "mai"
    ]


def test_english_documents_skip_the_romance_grammar(nlp) -> None:  # type: ignore[no-untyped-def]
    found = extract_dates(nlp("Troops left Hier on Monday."), "2024-03-14", "en")
    assert [d.text for d in found] == ["Monday"]


def test_dates_labels_are_consistent() -> None:
    """The labelled set points at real files and has the documented fields (no data needed to check the format)."""
    import json
    from pathlib import Path

    labels = Path(__file__).resolve().parents[1] / "benchmarks" / "labels" / "dates.jsonl"
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    exprs = [r for r in rows if r["kind"] == "expression"]
    assert len(exprs) >= 250
    assert {r["lang"] for r in exprs} == {"en", "es", "fr", "it"}
    for r in exprs:
        assert r["start"] < r["end"] and r["split"] in ("train", "test")
        assert r["precision"] in ("day", "week", "month", "year", "range", "unresolvable")
        assert (r["value"] is None) == (r["precision"] == "unresolvable")


def test_dates_bench_scores_real_labels() -> None:
    from newstrace.bench.dates import load_labels, run_dates_benchmark
    from newstrace.bench.pipeline import shared_data

    data = shared_data()
    if data is None or not (data / "ml-crisis-timelines").is_dir():
        pytest.skip("../shared/data/ml-crisis-timelines is absent (it sits beside the repository in CI)")
    docs = load_labels()
    assert sum(len(d.expressions) for d in docs) >= 250
    res = run_dates_benchmark(split="train")
    det = res["detection"]
    assert det["gold"] > 0 and det["found"] <= det["gold"]
    assert set(res["by_lang"]) == {"en", "es", "fr", "it"}
