from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The regions described in regions/ (every one has its examples/<region>.yaml and its vectors).
REGIONS_DESCRIBED = sorted(p.name for p in (ROOT / "regions").iterdir() if (p / "region.yaml").is_file())
EXAMPLES = ROOT / "tests" / "examples"
CASE_CONTROL = ("attendu.txt", "arguments.txt", "supprimer.txt")


def lay_case(group: str, case: str, target: Path) -> Path:
    """Copy the base fixture to ``target`` and lay an example case over it; returns the case folder."""
    shutil.copytree(EXAMPLES / "base", target, dirs_exist_ok=True)
    case_dir = EXAMPLES / group / case
    for path in case_dir.rglob("*"):
        if path.is_file() and path.name not in CASE_CONTROL:
            destination = target / path.relative_to(case_dir)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    removals = case_dir / "supprimer.txt"
    for name in removals.read_text(encoding="utf-8").split() if removals.exists() else []:
        (target / name).unlink()
    return case_dir


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from postinternat_config.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ARS repository: the national frame only, as the working directory."""
    shutil.copytree(ROOT / "regions" / "_national", tmp_path / "regions" / "_national")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite expected outputs (review the diff before committing)")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))
