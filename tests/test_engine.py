"""The evaluation engine on small synthetic rules: every condition type, three-valued logic,
structure assignment, deadline, priorities and funding."""

from __future__ import annotations

from typing import Any

import pytest

from postinternat_config.engine import Compiled, choose_campaign, deadline, funding, pay, value_at
from postinternat_config.explain import pay_text

REGION: dict[str, Any] = {
    "zonage": {"categories": ["ZIP", "ZAC", "QPV"], "categories_listees": ["ZIP", "ZAC"], "communes": {"61001": ["ZIP"], "14118": ["ZAC"]}},
}


def rules(*conditions: dict[str, Any], **extra: Any) -> dict[str, Any]:
    numbered = [dict(c, id=c.get("id", f"c{i}")) for i, c in enumerate(conditions)]
    return {
        "region": "test",
        "dispositif": "d",
        "nom": "D",
        "conditions": numbered,
        "a_verifier": [],
        "priorites": [],
        "financement": [],
        "campagnes": [],
        **extra,
    }


def evaluate(r: dict[str, Any], candidat: dict[str, Any] | None = None, projet: dict[str, Any] | None = None) -> Any:
    return Compiled.of(r, REGION).evaluate(candidat or {}, projet or {})


def statuses(e: Any) -> list[str]:
    return [r.status for r in e.results]


@pytest.mark.parametrize(
    ("mode", "spec", "expected"),
    [
        ("parmi", "medecine-generale", "ok"),
        ("parmi", "pediatrie", "ko"),
        ("parmi", None, "inconnu"),
        ("hors", "medecine-generale", "ko"),
        ("hors", "pediatrie", "ok"),
    ],
)
def test_specialite(mode: str, spec: str | None, expected: str) -> None:
    candidat = {"specialite": spec} if spec else {}
    e = evaluate(rules({"type": "specialite", "mode": mode, "des": ["medecine-generale"]}), candidat)
    assert statuses(e) == [expected]
    assert e.verdict == {"ok": "eligible", "ko": "non_eligible", "inconnu": "a_completer"}[expected]


@pytest.mark.parametrize(("months", "expected"), [(24, "ok"), (36, "ok"), (37, "ko"), (None, "inconnu")])
def test_duree_with_renewal(months: int | None, expected: str) -> None:
    projet = {"duree_mois": months} if months else {}
    assert statuses(evaluate(rules({"type": "duree", "mois": 24, "max_mois": 36}), projet=projet)) == [expected]


def test_lieu_count_type_and_family() -> None:
    lieu = {"type": "lieu", "role": "hopital", "types": ["es_public"], "min": 1, "max": 1}
    assert statuses(evaluate(rules(lieu), projet={"structures": [{"role": "hopital", "type": "ch"}]})) == ["ok"]  # ch is an es_public
    assert statuses(evaluate(rules(lieu), projet={"structures": [{"role": "hopital", "type": "msp"}]})) == ["ko"]
    assert statuses(evaluate(rules(lieu), projet={"structures": [{"role": "hopital"}]})) == ["inconnu"]
    two = {"structures": [{"role": "hopital", "type": "ch"}, {"role": "hopital", "type": "chu"}]}
    assert statuses(evaluate(rules(lieu), projet=two)) == ["ko"]
    assert statuses(evaluate(rules(lieu), projet={"structures": [{"role": "autre", "type": "msp"}]})) == ["ko"]
    assert statuses(evaluate(rules(lieu), projet={})) == ["inconnu"]


def test_structures_without_role_are_attached_by_type_empty_lieux_first() -> None:
    r = rules(
        {"type": "lieu", "role": "a", "types": ["es_public"]},
        {"type": "lieu", "role": "b", "types": ["es_public"]},
        {"type": "lieu", "role": "c", "types": ["msp"]},
    )
    e = evaluate(r, projet={"structures": [{"type": "ch"}, {"type": "chu"}, {"type": "msp"}, {"type": "pmi"}]})
    assert statuses(e) == ["ok", "ok", "ok"]
    assert [i for i, _s in e.facts.by_role["a"]] == [0] and [i for i, _s in e.facts.by_role["b"]] == [1]
    assert e.facts.unassigned == [3]


@pytest.mark.parametrize(
    ("cond", "value", "expected"),
    [
        ({"min": 60}, 60, "ok"),
        ({"min": 60}, 59.9, "ko"),
        ({"max": 40}, 40, "ok"),
        ({"max": 40}, 41, "ko"),
        ({"valeur": 50}, 50, "ok"),
        ({"valeur": 50}, 49, "ko"),
        ({"valeurs": [40, 50, 60]}, 50, "ok"),
        ({"valeurs": [40, 50, 60]}, 45, "ko"),
        ({"min": 30}, None, "inconnu"),
    ],
)
def test_quotite(cond: dict[str, Any], value: float | None, expected: str) -> None:
    structure: dict[str, Any] = {"role": "h", "type": "ch"}
    if value is not None:
        structure["quotite"] = value
    r = rules({"type": "quotite", "role": "h", **cond})
    assert statuses(evaluate(r, projet={"structures": [structure]})) == [expected]


def test_quotite_adds_up_structures_of_one_role_and_demi_journees() -> None:
    r = rules({"type": "quotite", "role": "p", "max": 50}, {"type": "demi_journees", "role": "p", "min": 4, "max": 6})
    e = evaluate(
        r, projet={"structures": [{"role": "p", "quotite": 30, "demi_journees": 2}, {"role": "p", "quotite": 30, "demi_journees": 3}]}
    )
    assert statuses(e) == ["ko", "ok"]
    assert e.results[0].outcome.value == 60


@pytest.mark.parametrize(
    ("structure", "expected"),
    [
        ({"commune": "61001"}, "ok"),  # listed in ZIP
        ({"commune": "14118"}, "ko"),  # listed, but in ZAC only
        ({"commune": "50502"}, "ko"),  # ZIP has a complete list and the commune is not on it
        ({"commune": "50502", "zone": "ZIP"}, "ok"),
        ({}, "inconnu"),
    ],
)
def test_zone_from_lists_then_declared(structure: dict[str, Any], expected: str) -> None:
    r = rules({"type": "zone", "role": "v", "categories": ["ZIP"]})
    assert statuses(evaluate(r, projet={"structures": [{"role": "v", **structure}]})) == [expected]


def test_zone_without_list_needs_a_declaration() -> None:
    r = rules({"type": "zone", "role": "v", "categories": ["QPV"]})
    assert statuses(evaluate(r, projet={"structures": [{"role": "v", "commune": "50502"}]})) == ["inconnu"]
    assert statuses(evaluate(r, projet={"structures": [{"role": "v", "commune": "50502", "zone": "QPV"}]})) == ["ok"]


@pytest.mark.parametrize(
    ("end", "start", "expected"),
    [
        ("2020-11-01", "2025-11-01", "ok"),
        ("2020-10-31", "2025-11-01", "ko"),
        ("2024-02-29", "2029-02-28", "ok"),
        (None, "2025-11-01", "inconnu"),
    ],
)
def test_years_since_end_of_internship(end: str | None, start: str, expected: str) -> None:
    candidat = {"fin_internat": end} if end else {}
    r = rules({"type": "annees_depuis_fin_internat", "max": 5})
    assert statuses(evaluate(r, candidat, {"debut": start})) == [expected]


@pytest.mark.parametrize(("registered", "expected"), [("2025-11-01", "ok"), ("2025-11-02", "ko"), (None, "inconnu")])
def test_ordre_registration_by_a_day_of_the_start_year(registered: str | None, expected: str) -> None:
    candidat = {"inscription_ordre": registered} if registered else {}
    r = rules({"type": "inscription_ordre", "au_plus_tard": "11-01"})
    assert statuses(evaluate(r, candidat, {"debut": "2025-11-01"})) == [expected]


def test_des_obtenu() -> None:
    r = rules({"type": "des_obtenu", "des": ["medecine-generale"]})
    assert statuses(evaluate(r, {"specialite": "medecine-generale", "date_des": "2024-10-01"}, {"debut": "2025-11-01"})) == ["ok"]
    assert statuses(evaluate(r, {"specialite": "medecine-generale", "date_des": "2026-01-01"}, {"debut": "2025-11-01"})) == ["ko"]
    assert statuses(evaluate(r, {"specialite": "medecine-generale"}, {"debut": "2025-11-01"})) == ["inconnu"]
    assert statuses(evaluate(r, {"specialite": "pediatrie"}, {})) == ["ko"]


def test_departement_and_type_of_structures() -> None:
    r = rules({"type": "departement_structure", "lieu": "p", "valeurs": ["61", "2A"]}, {"type": "type_structure", "valeurs": ["es_public"]})
    ok = {"structures": [{"role": "p", "type": "ch", "commune": "61001"}]}
    assert statuses(evaluate(rules({"type": "lieu", "role": "p"}, *r["conditions"]), projet=ok))[1:] == ["ok", "ok"]
    corsica = {"structures": [{"role": "p", "type": "msp", "commune": "2A004"}]}
    assert statuses(evaluate(rules({"type": "lieu", "role": "p"}, *r["conditions"]), projet=corsica))[1:] == ["ok", "ko"]
    elsewhere = {"structures": [{"role": "p", "type": "ch", "commune": "14118"}]}
    assert statuses(evaluate(rules({"type": "lieu", "role": "p"}, *r["conditions"]), projet=elsewhere))[1:] == ["ko", "ok"]


def _leaf(kind: str) -> dict[str, Any]:
    return {"type": "specialite", "mode": "parmi", "des": [kind]}


@pytest.mark.parametrize(
    ("combinator", "children", "spec", "expected"),
    [
        ("tous", ["a", "a"], "a", "ok"),
        ("tous", ["a", "b"], "a", "ko"),
        ("tous", ["a", "b"], None, "inconnu"),
        ("au_moins_un", ["a", "b"], "b", "ok"),
        ("au_moins_un", ["a", "b"], "c", "ko"),
        ("au_moins_un", ["a", "b"], None, "inconnu"),
        ("aucun", ["a", "b"], "c", "ok"),
        ("aucun", ["a", "b"], "a", "ko"),
        ("aucun", ["a", "b"], None, "inconnu"),
    ],
)
def test_combinators(combinator: str, children: list[str], spec: str | None, expected: str) -> None:
    cond = {"type": combinator, "conditions": [dict(_leaf(k), id=f"x{i}") for i, k in enumerate(children)]}
    e = evaluate(rules(cond), {"specialite": spec} if spec else {})
    assert statuses(e) == [expected]
    if expected == "inconnu":
        assert e.missing == ("specialite",)


def test_every_result_has_a_french_sentence_naming_the_value_and_the_threshold() -> None:
    e = evaluate(
        rules({"type": "quotite", "role": "h", "libelle": "Hôpital", "min": 60}), projet={"structures": [{"role": "h", "quotite": 50}]}
    )
    assert e.results[0].message == "Quotité au lieu « Hôpital » : 50 %, alors qu'il faut au moins 60 %."


CAMPAIGN = {"id": "2025", "dispositifs": ["d"], "date_limite": {"date": "2025-02-14", "incluse": True}, "prises_de_poste": []}


@pytest.mark.parametrize(
    ("sent", "inclusive", "expected"),
    [
        ("2025-02-13", None, "a_temps"),
        ("2025-02-14", True, "a_temps"),
        ("2025-02-14", False, "en_retard"),
        ("2025-02-14", None, "inconnu"),
        ("2025-02-15", True, "en_retard"),
        (None, True, "inconnu"),
    ],
)
def test_deadline(sent: str | None, inclusive: bool | None, expected: str) -> None:
    campagne = dict(CAMPAIGN, date_limite={"date": "2025-02-14", **({"incluse": inclusive} if inclusive is not None else {})})
    projet = {"date_candidature": sent} if sent else {}
    assert deadline(campagne, projet)["statut"] == expected


def test_campaign_choice_and_funding_read_at_the_start_date() -> None:
    r = rules(
        campagnes=[dict(CAMPAIGN, id="2024"), CAMPAIGN],
        financement=[
            {
                "id": "a",
                "financeur": "ARS",
                "part": {
                    "valeurs": [{"depuis": "2024-01-01", "jusqu_au": "2024-12-31", "valeur": 50}, {"depuis": "2025-01-01", "valeur": 60}]
                },
            },
            {"id": "b", "financeur": "ARS", "montant": {"valeur": 2100, "periode": "mois"}},
        ],
    )
    assert choose_campaign(r, {"debut": "2024-11-01"})["id"] == "2024"
    assert choose_campaign(r, {"debut": "2026-11-01"})["id"] == "2025"
    assert choose_campaign(r, {"campagne": "2024"})["id"] == "2024"
    items = funding(r, None, {"debut": "2025-11-01", "duree_mois": 24})
    assert (items[0]["part"], items[1]["montant"], items[1]["total"]) == (60, 2100, 50400)
    assert funding(r, None, {"debut": "2024-06-01"})[0]["part"] == 50
    assert value_at({"valeurs": [{"depuis": "2025-01-01", "valeur": 1}]}, None) is None


def test_priorities() -> None:
    r = rules(
        {"type": "lieu", "role": "p"},
        priorites=[
            {"id": "orne", "libelle": "Orne", "type": "departement_structure", "lieu": "p", "valeurs": ["61"]},
            {"id": "ght", "libelle": "GHT", "type": "type_structure", "lieu": "p", "valeurs": ["etablissement_support_ght"]},
            {"id": "spec", "libelle": "Spécialités", "type": "specialites", "valeurs": []},
        ],
    )
    e = evaluate(r, projet={"structures": [{"role": "p", "type": "ch", "commune": "61001"}]})
    assert [p["statut"] for p in e.priorites()] == ["remplie", "a_apprecier", "a_apprecier"]


def test_funding_without_start_date_is_read_at_the_campaign_reference_date() -> None:
    """Without a project start, funding is read at the campaign's reference date, by the same
    rule as diff and the site (its first start date here): it used to be left unread (None)."""
    rules = {
        "financement": [
            {
                "id": "aide",
                "financeur": "ARS",
                "montant": {
                    "valeur": {
                        "valeurs": [
                            {"depuis": "2023-01-01", "jusqu_au": "2025-06-30", "valeur": 2000},
                            {"depuis": "2025-07-01", "valeur": 2100},
                        ]
                    },
                    "periode": "mois",
                },
            }
        ]
    }
    campagne = {"id": "2025", "dispositifs": ["x"], "prises_de_poste": [{"mois": "2025-11"}, {"mois": "2026-05"}]}
    [entry] = funding(rules, campagne, {"duree_mois": 24})
    assert (entry["montant"], entry["total"], entry["date_lecture"]) == (2100, 50400, "2025-11-01")
    [entry] = funding(rules, {"id": "2025", "dispositifs": ["x"]}, {})
    assert (entry["montant"], entry["date_lecture"]) == (2000, "2025-01-01")


def test_pay_is_read_at_the_start_and_says_gross_only_when_the_text_does() -> None:
    rules = {
        "remuneration": [
            {
                "id": "salaire",
                "libelle": "Salaire",
                "montant": {
                    "valeur": {
                        "valeurs": [
                            {"depuis": "2024-01-01", "jusqu_au": "2024-12-31", "valeur": 2000, "source": "s"},
                            {"depuis": "2025-01-01", "valeur": 2100, "source": "s"},
                        ]
                    },
                    "periode": "mois",
                },
                "source": "s",
            },
            {"id": "bourse", "libelle": "Bourse", "montant": {"valeur": 3000, "periode": "unique"}, "brut": False, "source": "s"},
        ]
    }
    items = pay(rules, None, {"debut": "2025-11-01", "duree_mois": 12})
    assert items[0]["montant"] == 2100 and items[0]["total"] == 25200 and "brut" not in items[0]
    assert pay_text(items[0]) == "Salaire : 2\u202f100 € par mois, soit 25\u202f200 € sur 12 mois"
    assert pay_text(items[1]) == "Bourse : 3\u202f000 € net en une fois" and "total" not in items[1]
    # no start date and no campaign: a dated amount cannot be read, and is not invented
    assert pay_text(pay(rules, None, {})[0]) == "Salaire : montant non précisé par les textes"
