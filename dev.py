#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+.

    python3 dev.py run    # creates .venv, installs the tool, validates regions/, builds the site
    python3 dev.py test   # creates .venv, installs the tool and test tools, runs the tests

Extra arguments after `test` go to pytest (python3 dev.py test -k loader).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def setup(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit("postinternat-config demande Python 3.11 ou plus récent.")
    if not _python().exists():
        print("Création de l'environnement .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installe-{extras.replace(',', '-') or 'base'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return  # already installed (editable: code changes need no reinstall)
    target = f".[{extras}]" if extras else "."
    print(f"Installation (pip install -e {target}) ...", flush=True)
    subprocess.run(
        [str(_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target],
        cwd=ROOT,
        check=True,
    )
    stamp.write_text(wanted, encoding="utf-8")


def run(args: list[str]) -> int:
    return subprocess.run(args, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    if argv[0] == "run":
        setup("")
        code = run([str(BIN / "postinternat"), "validate", *argv[1:]])
        if code != 0:
            return code
        return run([str(BIN / "postinternat"), "site", "build", "--output", "build/site"])
    setup("test")
    code = run([str(_python()), "-m", "pytest", *argv[1:]])
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
