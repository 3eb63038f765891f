"""The Dask engine: the same annotate() mapped over partitions on a Dask cluster.

Each worker process loads the pipeline once (a per-process cache), codes a partition, and writes
its store rows as Parquet into the staging folder; this process loads each partition into the
store in one transaction and deletes it. The staging folder must be visible to the workers and
to this process: always so for a local cluster; a shared file system for a remote one.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import dask
from distributed import Client, Future, LocalCluster

from ..errors import EventcoderError, Messages
from ..model import Document
from ..pipeline import Pipeline
from ..settings import Settings
from ..store.parquet import (
    PartitionManifest,
    clear_incomplete,
    complete_partitions,
    read_partition,
    remove_partition,
    write_partition,
)
from ..store.rows import build_batch
from .annotate import PartitionResult, annotate_batch, failed

CONNECT_TIMEOUT = "20s"
SPAWN_ENVIRON = "distributed.nanny.pre-spawn-environ"
# The statistical profiler feeds the dashboard, which a local cluster here does not serve; it
# samples the coding thread every 10 ms (a few per cent of the parse).
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False}
_PIPELINES: dict[Settings, Pipeline] = {}
_PIPELINES_LOCK = threading.Lock()


class EngineError(EventcoderError):
    """The Dask cluster cannot be reached or used."""


def worker_pipeline(settings: Settings) -> Pipeline:
    """The pipeline of this worker process, loaded on first use and kept."""
    with _PIPELINES_LOCK:
        if settings not in _PIPELINES:
            _PIPELINES[settings] = Pipeline(settings)
        return _PIPELINES[settings]


def warm_up(settings: Settings) -> int:
    """Load the pipeline in this worker process (run on every worker before coding); its pid."""
    worker_pipeline(settings)
    return os.getpid()


def code_partition(documents: list[Document], settings: Settings, version: str,
                   run_id: int | None, staging: str, name: str) -> str:
    """Runs on a worker: annotate a partition and write it as Parquet; the folder's path."""
    annotated, errors = annotate_batch(worker_pipeline(settings), documents)
    batch = build_batch(annotated, errors, version=version, run_id=run_id)
    manifest = PartitionManifest(name, version, [d.content_hash for d in documents],
                                 batch.documents, batch.events, errors)
    return str(write_partition(Path(staging), batch, manifest))


@contextmanager
def connect(*, scheduler: str | None = None, workers: int = 2) -> Iterator[Client]:
    """A client of an existing scheduler, or of a local cluster of `workers` processes with
    one thread each (the spaCy parse holds the GIL, so processes, not threads)."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise EngineError(Messages.E023.format(address=scheduler, reason=exc)) from None
        with client:
            yield client
        return
    with dask.config.set({SPAWN_ENVIRON: worker_environ(), **LOCAL_CLUSTER_CONFIG}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


def worker_environ() -> dict[str, Any]:
    """The environment of local worker processes: Dask's, one BLAS thread each (Dask's
    default), but without MALLOC_TRIM_THRESHOLD_, which makes the spaCy parse about a sixth
    slower (glibc returns memory at once and maps it again for every batch)."""
    environ = dict(dask.config.get(SPAWN_ENVIRON, default={}) or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return environ


class DaskEngine:
    """Codes partitions on a Dask cluster and yields them in order as they are done."""

    name = "dask"

    def __init__(self, client: Client, settings: Settings, *, staging: Path,
                 window: int | None = None) -> None:
        self.client, self.settings = client, settings
        self.staging = staging.resolve()
        threads = sum(client.nthreads().values()) or 1
        self.window = window or max(4, 3 * threads)
        self.token = uuid.uuid4().hex[:8]

    def prepare(self) -> None:
        """Create the staging folder and load the pipeline on every worker."""
        try:
            self.staging.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EngineError(Messages.E031.format(path=self.staging, reason=exc)) from None
        clear_incomplete(self.staging)
        try:
            self.client.run(warm_up, self.settings)
        except EventcoderError:
            raise
        except Exception as exc:
            raise EngineError(Messages.E024.format(reason=f"{type(exc).__name__}: {exc}")
                              ) from None

    def leftovers(self, *, version: str) -> Iterator[PartitionResult]:
        """Complete partitions left in the staging folder by a killed run of this version;
        those of another version are deleted."""
        for path in complete_partitions(self.staging):
            batch, manifest = read_partition(path)
            if manifest.version != version:
                remove_partition(path)
                continue
            yield PartitionResult(manifest.hashes, batch, manifest.errors, spool=path)

    def report_coded(self, advance: Callable[[int], None]) -> bool:
        """No: workers code whole partitions, counted as each is stored."""
        return False

    def code(self, partitions: Iterable[list[Document]], *, version: str,
             run_id: int | None = None) -> Iterator[PartitionResult]:
        """Submit partitions (at most `window` in flight) and yield each, in order."""
        pending: deque[tuple[Future, list[Document]]] = deque()
        for number, documents in enumerate(partitions):
            name = f"run{run_id or 0:06d}-{self.token}-{number:06d}"
            future = self.client.submit(code_partition, documents, self.settings, version,
                                        run_id, str(self.staging), name, pure=False,
                                        key=f"eventcoder-{name}")
            pending.append((future, documents))
            if len(pending) >= self.window:
                yield self._collect(*pending.popleft(), version=version, run_id=run_id)
        while pending:
            yield self._collect(*pending.popleft(), version=version, run_id=run_id)

    def stored_all(self) -> None:
        """Every partition is stored and its Parquet removed: remove the staging folder."""
        with suppress(OSError):  # not empty: another run shares it
            self.staging.rmdir()

    def _collect(self, future: Future, documents: list[Document], *, version: str,
                 run_id: int | None) -> PartitionResult:
        hashes = [d.content_hash for d in documents]
        try:
            path = Path(future.result())
        except Exception as exc:  # a worker died or the task raised: the documents fail
            errors = [failed(d, Messages.E024, exc) for d in documents]
            batch = build_batch([], errors, version=version, run_id=run_id)
            return PartitionResult(hashes, batch, errors)
        finally:
            future.release()
        batch, manifest = read_partition(path)
        return PartitionResult(hashes, batch, manifest.errors, spool=path)


def worker_pids(client: Client) -> dict[str, Any]:
    """The process id of each worker, by worker address."""
    return client.run(os.getpid)
