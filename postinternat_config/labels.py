"""The one label registry: the French words of every code the tool shows.

- **Enum values of the YAML** (statut, famille, canal, porteur, période, saison...) come from the
  schemas: each ``enum`` has a sibling ``enumDescriptions`` list, the French label of each value,
  in the same order. That keyword is the one VS Code's JSON and YAML (Red Hat) language servers
  show beside each value when completing it, so the editor and the tool say the same words.
  A vocabulary is named by its property (``canal``, ``statut``...); when two different enums share
  a property name (``type`` of a condition, of a priority, of a source), each is also named
  ``<definition>.<property>`` (``condition.type``, ``priorite.type``, ``source.type``).
- **Field names of a candidate's file** (the words of « information manquante ») are the
  ``title`` of the fields in ``candidats.schema.json``.
- **The tool's own result codes** (condition statuses, verdicts, deadline and priority statuses,
  kinds of change of a diff) are not in any YAML: their words are here.

The schemas are read on first use only (the command line starts without them). Sentences built
on these words (« Candidature déposée par le candidat, par courriel ») are written by the
modules that need them, from these labels: no module keeps a second table of the same values.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from .paths import schemas_dir

# -- the tool's own result codes (not in the YAML) -------------------------------------------

STATUTS = {"ok": "remplie", "ko": "non remplie", "inconnu": "information manquante"}
VERDICTS = {"eligible": "éligible", "non_eligible": "non éligible", "a_completer": "dossier à compléter"}
DELAIS = {
    "a_temps": "dans les délais",
    "en_retard": "hors délai",
    "inconnu": "à vérifier",
    "non_precisee": "date limite non précisée par les textes",
    "sans_campagne": "aucune campagne publiée ne recrute à cette date de prise de poste",
}
PRIORITES = {
    "remplie": "remplie",
    "non_remplie": "non remplie",
    "a_apprecier": "à apprécier par la commission",
    "inconnu": "information manquante",
}
CHANGEMENTS = {"ajout": "ajouté", "suppression": "retiré", "modification": "modifié"}
# The steps of a campaign's calendar, as the site and its calendars (.ics) name them.
EVENEMENTS = [
    ("ouverture", "Ouverture de l'appel à candidatures"),
    ("date_limite", "Date limite de dépôt des candidatures"),
    ("commission", "Commission ou jury"),
    ("decisions", "Décisions"),
]
# Field names shown inside a value of a diff (« quota national : ... »), shorter than the schemas'
# titles (« quota national reçu »); a key without a word here is shown with spaces for « _ ».
CLES = {
    "quota_national": "quota national",
    "repartition": "répartition",
    "categorie": "catégorie",
    "presentee_en_seance": "présentée en séance",
    "presidence": "présidence",
    "par_subdivision": "par subdivision",
    "par_departement": "par département",
    "departement": "département",
    "libelle": "libellé",
    "regle": "règle",
    "categories": "catégories",
    "annee": "année",
    "periode": "période",
    "etapes": "étapes",
    "porteur": "qui candidate",
    "entre": "répartie entre",
}


def status(code: str) -> str:
    """A condition's status: ok → « remplie »."""
    return STATUTS.get(code, code)


def verdict(code: str) -> str:
    return VERDICTS.get(code, code)


def delai(code: str) -> str:
    return DELAIS.get(code, code)


def priorite(code: str) -> str:
    return PRIORITES.get(code, code)


# -- enum values of the YAML, from the schemas -----------------------------------------------


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    return data


def _enums(node: Any, prop: str | None, definition: str | None) -> Iterator[tuple[str | None, str | None, dict[str, str]]]:
    """(property, definition, code → label) of every described enum of a schema (the enums of
    ``if`` blocks select a branch, they declare no field)."""
    if isinstance(node, dict):
        if "enum" in node and prop is not None and "enumDescriptions" in node:
            yield prop, definition, dict(zip(node["enum"], node["enumDescriptions"], strict=False))
        for key, value in node.items():
            if key == "if":
                continue
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    yield from _enums(sub, name, definition)
            elif key == "$defs" and isinstance(value, dict):
                for name, sub in value.items():
                    yield from _enums(sub, None, name)
            else:
                yield from _enums(value, prop if key == "items" else None, definition)
    elif isinstance(node, list):
        for item in node:
            yield from _enums(item, None, definition)


@cache
def vocabularies() -> dict[str, dict[str, str]]:
    """Vocabulary name → code → French label, for every enum of the schemas."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted(schemas_dir().glob("*.schema.json")):
        for prop, definition, table in _enums(_load(path.name), None, None):
            assert prop is not None
            for name in [prop] + ([f"{definition}.{prop}"] if definition else []):
                found.setdefault(name, {}).update(table)
    return found


def enum_labels(vocabulary: str) -> dict[str, str]:
    """Code → French label of one vocabulary (``canal``, ``porteur``, ``famille``...)."""
    return vocabularies()[vocabulary]


def label(vocabulary: str, code: Any, default: str | None = None) -> str:
    """The French label of a code (``default``, or the code itself, when it has none)."""
    found = vocabularies()[vocabulary].get(code) if isinstance(code, str) else None
    if found is not None:
        return found
    return default if default is not None else str(code)


# -- field names, from the schemas' titles ---------------------------------------------------


@cache
def candidate_fields() -> dict[str, str]:
    """Field of a candidate, a project or a structure → its title (``candidats.schema.json``)."""
    defs = _load("candidats.schema.json")["$defs"]
    found: dict[str, str] = {}
    for definition in ("structure", "projet", "candidat"):  # a candidate's own words win
        for name, sub in (defs[definition].get("properties") or {}).items():
            if sub.get("title"):
                found[name] = sub["title"]
    return found


def missing(code: str, lieux: Mapping[str, str] | None = None) -> str:
    """A missing-field code (``structures[2].zone``, ``structures[role=x].quotite``) in French words
    (« zone de la structure n°2 »); ``lieux``: the label of each role (a lieu is named by its label
    when it is known, never by its role)."""
    import re

    fields = candidate_fields()
    if code in fields:
        return fields[code]
    match = re.fullmatch(r"structures\[(\d+)\]\.(\w+)", code)
    if match:
        return f"{fields.get(match.group(2), match.group(2))} de la structure n°{match.group(1)}"
    match = re.fullmatch(r"structures\[role=([\w-]+)\](?:\.(\w+))?", code)
    if match:
        return f"structure pour le lieu « {(lieux or {}).get(match.group(1)) or match.group(1)} »" + (
            f" (avec sa {fields.get(match.group(2), match.group(2))})" if match.group(2) else ""
        )
    return code


__all__ = [
    "STATUTS",
    "VERDICTS",
    "DELAIS",
    "PRIORITES",
    "CHANGEMENTS",
    "CLES",
    "EVENEMENTS",
    "status",
    "verdict",
    "delai",
    "priorite",
    "vocabularies",
    "enum_labels",
    "label",
    "candidate_fields",
    "missing",
]
