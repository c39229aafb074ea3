"""``validate``: load region trees, check them against the schemas, run the semantic rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .context import Context
from .problems import AVERTISSEMENT, ERREUR, PostinternatError, Problem, UsageError
from .progress import set_current_file
from .suggestions import closest
from .workspace import NATIONAL, RegionTree, display_path, find_region_folder, is_region_folder, kind_from_modeline, load_tree, stray_files
from .yamlload import load_file, paused_gc


@dataclass
class Report:
    """The result of a validation: problems, and what was checked."""

    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    fast_path: bool = False

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == ERREUR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level == AVERTISSEMENT)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def files_with_problems(self) -> int:
        return len({p.file for p in self.problems if p.level == ERREUR})

    def summary(self) -> str:
        n_files = len(self.files)
        bad = self.files_with_problems()
        regions = len(self.regions)
        return (
            f"{regions} région{'s' if regions > 1 else ''}, {n_files} fichier{'s' if n_files > 1 else ''} : "
            f"{n_files - bad} valide{'s' if n_files - bad > 1 else ''}, {bad} en erreur "
            f"({self.errors} erreur{'s' if self.errors > 1 else ''}, {self.warnings} avertissement{'s' if self.warnings > 1 else ''})"
        )

    def as_dict(self, strict: bool = False) -> dict[str, Any]:
        return {
            "statut": "erreur" if self.failed(strict) else "valide",
            "strict": strict,
            "regions": self.regions,
            "fichiers": len(self.files),
            "erreurs": self.errors,
            "avertissements": self.warnings,
            "problemes": [p.as_dict() for p in self.problems],
        }


def unpublishable(errors: int, todo: int) -> str:
    """« 1 erreur dans les régions, qui serait publiée telle quelle » (errors and « À compléter »
    texts that stop the site, in agreed French)."""
    parts = ([f"{errors} erreur{'s' if errors > 1 else ''}"] if errors else []) + (
        [f"{todo} texte{'s' if todo > 1 else ''} « À compléter »"] if todo else []
    )
    plural = errors + todo > 1
    if todo:  # a masculine noun in the list: the agreement is masculine
        clause = "qui seraient publiés tels quels" if plural else "qui serait publié tel quel"
    else:
        clause = "qui seraient publiées telles quelles" if plural else "qui serait publiée telle quelle"
    return f"{' et '.join(parts)} dans les régions, {clause}"


def _close_path(raw: Path) -> str:
    """« . Vouliez-vous dire « regions/normandie » ? » for a misspelt file or folder whose parent exists."""
    parent = raw.parent
    try:
        siblings = [p.name for p in parent.iterdir()] if parent.is_dir() else []
    except OSError:
        return ""
    found = closest(raw.name, siblings)
    if found is None and len(raw.parts) == 1 and Path("regions").is_dir():  # « validate normandy »
        parent = Path("regions")
        found = closest(raw.name, [p.name for p in parent.iterdir() if p.is_dir()])
    return f". Vouliez-vous dire « {parent / found} » ?" if found is not None else ""


def _targets(paths: Iterable[Path]) -> tuple[list[Path], list[Path], set[Path], list[Problem]]:
    """Region folders to load, loose files, the requested paths (for scoping), and warnings about
    files a regions/ folder holds but nobody reads."""
    folders: list[Path] = []
    loose: list[Path] = []
    requested: set[Path] = set()
    warnings: list[Problem] = []
    for raw in paths:
        path = raw.resolve()
        if not path.exists():
            raise UsageError(f"chemin introuvable : {raw}{_close_path(raw)}")
        folder = find_region_folder(path)
        if path.is_dir() and folder is None:
            children = sorted(p for p in path.iterdir() if is_region_folder(p))
            if not children:
                raise UsageError(
                    f"aucune région dans {raw} : un dossier de région contient region.yaml, sources.yaml, dispositifs/ et campagnes/"
                )
            folders.extend(children)
            requested.update(children)
            warnings.extend(stray_files(path))
            continue
        if folder is None:
            loose.append(path)
        else:
            folders.append(folder)
            requested.add(path)
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique, loose, requested, warnings


def _in_scope(file: Path, requested: set[Path], tree: RegionTree) -> bool:
    if tree.folder in requested or file in requested:
        return True
    if any(r in file.parents for r in requested):
        return True
    # the shared files of a region, and the national frame, are context for any of its files
    return file.parent == tree.folder or tree.national


def validate(paths: Iterable[Path], use_fast: bool | None = None) -> Report:
    """Validate region folders, files inside them, or a whole ``regions/`` folder."""
    return validate_trees(paths, use_fast)[0]


def validate_trees(paths: Iterable[Path], use_fast: bool | None = None) -> tuple[Report, list[Context]]:
    """Validate, and also return the rule contexts of the region folders (for the rulebook)."""
    with paused_gc():
        return _validate_trees(paths, use_fast)


def _validate_trees(paths: Iterable[Path], use_fast: bool | None) -> tuple[Report, list[Context]]:
    from .rules import RULES

    folders, loose, requested, warnings = _targets(list(paths))
    schemas = schema_set(use_fast)
    report = Report(fast_path=schemas.fast)
    roots = {f.parent for f in folders}
    national_folders = {r / NATIONAL for r in roots if (r / NATIONAL).is_dir()}
    trees: dict[Path, RegionTree] = {}
    all_problems: list[tuple[Path, Problem]] = []
    for folder in sorted(set(folders) | national_folders, key=lambda p: (p.name != NATIONAL, str(p))):
        tree, problems = load_tree(folder)
        trees[folder] = tree
        all_problems.extend((folder, p) for p in problems)
        unreadable = {p.file for p in problems if p.level == ERREUR}
        for path, kind in tree.files:
            shown = display_path(path)
            set_current_file(shown)
            doc = _doc_for(tree, path, kind)
            if doc is None:
                continue
            # a value the loader already reported (a duplicate key, a .nan) is not reported twice
            placed = {(p.line, p.column) for p in problems if p.file == shown}
            found = [p for p in schemas.check(doc, kind) if (p.line, p.column) not in placed]
            all_problems.extend((folder, p) for p in found)
            tree.schema_ok[shown] = not found and shown not in unreadable
    all_problems.extend(_region_codes(trees, set(folders)))
    contexts: list[Context] = []
    for folder, tree in trees.items():
        national = trees.get(folder.parent / NATIONAL)
        set_current_file(display_path(folder))
        ctx = Context.build(tree, national if national is not tree else None)
        if folder in folders:
            contexts.append(ctx)
        for rule in RULES:
            all_problems.extend((folder, p) for p in rule.check(ctx))
    selected: set[Problem] = set(warnings)
    for folder, problem in all_problems:
        tree = trees[folder]
        file = Path(problem.file).resolve()
        if tree.national and folder not in folders:
            if problem.level == ERREUR:  # a broken national frame is reported with any region
                selected.add(problem)
            continue
        if _in_scope(file, requested, tree):
            selected.add(problem)
    for folder in folders:
        tree = trees[folder]
        report.files.extend(display_path(p) for p, _k in tree.files if _in_scope(p, requested, tree))
        if not tree.national:
            report.regions.append(tree.slug)
    for path in loose:
        shown = display_path(path)
        set_current_file(shown)
        report.files.append(shown)
        if path.suffix.lower() not in (".yaml", ".yml", ".json"):
            selected.add(Problem(shown, 1, 1, "fichier-inconnu", "ce n'est pas un fichier YAML (.yaml) : rien à vérifier"))
            continue
        doc, problems = load_file(path, shown)
        selected.update(problems)
        if doc is None:
            continue
        declared = kind_from_modeline(doc.text)
        if declared is None or declared not in ("region", "sources", "zonage", "dispositif", "campagne", "cadre", "candidats"):
            selected.add(
                Problem(
                    shown,
                    1,
                    1,
                    "fichier-inconnu",
                    "type de fichier inconnu : placez-le dans un dossier de région (regions/<region>/...) ou indiquez son schéma en première ligne (# yaml-language-server: $schema=.../dispositif.schema.json)",
                )
            )
            continue
        selected.update(schemas.check(doc, declared))
    report.problems = sorted(selected, key=lambda p: (p.file, p.line, p.column, p.code, p.message))
    report.files = sorted(set(report.files))
    report.regions = sorted(set(report.regions))
    return report, contexts


def _region_codes(trees: dict[Path, RegionTree], checked: set[Path]) -> list[tuple[Path, Problem]]:
    """The same region code in two folders of one regions/ folder: the region.yaml of every
    sibling folder is read (a small file each) even when one region is checked."""
    from .rules.identifiants import check_regions

    found: list[tuple[Path, Problem]] = []
    for root in sorted({folder.parent for folder in checked if folder.name != NATIONAL}):
        regions: list[tuple[Path, Any, bool]] = []
        try:
            siblings = sorted(p for p in root.iterdir() if p.name != NATIONAL and p.is_dir() and (p / "region.yaml").is_file())
        except OSError:  # an unreadable regions/ folder is reported where it is listed
            continue
        for folder in siblings:
            tree = trees.get(folder)
            if tree is not None:
                doc = tree.doc("region")
                regions.append((folder, doc if tree.valid(doc) else None, folder in checked))
            else:
                doc, _problems = load_file(folder / "region.yaml", display_path(folder / "region.yaml"))
                regions.append((folder, doc, False))
        folder_of = {display_path(folder / "region.yaml"): folder for folder, _doc, _checked in regions}
        found.extend((folder_of[problem.file], problem) for problem in check_regions(regions))
    return found


@lru_cache(maxsize=4)
def schema_set(use_fast: bool | None = None) -> Any:
    """The schemas, compiled once per process (``use_fast``: jsonschema-rs first; None: when installed)."""
    from .schemacheck import SchemaSet

    return SchemaSet(use_fast=use_fast)


# Problems that leave a file out of the contexts: a command that reads the regions cannot go on.
UNREADABLE = ("yaml-", "schema", "fichier-illisible", "fichier-manquant")


def checked_contexts(paths: list[Path]) -> tuple[list[Context], list[Problem]]:
    """The rule contexts of region folders, for the commands that read them (``diff``, ``compare``).

    A file that cannot be read or fails its schema raises :class:`PostinternatError` (it would be
    missing from the result); the other errors (an older version checked by today's rules) are
    returned, sorted, for the caller to mention."""
    report, contexts = validate_trees(paths)
    fatal = [p for p in report.problems if p.level == ERREUR and p.code.startswith(UNREADABLE)]
    if fatal:
        if len(fatal) == 1:
            count, them = "1 fichier illisible ou non conforme au schéma parmi les fichiers comparés :", "le"
        else:
            count, them = f"{len(fatal)} fichiers illisibles ou non conformes au schéma parmi les fichiers comparés, par exemple :", "les"
        raise PostinternatError(f"{count}\n  {fatal[0].format()}\nCorrigez-{them} (postinternat validate) avant de comparer.")
    return contexts, [p for p in report.problems if p.level == ERREUR]


def _doc_for(tree: RegionTree, path: Path, kind: str) -> Any:
    if kind == "dispositif":
        return tree.dispositifs.get(path.stem)
    if kind == "campagne":
        return tree.campagnes.get(path.stem)
    return tree.docs.get(kind)
