"""The code is formatted and linted by ruff (configured in pyproject.toml): a failure here lists
the lines, and « ruff format . » / « ruff check --fix . » mend most of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_code_is_formatted() -> None:
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_passes_the_linter() -> None:
    result = _ruff("check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_line_of_code_is_longer_than_140_columns_but_a_message() -> None:
    """The formatter keeps code within 140 columns; only lines holding a string (a French message
    kept whole so that it can be found with grep) may be longer."""
    long_lines = []
    for path in sorted((ROOT / "postinternat_config").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if len(line) > 140 and '"' not in line and "'" not in line:
                long_lines.append(f"{path.relative_to(ROOT)}:{number}")
    assert long_lines == []
