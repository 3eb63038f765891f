"""Read .txt, .jsonl, folders and stdin into Documents; bad input becomes an InputError."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
# Bytes of one document (a text file, a JSON line, stdin): past it an input is an error record,
# not read, so that memory stays bounded whatever a file holds. Long texts are coded whole in
# windows (nlp.text_windows), so this is a limit on size, not on what is coded.
MAX_BYTES = 50_000_000

ReadResult = Document | InputError


@dataclass(frozen=True)
class _Oversize:
    """A line longer than the limit, skipped: its length in bytes."""

    size: int


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


def read_inputs(inputs: Iterable[str], *, published: date | None = None,
                max_bytes: int = MAX_BYTES) -> Iterator[ReadResult]:
    """Every document (or error) of the given files, folders and '-' for stdin, in order;
    a document of more than `max_bytes` bytes is an error."""
    for item in inputs:
        if item == STDIN:
            yield from _guarded(_read_stream(sys.stdin.buffer, "<stdin>", published, max_bytes),
                                "<stdin>")
            continue
        path = Path(item)
        if path.is_dir():
            for child in _folder_entries(path):
                if isinstance(child, InputError):
                    yield child
                else:
                    yield from _guarded(_read_path(child, published, max_bytes), str(child))
        elif path.exists():
            yield from _guarded(_read_path(path, published, max_bytes), str(path))
        else:
            yield InputError(str(path), None, Messages.E008)


def _guarded(results: Iterator[ReadResult], source: str) -> Iterator[ReadResult]:
    """The results of one input; whatever its reader raises ends that input as an error record,
    never the run."""
    try:
        yield from results
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        yield InputError(source, None, Messages.E001.format(reason=reason))


def _folder_entries(folder: Path) -> list[Path | InputError]:
    """The files under a folder in path order, and an error for each folder that cannot be
    listed (os.walk, unlike Path.rglob, says so); hidden files and folders are left out."""
    found: list[Path | InputError] = []

    def unreadable(exc: OSError) -> None:
        name = exc.filename if exc.filename is not None else folder
        found.append(InputError(str(name), None,
                                Messages.E017.format(reason=exc.strerror or exc)))

    for top, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        base = Path(top)
        # A link to a folder is not followed: it is read as a file (and refused as one).
        links = [name for name in folders if (base / name).is_symlink()]
        for name in [*files, *links]:
            child = base / name
            if name.startswith("."):
                continue
            if child.is_file() or child.is_symlink():
                found.append(child)
            else:  # a pipe or a device would block or never end
                found.append(InputError(str(child), None,
                                        Messages.E001.format(reason="not a regular file")))
    return sorted(found, key=lambda item: Path(item.source) if isinstance(item, InputError)
                  else item)


def _read_path(path: Path, published: date | None, max_bytes: int) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | JSONL_SUFFIXES:
        yield InputError(str(path), None, Messages.E009.format(suffix=suffix or path.name))
        return
    try:
        if suffix in JSONL_SUFFIXES:  # line by line: a corpus file need not fit in memory
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, stream.read(SNIFF_BYTES), str(path), published,
                                       max_bytes)
            return
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)  # never more, whatever the file claims to be
            size = max(len(raw), os.fstat(stream.fileno()).st_size)
    except OSError as exc:
        yield InputError(str(path), None, Messages.E001.format(reason=exc.strerror or exc))
        return
    if len(raw) > max_bytes:
        yield _too_large(str(path), None, max_bytes, size)
        return
    yield _read_text(raw, str(path), path.stem, published)


def _too_large(source: str, line: int | None, limit: int, size: int) -> InputError:
    return InputError(source, line, Messages.E015.format(limit=limit, size=size))


def _read_stream(stream: IO[bytes], name: str, published: date | None, max_bytes: int
                 ) -> Iterator[ReadResult]:
    head = stream.read(SNIFF_BYTES)
    # A stream whose first non-blank character opens a JSON object is read as JSON lines.
    if head.lstrip().startswith(b"{"):
        yield from _read_jsonl(stream, head, name, published, max_bytes)
        return
    raw = head + stream.read(max_bytes + 1 - len(head))
    if len(raw) > max_bytes:
        yield _too_large(name, None, max_bytes, len(raw) + _drain(stream))
        return
    yield _read_text(raw, name, None, published)


def _drain(stream: IO[bytes]) -> int:
    """Read the rest of a stream a block at a time; how many bytes it held."""
    size = 0
    while block := stream.read(READ_BLOCK):
        size += len(block)
    return size


def _decode(raw: bytes, source: str) -> str | InputError:
    """The text of raw bytes, or an error naming the line of the first bad byte."""
    if b"\x00" in raw[:SNIFF_BYTES]:
        return InputError(source, None, Messages.E003)
    nul = raw.find(b"\x00")
    if nul >= 0:
        return InputError(source, raw.count(b"\n", 0, nul) + 1, Messages.E016)
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


def _read_jsonl(stream: IO[bytes], head: bytes, source: str, published: date | None,
                max_bytes: int) -> Iterator[ReadResult]:
    """Documents of JSON lines: `head`, the bytes already read, then the rest of `stream`."""
    if b"\x00" in head.split(b"\n", 1)[0]:  # UTF-16 or binary: no line of it is JSON
        yield InputError(source, None, Messages.E003)
        return
    empty = True
    # Lines are decoded one by one so that one bad line does not cost the others.
    lines = _lines(head.removeprefix(b"\xef\xbb\xbf"), stream, max_bytes)
    for line_no, raw_line in enumerate(lines, 1):
        if isinstance(raw_line, _Oversize):
            empty = False
            yield _too_large(source, line_no, max_bytes, raw_line.size)
            continue
        if not raw_line.strip():
            continue
        empty = False
        if b"\x00" in raw_line:
            yield InputError(source, line_no, Messages.E016)
            continue
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(source, line_no, Messages.E002.format(offset=exc.start))
            continue
        yield _document_from_json_line(line, source, line_no, published)
    if empty:
        yield InputError(source, None, Messages.E004)


def _lines(head: bytes, stream: IO[bytes], limit: int) -> Iterator[bytes | _Oversize]:
    """The lines of `head` followed by the rest of `stream`, read a block at a time; a line of
    more than `limit` bytes is skipped (its blocks are not kept) and given as its size. Each
    byte is copied a bounded number of times, so a huge line costs linear time."""
    pieces: list[bytes] = []  # the current line's bytes, from earlier blocks
    size = 0  # the current line's length so far
    block = head
    while True:
        start = 0
        while (end := block.find(b"\n", start)) >= 0:
            size += end - start
            if size > limit:
                yield _Oversize(size)
            else:
                yield b"".join([*pieces, block[start:end]]) if pieces else block[start:end]
            pieces, size, start = [], 0, end + 1
        if start < len(block):
            size += len(block) - start
            if size <= limit:
                pieces.append(block[start:])
            else:
                pieces = []
        block = stream.read(READ_BLOCK)
        if not block:
            if size > limit:
                yield _Oversize(size)
            elif pieces:
                yield b"".join(pieces)
            return


def _document_from_json_line(
    line: str, source: str, line_no: int, published: date | None
) -> ReadResult:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(source, line_no, Messages.E005.format(reason=exc.msg))
    except RecursionError:
        return InputError(source, line_no, Messages.E014)
    except ValueError as exc:  # a number of more digits than int() converts
        return InputError(source, line_no, Messages.E005.format(reason=exc))
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return InputError(source, line_no, Messages.E006)
    if not obj["text"].strip():
        return InputError(source, line_no, Messages.E004)
    if "\x00" in obj["text"]:
        return InputError(source, line_no, Messages.E016)
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
