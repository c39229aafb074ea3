"""``new region``, ``new dispositif``, ``new campagne``: commented YAML files that validate as
written, so that an editor starts from a correct file rather than a copy of another region's.

What the tool cannot know is written « À compléter » (the ``a-completer`` warning lists it), and
nothing existing is ever overwritten.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from . import referentiel as ref
from .labels import enum_labels
from .outputs import write_atomic
from .problems import UsageError
from .yamlload import load_file

TODO = "À compléter"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def _region_code(slug: str, code: str | None) -> str:
    regions = ref.regions()
    if code is not None:
        if code not in regions:
            raise UsageError(f"code de région inconnu : {code} (codes : {', '.join(sorted(regions))})")
        return code
    matches = [c for c, nom in regions.items() if slugify(nom) == slug]
    if not matches:
        names = ", ".join(f"{slugify(n)} ({c})" for c, n in sorted(regions.items(), key=lambda kv: kv[1]))
        raise UsageError(f"« {slug} » n'est pas le nom d'une région : donnez son code avec --code, ou l'un de : {names}")
    return matches[0]


def _write_new(path: Path, text: str) -> Path:
    if path.exists():
        raise UsageError(f"{path} existe déjà : rien n'est écrit (supprimez-le ou choisissez un autre nom)")
    write_atomic(path, text)
    return path


def new_region(regions_dir: Path, slug: str, code: str | None = None, today: date | None = None) -> list[Path]:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise UsageError(f"« {slug} » : le nom du dossier s'écrit en minuscules sans accent, avec des tirets (exemple : bretagne)")
    if not regions_dir.is_dir():
        raise UsageError(
            f"dossier {regions_dir} introuvable ici : placez-vous à la racine du dépôt (le dossier qui contient regions/), ou indiquez-le avec --regions"
        )
    folder = regions_dir / slug
    if folder.exists():
        raise UsageError(f"{folder} existe déjà : rien n'est écrit")
    code = _region_code(slug, code)
    nom = ref.regions()[code]
    deps = sorted(d for d, (_n, r) in ref.departements().items() if r == code)
    revue = (today or date.today()).isoformat()
    source = f"ars-{slug}-post-internat"
    files = {
        "region.yaml": f'''# yaml-language-server: $schema=../../schemas/region.schema.json
# La région : son code INSEE, son ARS, ses départements (vérifiés contre le Code officiel
# géographique) et, si les textes les nomment, ses subdivisions d'internat.
code: "{code}"
nom: {nom}
ars:
  nom: ARS {nom}
  # url: https://...
departements: [{", ".join(f'"{d}"' for d in deps)}]
# subdivisions:
#   - id: nom-de-la-subdivision
#     nom: Nom de la subdivision
#     source: {source}
#     extrait: "{TODO} : la phrase du texte qui nomme la subdivision"
revue: {revue}
''',
        "sources.yaml": f'''# yaml-language-server: $schema=../../schemas/sources.schema.json
# Les textes publics dont viennent les règles : chaque règle y renvoie par l'identifiant (id).
sources:
  - id: {source}
    titre: "{TODO} : titre exact de la page ou du courrier de l'ARS"
    emetteur: ARS {nom}
    type: page
    # url: https://...
    # date: 2026-01-31
    revue: {revue}
''',
        "zonage.yaml": f'''# yaml-language-server: $schema=../../schemas/zonage.schema.json
# Le zonage médecins de la région (CSP L1434-4, 1°) : les catégories que les dispositifs peuvent
# exiger. La liste des communes s'importe du fichier officiel : postinternat zonage import {slug} FICHIER
categories:
  - code: ZIP
    libelle: Zone d'intervention prioritaire
    source: {source}
    note: "{TODO} : citer l'arrêté de zonage de l'ARS (extrait)"
  - code: ZAC
    libelle: Zone d'action complémentaire
    source: {source}
    note: "{TODO} : citer l'arrêté de zonage de l'ARS (extrait)"
# L'arrêté de zonage (zonage lookup le cite) : déclarez-le dans sources.yaml, puis décommentez.
# arrete:
#   date: 2025-06-30
#   source: {source}
#   extrait: "{TODO} : phrase de l'arrêté qui fixe le zonage"
revue: {revue}
''',
    }
    written = []
    (folder / "dispositifs").mkdir(parents=True)
    (folder / "campagnes").mkdir(parents=True)
    for name, text in files.items():
        written.append(_write_new(folder / name, text))
    return written


def _region_source(folder: Path) -> str:
    doc, problems = load_file(folder / "sources.yaml")
    sources = doc.data.get("sources") if doc is not None and isinstance(doc.data, dict) else None
    first = sources[0] if isinstance(sources, list) and sources else None
    if not isinstance(first, dict) or not isinstance(first.get("id"), str):
        raise UsageError(
            f"{folder / 'sources.yaml'} est illisible, vide ou sa première source n'a pas d'id : corrigez-le d'abord (postinternat validate {folder})"
        )
    return str(first["id"])


def _region_folder(regions_dir: Path, region: str) -> Path:
    folder = regions_dir / region
    if not (folder / "region.yaml").exists():
        raise UsageError(f"région inconnue : {region} (créez-la avec : postinternat new region {region})")
    return folder


def new_dispositif(regions_dir: Path, region: str, ident: str, famille: str, today: date | None = None) -> Path:
    familles = enum_labels("famille")
    if famille not in familles:
        raise UsageError(f"famille inconnue : {famille} (familles : {', '.join(familles)})")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
        raise UsageError(f"« {ident} » : l'identifiant s'écrit en minuscules sans accent, avec des tirets (exemple : asr)")
    folder = _region_folder(regions_dir, region)
    source = _region_source(folder)
    revue = (today or date.today()).isoformat()
    text = f'''# yaml-language-server: $schema=../../../schemas/dispositif.schema.json
# Un dispositif : chaque règle cite sa source (source) et la phrase du texte (extrait). Ce que le
# texte ne dit pas reste absent ; une ambiguïté s'écrit dans une note.
id: {ident}
nom: "{TODO} : nom du dispositif tel que l'ARS le publie"
# Pour appliquer une mesure nationale et n'écrire que ce qui change, ajoutez le cadre qu'il étend
# (les cadres sont dans regions/_national/dispositifs/) : etend: mg-400-volet-1
famille: {famille}
statut: ouvert
revue: {revue}
sources: [{source}]
description:
  texte: "{TODO} : présentation du dispositif en une ou deux phrases"
  source: {source}
  extrait: "{TODO} : la phrase du texte"
# duree:
#   mois: 24
#   source: {source}
#   extrait: "{TODO} : la phrase du texte sur la durée"
# specialites: {{mode: toutes, source: {source}, extrait: "{TODO} : la phrase du texte"}}
# lieux:
#   - role: peripherique
#     libelle: Établissement de santé périphérique
#     types: [ch]
#     source: {source}
#     extrait: "{TODO} : la phrase du texte"
#     quotite: {{min: 60, source: {source}, extrait: "{TODO} : la phrase sur la quotité"}}
# a_verifier:
#   - texte: "{TODO} : ce que l'ARS vérifie elle-même (la machine ne le peut pas)"
#     source: {source}
#     extrait: "{TODO} : la phrase du texte"
# financement:
#   - id: ars
#     financeur: ARS
#     part: 60
#     source: {source}
#     extrait: "{TODO} : la phrase du texte"
'''
    return _write_new(folder / "dispositifs" / f"{ident}.yaml", text)


def new_campagne(regions_dir: Path, region: str, year: str, today: date | None = None) -> Path:
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{4})?", year):
        raise UsageError(f"« {year} » : une campagne est une année (2026) ou une période (2026-2028)")
    if len(year) == 9 and year[5:] <= year[:4]:
        raise UsageError(f"« {year} » : la période doit finir après son début (exemple : 2026-2028)")
    folder = _region_folder(regions_dir, region)
    source = _region_source(folder)
    dispositifs = sorted(p.stem for p in (folder / "dispositifs").glob("*.yaml"))
    if not dispositifs:
        raise UsageError(
            f"la région {region} n'a aucun dispositif : créez-en un d'abord (postinternat new dispositif {region} ID --famille F)"
        )
    revue = (today or date.today()).isoformat()
    listed = "\n".join(f'  - {{id: {d}, source: {source}, extrait: "{TODO} : la phrase qui ouvre ce dispositif"}}' for d in dispositifs)
    text = f'''# yaml-language-server: $schema=../../../schemas/campagne.schema.json
# Une campagne : les dispositifs ouverts, le calendrier (dates telles que le texte les donne :
# « fin mars 2026 » s'écrit {{mois: "2026-03", precision: fin}}) et les postes (« inconnu », jamais 0).
# Retirez de la liste les dispositifs que cette campagne n'ouvre pas.
id: "{year}"
dispositifs:
{listed}
# Pour remplir le calendrier : remplacez « calendrier: {{}} » par « calendrier: » (sans les accolades)
# et retirez le « # » des lignes qui suivent.
calendrier: {{}}
#   date_limite: {{date: {year[:4]}-02-14, incluse: true, source: {source}, extrait: "{TODO} : la phrase du texte"}}
#   commission: {{mois: "{year[:4]}-03", precision: fin, source: {source}, extrait: "{TODO} : la phrase du texte"}}
#   prises_de_poste:
#     - {{mois: "{year[:4]}-11", source: {source}, extrait: "{TODO} : la phrase du texte"}}
# quotas:
#   - {{dispositif: {dispositifs[0]}, postes: inconnu, source: {source}, extrait: "{TODO} : la phrase du texte"}}
sources: [{source}]
revue: {revue}
'''
    return _write_new(folder / "campagnes" / f"{year}.yaml", text)
