"""Web app latency on a real database: p50/p95 per page and API call against a real server.

Starts ``python -m newstrace.serve --read-only`` on a free localhost port over ``--db`` (default: the
447 articles of ``ukraine-war-news-gdelt-multicountry/articles`` run through ``newstrace run`` into a
temporary database first), warms every URL once, then requests each URL ``--requests`` times, one
request at a time, and reports the median, 95th percentile and largest wall time per URL as the client
sees it (uvicorn, one process) and the response size.

The URLs are picked from the database: the largest story, a median-sized story, the longest document,
the place mentioned most, a word found in many articles.

    newstrace bench serve [--db FILE] [--requests 50] [--record docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import NewstraceError
from .pipeline import _machine, shared_data

__all__ = ["running_server", "Timing", "pick_urls", "time_urls", "format_markdown", "main", "SECTION"]

SECTION = "Web app latency on the 447-article corpus (issue 7)"
ARTICLES = "ukraine-war-news-gdelt-multicountry/articles"
SEARCH_WORD = "Zelensky"


@dataclass(slots=True)
class Timing:
    label: str
    url: str
    status: int
    bytes: int
    times: list[float]  # seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def pick_urls(db: Path) -> list[tuple[str, str]]:
    """(label, url) for every page and API call worth timing, with real ids from ``db``."""
    from ..store import SQLiteStore

    store = SQLiteStore(db)
    try:
        stories = store.list_stories(limit=100_000).items
        if not stories:
            raise NewstraceError(f"{db} has no stories: run `newstrace run` on some articles first")
        by_size = sorted(stories, key=lambda s: (s.size, s.id))
        largest, median = by_size[-1], by_size[len(by_size) // 2]
        longest = store.db.execute("SELECT id FROM documents ORDER BY length(text) DESC, id LIMIT 1").fetchone()[0]
        place = store.db.execute(
            "SELECT m.entity FROM mentions m JOIN entities e ON e.id = m.entity WHERE e.type = 'place' "
            "GROUP BY m.entity ORDER BY count(*) DESC, m.entity LIMIT 1"
        ).fetchone()[0]
    finally:
        store.close()
    return [
        ("stories page 1", "/"),
        ("stories page 3", "/?page=3"),
        (f"story, largest ({largest.size} articles)", f"/stories/{largest.id}"),
        (f"story, median ({median.size} articles)", f"/stories/{median.id}"),
        ("documents page 1", "/documents"),
        ("documents page 5", "/documents?page=5"),
        ("document, longest", f"/documents/{longest}"),
        ("entities page 1", "/entities"),
        ("entities, places named like kyiv", "/entities?type=place&q=kyiv"),
        ("entity, most mentioned place", f"/entities/{place}"),
        (f"search {SEARCH_WORD!r}", f"/search?q={SEARCH_WORD}"),
        ("API stories (100)", "/api/stories"),
        ("API story, largest", f"/api/stories/{largest.id}"),
        ("API story GeoJSON, largest", f"/api/stories/{largest.id}/geojson"),
        ("API documents (100)", "/api/documents?limit=100"),
        ("API documents (100) at offset 300", "/api/documents?limit=100&offset=300"),
        ("API document, longest", f"/api/documents/{longest}"),
        ("API original, longest", f"/api/documents/{longest}/original"),
        ("API entities (100)", "/api/entities?limit=100"),
        ("API entity, most mentioned place", f"/api/entities/{place}"),
        (f"API search {SEARCH_WORD!r}", f"/api/search?q={SEARCH_WORD}"),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(
    db: Path,
    *,
    token: str | None = None,
    read_only: bool = True,
    pythonpath: str | None = None,
    log_dir: Path | None = None,
) -> Iterator[str]:
    """``python -m newstrace.serve`` over ``db`` on a free localhost port; yields its base URL, stops it after.

    Code from ``pythonpath`` if given; the server's output goes to ``log_dir/server-PORT.log`` (quoted when it
    fails to start).
    """
    import httpx

    port = _free_port()
    env = {**os.environ, "NEWSTRACE_TOKEN": token or ""}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    cmd = [sys.executable, "-m", "newstrace.serve", "--db", str(db), "--port", str(port)]
    if read_only:
        cmd.append("--read-only")
    with ExitStack() as stack:
        out = stack.enter_context(open(log_dir / f"server-{port}.log", "w+b")) if log_dir else None
        proc = subprocess.Popen(
            cmd, env=env, stdout=out or subprocess.DEVNULL, stderr=subprocess.STDOUT, cwd=db.parent
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    said = ""
                    if out:
                        out.seek(0)
                        said = ": " + out.read().decode(errors="replace")
                    raise NewstraceError(f"the server exited with {proc.returncode}{said}")
                try:
                    if httpx.get(f"{base}/api/health", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise NewstraceError("the server did not answer within 60 s")
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def time_urls(
    db: Path, urls: list[tuple[str, str]], *, requests: int, pythonpaths: list[str | None] | None = None
) -> list[list[Timing]]:
    """Each URL ``requests`` times, sequentially, on one fresh read-only server per entry of ``pythonpaths``.

    With several servers (e.g. this version and an earlier one) their requests alternate, so a load
    that comes and goes on the machine hits both alike. Returns one list of timings per server.
    """
    import httpx

    paths = pythonpaths or [None]
    with ExitStack() as stack:
        clients = [
            stack.enter_context(httpx.Client(base_url=stack.enter_context(running_server(db, pythonpath=p)), timeout=300)) for p in paths
        ]
        out: list[list[Timing]] = [[] for _ in paths]
        for label, url in urls:
            firsts = [c.get(url) for c in clients]  # warm-up: imports, templates, SQLite page cache
            times: list[list[float]] = [[] for _ in paths]
            sizes = [len(f.content) for f in firsts]
            for _ in range(requests):
                for i, c in enumerate(clients):
                    t0 = time.perf_counter()
                    r = c.get(url)
                    times[i].append(time.perf_counter() - t0)
                    sizes[i] = len(r.content)
            for i in range(len(paths)):
                out[i].append(Timing(label, url, firsts[i].status_code, sizes[i], times[i]))
            print(f"{label}: p50 " + ", ".join(f"{statistics.median(x) * 1000:.1f} ms" for x in times), file=sys.stderr)
        return out


def _db_facts(db: Path) -> str:
    from ..store import SQLiteStore

    store = SQLiteStore(db)
    try:
        s = store.stats()
    finally:
        store.close()
    entities = sum(s["entities"].values())
    return (
        f"{s['documents']} documents, {s['stories']} stories, {s['claims']} claims, {s['claim_groups']} claim groups, "
        f"{entities} entities, {s['mentions']} mentions; database {db.stat().st_size / 1e6:.1f} MB"
    )


def format_markdown(
    timings: list[Timing],
    *,
    db_facts: str,
    requests: int,
    source: str,
    baseline: list[Timing] | None = None,
    baseline_label: str = "",
    note: str = "",
) -> str:
    ms = 1000.0
    lines = [
        f"Date: {date.today().isoformat()}. Machine: {_machine()}, no GPU. Data: {source} ({db_facts}).",
        "",
        f"Wall time per request as the client sees it, {requests} sequential requests per URL after one warm-up, "
        "one uvicorn process, read-only server on localhost. Pages and API lists read one page of rows from the "
        "store (limit/offset); story pages load that story's documents only." + (f" {note}" if note else ""),
        "",
    ]
    head = "| Page or call | URL | Status | Size (KB) | p50 (ms) | p95 (ms) | max (ms) |"
    rule = "|---|---|---:|---:|---:|---:|---:|"
    if baseline:
        lines[-1:-1] = [
            "",
            f"Before: the same URLs, the same database, served by {baseline_label} (which loaded every document "
            "for the story and document lists and the entity pages, and the whole corpus results for a story or "
            "a document), its requests alternating with this version's; n/a where that version had no such URL.",
        ]
        head += " before: status | before: p50 (ms) | before: p95 (ms) |"
        rule += "---:|---:|---:|"
    lines += [head, rule]
    before = {b.url: b for b in baseline or []}
    for t in timings:
        row = (
            f"| {t.label} | `{t.url}` | {t.status} | {t.bytes / 1024:.1f} | "
            f"{t.percentile(0.5) * ms:.1f} | {t.percentile(0.95) * ms:.1f} | {max(t.times) * ms:.1f} |"
        )
        if baseline:
            b = before.get(t.url)
            if b is None or b.status != 200:
                row += f" {b.status if b else 'n/a'} | n/a | n/a |"
            else:
                row += f" {b.status} | {b.percentile(0.5) * ms:.1f} | {b.percentile(0.95) * ms:.1f} |"
        lines.append(row)
    return "\n".join(lines) + "\n"


def _build_db(folder: Path) -> Path:
    data = shared_data()
    articles = data / ARTICLES if data else None
    if articles is None or not articles.is_dir():
        raise NewstraceError(f"../shared/data/{ARTICLES} is absent: give --db a database to time")
    from ..run import run

    db = folder / "corpus.sqlite"
    print(f"building {db} from {articles} (about a minute)", file=sys.stderr)
    run([str(articles)], db=db, out_dir=folder / "out")
    return db


def main(argv: list[str] | None = None) -> None:
    from .pipeline import record_section

    ap = argparse.ArgumentParser(
        prog="newstrace bench serve", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--db", type=Path, help="a processed database (default: build one from the 447 articles)")
    ap.add_argument("--requests", type=int, default=50, help="requests per URL after the warm-up (default 50)")
    ap.add_argument("--record", help="Markdown file whose web app section gets the result")
    ap.add_argument("--data", help="what the --db database was made from, for the report")
    ap.add_argument(
        "--baseline-src",
        help="also time a server run from another checkout's src folder (e.g. an earlier version), for a before column",
    )
    ap.add_argument("--baseline-label", default="an earlier version", help="how the report names the baseline")
    ap.add_argument("--note", default="", help="a sentence for the report, e.g. what else ran on the machine")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newstrace-bench-serve-") as tmp:
        if args.db:
            db = args.db
            source = f"{args.data}, in `{args.db.name}`" if args.data else f"`{args.db}`"
        else:
            db, source = _build_db(Path(tmp)), f"`../shared/data/{ARTICLES}` run through `newstrace run`"
        urls = pick_urls(db)
        runs = time_urls(
            db, urls, requests=args.requests, pythonpaths=[None, args.baseline_src] if args.baseline_src else None
        )
        timings, baseline = runs[0], (runs[1] if len(runs) > 1 else None)
        md = format_markdown(
            timings,
            db_facts=_db_facts(db),
            requests=args.requests,
            source=source,
            baseline=baseline,
            baseline_label=args.baseline_label,
            note=args.note,
        )
    command = "newstrace bench serve " + shlex.join(argv if argv is not None else sys.argv[1:])
    print(md)
    if args.record:
        record_section(args.record, SECTION, md, command=command)


if __name__ == "__main__":
    main()
