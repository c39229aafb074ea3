"""What the site's forms need beyond the rulebook: the simulator page « Où suis-je éligible ? » (one
questionnaire answered by every dispositif of every region, in the browser) and, per region, the
compact list of its communes (``donnees/communes/<region>.json``: INSEE code, name, département,
and the zone categories of the region's zonage when it lists the commune), which the forms search
by name to fill the INSEE code and the zone."""

from __future__ import annotations

import json
from typing import Any

from . import referentiel as ref
from .conditions import walk
from .formatting import french_key


def commune_index(region: dict[str, Any]) -> str:
    """The communes of a rulebook region, as compact JSON, ordered by name then code."""
    code = region.get("code")
    communes = ref.communes()
    rows = []
    for insee in ref.communes_of_region(code) if code else ():
        commune = communes[insee]
        rows.append([insee, commune.nom, commune.departement])
    rows.sort(key=lambda r: (french_key(r[1]), r[0]))
    zonage = region.get("zonage") or {}
    data = {
        "version": 1,
        "region": region["region"],
        "communes": rows,
        "zones": {insee: cats for insee, cats in sorted((zonage.get("communes") or {}).items())},
        "categories_listees": list(zonage.get("categories_listees") or []),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def page_data(regions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The questionnaire's choices: DES, structure types, the zone categories of every region
    (each once, with the regions that use it), the diplomas some dispositif asks for, and whether
    a dispositif reads a declared CHU validation or priority establishment."""
    zones: dict[str, tuple[str, list[str]]] = {}
    diplomas: dict[tuple[str, ...], str] = {}
    declared = {"validation_chu": False, "etablissement_prioritaire": False}
    for _slug, region in sorted(regions.items()):
        for cond in walk(c for rules in region["dispositifs"].values() for c in rules["conditions"]):
            if cond.get("type") == "zone":
                for code in cond["categories"]:
                    label = (cond.get("libelles_categories") or {}).get(code) or code
                    found = zones.setdefault(code, (label, []))
                    if region["nom"] not in found[1]:
                        found[1].append(region["nom"])
            elif cond.get("type") == "diplome":
                values = tuple(cond.get("valeurs") or [])
                diplomas.setdefault(values, cond.get("libelle") or ", ".join(values))
            elif cond.get("type") in declared:
                declared[cond["type"]] = True
    return {
        "des": sorted(ref.des().items(), key=lambda kv: french_key(kv[1])),
        "types": sorted(ref.types_structure().items(), key=lambda kv: french_key(kv[1])),
        "zones": [(code, f"{label} ({', '.join(names)})") for code, (label, names) in sorted(zones.items(), key=lambda kv: kv[1][0])],
        "diplomes": [(list(values), label) for values, label in sorted(diplomas.items(), key=lambda kv: french_key(kv[1]))],
        "declare": declared,
        "regions": sorted(regions),
    }
