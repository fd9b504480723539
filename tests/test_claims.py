"""Sentence-level claims: kinds, hedges, quantities, quotes and attribution chains (real spaCy model)."""

from __future__ import annotations

import re

import pytest
from conftest import parsed_doc, shared_article

from newstrace.extract.claims import HEDGES, claim_sentences, extract_claims
from newstrace.extract.quotes import extract_quotes
from newstrace.record import Document, Quantity, Segment, stable_id


def make_doc(nlp, text, *, outlet="BBC News", segments=None):
    """A Document with one body segment (unless given), mentions from spaCy's entities, numbers as quantities."""
    sdoc, doc = parsed_doc(nlp, text, outlet=outlet, segments=segments)
    for m in re.finditer(r"\d[\d,]*", text):
        doc.quantities.append(Quantity(m.start(), m.end(), m.group(), float(m.group().replace(",", ""))))
    return sdoc, doc


def claims_of(nlp, text, **kw):
    sdoc, doc = make_doc(nlp, text, **kw)
    doc.quotes = extract_quotes(sdoc, doc)
    claims = extract_claims(sdoc, doc)
    for c in claims:
        assert doc.text[c.start:c.end] == c.text
        assert c.id == stable_id("claim", doc.id, c.start, c.end)
        assert c.attribution and c.attribution[0].kind == "published"
        assert all(0 <= i < len(doc.quotes) for i in c.quotes)
        assert all(0 <= i < len(doc.quantities) for i in c.quantities)
        assert all(h in HEDGES for h in c.hedges)
    return doc, claims


def claim_with(claims, words):
    found = [c for c in claims if words in c.text]
    assert found, f"no claim containing {words!r} in {[c.text for c in claims]}"
    return found[0]


def chain(claim):
    return [(link.kind, link.source) for link in claim.attribution]


def test_body_only_boilerplate_makes_no_claim(nlp):
    text = ("Home › News › Europe › Russian troops shelled Kharkiv, killing 5 people\n"
            "Russian troops shelled Kharkiv on Monday, killing 5 people.\n"
            "Photo: AFP. Troops attacked the village, killing 3.")
    first = text.index("\n") + 1
    second = text.index("\n", first) + 1
    segments = [Segment(0, first, "boilerplate"), Segment(first, second, "body"), Segment(second, len(text), "caption")]
    doc, claims = claims_of(nlp, text, segments=segments)
    assert [c.text for c in claims] == ["Russian troops shelled Kharkiv on Monday, killing 5 people."]
    c = claims[0]
    assert c.kind == "reported_fact"
    assert [doc.quantities[i].text for i in c.quantities] == ["5"]
    assert chain(c) == [("published", "BBC")]  # the article itself is the source


def test_unknown_outlet(nlp):
    _, claims = claims_of(nlp, "Russian forces captured the village of Pisky.", outlet=None)
    assert chain(claims[0]) == [("published", "unknown outlet")]


def test_denial(nlp):
    _, claims = claims_of(nlp, "Russia's defence ministry denied targeting civilians.")
    c = claims[0]
    assert c.kind == "denial"
    assert "denied" in c.hedges
    assert chain(c) == [("published", "BBC"), ("said", "Russia's defence ministry")]
    assert c.quotes == [0]


def test_denier_without_speech_is_the_source(nlp):
    # no that-clause, no quote: the subject of "rejected" made the denial, not the outlet printing it
    doc, claims = claims_of(nlp, "The Kremlin rejected the accusations. It was the third strike on the town this month.")
    c = claims[0]
    assert c.kind == "denial"
    assert chain(c) == [("published", "BBC"), ("said", "The Kremlin")]
    said = c.attribution[-1]
    assert doc.text[said.start:said.end] == "The Kremlin"
    # a pronoun subject is not guessed, a passive refusal has no denier
    _, claims = claims_of(nlp, "It rejected the accusations.")
    assert all(lk.kind != "said" for c in claims for lk in c.attribution)


def test_refusal_is_not_a_denial(nlp):
    _, claims = claims_of(nlp, "OSCE monitors were denied entry to the occupied territories.")
    assert all(c.kind != "denial" for c in claims)


def test_could_not_be_independently_verified_qualifies_its_paragraph(nlp):
    text = ("Ukraine said it shot down 10 drones overnight. The claims could not be independently verified.\n"
            "Russian troops attacked Avdiivka on Tuesday.")
    _, claims = claims_of(nlp, text)
    assert [c.text for c in claims] == ["Ukraine said it shot down 10 drones overnight.",
                                        "Russian troops attacked Avdiivka on Tuesday."]
    assert "could not be independently verified" in claims[0].hedges
    assert "could not be independently verified" not in claims[1].hedges  # another paragraph


def test_no_evidence_given_qualifies_the_claim_before_and_is_no_statement(nlp):
    text = ("An official wrote that only four people had been killed. He gave no evidence for the claim.\n"
            "Russian troops attacked Avdiivka on Tuesday.")
    doc, claims = claims_of(nlp, text)
    # the note is no claim of its own; it qualifies the claim before it in its paragraph only
    assert {c.text: c.hedges for c in claims} == {
        "An official wrote that only four people had been killed.": ["no evidence given"],
        "Russian troops attacked Avdiivka on Tuesday.": [],
    }
    assert not any(q.cue == "gave" for q in doc.quotes)  # the reporter's hedge, not a statement of the official


def test_verification_note_in_its_own_paragraph(nlp):
    text = ("Ukraine's General Staff said Russian forces lost 200 soldiers on Tuesday.\n"
            "Reuters could not independently verify the figures.")
    _, claims = claims_of(nlp, text)
    assert len(claims) == 1
    assert claims[0].kind == "official_statement"
    assert "could not be independently verified" in claims[0].hedges


def test_told_the_bbc_chain_and_continuation(nlp):
    text = ("Zelensky told the BBC that the counter-offensive would begin soon. "
            "He added that Ukraine needed more air defence systems. "
            "Explosions were heard in Kyiv on Tuesday.")
    _, claims = claims_of(nlp, text, outlet="Kyiv Post")
    first = claim_with(claims, "counter-offensive")
    assert chain(first) == [("published", "Kyiv Post"), ("quoted_to", "BBC"), ("said", "Zelensky")]
    second = claim_with(claims, "He added")
    assert chain(second) == chain(first)  # the same interview
    third = claim_with(claims, "Explosions")
    assert chain(third) == [("published", "Kyiv Post")]


def test_anonymous_soldier_told_reuters(nlp):
    _, claims = claims_of(nlp, "A soldier who asked not to be named told Reuters that his unit had lost 30 men near Bakhmut.")
    c = claims[0]
    assert chain(c) == [("published", "BBC"), ("quoted_to", "Reuters"), ("said", "A soldier who asked not to be named")]
    assert c.attribution[-1].entity is None
    assert c.kind == "reported_fact"
    assert len(c.quantities) == 1


@pytest.mark.parametrize("text, relay, origin", [
    ("The volunteer said a soldier had told him that the unit had lost 30 men near Bakhmut.", "The volunteer",
     "a soldier"),
    ('"A medic told me 2 of them died in the night," the volunteer said.', "the volunteer", "A medic"),
    ("Experts say that the frozen ground in February gives Russian troops the best window to advance - says the "
     "American daily.", "the American daily", "Experts"),
])
def test_a_quoted_speaker_who_passes_on_another_s_statement_relays_it(nlp, text, relay, origin):
    # the speaker heard it from someone: that someone is the primary source, the speaker a link before it
    _, claims = claims_of(nlp, text)
    c = claims[0]
    assert chain(c)[-2:] == [("said", relay), ("said", origin)], chain(c)
    assert c.primary_source() is not None and c.primary_source().source == origin


@pytest.mark.parametrize("text", [
    "The governor said no one had told him that the bridge was closed.",  # negated: nobody passed it on
    "The governor said he had told residents that the water would be cut.",  # a pronoun is never guessed
    "Ben Wallace said that countries like Hungary must tell Putin that they would face consequences.",  # modal
    "Officials say 300 civilians are sheltering in the plant, and a police official told CNN that food was running "
    "out.",  # coordinated with the statement, not inside it
    "According to him, the second myth claims that Russia is unbeatable.",  # a thing cannot speak
    "The law, which critics say will limit press freedom, passed its first reading.",  # the quote's own speaker
])
def test_no_relayed_source_where_none_is_passed_on(nlp, text):
    _, claims = claims_of(nlp, text)
    for c in claims:
        assert sum(1 for link in c.attribution if link.kind == "said") <= 1, chain(c)


@pytest.mark.parametrize("text, tail", [
    ("Reuters reported, citing two sources familiar with the matter, that the talks had stalled.",
     [("reported_by", "Reuters"), ("said", "two sources familiar with the matter")]),
    ("According to Ukrainska Pravda, citing a source in the military, the brigade withdrew from the village.",
     [("according_to", "Ukrainska Pravda"), ("said", "a source in the military")]),
    ("Citing local residents, the BBC reported that the dam had been blown up.",
     [("reported_by", "BBC"), ("said", "local residents")]),
    ("Zelensky said, citing intelligence reports, that Russia was preparing a new offensive.",
     [("said", "Zelensky"), ("read_document", "intelligence reports")]),
    ("The mayor said, citing concerns about safety, that the school would close.",  # a reason, not a source
     [("said", "The mayor")]),
])
def test_the_source_a_report_cites_ends_the_chain(nlp, text, tail):
    doc, claims = claims_of(nlp, text, outlet="Example News")
    assert chain(claims[0])[1:] == tail
    # and the reported words leave the cited source out
    if "that " in text and tail[-1][0] != "read_document" and "mayor" not in text:
        assert all(not q.text.lower().startswith("citing") for q in doc.quotes), [q.text for q in doc.quotes]


def test_according_to_outlet_chain(nlp):
    _, claims = claims_of(nlp, "According to the Kyiv Independent, Russian forces shelled Kharkiv overnight, killing three civilians.")
    c = claims[0]
    assert chain(c) == [("published", "BBC"), ("according_to", "Kyiv Independent")]
    assert "according to" in c.hedges


def test_writes_guardian_which_has_seen_documents(nlp):
    _, claims = claims_of(nlp, "Russian troops are running short of artillery shells, writes The Guardian, which has seen the documents.")
    assert chain(claims[0]) == [("published", "BBC"), ("reported_by", "The Guardian"), ("read_document", "the documents")]



@pytest.mark.parametrize(("text", "document"), [
    # constructions of the war corpus's train passages, in other words
    ("The energy company said in a statement that it was halting one of its last two turbines.", "a statement"),
    ('"Ukraine will not be left alone in the face of this threat," the resolution reads.', "the resolution"),
    ("According to the concept, the defence line would consist of minefields, ditches and barbed wire.", "the concept"),
    ("About a fifth of voters fear an escalation more than anything else, the report found.", "the report"),
    ('"We will keep up the pressure on Moscow," reads the statement by the foreign ministers.', "the statement"),
    ("The think tank said this in a new Russian offensive campaign assessment.", "a new Russian offensive campaign assessment"),
])
def test_a_document_as_the_source_is_a_read_document_link(nlp, text, document):
    _, claims = claims_of(nlp, text)
    assert ("read_document", document) in chain(claims[0])


def test_no_document_link_across_a_second_determiner_or_a_line_break(nlp):
    _, claims = claims_of(nlp, "All the agencies involved in the problem presented their assessment of the situation at "
                               "the border on Monday.")
    assert not any(kind == "read_document" for c in claims for kind, _ in chain(c))

def test_posted_on_telegram_and_official(nlp):
    text = "The governor of Kharkiv region, Oleh Synehubov, wrote on Telegram that two people were killed in the strike."
    _, claims = claims_of(nlp, text)
    c = claims[0]
    assert chain(c)[:2] == [("published", "BBC"), ("posted_on", "Telegram")]
    assert c.attribution[-1].kind == "said" and "Synehubov" in c.attribution[-1].source
    assert c.kind == "official_statement"


def test_reported_by_agency_then_speaker(nlp):
    _, claims = claims_of(nlp, "Kuleba said the talks with Moscow had failed, Reuters reported.")
    assert chain(claims[0]) == [("published", "BBC"), ("reported_by", "Reuters"), ("said", "Kuleba")]


@pytest.mark.parametrize(
    "text,kind,hedge",
    [
        ("Officials estimated that about 300 people were killed in the attack.", "estimate", "estimated"),
        ("Moscow has allegedly deployed 5,000 troops to Belarus.", "allegation", "allegedly"),
        ("The army plans to withdraw from the city by Friday.", "forecast", None),
        ("Analysts believe the offensive has stalled near Kupiansk.", "opinion", None),
        ("Ukraine's defence ministry said 12 tanks were destroyed near Vuhledar.", "official_statement", None),
        ("Russian forces reportedly captured the village of Krasnohorivka.", "reported_fact", "reportedly"),
        ("The death toll was later raised to 23, officials said.", "official_statement", "revised"),
        ("It is unclear how many soldiers deserted the unit.", "reported_fact", "it is unclear"),
    ],
)
def test_kinds_and_hedges(nlp, text, kind, hedge):
    _, claims = claims_of(nlp, text)
    assert len(claims) == 1
    assert claims[0].kind == kind
    if hedge:
        assert hedge in claims[0].hedges


def test_sentences_without_a_claim(nlp):
    text = "The weather was cold. What happens next? Thank you for reading."
    _, claims = claims_of(nlp, text)
    assert claims == []


def test_quotes_index_into_doc_quotes(nlp):
    text = ('"We are running out of shells," a soldier with the 93rd Brigade told The Washington Post. '
            '"Every day the shelling gets worse."')
    doc, claims = claims_of(nlp, text)
    assert len(claims) == 2
    for c in claims:
        assert c.quotes and all(doc.quotes[i].kind == "direct" for i in c.quotes)
        assert c.attribution[-1] .kind == "said" and c.attribution[-1].source == "a soldier with the 93rd Brigade"
    assert ("quoted_to", "The Washington Post") in chain(claims[0])


def test_quotes_argument(nlp):
    sdoc, doc = make_doc(nlp, "Russia's defence ministry denied targeting civilians.")
    quotes = extract_quotes(sdoc, doc)
    claims = extract_claims(sdoc, doc, quotes=quotes)
    assert claims[0].quotes == [0] and doc.quotes == []


def test_dash_quote_sentences_split_and_joined(nlp):
    text = ("Russia has concentrated over 100,000 soldiers at the border.\n"
            "- It is not that we do nothing.For eight years we have been waging a war with Russia - he added.\n"
            "- We expect that there will be no invasion - said the ambassador.")
    spans = claim_sentences(nlp(text), Document(id="d", sha256="", path="", text=text,
                                                segments=[Segment(0, len(text), "body")]))
    texts = [text[a:b] for a, b in spans]
    assert "It is not that we do nothing." in texts  # glued sentences cut apart, the opening dash left out
    assert "For eight years we have been waging a war with Russia - he added." in texts
    assert not any(t.startswith("said the") for t in texts)


def test_an_abbreviations_full_stop_ends_no_claim(nlp):
    # (Bulgarian war news: "млрд." is "billion", "г." is "year"; the parse ends a sentence at their full stops)
    text = ("През 2012 г. той печели договори на стойност над 10,5 млрд. рубли за доставка на храна за училищата. "
            "Само от 1 октомври 2022 г. руските авиокомпании са извършили 2100 полета до Турция.")
    spans = claim_sentences(nlp(text), Document(id="d", sha256="", path="", text=text,
                                                segments=[Segment(0, len(text), "body")]))
    assert [text[a:b] for a, b in spans] == [text[:text.index(" Само")], text[text.index("Само"):]]


def test_machine_translated_polish_article(nlp):
    text = shared_article("20220126T083000Z_PL_en_5be7729074.txt")
    doc, claims = claims_of(nlp, text, outlet="Onet")
    expect = claim_with(claims, "We expect that during these conversations")
    assert expect.kind == "forecast"
    assert expect.attribution[-1].kind == "said" and "Deszczyca" in expect.attribution[-1].source
    assert not any(c.text.lstrip("- ").startswith(("said ", "he added")) for c in claims)
    assert any(q.kind == "direct" for q in doc.quotes)


def test_bulgarian_claim_names_the_cited_agency_and_its_hedge(nlp):
    """A bg sentence: the chain comes from the language's own cues, not the English parse."""
    from newstrace.extract.quotes_lang import extract_quotes_lang

    text = (
        "Руските сили твърдят, че са превзели две села край Бахмут, съобщи Ройтерс. "
        "Украинският генерален щаб заяви в изявление, че атаките са отблъснати."
    )
    sdoc, doc = make_doc(nlp, text, outlet="Дневник")
    doc.language = "bg"
    doc.quotes = extract_quotes_lang(doc)
    claims = extract_claims(sdoc, doc)
    first = next(c for c in claims if "превзели" in c.text)
    kinds = [(a.kind, a.source) for a in first.attribution]
    assert ("reported_by", "Reuters") in kinds
    assert "claims" in first.hedges
    second = next(c for c in claims if "отблъснати" in c.text)
    assert any(a.kind == "read_document" for a in second.attribution)
    assert second.attribution[-1].kind == "said" and "генерален щаб" in second.attribution[-1].source


def test_an_agency_closing_a_bulgarian_sentence_reports_it_once(nlp):
    """"..., предаде Ройтерс.": Reuters carried the sentence; the agency is no person saying it as well (the chain
    had named it twice, 'reported_by: Reuters -> said: Ройтерс'), and its report is no official statement."""
    from newstrace.extract.quotes_lang import extract_quotes_lang

    text = "Петима висши прокурори бяха уволнени днес в Украйна, предаде Ройтерс."
    sdoc, doc = make_doc(nlp, text, outlet="Медиапул")
    doc.language = "bg"
    doc.quotes = extract_quotes_lang(doc)
    (claim,) = extract_claims(sdoc, doc)
    assert [(a.kind, a.source) for a in claim.attribution[1:]] == [("reported_by", "Reuters")]
    assert claim.kind != "official_statement"


def test_the_agency_carrying_a_report_comes_before_the_one_citing(nlp):
    """"..., съобщи Ройтерс, позовавайки се на изявление на ..., предаде БТА": BTA carried Reuters, which cites the
    statement; a link inside the cited words ("съобщение в "Телеграм"") is part of them."""
    from newstrace.extract.quotes_lang import extract_quotes_lang

    for text, expect in (
        ("Производството на пшеница ще спадне, съобщи Ройтерс, позовавайки се на изявление на група от зърнения "
         "сектор, предаде БТА.", ["BTA", "Reuters", "изявление на група от зърнения сектор"]),
        ('Двама души са ранени. Това предаде агенция Ройтерс като се позовава на съобщение в "Телеграм" от '
         "губернатора Павло Кириленко, предаде БТА.",
         ["BTA", "Reuters", 'съобщение в "Телеграм" от губернатора Павло Кириленко']),
    ):
        sdoc, doc = make_doc(nlp, text, outlet="Факти")
        doc.language = "bg"
        doc.quotes = extract_quotes_lang(doc)
        claim = next(c for c in extract_claims(sdoc, doc) if "позов" in c.text)
        assert [a.source for a in claim.attribution[1:]] == expect


def test_verification_notes_without_a_not(nlp):
    _, claims = claims_of(nlp, "Putin said a huge number of mercenaries had been killed in Kharkiv, without providing "
                               "evidence.")
    assert "no evidence given" in claims[0].hedges
    _, claims = claims_of(nlp, "Ukraine said 14 people were killed in the strike on the market. Neither side's claims "
                               "could be independently verified.")
    assert "could not be independently verified" in claims[0].hedges


def test_a_cited_source_stops_before_a_name_that_runs_into_the_reported_clause(nlp):
    text = ("As the Reuters agency recently reported, citing sources close to the Russian leader, Vladimir Putin "
            "shortly after the invasion was to reject the peace agreement.")
    _, claims = claims_of(nlp, text, outlet="Example News")
    assert chain(claims[0])[-1] == ("said", "sources close to the Russian leader")
