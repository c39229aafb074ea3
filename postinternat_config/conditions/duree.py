"""duree: the project's length lies between the contract's length and its length with renewals.

Written in the rulebook from the dispositif's ``duree`` block."""

from __future__ import annotations

from typing import Any

from ._base import INCONNU, KO, OK, Build, Check, Facts, Outcome, change, outcome

TYPES = ("duree",)
RANK = 20
IN_ELIGIBILITE = False
ZONE = False


def from_dispositif(data: dict[str, Any], build: Build) -> list[dict[str, Any]]:
    duree = data.get("duree")
    if not duree:
        return []
    renewal = duree.get("renouvellement") or {}
    maximum = duree["mois"] + renewal.get("mois", 0) * renewal.get("fois", 1 if renewal else 0)
    return [{"id": "duree", "type": "duree", "mois": duree["mois"], "max_mois": maximum, "source": build.source(duree)}]


def compile(cond: dict[str, Any]) -> Check:
    minimum, maximum = cond["mois"], cond["max_mois"]

    def check(f: Facts) -> Outcome:
        months = f.projet.get("duree_mois")
        if months is None:
            return outcome(INCONNU, None, ("duree_mois",))
        return outcome(OK if minimum <= months <= maximum else KO, months)

    return check


def _allowed(cond: dict[str, Any]) -> str:
    if cond["max_mois"] != cond["mois"]:
        return f"de {cond['mois']} mois, ou jusqu'à {cond['max_mois']} mois avec le renouvellement"
    return f"de {cond['mois']} mois"


def explain(cond: dict[str, Any], result: Outcome) -> str:
    allowed = _allowed(cond)
    if result.status == INCONNU:
        return f"Durée du projet non renseignée ; le contrat est {allowed}."
    return (
        f"Durée du projet : {result.value} mois ; le contrat est {allowed}."
        if result.status == OK
        else f"Durée du projet : {result.value} mois, alors que le contrat est {allowed}."
    )


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return f"contrat {_allowed(cond)}"


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> list[dict[str, Any]] | str:
    months = cond["mois"] if result.value < cond["mois"] else cond["max_mois"]
    return [change(f"pour une durée de {months} mois", {"duree_mois": months})]
