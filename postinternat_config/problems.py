"""Problems are data: every check returns :class:`Problem` values, reporters print them."""

from __future__ import annotations

from dataclasses import dataclass

ERREUR = "erreur"
AVERTISSEMENT = "avertissement"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a file, at a 1-based line and column (0 when unknown)."""

    file: str
    line: int
    column: int
    code: str
    message: str
    level: str = ERREUR

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


def os_error_fr(exc: OSError) -> str:
    """Why a file could not be read or written, in French (the system's text is in English)."""
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
    }
    return words.get(exc.errno or 0, f"erreur système ({exc.strerror or exc})")
