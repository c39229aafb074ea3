"""Rendering a diff: text (coloured on a terminal), Markdown for a pull request, JSON.

Values are written in French words: codes become their labels (types of structure, statuses,
zones, channels...), percentages and amounts get their unit, and blocks (a lieu, a funding, a
condition) are summed up in a sentence."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import click

from .diffing.changes import Diff, iter_sections
from .explain import departement_name, funding_text, share_text
from .formatting import date_numeric, euros, number, pct
from .labels import CHANGEMENTS, CLES

SYMBOL = {"ajout": "+", "suppression": "-", "modification": "±"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DEPARTEMENT = re.compile(r"^(?:\d{2}|2A|2B|97\d)$")
_PERCENT_KEYS = {"min", "max", "valeur", "valeurs"}


def _unit(path: Sequence[str]) -> str:
    if "quotite" in path or (path and path[-1] == "part"):
        return "%"
    if "montant" in path:
        return "€"
    return ""


def _number(value: float, unit: str) -> str:
    if unit == "%":
        return pct(value)
    if unit == "€":
        return euros(value)
    return number(value)


def show(value: Any, path: Sequence[str] = (), glossary: dict[str, str] | None = None) -> str:
    """A value in a few French words."""
    words = glossary or {}
    unit = _unit(path)
    if value is None:
        return "—"
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if isinstance(value, str):
        if path and path[-1] in ("departement", "departements", "valeurs") and _DEPARTEMENT.match(value):
            return departement_name(value)  # « Orne (61) »
        return date_numeric(value) if _DATE.match(value) else words.get(value, value)
    if isinstance(value, (int, float)):
        return _number(value, unit)
    if isinstance(value, list):
        return _items([show(v, path, words) for v in value]) if value else "(vide)"
    if isinstance(value, dict):
        return _block(value, path, words)
    return str(value)


def _block(value: dict[str, Any], path: Sequence[str], words: dict[str, str]) -> str:
    from .conditions import describe_yaml, is_rule
    from .dates import describe

    if "retires" in value or "ajoutes" in value:
        items = value.get("retires") or value.get("ajoutes") or []
        verb = "retirés" if "retires" in value else "ajoutés"
        return f"{len(items)} {verb} : " + ", ".join(map(str, items)) if items else "aucun"
    if isinstance(value.get("date"), str) or isinstance(value.get("mois"), str) or ("annee" in value and "saison" in value):
        return describe(value) + (" (jour inclus)" if value.get("incluse") else "")
    if set(value) - {"source", "extrait", "note"} == {"annee"}:  # a year (création)
        return str(value["annee"])
    if set(value) == {"id"}:
        return words.get(value["id"], str(value["id"]))
    if "texte" in value:
        named = value.get("dispositifs") if isinstance(value.get("dispositifs"), list) else []
        return str(value["texte"]) + (f" (pour : {', '.join(words.get(d, d) for d in named)})" if named else "")
    if "role" in value:  # a lieu
        parts = [str(value.get("libelle") or words.get(value["role"], value["role"]))]
        if value.get("types"):
            parts.append("types : " + ", ".join(words.get(t, t) for t in value["types"]))
        if value.get("quotite"):
            parts.append("temps : " + share_text(value["quotite"]))
        if value.get("demi_journees"):
            parts.append(f"{value['demi_journees'].get('min', '?')} à {value['demi_journees'].get('max', '?')} demi-journées par semaine")
        if value.get("zones"):
            parts.append("zones : " + ", ".join(words.get(z, z) for z in value["zones"]["categories"]))
        return " ; ".join(parts)
    if "financeur" in value:
        return funding_text(value)
    if "regle" in value and "entre" in value:  # how the posts are shared: « entre subdivisions, au prorata des internes »
        return ", ".join(str(words.get(value[k], value[k])) for k in ("entre", "regle"))
    if "code" in value and len(value) <= 3:  # a status, a zone category
        return str(words.get(value["code"], value["code"])) + (f" ({words.get(value['lieu'], value['lieu'])})" if value.get("lieu") else "")
    if is_rule(value):
        return describe_yaml(value, words, words)  # the glossary names the lieux and the zones
    if "libelle" in value:
        return str(value["libelle"])
    if "demi_journees" in path and set(value) <= {"min", "max"}:
        return f"{value.get('min', '?')} à {value.get('max', '?')} demi-journées par semaine"
    if "quotite" in path or set(value) <= _PERCENT_KEYS | {"base"}:
        return share_text(value)
    if "mois" in value and isinstance(value["mois"], int):  # a duration
        return f"{value['mois']} mois" + (
            f", renouvelable {value['renouvellement'].get('fois', 1)} fois {value['renouvellement']['mois']} mois"
            if value.get("renouvellement")
            else ""
        )
    parts = []
    for k, v in value.items():
        if k in ("source", "extrait"):
            continue
        name, text = CLES.get(k, k.replace("_", " ")), show(v, tuple(path) + (k,), words)
        # a block inside a block: in brackets, so that its « : » do not read as the outer one's
        parts.append(f"{name} ({text})" if isinstance(v, dict) and " : " in text else f"{name} : {text}")
    return " ; ".join(parts)


def _items(texts: list[str]) -> str:
    """The items of a list: sentences one after the other, texts that contain commas separated by
    « ; », short words by commas."""
    if all(t.rstrip().endswith((".", "!", "?", "»")) for t in texts) and any(t.rstrip().endswith((".", "!", "?")) for t in texts):
        return " ".join(t.strip() for t in texts)
    if any("," in t or " : " in t for t in texts):
        return " ; ".join(texts)
    return ", ".join(texts)


def _label(change: Any, words: dict[str, str]) -> str:
    """The field's label, with the keys of list items (lieu roles) in words."""
    if not change.label:
        return "(ensemble)"
    return " › ".join(words.get(part, part) for part in change.label.split(" › "))


def _sources(change: Any) -> str:
    if change.source_left == change.source_right:
        return change.source_left or ""
    return " / ".join(s or "—" for s in (change.source_left, change.source_right))


def _kind_words(result: Diff) -> dict[str, str]:
    if result.cross:
        return {"ajout": f"seulement dans {result.right}", "suppression": f"seulement dans {result.left}", "modification": "différent"}
    return CHANGEMENTS


def render_text(result: Diff, colour: bool) -> str:
    arrow = "↔" if result.cross else "→"
    lines = [f"Comparaison : {result.left} {arrow} {result.right}"]
    if not result.changes:
        lines.append("Aucune différence.")
        return "\n".join(lines) + "\n"
    lines.append(f"{len(result.changes)} différence(s)")
    words = result.glossary
    kinds = _kind_words(result)
    for section, changes in iter_sections(result.changes):
        lines.append("")
        lines.append(click.style(section, bold=True) if colour else section)
        for c in changes:
            here = {**words, **c.words}
            label = _label(c, here)
            if c.kind == "modification":
                text = f"  {SYMBOL[c.kind]} {label} : {show(c.old, c.path, here)} → {show(c.new, c.path, here)}"
            elif c.kind == "ajout":
                text = f"  {SYMBOL[c.kind]} {label} ({kinds['ajout']}) : {show(c.new, c.path, here)}"
            else:
                text = f"  {SYMBOL[c.kind]} {label} ({kinds['suppression']}) : {show(c.old, c.path, here)}"
            if colour:
                text = click.style(text, fg={"ajout": "green", "suppression": "red", "modification": "yellow"}[c.kind])
            lines.append(text)
            if _sources(c):
                lines.append(f"      sources : {_sources(c)}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: Diff) -> str:
    arrow = "↔" if result.cross else "→"
    lines = [f"# Comparaison : {result.left} {arrow} {result.right}", ""]
    if not result.changes:
        lines.append("Aucune différence.")
        return "\n".join(lines) + "\n"
    words = result.glossary
    kinds = _kind_words(result)
    counts = {k: sum(1 for c in result.changes if c.kind == k) for k in ("modification", "ajout", "suppression")}
    if result.cross:
        lines.append(
            f"{len(result.changes)} différence(s) : {counts['modification']} valeur(s) différente(s), {counts['suppression']} élément(s) seulement dans {result.left}, {counts['ajout']} seulement dans {result.right}. « — » : le texte de la région ne donne pas l'information."
        )
    else:
        lines.append(
            f"{len(result.changes)} différence(s) : {counts['modification']} modifiée(s), {counts['ajout']} ajoutée(s), {counts['suppression']} retirée(s)."
        )
    for section, changes in iter_sections(result.changes):
        lines += [
            "",
            f"## {section}",
            "",
            f"| Élément | Changement | {_cell(result.left)} | {_cell(result.right)} | Sources |",
            "|---|---|---|---|---|",
        ]
        for c in changes:
            here = {**words, **c.words}
            old = show(c.old, c.path, here) if c.kind != "ajout" else "—"
            new = show(c.new, c.path, here) if c.kind != "suppression" else "—"
            lines.append(f"| {_cell(_label(c, here))} | {_cell(kinds[c.kind])} | {_cell(old)} | {_cell(new)} | {_cell(_sources(c))} |")
    return "\n".join(lines) + "\n"


def render_json(result: Diff) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[Diff, bool], str]] = {
    "text": render_text,
    "markdown": lambda result, _colour: render_markdown(result),
    "json": lambda result, _colour: render_json(result),
}


def render(result: Diff, fmt: str, colour: bool) -> str:
    """``result`` in format ``fmt`` (text, markdown, json); colours only for text on a terminal."""
    return RENDERERS[fmt](result, colour)
