"""Reference data shipped with the package: COG (regions, départements, communes), DES, structure
types and statuses. Each table is read once, on first use."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .paths import DATA


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=None)
def regions() -> dict[str, str]:
    """INSEE region code → name (the 18 regions)."""
    return {r["code"]: r["nom"] for r in _read("cog/regions.csv")}


@lru_cache(maxsize=None)
def departements() -> dict[str, tuple[str, str]]:
    """INSEE département code → (name, region code)."""
    return {r["code"]: (r["nom"], r["region"]) for r in _read("cog/departements.csv")}


@dataclass(frozen=True)
class Commune:
    code: str
    nom: str
    departement: str
    region: str


@lru_cache(maxsize=None)
def communes() -> dict[str, Commune]:
    """INSEE commune code → commune (current communes of the 18 regions)."""
    result: dict[str, Commune] = {}
    with open(DATA / "cog/communes.csv", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for code, nom, dep, reg in reader:
            result[code] = Commune(code, nom, dep, reg)
    return result


@lru_cache(maxsize=None)
def communes_of_region(region: str) -> frozenset[str]:
    """INSEE codes of the communes of one region."""
    return frozenset(code for code, commune in communes().items() if commune.region == region)


@lru_cache(maxsize=None)
def des() -> dict[str, str]:
    """DES code → official name (arrêté du 21 avril 2017)."""
    return {r["code"]: r["nom"] for r in _read("des.csv")}


@lru_cache(maxsize=None)
def types_structure() -> dict[str, str]:
    """Structure type code → French label."""
    return {r["code"]: r["nom"] for r in _read("types_structure.csv")}


@lru_cache(maxsize=None)
def type_ancestors() -> dict[str, frozenset[str]]:
    """Structure type → itself and every type that includes it (a ``ch`` is an ``es_public``)."""
    direct = {r["code"]: [p for p in r["inclus_dans"].split("|") if p] for r in _read("types_structure.csv")}

    def climb(code: str, seen: frozenset[str]) -> frozenset[str]:
        result = {code}
        for parent in direct.get(code, []):
            if parent not in seen:
                result |= climb(parent, seen | {code})
        return frozenset(result)

    return {code: climb(code, frozenset()) for code in direct}


@lru_cache(maxsize=None)
def statuts() -> dict[str, str]:
    """Status code → French label."""
    return {r["code"]: r["nom"] for r in _read("statuts.csv")}
