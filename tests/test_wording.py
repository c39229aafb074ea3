"""One sentence per rule and one way to write numbers, money and dates, whichever command shows
them (site, compare, diff, evaluate, validate): the copies used to disagree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from postinternat_config.compare import describe_dispositif
from postinternat_config.diff_report import show
from postinternat_config.engine import Compiled

ORDRE = {"type": "inscription_ordre", "au_plus_tard": "11-01"}
ORDRE_TEXT = "inscription à l'Ordre des médecins au plus tard le 1er novembre de l'année de prise de poste"


def _dispositif(*eligibilite: dict[str, Any]) -> dict[str, Any]:
    return {"nom": "D", "lieux": [{"role": "ville", "libelle": "Cabinet de ville"}], "eligibilite": list(eligibilite)}


def test_compare_and_diff_write_the_ordre_rule_as_the_site_does() -> None:
    assert describe_dispositif(_dispositif(ORDRE), None)["conditions"] == ORDRE_TEXT  # was « inscrit à l'Ordre au 01/11 »
    assert show(ORDRE) == ORDRE_TEXT


def test_years_are_written_in_french() -> None:
    one = {"type": "annees_depuis_fin_internat", "min": 1, "max": 2.5}
    text = "prise de poste au moins 1 an et au plus 2,5 ans après la fin de l'internat"  # was « 1 ans », « 2.5 ans »
    assert show(one) == text
    assert describe_dispositif(_dispositif(one), None)["conditions"] == text


def test_compare_names_the_lieu_of_a_zone_rule_by_its_label() -> None:
    zone = {"type": "zone", "lieu": "ville", "valeurs": ["ZIP", "ZIP_PLUS"]}
    assert describe_dispositif(_dispositif(zone), None)["zones"] == "Cabinet de ville : en zone ZIP ou ZIP+"  # was « ville : ZIP, ZIP+ »
    assert show(zone, (), {"ville": "Cabinet de ville"}) == "Cabinet de ville : en zone ZIP ou ZIP+"  # was « ZIP ou ZIP_PLUS »


def test_diff_writes_money_with_a_thousands_separator() -> None:
    assert show(2100, ("financement", "montant", "valeur")) == "2\u202f100 €"  # was « 2100 € »
    assert show(12.5, ("lieux", "quotite", "min")) == "12,5 %"


def test_evaluation_explains_the_ordre_day_in_words() -> None:
    rules = {"conditions": [dict(ORDRE, id="o")], "priorites": [], "financement": [], "campagnes": []}
    result = Compiled.of(rules, {"zonage": {"communes": {}}}).evaluate({}, {"debut": "2025-11-01"}).results[0]
    assert result.message.endswith("au plus tard le 1er novembre de l'année de prise de poste.")  # was « le 01/11 »


def test_half_days_and_share_messages_use_a_decimal_comma() -> None:
    from postinternat_config.rules.quotite import _fmt

    assert _fmt(12.5) == "12,5 %"  # was « 12.5 % » in validate's messages
    rules = {
        "conditions": [{"id": "d", "type": "demi_journees", "role": "v", "libelle": "V", "min": 4.5}],
        "priorites": [],
        "financement": [],
        "campagnes": [],
    }
    message = (
        Compiled.of(rules, {"zonage": {"communes": {}}})
        .evaluate({}, {"structures": [{"role": "v", "demi_journees": 3.5}]})
        .results[0]
        .message
    )
    assert message == "Demi-journées par semaine au lieu « V » : 3,5, alors qu'il faut au moins 4,5."  # was « 3.5 », « 4.5 »


def test_zones_are_named_by_their_label_in_the_zonage_never_by_their_code() -> None:
    """A candidate reads « zone sous-dense », not ZONE_SOUS_DENSE: compare, the site and evaluate
    take the label from the region's zonage.yaml."""
    from postinternat_config.compare import compare, render_text
    from postinternat_config.site import render_pages

    root = Path(__file__).resolve().parent.parent
    text = render_text(compare(root / "regions", None, None))
    assert "en zone sous-dense ou quartier prioritaire de la politique de la ville" in text
    pages = render_pages(root / "regions")
    shown = [name for name, page in pages.items() if name.endswith(".md") and "en zone ZONE_" in page]
    assert "ZONE_" not in text and shown == []
