"""The editor's workflow, as the guide tells it: create a region, a programme and a campaign that
validate, import a zoning (CSV and XLSX, with bad rows), look a commune up, see `outdated` report a
stale source; and the pre-commit hook definition."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import run

from postinternat_config.codes import REGISTRY

ROOT = Path(__file__).resolve().parent.parent


def test_following_the_guide(repo: Path) -> None:
    assert run("new", "region", "bretagne")[0] == 0
    assert run("new", "dispositif", "bretagne", "asp", "--famille", "assistant_partage_etablissements")[0] == 0
    assert run("new", "campagne", "bretagne", "2026")[0] == 0
    code, out, err = run("validate")
    assert code == 0, out
    assert "[a-completer] (avertissement)" in out and "0 erreur" in err
    assert run("validate", "--strict")[0] == 1
    (repo / "site-precedent").mkdir()
    (repo / "site-precedent" / "index.html").write_text("ancien", encoding="utf-8")
    (repo / "site-precedent" / ".postinternat-site").write_text(
        "Site construit par « postinternat site build » : ce dossier est remplacé à chaque construction.\n", encoding="utf-8"
    )
    code, _out, err = run("site", "build", "--output", "site-precedent", "--vecteurs", "absent.yaml")
    assert (
        code == 1 and "7 textes « À compléter » dans les régions, qui seraient publiés tels quels :" in err and "regions/bretagne/" in err
    )  # nothing half-written gets published
    assert (repo / "site-precedent" / "index.html").read_text(encoding="utf-8") == "ancien"
    region = yaml.safe_load((repo / "regions/bretagne/region.yaml").read_text(encoding="utf-8"))
    assert (region["code"], region["nom"], region["departements"]) == ("53", "Bretagne", ["22", "29", "35", "56"])
    for path in (repo / "regions/bretagne").rglob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")

    good = repo / "zonage.csv"
    good.write_text(
        "code_insee;commune;zonage\n35238;Rennes;ZAC\n29019;Brest;ZIP\n56260;Vannes;zone d'action complémentaire\n", encoding="utf-8"
    )
    code, out, _err = run("zonage", "import", "bretagne", str(good))
    assert code == 0 and "3 communes écrites" in out
    zonage = (repo / "regions/bretagne/zonage.yaml").read_text(encoding="utf-8")
    assert "# Le zonage médecins de la région" in zonage  # comments kept
    assert yaml.safe_load(zonage)["communes"] == {"ZAC": ["35238", "56260"], "ZIP": ["29019"]}
    assert run("validate")[0] == 0
    code, out, _err = run("zonage", "lookup", "Brest")
    assert code == 0 and "Brest (29019, Finistère, Bretagne) : ZIP" in out
    assert run("zonage", "lookup", " ")[0] == 2

    # The campaign's comments say how to fill the calendar: doing just that gives a readable file.
    campaign = repo / "regions/bretagne/campagnes/2026.yaml"
    lines = campaign.read_text(encoding="utf-8").replace("calendrier: {}", "calendrier:").splitlines()
    start = lines.index("calendrier:")
    lines[start + 1 : start + 5] = [line.replace("#", "", 1) for line in lines[start + 1 : start + 5]]
    campaign.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _err = run("validate", "regions/bretagne")
    assert "yaml-syntaxe" not in out and "schema-" not in out, out
    assert f"campagnes/2026.yaml:{start + 2}:" in out and "[a-completer]" in out  # the examples are not publishable as they are

    code, out, err = run("outdated", "--as-of", "2029-01-01")
    assert code == 1
    assert "[source-ancienne] la source « ars-bretagne-post-internat » n'a pas été revérifiée" in out
    assert "[campagne-terminee]" in out
    code, out, _err = run("outdated", "bretagne", "--as-of", "2029-01-01")  # one region's weekly check
    assert code == 1 and all(line.startswith("regions/bretagne/") for line in out.splitlines())
    code, _out, err = run("outdated", "bretagn")
    assert code == 2 and "Vouliez-vous dire « bretagne »" in err
    code, _out, err = run("outdated", "--as-of", "2028-02-30")
    assert code == 2 and "--date : le 2028-02-30 n'existe pas dans le calendrier" in err
    # --date (the old name --as-of still works) takes a spreadsheet's date; the summary says it in French
    code, out, err = run("outdated", "bretagne", "--date", "1/01/2029")
    assert code == 1 and out == run("outdated", "bretagne", "--as-of", "2029-01-01")[1]
    assert "élément(s) à revoir au 1er janvier 2029" in err
    code, _out, err = run("outdated", "--date", "30/02/2028")
    assert code == 2 and "--date : le 30/02/2028 n'existe pas dans le calendrier" in err

    # A programme that extends a national frame by hand inherits its zone requirements: the message
    # is on the region's own file (its « etend » line) and says what to write in its zonage.yaml.
    assert run("new", "dispositif", "bretagne", "mg", "--famille", "mg_temps_partage_400mg")[0] == 0
    path = repo / "regions/bretagne/dispositifs/mg.yaml"
    assert "# (les cadres sont dans regions/_national/dispositifs/) : etend: mg-400-volet-1" in path.read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace("\nfamille:", "\netend: mg-400-volet-1\nfamille:", 1)
    path.write_text(text, encoding="utf-8")
    etend_line = text.splitlines().index("etend: mg-400-volet-1") + 1
    code, out, _err = run("validate", "regions/bretagne")
    assert code == 1
    assert "regions/_national/" not in out, out
    assert (
        f"regions/bretagne/dispositifs/mg.yaml:{etend_line}:8: [zone-existante] le cadre national « mg-400-volet-1 » exige la zone « QPV »"
        in out
    )
    assert "ajoutez-la à categories dans regions/bretagne/zonage.yaml (« - code: QPV »" in out
    assert out.count("[zone-existante]") == 1  # once per missing category, not once per citation


def test_new_region_extending_the_400_mg_frame(repo: Path) -> None:
    """The guide's first scenario: a new region whose programme extends the national 400 MG frame
    validates as generated, with only « À compléter » warnings (the frame's QPV zone is declared in
    the region's zonage.yaml, to be completed there, never in regions/_national/)."""
    national = {p: p.read_bytes() for p in (repo / "regions/_national").rglob("*.yaml")}
    assert run("new", "region", "bretagne")[0] == 0
    code, out, _err = run("new", "dispositif", "bretagne", "mg", "--etend", "mg-400-volet-1")
    assert code == 0, out
    assert "Complété : regions/bretagne/zonage.yaml (catégorie « QPV » exigée par le cadre mg-400-volet-1" in out
    dispositif = yaml.safe_load((repo / "regions/bretagne/dispositifs/mg.yaml").read_text(encoding="utf-8"))
    assert (dispositif["etend"], dispositif["famille"]) == ("mg-400-volet-1", "mg_temps_partage_400mg")
    zonage_text = (repo / "regions/bretagne/zonage.yaml").read_text(encoding="utf-8")
    zonage = yaml.safe_load(zonage_text)
    assert [c["code"] for c in zonage["categories"]] == ["ZIP", "ZAC", "QPV"]
    qpv = zonage["categories"][2]
    assert qpv["libelle"] == "Quartier prioritaire de la politique de la ville" and qpv["source"] == "ars-bretagne-post-internat"
    assert qpv["note"].startswith("À compléter : catégorie exigée par le cadre national mg-400-volet-1")
    assert "communes" not in zonage  # no invented commune list
    assert "# L'arrêté de zonage (zonage lookup le cite)" in zonage_text  # comments kept
    assert run("new", "campagne", "bretagne", "2026")[0] == 0

    code, out, err = run("validate")
    assert code == 0, out
    codes = {line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "[" in line}
    assert codes == {"a-completer"}, out
    assert "regions/bretagne/zonage.yaml:16:11: [a-completer] (avertissement) à compléter : catégorie exigée par le cadre" in out
    code, out, _err = run("validate", "--strict")
    assert code == 1 and {line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "[" in line} == {"a-completer"}
    assert {p: p.read_bytes() for p in (repo / "regions/_national").rglob("*.yaml")} == national

    # A second programme on the same frame adds nothing more; one on volet 2 neither (same zones).
    code, out, _err = run("new", "dispositif", "bretagne", "mg-bis", "--etend", "mg-400-volet-2")
    assert code == 0 and "Complété" not in out
    assert [c["code"] for c in yaml.safe_load((repo / "regions/bretagne/zonage.yaml").read_text(encoding="utf-8"))["categories"]] == [
        "ZIP",
        "ZAC",
        "QPV",
    ]


def test_new_dispositif_with_a_frame_checks_its_arguments(repo: Path) -> None:
    assert run("new", "region", "bretagne")[0] == 0
    code, _out, err = run("new", "dispositif", "bretagne", "mg", "--etend", "mg-400")
    assert code == 2 and (
        "cadre national inconnu : mg-400. Vouliez-vous dire « mg-400-volet-1 » ou « mg-400-volet-2 » ? (cadres : astp-inter-etablissements"
        in err
    )
    code, _out, err = run("new", "dispositif", "bretagne", "mg", "--etend", "mg-400-volet-1", "--famille", "aumg")
    assert code == 2 and "la famille « aumg » diffère de celle du cadre « mg-400-volet-1 » (mg_temps_partage_400mg)" in err
    code, _out, err = run("new", "dispositif", "bretagne", "mg")
    assert code == 2 and "indiquez la famille du dispositif (--famille) ou le cadre national qu'il étend (--etend)" in err
    assert not (repo / "regions/bretagne/dispositifs/mg.yaml").exists()

    # A zonage.yaml whose categories are a flow list is not rewritten: the tool says what to add.
    zonage = repo / "regions/bretagne/zonage.yaml"
    zonage.write_text(
        "categories: [{code: ZIP, libelle: Zone d'intervention prioritaire, source: ars-bretagne-post-internat}]\nrevue: 2026-01-01\n",
        encoding="utf-8",
    )
    before = zonage.read_bytes()
    code, _out, err = run("new", "dispositif", "bretagne", "mg", "--etend", "mg-400-volet-1")
    assert code == 1 and zonage.read_bytes() == before  # created, but the region is not valid yet: said, exit 1
    assert "À ajouter à la main dans regions/bretagne/zonage.yaml" in err and "catégories écrites sur une ligne" in err
    assert "  - code: ZAC\n" in err and "  - code: QPV\n" in err and "code: ZIP" not in err

    # A zonage.yaml that does not load: nothing proposed blindly, the error is named.
    zonage.write_text("categories:\n\t- code: ZIP\n", encoding="utf-8")
    before = zonage.read_bytes()
    code, _out, err = run("new", "dispositif", "bretagne", "mg2", "--etend", "mg-400-volet-1")
    assert code == 1 and zonage.read_bytes() == before
    assert "regions/bretagne/zonage.yaml n'est pas complété : il contient une erreur (" in err and "[yaml-" in err
    assert "zones exigées par le cadre mg-400-volet-1 : ZIP, ZAC, QPV" in err and "- code:" not in err

    # No zonage.yaml at all: the block to write, and exit 1.
    zonage.unlink()
    code, _out, err = run("new", "dispositif", "bretagne", "mg3", "--etend", "mg-400-volet-1")
    assert code == 1 and "il n'existe pas" in err and "categories:\n  - code: ZIP" in err and not zonage.exists()


def test_zoning_file_with_bad_rows_is_reported_and_nothing_written(repo: Path) -> None:
    run("new", "region", "bretagne")
    before = (repo / "regions/bretagne/zonage.yaml").read_bytes()
    bad = repo / "zonage.csv"
    bad.write_text(
        "code_insee,commune,zonage\n35238,Rennes,ZAC\n14118,Caen,ZIP\n99999,Nulle,ZIP\n35238,Rennes,ZIP\n29019,Brest,ZRR\n2903,Bannalec,ZIP\n",
        encoding="utf-8",
    )
    code, _out, err = run("zonage", "import", "bretagne", str(bad))
    assert code == 1
    assert "zonage.csv:3:1: [zonage-region] « 14118 » (Caen) est une commune d'une autre région (Normandie)" in err
    assert "zonage.csv:4:1: [zonage-code] code INSEE « 99999 » inconnu" in err
    assert "zonage.csv:5:1: [zonage-doublon] la commune 35238 (Rennes) figure déjà ligne 2" in err
    assert "zonage.csv:6:3: [zonage-categorie] catégorie « ZRR » inconnue" in err
    assert "zonage.csv:7:1: [zonage-code] (avertissement) code « 2903 » de 4 chiffres" in err
    assert (repo / "regions/bretagne/zonage.yaml").read_bytes() == before


def test_zoning_from_xlsx(repo: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    run("new", "region", "bretagne")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["INSEE", "Nom", "Catégorie"])
    sheet.append(["29019", "Brest", "ZIP"])
    sheet.append([22278, "Saint-Brieuc", "ZAC"])
    book.save(repo / "zonage.xlsx")
    code, out, err = run(
        "zonage", "import", "bretagne", str(repo / "zonage.xlsx"), "--colonne-code", "INSEE", "--colonne-categorie", "Catégorie"
    )
    assert code == 0, err
    assert yaml.safe_load((repo / "regions/bretagne/zonage.yaml").read_text(encoding="utf-8"))["communes"] == {
        "ZAC": ["22278"],
        "ZIP": ["29019"],
    }


def test_scaffolds_never_overwrite_and_check_their_arguments(repo: Path) -> None:
    assert run("new", "region", "bretagne")[0] == 0
    code, _out, err = run("new", "region", "bretagne")
    assert code == 2 and "existe déjà" in err
    # the same region under another folder name: refused, nothing written
    code, _out, err = run("new", "region", "bzh", "--code", "53")
    assert code == 2 and "la région Bretagne (code 53) est déjà décrite dans regions/bretagne : rien n'est écrit" in err
    assert not (repo / "regions" / "bzh").exists()
    run("new", "dispositif", "bretagne", "asp", "--famille", "aumg")
    code, _out, err = run("new", "dispositif", "bretagne", "asp", "--famille", "aumg")
    assert code == 2 and "existe déjà" in err
    assert run("new", "dispositif", "bretagne", "x", "--famille", "inconnue")[0] == 2
    code, _out, err = run("new", "region", "bzh")
    assert code == 2 and "hauts-de-france (32), ile-de-france (11), la-reunion (04)" in err  # the names in the order they are written
    code, _out, err = run("new", "region", "bretagne", "--regions", "ailleurs")
    assert code == 2 and "placez-vous à la racine du dépôt" in err and not (repo / "ailleurs").exists()
    assert run("new", "region", "pdl", "--code", "52")[0] == 0
    assert run("new", "campagne", "normandie", "2026")[0] == 2
    code, _out, err = run("new", "campagne", "pdl", "2028-2026")
    assert code == 2 and "la période doit finir après son début" in err


def test_outdated_on_the_real_data_and_relaunch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "regions/normandie/dispositifs/aumg.yaml"
    text = path.read_text(encoding="utf-8")
    text = (
        text.replace("statut: ouvert", "statut: relance_prevue\nrelance_prevue_le: 2026-01-15")
        if "statut: ouvert" in text
        else text.replace("revue:", "statut: relance_prevue\nrelance_prevue_le: 2026-01-15\nrevue:", 1)
    )
    path.write_text(text, encoding="utf-8")
    code, out, _err = run("outdated", "--as-of", "2026-06-01", "--format", "json")
    assert code == 1
    due = yaml.safe_load(out)["a_revoir"]
    assert any(d["code"] == "relance-passee" and d["fichier"].endswith("aumg.yaml") for d in due)
    assert any(d["code"] == "campagne-terminee" and "nouvelle-aquitaine" in d["fichier"] for d in due)
    ended = {d["fichier"]: d["message"] for d in due if d["code"] == "campagne-terminee"}
    assert ended["regions/martinique/campagnes/2022.yaml"].endswith(
        "la dernière (2022), dont la dernière étape datée est « fin octobre 2022 » : ouvrez la suivante (postinternat new campagne martinique ANNÉE)"
    )
    assert "regions/pays-de-la-loire/campagnes/2020-2022.yaml" in ended and not any("grand-est" in f for f in ended)
    assert not any(d["code"] == "source-ancienne" for d in due)
    assert run("outdated", "--as-of", "demain")[0] == 2
    assert run("outdated", "--as-of", "0001-06-01")[0] == 2
    assert run("outdated", "--mois", "30000")[0] == 2


def test_outdated_fails_when_a_file_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "regions/normandie/campagnes/2026.yaml").write_text("calendrier: [\n", encoding="utf-8")
    code, _out, err = run("outdated", "normandie", "--as-of", "2025-01-01")
    assert code == 1 and "[yaml-syntaxe]" in err and "1 fichier(s) en erreur n'ont pas pu être relus" in err


def test_pre_commit_hooks_run_validate() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"postinternat-validate", "postinternat-validate-strict"}
    for hook in hooks:
        assert hook["entry"].startswith("postinternat validate") and hook["pass_filenames"] is False and hook["language"] == "python"


def test_every_code_is_explained_on_the_site() -> None:
    from postinternat_config.site import render_pages

    page = render_pages(ROOT / "regions")["codes.md"]
    assert all(f"| `{entry.code}` |" in page for entry in REGISTRY)
    assert "## Import du zonage" in page and "## Fichiers de candidats" in page
    assert "regions/corse/dispositifs/partage.yaml:2:1: [schema-requis] champ obligatoire « nom » manquant" in page


def test_a_longer_campaign_keeps_the_region_current(repo: Path) -> None:
    assert run("new", "region", "bretagne")[0] == 0
    assert run("new", "dispositif", "bretagne", "asp", "--famille", "assistant_partage_etablissements")[0] == 0
    assert run("new", "campagne", "bretagne", "2025-2027")[0] == 0
    assert run("new", "campagne", "bretagne", "2026")[0] == 0
    code, out, _err = run("outdated", "bretagne", "--as-of", "2027-06-01", "--mois", "1200")
    assert code == 0 and "campagne-terminee" not in out  # 2026 is over, 2025-2027 is not
    code, out, _err = run("outdated", "bretagne", "--as-of", "2028-01-02", "--mois", "1200")
    assert code == 1 and "[campagne-terminee] toutes les campagnes de la région sont terminées, la dernière (2025-2027)" in out
    assert "dont la période (jusqu'à 2027) est passée" in out


def test_an_ended_campaign_is_dated_as_its_text_gives_it(repo: Path) -> None:
    """« fin octobre 2022 » stays « fin octobre 2022 »: outdated never writes a day the text does not give."""
    assert run("new", "region", "bretagne")[0] == 0
    assert run("new", "dispositif", "bretagne", "asp", "--famille", "assistant_partage_etablissements")[0] == 0
    assert run("new", "campagne", "bretagne", "2022")[0] == 0
    path = repo / "regions/bretagne/campagnes/2022.yaml"
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#   "))
    text = text.replace(
        "\ncalendrier: {}",
        "\ncalendrier:\n  date_limite: {date: 2022-10-15, source: ars-bretagne-post-internat, extrait: 15 octobre 2022}\n"
        "  commission: {mois: '2022-10', precision: fin, source: ars-bretagne-post-internat, extrait: Fin octobre 2022}",
    )
    path.write_text(text, encoding="utf-8")
    code, out, _err = run("outdated", "bretagne", "--as-of", "2022-10-20", "--mois", "1200")
    assert code == 0 and "campagne-terminee" not in out, out + _err  # « fin octobre » may still be ahead
    code, out, _err = run("outdated", "bretagne", "--as-of", "2026-12-02", "--mois", "1200")
    assert code == 1
    assert "la dernière (2022), dont la dernière étape datée est « fin octobre 2022 » : ouvrez la suivante" in out
    assert "31 octobre" not in out


@pytest.mark.parametrize("frame", ["mg-400-volet-1", "mg-400-volet-2", "astp-ville-hopital", "astp-inter-etablissements"])
def test_an_extending_scaffold_comments_the_frames_own_lieux(repo: Path, frame: str) -> None:
    assert run("new", "region", "bretagne")[0] == 0
    run("new", "dispositif", "bretagne", "d", "--etend", frame)
    national = yaml.safe_load((repo / "regions/_national/dispositifs" / f"{frame}.yaml").read_text(encoding="utf-8"))
    path = repo / "regions/bretagne/dispositifs/d.yaml"
    text = path.read_text(encoding="utf-8")
    commented_roles = [line.split("role: ")[1].split()[0] for line in text.splitlines() if line.startswith("#   - role: ")]
    assert commented_roles == [lieu["role"] for lieu in national.get("lieux") or []]
    assert "quotite: {min: 60" not in text and "libelle: Établissement de santé périphérique" not in text
    # uncommented as it is, the template merges over the frame without any error
    starts = [text.index(block) for block in ("# lieux:\n", "# financement:\n") if block in text]
    start = min(starts) if starts else len(text)
    path.write_text(text[:start] + "".join(line[2:] + "\n" for line in text[start:].splitlines()), encoding="utf-8")
    code, out, _err = run("validate", "regions/bretagne")
    assert [line for line in out.splitlines() if "[a-completer]" not in line] == []
