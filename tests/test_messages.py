"""The messages ARS editors and candidates read when a YAML value is wrong: each names the fix in
French, at the value's line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from postinternat_config.schemacheck import SchemaSet
from postinternat_config.yamlload import load_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = SchemaSet(use_fast=False)

CANDIDATES = """candidats:
  - id: c-001
    specialite: pneumologie
    subdivision: caen
    projets:
      - dispositif: asr
        duree_mois: "24"
        validation_chu: oui
        structures: chu
  - id: c-002
    specialite: pneumologie
    projets:
      - dispositif: asr
        validation_chu: "false"
        structures: []
"""


def _messages(text: str, kind: str) -> list[str]:
    doc, problems = load_text(text, "f.yaml")
    assert doc is not None and problems == []
    return [p.format() for p in SCHEMAS.check(doc, kind)]


def test_candidate_values_name_the_fix() -> None:
    assert _messages(CANDIDATES, "candidats") == [
        "f.yaml:7:21: [schema-type] candidats › « c-001 » › projets › n°1 › duree_mois : la valeur « 24 » est lue comme un texte "
        "(elle est entre guillemets) ; écrivez-la sans guillemets : 24",
        "f.yaml:8:25: [schema-type] candidats › « c-001 » › projets › n°1 › validation_chu : « oui » : écrivez true (oui) ou false (non) ; ici : true",
        "f.yaml:9:21: [schema-type] candidats › « c-001 » › projets › n°1 › structures : une liste est attendue, pas « chu »",
        "f.yaml:14:25: [schema-type] candidats › « c-002 » › projets › n°1 › validation_chu : « false » : écrivez true (oui) ou false (non) "
        "sans guillemets ; ici : false",
    ]


def test_list_sizes_agree_in_number() -> None:
    assert _messages("candidats: []\n", "candidats") == [
        "f.yaml:1:12: [schema-liste] candidats : la liste doit contenir au moins 1 élément"
    ]


def _run(args: list[str]) -> tuple[int, str]:
    from click.testing import CliRunner

    from postinternat_config.cli import main

    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["diff", "normandie/asx"], "Erreur : normandie/asx : dispositif inconnu « asx ». Vouliez-vous dire « asr » ? (dispositifs : "),
        (
            ["evaluate", "examples/normandie.yaml", "--dispositif", "asx"],
            "Erreur : dispositif inconnu : asx. Vouliez-vous dire « asp » ou « asr » ? (",
        ),
        (
            ["evaluate", "examples/normandie.yaml", "--region", "normandy"],
            "Erreur : région inconnue : normandy. Vouliez-vous dire « normandie » ? (",
        ),
        (["compare", "--famille", "aumgg"], "Erreur : famille inconnue : aumgg. Vouliez-vous dire « aumg » ? (familles : "),
        (["validate", "regions/normandy"], "Erreur : chemin introuvable : regions/normandy. Vouliez-vous dire « regions/normandie » ?\n"),
        (["validate", "normandy"], "Erreur : chemin introuvable : normandy. Vouliez-vous dire « regions/normandie » ?\n"),
        (["codes", "schema-valuer"], "Erreur : code inconnu : « schema-valuer ». Vouliez-vous dire « schema-valeur » ?\n"),
    ],
)
def test_a_misspelt_name_on_the_command_line_gets_a_suggestion(args: list[str], expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, output = _run(args)
    assert code == 2
    assert output.startswith(expected), output


def test_new_suggests_the_described_region_and_never_advises_creating_a_typo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "tests" / "examples" / "base", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    assert _run(["new", "campagne", "corsse", "2026"]) == (2, "Erreur : région inconnue : corsse. Vouliez-vous dire « corse » ?\n")
    assert _run(["new", "dispositif", "corsse", "x", "--famille", "aumg"]) == (
        2,
        "Erreur : région inconnue : corsse. Vouliez-vous dire « corse » ?\n",
    )
    # a region of France not described yet: the suggestion is its name, and how to create it
    assert _run(["new", "campagne", "bretange", "2026"]) == (
        2,
        "Erreur : région inconnue : bretange, qui n'est pas le nom d'une région. Vouliez-vous dire « bretagne » ? "
        "(cette région n'est pas encore décrite : créez-la avec postinternat new region bretagne)\n",
    )
    assert _run(["new", "campagne", "bretagne", "2026"]) == (
        2,
        "Erreur : région inconnue : bretagne (créez-la avec : postinternat new region bretagne)\n",
    )
    assert _run(["new", "region", "bretange"]) == (
        2,
        "Erreur : « bretange » n'est pas le nom d'une région. Vouliez-vous dire « bretagne » ? "
        "(Pour un autre nom de dossier, donnez le code de la région avec --code.)\n",
    )
    assert not (tmp_path / "regions" / "bretange").exists()


def test_one_helper_decides_which_name_a_typo_meant() -> None:
    from postinternat_config.suggestions import closest, did_you_mean

    assert closest("Normandy", ["bretagne", "normandie"]) == "normandie"
    assert closest("Île-de-france", ["ile-de-france"]) == "ile-de-france"  # case and accents
    assert closest("CH", ["ch", "chu"]) == "ch"
    assert closest("mg-400", ["mg-400-volet-1", "mg-400-volet-2"]) is None  # two equally close
    assert did_you_mean("mg-400", ["mg-400-volet-2", "mg-400-volet-1"]) == "Vouliez-vous dire « mg-400-volet-1 » ou « mg-400-volet-2 » ?"
    assert did_you_mean("zzz", ["normandie"]) == ""
    assert did_you_mean("x" * 101, ["x" * 101]) == ""


def test_a_malformed_code_gets_the_code_of_its_own_field() -> None:
    text = """candidats:
  - id: c-001
    specialite: Pneumologie
    subdivision: Rouen
    projets:
      - dispositif: asr
        region: Île de France
        structures:
          - {role: peripherique, type: CH, quotite: 60}
          - {role: peripherique, type: Hôpital Local, quotite: 40}
"""
    rule = "doit être en minuscules sans accent, chiffres et tirets"
    assert _messages(text, "candidats") == [
        f"f.yaml:3:17: [schema-format] candidats › « c-001 » › specialite : « Pneumologie » {rule}. Vouliez-vous dire « pneumologie » ?",
        f"f.yaml:4:18: [schema-format] candidats › « c-001 » › subdivision : « Rouen » {rule}. Vouliez-vous dire « rouen » ?",
        f"f.yaml:7:17: [schema-format] candidats › « c-001 » › projets › n°1 › region : « Île de France » {rule}. Vouliez-vous dire « ile-de-france » ?",
        f"f.yaml:9:40: [schema-format] candidats › « c-001 » › projets › n°1 › structures › n°1 › type : « CH » {rule}. Vouliez-vous dire « ch » ?",
        # not a known structure type: examples of structure types, not of dispositif ids
        f"f.yaml:10:40: [schema-format] candidats › « c-001 » › projets › n°1 › structures › n°2 › type : « Hôpital Local » {rule} (exemple : ch)",
    ]


@pytest.mark.parametrize(
    ("args", "purpose"),
    [
        (["quotas", "corse", "--postes", "3"], "avant de répartir les postes"),
        (["export", "rules", "--output", "export"], "avant d'exporter les règles"),
        (["evaluate", "candidats.yaml"], "avant d'évaluer des candidats"),
    ],
)
def test_invalid_rules_stop_a_command_with_its_own_words(
    args: list[str], purpose: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "tests" / "examples" / "base", tmp_path, dirs_exist_ok=True)
    partage = tmp_path / "regions" / "corse" / "dispositifs" / "partage.yaml"
    partage.write_text(partage.read_text(encoding="utf-8").replace("types: [chu]", "types: [chux]"), encoding="utf-8")
    (tmp_path / "candidats.yaml").write_text(
        "candidats:\n  - id: c-1\n    specialite: pneumologie\n    projets:\n      - {dispositif: partage, region: corse}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code, output = _run(args)
    assert code == 1
    assert output == (
        "Erreur : les règles du dossier regions/ ne sont pas valides (1 erreur) :\n"
        "  regions/corse/dispositifs/partage.yaml:18:13: [referentiel] le type de structure « chux » n'existe pas dans le référentiel. "
        "Vouliez-vous dire « chu » ?\n"
        f"Corrigez-la {purpose} : postinternat validate regions/ la montre.\n"
    )


def test_invalid_rules_message_counts_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "tests" / "examples" / "base", tmp_path, dirs_exist_ok=True)
    partage = tmp_path / "regions" / "corse" / "dispositifs" / "partage.yaml"
    text = partage.read_text(encoding="utf-8").replace("types: [chu]", "types: [chux]").replace("types: [ch]", "types: [chx]")
    partage.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, output = _run(["quotas", "corse", "--postes", "3"])
    assert code == 1
    assert output.startswith("Erreur : les règles du dossier regions/ ne sont pas valides (2 erreurs), par exemple :\n  regions/corse/")
    assert output.endswith("\nCorrigez-les avant de répartir les postes : postinternat validate regions/ les liste toutes.\n")


def test_what_stops_the_site_is_counted_in_agreed_french() -> None:
    from postinternat_config.validation import unpublishable

    assert unpublishable(1, 0) == "1 erreur dans les régions, qui serait publiée telle quelle"
    assert unpublishable(2, 0) == "2 erreurs dans les régions, qui seraient publiées telles quelles"
    assert unpublishable(0, 1) == "1 texte « À compléter » dans les régions, qui serait publié tel quel"
    assert unpublishable(1, 12) == "1 erreur et 12 textes « À compléter » dans les régions, qui seraient publiés tels quels"


def test_site_build_counts_what_stops_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "tests" / "examples" / "base", tmp_path, dirs_exist_ok=True)
    partage = tmp_path / "regions" / "corse" / "dispositifs" / "partage.yaml"
    partage.write_text(partage.read_text(encoding="utf-8").replace("types: [chu]", "types: [chux]"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, output = _run(["site", "build", "--output", "site"])
    assert code == 1
    assert output.startswith(
        "Erreur : site non construit : 1 erreur dans les régions, qui serait publiée telle quelle :\n"
        "  regions/corse/dispositifs/partage.yaml:18:13: [referentiel]"
    )
    assert output.rstrip().endswith("Corrigez puis relancez : postinternat validate --strict montre tout ce qui reste à faire.")
    assert "--brouillon" not in output  # an error blocks the draft preview too


def test_diff_refusing_unreadable_files_agrees_in_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "tests" / "examples" / "base", tmp_path, dirs_exist_ok=True)
    partage = tmp_path / "regions" / "corse" / "dispositifs" / "partage.yaml"
    partage.write_text(partage.read_text(encoding="utf-8").replace("duree: {mois: 24,", 'duree: {mois: "24",'), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, output = _run(["compare", "--famille", "assistant_partage_etablissements"])
    assert output.startswith("Erreur : 1 fichier illisible ou non conforme au schéma parmi les fichiers comparés :\n  regions/corse/")
    assert output.endswith("\nCorrigez-le (postinternat validate) avant de comparer.\n")


def test_a_key_glued_to_its_value_is_said_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """« mois:24 » is one text for YAML: the next key fails; the message points at the missing space."""
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    path = tmp_path / "regions/normandie/dispositifs/asr.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\n  mois: 24\n" in text
    path.write_text(text.replace("\n  mois: 24\n", "\n  mois:24\n", 1), encoding="utf-8")
    line = text.split("\n  mois: 24\n")[0].count("\n") + 2
    monkeypatch.chdir(tmp_path)
    code, output = _run(["validate", "regions/normandie/dispositifs/asr.yaml"])
    assert code == 1
    assert (
        f"regions/normandie/dispositifs/asr.yaml:{line}:7: [yaml-syntaxe] « mois:24 » : il manque une espace après « : » (écrivez « mois: 24 »)"
        in output
    )


def test_a_no_break_space_before_the_colon_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    path = tmp_path / "regions/normandie/dispositifs/asr.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n  mois: 24\n", "\n  mois\u00a0: 24\n", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, output = _run(["validate", "regions/normandie/dispositifs/asr.yaml"])
    assert code == 1
    assert (
        "champ inconnu « mois\u00a0 ». Le nom est suivi ou précédé d'une espace (souvent insécable, invisible à l'écran) : écrivez « mois: »"
        in output
    )


def test_a_number_written_with_its_unit_is_told_to_drop_it() -> None:
    schemas = SchemaSet()
    doc, problems = load_text(
        "candidats:\n  - id: c\n    projets:\n      - {duree_mois: 24 mois, structures: [{quotite: 60 %}]}\n", "c.yaml"
    )
    assert doc is not None and not problems
    messages = [p.message for p in schemas.check(doc, "candidats")]
    assert "candidats › « c » › projets › n°1 › duree_mois : « 24 mois » : écrivez le nombre seul, sans « mois » : 24" in messages
    assert any(m.endswith("« 60 % » : écrivez le nombre seul, sans « % » : 60") for m in messages), messages
    # another unit than the field's is never dropped (2 ans are not 2 months)
    doc, problems = load_text("candidats:\n  - id: c\n    projets:\n      - {duree_mois: 2 ans}\n", "c.yaml")
    assert doc is not None
    assert [p.message for p in schemas.check(doc, "candidats")] == [
        "candidats › « c » › projets › n°1 › duree_mois : « 2 ans » : un nombre entier est attendu en mois, sans unité"
    ]
