"""Shared fixtures: the example corpus, the shared real data, and a processed example database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_DATA = (ROOT / ".." / "shared" / "data").resolve()
ARTICLES = SHARED_DATA / "ukraine-war-news-gdelt-multicountry" / "articles"
# The browser tests (test_serve_browser.py, test_serve_corpus.py) drive Debian's chromium through Playwright.
CHROMIUM = Path(os.environ.get("NEWSTRACE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def copy_model_files(obj: dict[str, Any], folder: Path) -> None:
    """The files a line model names sit beside it (its word-kind scorer, its edges model and that one's scorer):
    copy the shipped ones next to a test's copy of the model."""
    from newstrace.clean.line_model import model_path

    if "word_kinds" in obj:
        name = obj["word_kinds"]["file"]
        (folder / name).write_bytes(model_path().with_name(name).read_bytes())
    if "edges" in obj:
        name = obj["edges"]["file"]
        (folder / name).write_bytes(model_path().with_name(name).read_bytes())
        copy_model_files(json.loads(model_path().with_name(name).read_text(encoding="utf-8")), folder)


def shared(folder: str) -> Path:
    """A folder of ../shared/data, or skip the test with a message naming it."""
    path = SHARED_DATA / folder
    if not path.exists():
        pytest.skip(f"real data ../shared/data/{folder} is absent (it sits beside the repository in CI)")
    return path


def shared_articles() -> list[Path]:
    """The GDELT articles of ../shared/data in name order, or skip the test when there are none."""
    files = sorted(shared("ukraine-war-news-gdelt-multicountry/articles").glob("*.txt"))
    if not files:
        pytest.skip(f"no articles in {ARTICLES}")
    return files


def shared_article(name: str) -> str:
    """The text of the GDELT article of ../shared/data with this file name, or skip the test when it is absent."""
    path = shared("ukraine-war-news-gdelt-multicountry/articles") / name
    if not path.is_file():
        pytest.skip(f"the article {name} is not in the shared corpus")
    return path.read_text(encoding="utf-8")


class _HasText(Protocol):
    text: str


_T = TypeVar("_T", bound=_HasText)


def one_containing(found: list[_T], words: str) -> _T:
    """The first of ``found`` (mentions, quantities, ...) whose text contains ``words`` in any case."""
    hits = [x for x in found if words.lower() in x.text.lower()]
    assert hits, f"nothing containing {words!r} in {[x.text for x in found]}"
    return hits[0]


# spaCy labels -> newstrace entity types, for tests that build a Document from spaCy's entities alone.
LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "place", "LOC": "place", "FAC": "place"}


def doc_with_mentions(text: str, spans: list[tuple[str, str]], persons: dict[str, list[str]] | None = None) -> Any:
    """A Document with the given (surface, label) mentions, each at its first occurrence after the previous one;
    ``persons`` maps a person entity's name to the surfaces that point to it (for the places stage's tests)."""
    from newstrace.record import Document, Entity, Mention

    doc = Document(id="d", sha256="", path="d", text=text)
    pos = 0
    owner = {s: name for name, surfaces in (persons or {}).items() for s in surfaces}
    for name in persons or {}:
        eid = f"ent_{abs(hash(name))}"
        doc.entities[eid] = Entity(id=eid, type="person", name=name, aliases=list((persons or {})[name]))
    for surface, label in spans:
        i = text.index(surface, pos)
        pos = i + len(surface)
        ent = f"ent_{abs(hash(owner[surface]))}" if surface in owner and label == "PERSON" else None
        doc.mentions.append(Mention(i, i + len(surface), surface, label, ent))
    return doc


def parsed_doc(
    nlp: Any,
    text: str,
    *,
    outlet: str | None = None,
    segments: list[Any] | None = None,
    label_types: dict[str, str] = LABEL_TYPES,
    outlets: bool = True,
) -> tuple[Any, Any]:
    """(spaCy Doc, Document) for ``text``: one body segment unless given, mentions and entities from spaCy's
    entities (an organisation that names a known outlet becomes an OUTLET when ``outlets``)."""
    from newstrace.extract.quotes import outlet_name
    from newstrace.record import Document, Entity, Mention, Segment, stable_id

    sdoc = nlp(text)
    doc = Document(id=stable_id("doc", text), sha256="0" * 64, path="test.txt", text=text, outlet=outlet)
    doc.segments = segments if segments is not None else [Segment(0, len(text), "body")]
    for ent in sdoc.ents:
        etype = label_types.get(ent.label_)
        if etype is None:
            continue
        label, name = ent.label_, ent.text
        if outlets and etype == "organization" and outlet_name(ent.text):
            etype, label, name = "outlet", "OUTLET", outlet_name(ent.text)
        eid = stable_id("ent", etype, name)
        doc.entities.setdefault(eid, Entity(id=eid, type=etype, name=name))
        doc.mentions.append(Mention(ent.start_char, ent.end_char, ent.text, label, eid))
    return sdoc, doc


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """spaCy's English pipeline as newstrace runs it (the model it would choose, with its sentence hints before the
    parser), loaded once for the whole session."""
    pytest.importorskip("spacy")
    from newstrace.errors import PipelineError
    from newstrace.extract.nlp import load_model

    try:
        return load_model()
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium under Playwright, one per test module; skips when either is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: the browser tests need Debian's chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the Python package only)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh browser page on the module's ``server``; page errors collect in ``page.errors``."""
    context = browser.new_context(base_url=server, viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(60_000)  # a loaded 2-core machine can be slow
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))  # type: ignore[attr-defined]
    yield pg
    context.close()


def screenshot(page: Any, name: str) -> None:
    """Save the visible page as test-artifacts/NAME.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
