"""The installed package is self-contained: a wheel built from the checkout, installed in a fresh
virtual environment outside it, validates and builds the site of a copy of regions/ and exports the
rules with the shared test vectors, reading nothing from the checkout (site sources, vectors,
schemas and reference data all ship inside the wheel)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import run

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_wheel_installed_outside_the_checkout_builds_the_site(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env.update(PYTHONNOUSERSITE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")

    # 1. The wheel, built from the checkout (hatchling, as pip install would).
    wheels = tmp_path / "roues"
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(wheels), str(ROOT)],
        tmp_path,
        env,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("postinternat_config-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "postinternat_config/site_sources/mkdocs.yml.j2",
        "postinternat_config/site_sources/templates/dispositif.md.j2",
        "postinternat_config/site_sources/docs/guide.md",
        "postinternat_config/site_sources/docs/assets/evaluateur.js",
        "postinternat_config/site_sources/overrides/main.html",
        "postinternat_config/data/vecteurs.yaml",
        "postinternat_config/schemas/dispositif.schema.json",
    ):
        assert needed in names, needed
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]

    # 2. A fresh environment outside the checkout. Its dependencies (MkDocs, Jinja2...) come from
    # this environment's site-packages, added as a plain path: the .pth files there (among them the
    # checkout's editable install) are not processed, so the checkout is not importable.
    venv = tmp_path / "env"
    created = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, env)
    assert created.returncode == 0, created.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path, env).stdout.strip())
    dependencies = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (purelib / "dependances.pth").write_text("".join(f"{p}\n" for p in dependencies), encoding="utf-8")
    installed = _run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", "-q", str(wheel)], tmp_path, env
    )
    assert installed.returncode == 0, installed.stderr

    where = _run(
        [
            str(python),
            "-c",
            "import json, postinternat_config as p, postinternat_config.paths as q; "
            "print(json.dumps([p.__file__, str(q.SITE_SOURCES), str(q.VECTORS), str(q.schemas_dir())]))",
        ],
        tmp_path,
        env,
    )
    assert where.returncode == 0, where.stderr
    for path in json.loads(where.stdout):
        assert Path(path).resolve().is_relative_to(venv.resolve()), path
        assert not Path(path).resolve().is_relative_to(ROOT), path

    # 3. The commands, run in a folder that holds only a copy of regions/.
    work = tmp_path / "travail"
    shutil.copytree(ROOT / "regions", work / "regions")
    command = str(venv / ("Scripts/postinternat.exe" if os.name == "nt" else "bin/postinternat"))
    site = _run([command, "site", "build", "--output", "out"], work, env)
    assert site.returncode == 0, site.stderr
    out = work / "out"
    assert "Normandie" in (out / "index.html").read_text(encoding="utf-8")
    assert "Assistants spécialistes régionaux" in (out / "regions" / "normandie" / "asr" / "index.html").read_text(encoding="utf-8")
    published = json.loads((out / "donnees" / "vecteurs.json").read_text(encoding="utf-8"))
    assert published["vecteurs"]
    assert (out / "donnees" / "schemas" / "dispositif.schema.json").is_file()
    assert (out / "guide" / "index.html").is_file() and (out / "assets" / "evaluateur.js").is_file()

    export = _run([command, "export", "rules", "--output", "regles"], work, env)
    assert export.returncode == 0, export.stderr
    assert json.loads((work / "regles" / "vecteurs.json").read_text(encoding="utf-8")) == published
    assert json.loads((work / "regles" / "regles.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in work.iterdir()) == ["out", "regions", "regles"]  # nothing else written there


def test_vectors_default_to_the_packaged_file_and_an_explicit_file_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postinternat_config.exports import load_vectors
    from postinternat_config.paths import VECTORS

    monkeypatch.chdir(tmp_path)  # not the checkout: no tests/ folder here
    regions = str(ROOT / "regions")
    code, _out, err = run("export", "rules", "--regions", regions, "--output", "defaut")
    assert code == 0 and "introuvable" not in err, err
    assert json.loads((tmp_path / "defaut" / "vecteurs.json").read_text(encoding="utf-8"))["vecteurs"] == load_vectors(VECTORS)

    mine = tmp_path / "mes-vecteurs.yaml"
    mine.write_text("vecteurs:\n  - id: un-seul\n    region: normandie\n    dispositif: asr\n", encoding="utf-8")
    code, _out, err = run("export", "rules", "--regions", regions, "--output", "choisis", "--vecteurs", str(mine))
    assert code == 0, err
    assert json.loads((tmp_path / "choisis" / "vecteurs.json").read_text(encoding="utf-8"))["vecteurs"] == [
        {"id": "un-seul", "region": "normandie", "dispositif": "asr"}
    ]
