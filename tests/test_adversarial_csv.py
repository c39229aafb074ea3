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
HEADER = "candidat,projet,specialite,subdivision,fin_internat,region,dispositif,campagne,debut,duree_mois,date_candidature,structure1_role,structure1_type,structure1_commune,structure1_quotite,structure2_role,structure2_type,structure2_commune,structure2_quotite,validation_chu\n"
GOOD = "medecine-cardiovasculaire,caen,2025-10-31,normandie,asr,2025,2025-11-01,24,2025-02-14,peripherique,ch,61001,60,universitaire,chu,14118,40,oui"


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
    assert rows[1][0] == '\'=HYPERLINK("http://x","y")'  # the text is kept, behind an apostrophe
    assert rows[1][2] == "2"  # the tool's own numbers stay numbers


def test_compare_csv_neutralises_formulas() -> None:
    from postinternat_config.compare import ROWS, Matrix, render

    cells = {key: {"normandie": "=1+1", "bretagne": "-10 %"} for key, _label in ROWS}
    out = render([Matrix("@famille", "titre", [("normandie", "Normandie"), ("bretagne", "+x")], cells, {})], "csv")
    assert assert_no_formula(out) > 20
    assert "'=1+1" in out and "'-10 %" in out


def test_published_rules_csv_neutralises_formulas() -> None:
    from postinternat_config.site import rules_csv

    rules = {
        "dispositif": "asr",
        "nom": "=cmd|' /C calc'!A0",
        "famille": "@x",
        "conditions": [
            {"id": "+c", "type": "duree", "mois": 24, "max_mois": 24, "source": {"titre": "-titre", "extrait": "\t=extrait"}},
        ],
    }
    out = rules_csv(SimpleNamespace(dispositifs=lambda: [("normandie", rules)]))
    assert assert_no_formula(out) == 20
    assert "'=cmd|' /C calc'!A0" in out
    row = next(csv.DictReader(io.StringIO(out)))
    assert (row["texte"], row["valeur"]) == ("contrat de 24 mois", '{"max_mois": 24, "mois": 24}')  # in words beside the data


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
    code, out, _err = run(
        "evaluate", str(ROOT / "examples" / "normandie.yaml"), "--regions", str(ROOT / "regions"), "--format", "json", "--output", "-"
    )
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


# 5. no CSV row lost -----------------------------------------------------------------------------


def evaluate_csv(tmp_path: Path, text: str, *args: str) -> tuple[int, list[list[str]], str]:
    path = tmp_path / "lot.csv"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("evaluate", str(path), "--format", "csv", *args)
    return code, list(csv.reader(io.StringIO(out, newline="")))[1:], err


def test_unclosed_quote_is_located_and_the_rows_after_it_are_evaluated(tmp_path: Path) -> None:
    broken = row("c2", "", '"' + GOOD)  # the quote opened in the 3rd cell is never closed
    code, rows, err = evaluate_csv(tmp_path, HEADER + row("c1") + broken + row("c3") + row("c4"))
    assert code == 1
    assert "lot.csv:3:3: [csv-guillemet] guillemet non fermé : la cellule ouverte ici continue sur les lignes 4 à 5" in err
    assert [(r[0], r[2], r[6]) for r in rows] == [
        ("c1", "2", "eligible"),
        ("c2", "3", "erreur"),
        ("c3", "4", "eligible"),
        ("c4", "5", "eligible"),
    ]
    assert "Bilan : 4 ligne(s) lue(s) : 3 évaluée(s), 1 en erreur." in err


def test_quoted_cell_over_two_lines_is_refused_and_nothing_is_swallowed(tmp_path: Path) -> None:
    split = 'c2,"p\n2",' + GOOD + "\n"  # a cell with a line break: its two lines are both reported
    code, rows, err = evaluate_csv(tmp_path, HEADER + row("c1") + split + row("c3"))
    assert code == 1
    assert "lot.csv:3:2: [csv-guillemet] guillemet non fermé : la cellule ouverte ici continue sur la ligne 4" in err
    assert "lot.csv:4:1: [csv-guillemet] guillemet isolé : sans doute la fin de la cellule ouverte ligne 3" in err
    assert [(r[0], r[2], r[6]) for r in rows] == [
        ("c1", "2", "eligible"),
        ("c2", "3", "erreur"),
        ("", "4", "erreur"),
        ("c3", "5", "eligible"),
    ]


def test_overlong_cell_is_a_located_error_not_an_internal_one(tmp_path: Path) -> None:
    code, rows, err = evaluate_csv(tmp_path, HEADER + row("c1") + row("c2", '"' + "x" * 200_000 + '"') + row("c3"))
    assert code == 1 and "lot.csv:3:1: [csv-ligne] cellule trop longue (plus de 131072 caractères)" in err
    assert "Erreur interne" not in err and [(r[2], r[6]) for r in rows] == [("2", "eligible"), ("3", "erreur"), ("4", "eligible")]


def test_rows_with_too_few_or_too_many_cells_are_located_errors(tmp_path: Path) -> None:
    # a forgotten separator shifts every value after it into the next column: nothing is evaluated
    short = GOOD.replace("peripherique,ch,", "peripherique ch,")
    code, rows, err = evaluate_csv(tmp_path, HEADER + row("c1") + row("c2", "", short) + row("c3", "", GOOD + ",en-trop") + row("c4"))
    assert code == 1
    assert "lot.csv:3:20: [csv-ligne] la ligne a 19 cellules pour 20 colonnes : un séparateur manque (« , »)" in err
    assert "lot.csv:4:21: [csv-ligne] la ligne a 21 cellules pour 20 colonnes : un séparateur « , » est en trop" in err
    assert [(r[0], r[2], r[6]) for r in rows] == [
        ("c1", "2", "eligible"),
        ("c2", "3", "erreur"),
        ("c3", "4", "erreur"),
        ("c4", "5", "eligible"),
    ]


def test_a_bad_row_does_not_take_the_candidates_other_rows(tmp_path: Path) -> None:
    bad_start = GOOD.replace("2025-11-01", "2025-13-01")
    code, rows, err = evaluate_csv(
        tmp_path, HEADER + row("c1", "p1") + row("c1", "p2", bad_start) + row("=c2", "", GOOD.replace(",24,", ",vingt,"))
    )
    assert code == 1
    assert "lot.csv:3:9: [schema-format] colonne « debut » : « 2025-13-01 »" in err  # named by its column
    assert [(r[0], r[1], r[2], r[6]) for r in rows] == [
        ("c1", "p1", "2", "eligible"),
        ("c1", "p2", "3", "erreur"),
        ("'=c2", "", "4", "erreur"),
    ]


def test_conflicting_values_of_one_candidate_are_an_error_at_the_cell(tmp_path: Path) -> None:
    other_end = GOOD.replace("2025-10-31", "2024-10-31")
    code, rows, err = evaluate_csv(tmp_path, HEADER + row("c1") + row("c2", "a") + row("c2", "b", other_end) + row("c3"))
    assert code == 1
    assert (
        "lot.csv:4:5: [csv-conflit] colonne « fin_internat » : « 2024-10-31 » diffère de « 2025-10-31 » (ligne 3) pour le même candidat « c2 »"
        in err
    )
    assert [(r[0], r[2], r[6]) for r in rows] == [
        ("c1", "2", "eligible"),
        ("c2", "3", "erreur"),
        ("c2", "4", "erreur"),
        ("c3", "5", "eligible"),
    ]
    # values given on one row only are the candidate's, whichever row gives them
    code, rows, err = evaluate_csv(tmp_path, HEADER + row("c4", "a", GOOD.replace("2025-10-31", "")) + row("c4", "b"))
    assert code == 0 and [r[6] for r in rows] == ["eligible", "eligible"], err


def test_duplicate_column_is_refused_not_resolved(tmp_path: Path) -> None:
    path = tmp_path / "lot.csv"
    path.write_text(HEADER.rstrip("\n") + ",fin_internat\n" + row("c1").rstrip("\n") + ",2020-01-01\n", encoding="utf-8")
    code, _out, err = run("evaluate", str(path), "--format", "csv")
    assert (
        code == 1 and "lot.csv:1:21: [csv-colonne] colonne « fin_internat » en double : elle donne fin_internat, comme la colonne 5" in err
    )


def test_every_row_is_counted_in_the_json_output(tmp_path: Path) -> None:
    path = tmp_path / "lot.csv"
    path.write_text(
        HEADER + row("c1") + row("c2", "", GOOD.replace(",24,", ",x,")) + row("c3", "", GOOD.replace("normandie,asr", "normandie,zzz")),
        encoding="utf-8",
    )
    code, out, err = run("evaluate", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["bilan"] == {"entrees": "lignes", "lues": 3, "evaluees": 1, "en_erreur": 2, "laissees_de_cote": 0}
    assert [(p["candidat"], p["ligne"], p["code"]) for p in data["problemes"]] == [("c2", 3, "csv-valeur"), ("c3", 4, "candidat-cible")]


# 8. bounded reads ------------------------------------------------------------------------------


def test_candidates_file_bytes_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postinternat_config import candidates

    monkeypatch.setattr(candidates, "MAX_CSV_BYTES", 1024 * 1024)
    path = tmp_path / "gros.csv"
    path.write_text(HEADER + row("c1") * 20000, encoding="utf-8")
    code, out, err = run("evaluate", str(path), "--format", "csv")
    assert code == 1 and out == "" and "gros.csv:1:1: [candidats-taille] le fichier dépasse 1 Mo" in err


def test_devices_and_fifos_are_never_read(tmp_path: Path) -> None:
    import os

    from postinternat_config.candidates import read_limited

    os.mkfifo(tmp_path / "tube.csv")
    for device in (Path("/dev/zero"), tmp_path / "tube.csv"):
        data, problems = read_limited(device, "x.csv", 1000)
        assert data is None and "pas un fichier ordinaire" in problems[0].message


def test_rows_beyond_the_cap_are_refused_with_their_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postinternat_config import candidates

    monkeypatch.setattr(candidates, "MAX_ROWS", 3)
    target = tmp_path / "r.csv"
    code, rows, err = evaluate_csv(tmp_path, HEADER + row("c1") + "\n" + row("c2") + row("c3") + row("c4"), "--output", str(target))
    assert code == 1 and not target.exists()
    assert "lot.csv:6:1: [csv-trop-de-lignes] le lot a plus de 3 lignes (la lecture s'arrête à la ligne 6)" in err


def test_rows_are_read_one_at_a_time(tmp_path: Path) -> None:
    """The second pass reads the text again row by row: a row is built when it is asked for."""
    from postinternat_config.candidates import CsvSource

    source = CsvSource((HEADER + row("c1") + row("c2", "", GOOD.replace(",24,", ",x,")) + row("c3")).encode(), "lot.csv")
    assert source.total == 3 and not source.problems
    entries = source.entries()
    first = next(entries)
    assert first.candidat is not None and first.candidat["id"] == "c1" and first.line == 2
    assert [(e.line, e.candidat_id, bool(e.problems)) for e in entries] == [(3, "c2", True), (4, "c3", False)]


def test_memory_does_not_grow_with_the_rows(tmp_path: Path) -> None:
    import tracemalloc

    def peak(count: int) -> int:
        path = tmp_path / f"lot{count}.csv"
        path.write_text(HEADER + "".join(row(f"c{i}") for i in range(count)), encoding="utf-8")
        tracemalloc.start()
        try:
            code, _out, _err = run("evaluate", str(path), "--format", "csv", "--output", str(tmp_path / "r.csv"))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    run("evaluate", "examples/lot.csv", "--format", "csv")  # rules and reference data loaded once
    small, large = peak(100), peak(1000)
    assert large - small < 1024 * 1024, (small, large)  # written as it goes (before: +3.5 Mo for 900 more rows)


# 9. no internal error on hostile JSON -------------------------------------------------------


def test_huge_json_integer_is_a_located_french_error(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"id": "c1",\n "projets": [{"duree_mois": ' + "9" * 100_000 + "}]}", encoding="utf-8")
    code, _out, err = run("evaluate", str(path))
    assert code == 1 and "c.json:2:29: [json-nombre] nombre de 100000 chiffres : trop long pour être lu" in err
    assert "Erreur interne" not in err and "Exceeds" not in err


def test_deep_json_nesting_is_a_located_french_error(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"id": "c1", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    code, _out, err = run("evaluate", str(path))
    assert code == 1 and "c.json:1:118: [json-profondeur] imbrication trop profonde" in err
    assert "Erreur interne" not in err and "Recursion" not in err
