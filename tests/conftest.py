"""Shared fixtures: one pipeline per test session, and the shared data folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder import Document, Pipeline, Settings
from eventcoder.model import AnnotatedDocument

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


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
