"""``compare``: one famille of programmes across all regions, as a matrix of its main parameters
(regions as columns), "—" where a region has no such programme."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .conditions import Build, describe, from_yaml, is_zone
from .dates import describe as describe_date
from .diffing.views import view_of
from .domain import Campaign, Region, application_channel, latest_campaign_opening, lieu_labels
from .engine import pay
from .explain import cited_sources, des_name, funding_text, pay_text, share_text
from .labels import enum_labels, label
from .problems import UsageError
from .suggestions import did_you_mean
from .validation import checked_contexts

ROWS = [
    ("dispositif", "Dispositif"),
    ("campagne", "Campagne lue"),
    ("duree", "Durée"),
    ("specialites", "Spécialités"),
    ("temps", "Répartition du temps"),
    ("zones", "Zones exigées"),
    ("conditions", "Autres conditions"),
    ("remuneration", "Rémunération"),
    ("financement", "Financement"),
    ("date_limite", "Date limite"),
    ("prises_de_poste", "Prises de poste"),
    ("candidature", "Candidature"),
    ("regles", "Règles de la campagne"),
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

    def as_dict(self) -> dict[str, Any]:
        return {
            "famille": self.famille,
            "titre": self.titre,
            "regions": [s for s, _n in self.regions],
            "campagnes": self.campagnes,
            "lignes": [{"parametre": label, "valeurs": self.cells[key]} for key, label in ROWS],
        }

    def present(self) -> list[tuple[str, str]]:
        """The regions that have a dispositif of the family (the columns a reader is shown: a
        column of « — » says nothing)."""
        return [(slug, nom) for slug, nom in self.regions if self.cells["dispositif"].get(slug, EMPTY) != EMPTY]

    def absent(self) -> list[str]:
        """The names of the regions without one, in French order."""
        from .formatting import french_key

        shown = set(self.present())
        return sorted((nom for slug, nom in self.regions if (slug, nom) not in shown), key=french_key)

    def absent_line(self) -> str:
        """« Sans dispositif de cette famille : … », or "" when every region has one."""
        names = self.absent()
        if not names:
            return ""
        if not self.present():
            return "Aucune région décrite n'a de dispositif de cette famille."
        return f"Sans dispositif de cette famille : {', '.join(names)}."


def specialties_text(mode: str, names: str) -> str:
    """The specialties a dispositif admits: « toutes », « toutes sauf X », « X uniquement »."""
    word = label("mode", mode)
    if mode == "toutes_sauf":
        return f"{word} {names}"
    if mode == "uniquement":
        return f"{names} {word}"
    return word


def duration_text(data: dict[str, Any]) -> tuple[str, bool]:
    """The length of the post for « En bref » and the region's table, and whether the editors
    qualify it (a ``note``): the contract's (``duree``); without one, the length of the fundings the
    texts give (« 24 mois de financement (Région …) »), never « non précisée » while a text gives one."""
    duree = data.get("duree")
    if duree:
        text = f"{duree['mois']} mois"
        renewal = duree.get("renouvellement")
        if renewal:
            text += f", renouvelable {renewal.get('fois', 1)} fois {renewal['mois']} mois"
        if duree.get("consecutive"):
            text += ", consécutifs"
        return text, bool(duree.get("note"))
    funded = [f for f in data.get("financement") or [] if isinstance(f.get("duree_mois"), int)]
    if funded:
        texts = list(dict.fromkeys(f"{f['duree_mois']} mois de financement, versé par {f.get('financeur', '')}" for f in funded))
        return " ; ".join(texts), any(f.get("note") for f in funded)
    return "non précisée par les textes", False


def describe_dispositif(data: dict[str, Any], campagne: dict[str, Any] | None, zones: dict[str, str] | None = None) -> dict[str, str]:
    absent = str(data.get("_campagne_absente") or "aucune campagne publiée")
    cells: dict[str, str] = {
        "dispositif": f"{data.get('nom')}",
        "campagne": campagne["id"] + str(data.get("_campagne_couvre") or "") if campagne else absent,
    }
    if data.get("duree") or any(isinstance(f.get("duree_mois"), int) for f in data.get("financement") or []):
        cells["duree"] = duration_text(data)[0]  # the site's words: a funding's stated length when no contract length
    spec = data.get("specialites")
    if spec:
        names = ", ".join(des_name(d) for d in spec.get("des") or [])
        cells["specialites"] = specialties_text(spec["mode"], names)
    parts, zone_rules = [], []
    labels = lieu_labels(data)
    build = Build(labels=labels, zones=zones)
    for lieu in data.get("lieux") or []:
        bits = []
        if lieu.get("quotite"):
            bits.append(share_text(lieu["quotite"]))
        if lieu.get("demi_journees"):
            dj = lieu["demi_journees"]
            bits.append(f"{dj.get('min', '?')} à {dj.get('max', '?')} demi-journées/semaine")
        name = labels[lieu["role"]]
        parts.append(f"{name} : {', '.join(bits) if bits else UNSTATED}")
        if lieu.get("zones"):
            zone_rules.append(
                describe(from_yaml({"type": "zone", "lieu": lieu["role"], "valeurs": lieu["zones"]["categories"]}, build), labels)
            )
    if parts:
        cells["temps"] = " ; ".join(parts)
    others: list[str] = []
    for raw in data.get("eligibilite") or []:  # zone requirements in their own row
        cond = from_yaml(raw, build)
        (zone_rules if is_zone(cond) else others).append(describe(cond, labels))
    cells["zones"] = " ; ".join(zone_rules) if zone_rules else "aucune"
    others = [o for o in others if o]
    cells["conditions"] = " ; ".join(others) if others else "aucune"
    months = (data.get("duree") or {}).get("mois")
    paid = [pay_text(p) for p in pay(data, campagne, {"duree_mois": months} if months else {})]
    if paid:
        cells["remuneration"] = " ; ".join(paid)
    funds = [funding_text(f) for f in data.get("financement") or []]
    if funds:
        cells["financement"] = " ; ".join(funds)
    if campagne:
        cal = Campaign(campagne).calendar_for(str(data.get("id")))
        if cal.get("date_limite"):
            cells["date_limite"] = describe_date(cal["date_limite"]) + (" inclus" if cal["date_limite"].get("incluse") else "")
        if cal.get("prises_de_poste"):
            cells["prises_de_poste"] = ", ".join(describe_date(p) for p in cal["prises_de_poste"])
        rules = [str(rule["texte"]) for rule in Campaign(campagne).rules_for(str(data.get("id")))]
        cells["regles"] = " ; ".join(rules) if rules else "aucune"
    titles = data.get("_titres_sources") or {}
    cited = sorted({titles.get(s, s) for s in cited_sources(data)})
    if cited:
        cells["sources"] = " ; ".join(cited)
    cand = data.get("candidature")
    if cand:
        who = label("porteur", cand.get("porteur"), "")
        how = label("canal", application_channel(data, campagne)[0], "")
        # « portée par », as the dispositif's page says it: who carries the application (the university
        # for an AUMG), not always who hands in the file
        cells["candidature"] = ", ".join(x for x in (f"portée par {who}" if who else "", how) if x) or EMPTY
    return cells


def campaign_read(wanted: str, ids: list[str]) -> str | None:
    """The campaign of a region that ``compare --campagne`` reads: the one named ``wanted``, else,
    for a year (« 2025 »), the campaign whose period covers it (« 2025-2027 »; the latest-starting
    one if several do), else None."""
    if wanted in ids:
        return wanted
    if not (len(wanted) == 4 and wanted.isdigit()):
        return None
    year = int(wanted)
    covering = []
    for ident in ids:
        first, dash, last = ident.partition("-")
        if dash and first.isdigit() and last.isdigit() and int(first) <= year <= int(last):
            covering.append((int(first), ident))
    return max(covering)[1] if covering else None


def compare(regions_dir: Path, famille: str | None, campagne: str | None, contexts: list[Any] | None = None) -> list[Matrix]:
    """The matrices; ``contexts``: regions already validated (the site passes its own)."""
    from .progress import set_current_file

    set_current_file(regions_dir)
    familles = enum_labels("famille")
    if famille is not None and famille not in familles:
        hint = did_you_mean(famille, familles)
        raise UsageError(f"famille inconnue : {famille}{'. ' + hint if hint else ''} (familles : {', '.join(familles)})")
    if contexts is None:
        if not regions_dir.is_dir():
            raise UsageError(f"dossier des régions introuvable : {regions_dir}")
        found, errors = checked_contexts([regions_dir])
        if errors:  # a commission must not circulate a comparison of rules that do not validate
            from .rulebook import invalid_rules

            raise invalid_rules(regions_dir, len(errors), errors[:5], "avant de comparer les régions")
        contexts = [c for c in found if not c.tree.national]
    if campagne is not None and not any(campaign_read(campagne, [stem for stem, _d in c.campagnes()]) for c in contexts):
        known = sorted({stem for c in contexts for stem, _d in c.campagnes()})
        raise UsageError(f"campagne inconnue dans toutes les régions : {campagne} (campagnes : {', '.join(known)})")
    # per region: each dispositif read in the requested campaign, or in the latest campaign that
    # opens it (dated values at that campaign's date)
    views: list[tuple[str, str, dict[str, tuple[dict[str, Any], dict[str, Any] | None]], dict[str, str]]] = []
    for ctx in sorted(contexts, key=lambda c: c.tree.slug):
        campaigns = Region(ctx).campaigns()
        wanted = campaign_read(campagne, list(campaigns)) if campagne is not None else None
        entries: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
        for stem in sorted(ctx.effective):
            latest = latest_campaign_opening(campaigns.values(), stem)
            chosen_id = (wanted or campagne) if campagne is not None else (latest["id"] if latest else None)
            chosen = campaigns.get(chosen_id) if chosen_id else None
            if campagne is not None and chosen is not None and not Campaign(chosen).opens(stem):
                chosen = None
            view = view_of(ctx, chosen_id if chosen_id in campaigns else None, stem, ctx.tree.slug)
            data = dict(view.dispositifs[stem])
            data["_titres_sources"] = view.sources
            if campagne is not None and chosen is not None and wanted != campagne:  # a year read in the multi-year campaign that covers it
                covering = [c for c in sorted(campaigns) if campaign_read(campagne, [c])]
                others = f", la plus récente de {', '.join(covering)}" if len(covering) > 1 else ""
                data["_campagne_couvre"] = f" (couvre {campagne}{others})"
            if campagne is not None and chosen is None:  # the campaign asked for, not this region's or not for this dispositif
                data["_campagne_absente"] = (
                    f"la campagne {wanted} n'ouvre pas ce dispositif"
                    if wanted in campaigns
                    else f"pas de campagne « {campagne} » (campagnes de la région : {', '.join(sorted(campaigns)) or 'aucune'})"
                )
            entries[stem] = (data, chosen)
        views.append((ctx.tree.slug, Region(ctx).name, entries, Region(ctx).zone_labels()))
    result = []
    for fam, title in familles.items():
        if famille is not None and fam != famille:
            continue
        cells: dict[str, dict[str, str]] = {key: {} for key, _l in ROWS}
        present = False
        for slug, _name, entries, zone_labels in views:
            described = [
                describe_dispositif(d, chosen, zone_labels) for _stem, (d, chosen) in sorted(entries.items()) if d.get("famille") == fam
            ]
            present = present or bool(described)
            for key, _label in ROWS:
                values = [d.get(key, UNSTATED) for d in described]
                cells[key][slug] = " ‖ ".join(values) if values else EMPTY
        if present or famille is not None:
            used = {s: sorted({c["id"] for d, c in e.values() if c and d.get("famille") == fam}) for s, _n, e, _z in views}
            result.append(
                Matrix(fam, title, [(s, n) for s, n, _e, _z in views], cells, {s: ", ".join(ids) or None for s, ids in used.items()})
            )
    return result


def render_json(matrices: list[Matrix]) -> str:
    return json.dumps([m.as_dict() for m in matrices], ensure_ascii=False, indent=2) + "\n"


def render_csv(matrices: list[Matrix]) -> str:
    from .csvsafe import writer as csv_writer

    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    for m in matrices:
        writer.writerow(["famille", "parametre", *[s for s, _n in m.regions]])
        for key, row in ROWS:
            writer.writerow([m.famille, row, *[m.cells[key][s] for s, _n in m.regions]])
    return out.getvalue()


def render_markdown(matrices: list[Matrix]) -> str:
    """One table per family, a column per region that has one (CSV and JSON keep every region)."""
    lines: list[str] = []
    for m in matrices:
        shown = m.present()
        lines += [f"## {m.titre}", ""]
        if m.absent_line():
            lines += [m.absent_line(), ""]
        if shown:
            lines += ["| Paramètre | " + " | ".join(n for _s, n in shown) + " |", "|---|" + "---|" * len(shown)]
            for key, row in ROWS:
                lines.append(f"| {row} | " + " | ".join(m.cells[key][s].replace("|", "\\|") for s, _n in shown) + " |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_text(matrices: list[Matrix]) -> str:
    lines: list[str] = []
    for m in matrices:
        shown = m.present()
        lines += [m.titre, "=" * len(m.titre)]
        if m.absent_line():
            lines.append(m.absent_line())
        for key, row in ROWS if shown else []:
            lines.append(f"{row} :")
            for slug, name in shown:
                lines.append(f"  {name} : {m.cells[key][slug]}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


RENDERERS: dict[str, Callable[[list[Matrix]], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
}


def render(matrices: list[Matrix], fmt: str) -> str:
    return RENDERERS[fmt](matrices)
