"""The Dask engine: in order, failures as errors, leftovers; the same events as the local one."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pytest

from eventcoder.engine import LocalEngine
from eventcoder.engine import dask as dask_engine
from eventcoder.engine.dask import DaskEngine, EngineError, connect
from eventcoder.model import Document
from eventcoder.settings import Settings
from eventcoder.store import build_batch
from eventcoder.store.parquet import PartitionManifest, write_partition

if TYPE_CHECKING:
    from tests.conftest import EventcoderCall

DOCS = [Document("Iran condemned Israel on Monday.", "a", published=date(2024, 1, 3)),
        Document("Japan praised South Korea.", "b", published=date(2024, 1, 3)),
        Document("Egypt urged Israel to show restraint.", "c", published=date(2024, 1, 3))]


class FakeFuture:
    def __init__(self, run: Callable[[], Any]) -> None:
        try:
            self.value, self.error = run(), None
        except Exception as exc:
            self.value, self.error = None, exc

    def result(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value

    def release(self) -> None:
        pass


class FakeClient:
    """Runs tasks at once in this process; `broken` makes every task fail."""

    def __init__(self, broken: bool = False) -> None:
        self.broken, self.keys = broken, []

    def nthreads(self) -> dict[str, int]:
        return {"tcp://w1": 1}

    def submit(self, fn: Callable, *args: Any, key: str, pure: bool) -> FakeFuture:
        self.keys.append(key)
        if self.broken:
            return FakeFuture(lambda: (_ for _ in ()).throw(MemoryError("worker died")))
        return FakeFuture(lambda: fn(*args))

    def run(self, fn: Callable, *args: Any) -> dict[str, Any]:
        if self.broken:
            raise OSError("no workers")
        return {"tcp://w1": fn(*args)}


@pytest.fixture
def worker_pipeline(monkeypatch, pipeline):
    monkeypatch.setattr(dask_engine, "worker_pipeline", lambda settings: pipeline)


def test_partitions_come_back_in_order_as_parquet(tmp_path, worker_pipeline, pipeline) -> None:
    engine = DaskEngine(FakeClient(), Settings(), staging=tmp_path / "parts")  # type: ignore
    engine.prepare()
    results = list(engine.code([DOCS[:2], DOCS[2:]], version="1", run_id=3))
    assert [r.hashes for r in results] == [[d.content_hash for d in DOCS[:2]],
                                           [DOCS[2].content_hash]]
    assert all(r.spool is not None and r.spool.is_dir() for r in results)
    local = list(LocalEngine(pipeline).code([DOCS[:2], DOCS[2:]], version="1", run_id=3))
    for got, want in zip(results, local, strict=True):
        assert got.batch["events"].drop(["doc_id"]).equals(want.batch["events"].drop(["doc_id"]))
        assert got.batch.annotated_json() == want.batch.annotated_json()


def test_a_failed_partition_becomes_error_records(tmp_path) -> None:
    engine = DaskEngine(FakeClient(broken=True), Settings(), staging=tmp_path)  # type: ignore
    [result] = engine.code([DOCS], version="1")
    assert len(result.errors) == 3 and all("[E024]" in e.reason for e in result.errors)
    assert result.batch["errors"].num_rows == 3 and result.batch.documents == 0
    with pytest.raises(EngineError, match="E024"):
        engine.prepare()


def test_leftovers_of_this_version_are_kept(tmp_path) -> None:
    for name, version in (("old", "0"), ("new", "1")):
        batch = build_batch([], [], version=version)
        write_partition(tmp_path, batch, PartitionManifest(name, version, [], 0, 0))
    engine = DaskEngine(FakeClient(), Settings(), staging=tmp_path)  # type: ignore
    assert [r.spool.name for r in engine.leftovers(version="1") if r.spool] == ["new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new"]


def test_an_unreachable_scheduler_is_a_clean_error(monkeypatch) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "0.2s")
    with pytest.raises(EngineError, match="E023"), connect(scheduler="tcp://127.0.0.1:9"):
        pass


ARTICLES = [
    "Iran accused Israel of killing its scientists. Tehran said it would respond.",
    "German Chancellor Olaf Scholz will travel to Brasilia next week to meet President Luiz "
    "Inacio Lula da Silva, his office said on Monday.",
    "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday.",
    "Japan praised South Korea for its help after the earthquake.",
    "Egypt urged Israel to show restraint in Gaza.",
    "Thousands of teachers went on strike in Haiti on Thursday, demanding better pay.",
    "The United States imposed sanctions on Venezuela's state oil company.",
    "China and Russia signed an energy agreement in Beijing on Friday.",
]


def _eventcoder(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("eventcoder", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "eventcoder"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_local_and_dask_engines_store_the_same_events(tmp_path: Path,
                                                      eventcoder: EventcoderCall) -> None:
    lines = [json.dumps({"doc_id": f"n{i}", "text": text, "url": f"https://o{i % 3}.com/{i}"})
             for i, text in enumerate(ARTICLES * 2)]
    (tmp_path / "news.jsonl").write_text("\n".join([*lines, "{broken"]) + "\n",
                                         encoding="utf-8")
    common = ("news.jsonl", "--published", "2024-05-06", "--partition-size", "3")
    # the local engine in this process; the Dask one as users run it, in a process of its own
    local = eventcoder("extract", *common, "--db", "local.duckdb", "--jsonl", "local.jsonl",
                       cwd=tmp_path)
    dask = _eventcoder("extract", *common, "--engine", "dask", "--workers", "2", "--db",
                       "dask.duckdb", "--jsonl", "dask.jsonl", cwd=tmp_path)
    assert (local.returncode, dask.returncode) == (1, 1), (local.stderr, dask.stderr)
    assert "Traceback" not in dask.stderr and "news.jsonl:17" in dask.stderr
    assert (tmp_path / "local.jsonl").read_text() == (tmp_path / "dask.jsonl").read_text()
    query = ("SELECT * EXCLUDE (doc_id) FROM events ORDER BY doc_hash, event_id",
             "SELECT * EXCLUDE (stored_at, run_id) FROM documents ORDER BY doc_hash",
             "SELECT * FROM event_clusters ORDER BY cluster_id",
             "SELECT source, line, reason FROM errors ORDER BY ALL")
    with duckdb.connect(str(tmp_path / "local.duckdb")) as a, \
            duckdb.connect(str(tmp_path / "dask.duckdb")) as b:
        for sql in query:
            assert a.execute(sql).fetchall() == b.execute(sql).fetchall(), sql
        assert b.execute("SELECT engine, documents FROM runs").fetchall() == [("dask", 16)]
        assert a.execute("SELECT count(*) FROM events").fetchone()[0] >= 10  # type: ignore
    assert not (tmp_path / "dask.duckdb.parts").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_existing_cluster_codes_like_the_local_engine(tmp_path: Path,
                                                         eventcoder: EventcoderCall) -> None:
    """What users run on Kubernetes or an HPC queue: a scheduler and a worker started on their
    own with Dask's command line, and `--scheduler ADDRESS` with a shared staging folder."""
    dask_cli = Path(sys.executable).parent / "dask"
    if not dask_cli.exists():
        pytest.skip("the dask command line is not installed next to this Python")
    lines = [json.dumps({"doc_id": f"n{i}", "text": text}) for i, text in enumerate(ARTICLES)]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    address = f"tcp://127.0.0.1:{_free_port()}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([str(dask_cli), "scheduler", "--host", "127.0.0.1", "--port",
                                  address.rsplit(":", 1)[1], "--no-dashboard"], **quiet)
    worker = subprocess.Popen([str(dask_cli), "worker", address, "--nthreads", "1",
                               "--no-dashboard"], **quiet)
    try:
        common = ("news.jsonl", "--published", "2024-05-06", "--partition-size", "3")
        # the client in this process; the scheduler and the worker are processes of their own
        local = eventcoder("extract", *common, "--db", "local.duckdb", cwd=tmp_path)
        remote = eventcoder("extract", *common, "--engine", "dask", "--scheduler", address,
                            "--staging", str(tmp_path / "shared-parts"), "--db", "remote.duckdb",
                            cwd=tmp_path)
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=30)
    assert (local.returncode, remote.returncode) == (0, 0), (local.stderr, remote.stderr)
    query = "SELECT * EXCLUDE (doc_id) FROM events ORDER BY doc_hash, event_id"
    with duckdb.connect(str(tmp_path / "local.duckdb")) as a, \
            duckdb.connect(str(tmp_path / "remote.duckdb")) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
        assert b.execute("SELECT engine, documents FROM runs").fetchall() == [("dask", 8)]
    assert not (tmp_path / "shared-parts").exists()
