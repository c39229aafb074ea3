"""French words shared by the reports: the names of DES, structure types and communes, shares of
time and fundings. The labels of codes are in the registry (``labels``); the sentence of each
condition type (its rule and its result) is in its module, ``conditions/<type>.py``; numbers,
money and dates are written by ``formatting``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import labels
from . import referentiel as ref
from .formatting import euros, join, pct


def des_name(code: str | None) -> str:
    if code is None:
        return "?"
    return ref.des().get(code, code)


def type_name(code: str | None) -> str:
    if code is None:
        return "type non renseigné"
    return ref.types_structure().get(code, code)


def share_text(q: dict[str, Any]) -> str:
    """A share of time (valeur, valeurs, min, max, base) in French: "au moins 60 % sur la durée du contrat"."""
    parts = []
    if "valeur" in q:
        parts.append(pct(q["valeur"]))
    if "valeurs" in q:
        parts.append(join([pct(v) for v in q["valeurs"]]))
    if "min" in q:
        parts.append(f"au moins {pct(q['min'])}")
    if "max" in q:
        parts.append(f"au plus {pct(q['max'])}")
    return " et ".join(parts) + (" " + labels.label("base", "contrat") if q.get("base") == "contrat" else "")


def period_text(code: str | None) -> str:
    """What a recurring amount is per (« par mois »); nothing for a one-off payment."""
    return "" if not code or code == "unique" else " " + labels.label("periode", code)


def funding_text(item: dict[str, Any], with_purpose: bool = True) -> str:
    """A funding in one sentence: "ARS Île-de-France (FIR) : 100 %, 2 100 € par mois, total
    50 400 € sur 24 mois — objet". ``montant`` is either the rule's block {valeur, periode} or,
    once evaluated, a number with ``periode`` beside it."""
    text = str(item.get("financeur", "")) + (f" ({item['fonds']})" if item.get("fonds") else "")
    bits = []
    if isinstance(item.get("part"), (int, float)):
        bits.append(pct(item["part"]))
    montant = item.get("montant")
    amount, period = (montant.get("valeur"), montant.get("periode")) if isinstance(montant, dict) else (montant, item.get("periode"))
    if isinstance(amount, (int, float)):
        bits.append(euros(amount) + period_text(period))
    if isinstance(item.get("total"), (int, float)):
        bits.append(f"total {euros(item['total'])} sur {item['duree_mois']} mois")
    elif item.get("duree_mois") and not isinstance(montant, (int, float)):
        bits.append(f"pendant {item['duree_mois']} mois")
    if bits:
        text += " : " + ", ".join(bits)
    if with_purpose and item.get("objet"):
        text += f" — {item['objet']}"
    return text.strip()


def _gross(item: dict[str, Any]) -> str:
    """« brut » or « net » when the text says which, nothing otherwise."""
    return {True: " brut", False: " net"}.get(item["brut"], "") if isinstance(item.get("brut"), bool) else ""


def pay_amount(item: dict[str, Any]) -> str:
    """An amount paid to the doctor in words: « 37 945 € brut par an », « 500 € net par mois »,
    « 3 000 € brut en une fois »; brut or net only when the text says it."""
    amount = item.get("montant")
    if not isinstance(amount, (int, float)):
        return "montant non précisé par les textes"
    kind = _gross(item)
    period = " en une fois" if item.get("periode") == "unique" else period_text(item.get("periode"))
    return euros(amount) + kind + period


def pay_text(item: dict[str, Any], with_label: bool = True) -> str:
    """A pay item once evaluated (:func:`engine.pay`) in one sentence: « Salaire : 37 945 € brut
    par an, hors prime d'exercice territorial, soit 75 890 € brut sur 24 mois »."""
    text = pay_amount(item)
    if item.get("hors"):
        text += f", hors {item['hors']}"
    if isinstance(item.get("total"), (int, float)):
        kind = _gross(item)
        text += f", soit {euros(item['total'])}{kind} sur {item['duree_mois']} mois"
    return f"{item.get('libelle', '')} : {text}" if with_label else text


def cited_sources(data: Any) -> list[str]:
    """Every source id cited in a block, in order of appearance (with repeats)."""
    found: list[str] = []
    if isinstance(data, dict):
        if isinstance(data.get("source"), str):
            found.append(data["source"])
        for value in data.values():
            found.extend(cited_sources(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(cited_sources(value))
    return found


def commune_name(code: str) -> str:
    commune = ref.communes().get(code)
    return f"{commune.nom} ({code})" if commune else f"commune {code}"


def missing_fr(code: str, lieux: Mapping[str, str] | None = None) -> str:
    """A missing-field code (structures[2].zone) in French words (zone de la structure n°2);
    ``lieux``: the label of each role."""
    return labels.missing(code, lieux)


def lieux_of(conditions: list[dict[str, Any]]) -> dict[str, str]:
    """The label of each lieu role named by a dispositif's rulebook conditions (its ``lieu``
    conditions' labels, and the ``libelle_lieu`` of the others)."""
    found: dict[str, str] = {}
    for cond in conditions:
        if cond.get("type") == "lieu" and cond.get("role") and cond.get("libelle"):
            found[cond["role"]] = cond["libelle"]
        elif cond.get("lieu") and cond.get("libelle_lieu"):
            found.setdefault(cond["lieu"], cond["libelle_lieu"])
        found.update((k, v) for k, v in lieux_of(cond.get("conditions") or []).items() if k not in found)
    return found


def departement_name(code: str) -> str:
    """A département in words: « Orne (61) » (its code alone when the reference does not know it)."""
    known = ref.departements().get(code)
    return f"{known[0]} ({code})" if known else code
