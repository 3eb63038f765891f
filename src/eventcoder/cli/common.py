"""What the commands share: exit statuses, argument types, the console and its tables."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import InputReadError
from ..ingest import parse_published
from ..model import ActorRef, AnnotatedDocument, Document

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def add_db_argument(parser: argparse.ArgumentParser, use: str,
                    default: str = "eventcoder.duckdb") -> None:
    """The --db option every command on a store shares; `use` says what it does with it."""
    parser.add_argument("--db", default=default, metavar="PATH",
                        help=f"DuckDB store to {use} (default: %(default)s)")


def date_arg(value: str) -> date:
    """An argparse type for YYYY-MM-DD dates."""
    try:
        parsed = parse_published(value)
    except InputReadError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if parsed is None:
        raise argparse.ArgumentTypeError("a date is required")
    return parsed


def _number_arg(value: str, convert: type[int] | type[float], minimum: float,
                what: str) -> float:
    try:
        number = convert(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not {what}") from None
    if number < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum:g}")
    return number


def positive_int(value: str) -> int:
    """An argparse type for integers of at least 1."""
    return int(_number_arg(value, int, 1, "a whole number"))


def seconds_arg(value: str) -> float:
    """An argparse type for a number of seconds (0 or more)."""
    return _number_arg(value, float, 0, "a number of seconds")


def existing_file(value: str) -> Path:
    """An argparse type for a file that must exist."""
    path = Path(value)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such file: {value}")
    return path.resolve()


# --- the console and tables that fit it ----------------------------------------------------

def stdout_console() -> Console:
    """The console a command prints its tables on: as wide as $COLUMNS, else the terminal,
    else 80 columns (rich's rule), so that a table piped to a file or `head` fits a screen."""
    return Console()


@dataclass(frozen=True)
class Column:
    """A column of a table that fits the console: `firm` columns keep each cell on one line
    (dates, codes, numbers), the others wrap their words (or are `cut`) down to `min_width`;
    when even that does not fit, the columns of lowest `keep` are left out, and the caption
    says which."""

    name: str
    firm: bool = False
    min_width: int | None = None  # firm: the header may fold below it; wrap: the narrowest
    max_width: int | None = None
    keep: int = 0
    justify: Literal["left", "right"] = "left"
    cut: bool = False  # one line, cut with an ellipsis (a long list the table only hints at)


@dataclass
class _Fitted:
    column: Column
    index: int
    natural: int
    need: int
    width: int = 0


def fitted_table(columns: Sequence[Column], rows: Iterable[Sequence[str]], width: int,
                 title: str | None = None, caption: str | None = None) -> Table:
    """A table of rows (cells with rich markup) as wide as `width` at most: wrapping words,
    then leaving out the least needed columns; never cutting a firm cell such as a date."""
    cells = [list(r) for r in rows]
    fitted = [_measure(c, i, cells) for i, c in enumerate(columns)]
    dropped: list[Column] = []
    while len(fitted) > 1 and sum(f.need for f in fitted) + _borders(len(fitted)) > width:
        least = min(fitted, key=lambda f: (f.column.keep, -f.index))
        fitted.remove(least)
        dropped.append(least.column)
    _share(fitted, width - _borders(len(fitted)))
    if dropped:
        left_out = ", ".join(c.name for c in dropped)
        note = f"not shown at this width: {left_out} (set COLUMNS wider)"
        caption = f"{caption}\n{note}" if caption else note
    table = Table(title=title, caption=caption)
    for f in fitted:
        table.add_column(f.column.name, width=f.width, justify=f.column.justify,
                         overflow="ellipsis" if f.column.cut else "fold",
                         no_wrap=f.column.cut)
    for row in cells:
        table.add_row(*(row[f.index] for f in fitted))
    return table


def _borders(columns: int) -> int:
    # "│ a │ b │": one space each side of a cell and a rule between and around them
    return 3 * columns + 1


def _cell_width(cell: str) -> int:
    return max((Text.from_markup(line).cell_len for line in cell.splitlines()), default=0)


def _measure(column: Column, index: int, rows: list[list[str]]) -> _Fitted:
    longest = max((_cell_width(r[index]) for r in rows), default=0)
    natural = max(longest, len(column.name))
    if column.max_width is not None:
        natural = min(natural, max(column.max_width, longest if column.firm else 0))
    if column.firm:
        need = max(longest, column.min_width if column.min_width is not None
                   else len(column.name))
    else:
        need = min(natural, column.min_width if column.min_width is not None else natural)
    return _Fitted(column, index, natural, max(need, 1))


def _share(fitted: list[_Fitted], room: int) -> None:
    """Widths: each column its need, then what is left shared out evenly among the columns
    that want more, the most modest served first (a date and time gets its one line before a
    long list of inputs takes the rest)."""
    for f in fitted:
        f.width = f.need
    spare = room - sum(f.need for f in fitted)
    wanting = sorted((f for f in fitted if f.natural > f.need), key=lambda f: f.natural - f.need)
    for left, f in zip(range(len(wanting), 0, -1), wanting, strict=True):
        if spare <= 0:
            break
        extra = min(f.natural - f.need, spare // left or 1)
        f.width += extra
        spare -= extra


# --- events ---------------------------------------------------------------------------------

EVENT_COLUMNS = (Column("date", firm=True, keep=9), Column("source", min_width=12, keep=8),
                 Column("event", min_width=16, keep=9), Column("target", min_width=12, keep=7),
                 Column("place", min_width=8, max_width=20, keep=3))


def events_table(documents: Sequence[AnnotatedDocument], title: str, width: int) -> Table:
    """A readable table of the coded events of documents, one row per event."""
    rows = []
    for annotated in documents:
        for event in annotated.events:
            when = event.date.isoformat() if event.date else "?"
            if event.date_source == "published":
                when += "*"
            name = f"{event.code.cameo} {event.code.name}"
            if event.negated:
                name = f"NOT {name}"
            if event.modality != "asserted":
                name = f"({event.modality[:4]}.) {name}"
            rows.append([when, _who(event.source), name, _who(event.target),
                         event.location.name if event.location else ""])
    return fitted_table(EVENT_COLUMNS, rows, width, title=title,
                        caption="* publication date: the text gives no date for the event")


def _who(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return f"{ref.code or '?'} {ref.text}"


# --- documents without a publication date ----------------------------------------------------

@dataclass
class UndatedDocuments:
    """The coded documents that had no publication date: relative dates in them ("last week",
    "on Monday") cannot be resolved, so events they date have none; counted for the run's
    summary."""

    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, documents: Iterable[Document]) -> None:
        """Count the documents without a publication date."""
        for document in documents:
            if document.published is None:
                self.count += 1
                if len(self.examples) < 3:
                    self.examples.append(document.doc_id)

    def warning(self) -> str | None:
        """The warning for the end of a run, or None when every document had a date."""
        if not self.count:
            return None
        some = ", ".join(self.examples) + (", ..." if self.count > len(self.examples) else "")
        documents = "1 document has" if self.count == 1 else f"{self.count} documents have"
        return (f"warning: {documents} no publication date ({some}): relative dates in "
                "them ('last week', 'on Monday') cannot be resolved, so events dated by them "
                "have no date. Give --published YYYY-MM-DD, or a 'published' field in JSON "
                "lines.")

