"""departement_structure: the structures (of a lieu, or all of them) are in one of the départements listed."""

from __future__ import annotations

from typing import Any

from ..explain import departement_name
from ..formatting import join
from ..rulebook import department_of
from ._base import INCONNU, OK, Build, Check, Facts, Outcome, lieu_label, missing_text, plain
from ._structures import on_structures, where

TYPES = ("departement_structure",)
RANK = 100
IN_ELIGIBILITE = True
ZONE = False


def compile(cond: dict[str, Any]) -> Check:
    allowed = frozenset(cond.get("valeurs") or [])
    return on_structures(cond, lambda s: department_of(s["commune"]) in allowed if s.get("commune") else None, "commune")


def from_yaml(raw: dict[str, Any], build: Build, ident: str) -> dict[str, Any]:
    """The YAML form, with the names of the départements (``libelles_departements``: « Orne
    (61) »), which the explanations of both evaluators show."""
    cond = plain(raw, build, ident)
    cond["libelles_departements"] = {code: departement_name(code) for code in raw.get("valeurs") or []}
    return cond


def explain(cond: dict[str, Any], result: Outcome) -> str:
    wanted = join([departement_name(code) for code in cond.get("valeurs") or []])
    if result.status == INCONNU:
        return f"Département de la structure{where(cond)} inconnu ({missing_text(result, cond)}) ; départements exigés : {wanted}."
    return (
        f"Structure{where(cond)} dans un département admis ({wanted})."
        if result.status == OK
        else f"Structure{where(cond)} hors des départements admis ({wanted})."
    )


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    codes = list(cond.get("valeurs") or [])
    where = "département" if len(codes) == 1 else "l'un des départements"
    return f"{lieu_label(cond, labels) or 'structure'}, {where} : " + join([departement_name(code) for code in codes])


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> str:
    return "la structure n'est pas dans un département admis"
