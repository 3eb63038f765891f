"""The CAMEO codebook (name, root, quad class, Goldstein) joined with PLOVER type and mode."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import EventCode
from ..resources import data_error, package_file, read_tsv

CODE_PATTERN = re.compile(r"^\d{2,4}$")
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})


@dataclass(frozen=True, eq=False)
class Codebook:
    """Every CAMEO code with its attributes; lookups by code."""

    codes: dict[str, EventCode]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> EventCode:
        return self.codes[code]

    def __len__(self) -> int:
        return len(self.codes)


def _quad_class_of_root(root: str) -> int:
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def read_codebook(codes_path: Path, plover_path: Path) -> Codebook:
    """Read and validate the codebook from its two data files."""
    plover: dict[str, tuple[str, str | None]] = {}
    for line, row in read_tsv(plover_path, ("code", "plover_type", "plover_mode")):
        if row["plover_type"] not in PLOVER_TYPES:
            raise data_error(plover_path, line, f"unknown PLOVER type {row['plover_type']!r}")
        plover[row["code"]] = (row["plover_type"], row["plover_mode"] or None)

    codes: dict[str, EventCode] = {}
    for line, row in read_tsv(codes_path, ("code", "name", "quad_class", "goldstein")):
        code = row["code"]
        if not CODE_PATTERN.match(code):
            raise data_error(codes_path, line, f"bad CAMEO code {code!r}")
        if code in codes:
            raise data_error(codes_path, line, f"duplicate code {code}")
        try:
            goldstein = float(row["goldstein"])
            quad_class = int(row["quad_class"])
        except ValueError:
            raise data_error(codes_path, line, "goldstein and quad_class must be numbers") from None
        if not -10.0 <= goldstein <= 10.0:
            raise data_error(codes_path, line, f"Goldstein value {goldstein} outside [-10, 10]")
        if quad_class != _quad_class_of_root(code[:2]):
            raise data_error(codes_path, line, f"quad class {quad_class} does not fit root")
        plover_type, plover_mode = plover.get(code, (None, None))
        codes[code] = EventCode(
            cameo=code,
            name=row["name"],
            root=code[:2],
            quad_class=quad_class,
            goldstein=goldstein,
            plover_type=plover_type,
            plover_mode=plover_mode,
        )
    orphans = sorted(c for c in codes if c[:2] not in codes)
    if orphans:
        raise data_error(codes_path, 1, f"codes without their root: {orphans}")
    return Codebook(codes)


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    """The codebook shipped with the package (read once per process)."""
    return read_codebook(
        package_file("ontology", "cameo_codes.tsv"), package_file("ontology", "cameo_plover.tsv")
    )
