"""Reading the tables a spreadsheet exports (candidates' lots, interns per subdivision, zoning).

One home for what every CSV input of the tool shares: the text (UTF-8, or Windows-1252 as French
Excel writes « CSV (séparateur : point-virgule) »), the separator, and the comparison key of a
header or of a name typed by hand (case, accents, spaces and punctuation left out), so that
« Spécialité », « Fin internat » or « Caen » find ``specialite``, ``fin_internat``, ``caen``.
"""

from __future__ import annotations

import re

from .problems import Problem
from .suggestions import plain
from .yamlload import TEXT_MAX_BYTES, decode


def decode_table(data: bytes, shown: str, limit: int = TEXT_MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """The text of a CSV file: UTF-8 (with or without a byte order mark), else Windows-1252 (the
    CSV export of French Excel). Any other encoding (UTF-16...) is a located problem (the caller
    gives it the code of its file: ``csv-encodage``, ``zonage-encodage``...)."""
    text, problems = decode(data, shown, limit)
    if text is not None:
        return text, []
    if problems and "n'est pas en UTF-8" in problems[0].message and _UTF8_LETTER.search(data):
        # UTF-8 letters (« é » as C3 A9) beside bytes that are not: a file of two encodings (lines
        # pasted from another file); read as Windows-1252 its « é » would become « Ã© »
        first = problems[0]
        return None, [
            Problem(
                first.file,
                first.line,
                first.column,
                first.code,
                f"le fichier mêle deux encodages : {_byte_of(first)} n'est pas de l'UTF-8, alors que ses lettres"
                " accentuées ailleurs le sont (des lignes collées d'un autre fichier ?) ; enregistrez-le en UTF-8",
            )
        ]
    if len(data) <= limit and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        try:
            fallback = data.decode("cp1252")
        except UnicodeDecodeError:
            fallback = None
        if fallback is not None and "\x00" not in fallback:  # NUL bytes: UTF-16 and the like
            return fallback, []
    return None, problems


# UTF-8 accented letters (é is C3 A9, œ C5 93): in a genuine Windows-1252 text they would read
# « Ã© », which French never writes (« â€™ », an old garbling of ’, is left alone)
_UTF8_LETTER = re.compile(rb"[\xc3\xc5][\x80-\xbf]")


def _byte_of(problem: Problem) -> str:
    """« l'octet 0xE9 », the byte the UTF-8 decoding stopped at (as its problem names it)."""
    found = re.search(r"0x[0-9A-F]{2}", problem.message)
    return f"l'octet {found.group(0)}" if found else "un octet"


def delimiter_of(text: str) -> str:
    """« ; » (French Excel) when the start of the text has more of them than commas, else « , »."""
    sample = text[:4096]
    return ";" if sample.count(";") > sample.count(",") else ","


def fold(text: str) -> str:
    """``text`` in lower case without accents (« Spécialité » → « specialite »): :func:`suggestions.plain`."""
    return plain(text)


def key(text: str) -> str:
    """The comparison key of a header or a name: letters and digits only, lower case, without
    accents (« Fin internat », « fin_internat » and « FIN-INTERNAT » share « fininternat »)."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


__all__ = ["decode_table", "delimiter_of", "fold", "key"]
