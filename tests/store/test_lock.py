"""Waiting for a store another process holds: who holds it, and the pauses between tries."""

from __future__ import annotations

import duckdb
import pytest

from eventcoder.store.lock import holder, is_lock_error, retry_while_locked

HELD = ('IO Error: Could not set lock on file "/d/s.duckdb": Conflicting lock is held in '
        '/usr/bin/python3.11 (PID 4242)')


@pytest.mark.parametrize(("reason", "expected"), [
    (HELD + ". See also https://duckdb.org/docs/current/connect/concurrency",
     "process 4242 (/usr/bin/python3.11)"),
    (HELD + " by user root. See also https://duckdb.org/docs/connect/concurrency",
     "process 4242 (/usr/bin/python3.11)"),
    ('IO Error: Could not set lock on file "/d/s.duckdb": Resource temporarily unavailable',
     "another process"),
])
def test_the_holder_is_named_when_duckdb_names_it(reason: str, expected: str) -> None:
    assert is_lock_error(reason)
    assert holder(reason) == expected


class Clock:
    """A clock that sleeping moves on, and a connect that fails `fails` times."""

    def __init__(self, fails: int, error: str = HELD) -> None:
        self.now, self.fails, self.error = 0.0, fails, error
        self.pauses: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.pauses.append(round(seconds, 3))
        self.now += seconds

    def connect(self) -> str:
        if self.fails:
            self.fails -= 1
            raise duckdb.IOException(self.error)
        return "connection"


@pytest.mark.parametrize(("fails", "wait", "pauses", "gets_in"), [
    (0, 0.0, [], True),
    (1, 0.0, [], False),  # no wait: the first refusal is final
    (3, 10.0, [0.05, 0.1, 0.2], True),
    (20, 5.0, [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 1.85], False),  # up to the wait, not beyond
    (9, 60.0, [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0, 2.0], True),  # pauses stop growing
])
def test_a_locked_store_is_tried_again_with_growing_pauses(
        fails: int, wait: float, pauses: list[float], gets_in: bool) -> None:
    clock = Clock(fails)
    if gets_in:
        assert retry_while_locked(clock.connect, wait=wait, sleep=clock.sleep,
                                  clock=lambda: clock.now) == "connection"
    else:
        with pytest.raises(duckdb.IOException, match="PID 4242"):
            retry_while_locked(clock.connect, wait=wait, sleep=clock.sleep,
                               clock=lambda: clock.now)
    assert clock.pauses == pauses


def test_other_errors_are_not_waited_for() -> None:
    clock = Clock(1, "IO Error: Cannot open file: Permission denied")
    with pytest.raises(duckdb.IOException, match="Permission denied"):
        retry_while_locked(clock.connect, wait=60, sleep=clock.sleep, clock=lambda: clock.now)
    assert clock.pauses == []
