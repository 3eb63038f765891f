"""The store schema file: validated when read, and in step with the row builders."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.errors import DataFileError
from eventcoder.model import InputError
from eventcoder.store import build_batch
from eventcoder.store.rows import to_arrow
from eventcoder.store.schema import read_schema, store_tables
from tests.factories import E, document

HEADER = "table\tcolumn\ttype\tkey\n"


@pytest.mark.parametrize(("line", "reason"), [
    ("events\tx\tTEXT\t\n", "unknown column type"),
    ("events\tx\tVARCHAR\tprimary\n", "key must be"),
    ("events\tx\tVARCHAR\t\nevents\tx\tVARCHAR\t\n", "duplicate column"),
    ("events\tx\tVARCHAR\t\n", "tables missing"),
])
def test_bad_schema_files(tmp_path, line: str, reason: str) -> None:
    path = tmp_path / "schema.tsv"
    path.write_text(HEADER + line, encoding="utf-8")
    with pytest.raises(DataFileError, match=reason):
        read_schema(path)


def test_every_row_column_is_in_the_schema() -> None:
    doc = document("a", E("IRNGOV", "ISRGOV", "112", date(2024, 1, 2), place="ISR"),
                   url="https://x.com/a")
    batch = build_batch([doc], [InputError("f", 1, "r")], version="1", run_id=1)
    for name, table in batch.tables.items():
        assert table.schema.names == list(store_tables()[name].column_names)
    assert batch.documents == 1 and batch.events == 1


def test_unknown_columns_are_refused() -> None:
    with pytest.raises(KeyError, match="elevation"):
        to_arrow("places", [{"doc_hash": "h", "elevation": 1}])


def test_primary_keys_in_the_ddl() -> None:
    assert "PRIMARY KEY (\"event_id\", \"doc_hash\")" in store_tables()["events"].ddl()
