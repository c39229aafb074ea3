"""Evaluating a candidate's project against a dispositif's rules, condition by condition.

Three-valued logic: each condition is ``ok``, ``ko`` or ``inconnu`` (information missing). The
verdict of a dispositif is ``non_eligible`` if one condition is ``ko``, ``a_completer`` if none is
``ko`` but one is ``inconnu``, ``eligible`` otherwise. Conditions are compiled once per dispositif
into small functions; the French explanation of each result is written only when it is read.

The same rulebook data is evaluated in the browser by ``site/docs/assets/evaluateur.js``; the shared test
vectors (``postinternat export rules``) keep both in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import referentiel as ref
from .conditions import INCONNU as INCONNU
from .conditions import KO as KO
from .conditions import OK as OK
from .conditions import Check as Check
from .conditions import Facts as Facts
from .conditions import Outcome as Outcome
from .conditions import combine as combine
from .conditions import compile_condition, walk
from .conditions import explain as explain_condition
from .dates import parse as parse
from .domain import Campaign, latest_campaign
from .domain import value_at as value_at
from .formatting import day_words, pct
from .rulebook import department_of

ELIGIBLE, NON_ELIGIBLE, A_COMPLETER = "eligible", "non_eligible", "a_completer"


@dataclass(slots=True)
class ConditionResult:
    condition: dict[str, Any]
    outcome: Outcome

    @property
    def status(self) -> str:
        return self.outcome.status

    @property
    def message(self) -> str:
        return explain_condition(self.condition, self.outcome)

    @property
    def children(self) -> list[ConditionResult]:
        """The results of a combinator's conditions."""
        return [ConditionResult(c, o) for c, o in zip(self.condition.get("conditions") or [], self.outcome.children, strict=False)]


# -- dispositif-level evaluation ---------------------------------------------------------------


@dataclass
class Compiled:
    """A dispositif's rules, compiled once."""

    rules: dict[str, Any]
    region: dict[str, Any]
    checks: list[tuple[dict[str, Any], Check]]
    lieux: list[tuple[str, frozenset[str], int | None]] = field(default_factory=list)
    functions: list[Check] = field(default_factory=list)
    campaigns: dict[tuple[Any, Any], dict[str, Any] | None] = field(default_factory=dict)  # by (campagne, debut)

    def __post_init__(self) -> None:
        self.functions = [fn for _cond, fn in self.checks]

    @classmethod
    def of(cls, rules: dict[str, Any], region: dict[str, Any]) -> Compiled:
        checks = [(cond, compile_condition(cond)) for cond in rules["conditions"]]
        lieux = [(c["role"], frozenset(c.get("types") or []), c.get("max")) for c in rules["conditions"] if c["type"] == "lieu"]
        declared = {role for role, _t, _m in lieux}
        for cond in walk(rules["conditions"]):  # roles named only by other conditions
            role = cond.get("role") or cond.get("lieu")
            if role and role not in declared:
                lieux.append((role, frozenset(), None))
                declared.add(role)
        return cls(rules, region, checks, lieux)

    def assign(self, structures: list[dict[str, Any]]) -> tuple[dict[str, list[tuple[int, dict[str, Any]]]], list[int]]:
        """Attach structures to lieux: by role when the role exists here, otherwise by type
        (empty lieux first), within each lieu's maximum."""
        by_role: dict[str, list[tuple[int, dict[str, Any]]]] = {role: [] for role, _t, _m in self.lieux}
        rest = []
        for index, structure in enumerate(structures):
            role = structure.get("role")
            if role in by_role:
                by_role[role].append((index, structure))
            else:
                rest.append((index, structure))
        unassigned = []
        if rest:
            ancestors = ref.type_ancestors()
            for index, structure in rest:
                kind = structure.get("type")
                family = ancestors.get(kind, frozenset({kind})) if kind else frozenset()
                candidates = [
                    role
                    for role, types, high in self.lieux
                    if (not types or family & types) and (high is None or len(by_role[role]) < high)
                ]
                if not candidates:
                    unassigned.append(index)
                    continue
                empty = [role for role in candidates if not by_role[role]]
                by_role[(empty or candidates)[0]].append((index, structure))
        return by_role, unassigned

    def evaluate(self, candidat: dict[str, Any], projet: dict[str, Any]) -> Evaluation:
        by_role, unassigned = self.assign(projet.get("structures") or [])
        facts = Facts(candidat, projet, by_role, unassigned, self.region["zonage"])
        outcomes = [fn(facts) for fn in self.functions]
        statuses = {o[0] for o in outcomes}
        verdict = NON_ELIGIBLE if KO in statuses else (A_COMPLETER if INCONNU in statuses else ELIGIBLE)
        missing = tuple(dict.fromkeys(m for o in outcomes if o[0] == INCONNU for m in o[2])) if INCONNU in statuses else ()
        return Evaluation(self, candidat, projet, facts, verdict, outcomes, missing)

    def campaign_for(self, projet: dict[str, Any]) -> dict[str, Any] | None:
        """:func:`choose_campaign`, remembered per campaign named and start date (a lot has few)."""
        key = (projet.get("campagne"), projet.get("debut"))
        try:
            return self.campaigns[key]
        except KeyError:
            found = choose_campaign(self.rules, projet)
            if len(self.campaigns) < 4096:  # memory stays flat however many rows a lot has
                self.campaigns[key] = found
            return found
        except TypeError:  # an unhashable value: the candidate checks report it
            return choose_campaign(self.rules, projet)


@dataclass
class Evaluation:
    compiled: Compiled
    candidat: dict[str, Any]
    projet: dict[str, Any]
    facts: Facts
    verdict: str
    outcomes: list[Outcome]
    missing: tuple[str, ...]

    @property
    def results(self) -> list[ConditionResult]:
        """Each condition with its outcome (built when asked for: the verdict does not need them)."""
        return [ConditionResult(cond, outcome) for (cond, _fn), outcome in zip(self.compiled.checks, self.outcomes, strict=False)]

    @property
    def rules(self) -> dict[str, Any]:
        return self.compiled.rules

    # extras computed on demand: campaign, deadline, priorities, funding

    def campagne(self) -> dict[str, Any] | None:
        return self.compiled.campaign_for(self.projet)

    def delai(self) -> dict[str, Any]:
        return deadline(self.campagne(), self.projet)

    def priorites(self) -> list[dict[str, Any]]:
        return priorities(self.rules, self.facts)

    def financement(self) -> list[dict[str, Any]]:
        return funding(self.rules, self.campagne(), self.projet)

    def remuneration(self) -> list[dict[str, Any]]:
        return pay(self.rules, self.campagne(), self.projet)

    def alertes(self) -> list[str]:
        """Facts that do not change the verdict but that the instructor must see."""
        return alerts(self)


def covers(campagne: dict[str, Any], start: date) -> bool:
    """True if the campaign recruits for a start on that day (:meth:`Campaign.covers`)."""
    return Campaign(campagne).covers(start)


def choose_campaign(rules: dict[str, Any], projet: dict[str, Any]) -> dict[str, Any] | None:
    """The campaign named by the project, or the one that recruits for its start date (the most
    recent when several do), or, without a start date, the most recent one (the rulebook lists
    only the campaigns that open the dispositif)."""
    campagnes = rules.get("campagnes") or []
    wanted = projet.get("campagne")
    if wanted:
        return next((c for c in campagnes if c["id"] == wanted), None)
    start = parse(projet.get("debut"))
    if start is None:
        return latest_campaign(campagnes)
    return latest_campaign(c for c in campagnes if Campaign(c).covers(start))


def deadline(campagne: dict[str, Any] | None, projet: dict[str, Any]) -> dict[str, Any]:
    """On time or late, with the campaign's own rule for the deadline day."""
    if campagne is None:
        return {"statut": "sans_campagne", **({"debut": projet["debut"]} if projet.get("debut") else {})}
    limit = campagne.get("date_limite") or {}
    day = parse(limit.get("date"))
    if day is None:
        return {"statut": "non_precisee", "campagne": campagne["id"]}
    sent = parse(projet.get("date_candidature"))
    base = {"campagne": campagne["id"], "date_limite": day.isoformat(), "incluse": limit.get("incluse")}
    if sent is None:
        return {"statut": INCONNU, **base, "manquants": ["date_candidature"]}
    base["date_candidature"] = sent.isoformat()
    if sent < day:
        return {"statut": "a_temps", **base}
    if sent > day:
        return {"statut": "en_retard", **base}
    if limit.get("incluse") is True:
        return {"statut": "a_temps", **base}
    if limit.get("incluse") is False:
        return {"statut": "en_retard", **base}
    return {"statut": INCONNU, **base}


def priorities(rules: dict[str, Any], facts: Facts) -> list[dict[str, Any]]:
    ancestors = ref.type_ancestors()
    found = []
    for prio in rules.get("priorites") or []:
        kind = prio.get("type")
        role = prio.get("lieu")
        items = facts.by_role.get(role, []) if role else list(enumerate(facts.projet.get("structures") or []))
        values = set(prio.get("valeurs") or [])
        status = "a_apprecier"
        if kind == "departement_structure" and values:
            known = [department_of(s["commune"]) for _i, s in items if s.get("commune")]
            status = "remplie" if any(d in values for d in known) else ("non_remplie" if known else INCONNU)
        elif kind == "type_structure" and values:
            known_types = [s["type"] for _i, s in items if s.get("type")]
            # a structure's type alone (a CH) does not tell whether it is, say, a GHT support
            status = (
                "remplie"
                if any(ancestors.get(t, frozenset({t})) & values for t in known_types)
                else ("a_apprecier" if known_types else INCONNU)
            )
        elif kind == "specialites" and values:
            spec = facts.candidat.get("specialite")
            status = INCONNU if spec is None else ("remplie" if spec in values else "non_remplie")
        found.append({"id": prio["id"], "libelle": prio["libelle"], "statut": status, "source": prio.get("source")})
    return found


def alerts(evaluation: Evaluation) -> list[str]:
    found: list[str] = []
    structures = evaluation.projet.get("structures") or []
    region = evaluation.compiled.region
    departements = set(region.get("departements") or [])
    for index, structure in enumerate(structures):
        commune = structure.get("commune")
        if commune and departements and department_of(commune) not in departements:
            name = ref.communes().get(commune)
            where = f"{name.nom}, {commune}" if name else commune
            found.append(f"la structure n°{index + 1} ({where}) est hors de la région : à vérifier")
    for index in evaluation.facts.unassigned:
        kind = structures[index].get("type")
        found.append(
            f"la structure n°{index + 1} ({ref.types_structure().get(kind, kind) if kind else 'type non renseigné'}) ne correspond à aucun lieu de ce dispositif : elle n'est pas prise en compte"
        )
    shares = [s.get("quotite") for s in structures]
    if shares and all(isinstance(v, (int, float)) for v in shares) and sum(shares) > 100 + 1e-9:
        found.append(f"les quotités des structures font {pct(sum(shares))} au total, plus de 100 %")
    start = parse(evaluation.projet.get("debut"))
    end = parse(evaluation.candidat.get("fin_internat"))
    sent = parse(evaluation.projet.get("date_candidature"))
    if start and end and start < end:
        found.append("la prise de poste précède la fin de l'internat : dates à vérifier")
    if start and sent and sent > start:
        found.append("la candidature est datée après la prise de poste : dates à vérifier")
    late = deadline_alert(evaluation.delai())
    if late:
        found.append(late)
    return found


def deadline_alert(delai: dict[str, Any]) -> str | None:
    """The alert a deadline status raises (a late file, no campaign for the start date), or None;
    a report that prints the deadline line leaves this alert out."""
    if delai["statut"] == "en_retard":
        return "dossier déposé hors délai"
    start = parse(delai.get("debut"))
    if delai["statut"] == "sans_campagne" and start:
        return f"aucune campagne publiée ne recrute pour une prise de poste le {day_words(start)}"
    return None


def reference_date(campagne: dict[str, Any] | None, projet: dict[str, Any]) -> date | None:
    """The date a project's funding is read at: its start, else its campaign's reference date
    (:meth:`Campaign.reference_date`, the rule ``diff`` and the site use too)."""
    start = parse(projet.get("debut"))
    if start is not None:
        return start
    return Campaign(campagne).reference_date() if campagne else None


def funding(rules: dict[str, Any], campagne: dict[str, Any] | None, projet: dict[str, Any]) -> list[dict[str, Any]]:
    """What the rules give, read at the project's start (or the campaign's reference date)."""
    when = reference_date(campagne, projet)
    result = []
    for item in rules.get("financement") or []:
        entry: dict[str, Any] = {k: item[k] for k in ("id", "financeur", "fonds", "objet") if item.get(k)}
        if "part" in item:
            entry["part"] = value_at(item["part"], when)
        montant = item.get("montant")
        if montant:
            amount = value_at(montant["valeur"], when)
            entry["montant"] = amount
            entry["periode"] = montant["periode"]
            _total(entry, amount, montant["periode"], item.get("duree_mois") or projet.get("duree_mois"))
        elif item.get("duree_mois"):
            entry["duree_mois"] = item["duree_mois"]
        entry["date_lecture"] = when.isoformat() if when else None
        entry["source"] = item.get("source")
        result.append(entry)
    return result


def _total(entry: dict[str, Any], amount: Any, periode: str, months: Any) -> None:
    """Add the total over ``months`` to ``entry`` (a monthly or yearly amount, with a length)."""
    if isinstance(amount, (int, float)) and months and periode in ("mois", "an"):
        entry["duree_mois"] = months
        entry["total"] = amount * months if periode == "mois" else round(amount * months / 12, 2)


def pay(rules: dict[str, Any], campagne: dict[str, Any] | None, projet: dict[str, Any]) -> list[dict[str, Any]]:
    """What the doctor is paid according to the texts (salary, bonus, grant), read at the project's
    start (or the campaign's reference date), with its total over the project's length."""
    when = reference_date(campagne, projet)
    result = []
    for item in rules.get("remuneration") or []:
        entry: dict[str, Any] = {k: item[k] for k in ("id", "libelle") if item.get(k)}
        montant = item.get("montant") or {}
        amount = value_at(montant.get("valeur"), when)
        entry["montant"] = amount
        entry["periode"] = montant.get("periode")
        for key in ("brut", "hors"):
            if key in item:
                entry[key] = item[key]
        _total(entry, amount, str(montant.get("periode")), projet.get("duree_mois"))
        entry["date_lecture"] = when.isoformat() if when else None
        entry["source"] = item.get("source")
        result.append(entry)
    return result
