"""The simulator: a structure declared in no zone (``zone: []``), `evaluate` without a region on a
candidate without one (every dispositif of every region, eligible first) and the nearest eligible
variant of each « non éligible »."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run

ROOT = Path(__file__).resolve().parent.parent

MIXTE = {
    "region": "normandie",
    "dispositif": "as-mixte-ville-hopital",
    "validation_chu": True,
    "debut": "2025-11-01",
    "duree_mois": 24,
}


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _zone_condition(out: str) -> dict[str, object]:
    evaluation = json.loads(out)["evaluations"][0]
    assert evaluation["verdict"] == "non_eligible"
    return next(c for c in evaluation["conditions"] if c["id"] == "lieu.liberal.zone")


def test_a_structure_in_no_zone_fails_a_zone_condition(tmp_path: Path) -> None:
    structures = [
        {"role": "hospitalier", "type": "ch", "quotite": 30},
        {"role": "liberal", "type": "cabinet_liberal", "commune": "14118", "quotite": 70, "zone": []},
    ]
    path = tmp_path / "c.json"
    path.write_text(
        json.dumps({"id": "z", "specialite": "rhumatologie", "projets": [{**MIXTE, "structures": structures}]}), encoding="utf-8"
    )
    code, out, err = run("evaluate", str(path), "--format", "json")
    assert code == 0, err
    condition = _zone_condition(out)
    assert condition["statut"] == "ko" and "Caen (14118) : dans aucune zone (déclarée)" in str(condition["message"])


def test_a_csv_row_says_no_zone_with_aucune(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "candidat,specialite,region,dispositif,validation_chu,debut,duree_mois,"
        "structure1_role,structure1_type,structure1_quotite,structure2_role,structure2_type,structure2_commune,structure2_quotite,structure2_zone\n"
        "z,rhumatologie,normandie,as-mixte-ville-hopital,oui,2025-11-01,24,hospitalier,ch,30,liberal,cabinet_liberal,14118,70,aucune\n",
        encoding="utf-8",
    )
    code, out, err = run("evaluate", str(path), "--format", "json")
    assert code == 0, err
    assert _zone_condition(out)["statut"] == "ko"
