"""etablissement_prioritaire: the establishments of a lieu are ones the ARS lists as priority
establishments, as the project declares it for each structure (``prioritaire``: true or false). The
lists are the ARS's own: the result is « inconnu » until the project says, and the ARS checks it."""

from __future__ import annotations

from typing import Any

from ._base import INCONNU, OK, Check, Facts, Outcome, change, lieu_label, missing_text
from ._structures import on_structures, where

TYPES = ("etablissement_prioritaire",)
RANK = 120
IN_ELIGIBILITE = True
ZONE = False


def _declared(structure: dict[str, Any]) -> bool | None:
    value = structure.get("prioritaire")
    return None if value is None else value is True


def compile(cond: dict[str, Any]) -> Check:
    return on_structures(cond, _declared, "prioritaire")


def explain(cond: dict[str, Any], result: Outcome) -> str:
    if result.status == INCONNU:
        return f"Le dossier ne dit pas si l'établissement{where(cond)} est un établissement prioritaire ({missing_text(result, cond)}) : à vérifier par l'ARS sur sa liste."
    if result.status == OK:
        return f"Établissement{where(cond)} déclaré prioritaire par le dossier (à vérifier par l'ARS sur sa liste)."
    return f"L'établissement{where(cond)} n'est pas un établissement prioritaire."


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return f"{lieu_label(cond, labels) or 'établissement'} : établissement prioritaire pour l'ARS"


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> list[dict[str, Any]]:
    role = cond.get("lieu")
    items = f.by_role.get(role, []) if role else list(enumerate(f.projet.get("structures") or []))
    modifications = {f"structures[{index + 1}].prioritaire": True for index, s in items if s.get("prioritaire") is False}
    return [change("dans un établissement prioritaire", modifications)]
