"""What a line's words say about its kind (issue 3): hashed n-grams and the word-kind regression."""

from __future__ import annotations

import json

import numpy as np

from newstrace.clean.line_features import FEATURE_NAMES, line_features
from newstrace.clean.line_words import (
    N_BUCKETS,
    WORD_CONTEXT_NAMES,
    WORD_KIND_NAMES,
    WordKinds,
    hashed_counts,
    line_vectors,
    word_context,
)

LINES = [
    "Rescue teams pulled two residents from the rubble of a five-storey building.",
    "Sign up for our newsletter to get the best deals in your inbox every week.",
    "Photo: Reuters / Gleb Garanich",
    "Questo sito utilizza i cookie per migliorare la tua esperienza.",
    "Последвайте ни в Телеграм",
    "",
]


def test_counts_fold_case_and_digits() -> None:
    assert hashed_counts("Kyiv, 24 February 2022") == hashed_counts("KYIV, 13 february 1999")
    assert hashed_counts("Kyiv") != hashed_counts("Kharkiv")
    assert hashed_counts("") == {}
    assert all(0 <= k < N_BUCKETS for k in hashed_counts(LINES[4]))


def test_vectors_have_unit_length() -> None:
    indptr, indices, values = line_vectors(LINES)
    assert len(indptr) == len(LINES) + 1 and indptr[-1] == len(indices) == len(values)
    for i in range(len(LINES) - 1):
        row = values[indptr[i] : indptr[i + 1]]
        assert abs(float((row**2).sum()) - 1.0) < 1e-9
        assert list(indices[indptr[i] : indptr[i + 1]]) == sorted(indices[indptr[i] : indptr[i + 1]])
    assert indptr[-1] == indptr[-2]  # the empty line has no buckets


def _dense(model: WordKinds, texts: list[str]) -> np.ndarray:
    """The same scores the slow way: a dense vector over the model's buckets."""
    indptr, indices, values = line_vectors(texts)
    where = {int(b): j for j, b in enumerate(model.buckets)}
    out = []
    for i in range(len(texts)):
        v = np.zeros(len(model.buckets))
        for k, x in zip(indices[indptr[i] : indptr[i + 1]], values[indptr[i] : indptr[i + 1]], strict=True):
            if int(k) in where:
                v[where[int(k)]] = x
        z = model.coef @ v + model.intercept
        e = np.exp(z - z.max())
        out.append(e / e.sum())
    return np.asarray(out)


def test_scores_match_a_dense_computation_and_skip_unknown_buckets() -> None:
    rng = np.random.default_rng(3)
    _, indices, _ = line_vectors(LINES)
    known = np.unique(indices)[::2]  # half the buckets the lines use, so some are unknown to the model
    model = WordKinds(known, rng.normal(size=(5, len(known))), rng.normal(size=5))
    got = model(LINES)
    assert got.shape == (len(LINES), 5)
    assert np.allclose(got.sum(axis=1), 1.0)
    assert np.allclose(got, _dense(model, LINES))
    e = np.exp(model.intercept - model.intercept.max())
    assert np.allclose(got[-1], e / e.sum())  # an empty line: the intercepts alone


def test_save_and_load(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(4)
    _, indices, _ = line_vectors(LINES)
    known = np.unique(indices)
    model = WordKinds(known, rng.normal(size=(5, len(known))), rng.normal(size=5))
    model.save(tmp_path / "w.npz")
    back = WordKinds.load(tmp_path / "w.npz")
    assert np.array_equal(back.buckets, model.buckets)
    assert np.abs(back(LINES) - model(LINES)).max() < 1e-5


def test_fitted_scorer_agrees_with_scikit_learn() -> None:
    from newstrace.bench.lines import WORD_MIN_DOCS, _fit_words, _word_matrix

    texts = LINES[:5] * 4
    y = np.asarray([0, 4, 3, 4, 4, 1, 4, 3, 4, 4, 2, 4, 3, 4, 4, 0, 4, 3, 4, 4])
    docs = np.repeat(np.arange(4), 5)  # every line in four documents: every bucket kept
    m = _word_matrix(texts)
    model = _fit_words(m, y, docs)
    assert WORD_MIN_DOCS <= 4 and len(model.buckets) == len(np.unique(m.indices))
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1.0, max_iter=3000).fit(m[:, model.buckets], y)
    assert np.abs(model(texts) - lr.predict_proba(m[:, model.buckets])).max() < 1e-9
    # the buckets of a line in one document only are not weighed
    one_doc = _fit_words(_word_matrix(texts + ["Zaporizhzhia nuclear plant"]), np.append(y, 0), np.append(docs, 9))
    assert len(one_doc.buckets) == len(model.buckets)


def test_the_stage_computes_the_word_columns_the_shipped_model_reads() -> None:
    from newstrace.clean.line_model import load_model, model_path

    model = load_model()
    obj = json.loads(model_path().read_text(encoding="utf-8"))
    text = "\n".join(LINES[:5]) + "\n"
    _, rows, _ = model.features(text)
    assert rows.shape == (5, len(model.computed_names))
    if "word_kinds" not in obj:
        assert model.words is None
        return
    assert model.words is not None and all(n in model.feature_names for n in WORD_KIND_NAMES)
    _, plain, _ = line_features(text)
    assert np.array_equal(rows[:, : len(FEATURE_NAMES)], plain)
    said = model.words(LINES[:5])
    assert np.allclose(rows[:, len(FEATURE_NAMES) : len(FEATURE_NAMES) + 5], said)
    assert np.allclose(rows[:, len(FEATURE_NAMES) + 5 :], word_context(said))


def test_word_context_reads_the_lines_around() -> None:
    p = np.asarray([[0.9, 0, 0, 0, 0.1], [0.2, 0, 0, 0, 0.8], [0.6, 0, 0, 0.4, 0], [0.0, 0, 0, 0, 1.0]])
    c = word_context(p)
    assert c.shape == (4, len(WORD_CONTEXT_NAMES))
    col = {n: i for i, n in enumerate(WORD_CONTEXT_NAMES)}
    assert c[0, col["word_prev_body"]] == -1.0 and c[1, col["word_prev_body"]] == 0.9
    assert c[3, col["word_next_boilerplate"]] == -1.0 and c[0, col["word_next_boilerplate"]] == 0.8
    assert np.isclose(c[0, col["word_near_boilerplate"]], (0.8 + 0.0 + 1.0) / 3)  # the line itself left out
    assert np.isclose(c[2, col["word_doc_caption"]], 0.1)
    assert np.isclose(c[0, col["word_body_after"]], 1 / 3) and c[3, col["word_body_after"]] == 0.0
    assert c[0, col["word_body_before"]] == 0.0 and np.isclose(c[3, col["word_body_before"]], 2 / 3)
    one = word_context(p[:1])
    assert one[0, col["word_near_body"]] == -1.0 and one[0, col["word_doc_body"]] == 0.9
    assert word_context(np.zeros((0, 5))).shape == (0, len(WORD_CONTEXT_NAMES))
