"""Live mode: one process owns the store, codes the files that arrive in a folder, and lends
cursors of the same connection to the readers (the API), so writes and reads never fight over
the file's lock.

DuckDB lets one process open a file read-write, and the threads of that process share it
through cursors: the watcher writes with one, each API request reads with another, and each
reader sees every batch the watcher has committed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from .engine import Engine, ExtractJob, PartitionResult, RunSummary, annotate_batch
from .errors import EventcoderError, Messages
from .ingest import MAX_BYTES, read_inputs
from .ingest.readers import JSONL_SUFFIXES, TEXT_SUFFIXES
from .model import Document, InputError
from .pipeline import Pipeline
from .settings import Settings
from .store import EventStore, RunCounts, open_connection
from .store.rows import build_batch

WATCHED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES
PARTITION = 32  # documents per commit: new events show up in the API after each one
READ_AHEAD = 2_000  # input documents held in memory at a time, whatever the file's size


@dataclass(frozen=True)
class FileState:
    """What a file looked like at one poll: a file being written changes between polls."""

    size: int
    mtime_ns: int
    inode: int


class FolderWatcher:
    """Finds the files of a folder (and its subfolders) that are complete and not yet coded as
    they are now.

    A file is complete once it has stayed the same (size, time and inode) for `settle` seconds
    and over two polls: a file still being written changes meanwhile. Hidden files and other
    suffixes are left out, so a writer can also write `news.jsonl.part` (or `.news.jsonl`)
    and rename it into place, which is complete at once.
    """

    def __init__(self, folder: Path, *, settle: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.folder = folder
        self.settle = settle
        self._clock = clock
        self._seen: dict[Path, tuple[FileState, float]] = {}  # state, and since when
        self._coded: dict[Path, FileState] = {}  # when last handed out to code
        self.unreadable: set[str] = set()  # folders os.walk could not list, at the last poll

    def poll(self) -> list[Path]:
        """The files that are complete and new or changed since they were last handed out, in
        path order; each is handed out once per state."""
        now = self._clock()
        seen: dict[Path, tuple[FileState, float]] = {}
        for path, state in self._scan():
            before = self._seen.get(path)
            seen[path] = before if before is not None and before[0] == state else (state, now)
        ready = sorted(path for path, (state, since) in seen.items()
                       if path in self._seen and self._seen[path][0] == state
                       and now - since >= self.settle and self._coded.get(path) != state)
        self._seen = seen
        for path in ready:
            self._coded[path] = seen[path][0]
        for path in [p for p in self._coded if p not in seen]:  # deleted: forget it
            del self._coded[path]
        return ready

    def _scan(self) -> Iterator[tuple[Path, FileState]]:
        failed: set[str] = set()

        def unreadable(exc: OSError) -> None:
            failed.add(f"{exc.filename or self.folder}: {exc.strerror or exc}")

        for top, folders, files in os.walk(self.folder, onerror=unreadable):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in files:
                if name.startswith((".", "~")) or Path(name).suffix.lower() not in \
                        WATCHED_SUFFIXES:
                    continue
                path = Path(top) / name
                try:
                    info = path.stat()
                except OSError:
                    continue  # removed or renamed since the listing
                yield path, FileState(info.st_size, info.st_mtime_ns, info.st_ino)
        self.unreadable = failed


def _chunks(items: Iterable[Document | InputError], size: int
            ) -> Iterator[list[Document | InputError]]:
    chunk: list[Document | InputError] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# The pipeline of the child process that codes for a live server (one per child, as a Dask
# worker holds one): loaded by _load_pipeline, used by _code_partition.
_CHILD_PIPELINE: list[Pipeline] = []


def _load_pipeline(settings: Settings, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    if not _CHILD_PIPELINE:
        _CHILD_PIPELINE.append(Pipeline(settings))


def _exit_with(parent: int) -> None:
    # A server killed outright (SIGKILL, or SIGTERM re-raised after uvicorn's shutdown) never
    # tells its child to stop: the child stops once it has a new parent.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _code_partition(documents: list[Document], version: str,
                    run_id: int | None) -> PartitionResult:
    annotated, errors = annotate_batch(_CHILD_PIPELINE[0], documents)
    return PartitionResult([d.content_hash for d in documents],
                           build_batch(annotated, errors, version=version, run_id=run_id),
                           errors)


class ChildEngine:
    """Codes partitions in a child process, so that the parse does not hold this process's
    interpreter lock while the API answers requests (on 2 cores, serving while coding in one
    process halved the requests answered per second); the rows come back to be stored here."""

    name = "watch"

    def __init__(self, settings: Settings) -> None:
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        try:
            self._pool.submit(_load_pipeline, settings, os.getpid()).result()  # raises errors
        except BaseException:
            self.close()
            raise

    def code(self, partitions: Iterable[list[Document]], *, version: str,
             run_id: int | None = None) -> Iterator[PartitionResult]:
        """Code each partition into store rows, in order; the child codes the next partition
        while this one is stored."""
        pending: Future[PartitionResult] | None = None
        for documents in partitions:
            ahead = self._pool.submit(_code_partition, documents, version, run_id)
            if pending is not None:
                yield pending.result()
            pending = ahead
        if pending is not None:
            yield pending.result()

    def report_coded(self, advance: Callable[[int], None]) -> bool:
        """No: the child codes whole partitions, counted as each is stored."""
        return False

    def leftovers(self, *, version: str) -> Iterator[PartitionResult]:
        """None: every partition coded is stored before the run ends."""
        return iter(())

    def stored_all(self) -> None:
        """Nothing to clean up between runs."""

    def close(self) -> None:
        """Stop the child process (after the partition it is coding, if any)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


class LiveStore:
    """The store of one process: a read-write connection, a watcher thread that codes the
    folder's files into it, and `cursor()` for readers in other threads."""

    def __init__(self, db: Path, folder: Path, *, version: str,
                 engine_factory: Callable[[], Engine], published: date | None = None,
                 max_bytes: int = MAX_BYTES, poll_seconds: float = 2.0, settle: float = 1.0,
                 wait: float = 0.0, log: Callable[[str], None] = lambda line: None) -> None:
        if not folder.is_dir():
            reason = "no such folder" if not folder.exists() else "not a folder"
            raise EventcoderError(Messages.E034.format(path=folder, reason=reason))
        self.db, self.version = db, version
        self.watcher = FolderWatcher(folder, settle=settle)
        self.published, self.max_bytes = published, max_bytes
        self.poll_seconds = poll_seconds
        self.log = log
        self._factory = engine_factory
        self._engine: Engine | None = None
        self.connection = open_connection(db, wait=wait)
        self.store = EventStore(self.connection.cursor(), version)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._reported: set[str] = set()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A connection of its own to the same store, for one reader thread at a time."""
        return self.connection.cursor()

    def prepare(self) -> None:
        """Start the engine and load its pipeline now (it takes seconds, and may fail: better
        before serving)."""
        if self._engine is None:
            self._engine = self._factory()

    def start(self) -> None:
        """Start the watcher thread: it codes what the folder holds, then what arrives."""
        self._thread = threading.Thread(target=self._loop, name="eventcoder-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 60.0) -> None:
        """Stop the watcher (after the batch it is storing) and close the store; again, it
        does nothing."""
        if self._stop.is_set():
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                return  # still storing: leave the connection to the process's exit
        self._close_engine()
        self.store.close()
        self.connection.close()

    def _close_engine(self) -> None:
        close = getattr(self._engine, "close", None)
        if close is not None:
            close()
        self._engine = None

    def step(self) -> RunSummary | None:
        """One poll: code the files found complete and new or changed; what that did (None
        when there was nothing to code)."""
        paths = self.watcher.poll()
        for problem in sorted(self.watcher.unreadable - self._reported):
            self.log(f"watch: cannot read folder {problem}")
        self._reported = set(self.watcher.unreadable)
        return self.code(paths) if paths else None

    def code(self, paths: list[Path]) -> RunSummary:
        """Code these files into the store: documents it holds are skipped, the rest stored
        a partition at a time; one run in the runs table when anything was new."""
        self.prepare()
        assert self._engine is not None
        job = ExtractJob(self._engine, version=self.version, store=self.store,
                         partition_size=PARTITION)
        summary = RunSummary()
        run_id = None
        inputs = [str(p) for p in paths]
        items = read_inputs(inputs, published=self.published, max_bytes=self.max_bytes)
        for chunk in _chunks(items, READ_AHEAD):
            plan = job.plan(chunk)
            if run_id is None and (plan.todo or plan.errors):
                run_id = job.run_id = self.store.start_run(inputs, engine="watch")
            summary.add(job.run(plan))
            if self._stop.is_set():
                break  # the rest is coded at the next start
        job.close()
        if run_id is not None:
            self.store.finish_run(run_id, RunCounts(
                summary.documents, summary.stored, summary.events, len(summary.errors),
                summary.seconds, summary.skipped))
        return summary

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                summary = self.step()
            except Exception as exc:  # the server goes on; the file is retried when it changes
                self.log(f"watch: coding failed: {exc}")
                if isinstance(exc, BrokenProcessPool):
                    self._close_engine()  # the child died: a new one codes the next file
            else:
                if summary is not None:
                    self._report(summary)
            self._stop.wait(self.poll_seconds)

    def _report(self, summary: RunSummary) -> None:
        self.log(f"watch: {summary.stored} documents stored, {summary.events} events, "
                 f"{summary.skipped} already there, {len(summary.errors)} failed")
        for error in summary.errors:
            where = f"{error.source}:{error.line}" if error.line else error.source
            self.log(f"watch: failed {where}: {error.reason}")
