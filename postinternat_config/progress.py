"""Which file the library is reading now, for the message of an unexpected failure.

The library names the file it is about to read with :func:`set_current_file` (or, for a bounded
piece of work, the :func:`reading` context manager); the command line's guard reads
:func:`current_file` when something unexpected happens, to say « Erreur interne pendant la lecture
de <fichier> » rather than nothing. The value lives in a :class:`contextvars.ContextVar`: no
argument threads through the library, and each run (or thread) has its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

_CURRENT: ContextVar[str | None] = ContextVar("postinternat_current_file", default=None)


def set_current_file(name: object) -> None:
    """Name the file (or folder) being read from now on."""
    _CURRENT.set(str(name))


def current_file() -> str | None:
    """The file being read, or None when nothing was named."""
    return _CURRENT.get()


def start_run() -> Token[str | None]:
    """A fresh start for one command: nothing is being read yet (give the token to :func:`end_run`)."""
    return _CURRENT.set(None)


def end_run(token: Token[str | None]) -> None:
    _CURRENT.reset(token)


@contextmanager
def reading(name: object) -> Iterator[None]:
    """Name the file being read for the duration of the block. On a failure inside the block the
    name stays, so that the guard can report it; on success the previous name comes back."""
    token = _CURRENT.set(str(name))
    yield
    _CURRENT.reset(token)
