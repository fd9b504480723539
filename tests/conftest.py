"""Shared fixtures: the example corpus, the shared real data, and a processed example database."""

from __future__ import annotations

import shutil
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
