"""Benchmark: `validate` on a national-scale dataset against merely parsing the same files.

Both are measured in the same run (this machine is noisy: compare ratios, not seconds):
  parse     yaml.load(CSafeLoader) of every file, nothing else (the floor);
  validate  the library's validate(): safe loading with positions, duplicate keys, schemas
            (jsonschema-rs fast path when installed), semantic rules, reference data;
  reference validate() with the pure-Python jsonschema only;
  --help    a cold `postinternat --help` in a new process;
  files/s   validate() of a ~1,000-file set (52 dispositifs per region);
  one file  `postinternat validate <one dispositif>` in a new process, as an editor does on save
            (median wall time and median CPU time of the process; the floor beside it is a process
            that only imports Python, PyYAML, Click and jsonschema-rs). New processes run as on a
            plain install: with their bytecode (a `pip install .` compiles it; a first run writes it
            for an editable install), even where PYTHONDONTWRITEBYTECODE is set in this shell.

    python benchmarks/bench_validate.py [--repeat N]
Targets: validate <= 1.5 x parse (aim 1.25 x); >= 300 files/s on ~1,000 files; one file <= 0.25 s;
--help < 0.25 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import main as generate  # noqa: E402

from postinternat_config import referentiel  # noqa: E402
from postinternat_config.validation import validate  # noqa: E402


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


# New processes as on a plain install: bytecode read and written (a shell may forbid it).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def in_new_process(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of a command in a new process, after
    one unmeasured run (which writes the bytecode an installed package already has)."""
    subprocess.run(command, check=True, capture_output=True, env=CHILD_ENV)
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=CHILD_ENV)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        generate(out)
        root = out / "regions"
        files = sorted(root.rglob("*.yaml"))
        size = sum(f.stat().st_size for f in files)

        def parse() -> None:
            for f in files:
                yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)

        def run(fast: bool | None) -> None:
            report = validate([root], use_fast=fast)
            assert report.errors == 0, report.problems[:3]

        # warm-up: caches of reference data and compiled schemas are part of any long run;
        # the first call of each is measured separately below.
        started = time.perf_counter()
        run(None)
        first = time.perf_counter() - started
        referentiel.communes()
        t_parse = best(parse, args.repeat)
        t_validate = best(lambda: run(None), args.repeat)
        t_reference = best(lambda: run(False), max(1, args.repeat // 2))
        t_help, _cpu = in_new_process([sys.executable, "-m", "postinternat_config", "--help"], args.repeat)
        one = root / "normandie" / "dispositifs" / "dispositif-3.yaml"
        single = max(9, args.repeat)
        t_single, c_single = in_new_process([sys.executable, "-m", "postinternat_config", "validate", str(one)], single)
        t_floor, c_floor = in_new_process([sys.executable, "-c", "import yaml, click, jsonschema_rs"], single)
        big = out / "grand"
        generate(big, dispositifs=52)
        big_files = len(list((big / "regions").rglob("*.yaml")))
        run_big = lambda: validate([big / "regions"])  # noqa: E731
        run_big()
        t_big = best(run_big, max(1, args.repeat // 2))
    try:
        import jsonschema_rs  # noqa: F401

        fast = "jsonschema-rs"
    except ImportError:
        fast = "absent"
    print(f"jeu de données : {len(files)} fichiers, {size / 1e6:.2f} Mo (18 régions x 8 dispositifs, ~35 000 communes)")
    print(f"analyse seule (CSafeLoader)        : {t_parse * 1000:8.1f} ms")
    print(
        f"validate (chemin rapide : {fast}) : {t_validate * 1000:8.1f} ms  -> {t_validate / t_parse:.2f} x l'analyse (cible <= 1,5 ; visée 1,25)"
    )
    print(f"validate (jsonschema seul)         : {t_reference * 1000:8.1f} ms  -> {t_reference / t_parse:.2f} x l'analyse")
    print(f"premier validate du processus      : {first * 1000:8.1f} ms (schémas compilés, référentiels lus)")
    print(f"postinternat --help (médiane)      : {t_help * 1000:8.1f} ms (cible < 250 ms)")
    print(
        f"validate d'un fichier (médiane)    : {t_single * 1000:8.1f} ms, CPU {c_single * 1000:.1f} ms (nouveau processus ; cible <= 250 ms)"
    )
    print(f"  plancher : python + PyYAML, Click, jsonschema-rs importés : {t_floor * 1000:.1f} ms, CPU {c_floor * 1000:.1f} ms")
    print(f"validate de {big_files} fichiers          : {t_big * 1000:8.1f} ms  -> {big_files / t_big:.0f} fichiers/s (cible >= 300)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
