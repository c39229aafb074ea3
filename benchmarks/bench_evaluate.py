"""Benchmark: 10,000 generated candidates against every dispositif of the national-scale dataset.

Reports candidate×dispositif evaluations per second on one core (verdict and every condition's
status; explanations are written when read, so rendering is measured separately) and the share of
the run spent loading and compiling the rules.

    python benchmarks/bench_evaluate.py [--candidats N]
Target (issue 4): >= 50,000 evaluations per second.
"""

from __future__ import annotations

import argparse
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
                {"role": "ambulatoire", "type": rng.choice(TYPES), "commune": rng.choice(communes), "quotite": 100 - low, "demi_journees": rng.randint(2, 7)},
            ],
        }
        result.append((candidat, projet))
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidats", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        started = time.perf_counter()
        book = load_rulebook(Path(tmp) / "regions")
        compiled = [Compiled.of(rules, book.regions[slug]) for slug, rules in book.dispositifs()]
        t_load = time.perf_counter() - started
    people = candidates(args.candidats, sorted(referentiel.communes())[:: 50])
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
            r.message
    t_msg = (time.perf_counter() - started) / max(1, sum(len(e.results) for e in sample))
    print(f"{len(compiled)} dispositifs x {len(people)} candidats = {n} évaluations")
    print(f"évaluation : {t_eval:.2f} s -> {n / t_eval:,.0f} évaluations/s (cible >= 50 000)".replace(",", " "))
    print(f"chargement et compilation des règles : {t_load:.2f} s ({t_load / (t_load + t_eval):.1%} du total)")
    print(f"rédaction d'une explication : {t_msg * 1e6:.1f} µs (à la lecture seulement)")
    print("verdicts : " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
