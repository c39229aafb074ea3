"""The compiled validator (jsonschema-rs) is only a fast path: messages are the same without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import lay_case

from postinternat_config.validation import validate

EXAMPLES = Path(__file__).parent / "examples"
jsonschema_rs = pytest.importorskip("jsonschema_rs")


@pytest.mark.parametrize("case", sorted(p.name for p in (EXAMPLES / "invalid").iterdir()))
def test_same_problems_with_and_without_fast_path(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lay_case("invalid", case, tmp_path)
    monkeypatch.chdir(tmp_path)
    fast = validate([Path("regions")], use_fast=True)
    slow = validate([Path("regions")], use_fast=False)
    assert fast.fast_path and not slow.fast_path
    assert fast.problems == slow.problems
    assert fast.problems


def test_a_valid_run_never_imports_the_python_validator() -> None:
    """With the fast path, jsonschema (which writes the messages) is imported only when a file
    fails: validating on save stays quick."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from postinternat_config.validation import validate\n"
        "report = validate([Path('regions/normandie/dispositifs/asr.yaml')])\n"
        "assert report.errors == 0, report.problems\n"
        "print('jsonschema' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
