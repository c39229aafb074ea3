"""Les codes existent dans les référentiels livrés avec l'outil.

Types de structure, statuts d'exercice et spécialités (liste officielle des DES) ; code de la région
et départements (Code officiel géographique), chaque département appartenant à la région ; codes de
département des priorités et des quotas ; communes du zonage (existantes et situées dans la région).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import referentiel as ref
from ..context import Context, suggest
from ..problems import Problem

ID = "referentiel"


def _unknown(
    ctx: Context, eff_or_doc: Any, path: tuple[Any, ...], value: str, table: dict[str, Any], what: str, effective: bool
) -> Problem:
    message = f"{what} « {value} » n'existe pas dans le référentiel.{suggest(value, sorted(table))}"
    if effective:
        return ctx.at_effective(eff_or_doc, path, ID, message)
    return ctx.at(eff_or_doc, path, ID, message)


def _dispositif(ctx: Context, data: dict[str, Any], target: Any, effective: bool, region_code: str | None) -> Iterator[Problem]:
    types, statuts, des, deps = ref.types_structure(), ref.statuts(), ref.des(), ref.departements()
    for i, lieu in enumerate(data.get("lieux") or []):
        for j, code in enumerate(lieu.get("types") or []):
            if code not in types:
                yield _unknown(ctx, target, ("lieux", i, "types", j), code, types, "le type de structure", effective)
    for i, statut in enumerate(data.get("statuts") or []):
        if statut.get("code") not in statuts:
            yield _unknown(ctx, target, ("statuts", i, "code"), str(statut.get("code")), statuts, "le statut", effective)
    for path, value in ctx.blocks(data):
        for j, code in enumerate(value.get("des") or [] if isinstance(value.get("des"), list) else []):
            if code not in des:
                yield _unknown(ctx, target, path + ("des", j), code, des, "la spécialité (DES)", effective)
        kind = value.get("type")
        for j, code in enumerate(value.get("valeurs") or [] if isinstance(value.get("valeurs"), list) else []):
            if kind == "departement_structure":
                if code not in deps:
                    yield _unknown(ctx, target, path + ("valeurs", j), str(code), deps, "le département", effective)
                elif region_code and deps[code][1] != region_code:
                    message = f"le département « {code} » ({deps[code][0]}) n'est pas dans la région"
                    yield (
                        ctx.at_effective(target, path + ("valeurs", j), ID, message)
                        if effective
                        else ctx.at(target, path + ("valeurs", j), ID, message)
                    )
            elif kind == "type_structure" and code not in types:
                yield _unknown(ctx, target, path + ("valeurs", j), str(code), types, "le type de structure", effective)


def check(ctx: Context) -> Iterator[Problem]:
    region_code: str | None = None
    region = ctx.doc("region")
    deps = ref.departements()
    regions = ref.regions()
    if region:
        code = region.data["code"]
        if code not in regions:
            yield ctx.at(
                region,
                ("code",),
                ID,
                f"la région « {code} » n'existe pas dans le Code officiel géographique.{suggest(code, sorted(regions))}",
            )
        else:
            region_code = code
            if region.data["nom"] != regions[code]:
                yield ctx.at(
                    region, ("nom",), ID, f"le code « {code} » est celui de la région « {regions[code]} », pas « {region.data['nom']} »"
                )
        for i, dep in enumerate(region.data.get("departements") or []):
            if dep not in deps:
                yield ctx.at(region, ("departements", i), ID, f"le département « {dep} » n'existe pas dans le Code officiel géographique")
            elif region_code and deps[dep][1] != region_code:
                yield ctx.at(
                    region,
                    ("departements", i),
                    ID,
                    f"le département « {dep} » ({deps[dep][0]}) appartient à la région {ref.regions().get(deps[dep][1], deps[dep][1])} ({deps[dep][1]}), pas à {ref.regions().get(str(region_code), str(region_code))} ({region_code})",
                )
        if region_code:
            missing = sorted(d for d, (_n, r) in deps.items() if r == region_code and d not in (region.data.get("departements") or []))
            if missing:
                yield ctx.at(region, ("departements",), ID, f"départements de la région absents de la liste : {', '.join(missing)}")
    for _stem, eff in ctx.effective.items():
        yield from _dispositif(ctx, eff.data, eff, True, region_code)
    if ctx.tree.national:
        for _stem, doc in ctx.tree.dispositifs.items():
            if ctx.valid(doc):
                yield from _dispositif(ctx, doc.data, doc, False, None)
    for _stem, doc in ctx.campagnes():
        for i, quota in enumerate(doc.data.get("quotas") or []):
            for j, part in enumerate(quota.get("par_departement") or []):
                dep = part.get("departement")
                if dep not in deps or (region_code and deps[dep][1] != region_code):
                    yield ctx.at(
                        doc,
                        ("quotas", i, "par_departement", j, "departement"),
                        ID,
                        f"le département « {dep} » n'est pas un département de la région",
                    )
    cadre = ctx.doc("cadre")
    if cadre:
        for i, note in enumerate(cadre.data.get("quotas_nationaux") or []):
            for j, part in enumerate(note.get("par_region") or []):
                if part.get("region") not in regions:
                    yield ctx.at(
                        cadre,
                        ("quotas_nationaux", i, "par_region", j, "region"),
                        ID,
                        f"la région « {part.get('region')} » n'existe pas dans le Code officiel géographique",
                    )
    zonage = ctx.doc("zonage")
    if zonage and zonage.data.get("communes"):
        communes = ref.communes()
        for category, codes in zonage.data["communes"].items():
            # fast path: one pass to find the rows at fault, then a message for each
            allowed = ref.communes_of_region(region_code) if region_code else communes
            suspects = [j for j, code in enumerate(codes) if code not in allowed]
            for j in suspects:
                code = codes[j]
                commune = communes.get(code)
                if commune is None:
                    yield ctx.at(
                        zonage, ("communes", category, j), ID, f"la commune « {code} » n'existe pas dans le Code officiel géographique"
                    )
                else:
                    yield ctx.at(zonage, ("communes", category, j), ID, f"la commune « {code} » ({commune.nom}) n'est pas dans la région")
            if len(set(codes)) != len(codes):
                seen: set[str] = set()
                for j, code in enumerate(codes):
                    if code in seen:
                        yield ctx.at(
                            zonage,
                            ("communes", category, j),
                            ID,
                            f"la commune « {code} » est écrite deux fois dans la catégorie {category}",
                        )
                    seen.add(code)
