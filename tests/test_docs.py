"""Documentation coverage: rules are documented, the README gives the two commands (the problem
codes are checked in test_codes.py)."""

from __future__ import annotations

import re
from pathlib import Path

from postinternat_config.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_rule_has_a_docstring() -> None:
    for rule in RULES:
        assert rule.__doc__ and len(rule.__doc__.strip()) > 40, rule.__name__
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.ID)


def test_readme_gives_the_two_commands() -> None:
    assert "python3 dev.py run" in README and "python3 dev.py test" in README
    assert "python3 dev.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
