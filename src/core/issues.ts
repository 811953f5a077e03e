/**
 * Errors are values: a stable code, a French message and a location.
 * `chemin` is a JSON Pointer into the data (RFC 6901), or a file name / "fichier:ligne:colonne" for input errors.
 */

/** Stable error codes, with what each one means (listed in the README). */
export const ERROR_CODES = {
  // Input errors (exit code 2 on the command line).
  FICHIER_INTROUVABLE: 'le fichier indiqué n’existe pas',
  FICHIER_ILLISIBLE: 'le fichier existe mais ne peut pas être lu (droits, dossier, encodage)',
  FICHIER_TROP_GROS: 'le fichier dépasse la taille maximale acceptée',
  JSON_MALFORME: 'le texte n’est pas du JSON valide',
  FORMULAIRE_INCONNU: 'aucun formulaire ne porte cet identifiant',
  USAGE: 'la commande est mal formée',
  ECRITURE_IMPOSSIBLE: 'le fichier de sortie ne peut pas être écrit (dossier absent, droits)',
  DONNEES_INVALIDES: 'les données ne sont pas valides : le document n’est pas produit (sauf brouillon demandé)',
  JUSTIFICATIF_INTROUVABLE: 'un document numérisé nommé dans le dossier (attestations[].fichier) est introuvable ou hors du dossier',
  JUSTIFICATIF_ILLISIBLE: 'un document numérisé n’est pas un PDF, JPEG ou PNG lisible (endommagé, protégé par un mot de passe)',
  JUSTIFICATIF_TROP_GROS: 'un document numérisé dépasse la taille ou le nombre de pages acceptés',
  // A school's own letter template (--template modele.hbs), checked before any letter is made.
  MODELE_ILLISIBLE: 'le modèle de lettre ne se lit pas (bloc non fermé, accolade manquante, expression mal formée) : sa ligne et sa colonne sont indiquées',
  MODELE_CHAMP_INCONNU: 'le modèle de lettre nomme un champ que le formulaire n’a pas (faute de frappe ?) : sa ligne, sa colonne et le nom le plus proche sont indiqués',
  MODELE_ASSISTANT_INCONNU: 'le modèle de lettre emploie un assistant ({{#…}} ou {{… x}}) qui n’existe pas, ou l’emploie mal : sa ligne, sa colonne et l’assistant le plus proche sont indiqués',
  // Work-study contracts: the formation calendar (--calendrier) and the pay calculator (paperasse remuneration).
  CALENDRIER_INVALIDE: 'le calendrier de formation donné (--calendrier) n’a pas la forme attendue (année AAAA/AAAA, dates AAAA-MM-JJ, formations de la MIAGE) : la clé fautive est indiquée',
  REMUNERATION_INCALCULABLE: 'la rémunération minimale ne peut pas être calculée : la fiche n’est pas valide ou un montant donné (--smic, --smc) n’est pas un nombre positif',
  PAS_UNE_LETTRE: 'un modèle de lettre est donné pour un formulaire qui n’est pas une lettre',
  MENTION_ETABLISSEMENT: 'le nom de l’établissement figure ailleurs que sur la page de garde : l’exemplaire anonyme ne peut pas être produit',
  // Reading returned PDFs (exit code 2 when nothing could be read).
  PAS_UN_PDF: 'le fichier n’est pas un PDF (il ne commence pas par « %PDF- »)',
  PDF_ILLISIBLE: 'le PDF est endommagé, tronqué ou trop complexe pour être lu sans risque',
  PDF_CHIFFRE: 'le PDF est chiffré ou protégé par un mot de passe',
  TROP_DE_PAGES: 'le PDF a plus de pages que le maximum accepté',
  DELAI_DEPASSE: 'la lecture du PDF a dépassé le temps maximal accordé',
  // Problems met while reading a returned PDF, listed with the validation errors of its extraction.
  DONNEES_INTEGREES_ALTEREES: 'les données jointes au PDF par Paperasse (paperasse.json) ne correspondent plus à leur empreinte SHA-256 ou sont illisibles : elles sont ignorées',
  CHAMP_NON_LU: 'une valeur du formulaire n’a pas pu être relue dans le PDF renvoyé (champ disparu, ou texte du PDF où elle ne se retrouve pas sans ambiguïté)',
  VERSION_FORMULAIRE_DIFFERENTE: 'le PDF a été produit pour une autre version du formulaire et ses données ne respectent plus la version actuelle',
  // Warnings on a returned PDF (listed in the extraction's avertissements: the data stays valid).
  CONTENU_ACTIF: 'le PDF renvoyé contient du JavaScript ou des actions (/Launch, /SubmitForm, /ImportData) : Paperasse ne les exécute pas et ne les conserve dans aucun document qu’il produit',
  DONNEES_INTEGREES_NON_CONFIRMEES: 'le PDF n’a plus ses champs et sa page ne confirme pas les données jointes par Paperasse (valeurs différentes ou illisibles) : les valeurs de la page sont retenues, les données jointes ignorées',
  // Validation errors produced from the JSON Schema (exit code 1).
  CHAMP_OBLIGATOIRE: 'un champ obligatoire est absent',
  CHAMP_INCONNU: 'un champ qui n’existe pas sur le formulaire est présent',
  CHAMP_NON_APPLICABLE: 'un champ est rempli alors que la case qui l’ouvre n’est pas cochée',
  TYPE_INVALIDE: 'la valeur n’a pas le bon type (texte, nombre, booléen, liste…)',
  VALEUR_NON_AUTORISEE: 'la valeur ne fait pas partie des choix du formulaire',
  FORMAT_INVALIDE: 'la valeur ne respecte pas le format attendu (date, courriel, code postal…)',
  VALEUR_HORS_LIMITES: 'le nombre est en dehors des limites permises',
  VALEUR_NON_MULTIPLE: 'le nombre n’est pas un multiple du pas permis (par exemple une note au demi-point)',
  TEXTE_TROP_COURT: 'le texte est trop court',
  TEXTE_TROP_LONG: 'le texte est trop long',
  TROP_PEU_D_ELEMENTS: 'la liste ou le tableau a trop peu de lignes',
  TROP_D_ELEMENTS: 'la liste ou le tableau a trop de lignes',
  DOUBLON: 'une même valeur est cochée ou saisie deux fois',
  STRUCTURE_INVALIDE: 'la valeur ne correspond à aucune des formes permises',
  // Computed values (a value the source text defines as computed, typed differently).
  VALEUR_CALCULEE_INCORRECTE: 'une valeur calculée par Paperasse a été saisie avec une autre valeur',
  // Upload store.
  STOCKAGE_ENDOMMAGE: 'la base SQLite d’un dossier de stockage est endommagée ou n’en est pas une : elle n’est pas modifiée',
  STOCKAGE_TROP_RECENT: 'la base d’un dossier de stockage a été créée par une version plus récente de Paperasse : elle n’est pas modifiée',
  ORIGINAL_CORROMPU: 'le fichier reçu conservé sur le disque ne correspond plus à son empreinte SHA-256 : il a été altéré',
  STOCKAGE_OCCUPE: 'la base d’un dossier de stockage est restée occupée par un autre processus plus de 10 s : rien n’a été perdu, réessayez',
  LECTURE_EN_COURS: 'le fichier reçu est en cours de lecture par un autre processus : il n’est pas lu deux fois',
  // HTTP service.
  RESSOURCE_INCONNUE: 'aucune ressource du service n’existe à cette adresse (GET / liste les routes)',
  TYPE_CONTENU: 'le corps de la requête n’est pas du type attendu (application/json)',
  REQUETE_INVALIDE: 'la requête HTTP est mal formée',
  // Mail merge (paperasse batch): the spreadsheet, the mapping and the template (exit code 2: no letter made).
  TABLEUR_ILLISIBLE: 'le tableur du publipostage n’est ni un CSV ni un classeur XLSX lisible (guillemet non refermé, fichier endommagé, autre format)',
  TABLEUR_VIDE: 'le tableur du publipostage n’a pas de ligne d’en-têtes ou aucune ligne de données',
  TABLEUR_TROP_DE_LIGNES: 'le tableur du publipostage dépasse le nombre maximal de lignes d’un lot (20 000)',
  FEUILLE_INTROUVABLE: 'le classeur n’a pas de feuille du nom donné par --sheet',
  COLONNE_INCONNUE: 'un en-tête du tableur ne correspond à aucun champ du courrier (un fichier de correspondance peut le nommer ou l’ignorer)',
  COLONNE_EN_DOUBLE: 'deux colonnes du tableur remplissent le même champ du courrier',
  CORRESPONDANCE_INVALIDE: 'le fichier de correspondance (--mapping) n’est pas un objet JSON « en-tête » → « /chemin/du/champ » de champs existants',
  LOT_INTERROMPU: 'le publipostage a été interrompu avant la fin : aucun fichier n’est laissé',
  // Mail merge: a refused row, listed in rapport.csv (the other rows are produced; exit code 1).
  CELLULE_TROP_LONGUE: 'une cellule du tableur dépasse la longueur maximale (10 000 caractères) : sa ligne n’est pas produite',
  CELLULE_HORS_COLONNES: 'une cellule est remplie à droite de la dernière colonne nommée : sa ligne n’est pas produite',
  NON_AUTHENTIFIE: 'la route demande d’être connecté (cookie de session ou en-tête Authorization: Bearer <jeton>)',
  IDENTIFIANTS_INCORRECTS: 'l’adresse électronique ou le mot de passe est incorrect',
  TROP_DE_TENTATIVES: 'trop de tentatives de connexion depuis cette adresse : réessayez plus tard',
  ACCES_REFUSE: 'le rôle du compte connecté ne permet pas cette action',
  ORIGINE_REFUSEE: 'une écriture authentifiée par cookie vient d’une autre origine que le service (protection CSRF)',
  COMPTE_EXISTANT: 'un compte existe déjà avec cette adresse électronique',
  TROP_DE_FICHIERS: 'la requête contient plus de fichiers que le maximum accepté',
  DELAI_REQUETE: 'la requête a dépassé le temps maximal accordé à une requête',
  TACHE_NON_TERMINEE: 'la tâche n’est pas terminée : son résultat n’existe pas encore',
  TACHE_ECHOUEE: 'la tâche a échoué ou a été interrompue : la raison est donnée',
  FONCTION_INDISPONIBLE: 'cette fonction n’est pas disponible dans cette version du service',
  DOSSIER_MODIFIE_AILLEURS: 'le dossier enregistré a changé depuis que vous l’avez ouvert (autre onglet ou appareil) : rechargez-le, rien n’a été écrasé',
  MODELE_INVALIDE: 'le modèle de courrier de l’établissement a des erreurs (ligne et colonne données) : l’aperçu n’est pas produit',
  AUCUNE_LIGNE_VALIDE: 'aucune ligne du tableur n’est valide : l’aperçu de la première lettre ne peut pas être produit',
  // Ours, never the user's: a bug or an unexpected failure of Paperasse itself.
  ERREUR_INTERNE: 'erreur interne de Paperasse (un défaut du logiciel, pas du fichier ni des données) : elle est journalisée sous un numéro d’incident',
} as const;

/** A code of the catalogue above. */
export type CatalogCode = keyof typeof ERROR_CODES;

declare const ruleCodeBrand: unique symbol;
/**
 * A form rule's own code, declared by the rule (its `code` and French `description`, listed in the README).
 * Only the validator makes one (`declaredCode` in `forms.ts`), after checking the rule declares it.
 */
export type RuleCode = string & { readonly [ruleCodeBrand]: true };

/** A code a user can meet: one of the catalogue, or a code a form's rule declares. */
export type ErrorCode = CatalogCode | RuleCode;

/** Returns true when `code` is in the catalogue. */
export function isCatalogCode(code: string): code is CatalogCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** One problem found in a document or an input. */
export interface Issue {
  code: ErrorCode;
  chemin: string;
  message: string;
}

/** The outcome of an operation that can fail because of the user's input. */
export type Result<T> = { ok: true; valeur: T } | { ok: false; erreur: Issue };

/** Returns a successful Result holding `valeur`. */
export function success<T>(value: T): Result<T> {
  return { ok: true, valeur: value };
}

/** Returns a failed Result holding one Issue. */
export function failure<T>(code: ErrorCode, path: string, message: string): Result<T> {
  return { ok: false, erreur: { code, chemin: path, message } };
}
