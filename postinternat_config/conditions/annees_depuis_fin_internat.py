"""annees_depuis_fin_internat: the start of the post comes at least / at most so many years after
the end of the internship (``min``, ``max``; months are counted, a year being 12 months)."""

from __future__ import annotations

from typing import Any

from ..formatting import date_numeric, years
from ._base import INCONNU, KO, OK, Check, Facts, Outcome, missing_text, months_later, new, parse

TYPES = ("annees_depuis_fin_internat",)
RANK = 70
IN_ELIGIBILITE = True
ZONE = False


def compile(cond: dict[str, Any]) -> Check:
    low = None if cond.get("min") is None else round(cond["min"] * 12)
    high = None if cond.get("max") is None else round(cond["max"] * 12)

    def check(f: Facts) -> Outcome:
        end = parse(f.candidat.get("fin_internat"))
        start = parse(f.projet.get("debut"))
        if end is None or start is None:
            missing = tuple(name for name, value in (("fin_internat", end), ("debut", start)) if value is None)
            return new(Outcome, (INCONNU, None, missing, ()))
        latest = months_later(end, high) if high is not None else None
        earliest = months_later(end, low) if low is not None else None
        good = (latest is None or start <= latest) and (earliest is None or start >= earliest)
        value = (end.isoformat(), start.isoformat(), earliest.isoformat() if earliest else None, latest.isoformat() if latest else None)
        return new(Outcome, (OK if good else KO, value, (), ()))

    return check


def _bounds(cond: dict[str, Any]) -> str:
    bounds = []
    if cond.get("min") is not None:
        bounds.append(f"au moins {years(cond['min'])}")
    if cond.get("max") is not None:
        bounds.append(f"au plus {years(cond['max'])}")
    return " et ".join(bounds)


def explain(cond: dict[str, Any], result: Outcome) -> str:
    rule = _bounds(cond)
    if result.status == INCONNU:
        return f"Délai depuis la fin de l'internat non calculable ({missing_text(result, cond)}) ; il faut une prise de poste {rule} après la fin de l'internat."
    end, start, limit_low, limit_high = result.value
    window = []
    if limit_low:
        window.append(f"à partir du {date_numeric(limit_low)}")
    if limit_high:
        window.append(f"jusqu'au {date_numeric(limit_high)}")
    head = f"Fin de l'internat le {date_numeric(end)}, prise de poste le {date_numeric(start)}"
    return (
        f"{head} : conforme ({rule} après l'internat, soit {' et '.join(window)})."
        if result.status == OK
        else f"{head} : il faut {rule} après l'internat, soit {' et '.join(window)}."
    )


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return f"prise de poste {_bounds(cond)} après la fin de l'internat"


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> str:
    _end, start, earliest, _latest = result.value
    return "la fin de l'internat est trop récente" if earliest and start < earliest else "la fin de l'internat est trop ancienne"
