"""The typed domain layer: one rule per fact (campaign dates, the campaign a dispositif is read in,
dated values, merged sources, lieu labels)."""

from __future__ import annotations

from datetime import date

from postinternat_config.domain import (
    Campaign,
    application_state,
    figure_to_confirm,
    is_series,
    item_at,
    latest_campaign_opening,
    lieu_labels,
    value_at,
)


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


def test_remembered_intervals_tell_equal_values_of_other_types_apart() -> None:
    from postinternat_config.dates import interval

    assert interval({"annee": 2025}) == (date(2025, 1, 1), date(2025, 12, 31))
    assert interval({"annee": 2025.0}) is None  # equal to 2025 for Python, but no year
    assert interval({"mois": ["2025-03"]}) is None  # unhashable: read, not remembered
    assert interval({"mois": "2025-03", "precision": "fin"}) == (date(2025, 3, 21), date(2025, 3, 31))
    assert interval({"mois": "2025-03", "precision": "fin", "libelle": "x"}) == (date(2025, 3, 21), date(2025, 3, 31))


def test_application_state_at_a_date() -> None:
    campaign = {
        "id": "2026",
        "dispositifs": [{"id": "asr"}, {"id": "mg", "calendrier_non_applicable": {"elements": ["date_limite", "prises_de_poste"]}}],
        "calendrier": {
            "ouverture": {"mois": "2025-12", "precision": "debut"},
            "date_limite": {"date": "2026-02-14", "incluse": True},
            "prises_de_poste": [{"mois": "2026-11"}],
        },
    }
    state = lambda dispositif, day: application_state(campaign, dispositif, day).state  # noqa: E731
    assert state("asr", date(2025, 11, 30)) == "annoncee"
    assert state("asr", date(2025, 12, 1)) == "ouverte"
    assert state("asr", date(2026, 2, 14)) == "ouverte"  # the deadline day is included
    assert state("asr", date(2026, 2, 15)) == "close"
    excluded = {**campaign, "calendrier": {**campaign["calendrier"], "date_limite": {"date": "2026-02-14", "incluse": False}}}
    assert application_state(excluded, "asr", date(2026, 2, 14)).state == "close"
    assert application_state(campaign, "asr", date(2026, 2, 15)).proof == ("date_limite", {"date": "2026-02-14", "incluse": True})
    # without a date of the campaign that applies to it, never closed: not by the dates of the other
    # dispositifs, nor by the campaign's end (the date ``outdated`` checks), nor by its period
    assert state("mg", date(2026, 6, 1)) == "en_cours"
    assert Campaign(campaign).end() == date(2026, 11, 30)
    assert state("mg", date(2026, 12, 1)) == "en_cours" and state("mg", date(2030, 1, 1)) == "en_cours"
    assert application_state(campaign, "mg", date(2030, 1, 1)).closes is None
    assert application_state(campaign, "mg", date(2030, 1, 1)).proof is None
    # without a deadline, the start of the posts closes the applications
    aumg = {"id": "2025-2027", "dispositifs": [{"id": "aumg"}], "calendrier": {"prises_de_poste": [{"date": "2025-11-01"}]}}
    assert application_state(aumg, "aumg", date(2025, 11, 1)).state == "en_cours"
    assert application_state(aumg, "aumg", date(2025, 11, 2)).state == "close"
    assert application_state(aumg, "aumg", date(2025, 11, 2)).closes == date(2025, 11, 1)
    assert application_state(aumg, "aumg", date(2025, 11, 2)).proof == ("prises_de_poste", {"date": "2025-11-01"})
    # ... or the first selection step, when it comes first
    jury = {**aumg, "calendrier": {**aumg["calendrier"], "commission": {"annee": 2025, "saison": "ete", "precision": "avant"}}}
    assert application_state(jury, "aumg", date(2025, 7, 1)).proof == ("commission", jury["calendrier"]["commission"])


def test_a_figure_without_the_texts_words_is_to_confirm() -> None:
    assert figure_to_confirm({"id": "fir", "financeur": "ARS", "part": 70, "source": "s", "note": "relevé sur une page"})
    assert figure_to_confirm({"id": "aide", "financeur": "ARS", "montant": {"valeur": 3500, "periode": "unique"}, "source": "s"})
    assert not figure_to_confirm({"id": "ars", "financeur": "ARS", "part": 100, "source": "s", "extrait": "en totalité"})
    assert not figure_to_confirm({"id": "migac", "financeur": "État", "source": "s", "note": "ni part ni montant"})  # no figure


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
