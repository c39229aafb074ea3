"""Hostile inputs for ``site build``: an output folder that is not the tool's own, YAML text made
to break out of the page, links that are not web addresses. These run without a browser
(tests/test_site_browser.py loads the hostile site in Chromium)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import lay_case, run
from postinternat_config import site as site_module
from postinternat_config.site import BUILD_MARKER, BUILD_MARKER_TEXT, SITE_MARKER, SITE_MARKER_TEXT, build_site

# -- 1. the output folder ---------------------------------------------------------------------


def _snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root`` (links and folders included) with its content."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_dir():
            found[rel] = "dossier"
        else:
            found[rel] = path.read_bytes()
    return found


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with regions, a README, a user's folder, an empty folder and a link to it, a
    second repository and a home folder; the repository is the working directory."""
    repo = tmp_path / "depot"
    lay_case("valid", "dates-guillemets", repo)
    (repo / ".git").mkdir()
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (repo / "README.md").write_text("# Le dépôt\n", encoding="utf-8")
    (repo / "notes").mkdir()
    (repo / "notes" / "a-garder.txt").write_text("le travail de quelqu'un\n", encoding="utf-8")
    (repo / "vide").mkdir()
    (repo / "lien").symlink_to("vide")
    (tmp_path / "autre-depot" / ".git").mkdir(parents=True)
    (tmp_path / "maison" / "documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "maison"))
    monkeypatch.chdir(repo)
    return tmp_path


REFUSED = {
    ".": "est le dossier courant",
    "..": "est le dossier courant ou l'un de ses dossiers parents",
    "/": "est le dossier courant ou l'un de ses dossiers parents",
    "regions": "est le dossier des régions",
    "regions/corse": "est à l'intérieur du dossier des régions",
    "regions/corse/site": "est à l'intérieur du dossier des régions",
    "README.md": "est un fichier, pas un dossier",
    "notes": "est un dossier non vide qui n'a pas été construit par postinternat",
    "lien": "est un lien symbolique",
    "../maison": "est votre dossier personnel",
    "~": "est votre dossier personnel",
    "../autre-depot": "est la racine d'un dépôt",
}


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize("output", sorted(REFUSED))
def test_an_output_that_is_not_the_tools_own_site_is_refused_and_left_untouched(workspace: Path, output: str, command: str) -> None:
    before = _snapshot(workspace)
    code, stdout, stderr = run("site", command, "--output", output, "--port", "0") if command == "serve" else run("site", command, "--output", output)
    assert code == 2
    assert f"Erreur : --output {output} {REFUSED[output]}" in stderr, stderr
    assert "Traceback" not in stderr and stdout == ""
    assert _snapshot(workspace) == before


def test_the_site_replaces_only_a_site_the_tool_built_and_keeps_it_complete_during_the_swap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lay_case("valid", "dates-guillemets", tmp_path / "src")
    regions = tmp_path / "src" / "regions"
    output = tmp_path / "publication" / "site"
    output.mkdir(parents=True)  # an empty folder is accepted
    build_site(regions, output)
    assert (output / SITE_MARKER).read_text(encoding="utf-8") == SITE_MARKER_TEXT
    assert (output / "index.html").exists()
    (output / "ancienne-page.html").write_text("ancien site", encoding="utf-8")

    # leftovers next to the site: only the tool's own construction folder of a killed build goes
    killed = output.parent / ".construction-k1lled00"
    (killed / "projet").mkdir(parents=True)
    (killed / BUILD_MARKER).write_text(BUILD_MARKER_TEXT, encoding="utf-8")
    unmarked = output.parent / ".construction-abcdefgh"  # the name, not the marker
    (unmarked / "a-garder.txt").parent.mkdir()
    (unmarked / "a-garder.txt").write_text("à garder", encoding="utf-8")
    misnamed = output.parent / ".construction-nom-different"  # the marker, not the name
    misnamed.mkdir()
    (misnamed / BUILD_MARKER).write_text(BUILD_MARKER_TEXT, encoding="utf-8")

    # at every step of the swap, the output holds a complete site
    states: list[tuple[str, bool]] = []
    real_rename, real_exchange = os.rename, getattr(site_module, "_exchange", None)

    def rename(source: object, destination: object) -> None:
        real_rename(source, destination)  # type: ignore[arg-type]
        states.append(("rename", (output / "index.html").exists()))

    def exchange(first: Path, second: Path) -> bool:
        assert real_exchange is not None
        done = bool(real_exchange(first, second))
        states.append(("échange", (output / "index.html").exists()))
        return done

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(site_module, "_exchange", exchange, raising=False)
    build_site(regions, output)
    monkeypatch.undo()
    if sys.platform.startswith("linux"):  # elsewhere, two renames: the window the README states
        assert states and all(complete for _step, complete in states), states
    assert not (output / "ancienne-page.html").exists() and (output / SITE_MARKER).exists()
    assert not killed.exists()
    assert (unmarked / "a-garder.txt").read_text(encoding="utf-8") == "à garder" and misnamed.exists()
    assert sorted(p.name for p in output.parent.iterdir()) == sorted([".construction-abcdefgh", ".construction-nom-different", "site"])


def _leftover(parent: Path, name: str, pages: dict[str, str]) -> Path:
    folder = parent / name
    folder.mkdir(parents=True)
    (folder / BUILD_MARKER).write_text(BUILD_MARKER_TEXT, encoding="utf-8")
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def test_a_build_killed_between_the_two_renames_is_repaired_not_lost(tmp_path: Path) -> None:
    """Where the swap takes two renames, a build killed between them leaves no site at the output:
    the next build puts the complete site back before anything else."""
    target = tmp_path / "site"
    left = _leftover(tmp_path, ".construction-a1b2c3d4", {f"site/{SITE_MARKER}": SITE_MARKER_TEXT, "site/index.html": "nouveau", f"ancien/{SITE_MARKER}": SITE_MARKER_TEXT, "ancien/index.html": "ancien"})
    site_module._clean_constructions(target)
    assert (target / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert not left.exists()


def test_a_running_build_is_not_cleaned_by_another(tmp_path: Path) -> None:
    running = _leftover(tmp_path, ".construction-enc0urs0", {"projet/mkdocs.yml": "site_name: x\n"})
    fd = os.open(running / BUILD_MARKER, os.O_RDWR)
    try:
        assert site_module._try_lock(fd)
        site_module._clean_constructions(tmp_path / "site")
        assert (running / "projet" / "mkdocs.yml").exists()
    finally:
        os.close(fd)
    site_module._clean_constructions(tmp_path / "site")  # its build has ended: it goes
    assert not running.exists()
