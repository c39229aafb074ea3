"""Les identifiants sont uniques et les renvois internes existent.

Le nom d'un fichier de dispositif ou de campagne est son ``id`` ; les identifiants des sources,
subdivisions, catégories de zones, lieux (rôles), priorités et quotas ne sont pas écrits deux fois ;
une campagne n'ouvre que des dispositifs qui existent dans la région ; les champs ``lieu`` (statuts,
priorités, conditions) nomment un rôle de ``lieux`` ; deux dossiers de région n'ont pas le même code
de région (un dossier copié puis renommé : l'erreur est sur le second, dans l'ordre alphabétique).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..context import Context, suggest
from ..problems import Problem
from ..yamlload import Document

ID = "identifiants"


def _duplicates(ctx: Context, doc: Any, items: Any, key: str, path: tuple[Any, ...], what: str) -> Iterator[Problem]:
    seen: dict[Any, int] = {}
    for i, item in enumerate(items or []):
        if not isinstance(item, dict) or key not in item:
            continue
        value = item[key]
        if value in seen:
            first_line = doc.locate(path + (seen[value], key))[0]
            yield ctx.at(doc, path + (i, key), ID, f"{what} « {value} » apparaît deux fois (déjà ligne {first_line})")
        else:
            seen[value] = i


def check(ctx: Context) -> Iterator[Problem]:
    tree = ctx.tree
    for stem, doc in list(tree.dispositifs.items()) + list(tree.campagnes.items()):
        if ctx.valid(doc) and doc.data.get("id") != stem:
            yield ctx.at(
                doc,
                ("id",),
                ID,
                f"l'identifiant « {doc.data.get('id')} » ne correspond pas au nom du fichier « {stem}.yaml » : renommez l'un ou l'autre",
            )
    sources = ctx.doc("sources")
    if sources:
        yield from _duplicates(ctx, sources, sources.data.get("sources"), "id", ("sources",), "la source")
    region = ctx.doc("region")
    if region:
        yield from _duplicates(ctx, region, region.data.get("subdivisions"), "id", ("subdivisions",), "la subdivision")
    zonage = ctx.doc("zonage")
    if zonage:
        yield from _duplicates(ctx, zonage, zonage.data.get("categories"), "code", ("categories",), "la catégorie")
    for _stem, doc in tree.dispositifs.items():
        if not ctx.valid(doc):
            continue
        yield from _duplicates(ctx, doc, doc.data.get("lieux"), "role", ("lieux",), "le lieu")
        yield from _duplicates(ctx, doc, doc.data.get("priorites"), "id", ("priorites",), "la priorité")
    for _stem, eff in ctx.effective.items():
        roles = [lieu["role"] for lieu in eff.data.get("lieux") or [] if isinstance(lieu, dict) and isinstance(lieu.get("role"), str)]
        for path, value in ctx.blocks(eff.data):
            if isinstance(value.get("lieu"), str) and path[:1] != ("lieux",):
                if value["lieu"] not in roles:
                    hint = suggest(value["lieu"], roles) or (
                        f" Lieux déclarés : {', '.join(roles)}." if roles else " Le dispositif ne déclare aucun lieu."
                    )
                    yield ctx.at_effective(eff, path + ("lieu",), ID, f"le lieu « {value['lieu']} » n'existe pas dans lieux.{hint}")
    known = tree.stems("dispositif")
    for _stem, doc in ctx.campagnes():
        yield from _duplicates(ctx, doc, doc.data.get("dispositifs"), "id", ("dispositifs",), "le dispositif")
        yield from _duplicates(ctx, doc, doc.data.get("quotas"), "dispositif", ("quotas",), "le quota du dispositif")
        for i, quota in enumerate(doc.data.get("quotas") or []):
            yield from _duplicates(
                ctx, doc, quota.get("par_subdivision"), "subdivision", ("quotas", i, "par_subdivision"), "la subdivision"
            )
            yield from _duplicates(
                ctx, doc, quota.get("par_departement"), "departement", ("quotas", i, "par_departement"), "le département"
            )
        opened = [d.get("id") for d in doc.data.get("dispositifs") or []]
        refs: list[tuple[tuple[Any, ...], Any, list[str]]] = []
        for i, item in enumerate(doc.data.get("dispositifs") or []):
            refs.append((("dispositifs", i, "id"), item.get("id"), known))
        for i, item in enumerate(doc.data.get("quotas") or []):
            refs.append((("quotas", i, "dispositif"), item.get("dispositif"), opened))
        for i, rule in enumerate(doc.data.get("regles") or []):
            for j, ident in enumerate(rule.get("dispositifs") or []):
                refs.append((("regles", i, "dispositifs", j), ident, opened))
        for j, ident in enumerate((doc.data.get("candidature") or {}).get("dispositifs") or []):
            refs.append((("candidature", "dispositifs", j), ident, opened))
        broken_list = any(ident not in known for ident in opened)
        unseen = tree.folder / "dispositifs" in tree.unreadable  # reported: its files cannot be listed
        for path, ident, options in refs:
            if ident in options or (unseen and options is known):
                continue
            if options is known or ident not in known:
                yield ctx.at(
                    doc, path, ID, f"le dispositif « {ident} » n'existe pas dans dispositifs/ de la région.{suggest(str(ident), known)}"
                )
            elif not broken_list:  # otherwise the wrong id in the list above is the cause
                yield ctx.at(
                    doc, path, ID, f"le dispositif « {ident} » n'est pas ouvert dans cette campagne : ajoutez-le à la liste dispositifs"
                )


def check_regions(regions: Iterable[tuple[Path, Document | None, bool]]) -> Iterator[Problem]:
    """Across the region folders of one regions/ folder, in alphabetical order, (folder, its
    region.yaml if readable, whether it is checked in this run): each region code is used once."""
    from ..workspace import display_path

    first: dict[str, Path] = {}
    for folder, doc, checked in regions:
        if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("code"), str):
            continue
        code = doc.data["code"]
        if code not in first:
            first[code] = folder
        elif checked:
            line, column = doc.locate(["code"])
            other = display_path(first[code] / "region.yaml")
            yield Problem(
                doc.path,
                line,
                column,
                ID,
                f"le code de région « {code} » est déjà celui de {other} : deux dossiers décrivent la même région (un dossier copié ?) ; corrigez le code ou supprimez l'un des dossiers",
            )
