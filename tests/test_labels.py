"""The label registry: every enum of the schemas has its French labels there (the editor shows
them), and no other module keeps a table of French words for the same codes."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from postinternat_config import labels
from postinternat_config.paths import PACKAGE, schemas_dir

REGISTRY = PACKAGE / "labels.py"


def _enums(node: Any, in_if: bool = False) -> Iterator[tuple[list[Any], Any]]:
    if isinstance(node, dict):
        if "enum" in node and not in_if:
            yield node["enum"], node.get("enumDescriptions")
        for key, value in node.items():
            yield from _enums(value, in_if or key == "if")
    elif isinstance(node, list):
        for item in node:
            yield from _enums(item, in_if)


def _schema_enums() -> list[tuple[list[Any], Any]]:
    found = []
    for path in sorted(schemas_dir().glob("*.schema.json")):
        found.extend(_enums(json.loads(path.read_text(encoding="utf-8"))))
    return found


def test_every_enum_has_one_french_label_per_value() -> None:
    enums = _schema_enums()
    assert len(enums) >= 15
    for values, descriptions in enums:
        assert isinstance(descriptions, list) and len(descriptions) == len(values), values
        assert all(isinstance(d, str) and d.strip() for d in descriptions), values
    # a code has one label wherever its field appears (canal of a campaign and of a dispositif...)
    for name, table in labels.vocabularies().items():
        for values, descriptions in enums:
            if set(values) <= set(table) and descriptions:
                assert all(table[v] == d for v, d in zip(values, descriptions, strict=False)) or "." not in name, name


def test_labels_come_from_the_schemas() -> None:
    assert labels.label("canal", "courriel") == "par courriel"
    assert labels.label("porteur", "porteur_projet") == "le porteur du projet"
    assert labels.label("statut", "relance_prevue") == "relance prévue"
    assert labels.label("famille", "aumg") == "Assistants universitaires de médecine générale"
    assert labels.label("source.type", "arrete") == "arrêté"
    assert labels.label("canal", "inconnu") == "inconnu" and labels.label("canal", None, "") == ""
    assert labels.missing("inscription_ordre") == "date d'inscription à l'Ordre"
    assert labels.missing("structures[2].quotite") == "quotité de la structure n°2"


def _enum_code_sets() -> list[set[str]]:
    sets = [set(v) for v, _d in _schema_enums() if all(isinstance(x, str) for x in v)]
    sets += [set(labels.STATUTS), set(labels.VERDICTS), set(labels.DELAIS), set(labels.PRIORITES), set(labels.CHANGEMENTS)]
    return sets


def _is_french(text: str) -> bool:
    """Words rather than symbols or colour names: a letter, and a space or an accented letter."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and (" " in text.strip() or any(not c.isascii() for c in letters))


def _french_tables(path: Path, code_sets: list[set[str]]) -> list[str]:
    """Dict literals of a module whose keys are all codes of one vocabulary (an enum of the
    schemas, or the tool's own result codes) and whose values are French words."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict) or len(node.keys) < 2:
            continue
        keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        values = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        if len(keys) != len(node.keys) or len(values) != len(node.values) or not any(_is_french(v) for v in values):
            continue
        if any(set(keys) <= codes for codes in code_sets):
            found.append(f"{path}:{node.lineno}")
    return found


def test_no_module_but_the_registry_keeps_a_table_of_enum_labels() -> None:
    code_sets = _enum_code_sets()
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != REGISTRY:
            found.extend(_french_tables(path, code_sets))
    assert found == []
    assert _french_tables(REGISTRY, code_sets)  # the check does see a table when there is one


def test_the_command_line_starts_without_reading_the_schemas() -> None:
    code = "import sys, json; from postinternat_config import cli, labels; print(labels.vocabularies.cache_info().currsize)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"
