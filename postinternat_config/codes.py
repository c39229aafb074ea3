"""Every problem code the tool reports, in one registry: what it means, how to fix it, which command
reports it, and an example line taken from the example cases (tests/examples/invalid/<cas>/attendu.txt;
a test checks that the line is really produced there).

The README table (between its ``codes`` markers), the site's « Messages de l'outil » page and
``postinternat codes`` are all generated from :data:`REGISTRY`; a test fails when the README drifts,
and another reads the package's source to check that every code it can emit is registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

GROUPS: dict[str, tuple[str, str]] = {
    # group: (title, which command reports these codes)
    "lecture": ("Lecture des fichiers (tous les fichiers YAML que l'outil lit)", "validate"),
    "schema": ("Schémas", "validate"),
    "regle": ("Règles de cohérence (une règle par module de postinternat_config/rules/)", "validate"),
    "candidats": ("Fichiers de candidats", "evaluate"),
    "quotas": ("Effectifs d'internes", "quotas --internes"),
    "zonage": ("Import du zonage", "zonage import"),
    "revision": ("Révision des données", "outdated"),
}


@dataclass(frozen=True)
class Code:
    """One problem code: its group (a key of :data:`GROUPS`), meaning, fix, and example."""

    code: str
    group: str
    meaning: str
    fix: str
    cas: str | None = None  # the example case in tests/examples/invalid/
    exemple: str | None = None  # one line of that case's attendu.txt

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "groupe": self.group, "signification": self.meaning, "correction": self.fix, "exemple": self.exemple}


REGISTRY: tuple[Code, ...] = (
    Code(
        "yaml-syntaxe",
        "lecture",
        "Le YAML est illisible : indentation, deux-points, guillemet non fermé, tabulation, plusieurs documents.",
        "Un texte qui contient « : » (deux-points suivi d'une espace) s'écrit entre guillemets ; un guillemet à l'intérieur d'un texte s'écrit « » ; indentez avec des espaces.",
        cas="syntaxe-deux-points",
        exemple="regions/corse/dispositifs/partage.yaml:3:26: [yaml-syntaxe] « : » suivi d'une espace sépare une clé de sa valeur ; un texte qui contient « : » doit être écrit entre guillemets (ou l'indentation est à corriger)",
    ),
    Code(
        "yaml-cle-dupliquee",
        "lecture",
        "Une clé apparaît deux fois dans le même bloc : YAML garderait la seconde en silence.",
        "Supprimez ou renommez l'une des deux (les deux lignes sont données).",
        cas="cle-dupliquee",
        exemple="regions/corse/dispositifs/partage.yaml:10:1: [yaml-cle-dupliquee] la clé « statut » est présente deux fois dans ce bloc (première occurrence ligne 9) ; supprimez ou renommez l'une des deux",
    ),
    Code(
        "yaml-alias",
        "lecture",
        "Ancre (&), alias (*) ou clé de fusion (<<) : refusés dans ces fichiers.",
        "Recopiez la valeur à chaque endroit.",
        cas="alias-milliard",
        exemple="regions/corse/dispositifs/partage.yaml:7:4: [yaml-alias] ancre « &a » non autorisée : les ancres et alias sont refusés dans ces fichiers",
    ),
    Code(
        "yaml-booleen",
        "lecture",
        "yes, no, on, off non guillemetés sont lus comme vrai/faux.",
        'Écrivez la valeur entre guillemets ("no").',
        cas="booleen-yaml11",
        exemple='regions/corse/dispositifs/partage.yaml:31:12: [yaml-booleen] financement › « ars » › fonds : « no » est lu comme un booléen (faux) en YAML, alors qu\'il faut un texte ; écrivez-le entre guillemets : "no"',
    ),
    Code(
        "yaml-encodage",
        "lecture",
        "Le fichier n'est pas en UTF-8 (UTF-16, Windows-1252...).",
        "Enregistrez-le en UTF-8 (menu « Enregistrer sous » de l'éditeur).",
        cas="encodage-latin1",
        exemple="regions/corse/sources.yaml:4:18: [yaml-encodage] le fichier n'est pas en UTF-8 : l'octet 0xE9 ne peut pas être lu (il semble enregistré en Windows-1252 ou Latin-1) ; enregistrez-le en UTF-8",
    ),
    Code(
        "yaml-taille",
        "lecture",
        "Le fichier dépasse 1 Mo (le plus gros fichier réel fait moins de 20 Ko ; la liste de toutes les communes de France, 0,5 Mo) : il n'est pas lu au-delà.",
        "Vérifiez que c'est le bon fichier ; découpez-le ; importez le zonage avec postinternat zonage import.",
    ),
    Code(
        "yaml-profondeur",
        "lecture",
        "Plus de 100 niveaux d'imbrication (listes ou blocs les uns dans les autres).",
        "Vérifiez l'indentation et les crochets.",
    ),
    Code("yaml-etiquette", "lecture", "Une étiquette YAML (!!...) est utilisée.", "Retirez l'étiquette : écrivez la valeur simplement."),
    Code(
        "yaml-cle",
        "lecture",
        "Une clé est une liste ou un bloc.",
        "Une clé est un simple mot.",
        cas="yaml-cle-complexe",
        exemple="regions/corse/dispositifs/partage.yaml:7:3: [yaml-cle] une clé doit être un simple mot, pas une liste ni un dictionnaire",
    ),
    Code(
        "yaml-vide",
        "lecture",
        "Le fichier est vide.",
        "Remplissez-le, ou créez-le avec postinternat new.",
        cas="yaml-vide",
        exemple="regions/corse/campagnes/2026.yaml:1:1: [yaml-vide] le fichier est vide",
    ),
    Code(
        "yaml-nombre",
        "lecture",
        ".nan ou .inf ne sont pas des nombres utilisables.",
        "Écrivez le nombre, ou retirez le champ si le texte ne le donne pas.",
        cas="nombre-nan",
        exemple="regions/corse/dispositifs/partage.yaml:21:20: [yaml-nombre] « .nan » n'est pas un nombre utilisable (infini ou « pas un nombre »)",
    ),
    Code(
        "fichier-illisible",
        "lecture",
        "Un fichier ou un dossier ne peut pas être lu (droits, disque), ou un fichier obligatoire est un lien cassé ou un fichier spécial (tube nommé, périphérique).",
        "Vérifiez le fichier ou le dossier et ses droits ; remplacez le lien par le fichier.",
    ),
    Code(
        "fichier-manquant",
        "lecture",
        "Un fichier obligatoire de la région manque (region.yaml, sources.yaml).",
        "Créez-le (postinternat new region le crée).",
        cas="fichier-manquant",
        exemple="regions/corse/region.yaml:1:1: [fichier-manquant] fichier obligatoire « region.yaml » absent du dossier regions/corse",
    ),
    Code(
        "fichier-ignore",
        "lecture",
        "(avertissement) Un fichier est à un endroit où il n'est pas lu, ou n'est pas un fichier ordinaire (lien symbolique cassé, tube nommé, périphérique) : il n'est jamais ouvert.",
        "Déplacez-le dans dispositifs/ ou campagnes/, ou donnez-lui l'extension .yaml ; remplacez un lien cassé par le fichier.",
        cas="fichier-ignore",
        exemple="regions/notes.yaml:1:1: [fichier-ignore] (avertissement) fichier ignoré : les fichiers d'une région vont dans regions/<region>/",
    ),
    Code(
        "fichier-inconnu",
        "lecture",
        "Un fichier hors d'une région n'indique pas son schéma.",
        "Placez-le dans regions/<région>/ ou ajoutez la ligne # yaml-language-server: $schema=...",
    ),
    Code(
        "fichier-schema",
        "lecture",
        "(avertissement) La première ligne annonce un autre schéma que celui du dossier.",
        "Déplacez le fichier dans le bon dossier.",
        cas="fichier-dans-le-mauvais-dossier",
        exemple="regions/corse/dispositifs/2026.yaml:1:1: [fichier-schema] (avertissement) la première ligne annonce le schéma « campagne » mais le fichier est lu comme « dispositif » à cet endroit : est-il dans le bon dossier (campagnes/) ?",
    ),
    Code(
        "schema-type",
        "schema",
        "Une valeur n'a pas le bon type (un code non guillemeté, un nombre entre guillemets, un texte au lieu d'un nombre, oui/non au lieu de true/false).",
        "Suivez l'indication du message (guillemets à ajouter ou à retirer, point décimal, true pour oui et false pour non).",
        cas="type-incorrect",
        exemple="regions/corse/dispositifs/partage.yaml:9:15: [schema-type] duree › mois : un nombre entier est attendu, pas « deux ans »",
    ),
    Code(
        "schema-requis",
        "schema",
        "Un champ obligatoire manque.",
        "Ajoutez le champ nommé.",
        cas="champ-obligatoire",
        exemple="regions/corse/dispositifs/partage.yaml:2:1: [schema-requis] champ obligatoire « nom » manquant",
    ),
    Code(
        "schema-inconnu",
        "schema",
        "Un champ n'existe pas (souvent une faute de frappe).",
        "Corrigez le nom (« Vouliez-vous dire ... ? »).",
        cas="champ-inconnu",
        exemple="regions/corse/dispositifs/partage.yaml:21:72: [schema-inconnu] lieux › « universitaire » › quotite : champ inconnu « extrai ». Vouliez-vous dire « extrait » ?",
    ),
    Code(
        "schema-valeur",
        "schema",
        "Une valeur n'est pas dans la liste permise.",
        "Choisissez une des valeurs proposées.",
        cas="valeur-enum",
        exemple="regions/corse/dispositifs/partage.yaml:4:10: [schema-valeur] famille : « assistant_partage_etablisements » n'est pas une valeur admise. Vouliez-vous dire « assistant_partage_etablissements » ?",
    ),
    Code(
        "schema-bornes",
        "schema",
        "Une valeur sort de son minimum ou de son maximum (un pourcentage au-delà de 100).",
        "Corrigez la valeur.",
        cas="pourcentage-hors-bornes",
        exemple="regions/corse/dispositifs/partage.yaml:16:20: [schema-bornes] lieux › « peripherique » › quotite › min : la valeur 160 est supérieure au maximum de 100",
    ),
    Code(
        "schema-format",
        "schema",
        "Date, mois, code ou adresse mal formés.",
        'Suivez la forme donnée (AAAA-MM-JJ, "14118").',
        cas="date-inexistante",
        exemple="regions/corse/campagnes/2025.yaml:8:23: [schema-format] calendrier › date_limite › date : « 2025-02-30 » n'est pas une date valide (AAAA-MM-JJ, jour et mois existants)",
    ),
    Code("schema-liste", "schema", "Une liste est vide ou contient un doublon.", "Complétez ou dédoublonnez la liste."),
    Code("schema-choix", "schema", "Il faut une et une seule des clés proposées (date, mois ou annee).", "Gardez une seule forme de date."),
    Code("schema", "schema", "Autre écart au schéma.", "Lisez le message ; le guide de référence décrit chaque champ."),
    Code(
        "identifiants",
        "regle",
        "Nom de fichier différent de l'id, identifiant en double, renvoi vers un dispositif ou un lieu qui n'existe pas, deux dossiers de région avec le même code de région.",
        "Alignez l'id et le nom du fichier ; corrigez le renvoi ; corrigez le code ou supprimez le dossier copié.",
        cas="identifiant-fichier",
        exemple="regions/corse/dispositifs/partage.yaml:2:5: [identifiants] l'identifiant « partagee » ne correspond pas au nom du fichier « partage.yaml » : renommez l'un ou l'autre",
    ),
    Code(
        "heritage",
        "regle",
        "Le cadre national étendu n'existe pas, ou un élément ajouté ou retiré ne correspond pas au cadre.",
        "Corrigez etend ; marquez _ajout: true un élément propre à la région.",
        cas="heritage-ajout-faute-de-frappe",
        exemple="regions/corse/dispositifs/mg.yaml:9:11: [heritage] « ambulatoir » n'existe pas dans le cadre « cadre-mg » (role : hospitalier, ambulatoire). Vouliez-vous dire « ambulatoire » ? Pour un élément propre à la région, ajoutez « _ajout: true ».",
    ),
    Code(
        "source-declaree",
        "regle",
        "Une règle cite une source qui n'est pas dans sources.yaml.",
        "Déclarez la source ou corrigez son identifiant.",
        cas="source-manquante",
        exemple="regions/corse/dispositifs/partage.yaml:10:33: [source-declaree] la source « page-regionnale » n'est pas déclarée. Vouliez-vous dire « page-regionale » ?",
    ),
    Code(
        "source-inutilisee",
        "regle",
        "(avertissement) Une source déclarée n'est citée par aucune règle.",
        "Citez-la ou retirez-la.",
        cas="source-inutilisee",
        exemple="regions/corse/sources.yaml:9:9: [source-inutilisee] (avertissement) la source « page-oubliee » n'est citée par aucune règle",
    ),
    Code(
        "extrait-manquant",
        "regle",
        "(avertissement) Une règle citée n'a ni extrait ni note.",
        "Recopiez la phrase du texte (extrait) ou dites ce que la source établit (note).",
        cas="extrait-manquant",
        exemple="regions/corse/dispositifs/partage.yaml:9:19: [extrait-manquant] (avertissement) règle citant « page-regionale » sans extrait ni note : recopiez la phrase du texte (extrait) ou dites ce qu'il établit (note)",
    ),
    Code(
        "a-completer", "regle", "(avertissement) Un texte laissé « À compléter » par postinternat new.", "Remplacez-le par le texte réel."
    ),
    Code(
        "referentiel",
        "regle",
        "Un code n'existe pas dans les référentiels (type de structure, statut, DES, région, département, commune).",
        "Corrigez le code (« Vouliez-vous dire ... ? ») ; voir le guide de référence.",
        cas="referentiel-codes",
        exemple="regions/corse/dispositifs/partage.yaml:10:40: [referentiel] la spécialité (DES) « medecine-generalle » n'existe pas dans le référentiel. Vouliez-vous dire « medecine-generale » ?",
    ),
    Code(
        "zone-existante",
        "regle",
        "Une zone exigée n'est pas déclarée dans zonage.yaml.",
        "Déclarez la catégorie dans zonage.yaml ou corrigez le code.",
        cas="zone-inconnue",
        exemple="regions/corse/dispositifs/mg.yaml:11:31: [zone-existante] la zone « ZRR » n'existe pas dans le zonage de la région. Catégories du zonage : ZIP, ZAC.",
    ),
    Code(
        "quotite-coherente",
        "regle",
        "Les parts de temps sont incohérentes (minimum au-dessus du maximum, parts fixes qui ne font pas 100 %).",
        "Corrigez les quotités des lieux.",
        cas="quotite-parts",
        exemple="regions/corse/dispositifs/mg.yaml:7:3: [quotite-coherente] les parts fixes des lieux (40 % + 50 %) font 90 % au lieu de 100 %",
    ),
    Code(
        "pourcentage-fraction",
        "regle",
        "(avertissement) Un pourcentage (quotité d'un lieu, part d'un financement) est compris entre 0 et 1 : probablement une fraction tapée à la place d'un pourcentage (0.6 au lieu de 60).",
        "Écrivez le pourcentage sur 100 (60 pour 60 %) ; si le texte donne vraiment moins de 1 %, gardez la valeur et ajoutez une note.",
        cas="pourcentage-fraction",
        exemple="regions/corse/dispositifs/partage.yaml:16:20: [pourcentage-fraction] (avertissement) lieu « peripherique », quotité minimale : 0,6 % : vouliez-vous dire 60 % ? Un pourcentage s'écrit sur 100 (60 % s'écrit 60)",
    ),
    Code(
        "serie-datee",
        "regle",
        "Une série de valeurs datées n'est pas triée, se chevauche ou laisse un trou.",
        "Triez les périodes ; faites commencer chacune le lendemain de la fin de la précédente.",
        cas="serie-chevauchement",
        exemple="regions/corse/dispositifs/partage.yaml:32:127: [serie-datee] période 2 : elle commence le 2024-12-01, avant la fin de la période 1 (le 2024-12-31) : les périodes se chevauchent",
    ),
    Code(
        "calendrier-ordre",
        "regle",
        "Le calendrier d'une campagne n'est pas dans l'ordre.",
        "Corrigez la date signalée : l'ordre est ouverture, date limite, commission, décisions, prises de poste.",
        cas="date-limite-apres-prise-de-poste",
        exemple="regions/corse/campagnes/2025.yaml:8:16: [calendrier-ordre] la date limite de dépôt (14 décembre 2025) tombe après la commission (fin mars 2025) : l'ordre attendu est ouverture, date limite, commission, décisions, prises de poste",
    ),
    Code(
        "campagnes-chevauchement",
        "regle",
        "(avertissement) Deux campagnes dont les années se chevauchent ouvrent le même dispositif.",
        "Retirez le dispositif de l'une des deux, ou corrigez l'identifiant de la campagne (sa période).",
        cas="campagnes-chevauchement",
        exemple="regions/corse/campagnes/2025-2026.yaml:4:10: [campagnes-chevauchement] (avertissement) le dispositif « partage » est aussi ouvert par la campagne « 2025 », dont les années chevauchent celles de « 2025-2026 » : retirez-le de l'une des deux, ou dites pourquoi dans une note de ce dispositif dans la campagne",
    ),
    Code(
        "quotas-parts",
        "regle",
        "Les postes par subdivision ou département dépassent le total, ou renvoient à une subdivision inconnue ; (avertissement) 0 poste sans note qui dise que le texte donne bien zéro.",
        "Corrigez les nombres ; écrivez « inconnu » ce que le texte ne donne pas.",
        cas="quotas-somme-des-parts",
        exemple="regions/corse/campagnes/2025.yaml:19:7: [quotas-parts] les parts (7 + 5 = 12 postes) dépassent le total du dispositif (10)",
    ),
    Code(
        "json-syntaxe",
        "candidats",
        "Un fichier de candidats JSON est illisible (virgule, guillemet, accolade).",
        "Corrigez le JSON à la ligne et à la colonne données, ou écrivez le fichier en YAML.",
    ),
    Code(
        "csv-encodage",
        "candidats",
        "Le fichier CSV des candidats n'est ni en UTF-8 ni en Windows-1252 (UTF-16...).",
        "Enregistrez-le en « CSV UTF-8 » ou en « CSV (séparateur : point-virgule) » depuis le tableur.",
    ),
    Code(
        "csv-vide",
        "candidats",
        "Le fichier CSV des candidats est vide, ou n'a que sa ligne d'en-tête.",
        "Ajoutez une ligne par projet sous l'en-tête.",
    ),
    Code(
        "candidats-taille",
        "candidats",
        "Le fichier de candidats dépasse la limite (32 Mo pour un CSV, 4 Mo pour un YAML ou un JSON) : il n'est pas lu.",
        "Découpez-le en plusieurs lots.",
    ),
    Code(
        "json-nombre",
        "candidats",
        "Un nombre du fichier JSON a des milliers de chiffres : il ne peut pas être lu.",
        "Corrigez la valeur (une durée, une quotité n'a que quelques chiffres).",
    ),
    Code(
        "json-profondeur",
        "candidats",
        "Le fichier JSON imbrique trop de [ ] ou de { } (plus de 100 niveaux).",
        "Vérifiez les crochets et les accolades du fichier.",
    ),
    Code(
        "csv-guillemet",
        "candidats",
        "Un guillemet n'est pas fermé, ou une cellule continue sur plusieurs lignes : les lignes suivantes sont lues une à une, la ligne fautive est en erreur.",
        "Fermez le guillemet ou retirez-le ; une cellule ne contient pas de retour à la ligne.",
    ),
    Code("csv-trop-de-lignes", "candidats", "Le lot a plus de 100 000 lignes : rien n'est évalué.", "Découpez-le en plusieurs fichiers."),
    Code(
        "csv-conflit",
        "candidats",
        "Les lignes d'un même candidat donnent des valeurs différentes (spécialité, dates...) : ses lignes ne sont pas évaluées.",
        "Donnez la même valeur sur chaque ligne du candidat, ou laissez la cellule vide sur les autres lignes.",
    ),
    Code(
        "csv-colonne",
        "candidats",
        "Une colonne est inconnue (elle est ignorée), ou la colonne « candidat » manque.",
        "Nommez les colonnes comme le message l'indique (« Vouliez-vous dire ... ? », liste des colonnes reconnues) ; majuscules, accents et espaces ne comptent pas (« Fin internat » pour fin_internat).",
    ),
    Code(
        "csv-ligne",
        "candidats",
        "Une ligne n'a pas autant de cellules que l'en-tête.",
        "Vérifiez les séparateurs et les guillemets de la ligne.",
    ),
    Code(
        "csv-valeur",
        "candidats",
        "Une cellule est mal formée : nombre illisible, code dont un tableur a retiré le zéro initial, candidat sans identifiant.",
        "Corrigez la cellule ; mettez les colonnes de codes au format texte dans le tableur.",
    ),
    Code(
        "candidat-code",
        "candidats",
        "Un code du candidat n'existe pas dans les référentiels (DES, type de structure, commune).",
        "Corrigez le code (« Vouliez-vous dire ... ? »).",
    ),
    Code(
        "candidat-cible",
        "candidats",
        "Le projet vise une région, un dispositif, une campagne ou un lieu qui n'existe pas, ou un dispositif que la campagne n'ouvre pas.",
        "Corrigez la cible du projet, ou retirez-la pour évaluer tous les dispositifs.",
    ),
    Code(
        "internes",
        "quotas",
        "Le fichier des internes (postinternat quotas --internes) est mal formé : subdivision inconnue de la région ou en double, nombre qui n'est pas un entier positif ou nul (espaces, décimales, cellule vide).",
        "Écrivez une subdivision par ligne : « caen: 420 » (YAML) ou « caen,420 » (CSV).",
    ),
    Code(
        "zonage-fichier",
        "zonage",
        "Le fichier de zonage est vide, illisible, trop gros (CSV de plus de 20 Mo, classeur de plus de 20 Mo ou de plus de 30 Mo décompressé), refusé (classeur piégé : compression excessive, contenu plus long que déclaré, DTD), ou sa ligne d'en-tête n'est pas trouvée.",
        "Enregistrez-le en CSV ou XLSX depuis le tableur ; nommez les colonnes avec --colonne-code et --colonne-categorie (nom ou numéro de colonne).",
    ),
    Code(
        "zonage-encodage",
        "zonage",
        "Le fichier de zonage n'est ni en UTF-8 ni en Windows-1252.",
        "Enregistrez-le en CSV UTF-8 depuis le tableur.",
    ),
    Code(
        "zonage-code",
        "zonage",
        "Un code INSEE est inconnu du Code officiel géographique, ou a perdu son zéro initial (avertissement : 1053 est lu 01053).",
        "Corrigez le code sur la ligne indiquée ; formatez la colonne en texte dans le tableur.",
    ),
    Code(
        "zonage-region",
        "zonage",
        "La commune appartient à une autre région.",
        "Retirez la ligne, ou importez le fichier dans la bonne région.",
    ),
    Code(
        "zonage-nom",
        "zonage",
        "(avertissement) Le nom de la commune ne correspond pas à son code.",
        "Vérifiez la ligne : le code ou le nom est faux.",
    ),
    Code(
        "zonage-categorie",
        "zonage",
        "La catégorie de la ligne n'est pas une catégorie du zonage de la région.",
        "Déclarez la catégorie dans zonage.yaml (categories) ou corrigez la cellule ; les lignes « hors zonage » sont ignorées.",
    ),
    Code("zonage-doublon", "zonage", "La même commune figure deux fois.", "Gardez une seule ligne (la première est indiquée)."),
    Code(
        "revue-ancienne",
        "revision",
        "Le fichier n'a pas été relu depuis plus de 12 mois (champ revue ; --mois change ce délai).",
        "Relisez-le et mettez revue à la date du jour.",
    ),
    Code(
        "source-ancienne",
        "revision",
        "Une source n'a pas été revérifiée depuis plus de 12 mois (champ revue de la source).",
        "Rouvrez la page ou le texte, vérifiez que rien n'a changé, mettez la date à jour.",
    ),
    Code(
        "relance-passee",
        "revision",
        "La date de relance annoncée d'un dispositif est passée.",
        "Mettez à jour le statut du dispositif et sa campagne.",
    ),
    Code(
        "campagne-terminee",
        "revision",
        "La dernière campagne de la région est terminée.",
        "Ouvrez la suivante : postinternat new campagne REGION ANNEE.",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in REGISTRY}


def by_group() -> list[tuple[str, str, str, list[Code]]]:
    """(group, title, command, codes) in the order of :data:`GROUPS`."""
    return [(group, title, command, [c for c in REGISTRY if c.group == group]) for group, (title, command) in GROUPS.items()]


def markdown_table(codes: list[Code]) -> str:
    """The codes as a Markdown table (code, signification, correction): the README's form."""
    rows = ["| code | signification | correction |", "|---|---|---|"]
    rows += [f"| `{c.code}` | {c.meaning.replace('|', '/')} | {c.fix.replace('|', '/')} |" for c in codes]
    return "\n".join(rows)


def readme_section() -> str:
    """The README's codes section body, generated (see tools/docs.py)."""
    parts = []
    for _group, title, command, codes in by_group():
        parts.append(f"#### {title} : `postinternat {command}`\n\n{markdown_table(codes)}")
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Listing:
    """What ``postinternat codes [CODE]`` prints: one code explained, or all of them by group."""

    codes: tuple[Code, ...]
    single: bool = False

    def as_dict(self) -> list[dict[str, Any]]:
        """The JSON form: a list of codes."""
        return [c.as_dict() for c in self.codes]

    def text(self) -> str:
        if self.single:
            entry = self.codes[0]
            title, command = GROUPS[entry.group]
            lines = [f"[{entry.code}] {title} (postinternat {command})", f"Signification : {entry.meaning}", f"Correction : {entry.fix}"]
            if entry.exemple:
                lines.append(f"Exemple :\n  {entry.exemple}")
            return "\n".join(lines) + "\n"
        lines = []
        for group, (title, command) in GROUPS.items():
            lines.append(f"{title} (postinternat {command}) :")
            lines.extend(f"  {entry.code:<26} {entry.meaning}" for entry in self.codes if entry.group == group)
        return "\n".join(lines) + "\n"


def listing(code: str | None = None) -> Listing:
    """Every code, or the one named (an unknown code is a usage error, with the closest one)."""
    if code is None:
        return Listing(REGISTRY)
    if code not in CODES:
        from .problems import UsageError
        from .suggestions import did_you_mean

        # a typo of a code (« schema-valuer »), not any code sharing letters (« inexistant »)
        hint = " " + (did_you_mean(code, CODES, cutoff=0.8) or "La liste de tous les codes : postinternat codes")
        raise UsageError(f"code inconnu : « {code} ».{hint}")
    return Listing((CODES[code],), single=True)
