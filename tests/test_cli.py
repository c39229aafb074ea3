"""The command line: exit codes, formats, French usage errors, no traceback ever."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import run

from postinternat_config import cli
from postinternat_config.cli import main

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
    english = [
        word
        for word in ("TEXT", "INTEGER", "PATHS?", "FLOAT", "FILE", "COMMAND", "ARGS", r"\[required\]", "x>=", "<=x")
        if re.search(rf"(?<![A-Z]){word}(?![A-Z])", out)
    ]
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
    path.write_text(
        path.read_text(encoding="utf-8").replace("famille: assistant_partage_etablissements", "famille: autre"), encoding="utf-8"
    )


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
    sources.write_text(
        sources.read_text(encoding="utf-8") + "  - {id: inutile, titre: T, emetteur: E, type: page, revue: 2026-01-01}\n", encoding="utf-8"
    )
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
        "from click.testing import CliRunner\n"
        "assert CliRunner().invoke(c.main, ['--help']).exit_code == 0\n"
        "heavy = [m for m in ('jsonschema', 'jinja2', 'jsonschema_rs', 'referencing', 'yaml', 'openpyxl') if m in sys.modules]\n"
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
    assert result.exit_code == 2 and "n'est pas l'un des choix « text », « json »" in result.stderr


def test_command_lists_give_whole_summaries() -> None:
    """Each command's one-line summary in the lists of `--help` is whole, never cut by « ... »."""
    import click

    groups = [()] + [(name,) for name, command in sorted(main.commands.items()) if isinstance(command, click.Group)]
    for group in groups:
        code, out, _err = run(*group, "--help")
        listed = out.split("Commandes:", 1)[1]
        assert code == 0 and listed.strip() and "..." not in listed, (group, listed)


def test_subcommand_help_is_french() -> None:
    import click

    checked = 0
    for name, command in sorted(main.commands.items()):
        for sub in sorted(command.commands) if isinstance(command, click.Group) else []:
            code, out, _err = run(name, sub, "--help")
            assert code == 0 and out.startswith("Utilisation : ")
            assert not re.search(r"(?<![A-Z])(TEXT|INTEGER|PATHS?|FLOAT|FILE|COMMAND|ARGS)(?![A-Z])|\[required\]|default:", out), (
                name,
                sub,
                out,
            )
            checked += 1
    assert checked >= 6  # new region|dispositif|campagne, site build|serve, zonage import|lookup


def _command_functions() -> list[tuple[str, Any]]:
    import ast

    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in ("command", "group")
            for d in node.decorator_list
        ):
            found.append((node.name, node))
    return found


def test_every_command_goes_through_the_guard_and_never_exits_itself() -> None:
    import ast

    commands = _command_functions()
    assert len(commands) >= 15
    for name, node in commands:
        inner = [n.name for n in ast.walk(node) if isinstance(n, ast.FunctionDef) and n is not node]
        assert "run" not in inner, name
        exits = [n for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "exit"]
        assert exits == [], f"{name} calls sys.exit itself"
        if not any(isinstance(n, ast.Return) for n in ast.walk(node)):
            continue  # a group: no body to guard
        names = [ast.unparse(d) for d in node.decorator_list]
        assert names[-1].startswith("guarded("), f"{name}: @guarded must be the decorator next to the function"


def test_the_guard_names_the_file_being_read_and_exits_3(tmp_path: Path) -> None:
    import click

    from postinternat_config.progress import current_file, set_current_file

    @click.command()
    @cli.guarded()
    def broken() -> int:
        set_current_file("regions/corse/dispositifs/partage.yaml")
        raise ValueError("a long English text")

    result = CliRunner().invoke(broken, [])
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.startswith("Erreur interne pendant la lecture de regions/corse/dispositifs/partage.yaml (type ValueError).")
    assert "English" not in result.stderr and "Traceback" not in result.stderr

    # each run starts afresh: a name set before (by another run, or a direct library call) is not
    # reported, and comes back after
    set_current_file("avant.yaml")

    @click.command()
    @cli.guarded()
    def silent() -> int:
        raise ValueError("no file named")

    result = CliRunner().invoke(silent, [])
    assert result.exit_code == 3 and result.stderr.startswith("Erreur interne (type ValueError).")
    assert current_file() == "avant.yaml"


def test_the_guard_maps_errors_to_french_messages_and_codes() -> None:
    import click

    from postinternat_config.problems import PostinternatError, UsageError

    def command(error: BaseException, **options: int) -> click.Command:
        @click.command()
        @cli.guarded(**options)
        def failing() -> int:
            raise error

        return failing

    cases = [
        (command(UsageError("argument refusé")), 2, "Erreur : argument refusé"),
        (command(PostinternatError("données fausses")), 1, "Erreur : données fausses"),
        (command(PostinternatError("données fausses"), error_code=2), 2, "Erreur : données fausses"),
        (command(FileNotFoundError(2, "No such file", "absent.yaml")), 2, "Erreur : fichier absent.yaml : fichier introuvable"),
        (command(KeyboardInterrupt()), 130, "Interrompu."),
        (command(RuntimeError("boom")), 3, "Erreur interne (type RuntimeError)."),
    ]
    for failing, code, message in cases:
        result = CliRunner().invoke(failing, [])
        assert (result.exit_code, result.stderr.splitlines()[0]) == (code, message)


def test_the_guard_exits_with_the_code_the_body_returns() -> None:
    import click

    @click.command()
    @cli.guarded()
    def fine() -> int:
        click.echo("fait")
        return cli.EXIT_PROBLEMS

    result = CliRunner().invoke(fine, [])
    assert (result.exit_code, result.stdout) == (1, "fait\n")


def test_the_library_reads_no_current_parameter() -> None:
    import inspect

    from postinternat_config import validation, workspace

    for function in (validation.validate, validation.validate_trees, workspace.load_tree):
        assert "current" not in inspect.signature(function).parameters


def test_an_unexpected_failure_while_evaluating_names_the_candidates_file(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postinternat_config import evaluation_report

    def boom(*_args: object) -> object:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(evaluation_report, "evaluate_entries", boom)
    (base / "lot.yaml").write_text("candidats: []\n", encoding="utf-8")
    code, _out, err = run("evaluate", "lot.yaml")
    assert code == 3 and "Erreur interne pendant la lecture de lot.yaml (type RuntimeError)." in err


def test_each_json_output_is_its_library_result_as_dict(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library gives the result (one call), the command only prints its as_dict()."""
    from datetime import date

    from postinternat_config.codes import listing
    from postinternat_config.compare import compare
    from postinternat_config.diff import diff
    from postinternat_config.outdated import review
    from postinternat_config.quotas import distribute
    from postinternat_config.rulebook import load_rulebook

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    regions = Path("regions")
    interns = Path("examples/internes-normandie.yaml")
    expected = {
        ("quotas", "normandie", "--internes", str(interns), "--postes", "20"): distribute(
            load_rulebook(regions), "normandie", None, interns, 20
        ).as_dict(),
        ("outdated", "normandie", "--as-of", "2030-01-01"): review(regions, "normandie", date(2030, 1, 1), 12).as_dict(),
        ("codes", "yaml-vide"): listing("yaml-vide").as_dict(),
        ("compare", "--famille", "aumg"): [m.as_dict() for m in compare(regions, "aumg", None)],
        ("diff", "normandie@2024", "normandie@2025"): diff("normandie@2024", "normandie@2025", regions, Path(".")).as_dict(),
    }
    for args, data in expected.items():
        _code, out, _err = run(*args, "--format", "json")
        assert out == json.dumps(data, ensure_ascii=False, indent=2) + "\n", args


def test_library_results_refuse_what_the_command_refused(tmp_path: Path) -> None:
    from postinternat_config.codes import listing
    from postinternat_config.outdated import review
    from postinternat_config.problems import UsageError
    from postinternat_config.zonage_tools import find_zone, import_zonage

    with pytest.raises(UsageError, match="Vouliez-vous dire « yaml-vide »"):
        listing("yaml-vid")
    with pytest.raises(UsageError, match="dossier des régions introuvable"):
        from datetime import date

        review(tmp_path / "nulle-part", None, date(2030, 1, 1), 12)
    with pytest.raises(UsageError, match="indiquez un code INSEE"):
        find_zone(tmp_path, "  ")
    with pytest.raises(UsageError, match="fichier introuvable"):
        import_zonage(tmp_path, "corse", tmp_path / "absent.csv")
    found = find_zone(tmp_path, "14118")
    assert found.lines() == ["Caen (14118, Calvados, Normandie) : région non décrite dans regions/"]
    assert found.as_dict()["communes"][0]["code"] == "14118"


def test_a_misspelt_command_gets_french_suggestions() -> None:
    code, _out, err = run("valdate")
    assert code == 2 and "commande inconnue : valdate." in err
    assert "Vouliez-vous dire l'un de ces choix : « evaluate », « validate » ?" in err and "one of" not in err
