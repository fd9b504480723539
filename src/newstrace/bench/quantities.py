"""Quantities benchmark on a hand-labelled set of real sentences (issue 4).

Gold: ``benchmarks/labels/quantities.jsonl``, one real sentence per line, given by a pointer into
``../shared/data`` (corpus, path, record, field, sha256 of the text source, start and end of the sentence;
the text itself is not copied into the repository) with every numeric claim in it labelled by reading:
span, value (or low/high), unit, counted thing, qualifier, casualty role and side. See
``benchmarks/labels/README-quantities.md``. Each item has a deterministic split (``train`` ~70%, ``test``
~30%, by a hash of its address); the test split is never used for tuning.

Each sentence is parsed on its own by spaCy (:func:`newstrace.extract.nlp.parse`) and goes through
:func:`newstrace.extract.quantities.extract_quantities`. Predicted and gold quantities are paired one to one
by the largest character overlap. Scores:

- detection precision / recall / F1 (a pair = spans overlap);
- on the pairs: value accuracy (the point value, or low and high for a range or a vague amount, equal within
  0.1%), unit, qualifier, counted thing (head match: the last word of each, lower-cased, a plural ``s``
  dropped; both absent counts as a match) and role (absent = ``none``) accuracy;
- casualty claims (gold role not ``none``): precision / recall / F1 of (span, role), and of (span, role, value);
- side (civilians / soldiers / unknown) of the paired casualty claims, read from the predicted counted thing
  with a word list (newstrace's Quantity has no side field).
"""

from __future__ import annotations

import argparse
import csv
import io
import time
from collections import Counter
from dataclasses import dataclass
from dataclasses import field as dataclass_field  # LabelledSentence has an attribute named "field"
from pathlib import Path
from typing import Any

from .labels import read_label_lines, source_sha256
from .pipeline import _machine, record_section, shared_data

__all__ = [
    "LabelledSentence",
    "load_labels",
    "resolve_texts",
    "pair",
    "score",
    "run_quantities_benchmark",
    "format_quantities_markdown",
    "side_of",
    "main",
]

QUANTITIES_COMMAND = "newstrace bench quantities --split test --record docs/benchmarks.md"
SECTION = "Quantities (issue 4)"
LABELS = Path(__file__).resolve().parents[3] / "benchmarks" / "labels" / "quantities.jsonl"

_CIVILIAN_WORDS = {
    "civilian", "child", "children", "resident", "woman", "women", "man", "men", "journalist", "rescuer",
    "worker", "athlete", "inhabitant", "villager", "citizen", "professional", "dissident", "kid", "girl", "boy",
    "passenger", "doctor", "medic", "teacher", "pensioner", "belarusian", "crimean", "family", "relative",
}  # fmt: skip
_SOLDIER_WORDS = {
    "soldier", "serviceman", "servicemen", "troop", "troops", "militant", "militiaman", "militiamen", "militia",
    "militias", "rebel", "fighter", "officer", "colonel", "lieutenant", "lieutenantist", "personnel", "invader",
    "mercenary", "marine", "paratrooper", "conscript", "insurgent", "separatist", "member", "combatant",
    "commander", "pilot", "sailor", "unit", "battalion", "brigade", "company", "platoon",
}  # fmt: skip


@dataclass(slots=True)
class LabelledSentence:
    id: str
    corpus: str
    path: str
    record: str
    field: str
    sha256: str
    start: int
    end: int
    split: str
    quantities: list[dict[str, Any]]
    text: str | None = None  # filled by resolve_texts from ../shared/data
    predicted: list[Any] = dataclass_field(default_factory=list)


def load_labels(path: str | Path | None = None) -> list[LabelledSentence]:
    return [LabelledSentence(**d) for d in read_label_lines(path or LABELS)]


def _ucdp_fields(path: Path) -> dict[str, dict[str, str]]:
    """UCDP-Ukraine.csv rows by id, decoded as in :func:`newstrace.bench.casualties.load_ucdp`."""
    lines = []
    for raw in path.read_bytes().split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
    return {r["id"]: r for r in csv.DictReader(io.StringIO("\n".join(lines)))}


def resolve_texts(items: list[LabelledSentence], data: Path | None = None) -> list[LabelledSentence]:
    """Fill each item's ``text`` from the shared data; items whose source is missing or changed are dropped."""
    data = data or shared_data()
    if data is None:
        raise FileNotFoundError("../shared/data is absent")
    sources: dict[tuple[str, str, str, str], str | None] = {}
    ucdp: dict[str, dict[str, dict[str, str]]] = {}
    out = []
    for it in items:
        key = (it.corpus, it.path, it.record, it.field)
        if key not in sources:
            f = data / it.corpus / it.path
            text: str | None = None
            if f.is_file():
                if it.field == "body":
                    text = f.read_text(encoding="utf-8")
                else:
                    if str(f) not in ucdp:
                        ucdp[str(f)] = _ucdp_fields(f)
                    row = ucdp[str(f)].get(it.record)
                    text = row.get(it.field) if row else None
            if text is not None and source_sha256(text) != it.sha256:
                text = None
            sources[key] = text
        src = sources[key]
        if src is None:
            continue
        it.text = src[it.start : it.end]
        out.append(it)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(gold: list[dict[str, Any]], pred: list[Any]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) by the largest overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = _overlap((g["start"], g["end"]), (p.start, p.end))
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return sorted(out)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b), 1e-9)


def value_ok(g: dict[str, Any], p: Any) -> bool:
    if g["value"] is not None:
        return _close(g["value"], p.value)
    return p.value is None and _close(g["low"], p.low) and _close(g["high"], p.high)


def _head(s: str | None) -> str | None:
    if not s:
        return None
    w = s.split()[-1].lower().strip(".,'’\"")
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("men"):
        w = w[:-3] + "man"
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    return {"child": "child", "children": "child", "people": "person"}.get(w, w)


def side_of(counted: str | None) -> str:
    h = _head(counted)
    if h is None:
        return "unknown"
    if h in _CIVILIAN_WORDS or h + "s" in _CIVILIAN_WORDS:
        return "civilians"
    if h in _SOLDIER_WORDS or h + "s" in _SOLDIER_WORDS:
        return "soldiers"
    return "unknown"


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"p": 100 * p, "r": 100 * r, "f1": 100 * (2 * p * r / (p + r) if p + r else 0.0)}


def score(items: list[LabelledSentence]) -> dict[str, Any]:
    """Scores over items whose ``predicted`` is filled."""
    c: Counter[str] = Counter()
    errors: dict[str, list[str]] = {k: [] for k in ("missed", "spurious", "value", "qualifier", "counted", "role")}
    for it in items:
        gold, pred = it.quantities, it.predicted
        pairs = pair(gold, pred)
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        c["tp"] += len(pairs)
        pg = {i for i, _ in pairs}
        pp = {j for _, j in pairs}
        text = it.text or ""
        for i, g in enumerate(gold):
            if i not in pg:
                errors["missed"].append(f"{it.id}: {g['text']!r} ({g['role']}) in {text!r}")
        for j, p in enumerate(pred):
            if j not in pp:
                errors["spurious"].append(f"{it.id}: {p.text!r} in {text!r}")
        g_cas = [g for g in gold if g["role"] != "none"]
        c["cas_gold"] += len(g_cas)
        c["cas_pred"] += sum(1 for p in pred if p.role)
        for i, j in pairs:
            g, p = gold[i], pred[j]
            v = value_ok(g, p)
            c["value"] += v
            c["unit"] += (g["unit"] or None) == (p.unit or None)
            q = (g["qualifier"] or None) == (p.qualifier or None)
            c["qualifier"] += q
            h = _head(g["counted"]) == _head(p.counted)
            c["counted"] += h
            prole = p.role or "none"
            r = g["role"] == prole
            c["role"] += r
            where = f"{it.id}: {g['text']!r} in {text!r}"
            if not v:
                errors["value"].append(
                    f"{where}: gold {g['value'] or (g['low'], g['high'])}, got "
                    f"{p.value if p.value is not None else (p.low, p.high)}"
                )
            if not q:
                errors["qualifier"].append(f"{where}: gold {g['qualifier']}, got {p.qualifier}")
            if not h:
                errors["counted"].append(f"{where}: gold {g['counted']}, got {p.counted}")
            if not r:
                errors["role"].append(f"{where}: gold {g['role']}, got {prole}")
            if g["role"] != "none" and r:
                c["cas_tp"] += 1
                c["cas_tp_value"] += v
                c["side_n"] += 1
                c["side"] += side_of(p.counted) == g["side"]
    tp = c["tp"] or 1
    res: dict[str, Any] = {
        "sentences": len(items),
        "gold": c["gold"],
        "pred": c["pred"],
        "paired": c["tp"],
        "detection": _prf(c["tp"], c["pred"], c["gold"]),
        "value_acc": 100 * c["value"] / tp,
        "unit_acc": 100 * c["unit"] / tp,
        "qualifier_acc": 100 * c["qualifier"] / tp,
        "counted_acc": 100 * c["counted"] / tp,
        "role_acc": 100 * c["role"] / tp,
        "casualty_gold": c["cas_gold"],
        "casualty": _prf(c["cas_tp"], c["cas_pred"], c["cas_gold"]),
        "casualty_value": _prf(c["cas_tp_value"], c["cas_pred"], c["cas_gold"]),
        "side_acc": 100 * c["side"] / c["side_n"] if c["side_n"] else float("nan"),
        "side_n": c["side_n"],
        "errors": errors,
    }
    return res


def run_quantities_benchmark(
    split: str = "train", *, labels: str | Path | None = None, data: Path | None = None
) -> dict[str, Any]:
    from ..extract.nlp import model_name, parse
    from ..extract.quantities import extract_quantities

    t0 = time.perf_counter()
    items = load_labels(labels)
    total = len(items)
    if split != "all":
        items = [it for it in items if it.split == split]
    items = resolve_texts(items, data)
    for it, sdoc in zip(items, parse([it.text or "" for it in items], batch_size=64), strict=True):
        it.predicted = extract_quantities(sdoc)
    res: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": _machine(),
        "model": model_name(),
        "split": split,
        "labelled": total,
        "all": score(items),
        "by_corpus": {
            corpus: score([it for it in items if it.corpus == corpus]) for corpus in sorted({it.corpus for it in items})
        },
    }
    res["seconds"] = time.perf_counter() - t0
    return res


def _row(name: str, s: dict[str, Any]) -> str:
    d, cas, cv = s["detection"], s["casualty"], s["casualty_value"]
    return (
        f"| {name} | {s['sentences']} | {s['gold']} | {d['p']:.1f} | {d['r']:.1f} | {d['f1']:.1f} | "
        f"{s['value_acc']:.1f} | {s['unit_acc']:.1f} | {s['qualifier_acc']:.1f} | {s['counted_acc']:.1f} | "
        f"{s['role_acc']:.1f} | {s['casualty_gold']} | {cas['p']:.1f} / {cas['r']:.1f} / {cas['f1']:.1f} | "
        f"{cv['f1']:.1f} | {s['side_acc']:.1f} |"
    )


def format_quantities_markdown(r: dict[str, Any], *, examples: int = 0) -> str:
    lines = [
        f"Date: {r['date']}. Machine: {r['machine']}, no GPU. spaCy model: `{r['model']}`. Data: "
        "`benchmarks/labels/quantities.jsonl` "
        f"({r['labelled']} hand-labelled real sentences, pointers into `ukraine-war-news-gdelt-multicountry/articles` "
        "body lines and `ucdp-ged-ukraine/UCDP-Ukraine.csv` `source_headline`; see "
        f"`benchmarks/labels/README-quantities.md`). Split: **{r['split']}**.",
        "",
        "Each sentence parsed on its own by spaCy and `extract_quantities`; gold and predicted quantities paired "
        "one to one by the largest character overlap. Detection P/R/F1 over spans; value, unit, qualifier, counted "
        "(head word) and role accuracies are over the paired quantities; casualty claims are the gold quantities "
        "with a role (killed, wounded, missing, captured, detained, casualties, displaced, deported): P/R/F1 of "
        "span + role, and of span + role + value (F1); side is read from the predicted counted thing with a word "
        "list and scored on the correctly-roled casualty claims.",
        "",
        "| data | sentences | gold quantities | detection P | R | F1 | value acc | unit acc | qualifier acc "
        "| counted acc | role acc | casualty claims | casualty P / R / F1 | casualty + value F1 | side acc |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        _row("all", r["all"]),
    ]
    for corpus, s in r["by_corpus"].items():
        lines.append(_row(corpus, s))
    if examples:
        lines += ["", "Errors (first of each kind):"]
        for kind, errs in r["all"]["errors"].items():
            for e in errs[:examples]:
                lines.append(f"- {kind}: {e[:300]}")
    lines += ["", f"Run time: {r['seconds']:.0f} s."]
    return "\n".join(lines)


_TRAIN_NOTE = (
    "Development: `extract/quantities.py` was changed on the train split only (and on the UCDP failure patterns, "
    "see Casualty counts). Train before those changes (the extractor at the session's starting commit, same "
    "labels): detection F1 96.8, value acc 98.1, role acc 84.7, casualty P / R / F1 97.1 / 71.2 / 82.2. The "
    "test split was scored once, with the final code. Train after:"
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("train", "test", "all"), default="train")
    ap.add_argument("--labels", help="the labelled set (default: benchmarks/labels/quantities.jsonl)")
    ap.add_argument("--data", help="the shared data folder (default: ../shared/data)")
    ap.add_argument("--errors", type=int, default=0, help="print the first N errors of each kind")
    ap.add_argument("--record", help="Markdown file whose 'Quantities (issue 4)' section gets the result")
    args = ap.parse_args(argv)
    result = run_quantities_benchmark(args.split, labels=args.labels, data=Path(args.data) if args.data else None)
    md = format_quantities_markdown(result, examples=args.errors)
    print(md)
    if args.record:
        body = format_quantities_markdown(result)
        if args.split == "test":
            train = run_quantities_benchmark("train", labels=args.labels, data=Path(args.data) if args.data else None)
            body += "\n\n" + _TRAIN_NOTE + "\n\n" + "\n".join(format_quantities_markdown(train).splitlines()[4:6])
            body += "\n" + _row("train, all", train["all"])
        record_section(args.record, SECTION, body, command=QUANTITIES_COMMAND)


if __name__ == "__main__":
    main()
