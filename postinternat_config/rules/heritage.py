"""L'héritage du cadre national se résout et ne remplace que ce qui existe.

``etend`` nomme un cadre de ``regions/_national/dispositifs/`` marqué ``cadre_national: true`` ;
un dispositif régional n'est pas lui-même un cadre ; sa famille, s'il la redonne, est celle du cadre ;
``_supprimer: true`` ne retire qu'un élément que le cadre définit (et n'a de sens qu'avec ``etend``) ;
un élément (lieu, statut, financement, priorité) absent du cadre porte ``_ajout: true``, sinon il est
signalé comme une faute de frappe probable ;
un cadre national n'étend pas un autre cadre.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..context import Context, suggest
from ..problems import Problem

ID = "heritage"


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def check(ctx: Context) -> Iterator[Problem]:
    tree = ctx.tree
    frames = ctx.frames()
    for stem, doc in tree.dispositifs.items():
        if not ctx.valid(doc):
            continue
        data = doc.data
        if tree.national:
            if data.get("cadre_national") is not True:
                yield ctx.at(doc, ("id",), ID, "un fichier de regions/_national/dispositifs/ doit déclarer « cadre_national: true »")
            if "etend" in data:
                yield ctx.at(doc, ("etend",), ID, "un cadre national n'étend pas un autre cadre")
            continue
        if data.get("cadre_national") is True:
            yield ctx.at(doc, ("cadre_national",), ID, "seuls les fichiers de regions/_national/dispositifs/ sont des cadres nationaux")
        parent = data.get("etend")
        if parent is None:
            for path, value in ctx.blocks(data):
                for marker in ("_supprimer", "_ajout"):
                    if value.get(marker) is True:
                        yield ctx.at(
                            doc,
                            path + (marker,),
                            ID,
                            f"« {marker} » n'a de sens que dans un dispositif qui étend un cadre national (etend)",
                            key=True,
                        )
            continue
        frame = frames.get(parent)
        if frame is None:
            options = sorted(frames)
            listed = (
                f" Cadres disponibles : {', '.join(options)}."
                if options
                else " Aucun cadre national n'est défini (regions/_national/dispositifs/)."
            )
            yield ctx.at(doc, ("etend",), ID, f"le cadre national « {parent} » n'existe pas.{suggest(parent, options) or listed}")
            continue
        if ctx.national is None or not ctx.national.valid(frame):
            continue
        famille = data.get("famille")
        if famille is not None and famille != frame.data.get("famille"):
            yield ctx.at(
                doc,
                ("famille",),
                ID,
                f"la famille « {famille} » diffère de celle du cadre « {parent} » ({frame.data.get('famille')}) : retirez la ligne pour hériter de la famille du cadre",
            )
        eff = ctx.effective.get(stem)
        if eff is None:
            continue
        for path in eff.removals_missing:
            yield ctx.at(
                doc, path + ("_supprimer",), ID, f"« _supprimer » vise un élément que le cadre « {parent} » ne définit pas", key=True
            )
        for path, key, existing in eff.unmarked_additions:
            added = str(_get(doc.data, path + (key,)))
            hint = suggest(added, existing)
            yield ctx.at(
                doc,
                path + (key,),
                ID,
                f"« {added} » n'existe pas dans le cadre « {parent} » ({key} : {', '.join(existing)}).{hint} Pour un élément propre à la région, ajoutez « _ajout: true ».",
            )
        for path in eff.marked_existing:
            yield ctx.at(
                doc,
                path + ("_ajout",),
                ID,
                f"« _ajout » sur un élément que le cadre « {parent} » définit déjà : retirez la marque pour le modifier",
                key=True,
            )
