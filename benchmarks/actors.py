"""Accuracy of actor country and sector.

Usage: .venv/bin/python benchmarks/actors.py [--data ../shared/data] [--errors N]

Two sets: (1) the source and target actors of the PLOVER gold sentences; (2) our own set of
noun phrases in context, benchmarks/data/actor_phrases.jsonl. For each expected actor we find
the coded actor whose mention overlaps the phrase most; no such actor counts as country and
sector null. Accuracy is the share of phrases whose country (and, separately, sector) equals
the expected value, null included.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventcoder import Document, Pipeline
from eventcoder.model import AnnotatedDocument

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
PHRASES = ROOT / "benchmarks" / "data" / "actor_phrases.jsonl"


@dataclass(frozen=True)
class Case:
    """One expected actor: where it is, and its country and sector."""

    sentence: str
    phrase: str
    country: str | None
    sector: str | None


def coded_actor(doc: AnnotatedDocument, case: Case) -> tuple[str | None, str | None]:
    """Country and sector of the coded actor whose mention overlaps the phrase most."""
    start = case.sentence.find(case.phrase)
    end = start + len(case.phrase)
    best, best_overlap = (None, None), 0
    for actor in doc.actors:
        for mention in actor.mentions:
            # The text is one sentence or a few: find where the mention's sentence begins.
            m_start = case.sentence.find(doc.sentences[mention.sentence]) + mention.start
            overlap = min(end, m_start + mention.end - mention.start) - max(start, m_start)
            if overlap > best_overlap:
                best, best_overlap = (actor.country, actor.sector), overlap
    return best


def score(name: str, cases: list[Case], docs: list[AnnotatedDocument], errors: int) -> None:
    """Print country and sector accuracy of one set."""
    country = sector = 0
    shown = 0
    for case, doc in zip(cases, docs, strict=True):
        got = coded_actor(doc, case)
        country += got[0] == case.country
        sector += got[1] == case.sector
        if got != (case.country, case.sector) and shown < errors:
            shown += 1
            print(f"  {case.phrase!r}: expected {case.country}/{case.sector}, got "
                  f"{got[0]}/{got[1]} | {case.sentence}", file=sys.stderr)
    n = len(cases)
    print(f"{name:<34} {n:>5} {country / n:>9.3f} {sector / n:>9.3f}")


def gold_cases(path: Path) -> list[tuple[Case, date | None]]:
    """Source and target actors of the PLOVER gold sentences."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for actor in row["source"] + row["target"]:
            if actor["text"] and actor["text"] in row["text"]:
                cases.append((Case(row["text"], actor["text"], actor["country"],
                                   actor["sector"]), None))
    return cases


def phrase_cases(path: Path) -> list[tuple[Case, date | None]]:
    """Our own noun phrases in context."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        cases.append((Case(row["sentence"], row["phrase"], row["country"], row["sector"]),
                      date.fromisoformat(row["published"]) if row.get("published") else None))
    return cases


def main() -> None:
    """Run both sets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=0, help="print this many misses per set")
    args = parser.parse_args()
    pipeline = Pipeline()
    print(f"{'set':<34} {'n':>5} {'country':>9} {'sector':>9}")
    gold = args.data / "plover_gold_sentences.jsonl"
    sets = [("PLOVER gold source+target actors", gold_cases(gold) if gold.exists() else [],
             "gold"),
            ("our noun phrases in context", phrase_cases(PHRASES) if PHRASES.exists() else [],
             "phrases")]
    for name, cases, tag in sets:
        if not cases:
            print(f"{name:<34} skipped: no data")
            continue
        docs = list(pipeline.annotate_many(
            Document(text=c.sentence, doc_id=f"{tag}-{i}", published=published)
            for i, (c, published) in enumerate(cases)))
        score(name, [c for c, _ in cases], docs, args.errors)


if __name__ == "__main__":
    main()
