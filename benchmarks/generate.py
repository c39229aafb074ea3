"""Generate a synthetic national-scale dataset: the 18 regions, 8 programmes each, two campaigns,
and a zoning that lists every commune of each region (about 35,000 communes in all).

The programmes are variations of a realistic shape; the figures are synthetic and marked as such.
Deterministic: the same command writes the same bytes.

    python benchmarks/generate.py OUTPUT_DIR
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

from postinternat_config import referentiel

FAMILLES = [
    "assistant_partage_etablissements",
    "assistant_ville_hopital",
    "mg_temps_partage_400mg",
    "mg_salarie_400mg",
    "aumg",
    "assistant_douleur_soins_palliatifs",
    "assistant_mixte_liberal",
    "assistant_partage_etablissements",
]


def slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


def dispositif(i: int, region_deps: list[str]) -> str:
    dep = region_deps[i % len(region_deps)]
    low = 40 + 10 * (i % 3)
    return f"""# yaml-language-server: $schema=../../../schemas/dispositif.schema.json
id: dispositif-{i}
nom: Dispositif synthétique n°{i}
sigle: DS{i}
famille: {FAMILLES[i % len(FAMILLES)]}
statut: ouvert
revue: 2026-11-24
sources: [page-synthetique]
description:
  texte: Dispositif synthétique pour les mesures de performance.
  source: page-synthetique
  extrait: Dispositif synthétique.
statuts:
  - {{code: assistant_specialiste, lieu: peripherique, source: page-synthetique, extrait: Assistant spécialiste.}}
duree: {{mois: 24, renouvellement: {{mois: 12, fois: 1}}, source: page-synthetique, extrait: Deux ans.}}
specialites: {{mode: toutes_sauf, des: [medecine-generale], source: page-synthetique, extrait: Toutes sauf la médecine générale.}}
lieux:
  - role: peripherique
    libelle: Établissement périphérique
    types: [ch, etablissement_support_ght]
    source: page-synthetique
    extrait: Un établissement périphérique.
    quotite: {{min: {low}, source: page-synthetique, extrait: Au moins {low} %.}}
  - role: ambulatoire
    libelle: Structure ambulatoire
    types: [msp, centre_sante, cabinet_liberal]
    source: page-synthetique
    extrait: Une structure ambulatoire.
    quotite: {{max: {100 - low}, source: page-synthetique, extrait: Au plus {100 - low} %.}}
    demi_journees: {{min: 4, max: 6, source: page-synthetique, extrait: Quatre à six demi-journées.}}
    zones: {{categories: [ZIP, ZAC], source: page-synthetique, extrait: En ZIP ou en ZAC.}}
eligibilite:
  - au_moins_un:
      - {{type: annees_depuis_fin_internat, max: 5, source: page-synthetique, extrait: Cinq ans.}}
      - {{type: des_obtenu, des: [medecine-generale], source: page-synthetique, extrait: DES obtenu.}}
  - {{type: inscription_ordre, au_plus_tard: "11-01", source: page-synthetique, extrait: Inscrit au 1er novembre.}}
a_verifier:
  - {{texte: Le projet professionnel est cohérent., source: page-synthetique, extrait: Projet cohérent.}}
priorites:
  - {{id: departement-prioritaire, libelle: Département prioritaire, type: departement_structure, lieu: peripherique, valeurs: ["{dep}"], source: page-synthetique, extrait: Priorité.}}
repartition_postes: {{entre: subdivisions, regle: prorata_internes, source: page-synthetique, extrait: Au prorata.}}
financement:
  - id: ars
    financeur: ARS
    fonds: FIR
    part: {{valeurs: [{{depuis: 2023-01-01, jusqu_au: 2024-12-31, valeur: 50, source: page-synthetique, extrait: 50 %.}}, {{depuis: 2025-01-01, valeur: 60, source: page-synthetique, extrait: 60 %.}}]}}
    objet: Coût du poste
    source: page-synthetique
    extrait: Financement.
  - id: aide
    financeur: ARS
    montant: {{valeur: 2100, periode: mois}}
    duree_mois: 24
    source: page-synthetique
    extrait: 2 100 euros par mois.
candidature: {{porteur: candidat, canal: courriel, adresse: contact@exemple.invalid, source: page-synthetique, extrait: Par courriel.}}
"""


def campagne(year: int, count: int = 8) -> str:
    ids = "\n".join(f"  - {{id: dispositif-{i}, source: page-synthetique, extrait: Ouvert.}}" for i in range(count))
    quotas = "\n".join(
        f"  - {{dispositif: dispositif-{i}, postes: {10 + i}, source: page-synthetique, extrait: Postes., "
        f"par_subdivision: [{{subdivision: nord, postes: {4 + i // 2}, source: page-synthetique, extrait: Nord.}}, "
        f"{{subdivision: sud, postes: inconnu, source: page-synthetique, extrait: Sud.}}]}}"
        for i in range(count)
    )
    return f"""# yaml-language-server: $schema=../../../schemas/campagne.schema.json
id: "{year}"
dispositifs:
{ids}
calendrier:
  ouverture: {{mois: "{year - 1}-12", source: page-synthetique, extrait: Décembre.}}
  date_limite: {{date: {year}-02-14, incluse: true, source: page-synthetique, extrait: 14 février inclus.}}
  commission: {{mois: "{year}-03", precision: fin, source: page-synthetique, extrait: Fin mars.}}
  prises_de_poste:
    - {{mois: "{year}-11", source: page-synthetique, extrait: Novembre.}}
    - {{mois: "{year + 1}-05", source: page-synthetique, extrait: Mai.}}
quotas:
{quotas}
sources: [page-synthetique]
revue: 2026-11-24
"""


def main(out: Path, dispositifs: int = 8) -> int:
    """Write the dataset in ``out``; ``dispositifs`` per region (8; 52 give about 1,000 files)."""
    regions = referentiel.regions()
    deps = referentiel.departements()
    communes = referentiel.communes()
    total_communes = 0
    for code, nom in sorted(regions.items()):
        folder = out / "regions" / slug(nom)
        (folder / "dispositifs").mkdir(parents=True, exist_ok=True)
        (folder / "campagnes").mkdir(parents=True, exist_ok=True)
        region_deps = sorted(d for d, (_n, r) in deps.items() if r == code)
        (folder / "region.yaml").write_text(
            "# yaml-language-server: $schema=../../schemas/region.schema.json\n"
            f'code: "{code}"\nnom: {nom}\nars: {{nom: ARS {nom}}}\n'
            f"departements: [{', '.join(repr(d).replace(chr(39), chr(34)) for d in region_deps)}]\n"
            "subdivisions:\n"
            "  - {id: nord, nom: Nord, source: page-synthetique, extrait: Subdivision.}\n"
            "  - {id: sud, nom: Sud, source: page-synthetique, extrait: Subdivision.}\n"
            "revue: 2026-11-24\n",
            encoding="utf-8",
        )
        (folder / "sources.yaml").write_text(
            "# yaml-language-server: $schema=../../schemas/sources.schema.json\n"
            "sources:\n  - {id: page-synthetique, titre: Page synthétique, emetteur: Générateur de test, type: page, revue: 2026-11-24}\n",
            encoding="utf-8",
        )
        zip_codes, zac_codes = [], []
        for commune in sorted(communes.values(), key=lambda c: c.code):
            if commune.region != code:
                continue
            (zip_codes if zlib.crc32(commune.code.encode()) % 3 == 0 else zac_codes).append(commune.code)
        total_communes += len(zip_codes) + len(zac_codes)

        def block(codes: list[str]) -> str:
            return "\n".join(f'    - "{c}"' for c in codes)

        (folder / "zonage.yaml").write_text(
            "# yaml-language-server: $schema=../../schemas/zonage.schema.json\n"
            'base_legale: {texte: "Code de la santé publique, article L1434-4, 1°", source: page-synthetique, extrait: Zonage.}\n'
            "categories:\n"
            "  - {code: ZIP, libelle: Zone d'intervention prioritaire, source: page-synthetique, extrait: ZIP.}\n"
            "  - {code: ZAC, libelle: Zone d'action complémentaire, source: page-synthetique, extrait: ZAC.}\n"
            f"communes:\n  ZIP:\n{block(zip_codes)}\n  ZAC:\n{block(zac_codes)}\n"
            "revue: 2026-11-24\n",
            encoding="utf-8",
        )
        for i in range(dispositifs):
            (folder / "dispositifs" / f"dispositif-{i}.yaml").write_text(dispositif(i, region_deps), encoding="utf-8")
        for year in (2025, 2026):
            (folder / "campagnes" / f"{year}.yaml").write_text(campagne(year, dispositifs), encoding="utf-8")
    print(f"{len(regions)} régions, {len(regions) * dispositifs} dispositifs, {total_communes} communes écrites dans {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/_data")))
