"""Reading the data files shipped inside the package (importlib.resources, never cwd paths)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import DataFileError, Messages

Row = dict[str, str]


def bundled(*parts: str) -> Path:
    """Path of a file shipped inside the eventcoder package."""
    return Path(str(resources.files("eventcoder").joinpath(*parts)))


def package_file(package: str, name: str) -> Path:
    """Path of a data file of an eventcoder subpackage (its data/ folder)."""
    return bundled(package, "data", name)


def read_tsv(path: Path, required: tuple[str, ...]) -> list[tuple[int, Row]]:
    """Rows of a tab-separated file with '#' comments and a header, each with its line number."""
    return list(iter_tsv(path, required))


def iter_tsv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, Row]]:
    """The rows of read_tsv one at a time, for files too large to hold twice. Cells are split
    on tabs (no quoting) and stripped."""
    header: list[str] | None = None
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                missing = [c for c in required if c not in header]
                if missing:
                    raise data_error(path, line_no, f"header lacks columns {missing}")
                continue
            if len(cells) != len(header):
                reason = f"expected {len(header)} columns, found {len(cells)}"
                raise data_error(path, line_no, reason)
            yield line_no, {k: v.strip() for k, v in zip(header, cells, strict=True)}
    if header is None:
        raise data_error(path, 1, "no header line")


def read_date(path: Path, line: int, value: str) -> date | None:
    """A YYYY-MM-DD cell as a date (empty: None), or an error naming the file and line."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise data_error(path, line, f"not a YYYY-MM-DD date: {value!r}") from None


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Objects of a JSON-lines data file, each with its line number; '_comment' lines skipped."""
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise data_error(path, line_no, str(exc)) from None
            if not isinstance(obj, dict):
                raise data_error(path, line_no, "expected a JSON object")
            if "_comment" in obj:
                continue
            yield line_no, obj


def split_list(cell: str) -> list[str]:
    """The values of a '|'-separated cell, blanks dropped."""
    return [v.strip() for v in cell.split("|") if v.strip()]


def data_error(path: Path, line: int, reason: str) -> DataFileError:
    """A DataFileError naming the file and line."""
    return DataFileError(Messages.E010.format(path=path, line=line, reason=reason))
