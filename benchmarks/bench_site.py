"""Benchmark: `site build` against a bare `mkdocs build` of the same generated pages.

On the national-scale dataset (18 regions x 8 programmes): `site build` = validation, page and
data generation, then `mkdocs build --strict`; the bare build runs `mkdocs build --strict` on the
very project `site build` gives MkDocs (laid out by the same function, ``lay_out_project``).
Target (issue 6): our generation adds less than 30 %.

Each figure is the best of --repeat runs, in wall time and in CPU time (this process and its
children: MkDocs runs in a child process); on a busy machine the CPU time is the steadier one.

    python benchmarks/bench_site.py [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import main as generate  # noqa: E402

from postinternat_config.site import build_site, lay_out_project, render_pages  # noqa: E402


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time (this process and its children) of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        before, started = os.times(), time.perf_counter()
        fn()
        wall, after = time.perf_counter() - started, os.times()
        walls.append(wall)
        cpus.append(sum(after[:4]) - sum(before[:4]))  # user, system, children's user and system
    return min(walls), min(cpus)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        with contextlib.redirect_stdout(io.StringIO()):
            generate(base)
        regions = base / "regions"
        ours = measure(lambda: build_site(regions, base / "site"), args.repeat)
        render = measure(lambda: render_pages(regions), args.repeat)
        files = render_pages(regions)
        project = base / "projet"
        lay_out_project(files, project)  # the very project build_site gives MkDocs
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(base / "nu")]

        def bare() -> None:
            shutil.rmtree(base / "nu", ignore_errors=True)
            subprocess.run(command, check=True, env=env)

        alone = measure(bare, args.repeat)
        pages = sum(1 for name in files if name.endswith(".md"))
    print(f"{pages} pages générées (meilleur de {args.repeat} essai(s) ; durée réelle / temps processeur)")
    print(
        f"site build complet : {ours[0]:.2f} s / {ours[1]:.2f} s (dont génération des pages et des données : {render[0]:.2f} s / {render[1]:.2f} s)"
    )
    print(f"mkdocs build seul, mêmes pages : {alone[0]:.2f} s / {alone[1]:.2f} s")
    print(
        f"surcoût de notre génération : {(ours[0] - alone[0]) / alone[0]:.0%} en durée réelle, {(ours[1] - alone[1]) / alone[1]:.0%} en temps processeur (cible < 30 %)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
