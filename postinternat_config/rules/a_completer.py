"""Les textes laissés « À compléter » par ``postinternat new`` sont signalés (avertissement).

Un fichier créé par ``postinternat new`` est valide tel quel, mais ce que l'outil ne pouvait pas
savoir (le titre d'une source, l'extrait d'un texte) y est écrit « À compléter » : chaque occurrence
est listée, pour que rien ne soit publié inachevé (``--strict`` les fait échouer).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..problems import AVERTISSEMENT, Problem

ID = "a-completer"
MARK = "À compléter"


def check(ctx: Context) -> Iterator[Problem]:
    for _kind, doc in ctx.valid_docs():
        for path, block in ctx.blocks(doc.data):
            for key, value in block.items():
                if isinstance(value, str) and value.startswith(MARK):
                    yield ctx.at(doc, path + (key,), ID, f"à compléter : {value[len(MARK) :].lstrip(' :') or 'texte'}", AVERTISSEMENT)
