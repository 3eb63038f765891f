"""Hostile inputs: every reader failure is an error record with file and line, and the rest of
the run is coded and stored; a hostile --actors file is refused with its file and line."""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pytest

from eventcoder.actors import apply_user_file, read_knowledge_base
from eventcoder.errors import DataFileError
from eventcoder.ingest import read_inputs
from eventcoder.model import Document, InputError

if TYPE_CHECKING:
    from tests.conftest import EventcoderCall

GOOD = '{"doc_id": "good", "text": "Iran condemned Israel."}'
DEEP = '{"text": "x", "nested": ' + "[" * 1000 + "]" * 1000 + "}"


def _errors(items: list[Document | InputError]) -> set[tuple[str, int | None, str]]:
    return {(Path(i.source).name, i.line, i.reason[:6]) for i in items
            if isinstance(i, InputError)}


def _doc_ids(items: list[Document | InputError]) -> list[str]:
    return [i.doc_id for i in items if isinstance(i, Document)]


def _read(*paths: Path, max_bytes: int | None = None) -> list[Document | InputError]:
    options = {} if max_bytes is None else {"max_bytes": max_bytes}
    return list(read_inputs([str(p) for p in paths], **options))


# --- readers -------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "errors"), [
    # nested deeper than the JSON decoder's recursion allows
    ("deep.jsonl", f"{GOOD}\n{DEEP}\n{GOOD}\n".encode(), {("deep.jsonl", 2, "[E014]")}),
    # a number of more digits than Python converts
    ("digits.jsonl", f'{GOOD}\n{{"text": "x", "n": {"9" * 5000}}}\n'.encode(),
     {("digits.jsonl", 2, "[E005]")}),
    # a NUL byte on a later line costs only that line, not the whole file
    ("nul.jsonl", f"{GOOD}\n".encode() + b'{"text": "a\x00b"}\n', {("nul.jsonl", 2, "[E016]")}),
    # a NUL escaped in the JSON string is a NUL in the text all the same
    ("escaped.jsonl", f'{GOOD}\n{{"text": "a\\u0000b"}}\n'.encode(),
     {("escaped.jsonl", 2, "[E016]")}),
    # a NUL past the first block of a text file
    ("late.txt", b"Iran condemned Israel.\n" * 1000 + b"and \x00 then", {("late.txt", 1001,
                                                                           "[E016]")}),
])
def test_hostile_lines_cost_only_themselves(tmp_path: Path, name: str, content: bytes,
                                            errors: set[tuple[str, int | None, str]]) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    items = _read(path)
    assert _errors(items) == errors
    if name.endswith(".jsonl"):
        assert _doc_ids(items).count("good") == content.count(b'"good"')


def test_lines_and_files_over_max_bytes_are_errors(tmp_path: Path) -> None:
    huge = '{"doc_id": "huge", "text": "' + "word " * 4000 + '"}'
    (tmp_path / "lines.jsonl").write_text(f"{GOOD}\n{huge}\n{GOOD}\n{huge}", encoding="utf-8")
    (tmp_path / "big.txt").write_text("Iran condemned Israel. " * 1000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("Iran condemned Israel.", encoding="utf-8")
    items = _read(tmp_path / "lines.jsonl", tmp_path / "big.txt", tmp_path / "small.txt",
                  max_bytes=10_000)
    assert _errors(items) == {("lines.jsonl", 2, "[E015]"), ("lines.jsonl", 4, "[E015]"),
                              ("big.txt", None, "[E015]")}
    assert _doc_ids(items) == ["good", "good", "small"]


def test_a_huge_line_is_read_in_linear_time_and_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as out:  # 200 MB on one line, then a good line
        out.write(b'{"text": "')
        block = b"word " * 200_000
        for _ in range(200):
            out.write(block)
        out.write(b'"}\n' + GOOD.encode() + b"\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    items = _read(path, max_bytes=1_000_000)
    seconds = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert _errors(items) == {("huge.jsonl", 1, "[E015]")} and _doc_ids(items) == ["good"]
    assert seconds < 10 and grown_mb < 50, (seconds, grown_mb)


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Folders listed here cannot be listed (as chmod 000 does, which root ignores)."""
    names: set[str] = set()
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path).name in names:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield names


def test_an_unreadable_folder_is_an_error(tmp_path: Path, unreadable: set[str]) -> None:
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "locked" / "a.txt").write_text("Egypt praised Jordan.", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Iran condemned Israel.", encoding="utf-8")
    (tmp_path / "in" / ".hidden").mkdir()
    (tmp_path / "in" / ".hidden" / "c.txt").write_text("Skipped.", encoding="utf-8")
    (tmp_path / "closed").mkdir()
    unreadable.update({"locked", "closed"})
    items = _read(tmp_path / "in", tmp_path / "closed")
    assert _doc_ids(items) == ["b"]
    assert _errors(items) == {("locked", None, "[E017]"), ("closed", None, "[E017]")}


def test_folders_keep_their_order_and_symlinks(tmp_path: Path) -> None:
    for name in ("b/z.txt", "a.txt", "b/a.txt", "c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    (tmp_path / "d.txt").symlink_to(tmp_path / "nowhere.txt")
    items = _read(tmp_path)
    assert [Path(i.source or "").relative_to(tmp_path).as_posix() for i in items
            if isinstance(i, Document)] == ["a.txt", "b/a.txt", "b/z.txt", "c.txt"]
    assert _errors(items) == {("d.txt", None, "[E001]")}


# --- the extract command ---------------------------------------------------------------------

def test_extract_stores_the_good_documents_of_a_hostile_run(
        tmp_path: Path, unreadable: set[str], eventcoder: EventcoderCall) -> None:
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "ok.txt").write_text("Egypt praised Jordan.", encoding="utf-8")
    (tmp_path / "in" / "feed.jsonl").write_text(f"{GOOD}\n{DEEP}\n", encoding="utf-8")
    unreadable.add("locked")
    db = tmp_path / "s.duckdb"
    # wide enough that no path is folded, whatever the temporary folder's name
    run = eventcoder("extract", "in", "--db", str(db), "--jsonl", "out.jsonl", cwd=tmp_path,
                     columns=1000)
    err = run.stderr
    assert run.returncode == 1 and "2 failed" in err and "feed.jsonl:2" in err, err
    with duckdb.connect(str(db)) as con:
        docs = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
        errors = {(Path(r[0]).name, r[1]) for r in
                  con.execute("SELECT source, line FROM errors").fetchall()}
    assert docs == {"good", "ok"}
    assert errors == {("feed.jsonl", 2), ("locked", None)}
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["good", "ok"]


def test_extract_max_bytes_refuses_larger_files(tmp_path: Path,
                                                eventcoder: EventcoderCall) -> None:
    (tmp_path / "big.txt").write_text("Iran condemned Israel. " * 100, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Egypt praised Jordan.", encoding="utf-8")
    run = eventcoder("extract", "big.txt", "ok.txt", "--max-bytes", "1000", "--no-store",
                     "--jsonl", "-", cwd=tmp_path)
    out, err = run.stdout, run.stderr
    assert run.returncode == 1 and "1 failed" in err and "E015" in err, err
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["ok"]


# --- the --actors file ---------------------------------------------------------------------

PERSON = "{name: X Y, country: KEN, sector: GOV, office: mayor, start: 2020-01-01}"
# "Billion laughs": each entry's aliases are nine of the previous entry's (9**9 names at last).
LAUGHS = "people:\n" + "\n".join(
    f"  - {{name: P{n}, country: KEN, sector: GOV, office: m, start: 2020-01-01, aliases: "
    f"&l{n} [{', '.join(['lol' if n == 0 else f'*l{n - 1}'] * 9)}]}}" for n in range(9))


@pytest.mark.parametrize(("text", "line", "reason"), [
    # a Python tag: refused, never constructed
    ("people:\n  - !!python/object/apply:os.system [echo hi]\n", 2, "tag"),
    ("people:\n  - {name: !!binary aGk=, country: KEN, sector: GOV, office: m, "
     "start: 2020-01-01}\n", 2, "tag"),
    # anchors and aliases: refused before anything expands
    (LAUGHS, 2, "anchor"),
    ("people:\n  - &p " + PERSON + "\n  - *p\n", 2, "anchor"),
    # deeper than any actor file needs
    ("people:\n  - " + "[" * 5000 + "]" * 5000 + "\n", 2, "deep"),
    # types
    ("people:\n  - {name: [Jane, Doe], country: KEN, sector: GOV, office: m, "
     "start: 2020-01-01}\n", 2, "name must be text"),
    ("people:\n  - {name: X, country: KEN, sector: GOV, office: m, start: 2020-01-01, "
     "aliases: {a: b}}\n", 2, "aliases must be a list of names"),
    ("organisations:\n  - {code: [N], name: NUT, sector: LAB}\n", 2, "code must be text"),
    ("countries:\n  - {iso3: GBR, aliases: [[Blighty]]}\n", 2, "aliases must be a list"),
    ("countries:\n  - {iso3: GBR, seats: {No. 10: [GOV]}}\n", 2, "seats"),
    ("sectors:\n  - {phrase: 3, sector: RAD, kind: group}\n", 2, "phrase must be text"),
    # dates
    ("people:\n  - {name: X, country: KEN, sector: GOV, office: m, start: 2020-05-01, "
     "end: 2019-01-01}\n", 2, "ends .* before it starts"),
    ("people:\n  - {name: X, country: KEN, sector: GOV, office: m, start: yesterday}\n", 2,
     "start must be a date"),
    ("people:\n  - {name: X, country: KEN, sector: GOV, office: m, start: 2020-13-01}\n", 2,
     "start must be a date"),
    # not a list or a mapping where one is needed
    ("people:\n  - just a name\n", 2, "mapping"),
    ("- a\n- b\n", 1, "sections"),
    ("people:\n  - \xff\n", 1, "cannot read"),
])
def test_a_hostile_actor_file_is_refused_with_file_and_line(tmp_path: Path, text: str,
                                                            line: int, reason: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(text.encode("latin-1"))  # "\xff": a byte that is not UTF-8
    started = time.perf_counter()
    with pytest.raises(DataFileError, match=rf"bad.yaml line {line}: .*{reason}"):
        apply_user_file(read_knowledge_base(), path)
    assert time.perf_counter() - started < 2


def test_a_good_actor_file_with_dates_and_quoted_values_loads(tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text("people:\n  - {name: 'Jane Doe', aliases: Doe, country: KEN, sector: GOV, "
                    "office: mayor, start: '2020-01-01', end: 2021-01-01}\n"
                    "countries:\n  - {iso3: NOR, aliases: ['Norge'], seats: {Storting: LEG}}\n",
                    encoding="utf-8")
    kb = read_knowledge_base()
    apply_user_file(kb, path)
    [office] = kb.offices["Jane Doe"]
    assert (office.country, str(office.start), str(office.end)) == ("KEN", "2020-01-01",
                                                                     "2021-01-01")
    assert kb.country_names["Norge"] == "NOR"


def test_extract_with_a_hostile_actor_file_fails_cleanly(
        tmp_path: Path, eventcoder: EventcoderCall) -> None:
    (tmp_path / "a.txt").write_text("Iran condemned Israel.", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("people:\n  - !!python/name:os.system\n",
                                       encoding="utf-8")
    run = eventcoder("extract", "a.txt", "--actors", "bad.yaml", "--no-store", cwd=tmp_path,
                     columns=1000)  # the message names the whole path: none of it folded
    err = run.stderr
    assert run.returncode == 2 and "bad.yaml line 2" in err and "Traceback" not in err, err
