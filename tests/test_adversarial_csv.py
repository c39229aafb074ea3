"""Hostile or broken inputs for the CSV outputs, the candidate files and the output paths of
`evaluate`, `compare` and `export`: each case is refused or neutralised, in French, never lost."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import run

ROOT = Path(__file__).resolve().parent.parent
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADER = "candidat,projet,specialite,subdivision,fin_internat,region,dispositif,campagne,debut,duree_mois,date_candidature,structure1_role,structure1_type,structure1_commune,structure1_quotite,structure2_role,structure2_type,structure2_commune,structure2_quotite\n"
GOOD = "medecine-cardiovasculaire,caen,2025-10-31,normandie,asr,2025,2025-11-01,24,2025-02-14,peripherique,ch,61001,60,universitaire,chu,14118,40"


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def row(candidat: str, projet: str = "", rest: str = GOOD) -> str:
    return f"{candidat},{projet},{rest}\n"


def assert_no_formula(text: str, delimiter: str = ",") -> int:
    """Every cell of a CSV output: none that a spreadsheet would run; returns the cells checked."""
    cells = [c for r in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter) for c in r]
    for value in cells:
        assert not value.startswith(TRIGGERS), value
    return len(cells)


# 4. formula injection -----------------------------------------------------------------------


HOSTILE = ['"=HYPERLINK(""http://x"",""y"")"', "+1+1", "-2+3", "@SUM(A1)", '"\t=1"', '"\r=1"']


@pytest.mark.parametrize("excel", [False, True])
def test_evaluate_csv_neutralises_formulas(tmp_path: Path, excel: bool) -> None:
    path = tmp_path / "lot.csv"
    path.write_text(HEADER + "".join(row(h, h) for h in HOSTILE) + row("=bad", "", GOOD.replace(",24,", ",vingt,")), encoding="utf-8")
    args = ["--excel"] if excel else ["--format", "csv"]
    code, out, err = run("evaluate", str(path), *args)
    assert code == 1, err
    assert assert_no_formula(out, ";" if excel else ",") > 50
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"), newline=""), delimiter=";" if excel else ","))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\",\"y\")"  # the text is kept, behind an apostrophe
    assert rows[1][2] == "2"  # the tool's own numbers stay numbers


def test_compare_csv_neutralises_formulas() -> None:
    from postinternat_config.compare import ROWS, Matrix, render

    cells = {key: {"normandie": "=1+1", "bretagne": "-10 %"} for key, _label in ROWS}
    out = render([Matrix("@famille", "titre", [("normandie", "Normandie"), ("bretagne", "+x")], cells, {})], "csv")
    assert assert_no_formula(out) > 20
    assert "'=1+1" in out and "'-10 %" in out


def test_published_rules_csv_neutralises_formulas() -> None:
    from postinternat_config.site import rules_csv

    rules = {"dispositif": "asr", "nom": "=cmd|' /C calc'!A0", "famille": "@x", "conditions": [
        {"id": "+c", "type": "duree", "source": {"titre": "-titre", "extrait": "\t=extrait"}},
    ]}
    out = rules_csv(SimpleNamespace(dispositifs=lambda: [("normandie", rules)]))
    assert assert_no_formula(out) == 18
    assert "'=cmd|' /C calc'!A0" in out


def test_csv_cell_keeps_numbers_and_plain_text() -> None:
    from postinternat_config.csvsafe import cell

    assert cell(12) == 12 and cell(-3) == -3 and cell(1.5) == 1.5 and cell(None) == ""
    assert cell("lot-01") == "lot-01" and cell("") == "" and cell("  =1") == "'  =1" and cell("＝1") == "'＝1"


# 7. output paths ------------------------------------------------------------------------------


def copy_regions(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "regions"
    shutil.copytree(ROOT / "regions", target)
    return target


def test_evaluate_output_refuses_a_file_of_the_regions_tree(tmp_path: Path) -> None:
    regions = copy_regions(tmp_path)
    region_yaml = regions / "normandie" / "region.yaml"
    before = region_yaml.read_bytes()
    for target in (region_yaml, regions / "normandie" / "resultats.csv", regions / "resultats.csv"):
        code, out, err = run("evaluate", "examples/normandie.yaml", "--regions", str(regions), "--output", str(target))
        assert code == 2 and "dans le dossier des régions" in err and "Traceback" not in err, (target, err)
    assert region_yaml.read_bytes() == before
    assert not (regions / "resultats.csv").exists()
    # any region folder, not only the one evaluated
    code, _out, err = run("evaluate", "examples/normandie.yaml", "--output", str(region_yaml))
    assert code == 2 and "dans le dossier des régions" in err and region_yaml.read_bytes() == before


def test_evaluate_output_refuses_devices_fifos_and_links_to_them(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    (tmp_path / "vers-null").symlink_to("/dev/null")
    (tmp_path / "vers-dossier").symlink_to(tmp_path)
    # never "/dev/null" itself on the command line here: a regression run as root would replace it
    for target in (str(fifo), str(tmp_path / "vers-null"), str(tmp_path / "vers-dossier")):
        code, _out, err = run("evaluate", "examples/normandie.yaml", "--output", target)
        assert code == 2 and "pas un fichier ordinaire" in err, (target, err)
    assert fifo.is_fifo() and (tmp_path / "vers-null").is_symlink() and (tmp_path / "vers-dossier").is_symlink()
    from postinternat_config.outputs import check_output
    from postinternat_config.problems import UsageError

    with pytest.raises(UsageError, match="est un périphérique, pas un fichier ordinaire"):
        check_output(Path("/dev/null"))  # checks only, writes nothing


def test_evaluate_output_refuses_the_input_under_another_name(tmp_path: Path) -> None:
    import os

    source = tmp_path / "c.yaml"
    source.write_bytes((ROOT / "examples" / "normandie.yaml").read_bytes())
    os.link(source, tmp_path / "lien-dur.yaml")
    (tmp_path / "lien.yaml").symlink_to(source)
    for target in ("lien-dur.yaml", "lien.yaml"):
        code, _out, err = run("evaluate", str(source), "--output", str(tmp_path / target))
        assert code == 2 and "fichier d'entrée" in err, (target, err)
    assert source.read_bytes() == (ROOT / "examples" / "normandie.yaml").read_bytes()


def test_evaluate_output_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _err = run("evaluate", str(ROOT / "examples" / "normandie.yaml"), "--regions", str(ROOT / "regions"), "--format", "json", "--output", "-")
    assert code == 0 and json.loads(out)["evaluations"] and not (tmp_path / "-").exists()


def test_evaluate_refuses_a_device_as_candidates_file(tmp_path: Path) -> None:
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    code, _out, err = run("evaluate", str(tmp_path / "zero.csv"))
    assert code == 2 and "pas un fichier ordinaire" in err


def test_export_rules_output_refuses_the_regions_tree_and_its_input(tmp_path: Path) -> None:
    regions = copy_regions(tmp_path)
    code, _out, err = run("export", "rules", "--regions", str(regions), "--output", str(regions / "normandie"))
    assert code == 2 and "dans le dossier des régions" in err
    assert not (regions / "normandie" / "regles.json").exists()
    vectors = tmp_path / "vecteurs.json"
    vectors.write_text("vecteurs: []\n", encoding="utf-8")
    code, _out, err = run("export", "rules", "--output", str(tmp_path), "--vecteurs", str(vectors))
    assert code == 2 and "fichier d'entrée" in err and vectors.read_text(encoding="utf-8") == "vecteurs: []\n"
    (tmp_path / "sortie").mkdir()
    (tmp_path / "sortie" / "regles.json").symlink_to("/dev/null")
    code, _out, err = run("export", "rules", "--output", str(tmp_path / "sortie"))
    assert code == 2 and "pas un fichier ordinaire" in err


def test_write_atomic_never_replaces_a_device(tmp_path: Path) -> None:
    from postinternat_config.outputs import write_atomic
    from postinternat_config.problems import UsageError

    (tmp_path / "null").symlink_to("/dev/null")
    with pytest.raises(UsageError, match="pas un fichier ordinaire"):
        write_atomic(tmp_path / "null", "x")
    assert (tmp_path / "null").is_symlink() and [p.name for p in tmp_path.iterdir()] == ["null"]
