"""What departement_structure and type_structure share: one test on each structure of a lieu (or of
the whole project when the rule names no lieu), all of which must pass."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._base import INCONNU, KO, OK, Check, Facts, Outcome, combine, outcome, structures_missing


def on_structures(cond: dict[str, Any], test: Callable[[dict[str, Any]], bool | None], field_name: str) -> Check:
    role = cond.get("lieu")

    def check(f: Facts) -> Outcome:
        missing = structures_missing(f)
        if missing:
            return missing
        items = f.by_role.get(role, []) if role else [(i, s) for i, s in enumerate(f.projet["structures"])]
        if not items:
            return outcome(INCONNU, None, (f"structures[role={role}]",))
        statuses = []
        absent = []
        values = []
        for index, structure in items:
            result = test(structure)
            values.append(structure.get(field_name))
            if result is None:
                statuses.append(INCONNU)
                absent.append(f"structures[{index + 1}].{field_name}")
            else:
                statuses.append(OK if result else KO)
        return outcome(combine(statuses), values, tuple(absent))

    return check


def where(cond: dict[str, Any]) -> str:
    """ " du lieu « x »" when the rule names a lieu (in an explanation), by its label."""
    return f" du lieu « {cond.get('libelle_lieu') or cond['lieu']} »" if cond.get("lieu") else ""
