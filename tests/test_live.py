"""Live mode: one process codes the files that arrive in a folder and serves the store; a writer
of another process waits for the store and then names its holder."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from eventcoder import Document, Pipeline
from eventcoder.api import ServerConfig, create_app
from eventcoder.api.db import StorePool
from eventcoder.cli import main
from eventcoder.engine import LocalEngine
from eventcoder.live import ChildEngine, FolderWatcher, LiveStore
from eventcoder.settings import Settings
from eventcoder.store import EventStore, StoreError
from tests.factories import E, document

VERSION = "test"
ARTICLES = {
    "a": "Iran condemned Israel on Monday. Officials said the statement was final.",
    "j1": "Russia accused Ukraine of shelling the border on Tuesday.",
    "j2": "China praised Japan after the talks in Tokyo.",
    "b": "Egypt threatened Turkey with sanctions on Wednesday.",
    "j3": "Israel criticized Iran over the drone strike.",
}


def _line(doc_id: str) -> str:
    return json.dumps({"doc_id": doc_id, "text": ARTICLES[doc_id]}) + "\n"


def _live(tmp_path: Path, pipeline: Pipeline, poll: float = 0.05, settle: float = 0.0
          ) -> LiveStore:
    folder = tmp_path / "inbox"
    folder.mkdir(exist_ok=True)
    return LiveStore(tmp_path / "live.duckdb", folder, version=VERSION,
                     engine_factory=lambda: LocalEngine(pipeline), poll_seconds=poll,
                     settle=settle)


def _doc_ids(live: LiveStore) -> list[str]:
    return sorted(r[0] for r in live.store.con.execute("SELECT doc_id FROM documents").fetchall())


# --- the watcher: which files are complete and new or changed --------------------------------

Step = tuple[str, ...]


def _act(folder: Path, step: Step) -> None:
    action, name, *rest = step
    path = folder / name
    if action == "write":
        path.write_text(rest[0], encoding="utf-8")
    elif action == "append":
        with path.open("a", encoding="utf-8") as out:
            out.write(rest[0])
    elif action == "rename":
        path.rename(folder / rest[0])
    elif action == "touch":
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    elif action == "delete":
        path.unlink()


@pytest.mark.parametrize(("steps", "handed_out"), [
    # new file: first seen, then the same at the next poll
    ([("write", "a.txt", "x"), ("poll",), ("poll",), ("poll",)], [[], ["a.txt"], []]),
    # still being written at each poll: only once it stops changing
    ([("write", "f.jsonl", '{"te'), ("poll",), ("append", "f.jsonl", 'xt": "x"}\n'), ("poll",),
      ("poll",)], [[], [], ["f.jsonl"]]),
    # written under another name, renamed into place; hidden and other files never
    ([("write", "b.txt.part", "x"), ("write", ".c.txt", "x"), ("write", "d.csv", "x"),
      ("poll",), ("poll",), ("rename", "b.txt.part", "b.txt"), ("poll",), ("poll",)],
     [[], [], [], ["b.txt"]]),
    # changed after it was coded: once more, when complete again
    ([("write", "a.txt", "x"), ("poll",), ("poll",), ("append", "a.txt", "y"), ("poll",),
      ("poll",), ("touch", "a.txt"), ("poll",), ("poll",)],
     [[], ["a.txt"], [], ["a.txt"], [], ["a.txt"]]),
    # in a subfolder; deleted and written again: new again
    ([("write", "sub/e.txt", "x"), ("poll",), ("poll",), ("delete", "sub/e.txt"), ("poll",),
      ("write", "sub/e.txt", "x"), ("poll",), ("poll",)], [[], ["sub/e.txt"], [], [],
                                                           ["sub/e.txt"]]),
])
def test_the_watcher_hands_out_complete_files_once_per_state(
        tmp_path: Path, steps: list[Step], handed_out: list[list[str]]) -> None:
    (tmp_path / "sub").mkdir()
    watcher = FolderWatcher(tmp_path, settle=0)
    polls = []
    for step in steps:
        if step[0] == "poll":
            polls.append([p.relative_to(tmp_path).as_posix() for p in watcher.poll()])
        else:
            _act(tmp_path, step)
    assert polls == handed_out


def test_a_file_is_complete_once_it_has_settled(tmp_path: Path) -> None:
    now = [0.0]
    watcher = FolderWatcher(tmp_path, settle=1.0, clock=lambda: now[0])
    polls = []
    for when, text in [(0.0, "a"), (0.5, "ab"), (1.2, None), (1.6, None), (2.0, None),
                       (2.6, None)]:
        now[0] = when
        if text is not None:
            (tmp_path / "a.txt").write_text(text, encoding="utf-8")
        polls.append([p.name for p in watcher.poll()])
    # unchanged since 0.5: not yet at 1.2, complete at 1.6, then handed out no more
    assert polls == [[], [], [], ["a.txt"], [], []]


# --- the live store: coded once complete, changes recoded, nothing twice -----------------------

def test_a_half_written_file_waits_and_a_changed_file_adds_only_what_is_new(
        tmp_path: Path, pipeline: Pipeline) -> None:
    live = _live(tmp_path, pipeline)
    inbox = live.watcher.folder
    try:
        feed = inbox / "feed.jsonl"
        half = _line("j2")
        feed.write_text(_line("j1") + half[:20], encoding="utf-8")
        assert live.step() is None  # first seen
        assert _doc_ids(live) == []
        with feed.open("a", encoding="utf-8") as out:
            out.write(half[20:])
        assert live.step() is None  # changed since: still being written
        summary = live.step()
        assert summary is not None and not summary.errors
        assert _doc_ids(live) == ["j1", "j2"]

        with feed.open("a", encoding="utf-8") as out:  # the feed grows by a line
            out.write(_line("j3"))
        (inbox / "a.txt").write_text(ARTICLES["a"], encoding="utf-8")
        live.step()
        summary = live.step()
        assert summary is not None
        assert (summary.stored, summary.skipped) == (2, 2)
        assert _doc_ids(live) == ["a", "j1", "j2", "j3"]

        (inbox / "a.txt").write_text(ARTICLES["b"], encoding="utf-8")  # a story rewritten
        _act(inbox, ("touch", "feed.jsonl"))  # touched, not changed
        live.step()
        summary = live.step()
        assert summary is not None and (summary.stored, summary.skipped) == (1, 3)
        texts = {r[0] for r in live.store.con.execute(
            "SELECT text FROM documents WHERE doc_id = 'a'").fetchall()}
        assert texts == {ARTICLES["a"], ARTICLES["b"]}

        _act(inbox, ("touch", "feed.jsonl"))
        live.step()
        summary = live.step()
        assert summary is not None and (summary.stored, summary.skipped) == (0, 3)
        runs = live.store.con.execute(
            "SELECT engine, status, stored FROM runs ORDER BY run_id").fetchall()
        assert runs == [("watch", "finished", 2), ("watch", "finished", 2),
                        ("watch", "finished", 1)]  # a run only when something was new
    finally:
        live.stop()


def test_the_child_engine_codes_as_this_process_does(pipeline: Pipeline) -> None:
    documents = [Document(text=ARTICLES[d], doc_id=d) for d in ("a", "j1", "b")]
    engine = ChildEngine(Settings())
    try:
        coded = list(engine.code([documents[:2], documents[2:]], version=VERSION))
    finally:
        engine.close()
    here = list(LocalEngine(pipeline).code([documents[:2], documents[2:]], version=VERSION))
    assert [r.hashes for r in coded] == [r.hashes for r in here]
    assert [r.batch["events"].to_pylist() for r in coded] == \
        [r.batch["events"].to_pylist() for r in here]
    assert sum(r.batch.events for r in coded) > 0


# --- one process codes and serves: every request answers 200 ----------------------------------

@contextmanager
def _server(app: Any) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


PATHS = ("/info", "/events?page_size=20&sort=date", "/aggregate?interval=day", "/documents",
         "/facets")


def _clients(base: str, count: int, stop: threading.Event,
             answers: Counter[tuple[str, int]], seen_events: set[int]) -> list[threading.Thread]:
    def poll(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            i = offset
            while not stop.is_set():
                path = PATHS[i % len(PATHS)]
                response = client.get(path)
                answers[path.split("?")[0], response.status_code] += 1
                if path == "/info" and response.status_code == 200:
                    seen_events.add(response.json()["events"])
                i += 1

    return [threading.Thread(target=poll, args=(n,), daemon=True) for n in range(count)]


def _wait_until(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_files_dropped_while_clients_poll_are_served_and_every_request_answers_200(
        tmp_path: Path, pipeline: Pipeline) -> None:
    expected = sum(len(pipeline.annotate(Document(text=ARTICLES[d], doc_id=d)).events)
                   for d in ARTICLES)
    live = _live(tmp_path, pipeline, settle=0.6)
    inbox = live.watcher.folder
    pool = StorePool(live.db, size=4, idle_seconds=None, connect=lambda _path: live.cursor())
    app = create_app(ServerConfig(db=live.db, live=True, idle_close_seconds=None), pool=pool)
    stop = threading.Event()
    answers: Counter[tuple[str, int]] = Counter()
    seen_events: set[int] = set()
    live.start()
    try:
        with _server(app) as base:
            clients = _clients(base, 4, stop, answers, seen_events)
            for client in clients:
                client.start()

            def stored() -> int:
                return int(httpx.get(f"{base}/info").json()["counts"]["documents"])

            (inbox / "a.txt").write_text(ARTICLES["a"], encoding="utf-8")
            _wait_until(lambda: stored() == 1)
            with (inbox / "feed.jsonl").open("w", encoding="utf-8") as out:  # written slowly
                out.write(_line("j1") + _line("j2")[:15])
                out.flush()
                time.sleep(0.3)
                out.write(_line("j2")[15:])
            _wait_until(lambda: stored() == 3)
            (inbox / "b.txt.part").write_text(ARTICLES["b"], encoding="utf-8")
            (inbox / "b.txt.part").rename(inbox / "b.txt")
            with (inbox / "feed.jsonl").open("a", encoding="utf-8") as out:
                out.write(_line("j3"))
            _wait_until(lambda: stored() == 5)
            time.sleep(0.3)  # the clients see the last commit too
            errors = live.cursor().execute("SELECT count(*) FROM errors").fetchall()[0][0]
            stop.set()
            for client in clients:
                client.join(30)
            info = httpx.get(f"{base}/info").json()
            total = httpx.get(f"{base}/events").json()["total"]
    finally:
        stop.set()
        live.stop()
    assert {status for _, status in answers} == {200}, answers
    assert {path for path, _ in answers} == {p.split("?")[0] for p in PATHS}
    assert sum(answers.values()) >= 50
    assert errors == 0  # the half-written line was never read
    assert info["live"] is True and info["changed"] is not None
    assert info["events"] == total == expected > 0
    assert len(seen_events) >= 3 and max(seen_events) == expected  # seen arriving, batch by batch
    assert _doc_ids_of(live.db) == sorted(ARTICLES)


def _doc_ids_of(db: Path) -> list[str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall())


def test_info_gives_the_event_count_and_the_last_change(tmp_path: Path) -> None:
    store = EventStore.open(tmp_path / "s.duckdb", VERSION)
    store.write([document("d1", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 2)),
                          E("ISRGOV", "IRNGOV", "042", date(2024, 1, 3)))], [])
    store.close()
    with warnings.catch_warnings():  # starlette asks for httpx2; httpx is what we have
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    client = TestClient(create_app(ServerConfig(db=tmp_path / "s.duckdb")),
                        base_url="http://127.0.0.1")
    info = client.get("/info").json()
    assert (info["events"], info["counts"]["events"], info["live"]) == (2, 2, False)
    assert info["changed"] is not None


@pytest.mark.parametrize(("make", "reason"), [(None, "no such folder"),
                                              ("file", "not a folder")])
def test_serve_watch_needs_a_folder(tmp_path: Path, capsys, make: str | None,
                                    reason: str) -> None:
    if make:
        (tmp_path / "inbox").write_text("x", encoding="utf-8")
    status = main(["serve", "--db", str(tmp_path / "s.duckdb"), "--watch",
                   str(tmp_path / "inbox"), "--wait", "0"])
    assert status == 2
    err = " ".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert f"[E034] Cannot watch {tmp_path / 'inbox'}: {reason}" in err
    assert not (tmp_path / "s.duckdb").exists()


# --- a writer of another process waits, then names the holder ----------------------------------

HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
con.close()
print("released", flush=True)
sys.stdin.readline()
"""


def test_a_writer_waits_for_a_held_store_then_names_the_holder(tmp_path: Path,
                                                              capsys) -> None:
    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        with pytest.raises(StoreError) as refused:
            EventStore.open(path, VERSION, wait=0.6)
        waited = time.monotonic() - started
        message = str(refused.value)
        assert message.startswith(f"[E033] The store {path} is held by process {holder.pid} (")
        assert "(waited 0.6 s; --wait SECONDS waits longer)" in message
        assert message.endswith(f"`eventcoder serve --watch FOLDER --db {path}`")
        assert 0.6 <= waited < 5

        (tmp_path / "a.txt").write_text(ARTICLES["a"], encoding="utf-8")
        status = main(["extract", str(tmp_path / "a.txt"), "--db", str(path), "--wait", "0.2"])
        err = " ".join(capsys.readouterr().err.split())
        assert status == 2 and f"is held by process {holder.pid} (" in err
        assert "stop that process" in err and "serve --watch FOLDER" in err

        # Let go while a second writer waits: it gets the store.
        def release() -> None:
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.flush()

        threading.Timer(0.3, release).start()
        started = time.monotonic()
        store = EventStore.open(path, VERSION, wait=30)
        store.close()
        assert 0.3 <= time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait(10)
