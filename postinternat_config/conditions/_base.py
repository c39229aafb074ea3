"""What every condition module shares: the three statuses, the outcome, the facts one evaluation
looks at (the date helpers of the hot path are in ``dates``). (Not a condition type: the registry skips modules
whose name starts with an underscore.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..dates import add_months as add_months
from ..dates import months_later as months_later
from ..dates import parse as parse

OK, KO, INCONNU = "ok", "ko", "inconnu"


class Outcome(NamedTuple):
    status: str
    value: Any = None
    missing: tuple[str, ...] = ()
    children: tuple[Outcome, ...] = ()


new = tuple.__new__


def outcome(status: str, value: Any = None, missing: tuple[str, ...] = (), children: tuple[Outcome, ...] = ()) -> Outcome:
    """Outcome(...) without the keyword-default machinery of NamedTuple (this is the hot path)."""
    return new(Outcome, (status, value, missing, children))


@dataclass(slots=True)
class Facts:
    """What one evaluation looks at: the candidate, the project, and the project's structures
    attached to the dispositif's lieux (by role, or by type when no role matches)."""

    candidat: dict[str, Any]
    projet: dict[str, Any]
    by_role: dict[str, list[tuple[int, dict[str, Any]]]]
    unassigned: list[int]
    zonage: dict[str, Any]


Check = Callable[[Facts], Outcome]

NO_STRUCTURES = outcome(INCONNU, None, ("structures",))


def structures_missing(f: Facts) -> Outcome | None:
    return None if f.projet.get("structures") else NO_STRUCTURES


def combine(statuses: Iterable[str]) -> str:
    """All must hold: ko wins, then inconnu."""
    seen = set(statuses)
    if KO in seen:
        return KO
    if INCONNU in seen:
        return INCONNU
    return OK


def missing_text(result: Outcome, cond: dict[str, Any] | None = None) -> str:
    """The missing fields of an outcome in French words ("?" when none is named); the lieu the
    condition is about is named by its label (``cond``), never by its role."""
    from ..explain import missing_fr

    role = (cond or {}).get("role") or (cond or {}).get("lieu")
    name = (cond or {}).get("libelle_lieu") or (cond or {}).get("libelle")
    lieux = {role: name} if isinstance(role, str) and isinstance(name, str) else None
    return ", ".join(missing_fr(m, lieux) for m in result.missing) if result.missing else "?"


def lieu_label(cond: dict[str, Any], labels: dict[str, str] | None = None) -> str:
    """The name of the lieu a rule is about: the dispositif's label for its role (``labels``, or
    the ``libelle_lieu`` the rulebook gives the condition), else the role code ("" when the rule
    names no lieu)."""
    role = cond.get("role") or cond.get("lieu") or ""
    return (labels or {}).get(role) or cond.get("libelle_lieu") or role


def plain(raw: dict[str, Any], build: Build, ident: str) -> dict[str, Any]:
    """An ``eligibilite`` entry in the rulebook form, for a type whose YAML form is its rulebook
    form: its fields without the citation, its id, its source, and the label of the lieu it names
    (``libelle_lieu``: an explanation names a lieu by its label, never by its role)."""
    cond = {k: v for k, v in raw.items() if k not in ("source", "extrait", "note")}
    cond["id"] = ident
    cond["source"] = build.source(raw)
    lieu = raw.get("lieu")
    if isinstance(lieu, str) and (build.labels or {}).get(lieu):
        cond["libelle_lieu"] = (build.labels or {})[lieu]
    return cond


@dataclass
class Build:
    """What turning YAML into rulebook conditions needs: the source of a block (its id, title,
    quotation), the lieu labels by role and the zone labels of the region."""

    source: Callable[[dict[str, Any]], dict[str, Any] | None] = lambda block: None
    labels: dict[str, str] | None = None
    zones: dict[str, str] | None = None  # zone category → its label in the region's zonage


# -- nearest eligible variant (the optional ``nearest(cond, outcome, facts)`` of a module) --------
# A module returns the changes to the project that would meet a condition it found « ko » (each a
# French phrase and the fields it sets: ``duree_mois``, ``structures[2].quotite``, ``structures[+]``
# to add a structure), or a sentence saying why no change to the project can (a fact of the candidate).


def change(texte: str, modifications: dict[str, Any]) -> dict[str, Any]:
    return {"texte": texte, "modifications": modifications}
