"""Create an example case folder from the base fixture: tests/examples/<valid|invalid>/<name>/.

Usage: python tools/make_case.py invalid NAME FILE OLD NEW   (replace text OLD by NEW in FILE)
       python tools/make_case.py invalid NAME FILE --write CONTENT
FILE is relative to tests/examples/base (e.g. regions/corse/dispositifs/mg.yaml). The case holds
only the changed file; `attendu.txt` is written by tests/test_examples.py --update only after review.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "examples"


def main(argv: list[str]) -> None:
    group, name, file = argv[:3]
    source = ROOT / "base" / file
    target = ROOT / group / name / file
    target.parent.mkdir(parents=True, exist_ok=True)
    if argv[3] == "--write":
        target.write_text(argv[4], encoding="utf-8")
        return
    old, new = argv[3], argv[4]
    text = (target if target.exists() else source).read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"text not found in {file}: {old!r}")
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
