"""Chaque règle citée dit d'où vient sa valeur (avertissement).

Un bloc qui cite une ``source`` porte aussi l'``extrait`` du texte (la phrase citée telle quelle) ou,
quand le texte n'est pas reproductible, une ``note`` qui dit ce que la source établit. Les textes
libres (``texte``) en sont dispensés : ils sont eux-mêmes la règle.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..problems import AVERTISSEMENT, Problem

ID = "extrait-manquant"


def check(ctx: Context) -> Iterator[Problem]:
    for kind, doc in ctx.valid_docs():
        if kind == "sources":
            continue
        for path, block in ctx.blocks(doc.data):
            if "source" in block and "extrait" not in block and "note" not in block and "texte" not in block:
                yield ctx.at(
                    doc,
                    path + ("source",),
                    ID,
                    f"règle citant « {block['source']} » sans extrait ni note : recopiez la phrase du texte (extrait) ou dites ce qu'il établit (note)",
                    AVERTISSEMENT,
                    key=True,
                )
