"""Inheritance from the national frame: a regional dispositif that ``etend`` a frame is merged over it.

Merge rules (the kustomize idea, kept small): blocks are merged key by key, a value written in the
region replaces the frame's, lists of blocks that all carry a key (``role``, ``id`` or ``code``) are
merged item by item on that key, other lists are replaced whole, ``_supprimer: true`` on a keyed
item removes the inherited item, and an item the frame does not have must say ``_ajout: true`` (an
unmarked one is most often a typo in its key). Every value of the result remembers the file and path it came from,
so that a problem found on the merged dispositif points at the right line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .yamlload import Document

LIST_KEYS = ("role", "id", "code")
Path_ = tuple[Any, ...]


@dataclass
class Effective:
    """A dispositif after inheritance, with the origin (document, path) of its parts."""

    data: dict[str, Any]
    doc: Document
    origin: dict[Path_, tuple[Document, Path_]] = field(default_factory=dict)
    removals_missing: list[Path_] = field(default_factory=list)  # own paths of _supprimer with no inherited item
    unmarked_additions: list[tuple[Path_, str, list[str]]] = field(default_factory=list)  # (own path, key, frame keys)
    marked_existing: list[Path_] = field(default_factory=list)  # own paths of _ajout on an item the frame has

    def source_of(self, path: Path_) -> tuple[Document, Path_]:
        """The document and path where the value at ``path`` of the merged data was written."""
        for cut in range(len(path), -1, -1):
            found = self.origin.get(tuple(path[:cut]))
            if found is not None:
                doc, base = found
                return doc, tuple(base) + tuple(path[cut:])
        return self.doc, tuple(path)


def own(doc: Document) -> Effective:
    """A dispositif without inheritance: its own data, located in its own file."""
    return Effective(doc.data, doc, {(): (doc, ())})


def extend(frame: Document, doc: Document) -> Effective:
    """Merge ``doc`` (regional) over ``frame`` (national)."""
    result = Effective({}, doc)
    merged = _merge(frame.data, doc.data, frame, doc, (), (), (), result)
    result.data = merged if isinstance(merged, dict) else {}
    result.data.pop("cadre_national", None)
    return result


def _key_of(items: Any) -> str | None:
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in LIST_KEYS:
        if all(key in i for i in items):
            return key
    return None


def _merge(base: Any, over: Any, bdoc: Document, odoc: Document, bpath: Path_, opath: Path_, epath: Path_, out: Effective) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out.origin[epath] = (odoc, opath)
        merged: dict[str, Any] = {}
        for key, value in base.items():
            if key in over:
                merged[key] = _merge(value, over[key], bdoc, odoc, bpath + (key,), opath + (key,), epath + (key,), out)
            else:
                out.origin[epath + (key,)] = (bdoc, bpath + (key,))
                merged[key] = value
        for key, value in over.items():
            if key not in base:
                out.origin[epath + (key,)] = (odoc, opath + (key,))
                merged[key] = value
        return merged
    key = _key_of(base)
    if key is not None and isinstance(over, list) and _key_of(over) == key:
        out.origin[epath] = (odoc, opath)
        base_index = {item[key]: i for i, item in enumerate(base)}
        over_index = {item[key]: i for i, item in enumerate(over)}
        result: list[Any] = []
        for i, item in enumerate(base):
            j = over_index.get(item[key])
            if j is None:
                out.origin[epath + (len(result),)] = (bdoc, bpath + (i,))
                result.append(item)
            elif over[j].get("_supprimer") is True:
                continue
            else:
                result.append(_merge(item, over[j], bdoc, odoc, bpath + (i,), opath + (j,), epath + (len(result),), out))
        for j, item in enumerate(over):
            if item[key] in base_index:
                if item.get("_ajout") is True:
                    out.marked_existing.append(opath + (j,))
                continue
            if item.get("_supprimer") is True:
                out.removals_missing.append(opath + (j,))
                continue
            if item.get("_ajout") is not True:
                out.unmarked_additions.append((opath + (j,), key, [str(b[key]) for b in base]))
            out.origin[epath + (len(result),)] = (odoc, opath + (j,))
            result.append(item)
        return result
    out.origin[epath] = (odoc, opath)
    return over
