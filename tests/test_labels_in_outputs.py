"""What a reader sees names things by their labels: ``evaluate``, ``diff`` and ``compare`` in text
and Markdown write no id or code of the data (zone categories, lieu roles, priority and funding
ids, dispositif ids, structure types...), départements by their name; the ids stay in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import code_leaks, data_codes, run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [  # the candidates' files (internes-normandie.yaml is for ``quotas``)
    "normandie.yaml",
    "ile-de-france.yaml",
    "nouvelle-aquitaine.yaml",
    "provence-alpes-cote-d-azur.yaml",
    "tous-les-dispositifs.yaml",
    "lot.csv",
]
DIFFS = [
    ("normandie@2024", "normandie@2025"),
    ("normandie", "nouvelle-aquitaine"),
    ("normandie", "ile-de-france"),
    ("ile-de-france", "provence-alpes-cote-d-azur"),
    ("provence-alpes-cote-d-azur", "nouvelle-aquitaine"),
    ("normandie/mg-400-volet-1",),
    ("normandie/mg-400-volet-2",),
    ("normandie/asr", "normandie/aumg"),
]


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _roles() -> set[str]:
    import yaml

    return {
        lieu["role"]
        for path in (ROOT / "regions").glob("*/dispositifs/*.yaml")
        for lieu in (yaml.safe_load(path.read_text(encoding="utf-8")).get("lieux") or [])
    }


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_evaluate_names_lieux_zones_and_regions_by_their_labels(fmt: str) -> None:
    codes, roles = data_codes(), _roles()
    for name in EXAMPLES:
        code, out, _err = run("evaluate", f"examples/{name}", "--format", fmt)
        assert out, name
        assert code_leaks(out, codes) == [], name
        assert not [role for role in roles if f"« {role} »" in out], name  # « universitaire », « liberal »...
        assert not any(f"({slug}," in out for slug in ("normandie", "ile-de-france", "nouvelle-aquitaine", "provence-alpes-cote-d-azur"))
    out = run("evaluate", "examples/tous-les-dispositifs.yaml", "--format", fmt)[1]
    assert "structure pour le lieu « Médecin libéral ou structure libérale en zone sous-dense »" in out
    assert "Alençon (61001) : zone sous-dense (déclarée)" in out  # a declared zone outside the required ones, by its label
    assert "(Normandie, campagne 2025)" in out
    out = run("evaluate", "examples/nouvelle-aquitaine.yaml", "--format", fmt)[1]
    assert "l'établissement du lieu « Établissement prioritaire »" in out


def test_evaluate_json_keeps_the_ids() -> None:
    data = json.loads(run("evaluate", "examples/tous-les-dispositifs.yaml", "--format", "json")[1])
    assert {e["region"] for e in data["evaluations"]} == {"normandie"}
    mixte = next(e for e in data["evaluations"] if e["dispositif"] == "as-mixte-ville-hopital")
    assert "structures[role=liberal]" in mixte["manquants"]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_names_lieux_priorities_fundings_zones_and_departements(fmt: str) -> None:
    codes = data_codes()
    for sides in DIFFS:
        out = run("diff", *sides, "--format", fmt, "--prose")[1]
        assert "différence" in out, sides
        assert code_leaks(out, codes) == [], sides
        assert "département 61" not in out and "cadre national mg-" not in out, sides
        assert "regle :" not in out and "categories :" not in out, sides  # field names in words
    out = run("diff", "normandie", "nouvelle-aquitaine", "--format", fmt)[1]
    assert "priorités › Établissement du département de l'Orne" in out and "département : Orne (61)" in out
    assert "Charente (16), Charente-Maritime (17)" in out
    assert "lieux d'exercice › Structure hospitalière (CHU ou centre hospitalier périphérique) › quotité de temps" in out
    assert "› hospitalier ›" not in out
    out = run("diff", "normandie/mg-400-volet-1", "--format", fmt)[1]
    assert "cadre national « 400 médecins généralistes, volet 1 (cadre national) » → Normandie « Médecins" in out
    assert "financement › État (assurance maladie) (MIGAC)" in out
    out = run("diff", "normandie", "ile-de-france", "--format", fmt)[1]
    assert "en zone ou quartier où la spécialité concernée est identifiée comme déficitaire" in out


def test_diff_says_which_dispositifs_a_campaign_rule_concerns() -> None:
    out = run("diff", "normandie@2024", "normandie@2025")[1]
    line = next(x for x in out.splitlines() if "Les candidatures 400 MG ne sont pas présentées en séance" in x)
    assert line.endswith(
        "(pour : Médecins généralistes salariés dans les territoires prioritaires (dispositif 400 MG), volet 1, Médecins généralistes salariés dans les territoires prioritaires (dispositif 400 MG), volet 2)"
    )
    assert "Tout dossier doit être validé par le CHU de la subdivision" in out and "post-internat. (pour" not in out


def test_diff_json_keeps_the_ids() -> None:
    data = json.loads(run("diff", "normandie", "nouvelle-aquitaine", "--format", "json")[1])
    paths = [c["chemin"] for c in data["changements"]]
    assert ["lieux", "[hospitalier]", "quotite", "valeur"] in paths and ["priorites", "[orne]"] in paths


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_compare_writes_no_code(fmt: str) -> None:
    codes = data_codes()
    for extra in ([], ["--campagne", "2024"]):
        out = run("compare", "--format", fmt, *extra)[1]
        assert out and code_leaks(out, codes) == [], extra


def test_diff_values_name_departements() -> None:
    from postinternat_config.diff_report import show

    assert show(["14", "61"], ("departements",)) == "Calvados (14), Orne (61)"
    assert (
        show({"departement": "61", "postes": 3}, ("quotas", "[asr]", "par_departement", "[61]")) == "département : Orne (61) ; postes : 3"
    )
    assert show(["61"], ("priorites", "[orne]", "valeurs")) == "Orne (61)" and show([60], ("quotite", "valeurs")) == "60 %"


def test_diff_values_keep_sentences_and_nested_blocks_readable() -> None:
    from postinternat_config.diff_report import show

    # sentences follow one another; texts with commas are separated by « ; »; short words by commas
    assert (
        show(["Il exerce à temps partiel.", "Une convention décrit le projet."])
        == "Il exerce à temps partiel. Une convention décrit le projet."
    )
    assert show(["CHU de Lille, CHU d'Amiens", "COL"]) == "CHU de Lille, CHU d'Amiens ; COL"
    assert show(["ZIP", "ZAC"]) == "ZIP, ZAC"
    # a block inside a block is bracketed: its « : » are not read as the outer block's
    assert show({"postes": "inconnu", "quota_national": {"repartition": "R", "categorie": "C"}}) == (
        "postes : inconnu ; quota national (répartition : R ; catégorie : C)"
    )
