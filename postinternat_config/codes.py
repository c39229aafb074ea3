"""Every problem code the tool reports: what it means, how to fix it, and the example case that
shows it (tests/examples/invalid/<case>/attendu.txt). The editors' guide on the site is made from
this table; a test checks that every code the tool can emit is here."""

from __future__ import annotations

CODES: dict[str, tuple[str, str, str | None]] = {
    # code: (signification, correction, cas d'exemple)
    "yaml-syntaxe": ("Le YAML est illisible : indentation, deux-points, guillemet non fermé, tabulation, plusieurs documents.", "Un texte qui contient « : » (deux-points suivi d'une espace) s'écrit entre guillemets ; un guillemet à l'intérieur d'un texte s'écrit « » ; indentez avec des espaces.", "syntaxe-deux-points"),
    "yaml-cle-dupliquee": ("Une clé apparaît deux fois dans le même bloc : YAML garderait la seconde en silence.", "Supprimez ou renommez l'une des deux (les deux lignes sont données).", "cle-dupliquee"),
    "yaml-alias": ("Ancre (&), alias (*) ou clé de fusion (<<) : refusés dans ces fichiers.", "Recopiez la valeur à chaque endroit.", "alias-milliard"),
    "yaml-booleen": ("yes, no, on, off non guillemetés sont lus comme vrai/faux.", "Écrivez la valeur entre guillemets (\"no\").", "booleen-yaml11"),
    "yaml-encodage": ("Le fichier n'est pas en UTF-8 (UTF-16, Windows-1252...).", "Enregistrez-le en UTF-8 (menu « Enregistrer sous » de l'éditeur).", "encodage-latin1"),
    "yaml-taille": ("Le fichier dépasse 1 Mo (le plus gros fichier réel fait moins de 20 Ko ; la liste de toutes les communes de France, 0,5 Mo) : il n'est pas lu au-delà.", "Vérifiez que c'est le bon fichier ; découpez-le ; importez le zonage avec postinternat zonage import.", None),
    "yaml-profondeur": ("Plus de 100 niveaux d'imbrication (listes ou blocs les uns dans les autres).", "Vérifiez l'indentation et les crochets.", None),
    "yaml-etiquette": ("Une étiquette YAML (!!...) est utilisée.", "Retirez l'étiquette : écrivez la valeur simplement.", None),
    "yaml-cle": ("Une clé est une liste ou un bloc.", "Une clé est un simple mot.", "yaml-cle-complexe"),
    "yaml-vide": ("Le fichier est vide.", "Remplissez-le, ou créez-le avec postinternat new.", "yaml-vide"),
    "yaml-nombre": (".nan ou .inf ne sont pas des nombres utilisables.", "Écrivez le nombre, ou retirez le champ si le texte ne le donne pas.", "nombre-nan"),
    "fichier-illisible": ("Un fichier ou un dossier ne peut pas être lu (droits, disque), ou un fichier obligatoire est un lien cassé ou un fichier spécial (tube nommé, périphérique).", "Vérifiez le fichier ou le dossier et ses droits ; remplacez le lien par le fichier.", None),
    "fichier-manquant": ("Un fichier obligatoire de la région manque (region.yaml, sources.yaml).", "Créez-le (postinternat new region le crée).", "fichier-manquant"),
    "fichier-ignore": ("(avertissement) Un fichier est à un endroit où il n'est pas lu, ou n'est pas un fichier ordinaire (lien symbolique cassé, tube nommé, périphérique) : il n'est jamais ouvert.", "Déplacez-le dans dispositifs/ ou campagnes/, ou donnez-lui l'extension .yaml ; remplacez un lien cassé par le fichier.", "fichier-ignore"),
    "fichier-inconnu": ("Un fichier hors d'une région n'indique pas son schéma.", "Placez-le dans regions/<région>/ ou ajoutez la ligne # yaml-language-server: $schema=...", None),
    "fichier-schema": ("(avertissement) La première ligne annonce un autre schéma que celui du dossier.", "Déplacez le fichier dans le bon dossier.", "fichier-dans-le-mauvais-dossier"),
    "schema-type": ("Une valeur n'a pas le bon type (un code non guillemeté, un texte au lieu d'un nombre).", "Suivez l'indication du message (guillemets, point décimal).", "type-incorrect"),
    "schema-requis": ("Un champ obligatoire manque.", "Ajoutez le champ nommé.", "champ-obligatoire"),
    "schema-inconnu": ("Un champ n'existe pas (souvent une faute de frappe).", "Corrigez le nom (« Vouliez-vous dire ... ? »).", "champ-inconnu"),
    "schema-valeur": ("Une valeur n'est pas dans la liste permise.", "Choisissez une des valeurs proposées.", "valeur-enum"),
    "schema-bornes": ("Une valeur sort de son minimum ou de son maximum (un pourcentage au-delà de 100).", "Corrigez la valeur.", "pourcentage-hors-bornes"),
    "schema-format": ("Date, mois, code ou adresse mal formés.", "Suivez la forme donnée (AAAA-MM-JJ, \"14118\").", "date-inexistante"),
    "schema-liste": ("Une liste est vide ou contient un doublon.", "Complétez ou dédoublonnez la liste.", None),
    "schema-choix": ("Il faut une et une seule des clés proposées (date, mois ou annee).", "Gardez une seule forme de date.", None),
    "schema": ("Autre écart au schéma.", "Lisez le message ; le guide de référence décrit chaque champ.", None),
    "identifiants": ("Nom de fichier différent de l'id, identifiant en double, renvoi vers un dispositif ou un lieu qui n'existe pas, deux dossiers de région avec le même code de région.", "Alignez l'id et le nom du fichier ; corrigez le renvoi ; corrigez le code ou supprimez le dossier copié.", "identifiant-fichier"),
    "heritage": ("Le cadre national étendu n'existe pas, ou un élément ajouté ou retiré ne correspond pas au cadre.", "Corrigez etend ; marquez _ajout: true un élément propre à la région.", "heritage-ajout-faute-de-frappe"),
    "source-declaree": ("Une règle cite une source qui n'est pas dans sources.yaml.", "Déclarez la source ou corrigez son identifiant.", "source-manquante"),
    "source-inutilisee": ("(avertissement) Une source déclarée n'est citée par aucune règle.", "Citez-la ou retirez-la.", "source-inutilisee"),
    "extrait-manquant": ("(avertissement) Une règle citée n'a ni extrait ni note.", "Recopiez la phrase du texte (extrait) ou dites ce que la source établit (note).", "extrait-manquant"),
    "a-completer": ("(avertissement) Un texte laissé « À compléter » par postinternat new.", "Remplacez-le par le texte réel.", None),
    "referentiel": ("Un code n'existe pas dans les référentiels (type de structure, statut, DES, région, département, commune).", "Corrigez le code (« Vouliez-vous dire ... ? ») ; voir le guide de référence.", "referentiel-codes"),
    "zone-existante": ("Une zone exigée n'est pas déclarée dans zonage.yaml.", "Déclarez la catégorie dans zonage.yaml ou corrigez le code.", "zone-inconnue"),
    "quotite-coherente": ("Les parts de temps sont incohérentes (minimum au-dessus du maximum, parts fixes qui ne font pas 100 %).", "Corrigez les quotités des lieux.", "quotite-parts"),
    "serie-datee": ("Une série de valeurs datées n'est pas triée, se chevauche ou laisse un trou.", "Triez les périodes ; faites commencer chacune le lendemain de la fin de la précédente.", "serie-chevauchement"),
    "calendrier-ordre": ("Le calendrier d'une campagne n'est pas dans l'ordre.", "Corrigez la date signalée : l'ordre est ouverture, date limite, commission, décisions, prises de poste.", "date-limite-apres-prise-de-poste"),
    "campagnes-chevauchement": ("(avertissement) Deux campagnes dont les années se chevauchent ouvrent le même dispositif.", "Retirez le dispositif de l'une des deux, ou corrigez l'identifiant de la campagne (sa période).", "campagnes-chevauchement"),
    "quotas-parts": ("Les postes par subdivision ou département dépassent le total, ou renvoient à une subdivision inconnue ; (avertissement) 0 poste sans note qui dise que le texte donne bien zéro.", "Corrigez les nombres ; écrivez « inconnu » ce que le texte ne donne pas.", "quotas-somme-des-parts"),
}


TOOL_CODES: dict[str, tuple[str, str]] = {
    # Messages of « postinternat zonage import » and « postinternat outdated »: (signification, correction)
    "zonage-fichier": ("Le fichier de zonage est vide, illisible, trop gros (CSV de plus de 20 Mo, classeur de plus de 20 Mo ou de plus de 30 Mo décompressé), refusé (classeur piégé : compression excessive, contenu plus long que déclaré, DTD), ou sa ligne d'en-tête n'est pas trouvée.", "Enregistrez-le en CSV ou XLSX depuis le tableur ; nommez les colonnes avec --colonne-code et --colonne-categorie (nom ou numéro de colonne)."),
    "zonage-encodage": ("Le fichier de zonage n'est ni en UTF-8 ni en Windows-1252.", "Enregistrez-le en CSV UTF-8 depuis le tableur."),
    "zonage-code": ("Un code INSEE est inconnu du Code officiel géographique, ou a perdu son zéro initial (avertissement : 1053 est lu 01053).", "Corrigez le code sur la ligne indiquée ; formatez la colonne en texte dans le tableur."),
    "zonage-region": ("La commune appartient à une autre région.", "Retirez la ligne, ou importez le fichier dans la bonne région."),
    "zonage-nom": ("(avertissement) Le nom de la commune ne correspond pas à son code.", "Vérifiez la ligne : le code ou le nom est faux."),
    "zonage-categorie": ("La catégorie de la ligne n'est pas une catégorie du zonage de la région.", "Déclarez la catégorie dans zonage.yaml (categories) ou corrigez la cellule ; les lignes « hors zonage » sont ignorées."),
    "zonage-doublon": ("La même commune figure deux fois.", "Gardez une seule ligne (la première est indiquée)."),
    "revue-ancienne": ("Le fichier n'a pas été relu depuis plus de 12 mois (champ revue ; --mois change ce délai).", "Relisez-le et mettez revue à la date du jour."),
    "source-ancienne": ("Une source n'a pas été revérifiée depuis plus de 12 mois (champ revue de la source).", "Rouvrez la page ou le texte, vérifiez que rien n'a changé, mettez la date à jour."),
    "relance-passee": ("La date de relance annoncée d'un dispositif est passée.", "Mettez à jour le statut du dispositif et sa campagne."),
    "campagne-terminee": ("La dernière campagne de la région est terminée.", "Ouvrez la suivante : postinternat new campagne REGION ANNEE."),
}
