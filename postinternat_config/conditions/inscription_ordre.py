"""inscription_ordre: the candidate is registered with the Ordre des médecins by a day of the
year the post starts (``au_plus_tard``: MM-DD)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..formatting import date_numeric, day_month
from ._base import INCONNU, KO, OK, Check, Facts, Outcome, missing_text, new, parse

TYPES = ("inscription_ordre",)
RANK = 80
IN_ELIGIBILITE = True
ZONE = False


def compile(cond: dict[str, Any]) -> Check:
    month, day = (int(x) for x in cond["au_plus_tard"].split("-"))
    limits: dict[int, date] = {}

    def check(f: Facts) -> Outcome:
        registered = parse(f.candidat.get("inscription_ordre"))
        start = parse(f.projet.get("debut"))
        if registered is None or start is None:
            missing = tuple(name for name, value in (("inscription_ordre", registered), ("debut", start)) if value is None)
            return new(Outcome, (INCONNU, None, missing, ()))
        limit = limits.get(start.year)
        if limit is None:
            limit = limits[start.year] = date(start.year, month, day)
        return new(Outcome, (OK if registered <= limit else KO, (registered, limit), (), ()))

    return check


def _day(cond: dict[str, Any]) -> str:
    month, day = (int(x) for x in cond["au_plus_tard"].split("-"))
    return day_month(month, day)


def explain(cond: dict[str, Any], result: Outcome) -> str:
    if result.status == INCONNU:
        return f"Inscription à l'Ordre non vérifiable ({missing_text(result, cond)} manquant) ; il faut être inscrit au plus tard le {_day(cond)} de l'année de prise de poste."
    registered, limit = (v.isoformat() if hasattr(v, "isoformat") else v for v in result.value)
    return (
        f"Inscription à l'Ordre le {date_numeric(registered)}, au plus tard le {date_numeric(limit)} : conforme."
        if result.status == OK
        else f"Inscription à l'Ordre le {date_numeric(registered)}, après la date exigée du {date_numeric(limit)}."
    )


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return f"inscription à l'Ordre des médecins au plus tard le {_day(cond)} de l'année de prise de poste"


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> str:
    return "l'inscription à l'Ordre est postérieure à la date exigée"
