"""The HTTP API over the demo store, through an ASGI test client."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventcoder.resources import bundled
from eventcoder.web import static_dir


def _count(path: Path, sql: str, params: list | None = None) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return int(con.execute(sql, params or []).fetchall()[0][0])


def test_info_counts_the_store(client, demo_store: Path) -> None:
    info = client.get("/info").json()
    assert info["counts"]["events"] == _count(demo_store, "SELECT count(*) FROM events") > 0
    assert info["counts"]["documents"] == 4
    assert info["clusters"] is False and info["annotate"] is False
    assert info["store"] == "demo.duckdb"  # the file name only, not the path


def test_events_page_and_total(client, demo_store: Path) -> None:
    total = _count(demo_store, "SELECT count(*) FROM events")
    first = client.get("/events", params={"page_size": 10}).json()
    assert first["total"] == total and len(first["items"]) == 10
    ids = set()
    for page in range(1, total // 10 + 2):
        items = client.get("/events", params={"page_size": 10, "page": page}).json()["items"]
        ids.update((e["doc_hash"], e["event_id"]) for e in items)
    assert len(ids) == total
    beyond = client.get("/events", params={"page_size": 10, "page": 999}).json()
    assert beyond["items"] == [] and beyond["total"] == total


@pytest.mark.parametrize(("params", "check"), [
    ({"source_country": "DEU"}, lambda e: e["source_country"] == "DEU"),
    ({"target_country": "bra"}, lambda e: e["target_country"] == "BRA"),
    ({"country": "IRN"}, lambda e: "IRN" in (e["source_country"], e["target_country"])),
    ({"sector": "GOV"}, lambda e: "GOV" in (e["source_sector"], e["target_sector"])),
    ({"cameo_root": "11"}, lambda e: e["cameo_root"] == "11"),
    ({"cameo": "03"}, lambda e: e["cameo"].startswith("03")),
    ({"plover": "consult"}, lambda e: e["plover_type"] == "CONSULT"),
    ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
    ({"modality": "intended"}, lambda e: e["modality"] == "intended"),
    ({"negated": "true"}, lambda e: e["negated"] is True),
    ({"date_from": "2024-01-01", "date_to": "2024-06-30"},
     lambda e: "2024-01-01" <= e["date"] <= "2024-06-30"),
    ({"q": "amazon"}, lambda e: "amazon" in (e["sentence_text"] or "").lower()),
    ({"actor": "Olaf Scholz"}, lambda e: "Olaf Scholz" in (e["source_name"], e["target_name"])),
])
def test_every_filter_keeps_only_matching_events(client, params, check) -> None:
    page = client.get("/events", params={**params, "page_size": 500}).json()
    assert page["items"], f"the demo store should have events for {params}"
    assert all(check(e) for e in page["items"]), params
    assert page["total"] == len(page["items"])


def test_filters_combine_and_sort(client) -> None:
    page = client.get("/events", params={"source_country": "DEU", "target_country": "BRA",
                                         "sort": "goldstein", "order": "desc"}).json()
    scores = [e["goldstein"] for e in page["items"]]
    assert scores == sorted(scores, reverse=True) and page["total"] >= 1
    assert page["filters"] == {"source_country": "DEU", "target_country": "BRA"}


def test_event_with_its_evidence(client) -> None:
    meet = client.get("/events", params={"source_country": "DEU", "target_country": "BRA",
                                         "cameo": "036"}).json()["items"][0]
    detail = client.get(f"/events/{meet['event_id']}").json()
    event, sentence = detail["event"], detail["event"]["sentence_text"]
    assert sentence[event["trigger_start"]:event["trigger_end"]] == event["trigger_text"]
    assert detail["document"]["doc_id"] == "demo-diplomacy"
    assert {a["actor_id"] for a in detail["actors"]} == {event["source_actor"],
                                                         event["target_actor"]}
    for span in detail["mentions"] + detail["times"] + detail["places"]:
        assert sentence[span["start"]:span["end"]] == span["text"]
    assert detail["cluster"] is None
    same = client.get(f"/events/{meet['event_id']}", params={"doc": meet["doc_hash"]})
    assert same.json()["event"] == event


def test_document_by_id_and_by_hash(client) -> None:
    doc = client.get("/documents/demo-diplomacy").json()
    assert doc["doc_id"] == "demo-diplomacy" and doc["annotated"]["sentences"]
    assert doc["annotated"]["doc_id"] == "demo-diplomacy" and doc["text"].startswith("German")
    assert client.get(f"/documents/{doc['doc_hash']}").json()["annotated"] == doc["annotated"]
    missing = client.get("/documents/no-such-document")
    assert missing.status_code == 404 and "[E045]" in missing.json()["detail"]


def test_documents_list_and_search(client) -> None:
    page = client.get("/documents").json()
    assert page["total"] == 4 and sum(d["events"] for d in page["items"]) > 0
    found = client.get("/documents", params={"q": "lithium"}).json()
    assert [d["doc_id"] for d in found["items"]] == ["demo-protest"]


def test_actors_are_grouped_and_counted(client) -> None:
    page = client.get("/actors", params={"page_size": 500}).json()
    scholz = next(a for a in page["items"] if a["name"] == "Olaf Scholz")
    assert scholz["code"] == "DEUGOV" and scholz["as_source"] >= 2 and scholz["mentions"] >= 3
    events = [a["as_source"] + a["as_target"] for a in page["items"]]
    assert events == sorted(events, reverse=True)
    german = client.get("/actors", params={"country": "DEU"}).json()["items"]
    assert german and all(a["country"] == "DEU" for a in german)


def test_aggregate_by_dyad_and_time_adds_up(client) -> None:
    total = client.get("/events").json()["total"]
    dyads = client.get("/aggregate", params={"interval": "all"}).json()
    assert dyads["group"] == ["source_country", "target_country"]
    assert sum(r["events"] for r in dyads["rows"]) == total
    deu_bra = next(r for r in dyads["rows"]
                   if (r["source_country"], r["target_country"]) == ("DEU", "BRA"))
    assert deu_bra["goldstein_mean"] > 0 and deu_bra["documents"] == 1
    monthly = client.get("/aggregate", params={"interval": "month",
                                               "group": "quad_class"}).json()
    assert all(r["period"].endswith("-01") for r in monthly["rows"])
    dated = client.get("/events", params={"date_from": "1900-01-01"}).json()["total"]
    assert sum(r["events"] for r in monthly["rows"]) == dated
    capped = client.get("/aggregate", params={"interval": "day", "limit": 2}).json()
    assert len(capped["rows"]) == 2 and capped["truncated"] is True


def test_facets_list_values_present(client) -> None:
    facets = client.get("/facets").json()
    countries = {f["value"] for f in facets["countries"]}
    assert {"DEU", "BRA", "IRN", "SDN"} <= countries
    roots = {r["value"]: r["name"] for r in facets["cameo_roots"]}
    assert all(name for name in roots.values())
    assert facets["date_min"] <= facets["date_max"]


def test_openapi_lists_every_endpoint(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/events", "/events/{event_id}", "/documents/{doc}", "/actors", "/aggregate",
            "/clusters", "/annotate"} <= set(paths)


def test_docs_and_explorer_load_nothing_from_elsewhere(client) -> None:
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs
    page = client.get("/")
    assert page.status_code == 200 and "default-src 'self'" in page.headers[
        "content-security-policy"]
    for path in ["/static/vendor/echarts/echarts.min.js", "/static/js/main.js",
                 "/static/css/explorer.css", "/static/vendor/swagger-ui/swagger-ui.css"]:
        assert client.get(path).status_code == 200, path
    own = [p for p in static_dir().rglob("*") if p.is_file() and "vendor" not in p.parts]
    assert own
    for path in own:
        text = path.read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "http://" not in text and "https://" not in text, path


def test_vendored_libraries_keep_their_licences() -> None:
    vendor = bundled("web", "static", "vendor")
    for library in ("echarts", "swagger-ui"):
        assert (vendor / library / "LICENSE").is_file()
    size = sum(p.stat().st_size for p in vendor.rglob("*") if p.is_file())
    assert size < 4_000_000
