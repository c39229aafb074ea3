"""Benchmark: `diff` of two generated national-scale datasets (18 regions x 8 programmes, about
35,000 communes in the zonings), the second with a few edits, against merely validating both, and
against DeepDiff on the same parsed trees.

    python benchmarks/bench_diff.py [--repeat N]

What is compared, in one process (best of N runs each, in CPU time: the machine may be busy
with something else, and every step here runs on one core):

- ours: `diff_roots` from the two folders on disk: loading with positions, schema check, rules,
  inheritance, views at each campaign's date, pairing, keyed comparison;
- ours, comparison only: the same views, already built, compared (`diff_root_views`);
- DeepDiff: every YAML file of both trees parsed with `yaml.load(..., Loader=CSafeLoader)` into
  one dict per tree (file path → data), then `DeepDiff(left, right, ignore_order=True)` (lists
  matched whatever their order, the closest to our keyed matching); `DeepDiff(left, right)` (lists
  matched by position) is shown too. DeepDiff is not a dependency: when it is not installed
  (`pip install deepdiff`), its lines are skipped and said so.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import main as generate  # noqa: E402

from postinternat_config.diff import diff_roots  # noqa: E402
from postinternat_config.validation import validate  # noqa: E402


def best(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.process_time()
        result = function()
        times.append(time.process_time() - started)
    return min(times), result


def parsed(root: Path) -> dict[str, Any]:
    import yaml

    return {str(p.relative_to(root)): yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in sorted(root.rglob("*.yaml"))}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
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
        a, b = left / "regions", right / "regions"
        validate([a])  # warm up: schemas compiled, reference data read
        t_load, _ = best(lambda: (validate([a]), validate([b])), repeat)
        t_diff, result = best(lambda: diff_roots(a, b, "a", "b"), repeat)
        t_compare = _comparison_only(a, b, repeat)
        t_parse, trees = best(lambda: (parsed(a), parsed(b)), repeat)
        deep = _deepdiff(trees, repeat)
        size = sum(p.stat().st_size for p in a.rglob("*.yaml"))
    print(f"{edits} fichiers modifiés -> {len(result.changes)} différences trouvées (temps CPU, meilleur de {repeat} essais)")
    print(f"validation des deux jeux seule : {t_load:.2f} s")
    print(f"diff complet (validation, héritage, appariement, comparaison) : {t_diff:.2f} s ({t_diff / t_load:.2f} x la validation seule)")
    print(f"  dont la comparaison des vues : {t_compare * 1000:.0f} ms")
    print(f"analyse YAML seule des deux jeux (CSafeLoader, {size / 1e6:.1f} Mo par jeu) : {t_parse:.2f} s")
    if deep is None:
        print("DeepDiff : non installé (pip install deepdiff), comparaison sautée")
        return 0
    (t_ignore, n_ignore), (t_position, n_position) = deep
    print(f"DeepDiff(ignore_order=True) : {t_ignore:.2f} s ({n_ignore} différences) ; avec l'analyse : {t_parse + t_ignore:.2f} s")
    print(f"DeepDiff (listes par position) : {t_position:.2f} s ({n_position} différences) ; avec l'analyse : {t_parse + t_position:.2f} s")
    print(f"diff complet / (analyse + DeepDiff ignore_order) : {t_diff / (t_parse + t_ignore):.2f} x")
    print(f"comparaison seule / DeepDiff ignore_order seul : {t_compare / t_ignore:.4f} x")
    return 0


def _comparison_only(a: Path, b: Path, repeat: int) -> float:
    from postinternat_config.diffing.changes import diff_root_views
    from postinternat_config.diffing.loading import Reader
    from postinternat_config.diffing.views import root_view_pair

    left, right = root_view_pair(*Reader().root_pair(a, b), "a", "b")
    t_compare, _ = best(lambda: diff_root_views(left, right, "a", "b"), repeat)
    return t_compare


def _deepdiff(trees: tuple[dict[str, Any], dict[str, Any]], repeat: int) -> tuple[tuple[float, int], tuple[float, int]] | None:
    try:
        from deepdiff import DeepDiff
    except ImportError:
        return None

    def count(found: Any) -> int:
        return sum(len(v) if hasattr(v, "__len__") else 1 for v in found.values())

    t_ignore, found = best(lambda: DeepDiff(trees[0], trees[1], ignore_order=True), repeat)
    n_ignore = count(found)
    t_position, found = best(lambda: DeepDiff(trees[0], trees[1]), repeat)
    return (t_ignore, n_ignore), (t_position, count(found))


if __name__ == "__main__":
    sys.exit(main())
