"""Quotes and reported speech in Bulgarian, Spanish, French and Italian text, without a parse (issue 5).

The English extractor (:mod:`newstrace.extract.quotes`) walks the spaCy parse of ``en_core_web_sm``, which is
meaningless on bg/es/fr/it text. ``extract_quotes_lang(doc)`` reads ``doc.text`` with per-language grammars
(the ``regex`` module, Unicode classes) and returns the same :class:`~newstrace.record.Quote` records, sorted by
start, from body and title segments (boilerplate, captions and bylines are skipped, as the English extractor
skips them). Russian, Ukrainian and Polish cue words are there too (cheap), so a ru/uk/pl document gets the same
treatment. :class:`~newstrace.extract.quotes.QuotesStage` routes documents whose ``doc.language`` is in
:data:`LANGS` here.

Patterns
--------
* Quotation marks ``„ “ ” " « » ‘ ’ '`` paired properly, nested marks included (``„... "Брадли" ...“``,
  ``« ... “...” ... »``): a stack of open marks per paragraph; a closing mark with no opener in the paragraph
  closes a quote that opened in an earlier paragraph (content from the paragraph start); an opening mark never
  closed runs to the end of the paragraph, or to a speech tail (``„..., цитират го агенциите.``).
* ``"...", каза X`` / ``«...» a clamé X`` / ``«...», martèle-t-il`` / ``"..." dice Fini`` / ``„...“. - заключава
  X``: quote + cue + speaker after the closing mark (speaker after the cue, verb-first order).
* ``X dice: "..."`` / ``X annuncia: «...»``: speaker + cue + colon + quote; ``il vescovo: «...»`` (a short
  description or name before a colon) gives a speaker with no cue.
* ``X каза, че ...`` / ``X dijo que ...`` / ``X a déclaré que ...`` / ``X ha dichiarato che ...``: reported
  speech to the end of the sentence (``kind="indirect"``); ``Puntualizó que ...`` (no subject) takes the speaker
  of the previous attribution in the paragraph, else none.
* ``..., добави държавният глава.`` / ``..., предаде БНР.`` / ``..., explicaron.``: a statement closed by a cue
  (content from the sentence start); ``Това каза X`` after a sentence: that sentence.
* ``според/según/selon/secondo X, ...`` (and ``..., selon un diplomate.``, ``(според Русия)``, ``по думите му``).
* Dash quotes: a paragraph opening with ``- `` / ``– `` / ``— `` closed by ``- каза X``.
* Split quotations (the rules of :func:`newstrace.extract.quotes._continue_speakers`): ``«A», dijo X. «B»``,
  ``« A », a déclaré X. « B »``, ``"A", ha detto X. "B"``, ``„А“, каза Х. „Б“`` and ``— A, — каза X. — B.``: a
  quote with no cue of its own, in the same paragraph, right after another quote's attribution (written after
  that quote, at most 120 characters to this one, ending with ``.`` ``,`` ``:`` or a dash, with no quotation
  mark, sentence or speech verb in between, and not followed by an attribution of its own such as
  ``", renchérit X"``) is the next piece of the same quotation: it takes the earlier piece's speaker (as written
  and resolved), entity and cited outlets, and ``Quote.continues`` is the earlier piece's index (always an
  earlier one: the list is sorted by start). Such a piece is kept even when short (``"Servono più munizioni".``).
* A paragraph that is one quote and nothing else does not take the previous paragraph's speaker (the English
  extractor's rule): tried on 225 bg and 3 x 70 es/fr/it articles, 8 of the 13 speakers it gave were right
  (Italian live-blog headlines such as ``Maroni: "..."`` and wrong earlier speakers carried over), short of the
  direct-quote speaker precision this extractor keeps.
* Denials and confirmations with an object: ``Той отхвърля всички обвинения``, ``потвърди за дарението``.
* A closing agency tail of a sentence that already holds an attribution (``X заяви, че ..., предава БТА``) is a
  chain link of that attribution, not a second one; a name in marks closing a reported sentence
  (``... машини "Страйкър", се казва в съобщението``) makes the whole sentence the content.

Speaker: a capitalised name run, a title + name, or a description noun phrase next to the cue (bounded, cut
at prepositions of time and place); a pronoun (той, тя, il, elle, él, lui, ...) or no subject takes the
speaker of the previous attribution in the same paragraph, else the speaker is None (never invented).
``speaker_entity`` is the entity of a person (else organisation) mention overlapping the speaker span.

Spurious quotes: a quoted span of at most three words with no sentence punctuation and no cue next to it
(``'Вагнер груп'``, ``'Брадли'``, ``'Basij'``), a title-cased span (``"Marcha Global por Siria"``), a quoted
span right after a naming word (танкове, наградите, operación, ...) or inside parentheses is a name, title or
scare quote: not a Quote.

Cited outlets (``cited_outlet``): the outlet gazetteer of :mod:`newstrace.extract.quotes` (``outlet_name``,
``outlet_cites``) plus the non-English agency and outlet forms in ``outlets_lang.csv`` (Ройтерс, Франс прес,
БТА, БНР, УНИАН, Укринформ, ЕФЕ, ANSA, Europa Press, "Ню Йорк Таймс", ...), found in the cue's sentence with
a link type (:func:`cited_links`): "пред X" / "a déclaré à X" -> quoted_to, "предаде X" / "цитиран от X" /
"X reported" -> reported_by, "според X" -> according_to, "в Туитър" -> posted_on, "в съобщението" ->
read_document, "в записано обръщение" -> released_audio. An outlet speaker (``предаде БНР``) is its own cited
outlet. ``Quote`` holds one outlet; the whole chain of each quote (all link types) comes back through the
``links=`` argument of :func:`extract_quotes_lang`. Hedges per language (твърди, уж, supuestamente, aurait,
sarebbe, ...) with the labels of :mod:`newstrace.extract.claims`: :func:`hedges_lang`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import regex as re

from ..record import Document, Quote
from .quotes import outlet_cites, outlet_name

__all__ = [
    "LANGS",
    "extract_quotes_lang",
    "cited_links",
    "cited_source",
    "CITING_CUES",
    "hedges_lang",
    "lang_outlet",
    "speaker_outlet_lang",
    "CitedLink",
]

#: Languages this module handles (bg, es, fr, it measured; ru, uk, pl cue words only).
LANGS = frozenset({"bg", "es", "fr", "it", "ru", "uk", "pl"})

# ---------------------------------------------------------------------------
# Grammars
# ---------------------------------------------------------------------------


def _alt(words: str) -> str:
    return "|".join(sorted({w for w in words.split() if w}, key=len, reverse=True))


_BG_PART = ("казал заявил съобщил добавил допълнил посочил подчертал написал обявил уточнил коментирал отбелязал "
            "обяснил потвърдил предупредил разказал твърдял информирал споделил признал декларирал настоял "
            "отговорил нарекъл обвинил изтъкнал")
_BG_PART_FORMS = " ".join(f"{p} {p[:-1]}ла {p[:-1]}ли {p[:-1]}ло" for p in _BG_PART.split()) + " отрекъл отрекла отрекли"
_BG_CUES = (
    "каза казва казват казаха заяви заявява заявяват заявиха съобщи съобщава съобщават съобщиха добави добавя "
    "добавиха допълни допълва допълниха посочи посочва посочват посочиха подчерта подчертава подчертаха написа "
    "написаха пише пишат твърди твърдят твърдеше отрече отрича отричат отрекоха обяви обявява обявиха предупреди "
    "предупреждава предупредиха уточни уточнява уточниха коментира коментираха отбеляза отбелязва отбелязаха "
    "разказа разказва разказват разказаха заключи заключава обясни обяснява обясниха потвърди потвърждава "
    "потвърдиха информира информираха сподели споделя призна признава увери уверява настоя настоява нарече "
    "обвини обвиниха изтъкна отговори декларира предаде предава предадоха цитира цитират излага изчисли "
    "съобщиха допълни заявяваше казваше " + _BG_PART_FORMS)
_BG_REPORT = "предаде предава предадоха съобщава съобщи пише отбелязва информира цитира цитират"
_ES_CUES = (
    "dijo dice dicen dijeron afirmó afirma afirman afirmaron declaró declara declaran declararon aseguró asegura "
    "aseguran aseguraron señaló señala señalan señalaron explicó explica explican explicaron añadió añade añaden "
    "indicó indica indican indicaron informó informa informan informaron advirtió advierte advierten negó niega "
    "niegan negaron puntualizó subrayó subraya destacó destaca agregó agrega manifestó denunció denuncia "
    "anunció anuncia anunciaron confirmó confirma reconoció reconoce sostuvo sostiene insistió insiste apuntó "
    "precisó aclaró comentó relató contó alertó lamentó acusó reveló escribió publicó tuiteó resumió concluyó "
    "recordó recuerda respondió expresó")
_ES_PART = ("dicho afirmado declarado asegurado señalado explicado añadido indicado informado advertido negado "
            "puntualizado subrayado destacado agregado manifestado denunciado anunciado confirmado reconocido "
            "sostenido insistido apuntado precisado aclarado comentado relatado contado alertado lamentado acusado "
            "revelado escrito publicado resumido concluido recordado respondido expresado")
_FR_CUES = (
    "déclare déclarent déclara dit disent affirme affirment affirma assure assurent indique indiquent explique "
    "expliquent expliqua ajoute ajoutent ajouta dément démentent martèle martèlent clame clament annonce annoncent "
    "estime estiment souligne soulignent précise précisent confirme confirment avertit reconnaît rappelle "
    "rappellent insiste lance écrit écrivent tweete dénonce accuse nie répond raconte confie décode assène "
    "déclarait disait affirmait expliquait ajoutait")
_FR_PART = ("déclaré dit affirmé assuré indiqué expliqué ajouté démenti clamé martelé annoncé estimé souligné précisé "
            "confirmé averti prévenu reconnu rappelé insisté lancé écrit tweeté dénoncé accusé nié répondu raconté "
            "confié admis jugé assené")
_IT_CUES = (
    "dice dicono disse dichiara dichiarano dichiarò afferma affermano affermò spiega spiegano spiegò aggiunge "
    "aggiungono aggiunse smentisce sottolinea sottolineano precisa annuncia annunciano ribadisce conferma "
    "riferisce riferiscono ricorda scrive denuncia assicura avverte racconta ammette nega riporta riportano "
    "accusa")
_IT_PART = ("detto dichiarato affermato spiegato aggiunto smentito sottolineato precisato annunciato ribadito "
            "confermato riferito ricordato scritto denunciato assicurato avvertito raccontato ammesso negato riportato")
_RU_CUES = ("сказал сказала сказали заявил заявила заявили сообщил сообщила сообщили добавил добавила отметил "
            "отметила подчеркнул подчеркнула написал написала утверждает пишет сообщает заявляет")
_UK_CUES = ("сказав сказала сказали заявив заявила заявили повідомив повідомила повідомили додав додала зазначив "
            "зазначила наголосив наголосила написав написала пише повідомляє")
_PL_CUES = ("powiedział powiedziała powiedzieli stwierdził stwierdziła oświadczył oświadczyła poinformował "
            "poinformowała dodał dodała podkreślił podkreśliła napisał napisała zaznaczył zaznaczyła przekazał "
            "przekazała mówi twierdzi")

_AUX = {
    "bg": r"(?:(?:е|са|бе|беше|бяха|съм|сме)\s+)?(?:(?:също|още|вече)\s+)?",
    "es": r"(?:(?:ha|han|había|habían|habría|hubo)\s+)?",
    "fr": r"(?:(?:a|ont|avait|avaient|aurait|auraient)(?:-t-(?:il|elle|on)|-(?:ils|elles))?\s+(?:(?:également|aussi|encore|déjà|notamment)\s+)?)?",
    "it": r"(?:(?:ha|hanno|aveva|avevano|avrebbe|avrebbero)\s+(?:(?:anche|già|poi)\s+)?)?",
}
_CUE_WORDS = {
    "bg": _alt(_BG_CUES + " се\\s+казва се\\s+посочва се\\s+казваше се\\s+подчертава се\\s+отбелязва"),
    "es": _alt(_ES_CUES + " " + _ES_PART + " se\\s+lamenta se\\s+lamentó"),
    "fr": _alt(_FR_CUES + " " + _FR_PART),
    "it": _alt(_IT_CUES + " " + _IT_PART),
    "ru": _alt(_RU_CUES),
    "uk": _alt(_UK_CUES),
    "pl": _alt(_PL_CUES),
}
# forms that need an auxiliary before them to be a finite cue (participles)
_NEEDS_AUX = {
    "es": set(_ES_PART.split()),
    "fr": set(_FR_PART.split()) - {"dit", "écrit"},
    "it": set(_IT_PART.split()),
}
_INVERT = r"(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles|on))?"


@cache
def _cue_re(lang: str) -> re.Pattern[str]:
    aux = _AUX.get(lang, "")
    return re.compile(rf"(?<![\w-])(?P<cue>{aux}(?P<verb>{_CUE_WORDS[lang]}){_INVERT})(?![\w])", re.I)


_COMPL = {"bg": r"че(?!\w)", "es": r"(?:de\s+)?que(?!\w)", "fr": r"qu(?:e(?!\w)|['’])", "it": r"che(?!\w)",
          "ru": r"что(?!\w)", "uk": r"що(?!\w)", "pl": r"że(?!\w)"}
_ACCORDING = {
    "bg": r"според|по\s+думите(?:\s+на)?|по\s+данни\s+на|по\s+информация\s+на|съдейки\s+по|"
          r"както\s+(?:отбелязва|отбеляза|пише|написа|съобщава|съобщи|посочва|посочи|каза|заяви|информира)",
    # "según informó X", "según han informado dos testigos", "según indicaron fuentes diplomáticas": any reporting verb
    "es": rf"según(?:\s+(?:lo\s+que\s+)?{_AUX['es']}(?:{_CUE_WORDS['es']}))?|"
          r"de\s+acuerdo\s+con|a\s+juicio\s+de|en\s+palabras\s+de|a\s+decir\s+de|"
          r"como\s+(?:señaló|señala|dijo|informó|informa|explicó|recoge|publica)",
    "fr": r"selon|d['’]après|à\s+croire|a\s+croire|de\s+l['’]aveu\s+de|aux\s+dires\s+de|"
          r"comme\s+l['’]a\s+(?:dit|indiqué|rapporté|souligné|écrit)|comme\s+(?:le\s+)?rapporte",
    "it": r"secondo(?:\s+quanto\s+(?:riportato|riferito|emerso|dichiarato|affermato)(?:\s+finora)?)?|a\s+detta\s+di|"
          r"stando\s+a|come\s+(?:riporta|riferisce|ha\s+detto|ha\s+spiegato|scrive)",
    "ru": r"по\s+словам|по\s+данным|согласно|как\s+сообщает",
    "uk": r"за\s+словами|за\s+даними|згідно\s+з|як\s+повідомляє",
    "pl": r"według|zdaniem|jak\s+podaje|jak\s+informuje",
}
_PRONOUNS = {
    "bg": "той тя те то него нея тях му го й ѝ им",
    "es": "él ella ellos ellas",
    "fr": "il elle ils elles eux lui on",
    "it": "lui lei loro egli essa esso",
    "ru": "он она они него неё них",
    "uk": "він вона вони нього неї них",
    "pl": "on ona oni one niego niej nich",
}
# description heads that make a speaker without a name ("държавният глава", "el ministro", "un diplomate")
_ROLE_WORDS = (
    "президент президентът президента премиер премиерът министър министърът министъра министерството министерство "
    "говорител говорителят говорителката съветник съветникът председател председателят секретар секретарят "
    "генерал генералът командване командването командир командирът посланик посланикът експерт експертът "
    "държавният глава прокуратурата пресслужбата кметът кмет ръководителят лидер лидерът депутат депутатът "
    "служители служителите представители представителите "
    "анализатор анализаторът политикът очевидци източници медии издания агенциите агенцията сайтът вестникът "
    "presidente ministro ministra portavoz portavoce gobierno gobernador alcalde embajador general fuentes fuente "
    "observatorio coalición comité portavoce governo ambasciatore fonti fonte osservatorio vescovo sindaco "
    "président ministre porte-parole gouvernement ambassadeur diplomate source sources observatoire chef "
    "connaisseur expert experts analyste responsable responsables "
    "secretario secretaria canciller director directora jefe vocero vocera comandante dirigente representante "
    "secrétaire directeur directrice commandant dirigeant représentant segretario direttore direttrice capo "
    "comandante dirigente rappresentante")
_ROLE_RE = re.compile(rf"(?<!\w)(?:{_alt(_ROLE_WORDS)})(?!\w)", re.I)
# outlet/medium descriptors: a speaker made of these is an outlet ("сайтът Лупа", "la televisión por satélite")
_OUTLET_NOUN_ALT = (
    r"(?:агенци(?:я|ята|ите|и)|сайт(?:ът|а)?|вестник(?:ът|а)?|издания(?:та)?|медии(?:те)?|телевизия(?:та)?|"
    r"радио(?:то)?|канал(?:ът|а)?|уебсайт(?:ът|а)?|портал(?:ът|а)?|televisión|televisora|agencia|diario|periódico|"
    r"cadena|emisora|télévision|agence|journal|quotidien|chaîne|radio|televisione|agenzia|quotidiano|giornale|"
    r"emittente)")
_OUTLET_NOUNS = re.compile(rf"(?<!\w){_OUTLET_NOUN_ALT}(?!\w)", re.I)
_OUTLET_HEAD = re.compile(rf"\s*(?:(?:la|le|il|el|l['’])\s*)?{_OUTLET_NOUN_ALT}(?!\w)", re.I)
_PLATFORMS = (r"Туитър|Twitter|Фейсбук|Facebook|Телеграм|Telegram|Инстаграм|Instagram|Ютюб|YouTube|ТикТок|TikTok|"
              r"X|Х|ВКонтакте|VK")
_DOCUMENTS = (r"съобщени(?:е|ето)|декларация(?:та)?|изявление(?:то)?|публикация(?:та)?|документ(?:а|ът)?|"
              r"доклад(?:а|ът)?|позиция(?:та)?|прессъобщение(?:то)?|писмо(?:то)?|данни(?:те)?|съобщението|"
              r"comunicado|declaración|informe|nota|documento|communiqué|déclaration|rapport|lettre|"
              r"dichiarazione|comunicato|rapporto|indagini|lettera")
_AUDIO = r"(?:записано|видео|аудио)\s*обръщение|видеообръщение|видеопослание|mensaje\s+grabado|message\s+vidéo|videomessaggio"

_HEDGES = {
    "bg": r"твърди|твърдят|твърдеше|предполагаемо|уж|съдейки\s+по|според\s+непотвърдени|непотвърден\w*|вероятно",
    "es": r"supuestamente|presuntamente|presunt[oa]s?|al\s+parecer|según\s+informaciones\s+no\s+confirmadas|"
          r"no\s+confirmad[oa]s?|habría|habrían",
    "fr": r"aurait|auraient|serait|seraient|présumé\w*|prétendument|supposément|"
          r"selon\s+des\s+informations\s+non\s+confirmées|non\s+confirmé\w*",
    "it": r"presumibilmente|presunt[oaie]|sarebbe|sarebbero|avrebbe|avrebbero|pare\s+che|non\s+confermat[oaie]",
    "ru": r"якобы|предположительно|по\s+неподтвержденным\s+данным|утверждает",
    "uk": r"нібито|імовірно|за\s+непідтвердженими\s+даними|стверджує",
    "pl": r"rzekomo|podobno|prawdopodobnie|twierdzi",
}
#: hedge words -> the canonical hedge labels of :mod:`newstrace.extract.claims` (HEDGES)
_HEDGE_LABEL = (
    ("claims", r"твърд|утвержда|стверджу|twierdzi"),
    ("allegedly", r"предполагаемо|уж|supuestamente|presunt|présum|prétendu|suppos|якобы|нібито|rzekomo|"
                  r"aurait|auraient|serait|seraient|habría|habrían|sarebbe|sarebbero|avrebbe|avrebbero"),
    ("unconfirmed", r"непотвърд|no\s+confirmad|non\s+confirm|non\s+confermat|неподтвержд|непідтвердж"),
    ("appears to", r"al\s+parecer|pare\s+che|podobno|вероятно|prawdopodobnie|imovirno|імовірно|предположительно"),
    ("according to", r"съдейки"),
)

# words that open a name or title in quotation marks: танкове "Леопард", наградите "Златен глобус"
_NAMING = re.compile(
    r"(?:танк\w*|машин\w*|систем\w*|ракет\w*|награ\w*|операци\w*|парти\w*|групировк\w*|групата|фирма\w*|"
    r"компания\w*|театър\w*|клуб\w*|район\w*|програм\w*|проект\w*|филм\w*|книга\w*|вестник\w*|сайт\w*|"
    r"батальон\w*|бригада\w*|движение\w*|инициатива\w*|кампания\w*|фонд\w*|организаци\w*|"
    r"operación|partido|grupo|movimiento|campaña|iniciativa|película|libro|diario|programa|premio|"
    r"opération|parti|groupe|mouvement|campagne|film|livre|journal|programme|prix|"
    r"operazione|partito|gruppo|movimento|campagna|libro|giornale|programma|premio|pagina|associazione|"
    r"islámicos|islamiques|islamici|titulado|intitulé|intitolato|llamad[oa]|chiamat[oa]|appelée?|"
    r"наречен\w*|т\.\s*нар\.|така\s+наречен\w*)\s*$", re.I)

_OPEN_Q = "„“«\"‘'”‹"
_DQ = re.compile(r"[„“”\"«»‹›]|(?<![\w])['‘](?=\w)|(?<=[\w.,!?…])['’](?!\w)")
_ABBREV = re.compile(
    r"(?:(?<!\w)\p{Lu}|(?<!\w)(?:EE|UU|FF|AA|DD|HH|NN|Srta|Dott|Avv|Ass)|(?<!\w)(?:г|гр|ул|бул|с|в|сп|млрд|млн|хил|проф|д-р|ген|полк|ал|бр|стр|т\.нар|нар|вкл|напр|"
    r"Sr|Sra|Dr|Dra|Prof|Gen|Mr|Mme|Mlle|M|St|av|núm|pág|ecc|sig|dott|ing|avv|on|art|n|No|pp|cf|etc|al))$")
_SENT_END = re.compile(r"[.!?…]+(?=[\s\"“”„«»’')\]]*(?:$|[\s\-–—]*[\p{Lu}„“\"«\-–—(]))")
_DASH = "-–—"
_STOP_SPEAKER = re.compile(
    r"\s(?:в|във|на|по|след|пред|през|при|без|от|със|с|за|докато|когато|като|който|която|което|които|и|но|а|"
    r"en|durante|tras|sin|desde|con|para|ante|sobre|que|quien|y|pero|"
    r"dans|pendant|après|sans|devant|lors|avec|pour|sur|qui|et|mais|depuis|"
    r"in|durante|dopo|senza|davanti|con|per|su|che|e|ma|mentre)\s", re.I)
_LEAD_SKIP = re.compile(
    r"^(?:(?:и|а|но|още|също|обаче|вчера|днес|тогава|по-рано|по-късно|впоследствие|накрая|освен\s+това|"
    r"y|e|pero|ayer|hoy|además|luego|también|sin\s+embargo|después|"
    r"et|mais|hier|aujourd'hui|ensuite|puis|aussi|cependant|enfin|"
    r"e|ma|ieri|oggi|poi|intanto|inoltre|anche|però|infine)[\s,]+)+", re.I)
_TIME_WORDS = re.compile(
    r"(?:(?:вчера|днес|в\s+(?:понеделник|вторник|сряда|четвъртък|петък|събота|неделя)|на\s+\d+\s+\w+|миналата\s+седмица|миналия\s+\w+|по-рано|също|още|публично|рязко|"
    r"ayer|hoy|(?:el|este)\s+(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)|también|además|"
    r"hier|aujourd'hui|samedi|dimanche|lundi|mardi|mercredi|jeudi|vendredi|haut\s+et\s+fort|aussi|encore|"
    r"ieri|oggi|sabato|domenica|lunedì|martedì|mercoledì|giovedì|venerdì|anche|ancora|poi)[\s,]+)+", re.I)


# what ends a speaker span but is not the speaker (``_Lang.tidy``)
_SPEAKER_TAIL = re.compile(
    r"\s+(?:вчера|днес|по-рано|по-късно|първоначално|твърдо|категорично|отново|официално|публично|впоследствие|"
    r"тогава|сега|не|вече|още|също|обаче|пък|допълнително|директно|открито|изрично|многократно|наскоро|ясно|вероятно|"
    r"ayer|hoy|luego|nuevamente|siempre|no|a|de|con|hier|aujourd'hui|ensuite|toujours|ne|à|ieri|oggi|nuovamente|"
    r"sempre|non|da|si['’]?|"
    # a weekday after the speaker ("l'organisation mardi", "el portavoz el martes", "il ministro lunedì")
    r"(?:(?:el|le|il|este|ce)\s+)?(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|понеделник|вторник|сряда|"
    r"четвъртък|петък|събота|неделя))$",
    re.I,
)
_LISTENER_BODY = (
    r"\s+(?:a|à|al|au|alla|allo|all['’]|ai|alle|aux|пред)\s+(?:(?:la|el|le|il|l['’]|los|les)\s*)?"
    r"(?:(?:agencia|agence|agenzia|cadena|chaîne|diario|journal|quotidien|quotidiano|emisora|radio|televisión|"
    r"télévision|televisione|periódico|agencia\s+de\s+noticias|агенция|телевизия)\s+)?(?P<outlet>\p{Lu}[\w.&'’-]*"
    r"(?:\s+\p{Lu}[\w.&'’-]*){0,3})"
)
#: the outlet an inverted speaker spoke to, at the end of the speaker's words
_LISTENER = re.compile(_LISTENER_BODY + r"\s*$")
#: ... and right after a speaker span that was cut before it
_LISTENER_AFTER = re.compile(_LISTENER_BODY + r"(?!\w)")
_SPEAKER_LEAD = re.compile(
    r"(?:\d{1,2}\s+(?=\p{L})|(?:през|в|на|en|dans|nel|nella)\s+(?:\p{L}+\s+)?\d{3,4}(?:\s*г\.|\s+година)?,?\s+|"
    r"(?:\w+\s+)?(?:години|месеца|дни|седмици|часа|часове|минути)\s+(?:по-късно|по-рано),?\s+|"
    r"(?:така|също\s+така|освен\s+това|междувременно|впоследствие)\s+|"
    # "Преди това Германия", "Преди дни САЩ и Германия", "Според тях американски служители"
    r"преди\s+(?:това|дни|седмица|месец|година|(?:\d+|няколко|два|две|три)\s+(?:дни|седмици|месеца|години|часа))\s+|"
    r"според\s+(?:тях|него|нея|тези\s+данни)\s+)",
    re.I,
)


@dataclass(slots=True)
class CitedLink:
    """An outlet, platform or document cited next to an attribution, with the link type of AttributionLink."""

    start: int
    end: int
    name: str  # canonical outlet name when known, else the words as written
    kind: str  # quoted_to | reported_by | according_to | posted_on | read_document | released_audio


@lru_cache(maxsize=1)
def _lang_outlets() -> dict[str, str]:
    path = Path(__file__).with_name("outlets_lang.csv")
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["alias"]] = row["canonical"]
    return out


@lru_cache(maxsize=1)
def _lang_outlet_re() -> re.Pattern[str]:
    alts = sorted(_lang_outlets(), key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])")


def lang_outlet(words: str) -> str | None:
    """The canonical outlet name of words naming an outlet in any handled language ("Ройтерс" -> "Reuters")."""
    w = re.sub(r"\s+", " ", words.strip(" \t\"'“”„«».,;:()"))
    if not w:
        return None
    table = _lang_outlets()
    if w in table:
        return table[w]
    for k, v in table.items():
        if k.lower() == w.lower():
            return v
    return outlet_name(w)


# ---------------------------------------------------------------------------
# Text structure
# ---------------------------------------------------------------------------


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    """Body paragraphs (non-empty lines) of the document."""
    text = doc.text
    segs = sorted(doc.segments, key=lambda s: s.start)
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        if not text[s:e].strip():
            continue
        if segs:
            kinds = {sg.kind for sg in segs if sg.start < e and s < sg.end}
            if kinds and not kinds & {"body", "title"}:
                continue
        out.append((s, e))
    return out


def _sentences(text: str, ps: int, pe: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans inside a paragraph; no boundary inside a quotation."""
    bounds = [ps]
    for m in _SENT_END.finditer(text, ps, pe):
        end = m.end()
        if any(a < m.start() < b - 1 for a, b in quotes):
            continue
        before = text[max(ps, m.start() - 8):m.start()]
        if m.group().startswith(".") and _ABBREV.search(before):
            continue
        # closing quote marks and brackets belong to the sentence
        while end < pe and text[end] in "\"“”»’')]":
            end += 1
        if end < pe:
            bounds.append(end)
    bounds.append(pe)
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


@dataclass(slots=True)
class _Mark:
    """A quotation: content span and mark span (mark_end is past the closing mark, or the content end)."""

    start: int
    end: int
    mark_start: int
    mark_end: int
    depth: int = 0
    opened: bool = True  # an opening mark was seen in the paragraph
    closed: bool = True


def _closes(open_ch: str, ch: str) -> bool:
    return {"„": ch in "“”\"", "“": ch in "”\"", "«": ch == "»", "\"": ch in "\"”“", "‘": ch in "’'",
            "'": ch in "'’", "”": ch in "”\"", "‹": ch == "›"}.get(open_ch, False)


def _scan_quotes(text: str, ps: int, pe: int) -> list[_Mark]:
    """Quotations in one paragraph, with proper pairing of nested marks."""
    out: list[_Mark] = []
    stack: list[tuple[str, int]] = []
    first = ps
    while first < pe and text[first] in " \t" + _DASH:
        first += 1
    for m in _DQ.finditer(text, ps, pe):
        ch, pos = m.group(), m.start()
        prev = text[pos - 1] if pos > ps else " "
        nxt = text[pos + 1] if pos + 1 < pe else " "
        opener_ctx = (prev.isspace() or prev in "([{—–-:/\"„“«'‘" or pos == ps) and not nxt.isspace()
        closer_ctx = not prev.isspace() or nxt.isspace() or nxt in ".,;:!?)…"
        if stack and _closes(stack[-1][0], ch) and (closer_ctx or not opener_ctx or ch in "“»’”"):
            och, opos = stack.pop()
            if stack and ch == "“" and opener_ctx and not closer_ctx:
                stack.append((och, opos))  # an inner opening “ in a „...“ quote
                stack.append((ch, pos))
                continue
            out.append(_Mark(opos + 1, pos, opos, pos + 1, depth=len(stack)))
            continue
        if ch in "»›’" or (ch == "“" and stack and stack[-1][0] == "„"):
            if not stack and ch in "»" and not opener_ctx:
                out.append(_Mark(ps if first >= pos else first, pos, ps, pos + 1, opened=False))
            continue
        if ch in "„«‹‘" or (ch in "\"“'”" and opener_ctx):
            stack.append((ch, pos))
            continue
        if ch in "\"”“" and not stack and closer_ctx and pos > first:
            # a closing mark with no opener: the quote opened in an earlier paragraph
            out.append(_Mark(first, pos, ps, pos + 1, opened=False))
    # opening marks never closed
    for och, opos in stack:
        if och in "'‘":
            continue
        out.append(_Mark(opos + 1, pe, opos, pe, depth=0, closed=False))
    for q in out:
        s, e = q.start, q.end
        while s < e and (text[s].isspace() or text[s] in _DASH):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
            e -= 1
        q.start, q.end = s, e
    out = [q for q in out if q.end > q.start and re.search(r"\p{L}", text[q.start:q.end])]
    out.sort(key=lambda q: (q.start, -q.end))
    return out


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Att:
    start: int
    end: int
    kind: str
    cue_s: int | None = None
    cue_e: int | None = None
    src_s: int | None = None  # source as written
    src_e: int | None = None
    spk_s: int | None = None  # resolved speaker
    spk_e: int | None = None
    outlet: str | None = None
    mark: _Mark | None = None
    links: list[CitedLink] = field(default_factory=list)
    piece_of: _Att | None = None  # the earlier piece of the same quotation, split by its attribution
    tentative: bool = False  # a short piece, kept only as the piece of a quotation with a speaker
    foreign: bool = False  # followed by an attribution of its own that names someone ('", résume Aton')


class _Lang:
    """Per-document state."""

    def __init__(self, doc: Document, lang: str) -> None:
        self.doc = doc
        self.text = doc.text
        self.lang = lang
        self.cue = _cue_re(lang)
        self.according = re.compile(rf"(?<![\w])(?:{_ACCORDING[lang]})(?![\w])", re.I)
        self.pron = re.compile(rf"^(?:{_alt(_PRONOUNS[lang])})$", re.I)

    def is_cue(self, m: Any) -> bool:
        verb = m.group("verb").lower()
        need = _NEEDS_AUX.get(self.lang)
        if need and verb in need and m.group("cue").lower() == verb:
            return False
        return True

    # -- speakers ------------------------------------------------------
    def speaker_after(self, s: int, e: int) -> tuple[int, int] | None:
        """A speaker written after a cue, in text[s:e] (up to the clause end)."""
        text = self.text
        seg = text[s:e]
        cut = re.search(r"[!?;:(]|(?<!(?<!\w)(?:\p{Lu}|EE|UU|FF|AA|DD|HH|NN|Mme|Mlle|Sra|Dr|Dra|Prof|Gen|Mr|Sr|St|в|сп))\.(?:\s|$)|,\s*(?:без|като|който|която|което|които|цитиран\w*|sans|sin|senza|dopo|"
                        r"après|que|qui|che|quien|tras|citad[oa]|cité|citée|citat[oa]|че|что|що|że)\b|\s[-–—]\s", seg)
        seg_end = s + (cut.start() if cut else len(seg))
        a = s
        while a < seg_end and text[a].isspace():
            a += 1
        lead = _TIME_WORDS.match(text, a, seg_end)
        if lead:
            a = lead.end()
        while a < seg_end and text[a].isspace():
            a += 1
        if a >= seg_end:
            return None
        region = text[a:seg_end]
        # "в. "Ню Йорк таймс"", "сп. "Шпигел"": the newspaper or magazine named after its abbreviation
        paper = re.search(r"(?<!\w)(?:в|сп)\.\s*[„“\"«]([^„“\"«»”]{1,40})[“”\"»]", region)
        if paper:
            return a + paper.start(1), a + paper.end(1)
        # "в специално изявление министерството" / "по време на брифинг на ... Лора Купър": skip prepositional
        # phrases at the start, up to a capitalised word or a role word
        if re.match(r"(?:в|във|на|по|пред|през|след|при|en|durante|dans|lors|in|a|à|al|au|ante|davanti)\s", region,
                    re.I):
            quoted = [(m.start(), m.end()) for m in re.finditer(r"[\"„“«”][^\"“”»]*[\"“”»]", region)]
            told = re.match(r"(?:пред|ante|devant|davanti|à|a|al|au)\s+(?:(?:la|el|le|il|l['’])\s*)?"
                            r"((?:\p{Lu}[\w.-]*(?:\s+|$))+(?:(?:тв|ТВ|TV|радио)(?:\s+|$))?)", region)
            skip_to = told.end(1) if told else 0
            if told:
                # "dijo a la AFP Abdel Moez Ibrahim": the outlet is the first words of the capitalised run
                ends = [told.start(1) + w.end() for w in re.finditer(r"\S+", told.group(1))]
                for k in range(len(ends) - 1, 0, -1):
                    if lang_outlet(text[a + told.start(1):a + ends[k - 1]]):
                        skip_to = ends[k - 1]
                        while skip_to < len(region) and region[skip_to].isspace():
                            skip_to += 1
                        break
            cand = [m.start() for m in re.finditer(r"(?<![\w-])\p{Lu}[\p{L}'’.-]*", region)
                    if not any(x <= m.start() < y for x, y in quoted) and m.start() >= skip_to
                    and not re.fullmatch(_PLATFORMS, m.group())]
            roles = [m.start() for m in _ROLE_RE.finditer(region) if m.start() >= skip_to]
            pos = min(cand + roles) if cand + roles else None
            if told and _DET.match(region[skip_to:]):
                pos = skip_to  # "a précisé à l'AFP une source libyenne": the speaker starts after the outlet
            if pos is None:
                return None
            # a role word right before the name belongs to the speaker (помощник-министъра ... Лора Купър)
            head = region[:pos]
            rms = list(_ROLE_RE.finditer(head))
            rm = rms[-1] if rms else None
            if rm is not None and not re.search(r"\s(?:в|във|на|по|при)\s*$", head[:rm.start()] + " "):
                pos = rm.start()
            elif rm is not None:
                pos = min(pos, rm.start())
            a += pos
            hy = re.search(r"\w+-$", text[s:a])
            if hy:
                a = s + hy.start()  # "помощник-министъра"
            region = text[a:seg_end]
        # "Kutb, dado a la grandilocuencia, ...": after a name, a comma followed by a lowercase non-role word ends the
        # speaker; "el ministro ..., Alain Juppé" keeps the name after the comma; a gerund ends it too
        for cm_ in re.finditer(r",\s*", region):
            before_c, after_c = region[:cm_.start()], region[cm_.end():]
            if re.search(r"\p{Lu}", before_c[1:] if before_c[:1].isupper() else before_c) or before_c[:1].isupper():
                if after_c[:1].islower() and not _ROLE_RE.match(after_c):
                    region = before_c
                    break
        ger = re.search(r"\s\w+(?:ando|endo|iendo)(?!\w)|\sen\s+\w+ant(?!\w)|,\s*\w+(?:ant|айки|яйки|ейки)(?!\w)", region)
        if ger:
            region = region[:ger.start()]
        words = list(re.finditer(r"[\w'’.-]+", region))
        if not words:
            return None
        # the speaker: up to 12 words, cut at a clause preposition after the head
        end = a + words[min(len(words), 12) - 1].end()
        stop = _STOP_SPEAKER.search(text, a, end)
        while stop is not None:
            # keep "на"/"de"/"di" connectors inside a name or title ("председателят на Съвета"); stop at others
            w = stop.group().strip().lower()
            after = text[stop.end():stop.end() + 1]
            if w in ("на", "de", "del", "du", "des", "di", "della", "dello", "degli", "dell", "of") and after and (
                    after.isupper() or text[stop.end():stop.end() + 25].split(" ")[0].lower() in _ROLE_WORDS.split()):
                stop = _STOP_SPEAKER.search(text, stop.end() - 1, end)
                continue
            prev_word = (re.findall(r"[\w-]+", text[a:stop.start()]) or [""])[-1]
            next3 = re.findall(r"[\w'’.-]+", text[stop.end():stop.end() + 60])[:3]
            if w in ("на", "de", "del", "di", "della", "du", "des") and stop.start() - a < 60 and (
                    _ROLE_RE.search(prev_word) or any(x[:1].isupper() for x in next3)):
                stop = _STOP_SPEAKER.search(text, stop.end() - 1, end)
                continue
            end = stop.start()
            break
        while end > a and text[end - 1] in " ,.;":
            end -= 1
        if end <= a:
            return None
        a, end = self.tidy(a, end)
        if end <= a or not self.plausible(text[a:end]):
            return None
        return a, end

    def tidy(self, a: int, e: int) -> tuple[int, int]:
        """A speaker span without the words around it that are not the speaker (from a run over the Bulgarian
        corpus): a trailing adverb or negation ("Миланович вчера", "Байдън твърдо", "Руски източници не"), a leading
        year or time phrase ("През 2021 г. политикът", "Две години по-късно той") or the digits of a clock time
        ("00 ръководителят на КМВА ..."), and anything before a closing personal pronoun, which is the subject
        ("Говорейки в Сената, тя", "НАТО той")."""
        text = self.text
        while True:
            tail = _SPEAKER_TAIL.search(text, a, e)
            if tail is None or tail.start() <= a:
                break
            e = tail.start()
        lead = _SPEAKER_LEAD.match(text, a, e)
        if lead and lead.end() < e:
            a = lead.end()
        # the outlet the speaker spoke to, after an inverted speaker ("según ha relatado un residente de Misrata a la
        # agencia Reuters", "a déclaré un habitant à l'AFP"): the cited outlet, not the speaker
        for m in _LISTENER.finditer(text, a, e):
            if m.start() > a and lang_outlet(m.group("outlet")):
                e = m.start()
                break
        # "(Brasilia) Le président brésilien ...", "Rispondendo ad una domanda il ministro", "Nella conferenza
        # stampa di presentazione, il Primo ministro", "Alors que ..., un chef rebelle": the subject after a
        # dateline or a fronted phrase (a preposition or a gerund first, a determiner after it)
        dl = re.match(r"\(\p{Lu}[^()]{1,30}\)\s+", text[a:e])
        if dl:
            a += dl.end()
        # a Bulgarian gerund phrase set off by a comma, before or after the subject ("Визирайки перспективите ...,
        # президентът"; "Олаф Шолц, говорейки по-рано на форума в Давос")
        bg_lead = re.match(r"\w+(?:айки|яйки|ейки)\s[^,]*,\s*", text[a:e])
        if bg_lead and a + bg_lead.end() < e:
            a += bg_lead.end()
        bg_tail = re.search(r",\s*\w+(?:айки|яйки|ейки)(?!\w)", text[a:e])
        if bg_tail and bg_tail.start() > 0:
            e = a + bg_tail.start()
        # a sentence the splitter kept because of the year's "г." ("... за 5 ноември 2024 г. Джо Байдън")
        year = list(re.finditer(r"\d{4}\s*г\.\s+(?=\p{Lu})", text[a:e]))
        if year:
            a += year[-1].end()
        gerund = re.match(r"\w+(?:ndo|ant)\s", text[a:e])
        if gerund or re.match(r"(?:(?:alors\s+que|mentre|mientras)\s|(?i:" + _PREP_START.pattern + r")\s)", text[a:e]):
            # (after a preposition only past a comma: "En un discurso televisado" names no one)
            det = list(re.finditer(r"(?:,\s*" + (r"|\s" if gerund else "") + r")(?=(?:il|lo|la|le|les|el|los|las|un|une|"
                                   r"uno|una|l['’])\s*\w)", text[a:e]))
            # (not the gerund's own object: "Un funzionario, commentando l'accaduto ha spiegato")
            if det and not (gerund and len(_words(text[a + gerund.end():a + det[-1].start()])) < 2):
                a += det[-1].end()
        last = re.search(r"[\w'’-]+$", text[a:e])
        if last and last.start() > 0 and self.pron.match(last.group()) and self.lang != "fr":
            a += last.start()  # (not French: "lui" closes "... lui-même" phrases and "on" is not a subject there)
        return a, e

    def plausible(self, sp: str) -> bool:
        """Could these words be a speaker? A name, a description headed by a determiner or a role word, a
        pronoun or an outlet; not a clitic or a verb phrase ("avoir financé les militants de Tamarrod")."""
        sp = sp.strip()
        if not sp or _CLITIC.fullmatch(sp) or sp.lower() in _NOT_SPEAKERS:
            return False
        first = _words(sp)[0] if _words(sp) else ""
        if self.pron.match(sp):
            return True
        if first[:1].isupper() or _DET.match(sp):
            return True
        head = " ".join(_words(sp)[:4])
        return bool(_ROLE_RE.search(head) or _OUTLET_NOUNS.search(head)) and self.lang in ("bg", "ru", "uk", "pl")

    def speaker_before(self, clause_s: int, cue_s: int) -> tuple[int, int] | None:
        """The subject written before a cue, in text[clause_s:cue_s]."""
        text = self.text
        a, e = clause_s, cue_s
        while e > a and text[e - 1] in " ,":
            e -= 1
        # "..., каза Брозе, като изтъкна, че ...": the cue goes on from the attribution before it; its speaker is the
        # name before "като"
        kato = re.search(r"(\p{Lu}[\w'’-]*(?:\s+\p{Lu}[\w'’-]*){0,3})\s*,\s*като$", text[a:e])
        if kato and self.lang == "bg":
            return a + kato.start(1), a + kato.end(1)
        # drop a relative clause between commas right before the cue ("Ван, който говори ..., също така обвини")
        rel = re.search(r",\s*(?:който|която|което|които|que|qui|che|quien|cui|dont)\b[^,]*,?\s*(?:също(?:\s+така)?)?$",
                        text[a:e], re.I)
        if rel:
            e = a + rel.start()
        # "Joseph Muscat, ha ringraziato il premier ..., e ha aggiunto" / "Bersani concorda, ma annuncia": a verb
        # coordinated with an earlier one shares its subject
        coordinated = False
        conj = re.search(r"[\s,]+(?:e|y|et|и|i|ma|pero|mais|но|а)$", text[a:e], re.I)
        if conj:
            e = a + conj.start()
            coordinated = True
            aux = {"it": "ha|hanno|è", "fr": "a|ont|est", "es": "ha|han|es", "bg": "е|са"}.get(self.lang, "(?!)")
            fin = re.search(rf",?\s(?:{aux})\s", text[a:e])
            if fin:
                e = a + fin.start()
                coordinated = False
            elif "," in text[a:e]:
                a += text[a:e].rfind(",") + 1
        colon = text[a:e].rfind(":")
        if colon >= 0:
            a += colon + 1  # "... anche limitato: Mosca ha precisato"
        # fronted adverbials between commas: "En las últimas horas de hoy, la OTAN", "Interrogé sur ..., le porte-parole"
        parts = text[a:e].split(",")
        while len(parts) > 1 and (_PREP_START.match(parts[0].strip() + " ")
                                  or re.match(r"(?:de|del|des|di|della|от|за)\s", parts[0].strip(), re.I)):
            a += len(parts[0]) + 1
            parts = parts[1:]
        while a < e and text[a] == " ":
            a += 1
        pm = _PREP_START.match(text[a:e])
        if pm and text[a + pm.end():a + pm.end() + 1] == " ":
            # "В Туитър пък Зеленски написа", "На 26 януари секретарят ... заяви": the subject after the phrase;
            # "En este sentido ha añadido": none
            nxt = re.match(r"\s+\S+", text[a + pm.end():e])
            from_ = a + pm.end() + (nxt.end() if nxt else 0)
            cands = [m.start() for m in re.finditer(r"(?<![\w-])\p{Lu}[\w'’.-]*", text[from_:e])]
            cands += [m.start() for m in _ROLE_RE.finditer(text[from_:e])]
            cands += [m.start() for m in _DET.finditer(text[from_:e]) if m.start() == 0 or text[from_ + m.start() - 1] == " "]
            if not cands:
                return None
            a = from_ + min(cands)
        subs = list(re.finditer(r"(?<!\w)(?:защото|тъй\s+като|докато|когато|ако|след\s+като|porque|cuando|mientras|si|se|"
                                r"parce\s+que|quand|lorsque|tandis\s+que|perché|quando|mentre|poiché|anche\s+perché|"
                                r"но|pero|mais|ma)\s", text[a:e], re.I))
        sub = subs[-1] if subs else None
        if sub is not None and len(_words(text[a + sub.end():e])) >= 1:
            a += sub.end()
        cl = re.search(r"\s(?:le|lo|la|gli|les|lui|leur|se|si|му|й|ѝ|го|я|им|им\s+го|le\s+|les)$", text[a:e], re.I)
        if cl and len(_words(text[a:a + cl.start()])) >= 1:
            e = a + cl.start()
        seg = text[a:e] + " "
        lead = _LEAD_SKIP.match(seg)
        if lead:
            a = min(e, a + lead.end())
        lead = _TIME_WORDS.match(text[a:e] + " ")
        if lead:
            a = min(e, a + lead.end())
        # a fronted adverbial ending in a comma ("На 26 януари,", "Sin embargo,", "Още тогава")
        m = re.match(r"^(?:(?:на|в|през|от|след|en|el|dans|le|il|nel|a|à)\s+)?[\w.-]+(?:\s+[\w.-]+){0,3},\s+", text[a:e],
                     re.I)
        if m and not re.search(r"\p{Lu}", text[a:a + m.end()].split(",")[0][1:]):
            a += m.end()
        m = re.match(r"^(?:на|в|през)\s+\d+\s+\w+\s+", text[a:e], re.I)
        if m:
            a += m.end()
        # trailing adverbs ("ya", "също така", "обаче", "pure")
        tail = re.search(r"(?:\s+(?:ya|también|además|ayer|също|също\s+така|още|вече|обаче|пък|déjà|aussi|également|"
                         r"hier|mercredi|samedi|già|anche|pure|ieri|poi))+$", text[a:e], re.I)
        if tail:
            e = a + tail.start()
        while a < e and text[a] in " ,\"“”„«»" + _DASH:
            a += 1
        if e <= a:
            return None
        words = re.findall(r"[\w'’.-]+", text[a:e])
        if not words or len(words) > 14:
            return None
        if coordinated:
            # "Il premier torna a Milano": the subject of the first verb, a determiner + noun or a name
            lead_np = re.match(rf"\s*(?:(?i:{_DET.pattern})\s*[\w'’-]+(?:\s+\p{{Lu}}[\w'’.-]*)*|"
                               r"\p{Lu}[\w'’.-]*(?:\s+\p{Lu}[\w'’.-]*)*)", text[a:e])
            if lead_np:
                e = a + lead_np.end()
        a, e = self.tidy(a, e)
        if e <= a or not self.plausible(text[a:e]):
            return None
        return a, e

    def resolve(self, att: _Att, prev: _Att | None) -> None:
        """Pronoun sources and missing subjects take the speaker of the previous attribution in the paragraph."""
        if att.src_s is None and att.cue_s is None:
            return  # a quote with no cue and no source: nothing says who spoke
        if att.spk_s is not None:
            return  # resolved where it was found ("според което": the noun the relative clause hangs on)
        if att.src_s is not None and att.src_e is not None:
            words = self.text[att.src_s:att.src_e]
            if not self.pron.match(words.strip()):
                att.spk_s, att.spk_e = att.src_s, att.src_e
                return
        if prev is not None and prev.spk_s is not None and prev.spk_e is not None:
            if att.src_s is not None and att.src_e is not None:
                pron = self.text[att.src_s:att.src_e].strip().lower()
                antecedent = self.text[prev.spk_s:prev.spk_e]
                if pron in _SINGULAR and (speaker_outlet_lang(antecedent) or _PLURAL.search(antecedent)
                                          or re.match(rf"(?:{_DOCUMENTS})(?!\w)", antecedent, re.I)):
                    return
            att.spk_s, att.spk_e = prev.spk_s, prev.spk_e
        elif prev is None and att.src_s is not None and att.src_e is not None:
            # no attribution before it in the paragraph: the person last named in full before the pronoun ("Владимир
            # Жириновски ... Според него ...", "... каза той")
            found = self.person_before(att.src_s, self.text[att.src_s:att.src_e].strip().lower())
            if found is not None:
                att.spk_s, att.spk_e = found

    def person_before(self, off: int, pron: str) -> tuple[int, int] | None:
        """The last person named in full (two or more capitalised words, a PERSON mention) within
        ``PERSON_BEFORE_CHARS`` before ``off``, of the pronoun's gender where the language marks it; None when the
        pronoun is plural or nobody fits."""
        gender = _PRONOUN_GENDER.get(pron)
        if gender is None:
            return None
        # the words the document names as something else than a person ("Украйна", "Кремъл", "НАТО")
        others = {m.text for m in self.doc.mentions if m.label != "PERSON" and " " not in m.text}
        for m in sorted(self.doc.mentions, key=lambda m: m.end, reverse=True):
            if m.label != "PERSON" or m.end > off or off - m.end > PERSON_BEFORE_CHARS:
                continue
            words = list(re.finditer(r"[^\s\"“”„«»]+", m.text))
            if re.search(r"[\"“”„«»]", m.text):  # "Скай Нюз” Дебора ...": the name after a quoted outlet
                cut = max(k.end() for k in re.finditer(r"[\"“”„«»]", m.text))
                words = [w for w in words if w.start() >= cut]
            # a place, an acronym, a role with its article or a sentence's first word before the name ("САЩ Аврил
            # Хейнс", "Политологът Христо Панчугов", "Според Кадиров")
            while words and (words[0].group() in others or words[0].group().isupper()
                             or re.search(r"\w(?:ът|ят)$", words[0].group())
                             or words[0].group().lower() in _LEADING_WORDS):
                words.pop(0)
            if len(words) < 2 or not all(w.group()[:1].isupper() for w in words) or words[-1].group() in others \
                    or speaker_outlet_lang(" ".join(w.group() for w in words)):
                continue
            female = words[-1].group().endswith(("а", "a")) and not words[-1].group().endswith(("ла", "ша"))
            if (gender == "f") != female:
                continue
            return m.start + words[0].start(), m.start + words[-1].end()
        return None


_CLITIC = re.compile(r"(?:lo|la|le|li|gli|ne|les|l['’]|се|го|я|ги|му|й|ѝ|им|se|si)", re.I)
_DET = re.compile(r"l['’]|(?:el|la|los|las|le|les|il|lo|gli|un|una|une|uno|des|del|algun\w*|certains?|certaines?|"
                  r"alcuni|alcune|unos|unas|cette|ce|cet|ces|este|esta|estos|estas|questo|questa|quest['’]|"
                  r"ambos|ambas|les\s+deux)(?!\w)", re.I)
_PREP_START = re.compile(r"(?:dal|dalla|dai|dagli|desde|depuis|en|in|dans|à|a|al|au|con|avec|con|durante|pendant|tras|après|dopo|sur|su|sobre|"
                         r"según|selon|secondo|в|във|на|по|при|след|interrogad[oa]s?|preguntad[oa]s?|interrogée?s?|"
                         r"interpellée?s?|interpellat[oa]|попитан[аи]?)(?!\w)", re.I)
#: an impersonal reflexive ("Това може да се отрече", "Може би ще се твърди"): a hedge, nobody speaks
_IMPERSONAL_BEFORE = re.compile(r"(?<!\w)(?:може|могат|би\s+могло|ще)\s+(?:да\s+)?се\s*$", re.I)
#: a cue after "could not" ('"Ройтерс" не можа независимо да потвърди', 'no pudo confirmar', 'n'a pas pu
#: confirmer', 'non ha potuto confermare'): the reporter's note that nobody confirmed, no attribution
_NEGATED_BEFORE = re.compile(
    r"(?<!\w)(?:не\s+(?:можа|може|можаха|могат|можеше|успя|успяха|успее|успеят)|no\s+(?:pudo|puede|pudieron|pueden|"
    r"ha\s+podido|han\s+podido|logró|lograron)|n['’](?:a|ont|avait|avaient)\s+pas\s+pu|ne\s+(?:peut|peuvent|pouvait|"
    r"pouvaient|pourrait|pourraient)\s+pas|non\s+(?:ha|hanno|aveva|avevano)\s+potuto|non\s+(?:può|possono|è\s+riuscit\w|"
    r"sono\s+riuscit\w)|не\s+(?:смог\w*|может|могут)|nie\s+(?:mógł|mogła|może|mogli|mogą))(?:\s+[\w-]+){0,2}?"
    r"(?:\s+да)?\s*$",
    re.I,
)


def _nobody_speaks(text: str, ps: int, cue_s: int) -> bool:
    """A cue after "could not" ("... не можа независимо да потвърди": nobody confirmed, "Дори Путин не може да
    отрече": a denial nobody made) or in an impersonal reflexive ("Това може да се отрече"): no attribution."""
    return bool(_NEGATED_BEFORE.search(text, max(ps, cue_s - 60), cue_s)
                or _IMPERSONAL_BEFORE.search(text, max(ps, cue_s - 30), cue_s))


# words that, alone, are no speaker (a capital at a sentence start made them look like names)
_NOT_SPEAKERS = frozenset("tras como come ma pero asimismo además también así mais alors ainsi aussi donc puis "
                          "però poi quindi anche così но и а също".split())
# first and second person: "secondo me", "según tú", "selon moi" give an opinion, not a source
_SELF = frozenset("me te noi voi mí ti tú nosotros vosotros moi toi nous vous мен теб нас вас".split())
#: capitalised words that open a sentence and are no part of a name
_LEADING_WORDS = frozenset("според междувременно ако но и а докато когато след преди също освен затова така "
                           "тогава вчера днес по за от в на".split())
#: how far back (characters) a pronoun source looks for a person named in full
PERSON_BEFORE_CHARS = 1500
#: the gender of a singular personal pronoun source (bg, ru, uk, pl; fr/es/it pronouns are rarely a source)
_PRONOUN_GENDER = {"той": "m", "него": "m", "му": "m", "го": "m", "тя": "f", "нея": "f", "й": "f", "ѝ": "f",
                   "он": "m", "она": "f", "він": "m", "вона": "f", "on": "m", "ona": "f"}
_SINGULAR = frozenset("той тя то него нея му го й ѝ él ella il elle lui lei egli essa он она він вона on ona".split())
_PLURAL = re.compile(r"(?:медии|издания|агенциите|очевидци|източници|fuentes|sources|fonti|media|"
                     r"\w+(?:ите|ите|ция\s+и)|\s(?:и|y|e|et)\s)(?!\w)", re.I)


def _words(s: str) -> list[str]:
    return re.findall(r"[\w'’-]+", s)


def _spurious(text: str, q: _Mark, cued: bool) -> bool:
    """A name, title or scare quote rather than a quotation."""
    if cued:
        return False
    content = text[q.start:q.end]
    words = _words(content)
    if not words:
        return True
    before = text[max(0, q.mark_start - 40):q.mark_start]
    if before.rstrip().endswith("(") and text[q.mark_end:q.mark_end + 2].lstrip().startswith(")"):
        return True
    if _NAMING.search(before):
        return True
    sentence_like = bool(re.search(r"[.!?…]", content.rstrip(".!?…")) or re.search(r"[.!?…]$", content))
    if len(words) <= 3 and not sentence_like:
        return True
    caps = [w for w in words if w[0].isupper()]
    long_words = [w for w in words if len(w) > 3]
    if len(words) <= 6 and long_words and all(w[0].isupper() for w in long_words) and not sentence_like:
        return True  # a title: "Marcha Global por Siria"
    return len(caps) == len(words) and len(words) <= 8


def extract_quotes_lang(doc: Document, *, lang: str | None = None,
                        written: list[tuple[int, int] | None] | None = None,
                        links: list[list[CitedLink]] | None = None) -> list[Quote]:
    """Quotes and reported speech in a bg/es/fr/it (or ru/uk/pl) document, without a parse.

    ``lang`` defaults to ``doc.language``. When ``written`` is a list it receives, for each returned quote in
    order, the source span as written (a pronoun before resolution), or None (see
    :func:`newstrace.extract.quotes.extract_quotes`). When ``links`` is a list it receives, for each returned
    quote in order, the outlets, platforms and documents cited in its cue's sentence (:func:`cited_links`),
    the attribution chain (``Quote.cited_outlet`` holds one outlet only).
    """
    lang = (lang or doc.language or "").lower()[:2]
    if lang not in LANGS or not doc.text:
        return []
    L = _Lang(doc, lang)
    text = doc.text
    atts: list[_Att] = []
    prev_para: tuple[int, int] | None = None
    for ps, pe in _paragraphs(doc):
        atts += _paragraph(L, ps, pe, prev_para)
        prev_para = (ps, pe)
    atts = _dedupe(text, atts)
    index = {id(a): i for i, a in enumerate(atts)}
    out: list[Quote] = []
    for a in atts:
        speaker = text[a.spk_s:a.spk_e] if a.spk_s is not None and a.spk_e is not None else None
        cue = re.sub(r"\s+", " ", text[a.cue_s:a.cue_e]).lower() if a.cue_s is not None and a.cue_e is not None else None
        outlet = a.outlet
        if outlet is None and speaker:
            o = speaker_outlet_lang(speaker)
            outlet = o
        if outlet is None and speaker and a.spk_e is not None and (lm := _LISTENER_AFTER.match(text, a.spk_e)):
            outlet = lang_outlet(lm.group("outlet"))  # "dijo un vecino a la agencia Efe": the outlet spoken to
        entity = _entity_for(doc, a.spk_s, a.spk_e) if speaker else None
        out.append(Quote(
            start=a.start, end=a.end, text=text[a.start:a.end], kind=a.kind,  # type: ignore[arg-type]
            speaker=speaker, speaker_start=a.spk_s if speaker else None, speaker_end=a.spk_e if speaker else None,
            speaker_entity=entity, cue=cue, cue_start=a.cue_s, cue_end=a.cue_e, cited_outlet=outlet,
            cue_type="speech" if (speaker or cue) else None,
            # the earlier piece of the same quotation (always an earlier index: the list is sorted by start)
            continues=index.get(id(a.piece_of)) if a.piece_of is not None and speaker else None,
        ))
        if written is not None:
            written.append((a.src_s, a.src_e) if a.src_s is not None and a.src_e is not None else None)
        if links is not None:
            links.append(list(a.links))
    return out


def speaker_outlet_lang(speaker: str) -> str | None:
    """The canonical outlet a speaker of the other languages names: "ДПА", "агенция Ройтерс", "la agencia EFE",
    "сайтът Лупа" (the name after the descriptor); None for a person or a body."""
    o = lang_outlet(speaker)
    if o:
        return o
    m = _lang_outlet_re().search(speaker)
    if m and _OUTLET_NOUNS.search(speaker[:m.start()] + " "):
        return lang_outlet(m.group()) or m.group()
    if _OUTLET_HEAD.match(speaker):
        if len(_words(speaker)) <= 5 and not _lang_outlet_re().search(speaker):
            nm0 = re.search(r"(?:\p{Lu}[\w.-]*)(?:\s+\p{Lu}[\w.-]*)*\s*$", speaker)
            if nm0 is None or nm0.start() == 0:
                return speaker.strip()
    if _OUTLET_NOUNS.search(speaker) and len(_words(speaker)) <= 5:
        # "сайтът Лупа", "уебсайтът на телевизионния канал Digi24": the name after the descriptor
        nm = re.search(r"(?:\p{Lu}[\w.-]*)(?:\s+\p{Lu}[\w.-]*)*\s*$", speaker)
        if nm:
            return nm.group().strip()
        if re.match(r"(?:украински|руски|световните|западни|местни)\s", speaker, re.I) or re.search(
                r"медии|издания|агенциите", speaker):
            return speaker
    return None


def _entity_for(doc: Document, s: int | None, e: int | None) -> str | None:
    if s is None or e is None:
        return None
    best: tuple[int, str] | None = None
    rank = {"PERSON": 0, "ORG": 1, "OUTLET": 1, "NORP": 2, "UNIT": 2}
    for m in doc.mentions:
        if m.start < e and s < m.end and m.entity:
            ent = doc.entities.get(m.entity)
            r = {"person": 0, "organization": 1, "outlet": 1, "unit": 2, "group": 2}.get(ent.type, 9) if ent else \
                rank.get(m.label, 9)
            if r < 9 and (best is None or r < best[0]):
                best = (r, m.entity)
    return best[1] if best else None


def _dedupe(text: str, atts: list[_Att]) -> list[_Att]:
    atts.sort(key=lambda a: (a.start, -a.end))
    out: list[_Att] = []
    seen: set[tuple[int, int, str]] = set()
    for a in atts:
        key = (a.start, a.end, a.kind)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


def _clause_start(text: str, sents: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sents:
        if s <= pos < e + 1:
            return s, e
    return pos, pos


_OBJECT_CUES = {
    "bg": r"отрече|отрича|отричат|отрекоха|отхвърля|отхвърли|отхвърлят|нарече|нарекоха|обвини|обвиниха|обвинява|"
          r"потвърди|потвърждава|потвърдиха",
    "es": r"negó|niega|negaron|desmintió|desmiente|confirmó|confirma|calificó|acusó|acusa",
    "fr": r"(?:a|ont)\s+démenti|dément|(?:a|ont)\s+nié|nie|(?:a|ont)\s+confirmé|confirme|(?:a|ont)\s+qualifié|qualifie|"
          r"(?:a|ont)\s+accusé|accuse",
    "it": r"(?:ha|hanno)\s+smentito|smentisce|(?:ha|hanno)\s+negato|nega|(?:ha|hanno)\s+confermato|conferma|"
          r"(?:ha|hanno)\s+definito|definisce|(?:ha|hanno)\s+accusato|accusa",
    "ru": r"опроверг|опровергла|отверг|отвергла|подтвердил|подтвердила|назвал|назвала|обвинил|обвинила",
    "uk": r"спростував|спростувала|заперечив|заперечила|підтвердив|підтвердила|назвав|назвала",
    "pl": r"zaprzeczył|zaprzeczyła|potwierdził|potwierdziła|nazwał|nazwała|oskarżył|oskarżyła",
}
_OBJECT_RES = {k: re.compile(rf"(?<![\w-])(?:{v})(?![\w])", re.I) for k, v in _OBJECT_CUES.items()}
_CONTENT_CUT = re.compile(r"\s\([^()]*\),|,\s*(?:без\s+да|sin\s+(?:dar|precisar|aportar)|sans|senza)\b", re.I)
_OBJECT_CUT = re.compile(r"\s(?:пред|ante|devant|davanti)\s|,\s*(?:като|y|et|e)\s", re.I)


def _cut_content(L: _Lang, cs: int, ce: int, sents: list[tuple[int, int]], obj: bool = False) -> int:
    """The end of a reported clause: before a parenthesis, a ", като/sans/senza ..." adjunct, a coordinated
    second cue (", и ги нарече ...") or a closing speech tail (", предава БТА")."""
    text = L.text
    m = _CONTENT_CUT.search(text, cs, ce)
    if m and m.start() - cs >= 3:
        ce = m.start()
    m = _OBJECT_CUT.search(text, cs, ce) if obj else None
    if m and m.start() - cs >= 3:
        ce = m.start()
    for cm in L.cue.finditer(text, cs, ce):
        pre = re.search(r"(?:,\s*|\s+[-–—]\s*|\s+(?=(?:и|y|e|et|i|а)\s))(?:(?:и|y|e|et|i|а)\s+)?"
                        r"(?:(?:ги|го|я|ѝ|му|le|la|lo|les|gli|lui)\s+)?$", text[max(cs, cm.start() - 12):cm.start()])
        if pre and L.is_cue(cm):
            cut_at = max(cs, cm.start() - 12) + pre.start()
            if cut_at - cs >= 3:
                ce = cut_at
                break
    while ce > cs and text[ce - 1] in " ,.;:-–—\"“”»":
        ce -= 1
    return ce


def _paragraph(L: _Lang, ps: int, pe: int, prev_para: tuple[int, int] | None = None) -> list[_Att]:
    text = L.text
    marks = _scan_quotes(text, ps, pe)
    outer = [m for m in marks if m.depth == 0]
    qspans = [(m.mark_start, m.mark_end) for m in outer]
    sents = _sentences(text, ps, pe, qspans)
    used_cues: set[int] = set()

    def in_quote(pos: int) -> bool:
        return any(m.start <= pos < m.end for m in outer)

    # -- direct quotes -----------------------------------------------------
    direct: list[_Att] = []
    names: list[_Mark] = []  # quoted names and titles, kept to tell the next quote of a list apart
    last_q: _Att | None = None  # the last quotation kept in the paragraph
    for q in marks:
        if q.depth > 0:
            continue  # inner marks are part of the outer quote
        a = _Att(q.start, q.end, "direct", mark=q)
        # an unclosed quote at the paragraph start may end at a speech tail: „..., цитират го агенциите.
        if not q.closed:
            for cm in L.cue.finditer(text, q.start, q.end):
                if re.search(r"[,.]\s*[-–—]?\s*$", text[max(ps, cm.start() - 4):cm.start()]) and L.is_cue(cm):
                    e = cm.start()
                    while e > q.start and text[e - 1] in " ,-–—":
                        e -= 1
                    a.end = q.end = e
                    q.mark_end = e
                    break
        ss, se = _clause_start(text, sents, q.mark_start)
        lead = text[ss:q.mark_start]
        short = len(_words(text[q.start:q.end])) <= 3 and not re.search(r"[.!?…]", text[q.start:q.end])
        listed = bool(names) and re.fullmatch(r"\s*(?:,|и|y|e|et|i|o|или)\s*", text[names[-1].mark_end:q.mark_start])
        tail = _tail(L, q.mark_end, pe)
        if tail is not None and (short or listed) and len(_words(lead)) >= 2:
            # "... машини "Страйкър", се казва в съобщението.": a name ending a reported sentence
            names.append(q)
            cue_s = tail[0]
            if not re.match(rf"\s*[,]?\s*(?:{_COMPL[L.lang]})", text[tail[1]:pe]) and cue_s not in used_cues:
                r = _Att(ss, q.mark_end, "indirect", tail[0], tail[1])
                r.end = _cut_content(L, r.start, r.end + 1, sents) if r.end > r.start else r.end
                if tail[2]:
                    r.src_s, r.src_e = tail[2]
                used_cues.add(cue_s)
                direct.append(r)
            continue
        if tail is not None:
            a.cue_s, a.cue_e, src = tail
            used_cues.add(a.cue_s)
            if src:
                a.src_s, a.src_e = src
        else:
            intro = _intro(L, ps, q.mark_start, sents)
            if intro is not None:
                cue, src = intro
                if cue:
                    a.cue_s, a.cue_e = cue
                    used_cues.add(cue[0])
                if src:
                    a.src_s, a.src_e = src
        cued = a.cue_s is not None or a.src_s is not None
        own = None if cued else _OWN_TAIL.match(text, q.mark_end, pe)
        a.foreign = own is not None and own.group("named") is not None
        piece = not cued and own is None and last_q is not None and _piece_gap(L, last_q, q.mark_start)
        if piece:
            # '«A», dijo X. «B»': the second piece of a quotation split by its attribution (even a short one, when
            # it is a sentence of its own: '"...", ha detto X. "Servono più munizioni".')
            a.piece_of = last_q
            if _spurious(text, q, False) or listed:
                if not _own_sentence(text, q, sents):
                    names.append(q)
                    continue
                a.tentative = True
        elif not cued and (_spurious(text, q, False) or listed):
            names.append(q)
            continue
        if not cued and not q.opened and q.start == ps and not re.search(r"[.!?…]", text[q.start:q.end]):
            continue
        direct.append(a)
        last_q = a
    # a tweet quoted as "@user: text"
    tm = re.match(r"\s*(@\w+):\s+(?=\S)", text[ps:pe])
    if tm and not any(d.start <= ps + tm.end() < d.end for d in direct):
        a = _Att(ps + tm.end(), pe, "direct")
        a.end = _cut_content(L, a.start, pe, sents) if False else pe
        while a.end > a.start and text[a.end - 1].isspace():
            a.end -= 1
        a.src_s, a.src_e = ps + tm.start(1), ps + tm.end(1)
        direct.append(a)
    # -- reported speech -----------------------------------------------------
    indirect: list[_Att] = []
    for cm in L.cue.finditer(text, ps, pe):
        if cm.start() in used_cues or in_quote(cm.start()) or not L.is_cue(cm):
            continue
        if _nobody_speaks(text, ps, cm.start()):
            continue
        ss, se = _clause_start(text, sents, cm.start())
        after = text[cm.end():se]
        # "X каза, че ..." / "X dijo que ..." (an object or a prepositional phrase may come between)
        # ("потвърди пред "Ройтерс", че ...": a short quoted name after a preposition may stand in the gap, not a
        # scare quote or a title in brackets)
        cm2 = re.match(rf"((?:[^.!?;:„“\"«»]|(?<=(?<!\w)(?:пред|в|във|на|a|à|al|au|ante|to|in|de|di|da)\s)[„“\"«]"
                       rf"(?-i:\p{{Lu}})[^.!?;:„“\"«»]{{0,40}}[“”\"»]){{0,60}}?)[\s,]*(?<!\w)"
                       rf"(?:{_COMPL[L.lang]})", after, re.I)
        if cm2 and not re.search(r"(?<!\w)(?:това|esto|cela|ciò|questo)(?!\w)", cm2.group(1), re.I):
            cs = cm.end() + cm2.end()
            while cs < se and text[cs].isspace():
                cs += 1
            ce = _cut_content(L, cs, se, sents)
            if ce - cs < 3:
                continue
            a = _Att(cs, ce, "indirect", cm.start(), cm.end())
            src = L.speaker_before(ss, cm.start())
            if src is None:
                # "заяви председателят ..., че": the speaker after the cue
                src = L.speaker_after(cm.end(), cm.end() + cm2.start(1) + len(cm2.group(1)))
            if src:
                a.src_s, a.src_e = src
            indirect.append(a)
            continue
        # "..., добави държавният глава." / "..., предаде БНР." / "Това каза ... Зеленски."
        pre = text[ss:cm.start()]
        if re.search(r"[,]\s*[-–—]?\s*$|\s[-–—]\s*$", pre) and len(_words(pre)) >= 3:
            cs = ss
            colon = re.match(r"[^,:]{1,40}:\s+", pre)  # "Πpичинaтa: ..."
            if colon:
                cs = ss + colon.end()
            ce = ss + len(pre.rstrip(" ,-–—"))
            a = _Att(cs, ce, "indirect", cm.start(), cm.end())
            src = L.speaker_after(cm.end(), se)
            if src is None:
                pm = re.match(r"\s+(\w+)", text[cm.end():se])
                if pm and L.pron.match(pm.group(1)):
                    src = (cm.end() + pm.start(1), cm.end() + pm.end(1))
            if src:
                a.src_s, a.src_e = src
            elif not re.match(r"\s*(?:[.!?…]|$)", text[cm.end():se]):
                continue
            indirect.append(a)
            continue
        if re.fullmatch(r"(?:Това|Тези\s+думи|Esto|Ceci|Cela|Questo|Это|Це|To)\s+", pre, re.I):
            # the previous sentence is the content (in this paragraph, else the last one of the previous)
            earlier = [s for s in sents if s[1] <= ss]
            if earlier:
                cs, ce = earlier[-1]
            elif prev_para is not None:
                psents = _sentences(text, prev_para[0], prev_para[1], [])
                cs, ce = psents[-1] if psents else prev_para
            else:
                continue
            while ce > cs and text[ce - 1] in ".!?… ":
                ce -= 1
            a = _Att(cs, ce, "indirect", cm.start(), cm.end())
            src = L.speaker_after(cm.end(), se)
            if src:
                a.src_s, a.src_e = src
            indirect.append(a)
    # denials and confirmations with an object: "Той отхвърля всички обвинения", "потвърди за дарението"
    orx = _OBJECT_RES.get(L.lang)
    for om in orx.finditer(text, ps, pe) if orx else ():
        if in_quote(om.start()) or any(r.cue_s is not None and r.cue_s <= om.start() < (r.cue_e or 0)
                                       for r in indirect + direct):
            continue
        if _nobody_speaks(text, ps, om.start()):
            continue
        ss, se = _clause_start(text, sents, om.start())
        after = text[om.end():se]
        if re.match(rf"[\s,]*(?:{_COMPL[L.lang]})", after, re.I):
            continue
        am = re.match(r"\s+(?:(?:го|я|ги|gli|le|lo|la|les|lo|los|las|se)\s+)?(?:(?:за|de|sur|su)\s+)?", after, re.I)
        cs = om.end() + (am.end() if am else 0)
        ce = _cut_content(L, cs, se, sents, obj=True)
        if len(_words(text[cs:ce])) < 1 or ce - cs < 3:
            continue
        a = _Att(cs, ce, "indirect", om.start(), om.end())
        src = L.speaker_before(ss, om.start())
        if src:
            a.src_s, a.src_e = src
        indirect.append(a)
    # -- according to -----------------------------------------------------------
    for am in L.according.finditer(text, ps, pe):
        if in_quote(am.start()):
            continue
        if L.lang == "it" and am.group().lower() == "secondo" and (
                re.search(r"(?:il|un|suo|sua|del|al|nel|dal|lo|la|per\s+il|questo|ogni)\s+$", text[max(ps, am.start() - 12):am.start()],
                          re.I) or not re.match(r"\s+(?:[\p{Lu}\"„“«]|l['’]|(?:il|lo|la|i|gli|le|un|una|fonti|me|te|lui|lei|noi|"
                                                 r"voi|loro|quanto|alcun\w*|molt\w*|diverse|gli)(?!\w))", text[am.end():pe])):
            continue  # "il suo secondo mandato", "un secondo": the ordinal
        acc = _according(L, am, sents, ps, pe)
        if acc is not None:
            indirect.append(acc)
    # -- dash quotes: "- ... - каза X." ------------------------------------------------
    dm = re.match(r"[ \t]*[-–—]\s+(?=\p{L})", text[ps:pe])
    if dm and not marks:
        # "— A, — каза X. — B, — добави той. — C.": pieces and turns, each opened by a dash; a piece with no cue of
        # its own after an attribution is the next piece of the same quotation
        piece_s, body_s = ps, ps + dm.end()
        prev_piece: _Att | None = None
        while body_s < pe:
            found = None
            for cm in L.cue.finditer(text, body_s, pe):
                if re.search(r"\s[-–—]\s*$|,\s*[-–—]\s*$", text[body_s:cm.start()]):
                    found = cm
                    break
            if found is None:
                if prev_piece is not None:
                    ce = pe
                    while ce > body_s and text[ce - 1].isspace():
                        ce -= 1
                    a = _Att(body_s, ce, "direct", piece_of=prev_piece)
                    indirect = [r for r in indirect if not (r.start >= piece_s and r.end <= ce + 1)]
                    direct.append(a)
                break
            cm = found
            ce = cm.start()
            while ce > body_s and text[ce - 1] in " ,-–—":
                ce -= 1
            a = _Att(body_s, ce, "direct", cm.start(), cm.end())
            ss, se = _clause_start(text, sents, cm.start())
            src = L.speaker_after(cm.end(), max(se, cm.end()))
            if src:
                a.src_s, a.src_e = src
            indirect = [r for r in indirect if not (r.start >= piece_s and r.end <= ce + 1)]
            direct.append(a)
            att_end = max(cm.end(), a.src_e or 0)
            nm = _NEXT_DASH.search(text, att_end, pe)
            if nm is None or not _piece_gap(L, a, nm.start(1)):
                break
            prev_piece, piece_s, body_s = a, nm.start(1), nm.end()
    # a closing speech tail of the same sentence is a chain link, not an attribution of its own:
    # "X заяви, че ..., предава БТА" / "Очевидци разказват, че ..., съобщават световните издания"
    cue_starts = [r.cue_s for r in indirect + direct if r.cue_s is not None]

    def chain_tail(r: _Att) -> bool:
        return r.kind == "indirect" and r.cue_s is not None and r.cue_s > r.end and any(
            r.start <= c < r.end for c in cue_starts)

    indirect = [r for r in indirect if not chain_tail(r)]
    direct = [d for d in direct if not chain_tail(d)]
    # indirect contents inside a direct quote are the quote's own words ("добави, че "..."": the quote only)
    def inside_direct(r: _Att) -> bool:
        rs, re_ = r.start, r.end
        while rs < re_ and text[rs] in _OPEN_Q + "»“”":
            rs += 1
        while re_ > rs and text[re_ - 1] in "\"“”»’'.!?…":
            re_ -= 1
        return any(d.kind == "direct" and d.mark is not None and d.start <= rs and re_ <= d.end + 1 for d in direct)

    kept_ind = []
    for r in indirect:
        if not inside_direct(r):
            kept_ind.append(r)
            continue
        for d in direct:  # the quote takes the cue and source of the reported-speech frame around it
            if d.cue_s is None and d.src_s is None and r.start <= d.start and d.end <= r.end + 1:
                d.cue_s, d.cue_e, d.src_s, d.src_e = r.cue_s, r.cue_e, r.src_s, r.src_e
    indirect = kept_ind
    # a partial quote inside reported speech: same source and cue
    for d in direct:
        if d.cue_s is None and d.src_s is None:
            for r in indirect:
                if r.start <= d.start and d.end <= r.end + 1:
                    d.cue_s, d.cue_e, d.src_s, d.src_e = r.cue_s, r.cue_e, r.src_s, r.src_e
                    break
    atts = sorted(direct + indirect, key=lambda a: a.start)
    # continuation: a cue-less quote right after an attributed quote in the paragraph keeps its speaker
    prev: _Att | None = None
    for a in atts:
        root = a.piece_of
        if root is not None and (root.spk_s is None or not any(r is root for r in atts)):
            a.piece_of = root = None  # nobody to continue: an ordinary cue-less quote (a short one is dropped)
        if root is not None:
            # the later piece of a split quotation: the earlier piece's speaker, as written and resolved
            a.spk_s, a.spk_e, a.src_s, a.src_e = root.spk_s, root.spk_e, root.src_s, root.src_e
        elif a.src_s is None and a.cue_s is None and a.kind == "direct" and prev is not None and prev.kind == "direct":
            if not a.foreign:  # ('"B", renchérit Barah Mikail': someone else's, with a verb the lists lack)
                a.spk_s, a.spk_e = prev.spk_s, prev.spk_e
        else:
            L.resolve(a, prev)
        nested = any(b is not a and b.start <= a.start and a.end <= b.end and b.kind == "indirect"
                     and (a.cue_s is None or b.start <= a.cue_s < b.end) for b in atts)
        if (a.spk_s is not None or a.src_s is not None) and not nested:
            prev = a
        # cited outlets and links in the attribution's sentence
        links = _links_for(L, a, sents, [d.mark for d in direct if d.mark is not None])
        spk = text[a.spk_s:a.spk_e] if a.spk_s is not None and a.spk_e is not None else None
        so = speaker_outlet_lang(spk) if spk else None
        if so and a.spk_s is not None and a.spk_e is not None and not any(
                lk.start < a.spk_e and a.spk_s < lk.end for lk in links):
            # an outlet speaker ("предаде БНР", "съобщи уебсайтът на ... Digi24") is its own reported_by link
            links.append(CitedLink(a.spk_s, a.spk_e, so, "reported_by"))
            links.sort(key=lambda lk: lk.start)
        a.links = links
        if links:
            pref = [lk for lk in links if lk.kind == "quoted_to"] or [
                lk for lk in links if lk.kind in ("reported_by", "according_to")]
            a.outlet = pref[0].name if pref else None
        if root is not None:  # and its cited outlets
            a.links, a.outlet = list(root.links), root.outlet
    # a short piece kept only as a piece
    return [a for a in atts if not (a.tentative and a.piece_of is None)]


def _piece_gap(L: _Lang, prev: _Att, start: int) -> bool:
    """Is a quote opening at ``start`` the next piece of ``prev``'s quotation, split by its attribution?

    ``prev`` is a direct quote whose cue or source comes after its content (``«A», dijo X.``, ``— A, — каза X.``)
    and the text from the end of that attribution to ``start`` is short (at most 120 characters), ends with
    ``.`` ``,`` ``:`` or a dash, and holds no quotation mark, no other sentence and no other speech verb (the
    rule of :func:`newstrace.extract.quotes._continue_speakers`, with no second sentence allowed in between).
    """
    if prev.kind != "direct":
        return False
    starts = [x for x in (prev.cue_s, prev.src_s) if x is not None]
    ends = [x for x in (prev.cue_e, prev.src_e) if x is not None]
    if not starts or not ends:
        return False
    content_end = prev.mark.mark_end if prev.mark is not None else prev.end
    att_end = max(ends)
    if min(starts) < content_end or att_end > start:
        return False  # the attribution comes before the quote ("X dijo: «A»"), or after this one
    text = L.text
    gap = text[att_end:start]
    core = gap.rstrip()
    if not core or len(core) > 120 or core[-1] not in ".,:" + _DASH or _DQ.search(gap):
        return False
    inner = core[:-1].rstrip(" .,:" + _DASH)
    if re.search(r"[.!?…;]\s", inner):
        return False  # another sentence between the pieces
    return not any(L.is_cue(m) for m in L.cue.finditer(inner))


# after a closing mark, an attribution of the quote's own with a verb the cue lists lack: '", résume Aton',
# '", abonde un spécialiste", '", scande-t-il", '", ha concluso", '- prosegue -'
_OWN_TAIL = re.compile(
    r"[ \t]*(?:,[ \t]*[-–—]?|[-–—])[ \t]*(?:(?:a|ont|ha|hanno|han|е|са)\s+\p{Ll}[\w]+(?:\s|[.,;]|$)|"
    r"\p{Ll}[\w]*-(?:t-)?(?:il|elle|ils|elles|on)(?!\w)|"
    r"(?P<named>\p{Ll}[\w]+\s+(?:\p{Lu}|(?:un|une|le|la|les|l['’]|el|los|las|il|lo|gli|uno|una)(?!\w))))")


_NEXT_DASH = re.compile(r"[.,:]\s*([-–—])\s+(?=\p{L})")  # "... каза X. — B": the dash opening the next piece


def _own_sentence(text: str, q: _Mark, sents: list[tuple[int, int]]) -> bool:
    """Nothing but punctuation follows the quote to its sentence's end (a short piece, not a name in marks)."""
    _ss, se = _clause_start(text, sents, q.mark_start)
    return bool(re.fullmatch(r"[\s.!?…]*", text[q.mark_end:max(se, q.mark_end)]))


def _tail(L: _Lang, pos: int, pe: int) -> tuple[int, int, tuple[int, int] | None] | None:
    """A cue right after a closing quote mark: ``", каза X"``, ``» a clamé X``, ``“. - заключава X``."""
    text = L.text
    m = re.match(r"[ \t]*[,.]?[ \t]*(?:[-–—][ \t]*)?", text[pos:pe])
    p = pos + (m.end() if m else 0)
    cm = L.cue.match(text, p, pe)
    if cm is None:
        # "...", се казва още в декларацията / "..." dice Fini: adverbs between
        cm2 = re.match(r"(?:(?:още|също|пак|вчера|днес|también|ayer|aussi|encore|anche|ancora|poi)\s+)", text[p:pe],
                       re.I)
        if cm2:
            cm = L.cue.match(text, p + cm2.end(), pe)
    if cm is None or not L.is_cue(cm):
        return None
    cue_e = cm.end()
    # the speaker: the rest of the clause; an inverted pronoun "-t-il" is the speaker
    inv = re.search(r"-(?:t-)?(il|elle|ils|elles|on)$", cm.group(), re.I)
    if inv:
        s = cm.start() + inv.start(1)
        return cm.start(), cue_e - len(inv.group()), (s, cue_e)
    # "„...“, каза тя." / "цитират го агенциите": a pronoun right after the cue is the source
    pm = re.match(r"\s+(\w+)", text[cue_e:pe])
    if pm and L.pron.match(pm.group(1)):
        return cm.start(), cue_e, (cue_e + pm.start(1), cue_e + pm.end(1))
    return cm.start(), cue_e, L.speaker_after(cue_e, pe)


def _intro(L: _Lang, ps: int, mark_s: int, sents: list[tuple[int, int]]) -> tuple[tuple[int, int] | None,
                                                                                   tuple[int, int] | None] | None:
    """``X dice: "..."`` / ``il vescovo: «...»``: the cue and speaker before a quote that follows a colon."""
    text = L.text
    before = text[ps:mark_s]
    if not re.search(r":\s*$", before):
        return None
    ss = ps
    for s, _e in sents:
        if s <= mark_s:
            ss = s
    # the clause before the colon: from the sentence start, or after the last full stop before the colon
    colon = ps + before.rstrip().rfind(":")
    base = clause_s = max(ss, ps)
    for m in re.finditer(r"[.!?…][\"“”»’]?\s+", text[base:colon]):
        clause_s = base + m.end()
    cues = [cm for cm in L.cue.finditer(text, clause_s, colon) if L.is_cue(cm)]
    if cues:
        cm = cues[-1]
        src = L.speaker_before(clause_s, cm.start())
        if src is None:
            # "e dice:" after a subject earlier in the clause ("Fini torna a Mirabello e dice")
            first = re.match(r"\s*((?:\p{Lu}[\w'’.-]*)(?:\s+\p{Lu}[\w'’.-]*)*)", text[clause_s:cm.start()])
            if first:
                src = (clause_s + first.start(1), clause_s + first.end(1))
            else:
                m2 = re.search(r"(?:^|[.;]\s*|\s(?:e|y|et|и)\s+)((?:\p{Lu}[\w'’.-]*)(?:\s+\p{Lu}[\w'’.-]*)*)\s+\S+",
                               text[clause_s:cm.start()])
                if m2:
                    src = (clause_s + m2.start(1), clause_s + m2.end(1))
        if src is None:
            sm = re.match(r"(?:.*\s)?((?:\p{Lu}[\w'’.-]*)(?:\s+\p{Lu}[\w'’.-]*)*)\s+(?:\w+\s+)?$",
                          text[clause_s:cm.start()])
            if sm:
                src = (clause_s + sm.start(1), clause_s + sm.end(1))
        return (cm.start(), cm.end()), src
    # a headline speaker: "Africa Massacri in Congo, il vescovo: «...»"
    head = text[clause_s:colon]
    part = head.split(",")[-1].strip()
    lead = _LEAD_SKIP.match(part + " ")
    if lead:
        part = part[lead.end():].strip()
    if 0 < len(_words(part)) <= 5 and (_ROLE_RE.search(part) or re.match(r"\p{Lu}", part)):
        s = colon - len(head.split(",")[-1].lstrip())
        s = text.find(part, clause_s)
        return None, (s, s + len(part))
    return None


_SRC_STOP = re.compile(  # case-sensitive on purpose: capitalised words never end a source
    r"(?:към|в|във|през|от|по|за|след|до|при|със|с|над|под|обаче|пък|също|вече|сега|"
    r"en|durante|desde|hasta|tras|sin\s+embargo|ya|dans|pendant|depuis|jusqu|cependant|déjà|"
    r"nel|nella|durante|dopo|però|già|in|a|à|al|au|il|la|le|los|las|el|i|gli|les|un|una|une|"
    r"потрібно|необходимо|е|са|има|няма|ще|би|може|не|se|si|ne|no|non|"
    r"potrebbe|potrebbero|può|possono|sono|è|era|erano|ha|hanno|es|son|fue|fueron|ha|han|est|sont|était|a|ont)$", re.I)


#: Bulgarian words a definite noun may follow inside one noun phrase: prepositions, particles, conjunctions
_BG_BEFORE_NOUN = frozenset("да ще не се си на от за в във с със и или към по при през след до над под между".split())


def _source_end(L: _Lang, rest: str, subject_break: bool = False) -> tuple[int | None, str]:
    """Where the source after "според" / "selon" ends when no comma ends it, and why: "subject" when the next
    subject starts there, else "words". Words up to a preposition, an adverb or a verb-like word, "на/de + Name"
    kept ("бившия съветник на Тръмп"). With ``subject_break`` (Bulgarian, a comma further on) a name right after a
    common noun that is not a role starts the next subject too ("според журналисти Пентагонът се е съгласил")."""
    ws = list(re.finditer(r"[\"„“«][^\"“”»]{1,40}[\"“”»]|[\w'’.-]+", rest))
    end = None
    named = False  # a name or a quoted title seen: a lowercase word after it ends the source
    for k, w in enumerate(ws[:8]):
        tok = w.group()
        if named and not tok[:1].isupper() and tok[:1] not in "\"„“«":
            nxt = ws[k + 1].group() if k + 1 < len(ws) else ""
            if tok.lower() in ("и", "y", "e", "et", "на", "de", "di", "del", "du") and (
                    nxt[:1].isupper() or nxt[:1] in "\"„“«"):
                continue
            caps = [x.group() for x in ws[:k] if x.group()[:1].isupper()]
            # (capitalised adjectives before a noun: "Американският военен експерт"; a quoted title is no adjective)
            adj = bool(caps) and all(re.search(r"(?:ска|ската|ски|ския|ският|ско|ското|ските)$", x) for x in caps)
            if not adj or k > 3:
                if L.lang == "bg" and re.search(r"\w(?:ът|ят|та|то|те)$", tok):
                    return end, "subject"  # "според Фокус израелското министерство ...": a definite word after a name
                break
        if subject_break and k > 0 and tok[:1].isupper() and not named:
            prev = ws[k - 1].group()
            nxt = ws[k + 1].group() if k + 1 < len(ws) else ""
            if prev[:1].islower() and prev.lower() not in ("на", "и") and not _ROLE_RE.search(rest[:w.start()]) \
                    and not nxt[:1].isupper() \
                    and not re.search(r"(?:(?:ск|цк|ж)(?:и|ия|ият|а|ата|о|ото|ите)|н(?:ата|ия|ият|ите|ото))$", prev):
                return end, "subject"  # (a name of two capitalised words is the noun's apposition: "дипломат К. Г.")
        if tok[:1].isupper() or tok[:1] in "\"„“«":
            named = True
        if k > 0 and L.lang == "bg" and not named and re.search(r"(?:ът|ят)$", tok) \
                and ws[k - 1].group().lower() not in ("да", "ще", "не", "се", "си"):  # ("да запазят": a verb)
            return end, "subject"  # "според експерта френският лидер ...": a full article marks the next subject
        if k > 1 and L.lang == "bg" and not named and len(tok) > 4 and re.search(r"(?:те|та|то)$", tok) \
                and ws[k - 1].group().lower() not in _BG_BEFORE_NOUN:
            # "според високопоставен украински представител боевете за града ...": a definite noun after a
            # complete source starts the next subject (only a phrase's first word takes the article; not "на
            # властите")
            return end, "subject"
        if k > 0 and not tok[:1].isupper() and _SRC_STOP.match(tok):
            nxt = ws[k + 1].group() if k + 1 < len(ws) else ""
            if tok.lower() in ("на", "de", "di", "del", "du") and nxt[:1].isupper():
                continue
            break
        if re.match(r"\d", tok):
            break
        end = w.end()
    return end, "words"


def _outlet_end(rest: str, end: int | None) -> int | None:
    """``end`` moved past the whole outlet name it cuts ("Според агенция Франс прес ...")."""
    if end is None:
        return None
    om = _lang_outlet_re().search(rest, 0, min(len(rest), end + 30))
    if om and om.start() <= end + 1 and om.end() > end:
        return om.end()
    return end


#: a person's name set off by commas after a role ("el secretario de Defensa, James Mattis, ..."): two to five
#: capitalised words
_APPOSED_NAME = re.compile(r"\s*(\p{Lu}[\w'’.-]*(?:\s+(?:(?:de|del|al|el|bin|ibn|von|van|da|di|le|la|ben)\s+)?\p{Lu}[\w'’.-]*)"
                           r"{1,4})\s*,")
#: a role set off by commas after a name ("María Jesús Vega, portavoz del ACNUR en Túnez, ...")
_APPOSED_ROLE = re.compile(rf"\s*((?:(?:el|la|le|il|l['’]|un|una|une|uno)\s+)?(?:{_alt(_ROLE_WORDS)})(?!\w)[^,.;:]{{0,80}}?)\s*,",
                           re.I)


#: a relative pronoun as the source after "according to" ("според който", "según el cual", "selon lequel", "secondo cui")
_RELATIVE_SOURCE = re.compile(
    r"(?:който|която|което|които|когото|quien|quienes|el\s+cual|la\s+cual|los\s+cuales|las\s+cuales|lequel|laquelle|"
    r"lesquels|lesquelles|cui|il\s+quale|la\s+quale|i\s+quali|le\s+quali)(?!\w)",
    re.I,
)


#: two or more capitalised words ("Франц-Щефан Гади")
_FULL_NAME = re.compile(r"\p{Lu}[\w'’-]+(?:\s+\p{Lu}[\w'’-]+)+")


def _antecedent(text: str, ps: int, at: int) -> tuple[int, int] | None:
    """The noun phrase a relative "according to" clause hangs on, right before its comma: a quoted name ('сп.
    "Шпигел", според което'), capitalised words, or the last word ('наблюдения, според които')."""
    before = text[ps:at].rstrip()
    if not before.endswith(","):
        return None
    before = before[:-1].rstrip()
    end = ps + len(before)
    m = re.search(r"[„“\"«]([^„“\"«»”]{1,60})[“”\"»]$", before)
    if m:
        return ps + m.start(1), ps + m.end(1)
    m = re.search(r"(?:\p{Lu}[\w.'’-]*)(?:\s+(?:\p{Lu}[\w.'’-]*|на|de|del|di|du|des|of))*\s*$", before)
    if m and m.group().strip():
        return ps + m.start(), end
    m = re.search(r"[\w'’-]{3,}$", before)
    return (ps + m.start(), end) if m else None


def _according(L: _Lang, am: Any, sents: list[tuple[int, int]], ps: int, pe: int) -> _Att | None:
    """``според X, ...`` / ``..., selon un diplomate.`` / ``(според Русия)`` / ``Както отбелязва X, ...``."""
    text = L.text
    ss, se = _clause_start(text, sents, am.start())
    s = am.end()
    while s < se and text[s].isspace():
        s += 1
    rest = text[s:se]
    pm = re.match(rf"(?:{_alt(_PRONOUNS[L.lang])})(?!\w)", rest, re.I)
    cut = re.search(r"[,)]|\s[-–—]\s", rest)
    pronoun = False
    tail_words = _words(rest)
    if text[ss:am.start()].rstrip().endswith(",") and 0 < len(tail_words) <= 8 and not cut:
        pm = None
        cut = re.search(r"$", rest)
    relative = _RELATIVE_SOURCE.match(rest)
    antecedent = None
    if relative:
        # "whom" names a person: the person last named in full ("... Франц-Щефан Гади от лондонския институт за
        # стратегически изследвания, според когото ..."); otherwise the noun right before the comma
        person = {"когото": "той", "quien": "él", "quienes": "ellos"}.get(relative.group().lower())
        if person:
            names = list(_FULL_NAME.finditer(text, ss, am.start()))
            antecedent = L.person_before(am.start(), person) or (
                (names[-1].start(), names[-1].end()) if names else None)
        antecedent = antecedent or _antecedent(text, ps, am.start())
    if relative and antecedent:
        # "..., сп. "Шпигел", според което правителството ...": the relative pronoun is the source as written, the
        # noun before it the speaker, the clause after the pronoun the content
        src = (s, s + relative.end())
        pronoun = True
    elif pm:
        src = (s, s + pm.end())
        pronoun = True
    elif L.lang == "bg" and cut and (why := _source_end(L, rest[:cut.start()], True))[1] == "subject" \
            and (end2 := _outlet_end(rest, why[0])) and len(_words(rest[end2:cut.start()])) >= 1:
        # "Според изданието шефът на Пентагона, който ...", "Според журналисти Пентагонът се е съгласил ...": no
        # comma after the source; the next subject starts the content
        src = (s, s + end2)
    elif cut and len(_words(rest[:cut.start()])) <= 8:
        src = (s, s + cut.start())
        # an apposition between commas is part of the source: a role then the person's name ("según el secretario
        # de Defensa, James Mattis, ..."), or a name then the person's role ("según María Jesús Vega, portavoz del
        # ACNUR en Túnez, ...")
        after = rest[cut.end():]
        head = rest[:cut.start()]
        if rest[cut.start():cut.start() + 1] == "," and (
                ap := (_APPOSED_NAME.match(after) if _ROLE_RE.search(head) else
                       _APPOSED_ROLE.match(after) if head[:1].isupper() else None)) is not None:
            src = (s, s + cut.end() + ap.end(1))
    else:
        # no comma: "Според Руската централна банка към края на ...": words up to a preposition, an adverb or a
        # verb-like word, "на/de + Name" kept ("бившия съветник на Тръмп")
        end = _outlet_end(rest, _source_end(L, rest)[0])
        if end is None:
            return None
        src = (s, s + end)
    src_words = text[src[0]:src[1]]
    if not src_words.strip() or re.match(r"(?:quanto|ce\s+que|lo\s+que)\b", src_words, re.I):
        return None
    if (_words(src_words)[:1] or [""])[0].lower() in _SELF:
        return None  # "secondo me", "selon moi": the writer's opinion, no source
    after_s = src[1]
    while after_s < se and text[after_s] in " ,)":
        after_s += 1
    # "според "Комерсант", който се позовава на данни на Централната банка, ...": the relative clause names
    # the primary source
    rel = re.match(r"(?:който|която|което|които|que|qui|che|il\s+quale)\s+([^,]*),\s*", text[after_s:se], re.I)
    if rel:
        inner = re.search(r"(?:позовава|позовават|cita|cite|citando|se\s+réfère|basándose)\s+(?:се\s+)?(?:на\s+|a\s+|sur\s+)?"
                          r"(?:данни\s+на\s+|datos\s+de\s+|données\s+de\s+|dati\s+di\s+)?(.+)$", rel.group(1), re.I)
        if inner:
            src = (after_s + rel.start(1) + inner.start(1), after_s + rel.start(1) + inner.end(1))
        after_s += rel.end()
    # "Според данните, оповестени от НСИ в петък, ...": the document's source is the agency
    if re.match(rf"(?:{_DOCUMENTS})$", src_words.strip(), re.I):
        m2 = re.match(r"[^,]*?(?:от|de|par|da)\s+([^,]+?)(?:\s+(?:в|на|el|le|il)\s+[^,]*)?,\s*", text[after_s:se])
        if m2:
            src = (after_s + m2.start(1), after_s + m2.end(1))
            after_s += m2.end()
    ce = se
    while ce > after_s and text[ce - 1] in ".!?… \"“”»":
        ce -= 1
    # the clause the phrase belongs to: after a colon or semicolon before it
    cl_s = ss
    for m in re.finditer(r"[:;]\s+", text[ss:am.start()]):
        cl_s = ss + m.end()
    before = text[cl_s:am.start()].rstrip(" ,(-–—")
    nb, na = len(_words(before)), len(_words(text[after_s:ce]))
    comma_before = text[cl_s:am.start()].rstrip(" ").endswith(",")
    if text[max(ps, am.start() - 1):am.start()] == "(":
        # "(според Русия)": the content is the figure or word right before the bracket
        wm = re.search(r"([\w.,%-]+)\s*$", text[ss:am.start() - 1])
        if not wm:
            return None
        cs, ce = ss + wm.start(1), ss + wm.end(1)
    elif pronoun or nb == 0 or (na >= 3 and all(w[0].isupper() for w in _words(before))):
        cs = after_s  # "Mohammed Yaser Tayeb secondo quanto emerso ... potrebbe": the name is the subject after
    elif nb >= 3 and (na == 0 or not comma_before):
        # "..., selon un diplomate." (the sentence) / "... del governo secondo quanto riportato da X" (the clause)
        cs, ce = cl_s, cl_s + len(before)
        if not comma_before and na > 0:
            last = before.rfind(", ")
            if last >= 0 and len(_words(before[last:])) >= 3:
                cs = cl_s + last + 2
    elif comma_before and na >= 3:
        cs = cl_s  # "sono centinaia, secondo fonti concordanti, i corpi ...": the whole clause
    else:
        cs = after_s
    while cs < ce and text[cs] in " ,:;.":
        cs += 1
    lead = re.match(r"(?:обаче|пък|също|sin\s+embargo|además|cependant|pourtant|però|tuttavia|однако|проте)[\s,]+",
                    text[cs:ce], re.I)
    if lead:
        cs += lead.end()
    if ce - cs < 2:
        return None
    if cs >= after_s:
        ce = _cut_content(L, cs, ce + 1, sents) if ce > cs else ce
    a = _Att(cs, ce, "indirect", am.start(), am.end())
    a.src_s, a.src_e = src
    if relative and antecedent:
        a.spk_s, a.spk_e = antecedent
    # "según ha relatado un residente a la agencia Reuters": the outlet spoken to is cited, not the source
    for lm in _LISTENER.finditer(text, src[0], src[1]):
        if lm.start() > src[0] and lang_outlet(lm.group("outlet")):
            a.src_e = lm.start()
            break
    while a.src_e > a.src_s and text[a.src_e - 1] in " ,.;:!?":
        a.src_e -= 1
    while a.src_s < a.src_e and text[a.src_s] in "\"„“«":
        a.src_s += 1
    while a.src_e > a.src_s and text[a.src_e - 1] in "\"“”»":
        a.src_e -= 1
    return a


#: the source a report cites, in the words that cite it ("..., позовавайки се на източници във Вашингтон, ...",
#: "citando fuentes militares", "citant une source militaire", "citando fonti dell'amministrazione Usa")
CITING_CUES = r"позовавайки\s+се\s+на|като\s+се\s+позовава\s+на|цитирайки|citando(?:\s+a(?!\w))?|(?:en\s+)?citant"
#: where a cited phrase ends: punctuation, a mark or bracket, a line break, or the "that" opening the reported clause
_CITED_END = r"(?=\s*(?:[,.;:!?()\"„“”«»\n]|$|\s(?:че|que|qu['’]|che)\s))"
_CITING_LANG = re.compile(
    rf"(?<!\w)(?:{CITING_CUES})\s+(?P<np>[^,.;:!?()\"„“”«»\n]{{2,90}}?){_CITED_END}",
    re.I,
)
#: what a report reads rather than who told it ("позовавайки се на предварителна информация", "citant des informations")
_CITED_DOCUMENTS = re.compile(
    rf"(?<!\w)(?:{_DOCUMENTS}|информация(?:та)?|проучване(?:то)?|изследване(?:то)?|informes?|informaci[oó]n(?:es)?|"
    r"estudio|encuesta|informations?|données|étude|sondage|informazioni|studio|sondaggio|dati)(?!\w)",
    re.I,
)
#: people who can be cited besides the role words ("позовавайки се на свидетели", "citant des témoins")
_CITED_PEOPLE = re.compile(
    r"(?<!\w)(?:източник(?:а|ът)?|свидетел\w*|очевид\w*|служител\w*|представител\w*|testigos?|funcionari[oa]s?|"
    r"responsables?|témoins?|fonctionnaires?|testimon[ei]|funzionari[oe]?|residentes?|habitants?|abitanti|"
    r"жители(?:те)?|activistas?|activistes?|attivist[ie])(?!\w)",
    re.I,
)
_LEADING_DET = re.compile(r"(?:свои(?:те)?\s+|los\s+|las\s+|el\s+|la\s+|les\s+|le\s+|l['’]|il\s+|i\s+|gli\s+|"
                          r"un[oae]?\s+|des\s+|varios\s+|varias\s+|alcun[ie]\s+|plusieurs\s+)", re.I)


#: a cited phrase left hanging on a preposition before a name in quotation marks ("съобщение в "Телеграм" от ...")
_DANGLING_PREP = re.compile(r"(?<!\w)(?:в|във|на|от|en|de|del|dans|sur|du|des|di|della|su|in)$", re.I)
_QUOTED_NAME_ON = re.compile(rf"\s*[\"„“«][^\"„“”«»\n]{{1,40}}[\"“”»](?:[^,.;:!?()\"„“”«»\n]{{0,90}}?{_CITED_END})?")


def cited_source(text: str, start: int, end: int, lang: str, skip: list[tuple[int, int]] | None = None
                 ) -> CitedLink | None:
    """The source a report cites in ``text[start:end]`` (outside the ``skip`` spans, quotation marks): an outlet as
    ``reported_by`` ("позовавайки се на телеграм канала ..."), a document or a piece of information as
    ``read_document`` ("citando a varios informes de la inteligencia"), a person, role or source as ``said``
    ("позовавайки се на източници във Вашингтон", "citant une source militaire", a capitalised name). None for
    anything else: a reason is no source ("позовавайки се на военния си неутралитет")."""
    for m in _CITING_LANG.finditer(text, start, end):
        s, e = m.start("np"), m.end("np")
        if any(a <= s < b for a, b in skip or []):
            continue
        words = text[s:e].strip()
        if not words:
            continue
        if _DANGLING_PREP.search(words) and (on := _QUOTED_NAME_ON.match(text, e)) is not None and on.end() <= end:
            e = on.end()  # the name in marks and what follows it belong to the cited phrase
            words = text[s:e].strip()
        canon = lang_outlet(words) or outlet_name(words)
        det = _LEADING_DET.match(words)
        head = words[det.end():] if det else words
        first = " ".join(head.split()[:4])
        if canon or _OUTLET_NOUNS.search(" ".join(head.split()[:2])):
            return CitedLink(s, e, canon or words, "reported_by")  # "... на телеграм канала Беларускі Гаюн"
        if _CITED_DOCUMENTS.search(first):
            return CitedLink(s, e, words, "read_document")
        if _ROLE_RE.search(first) or _CITED_PEOPLE.search(first) or head[:1].isupper():
            return CitedLink(s, e, words, "said")
    return None


def cited_links(text: str, start: int, end: int, lang: str, skip: list[tuple[int, int]] | None = None
                ) -> list[CitedLink]:
    """Outlets, platforms and documents cited in ``text[start:end]`` with their link type, in text order."""
    out: list[CitedLink] = []
    skip = skip or []

    def skipped(p: int) -> bool:
        return any(a <= p < b for a, b in skip)

    seen: set[tuple[int, int]] = set()
    outlet_spans: list[tuple[int, int, str]] = []
    for m in _lang_outlet_re().finditer(text, start, end):
        w = re.sub(r"\s+", " ", m.group())
        outlet_spans.append((m.start(), m.end(), _lang_outlets().get(w) or lang_outlet(w) or w))
    for c in outlet_cites(text, start, end, require_cue=False):
        if not any(a < c.end and c.start < b for a, b, _ in outlet_spans):
            outlet_spans.append((c.start, c.end, c.outlet))
    # outlets in quotation marks after a cite word ("пред "Ню Йорк Таймс"", "Според руския "Комерсант"")
    for m in re.finditer(r"(?<=(?:пред|според|от|в|на|цитиран\w*\s+от|publicado\s+por|según|selon|secondo|"
                         r"dans|sur|su|en|al|à|a)\s+(?:\w+\s+){0,2})[\"„“«]([^\"“”»]{2,40})[\"“”»]", text[start:end]):
        s, e = start + m.start(1), start + m.end(1)
        if not any(a < e and s < b for a, b, _ in outlet_spans):
            w = m.group(1)
            if lang_outlet(w) or re.search(r"\p{Lu}", w[:1]):
                outlet_spans.append((s, e, lang_outlet(w) or w))
    last: CitedLink | None = None
    for s, e, name in sorted(outlet_spans):
        if skipped(s) or (s, e) in seen:
            continue
        seen.add((s, e))
        before = text[max(start, s - 40):s]
        after = text[e:e + 30]
        kind = _link_kind(before, after, lang)
        if kind is None and last is not None and re.fullmatch(r"[\"“”»]?\s*(?:,|и|y|e|et|i)\s*[\"„“«]?",
                                                             text[last.end:s]):
            kind = last.kind  # "пред "Ню Йорк Таймс" и "Украинска правда""
        if kind:
            last = CitedLink(s, e, name, kind)
            out.append(last)
    for m in re.finditer(rf"(?<![\w])(?i:в|във|на|en|sur|su|in|on|via)\s+(?:(?:своя|личния|профила\s+си\s+в|"
                         rf"su|sa|son|il\s+suo|la\s+sua|la|le|el)\s+)?[\"„“]?(?P<p>{_PLATFORMS})[\"“”]?(?![\w])",
                         text[start:end]):
        s = start + m.start("p")
        if not skipped(s):
            out.append(CitedLink(s, start + m.end("p"), m.group("p"), "posted_on"))
    for m in re.finditer(rf"(?<![\w])(?:в|във|от|en|dans|in|nel|nella|dalle|dalla|dai|данни\w*\s+на|se\s+\w+\s+en)\s+"
                         rf"(?:(?:un|una|une|специално|официално|официалното|официална|писмено|le|la|il|el|su|sa|"
                         rf"son|its|следното|своя)\s+)*(?P<d>{_DOCUMENTS})(?![\w])", text[start:end], re.I):
        s = start + m.start("d")
        if not skipped(s):
            out.append(CitedLink(s, start + m.end("d"), m.group("d"), "read_document"))
    for m in re.finditer(r"(?<!\w)(?P<d>данни(?:те)?)(?=\s+(?:на|от)\s)|(?<=(?:според|по)\s+)(?P<d2>данни(?:те)?)(?!\w)|"
                         r"(?<=(?:según|selon|secondo)\s+(?:los|las|les|i|le|gli)\s+)(?P<d3>datos|données|dati)(?!\w)",
                         text[start:end], re.I):
        g = "d" if m.group("d") else ("d2" if m.group("d2") else "d3")
        s = start + m.start(g)
        if not skipped(s) and not any(c.start == s for c in out):
            out.append(CitedLink(s, start + m.end(g), m.group(g), "read_document"))
    for m in re.finditer(_AUDIO, text[start:end], re.I):
        s = start + m.start()
        if not skipped(s):
            out.append(CitedLink(s, start + m.end(), m.group(), "released_audio"))
    # "цитиран от агенциите" / "цитират го агенциите" / "пише сайтът X" / "съобщават световните издания"
    for m in re.finditer(r"(?:цитира\w*\s+(?:го\s+|я\s+|ги\s+)?(?:от\s+)?|съобщава\w*\s+|пише\s+|пишат\s+|"
                         r"предава\s+|предаде\s+|informó\s+|citó\s+|rapporte\s+|riporta\s+)"
                         r"(?P<o>(?:[\w-]+\s+){0,2}(?:агенци\w+|издания\w*|медии\w*|сайт\w*|вестник\w*|"
                         r"телевизи\w+|televisión|agencia|agence|agenzia)(?:\s+\p{Lu}[\w.-]*)?)", text[start:end], re.I):
        s = start + m.start("o")
        if not skipped(s) and not any(a <= s < b for a, b in seen):
            out.append(CitedLink(s, start + m.end("o"), m.group("o"), "reported_by"))
    out.sort(key=lambda c: c.start)
    return out


_QUOTED_TO = re.compile(r"(?:пред|в\s+интервю\s+(?:за|пред|на)|интервю\s+за|ante|en\s+(?:una\s+)?entrevista\s+(?:con|a)|"
                        r"(?:dijo|declaró|afirmó|aseguró|explicó)\s+a|à|au|aux|dans\s+un\s+entretien\s+(?:à|avec|au)|"
                        r"a|al|alla|in\s+un['’]intervista\s+(?:a|al|alla|con)|интервью|інтерв['’]ю)"
                        r"\s+(?:[\w-]+\s+){0,2}(?:l['’]|d['’])?[\"„“«]?\s*$", re.I)
_REPORTED_BY = re.compile(r"(?:цитиран\w*\s+от|цитира\w*\s+(?:го|я|ги)?|предаде|предава|съобщи|съобщава|пише|пишат|"
                          r"отбелязва|информира|публикува\w*|от\s+публикацията\s+в|публикация\w*\s+в|по\s+информация\s+на|"
                          r"informó|informa|publicó|publica|citado\s+por|citada\s+por|recoge|"
                          r"rapporte|rapportent|cité\s+par|citée\s+par|selon\s+une\s+dépêche\s+de|"
                          r"riporta|riferisce|citato\s+da|citata\s+da|riportato\s+(?:da|dal|dalla|dall['’])|scrive|"
                          r"сообщает|пишет|повідомляє|пише|podaje|informuje|"
                          r"reported\s+by|cited\s+by|told)\s+(?:[\w-]+\s+){0,3}(?:l['’])?[\"„“«]?\s*$", re.I)
_ACCORDING_TO = re.compile(r"(?:според|según|selon|d['’]après|secondo|по\s+данным|за\s+даними|według)\s+"
                           r"(?:[\w-]+\s+){0,2}(?:l['’]|d['’])?[\"„“«]?\s*$", re.I)
_REPORTED_AFTER = re.compile(r"^[\"“”»]?\s*(?:,\s*)?(?:съобщи|съобщава|предаде|предава|пише|отбелязва|информира|"
                             r"informó|informa|a\s+rapporté|rapporte|ha\s+riferito|riporta|riferisce|reported)\b", re.I)


def _link_kind(before: str, after: str, lang: str) -> str | None:
    if _ACCORDING_TO.search(before):
        return "according_to"
    if _QUOTED_TO.search(before) and re.search(r"(?:пред|entrevista|entretien|intervista|интерв|ante|"
                                               r"dijo\s+a|declaró\s+a|(?:^|\s)(?:à|au|aux|a|al|alla))\s+"
                                               r"(?:[\w-]+\s+){0,2}(?:l['’])?[\"„“«]?\s*$", before, re.I):
        return "quoted_to"
    if _REPORTED_BY.search(before) or _REPORTED_AFTER.match(after):
        return "reported_by"
    return None


def _links_for(L: _Lang, a: _Att, sents: list[tuple[int, int]], kept: list[_Mark]) -> list[CitedLink]:
    """Links cited in the sentence(s) of an attribution's cue (or the content's sentence), outside quotes."""
    text = L.text
    pos = a.cue_s if a.cue_s is not None else a.start
    ss, se = _clause_start(text, sents, pos)
    if a.cue_s is not None and a.cue_s >= a.end:
        ss = min(ss, a.end)
    skip = [(m.start, m.end) for m in kept]
    return cited_links(text, ss, se, L.lang, skip=skip)


_HEDGE_RES = {lang: re.compile(rf"(?<![\w])(?:{p})(?![\w])", re.I) for lang, p in _HEDGES.items()}
_HEDGE_LABEL_RES = tuple((label, re.compile(p, re.I)) for label, p in _HEDGE_LABEL)


def hedges_lang(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Hedges in a bg/es/fr/it (ru/uk/pl) span: (start, end, label) with the labels of
    :data:`newstrace.extract.claims.HEDGES` ("claims", "allegedly", "unconfirmed", "appears to", "according to").

    The reportive conditional (aurait, sarebbe, habría) counts as "allegedly"; "твърди" as "claims"."""
    rx = _HEDGE_RES.get(lang[:2].lower())
    if rx is None:
        return []
    out = []
    for m in rx.finditer(text):
        for label, lrx in _HEDGE_LABEL_RES:
            if lrx.search(m.group()):
                out.append((m.start(), m.end(), label))
                break
    return out
