"""The knowledge base: packaged data validated, a user's YAML file added or refused clearly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder import Document, Pipeline, Settings
from eventcoder.actors import apply_user_file, read_knowledge_base
from eventcoder.errors import DataFileError

USER_FILE = """\
people:
  - name: Jane Wanjiru
    aliases: [Wanjiru]
    country: KEN
    sector: GOV
    office: governor
    start: 2022-08-25
organisations:
  - {code: NUT, name: Nigerian Union of Teachers, aliases: [NUT], country: NGA, sector: LAB}
sectors:
  - {phrase: zealots, sector: RAD, kind: group}
countries:
  - {iso3: GBR, aliases: [Blighty], seats: {No. 10: GOV}}
"""


def test_packaged_knowledge_base_covers_the_basics() -> None:
    kb = read_knowledge_base()
    assert len(kb.countries) >= 193
    assert {"UN", "EU", "NATO", "IAEA"} <= set(kb.organisations)
    assert kb.person_role("Olaf Scholz", date(2023, 1, 1))[:2] == ("DEU", "GOV")
    assert kb.person_role("Olaf Scholz", date(2026, 1, 1))[:2] == ("DEU", "ELI")


def test_user_file_adds_people_organisations_sectors_and_names(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    pipeline = Pipeline(Settings(actors_file=path))
    doc = pipeline.annotate(Document(
        "Wanjiru criticized the NUT. Blighty condemned the zealots.", "u",
        published=date(2024, 1, 5)))
    codes = {m.text: a.code for a in doc.actors for m in a.mentions}
    assert codes["Wanjiru"] == "KENGOV"
    assert codes["NUT"] == "NGALAB"
    assert codes["Blighty"] == "GBR"
    assert codes["zealots"] == "RAD"


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("people:\n  - {name: X, country: KEN, sector: GOV, office: mayor}\n", 2, "missing"),
    ("people:\n  - {name: X, country: KENYA, sector: GOV, office: m, start: 2020-01-01}\n", 2,
     "ISO3"),
    ("sectors:\n  - {phrase: a, sector: GOV, kind: group}\n  - {phrase: b, sector: XXX, "
     "kind: group}\n", 3, "sector"),
    ("teams:\n  - {name: x}\n", 1, "unknown section"),
    ("people: [\n", 2, "YAML"),
])
def test_a_bad_user_file_names_file_and_line(tmp_path: Path, text: str, line: int,
                                             reason: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"bad.yaml line {line}: .*{reason}"):
        apply_user_file(read_knowledge_base(), path)
