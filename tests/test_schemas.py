"""The schemas themselves: valid draft 2020-12, local references only, French help on every field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from postinternat_config.paths import schemas_dir

SCHEMAS = sorted(schemas_dir().glob("*.schema.json"))
ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _resolve(ref: str, current: Path) -> dict[str, Any]:
    name, _, pointer = ref.partition("#")
    target = _load(schemas_dir() / name) if name else _load(current)
    for part in [p for p in pointer.split("/") if p]:
        target = target[part]
    return target


def _properties(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{path}.{name}", sub
        for key, value in node.items():
            if key != "if":  # an `if` matches on a field, it does not declare one
                yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _properties(item, f"{path}[{i}]")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_2020_12(path: Path) -> None:
    schema = _load(path)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "$id" not in schema, "a $id would make editors fetch relative $refs over the network"


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_refs_are_local_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for ref in [part.split('"')[0] for part in text.split('"$ref": "')[1:]]:
        name = ref.partition("#")[0]
        assert not name or (schemas_dir() / name).exists(), ref
        assert "://" not in ref


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_field_has_french_help_and_examples(path: Path) -> None:
    missing = []
    for where, sub in _properties(_load(path), path.name):
        merged = dict(sub)
        if "$ref" in sub:
            merged = {**_resolve(sub["$ref"], path), **sub}
        if not merged.get("description"):
            missing.append(f"{where}: description")
        if "examples" not in merged and "const" not in merged:
            missing.append(f"{where}: examples")
    assert missing == []


def test_schemas_are_formatted() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "tools" / "format_schemas.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_yaml_files_declare_their_schema() -> None:
    for path in sorted((ROOT / "regions").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
        assert target.exists(), f"{path}: {target}"
