"""``new region``, ``new dispositif``, ``new campagne``: commented YAML files that validate as
written, so that an editor starts from a correct file rather than a copy of another region's.

What the tool cannot know is written « À compléter » (the ``a-completer`` warning lists it), and
nothing existing is ever overwritten.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from yaml.nodes import SequenceNode

from . import referentiel as ref
from .labels import enum_labels
from .outputs import write_atomic
from .problems import UsageError
from .suggestions import closest, did_you_mean
from .workspace import NATIONAL
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
        hint = did_you_mean(slug, _region_names())
        if hint:
            raise UsageError(
                f"« {slug} » n'est pas le nom d'une région. {hint} (Pour un autre nom de dossier, donnez le code de la région avec --code.)"
            )
        names = ", ".join(f"{slugify(n)} ({c})" for c, n in sorted(regions.items(), key=lambda kv: slugify(kv[1])))  # as listed
        raise UsageError(f"« {slug} » n'est pas le nom d'une région : donnez son code avec --code, ou l'un de : {names}")
    return matches[0]


def _region_names() -> list[str]:
    """The folder names of the regions of France (« bretagne », « ile-de-france »)."""
    return sorted(slugify(name) for name in ref.regions().values())


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
    for other in sorted(regions_dir.glob("*/region.yaml")):
        try:
            described = re.search(r'^code:\s*["\']?(\w+)', other.read_text(encoding="utf-8", errors="replace"), re.MULTILINE)
        except OSError:
            continue
        if described and described.group(1) == code:
            raise UsageError(
                f"la région {nom} (code {code}) est déjà décrite dans {other.parent} : rien n'est écrit ; pour une autre région, indiquez son code (--code)"
            )
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
    if (folder / "region.yaml").exists():
        return folder
    described = sorted(p.name for p in regions_dir.iterdir() if (p / "region.yaml").is_file()) if regions_dir.is_dir() else []
    hint = did_you_mean(region, described)
    if hint:
        raise UsageError(f"région inconnue : {region}. {hint}")
    if region in _region_names():
        raise UsageError(f"région inconnue : {region} (créez-la avec : postinternat new region {region})")
    official = closest(region, _region_names())
    if official is not None:
        raise UsageError(
            f"région inconnue : {region}, qui n'est pas le nom d'une région. Vouliez-vous dire « {official} » ? "
            f"(cette région n'est pas encore décrite : créez-la avec postinternat new region {official})"
        )
    listed = ", ".join(described) or "aucune"
    raise UsageError(f"région inconnue : {region}, qui n'est pas le nom d'une région (régions décrites : {listed})")


# The zone categories the national texts name (the frames' ``zones`` and ``zone`` conditions).
ZONE_LABELS = {
    "ZIP": "Zone d'intervention prioritaire",
    "ZAC": "Zone d'action complémentaire",
    "QPV": "Quartier prioritaire de la politique de la ville",
}


@dataclass
class NewDispositif:
    """What ``new dispositif`` wrote: the file, and the zone categories added to ``zonage.yaml``
    (or, when the file cannot be completed as text, exactly what to add there)."""

    path: Path
    zones_added: list[str] = field(default_factory=list)
    zonage: Path | None = None
    to_add: str | None = None
    required: list[str] = field(default_factory=list)  # zones the frame requires
    zonage_problem: str | None = None  # why zonage.yaml could not be completed (absent, in error)


def _frames(regions_dir: Path) -> dict[str, dict[str, Any]]:
    """The national frames (id → data) found in ``regions/_national/dispositifs/``."""
    frames: dict[str, dict[str, Any]] = {}
    for path in sorted((regions_dir / NATIONAL / "dispositifs").glob("*.yaml")):
        doc, _problems = load_file(path)
        if doc is not None and isinstance(doc.data, dict) and doc.data.get("cadre_national") is True:
            frames[str(doc.data.get("id", path.stem))] = doc.data
    return frames


def _zones_required(data: Any) -> list[str]:
    """The zone categories a frame requires, in the order it cites them."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            cited = (value.get("zones") or {}).get("categories") if isinstance(value.get("zones"), dict) else None
            if value.get("type") == "zone":
                cited = value.get("valeurs")
            for code in cited or []:
                if isinstance(code, str) and code not in found:
                    found.append(code)
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk({"lieux": data.get("lieux"), "eligibilite": data.get("eligibilite")})
    return found


def _category_block(codes: list[str], indent: int, source: str, cadre: str, ident: str, region: str) -> str:
    pad = " " * indent
    lines = []
    for code in codes:
        libelle = ZONE_LABELS.get(code, f"{TODO} : nom de la catégorie {code}")
        lines += [
            f"{pad}- code: {code}\n",
            f'{pad}  libelle: "{libelle}"\n',
            f"{pad}  source: {source}\n",
            f'{pad}  note: "{TODO} : catégorie exigée par le cadre national {cadre} (dispositif {ident}) ; citez le texte '
            f'qui fixe ces zones dans la région (source, extrait), puis importez ses communes (postinternat zonage import {region} FICHIER)"\n',
        ]
    return "".join(lines)


def _add_zone_categories(zonage_path: Path, codes: list[str], source: str, cadre: str, ident: str, region: str) -> str | None:
    """Append the categories to ``categories`` of zonage.yaml, every other line kept; None when done,
    else the block the editor must add by hand (a flow list, a file that does not load)."""
    doc, _problems = load_file(zonage_path)
    by_hand = "categories:\n" + _category_block(codes, 2, source, cadre, ident, region)
    if doc is None or not isinstance(doc.data, dict):
        return by_hand
    lines = doc.text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if "categories" not in doc.data:
        insert_at = next((i for i, line in enumerate(lines) if line.startswith("revue:")), len(lines))
        lines[insert_at:insert_at] = [by_hand]
    else:
        node = doc.node_at(["categories"])
        if not isinstance(node, SequenceNode) or node.flow_style or not node.value:
            return by_hand
        indent = node.value[0].start_mark.column - 2
        end = node.end_mark.line if node.end_mark.column == 0 else node.end_mark.line + 1
        while end > node.start_mark.line + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1  # comments after the list belong to what follows
        lines[end:end] = [_category_block(codes, max(indent, 0), source, cadre, ident, region)]
    mode = stat.S_IMODE(os.stat(zonage_path).st_mode)
    write_atomic(zonage_path, "".join(lines))
    os.chmod(zonage_path, mode)
    return None


def new_dispositif(
    regions_dir: Path, region: str, ident: str, famille: str | None, today: date | None = None, etend: str | None = None
) -> NewDispositif:
    folder = _region_folder(regions_dir, region)
    familles = enum_labels("famille")
    frames = _frames(regions_dir)
    frame = None
    if etend is not None:
        frame = frames.get(etend)
        if frame is None:
            listed = ", ".join(sorted(frames)) or "aucun (regions/_national/dispositifs/ est vide)"
            hint = did_you_mean(etend, frames)
            raise UsageError(f"cadre national inconnu : {etend}{'. ' + hint if hint else ''} (cadres : {listed})")
        if famille is not None and famille != frame.get("famille"):
            raise UsageError(f"la famille « {famille} » diffère de celle du cadre « {etend} » ({frame.get('famille')}) : omettez --famille")
        famille = str(frame.get("famille"))
    if famille is None:
        raise UsageError("indiquez la famille du dispositif (--famille) ou le cadre national qu'il étend (--etend)")
    if famille not in familles:
        hint = did_you_mean(famille, familles)
        raise UsageError(f"famille inconnue : {famille}{'. ' + hint if hint else ''} (familles : {', '.join(familles)})")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
        raise UsageError(f"« {ident} » : l'identifiant s'écrit en minuscules sans accent, avec des tirets (exemple : asr)")
    source = _region_source(folder)
    target = folder / "dispositifs" / f"{ident}.yaml"
    if target.exists():
        raise UsageError(f"{target} existe déjà : rien n'est écrit (supprimez-le ou choisissez un autre nom)")
    revue = (today or date.today()).isoformat()
    same_family = sorted(k for k, v in frames.items() if v.get("famille") == famille)
    if etend is not None:
        heading = (
            f"# Ce dispositif étend le cadre national {etend} (regions/_national/dispositifs/{etend}.yaml) : il en hérite\n"
            "# tout, et n'écrit que ce qui change (une valeur remplacée, « _supprimer: true » pour retirer un\n"
            "# élément du cadre, « _ajout: true » pour un élément propre à la région).\n"
            f"etend: {etend}\n"
        )
    else:
        example = same_family[0] if same_family else "mg-400-volet-1"
        heading = (
            "# Pour appliquer une mesure nationale et n'écrire que ce qui change, ajoutez le cadre qu'il étend\n"
            f"# (les cadres sont dans regions/_national/dispositifs/) : etend: {example}\n"
            f"# (ou créez le fichier avec : postinternat new dispositif {region} {ident} --etend {example}, qui\n"
            "# déclare aussi dans zonage.yaml les zones que le cadre exige)\n"
        )
    text = f'''# yaml-language-server: $schema=../../../schemas/dispositif.schema.json
# Un dispositif : chaque règle cite sa source (source) et la phrase du texte (extrait). Ce que le
# texte ne dit pas reste absent ; une ambiguïté s'écrit dans une note.
id: {ident}
nom: "{TODO} : nom du dispositif tel que l'ARS le publie"
{heading}famille: {famille}
statut: ouvert
revue: {revue}
sources: [{source}]
description:
  texte: "{TODO} : présentation du dispositif en une ou deux phrases"
  source: {source}
  extrait: "{TODO} : la phrase du texte"
{_inherited_template(str(etend), frame, source) if frame is not None else _own_template(source)}'''
    result = NewDispositif(_write_new(target, text))
    if frame is not None:
        zonage_path = folder / "zonage.yaml"
        declared: list[str] = []
        result.required = list(_zones_required(frame))
        if zonage_path.exists():
            doc, problems = load_file(zonage_path)
            if doc is None or not isinstance(doc.data, dict):
                # which zones it declares is unknown: nothing is proposed twice, the file is left as is
                first = problems[0].format() if problems else f"{zonage_path} ne se lit pas"
                result.zonage, result.zonage_problem = zonage_path, f"il contient une erreur ({first})"
                return result
            cats = doc.data.get("categories")
            declared = [str(c.get("code")) for c in cats or [] if isinstance(c, dict)]
        else:
            result.zonage_problem = "il n'existe pas"
        missing = [code for code in result.required if code not in declared]
        if missing:
            if zonage_path.exists():
                result.to_add = _add_zone_categories(zonage_path, missing, source, str(etend), ident, region)
            else:
                result.to_add = "categories:\n" + _category_block(missing, 2, source, str(etend), ident, region)
            result.zonage = zonage_path
            result.zones_added = [] if result.to_add else missing
    return result


def _own_template(source: str) -> str:
    """The commented rules of a dispositif written from scratch (no frame to inherit from)."""
    return f'''# duree:
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


def _inherited_template(etend: str, frame: dict[str, Any], source: str) -> str:
    """The commented rules of a dispositif that extends ``frame``: built from the frame's own lieux
    and fundings (each named by its key, to be completed with what the regional text changes),
    never a template of another dispositif that would clash with the inherited items."""
    lines: list[str] = []
    inherited = [word for key, word in _INHERITED if frame.get(key)]
    if inherited:
        lines.append(f"# Hérité du cadre {etend} : {', '.join(inherited)}.")
        lines.append("# N'écrivez que ce que le texte régional change : un lieu ou un financement du cadre se désigne")
        lines.append("# par sa clé (role, id), suivie des seuls champs modifiés.")
    for key, item_key in (("lieux", "role"), ("financement", "id")):
        items = [item for item in frame.get(key) or [] if isinstance(item, dict) and isinstance(item.get(item_key), str)]
        if not items:
            continue
        lines.append(f"# {key}:")
        for item in items:
            label = item.get("libelle") or item.get("fonds") or ""
            lines.append(f"#   - {item_key}: {item[item_key]}" + (f"  # {label}" if isinstance(label, str) and label else ""))
            if key == "financement" and isinstance(item.get("financeur"), str):  # restated by every funding written
                lines.append(f"#     financeur: {json.dumps(item['financeur'], ensure_ascii=False)}")
            lines.append(f"#     source: {source}")
            lines.append(f'#     extrait: "{TODO} : la phrase du texte régional qui précise ce point"')
    return "".join(line + "\n" for line in lines)


# The parts of a frame a regional dispositif inherits, as the scaffold names them.
_INHERITED = (
    ("duree", "durée"),
    ("specialites", "spécialités"),
    ("lieux", "lieux"),
    ("eligibilite", "conditions"),
    ("financement", "financement"),
)


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
