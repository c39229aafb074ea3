#!/usr/bin/env python3
"""Build the trimmed COG reference files from @etalab/decoupage-administratif.

Usage::

    cd /tmp && npm pack @etalab/decoupage-administratif@6.0.0
    mkdir -p decoupage && tar xzf etalab-decoupage-administratif-6.0.0.tgz -C decoupage
    python tools/build_cog.py /tmp/decoupage/package

Writes, under postinternat_config/data/cog/ (relative to the repository root):

- regions.csv       code,nom,zone                    (18 regions: 13 metro + 5 DROM)
- departements.csv  code,nom,region                  (101 departements of those regions)
- communes/<region>.csv  code,nom,departement        (communes of type "commune-actuelle"
                                                      located in those departements, one file per
                                                      region: a lookup reads only its region)

Collectivites d'outre-mer (zone "com") are dropped everywhere. Output is
deterministic: rows sorted by code, UTF-8, "\\n" line endings, header row,
minimal CSV quoting. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

KEPT_ZONES = ("metro", "drom")
EXPECTED_REGIONS = 18
EXPECTED_DEPARTEMENTS = 101

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "postinternat_config" / "data" / "cog"


def _load(package_dir: Path, name: str) -> list[dict]:
    path = package_dir / "data" / name
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    rows = sorted(rows, key=lambda r: r[0])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)


def build(package_dir: Path, out_dir: Path) -> dict[str, int]:
    regions = [r for r in _load(package_dir, "regions.json") if r["zone"] in KEPT_ZONES]
    region_codes = {r["code"] for r in regions}
    if len(regions) != EXPECTED_REGIONS:
        raise SystemExit(f"expected {EXPECTED_REGIONS} regions, got {len(regions)}")

    departements = [d for d in _load(package_dir, "departements.json") if d["region"] in region_codes]
    departement_codes = {d["code"] for d in departements}
    if len(departements) != EXPECTED_DEPARTEMENTS:
        raise SystemExit(f"expected {EXPECTED_DEPARTEMENTS} departements, got {len(departements)}")

    communes = [c for c in _load(package_dir, "communes.json") if c["type"] == "commune-actuelle" and c["departement"] in departement_codes]
    for c in communes:
        if c["region"] not in region_codes:
            raise SystemExit(f"commune {c['code']} has unknown region {c['region']}")
    if len({c["code"] for c in communes}) != len(communes):
        raise SystemExit("duplicate commune codes")

    out_dir.mkdir(parents=True, exist_ok=True)
    _write(
        out_dir / "regions.csv",
        ["code", "nom", "zone"],
        [[r["code"], r["nom"], r["zone"]] for r in regions],
    )
    _write(
        out_dir / "departements.csv",
        ["code", "nom", "region"],
        [[d["code"], d["nom"], d["region"]] for d in departements],
    )
    (out_dir / "communes").mkdir(exist_ok=True)
    for region in sorted(region_codes):
        _write(
            out_dir / "communes" / f"{region}.csv",
            ["code", "nom", "departement"],
            [[c["code"], c["nom"], c["departement"]] for c in communes if c["region"] == region],
        )
    return {
        "regions": len(regions),
        "departements": len(departements),
        "communes": len(communes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "package_dir",
        type=Path,
        help="unpacked @etalab/decoupage-administratif package (the folder holding data/)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    counts = build(args.package_dir, args.out)
    for name, count in counts.items():
        print(f"{name}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
