"""Les catégories de zones citées existent dans le zonage de la région.

Les ``zones.categories`` des lieux d'exercice (après héritage), les conditions d'éligibilité de type
``zone`` et les catégories de la liste des
communes du zonage sont des codes déclarés dans ``zonage.yaml`` (``categories``). Une exigence de zone
sans fichier de zonage est signalée.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context, suggest
from ..problems import Problem

ID = "zone-existante"


def check(ctx: Context) -> Iterator[Problem]:
    if ctx.tree.national:
        return
    if ctx.tree.broken("zonage"):
        return
    zonage = ctx.doc("zonage")
    codes = [c["code"] for c in zonage.data.get("categories", [])] if zonage else []
    if zonage:
        for code in zonage.data.get("communes") or {}:
            if code not in codes:
                yield ctx.at(
                    zonage,
                    ("communes", code),
                    ID,
                    f"la catégorie « {code} » n'est pas déclarée dans categories.{suggest(code, codes)}",
                    key=True,
                )
    for _stem, eff in ctx.effective.items():
        cited: list[tuple[tuple[object, ...], str]] = []
        for i, lieu in enumerate(eff.data.get("lieux") or []):
            for j, code in enumerate((lieu.get("zones") or {}).get("categories") or []):
                cited.append((("lieux", i, "zones", "categories", j), code))
        for path, block in ctx.blocks(eff.data.get("eligibilite") or []):
            if block.get("type") == "zone":
                for j, code in enumerate(block.get("valeurs") or []):
                    cited.append((("eligibilite",) + path + ("valeurs", j), code))
        for where, code in cited:
            origin, _real = eff.source_of(tuple(where))
            inherited = (
                ""
                if origin is eff.doc
                else (
                    f" Elle vient du cadre dont hérite {eff.doc.path} : déclarez la catégorie « {code} » dans le zonage.yaml de la région "
                    "(categories, avec sa source), ou retirez l'exigence avec « _supprimer » dans le dispositif."
                )
            )
            if zonage is None:
                yield ctx.at_effective(eff, where, ID, f"la zone « {code} » est exigée mais la région n'a pas de zonage.yaml.{inherited}")
            elif code not in codes:
                hint = suggest(code, codes) or f" Catégories du zonage : {', '.join(codes)}."
                yield ctx.at_effective(eff, where, ID, f"la zone « {code} » n'existe pas dans le zonage de la région.{hint}{inherited}")
