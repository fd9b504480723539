"""The main job, top to bottom: ingest, clean + extract, fuse, report.

    from newstrace import run
    report = run(["examples/"], db="newstrace.sqlite", out_dir="out")

Each step commits as it goes, so a run stopped at any point (Ctrl-C, kill)
resumes on the next run: files already ingested are skipped, documents already
processed are not processed again, and the corpus-level results are rebuilt
whenever the set of processed documents changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from . import __version__
from .fuse import fuse_documents
from .ingest import IngestReport, ingest_paths
from .ingest.files import DEFAULT_MAX_BYTES
from .pipeline import DEFAULT_STAGES, Pipeline
from .record import Corpus, Document
from .report import write_briefings
from .store import DEFAULT_DB, Store, open_store

__all__ = ["RunReport", "run", "process_pending", "fuse_store"]


@dataclass
class RunReport:
    database: str
    ingest: IngestReport
    processed: int = 0
    failed_stages: int = 0
    fused: bool = False
    stories: int = 0
    claim_groups: int = 0
    contradictions: int = 0
    copies: int = 0
    briefings: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def pipeline_signature(pipeline: Pipeline) -> str:
    return f"newstrace {__version__}: " + ", ".join(pipeline.names)


def process_pending(
    store: Store,
    pipeline: Pipeline,
    *,
    batch_size: int = 16,
    on_document: Callable[[Document], None] | None = None,
) -> tuple[int, int]:
    """Run the per-document stages over every pending document; one transaction per batch.

    Returns (documents processed, stage failures recorded).
    """
    signature = pipeline_signature(pipeline)
    done = failed = 0
    for batch in _batches(store.pending_documents(), batch_size):
        processed = list(pipeline.pipe(batch, batch_size=batch_size))
        for doc in processed:
            doc.analysis = None  # the spaCy Doc is not stored
            failed += len(doc.errors)
        store.save_analysis(processed, signature)
        done += len(processed)
        if on_document:
            for doc in processed:
                on_document(doc)
    return done, failed


def fuse_signature() -> str:
    from .fuse.claims import SAME_CLAIM, SAME_SLOT
    from .fuse.copies import COPY_CONTAINMENT
    from .fuse.stories import PLACE_WEIGHT, STORY_SIMILARITY

    return f"{__version__}:{STORY_SIMILARITY}:{PLACE_WEIGHT}:{SAME_CLAIM}:{SAME_SLOT}:{COPY_CONTAINMENT}"


def fuse_store(store: Store, *, force: bool = False) -> Corpus | None:
    """Rebuild stories, claim groups, contradictions and copies when documents changed."""
    # The fuse settings are part of the state: changing them (or upgrading) rebuilds the corpus results.
    state = f"{fuse_signature()}|{store.processing_state()}"
    if not force and store.get_meta("fused_state") == state:
        return None
    docs = list(store.iter_documents())
    corpus = fuse_documents(docs)
    store.save_corpus(corpus, state=state)
    return corpus


def run(
    paths: Sequence[str | Path],
    *,
    db: str | Path = DEFAULT_DB,
    out_dir: str | Path | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    batch_size: int = 16,
    reprocess: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[str], None] | None = None,
    on_document: Callable[[Document], None] | None = None,
    on_phase: Callable[[str, int], None] | None = None,
    store: Store | None = None,
    site_counts: bool = True,
) -> RunReport:
    """Ingest ``paths`` into the store at ``db``, process, fuse and (with ``out_dir``) write briefings.

    With ``site_counts`` (the default) the cleaning stage knows, for each line, how many
    other stored pages of the same site carry it (``Store.site_line_counts``): a site's
    menus and notices are recognised from its other pages, not from a list of strings.
    """
    t0 = time.perf_counter()
    own_store = store is None
    store = store or open_store(db)
    try:
        # 1. Ingest: originals kept byte for byte; known files skipped; bad files recorded.
        if on_phase:
            on_phase("ingest", 0)
        ingest = ingest_paths(store, paths, max_bytes=max_bytes, on_file=on_file)
        report = RunReport(database=store.url, ingest=ingest)
        report.timings["ingest"] = time.perf_counter() - t0

        # 2. Clean and extract, document by document, in committed batches.
        if reprocess:
            store.mark_all_pending()
        pending = store.count_pending()
        if on_phase:
            on_phase("process", pending)
        if pending:
            settings: dict[str, Any] = {}
            if site_counts and "clean.segments" in stages:
                settings["clean.segments"] = {"site_counts": store.site_line_counts()}
            pipeline = Pipeline.from_names(stages, **settings)
            report.processed, report.failed_stages = process_pending(
                store, pipeline, batch_size=batch_size, on_document=on_document
            )
            report.timings.update(pipeline.timings)

        # 3. Fuse across documents.
        if on_phase:
            on_phase("fuse", 0)
        t1 = time.perf_counter()
        corpus = fuse_store(store, force=reprocess)
        report.timings["fuse"] = time.perf_counter() - t1
        report.fused = corpus is not None
        corpus = corpus or store.load_corpus()
        report.stories = len(corpus.stories)
        report.claim_groups = len(corpus.claim_groups)
        report.contradictions = len(corpus.contradictions)
        report.copies = len(corpus.copies)

        # 4. Report.
        if out_dir is not None:
            if on_phase:
                on_phase("report", 0)
            t2 = time.perf_counter()
            report.briefings = write_briefings(store, Path(out_dir) / "briefings")
            report.timings["report"] = time.perf_counter() - t2
        report.seconds = time.perf_counter() - t0
        return report
    finally:
        if own_store:
            store.close()


def summary(report: RunReport) -> dict[str, Any]:
    return {
        "database": report.database,
        "files": report.ingest.files,
        "new_documents": report.ingest.new_documents,
        "unchanged_files": report.ingest.unchanged,
        "input_errors": len(report.ingest.errors),
        "processed": report.processed,
        "stage_failures": report.failed_stages,
        "stories": report.stories,
        "claim_groups": report.claim_groups,
        "contradictions": report.contradictions,
        "copies": report.copies,
        "seconds": round(report.seconds, 2),
    }
