"""The pattern lexicon: verb and noun patterns mapped to CAMEO codes, loaded from JSON lines."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..ontology import Codebook
from ..resources import data_error, package_file, read_jsonl, read_tsv

PATTERN_FIELDS = frozenset(
    {"id", "lemma", "noun", "code", "particle", "object", "prep", "pobj", "intent",
     "passive_source", "from"}
)
CODE = re.compile(r"^\d{2,4}$")
NULL_CODE = "---"  # a pattern that gives no event: it overrides the less specific ones
OVERRIDE_ACTIONS = frozenset({"no-bare", "bare", "drop"})
# Development switch for measuring the converted PETRARCH2 patterns: 'off' reads only the
# hand-written lexicon, 'raw' reads the converted patterns without petrarch_overrides.tsv.
PETRARCH_ENV = "EVENTCODER_PETRARCH"


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
    origin: str = ""  # where a converted pattern comes from: file, line and text

    @property
    def is_null(self) -> bool:
        """A pattern that says 'no event' ('avert an attack')."""
        return self.code == NULL_CODE

    @property
    def specificity(self) -> int:
        """How many constraints the pattern has; the most specific match wins."""
        return sum(
            (self.particle is not None, bool(self.objects), self.prep is not None, bool(self.pobjs))
        )


COMPLEMENT_ROLES = frozenset(
    {"intent", "appeal", "demand", "reject", "threaten", "fail", "speech", "purpose", "accuse",
     "willing", "stance", "document"})
DERIVED_ROLES = frozenset({"intent", "threat", "appeal", "demand", "refusal", "accusation",
                           "fight", "assault", "announced"})


@dataclass(frozen=True)
class Lexicon:
    """Patterns indexed by verb and noun lemma; complement-taking verbs; derived codes."""

    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    roles: dict[str, str] = field(default_factory=dict)  # lemma -> complement role
    derived: dict[str, dict[str, str]] = field(default_factory=dict)  # role -> prefix -> code
    forces: dict[str, str] = field(default_factory=dict)  # actor sector -> 'state' or 'armed'
    no_deeds: frozenset[str] = frozenset()  # verbs whose future is no announced deed
    weapons: dict[str, str] = field(default_factory=dict)  # things that kill -> their force
    light_verbs: frozenset[str] = frozenset()  # "launched [an offensive]": the noun's event
    delivery_verbs: frozenset[str] = frozenset()  # "sent [a demand] to": to whom it goes
    command_verbs: frozenset[str] = frozenset()  # "ordered [its troops] to": their deed

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
        if key == "code" and code == NULL_CODE:
            continue
        if required and (not isinstance(code, str) or not CODE.match(code) or code not in codebook):
            raise data_error(path, line, f"{key} {code!r} is not a CAMEO code")
    if obj.get("intent") and not obj["intent"].startswith("03"):
        raise data_error(path, line, "an intent code must be a 03x code")
    if obj.get("pobj") and not obj.get("prep"):
        raise data_error(path, line, "'pobj' needs 'prep'")
    if not isinstance(obj.get("from", ""), str):
        raise data_error(path, line, "'from' must be a string")
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
        origin=obj.get("from", ""),
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


def _read_forces(path: Path, key: str, allowed: frozenset[str], *,
                 lower: bool = False) -> dict[str, str]:
    """A key column and its force, one of `allowed`, checked with the file and line."""
    forces = {}
    for line, row in read_tsv(path, (key, "force")):
        if row["force"] not in allowed:
            raise data_error(path, line, f"unknown force {row['force']!r}")
        forces[row[key].lower() if lower else row[key]] = row["force"]
    return forces


def read_forces(path: Path) -> dict[str, str]:
    """The sectors that use force as a state or as an armed group (the rest are civilian)."""
    return _read_forces(path, "sector", frozenset({"state", "armed"}))


def read_weapons(path: Path) -> dict[str, str]:
    """Weapons that kill with nobody named, each with the force that uses it ('' if either)."""
    return _read_forces(path, "lemma", frozenset({"", "state", "armed"}), lower=True)


def read_lemmas(path: Path) -> frozenset[str]:
    """A one-column list of lemmas."""
    return frozenset(row["lemma"].lower() for _, row in read_tsv(path, ("lemma",)))


def read_patterns(path: Path, codebook: Codebook,
                  seen: dict[str, tuple[Path, int]] | None = None) -> list[Pattern]:
    """The validated patterns of one file, in file order; ids unique across the files `seen`."""
    seen = {} if seen is None else seen
    patterns = []
    for line, obj in read_jsonl(path):
        pattern = _pattern(path, line, obj, codebook)
        if pattern.id in seen:
            first = seen[pattern.id]
            raise data_error(path, line, f"id {pattern.id!r} already used at {first}")
        seen[pattern.id] = (path, line)
        patterns.append(pattern)
    return patterns


def _index(patterns: Iterable[Pattern]) -> Lexicon:
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    for pattern in patterns:
        (nouns if pattern.is_noun else verbs)[pattern.word].append(pattern)

    def ranked(index: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
        # Most specific first; among equals, file order (hand-written files come first).
        return {w: tuple(sorted(p, key=lambda x: -x.specificity)) for w, p in index.items()}

    return Lexicon(ranked(verbs), ranked(nouns))


def read_lexicon(paths: list[Path], codebook: Codebook) -> Lexicon:
    """Read and validate pattern files; later files add to earlier ones."""
    seen: dict[str, tuple[Path, int]] = {}
    return _index([p for path in paths for p in read_patterns(path, codebook, seen)])


@dataclass(frozen=True)
class Overrides:
    """Reviewed limits on converted patterns: lemmas whose bare code is not used (rarely
    political alone: 'strike', 'deny'), lemmas dropped altogether, and code prefixes whose
    bare verbs are not used."""

    no_bare: frozenset[str] = frozenset()
    no_bare_codes: tuple[str, ...] = ()
    dropped: frozenset[str] = frozenset()  # lemmas, or 'line:N' for one source line
    bare: frozenset[str] = frozenset()  # reliably political alone, whatever their code


def read_overrides(path: Path) -> Overrides:
    """The overrides file: target (a lemma, 'code:PREFIX' or 'line:N'), action, reason."""
    no_bare: set[str] = set()
    codes: list[str] = []
    dropped: set[str] = set()
    bare: set[str] = set()
    for line, row in read_tsv(path, ("target", "action", "reason")):
        target, action = row["target"].lower(), row["action"]
        if action not in OVERRIDE_ACTIONS:
            raise data_error(path, line, f"unknown action {action!r}")
        if not row["reason"] or not target:
            raise data_error(path, line, "a target and a reason are required")
        if target.startswith("code:"):
            if action != "no-bare" or not target[5:].isdigit():
                raise data_error(path, line, "'code:' takes digits and the action 'no-bare'")
            codes.append(target[5:])
        elif target.startswith("line:") and (action != "drop" or not target[5:].isdigit()):
            raise data_error(path, line, "'line:' takes a line number and the action 'drop'")
        else:
            {"no-bare": no_bare, "bare": bare, "drop": dropped}[action].add(target)
    return Overrides(frozenset(no_bare), tuple(codes), frozenset(dropped), frozenset(bare))


def _constrained(pattern: Pattern, overrides: Overrides) -> bool:
    """Whether the overrides let a converted pattern through."""
    if pattern.word in overrides.dropped or _source_line(pattern) in overrides.dropped:
        return False
    if pattern.specificity == 0 and not pattern.is_null:
        if pattern.word in overrides.no_bare:
            return False
        return pattern.word in overrides.bare or not pattern.code.startswith(
            overrides.no_bare_codes)
    return True


def _source_line(pattern: Pattern) -> str:
    """'line:N' of a converted pattern's origin ('CAMEO.2.0.txt:5154 - * (TO) ...')."""
    location = pattern.origin.split(" ", 1)[0]
    return "line:" + location.rsplit(":", 1)[-1] if ":" in location else ""


def _beside(pattern: Pattern, hand: tuple[Pattern, ...]) -> Pattern | None:
    """A converted pattern less what hand-written patterns of its word already say (they
    win): None when nothing is left. A converted bare code never applies to a verb we wrote
    patterns for: its authors chose that verb's bare sense."""
    if not hand:
        return pattern
    if not pattern.is_null:
        return None  # measured: converted senses of our verbs cost more than they add
    if pattern.specificity == 0:
        return None
    objects, pobjs = pattern.objects, pattern.pobjs
    for mine in hand:
        if (mine.particle, mine.prep) != (pattern.particle, pattern.prep):
            continue
        same_pobjs = mine.pobjs == pobjs or bool(mine.pobjs & pobjs)
        if objects and mine.objects & objects and (same_pobjs or not (mine.pobjs or pobjs)):
            objects = objects - mine.objects
            if not objects:
                return None
        elif not objects and not mine.objects:
            if not pobjs and not mine.pobjs:
                return None
            if pobjs & mine.pobjs:
                pobjs = pobjs - mine.pobjs
                if not pobjs:
                    return None
    return replace(pattern, objects=objects, pobjs=pobjs)


def combine(hand: list[Pattern], converted: list[Pattern],
            overrides: Overrides | None) -> Lexicon:
    """Hand-written patterns, then the converted ones that fill gaps, the overrides applied;
    ids must be unique across both."""
    by_word: dict[tuple[bool, str], list[Pattern]] = defaultdict(list)
    for pattern in hand:
        by_word[pattern.is_noun, pattern.word].append(pattern)
    kept: list[Pattern] = []
    for pattern in converted:
        if overrides is not None and not _constrained(pattern, overrides):
            continue
        left = _beside(pattern, tuple(by_word.get((pattern.is_noun, pattern.word), ())))
        if left is not None:
            kept.append(left)
    return _index([*hand, *kept])


@cache
def words_with_packaged_role(role: str) -> frozenset[str]:
    """The words of one role of the packaged complement roles (coding/data/
    complement_verbs.tsv), for code that has no lexicon at hand."""
    roles = read_roles(package_file("coding", "complement_verbs.tsv"))
    return frozenset(w for w, found in roles.items() if found == role)


def speech_verbs() -> frozenset[str]:
    """The verbs of saying ('said', 'told', 'added')."""
    return words_with_packaged_role("speech")


@lru_cache(maxsize=1)
def putting_verbs() -> frozenset[str]:
    """The verbs that put forward a plan or a text (coding/data/putting_verbs.tsv)."""
    return read_lemmas(package_file("coding", "putting_verbs.tsv"))


def document_nouns() -> frozenset[str]:
    """The nouns of texts that say what their participle says ('a resolution calling on')."""
    return words_with_packaged_role("document")


@lru_cache(maxsize=1)
def load_lexicon(codebook: Codebook) -> Lexicon:
    """The packaged pattern lexicon with its complement roles, read once per process."""
    mode = os.environ.get(PETRARCH_ENV, "on")
    paths = [package_file("coding", "verb_patterns.jsonl")]
    if mode != "off":
        paths.append(package_file("coding", "petrarch_patterns.jsonl"))
    seen: dict[str, tuple[Path, int]] = {}
    groups = [read_patterns(path, codebook, seen) for path in paths]
    overrides = None if mode == "raw" else read_overrides(
        package_file("coding", "petrarch_overrides.tsv"))
    lexicon = combine(groups[0], groups[1] if len(groups) > 1 else [], overrides)
    return Lexicon(lexicon.verbs, lexicon.nouns,
                   read_roles(package_file("coding", "complement_verbs.tsv")),
                   read_derived(package_file("coding", "derived_codes.tsv"), codebook),
                   read_forces(package_file("coding", "force_sectors.tsv")),
                   read_lemmas(package_file("coding", "no_deed_verbs.tsv")),
                   read_weapons(package_file("coding", "weapon_nouns.tsv")),
                   read_lemmas(package_file("coding", "light_verbs.tsv")),
                   read_lemmas(package_file("coding", "delivery_verbs.tsv")),
                   read_lemmas(package_file("coding", "command_verbs.tsv")))
