"""The nearest eligible variant of a project that is « non éligible » (or filed too late).

Each condition found « ko » proposes the smallest change to the project that meets it, from its own
thresholds (``nearest`` of its module in ``conditions/``: a length of 24 months, at least 60 % of the
time in a lieu, a structure of an admitted type or in a required zone...); a late application is
filed by the deadline. The changes are applied to a copy of the project and the copy is evaluated
again: the variant is given only when the copy is no longer « non éligible » nor late. When a
condition is about a fact of the candidate (specialty, DES, end of internship, registration with the
Ordre), no change to the project can make it eligible, and the answer says why.

``site/docs/assets/evaluateur.js`` computes the same variants (``variante``); the shared vectors
carry the expected ones.
"""

from __future__ import annotations

import copy
import re
from datetime import timedelta
from typing import Any

from .conditions import KO
from .conditions import nearest as condition_nearest
from .dates import parse
from .engine import NON_ELIGIBLE, Evaluation
from .formatting import day_words, join

_FIELD = re.compile(r"^structures\[(\d+)\]\.(\w+)$")


def deadline_change(delai: dict[str, Any]) -> dict[str, Any]:
    """Filing by the deadline (the day itself when the campaign says it is included)."""
    day = parse(delai["date_limite"])
    assert day is not None
    if delai.get("incluse") is True:
        return {"texte": f"en déposant au plus tard le {day_words(day)}", "modifications": {"date_candidature": day.isoformat()}}
    return {"texte": f"en déposant avant le {day_words(day)}", "modifications": {"date_candidature": (day - timedelta(days=1)).isoformat()}}


def apply(projet: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
    """A copy of the project with the changes made (``structures[2].quotite``: the second
    structure's share; ``structures[+]``: structures added at the end; a value None removes the field)."""
    result = copy.deepcopy(projet)
    structures = result.setdefault("structures", [])
    for item in changes:
        for path, value in item["modifications"].items():
            if path == "structures[+]":
                structures.extend(copy.deepcopy(value))
                continue
            match = _FIELD.match(path)
            target, key = (structures[int(match.group(1)) - 1], match.group(2)) if match else (result, path)
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
    if not structures:
        del result["structures"]
    return result


def variant(evaluation: Evaluation) -> dict[str, Any] | None:
    """The nearest eligible variant of a « non éligible » or late evaluation (None otherwise):
    ``{possible: true, texte, changements, verdict}`` or ``{possible: false, raison}``."""
    late = evaluation.delai()["statut"] == "en_retard"
    if evaluation.verdict != NON_ELIGIBLE and not late:
        return None
    changes: list[dict[str, Any]] = []
    reasons: list[str] = []
    for (cond, _fn), outcome in zip(evaluation.compiled.checks, evaluation.outcomes, strict=False):
        if outcome.status != KO:
            continue
        answer = condition_nearest(cond, outcome, evaluation.facts)
        if isinstance(answer, str):
            reasons.append(answer)
        else:
            changes.extend(answer)
    if reasons:
        return {"possible": False, "raison": " ; ".join(dict.fromkeys(reasons))}
    if late:
        changes.append(deadline_change(evaluation.delai()))
    again = evaluation.compiled.evaluate(evaluation.candidat, apply(evaluation.projet, changes))
    if again.verdict == NON_ELIGIBLE or again.delai()["statut"] == "en_retard":
        return {"possible": False, "raison": "aucun changement du projet calculé à partir des seuils ne suffit"}
    found = {"possible": True, "texte": join([c["texte"] for c in changes], "et"), "changements": changes, "verdict": again.verdict}
    if evaluation.verdict != NON_ELIGIBLE:  # eligible, only filed too late: the change puts it within the deadline
        found["delai_seulement"] = True
    return found


def variant_text(found: dict[str, Any] | None) -> str:
    """The variant in one French sentence (for the text output)."""
    if found is None:
        return ""
    if not found["possible"]:
        return f"Aucune variante éligible : {found['raison']}."
    after = " (dossier ensuite à compléter)" if found["verdict"] != "eligible" else ""
    if found.get("delai_seulement"):
        return f"Pour être dans les délais : {found['texte']}{after}."
    return f"Variante éligible la plus proche : {found['texte']}{after}."
