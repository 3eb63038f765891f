"""`eventcoder serve`: its configuration and its errors (serving itself is tested in
tests/web, against a real server)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from eventcoder.cli import build_parser, main
from eventcoder.cli.serve import config_from


def test_defaults_are_local_and_read_only(tmp_path: Path) -> None:
    args = build_parser().parse_args(["serve", "--db", str(tmp_path / "s.duckdb")])
    config = config_from(args)
    assert args.host == "127.0.0.1" and args.port == 8000
    assert config.allow_annotate is False and config.cors_origins == ()
    assert "127.0.0.1" in config.allowed_hosts and "*" not in config.allowed_hosts


def test_options(tmp_path: Path) -> None:
    args = build_parser().parse_args([
        "serve", "--db", "x.duckdb", "--host", "0.0.0.0", "--allow-annotate", "--cors",
        "http://localhost:3000", "--cors", "http://example.org", "--max-page-size", "20"])
    config = config_from(args)
    assert config.allowed_hosts == ("*",) and config.allow_annotate
    assert config.cors_origins == ("http://localhost:3000", "http://example.org")
    assert config.max_page_size == 20


def test_a_missing_store_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["serve", "--db", str(tmp_path / "absent.duckdb")]) == 2
    assert "[E040]" in capsys.readouterr().err


def test_a_file_that_is_not_a_store(tmp_path: Path, capsys) -> None:
    with duckdb.connect(str(tmp_path / "other.duckdb")) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    assert main(["serve", "--db", str(tmp_path / "other.duckdb")]) == 2
    assert "[E042]" in capsys.readouterr().err


def test_an_empty_store_is_served(make_client, tmp_path: Path) -> None:
    from eventcoder.store import EventStore

    EventStore.open(tmp_path / "empty.duckdb", "test").close()
    client = make_client(tmp_path / "empty.duckdb")
    assert client.get("/events").json()["total"] == 0
    assert client.get("/aggregate").json()["rows"] == []
    facets = client.get("/facets").json()
    assert facets["countries"] == [] and facets["date_min"] is None
    assert client.get("/actors").json()["items"] == []
