"""The condition types, one module each: the registry.

Every module of this package whose name does not start with an underscore is a condition type
(or, for ``combinateurs``, a family of them). It holds everything the tool knows about its type:

``TYPES``
    the rulebook ``type`` values it handles (one, or the three combinators);
``RANK``
    its place: the order in which the rulebook writes the conditions derived from a dispositif's
    fields, and the order of the JavaScript evaluator's objects (``site/docs/assets/evaluateur.js``);
``IN_ELIGIBILITE``
    whether an ARS may write it in a dispositif's ``eligibilite`` list (the schema's condition
    vocabulary), rather than it being derived from ``specialites``, ``duree`` or ``lieux``;
``ZONE``
    whether it is a zone requirement (``compare`` shows those in their own row);
``compile(cond) -> Check``
    the check, compiled once per dispositif (the hot path);
``explain(cond, outcome) -> str``
    the French sentence of a result: the value used and the threshold;
``describe(cond, labels) -> str``
    the French sentence of the rule itself, the one the site, ``compare`` and ``diff`` show
    (``labels``: the dispositif's lieu labels by role);

optionally ``nearest(cond, outcome, facts)``: for a « ko » result, the smallest changes to the
project that meet the condition (:func:`postinternat_config.conditions._base.change`), or a
sentence saying why no change to the project can (``nearest`` in ``evaluateur.js`` too);

and, when the rulebook form is not the YAML one, ``from_yaml(raw, build, ident)`` (an
``eligibilite`` entry), ``from_lieu(lieu, build)`` (conditions derived from an entry of ``lieux``)
or ``from_dispositif(data, build)`` (from the dispositif's own fields).

Adding a type is adding a module here (and its entry in the schema's vocabulary, and its vectors):
nothing else names the types. The modules are found by :func:`discover`, once, when first needed.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

# the outcome vocabulary, for the engine too (``_base`` is this package's own)
from ._base import (
    INCONNU as INCONNU,
)
from ._base import (
    KO as KO,
)
from ._base import (
    OK as OK,
)
from ._base import (
    Build as Build,
)
from ._base import (
    Check as Check,
)
from ._base import (
    Facts as Facts,
)
from ._base import (
    Outcome as Outcome,
)
from ._base import (
    combine as combine,
)

INTERFACE = ("TYPES", "RANK", "IN_ELIGIBILITE", "ZONE", "compile", "explain", "describe")

_registry: dict[str, ModuleType] | None = None


def discover() -> dict[str, ModuleType]:
    """Find the condition modules of the package's path (again): type → module, by rank."""
    global _registry
    found: list[ModuleType] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        found.append(importlib.import_module(f"{__name__}.{info.name}"))
    registry: dict[str, ModuleType] = {}
    for module in sorted(found, key=lambda m: (m.RANK, m.__name__)):
        missing = [name for name in INTERFACE if not hasattr(module, name)]
        if missing:
            raise TypeError(f"{module.__name__}: interface incomplète ({', '.join(missing)})")
        for kind in module.TYPES:
            if kind in registry:
                raise TypeError(f"{module.__name__}: le type {kind} est déjà celui de {registry[kind].__name__}")
            registry[kind] = module
    _registry = registry
    return registry


def registry() -> dict[str, ModuleType]:
    """Type → module, in rank order."""
    return _registry if _registry is not None else discover()


def modules() -> list[ModuleType]:
    """Each module once, in rank order."""
    return list(dict.fromkeys(registry().values()))


def module_of(cond: dict[str, Any]) -> ModuleType | None:
    return registry().get(cond.get("type", ""))


def compile_condition(cond: dict[str, Any]) -> Check:
    check: Check = registry()[cond["type"]].compile(cond)
    return check


def explain(cond: dict[str, Any], outcome: Any) -> str:
    """The French sentence of a condition's result."""
    from ..labels import status

    module = module_of(cond)
    if module is None:
        return f"Condition {cond.get('type')} : {status(outcome.status)}."
    text: str = module.explain(cond, outcome)
    return text


def nearest(cond: dict[str, Any], outcome: Outcome, facts: Facts) -> list[dict[str, Any]] | str:
    """For a « ko » result: the changes to the project that meet the condition, or why none can."""
    module = module_of(cond)
    if module is None or not hasattr(module, "nearest"):
        return "aucune variante n'est calculée pour cette condition"
    found: list[dict[str, Any]] | str = module.nearest(cond, outcome, facts)
    return found


def describe(cond: dict[str, Any], labels: dict[str, str] | None = None) -> str:
    """The French sentence of a rule (rulebook form)."""
    module = module_of(cond)
    if module is None:
        return str(cond.get("type"))
    text: str = module.describe(cond, labels or {})
    return text


def _kind(raw: dict[str, Any]) -> str | None:
    if "type" in raw:
        return str(raw["type"])
    return next((key for key in raw if key in registry()), None)  # a combinator: its key


def is_rule(raw: Any) -> bool:
    """True for an ``eligibilite`` entry (a typed condition or a combinator) in YAML form."""
    if not isinstance(raw, dict):
        return False
    kind = _kind(raw)
    module = registry().get(kind or "")
    return module is not None and bool(module.IN_ELIGIBILITE)


def from_yaml(raw: dict[str, Any], build: Build | None = None, ident: str = "") -> dict[str, Any]:
    """An ``eligibilite`` entry in the rulebook form (combinators kept)."""
    build = build or Build()
    module = registry().get(_kind(raw) or "")
    if module is not None and hasattr(module, "from_yaml"):
        cond: dict[str, Any] = module.from_yaml(raw, build, ident)
        return cond
    from ._base import plain

    return plain(raw, build, ident)


def describe_yaml(raw: dict[str, Any], labels: dict[str, str] | None = None, zones: dict[str, str] | None = None) -> str:
    """The French sentence of an ``eligibilite`` entry as the YAML writes it (``zones``: the zone
    labels of the region)."""
    return describe(from_yaml(raw, Build(labels=labels, zones=zones)), labels)


def from_dispositif(data: dict[str, Any], build: Build) -> list[dict[str, Any]]:
    """Every condition of a dispositif, in the rulebook form: those of its own fields, of each of
    its lieux, then its ``eligibilite`` list."""
    found: list[dict[str, Any]] = []
    ordered = modules()
    for module in ordered:
        if hasattr(module, "from_dispositif"):
            found.extend(module.from_dispositif(data, build))
    for lieu in data.get("lieux") or []:
        for module in ordered:
            if hasattr(module, "from_lieu"):
                found.extend(module.from_lieu(lieu, build))
    for i, raw in enumerate(data.get("eligibilite") or []):
        found.append(from_yaml(raw, build, f"eligibilite.{i + 1}"))
    return found


def walk(conditions: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every condition of a rulebook list at any depth (a combinator, then its ``conditions``)."""
    for cond in conditions:
        yield cond
        yield from walk(cond.get("conditions") or [])


def walk_yaml(entries: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Every entry of an ``eligibilite`` list as the YAML writes it, at any depth (a combinator is
    written by its key: ``tous``, ``au_moins_un``, ``aucun``)."""
    for raw in entries:
        if not isinstance(raw, dict):
            continue
        yield raw
        kind = _kind(raw)
        if kind and "type" not in raw and isinstance(raw.get(kind), list):
            yield from walk_yaml(raw[kind])


def is_zone(cond: dict[str, Any]) -> bool:
    """A zone requirement: a zone condition, or a combination of zone conditions only."""
    children = cond.get("conditions")
    if children:
        return all(is_zone(child) for child in children)
    module = module_of(cond)
    return module is not None and bool(module.ZONE)


__all__ = [
    "OK",
    "KO",
    "INCONNU",
    "Build",
    "Check",
    "Facts",
    "Outcome",
    "compile_condition",
    "explain",
    "describe",
    "nearest",
    "describe_yaml",
    "walk",
    "walk_yaml",
    "from_yaml",
    "from_dispositif",
    "is_rule",
    "is_zone",
    "discover",
    "registry",
    "modules",
]
