"""``diff``: what changes between two regions, two campaigns, two versions, or a programme and its
national frame, in the terms of the model rather than of YAML lines.

Both sides are read as *views*: the region, its zoning, one campaign and the dispositifs after
inheritance, with dated values read at the campaign's reference date. Dispositifs are paired by id
within a region and by famille across regions; lists are matched by their key (id, role, code...)
or by their content, never by position. Sources, extracts, notes and review dates are not compared:
they are shown beside each change. Prose (descriptions, objectives, notes, contacts) is compared
only on request (``prose=True``).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from .context import Context
from .domain import Campaign, Region, is_series, item_at, latest_campaign, latest_campaign_opening, value_at
from .problems import PostinternatError, UsageError, os_error_fr
from .schemacheck import load_schemas
from .validation import validate_trees
from .workspace import NATIONAL, find_region_folder

META = frozenset({"source", "extrait", "note", "revue", "sources", "_ajout", "_supprimer", "cadre_national", "etend", "date_reference"})
CROSS_META = frozenset({"libelle"})  # across regions, the wording of labels always differs
LONG_LIST = 12
PROSE = frozenset({"description", "public", "objectifs", "notes", "contacts", "porteurs", "creation", "etapes"})
LIST_KEYS = ("id", "role", "code", "dispositif", "subdivision", "departement", "region", "categorie")
KIND_SCHEMA = {"region": "region", "zonage": "zonage", "campagne": "campagne", "dispositif": "dispositif"}


@dataclass(frozen=True)
class Change:
    """One difference: where (path in the model), what (ajout, suppression, modification), the
    values on each side, the French label of the field and the sources that back each side."""

    section: str
    path: tuple[str, ...]
    kind: str
    old: Any
    new: Any
    label: str
    source_left: str | None = None
    source_right: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section, "chemin": list(self.path), "libelle": self.label, "type": self.kind,
            "avant": self.old, "apres": self.new, "source_avant": self.source_left, "source_apres": self.source_right,
        }


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


@dataclass
class Diff:
    left: str
    right: str
    changes: list[Change]
    pairs: list[tuple[str | None, str | None]]
    warnings: list[str] = field(default_factory=list)
    cross: bool = False  # two different regions: "only on one side", not "added"/"removed"
    glossary: dict[str, str] = field(default_factory=dict)


# -- reading the sides -------------------------------------------------------------------------


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


_WARNINGS: list[str] = []
_REVISIONS: list[str] = []
_UNREADABLE = ("yaml-", "schema", "fichier-illisible", "fichier-manquant")


def _contexts(paths: list[Path]) -> list[Context]:
    """Contexts of the folders; a file that cannot be read or fails its schema stops the comparison
    (it would be missing from it), other problems (an older version checked by today's rules) are
    warnings."""
    report, contexts = validate_trees(paths)
    fatal = [p for p in report.problems if p.level == "erreur" and p.code.startswith(_UNREADABLE)]
    if fatal:
        raise PostinternatError(
            f"{len(fatal)} fichier(s) illisible(s) ou non conforme(s) au schéma parmi les fichiers comparés, par exemple :\n  {fatal[0].format()}\n"
            "Corrigez-les (postinternat validate) avant de comparer."
        )
    others = [p for p in report.problems if p.level == "erreur"]
    if others:
        _WARNINGS.append(f"{len(others)} problème(s) de cohérence dans les fichiers comparés (par exemple {others[0].format()}) : comparaison faite quand même")
    return contexts


def _sources_of(ctx: Context) -> dict[str, str]:
    return {ident: source["titre"] for ident, source in Region(ctx).sources().items()}


def region_view(folder: Path, campagne: str | None, dispositif: str | None, label: str) -> View:
    contexts = [c for c in _contexts([folder]) if c.tree.folder == folder.resolve()]
    if not contexts:
        raise UsageError(f"{label} : ce n'est pas un dossier de région")
    return view_of(contexts[0], campagne, dispositif, label)


def _glossary(ctx: Context) -> dict[str, str]:
    """French words for the codes of one region (roles, zones) and of the reference data."""
    from . import referentiel as ref
    from .labels import enum_labels

    words: dict[str, str] = {}
    words.update(ref.types_structure())
    words.update(ref.statuts())
    words.update(ref.des())
    for vocabulary in ("famille", "canal", "porteur", "entre", "mode", "base", "statut"):
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
    view = View(label, region=ctx.tree.slug, sources=_sources_of(ctx), explicit_campaign=campagne is not None,
                campaign=chosen["id"] if chosen else None, region_name=Region(ctx).name, glossary=_glossary(ctx))
    if dispositif is None:
        for stem, eff in sorted(ctx.effective.items()):
            view.all_dispositifs[stem] = _resolve_dated(eff.data, _campaign_date(latest_campaign_opening(campaigns.values(), stem) or chosen))
    else:
        if dispositif not in ctx.effective:
            raise UsageError(f"{label} : dispositif inconnu « {dispositif} » (dispositifs : {', '.join(sorted(ctx.effective))})")
        view.kind = "dispositif"
        at = when if campagne is not None else _campaign_date(latest_campaign_opening(campaigns.values(), dispositif) or chosen)
        view.dispositifs[dispositif] = _resolve_dated(ctx.effective[dispositif].data, at)
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


def frame_view(folder: Path, stem: str, label: str) -> View:
    """A regional dispositif's national frame, as a one-dispositif view."""
    contexts = [c for c in _contexts([folder]) if c.tree.folder == folder.resolve()]
    ctx = contexts[0]
    doc = ctx.tree.dispositifs.get(stem)
    parent = doc.data.get("etend") if doc else None
    frame = ctx.frames().get(parent) if parent else None
    if frame is None:
        raise UsageError(f"{label} : le dispositif « {stem} » n'étend aucun cadre national")
    view = View(f"cadre national {parent}", sources=_sources_of(ctx), kind="dispositif", glossary=_glossary(ctx))
    view.dispositifs[stem] = {k: v for k, v in frame.data.items() if k not in ("cadre_national", "id")} | {"id": stem}
    return view


def _git_side(spec: str, workdir: Path, keep: list[tempfile.TemporaryDirectory[str]]) -> Path:
    """Extract ``REV:path`` (and the national frame beside it) from git into a temporary folder.

    The revision is never taken for an option: one that starts with « - » is refused, and every
    git command that receives it gets ``--end-of-options`` before it. Git's own (English) messages
    are not shown."""
    revision, _, inner = spec.partition(":")
    if not revision or revision.startswith("-"):
        raise UsageError(f"« {spec} » : la révision git « {revision} » est invalide (elle ne peut pas être vide ni commencer par « - ») ; exemple : HEAD~1:regions/normandie")
    inner = inner.partition("@")[0]
    inner = inner.strip("/") or "regions"
    probe = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=workdir, capture_output=True, text=True)
    if probe.returncode != 0:
        raise UsageError(f"« {spec} » : pas de dépôt git ici")
    top = Path(probe.stdout.strip())
    try:
        relative = (workdir.resolve() / inner).relative_to(top) if not Path(inner).is_absolute() else Path(inner).relative_to(top)
    except ValueError:
        raise UsageError(f"« {spec} » : le chemin {inner} est hors du dépôt git {top}") from None
    parts = relative.parts
    wanted = [str(relative)]
    if "regions" in parts:
        position = parts.index("regions")
        root = Path(*parts[: position + 1])
        if len(parts) > position + 2:  # a file or folder inside a region: take the whole region
            wanted = [str(Path(*parts[: position + 2]))]
        national = root / NATIONAL
        if not any(str(w).startswith(str(national)) for w in wanted) and str(root) not in wanted:
            wanted.append(str(national))
    known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{tree}}"], cwd=top, capture_output=True)
    if known.returncode != 0:
        raise UsageError(f"« {spec} » : révision ou chemin introuvable dans git : la révision « {revision} » n'existe pas (exemples : HEAD, HEAD~1, main, une étiquette ou un identifiant de commit)")
    temporary = tempfile.TemporaryDirectory(prefix="postinternat-diff-")
    keep.append(temporary)
    _REVISIONS.append(revision)
    # after --end-of-options, git archive reads « tree-ish path... » (a « -- » would be a path)
    archive = subprocess.run(["git", "archive", "--format=tar", "--end-of-options", revision, *wanted], cwd=top, capture_output=True)
    if archive.returncode != 0:
        raise UsageError(f"« {spec} » : révision ou chemin introuvable dans git : {wanted[0]} n'existe pas dans la révision « {revision} »")
    import io
    import tarfile

    try:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(temporary.name, filter="data")
    except tarfile.FilterError as exc:  # a link that leaves the folder, a device...: never extracted
        member = exc.tarinfo.name if exc.tarinfo is not None else "?"
        raise UsageError(f"« {spec} » : « {member} » est, dans la révision « {revision} », un lien ou un fichier spécial qui sort du dossier extrait : comparaison refusée ; remplacez-le par un fichier ordinaire") from None
    except (tarfile.TarError, OSError) as exc:
        detail = f" ({os_error_fr(exc)})" if isinstance(exc, OSError) else ""
        raise UsageError(f"« {spec} » : extraction de la révision « {revision} » impossible{detail}") from None
    return Path(temporary.name) / relative


def load_view(spec: str, regions_dir: Path, workdir: Path, keep: list[tempfile.TemporaryDirectory[str]]) -> View:
    """A side given as ``region[@campagne][/dispositif]``, a folder, a file, or ``REV:path``."""
    label = spec
    path: Path | None = None
    campagne = dispositif = None
    if _is_git_spec(spec):
        base, _, rest = spec.partition(":")
        at = None
        if "@" in rest:
            rest, _, at = rest.partition("@")
        path = _git_side(f"{base}:{rest}", workdir, keep)
        campagne = at or None
    else:
        raw = spec
        if "@" in raw and not Path(raw).exists():
            raw, _, tail = raw.partition("@")
            campagne, _, dispositif = tail.partition("/")
            dispositif = dispositif or None
        candidate = Path(raw)
        if candidate.exists():
            path = candidate
        else:
            slug, _, disp = raw.partition("/")
            path = regions_dir / slug
            dispositif = dispositif or disp or None
            if not path.is_dir():
                raise UsageError(f"« {spec} » : ni un fichier, ni un dossier, ni une région de {regions_dir} (régions : {', '.join(sorted(p.name for p in regions_dir.iterdir() if p.is_dir() and p.name != NATIONAL)) if regions_dir.is_dir() else 'aucune'})")
    assert path is not None
    if path.is_file():
        folder = find_region_folder(path.resolve())
        if folder is None:
            raise UsageError(f"« {spec} » : ce fichier n'est pas dans un dossier de région")
        if path.parent.name == "dispositifs":
            if folder.name == NATIONAL:
                return _frame_file_view(folder, path.stem, label)
            return region_view(folder, campagne, path.stem, label)
        if path.parent.name == "campagnes":
            return region_view(folder, path.stem, None, label)
        return region_view(folder, campagne, None, label)
    folder = find_region_folder(path.resolve())
    if folder is None:
        raise UsageError(f"« {spec} » : ce dossier n'est pas un dossier de région")
    return region_view(folder, campagne, dispositif, label)


def _is_git_spec(spec: str) -> bool:
    """``REV:path`` (not a Windows drive letter, not an existing path)."""
    return ":" in spec and not Path(spec).exists() and not (len(spec) > 1 and spec[1] == ":")


def _frame_file_view(folder: Path, stem: str, label: str) -> View:
    contexts = _contexts([folder])
    ctx = contexts[0]
    doc = ctx.tree.dispositifs[stem]
    view = View(label, sources=_sources_of(ctx), kind="dispositif", glossary=_glossary(ctx))
    view.dispositifs[stem] = {k: v for k, v in doc.data.items() if k != "cadre_national"}
    return view


# -- comparing ---------------------------------------------------------------------------------


class Labeller:
    """French labels of model paths, from the schemas' titles."""

    def __init__(self) -> None:
        self.schemas = load_schemas()

    def _resolve(self, schema: dict[str, Any], current: str) -> tuple[dict[str, Any], str]:
        while "$ref" in schema:
            ref = schema["$ref"]
            name, _, pointer = ref.partition("#")
            name = name or current
            target: Any = self.schemas.get(name, {})
            for part in [p for p in pointer.split("/") if p]:
                target = target.get(part, {})
            merged = {k: v for k, v in schema.items() if k != "$ref"}
            schema, current = {**target, **merged}, name
        return schema, current

    def label(self, kind: str, path: tuple[Any, ...]) -> str:
        schema: dict[str, Any] = self.schemas.get(f"{KIND_SCHEMA.get(kind, kind)}.schema.json", {})
        current = f"{KIND_SCHEMA.get(kind, kind)}.schema.json"
        words = []
        for step in path:
            schema, current = self._resolve(schema, current)
            if isinstance(step, str) and step.startswith("["):
                words.append(step[1:-1])
                schema = schema.get("items", {}) if isinstance(schema.get("items"), dict) else {}
                continue
            props = schema.get("properties", {})
            sub = props.get(step)
            if sub is None and isinstance(schema.get("additionalProperties"), dict):
                sub = schema["additionalProperties"]
                words.append(str(step))
                schema = sub
                continue
            sub = sub or {}
            sub_resolved, _ = self._resolve(sub, current)
            words.append(sub.get("title") or sub_resolved.get("title") or str(step))
            schema = sub
        return " › ".join(words)


def _list_key(*sides: list[Any]) -> str | None:
    """The key that identifies the items of both lists (present and unique within each side)."""
    items = [i for side in sides for i in side]
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in LIST_KEYS:
        if all(all(i.get(key) is not None for i in side) and len({str(i[key]) for i in side}) == len(side) for side in sides):
            return key
    return None


def _canonical(value: Any, prose: bool) -> str:
    return json.dumps(_strip(value, prose), ensure_ascii=False, sort_keys=True)


def _strip(value: Any, prose: bool) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v, prose) for k, v in value.items() if k not in META and not k.startswith("_source_") and (prose or k not in PROSE)}
    if isinstance(value, list):
        return [_strip(v, prose) for v in value]
    return value


def _show(value: Any) -> Any:
    """A value as it is shown in a change: without its citations."""
    return _strip(value, True)


def _is_fuzzy_date(value: Any) -> bool:
    return isinstance(value, dict) and any(k in value for k in ("date", "mois", "annee")) and not set(value) - {"date", "mois", "annee", "saison", "precision", "incluse", "libelle", "source", "extrait", "note"}


class Comparer:
    def __init__(self, left: View, right: View, prose: bool, cross: bool = False) -> None:
        self.left, self.right, self.prose, self.cross = left, right, prose, cross
        self.labeller = Labeller()
        self.changes: list[Change] = []
        self.meta = META | (CROSS_META if cross else frozenset())

    def source(self, view: View, ident: str | None) -> str | None:
        if ident is None:
            return None
        return view.sources.get(ident, ident)

    def add(self, section: str, kind: str, path: tuple[str, ...], change: str, old: Any, new: Any, sl: str | None, sr: str | None) -> None:
        self.changes.append(Change(section, path, change, _show(old), _show(new), self.labeller.label(kind, path), self.source(self.left, sl), self.source(self.right, sr)))

    def compare(self, section: str, kind: str, a: Any, b: Any, path: tuple[str, ...] = (), sl: str | None = None, sr: str | None = None) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            sl = a.get("source", sl) if isinstance(a.get("source"), str) else sl
            sr = b.get("source", sr) if isinstance(b.get("source"), str) else sr
            keys = list(a) + [k for k in b if k not in a]
            for key in keys:
                if key in self.meta or key.startswith("_source_") or (not self.prose and key in PROSE):
                    continue
                kl = a.get(f"_source_{key}", sl)
                kr = b.get(f"_source_{key}", sr)
                if key not in b:
                    self.add(section, kind, path + (key,), "suppression", a[key], None, _src(a[key], kl), None)
                elif key not in a:
                    self.add(section, kind, path + (key,), "ajout", None, b[key], None, _src(b[key], kr))
                elif _is_fuzzy_date(a[key]) and _is_fuzzy_date(b[key]):
                    if _canonical(a[key], True) != _canonical(b[key], True):
                        self.add(section, kind, path + (key,), "modification", a[key], b[key], _src(a[key], kl), _src(b[key], kr))
                else:
                    self.compare(section, kind, a[key], b[key], path + (key,), kl, kr)
            return
        if isinstance(a, list) and isinstance(b, list):
            key = _list_key(a, b) if a or b else None
            if key is not None:
                left = {str(i[key]): i for i in a}
                right = {str(i[key]): i for i in b}
                for name in list(left) + [n for n in right if n not in left]:
                    step = path + (f"[{name}]",)
                    if name not in right:
                        self.add(section, kind, step, "suppression", left[name], None, _src(left[name], sl), None)
                    elif name not in left:
                        self.add(section, kind, step, "ajout", None, right[name], None, _src(right[name], sr))
                    else:
                        self.compare(section, kind, left[name], right[name], step, sl, sr)
                return
            left_items = {_canonical(i, self.prose): i for i in a}
            right_items = {_canonical(i, self.prose): i for i in b}
            removed = [v for k, v in left_items.items() if k not in right_items]
            added = [v for k, v in right_items.items() if k not in left_items]
            if removed or added:
                if all(not isinstance(v, (dict, list)) for v in removed + added):
                    if len(a) > LONG_LIST or len(b) > LONG_LIST:  # a long list (communes): only what differs
                        self.add(section, kind, path, "modification", {"retires": removed}, {"ajoutes": added}, sl, sr)
                    else:
                        self.add(section, kind, path, "modification", a, b, sl, sr)
                else:
                    for item in removed:
                        self.add(section, kind, path, "suppression", item, None, _src(item, sl), None)
                    for item in added:
                        self.add(section, kind, path, "ajout", None, item, None, _src(item, sr))
            return
        if _canonical(a, self.prose) != _canonical(b, self.prose):
            self.add(section, kind, path, "modification", a, b, sl, sr)


def _src(value: Any, default: str | None) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("source"), str):
        return str(value["source"])
    return default


def pair_dispositifs(left: View, right: View) -> list[tuple[str | None, str | None]]:
    """Pairs of dispositif ids: one against one when each side names a dispositif; by id within a
    region; by famille across regions."""
    if left.kind == "dispositif" and right.kind == "dispositif" or (len(left.dispositifs) == 1 and len(right.dispositifs) == 1 and left.kind != "region"):
        return [(next(iter(left.dispositifs)), next(iter(right.dispositifs)))]
    if left.region is not None and left.region == right.region:
        ids = sorted(set(left.dispositifs) | set(right.dispositifs))
        return [(i if i in left.dispositifs else None, i if i in right.dispositifs else None) for i in ids]
    pairs: list[tuple[str | None, str | None]] = []
    remaining = dict(right.dispositifs)
    for ident, data in sorted(left.dispositifs.items()):
        match = next((r for r, rd in sorted(remaining.items()) if rd.get("famille") == data.get("famille")), None)
        if match is not None:
            del remaining[match]
        pairs.append((ident, match))
    pairs.extend((None, r) for r in sorted(remaining))
    return pairs


def _side_label(view: View) -> str:
    if view.kind == "region" and view.region_name:
        return f"{view.region_name}" + (f" (campagne {view.campaign})" if view.campaign else "")
    return view.label


def diff_views(left: View, right: View, prose: bool = False) -> Diff:
    if (left.kind == "region") != (right.kind == "region"):
        raise UsageError("comparez deux régions (ou campagnes), ou deux dispositifs : pas une région avec un dispositif")
    cross = left.region != right.region and left.kind == "region"
    same_versions = left.kind == "region" and left.region == right.region and not left.explicit_campaign and not right.explicit_campaign
    comparer = Comparer(left, right, prose, cross)
    if same_versions:
        # two versions of one region: every campaign and every dispositif, not only the latest
        left_sections = {t: v for t, v in left.sections.items() if t != "Campagne"} | {f"Campagne {c}": ("campagne", d) for c, d in sorted(left.all_campaigns.items())}
        right_sections = {t: v for t, v in right.sections.items() if t != "Campagne"} | {f"Campagne {c}": ("campagne", d) for c, d in sorted(right.all_campaigns.items())}
        left.dispositifs, right.dispositifs = dict(left.all_dispositifs), dict(right.all_dispositifs)
    else:
        left_sections, right_sections = left.sections, right.sections
    for title in list(left_sections) + [t for t in right_sections if t not in left_sections]:
        kind = (left_sections.get(title) or right_sections[title])[0]
        a = left_sections.get(title, (kind, None))[1]
        b = right_sections.get(title, (kind, None))[1]
        if title == "Région" and cross:
            continue  # two regions always differ by name, code and départements
        if a is None or b is None:
            comparer.changes.append(Change(title, (), "ajout" if a is None else "suppression", None if a is None else title, title if a is None else None, title.lower()))
            continue
        if kind == "campagne":
            skip = {"dispositifs"} | ({"quotas", "regles", "selection"} if cross else set())
            a = {k: v for k, v in a.items() if k not in skip}
            b = {k: v for k, v in b.items() if k not in skip}
        comparer.compare(title, kind, a, b)
    pairs = pair_dispositifs(left, right)
    for l_id, r_id in pairs:
        a = left.dispositifs.get(l_id) if l_id else None
        b = right.dispositifs.get(r_id) if r_id else None
        names = [f"« {d.get('nom')} »" for d in (a, b) if d is not None]
        section = "Dispositif " + (" ↔ ".join(names) if len(names) == 2 and names[0] != names[1] else names[0])
        if a is None or b is None:
            present = a if a is not None else b
            assert present is not None
            comparer.changes.append(Change(section, (), "ajout" if a is None else "suppression", None if a is None else present.get("nom"), present.get("nom") if a is None else None, "dispositif"))
            continue
        comparer.compare(section, "dispositif", {k: v for k, v in a.items() if k != "id"}, {k: v for k, v in b.items() if k != "id"})
    left_label, right_label = _side_label(left), _side_label(right)
    if left_label == right_label and left.label != right.label:  # two versions of one region: say which is which
        left_label, right_label = f"{left_label} [{left.label}]", f"{right_label} [{right.label}]"
    return Diff(left_label, right_label, comparer.changes, pairs, cross=cross, glossary={**right.glossary, **left.glossary})


def _root_views(path: Path, label: str) -> dict[str, View]:
    """One view per region of a regions/ folder (validated in one pass)."""
    contexts = [c for c in _contexts([path]) if not c.tree.national]
    return {c.tree.slug: view_of(c, None, None, f"{label}/{c.tree.slug}") for c in contexts}


def _is_root(path: Path) -> bool:
    return path.is_dir() and find_region_folder(path.resolve()) is None and any(find_region_folder(p) == p for p in path.iterdir() if p.is_dir())


def diff_roots(left: Path, right: Path, left_label: str, right_label: str, prose: bool = False) -> Diff:
    """Every region of two regions/ folders, paired by folder name."""
    a, b = _root_views(left, left_label), _root_views(right, right_label)
    changes: list[Change] = []
    pairs: list[tuple[str | None, str | None]] = []
    for slug in sorted(set(a) | set(b)):
        if slug not in b or slug not in a:
            kind = "suppression" if slug not in b else "ajout"
            changes.append(Change(f"Région {slug}", (), kind, slug if kind == "suppression" else None, slug if kind == "ajout" else None, "région"))
            continue
        result = diff_views(a[slug], b[slug], prose)
        changes.extend(Change(f"{a[slug].region_name} › {c.section}", c.path, c.kind, c.old, c.new, c.label, c.source_left, c.source_right) for c in result.changes)
        pairs.extend(result.pairs)
    glossary: dict[str, str] = {}
    for view in list(a.values()) + list(b.values()):
        glossary.update(view.glossary)
    return Diff(left_label, right_label, changes, pairs, glossary=glossary)


def diff(left_spec: str, right_spec: str | None, regions_dir: Path, workdir: Path, prose: bool = False) -> Diff:
    keep: list[tempfile.TemporaryDirectory[str]] = []
    _WARNINGS.clear()
    _REVISIONS.clear()
    try:
        if right_spec is not None:
            sides = [_git_side(s, workdir, keep) if _is_git_spec(s) else Path(s) for s in (left_spec, right_spec)]
            if all(_is_root(p) for p in sides):
                return _with_warnings(diff_roots(sides[0], sides[1], left_spec, right_spec, prose), keep)
        right = load_view(right_spec, regions_dir, workdir, keep) if right_spec is not None else None
        if right is None:
            single = load_view(left_spec, regions_dir, workdir, keep)
            if len(single.dispositifs) != 1 or single.sections:
                raise UsageError("avec un seul argument, donnez un dispositif qui étend un cadre national (exemple : normandie/mg-400-volet-1)")
            stem = next(iter(single.dispositifs))
            folder = _folder_of(left_spec, regions_dir)
            left = frame_view(folder, stem, left_spec)
            return _with_warnings(diff_views(left, single, prose), keep)
        left = load_view(left_spec, regions_dir, workdir, keep)
        return _with_warnings(diff_views(left, right, prose), keep)
    except PostinternatError as exc:
        raise type(exc)(_untemp(str(exc), keep)) from None
    finally:
        for temporary in keep:
            temporary.cleanup()


def _untemp(text: str, keep: list[tempfile.TemporaryDirectory[str]]) -> str:
    """Messages name the git revision, not the temporary folder it was extracted to."""
    import os

    for temporary, label in zip(keep, _REVISIONS):
        text = text.replace(temporary.name + "/", f"{label}:")
        try:
            text = text.replace(os.path.relpath(temporary.name) + "/", f"{label}:")
        except ValueError:  # pragma: no cover - another drive on Windows
            pass
    return text


def _with_warnings(result: Diff, keep: list[tempfile.TemporaryDirectory[str]]) -> Diff:
    result.warnings = [_untemp(w, keep) for w in _WARNINGS]
    return result


def _folder_of(spec: str, regions_dir: Path) -> Path:
    path = Path(spec)
    if path.exists():
        folder = find_region_folder(path.resolve())
        assert folder is not None
        return folder
    slug = spec.partition("@")[0].partition("/")[0]
    return (regions_dir / slug).resolve()


def iter_sections(changes: list[Change]) -> Iterator[tuple[str, list[Change]]]:
    seen: dict[str, list[Change]] = {}
    for change in changes:
        seen.setdefault(change.section, []).append(change)
    yield from seen.items()
