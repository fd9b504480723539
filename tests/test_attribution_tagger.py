"""The neural attribution tagger (MiniLM top layers + BIO heads) on real sentences, with the real encoder."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import parsed_doc

from newstrace.extract import attribution_tagger as at
from newstrace.extract.quotes import extract_quotes


def _needs_tagger() -> None:
    if not at.tagger_available():
        pytest.skip("no tagger weights: extract/attribution_tagger.safetensors is not shipped (train one with "
                    "`newstrace bench attribution --learn-tagger --out F` and set NEWSTRACE_ATTRIBUTION_TAGGER=F)")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_bio_labels_merge_nested_and_split_adjacent():
    offs = np.array([(0, 3), (4, 8), (9, 12), (13, 17), (18, 20)])
    # a piece nested in another continues it; a piece starting where another ends opens a new run
    assert at.bio_labels(offs, [(0, 12), (4, 8)]).tolist() == [1, 2, 2, 0, 0]
    assert at.bio_labels(offs, [(0, 8), (9, 17)]).tolist() == [1, 2, 1, 2, 0]
    assert at.bio_labels(offs, []).tolist() == [0, 0, 0, 0, 0]


def test_reported_speech_is_tagged():
    _needs_tagger()
    text = "The ministry said its forces had struck a depot."
    spans = at.tag_text(text)
    content = [s for s in spans if s.role == "content"]
    assert content, spans
    assert any(_overlap((s.start, s.end), (text.index("its forces"), text.index(" a depot") + 8)) for s in content)
    (att,) = at.attributions(text, spans)
    assert att.cue is not None and text[att.cue.start:att.cue.end] == "said"
    assert att.source is not None and "ministry" in text[att.source.start:att.source.end]
    assert 0.5 <= att.content.prob <= 1.0


def test_no_attribution_no_content():
    _needs_tagger()
    assert [s for s in at.tag_text("Heavy rain fell on the city overnight and the river rose by two metres.")
            if s.role == "content"] == []


def test_offsets_are_whole_words_of_the_text():
    _needs_tagger()
    text = ("Residents said the shelling began at dawn.\n"
            "According to the governor, two people were wounded and a school was damaged.")
    spans = at.tag_text(text)
    assert spans
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert not (s.start > 0 and text[s.start - 1].isalnum() and text[s.start].isalnum())
        assert not (s.end < len(text) and text[s.end].isalnum() and text[s.end - 1].isalnum())
    probs_offs, probs = at.token_probabilities(text)
    assert probs.shape == (len(probs_offs), 3, 3)
    assert np.allclose(probs.sum(-1), 1.0, atol=1e-4)


def test_long_text_is_read_in_windows():
    _needs_tagger()
    sentence = "The governor said two people were wounded in the shelling of the market. "
    text = sentence * 60  # about 900 wordpieces: several overlapping windows
    offs, probs = at.token_probabilities(text)
    assert len(offs) > 3 * at.WINDOW
    assert (probs.sum(-1) > 0.99).all()  # every wordpiece was predicted
    contents = [s for s in at.tag_text(text) if s.role == "content"]
    assert len(contents) >= 50


def test_extract_quotes_hook_keeps_the_product_rules(nlp):
    _needs_tagger()
    text = "We believe the attack on the bridge was planned for weeks. Did the army say the bridge had fallen?"
    sdoc, doc = parsed_doc(nlp, text)
    for q in extract_quotes(sdoc, doc):  # no first-person source, no attribution in a question
        assert q.speaker is None or q.speaker.lower() not in ("we", "i")
        assert "bridge had fallen" not in q.text


def test_tagger_off_gives_the_rules_alone(nlp):
    _needs_tagger()
    text = ("Officials in the region have been told the bridge will reopen next week, a spokesman for the "
            "regional administration indicated on Monday.")
    sdoc, doc = parsed_doc(nlp, text)
    off = extract_quotes(sdoc, doc, tagger=False)
    on = extract_quotes(sdoc, doc)
    assert {(q.start, q.end) for q in off} <= {(q.start, q.end) for q in on}
    for q in on:
        assert doc.text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert doc.text[q.speaker_start:q.speaker_end] == q.speaker


def test_train_tagger_writes_a_small_delta_that_loads(tmp_path, monkeypatch):
    """The training path end to end on two tiny articles: the delta file loads and tags with offsets in the text."""
    text = "The governor said two people were wounded.\nResidents reported explosions near the station overnight."

    def at_(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    gold = {"content": [at_("two people were wounded"), at_("explosions near the station overnight")],
            "cue": [at_("said"), at_("reported")], "source": [at_("The governor"), at_("Residents")]}
    out = tmp_path / "tagger.safetensors"
    info = at.train_tagger([(text, gold), (text.upper(), gold)], out, passes=1, log=lambda m: None)
    assert info["windows"] == 2 and out.is_file()
    assert out.stat().st_size < 20_000_000  # the delta only: the top layers and the head, fp16
    monkeypatch.setenv("NEWSTRACE_ATTRIBUTION_TAGGER", str(out))
    at.load_tagger.cache_clear()
    try:
        assert at.tagger_available()
        offs, probs = at.token_probabilities(text)
        assert probs.shape == (len(offs), 3, 3) and np.allclose(probs.sum(-1), 1.0, atol=1e-4)
        assert all(text[s:e].strip() for s, e in offs)
        for s in at.tag_text(text, decoding={r: {"high": 0.0, "low": 0.0, "split": 1.1, "min_words": 1}
                                             for r in at.ROLES}):
            assert 0 <= s.start < s.end <= len(text)
    finally:
        at.load_tagger.cache_clear()


def test_without_weights_the_extractor_is_unchanged(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_ATTRIBUTION_TAGGER", str(tmp_path / "absent.safetensors"))
    at.load_tagger.cache_clear()
    text = "The ministry said its forces had struck a depot. \"We will rebuild,\" the mayor said."
    sdoc, doc = parsed_doc(nlp, text)
    default = [(q.start, q.end, q.speaker) for q in extract_quotes(sdoc, doc)]
    assert default == [(q.start, q.end, q.speaker) for q in extract_quotes(sdoc, doc, tagger=False)]
    assert default
