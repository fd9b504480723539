"""Pipeline benchmark: the main job on real articles beside spaCy's English pipeline alone.

Both run in fresh subprocesses on the same stored texts, so peak memory is each
one's own. Reported: articles per second, seconds per stage, peak resident
memory, and the cost ratio against spaCy alone (the floor for any pipeline
that parses).

    newstrace bench pipeline                     # ../shared/data/ukraine-war-news-gdelt-multicountry/articles
    python -m newstrace.bench.pipeline --record docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import NewstraceError

__all__ = ["default_corpus", "shared_data", "run_pipeline_benchmark", "format_markdown", "record_section"]

CORPUS = "ukraine-war-news-gdelt-multicountry/articles"
PIPELINE_COMMAND = "newstrace bench pipeline --record docs/benchmarks.md"


def shared_data() -> Path | None:
    """The shared data folder: $NEWSTRACE_SHARED_DATA, ../shared/data from here or from the repository."""
    env = os.environ.get("NEWSTRACE_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates += [
        Path.cwd() / ".." / "shared" / "data",
        Path(__file__).resolve().parents[3] / ".." / "shared" / "data",
    ]
    for c in candidates:
        if c.is_dir():
            return c.resolve()
    return None


def default_corpus() -> Path:
    data = shared_data()
    if data is None or not (data / CORPUS).is_dir():
        raise NewstraceError(
            f"the benchmark corpus ../shared/data/{CORPUS} is absent; pass --corpus FOLDER or set NEWSTRACE_SHARED_DATA"
        )
    return data / CORPUS


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _files(corpus: Path, limit: int | None) -> list[Path]:
    from ..ingest.files import SUPPORTED_SUFFIXES

    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    return files[:limit] if limit else files


def _worker_spacy(files: list[Path]) -> dict[str, Any]:
    """spaCy's English pipeline alone over the same stored texts newstrace parses."""
    from ..extract.nlp import load_model, model_name
    from ..ingest.files import InputFile, read_input

    texts: dict[str, str] = {}  # by document id: byte-identical files are one document, parsed once
    for f in files:
        try:
            texts.update((d.id, d.text) for d in read_input(InputFile(f, str(f))).documents)
        except NewstraceError:
            continue
    nlp = load_model()
    t0 = time.perf_counter()
    words = 0
    for sdoc in nlp.pipe(list(texts.values()), batch_size=16):
        words += sum(1 for t in sdoc if not t.is_space and not t.is_punct)
    seconds = time.perf_counter() - t0
    return {
        "model": model_name(),
        "documents": len(texts),
        "chars": sum(map(len, texts.values())),
        "words": words,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
    }


def _worker_newstrace(files: list[Path]) -> dict[str, Any]:
    from ..gazetteer import Gazetteer
    from ..run import run
    from ..store import open_store

    Gazetteer.open()  # built once beforehand, outside the timing
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        report = run([str(f) for f in files], db=db, out_dir=Path(tmp) / "out")
        seconds = time.perf_counter() - t0
        with open_store(db) as store:
            stats = store.stats()
            places = sum(1 for e in store.entities().values() if e.type == "place" and e.place is not None)
    return {
        "seconds": seconds,
        "timings": report.timings,
        "documents": stats["documents"],
        "processed": stats["processed"],
        "input_errors": stats["ingest_errors"],
        "stage_errors": stats["stage_errors"],
        "counts": {
            k: stats[k]
            for k in (
                "mentions",
                "dates",
                "quantities",
                "quotes",
                "claims",
                "stories",
                "claim_groups",
                "contradictions",
                "copies",
            )
        },
        "entities": stats["entities"],
        "places_located": places,
        "segments": stats["segments"],
        "peak_mb": _peak_mb(),
    }


def _subprocess(kind: str, files: list[Path]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(str(f) for f in files))
        listing = fh.name
    try:
        out = subprocess.run(
            [sys.executable, "-m", "newstrace.bench.pipeline", "--worker", kind, "--files", listing],
            check=True,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as exc:
        raise NewstraceError(f"the {kind} benchmark worker failed:\n{exc.stderr[-3000:]}") from exc
    finally:
        os.unlink(listing)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}"


def run_pipeline_benchmark(corpus: str | Path | None = None, *, limit: int | None = None) -> dict[str, Any]:
    folder = Path(corpus) if corpus else default_corpus()
    files = _files(folder, limit)
    if not files:
        raise NewstraceError(f"no articles found in {folder}")
    from ..gazetteer import Gazetteer

    Gazetteer.open()  # build the gazetteer now so that neither timing includes it
    spacy_result = _subprocess("spacy", files)
    ours = _subprocess("newstrace", files)
    extract_stages = {k: v for k, v in ours["timings"].items() if k.startswith(("extract.", "clean."))}
    per_doc = sum(extract_stages.values())
    return {
        "date": date.today().isoformat(),
        "machine": _machine(),
        "torch": importlib.util.find_spec("torch") is not None,
        "corpus": str(folder),
        "files": len(files),
        "spacy": spacy_result,
        "newstrace": ours,
        "articles_per_second": ours["processed"] / ours["seconds"] if ours["seconds"] else 0.0,
        "spacy_articles_per_second": spacy_result["documents"] / spacy_result["seconds"],
        "ratio_total_vs_spacy": ours["seconds"] / spacy_result["seconds"],
        "ratio_per_document_stages_vs_spacy": per_doc / spacy_result["seconds"],
        "ratio_extract_without_parse_vs_spacy": (per_doc - ours["timings"].get("extract.nlp", 0.0))
        / spacy_result["seconds"],
    }


def format_markdown(r: dict[str, Any]) -> str:
    n = r["newstrace"]
    s = r["spacy"]
    lines = [
        f"Date: {r['date']}. Machine: {r['machine']}. Corpus: `{Path(r['corpus']).name}` of "
        f"`{Path(r['corpus']).parent.name}` ({r['files']} files, {s['documents']} unique articles, {s['chars']:,} "
        f"characters, {s['words']:,} words). Both runs are fresh subprocesses over the same stored texts; the "
        "gazetteer is built beforehand and its one-off build is in neither timing.",
        "",
        "| run | seconds | articles/s | peak memory (MB) |",
        "|---|---:|---:|---:|",
        f"| spaCy `{s['model']}` alone (nlp.pipe, batch 16) | {s['seconds']:.1f} | "
        f"{r['spacy_articles_per_second']:.2f} | {s['peak_mb']:.0f} |",
        f"| newstrace run (ingest → briefings, SQLite) | {n['seconds']:.1f} | {r['articles_per_second']:.2f} | "
        f"{n['peak_mb']:.0f} |",
        "",
        f"Cost against spaCy alone: whole run {r['ratio_total_vs_spacy']:.2f}x; per-document stages (clean + extract, "
        f"parse included) {r['ratio_per_document_stages_vs_spacy']:.2f}x; extract stages beyond the parse "
        f"{r['ratio_extract_without_parse_vs_spacy']:.2f}x."
        + (
            " torch is installed in this environment (the `encoder` extra, which the `test` extra includes), and "
            "spaCy's thinc imports it in every process, so both peak memories carry it (about 200 MB; 462 and "
            "492 MB on 2026-11-26 without it); `pip install -e .` alone has no torch."
            if r.get("torch")
            else ""
        ),
        "",
        "| stage | seconds |",
        "|---|---:|",
    ]
    for k, v in n["timings"].items():
        lines.append(f"| {k} | {v:.2f} |")
    lines += [
        "",
        f"Output: {n['processed']} documents processed, {n['input_errors']} input errors, {n['stage_errors']} stage "
        f"errors; "
        + ", ".join(f"{k} {v}" for k, v in n["counts"].items())
        + f"; places located {n['places_located']}; entities "
        + ", ".join(f"{k} {v}" for k, v in n["entities"].items())
        + "; segments "
        + ", ".join(f"{k} {v}" for k, v in n["segments"].items())
        + ".",
    ]
    return "\n".join(lines) + "\n"


def record_section(path: str | Path, title: str, body: str, *, command: str | None = None) -> None:
    """Replace (or append) the section ``## title`` of a Markdown file, headed by the command that made it."""
    if command:
        body = f"Command: `{command}`\n\n{body}"
    p = Path(path)
    text = p.read_text(encoding="utf-8") if p.exists() else "# Benchmarks\n"
    header = f"## {title}\n"
    if header in text:
        start = text.index(header)
        nxt = text.find("\n## ", start + len(header))
        end = len(text) if nxt == -1 else nxt + 1
        text = text[:start] + header + "\n" + body + "\n" + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n" + header + "\n" + body
    p.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--record", help="Markdown file whose 'Pipeline throughput' section gets the result")
    ap.add_argument("--worker", choices=["spacy", "newstrace"], help=argparse.SUPPRESS)
    ap.add_argument("--files", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        files = [Path(x) for x in Path(args.files).read_text().splitlines() if x]
        result = _worker_spacy(files) if args.worker == "spacy" else _worker_newstrace(files)
        print(json.dumps(result))
        return
    result = run_pipeline_benchmark(args.corpus, limit=args.limit)
    md = format_markdown(result)
    print(md)
    if args.record:
        record_section(args.record, "Pipeline throughput (issue 2)", md, command=PIPELINE_COMMAND)


if __name__ == "__main__":
    main()
