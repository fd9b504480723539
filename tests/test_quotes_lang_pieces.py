"""Split quotations and speaker turns in Bulgarian, Spanish, French and Italian text (issue 5).

'«A», dijo X. «B»': the two pieces of one quotation split by its attribution are linked (``Quote.continues``) and
the later piece takes the earlier's speaker; a paragraph that is one quote and nothing else continues the speaker
of the previous paragraph's last quote. Sentences written for these tests in the style of the war corpora; none
is copied from ../shared/data.
"""

from __future__ import annotations

from newstrace.extract.quotes_lang import extract_quotes_lang
from newstrace.record import Document, Quote, Segment


def _doc(text: str, lang: str, segments: list[Segment] | None = None) -> Document:
    return Document(id="t", sha256="", path="t.txt", text=text, language=lang, segments=segments or [])


def _quotes(text: str, lang: str, segments: list[Segment] | None = None) -> list[Quote]:
    qs = extract_quotes_lang(_doc(text, lang, segments))
    for i, q in enumerate(qs):  # report/validate.py: `continues` names an earlier quote
        assert q.continues is None or 0 <= q.continues < i
    return qs


def _find(qs: list[Quote], content: str) -> tuple[int, Quote]:
    for i, q in enumerate(qs):
        if q.text.strip(" .") == content:
            return i, q
    raise AssertionError(f"no quote {content!r} in {[q.text for q in qs]}")


def _assert_pieces(qs: list[Quote], first: str, second: str, speaker_words: str) -> tuple[Quote, Quote]:
    i, a = _find(qs, first)
    _, b = _find(qs, second)
    assert a.speaker is not None and speaker_words in a.speaker
    assert a.continues is None
    assert b.continues == i
    assert (b.speaker, b.speaker_start, b.speaker_end, b.speaker_entity) == (
        a.speaker, a.speaker_start, a.speaker_end, a.speaker_entity)
    assert b.cited_outlet == a.cited_outlet
    assert b.kind == "direct" and b.cue_type == "speech"
    return a, b


# -- the pieces of one quotation ----------------------------------------------------------------------------


def test_es_split_quotation_pieces_linked() -> None:
    text = ("«No vamos a retroceder ni un metro en Bajmut», dijo el portavoz militar Andrés Gómez a la agencia EFE. "
            "«Las tropas resistirán mientras haya munición».")
    qs = _quotes(text, "es")
    a, _b = _assert_pieces(qs, "No vamos a retroceder ni un metro en Bajmut", "Las tropas resistirán mientras haya munición",
                           "Andrés Gómez")
    assert a.cited_outlet == "EFE"
    assert len(qs) == 2


def test_fr_split_quotation_pieces_linked() -> None:
    text = ("« Nous ne céderons rien sur le front de Zaporijia », a déclaré le ministre de la Défense Jean Dupont. "
            "« Les réserves arrivent cette semaine. »")
    qs = _quotes(text, "fr")
    _assert_pieces(qs, "Nous ne céderons rien sur le front de Zaporijia", "Les réserves arrivent cette semaine", "Jean Dupont")


def test_it_split_quotation_short_second_piece_kept() -> None:
    # "Servono più munizioni" alone would be dropped as a name or slogan (three words, no sentence mark inside)
    text = ('"La situazione a Kherson è molto grave", ha detto il portavoce della regione Marco Rossi. '
            '"Servono più munizioni".')
    qs = _quotes(text, "it")
    _assert_pieces(qs, "La situazione a Kherson è molto grave", "Servono più munizioni", "Marco Rossi")


def test_bg_split_quotation_pieces_linked() -> None:
    text = ("„Ще отговорим на всяка провокация по границата“, каза министърът на отбраната Иван Стоянов пред БНР. "
            "„Армията е в пълна бойна готовност.“")
    qs = _quotes(text, "bg")
    a, _b = _assert_pieces(qs, "Ще отговорим на всяка провокация по границата", "Армията е в пълна бойна готовност",
                           "Иван Стоянов")
    assert a.cited_outlet == "BNR"


def test_bg_dash_quotation_pieces_linked() -> None:
    text = "— Ще удържим позициите край Бахмут, — каза командирът на бригадата Петър Иванов. — Подкрепленията вече идват."
    qs = _quotes(text, "bg")
    _assert_pieces(qs, "Ще удържим позициите край Бахмут", "Подкрепленията вече идват", "Петър Иванов")
    assert len(qs) == 2  # not also an indirect "— Ще удържим ..." closed by "каза"


def test_bg_dash_piece_with_its_own_cue_is_a_new_attribution() -> None:
    text = ("— Ще удържим позициите, — каза командирът Петър Иванов. — Подкрепленията идват, — добави той. "
            "— Врагът губи сили.")
    qs = _quotes(text, "bg")
    i, first = _find(qs, "Ще удържим позициите")
    j, second = _find(qs, "Подкрепленията идват")
    _, third = _find(qs, "Врагът губи сили")
    assert second.cue == "добави" and second.continues is None
    assert second.speaker == first.speaker  # "той" resolved
    assert third.continues == j and third.speaker == first.speaker


# -- a paragraph that is one quote ------------------------------------------------------------------------


def test_a_paragraph_that_is_one_quote_does_not_take_the_previous_speaker() -> None:
    # measured on real articles and not kept (see the module docstring): the quote stays speakerless
    text = ("«No vamos a retroceder», dijo el general Andrés Gómez en Kiev.\n"
            "«Las tropas resistirán en Bajmut hasta el final.»")
    qs = _quotes(text, "es")
    _, b = _find(qs, "Las tropas resistirán en Bajmut hasta el final")
    assert b.speaker is None and b.continues is None


# -- negatives -------------------------------------------------------------------------------------------------


def test_two_speakers_in_one_paragraph_are_not_linked() -> None:
    text = ("«Vamos a resistir», dijo el alcalde Iván Fedórov. "
            "«La ciudad no caerá esta semana», respondió el gobernador Oleg Sinegúbov.")
    qs = _quotes(text, "es")
    _, a = _find(qs, "Vamos a resistir")
    _, b = _find(qs, "La ciudad no caerá esta semana")
    assert b.continues is None
    assert a.speaker is not None and "Fedórov" in a.speaker
    assert b.speaker is not None and "Sinegúbov" in b.speaker


def test_second_speaker_with_an_unlisted_verb_does_not_inherit() -> None:
    text = ("« Nous tiendrons la ville », a déclaré le maire Ivan Fedorov. "
            "« Rien n'est joué dans la région », renchérit le gouverneur Oleg Sinegoubov.")
    qs = _quotes(text, "fr")
    _, b = _find(qs, "Rien n'est joué dans la région")
    assert b.continues is None
    assert b.speaker is None or "Fedorov" not in b.speaker


def test_another_sentence_between_is_not_a_split() -> None:
    text = ('"Il fronte regge", ha detto il generale Marco Rossi. Le sirene hanno suonato per tutta la notte. '
            '"Abbiamo abbattuto dodici droni nella notte."')
    qs = _quotes(text, "it")
    _, b = _find(qs, "Abbiamo abbattuto dodici droni nella notte")
    assert b.continues is None


def test_quote_after_narration_paragraph_gets_no_speaker() -> None:
    text = ("«No vamos a retroceder», dijo el general Andrés Gómez.\n"
            "Las fuerzas rusas bombardearon la ciudad durante toda la noche.\n"
            "«Ha sido la peor noche desde el comienzo de la guerra.»")
    qs = _quotes(text, "es")
    _, c = _find(qs, "Ha sido la peor noche desde el comienzo de la guerra")
    assert c.speaker is None and c.continues is None


def test_headline_in_marks_gets_no_speaker() -> None:
    title = "«Resistiremos hasta el final en Jersón»"
    body1 = "«No vamos a retroceder», dijo el general Andrés Gómez."
    title2 = "«Ha sido la peor noche desde el comienzo de la guerra»"
    body2 = "Las fuerzas rusas bombardearon la ciudad."
    text = "\n".join([title, body1, title2, body2])
    cuts = [0]
    for line in (title, body1, title2, body2):
        cuts.append(cuts[-1] + len(line) + 1)
    kinds = ["title", "body", "title", "body"]
    segs = [Segment(cuts[i], cuts[i] + len(line), kinds[i]) for i, line in enumerate((title, body1, title2, body2))]  # type: ignore[arg-type]
    qs = _quotes(text, "es", segs)
    for q in qs:
        if "Resistiremos" in q.text or "peor noche" in q.text:
            assert q.speaker is None and q.continues is None


def test_headline_in_capitals_after_a_quote_paragraph_gets_no_speaker() -> None:
    text = ('"Non ci sono più corridoi umanitari sicuri", ha dichiarato il sindaco Vadym Boichenko.\n'
            '"RIBELLI PRONTI AD ATTACCARE CON ARMI CHIMICHE"')
    qs = _quotes(text, "it")
    assert all(q.speaker is None for q in qs if "RIBELLI" in q.text)


def test_closing_mark_alone_is_not_continued() -> None:
    text = ('"Non ci sono più corridoi umanitari sicuri", ha dichiarato il sindaco Vadym Boichenko.\n'
            "L'assedio di Mariupol continua, le autorità chiedono aiuto...leggi tutto »")
    qs = _quotes(text, "it")
    assert all(q.speaker is None for q in qs if "assedio" in q.text)
