"""Quotations and their speakers on hand-written test sets.

Usage: .venv/bin/python benchmarks/quotes.py [--data FILE ...] [--all] [--errors]

Each passage of a set (benchmarks/data/quotes.jsonl by default; `--data` may be repeated and
`--all` takes quotes.jsonl, quotes_heldout.jsonl and quotes_news.jsonl, each reported apart)
lists its quotations by a distinctive part of their words, with the expected speaker and kind. A
quotation is found when a quote of the output contains that part. The speaker is right when the
expected name appears in the speaker actor's name, in the words that named the speaker there
("he" resolves through the actor), or in the phrase naming a speaker that is no actor ("a
witness"). Reported:

- found: expected quotations found;  kind: of those, direct/indirect right
- speaker: right speaker over all expected quotations (a missed quotation counts as wrong),
  the issue's measure; also over the found ones
- linked: right speaker with an actor id (what the store and the events join on)
- extra: quotes output that match no expected quotation
- person (sets whose quotations give speaker_name, e.g. quotes_news.jsonl): the speaker's
  actor is that person or body, over all expected quotations: its name or one of its mentions
  other than a pronoun has only words of the expected name (or of a speaker_also name) and has
  its last word ("Ms Kamau" is Wanjiru Kamau; "he" counts through the actor it resolves to).
  Where speaker_name is null no named person said it: right when the quote has no speaker
  actor, or one named in speaker_also or by the speaker's words ("spokeswoman").
- sector: quotations with a speaker_sector whose speaker actor carries that sector
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bench_data import annotate_rows, read_rows
from eventcoder.model import Actor, AnnotatedDocument, Quote

DATA = Path(__file__).resolve().parent / "data" / "quotes.jsonl"
SETS = tuple(DATA.parent / name for name in (
    "quotes.jsonl", "quotes_heldout.jsonl", "quotes_news.jsonl"))
# Words that never tell one person or paper from another: titles, articles, "newspaper".
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "hajiya", "the",
                    "newspaper", "paper"})
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "his", "its", "their", "them",
                      "we", "i", "you", "who", "which"})


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def name_words(name: str) -> list[str]:
    """The words of a name, lower-cased, without accents, punctuation, titles or "'s"
    ("Al-Masri" and "Al Masri" are the same words)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.replace("’", "'"))
                    if not unicodedata.combining(c)).lower().replace("-", " ")
    words = []
    for word in plain.split():
        word = word.removesuffix("'s")
        word = "".join(c for c in word if c.isalnum() or c == "&")
        if word and word not in TITLES:
            words.append(word)
    return words


def same_name(found: str, expected: str) -> bool:
    """Whether a name found for an actor names the expected person or body."""
    got, want = name_words(found), name_words(expected)
    if not got or not want:
        return False
    if set(got) <= set(want) and want[-1] in got:  # "Kamau", "Ms Kamau" for Wanjiru Kamau
        return True
    return len(want) > 1 and set(want) <= set(got)  # "Minister Wanjiru Kamau"


def actor_names(actor: Actor) -> list[str]:
    """The actor's name and the words of its mentions that are no pronoun."""
    return [actor.name] + [m.text for m in actor.mentions if m.text.lower() not in PRONOUNS]


def speaker_names(doc: AnnotatedDocument, quote: Quote) -> tuple[list[str], list[str]]:
    """Names that identify the quote's speaker: from its actor, and from the text alone."""
    from_actor: list[str] = []
    if quote.speaker is not None:
        actor = _actor(doc, quote)
        from_actor = [n for n in (actor.name if actor else None, quote.speaker.text) if n]
    from_text = [quote.speaker_text] if quote.speaker_text else []
    return from_actor, from_text


def _actor(doc: AnnotatedDocument, quote: Quote) -> Actor | None:
    if quote.speaker is None:
        return None
    return next((a for a in doc.actors if a.id == quote.speaker.actor), None)


def right_person(doc: AnnotatedDocument, quote: Quote, want: dict[str, Any]) -> bool:
    """Whether the quote's speaker actor is the expected person or body (see the docstring)."""
    actor = _actor(doc, quote)
    if actor is None:
        return want["speaker_name"] is None
    names = actor_names(actor)
    expected = list(want.get("speaker_also", []))
    if want["speaker_name"] is None:  # an unnamed speaker: never another person of the story
        words = set(name_words(want["speaker"]))
        if any(words <= set(name_words(found)) for found in names):
            return True
    else:
        expected.append(want["speaker_name"])
    return any(same_name(found, name) for found in names for name in expected)


@dataclass
class Counts:
    """What one set scored."""

    passages: int = 0
    expected: int = 0
    found: int = 0
    kind_ok: int = 0
    speaker_ok: int = 0
    linked_ok: int = 0
    extra: int = 0
    produced: int = 0
    person_ok: int = 0
    person_total: int = 0
    sector_ok: int = 0
    sector_total: int = 0
    by_kind: dict[str, list[int]] = field(
        default_factory=lambda: {"direct": [0, 0], "indirect": [0, 0]})


def score_set(name: str, rows: list[dict[str, Any]], annotated: list[AnnotatedDocument],
              errors: bool) -> Counts:
    """Compare one set's expected quotations with what the pipeline output."""
    c = Counts(passages=len(rows))
    for row, doc in zip(rows, annotated, strict=True):
        used: set[int] = set()
        c.produced += len(doc.quotes)
        for want in row["quotes"]:
            c.expected += 1
            c.by_kind[want["kind"]][1] += 1
            scored_person = "speaker_name" in want
            c.person_total += scored_person
            c.sector_total += "speaker_sector" in want
            snippet = _norm(want["quote"])
            matches = [i for i, q in enumerate(doc.quotes) if snippet in _norm(q.text)]
            if not matches:
                if errors:
                    print(f"MISSED {name} [{row['id']}] {want['quote']!r} ({want['speaker']})",
                          file=sys.stderr)
                continue
            index = next((i for i in matches if doc.quotes[i].kind == want["kind"]), matches[0])
            used.add(index)
            quote = doc.quotes[index]
            c.found += 1
            c.kind_ok += quote.kind == want["kind"]
            from_actor, from_text = speaker_names(doc, quote)
            expected_name = want["speaker"].lower()
            right = any(expected_name in n.lower() for n in from_actor + from_text)
            c.speaker_ok += right
            c.by_kind[want["kind"]][0] += right
            c.linked_ok += any(expected_name in n.lower() for n in from_actor)
            person = scored_person and right_person(doc, quote, want)
            c.person_ok += person
            if "speaker_sector" in want:
                got_sector = quote.speaker.sector if quote.speaker else None
                c.sector_ok += got_sector == want["speaker_sector"]
                if errors and got_sector != want["speaker_sector"]:
                    print(f"SECTOR {name} [{row['id']}] {want['quote']!r}: want "
                          f"{want['speaker_sector']}, got {got_sector}", file=sys.stderr)
            if errors and not (right and (person or not scored_person)):
                actor = _actor(doc, quote)
                words = quote.speaker.text if quote.speaker else None
                print(f"SPEAKER {name} [{row['id']}] (words {'right' if right else 'wrong'}, "
                      f"person {'right' if person else 'wrong'}) {want['quote']!r}: want "
                      f"{want['speaker']!r} / {want.get('speaker_name')!r}, got actor "
                      f"{actor.name if actor else None!r} ({words!r}) "
                      f"text {from_text} cue {quote.cue!r}", file=sys.stderr)
        for i, quote in enumerate(doc.quotes):
            if i not in used and not any(_norm(w["quote"]) in _norm(quote.text)
                                         for w in row["quotes"]):
                c.extra += 1
                if errors:
                    print(f"EXTRA {name} [{row['id']}] {quote.kind} {quote.text!r}",
                          file=sys.stderr)
    return c


def _ratio(right: int, total: int) -> str:
    return f"{right / total:.3f}" if total else "-"


def print_set(name: str, c: Counts, seconds: float) -> None:
    """One set's table."""
    print(f"## {name}\n\n{c.passages} passages, {c.expected} expected quotations "
          f"({c.by_kind['direct'][1]} direct, {c.by_kind['indirect'][1]} indirect); "
          f"{c.produced} quotes output; {1000 * seconds / max(c.passages, 1):.1f} ms per "
          f"passage\n")
    print("| found | kind | speaker (all) | speaker (found) | direct | indirect | linked | extra "
          "| person | sector |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {_ratio(c.found, c.expected)} | {_ratio(c.kind_ok, max(c.found, 1))} | "
          f"{_ratio(c.speaker_ok, c.expected)} | {_ratio(c.speaker_ok, max(c.found, 1))} | "
          f"{_ratio(*c.by_kind['direct'])} | {_ratio(*c.by_kind['indirect'])} | "
          f"{_ratio(c.linked_ok, c.expected)} | {c.extra} | "
          f"{_ratio(c.person_ok, c.person_total)} | {_ratio(c.sector_ok, c.sector_total)} |\n")


def main() -> None:
    """Run the benchmark over each set and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append",
                        help="a set (JSON lines); may be repeated (default: quotes.jsonl)")
    parser.add_argument("--all", action="store_true",
                        help="the dev, held-out and news sets (after any --data)")
    parser.add_argument("--errors", action="store_true", help="print the misses")
    args = parser.parse_args()
    paths = list(args.data or [])
    if args.all:
        paths += [p for p in SETS if p not in paths]
    paths = paths or [DATA]
    sets = [(path, read_rows(path)) for path in paths]
    every = [row for _, rows in sets for row in rows]
    annotated, seconds = annotate_rows(every, lambda row: _date(row.get("published")))
    start = 0
    results = []
    for path, rows in sets:
        docs = annotated[start:start + len(rows)]
        start += len(rows)
        counts = score_set(path.name, rows, docs, args.errors)
        print_set(path.name, counts, seconds * len(rows) / max(len(every), 1))
        results.append((path.name, counts))
    if len(results) > 1:
        print("## Speakers per set\n")
        print("| set | quotations | found | speaker (all) | person | sector |")
        print("|---|---|---|---|---|---|")
        for name, c in results:
            print(f"| {name} | {c.expected} | {_ratio(c.found, c.expected)} | "
                  f"{_ratio(c.speaker_ok, c.expected)} | {_ratio(c.person_ok, c.person_total)} "
                  f"| {_ratio(c.sector_ok, c.sector_total)} |")


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


if __name__ == "__main__":
    main()
