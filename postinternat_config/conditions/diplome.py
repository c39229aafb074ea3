"""diplome: the candidate holds one of the diplomas listed (``valeurs``: identifiers), as the
candidate declares them (``diplomes``). For a diploma that is not a DES of the official list (which
``des_obtenu`` checks with its date): the result is « inconnu » until the candidate lists their
diplomas, and the ARS checks them."""

from __future__ import annotations

from typing import Any

from ..formatting import join
from ._base import INCONNU, KO, OK, Check, Facts, Outcome, outcome

TYPES = ("diplome",)
RANK = 95
IN_ELIGIBILITE = True
ZONE = False

_MISSING = outcome(INCONNU, None, ("diplomes",))


def compile(cond: dict[str, Any]) -> Check:
    wanted = frozenset(cond.get("valeurs") or [])

    def check(f: Facts) -> Outcome:
        held = f.candidat.get("diplomes")
        if held is None:
            return _MISSING
        return outcome(OK if wanted & set(held) else KO, list(held))

    return check


def _name(cond: dict[str, Any]) -> str:
    return str(cond.get("libelle") or "diplôme " + join(list(cond.get("valeurs") or [])))


def explain(cond: dict[str, Any], result: Outcome) -> str:
    # named by the condition's label (« Être titulaire du diplôme d'État… »), never by its identifiers
    wanted = _name(cond)
    if result.status == INCONNU:
        return f"Diplômes du candidat non renseignés ({wanted}) : à vérifier par l'ARS."
    if result.status == OK:
        return f"Diplôme exigé déclaré par le candidat ({wanted}) : à vérifier par l'ARS."
    return f"Le candidat ne déclare pas le diplôme exigé ({wanted})."


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return "Diplôme : " + _name(cond)


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> str:
    return "le candidat n'a pas le diplôme exigé"
