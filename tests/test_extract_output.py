"""What `extract` says while it runs: progress counted as documents are coded (a parse batch at
a time, not a store partition), --quiet and --verbose, and the warning about documents with
no publication date."""

from __future__ import annotations

import json
from pathlib import Path

from eventcoder import Document
from eventcoder.cli import main
from eventcoder.engine import ExtractJob, LocalEngine


class _Counted:
    def __init__(self) -> None:
        self.steps: list[int] = []

    def advance(self, count: int) -> None:
        self.steps.append(count)


def test_the_local_engine_counts_each_parse_batch_as_it_is_coded(pipeline) -> None:
    documents = [Document(text=f"Iran met Iraq on day {n}.", doc_id=str(n)) for n in range(70)]
    job = ExtractJob(LocalEngine(pipeline), version="test", partition_size=128)
    progress = _Counted()
    summary = job.run(job.plan(documents), progress)
    size = pipeline.settings.batch_size
    assert summary.documents == 70
    # one partition of 70 documents, counted batch by batch while it is coded
    assert progress.steps == [size, size, 70 - 2 * size]


def _inputs(folder: Path) -> Path:
    path = folder / "news.jsonl"
    rows = [{"doc_id": "a", "text": "Kenyan police arrested ten protesters in Nairobi."},
            {"doc_id": "b", "text": "Iran met Iraq on Monday.", "published": "2024-03-15"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n", encoding="utf-8")
    return path


def test_quiet_prints_only_the_failed_inputs(tmp_path: Path, capsys) -> None:
    inputs = _inputs(tmp_path)
    assert main(["extract", str(inputs), "--db", str(tmp_path / "s.duckdb"), "--quiet"]) == 1
    err = capsys.readouterr().err.replace("\n", "")  # a path longer than a line is folded
    assert "failed" in err and "news.jsonl:3" in err
    assert "documents coded" not in err and "store " not in err and "coding" not in err


def test_verbose_says_what_each_chunk_holds_and_warns_of_undated_documents(
        tmp_path: Path, capsys) -> None:
    inputs = _inputs(tmp_path)
    assert main(["extract", str(inputs), "--db", str(tmp_path / "s.duckdb"), "--verbose"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "read 2 documents and 1 failed inputs: 2 to code, 0 already in the store" in err
    assert "2 documents coded" in err
    # only document a has no publication date
    assert "warning: 1 document has no publication date (a)" in err
