"""Accuracy of actor country and sector.

Usage: .venv/bin/python benchmarks/actors.py [--data ../shared/data] [--errors [N]]

Three sources of expected actors:

1. the source and target actors of the PLOVER gold sentences;
2. our noun phrases in context, benchmarks/data/actor_phrases.jsonl, scored on the rows
   without a `set` field (old), the rows marked `"set": "v2"` (new: ministers of small states,
   dated roles, parties, agencies, armed groups, cartels, NGOs, IGO bodies, city authorities,
   phrase heads, names in capitals, "the country"-type references and pronouns across
   sentences) and all; a row may give `occurrence` when its phrase occurs more than once;
3. the source and target spans of the event gold (`event_gold_sentences.jsonl`, an actor
   named in several events of a sentence counted once): each whole story is annotated
   (published as the gold row says) and each span is looked up among the actor mentions, and
   again among the coded events' sources and targets (which may take a country from the
   context that the actor lacks; a span no event names keeps its mention).

For each expected actor we take the coded mention that overlaps its words best: one that
covers all the words, else one that covers their head (the last word before a comma or a
preposition: "Teachers" in "Teachers in tiny Micronesia"), else the largest overlap. No such
mention counts as country and sector null. Expected actors that share one span in the event
gold (a group: 'the four foreign ministers' is four actors) are matched one to one with the
coded mentions that fit that span equally well, so that a group coded as its members can score
each of them (a span coded as one actor still answers for one). Accuracy is the share of
expected actors whose country (and, separately, sector) equals the expected value, null
included. `--errors` prints every miss, `--errors N` the first N of each set.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bench_data import SHARED_DATA, gold_stories, read_rows, sentence_starts
from eventcoder import Document, Pipeline
from eventcoder.model import AnnotatedDocument

PHRASES = Path(__file__).resolve().parent / "data" / "actor_phrases.jsonl"
# Where a noun phrase's head ends: its post-modifiers start at a comma, a bracket or these.
POST_MODIFIER = re.compile(r",|\(| (?:of|in|from|at|for|who|which|that|with|on|to|by|near|"
                           r"after|over|under|against|across|inside|behind)\b")
WORD = re.compile(r"\w[\w'.-]*")


@dataclass(frozen=True)
class Case:
    """One expected actor: the words that name it in a text, and its country and sector."""

    text: str
    start: int
    end: int
    country: str | None
    sector: str | None
    label: str  # where it comes from, shown with a miss

    @property
    def words(self) -> str:
        """The words that name the actor."""
        return self.text[self.start:self.end]


@dataclass(frozen=True)
class Coded:
    """What the coder made of one expected actor: country, sector and the words it coded."""

    country: str | None = None
    sector: str | None = None
    words: str | None = None  # None when no coded span overlaps the expected words

    @property
    def pair(self) -> tuple[str | None, str | None]:
        """Country and sector."""
        return self.country, self.sector

    def __bool__(self) -> bool:
        """Whether a coded span was found."""
        return self.words is not None


Candidate = tuple[int, int, Coded]  # a coded span: offsets into the whole text, and its codes


def find_words(text: str, words: str, occurrence: int = 1, start: int = 0) -> int:
    """Offset of the n-th occurrence of `words` as whole words in `text` from `start`, or -1."""
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    for n, match in enumerate(pattern.finditer(text, start), 1):
        if n == occurrence:
            return match.start()
    return -1


def head_span(case: Case) -> tuple[int, int]:
    """Offsets of the head word of the expected words: the last word before a post-modifier."""
    cut = POST_MODIFIER.search(case.words)
    region = case.words[:cut.start()] if cut and cut.start() > 0 else case.words
    words = list(WORD.finditer(region))
    if not words:
        return case.start, case.end
    return case.start + words[-1].start(), case.start + words[-1].end()


def actor_mentions(doc: AnnotatedDocument) -> list[Candidate]:
    """Every mention of every coded actor, with the actor's country and sector."""
    starts = sentence_starts(doc)
    return [(starts[m.sentence] + m.start, starts[m.sentence] + m.end,
             Coded(actor.country, actor.sector, m.text))
            for actor in doc.actors for m in actor.mentions]


def event_participants(doc: AnnotatedDocument) -> list[Candidate]:
    """The source and target words of every coded event, with the codes the event gave them
    (which may carry a country from the context that the actor itself lacks)."""
    starts = sentence_starts(doc)
    spans = []
    for event in doc.events:
        for ref in (event.source, event.target):
            at = doc.sentences[event.sentence].find(ref.text) if ref and ref.text else -1
            if ref and at >= 0:
                start = starts[event.sentence] + at
                spans.append((start, start + len(ref.text), Coded(ref.country, ref.sector,
                                                                  ref.text)))
    return spans


def best_fit(candidates: list[Candidate], case: Case) -> Coded:
    """The coded span that fits the expected words best (see the module doc), or an empty one."""
    head_start, head_end = head_span(case)
    best: tuple[tuple[bool, bool, int, int], Coded] | None = None
    for start, end, coded in candidates:
        overlap = min(case.end, end) - max(case.start, start)
        if overlap <= 0:
            continue
        rank = (start <= case.start and end >= case.end,
                start <= head_start and end >= head_end, overlap, start - end)
        if best is None or rank > best[0]:
            best = (rank, coded)
    return best[1] if best else Coded()


def fit_groups(candidates: list[Candidate], cases: list[Case]) -> list[Coded]:
    """best_fit for each case, except that expected actors sharing one span (a group: 'the
    four foreign ministers' is four actors) are matched one to one with the coded mentions
    that fit that span best, as many right as the two sets allow; one coded mention still
    answers for every expected actor it is the only fit of."""
    fits = [best_fit(candidates, case) for case in cases]
    spans: dict[tuple[int, int], list[int]] = {}
    for index, case in enumerate(cases):
        spans.setdefault((case.start, case.end), []).append(index)
    for indices in spans.values():
        if len(indices) < 2:
            continue
        free = _tied_fits(candidates, cases[indices[0]])
        left = list(indices)
        # Exact answers first, then the right country, then what is left.
        for agrees in (lambda c, k: c.pair == (k.country, k.sector),
                       lambda c, k: c.country == k.country, lambda c, k: True):
            for index in list(left):
                found = next((c for c in free if agrees(c, cases[index])), None)
                if found is not None:
                    fits[index] = found
                    free.remove(found)
                    left.remove(index)
    return fits


def _tied_fits(candidates: list[Candidate], case: Case) -> list[Coded]:
    """Every coded span that fits the case as well as the best one does."""
    best = best_fit(candidates, case)
    if not best:
        return []
    head_start, head_end = head_span(case)
    ranks = {}
    for start, end, coded in candidates:
        overlap = min(case.end, end) - max(case.start, start)
        if overlap > 0:
            ranks[id(coded)] = (start <= case.start and end >= case.end,
                                start <= head_start and end >= head_end, overlap, start - end)
    top = max(ranks.values())
    return [coded for start, end, coded in candidates if ranks.get(id(coded)) == top]


def score(name: str, scored: list[tuple[Case, Coded]], errors: int) -> None:
    """Print country and sector accuracy of one set, and up to `errors` of its misses."""
    if not scored:
        print(f"{name:<36} skipped: no data")
        return
    country = sum(coded.pair[0] == case.country for case, coded in scored)
    sector = sum(coded.pair[1] == case.sector for case, coded in scored)
    found = sum(coded.words is not None for _, coded in scored)
    n = len(scored)
    print(f"{name:<36} {n:>5} {found:>6} {country / n:>9.3f} {sector / n:>9.3f}")
    misses = [(case, coded) for case, coded in scored
              if coded.pair != (case.country, case.sector)]
    for case, coded in misses[:errors]:
        got = "/".join(str(v) for v in coded.pair)
        print(f"    {case.words!r}: expected {case.country}/{case.sector}, got {got}"
              f" from {coded.words!r} | {case.label}", file=sys.stderr)


def plover_cases(path: Path) -> list[tuple[Case, date | None]]:
    """Source and target actors of the PLOVER gold sentences."""
    cases: list[tuple[Case, date | None]] = []
    for row in read_rows(path):
        for actor in row["source"] + row["target"]:
            start = find_words(row["text"], actor["text"]) if actor["text"] else -1
            if start < 0:  # the actor's words are not in the sentence as they are
                start = row["text"].find(actor["text"]) if actor["text"] else -1
            if start >= 0:
                cases.append((Case(row["text"], start, start + len(actor["text"]),
                                   actor["country"], actor["sector"], row["text"]), None))
    return cases


def phrase_cases(path: Path) -> list[tuple[Case, date | None, str]]:
    """Our noun phrases in context, with their published date and set ('old' or 'v2')."""
    cases = []
    for number, row in enumerate(read_rows(path), 1):
        start = find_words(row["sentence"], row["phrase"], row.get("occurrence", 1))
        if start < 0:
            sys.exit(f"{path}: row {number}: {row['phrase']!r} is not in its sentence")
        published = date.fromisoformat(row["published"]) if row.get("published") else None
        case = Case(row["sentence"], start, start + len(row["phrase"]), row["country"],
                    row["sector"], f"{row['published']} {row['sentence']}")
        cases.append((case, published, row.get("set", "old")))
    return cases


def event_gold_cases(rows: list[dict[str, Any]], texts: dict[str, str]
                     ) -> list[tuple[Case, str]]:
    """Each distinct source and target span of the event gold, located in its story, with the
    story's doc_id (an actor named in several events of a sentence counts once)."""
    cases: dict[tuple[str, int, str | None, str | None], tuple[Case, str]] = {}
    for row in rows:
        story = texts.get(row["doc_id"])
        if story is None or story[row["start"]:row["end"]] != row["text"]:
            continue
        for event in row["events"]:
            for role in ("source", "target"):
                actor = event[role]
                if not actor["text"]:
                    continue
                start = find_words(story, actor["text"], start=row["start"])
                if start < 0 or start >= row["end"]:
                    continue
                key = (row["id"], start, actor["country"], actor["sector"])
                cases[key] = (Case(story, start, start + len(actor["text"]), actor["country"],
                                   actor["sector"], f"{row['id']}: {row['text']}"),
                              row["doc_id"])
    return list(cases.values())


def annotate(pipeline: Pipeline, documents: Iterable[Document]) -> list[AnnotatedDocument]:
    """Annotate the documents in order."""
    return list(pipeline.annotate_many(documents))


def main() -> None:
    """Run the three sets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--errors", type=int, nargs="?", const=sys.maxsize, default=0,
                        help="print the misses (all, or this many per set)")
    args = parser.parse_args()
    pipeline = Pipeline()
    print(f"{'set':<36} {'n':>5} {'found':>6} {'country':>9} {'sector':>9}")

    gold = args.data / "plover_gold_sentences.jsonl"
    plover = plover_cases(gold) if gold.exists() else []
    docs = annotate(pipeline, (Document(text=c.text, doc_id=f"gold-{i}", published=p)
                               for i, (c, p) in enumerate(plover)))
    score("PLOVER gold source+target actors", [(c, best_fit(actor_mentions(d), c))
                                               for (c, _), d in zip(plover, docs, strict=True)],
          args.errors)

    phrases = phrase_cases(PHRASES)
    docs = annotate(pipeline, (Document(text=c.text, doc_id=f"phrase-{i}", published=p)
                               for i, (c, p, _) in enumerate(phrases)))
    scored = [(c, best_fit(actor_mentions(d), c), tag)
              for (c, _, tag), d in zip(phrases, docs, strict=True)]
    score("phrases in context: old rows", [(c, k) for c, k, t in scored if t == "old"],
          args.errors)
    score("phrases in context: new rows (v2)", [(c, k) for c, k, t in scored if t == "v2"],
          args.errors)
    score("phrases in context: all", [(c, k) for c, k, _ in scored], 0)

    gold_path = args.data / "event_gold_sentences.jsonl"
    if not gold_path.exists():
        print(f"{'event gold source+target spans':<36} skipped: no data")
        return
    rows = read_rows(gold_path)
    annotated = annotate(pipeline, gold_stories(rows, args.data / "synthetic_stories.jsonl"))
    by_id = {d.document.doc_id: d for d in annotated}
    cases = event_gold_cases(rows, {i: d.document.text for i, d in by_id.items()})
    mentions = {doc_id: actor_mentions(d) for doc_id, d in by_id.items()}
    by_doc: dict[str, list[Case]] = {}
    for case, doc_id in cases:
        by_doc.setdefault(doc_id, []).append(case)
    fitted = {id(case): fit for doc_id, doc_cases in by_doc.items()
              for case, fit in zip(doc_cases, fit_groups(mentions[doc_id], doc_cases),
                                   strict=True)}
    score("event gold spans: actor mentions",
          [(c, fitted[id(c)]) for c, _ in cases], args.errors)
    # The same spans as the coded events name them; spans no event names keep their mention.
    participants = {doc_id: event_participants(d) for doc_id, d in by_id.items()}
    score("event gold spans: event participants",
          [(c, best_fit(participants[doc_id], c) or best_fit(mentions[doc_id], c))
           for c, doc_id in cases], 0)


if __name__ == "__main__":
    main()
