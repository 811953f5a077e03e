/**
 * Generated parts of the README: the form list (with each form's rules and computed values) and the error
 * codes, rewritten between `<!-- name:debut -->` / `<!-- name:fin -->` markers by `npm run docs`.
 * A test checks the committed README equals what this produces, so the README cannot go stale.
 */
import { ERROR_CODES } from '../core/issues.ts';
import { FORMS } from '../forms/registry.ts';
import { CONFORMITY_RULES } from '../dossier/conformite.ts';

/** Returns the Markdown list of every form, its source, rules and computed values. */
export function formsSection(): string {
  const lines = ['| id | formulaire | source |', '|---|---|---|'];
  for (const f of FORMS) lines.push(`| \`${f.id}\` | ${f.title} | ${f.source.text}, ${f.source.reference} |`);
  for (const f of FORMS) {
    lines.push('', `### \`${f.id}\` — ${f.title}`, '');
    lines.push(`Source ${f.source.text}, ${f.source.reference}. Schéma : \`schemas/${f.id}.schema.json\` ; exemple : \`samples/${f.id}.json\`.`);
    if (f.rules.length > 0) {
      lines.push('', 'Règles :', '');
      for (const r of f.rules) lines.push(`- \`${r.code}\` : ${r.description}`);
    }
    if (f.computations.length > 0) {
      lines.push('', 'Valeurs calculées :', '');
      for (const c of f.computations) lines.push(`- \`${c.path}\` : ${c.description}`);
    }
  }
  return lines.join('\n');
}

/** Returns the Markdown tables of every error code: the catalogue, then the codes the forms' rules declare. */
export function codesSection(): string {
  const lines = ['| code | signification |', '|---|---|'];
  for (const [code, meaning] of Object.entries(ERROR_CODES)) lines.push(`| \`${code}\` | ${meaning} |`);
  lines.push('', 'Codes propres aux règles des formulaires, chacun déclaré par sa règle (décrite aussi avec son formulaire ci-dessus) :', '');
  lines.push('| code | formulaires | signification |', '|---|---|---|');
  const byCode = new Map<string, { ids: string[]; meaning: string }>();
  for (const f of FORMS) {
    for (const r of f.rules) {
      const entry = byCode.get(r.code) ?? { ids: [], meaning: r.description };
      if (!entry.ids.includes(f.id)) entry.ids.push(f.id);
      byCode.set(r.code, entry);
    }
  }
  for (const [code, { ids, meaning }] of [...byCode].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| \`${code}\` | ${ids.map((id) => `\`${id}\``).join(', ')} | ${meaning} |`);
  }
  return lines.join('\n');
}

/** Returns the Markdown table of the dossier professionnel's conformity rules and warnings, each with the circular's words. */
export function conformitySection(): string {
  const lines = ['| code | épreuves | candidats | règle | texte de la circulaire (003) |', '|---|---|---|---|---|'];
  for (const r of CONFORMITY_RULES) lines.push(`| \`${r.code}\` | ${r.epreuves} | ${r.candidats} | ${r.regle} | ${r.citation} |`);
  return lines.join('\n');
}

/** Returns `readme` with its generated sections replaced by the current ones. */
export function regenerateReadme(readme: string): string {
  const sections: Array<[string, string]> = [
    ['formulaires', formsSection()],
    ['conformite', conformitySection()],
    ['codes', codesSection()],
  ];
  return sections.reduce((text, [name, content]) => replaceSection(text, name, content), readme);
}

function replaceSection(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:debut -->`;
  const end = `<!-- ${name}:fin -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README: markers ${start} / ${end} not found`);
  return `${text.slice(0, i + start.length)}\n${content}\n${text.slice(j)}`;
}
