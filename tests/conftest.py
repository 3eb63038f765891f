"""Shared fixtures: one pipeline per test session, the shared data folder, and the command run
in this process."""

from __future__ import annotations

import copy
import dataclasses
import io
import subprocess
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from eventcoder import Document, Pipeline, Settings
from eventcoder.cli import demo as demo_command
from eventcoder.cli import explain as explain_command
from eventcoder.cli import extract as extract_command
from eventcoder.cli import main
from eventcoder.model import AnnotatedDocument

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

_LOADED: dict[Settings, Pipeline] = {}


def shared_pipeline(settings: Settings | None = None) -> Pipeline:
    """The Pipeline a new process would build for `settings`, sharing what this session loaded:
    building one reads only the model and the actors file (and any later field), while
    `published` and `batch_size` are read per run, so a copy with them replaced is the same
    pipeline, in a tenth of a second instead of one or two."""
    settings = settings or Settings()
    key = dataclasses.replace(settings, published=None, batch_size=Settings().batch_size)
    if key not in _LOADED:
        _LOADED[key] = Pipeline(key)
    if settings == key:
        return _LOADED[key]
    pipeline = copy.copy(_LOADED[key])
    pipeline.settings = settings
    return pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return shared_pipeline(Settings())


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data folder {SHARED_DATA} is absent")
    return SHARED_DATA


@pytest.fixture
def annotate_text(pipeline: Pipeline):
    def run(text: str, published: date | None = date(2024, 3, 15)) -> AnnotatedDocument:
        return pipeline.annotate(Document(text=text, doc_id="t", published=published))

    return run


EventcoderCall = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def shared_pipelines(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands build their pipelines with `shared_pipeline`, in this test."""
    for module in (extract_command, explain_command, demo_command):
        monkeypatch.setattr(module, "Pipeline", shared_pipeline)


@pytest.fixture
def eventcoder(monkeypatch: pytest.MonkeyPatch, shared_pipelines: None) -> EventcoderCall:
    """`eventcoder ARGS` run in this process, as the console script runs it, with its own
    working folder, stdin, $COLUMNS and captured output; what a process would report comes
    back as a CompletedProcess: argparse's exit status, and an uncaught exception as status 1
    with its traceback on stderr. Pipelines are loaded once per session (`shared_pipeline`):
    a new process spends about 4 s on imports and loading; the exit codes, SIGKILL and the Dask
    engine keep tests with real processes."""

    def run(*args: str, cwd: Path, stdin: str | None = None,
            columns: int | None = None) -> subprocess.CompletedProcess[str]:
        out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8") for _ in range(2))
        with monkeypatch.context() as patch:
            patch.chdir(cwd)
            if columns is not None:
                patch.setenv("COLUMNS", str(columns))
            patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((stdin or "").encode()),
                                                         encoding="utf-8"))
            patch.setattr(sys, "stdout", out)
            patch.setattr(sys, "stderr", err)
            try:
                status = main(list(args))
            except SystemExit as exc:  # argparse refuses the arguments (or --help, --version)
                status = _exit_status(exc.code)
            except Exception:  # what the interpreter does with an uncaught exception
                traceback.print_exc()
                status = 1
            out.flush()
            err.flush()
        return subprocess.CompletedProcess(["eventcoder", *args], status,
                                           _text(out), _text(err))

    return run


def _exit_status(code: object) -> int:
    """The status of a process ended by sys.exit(code): 0 for None, 1 for a message."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def _text(stream: io.TextIOWrapper) -> str:
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")
