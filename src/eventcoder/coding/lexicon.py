"""The pattern lexicon: verb and noun patterns mapped to CAMEO codes, loaded from JSON lines."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..ontology import Codebook
from ..resources import data_error, package_file, read_jsonl, read_tsv

PATTERN_FIELDS = frozenset(
    {"id", "lemma", "noun", "code", "particle", "object", "prep", "pobj", "intent",
     "passive_source"}
)
CODE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True)
class Pattern:
    """One rule: a verb or noun, optional constraints, and the code it gives."""

    id: str
    word: str  # verb lemma or noun lemma
    is_noun: bool
    code: str
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    prep: str | None = None
    pobjs: frozenset[str] = frozenset()
    intent: str | None = None
    passive_source: bool = False  # "the army was put on alert": the passive subject acts

    @property
    def specificity(self) -> int:
        """How many constraints the pattern has; the most specific match wins."""
        return sum(
            (self.particle is not None, bool(self.objects), self.prep is not None, bool(self.pobjs))
        )


COMPLEMENT_ROLES = frozenset(
    {"intent", "appeal", "demand", "reject", "threaten", "fail", "speech", "purpose", "accuse"})
DERIVED_ROLES = frozenset({"intent", "threat", "appeal", "demand", "refusal", "accusation"})


@dataclass(frozen=True)
class Lexicon:
    """Patterns indexed by verb and noun lemma; complement-taking verbs; derived codes."""

    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    roles: dict[str, str] = field(default_factory=dict)  # lemma -> complement role
    derived: dict[str, dict[str, str]] = field(default_factory=dict)  # role -> prefix -> code

    def __len__(self) -> int:
        return sum(len(p) for p in self.verbs.values()) + sum(len(p) for p in self.nouns.values())

    def words_with_role(self, role: str) -> frozenset[str]:
        """The lemmas whose complements take a role ('speech' verbs, say)."""
        return self._words_by_role.get(role, frozenset())

    @cached_property
    def _words_by_role(self) -> dict[str, frozenset[str]]:
        # Asked for each predicate of each document: grouped once per lexicon.
        grouped: dict[str, set[str]] = defaultdict(set)
        for word, role in self.roles.items():
            grouped[role].add(word)
        return {role: frozenset(words) for role, words in grouped.items()}

    def derive(self, role: str, code: str) -> str | None:
        """The code of a deed stated with a role ('threat' of 163 is 1312), if CAMEO has one."""
        table = self.derived.get(role, {})
        for length in range(len(code), 1, -1):
            if code[:length] in table:
                return table[code[:length]]
        return None


def _lemmas(path: Path, line: int, obj: dict[str, Any], key: str) -> frozenset[str]:
    value = obj.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise data_error(path, line, f"{key!r} must be a list of words")
    return frozenset(v.lower() for v in value)


def _pattern(path: Path, line: int, obj: dict[str, Any], codebook: Codebook) -> Pattern:
    unknown = set(obj) - PATTERN_FIELDS
    if unknown:
        raise data_error(path, line, f"unknown fields {sorted(unknown)}")
    if ("lemma" in obj) == ("noun" in obj):
        raise data_error(path, line, "a pattern needs exactly one of 'lemma' and 'noun'")
    for key in ("code", "intent"):
        code = obj.get(key)
        required = key == "code" or code is not None
        if required and (not isinstance(code, str) or not CODE.match(code) or code not in codebook):
            raise data_error(path, line, f"{key} {code!r} is not a CAMEO code")
    if obj.get("intent") and not obj["intent"].startswith("03"):
        raise data_error(path, line, "an intent code must be a 03x code")
    if obj.get("pobj") and not obj.get("prep"):
        raise data_error(path, line, "'pobj' needs 'prep'")
    word = obj.get("lemma") or obj.get("noun")
    if not isinstance(word, str) or not word or not isinstance(obj.get("id"), str):
        raise data_error(path, line, "'id' and the word must be non-empty strings")
    return Pattern(
        id=obj["id"],
        word=word.lower(),
        is_noun="noun" in obj,
        code=obj["code"],
        particle=obj.get("particle"),
        objects=_lemmas(path, line, obj, "object"),
        prep=obj.get("prep"),
        pobjs=_lemmas(path, line, obj, "pobj"),
        intent=obj.get("intent"),
        passive_source=obj.get("passive_source") is True,
    )


def read_roles(path: Path) -> dict[str, str]:
    """Complement-taking verbs and adjectives with their roles."""
    roles = {}
    for line, row in read_tsv(path, ("lemma", "role")):
        if row["role"] not in COMPLEMENT_ROLES:
            raise data_error(path, line, f"unknown role {row['role']!r}")
        roles[row["lemma"].lower()] = row["role"]
    return roles


def read_derived(path: Path, codebook: Codebook) -> dict[str, dict[str, str]]:
    """Derived codes by role and code prefix, checked against the codebook."""
    derived: dict[str, dict[str, str]] = {}
    for line, row in read_tsv(path, ("role", "prefix", "code")):
        if row["role"] not in DERIVED_ROLES:
            raise data_error(path, line, f"unknown role {row['role']!r}")
        if row["code"] not in codebook:
            raise data_error(path, line, f"{row['code']!r} is not a CAMEO code")
        derived.setdefault(row["role"], {})[row["prefix"]] = row["code"]
    return derived


def read_lexicon(paths: list[Path], codebook: Codebook) -> Lexicon:
    """Read and validate pattern files; later files add to earlier ones."""
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    seen: dict[str, tuple[Path, int]] = {}
    for path in paths:
        for line, obj in read_jsonl(path):
            pattern = _pattern(path, line, obj, codebook)
            if pattern.id in seen:
                first = seen[pattern.id]
                raise data_error(path, line, f"id {pattern.id!r} already used at {first}")
            seen[pattern.id] = (path, line)
            (nouns if pattern.is_noun else verbs)[pattern.word].append(pattern)

    def ranked(index: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
        # Most specific first; among equals, file order.
        return {w: tuple(sorted(p, key=lambda x: -x.specificity)) for w, p in index.items()}

    return Lexicon(ranked(verbs), ranked(nouns))


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """The verbs of saying ('said', 'told', 'added'), from the packaged complement roles."""
    roles = read_roles(package_file("coding", "complement_verbs.tsv"))
    return frozenset(w for w, role in roles.items() if role == "speech")


@lru_cache(maxsize=1)
def load_lexicon(codebook: Codebook) -> Lexicon:
    """The packaged pattern lexicon with its complement roles, read once per process."""
    lexicon = read_lexicon([package_file("coding", "verb_patterns.jsonl")], codebook)
    return Lexicon(lexicon.verbs, lexicon.nouns,
                   read_roles(package_file("coding", "complement_verbs.tsv")),
                   read_derived(package_file("coding", "derived_codes.tsv"), codebook))
