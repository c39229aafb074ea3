"""Semantic rules beyond the schemas. Each module has an ``ID``, a docstring (its documentation)
and ``check(ctx)`` yielding problems; they run only on documents that passed their schema."""

from __future__ import annotations

from types import ModuleType

from . import (
    a_completer,
    calendrier,
    campagnes,
    extraits,
    heritage,
    identifiants,
    pourcentage,
    quotas,
    quotite,
    referentiel,
    series,
    sources,
    zones,
)

RULES: tuple[ModuleType, ...] = (
    a_completer,
    identifiants,
    heritage,
    sources,
    extraits,
    referentiel,
    zones,
    quotite,
    pourcentage,
    series,
    calendrier,
    campagnes,
    quotas,
)
