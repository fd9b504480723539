"""Relayed and cited sources in claim chains, on the GDELT war articles and PolNeAR train (issue 5).

A quoted speaker often passes on what someone else told them: "The volunteer said a soldier had told him that the
unit had lost half its men". The claim's chain then ends ``said: The volunteer -> said: a soldier``, and the soldier
is the claim's primary source (``extract.claims._relayed_source``). A report often names its own source: "Reuters
reported, citing two sources familiar with the matter, that ...", a chain ending ``reported_by: Reuters -> said: two
sources familiar with the matter`` (``extract.claims._cited_source``). This bench runs the whole pipeline over the
articles of ``ukraine-war-news-gdelt-multicountry`` (or, with ``--corpus polnear``, of PolNeAR train, US election
news; with ``--corpus bg``, of the Bulgarian war news; a temporary SQLite store), lists every such claim, and scores
them against the verdicts read by hand in ``benchmarks/labels/relays-<corpus>.jsonl`` (one object per judged claim:
the article's path inside the corpus folder, the claim's character span, the kind, the passing and the origin
sources as found, and ``right``). Claims found but not judged yet are listed for reading; judge them and add them to
the file (``--list``).

    newstrace bench relays [--corpus gdelt|polnear|bg] [--limit N] [--list] [--record docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..extract.quotes import CITING_WORDS
from ..record import Claim
from ..extract.quotes_lang import CITING_CUES
from .pipeline import _machine, record_section, shared_data

__all__ = ["Relay", "find_relays", "judged", "main"]

_LABELS = Path(__file__).resolve().parents[3] / "benchmarks" / "labels"
#: name -> (folder of .txt articles inside ../shared/data, verdict file)
CORPORA = {
    "gdelt": ("ukraine-war-news-gdelt-multicountry/articles", _LABELS / "relays-gdelt.jsonl"),
    "polnear": ("polnear/train/text", _LABELS / "relays-polnear.jsonl"),  # US election news, a second genre
    "bg": ("bulgarian-ukraine-war-news", _LABELS / "relays-bg.jsonl"),  # Bulgarian news sites, JSON lists
}
SECTION = "Relayed and cited sources in claim chains (issue 5)"
MACHINE = _machine() + ", no GPU"
#: the words before a cited source (English and the other languages, as the extractors read them)
_CITING = re.compile(rf"(?<!\w)(?:{'|'.join(CITING_WORDS)}|{CITING_CUES})\s+[\"“«„']?$", re.I)


@dataclass(frozen=True, slots=True)
class Relay:
    """A claim whose speaker passes on someone else's statement."""

    path: str  # inside the corpus folder, e.g. "articles/20220214T103000Z_BY_en_55861cf7f9.txt"
    start: int  # the claim's span in the stored text
    end: int
    text: str
    relay: str  # the speaker or outlet who passes it on
    origin: str  # the source it came from
    kind: str = "relayed"  # "relayed" (a speaker passing on another's words) or "cited" ("citing X")

    def key(self) -> tuple[str, int, int]:
        return (self.path, self.start, self.end)


def claim_faults(text: str, claims: list[Claim], lang: str | None) -> Counter[str]:
    """Counts of claims that read wrong whatever their sources: a sentence cut mid-phrase (ending in a letter or
    digit while the next claim starts on the same line), one starting in lower case (a piece of the sentence before,
    cut at an abbreviation's full stop: "10,5 млрд." | "рубли ..."), and a chain that names an outlet as a person
    saying ("reported_by: Reuters -> said: Ройтерс")."""
    from ..extract.claims import _speaker_as_outlet
    from .sentences import cut_claims

    out: Counter[str] = Counter()
    ordered = sorted(claims, key=lambda c: c.start)
    out["cut mid-phrase"] = cut_claims(text, [(c.start, c.end) for c in ordered])
    for c in ordered:
        if c.text[:1].islower():
            out["starting in lower case"] += 1
        if any(a.kind == "said" and _speaker_as_outlet(a.source, lang) for a in c.attribution):
            out["naming an outlet as a person saying"] += 1
    return out


def find_relays(folder: Path, limit: int | None = None) -> tuple[list[Relay], int, int, float, Counter[str]]:
    """Run the pipeline over the ``*.txt`` and ``*.json`` files of ``folder`` (the first ``limit`` by name) and
    return the relayed and cited claims, the number of documents and of claims, the seconds the run took and the
    ``claim_faults`` of all its claims."""
    from ..run import run
    from ..store import open_store

    files = sorted([*folder.glob("*.txt"), *folder.glob("*.json")])[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "relays.sqlite"
        t0 = time.perf_counter()
        run(files, db=db)
        seconds = time.perf_counter() - t0
        store = open_store(db)
        try:
            out: list[Relay] = []
            docs = claims = 0
            faults: Counter[str] = Counter()
            for doc in store.iter_documents():
                docs += 1
                claims += len(doc.claims)
                faults.update(claim_faults(doc.text, doc.claims, (doc.language or "").lower()[:2]))
                path = Path(doc.path)
                rel = f"{folder.name}/{path.name}"
                for c in doc.claims:
                    said = [a for a in c.attribution if a.kind == "said"]
                    last = c.attribution[-1] if len(c.attribution) >= 3 else None
                    if last is not None and last.start is not None \
                            and _CITING.search(doc.text, max(0, last.start - 40), last.start):
                        out.append(Relay(rel, c.start, c.end, c.text, c.attribution[-2].source, last.source, "cited"))
                    elif len(said) >= 2:
                        out.append(Relay(rel, c.start, c.end, c.text, said[-2].source, said[-1].source))
        finally:
            store.close()
    return sorted(out, key=Relay.key), docs, claims, seconds, faults


def judged(path: Path = CORPORA["gdelt"][1]) -> dict[tuple[str, int, int], dict[str, object]]:
    """The verdicts read by hand, keyed by (path, claim start, claim end)."""
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out[(item["path"], item["start"], item["end"])] = item
    return out


def report(
    relays: list[Relay], docs: int, claims: int, seconds: float, verdicts: dict, corpus: str = "gdelt",
    faults: Counter[str] | None = None,
) -> tuple[str, list[Relay]]:
    """The Markdown body of the result, and the relays no verdict covers (or whose sources changed since)."""
    unjudged: list[Relay] = []
    rows = []
    wrong_ones: list[Relay] = []
    for kind in ("relayed", "cited"):
        mine = [r for r in relays if r.kind == kind]
        right = wrong = 0
        for r in mine:
            v = verdicts.get(r.key())
            if v is None or v.get("origin") != r.origin or v.get("relay") != r.relay:
                unjudged.append(r)
            elif v["right"]:
                right += 1
            else:
                wrong += 1
                wrong_ones.append(r)
        n = right + wrong
        prec = f"{right / n:.3f}" if n else "-"
        rows.append(f"| {kind} | {len(mine)} | {n} | {right} | {prec} | {len(mine) - n} |")
    lines = [
        f"Date {dt.date.today().isoformat()}. Machine: {MACHINE}. Data: `../shared/data/{CORPORA[corpus][0]}/` "
        f"({docs} articles, {claims} claims), the whole pipeline (`newstrace run`, a temporary SQLite store, "
        f"{seconds:.0f} s).",
        "",
        "| source | claims | judged by reading | right | precision | not judged |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        "*Relayed*: a claim's chain ends with two `said` links, the speaker and whom the speaker's words pass on, the "
        "primary source ('The volunteer said a soldier had told him that ...'). *Cited*: the chain ends with the "
        "source a report cites ('Reuters reported, citing two sources familiar with the matter, that ...'). "
        f"Verdicts: `benchmarks/labels/{CORPORA[corpus][1].name}`, read against the article: right when the last "
        "source is whom the words came from, with its words and no more, and the one before it is who passes them "
        "on (see `benchmarks/labels/README-relays.md`, which also says which verdicts were read before any rule "
        "was fitted to them). Recall "
        "is not measured: of the 400 attributions of the labelled war passages, one lies inside another speaker's "
        "(\"the Kremlin's declarations about ...\", a possessed claim noun, not a speech verb) and the other 45 nested "
        "ones have the same speaker or no named one.",
    ]
    if faults is not None:
        lines += ["", "Claims that read wrong whatever their sources (`relays.claim_faults`): "
                  + ", ".join(f"{k} {faults[k]}" for k in ("cut mid-phrase", "starting in lower case",
                                                           "naming an outlet as a person saying"))
                  + f", of {claims} claims."]
    if wrong_ones:
        lines += ["", "Wrong:"] + [f"- {r.kind}: {r.relay} -> {r.origin}: {r.text[:160]!r}" for r in wrong_ones]
    return "\n".join(lines), unjudged


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="gdelt",
                    help="gdelt: the GDELT war articles (default); polnear: PolNeAR train, US election news; bg: the "
                "Bulgarian war news (their JSON files, --limit counting files)")
    ap.add_argument("--limit", type=int, help="the first N articles by file name (default: all)")
    ap.add_argument("--list", action="store_true", help="print the relays not judged yet, as JSON lines to judge")
    ap.add_argument("--record", help="Markdown file whose relayed-sources section gets the result")
    args = ap.parse_args(argv)
    root = shared_data()
    folder, labels = CORPORA[args.corpus]
    if root is None or not (root / folder).is_dir():
        sys.exit(f"../shared/data/{folder} is absent; set NEWSTRACE_SHARED_DATA to the shared data folder")
    relays, docs, claims, seconds, faults = find_relays(root / folder, args.limit)
    body, unjudged = report(relays, docs, claims, seconds, judged(labels), args.corpus, faults)
    print(body)
    if args.list:
        for r in unjudged:
            print(json.dumps({"path": r.path, "start": r.start, "end": r.end, "kind": r.kind, "relay": r.relay,
                              "origin": r.origin, "right": None, "text": r.text[:300]}, ensure_ascii=False))
    if args.record:
        command = "newstrace bench relays" + (f" --corpus {args.corpus}" if args.corpus != "gdelt" else "")
        command += f" --limit {args.limit}" if args.limit else ""
        title = SECTION if args.corpus == "gdelt" else f"{SECTION}, {args.corpus}"
        record_section(args.record, title, body, command=command + f" --record {args.record}")
        print(f"recorded in {args.record}")


if __name__ == "__main__":
    main()
