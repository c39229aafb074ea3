"""Benchmark: 10,000 generated candidates against every dispositif of the national-scale dataset.

Reports candidate×dispositif evaluations per second on one core (verdict and every condition's
status; explanations are written when read, so rendering is measured separately) and the share of
the run spent loading and compiling the rules.

Then, each in a new process (`postinternat evaluate LOT.csv --format csv --output ...`), in the
same run: the peak memory (ru_maxrss of the child) for 1,000 and 50,000 CSV rows and their ratio,
and the time of a 10,000-row lot whose rows name one region against the same lot naming none (every
region is then validated and compiled).

    python benchmarks/bench_evaluate.py [--candidats N] [--repeat N]
Targets (issue 4): >= 50,000 evaluations per second; peak memory of 50,000 rows <= 1.2 x that of
1,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import main as generate  # noqa: E402

from postinternat_config import referentiel  # noqa: E402
from postinternat_config.engine import Compiled  # noqa: E402
from postinternat_config.rulebook import load_rulebook  # noqa: E402

SPECIALITES = ["medecine-generale", "pediatrie", "psychiatrie", "neurologie", "medecine-cardiovasculaire"]
TYPES = ["ch", "chu", "msp", "centre_sante", "cabinet_liberal", "es_prive"]


def candidates(count: int, communes: list[str]) -> list[tuple[dict, dict]]:
    rng = random.Random(20261124)
    result = []
    for i in range(count):
        low = rng.choice([30, 40, 50, 60, 70])
        candidat = {"id": f"c{i}", "specialite": rng.choice(SPECIALITES), "fin_internat": f"202{rng.randint(0, 5)}-10-31"}
        if rng.random() < 0.8:
            candidat["inscription_ordre"] = f"2025-{rng.randint(9, 12):02d}-01"
        projet = {
            "debut": "2025-11-01",
            "duree_mois": rng.choice([12, 24, 36]),
            "date_candidature": f"2025-02-{rng.randint(10, 18):02d}",
            "structures": [
                {"role": "peripherique", "type": rng.choice(TYPES), "commune": rng.choice(communes), "quotite": low},
                {
                    "role": "ambulatoire",
                    "type": rng.choice(TYPES),
                    "commune": rng.choice(communes),
                    "quotite": 100 - low,
                    "demi_journees": rng.randint(2, 7),
                },
            ],
        }
        result.append((candidat, projet))
    return result


def write_lot(path: Path, people: list[tuple[dict, dict]], region: str | None) -> None:
    """A CSV lot of ``people``, each row naming ``region`` (or no region column)."""
    columns = (
        ["candidat", "specialite", "subdivision", "fin_internat", "inscription_ordre"]
        + (["region"] if region else [])
        + ["debut", "duree_mois", "date_candidature"]
    )
    columns += [f"structure{i}_{c}" for i in (1, 2) for c in ("role", "type", "commune", "quotite", "demi_journees")]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for candidat, projet in people:
            row = {
                **candidat,
                "candidat": candidat["id"],
                "subdivision": "nord",
                "region": region,
                **{k: v for k, v in projet.items() if k != "structures"},
            }
            for i, s in enumerate(projet["structures"], start=1):
                row.update({f"structure{i}_{k}": v for k, v in s.items()})
            writer.writerow([row.get(c, "") for c in columns])


def run_child(*args: str) -> tuple[float, int]:
    """(seconds, peak resident memory in kB) of ``postinternat evaluate ARGS`` in a new process."""
    import subprocess

    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "postinternat_config", "evaluate", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    err = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if child.returncode not in (0, 1) or b"ne sont pas valides" in err:
        raise SystemExit(f"evaluate a échoué ({child.returncode}) : {err.decode()[-500:]}")
    return elapsed, usage.ru_maxrss


def cli_runs(regions: Path, tmp: Path, repeat: int) -> None:
    communes = sorted(c.code for c in referentiel.communes().values() if c.region == "28")[::20]  # Normandie
    out = tmp / "out.csv"
    lots = {}
    for n in (1_000, 50_000):
        lots[n] = tmp / f"lot-{n}.csv"
        write_lot(lots[n], candidates(n, communes), "normandie")
    one, every = tmp / "lot-region.csv", tmp / "lot-toutes.csv"
    people = candidates(10_000, communes)
    write_lot(one, people, "normandie")
    write_lot(every, people, None)
    memory = {
        n: min(run_child(str(lot), "--regions", str(regions), "--format", "csv", "--output", str(out))[1] for _ in range(repeat))
        for n, lot in lots.items()
    }
    small_one, small_every = tmp / "petit-region.csv", tmp / "petit-toutes.csv"
    write_lot(small_one, people[:20], "normandie")
    write_lot(small_every, people[:20], None)
    small = {
        name: min(run_child(str(lot), "--regions", str(regions), "--format", "csv", "--output", str(out))[0] for _ in range(max(3, repeat)))
        for name, lot in (("une", small_one), ("toutes", small_every))
    }
    print(
        f"evaluate de 20 lignes (coût fixe du chargement des règles) : une région {small['une']:.2f} s, toutes {small['toutes']:.2f} s -> {small['une'] / small['toutes']:.2f} x"
    )
    times = {
        name: min(run_child(str(lot), "--regions", str(regions), "--format", "csv", "--output", str(out))[0] for _ in range(repeat))
        for name, lot in (("une", one), ("toutes", every))
    }
    print(
        f"mémoire maximale (ru_maxrss du processus) : 1 000 lignes {memory[1_000] / 1024:.1f} Mo, 50 000 lignes {memory[50_000] / 1024:.1f} Mo -> {memory[50_000] / memory[1_000]:.2f} x (cible <= 1,2)"
    )
    print(
        f"evaluate de 10 000 lignes (processus complet, meilleur de {repeat}) : lignes qui nomment une région {times['une']:.2f} s, sans région (toutes les régions lues) {times['toutes']:.2f} s -> {times['une'] / times['toutes']:.2f} x"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidats", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        cli_runs(Path(tmp) / "regions", Path(tmp), args.repeat)
        started = time.perf_counter()
        book = load_rulebook(Path(tmp) / "regions")
        compiled = [Compiled.of(rules, book.regions[slug]) for slug, rules in book.dispositifs()]
        t_load = time.perf_counter() - started
    people = candidates(args.candidats, sorted(referentiel.communes())[::50])
    started = time.perf_counter()
    verdicts: dict[str, int] = {}
    for candidat, projet in people:
        for c in compiled:
            e = c.evaluate(candidat, projet)
            verdicts[e.verdict] = verdicts.get(e.verdict, 0) + 1
    t_eval = time.perf_counter() - started
    n = len(people) * len(compiled)
    sample = [c.evaluate(*people[i]) for i, c in enumerate(compiled[:100])]
    started = time.perf_counter()
    for e in sample:
        for r in e.results:
            _ = r.message  # the explanation is written when read: this is what is timed
    t_msg = (time.perf_counter() - started) / max(1, sum(len(e.results) for e in sample))
    print(f"{len(compiled)} dispositifs x {len(people)} candidats = {n} évaluations")
    print(f"évaluation : {t_eval:.2f} s -> {n / t_eval:,.0f} évaluations/s (cible >= 50 000)".replace(",", " "))
    print(f"chargement et compilation des règles : {t_load:.2f} s ({t_load / (t_load + t_eval):.1%} du total)")
    print(f"rédaction d'une explication : {t_msg * 1e6:.1f} µs (à la lecture seulement)")
    print("verdicts : " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
