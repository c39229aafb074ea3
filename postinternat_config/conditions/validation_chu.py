"""validation_chu: the application file has been validated by the CHU of the candidate's
subdivision, as the project states it (``validation_chu``: true or false). The tool cannot see the
validation itself: the result is « inconnu » until the project says, and the ARS checks it."""

from __future__ import annotations

from typing import Any

from ._base import INCONNU, KO, OK, Check, Facts, Outcome, change, outcome

TYPES = ("validation_chu",)
RANK = 130
IN_ELIGIBILITE = True
ZONE = False

_MISSING = outcome(INCONNU, None, ("validation_chu",))


def compile(cond: dict[str, Any]) -> Check:
    def check(f: Facts) -> Outcome:
        value = f.projet.get("validation_chu")
        if value is None:
            return _MISSING
        return outcome(OK if value is True else KO, value)

    return check


def explain(cond: dict[str, Any], result: Outcome) -> str:
    if result.status == INCONNU:
        return "Le dossier ne dit pas s'il est validé par le CHU de la subdivision : à vérifier par l'ARS."
    if result.status == OK:
        return "Dossier validé par le CHU de la subdivision, selon le dossier (à vérifier par l'ARS)."
    return "Le dossier n'est pas validé par le CHU de la subdivision."


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return "Dossier validé par le CHU de la subdivision"


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> list[dict[str, Any]]:
    return [change("avec la validation du dossier par le CHU de la subdivision", {"validation_chu": True})]
