"""The web app and HTTP API, served for real: uvicorn in a subprocess, checked over HTTP with httpx."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from newstrace.bench.serve import running_server

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-5f1c"
STORY_TITLE_WORD = "Kostiantynivka"


def build_db(folder: Path) -> Path:
    """The examples run through the whole pipeline into a fresh database."""
    from newstrace import run

    db = folder / "serve.sqlite"
    run([str(ROOT / "examples")], db=db, out_dir=folder / "out")
    return db


@contextmanager
def start_server(db: Path, *, token: str | None = TOKEN, read_only: bool = False) -> Iterator[str]:
    """``python -m newstrace.serve`` on a free localhost port; yields its base URL, stops it after."""
    with running_server(db, token=token, read_only=read_only, log_dir=db.parent) as base:
        yield base


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("serve-api"))


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    with start_server(db) as base:
        yield base


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def story_id(client: httpx.Client) -> str:
    stories = client.get("/api/stories").json()["stories"]
    assert stories, "the examples make at least one story"
    return str(stories[0]["id"])


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    """The one error shape of the API."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_pages_answer(client: httpx.Client, story_id: str) -> None:
    doc = client.get("/api/documents").json()["documents"][0]["id"]
    place = next(e["id"] for e in client.get("/api/entities", params={"type": "place"}).json()["entities"])
    for path in (
        "/",
        f"/stories/{story_id}",
        "/documents",
        f"/documents/{doc}",
        "/entities",
        f"/entities/{place}",
        f"/search?q={STORY_TITLE_WORD}",
        "/login",
    ):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html"), path
    home = client.get("/").text
    assert f"/stories/{story_id}" in home


def test_story_page_cites_documents(client: httpx.Client, story_id: str) -> None:
    html = client.get(f"/stories/{story_id}").text
    assert 'href="/documents/doc_' in html and "#" in html
    for section in ("What the articles report", "Claim ledger", "Contradictions and denials", "Timeline", "Map"):
        assert section in html
    assert 'id="map"' in html and f"/api/stories/{story_id}/geojson" in html
    assert "<script>" not in html  # only <script src=...> from /static


def test_security_headers_on_every_response(client: httpx.Client, story_id: str) -> None:
    for path in ("/", f"/stories/{story_id}", "/api/stories", "/static/app.css", "/api/nothing-here", "/nothing-here"):
        r = client.get(path)
        csp = r.headers.get("content-security-policy", "")
        for directive in (
            "default-src 'self'",
            "script-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ):
            assert directive in csp, (path, csp)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert r.headers.get("x-content-type-options") == "nosniff", path
        assert r.headers.get("referrer-policy"), path


def test_openapi_describes_the_api(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/search",
        "/api/export",
        "/api/ingest",
    ):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/ingest"]


def test_api_json(client: httpx.Client, story_id: str) -> None:
    story = client.get(f"/api/stories/{story_id}").json()
    assert story["id"] == story_id and story["documents"]
    assert story["claim_groups"] and story["claim_groups"][0]["claims"]
    assert {"status", "independent_sources", "sources"} <= set(story["claim_groups"][0])
    assert story["briefing_markdown"].startswith("# ")
    doc = client.get(f"/api/documents/{story['documents'][0]}").json()
    assert doc["text"] and doc["sha256"] and doc["segments"]
    assert {"mentions", "dates", "quantities", "quotes", "claims", "entities"} <= set(doc)
    hits = client.get("/api/search", params={"q": STORY_TITLE_WORD}).json()
    assert hits["documents"]
    geo = client.get(f"/api/stories/{story_id}/geojson").json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    props = geo["features"][0]["properties"]
    assert {"name", "precision", "gazetteer_id", "evidence", "documents"} <= set(props)


def test_exports(client: httpx.Client) -> None:
    data = client.get("/api/export", params={"format": "json"}).json()
    assert {"documents", "claims", "stories", "claim_groups", "contradictions"} <= set(data)
    geo = client.get("/api/export", params={"format": "geojson"})
    assert geo.json()["type"] == "FeatureCollection"
    csv = client.get("/api/export", params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("claim_id,document,path")
    assert_error(client.get("/api/export", params={"format": "pdf"}), 422, "invalid_request")


def test_self_contained_briefing(client: httpx.Client, story_id: str) -> None:
    r = client.get(f"/api/stories/{story_id}/briefing.html")
    assert r.status_code == 200
    assert "<script" not in r.text.lower() and "<style>" in r.text
    assert "script-src" not in r.headers["content-security-policy"]  # falls back to default-src 'none'
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_error_shape(client: httpx.Client) -> None:
    assert_error(client.get("/api/documents/doc_does_not_exist"), 404, "not_found")
    assert_error(client.get("/api/stories/story_does_not_exist"), 404, "not_found")
    assert_error(client.get("/api/entities/nobody"), 404, "not_found")
    assert_error(client.get("/api/no/such/route"), 404, "not_found")
    assert_error(client.get("/api/search", params={"q": '"unbalanced'}), 400, "bad_query")
    # Pages answer errors with a page, not JSON.
    page = client.get("/documents/doc_does_not_exist")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


ARTICLE = (
    "Shelling hits Zolotyi Kolodiaz\n\n"
    "At least three civilians were wounded when shells hit the village of Zolotyi Kolodiaz "
    "near Kramatorsk on Tuesday, the regional governor said.\n"
)


def test_ingest_needs_the_token(client: httpx.Client) -> None:
    files = {"file": ("shelling.txt", ARTICLE.encode(), "text/plain")}
    assert_error(client.post("/api/ingest", files=files), 401, "unauthorized")
    assert_error(client.post("/api/ingest"), 401, "unauthorized")  # refused before the body is validated
    r = client.post("/api/ingest", files=files, headers={"Authorization": "Bearer wrong"})
    assert_error(r, 401, "unauthorized")
    assert r.headers.get("www-authenticate", "").startswith("Bearer")


def test_ingest_with_the_token_runs_the_pipeline(client: httpx.Client) -> None:
    files = {"file": ("shelling.txt", ARTICLE.encode(), "text/plain")}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/ingest", files=files, data={"outlet": "Test Wire", "published": "2024-03-19"}, headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert len(body["documents"]) == 1 and body["summary"]["processed"] >= 1
    doc = client.get(f"/api/documents/{body['documents'][0]}").json()
    assert doc["outlet"] == "Test Wire"
    assert doc["claims"], "the pipeline ran: claims were extracted"
    unsupported = {"file": ("photo.png", b"\x89PNG", "image/png")}
    assert_error(client.post("/api/ingest", files=unsupported, headers=auth), 400, "unsupported_type")


def test_read_only_refuses_writes(db: Path) -> None:
    with start_server(db, read_only=True) as base, httpx.Client(base_url=base, timeout=30) as c:
        assert c.get("/api/health").json()["read_only"] is True
        files = {"file": ("a.txt", b"Some article text about a strike.", "text/plain")}
        r = c.post("/api/ingest", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
        assert_error(r, 403, "read_only")
        assert_error(c.post("/api/ingest"), 403, "read_only")
        page = c.post("/upload", files=files)
        assert page.status_code == 403 and page.headers["content-type"].startswith("text/html")
        assert c.get("/").status_code == 200  # reading still works
        assert "Uploads are disabled" in c.get("/upload").text


def test_no_token_means_no_ingest(db: Path) -> None:
    with start_server(db, token=None) as base, httpx.Client(base_url=base, timeout=30) as c:
        files = {"file": ("a.txt", b"Some article text about a strike.", "text/plain")}
        assert_error(c.post("/api/ingest", files=files, headers={"Authorization": "Bearer anything"}), 403, "forbidden")


def test_html_briefing_states_the_markdown_facts(db: Path) -> None:
    import re

    from newstrace import open_store
    from newstrace.report.briefing import build_briefing
    from newstrace.report.html import render_briefing_html

    with open_store(db) as store:
        corpus = store.load_corpus()
        docs = {d.id: d for d in store.iter_documents()}
    cite = re.compile(r"\[\d+:\d+-\d+\]")
    for story in corpus.stories:
        markdown = build_briefing(story, docs, corpus).markdown
        html = render_briefing_html(story, docs, corpus)
        assert cite.findall(html) == cite.findall(markdown)  # the same citations, numbered the same
        assert html.startswith("<!DOCTYPE html>") and "<script" not in html.lower()
        assert "<style>" in html and "<link" not in html  # self-contained


def _all_pages(client: httpx.Client, path: str, key: str, limit: int, **params: str) -> list[dict[str, object]]:
    """Every row of a paged list, read ``limit`` at a time by following next_offset."""
    rows: list[dict[str, object]] = []
    offset: int | None = 0
    total = None
    while offset is not None:
        body = client.get(path, params={**params, "limit": limit, "offset": offset}).json()
        assert body["offset"] == offset and body["limit"] == limit
        assert total is None or body["total"] == total  # the same total on every page
        total = body["total"]
        assert len(body[key]) <= limit
        rows += body[key]
        offset = body["next_offset"]
    assert len(rows) == total
    return rows


def test_lists_come_in_pages(client: httpx.Client, db: Path) -> None:
    from newstrace import open_store

    with open_store(db) as store:
        ids = store.document_ids()
        stories = [s.id for s in store.load_corpus().stories]
        entities = store.entities()
    documents = _all_pages(client, "/api/documents", "documents", 3)
    # The uploads of other tests may add documents at the end; the stored ones come first, in order.
    assert [d["id"] for d in documents][: len(ids)] == ids
    assert documents[0]["links"]["original"] == f"/api/documents/{documents[0]['id']}/original"
    assert "text" not in documents[0]  # metadata only
    assert [s["id"] for s in _all_pages(client, "/api/stories", "stories", 1)] == stories
    places = _all_pages(client, "/api/entities", "entities", 2, type="place")
    assert {e["id"] for e in places} == {e.id for e in entities.values() if e.type == "place"}
    one = places[0]
    mentioning = client.get(f"/api/entities/{one['id']}", params={"limit": 1}).json()
    assert mentioning["limit"] == 1 and len(mentioning["documents"]) == 1 and mentioning["total"] >= 1
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"limit": "many"}):
        assert_error(client.get("/api/documents", params=bad), 422, "invalid_request")
    assert client.get("/api/documents", params={"offset": 10_000}).json()["documents"] == []


def test_entity_filter_and_search_pages(client: httpx.Client) -> None:
    found = client.get("/api/entities", params={"q": STORY_TITLE_WORD.lower()}).json()
    assert found["total"] >= 1
    assert all(
        any(STORY_TITLE_WORD.casefold() in n.casefold() for n in [e["name"], *e["aliases"]]) for e in found["entities"]
    )
    hits = _all_pages(client, "/api/search", "documents", 1, q=STORY_TITLE_WORD)
    assert len(hits) >= 2 and len({h["id"] for h in hits}) == len(hits)
    body = client.get("/api/search", params={"q": STORY_TITLE_WORD, "limit": 1}).json()
    assert body["entities_total"] >= 1 and body["next_offset"] == 1


def test_original_download_is_the_ingested_bytes(client: httpx.Client) -> None:
    import hashlib

    by_path = {d["path"]: d["id"] for d in _all_pages(client, "/api/documents", "documents", 100)}
    checked = 0
    for name in ("05-steppe-monitor-counterattack.html", "01-donbas-daily-strike.txt", "08-10-news-feed.jsonl"):
        doc_id = next(i for p, i in by_path.items() if p.split("#")[0].endswith(name))
        r = client.get(f"/api/documents/{doc_id}/original")
        assert r.status_code == 200
        source = (ROOT / "examples" / name).read_bytes()
        assert r.content == source  # byte for byte, the whole file
        assert r.headers["x-newstrace-sha256"] == hashlib.sha256(source).hexdigest()
        assert r.headers["content-type"] == "application/octet-stream"  # never text/html, never rendered
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-disposition"].startswith(f'attachment; filename="{name}"')
        assert "sandbox" in r.headers["content-security-policy"]
        if name.endswith(".jsonl"):
            assert r.headers["x-newstrace-member"].isdigit()
        checked += 1
    assert checked == 3
    assert_error(client.get("/api/documents/doc_does_not_exist/original"), 404, "not_found")
    page = client.get(f"/documents/{by_path[next(iter(by_path))]}").text
    assert "/original" in page and "Download the original file" in page


def test_download_names_cannot_break_the_header() -> None:
    from newstrace.serve.views import attachment_disposition

    for hostile in ('../../evil".html', 'a"\r\nSet-Cookie: x=1.txt', "C:\\temp\\x;.txt", "", "feed.jsonl#3"):
        value = attachment_disposition(hostile, fallback="doc.bin")
        assert value.startswith('attachment; filename="')
        assert "\r" not in value and "\n" not in value and value.count('"') == 2
        assert value.isascii() and "/" not in value.split("filename*=")[0]
    assert 'filename="feed.jsonl"' in attachment_disposition("data/feed.jsonl#3")
    assert "filename*=UTF-8''%D0%9A%D0%B8%D1%97%D0%B2.txt" in attachment_disposition("Київ.txt")


def test_pages_show_counts_and_page_links(client: httpx.Client) -> None:
    total = client.get("/api/documents", params={"limit": 1}).json()["total"]
    html = client.get("/documents").text
    assert f"Documents 1–{total} of {total}" in html
    far = client.get("/documents", params={"page": 99}).text
    assert f"there are {total} in 1 page(s)" in far and 'rel="prev"' in far
    bad = client.get("/documents", params={"page": 0})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("text/html")
    entities = client.get("/entities", params={"type": "place", "q": STORY_TITLE_WORD}).text
    assert STORY_TITLE_WORD in entities and 'id="entity-filter"' in entities
    search = client.get("/search", params={"q": STORY_TITLE_WORD}).text
    assert "Articles 1–" in search


def test_openapi_documents_paging_and_the_original(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/stories", "/api/documents", "/api/entities", "/api/search", "/api/entities/{entity_id}"):
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert {"limit", "offset"} <= set(params), path
        assert params["limit"]["schema"]["maximum"] in (200, 1000) and params["offset"]["schema"]["minimum"] == 0
    for path in ("/api/stories", "/api/documents", "/api/entities"):
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert {"total", "offset", "limit", "next_offset"} <= set(schema["required"]), path
    original = spec["paths"]["/api/documents/{document_id}/original"]["get"]
    assert "application/octet-stream" in original["responses"]["200"]["content"]


def test_one_story_reads_the_same_without_the_corpus(db: Path) -> None:
    from newstrace import open_store
    from newstrace.report.briefing import build_briefing
    from newstrace.serve import views
    from newstrace.serve.core import load_story

    with open_store(db) as store:
        corpus = store.load_corpus()
        docs = {d.id: d for d in store.iter_documents()}
        assert corpus.stories
        summaries = {s.id: views.story_summary_json(s) for s in store.list_stories(limit=1000).items}
        for story in corpus.stories:
            got_story, story_docs, part = load_story(store, story.id)
            assert got_story == story
            assert build_briefing(story, story_docs, part).markdown == build_briefing(story, docs, corpus).markdown
            assert [(e.group, e.claims) for e in views.ledger(story, story_docs, part)] == [
                (e.group, e.claims) for e in views.ledger(story, docs, corpus)
            ]
            assert summaries[story.id] == views.story_summary(story, docs)


def test_tiles_only_when_configured() -> None:
    from newstrace.serve.app import CSP, _csp

    assert _csp(None) == CSP and "img-src" not in CSP  # offline: nothing but this server
    assert _csp("https://{s}.tile.example.org/{z}/{x}/{y}.png").endswith("img-src 'self' https://*.tile.example.org")
