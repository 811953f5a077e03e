/**
 * Generated parts of the README: the form list (with each form's rules and computed values) and the error
 * codes, rewritten between `<!-- name:debut -->` / `<!-- name:fin -->` markers by `npm run docs`.
 * A test checks the committed README equals what this produces, so the README cannot go stale.
 */
import { CODES_ERREUR } from '../core/erreurs.ts';
import { FORMULAIRES } from '../forms/registry.ts';

/** Returns the Markdown list of every form, its source, rules and computed values. */
export function sectionFormulaires(): string {
  const lignes = ['| id | formulaire | source |', '|---|---|---|'];
  for (const f of FORMULAIRES) lignes.push(`| \`${f.id}\` | ${f.titre} | ${f.source.texte}, ${f.source.reference} |`);
  for (const f of FORMULAIRES) {
    lignes.push('', `### \`${f.id}\` — ${f.titre}`, '');
    lignes.push(`Source ${f.source.texte}, ${f.source.reference}. Schéma : \`schemas/${f.id}.schema.json\` ; exemple : \`samples/${f.id}.json\`.`);
    if (f.regles.length > 0) {
      lignes.push('', 'Règles :', '');
      for (const r of f.regles) lignes.push(`- \`${r.code}\` : ${r.description}`);
    }
    if (f.calculs.length > 0) {
      lignes.push('', 'Valeurs calculées :', '');
      for (const c of f.calculs) lignes.push(`- \`${c.chemin}\` : ${c.description}`);
    }
  }
  return lignes.join('\n');
}

/** Returns the Markdown table of the generic error codes. */
export function sectionCodes(): string {
  const lignes = ['| code | signification |', '|---|---|'];
  for (const [code, sens] of Object.entries(CODES_ERREUR)) lignes.push(`| \`${code}\` | ${sens} |`);
  return lignes.join('\n');
}

/** Returns `readme` with its generated sections replaced by the current ones. */
export function regenererReadme(readme: string): string {
  return remplacer(remplacer(readme, 'formulaires', sectionFormulaires()), 'codes', sectionCodes());
}

function remplacer(texte: string, nom: string, contenu: string): string {
  const debut = `<!-- ${nom}:debut -->`;
  const fin = `<!-- ${nom}:fin -->`;
  const i = texte.indexOf(debut);
  const j = texte.indexOf(fin);
  if (i < 0 || j < i) throw new Error(`README: markers ${debut} / ${fin} not found`);
  return `${texte.slice(0, i + debut.length)}\n${contenu}\n${texte.slice(j)}`;
}
