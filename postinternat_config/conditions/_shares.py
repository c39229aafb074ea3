"""What quotite and demi_journees share: the sum over a lieu's structures of one number, checked
against an exact value, a set of values, a minimum and a maximum."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..formatting import join, number
from ._base import INCONNU, KO, NO_STRUCTURES, OK, Check, Facts, Outcome, change, lieu_label, missing_text, new, outcome


def compile_sum(cond: dict[str, Any], field_name: str) -> Check:
    role = cond["role"]
    exact = cond.get("valeur")
    allowed = cond.get("valeurs")
    low = None if cond.get("min") is None else cond["min"] - 1e-9
    high = None if cond.get("max") is None else cond["max"] + 1e-9
    no_structure = outcome(INCONNU, None, (f"structures[role={role}].{field_name}",))

    def check(f: Facts) -> Outcome:
        if not f.projet.get("structures"):
            return NO_STRUCTURES
        items = f.by_role.get(role)
        if not items:
            return no_structure
        total = 0.0
        absent = None
        for index, structure in items:
            value = structure.get(field_name)
            if value is None:
                absent = (absent or []) + [f"structures[{index + 1}].{field_name}"]
            else:
                total += value
        if absent:
            return new(Outcome, (INCONNU, None, tuple(absent), ()))
        good = (
            (low is None or total >= low)
            and (high is None or total <= high)
            and (exact is None or abs(total - exact) < 1e-9)
            and (allowed is None or any(abs(total - v) < 1e-9 for v in allowed))
        )
        return new(Outcome, (OK if good else KO, total, (), ()))

    return check


def rule(cond: dict[str, Any], fmt: Callable[[float], str] = number) -> str:
    """The bounds in words: "exactement 50 %", "l'une des valeurs 40 %, 50 % ou 60 %", "entre 4 et 6",
    "au moins 60 %"."""
    parts = []
    if "valeur" in cond:
        parts.append(f"exactement {fmt(cond['valeur'])}")
    if "valeurs" in cond:
        parts.append("l'une des valeurs " + join([fmt(v) for v in cond["valeurs"]]))
    if "min" in cond and "max" in cond:
        parts.append(f"entre {fmt(cond['min'])} et {fmt(cond['max'])}")
    elif "min" in cond:
        parts.append(f"au moins {fmt(cond['min'])}")
    elif "max" in cond:
        parts.append(f"au plus {fmt(cond['max'])}")
    return " et ".join(parts)


def explain_sum(cond: dict[str, Any], result: Outcome, what: str, fmt: Callable[[float], str]) -> str:
    label = cond.get("libelle") or cond.get("role", "")
    rule_text = rule(cond, fmt)
    value = result.value
    shown = fmt(value) if value is not None else "?"
    base = " sur la durée du contrat" if cond.get("base") == "contrat" else ""
    if result.status == INCONNU:
        return f"{what} au lieu « {label} » non renseignée ({missing_text(result, cond)}) ; il faut {rule_text}{base}."
    return (
        f"{what} au lieu « {label} » : {shown}, conforme ({rule_text}{base})."
        if result.status == OK
        else f"{what} au lieu « {label} » : {shown}, alors qu'il faut {rule_text}{base}."
    )


def label(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return lieu_label(cond, labels) or str(cond.get("libelle", ""))


def nearest_sum(
    cond: dict[str, Any], result: Outcome, f: Facts, field_name: str, phrase: Callable[[str, float], str]
) -> list[dict[str, Any]]:
    """The nearest allowed total (the exact value, the closest of the values, or the bound crossed),
    reached by changing the lieu's first structures; ``phrase(word, target)``: « au moins 60 % du temps »."""
    total = result.value
    low, high = cond.get("min"), cond.get("max")
    if "valeur" in cond:
        target, word = cond["valeur"], ""
    elif "valeurs" in cond:
        inside = [v for v in cond["valeurs"] if (low is None or v >= low) and (high is None or v <= high)] or cond["valeurs"]
        target, word = min(inside, key=lambda v: abs(v - total)), ""
    elif low is not None and total < low:
        target, word = low, "au moins "
    else:
        target, word = high, "au plus "
    modifications: dict[str, Any] = {}
    left = target - total
    for index, structure in f.by_role.get(cond["role"], ()):
        if abs(left) < 1e-9:
            break
        value = structure[field_name]
        new_value = max(0.0, value + left)
        left -= new_value - value
        modifications[f"structures[{index + 1}].{field_name}"] = int(new_value) if float(new_value).is_integer() else new_value
    where = cond.get("libelle") or cond.get("role", "")
    return [change(f"avec {phrase(word, target)} au lieu « {where} »", modifications)]
