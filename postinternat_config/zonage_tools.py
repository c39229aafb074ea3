"""``zonage import`` and ``zonage lookup``: the official zoning file of an ARS into zonage.yaml,
and which category a commune is in.

Import reads a CSV (``,`` or ``;``) or an XLSX file (with openpyxl) holding, for each commune, its
INSEE code, its name and its category. The header row is the first of the first ten rows where a
code column and a category column are recognised (title rows above it are skipped); columns can
also be given by name or by 1-based number, and a file without a header is read with numbers.
Rows whose category says the commune is outside any zone (« Hors zonage », « - », empty...) are
counted and skipped. Every other row is checked against the Code officiel géographique: unknown
codes, communes of another region and duplicates are reported with their row number, and then
nothing is written. Otherwise the ``communes`` block of zonage.yaml is replaced (the rest of the
file, comments included, is kept) and the file is written atomically.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import referentiel as ref
from .dates import describe
from .outputs import write_atomic
from .problems import AVERTISSEMENT, ERREUR, NotAFile, Problem, UsageError, os_error_fr
from .tables import decode_table, delimiter_of, fold
from .yamlload import Document, TooLarge, load_file, read_bounded

CODE_HEADERS = ("code_insee", "insee", "code", "codgeo", "code_commune", "depcom", "cog")
NAME_HEADERS = ("commune", "nom", "nom_commune", "libelle", "libgeo", "libelle_commune")
CATEGORY_HEADERS = ("categorie", "zonage", "zone", "classement", "type_zone")
HEADER_ROWS = 10  # the header row is looked for among the first rows (title rows above it)
OUTSIDE = ("", "hors zonage", "hors zone", "non zone", "non zonee", "aucune", "aucun", "hors vivier", "zone hors vivier")
COMMUNE_CODE = re.compile(r"\d{4,5}|2[AB]\d{3}", re.IGNORECASE)

# Bounds on the file read. A CSV of every commune of France (35,000) with its name and category is
# ~1.5 MB; as XLSX, ~1 MB compressed and 7 MB of XML inflated (17 MB with eight columns). openpyxl
# reads ~1.6 MB of sheet XML per second of CPU: a workbook at the inflated bound takes ~20 s.
CSV_MAX_BYTES = 20 * 1024 * 1024
XLSX_MAX_BYTES = 20 * 1024 * 1024  # the file itself
XLSX_MAX_INFLATED = 30 * 1024 * 1024  # every part of the workbook once decompressed
XLSX_MAX_RATIO = 100  # decompressed / compressed, for a part over XLSX_RATIO_FROM bytes
XLSX_RATIO_FROM = 1024 * 1024
XLSX_MAX_PARTS = 10_000
_CHUNK = 64 * 1024
# Excel never writes a DTD: one in a part can only declare entities (expansion, external files).
_DTD = re.compile(rb"<!(?:doctype|entity)|<\x00!\x00(?:d\x00o\x00c|e\x00n\x00t)|\x00<\x00!\x00(?:d\x00o|e\x00n)", re.IGNORECASE)


@dataclass(frozen=True)
class _Col:
    """How a column is named on the command line and recognised in a header row."""

    option: str
    what: str
    exact: tuple[str, ...]  # whole names, tried first, in this order
    words: tuple[str, ...]  # then names containing one of these words, in this order
    shown: str  # the recognised names, for messages
    example: str  # a name and a number, for messages


CODE = _Col(
    "--colonne-code",
    "du code INSEE",
    CODE_HEADERS,
    ("insee", "code commune", "codgeo", "depcom", "com", "cog"),
    "code, ou un nom contenant INSEE, code commune, CODGEO, DEPCOM ou COM",
    '"Code INSEE" ou --colonne-code 1',
)
CATEGORY = _Col(
    "--colonne-categorie",
    "de la catégorie",
    CATEGORY_HEADERS,
    ("zonage", "categorie", "classement", "zone"),
    "un nom contenant catégorie, zonage, zone ou classement, comme « Zonage médecins 2023 »",
    '"Zonage" ou --colonne-categorie 3',
)
NAME = _Col(
    "--colonne-nom",
    "du nom",
    NAME_HEADERS,
    ("nom", "libelle", "libgeo"),
    "commune, ou un nom contenant nom, libellé ou LIBGEO",
    '"Commune" ou --colonne-nom 2',
)


def _key(text: str) -> str:
    ascii_text = fold(text)
    return " ".join("".join(ch if ch.isalnum() else " " for ch in ascii_text).split())


@dataclass
class ImportResult:
    region: str
    communes: dict[str, list[str]] = field(default_factory=dict)  # category → codes
    problems: list[Problem] = field(default_factory=list)
    written: Path | None = None
    outside: int = 0  # rows skipped: the commune is in no zone (« Hors zonage », « - », empty category...)
    outside_empty: int = 0  # of which the category cell is empty

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == ERREUR)

    def summary(self) -> str:
        """The last line ``zonage import`` prints."""
        if self.errors:
            return f"{self.errors} erreur(s) : rien n'est écrit."
        counts = ", ".join(f"{c} : {len(codes)}" for c, codes in self.communes.items()) or "aucune"
        if self.written:
            line = f"{sum(len(c) for c in self.communes.values())} communes écrites dans {self.written} ({counts})"
        else:
            line = f"Fichier correct, rien n'est écrit ({counts})"
        if self.outside:
            s = "s" if self.outside > 1 else ""
            line += f" ; {self.outside} ligne{s} hors zonage ignorée{s}"
            if self.outside_empty:
                line += f" (dont {self.outside_empty} à catégorie vide)"
        return line

    def as_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "communes": {category: list(codes) for category, codes in self.communes.items()},
            "ecrit": str(self.written) if self.written else None,
            "hors_zonage": self.outside,
            "hors_zonage_categorie_vide": self.outside_empty,
            "erreurs": self.errors,
            "problemes": [p.as_dict() for p in self.problems],
        }


def _rows(path: Path, shown: str, code_col: str | None = None, category_col: str | None = None) -> tuple[list[list[str]], list[Problem]]:
    """The rows of the file: for a workbook, of its first sheet where the header is found."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl
        except ImportError as exc:
            raise UsageError(
                "lire un fichier XLSX demande la bibliothèque openpyxl, absente de cette installation : relancez « python3 dev.py run » (qui l'installe), ou enregistrez le fichier en CSV"
            ) from exc
        refused = check_xlsx(path)
        if refused is not None:
            return [], [Problem(shown, 1, 1, "zonage-fichier", refused)]
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:  # read-only sheets are parsed while iterating: errors come from here too
                sheets = [
                    (
                        sheet.title,
                        [["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)],
                    )
                    for sheet in book.worksheets
                ]
            finally:
                book.close()
        except OSError as exc:
            raise UsageError(f"lecture impossible de {path} : {os_error_fr(exc)}") from exc
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook; openpyxl's text is English
            return [], [Problem(shown, 1, 1, "zonage-fichier", _xlsx_error_fr(exc))]
        first_error: UsageError | None = None
        for _title, rows in sheets:
            if not rows:
                continue
            try:
                _header(rows, code_col, category_col)
            except UsageError as exc:
                first_error = first_error or exc
                continue
            return rows, []
        if first_error is not None and len(sheets) > 1:
            names = ", ".join(f"« {title} »" for title, _rows_of in sheets)
            raise UsageError(
                f"aucune feuille du classeur n'a de ligne d'en-tête reconnue (feuilles : {names}) ; dans la première : {first_error}"
            )
        return (sheets[0][1] if sheets else []), []
    try:
        data = read_bounded(path, CSV_MAX_BYTES)
    except TooLarge as exc:
        return [], [Problem(shown, 1, 1, "zonage-fichier", exc.french())]
    except OSError as exc:
        raise UsageError(f"lecture impossible de {path} : {os_error_fr(exc)}") from exc
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or path.suffix.lower() in (".xls", ".ods"):
        return [], [
            Problem(
                shown,
                1,
                1,
                "zonage-fichier",
                "ce fichier est un classeur (XLS, ODS ou XLSX renommé) : enregistrez-le au format XLSX (extension .xlsx) ou CSV depuis le tableur",
            )
        ]
    text, problems = decode_table(data, shown, CSV_MAX_BYTES)
    if text is None:
        return [], [Problem(p.file, p.line, p.column, "zonage-encodage", p.message) for p in problems]
    reader = csv.reader(io.StringIO(text), delimiter=delimiter_of(text))
    try:
        return [[cell.strip() for cell in row] for row in reader], []
    except csv.Error as exc:
        return [], [Problem(shown, max(reader.line_num, 1), 1, "zonage-fichier", _csv_error_fr(exc))]


def _csv_error_fr(exc: csv.Error) -> str:
    """The csv module's error, in French (its text is English)."""
    english = str(exc)
    if "field larger than field limit" in english:
        return f"CSV illisible à partir de cette ligne : une case dépasse {csv.field_size_limit()} caractères (un guillemet \" ouvert n'est pas refermé ?)"
    if "NUL" in english:
        return "CSV illisible à partir de cette ligne : caractère nul (le fichier est-il un CSV ?)"
    return "CSV illisible à partir de cette ligne (un guillemet \" ouvert n'est pas refermé ?)"


def _xlsx_error_fr(exc: Exception) -> str:
    """Why openpyxl could not read a workbook, in French, by the kind of error (its text is English)."""
    import zipfile
    from xml.etree.ElementTree import ParseError

    if isinstance(exc, zipfile.BadZipFile):
        return "classeur XLSX endommagé : l'archive ZIP est illisible ; rouvrez-le et enregistrez-le depuis le tableur"
    if isinstance(exc, KeyError):
        return "classeur XLSX incomplet : une partie attendue manque ; rouvrez-le et enregistrez-le depuis le tableur"
    if isinstance(exc, ParseError) or type(exc).__module__.startswith(("xml.", "defusedxml", "lxml")):
        return "classeur XLSX illisible : son contenu XML est mal formé ou utilise des entités ; rouvrez-le et enregistrez-le depuis le tableur, ou enregistrez-le en CSV"
    if isinstance(exc, MemoryError):
        return "classeur XLSX trop volumineux pour être lu : enregistrez-le en CSV"
    return "classeur XLSX illisible (format non reconnu) : rouvrez-le et enregistrez-le depuis le tableur, ou enregistrez-le en CSV"


def check_xlsx(path: Path) -> str | None:
    """Why a workbook is refused before openpyxl sees it, or None: the file, the sum of the sizes
    its parts declare and their compression ratio are bounded (a zip bomb of 1 MB would inflate to
    gigabytes); each part is then inflated by streaming, with a cap, to check that it holds no more
    than it declares and no DTD (entity expansion). Nothing is kept in memory beyond one chunk."""
    import zipfile

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise NotAFile(0, "", str(path))
        if os.stat(path).st_size > XLSX_MAX_BYTES:
            return f"le classeur dépasse {XLSX_MAX_BYTES // 1048576} Mo : enregistrez-le en CSV, ou retirez les feuilles inutiles"
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > XLSX_MAX_PARTS:
                return f"le classeur contient plus de {XLSX_MAX_PARTS} parties : ce n'est pas un classeur de tableur ordinaire"
            declared = sum(info.file_size for info in parts)
            if declared > XLSX_MAX_INFLATED:
                return f"le classeur décompressé ferait {declared / 1048576:.0f} Mo, au-delà de la limite de {XLSX_MAX_INFLATED // 1048576} Mo : enregistrez-le en CSV"
            for info in parts:
                if info.file_size > XLSX_RATIO_FROM and info.file_size > XLSX_MAX_RATIO * max(info.compress_size, 1):
                    return f"la partie « {info.filename} » du classeur est compressée plus de {XLSX_MAX_RATIO} fois (archive piégée ?) : enregistrez le classeur en CSV"
                refused = _check_part(archive, info)
                if refused is not None:
                    return refused
    except OSError as exc:
        raise UsageError(f"lecture impossible de {path} : {os_error_fr(exc)}") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return "classeur XLSX endommagé : l'archive ZIP est illisible ; rouvrez-le et enregistrez-le depuis le tableur"
    return None


def _check_part(archive: Any, info: Any) -> str | None:
    """Inflate one part by chunks from its raw bytes (zipfile itself would stop at the declared
    size and hide a larger content), refusing more than declared and any DTD."""
    import struct
    import zipfile
    import zlib

    name = info.filename
    if info.flag_bits & 0x1:
        return f"la partie « {name} » du classeur est chiffrée : enregistrez le classeur sans mot de passe"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"la partie « {name} » du classeur utilise une compression qu'un tableur n'écrit pas : enregistrez-le à nouveau depuis le tableur"
    handle = archive.fp
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(name)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left, produced, tail = info.compress_size, 0, b""
    while left > 0:
        chunk = handle.read(min(_CHUNK, left))
        if not chunk:
            raise zipfile.BadZipFile(name)
        left -= len(chunk)
        pending = chunk
        while pending:
            if inflater is None:
                out, pending = pending, b""
            else:
                try:
                    out = inflater.decompress(pending, _CHUNK)
                except zlib.error as exc:
                    raise zipfile.BadZipFile(name) from exc
                pending = inflater.unconsumed_tail
            produced += len(out)
            if produced > info.file_size:
                return f"la partie « {name} » du classeur contient plus de données qu'elle n'en déclare (archive piégée ?) : fichier refusé"
            if _DTD.search(tail + out):
                return f"la partie « {name} » du classeur contient une définition de type de document (DTD, <!DOCTYPE>), ce qu'un tableur n'écrit pas : fichier refusé ; enregistrez-le en CSV"
            tail = out[-16:]
            if inflater is not None and inflater.eof:
                break
    return None


def _number(wanted: str | None, col: _Col) -> int | None:
    """The 0-based index of a column given by its 1-based number (« 3 »), None for a name."""
    if wanted is None or not wanted.strip().isdigit():
        return None
    if int(wanted) < 1:
        raise UsageError(f"{col.option} {wanted} : les colonnes se numérotent à partir de 1 ({col.option} 1 pour la première)")
    return int(wanted) - 1


def _by_name(row: list[str], wanted: str | None, col: _Col, taken: set[int]) -> int | None:
    """The column of ``row`` named ``wanted``, or else holding one of the names ``col`` recognises."""
    keys = [_key(cell) for cell in row]
    free = [(i, k) for i, k in enumerate(keys) if i not in taken]
    if wanted is not None:
        return next((i for i, k in free if k == _key(wanted)), None)
    for name in col.exact:
        found = next((i for i, k in free if k.replace(" ", "_") == name), None)
        if found is not None:
            return found
    for word in col.words:  # « Zonage médecins 2023 », « N° INSEE »; a long title is no header
        found = next((i for i, k in free if len(k.split()) <= 6 and f" {word} " in f" {k} "), None)
        if found is not None:
            return found
    return None


def _find(row: list[str], wanted: str | None, col: _Col, other_is_number: bool, taken: set[int]) -> int | None:
    """Where the column is if ``row`` is the header row, else None.

    A column given by name must bear that name; one not given must bear a recognised name. When
    both columns are given by number, the header row is one whose names are recognised; when only
    this one is, its cell must hold a name, not a commune code."""
    number = _number(wanted, col)
    if number is None:
        return _by_name(row, wanted, col, taken)
    if other_is_number:
        return number if _by_name(row, None, col, taken) is not None else None
    cell = row[number] if number < len(row) else ""
    return number if cell and not COMMUNE_CODE.fullmatch(cell) and number not in taken else None


def _header(rows: list[list[str]], code_col: str | None, category_col: str | None) -> tuple[int, int, int]:
    """The header row's index (-1 for a file without one) and the code and category columns."""
    code_n, category_n = _number(code_col, CODE), _number(category_col, CATEGORY)
    for index, row in enumerate(rows[:HEADER_ROWS]):
        code_i = _find(row, code_col, CODE, category_n is not None, set())
        category_i = _find(row, category_col, CATEGORY, code_n is not None, set() if code_i is None else {code_i})
        if code_i is not None and category_i is not None:
            return index, code_n if code_n is not None else code_i, category_n if category_n is not None else category_i
    if code_n is not None and category_n is not None:
        return -1, code_n, category_n  # no header row: every row is data
    best = max(range(min(len(rows), HEADER_ROWS)), key=lambda i: sum(1 for cell in rows[i] if cell))
    row = rows[best]
    missing = CODE if code_n is None and _find(row, code_col, CODE, False, set()) is None else CATEGORY
    wanted = code_col if missing is CODE else category_col
    what = f"colonne « {wanted} » absente" if wanted is not None else f"colonne {missing.what} introuvable"
    known = f" ; noms reconnus : {missing.shown}" if wanted is None else ""
    raise UsageError(
        f"{what} (colonnes de la ligne {best + 1} : {_listed(row)}{known}) : indiquez-la par son nom ou par son numéro, par exemple {missing.option} {missing.example}"
    )


def _listed(row: list[str]) -> str:
    """The columns of a row with their numbers: 1 « Code INSEE », 2 « Commune »."""
    return ", ".join(f"{i + 1} « {cell} »" for i, cell in enumerate(row) if cell) or "aucune"


def _check_width(rows: list[list[str]], wanted: str | None, col: _Col) -> None:
    number = _number(wanted, col)
    width = max(len(row) for row in rows)
    if number is not None and number >= width:
        raise UsageError(f"{col.option} {wanted} : le fichier n'a que {width} colonne(s)")


def _is_outside(category: str) -> bool:
    """Whether a category cell says the commune is in no zone (« Hors zonage », « Non zoné », « - », empty)."""
    key = _key(category)
    return key in OUTSIDE or key.startswith(("hors zon", "non zon"))


def _category_lookup(categories: list[dict[str, Any]]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for c in categories:
        code = c["code"]
        for variant in (code, code.replace("_PLUS", "+"), code.replace("_", " "), c.get("libelle", "")):
            if variant:
                lookup[_key(variant)] = code
    return lookup


def _region_files(folder: Path) -> tuple[Document, Document] | None:
    """region.yaml and zonage.yaml of the folder, each read once, or None when either is missing,
    unreadable or fails its schema."""
    from .schemacheck import SchemaSet

    schemas = SchemaSet()
    docs = []
    for kind in ("region", "zonage"):
        if not (folder / f"{kind}.yaml").exists():
            return None
        doc, problems = load_file(folder / f"{kind}.yaml")
        if doc is None or problems or schemas.check(doc, kind):
            return None
        docs.append(doc)
    return docs[0], docs[1]


def import_zonage(
    regions_dir: Path,
    region: str,
    path: Path,
    code_col: str | None = None,
    name_col: str | None = None,
    category_col: str | None = None,
    write: bool = True,
) -> ImportResult:
    """Read the ARS file at ``path`` and, when it has no error and ``write`` is set, replace the
    ``communes`` block of the region's zonage.yaml."""
    from .progress import set_current_file

    if not path.is_file():
        raise UsageError(f"fichier introuvable : {path}")
    set_current_file(path)
    folder = regions_dir / region
    zonage_path = folder / "zonage.yaml"
    if not (folder / "region.yaml").exists():
        raise UsageError(f"région inconnue : {region}")
    if not zonage_path.exists():
        raise UsageError(f"{zonage_path} absent : déclarez d'abord les catégories de zones (postinternat new region crée ce fichier)")
    files = _region_files(folder)
    if files is None:
        raise UsageError(
            f"region.yaml ou zonage.yaml de {folder} contient des erreurs : corrigez-les d'abord (postinternat validate {folder})"
        )
    region_doc, zonage_doc = files
    region_code = str(region_doc.data.get("code"))
    lookup = _category_lookup(zonage_doc.data.get("categories") or [])
    shown = str(path)
    rows, read_problems = _rows(path, shown, code_col, category_col)
    result = ImportResult(region, problems=read_problems)
    if not rows:
        if not read_problems:
            result.problems.append(Problem(shown, 1, 1, "zonage-fichier", "le fichier est vide"))
        return result
    for col, wanted in ((CODE, code_col), (CATEGORY, category_col), (NAME, name_col)):
        _check_width(rows, wanted, col)
    header_i, code_i, cat_i = _header(rows, code_col, category_col)
    header = rows[header_i] if header_i >= 0 else []
    name_i = _number(name_col, NAME)
    if name_i is None:
        name_i = _by_name(header, name_col, NAME, {code_i, cat_i})
        if name_i is None and name_col is not None:
            where = f"colonnes de la ligne {header_i + 1} : {_listed(header)}" if header else "le fichier n'a pas de ligne d'en-tête"
            raise UsageError(
                f"colonne « {name_col} » absente ({where}) : indiquez-la par son nom ou par son numéro, par exemple {NAME.option} {NAME.example}"
            )
    communes = ref.communes()
    seen: dict[str, int] = {}  # code → line, communes in a zone
    skipped: dict[str, int] = {}  # code → line, communes outside any zone
    by_category: dict[str, list[str]] = {}

    def in_region(code: str, number: int) -> ref.Commune | None:
        """The commune of a code, or None with its problem: unknown to the COG, or of another region."""
        commune: ref.Commune | None = communes.get(code)
        if commune is None:
            result.problems.append(
                Problem(shown, number, code_i + 1, "zonage-code", f"code INSEE « {code} » inconnu du Code officiel géographique")
            )
        elif commune.region != region_code:
            elsewhere = ref.regions().get(commune.region, commune.region)
            message = f"« {code} » ({commune.nom}) est une commune d'une autre région ({elsewhere})"
            result.problems.append(Problem(shown, number, code_i + 1, "zonage-region", message))
            return None
        return commune

    for number, row in enumerate(rows[header_i + 1 :], start=header_i + 2):
        if not any(row):
            continue
        code = row[code_i] if code_i < len(row) else ""
        raw_category = row[cat_i] if cat_i < len(row) else ""
        category = lookup.get(_key(raw_category))
        if category is None and _is_outside(raw_category):
            if code:  # a commune outside any zone: counted, not imported, but checked and not listed twice
                result.outside += 1
                result.outside_empty += 0 if raw_category else 1
                code = "0" + code if code.isdigit() and len(code) == 4 else code
                if in_region(code, number) is not None and code in seen:
                    result.problems.append(
                        Problem(
                            shown,
                            number,
                            code_i + 1,
                            "zonage-doublon",
                            f"la commune {code} ({communes[code].nom}) figure déjà ligne {seen[code]} dans une zone",
                        )
                    )
                skipped.setdefault(code, number)
            continue
        if not code:
            result.problems.append(Problem(shown, number, code_i + 1, "zonage-code", "code INSEE vide"))
            continue
        if code.isdigit() and len(code) == 4:
            result.problems.append(
                Problem(
                    shown,
                    number,
                    code_i + 1,
                    "zonage-code",
                    f"code « {code} » de 4 chiffres, lu comme « 0{code} » (zéro initial retiré par un tableur)",
                    AVERTISSEMENT,
                )
            )
            code = "0" + code
        commune = in_region(code, number)
        if commune is None:
            continue
        if name_i is not None and name_i < len(row) and row[name_i] and _key(row[name_i]) != _key(commune.nom):
            result.problems.append(
                Problem(
                    shown,
                    number,
                    name_i + 1,
                    "zonage-nom",
                    f"le nom « {row[name_i]} » ne correspond pas au code {code} ({commune.nom}) : vérifiez la ligne",
                    AVERTISSEMENT,
                )
            )
        if category is None:
            result.problems.append(
                Problem(
                    shown,
                    number,
                    cat_i + 1,
                    "zonage-categorie",
                    f"catégorie « {raw_category} » inconnue du zonage de la région (catégories : {', '.join(sorted(set(lookup.values())))} ; « Hors zonage » ou une case vide : ligne ignorée)",
                )
            )
            continue
        if code in seen or code in skipped:
            where = f"ligne {seen[code]}" if code in seen else f"ligne {skipped[code]}, hors zonage"
            result.problems.append(
                Problem(shown, number, code_i + 1, "zonage-doublon", f"la commune {code} ({commune.nom}) figure déjà {where}")
            )
            continue
        seen[code] = number
        by_category.setdefault(category, []).append(code)
    result.communes = {c: sorted(codes) for c, codes in sorted(by_category.items())}
    if not by_category and result.errors == 0:
        result.problems.append(
            Problem(
                shown,
                header_i + 2,
                cat_i + 1,
                "zonage-fichier",
                f"aucune commune du fichier n'est dans une catégorie du zonage ({result.outside} ligne(s) hors zonage ou sans catégorie) : "
                "rien n'est écrit, la liste actuelle est gardée. Vérifiez la colonne de la catégorie (une colonne calculée par formule se lit vide : "
                "ouvrez et enregistrez le classeur dans le tableur, ou enregistrez-le en CSV)",
            )
        )
    if result.errors == 0 and write:
        mode = stat.S_IMODE(os.stat(zonage_path).st_mode)
        write_atomic(zonage_path, _replace_communes(zonage_doc.text, zonage_doc, result.communes))
        os.chmod(zonage_path, mode)  # the rewritten file keeps the rights the ARS gave it
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
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # blank lines and comments after the block belong to what follows
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


LOOKUP_MAX = 20


def _name_key(text: str) -> str:
    """A commune name or a query, compared as literal text: case and accents folded, hyphens,
    apostrophes and spaces alike; every other character kept (« .* » is no pattern: it matches
    no name)."""
    ascii_text = fold(text)
    return " ".join(re.sub(r"[-'’\s]+", " ", ascii_text).split())


def _name_parts(name: str) -> list[str]:
    """The name and each of its ends after a space or hyphen (« Plouguer » finds Carhaix-Plouguer)."""
    words = _name_key(name).split()
    return [" ".join(words[i:]) for i in range(len(words))]


@lru_cache(maxsize=1)
def _name_index() -> tuple[tuple[Any, str, tuple[str, ...]], ...]:
    """Every commune with its name's key and parts, computed once."""
    return tuple((c, _name_key(c.nom), tuple(_name_parts(c.nom))) for c in ref.communes().values())


def lookup(regions_dir: Path, query: str) -> tuple[list[dict[str, Any]], int]:
    """Which category each matching commune is in, and from which arrêté; and how many more
    communes matched beyond the first ``LOOKUP_MAX``. The query is a code or literal text: the
    start of a name or of one of its parts."""
    communes = ref.communes()
    found = [communes[query.strip()]] if query.strip() in communes else []
    key = _name_key(query)
    if not found and key:
        index = _name_index()
        found = [c for c, name, _parts in index if name == key] or [
            c
            for _missing, _size, _name, _code, c in sorted(
                (key not in parts, len(c.nom), c.nom, c.code, c) for c, _name, parts in index if any(part.startswith(key) for part in parts)
            )
        ]
    more = max(len(found) - LOOKUP_MAX, 0)
    found = found[:LOOKUP_MAX]
    folders = {}
    for folder in sorted(p for p in regions_dir.iterdir() if p.is_dir() and (p / "region.yaml").exists()) if regions_dir.is_dir() else []:
        doc, _problems = load_file(folder / "region.yaml")
        if doc is not None and isinstance(doc.data, dict):
            folders[str(doc.data.get("code"))] = folder
    answers = []
    zonages: dict[Path, Document | None] = {}  # each region's zonage.yaml, read once
    for commune in sorted(found, key=lambda c: c.code):
        departement = ref.departements().get(commune.departement, ("?", "?"))[0]
        entry: dict[str, Any] = {
            "code": commune.code,
            "nom": commune.nom,
            "departement": departement,
            "region": ref.regions().get(commune.region, commune.region),
        }
        home = folders.get(commune.region)
        if home is not None and home not in zonages:
            files = _region_files(home)
            zonages[home] = files[1] if files else None
        zonage = zonages.get(home) if home is not None else None
        if home is None:
            entry["reponse"] = "région non décrite dans regions/"
        elif zonage is None:
            entry["reponse"] = f"zonage.yaml absent ou en erreur dans {home} (postinternat validate {home})"
        else:
            data = zonage.data
            lists = data.get("communes") or {}
            categories = sorted(c for c, codes in lists.items() if commune.code in codes)
            arrete = data.get("arrete") or {}
            basis = (
                f"arrêté du {describe({'date': str(arrete['date'])})}"
                if arrete.get("date")
                else "arrêté non daté : renseignez arrete.date dans zonage.yaml"
            )
            if not lists:
                entry["reponse"] = "liste des communes non importée pour cette région (postinternat zonage import)"
            elif categories:
                entry["categories"] = categories
                entry["reponse"] = f"{', '.join(categories)} ({basis})"
            else:
                entry["reponse"] = f"dans aucune catégorie listée ({', '.join(sorted(lists))}) ({basis})"
        answers.append(entry)
    return answers, more


@dataclass
class Lookup:
    """The answer of ``zonage lookup``: the communes found (at most ``LOOKUP_MAX``), and how many
    more matched."""

    query: str
    answers: list[dict[str, Any]]
    more: int = 0
    suggestions: list[str] = field(default_factory=list)
    postal: bool = False  # five digits that are no INSEE code: a postal code, most likely

    def lines(self) -> list[str]:
        """One line per commune: name (code, département, région) : its zone and arrêté."""
        return [f"{a['nom']} ({a['code']}, {a['departement']}, {a['region']}) : {a['reponse']}" for a in self.answers]

    def as_dict(self) -> dict[str, Any]:
        return {"recherche": self.query, "communes": self.answers, "autres": self.more}


def find_zone(regions_dir: Path, query: str) -> Lookup:
    """``zonage lookup``: the zone of the communes that match ``query`` (a code or a name)."""
    if not query.strip():
        raise UsageError("indiquez un code INSEE (14118) ou un nom de commune (Caen)")
    answers, more = lookup(regions_dir, query)
    if answers:
        return Lookup(query, answers, more)
    postal = bool(re.fullmatch(r"\d{5}", query.strip()))
    return Lookup(query, answers, more, [] if postal else close_names(query), postal)


def _edits(a: str, b: str) -> int:
    """Typing mistakes between two names: letters inserted, deleted, replaced or swapped
    (optimal string alignment distance)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def close_names(query: str, limit: int = 3) -> list[str]:
    """Commune names written like ``query`` (a typo: « Caenn » → Caen), each with its
    département, for a lookup that found nothing."""
    key = _name_key(query)
    if len(key) < 3:
        return []
    by_key: dict[str, list[Any]] = {}
    for commune, name, _parts in _name_index():
        if abs(len(name) - len(key)) <= 3:
            by_key.setdefault(name, []).append(commune)
    close = difflib.get_close_matches(key, list(by_key), n=limit * 8, cutoff=0.75)
    # fewest typing mistakes first, then the same length (« Caan » is Caen before Cavan)
    close.sort(key=lambda name: (_edits(key, name), abs(len(name) - len(key)), -difflib.SequenceMatcher(None, key, name).ratio()))
    found = []
    for name in close[:limit]:
        for commune in sorted(by_key[name], key=lambda c: c.code):
            departement = ref.departements().get(commune.departement, ("?", "?"))[0]
            found.append(f"{commune.nom} ({commune.code}, {departement})")
    return found[:limit]
