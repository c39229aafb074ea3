"""Problems are data: every check returns :class:`Problem` values, reporters print them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ERREUR = "erreur"
AVERTISSEMENT = "avertissement"

VALUE_MAX = 80  # characters of a value quoted in a message (a file may hold megabytes on one line)
MESSAGE_MAX = 2000  # characters of a whole message, whatever it quotes
_QUOTED = re.compile(r"« ([^«»]*) »|\"([^\"\n]*)\"")


def shorten(value: Any, limit: int = VALUE_MAX) -> str:
    """A value as text, cut to ``limit`` characters with « … » (messages quote what the user wrote,
    which may be a multi-megabyte line)."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounded(message: str) -> str:
    """The message with every quoted value (« ... » or "...") cut to ``VALUE_MAX`` characters, and
    the whole cut to ``MESSAGE_MAX``: the last guard, whatever a check interpolated."""
    if len(message) <= VALUE_MAX:
        return message

    def cut(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return f"« {shorten(match.group(1))} »"
        return f'"{shorten(match.group(2))}"'

    message = _QUOTED.sub(cut, message)
    return shorten(message, MESSAGE_MAX)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a file, at a 1-based line and column (0 when unknown)."""

    file: str
    line: int
    column: int
    code: str
    message: str
    level: str = ERREUR

    def __post_init__(self) -> None:
        if len(self.message) > VALUE_MAX:
            object.__setattr__(self, "message", _bounded(self.message))

    def format(self) -> str:
        """The canonical one-line form: ``path:line:col: [code] message``."""
        marker = "" if self.level == ERREUR else "(avertissement) "
        return f"{self.file}:{self.line}:{self.column}: [{self.code}] {marker}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "fichier": self.file,
            "ligne": self.line,
            "colonne": self.column,
            "code": self.code,
            "niveau": self.level,
            "message": self.message,
        }


class PostinternatError(Exception):
    """Base of the fatal errors (a run that cannot go on); problems in data are not exceptions."""


class UsageError(PostinternatError):
    """The command line names something that does not exist or cannot be used."""


class NotAFile(OSError):
    """A path that is not an ordinary file (a named pipe, a device, a socket): never read."""


def _errno_words() -> dict[int, str]:
    import errno

    words = {
        errno.ENOENT: "fichier introuvable",
        errno.EISDIR: "c'est un dossier, pas un fichier",
        errno.EACCES: "droits insuffisants",
        errno.EPERM: "opération non permise",
        errno.ENOSPC: "disque plein",
        errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
        errno.EROFS: "système de fichiers en lecture seule",
        errno.ENAMETOOLONG: "nom de fichier trop long",
        errno.EEXIST: "le fichier ou le dossier existe déjà",
        errno.ENOTEMPTY: "le dossier n'est pas vide",
        errno.ELOOP: "trop de liens symboliques (une boucle de liens ?)",
        errno.EIO: "erreur d'entrée-sortie (disque ou réseau)",
        errno.EFBIG: "fichier trop gros",
        errno.EMFILE: "trop de fichiers ouverts",
        errno.ENFILE: "trop de fichiers ouverts sur le système",
        errno.EBUSY: "fichier ou périphérique occupé",
        errno.EXDEV: "déplacement impossible d'un disque à un autre",
        errno.EINVAL: "opération invalide sur ce fichier",
        errno.ENXIO: "périphérique absent",
        errno.ENODEV: "périphérique absent",
        errno.ETXTBSY: "fichier en cours d'utilisation",
        errno.EAGAIN: "ressource temporairement indisponible : réessayez",
        errno.EPIPE: "la sortie a été fermée",
        errno.ENOMEM: "mémoire insuffisante",
        errno.ESPIPE: "ce n'est pas un fichier ordinaire",
    }
    for name, text in (
        ("EDQUOT", "quota disque dépassé"),
        ("ESTALE", "fichier réseau devenu inaccessible"),
        ("ETIMEDOUT", "délai dépassé (disque réseau ?)"),
    ):
        if hasattr(errno, name):
            words[getattr(errno, name)] = text
    return words


def os_error_fr(exc: OSError) -> str:
    """Why a file could not be read or written, in French (the system's text, ``strerror``, is in
    English and is never shown: an unknown error number is named by its symbol)."""
    import errno

    if isinstance(exc, NotAFile):
        return "ce n'est pas un fichier ordinaire (tube nommé, périphérique ou socket) : il n'est pas lu"
    number = exc.errno or 0
    known = _errno_words().get(number)
    if known is not None:
        return known
    if number:
        return f"erreur système n° {number} ({errno.errorcode.get(number, 'inconnue')})"
    return "erreur système"
