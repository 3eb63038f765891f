"""Dyad-root accuracy on the event gold sentences (every codable event of 400 news sentences).

Usage: .venv/bin/python benchmarks/event_gold.py [--data ../shared/data] [--errors N]

Each gold sentence is one of the first five of a synthetic story; the whole story is coded
(so pronouns and "the country" resolve as in use) and every event whose trigger starts inside
the sentence's span counts for it. Per sentence we compare the sets of (source country or
'---', target country or '---', CAMEO root) triples:

- strict: every gold triple is required;
- lenient: a triple whose gold events are all of medium confidence is optional: a match
  when coded, not a miss when not (as optional answers are scored since MUC);
- PLOVER type: the sets of types regardless of actors (01x events have no type);
- false events: coded events in the sentences whose gold is empty, per such sentence.

Negated and hypothetical events are not counted: the gold codes neither. `--errors N` prints
up to N sentences for each cause of error.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench_data import SHARED_DATA, Scores, gold_stories, read_rows, sentence_starts
from eventcoder import Pipeline
from eventcoder.model import AnnotatedDocument, Event

Triple = tuple[str, str, str]
NONE = "---"


def gold_triple(event: dict[str, Any]) -> Triple:
    """The (source, target, root) triple of a gold event."""
    return (event["source"]["country"] or NONE, event["target"]["country"] or NONE,
            event["root"])


def coded_triple(event: Event) -> Triple:
    """The (source, target, root) triple of a coded event."""
    source = event.source.country if event.source and event.source.country else NONE
    target = event.target.country if event.target and event.target.country else NONE
    return (source, target, event.code.root)


def counted(event: Event) -> bool:
    """Whether the gold would code an event of this kind at all."""
    return not event.negated and event.modality != "hypothetical"


def events_by_span(doc: AnnotatedDocument) -> list[tuple[int, Event]]:
    """Each counted event with the character offset of its trigger in the whole text."""
    starts = sentence_starts(doc)
    return [(starts[e.sentence] + e.trigger.start, e) for e in doc.events if counted(e)]


def error_cause(predicted: set[Triple], gold: set[Triple]) -> str | None:
    """Why a sentence's coded triples differ from its gold, or None when they agree."""
    if predicted == gold:
        return None
    if not gold:
        return "false event in an event-free sentence"
    if not predicted:
        return "no event coded"
    gold_roots = {t[2] for t in gold}
    coded_roots = {t[2] for t in predicted}
    if not gold_roots & coded_roots:
        return "wrong root"
    same_root = [(p, g) for p in predicted for g in gold if p[2] == g[2]]
    if any(p[0] != g[0] and p[1] == g[1] for p, g in same_root):
        return "wrong source country"
    if any(p[1] != g[1] and p[0] == g[0] for p, g in same_root):
        return "wrong target country"
    if any(p[:2] != g[:2] for p, g in same_root):
        return "wrong dyad"
    return "missing or extra events"


def evaluate(rows: list[dict[str, Any]], annotated: list[AnnotatedDocument],
             show_errors: int) -> dict[str, float]:
    """Print the scores (and the errors by cause); return the headline numbers."""
    by_doc = {d.document.doc_id: events_by_span(d) for d in annotated}
    strict, lenient, plover = Scores(), Scores(), Scores()
    empty_sentences = false_events = 0
    errors: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        coded = [e for offset, e in by_doc.get(row["doc_id"], [])
                 if row["start"] <= offset < row["end"]]
        predicted = {coded_triple(e) for e in coded}
        gold = {gold_triple(e) for e in row["events"]}
        firm = {gold_triple(e) for e in row["events"] if e["confidence"] == "high"}
        strict.add(predicted, gold)
        lenient.add(predicted, gold, optional=gold - firm)
        plover.add({e.code.plover_type for e in coded if e.code.plover_type},
                   {e["plover"] for e in row["events"] if e["plover"]})
        if not row["events"]:
            empty_sentences += 1
            false_events += len(coded)
        cause = error_cause(predicted, gold)
        if cause:
            listing = [f"{e.code.cameo} {coded_triple(e)} {e.trigger.text!r} [{e.rule}]"
                       for e in coded]
            errors[cause].append(f"{row['id']}: {row['text']}\n      gold  {sorted(gold)}"
                                 f"\n      coded {listing}")
    numbers = {
        "strict_f1": strict.prf()[2], "lenient_f1": lenient.prf()[2],
        "plover_f1": plover.prf()[2],
        "false_per_empty": false_events / empty_sentences if empty_sentences else 0.0,
    }
    print(f"{'score':<22} {'P':>6} {'R':>6} {'F1':>6}")
    for name, counts in (("dyad-root strict", strict), ("dyad-root lenient", lenient),
                         ("PLOVER type", plover)):
        p, r, f1 = counts.prf()
        print(f"{name:<22} {p:6.3f} {r:6.3f} {f1:6.3f}")
    print(f"false events per event-free sentence: {numbers['false_per_empty']:.3f} "
          f"({false_events} in {empty_sentences})")
    print(f"sentences: {len(rows)}; errors by cause: "
          + ", ".join(f"{cause} {len(items)}" for cause, items in sorted(errors.items())))
    if show_errors:
        for cause, items in sorted(errors.items()):
            print(f"\n## {cause} ({len(items)})")
            for item in items[:show_errors]:
                print("  " + item)
    return numbers


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--errors", type=int, default=0,
                        help="print this many sentences for each cause of error")
    args = parser.parse_args()
    rows = read_rows(args.data / "event_gold_sentences.jsonl")
    docs = gold_stories(rows, args.data / "synthetic_stories.jsonl")
    evaluate(rows, list(Pipeline().annotate_many(docs)), args.errors)


if __name__ == "__main__":
    main()
