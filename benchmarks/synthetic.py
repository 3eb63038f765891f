"""Document-level check of event types on the synthetic wire stories.

Usage: .venv/bin/python benchmarks/synthetic.py [--data ../shared/data] [--limit N]

Each story has one labelled PLOVER type. We report, by type, the share of stories whose coded
events include that type, and the mean number of events per story.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from bench_data import SHARED_DATA, read_rows
from eventcoder import Document, Pipeline


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N stories")
    args = parser.parse_args()
    rows = read_rows(args.data / "synthetic_stories.jsonl")
    if args.limit:
        rows = rows[: args.limit]
    pipeline = Pipeline()
    started = time.perf_counter()
    docs = pipeline.annotate_many(Document(text=r["text"], doc_id=r["doc_id"]) for r in rows)
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    events: Counter[str] = Counter()
    for row, doc in zip(rows, docs, strict=True):
        label = row["label"]
        total[label] += 1
        events[label] += len(doc.events)
        if any(e.code.plover_type == label for e in doc.events):
            found[label] += 1
    seconds = time.perf_counter() - started
    print(f"{'PLOVER type':<11} {'stories':>8} {'found':>8} {'share':>7} {'events/story':>13}")
    for label in sorted(total):
        print(f"{label:<11} {total[label]:>8} {found[label]:>8} "
              f"{found[label] / total[label]:>7.2f} {events[label] / total[label]:>13.2f}")
    n = sum(total.values())
    print(f"{'all':<11} {n:>8} {sum(found.values()):>8} {sum(found.values()) / n:>7.2f} "
          f"{sum(events.values()) / n:>13.2f}")
    print(f"{n} stories in {seconds:.0f} s ({n / seconds:.1f} stories/s)")


if __name__ == "__main__":
    main()
