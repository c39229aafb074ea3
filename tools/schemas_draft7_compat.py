"""One-off migration kept for reference: make the schemas readable by editors that only know
draft 7 (VS Code's YAML extension ignores ``unevaluatedProperties`` and keywords beside ``$ref``).
Objects that pulled ``source``/``extrait``/``note`` through ``$ref: cite`` list them explicitly and
close themselves with ``additionalProperties: false``.

    python tools/schemas_draft7_compat.py && python tools/format_schemas.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def migrate(node: Any, in_common: bool) -> Any:
    if isinstance(node, list):
        return [migrate(x, in_common) for x in node]
    if not isinstance(node, dict):
        return node
    node = {k: migrate(v, in_common) for k, v in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.endswith("#/$defs/cite") and ("properties" in node or "unevaluatedProperties" in node):
        prefix = "#/$defs/" if in_common else "common.schema.json#/$defs/"
        del node["$ref"]
        props = dict(node.get("properties", {}))
        props["source"] = {"$ref": prefix + "source_id"}
        props["extrait"] = {"$ref": prefix + "extrait"}
        props["note"] = {"$ref": prefix + "note"}
        node["properties"] = props
        if node.pop("unevaluatedProperties", None) is False or True:
            node["additionalProperties"] = False
    elif "unevaluatedProperties" in node:
        node["additionalProperties"] = node.pop("unevaluatedProperties")
    return node


def main() -> None:
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        in_common = path.name == "common.schema.json"
        if in_common:
            cite = data["$defs"]["cite"]["properties"]
            data["$defs"]["source_id"] = cite["source"] | {"$ref": "#/$defs/identifiant"}
            data["$defs"]["extrait"] = cite["extrait"]
            data["$defs"]["note"] = cite["note"]
        data = migrate(data, in_common)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
