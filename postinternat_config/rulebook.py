"""The rulebook: every dispositif's rules as plain JSON-able data, ready to evaluate.

It is built from the validated region trees (after inheritance) and is what ``export rules``
writes for the site's in-browser evaluator: the Python engine and the JavaScript one read the same
data. Conditions come from the structured fields (spécialités, lieux with their types, quotité,
demi-journées and zones, durée) and from the explicit ``eligibilite`` list, each written by its
condition module (``conditions/``); each carries its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import referentiel as ref
from .conditions import Build, from_dispositif
from .context import Context
from .domain import Campaign, Region, lieu_labels
from .problems import PostinternatError
from .workspace import NATIONAL

FORMAT_VERSION = 1


@dataclass
class Rulebook:
    """Rules of every dispositif of the regions loaded, by region slug then dispositif id."""

    regions: dict[str, dict[str, Any]] = field(default_factory=dict)

    def names(self) -> list[str]:
        """The slugs of every region this rulebook can give (loaded or not)."""
        return sorted(self.regions)

    def load(self, slugs: Iterable[str] | None = None) -> None:
        """Make sure these regions (None: all of them) are loaded; every region here already is."""

    def region(self, slug: str) -> dict[str, Any]:
        """The rules of one region (loaded if need be)."""
        found = self.regions.get(slug)
        if found is None:
            self.load([slug])
            found = self.regions[slug]
        return found

    def dispositifs(self, region: str | None = None, dispositif: str | None = None) -> list[tuple[str, dict[str, Any]]]:
        if region is None or region not in self.regions:
            self.load(None if region is None else [region])
        found = []
        for slug, data in sorted(self.regions.items()):
            if region is not None and slug != region:
                continue
            for ident, rules in sorted(data["dispositifs"].items()):
                if dispositif is None or ident == dispositif:
                    found.append((slug, rules))
        return found

    def as_dict(self) -> dict[str, Any]:
        """The rulebook the browser reads, with the French name of each field of a candidate file
        (``champs``: what an unknown piece of information is called, as ``evaluate`` calls it)."""
        from .labels import candidate_fields

        return {"version": FORMAT_VERSION, "champs": candidate_fields(), "regions": self.regions}


def _source(sources: dict[str, dict[str, Any]], block: dict[str, Any]) -> dict[str, Any] | None:
    ident = block.get("source")
    if not isinstance(ident, str):
        return None
    info = sources.get(ident, {})
    result: dict[str, Any] = {"id": ident, "titre": info.get("titre", ident)}
    for key in ("emetteur", "url"):
        if info.get(key):
            result[key] = info[key]
    if block.get("extrait"):
        result["extrait"] = block["extrait"]
    if block.get("note"):
        result["note"] = block["note"]
    return result


def dispositif_rules(ctx: Context, stem: str, sources: dict[str, dict[str, Any]], campagnes: list[dict[str, Any]]) -> dict[str, Any]:
    data = ctx.effective[stem].data
    labels = lieu_labels(data)
    conditions = from_dispositif(data, Build(source=lambda block: _source(sources, block), labels=labels, zones=Region(ctx).zone_labels()))
    financement = []
    for item in data.get("financement") or []:
        entry = {k: v for k, v in item.items() if k not in ("source", "extrait", "note")}
        entry["source"] = _source(sources, item)
        financement.append(entry)
    remuneration = [
        {**{k: v for k, v in item.items() if k not in ("source", "extrait", "note")}, "source": _source(sources, item)}
        for item in data.get("remuneration") or []
    ]
    return {
        "region": ctx.tree.slug,
        "dispositif": stem,
        "nom": data.get("nom", stem),
        "sigle": data.get("sigle"),
        "famille": data.get("famille"),
        "statut": data.get("statut"),
        "conditions": conditions,
        "a_verifier": [{"texte": t["texte"], "source": _source(sources, t)} for t in data.get("a_verifier") or []],
        "priorites": [
            {**{k: v for k, v in p.items() if k not in ("source", "extrait", "note")}, "source": _source(sources, p)}
            for p in data.get("priorites") or []
        ],
        "financement": financement,
        "remuneration": remuneration,
        "repartition_postes": (
            {
                **{k: v for k, v in data["repartition_postes"].items() if k not in ("source", "extrait", "note")},
                "source": _source(sources, data["repartition_postes"]),
            }
            if data.get("repartition_postes")
            else None
        ),
        "campagnes": [_campaign_for(c, stem) for c in campagnes if stem in c["dispositifs"]],
        "presentee_en_seance": (data.get("selection") or {}).get("presentee_en_seance", True),
    }


def _campaign_for(campagne: dict[str, Any], stem: str) -> dict[str, Any]:
    """A campaign as one dispositif sees it: without the calendar elements that do not apply to it
    (the evaluators then check no deadline the texts do not set for it), with only the campaign
    rules that concern it."""
    skip = (campagne.get("_non_applicable") or {}).get(stem, ())
    seen = {k: v for k, v in campagne.items() if k not in ("_non_applicable", "_regles") and k not in skip}
    seen["regles"] = (campagne.get("_regles") or {}).get(stem, [])  # only the campaign rules that concern it
    if "prises_de_poste" in skip:
        seen["prises_de_poste"] = []  # the rulebook form always lists its start dates
    return seen


def _campagnes(ctx: Context, sources: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    result = []
    for stem, doc in sorted(ctx.campagnes()):
        data = doc.data
        cal = data.get("calendrier") or {}
        entry: dict[str, Any] = {
            "id": data["id"],
            "libelle": data.get("libelle", f"Campagne {data['id']}"),
            "dispositifs": [d["id"] for d in data["dispositifs"]],
        }
        if data.get("date_reference"):
            entry["date_reference"] = data["date_reference"]
        limit = cal.get("date_limite")
        if limit:
            entry["date_limite"] = {k: v for k, v in limit.items() if k in ("date", "mois", "annee", "saison", "precision", "incluse")}
            entry["date_limite"]["source"] = _source(sources, limit)
        starts = cal.get("prises_de_poste") or []
        entry["prises_de_poste"] = [{k: v for k, v in s.items() if k in ("date", "mois", "annee", "saison", "precision")} for s in starts]
        entry["quotas"] = [
            {k: v for k, v in q.items() if k in ("dispositif", "postes", "par_subdivision", "par_departement", "quota_national")}
            | {"source": _source(sources, q)}
            for q in data.get("quotas") or []
        ]
        entry["_regles"] = {
            d["id"]: [{"texte": r["texte"], "source": _source(sources, r)} for r in Campaign(data).rules_for(d["id"])]
            for d in data["dispositifs"]
        }
        skip = {d["id"]: sorted(Campaign(data).not_applicable(d["id"])) for d in data["dispositifs"]}
        entry["_non_applicable"] = {stem: keys for stem, keys in skip.items() if keys}
        result.append(entry)
    return result


def build(contexts: list[Context]) -> Rulebook:
    """The rulebook of validated region contexts (the national frame itself is not a region)."""
    book = Rulebook()
    for ctx in contexts:
        if ctx.tree.national:
            continue
        sources = Region(ctx).sources()
        region = ctx.doc("region")
        zonage = ctx.doc("zonage")
        communes: dict[str, list[str]] = {}
        listed: list[str] = []
        if zonage:
            for category, codes in (zonage.data.get("communes") or {}).items():
                listed.append(category)
                for code in codes:
                    communes.setdefault(code, []).append(category)
        campagnes = _campagnes(ctx, sources)
        book.regions[ctx.tree.slug] = {
            "region": ctx.tree.slug,
            "nom": Region(ctx).name,
            "code": region.data["code"] if region else None,
            "subdivisions": [s["id"] for s in (region.data.get("subdivisions") or [])] if region else [],
            "noms_subdivisions": {s["id"]: s.get("nom") or s["id"] for s in (region.data.get("subdivisions") or [])} if region else {},
            "departements": list(region.data.get("departements") or []) if region else [],
            "zonage": {
                "categories": [c["code"] for c in zonage.data["categories"]] if zonage else [],
                "categories_listees": sorted(listed),
                "communes": communes,
            },
            "campagnes": [{k: v for k, v in c.items() if k not in ("_non_applicable", "_regles")} for c in campagnes],
            "dispositifs": {stem: dispositif_rules(ctx, stem, sources, campagnes) for stem in sorted(ctx.effective)},
        }
    return book


# What the command was about to do with the rules (the end of « Corrigez-les … avant de … »).
EVALUATE = "avant d'évaluer des candidats"


def _validated(root: Path, paths: list[Path], purpose: str = EVALUATE) -> list[Context]:
    """The contexts of ``paths`` (region folders of ``root``, or ``root`` itself), validated with
    the national frame; invalid data is a fatal error, whose message ends with ``purpose``."""
    from .progress import set_current_file
    from .validation import validate_trees

    set_current_file(root)
    report, contexts = validate_trees(paths)
    if report.errors:
        raise invalid_rules(root, report.errors, report.problems[:1], purpose)
    set_current_file(root)
    return contexts


def invalid_rules(root: Path, errors: int, shown: list[Any], purpose: str) -> PostinternatError:
    """The refusal of a command that needs valid rules: how many errors, the ``shown`` problems,
    and what to do before ``purpose`` (« avant d'évaluer des candidats »)."""
    folder = f"{str(root).rstrip('/')}/"
    if errors == 1:
        count, them, listed = "1 erreur) :", "la", "la montre"
    else:
        count, them, listed = f"{errors} erreurs), par exemple :", "les", "les liste toutes"
    lines = "\n  ".join(p.format() for p in shown)
    return PostinternatError(
        f"les règles du dossier {folder} ne sont pas valides ({count}\n  {lines}\n"
        f"Corrigez-{them} {purpose} : postinternat validate {folder} {listed}."
    )


def load_rulebook(root: Path, purpose: str = EVALUATE) -> Rulebook:
    """Validate ``root`` (a regions/ folder) and build its rulebook; invalid data is a fatal error
    (``purpose``: what the command was about to do, « avant de répartir les postes »)."""
    return build(_validated(root, [root], purpose))


class RegionRulebook(Rulebook):
    """A rulebook that validates and builds a region (with the national frame) the first time it is
    asked for, so that evaluating candidates of one region does not read the whole country. Each
    region is validated once; a region in error is a fatal error, as with :func:`load_rulebook`."""

    def __init__(self, root: Path) -> None:
        from .workspace import is_region_folder

        super().__init__()
        self.root = root
        try:
            folders = sorted(p for p in root.iterdir() if p.name != NATIONAL and is_region_folder(p))
        except OSError:
            folders = []
        self._folders = {p.name: p for p in folders}
        self._loaded: set[str] = set()
        self._names = sorted(self._folders)
        if not folders:  # nothing to load lazily: say what is wrong as a whole load would
            self.regions.update(load_rulebook(root).regions)
            self._loaded.update(self.regions)
            self._names = sorted(self.regions)

    def names(self) -> list[str]:
        return self._names

    def load(self, slugs: Iterable[str] | None = None) -> None:
        wanted = sorted((set(self._folders) if slugs is None else {s for s in slugs if s in self._folders}) - self._loaded)
        if not wanted:
            return
        paths = [self.root] if len(wanted) == len(self._folders) else [self._folders[s] for s in wanted]
        book = build(_validated(self.root, paths))
        self.regions.update({slug: data for slug, data in book.regions.items() if slug not in self._loaded})
        self._loaded.update(wanted)


def department_of(commune: str) -> str:
    """Département code of an INSEE commune code (97x for overseas, 2A/2B for Corsica)."""
    return commune[:3] if commune.startswith("97") else commune[:2]


__all__ = ["Rulebook", "RegionRulebook", "build", "load_rulebook", "department_of", "NATIONAL", "ref"]
