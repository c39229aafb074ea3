"""The site's generated Markdown (golden files), escaping, calendars, and the atomic build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import lay_case

from postinternat_config import site as site_module
from postinternat_config.paths import VECTORS
from postinternat_config.problems import PostinternatError
from postinternat_config.site import build_site, ics, render_pages

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "site"
PAGES = [
    "index.md",
    "regions/normandie/index.md",
    "regions/normandie/asr.md",
    "regions/ile-de-france/aumg.md",
    "comparaisons/assistant_ville_hopital.md",
    "calendrier.md",
    "ou-suis-je-eligible.md",
    "donnees/calendrier-normandie.ics",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(ROOT / "regions", VECTORS)


@pytest.mark.parametrize("name", PAGES)
def test_golden_pages(name: str, pages: dict[str, str], update_goldens: bool) -> None:
    golden = GOLDEN / name
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(pages[name].encode("utf-8"))
    assert pages[name].encode("utf-8") == golden.read_bytes()


def test_rendering_is_deterministic(pages: dict[str, str]) -> None:
    again = render_pages(ROOT / "regions", VECTORS)
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
            "## Rémunération et financement",
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
