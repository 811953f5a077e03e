/** Reading JSON input (files or text) into values, with French errors that say where the problem is. */
import { readFile, stat } from 'node:fs/promises';
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { echec, succes, type Resultat } from './erreurs.ts';

/** Largest JSON document accepted, in bytes (a full dossier professionnel is well under 1 MiB). */
export const TAILLE_MAX_JSON = 10 * 1024 * 1024;

const DESCRIPTIONS: Record<string, string> = {
  InvalidSymbol: 'caractère inattendu',
  InvalidNumberFormat: 'nombre mal écrit',
  PropertyNameExpected: 'nom de propriété attendu (entre guillemets)',
  ValueExpected: 'valeur attendue',
  ColonExpected: '« : » attendu après le nom de propriété',
  CommaExpected: '« , » attendue entre deux éléments',
  CloseBraceExpected: '« } » attendue pour fermer l’objet',
  CloseBracketExpected: '« ] » attendu pour fermer la liste',
  EndOfFileExpected: 'fin du texte attendue (contenu en trop après la valeur)',
  InvalidCommentToken: 'les commentaires ne sont pas permis en JSON',
  UnexpectedEndOfComment: 'commentaire non terminé',
  UnexpectedEndOfString: 'texte entre guillemets non terminé',
  UnexpectedEndOfNumber: 'nombre non terminé',
  InvalidUnicode: 'séquence Unicode invalide',
  InvalidEscapeCharacter: 'caractère d’échappement invalide',
  InvalidCharacter: 'caractère invalide dans un texte (un retour à la ligne doit s’écrire \\n)',
};

function positionLigneColonne(texte: string, offset: number): { ligne: number; colonne: number } {
  let ligne = 1;
  let debutLigne = 0;
  for (let i = 0; i < offset && i < texte.length; i++) {
    if (texte.charCodeAt(i) === 10) {
      ligne++;
      debutLigne = i + 1;
    }
  }
  return { ligne, colonne: offset - debutLigne + 1 };
}

/** Returns the parsed value of a JSON text, or a JSON_MALFORME error naming the line and column. */
export function analyserJson(texte: string, nomSource: string): Resultat<unknown> {
  const sansBom = texte.charCodeAt(0) === 0xfeff ? texte.slice(1) : texte;
  if (sansBom.trim() === '') return echec('JSON_MALFORME', nomSource, `${nomSource} est vide : un document JSON est attendu.`);
  try {
    return succes(JSON.parse(sansBom) as unknown);
  } catch {
    // JSON.parse only says "at position N" (sometimes not even that): ask a tolerant parser where and why.
    const erreurs: ParseError[] = [];
    parseTolerant(sansBom, erreurs, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const premiere = erreurs[0];
    if (!premiere) return echec('JSON_MALFORME', nomSource, `${nomSource} n’est pas du JSON valide.`);
    const { ligne, colonne } = positionLigneColonne(sansBom, premiere.offset);
    const code = printParseErrorCode(premiere.error);
    const raison = DESCRIPTIONS[code] ?? 'erreur de syntaxe';
    return echec(
      'JSON_MALFORME',
      `${nomSource}:${ligne}:${colonne}`,
      `${nomSource} n’est pas du JSON valide, ligne ${ligne}, colonne ${colonne} : ${raison}.`,
    );
  }
}

/** Returns the parsed JSON content of a file, or an error naming the file (missing, unreadable, too big, malformed). */
export async function lireFichierJson(chemin: string, tailleMax = TAILLE_MAX_JSON): Promise<Resultat<unknown>> {
  let taille: number;
  try {
    const info = await stat(chemin);
    if (info.isDirectory()) return echec('FICHIER_ILLISIBLE', chemin, `${chemin} est un dossier, pas un fichier JSON.`);
    taille = info.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return echec('FICHIER_INTROUVABLE', chemin, `Le fichier ${chemin} est introuvable.`);
    return echec('FICHIER_ILLISIBLE', chemin, `Le fichier ${chemin} ne peut pas être lu (${code ?? 'erreur inconnue'}).`);
  }
  if (taille > tailleMax) {
    return echec('FICHIER_TROP_GROS', chemin, `Le fichier ${chemin} fait ${formaterOctets(taille)} : la limite est ${formaterOctets(tailleMax)}.`);
  }
  let octets: Buffer;
  try {
    octets = await readFile(chemin);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return echec('FICHIER_ILLISIBLE', chemin, `Le fichier ${chemin} ne peut pas être lu (${code ?? 'erreur inconnue'}).`);
  }
  return analyserOctetsJson(octets, chemin);
}

/** Returns the parsed JSON content of UTF-8 bytes, refusing other encodings with a clear message. */
export function analyserOctetsJson(octets: Uint8Array, nomSource: string): Resultat<unknown> {
  let texte: string;
  try {
    texte = new TextDecoder('utf-8', { fatal: true }).decode(octets);
  } catch {
    return echec(
      'FICHIER_ILLISIBLE',
      nomSource,
      `${nomSource} n’est pas encodé en UTF-8 (enregistrez-le en « UTF-8 » depuis votre éditeur).`,
    );
  }
  return analyserJson(texte, nomSource);
}

/** Returns a byte count written for a French reader ("1,5 Mio"). */
export function formaterOctets(n: number): string {
  if (n < 1024) return `${n} octets`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Kio`;
  return `${(n / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mio`;
}
