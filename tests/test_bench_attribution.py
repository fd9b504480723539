"""The PolNeAR attribution benchmark: the scorer on hand-made spans, and a tiny real run."""

from __future__ import annotations

from pathlib import Path

from conftest import shared

from newstrace.bench.attribution import (
    format_attribution_markdown,
    load_article,
    match_spans,
    overlaps,
    parse_ann,
    quotations,
    run_attribution_benchmark,
    score_document,
    span_key,
)
from newstrace.record import Quote

TEXT = 'Smith said the war was "over now," and he added that talks would resume.'

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 34\tthe war was \"over now,\"\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 39 41\the\n"
    "T6\tCue 42 47\tadded\n"
    "T7\tContent 48 52;53 71\tthat talks would resume\n"
    "T8\tAttribution 42 47\tadded\n"
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
    "T9\tDiscuss 0 5\tSmith\n"
)


def test_parse_ann_roles_and_discontinuous_spans():
    gold = parse_ann(ANN)
    assert len(gold) == 2
    assert gold[0].source == [(0, 5)] and gold[0].cue == [(6, 10)] and gold[0].content == [(11, 34)]
    assert gold[1].content == [(48, 52), (53, 71)]


def test_span_key_strips_marks_and_final_punctuation():
    assert TEXT[slice(*span_key(TEXT, [(23, 34)]))] == "over now"
    assert span_key(TEXT, [(48, 52), (53, 71)]) == (53, 71)  # "that" stripped


def test_overlap_needs_a_shared_word_character():
    assert overlaps(TEXT, [(0, 5)], [(3, 10)]) == 2
    assert overlaps(TEXT, [(0, 5)], [(5, 6)]) == 0  # only a space shared
    assert overlaps(TEXT, [(48, 52), (53, 71)], [(59, 64)]) == 5


def test_match_spans_is_one_to_one():
    gold = [[(0, 10)], [(20, 30)]]
    pred = [[(2, 8)], [(4, 6)], [(20, 30)]]
    assert match_spans(TEXT, gold, pred, exact=False) == 2
    assert match_spans(TEXT, gold, pred, exact=True) == 1


def _q(start, end, kind="indirect", speaker=None, cue=None):
    return Quote(start=start, end=end, text=TEXT[start:end], kind=kind,
                 speaker=TEXT[speaker[0]:speaker[1]] if speaker else None,
                 speaker_start=speaker[0] if speaker else None, speaker_end=speaker[1] if speaker else None,
                 cue=TEXT[cue[0]:cue[1]] if cue else None,
                 cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None)


def test_score_document_written_and_resolved_sources():
    gold = parse_ann(ANN)
    quotes = [
        _q(24, 32, "direct", speaker=(0, 5), cue=(6, 10)),  # "over now": partial quote of Smith
        # "he" resolved to Smith: the stored speaker is the antecedent, the written one the pronoun
        _q(53, 71, "indirect", speaker=(0, 5), cue=(42, 47)),
    ]
    written = [(0, 5), (39, 41)]
    c = score_document(TEXT, gold, quotes, written)
    assert c["content"] == {"gold": 2, "pred": 2, "exact": 1, "overlap": 2}  # "over now" is not the whole clause
    assert c["cue"] == {"gold": 2, "pred": 2, "exact": 2, "overlap": 2}
    assert c["source_written"] == {"gold": 2, "pred": 2, "exact": 2, "overlap": 2}
    assert c["source_resolved"] == {"gold": 2, "pred": 1, "exact": 1, "overlap": 1}
    assert c["linking_written"] == {"matched": 2, "correct": 2}
    assert c["linking_resolved"] == {"matched": 2, "correct": 1}
    assert c["direct_written"] == {"judged": 1, "correct": 1, "no_gold": 0}


def test_score_document_misses_and_unjudged_quotes():
    gold = parse_ann(ANN)
    quotes = [_q(24, 32, "direct", speaker=(48, 53)), _q(0, 5, "direct", speaker=(6, 10))]
    c = score_document(TEXT, gold, quotes)
    # the first quote's speaker is wrong; the second overlaps no gold content, so it is not judged
    assert c["direct_written"] == {"judged": 1, "correct": 0, "no_gold": 1}
    assert c["linking_written"] == {"matched": 1, "correct": 0}


def test_load_article_segments(tmp_path: Path):
    (tmp_path / "train" / "text").mkdir(parents=True)
    (tmp_path / "train" / "attributions").mkdir()
    (tmp_path / "train" / "text" / "a.txt").write_text("Headline\n\n" + TEXT + "\n", encoding="utf-8")
    (tmp_path / "train" / "attributions" / "a_zz.ann").write_text("", encoding="utf-8")
    (tmp_path / "train" / "attributions" / "a_aa.ann").write_text(ANN, encoding="utf-8")
    doc, gold = load_article(tmp_path / "train" / "text" / "a.txt")
    assert [s.kind for s in doc.segments] == ["title", "body"]
    assert len(gold) == 2  # the first annotator in name order


def test_tiny_real_run_on_train():
    folder = shared("polnear")
    r = run_attribution_benchmark("train", 5, folder=folder)
    s = r["scores"]
    assert r["articles"] == 5 and r["gold_attributions"] > 100
    # floors measured on these 5 articles (2026-11-25): content overlap F1 0.48, direct-quote speaker
    # precision 0.92 (22/24), linking 0.53 as written
    assert s["content"]["overlap"]["f1"] >= 0.40
    assert s["content"]["overlap"]["p"] >= 0.60
    assert s["direct_written"]["precision"] >= 0.80
    assert s["linking_written"]["accuracy"] >= 0.45
    assert s["linking_written"]["accuracy"] >= s["linking_resolved"]["accuracy"]
    md = format_attribution_markdown(r)
    assert "content F1, overlap" in md and "train (5 articles)" in md


def test_span_key_ignores_the_complementizer():
    text = "He said that talks would resume."
    assert span_key(text, [(8, 31)]) == span_key(text, [(13, 31)]) == (13, 31)


# What error analysis on PolNeAR train changed in extract_quotes (real spaCy model, via the nlp stage).


def _quotes(text: str):
    from newstrace.extract.entities import extract_mentions
    from newstrace.extract.nlp import parse
    from newstrace.extract.quotes import extract_quotes
    from newstrace.record import Document, Segment

    doc = Document(id="t", sha256="", path="t", text=text)
    doc.segments = [Segment(0, len(text), "body")]
    sdoc = next(parse([text]))
    doc.mentions, doc.entities = extract_mentions(sdoc, doc)
    written: list = []
    qs = extract_quotes(sdoc, doc, written=written)
    return qs, [text[w[0]:w[1]] if w else None for w in written]


def test_split_quote_continues_the_speaker():
    qs, _ = _quotes("“Judge,” Brafman said, “I have never had that happen in any case in thirty-seven years.”")
    assert [q.speaker for q in qs] == ["Brafman", "Brafman"]
    assert [q.continues for q in qs] == [None, 0]  # one quotation in two pieces


def test_pieces_of_a_quotation_across_sentences_are_linked():
    text = ("“It is going to be interesting to see what he decides,” Clinton said on Tuesday. “But he has been "
            "offensive to many of us.” Separately, “we will see,” a spokesman for the Senate leader told reporters.")
    qs, _ = _quotes(text)
    assert [(q.text[:12], q.speaker, q.continues) for q in qs] == [
        ("It is going ", "Clinton", None),
        ("But he has b", "Clinton", 0),
        ("we will see", "a spokesman for the Senate leader", None),  # another speaker: a quotation of its own
    ]
    assert quotations(qs) == [[0, 1], [2]]


def test_a_split_quotation_scores_as_one_attribution():
    # PolNeAR joins the pieces of a split quote into one discontinuous content
    text = "“We will win,” he said. “They will lose.”"
    ann = (
        "T1\tSource 15 17\the\nT2\tCue 18 22\tsaid\nT3\tContent 0 14;24 41\tx\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )
    gold = parse_ann(ann)
    first = _q(1, 12, "direct", speaker=(15, 17), cue=(18, 22))
    second = _q(25, 39, "direct", speaker=(15, 17))
    apart = score_document(text, gold, [first, second])
    assert apart["content"] == {"gold": 1, "pred": 2, "exact": 0, "overlap": 1}  # the second piece is a false one
    second.continues = 0
    joined = score_document(text, gold, [first, second])
    assert joined["content"] == {"gold": 1, "pred": 1, "exact": 1, "overlap": 1}
    assert joined["linking_written"] == {"matched": 1, "correct": 1}
    assert joined["direct_written"] == {"judged": 1, "correct": 1, "no_gold": 0}


def test_partial_quote_takes_the_governing_verbs_subject():
    qs, _ = _quotes("Mr. Cruz pledged to oppose legal status for undocumented immigrants “today, tomorrow, forever.”")
    assert qs[0].speaker == "Mr. Cruz" and qs[0].cue == "pledged"


def test_headline_name_before_a_quote():
    qs, _ = _quotes("Trump: ‘I’m the Worst Thing That Ever Happened to the Establishment.’")
    assert qs[0].speaker == "Trump" and qs[0].cue == ":"


def test_inverted_description_speaks_and_markup_is_no_quote():
    qs, _ = _quotes("“Donald is an amazing leader,” said the 46-year-old. "
                    "<tweet timestamp=\"1448038800\">We must win</tweet>.")
    assert [q.text for q in qs] == ["Donald is an amazing leader"]
    assert qs[0].speaker == "the 46-year-old"


def test_written_speaker_keeps_the_pronoun():
    qs, written = _quotes("Senator Maria Lopez spoke on Monday. She said the bill would pass next week.")
    q = next(q for q in qs if "bill" in q.text)
    assert written[qs.index(q)] == "She"
    assert q.speaker in ("Senator Maria Lopez", "Maria Lopez", "She")


# The cue lexicon learned from train (issue 5).


def test_cue_candidates_label_tokens_inside_gold_cues():
    from newstrace.bench.attribution import GoldAttribution, _select, _tally, cue_candidates
    from newstrace.extract.nlp import parse

    text = "Smith endorsed Jones on Monday. Brown visited Jones on Tuesday. Smith said Jones would win."
    sdoc = next(parse([text]))
    s = text.index("endorsed")
    gold = [GoldAttribution(source=[(0, 5)], cue=[(s, s + 8)], content=[(s + 9, s + 14)])]
    cands = dict(cue_candidates(sdoc, gold))
    assert cands["endorse|V:dobj"] is True and cands["visit|V:dobj"] is False
    assert "say|V:ccomp" not in cands  # a speech verb with a clause belongs to the hand rules
    stats = _tally([list(cands.items())] * 3)
    assert stats["endorse|V:dobj"] == [3, 3] and stats["visit|V:dobj"] == [3, 0]
    assert _select(stats, 3, 0.5) == frozenset({"endorse|V:dobj"})
    assert _select(stats, 4, 0.5) == frozenset()


def test_learn_cues_on_a_few_train_articles():
    from newstrace.bench.attribution import learn_cues, parsed_split

    docs = parsed_split("train", 6, folder=shared("polnear"))
    data = learn_cues(docs, folds=2)
    sel = data["selection"]
    assert data["provenance"]["articles"] == 6 and "train" in data["provenance"]["learned_from"]
    assert sel["cv_content_p"] >= sel["cv_no_lexicon"]["p"] - sel["max_precision_drop"] - 1e-9
    for v in data["cues"].values():
        assert v["support"] >= sel["min_support"] and v["cues"] / v["support"] >= sel["min_precision"] - 1e-9


def test_the_learners_scoring_joins_the_pieces_of_a_quotation():
    from newstrace.bench.attribution import _Cand, _kept_content

    cands = [
        _Cand(1, 12, False, None, False),  # a quotation's first piece (kept: it has a speaker)
        _Cand(25, 39, False, None, False, group=0),  # its second piece
        _Cand(50, 70, False, 45, True),  # a judged reported-speech candidate
    ]
    assert _kept_content(cands, [0.0, 0.0, 0.9], 0.5) == [[(1, 12), (25, 39)], [(50, 70)]]
    assert _kept_content(cands, [0.0, 0.0, 0.1], 0.5) == [[(1, 12), (25, 39)]]


def test_candidates_carry_the_quotation_of_a_later_piece():
    from newstrace.bench.attribution import collect_candidates
    from newstrace.extract.entities import extract_mentions
    from newstrace.extract.nlp import parse
    from newstrace.extract.quotes import LEARNED_CUES
    from newstrace.record import Document, Segment

    text = "“We will hold the bridge,” the commander said on Sunday. “Nobody is leaving.”"
    doc = Document(id="t", sha256="", path="t", text=text)
    doc.segments = [Segment(0, len(text), "body")]
    sdoc = next(parse([text]))
    doc.mentions, doc.entities = extract_mentions(sdoc, doc)
    (cands,) = collect_candidates([(doc, [], sdoc)], LEARNED_CUES)
    by_text = {text[c.start:c.end]: c for c in cands}
    first = cands.index(by_text["We will hold the bridge"])
    assert by_text["Nobody is leaving."].group == first and by_text["We will hold the bridge"].group == -1
