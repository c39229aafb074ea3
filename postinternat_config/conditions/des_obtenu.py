"""des_obtenu: the candidate holds one of the DES listed (``des``), obtained by the start of the post."""

from __future__ import annotations

from typing import Any

from ..explain import des_name
from ..formatting import date_numeric, join
from ._base import INCONNU, KO, OK, Check, Facts, Outcome, missing_text, outcome, parse

TYPES = ("des_obtenu",)
RANK = 90
IN_ELIGIBILITE = True
ZONE = False


def compile(cond: dict[str, Any]) -> Check:
    allowed = frozenset(cond.get("des") or [])

    def check(f: Facts) -> Outcome:
        spec = f.candidat.get("specialite")
        if spec is None:
            return outcome(INCONNU, None, ("specialite",))
        if spec not in allowed:
            return outcome(KO, spec)
        obtained = parse(f.candidat.get("date_des"))
        if obtained is None:
            return outcome(INCONNU, spec, ("date_des",))
        start = parse(f.projet.get("debut"))
        return outcome(OK if start is None or obtained <= start else KO, obtained.isoformat())

    return check


def explain(cond: dict[str, Any], result: Outcome) -> str:
    wanted = join([des_name(d) for d in cond.get("des") or []])
    value = result.value
    if result.status == INCONNU:
        return f"Obtention du DES ({wanted}) non renseignée ({missing_text(result, cond)})."
    if result.status == OK:
        return f"DES {wanted} obtenu le {date_numeric(value)}."
    if value and isinstance(value, str) and "-" in value and value[:4].isdigit():
        return f"DES obtenu le {date_numeric(value)}, après la prise de poste."
    return f"La spécialité {des_name(value)} n'est pas le DES exigé ({wanted})."


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return "DES obtenu : " + join([des_name(d) for d in cond.get("des") or []])


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> str:
    return "le DES exigé n'est pas obtenu avant la prise de poste"
