"""Loading hand-edited YAML safely, keeping the position of every node.

What the loader guarantees, each hazard reported as a :class:`Problem` with its line and column:

* safe loading only (no Python tags), the C parser when PyYAML has it;
* duplicate keys rejected, naming both lines;
* anchors, aliases and merge keys (``<<``) refused: rule files need none, and aliases can
  expand exponentially ("billion laughs");
* dates kept as the text written, quoted or not, so that the schema checks them;
* YAML 1.1 surprises kept as PyYAML reads them (``no`` is false, ``01000`` is 512), but the
  raw text of every scalar stays on its node so that messages can quote it;
* file size bounded (:func:`read_bounded` never reads more than the limit plus one byte, whatever
  the file claims to be, and never opens a named pipe), UTF-8 only (with or without a byte order mark).
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import NotAFile, Problem, os_error_fr

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _BaseLoader

    C_LOADER = True
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    C_LOADER = False

# Hand-edited rule files: the largest real one is under 20 KB, a zonage.yaml listing the 5,000
# communes of the largest region 70 KB, one listing every commune of France (35,000) 0.5 MB.
# Loading costs up to ~5 s of CPU and ~200 MB per MB in the worst shape (« [{a: 1}, {a: 1}...] »).
MAX_BYTES = 1024 * 1024
# Other text files (candidates) keep the former bound until their reader sets its own.
TEXT_MAX_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 100

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

# Plain scalars that YAML 1.1 (PyYAML) reads as booleans although YAML 1.2 editors show text.
YAML11_BOOLEANS = frozenset("yes Yes YES no No NO on On ON off Off OFF y Y n N".split())

_ANCHOR_OR_ALIAS = re.compile(r"[&*][^\s\[\]{},]")
_RESOLVED: dict[str, str] = {}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type, unused-ignore]
    """The safe loader with a leaner resolver: no path resolvers (unused here), and the tag of a
    plain scalar remembered by its text (the same words repeat across rule files)."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)  # type: ignore[no-untyped-call, unused-ignore]
                if len(_RESOLVED) < 50_000:
                    _RESOLVED[value] = tag
            return tag
        return _SEQ if kind is SequenceNode else _MAP


_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """A loaded YAML file: the plain data and the node tree that says where each value was."""

    path: str
    data: Any
    root: Node | None
    text: str = field(repr=False, default="")

    def node_at(self, path: Sequence[str | int], key: bool = False) -> Node | None:
        """The deepest node found along ``path`` (the key node of the last step if ``key``)."""
        node = self.root
        if node is None:
            return None
        last = len(path) - 1
        for i, step in enumerate(path):
            if isinstance(node, MappingNode):
                for knode, vnode in node.value:
                    if isinstance(knode, ScalarNode) and knode.value == str(step):
                        if key and i == last:
                            return knode
                        node = vnode
                        break
                else:
                    return node
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return node
        return node

    def locate(self, path: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` (of its key if ``key``)."""
        node = self.node_at(path, key)
        if node is None:
            return (1, 1)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def raw(self, path: Sequence[str | int]) -> str | None:
        """The text written in the file for the scalar at ``path``, or None."""
        node = self.node_at(path)
        if isinstance(node, ScalarNode) and _reached(self, path):
            return str(node.value)
        return None

    def is_plain(self, path: Sequence[str | int]) -> bool:
        """True if the scalar at ``path`` was written without quotes."""
        node = self.node_at(path)
        return isinstance(node, ScalarNode) and not node.style


def _reached(doc: Document, path: Sequence[str | int]) -> bool:
    """True if every step of ``path`` exists in the data (so node_at found that exact node)."""
    data = doc.data
    for step in path:
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return False
    return True


class _Builder:
    """Turns a composed node tree into plain Python data, collecting problems on the way."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def problem(self, node: Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, code, message))

    def build(self, node: Node, depth: int = 0) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if depth > MAX_DEPTH:
            self.problem(node, "yaml-profondeur", f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)")
            return None
        ident = id(node)
        if ident in self.seen:
            self.problem(node, "yaml-alias", "alias non autorisé : recopiez la valeur au lieu d'utiliser une ancre (&) et un alias (*)")
            return None
        self.seen.add(ident)
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                self.problem(node, "yaml-etiquette", f"étiquette YAML « {node.tag} » non autorisée")
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, ScalarNode):
                    self.problem(knode, "yaml-cle", "une clé doit être un simple mot, pas une liste ni un dictionnaire")
                    continue
                if knode.tag == _MERGE:
                    self.problem(knode, "yaml-alias", "la clé de fusion « << » n'est pas autorisée : recopiez les valeurs")
                    continue
                key = str(knode.value)
                if key in first_line:
                    self.problem(
                        knode,
                        "yaml-cle-dupliquee",
                        f"la clé « {key} » est présente deux fois dans ce bloc "
                        f"(première occurrence ligne {first_line[key]}) ; supprimez ou renommez l'une des deux",
                    )
                    continue
                first_line[key] = knode.start_mark.line + 1
                if type(vnode) is ScalarNode:
                    result[key] = vnode.value if vnode.tag == _STR else self.scalar(vnode)
                else:
                    result[key] = self.build(vnode, depth + 1)
            return result
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.problem(node, "yaml-etiquette", f"étiquette YAML « {node.tag} » non autorisée")
            scalar = self.scalar
            return [
                (item.value if item.tag == _STR else scalar(item)) if type(item) is ScalarNode else self.build(item, depth + 1)
                for item in node.value
            ]
        return None  # pragma: no cover - PyYAML has no other node kind

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        value = node.value
        if tag == _STR or tag == _TIMESTAMP:
            return value
        if tag == _INT:
            if len(value) > 100:  # Python refuses to read more than 4,300 digits; no rule needs 100
                self.problem(node, "yaml-nombre", f"nombre de {len(value)} caractères : trop long pour être un nombre utilisable")
                return None
            if value.isdigit() and (value[0] != "0" or len(value) == 1):
                return int(value)
            return _constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            number = _constructor.construct_yaml_float(node)
            if number != number or number in (float("inf"), float("-inf")):
                self.problem(node, "yaml-nombre", f"« {value} » n'est pas un nombre utilisable (infini ou « pas un nombre »)")
                return None
            return number
        if tag == _BOOL:
            return value.lower() in ("yes", "true", "on", "y")
        if tag == _NULL:
            return None
        self.problem(node, "yaml-etiquette", f"étiquette YAML « {tag} » non autorisée")
        return value


class TooLarge(Exception):
    """A file longer than the limit its reader allows (only ``limit + 1`` bytes were read)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit

    def french(self) -> str:
        return f"le fichier dépasse la limite de {_megabytes(self.limit)} : il n'est pas lu"


def _megabytes(size: int) -> str:
    return f"{size / 1048576:.0f} Mo" if size >= 1048576 else f"{size / 1024:.0f} Ko"


_PAUSES = [0]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading builds tens of thousands of small objects (nodes, dicts, lists) that all stay alive:
    the cyclic garbage collector would walk them again and again and free nothing (it took 60 % of
    a national validate). It is paused while loading and restored afterwards; nested pauses are
    counted, so only the outermost one turns it back on. Memory is unchanged: reference counting
    still frees every object that is dropped."""
    was_enabled = gc.isenabled()
    _PAUSES[0] += 1
    gc.disable()
    try:
        yield
    finally:
        _PAUSES[0] -= 1
        if was_enabled and _PAUSES[0] == 0:
            gc.enable()


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a file, reading at most ``limit + 1`` of them: the size the system reports is
    not trusted (a link to /dev/zero reports 0). A named pipe, a device or a socket is refused
    (:class:`NotAFile`) before it is opened, and opened without blocking in case it was swapped in
    between. Raises :class:`TooLarge` beyond the limit, ``OSError`` when the file cannot be read."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotAFile(0, "", str(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(0, "", str(path))
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    if left <= 0:
        raise TooLarge(limit)
    return b"".join(chunks)


def load_file(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and load one YAML file; never raises for bad content."""
    shown = display if display is not None else str(path)
    try:
        data = read_bounded(path, MAX_BYTES)
    except TooLarge as exc:
        return None, [Problem(shown, 1, 1, "yaml-taille", exc.french())]
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "fichier-illisible", f"lecture impossible : {os_error_fr(exc)}")]
    return load_bytes(data, shown)


def decode(data: bytes, path: str, limit: int = TEXT_MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a byte order mark is allowed); any other encoding is a located problem.

    Returns the text without its byte order mark."""
    if len(data) > limit:
        return None, [Problem(path, 1, 1, "yaml-taille", TooLarge(limit).french())]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return None, [Problem(path, 1, 1, "yaml-encodage", "le fichier est encodé en UTF-32 ; enregistrez-le en UTF-8")]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None, [Problem(path, 1, 1, "yaml-encodage", "le fichier est encodé en UTF-16 ; enregistrez-le en UTF-8")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        hint = ""
        try:
            data.decode("cp1252")
            hint = " (il semble enregistré en Windows-1252 ou Latin-1)"
        except UnicodeDecodeError:
            pass
        return None, [
            Problem(
                path,
                line,
                column,
                "yaml-encodage",
                f"le fichier n'est pas en UTF-8 : l'octet 0x{data[start]:02X} ne peut pas être lu{hint} ; enregistrez-le en UTF-8",
            )
        ]
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return None, [
            Problem(
                path,
                line,
                column,
                "yaml-encodage",
                "caractère nul dans le fichier : il n'est pas en UTF-8 (UTF-16 ?) ; enregistrez-le en UTF-8",
            )
        ]
    return text, []


def load_bytes(data: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    text, problems = decode(data, path, MAX_BYTES)
    if text is None:
        return None, problems
    # libyaml reads UTF-8 bytes faster than a str, with the same (character) positions
    return load_text(text, path, data[3:] if data.startswith(b"\xef\xbb\xbf") else data)


def load_text(text: str, path: str, raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    """Load YAML text; returns the document (None if unusable) and the problems found.

    ``raw`` is the same content as UTF-8 bytes, when the caller has them."""
    if _ANCHOR_OR_ALIAS.search(text):
        problems = _anchor_problems(text, path)
        if problems:
            return None, problems
    try:
        root = yaml.compose(raw if raw is not None and C_LOADER else text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, path, text)]
    except yaml.YAMLError:  # libyaml's text is English: only its position would help, and it has none
        return None, [
            Problem(
                path,
                1,
                1,
                "yaml-syntaxe",
                "syntaxe YAML incorrecte : vérifiez l'indentation, les guillemets, les crochets et les accolades",
            )
        ]
    except RecursionError:
        return None, [_too_deep(path)]
    if root is None:
        return None, [Problem(path, 1, 1, "yaml-vide", "le fichier est vide")]
    builder = _Builder(path)
    try:
        data = builder.build(root)
    except RecursionError:
        return None, [_too_deep(path)]
    except (ValueError, OverflowError, yaml.YAMLError):  # a malformed number, for instance
        return None, [Problem(path, 1, 1, "yaml-syntaxe", "valeur illisible (un nombre mal formé ?)")]
    return Document(path, data, root, text), builder.problems


def _too_deep(path: str, line: int = 1, column: int = 1) -> Problem:
    return Problem(
        path,
        line,
        column,
        "yaml-profondeur",
        f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : vérifiez l'indentation et les crochets",
    )


def _anchor_problems(text: str, path: str) -> list[Problem]:
    """Exact positions of anchors and aliases, from the event stream (only when the text may hold one)."""
    problems: list[Problem] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    _at(
                        event.start_mark,
                        path,
                        "yaml-alias",
                        f"alias « *{event.anchor} » non autorisé : recopiez la valeur au lieu d'utiliser un alias",
                    )
                )
            elif anchor := getattr(event, "anchor", None):
                problems.append(
                    _at(
                        event.start_mark,
                        path,
                        "yaml-alias",
                        f"ancre « &{anchor} » non autorisée : les ancres et alias sont refusés dans ces fichiers",
                    )
                )
            if len(problems) >= 20:
                break
    except yaml.YAMLError:
        return problems  # the syntax error itself is reported by compose
    return problems


def _at(mark: Any, path: str, code: str, message: str) -> Problem:
    return Problem(path, mark.line + 1, mark.column + 1, code, message)


_SYNTAX_FR: list[tuple[str, str]] = [
    ("found character '\\t' that cannot start any token", "tabulation interdite : indentez avec des espaces"),
    (
        "mapping values are not allowed",
        "« : » suivi d'une espace sépare une clé de sa valeur ; un texte qui contient « : » doit être écrit entre guillemets (ou l'indentation est à corriger)",
    ),
    ("could not find expected ':'", "il manque « : » après une clé"),
    (
        "did not find expected node content",
        "valeur attendue : un « [ » ou un « { » n'est pas refermé, ou une valeur manque après « - » ou « : »",
    ),
    ("did not find expected key", "indentation incohérente : une clé est attendue à ce niveau"),
    ("did not find expected '-' indicator", "indentation incohérente dans une liste : un « - » est attendu"),
    ("expected a single document in the stream", "un seul document par fichier : retirez le séparateur « --- »"),
    ("found unexpected end of stream", "fin de fichier inattendue : une chaîne entre guillemets n'est pas fermée ?"),
    ("found undefined alias", "alias non défini"),
    ("found unknown escape character", "séquence d'échappement inconnue dans une chaîne entre guillemets doubles"),
    ("did not find expected ',' or ']'", "liste entre crochets non fermée : il manque « , » ou « ] »"),
    ("did not find expected ',' or '}'", "dictionnaire entre accolades non fermé : il manque « , » ou « } »"),
    ("found unexpected ':'", "deux-points inattendu"),
    ("found character that cannot start any token", "caractère qui ne peut pas commencer une valeur : mettez la valeur entre guillemets"),
    ("block sequence entries are not allowed in this context", "élément de liste « - » mal placé : corrigez l'indentation"),
    ("expected <block end>, but found", "indentation incohérente"),
    ("control characters are not allowed", "caractère de contrôle interdit dans le fichier"),
]


# A double-quoted value followed by more text on the same line: extrait: "Il dit "2 ans"."
_QUOTE_INSIDE = re.compile(r"""(?:^\s*(?:-\s+)?(?:[\w.-]+:\s+)?|[{,\[]\s*(?:[\w.-]+:\s+)?)"(?:[^"\\]|\\.)*"(?!:(?:\s|$))[^\s,}\]#]""")
_QUOTE_INSIDE_FR = (
    "guillemet \" à l'intérieur d'un texte entre guillemets : le texte s'arrête au deuxième guillemet. "
    "Écrivez les guillemets du texte « ainsi », ou entourez le texte d'apostrophes ('...', une apostrophe du texte s'écrivant alors '')"
)


# A line that YAML would read as « key: value » (or a list item holding one): when such lines sit
# inside a quoted text, the quote that opened it was not closed where the editor meant.
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?(?:\{\s*)?[\w.-]+:(?:\s|$)")


def _unclosed_quote(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem | None:
    """« guillemet non fermé » at the opening quote, when the syntax error comes from a quoted
    text that runs on: to the end of the file, or over lines that look like keys of their own
    (the next quote of the file closed it, and what follows no longer parses)."""
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        mark = exc.context_mark
        quote = _quote_at(text, mark.line, mark.column)
        return _at(
            mark,
            path,
            "yaml-syntaxe",
            f"guillemet non fermé : le texte ouvert ici par {quote} continue jusqu'à la fin du fichier ; "
            f"fermez-le à la fin de la ligne {mark.line + 1}",
        )
    error_line = exc.problem_mark.line if exc.problem_mark is not None else len(text)
    lines = text.splitlines()
    runaway: Any = None
    try:  # the pure Python scanner, on the error path only: the tokens before the fault
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                first, last = token.start_mark.line, token.end_mark.line
                if last > first and last < len(lines) and _runs_on(lines, first, last, token.end_mark.column):
                    runaway = token
    except yaml.YAMLError:
        pass
    if runaway is None:
        return None
    first, last = runaway.start_mark.line, runaway.end_mark.line
    quote = _quote_at(text, first, runaway.start_mark.column)
    following = "à l'apostrophe suivante" if "apostrophe" in quote else "au guillemet suivant"
    swallowed = f"la ligne {first + 2} est lue" if last == first + 1 else f"les lignes {first + 2} à {last + 1} sont lues"
    return _at(
        runaway.start_mark,
        path,
        "yaml-syntaxe",
        f"guillemet non fermé : le texte ouvert ici par {quote} continue jusqu'{following}, "
        f"ligne {last + 1} ({swallowed} comme du texte) ; fermez-le à la fin de la ligne {first + 1}",
    )


def _runs_on(lines: list[str], first: int, last: int, end_column: int) -> bool:
    """True if a quoted text from line ``first`` to ``last`` swallowed lines that look like keys
    and its closing quote is followed by more text: that quote was meant to open a new text."""
    after = lines[last][end_column:].lstrip(" ")
    if not after or after[0] in ":,]}#":
        return False
    return any(_KEY_LINE.match(lines[i]) for i in range(first + 1, last + 1))


def _quote_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    char = lines[line][column] if line < len(lines) and column < len(lines[line]) else '"'
    return "une apostrophe (')" if char == "'" else 'un guillemet (")'


_GLUED = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*):([^\s/][^#]*?)\s*$")  # « mois:24 », not « url: https:// »


def _glued_colon(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, int, str, str] | None:
    """A line above the error written « key:value » without the space after « : »: YAML reads it as
    one text, and the next key of the block then fails. (line index, column of the colon, key, value)."""
    mark = exc.problem_mark
    if mark is None or not 1 <= mark.line < len(lines):
        return None
    # the glued line is the one just above the failing key, at that key's indentation
    above, failing = lines[mark.line - 1], lines[mark.line]
    found = _GLUED.match(above)
    indent = len(failing) - len(failing.lstrip(" "))
    if found and len(found.group(1).replace("- ", "  ")) == indent and re.match(r"\s*[\w-]+:(\s|$)", failing):
        return mark.line - 1, len(found.group(1)) + len(found.group(2)), found.group(2), found.group(3)
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return Problem(path, line, column, "yaml-syntaxe", "tabulation interdite : indentez avec des espaces")
    english = f"{exc.context or ''} {exc.problem or ''}"
    if "nesting depth" in english or "recursion" in english:  # libyaml stops at 1,000 levels
        return _too_deep(path, line, column)
    unclosed = _unclosed_quote(exc, text, path)
    if unclosed is not None:
        return unclosed
    lines = text.splitlines()
    glued = _glued_colon(exc, lines) if "mapping values are not allowed" in english else None
    if glued is not None:
        at, col, key, value = glued
        return Problem(
            path,
            at + 1,
            col + 1,
            "yaml-syntaxe",
            f"« {key}:{value} » : il manque une espace après « : » (écrivez « {key}: {value} ») ; sans elle, la ligne est lue comme un texte",
        )
    if mark is not None and mark.line < len(lines) and _QUOTE_INSIDE.search(lines[mark.line]):
        return Problem(path, line, column, "yaml-syntaxe", _QUOTE_INSIDE_FR)
    for needle, french in _SYNTAX_FR:
        if needle in english:
            return Problem(path, line, column, "yaml-syntaxe", french)
    return Problem(
        path,
        line,
        column,
        "yaml-syntaxe",
        "syntaxe YAML incorrecte à cet endroit : vérifiez l'indentation, les guillemets, les crochets et les accolades de la ligne",
    )
