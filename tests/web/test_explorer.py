"""The web explorer in headless Chromium: a real server over the demo store, a real browser.

Needs the Debian packages chromium and chromium-driver and the Python package playwright
(never `playwright install`). Skips when they are absent, except under CI=true, where their
absence fails the test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..api.stores import build_demo_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TIMEOUT_MS = 20_000


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent: apt-get install chromium chromium-driver"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Iterator[str]:
    yield from serve_store(tmp_path_factory, lambda path: build_demo_store(path, pipeline))


def serve_store(tmp_path_factory: pytest.TempPathFactory,
                build: Callable[[Path], Path]) -> Iterator[str]:
    """A server over the store that `build` writes, as long as the caller iterates."""
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true requires the browser test to run: {missing}")
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("web")
    store = build(folder / "demo.duckdb")
    port = _free_port()
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "eventcoder", "serve", "--db", str(store), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server exited: {(folder / 'server.log').read_text()}")
            try:
                _get(f"{base}/info")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("the server did not answer within 60 s")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        page.problems = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
        page.on("console", lambda message: page.problems.append(f"console: {message.text}")
                if message.type == "error" else None)
        page.on("request", lambda request: None if request.url.startswith((server, "data:"))
                else page.problems.append(f"request elsewhere: {request.url}"))
        yield page
        browser.close()


SCREENSHOTS = Path(__file__).parent / "screenshots"  # git-ignored: for review


def _screenshot_dir(tmp_path: Path | None = None) -> Path:
    folder = Path(os.environ.get("EVENTCODER_SCREENSHOTS", SCREENSHOTS))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _wait_for(page: Any, view: str, *, only: bool = True, **params: str) -> None:
    """Wait until the explorer has rendered `view` for the current URL, which has these
    parameters (and no others, when `only`)."""
    page.wait_for_function(
        "([view, only, params]) => {"
        " const q = new URLSearchParams(location.hash.split('?')[1] || '');"
        " return document.body.dataset.ready === view"
        " && document.body.dataset.rendered === location.hash"
        " && (!only || [...q.keys()].length === Object.keys(params).length)"
        " && Object.entries(params).every(([k, v]) => q.get(k) === v); }",
        arg=[view, only, params])


def _source_codes(page: Any) -> list[str]:
    return page.locator("#events-table tr.event-row td:nth-child(3)").all_inner_texts()


def _click_chart_item(page: Any, chart: str, script: str) -> list[Any]:
    """Click, with the mouse, the centre of an item that `script` locates in an ECharts chart
    (given the chart instance as `c`; it returns [x, y, ...] in the chart's pixels)."""
    found = page.evaluate(f"() => {{ const c = echarts.getInstanceByDom("
                          f"document.getElementById('{chart}')); {script} }}")
    box = page.locator(f"#{chart}").bounding_box()
    page.mouse.click(box["x"] + found[0], box["y"] + found[1])
    return list(found[2:])


def test_explorer_filters_and_opens_a_highlighted_document(page: Any, server: str,
                                                           tmp_path: Path) -> None:
    shots = _screenshot_dir(tmp_path)
    page.goto(f"{server}/")
    _wait_for(page, "events")
    total = int(page.inner_text("#events-total").split()[0])
    assert total == _get(f"{server}/events?negated=false&page_size=1")["total"] > 0
    assert page.locator("#timeline canvas").count() and page.locator("#network canvas").count()
    page.screenshot(path=str(shots / "explorer-events.png"))

    # A filter from the panel: only events whose source is German.
    page.select_option("#f-source_country", "DEU")
    _wait_for(page, "events", source_country="DEU")
    codes = _source_codes(page)
    expected = _get(f"{server}/events?negated=false&source_country=DEU")["total"]
    assert 0 < len(codes) == expected < total
    assert all(code.startswith("DEU") for code in codes)

    # Click-through from the dyad network: a country node filters to that country.
    page.click("text=Reset")
    _wait_for(page, "events")
    [country] = _click_chart_item(page, "network", """
        const s = c.getModel().getSeriesByIndex(0); const d = s.getData();
        return [...s.coordinateSystem.dataToPoint(d.getItemLayout(0)), d.getName(0)];""")
    _wait_for(page, "events", country=country)
    rows = page.locator("#events-table tr.event-row").count()
    assert rows == _get(f"{server}/events?negated=false&country={country}")["total"] > 0

    # Click-through from the timeline: a bar filters to its period and quad class.
    page.click("text=Reset")
    _wait_for(page, "events")
    _click_chart_item(page, "timeline", """
        const d = c.getModel().getSeriesByIndex(0).getData();
        for (let k = 0; k < d.count(); k++) {
          const r = d.getItemLayout(k);
          if (r && r.height) return [r.x + r.width / 2, r.y + r.height / 2];
        }""")
    _wait_for(page, "events", only=False, quad_class="1")
    query = page.evaluate("location.hash").split("?")[1]
    params = dict(p.split("=") for p in query.split("&"))
    assert {"date_from", "date_to"} <= set(params)
    rows = page.locator("#events-table tr.event-row").count()
    assert rows == _get(f"{server}/events?negated=false&{query}")["total"] > 0

    # Open a document from the table, with its event selected.
    page.click("text=Reset")
    _wait_for(page, "events")
    page.select_option("#f-source_country", "DEU")
    _wait_for(page, "events", source_country="DEU")
    row = page.locator("#events-table tr.event-row").first
    event_id, doc_hash = row.get_attribute("data-event"), row.get_attribute("data-doc")
    row.click()
    _wait_for(page, "doc", event=event_id)
    document = _get(f"{server}/documents/{doc_hash}")["annotated"]
    for kind, records in (("actor", document["actors"]), ("trigger", document["events"]),
                          ("time", document["times"]), ("place", document["places"]),
                          ("quote", document["quotes"])):
        assert records, f"the demo document should have {kind}s"
        keys = page.eval_on_selector_all(f"#doc-text mark.hl-{kind}",
                                         "marks => [...new Set(marks.map(m => m.dataset.key))]")
        assert len(keys) == len(records), kind
    event = next(e for e in document["events"] if e["id"] == event_id)
    trigger = page.eval_on_selector_all(
        f'#doc-text mark.hl-trigger[data-key="{event_id}"]',
        "marks => marks.filter(m => !m.parentElement.closest('mark.hl-trigger'))"
        ".map(m => m.textContent).join('')")
    assert trigger == event["trigger"]["text"]
    assert page.locator(f'.event-card.selected[data-event="{event_id}"]').count() == 1
    assert page.locator("#doc-text mark.hl-trigger.focus").count() >= 1
    assert page.locator("#doc-events li").count() == len(document["events"])
    page.screenshot(path=str(shots / "explorer-document.png"))

    # Click-through from an actor in the text to that actor's events.
    scholz = next(a for a in document["actors"] if a["name"] == "Olaf Scholz")
    page.locator(f'#doc-text mark.hl-actor[data-key="{scholz["id"]}"]').first.click()
    page.click("#selection >> text=events with Olaf Scholz")
    _wait_for(page, "events", actor="Olaf Scholz")
    assert page.locator("#events-table tr.event-row").count() >= 2
    assert page.problems == []  # type: ignore[attr-defined]


def test_api_docs_render_offline(page: Any, server: str) -> None:
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/events" in paths and "/documents/{doc}" in paths
    assert page.problems == []  # type: ignore[attr-defined]
