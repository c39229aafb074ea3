"""Inheritance from the national frame: keyed merge, replacement, removal, and where values come from."""

from __future__ import annotations

from postinternat_config.heritage import extend, own
from postinternat_config.yamlload import load_text

FRAME = """id: cadre
famille: aumg
duree: {mois: 24, source: n}
statuts:
  - {code: a, source: n}
  - {code: b, source: n}
lieux:
  - role: hopital
    types: [ch]
    quotite: {min: 40, source: n}
  - role: ville
    types: [msp]
"""

REGION = """id: region
etend: cadre
duree: {mois: 12}
statuts:
  - {code: b, _supprimer: true}
  - {code: c, source: r}
lieux:
  - role: ville
    types: [centre_sante]
  - role: absent
    _supprimer: true
"""


def test_extend_merges_by_key_replaces_lists_and_removes() -> None:
    frame, _ = load_text(FRAME, "cadre.yaml")
    region, _ = load_text(REGION, "region.yaml")
    assert frame is not None and region is not None
    eff = extend(frame, region)
    assert eff.data["duree"] == {"mois": 12, "source": "n"}
    assert [s["code"] for s in eff.data["statuts"]] == ["a", "c"]
    assert eff.data["lieux"][0] == {"role": "hopital", "types": ["ch"], "quotite": {"min": 40, "source": "n"}}
    assert eff.data["lieux"][1] == {"role": "ville", "types": ["centre_sante"]}
    assert eff.removals_missing == [("lieux", 1)]
    assert eff.data["id"] == "region" and eff.data["famille"] == "aumg"


def test_origin_points_at_the_file_that_wrote_the_value() -> None:
    frame, _ = load_text(FRAME, "cadre.yaml")
    region, _ = load_text(REGION, "region.yaml")
    assert frame is not None and region is not None
    eff = extend(frame, region)
    doc, path = eff.source_of(("lieux", 0, "quotite", "min"))
    assert doc is frame and path == ("lieux", 0, "quotite", "min")
    assert doc.locate(path) == (10, 20)
    doc, path = eff.source_of(("lieux", 1, "types", 0))
    assert doc is region and path == ("lieux", 0, "types", 0)
    doc, path = eff.source_of(("statuts", 1, "code"))
    assert doc is region and path == ("statuts", 1, "code")
    doc, path = eff.source_of(("duree", "source"))
    assert doc is frame


def test_own_is_identity() -> None:
    region, _ = load_text(REGION, "region.yaml")
    assert region is not None
    eff = own(region)
    assert eff.data is region.data and eff.source_of(("lieux", 0)) == (region, ("lieux", 0))


def test_pay_items_are_merged_by_id_like_fundings() -> None:
    frame_text = (
        FRAME
        + """remuneration:
  - {id: salaire, libelle: Salaire, montant: {valeur: 30000, periode: an}, brut: true, source: n, extrait: 30 000 € brut par an.}
  - {id: prime, libelle: Prime, montant: {valeur: 250, periode: mois}, source: n, extrait: 250 €.}
"""
    )
    region_text = (
        REGION
        + """remuneration:
  - {id: salaire, montant: {valeur: 31000, periode: an}, extrait: 31 000 € brut par an.}
  - {id: prime, _supprimer: true}
  - {id: bourse, libelle: Bourse, montant: {valeur: 1000, periode: unique}, source: r, extrait: 1 000 €., _ajout: true}
"""
    )
    frame, _ = load_text(frame_text, "cadre.yaml")
    region, _ = load_text(region_text, "region.yaml")
    assert frame is not None and region is not None
    eff = extend(frame, region)
    assert [(p["id"], p["montant"]["valeur"]) for p in eff.data["remuneration"]] == [("salaire", 31000), ("bourse", 1000)]
    assert eff.data["remuneration"][0]["brut"] is True and eff.data["remuneration"][0]["libelle"] == "Salaire"
    assert not [a for a in eff.unmarked_additions if a[0][0] == "remuneration"]  # « bourse » says _ajout
    doc, _path = eff.source_of(("remuneration", 0, "brut"))
    assert doc is frame
