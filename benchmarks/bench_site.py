"""Benchmark: `postinternat site build` against a bare `mkdocs build` of the same generated pages.

On the national-scale dataset (18 regions x 8 programmes), each side in a new process, as a user
runs it: `postinternat site build` (validation, page and data generation, then `mkdocs build
--strict`) against `mkdocs build --strict` on the very project `site build` gives MkDocs (laid out
by the same function, ``lay_out_project``). Target (issue 6, issue 11): our generation adds less
than 30 %.

Both commands run once unmeasured first (the first MkDocs run after a boot reads its theme from
a cold disk), then alternate --repeat times; each figure is the median wall time and the median
CPU time of the child processes (on a busy machine the CPU time is the steadier one). The page and
data generation alone (``render_pages``, in this process, warm) is given beside them.

    python benchmarks/bench_site.py [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import main as generate  # noqa: E402

from postinternat_config.site import lay_out_project, render_pages  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed tool runs from its compiled bytecode


def child(command: list[str], before_each: Path | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of ``command`` run in a new process."""
    if before_each is not None:
        shutil.rmtree(before_each, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=ENV)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        with contextlib.redirect_stdout(io.StringIO()):
            generate(base)
        regions = base / "regions"
        files = render_pages(regions)
        started, cpu = time.perf_counter(), time.process_time()
        files = render_pages(regions)
        render = (time.perf_counter() - started, time.process_time() - cpu)
        project = base / "projet"
        lay_out_project(files, project)  # the very project `site build` gives MkDocs
        ours = [sys.executable, "-m", "postinternat_config", "site", "build", "--regions", str(regions), "--output", str(base / "site")]
        bare = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(base / "nu")]
        child(ours)  # warm-up of both: disk cache, bytecode
        child(bare, base / "nu")
        runs_ours, runs_bare = [], []
        for _ in range(args.repeat):
            runs_ours.append(child(ours))
            runs_bare.append(child(bare, base / "nu"))
        pages = sum(1 for name in files if name.endswith(".md"))
    ours_wall, ours_cpu = (statistics.median(r[i] for r in runs_ours) for i in (0, 1))
    bare_wall, bare_cpu = (statistics.median(r[i] for r in runs_bare) for i in (0, 1))
    print(f"{pages} pages générées (médiane de {args.repeat} essai(s), chacun dans un nouveau processus ; durée réelle / temps processeur)")
    print(f"postinternat site build : {ours_wall:.2f} s / {ours_cpu:.2f} s")
    print(f"  dont génération des pages et des données (dans ce processus) : {render[0]:.2f} s / {render[1]:.2f} s")
    print(f"mkdocs build seul, mêmes pages : {bare_wall:.2f} s / {bare_cpu:.2f} s")
    print(
        f"surcoût de notre génération : {(ours_wall - bare_wall) / bare_wall:.0%} en durée réelle, "
        f"{(ours_cpu - bare_cpu) / bare_cpu:.0%} en temps processeur (cible < 30 %)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
