"""What a semantic rule sees: one region (or the national frame) with its documents, the national
frame it may extend, the effective dispositifs after inheritance, and helpers to report problems."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .heritage import Effective, extend, own
from .problems import ERREUR, Problem
from .suggestions import did_you_mean
from .workspace import RegionTree
from .yamlload import Document


@dataclass
class Context:
    tree: RegionTree
    national: RegionTree | None
    effective: dict[str, Effective] = field(default_factory=dict)  # dispositif id (file stem) → merged
    _blocks: dict[int, list[tuple[tuple[Any, ...], dict[str, Any]]]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, tree: RegionTree, national: RegionTree | None) -> Context:
        ctx = cls(tree, national)
        frames = ctx.frames()
        for stem, doc in tree.dispositifs.items():
            if not tree.valid(doc):
                continue
            parent = doc.data.get("etend")
            frame = frames.get(parent) if isinstance(parent, str) else None
            if frame is not None and national is not None and national.valid(frame) and frame is not doc:
                ctx.effective[stem] = extend(frame, doc)
            else:
                ctx.effective[stem] = own(doc)
        return ctx

    # -- lookups ---------------------------------------------------------------------------

    def frames(self) -> dict[str, Document]:
        """National dispositif frames by id."""
        if self.national is None:
            return {}
        return {stem: doc for stem, doc in self.national.dispositifs.items()}

    def valid(self, doc: Document | None) -> bool:
        return self.tree.valid(doc)

    def doc(self, kind: str) -> Document | None:
        """A single-file document of this region (region, sources, zonage, cadre) if schema-valid."""
        doc = self.tree.doc(kind)
        return doc if self.valid(doc) else None

    def national_doc(self, kind: str) -> Document | None:
        if self.national is None or self.national is self.tree:
            return None
        doc = self.national.doc(kind)
        return doc if self.national.valid(doc) else None

    def campagnes(self) -> Iterator[tuple[str, Document]]:
        for stem, doc in self.tree.campagnes.items():
            if self.valid(doc):
                yield stem, doc

    def valid_docs(self) -> Iterator[tuple[str, Document]]:
        for kind, doc in self.tree.all_docs():
            if self.valid(doc):
                yield kind, doc

    def blocks(self, data: Any) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        """Every block (mapping) of ``data`` with its path, computed once per document and shared by
        the rules; the commune lists of a zonage are not descended into."""
        key = id(data)
        found = self._blocks.get(key)
        if found is None:
            found = [(path, value) for path, value in _containers(data) if isinstance(value, dict)]
            self._blocks[key] = found
        return found

    # -- reporting -------------------------------------------------------------------------

    def at(self, doc: Document, path: Sequence[Any], code: str, message: str, level: str = ERREUR, key: bool = False) -> Problem:
        line, col = doc.locate(list(path), key=key)
        return Problem(doc.path, line, col, code, message, level)

    def at_effective(self, eff: Effective, path: Sequence[Any], code: str, message: str, level: str = ERREUR, key: bool = False) -> Problem:
        doc, real = eff.source_of(tuple(path))
        return self.at(doc, real, code, message, level, key)


def suggest(name: str, options: Sequence[str]) -> str:
    """ " Vouliez-vous dire « x » ?" when a close option exists."""
    hint = did_you_mean(name, options)
    return f" {hint}" if hint else ""


def _containers(data: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Blocks and lists only (scalars are read through their parent block)."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if isinstance(value, dict):
            for key, child in value.items():
                if key != "communes" and isinstance(child, (dict, list)):
                    stack.append((path + (key,), child))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                if isinstance(child, (dict, list)):
                    stack.append((path + (index,), child))
