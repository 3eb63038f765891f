"""Progress lines: documents per second and time left, every interval, on a fake clock."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from eventcoder.engine.progress import RunProgress, format_seconds


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0s"), (12.4, "12s"), (232, "3m52s"), (3720, "1h02m"), (-5, "0s")])
def test_format_seconds(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text


def test_a_line_every_interval_with_rate_and_time_left() -> None:
    clock, buffer = Clock(), io.StringIO()
    console = Console(file=buffer, width=200)
    with RunProgress(100, console, interval=10, live=False, clock=clock) as progress:
        assert progress.status() == "starting"
        clock.now += 5
        progress.advance(10)  # 5 s in: no line yet
        clock.now += 5
        progress.advance(10)  # 10 s: 20 documents, 2 per second, 40 s left
        clock.now += 1
        progress.advance(10)  # within the interval: no line
        clock.now += 100
        progress.advance(70)  # done: no line
    assert buffer.getvalue().splitlines() == ["coded 20/100 documents, 2.0 docs/s, 40s left"]


def test_the_live_bar_shows_the_rate() -> None:
    clock, buffer = Clock(), io.StringIO()
    console = Console(file=buffer, width=200, force_terminal=True)
    with RunProgress(10, console, live=True, clock=clock) as progress:
        clock.now += 2
        progress.advance(4)
        assert progress.status() == "2.0 docs/s, 3s left"
