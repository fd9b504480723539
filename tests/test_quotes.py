"""Quotes, reported speech, speakers and cited outlets on realistic sentences (real spaCy model)."""

from __future__ import annotations

import pytest
from conftest import parsed_doc, shared_article

from newstrace.extract.quotes import OUTLETS, extract_quotes, outlet_cites, outlet_name
from newstrace.record import Segment


def make_doc(nlp, text, *, outlet=None, segments=None):
    """A Document with one body segment (unless given) and mentions from spaCy's entities."""
    return parsed_doc(nlp, text, outlet=outlet, segments=segments)


def quotes_of(nlp, text, **kw):
    sdoc, doc = make_doc(nlp, text, **kw)
    qs = extract_quotes(sdoc, doc)
    for q in qs:  # every span points at the words it names
        assert doc.text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert doc.text[q.speaker_start:q.speaker_end] == q.speaker
        if q.cue_start is not None:
            assert doc.text[q.cue_start:q.cue_end].lower() == q.cue  # cues are lower-cased
    return doc, qs


def one(qs, contains):
    found = [q for q in qs if contains in q.text]
    assert found, f"no quote containing {contains!r} in {[q.text for q in qs]}"
    return found[0]


# --- outlets -------------------------------------------------------------------------------


def test_outlet_list_is_broad():
    assert len(OUTLETS) >= 150
    for name in ("BBC", "Reuters", "Associated Press", "AFP", "Kyiv Independent", "Ukrainska Pravda", "TASS",
                 "RIA Novosti", "Meduza", "BelTA", "Nexta", "TVN24", "Onet", "PAP", "BTA", "Rybar"):
        assert name in OUTLETS


@pytest.mark.parametrize(
    "span,expected",
    [
        ("the BBC's", "BBC"),
        ("REUTERS", "Reuters"),
        ("The Guardian", "The Guardian"),
        ("the Kyiv Independent", "Kyiv Independent"),
        ("AP", "Associated Press"),
        ("Interfax-Ukraine", "Interfax-Ukraine"),
        ("Ukrainian Pravda", "Ukrainska Pravda"),
        ("tvn24", "TVN24"),
        ("The Sun", "The Sun"),
        ("sun", None),
        ("Independent", None),
        ("Ministry of Defence", None),
        ("", None),
    ],
)
def test_outlet_name(span, expected):
    assert outlet_name(span) == expected


def test_outlet_cites_kinds():
    text = ("A soldier told the BBC that ... according to the Kyiv Independent ... Reuters reported ... "
            "writes The Guardian ... (via Interfax) ... Russia banned the BBC.")
    cites = outlet_cites(text, 0, len(text))
    assert [(c.outlet, c.kind) for c in cites] == [
        ("BBC", "quoted_to"), ("Kyiv Independent", "according_to"), ("Reuters", "reported_by"),
        ("The Guardian", "reported_by"), ("Interfax", "reported_by"),
    ]  # "Russia banned the BBC" cites nothing


# --- direct quotes -------------------------------------------------------------------------


def test_curly_quote_with_said_after(nlp):
    doc, qs = quotes_of(nlp, "“We will not surrender,” said John Smith, the mayor of Kharkiv.")
    q = one(qs, "We will not surrender")
    assert q.kind == "direct" and q.text == "We will not surrender"
    assert q.speaker == "John Smith"
    assert q.speaker_entity is not None and doc.entities[q.speaker_entity].type == "person"
    assert q.cue == "said"


def test_told_the_bbc(nlp):
    _, qs = quotes_of(nlp, 'Zelensky told the BBC: "We need more air defence, and we need it now."')
    q = one(qs, "We need more air defence")
    assert q.speaker == "Zelensky"
    assert q.cited_outlet == "BBC"
    assert q.cue == "told"


def test_multi_paragraph_quote(nlp):
    text = ("The mayor said: “The city is calm tonight.\n"
            "“Residents should stay in shelters until the all-clear,” he added.")
    _, qs = quotes_of(nlp, text)
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].text.startswith("The city is calm") and direct[0].text.endswith("all-clear")
    assert direct[0].speaker == "The mayor"


def test_angle_and_single_quotes_not_apostrophes(nlp):
    _, qs = quotes_of(nlp, "Peskov called the report «an absolute lie». "
                           "The soldiers' families say the 'special military operation' is failing and it's Moscow's fault.")
    texts = [q.text for q in qs]
    assert "an absolute lie" in texts
    assert "special military operation" in texts
    assert not any("families" in t or "s fault" in t for t in texts)
    assert one(qs, "absolute lie").speaker == "Peskov"


def test_partial_and_scare_quotes_kept(nlp):
    _, qs = quotes_of(nlp, 'Putin said the operation was "going to plan". Moscow calls it a "special operation".')
    partial = next(q for q in qs if q.kind == "direct" and "going to plan" in q.text)
    assert partial.speaker == "Putin"
    # the verbatim words are a piece of the clause Putin is reported to have said
    assert partial.continues is not None and qs[partial.continues].text == 'the operation was "going to plan"'
    scare = one(qs, "special operation")
    assert scare.kind == "direct"


def test_scare_quote_has_no_invented_speaker(nlp):
    _, qs = quotes_of(nlp, 'Tanks rolled through the "liberated" village on Sunday.')
    assert all(q.speaker is None for q in qs)
    assert qs == []  # a short scare quote with no verb that could attribute it is left out (issue 5)


def test_quoted_headline(nlp):
    _, qs = quotes_of(nlp, "'We will not give up Bakhmut': Zelensky vows to hold the city")
    q = one(qs, "We will not give up Bakhmut")
    assert q.speaker == "Zelensky"


def test_pronoun_speaker_he_added(nlp):
    text = ('Foreign Minister Dmytro Kuleba spoke in Brussels on Monday. "We are ready to talk," he said. '
            '"But we will not give up our land," he added.')
    doc, qs = quotes_of(nlp, text)
    q = one(qs, "give up our land")
    assert q.cue == "added"
    assert "Kuleba" in q.speaker  # "he" resolved to the preceding named speaker
    assert q.speaker_entity is not None


def test_pronoun_gender(nlp):
    text = ('Liz Truss met Sergei Lavrov in Moscow. "We will not accept this," she said. '
            '"It is a conversation with the deaf," he added.')
    _, qs = quotes_of(nlp, text)
    assert one(qs, "not accept").speaker == "Liz Truss"
    assert one(qs, "conversation with the deaf").speaker == "Sergei Lavrov"


def test_unresolvable_pronoun_keeps_the_words(nlp):
    _, qs = quotes_of(nlp, '"We have no water," she said.')
    assert one(qs, "no water").speaker == "she"


def test_paragraph_quote_continues_previous_speaker(nlp):
    text = ('"We have to manage the rising tensions together," the French president said.\n\n'
            '"I would like to say how much Germany and France are united in this issue."')
    _, qs = quotes_of(nlp, text)
    assert one(qs, "Germany and France").speaker == "the French president"


def test_quotes_in_boilerplate_are_skipped(nlp):
    text = 'Newsletter: "Get the news first," sign up today.\n"We are holding the line," said Oleksandr Syrskyi.'
    cut = text.index("\n") + 1
    _, qs = quotes_of(nlp, text, segments=[Segment(0, cut, "boilerplate"), Segment(cut, len(text), "body")])
    assert [q.text for q in qs if q.kind == "direct"] == ["We are holding the line"]


# --- dash quotes (machine-translated Polish / Slavic text) ----------------------------------


def test_dash_quote_with_speech_tail(nlp):
    text = "- We expect that there will be no invasion in the coming weeks - said the Ukrainian ambassador to Poland."
    _, qs = quotes_of(nlp, text)
    q = one(qs, "We expect")
    assert q.kind == "direct"
    assert q.text == "We expect that there will be no invasion in the coming weeks"
    assert q.speaker == "the Ukrainian ambassador to Poland"
    assert q.cue == "said"


def test_glued_dash_quote_resolves_description(nlp):
    text = ("The Ukrainian ambassador to Poland Andrij Deszczyca spoke about the threat.- We expect that during "
            "these conversations there will be no invasion - said the ambassador.")
    _, qs = quotes_of(nlp, text)
    q = one(qs, "We expect")
    assert q.text.startswith("We expect that during these conversations")
    assert "Deszczyca" in q.speaker


def test_dash_quote_pronoun_tail_and_outlet(nlp):
    text = ("Similar declarations were made by the head of Russian diplomacy Sergei Lavrov.\n\n"
            "- If it depends on Russia, there will be no war.We do not want wars - he said.\n\n"
            "- The facts speak for themselves - the British minister emphasized on Sky News.")
    _, qs = quotes_of(nlp, text)
    q = one(qs, "If it depends on Russia")
    assert q.text.endswith("We do not want wars")
    assert "Lavrov" in q.speaker
    q2 = one(qs, "The facts speak")
    assert q2.speaker == "the British minister"
    assert q2.cited_outlet == "Sky News"


def test_dash_must_not_find(nlp):
    text = ("The 64-year-old - a former tank driver - lives in Kyiv.\n"
            "- 5 tanks destroyed\n- 3 drones downed\n"
            "KYIV, Feb 24 (Reuters) - Russian forces attacked the city.")
    _, qs = quotes_of(nlp, text)
    assert [q for q in qs if q.kind == "direct"] == []


def test_dash_quotes_in_machine_translated_polish_article(nlp):
    text = shared_article("20220126T083000Z_PL_en_5be7729074.txt")
    _, qs = quotes_of(nlp, text)
    expect = one(qs, "We expect that during these conversations")
    assert expect.kind == "direct" and expect.cue == "said"
    assert "Deszczyca" in expect.speaker  # "said the Ukrainian ambassador to Poland", named earlier
    panic = one(qs, "It is not that we do nothing")
    assert panic.cue == "added" and "Deszczyca" in panic.speaker
    assert panic.text.endswith("as it was in April last year")
    # no dash-quote content swallows its " - he added" tail
    assert not any(q.text.rstrip().endswith(("- he added", "- he said")) for q in qs)


def test_words_closed_by_a_dash_and_an_inverted_attribution(nlp):
    # machine-translated Polish news: no dash opens the quote, "- said X" closes it
    text = ("Biden spoke to the press on Tuesday.\n\n"
            "I do not provoke, I tell the truth.If Russia attacks in the coming days, the cost will be huge - argued "
            "the US president.\n\n"
            "It is also a threat to the international order - said the head of the European Council Charles Michel "
            "yesterday.")
    _, qs = quotes_of(nlp, text)
    q = one(qs, "I tell the truth")
    assert q.kind == "direct" and q.cue == "argued"
    # the paragraph is the quote; 'I tell the truth' is its own words, not an attribution that ends it
    assert q.text == "I do not provoke, I tell the truth.If Russia attacks in the coming days, the cost will be huge"
    m = one(qs, "threat to the international order")
    assert m.speaker == "the head of the European Council Charles Michel"  # 'yesterday' is when, not who



def test_a_speech_verb_inside_the_dash_closed_words_is_part_of_them(nlp):
    # the words before "- assessed X" hold a verb of their own ("his services did not predict that ..."); it is what
    # the speaker said, not an attribution that ends the words, and "He added" then goes on with the same speaker
    text = ("The Chinese leader is worried about the war, partly because his services did not predict that the "
            "invasion would happen - assessed CIA director William Burns.He added that Moscow had counted on help.")
    _, qs = quotes_of(nlp, text)
    q = one(qs, "The Chinese leader is worried")
    assert q.kind == "direct" and q.cue == "assessed" and q.speaker == "CIA director William Burns", (q.text, q.speaker)
    assert not any(x.speaker == "his services" for x in qs)
    assert one(qs, "Moscow had counted on help").speaker == "CIA director William Burns"


def test_records_and_images_as_the_closing_source_of_a_sentence(nlp):
    # the small parser tags "data shows" as two nouns; the record is still the source of the clause before it
    text = ("Nearly all of the wheat the region needs comes from the two countries, UN data shows.\n\n"
            "During the same month, customs records show, the plant shipped 40 tonnes of parts.\n\n"
            "Flight logs from the airbase show that two transport planes landed on Sunday.")
    _, qs = quotes_of(nlp, text)
    un = one(qs, "wheat the region needs")
    assert (un.speaker, un.cue, un.cue_type) == ("UN data", "shows", "document")
    assert un.text == "Nearly all of the wheat the region needs comes from the two countries"
    customs = one(qs, "the plant shipped 40 tonnes")  # the side with the verb
    assert customs.speaker == "customs records" and customs.text == "the plant shipped 40 tonnes of parts"
    logs = one(qs, "two transport planes landed")
    assert logs.speaker == "Flight logs from the airbase" and logs.cue == "show"
    # a record doing something else is no source
    _, qs = quotes_of(nlp, "Officials said the records show no sign of tampering.")
    assert [q.speaker for q in qs] == ["Officials"], [(q.speaker, q.text) for q in qs]


def test_dash_quote_runs_over_the_lines_the_repair_broke_out(nlp):
    # the cleaning stage puts a line break into glued sentences ("the truth.If Russia"), which split a dash quote
    text = ("The president spoke on Tuesday.\n\n"
            "- I do not provoke, I tell the truth.\nIf Russia attacks in the coming days, the cost will be huge.\n"
            "The world will not forget it - argued the US president\n\n"
            "- Metro AG is one of them.\nSuch content should be in every language - says Mykola Kniazhytsky.")
    _, qs = quotes_of(nlp, text)
    q = one(qs, "I do not provoke")
    assert q.text.endswith("The world will not forget it") and q.cue == "argued", q.text
    k = one(qs, "Metro AG")
    assert k.text.endswith("in every language") and k.speaker == "Mykola Kniazhytsky"
    # not over a blank line, nor from a hyphen inside a word
    text = "- We will win.\n\nThe town was taken - said the governor.\n\nThe U.S.-Mexico border.\nIt is long - he added."
    _, qs = quotes_of(nlp, text)
    assert not any("We will win" in q.text and q.speaker for q in qs), [(q.text, q.speaker) for q in qs]
    assert not any("Mexico border" in q.text and q.speaker for q in qs), [(q.text, q.speaker) for q in qs]


def test_a_dash_closing_an_aside_is_no_quote_tail(nlp):
    text = ("Many speakers at the service - Muslims, Christians and Jews - said the loss is painful.\n\n"
            "The vote comes next week in the contests - states like Texas and Ohio.\n\n"
            "For that she drew the minister's ire - he called her weak and said she had no support.")
    _, qs = quotes_of(nlp, text)
    assert not [q for q in qs if q.kind == "direct"], [(q.text, q.speaker) for q in qs]


# --- reported speech ----------------------------------------------------------------------


def test_according_to_outlet(nlp):
    _, qs = quotes_of(nlp, "According to the Kyiv Independent, Russian forces shelled Kharkiv overnight.")
    q = one(qs, "Russian forces shelled Kharkiv")
    assert q.kind == "indirect" and q.cue == "according to"
    assert q.text == "Russian forces shelled Kharkiv overnight"
    assert q.cited_outlet == "Kyiv Independent"


def test_anonymous_soldier_told_reuters(nlp):
    _, qs = quotes_of(nlp, "A soldier who asked not to be named told Reuters that his unit had lost 30 men near Bakhmut.")
    q = one(qs, "his unit had lost 30 men")
    assert q.kind == "indirect"
    assert q.speaker == "A soldier who asked not to be named"
    assert q.speaker_entity is None
    assert q.cited_outlet == "Reuters"


def test_denial_reported_speech(nlp):
    _, qs = quotes_of(nlp, "Russia's defence ministry denied targeting civilians.")
    q = one(qs, "targeting civilians")
    assert q.kind == "indirect" and q.cue == "denied"
    assert q.speaker == "Russia's defence ministry"


def test_said_in_a_statement_and_inverted_clause(nlp):
    _, qs = quotes_of(nlp, "The situation on the front is stable, the General Staff said in a statement. "
                           "The troops will withdraw by Friday, the minister said.")
    q = one(qs, "situation on the front is stable")
    assert q.kind == "indirect" and q.cue == "said in a statement"
    assert q.speaker == "the General Staff"
    assert one(qs, "troops will withdraw").speaker == "the minister"


def test_reported_by_outlet_and_via(nlp):
    _, qs = quotes_of(nlp, "Kuleba said the talks had failed, Reuters reported. "
                           "The ministry said its forces had destroyed 12 tanks (via Interfax).")
    inner = [q for q in qs if q.text == "the talks had failed"]
    assert inner and inner[0].speaker == "Kuleba" and inner[0].cited_outlet == "Reuters"
    tanks = one(qs, "destroyed 12 tanks")
    assert tanks.text == "its forces had destroyed 12 tanks" and tanks.cited_outlet == "Interfax"


def test_description_speakers_kept_as_words(nlp):
    _, qs = quotes_of(nlp, "A local resident, who gave only her first name, said three houses were destroyed. "
                           "A man who said he drove a tank told the BBC that his unit had deserted.")
    assert one(qs, "three houses").speaker == "A local resident"
    tank = one(qs, "his unit had deserted")
    assert tank.speaker == "A man who said he drove a tank" and tank.cited_outlet == "BBC"


def test_no_reported_speech_in_questions_or_from_first_person_inside_quotes(nlp):
    _, qs = quotes_of(nlp, "Shouldn't the EU say today that Ukraine belongs in the union? "
                           '"I think that Russia will not attack," the analyst said.')
    assert not any(q.kind == "indirect" for q in qs)
    assert one(qs, "Russia will not attack").speaker == "the analyst"


# --- attributions beyond speech: beliefs, polls and documents, learned cues (issue 5) ---------------


def quotes_with(nlp, text, lexicon=None):
    sdoc, doc = make_doc(nlp, text)
    written: list = []
    qs = extract_quotes(sdoc, doc, written=written, lexicon=lexicon)
    return doc, qs, written


def test_belief_is_an_attribution_typed_belief(nlp):
    _, qs, _ = quotes_with(nlp, "Most Republicans believe that the economy is getting worse.")
    q = one(qs, "the economy is getting worse")
    assert q.kind == "indirect" and q.speaker == "Most Republicans" and q.cue == "believe"
    assert q.cue_type == "belief"


def test_poll_and_records_are_document_sources(nlp):
    _, qs, _ = quotes_with(nlp, "A new Quinnipiac poll shows that Clinton leads Trump by six points. "
                                "Federal Election Commission records show the campaign has less than "
                                "$1.3 million on hand.")
    poll = one(qs, "Clinton leads Trump by six points")
    assert poll.speaker == "A new Quinnipiac poll" and poll.cue_type == "document"
    records = one(qs, "less than $1.3 million")
    assert records.speaker == "Federal Election Commission records" and records.cue_type == "document"


def test_direct_and_said_quotes_are_speech(nlp):
    _, qs, _ = quotes_with(nlp, '"We will not retreat," the commander said. Kuleba said the talks had failed.')
    assert {q.cue_type for q in qs} == {"speech"}


def test_quantified_sources_speak(nlp):
    _, qs, _ = quotes_with(nlp, "Six in 10 say he is at least somewhat decisive.")
    assert one(qs, "somewhat decisive").speaker == "Six in 10"


def test_learned_cue_frames_come_from_the_lexicon(nlp):
    text = "Senator Elizabeth Warren endorsed Hillary Clinton on Thursday."
    _, none, _ = quotes_with(nlp, text, lexicon=frozenset())
    assert none == []
    _, qs, _ = quotes_with(nlp, text, lexicon=frozenset({"endorse|V:dobj"}))
    q = one(qs, "Hillary Clinton")
    assert q.speaker == "Senator Elizabeth Warren" and q.cue == "endorsed" and q.cue_type == "other"


def test_wants_and_hopes_are_beliefs(nlp):
    _, qs, _ = quotes_with(nlp, "Clinton hopes to win the Nevada caucuses next week.",
                           lexicon=frozenset({"hop|V:xcomp", "hope|V:xcomp"}))
    q = one(qs, "win the Nevada caucuses")
    assert q.speaker == "Clinton" and q.cue_type == "belief"


def test_nominal_cue_with_possessor(nlp):
    _, qs, _ = quotes_with(nlp, "Trump's claim that thousands of people cheered in New Jersey was false.",
                           lexicon=frozenset({"claim|N:that"}))
    q = one(qs, "thousands of people cheered")
    assert q.speaker == "Trump" and q.cue == "claim" and q.text == "thousands of people cheered in New Jersey"


def test_relative_clause_source_is_written_who_resolved_to_the_noun(nlp):
    doc, qs, written = quotes_with(nlp, "The senator greeted Charles Barkley, who said he typically votes "
                                        "Democratic.")
    i = next(k for k, q in enumerate(qs) if "typically votes" in q.text)
    assert qs[i].speaker == "Charles Barkley" and qs[i].cue == "said"
    assert written[i] is not None and doc.text[written[i][0]:written[i][1]] == "who"


def test_inserted_speech_tag(nlp):
    _, qs, _ = quotes_with(nlp, "This campaign, he says, is different.")
    q = one(qs, "is different")
    assert q.cue == "says" and q.kind == "indirect"


def test_shipped_lexicon_is_learned_from_train():
    import json
    from importlib import resources

    from newstrace.extract.quotes import LEARNED_CUES

    data = json.loads(resources.files("newstrace.extract").joinpath("cues.json").read_text(encoding="utf-8"))
    assert "train" in data["provenance"]["learned_from"] and data["provenance"]["command"]
    sel = data["selection"]
    assert sel["min_support"] >= 2 and 0 < sel["min_precision"] < 1
    assert set(data["cues"]) == LEARNED_CUES and len(LEARNED_CUES) > 50
    for key, v in data["cues"].items():
        assert v["support"] >= sel["min_support"] and v["cues"] / v["support"] >= sel["min_precision"] - 1e-9
        assert key.split("|")[1] in ("V:ccomp", "V:para", "V:xcomp", "V:dobj", "V:prep", "N:that")
    assert "say|V:ccomp" not in LEARNED_CUES  # speech verbs with a clause stay with the hand rules


def test_belief_quotes_do_not_make_a_said_source_in_claims(nlp):
    from newstrace.extract.claims import extract_claims

    sdoc, doc = make_doc(nlp, "Most Republicans believe that the economy is getting worse. "
                              "The governor said 12 schools were closed.", outlet="BBC News")
    doc.quotes = extract_quotes(sdoc, doc)
    claims = extract_claims(sdoc, doc)
    belief = next(c for c in claims if "economy" in c.text)
    assert all(link.kind != "said" for link in belief.attribution)
    said = next(c for c in claims if "schools" in c.text)
    assert said.attribution[-1].kind == "said" and said.attribution[-1].source == "The governor"


# --- issue 5, PolNeAR train error analysis (2026-11-26) ---------------------------------------------------


def test_scare_quote_without_any_attributing_verb_is_not_a_quote(nlp):
    _, qs, _ = quotes_with(nlp, 'The new "Every Third" campaign started in the spring.', lexicon=frozenset())
    assert qs == []


def test_long_speakerless_quote_stays(nlp):
    _, qs, _ = quotes_with(nlp, 'The slogan "We will rebuild every city and every village" appeared on billboards.',
                           lexicon=frozenset())
    q = one(qs, "rebuild every city")
    assert q.kind == "direct" and q.speaker is None


def test_a_title_in_marks_that_nobody_says_is_not_a_quote(nlp):
    # names of shows, films, books and operations set in marks, in our own words
    _, qs, _ = quotes_with(nlp, 'The film "The Battle of the Black Sea Fleet" opens in Kyiv cinemas on Friday.')
    assert qs == []
    _, qs, _ = quotes_with(nlp, 'Tickets for the "Kyiv Summer Nights" festival sold out within hours.')
    assert qs == []
    # a sentence in marks stays, and so does a title someone is said to have uttered
    _, qs, _ = quotes_with(nlp, 'Posters read "we will rebuild every city" across the capital.')
    assert one(qs, "we will rebuild every city").kind == "direct"
    _, qs, _ = quotes_with(nlp, '"Glory To Ukraine," the mayor said.')
    assert one(qs, "Glory To Ukraine").speaker == "the mayor"


def test_scare_quote_with_a_naming_verb_stays(nlp):
    _, qs, _ = quotes_with(nlp, 'Trump called Cruz a "liar" on Tuesday.', lexicon=frozenset())
    q = one(qs, "liar")
    assert q.speaker == "Trump" and q.cue == "called"


def test_short_partial_quote_of_reported_speech_keeps_its_speaker(nlp):
    _, qs, _ = quotes_with(nlp, 'Kuleba said the so-called "referendum" was a sham.', lexicon=frozenset())
    assert one(qs, "referendum").speaker == "Kuleba"  # a partial quote of reported speech keeps its speaker


def test_two_apostrophes_are_quotation_marks(nlp):
    _, qs, _ = quotes_with(nlp, "The economy grew in May. ''It is going to take a lot more than one jobs "
                                "report,'' he said. ''We are not there yet.''\n\nOn Monday, Mr. Smith called the "
                                "plan ''absurd.''")
    q = one(qs, "It is going to take")
    assert q.kind == "direct" and q.cue == "said" and q.text.endswith("one jobs report")
    assert one(qs, "not there yet").continues == qs.index(q)  # the same quotation, split by its attribution
    assert one(qs, "absurd").speaker == "Mr. Smith"


def test_title_inside_an_attribution_does_not_end_the_speakers_turn(nlp):
    _, qs, _ = quotes_with(nlp, 'The talks ended on Monday. "Obama does not get along with Putin," he said on '
                                'ABC\'s "This Week." "Putin cannot stand our president."')
    assert one(qs, "cannot stand").speaker == one(qs, "get along").speaker


def test_asked_participle_is_a_sourceless_attribution(nlp):
    _, qs, _ = quotes_with(nlp, "Asked if he was ever bullied, the Republican candidate shook his head.")
    q = one(qs, "he was ever bullied")
    assert q.cue == "asked" and q.speaker is None and q.kind == "indirect"


def test_poll_as_prepositional_source(nlp):
    _, qs, _ = quotes_with(nlp, "In a CBS News poll released Monday, Clinton led Sanders 56 percent to 32 percent. "
                                "Trump has a decisive lead in the polls ahead of the primary.", lexicon=frozenset())
    q = one(qs, "Clinton led Sanders")
    assert q.speaker == "a CBS News poll released Monday" and q.cue == "in" and q.cue_type == "document"
    assert q.text == "Clinton led Sanders 56 percent to 32 percent"
    q = one(qs, "decisive lead")
    assert q.speaker == "the polls" and q.text == "Trump has a decisive lead"


def test_poll_inside_a_subordinate_clause_is_no_source(nlp):
    _, qs, _ = quotes_with(nlp, "The poll was conducted in late October, before his drop in national polls.",
                           lexicon=frozenset())
    assert all(q.cue != "in" for q in qs)


def test_reportedly_marks_a_sourceless_attribution(nlp):
    _, qs, _ = quotes_with(nlp, "The Club for Growth is reportedly spending $1.5 million on television ads.",
                           lexicon=frozenset())
    q = one(qs, "spending $1.5 million")
    assert q.cue == "reportedly" and q.speaker is None
