"""Fixtures of the API tests: a demo store built once, and clients of apps over it."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from eventcoder.api import ServerConfig, create_app

from .stores import build_demo_store

with warnings.catch_warnings():  # starlette asks for httpx2; httpx is what we have
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    return build_demo_store(tmp_path_factory.mktemp("api") / "demo.duckdb", pipeline)


@pytest.fixture
def store_copy(demo_store: Path, tmp_path: Path) -> Path:
    """A copy of the demo store that a test may change."""
    return Path(shutil.copy(demo_store, tmp_path / "copy.duckdb"))


@pytest.fixture
def make_client(pipeline) -> Callable[..., TestClient]:
    def make(db: Path, **options) -> TestClient:
        app = create_app(ServerConfig(db=db, **options), pipeline_factory=lambda: pipeline)
        return TestClient(app, base_url="http://127.0.0.1")

    return make


@pytest.fixture
def client(demo_store: Path, make_client) -> TestClient:
    return make_client(demo_store)
