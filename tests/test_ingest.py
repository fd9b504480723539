"""Ingest: formats, sidecars, metadata, bad files, idempotency (real SQLite store)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newstrace.ingest import ingest_paths
from newstrace.store import open_store


@pytest.fixture()
def store(tmp_path: Path):
    s = open_store(tmp_path / "t.sqlite")
    yield s
    s.close()


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_examples_folder_gives_ten_articles_and_ignores_docs(store, examples_dir: Path) -> None:
    report = ingest_paths(store, [str(examples_dir)])
    assert report.new_documents == 10
    assert report.errors == []
    assert sorted(Path(p).name for p in report.ignored) == ["EXPECTED.md", "README.md"]
    docs = {d.path.rsplit("/", 1)[-1]: d for d in store.pending_documents()}
    # Sidecar metadata is applied, and the sidecar is not an article of its own.
    d01 = docs["01-donbas-daily-strike.txt"]
    assert d01.outlet == "Donbas Daily"
    assert d01.published and d01.published.startswith("2024-03-14")
    assert d01.published_source == "metadata"
    # JSON Lines: one document per line, path names the line.
    jsonl = [d for name, d in docs.items() if name.startswith("08-10-news-feed.jsonl#")]
    assert sorted(d.path.rsplit("#", 1)[1] for d in jsonl) == ["1", "2", "3"]
    # HTML: title, site name and date from the page; no script text kept.
    html = [d for name, d in docs.items() if name.endswith(".html")]
    assert len(html) == 3
    for d in html:
        assert d.title and d.outlet and d.published, d.path
        assert "alert(" not in d.text


def test_originals_are_kept_byte_for_byte(store, examples_dir: Path) -> None:
    ingest_paths(store, [str(examples_dir)])
    path = examples_dir / "05-steppe-monitor-counterattack.html"
    raw = path.read_bytes()
    row = store.db.execute(
        "SELECT content FROM originals WHERE sha256 = ?", (hashlib.sha256(raw).hexdigest(),)
    ).fetchone()
    assert row is not None and bytes(row[0]) == raw


def test_sidecar_metadata_is_kept_byte_for_byte(store, examples_dir: Path) -> None:
    ingest_paths(store, [str(examples_dir)])
    raw = (examples_dir / "01-donbas-daily-strike.json").read_bytes()
    row = store.db.execute(
        "SELECT content, media_type FROM originals WHERE sha256 = ?", (hashlib.sha256(raw).hexdigest(),)
    ).fetchone()
    assert row is not None and bytes(row[0]) == raw and row[1] == "application/json"


def test_reingest_is_a_noop(store, examples_dir: Path) -> None:
    first = ingest_paths(store, [str(examples_dir)])
    before = store.stats()
    second = ingest_paths(store, [str(examples_dir)])
    assert first.new_documents == 10
    assert second.new_documents == 0 and second.unchanged == second.files
    assert store.stats() == before


def test_same_article_under_another_path_is_one_document(store, tmp_path: Path) -> None:
    text = "Kyiv said on Monday that at least 12 drones were shot down over the capital overnight."
    a = _write(tmp_path / "a" / "story.txt", text)
    b = _write(tmp_path / "b" / "copy.txt", text)
    ingest_paths(store, [str(a), str(b)])
    assert store.stats()["documents"] == 1
    paths = [r[0] for r in store.db.execute("SELECT path FROM document_paths ORDER BY path")]
    assert paths == [str(a), str(b)]


def test_bad_files_are_recorded_and_the_batch_goes_on(store, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    _write(folder / "good.txt", "Officials in Kharkiv said two people were wounded in shelling on Tuesday.")
    _write(folder / "empty.txt", b"")
    _write(folder / "blank.txt", b"   \n\n  \t ")
    _write(folder / "binary.txt", bytes(range(256)) * 40)
    _write(folder / "image.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    cyr = "Обстрел Харькова: по данным властей, ранены два человека. Жители сообщают о взрывах ночью."
    _write(folder / "cp1251.txt", cyr.encode("cp1251"))
    _write(
        folder / "latin1.txt", "Le ministère a annoncé que la frappe a tué trois civils à Kherson.".encode("latin-1")
    )
    _write(
        folder / "broken.html",
        "<html><body><div><p>Shelling hit Zaporizhzhia overnight, officials said,"
        " and three people were injured.<p>Unclosed <b>tags <i>everywhere</div></span>",
    )
    _write(
        folder / "feed.jsonl",
        '{"text": "Drones hit Odesa port on Friday, the navy said."}\n'
        "{not json}\n"
        '{"title": "no text here"}\n'
        '{"html": "<p>Air defence shot down nine drones over Kyiv, the city administration said.</p>"}\n',
    )
    report = ingest_paths(store, [str(folder)])
    reasons = {Path(e.path).name + (f"#{e.member}" if e.member else ""): e.reason for e in report.errors}
    assert reasons == {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "binary.txt": "binary",
        "image.html": "binary",
        "feed.jsonl#2": "unreadable",
        "feed.jsonl#3": "empty",
    }
    texts = {Path(d.path).name: d.text for d in store.pending_documents()}
    assert texts["cp1251.txt"] == cyr
    assert "ministère" in texts["latin1.txt"]
    assert "Zaporizhzhia" in texts["broken.html"]
    assert {"good.txt", "feed.jsonl#1", "feed.jsonl#4"} <= set(texts)
    # Every recorded reason says what went wrong in words.
    assert all(len(e.message) > 15 for e in store.ingest_errors())


def test_missing_path_and_named_unsupported_file_are_errors(store, tmp_path: Path) -> None:
    pdf = _write(tmp_path / "report.pdf", b"%PDF-1.7 ...")
    report = ingest_paths(store, [str(tmp_path / "nope"), str(pdf)])
    assert [e.reason for e in report.errors] == ["unreadable", "unsupported"]
    assert "no such file" in report.errors[0].message


def test_too_large_file_is_refused_before_reading(store, tmp_path: Path) -> None:
    big = _write(tmp_path / "big.txt", "word " * 5000)
    report = ingest_paths(store, [str(big)], max_bytes=1000)
    assert [e.reason for e in report.errors] == ["too_large"]


def test_date_from_filename_when_no_metadata(store, tmp_path: Path) -> None:
    f = _write(tmp_path / "20220323T184500Z_UA_en_20bf88da37.txt", "Russian forces shelled Mariupol again today.")
    ingest_paths(store, [str(f)])
    (doc,) = list(store.pending_documents())
    assert doc.published == "2022-03-23T18:45:00Z"
    assert doc.published_source == "filename"


def test_date_from_a_day_folder_when_the_name_has_none(store, tmp_path: Path) -> None:
    # Collections filed by day, like ml-crisis-timelines: es/egypt/2011-01-26/gv_30.txt
    day = tmp_path / "egypt" / "2011-01-26"
    day.mkdir(parents=True)
    f = _write(day / "gv_30.txt", "Miles de manifestantes se concentraron ayer en la plaza Tahrir de El Cairo.")
    not_a_day = tmp_path / "2011-13-40"
    not_a_day.mkdir()
    g = _write(not_a_day / "gv_31.txt", "Les manifestants se sont rassemblés place Tahrir.")
    ingest_paths(store, [str(f), str(g)])
    docs = {d.path.rsplit("/", 1)[-1]: d for d in store.pending_documents()}
    assert docs["gv_30.txt"].published == "2011-01-26"
    assert docs["gv_30.txt"].published_source == "folder"
    assert docs["gv_31.txt"].published is None


def test_explicit_sidecar_overrides_page_metadata(store, tmp_path: Path) -> None:
    page = _write(
        tmp_path / "p.html",
        "<html><head><title>Page title</title>"
        '<meta property="og:site_name" content="Page Site"></head><body><article><p>'
        + "Rescuers in Dnipro pulled four people from the rubble, the emergency service said. " * 3
        + "</p></article></body></html>",
    )
    _write(tmp_path / "p.json", json.dumps({"outlet": "Sidecar Outlet", "published": "2023-01-15"}))
    ingest_paths(store, [str(page)])
    (doc,) = list(store.pending_documents())
    assert doc.outlet == "Sidecar Outlet"
    assert doc.published == "2023-01-15"
    assert doc.title == "Page title"
    assert doc.text.startswith("Page title\n")


def test_published_dates_are_normalised_to_iso(store, tmp_path: Path) -> None:
    feed = _write(
        tmp_path / "feed.jsonl",
        '{"text": "Kherson was shelled again overnight, the regional governor said on Friday.", '
        '"published": "Fri, 15 Mar 2024 10:15:00 GMT"}\n'
        '{"text": "Air raid alerts sounded across Ukraine for three hours on Sunday morning.", '
        '"published": "2024-03-17"}\n'
        '{"text": "A drone hit an oil depot in the Bryansk region, the governor wrote on Telegram.", '
        '"published": "sometime last spring"}\n',
    )
    ingest_paths(store, [str(feed)])
    assert [d.published for d in store.pending_documents()] == [
        "2024-03-15T10:15:00Z",
        "2024-03-17",
        "sometime last spring",
    ]


def test_repairs_at_ingest_and_the_stored_text_maps_back_to_the_original(store, tmp_path: Path) -> None:
    from newstrace.clean.repair import repair_text
    from newstrace.ingest.decode import decode_bytes

    raw = (
        "Shelling in Kharkiv\r\n\r\nThe strike hit a school at dawn.Officials said\u00a0three people were "
        "wounded.\r\nThe mayorâ€™s office said the cafÃ© next door burned.\u200b\r\n"
    ).encode("utf-8")
    f = _write(tmp_path / "glued.txt", raw)
    ingest_paths(store, [str(f)])
    (doc,) = list(store.pending_documents())
    assert doc.text == (
        "Shelling in Kharkiv\n\nThe strike hit a school at dawn.\nOfficials said three people were wounded.\n"
        "The mayor’s office said the café next door burned."
    )
    # The stored original decodes and repairs to exactly the stored text; the map rebuilds the decoded original.
    row = store.db.execute("SELECT content FROM originals WHERE sha256 = ?", (doc.sha256,)).fetchone()
    source, _ = decode_bytes(bytes(row[0]))
    repaired = repair_text(source)
    assert repaired.text == doc.text
    assert repaired.source_text() == source
    start = doc.text.index("café")
    s, e = repaired.to_source(start, start + 4)
    assert source[s:e] == "cafÃ©"


def test_cp1251_read_as_a_western_encoding_is_redecoded(store, tmp_path: Path) -> None:
    from newstrace.ingest.decode import decode_bytes

    cyr = "Президентът заяви, че войната ще продължи. Обстрелът на Харков продължава и днес."
    assert decode_bytes(cyr.encode("cp1251"), declared="iso-8859-1") == (cyr, "cp1251")
    page = _write(
        tmp_path / "page.html",
        b'<html><head><meta charset="iso-8859-1"><title>News</title></head><body><article><p>'
        + (cyr + " ").encode("cp1251") * 3
        + b"</p></article></body></html>",
    )
    # Mojibake inside JSON text (a feed that decoded cp1251 as latin-1 once already) is repaired too.
    feed = _write(
        tmp_path / "feed.jsonl",
        json.dumps({"text": cyr.encode("cp1251").decode("latin-1")}, ensure_ascii=False) + "\n",
    )
    report = ingest_paths(store, [str(page), str(feed)])
    assert report.errors == []
    texts = {Path(d.path).name: d.text for d in store.pending_documents()}
    assert cyr in texts["page.html"]
    assert texts["feed.jsonl#1"] == cyr


def test_mixed_encodings_and_huge_lines_are_a_best_effort_not_a_crash(store, tmp_path: Path) -> None:
    mixed = "Kyiv said the café was hit. ".encode() + "Le ministère a confirmé.".encode("latin-1")
    huge = ("Drones were shot down over Kyiv overnight, the air force said " * 40_000).encode()  # one 2.5 MB line
    a = _write(tmp_path / "mixed.txt", mixed)
    b = _write(tmp_path / "huge.txt", huge)
    report = ingest_paths(store, [str(a), str(b)])
    assert report.errors == []
    texts = {Path(d.path).name: d.text for d in store.pending_documents()}
    assert texts["mixed.txt"] == "Kyiv said the café was hit. Le ministère a confirmé."
    assert len(texts["huge.txt"]) == len(huge.decode().strip())
