"""The PETRARCH dictionary converter on a small sample in the dictionaries' format."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).parent / "data"


def _converter():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("petrarch_actors",
                                                  ROOT / "tools" / "petrarch_actors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["petrarch_actors"] = module
    spec.loader.exec_module(module)
    return module


tool = _converter()
COUNTRIES = frozenset({"FRA", "GBR", "AFG", "SYR", "ESP", "DEU", "USA", "PSE", "GRC"})


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    out, agents = tool.convert(SAMPLE, COUNTRIES, frozenset({"paris"}),
                               frozenset({"may", "apple"}))
    folder = tmp_path_factory.mktemp("out")
    tool.write_outputs(out, agents, folder, "the sample")
    return {path.name: [line.rstrip("\n") for line in path.open(encoding="utf-8")
                        if not line.startswith("#")]
            for path in folder.glob("*.tsv")}


EXPECTED = {
    "petrarch_countries.tsv": [
        "iso3\tname",
        "FRA\tFrance",
        "FRA\tFrench Republic",
        "FRA\tRépublique Française",
    ],
    "petrarch_organisations.tsv": [
        "code\tname\taliases\tcountry\tsector\tcameo",
        "AFGMIL\tAfghan National Army\tANA\tAFG\tMIL\tAFGMIL",
        "IGOUNO\tUN\tSecurity Council\t\tIGO\tIGOUNO",
        "MNCUSA:APPLE_INC\tApple Inc\t\t\tBUS\tMNCUSA",
        "NGOHRI\tAmnesty International\t\t\tNGO\tNGOHRI",
        "MNCUSA:MCDONALDS\tMcDonalds\t\t\tBUS\tMNCUSA",
        "PSEREBHMS\tHAMAS\tHamas|Islamic Resistance Movement\tPSE\tREB\tPSEREBHMS",
        "GRCREB\tAnarchist Faction\t\tGRC\tREB\tGRCREB",
    ],
    "petrarch_people.tsv": [
        "name\taliases\tcountry\tsector\tstart\tend\tcode",
        "Francois Mitterrand\tMitterrand\tFRA\tELI\t1965-01-01\t1981-05-21\tFRAELI",
        "Francois Mitterrand\t\tFRA\tGOV\t1981-05-21\t1995-05-17\tFRAGOV",
        "Francois Mitterrand\t\tFRA\tELI\t\t\tFRAELI",
        "Theresa May\t\tGBR\tGOV\t2016-07-13\t2019-07-24\tGBRGOV",
        "Abdul Rahim Wardak\t\tAFG\tMIL\t2005-01-01\t\tAFGGOVMIL",
        "Bashar al-Assad\tAl-Assad|al-Assad\tSYR\tGOV\t2000-07-17\t\tSYRGOV",
        "Erich Honecker\t\tDEU\tGOV\t\t1989-10-18\tDDRGOV",
        "José Díaz\tJose Diaz\tESP\tGOV\t2010-01-01\t2012-12-31\tESPGOV",
        "Kofi Annan\tK. Annan\t\tIGO\t1997-01-01\t2006-12-31\tIGOUNO",
        "Kofi Annan\t\t\tELI\t\t\tELI",
    ],
    "petrarch_agents.tsv": [
        "phrase\tsector\tkind\tcode",
        "foreign minister\tGOV\tperson\t~GOV",
        "foreign ministers\tGOV\tgroup\t~GOV",
        "troop\tMIL\tgroup\t~MIL",
        "attorney general\tJUD\tperson\t~JUD",
        "attorneys general\tJUD\tgroup\t~JUD",
        "congressman\tLEG\tperson\t~LEG",
        "congressmen\tLEG\tgroup\t~LEG",
        "defence ministry\tMIL\tgroup\t~GOVMIL",
        "defence ministries\tMIL\tgroup\t~GOVMIL",
        "party\tPTY\tgroup\t~PTY",
        "parties\tPTY\tgroup\t~PTY",
        "human rights body\tNGO\tgroup\tNGO~",
        "human rights bodies\tNGO\tgroup\tNGO~",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_converted_rows(written: dict[str, list[str]], name: str) -> None:
    assert written[name] == EXPECTED[name]


def test_files_credit_the_source(tmp_path: Path) -> None:
    out, agents = tool.convert(SAMPLE, COUNTRIES, frozenset(), frozenset())
    tool.write_outputs(out, agents, tmp_path, "the sample")
    for path in tmp_path.glob("*.tsv"):
        head = path.read_text(encoding="utf-8")
        assert "PETRARCH2 Phoenix dictionaries (c) Open Event Data Alliance, MIT licence" in head
        assert "tools/petrarch_actors.py" in head


@pytest.mark.parametrize(("phrase", "organisation", "expected"), [
    ("BASHAR_AL-ASSAD_", False, "Bashar al-Assad"),
    ("JOHN_MCCAIN_", False, "John McCain"),
    ("SEAN_O'BRIEN_", False, "Sean O'Brien"),
    ("CHARLES_DE_GAULLE", False, "Charles de Gaulle"),
    ("POPE_JOHN_PAUL_II", False, "Pope John Paul II"),
    ("UNITED_NATIONS_CHILDREN'S_FUND_", True, "United Nations Children's Fund"),
    ("UN_SECURITY_COUNCIL", True, "UN Security Council"),
    ("U.N._MONITOR_", True, "U.N. Monitor"),
    ("NATO", True, "NATO"),
])
def test_readable_names(phrase: str, organisation: bool, expected: str) -> None:
    assert tool.readable(phrase, organisation) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    (b"MITTERRAND", "MITTERRAND"),
    ("DÍAZ".encode("latin-1"), "DÍAZ"),
    (bytes("ERDOĞAN", "utf-8"), "ERDOĞAN"),
])
def test_lines_decode_as_utf8_then_latin1(raw: bytes, expected: str) -> None:
    assert tool.decode_line(raw) == expected
