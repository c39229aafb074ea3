"""The site's generated Markdown (golden files), escaping, calendars, and the atomic build."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import lay_case

from postinternat_config import referentiel
from postinternat_config import site as site_module
from postinternat_config.formatting import french_key
from postinternat_config.paths import VECTORS
from postinternat_config.problems import PostinternatError
from postinternat_config.site import build_site, ics, render_pages

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "site"
BUILD_DAY = date(2026, 12, 2)  # the pages tell the state of each campaign at the build date
PAGES = [
    "index.md",
    "regions/normandie/index.md",
    "regions/normandie/asr.md",
    "regions/ile-de-france/aumg.md",
    "regions/provence-alpes-cote-d-azur/astp.md",
    "comparaisons/assistant_ville_hopital.md",
    "calendrier.md",
    "ou-suis-je-eligible.md",
    "donnees/calendrier-normandie.ics",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(ROOT / "regions", VECTORS, BUILD_DAY)


@pytest.mark.parametrize("name", PAGES)
def test_golden_pages(name: str, pages: dict[str, str], update_goldens: bool) -> None:
    golden = GOLDEN / name
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(pages[name].encode("utf-8"))
    assert pages[name].encode("utf-8") == golden.read_bytes()


def test_rendering_is_deterministic(pages: dict[str, str]) -> None:
    again = render_pages(ROOT / "regions", VECTORS, BUILD_DAY)
    assert again == pages


def test_every_dispositif_has_a_page_with_sections_in_order(pages: dict[str, str]) -> None:
    dispositifs = sorted(p for p in (ROOT / "regions").glob("*/dispositifs/*.yaml") if p.parent.parent.name != "_national")
    for path in dispositifs:
        page = pages[f"regions/{path.parent.parent.name}/{path.stem}.md"]
        order = [
            "**En bref**",
            "## Qui peut en bénéficier ?",
            "## Conditions",
            "## Répartition du temps",
            "## Combien ?",
            "## Comment candidater ?",
            "## Calendrier",
            "## Contacts",
            "## Textes officiels",
            "## Vérifier ma situation",
            "## Voir aussi",
        ]
        positions = [page.index(title) for title in order]
        assert positions == sorted(positions), path


def test_required_zones_are_named_for_candidates(pages: dict[str, str]) -> None:
    page = pages["regions/normandie/mg-400-volet-1.md"]
    assert "zone exigée : Zone sous-dense ou Quartier prioritaire de la politique de la ville (QPV)" in page
    assert not any("zone exigée" in line and "ZONE" in line for line in page.splitlines())  # no raw code such as ZONE_SOUS_DENSE


def test_campaign_rules_only_on_the_dispositifs_they_concern(pages: dict[str, str]) -> None:
    """The 2025 letter: the 400 MG applications are not presented to the commission, which ranks the
    others; a 400 MG page does not say both."""
    ranked = "La commission classe les candidatures qu'elle étudie par ordre de priorité"
    not_presented = "Les candidatures 400 MG ne sont pas présentées en séance"
    for stem in ("mg-400-volet-1", "mg-400-volet-2"):
        page = pages[f"regions/normandie/{stem}.md"]
        assert not_presented in page and ranked not in page and "La commission étudie l'ensemble" not in page, stem
        assert "Tout dossier doit être validé par le CHU" in page  # a rule of the whole campaign
    for stem in ("asr", "astp-ville-hopital", "as-mixte-ville-hopital", "as-douleur-soins-palliatifs"):
        page = pages[f"regions/normandie/{stem}.md"]
        assert ranked in page and not_presented not in page, stem
    assert "Union régionale des médecins libéraux" in pages["regions/normandie/astp-ville-hopital.md"]
    assert "Union régionale des médecins libéraux" not in pages["regions/normandie/asr.md"]


def test_yaml_text_is_escaped(tmp_path: Path) -> None:
    lay_case("valid", "dates-guillemets", tmp_path)
    path = tmp_path / "regions/corse/dispositifs/partage.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "nom: Assistants partagés (fictif)", 'nom: "Assistants <script>window.__pirate = 1</script> *partagés* | [lien](http://x)"'
    )
    path.write_text(text, encoding="utf-8")
    page = render_pages(tmp_path / "regions")["regions/corse/partage.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;window.\\_\\_pirate = 1&lt;/script&gt; \\*partagés\\* \\| \\[lien\\](http://x)" in page


def test_ics_is_folded_and_reproducible() -> None:
    event = site_module.Event(
        __import__("datetime").date(2025, 2, 14),
        __import__("datetime").date(2025, 2, 14),
        "Région très longue " * 4,
        "r",
        "2025",
        "date_limite",
        "Date limite",
        "14 février 2025",
        "2026-01-01",
    )
    text = ics([event], "Essai")
    assert text == ics([event], "Essai")
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert (
        "UID:r-2025-date_limite@postinternat-config" in lines
        and "DTSTART;VALUE=DATE:20250214" in lines
        and "DTEND;VALUE=DATE:20250215" in lines
    )
    assert text.endswith("END:VCALENDAR\r\n")


def test_failed_build_keeps_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("ancien site", encoding="utf-8")
    (output / site_module.SITE_MARKER).write_text(site_module.SITE_MARKER_TEXT, encoding="utf-8")
    original = site_module.render_pages

    def broken(*args: object, **kwargs: object) -> dict[str, str]:
        files = original(*args, **kwargs)  # type: ignore[arg-type]
        files["index.md"] += "\n[lien cassé](page-absente.md)\n"
        return files

    monkeypatch.setattr(site_module, "render_pages", broken)
    with pytest.raises(PostinternatError, match="le site précédent est conservé"):
        build_site(ROOT / "regions", output)
    assert (output / "index.html").read_text(encoding="utf-8") == "ancien site"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no half-built folder left


def test_build_replaces_the_site_and_writes_open_data(tmp_path: Path) -> None:
    output = tmp_path / "site"
    build_site(ROOT / "regions", output, VECTORS)
    for name in (
        "index.html",
        "regions/normandie/asr/index.html",
        "donnees/regles.json",
        "donnees/regles.csv",
        "donnees/vecteurs.json",
        "donnees/calendrier.ics",
        "donnees/schemas/dispositif.schema.json",
        "accessibilite/index.html",
        "reference/index.html",
        "ou-suis-je-eligible/index.html",
        "donnees/communes/normandie.json",
    ):
        assert (output / name).exists(), name
    html = (output / "regions/normandie/asr/index.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in html and "fonts.googleapis" not in html
    shutil.rmtree(output)


def test_reference_examples_are_written_as_yaml_the_editor_types() -> None:
    import yaml

    from postinternat_config.site import EMPTY, reference_kinds, yaml_example

    examples = [f["exemple"] for kind in reference_kinds() for f in kind["champs"] if f["exemple"] != EMPTY]
    assert len(examples) > 40
    assert not [e for e in examples if '{"' in e or '["' in e]  # no JSON objects or lists
    for text in examples:
        assert yaml.safe_load(text) is not None, text
    value = {"mois": "2025-03", "precision": "fin", "dates": ["2025-02-14"], "texte": "l'ARS"}
    assert yaml_example(value) == "{mois: 2025-03, precision: fin, dates: ['2025-02-14'], texte: l'ARS}"
    assert yaml.safe_load(yaml_example(value)) == value and yaml_example("texte") == "texte"


def test_pages_tell_the_campaign_state_at_the_build_date(pages: dict[str, str]) -> None:
    dispositifs = {name: text for name, text in pages.items() if name.startswith("regions/") and not name.endswith("index.md")}
    assert len(dispositifs) > 10
    for name, text in dispositifs.items():
        # on 2 December 2026 every campaign of the data is over: nothing reads as open or upcoming
        assert "· ouvert" not in text and "candidatures ouvertes" not in text and "prochainement en ligne" not in text, name
        assert "- **Candidatures au 2 décembre 2026** : " in text, name
    asr = pages["regions/normandie/asr.md"]
    assert "Campagne 2025 close — la prochaine n'est pas encore annoncée (date limite passée : 14 février 2025 inclus)" in asr
    assert "| closes (campagne 2025, date limite passée : 14 février 2025 inclus) |" in pages["regions/normandie/index.md"]
    assert "## À venir au 2 décembre 2026" in pages["calendrier.md"]
    assert (
        "| closes (campagne 2025-2027, étape passée : commission ou jury, avant l'été 2025) | closes (campagne 2025, date limite"
        in next(
            line
            for line in pages["comparaisons/assistant_ville_hopital.md"].splitlines()
            if line.startswith("| Candidatures au 2 décembre 2026 |")
        )
    )
    # a campaign whose texts give no closing date never reads « en cours » (« applications open »)
    for name in ("regions/grand-est/astp.md", "regions/ile-de-france/mg-temps-partage.md"):
        assert "en cours" not in pages[name], name
    assert (
        "Campagne 2024-2026 : les textes relevés ne donnent ni date limite ni date de dépôt pour ce dispositif ; "
        "renseignez-vous auprès de l'ARS"
    ) in pages["regions/grand-est/astp.md"]
    assert (
        "campagne 2024-2026, sans date limite ni date de dépôt publiée : se renseigner auprès de l'ARS"
        in pages["regions/grand-est/index.md"]
    )
    states = [line for text in dispositifs.values() for line in text.splitlines() if line.startswith("- **Candidatures au")]
    assert len(states) == len(dispositifs) and not [line for line in states if "en cours" in line]
    earlier = render_pages(ROOT / "regions", VECTORS, date(2025, 1, 10))
    assert "Candidatures ouvertes jusqu'au 14 février 2025 inclus (campagne 2025)" in earlier["regions/normandie/asr.md"]
    assert "Campagne 2025-2027 annoncée, ouverture des candidatures : printemps 2025" in earlier["regions/ile-de-france/postes-partages.md"]
    assert "| ouvertes, date limite : 14 février 2025 inclus |" in earlier["regions/normandie/index.md"]


def test_close_only_with_a_date_that_proves_it(pages: dict[str, str]) -> None:
    dispositifs = {name: text for name, text in pages.items() if name.startswith("regions/") and not name.endswith("index.md")}
    states = {
        name: next(line for line in text.splitlines() if line.startswith("- **Candidatures au")) for name, text in dispositifs.items()
    }
    for name, line in states.items():  # every « close » gives the date that proves it
        assert " close" not in line or re.search(r"close — la prochaine n'est pas encore annoncée \((date limite|étape) passée : ", line), (
            name,
            line,
        )
    rows = [line for name, text in pages.items() if name.endswith("index.md") for line in text.splitlines() if "| closes" in line]
    assert rows and all(re.search(r"\| closes \(campagne [0-9-]+, (date limite|étape) passée : [^|]+\) \|$", row) for row in rows), rows
    # the 400 MG of Normandie: the dates of the 2025 campaign do not apply to them
    undated = (
        "- **Candidatures au 2 décembre 2026** : Campagne 2025 : les textes relevés ne donnent ni date limite ni date de dépôt "
        "pour ce dispositif (les dates publiées de la campagne ne valent pas pour lui) ; renseignez-vous auprès de l'ARS"
    )
    for stem in ("mg-400-volet-1", "mg-400-volet-2"):
        page = pages[f"regions/normandie/{stem}.md"]
        assert undated in page and "close" not in page, stem
        assert "- Les textes ne donnent pas de dates de cette campagne pour ce dispositif.\n" in page
        assert (
            "- Dates de la campagne qui ne valent pas pour ce dispositif : date limite de dépôt, commission ou jury, décisions "
            "et prises de poste — À noter : Le courrier fixe la date limite du 14 février 2025"
        ) in page
        assert "| campagne 2025, sans date limite ni date de dépôt publiée : se renseigner auprès de l'ARS |" in next(
            line for line in pages["regions/normandie/index.md"].splitlines() if f"]({stem}.md)" in line
        )
    # the four dispositifs of Île-de-France's 2025-2027 campaign: closed by a date of theirs, or told why not
    idf = {
        stem: states[f"regions/ile-de-france/{stem}.md"]
        for stem in ("postes-partages", "assistants-ville-hopital", "aumg", "mg-temps-partage")
    }
    assert idf["postes-partages"].endswith("(étape passée : commission ou jury, avant l'été 2025)")
    assert idf["assistants-ville-hopital"].endswith("(étape passée : commission ou jury, avant l'été 2025)")
    assert idf["aumg"].endswith("(étape passée : prise de poste, 1er novembre 2025)")
    assert "(les dates publiées de la campagne ne valent pas pour lui) ; renseignez-vous auprès de l'ARS" in idf["mg-temps-partage"]


def test_region_table_says_unstated_rather_than_absent(pages: dict[str, str]) -> None:
    rows = [line for name, text in pages.items() if name.endswith("/index.md") for line in text.splitlines() if line.startswith("| [")]
    assert len(rows) > 20
    for row in rows:  # « — » means « no such dispositif » on the site: never a cell of a dispositif that exists
        assert "| — |" not in row, row
    douleur = next(line for line in pages["regions/normandie/index.md"].splitlines() if "](as-douleur-soins-palliatifs.md)" in line)
    assert douleur.endswith(
        "| 12 mois | non précisée par les textes | closes (campagne 2025, date limite passée : 14 février 2025 inclus) |"
    )


def test_select_lists_are_in_french_order_with_the_admitted_types_first(pages: dict[str, str]) -> None:
    def options(select: str) -> list[str]:
        return re.findall(r'<option value="[^"]+">([^<]+)</option>', select)

    asr = pages["regions/normandie/asr.md"]
    peripherique = re.search(r'<select id="type-asr-peripherique" name="type">(.*?)</select>', asr)
    assert peripherique is not None
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', peripherique.group(1))
    assert [label for label, _ in groups] == ["Types admis pour ce lieu", "Autres types (non admis)"]
    assert options(groups[0][1]) == ["Centre hospitalier", "Établissement de santé périphérique (hors CHU)"]
    others = options(groups[1][1])
    assert len(others) + 2 == len(referentiel.types_structure()) and others == sorted(others, key=french_key)  # every type stays selectable
    assert others.index("Établissement de recours") < others.index("Maison de santé pluriprofessionnelle") < others.index("Université")
    assert others.index("EHPAD public") < others.index("Établissement d&#x27;hébergement pour personnes âgées dépendantes (EHPAD)")
    # a lieu that admits any type: one list, no group
    atp = pages["regions/hauts-de-france/atp.md"]
    universitaire = re.search(r'<select id="type-atp-universitaire" name="type">(.*?)</select>', atp)
    assert universitaire is not None and "optgroup" not in universitaire.group(1)
    assert options(universitaire.group(1)) == sorted(options(universitaire.group(1)), key=french_key)
    # the simulator's lists and the specialties too
    simulator = pages["ou-suis-je-eligible.md"]
    types = options(re.search(r'<select id="sim-type-1" name="type">(.*?)</select>', simulator).group(1))  # type: ignore[union-attr]
    assert types.index("Établissement de recours") < types.index("Université") and types == sorted(types, key=french_key)
    des = options(re.search(r'<select id="specialite-asr" name="specialite">(.*?)</select>', asr).group(1))  # type: ignore[union-attr]
    assert des == sorted(des, key=french_key) and des.index("Endocrinologie-diabétologie-nutrition") < des.index("Gériatrie")


def test_french_key_sorts_accented_labels_with_their_letter() -> None:
    labels = ["Université", "Établissement de recours", "œnologie", "Ehpad", "etablissement", "Zone", "Oeil"]
    assert sorted(labels, key=french_key) == [
        "Ehpad",
        "etablissement",
        "Établissement de recours",
        "Oeil",
        "œnologie",
        "Université",
        "Zone",
    ]


def test_lieux_give_the_exact_number_of_structures_in_words(pages: dict[str, str]) -> None:
    assert site_module.structure_count({"min": 1, "max": 1}) == "une structure"
    assert site_module.structure_count({"min": 2, "max": 2}) == "2 structures"
    assert site_module.structure_count({"min": 0, "max": 1}) == "au plus une structure"
    assert site_module.structure_count({"max": 3}) == "au plus 3 structures"
    assert site_module.structure_count({"min": 1, "max": 2}) == "de 1 à 2 structures"
    assert site_module.structure_count({"min": 1}) == "au moins une structure"
    assert site_module.structure_count({"min": 2}) == "au moins 2 structures"
    assert site_module.structure_count({}) == ""
    atp = pages["regions/hauts-de-france/atp.md"]
    assert "- Lieu d'exercice : CHU de Lille, CHU d'Amiens ou COL (une structure)\n" in atp
    assert "- Centre hospitalier éloigné des métropoles (établissement périphérique) : Centre hospitalier (une structure)\n" in atp
    assert (
        "- CHU d'Angers : Centre hospitalier universitaire (au plus une structure)\n"
        in pages["regions/pays-de-la-loire/tus-chefs-clinique.md"]
    )
    assert (
        "- Établissement de santé partenaire (CH, ESPIC ou centre de santé) : Centre hospitalier, Établissement de santé privé "
        "d'intérêt collectif (ESPIC) ou Centre de santé (une structure)\n"
    ) in pages["regions/ile-de-france/postes-partages.md"]
    for name, text in pages.items():
        assert "structure(s)" not in text and "tout type de structure" not in text, name


def test_how_to_apply_is_told_once_with_its_caveats(pages: dict[str, str]) -> None:
    aumg = pages["regions/ile-de-france/aumg.md"]
    how = aumg.split("## Comment candidater ?", 1)[1].split("## ", 1)[0]
    assert "déposée par l'université" not in how
    assert (
        "- Candidature portée par l'université, dossier déposé à l'université — À noter : La page dit à la fois « Le médecin dépose "
        "sa candidature à son université de médecine » et « La candidature est à l'initiative de l'université »"
    ) in how
    assert "- Le médecin dépose sa candidature à son université de médecine.\n" in how
    # two versions of one page: one line, both dates
    texts = aumg.split("## Textes officiels", 1)[1].split("## ", 1)[0]
    assert texts.count("Devenir assistant universitaire de médecine générale") == 1
    assert (
        "— ARS Île-de-France (portail d'accompagnement des professionnels de santé), deux versions relevées : l'une sans date, "
        "l'autre du 23 mai 2023\n"
    ) in texts
    # Normandie 2025: the 2024 address is given as such, next to « canal non précisé »
    asr = pages["regions/normandie/asr.md"]
    assert (
        "- Candidature portée par le candidat, canal non précisé par les textes — À noter : Le canal de dépôt est celui de chaque "
        "campagne : par courriel à ars-normandie-direction-attractivite-numerique@ars.sante.fr en 2024 (article de la campagne "
        "2024) ; le courrier de 2025 ne donne ni canal ni adresse.\n"
    ) in asr
    assert (
        "- Direction de l'attractivité et du numérique (dépôt des candidatures en 2024) : "
        "ars-normandie-direction-attractivite-numerique@ars.sante.fr — À noter : Adresse de dépôt de la campagne 2024 ; "
        "le courrier de la campagne 2025 ne donne ni canal ni adresse de dépôt.\n"
    ) in asr
    for name, text in pages.items():  # no title twice among a page's official texts
        if "## Textes officiels" in text:
            section = text.split("## Textes officiels", 1)[1].split("## ", 1)[0]
            titles = [re.sub(r"<[^>]+>", "", line[2:].rsplit(" — ", 1)[0]) for line in section.splitlines() if line.startswith("- ")]
            assert len(titles) == len(set(titles)), (name, titles)


def test_official_texts_merge_the_versions_of_one_page() -> None:
    page = {"titre": "Page", "url": "https://x.fr/p", "emetteur": "ARS"}
    merged = site_module.official_texts([page, {**page, "date": "2023-05-23"}, {"titre": "Autre", "emetteur": "ARS", "annee": 2024}])
    assert merged == [
        {"titre": "Page", "url": "https://x.fr/p", "detail": "ARS, deux versions relevées : l'une sans date, l'autre du 23 mai 2023"},
        {"titre": "Autre", "url": None, "detail": "ARS, 2024"},
    ]
    three = site_module.official_texts([page, {**page, "annee": 2020}, {**page, "date": "2023-05-23"}])
    assert three[0]["detail"] == "ARS, 3 versions relevées : sans date, de 2020 et du 23 mai 2023"
    # two texts that only share a title (no address) are two lines, each with its issuer
    twins = site_module.official_texts(
        [{"titre": "Arrêté", "emetteur": "ARS"}, {"titre": "Arrêté", "emetteur": "Préfecture", "annee": 2024}]
    )
    assert [t["detail"] for t in twins] == ["ARS", "Préfecture, 2024"]


def test_comparisons_show_only_the_regions_that_have_the_family(pages: dict[str, str]) -> None:
    aumg = pages["comparaisons/aumg.md"]
    assert "| Paramètre | Île-de-France | Normandie | Provence-Alpes-Côte d'Azur |\n" in aumg
    assert (
        "Régions sans dispositif de cette famille dans les textes relevés : Centre-Val de Loire, Grand Est, Guyane, "
        "Hauts-de-France, Martinique, Nouvelle-Aquitaine, Pays de la Loire.\n"
    ) in aumg
    assert "| Campagne la plus récente | 2025-2027 | 2024 | aucune campagne publiée |\n" in aumg
    for name, text in pages.items():
        if name.startswith("comparaisons/") and name != "comparaisons/index.md":
            assert "Campagne lue" not in text, name
            header = next(line for line in text.splitlines() if line.startswith("| Paramètre |"))
            columns = len(header.split("|")) - 3
            dispositifs = next(line for line in text.splitlines() if line.startswith("| Dispositif |"))
            assert columns >= 1 and "| — |" not in dispositifs, name  # no column of a region without the family


def test_comparisons_give_the_editors_caveats_on_the_figures(pages: dict[str, str]) -> None:
    page = pages["comparaisons/assistant_partage_etablissements.md"]
    header = next(line for line in page.splitlines() if line.startswith("| Paramètre |")).split(" | ")
    durations = next(line for line in page.splitlines() if line.startswith("| Durée |")).split(" | ")
    assert durations[header.index("Hauts-de-France")] == "24 mois de financement, versé par Région Hauts-de-France"
    remarks = page.split("Remarques des éditeurs sur ces chiffres (à lire avant de comparer) :\n", 1)[1]
    assert (
        "- Hauts-de-France, Prime de territoire de la Région pour les assistants à temps partagé — Prime de territoire versée par "
        "la Région : Prime de 2022, en plus de la rémunération d'assistant, que les textes relevés ne donnent pas. Depuis décembre "
        "2025, l'aide est fusionnée avec celle des chefs de clinique en région, sans montant relevé : le montant de 500 € peut ne plus valoir.\n"
    ) in remarks
    # a caveat repeated word for word on several figures is given once
    assert remarks.count("Barème national de l'arrêté du 28 décembre 2020") == 1


def test_calendar_says_which_dispositifs_a_date_is_for_with_its_caveat(pages: dict[str, str]) -> None:
    calendar = pages["calendrier.md"]
    assert "| 14 février 2025 (jour inclus) | Normandie | 2025 | Date limite de dépôt des candidatures (sauf : 400 MG) |\n" in calendar
    assert (
        "| 31 octobre 2027 | Île-de-France | 2025-2027 | Fin des contrats (pour : ASP) — À noter : Selon l'appel à candidatures "
        "des postes partagés (accueil du 1er novembre 2025 au 31 octobre 2027) ; ne vaut que pour ce dispositif. |\n"
    ) in calendar
    assert (
        "| 15 octobre 2022 | Martinique | 2022 | Date limite de dépôt des candidatures — À noter : La page ne dit pas si le 15 octobre est inclus. |\n"
        in (calendar)
    )
    ics = pages["donnees/calendrier-normandie.ics"].replace("\r\n ", "")
    assert "DESCRIPTION:Campagne 2025 : date limite de dépôt des candidatures\\, 14 février 2025 (jour inclus) (sauf : 400 MG).\r\n" in ics


def test_combien_gives_the_amount_the_payers_and_the_caveats(pages: dict[str, str]) -> None:
    nnbsp = "\u202f"
    aumg = pages["regions/ile-de-france/aumg.md"]
    amount = f"2{nnbsp}100 € par mois × 24 mois = 50{nnbsp}400 €"
    assert (
        f"- **Combien ?** : rémunération non précisée par les textes ; financement : {amount}, versés par ARS Île-de-France — montant par AUMG"
        " (voir la remarque dans « Combien ? »)\n" in aumg
    )
    assert "- Rémunération du médecin : non précisée par les textes.\n" in aumg
    assert f"- ARS Île-de-France : {amount} ; prise en charge de la totalité (100 %) — Montant par AUMG — À noter : « En totalité »" in aumg
    # a share relayed without the text's words is shown with its caveat
    asr = pages["regions/normandie/asr.md"]
    assert (
        "- **Combien ?** : rémunération non précisée par les textes ; financement : montant non précisé par les textes ; financé à 70 % (à confirmer) par ARS Normandie (FIR)"
        " (voir la remarque dans « Combien ? »)\n" in asr
    )
    assert "prise en charge de 70 % ; montant non précisé par les textes (chiffre à confirmer auprès de l'ARS" in asr
    assert (
        f"3{nnbsp}500 € en une fois, versés par ARS (FIR) — aide forfaitaire au démarrage" in pages["regions/normandie/mg-400-volet-2.md"]
    )
    # no funding in the texts: said so, never « 0 € »
    na = pages["regions/nouvelle-aquitaine/asp-etablissements.md"]
    assert "- **Combien ?** : non précisé par les textes\n" in na and "0 €" not in na


def test_editors_caveats_are_shown_next_to_the_figure_they_qualify(pages: dict[str, str]) -> None:
    nnbsp = "\u202f"
    atp = pages["regions/hauts-de-france/atp.md"]
    combien = atp.split("## Combien ?", 1)[1].split("## ", 1)[0]
    outdated = "le montant de 500 € peut ne plus valoir."
    assert (
        "- Rémunération — Prime de territoire versée par la Région : 500 € brut par mois — À noter : Prime de 2022, en plus de la "
        "rémunération d'assistant, que les textes relevés ne donnent pas. Depuis décembre 2025, l'aide est fusionnée avec celle des "
        f"chefs de clinique en région, sans montant relevé : {outdated}\n"
    ) in combien
    funding = next(line for line in combien.splitlines() if line.startswith("- Financement — Région Hauts-de-France"))
    assert funding.startswith(f"- Financement — Région Hauts-de-France : 500 € par mois × 24 mois = 12{nnbsp}000 € — ")
    assert "— À noter : Montant brut de 2022" in funding and "primes pour 12 mois d'exercice" in funding and funding.endswith(outdated)
    # « En bref » sends to the caveat; the 24 months a text gives are never called « non précisée »
    assert "- **Combien ?** : rémunération : 500 € brut par mois (voir la remarque dans « Combien ? ») ; financement :" in atp
    assert "- **Durée** : 24 mois de financement, versé par Région Hauts-de-France (voir la remarque dans « Combien ? »)\n" in atp
    assert "non précisée par les textes" not in atp.split("## Conditions", 1)[0]
    assert "| 24 mois de financement, versé par Région Hauts-de-France |" in pages["regions/hauts-de-france/index.md"]
    # a duration, a share and a date with their caveats
    aumg = pages["regions/ile-de-france/aumg.md"]
    assert "- **Durée** : 24 mois, renouvelable 1 fois 12 mois (voir la remarque dans « Conditions »)\n" in aumg
    assert "- Durée du contrat : 24 mois, renouvelable 1 fois 12 mois — À noter : « Renouvelable pour une période d'1 an »" in aumg
    assert (
        "- Établissement de santé périphérique : au moins 60 % du temps — À noter : La page « Le Post-Internat en Normandie »"
        in (pages["regions/normandie/asr.md"])
    )
    assert (
        "- Date limite de dépôt des candidatures : 15 octobre 2022 — À noter : La page ne dit pas si le 15 octobre est inclus.\n"
        in (pages["regions/martinique/asp.md"])
    )


def test_no_total_without_a_length_and_no_unstated_length_with_a_total(tmp_path: Path) -> None:
    lay_case("valid", "dates-guillemets", tmp_path)
    path = tmp_path / "regions/corse/dispositifs/partage.yaml"
    text = path.read_text(encoding="utf-8").replace("duree: {mois: 24, source: page-regionale, extrait: Deux ans.}\n", "")
    text = text.replace(
        "    source: page-regionale\n    extrait: Financement.",
        "    montant: {valeur: 1000, periode: mois}\n    source: page-regionale\n    extrait: Financement.\n    note: Montant de 2020.",
        1,
    )
    path.write_text(text, encoding="utf-8")
    page = render_pages(tmp_path / "regions", day=BUILD_DAY)["regions/corse/partage.md"]
    assert "- **Durée** : non précisée par les textes\n" in page and "×" not in page
    assert "1\u202f000 € par mois, versés par ARS (FIR) (voir la remarque dans « Combien ? »)" in page
    assert "- ARS (FIR) : 1\u202f000 € par mois ; prise en charge de 60 % — À noter : Montant de 2020.\n" in page
    path.write_text(
        text.replace("montant: {valeur: 1000, periode: mois}", "montant: {valeur: 1000, periode: mois}\n    duree_mois: 12"),
        encoding="utf-8",
    )
    page = render_pages(tmp_path / "regions", day=BUILD_DAY)["regions/corse/partage.md"]
    assert "- **Durée** : 12 mois de financement, versé par ARS (voir la remarque dans « Combien ? »)\n" in page
    assert "1\u202f000 € par mois × 12 mois = 12\u202f000 €" in page


def test_combien_starts_with_the_pay_the_texts_give(pages: dict[str, str]) -> None:
    nnbsp = "\u202f"
    astp = pages["regions/provence-alpes-cote-d-azur/astp.md"]
    combien = astp.split("## Combien ?", 1)[1].split("## ", 1)[0]
    salary = f"37{nnbsp}945 € brut par an"
    # the yearly amount as the text gives it, then its total over the 24 months of the contract
    assert (
        f"- **Combien ?** : rémunération : {salary}, hors prime d'exercice territorial (et 4 autres montants ci-dessous ; voir la remarque dans « Combien ? ») ; financement :"
        in astp
    )
    first = combien.strip().splitlines()[0]
    assert first == (
        f"- Rémunération — Rémunération de l'assistant à temps partagé : {salary}, hors prime d'exercice territorial, "
        f"soit 75{nnbsp}890 € brut sur 24 mois — À noter : Montant de la page mise à jour le 02/05/2024 ; aucun texte relevé ne dit s'il est toujours en vigueur."
    )
    assert "(1 demi-journée par semaine hors du site principal d'exercice) : 250 € brut par mois" in combien
    # the pay comes before the funding lines, which stay
    assert combien.index("Rémunération —") < combien.index("- Financement — montant versé : non précisé par les textes.")
    assert "- Financement — ARS Provence-Alpes-Côte d'Azur : prise en charge de 80 %" in combien
    # a monthly figure computed from a yearly one is never shown
    assert f"3{nnbsp}162" not in astp
    # shown once in « En bref », once in « Combien ? », nowhere else
    assert astp.count(f"37{nnbsp}945") == 2 and combien.count(f"37{nnbsp}945") == 1


def test_commune_lists_give_every_commune_of_the_region_and_its_zones(pages: dict[str, str]) -> None:
    import json

    normandie = json.loads(pages["donnees/communes/normandie.json"])
    rows = {code: (nom, dep) for code, nom, dep in normandie["communes"]}
    assert rows["61001"] == ("Alençon", "61") and rows["14118"] == ("Caen", "14")
    assert {dep for _nom, dep in rows.values()} == {"14", "27", "50", "61", "76"}
    assert normandie["zones"] == {}  # no commune list in the Normandy zoning yet

    from postinternat_config.simulateur import commune_index

    region = {"region": "x", "code": "28", "zonage": {"communes": {"61001": ["ZIP"]}, "categories_listees": ["ZIP"]}}
    data = json.loads(commune_index(region))
    assert data["zones"] == {"61001": ["ZIP"]} and data["categories_listees"] == ["ZIP"]


def test_a_zone_condition_inside_a_combinator_marks_its_lieux_for_the_commune_search() -> None:
    pages = render_pages(ROOT / "regions", VECTORS, date(2026, 12, 2))
    # Île-de-France ville/hôpital: « au moins une » of two zone conditions, one per lieu
    page = pages["regions/ile-de-france/assistants-ville-hopital.md"]
    assert '<fieldset data-role="hospitalier" data-zone-exigee="1">' in page
    assert '<fieldset data-role="ville" data-zone-exigee="1">' in page
    assert '<fieldset data-role="dumg">' in pages["regions/ile-de-france/aumg.md"]  # no zone there


def test_a_lieu_with_only_a_maximum_counts_structures_as_the_engine_does(tmp_path: Path) -> None:
    """« nombre: {max: 1} »: the engine wants at least one structure (min 1 unless said), so the
    page says « une structure », not « au plus une structure »; « min: 0 » says « au plus »."""
    shutil.copytree(ROOT / "tests" / "examples" / "base", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "regions/corse/dispositifs/partage.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    types: [ch]\n", "    types: [ch]\n    nombre: {max: 1}\n", 1)
    text = text.replace("    types: [chu]\n", "    types: [chu]\n    nombre: {min: 0, max: 1}\n", 1)
    path.write_text(text, encoding="utf-8")
    page = render_pages(tmp_path / "regions", None, BUILD_DAY)["regions/corse/partage.md"]
    assert ": Centre hospitalier (une structure)\n" in page
    assert ": Centre hospitalier universitaire (au plus une structure)\n" in page
