from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The regions described in regions/ (every one has its examples/<region>.yaml and its vectors).
REGIONS_DESCRIBED = sorted(p.name for p in (ROOT / "regions").iterdir() if (p / "region.yaml").is_file())
EXAMPLES = ROOT / "tests" / "examples"
CASE_CONTROL = ("attendu.txt", "arguments.txt", "supprimer.txt")


def lay_case(group: str, case: str, target: Path) -> Path:
    """Copy the base fixture to ``target`` and lay an example case over it; returns the case folder."""
    shutil.copytree(EXAMPLES / "base", target, dirs_exist_ok=True)
    case_dir = EXAMPLES / group / case
    for path in case_dir.rglob("*"):
        if path.is_file() and path.name not in CASE_CONTROL:
            destination = target / path.relative_to(case_dir)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
    removals = case_dir / "supprimer.txt"
    for name in removals.read_text(encoding="utf-8").split() if removals.exists() else []:
        (target / name).unlink()
    return case_dir


@cache
def data_codes() -> dict[str, str]:
    """Every id or code of the data a candidate must never read (code → what it is): the zone
    categories, the roles of the lieux, the ids of conditions, priorities, fundings and sources, the
    dispositif ids, and the codes of the schemas' and the reference's vocabularies (structure
    types, DES, statuses). A code that is also a word of the texts (« ville », « ZIP ») is left out,
    unless it is written with « _ »: there it is French, not a code."""
    import yaml

    from postinternat_config import referentiel
    from postinternat_config.labels import vocabularies

    codes: dict[str, str] = {}
    words: set[str] = set()

    def texts(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("libelle", "texte", "extrait", "nom", "note", "description", "titre"):
                    yield from (value,) if isinstance(value, str) else ()
                yield from texts(value)
        elif isinstance(node, list):
            for item in node:
                yield from texts(item)

    for path in sorted((ROOT / "regions").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for text in texts(data):
            words.update(re.findall(r"[\w-]+", text))
        if path.name == "zonage.yaml":
            codes.update((c["code"], f"zone ({path.parent.name})") for c in data.get("categories") or [])
        if path.name == "sources.yaml":
            codes.update((s["id"], "source") for s in data.get("sources") or [])
        if path.parent.name == "dispositifs":
            codes[path.stem] = "dispositif"
            for lieu in data.get("lieux") or []:
                codes[lieu["role"]] = f"lieu ({path.stem})"
            for key in ("eligibilite", "priorites", "financement"):
                for item in data.get(key) or []:
                    if isinstance(item, dict) and item.get("id"):
                        codes[item["id"]] = f"{key} ({path.stem})"
    for vocabulary in vocabularies().values():
        codes.update((code, "vocabulaire des schémas") for code, words_of in vocabulary.items() if words_of != code)
    for table, what in (
        (referentiel.types_structure(), "type de structure"),
        (referentiel.des(), "DES"),
        (referentiel.statuts(), "statut"),
    ):
        codes.update((code, what) for code in table)
    return {code: what for code, what in codes.items() if "_" in code or not ({code, code.lower()} & words)}


def code_leaks(text: str, codes: dict[str, str]) -> list[str]:
    """The codes of ``codes`` written in ``text`` (« code (what it is) »), e-mail addresses, web
    addresses and file names aside."""
    text = re.sub(r"\S+@\S+|https?://\S+|\S+\.(?:ics|json|csv|yaml)\b", " ", text)  # addresses and file names
    return sorted({f"{token} ({codes[token]})" for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9_-]*", text) if token in codes})


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from postinternat_config.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ARS repository: the national frame only, as the working directory."""
    shutil.copytree(ROOT / "regions" / "_national", tmp_path / "regions" / "_national")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite expected outputs (review the diff before committing)")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))
