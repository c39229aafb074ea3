"""Which known name a mistyped one meant: the one place that decides it, for every message that
says « Vouliez-vous dire « x » ? » (YAML fields and codes, region and dispositif names on the
command line, candidates' codes).

Names are compared lower-cased and without accents (« Normandy » and « normandie », « Rouen » and
« rouen »); an exact match apart from case and accents always wins; options equally close are all named.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

# Above this length no known name is that long, and difflib would index a whole text.
_LONGEST = 100


def plain(text: str) -> str:
    """« Île-de-France » → « ile-de-france », « Cœur » → « coeur »: lower case, accents removed,
    ligatures spelled out (Unicode does not decompose them). The one place text is folded: names
    compared here, headers and codes of spreadsheet cells (``tables.fold``)."""
    spelled = str(text).strip().replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", spelled.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def close_ones(value: object, options: Iterable[object], cutoff: float = 0.6) -> list[str]:
    """The options a typo most likely meant: the one equal apart from case and accents, else the
    closest ones when they are equally close (« mg-400 »: volet 1 or volet 2), at most three."""
    text = str(value)
    if len(text) > _LONGEST:
        return []
    by_plain: dict[str, str] = {}
    for option in options:
        by_plain.setdefault(plain(str(option)), str(option))
    key = plain(text)
    if key in by_plain:
        return [by_plain[key]]
    found = difflib.get_close_matches(key, list(by_plain), n=3, cutoff=cutoff)
    if not found:
        return []
    best = _ratio(key, found[0])
    return sorted(by_plain[f] for f in found if _ratio(key, f) == best)


def closest(value: object, options: Iterable[object], cutoff: float = 0.6) -> str | None:
    """The one option a typo meant, or None (nothing close, or several equally close)."""
    found = close_ones(value, options, cutoff)
    return found[0] if len(found) == 1 else None


def did_you_mean(value: object, options: Iterable[object], cutoff: float = 0.6) -> str:
    """« Vouliez-vous dire « x » ? » (« « x » ou « y » » when equally close), without a leading
    space, or "" when nothing is close."""
    found = close_ones(value, options, cutoff)
    if not found:
        return ""
    return "Vouliez-vous dire " + " ou ".join(f"« {f} »" for f in found) + " ?"


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, b, a).ratio()
