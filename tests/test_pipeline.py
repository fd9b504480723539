"""The stage registry and the orchestrator's failure handling."""

from __future__ import annotations

import pytest

from newstrace.errors import PipelineError
from newstrace.pipeline import DEFAULT_STAGES, Pipeline, register_stage, registered_stages
from newstrace.record import Document


def _doc(text: str) -> Document:
    return Document(id=f"doc_{abs(hash(text))}", sha256="0" * 64, path="t.txt", text=text)


def test_default_stages_are_registered_with_requirements() -> None:
    stages = registered_stages()
    for name in DEFAULT_STAGES:
        assert name in stages, name
        assert stages[name].provides, name
    assert "analysis" in stages["extract.entities"].requires


def test_misordered_pipeline_fails_before_running() -> None:
    with pytest.raises(PipelineError, match="requires analysis"):
        Pipeline.from_names(["clean.segments", "extract.entities"])
    with pytest.raises(PipelineError, match="unknown stage 'extract.nothing'"):
        Pipeline.from_names(["extract.nothing"])


def test_a_stage_usable_on_its_own() -> None:
    pipe = Pipeline.from_names(["clean.segments", "clean.language"])
    doc = pipe(
        _doc(
            "Home › News › Europe\nShelling hit the centre of Kharkiv on Monday, the governor said, "
            "and at least three people were wounded.\nShare"
        )
    )
    assert [s.kind for s in doc.segments] == ["boilerplate", "body", "boilerplate"]
    assert doc.language == "en"
    assert doc.done == ["clean.segments", "clean.language"]


@register_stage("test.explode", requires=["segments"], provides=["boom"])
class _Explode:
    def __call__(self, doc: Document) -> Document:
        if "explode" in doc.text:
            raise RuntimeError("this document always fails")
        return doc


@register_stage("test.after", requires=["boom"], provides=["after"])
class _After:
    def __call__(self, doc: Document) -> Document:
        doc.title = "after ran"
        return doc


def test_failure_is_recorded_and_dependent_stages_skipped() -> None:
    pipe = Pipeline.from_names(["clean.segments", "test.explode", "test.after"])
    ok, bad = list(pipe.pipe([_doc("A calm day in Lviv, the mayor said."), _doc("This one will explode now.")]))
    assert ok.errors == [] and ok.title == "after ran"
    assert [(e.stage, e.message) for e in bad.errors] == [("test.explode", "RuntimeError: this document always fails")]
    assert "test.after" not in bad.done and bad.title != "after ran"
