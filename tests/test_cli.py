"""The command line: exit codes, formats, French usage errors, no traceback ever."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from postinternat_config import cli
from postinternat_config.cli import main

from conftest import run

EXAMPLES = Path(__file__).parent / "examples"


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(EXAMPLES / "base", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_help_ends_with_an_example(command: str) -> None:
    code, out, _err = run(command, "--help")
    assert code == 0
    assert "Exemple" in out
    assert any(line.strip().startswith("postinternat ") for line in out.splitlines())
    assert "Show this message" not in out and "default:" not in out
    english = [word for word in ("TEXT", "INTEGER", "PATHS?", "FLOAT", "FILE", "COMMAND", "ARGS", r"\[required\]", "x>=", "<=x") if re.search(rf"(?<![A-Z]){word}(?![A-Z])", out)]
    assert english == [], english


def test_valid_tree_exits_0_with_summary_on_stderr(base: Path) -> None:
    code, out, err = run("validate")
    assert (code, out) == (0, "")
    assert err.strip() == "1 région, 9 fichiers : 9 valides, 0 en erreur (0 erreur, 0 avertissement)"


def test_missing_path_is_a_french_usage_error(base: Path) -> None:
    code, out, err = run("validate", "nulle-part")
    assert code == 2 and out == ""
    assert err.strip() == "Erreur : chemin introuvable : nulle-part"


def test_no_regions_folder_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run("validate")
    assert code == 2 and "aucun dossier regions/" in err


def _break(base: Path) -> None:
    path = base / "regions/corse/dispositifs/partage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("famille: assistant_partage_etablissements", "famille: autre"), encoding="utf-8")


def test_json_format_is_stable(base: Path) -> None:
    _break(base)
    code, out, _err = run("validate", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["statut"] == "erreur" and data["erreurs"] == 1 and data["regions"] == ["corse"]
    assert data["problemes"] == [
        {
            "fichier": "regions/corse/dispositifs/partage.yaml",
            "ligne": 4,
            "colonne": 10,
            "code": "schema-valeur",
            "niveau": "erreur",
            "message": data["problemes"][0]["message"],
        }
    ]
    assert data["problemes"][0]["message"].startswith("famille : « autre » n'est pas une valeur admise.")


def test_github_format_makes_annotations(base: Path) -> None:
    _break(base)
    code, out, _err = run("validate", "--format", "github")
    assert code == 1
    assert out.startswith("::error file=regions/corse/dispositifs/partage.yaml,line=4,col=10,title=[schema-valeur]::famille : ")


def test_strict_makes_warnings_fail(base: Path) -> None:
    sources = base / "regions/corse/sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "  - {id: inutile, titre: T, emetteur: E, type: page, revue: 2026-01-01}\n", encoding="utf-8")
    code, out, _err = run("validate")
    assert code == 0 and "[source-inutilisee] (avertissement)" in out
    code, _out, err = run("validate", "--strict")
    assert code == 1 and "--strict" in err


def test_single_file_is_checked_in_its_region(base: Path) -> None:
    _break(base)
    code, out, _err = run("validate", "regions/corse/campagnes/2025.yaml")
    assert code == 0 and out == ""
    code, out, _err = run("validate", "regions/corse/dispositifs/partage.yaml")
    assert code == 1 and out.startswith("regions/corse/dispositifs/partage.yaml:4:10: [schema-valeur]")


def test_loose_file_uses_its_schema_line(base: Path) -> None:
    loose = base / "brouillon.yaml"
    loose.write_text("# yaml-language-server: $schema=schemas/region.schema.json\ncode: 28\n", encoding="utf-8")
    code, out, _err = run("validate", "brouillon.yaml")
    assert code == 1
    assert "brouillon.yaml:2:7: [schema-type] code : la valeur 28 n'est pas lue comme un texte" in out
    unknown = base / "autre.yaml"
    unknown.write_text("a: 1\n", encoding="utf-8")
    code, out, _err = run("validate", "autre.yaml")
    assert code == 1 and "[fichier-inconnu]" in out


def test_misplaced_files_are_warned(base: Path) -> None:
    (base / "regions/corse/dispositifs/vieux.yml").write_text("id: vieux\n", encoding="utf-8")
    (base / "regions/corse/notes.yaml").write_text("a: 1\n", encoding="utf-8")
    code, out, _err = run("validate")
    assert code == 0
    assert "regions/corse/dispositifs/vieux.yml:1:1: [fichier-ignore] (avertissement)" in out
    assert "regions/corse/notes.yaml:1:1: [fichier-ignore] (avertissement)" in out


def test_unexpected_failure_names_the_file_and_exits_3(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postinternat_config.rules import quotite

    def boom(ctx: object) -> None:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(quotite, "check", boom)
    code, out, err = run("validate")
    assert code == 3 and out == ""
    assert "Erreur interne pendant la lecture de regions/" in err
    assert "(type RuntimeError)" in err and "panne simulée" not in err  # the exception's text is not French in general
    assert "Traceback" not in err


def test_no_colour_when_piped_or_no_color(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break(base)
    monkeypatch.setenv("NO_COLOR", "1")
    _code, out, _err = run("validate")
    assert "\x1b[" not in out


def test_help_starts_fast_without_heavy_imports() -> None:
    code = (
        "import sys, postinternat_config.cli as c\n"
        "heavy = [m for m in ('jsonschema', 'jinja2', 'jsonschema_rs', 'referencing') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_exit_codes_are_documented() -> None:
    assert (cli.EXIT_OK, cli.EXIT_PROBLEMS, cli.EXIT_USAGE, cli.EXIT_INTERNAL) == (0, 1, 2, 3)
    assert "3 erreur interne" in (main.help or "")


def test_click_usage_errors_are_french() -> None:
    result = CliRunner().invoke(main, ["validate", "--nope"])
    assert result.exit_code == 2
    assert "Erreur : option inconnue : --nope." in result.stderr
    result = CliRunner().invoke(main, ["validate", "--format", "xml"])
    assert result.exit_code == 2 and "n'est pas l'un des choix" in result.stderr


def test_subcommand_help_is_french() -> None:
    import click

    checked = 0
    for name, command in sorted(main.commands.items()):
        for sub in sorted(command.commands) if isinstance(command, click.Group) else []:
            code, out, _err = run(name, sub, "--help")
            assert code == 0 and out.startswith("Utilisation : ")
            assert not re.search(r"(?<![A-Z])(TEXT|INTEGER|PATHS?|FLOAT|FILE|COMMAND|ARGS)(?![A-Z])|\[required\]|default:", out), (name, sub, out)
            checked += 1
    assert checked >= 6  # new region|dispositif|campagne, site build|serve, zonage import|lookup
