"""The PETRARCH2 verb dictionary converter, on a small sample of the format."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).parent / "data" / "cameo_sample.txt"
CODES = frozenset({"010", "030", "042", "043", "070", "073", "154", "160", "173", "190", "194"})


def _converter() -> Any:
    spec = importlib.util.spec_from_file_location("petrarch_verbs",
                                                  ROOT / "tools" / "petrarch_verbs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["petrarch_verbs"] = module
    spec.loader.exec_module(module)
    return module


pv = _converter()


def fake_lemmas(word: str, pos: str) -> set[str]:
    """Plural nouns lose their 's'; '-ed' verbs their '-ed': enough for the sample."""
    if pos == "NOUN" and word.endswith("s"):
        return {word[:-1]}
    if pos == "VERB" and word.endswith("ed"):
        return {word[:-2]}
    return {word}


def _convert(**options: object) -> tuple[list[dict[str, object]], Counter[str]]:
    counts: Counter[str] = Counter()
    return pv.convert(SAMPLE, CODES, fake_lemmas, counts, **options), counts


def _short(entry: dict[str, object]) -> tuple[object, ...]:
    return (entry["lemma"], entry.get("particle"), tuple(entry.get("object", ())),  # type: ignore[arg-type]
            entry.get("prep"), tuple(entry.get("pobj", ())), entry["code"])  # type: ignore[arg-type]


def test_sample_entries() -> None:
    entries, _ = _convert()
    assert [_short(e) for e in entries] == [
        ("rush", None, (), "to", (), "042"),
        ("rush", None, ("aid",), None, (), "070"),
        ("rush", None, ("gun", "launcher"), None, (), "194"),
        ("hurry", None, ("troop", "troops"), "to", ("border",), "154"),
        ("hurry", None, ("attack",), None, (), "---"),
        ("shell", None, (), None, (), "190"),
        ("shell", "out", ("view", "views"), None, (), "010"),
        ("shell", "aside", ("rift",), None, (), "030"),
        ("call", "off", (), None, (), "160"),
    ]


def test_provenance_and_ids() -> None:
    entries, _ = _convert()
    first = entries[0]
    assert first["id"] == "p2-rush-16"
    assert first["from"] == ("cameo_sample.txt:16 - * (TO)                                "
                             "              [042:043]     # RUSH")
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == len(ids) and all(str(i).startswith("p2-") for i in ids)


def test_skips_are_counted_by_reason() -> None:
    _, counts = _convert()
    assert counts["pattern: words before the verb (subject constraint)"] == 1
    assert counts["pattern: code only for the other direction ([:x])"] == 1
    assert counts["pattern: source actor after the verb"] == 1
    assert counts["verb: code not in our codebook"] == 1  # +SET_UP [999]
    assert counts["verb: multi-word verb with words before the verb"] == 1  # WIRE_+TAP
    assert counts["pattern for a verb: modifiers would be dropped"] == 1  # {RELIEF SUPPLIES}


@pytest.mark.parametrize(("scope", "trimmed", "hurry_patterns"), [
    ("origin", False, 2),
    ("group", False, 5),  # the four RUSH patterns and the two HURRY ones, the bare 'to' once
    ("group", True, 6),
])
def test_scope_and_trimmed(scope: str, trimmed: bool, hurry_patterns: int) -> None:
    entries, _ = _convert(scope=scope, trimmed=trimmed)
    assert sum(1 for e in entries if e["lemma"] == "hurry") == hurry_patterns


def test_synsets_expand_to_heads() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert pv.read_synsets(lines, fake_lemmas) == {
        "&WEAPON": frozenset({"gun", "launcher"}),
        "&MILITARY": frozenset({"troop", "troops", "force", "forces"}),
    }


@pytest.mark.parametrize(("word", "lemma"), [
    ("press", "press"), ("bring", "bring"), ("angered", "anger")])
def test_verb_lemmas_keep_base_forms(word: str, lemma: str) -> None:
    assert pv.verb_lemma(word, fake_lemmas) == lemma


def test_main_writes_credit_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pv, "spacy_lemmatizer", lambda: fake_lemmas)
    monkeypatch.setattr(pv, "codebook_codes", lambda: CODES)
    out = tmp_path / "out.jsonl"
    assert pv.main([str(SAMPLE), "-o", str(out)]) == 0
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert "Open Event Data Alliance, MIT licence" in first
