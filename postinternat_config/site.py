"""``site build``: the public site, generated from the validated regions.

Markdown pages are rendered with Jinja2 templates (``site/templates``), one filter per context for
every text that comes from the YAML: ``t`` in Markdown (HTML escaped, Markdown markup and
``{: attr_list }`` neutralised, one line), ``a`` in an HTML attribute or element, ``yamlstr`` in
mkdocs.yml (the navigation), ``href`` for a link (a whole http(s) address, else no site). The
theme's ``<title>`` is overridden in ``site/overrides/main.html``, which escapes what the theme
decoded: a ``<script>`` in a name is shown as text. The open data files (rules JSON and CSV,
calendars in iCalendar format, JSON Schemas) are written alongside. MkDocs (Material theme) then
builds the HTML with ``--strict`` and link validation. The build happens in a temporary folder next
to the output and replaces the previous site only when it succeeded, and only if the output is a
site this tool built (see ``check_output``).
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import referentiel as ref
from .compare import EMPTY, ROWS, compare, describe_dispositif, duration_text
from .conditions import describe_yaml, walk_yaml
from .context import Context
from .dates import describe, interval
from .domain import ApplicationState, Campaign, Region, application_channel, application_state, figure_to_confirm, lieu_labels
from .engine import funding as funding_at
from .engine import pay
from .explain import cited_sources, pay_amount, pay_text, period_text, share_text, type_name
from .exports import dumps, load_vectors
from .formatting import day_words, euros, french_key, join, pct, structure_count
from .labels import EVENEMENTS as EVENTS
from .labels import enum_labels, label
from .paths import SITE_SOURCES, schemas_dir
from .problems import PostinternatError, UsageError
from .rulebook import build as build_rulebook
from .validation import unpublishable, validate_trees

# The rows of a comparison page: those of ``compare``, with words for a candidate (« Campagne lue »
# is the tool's: the page says which campaign each dispositif is read in).
SITE_ROWS = [(key, "Campagne la plus récente" if key == "campagne" else label) for key, label in ROWS]
SITE_DIR = SITE_SOURCES  # the MkDocs project sources, inside the package (see paths.py)

# An 18-tile grid drawn for this site (the map is never the only way to a region: a list follows).
GRID = [
    ("32", "Hauts-de-France", 2, 0),
    ("28", "Normandie", 1, 1),
    ("11", "Île-de-France", 2, 1),
    ("44", "Grand Est", 3, 1),
    ("53", "Bretagne", 0, 2),
    ("52", "Pays de la Loire", 1, 2),
    ("24", "Centre-Val de Loire", 2, 2),
    ("27", "Bourgogne-F.-C.", 3, 2),
    ("75", "Nouvelle-Aquitaine", 1, 3),
    ("84", "Auvergne-R.-A.", 3, 3),
    ("76", "Occitanie", 2, 4),
    ("93", "PACA", 3, 4),
    ("94", "Corse", 4, 4),
    ("01", "Guadeloupe", 0, 5),
    ("02", "Martinique", 1, 5),
    ("03", "Guyane", 2, 5),
    ("04", "La Réunion", 3, 5),
    ("06", "Mayotte", 4, 5),
]
TILE_W, TILE_H, GAP = 150, 44, 8


# -- filters -----------------------------------------------------------------------------------


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#{}])")  # {} too: attr_list would read « {: onclick=... } »
_MD_BLOCK_START = re.compile(r"^(?:([+!-])|([0-9]+)\.(?=\s|$))")  # a list, an admonition (« > » is already &gt;)
_YAML_UNSAFE = re.compile(r"[\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_URL_UNSAFE = re.compile(
    r"""[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"'<>\[\]{}\\^`|]"""
)  # as schemas/common.schema.json#/$defs/url
_HOST_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def t(value: Any) -> str:
    """Text from the YAML, safe in Markdown: HTML escaped, Markdown markup neutralised (inline
    markup, ``{: attr_list }``, and the block markers a line could start with), on one line."""
    if value is None:
        return EMPTY
    text = " ".join(str(value).splitlines()).strip()  # \r, \n, \u2028... : Markdown starts a new block on each
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\.", text, count=1)


def a(value: Any) -> str:
    """Text for an HTML attribute or element."""
    return html.escape(str(value), quote=True)


def yamlstr(value: Any) -> str:
    """A double-quoted YAML scalar that reads back as ``value`` exactly (JSON escapes, plus the
    characters YAML would refuse or read as a line break)."""
    text = json.dumps(str(value), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def url_problem(value: Any) -> str | None:
    """Why ``value`` is not a whole web address that a page may link to (None when it is): parsed
    with urllib, http or https, a host, no user name, a valid port, and no character that could
    break out of an attribute or a Markdown link (space, control, quote, bracket, brace)."""
    from urllib.parse import urlsplit

    if not isinstance(value, str) or not value:
        return "n'est pas un texte"
    bad = _URL_UNSAFE.search(value)
    if bad:
        char = bad.group()
        shown = (
            "une espace"
            if char.isspace()
            else f"le caractère « {char} »"
            if char.isprintable()
            else f"le caractère invisible U+{ord(char):04X}"
        )
        return f"contient {shown}, qui n'a pas sa place dans une adresse web"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return "n'est pas une adresse web lisible (port ou nom du site invalide)"
    if parts.scheme not in ("http", "https") or not value.startswith(parts.scheme + "://"):
        return "ne commence pas par http:// ou https://"
    if "@" in parts.netloc:
        return "contient un nom d'utilisateur (@) avant le nom du site"
    host = parts.hostname or ""
    if not host or not all(_HOST_LABEL.fullmatch(label) for label in host.split(".")):
        return "n'a pas de nom de site valide après http(s)://"
    if port == 0:
        return "a un port invalide"
    return None


def href(value: Any) -> str:
    """A web address for ``<a href="...">``: checked (:func:`url_problem`) and attribute-escaped.
    Validation refuses such an address first; this is the last gate before publication."""
    problem = url_problem(value)
    if problem:
        raise PostinternatError(
            f"site non construit : l'adresse web « {value!s} » {problem} ; corrigez-la (postinternat validate la signale)"
        )
    return html.escape(str(value), quote=True)


def _env() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(SITE_DIR / "templates")), autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True
    )
    env.filters.update(t=t, a=a, yamlstr=yamlstr, href=href)
    return env


# -- page data ---------------------------------------------------------------------------------


def type_options(lieu: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The structure types of a lieu's select list, in French order, grouped: the types the lieu
    admits (its ``types`` and the types they include) first, then the others, which stay selectable
    (the self-check then says which condition fails). One group without a label when the lieu admits
    any type."""
    everything = sorted(ref.types_structure().items(), key=lambda kv: french_key(kv[1]))
    wanted = set(lieu.get("types") or [])
    if not wanted:
        return [("", everything)]
    ancestors = ref.type_ancestors()
    admitted = [kv for kv in everything if ancestors.get(kv[0], frozenset({kv[0]})) & wanted]
    others = [kv for kv in everything if kv not in admitted]
    return [("Types admis pour ce lieu", admitted), ("Autres types (non admis)", others)]


def french_day(text: str | None) -> str:
    return describe({"date": text}) if text else EMPTY


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def zone_name(category: dict[str, Any]) -> str:
    """A zone category for a candidate: its label, with its code when the code is the acronym
    people use (« Zone d'intervention prioritaire (ZIP) »), never a code such as ZONE_SOUS_DENSE."""
    code, libelle = str(category["code"]), str(category.get("libelle") or category["code"])
    return f"{libelle} ({code})" if len(code) <= 4 and code not in libelle else libelle


def _campaign_of(ctx: Context, stem: str) -> dict[str, Any] | None:
    return Region(ctx).campaign_opening(stem)


def _declared(conditions: list[dict[str, Any]], found: dict[str, Any]) -> dict[str, Any]:
    """The facts the self-check form must ask because a condition reads what the application
    declares: the CHU validation, the priority establishments (by role), the diplomas."""
    for cond in walk_yaml(conditions):
        if cond.get("type") == "validation_chu":
            found["validation_chu"] = True
        elif cond.get("type") == "etablissement_prioritaire":
            found["prioritaire"].append(cond.get("lieu"))
        elif cond.get("type") == "diplome":
            found["diplomes"].append((list(cond.get("valeurs") or []), cond.get("libelle") or ", ".join(cond.get("valeurs") or [])))
    return found


def _zone_roles(data: dict[str, Any]) -> set[str]:
    """The lieux a zone condition bears on (their ``zones`` block, or a ``zone`` entry of
    ``eligibilite`` at any depth; one without ``lieu`` bears on all of them)."""
    roles = {lieu["role"] for lieu in data.get("lieux") or [] if lieu.get("zones")}
    for cond in walk_yaml(data.get("eligibilite") or []):
        if cond.get("type") == "zone":
            roles.update([cond["lieu"]] if cond.get("lieu") else [lieu["role"] for lieu in data.get("lieux") or []])
    return roles


def _calendar_lines(campagne: dict[str, Any] | None, stem: str) -> list[str]:
    if campagne is None:
        return ["Aucune campagne publiée ne mentionne ce dispositif."]
    cal = Campaign(campagne).calendar_for(stem)
    lines = [f"Campagne {campagne['id']}"]
    for key, event in EVENTS:
        if key in cal:
            lines.append(f"{event} : {describe(cal[key])}" + (" (jour inclus)" if cal[key].get("incluse") else "") + remark(cal[key]))
    for start in cal.get("prises_de_poste") or []:
        lines.append(f"Prise de poste : {describe(start)}{remark(start)}")
    if "fin_contrat" in cal:
        lines.append(f"Fin des contrats : {describe(cal['fin_contrat'])}{remark(cal['fin_contrat'])}")
    skipped = Campaign(campagne).not_applicable(stem)
    if len(lines) == 1:
        lines.append("Les textes ne donnent pas de dates de cette campagne pour ce dispositif.")
    if skipped & set(Campaign(campagne).calendar):
        entry = next(e for e in campagne.get("dispositifs") or [] if isinstance(e, dict) and e.get("id") == stem)
        order = list(enum_labels("elements"))  # the schema's order: opening, deadline, ..., end of contracts
        named = join([label("elements", key) for key in sorted(skipped & set(Campaign(campagne).calendar), key=order.index)], "et")
        lines.append(f"Dates de la campagne qui ne valent pas pour ce dispositif : {named}{remark(entry.get('calendrier_non_applicable'))}")
    return lines


def _deadline_words(state: ApplicationState) -> str:
    deadline = state.deadline or {}
    return describe(deadline) + (" inclus" if deadline.get("incluse") else "")


def _proof_words(state: ApplicationState) -> str:
    """The date that proves a campaign closed for the dispositif, in words (« date limite passée : 14
    février 2025 inclus », « étape passée : commission ou jury, avant l'été 2025 »)."""
    if state.proof is None:
        return ""
    key, value = state.proof
    if key == "date_limite":
        return f"date limite passée : {_deadline_words(state)}"
    step = "prise de poste" if key == "prises_de_poste" else label("elements", key)  # one start among the campaign's
    return f"étape passée : {step}, {describe(value)}"


def _undated_elsewhere(campagne: dict[str, Any] | None, stem: str) -> bool:
    """True when the campaign dates steps (deadline, selection, starts) that its file says do not
    apply to this dispositif: its other dispositifs have dates, this one has none."""
    if campagne is None:
        return False
    campaign = Campaign(campagne)
    return any(
        key in campaign.calendar
        for key in campaign.not_applicable(stem)
        if key in ("date_limite", "commission", "decisions", "prises_de_poste")
    )


def application_text(state: ApplicationState | None, undated_elsewhere: bool = False) -> str:
    """Where the applications stand at the build date, in a sentence: open until when, closed (with
    the date that proves it), announced, or a campaign whose texts give no date that closes the
    applications for the dispositif (never « close » then: the candidate is sent to the ARS)."""
    if state is None:
        return "aucune campagne publiée ne mentionne ce dispositif"
    if state.state == "close":
        return f"campagne {state.campagne} close — la prochaine n'est pas encore annoncée ({_proof_words(state)})"
    if state.state == "annoncee":
        return f"campagne {state.campagne} annoncée, ouverture des candidatures : {describe(state.opening)}"
    if state.state == "ouverte":
        exact = "date" in (state.deadline or {}) and not (state.deadline or {}).get("precision")
        until = f"jusqu'au {_deadline_words(state)}" if exact else f"— date limite : {_deadline_words(state)}"
        return f"candidatures ouvertes {until} (campagne {state.campagne})"
    # never « en cours » alone: a candidate would read « applications open »; never « close » without a date
    elsewhere = " (les dates publiées de la campagne ne valent pas pour lui)" if undated_elsewhere else ""
    return (
        f"campagne {state.campagne} : les textes relevés ne donnent ni date limite ni date de dépôt "
        f"pour ce dispositif{elsewhere} ; renseignez-vous auprès de l'ARS"
    )


def application_short(state: ApplicationState | None) -> str:
    """The same, short enough for a table cell."""
    if state is None:
        return "aucune campagne publiée"
    if state.state == "close":
        return f"closes (campagne {state.campagne}, {_proof_words(state)})"
    if state.state == "annoncee":
        return f"campagne {state.campagne} annoncée, ouverture : {describe(state.opening)}"
    if state.state == "ouverte":
        return f"ouvertes, date limite : {_deadline_words(state)}"
    return f"campagne {state.campagne}, sans date limite ni date de dépôt publiée : se renseigner auprès de l'ARS"


TO_CONFIRM = "chiffre à confirmer auprès de l'ARS : les textes relevés ne le citent pas mot pour mot"
SEE_COMBIEN = " (voir la remarque dans « Combien ? »)"
SEE_CONDITIONS = " (voir la remarque dans « Conditions »)"


def _flag(to_confirm: bool, noted: bool) -> str:
    """The mark after a figure of « En bref »: « (à confirmer) », « (voir la remarque…) », or both in one."""
    if to_confirm and noted:
        return " (à confirmer : voir la remarque dans « Combien ? »)"
    return " (à confirmer)" if to_confirm else SEE_COMBIEN if noted else ""


def remark(item: Any) -> str:
    """The editors' caveat (``note``) on a figure, a duration or a date, to be shown right after it:
    « — À noter : … » (empty when the item has none). A candidate reading a figure must read what
    qualifies it (« le montant peut ne plus valoir »)."""
    note = item.get("note") if isinstance(item, dict) else None
    return f" — À noter : {' '.join(str(note).split())}" if note else ""


def how_much(data: dict[str, Any], campagne: dict[str, Any] | None) -> tuple[str, list[str]]:
    """« Combien ? »: what the doctor is paid (``engine.pay``: salary, bonuses, grants, with their
    total over the contract), then what the post is worth, from the dispositif's fundings read at its campaign's
    reference date (``engine.funding``, as ``evaluate`` reads them), for the length of the contract:
    the line of « En bref » and the lines of the section. Payers and shares in words; an amount the
    texts do not give is « non précisé par les textes »; a figure the data gives without quoting the
    text is shown with that caveat (:func:`domain.figure_to_confirm`)."""
    months = (data.get("duree") or {}).get("mois")
    items = funding_at(data, campagne, {"duree_mois": months} if months else {})
    unquoted = {f.get("id") for f in data.get("financement") or [] if figure_to_confirm(f)}
    notes = {f.get("id"): remark(f) for f in (data.get("financement") or []) + (data.get("remuneration") or [])}
    lines: list[str] = []
    amounts: list[str] = []
    shares: dict[str, list[str]] = {}  # payer → its shares, in order
    noted: set[str] = set()  # payers whose share the editors qualify (a note)
    for item in items:
        who = str(item.get("financeur", "")) + (f" ({item['fonds']})" if item.get("fonds") else "")
        caveat = f" ({TO_CONFIRM})" if item.get("id") in unquoted else ""
        bits = []
        amount = item.get("montant")
        if isinstance(amount, (int, float)):
            money = euros(amount) + (" en une fois" if item.get("periode") == "unique" else period_text(item.get("periode")))
            if isinstance(item.get("total"), (int, float)):
                money += f" × {item['duree_mois']} mois = {euros(item['total'])}"
            bits.append(money)
            what = f" — {item['objet'][0].lower()}{item['objet'][1:]}" if item.get("objet") else ""  # a start-up aid is no salary
            amounts.append(f"{money}, versés par {who}{what}" + _flag(bool(caveat), bool(notes.get(item.get("id")))))
        part = item.get("part")
        if isinstance(part, (int, float)):
            bits.append("prise en charge de la totalité (100 %)" if part == 100 else f"prise en charge de {pct(part)}")
            shares.setdefault(who, []).append(pct(part) + (" (à confirmer)" if caveat else ""))
            if notes.get(item.get("id")):
                noted.add(who)
        if not isinstance(amount, (int, float)):
            bits.append("montant non précisé par les textes" + (f", pendant {item['duree_mois']} mois" if item.get("duree_mois") else ""))
        lines.append(
            f"{who} : " + " ; ".join(bits) + (f" — {item['objet']}" if item.get("objet") else "") + caveat + notes.get(item.get("id"), "")
        )
    if amounts:
        summary = " ; ".join(amounts)
    elif shares:
        summary = "montant non précisé par les textes ; " + ", ".join(
            f"financé à {join(p)} par {who}" + (SEE_COMBIEN if who in noted else "") for who, p in shares.items()
        )
    else:
        summary = "non précisé par les textes"
    if not lines:
        lines.append("Les textes ne précisent ni le montant versé ni qui finance le poste.")
    elif not amounts:
        lines.insert(0, "Montant versé : non précisé par les textes.")
    paid = pay(data, campagne, {"duree_mois": months} if months else {})
    if paid:
        funding_lines = [
            f"Financement — {line[0].lower()}{line[1:]}" if line.startswith("Montant versé") else f"Financement — {line}" for line in lines
        ]
        lines = [f"Rémunération — {pay_text(p)}{notes.get(p.get('id'), '')}" for p in paid] + funding_lines
        first = paid[0]
        head = f"rémunération : {pay_amount(first)}" + (f", hors {first['hors']}" if first.get("hors") else "")
        others = len(paid) - 1
        more = f"et {others} autre{'s' if others > 1 else ''} montant{'s' if others > 1 else ''} ci-dessous" if others else ""
        see = "voir la remarque dans « Combien ? »" if notes.get(first.get("id")) else ""
        if more or see:
            head += f" ({' ; '.join(x for x in (more, see) if x)})"
        summary = f"{head} ; financement : {summary}"
    else:
        lines.insert(0, "Rémunération du médecin : non précisée par les textes.")
        if summary != "non précisé par les textes":
            summary = f"rémunération non précisée par les textes ; financement : {summary}"
    return summary, _once(lines)


def _once(lines: list[str]) -> list[str]:
    """The lines, a caveat repeated word for word on the next line shortened (« même remarque »)."""
    found: list[str] = []
    previous = ""
    for line in lines:
        head, sep, note = line.partition(" — À noter : ")
        found.append(f"{head} — À noter : même remarque que la ligne précédente" if sep and note == previous else line)
        previous = note if sep else ""
    return found


def figure_remarks(data: dict[str, Any]) -> list[str]:
    """The editors' caveats on a dispositif's figures (duration, pay, funding with a figure), each
    introduced by what it qualifies, for the comparison pages (the dispositif's page shows each next
    to its figure); a caveat repeated word for word is given once."""
    found: list[tuple[str, str]] = []
    if isinstance(data.get("duree"), dict) and data["duree"].get("note"):
        found.append(("durée", data["duree"]["note"]))
    for item in data.get("remuneration") or []:
        if item.get("note"):
            found.append((str(item.get("libelle") or "rémunération"), item["note"]))
    for item in data.get("financement") or []:
        if item.get("note") and ("montant" in item or "part" in item or item.get("duree_mois")):
            found.append((f"financement par {item.get('financeur', '')}", item["note"]))
    remarks: list[str] = []
    seen: set[str] = set()
    for what, note in found:
        text = " ".join(str(note).split())
        if text not in seen:
            seen.add(text)
            remarks.append(f"{_capital(what)} : {text}")
    return remarks


def official_texts(cited: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """« Textes officiels »: one line per text, with its issuer, reference and date. Two versions of
    one page (same title, address, issuer and reference, two dates) make one line that gives both
    dates: a candidate never reads the same title twice for one text; two texts that only share a
    title keep their own lines, each with its issuer."""
    grouped: dict[tuple[str, str | None, str | None, str | None], list[dict[str, Any]]] = {}
    for source in cited:
        grouped.setdefault((str(source["titre"]), source.get("url"), source.get("emetteur"), source.get("reference")), []).append(source)
    items = []
    for (titre, url, _emetteur, _reference), versions in grouped.items():
        first = versions[0]
        dates = [french_day(s["date"]) if s.get("date") else (str(s["annee"]) if s.get("annee") else None) for s in versions]
        if len(versions) == 1:
            when = dates[0]
        else:
            shown = [("sans date" if not d else f"de {d}" if d.isdigit() else f"du {d}") for d in dates]
            when = (
                f"deux versions relevées : l'une {shown[0]}, l'autre {shown[1]}"
                if len(shown) == 2
                else f"{len(shown)} versions relevées : " + join(shown, "et")
            )
        detail = ", ".join(x for x in (first.get("emetteur"), first.get("reference"), when) if x)
        items.append({"titre": titre, "url": url, "detail": detail})
    return items


def dispositif_page(
    ctx: Context,
    stem: str,
    sources: dict[str, dict[str, Any]],
    matrices_link: str,
    siblings: list[tuple[str, str, str, str]],
    day: date | None = None,
) -> dict[str, Any]:
    """A dispositif's page, as its campaign stands on ``day`` (the build date; today by default)."""
    day = day or date.today()
    data = ctx.effective[stem].data
    region = ctx.doc("region")
    campagne = _campaign_of(ctx, stem)
    zone_labels = Region(ctx).zone_labels()
    cells = describe_dispositif(data, campagne, zone_labels)
    labels = lieu_labels(data)
    public = (data.get("public") or {}).get("texte") or cells.get("specialites", EMPTY)
    en_bref = [("Pour qui", "non précisé par les textes" if public == EMPTY else public)]
    duree_text, duree_noted = duration_text(data)
    en_bref.append(("Durée", duree_text + (SEE_CONDITIONS if duree_noted and data.get("duree") else SEE_COMBIEN if duree_noted else "")))
    combien, combien_lines = how_much(data, campagne)
    en_bref.append(("Combien ?", combien))
    state = application_state(campagne, stem, day) if campagne else None
    undated_elsewhere = _undated_elsewhere(campagne, stem)
    en_bref.append((f"Candidatures au {day_words(day)}", _capital(application_text(state, undated_elsewhere))))
    qui = []
    spec = data.get("specialites")
    if spec:
        qui.append("Spécialités : " + cells["specialites"])
    if data.get("public"):
        qui.append(data["public"]["texte"])
    qui.extend(_capital(describe_yaml(c, labels, zone_labels)) for c in data.get("eligibilite") or [])
    conditions = []
    if data.get("duree"):
        conditions.append(f"Durée du contrat : {duree_text}{remark(data['duree'])}")
    zonage_doc = ctx.doc("zonage")
    zone_names = {c["code"]: zone_name(c) for c in (zonage_doc.data.get("categories") or [] if zonage_doc else [])}
    for lieu in data.get("lieux") or []:
        nombre = lieu.get("nombre") or {}
        count = structure_count({"min": 1, **nombre}) if nombre else ""  # at least one unless said (the engine's rule)
        if lieu.get("types"):
            text = f"{labels[lieu['role']]} : {join([type_name(x) for x in lieu['types']])}" + (f" ({count})" if count else "")
        else:
            # the label names the place (« CHU de Lille, CHU d'Amiens ou COL »): no « tout type de structure »
            text = f"Lieu d'exercice : {labels[lieu['role']]}" + (f" ({count})" if count else "")
        if lieu.get("zones"):
            text += " ; zone exigée : " + " ou ".join(zone_names.get(c, c) for c in lieu["zones"]["categories"])
        conditions.append(text)
    temps = []
    for lieu in data.get("lieux") or []:
        bits = []
        if lieu.get("quotite"):
            bits.append(share_text(lieu["quotite"]) + " du temps" + remark(lieu["quotite"]))
        if lieu.get("demi_journees"):
            dj = lieu["demi_journees"]
            bits.append(f"{dj.get('min', '?')} à {dj.get('max', '?')} demi-journées par semaine" + remark(dj))
        temps.append(f"{labels[lieu['role']]} : {', '.join(bits) if bits else 'part non précisée par les textes'}")
    if not temps:
        temps.append("Les textes ne précisent pas de répartition du temps.")
    candidature = []
    cand = data.get("candidature") or {}
    if cand:
        who = label("porteur", cand.get("porteur"), "")
        canal, adresse = application_channel(data, campagne)
        how = label("canal", canal, "")
        # « portée par »: who carries the application (the university for an AUMG), not always who
        # hands in the file (the doctor, at the university): the steps below say who does what
        if who:
            candidature.append(f"Candidature portée par {who}" + (f", {how}" if how else "") + remark(cand))
        elif canal == "non_precise":
            candidature.append("Porteur et canal de la candidature non précisés par les textes" + remark(cand))
        else:  # « par courriel », « sur Démarches simplifiées » read as a deposit; « dossier … » as it is
            deposit = f"dépôt {how}" if how.startswith(("par ", "sur ")) else how
            candidature.append("Porteur de la candidature non précisé par les textes" + (f" ; {deposit}" if deposit else "") + remark(cand))
        if adresse:
            candidature.append(f"Adresse : {adresse}")
        candidature.extend(step["texte"] for step in cand.get("etapes") or [])
    selection = data.get("selection") or {}
    if selection.get("instance"):
        candidature.append(
            f"Sélection : {selection['instance']}" + (f" ({', '.join(selection['membres'])})" if selection.get("membres") else "")
        )
    if selection.get("presentee_en_seance") is False:
        candidature.append("Les candidatures ne sont pas présentées en séance de la commission.")
    if campagne:
        candidature.extend(rule["texte"] for rule in Campaign(campagne).rules_for(stem))
    if not candidature:
        candidature.append("Les textes ne précisent pas les modalités de candidature.")
    contacts = [
        f"{c['libelle']}" + (f" : {c['courriel']}" if c.get("courriel") else "") + (f" ({c['url']})" if c.get("url") else "") + remark(c)
        for c in (data.get("contacts") or []) + ((region.data.get("contacts") or []) if region else [])
    ]
    if not contacts:
        contacts.append("Les textes ne donnent pas de contact ; voir la page de l'ARS.")
    cited = list(dict.fromkeys((data.get("sources") or []) + cited_sources(data)))
    source_items = official_texts([sources[ident] for ident in cited if ident in sources])
    voir = [f"[Comparer avec les autres régions]({matrices_link})"]
    voir.extend(f"[{t(nom)} ({t(region_nom)})](../{slug}/{ident}.md)" for slug, region_nom, nom, ident in siblings)
    zonage = ctx.doc("zonage")
    zone_roles = _zone_roles(data)
    return {
        "id": stem,
        "region": ctx.tree.slug,
        "nom": data.get("nom", stem),
        "revue": french_day(data.get("revue")),
        "jour": day.isoformat(),  # the build date, for the self-check (a deadline passed by then is closed)
        "ars": Region(ctx).ars,
        # « ouvert » says the programme exists, not that applications are open: the campaign's state says that
        "statut": label("statut", data.get("statut"), "") if data.get("statut") != "ouvert" else "",
        "en_bref": en_bref,
        "description": (data.get("description") or {}).get("texte"),
        "objectifs": [o["texte"] for o in data.get("objectifs") or []],
        "qui": qui or ["Les textes ne restreignent pas le public au-delà des conditions ci-dessous."],
        "conditions": conditions or ["Les textes ne donnent pas d'autre condition."],
        "a_verifier": [v["texte"] for v in data.get("a_verifier") or []],
        "priorites": [p["libelle"] for p in data.get("priorites") or []],
        "temps": temps,
        "combien": combien_lines,
        "candidature": candidature,
        "calendrier": [f"Au {day_words(day)} : {application_text(state, undated_elsewhere)}."] + _calendar_lines(campagne, stem),
        "candidatures": application_short(state),
        "contacts": contacts,
        "sources": source_items,
        "voir_aussi": voir,
        "lieux": [
            {
                "role": lieu["role"],
                "libelle": labels[lieu["role"]],
                "types": type_options(lieu),
                "zone": lieu["role"] in zone_roles,
            }
            for lieu in data.get("lieux") or []
        ],
        "zones": [(c["code"], c["libelle"]) for c in (zonage.data.get("categories") or [])] if zonage else [],
        "declare": _declared(data.get("eligibilite") or [], {"validation_chu": False, "prioritaire": [], "diplomes": []}),
        "cells": cells,
        "duree": duree_text,
        "remarques": figure_remarks(data),
        "famille": data.get("famille", ""),
    }


@dataclass
class Event:
    day: date
    last: date
    region: str
    slug: str
    campagne: str
    key: str
    label: str
    quand: str
    revue: str
    detail: str = ""  # which dispositifs the date is for, when not all, and the editors' caveat


def _event_detail(ctx: Context, campaign: Campaign, element: str, value: dict[str, Any]) -> str:
    """« (pour : X seulement) » or « (sauf : X) » when the campaign file says the date does not apply
    to some of its dispositifs, then the editors' caveat on the date (« — À noter : … »)."""
    ids = sorted(campaign.dispositifs)
    excluded = [d for d in ids if element in campaign.not_applicable(d)]
    applies = [d for d in ids if d not in excluded]
    scope = ""
    if excluded and applies:
        data = {d: (ctx.effective[d].data if d in ctx.effective else {}) for d in ids}
        sigles = {d: data[d].get("sigle") for d in ids}
        # the usual acronyms when they tell the two sides apart (« sauf : 400 MG »), else the names
        short = not ({sigles[d] for d in applies} & {sigles[d] for d in excluded}) - {None}

        def names(found: list[str]) -> str:
            return join(list(dict.fromkeys(str(sigles[d] if short and sigles[d] else data[d].get("nom", d)) for d in found)), "et")

        scope = f" (pour : {names(applies)})" if len(applies) <= len(excluded) else f" (sauf : {names(excluded)})"
    return scope + remark(value)


def campaign_events(contexts: list[Context]) -> list[Event]:
    events = []
    for ctx in contexts:
        name = Region(ctx).name
        for _stem, doc in ctx.campagnes():
            cal = doc.data.get("calendrier") or {}
            items = [(key, event, cal[key]) for key, event in EVENTS if key in cal]
            items += [(f"prise-de-poste-{i + 1}", "Prise de poste", v) for i, v in enumerate(cal.get("prises_de_poste") or [])]
            if "fin_contrat" in cal:
                items.append(("fin-contrat", "Fin des contrats", cal["fin_contrat"]))
            campaign = Campaign(doc.data)
            for key, event, value in items:
                span = interval(value)
                if span is None or span[0] == date.min:
                    continue
                quand = describe(value) + (" (jour inclus)" if value.get("incluse") else "")
                element = "prises_de_poste" if key.startswith("prise-de-poste") else "fin_contrat" if key == "fin-contrat" else key
                detail = _event_detail(ctx, campaign, element, value)
                events.append(
                    Event(
                        span[0],
                        span[1],
                        name,
                        ctx.tree.slug,
                        doc.data["id"],
                        key,
                        event,
                        quand,
                        doc.data.get("revue", "2000-01-01"),
                        detail,
                    )
                )
    return sorted(events, key=lambda e: (e.day, e.region, e.key))


def _fold(line: str) -> str:
    """RFC 5545 line folding at 75 octets (continuation lines start with a space)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics(events: list[Event], name: str) -> str:
    """An iCalendar file: all-day events, stable UIDs, DTSTAMP from the data (reproducible bytes)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//postinternat-config//calendrier//FR",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(name)}",
    ]
    for e in events:
        approx = "" if e.day == e.last else f" ({e.quand}, date approchée)"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.slug}-{e.campagne}-{e.key}@postinternat-config",
            f"DTSTAMP:{e.revue.replace('-', '')}T000000Z",
            f"DTSTART;VALUE=DATE:{e.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{e.last + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(f'{e.region} — {e.label}{approx}')}",
            f"DESCRIPTION:{_ics_text(f'Campagne {e.campagne} : {e.label.lower()}, {e.quand}{e.detail}'.rstrip('.') + '.')}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def rules_csv(book: Any) -> str:
    """``regles.csv``: one row per condition of each dispositif, with the condition in French
    words (``texte``, as the pages write it) beside its data (``valeur``, JSON)."""
    from .conditions import describe
    from .csvsafe import writer as csv_writer
    from .explain import lieux_of

    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(["region", "dispositif", "nom", "famille", "critere", "type", "texte", "valeur", "source", "extrait"])
    for slug, rules in book.dispositifs():
        lieux = lieux_of(rules["conditions"])
        for cond in rules["conditions"]:
            value = {k: v for k, v in cond.items() if k not in ("id", "type", "source", "libelle", "role")}
            source = cond.get("source") or {}
            writer.writerow(
                [
                    slug,
                    rules["dispositif"],
                    rules["nom"],
                    rules["famille"],
                    cond["id"],
                    cond["type"],
                    describe(cond, lieux),
                    json.dumps(value, ensure_ascii=False, sort_keys=True),
                    source.get("titre", ""),
                    source.get("extrait", ""),
                ]
            )
    return out.getvalue()


def yaml_example(value: Any) -> str:
    """A schema's example as an editor writes it in YAML, on one line (« {mois: 2025-03, precision: fin} »)."""
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6, sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def reference_kinds() -> list[dict[str, Any]]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schemas_dir().glob("*.schema.json"))}

    def resolve(node: dict[str, Any], current: str) -> tuple[dict[str, Any], str]:
        while "$ref" in node:
            name, _, pointer = node["$ref"].partition("#")
            name = name or current
            target: Any = schemas[name]
            for part in [p for p in pointer.split("/") if p]:
                target = target[part]
            node, current = {**target, **{k: v for k, v in node.items() if k != "$ref"}}, name
        return node, current

    def fields(node: dict[str, Any], current: str, prefix: str, depth: int) -> list[dict[str, str]]:
        found: list[dict[str, str]] = []
        node, current = resolve(node, current)
        if node.get("type") == "array" or "items" in node:
            items = node.get("items")
            if isinstance(items, dict):
                return fields(items, current, prefix + "[]", depth)
        for name, sub in (node.get("properties") or {}).items():
            if name in ("source", "extrait", "note") and prefix:
                continue
            resolved, sub_current = resolve(sub, current)
            example = (sub.get("examples") or resolved.get("examples") or [None])[0]
            found.append(
                {
                    "chemin": f"{prefix}.{name}" if prefix else name,
                    "description": sub.get("description") or resolved.get("description") or "",
                    "exemple": yaml_example(example) if example is not None else EMPTY,
                }
            )
            if depth < 2:
                found.extend(fields(sub, sub_current, f"{prefix}.{name}" if prefix else name, depth + 1))
        return found

    kinds = []
    for name, title in (
        ("region", "region.yaml"),
        ("sources", "sources.yaml"),
        ("zonage", "zonage.yaml"),
        ("dispositif", "dispositifs/<id>.yaml"),
        ("campagne", "campagnes/<id>.yaml"),
        ("cadre", "_national/cadre.yaml"),
        ("candidats", "fichier des candidats (postinternat evaluate)"),
    ):
        schema = schemas[f"{name}.schema.json"]
        kinds.append({"titre": title, "description": schema.get("description", ""), "champs": fields(schema, f"{name}.schema.json", "", 0)})
    kinds.append(
        {
            "titre": "Champs communs à toute règle",
            "description": "Chaque règle ou chiffre cite sa source.",
            "champs": [
                {
                    "chemin": "source",
                    "description": schemas["common.schema.json"]["$defs"]["source_id"]["description"],
                    "exemple": "ars-normandie-post-internat",
                },
                {
                    "chemin": "extrait",
                    "description": schemas["common.schema.json"]["$defs"]["extrait"]["description"],
                    "exemple": yaml_example(schemas["common.schema.json"]["$defs"]["extrait"]["examples"][0]),
                },
                {
                    "chemin": "note",
                    "description": schemas["common.schema.json"]["$defs"]["note"]["description"],
                    "exemple": yaml_example(schemas["common.schema.json"]["$defs"]["note"]["examples"][0]),
                },
            ],
        }
    )
    return kinds


def _publishable(paths: list[Path], draft: bool = False) -> list[Context]:
    """The validated regions, or an error: the public site is never built from files with errors,
    nor with « À compléter » texts left by ``postinternat new`` (they would be published) — except
    for a local draft preview (``draft``, ``site serve --brouillon``), whose pages say so."""
    report, contexts = validate_trees(paths)
    blocking = [p for p in report.problems if p.level == "erreur" or (p.code == "a-completer" and not draft)]
    if blocking:
        errors = sum(1 for p in blocking if p.level == "erreur")
        shown = "\n  ".join(p.format() for p in blocking[:10])
        more = f"\n  … et {len(blocking) - 10} autre(s)" if len(blocking) > 10 else ""
        draft_hint = "" if errors else " Pour un aperçu local, sans publier : postinternat site serve --brouillon."
        raise PostinternatError(
            f"site non construit : {unpublishable(errors, len(blocking) - errors)} :\n  {shown}{more}\n"
            f"Corrigez puis relancez : postinternat validate --strict montre tout ce qui reste à faire.{draft_hint}"
        )
    return contexts


def render_pages(regions_dir: Path, vectors: Path | None = None, day: date | None = None, draft: bool = False) -> dict[str, str]:
    """Every generated file of the site (path inside docs/ → text), deterministic for a given
    build date ``day`` (today by default): the state of each campaign is told as of that day.
    ``draft``: « À compléter » texts allowed, every page headed by a draft banner."""
    day = day or date.today()
    if not regions_dir.is_dir():
        raise UsageError(f"dossier des régions introuvable : {regions_dir}")
    contexts = sorted((c for c in _publishable([regions_dir], draft) if not c.tree.national), key=lambda c: c.tree.slug)
    env = _env()
    book = build_rulebook(contexts)
    book_data = book.as_dict()
    book_data["referentiel"] = {
        "types": {
            code: {"nom": nom, "inclus_dans": sorted(ref.type_ancestors().get(code, frozenset({code})) - {code})}
            for code, nom in sorted(ref.types_structure().items())
        },
        "des": dict(sorted(ref.des().items())),
        "departements": {code: region for code, (_nom, region) in sorted(ref.departements().items())},
    }
    files: dict[str, str] = {}
    matrices = compare(regions_dir, None, None, contexts)
    by_famille: dict[str, list[tuple[str, str, str, str]]] = {}
    region_pages = []
    pages_of: dict[str, list[dict[str, Any]]] = {}  # region → its dispositif pages
    for ctx in contexts:
        name = Region(ctx).name
        for stem, eff in sorted(ctx.effective.items()):
            by_famille.setdefault(eff.data.get("famille", ""), []).append((ctx.tree.slug, name, eff.data.get("nom", stem), stem))
    des = sorted(ref.des().items(), key=lambda kv: french_key(kv[1]))
    for ctx in contexts:
        region = ctx.doc("region")
        sources = Region(ctx).sources()
        pages = []
        for stem in sorted(ctx.effective):
            famille = ctx.effective[stem].data.get("famille", "")
            siblings = [s for s in by_famille.get(famille, []) if s[0] != ctx.tree.slug]
            page = dispositif_page(ctx, stem, sources, f"../../comparaisons/{famille}.md", siblings, day)
            page["nom_court"] = page["nom"]
            pages.append(page)
            files[f"regions/{ctx.tree.slug}/{stem}.md"] = env.get_template("dispositif.md.j2").render(d=page, des=des, zones=page["zones"])
        zonage = ctx.doc("zonage")
        zonage_lines = []
        if zonage:
            for c in zonage.data["categories"]:
                zonage_lines.append(zone_name(c))
            if zonage.data.get("arrete", {}).get("date"):
                zonage_lines.append(f"Arrêté de zonage du {french_day(zonage.data['arrete']['date'])}")
            if not zonage.data.get("communes"):
                zonage_lines.append(
                    "La liste des communes de chaque zone n'est pas encore publiée ici : la zone se vérifie sur l'arrêté de l'ARS."
                )
        latest = Region(ctx).latest_campaign()
        info = {
            "slug": ctx.tree.slug,
            "nom": Region(ctx).name,
            "ars": Region(ctx).ars,
            "campagne": latest["id"] if latest else None,
            "au": day_words(day),
            "subdivisions": [s["nom"] for s in (region.data.get("subdivisions") or [])] if region else [],
            "dispositifs": pages,
            "zonage": zonage_lines,
            "contacts": [
                f"{c['libelle']}" + (f" : {c['courriel']}" if c.get("courriel") else "") + remark(c)
                for c in (region.data.get("contacts") or [])
            ]
            if region
            else [],
        }
        region_pages.append(info)
        pages_of[ctx.tree.slug] = pages
        files[f"regions/{ctx.tree.slug}/index.md"] = env.get_template("region.md.j2").render(region=info)
    described = {info["slug"]: info for info in region_pages}
    codes = {doc.data["code"]: ctx.tree.slug for ctx in contexts if (doc := ctx.doc("region")) is not None}
    tiles: list[dict[str, Any]] = []
    listing: list[dict[str, Any]] = []
    for code, short, col, row in GRID:
        slug = codes.get(code)
        name = ref.regions().get(code, short)
        tile = {
            "x": GAP + col * (TILE_W + GAP),
            "y": GAP + row * (TILE_H + GAP),
            "court": short,
            "nom": name,
            "slug": slug,
            "count": len(described[slug]["dispositifs"]) if slug else 0,  # type: ignore[arg-type]
        }
        tiles.append(tile)
        listing.append(tile)
    listing.sort(key=lambda x: french_key(x["nom"]))
    grid = {
        "tiles": tiles,
        "list": listing,
        "w": TILE_W,
        "h": TILE_H,
        "width": 5 * (TILE_W + GAP) + GAP,
        "height": 6 * (TILE_H + GAP) + GAP,
    }
    files["index.md"] = env.get_template("index.md.j2").render(grid=grid)
    familles = []
    for m in matrices:
        links = {}
        for slug, _name in m.regions:
            match = [s for s in by_famille.get(m.famille, []) if s[0] == slug]
            links[slug] = f"../regions/{slug}/{match[0][3]}.md" if len(match) == 1 else None
        states = {  # where the applications stand at the build date, as on each dispositif's page
            slug: " ‖ ".join(p["candidatures"] for p in pages_of.get(slug, []) if p["famille"] == m.famille) or EMPTY
            for slug, _name in m.regions
        }
        # only the regions that have the family: a column of « — » says nothing (and is heavy on a phone)
        present, absent = m.present(), m.absent()
        cells = {key: dict(values) for key, values in m.cells.items()}
        remarks: list[tuple[str, str, list[str]]] = []
        for slug, nom in present:
            shown = [p for p in pages_of.get(slug, []) if p["famille"] == m.famille]
            if len(shown) == 1 and shown[0]["duree"] != "non précisée par les textes":  # as its page gives it
                cells["duree"][slug] = shown[0]["duree"]
            remarks.extend((nom, p["nom"], p["remarques"]) for p in shown if p["remarques"])
        files[f"comparaisons/{m.famille}.md"] = env.get_template("famille.md.j2").render(
            m=m, cells=cells, regions=present, absent=absent, remarks=remarks, rows=SITE_ROWS, links=links, states=states, au=day_words(day)
        )
        familles.append({"id": m.famille, "titre": m.titre, "count": len({s for s, *_ in by_famille.get(m.famille, [])})})
    files["comparaisons/index.md"] = env.get_template("comparaisons.md.j2").render(familles=familles)
    events = campaign_events(contexts)
    shown = [
        {"quand": e.quand, "region": e.region, "campagne": e.campagne, "quoi": e.label + e.detail, "passe": e.last < day} for e in events
    ]
    files["calendrier.md"] = env.get_template("calendrier.md.j2").render(
        regions=region_pages,
        au=day_words(day),
        a_venir=[e for e in shown if not e["passe"]],
        passes=[e for e in shown if e["passe"]],
    )
    files["donnees/calendrier.ics"] = ics(events, "Post-internat : toutes les régions")
    for info in region_pages:
        files[f"donnees/calendrier-{info['slug']}.ics"] = ics(
            [e for e in events if e.slug == info["slug"]], f"Post-internat : {info['nom']}"
        )
    files["donnees/regles.json"] = dumps(book_data, compact=True)
    from .simulateur import commune_index, page_data

    for slug, region_rules in sorted(book.regions.items()):
        files[f"donnees/communes/{slug}.json"] = commune_index(region_rules)
    files["ou-suis-je-eligible.md"] = env.get_template("simulateur.md.j2").render(**page_data(book.regions), jour=day.isoformat())
    files["donnees/regles.csv"] = rules_csv(book)
    if vectors is not None and vectors.exists():
        files["donnees/vecteurs.json"] = dumps({"version": 1, "vecteurs": load_vectors(vectors)})
    schema_names = sorted(p.name for p in schemas_dir().glob("*.schema.json"))
    for name in schema_names:
        files[f"donnees/schemas/{name}"] = (schemas_dir() / name).read_text(encoding="utf-8")
    files["donnees.md"] = env.get_template("donnees.md.j2").render(
        schemas=schema_names,
        vecteurs="donnees/vecteurs.json" in files,
        communes=[(slug, data["nom"]) for slug, data in sorted(book.regions.items())],
    )
    files["reference.md"] = env.get_template("reference.md.j2").render(kinds=reference_kinds())
    from .codes import by_group

    files["codes.md"] = env.get_template("codes.md.j2").render(groups=by_group())
    files["mkdocs.yml"] = env.from_string((SITE_DIR / "mkdocs.yml.j2").read_text(encoding="utf-8")).render(
        site_url="",
        regions=region_pages,
        familles=familles,
        brouillon=draft,
    )
    return files


# -- the output folder ---------------------------------------------------------------------------
#
# ``site build`` replaces a whole folder: it must never be a folder the tool did not build. A built
# site carries SITE_MARKER (fixed content); a construction folder carries BUILD_MARKER, is named
# ``.construction-XXXXXXXX`` and is locked by its build while it runs, so that the next build can
# remove the leftovers of a killed one (and only those).

SITE_MARKER = ".postinternat-site"
SITE_MARKER_TEXT = "Site construit par « postinternat site build » : ce dossier est remplacé à chaque construction.\n"
DRAFT_MARKER = ".postinternat-brouillon"  # beside SITE_MARKER in a draft preview (site serve --brouillon)
BUILD_MARKER = ".postinternat-construction"
BUILD_MARKER_TEXT = "Dossier temporaire de « postinternat site build » : supprimé à la fin de la construction.\n"
_BUILD_NAME = re.compile(r"\.construction-[a-z0-9_]{8}")


def _has_marker(folder: Path, name: str, text: str) -> bool:
    """``folder/name`` is a regular file (not a link) holding exactly ``text``."""
    import stat

    marker = folder / name
    try:
        info = marker.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > 4 * len(text):
            return False
        return marker.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(output: Path, regions_dir: Path) -> Path:
    """The absolute folder where ``site build`` may put the site, or a :class:`UsageError`.

    Accepted: a path that does not exist yet, an empty folder, or a site this tool built (it holds
    SITE_MARKER). Refused, whatever they hold: a link, a file, the current folder or one of its
    parents, the home folder or one of its parents, the regions folder, a folder inside it or one of
    its parents, a repository root (a folder with ``.git``), and the site sources."""
    shown = str(output)
    given = Path(os.path.abspath(os.path.expanduser(output)))
    advice = "choisissez un dossier à part, par exemple build/site"
    if given.is_symlink():
        raise UsageError(f"--output {shown} est un lien symbolique : le site n'est jamais écrit à travers un lien ; {advice}")
    target = given.resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        home = None
    regions = regions_dir.resolve()
    refusals = [
        (_inside(Path.cwd().resolve(), target), "est le dossier courant ou l'un de ses dossiers parents"),
        (home is not None and _inside(home, target), "est votre dossier personnel ou l'un de ses dossiers parents"),
        (_inside(regions, target), "est le dossier des régions ou l'un de ses dossiers parents"),
        (_inside(target, regions), "est à l'intérieur du dossier des régions"),
        (
            _inside(SITE_DIR.resolve(), target) or _inside(target, SITE_DIR.resolve()),
            "est le dossier des sources du site (site/), l'un de ses parents ou un dossier qu'il contient",
        ),
        (os.path.lexists(target / ".git"), "est la racine d'un dépôt (il contient .git)"),
    ]
    for refused, why in refusals:
        if refused:
            raise UsageError(f"--output {shown} {why} : la construction remplace tout le dossier, elle le supprimerait ; {advice}")
    if os.path.lexists(target):
        if not target.is_dir():
            raise UsageError(f"--output {shown} est un fichier, pas un dossier : il n'est pas remplacé ; {advice}")
        if not _has_marker(target, SITE_MARKER, SITE_MARKER_TEXT) and any(target.iterdir()):
            raise UsageError(
                f"--output {shown} est un dossier non vide qui n'a pas été construit par postinternat "
                f"(il n'a pas le fichier {SITE_MARKER}) : il n'est pas remplacé ; donnez un dossier vide ou un nouveau nom, par exemple build/site"
            )
    return target


def _try_lock(fd: int) -> bool:
    """An exclusive lock on an open file, without waiting; released when the process ends, even killed."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _clean_constructions(target: Path) -> None:
    """Remove the construction folders that killed builds left next to ``target``: only folders
    named ``.construction-XXXXXXXX`` that hold BUILD_MARKER and that no running build locks. When a
    build was killed in the middle of the swap (only possible where the swap takes two renames),
    the site it left is put back at ``target`` first."""
    for entry in sorted(target.parent.iterdir()):
        if not _BUILD_NAME.fullmatch(entry.name) or entry.is_symlink() or not entry.is_dir():
            continue
        if not _has_marker(entry, BUILD_MARKER, BUILD_MARKER_TEXT):
            continue
        fd = os.open(entry / BUILD_MARKER, os.O_RDWR)
        try:
            if not _try_lock(fd):
                continue  # a build in progress
            for name in ("site", "ancien"):
                if not os.path.lexists(target) and _has_marker(entry / name, SITE_MARKER, SITE_MARKER_TEXT):
                    os.rename(entry / name, target)
        finally:
            os.close(fd)
        shutil.rmtree(entry, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the
    system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    return int(renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)) == 0


def _swap(built: Path, target: Path, work: Path) -> None:
    """Put the complete new site ``built`` at ``target``; the previous site goes into ``work``.

    ``target`` stays a plain folder (no link: every web server, copy and upload tool, and Windows,
    handle it the same). On Linux the two folders are exchanged in one atomic step, so a web server
    serving ``target`` finds a complete site at every instant. Elsewhere (or on a file system that
    cannot exchange) it takes two renames: between them — a few microseconds — ``target`` does not
    exist, and a request would get « page introuvable »; neither site is ever deleted before the new
    one is in place, and a build killed in between is repaired by the next one."""
    if not os.path.lexists(target):
        os.rename(built, target)
    elif not _exchange(built, target):
        previous = work / "ancien"
        os.rename(target, previous)
        try:
            os.rename(built, target)
        except OSError:
            os.rename(previous, target)
            raise


def lay_out_project(files: dict[str, str], project: Path) -> None:
    """Write the MkDocs project in ``project`` (a new folder): the hand-written pages and assets
    (``docs/``), the theme overrides (``overrides/``), then the generated ``files`` of
    :func:`render_pages` (``mkdocs.yml`` at the top, the pages under ``docs/``)."""
    shutil.copytree(SITE_DIR / "docs", project / "docs")
    shutil.copytree(SITE_DIR / "overrides", project / "overrides")
    for rel, text in files.items():
        path = project / ("mkdocs.yml" if rel == "mkdocs.yml" else f"docs/{rel}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


def build_site(regions_dir: Path, output: Path, vectors: Path | None = None, day: date | None = None, draft: bool = False) -> Path:
    """Render the pages as of ``day`` (the build date, today by default) and build the HTML with
    MkDocs; replace ``output`` only on success, and only if it is a site this tool built (see
    :func:`check_output`)."""
    from .progress import set_current_file

    set_current_file(regions_dir)
    target = check_output(output, regions_dir)
    if draft and (target / SITE_MARKER).exists() and not (target / DRAFT_MARKER).exists():
        raise UsageError(
            f"{output} contient un site publiable : un aperçu brouillon ne le remplace pas ; choisissez un autre dossier (par défaut build/brouillon)"
        )
    files = render_pages(regions_dir, vectors, day, draft)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_constructions(target)
    work = Path(tempfile.mkdtemp(prefix=".construction-", dir=target.parent))
    (work / BUILD_MARKER).write_text(BUILD_MARKER_TEXT, encoding="utf-8", newline="")
    lock = os.open(work / BUILD_MARKER, os.O_RDWR)
    try:
        _try_lock(lock)
        project = work / "projet"
        lay_out_project(files, project)
        built = work / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        # MkDocs inherits the lock: if this process is killed, its folder stays locked until MkDocs ends too
        inherit = (lock,) if sys.platform != "win32" else ()
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(built)],
            capture_output=True,
            text=True,
            env=env,
            pass_fds=inherit,
        )
        if result.returncode != 0:
            messages = [
                line for line in (result.stderr + result.stdout).splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line
            ]
            kept = " (le site précédent est conservé)" if os.path.lexists(target) else ""
            raise PostinternatError(
                f"la construction du site a échoué{kept} :\n  " + "\n  ".join(messages[-15:] or [result.stderr.strip()[-500:]])
            )
        (built / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8", newline="")
        if draft:
            (built / DRAFT_MARKER).write_text("Aperçu brouillon : ne pas publier.\n", encoding="utf-8", newline="")
        check_output(output, regions_dir)  # again: the folder may have changed during the build
        _swap(built, target, work)
    finally:
        os.close(lock)
        shutil.rmtree(work, ignore_errors=True)
    return target
