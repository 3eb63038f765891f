"""The CLI in a terminal: tables that fit 80 columns without cutting a date, a reader that
closes the pipe early, the demo's next step. In process (stdout is not a terminal under
pytest), but for the one real pipe."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from eventcoder.cli import EXIT_BROKEN_PIPE, main
from eventcoder.cli.common import Column, UndatedDocuments, fitted_table
from eventcoder.model import Document
from eventcoder.store import update_clusters

from .api.stores import build_demo_store

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BOX = tuple("┏┃┡│└")  # the lines of a table (title and caption are centred text)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    path = build_demo_store(tmp_path_factory.mktemp("terminal") / "demo.duckdb", pipeline)
    with duckdb.connect(str(path)) as con:
        update_clusters(con)
    return path


def _run(args: list[str], capsys, monkeypatch, columns: int = 80) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(args) == 0
    return capsys.readouterr().out


def _fits(out: str, columns: int = 80) -> list[str]:
    lines = out.splitlines()
    assert lines and all(len(line) <= columns for line in lines), max(lines, key=len)
    return lines


def _dates(out: str) -> set[str]:
    return set(DATE.findall(out))


@pytest.mark.usefixtures("shared_pipelines")
def test_demo_fits_80_columns_and_says_what_to_try_next(tmp_path: Path, capsys,
                                                         monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = _run(["demo", "--db", "eventcoder-demo.duckdb"], capsys, monkeypatch)
    lines = _fits(out)
    with duckdb.connect(str(tmp_path / "eventcoder-demo.duckdb"), read_only=True) as con:
        stored = {r[0].isoformat() for r in con.execute(
            "SELECT DISTINCT date FROM events WHERE date IS NOT NULL").fetchall()}
    shown = _dates("\n".join(line for line in lines if line.startswith(BOX)))
    assert shown == stored  # every date whole: none cut to "2023-06-…"
    assert "  eventcoder serve --db eventcoder-demo.duckdb" in lines


def test_clusters_at_80_columns_drop_columns_and_say_so(store: Path, capsys,
                                                        monkeypatch) -> None:
    every = ["clusters", "--db", str(store), "--limit", "10000"]
    narrow = _run(every, capsys, monkeypatch)
    _fits(narrow)
    with duckdb.connect(str(store), read_only=True) as con:
        rows = con.execute("SELECT date_first, date_last, cluster_id FROM event_clusters"
                           ).fetchall()
    dates = {d.isoformat() for first, last, _ in rows for d in (first, last)}
    assert _dates(narrow) == dates
    assert "not shown at this width: place, id" in narrow
    wide = _run(every, capsys, monkeypatch, 200)
    assert {r[2] for r in rows} <= set(re.findall(r"[0-9a-f]{16}", wide))
    assert "not shown" not in wide


def test_runs_at_80_columns_keep_the_start_date(store: Path, capsys, monkeypatch) -> None:
    out = _run(["runs", "--db", str(store)], capsys, monkeypatch)
    lines = _fits(out)
    with duckdb.connect(str(store), read_only=True) as con:
        started = {r[0].date().isoformat() for r in con.execute(
            "SELECT started FROM runs").fetchall()}
    assert _dates(out) == started
    assert any("finished" in line for line in lines)


@pytest.mark.parametrize("metric", ["count", "goldstein", "quad"])
def test_aggregate_at_80_columns_shows_every_column(store: Path, metric: str, capsys,
                                                    monkeypatch) -> None:
    out = _run(["aggregate", "--db", str(store), "--metric", metric, "--by", "dyad,week"],
               capsys, monkeypatch)
    _fits(out)
    assert "not shown" not in out and _dates(out)


ROWS = [["2023-06-12 to 2023-06-14", "DEUGOV", "036 Express intent to meet or negotiate",
         "12345"],
        ["2024-01-01", "IGOUNOKBZ", "1041 Demand change in leadership", "7"]]
COLUMNS = (Column("dates", min_width=10, keep=9), Column("source", firm=True, keep=8),
           Column("event", min_width=12, keep=7), Column("n", firm=True, justify="right"))


@pytest.mark.parametrize(("width", "shown"), [
    (200, {"dates", "source", "event", "n"}),
    (80, {"dates", "source", "event", "n"}),
    (50, {"dates", "source", "event", "n"}),
    (45, {"dates", "source", "event"}),
    (35, {"dates", "source"}),
])
def test_fitted_table_wraps_then_drops_but_never_cuts_firm_cells(width: int,
                                                                 shown: set[str]) -> None:
    out = io.StringIO()
    Console(width=width, file=out).print(fitted_table(COLUMNS, ROWS, width, title="t"))
    text = out.getvalue()
    header = next(line for line in text.splitlines() if line.startswith("┃"))
    assert {c.strip() for c in header.strip("┃").split("┃")} - {""} == shown
    assert all(len(line) <= width for line in text.splitlines())
    assert _dates(text) == {"2023-06-12", "2023-06-14", "2024-01-01"}
    assert {"DEUGOV", "IGOUNOKBZ"} <= set(text.split())
    if "n" in shown:
        assert "12345" in text.split()


def test_undated_documents_warning() -> None:
    undated = UndatedDocuments()
    undated.add([Document(text="a", doc_id="dated", published=date(2024, 1, 1))])
    assert undated.warning() is None
    undated.add([Document(text="b", doc_id=f"d{i}") for i in range(4)])
    warning = undated.warning()
    assert warning is not None and warning.startswith("warning: 4 documents have no "
                                                      "publication date (d0, d1, d2, ...)")
    assert "--published" in warning


def test_a_closed_pipe_ends_quietly(store: Path) -> None:
    """`eventcoder export ... | head -1`: the reader leaves after one line, the writer stops
    without a traceback and with the status of a command killed by SIGPIPE."""
    exe = shutil.which("eventcoder", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "eventcoder"]
    # More than a pipe holds (64 KiB), so that writing goes on after the reader has left.
    process = subprocess.Popen([*command, "export", "--format", "jsonl", "--table",
                                "documents", "--db", str(store)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=120) == EXIT_BROKEN_PIPE, error
    assert first.startswith(b"{") and "Traceback" not in error and "Broken" not in error
