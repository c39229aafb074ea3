"""The messages ARS editors and candidates read when a YAML value is wrong: each names the fix in
French, at the value's line and column."""

from __future__ import annotations

from postinternat_config.schemacheck import SchemaSet
from postinternat_config.yamlload import load_text

SCHEMAS = SchemaSet(use_fast=False)

CANDIDATES = """candidats:
  - id: c-001
    specialite: pneumologie
    subdivision: caen
    projets:
      - dispositif: asr
        duree_mois: "24"
        validation_chu: oui
        structures: chu
  - id: c-002
    specialite: pneumologie
    projets:
      - dispositif: asr
        validation_chu: "false"
        structures: []
"""


def _messages(text: str, kind: str) -> list[str]:
    doc, problems = load_text(text, "f.yaml")
    assert doc is not None and problems == []
    return [p.format() for p in SCHEMAS.check(doc, kind)]


def test_candidate_values_name_the_fix() -> None:
    assert _messages(CANDIDATES, "candidats") == [
        "f.yaml:7:21: [schema-type] candidats › n°1 › projets › n°1 › duree_mois : la valeur « 24 » est lue comme un texte "
        "(elle est entre guillemets) ; écrivez-la sans guillemets : 24",
        "f.yaml:8:25: [schema-type] candidats › n°1 › projets › n°1 › validation_chu : « oui » : écrivez true (oui) ou false (non) ; ici : true",
        "f.yaml:9:21: [schema-type] candidats › n°1 › projets › n°1 › structures : une liste est attendue, pas « chu »",
        "f.yaml:14:25: [schema-type] candidats › n°2 › projets › n°1 › validation_chu : « false » : écrivez true (oui) ou false (non) "
        "sans guillemets ; ici : false",
    ]


def test_list_sizes_agree_in_number() -> None:
    assert _messages("candidats: []\n", "candidats") == [
        "f.yaml:1:12: [schema-liste] candidats : la liste doit contenir au moins 1 élément"
    ]
