"""lieu: the project has the right number of structures for a lieu d'exercice, of admitted types.

Written in the rulebook from each entry of the dispositif's ``lieux``."""

from __future__ import annotations

from typing import Any

from .. import referentiel as ref
from ..explain import type_name
from ..formatting import join, structure_count
from ._base import INCONNU, KO, NO_STRUCTURES, OK, Build, Check, Facts, Outcome, change, lieu_label, missing_text, new

TYPES = ("lieu",)
RANK = 30
IN_ELIGIBILITE = False
ZONE = False


def from_lieu(lieu: dict[str, Any], build: Build) -> list[dict[str, Any]]:
    role = lieu["role"]
    nombre = lieu.get("nombre") or {}
    return [
        {
            "id": f"lieu.{role}",
            "type": "lieu",
            "role": role,
            "libelle": lieu.get("libelle", role),
            "types": list(lieu.get("types") or []),
            "min": nombre.get("min", 1),
            "max": nombre.get("max"),
            "source": build.source(lieu),
        }
    ]


def accepted_types(types: frozenset[str]) -> frozenset[str] | None:
    """Every structure type accepted by a list (a type is accepted if it or a type including it
    is listed); None when the list is empty (any type)."""
    if not types:
        return None
    return frozenset(code for code, family in ref.type_ancestors().items() if family & types) | types


def compile(cond: dict[str, Any]) -> Check:
    role = cond["role"]
    accepted = accepted_types(frozenset(cond.get("types") or []))
    low = cond.get("min", 1) or 0
    high = cond.get("max")

    def check(f: Facts) -> Outcome:
        if not f.projet.get("structures"):
            return NO_STRUCTURES
        items = f.by_role.get(role, ())
        count = len(items)
        if count < low or (high is not None and count > high):
            return new(Outcome, (KO, ("nombre", count), (), ()))
        unknown: list[str] = []
        bad: list[str] = []
        for index, structure in items:
            kind = structure.get("type")
            if kind is None:
                unknown.append(f"structures[{index + 1}].type")
            elif accepted is not None and kind not in accepted:
                bad.append(kind)
        if bad:
            return new(Outcome, (KO, ("type", bad), (), ()))
        value = ("types", [s.get("type") for _i, s in items])
        return new(Outcome, (INCONNU if unknown else OK, value, tuple(unknown), ()))

    return check


def explain(cond: dict[str, Any], result: Outcome) -> str:
    label = cond.get("libelle") or cond.get("role", "")
    value = result.value
    types = join([type_name(t) for t in cond.get("types") or []])
    count_rule = f"au moins {cond.get('min', 1)}" + (f" et au plus {cond['max']}" if cond.get("max") else "")
    if result.status == INCONNU:
        if result.missing == ("structures",):
            return f"Lieu « {label} » : aucune structure n'est indiquée dans le projet."
        return f"Lieu « {label} » : type de structure non renseigné ({missing_text(result, cond)})."
    if value and value[0] == "nombre":
        count = {0: "aucune structure", 1: "1 structure"}.get(value[1], f"{value[1]} structures")
        return f"Lieu « {label} » : {count} dans le projet, il en faut {count_rule} (types admis : {types})."
    if value and value[0] == "type":
        return f"Lieu « {label} » : le type {join([type_name(t) for t in value[1]], 'et')} n'est pas admis (types admis : {types})."
    shown = join([type_name(t) for t in (value[1] if value else [])], "et")
    return f"Lieu « {label} » : {shown}, type admis" + (f" ({types})." if cond.get("types") else ".")


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    """« Établissement de santé périphérique : Centre hospitalier (une structure) »; a lieu that
    admits any type is named with its number of structures only (the site's wording)."""
    label = lieu_label(cond, labels) or cond.get("libelle", "")
    count = structure_count({"min": cond.get("min", 1), "max": cond["max"]} if cond.get("max") else {})
    if cond.get("types"):
        return f"{label} : {join([type_name(t) for t in cond['types']])}" + (f" ({count})" if count else "")
    return f"Lieu d'exercice : {label}" + (f" ({count})" if count else "")


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> list[dict[str, Any]] | str:
    """A structure of an admitted type for the lieu: added when there are too few, in place of
    each structure of a type not admitted; too many structures have no nearest variant."""
    label = cond.get("libelle") or cond.get("role", "")
    kinds = list(cond.get("types") or [])
    what = f"une structure de type {join([type_name(t) for t in kinds])}" if kinds else "une structure"
    value = result.value
    low = cond.get("min", 1) or 0  # as compile reads it
    if value[0] == "nombre" and value[1] >= low:
        return f"le lieu « {label} » compte trop de structures"
    if value[0] == "nombre":
        added = {"role": cond["role"], **({"type": kinds[0]} if kinds else {})}
        return [change(f"avec {what} au lieu « {label} »", {"structures[+]": [added] * (low - value[1])})]
    accepted = accepted_types(frozenset(kinds)) or frozenset()
    modifications = {
        f"structures[{index + 1}].type": kinds[0] for index, s in f.by_role.get(cond["role"], ()) if s.get("type") not in accepted
    }
    return [change(f"avec {what} au lieu « {label} »", modifications)]
