"""Reading candidates: YAML or JSON (one candidate or a ``candidats`` list), or CSV for batches.

A bad candidate (or CSV row) is a located problem; the others are still read. Input files are only
ever read.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .problems import Problem, os_error_fr
from .yamlload import Document, decode, load_text

MAX_STRUCTURES = 3

CSV_CANDIDATE = ["candidat", "nom", "specialite", "subdivision", "fin_internat", "date_des", "inscription_ordre", "diplomes"]
CSV_PROJECT = ["projet", "region", "dispositif", "campagne", "debut", "duree_mois", "date_candidature", "validation_chu"]
CSV_STRUCTURE = ["role", "nom", "type", "commune", "quotite", "demi_journees", "zone", "prioritaire"]
CSV_COLUMNS = CSV_CANDIDATE + CSV_PROJECT + [f"structure{i}_{c}" for i in range(1, MAX_STRUCTURES + 1) for c in CSV_STRUCTURE]
_INTEGER = {"duree_mois", "demi_journees"}
_NUMBER = {"quotite"}
_BOOLEAN = {"oui": True, "non": False, "true": True, "false": False, "vrai": True, "faux": False}  # validation_chu, prioritaire


@dataclass
class Candidates:
    """Candidates read from a file, each with the (1-based) line where it starts."""

    items: list[tuple[dict[str, Any], int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    project_lines: dict[int, list[int]] = field(default_factory=dict)  # id(candidate) → line of each project


_JSON_FR = {
    "Expecting value": "une valeur est attendue",
    "Expecting property name enclosed in double quotes": "un nom de champ entre guillemets doubles est attendu (virgule en trop ?)",
    "Expecting ',' delimiter": "une virgule est attendue",
    "Expecting ':' delimiter": "deux-points attendu après le nom du champ",
    "Unterminated string starting at": "chaîne de caractères non fermée",
    "Extra data": "données en trop après la fin du document",
    "Invalid control character at": "caractère de contrôle interdit",
}


def read(path: Path, shown: str) -> Candidates:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Candidates(problems=[Problem(shown, 1, 1, "fichier-illisible", f"lecture impossible : {os_error_fr(exc)}")])
    if path.suffix.lower() == ".csv":
        return read_csv(data, shown)
    return read_structured(data, shown)


def read_structured(data: bytes, shown: str) -> Candidates:
    from .validation import _schema_set

    text, problems = decode(data, shown)
    if text is None:
        return Candidates(problems=problems)
    if shown.lower().endswith(".json"):
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            return Candidates(problems=[Problem(shown, exc.lineno, exc.colno, "json-syntaxe", f"JSON illisible : {_JSON_FR.get(exc.msg, exc.msg)}")])
    doc, problems = load_text(text, shown)  # JSON is YAML: one loader, one set of positions
    if doc is None:
        return Candidates(problems=problems)
    schema_problems = _schema_set(None).check(doc, "candidats")
    result = Candidates(problems=problems + schema_problems)
    bad_lines = {p.line for p in result.problems}
    many = isinstance(doc.data, dict) and isinstance(doc.data.get("candidats"), list)
    people = doc.data["candidats"] if many else [doc.data]
    paths: list[list[str | int]] = [["candidats", i] for i in range(len(people))] if many else [[]]
    for person, where in zip(people, paths):
        if not isinstance(person, dict):
            continue
        line, _col = doc.locate(where)
        end = _last_line(doc, where)
        if any(line <= bad <= end for bad in bad_lines):
            continue  # this candidate has a located problem: the others are still evaluated
        wrong = reference_problems(person)
        for path, message in wrong:
            at_line, at_col = doc.locate([*where, *path])
            result.problems.append(Problem(shown, at_line, at_col, "candidat-code", message))
        if not wrong:
            result.items.append((person, line))
            result.project_lines[id(person)] = [doc.locate([*where, "projets", i])[0] for i in range(len(person.get("projets") or []))]
    return result


def reference_problems(person: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Codes a candidate file must take from the reference data: DES, structure types, communes."""
    from . import referentiel as ref

    found: list[tuple[tuple[str | int, ...], str]] = []
    spec = person.get("specialite")
    if spec is not None and spec not in ref.des():
        found.append((("specialite",), f"spécialité « {spec} » inconnue de la liste des DES{_close(spec, ref.des())}"))
    for i, projet in enumerate(person.get("projets") or []):
        for j, structure in enumerate(projet.get("structures") or []):
            kind = structure.get("type")
            if kind is not None and kind not in ref.types_structure():
                found.append((("projets", i, "structures", j, "type"), f"type de structure « {kind} » inconnu{_close(kind, ref.types_structure())}"))
            commune = structure.get("commune")
            if commune is not None and commune not in ref.communes():
                found.append((("projets", i, "structures", j, "commune"), f"commune « {commune} » inconnue du Code officiel géographique"))
    return found


def _close(value: str, table: dict[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(table), n=1, cutoff=0.6)
    return f". Vouliez-vous dire « {close[0]} » ?" if close else ""


def _last_line(doc: Document, path: list[str | int]) -> int:
    node = doc.node_at(path)
    return node.end_mark.line + 1 if node is not None else 1


_DATE_COLUMNS = {"fin_internat", "date_des", "inscription_ordre", "debut", "date_candidature"}
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class _CsvDocument(Document):
    """A candidate read from CSV rows: problems are placed at the row and column of the cell."""

    def __init__(self, path: str, data: Any, header: list[str], person: dict[str, Any]) -> None:
        super().__init__(path, data, None)
        self.header = header
        self.person = person

    def locate(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        steps = list(path)
        row = self.person["_ligne"]
        if len(steps) >= 2 and steps[0] == "projets" and isinstance(steps[1], int) and steps[1] < len(self.person["projets"]):
            row = self.person["projets"][steps[1]]["_ligne"]
        name: str | None = None
        if len(steps) == 1:
            name = "candidat" if steps[0] == "id" else str(steps[0])
        elif len(steps) >= 3 and steps[0] == "projets":
            if steps[2] == "structures" and len(steps) >= 5 and isinstance(steps[3], int):
                name = f"structure{steps[3] + 1}_{steps[4]}"
            else:
                name = "projet" if steps[2] == "id" else str(steps[2])
        column = self.header.index(name) + 1 if name in self.header else 1
        return row, column


def read_csv(data: bytes, shown: str) -> Candidates:
    text, problems = decode(data, shown)
    if text is None:
        return Candidates(problems=[Problem(p.file, p.line, p.column, "csv-encodage", p.message) for p in problems])
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    result = Candidates()
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return Candidates(problems=[Problem(shown, 1, 1, "csv-vide", "le fichier CSV est vide")])
    unknown = [h for h in header if h not in CSV_COLUMNS]
    for h in unknown:
        close = difflib.get_close_matches(h, CSV_COLUMNS, n=1, cutoff=0.75)
        hint = f" Vouliez-vous dire « {close[0]} » ?" if close else " Colonnes possibles : voir le README."
        result.problems.append(Problem(shown, 1, header.index(h) + 1, "csv-colonne", f"colonne inconnue « {h} », ignorée.{hint}"))
    if "candidat" not in header:
        result.problems.append(Problem(shown, 1, 1, "csv-colonne", "la colonne « candidat » est obligatoire"))
        return result
    people: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            result.problems.append(Problem(shown, row_number, len(header) + 1, "csv-ligne", f"la ligne a {len(row)} cellules pour {len(header)} colonnes"))
            continue
        cells = {h: row[i].strip() for i, h in enumerate(header) if i < len(row) and h in CSV_COLUMNS and row[i].strip()}
        errors: list[Problem] = []
        typed: dict[str, Any] = {}
        for name, raw in cells.items():
            base = name.split("_", 1)[1] if name.startswith("structure") else name
            try:
                if base in _INTEGER:
                    typed[name] = int(raw)
                elif base in _NUMBER:
                    number = raw.rstrip("%").strip()
                    typed[name] = int(number) if number.isdigit() else float(number.replace(",", "."))
                elif base in _DATE_COLUMNS and _FRENCH_DATE.match(raw):
                    day, month, year = _FRENCH_DATE.match(raw).groups()  # type: ignore[union-attr]
                    typed[name] = f"{year}-{int(month):02d}-{int(day):02d}"
                elif base == "commune" and raw.isdigit() and len(raw) == 4:
                    errors.append(Problem(shown, row_number, header.index(name) + 1, "csv-valeur", f"colonne « {name} » : « {raw} » a 4 chiffres ; un tableur a sans doute retiré le zéro initial : écrivez « 0{raw} » (et mettez la colonne au format texte)"))
                    continue
                elif base == "zone" and ("," in raw or " " in raw):
                    typed[name] = [z for z in re.split(r"[,\s]+", raw) if z]
                elif base == "diplomes":
                    typed[name] = [d for d in re.split(r"[,\s]+", raw) if d]
                elif base in ("validation_chu", "prioritaire"):
                    if raw.lower() not in _BOOLEAN:
                        errors.append(Problem(shown, row_number, header.index(name) + 1, "csv-valeur", f"colonne « {name} » : « {raw} » n'est ni « oui » ni « non »"))
                        continue
                    typed[name] = _BOOLEAN[raw.lower()]
                else:
                    typed[name] = raw
            except ValueError:
                errors.append(Problem(shown, row_number, header.index(name) + 1, "csv-valeur", f"colonne « {name} » : « {raw} » n'est pas un nombre"))
        if "candidat" not in typed:
            errors.append(Problem(shown, row_number, header.index("candidat") + 1, "csv-valeur", "colonne « candidat » vide"))
        if errors:
            result.problems.extend(errors)
            continue
        person = people.get(typed["candidat"])
        if person is None:
            person = {"id": typed["candidat"], "projets": [], "_ligne": row_number}
            for name in CSV_CANDIDATE[1:]:
                if name in typed:
                    person[name] = typed[name]
            people[typed["candidat"]] = person
            order.append(typed["candidat"])
        project: dict[str, Any] = {"_ligne": row_number}
        for name in CSV_PROJECT:
            if name in typed:
                project["id" if name == "projet" else name] = typed[name]
        structures = []
        for i in range(1, MAX_STRUCTURES + 1):
            structure = {c: typed[f"structure{i}_{c}"] for c in CSV_STRUCTURE if f"structure{i}_{c}" in typed}
            if structure:
                structures.append(structure)
        if structures:
            project["structures"] = structures
        person["projets"].append(project)
    from .validation import _schema_set

    schemas = _schema_set(None)
    if not order and not result.problems:
        result.problems.append(Problem(shown, 1, 1, "csv-vide", "le fichier CSV n'a que sa ligne d'en-tête : aucun candidat"))
    for ident in order:
        person = people[ident]
        clean = _strip_lines(person)
        doc = _CsvDocument(shown, clean, header, person)
        found = schemas.check(doc, "candidats")
        if found:
            for problem in found:
                result.problems.append(Problem(shown, problem.line, problem.column, problem.code, problem.message.replace(" entre guillemets", "")))
            continue
        wrong = reference_problems(clean)
        for path, message in wrong:
            row = person["projets"][path[1]]["_ligne"] if len(path) > 1 else person["_ligne"]
            column = _csv_column(header, path)
            result.problems.append(Problem(shown, row, column, "candidat-code", message))
        if not wrong:
            result.items.append((clean, person["_ligne"]))
            result.project_lines[id(clean)] = [p["_ligne"] for p in person["projets"]]
    return result


def _csv_column(header: list[str], path: tuple[str | int, ...]) -> int:
    name = str(path[0]) if len(path) == 1 else f"structure{int(path[3]) + 1}_{path[4]}"
    return header.index(name) + 1 if name in header else 1


def _strip_lines(person: dict[str, Any]) -> dict[str, Any]:
    clean = {k: v for k, v in person.items() if k != "_ligne"}
    clean["projets"] = [{k: v for k, v in p.items() if k != "_ligne"} for p in person["projets"]]
    return clean
