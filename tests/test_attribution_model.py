"""The learned attribution-candidate classifier (issue 5): the portable trees, the features, the decisions on
real-world sentence forms, and learning on a few real PolNeAR train articles."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import parsed_doc, shared

from newstrace.extract.attribution_model import (
    FEATURE_NAMES,
    MODEL_FILE,
    load_model,
    model_from_json,
)
from newstrace.extract.quotes import extract_quotes

LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "place"}


def make_doc(nlp, text):  # type: ignore[no-untyped-def]
    return parsed_doc(nlp, text, label_types=LABEL_TYPES, outlets=False)


def test_trees_from_json_score_like_a_hand_computed_ensemble():
    # two stumps on features 0 and 1, plus a depth-2 tree; raw = offset + rate * sum of leaves
    n = len(FEATURE_NAMES)
    data = {
        "keys": ["endorse|V:dobj"], "key_stats": {}, "lemma_stats": {}, "prior": 0.5, "smoothing": 5.0,
        "trees": [
            {"feature": [0, 0, 0], "threshold": [0.5, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1],
             "value": [0, -1.0, 1.0], "depth": 1},
            {"feature": [1, 2, 0, 0, 0], "threshold": [0.5, 3.0, 0, 0, 0], "left": [1, 3, -1, -1, -1],
             "right": [2, 4, -1, -1, -1], "value": [0, 0, 2.0, -0.5, 0.5], "depth": 2},
        ],
        "offset": 0.25, "learning_rate": 1.0, "threshold": 0.5,
    }
    m = model_from_json(data)
    x = np.zeros((3, n))
    x[1, 0] = 1.0
    x[2, 1] = 1.0
    x[0, 2] = 5.0
    raw = np.array([0.25 - 1.0 + 0.5, 0.25 + 1.0 - 0.5, 0.25 - 1.0 + 2.0])
    assert np.allclose(m.scores(x), 1 / (1 + np.exp(-raw)))
    assert m.scores(np.zeros((0, n))).shape == (0,)


def test_shipped_model_is_consistent():
    from importlib import resources

    data = json.loads(resources.files("newstrace.extract").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURE_NAMES)
    assert "train" in data["provenance"]["learned_from"] and "dev" not in data["provenance"]["learned_from"]
    assert 0.0 < data["threshold"] < 1.0 and data["threshold"] == data["selection"]["threshold"]
    m = load_model()
    assert m is not None and len(m.keys) > 500
    cv = data["selection"]["cv_content"]
    assert cv["f1"] > data["selection"]["cv_keep_every_candidate"]["f1"]


def test_model_off_keeps_the_hand_rules_only(nlp):
    # "by calling for": a participle with no subject of its own takes the clause's subject only in the wide
    # candidate generation of the classifier
    text = "Senator Ted Cruz drew fire on Tuesday by calling for a complete ban on refugees from Syria."
    sdoc, doc = make_doc(nlp, text)
    rec: list = []
    off = extract_quotes(sdoc, doc, model=False)
    every = extract_quotes(sdoc, doc, model=False, candidates=rec, lexicon=load_model().keys)
    assert not any(q.cue == "calling" for q in off)
    assert any(q.cue == "calling" and q.speaker and "Cruz" in q.speaker for q in every)
    judged = [r for r in rec if r[1] is not None]
    assert judged and all(len(x) == len(FEATURE_NAMES) for _, x, _, _ in judged)
    cand = next(q for q, x, _, _ in judged if q.cue == "calling")
    assert "ancestor_subject" in cand.notes


@pytest.mark.parametrize(
    "text, cue, content",
    [
        # a clause's subject for a participle after "by" / "without" (PolNeAR annotates these attributions)
        ("Senator Ted Cruz drew fire on Tuesday by calling for a complete ban on refugees from Syria.",
         "calling", "a complete ban on refugees from Syria"),
        ("The governor also took a shot at Hillary Clinton on Monday, without specifically naming her rival.",
         "naming", "her rival"),
        # reported speech of the hand rules stays
        ("The ministry said on Friday that 12 tanks had been destroyed near Kharkiv.",
         "said", "12 tanks had been destroyed near Kharkiv"),
    ],
)
def test_classifier_keeps_attributions(nlp, text, cue, content):
    sdoc, doc = make_doc(nlp, text)
    qs = extract_quotes(sdoc, doc)
    assert any(q.cue == cue and q.text == content for q in qs), [(q.cue, q.text) for q in qs]


@pytest.mark.parametrize(
    "text, cue",
    [
        # verbs that head an object but attribute nothing: candidates of the wide lexicon, dropped by the model
        ("Still, it is interesting to reflect on the turn of events that brought the party to this point.", "reflect"),
        ("Like them or not, those four candidates demonstrated that it helps to have some training before "
         "seeking the presidency.", "seeking"),
        # keys seldom an attribution in train, vetoed whatever the trees say (rare_cue)
        ("The senator received 69 percent of the vote in the county.", "received"),
        ("The mayor took a hard line against the new budget on Tuesday.", "took"),
    ],
)
def test_classifier_drops_non_attributions(nlp, text, cue):
    sdoc, doc = make_doc(nlp, text)
    rec: list = []
    extract_quotes(sdoc, doc, model=False, candidates=rec, lexicon=load_model().keys)
    assert any(q.cue == cue for q, *_ in rec)  # a candidate ...
    assert not any(q.cue == cue for q in extract_quotes(sdoc, doc))  # ... that the model leaves out


def test_rare_cue_vetoes_keys_seldom_an_attribution_in_train():
    from newstrace.extract.attribution_model import RARE_KEY_RATE, RARE_KEY_SUPPORT

    m = load_model()
    rare = [k for k, (n, _) in m.key_stats.items()
            if n >= RARE_KEY_SUPPORT and m.encode(k, k.split("|")[0])[0] < RARE_KEY_RATE]
    assert "receive|V:dobj" in rare
    assert "say|V:ccomp" not in rare and "tell|V:dobj" not in rare


def test_learn_candidates_on_a_few_train_articles():
    from newstrace.bench.attribution import learn_candidates, parsed_split

    docs = parsed_split("train", 8, folder=shared("polnear"))
    data = learn_candidates(docs, folds=2)
    sel = data["selection"]
    assert data["provenance"]["articles"] == 8 and data["features"] == list(FEATURE_NAMES)
    assert sel["threshold"] in [float(t) for t in sel["cv_grid"]]
    top = max(v["f1"] for v in sel["cv_grid"].values())
    assert sel["cv_content"]["f1"] >= top - 0.001 - 1e-4  # the highest threshold among the ties of the best
    assert all(v["f1"] < top - 0.001 + 1e-4 for t, v in sel["cv_grid"].items() if float(t) > sel["threshold"])
    check = data["_check"]
    m = model_from_json(data)
    assert np.allclose(m.scores(np.array(check["x"])), np.array(check["p"]))


def test_write_model_checks_the_export(tmp_path):
    from newstrace.bench.attribution import learn_candidates, parsed_split, write_model

    docs = parsed_split("train", 4, folder=shared("polnear"))
    data = learn_candidates(docs, folds=2)
    write_model(data, tmp_path / "m.json")
    back = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert "_check" not in back and back["features"] == list(FEATURE_NAMES)


@pytest.mark.parametrize(
    "text, cue",
    [
        # (forms from the war corpus) a wide-lexicon verb inside a clause a speech verb reports: the attribution is
        # the speech verb's, not a second one with the clause's subject as its speaker
        ("Premier Li Keqiang said Beijing would pursue peace \u201cin its own way\u201d.", "pursue"),
        # an if/whether clause asserts nothing
        ("In February, a research agency asked Poles if they wanted the border with Belarus and Russia to be mined.",
         "wanted"),
    ],
)
def test_no_wide_candidate_inside_reported_or_if_clauses(nlp, text, cue):
    sdoc, doc = make_doc(nlp, text)
    rec: list = []
    extract_quotes(sdoc, doc, model=False, candidates=rec, lexicon=load_model().keys)
    assert not any(q.cue == cue for q, *_ in rec)
    assert not any(q.cue == cue for q in extract_quotes(sdoc, doc))
