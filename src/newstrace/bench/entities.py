"""Entity merging benchmark (issue 4): merge errors and split errors of newstrace's canonical entities.

Labels: ``benchmarks/labels/entities.jsonl`` (see ``benchmarks/labels/README-entities.md``): the
PERSON/ORG/place/unit mentions of a window at the start of 30 GDELT articles, each with the gold
entity it refers to within the document, plus cross-document variant groups (spellings of one
person, place, or a body and its acronyms, ``entities-acronyms.jsonl``) and look-alike pairs that must stay
apart.

Within documents: each labelled file's text goes through the real stages ``clean.segments``,
``clean.language``, ``extract.nlp``, ``extract.entities`` and ``extract.places`` (the gazetteer, when
one is built). Gold mentions are matched one to one with newstrace's mentions by the largest span
overlap; on the matched mentions:

* merge errors: pairs of mentions newstrace puts in one entity but gold separates (link precision =
  share of newstrace's same-entity pairs that gold agrees with; B-cubed precision);
* split errors: pairs gold puts in one entity but newstrace separates (link recall; B-cubed recall).

A mention without an entity id counts as its own entity. Mention detection (gold mentions matched,
newstrace mentions matched) is reported beside.

Across documents: newstrace gives an entity the same id in every document when its key is the same,
``entity_id(type, name)`` (the folded canonical name) for people and organisations (an acronym of the
curated table, ``extract/acronyms.csv``, is named by its expansion) and the gazetteer entry for places. For each variant group, are all spellings given one id (merge accuracy)? For each
look-alike pair, are the two kept apart? The folding and transliteration keys
(:func:`newstrace.folding.fold`, :func:`newstrace.gazetteer.names.fold_name`,
:func:`~newstrace.gazetteer.names.skeleton`) are reported for comparison.

    newstrace bench entities                 # train split
    newstrace bench entities --split all --record docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from .pipeline import _machine, record_section, shared_data

__all__ = [
    "LABELS",
    "GoldEntityDoc",
    "load_entity_labels",
    "match_mentions",
    "cluster_scores",
    "run_entities_benchmark",
    "variant_scores",
    "format_entities_markdown",
    "main",
]

LABELS = Path(__file__).resolve().parents[3] / "benchmarks" / "labels" / "entities.jsonl"
# Cross-document acronym groups and look-alike acronyms (issue 4, acronyms): read with the default labels.
ACRONYM_LABELS = LABELS.with_name("entities-acronyms.jsonl")
SECTION = "Entity merging (issue 4)"
ENTITIES_COMMAND = "newstrace bench entities --split test --record docs/benchmarks.md"
STAGES = ("clean.segments", "clean.language", "extract.nlp", "extract.entities", "extract.places")
MENTION_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "UNIT", "OUTLET", "GAZ"}


@dataclass
class GoldEntityDoc:
    corpus: str
    path: str
    sha256: str
    window: tuple[int, int]
    split: str
    mentions: list[dict[str, Any]] = field(default_factory=list)


def load_entity_labels(path: str | Path | None = None) -> tuple[list[GoldEntityDoc], list[dict[str, Any]]]:
    """The labelled documents and the cross-document records (variant groups, distinct pairs)."""
    docs: dict[tuple[str, str], GoldEntityDoc] = {}
    cross: list[dict[str, Any]] = []
    for line in Path(path or LABELS).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if r["kind"] == "document":
            docs[(r["corpus"], r["path"])] = GoldEntityDoc(
                r["corpus"], r["path"], r["sha256"], tuple(r["window"]), r["split"]
            )
        elif r["kind"] == "mention":
            docs[(r["corpus"], r["path"])].mentions.append(r)
        else:
            cross.append(r)
    if path is None and ACRONYM_LABELS.is_file():
        cross += [json.loads(ln) for ln in ACRONYM_LABELS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return list(docs.values()), cross


def match_mentions(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one matching of gold spans to predicted spans by the largest overlap (gold index -> pred index)."""
    cands = []
    for i, (gs, ge) in enumerate(gold):
        for j, (ps, pe) in enumerate(pred):
            ov = min(ge, pe) - max(gs, ps)
            if ov > 0:
                cands.append((ov, -abs(gs - ps) - abs(ge - pe), i, j))
    cands.sort(reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in cands:
        if i in out or j in used:
            continue
        out[i] = j
        used.add(j)
    return out


def cluster_scores(gold_ids: list[str], pred_ids: list[str]) -> dict[str, float]:
    """Pair counts and B-cubed sums over one document's matched mentions (parallel lists of entity ids)."""
    n = len(gold_ids)
    res: Counter[str] = Counter()
    for a, b in combinations(range(n), 2):
        g = gold_ids[a] == gold_ids[b]
        p = pred_ids[a] == pred_ids[b]
        res["pairs_pred_same"] += p
        res["pairs_gold_same"] += g
        res["pairs_both"] += g and p
        res["merge_errors"] += p and not g
        res["split_errors"] += g and not p
    for i in range(n):
        same_p = {k for k in range(n) if pred_ids[k] == pred_ids[i]}
        same_g = {k for k in range(n) if gold_ids[k] == gold_ids[i]}
        res["b3_p"] += len(same_p & same_g) / len(same_p)
        res["b3_r"] += len(same_p & same_g) / len(same_g)
    res["mentions"] += n
    return dict(res)


def _pct(a: float, b: float) -> float:
    return 100.0 * a / b if b else float("nan")


def run_entities_benchmark(labels: str | Path | None = None, *, split: str = "train") -> dict[str, Any]:
    from ..extract.nlp import model_name
    from ..pipeline import get_stage
    from ..record import Document, stable_id

    data = shared_data()
    if data is None:
        raise FileNotFoundError("../shared/data/ukraine-war-news-gdelt-multicountry is absent")
    t0 = time.perf_counter()
    gdocs, _ = load_entity_labels(labels)
    gdocs = [d for d in gdocs if split == "all" or d.split == split]
    stages = list(STAGES)
    runners: list[tuple[str, Any]] = []
    for name in STAGES:
        try:
            runners.append((name, get_stage(name).factory()))
        except Exception as e:  # noqa: BLE001 - e.g. no gazetteer built: measure without that stage
            stages.append(f"({name} unavailable: {type(e).__name__})")
    docs = []
    for g in gdocs:
        raw = (data / g.corpus / g.path).read_bytes()
        if hashlib.sha256(raw).hexdigest() != g.sha256:
            raise ValueError(f"{g.corpus}/{g.path} changed since it was labelled (sha256 differs)")
        text = raw.decode("utf-8")
        docs.append(Document(id=stable_id("doc", g.sha256), sha256=g.sha256, path=g.path, text=text))
    total: Counter[str] = Counter()
    merges: list[str] = []
    splits: list[str] = []
    missed: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for doc in docs:
        for name, stage in runners:
            try:
                stage(doc)
            except Exception as e:  # noqa: BLE001 - a broken stage is reported, the others still run
                failed[f"{name}: {type(e).__name__}: {str(e)[:120]}"] += 1
    for note, count in failed.items():
        stages.append(f"(failed on {count} documents, run without it: {note})")
    for g, doc in zip(gdocs, docs, strict=True):
        lo, hi = g.window
        preds = [m for m in doc.mentions if m.label in MENTION_LABELS and m.start < hi and m.end > lo]
        gold = g.mentions
        match = match_mentions([(m["start"], m["end"]) for m in gold], [(p.start, p.end) for p in preds])
        total["gold_mentions"] += len(gold)
        total["pred_mentions"] += len(preds)
        total["matched"] += len(match)
        for i, m in enumerate(gold):
            if i not in match:
                missed[m["text"]] += 1
        idx = sorted(match)
        gold_ids = [gold[i]["entity"] for i in idx]
        pred_ids = [preds[match[i]].entity or f"none:{match[i]}" for i in idx]
        for k, v in cluster_scores(gold_ids, pred_ids).items():
            total[k] += v
        names = {e.id: e.name for e in doc.entities.values()}
        seen: set[tuple[str, str, str]] = set()
        for a, b in combinations(range(len(idx)), 2):
            ga, gb = gold_ids[a], gold_ids[b]
            pa, pb = pred_ids[a], pred_ids[b]
            ta, tb = gold[idx[a]]["text"], gold[idx[b]]["text"]
            if pa == pb and ga != gb:
                key = ("m", *sorted((ta, tb)))
                if key not in seen:
                    seen.add(key)
                    merges.append(f"{g.path[9:]}: {ta!r} ({ga}) + {tb!r} ({gb}) -> one entity {names.get(pa, pa)!r}")
            elif ga == gb and pa != pb:
                key = ("s", *sorted((ta, tb)))
                if key not in seen:
                    seen.add(key)
                    splits.append(
                        f"{g.path[9:]}: {ta!r} -> {names.get(pa, 'no entity')!r}, {tb!r} -> {names.get(pb, 'no entity')!r}"
                        f" (gold: {ga})"
                    )
    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": _machine(),
        "model": model_name(),
        "split": split,
        "documents": len(gdocs),
        "stages": stages,
        "totals": dict(total),
        "merge_examples": merges,
        "split_examples": splits,
        "missed": missed.most_common(15),
        "seconds": time.perf_counter() - t0,
    }


def variant_scores(labels: str | Path | None = None) -> dict[str, Any]:
    """Cross-document keys: do spelling variants get one id, and do look-alikes stay apart?"""
    from ..extract.entities import clean_name, entity_id, organization_id
    from ..extract.quotes import outlet_name
    from ..folding import fold
    from ..gazetteer.names import fold_name, skeleton
    from ..record import stable_id

    _, cross = load_entity_labels(labels)
    gz = None
    try:
        from ..gazetteer import Gazetteer, PlaceCandidate

        gz = Gazetteer.open()
    except Exception:  # noqa: BLE001 - no gazetteer: places get the folded-name id, as the places stage falls back to
        gz = None

    def newstrace_id(kind: str, name: str) -> str:
        if kind == "place" and gz is not None:
            res = gz.resolve([PlaceCandidate(start=0, end=len(name), text=name, label="GPE")], text=name)[0]
            if res is not None:
                return stable_id("place", res.place.gazetteer_id)
            return entity_id("place", clean_name(name, "GPE"))
        if kind == "place":
            return entity_id("place", clean_name(name, "GPE"))
        if kind == "organization":
            return organization_id(name)
        if kind == "outlet":
            return entity_id("outlet", outlet_name(name) or name)
        return entity_id("person", clean_name(name, "PERSON"))

    keys = {
        "newstrace id": newstrace_id,
        "fold": lambda kind, name: fold(name),
        "fold_name": lambda kind, name: fold_name(name),
        "skeleton": lambda kind, name: skeleton(fold_name(name)) or fold_name(name),
    }
    out: dict[str, Any] = {"groups": [], "pairs": [], "gazetteer": gz is not None}
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for r in cross:
        if r["kind"] == "variant_group":
            row = {"type": r["type"], "names": r["names"]}
            for k, f in keys.items():
                ids = {f(r["type"], n) for n in r["names"]}
                row[k] = len(ids) == 1
                by_key[k]["groups"] += 1
                by_key[k]["groups_merged"] += len(ids) == 1
                if r["type"] in ("organization", "outlet"):
                    by_key[k]["acronym_groups"] += 1
                    by_key[k]["acronym_groups_merged"] += len(ids) == 1
                # pairwise: share of variant pairs given one id
                for a, b in combinations(r["names"], 2):
                    by_key[k]["variant_pairs"] += 1
                    by_key[k]["variant_pairs_merged"] += f(r["type"], a) == f(r["type"], b)
            out["groups"].append(row)
        elif r["kind"] == "distinct_pair":
            row = {"type": r["type"], "a": r["a"], "b": r["b"], "why": r["why"]}
            for k, f in keys.items():
                same = f(r["type"], r["a"]) == f(r["type"], r["b"])
                row[k] = same
                by_key[k]["pairs"] += 1
                by_key[k]["pairs_wrongly_merged"] += same
                if r["type"] in ("organization", "outlet"):
                    by_key[k]["acronym_pairs"] += 1
                    by_key[k]["acronym_pairs_wrongly_merged"] += same
            out["pairs"].append(row)
    out["by_key"] = {k: dict(v) for k, v in by_key.items()}
    return out


def format_entities_markdown(r: dict[str, Any], v: dict[str, Any] | None = None) -> str:
    t = r["totals"]
    n = t.get("mentions", 0)
    lines = [
        f"Date: {r['date']}. Machine: {r['machine']}. spaCy model: `{r['model']}`. Data: "
        f"`ukraine-war-news-gdelt-multicountry/articles`, labels `benchmarks/labels/entities.jsonl` (split "
        f"**{r['split']}**: {r['documents']} documents, {t.get('gold_mentions', 0)} gold mentions). Stages: "
        + ", ".join(f"`{s}`" for s in r["stages"])
        + ".",
        "",
        f"Mention detection: {t.get('matched', 0)} of {t.get('gold_mentions', 0)} gold mentions matched a newstrace "
        f"mention ({_pct(t.get('matched', 0), t.get('gold_mentions', 0)):.1f}%); {t.get('matched', 0)} of "
        f"{t.get('pred_mentions', 0)} newstrace mentions in the windows matched a gold one "
        f"({_pct(t.get('matched', 0), t.get('pred_mentions', 0)):.1f}%).",
        "",
        "Within documents, on the matched mentions:",
        "",
        "| | value |",
        "|---|---:|",
        f"| merge errors (pairs newstrace joins, gold separates) | {t.get('merge_errors', 0)} |",
        f"| split errors (pairs gold joins, newstrace separates) | {t.get('split_errors', 0)} |",
        f"| link precision (% of newstrace's same-entity pairs that are right) | "
        f"{_pct(t.get('pairs_both', 0), t.get('pairs_pred_same', 0)):.1f} |",
        f"| link recall (% of gold same-entity pairs newstrace joins) | "
        f"{_pct(t.get('pairs_both', 0), t.get('pairs_gold_same', 0)):.1f} |",
        f"| B-cubed precision | {_pct(t.get('b3_p', 0), n):.1f} |",
        f"| B-cubed recall | {_pct(t.get('b3_r', 0), n):.1f} |",
    ]
    if r["merge_examples"]:
        lines += ["", f"Merge errors ({len(r['merge_examples'])} distinct):", ""]
        lines += [f"- {e}" for e in r["merge_examples"][:10]]
    if r["split_examples"]:
        lines += ["", f"Split errors ({len(r['split_examples'])} distinct, first 15):", ""]
        lines += [f"- {e}" for e in r["split_examples"][:15]]
    if r["missed"]:
        lines += ["", "Gold mentions newstrace did not find (most frequent): "
                  + ", ".join(f"{k!r} {c}" for k, c in r["missed"])]  # fmt: skip
    if v:
        lines += [
            "",
            "Across documents (each name looked up alone; places through the gazetteer"
            + ("" if v["gazetteer"] else ", which is not built here, so by folded name")
            + "):",
            "",
            "| key | variant groups given one id | variant pairs given one id | look-alike pairs wrongly merged |",
            "|---|---:|---:|---:|",
        ]
        for k, c in v["by_key"].items():
            lines.append(
                f"| {k} | {c.get('groups_merged', 0)}/{c.get('groups', 0)} | "
                f"{c.get('variant_pairs_merged', 0)}/{c.get('variant_pairs', 0)} | "
                f"{c.get('pairs_wrongly_merged', 0)}/{c.get('pairs', 0)} |"
            )
        acr = {k: c for k, c in v["by_key"].items() if c.get("acronym_groups")}
        if acr:
            lines += [
                "",
                "Of these, bodies and their acronyms (`entities-acronyms.jsonl`): groups given one id "
                + ", ".join(f"{k} {c['acronym_groups_merged']}/{c['acronym_groups']}" for k, c in acr.items())
                + "; look-alike pairs wrongly merged "
                + ", ".join(
                    f"{k} {c.get('acronym_pairs_wrongly_merged', 0)}/{c.get('acronym_pairs', 0)}"
                    for k, c in acr.items()
                )
                + ". (The fold key is what an organisation's id was before the acronym table.)",
            ]
        lines += ["", "Variant groups (newstrace id: one id for all?):", ""]
        lines += [
            f"- {g['type']}: {' / '.join(g['names'])}: {'yes' if g['newstrace id'] else 'no'}" for g in v["groups"]
        ]
        bad = [p for p in v["pairs"] if p["newstrace id"]]
        lines += [
            "",
            "Look-alike pairs merged by newstrace's id: "
            + (", ".join(f"{p['a']} = {p['b']} ({p['why']})" for p in bad) if bad else "none")
            + "; by the skeleton key: "
            + (", ".join(f"{p['a']} = {p['b']}" for p in v["pairs"] if p["skeleton"]) or "none")
            + ".",
        ]
    lines += ["", f"Run time: {r['seconds']:.0f} s."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", help="entities.jsonl (default: benchmarks/labels/entities.jsonl)")
    ap.add_argument("--split", choices=["train", "test", "all"], default="train")
    ap.add_argument("--record", help="Markdown file whose 'Entity merging (issue 4)' section gets the result")
    args = ap.parse_args(argv)
    if shared_data() is None:
        raise SystemExit("../shared/data/ukraine-war-news-gdelt-multicountry is absent")
    result = run_entities_benchmark(args.labels, split=args.split)
    v = variant_scores(args.labels)
    md = format_entities_markdown(result, v)
    print(md)
    if args.record:
        command = f"newstrace bench entities --split {args.split} --record {args.record}"
        record_section(args.record, SECTION, md, command=command)


if __name__ == "__main__":
    main()
