"""`postinternat evaluate`, `quotas` and `export rules` as a user runs them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import REGIONS_DESCRIBED, run

from postinternat_config.quotas import largest_remainder

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("name", REGIONS_DESCRIBED)
def test_examples_give_the_verdict_their_name_announces(name: str) -> None:
    code, out, err = run("evaluate", f"examples/{name}.yaml", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["problemes"] == []
    for e in data["evaluations"]:
        expected = (
            "eligible" if e["candidat"].endswith("-ok") else ("a_completer" if e["candidat"].endswith("a-completer") else "non_eligible")
        )
        assert e["verdict"] == expected, (e["candidat"], [c["message"] for c in e["conditions"] if c["statut"] != "ok"])


def test_examples_cover_every_dispositif() -> None:
    seen = set()
    for name in REGIONS_DESCRIBED:
        data = json.loads(run("evaluate", f"examples/{name}.yaml", "--format", "json")[1])
        seen |= {(e["region"], e["dispositif"], e["verdict"] == "eligible") for e in data["evaluations"]}
    dispositifs = {
        (p.parent.parent.name, p.stem) for p in (ROOT / "regions").glob("*/dispositifs/*.yaml") if p.parent.parent.name != "_national"
    }
    assert {(r, d) for r, d, _ok in seen} == dispositifs
    assert {(r, d) for r, d, ok in seen if ok} == dispositifs
    assert {(r, d) for r, d, ok in seen if not ok} == dispositifs


@pytest.mark.parametrize("fmt", ["json", "text", "markdown", "csv"])
def test_golden_outputs(fmt: str, update_goldens: bool) -> None:
    code, out, _err = run("evaluate", "examples/normandie.yaml", "--format", fmt)
    assert code == 0
    golden = GOLDEN / f"evaluate-normandie.{ {'text': 'txt', 'markdown': 'md'}.get(fmt, fmt) }"
    if update_goldens:
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_json_format_is_documented_and_stable() -> None:
    data = json.loads(run("evaluate", "examples/ile-de-france.yaml", "--format", "json")[1])
    assert set(data) == {"version", "evaluations", "classement", "problemes", "bilan"}
    assert data["bilan"] == {"entrees": "projets", "lues": 9, "evaluees": 9, "en_erreur": 0, "laissees_de_cote": 0}
    e = data["evaluations"][0]
    assert set(e) == {
        "candidat",
        "projet",
        "ligne",
        "region",
        "dispositif",
        "nom",
        "campagne",
        "verdict",
        "manquants",
        "alertes",
        "conditions",
        "a_verifier",
        "priorites",
        "delai",
        "remuneration",
        "financement",
        "regles_campagne",
        "variante",
    }
    assert {"id", "type", "statut", "message"} <= set(e["conditions"][0])
    assert data["classement"]["avertissement"].startswith("Aide au classement")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in e:
        assert f"`{key}`" in readme, key


def test_campaign_rules_are_those_of_the_dispositif() -> None:
    data = json.loads(run("evaluate", "examples/normandie.yaml", "--format", "json")[1])
    rules = {e["dispositif"]: [r["texte"] for r in e["regles_campagne"]] for e in data["evaluations"] if e["campagne"] == "2025"}
    assert any("400 MG ne sont pas présentées en séance" in r for r in rules["mg-400-volet-1"])
    assert not any("La commission classe" in r for r in rules["mg-400-volet-1"])
    assert any("La commission classe" in r for r in rules["asr"]) and not any("400 MG" in r for r in rules["asr"])
    text = run("evaluate", "examples/normandie.yaml", "--dispositif", "mg-400-volet-1")[1]
    assert "Règles de la campagne 2025 :" in text and "La commission classe" not in text


def test_csv_batch_bad_row_is_located_and_the_others_evaluated(tmp_path: Path) -> None:
    before = hashlib.sha256((EXAMPLES / "lot.csv").read_bytes()).hexdigest()
    target = tmp_path / "sortie" / "resultats.csv"
    code, out, err = run("evaluate", "examples/lot.csv", "--format", "csv", "--output", str(target))
    assert code == 1
    assert "examples/lot.csv:6:10: [csv-valeur] colonne « duree_mois » : « vingt-quatre » n'est pas un nombre" in err
    assert out == ""
    rows = target.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("candidat,projet,ligne,region,dispositif")
    assert [r.split(",")[0] for r in rows[1:5]] == ["lot-01", "lot-02", "lot-03", "lot-04"]
    assert rows[5].startswith(
        "lot-05,,6,normandie,asr,,erreur,erreur de lecture,examples/lot.csv:6:10: [csv-valeur]"
    )  # the bad row is not lost
    assert "Bilan : 5 ligne(s) lue(s) : 4 évaluée(s), 1 en erreur." in err
    assert oct(target.stat().st_mode & 0o777) != "0o600"
    assert hashlib.sha256((EXAMPLES / "lot.csv").read_bytes()).hexdigest() == before
    assert [p.name for p in target.parent.iterdir()] == ["resultats.csv"]  # no temporary file left


def test_ranking_is_an_aid_ordered_by_priorities() -> None:
    data = json.loads(run("evaluate", "examples/lot.csv", "--format", "json")[1])
    asr = next(g for g in data["classement"]["dispositifs"] if g["dispositif"] == "asr")
    assert [r["candidat"] for r in asr["candidatures"]] == ["lot-01", "lot-03"]  # lot-02 came in late
    assert asr["remarques"] == ["1 candidature(s) éligible(s) mais déposée(s) hors délai, non classée(s)"]
    mg = next(g for g in data["classement"]["dispositifs"] if g["dispositif"] == "mg-400-volet-2")
    assert "pas présentées en séance" in mg["remarques"][0]
    assert asr["candidatures"][0]["priorites_remplies"] == ["Établissement du département de l'Orne"]
    assert asr["postes"] == "inconnu"


def test_bad_candidate_codes_and_yaml_are_located(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "candidats:\n  - id: a\n    specialite: cardiologie\n    projets: [{dispositif: asr}]\n  - id: b\n    projets: [{dispositif: aumg, region: normandie}]\n",
        encoding="utf-8",
    )
    code, out, err = run("evaluate", str(path), "--format", "csv")
    assert code == 1
    assert ":3:17: [candidat-code] spécialité « cardiologie » inconnue de la liste des DES" in err
    assert out.splitlines()[1].startswith("a,,2,,,,erreur,erreur de lecture,")  # in the order of the file, with its id
    assert out.splitlines()[2].startswith("b,,6,normandie,aumg,")


def test_output_never_replaces_the_input(tmp_path: Path) -> None:
    copy = tmp_path / "lot.csv"
    copy.write_bytes((EXAMPLES / "lot.csv").read_bytes())
    code, _out, err = run("evaluate", str(copy), "--format", "csv", "--output", str(copy))
    assert code == 2 and "fichier d'entrée" in err
    assert copy.read_bytes() == (EXAMPLES / "lot.csv").read_bytes()
    code, _out, err = run("evaluate", str(copy), "--output", str(tmp_path))
    assert code == 2 and "est un dossier" in err


def test_a_lot_whose_rows_are_all_in_error_replaces_the_previous_result(tmp_path: Path) -> None:
    lot = tmp_path / "lot.csv"
    lot.write_text(
        "candidat,specialite,region,dispositif,debut\nc1,neurologie,normandie,asr,2025-13-01\nc2,neurologie,normandie,asr,xx\n",
        encoding="utf-8",
    )
    target = tmp_path / "resultats.csv"
    target.write_text("résultat d'un lot précédent\n", encoding="utf-8")
    code, _out, err = run("evaluate", str(lot), "--format", "csv", "--output", str(target))
    assert code == 1 and "Bilan : 2 ligne(s) lue(s) : 0 évaluée(s), 2 en erreur." in err
    rows = target.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("candidat,projet,ligne,region,dispositif") and len(rows) == 3
    assert rows[1].startswith("c1,,2,normandie,asr,,erreur,erreur de lecture,")  # the row's region and dispositif kept
    assert "colonne « debut » : « 2025-13-01 » n'est pas une date valide" in rows[1]  # the cell named by its column
    assert "projets ›" not in target.read_text(encoding="utf-8")
    empty = tmp_path / "vide.csv"
    empty.write_text("candidat,specialite\n", encoding="utf-8")
    code, _out, err = run("evaluate", str(empty), "--format", "csv", "--output", str(target))
    assert code == 1 and f"rien n'est écrit ; {target} n'est pas modifié" in err
    assert target.read_text(encoding="utf-8").splitlines() == rows


def test_nothing_is_written_when_nothing_could_be_read(tmp_path: Path) -> None:
    empty = tmp_path / "vide.yaml"
    empty.write_text("# rien\n", encoding="utf-8")
    target = tmp_path / "out.json"
    code, _out, err = run("evaluate", str(empty), "--format", "json", "--output", str(target))
    assert code == 1 and "[yaml-vide]" in err and not target.exists()


def test_filters_subdivisions_campaigns_and_roles(tmp_path: Path) -> None:
    code, out, err = run("evaluate", "examples/lot.csv", "--dispositif", "mg-400-volet-2", "--format", "csv")
    assert [r.split(",")[0] for r in out.splitlines()[1:] if ",erreur," not in r] == ["lot-04"]
    assert "laissé(s) de côté" in err
    path = tmp_path / "c.yaml"
    path.write_text(
        "candidats:\n"
        "  - {id: brest, subdivision: brest, projets: [{debut: 2025-11-01}]}\n"
        "  - {id: futur, projets: [{region: normandie, dispositif: asr, campagne: '2031'}]}\n"
        "  - {id: role, projets: [{region: normandie, dispositif: asr, structures: [{role: chef, type: ch}]}]}\n"
        "  - {id: ferme, projets: [{region: normandie, dispositif: aumg, campagne: '2025'}]}\n"
        "  - {id: loin, projets: [{region: normandie, dispositif: asr, debut: 2025-11-01, duree_mois: 24, structures: [{role: peripherique, type: ch, commune: '75056', quotite: 60}, {role: universitaire, type: chu, commune: '14118', quotite: 40}, {type: pmi, quotite: 20}]}]}\n",
        encoding="utf-8",
    )
    code, out, err = run("evaluate", str(path), "--format", "json")
    assert code == 1
    # each reason is placed at the value it is about, regions named by their names
    assert "c.yaml:2:30: [candidat-cible] candidat « brest » : subdivision « brest » inconnue" in err
    assert "c.yaml:3:74: [candidat-cible] candidat « futur » : campagne « 2031 » inconnue en Normandie" in err
    assert "c.yaml:4:83: [candidat-cible] candidat « role » : rôle « chef » inconnu pour asr" in err
    assert (
        "c.yaml:5:75: [candidat-cible] candidat « ferme » : le dispositif « aumg » n'est pas ouvert dans la campagne 2025 (Normandie)"
        in err
    )
    alerts = json.loads(out)["evaluations"][0]["alertes"]
    assert any("hors de la région" in a and "Paris" in a for a in alerts)
    assert any("ne correspond à aucun lieu" in a for a in alerts)
    assert any("120 % au total" in a for a in alerts)


def test_unknown_target_is_a_usage_error(tmp_path: Path) -> None:
    code, _out, err = run("evaluate", "examples/normandie.yaml", "--region", "bretagne")
    assert code == 2 and "région inconnue : bretagne" in err
    code, _out, err = run("evaluate", "absent.yaml")
    assert code == 2 and "fichier introuvable" in err


def test_try_all_dispositifs_of_the_candidate_region() -> None:
    data = json.loads(run("evaluate", "examples/tous-les-dispositifs.yaml", "--format", "json")[1])
    assert {e["region"] for e in data["evaluations"]} == {"normandie"}
    assert len(data["evaluations"]) == 7


def test_largest_remainder_is_exact_and_deterministic() -> None:
    assert largest_remainder(20, {"caen": 410, "rouen": 530}) == {"caen": 9, "rouen": 11}
    assert largest_remainder(1, {"b": 1, "a": 1}) == {"a": 1, "b": 0}  # tie: alphabetical
    assert largest_remainder(1, {"a": 1, "b": 2}) == {"a": 0, "b": 1}
    assert largest_remainder(3, {"a": 1, "b": 1, "c": 1}) == {"a": 1, "b": 1, "c": 1}
    assert largest_remainder(10, {"x": 3, "y": 3, "z": 3}) == {"x": 4, "y": 3, "z": 3}
    assert sum(largest_remainder(71, {"caen": 433, "rouen": 527}).values()) == 71


def test_quotas_command() -> None:
    code, out, _err = run("quotas", "normandie", "--internes", "examples/internes-normandie.yaml", "--postes", "20", "--dispositif", "asr")
    assert code == 0
    assert "  - Caen : 9 poste(s) (20 × 410 / 940 = 8,72)" in out and "simulation" in out
    code, _out, err = run("quotas", "normandy")
    assert code == 2 and "région inconnue : normandy. Vouliez-vous dire « normandie » ?" in err
    code, _out, err = run("quotas", "normandie", "--dispositif", "asx")
    assert code == 2 and "dispositif inconnu en Normandie : asx. Vouliez-vous dire « asr » ?" in err
    code, out, _err = run("quotas", "normandie", "--format", "json")
    asr = next(x for x in json.loads(out) if x["dispositif"] == "asr")
    assert asr["postes"] == "inconnu" and asr["repartition"] is None and "inconnu" in asr["raison"]


def test_export_rules_is_reproducible(tmp_path: Path) -> None:
    assert run("export", "rules", "--output", str(tmp_path / "a"))[0] == 0
    assert run("export", "rules", "--output", str(tmp_path / "b"))[0] == 0
    for name in ("regles.json", "vecteurs.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    rules = json.loads((tmp_path / "a" / "regles.json").read_text(encoding="utf-8"))
    assert sorted(rules["regions"]) == REGIONS_DESCRIBED
    vectors = json.loads((tmp_path / "a" / "vecteurs.json").read_text(encoding="utf-8"))["vecteurs"]
    assert len(vectors) >= 40 and all({"candidat", "projet", "attendu"} <= set(v) for v in vectors)


def test_json_input_gives_the_same_result_as_yaml(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load((EXAMPLES / "ile-de-france.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "candidats.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    from_json = json.loads(run("evaluate", str(path), "--format", "json")[1])
    from_yaml = json.loads(run("evaluate", "examples/ile-de-france.yaml", "--format", "json")[1])
    assert [e["verdict"] for e in from_json["evaluations"]] == [e["verdict"] for e in from_yaml["evaluations"]]
    broken = tmp_path / "casse.json"
    broken.write_text('{"candidats": [\n  {"id": "a",}\n]}', encoding="utf-8")
    code, _out, err = run("evaluate", str(broken))
    assert code == 1 and "casse.json:2:14: [json-syntaxe]" in err


def test_csv_problems_are_located_at_their_cell_and_french_formats_are_read(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        "candidat,specialite,subdivision,fin_internat,debut,duree_mois,structure1_role,structure1_type,structure1_commune,structure1_quotite,dispositf\n"
        "q1,Pneumologie,Caen,31/10/2025,01/11/2025,24,peripherique,ch,61001,60 %,x\n"
        "q2,pneumologie,caen,31/10/2025,01/11/2025,24,peripherique,ch,1001,60,x\n",
        encoding="utf-8",
    )
    code, _out, err = run("evaluate", str(path), "--format", "csv")
    assert code == 1
    assert "q.csv:1:11: [csv-colonne] colonne inconnue « dispositf », ignorée. Vouliez-vous dire « dispositif » ?" in err
    assert "Pneumologie" not in err and "Caen" not in err  # codes typed with capitals are read as codes
    assert "q.csv:3:9: [csv-valeur] colonne « structure1_commune » : « 1001 » a 4 chiffres" in err
    assert "31/10/2025" not in err and "60 %" not in err  # French dates and percentages are read


def test_quotas_interns_csv_variants(tmp_path: Path) -> None:
    semicolons = tmp_path / "a.csv"
    semicolons.write_text("subdivision;internes\ncaen;1\nrouen;1\n", encoding="utf-8")
    code, out, _err = run("quotas", "normandie", "--internes", str(semicolons), "--postes", "1", "--dispositif", "asr")
    assert code == 0 and "Caen : 1 poste(s)" in out and "Égalité de reste entre Caen, Rouen" in out
    headerless = tmp_path / "b.csv"
    headerless.write_text("caen,410\nrouen,530\n", encoding="utf-8")
    assert "Caen : 9 poste(s)" in run("quotas", "normandie", "--internes", str(headerless), "--postes", "20", "--dispositif", "asr")[1]
    twice = tmp_path / "c.csv"
    twice.write_text("subdivision,internes\ncaen,1\ncaen,2\nrouen,3\n", encoding="utf-8")
    code, _out, err = run("quotas", "normandie", "--internes", str(twice))
    assert code == 1 and "c.csv:3:1: [internes] la subdivision « caen » apparaît deux fois" in err
    bad_first = tmp_path / "d.csv"
    bad_first.write_text("caen,-5\nrouen,3\n", encoding="utf-8")  # a bad first line is data, not a header
    code, _out, err = run("quotas", "normandie", "--internes", str(bad_first), "--postes", "3", "--dispositif", "asr")
    assert code == 1 and "d.csv:1:2: [internes]" in err
    code, _out, err = run("quotas", "normandie", "--internes", str(tmp_path / "absent.csv"))
    assert code == 2 and "fichier introuvable" in err and "No such file" not in err


def test_excel_alone_means_a_csv_for_excel(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    code, _out, _err = run("evaluate", str(EXAMPLES / "lot.csv"), "--excel", "--output", str(out))
    assert code == 1 and out.read_bytes().startswith("\ufeffcandidat;".encode("utf-8"))  # lot.csv has a bad row: code 1
    code, _out, err = run("evaluate", str(EXAMPLES / "lot.csv"), "--excel", "--format", "json")
    assert code == 2 and "ne va pas avec --format json" in err


def test_export_without_vectors_says_so(tmp_path: Path) -> None:
    code, _out, err = run("export", "rules", "--output", str(tmp_path), "--vecteurs", str(tmp_path / "absent.yaml"))
    assert code == 0 and "introuvable : seules les règles sont exportées" in err
    assert (tmp_path / "regles.json").exists() and not (tmp_path / "vecteurs.json").exists()


def _regions_with_broken_ile_de_france(tmp_path: Path) -> Path:
    import shutil

    regions = tmp_path / "regions"
    shutil.copytree(ROOT / "regions", regions)
    broken = regions / "ile-de-france" / "dispositifs" / "aumg.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "champ_inconnu: 1\n", encoding="utf-8")
    return regions


def test_evaluate_validates_only_the_regions_its_candidates_target(tmp_path: Path) -> None:
    regions = _regions_with_broken_ile_de_france(tmp_path)
    # --region: the golden output, whatever the state of the other regions
    code, out, err = run("evaluate", "examples/normandie.yaml", "--region", "normandie", "--format", "json", "--regions", str(regions))
    assert code == 0, err
    assert out == (GOLDEN / "evaluate-normandie.json").read_text(encoding="utf-8")
    # every row of the lot names normandie: ile-de-france is not read
    code, out, err = run("evaluate", "examples/lot.csv", "--format", "csv", "--regions", str(regions))
    assert "ne sont pas valides" not in err
    assert out.count("\n") > 5


def test_a_targeted_region_in_error_stops_evaluate_before_any_output(tmp_path: Path) -> None:
    regions = _regions_with_broken_ile_de_france(tmp_path)
    for args in (["examples/ile-de-france.yaml"], ["examples/normandie.yaml"], ["examples/normandie.yaml", "--region", "ile-de-france"]):
        code, out, err = run("evaluate", *args, "--regions", str(regions))  # normandie.yaml names no region: all are read
        assert code == 1, (args, err)
        assert out == ""
        assert "les règles du dossier" in err and "ne sont pas valides" in err and "aumg.yaml" in err and "champ_inconnu" in err


def test_a_yaml_lot_naming_its_regions_reads_only_those(tmp_path: Path) -> None:
    import shutil

    regions = tmp_path / "regions"
    shutil.copytree(ROOT / "regions", regions)
    broken = regions / "normandie" / "dispositifs" / "asr.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "champ_inconnu: 1\n", encoding="utf-8")
    code, out, err = run("evaluate", "examples/ile-de-france.yaml", "--format", "json", "--regions", str(regions))
    assert code == 0, err
    assert json.loads(out)["bilan"]["evaluees"] == 9


def test_every_evaluate_format_has_its_reporter() -> None:
    from postinternat_config.cli import evaluate
    from postinternat_config.evaluation_report import REPORTS

    choices = next(p.type.choices for p in evaluate.params if p.name == "fmt")  # type: ignore[attr-defined]
    assert set(choices) == set(REPORTS)


def test_the_summary_counts_the_problems_of_the_whole_file(tmp_path: Path) -> None:
    empty = tmp_path / "vide.yaml"
    empty.write_text("", encoding="utf-8")
    code, _out, err = run("evaluate", str(empty))
    assert code == 1 and "[yaml-vide]" in err
    assert "Bilan : 0 projet(s) lu(s) : 0 évalué(s), 0 en erreur ; 1 problème(s) portent sur le fichier entier." in err


def test_pay_given_by_the_texts_is_in_every_format() -> None:
    data = json.loads(run("evaluate", "examples/provence-alpes-cote-d-azur.yaml", "--dispositif", "astp", "--format", "json")[1])
    pay = data["evaluations"][0]["remuneration"]
    salary = pay[0]
    assert {k: salary[k] for k in ("id", "montant", "periode", "brut", "hors", "duree_mois", "total")} == {
        "id": "salaire",
        "montant": 37945,
        "periode": "an",
        "brut": True,
        "hors": "prime d'exercice territorial",
        "duree_mois": 24,
        "total": 75890,
    }
    assert salary["source"]["extrait"] == "37 945 € brut par an (hors prime d’exercice territorial)."
    assert [p["montant"] for p in pay[1:]] == [250, 450, 700, 1000]
    text = run("evaluate", "examples/provence-alpes-cote-d-azur.yaml", "--dispositif", "astp")[1]
    assert "Rémunération selon les textes :\n  - Rémunération de l'assistant à temps partagé : 37\u202f945 € brut par an" in text
    # no pay in the texts: said so, never « 0 € »
    idf = run("evaluate", "examples/ile-de-france.yaml", "--dispositif", "aumg")[1]
    assert "Rémunération : non précisée par les textes" in idf


def test_a_misspelt_target_gets_a_suggestion(tmp_path: Path) -> None:
    lot = tmp_path / "cible.csv"
    lot.write_text(
        "candidat,specialite,region,dispositif,subdivision,structure1_role\n"
        "q1,neurologie,normandie,asrr,,\nq2,neurologie,normandie,asr,,periferique\nq3,neurologie,,,cean,\nq4,neurologie,normandi,,,\n",
        encoding="utf-8",
    )
    code, _out, err = run("evaluate", str(lot), "--format", "csv")
    assert code == 1
    # each at the cell it is about: row, then column of the value
    assert (
        "cible.csv:2:4: [candidat-cible] candidat « q1 » : dispositif « asrr » introuvable en Normandie — vouliez-vous dire « asr » ?"
        in err
    )
    assert (
        "cible.csv:3:6: [candidat-cible] candidat « q2 » : rôle « periferique » inconnu pour asr — vouliez-vous dire « peripherique » ?"
        in err
    )
    assert "cible.csv:4:5: [candidat-cible] candidat « q3 » : subdivision « cean » inconnue — vouliez-vous dire « caen » ?" in err
    assert "cible.csv:5:3: [candidat-cible] candidat « q4 » : région inconnue « normandi » — vouliez-vous dire « normandie » ?" in err


def test_no_campaign_for_the_start_date_is_said_with_a_french_date(tmp_path: Path) -> None:
    path = tmp_path / "tard.yaml"
    path.write_text(
        "candidats:\n  - id: tard\n    specialite: pneumologie\n    fin_internat: 2031-10-31\n"
        "    projets:\n      - {region: normandie, dispositif: asr, debut: 2031-11-01, duree_mois: 24}\n",
        encoding="utf-8",
    )
    code, out, _err = run("evaluate", str(path), "--format", "json")
    evaluation = json.loads(out)["evaluations"][0]
    assert evaluation["delai"] == {"statut": "sans_campagne", "debut": "2031-11-01"}  # data stays ISO
    assert evaluation["alertes"] == ["aucune campagne publiée ne recrute pour une prise de poste le 1er novembre 2031"]


def test_an_eligible_but_late_file_is_told_how_to_be_on_time() -> None:
    code, out, _err = run("evaluate", "examples/lot.csv")
    block = out.split("lot-02 — ", 1)[1].split("\n\n", 1)[0]
    assert "Verdict : ÉLIGIBLE" in block and "Variante éligible" not in block
    assert "Pour être dans les délais : en déposant au plus tard le 14 février 2025." in block
