"""The command line as a user meets it: help, exit codes, messages, resumable runs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newstrace.cli import cli


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    out = [list(prefix)]
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            out.extend(_command_paths(cmd, (*prefix, name)))
        else:
            out.append([*prefix, name])
    return out


COMMANDS = _command_paths(cli)


def newstrace(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newstrace.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "newstrace")
def test_help_everywhere(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "usage:" in result.output.lower() and len(result.output) > 80


def test_run_examples_tells_where_the_briefing_is(examples_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "n.sqlite"
    r = newstrace("run", str(examples_copy), "--db", str(db), "--out", str(tmp_path / "out"), "-q")
    assert r.returncode == 0, r.stderr
    assert "10 new document(s)" in r.stdout
    assert f"Briefings: {tmp_path / 'out' / 'briefings' / 'index.md'}" in r.stdout
    index = (tmp_path / "out" / "briefings" / "index.md").read_text()
    assert "| story | articles |" in index
    assert f"newstrace serve --db {db}" in r.stdout
    (html,) = (tmp_path / "out" / "briefings").glob("story_*.html")
    page = html.read_text()
    assert "<script" not in page and "Kostiantynivka" in page
    # A second run changes nothing and says so.
    again = newstrace("run", str(examples_copy), "--db", str(db), "--out", str(tmp_path / "out"), "-q")
    assert again.returncode == 0 and "0 new document(s), 8 unchanged" in again.stdout
    stats = json.loads(newstrace("stats", "--db", str(db), "--json").stdout)
    assert stats["documents"] == 10 and stats["processed"] == 10 and stats["pending"] == 0


def test_bad_inputs_are_reported_and_skipped(examples_copy: Path, tmp_path: Path) -> None:
    (examples_copy / "empty.txt").write_bytes(b"")
    (examples_copy / "junk.txt").write_bytes(os.urandom(4000).replace(b"\x00", b"") + b"\x00\x01")
    (examples_copy / "cyrillic.txt").write_bytes(
        "Удар по Костянтинівці: загинули щонайменше 11 людей, повідомила прокуратура.".encode("cp1251")
    )
    (examples_copy / "broken.html").write_text(
        "<html><body><p>Drones struck Kramatorsk overnight, the city council said, injuring two people.<div><b>unclosed"
    )
    db = tmp_path / "n.sqlite"
    r = newstrace("run", str(examples_copy), "--db", str(db), "--no-briefings", "-q")
    assert r.returncode == 0, r.stderr
    assert "skipped" in r.stderr and "empty.txt" in r.stderr and "junk.txt" in r.stderr
    stats = json.loads(newstrace("stats", "--db", str(db), "--json").stdout)
    assert stats["documents"] == 12 and stats["ingest_errors"] == 2
    strict = newstrace("run", str(examples_copy), "--db", str(db), "--no-briefings", "-q", "--strict")
    assert strict.returncode == 0  # nothing new failed on the second run: the known bad files are unchanged
    errors = newstrace("errors", "--db", str(db))
    assert "empty" in errors.stdout and "binary" in errors.stdout


def test_clear_errors_and_exit_codes(tmp_path: Path) -> None:
    missing = newstrace("run", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "x.sqlite"))
    assert missing.returncode == 1
    assert "no such file or folder" in missing.stderr and "Error:" in missing.stderr
    nodb = newstrace("stats", "--db", str(tmp_path / "absent.sqlite"))
    assert nodb.returncode == 1 and "newstrace run" in nodb.stderr
    (tmp_path / "not.sqlite").write_text("hello" * 100)
    bad = newstrace("stats", "--db", str(tmp_path / "not.sqlite"))
    assert bad.returncode == 1 and "newstrace database" in bad.stderr
    usage = newstrace("export", "--format", "pdf")
    assert usage.returncode == 2


def test_search_and_show(examples_db: Path) -> None:
    hits = newstrace("search", "--db", str(examples_db), "Kostiantynivka AND market")
    assert hits.returncode == 0 and hits.stdout.count("doc_") >= 2
    doc_id = hits.stdout.split("\t", 1)[0]
    shown = newstrace("show", doc_id, "--db", str(examples_db))
    assert "[       body]" in shown.stdout
    span = newstrace("show", doc_id, "--db", str(examples_db), "--span", "0:20")
    assert span.returncode == 0 and len(span.stdout.strip()) <= 20
    unknown = newstrace("show", "doc_nope", "--db", str(examples_db))
    assert unknown.returncode == 1 and "no document" in unknown.stderr


def _variants(examples: Path, folder: Path, n: int) -> None:
    """n distinct articles made from the examples (a numbered note makes each one new)."""
    sources = sorted(p for p in examples.glob("*.txt"))
    folder.mkdir()
    for i in range(n):
        src = sources[i % len(sources)]
        (folder / f"{i:03d}-{src.name}").write_text(
            src.read_text(encoding="utf-8") + f"\nEditor's note {i}: this is copy number {i}.\n", encoding="utf-8"
        )


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    out = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("originals", "documents", "segments", "mentions", "quantities", "quotes", "claims", "dates")
    }
    out["processed"] = con.execute("SELECT count(*) FROM documents WHERE status = 'processed'").fetchone()[0]
    con.close()
    return out


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_interrupted_run_resumes_without_loss_or_duplicates(
    examples_dir: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    corpus = tmp_path / "corpus"
    _variants(examples_dir, corpus, 60)
    reference = tmp_path / "ref.sqlite"
    assert newstrace("run", str(corpus), "--db", str(reference), "--no-briefings", "-q").returncode == 0

    db = tmp_path / "interrupted.sqlite"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newstrace.cli",
            "run",
            str(corpus),
            "--db",
            str(db),
            "--no-briefings",
            "-q",
            "--batch-size",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Ctrl-C as at a terminal: a test session started in the background (`pytest &` in a script) ignores
        # SIGINT, and a child would inherit that and never see the signal
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.time() + 120
    processed = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                processed = con.execute("SELECT count(*) FROM documents WHERE status = 'processed'").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                continue
            if processed >= 4:
                break
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    partial = _counts(db)
    assert 0 < partial["processed"] < 60

    again = newstrace("run", str(corpus), "--db", str(db), "--no-briefings", "-q")
    assert again.returncode == 0, again.stderr
    assert _counts(db) == _counts(reference)
