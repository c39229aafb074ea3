"""Un pourcentage s'écrit sur 100 : 60 pour 60 %, pas 0.6.

Les quotités des lieux (``valeur``, ``min``, ``max``, ``valeurs``) et les parts de financement
(``part``, fixe ou datée) sont des pourcentages de 0 à 100. Une valeur strictement comprise entre
0 et 1 est presque toujours une fraction tapée à la place d'un pourcentage (0.6 au lieu de 60) :
elle est signalée par un avertissement, qui propose la valeur multipliée par 100. Si le texte
donne vraiment une part de moins de 1 %, gardez-la et ajoutez une ``note:``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..context import Context
from ..formatting import pct
from ..problems import AVERTISSEMENT, Problem

ID = "pourcentage-fraction"


def _fraction(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 1


def _percentages(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Any, str]]:
    """(path, value, what) for every percentage of a dispositif file."""
    for i, lieu in enumerate(data.get("lieux") or []):
        quotite = lieu.get("quotite") if isinstance(lieu, dict) else None
        if not isinstance(quotite, dict):
            continue
        role = lieu.get("role", f"n°{i + 1}")
        for key, word in (("valeur", "quotité"), ("min", "quotité minimale"), ("max", "quotité maximale")):
            yield ("lieux", i, "quotite", key), quotite.get(key), f"lieu « {role} », {word}"
        for j, value in enumerate(quotite.get("valeurs") or []):
            yield ("lieux", i, "quotite", "valeurs", j), value, f"lieu « {role} », quotité admise"
    for i, funding in enumerate(data.get("financement") or []):
        if not isinstance(funding, dict):
            continue
        name = funding.get("id", f"n°{i + 1}")
        part = funding.get("part")
        if isinstance(part, dict):
            for j, dated in enumerate(part.get("valeurs") or []):
                if isinstance(dated, dict):
                    yield ("financement", i, "part", "valeurs", j, "valeur"), dated.get("valeur"), f"financement « {name} », part financée"
        else:
            yield ("financement", i, "part"), part, f"financement « {name} », part financée"


def check(ctx: Context) -> Iterator[Problem]:
    for doc in ctx.tree.dispositifs.values():
        if not ctx.valid(doc) or not isinstance(doc.data, dict):
            continue
        for path, value, what in _percentages(doc.data):
            if _fraction(value):
                yield ctx.at(
                    doc,
                    path,
                    ID,
                    f"{what} : {pct(value)} : vouliez-vous dire {pct(round(value * 100, 6))} ? "
                    f"Un pourcentage s'écrit sur 100 ({pct(round(value * 100, 6))} s'écrit {round(value * 100, 6):g})",
                    AVERTISSEMENT,
                )
