#!/usr/bin/env python3
"""Regenerate the README's problem-code tables from the registry (postinternat_config/codes.py).

python3 tools/docs.py          # rewrite the block between the README's « codes » markers
python3 tools/docs.py --check  # exit 1 if the README differs from the registry
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from postinternat_config.codes import readme_section  # noqa: E402

BEGIN = "<!-- debut: codes (généré par python3 tools/docs.py : ne pas modifier à la main) -->"
END = "<!-- fin: codes -->"


def regenerate(text: str) -> str:
    """The README text with the generated block replaced."""
    head, _sep, rest = text.partition(BEGIN)
    _old, sep, tail = rest.partition(END)
    if not sep:
        raise SystemExit(f"README.md : repères introuvables ({BEGIN} ... {END})")
    return f"{head}{BEGIN}\n{readme_section()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    wanted = regenerate(text)
    if "--check" in argv:
        if wanted != text:
            print("README.md n'est plus à jour : lancez python3 tools/docs.py", file=sys.stderr)
            return 1
        return 0
    if wanted != text:
        readme.write_text(wanted, encoding="utf-8")
        print("README.md mis à jour")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
