"""Benchmark: `diff` of two generated national-scale datasets (18 regions x 8 programmes, about
35,000 communes in the zonings), the second with a few edits, against merely loading both.

    python benchmarks/bench_diff.py
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import main as generate  # noqa: E402

from postinternat_config.diff import diff_roots  # noqa: E402
from postinternat_config.validation import validate  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        left, right = Path(tmp) / "a", Path(tmp) / "b"
        with contextlib.redirect_stdout(io.StringIO()):
            generate(left)
        shutil.copytree(left, right)
        edits = 0
        for path in sorted((right / "regions").glob("*/campagnes/2026.yaml"))[:6]:
            path.write_text(path.read_text(encoding="utf-8").replace("date: 2026-02-14", "date: 2026-02-21"), encoding="utf-8")
            edits += 1
        for path in sorted((right / "regions").glob("*/dispositifs/dispositif-3.yaml"))[:6]:
            path.write_text(path.read_text(encoding="utf-8").replace("{min: 4, max: 6,", "{min: 3, max: 6,"), encoding="utf-8")
            edits += 1
        started = time.perf_counter()
        validate([left / "regions"])
        validate([right / "regions"])
        t_load = time.perf_counter() - started
        started = time.perf_counter()
        result = diff_roots(left / "regions", right / "regions", "a", "b")
        t_diff = time.perf_counter() - started
    print(f"{edits} fichiers modifiés -> {len(result.changes)} différences trouvées")
    print(f"validation des deux jeux seule : {t_load:.2f} s")
    print(f"diff complet (validation, héritage, appariement, comparaison) : {t_diff:.2f} s ({t_diff / t_load:.2f} x la validation seule)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
