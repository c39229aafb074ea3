"""Les quotas par partie ne dépassent pas leur total, et leurs renvois existent.

Pour chaque dispositif d'une campagne : chaque part (subdivision, département) et leur somme ne
dépassent pas le total de postes quand les deux sont connus ; les subdivisions sont celles de
``region.yaml`` ; un quota national renvoie à une répartition et une catégorie du cadre national.
Un nombre inconnu s'écrit « inconnu » : il n'est jamais compté comme 0. Dans le cadre national, la
somme des postes attribués aux régions ne dépasse pas le total de la catégorie.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..context import Context, suggest
from ..problems import AVERTISSEMENT, Problem

ID = "quotas-parts"


def _known(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check(ctx: Context) -> Iterator[Problem]:
    region = ctx.doc("region")
    subdivisions = [s["id"] for s in region.data.get("subdivisions") or []] if region else []
    cadre = ctx.national_doc("cadre")
    notes = {n["id"]: n for n in cadre.data.get("quotas_nationaux") or []} if cadre else {}
    for _stem, doc in ctx.campagnes():
        for path, block in ctx.blocks(doc.data):
            if block.get("postes") == 0 and not isinstance(block.get("postes"), bool) and not block.get("note"):
                yield ctx.at(
                    doc,
                    path + ("postes",),
                    ID,
                    "0 poste : si le texte ne donne pas le nombre, écrivez « inconnu » ; s'il dit bien zéro, ajoutez une note qui le dit",
                    AVERTISSEMENT,
                )
        for i, quota in enumerate(doc.data.get("quotas") or []):
            total = quota.get("postes")
            for part_key, label in (("par_subdivision", "subdivision"), ("par_departement", "departement")):
                parts = quota.get(part_key) or []
                values = [p.get("postes") for p in parts]
                if _known(total):
                    single = False
                    for j, v in enumerate(values):
                        if _known(v) and v > total:
                            single = True
                            yield ctx.at(
                                doc,
                                ("quotas", i, part_key, j, "postes"),
                                ID,
                                f"{v} postes pour « {parts[j].get(label)} », plus que le total du dispositif ({total})",
                            )
                    known_values = [v for v in values if _known(v)]
                    if not single and sum(known_values) > total:
                        yield ctx.at(
                            doc,
                            ("quotas", i, part_key),
                            ID,
                            f"les parts ({' + '.join(map(str, known_values))} = {sum(known_values)} postes) dépassent le total du dispositif ({total})",
                        )
                if part_key == "par_subdivision" and region:
                    for j, part in enumerate(parts):
                        if part.get("subdivision") not in subdivisions:
                            yield ctx.at(
                                doc,
                                ("quotas", i, part_key, j, "subdivision"),
                                ID,
                                f"la subdivision « {part.get('subdivision')} » n'est pas déclarée dans region.yaml.{suggest(str(part.get('subdivision')), subdivisions)}",
                            )
            ref = quota.get("quota_national")
            if ref:
                note = notes.get(ref["repartition"])
                if note is None:
                    yield ctx.at(
                        doc,
                        ("quotas", i, "quota_national", "repartition"),
                        ID,
                        f"la répartition nationale « {ref['repartition']} » n'existe pas dans regions/_national/cadre.yaml.{suggest(ref['repartition'], sorted(notes))}",
                    )
                elif ref["categorie"] not in [c["id"] for c in note.get("categories") or []]:
                    yield ctx.at(
                        doc,
                        ("quotas", i, "quota_national", "categorie"),
                        ID,
                        f"la catégorie « {ref['categorie']} » n'existe pas dans la répartition « {ref['repartition']} »",
                    )
    own_cadre = ctx.doc("cadre")
    if own_cadre:
        for i, note in enumerate(own_cadre.data.get("quotas_nationaux") or []):
            totals = {c["id"]: c.get("postes") for c in note.get("categories") or []}
            sums: dict[str, int] = {}
            for j, part in enumerate(note.get("par_region") or []):
                category = part.get("categorie")
                if category not in totals:
                    yield ctx.at(
                        own_cadre,
                        ("quotas_nationaux", i, "par_region", j, "categorie"),
                        ID,
                        f"la catégorie « {category} » n'est pas déclarée dans categories.{suggest(str(category), sorted(totals))}",
                    )
                    continue
                if _known(part.get("postes")):
                    sums[category] = sums.get(category, 0) + part["postes"]
            for category, total in sorted(sums.items()):
                if _known(totals[category]) and total > totals[category]:
                    yield ctx.at(
                        own_cadre,
                        ("quotas_nationaux", i, "par_region"),
                        ID,
                        f"les régions reçoivent {total} postes de la catégorie « {category} », plus que son total ({totals[category]})",
                    )
