"""What `evaluate` and `quotas --internes` accept as input, and how they say what is wrong with it:
files saved by a French Excel, every problem of a row or a candidate in one run, the options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run

ROOT = Path(__file__).resolve().parent.parent


def shown(path: Path) -> str:
    """The file as messages name it (relative to the working directory when close to it)."""
    from postinternat_config.workspace import display_path

    return display_path(path)


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


EXCEL_LOT = (
    "Candidat;Spécialité;Subdivision; Fin internat ;Région;DISPOSITIF;Début;Durée (mois);Structure 1 - Rôle;Structure 1 - Type;"
    "Structure 1 - Commune;Structure 1 - Quotité;Structure 2 - Rôle;Structure 2 - Type;Structure 2 - Commune;Structure 2 - Quotité\n"
    "x-01;pneumologie;caen;31/10/2025;normandie;asr;01/11/2025;24;peripherique;ch;61001;60 %;universitaire;chu;14118;40 %\n"
)


def test_a_lot_saved_by_french_excel_is_read(tmp_path: Path) -> None:
    """Windows-1252, « ; », headers with capitals, accents, spaces and punctuation."""
    path = tmp_path / "excel.csv"
    path.write_bytes(EXCEL_LOT.encode("cp1252"))
    code, out, err = run("evaluate", str(path), "--format", "json")
    assert code == 0, err
    assert err == "Bilan : 1 ligne(s) lue(s) : 1 évaluée(s), 0 en erreur.\n"
    evaluation = json.loads(out)["evaluations"][0]
    assert (evaluation["candidat"], evaluation["dispositif"], evaluation["verdict"]) == ("x-01", "asr", "a_completer")
    assert evaluation["manquants"] == ["validation_chu"]  # every other cell was read under its column


def test_a_lot_in_utf_16_is_still_refused_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes(EXCEL_LOT.encode("utf-16"))
    code, _out, err = run("evaluate", str(path))
    assert code == 1
    assert "utf16.csv:1:1: [csv-encodage] le fichier est encodé en UTF-16 ; enregistrez-le en UTF-8" in err


def test_zonage_import_and_evaluate_decode_with_one_function() -> None:
    """One home for the encodings a spreadsheet's CSV may have."""
    import inspect

    from postinternat_config import candidates, zonage_tools

    for module in (candidates, zonage_tools):
        source = inspect.getsource(module)
        assert "decode_table(" in source and "cp1252" not in source, module.__name__


def test_an_unknown_column_names_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "lot.csv"
    path.write_text("candidat,specialite,Durée,Date limite,Structure1 Typ\nx-01,pneumologie,24,,ch\n", encoding="utf-8")
    code, _out, err = run("evaluate", str(path), "--region", "normandie", "--dispositif", "asr")
    assert code == 1
    assert "lot.csv:1:3: [csv-colonne] colonne inconnue « Durée », ignorée. Vouliez-vous dire « duree_mois » ?" in err
    assert "lot.csv:1:5: [csv-colonne] colonne inconnue « Structure1 Typ », ignorée. Vouliez-vous dire « structure1_type » ?" in err
    assert (
        "lot.csv:1:4: [csv-colonne] colonne inconnue « Date limite », ignorée. Colonnes reconnues : candidat, nom, specialite, "
        "subdivision, fin_internat, date_des, inscription_ordre, diplomes, projet, region, dispositif, campagne, debut, duree_mois, "
        "date_candidature, validation_chu ; pour chaque structure (N de 1 à 3) : structureN_ suivi de role, nom, type, commune, "
        "quotite, demi_journees, zone, prioritaire." in err
    )
    assert "README" not in err


def test_a_column_without_header_is_said_briefly(tmp_path: Path) -> None:
    path = tmp_path / "lot.csv"
    path.write_text("candidat;specialite;\nx-01;pneumologie;\n", encoding="utf-8")
    _code, _out, err = run("evaluate", str(path), "--region", "normandie", "--dispositif", "asr")
    assert f"{shown(path)}:1:3: [csv-colonne] colonne sans en-tête, ignorée : nommez-la (candidat, specialite…) ou supprimez-la\n" in err


def test_two_headers_for_one_column_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "lot.csv"
    path.write_text("candidat,Spécialité,specialite\nx-01,pneumologie,neurologie\n", encoding="utf-8")
    code, out, err = run("evaluate", str(path))
    assert code == 1 and out == ""
    assert (
        "lot.csv:1:3: [csv-colonne] colonne « specialite » en double : elle donne specialite, comme la colonne 2 (« Spécialité ») ; gardez-en une seule"
        in err
    )


MISNAMED = "candidat,specialite,region,dispositif,structure1_typ,duree\nx-01,pneumologie,normandie,asr,ch,2\nx-02,pneumologie,normandie,asr,ch,xx\n"


@pytest.mark.parametrize("args", [["--format", "csv"], ["--excel"], ["--format", "text"], ["--format", "markdown"], ["--format", "json"]])
def test_problems_of_the_whole_file_are_no_candidate_rows(tmp_path: Path, args: list[str]) -> None:
    """Unknown columns go to the standard error (and the JSON « problemes »), never into the table
    of candidates; the summary counts what the table shows."""
    path = tmp_path / "lot.csv"
    path.write_text(MISNAMED, encoding="utf-8")
    code, out, err = run("evaluate", str(path), *args)
    assert code == 1
    assert "lot.csv:1:5: [csv-colonne] colonne inconnue « structure1_typ », ignorée. Vouliez-vous dire « structure1_type » ?" in err
    assert "lot.csv:1:6: [csv-colonne] colonne inconnue « duree », ignorée. Vouliez-vous dire « duree_mois » ?" in err
    assert "Bilan : 2 ligne(s) lue(s) : 2 évaluée(s), 0 en erreur ; 2 problème(s) portent sur le fichier entier." in err
    assert "csv-colonne" not in out.replace('"code": "csv-colonne"', "")
    if "--format" in args and args[1] == "json":
        data = json.loads(out)
        assert [(p["ligne"], p["colonne"], p["candidat"]) for p in data["problemes"]] == [(1, 5, None), (1, 6, None)]
        assert data["bilan"] == {"entrees": "lignes", "lues": 2, "evaluees": 2, "en_erreur": 0, "laissees_de_cote": 0}
        assert [e["candidat"] for e in data["evaluations"]] == ["x-01", "x-02"]
    elif "--excel" in args or "csv" in args:
        rows = out.lstrip("\ufeff").splitlines()
        assert [r.split(";" if "--excel" in args else ",")[0] for r in rows[1:]] == ["x-01", "x-02"]
        assert "erreur" not in out
    else:
        assert "x-01" in out and "x-02" in out


def test_a_row_in_error_is_one_csv_row_with_all_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "lot.csv"
    path.write_text(
        "candidat,specialite,region,dispositif,debut,duree_mois,structure1_quotite\n"
        "x-01,pneumologie,normandie,asr,2025-11-01,24,60\n"
        "x-02,pneumologie,normandie,asr,2025-11-01,24.0,soixante\n",
        encoding="utf-8",
    )
    code, out, err = run("evaluate", str(path), "--format", "csv")
    assert code == 1
    rows = out.splitlines()
    assert len(rows) == 3 and rows[1].startswith("x-01,")
    assert rows[2] == (
        f"x-02,,3,normandie,asr,,erreur,erreur de lecture,{shown(path)}:3:6: [csv-valeur] colonne « duree_mois » : « 24.0 » n'est pas un nombre"
        f" | {shown(path)}:3:7: [csv-valeur] colonne « structure1_quotite » : « soixante » n'est pas un nombre,,,,,,"
    )
    assert "Bilan : 2 ligne(s) lue(s) : 1 évaluée(s), 1 en erreur." in err


def test_a_campaign_option_no_targeted_region_has_is_one_usage_error() -> None:
    code, out, err = run("evaluate", "examples/normandie.yaml", "--campagne", "2023")
    assert (code, out) == (2, "")
    assert (
        err == "Erreur : --campagne 2023 : pas de campagne « 2023 » en Normandie (campagnes : 2024, 2025) — vouliez-vous dire « 2024 » ?\n"
    )
    # the subdivisions of the lot say which regions it targets: Île-de-France's 2025-2027 does not count
    code, out, err = run("evaluate", "examples/lot.csv", "--campagne", "2025-2027")
    assert (code, out) == (2, "")
    assert err == "Erreur : --campagne 2025-2027 : pas de campagne « 2025-2027 » en Normandie (campagnes : 2024, 2025)\n"
    # a project that names no place is tried everywhere: every region's campaigns are listed
    code, out, err = run("evaluate", "examples/ou-suis-je-eligible.yaml", "--campagne", "2021")
    assert (code, out) == (2, "")
    assert err.startswith(
        "Erreur : --campagne 2021 : aucune des régions visées n'a de campagne « 2021 » (campagnes : Centre-Val de Loire : aucune ; Grand Est : 2022-2024, 2024-2026 ;"
    )
    assert err.endswith(
        "Normandie : 2024, 2025 ; Nouvelle-Aquitaine : 2024 ; Pays de la Loire : 2020-2022 ; Provence-Alpes-Côte d'Azur : aucune) — vouliez-vous dire « 2022 » ?\n"
    )
    # a campaign one targeted region has: evaluated, the others said per project
    code, out, err = run("evaluate", "examples/normandie.yaml", "--campagne", "2024", "--format", "json")
    assert code == 1 and json.loads(out)["bilan"]["evaluees"] == 10
    assert "le dispositif « mg-400-volet-1 » n'est pas ouvert dans la campagne 2024 (Normandie)" in err


def test_every_independent_problem_of_a_yaml_candidate_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "candidats:\n"
        "  - id: c-001\n"
        "    specialite: medecine-generalle\n"
        "    subdivision: caen\n"
        "    projets:\n"
        "      - dispositif: asr\n"
        "        region: normandy\n"
        "        structures:\n"
        "          - {role: peripherique, type: chx, commune: '61001', quotite: 60}\n"
        "  - id: c-002\n"
        "    specialite: pneumologie\n"
        "    projets:\n"
        "      - dispositif: asr\n"
        "        region: normandie\n"
        "        campagne: '2023'\n"
        "        duree_mois: '24'\n"
        "        structures:\n"
        "          - {role: periferique, type: ch, quotite: 60}\n"
        "          - {role: universitare, type: chu, quotite: 40}\n",
        encoding="utf-8",
    )
    code, out, err = run("evaluate", str(path), "--format", "csv")
    assert code == 1
    names = "centre-val-de-loire, grand-est, guyane, hauts-de-france, ile-de-france, martinique, normandie, nouvelle-aquitaine, pays-de-la-loire, provence-alpes-cote-d-azur"
    roles = "(rôles : peripherique, universitaire)"
    assert err.splitlines() == [
        f"{shown(path)}:3:17: [candidat-code] spécialité « medecine-generalle » inconnue de la liste des DES. Vouliez-vous dire « medecine-generale » ?",
        f"{shown(path)}:7:17: [candidat-cible] candidat « c-001 » : région inconnue « normandy » — vouliez-vous dire « normandie » ? (régions : {names})",
        f"{shown(path)}:9:40: [candidat-code] type de structure « chx » inconnu. Vouliez-vous dire « ch » ?",
        f"{shown(path)}:15:19: [candidat-cible] candidat « c-002 » : campagne « 2023 » inconnue en Normandie (campagnes : 2024, 2025)",
        f"{shown(path)}:16:21: [schema-type] candidats › « c-002 » › projets › n°1 › duree_mois : la valeur « 24 » est lue comme un texte (elle est entre guillemets) ; écrivez-la sans guillemets : 24",
        f"{shown(path)}:18:20: [candidat-cible] candidat « c-002 » : rôle « periferique » inconnu pour asr — vouliez-vous dire « peripherique » ? {roles}",
        f"{shown(path)}:19:20: [candidat-cible] candidat « c-002 » : rôle « universitare » inconnu pour asr — vouliez-vous dire « universitaire » ? {roles}",
        "Bilan : 2 projet(s) lu(s) : 0 évalué(s), 2 en erreur.",
    ]
    assert [row.split(",")[:3] for row in out.splitlines()[1:]] == [["c-001", "", "2"], ["c-002", "", "10"]]  # one row each


def test_targets_are_not_checked_when_what_they_read_is_malformed(tmp_path: Path) -> None:
    """A problem in a value the target checks read would make them guess: they wait for it."""
    path = tmp_path / "c.yaml"
    path.write_text(
        "candidats:\n  - id: c-001\n    specialite: pneumologi\n    projets:\n      - {dispositif: asr, region: normandie, campagne: 2023}\n",
        encoding="utf-8",
    )
    code, _out, err = run("evaluate", str(path))
    assert code == 1
    lines = err.splitlines()
    assert (
        lines[0]
        == f"{shown(path)}:3:17: [candidat-code] spécialité « pneumologi » inconnue de la liste des DES. Vouliez-vous dire « pneumologie » ?"
    )
    assert lines[1].startswith(
        f"{shown(path)}:5:56: [schema-type] candidats › « c-001 » › projets › n°1 › campagne : "
    )  # wording: the schema's
    assert "candidat-cible" not in err and len(lines) == 3


def test_every_bad_cell_and_target_of_a_csv_row_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        "candidat;specialite;subdivision;region;dispositif;campagne;debut;duree_mois;structure1_role;structure1_type;structure1_quotite;structure2_role;structure2_quotite\n"
        "x-01;pneumologie;caen;normandie;asr;2023;2025-11-01;24,0;periferique;chx;60 %;universitare;quarante\n"
        "x-02;pneumologi;caen;normandie;asr;;2025-13-01;24;peripherique;ch;60;universitaire;40\n",
        encoding="utf-8",
    )
    code, out, err = run("evaluate", str(path), "--format", "csv")
    assert code == 1
    roles = "(rôles : peripherique, universitaire)"
    assert err.splitlines() == [
        f"{shown(path)}:2:6: [candidat-cible] candidat « x-01 » : campagne « 2023 » inconnue en Normandie (campagnes : 2024, 2025)",
        f"{shown(path)}:2:8: [csv-valeur] colonne « duree_mois » : « 24,0 » n'est pas un nombre",
        f"{shown(path)}:2:9: [candidat-cible] candidat « x-01 » : rôle « periferique » inconnu pour asr — vouliez-vous dire « peripherique » ? {roles}",
        f"{shown(path)}:2:10: [candidat-code] type de structure « chx » inconnu. Vouliez-vous dire « ch » ?",
        f"{shown(path)}:2:12: [candidat-cible] candidat « x-01 » : rôle « universitare » inconnu pour asr — vouliez-vous dire « universitaire » ? {roles}",
        f"{shown(path)}:2:13: [csv-valeur] colonne « structure2_quotite » : « quarante » n'est pas un nombre",
        f"{shown(path)}:3:2: [candidat-code] spécialité « pneumologi » inconnue de la liste des DES. Vouliez-vous dire « pneumologie » ?",
        f"{shown(path)}:3:7: [schema-format] colonne « debut » : « 2025-13-01 » n'est pas une date valide (AAAA-MM-JJ, jour et mois existants)",
        "Bilan : 2 ligne(s) lue(s) : 0 évaluée(s), 2 en erreur.",
    ]
    assert [row.split(",")[0] for row in out.splitlines()[1:]] == ["x-01", "x-02"]  # one row per line in error


def test_interns_subdivisions_are_matched_without_case_or_accents(tmp_path: Path) -> None:
    path = tmp_path / "internes.csv"
    path.write_bytes("Subdivision;Nombre d'internes\nCAEN ;410\n Rouen;530\n".encode("cp1252"))
    code, out, err = run("quotas", "normandie", "--internes", str(path), "--postes", "20", "--dispositif", "asr")
    assert (code, err) == (0, "")
    assert "  - Caen : 9 poste(s) (20 × 410 / 940 = 8,72)\n  - Rouen : 11 poste(s)" in out


def test_interns_file_problems_are_located_at_their_cell(tmp_path: Path) -> None:
    path = tmp_path / "internes.csv"
    path.write_text(
        'subdivision;internes\nCaen;410\nRouen;"12 00"\nLe Havre;12\ncaen;3\n;4\nrouen;-2\nrouen;12,5\nrouen;douze\nrouen;\nrouen\nrouen;²\n',
        encoding="utf-8",
    )
    code, out, err = run("quotas", "normandie", "--internes", str(path), "--postes", "5")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{shown(path)}:3:2: [internes] nombre d'internes de « Rouen » (colonne 2) : « 12 00 » contient des espaces : écrivez 1200",
        f"{shown(path)}:4:1: [internes] subdivision « Le Havre » inconnue en Normandie (subdivisions : Caen, Rouen)",
        f"{shown(path)}:5:1: [internes] la subdivision « caen » apparaît deux fois (déjà ligne 2)",
        f"{shown(path)}:6:1: [internes] colonne 1 : subdivision manquante (la ligne donne une subdivision, puis son nombre d'internes)",
        f"{shown(path)}:7:2: [internes] nombre d'internes de « rouen » (colonne 2) : « -2 » est négatif : un nombre positif ou nul est attendu",
        f"{shown(path)}:8:2: [internes] nombre d'internes de « rouen » (colonne 2) : « 12,5 » n'est pas un nombre entier",
        f"{shown(path)}:9:2: [internes] nombre d'internes de « rouen » (colonne 2) : « douze » n'est pas un nombre",
        f"{shown(path)}:10:2: [internes] nombre d'internes de « rouen » (colonne 2) : cellule vide",
        f"{shown(path)}:11:1: [internes] « rouen » : nombre d'internes manquant ; la ligne donne une subdivision, puis son nombre d'internes (séparés par « , » ou « ; »)",
        f"{shown(path)}:12:2: [internes] nombre d'internes de « rouen » (colonne 2) : « ² » n'est pas un nombre",
    ]
    # thousands separated by a space, as a French spreadsheet writes them: one reading only
    path.write_text("subdivision;internes\nCaen;410\nRouen;1\u00a0200\n", encoding="utf-8")
    code, out, err = run("quotas", "normandie", "--internes", str(path), "--postes", "5", "--dispositif", "asr")
    assert code == 0, err
    assert "5 × 1200 / 1610" in out


def test_an_unknown_subdivision_of_a_yaml_interns_file_is_located_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "internes.yaml"
    path.write_text("Caen: 410\nrouem: 530\nlehavre: 10\n", encoding="utf-8")
    code, out, err = run("quotas", "normandie", "--internes", str(path), "--postes", "5")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{shown(path)}:2:1: [internes] subdivision « rouem » inconnue en Normandie — vouliez-vous dire « Rouen » ? (subdivisions : Caen, Rouen)",
        f"{shown(path)}:3:1: [internes] subdivision « lehavre » inconnue en Normandie (subdivisions : Caen, Rouen)",
    ]


def test_markdown_output_renders_each_line_as_its_own_block() -> None:
    """Rendered by Python-Markdown (as MkDocs does): the verdict, the variant and each alert are
    paragraphs of their own, each heading's items a list, a source a nested item."""
    import re

    import markdown

    code, out, _err = run("evaluate", "examples/lot.csv", "--format", "markdown")
    assert code == 1  # line 6 of the lot is a deliberate error
    html = markdown.markdown(out)
    lot02 = html[html.index("<h2>lot-02") : html.index("<h2>lot-03")]
    assert lot02.startswith(
        "<h2>lot-02 — Assistants spécialistes régionaux (Normandie, campagne 2025)</h2>\n"
        "<p><strong>Verdict : ÉLIGIBLE</strong></p>\n"
        "<p>Pour être dans les délais : en déposant au plus tard le 14 février 2025.</p>\n"
        "<p>Attention : dossier déposé hors délai</p>\n"
        "<p>Conditions :</p>\n<ul>\n<li>✅ Durée du projet : 24 mois ; le contrat est de 24 mois.</li>\n"
    )
    assert "<p>Délai : hors délai" in lot02 and "</p>\n<p>Rémunération : non précisée par les textes</p>\n" in lot02
    assert "<li>ARS Normandie (FIR) : 70 %<ul>\n<li>Source : 71 assistants spécialistes régionaux" in lot02
    # no paragraph runs two lines of the report together, no list item is left as text
    assert [p for p in re.findall(r"<p>(.*?)</p>", html, re.S) if "\n" in p] == []
    assert "\n- " not in re.sub(r"<[^>]+>", "", html) and "\n1. " not in re.sub(r"<[^>]+>", "", html)
    ranking = html[html.index("<h1>Aide au classement") :]
    assert "<p>(1 candidature(s) éligible(s) mais déposée(s) hors délai, non classée(s))</p>\n<ol>\n<li>lot-01 — " in ranking


def test_markdown_survey_renders_each_dispositif_as_an_item() -> None:
    import re

    import markdown

    html = markdown.markdown(run("evaluate", "examples/ou-suis-je-eligible.yaml", "--format", "markdown")[1])
    assert [p for p in re.findall(r"<p>(.*?)</p>", html, re.S) if "\n" in p] == []
    assert "<h3>Éligible (5) :</h3>\n<ul>\n<li>Centre-Val de Loire — Chefs de clinique assistants territoriaux<ul>\n<li>Délai : " in html


def test_the_readme_says_what_its_lot_example_prints(tmp_path: Path) -> None:
    """The README's lot has a deliberate error: the README shows the very lines the command prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("contient **exprès une ligne fautive**", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    code, out, err = run("evaluate", "examples/lot.csv", "--format", "csv", "--output", str(tmp_path / "resultats.csv"))
    assert (code, out) == (1, "")
    assert err.replace(str(tmp_path / "resultats.csv"), "resultats.csv") == shown
    rows = (tmp_path / "resultats.csv").read_text(encoding="utf-8").splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["lot-01", "lot-02", "lot-03", "lot-04", "lot-05"]
    assert rows[5].split(",")[6] == "erreur" and "évalue les quatre autres lignes" in readme


def test_the_targets_of_each_project_of_a_candidate_in_error_are_placed_at_their_project(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "id: c-001\nspecialite: pneumo\nprojets:\n  - {dispositif: asr, region: normandie}\n  - {dispositif: aumgg, region: normandie}\n",
        encoding="utf-8",
    )
    code, _out, err = run("evaluate", str(path))
    assert code == 1
    assert (
        err.splitlines()[0]
        == f"{shown(path)}:2:13: [candidat-code] spécialité « pneumo » inconnue de la liste des DES. Vouliez-vous dire « pneumologie » ?"
    )
    assert err.splitlines()[1].startswith(
        f"{shown(path)}:5:18: [candidat-cible] candidat « c-001 » : dispositif « aumgg » introuvable en Normandie — vouliez-vous dire « aumg » ? (dispositifs : "
    )
    assert err.splitlines()[2] == "Bilan : 1 projet(s) lu(s) : 0 évalué(s), 1 en erreur."


def test_a_utf8_lot_with_lines_of_another_encoding_is_refused_where_it_breaks(tmp_path: Path) -> None:
    """One line pasted from a Windows-1252 file into a UTF-8 lot: not read as Windows-1252 (its
    « é » would become « Ã© »), the first byte that is not UTF-8 is located."""
    path = tmp_path / "melange.csv"
    path.write_bytes("candidat,specialite\ny,spécialité\n".encode() + "x,pnéumologie\n".encode("cp1252"))
    code, _out, err = run("evaluate", str(path), "--region", "normandie")
    assert code == 1 and "Ã" not in err
    assert f"{shown(path)}:3:5: [csv-encodage] le fichier mêle deux encodages : l'octet 0xE9 n'est pas de l'UTF-8" in err
    # a genuine Windows-1252 lot, even with an old garbling of ’ (« â€™ ») in it, is still read
    path.write_bytes("candidat;specialite;nom\nx;pneumologie;Hélène\ny;pneumologie;l â€™ autre\n".encode("cp1252"))
    assert "[csv-encodage]" not in run("evaluate", str(path), "--region", "normandie")[2]


def test_a_candidate_without_a_readable_id_is_named_in_words(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "candidats:\n  - id:\n    projets: [{region: normandy}]\n  - id: {a: 1}\n    projets: [{region: normandy}]\n", encoding="utf-8"
    )
    code, _out, err = run("evaluate", str(path))
    assert code == 1 and "None" not in err and "{'a'" not in err
    assert f"{shown(path)}:3:24: [candidat-cible] candidat sans identifiant : région inconnue « normandy »" in err


def test_a_reason_shared_by_every_dispositif_of_a_region_is_said_once(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text('candidats:\n  - id: c\n    projets: [{region: normandie, campagne: "2023"}]\n', encoding="utf-8")
    code, _out, err = run("evaluate", str(path))
    assert code == 1 and err.count("campagne « 2023 » inconnue en Normandie") == 1, err


def test_codes_typed_with_capitals_or_accents_in_a_spreadsheet_are_read(tmp_path: Path) -> None:
    """A CSV lot comes from a spreadsheet: « Pneumologie », « Caen », « ASR », « CHU » are the codes
    pneumologie, caen, asr, chu; a cell that is no code that way is quoted as typed."""
    path = tmp_path / "lot.csv"
    head = "candidat;specialite;subdivision;region;dispositif;debut;duree_mois;validation_chu;"
    head += "structure1_role;structure1_type;structure1_commune;structure1_quotite;structure2_role;structure2_type;structure2_commune;structure2_quotite\n"
    path.write_text(
        head
        + "x;Pneumologie;Caen;Normandie;ASR;01/11/2025;24;oui;Peripherique;CH;61001;60;Universitaire;CHU;14118;40\n"
        + "y;Pneumo logie!;Caen;Normandie;ASR;01/11/2025;24;oui;Peripherique;CH;61001;60;Universitaire;CHU;14118;40\n",
        encoding="utf-8",
    )
    code, out, err = run("evaluate", str(path), "--format", "csv")
    assert code == 1
    assert out.splitlines()[1].startswith("x,,2,normandie,asr,2025,eligible,")
    assert f"{shown(path)}:3:2: " in err and "« Pneumo logie! »" in err


def test_common_french_headers_name_their_column(tmp_path: Path) -> None:
    path = tmp_path / "lot.csv"
    path.write_text("candidat;Date début;Date de dépôt;Durée en mois\nx;01/11/2025;01/02/2025;24\n", encoding="utf-8")
    code, out, err = run("evaluate", str(path), "--region", "normandie", "--dispositif", "asr", "--format", "json")
    assert "colonne inconnue" not in err, err
    projet = json.loads(out)["evaluations"][0]
    assert projet["delai"]["date_candidature"] == "2025-02-01" and projet["campagne"] == "2025"


def test_an_interns_file_that_leaves_a_subdivision_out_is_a_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "internes.csv"
    path.write_text("Caen;410\n", encoding="utf-8")
    code, out, err = run("quotas", "normandie", "--internes", str(path), "--postes", "5")
    assert (code, out) == (1, "")
    assert err.startswith(f"{shown(path)}:1:1: [internes] le fichier ne donne pas le nombre d'internes de Rouen")
    # a subdivision whose count is wrong is said at its cell, not also « missing »
    path.write_text("Caen;410\nRouen;douze\n", encoding="utf-8")
    code, _out, err = run("quotas", "normandie", "--internes", str(path), "--postes", "5")
    assert code == 1 and "« douze » n'est pas un nombre" in err and "ne donne pas" not in err


def test_the_campaign_option_is_checked_against_regions_typed_with_capitals(tmp_path: Path) -> None:
    path = tmp_path / "lot.csv"
    path.write_text("candidat,region,dispositif\nx,Normandie,asr\n", encoding="utf-8")
    code, _out, err = run("evaluate", str(path), "--campagne", "2019")
    assert code == 2 and "--campagne 2019 : pas de campagne « 2019 » en Normandie" in err


def test_folding_spells_the_ligatures_out() -> None:
    from postinternat_config.tables import fold

    assert fold("Cœur d'Œuvre, Spécialité") == "coeur d'oeuvre, specialite"
