"""Writing outputs atomically: a reader never sees a half-written file, and a failure leaves the
previous file in place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


def read_text(path: Path, shown: str, limit: int | None = None) -> tuple[str | None, list[Any]]:
    """A UTF-8 text file given on the command line, read with a hard cap (``limit`` bytes, by
    default that of hand-edited YAML files): an unreadable file is a usage error; a longer file or
    another encoding is a located problem."""
    from .problems import Problem, UsageError, os_error_fr
    from .yamlload import MAX_BYTES, TooLarge, decode, read_bounded

    cap = MAX_BYTES if limit is None else limit
    try:
        data = read_bounded(path, cap)
    except TooLarge as exc:
        return None, [Problem(shown, 1, 1, "yaml-taille", exc.french())]
    except OSError as exc:
        raise UsageError(f"lecture impossible de {path} : {os_error_fr(exc)}") from exc
    return decode(data, shown, cap)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
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
