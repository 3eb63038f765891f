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
from typing import Any, ClassVar

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
MAX_FILE_BYTES = 50_000_000
MAX_DEPTH = 16  # an actor file nests four levels; deeper is a slip or an attack
TEXT, NAMES, DATE, SEATS = "text", "names", "date", "seats"
# Every field of every section and the kind of value it takes; `REQUIRED` fields must be given.
FIELDS: dict[str, dict[str, str]] = {
    "people": {"name": TEXT, "country": TEXT, "sector": TEXT, "office": TEXT, "start": DATE,
               "aliases": NAMES, "end": DATE},
    "organisations": {"code": TEXT, "name": TEXT, "sector": TEXT, "aliases": NAMES,
                      "country": TEXT},
    "sectors": dict.fromkeys(SECTOR_COLUMNS, TEXT),
    "countries": {"iso3": TEXT, "aliases": NAMES, "demonyms": NAMES, "seats": SEATS},
}
REQUIRED = {"people": ("name", "country", "sector", "office", "start"),
            "organisations": ("code", "name", "sector"), "sectors": SECTOR_COLUMNS,
            "countries": ("iso3",)}
NULLABLE = frozenset({"country", "end", "aliases", "demonyms", "seats"})
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

Entry = tuple[int, dict[str, Any], dict[str, int]]  # line, fields, line of each field


class _Refused(yaml.MarkedYAMLError):
    """YAML this loader does not build: an anchor, an alias, a tag, too deep a nesting."""


class _ActorFileLoader(yaml.SafeLoader):
    """PyYAML's safe loader that also refuses anchors and aliases (whose expansion can grow
    exponentially: "billion laughs"), explicit tags and deep nesting, before building anything;
    dates stay text so that a bad one is reported as such, not raised by the constructor."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        """A node of the document, refused if it is anchored, an alias, tagged or too deep."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(problem="anchors and aliases (&name, *name) are not allowed",
                           problem_mark=event.start_mark)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(problem=f"tags ({tag}) are not allowed", problem_mark=event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise _Refused(problem=f"nested too deep (more than {MAX_DEPTH} levels)",
                           problem_mark=event.start_mark)
        self.depth += 1
        try:
            node: yaml.Node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        return node


def _cell(value: Any) -> str:
    """A checked value as the text of a data-file cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(value)
    return str(value)


def _read_yaml(path: Path) -> yaml.Node | None:
    """The node tree of the file, built by the refusing loader."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise data_error(path, 1, f"cannot read: larger than {MAX_FILE_BYTES} bytes")
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise data_error(path, 1, f"cannot read: {exc}") from None
    loader = _ActorFileLoader(text)
    try:
        return loader.get_single_node()
    except _Refused as exc:
        mark = exc.problem_mark
        raise data_error(path, mark.line + 1 if mark else 1, str(exc.problem)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise data_error(path, mark.line + 1 if mark else 1, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()


def _entries(path: Path) -> dict[str, list[Entry]]:
    """The sections of the file, each entry with its line number and checked fields."""
    root = _read_yaml(path)
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise data_error(path, root.start_mark.line + 1, "expected sections: people, ...")
    sections: dict[str, list[Entry]] = {}
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in SECTIONS:
            raise data_error(path, key_node.start_mark.line + 1,
                             f"unknown section {key!r}; expected one of {sorted(SECTIONS)}")
        if isinstance(value_node, yaml.ScalarNode) and value_node.value in ("", "~", "null"):
            continue  # an empty section
        if not isinstance(value_node, yaml.SequenceNode):
            raise data_error(path, value_node.start_mark.line + 1, f"{key} must be a list")
        builder = _ActorFileLoader("")  # builds the values of the checked nodes
        sections.setdefault(key, []).extend(_entry(path, key, item, builder)
                                            for item in value_node.value)
    return sections


def _entry(path: Path, section: str, node: yaml.Node, builder: yaml.SafeLoader) -> Entry:
    """One entry of a section: a mapping of known fields, each of the right kind."""
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise data_error(path, line, "each entry must be a mapping")
    fields, lines = FIELDS[section], {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value not in fields:
            raise data_error(path, key_node.start_mark.line + 1,
                             f"unknown fields [{key_node.value!r}]; expected {sorted(fields)}")
        if key_node.value in lines:
            raise data_error(path, key_node.start_mark.line + 1,
                             f"{key_node.value} is given twice")
        lines[key_node.value] = value_node.start_mark.line + 1
    try:
        entry = builder.construct_mapping(node, deep=True)
    except yaml.YAMLError as exc:  # a list as a key of a mapping, for one
        raise data_error(path, line, f"not valid here: {exc}") from None
    missing = [name for name in REQUIRED[section] if name not in entry]
    if missing:
        raise data_error(path, line, f"missing {missing}")
    checked = {name: _checked(path, lines[name], name, fields[name], value)
               for name, value in entry.items()}
    start, end = checked.get("start"), checked.get("end")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise data_error(path, lines["end"], f"the term ends ({end}) before it starts ({start})")
    return line, checked, lines


def _checked(path: Path, line: int, name: str, kind: str, value: Any) -> Any:
    """A field's value if it is of its kind, else an error naming the field and what it takes."""
    if value is None and name in NULLABLE:
        return None
    if kind == TEXT and isinstance(value, str) and value.strip():
        return value
    if kind == NAMES and isinstance(value, str):
        value = [value]  # one name need not be a list
    if kind == NAMES and isinstance(value, list) and all(
            isinstance(v, str) and v.strip() and "|" not in v for v in value):
        return value
    if kind == DATE and isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    if kind == SEATS and isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return value
    wanted = {TEXT: "text (quote values such as NO, yes or 1984)",
              NAMES: "a list of names, e.g. [Wanjiru, Governor Wanjiru]",
              DATE: "a date YYYY-MM-DD", SEATS: "a mapping of a name to a sector, e.g. "
                                                  "{Kremlin: GOV}"}[kind]
    raise data_error(path, line, f"{name} must be {wanted}, not {value!r:.60}")


def _row(entry: dict[str, Any], columns: tuple[str, ...]) -> dict[str, str]:
    return {c: _cell(entry.get(c)) for c in columns}


def apply_user_file(kb: KnowledgeBase, path: Path) -> None:
    """Add the entries of a user's YAML actor file to the knowledge base."""
    sections = _entries(path)
    replaced: set[str] = set()
    for line, entry, _ in sections.get("people", []):
        row = _row(entry, tuple(FIELDS["people"]))
        if row["name"] in kb.offices and row["name"] not in replaced:
            del kb.offices[row["name"]]  # the user's terms of office replace ours
        replaced.add(row["name"])
        add_person_term(kb, path, line, row)
    for line, entry, _ in sections.get("organisations", []):
        add_organisation(kb, path, line, _row(entry, tuple(FIELDS["organisations"])))
    for line, entry, _ in sections.get("sectors", []):
        add_sector_word(kb, path, line, _row(entry, SECTOR_COLUMNS), replace=True)
    for line, entry, lines in sections.get("countries", []):
        _add_country_names(kb, path, line, entry, lines)


def _add_country_names(kb: KnowledgeBase, path: Path, line: int, entry: dict[str, Any],
                       lines: dict[str, int]) -> None:
    iso3 = entry["iso3"]
    if iso3 not in kb.countries:
        raise data_error(path, lines["iso3"], f"unknown country {iso3!r}")
    for name in entry.get("aliases") or []:
        kb.terms.append(Term(name, "country", iso3))
        kb.country_names[name] = iso3
    for name in entry.get("demonyms") or []:
        kb.terms.append(Term(name, "demonym", iso3))
    for name, sector in (entry.get("seats") or {}).items():
        kb.terms.append(Term(name, "seat", iso3, check_sector(path, lines["seats"], sector)))


@lru_cache(maxsize=4)
def load_knowledge_base(user_file: Path | None = None) -> KnowledgeBase:
    """The packaged knowledge base with a user's additions, read once per process."""
    kb = read_knowledge_base()
    if user_file is not None:
        apply_user_file(kb, user_file)
    return kb
