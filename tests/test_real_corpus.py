"""The main job on the 447 real articles of ../shared/data, with bad files mixed in."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shared
from test_export_contract import check_contract, export_json


@pytest.mark.slow
def test_real_corpus_runs_without_a_crash(real_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    db, result = real_run
    assert result.returncode == 0, result.stderr[-3000:]
    stats = json.loads(
        subprocess.run(
            [sys.executable, "-m", "newstrace.cli", "stats", "--db", str(db), "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    articles = shared("ukraine-war-news-gdelt-multicountry/articles")
    unique = len({hashlib.sha256(p.read_bytes()).hexdigest() for p in articles.iterdir()})
    # Byte-identical files are one document (seen under several paths) + the cp1251 file + the broken page.
    assert stats["documents"] == unique + 2
    assert stats["processed"] == stats["documents"] and stats["pending"] == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM document_paths").fetchone()[0] == 449
    con.close()
    assert stats["ingest_errors"] == 2  # the empty and the binary file, with reasons
    assert stats["stage_errors"] == 0
    # Floors about three quarters of what was measured on 2026-11-25 (7,000 claims, 1,364 quantities, 4,527 quotes).
    assert stats["claims"] > 5000 and stats["quantities"] > 1000 and stats["quotes"] > 3000
    assert stats["stories"] > 10


@pytest.mark.slow
def test_real_corpus_export_meets_the_contract(real_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    db, _ = real_run
    data = export_json(db)
    check_contract(data)
    places = [e for e in data["entities"] if e["type"] == "place" and e["lat"] is not None]
    kyiv = [e for e in places if e["gazetteer_id"] == "geonames:703448"]
    assert kyiv and {"Kyiv", "Kiev"} & set(kyiv[0]["aliases"])
