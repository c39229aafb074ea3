"""quotite: the share of time spent in a lieu's structures (their sum) meets the bounds.

Written in the rulebook from the ``quotite`` block of an entry of ``lieux``."""

from __future__ import annotations

from typing import Any

from ..formatting import pct
from ._base import Build, Check, Facts, Outcome
from ._shares import compile_sum, explain_sum, label, nearest_sum, rule

TYPES = ("quotite",)
RANK = 40
IN_ELIGIBILITE = False
ZONE = False


def from_lieu(lieu: dict[str, Any], build: Build) -> list[dict[str, Any]]:
    quotite = lieu.get("quotite")
    if not quotite:
        return []
    role = lieu["role"]
    cond = {
        "id": f"lieu.{role}.quotite",
        "type": "quotite",
        "role": role,
        "libelle": lieu.get("libelle", role),
        "source": build.source(quotite),
    }
    for key in ("min", "max", "valeur", "valeurs", "base"):
        if key in quotite:
            cond[key] = quotite[key]
    return [cond]


def compile(cond: dict[str, Any]) -> Check:
    return compile_sum(cond, "quotite")


def explain(cond: dict[str, Any], result: Outcome) -> str:
    return explain_sum(cond, result, "Quotité", pct)


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    base = " sur la durée du contrat" if cond.get("base") == "contrat" else ""
    return f"{label(cond, labels)} : {rule(cond, pct)} du temps{base}"


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> list[dict[str, Any]]:
    return nearest_sum(cond, result, f, "quotite", lambda word, v: f"{word}{pct(v)} du temps")
