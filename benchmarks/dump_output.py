"""Dump the whole output of the first N synthetic stories, to prove a speed change changes nothing.

Usage: .venv/bin/python benchmarks/dump_output.py [--limit 1500] [--data FILE] OUT
then, after the change, the same into OUT2 and `cmp OUT OUT2`.

Each story gives two lines: its annotated JSON (actors, events, times, places, quotes) and the
coder's considerations (token index and outcome), so that a change in what was rejected and
why shows as well as a change in what was coded.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from itertools import islice
from pathlib import Path

from bench_data import SHARED_DATA
from eventcoder import Document, Pipeline

PUBLISHED = date(2023, 6, 15)  # the stories carry no date; any fixed one will do


def main() -> None:
    """Write the dump."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--data", type=Path, default=SHARED_DATA / "synthetic_stories.jsonl")
    args = parser.parse_args()
    with args.data.open(encoding="utf-8") as lines:
        documents = [Document(text=json.loads(line)["text"], doc_id=str(i), published=PUBLISHED)
                     for i, line in enumerate(islice(lines, args.limit))]
    with args.out.open("w", encoding="utf-8") as out:
        for analysis in Pipeline().analyse_many(documents):
            out.write(json.dumps(analysis.annotated.to_json(), sort_keys=True, default=str) + "\n")
            out.write(json.dumps(sorted((c.token.i, c.outcome) for c in analysis.considered))
                      + "\n")
    print(f"{len(documents)} documents written to {args.out}")


if __name__ == "__main__":
    main()
