"""Progress of long runs on stderr: documents per second and the time left."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn


def format_seconds(seconds: float) -> str:
    """A duration as 1h02m, 3m52s or 12s."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


class RunProgress:
    """Counts coded documents; on a terminal a live bar, elsewhere (logs, batch jobs) a line
    every `interval` seconds; nothing when `silent`. Rate and time left are measured from the
    first document."""

    def __init__(self, total: int, console: Console, *, interval: float = 2.0,
                 live: bool | None = None, clock: Callable[[], float] = time.monotonic,
                 silent: bool = False) -> None:
        self.total, self.console, self.interval, self.clock = total, console, interval, clock
        self.silent = silent  # --quiet: count, print nothing
        self.done = 0
        self.started = clock()
        self.last_line = self.started
        self.live = (console.is_terminal if live is None else live) and not silent
        self._bar: Progress | None = None

    def __enter__(self) -> RunProgress:
        if self.live and self.total:
            self._start_bar()
        return self

    def _start_bar(self) -> None:
        self._bar = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[status]}"), console=self.console,
                             transient=True)
        self._bar.start()
        self._task = self._bar.add_task("coding", total=self.total, status="")

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    @property
    def rate(self) -> float:
        """Documents per second so far."""
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def status(self) -> str:
        """'12.3 docs/s, 3m52s left'."""
        rate = self.rate
        if not rate:
            return "starting"
        return f"{rate:.1f} docs/s, {format_seconds((self.total - self.done) / rate)} left"

    def line(self) -> str:
        """The progress line written to logs."""
        return f"coded {self.done}/{self.total} documents, {self.status()}"

    def expect(self, count: int) -> None:
        """Count `count` more documents to code (inputs are read a chunk at a time)."""
        self.total += count
        if self._bar is not None:
            self._bar.update(self._task, total=self.total)
        elif self.live and self.total:
            self._start_bar()

    def advance(self, count: int) -> None:
        """Count `count` more documents as done."""
        self.done += count
        if self._bar is not None:
            self._bar.update(self._task, advance=count, status=self.status())
            return
        now = self.clock()
        if (now - self.last_line >= self.interval and self.done < self.total
                and not self.silent):
            self.last_line = now
            self.console.print(self.line(), highlight=False, soft_wrap=True)
