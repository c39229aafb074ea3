"""The shared test vectors (postinternat_config/data/vecteurs.yaml, shipped in the package), written by hand against the source texts: the
Python evaluator must find each expected verdict, condition status, deadline status, priority status,
funding total and nearest eligible variant. The site's JavaScript evaluator runs the same vectors
(exported by `postinternat export rules`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from postinternat_config.engine import Compiled, ConditionResult
from postinternat_config.exports import load_vectors
from postinternat_config.paths import VECTORS as VECTORS_FILE
from postinternat_config.rulebook import Rulebook, load_rulebook
from postinternat_config.variants import variant

ROOT = Path(__file__).resolve().parent.parent
VECTORS = load_vectors(VECTORS_FILE)


@pytest.fixture(scope="module")
def book() -> Rulebook:
    return load_rulebook(ROOT / "regions")


def _flatten(results: list[ConditionResult]) -> dict[str, str]:
    found: dict[str, str] = {}
    for r in results:
        found[r.condition["id"]] = r.status
        found.update(_flatten(r.children))
    return found


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vector(vector: dict[str, Any], book: Rulebook) -> None:
    region = book.regions[vector["region"]]
    compiled = Compiled.of(region["dispositifs"][vector["dispositif"]], region)
    evaluation = compiled.evaluate(vector["candidat"], vector["projet"])
    expected = vector["attendu"]
    statuses = _flatten(evaluation.results)
    for ident, status in (expected.get("conditions") or {}).items():
        assert ident in statuses, f"condition {ident} absente ({sorted(statuses)})"
        assert statuses[ident] == status, (ident, [r.message for r in evaluation.results])
    assert evaluation.verdict == expected["verdict"]
    if "delai" in expected:
        assert evaluation.delai()["statut"] == expected["delai"]
    priorities = {p["id"]: p["statut"] for p in evaluation.priorites() if p["statut"] != "a_apprecier"}
    assert priorities == (expected.get("priorites") or {})
    totals = {f["id"]: f["total"] for f in evaluation.financement() if "total" in f}
    assert totals == (expected.get("financement") or {})
    found = variant(evaluation)
    if "variante" in expected:
        assert found is not None and found["possible"] and found["texte"] == expected["variante"], found
    elif "sans_variante" in expected:
        assert found is not None and not found["possible"] and found["raison"] == expected["sans_variante"], found
    else:
        assert found is None, found
    for result in evaluation.results:
        assert result.message  # every result explains itself


def test_vectors_cover_every_dispositif(book: Rulebook) -> None:
    covered = {(v["region"], v["dispositif"]) for v in VECTORS}
    assert covered == {(slug, rules["dispositif"]) for slug, rules in book.dispositifs()}
    verdicts = {v["attendu"]["verdict"] for v in VECTORS}
    assert verdicts == {"eligible", "non_eligible", "a_completer"}
    # every non-eligible vector says its nearest variant, or why there is none
    assert all("variante" in v["attendu"] or "sans_variante" in v["attendu"] for v in VECTORS if v["attendu"]["verdict"] == "non_eligible")
