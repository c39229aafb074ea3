"""``evaluate``: every project of every candidate against the dispositifs it targets (or all).

Results are data (:class:`Batch`); reporters turn them into text, JSON, CSV or Markdown. A batch
also gives, per dispositif, the eligible applications ordered by the priorities they meet against
the posts of the campaign: an aid for the commission, never its decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .candidates import Candidates, read
from .engine import ELIGIBLE, Compiled, Evaluation
from .problems import Problem, UsageError
from .rulebook import Rulebook


@dataclass
class Batch:
    evaluations: list[tuple[Evaluation, int]] = field(default_factory=list)  # (evaluation, input line)
    problems: list[Problem] = field(default_factory=list)
    candidates: int = 0
    skipped: int = 0  # projects left out by the command-line filters


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
        if targets.region and targets.region not in book.regions:
            raise UsageError(f"région inconnue : {targets.region} (régions : {', '.join(sorted(book.regions))})")
        if targets.dispositif and not book.dispositifs(targets.region, targets.dispositif):
            where = f" dans {targets.region}" if targets.region else ""
            raise UsageError(f"dispositif inconnu{where} : {targets.dispositif}")
        self._subdivisions = {s: slug for slug, data in book.regions.items() for s in data.get("subdivisions") or []}

    def compiled(self, region: str, dispositif: str) -> Compiled:
        key = (region, dispositif)
        found = self._compiled.get(key)
        if found is None:
            data = self.book.regions[region]
            found = Compiled.of(data["dispositifs"][dispositif], data)
            self._compiled[key] = found
        return found

    def targets_of(self, candidat: dict[str, Any], projet: dict[str, Any]) -> tuple[list[tuple[str, str]], list[str], bool]:
        """(region, dispositif) pairs to evaluate, the reasons a project cannot be evaluated, and
        whether the command-line filters leave it out."""
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
                return [], [f"subdivision « {subdivision} » inconnue (subdivisions : {known}) : indiquez la région du projet (region)"], False
        if region is not None and region not in self.book.regions:
            return [], [f"région inconnue « {region} » (régions : {', '.join(sorted(self.book.regions))})"], False
        dispositif = projet.get("dispositif")
        if self.targets.dispositif and dispositif and dispositif != self.targets.dispositif:
            return [], [], True
        dispositif = dispositif or self.targets.dispositif
        found = self.book.dispositifs(region, dispositif)
        if not found:
            where = f" dans la région {region}" if region else ""
            return [], [f"dispositif « {dispositif} » introuvable{where}"], False
        campagne = projet.get("campagne") or self.targets.campagne
        probe = {**projet, "campagne": campagne} if campagne else projet
        pairs: list[tuple[str, str]] = []
        reasons: list[str] = []
        for slug, rules in found:
            ids = [c["id"] for c in self.book.regions[slug]["campagnes"]]
            if campagne and campagne not in ids:
                reasons.append(f"campagne « {campagne} » inconnue en {slug} (campagnes : {', '.join(ids) or 'aucune'})")
                continue
            chosen = choose_campaign(rules, probe)
            if dispositif is None and chosen is None:
                continue  # trying every dispositif: only those open for this start date
            if campagne and chosen is None:
                reasons.append(f"le dispositif « {rules['dispositif']} » n'est pas ouvert dans la campagne {campagne} ({slug})")
                continue
            roles = {c["role"] for c in rules["conditions"] if c["type"] == "lieu"}
            unknown = sorted({s["role"] for s in projet.get("structures") or [] if s.get("role") and s["role"] not in roles})
            if dispositif is not None and unknown and roles:
                reasons.append(f"rôle(s) {', '.join(f'« {r} »' for r in unknown)} inconnu(s) pour {rules['dispositif']} (rôles : {', '.join(sorted(roles))})")
                continue
            pairs.append((slug, rules["dispositif"]))
        if not pairs and not reasons:
            reasons.append("aucun dispositif ouvert pour cette date de début" + (f" ({projet['debut']})" if projet.get("debut") else ""))
        return pairs, reasons, False

    def evaluate(self, candidat: dict[str, Any], projet: dict[str, Any]) -> tuple[list[Evaluation], list[str], bool]:
        pairs, reasons, skipped = self.targets_of(candidat, projet)
        if self.targets.campagne and not projet.get("campagne"):
            projet = {**projet, "campagne": self.targets.campagne}
        return [self.compiled(r, d).evaluate(candidat, projet) for r, d in pairs], reasons, skipped


def evaluate_candidates(
    candidates: Candidates,
    shown: str,
    evaluator: Evaluator,
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
) -> Batch:
    batch = Batch(problems=list(candidates.problems), candidates=len(candidates.items))
    items: Iterable[tuple[dict[str, Any], int]] = candidates.items
    if progress is not None:
        items = progress(candidates.items)
    for candidat, line in items:
        project_lines = candidates.project_lines.get(id(candidat), [])
        for index, projet in enumerate(candidat.get("projets") or []):
            at = project_lines[index] if index < len(project_lines) else line
            evaluations, reasons, skipped = evaluator.evaluate(candidat, projet)
            if skipped:
                batch.skipped += 1
                continue
            for reason in reasons:
                batch.problems.append(Problem(shown, at, 1, "candidat-cible", f"candidat « {candidat.get('id')} » : {reason}"))
            batch.evaluations.extend((e, at) for e in evaluations)
    return batch


def evaluate_file(path: Path, shown: str, book: Rulebook, targets: Targets) -> Batch:
    evaluator = Evaluator(book, targets)
    return evaluate_candidates(read(path, shown), shown, evaluator)


def ranking(batch: Batch) -> list[dict[str, Any]]:
    """Per dispositif and campaign: eligible applications ordered by the priorities they meet
    (most first, then candidate id), with the posts of the campaign. An aid, not a decision."""
    groups: dict[tuple[str, str, str], list[Evaluation]] = {}
    late: dict[tuple[str, str, str], int] = {}
    for evaluation, _line in batch.evaluations:
        if evaluation.verdict != ELIGIBLE:
            continue
        if evaluation.delai()["statut"] == "en_retard":
            campagne = evaluation.campagne()
            key = (evaluation.rules["region"], evaluation.rules["dispositif"], campagne["id"] if campagne else "")
            late[key] = late.get(key, 0) + 1
            continue
        campagne = evaluation.campagne()
        key = (evaluation.rules["region"], evaluation.rules["dispositif"], campagne["id"] if campagne else "")
        groups.setdefault(key, []).append(evaluation)
    result = []
    for (region, dispositif, campagne_id), evaluations in sorted(groups.items()):
        rules = evaluations[0].rules
        campagne = evaluations[0].campagne()
        quota = next((q for q in (campagne or {}).get("quotas", []) if q.get("dispositif") == dispositif), None)
        rows: list[dict[str, Any]] = []
        for e in evaluations:
            met = [p["libelle"] for p in e.priorites() if p["statut"] == "remplie"]
            rows.append({"candidat": e.candidat.get("id"), "projet": e.projet.get("id"), "priorites_remplies": met})
        rows.sort(key=lambda r: (-len(r["priorites_remplies"]), str(r["candidat"]), str(r["projet"] or "")))
        notes = []
        if late.get((region, dispositif, campagne_id)):
            notes.append(f"{late[(region, dispositif, campagne_id)]} candidature(s) éligible(s) mais déposée(s) hors délai, non classée(s)")
        if rules.get("presentee_en_seance") is False:
            notes.append("les textes précisent que ces candidatures ne sont pas présentées en séance de la commission")
        result.append({
            "region": region,
            "dispositif": dispositif,
            "nom": rules["nom"],
            "campagne": campagne_id or None,
            "postes": quota.get("postes", "inconnu") if quota else "inconnu",
            "candidatures": rows,
            "remarques": notes,
        })
    return result
