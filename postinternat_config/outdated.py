"""``outdated``: what is due for review. Rules and sources whose last review (``revue``) is older
than N months, regions whose latest campaign is over, programmes whose announced relaunch date
has passed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .dates import add_months, describe, parse
from .domain import Campaign
from .problems import Problem
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
                due.append(Problem(doc.path, line, col, "revue-ancienne", f"fichier relu pour la dernière fois le {describe({'date': reviewed.isoformat()})}, il y a plus de {months} mois"))
            if kind == "sources":
                for i, source in enumerate(doc.data.get("sources") or []):
                    seen = parse(source.get("revue"))
                    if seen is not None and seen < limit:
                        line, col = doc.locate(["sources", i, "revue"])
                        due.append(Problem(doc.path, line, col, "source-ancienne", f"la source « {source['id']} » n'a pas été revérifiée depuis le {describe({'date': seen.isoformat()})} (plus de {months} mois)"))
            if kind == "dispositif" and doc.data.get("statut") == "relance_prevue":
                when = parse(doc.data.get("relance_prevue_le"))
                if when is not None and when <= as_of:
                    line, col = doc.locate(["relance_prevue_le"])
                    due.append(Problem(doc.path, line, col, "relance-passee", f"la relance était prévue le {describe({'date': when.isoformat()})} : mettez à jour le statut et la campagne"))
        if not ctx.tree.national:
            # The campaign that runs the longest (a 2025-2027 campaign outlives a 2026 one).
            campaigns = sorted(((Campaign(doc.data).end(), stem, doc) for stem, doc in ctx.campagnes()), key=lambda item: (item[0], item[1]))
            if campaigns:
                ended, stem, doc = campaigns[-1]
                if ended < as_of:
                    line, col = doc.locate(["id"])
                    due.append(Problem(doc.path, line, col, "campagne-terminee", f"toutes les campagnes de la région sont terminées, la dernière ({stem}) le {describe({'date': ended.isoformat()})} : ouvrez la suivante (postinternat new campagne {ctx.tree.slug} ANNÉE)"))
    return sorted(due, key=lambda d: (d.file, d.line, d.column)), report.problems
