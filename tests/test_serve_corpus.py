"""The web app on the 447 real articles: a real server over the session's real-corpus database.

Over HTTP: every story page, every document page and the API lists answer, page by page.
In Debian's Chromium (Playwright): the stories list, a story's map and timeline, a document with
highlights, an entity, search and paging, and the original download. Screenshots go to
test-artifacts/corpus-*.png. The database is the one tests/test_real_corpus.py checks (fixture
``real_run`` in conftest.py, built once per session); the servers here are read-only.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import screenshot
from test_serve_api import assert_error, start_server

SEARCH_WORD = "Zelensky"  # matches more than 20 of the articles: search has several pages
KYIV = "geonames:703448"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_db(real_run: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    db, result = real_run
    assert result.returncode == 0, result.stderr[-3000:]
    return db


@pytest.fixture(scope="module")
def server(corpus_db: Path) -> Iterator[str]:
    with start_server(corpus_db, token=None, read_only=True) as base:
        yield base


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def mapped_story(corpus_db: Path) -> str:
    """The story with the most exactly located places among those with a timeline (what the map and chart need)."""
    from newstrace import open_store
    from newstrace.report.facts import briefing_facts
    from newstrace.serve import views
    from newstrace.serve.core import load_story

    best: tuple[int, str] | None = None
    with open_store(corpus_db) as store:
        for summary in store.list_stories(limit=1000).items:
            story, docs, corpus = load_story(store, summary.id)
            if not briefing_facts(story, docs, corpus).timeline:
                continue
            features = views.place_features(list(docs.values()))["features"]
            points = sum(1 for f in features if f["properties"]["precision"] == "point")
            if points and (best is None or points > best[0]):
                best = (points, story.id)
    assert best is not None, "some story of the real corpus has located places and dated claims"
    return best[1]


def _every(client: httpx.Client, path: str, key: str, limit: int = 100) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        body = client.get(path, params={"limit": limit, "offset": offset}).json()
        rows += body[key]
        offset = body["next_offset"]
    assert len(rows) == body["total"]
    return rows


# --- over HTTP ------------------------------------------------------------------------


def test_lists_page_through_the_whole_corpus(client: httpx.Client, corpus_db: Path) -> None:
    from newstrace import open_store

    with open_store(corpus_db) as store:
        ids = store.document_ids()
        stories = [s.id for s in store.load_corpus().stories]
        entities = len(store.entities())
    assert len(ids) > 400 and len(stories) > 10
    assert [d["id"] for d in _every(client, "/api/documents", "documents", 100)] == ids
    assert [s["id"] for s in _every(client, "/api/stories", "stories", 40)] == stories
    assert client.get("/api/entities", params={"limit": 1}).json()["total"] == entities
    assert client.get("/api/documents", params={"limit": 5000}).status_code == 422  # over the maximum


def test_every_story_page_answers(client: httpx.Client) -> None:
    stories = _every(client, "/api/stories", "stories", 100)
    for s in stories:
        r = client.get(f"/stories/{s['id']}")
        assert r.status_code == 200, (s["id"], r.text[:500])
        assert "Claim ledger" in r.text and f"/api/stories/{s['id']}/geojson" in r.text
    api = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert api["documents"] == stories[0]["documents"] and api["briefing_markdown"].startswith("# ")


def test_every_document_page_and_original_answers(client: httpx.Client) -> None:
    for d in _every(client, "/api/documents", "documents", 200):
        r = client.get(f"/documents/{d['id']}")
        assert r.status_code == 200, (d["id"], r.text[:500])
        assert 'id="doc-text"' in r.text
        original = client.get(f"/api/documents/{d['id']}/original")
        assert original.status_code == 200
        assert original.headers["content-type"] == "application/octet-stream"
        assert original.headers["content-disposition"].startswith("attachment;")
        assert hashlib.sha256(original.content).hexdigest() == original.headers["x-newstrace-sha256"]
        source = Path(d["path"])
        if source.is_file():  # the article as it sits in ../shared/data
            assert original.content == source.read_bytes()


def test_entities_filter_and_entity_pages(client: httpx.Client) -> None:
    kyiv = [e for e in client.get("/api/entities", params={"q": "kyiv", "type": "place"}).json()["entities"]]
    assert any(e["gazetteer_id"] == KYIV for e in kyiv)
    everyone = client.get("/api/entities", params={"limit": 1000}).json()
    for e in everyone["entities"][::20]:
        r = client.get(f"/entities/{e['id']}")
        assert r.status_code == 200, e
    one = client.get(f"/api/entities/{everyone['entities'][0]['id']}", params={"limit": 2}).json()
    assert len(one["documents"]) <= 2 and one["total"] >= len(one["documents"])
    assert_error(client.get("/api/entities", params={"limit": 0}), 422, "invalid_request")


def test_search_pages_over_http(client: httpx.Client) -> None:
    first = client.get("/api/search", params={"q": SEARCH_WORD, "limit": 20}).json()
    assert first["total"] > 20 and first["next_offset"] == 20
    second = client.get("/api/search", params={"q": SEARCH_WORD, "limit": 20, "offset": 20}).json()
    assert not {d["id"] for d in first["documents"]} & {d["id"] for d in second["documents"]}


# --- in the browser ---------------------------------------------------------------------


def shot(page: Any, name: str) -> None:
    screenshot(page, f"corpus-{name}")


def _count(page: Any) -> str:
    return str(page.locator("nav.pager .pager-count").first.inner_text())


def test_stories_list_pages(page: Any, client: httpx.Client) -> None:
    total = client.get("/api/stories", params={"limit": 1}).json()["total"]
    page.goto("/")
    assert page.locator("a.story-link").count() == min(50, total)
    assert _count(page) == f"Stories 1–{min(50, total)} of {total}"
    shot(page, "stories")
    page.locator("a.pager-next").first.click()
    page.wait_for_url(re.compile(r"/\?page=2$"))
    assert _count(page).startswith("Stories 51–")
    page.locator("a.pager-prev").first.click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.errors == []  # type: ignore[attr-defined]


def test_story_map_timeline_and_cited_document(page: Any, mapped_story: str) -> None:
    page.goto(f"/stories/{mapped_story}")
    page.wait_for_selector("#map path.nt-point")
    assert page.locator("#map path.nt-point").count() >= 1
    assert page.locator("#timeline rect.bar").count() >= 1
    assert page.locator("#ledger tbody tr").count() >= 1
    shot(page, "story")
    page.locator("#map").scroll_into_view_if_needed()
    shot(page, "story-map")
    page.locator(".briefing a.cite").first.click()
    page.wait_for_selector("#doc-text .hl")
    assert page.locator("#doc-text .hl").count() >= 1
    assert page.locator("#doc-text .ent").count() >= 1  # entities highlighted too
    shot(page, "document")
    assert page.errors == []  # type: ignore[attr-defined]


def test_documents_page_and_original_download(page: Any, client: httpx.Client) -> None:
    total = client.get("/api/documents", params={"limit": 1}).json()["total"]
    page.goto("/documents")
    assert page.locator("#documents tbody tr").count() == 50
    assert _count(page) == f"Documents 1–50 of {total}"
    page.locator("a.pager-next").first.click()
    page.wait_for_url(re.compile(r"/documents\?page=2$"))
    assert _count(page) == f"Documents 51–100 of {total}"
    shot(page, "documents-page-2")
    page.locator("#documents tbody tr a").first.click()
    page.wait_for_selector("#doc-text")
    with page.expect_download() as info:
        page.locator("a.original-download").click()
    download = info.value
    data = Path(download.path()).read_bytes()
    doc_id = page.url.rsplit("/", 1)[-1].split("#")[0]
    expected = client.get(f"/api/documents/{doc_id}/original")
    assert data == expected.content and data
    assert download.suggested_filename == re.search(r'filename="([^"]+)"', expected.headers["content-disposition"])[1]
    assert page.url.endswith(doc_id)  # downloaded, not opened as a page
    assert page.errors == []  # type: ignore[attr-defined]


def test_entity_page_pages_through_mentions(page: Any, client: httpx.Client) -> None:
    kyiv = next(
        e
        for e in client.get("/api/entities", params={"q": "kyiv", "type": "place"}).json()["entities"]
        if e["gazetteer_id"] == KYIV
    )
    page.goto("/entities?type=place&q=kyiv")
    page.locator(f"#entities a[href='/entities/{kyiv['id']}']").click()
    page.wait_for_selector("ol.mentions li")
    assert page.locator("ol.mentions li").count() == 50  # Kyiv is mentioned hundreds of times
    assert _count(page).startswith("Mentions 1–50 of ")
    shot(page, "entity")
    page.locator("a.pager-next").first.click()
    page.wait_for_url(re.compile(r"\?page=2$"))
    assert _count(page).startswith("Mentions 51–")
    page.locator("ol.mentions li a").first.click()
    page.wait_for_selector("#doc-text .hl")
    assert "Kyiv" in page.locator("#doc-text .hl").first.inner_text() or page.locator("#doc-text .hl").count()
    assert page.errors == []  # type: ignore[attr-defined]


def test_search_finds_a_known_word_and_pages(page: Any) -> None:
    page.goto("/")
    page.fill("header input[name=q]", SEARCH_WORD)
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("#results li a")
    assert page.locator("#results li").count() == 20
    assert SEARCH_WORD.casefold() in page.locator("#results mark").first.inner_text().casefold()
    shot(page, "search")
    first = page.locator("#results li a").first.get_attribute("href")
    page.locator("a.pager-next").first.click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator("#results li").count() >= 1
    assert page.locator("#results li a").first.get_attribute("href") != first
    assert page.errors == []  # type: ignore[attr-defined]
