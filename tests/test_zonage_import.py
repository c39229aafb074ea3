"""`postinternat zonage import` on realistic ARS files: rows « Hors zonage » or with an empty
category, title rows above the header, columns given by number (and files without a header), and
the header names ARS files really use."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import run

from postinternat_config.zonage_tools import import_zonage

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo(repo: Path) -> Path:
    """The empty repository of conftest, with a new region « bretagne »."""
    assert run("new", "region", "bretagne")[0] == 0
    return repo


def communes(repo: Path) -> object:
    return yaml.safe_load((repo / "regions/bretagne/zonage.yaml").read_text(encoding="utf-8")).get("communes")


def write(repo: Path, text: str) -> Path:
    path = repo / "zonage.csv"
    path.write_text(text, encoding="utf-8")
    return path


# 1. Communes outside any zone


def test_rows_outside_any_zone_are_skipped_and_counted(repo: Path) -> None:
    path = write(
        repo,
        "code_insee;commune;zonage\n"
        "35238;Rennes;ZAC\n"
        "29019;Brest;ZIP\n"
        "35047;Bruz;Hors zonage\n"
        "35051;Cesson-Sévigné;HORS ZONE\n"
        "29232;Quimper;Non zoné\n"
        "56260;Vannes;Non zonée\n"
        "22278;Saint-Brieuc;Zone hors vivier\n"
        "56121;Lorient;-\n"
        "29103;Landerneau;aucune\n"
        "35288;Saint-Malo;\n"
        ";;\n",
    )
    code, out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 0, err
    assert "zonage-categorie" not in err and "«  »" not in err
    assert out.strip().endswith("; 8 lignes hors zonage ignorées (dont 1 à catégorie vide)")  # printed by the command
    assert communes(repo) == {"ZAC": ["35238"], "ZIP": ["29019"]}
    result = import_zonage(repo / "regions", "bretagne", path, write=False)
    assert (result.outside, result.outside_empty, result.errors) == (8, 1, 0)
    assert (
        result.summary() == "Fichier correct, rien n'est écrit (ZAC : 1, ZIP : 1) ; 8 lignes hors zonage ignorées (dont 1 à catégorie vide)"
    )


def test_summary_counts_skipped_rows_when_writing(repo: Path) -> None:
    path = write(repo, "code_insee,commune,zonage\n35238,Rennes,ZAC\n35047,Bruz,Hors zonage\n")
    result = import_zonage(repo / "regions", "bretagne", path)
    assert result.summary() == f"1 communes écrites dans {repo / 'regions/bretagne/zonage.yaml'} (ZAC : 1) ; 1 ligne hors zonage ignorée"
    nothing = import_zonage(repo / "regions", "bretagne", write(repo, "code_insee,commune,zonage\n35238,Rennes,ZAC\n"), write=False)
    assert nothing.summary() == "Fichier correct, rien n'est écrit (ZAC : 1)"


def test_outside_rows_keep_the_other_checks(repo: Path) -> None:
    before = (repo / "regions/bretagne/zonage.yaml").read_bytes()
    path = write(
        repo,
        "code_insee;commune;zonage\n"
        "35238;Rennes;ZIP\n"
        "35238;Rennes;Hors zonage\n"  # listed in a zone and outside any zone
        "35047;Bruz;ZRR\n"
        ";Nulle part;ZAC\n"
        "29019;Brest;Hors zonage\n"
        "29019;Brest;ZAC\n",
    )
    code, _out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 1
    assert "zonage.csv:3:1: [zonage-doublon] la commune 35238 (Rennes) figure déjà ligne 2 dans une zone" in err
    assert (
        "zonage.csv:4:3: [zonage-categorie] catégorie « ZRR » inconnue du zonage de la région (catégories : ZAC, ZIP ; « Hors zonage » ou une case vide : ligne ignorée)"
        in err
    )
    assert "zonage.csv:5:1: [zonage-code] code INSEE vide" in err
    assert "zonage.csv:7:1: [zonage-doublon] la commune 29019 (Brest) figure déjà ligne 6, hors zonage" in err
    assert "«  »" not in err
    assert (repo / "regions/bretagne/zonage.yaml").read_bytes() == before


def test_a_declared_category_wins_over_the_outside_words(repo: Path) -> None:
    zonage = repo / "regions/bretagne/zonage.yaml"
    text = zonage.read_text(encoding="utf-8")
    zonage.write_text(
        text.replace("categories:\n", "categories:\n  - code: HV\n    libelle: Zone hors vivier\n    source: ars-bretagne\n", 1),
        encoding="utf-8",
    )
    path = write(repo, "code_insee,commune,zonage\n35238,Rennes,Zone hors vivier\n35047,Bruz,Hors zonage\n")
    result = import_zonage(repo / "regions", "bretagne", path, write=False)
    assert result.errors == 0 and result.communes == {"HV": ["35238"]} and result.outside == 1


# 2. Title rows above the header


def test_title_rows_above_the_header_in_csv(repo: Path) -> None:
    path = write(
        repo,
        "ARS Bretagne - zonage médecins - arrêté du 12/06/2023;;\n"
        ";;\n"
        "Code INSEE;Nom de la commune;Zonage médecins 2023\n"
        "35238;Rennes;ZAC\n"
        "99999;Nulle;ZIP\n",
    )
    code, _out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 1
    assert "zonage.csv:5:1: [zonage-code] code INSEE « 99999 » inconnu" in err
    assert err.count("zonage.csv:") == 1  # the title rows are no data
    write(repo, path.read_text(encoding="utf-8").replace("99999;Nulle;ZIP\n", "29019;Brest;Zone d'intervention prioritaire\n"))
    code, _out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 0, err
    assert communes(repo) == {"ZAC": ["35238"], "ZIP": ["29019"]}


def test_title_rows_above_the_header_in_xlsx(repo: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "ARS Bretagne - zonage médecins - arrêté du 12/06/2023"
    sheet["A2"] = "Source : arrêté du directeur général"
    sheet.append([])
    sheet.append(["Département", "CODGEO", "LIBGEO", "Zonage médecins 2023"])
    sheet.append(["35", 35238, "Rennes", "ZAC"])
    sheet.append(["29", "29019", "Brest", "ZRR"])
    sheet.append(["22", 22278, "Saint-Brieuc", None])
    book.save(repo / "zonage.xlsx")
    code, _out, err = run("zonage", "import", "bretagne", str(repo / "zonage.xlsx"))
    assert code == 1
    assert "zonage.xlsx:6:4: [zonage-categorie] catégorie « ZRR » inconnue" in err
    assert err.count("zonage.xlsx:") == 1


def test_workbook_with_a_notice_sheet_first(repo: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notice"
    book.active["A1"] = "Ce fichier présente le zonage des médecins de la région."
    zoning = book.create_sheet("Zonage")
    zoning.append(["Code INSEE", "Commune", "Zonage"])
    zoning.append(["35238", "Rennes", "ZAC"])
    book.save(repo / "zonage.xlsx")
    code, out, err = run("zonage", "import", "bretagne", str(repo / "zonage.xlsx"))
    assert code == 0, err
    assert communes(repo) == {"ZAC": ["35238"]}
    empty = openpyxl.Workbook()
    empty.active.title = "Notice"
    empty.active["A1"] = "Rien ici."
    empty.create_sheet("Autre")["A1"] = "Rien non plus."
    empty.save(repo / "vide.xlsx")
    code, _out, err = run("zonage", "import", "bretagne", str(repo / "vide.xlsx"))
    assert code == 2 and "feuilles : « Notice », « Autre »" in err


def test_csv_saved_by_french_excel_in_windows_1252(repo: Path) -> None:
    path = repo / "zonage.csv"
    path.write_bytes("Code INSEE;Commune;Catégorie\n35238;Rennes;Zone d'action complémentaire\n29019;Brest;Hors zonage\n".encode("cp1252"))
    code, out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 0, err
    assert communes(repo) == {"ZAC": ["35238"]}
    path.write_bytes("code_insee;commune;zonage\n35238;Rennes;ZAC\n".encode("utf-16"))
    code, _out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 1 and "[zonage-encodage]" in err


def test_the_header_is_looked_for_in_the_first_ten_rows_only(repo: Path) -> None:
    path = write(repo, "titre\n" * 10 + "code_insee;commune;zonage\n35238;Rennes;ZAC\n")
    code, _out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 2 and "colonne du code INSEE introuvable" in err


# 3. Columns given by number, files without a header


def test_columns_by_number_without_header(repo: Path) -> None:
    path = write(repo, "35238;Rennes;ZAC\n99999;Nulle;ZIP\n29019;Brest;Zone d'intervention prioritaire\n")
    code, _out, err = run("zonage", "import", "bretagne", str(path), "--colonne-code", "1", "--colonne-categorie", "3")
    assert code == 1
    assert "zonage.csv:2:1: [zonage-code] code INSEE « 99999 » inconnu" in err
    write(repo, "35238;Rennes;ZAC\n29019;Brest;Zone d'intervention prioritaire\n")
    code, _out, err = run(
        "zonage", "import", "bretagne", str(path), "--colonne-code", "1", "--colonne-categorie", "3", "--colonne-nom", "2"
    )
    assert code == 0, err
    assert communes(repo) == {"ZAC": ["35238"], "ZIP": ["29019"]}


def test_columns_by_number_with_a_header(repo: Path) -> None:
    path = write(repo, "Titre du fichier\nCode INSEE;Commune;Zonage\n35238;Rennes;ZAC\n")
    code, _out, err = run("zonage", "import", "bretagne", str(path), "--colonne-code", "1", "--colonne-categorie", "3")
    assert code == 0, err
    assert communes(repo) == {"ZAC": ["35238"]}
    # only the code by number: the other columns are still found by name
    write(repo, "N°;Commune;Zonage\n35238;Rennes;ZAC\n99999;Nulle;ZIP\n")
    code, _out, err = run("zonage", "import", "bretagne", str(path), "--colonne-code", "1")
    assert code == 1
    assert "zonage.csv:3:1: [zonage-code] code INSEE « 99999 » inconnu" in err and ":2:" not in err


def test_column_not_found_says_both_forms(repo: Path) -> None:
    path = write(repo, "N°;Commune;Zonage\n35238;Rennes;ZAC\n")
    code, _out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 2
    assert "colonne du code INSEE introuvable (colonnes de la ligne 1 : 1 « N° », 2 « Commune », 3 « Zonage » ; noms reconnus :" in err
    assert 'indiquez-la par son nom ou par son numéro, par exemple --colonne-code "Code INSEE" ou --colonne-code 1' in err
    code, _out, err = run("zonage", "import", "bretagne", str(path), "--colonne-code", "INSEE")
    assert (
        code == 2
        and 'colonne « INSEE » absente (colonnes de la ligne 1 : 1 « N° », 2 « Commune », 3 « Zonage ») : indiquez-la par son nom ou par son numéro, par exemple --colonne-code "Code INSEE" ou --colonne-code 1'
        in err
    )
    write(repo, "Code INSEE;Commune;Zonage\n35238;Rennes;ZAC\n")
    code, _out, err = run("zonage", "import", "bretagne", str(path), "--colonne-nom", "Libellé")
    assert (
        code == 2
        and 'colonne « Libellé » absente (colonnes de la ligne 1 : 1 « Code INSEE », 2 « Commune », 3 « Zonage ») : indiquez-la par son nom ou par son numéro, par exemple --colonne-nom "Commune" ou --colonne-nom 2'
        in err
    )
    write(repo, "N°;Commune;Zonage\n35238;Rennes;ZAC\n")
    code, _out, err = run("zonage", "import", "bretagne", str(path), "--colonne-code", "7")
    assert code == 2 and "--colonne-code 7 : le fichier n'a que 3 colonne(s)" in err
    code, _out, err = run("zonage", "import", "bretagne", str(path), "--colonne-code", "0")
    assert code == 2 and "les colonnes se numérotent à partir de 1" in err
    write(repo, "Code INSEE;Commune;Libellé\n35238;Rennes;ZAC\n")
    code, _out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 2 and "colonne de la catégorie introuvable" in err and '--colonne-categorie "Zonage" ou --colonne-categorie 3' in err


def test_numbers_without_header_need_both_columns(repo: Path) -> None:
    path = write(repo, "35238;Rennes;ZAC\n")
    code, _out, err = run("zonage", "import", "bretagne", str(path), "--colonne-code", "1")
    assert code == 2 and "colonne de la catégorie introuvable" in err


# 4. Header names of real ARS files


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("Code INSEE;Nom;Zonage médecins 2023", "35238;Rennes;ZAC"),
        ("codgeo;libgeo;Zonage 2023", "35238;Rennes;ZAC"),
        ("DEPCOM;Commune;Classement", "35238;Rennes;ZAC"),
        ("COM;LIBELLE;Type de zone", "35238;Rennes;ZAC"),
        ("N° INSEE;Commune;Catégorie de zonage", "35238;Rennes;ZAC"),
        ("Code commune INSEE;Nom commune;Zone", "35238;Rennes;ZAC"),
        ("Code postal;Code commune;Commune;Zone d'emploi;Zonage médecins", "35000;35238;Rennes;Rennes;ZAC"),
        ("code;commune;categorie", "35238;Rennes;ZAC"),
    ],
)
def test_header_names_of_ars_files(repo: Path, header: str, row: str) -> None:
    path = write(repo, f"{header}\n{row}\n")
    result = import_zonage(repo / "regions", "bretagne", path, write=False)
    assert result.problems == [] and result.communes == {"ZAC": ["35238"]}


def test_a_file_with_no_commune_in_a_zone_writes_nothing(repo: Path) -> None:
    assert run("zonage", "import", "bretagne", str(write(repo, "code_insee;commune;zonage\n35238;Rennes;ZAC\n")))[0] == 0
    before = (repo / "regions/bretagne/zonage.yaml").read_bytes()
    code, _out, err = run(
        "zonage", "import", "bretagne", str(write(repo, "code_insee;commune;zonage\n35238;Rennes;\n29019;Brest;Hors zonage\n"))
    )
    assert code == 1 and "aucune commune du fichier n'est dans une catégorie du zonage (2 ligne(s)" in err
    assert (repo / "regions/bretagne/zonage.yaml").read_bytes() == before


def test_comments_after_the_communes_block_are_kept(repo: Path) -> None:
    path = repo / "regions/bretagne/zonage.yaml"
    assert run("zonage", "import", "bretagne", str(write(repo, "code_insee;commune;zonage\n35238;Rennes;ZAC\n")))[0] == 0
    text = path.read_text(encoding="utf-8").replace("\nrevue:", "\n\n# Relu avec l'ARS le 3 mars.\nrevue:")
    path.write_text(text, encoding="utf-8")
    assert run("zonage", "import", "bretagne", str(write(repo, "code_insee;commune;zonage\n29019;Brest;ZIP\n")))[0] == 0
    after = path.read_text(encoding="utf-8")
    assert "\n\n# Relu avec l'ARS le 3 mars.\nrevue:" in after and communes(repo) == {"ZIP": ["29019"]}
    assert run("validate", "regions/bretagne")[0] == 0


def test_broken_files_give_french_messages(repo: Path) -> None:
    code, _out, err = run(
        "zonage", "import", "bretagne", str(write(repo, 'code_insee;commune;zonage\n35238;"Rennes;ZAC\n' + "x" * 140_000 + "\n"))
    )
    assert code == 1 and "[zonage-fichier] CSV illisible" in err and "Traceback" not in err
    (repo / "ancien.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    code, _out, err = run("zonage", "import", "bretagne", str(repo / "ancien.xls"))
    assert code == 1 and "enregistrez-le au format XLSX" in err
    code, _out, err = run(
        "zonage",
        "import",
        "bretagne",
        str(write(repo, "code_insee;commune;zonage\n99999;Nulle part;Hors zonage\n14118;Caen;Hors zonage\n35238;Rennes;ZAC\n")),
    )
    assert code == 1 and ":2:1: [zonage-code]" in err and ":3:1: [zonage-region]" in err  # rows outside any zone are checked too
    zonage = repo / "regions/bretagne/zonage.yaml"
    zonage.write_text(zonage.read_text(encoding="utf-8").replace("- code: ZAC", "- cod: ZAC"), encoding="utf-8")
    code, _out, err = run("zonage", "import", "bretagne", str(write(repo, "code_insee;commune;zonage\n35238;Rennes;ZAC\n")))
    assert code == 2 and "contient des erreurs" in err and "Erreur interne" not in err
    code, out, _err = run("zonage", "lookup", "Rennes")
    assert code == 0 and "zonage.yaml absent ou en erreur" in out


def test_lookup_says_how_many_more_communes_match(repo: Path) -> None:
    code, out, err = run("zonage", "lookup", "Lô")
    assert code == 0 and "Saint-Lô (50502" in out  # a whole word of the name comes before mere prefixes
    assert len(out.splitlines()) == 20 and "… et " in err and "autre(s) commune(s)" in err


def test_lookup_of_a_misspelt_name_suggests_the_closest_communes(repo: Path) -> None:
    code, _out, err = run("zonage", "lookup", "Caenn")
    assert code == 1 and "Aucune commune « Caenn »" in err
    assert "Vouliez-vous dire : Caen (14118, Calvados)" in err
    # one letter replaced comes before one letter added: « Caan » is Caen, not Cavan
    code, _out, err = run("zonage", "lookup", "Caan")
    assert code == 1 and "Vouliez-vous dire : Caen (14118, Calvados), " in err
    code, _out, err = run("zonage", "lookup", "75001")  # a postal code, not an INSEE code
    assert code == 1 and "C'est peut-être un code postal : l'outil attend le code INSEE de la commune" in err
    code, _out, err = run("zonage", "lookup", "xqzwv")
    assert code == 1 and "Vouliez-vous dire" not in err  # nothing close: no suggestion
