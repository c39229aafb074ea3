"""``compare``: one famille of programmes across all regions, as a matrix of its main parameters
(regions as columns), "—" where a region has no such programme."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import describe
from .diff import _contexts, view_of
from .explain import cited_sources, des_name, funding_text, share_text
from .problems import UsageError

FAMILLES = {
    "assistant_partage_etablissements": "Assistants partagés entre établissements",
    "assistant_ville_hopital": "Assistants ou praticiens à temps partagé ville/hôpital",
    "mg_temps_partage_400mg": "Médecins généralistes à temps partagé (400 MG, volet 1)",
    "mg_salarie_400mg": "Médecins généralistes salariés (400 MG, volet 2)",
    "aumg": "Assistants universitaires de médecine générale",
    "assistant_douleur_soins_palliatifs": "Assistants douleur / soins palliatifs",
    "assistant_mixte_liberal": "Assistants spécialistes mixtes ville-hôpital (libéral)",
}
ROWS = [
    ("dispositif", "Dispositif"),
    ("campagne", "Campagne lue"),
    ("duree", "Durée"),
    ("specialites", "Spécialités"),
    ("temps", "Répartition du temps"),
    ("zones", "Zones exigées"),
    ("conditions", "Autres conditions"),
    ("financement", "Financement"),
    ("date_limite", "Date limite"),
    ("prises_de_poste", "Prises de poste"),
    ("candidature", "Candidature"),
    ("sources", "Sources"),
]
EMPTY = "—"  # the region has no such dispositif
UNSTATED = "non précisé"  # the dispositif exists, its texts do not say


@dataclass
class Matrix:
    famille: str
    titre: str
    regions: list[tuple[str, str]]  # (slug, name)
    cells: dict[str, dict[str, str]]  # row key → region slug → text
    campagnes: dict[str, str | None]


def describe_dispositif(data: dict[str, Any], campagne: dict[str, Any] | None) -> dict[str, str]:
    cells: dict[str, str] = {"dispositif": f"{data.get('nom')}", "campagne": campagne["id"] if campagne else "aucune campagne publiée"}
    duree = data.get("duree")
    if duree:
        text = f"{duree['mois']} mois"
        renewal = duree.get("renouvellement")
        if renewal:
            text += f", renouvelable {renewal.get('fois', 1)} fois {renewal['mois']} mois"
        if duree.get("consecutive"):
            text += ", consécutifs"
        cells["duree"] = text
    spec = data.get("specialites")
    if spec:
        names = ", ".join(des_name(d) for d in spec.get("des") or [])
        cells["specialites"] = {"toutes": "toutes", "toutes_sauf": f"toutes sauf {names}", "uniquement": f"{names} uniquement"}[spec["mode"]]
    parts, zones = [], []
    for lieu in data.get("lieux") or []:
        bits = []
        if lieu.get("quotite"):
            bits.append(share_text(lieu["quotite"]))
        if lieu.get("demi_journees"):
            dj = lieu["demi_journees"]
            bits.append(f"{dj.get('min', '?')} à {dj.get('max', '?')} demi-journées/semaine")
        name = lieu.get("libelle", lieu["role"])
        parts.append(f"{name} : {', '.join(bits) if bits else UNSTATED}")
        if lieu.get("zones"):
            zones.append(f"{name} : {', '.join(_zone(z) for z in lieu['zones']['categories'])}")
    if parts:
        cells["temps"] = " ; ".join(parts)
    others = []
    for cond in data.get("eligibilite") or []:
        others.append(_condition_text(cond, zones))
    cells["zones"] = " ; ".join(zones) if zones else "aucune"
    others = [o for o in others if o]
    cells["conditions"] = " ; ".join(others) if others else "aucune"
    funds = [funding_text(f) for f in data.get("financement") or []]
    if funds:
        cells["financement"] = " ; ".join(funds)
    if campagne:
        cal = campagne.get("calendrier") or {}
        if cal.get("date_limite"):
            cells["date_limite"] = describe(cal["date_limite"]) + (" inclus" if cal["date_limite"].get("incluse") else "")
        if cal.get("prises_de_poste"):
            cells["prises_de_poste"] = ", ".join(describe(p) for p in cal["prises_de_poste"])
    titles = data.get("_titres_sources") or {}
    cited = sorted({titles.get(s, s) for s in cited_sources(data)})
    if cited:
        cells["sources"] = " ; ".join(cited)
    cand = data.get("candidature")
    if cand:
        who = {"candidat": "le candidat", "etablissement_recruteur": "l'établissement recruteur", "etablissement_accueil": "l'établissement d'accueil", "universite": "l'université", "porteur_projet": "le porteur de projet"}.get(cand.get("porteur", ""), "")
        how = {"courriel": "par courriel", "demarches_simplifiees": "sur Démarches simplifiées", "dossier_universite": "dossier à l'université", "dossier_ars": "dossier à l'ARS", "non_precise": ""}.get(cand.get("canal", ""), "")
        cells["candidature"] = ", ".join(x for x in (who, how) if x) or EMPTY
    return cells


def _zone(code: str) -> str:
    return code.replace("_PLUS", "+")


def _condition_text(cond: dict[str, Any], zones: list[str]) -> str:
    kind = cond.get("type")
    if kind == "annees_depuis_fin_internat":
        return f"au plus {cond['max']:g} ans après l'internat" if "max" in cond else f"au moins {cond['min']:g} ans après l'internat"
    if kind == "inscription_ordre":
        return f"inscrit à l'Ordre au {cond['au_plus_tard'][3:]}/{cond['au_plus_tard'][:2]}"
    if kind == "des_obtenu":
        return "DES obtenu"
    if kind == "zone":
        zones.append(f"{cond['lieu']} : {', '.join(_zone(z) for z in cond['valeurs'])}")
        return ""
    for combinator, word in (("tous", " et "), ("au_moins_un", " ou "), ("aucun", " ni ")):
        if combinator in cond:
            inner = [t for t in (_condition_text(c, zones) for c in cond[combinator]) if t]
            if not inner and combinator == "au_moins_un" and zones:
                zones[-2:] = [" ou ".join(zones[-2:])] if len(zones) >= 2 else zones[-1:]
            return f"({word.join(inner)})" if len(inner) > 1 else (inner[0] if inner else "")
    return ""


def compare(regions_dir: Path, famille: str | None, campagne: str | None, contexts: list[Any] | None = None) -> list[Matrix]:
    """The matrices; ``contexts``: regions already validated (the site passes its own)."""
    if famille is not None and famille not in FAMILLES:
        raise UsageError(f"famille inconnue : {famille} (familles : {', '.join(FAMILLES)})")
    if contexts is None:
        if not regions_dir.is_dir():
            raise UsageError(f"dossier des régions introuvable : {regions_dir}")
        contexts = [c for c in _contexts([regions_dir]) if not c.tree.national]
    if campagne is not None and not any(stem == campagne for c in contexts for stem, _d in c.campagnes()):
        known = sorted({stem for c in contexts for stem, _d in c.campagnes()})
        raise UsageError(f"campagne inconnue dans toutes les régions : {campagne} (campagnes : {', '.join(known)})")
    # per region: each dispositif read in the requested campaign, or in the latest campaign that
    # opens it (dated values at that campaign's date)
    views: list[tuple[str, str, dict[str, tuple[dict[str, Any], dict[str, Any] | None]]]] = []
    for ctx in sorted(contexts, key=lambda c: c.tree.slug):
        campaigns = {stem: doc.data for stem, doc in ctx.campagnes()}
        entries: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
        for stem in sorted(ctx.effective):
            opening = sorted(c for c, data in campaigns.items() if stem in {d["id"] for d in data["dispositifs"]})
            chosen_id = campagne if campagne is not None else (opening[-1] if opening else None)
            chosen = campaigns.get(chosen_id) if chosen_id else None
            if campagne is not None and chosen is not None and chosen_id not in opening:
                chosen = None
            view = view_of(ctx, chosen_id if chosen_id in campaigns else None, stem, ctx.tree.slug)
            data = dict(view.dispositifs[stem])
            data["_titres_sources"] = view.sources
            entries[stem] = (data, chosen)
        region_doc = ctx.doc("region")
        name = region_doc.data["nom"] if region_doc is not None else ctx.tree.slug
        views.append((ctx.tree.slug, name, entries))
    result = []
    for fam, title in FAMILLES.items():
        if famille is not None and fam != famille:
            continue
        cells: dict[str, dict[str, str]] = {key: {} for key, _l in ROWS}
        present = False
        for slug, _name, entries in views:
            described = [describe_dispositif(d, chosen) for _stem, (d, chosen) in sorted(entries.items()) if d.get("famille") == fam]
            present = present or bool(described)
            for key, _label in ROWS:
                values = [d.get(key, UNSTATED) for d in described]
                cells[key][slug] = " ‖ ".join(values) if values else EMPTY
        if present or famille is not None:
            used = {s: sorted({c["id"] for d, c in e.values() if c and d.get("famille") == fam}) for s, _n, e in views}
            result.append(Matrix(fam, title, [(s, n) for s, n, _e in views], cells, {s: ", ".join(ids) or None for s, ids in used.items()}))
    return result


def render(matrices: list[Matrix], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([
            {"famille": m.famille, "titre": m.titre, "regions": [s for s, _n in m.regions], "campagnes": m.campagnes,
             "lignes": [{"parametre": label, "valeurs": m.cells[key]} for key, label in ROWS]}
            for m in matrices
        ], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        from .csvsafe import writer as csv_writer

        out = io.StringIO()
        writer = csv_writer(out, lineterminator="\n")
        for m in matrices:
            writer.writerow(["famille", "parametre", *[s for s, _n in m.regions]])
            for key, label in ROWS:
                writer.writerow([m.famille, label, *[m.cells[key][s] for s, _n in m.regions]])
        return out.getvalue()
    lines: list[str] = []
    for m in matrices:
        if fmt == "markdown":
            lines += [f"## {m.titre}", "", "| Paramètre | " + " | ".join(n for _s, n in m.regions) + " |", "|---|" + "---|" * len(m.regions)]
            for key, label in ROWS:
                lines.append(f"| {label} | " + " | ".join(m.cells[key][s].replace("|", "\\|") for s, _n in m.regions) + " |")
            lines.append("")
        else:
            lines += [m.titre, "=" * len(m.titre)]
            for key, label in ROWS:
                lines.append(f"{label} :")
                for slug, name in m.regions:
                    lines.append(f"  {name} : {m.cells[key][slug]}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
