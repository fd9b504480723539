"""The labelled line set of issue 3 (benchmarks/labels/lines): format, fixed split and integrity against the shared data."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from newstrace.bench.line_labels import KINDS, iter_label_files, line_spans, load_labels, split_of
from newstrace.bench.pipeline import shared_data


def test_line_spans_skip_blank_lines_and_strip_whitespace() -> None:
    text = "  Title  \n\n\tBody line.\n   \nLast"
    spans = line_spans(text)
    assert [text[s:e] for s, e in spans] == ["Title", "Body line.", "Last"]


def test_split_is_a_fixed_hash_of_the_address() -> None:
    a = split_of("ml-crisis-timelines", "es/egypt/2011-01-31/ext_92.txt")
    assert a == split_of("ml-crisis-timelines", "es/egypt/2011-01-31/ext_92.txt")
    assert {split_of("bulgarian-ukraine-war-news", "BlitzDataSorted.json", i) for i in range(40)} == {"train", "test"}


def test_label_files_are_well_formed_without_the_shared_data() -> None:
    files = list(iter_label_files())
    if not files:
        pytest.skip("benchmarks/labels/lines holds no label file")
    keys: Counter[str] = Counter()
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            keys[f"{obj['corpus']}/{obj['path']}#{obj['record']}"] += 1
            assert obj["split"] == split_of(obj["corpus"], obj["path"], obj["record"])
            assert obj["lines"] and all(x["kind"] in KINDS for x in obj["lines"])
            ends = [(x["start"], x["end"]) for x in obj["lines"]]
            assert all(s < e for s, e in ends) and all(a[1] < b[0] for a, b in zip(ends, ends[1:], strict=False))
    assert max(keys.values()) == 1, [k for k, n in keys.items() if n > 1]


def test_labels_cover_every_non_blank_line_of_the_shared_texts() -> None:
    root = shared_data()
    corpora = ("ukraine-war-news-gdelt-multicountry", "ml-crisis-timelines", "bulgarian-ukraine-war-news")
    if root is None or not all((root / c).exists() for c in corpora):
        pytest.skip("../shared/data/<corpus> is absent for one of the three labelled corpora")
    docs = load_labels()  # also checks every text against its sha256
    for d in docs:
        assert [(x.start, x.end) for x in d.lines] == line_spans(d.text), d.key
    texts = Counter(d.sha256 for d in docs)
    assert max(texts.values()) == 1, "two labelled documents hold the same text"
