"""The drawn query mix of benchmarks/api_load.py: different queries, each one the API accepts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("api_load", ROOT / "benchmarks" / "api_load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["api_load"] = module
    spec.loader.exec_module(module)
    return module


def test_the_drawn_mix_asks_different_queries_the_api_answers(client, demo_store: Path) -> None:
    events, aggregates = _benchmark().drawn_queries(demo_store, 60)
    assert len(events) == len(aggregates) == 60
    assert len(set(events)) >= 55 and len(set(aggregates)) >= 40
    assert events == _benchmark().drawn_queries(demo_store, 60)[0]  # the same draw each run
    for path, queries in (("/events?", events), ("/aggregate?", aggregates)):
        statuses = {q: client.get(path + q).status_code for q in queries}
        assert {q: s for q, s in statuses.items() if s != 200} == {}
    found = [client.get("/events?" + q).json()["total"] for q in events[:20]]
    assert sum(1 for total in found if total) >= 15, "most drawn filters should match events"
