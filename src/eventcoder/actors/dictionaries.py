"""The converted PETRARCH2 dictionaries (petrarch_*.tsv) joined to our hand-written tables.

Our tables win: a person of ours who is a head of state or government keeps only our terms;
another person of ours keeps our terms and gains the dictionary's roles up to the end of 2014
(the dictionaries stop early in 2014); a name that is already ours keeps its meaning. Every
entry and every decision is counted in `KnowledgeBase.report`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..resources import data_error, iter_tsv, read_date, split_list
from .kb import (
    HEAD_OFFICES,
    KnowledgeBase,
    Office,
    Organisation,
    SectorWord,
    Term,
    check_sector,
    fold,
)

OURS_FROM = date(2015, 1, 1)  # from this day on, only our tables say who holds what
LAST_DICTIONARY_DAY = date(2014, 12, 31)
PEOPLE_PATTERNS = ("people*.tsv", "ministers_*.tsv", "group_leaders.tsv")


def people_files(folder: Path) -> list[Path]:
    """Our hand-written people tables, people.tsv first, then the others by name."""
    found = {p for pattern in PEOPLE_PATTERNS for p in folder.glob(pattern)}
    return sorted(found, key=lambda p: (p.name != "people.tsv", p.name))


def count_sources(kb: KnowledgeBase, source: str) -> None:
    """Count the entries of a source once it is loaded."""
    kb.report[f"{source}: people"] = len(kb.offices) - kb.report["petrarch: people"]
    kb.report[f"{source}: organisations"] = len(kb.organisations)
    kb.report[f"{source}: sector words"] = len(kb.sector_words)
    kb.report[f"{source}: names"] = len(kb.terms)


def _country(kb: KnowledgeBase, path: Path, line: int, value: str) -> str | None:
    if value and value not in kb.countries:
        raise data_error(path, line, f"unknown country {value!r}")
    return value or None


class _Names:
    """Folded names already taken, and what they name ((kind, ref))."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.taken: dict[str, tuple[str, str]] = {}
        for term in kb.terms:
            self.taken.setdefault(fold(term.text), (term.kind, term.ref))

    def add(self, text: str, kind: str, ref: str, sector: str | None = None) -> bool:
        """Add a name unless it names something else already; whether it was added."""
        key = fold(text)
        known = self.taken.get(key)
        if known is not None:
            if known[1] != ref:
                self.kb.report[f"petrarch: {kind} names already ours for another actor"] += 1
            return False
        self.taken[key] = (kind, ref)
        self.kb.terms.append(Term(text, kind, ref, sector))
        if kind == "country":
            self.kb.country_names[text] = ref
        return True


def add_dictionaries(kb: KnowledgeBase, folder: Path) -> None:
    """Add the converted dictionaries found in a folder (none: nothing is added)."""
    if not (folder / "petrarch_people.tsv").exists():
        return
    names = _Names(kb)
    ours = _our_people(kb)
    _add_countries(kb, folder / "petrarch_countries.tsv", names)
    _add_organisations(kb, folder / "petrarch_organisations.tsv", names)
    _add_people(kb, folder / "petrarch_people.tsv", names, ours)
    _add_agents(kb, folder / "petrarch_agents.tsv")


def _our_people(kb: KnowledgeBase) -> dict[str, str]:
    """Our people by each folded name and alias of theirs."""
    found: dict[str, str] = {}
    for term in kb.terms:
        if term.kind == "person":
            found.setdefault(fold(term.text), term.ref)
    return found


def _add_countries(kb: KnowledgeBase, path: Path, names: _Names) -> None:
    for line, row in iter_tsv(path, ("iso3", "name")):
        iso3 = _country(kb, path, line, row["iso3"])
        assert iso3 is not None
        if names.add(row["name"], "country", iso3):
            kb.report["petrarch: country names"] += 1
        else:
            kb.report["petrarch: country names already ours"] += 1


def _add_organisations(kb: KnowledgeBase, path: Path, names: _Names) -> None:
    columns = ("code", "name", "aliases", "country", "sector")
    for line, row in iter_tsv(path, columns):
        texts = [row["name"], *split_list(row["aliases"])]
        sector = check_sector(path, line, row["sector"])
        known = [names.taken.get(fold(t)) for t in texts]
        ours = next((k[1] for k in known if k is not None and k[0] == "organisation"), None)
        if ours is not None:  # one of our organisations: it gains the other names
            kb.report["petrarch: organisations merged into ours (ours kept)"] += 1
            target = kb.organisations[ours]
            for text in texts:
                names.add(text, "organisation", target.code, target.sector)
            continue
        if row["code"] in kb.organisations:
            raise data_error(path, line, f"code {row['code']!r} is listed twice")
        org = Organisation(row["code"], row["name"], _country(kb, path, line, row["country"]),
                           sector)
        added = [t for t in texts if names.add(t, "organisation", org.code, sector)]
        if added:
            kb.organisations[org.code] = org
            kb.report["petrarch: organisations"] += 1
        else:
            kb.report["petrarch: organisations dropped, every name ours"] += 1


def _people_rows(path: Path) -> Iterator[tuple[int, list[dict[str, str]]]]:
    """The rows of each person (consecutive rows of one name), with the first line number."""
    columns = ("name", "aliases", "country", "sector", "start", "end")
    group: list[dict[str, str]] = []
    first = 0
    for line, row in iter_tsv(path, columns):
        if group and row["name"] != group[0]["name"]:
            yield first, group
            group = []
        if not group:
            first = line
        group.append(row)
    if group:
        yield first, group


def _add_people(kb: KnowledgeBase, path: Path, names: _Names, ours: dict[str, str]) -> None:
    for line, rows in _people_rows(path):
        name = rows[0]["name"]
        texts = [name, *split_list(rows[0]["aliases"])]
        offices, default = _roles(kb, path, line, rows)
        match = next((ours[key] for key, t in ((fold(t), t) for t in texts)
                      if key in ours and (t == name or " " in t)), None)
        if match is not None:
            _merge_person(kb, match, texts, offices, names)
            continue
        if name in kb.offices or name in kb.defaults:
            raise data_error(path, line, f"person {name!r} is listed twice")
        added = [t for t in texts if names.add(t, "person", name)]
        if not added:
            kb.report["petrarch: people dropped, every name ours"] += 1
            continue
        kb.report["petrarch: people"] += 1
        kb.dictionary_people.add(name)
        if offices:
            kb.offices[name] = offices
        if default is not None:
            kb.defaults[name] = default


def _roles(kb: KnowledgeBase, path: Path, line: int, rows: list[dict[str, str]]
           ) -> tuple[list[Office], Office | None]:
    """The dated roles of a person, and the default role (both dates empty)."""
    offices: list[Office] = []
    default = None
    for offset, row in enumerate(rows):
        at = line + offset
        start, end = read_date(path, at, row["start"]), read_date(path, at, row["end"])
        office = Office(row["name"], _country(kb, path, at, row["country"]),
                        check_sector(path, at, row["sector"]), "", start or date.min, end)
        if start is None and end is None:
            default = office
        else:
            offices.append(office)
    return offices, default


def _merge_person(kb: KnowledgeBase, ours: str, texts: list[str], offices: list[Office],
                  names: _Names) -> None:
    """A person of ours is also in the dictionary: ours win for leaders and after 2014."""
    for text in texts:
        if " " in text:
            names.add(text, "person", ours)
    if any(o.office in HEAD_OFFICES for o in kb.offices.get(ours, ())):
        kb.report["petrarch: people conflicts decided for ours (leaders)"] += 1
        return
    kept = [Office(ours, o.country, o.sector, o.office, o.start,
                   min(o.end or LAST_DICTIONARY_DAY, LAST_DICTIONARY_DAY))
            for o in offices if o.start < OURS_FROM]
    kb.offices.setdefault(ours, []).extend(kept)
    kb.report["petrarch: people conflicts merged (ours after 2014)"] += 1


def _add_agents(kb: KnowledgeBase, path: Path) -> None:
    for line, row in iter_tsv(path, ("phrase", "sector", "kind")):
        phrase = row["phrase"].lower()
        if phrase in kb.sector_words:
            kb.report["petrarch: sector words already ours (ours kept)"] += 1
            continue
        if row["kind"] not in ("person", "group"):
            raise data_error(path, line, f"kind must be person or group, not {row['kind']!r}")
        kb.sector_words[phrase] = SectorWord(phrase, check_sector(path, line, row["sector"]),
                                             row["kind"])
        kb.report["petrarch: sector words"] += 1


def report_lines(kb: KnowledgeBase) -> list[str]:
    """The report of sources and conflicts, one 'key: count' line each."""
    return [f"{key}: {value}" for key, value in sorted(kb.report.items())]
