"""``export rules``: the rulebook as JSON for the site's evaluator, and the shared test vectors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .outputs import write_atomic
from .problems import PostinternatError
from .rulebook import Rulebook
from .yamlload import load_file


def dumps(data: Any, compact: bool = False) -> str:
    """Deterministic JSON: sorted keys, UTF-8 text, a final newline (``compact``: no indentation,
    for large files read by programs)."""
    if compact:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def load_vectors(path: Path) -> list[dict[str, Any]]:
    """The hand-written test vectors (YAML), each: id, region, dispositif, candidat, projet, attendu."""
    doc, problems = load_file(path, str(path))
    if doc is None or problems:
        raise PostinternatError("vecteurs de test illisibles : " + "; ".join(p.format() for p in problems))
    vectors = doc.data.get("vecteurs") if isinstance(doc.data, dict) else None
    if not isinstance(vectors, list):
        raise PostinternatError(f"{path} : une liste « vecteurs » est attendue")
    return vectors


def export_rules(book: Rulebook, output: Path, vectors: Path | None) -> list[Path]:
    from .progress import set_current_file

    if vectors is not None:
        set_current_file(vectors)
    written = []
    target = output / "regles.json"
    write_atomic(target, dumps(book.as_dict()))
    written.append(target)
    if vectors is not None:
        target = output / "vecteurs.json"
        write_atomic(target, dumps({"version": 1, "vecteurs": load_vectors(vectors)}))
        written.append(target)
    return written
