"""French sentences for condition results: each names the value used and the threshold."""

from __future__ import annotations

from datetime import date
from typing import Any

from . import referentiel as ref

STATUS_FR = {"ok": "remplie", "ko": "non remplie", "inconnu": "information manquante"}
VERDICT_FR = {"eligible": "éligible", "non_eligible": "non éligible", "a_completer": "dossier à compléter"}


def pct(value: float) -> str:
    return f"{value:g} %".replace(".", ",")


def french_date(text: str | None) -> str:
    if not text:
        return "?"
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    return day.strftime("%d/%m/%Y")


def des_name(code: str | None) -> str:
    if code is None:
        return "?"
    return ref.des().get(code, code)


def type_name(code: str | None) -> str:
    if code is None:
        return "type non renseigné"
    return ref.types_structure().get(code, code)


def _list(items: list[str], word: str = "ou") -> str:
    if not items:
        return "—"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def share_text(q: dict[str, Any]) -> str:
    """A share of time (valeur, valeurs, min, max, base) in French: "au moins 60 % sur la durée du contrat"."""
    parts = []
    if "valeur" in q:
        parts.append(pct(q["valeur"]))
    if "valeurs" in q:
        parts.append(_list([pct(v) for v in q["valeurs"]]))
    if "min" in q:
        parts.append(f"au moins {pct(q['min'])}")
    if "max" in q:
        parts.append(f"au plus {pct(q['max'])}")
    return " et ".join(parts) + (" sur la durée du contrat" if q.get("base") == "contrat" else "")


def euros(value: float) -> str:
    """2100 → "2 100 €" (narrow no-break space between thousands, comma for decimals)."""
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    return text.replace(",", "\u202f").replace(".", ",") + " €"


_PERIOD = {"mois": " par mois", "an": " par an", "unique": ""}


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
        bits.append(euros(amount) + _PERIOD.get(period or "", ""))
    if isinstance(item.get("total"), (int, float)):
        bits.append(f"total {euros(item['total'])} sur {item['duree_mois']} mois")
    elif item.get("duree_mois") and not isinstance(montant, (int, float)):
        bits.append(f"pendant {item['duree_mois']} mois")
    if bits:
        text += " : " + ", ".join(bits)
    if with_purpose and item.get("objet"):
        text += f" — {item['objet']}"
    return text.strip()


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


def _share_rule(cond: dict[str, Any], unit: str) -> str:
    fmt = pct if unit == "%" else (lambda v: f"{v:g}")
    parts = []
    if "valeur" in cond:
        parts.append(f"exactement {fmt(cond['valeur'])}")
    if "valeurs" in cond:
        parts.append("l'une des valeurs " + _list([fmt(v) for v in cond["valeurs"]]))
    if "min" in cond and "max" in cond:
        parts.append(f"entre {fmt(cond['min'])} et {fmt(cond['max'])}")
    elif "min" in cond:
        parts.append(f"au moins {fmt(cond['min'])}")
    elif "max" in cond:
        parts.append(f"au plus {fmt(cond['max'])}")
    return " et ".join(parts)


def _years(value: float) -> str:
    return f"{value:g} an" if value == 1 else f"{value:g} ans".replace(".", ",")


def commune_name(code: str) -> str:
    commune = ref.communes().get(code)
    return f"{commune.nom} ({code})" if commune else f"commune {code}"


MISSING_FR = {
    "specialite": "spécialité (DES) du candidat",
    "fin_internat": "date de fin de l'internat",
    "date_des": "date d'obtention du DES",
    "inscription_ordre": "date d'inscription à l'Ordre",
    "debut": "date de prise de poste",
    "duree_mois": "durée du projet",
    "date_candidature": "date de candidature",
    "structures": "structures du projet",
}
_FIELD_FR = {"quotite": "quotité", "demi_journees": "demi-journées par semaine", "zone": "zone", "type": "type", "commune": "commune"}


def missing_fr(code: str) -> str:
    """A missing-field code (structures[2].zone) in French words (zone de la structure n°2)."""
    import re

    if code in MISSING_FR:
        return MISSING_FR[code]
    match = re.fullmatch(r"structures\[(\d+)\]\.(\w+)", code)
    if match:
        return f"{_FIELD_FR.get(match.group(2), match.group(2))} de la structure n°{match.group(1)}"
    match = re.fullmatch(r"structures\[role=([\w-]+)\](?:\.(\w+))?", code)
    if match:
        return f"structure pour le lieu « {match.group(1)} »" + (f" (avec sa {_FIELD_FR.get(match.group(2), match.group(2))})" if match.group(2) else "")
    return code


def _missing(outcome: Any) -> str:
    return ", ".join(missing_fr(m) for m in outcome.missing) if outcome.missing else "?"


def explain(cond: dict[str, Any], outcome: Any) -> str:
    kind = cond["type"]
    status = outcome.status
    value = outcome.value
    label = cond.get("libelle") or cond.get("role", "")
    if kind == "specialite":
        admitted = _list([des_name(d) for d in cond.get("des") or []])
        if status == "inconnu":
            return "Spécialité (DES) du candidat non renseignée."
        if cond.get("mode") == "hors":
            return (f"La spécialité {des_name(value)} n'est pas exclue (exclue : {admitted})." if status == "ok"
                    else f"La spécialité {des_name(value)} est exclue de ce dispositif.")
        return (f"La spécialité {des_name(value)} fait partie des spécialités admises ({admitted})." if status == "ok"
                else f"La spécialité {des_name(value)} n'est pas admise (spécialités admises : {admitted}).")
    if kind == "duree":
        if cond["max_mois"] != cond["mois"]:
            allowed = f"de {cond['mois']} mois, ou jusqu'à {cond['max_mois']} mois avec le renouvellement"
        else:
            allowed = f"de {cond['mois']} mois"
        if status == "inconnu":
            return f"Durée du projet non renseignée ; le contrat est {allowed}."
        return (f"Durée du projet : {value} mois ; le contrat est {allowed}." if status == "ok"
                else f"Durée du projet : {value} mois, alors que le contrat est {allowed}.")
    if kind == "lieu":
        types = _list([type_name(t) for t in cond.get("types") or []])
        count_rule = f"au moins {cond.get('min', 1)}" + (f" et au plus {cond['max']}" if cond.get("max") else "")
        if status == "inconnu":
            if outcome.missing == ("structures",):
                return f"Lieu « {label} » : aucune structure n'est indiquée dans le projet."
            return f"Lieu « {label} » : type de structure non renseigné ({_missing(outcome)})."
        if value and value[0] == "nombre":
            count = {0: "aucune structure", 1: "1 structure"}.get(value[1], f"{value[1]} structures")
            return f"Lieu « {label} » : {count} dans le projet, il en faut {count_rule} (types admis : {types})."
        if value and value[0] == "type":
            return f"Lieu « {label} » : le type {_list([type_name(t) for t in value[1]], 'et')} n'est pas admis (types admis : {types})."
        shown = _list([type_name(t) for t in (value[1] if value else [])], "et")
        return f"Lieu « {label} » : {shown}, type admis" + (f" ({types})." if cond.get("types") else ".")
    if kind in ("quotite", "demi_journees"):
        unit = "%" if kind == "quotite" else ""
        rule = _share_rule(cond, unit)
        what = "Quotité" if kind == "quotite" else "Demi-journées par semaine"
        shown = pct(value) if (value is not None and unit) else (f"{value:g}" if value is not None else "?")
        base = " sur la durée du contrat" if cond.get("base") == "contrat" else ""
        if status == "inconnu":
            return f"{what} au lieu « {label} » non renseignée ({_missing(outcome)}) ; il faut {rule}{base}."
        return (f"{what} au lieu « {label} » : {shown}, conforme ({rule}{base})." if status == "ok"
                else f"{what} au lieu « {label} » : {shown}, alors qu'il faut {rule}{base}.")
    if kind == "zone":
        wanted = _list(list(cond["categories"]))
        if status == "inconnu" and outcome.missing and outcome.missing[0].startswith("structures[role="):
            return f"Lieu « {label} » : aucune structure, la zone ne peut pas être vérifiée (zone exigée : {wanted})."
        if status == "inconnu" and outcome.missing == ("structures",):
            return f"Zone du lieu « {label} » : aucune structure n'est indiquée (zone exigée : {wanted})."
        parts = []
        declared = False
        for commune, zones, origin in value or []:
            where = commune_name(commune) if commune else "commune non renseignée"
            if zones is None:
                what = f"zone « {origin[9:]} » inconnue du zonage de la région" if origin and origin.startswith("inconnue:") else "zone inconnue"
            else:
                what = _list(zones, "et") if zones else "hors zonage"
            if origin == "declaree":
                declared = True
                what += " (déclarée)"
            parts.append(f"{where} : {what}")
        detail = " ; ".join(parts)
        caveat = " La zone est celle que déclare le dossier : à vérifier sur l'arrêté de zonage." if declared else ""
        if status == "ok":
            return f"Lieu « {label} » en zone exigée ({detail}) ; zone exigée : {wanted}.{caveat}"
        if status == "ko":
            return f"Lieu « {label} » hors des zones exigées ({detail}) ; zone exigée : {wanted}.{caveat}"
        return f"Zone du lieu « {label} » à préciser ({detail}) : déclarez la zone de la structure (zone exigée : {wanted})."
    if kind == "annees_depuis_fin_internat":
        bounds = []
        if cond.get("min") is not None:
            bounds.append(f"au moins {_years(cond['min'])}")
        if cond.get("max") is not None:
            bounds.append(f"au plus {_years(cond['max'])}")
        rule = " et ".join(bounds)
        if status == "inconnu":
            return f"Délai depuis la fin de l'internat non calculable ({_missing(outcome)}) ; il faut une prise de poste {rule} après la fin de l'internat."
        end, start, limit_low, limit_high = value
        window = []
        if limit_low:
            window.append(f"à partir du {french_date(limit_low)}")
        if limit_high:
            window.append(f"jusqu'au {french_date(limit_high)}")
        return (f"Fin de l'internat le {french_date(end)}, prise de poste le {french_date(start)} : conforme ({rule} après l'internat, soit {' et '.join(window)})." if status == "ok"
                else f"Fin de l'internat le {french_date(end)}, prise de poste le {french_date(start)} : il faut {rule} après l'internat, soit {' et '.join(window)}.")
    if kind == "inscription_ordre":
        if status == "inconnu":
            return f"Inscription à l'Ordre non vérifiable ({_missing(outcome)} manquant) ; il faut être inscrit au plus tard le {cond['au_plus_tard'][3:]}/{cond['au_plus_tard'][:2]} de l'année de prise de poste."
        registered, limit = (v.isoformat() if hasattr(v, "isoformat") else v for v in value)
        return (f"Inscription à l'Ordre le {french_date(registered)}, au plus tard le {french_date(limit)} : conforme." if status == "ok"
                else f"Inscription à l'Ordre le {french_date(registered)}, après la date exigée du {french_date(limit)}.")
    if kind == "des_obtenu":
        wanted = _list([des_name(d) for d in cond.get("des") or []])
        if status == "inconnu":
            return f"Obtention du DES ({wanted}) non renseignée ({_missing(outcome)})."
        if status == "ok":
            return f"DES {wanted} obtenu le {french_date(value)}."
        if value and isinstance(value, str) and "-" in value and value[:4].isdigit():
            return f"DES obtenu le {french_date(value)}, après la prise de poste."
        return f"La spécialité {des_name(value)} n'est pas le DES exigé ({wanted})."
    if kind == "departement_structure":
        wanted = _list(list(cond.get("valeurs") or []))
        where = f" du lieu « {cond['lieu']} »" if cond.get("lieu") else ""
        if status == "inconnu":
            return f"Département de la structure{where} inconnu ({_missing(outcome)}) ; départements exigés : {wanted}."
        return (f"Structure{where} dans un département admis ({wanted})." if status == "ok"
                else f"Structure{where} hors des départements admis ({wanted}).")
    if kind == "type_structure":
        wanted = _list([type_name(t) for t in cond.get("valeurs") or []])
        where = f" du lieu « {cond['lieu']} »" if cond.get("lieu") else ""
        if status == "inconnu":
            return f"Type de la structure{where} non renseigné ({_missing(outcome)})."
        return (f"Type de structure{where} admis ({wanted})." if status == "ok" else f"Type de structure{where} non admis : il faut {wanted}.")
    if kind in ("tous", "au_moins_un", "aucun"):
        head = {"tous": "Toutes ces conditions", "au_moins_un": "Au moins une de ces conditions", "aucun": "Aucune de ces conditions"}[kind]
        return f"{head} : {STATUS_FR[status]}."
    return f"Condition {kind} : {STATUS_FR.get(status, status)}."
