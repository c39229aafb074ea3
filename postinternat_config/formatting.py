"""Numbers, percentages, money, years, dates and lists in French: the one place that writes them.

Styles (one per use):

- a rule's own day (« au plus tard le 1er novembre ») and the dates of the texts are in words
  (:func:`day_month`, ``dates.describe``);
- the dates of a candidate's file in an evaluation (fin d'internat, inscription, dépôt) are written
  ``01/11/2025`` (:func:`date_numeric`), as on the forms the instructors fill in;
- money has a narrow no-break space between thousands and a comma for decimals: « 2 100 € »;
- percentages: « 60 % », « 12,5 % ».
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
NNBSP = "\u202f"  # narrow no-break space (thousands, before €)


def number(value: float) -> str:
    """12.5 → "12,5"; 60.0 → "60"."""
    return f"{value:g}".replace(".", ",")


def pct(value: float) -> str:
    return f"{number(value)} %"


def euros(value: float) -> str:
    """2100 → "2 100 €" (narrow no-break space between thousands, comma for decimals)."""
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    return text.replace(",", NNBSP).replace(".", ",") + " €"


def years(value: float) -> str:
    """1 → "1 an", 1.5 → "1,5 an" is wrong in French: "1,5 an" (below 2 the noun stays singular)."""
    return f"{number(value)} an" if value < 2 else f"{number(value)} ans"


def date_numeric(text: str | None) -> str:
    """2025-11-01 → "01/11/2025" ("?" when absent, the text itself when it is not a date)."""
    if not text:
        return "?"
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    return day.strftime("%d/%m/%Y")


def day_words(day: date) -> str:
    """date(2025, 11, 1) → "1er novembre 2025"."""
    return f"{day_month(day.month, day.day)} {day.year}"


def day_month(month: int, day: int) -> str:
    """(11, 1) → "1er novembre"."""
    return f"{'1er' if day == 1 else day} {MOIS[month - 1]}"


def join(items: Iterable[str], word: str = "ou") -> str:
    """["a", "b", "c"] → "a, b ou c" ("—" when empty)."""
    items = list(items)
    if not items:
        return "—"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def french_key(text: str) -> tuple[str, str]:
    """The key that sorts labels in French dictionary order, as a reader expects a list: accents and
    case ignored first (« Établissement » among the E, before « Université »; « œ » as « oe »), then
    the text itself to break ties. Every list of labels shown sorted goes through here."""
    import unicodedata

    spelled = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    folded = "".join(c for c in unicodedata.normalize("NFKD", spelled) if not unicodedata.combining(c))
    return folded.casefold(), text


def structure_count(nombre: dict[str, Any]) -> str:
    """How many structures a lieu takes, in words (« une structure », « au plus une structure »,
    « 2 structures », « de 1 à 3 structures », « au moins 2 structures »); "" when the texts do not say."""

    def many(n: int) -> str:
        return "une structure" if n == 1 else f"{n} structures"

    low, high = nombre.get("min"), nombre.get("max")
    if high is not None and (low or 0) == high:
        return many(high) if high else ""
    if high is not None and not low:
        return f"au plus {many(high)}"
    if high is not None:
        return f"de {low} à {high} structures"
    if low:
        return f"au moins {many(low)}"
    return ""
