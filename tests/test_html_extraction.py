"""HTML main-text extraction: the article-extraction-benchmark scorer, and newstrace on its pages."""

from __future__ import annotations

import pytest
from conftest import shared

from newstrace.bench.html_extraction import (
    FOLDER,
    format_html_markdown,
    load_baselines,
    load_dataset,
    metrics_from_tp_fp_fns,
    run_html_benchmark,
    score,
    string_shingle_matching,
)
from newstrace.ingest.html import main_text, parse_html

# Measured 2026-11-25 on the first 10 pages (sorted ids): F1 0.986 (precision 0.979, recall 0.994).
TEN_PAGE_F1_FLOOR = 0.97


def test_shingle_matching_by_hand():
    # 4-token shingles: truth {abcd, bcde}, prediction {abcd, bcdx}: 1 shared, 1 extra, 1 missed.
    tp, fp, fn = string_shingle_matching("A b, c d e.", "A b c d x")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    # Counts are multisets; tokens are \w+ (punctuation and case as written).
    assert string_shingle_matching("a b c d a b c d", "a b c d") == pytest.approx((1 / 5, 0, 4 / 5))
    assert string_shingle_matching("a b c d", "A b c d") == pytest.approx((0, 1 / 2, 1 / 2))
    # Fewer than 4 tokens: the whole token list is one shingle.
    assert string_shingle_matching("two words", "two words") == (1.0, 0.0, 0.0)
    assert string_shingle_matching("a b c d", "") == (0.0, 0.0, 1.0)
    assert string_shingle_matching("", "") == (0.0, 0.0, 0.0)


def test_metrics_average_per_page_like_the_benchmark():
    # Page 1 perfect, page 2 empty prediction: it counts for recall only (as in evaluate.py).
    m = metrics_from_tp_fp_fns([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)])
    assert m["precision"] == pytest.approx(1.0)
    assert m["recall"] == pytest.approx(0.5)
    assert m["f1"] == pytest.approx(2 / 3)
    s = score({"p1": "a b c d e", "p2": "f g h i"}, {"p1": "a b c d x", "p2": "f g h i"}, n_bootstrap=20)
    assert s["precision"] == pytest.approx(0.75)
    assert s["recall"] == pytest.approx(0.75)
    assert s["accuracy"] == pytest.approx(0.5)
    assert s["pages"] == 2 and "f1_std" in s


def test_main_text_never_keeps_script_or_style():
    para = "<p>Shelling hit the market in Kostiantynivka on Tuesday morning, local officials said, " * 3
    html = (
        "<html><head><title>Market hit</title><style>.x{color:red}</style>"
        "<script>var tracker = 'SECRET_SCRIPT_TEXT';</script></head><body><nav>Home | World</nav>"
        f"<article><h1>Market hit</h1>{para}</p><script>document.write('SECRET_SCRIPT_TEXT')</script>"
        f"{para}</p></article><footer>Copyright</footer></body></html>"
    )
    text, method = main_text(html)
    assert "Kostiantynivka" in text and method.startswith("trafilatura")
    assert "SECRET_SCRIPT_TEXT" not in text and "color:red" not in text
    art = parse_html(html)
    assert art.title == "Market hit" and "SECRET_SCRIPT_TEXT" not in art.text


def test_benchmark_scorer_reproduces_published_baselines():
    folder = shared(FOLDER)
    truth, _ = load_dataset(folder)
    baselines = load_baselines(folder)
    published = {"trafilatura": 0.958, "newspaper": 0.949, "readability": 0.922, "goose3": 0.896, "html-text": 0.665}
    for name, f1 in published.items():
        out = baselines[name]["output"]
        assert score(truth, out, n_bootstrap=0)["f1"] == pytest.approx(f1, abs=0.002), name


def test_newstrace_extraction_on_ten_benchmark_pages():
    folder = shared(FOLDER)
    result = run_html_benchmark(folder, limit=10, baselines=False, variants=False, n_bootstrap=0)
    n = result["newstrace"]
    assert n["pages"] == 10
    assert n["f1"] >= TEN_PAGE_F1_FLOOR, n
    assert "newstrace `parse_html`" in format_html_markdown(result)
