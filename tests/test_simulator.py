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


def _dispositifs() -> set[tuple[str, str]]:
    return {(p.parent.parent.name, p.stem) for p in (ROOT / "regions").glob("*/dispositifs/*.yaml") if p.parent.parent.name != "_national"}


def test_without_a_region_every_dispositif_of_every_region_is_answered_eligible_first() -> None:
    code, out, err = run("evaluate", "examples/ou-suis-je-eligible.yaml", "--format", "json")
    assert code == 0, err
    evaluations = json.loads(out)["evaluations"]
    assert {(e["region"], e["dispositif"]) for e in evaluations} == _dispositifs()
    order = [e["verdict"] for e in evaluations]
    assert order == sorted(order, key=["eligible", "a_completer", "non_eligible"].index)
    assert {"eligible", "a_completer", "non_eligible"} == set(order)
    for e in evaluations:
        if e["verdict"] == "non_eligible":
            assert e["variante"] is not None and (e["variante"].get("texte") or e["variante"].get("raison"))
        elif e["delai"]["statut"] != "en_retard":
            assert e["variante"] is None
    asr = next(e for e in evaluations if e["region"] == "normandie" and e["dispositif"] == "asr")
    assert asr["variante"]["possible"] and asr["variante"]["verdict"] == "eligible"
    assert asr["variante"]["texte"] == (
        "avec au moins 60 % du temps au lieu « Établissement de santé périphérique » "
        "et avec au plus 40 % du temps au lieu « CHU ou service universitaire »"
    )
    aumg = next(e for e in evaluations if e["region"] == "ile-de-france" and e["dispositif"] == "aumg")
    assert aumg["variante"] == {"possible": False, "raison": "la spécialité du candidat n'est pas admise"}


def test_the_text_answer_groups_the_verdicts_with_what_is_missing_and_the_variants() -> None:
    code, out, _err = run("evaluate", "examples/ou-suis-je-eligible.yaml")
    assert code == 0
    heads = [out.index(head) for head in ("Éligible (", "Dossier à compléter (", "Non éligible (")]
    assert heads == sorted(heads)
    assert "Délai : aucune campagne publiée ne recrute à cette date de prise de poste" in out[heads[0] : heads[1]]
    assert "Attention : aucune campagne publiée" not in out  # said once, by the deadline line
    completer = out[heads[1] : heads[2]]
    assert "manque établissement prioritaire de la structure n°1" in completer
    refused = out[heads[2] :]
    assert "Variante éligible la plus proche : avec au moins 60 % du temps au lieu « Établissement de santé périphérique »" in refused
    assert "Aucune variante éligible : la spécialité du candidat n'est pas admise." in refused
    assert "Aide au classement" not in out  # one project: no ranking


def test_structures_with_a_commune_keep_the_answer_to_their_regions(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "id: c\nspecialite: neurologie\nprojets:\n  - debut: 2025-11-01\n    duree_mois: 24\n"
        '    structures: [{type: ch, commune: "61001", quotite: 60}, {type: chu, commune: "14118", quotite: 40}]\n',
        encoding="utf-8",
    )
    code, out, err = run("evaluate", str(path), "--format", "json")
    assert code == 0, err
    regions = {e["region"] for e in json.loads(out)["evaluations"]}
    assert regions == {"normandie"}  # Alençon and Caen: no « éligible » post of another region


def test_a_subdivision_or_a_region_keeps_the_evaluation_to_its_region() -> None:
    code, out, _err = run("evaluate", "examples/ou-suis-je-eligible.yaml", "--region", "normandie", "--format", "json")
    assert code == 0
    assert {e["region"] for e in json.loads(out)["evaluations"]} == {"normandie"}
    code, out, _err = run("evaluate", "examples/tous-les-dispositifs.yaml", "--format", "json")
    assert code == 0
    assert {e["region"] for e in json.loads(out)["evaluations"]} == {"normandie"}


def test_the_variant_is_checked_by_evaluating_the_changed_project() -> None:
    from postinternat_config.engine import Compiled
    from postinternat_config.rulebook import load_rulebook
    from postinternat_config.variants import apply, variant

    region = load_rulebook(ROOT / "regions").regions["normandie"]
    compiled = Compiled.of(region["dispositifs"]["asr"], region)
    projet = {
        "validation_chu": True,
        "campagne": "2025",
        "debut": "2025-11-01",
        "duree_mois": 36,
        "date_candidature": "2025-02-15",
        "structures": [{"role": "peripherique", "type": "ch", "quotite": 50}, {"role": "universitaire", "type": "chu", "quotite": 50}],
    }
    found = variant(compiled.evaluate({"id": "x", "specialite": "neurologie"}, projet))
    assert found is not None and found["possible"] and found["verdict"] == "eligible"
    changed = apply(projet, found["changements"])
    assert changed["duree_mois"] == 24 and changed["date_candidature"] == "2025-02-14"
    assert [s["quotite"] for s in changed["structures"]] == [60, 40]
    assert projet["structures"][0]["quotite"] == 50  # the project itself is not changed
    assert compiled.evaluate({"id": "x", "specialite": "neurologie"}, changed).verdict == "eligible"
