"""``evaluate``: every project of every candidate against the dispositifs it targets (or all).

Results are data: one :class:`Outcome` per entry of the candidates file (a CSV row, a project),
produced one at a time so that a large lot is never held in memory; reporters turn them into text,
JSON, CSV or Markdown as they come. A :class:`Batch` keeps only what a run needs at its end: the
problems, the counts, and per dispositif the eligible applications ordered by the priorities they
meet against the posts of the campaign (an aid for the commission, never its decision).

A project that names no region, subdivision or dispositif, evaluated without ``--region``, is tried
against every dispositif of every region (:meth:`Evaluator.is_survey`), eligible results first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .candidates import Entry
from .engine import A_COMPLETER, ELIGIBLE, NON_ELIGIBLE, Compiled, Evaluation
from .problems import Problem, UsageError
from .rulebook import Rulebook
from .suggestions import closest, did_you_mean

AID_NOTE = "Aide au classement pour la commission : ce n'est pas sa décision."
VERDICT_ORDER = {ELIGIBLE: 0, A_COMPLETER: 1, NON_ELIGIBLE: 2}
DELAI_A_VERIFIER = ("inconnu", "sans_campagne")  # deadline statuses the ranking flags: the file may be late
Reason = tuple[tuple[str | int, ...], str]  # why a project cannot be evaluated: the value's path, the message


@dataclass
class Outcome:
    """What became of one entry: its evaluations (one per dispositif tried), or why it could not
    be evaluated, or that the command-line filters left it out."""

    line: int
    candidat_id: Any
    projet_id: Any
    evaluations: list[Evaluation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: bool = False
    cible: tuple[Any, Any] = (None, None)  # the region and dispositif an entry in error names
    survey: bool = False  # tried against every dispositif of every region (:meth:`Evaluator.is_survey`)


@dataclass
class Batch:
    """The summary of a run, built outcome by outcome: problems, counts, and the compact facts the
    ranking needs (no evaluation is kept)."""

    unit: str = "projet"
    rank: bool = True  # keep what the ranking needs (not for a CSV output)
    keep_problems: bool = True  # keep the problems themselves (a JSON output lists them), not only their number
    problems: list[tuple[Problem, Any, Any]] = field(default_factory=list)  # (problem, candidate, project)
    problem_count: int = 0
    read: int = 0
    evaluated: int = 0  # entries evaluated without a problem
    errors: int = 0  # entries with a problem (some may have evaluations too)
    skipped: int = 0  # entries left out by the command-line filters
    file_problems: int = 0  # problems of the whole file (empty, unreadable, a bad header)
    evaluations: int = 0
    _groups: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)
    _late: dict[tuple[str, str, str], int] = field(default_factory=dict)
    _heads: dict[tuple[str, str, str], tuple[dict[str, Any], dict[str, Any] | None, str]] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.read += 1
        self.problem_count += len(outcome.problems)
        if self.keep_problems:
            self.problems.extend((p, outcome.candidat_id, outcome.projet_id) for p in outcome.problems)
        if outcome.problems:
            self.errors += 1
        elif outcome.skipped:
            self.skipped += 1
        else:
            self.evaluated += 1
        for evaluation in outcome.evaluations:
            self.evaluations += 1
            if self.rank:
                self._rank(evaluation)

    def add_file_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        self.file_problems += 1
        if self.keep_problems:
            self.problems.append((problem, None, None))

    def _rank(self, evaluation: Evaluation) -> None:
        if evaluation.verdict != ELIGIBLE:
            return
        campagne = evaluation.campagne()
        key = (evaluation.rules["region"], evaluation.rules["dispositif"], campagne["id"] if campagne else "")
        delai = evaluation.delai()["statut"]
        if delai == "en_retard":
            self._late[key] = self._late.get(key, 0) + 1
            return
        self._heads.setdefault(key, (evaluation.rules, campagne, str(evaluation.compiled.region.get("nom") or key[0])))
        met = [p["libelle"] for p in evaluation.priorites() if p["statut"] == "remplie"]
        self._groups.setdefault(key, []).append(
            {
                "candidat": evaluation.candidat.get("id"),
                "projet": evaluation.projet.get("id"),
                "priorites_remplies": met,
                "delai_a_verifier": delai in DELAI_A_VERIFIER,
            }
        )

    def counts(self) -> dict[str, Any]:
        return {
            "entrees": "lignes" if self.unit == "ligne" else "projets",
            "lues": self.read,
            "evaluees": self.evaluated,
            "en_erreur": self.errors,
            "laissees_de_cote": self.skipped,
        }

    def as_dict(self) -> dict[str, Any]:
        """What the JSON output gives after the evaluations: the ranking aid, the problems, the
        counts (``bilan``)."""
        return {
            "classement": {"avertissement": AID_NOTE, "dispositifs": ranking(self)},
            "problemes": [{**p.as_dict(), "candidat": candidat, "projet": projet} for p, candidat, projet in self.problems],
            "bilan": self.counts(),
        }

    def summary_fr(self) -> str:
        """The counts, in French, for the standard error."""
        whole = f" ; {self.file_problems} problème(s) portent sur le fichier entier" if self.file_problems else ""
        if self.unit == "ligne":
            text = f"Bilan : {self.read} ligne(s) lue(s) : {self.evaluated} évaluée(s), {self.errors} en erreur"
            return text + (f", {self.skipped} laissée(s) de côté par les filtres" if self.skipped else "") + whole + "."
        text = f"Bilan : {self.read} projet(s) lu(s) : {self.evaluated} évalué(s), {self.errors} en erreur"
        return text + (f", {self.skipped} laissé(s) de côté par les filtres" if self.skipped else "") + whole + "."


@dataclass
class Targets:
    region: str | None = None
    dispositif: str | None = None
    campagne: str | None = None


class Evaluator:
    """Compiles each dispositif once and evaluates projects against the right ones."""

    def __init__(self, book: Rulebook, targets: Targets) -> None:
        self.book = book
        self.targets = targets
        self._compiled: dict[tuple[str, str], Compiled] = {}
        if targets.region and targets.region not in book.names():
            hint = did_you_mean(targets.region, book.names())
            raise UsageError(f"région inconnue : {targets.region}{'. ' + hint if hint else ''} (régions : {', '.join(book.names())})")
        if targets.dispositif and not book.dispositifs(targets.region, targets.dispositif):
            where = f" dans {targets.region}" if targets.region else ""
            known = sorted(
                {
                    ident
                    for slug, data in book.regions.items()
                    if slug == targets.region or not targets.region
                    for ident in data["dispositifs"]
                }
            )
            hint = did_you_mean(targets.dispositif, known)
            raise UsageError(
                f"dispositif inconnu{where} : {targets.dispositif}{'. ' + hint if hint else ''} (dispositifs : {', '.join(known)})"
            )
        self._by_subdivision: dict[str, str] | None = None

    def check_campaign(self, places: Iterable[tuple[Any, Any]]) -> None:
        """``--campagne`` names a campaign of at least one region the file targets, else a usage
        error before anything is evaluated: the option is wrong, not the file's projects.
        ``places``: the (region, subdivision) each project names (None for neither: every region)."""
        wanted = self.targets.campagne
        if not wanted:
            return
        names = self.book.names()
        slugs: set[str] = set()
        for region, subdivision in [(self.targets.region, None)] if self.targets.region else places:
            if region is None and subdivision is None:
                slugs = set(names)  # tried against every region
                break
            slug = region if region is not None else self._subdivisions.get(str(subdivision))
            if slug in names:
                slugs.add(str(slug))
        if not slugs:
            return  # no region named is known: each project says so
        found = {slug: [c["id"] for c in self.book.region(slug)["campagnes"]] for slug in sorted(slugs)}
        if any(wanted in ids for ids in found.values()):
            return
        if len(found) == 1:
            slug, ids = next(iter(found.items()))
            where = f"pas de campagne « {wanted} » en {self.book.region(slug)['nom']} (campagnes : {', '.join(ids) or 'aucune'})"
        else:
            listed = " ; ".join(f"{self.book.region(slug)['nom']} : {', '.join(ids) or 'aucune'}" for slug, ids in found.items())
            where = f"aucune des régions visées n'a de campagne « {wanted} » (campagnes : {listed})"
        every = {i for ids in found.values() for i in ids}
        raise UsageError(f"--campagne {wanted} : {where}{_close_campaign(wanted, every)}")

    @property
    def _subdivisions(self) -> dict[str, str]:
        """Region of each subdivision (every region is loaded the first time it is needed)."""
        if self._by_subdivision is None:
            self.book.load(None)
            self._by_subdivision = {s: slug for slug, data in self.book.regions.items() for s in data.get("subdivisions") or []}
        return self._by_subdivision

    def compiled(self, region: str, dispositif: str) -> Compiled:
        key = (region, dispositif)
        found = self._compiled.get(key)
        if found is None:
            data = self.book.region(region)
            found = Compiled.of(data["dispositifs"][dispositif], data)
            self._compiled[key] = found
        return found

    def is_survey(self, candidat: dict[str, Any], projet: dict[str, Any]) -> bool:
        """Nothing names a region or a dispositif (no --region, --dispositif, region, dispositif
        nor subdivision): the project is tried against every dispositif of every region, the
        simulator's question « où suis-je éligible ? »."""
        return not (
            self.targets.region
            or self.targets.dispositif
            or projet.get("region")
            or projet.get("dispositif")
            or candidat.get("subdivision")
        )

    def targets_of(self, candidat: dict[str, Any], projet: dict[str, Any]) -> tuple[list[tuple[str, str]], list[Reason], bool]:
        """(region, dispositif) pairs to evaluate, the reasons a project cannot be evaluated (each
        with the path of the value it is about, « projet » standing for the project), and whether
        the command-line filters leave it out."""
        from .engine import choose_campaign

        wanted_region = projet.get("region")
        if self.targets.region and wanted_region and wanted_region != self.targets.region:
            return [], [], True
        subdivision = candidat.get("subdivision")
        region = wanted_region or self.targets.region
        if region is None and subdivision:
            region = self._subdivisions.get(subdivision)
            if region is None:
                known = ", ".join(sorted(self._subdivisions)) or "aucune"
                return (
                    [],
                    [
                        (
                            ("subdivision",),
                            f"subdivision « {subdivision} » inconnue{_close(subdivision, self._subdivisions)} (subdivisions : {known}) :"
                            " indiquez la région du projet (region)",
                        )
                    ],
                    False,
                )
        if region is not None and region not in self.book.names():
            return (
                [],
                [
                    (
                        ("projet", "region"),
                        f"région inconnue « {region} »{_close(region, self.book.names())} (régions : {', '.join(self.book.names())})",
                    )
                ],
                False,
            )
        dispositif = projet.get("dispositif")
        if self.targets.dispositif and dispositif and dispositif != self.targets.dispositif:
            return [], [], True
        dispositif = dispositif or self.targets.dispositif
        found = self.book.dispositifs(region, dispositif)
        if not found:
            where = f" en {self.book.region(region)['nom']}" if region else ""
            ids = sorted({rules["dispositif"] for _slug, rules in self.book.dispositifs(region)})
            return (
                [],
                [
                    (
                        ("projet", "dispositif"),
                        f"dispositif « {dispositif} » introuvable{where}{_close(str(dispositif), ids)} (dispositifs : {', '.join(ids)})",
                    )
                ],
                False,
            )
        campagne = projet.get("campagne") or self.targets.campagne
        probe = {**projet, "campagne": campagne} if campagne else projet
        survey = self.is_survey(candidat, projet)
        # « où suis-je éligible ? » answers for the regions where the project's structures are
        # (every region when no structure names its commune): a post in Alençon is no Grand Est post
        in_departements = survey_departements(projet) if survey else set()
        pairs: list[tuple[str, str]] = []
        reasons: list[Reason] = []
        for slug, rules in found:
            if in_departements and not in_departements & set(self.book.region(slug)["departements"]):
                continue
            ids = [c["id"] for c in self.book.region(slug)["campagnes"]]
            found_reasons: list[Reason] = []  # independent of one another: all said in one run
            if campagne and campagne not in ids:
                name = self.book.region(slug)["nom"]
                found_reasons.append(
                    (("projet", "campagne"), f"campagne « {campagne} » inconnue en {name} (campagnes : {', '.join(ids) or 'aucune'})")
                )
            else:
                chosen = choose_campaign(rules, probe)
                if dispositif is None and chosen is None and not survey:
                    continue  # trying every dispositif of a region: only those open for this start date
                if campagne and chosen is None:
                    name = self.book.region(slug)["nom"]
                    found_reasons.append(
                        (
                            ("projet", "campagne"),
                            f"le dispositif « {rules['dispositif']} » n'est pas ouvert dans la campagne {campagne} ({name})",
                        )
                    )
            roles = {c["role"] for c in rules["conditions"] if c["type"] == "lieu"}
            if dispositif is not None and roles:
                for index, structure in enumerate(projet.get("structures") or []):  # each at its own structure
                    role = structure.get("role") if isinstance(structure, dict) else None
                    if role and role not in roles:
                        found_reasons.append(
                            (
                                ("projet", "structures", index, "role"),
                                f"rôle « {role} » inconnu pour {rules['dispositif']}{_close(role, roles)} (rôles : {', '.join(sorted(roles))})",
                            )
                        )
            if found_reasons:
                reasons.extend(found_reasons)
                continue
            pairs.append((slug, rules["dispositif"]))
        if not pairs and not reasons:
            reasons.append(
                (
                    ("projet", "debut"),
                    "aucun dispositif ouvert pour cette date de début" + (f" ({projet['debut']})" if projet.get("debut") else ""),
                )
            )
        return pairs, list(dict.fromkeys(reasons)), False  # one reason said once, not once per dispositif

    def evaluate(self, candidat: dict[str, Any], projet: dict[str, Any]) -> tuple[list[Evaluation], list[Reason], bool]:
        pairs, reasons, skipped = self.targets_of(candidat, projet)
        if self.targets.campagne and not projet.get("campagne"):
            projet = {**projet, "campagne": self.targets.campagne}
        evaluations = [self.compiled(r, d).evaluate(candidat, projet) for r, d in pairs]
        if len(evaluations) > 1 and self.is_survey(candidat, projet):
            evaluations.sort(key=lambda e: VERDICT_ORDER[e.verdict])  # eligible first, then « à compléter »
        return evaluations, reasons, skipped


def _close(value: str, known: Iterable[str]) -> str:
    """« . Vouliez-vous dire « x » ? » for a typo of a known id, or nothing."""
    found = closest(value, sorted(known), cutoff=0.75)
    return f" — vouliez-vous dire « {found} » ?" if found is not None else ""


def _close_campaign(value: str, known: Iterable[str]) -> str:
    """« — vouliez-vous dire « 2025 » ? » for a campaign id close to ``value`` (the nearest year
    first when several are as close: 2023 suggests 2024 rather than 2025)."""
    import difflib

    def year(ident: str) -> int:
        return int(ident[:4]) if ident[:4].isdigit() else 0

    scored = [(difflib.SequenceMatcher(None, value, k).ratio(), -abs(year(k) - year(value)), k) for k in known]
    best = max((s for s in scored if s[0] >= 0.75), default=None)
    return f" — vouliez-vous dire « {best[2]} » ?" if best else ""


def survey_departements(projet: dict[str, Any]) -> set[str]:
    """The départements of the communes a project's structures name (the simulator answers for
    their regions; ``simulateur.js`` keeps the same rule)."""
    from .rulebook import department_of

    return {
        department_of(s["commune"]) for s in projet.get("structures") or [] if isinstance(s, dict) and isinstance(s.get("commune"), str)
    }


def candidate_name(ident: Any) -> str:
    """« candidat « c-001 » », or « candidat sans identifiant » when its id is empty or not a text
    (its own schema problem says so): never « None » nor a Python dict in a message."""
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or ident == "":
        return "candidat sans identifiant"
    return f"candidat « {ident} »"


def evaluate_entries(entries: Iterable[Entry], shown: str, evaluator: Evaluator) -> Iterator[Outcome]:
    """One outcome per entry, in the order of the file."""
    for entry in entries:
        if entry.problems or entry.candidat is None or entry.projet is None:
            problems = list(entry.problems)
            if entry.checkable and entry.candidat is not None:  # its targets are said in the same run
                for index, projet in entry.projects():
                    _pairs, reasons, _skipped = evaluator.targets_of(entry.candidat, projet)
                    problems.extend(
                        Problem(shown, *entry.where(path, index), "candidat-cible", f"{candidate_name(entry.candidat_id)} : {reason}")
                        for path, reason in reasons
                    )
                problems.sort(key=lambda p: (p.line, p.column))
            yield Outcome(entry.line, entry.candidat_id, entry.projet_id, problems=problems, cible=entry.cible)
            continue
        evaluations, reasons, skipped = evaluator.evaluate(entry.candidat, entry.projet)
        if skipped:
            yield Outcome(entry.line, entry.candidat_id, entry.projet_id, skipped=True)
            continue
        problems = [
            Problem(shown, *entry.where(path), "candidat-cible", f"{candidate_name(entry.candidat_id)} : {reason}")
            for path, reason in reasons
        ]
        survey = len(evaluations) > 1 and evaluator.is_survey(entry.candidat, entry.projet)
        yield Outcome(entry.line, entry.candidat_id, entry.projet_id, evaluations, problems, survey=survey)


def ranking(batch: Batch) -> list[dict[str, Any]]:
    """Per dispositif and campaign: eligible applications ordered by the priorities they meet
    (most first, then candidate id), with the posts of the campaign. An aid, not a decision."""
    result = []
    for key, rows in sorted(batch._groups.items()):
        region, dispositif, campagne_id = key
        rules, campagne, region_name = batch._heads[key]
        quota = next((q for q in (campagne or {}).get("quotas", []) if q.get("dispositif") == dispositif), None)
        rows = sorted(rows, key=lambda r: (-len(r["priorites_remplies"]), str(r["candidat"]), str(r["projet"] or "")))
        notes = []
        if batch._late.get(key):
            notes.append(f"{batch._late[key]} candidature(s) éligible(s) mais déposée(s) hors délai, non classée(s)")
        if rules.get("presentee_en_seance") is False:
            notes.append("les textes précisent que ces candidatures ne sont pas présentées en séance de la commission")
        result.append(
            {
                "region": region,
                "nom_region": region_name,
                "dispositif": dispositif,
                "nom": rules["nom"],
                "campagne": campagne_id or None,
                "postes": quota.get("postes", "inconnu") if quota else "inconnu",
                "candidatures": rows,
                "remarques": notes,
            }
        )
    return result
