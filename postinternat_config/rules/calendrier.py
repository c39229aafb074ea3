"""Le calendrier d'une campagne est dans l'ordre.

Ouverture de l'appel, date limite de dépôt, commission (ou jury), décisions, puis chaque prise de
poste, et la fin des contrats après les prises de poste. Les dates approchées (« fin mars ») sont lues
comme l'intervalle qu'elles désignent : seul un ordre certainement faux est signalé.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..context import Context
from ..dates import describe, interval
from ..problems import Problem

ID = "calendrier-ordre"

STEPS = [
    ("ouverture", "l'ouverture de l'appel"),
    ("date_limite", "la date limite de dépôt"),
    ("commission", "la commission"),
    ("decisions", "les décisions"),
]


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
        timed = [(order, event, span) for order, event in enumerate(events) if (span := interval(event[2])) is not None]
        # blame the event in conflict with the most others (the one whose date was mistyped), then
        # look again without it, until the remaining events are in order
        while True:
            pairs = [(a, b) for ia, a in enumerate(timed) for b in timed[ia + 1 :] if b[2][1] < a[2][0]]
            if not pairs:
                break
            counts: dict[int, int] = {}
            for a, b in pairs:
                counts[a[0]] = counts.get(a[0], 0) + 1
                counts[b[0]] = counts.get(b[0], 0) + 1
            culprit = max(counts, key=lambda order: (counts[order], order))
            c_order, (c_path, c_label, c_value), _span = next(t for t in timed if t[0] == culprit)
            others = [(b if a[0] == culprit else a) for a, b in pairs if culprit in (a[0], b[0])]
            o_order, (_p, o_label, o_value), _s = others[0]
            side = "avant" if o_order < c_order else "après"
            yield ctx.at(
                doc,
                c_path,
                ID,
                f"{c_label} ({describe(c_value)}) tombe {side} {o_label} ({describe(o_value)}) : l'ordre attendu est ouverture, date limite, commission, décisions, prises de poste",
            )
            timed = [t for t in timed if t[0] != culprit]
