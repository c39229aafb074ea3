"""type_structure: the structures (of a lieu, or all of them) are of one of the types listed (or of
a type they include: a CH is an établissement de santé public)."""

from __future__ import annotations

from typing import Any

from .. import referentiel as ref
from ..explain import type_name
from ..formatting import join
from ._base import INCONNU, OK, Check, Facts, Outcome, lieu_label, missing_text
from ._structures import on_structures, where

TYPES = ("type_structure",)
RANK = 110
IN_ELIGIBILITE = True
ZONE = False


def compile(cond: dict[str, Any]) -> Check:
    allowed = frozenset(cond.get("valeurs") or [])
    ancestors = ref.type_ancestors()
    return on_structures(
        cond, lambda s: bool(ancestors.get(s["type"], frozenset({s["type"]})) & allowed) if s.get("type") else None, "type"
    )


def explain(cond: dict[str, Any], result: Outcome) -> str:
    wanted = join([type_name(t) for t in cond.get("valeurs") or []])
    if result.status == INCONNU:
        return f"Type de la structure{where(cond)} non renseigné ({missing_text(result, cond)})."
    return (
        f"Type de structure{where(cond)} admis ({wanted})."
        if result.status == OK
        else f"Type de structure{where(cond)} non admis : il faut {wanted}."
    )


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return f"{lieu_label(cond, labels) or 'structure'} de type " + join([type_name(v) for v in cond.get("valeurs") or []])


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> str:
    return "la structure n'est pas d'un type admis"
