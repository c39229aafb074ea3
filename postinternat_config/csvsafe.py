"""The one way the tool writes CSV: every text cell is neutralised against formula injection.

A spreadsheet (Excel, LibreOffice) runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, and a leading tab or carriage return can hide such a start. Any text cell whose first
character (or first character after blanks) is one of those gets a leading apostrophe, as OWASP
recommends: the spreadsheet then shows the text as it is. Numbers written by the tool as numbers
(line numbers, counts) stay numbers. Every CSV output goes through :func:`writer`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

# ASCII triggers, and their full-width forms that some spreadsheet locales also read as formulas
_FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")


def cell(value: Any) -> Any:
    """``value`` as a safe CSV cell: ints and floats as they are, text with a leading ``'`` when a
    spreadsheet would read it as a formula, ``None`` as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text and (text[0] in _FORMULA_START or text.lstrip(" \t\r\n\u00a0")[:1] in _FORMULA_START):
        return "'" + text
    return text


class SafeWriter:
    """A :func:`csv.writer` whose rows are neutralised cell by cell."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: IO[str], **options: Any) -> SafeWriter:
    """The CSV writer every output of the tool uses (options as for :func:`csv.writer`)."""
    return SafeWriter(out, **options)
