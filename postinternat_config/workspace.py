"""Finding and loading the region trees: ``regions/<slug>/{region,sources,zonage}.yaml``,
``dispositifs/*.yaml``, ``campagnes/*.yaml``, and the national frame in ``regions/_national/``."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .problems import AVERTISSEMENT, Problem, os_error_fr
from .progress import set_current_file
from .yamlload import Document, load_file

NATIONAL = "_national"
SINGLE_FILES = {"region.yaml": "region", "sources.yaml": "sources", "zonage.yaml": "zonage", "cadre.yaml": "cadre"}
FOLDERS = {"dispositifs": "dispositif", "campagnes": "campagne"}
_MODELINE = re.compile(r"\$schema=\S*?([a-z]+)\.schema\.json")


def display_path(path: Path) -> str:
    """The path as the user should read it: relative to the current directory when inside it."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(path) if shown.startswith(".." + os.sep + "..") else shown


@dataclass
class RegionTree:
    """The files of one region folder (or of the national frame), loaded."""

    slug: str
    folder: Path
    national: bool = False
    docs: dict[str, Document] = field(default_factory=dict)  # kind → document for single files
    dispositifs: dict[str, Document] = field(default_factory=dict)  # file stem → document
    campagnes: dict[str, Document] = field(default_factory=dict)
    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, kind) of every file to check
    schema_ok: dict[str, bool] = field(default_factory=dict)  # display path → schema-valid
    unreadable: set[Path] = field(default_factory=set)  # files (and sub-folders) that could not be read at all

    def doc(self, kind: str) -> Document | None:
        return self.docs.get(kind)

    def stems(self, kind: str) -> list[str]:
        """Names of every file of a kind, loaded or not (a broken file still exists)."""
        return sorted(path.stem for path, k in self.files if k == kind)

    def broken(self, kind: str) -> bool:
        """True if a single file of this kind exists but could not be loaded or failed its schema."""
        for _path, k in self.files:
            if k == kind:
                doc = self.docs.get(kind)
                return doc is None or not self.valid(doc)
        return False

    def all_docs(self) -> Iterator[tuple[str, Document]]:
        for kind, doc in self.docs.items():
            yield kind, doc
        for doc in self.dispositifs.values():
            yield "dispositif", doc
        for doc in self.campagnes.values():
            yield "campagne", doc

    def valid(self, doc: Document | None) -> bool:
        """True if the document loaded and passed its schema (semantic rules rely on its shape)."""
        return doc is not None and self.schema_ok.get(doc.path, False)


REGION_MARKERS = ("region.yaml", "sources.yaml", "zonage.yaml", "dispositifs", "campagnes")


def is_region_folder(path: Path) -> bool:
    """A region folder holds region.yaml, or at least one of the files and folders of a region
    (so that a region whose region.yaml is missing is reported, not skipped)."""
    return path.is_dir() and (path.name == NATIONAL or any((path / marker).exists() for marker in REGION_MARKERS))


def find_region_folder(path: Path) -> Path | None:
    """The region folder that holds ``path`` (itself included), if any."""
    for candidate in [path, *path.parents]:
        if is_region_folder(candidate):
            return candidate
    return None


def _listing(base: Path, problems: list[Problem], recursive: bool = False) -> list[Path]:
    """The entries of a folder (and of its sub-folders if ``recursive``; links to folders are not
    followed), sorted. A folder that cannot be listed is reported, never taken as empty."""
    found: list[Path] = []
    stack = [base]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                children = [(Path(entry.path), recursive and entry.is_dir(follow_symlinks=False)) for entry in entries]
        except OSError as exc:
            problems.append(
                Problem(
                    display_path(current),
                    1,
                    1,
                    "fichier-illisible",
                    f"dossier illisible ({os_error_fr(exc)}) : les fichiers qu'il contient ne sont pas vérifiés",
                )
            )
            continue
        for path, descend in children:
            found.append(path)
            if descend:
                stack.append(path)
    return sorted(found)


def not_ordinary(path: Path) -> str | None:
    """Why an entry can never be read, found without opening it (a named pipe would block): a
    broken link, a pipe, a device, a socket; None for a file or a folder, and for hidden entries
    (an editor's lock, such as Emacs's « .#asr.yaml », is a broken link)."""
    if path.name.startswith("."):
        return None
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "lien symbolique cassé (sa cible n'existe pas)" if os.path.islink(path) else None
    except OSError as exc:
        return f"entrée illisible ({os_error_fr(exc)})"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "tube nommé (FIFO), pas un fichier"
    if stat.S_ISSOCK(mode):
        return "socket, pas un fichier"
    return "périphérique, pas un fichier"


def _odd(path: Path, why: str) -> Problem:
    return Problem(display_path(path), 1, 1, "fichier-ignore", f"{why} : il n'est pas lu", AVERTISSEMENT)


def region_files(folder: Path, national: bool) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The YAML files of a region folder with their kind, and warnings for misplaced files, broken
    links and special files (never opened); a folder that cannot be listed is an error."""
    files: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    expected_single = ("sources.yaml", "cadre.yaml") if national else ("region.yaml", "sources.yaml", "zonage.yaml")
    top = _listing(folder, problems)
    unlisted = bool(problems)
    for name in expected_single:
        path = folder / name
        if os.path.lexists(path):
            why = not_ordinary(path)
            if why is None:
                files.append((path, SINGLE_FILES[name]))
            else:
                problems.append(Problem(display_path(path), 1, 1, "fichier-illisible", f"{why} : le fichier n'est pas lu"))
        elif name != "zonage.yaml" and name != "cadre.yaml" and not unlisted:
            problems.append(
                Problem(
                    display_path(path), 1, 1, "fichier-manquant", f"fichier obligatoire « {name} » absent du dossier {display_path(folder)}"
                )
            )
    for path in top:
        if path.name in expected_single:
            continue
        why = not_ordinary(path)
        if why is not None:
            problems.append(_odd(path, why))
        elif _is_yaml_name(path):
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    "fichier-ignore",
                    f"fichier ignoré : seuls {', '.join(expected_single)} sont lus à cet endroit (les dispositifs vont dans dispositifs/, les campagnes dans campagnes/)",
                    AVERTISSEMENT,
                )
            )
    folders = ("dispositifs",) if national else ("dispositifs", "campagnes")
    for sub in folders:
        base = folder / sub
        if not base.is_dir():
            continue
        for path in _listing(base, problems, recursive=True):
            why = not_ordinary(path)
            if why is not None:
                problems.append(_odd(path, why))
            elif path.parent == base and path.suffix == ".yaml" and path.is_file():
                files.append((path, FOLDERS[sub]))
            elif path.parent == base and path.suffix == ".yml":
                problems.append(
                    Problem(
                        display_path(path),
                        1,
                        1,
                        "fichier-ignore",
                        "extension « .yml » : renommez le fichier en « .yaml », sinon il est ignoré",
                        AVERTISSEMENT,
                    )
                )
            elif path.is_file() and _is_yaml_name(path) and not (path.parent == base and path.suffix in (".yaml", ".yml")):
                problems.append(
                    Problem(
                        display_path(path),
                        1,
                        1,
                        "fichier-ignore",
                        f"fichier ignoré : seuls les fichiers « .yaml » placés directement dans {sub}/ sont lus",
                        AVERTISSEMENT,
                    )
                )
    return files, problems


def _is_yaml_name(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def stray_files(root: Path) -> list[Problem]:
    """YAML files at the top of a regions/ folder, sub-folders that are not regions, and
    sub-folders that cannot be read (they may be regions)."""
    problems: list[Problem] = []
    for path in _listing(root, problems):
        if path.is_file() and _is_yaml_name(path):
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    "fichier-ignore",
                    "fichier ignoré : les fichiers d'une région vont dans regions/<region>/",
                    AVERTISSEMENT,
                )
            )
        elif path.is_dir() and not is_region_folder(path):
            inner: list[Problem] = []
            if any(_is_yaml_name(p) for p in _listing(path, inner, recursive=True)):
                problems.append(
                    Problem(
                        display_path(path),
                        1,
                        1,
                        "fichier-ignore",
                        "dossier ignoré : il ne contient ni region.yaml, ni sources.yaml, ni dispositifs/, ni campagnes/",
                        AVERTISSEMENT,
                    )
                )
            problems.extend(inner)
    return problems


def kind_from_modeline(doc_text: str) -> str | None:
    """The document kind named by a ``# yaml-language-server: $schema=...`` first line."""
    first = doc_text.split("\n", 3)[:3]
    for line in first:
        match = _MODELINE.search(line)
        if match:
            return match.group(1)
    return None


def load_tree(folder: Path) -> tuple[RegionTree, list[Problem]]:
    """Load every file of a region folder; loader problems are returned, never raised."""
    national = folder.name == NATIONAL
    tree = RegionTree(folder.name, folder, national)
    files, problems = region_files(folder, national)
    tree.files = files
    for sub in FOLDERS:  # a folder that could not be listed: its files exist, unseen
        if any(p.code == "fichier-illisible" and p.file == display_path(folder / sub) for p in problems):
            tree.unreadable.add(folder / sub)
    for path, kind in files:
        shown = display_path(path)
        set_current_file(shown)
        doc, found = load_file(path, shown)
        problems.extend(found)
        if doc is None:
            tree.unreadable.add(path)
            continue
        declared = kind_from_modeline(doc.text)
        if declared is not None and declared != kind:
            where = {"dispositif": "dispositifs/", "campagne": "campagnes/"}.get(declared, f"{declared}.yaml")
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "fichier-schema",
                    f"la première ligne annonce le schéma « {declared} » mais le fichier est lu comme « {kind} » à cet endroit : est-il dans le bon dossier ({where}) ?",
                    AVERTISSEMENT,
                )
            )
        if kind == "dispositif":
            tree.dispositifs[path.stem] = doc
        elif kind == "campagne":
            tree.campagnes[path.stem] = doc
        else:
            tree.docs[kind] = doc
    return tree, problems
