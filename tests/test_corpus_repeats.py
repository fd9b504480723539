"""Corpus-wide line repetition (``CorpusLineCounts``, ``REPEAT_NAMES``): the table, the store's sibling of
``site_line_counts``, the columns ``line_features`` appends and the bench's candidate rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import shared, shared_articles

from newstrace.clean.line_features import (
    ALL_SITES,
    FEATURE_NAMES,
    REPEAT_NAMES,
    CorpusLineCounts,
    line_features,
    repeat_norm,
    site_key,
)
from newstrace.clean.segments import _lines

PROMO = "Subscribe to our newsletter: 5 stories every morning!"


def _page(i: int, body: str) -> str:
    return f"Kyiv, {i} March\n{body}\n{PROMO.replace('5', str(i + 2))}\n"


def test_repeat_norm_folds_case_digits_punctuation() -> None:
    assert repeat_norm("Comments (12)") == repeat_norm("comments 7") == "comments 0"
    assert repeat_norm("  Share   THIS!  ") == "share this"
    assert repeat_norm("Ａｌｌ ｒｉｇｈｔｓ ©2024") == "all rights 0"  # NFKC: full-width letters
    assert repeat_norm("— ... —") == ""


def test_counts_count_distinct_texts_and_never_the_askers_copies() -> None:
    bodies = [
        "Shelling hit the village overnight, the governor said.",
        "Repair crews restored power to most homes by noon, officials said.",
        "The council met on Tuesday to discuss the shelters.",
    ]
    pages = [_page(i, b) for i, b in enumerate(bodies)]
    table = CorpusLineCounts().add_all([("a", pages[0]), ("a", pages[1]), ("a", pages[1]), ("b", pages[2])])
    # the copy of pages[1] counts once: site a holds two distinct texts
    assert len(table.texts["a"]) == 2 and len(table.texts[ALL_SITES]) == 3
    # asking with pages[1] (in the table, twice): itself and its copy left out
    c = table.counts("a", pages[1])
    assert c[:, 0].tolist() == [1, 1, 1]  # one other distinct text of site a
    # dateline and promo differ only in digits: found on the other page of the site and on the page of site b
    assert c[:, 1].tolist() == [1, 0, 1] and c[:, 2].tolist() == [2, 0, 2]
    # a new page of site a, not in the table: nothing to leave out
    new = _page(9, "A new story about the front line, the army said on Friday.")
    c = table.counts("a", new)
    assert c[:, 0].tolist() == [2, 2, 2] and c[:, 1].tolist() == [2, 0, 2] and c[:, 2].tolist() == [3, 0, 3]
    # an unknown site: no site columns, the corpus columns still count
    c = table.counts("elsewhere", new)
    assert c[:, 0].tolist() == [0, 0, 0] and c[:, 2].tolist() == [3, 0, 3]
    # the first eight words: a teaser cut short matches the full headline of another page
    table.add("b", "Russian forces pushed towards the town of Chasiv Yar on Monday, the general staff said.")
    c = table.counts("a", "Russian forces pushed towards the town of Chasiv Yar ...")
    assert c[0, 2] == 0 and c[0, 3] == 1
    # an empty table
    assert CorpusLineCounts().counts("a", new).tolist() == [[0, 0, 0, 0]] * 3


def test_line_features_append_repeat_columns_after_feature_names() -> None:
    places = ("Kharkiv", "Odesa", "Sumy", "Dnipro")
    pages = [_page(i, f"In {p} the mayor said the shelters were open.") for i, p in enumerate(places)]
    table = CorpusLineCounts().add_all(("site", p) for p in pages)
    text = pages[0]
    lines, plain, _ = line_features(text)
    lines2, x, _ = line_features(text, repeats=table.counts("site", text))
    assert x.shape == (len(lines), len(FEATURE_NAMES) + len(REPEAT_NAMES))
    assert np.array_equal(x[:, : len(FEATURE_NAMES)], plain)  # the form features are untouched
    rep = dict(zip(REPEAT_NAMES, x[2, len(FEATURE_NAMES) :].tolist(), strict=True))  # the promo line
    assert rep["rep_site_docs"] == pytest.approx(np.log1p(3))
    assert rep["rep_site"] == pytest.approx(np.log1p(3)) and rep["rep_site_share"] == pytest.approx(1.0)
    assert rep["rep_site_ge2"] == 1.0 and rep["rep_any_ge3"] == 1.0 and rep["rep_other_sites"] == 0.0
    assert x[1, len(FEATURE_NAMES) + REPEAT_NAMES.index("rep_site")] == 0.0  # the story line is its own


def test_store_corpus_line_counts_over_real_articles(tmp_path: Path) -> None:
    """A real SQLite store of real GDELT articles (one filed twice): the store's table is the one built from its
    texts, a page's copy is not evidence, and other pages' lines are."""
    from newstrace.ingest import ingest_paths
    from newstrace.store import open_store

    files = shared_articles()[:40]
    folder = tmp_path / "articles"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    text = files[0].read_text(encoding="utf-8")
    # the same page filed again with other bytes (blank lines doubled, trailing spaces): the ingest keeps both
    (folder / ("copy_" + files[0].name)).write_text(text.replace("\n", "  \n\n"), encoding="utf-8")
    db = tmp_path / "t.sqlite"
    with open_store(db) as store:
        ingest_paths(store, [folder])
        table = store.corpus_line_counts()
        items = [(site_key(o, p, u), t) for o, u, p, t in store.iter_site_texts()]
    by_hash: dict[str, list[str]] = {}
    for _, t in items:
        by_hash.setdefault(CorpusLineCounts.text_hash(_lines(t)), []).append(t)
    mine = CorpusLineCounts.text_hash(_lines(items[0][1]))
    assert len(by_hash[mine]) == 2  # the page and its copy are both stored
    sites = {s for s, _ in items}
    assert len(sites) == 1  # no outlet nor URL: the folder is the site
    site = sites.pop()
    expected = CorpusLineCounts().add_all(items)
    assert table.texts == expected.texts and table.lines == expected.lines and table.prefixes == expected.prefixes
    assert len(table.texts[site]) == len(by_hash) < len(items)  # the copy counted once
    text = items[0][1]
    c = table.counts(site, text)
    assert (c[:, 0] == len(by_hash) - 1).all()
    # per line: the other distinct stored texts holding it (the page's copy is not one of them)
    others = [ts[0] for h, ts in by_hash.items() if h != mine]
    for i, ln in enumerate(_lines(text)):
        norm = repeat_norm(ln.text)
        want = sum(1 for t in others if norm and norm in {repeat_norm(x.text) for x in _lines(t)})
        assert c[i, 1] == want == c[i, 2]
    # furniture shared by the stored pages (sign-up lines, "Read more") is found
    assert any(table.counts(site, t)[:, 1].max() >= 2 for t in others)


def test_bench_rows_hold_repeats_in_the_site_condition_only() -> None:
    shared("ukraine-war-news-gdelt-multicountry")
    from newstrace.bench import lines as bench
    from newstrace.bench.line_labels import load_labels

    doc = next(d for d in load_labels() if d.split == "train" and d.corpus == "ukraine-war-news-gdelt-multicountry")
    x_site, _, spans = bench.doc_features(doc, "site", repeats=True)
    x_alone, _, _ = bench.doc_features(doc, "single", repeats=True)
    n = len(FEATURE_NAMES)
    assert x_site.shape == (len(spans), n + len(REPEAT_NAMES))
    assert not x_alone[:, n:].any()  # each document alone: no corpus
    want = bench.corpus_repeats(doc.corpus).counts(bench.site_of(doc.corpus, doc.path, doc.record), doc.text)
    assert want[0, 0] > 100  # the other GDELT articles of the folder
    assert np.allclose(np.expm1(x_site[:, n + REPEAT_NAMES.index("rep_any")]), want[:, 2], atol=1e-3)
    plain, _, _ = bench.doc_features(doc, "site")
    assert np.array_equal(x_site[:, :n], plain)


def test_repeat_candidates_are_never_written_to_the_shipped_model() -> None:
    from newstrace.bench import lines as bench
    from newstrace.clean.line_model import model_path

    assert set(bench.REPEAT_CANDIDATES).isdisjoint(bench.CANDIDATES)
    for name in bench.REPEAT_CANDIDATES:  # the same trees as the "trees" candidate, on other columns
        est = bench._make(name)
        assert type(est).__name__ == "HistGradientBoostingClassifier" and est.class_weight is None
    assert bench._instead("trees + repeats instead") and not bench._instead("trees + repeats")
    with pytest.raises(SystemExit, match="REPEAT_NAMES"):
        bench.train([], model_path(), candidates=["trees + repeats"])
