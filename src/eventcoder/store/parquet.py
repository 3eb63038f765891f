"""Partitions as Parquet: a folder per partition, one file per table and a manifest.

A worker writes a partition into a hidden folder and renames it into place when every file is
written, so a folder without the leading dot is always complete. The store loads it in one
transaction and then deletes it; a folder left by a killed run is loaded by the next run.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from ..model import InputError
from .rows import BATCH_TABLES, TableBatch

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class PartitionManifest:
    """What a partition holds: the pipeline version that coded it and its counts."""

    name: str
    version: str
    hashes: list[str]  # content hashes of every document the partition was given, in order
    documents: int
    events: int
    errors: list[InputError] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The manifest as JSON."""
        data = asdict(self)
        data["errors"] = [e.to_json() for e in self.errors]
        return data

    @classmethod
    def from_json(cls, data: dict) -> PartitionManifest:
        """A manifest read back from JSON."""
        errors = [InputError(e["source"], e["line"], e["reason"]) for e in data["errors"]]
        return cls(data["name"], data["version"], list(data["hashes"]), int(data["documents"]),
                   int(data["events"]), errors)


def write_partition(folder: Path, batch: TableBatch, manifest: PartitionManifest) -> Path:
    """Write a partition under `folder` atomically; its path."""
    final = folder / manifest.name
    temp = folder / f".{manifest.name}.{uuid.uuid4().hex[:8]}"
    temp.mkdir(parents=True)
    for table in BATCH_TABLES:
        pq.write_table(batch[table], temp / f"{table}.parquet", compression="zstd")
    (temp / MANIFEST).write_text(json.dumps(manifest.to_json()), encoding="utf-8")
    if final.exists():  # the same partition coded again after a crash: keep the newer one
        shutil.rmtree(final)
    os.replace(temp, final)
    return final


def read_partition(path: Path) -> tuple[TableBatch, PartitionManifest]:
    """The rows and manifest of a complete partition."""
    manifest = PartitionManifest.from_json(json.loads((path / MANIFEST).read_text("utf-8")))
    tables = {table: pq.read_table(path / f"{table}.parquet") for table in BATCH_TABLES}
    return TableBatch(tables), manifest


def complete_partitions(folder: Path) -> Iterator[Path]:
    """The complete partitions under a staging folder, oldest name first."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.is_dir() and not path.name.startswith(".") and (path / MANIFEST).is_file():
            yield path


def remove_partition(path: Path) -> None:
    """Delete a partition once the store holds it."""
    shutil.rmtree(path, ignore_errors=True)


def clear_incomplete(folder: Path) -> None:
    """Delete half-written partitions (hidden folders) left by a killed worker."""
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_dir() and path.name.startswith("."):
                shutil.rmtree(path, ignore_errors=True)
