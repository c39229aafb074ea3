"""Splitting a campaign's posts between subdivisions by the region's rule.

The rule ``prorata_internes`` shares the posts in proportion to the interns in training in each
subdivision, by the largest-remainder (Hamilton) method: each subdivision first gets the whole part
of its exact share; the posts left go one by one to the largest remainders. Ties are broken by the
larger number of interns, then by subdivision identifier, so the result never depends on input order.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from .outputs import read_text
from .problems import PostinternatError, Problem, UsageError
from .progress import set_current_file
from .rulebook import Rulebook
from .yamlload import load_text


def largest_remainder(posts: int, weights: dict[str, int]) -> dict[str, int]:
    """Share ``posts`` between keys in proportion to ``weights`` (exact fractions, deterministic ties)."""
    if posts < 0:
        raise ValueError("posts must be >= 0")
    total = sum(weights.values())
    if total <= 0:
        raise ValueError("the weights must add up to more than 0")
    exact = {key: Fraction(posts * weight, total) for key, weight in weights.items()}
    shares = {key: int(value) for key, value in exact.items()}
    left = posts - sum(shares.values())
    order = sorted(weights, key=lambda k: (-(exact[k] - shares[k]), -weights[k], k))
    for key in order[:left]:
        shares[key] += 1
    return shares


@dataclass
class Split:
    region: str
    campagne: str
    dispositif: str
    nom: str
    postes: Any
    regle: dict[str, Any] | None
    repartition: dict[str, int] | None = None
    detail: dict[str, str] = field(default_factory=dict)  # subdivision → exact share as text
    raison: str | None = None
    simulation: bool = False
    publie: list[dict[str, Any]] = field(default_factory=list)
    egalites: list[str] = field(default_factory=list)  # subdivisions whose tie was broken by the rule
    noms: dict[str, str] = field(default_factory=dict)  # region and subdivision ids → their names, for the text

    def name(self, ident: Any) -> str:
        return self.noms.get(str(ident), str(ident))


def ties(posts: int, weights: dict[str, int]) -> list[str]:
    """Subdivisions whose remainder equals that of the last one served, when it decided a post."""
    total = sum(weights.values())
    exact = {k: Fraction(posts * w, total) for k, w in weights.items()}
    remainders = {k: exact[k] - int(exact[k]) for k in weights}
    left = posts - sum(int(v) for v in exact.values())
    if left <= 0 or left >= len(weights):
        return []
    order = sorted(weights, key=lambda k: (-remainders[k], -weights[k], k))
    cut = remainders[order[left - 1]]
    tied = [k for k in weights if remainders[k] == cut]
    return sorted(tied) if len(tied) > 1 and remainders[order[left]] == cut else []


@dataclass
class InternsRow:
    """One subdivision of the interns file as written, with the line and column of its name."""

    name: str
    count: int
    line: int
    column: int = 1


_SPACES = " \u00a0\u202f\t"  # a space, and the no-break spaces a spreadsheet puts between thousands


_THOUSANDS = re.compile("[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+")  # « 1 200 », as a French spreadsheet writes it


def _digits(text: str) -> bool:
    """Only the digits 0 to 9 (« ² » and other Unicode digits are no number of interns)."""
    return bool(text) and text.isascii() and text.isdigit()


def _count(raw: str) -> tuple[int | None, str | None]:
    """A count cell: the number of interns, or why it is not one."""
    value = raw.strip(_SPACES)
    if _digits(value):
        return int(value), None
    if _THOUSANDS.fullmatch(value):  # thousands separated by a space: one reading only
        return int("".join(ch for ch in value if ch.isdigit())), None
    if not value:
        return None, "cellule vide"
    if value.startswith("-") and _digits(value[1:]):
        return None, f"« {value} » est négatif : un nombre positif ou nul est attendu"
    digits = "".join(ch for ch in value if ch not in _SPACES)
    if _digits(digits):
        return None, f"« {value} » contient des espaces : écrivez {digits}"
    if _digits(digits.replace(",", "").replace(".", "")):
        return None, f"« {value} » n'est pas un nombre entier"
    return None, f"« {value} » n'est pas un nombre"


def read_interns(path: Path) -> tuple[list[InternsRow], list[Problem]]:
    """Interns per subdivision, as written: YAML/JSON mapping ``{caen: 420}`` or CSV
    ``subdivision,internes`` (UTF-8 or Windows-1252, « , » or « ; », header optional), each
    faulty cell a located problem. :func:`match_subdivisions` then finds each name's subdivision."""
    from .tables import delimiter_of
    from .workspace import display_path

    shown = display_path(path.resolve())  # named as evaluate names its candidates file
    set_current_file(shown)
    csv_file = path.suffix.lower() == ".csv"
    text, problems = read_text(path, shown, spreadsheet=csv_file)
    if text is None:
        return [], problems
    rows: list[InternsRow] = []
    if csv_file:
        lines = list(csv.reader(io.StringIO(text), delimiter=delimiter_of(text)))
        # A header names its columns (« subdivision,internes »); a bad first line is data, reported.
        first = " ".join(lines[0]).lower() if lines else ""
        has_header = (
            bool(lines)
            and not any(ch.isdigit() for ch in first)
            and any(word in first for word in ("subdiv", "intern", "effectif", "nombre"))
        )
        for number, cells in enumerate(lines[1:] if has_header else lines, start=2 if has_header else 1):
            if not cells or not any(cell.strip() for cell in cells):
                continue
            name = cells[0].strip(_SPACES)
            if not name:
                problems.append(
                    Problem(
                        shown,
                        number,
                        1,
                        "internes",
                        "colonne 1 : subdivision manquante (la ligne donne une subdivision, puis son nombre d'internes)",
                    )
                )
                continue
            if len(cells) < 2:
                problems.append(
                    Problem(
                        shown,
                        number,
                        1,
                        "internes",
                        f"« {name} » : nombre d'internes manquant ; la ligne donne une subdivision, puis son nombre d'internes (séparés par « , » ou « ; »)",
                    )
                )
                continue
            count, fault = _count(cells[1])
            if count is None:
                problems.append(Problem(shown, number, 2, "internes", f"nombre d'internes de « {name} » (colonne 2) : {fault}"))
                continue
            rows.append(InternsRow(name, count, number))
        return rows, problems
    doc, found = load_text(text, shown)
    problems.extend(found)
    if doc is None:
        return [], problems
    if not isinstance(doc.data, dict):
        return [], problems + [Problem(shown, 1, 1, "internes", "attendu : une subdivision par ligne, « caen: 420 »")]
    for key, value in doc.data.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            line, col = doc.locate([key])
            problems.append(Problem(shown, line, col, "internes", f"« {key} » : le nombre d'internes doit être un entier positif ou nul"))
        else:
            rows.append(InternsRow(str(key), value, *doc.locate([key], key=True)))
    return rows, problems


def match_subdivisions(
    rows: list[InternsRow], shown: str, data: dict[str, Any], complete: bool = True
) -> tuple[dict[str, int], list[Problem]]:
    """The interns of each subdivision of the region (``data``), the names of the file matched
    without regard to case, accents or spaces (« Caen », « CAEN » → caen; a subdivision's name
    too); an unknown or repeated subdivision is a problem at its cell."""
    from .suggestions import closest
    from .tables import key

    subdivisions = list(data["subdivisions"])
    names = data.get("noms_subdivisions") or {}
    by_key: dict[str, str] = {}
    for ident in subdivisions:
        by_key.setdefault(key(names.get(ident, ident)), ident)
        by_key[key(ident)] = ident
    result: dict[str, int] = {}
    first_line: dict[str, int] = {}
    problems: list[Problem] = []
    listed = ", ".join(names.get(s, s) for s in subdivisions) or "aucune"
    for row in rows:
        ident = row.name if row.name in subdivisions else by_key.get(key(row.name))
        if ident is None:
            close = closest(row.name, [names.get(s, s) for s in subdivisions], cutoff=0.75)
            hint = f" — vouliez-vous dire « {close} » ?" if close else ""
            message = f"subdivision « {row.name} » inconnue en {data['nom']}{hint} (subdivisions : {listed})"
        elif ident in result:
            message = f"la subdivision « {row.name} » apparaît deux fois (déjà ligne {first_line[ident]})"
        else:
            result[ident] = row.count
            first_line[ident] = row.line
            continue
        problems.append(Problem(shown, row.line, row.column, "internes", message))
    missing = [names.get(s, s) for s in subdivisions if s not in result]
    if missing and complete and not problems:  # a subdivision left out: no share can be computed (said once, for the file)
        last = max((row.line for row in rows), default=1)
        problems.append(
            Problem(
                shown,
                last,
                1,
                "internes",
                f"le fichier ne donne pas le nombre d'internes de {', '.join(missing)} : ajoutez une ligne par subdivision de {data['nom']}"
                f" ({listed})",
            )
        )
    return result, problems


def _unknown(what: str, value: str, known: list[str], plural: str) -> str:
    """« région inconnue : normandy. Vouliez-vous dire « normandie » ? (régions : …) »."""
    from .suggestions import did_you_mean

    hint = did_you_mean(value, known)
    return f"{what} : {value}{'. ' + hint if hint else ''} ({plural} : {', '.join(known) or 'aucun'})"


def split(
    book: Rulebook, region: str, campagne: str | None, interns: dict[str, int] | None, posts_override: int | None = None
) -> list[Split]:
    data = book.regions.get(region)
    if data is None:
        raise UsageError(_unknown("région inconnue", region, sorted(book.regions), "régions"))
    campaigns = data["campagnes"]
    if not campaigns:
        raise PostinternatError(f"la région {region} n'a aucune campagne")
    if campagne is None:
        chosen = max(campaigns, key=lambda c: c["id"])
    else:
        chosen = next((c for c in campaigns if c["id"] == campagne), None)
        if chosen is None:
            raise UsageError(_unknown("campagne inconnue", campagne, [c["id"] for c in campaigns], "campagnes"))
    subdivisions = data["subdivisions"]
    if interns is not None:
        unknown = sorted(set(interns) - set(subdivisions))
        if unknown:
            raise UsageError(
                f"subdivision(s) inconnue(s) dans le fichier des internes : {', '.join(unknown)} (subdivisions : {', '.join(subdivisions) or 'aucune'})"
            )
    results = []
    for ident in chosen["dispositifs"]:
        rules = data["dispositifs"][ident]
        quota = next((q for q in chosen.get("quotas") or [] if q.get("dispositif") == ident), None)
        posts = quota.get("postes", "inconnu") if quota else "inconnu"
        item = Split(region, chosen["id"], ident, rules["nom"], posts, rules.get("repartition_postes"))
        item.noms = {region: data["nom"], **data.get("noms_subdivisions", {})}
        item.publie = list(quota.get("par_subdivision") or []) if quota else []
        rule = rules.get("repartition_postes")
        prorata = bool(rule) and rule.get("regle") == "prorata_internes" and rule.get("entre") == "subdivisions"
        if posts_override is not None and prorata:
            item.postes = posts_override
            item.simulation = True
        if not rule or rule.get("regle") != "prorata_internes" or rule.get("entre") != "subdivisions":
            item.raison = "le dispositif n'a pas de règle de répartition au prorata des internes"
        elif not isinstance(item.postes, int):
            item.raison = "le nombre de postes n'est pas donné par les textes (« inconnu ») : indiquez-le avec --postes pour une simulation"
        elif interns is None:
            item.raison = "indiquez le nombre d'internes en formation par subdivision (--internes FICHIER)"
        elif set(interns) != set(subdivisions):
            missing = sorted(set(subdivisions) - set(interns))
            item.raison = f"nombre d'internes manquant pour : {', '.join(missing)}"
        elif sum(interns.values()) == 0:
            item.raison = "le nombre total d'internes est nul"
        else:
            item.repartition = largest_remainder(item.postes, interns)
            total = sum(interns.values())
            item.egalites = ties(item.postes, interns)
            item.detail = {
                k: f"{item.postes} × {interns[k]} / {total} = {float(Fraction(item.postes * interns[k], total)):.2f}".replace(".", ",")
                for k in sorted(interns)
            }
        results.append(item)
    return results


def render_text(splits: list[Split]) -> str:
    lines = []
    for s in splits:
        lines.append(f"{s.nom} ({s.name(s.region)}, campagne {s.campagne})")
        lines.append(f"  Postes : {s.postes}" + (" (simulation : nombre donné avec --postes)" if s.simulation else ""))
        rule = s.regle
        if rule:
            source = rule.get("source") or {}
            lines.append(f"  Règle : au prorata des internes en formation, entre {rule.get('entre')} (plus forts restes)")
            if source:
                lines.append(f"  Source : {source.get('titre')}" + (f" : « {source['extrait']} »" if source.get("extrait") else ""))
            if source.get("note"):
                lines.append(f"  Note : {source['note']}")
        for part in s.publie:
            lines.append(f"  Publié : {s.name(part.get('subdivision'))} : {part.get('postes')} poste(s)")
        if s.repartition is not None:
            for key in sorted(s.repartition):
                lines.append(f"  - {s.name(key)} : {s.repartition[key]} poste(s) ({s.detail[key]})")
            if s.egalites:
                lines.append(
                    f"  Égalité de reste entre {', '.join(s.name(k) for k in s.egalites)} : départagée au plus grand nombre d'internes, puis par ordre alphabétique."
                )
        else:
            lines.append(f"  Répartition : non calculée — {s.raison}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def as_dict(splits: list[Split]) -> list[dict[str, Any]]:
    return [
        {
            "region": s.region,
            "campagne": s.campagne,
            "dispositif": s.dispositif,
            "nom": s.nom,
            "postes": s.postes,
            "simulation": s.simulation,
            "regle": s.regle,
            "repartition": s.repartition,
            "calcul": s.detail or None,
            "raison": s.raison,
            "publie": s.publie,
            "egalites": s.egalites,
        }
        for s in splits
    ]


@dataclass
class Quotas:
    """What ``quotas`` prints: the splits, or the problems of the interns file (nothing is computed
    then)."""

    splits: list[Split] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> list[dict[str, Any]]:
        """The JSON form: a list, one entry per dispositif."""
        return as_dict(self.splits)

    def text(self) -> str:
        return render_text(self.splits)


def distribute(
    book: Rulebook, region: str, campagne: str | None, internes: Path | None, posts: int | None = None, dispositif: str | None = None
) -> Quotas:
    """``quotas``: the posts of ``region``'s campaign split between subdivisions, for every
    dispositif of the campaign or only ``dispositif``; the interns are read from ``internes``."""
    from .workspace import display_path

    interns = None
    if internes is not None:
        rows, problems = read_interns(internes)
        data = book.regions.get(region)
        if data is not None:  # else split says the region is unknown
            # a row whose count is wrong is not missing: it was said where it is
            interns, unknown = match_subdivisions(rows, display_path(internes.resolve()), data, complete=not problems)
            problems += unknown
        if problems:
            return Quotas(problems=sorted(problems, key=lambda p: (p.line, p.column)))
    splits = split(book, region, campagne, interns, posts)
    if dispositif is not None:
        chosen = splits[0].campagne if splits else campagne
        known = book.regions[region]["dispositifs"]
        if dispositif not in known:
            raise UsageError(_unknown(f"dispositif inconnu en {book.regions[region]['nom']}", dispositif, sorted(known), "dispositifs"))
        splits = [x for x in splits if x.dispositif == dispositif]
        if not splits:
            raise UsageError(f"le dispositif {dispositif} n'est pas ouvert dans la campagne {chosen} de {region}")
    return Quotas(splits)
