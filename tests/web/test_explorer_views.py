"""The explorer's views and states in headless Chromium, over the demo articles and two
stories about Turkey and the SDF: actor search, source/target filters, the monthly timeline
with an empty month, the map, downloads, loading, empty, error and new-events states.
Screenshots go to tests/web/screenshots/ (git-ignored) for review."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest

from ..api.syria import build_syria_store
from .test_explorer import _get, _screenshot_dir, _wait_for, serve_store
from .test_explorer import page as page  # the fixture, shared

SHOWN = {"negated": "false"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Iterator[str]:
    yield from serve_store(tmp_path_factory, lambda path: build_syria_store(path, pipeline))


def _total(server: str, **params: str) -> int:
    return int(_get(f"{server}/events?{urlencode({**SHOWN, **params, 'page_size': 1})}")
               ["total"])


def _rows(page: Any) -> int:
    return page.locator("#events-table tr.event-row").count()


def _chart(page: Any, chart: str, script: str) -> Any:
    return page.evaluate(f"() => {{ const c = echarts.getInstanceByDom("
                         f"document.getElementById('{chart}')); {script} }}")


def test_actor_search_by_abbreviation_and_source_target_filters(page: Any, server: str) -> None:
    shots = _screenshot_dir()
    page.goto(f"{server}/#/actors?q=SDF")
    _wait_for(page, "actors", q="SDF")
    row = page.locator('#actors-table tr.actor-row[data-key="SDF"]')
    assert row.count() == 1
    assert "SYRREB" in row.inner_text() and "Syrian Democratic Forces" in row.inner_text()
    as_source = int(row.locator("td.as-source").inner_text())
    assert as_source == _total(server, source_actor="SDF") == 2
    page.screenshot(path=str(shots / "explorer-actors-sdf.png"))

    # From the filter panel: SDF as source, then Turkey as target.
    page.goto(f"{server}/#/events")
    _wait_for(page, "events")
    for text, role, key in (("SDF", "source_actor", "SDF"), ("Turkey", "target_actor", "TUR")):
        page.fill("#actor-search", text)
        page.select_option("#actor-role", role)
        page.locator(f'#actor-results button[data-key="{key}"]').click()
        _wait_for(page, "events", only=False, **{role: key})
    _wait_for(page, "events", source_actor="SDF", target_actor="TUR")
    assert _rows(page) == _total(server, source_actor="SDF", target_actor="TUR") == 2
    codes = page.locator("#events-table tr.event-row td:nth-child(3)").all_inner_texts()
    assert all(c.startswith("SYRREB") for c in codes)
    assert int(page.inner_text("#events-total").split()[0]) == 2
    page.screenshot(path=str(shots / "explorer-source-target.png"))
    assert page.problems == []  # type: ignore[attr-defined]


def test_monthly_timeline_shows_empty_months_as_zero(page: Any, server: str) -> None:
    page.goto(f"{server}/#/events?source_actor=SDF&target_actor=TUR&interval=month")
    _wait_for(page, "events", source_actor="SDF", target_actor="TUR", interval="month")
    periods, totals = _chart(page, "timeline", """
        const o = c.getOption(); const bars = o.series.filter(s => s.type === 'bar');
        return [o.xAxis[0].data, o.xAxis[0].data.map((_, i) =>
          bars.reduce((n, s) => n + s.data[i], 0))];""")
    assert periods == ["2019-01-01", "2019-02-01", "2019-03-01"] and totals == [1, 0, 1]
    assert page.input_value("#timeline-interval") == "month"
    page.select_option("#timeline-interval", "quarter")
    _wait_for(page, "events", only=False, interval="quarter")
    assert _chart(page, "timeline", "return c.getOption().xAxis[0].data;") == ["2019-01-01"]
    page.screenshot(path=str(_screenshot_dir() / "explorer-timeline-monthly.png"))
    assert page.problems == []  # type: ignore[attr-defined]


def test_map_has_points_and_a_click_filters_to_a_place(page: Any, server: str) -> None:
    page.goto(f"{server}/#/events")
    _wait_for(page, "events")
    places = _get(f"{server}/map?negated=false")["places"]
    points = _chart(page, "map", "return c.getOption().series[0].data.length;")
    assert points == len(places) > 0
    assert _chart(page, "map", "return c.getOption().geo[0].map;") == "world"
    page.screenshot(path=str(_screenshot_dir() / "explorer-map.png"))
    # Click the point of the place with most events (points may overlap: the URL says which
    # place was clicked, and the table must hold exactly its events).
    x, y = _chart(page, "map", """
        const d = c.getModel().getSeriesByIndex(0).getData();
        return d.getItemLayout(0);""")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function("location.hash.includes('location=')")
    query = page.evaluate("location.hash").split("?")[1]
    params = dict(parse_qsl(query))
    _wait_for(page, "events", **params)
    assert _rows(page) == _total(server, **params) > 0
    assert page.problems == []  # type: ignore[attr-defined]


def test_download_holds_the_events_of_the_current_view(page: Any, server: str,
                                                       tmp_path: Path) -> None:
    page.goto(f"{server}/#/events?source_actor=SDF")
    _wait_for(page, "events", source_actor="SDF")
    shown = set(page.eval_on_selector_all("#events-table tr.event-row",
                                          "rows => rows.map(r => r.dataset.event)"))
    with page.expect_download() as info:
        page.click("#download-csv")
    path = tmp_path / "events.csv"
    info.value.save_as(path)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["event_id"] for r in rows} == shown and len(rows) == 2
    assert {r["source_code"] for r in rows} == {"SYRREB"}
    with page.expect_download() as info:
        page.click("#download-parquet")
    assert info.value.suggested_filename == "events.parquet"
    assert page.problems == []  # type: ignore[attr-defined]


def test_loading_empty_and_error_states(page: Any, server: str) -> None:
    shots = _screenshot_dir()
    page.goto(f"{server}/#/events")
    _wait_for(page, "events")
    held: list[Any] = []
    page.route("**/timeline?*", lambda route: held.append(route))
    page.goto(f"{server}/#/events?q=accused")
    page.wait_for_selector("#timeline-panel .loading")
    assert page.locator("#timeline canvas").count() == 0  # the old chart is gone
    assert page.evaluate("document.body.dataset.ready") == "loading"
    page.screenshot(path=str(shots / "explorer-loading.png"))
    for route in held:
        route.continue_()
    page.unroute("**/timeline?*")
    _wait_for(page, "events", q="accused")

    page.goto(f"{server}/#/events?q=nothing%20says%20this")
    _wait_for(page, "events", q="nothing says this")
    for panel in ("timeline", "network", "map"):
        assert page.locator(f"#{panel}-panel .empty").inner_text(), panel
        assert page.get_attribute(f"#{panel}-panel", "data-state") == "empty"
    assert page.inner_text("#events-total") == "0 events"
    page.screenshot(path=str(shots / "explorer-empty.png"))

    page.route("**/map?*", lambda route: route.fulfill(
        status=503, content_type="application/json",
        body=json.dumps({"detail": "[E054] The store is busy"})))
    page.goto(f"{server}/#/events?country=SYR")
    _wait_for(page, "events", country="SYR")
    assert "E054" in page.inner_text("#map-panel .panel-error")
    assert page.locator("#map").count() == 0 and page.locator("#timeline canvas").count()
    page.screenshot(path=str(shots / "explorer-error.png"))
    page.unroute("**/map?*")
    page.problems.clear()  # type: ignore[attr-defined]  # the 503 is logged on purpose


def test_new_events_are_announced_and_shown_without_a_reload(page: Any, server: str) -> None:
    page.add_init_script("window.EVENTCODER_POLL_MS = 300;")
    page.goto(f"{server}/#/events")
    _wait_for(page, "events")
    page.evaluate("window.notReloaded = true")
    info = _get(f"{server}/info")
    grown = {**info, "counts": {**info["counts"], "events": info["counts"]["events"] + 5}}
    page.route("**/info", lambda route: route.fulfill(status=200, body=json.dumps(grown),
                                                      content_type="application/json"))
    page.wait_for_selector("#new-events:not([hidden])")
    assert page.inner_text("#new-events").startswith("5 new events")
    page.click("#new-events")
    page.wait_for_selector("#new-events", state="hidden")
    _wait_for(page, "events")
    assert page.evaluate("window.notReloaded") is True
    assert str(grown["counts"]["events"]) in page.inner_text("#store-info")
    assert page.problems == []  # type: ignore[attr-defined]
