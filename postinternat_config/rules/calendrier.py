"""Le calendrier d'une campagne est dans l'ordre.

Ouverture de l'appel, date limite de dépôt, commission (ou jury), décisions, puis chaque prise de
poste, et la fin des contrats après les prises de poste. Les dates approchées (« fin mars ») sont lues
comme l'intervalle qu'elles désignent : seul un ordre certainement faux est signalé.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..context import Context
from ..dates import describe, interval
from ..problems import Problem

ID = "calendrier-ordre"

STEPS = [("ouverture", "l'ouverture de l'appel"), ("date_limite", "la date limite de dépôt"), ("commission", "la commission"), ("decisions", "les décisions")]


def check(ctx: Context) -> Iterator[Problem]:
    for _stem, doc in ctx.campagnes():
        cal: dict[str, Any] = doc.data.get("calendrier") or {}
        events: list[tuple[tuple[Any, ...], str, Any]] = []
        for key, label in STEPS:
            if key in cal:
                events.append((("calendrier", key), label, cal[key]))
        for i, start in enumerate(cal.get("prises_de_poste") or []):
            events.append((("calendrier", "prises_de_poste", i), f"la prise de poste n°{i + 1}", start))
        if "fin_contrat" in cal:
            events.append((("calendrier", "fin_contrat"), "la fin des contrats", cal["fin_contrat"]))
        for later_index in range(1, len(events)):
            path, label, value = events[later_index]
            span = interval(value)
            if span is None:
                continue
            for earlier in events[:later_index]:
                e_path, e_label, e_value = earlier
                e_span = interval(e_value)
                if e_span is None:
                    continue
                if span[1] < e_span[0]:
                    yield ctx.at(doc, path, ID, f"{label} ({describe(value)}) tombe avant {e_label} ({describe(e_value)}) : l'ordre attendu est ouverture, date limite, commission, décisions, prises de poste")
                    break
