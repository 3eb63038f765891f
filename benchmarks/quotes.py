"""Quotations and their speakers on a hand-written test set.

Usage: .venv/bin/python benchmarks/quotes.py [--data FILE] [--errors]

Each passage of the set (benchmarks/data/quotes.jsonl) lists its quotations by a distinctive
part of their words, with the expected speaker and kind. A quotation is found when a quote of
the output contains that part. The speaker is right when the expected name appears in the
speaker actor's name, in the words that named the speaker there ("he" resolves through the
actor), or in the phrase naming a speaker that is no actor ("a witness"). Reported:

- found: expected quotations found;  kind: of those, direct/indirect right
- speaker: right speaker over all expected quotations (a missed quotation counts as wrong),
  the issue's measure; also over the found ones
- linked: right speaker with an actor id (what the store and the events join on)
- extra: quotes output that match no expected quotation
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench_data import annotate_rows, gold_set_arguments, read_rows
from eventcoder.model import AnnotatedDocument, Quote

DATA = Path(__file__).resolve().parent / "data" / "quotes.jsonl"


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def speaker_names(doc: AnnotatedDocument, quote: Quote) -> tuple[list[str], list[str]]:
    """Names that identify the quote's speaker: from its actor, and from the text alone."""
    from_actor: list[str] = []
    if quote.speaker is not None:
        actor = next((a for a in doc.actors if a.id == quote.speaker.actor), None)
        from_actor = [n for n in (actor.name if actor else None, quote.speaker.text) if n]
    from_text = [quote.speaker_text] if quote.speaker_text else []
    return from_actor, from_text


def main() -> None:
    """Run the benchmark and print a Markdown table."""
    args = gold_set_arguments(__doc__.splitlines()[0], DATA)
    rows = read_rows(args.data)
    annotated, seconds = annotate_rows(rows, lambda row: _date(row.get("published")))
    expected = found = kind_ok = speaker_ok = linked_ok = extra = produced = 0
    by_kind: dict[str, list[int]] = {"direct": [0, 0], "indirect": [0, 0]}
    for row, doc in zip(rows, annotated, strict=True):
        used: set[int] = set()
        produced += len(doc.quotes)
        for want in row["quotes"]:
            expected += 1
            by_kind[want["kind"]][1] += 1
            snippet = _norm(want["quote"])
            matches = [i for i, q in enumerate(doc.quotes) if snippet in _norm(q.text)]
            if not matches:
                if args.errors:
                    print(f"MISSED [{row['id']}] {want['quote']!r} ({want['speaker']})",
                          file=sys.stderr)
                continue
            index = next((i for i in matches if doc.quotes[i].kind == want["kind"]), matches[0])
            used.add(index)
            quote = doc.quotes[index]
            found += 1
            kind_ok += quote.kind == want["kind"]
            from_actor, from_text = speaker_names(doc, quote)
            name = want["speaker"].lower()
            right = any(name in n.lower() for n in from_actor + from_text)
            speaker_ok += right
            by_kind[want["kind"]][0] += right
            linked_ok += any(name in n.lower() for n in from_actor)
            if args.errors and not right:
                print(f"SPEAKER [{row['id']}] {want['quote']!r}: want {want['speaker']!r}, got "
                      f"actor {from_actor} text {from_text} cue {quote.cue!r}", file=sys.stderr)
        for i, quote in enumerate(doc.quotes):
            if i not in used and not any(_norm(w["quote"]) in _norm(quote.text)
                                         for w in row["quotes"]):
                extra += 1
                if args.errors:
                    print(f"EXTRA [{row['id']}] {quote.kind} {quote.text!r}", file=sys.stderr)
    print(f"{len(rows)} passages, {expected} expected quotations "
          f"({by_kind['direct'][1]} direct, {by_kind['indirect'][1]} indirect); "
          f"{produced} quotes output; {1000 * seconds / len(rows):.1f} ms per passage\n")
    print("| found | kind | speaker (all) | speaker (found) | direct | indirect | linked | extra |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {found / expected:.3f} | {kind_ok / max(found, 1):.3f} | "
          f"{speaker_ok / expected:.3f} | {speaker_ok / max(found, 1):.3f} | "
          f"{by_kind['direct'][0] / max(by_kind['direct'][1], 1):.3f} | "
          f"{by_kind['indirect'][0] / max(by_kind['indirect'][1], 1):.3f} | "
          f"{linked_ok / expected:.3f} | {extra} |")


def _date(text: str | None):  # type: ignore[no-untyped-def]
    from datetime import date
    return date.fromisoformat(text) if text else None


if __name__ == "__main__":
    main()
