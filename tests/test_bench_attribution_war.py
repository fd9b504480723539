"""The war-corpus attribution benchmark: label format checks, loading, scoring, and the shipped label files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.bench.attribution_war import (
    LABELS_DIR,
    ClaimInfo,
    Passage,
    Predicted,
    address,
    check_item,
    check_labels,
    load_labels,
    names_match,
    passage_id,
    resolve_texts,
    run_attribution_war_benchmark,
    score,
    split_of,
)

SHARED_DATA = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data").resolve()

# Written for these tests (not from the corpora).
SOURCE = (
    "Kyiv, 3 March.\n"
    '"We will not give up the city," the mayor said on Friday.\n'
    "Officials in the region reportedly denied the report, according to Radio Free Lviv.\n"
    "The bridge was repaired in April.\n"
)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _span(passage: str, words: str) -> list[int]:
    i = passage.index(words)
    return [i, i + len(words)]


def _att(passage: str, content: str, kind: str = "direct", cue: str | None = None, source: str | None = None,
         speaker: str | None = None, chain: list[tuple[str, str]] | None = None, hedges: list[str] | None = None,
         denial: bool = False) -> dict[str, Any]:
    return {
        "content": _span(passage, content), "kind": kind,
        "cue": _span(passage, cue) if cue else None, "source": _span(passage, source) if source else None,
        "speaker": speaker, "chain": [{"outlet": _span(passage, o), "link": k} for o, k in chain or []],
        "hedges": [_span(passage, h) for h in hedges or []], "denial": denial,
    }


def _item(source: str, start: int, end: int, attributions: list[dict[str, Any]], corpus: str = "toy-corpus",
          path: str = "articles/a.txt") -> dict[str, Any]:
    pid = passage_id(corpus, path, None, "body", start, end)
    return {"id": pid, "corpus": corpus, "path": path, "record": None, "field": "body", "sha256": _sha(source),
            "start": start, "end": end, "lang": "en", "translated": False, "split": split_of(pid),
            "attributions": attributions}


def _second_line() -> tuple[int, int, str]:
    start = SOURCE.index('"We will')
    end = SOURCE.index("\n", start)
    return start, end, SOURCE[start:end]


def test_address_id_and_split() -> None:
    assert address("c", "p.txt", None, "body", 1, 5) == "c/p.txt#/body:1-5"
    assert address("c", "x.json", 3, "text", 1, 5) == "c/x.json#3/text:1-5"
    pid = passage_id("c", "p.txt", None, "body", 1, 5)
    assert pid == hashlib.sha256(b"c/p.txt#/body:1-5").hexdigest()[:12]
    assert split_of(pid) == ("test" if int(pid[:8], 16) % 10 < 3 else "train")


def test_check_item_accepts_a_good_line_and_names_each_problem() -> None:
    start, end, passage = _second_line()
    good = _item(SOURCE, start, end, [_att(passage, "We will not give up the city", cue="said", source="the mayor")])
    assert check_item(good, SOURCE) == []

    bad = json.loads(json.dumps(good))
    bad["split"] = "test" if good["split"] == "train" else "train"
    assert any("split" in p for p in check_item(bad, SOURCE))

    bad = json.loads(json.dumps(good))
    bad["attributions"][0]["content"] = [0, 30]  # starts with the quotation mark
    assert any("quotation mark" in p for p in check_item(bad, SOURCE))

    bad = json.loads(json.dumps(good))
    bad["attributions"][0]["content"] = [5, 500]
    assert any("not a span inside the passage" in p for p in check_item(bad, SOURCE))

    bad = json.loads(json.dumps(good))
    bad["attributions"][0]["chain"] = [{"outlet": [1, 5], "link": "tweeted"}]
    assert any("link type" in p for p in check_item(bad, SOURCE))

    bad = json.loads(json.dumps(good))
    bad["attributions"].append(bad["attributions"][0])
    assert any("same source and content" in p for p in check_item(bad, SOURCE))

    assert any("sha256" in p for p in check_item(good, SOURCE + "changed"))
    assert any("missing" in p for p in check_item(good, None))

    wrong_id = dict(good, id="000000000000")
    assert any("is not sha256(address)" in p for p in check_item(wrong_id, SOURCE))


def test_load_and_resolve_from_files_and_json_records(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "toy-corpus" / "articles").mkdir(parents=True)
    (data / "toy-corpus" / "articles" / "a.txt").write_text(SOURCE, encoding="utf-8")
    records = [{"text": "first"}, {"text": SOURCE}]
    (data / "toy-json").mkdir()
    (data / "toy-json" / "Outlet.json").write_text(json.dumps(records), encoding="utf-8")
    start, end, passage = _second_line()
    labels = tmp_path / "labels"
    labels.mkdir()
    a = _item(SOURCE, start, end, [_att(passage, "We will not give up the city", cue="said", source="the mayor")])
    pid = passage_id("toy-json", "Outlet.json", 1, "text", start, end)
    b = dict(a, id=pid, corpus="toy-json", path="Outlet.json", record=1, field="text", split=split_of(pid))
    stale = dict(a, sha256="0" * 64)
    (labels / "toy-corpus.jsonl").write_text(json.dumps(a) + "\n" + json.dumps(stale) + "\n", encoding="utf-8")
    (labels / "toy-json.jsonl").write_text(json.dumps(b) + "\n", encoding="utf-8")

    items = load_labels(labels)
    assert [it.corpus for it in items] == ["toy-corpus", "toy-corpus", "toy-json"]
    kept, dropped = resolve_texts(items, data)
    assert dropped == 1
    assert [it.text for it in kept] == [passage, passage]

    res = check_labels(labels, data)
    assert res["files"]["toy-json.jsonl"] == {"passages": 1, "attributions": 1}
    assert any("sha256" in p for p in res["problems"]) and len(res["problems"]) == 2  # the stale line: sha, id


def _passage(text: str, attributions: list[dict[str, Any]], pid: str = "p1") -> Passage:
    return Passage(id=pid, corpus="toy", path="a.txt", record=None, field="body", sha256="", start=0, end=len(text),
                   lang="en", translated=False, split="train", attributions=attributions, text=text)


def test_score_counts_spans_kinds_speakers_outlets_hedges_and_negatives() -> None:
    text = ('"We will not give up the city," the mayor said. Officials reportedly denied the report, '
            "according to Radio Free Lviv.")
    gold = [
        _att(text, "We will not give up the city", cue="said", source="the mayor", speaker="Ihor Terekhov"),
        _att(text, "the report", kind="indirect", cue="denied", source="Officials",
             chain=[("Radio Free Lviv", "according_to")], hedges=["reportedly"], denial=True),
    ]
    p = _passage(text, gold)
    pred = [
        Predicted(content=(1, 29), kind="direct", cue=(42, 46), source=(32, 41), speaker="Ihor Terekhov"),
        # a wider content and the wrong kind for the second
        Predicted(content=tuple(_span(text, "Officials reportedly denied the report")), kind="direct",  # type: ignore[arg-type]
                  cited_outlet="Radio Free Lviv"),
    ]
    lviv = _span(text, "Radio Free Lviv")
    claims = [ClaimInfo(span=(48, len(text)), hedges=["reportedly"],
                        links=[("according_to", "Radio Free Lviv", (lviv[0], lviv[1]))])]
    neg = _passage("The bridge was repaired in April.", [], pid="p2")
    res = score([p, neg], {"p1": pred, "p2": [Predicted(content=(4, 10), kind="direct")]}, {"p1": claims})
    s = res["all"]
    assert (s["gold"], s["pred"], s["matched"]) == (2, 3, 2)
    assert s["content_overlap"]["r"] == 100.0
    assert s["content_exact"]["r"] == 50.0  # the second content is wider than the gold
    assert s["cue_overlap"]["r"] == 50.0 and s["source_overlap"]["r"] == 50.0
    assert s["kind_acc"] == 50.0
    assert (s["speaker_judged"], s["speaker_prec"]) == (1, 100.0)
    assert (s["outlets"], s["outlet_acc"]) == (1, 100.0)
    assert (s["hedges"], s["hedge_recall"]) == (1, 100.0)
    assert (s["negatives"], s["negatives_fp"]) == (1, 1)
    assert set(res["by_lang"]) == {"en"}
    kinds = {e.split("|", 1)[0] for e in res["errors"]}
    assert {"kind", "boundary", "spurious"} <= kinds


def test_a_partial_quote_pairs_with_the_gold_partial_quote() -> None:
    text = 'He said the talks were "very useful" for both sides.'
    gold = [_att(text, 'the talks were "very useful" for both sides', kind="indirect", cue="said", source="He"),
            _att(text, "very useful", cue="said", source="He")]
    res = score([_passage(text, gold)], {"p1": [Predicted(content=tuple(_span(text, "very useful")), kind="direct")]}, {})
    assert res["all"]["kind_acc"] == 100.0
    assert any(e.startswith("missed|indirect") for e in res["errors"])


def test_names_match_folds_case_titles_and_whole_words() -> None:
    assert names_match("Mr Zelensky", "Volodymyr Zelensky")
    assert names_match("the Ministry of Defence", "ministry of defence")
    assert not names_match("Kirby", "Kirbyson")
    assert not names_match(None, "x")


def test_benchmark_runs_the_real_stages_and_maps_repaired_offsets_back(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    # a zero-width space before the passage: the stored (repaired) text is one character shorter
    source = "Kyiv\u200b, 3 March.\n\n" + '"We will not give up the city," the mayor said on Friday.\n'
    data = tmp_path / "data"
    (data / "toy-corpus" / "articles").mkdir(parents=True)
    (data / "toy-corpus" / "articles" / "a.txt").write_text(source, encoding="utf-8")
    start = source.index('"We')
    end = source.index("\n", start)
    passage = source[start:end]
    labels = tmp_path / "labels"
    labels.mkdir()
    item = _item(source, start, end, [_att(passage, "We will not give up the city", cue="said", source="the mayor")])
    (labels / "toy-corpus.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    try:
        res = run_attribution_war_benchmark("all", labels=labels, data=data)
    except Exception as exc:  # noqa: BLE001 - no spaCy model installed
        if "model" in str(exc).lower():
            pytest.skip(str(exc))
        raise
    s = res["all"]
    assert res["dropped"] == 0 and s["passages"] == 1
    assert s["content_exact"]["r"] == 100.0
    assert s["cue_overlap"]["r"] == 100.0


def test_shipped_label_files_are_check_clean() -> None:
    if not (SHARED_DATA / "ukraine-war-news-gdelt-multicountry").is_dir():
        pytest.skip("../shared/data/ukraine-war-news-gdelt-multicountry is absent (it sits beside the repository in CI)")
    res = check_labels(LABELS_DIR, SHARED_DATA)
    assert res["files"]["ukraine-war-news-gdelt-multicountry.jsonl"]["passages"] >= 140
    assert res["problems"] == []
