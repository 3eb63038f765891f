"""Free-text search of /events: the events it finds and its total, checked against the
definition (the words in the event's fields joined by spaces with the document's title, or in
its sentence), whichever way the query is evaluated."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

FIELDS = ("source_text", "target_text", "trigger_text", "cameo_name", "location_name")


def expected(store: Path, q: str, country: str | None = None,
             titles: bool = True) -> set[tuple[str, str]]:
    """The events that the search for `q` should find, computed here in Python (without
    looking at document titles when `titles` is false)."""
    with duckdb.connect(str(store), read_only=True) as con:
        docs = {h: (title, text, json.loads(annotated).get("sentences") or [])
                for h, title, text, annotated in con.execute(
                    "SELECT doc_hash, title, text, annotated FROM documents").fetchall()}
        events = con.execute(f"SELECT doc_hash, event_id, sentence, source_country, "
                             f"target_country, {', '.join(FIELDS)} FROM events").fetchall()
    words = q.lower()
    found = set()
    for doc_hash, event_id, sentence, source, target, *fields in events:
        if doc_hash not in docs or (country and country not in (source, target)):
            continue
        title, text, sentences = docs[doc_hash]
        joined = " ".join(f for f in (*fields, title if titles else None)
                          if f is not None).lower()
        said = (words in (text or "").lower() and 0 <= sentence < len(sentences)
                and words in str(sentences[sentence]).lower())
        if words in joined or said:
            found.add((doc_hash, event_id))
    return found


def searched(client, **params: str) -> tuple[set[tuple[str, str]], int]:
    """Every event a search answers, over all its pages, and the total it reports."""
    found: set[tuple[str, str]] = set()
    totals = set()
    for page in range(1, 50):
        answer = client.get("/events", params={**params, "page": page, "page_size": 7}).json()
        totals.add(answer["total"])
        if not answer["items"]:
            break
        found.update((e["doc_hash"], e["event_id"]) for e in answer["items"])
    assert len(totals) == 1, f"every page reports the same total: {totals}"
    return found, totals.pop()


@pytest.mark.parametrize("q", [
    "amazon",       # one word: looked for in each field
    "AMAZON",       # case does not matter
    "said",         # in sentences more than in the coded fields
    "minister",
    "prime minister",  # words with a space: looked for in the fields joined by spaces
    "zzzqqq",       # nothing
])
def test_search_finds_the_events_its_definition_finds(client, demo_store: Path, q) -> None:
    found, total = searched(client, q=q)
    assert found == expected(demo_store, q)
    assert total == len(found)


def test_search_within_a_filter_counts_what_it_shows(client, demo_store: Path) -> None:
    found, total = searched(client, q="said", country="DEU")
    assert found == expected(demo_store, "said", country="DEU") and total == len(found)
    beyond = client.get("/events", params={"q": "said", "page": 999}).json()
    assert beyond["items"] == [] and beyond["total"] == len(expected(demo_store, "said"))


def test_a_word_across_two_fields_needs_the_space(client, demo_store: Path) -> None:
    """A search with a space can match where one field ends and the next begins; the same
    events are found either way the filter is evaluated."""
    with duckdb.connect(str(demo_store), read_only=True) as con:
        row = con.execute("SELECT trigger_text, cameo_name FROM events WHERE trigger_text "
                          "IS NOT NULL AND cameo_name IS NOT NULL LIMIT 1").fetchall()[0]
    q = f"{row[0].split()[-1]} {row[1].split()[0]}"  # the end of one, the start of the next
    found, total = searched(client, q=q)
    assert found and found == expected(demo_store, q) and total == len(found)


def test_a_word_of_a_title_finds_the_events_of_its_document(client, demo_store: Path) -> None:
    with duckdb.connect(str(demo_store), read_only=True) as con:
        titles = [t for (t,) in con.execute("SELECT title FROM documents WHERE title "
                                            "IS NOT NULL ORDER BY title").fetchall()]
    words = sorted({w.strip(".,:;'\"()").lower() for t in titles for w in t.split()} - {""})
    only_in_titles = [w for w in words
                      if expected(demo_store, w) != expected(demo_store, w, titles=False)]
    assert only_in_titles, "the demo store should have a word that only a title has"
    q = only_in_titles[0]
    found, total = searched(client, q=q)
    assert found == expected(demo_store, q) and total == len(found)
