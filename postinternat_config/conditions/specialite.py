"""specialite: the candidate's DES is among (``parmi``) or outside (``hors``) a list.

Written in the rulebook from the dispositif's ``specialites`` block (modes ``uniquement`` and
``toutes_sauf``), or as an ``eligibilite`` entry (``des``)."""

from __future__ import annotations

from typing import Any

from ..explain import des_name
from ..formatting import join
from ._base import INCONNU, KO, OK, Build, Check, Facts, Outcome, outcome

TYPES = ("specialite",)
RANK = 10
IN_ELIGIBILITE = True
ZONE = False


def from_dispositif(data: dict[str, Any], build: Build) -> list[dict[str, Any]]:
    spec = data.get("specialites")
    if not spec or spec.get("mode") not in ("toutes_sauf", "uniquement"):
        return []
    return [
        {
            "id": "specialite",
            "type": "specialite",
            "mode": "hors" if spec["mode"] == "toutes_sauf" else "parmi",
            "des": list(spec.get("des") or []),
            "source": build.source(spec),
        }
    ]


def compile(cond: dict[str, Any]) -> Check:
    allowed = frozenset(cond.get("des") or [])
    inside_ok = cond.get("mode", "parmi") == "parmi"

    def check(f: Facts) -> Outcome:
        spec = f.candidat.get("specialite")
        if spec is None:
            return outcome(INCONNU, None, ("specialite",))
        return outcome(OK if (spec in allowed) == inside_ok else KO, spec)

    return check


def explain(cond: dict[str, Any], result: Outcome) -> str:
    admitted = join([des_name(d) for d in cond.get("des") or []])
    value = result.value
    if result.status == INCONNU:
        return "Spécialité (DES) du candidat non renseignée."
    if cond.get("mode") == "hors":
        return (
            f"La spécialité {des_name(value)} n'est pas exclue (exclue : {admitted})."
            if result.status == OK
            else f"La spécialité {des_name(value)} est exclue de ce dispositif."
        )
    return (
        f"La spécialité {des_name(value)} fait partie des spécialités admises ({admitted})."
        if result.status == OK
        else f"La spécialité {des_name(value)} n'est pas admise (spécialités admises : {admitted})."
    )


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    names = [des_name(d) for d in cond.get("des") or []]
    if cond.get("mode") == "hors":
        return "spécialité autre que " + join(names)
    return "spécialité : " + join(names)


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> str:
    return "la spécialité du candidat n'est pas admise"
