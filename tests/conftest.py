"""Shared fixtures: the example corpus, the shared real data, and a processed example database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_DATA = (ROOT / ".." / "shared" / "data").resolve()
ARTICLES = SHARED_DATA / "ukraine-war-news-gdelt-multicountry" / "articles"


def shared(folder: str) -> Path:
    """A folder of ../shared/data, or skip the test with a message naming it."""
    path = SHARED_DATA / folder
    if not path.exists():
        pytest.skip(f"real data ../shared/data/{folder} is absent (it sits beside the repository in CI)")
    return path


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """spaCy's English pipeline, the model newstrace itself would choose, loaded once for the whole session."""
    spacy = pytest.importorskip("spacy")
    from newstrace.errors import PipelineError
    from newstrace.extract.nlp import model_name

    try:
        return spacy.load(model_name())
    except PipelineError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples run once through the whole pipeline; tests read this database, never write it."""
    from newstrace import run

    out = tmp_path_factory.mktemp("examples")
    db = out / "examples.sqlite"
    run([str(EXAMPLES)], db=db, out_dir=out / "out")
    return db


@pytest.fixture()
def examples_copy(tmp_path: Path) -> Path:
    """A writable copy of examples/ without its README files."""
    dest = tmp_path / "examples"
    shutil.copytree(EXAMPLES, dest, ignore=shutil.ignore_patterns("*.md"))
    return dest


@pytest.fixture(scope="session")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The 447 real articles and four bad files run once (about a minute) through `newstrace run`.

    Session-wide: the real-corpus tests and the web app tests read this database, never write it.
    """
    articles = shared("ukraine-war-news-gdelt-multicountry/articles")
    bad = tmp_path_factory.mktemp("bad")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(os.urandom(3000) + b"\x00")
    (bad / "cp1251.txt").write_bytes("Обстріл Харкова: поранено двох людей, повідомив губернатор.".encode("cp1251"))
    (bad / "broken.html").write_text(
        "<html><body><p>Shelling hit Kherson overnight, officials said.<div><p>two people were injured <b>"
    )
    db = tmp_path_factory.mktemp("real") / "real.sqlite"
    out = db.parent / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newstrace.cli",
            "run",
            str(articles),
            str(bad),
            "--db",
            str(db),
            "--out",
            str(out),
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=3000,
    )
    return db, result
