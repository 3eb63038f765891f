"""What the benchmark scripts share: where the shared data is, and reading JSON-lines sets."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSON-lines file (blank and '_comment' lines skipped); exits with a
    message naming the file when it is missing."""
    if not path.exists():
        sys.exit(f"{path} not found: pass --data")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [row for row in rows if "_comment" not in row]


def gold_set_arguments(description: str, default: Path) -> argparse.Namespace:
    """The arguments of a benchmark over a gold set: --data (the set) and --errors."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=default)
    parser.add_argument("--errors", action="store_true", help="print the misses")
    return parser.parse_args()


def annotate_rows(rows: list[dict[str, Any]],
                  published: Callable[[dict[str, Any]], date | None] = lambda row: None,
                  ) -> tuple[list[Any], float]:
    """Annotate each row's text with a fresh pipeline; the documents and the seconds taken
    (pipeline load excluded)."""
    from eventcoder import Document, Pipeline

    pipeline = Pipeline()
    docs = [Document(text=r["text"], doc_id=r["id"], published=published(r)) for r in rows]
    started = time.perf_counter()
    annotated = list(pipeline.annotate_many(docs))
    return annotated, time.perf_counter() - started
