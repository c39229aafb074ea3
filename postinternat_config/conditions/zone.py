"""zone: the structures of a lieu are in one of the zone categories required (ZIP, ZAC, QPV...),
by the region's commune lists or, failing them, by the zone the application declares.

Written in the rulebook from the ``zones`` block of an entry of ``lieux``, or as an
``eligibilite`` entry (``lieu``, ``valeurs``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..formatting import join
from ._base import INCONNU, KO, NO_STRUCTURES, OK, Build, Check, Facts, Outcome, change, lieu_label, new, outcome

TYPES = ("zone",)
RANK = 60
IN_ELIGIBILITE = True
ZONE = True


def from_lieu(lieu: dict[str, Any], build: Build) -> list[dict[str, Any]]:
    zones = lieu.get("zones")
    if not zones:
        return []
    role = lieu["role"]
    return [
        {
            "id": f"lieu.{role}.zone",
            "type": "zone",
            "role": role,
            "libelle": lieu.get("libelle", role),
            "categories": list(zones["categories"]),
            **_labelled(zones["categories"], build),
            "source": build.source(zones),
        }
    ]


def _labelled(categories: Iterable[str], build: Build) -> dict[str, Any]:
    """The labels of the zone categories in the region's zonage, carried by the condition (the
    site, compare and evaluate name a zone by its label, not its code): the required ones, and the
    region's others (a structure may be declared in any of them)."""
    known = build.zones or {}
    if not any(code in known for code in categories):
        return {}
    return {"libelles_categories": dict(known)}


def from_yaml(raw: dict[str, Any], build: Build, ident: str) -> dict[str, Any]:
    """The same check as a lieu's zones, on the named lieu."""
    labels = build.labels or {}
    return {
        "type": "zone",
        "role": raw["lieu"],
        "categories": raw["valeurs"],
        **_labelled(raw["valeurs"], build),
        "libelle": raw.get("libelle") or labels.get(raw["lieu"], raw["lieu"]),
        **({"libelle_lieu": labels[raw["lieu"]]} if raw["lieu"] in labels else {}),
        "id": ident,
        "source": build.source(raw),
    }


def zones_of(structure: dict[str, Any], zonage: dict[str, Any], required: Iterable[str]) -> tuple[set[str] | None, str | None]:
    """Zone categories of a structure and where they come from (``liste``: the zoning's commune
    lists; ``declaree``: the application, where ``zone: []`` says the commune is in no zone). None
    when they cannot be known: a required category has
    no commune list and no zone is declared, or the declared zone is not one of the region's."""
    found: set[str] = set(zonage["communes"].get(structure.get("commune") or "", ()))
    origin = "liste" if found else None
    declared = structure.get("zone")
    declared_list = [declared] if isinstance(declared, str) else list(declared or [])
    known = set(zonage.get("categories") or [])
    for code in declared_list:
        if known and code not in known:
            return (found or None), f"inconnue:{code}"
        found.add(code)
        origin = origin or "declaree"
    if found:
        return found, origin
    if isinstance(declared, list):
        return found, "declaree"  # « zone: [] »: the application states the commune is in no zone
    listed = zonage.get("categories_listees") or []
    if structure.get("commune") and all(category in listed for category in required):
        return found, "liste"  # every required category has its full list: the commune is in none
    return None, None


def compile(cond: dict[str, Any]) -> Check:
    role = cond["role"]
    required = list(cond["categories"])
    wanted = set(required)
    no_structure = outcome(INCONNU, None, (f"structures[role={role}]",))

    def check(f: Facts) -> Outcome:
        if not f.projet.get("structures"):
            return NO_STRUCTURES
        items = f.by_role.get(role)
        if not items:
            return no_structure
        status = OK
        seen: list[tuple[str | None, list[str] | None, str | None]] = []
        absent: list[str] = []
        for index, structure in items:
            zones, origin = zones_of(structure, f.zonage, required)
            if zones is None:
                absent.append(f"structures[{index + 1}].zone")
                seen.append((structure.get("commune"), None, origin))
                if status == OK:
                    status = INCONNU
            else:
                seen.append((structure.get("commune"), sorted(zones), origin))
                if not zones & wanted:
                    status = KO
        return new(Outcome, (status, seen, tuple(absent) if status == INCONNU else (), ()))

    return check


def category(code: str, cond: dict[str, Any] | None = None) -> str:
    """A zone category in words: its label in the region's zonage when the condition carries it
    (« zone sous-dense », « quartier prioritaire de la politique de la ville »), else its code as
    people write it (« zone ZIP+ »)."""
    label = str(((cond or {}).get("libelles_categories") or {}).get(code) or "")
    if not label:
        return "zone " + code.replace("_PLUS", "+")
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def categories_text(cond: dict[str, Any]) -> str:
    """The required categories in words: « zone sous-dense ou quartier prioritaire de la politique
    de la ville », or « zone ZIP ou ZIP+ » when the zonage gives no labels."""
    if not cond.get("libelles_categories"):
        return "zone " + join([code.replace("_PLUS", "+") for code in cond["categories"]])
    return join([category(c, cond) for c in cond["categories"]])


def explain(cond: dict[str, Any], result: Outcome) -> str:
    from ..explain import commune_name

    label = cond.get("libelle") or cond.get("role", "")
    status = result.status
    wanted = categories_text(cond)
    if status == INCONNU and result.missing and result.missing[0].startswith("structures[role="):
        return f"Lieu « {label} » : aucune structure, la zone ne peut pas être vérifiée (zone exigée : {wanted})."
    if status == INCONNU and result.missing == ("structures",):
        return f"Zone du lieu « {label} » : aucune structure n'est indiquée (zone exigée : {wanted})."
    parts = []
    declared = False
    for commune, zones, origin in result.value or []:
        where = commune_name(commune) if commune else "commune non renseignée"
        if zones is None:
            what = (
                f"zone « {origin[9:]} » inconnue du zonage de la région" if origin and origin.startswith("inconnue:") else "zone inconnue"
            )
        else:
            what = (
                join([category(z, cond) for z in zones], "et") if zones else ("dans aucune zone" if origin == "declaree" else "hors zonage")
            )
        if origin == "declaree":
            declared = True
            what += " (déclarée)"
        parts.append(f"{where} : {what}")
    detail = " ; ".join(parts)
    caveat = " La zone est celle que déclare le dossier : à vérifier sur l'arrêté de zonage." if declared else ""
    if status == OK:
        return f"Lieu « {label} » en zone exigée ({detail}) ; zone exigée : {wanted}.{caveat}"
    if status == KO:
        return f"Lieu « {label} » hors des zones exigées ({detail}) ; zone exigée : {wanted}.{caveat}"
    return f"Zone du lieu « {label} » à préciser ({detail}) : déclarez la zone de la structure (zone exigée : {wanted})."


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return f"{lieu_label(cond, labels)} : en {categories_text(cond)}"


def nearest(cond: dict[str, Any], result: Outcome, f: Facts) -> list[dict[str, Any]]:
    """Another structure, in the first zone required (its commune unknown: to be chosen)."""
    modifications: dict[str, Any] = {}
    for index, structure in f.by_role.get(cond["role"], ()):
        zones, _origin = zones_of(structure, f.zonage, cond["categories"])
        if zones is not None and not zones & set(cond["categories"]):
            modifications[f"structures[{index + 1}].commune"] = None
            modifications[f"structures[{index + 1}].zone"] = [cond["categories"][0]]
    label = cond.get("libelle") or cond.get("role", "")
    return [change(f"avec une structure en {categories_text(cond)} au lieu « {label} »", modifications)]
