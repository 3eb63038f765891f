"""A user's own actor file (YAML): people, organisations, sector words and country names that
add to or override the packaged knowledge base.

    people:
      - {name: Jane Wanjiru, aliases: [Wanjiru], country: KEN, sector: GOV,
         office: governor, start: 2022-08-25, end: null}
    organisations:
      - {code: NUT, name: Nigerian Union of Teachers, aliases: [NUT], country: NGA, sector: LAB}
    sectors:
      - {phrase: zealots, sector: RAD, kind: group}
    countries:
      - {iso3: GBR, aliases: [Blighty], demonyms: [Brit, Brits], seats: {No. 10: GOV}}

A person or organisation named in the file replaces the packaged entry of that name or code;
country entries add names to a packaged country.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..resources import data_error
from .kb import (
    SECTOR_COLUMNS,
    KnowledgeBase,
    Term,
    add_organisation,
    add_person_term,
    add_sector_word,
    check_sector,
    read_knowledge_base,
)

SECTIONS = frozenset({"people", "organisations", "sectors", "countries"})


def _cell(value: Any) -> str:
    """A YAML value as the text of a data-file cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _entries(path: Path) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """The sections of the file, each entry with its line number."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise data_error(path, 1, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise data_error(path, mark.line + 1 if mark else 1, f"not valid YAML: {exc}") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise data_error(path, root.start_mark.line + 1, "expected sections: people, ...")
    sections: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in SECTIONS:
            raise data_error(path, key_node.start_mark.line + 1,
                             f"unknown section {key!r}; expected one of {sorted(SECTIONS)}")
        if not isinstance(value_node, yaml.SequenceNode):
            raise data_error(path, value_node.start_mark.line + 1, f"{key} must be a list")
        items = []
        for item in value_node.value:
            entry = yaml.safe_load(yaml.serialize(item))
            if not isinstance(entry, dict):
                raise data_error(path, item.start_mark.line + 1, "each entry must be a mapping")
            items.append((item.start_mark.line + 1, entry))
        sections[key] = items
    return sections


def _row(path: Path, line: int, entry: dict[str, Any], columns: tuple[str, ...],
         optional: tuple[str, ...] = ()) -> dict[str, str]:
    missing = [c for c in columns if c not in entry and c not in optional]
    if missing:
        raise data_error(path, line, f"missing {missing}")
    unknown = set(entry) - set(columns) - set(optional)
    if unknown:
        raise data_error(path, line, f"unknown fields {sorted(unknown)}")
    return {c: _cell(entry.get(c)) for c in (*columns, *optional)}


def apply_user_file(kb: KnowledgeBase, path: Path) -> None:
    """Add the entries of a user's YAML actor file to the knowledge base."""
    sections = _entries(path)
    replaced: set[str] = set()
    for line, entry in sections.get("people", []):
        row = _row(path, line, entry, ("name", "country", "sector", "office", "start"),
                   ("aliases", "end"))
        if row["name"] in kb.offices and row["name"] not in replaced:
            del kb.offices[row["name"]]  # the user's terms of office replace ours
        replaced.add(row["name"])
        add_person_term(kb, path, line, row)
    for line, entry in sections.get("organisations", []):
        add_organisation(kb, path, line, _row(path, line, entry, ("code", "name", "sector"),
                                              ("aliases", "country")))
    for line, entry in sections.get("sectors", []):
        add_sector_word(kb, path, line, _row(path, line, entry, SECTOR_COLUMNS), replace=True)
    for line, entry in sections.get("countries", []):
        _add_country_names(kb, path, line, entry)


def _add_country_names(kb: KnowledgeBase, path: Path, line: int, entry: dict[str, Any]) -> None:
    iso3 = entry.get("iso3")
    if iso3 not in kb.countries:
        raise data_error(path, line, f"unknown country {iso3!r}")
    unknown = set(entry) - {"iso3", "aliases", "demonyms", "seats"}
    if unknown:
        raise data_error(path, line, f"unknown fields {sorted(unknown)}")
    for name in entry.get("aliases") or []:
        kb.terms.append(Term(str(name), "country", iso3))
        kb.country_names[str(name)] = iso3
    for name in entry.get("demonyms") or []:
        kb.terms.append(Term(str(name), "demonym", iso3))
    seats = entry.get("seats") or {}
    if not isinstance(seats, dict):
        raise data_error(path, line, "seats must map a name to a sector, e.g. {Kremlin: GOV}")
    for name, sector in seats.items():
        kb.terms.append(Term(str(name), "seat", iso3, check_sector(path, line, str(sector))))


@lru_cache(maxsize=4)
def load_knowledge_base(user_file: Path | None = None) -> KnowledgeBase:
    """The packaged knowledge base with a user's additions, read once per process."""
    kb = read_knowledge_base()
    if user_file is not None:
        apply_user_file(kb, user_file)
    return kb
