"""The CAMEO codebook and PLOVER map: complete, validated, and right on known codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import DataFileError
from eventcoder.ontology import load_codebook
from eventcoder.ontology.codebook import PLOVER_TYPES, read_codebook


def test_every_root_and_about_three_hundred_codes() -> None:
    codebook = load_codebook()
    assert len(codebook) >= 300
    assert all(f"{root:02d}" in codebook for root in range(1, 21))
    assert all(codebook[c].plover_type in PLOVER_TYPES for c in codebook.codes)


@pytest.mark.parametrize(("code", "name_part", "quad_class", "goldstein", "plover"), [
    ("036", "meet or negotiate", 1, 4.0, "AGREE"),
    ("042", "visit", 1, 1.9, "CONSULT"),
    ("057", "agreement", 1, 8.0, "SUPPORT"),
    ("112", "Accuse", 3, -2.0, "ACCUSE"),
    ("138", "military force", 3, -7.0, "THREATEN"),
    ("173", "Arrest", 4, -5.0, "COERCE"),
    ("190", "conventional military force", 4, -10.0, "ASSAULT"),
])
def test_known_codes(code: str, name_part: str, quad_class: int, goldstein: float,
                     plover: str) -> None:
    entry = load_codebook()[code]
    assert name_part.lower() in entry.name.lower()
    assert (entry.root, entry.quad_class, entry.goldstein, entry.plover_type) == (
        code[:2], quad_class, goldstein, plover)


def test_a_bad_codebook_row_names_file_and_line(tmp_path: Path) -> None:
    codes = tmp_path / "codes.tsv"
    codes.write_text("# comment\ncode\tname\tquad_class\tgoldstein\n01\tStatement\t1\t0\n"
                     "010\tStatement\t1\tmuch\n", encoding="utf-8")
    plover = tmp_path / "plover.tsv"
    plover.write_text("code\tplover_type\tplover_mode\tcontext\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"codes.tsv line 4"):
        read_codebook(codes, plover)
