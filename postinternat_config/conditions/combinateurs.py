"""tous, au_moins_un, aucun: conditions combined (all hold, one at least holds, none holds), in
three-valued logic: an unknown child decides only when the known ones do not."""

from __future__ import annotations

from typing import Any

from ..labels import status
from ._base import INCONNU, KO, OK, Build, Check, Facts, Outcome, new

TYPES = ("tous", "au_moins_un", "aucun")
RANK = 900
IN_ELIGIBILITE = True
ZONE = False

HEADS = {"tous": "Toutes ces conditions", "au_moins_un": "Au moins une de ces conditions", "aucun": "Aucune de ces conditions"}


def from_yaml(raw: dict[str, Any], build: Build, ident: str) -> dict[str, Any]:
    from . import from_yaml as convert

    kind = next(k for k in TYPES if k in raw)
    return {
        "id": ident,
        "type": kind,
        "conditions": [convert(c, build, f"{ident}.{i + 1}") for i, c in enumerate(raw[kind])],
        **({"libelle": raw["libelle"]} if raw.get("libelle") else {}),
        **({"source": build.source(raw)} if raw.get("source") else {}),
    }


def compile(cond: dict[str, Any]) -> Check:
    from . import compile_condition

    kind = cond["type"]
    functions = [compile_condition(child) for child in cond["conditions"]]

    def check(f: Facts) -> Outcome:
        outcomes = tuple([fn(f) for fn in functions])
        statuses = {o[0] for o in outcomes}
        if kind == "tous":
            status = KO if KO in statuses else (INCONNU if INCONNU in statuses else OK)
        elif kind == "au_moins_un":
            status = OK if OK in statuses else (INCONNU if INCONNU in statuses else KO)
        else:  # aucun
            status = KO if OK in statuses else (INCONNU if INCONNU in statuses else OK)
        missing: tuple[str, ...] = ()
        if status == INCONNU:
            missing = tuple(dict.fromkeys(m for o in outcomes if o[0] == INCONNU for m in o[2]))
        return new(Outcome, (status, None, missing, outcomes))

    return check


def explain(cond: dict[str, Any], result: Outcome) -> str:
    return f"{HEADS[cond['type']]} : {status(result.status)}."


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    from . import describe as describe_any

    return f"{HEADS[cond['type']].lower()} : (" + " ; ".join(describe_any(c, labels) for c in cond["conditions"]) + ")"


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> list[dict[str, Any]] | str:
    """« tous »: the changes of each child « ko »; « au moins un »: those of the first child that
    has some; « aucun »: none (a condition it excludes holds)."""
    from . import nearest as nearest_of

    if cond["type"] == "aucun":
        return "une condition exclue est remplie"
    found: list[dict[str, Any]] = []
    reasons: list[str] = []
    for child, outcome in zip(cond["conditions"], result.children, strict=False):
        if outcome.status != KO:
            continue
        answer = nearest_of(child, outcome, f)
        if isinstance(answer, str):
            reasons.append(answer)
        elif cond["type"] == "au_moins_un":
            return answer
        else:
            found.extend(answer)
    return found if found and not reasons else " ; ".join(dict.fromkeys(reasons))
