"""What the benchmark scripts share: where the shared data is, and reading JSON-lines sets."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
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


def gold_stories(rows: list[dict[str, Any]], path: Path) -> list[Any]:
    """The synthetic stories the event gold's sentences come from (read from `path`), each
    published on the date its gold rows give."""
    from eventcoder import Document

    wanted = {row["doc_id"]: row["published"] for row in rows}
    docs = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            if story["doc_id"] in wanted:
                docs.append(Document(text=story["text"], doc_id=story["doc_id"],
                                     published=date.fromisoformat(wanted[story["doc_id"]])))
    return docs


def sentence_starts(doc: Any) -> list[int]:
    """Offset of each sentence of an annotated document in its text."""
    text = doc.document.text
    starts: list[int] = []
    cursor = 0
    for sentence in doc.sentences:
        found = text.find(sentence, cursor)
        starts.append(found if found >= 0 else cursor)
        cursor = max(cursor, starts[-1] + len(sentence))
    return starts


@dataclass
class Scores:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[Any], gold: set[Any], optional: set[Any] | None = None
            ) -> None:
        """Count one sentence's predicted against gold items; `optional` gold items count
        when coded and are not missed when not (the MUC convention for optional answers)."""
        required = gold - (optional or set())
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(required - predicted)

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

