"""Conditions the tool cannot see but the application can state (validation_chu, etablissement_prioritaire,
diplome): « inconnu » until the file says, then ok or ko, and the ARS checks the statement. The shared
vectors run them in Python and in the browser; here, the texts and the CSV columns."""

from __future__ import annotations

from pathlib import Path

from postinternat_config import candidates
from postinternat_config.conditions import compile_condition, describe, explain
from postinternat_config.conditions._base import Facts

ROOT = Path(__file__).resolve().parent.parent


def _facts(
    candidat: dict[str, object] | None = None, projet: dict[str, object] | None = None, by_role: dict[str, object] | None = None
) -> Facts:
    return Facts(candidat or {}, projet or {}, by_role or {}, [], {"communes": {}})  # type: ignore[arg-type]


def test_validation_chu_is_unknown_until_the_project_states_it() -> None:
    cond = {"type": "validation_chu", "id": "eligibilite.1"}
    check = compile_condition(cond)
    unknown, yes, no = check(_facts()), check(_facts(projet={"validation_chu": True})), check(_facts(projet={"validation_chu": False}))
    assert (unknown.status, unknown.missing, yes.status, no.status) == ("inconnu", ("validation_chu",), "ok", "ko")
    assert "à vérifier par l'ARS" in explain(cond, unknown) and "à vérifier par l'ARS" in explain(cond, yes)


def test_etablissement_prioritaire_reads_each_structure_of_its_lieu() -> None:
    cond = {"type": "etablissement_prioritaire", "lieu": "etablissement_prioritaire", "id": "eligibilite.1"}
    check = compile_condition(cond)

    def on(structure: dict[str, object]) -> str:
        return check(_facts(projet={"structures": [structure]}, by_role={"etablissement_prioritaire": [(0, structure)]})).status

    assert (on({"type": "ch"}), on({"type": "ch", "prioritaire": True}), on({"type": "ch", "prioritaire": False})) == (
        "inconnu",
        "ok",
        "ko",
    )
    assert describe(cond, {"etablissement_prioritaire": "Établissement prioritaire"}).startswith("Établissement prioritaire :")


def test_diplome_is_not_read_as_a_des() -> None:
    cond = {
        "type": "diplome",
        "valeurs": ["diplome-etat-medecine-generale"],
        "libelle": "Être diplômé du Diplôme d'Etat de Médecine Générale",
        "id": "e",
    }
    check = compile_condition(cond)
    # a DES of general practice is not the diploma the text names: the candidate must declare it
    assert check(_facts({"specialite": "medecine-generale", "date_des": "2020-01-01"})).status == "inconnu"
    assert check(_facts({"diplomes": ["diplome-etat-medecine-generale"]})).status == "ok"
    assert check(_facts({"diplomes": []})).status == "ko"
    assert describe(cond, {}) == "Diplôme : Être diplômé du Diplôme d'Etat de Médecine Générale"
    for facts in ({}, {"diplomes": ["diplome-etat-medecine-generale"]}, {"diplomes": []}):
        text = explain(cond, check(_facts(facts)))
        assert "Être diplômé du Diplôme d'Etat" in text and "diplome-etat" not in text  # the label, never the id


def test_csv_columns_carry_the_declared_facts(tmp_path: Path) -> None:
    path = tmp_path / "lot.csv"
    path.write_text(
        "candidat,diplomes,dispositif,validation_chu,structure1_role,structure1_prioritaire\n"
        "a,diplome-etat-medecine-generale,asr,oui,peripherique,non\n"
        "b,,asr,peut-être,,\n",
        encoding="utf-8",
    )
    source = candidates.read(path, "lot.csv")
    entries = list(source.entries())
    first = entries[0].candidat
    assert first is not None and first["diplomes"] == ["diplome-etat-medecine-generale"]
    projet = entries[0].projet
    assert projet is not None and projet["validation_chu"] is True and projet["structures"][0]["prioritaire"] is False
    problems = [p for e in entries for p in e.problems]
    assert [(p.line, p.code) for p in problems] == [(3, "csv-valeur")]
    assert "ni « oui » ni « non »" in problems[0].message
