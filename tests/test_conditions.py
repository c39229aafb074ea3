"""The condition types are one module each (postinternat_config/conditions/): every module has the
whole interface, the schema's vocabulary and the JavaScript evaluator list the same types, and a
new type is one new module, found by the registry with no other edit."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from postinternat_config import conditions
from postinternat_config.compare import describe_dispositif
from postinternat_config.diff_report import show
from postinternat_config.engine import Compiled
from postinternat_config.paths import SITE_SOURCES, schemas_dir

COMBINATORS = ("tous", "au_moins_un", "aucun")


def test_every_module_implements_the_whole_interface() -> None:
    modules = conditions.modules()
    assert modules
    for module in modules:
        assert module.__doc__, module.__name__
        assert isinstance(module.TYPES, tuple) and module.TYPES, module.__name__
        assert isinstance(module.RANK, int) and isinstance(module.IN_ELIGIBILITE, bool) and isinstance(module.ZONE, bool)
        for name in ("compile", "explain", "describe"):
            assert callable(getattr(module, name)), (module.__name__, name)
    ranks = [m.RANK for m in modules]
    assert len(set(ranks)) == len(ranks)


def test_schema_vocabulary_and_modules_name_the_same_types() -> None:
    schema = json.loads((schemas_dir() / "dispositif.schema.json").read_text(encoding="utf-8"))
    condition = schema["$defs"]["condition"]
    typed = set(condition["properties"]["type"]["enum"])
    combinators = {key for key in condition["properties"] if key in COMBINATORS}
    in_yaml = {kind for kind, module in conditions.registry().items() if module.IN_ELIGIBILITE}
    assert in_yaml == typed | combinators
    # the other types are written by the rulebook from the dispositif's fields
    derived = {kind for kind, module in conditions.registry().items() if not module.IN_ELIGIBILITE}
    assert derived == {"specialite", "duree", "lieu", "quotite", "demi_journees", "zone"} - typed
    for kind in derived:
        module = conditions.registry()[kind]
        assert hasattr(module, "from_lieu") or hasattr(module, "from_dispositif"), kind


def test_javascript_evaluator_has_one_object_per_type_in_the_modules_order() -> None:
    script = (SITE_SOURCES / "docs" / "assets" / "evaluateur.js").read_text(encoding="utf-8")
    assert re.findall(r"^\s*TYPES\.(\w+) = ", script, re.MULTILINE) == list(conditions.registry())


PLUGIN = '''"""subdivision_candidat: the candidate's subdivision d'internat is one of those listed (a type made
up by the test)."""

from typing import Any

from postinternat_config.conditions._base import INCONNU, KO, OK, Check, Facts, Outcome, outcome
from postinternat_config.formatting import join

TYPES = ("subdivision_candidat",)
RANK = 500
IN_ELIGIBILITE = True
ZONE = False


def compile(cond: dict[str, Any]) -> Check:
    allowed = frozenset(cond["valeurs"])

    def check(f: Facts) -> Outcome:
        value = f.candidat.get("subdivision")
        if value is None:
            return outcome(INCONNU, None, ("subdivision",))
        return outcome(OK if value in allowed else KO, value)

    return check


def explain(cond: dict[str, Any], result: Outcome) -> str:
    return f"Subdivision {result.value} : " + ("admise." if result.status == OK else "non admise.")


def describe(cond: dict[str, Any], labels: dict[str, str]) -> str:
    return "internat fait dans la subdivision de " + join(cond["valeurs"])
'''


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A new condition type, as one module in a folder of the package's discovery path."""
    (tmp_path / "subdivision_candidat.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.setattr(conditions, "__path__", [*conditions.__path__, str(tmp_path)])
    conditions.discover()
    yield
    monkeypatch.undo()
    sys.modules.pop("postinternat_config.conditions.subdivision_candidat", None)
    conditions.discover()


def test_a_new_condition_type_is_one_new_module(plugin: None) -> None:
    raw = {"type": "subdivision_candidat", "valeurs": ["caen", "rouen"]}
    data: dict[str, Any] = {"nom": "D", "lieux": [], "eligibilite": [raw, {"au_moins_un": [raw]}]}
    # rulebook form, evaluation and explanation (evaluate)
    rules = {"conditions": conditions.from_dispositif(data, conditions.Build()), "priorites": [], "financement": [], "campagnes": []}
    assert [c["id"] for c in rules["conditions"]] == ["eligibilite.1", "eligibilite.2"]
    compiled = Compiled.of(rules, {"zonage": {"communes": {}}})
    assert compiled.evaluate({"subdivision": "caen"}, {}).verdict == "eligible"
    refused = compiled.evaluate({"subdivision": "lille"}, {})
    assert refused.verdict == "non_eligible"
    assert refused.results[0].message == "Subdivision lille : non admise."
    assert compiled.evaluate({}, {}).missing == ("subdivision",)
    # the rule's sentence (site, compare, diff)
    assert conditions.describe_yaml(raw) == "internat fait dans la subdivision de caen ou rouen"
    assert describe_dispositif(data, None)["conditions"] == (
        "internat fait dans la subdivision de caen ou rouen ; au moins une de ces conditions : (internat fait dans la subdivision de caen ou rouen)"
    )
    assert show(raw) == "internat fait dans la subdivision de caen ou rouen"


def test_the_registry_refuses_a_module_without_the_whole_interface(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "incomplet.py").write_text(
        '"""A type without describe."""\nTYPES = ("incomplet",)\nRANK = 501\nIN_ELIGIBILITE = True\nZONE = False\n'
        "def compile(cond):\n    return None\ndef explain(cond, result):\n    return ''\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(conditions, "__path__", [*conditions.__path__, str(tmp_path)])
    try:
        with pytest.raises(TypeError, match="interface incomplète"):
            conditions.discover()
    finally:
        monkeypatch.undo()
        sys.modules.pop("postinternat_config.conditions.incomplet", None)
        conditions.discover()


def test_zone_requirements_are_told_apart_for_the_compare_row() -> None:
    zone = conditions.from_yaml({"type": "zone", "lieu": "ville", "valeurs": ["ZIP"]})
    assert conditions.is_zone(zone)
    assert conditions.is_zone(conditions.from_yaml({"au_moins_un": [{"type": "zone", "lieu": "ville", "valeurs": ["ZIP"]}]}))
    assert not conditions.is_zone(
        conditions.from_yaml(
            {"au_moins_un": [{"type": "zone", "lieu": "ville", "valeurs": ["ZIP"]}, {"type": "des_obtenu", "des": ["pediatrie"]}]}
        )
    )
