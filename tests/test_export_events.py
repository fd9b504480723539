"""The ACLED-style events CSV (report/events.py) and the export validation (report/validate.py)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.record import Quantity
from newstrace.report.events import EVENT_COLUMNS, EVENT_TYPES, check_events_csv, classify
from newstrace.report.validate import validate_geojson
from newstrace.store import open_store


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newstrace.cli", *args], capture_output=True, text=True)


def export(db: Path, fmt: str, out: Path) -> str:
    result = cli("export", "--db", str(db), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def killed(n: float) -> Quantity:
    return Quantity(start=0, end=1, text=str(n), value=n, role="killed", counted="people")


# -- the coding rules, on sentences written for these tests --------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "event_type", "sub_event_type"),
    [
        ("Russian forces shelled the village of Kozacha Lopan overnight.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("A drone hit an apartment block in Odesa, the governor said.", "Explosions/Remote violence", "Air/drone strike"),
        ("Two Iskander missiles and several drones struck the port.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("A tractor driver was killed when his tractor hit an anti-tank mine near Izium.", "Explosions/Remote violence",
         "Remote explosive/landmine/IED"),
        ("Ukrainian troops repelled three assaults near Robotyne.", "Battles", "Armed clash"),
        ("Police detained a man accused of spying in Kharkiv.", "Strategic developments", "Arrests"),
        ("Air defences shot down 22 of 27 drones overnight.", "Strategic developments", "Disrupted weapons use"),
        ("Residents said soldiers had abducted the village head.", "Violence against civilians",
         "Abduction/forced disappearance"),
        ("Hundreds of people rallied in Tbilisi against the law.", "Protests", "Peaceful protest"),
        ("Police dispersed the protest and detained 30 people.", "Protests", "Protest with intervention"),
        ("The brigade withdrew from the village to new positions.", "Strategic developments", "Other"),
        ("The block was damaged in a Russian aerial bombardment.", "Explosions/Remote violence", "Air/drone strike"),
    ],
)
def test_the_words_choose_acled_types(sentence: str, event_type: str, sub_event_type: str) -> None:
    coding = classify(sentence)
    assert coding is not None
    assert (coding.event_type, coding.sub_event_type) == (event_type, sub_event_type), coding.reason
    assert sub_event_type in EVENT_TYPES[event_type][1]
    assert coding.disorder_type == EVENT_TYPES[event_type][0]


def test_unknown_kinds_stay_empty_with_a_reason() -> None:
    # A death toll without the kind of violence: an event, but its type is not guessed.
    coding = classify("Eleven people died, officials said.", [killed(11)])
    assert coding is not None and coding.event_type == "" and coding.sub_event_type == ""
    assert "died" in coding.reason
    vague = classify("The attack came at dawn.")
    assert vague is not None and vague.event_type == "" and "attack" in vague.reason


def test_negated_and_eventless_sentences_are_not_events() -> None:
    assert classify("The Russian army does not strike civilian objects, the ministry said.") is None
    assert classify("The minister will travel to Brussels next week.") is None
    assert classify("Embassies began to withdraw some staff from Kyiv.") is None  # not troops
    assert classify("Riot police stood outside the parliament.") is None
    # A hit turns the interception into an attack.
    coding = classify("Air defences shot down most drones, but one hit a house, killing two.", [killed(2)])
    assert coding is not None and coding.sub_event_type == "Air/drone strike"


def test_check_events_csv_finds_broken_rows() -> None:
    header = ",".join(EVENT_COLUMNS)
    assert check_events_csv("a,b\n") and "columns" in check_events_csv("a,b\n")[0]
    row = dict.fromkeys(EVENT_COLUMNS, "")
    row.update(
        event_id_cnty="UKR-1", event_date="2024-3-14", year="2024", time_precision="4", event_type="Battles",
        sub_event_type="Air/drone strike", disorder_type="Political violence", latitude="48.5", longitude="",
        fatalities="about 5", document_id="doc_1", claim_id="claim_1", notes="x", start="10", end="5",
        coding_reason="r",
    )
    text = header + "\n" + ",".join(row[c] for c in EVENT_COLUMNS) + "\n"
    problems = "\n".join(check_events_csv(text))
    for word in ("event_date", "time_precision", "sub_event_type", "latitude", "fatalities", "start"):
        assert word in problems, word


# -- the export on the examples ---------------------------------------------------------------------


def test_examples_events_export(examples_db: Path, tmp_path: Path) -> None:
    text = export(examples_db, "events", tmp_path / "events.csv")
    assert check_events_csv(text) == []
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) > 20
    assert list(rows[0]) == list(EVENT_COLUMNS)
    with open_store(examples_db) as store:
        for r in rows:
            # Every row traces to the words it came from.
            doc = store.load_document(r["document_id"])
            assert " ".join(doc.text[int(r["start"]) : int(r["end"])].split()) == r["notes"]
    # The strike on Kostiantynivka: typed from its words, placed in the town (not the dateline's
    # Kramatorsk), the killed count as a number, and the ministry's "repelled" as a battle.
    wire = [r for r in rows if r["notes"].startswith("KRAMATORSK, 14 March")]
    assert wire
    for r in wire:
        assert (r["event_type"], r["sub_event_type"]) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
        assert r["location"] == "Kostyantynivka" and r["geo_precision"] == "1" and r["country"] == "Ukraine"
        assert r["admin1"] == "Donetsk Oblast" and r["fatalities"] == "11"
        assert r["civilian_targeting"] == "Civilian targeting"  # "including two children" among the wounded
    dated = [r for r in wire if r["date_basis"] == "sentence"]
    assert dated and all(r["event_date"] == "2024-03-14" and r["time_precision"] == "1" for r in dated)
    assert any(r["sub_event_type"] == "Disrupted weapons use" and "shot down" in r["notes"] for r in rows)
    # No count, no fatalities: empty, not 0.
    assert all(r["fatalities"] == "" for r in rows if not r["fatalities_text"] and "no one" not in r["notes"].lower())
    # Untyped rows say why.
    assert all(r["coding_reason"] for r in rows)
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


def test_events_export_is_deterministic(examples_db: Path, tmp_path: Path) -> None:
    assert export(examples_db, "events", tmp_path / "a.csv") == export(examples_db, "events", tmp_path / "b.csv")


# -- validation ----------------------------------------------------------------------------------------


def test_geojson_export_validates_against_rfc7946(examples_db: Path, tmp_path: Path) -> None:
    data = json.loads(export(examples_db, "geojson", tmp_path / "places.geojson"))
    assert data["features"] and validate_geojson(data) == []
    # The schema is not vacuous: it catches what QGIS would choke on.
    broken = json.loads(json.dumps(data))
    broken["features"][0]["geometry"]["coordinates"] = [37.6, 95.0]
    del broken["features"][1]["properties"]
    broken["features"][2]["geometry"] = {"type": "Pt", "coordinates": [1, 2]}
    problems = validate_geojson(broken)
    assert len(problems) == 3
    assert problems[0].startswith("features/0/geometry/coordinates/1:")
    assert "'properties' is a required property" in problems[1]
    assert "'Pt'" in problems[2]


def test_validate_command(examples_db: Path, tmp_path: Path) -> None:
    for fmt, name in (("geojson", "x.geojson"), ("events", "x.csv"), ("ftm", "x.ftm.jsonl")):
        out = tmp_path / name
        export(examples_db, fmt, out)
        result = cli("validate", str(out))
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"{fmt}, valid" in result.stderr
    rows = list(csv.DictReader((tmp_path / "x.csv").read_text(encoding="utf-8").splitlines()))
    i = next(i for i, r in enumerate(rows) if r["event_date"])
    rows[i]["time_precision"] = "9"
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    result = cli("validate", str(bad))
    assert result.returncode == 1 and f"line {i + 2}: time_precision '9'" in result.stdout
    assert "events, 1 problems" in result.stderr


# -- the real corpus -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_real_corpus_exports_validate(real_run: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    db, result = real_run
    assert result.returncode == 0, result.stderr[-3000:]
    events = export(db, "events", tmp_path / "events.csv")
    assert check_events_csv(events) == []
    rows = list(csv.DictReader(events.splitlines()))
    # Floors about three quarters of what was measured on 2026-11-25 (docs/export.md: 1,248 rows, 868 typed,
    # 828 located).
    assert len(rows) > 900
    typed = [r for r in rows if r["event_type"]]
    assert len(typed) > len(rows) / 2
    assert {r["event_type"] for r in typed} >= {"Battles", "Explosions/Remote violence", "Strategic developments"}
    assert sum(1 for r in rows if r["latitude"]) > len(rows) / 4
    geo = json.loads(export(db, "geojson", tmp_path / "places.geojson"))
    assert validate_geojson(geo) == []
