"""``outdated``: what is due for review. Rules and sources whose last review (``revue``) is older
than N months, regions whose latest campaign is over, programmes whose announced relaunch date
has passed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .dates import add_months, describe, parse
from .domain import Campaign
from .problems import ERREUR, Problem, UsageError
from .validation import validate_trees


def outdated(regions_dir: Path, as_of: date, months: int) -> tuple[list[Problem], list[Problem]]:
    """Items due for review at ``as_of`` (problems of the review codes, see codes.py); the validation problems are returned too (a file that
    cannot be read cannot be checked)."""
    report, contexts = validate_trees([regions_dir])
    limit = add_months(as_of, -months)
    due: list[Problem] = []
    for ctx in contexts:
        for kind, doc in ctx.valid_docs():
            reviewed = parse(doc.data.get("revue")) if isinstance(doc.data, dict) else None
            if reviewed is not None and reviewed < limit:
                line, col = doc.locate(["revue"])
                due.append(
                    Problem(
                        doc.path,
                        line,
                        col,
                        "revue-ancienne",
                        f"fichier relu pour la dernière fois le {describe({'date': reviewed.isoformat()})}, il y a plus de {months} mois",
                    )
                )
            if kind == "sources":
                for i, source in enumerate(doc.data.get("sources") or []):
                    seen = parse(source.get("revue"))
                    if seen is not None and seen < limit:
                        line, col = doc.locate(["sources", i, "revue"])
                        due.append(
                            Problem(
                                doc.path,
                                line,
                                col,
                                "source-ancienne",
                                f"la source « {source['id']} » n'a pas été revérifiée depuis le {describe({'date': seen.isoformat()})} (plus de {months} mois)",
                            )
                        )
            if kind == "dispositif" and doc.data.get("statut") == "relance_prevue":
                when = parse(doc.data.get("relance_prevue_le"))
                if when is not None and when <= as_of:
                    line, col = doc.locate(["relance_prevue_le"])
                    due.append(
                        Problem(
                            doc.path,
                            line,
                            col,
                            "relance-passee",
                            f"la relance était prévue le {describe({'date': when.isoformat()})} : mettez à jour le statut et la campagne",
                        )
                    )
        if not ctx.tree.national:
            # The campaign that runs the longest (a 2025-2027 campaign outlives a 2026 one).
            campaigns = sorted(
                ((Campaign(doc.data).end_step(), stem, doc) for stem, doc in ctx.campagnes()), key=lambda item: (item[0][0], item[1])
            )
            if campaigns:
                (ended, step), stem, doc = campaigns[-1]
                if ended < as_of:
                    line, col = doc.locate(["id"])
                    # The end as the text gives it (« fin octobre 2022 »), never a day it does not give.
                    ending = (
                        f"dont la dernière étape datée est « {describe(step)} »"
                        if step is not None
                        else f"dont la période (jusqu'à {describe({'annee': ended.year})}) est passée"
                    )
                    due.append(
                        Problem(
                            doc.path,
                            line,
                            col,
                            "campagne-terminee",
                            f"toutes les campagnes de la région sont terminées, la dernière ({stem}), {ending} : ouvrez la suivante (postinternat new campagne {ctx.tree.slug} ANNÉE)",
                        )
                    )
    return sorted(due, key=lambda d: (d.file, d.line, d.column)), report.problems


@dataclass
class Review:
    """What ``outdated`` found at ``as_of``: the items due, and the validation problems (a file in
    error cannot be reviewed)."""

    as_of: date
    months: int
    due: list[Problem]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERREUR]

    @property
    def broken(self) -> list[str]:
        """The files in error: the review is not complete."""
        return sorted({p.file for p in self.errors})

    @property
    def failed(self) -> bool:
        return bool(self.due or self.broken)

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.as_of.isoformat(),
            "mois": self.months,
            "a_revoir": [d.as_dict() for d in self.due],
            "fichiers_en_erreur": self.broken,
        }


def review(regions_dir: Path, region: str | None, as_of: date, months: int) -> Review:
    """``outdated`` for one region (a name in ``regions_dir`` or a folder), or for all of them."""
    if not regions_dir.is_dir():
        raise UsageError(f"dossier des régions introuvable : {regions_dir}")
    target = regions_dir
    if region:
        target = Path(region) if Path(region).is_dir() else regions_dir / region
        if not (target / "region.yaml").is_file():
            from .context import suggest

            known = sorted(p.name for p in regions_dir.iterdir() if (p / "region.yaml").is_file())
            raise UsageError(
                f"région « {region} » introuvable dans {regions_dir}.{suggest(region, known) or ' Régions : ' + ', '.join(known) + '.'}"
            )
    due, problems = outdated(target, as_of, months)
    return Review(as_of, months, due, problems)
