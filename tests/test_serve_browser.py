"""The web app in a real browser: Debian's Chromium driven by Playwright against a real server.

Skips when /usr/bin/chromium is absent (install it with `apt-get install chromium`;
never `playwright install`). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import CHROMIUM, screenshot
from test_serve_api import TOKEN, build_db, start_server

PAYLOAD = "<script>window.__pwned=1</script>"
HOSTILE_ARTICLE = (
    f"Drone attack reported near Sloviansk {PAYLOAD}\n\n"
    f"At least two people were wounded in a drone attack on Sloviansk on Monday, the city council said. {PAYLOAD}\n"
    '<img src=x onerror="window.__pwned=2"> The council said repairs would start on Tuesday.\n'
)

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is absent: the browser tests need Debian's chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )
pytest.importorskip("playwright.sync_api", reason="pip install playwright (the Python package only)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_db(tmp_path_factory.mktemp("serve-browser"))
    with start_server(db) as base:
        yield base


def story_id(server: str) -> str:
    return str(httpx.get(f"{server}/api/stories", timeout=30).json()["stories"][0]["id"])


def test_stories_page_renders(page: Any) -> None:
    page.goto("/")
    links = page.locator("a.story-link")
    assert links.count() >= 1
    assert "Kostiantynivka" in links.first.inner_text() or links.first.inner_text()
    screenshot(page, "stories")
    assert page.errors == []  # type: ignore[attr-defined]


def test_story_map_shows_markers(page: Any, server: str) -> None:
    page.goto(f"/stories/{story_id(server)}")
    page.wait_for_selector("#map path.nt-point")
    assert page.locator("#map path.nt-point").count() >= 3  # exact towns
    assert page.locator("#map path.nt-area").count() >= 1  # regions and countries
    page.wait_for_selector("#map path.leaflet-interactive, #map svg")
    assert page.locator("#timeline rect.bar").count() >= 1
    assert page.locator("#ledger tbody tr").count() >= 1
    page.locator("#map").scroll_into_view_if_needed()
    screenshot(page, "story")
    page.locator("#map path.nt-point").first.click(force=True)
    popup = page.wait_for_selector(".leaflet-popup-content .map-popup")
    assert popup.query_selector("a[href^='/documents/']") is not None
    assert page.errors == []  # type: ignore[attr-defined]


def test_citation_opens_the_cited_words(page: Any, server: str) -> None:
    page.goto(f"/stories/{story_id(server)}")
    page.locator(".briefing a.cite").first.click()
    page.wait_for_selector("#doc-text .hl")
    assert page.locator("#doc-text .hl").count() >= 1
    screenshot(page, "document-cited")


def test_search_finds_kostiantynivka(page: Any) -> None:
    page.goto("/")
    page.fill("header input[name=q]", "Kostiantynivka")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("#results li a")
    assert page.locator("#results li").count() >= 2
    assert "Kostiantynivka" in page.locator("#results").inner_text()
    screenshot(page, "search")


def test_script_in_an_article_stays_text(page: Any) -> None:
    # Sign in with the token and upload the hostile article through the form.
    page.goto("/login")
    page.fill("input[name=token]", TOKEN)
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert page.url.endswith("/upload")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "hostile.txt", "mimeType": "text/plain", "buffer": HOSTILE_ARTICLE.encode()}],
    )
    page.fill("input[name=title]", f"Hostile {PAYLOAD}")
    with page.expect_navigation(timeout=240_000):  # the server runs the whole pipeline on the upload
        page.click("form.form button[type=submit]")
    page.wait_for_selector("#upload-result a")
    page.locator("#upload-result a").first.click()
    page.wait_for_selector("#doc-text")
    text = page.locator("#doc-text").inner_text()
    assert PAYLOAD in text
    assert '<img src=x onerror="window.__pwned=2">' in text
    assert PAYLOAD in page.locator("h1").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#doc-text script, #doc-text img, h1 script").count() == 0
    screenshot(page, "hostile-document")
    # The same text in search results, entity pages and the story pages stays inert too.
    page.goto("/search?q=pwned")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto("/")
    for href in page.locator("a.story-link").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        page.goto(href)
        assert page.evaluate("typeof window.__pwned") == "undefined"
