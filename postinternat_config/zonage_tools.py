"""``zonage import`` and ``zonage lookup``: the official zoning file of an ARS into zonage.yaml,
and which category a commune is in.

Import reads a CSV (``,`` or ``;``) or an XLSX file (with openpyxl) holding, for each commune, its
INSEE code, its name and its category. Every row is checked against the Code officiel géographique:
unknown codes, communes of another region and duplicates are reported with their row number, and
then nothing is written. Otherwise the ``communes`` block of zonage.yaml is replaced (the rest of
the file, comments included, is kept) and the file is written atomically.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import referentiel as ref
from .dates import describe
from .outputs import read_text, write_atomic
from .problems import AVERTISSEMENT, ERREUR, Problem, UsageError
from .yamlload import load_file

CODE_HEADERS = ("code_insee", "insee", "code", "codgeo", "code_commune", "depcom", "cog")
NAME_HEADERS = ("commune", "nom", "nom_commune", "libelle", "libgeo", "libelle_commune")
CATEGORY_HEADERS = ("categorie", "zonage", "zone", "classement", "type_zone")


def _key(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in ascii_text).split())


def _parts(name: str) -> list[str]:
    """The name and each of its ends after a space or hyphen (« Plouguer » finds Carhaix-Plouguer)."""
    words = _key(name).split()
    return [" ".join(words[i:]) for i in range(len(words))]


@dataclass
class ImportResult:
    region: str
    communes: dict[str, list[str]] = field(default_factory=dict)  # category → codes
    problems: list[Problem] = field(default_factory=list)
    written: Path | None = None

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == ERREUR)


def _rows(path: Path, shown: str) -> tuple[list[list[str]], list[Problem]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl
        except ImportError as exc:
            raise UsageError("lire un fichier XLSX demande openpyxl : pip install 'postinternat-config[xlsx]', ou enregistrez le fichier en CSV") from exc
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook
            return [], [Problem(shown, 1, 1, "zonage-fichier", f"classeur XLSX illisible : {exc}")]
        sheet = book.worksheets[0]
        rows = [["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
        return rows, []
    text, problems = read_text(path, shown)
    if text is None:
        return [], [Problem(p.file, p.line, p.column, "zonage-encodage", p.message) for p in problems]
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)], []


def _column(header: list[str], wanted: str | None, names: tuple[str, ...], what: str) -> int:
    keys = [_key(h).replace(" ", "_") for h in header]
    if wanted is not None:
        key = _key(wanted).replace(" ", "_")
        if key not in keys:
            raise UsageError(f"colonne « {wanted} » absente (colonnes : {', '.join(header)})")
        return keys.index(key)
    for name in names:
        if name in keys:
            return keys.index(name)
    raise UsageError(f"colonne {what} introuvable (colonnes : {', '.join(header)}) : indiquez-la avec --colonne-{what.split()[0]}")


def _category_lookup(categories: list[dict[str, Any]]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for c in categories:
        code = c["code"]
        for variant in (code, code.replace("_PLUS", "+"), code.replace("_", " "), c.get("libelle", "")):
            if variant:
                lookup[_key(variant)] = code
    return lookup


def import_zonage(regions_dir: Path, region: str, path: Path, code_col: str | None = None, name_col: str | None = None, category_col: str | None = None, write: bool = True) -> ImportResult:
    folder = regions_dir / region
    zonage_path = folder / "zonage.yaml"
    if not (folder / "region.yaml").exists():
        raise UsageError(f"région inconnue : {region}")
    if not zonage_path.exists():
        raise UsageError(f"{zonage_path} absent : déclarez d'abord les catégories de zones (postinternat new region crée ce fichier)")
    region_doc, problems = load_file(folder / "region.yaml")
    zonage_doc, zonage_problems = load_file(zonage_path)
    if region_doc is None or zonage_doc is None or problems or zonage_problems or not isinstance(zonage_doc.data, dict):
        raise UsageError(f"{folder} contient des erreurs : corrigez-les d'abord (postinternat validate {folder})")
    region_code = str(region_doc.data.get("code"))
    lookup = _category_lookup(zonage_doc.data.get("categories") or [])
    shown = str(path)
    rows, read_problems = _rows(path, shown)
    result = ImportResult(region, problems=read_problems)
    if not rows:
        if not read_problems:
            result.problems.append(Problem(shown, 1, 1, "zonage-fichier", "le fichier est vide"))
        return result
    header = rows[0]
    code_i = _column(header, code_col, CODE_HEADERS, "code INSEE")
    cat_i = _column(header, category_col, CATEGORY_HEADERS, "categorie")
    try:
        name_i: int | None = _column(header, name_col, NAME_HEADERS, "nom")
    except UsageError:
        if name_col is not None:
            raise
        name_i = None
    communes = ref.communes()
    seen: dict[str, int] = {}
    by_category: dict[str, list[str]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        code = row[code_i] if code_i < len(row) else ""
        raw_category = row[cat_i] if cat_i < len(row) else ""
        if code.isdigit() and len(code) == 4:
            result.problems.append(Problem(shown, number, code_i + 1, "zonage-code", f"code « {code} » de 4 chiffres, lu comme « 0{code} » (zéro initial retiré par un tableur)", AVERTISSEMENT))
            code = "0" + code
        commune = communes.get(code)
        if commune is None:
            result.problems.append(Problem(shown, number, code_i + 1, "zonage-code", f"code INSEE « {code} » inconnu du Code officiel géographique"))
            continue
        if commune.region != region_code:
            result.problems.append(Problem(shown, number, code_i + 1, "zonage-region", f"« {code} » ({commune.nom}) est une commune d'une autre région ({ref.regions().get(commune.region, commune.region)})"))
            continue
        if name_i is not None and name_i < len(row) and row[name_i] and _key(row[name_i]) != _key(commune.nom):
            result.problems.append(Problem(shown, number, name_i + 1, "zonage-nom", f"le nom « {row[name_i]} » ne correspond pas au code {code} ({commune.nom}) : vérifiez la ligne", AVERTISSEMENT))
        category = lookup.get(_key(raw_category))
        if category is None:
            result.problems.append(Problem(shown, number, cat_i + 1, "zonage-categorie", f"catégorie « {raw_category} » inconnue du zonage de la région (catégories : {', '.join(sorted(set(lookup.values())))})"))
            continue
        if code in seen:
            result.problems.append(Problem(shown, number, code_i + 1, "zonage-doublon", f"la commune {code} ({commune.nom}) figure déjà ligne {seen[code]}"))
            continue
        seen[code] = number
        by_category.setdefault(category, []).append(code)
    result.communes = {c: sorted(codes) for c, codes in sorted(by_category.items())}
    if result.errors == 0 and write:
        write_atomic(zonage_path, _replace_communes(zonage_doc.text, zonage_doc, result.communes))
        result.written = zonage_path
    return result


def _replace_communes(text: str, doc: Any, communes: dict[str, list[str]]) -> str:
    """zonage.yaml with its ``communes`` block replaced, every other line kept as it was."""
    lines = text.splitlines(keepends=True)
    if isinstance(doc.data, dict) and "communes" in doc.data:
        key = doc.node_at(["communes"], key=True)
        value = doc.node_at(["communes"])
        start = key.start_mark.line
        end = value.end_mark.line if value.end_mark.column == 0 else value.end_mark.line + 1
        while end < len(lines) and lines[end].startswith((" ", "\t")):
            end += 1
        del lines[start:end]
        insert_at = start
    else:
        insert_at = next((i for i, line in enumerate(lines) if line.startswith("revue:")), len(lines))
    block = ["communes:\n"]
    for category, codes in communes.items():
        block.append(f"  {category}:\n")
        block.extend(f'    - "{code}"\n' for code in codes)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines[insert_at:insert_at] = block
    return "".join(lines)


def lookup(regions_dir: Path, query: str) -> list[dict[str, Any]]:
    """Which category each matching commune is in, and from which arrêté."""
    communes = ref.communes()
    found = [communes[query]] if query in communes else []
    if not found:
        key = _key(query)
        found = [c for c in communes.values() if _key(c.nom) == key] or [c for c in communes.values() if any(part.startswith(key) for part in _parts(c.nom))][:20]
    folders = {}
    for folder in sorted(p for p in regions_dir.iterdir() if p.is_dir() and (p / "region.yaml").exists()) if regions_dir.is_dir() else []:
        doc, _problems = load_file(folder / "region.yaml")
        if doc is not None and isinstance(doc.data, dict):
            folders[str(doc.data.get("code"))] = folder
    answers = []
    for commune in sorted(found, key=lambda c: c.code):
        departement = ref.departements().get(commune.departement, ("?", "?"))[0]
        entry: dict[str, Any] = {"code": commune.code, "nom": commune.nom, "departement": departement, "region": ref.regions().get(commune.region, commune.region)}
        home = folders.get(commune.region)
        if home is None:
            entry["reponse"] = "région non décrite dans regions/"
        else:
            doc, _problems = load_file(home / "zonage.yaml") if (home / "zonage.yaml").exists() else (None, [])
            data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
            lists = data.get("communes") or {}
            categories = sorted(c for c, codes in lists.items() if commune.code in codes)
            arrete = data.get("arrete") or {}
            basis = f"arrêté du {describe({'date': str(arrete['date'])})}" if arrete.get("date") else "arrêté non daté : renseignez arrete.date dans zonage.yaml"
            if not lists:
                entry["reponse"] = "liste des communes non importée pour cette région (postinternat zonage import)"
            elif categories:
                entry["categories"] = categories
                entry["reponse"] = f"{', '.join(categories)} ({basis})"
            else:
                entry["reponse"] = f"dans aucune catégorie listée ({', '.join(sorted(lists))}) ({basis})"
        answers.append(entry)
    return answers
