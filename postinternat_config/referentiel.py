"""Reference data shipped with the package: COG (regions, départements, communes), DES, structure
types and statuses. Each table is read once, on first use."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .paths import DATA


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def regions() -> dict[str, str]:
    """INSEE region code → name (the 18 regions)."""
    return {r["code"]: r["nom"] for r in _read("cog/regions.csv")}


@cache
def departements() -> dict[str, tuple[str, str]]:
    """INSEE département code → (name, region code)."""
    return {r["code"]: (r["nom"], r["region"]) for r in _read("cog/departements.csv")}


@dataclass(frozen=True)
class Commune:
    code: str
    nom: str
    departement: str
    region: str


def _department_of(code: str) -> str:
    return code[:3] if code.startswith("97") else code[:2]


@cache
def _region_communes(region: str) -> dict[str, Commune]:
    """The communes of one region, read from its own file (``cog/communes/<region>.csv``)."""
    result: dict[str, Commune] = {}
    path = DATA / "cog" / "communes" / f"{region}.csv"
    if not path.exists():
        return result
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for code, nom, dep in reader:
            result[code] = Commune(code, nom, dep, region)
    return result


class Communes(Mapping[str, Commune]):
    """INSEE commune code → commune, read one region at a time: looking a code up reads only the
    file of its département's region (a region's validation or a candidate's commune needs a few
    thousand rows, not the 34,875 of France); iterating reads every region."""

    def _region(self, code: str) -> dict[str, Commune]:
        found = departements().get(_department_of(code)) if isinstance(code, str) else None
        return _region_communes(found[1]) if found else {}

    def __getitem__(self, code: str) -> Commune:
        return self._region(code)[code]

    def get(self, code: str, default: Any = None) -> Any:
        return self._region(code).get(code, default)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._region(code)

    def __iter__(self) -> Iterator[str]:
        for region in sorted(regions()):
            yield from _region_communes(region)

    def __len__(self) -> int:
        return sum(len(_region_communes(region)) for region in regions())


_COMMUNES = Communes()


def communes() -> Communes:
    """INSEE commune code → commune (current communes of the 18 regions)."""
    return _COMMUNES


def communes_of_region(region: str) -> frozenset[str]:
    """INSEE codes of the communes of one region."""
    return _region_frozen(region)


@cache
def _region_frozen(region: str) -> frozenset[str]:
    return frozenset(_region_communes(region))


@cache
def des() -> dict[str, str]:
    """DES code → official name (arrêté du 21 avril 2017)."""
    return {r["code"]: r["nom"] for r in _read("des.csv")}


@cache
def types_structure() -> dict[str, str]:
    """Structure type code → French label."""
    return {r["code"]: r["nom"] for r in _read("types_structure.csv")}


@cache
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


@cache
def statuts() -> dict[str, str]:
    """Status code → French label."""
    return {r["code"]: r["nom"] for r in _read("statuts.csv")}
