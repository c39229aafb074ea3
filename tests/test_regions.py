"""The real data: every region validates strictly, and the facts of the source texts are encoded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import REGIONS_DESCRIBED

from postinternat_config.context import Context
from postinternat_config.validation import validate
from postinternat_config.workspace import load_tree

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "regions"


def test_all_regions_validate_strictly() -> None:
    report = validate([REGIONS])
    assert [p.format() for p in report.problems] == []
    assert report.regions == [
        "centre-val-de-loire",
        "grand-est",
        "guyane",
        "hauts-de-france",
        "ile-de-france",
        "martinique",
        "normandie",
        "nouvelle-aquitaine",
        "pays-de-la-loire",
        "provence-alpes-cote-d-azur",
    ]


def _effective(region: str) -> Context:
    national, _ = load_tree(REGIONS / "_national")
    tree, _ = load_tree(REGIONS / region)
    for t in (national, tree):
        for doc in [*t.docs.values(), *t.dispositifs.values(), *t.campagnes.values()]:
            t.schema_ok[doc.path] = True
    return Context.build(tree, national)


def _lieu(data: dict[str, Any], role: str) -> dict[str, Any]:
    return next(lieu for lieu in data["lieux"] if lieu["role"] == role)


def test_normandie_campaigns() -> None:
    ctx = _effective("normandie")
    c2024 = ctx.tree.campagnes["2024"].data["calendrier"]
    c2025 = ctx.tree.campagnes["2025"].data["calendrier"]
    assert c2024["date_limite"]["date"] == "2024-02-16" and "incluse" not in c2024["date_limite"]
    assert (c2025["date_limite"]["date"], c2025["date_limite"]["incluse"]) == ("2025-02-14", True)
    assert (c2025["commission"]["mois"], c2025["commission"]["precision"]) == ("2025-03", "fin")
    assert [p["mois"] for p in c2025["prises_de_poste"]] == ["2025-11", "2026-05"]
    rules = " ".join(r["texte"] for r in ctx.tree.campagnes["2025"].data["regles"])
    assert "CHU" in rules


def test_normandie_asr() -> None:
    asr = _effective("normandie").effective["asr"].data
    assert _lieu(asr, "peripherique")["quotite"]["min"] == 60
    assert _lieu(asr, "universitaire")["quotite"]["max"] == 40
    assert asr["duree"]["mois"] == 24
    orne = next(p for p in asr["priorites"] if p["id"] == "orne")
    assert orne["valeurs"] == ["61"]
    assert asr["repartition_postes"]["regle"] == "prorata_internes"


def test_normandie_inherits_and_overrides_the_national_400mg_frame() -> None:
    v1 = _effective("normandie").effective["mg-400-volet-1"].data
    assert v1["famille"] == "mg_temps_partage_400mg" and v1["duree"]["mois"] == 24
    assert [s["code"] for s in v1["statuts"]] == ["ph_contractuel"]
    assert _lieu(v1, "ambulatoire")["zones"]["categories"] == ["ZONE_SOUS_DENSE", "QPV"]


def test_nouvelle_aquitaine() -> None:
    ctx = _effective("nouvelle-aquitaine")
    asp = ctx.effective["asp-etablissements"].data
    prioritaire = _lieu(asp, "etablissement_prioritaire")
    assert (prioritaire["quotite"]["min"], prioritaire["quotite"]["base"]) == (50, "contrat")
    # « CH/CHU ou CH/CH ou privé à but non lucratif » : no private for-profit establishment
    assert prioritaire["types"] == _lieu(asp, "partenaire")["types"] == ["es_public", "espic"]
    ght = next(p for p in asp["priorites"] if p["type"] == "departement_structure")
    assert ght["valeurs"] == ["16", "17", "19", "23", "24", "40", "47", "79"]
    vh = ctx.effective["praticiens-temps-partage-ville-hopital"].data
    assert _lieu(vh, "hospitalier")["quotite"]["valeurs"] == [40, 50, 60]
    amb = _lieu(vh, "ambulatoire")
    assert (amb["demi_journees"]["min"], amb["demi_journees"]["max"]) == (4, 6)
    assert amb["zones"]["categories"] == ["ZIP", "ZAC"]
    assert ctx.tree.docs["zonage"].data["arrete"]["date"] == "2022-04-25"


def test_ile_de_france() -> None:
    ctx = _effective("ile-de-france")
    pp = ctx.effective["postes-partages"].data
    assert next(f for f in pp["financement"] if f["id"] == "ars")["part"] == 60
    vh = ctx.effective["assistants-ville-hopital"].data
    assert (vh["specialites"]["mode"], vh["specialites"]["des"]) == ("toutes_sauf", ["medecine-generale"])
    assert _lieu(vh, "hospitalier")["quotite"]["valeur"] == 40
    mg = ctx.effective["mg-temps-partage"].data
    assert mg["duree"]["consecutive"] is True
    assert _lieu(mg, "ambulatoire")["zones"]["categories"] == ["ZIP", "ZAC", "QPV"]
    # the portal section states neither the hospital status nor the funding: nothing inherited from the 400 MG frame
    assert "etend" not in mg and mg["famille"] == "mg_temps_partage_400mg"
    assert {s["code"] for s in mg["statuts"]} == {"exercice_liberal", "medecin_salarie"} and not mg.get("financement")
    aumg = ctx.effective["aumg"].data
    # the current page gives 2 100 €, no text dates the change from 2 000 €: no invented boundary
    assert next(f for f in aumg["financement"] if "montant" in f)["montant"]["valeur"] == 2100
    assert aumg["duree"]["renouvellement"] == {"mois": 12, "fois": 1}
    assert any(c.get("au_plus_tard") == "11-01" for c in aumg["eligibilite"])
    cal = ctx.tree.campagnes["2025-2027"].data["calendrier"]
    assert cal["prises_de_poste"][0]["date"] == "2025-11-01"


@pytest.mark.parametrize("region", REGIONS_DESCRIBED)
def test_every_declared_source_is_cited_and_seed_texts_are_sources(region: str) -> None:
    report = validate([REGIONS / region])
    assert not any(p.code == "source-inutilisee" for p in report.problems)


def _compare(famille: str, campagne: str | None = None) -> dict[str, dict[str, str]]:
    from postinternat_config.compare import ROWS, compare

    matrix = compare(REGIONS, famille, campagne)[0]
    return {label: matrix.cells[key] for key, label in ROWS}


def test_the_application_channel_is_the_one_of_the_campaign_read() -> None:
    # 2024: « Par courriel à l'adresse : ... » ; the 2025 letter gives no channel (non_precise)
    assert _compare("assistant_partage_etablissements", "2024")["Candidature"]["normandie"] == "portée par le candidat, par courriel"
    assert (
        _compare("assistant_partage_etablissements")["Candidature"]["normandie"]
        == "portée par le candidat, canal non précisé par les textes"
    )


def test_campaign_dates_a_dispositif_is_set_apart_from_are_neither_shown_nor_checked() -> None:
    from postinternat_config.engine import deadline
    from postinternat_config.rulebook import load_rulebook

    mg = _compare("mg_temps_partage_400mg")
    # the IDF section gives no date; the 2025 letter does not present 400 MG applications to the commission
    assert (mg["Prises de poste"]["ile-de-france"], mg["Date limite"]["normandie"], mg["Prises de poste"]["normandie"]) == (
        "non précisé",
    ) * 3
    assert _compare("assistant_partage_etablissements")["Date limite"]["normandie"] == "14 février 2025 inclus"
    book = load_rulebook(REGIONS)
    rules = book.regions["normandie"]["dispositifs"]["mg-400-volet-1"]
    campagne = next(c for c in rules["campagnes"] if c["id"] == "2025")
    assert "date_limite" not in campagne and campagne["prises_de_poste"] == []
    assert deadline(campagne, {"date_candidature": "2025-03-01"})["statut"] == "non_precisee"
    asr = next(c for c in book.regions["normandie"]["dispositifs"]["asr"]["campagnes"] if c["id"] == "2025")
    assert deadline(asr, {"date_candidature": "2025-03-01"})["statut"] == "en_retard"
