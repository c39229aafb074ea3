"""Rendering a diff: text (coloured on a terminal), Markdown for a pull request, JSON."""

from __future__ import annotations

import json
import re
from typing import Any

import click

from .diff import Diff, iter_sections
from .explain import french_date

SYMBOL = {"ajout": "+", "suppression": "-", "modification": "±"}
WORD = {"ajout": "ajouté", "suppression": "retiré", "modification": "modifié"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def show(value: Any) -> str:
    """A value in a few French words."""
    if value is None:
        return "—"
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if isinstance(value, str):
        return french_date(value) if _DATE.match(value) else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value).replace(".", ",")
    if isinstance(value, list):
        return ", ".join(show(v) for v in value) if value else "(vide)"
    if isinstance(value, dict):
        if _is_fuzzy_date(value):
            from .dates import describe

            text = describe(value)
            if value.get("incluse") is True:
                text += " (inclus)"
            return text
        if set(value) == {"id"}:
            return str(value["id"])
        if "texte" in value:
            rest = {k: v for k, v in value.items() if k != "texte"}
            return value["texte"] + (f" ({show(rest)})" if rest else "")
        return "; ".join(f"{k} : {show(v)}" for k, v in value.items())
    return str(value)


def _is_fuzzy_date(value: dict[str, Any]) -> bool:
    return (isinstance(value.get("date"), str) and bool(_DATE.match(value["date"]))) or (
        isinstance(value.get("mois"), str) and bool(re.match(r"^\d{4}-\d{2}$", value["mois"]))
    ) or ("annee" in value and "saison" in value)


def _sources(change: Any) -> str:
    if change.source_left == change.source_right:
        return change.source_left or ""
    return " / ".join(s or "—" for s in (change.source_left, change.source_right))


def render_text(result: Diff, colour: bool) -> str:
    lines = [f"Comparaison : {result.left} → {result.right}"]
    if not result.changes:
        lines.append("Aucune différence.")
        return "\n".join(lines) + "\n"
    lines.append(f"{len(result.changes)} différence(s)")
    for section, changes in iter_sections(result.changes):
        lines.append("")
        lines.append(click.style(section, bold=True) if colour else section)
        for c in changes:
            label = c.label or "(ensemble)"
            if c.kind == "modification":
                text = f"  {SYMBOL[c.kind]} {label} : {show(c.old)} → {show(c.new)}"
            elif c.kind == "ajout":
                text = f"  {SYMBOL[c.kind]} {label} : {show(c.new)}"
            else:
                text = f"  {SYMBOL[c.kind]} {label} : {show(c.old)}"
            if colour:
                text = click.style(text, fg={"ajout": "green", "suppression": "red", "modification": "yellow"}[c.kind])
            lines.append(text)
            if _sources(c):
                lines.append(f"      sources : {_sources(c)}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: Diff) -> str:
    lines = [f"# Comparaison : {result.left} → {result.right}", ""]
    if not result.changes:
        lines.append("Aucune différence.")
        return "\n".join(lines) + "\n"
    counts = {k: sum(1 for c in result.changes if c.kind == k) for k in ("modification", "ajout", "suppression")}
    lines.append(f"{len(result.changes)} différence(s) : {counts['modification']} modifiée(s), {counts['ajout']} ajoutée(s), {counts['suppression']} retirée(s).")
    for section, changes in iter_sections(result.changes):
        lines += ["", f"## {section}", "", f"| Élément | Changement | {_cell(result.left)} | {_cell(result.right)} | Sources |", "|---|---|---|---|---|"]
        for c in changes:
            lines.append(f"| {_cell(c.label or '(ensemble)')} | {WORD[c.kind]} | {_cell(show(c.old) if c.kind != 'ajout' else '—')} | {_cell(show(c.new) if c.kind != 'suppression' else '—')} | {_cell(_sources(c))} |")
    return "\n".join(lines) + "\n"


def render_json(result: Diff) -> str:
    data = {
        "version": 1,
        "gauche": result.left,
        "droite": result.right,
        "identique": not result.changes,
        "paires": [{"gauche": l, "droite": r} for l, r in result.pairs],
        "changements": [c.as_dict() for c in result.changes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(result: Diff, fmt: str, colour: bool) -> str:
    if fmt == "json":
        return render_json(result)
    if fmt == "markdown":
        return render_markdown(result)
    return render_text(result, colour)
