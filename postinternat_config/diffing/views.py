"""The comparable view of one side: a region (its identity, its zoning, one campaign and the
dispositifs after inheritance) or one dispositif, with dated values read at the side's campaign
date, and the French words of its codes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..context import Context
from ..domain import Campaign, Region, is_series, item_at, latest_campaign, latest_campaign_opening, value_at
from ..problems import UsageError
from ..suggestions import did_you_mean
from .loading import Reader


@dataclass
class View:
    """One side of a diff, ready to compare."""

    label: str
    sections: dict[str, tuple[str, Any]] = field(default_factory=dict)  # section title → (kind, data)
    dispositifs: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → effective data (chosen campaign)
    region: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # source id → title
    kind: str = "region"  # region, dispositif, frame
    explicit_campaign: bool = False
    campaign: str | None = None
    region_name: str | None = None
    all_campaigns: dict[str, Any] = field(default_factory=dict)  # id → campaign data (every campaign)
    all_dispositifs: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → data at its own latest campaign
    glossary: dict[str, str] = field(default_factory=dict)  # code → French words


def _resolve_dated(data: Any, when: date | None) -> Any:
    """Dated series replaced by their value at ``when`` (the side's campaign date); the source of
    the value in force is kept beside it (``_source_<field>``) so that the diff cites it."""
    if isinstance(data, dict):
        result: dict[str, Any] = {}
        for key, value in data.items():
            if is_series(value) and when is not None:
                result[key] = value_at(value, when)
                item = item_at(value, when)
                if item is not None and isinstance(item.get("source"), str):
                    result[f"_source_{key}"] = item["source"]
            else:
                result[key] = _resolve_dated(value, when)
        return result
    if isinstance(data, list):
        return [_resolve_dated(v, when) for v in data]
    return data


def _campaign_date(campagne: dict[str, Any] | None) -> date | None:
    return Campaign(campagne).reference_date() if campagne else None


def _sources_of(ctx: Context) -> dict[str, str]:
    return {ident: source["titre"] for ident, source in Region(ctx).sources().items()}


def region_view(reader: Reader, folder: Path, campagne: str | None, dispositif: str | None, label: str) -> View:
    """The view of a region folder (``dispositif``: of one of its dispositifs only)."""
    contexts = [c for c in reader.contexts(folder) if c.tree.folder == folder.resolve()]
    if not contexts:
        raise UsageError(f"{label} : ce n'est pas un dossier de région")
    return view_of(contexts[0], campagne, dispositif, label)


def _glossary(ctx: Context) -> dict[str, str]:
    """French words for the codes of one region (roles, zones) and of the reference data."""
    from .. import referentiel as ref
    from ..labels import enum_labels

    words: dict[str, str] = {}
    words.update(ref.types_structure())
    words.update(ref.statuts())
    words.update(ref.des())
    for vocabulary in ("famille", "canal", "porteur", "entre", "mode", "base", "statut", "periode"):
        words.update(enum_labels(vocabulary))
    words.update({code: text for code, text in enum_labels("regle").items() if code != "texte"})  # « texte » is also a kind of priority
    zonage = ctx.doc("zonage")
    for category in (zonage.data.get("categories") or []) if zonage else []:
        code = category["code"]
        words[code] = code.replace("_PLUS", "+") if len(code.replace("_PLUS", "")) <= 4 else category["libelle"].lower()
    labels: dict[str, set[str]] = {}
    for eff in ctx.effective.values():
        for lieu in eff.data.get("lieux") or []:
            labels.setdefault(lieu["role"], set()).add(lieu.get("libelle", lieu["role"]))
    for role, names in labels.items():
        if len(names) == 1 and role not in words:  # a role named the same way in every dispositif
            words[role] = next(iter(names))
    for stem, eff in ctx.effective.items():  # the dispositifs of a campaign's quotas and rules
        words.setdefault(stem, str(eff.data.get("nom") or stem))
    cadre = ctx.national_doc("cadre")
    for repartition in (cadre.data.get("quotas_nationaux") or []) if cadre else []:
        words.setdefault(repartition["id"], str(repartition.get("libelle") or repartition["id"]))
        for category in repartition.get("categories") or []:
            words.setdefault(category["id"], str(category.get("libelle") or category["id"]))
    return words


def view_of(ctx: Context, campagne: str | None, dispositif: str | None, label: str) -> View:
    """The view of one validated region: the given campaign, or the latest one (every campaign is
    also kept, for comparing two versions of the same region)."""
    campaigns = Region(ctx).campaigns()
    chosen = None
    if campagne is not None:
        chosen = campaigns.get(campagne)
        if chosen is None:
            raise UsageError(f"{label} : campagne inconnue « {campagne} » (campagnes : {', '.join(sorted(campaigns)) or 'aucune'})")
    else:
        chosen = latest_campaign(campaigns.values())
    when = _campaign_date(chosen)
    region = ctx.doc("region")
    view = View(
        label,
        region=ctx.tree.slug,
        sources=_sources_of(ctx),
        explicit_campaign=campagne is not None,
        campaign=chosen["id"] if chosen else None,
        region_name=Region(ctx).name,
        glossary=_glossary(ctx),
    )
    if dispositif is None:
        for stem, eff in sorted(ctx.effective.items()):
            view.all_dispositifs[stem] = _resolve_dated(
                eff.data, _campaign_date(latest_campaign_opening(campaigns.values(), stem) or chosen)
            )
    else:
        if dispositif not in ctx.effective:
            hint = did_you_mean(dispositif, ctx.effective)
            raise UsageError(
                f"{label} : dispositif inconnu « {dispositif} »{'. ' + hint if hint else ''} (dispositifs : {', '.join(sorted(ctx.effective))})"
            )
        view.kind = "dispositif"
        at = when if campagne is not None else _campaign_date(latest_campaign_opening(campaigns.values(), dispositif) or chosen)
        view.dispositifs[dispositif] = _resolve_dated(ctx.effective[dispositif].data, at)
        if chosen is not None and campagne is not None:
            # « normandie@2024/asr »: the campaign as it applies to this dispositif is compared too
            # (its calendar, its rules, its entry), not only the dispositif's own file
            applied = Campaign(chosen)
            entry = {k: v for k, v in chosen.items() if k not in ("id", "libelle", "calendrier", "regles", "dispositifs", "quotas")}
            entry["calendrier"] = applied.calendar_for(dispositif)
            entry["regles"] = applied.rules_for(dispositif)
            entry["dispositifs"] = [d for d in chosen.get("dispositifs") or [] if isinstance(d, dict) and d.get("id") == dispositif]
            entry["quotas"] = [q for q in chosen.get("quotas") or [] if isinstance(q, dict) and q.get("dispositif") == dispositif]
            view.sections["Campagne"] = ("campagne", entry)
        return view
    if region:
        view.sections["Région"] = ("region", region.data)
    zonage = ctx.doc("zonage")
    if zonage:
        view.sections["Zonage"] = ("zonage", zonage.data)
    view.all_campaigns = {c: {k: v for k, v in data.items() if k not in ("id", "libelle")} for c, data in campaigns.items()}
    if chosen:
        view.sections["Campagne"] = ("campagne", {k: v for k, v in chosen.items() if k not in ("id", "libelle")})
    opened = Campaign(chosen).dispositifs if chosen else frozenset(ctx.effective)
    for stem in sorted(ctx.effective):
        if stem in opened:
            view.dispositifs[stem] = _resolve_dated(ctx.effective[stem].data, when)
    return view


def frame_view(reader: Reader, folder: Path, stem: str, label: str) -> View:
    """A regional dispositif's national frame, as a one-dispositif view."""
    contexts = [c for c in reader.contexts(folder) if c.tree.folder == folder.resolve()]
    ctx = contexts[0]
    doc = ctx.tree.dispositifs.get(stem)
    parent = doc.data.get("etend") if doc else None
    frame = ctx.frames().get(parent) if parent else None
    if frame is None:
        raise UsageError(f"{label} : le dispositif « {stem} » n'étend aucun cadre national")
    view = View(f"cadre national « {frame.data.get('nom', parent)} »", sources=_sources_of(ctx), kind="dispositif", glossary=_glossary(ctx))
    view.dispositifs[stem] = {k: v for k, v in frame.data.items() if k not in ("cadre_national", "id")} | {"id": stem}
    return view


def frame_file_view(reader: Reader, folder: Path, stem: str, label: str) -> View:
    """A file of the national frame, as a one-dispositif view."""
    contexts = reader.contexts(folder)
    ctx = contexts[0]
    doc = ctx.tree.dispositifs[stem]
    view = View(label, sources=_sources_of(ctx), kind="dispositif", glossary=_glossary(ctx))
    view.dispositifs[stem] = {k: v for k, v in doc.data.items() if k != "cadre_national"}
    return view


def root_view_pair(
    before: dict[str, Context], after: dict[str, Context], left_label: str, right_label: str
) -> tuple[dict[str, View], dict[str, View]]:
    """One view per region of two regions/ folders (slug → view; the labels: the folders as given).
    A region read once for both sides (unchanged) has one view, under each side's label."""
    left = {slug: view_of(ctx, None, None, f"{left_label}/{slug}") for slug, ctx in before.items()}
    right = {
        slug: replace(left[slug], label=f"{right_label}/{slug}")
        if ctx is before.get(slug)
        else view_of(ctx, None, None, f"{right_label}/{slug}")
        for slug, ctx in after.items()
    }
    return left, right
