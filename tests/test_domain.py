"""The typed domain layer: one rule per fact (campaign dates, the campaign a dispositif is read in,
dated values, merged sources, lieu labels)."""

from __future__ import annotations

from datetime import date

from postinternat_config.domain import Campaign, is_series, item_at, latest_campaign_opening, lieu_labels, value_at


def test_campaign_years_and_reference_date_in_both_forms() -> None:
    yaml_form = {
        "id": "2025-2027",
        "dispositifs": [{"id": "aumg"}],
        "calendrier": {"prises_de_poste": [{"mois": "2026-05"}, {"date": "2025-11-02"}]},
    }
    rulebook_form = {"id": "2025-2027", "dispositifs": ["aumg"], "prises_de_poste": [{"mois": "2026-05"}, {"date": "2025-11-02"}]}
    for data in (yaml_form, rulebook_form):
        campaign = Campaign(data)
        assert list(campaign.years) == [2025, 2026, 2027]
        assert campaign.opens("aumg") and not campaign.opens("asr")
        assert campaign.reference_date() == date(2025, 11, 2)
        assert Campaign({**data, "date_reference": "2025-12-01"}).reference_date() == date(2025, 12, 1)
    # without start dates: the 1st of January, whatever the deadline
    assert Campaign({"id": "2024", "dispositifs": [], "calendrier": {"date_limite": {"date": "2024-02-16"}}}).reference_date() == date(
        2024, 1, 1
    )


def test_latest_campaign_opening_a_dispositif() -> None:
    campaigns = [
        {"id": "2024", "dispositifs": [{"id": "asr"}, {"id": "aumg"}]},
        {"id": "2025", "dispositifs": [{"id": "asr"}]},
        {"id": "2023", "dispositifs": [{"id": "aumg"}]},
    ]
    assert latest_campaign_opening(campaigns, "asr")["id"] == "2025"  # type: ignore[index]
    assert latest_campaign_opening(campaigns, "aumg")["id"] == "2024"  # type: ignore[index]
    assert latest_campaign_opening(campaigns, "autre") is None


def test_dated_values_at_a_date() -> None:
    series = {
        "valeurs": [
            {"depuis": "2023-01-01", "jusqu_au": "2024-12-31", "valeur": 2000, "source": "a"},
            {"depuis": "2025-01-01", "valeur": 2100, "source": "b"},
        ]
    }
    assert is_series(series) and not is_series(2100)
    assert value_at(series, date(2024, 6, 1)) == 2000 and value_at(series, date(2025, 1, 1)) == 2100
    assert value_at(series, date(2022, 1, 1)) is None and value_at(series, None) is None
    assert value_at(60, None) == 60
    assert item_at(series, date(2025, 3, 1))["source"] == "b"  # type: ignore[index]


def test_lieu_labels() -> None:
    assert lieu_labels({"lieux": [{"role": "peripherique", "libelle": "Établissement périphérique"}, {"role": "ambulatoire"}]}) == {
        "peripherique": "Établissement périphérique",
        "ambulatoire": "ambulatoire",
    }


def test_campaign_rules_apply_to_the_dispositifs_they_name() -> None:
    campaign = Campaign(
        {
            "id": "2025",
            "dispositifs": [{"id": "asr"}, {"id": "mg"}],
            "regles": [
                {"texte": "Toute la campagne."},
                {"texte": "La commission classe.", "dispositifs": ["asr"]},
                {"texte": "Pas en séance.", "dispositifs": ["mg"]},
            ],
        }
    )
    assert [r["texte"] for r in campaign.rules_for("asr")] == ["Toute la campagne.", "La commission classe."]
    assert [r["texte"] for r in campaign.rules_for("mg")] == ["Toute la campagne.", "Pas en séance."]
    assert Campaign({"id": "2024", "dispositifs": []}).rules_for("asr") == []
