"""Benchmark: `site build` against a bare `mkdocs build` of the same generated pages.

On the national-scale dataset (18 regions x 8 programmes): `site build` = validation, page and
data generation, then `mkdocs build --strict`; the bare build runs `mkdocs build --strict` on the
pages already written. Target (issue 6): our generation adds less than 30 %.

    python benchmarks/bench_site.py
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import main as generate  # noqa: E402

from postinternat_config.site import SITE_DIR, build_site, render_pages  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        with contextlib.redirect_stdout(io.StringIO()):
            generate(base)
        regions = base / "regions"
        started = time.perf_counter()
        build_site(regions, base / "site")
        t_ours = time.perf_counter() - started
        started = time.perf_counter()
        files = render_pages(regions)
        t_render = time.perf_counter() - started
        project = base / "projet"
        shutil.copytree(SITE_DIR / "docs", project / "docs")
        for rel, text in files.items():
            target = project / ("mkdocs.yml" if rel == "mkdocs.yml" else f"docs/{rel}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(base / "nu")], check=True, env=env)
        t_bare = time.perf_counter() - started
        pages = sum(1 for name in files if name.endswith(".md"))
    print(f"{pages} pages générées")
    print(f"site build complet : {t_ours:.2f} s (dont génération des pages et des données : {t_render:.2f} s)")
    print(f"mkdocs build seul, mêmes pages : {t_bare:.2f} s")
    print(f"surcoût de notre génération : {(t_ours - t_bare) / t_bare:.0%} (cible < 30 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
