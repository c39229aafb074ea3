"""The validated regions of one ``diff`` run.

Each folder is validated once however many sides read it (``normandie@2024`` and
``normandie@2025`` are one region). When two ``regions/`` folders are compared, a region whose
folder holds the same bytes on both sides (with the same national frame and the same region codes
beside it), and in which the first side has no error, is validated once and read on both sides.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..context import Context
from ..problems import Problem
from ..validation import checked_contexts
from ..workspace import NATIONAL, is_region_folder
from ..yamlload import MAX_BYTES, TooLarge, read_bounded


@dataclass
class Reader:
    """What one run has validated (folder → contexts, and the errors found there), and the
    warnings met: errors that do not stop the comparison (an older version checked by today's
    rules)."""

    warnings: list[str] = field(default_factory=list)
    loaded: dict[Path, tuple[list[Context], list[Problem]]] = field(default_factory=dict)

    def contexts(self, folder: Path) -> list[Context]:
        """The contexts of a region folder (or of every region of a ``regions/`` folder)."""
        return self._load(folder)[0]

    def _load(self, folder: Path) -> tuple[list[Context], list[Problem]]:
        key = folder.resolve()
        if key not in self.loaded:
            self.loaded[key] = checked_contexts([folder])
            self.warn(self.loaded[key][1])
        return self.loaded[key]

    def warn(self, errors: list[Problem]) -> None:
        if errors:
            self.warnings.append(
                f"{len(errors)} problème(s) de cohérence dans les fichiers comparés (par exemple {errors[0].format()}) : comparaison faite quand même"
            )

    def root_pair(self, left: Path, right: Path) -> tuple[dict[str, Context], dict[str, Context]]:
        """The regions of two ``regions/`` folders (slug → context); a region unchanged from left to
        right is validated once."""
        contexts, errors = self._load(left)
        before = {c.tree.slug: c for c in contexts if not c.tree.national}
        same = unchanged_regions(left, right, _faultless(left, errors, set(before)))
        if not same:
            return before, {c.tree.slug: c for c in self.contexts(right) if not c.tree.national}
        after = {slug: before[slug] for slug in same}
        changed = [
            right / name for name in _children(right) or [] if name not in same and name != NATIONAL and is_region_folder(right / name)
        ]
        if changed:
            found, problems = checked_contexts(changed)
            self.warn(problems)
            after.update((c.tree.slug, c) for c in found if not c.tree.national)
        return before, after


def _faultless(root: Path, errors: list[Problem], regions: set[str]) -> set[str]:
    """The regions of ``root`` where validation found no error: none if the national frame has one,
    or if an error is not inside a region folder."""
    base = str(root.resolve())
    faulty: set[str] = set()
    for problem in errors:
        where = os.path.relpath(os.path.normpath(os.path.join(os.getcwd(), problem.file)), base)
        top = where.split(os.sep)[0]
        if top in ("..", ".", NATIONAL) or top not in regions:
            return set()
        faulty.add(top)
    return regions - faulty


def unchanged_regions(left: Path, right: Path, candidates: set[str]) -> set[str]:
    """The regions among ``candidates`` whose folder holds the same bytes in ``left`` and ``right``
    (two ``regions/`` folders). None at all unless both hold the same entries, the same national
    frame and the same ``region.yaml`` files: a region is checked against its frame and against
    the codes of the other regions."""
    names = _children(left)
    if names is None or names != _children(right):
        return set()
    if (left / NATIONAL).exists() or (right / NATIONAL).exists():
        frame = fingerprint(left / NATIONAL)
        if frame is None or frame != fingerprint(right / NATIONAL):
            return set()
    for name in names:
        if (
            name != NATIONAL
            and (left / name).is_dir()
            and _file_digest(left / name / "region.yaml") != _file_digest(right / name / "region.yaml")
        ):
            return set()
    same = set()
    for name in sorted(candidates & set(names)):
        digest = fingerprint(left / name)
        if digest is not None and digest == fingerprint(right / name):
            same.add(name)
    return same


def _children(root: Path) -> list[str] | None:
    try:
        return sorted(os.listdir(root))
    except OSError:
        return None


def _file_digest(path: Path) -> bytes | None:
    """The digest of a plain file's bytes; ``b"absent"`` if there is none; None if it cannot be read."""
    if not os.path.lexists(path):
        return b"absent"
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return hashlib.sha256(read_bounded(path, MAX_BYTES)).digest()
    except (OSError, TooLarge):
        return None


def fingerprint(folder: Path) -> bytes | None:
    """A digest of everything a folder holds (names, kinds and bytes, recursively). None when it
    holds anything but plain files and folders (a link, a pipe: never opened here), a file too
    large for the loader, or something that cannot be read: such a folder is always validated."""
    digest = hashlib.sha256()
    stack = [folder]
    try:
        while stack:
            current = stack.pop()
            with os.scandir(current) as found:
                entries = sorted(found, key=lambda e: e.name)
            for entry in entries:
                name = os.path.relpath(entry.path, folder).encode("utf-8", "surrogateescape")
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISDIR(mode):
                    digest.update(b"d\0" + name + b"\0")
                    stack.append(Path(entry.path))
                elif stat.S_ISREG(mode):
                    data = read_bounded(Path(entry.path), MAX_BYTES)
                    digest.update(b"f\0" + name + b"\0" + str(len(data)).encode() + b"\0" + data)
                else:
                    return None
    except (OSError, TooLarge):
        return None
    return digest.digest()
