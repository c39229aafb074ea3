"""Example folders run automatically.

Each case of ``tests/examples/{valid,invalid}/<case>/`` holds only the files that differ from the
base fixture ``tests/examples/base/`` (a fictional but complete region). The case is laid over a copy
of the base and validated; an invalid case lists in ``attendu.txt`` the exact problem lines expected,
and may give extra arguments in ``arguments.txt`` (``--strict`` for a warning-only case) and base
files to delete in ``supprimer.txt``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import lay_case

from postinternat_config.cli import main

EXAMPLES = Path(__file__).parent / "examples"


def _cases(group: str) -> list[str]:
    return sorted(p.name for p in (EXAMPLES / group).iterdir() if p.is_dir())


def _run_case(group: str, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    case_dir = lay_case(group, case, tmp_path)
    monkeypatch.chdir(tmp_path)
    arguments = case_dir / "arguments.txt"
    extra = arguments.read_text(encoding="utf-8").split() if arguments.exists() else []
    result = CliRunner().invoke(main, ["validate", *extra], catch_exceptions=False)
    return result.exit_code, result.stdout.splitlines()


def test_base_fixture_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "base", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--strict"], catch_exceptions=False)
    assert result.stdout == ""
    assert result.exit_code == 0


@pytest.mark.parametrize("case", _cases("valid"))
def test_valid_example(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = _run_case("valid", case, tmp_path, monkeypatch)
    assert lines == []
    assert code == 0


@pytest.mark.parametrize("case", _cases("invalid"))
def test_invalid_example(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    code, lines = _run_case("invalid", case, tmp_path, monkeypatch)
    expected_file = EXAMPLES / "invalid" / case / "attendu.txt"
    if update_goldens:
        expected_file.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert lines == expected
    assert code == 1
