"""Reading candidates: YAML or JSON (one candidate or a ``candidats`` list), or CSV for batches.

What ``evaluate`` reads is a :class:`Source`: the problems of the file as a whole, and its
*entries* (one per CSV row, one per project of a YAML or JSON candidate), each to evaluate or in
error with its candidate and line: no row is ever lost without a word. A CSV lot is read in two
passes over its text (candidate values first, then the rows one at a time), so memory does not grow
with the rows. Input files are only ever read, with a size limit.
"""

from __future__ import annotations

import csv
import difflib
import functools
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem, os_error_fr, shorten
from .suggestions import did_you_mean
from .tables import decode_table, delimiter_of, fold
from .tables import key as column_key
from .yamlload import MAX_DEPTH, Document, decode, load_text

MAX_STRUCTURES = 3
MAX_CSV_BYTES = 32 * 1024 * 1024  # a CSV lot: 32 Mo (100,000 rows of 300 characters)
MAX_STRUCTURED_BYTES = 4 * 1024 * 1024  # a YAML or JSON file, read whole (its node tree takes ~45 times its size): 4 Mo
MAX_ROWS = 100_000  # rows of a CSV lot

CSV_CANDIDATE = ["candidat", "nom", "specialite", "subdivision", "fin_internat", "date_des", "inscription_ordre", "diplomes"]
CSV_PROJECT = ["projet", "region", "dispositif", "campagne", "debut", "duree_mois", "date_candidature", "validation_chu"]
CSV_STRUCTURE = ["role", "nom", "type", "commune", "quotite", "demi_journees", "zone", "prioritaire"]
CSV_COLUMNS = CSV_CANDIDATE + CSV_PROJECT + [f"structure{i}_{c}" for i in range(1, MAX_STRUCTURES + 1) for c in CSV_STRUCTURE]
_COLUMN_KEYS = {column_key(name): name for name in CSV_COLUMNS}  # « fininternat » → fin_internat
# headers a French spreadsheet commonly writes for a column (compared without case, accents, spaces)
_COLUMN_KEYS.update(
    {
        "datedebut": "debut",
        "datededebut": "debut",
        "dateprisedeposte": "debut",
        "datedefininternat": "fin_internat",
        "datefininternat": "fin_internat",
        "datedecandidature": "date_candidature",
        "datededepot": "date_candidature",
        "datedepot": "date_candidature",
        "dureemois": "duree_mois",
        "dureeenmois": "duree_mois",
    }
)
_OWN = {name: slot for slot, name in enumerate(CSV_CANDIDATE[1:])}  # a candidate's own columns
_INTEGER = {"duree_mois", "demi_journees"}
_NUMBER = {"quotite"}
_BOOLEAN = {"oui": True, "non": False, "true": True, "false": False, "vrai": True, "faux": False}  # validation_chu, prioritaire


@dataclass
class Candidates:
    """Candidates read from a YAML or JSON file, each with the (1-based) line where it starts;
    ``rejected``: the candidates that could not be read, as entries in error with all their
    problems (those whose problems leave well formed what the checks of their targets read keep
    their data: the targets are checked in the same run)."""

    items: list[tuple[dict[str, Any], int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    project_lines: dict[int, list[int]] = field(default_factory=dict)  # id(candidate) → line of each project
    rejected: list[Entry] = field(default_factory=list)
    locators: dict[int, Callable[[Sequence[str | int]], tuple[int, int]]] = field(default_factory=dict)  # id(candidate) → its paths' places


@dataclass
class Entry:
    """One thing to evaluate: a project of a candidate (``candidat`` and ``projet``), or an input
    row or candidate that could not be read (``problems``), with the ids that could be read."""

    line: int
    candidat: dict[str, Any] | None = None
    projet: dict[str, Any] | None = None
    candidat_id: Any = None
    projet_id: Any = None
    problems: list[Problem] = field(default_factory=list)
    cible: tuple[Any, Any] = (None, None)  # the region and dispositif the row names, as written
    locate: Callable[[Sequence[str | int]], tuple[int, int]] | None = None  # a candidate path → (line, column)
    index: int = 0  # the project's place among its candidate's projects
    checkable: bool = False  # in error, but its targets can still be checked (the problems are independent of them)

    def where(self, path: Sequence[str | int], index: int | None = None) -> tuple[int, int]:
        """(line, column) of a value of this entry: ``path`` from the candidate, « projet »
        standing for this project (``("projet", "dispositif")``), or for project ``index`` of the
        candidate; the entry's line if unknown."""
        if self.locate is None:
            return self.line, 1
        place = self.index if index is None else index
        steps = ["projets", place, *path[1:]] if path and path[0] == "projet" else list(path)
        return self.locate(steps)

    def projects(self) -> list[tuple[int | None, dict[str, Any]]]:
        """The projects whose targets are checked, each with its place among the candidate's
        projects: this entry's (None: the entry's own), or every project of its candidate."""
        if self.projet is not None:
            return [(None, self.projet)]
        projets = (self.candidat or {}).get("projets")
        return [(i, p) for i, p in enumerate(projets) if isinstance(p, dict)] if isinstance(projets, list) else []


class Source:
    """A candidates file as ``evaluate`` reads it: ``problems`` of the whole file, ``total``
    entries, and :meth:`entries` (read on demand). ``unit``: what an entry is (« ligne » of a CSV,
    « projet » of a YAML or JSON file)."""

    unit = "projet"

    def __init__(self, problems: list[Problem] | None = None) -> None:
        self.problems: list[Problem] = problems or []
        self.total = 0

    def entries(self) -> Iterator[Entry]:
        return iter(())

    def regions(self) -> set[str] | None:
        """The regions the entries name (``region`` of each project), or None when one names
        none (it may be evaluated against any region)."""
        return set()

    def places(self) -> set[tuple[Any, Any]]:
        """The (region, subdivision) each entry names, None where it names none (both None: any
        region)."""
        return set()


class _StructuredSource(Source):
    def __init__(self, candidates: Candidates) -> None:
        super().__init__(candidates.problems)
        self._candidates = candidates
        self.total = len(candidates.rejected) + sum(max(1, len(p.get("projets") or [])) for p, _l in candidates.items)

    def regions(self) -> set[str] | None:
        named: set[str] = set()
        for person, _line in self._candidates.items:
            for projet in person.get("projets") or [{}]:
                region = projet.get("region") if isinstance(projet, dict) else None
                if not isinstance(region, str):
                    return None
                named.add(region)
        return named

    def places(self) -> set[tuple[Any, Any]]:
        found: set[tuple[Any, Any]] = set()
        for person, _line in self._candidates.items:
            subdivision = person.get("subdivision")
            for projet in person.get("projets") or [{}]:
                region = projet.get("region") if isinstance(projet, dict) else None
                found.add((region if isinstance(region, str) else None, subdivision if isinstance(subdivision, str) else None))
        return found

    def entries(self) -> Iterator[Entry]:
        found = self._candidates
        pending = sorted(found.rejected, key=lambda r: r.line)
        for person, line in found.items:
            while pending and pending[0].line < line:
                yield pending.pop(0)
            lines = found.project_lines.get(id(person), [])
            for index, projet in enumerate(person.get("projets") or []):
                at = lines[index] if index < len(lines) else line
                yield Entry(at, person, projet, person.get("id"), projet.get("id"), locate=found.locators.get(id(person)), index=index)
        yield from pending


def read(path: Path, shown: str) -> Source:
    """The candidates file at ``path`` (``shown``: its name in messages)."""
    from .progress import set_current_file

    set_current_file(shown)
    csv_file = path.suffix.lower() == ".csv"
    data, problems = read_limited(path, shown, MAX_CSV_BYTES if csv_file else MAX_STRUCTURED_BYTES)
    if data is None:
        return Source(problems)
    if csv_file:
        return CsvSource(data, shown)
    return _StructuredSource(read_structured(data, shown))


def read_limited(path: Path, shown: str, limit: int) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file, at most ``limit`` of them (the size the system gives is not
    trusted: at most ``limit + 1`` bytes are read). A device, a FIFO or a folder is refused without
    being read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "fichier-illisible", f"lecture impossible : {os_error_fr(exc)}")]
    with os.fdopen(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None, [
                    Problem(
                        shown,
                        1,
                        1,
                        "fichier-illisible",
                        "ce n'est pas un fichier ordinaire (périphérique, tube ou dossier) : donnez un fichier de candidats",
                    )
                ]
            chunks, size = [], 0
            while size <= limit:  # by pieces: read(limit + 1) would reserve the whole limit at once
                chunk = handle.read(min(1 << 20, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            data = b"".join(chunks)
        except OSError as exc:
            return None, [Problem(shown, 1, 1, "fichier-illisible", f"lecture impossible : {os_error_fr(exc)}")]
    if len(data) > limit:
        return None, [
            Problem(
                shown,
                1,
                1,
                "candidats-taille",
                f"le fichier dépasse {limit // 1048576} Mo, la limite pour un fichier de candidats : découpez-le en plusieurs lots",
            )
        ]
    return data, []


_JSON_FR = {
    "Expecting value": "une valeur est attendue",
    "Expecting property name enclosed in double quotes": "un nom de champ entre guillemets doubles est attendu (virgule en trop ?)",
    "Expecting ',' delimiter": "une virgule est attendue",
    "Expecting ':' delimiter": "deux-points attendu après le nom du champ",
    "Unterminated string starting at": "chaîne de caractères non fermée",
    "Extra data": "données en trop après la fin du document",
    "Invalid control character at": "caractère de contrôle interdit",
}


def _json_tokens() -> re.Pattern[str]:
    """Strings (skipped), brackets, and integers longer than Python converts."""
    import sys

    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    return re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]' + (rf"|-?\d{{{limit + 1},}}" if limit else ""))


def _json_limits(text: str, shown: str) -> Problem | None:
    """Where a JSON text goes past what can be read: nesting deeper than the YAML loader's limit,
    or an integer too long to convert (Python refuses more than 4,300 digits)."""
    depth = 0
    for match in _json_tokens().finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _at(
                    text,
                    match.start(),
                    shown,
                    "json-profondeur",
                    f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de [ ] ou {{ }}) : un fichier de candidats n'en a besoin que de quelques-uns",
                )
        elif token in "]}":
            depth -= 1
        elif token[0] != '"':
            digits = len(token.lstrip("-"))
            return _at(
                text,
                match.start(),
                shown,
                "json-nombre",
                f"nombre de {digits} chiffres : trop long pour être lu (une durée, une quotité ou un nombre de demi-journées n'a que quelques chiffres)",
            )
    return None


def _at(text: str, offset: int, shown: str, code: str, message: str) -> Problem:
    line = text.count("\n", 0, offset) + 1
    return Problem(shown, line, offset - (text.rfind("\n", 0, offset) + 1) + 1, code, message)


def read_structured(data: bytes, shown: str) -> Candidates:
    from .validation import schema_set

    text, problems = decode(data, shown)
    if text is None:
        return Candidates(problems=problems)
    if shown.lower().endswith(".json"):
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            return Candidates(
                problems=[Problem(shown, exc.lineno, exc.colno, "json-syntaxe", f"JSON illisible : {_JSON_FR.get(exc.msg, exc.msg)}")]
            )
        except (ValueError, RecursionError):  # a huge integer, a deep nesting: say where, in French
            found = _json_limits(text, shown)
            return Candidates(
                problems=[found or Problem(shown, 1, 1, "json-syntaxe", "JSON illisible : valeur trop grande ou trop imbriquée")]
            )
    doc, problems = load_text(text, shown)  # JSON is YAML: one loader, one set of positions
    if doc is None:
        return Candidates(problems=problems)
    schema_problems = schema_set(None).check(doc, "candidats")
    result = Candidates(problems=problems + schema_problems)
    many = isinstance(doc.data, dict) and isinstance(doc.data.get("candidats"), list)
    people = doc.data["candidats"] if many else [doc.data]
    paths: list[list[str | int]] = [["candidats", i] for i in range(len(people))] if many else [[]]
    for person, where in zip(people, paths, strict=False):
        if not isinstance(person, dict):
            continue
        line, _col = doc.locate(where)
        end = _last_line(doc, where) if many else 1 << 62
        mine = [p for p in result.problems if line <= p.line <= end]  # the others are still evaluated
        result.problems = [p for p in result.problems if p not in mine]
        said = {(p.line, p.column) for p in mine}
        # every reference code in the same pass, except a value whose form is already wrong
        codes = [Problem(shown, *doc.locate([*where, *path]), "candidat-code", message) for path, message in reference_problems(person)]
        codes = [p for p in codes if (p.line, p.column) not in said]
        if mine or codes:
            # its targets are checked too when what they read is well formed
            targets = {doc.locate([*where, *path]) for path in _target_paths(person)}
            checkable = all(p.code.startswith("schema-") and (p.line, p.column) not in targets for p in mine)
            result.rejected.append(
                Entry(
                    line,
                    candidat=person if checkable else None,
                    candidat_id=person.get("id"),
                    problems=sorted(mine + codes, key=lambda p: (p.line, p.column)),
                    locate=functools.partial(_locate_from, doc, where),
                    checkable=checkable,
                )
            )
        else:
            result.items.append((person, line))
            result.project_lines[id(person)] = [doc.locate([*where, "projets", i])[0] for i in range(len(person.get("projets") or []))]
            result.locators[id(person)] = functools.partial(_locate_from, doc, where)
    return result


TARGET_FIELDS = ("region", "dispositif", "campagne", "debut", "structures")  # what the checks of a project's targets read


def _target_paths(person: dict[str, Any]) -> list[tuple[str | int, ...]]:
    """The paths of the values the checks of a candidate's targets read (its subdivision; each
    project's region, dispositif, campaign, start, structures and their roles and communes)."""
    paths: list[tuple[str | int, ...]] = [("subdivision",), ("projets",)]
    projets = person.get("projets")
    for i, projet in enumerate(projets if isinstance(projets, list) else []):
        paths += [("projets", i), *(("projets", i, name) for name in TARGET_FIELDS)]
        structures = projet.get("structures") if isinstance(projet, dict) else None
        for j, _structure in enumerate(structures if isinstance(structures, list) else []):
            paths += [("projets", i, "structures", j), ("projets", i, "structures", j, "role"), ("projets", i, "structures", j, "commune")]
    return paths


def _locate_from(doc: Document, where: list[str | int], path: Sequence[str | int]) -> tuple[int, int]:
    return doc.locate([*where, *path])


def reference_problems(person: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Codes a candidate file must take from the reference data: DES, structure types, communes."""
    from . import referentiel as ref

    found: list[tuple[tuple[str | int, ...], str]] = []
    spec = person.get("specialite")
    if isinstance(spec, str) and spec not in ref.des():
        found.append((("specialite",), f"spécialité « {spec} » inconnue de la liste des DES{_close(spec, ref.des())}"))
    projets = person.get("projets")
    for i, projet in enumerate(projets if isinstance(projets, list) else []):
        structures = projet.get("structures") if isinstance(projet, dict) else None
        for j, structure in enumerate(structures if isinstance(structures, list) else []):
            if not isinstance(structure, dict):
                continue
            kind = structure.get("type")
            if isinstance(kind, str) and kind not in ref.types_structure():
                found.append(
                    (("projets", i, "structures", j, "type"), f"type de structure « {kind} » inconnu{_close(kind, ref.types_structure())}")
                )
            commune = structure.get("commune")
            if isinstance(commune, str) and commune not in ref.communes():
                found.append((("projets", i, "structures", j, "commune"), f"commune « {commune} » inconnue du Code officiel géographique"))
    return found


def _close(value: str, table: dict[str, Any]) -> str:
    hint = did_you_mean(value, table)
    return f". {hint}" if hint else ""


def known_columns() -> str:
    """The columns a CSV lot may have, in words (an installed user has no README at hand)."""
    structure = ", ".join(CSV_STRUCTURE)
    return (
        f"{', '.join(CSV_CANDIDATE + CSV_PROJECT)} ; pour chaque structure (N de 1 à {MAX_STRUCTURES}) : structureN_ suivi de {structure}"
    )


def _column_hint(written: str) -> str:
    """« Vouliez-vous dire « x » ? » for a typo of a column (or a part of its name: « duree »),
    else the list of the columns."""
    wanted = column_key(written)
    keys = list(_COLUMN_KEYS)
    close = difflib.get_close_matches(wanted, keys, n=1, cutoff=0.75) if wanted else []
    if not close and len(wanted) >= 3:
        close = [k for k in keys if k.startswith(wanted) and not k.startswith("structure")][:1]
    if close:
        return f"Vouliez-vous dire « {_COLUMN_KEYS[close[0]]} » ?"
    return f"Colonnes reconnues : {known_columns()}."


def _last_line(doc: Document, path: list[str | int]) -> int:
    node = doc.node_at(path)
    return node.end_mark.line + 1 if node is not None else 1


_DATE_COLUMNS = {"fin_internat", "date_des", "inscription_ordre", "debut", "date_candidature"}
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass
class _Record:
    """One record of a CSV text: its first physical line, its cells, and what is wrong with it
    (``fault``, at cell ``column``; ``cells`` are then those before the faulty one)."""

    line: int
    cells: list[str]
    fault: str | None = None
    column: int = 1
    code: str = "csv-guillemet"


_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # as io.StringIO(text, newline="") splits


class _Lines:
    """The physical lines of a text, as the csv module pulls them, remembering those of the record
    being read (a quoted cell may run over several lines)."""

    def __init__(self, text: str) -> None:
        self._lines = (match.group() for match in _PHYSICAL_LINE.finditer(text))  # no copy of the text
        self.pending: list[str] = []
        self.count = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.count += 1
        self.pending.append(line)
        return line


def _quote_fault(line: str, delimiter: str) -> tuple[str, int] | None:
    """A quote problem on one physical line: (« ouvert », cell) for a quoted cell not closed on
    the line, (« apres », cell) for text after a closing quote; cells counted from 1."""
    cell, i, n, at_start, opened = 1, 0, len(line), True, 0
    in_quotes = False
    while i < n:
        ch = line[i]
        if in_quotes:
            if ch == '"':
                if i + 1 < n and line[i + 1] == '"':
                    i += 2
                    continue
                in_quotes = False
                if i + 1 < n and line[i + 1] not in (delimiter, "\n", "\r"):
                    return "apres", cell
            i += 1
            continue
        if ch == delimiter:
            cell, at_start = cell + 1, True
        elif ch == '"' and at_start:
            in_quotes, opened, at_start = True, cell, False
        else:
            at_start = False
        i += 1
    return ("ouvert", opened) if in_quotes else None


def _records(text: str, delimiter: str) -> Iterator[_Record]:
    """The records of a CSV text, one per physical line. A quoted cell that runs over several
    lines (an unclosed quote swallows every following line) is a fault at its first line, and the
    lines it swallowed are read again one by one: none is lost."""
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        lines.pending.clear()
        start = lines.count + 1
        error: csv.Error | None = None
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            error, cells = exc, []
        if error is None and len(lines.pending) <= 1:
            yield _Record(start, cells)
            continue
        consumed = list(lines.pending)
        yield _faulty(start, consumed[0] if consumed else "", delimiter, error, start + len(consumed) - 1)
        for offset, physical in enumerate(consumed[1:], start=1):
            yield _single(start + offset, physical, delimiter, opened_at=start)


def _faulty(line: str | int, physical: str, delimiter: str, error: csv.Error | None, last: int) -> _Record:
    number = int(line)
    fault = _quote_fault(physical, delimiter)
    before = _cells_before(physical, delimiter, fault[1] if fault else 1)
    if fault and fault[0] == "ouvert":
        if last > number:
            return _Record(
                number,
                before,
                f"guillemet non fermé : la cellule ouverte ici continue sur {'la ligne' if last == number + 1 else 'les lignes'} {number + 1}{'' if last == number + 1 else f' à {last}'} (une cellule ne peut pas contenir de retour à la ligne) ; fermez le guillemet ou retirez-le. Les lignes suivantes sont lues une à une",
                fault[1],
            )
        return _Record(number, before, "guillemet non fermé : fermez le guillemet ou retirez-le", fault[1])
    if fault:
        return _Record(
            number,
            before,
            "texte après le guillemet fermant : mettez toute la cellule entre guillemets, ou retirez les guillemets",
            fault[1],
        )
    if error is not None and "field larger" in str(error):
        return _Record(number, [], f"cellule trop longue (plus de {csv.field_size_limit()} caractères)", 1, "csv-ligne")
    return _Record(number, [], "ligne CSV illisible (caractère interdit ou guillemet mal placé)", 1, "csv-ligne")


def _single(number: int, physical: str, delimiter: str, opened_at: int) -> _Record:
    """A physical line swallowed by a cell opened on line ``opened_at``, read on its own."""
    if _quote_fault(physical, delimiter) is not None:
        return _faulty(number, physical, delimiter, None, number)
    cells = _parse_one(physical, delimiter)
    if cells is None:
        return _Record(number, [], f"cellule trop longue (plus de {csv.field_size_limit()} caractères) ou ligne illisible", 1, "csv-ligne")
    if physical.count('"') % 2:
        column = len(physical[: physical.index('"')].split(delimiter))
        return _Record(
            number,
            cells[: column - 1],
            f"guillemet isolé : sans doute la fin de la cellule ouverte ligne {opened_at} ; une cellule ne peut pas contenir de retour à la ligne",
            column,
        )
    return _Record(number, cells)


def _parse_one(physical: str, delimiter: str) -> list[str] | None:
    """The cells of one physical line read on its own (None: it cannot be read, e.g. a cell
    longer than the csv module accepts)."""
    try:
        return next(csv.reader([physical], delimiter=delimiter), [])
    except csv.Error:
        return None


def _cells_before(physical: str, delimiter: str, column: int) -> list[str]:
    return (_parse_one(physical, delimiter) or [])[: column - 1]


def _type_cells(cells: dict[str, str], columns: dict[str, int], shown: str, line: int) -> tuple[dict[str, Any], list[Problem]]:
    """The cells of one row with their types (numbers, French dates, zone lists), and the problems."""
    errors: list[Problem] = []
    typed: dict[str, Any] = {}
    for name, raw in cells.items():
        base = name.split("_", 1)[1] if name.startswith("structure") else name
        try:
            if base in _INTEGER:
                typed[name] = int(raw) if len(raw) <= 20 else int("x")
            elif base in _NUMBER:
                number = raw.rstrip("%").strip()
                if len(number) > 20:
                    raise ValueError(number)
                typed[name] = int(number) if number.isdigit() else float(number.replace(",", "."))
            elif base in _DATE_COLUMNS and _FRENCH_DATE.match(raw):
                day, month, year = _FRENCH_DATE.match(raw).groups()  # type: ignore[union-attr]
                typed[name] = f"{year}-{int(month):02d}-{int(day):02d}"
            elif base == "commune" and raw.isdigit() and len(raw) == 4:
                errors.append(
                    Problem(
                        shown,
                        line,
                        columns[name],
                        "csv-valeur",
                        f"colonne « {name} » : « {raw} » a 4 chiffres ; un tableur a sans doute retiré le zéro initial : écrivez « 0{raw} » (et mettez la colonne au format texte)",
                    )
                )
                continue
            elif base == "zone" and raw.lower() == "aucune":
                typed[name] = []  # the commune is in no zone
            elif base == "zone" and ("," in raw or " " in raw):
                typed[name] = [z for z in re.split(r"[,\s]+", raw) if z]
            elif base == "diplomes":
                typed[name] = [d for d in re.split(r"[,\s]+", raw) if d]
            elif base in ("validation_chu", "prioritaire"):
                if raw.lower() not in _BOOLEAN:
                    errors.append(
                        Problem(
                            shown,
                            line,
                            columns[name],
                            "csv-valeur",
                            f"colonne « {name} » : « {shorten(raw, 40)} » n'est ni « oui » ni « non »",
                        )
                    )
                    continue
                typed[name] = _BOOLEAN[raw.lower()]
            elif base in _CODE_COLUMNS:
                typed[name] = _code(raw)
            else:
                typed[name] = raw
        except ValueError:
            shown_raw = raw if len(raw) <= 40 else raw[:40] + "…"
            errors.append(Problem(shown, line, columns[name], "csv-valeur", f"colonne « {name} » : « {shown_raw} » n'est pas un nombre"))
    return typed, errors


_CODE_COLUMNS = ("specialite", "subdivision", "region", "dispositif", "role", "type")
_CODE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _code(raw: str) -> str:
    """A code typed in a spreadsheet cell, as the tool writes it: « Pneumologie », « Caen », « ASR »,
    « Île-de-France » → pneumologie, caen, asr, ile-de-france (lower case, no accents); a cell that
    does not become a code that way (« Médecine générale », with a space) is kept as typed, and its
    problem quotes it with the code to write."""
    folded = fold(raw)
    return folded if _CODE.fullmatch(folded) else raw


def _reads_target(column: str) -> bool:
    """Whether the checks of a row's targets read this column (see :data:`TARGET_FIELDS`)."""
    base = column.split("_", 1)[1] if column.startswith("structure") else column
    return column == "subdivision" or base in TARGET_FIELDS or base in ("role", "commune")


class _CsvDocument(Document):
    """One CSV row as a candidate with one project: problems are placed at the row and column of
    the cell (a candidate's value at the row that gave it)."""

    def __init__(self, path: str, data: Any, columns: dict[str, int], line: int, origins: dict[str, int]) -> None:
        super().__init__(path, data, None)
        self.columns = columns
        self.line = line
        self.origins = origins

    def locate(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        steps = list(path)
        name: str | None = None
        row = self.line
        if len(steps) == 1:
            name = "candidat" if steps[0] == "id" else str(steps[0])
            row = self.origins.get(name, self.line)
        elif len(steps) >= 3 and steps[0] == "projets":
            if steps[2] == "structures" and len(steps) >= 5 and isinstance(steps[3], int):
                name = f"structure{steps[3] + 1}_{steps[4]}"
            else:
                name = "projet" if steps[2] == "id" else str(steps[2])
        return row, self.columns.get(name or "", 1)


class CsvSource(Source):
    """A CSV lot: one row per project, the rows of one candidate brought together.

    The first pass reads the header, counts the rows and gathers each candidate's own values
    (specialty, dates...), which must agree across its rows; the second pass (:meth:`entries`)
    reads the rows again one at a time. Only the candidates' values are kept in memory."""

    unit = "ligne"

    def __init__(self, data: bytes, shown: str) -> None:
        super().__init__()
        self.shown = shown
        self.columns: dict[str, int] = {}
        self._values: dict[str, list[Any]] = {}  # candidate → its values (in the order of _OWN), then the line of each
        self._conflicts: dict[str, dict[int, list[Problem]]] = {}  # candidate → line → problems
        self._shared: dict[str, str] = {}
        self._regions: set[str] | None = set()  # the regions the rows name (None: a row names none)
        self._places: set[tuple[str | None, str | None]] = set()  # (region, subdivision) of the rows
        text, problems = decode_table(data, shown, MAX_CSV_BYTES)
        if text is None:
            self.problems = [Problem(p.file, p.line, p.column, "csv-encodage", p.message) for p in problems]
            return
        self._text = text
        self.delimiter = delimiter_of(text)
        self._first_pass()

    def _first_pass(self) -> None:
        shown = self.shown
        records = _records(self._text, self.delimiter)
        header_record = next(records, None)
        if header_record is None:
            self.problems.append(Problem(shown, 1, 1, "csv-vide", "le fichier CSV est vide"))
            return
        if header_record.fault:
            self.problems.append(
                Problem(shown, header_record.line, header_record.column, header_record.code, f"ligne d'en-tête : {header_record.fault}")
            )
            return
        header = [h.strip() for h in header_record.cells]
        for index, written in enumerate(header, start=1):
            name = _COLUMN_KEYS.get(column_key(written))  # « Spécialité », « Fin internat »: case, accents, spaces left out
            if name is not None:
                if name in self.columns:
                    self.problems.append(
                        Problem(
                            shown,
                            1,
                            index,
                            "csv-colonne",
                            f"colonne « {written} » en double : elle donne {name}, comme la colonne {self.columns[name]}"
                            f" (« {header[self.columns[name] - 1]} ») ; gardez-en une seule",
                        )
                    )
                else:
                    self.columns[name] = index
            elif not written:
                self.problems.append(
                    Problem(
                        shown, 1, index, "csv-colonne", "colonne sans en-tête, ignorée : nommez-la (candidat, specialite…) ou supprimez-la"
                    )
                )
            else:
                self.problems.append(
                    Problem(shown, 1, index, "csv-colonne", f"colonne inconnue « {written} », ignorée. {_column_hint(written)}")
                )
        self.width = len(header)
        if "candidat" not in self.columns:
            self.problems.append(Problem(shown, 1, 1, "csv-colonne", "la colonne « candidat » est obligatoire"))
            return
        if any(p.message.startswith("colonne « ") and "en double" in p.message for p in self.problems):
            return  # which of the two columns holds the value? nothing is guessed
        count = 0
        for record in records:
            if not record.fault and not any(cell.strip() for cell in record.cells):
                continue
            count += 1
            if count > MAX_ROWS:
                limit = f"{MAX_ROWS:,}".replace(",", "\u202f")
                self.problems.append(
                    Problem(
                        shown,
                        record.line,
                        1,
                        "csv-trop-de-lignes",
                        f"le lot a plus de {limit} lignes (la lecture s'arrête à la ligne {record.line}) : découpez-le en plusieurs fichiers ; rien n'est évalué",
                    )
                )
                self.total = 0
                return
            if record.fault or len(record.cells) != self.width:
                continue  # reported by entries(); a misaligned row says nothing about its candidate
            self._gather(record)
        self.total = count
        if not count and not self.problems:
            self.problems.append(Problem(shown, 1, 1, "csv-vide", "le fichier CSV n'a que sa ligne d'en-tête : aucun candidat"))

    def _cells(self, record: _Record) -> dict[str, str]:
        found = {}
        for name, index in self.columns.items():
            if index <= len(record.cells):
                value = record.cells[index - 1].strip()
                if value:
                    found[name] = value
        return found

    def _gather(self, record: _Record) -> None:
        """First pass: a candidate's own values, which must be the same on each of its rows."""
        cells = self._cells(record)
        ident = cells.get("candidat")
        if ident is None:
            return
        region = cells.get("region")
        region = None if region is None else _code(region)  # as the row is evaluated: « Normandie » is normandie
        if region is None:
            self._regions = None
        elif self._regions is not None:
            self._regions.add(self._shared.setdefault(region, region))
        subdivision = cells.get("subdivision")
        subdivision = None if subdivision is None else _code(subdivision)
        self._places.add((region, None if subdivision is None else self._shared.setdefault(subdivision, subdivision)))
        own = {name: raw for name, raw in cells.items() if name in CSV_CANDIDATE[1:]}
        typed, _errors = _type_cells(own, self.columns, self.shown, record.line)
        known = self._values.get(ident)
        if known is None:
            known = self._values[ident] = [None] * (2 * len(_OWN))
        for name, value in typed.items():
            slot = _OWN[name]
            if known[slot] is None:
                if isinstance(value, str):
                    value = self._shared.setdefault(value, value)  # one copy of each date, specialty...
                known[slot], known[slot + len(_OWN)] = value, record.line
            elif known[slot] != value:
                message = f"colonne « {name} » : « {value} » diffère de « {known[slot]} » (ligne {known[slot + len(_OWN)]}) pour le même candidat « {ident} » : un candidat n'a qu'une valeur ; corrigez l'une des deux lignes"
                self._conflicts.setdefault(ident, {}).setdefault(record.line, []).append(
                    Problem(self.shown, record.line, self.columns[name], "csv-conflit", message)
                )

    def regions(self) -> set[str] | None:
        return self._regions if self.total else set()

    def places(self) -> set[tuple[Any, Any]]:
        return self._places if self.total else set()

    def _misaligned(self, line: int, count: int) -> Problem:
        """A row with more or fewer cells than the header: its values would land in other columns."""
        if count > self.width:
            return Problem(
                self.shown,
                line,
                self.width + 1,
                "csv-ligne",
                f"la ligne a {count} cellules pour {self.width} colonnes : un séparateur « {self.delimiter} » est en trop (une valeur qui en contient un s'écrit entre guillemets)",
            )
        missing = self.width - count
        what = "un séparateur manque" if missing == 1 else f"{missing} séparateurs manquent"
        return Problem(
            self.shown,
            line,
            count + 1,
            "csv-ligne",
            f"la ligne a {count} cellule{'s' if count > 1 else ''} pour {self.width} colonnes : {what} (« {self.delimiter} ») ; une cellule vide s'écrit entre deux séparateurs, rien n'est déduit des cellules absentes",
        )

    def _by_column(self, message: str, column: int) -> str:
        """A schema message placed by the CSV column it is about (« colonne « debut » : ... »),
        not by the path of the candidate it was turned into (« projets › n°1 › debut : ... »)."""
        where, sep, rest = message.partition(" : ")
        if not sep:
            return message
        name = next((n for n, index in self.columns.items() if index == column), None)
        last = where.rsplit("›", 1)[-1].strip()
        if name and (last == name or name.endswith("_" + last) or (last == "id" and name in ("candidat", "projet"))):
            return f"colonne « {name} » : {rest}"
        return message

    def entries(self) -> Iterator[Entry]:
        if not self.total:
            return
        from .validation import schema_set

        schemas = schema_set(None)
        shown = self.shown
        reported: dict[tuple[int, int, str], int] = {}  # a candidate's problem: said once, then referred to
        records = _records(self._text, self.delimiter)
        next(records, None)  # the header
        for record in records:
            if not record.fault and not any(cell.strip() for cell in record.cells):
                continue
            cells = self._cells(record)
            ident, project_id = cells.get("candidat"), cells.get("projet")
            cible = (cells.get("region"), cells.get("dispositif"))
            line = record.line
            if record.fault:
                yield Entry(
                    line,
                    candidat_id=ident,
                    projet_id=project_id,
                    cible=cible,
                    problems=[Problem(shown, line, record.column, record.code, record.fault)],
                )
                continue
            if len(record.cells) != self.width:
                yield Entry(line, candidat_id=ident, projet_id=project_id, problems=[self._misaligned(line, len(record.cells))])
                continue
            typed, errors = _type_cells(cells, self.columns, shown, line)  # every cell, each with its problem
            if ident is None:
                errors.append(Problem(shown, line, self.columns["candidat"], "csv-valeur", "colonne « candidat » vide"))
                yield Entry(line, candidat_id=ident, projet_id=project_id, cible=cible, problems=errors)
                continue
            conflicts = self._conflicts.get(ident)
            if conflicts:
                first = min(conflicts)
                own = conflicts.get(line) or [
                    Problem(
                        shown,
                        line,
                        self.columns["candidat"],
                        "csv-conflit",
                        f"candidat « {ident} » non évalué : ses lignes donnent des valeurs différentes (voir ligne {first})",
                    )
                ]
                yield Entry(line, candidat_id=ident, projet_id=project_id, cible=cible, problems=errors + own)
                continue
            known = self._values.get(ident) or [None] * (2 * len(_OWN))
            values = {name: (known[slot], known[slot + len(_OWN)]) for name, slot in _OWN.items() if known[slot] is not None}
            person: dict[str, Any] = {"id": ident, **{name: value for name, (value, _l) in values.items()}}
            # the cells that could be read: each other problem of the row is found in the same run
            projet: dict[str, Any] = {("id" if name == "projet" else name): typed[name] for name in CSV_PROJECT if name in typed}
            structures = []
            for i in range(1, MAX_STRUCTURES + 1):
                structure = {c: typed[f"structure{i}_{c}"] for c in CSV_STRUCTURE if f"structure{i}_{c}" in typed}
                if structure:
                    structures.append(structure)
            if structures:
                projet["structures"] = structures
            origins = {name: at for name, (_v, at) in values.items()}
            doc = _CsvDocument(shown, {**person, "projets": [projet]}, self.columns, line, origins)
            found = errors + [
                Problem(p.file, p.line, p.column, p.code, self._by_column(p.message.replace(" entre guillemets", ""), p.column))
                for p in schemas.check(doc, "candidats")
            ]
            bad = {p.column for p in found}  # a code whose form is wrong is not looked up too
            found += [
                problem
                for problem in (
                    Problem(shown, *doc.locate(path), "candidat-code", message)
                    for path, message in reference_problems({**person, "projets": [projet]})
                )
                if problem.column not in bad
            ]
            if found:
                said = []
                for problem in sorted(found, key=lambda p: (p.line, p.column)):
                    key = (problem.line, problem.column, problem.code)
                    if problem.line != line and key in reported:
                        said.append(
                            Problem(
                                shown,
                                line,
                                self.columns["candidat"],
                                problem.code,
                                f"candidat « {ident} » non évalué : voir ligne {problem.line}, colonne {problem.column}",
                            )
                        )
                    else:
                        reported[key] = line
                        said.append(problem)
                # its targets are checked too when no problem is in a cell they read
                targets = {index for name, index in self.columns.items() if _reads_target(name)}
                yield Entry(
                    line,
                    person,
                    projet,
                    ident,
                    project_id,
                    cible=cible,
                    problems=said,
                    locate=doc.locate,
                    checkable=not bad & targets,
                )
                continue
            yield Entry(line, person, projet, ident, project_id, locate=doc.locate)
