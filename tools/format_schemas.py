"""Format the JSON Schemas: 2-space indentation, small objects and arrays kept on one line.

python tools/format_schemas.py          # rewrite schemas/*.schema.json
python tools/format_schemas.py --check  # exit 1 if a file is not formatted
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
WIDTH = 140


def dump(value: Any, indent: int = 0) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= WIDTH or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dump(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{dump(v, indent + 2)}" for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def main(argv: list[str]) -> int:
    bad = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        formatted = dump(json.loads(text)) + "\n"
        if formatted != text:
            bad.append(path)
            if "--check" not in argv:
                path.write_text(formatted, encoding="utf-8")
    if "--check" in argv and bad:
        print("non formatés : " + ", ".join(p.name for p in bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
