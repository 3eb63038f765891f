"""The store commands end to end: a run killed with SIGKILL resumes, aggregate, clusters."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import date
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pytest

from eventcoder.cli import main
from eventcoder.store import EventStore, RunCounts, update_clusters
from tests.factories import E, document

if TYPE_CHECKING:
    from tests.conftest import EventcoderCall

COUNTRIES = ("Iran", "Israel", "Russia", "Ukraine", "China", "Japan", "Egypt", "Turkey")
VERBS = ("condemned", "accused", "praised", "met", "threatened", "criticized")


def _command() -> list[str]:
    exe = shutil.which("eventcoder", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "eventcoder"]


def _articles(count: int) -> list[str]:
    pairs = [(a, v, b) for a, v, b in product(COUNTRIES, VERBS, COUNTRIES) if a != b]
    return [json.dumps({"doc_id": f"n{i}", "text": f"{a} {v} {b} on Monday. Officials in {a} "
                        f"said report {i} was accurate.", "url": f"https://o{i % 5}.com/{i}"})
            for i, (a, v, b) in zip(range(count), pairs * 3, strict=False)]


def test_a_run_killed_with_sigkill_resumes_with_nothing_lost_or_doubled(
        tmp_path: Path, capsys, eventcoder: EventcoderCall) -> None:
    total = 120
    (tmp_path / "news.jsonl").write_text("\n".join(_articles(total)) + "\n", encoding="utf-8")
    args = ["extract", "news.jsonl", "--db", "s.duckdb", "--published", "2024-05-06",
            "--batch-size", "8", "--partition-size", "8", "--progress-interval", "0"]
    # a real process, killed; the run that resumes it may as well run in this one
    run = subprocess.Popen([*_command(), *args], cwd=tmp_path, stderr=subprocess.PIPE,
                           text=True)
    assert run.stderr is not None
    seen = []
    for line in run.stderr:  # progress lines: one per parse batch coded
        seen.append(line)
        if line.startswith("coded ") and int(line.split()[1].split("/")[0]) >= 80:
            break
    run.send_signal(signal.SIGKILL)
    assert run.wait(timeout=60) == -signal.SIGKILL, "".join(seen)
    again = eventcoder(*args, "--jsonl", "out.jsonl", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    resumed = int(again.stderr.split("resuming: ")[1].split()[0])
    # coded 80: at most four partitions of 8 were still on their way to the store
    assert 80 - 4 * 8 <= resumed < total
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [d["doc_id"] for d in lines] == [f"n{i}" for i in range(total)]
    with duckdb.connect(str(tmp_path / "s.duckdb")) as con:
        def one(sql: str) -> int:
            return int(con.execute(sql).fetchall()[0][0])
        assert one("SELECT count(*) FROM documents") == total
        assert one("SELECT count(DISTINCT doc_id) FROM documents") == total
        assert one("SELECT count(*) FROM events") == sum(len(d["events"]) for d in lines)
        assert one("SELECT count(*) FROM mentions") == sum(
            len(a["mentions"]) for d in lines for a in d["actors"])
        assert one("SELECT count(*) FROM (SELECT DISTINCT * FROM mentions)") == \
            one("SELECT count(*) FROM mentions")
        assert one("SELECT count(*) FROM cluster_members") == one(
            "SELECT count(*) FROM (SELECT DISTINCT * FROM cluster_members)")
        runs = con.execute("SELECT finished IS NOT NULL, skipped, status FROM runs "
                           "ORDER BY run_id")
        assert runs.fetchall() == [(False, None, "interrupted"), (True, resumed, "finished")]
    assert main(["runs", "--db", str(tmp_path / "s.duckdb"), "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["run_id"], r["status"], r["inputs"]) for r in listed] == [
        (2, "finished", ["news.jsonl"]), (1, "interrupted", ["news.jsonl"])]


def test_inputs_read_a_chunk_at_a_time_give_the_same_run(tmp_path: Path,
                                                        eventcoder: EventcoderCall) -> None:
    articles = _articles(12)
    lines = articles + articles[:4] + ["{broken"]  # duplicates land in later chunks
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    runs = {}
    for name, read_ahead in (("whole", "1000"), ("chunked", "5")):
        runs[name] = eventcoder("extract", "news.jsonl", "--db", f"{name}.duckdb",
                                "--published", "2024-05-06", "--jsonl", f"{name}.jsonl",
                                "--read-ahead", read_ahead, cwd=tmp_path)
    for name, run in runs.items():
        assert run.returncode == 1, run.stderr  # the broken line
        assert "news.jsonl:17" in run.stderr and "resuming" not in run.stderr, name
        assert "12 documents coded" in run.stderr and "12 documents written" in run.stderr
    assert (tmp_path / "whole.jsonl").read_text() == (tmp_path / "chunked.jsonl").read_text()
    assert len((tmp_path / "chunked.jsonl").read_text().splitlines()) == 16
    sql = "SELECT * EXCLUDE (doc_id) FROM events ORDER BY doc_hash, event_id"
    with duckdb.connect(str(tmp_path / "whole.duckdb")) as a, \
            duckdb.connect(str(tmp_path / "chunked.duckdb")) as b:
        assert a.execute(sql).fetchall() == b.execute(sql).fetchall()
        assert b.execute("SELECT documents, skipped FROM runs").fetchall() == [(12, 0)]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    store = EventStore.open(path, "1")
    store.write([
        document("a", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 3)), url="https://a.com/1"),
        document("b", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 4)), url="https://b.com/1"),
        document("c", E("USAGOV", "RUSGOV", "042", date(2024, 2, 8))),
    ], [])
    update_clusters(store.con)
    store.close()
    return path


def test_aggregate_prints_a_table_or_writes_csv(store_path: Path, capsys) -> None:
    assert main(["aggregate", "--db", str(store_path), "--by", "dyad,month"]) == 0
    out = capsys.readouterr().out
    assert "IRNGOV" in out and "2024-01-01" in out and "3 rows" not in out
    csv_path = store_path.parent / "series.csv"
    assert main(["aggregate", "--db", str(store_path), "--by", "countries,week", "--metric",
                 "quad", "--csv", str(csv_path)]) == 0
    assert csv_path.read_text().splitlines() == [
        "period,source_country,target_country,events,verbal_coop,material_coop,"
        "verbal_conflict,material_conflict",
        "2024-01-01,IRN,ISR,2,0,0,2,0",
        "2024-02-05,USA,RUS,1,1,0,0,0",
    ]
    assert main(["aggregate", "--db", str(store_path), "--unit", "clusters", "--csv", "-",
                 "--by", "dyad"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["IRNGOV,ISRGOV,1", "USAGOV,RUSGOV,1"]


def test_clusters_lists_the_largest_first(store_path: Path, capsys) -> None:
    assert main(["clusters", "--db", str(store_path), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "IRNGOV" in out and "Accuse" in out and "USAGOV" not in out
    assert main(["clusters", "--db", str(store_path), "--rebuild"]) == 0
    assert "rebuilt 2 clusters of 3 events" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["aggregate", "--db", "missing.duckdb"],
    ["aggregate", "--by", "dyad,fortnight"],
    ["aggregate", "--country", "Iran"],
    ["aggregate", "--metric", "tone"],
    ["clusters", "--db", "missing.duckdb"],
    ["clusters", "--db", "missing.duckdb", "--rebuild"],
    ["clusters", "--limit", "0"],
    ["extract", "a.txt", "--workers", "2"],
    ["extract", "a.txt", "--batch-size", "0"],
    ["extract", "a.txt", "--engine", "spark"],
])
def test_usage_errors_exit_2_with_a_message(tmp_path: Path, args: list[str], monkeypatch,
                                            capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Iran condemned Israel.", encoding="utf-8")
    try:
        status = main(args)
    except SystemExit as exc:  # argparse refuses the arguments
        status = exc.code
    assert status == 2
    assert "error" in capsys.readouterr().err
    assert not (tmp_path / "missing.duckdb").exists()


def test_runs_lists_the_latest_first(store_path: Path, capsys) -> None:
    store = EventStore.open(store_path, "1")
    killed = store.start_run(["old.jsonl"])
    store.close()
    store = EventStore.open(store_path, "1")
    store.con.execute("UPDATE runs SET process = 'gone' WHERE run_id = ?", [killed])
    done = store.start_run(["new.jsonl"])
    store.finish_run(done, RunCounts(4, 3, 7, 1, 2.5, skipped=1))
    store.close()
    assert main(["runs", "--db", str(store_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    [new] = [line for line in lines if "new.jsonl" in line]
    [old] = [line for line in lines if "old.jsonl" in line]
    assert lines.index(new) < lines.index(old)
    assert "finished" in new and "2.5" in new and "interrupted" in old
    assert main(["runs", "--db", str(store_path), "--limit", "1", "--json"]) == 0
    assert [json.loads(line)["run_id"] for line in capsys.readouterr().out.splitlines()] == [
        done]


def test_runs_of_an_older_store(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE runs (run_id INTEGER, started TIMESTAMP, finished TIMESTAMP, "
                    "inputs VARCHAR)")
        con.execute("INSERT INTO runs VALUES (1, now(), NULL, '[\"a.txt\"]')")
    assert main(["runs", "--db", str(path), "--json"]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (record["status"], record["inputs"], record["engine"]) == ("interrupted", ["a.txt"],
                                                                      None)
    assert main(["runs", "--db", str(tmp_path / "missing.duckdb")]) == 2


def test_an_old_store_is_reported_when_clusters_are_missing(tmp_path: Path, capsys) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE events (event_id VARCHAR)")
    assert main(["clusters", "--db", str(path)]) == 2
    assert "E029" in capsys.readouterr().err
    assert os.path.getsize(path) > 0
