"""departement_structure: the structures (of a lieu, or all of them) are in one of the départements listed."""

from __future__ import annotations

from typing import Any

from ..formatting import join
from ..rulebook import department_of
from ._base import INCONNU, OK, Check, Facts, Outcome, lieu_label, missing_text
from ._structures import on_structures, where

TYPES = ("departement_structure",)
RANK = 100
IN_ELIGIBILITE = True
ZONE = False


def compile(cond: dict[str, Any]) -> Check:
    allowed = frozenset(cond.get("valeurs") or [])
    return on_structures(cond, lambda s: department_of(s["commune"]) in allowed if s.get("commune") else None, "commune")


def explain(cond: dict[str, Any], result: Outcome) -> str:
    wanted = join(list(cond.get("valeurs") or []))
    if result.status == INCONNU:
        return f"Département de la structure{where(cond)} inconnu ({missing_text(result)}) ; départements exigés : {wanted}."
    return (
        f"Structure{where(cond)} dans un département admis ({wanted})."
        if result.status == OK
        else f"Structure{where(cond)} hors des départements admis ({wanted})."
    )


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    codes = list(cond.get("valeurs") or [])
    where = "dans le département " if len(codes) == 1 else "dans l'un des départements "
    return f"{lieu_label(cond, labels) or 'structure'} {where}" + join(codes)


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> str:
    return "la structure n'est pas dans un département admis"
