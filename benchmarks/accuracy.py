"""Accuracy of event type, source and target on the PLOVER gold sentences.

Usage: .venv/bin/python benchmarks/accuracy.py [--data ../shared/data] [--errors N]
       .venv/bin/python benchmarks/accuracy.py --file benchmarks/data/heldout_sentences.jsonl

For each sentence the gold has one PLOVER type with its source and target actors. We count,
per sentence: the type is found when an event of that type is coded; every other distinct
type coded is a false positive. Source and target are compared on the events of the gold
type (country, or sector where the gold actor has no country); actors that the gold markup
gives as both source and target (SRC/TAR) are each other's targets. "Extra events" are coded
events whose type is not the gold type, per sentence.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from bench_data import SHARED_DATA, Scores, read_rows
from eventcoder import Document, Pipeline
from eventcoder.model import ActorRef, AnnotatedDocument

MUTUAL = re.compile(r"\(SRC/TAR: ([^)]+)\)")


def _gold_keys(actors: list[dict]) -> set[str]:
    return {a["country"] or a["sector"] for a in actors if a["country"] or a["sector"]}


def _gold_targets(row: dict) -> set[str]:
    """Targets, plus the compound actors the coder marked as both (SRC/TAR: ...): in "Israel
    and Jordan met", each side is the other's target."""
    mutual = set(MUTUAL.findall(row.get("markup") or ""))
    both = [a for a in row["source"] if a["text"] in mutual]
    return _gold_keys(row["target"]) | _gold_keys(both)


def _keys(refs: list[ActorRef | None]) -> set[str]:
    return {r.country or r.sector for r in refs if r is not None and (r.country or r.sector)}


def evaluate(rows: list[dict], annotated: list[AnnotatedDocument], show_errors: int) -> None:
    """Print the tables of scores by PLOVER type, and micro averages."""
    kinds = ("type", "source", "target")
    by_type: dict[str, dict[str, Scores]] = defaultdict(lambda: {k: Scores() for k in kinds})
    total = {k: Scores() for k in kinds}
    extra = 0
    shown = 0
    for row, doc in zip(rows, annotated, strict=True):
        gold_type = row["plover_type"]
        types = {e.code.plover_type for e in doc.events if e.code.plover_type}
        matching = [e for e in doc.events if e.code.plover_type == gold_type]
        extra += sum(1 for e in doc.events if e.code.plover_type != gold_type)
        items = {
            "type": (types, {gold_type}),
            "source": (_keys([e.source for e in matching]), _gold_keys(row["source"])),
            "target": (_keys([e.target for e in matching]), _gold_targets(row)),
        }
        for kind, (predicted, gold) in items.items():
            # Types count on every sentence; actors only where the type was found.
            if kind == "type" or matching:
                by_type[gold_type][kind].add(predicted, gold)
                total[kind].add(predicted, gold)
        if show_errors and shown < show_errors and gold_type not in types:
            shown += 1
            coded = [(e.code.cameo, e.code.plover_type, e.source and e.source.code,
                      e.target and e.target.code, e.rule) for e in doc.events]
            print(f"MISS {gold_type}: {row['text']}\n     coded {coded}", file=sys.stderr)

    header = f"{'PLOVER type':<11} {'n':>4} " + " ".join(
        f"{k + ' P':>9} {k + ' R':>9} {k + ' F1':>9}" for k in kinds)
    print(header)
    counts = Counter(r["plover_type"] for r in rows)
    for plover_type in sorted(by_type):
        cells = " ".join(f"{v:9.2f}" for k in kinds for v in by_type[plover_type][k].prf())
        print(f"{plover_type:<11} {counts[plover_type]:>4} {cells}")
    cells = " ".join(f"{v:9.3f}" for k in kinds for v in total[k].prf())
    print(f"{'micro':<11} {len(rows):>4} {cells}")
    print(f"extra events per sentence: {extra / len(rows):.3f}")
    print(f"sentences with no event coded: "
          f"{sum(1 for d in annotated if not d.events)} of {len(rows)}")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--errors", type=int, default=0, help="print this many misses")
    parser.add_argument("--file", type=Path,
                        help="another gold file in the same format (default: the shared gold)")
    args = parser.parse_args()
    rows = read_rows(args.file or args.data / "plover_gold_sentences.jsonl")
    pipeline = Pipeline()
    docs = [Document(text=r["text"], doc_id=r["id"]) for r in rows]
    evaluate(rows, list(pipeline.annotate_many(docs)), args.errors)


if __name__ == "__main__":
    main()
