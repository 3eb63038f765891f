"""The converted PETRARCH2 patterns: loading, validation with file and line, precedence."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from eventcoder.coding.arguments import best_pattern
from eventcoder.coding.lexicon import (
    Overrides,
    Pattern,
    combine,
    load_lexicon,
    read_overrides,
    read_patterns,
)
from eventcoder.coding.predicates import Predicate
from eventcoder.errors import DataFileError
from eventcoder.ontology import load_codebook
from eventcoder.resources import package_file

CODEBOOK = load_codebook()


def _write(tmp_path: Path, name: str, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / name
    lines = [json.dumps({"_comment": "test"})] + [json.dumps(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _p(ident: str, word: str, code: str, **kw: object) -> Pattern:
    return Pattern(id=ident, word=word, is_noun=False, code=code, **kw)  # type: ignore[arg-type]


def test_packaged_file_loads_with_provenance() -> None:
    patterns = read_patterns(package_file("coding", "petrarch_patterns.jsonl"), CODEBOOK)
    assert len(patterns) > 1000
    assert all(p.id.startswith("p2-") and p.origin.startswith("CAMEO.2.0.txt:")
               for p in patterns)


def test_packaged_lexicon_has_both() -> None:
    lexicon = load_lexicon(CODEBOOK)
    ids = {p.id for ps in lexicon.verbs.values() for p in ps}
    assert any(i.startswith("p2-") for i in ids) and "deny" in ids


@pytest.mark.parametrize(("row", "reason"), [
    ({"id": "x", "lemma": "rush", "code": "999", "from": "f:1"}, "is not a CAMEO code"),
    ({"id": "x", "lemma": "rush", "code": "190", "from": 3}, "'from' must be a string"),
    ({"id": "x", "lemma": "rush", "code": "---", "intent": "---"}, "is not a CAMEO code"),
])
def test_validation_names_file_and_line(tmp_path: Path, row: dict[str, object],
                                        reason: str) -> None:
    path = _write(tmp_path, "p.jsonl", [{"id": "ok", "lemma": "rush", "code": "---"}, row])
    with pytest.raises(DataFileError, match=rf"p\.jsonl.*3.*{reason}"):
        read_patterns(path, CODEBOOK)


def test_ids_unique_across_files(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.jsonl", [{"id": "same", "lemma": "rush", "code": "190"}])
    second = _write(tmp_path, "b.jsonl", [{"id": "same", "lemma": "hurry", "code": "190"}])
    seen: dict[str, tuple[Path, int]] = {}
    read_patterns(first, CODEBOOK, seen)
    with pytest.raises(DataFileError, match=r"b\.jsonl.*2.*already used"):
        read_patterns(second, CODEBOOK, seen)


@pytest.mark.parametrize(("text", "reason"), [
    ("target\taction\treason\nrush\tforbid\twhy\n", "unknown action"),
    ("target\taction\treason\nrush\tno-bare\t\n", "a reason"),
    ("target\taction\treason\ncode:1x\tno-bare\twhy\n", "'code:' takes digits"),
    ("target\taction\treason\nline:12\tno-bare\twhy\n", "'line:' takes a line number"),
])
def test_override_errors_name_file_and_line(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "o.tsv"
    path.write_text("# comment\n" + text, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"o\.tsv.*3.*{reason}"):
        read_overrides(path)


def test_packaged_overrides_name_the_rarely_political_verbs() -> None:
    overrides = read_overrides(package_file("coding", "petrarch_overrides.tsv"))
    assert {"strike", "deny", "arm", "fire", "receive", "warn", "charge",
            "engage"} <= overrides.no_bare


HAND = [_p("deny", "deny", "016"),
        _p("deny-accusation", "deny", "016", objects=frozenset({"accusation", "charge"}))]
CONVERTED = [
    _p("p2-deny-1", "deny", "120"),  # bare code of a verb we wrote: ours wins
    _p("p2-deny-2", "deny", "016", objects=frozenset({"charge"})),  # same constraint: ours
    _p("p2-deny-3", "deny", "---", objects=frozenset({"entry", "visa"})),  # no event: kept
    _p("p2-shell-4", "shell", "190"),  # a verb we do not know: bare code kept
    _p("p2-bill-5", "bill", "170"),  # bare code of a no-bare code prefix: dropped
    _p("p2-bill-6", "bill", "172", objects=frozenset({"fine"})),  # its pattern stays
    _p("p2-slay-7", "slay", "190"),  # reviewed as reliably political: kept
    _p("p2-come-8", "come", "040", prep="to", origin="CAMEO.2.0.txt:8 - * (TO) [040]"),
]
OVERRIDES = Overrides(no_bare_codes=("17", "19"), bare=frozenset({"slay"}),
                      dropped=frozenset({"line:8"}))


def test_precedence_and_overrides() -> None:
    lexicon = combine(HAND, CONVERTED, OVERRIDES)
    assert {p.id for ps in lexicon.verbs.values() for p in ps} == {
        "deny", "deny-accusation", "p2-deny-3", "p2-bill-6", "p2-slay-7"}


def test_without_overrides_bare_codes_of_new_verbs_apply() -> None:
    lexicon = combine(HAND, CONVERTED, None)
    assert {p.id for p in lexicon.verbs["bill"]} == {"p2-bill-5", "p2-bill-6"}
    assert {p.id for p in lexicon.verbs["shell"]} == {"p2-shell-4"}


def test_hand_written_first_among_equals() -> None:
    lexicon = combine([_p("mine", "shell", "190", prep="on")],
                      [_p("p2-shell-9", "shell", "---", prep="at"),
                       _p("p2-shell-10", "shell", "195", prep="at")], None)
    assert [p.id for p in lexicon.verbs["shell"]] == ["mine", "p2-shell-9"]


@pytest.mark.parametrize(("patterns", "chosen"), [
    ([_p("bare", "avert", "190"), _p("none", "avert", "---", particle="off")], None),
    ([_p("bare", "avert", "190"), _p("none", "avert", "---", particle="up")], "bare"),
])
def test_a_no_event_pattern_wins_and_gives_nothing(patterns: list[Pattern],
                                                   chosen: str | None) -> None:
    pred = cast(Predicate, SimpleNamespace(particle="off", objects=(), preps=()))
    best = best_pattern(tuple(patterns), pred)
    assert (best.id if best else None) == chosen
