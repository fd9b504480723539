"""newstrace: a sourced, cross-checked picture from a pile of noisy news articles.

The pipeline, one package per phase::

    ingest  -> clean  -> extract  -> fuse  -> report
    (files)   (lines,   (entities,   (stories,  (briefings,
               language) places,      claim      exports)
                         dates,       groups,
                         numbers,     contradictions)
                         quotes,
                         claims)

Library first::

    import newstrace
    report = newstrace.run(["examples/"], db="newstrace.sqlite", out_dir="out")
    store = newstrace.open_store("newstrace.sqlite")
    pipeline = newstrace.Pipeline.from_names()      # per-document stages, usable on their own
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import NewstraceError  # noqa: E402
from .pipeline import DEFAULT_STAGES, Pipeline, register_stage, registered_stages  # noqa: E402
from .record import Corpus, Document  # noqa: E402
from .run import RunReport, run  # noqa: E402
from .store import open_store  # noqa: E402

__all__ = [
    "__version__",
    "run",
    "RunReport",
    "open_store",
    "Pipeline",
    "DEFAULT_STAGES",
    "register_stage",
    "registered_stages",
    "Document",
    "Corpus",
    "NewstraceError",
]
