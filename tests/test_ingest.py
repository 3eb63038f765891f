"""Readers: every supported input, and every kind of bad input as an error with file and line."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import IO, Any

import pytest

from eventcoder.ingest import read_inputs
from eventcoder.model import Document, InputError


def _read(*paths: Path | str, published: date | None = None) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], published=published))


def test_text_file_is_one_document_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "story-1.txt"
    path.write_text("Iran condemned the strike.", encoding="utf-8")
    [doc] = _read(path, published=date(2024, 1, 2))
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.text, doc.published) == ("story-1", "Iran condemned the strike.",
                                                      date(2024, 1, 2))


def test_jsonl_lines_keep_their_fields_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [{"text": "A.", "doc_id": "x", "title": "T", "url": "http://e/1",
             "published": "2020-05-06"}, {"text": "B."}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    first, second = _read(path, published=date(2021, 1, 1))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.doc_id, first.title, first.url, first.published, first.line) == (
        "x", "T", "http://e/1", date(2020, 5, 6), 1)
    assert second.published == date(2021, 1, 1) and second.line == 2
    assert second.doc_id  # a hash of the text when none is given


def test_folders_are_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    docs = _read(tmp_path)
    assert [d.doc_id for d in docs if isinstance(d, Document)] == ["a", "c"]


@pytest.mark.parametrize(("stdin", "expected"), [
    (b"Plain text from a pipe.", ["Plain text from a pipe."]),
    (b'{"text": "one"}\n{"text": "two"}\n', ["one", "two"]),
])
def test_stdin_reads_text_or_json_lines(monkeypatch: pytest.MonkeyPatch, stdin: bytes,
                                        expected: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    assert [d.text for d in _read("-") if isinstance(d, Document)] == expected


@pytest.mark.parametrize(("name", "content", "line", "reason"), [
    ("bad.txt", b"fine line\nbad \xff byte\n", 2, "E002"),
    ("bin.txt", b"\x00\x01\x02binary", None, "E003"),
    ("empty.txt", b"  \n\n", None, "E004"),
    ("blank.jsonl", b"", None, "E004"),
    ("image.png", b"\x89PNG", None, "E009"),
])
def test_bad_files_become_errors_naming_file_and_line(tmp_path: Path, name: str, content: bytes,
                                                      line: int | None, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [error] = _read(path)
    assert isinstance(error, InputError)
    assert error.source == str(path) and error.line == line and reason in error.reason


def test_bad_jsonl_lines_cost_only_themselves(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "good one"}\n{not json\n[1, 2]\n{"text": ""}\n'
                     b'{"text": "bad \xff"}\n{"text": "x", "published": "yesterday"}\n'
                     b'{"text": "x", "title": 5}\n{"text": "good two"}\n')
    results = _read(path)
    assert [r.text for r in results if isinstance(r, Document)] == ["good one", "good two"]
    errors = {r.line: r.reason[:6] for r in results if isinstance(r, InputError)}
    assert errors == {2: "[E005]", 3: "[E006]", 4: "[E004]", 5: "[E002]", 6: "[E007]",
                      7: "[E013]"}


def test_missing_and_unreadable_files_are_errors(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret", encoding="utf-8")
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    real_open = Path.open

    def open_(self: Path, *args: Any, **kwargs: Any) -> IO[Any]:
        if self.name == "locked.txt":  # as chmod 000 does, which root ignores
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    results = _read(tmp_path / "absent.txt", tmp_path)
    reasons = sorted((Path(r.source).name, r.reason[:6]) for r in results
                     if isinstance(r, InputError))
    assert reasons == [("absent.txt", "[E008]"), ("dangling.txt", "[E001]"),
                       ("locked.txt", "[E001]")]


def test_a_large_jsonl_file_is_read_line_by_line(tmp_path: Path) -> None:
    lines = [json.dumps({"doc_id": f"d{i}", "text": f"Story {i} " + "word " * 20})
             for i in range(3000)]  # about 400 kB: many read blocks, lines across block ends
    lines[1499] = "{not json"
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    items = _read(path)
    assert len(items) == 3000
    [error] = [i for i in items if isinstance(i, InputError)]
    assert error.line == 1500 and "E005" in error.reason
    docs = [i for i in items if isinstance(i, Document)]
    assert docs[0].doc_id == "d0" and docs[-1].doc_id == "d2999"
    assert docs[-1].text.startswith("Story 2999")
