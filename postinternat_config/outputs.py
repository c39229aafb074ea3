"""Writing outputs atomically: a reader never sees a half-written file, and a failure leaves the
previous file in place."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def read_text(path: Path, shown: str, limit: int | None = None, spreadsheet: bool = False) -> tuple[str | None, list[Any]]:
    """A UTF-8 text file given on the command line, read with a hard cap (``limit`` bytes, by
    default that of hand-edited YAML files): an unreadable file is a usage error; a longer file or
    another encoding is a located problem. ``spreadsheet``: a CSV a spreadsheet exported, which may
    also be in Windows-1252."""
    from .problems import Problem, UsageError, os_error_fr
    from .tables import decode_table
    from .yamlload import MAX_BYTES, TooLarge, decode, read_bounded

    cap = MAX_BYTES if limit is None else limit
    try:
        data = read_bounded(path, cap)
    except TooLarge as exc:
        return None, [Problem(shown, 1, 1, "yaml-taille", exc.french())]
    except OSError as exc:
        raise UsageError(f"lecture impossible de {path} : {os_error_fr(exc)}") from exc
    return decode_table(data, shown, cap) if spreadsheet else decode(data, shown, cap)


STDOUT = "-"  # an output option given as « - » means the standard output


def _kind_fr(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "un dossier"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "un périphérique"
    if stat.S_ISFIFO(mode):
        return "un tube nommé (FIFO)"
    if stat.S_ISSOCK(mode):
        return "une socket"
    return "un fichier spécial"


def _not_regular(path: Path, option: str) -> str | None:
    """Why ``path`` cannot be replaced by a result file, or None (absent, or a regular file)."""
    from .problems import os_error_fr

    try:
        mode = os.stat(path).st_mode  # through symbolic links: what the link points to counts
    except FileNotFoundError:
        return None  # absent, or a dangling link (replaced by the new file, its target untouched)
    except OSError as exc:
        return f"{option} {path} : {os_error_fr(exc)}"
    if stat.S_ISREG(mode):
        return None
    link = "un lien vers " if path.is_symlink() else ""
    if stat.S_ISDIR(mode) and not link:
        return f"{option} {path} est un dossier : donnez un nom de fichier"
    return f"{option} {path} est {link}{_kind_fr(mode)}, pas un fichier ordinaire : donnez le nom d'un fichier à écrire"


def _protected_root(path: Path, protected: Sequence[Path]) -> Path | None:
    """The regions tree or region folder that holds ``path``, if any: the folders given in
    ``protected`` (e.g. --regions), any folder holding a region.yaml, and any folder holding the
    national frame (_national/)."""
    target = path.resolve()
    for root in protected:
        try:
            resolved = root.resolve()
        except OSError:
            continue
        if target == resolved or resolved in target.parents:
            return root
    for folder in target.parents:
        try:
            if (folder / "region.yaml").is_file() or (folder / "_national").is_dir():
                return folder
        except OSError:
            continue
    return None


def check_output(output: Path, option: str = "--output", inputs: Sequence[Path] = (), protected: Sequence[Path] = ()) -> None:
    """Refuse, with a French usage error, an output file that must not be replaced: anything but a
    regular file (a device such as /dev/null, a FIFO, a folder, or a link to one of those), a file
    inside a regions tree (``protected`` folders, region folders), or one of the run's ``inputs``
    (same path after links, or the same file under another name)."""
    from .problems import UsageError

    why = _not_regular(output, option)
    if why:
        raise UsageError(why)
    for source in inputs:
        same = False
        try:
            same = output.resolve() == source.resolve() or (output.exists() and source.exists() and os.path.samefile(output, source))
        except OSError:
            pass
        if same:
            raise UsageError(
                f"{option} {output} est le fichier d'entrée {source} : choisissez un autre fichier (l'entrée n'est jamais modifiée)"
            )
    root = _protected_root(output, protected)
    if root is not None:
        raise UsageError(
            f"{option} {output} est dans le dossier des régions {root} : un résultat n'y remplace jamais un fichier ; choisissez un fichier ailleurs"
        )


def check_output_folder(
    folder: Path, names: Sequence[str], option: str = "--output", inputs: Sequence[Path] = (), protected: Sequence[Path] = ()
) -> None:
    """The same checks for an output folder and the files ``names`` that will be written in it."""
    from .problems import UsageError

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{option} {folder} n'est pas un dossier : donnez le dossier où écrire")
    root = _protected_root(folder / "x", protected)
    if root is not None:
        raise UsageError(f"{option} {folder} est dans le dossier des régions {root} : choisissez un dossier ailleurs")
    for name in names:
        check_output(folder / name, option, inputs, protected)


@contextmanager
def open_atomic(path: Path) -> Iterator[IO[str]]:
    """A text file (UTF-8) written through a temporary file in the same folder: ``path`` appears,
    complete, when the block ends without error; on error the previous file stays in place. Refuses
    to replace anything but a regular file (a device, a FIFO, a folder)."""
    from .problems import UsageError

    why = _not_regular(path, "sortie")
    if why:
        raise UsageError(why)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's private 0600
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


class _Abandoned(Exception):
    """Raised inside :func:`open_atomic` to leave the previous file (or no file) in place."""


def write_atomic_with(path: Path, produce: Callable[[Callable[[str], object]], bool]) -> bool:
    """Let ``produce`` write, piece by piece, to ``path`` (atomically, see :func:`open_atomic`);
    when it returns False, nothing is written. Returns what ``produce`` returned."""
    try:
        with open_atomic(path) as out:
            if not produce(out.write):
                raise _Abandoned
    except _Abandoned:
        return False
    return True


class Held:
    """Text held back until :meth:`release`: a stream that starts only once there is something
    worth writing (nothing reaches the standard output for a run that evaluates nothing)."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self._write = write
        self._held: list[str] | None = []

    def write(self, text: str) -> None:
        if self._held is None:
            self._write(text)
        else:
            self._held.append(text)

    def release(self) -> None:
        if self._held is not None:
            held, self._held = self._held, None
            if held:
                self._write("".join(held))


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder (see
    :func:`open_atomic`)."""
    with open_atomic(path) as out:
        out.write(text)
