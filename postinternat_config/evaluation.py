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

    def targets_of(self, candidat: dict[str, Any], projet: dict[str, Any]) -> tuple[list[tuple[str, str]], str | None]:
        """(region, dispositif) pairs to evaluate, or an explanation when there are none."""
        region = projet.get("region") or self.targets.region or self._subdivisions.get(candidat.get("subdivision") or "")
        if region is not None and region not in self.book.regions:
            return [], f"région inconnue « {region} »"
        dispositif = projet.get("dispositif") or self.targets.dispositif
        pairs = [(slug, rules["dispositif"]) for slug, rules in self.book.dispositifs(region, dispositif)]
        if not pairs:
            where = f" dans la région {region}" if region else ""
            return [], f"dispositif « {dispositif} » introuvable{where}"
        return pairs, None

    def evaluate(self, candidat: dict[str, Any], projet: dict[str, Any]) -> tuple[list[Evaluation], str | None]:
        pairs, reason = self.targets_of(candidat, projet)
        if self.targets.campagne and not projet.get("campagne"):
            projet = {**projet, "campagne": self.targets.campagne}
        return [self.compiled(r, d).evaluate(candidat, projet) for r, d in pairs], reason


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
        for projet in candidat.get("projets") or []:
            evaluations, reason = evaluator.evaluate(candidat, projet)
            if reason:
                batch.problems.append(Problem(shown, line, 1, "candidat-cible", f"candidat « {candidat.get('id')} » : {reason}"))
            batch.evaluations.extend((e, line) for e in evaluations)
    return batch


def evaluate_file(path: Path, shown: str, book: Rulebook, targets: Targets) -> Batch:
    evaluator = Evaluator(book, targets)
    return evaluate_candidates(read(path, shown), shown, evaluator)


def ranking(batch: Batch) -> list[dict[str, Any]]:
    """Per dispositif and campaign: eligible applications ordered by the priorities they meet
    (most first, then candidate id), with the posts of the campaign. An aid, not a decision."""
    groups: dict[tuple[str, str, str], list[Evaluation]] = {}
    for evaluation, _line in batch.evaluations:
        if evaluation.verdict != ELIGIBLE:
            continue
        campagne = evaluation.campagne()
        key = (evaluation.rules["region"], evaluation.rules["dispositif"], campagne["id"] if campagne else "")
        groups.setdefault(key, []).append(evaluation)
    result = []
    for (region, dispositif, campagne_id), evaluations in sorted(groups.items()):
        rules = evaluations[0].rules
        campagne = evaluations[0].campagne()
        quota = next((q for q in (campagne or {}).get("quotas", []) if q.get("dispositif") == dispositif), None)
        rows = []
        for e in evaluations:
            met = [p["libelle"] for p in e.priorites() if p["statut"] == "remplie"]
            rows.append({"candidat": e.candidat.get("id"), "projet": e.projet.get("id"), "priorites_remplies": met})
        rows.sort(key=lambda r: (-len(r["priorites_remplies"]), str(r["candidat"]), str(r["projet"] or "")))
        result.append({
            "region": region,
            "dispositif": dispositif,
            "nom": rules["nom"],
            "campagne": campagne_id or None,
            "postes": quota.get("postes", "inconnu") if quota else "inconnu",
            "candidatures": rows,
        })
    return result
