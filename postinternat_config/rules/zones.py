"""Les catégories de zones citées existent dans le zonage de la région.

Les ``zones.categories`` des lieux d'exercice (après héritage), les conditions d'éligibilité de type
``zone`` et les catégories de la liste des
communes du zonage sont des codes déclarés dans ``zonage.yaml`` (``categories``). Une exigence de zone
sans fichier de zonage est signalée. Une zone qu'exige le cadre national étendu est signalée sur la
ligne ``etend`` du dispositif de la région, avec ce qu'il faut écrire dans le ``zonage.yaml`` de la
région (le cadre national ne se modifie pas pour une région).
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
        reported: set[str] = set()
        for where, code in cited:
            origin, _real = eff.source_of(tuple(where))
            if origin is not eff.doc:
                # Inherited from a national frame: reported on the region's own file (its « etend »
                # line), with what to write in the region's zonage.yaml; the frame is not to be edited.
                if (zonage is None or code not in codes) and code not in reported:
                    reported.add(code)
                    cadre = eff.doc.data.get("etend")
                    target = zonage.path if zonage is not None else "zonage.yaml de la région"
                    yield ctx.at(
                        eff.doc,
                        ("etend",),
                        ID,
                        f"le cadre national « {cadre} » exige la zone « {code} », que la région ne déclare pas : ajoutez-la à "
                        f"categories dans {target} (« - code: {code} », son libellé, sa source), puis ses communes "
                        "(postinternat zonage import) ; ou, si le texte régional en exige d'autres, redéfinissez dans ce dispositif "
                        "les zones du lieu (lieux › role › zones › categories, avec la source et l'extrait de ce texte).",
                    )
                continue
            if zonage is None:
                yield ctx.at_effective(eff, where, ID, f"la zone « {code} » est exigée mais la région n'a pas de zonage.yaml.")
            elif code not in codes:
                hint = suggest(code, codes) or f" Catégories du zonage : {', '.join(codes)}."
                yield ctx.at_effective(eff, where, ID, f"la zone « {code} » n'existe pas dans le zonage de la région.{hint}")
