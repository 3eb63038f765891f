"""Waiting for a store that another process holds.

DuckDB lets one process at a time open a file read-write (or several read-only, never both),
and its refusal names the holder ("Conflicting lock is held in /usr/bin/python3 (PID 123)").
A writer that finds the file held tries again with growing pauses until its wait is over.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TypeVar

import duckdb

T = TypeVar("T")

FIRST_PAUSE = 0.05  # seconds; doubled after each refusal ...
MAX_PAUSE = 2.0  # ... up to this, so a holder that lets go is noticed within 2 s
_LOCK_WORDS = ("could not set lock", "conflicting lock")
_HOLDER = re.compile(r"lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def is_lock_error(reason: str) -> bool:
    """Whether DuckDB refused to open a file because another process holds it."""
    text = reason.lower()
    return any(words in text for words in _LOCK_WORDS)


def holder(reason: str) -> str:
    """The process named in DuckDB's lock error, for people to read ("process 123
    (/usr/bin/python3)"), or "another process" when the message names none."""
    match = _HOLDER.search(reason)
    if match is None:
        return "another process"
    return f"process {match['pid']} ({match['program']})"


def retry_while_locked(connect: Callable[[], T], *, wait: float,
                       sleep: Callable[[float], None] = time.sleep,
                       clock: Callable[[], float] = time.monotonic) -> T:
    """`connect()`, tried again with growing pauses while the file is locked by another
    process, for up to `wait` seconds; the last lock error is raised when the wait is over."""
    deadline = clock() + max(0.0, wait)
    pause = FIRST_PAUSE
    while True:
        try:
            return connect()
        except duckdb.Error as exc:
            left = deadline - clock()
            if not is_lock_error(str(exc)) or left <= 0:
                raise
            sleep(min(pause, left))
            pause = min(pause * 2, MAX_PAUSE)
