"""Stages, their registry, and the orchestrator that runs them in order.

A stage is a callable over one :class:`~newstrace.record.Document`, registered by
name with what it ``requires`` (fields earlier stages must have filled) and what
it ``provides``. Stages that do better in batches (spaCy) also offer ``pipe``.
The pipeline checks at build time that every requirement is provided by an
earlier stage, so a misordered pipeline fails before it touches any document.

A stage that fails on a document raises; the orchestrator records the error on
that document (``Document.errors``) and the batch goes on. Later stages that
require what the failed stage provides are skipped for that document.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from .errors import PipelineError
from .record import Document, StageError

__all__ = [
    "Stage",
    "StageInfo",
    "register_stage",
    "registered_stages",
    "get_stage",
    "Pipeline",
    "DEFAULT_STAGES",
    "INITIAL_FIELDS",
]

# Fields a freshly ingested document already has.
INITIAL_FIELDS = frozenset({"text", "metadata"})

# The per-document stages of the main job, in order.
DEFAULT_STAGES = (
    "clean.segments",
    "clean.language",
    "extract.nlp",
    "extract.entities",
    "extract.places",
    "extract.dates",
    "extract.quantities",
    "extract.quotes",
    "extract.claims",
)


class Stage(Protocol):
    """What a stage object offers. ``pipe`` is optional: the default calls the stage per document."""

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True, slots=True)
class StageInfo:
    name: str
    factory: Callable[..., Any]
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    doc: str = ""


_REGISTRY: dict[str, StageInfo] = {}


def register_stage(
    name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = ()
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a stage factory under ``name``.

    The factory is called with keyword settings and returns the stage callable.
    """

    def decorate(factory: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY[name] = StageInfo(
            name=name,
            factory=factory,
            requires=tuple(requires),
            provides=tuple(provides),
            doc=(factory.__doc__ or "").strip().split("\n")[0],
        )
        return factory

    return decorate


def _load_builtin_stages() -> None:
    # Importing the phase packages registers their stages, the built-ins the same way plugins would.
    from . import clean, extract  # noqa: F401


def registered_stages() -> dict[str, StageInfo]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def get_stage(name: str) -> StageInfo:
    stages = registered_stages()
    if name not in stages:
        known = ", ".join(sorted(stages))
        raise PipelineError(f"unknown stage {name!r}; registered stages are: {known}")
    return stages[name]


@dataclass
class Pipeline:
    """Per-document stages, checked and run in order.

    >>> pipeline = Pipeline.from_names()          # the default main job
    >>> doc = pipeline(doc)                       # one document
    >>> docs = list(pipeline.pipe(docs))          # many, batched where stages can batch
    """

    stages: list[tuple[StageInfo, Any]]
    timings: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_names(cls, names: Iterable[str] = DEFAULT_STAGES, **settings: Any) -> Pipeline:
        infos = [get_stage(n) for n in names]
        provided = set(INITIAL_FIELDS)
        for info in infos:
            missing = [r for r in info.requires if r not in provided]
            if missing:
                raise PipelineError(
                    f"stage {info.name!r} requires {', '.join(missing)}, which no earlier stage provides; "
                    f"add a stage that provides it before {info.name!r}"
                )
            provided.update(info.provides)
        stages = []
        for info in infos:
            stage_settings = settings.get(info.name, {})
            stages.append((info, info.factory(**stage_settings)))
        return cls(stages=stages)

    @property
    def names(self) -> list[str]:
        return [info.name for info, _ in self.stages]

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        """Run every stage over ``docs`` in batches; yields documents in input order."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        for info, stage in self.stages:
            ready = [d for d in batch if self._ready(d, info)]
            if not ready:
                continue
            t0 = time.perf_counter()
            pipe = getattr(stage, "pipe", None)
            if pipe is not None:
                try:
                    list(pipe(ready))
                    for d in ready:
                        d.done.append(info.name)
                except Exception:  # noqa: BLE001 - fall back to one by one to find the failing document
                    for d in ready:
                        self._run_one(info, stage, d)
            else:
                for d in ready:
                    self._run_one(info, stage, d)
            self.timings[info.name] = self.timings.get(info.name, 0.0) + time.perf_counter() - t0
        return batch

    @staticmethod
    def _ready(doc: Document, info: StageInfo) -> bool:
        if info.name in doc.done:
            return False
        failed = {e.stage for e in doc.errors}
        if not failed:
            return True
        # Skip a stage when a stage it depends on failed for this document.
        failed_provides: set[str] = set()
        for name in failed:
            if name in _REGISTRY:
                failed_provides.update(_REGISTRY[name].provides)
        return not any(r in failed_provides for r in info.requires)

    @staticmethod
    def _run_one(info: StageInfo, stage: Any, doc: Document) -> None:
        try:
            stage(doc)
            doc.done.append(info.name)
        except Exception as exc:  # noqa: BLE001 - any failure is recorded on the document, the batch goes on
            doc.errors.append(StageError(stage=info.name, message=f"{type(exc).__name__}: {exc}"))
