"""Stories: articles about the same event, grouped.

This first version compares every pair of articles (fine for thousands, not for
millions): TF-IDF over the body text plus the canonical entities each article
mentions (so Kostiantynivka and Konstantinovka count as one word), damped when
publication dates are far apart, then average-linkage clustering with a
distance threshold.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date

import numpy as np

from ..record import Document, Story, stable_id
from .copies import body_text

__all__ = ["cluster_stories", "headline", "STORY_SIMILARITY"]

STORY_SIMILARITY = 0.12  # average pairwise similarity a story's articles must reach (NMI 0.875 on a GoogleNews sample)
PLACE_WEIGHT = 0.3  # added to the text similarity, times the share of specific places two articles both name


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _features(doc: Document) -> str:
    ents = " ".join(f"ENT{m.entity[4:]}" for m in doc.mentions if m.entity)
    return f"{body_text(doc)} {ents} {ents}"


def headline(doc: Document, limit: int = 120) -> str:
    """The document's title, else the opening words of its first body line."""
    if doc.title:
        return doc.title
    body = next((s for s in doc.segments if s.kind == "body"), None)
    if body is None:
        return doc.path
    text = " ".join(doc.text[body.start : body.end].split())
    cut = re.search(r"(?<=[.!?])\s", text)
    first = text[: cut.start()] if cut else text
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _specific_places(docs: Sequence[Document]) -> list[set[str]]:
    """Town-level places each article names, without those most of a large corpus names (Kyiv, Moscow)."""
    sets = []
    for d in docs:
        places = set()
        for m in d.mentions:
            ent = d.entities.get(m.entity or "")
            if ent is not None and ent.place is not None and ent.place.precision in {"point", "district"}:
                places.add(ent.id)
        sets.append(places)
    if len(docs) >= 50:
        df: dict[str, int] = {}
        for s in sets:
            for p in s:
                df[p] = df.get(p, 0) + 1
        common = {p for p, n in df.items() if n > 0.05 * len(docs)}
        sets = [s - common for s in sets]
    return sets


def similarity_matrix(docs: Sequence[Document]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [_features(d) for d in docs]
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.6 if len(docs) > 20 else 1.0, min_df=1)
    try:
        X = vec.fit_transform(texts)
    except ValueError:  # every text empty
        return np.eye(len(docs))
    sim = (X @ X.T).toarray()
    # Naming the same specific town is strong evidence of one event, whatever the wording.
    places = _specific_places(docs)
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if places[i] and places[j]:
                shared = len(places[i] & places[j]) / len(places[i] | places[j])
                if shared:
                    sim[i, j] = sim[j, i] = min(1.0, sim[i, j] + PLACE_WEIGHT * shared)
    days = [_day(d.published) for d in docs]
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            day_i, day_j = days[i], days[j]
            if day_i and day_j:
                gap = abs((day_i - day_j).days)
                if gap > 3:
                    factor = math.exp(-(gap - 3) / 7)
                    sim[i, j] *= factor
                    sim[j, i] *= factor
    np.fill_diagonal(sim, 1.0)
    return sim


def cluster_stories(docs: Sequence[Document], *, threshold: float = STORY_SIMILARITY) -> list[Story]:
    if not docs:
        return []
    if len(docs) == 1:
        labels = np.array([0])
        sim = np.ones((1, 1))
    else:
        from sklearn.cluster import AgglomerativeClustering

        sim = similarity_matrix(docs)
        dist = np.clip(1.0 - sim, 0.0, 1.0)
        labels = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
        ).fit_predict(dist)
    stories = []
    for label in sorted(set(labels.tolist())):
        idx = [i for i, lab in enumerate(labels) if lab == label]
        members = sorted(docs[i].id for i in idx)
        # The most central article names the story.
        centre = max(idx, key=lambda i: float(sim[i, idx].mean()))
        score = float(sim[np.ix_(idx, idx)].mean()) if len(idx) > 1 else 1.0
        stories.append(
            Story(
                id=stable_id("story", *members),
                documents=members,
                title=headline(docs[centre]),
                score=round(score, 4),
            )
        )
    stories.sort(key=lambda s: (-len(s.documents), s.id))
    return stories
