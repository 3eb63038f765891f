"""Exports: the GDELT 2.0 event table read back with pandas, PLOVER JSON, csv/parquet/jsonl."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from eventcoder.cli import main
from eventcoder.cli.demo import demo_documents
from eventcoder.model import (
    Actor,
    ActorRef,
    AnnotatedDocument,
    Document,
    Event,
    Mention,
    Place,
    Span,
    TimeValue,
)
from eventcoder.ontology import load_codebook
from eventcoder.store import EventStore, update_clusters
from eventcoder.store.exports import (
    GDELT_COLUMNS,
    NOT_CLUSTERED,
    ExportOptions,
    export,
    fraction_date,
)

from .api.stores import add_cluster_of_dyad, build_demo_store

# The 61 columns of the GDELT 2.0 event table, in order, as the GDELT codebook names them.
OFFICIAL_GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
    "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code",
    "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type",
    "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID", "Actor2Geo_Type",
    "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
]
TEXT_COLUMNS = [c for c in OFFICIAL_GDELT_COLUMNS if c.endswith(("Code", "Name", "FullName",
                                                                  "FeatureID", "SOURCEURL"))]
SENTENCE = ("German Chancellor Olaf Scholz will travel to Brasilia next week to meet "
            "President Lula, his office said.")


def _span(text: str) -> tuple[int, int]:
    start = SENTENCE.index(text)
    return start, start + len(text)


def known_document() -> AnnotatedDocument:
    """One hand-made article: Scholz (DEUGOV) intends to meet Lula (BRAGOV) in Brasilia on
    the week of 2023-06-12; plus a negated event that exports must leave out."""
    codebook = load_codebook()
    scholz, lula, brasilia = (_span(t) for t in ("German Chancellor Olaf Scholz",
                                                 "President Lula", "Brasilia"))
    place = Place(0, "Brasilia", *brasilia, "Brasilia", "BRA", -15.79, -47.88, "capital")
    source = ActorRef("a1", "DEU", "GOV", "German Chancellor Olaf Scholz")
    target = ActorRef("a2", "BRA", "GOV", "President Lula")
    common = dict(sentence=0, source=source, target=target, modality="intended",
                  date=date(2023, 6, 12), date_end=date(2023, 6, 18), date_precision="week",
                  date_source="text", location=place, location_source="clause",
                  confidence=0.9)
    meet = Event(id="e-meet", code=codebook["036"], trigger=Span("to meet", *_span("to meet")),
                 negated=False, rule="meet", **common)
    attack = Event(id="e-not", code=codebook["190"], trigger=Span("travel", *_span("travel")),
                   negated=True, rule="test-negated", **common)
    return AnnotatedDocument(
        document=Document(text=SENTENCE, doc_id="known", title="Scholz to visit Brazil",
                          url="https://news.example/scholz", published=date(2023, 6, 5)),
        sentences=(SENTENCE,),
        actors=(Actor("a1", "Olaf Scholz", "person", "DEU", "GOV",
                      (Mention(0, *scholz, "German Chancellor Olaf Scholz"),), "Olaf Scholz"),
                Actor("a2", "Luiz Inacio Lula da Silva", "person", "BRA", "GOV",
                      (Mention(0, *lula, "President Lula"),))),
        events=(meet, attack),
        times=(TimeValue(0, "next week", *_span("next week"), date(2023, 6, 12),
                         date(2023, 6, 18), "week"),),
        places=(place,),
    )


@pytest.fixture
def known_store(tmp_path: Path) -> Path:
    path = tmp_path / "known.duckdb"
    store = EventStore(duckdb.connect(str(path)), "test")
    store.write([known_document()], [])
    store.close()
    return path


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    return build_demo_store(tmp_path_factory.mktemp("export") / "demo.duckdb", pipeline)


def _export(path: Path, fmt: str, **options) -> tuple[bytes, object]:
    out = io.BytesIO()
    with duckdb.connect(str(path), read_only=True) as con:
        result = export(con, fmt, out, ExportOptions(**options))
    return out.getvalue(), result


def _read_gdelt(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep="\t", header=None, names=OFFICIAL_GDELT_COLUMNS,
                       quoting=csv.QUOTE_NONE, dtype={c: "string" for c in TEXT_COLUMNS},
                       keep_default_na=False, na_values={c: [""] for c in
                                                         OFFICIAL_GDELT_COLUMNS})


def test_the_gdelt_columns_are_the_official_61() -> None:
    assert tuple(OFFICIAL_GDELT_COLUMNS) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61


def test_gdelt_row_of_a_known_event(known_store: Path) -> None:
    data, result = _export(known_store, "gdelt")
    assert all(line.count("\t") == 60 for line in data.decode().splitlines())
    frame = _read_gdelt(data)
    assert len(frame) == 1 and result.written == 1  # the negated event is left out
    row = frame.iloc[0]
    for column in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
                   "NumMentions", "NumSources", "NumArticles", "ActionGeo_Type", "DATEADDED"):
        assert pd.api.types.is_integer_dtype(frame[column]), column
    for column in ("FractionDate", "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long",
                   "AvgTone"):
        assert pd.api.types.is_float_dtype(frame[column]), column
    assert row.SQLDATE == 20230612 and row.MonthYear == 202306 and row.Year == 2023
    assert row.FractionDate == pytest.approx(2023.4438, abs=1e-4)
    assert (row.Actor1Code, row.Actor1Name, row.Actor1CountryCode, row.Actor1Type1Code) == (
        "DEUGOV", "OLAF SCHOLZ", "DEU", "GOV")
    assert (row.Actor2Code, row.Actor2CountryCode, row.Actor2Type1Code) == ("BRAGOV", "BRA",
                                                                             "GOV")
    assert (row.EventCode, row.EventBaseCode, row.EventRootCode) == ("036", "036", "03")
    assert row.QuadClass == 1 and row.GoldsteinScale == 4.0 and row.IsRootEvent == 1
    assert (row.NumMentions, row.NumSources, row.NumArticles) == (1, 1, 1)
    assert pd.isna(row.AvgTone) and row.Actor1Geo_Type == 0 and pd.isna(row.Actor1Geo_FullName)
    assert (row.ActionGeo_Type, row.ActionGeo_FullName, row.ActionGeo_CountryCode) == (
        4, "Brasilia", "BR")
    assert (row.ActionGeo_Lat, row.ActionGeo_Long) == (-15.79, -47.88)
    assert str(row.DATEADDED).startswith(str(date.today().year))
    assert len(str(row.DATEADDED)) == 14 and row.SOURCEURL == "https://news.example/scholz"
    assert 0 < row.GLOBALEVENTID < 2**63
    again, _ = _export(known_store, "gdelt")
    assert again == data  # stable ids and order


def test_gdelt_options(known_store: Path) -> None:
    with_negated, _ = _export(known_store, "gdelt", include_negated=True)
    assert len(_read_gdelt(with_negated)) == 2
    header, _ = _export(known_store, "gdelt", header=True)
    assert header.decode().splitlines()[0].split("\t") == OFFICIAL_GDELT_COLUMNS
    early, _ = _export(known_store, "gdelt", until=date(2023, 6, 1))
    assert early == b""


def test_gdelt_of_the_demo_store_has_one_row_per_counted_event(demo_store: Path) -> None:
    frame = _read_gdelt(_export(demo_store, "gdelt")[0])
    with duckdb.connect(str(demo_store), read_only=True) as con:
        expected = con.execute("SELECT count(*) FROM events WHERE NOT negated "
                               "AND date IS NOT NULL").fetchall()[0][0]
    assert len(frame) == expected > 20
    assert frame["EventRootCode"].str.len().eq(2).all()
    assert frame["QuadClass"].between(1, 4).all()
    assert frame["GLOBALEVENTID"].is_unique


def test_gdelt_uses_clusters_when_the_store_has_them(demo_store: Path, tmp_path: Path) -> None:
    path = Path(tmp_path / "clustered.duckdb")
    path.write_bytes(demo_store.read_bytes())
    size = add_cluster_of_dyad(path, "DEU", "BRA")
    data, result = _export(path, "gdelt")
    frame = _read_gdelt(data)
    assert len(frame) == 1 and size > 1
    row = frame.iloc[0]
    assert (row.Actor1CountryCode, row.Actor2CountryCode) == ("DEU", "BRA")
    assert (row.NumMentions, row.NumSources, row.NumArticles) == (size + 2, 3, size)
    assert row.SOURCEURL == "https://example.org/story"
    assert sum(result.left_out.values()) > 0  # the events in no cluster are counted


def test_gdelt_with_clusters_adds_negated_events_when_asked(known_store: Path) -> None:
    with duckdb.connect(str(known_store)) as con:
        update = update_clusters(con)
    assert update.clusters == 1  # the meeting; the negated event is never clustered
    plain, left = _export(known_store, "gdelt")
    both, none_left = _export(known_store, "gdelt", include_negated=True)
    assert _read_gdelt(plain)["EventCode"].tolist() == ["036"]
    assert left.left_out == {NOT_CLUSTERED: 1}
    frame = _read_gdelt(both)
    assert sorted(frame["EventCode"]) == ["036", "190"] and none_left.left_out == {}
    negated = frame[frame["EventCode"] == "190"].iloc[0]
    assert (negated.NumMentions, negated.NumSources, negated.NumArticles) == (1, 1, 1)
    assert negated.SQLDATE == 20230612 and negated.Actor1Code == "DEUGOV"
    early, _ = _export(known_store, "gdelt", include_negated=True, until=date(2023, 6, 1))
    assert early == b""


def test_plover_record_of_a_known_event(known_store: Path) -> None:
    data, result = _export(known_store, "plover")
    [record] = [json.loads(line) for line in data.decode().splitlines()]
    assert result.written == 1
    assert record["date"] == "2023-06-12" and record["enddate"] == "2023-06-18"
    assert record["event"] == [load_codebook()["036"].plover_type]
    assert record["source"] == [{"code": "DEU", "sector": "GOV", "identifier_text":
                                 "Olaf Scholz",
                                 "actor_text": "German Chancellor Olaf Scholz"}]
    assert record["recipient"][0]["code"] == "BRA"
    assert record["event_loc"] == {"name": "Brasilia", "latitude": -15.79, "longitude": -47.88,
                                   "country code": "BR", "cc3": "BRA"}
    assert record["quad_code"] == 1 and record["event_scale"] == 4.0
    assert record["event_text"] == ["to meet"] and record["text_info"]["sequence"] == 0
    assert record["cite_info"]["url"] == "https://news.example/scholz"
    assert record["id"] and "link" not in record


def test_plover_of_the_demo_store(demo_store: Path) -> None:
    data, result = _export(demo_store, "plover", include_negated=True)
    records = [json.loads(line) for line in data.decode().splitlines()]
    with duckdb.connect(str(demo_store), read_only=True) as con:
        events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    assert len(records) + sum(result.left_out.values()) == events
    assert len({r["id"] for r in records}) == len(records)
    assert all(r["date"] and isinstance(r["source"], list) and r["event"] for r in records)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_tables_round_trip(demo_store: Path, fmt: str) -> None:
    data, result = _export(demo_store, fmt, table="events")
    if fmt == "csv":
        frame = pd.read_csv(io.BytesIO(data), dtype={"cameo": "string"})
    elif fmt == "parquet":
        frame = pd.read_parquet(io.BytesIO(data))
    else:
        frame = pd.read_json(io.BytesIO(data), lines=True, dtype={"cameo": "string"})
    with duckdb.connect(str(demo_store), read_only=True) as con:
        stored = con.execute("SELECT * FROM events ORDER BY doc_hash, event_id").df()
    assert result.written == len(frame) == len(stored)
    assert list(frame.columns) == list(stored.columns)
    assert sorted(frame["cameo"]) == sorted(stored["cameo"])


def test_documents_as_jsonl_are_the_output_lines(demo_store: Path, pipeline) -> None:
    data, result = _export(demo_store, "jsonl", table="documents")
    lines = [json.loads(line) for line in data.decode().splitlines()]
    assert result.written == len(lines) == 4
    coded = {d.doc_id: d for d in demo_documents()}
    for line in lines:
        assert line == pipeline.annotate(coded[line["doc_id"]]).to_json()


def test_export_command(demo_store: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "events.tsv"
    assert main(["export", "--format", "gdelt", "--db", str(demo_store), "--out",
                 str(out)]) == 0
    assert "records written" in capsys.readouterr().err
    assert len(_read_gdelt(out.read_bytes())) > 20
    parquet = tmp_path / "events.parquet"
    assert main(["export", "--format", "parquet", "--db", str(demo_store), "--out",
                 str(parquet), "--since", "2024-01-01"]) == 0
    assert (pd.read_parquet(parquet)["date"] >= date(2024, 1, 1)).all()
    assert main(["export", "--format", "plover", "--db", str(demo_store)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert json.loads(first)["event"]


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "gdelt", "--db", "missing.duckdb"], "[E040]"),
    (["--format", "parquet", "--db", "{db}"], "[E053]"),
])
def test_export_command_errors(demo_store: Path, args: list[str], message: str,
                               capsys) -> None:
    args = [a.replace("{db}", str(demo_store)) for a in args]
    assert main(["export", *args]) == 2
    assert message in capsys.readouterr().err


# --- GDELT's FractionDate and SOURCEURL ------------------------------------------------------

def _store_of(path: Path, *documents: AnnotatedDocument) -> Path:
    store = EventStore(duckdb.connect(str(path)), "test")
    store.write(list(documents), [])
    store.close()
    return path


def _dated(when: date, **document: Any) -> AnnotatedDocument:
    """The known document with its meeting on another date (and other document fields)."""
    known = known_document()
    meet = dataclasses.replace(known.events[0], date=when, date_end=when,
                               date_precision="day")
    return dataclasses.replace(known, events=(meet,),
                               document=dataclasses.replace(known.document, **document))


@pytest.mark.parametrize(("when", "written"), [
    (date(2021, 3, 23), "2021.2274"),  # as in GDELT's own files: ((3 - 1) * 30 + 23) / 365
    (date(2015, 2, 18), "2015.1315"),
    (date(2019, 1, 1), "2019.0027"),
    (date(2019, 3, 13), "2019.2000"),  # four places always
    (date(2020, 12, 31), "2020.9890"),  # 30-day months and 365-day years, leap or not
])
def test_fraction_date_as_gdelt_writes_it(tmp_path: Path, when: date, written: str) -> None:
    store = _store_of(tmp_path / "s.duckdb", _dated(when))
    data, _ = _export(store, "gdelt")
    [line] = data.decode().splitlines()
    cells = line.split("\t")
    assert cells[GDELT_COLUMNS.index("FractionDate")] == written
    assert cells[GDELT_COLUMNS.index("SQLDATE")] == when.strftime("%Y%m%d")
    assert fraction_date(when) == float(written)


@pytest.mark.parametrize("clustered", [False, True])
@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/scholz", "https://news.example/scholz"),
    (None, "known"),  # the document id, never the file it was read from
])
def test_gdelt_source_url_is_the_article_or_its_id(tmp_path: Path, clustered: bool,
                                                   url: str | None, expected: str) -> None:
    store = _store_of(tmp_path / "s.duckdb", _dated(date(2023, 6, 12), url=url,
                                                    source="/data/in/articles.jsonl",
                                                    line=3))
    if clustered:
        with duckdb.connect(str(store)) as con:
            assert update_clusters(con).clusters == 1
    frame = _read_gdelt(_export(store, "gdelt")[0])
    assert frame["SOURCEURL"].tolist() == [expected]


def test_gdelt_source_url_of_the_clustered_demo_is_never_a_file(demo_store: Path,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "clustered.duckdb"
    path.write_bytes(demo_store.read_bytes())
    with duckdb.connect(str(path)) as con:
        update_clusters(con)
        ids = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
    frame = _read_gdelt(_export(path, "gdelt")[0])
    assert len(frame) > 10 and set(frame["SOURCEURL"]) <= ids  # the demo has no URLs


# --- the explorer's filters ------------------------------------------------------------------

ANKARA = "Turkish troops shelled the SDF near Kobani as Ankara sent envoys to Washington."


def _syria_document() -> AnnotatedDocument:
    """Four events of October 2019 between Turkey, the SDF and the United States."""
    codebook = load_codebook()
    turkey_mil = ActorRef("a1", "TUR", "MIL", "Turkish troops")
    sdf = ActorRef("a2", "SYR", "REB", "SDF")
    turkey_gov = ActorRef("a3", "TUR", "GOV", "Ankara")
    usa = ActorRef("a4", "USA", "GOV", "Washington")
    kobani = Place(0, "Kobani", 0, 6, "Kobani", "SYR", 36.89, 38.35, "city")

    def event(event_id: str, cameo: str, source: ActorRef, target: ActorRef, day: int,
              place: Place | None) -> Event:
        return Event(id=event_id, sentence=0, source=source, target=target,
                     code=codebook[cameo], trigger=Span("x", 0, 1), negated=False,
                     modality="asserted", date=date(2019, 10, day), date_end=None,
                     date_precision="day", date_source="text", location=place,
                     location_source="clause" if place else None, confidence=0.9,
                     rule=f"test-{event_id}")

    actors = (Actor("a1", "Turkish Armed Forces", "group", "TUR", "MIL", (), "TURMIL"),
              Actor("a2", "Syrian Democratic Forces", "group", "SYR", "REB", (), "SDF"),
              Actor("a3", "Turkey", "country", "TUR", "GOV", (), "TUR"),
              Actor("a4", "United States", "country", "USA", "GOV", (), "USA"))
    return AnnotatedDocument(
        document=Document(text=ANKARA, doc_id="syria", url="https://news.example/syria",
                          published=date(2019, 10, 20)),
        sentences=(ANKARA,), actors=actors,
        events=(event("shell", "195", turkey_mil, sdf, 9, kobani),
                event("envoy", "036", turkey_gov, usa, 16, None),
                event("sanction", "163", usa, turkey_gov, 14, None),
                event("accuse", "112", sdf, turkey_mil, 10, kobani)),
        places=(kobani,))


@pytest.fixture
def syria_store(tmp_path: Path) -> Path:
    return _store_of(tmp_path / "syria.duckdb", _syria_document())


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, {"shell", "envoy", "sanction", "accuse"}),
    ({"source": "TUR"}, {"shell", "envoy"}),  # a code's start: TURMIL and TURGOV
    ({"source": "turmil"}, {"shell"}),
    ({"target": "TUR"}, {"sanction", "accuse"}),
    ({"actor": "Syrian Democratic Forces"}, {"shell", "accuse"}),  # a name, either side
    ({"actor": "sdf"}, {"shell", "accuse"}),  # its knowledge-base id
    ({"source": "TUR", "target": "SDF"}, {"shell"}),
    ({"cameo": "19"}, {"shell"}),  # a prefix: every fight
    ({"cameo": "036"}, {"envoy"}),
    ({"plover": "sanction"}, {"sanction"}),
    ({"location": "syr"}, {"shell", "accuse"}),
    ({"since": date(2019, 10, 10), "until": date(2019, 10, 14)}, {"accuse", "sanction"}),
    ({"actor": "USA", "location": "SYR"}, set()),
])
@pytest.mark.parametrize("fmt", ["plover", "gdelt", "csv"])
def test_export_filters(syria_store: Path, fmt: str, filters: dict, expected: set) -> None:
    data, _ = _export(syria_store, fmt, **filters)
    codes = {"195": "shell", "036": "envoy", "163": "sanction", "112": "accuse"}
    if fmt == "plover":
        got = {r["rule"].removeprefix("test-") for r in map(json.loads, data.splitlines())}
    elif fmt == "gdelt":
        got = {codes[c] for c in _read_gdelt(data)["EventCode"]} if data else set()
    else:
        got = set(pd.read_csv(io.BytesIO(data), dtype={"cameo": "string"})["event_id"])
    assert got == expected


def test_filters_choose_clusters_by_their_events(syria_store: Path) -> None:
    with duckdb.connect(str(syria_store)) as con:
        update_clusters(con)
    frame = _read_gdelt(_export(syria_store, "gdelt", source="TUR")[0])
    assert set(frame["EventCode"]) == {"195", "036"}


@pytest.mark.parametrize(("args", "expected"), [
    (["--source", "TUR", "--code", "19"], 1),
    (["--actor", "Syrian Democratic Forces"], 2),
    (["--plover", "assault", "--location", "SYR"], 1),
    (["--target", "TUR", "--since", "2019-10-11"], 1),
])
def test_export_command_filters(syria_store: Path, args: list[str], expected: int,
                                capsys) -> None:
    assert main(["export", "--format", "plover", "--db", str(syria_store), *args]) == 0
    assert len(capsys.readouterr().out.splitlines()) == expected


@pytest.mark.parametrize("args", [
    ["--code", "nineteen"], ["--plover", "FIGHT"], ["--location", "Syria"],
    ["--format", "csv", "--table", "actors", "--source", "TUR"],
])
def test_export_command_refuses_bad_filters(syria_store: Path, args: list[str],
                                            capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "plover", "--db", str(syria_store), *args])
    assert exit_.value.code == 2 and "usage" in capsys.readouterr().err


def test_export_format_has_help() -> None:
    from eventcoder.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    export_parser = commands.choices["export"]
    fmt = next(a for a in export_parser._actions if a.dest == "fmt")
    assert fmt.help and all(name in fmt.help for name in ("gdelt", "plover", "parquet"))
