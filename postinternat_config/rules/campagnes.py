"""Un dispositif n'est pas ouvert par deux campagnes dont les années se chevauchent (avertissement).

Une campagne couvre les années de son identifiant (« 2026 », « 2025-2027 »). Si deux campagnes qui
se chevauchent ouvrent le même dispositif, on ne sait plus laquelle s'applique à un candidat (l'outil
prend alors la plus récente qui recrute à sa date de prise de poste) : c'est souvent un oubli après
la création d'une nouvelle campagne, où l'ancienne aurait dû retirer le dispositif ou l'identifiant
dire la vraie période. Une ``note`` sur le dispositif dans la campagne dit que le chevauchement est
voulu, et pourquoi.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..problems import AVERTISSEMENT, Problem
from ..yamlload import Document

ID = "campagnes-chevauchement"


def check(ctx: Context) -> Iterator[Problem]:
    opened: list[tuple[int, int, str, int, Document, str]] = []  # (first year, last year, campaign, index in its list, file, dispositif)
    campaigns = sorted(ctx.campagnes(), key=lambda item: item[0])
    for stem, doc in campaigns:
        ident = str(doc.data.get("id", stem))
        first, last = int(ident[:4]), int(ident[-4:])
        for i, entry in enumerate(doc.data.get("dispositifs") or []):
            if not entry.get("note"):  # a note says the overlap is known and why
                opened.append((first, last, ident, i, doc, str(entry.get("id"))))
    seen: dict[str, list[tuple[int, int, str]]] = {}
    for first, last, ident, i, doc, dispositif in opened:
        for other_first, other_last, other in seen.get(dispositif, []):
            if first <= other_last and other_first <= last and other != ident:
                yield ctx.at(
                    doc,
                    ("dispositifs", i, "id"),
                    ID,
                    f"le dispositif « {dispositif} » est aussi ouvert par la campagne « {other} », dont les années chevauchent celles de « {ident} » : "
                    "retirez-le de l'une des deux, ou dites pourquoi dans une note de ce dispositif dans la campagne",
                    AVERTISSEMENT,
                )
                break
        seen.setdefault(dispositif, []).append((first, last, ident))
