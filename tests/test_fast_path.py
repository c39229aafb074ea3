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
