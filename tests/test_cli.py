"""The eventcoder command end to end: run in this process as the console script runs it (the
`eventcoder` fixture), and once through the installed console script itself."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import jsonschema
import pytest

from eventcoder.cli import build_parser
from eventcoder.resources import bundled

if TYPE_CHECKING:
    from tests.conftest import EventcoderCall

SCHEMA = json.loads(bundled("schema", "document.schema.json").read_text(encoding="utf-8"))
SCHOLZ = ("German Chancellor Olaf Scholz will travel to Brasilia next week to meet President "
          "Luiz Inacio Lula da Silva, his office said on Monday.")


def _lines(path: Path) -> list[dict]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        jsonschema.validate(line, SCHEMA)
    return lines


def test_extract_codes_a_sample_article(tmp_path: Path, eventcoder: EventcoderCall) -> None:
    article = tmp_path / "scholz.txt"
    article.write_text(SCHOLZ + " Brazil and Germany signed a trade agreement in Brasilia.",
                       encoding="utf-8")
    result = eventcoder("extract", str(article), "--published", "2023-06-05", "--jsonl",
                         "out.jsonl", "--db", "store.duckdb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    [doc] = _lines(tmp_path / "out.jsonl")
    assert doc["doc_id"] == "scholz" and doc["published"] == "2023-06-05"
    triples = {(e["source"]["country"], e["cameo_root"], (e["target"] or {}).get("country"))
               for e in doc["events"]}
    assert ("DEU", "03", "BRA") in triples or ("DEU", "04", "BRA") in triples, triples
    meet = next(e for e in doc["events"] if e["cameo"] == "036")
    assert meet["date"] == "2023-06-12" and meet["date_precision"] == "week"
    with duckdb.connect(str(tmp_path / "store.duckdb")) as con:
        stored = con.execute("SELECT count(*) FROM events WHERE source_country = 'DEU' "
                             "AND target_country = 'BRA'").fetchone()
    assert stored is not None and stored[0] >= 1


def test_good_and_bad_inputs_in_one_run(tmp_path: Path, eventcoder: EventcoderCall) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Iran condemned Israel.", encoding="utf-8")
    (tmp_path / "in" / "latin1.txt").write_bytes("Caf\xe9 owners protested.".encode("latin-1"))
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "blob.txt").write_bytes(bytes(range(256)))
    (tmp_path / "batch.jsonl").write_text(
        '{"doc_id": "j1", "text": "Japan praised South Korea."}\n{"doc_id": broken\n'
        '{"doc_id": "j2", "text": "Egypt urged Israel to show restraint."}\n', encoding="utf-8")
    result = eventcoder("extract", "in", "batch.jsonl", "missing.txt", "--published",
                         "2024-02-01", "--jsonl", "out.jsonl", "--db", "s.duckdb", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert [d["doc_id"] for d in _lines(tmp_path / "out.jsonl")] == ["good", "j1", "j2"]
    assert "5 failed" in result.stderr and "batch.jsonl:2" in result.stderr
    with duckdb.connect(str(tmp_path / "s.duckdb")) as con:
        docs = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
        errors = {(Path(r[0]).name, r[1]) for r in
                  con.execute("SELECT source, line FROM errors").fetchall()}
    assert docs == {"good", "j1", "j2"}
    assert errors == {("latin1.txt", 1), ("empty.txt", None), ("blob.txt", None),
                      ("batch.jsonl", 2), ("missing.txt", None)}


def test_rerun_adds_nothing_twice(tmp_path: Path, eventcoder: EventcoderCall) -> None:
    (tmp_path / "a.txt").write_text("Iran condemned Israel.", encoding="utf-8")
    for _ in range(2):
        result = eventcoder("extract", "a.txt", "--db", "s.duckdb", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert "0 documents written (1 already there)" in result.stderr
    with duckdb.connect(str(tmp_path / "s.duckdb")) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_stdin_to_stdout(tmp_path: Path, eventcoder: EventcoderCall) -> None:
    result = eventcoder("extract", "-", "--jsonl", "-", "--no-store", "--published",
                         "2024-02-01", cwd=tmp_path, stdin="Iran condemned Israel.")
    assert result.returncode == 0, result.stderr
    [doc] = [json.loads(line) for line in result.stdout.splitlines()]
    jsonschema.validate(doc, SCHEMA)
    assert doc["events"][0]["source"]["country"] == "IRN"


@pytest.mark.parametrize("args", [
    ["extract"],
    ["extract", "a.txt", "--published", "last week"],
    ["nonsense"],
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str],
                             eventcoder: EventcoderCall) -> None:
    assert eventcoder(*args, cwd=tmp_path).returncode == 2


def test_the_console_script_exits_with_the_commands_status(tmp_path: Path) -> None:
    """The installed script itself, in a process of its own: the status and the message of a
    refused command reach the shell (the Dask, SIGKILL and closed-pipe tests run it too)."""
    exe = shutil.which("eventcoder", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "eventcoder"]
    result = subprocess.run([*command, "extract"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 2, result.stderr
    assert "the following arguments are required: INPUT" in result.stderr


def test_demo_prints_events_and_writes_the_store(tmp_path: Path,
                                                 eventcoder: EventcoderCall) -> None:
    result = eventcoder("demo", "--db", "demo.duckdb", cwd=tmp_path, columns=200)
    assert result.returncode == 0, result.stderr
    assert "DEUGOV German Chancellor Olaf" in result.stdout and "sample articles" in result.stdout
    assert "eventcoder serve --db demo.duckdb" in result.stdout
    with duckdb.connect(str(tmp_path / "demo.duckdb")) as con:
        roots = {r[0] for r in con.execute("SELECT cameo_root FROM events").fetchall()}
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (4,)
    assert len(roots) >= 6  # diplomacy, protest, conflict and sanctions codes


def test_explain_shows_rule_and_rejections(tmp_path: Path,
                                           eventcoder: EventcoderCall) -> None:
    result = eventcoder("explain", "Iran accused Israel of killing its scientists.", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "accuse" in result.stdout and "112" in result.stdout
    none = eventcoder("explain", "The weather was mild.", cwd=tmp_path)
    assert "No event coded" in none.stdout
    # each step of a rule id is spelled out: why the target is Algeria
    steps = eventcoder("explain", "Protesters blocked roads in Algiers.", cwd=tmp_path)
    assert "+place: no target named: the country where the event happens" in steps.stdout


def test_every_command_has_help() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():  # type: ignore[attr-defined]
        assert sub.description, name
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert all(f"eventcoder {name}" in readme or f"make {name}" in readme
               for name in subparsers.choices)  # type: ignore[attr-defined]


def test_extract_with_the_users_actor_file(tmp_path: Path,
                                           eventcoder: EventcoderCall) -> None:
    (tmp_path / "mine.yaml").write_text(
        "people:\n  - {name: Jane Wanjiru, aliases: [Wanjiru], country: KEN, sector: GOV, "
        "office: governor, start: 2022-08-25}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Wanjiru condemned the attack on Mombasa.", encoding="utf-8")
    result = eventcoder("extract", "a.txt", "--actors", "mine.yaml", "--published", "2024-02-01",
                         "--jsonl", "-", "--no-store", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    [doc] = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["events"][0]["source"]["code"] == "KENGOV"
    broken = eventcoder("extract", "a.txt", "--actors", "absent.yaml", cwd=tmp_path)
    assert broken.returncode == 2 and "no such file" in broken.stderr
    (tmp_path / "bad.yaml").write_text("people: [\n", encoding="utf-8")
    bad = eventcoder("extract", "a.txt", "--actors", "bad.yaml", "--no-store", cwd=tmp_path,
                     columns=1000)  # the message names the whole path: none of it folded
    assert bad.returncode == 2 and "bad.yaml line" in bad.stderr and "Traceback" not in bad.stderr
