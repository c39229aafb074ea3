"""What a side of ``diff`` is: a region of the regions folder (``normandie``), a region at one
campaign (``normandie@2024``), a dispositif (``normandie/asr``, ``normandie@2024/asr``), a folder,
a file, or a git revision ``REV:path`` extracted to a temporary folder.

A revision is never taken for an option (one starting with « - » is refused, git gets
``--end-of-options`` before it), the extracted archive is checked member by member (a link that
leaves the folder, a device: refused), and messages name the revision, never the temporary folder.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from ..problems import UsageError, os_error_fr
from ..suggestions import did_you_mean
from ..workspace import NATIONAL, find_region_folder
from .loading import Reader
from .views import View, frame_file_view, region_view


@dataclass
class Sides:
    """The sides of one run: the regions read (:class:`Reader`: each folder validated once, the
    warnings met), and the git revisions extracted, each with the temporary folder that holds it
    (removed by :meth:`close`, or on leaving a ``with`` block)."""

    regions_dir: Path
    workdir: Path
    reader: Reader = field(default_factory=Reader)
    extracted: list[tuple[tempfile.TemporaryDirectory[str], str]] = field(default_factory=list)  # (folder, revision it holds)
    paths: dict[str, Path] = field(default_factory=dict)  # « REV:path » → where it was extracted

    def __enter__(self) -> Sides:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        for temporary, _revision in self.extracted:
            temporary.cleanup()
        self.extracted.clear()
        self.paths.clear()

    def warnings(self) -> list[str]:
        """The warnings met so far, naming revisions rather than temporary folders."""
        return [self.untemp(w) for w in self.reader.warnings]

    def path(self, spec: str) -> Path:
        """The folder or file a side names (a git revision is extracted first)."""
        return self.git_path(spec) if is_git_spec(spec) else Path(spec)

    def git_path(self, spec: str) -> Path:
        """Extract ``REV:path`` (and the national frame beside it) from git into a temporary folder.

        The revision is never taken for an option: one that starts with « - » is refused, and every
        git command that receives it gets ``--end-of-options`` before it. Git's own (English) messages
        are not shown."""
        revision, _, inner = spec.partition(":")
        if not revision or revision.startswith("-"):
            raise UsageError(
                f"« {spec} » : la révision git « {revision} » est invalide (elle ne peut pas être vide ni commencer par « - ») ; exemple : HEAD~1:regions/normandie"
            )
        inner = inner.partition("@")[0]
        inner = inner.strip("/") or "regions"
        if f"{revision}:{inner}" in self.paths:  # each revision is extracted once per run
            return self.paths[f"{revision}:{inner}"]
        probe = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=self.workdir, capture_output=True, text=True)
        if probe.returncode != 0:
            raise UsageError(f"« {spec} » : pas de dépôt git ici")
        top = Path(probe.stdout.strip())
        try:
            relative = (self.workdir.resolve() / inner).relative_to(top) if not Path(inner).is_absolute() else Path(inner).relative_to(top)
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
        known = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{tree}}"], cwd=top, capture_output=True
        )
        if known.returncode != 0:
            raise UsageError(
                f"« {spec} » : révision ou chemin introuvable dans git : la révision « {revision} » n'existe pas (exemples : HEAD, HEAD~1, main, une étiquette ou un identifiant de commit)"
            )
        temporary = tempfile.TemporaryDirectory(prefix="postinternat-diff-")
        self.extracted.append((temporary, revision))
        # after --end-of-options, git archive reads « tree-ish path... » (a « -- » would be a path)
        archive = subprocess.run(["git", "archive", "--format=tar", "--end-of-options", revision, *wanted], cwd=top, capture_output=True)
        if archive.returncode != 0:
            raise UsageError(
                f"« {spec} » : révision ou chemin introuvable dans git : {wanted[0]} n'existe pas dans la révision « {revision} »"
            )
        try:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(temporary.name, filter="data")
        except tarfile.FilterError as exc:  # a link that leaves the folder, a device...: never extracted
            member = exc.tarinfo.name if exc.tarinfo is not None else "?"
            raise UsageError(
                f"« {spec} » : « {member} » est, dans la révision « {revision} », un lien ou un fichier spécial qui sort du dossier extrait : comparaison refusée ; remplacez-le par un fichier ordinaire"
            ) from None
        except (tarfile.TarError, OSError) as exc:
            detail = f" ({os_error_fr(exc)})" if isinstance(exc, OSError) else ""
            raise UsageError(f"« {spec} » : extraction de la révision « {revision} » impossible{detail}") from None
        self.paths[f"{revision}:{inner}"] = Path(temporary.name) / relative
        return self.paths[f"{revision}:{inner}"]

    def view(self, spec: str) -> View:
        """A side given as ``region[@campagne][/dispositif]``, a folder, a file, or ``REV:path``."""
        label = spec
        path: Path | None = None
        campagne = dispositif = None
        if is_git_spec(spec):
            base, _, rest = spec.partition(":")
            at = None
            if "@" in rest:
                rest, _, at = rest.partition("@")
            path = self.git_path(f"{base}:{rest}")
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
                path = self.regions_dir / slug
                dispositif = dispositif or disp or None
                if not path.is_dir():
                    known = (
                        sorted(p.name for p in self.regions_dir.iterdir() if p.is_dir() and p.name != NATIONAL)
                        if self.regions_dir.is_dir()
                        else []
                    )
                    hint = did_you_mean(slug, known, cutoff=0.7)
                    hint = f" {hint}" if hint else ""
                    raise UsageError(
                        f"« {spec} » : aucune région de ce nom dans le dossier {self.regions_dir}/, et ce n'est ni un fichier ni un dossier.{hint}"
                        f" Régions décrites : {', '.join(known) if known else 'aucune'}."
                    )
        assert path is not None
        if path.is_file():
            folder = find_region_folder(path.resolve())
            if folder is None:
                raise UsageError(f"« {spec} » : ce fichier n'est pas dans un dossier de région")
            if path.parent.name == "dispositifs":
                if folder.name == NATIONAL:
                    return frame_file_view(self.reader, folder, path.stem, label)
                return region_view(self.reader, folder, campagne, path.stem, label)
            if path.parent.name == "campagnes":
                return region_view(self.reader, folder, path.stem, None, label)
            return region_view(self.reader, folder, campagne, None, label)
        folder = find_region_folder(path.resolve())
        if folder is None:
            raise UsageError(f"« {spec} » : ce dossier n'est pas un dossier de région")
        return region_view(self.reader, folder, campagne, dispositif, label)

    def untemp(self, text: str) -> str:
        """Messages name the git revision, not the temporary folder it was extracted to."""
        for temporary, label in self.extracted:
            text = text.replace(temporary.name + "/", f"{label}:")
            try:
                text = text.replace(os.path.relpath(temporary.name) + "/", f"{label}:")
            except ValueError:  # pragma: no cover - another drive on Windows
                pass
        return text


def is_git_spec(spec: str) -> bool:
    """``REV:path`` (not a Windows drive letter, not an existing path)."""
    return ":" in spec and not Path(spec).exists() and not (len(spec) > 1 and spec[1] == ":")


def is_root(path: Path) -> bool:
    """A ``regions/`` folder (a folder of region folders, not a region itself)."""
    return (
        path.is_dir()
        and find_region_folder(path.resolve()) is None
        and any(find_region_folder(p) == p for p in path.iterdir() if p.is_dir())
    )


def folder_of(spec: str, regions_dir: Path) -> Path:
    """The region folder a side names (a path, or ``region[@campagne][/dispositif]``)."""
    path = Path(spec)
    if path.exists():
        folder = find_region_folder(path.resolve())
        assert folder is not None
        return folder
    slug = spec.partition("@")[0].partition("/")[0]
    return (regions_dir / slug).resolve()
