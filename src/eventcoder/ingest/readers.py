"""Read .txt, .jsonl, folders and stdin into Documents; bad input becomes an InputError."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from ..errors import InputReadError, Messages
from ..model import Document, InputError, content_hash

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
STDIN = "-"
SNIFF_BYTES = 8192  # read first: binary content and whether a stream holds JSON lines
READ_BLOCK = 1 << 16

ReadResult = Document | InputError


def parse_published(value: Any) -> date | None:
    """A YYYY-MM-DD date (or a longer ISO timestamp, cut to its date); None stays None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputReadError(Messages.E007.format(value=value))
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputReadError(Messages.E007.format(value=value)) from None


def read_inputs(inputs: Iterable[str], *, published: date | None = None) -> Iterator[ReadResult]:
    """Every document (or error) of the given files, folders and '-' for stdin, in order."""
    for item in inputs:
        if item == STDIN:
            yield from _read_stream(sys.stdin.buffer, "<stdin>", published)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() or p.is_symlink()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield from _read_path(child, published)
        elif path.exists():
            yield from _read_path(path, published)
        else:
            yield InputError(str(path), None, Messages.E008)


def _read_path(path: Path, published: date | None) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | JSONL_SUFFIXES:
        yield InputError(str(path), None, Messages.E009.format(suffix=suffix or path.name))
        return
    try:
        if suffix in JSONL_SUFFIXES:  # line by line: a corpus file need not fit in memory
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, stream.read(SNIFF_BYTES), str(path), published)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), None, Messages.E001.format(reason=exc.strerror or exc))
        return
    yield _read_text(raw, str(path), path.stem, published)


def _read_stream(stream: IO[bytes], name: str, published: date | None) -> Iterator[ReadResult]:
    head = stream.read(SNIFF_BYTES)
    # A stream whose first non-blank character opens a JSON object is read as JSON lines.
    if head.lstrip().startswith(b"{"):
        yield from _read_jsonl(stream, head, name, published)
    else:
        yield _read_text(head + stream.read(), name, None, published)


def _decode(raw: bytes, source: str) -> str | InputError:
    """The text of raw bytes, or an error naming the line of the first bad byte."""
    if b"\x00" in raw[:8192]:
        return InputError(source, None, Messages.E003)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return InputError(source, line, Messages.E002.format(offset=exc.start))
    if not text.strip():
        return InputError(source, None, Messages.E004)
    return text


def _read_text(raw: bytes, source: str, stem: str | None, published: date | None) -> ReadResult:
    text = _decode(raw, source)
    if isinstance(text, InputError):
        return text
    return Document(
        text=text, doc_id=stem or content_hash(text), published=published, source=source
    )


def _read_jsonl(stream: IO[bytes], head: bytes, source: str, published: date | None
                ) -> Iterator[ReadResult]:
    """Documents of JSON lines: `head`, the bytes already read, then the rest of `stream`."""
    if b"\x00" in head:
        yield InputError(source, None, Messages.E003)
        return
    empty = True
    # Lines are decoded one by one so that one bad line does not cost the others.
    for line_no, raw_line in enumerate(_lines(head.removeprefix(b"\xef\xbb\xbf"), stream), 1):
        if not raw_line.strip():
            continue
        empty = False
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(source, line_no, Messages.E002.format(offset=exc.start))
            continue
        yield _document_from_json_line(line, source, line_no, published)
    if empty:
        yield InputError(source, None, Messages.E004)


def _lines(head: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    """The lines of `head` followed by the rest of `stream`, read a block at a time."""
    buffer, start = head, 0
    while True:
        end = buffer.find(b"\n", start)
        if end >= 0:
            yield buffer[start:end]
            start = end + 1
            continue
        block = stream.read(READ_BLOCK)
        if not block:
            if start < len(buffer):
                yield buffer[start:]
            return
        buffer, start = buffer[start:] + block, 0


def _document_from_json_line(
    line: str, source: str, line_no: int, published: date | None
) -> ReadResult:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(source, line_no, Messages.E005.format(reason=exc.msg))
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return InputError(source, line_no, Messages.E006)
    if not obj["text"].strip():
        return InputError(source, line_no, Messages.E004)
    try:
        fields = {key: _optional_str(obj, key) for key in ("doc_id", "title", "url")}
        doc_published = parse_published(obj.get("published")) or published
    except InputReadError as exc:
        return InputError(source, line_no, str(exc))
    doc_id = fields["doc_id"] or content_hash(fields["title"], obj["text"])
    return Document(
        text=obj["text"],
        doc_id=doc_id,
        title=fields["title"],
        url=fields["url"],
        published=doc_published,
        source=source,
        line=line_no,
    )


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, int | float) and key == "doc_id":
        return str(value)
    if not isinstance(value, str):
        raise InputReadError(Messages.E013.format(field=key))
    return value or None
