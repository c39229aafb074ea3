"""Chaque règle et chaque chiffre cite une source déclarée.

Toute valeur ``source`` et toute liste ``sources`` renvoient à une source déclarée dans le
``sources.yaml`` de la région ou du cadre national (les sources nationales valent pour toutes les
régions). Une source déclarée mais jamais citée est signalée en avertissement (seulement quand tous
les fichiers de la région sont lisibles et valides : un fichier en erreur peut la citer).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context, suggest
from ..problems import AVERTISSEMENT, Problem

ID = "source-declaree"


def check(ctx: Context) -> Iterator[Problem]:
    own_doc = ctx.tree.doc("sources")
    if ctx.tree.broken("sources") or own_doc is None:
        return  # its own problems are reported; checking citations against it would mislead
    if ctx.national is not None and ctx.national is not ctx.tree and ctx.national.broken("sources"):
        return  # same for the national sources, which every region may cite
    own = {s["id"]: i for i, s in enumerate(own_doc.data.get("sources", []))} if own_doc else {}
    national_doc = ctx.national_doc("sources")
    national = {s["id"] for s in national_doc.data.get("sources", [])} if national_doc else set()
    known = sorted(set(own) | national)
    used: set[str] = set()
    for kind, doc in ctx.valid_docs():
        if kind == "sources":
            continue
        for path, block in ctx.blocks(doc.data):
            refs: list[tuple[tuple[object, ...], object]] = []
            if isinstance(block.get("source"), str):
                refs.append((path + ("source",), block["source"]))
            if isinstance(block.get("sources"), list):
                refs.extend((path + ("sources", i), v) for i, v in enumerate(block["sources"]))
            for where, ident in refs:
                if not isinstance(ident, str):
                    continue
                used.add(ident)
                if ident not in own and ident not in national:
                    hint = suggest(ident, known) or " Déclarez-la dans sources.yaml."
                    yield ctx.at(doc, where, ID, f"la source « {ident} » n'est pas déclarée.{hint}")
    complete = not ctx.tree.unreadable and all(ctx.valid(doc) for _kind, doc in ctx.tree.all_docs())
    if complete:  # a file that failed may cite a source: never call it unused then
        for ident, index in own.items():
            if ident not in used:
                yield ctx.at(
                    own_doc,
                    ("sources", index, "id"),
                    "source-inutilisee",
                    f"la source « {ident} » n'est citée par aucune règle",
                    AVERTISSEMENT,
                )
