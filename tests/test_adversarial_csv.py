"""Hostile or broken inputs for the CSV outputs, the candidate files and the output paths of
`evaluate`, `compare` and `export`: each case is refused or neutralised, in French, never lost."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import run

ROOT = Path(__file__).resolve().parent.parent
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADER = "candidat,projet,specialite,subdivision,fin_internat,region,dispositif,campagne,debut,duree_mois,date_candidature,structure1_role,structure1_type,structure1_commune,structure1_quotite,structure2_role,structure2_type,structure2_commune,structure2_quotite\n"
GOOD = "medecine-cardiovasculaire,caen,2025-10-31,normandie,asr,2025,2025-11-01,24,2025-02-14,peripherique,ch,61001,60,universitaire,chu,14118,40"


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def row(candidat: str, projet: str = "", rest: str = GOOD) -> str:
    return f"{candidat},{projet},{rest}\n"


def assert_no_formula(text: str, delimiter: str = ",") -> int:
    """Every cell of a CSV output: none that a spreadsheet would run; returns the cells checked."""
    cells = [c for r in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter) for c in r]
    for value in cells:
        assert not value.startswith(TRIGGERS), value
    return len(cells)


# 4. formula injection -----------------------------------------------------------------------


HOSTILE = ['"=HYPERLINK(""http://x"",""y"")"', "+1+1", "-2+3", "@SUM(A1)", '"\t=1"', '"\r=1"']


@pytest.mark.parametrize("excel", [False, True])
def test_evaluate_csv_neutralises_formulas(tmp_path: Path, excel: bool) -> None:
    path = tmp_path / "lot.csv"
    path.write_text(HEADER + "".join(row(h, h) for h in HOSTILE) + row("=bad", "", GOOD.replace(",24,", ",vingt,")), encoding="utf-8")
    args = ["--excel"] if excel else ["--format", "csv"]
    code, out, err = run("evaluate", str(path), *args)
    assert code == 1, err
    assert assert_no_formula(out, ";" if excel else ",") > 50
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"), newline=""), delimiter=";" if excel else ","))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\",\"y\")"  # the text is kept, behind an apostrophe
    assert rows[1][2] == "2"  # the tool's own numbers stay numbers


def test_compare_csv_neutralises_formulas() -> None:
    from postinternat_config.compare import ROWS, Matrix, render

    cells = {key: {"normandie": "=1+1", "bretagne": "-10 %"} for key, _label in ROWS}
    out = render([Matrix("@famille", "titre", [("normandie", "Normandie"), ("bretagne", "+x")], cells, {})], "csv")
    assert assert_no_formula(out) > 20
    assert "'=1+1" in out and "'-10 %" in out


def test_published_rules_csv_neutralises_formulas() -> None:
    from postinternat_config.site import rules_csv

    rules = {"dispositif": "asr", "nom": "=cmd|' /C calc'!A0", "famille": "@x", "conditions": [
        {"id": "+c", "type": "duree", "source": {"titre": "-titre", "extrait": "\t=extrait"}},
    ]}
    out = rules_csv(SimpleNamespace(dispositifs=lambda: [("normandie", rules)]))
    assert assert_no_formula(out) == 18
    assert "'=cmd|' /C calc'!A0" in out


def test_csv_cell_keeps_numbers_and_plain_text() -> None:
    from postinternat_config.csvsafe import cell

    assert cell(12) == 12 and cell(-3) == -3 and cell(1.5) == 1.5 and cell(None) == ""
    assert cell("lot-01") == "lot-01" and cell("") == "" and cell("  =1") == "'  =1" and cell("＝1") == "'＝1"
