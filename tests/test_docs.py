"""Documentation coverage: every problem code the tool can emit is explained in the README."""

from __future__ import annotations

import re
from pathlib import Path

from postinternat_config.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _emitted_codes() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "postinternat_config").rglob("*.py"):
        if path.name == "codes.py":  # the table of explanations, not an emitter
            continue
        codes.update(re.findall(r'"((?:yaml|schema|fichier)(?:-[a-z0-9]+)+)"', path.read_text(encoding="utf-8")))
    codes.update(rule.ID for rule in RULES)
    codes.update({"source-inutilisee", "schema"})
    return codes


def test_every_problem_code_is_in_the_readme() -> None:
    codes = _emitted_codes()
    assert len(codes) > 25
    missing = sorted(code for code in codes if f"`{code}`" not in README)
    assert missing == []


def test_every_rule_has_a_docstring() -> None:
    for rule in RULES:
        assert rule.__doc__ and len(rule.__doc__.strip()) > 40, rule.__name__
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.ID)


def test_readme_gives_the_two_commands() -> None:
    assert "python3 dev.py run" in README and "python3 dev.py test" in README
    assert "python3 dev.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
