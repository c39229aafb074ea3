"""demi_journees: the half-days per week in a lieu's structures (their sum) meet the bounds.

Written in the rulebook from the ``demi_journees`` block of an entry of ``lieux``."""

from __future__ import annotations

from typing import Any

from ..formatting import number
from ._base import Build, Check, Facts, Outcome
from ._shares import compile_sum, explain_sum, label, nearest_sum, rule

TYPES = ("demi_journees",)
RANK = 50
IN_ELIGIBILITE = False
ZONE = False


def from_lieu(lieu: dict[str, Any], build: Build) -> list[dict[str, Any]]:
    demi = lieu.get("demi_journees")
    if not demi:
        return []
    role = lieu["role"]
    cond = {
        "id": f"lieu.{role}.demi_journees",
        "type": "demi_journees",
        "role": role,
        "libelle": lieu.get("libelle", role),
        "source": build.source(demi),
    }
    for key in ("min", "max"):
        if key in demi:
            cond[key] = demi[key]
    return [cond]


def compile(cond: dict[str, Any]) -> Check:
    return compile_sum(cond, "demi_journees")


def explain(cond: dict[str, Any], result: Outcome) -> str:
    return explain_sum(cond, result, "Demi-journées par semaine", number)


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return f"{label(cond, labels)} : {rule(cond, number)} demi-journées par semaine"


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> list[dict[str, Any]]:
    return nearest_sum(cond, result, f, "demi_journees", lambda word, v: f"{word}{number(v)} demi-journées par semaine")
