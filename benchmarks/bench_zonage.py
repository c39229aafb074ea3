"""Benchmark: `zonage import` of a whole region's official file (every commune of
Auvergne-Rhône-Alpes, about 4,000 rows, a title row and "Hors zonage" rows, as ARS files come),
checked then written, against merely reading the CSV with the standard library. Also `outdated` on
the repository's regions against `validate` of the same regions.

    python benchmarks/bench_zonage.py
"""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_validate import best  # noqa: E402

from postinternat_config import referentiel as ref  # noqa: E402
from postinternat_config.outdated import outdated  # noqa: E402
from postinternat_config.scaffold import new_region  # noqa: E402
from postinternat_config.validation import validate  # noqa: E402
from postinternat_config.zonage_tools import import_zonage  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        regions = Path(tmp) / "regions"
        shutil.copytree(ROOT / "regions" / "_national", regions / "_national")
        new_region(regions, "auvergne-rhone-alpes", None)
        communes = sorted((c for c in ref.communes().values() if c.region == "84"), key=lambda c: c.code)
        table = Path(tmp) / "zonage.csv"
        with table.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(["ARS Auvergne-Rhône-Alpes - zonage médecins", "", ""])
            writer.writerow(["Code INSEE", "Commune", "Zonage médecins"])
            for i, commune in enumerate(communes):
                writer.writerow([commune.code, commune.nom, ("ZIP", "ZAC", "Hors zonage")[i % 3]])
        read = best(lambda: list(csv.reader(table.open(encoding="utf-8"), delimiter=";")), 3)
        check = best(lambda: import_zonage(regions, "auvergne-rhone-alpes", table, write=False), 3)
        result = import_zonage(regions, "auvergne-rhone-alpes", table)
        assert result.errors == 0 and result.written, result.problems[:3]
        write = best(lambda: import_zonage(regions, "auvergne-rhone-alpes", table), 3)
        print(
            f"zonage import: {len(communes)} lignes ; lecture CSV seule {read * 1000:.0f} ms ; --verifier {check * 1000:.0f} ms ({check / read:.1f}x) ; écriture {write * 1000:.0f} ms"
        )
    real = ROOT / "regions"
    checked = best(lambda: validate([real]), 3)
    due = best(lambda: outdated(real, date(2030, 1, 1), 12), 3)
    print(f"outdated sur regions/ : {due * 1000:.0f} ms, validate seul {checked * 1000:.0f} ms ({due / checked:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
