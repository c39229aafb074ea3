"""`postinternat diff` and `compare`: golden files and the properties a commission relies on."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_normandie_2024_against_2025(at_root: None, update_goldens: bool) -> None:
    code, out, _err = run("diff", "normandie@2024", "normandie@2025", "--format", "json")
    assert code == 1
    changes = json.loads(out)["changements"]
    deadline = [c for c in changes if c["chemin"] == ["calendrier", "date_limite"]]
    assert [(c["avant"]["date"], c["apres"]["date"], c["apres"]["incluse"]) for c in deadline] == [("2024-02-16", "2025-02-14", True)]
    starts = [c for c in changes if c["chemin"] == ["calendrier", "prises_de_poste"]]
    assert starts[0]["type"] == "ajout" and [s["mois"] for s in starts[0]["apres"]] == ["2025-11", "2026-05"]
    # nothing spurious: no citation field compared, and the dispositifs of both campaigns are equal
    assert not any(set(c["chemin"]) & {"source", "extrait", "note", "revue"} for c in changes)
    assert {c["section"] for c in changes} == {
        "Campagne",
        "Dispositif « Assistants universitaires de médecine générale »",
        "Dispositif « Médecins généralistes salariés dans les territoires prioritaires (dispositif 400 MG), volet 1 »",
        "Dispositif « Médecins généralistes salariés dans les territoires prioritaires (dispositif 400 MG), volet 2 »",
    }
    _golden("diff-normandie-2024-2025.md", run("diff", "normandie@2024", "normandie@2025", "--format", "markdown")[1], update_goldens)


def test_normandie_against_nouvelle_aquitaine_pairs_by_famille(at_root: None, update_goldens: bool) -> None:
    code, out, _err = run("diff", "normandie", "nouvelle-aquitaine", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert {"gauche": "astp-ville-hopital", "droite": "praticiens-temps-partage-ville-hopital"} in data["paires"]
    assert {"gauche": "asr", "droite": "asp-etablissements"} in data["paires"]
    section = (
        "Dispositif « Assistants spécialistes en temps partagé ville/hôpital » ↔ « Praticiens à temps partagé entre ville et hôpital »"
    )
    shares = {tuple(c["chemin"]): c for c in data["changements"] if c["section"] == section}
    assert shares[("lieux", "[hospitalier]", "quotite", "valeur")]["avant"] == 50
    assert shares[("lieux", "[hospitalier]", "quotite", "valeurs")]["apres"] == [40, 50, 60]
    assert (
        shares[("lieux", "[hospitalier]", "quotite", "valeur")]["libelle"]
        == "lieux d'exercice › Structure hospitalière (CHU ou centre hospitalier périphérique) › quotité de temps › valeur fixe"
    )
    assert shares[("lieux", "[hospitalier]", "quotite", "valeur")]["source_avant"] == "Le Post-Internat en Normandie"
    _golden(
        "diff-normandie-nouvelle-aquitaine.md", run("diff", "normandie", "nouvelle-aquitaine", "--format", "markdown")[1], update_goldens
    )


def test_a_file_against_itself_is_empty(at_root: None) -> None:
    for args in (["regions/normandie/dispositifs/asr.yaml"] * 2, ["normandie"] * 2, ["ile-de-france@2025-2027"] * 2):
        code, out, _err = run("diff", *args)
        assert code == 0 and "Aucune différence." in out


def test_lists_are_matched_by_key_not_position(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    path = tmp_path / "regions/normandie/dispositifs/asr.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - role: peripherique")
    middle = text.index("  - role: universitaire")
    end = text.index("priorites:")
    path.write_text(text[:start] + text[middle:end] + text[start:middle] + text[end:], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _err = run("diff", str(ROOT / "regions/normandie"), "regions/normandie")
    assert code == 0, out


def test_git_revision_side(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], cwd=tmp_path, check=True)
    path = tmp_path / "regions/normandie/campagnes/2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-02-14", "date: 2025-02-21"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("diff", "HEAD:regions/normandie", "regions/normandie", "--format", "json")
    assert code == 1, err
    changes = json.loads(out)["changements"]
    assert [(c["section"], c["chemin"], c["avant"]["date"], c["apres"]["date"]) for c in changes] == [
        ("Campagne 2025", ["calendrier", "date_limite"], "2025-02-14", "2025-02-21")
    ]
    code, out, _err = run("diff", "HEAD:regions/normandie", "regions/normandie")
    assert out.startswith(
        "Comparaison : Normandie (campagne 2025) [HEAD:regions/normandie] → Normandie (campagne 2025) [regions/normandie]"
    )
    code, _out, err = run("diff", "nimportequoi:regions/normandie", "regions/normandie")
    assert code == 2 and "révision ou chemin introuvable" in err


def test_region_against_its_national_frame(at_root: None) -> None:
    code, out, _err = run("diff", "normandie/mg-400-volet-1", "--format", "json")
    assert code == 1
    data = json.loads(out)
    zones = next(c for c in data["changements"] if c["chemin"] == ["lieux", "[ambulatoire]", "zones", "categories"])
    assert (zones["avant"], zones["apres"]) == (["ZIP", "ZAC", "QPV"], ["ZONE_SOUS_DENSE", "QPV"])
    assert any(c["chemin"] == ["statuts", "[praticien_contractuel]"] and c["type"] == "suppression" for c in data["changements"])
    code, _out, err = run("diff", "normandie/asr")
    assert code == 2 and "n'étend aucun cadre" in err


def test_one_dispositif_in_two_campaigns_compares_what_each_campaign_applies_to_it(at_root: None) -> None:
    code, out, _err = run("diff", "normandie@2025/asr", "normandie@2024/asr")
    assert code == 1 and "Aucune différence" not in out
    assert "calendrier › date limite de dépôt : 14 février 2025 (jour inclus) → 16 février 2024" in out
    assert "ville/hôpital (retiré)" not in out  # another dispositif's quota is not this one's change
    code, out, _err = run("diff", "normandie@2025/asr", "normandie@2025/asr")
    assert code == 0 and "Aucune différence." in out


def test_errors_exit_2_and_text_has_no_colour_when_piped(at_root: None) -> None:
    code, _out, err = run("diff", "bretagne", "normandie")
    assert code == 2 and "aucune région de ce nom dans le dossier regions/" in err and "Vouliez-vous dire" not in err
    code, _out, err = run("diff", "normandie", "normandei")
    assert code == 2 and "Vouliez-vous dire « normandie » ?" in err
    code, out, _err = run("diff", "normandie@2024", "normandie@2025")
    assert (
        code == 1 and "\x1b[" not in out and "± calendrier › date limite de dépôt : 16 février 2024 → 14 février 2025 (jour inclus)" in out
    )


def test_compare_matrix(at_root: None, update_goldens: bool) -> None:
    code, out, _err = run("compare", "--format", "json")
    assert code == 0
    data = {m["famille"]: m for m in json.loads(out)}
    vh = {row["parametre"]: row["valeurs"] for row in data["assistant_ville_hopital"]["lignes"]}
    assert (
        vh["Répartition du temps"]["normandie"]
        == "Structure hospitalière (CHU ou centre hospitalier périphérique) : 50 % ; Structure ambulatoire (consultations avancées) : 50 %"
    )
    assert ": 40 %, 50 % ou 60 %" in vh["Répartition du temps"]["nouvelle-aquitaine"]
    douleur = {row["parametre"]: row["valeurs"] for row in data["assistant_douleur_soins_palliatifs"]["lignes"]}
    assert douleur["Dispositif"]["ile-de-france"] == "—" and douleur["Durée"]["normandie"] == "12 mois"
    rules = {row["parametre"]: row["valeurs"] for row in data["mg_salarie_400mg"]["lignes"]}["Règles de la campagne"]
    assert "Les candidatures 400 MG ne sont pas présentées en séance" in rules["normandie"]
    assert "La commission classe" not in rules["normandie"] and rules["ile-de-france"] == "—"
    assert "La commission classe" in vh["Règles de la campagne"]["normandie"]
    _golden("compare.md", run("compare", "--format", "markdown")[1], update_goldens)
    code, _out, err = run("compare", "--famille", "inconnue")
    assert code == 2 and "famille inconnue" in err
    code, out, _err = run("compare", "--famille", "assistant_partage_etablissements", "--campagne", "2025", "--format", "json")
    read = {row["parametre"]: row["valeurs"] for row in json.loads(out)[0]["lignes"]}["Campagne lue"]
    assert read["normandie"] == "2025"  # a region with other campaigns is not said to have none
    assert read["ile-de-france"] == "2025-2027 (couvre 2025)"  # a year reads the multi-year campaign that covers it
    assert read["grand-est"] == "2024-2026 (couvre 2025)"
    assert read["guyane"] == "pas de campagne « 2025 » (campagnes de la région : aucune)"
    code, out, _err = run("compare", "--famille", "assistant_partage_etablissements", "--campagne", "2023", "--format", "json")
    read = {row["parametre"]: row["valeurs"] for row in json.loads(out)[0]["lignes"]}["Campagne lue"]
    assert (
        read["grand-est"] == "2022-2024 (couvre 2023)"
        and read["normandie"] == "pas de campagne « 2023 » (campagnes de la région : 2024, 2025)"
    )


def test_compare_refuses_rules_that_do_not_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    path = tmp_path / "regions/normandie/campagnes/2025.yaml"
    text = path.read_text(encoding="utf-8")
    assert "date: 2025-02-14" in text
    path.write_text(text.replace("date: 2025-02-14", "date: 2025-04-14"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("compare", "--famille", "assistant_partage_etablissements")
    assert code == 1 and out == ""
    assert "les règles du dossier regions/ ne sont pas valides (1 erreur) :" in err and "avant de comparer les régions" in err
    assert "regions/normandie/campagnes/2025.yaml:" in err and "[calendrier-ordre]" in err


def test_a_campaign_without_start_dates_reads_dated_values_on_january_1st(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One rule for a campaign's reference date (the schema's): date_reference, else its first
    start date, else the 1st of January of its year — not its deadline (diff used to read the
    2024 campaign, which gives only a deadline, on 16 February 2024)."""
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    path = tmp_path / "regions/normandie/dispositifs/asr.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    part: 70\n" in text
    series = "    part: {valeurs: [{depuis: 2023-01-01, jusqu_au: 2024-01-31, valeur: 60, source: ars-normandie-71-asr}, {depuis: 2024-02-01, valeur: 70, source: ars-normandie-71-asr}]}\n"
    path.write_text(text.replace("    part: 70\n", series), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("diff", "normandie@2024", "normandie@2025", "--format", "json")
    assert code == 1, err
    parts = [c for c in json.loads(out)["changements"] if c["chemin"][-1:] == ["part"]]
    assert [(c["chemin"], c["avant"], c["apres"]) for c in parts] == [(["financement", "[ars-fir]", "part"], 60, 70)]


def test_compare_says_which_campaigns_cover_the_year_it_reads(at_root: None) -> None:
    code, out, _err = run("compare", "--famille", "assistant_partage_etablissements", "--campagne", "2024", "--format", "json")
    read = {row["parametre"]: row["valeurs"] for row in json.loads(out)[0]["lignes"]}["Campagne lue"]
    assert read["grand-est"] == "2024-2026 (couvre 2024, la plus récente de 2022-2024, 2024-2026)" and read["normandie"] == "2024"
