"""What the commands share: exit statuses, argument types, the events table."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rich.table import Table

from ..errors import InputReadError
from ..ingest import parse_published
from ..model import ActorRef, AnnotatedDocument

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


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


def events_table(documents: Sequence[AnnotatedDocument], title: str) -> Table:
    """A readable table of the coded events of documents, one line per event."""
    table = Table(title=title, caption="* publication date: the text gives no date for the event")
    for column, width in (("date", 13), ("source", 30), ("event", 36), ("target", 30),
                          ("place", 14)):
        table.add_column(column, no_wrap=True, overflow="ellipsis", max_width=width)
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
            table.add_row(when, _who(event.source), name, _who(event.target),
                          event.location.name if event.location else "")
    return table


def _who(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return f"{ref.code or '?'} {ref.text}"
