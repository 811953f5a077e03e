/**
 * Active content of a user's PDF: JavaScript, /Launch, /SubmitForm and /ImportData actions, found in the catalog
 * (/OpenAction, /AA, /Names/JavaScript), the pages' /AA, the annotations' /A and /AA and the fields' /AA.
 * Actions are followed through /Next, each visited once, with a bound on the whole walk. Nothing is ever run:
 * what is found is reported, and nothing of it is copied into what Paperasse writes (justificatifs are drawn
 * from their page contents only).
 */
import { PDFArray, PDFDict, type PDFContext, type PDFObject } from 'pdf-lib';
import { pdfName } from './keys.ts';
import type { Issue } from '../core/issues.ts';
import { nameTreeEntries } from './names.ts';
import { resolveRef } from './tree.ts';

/** Code of the warning about a PDF carrying active content. */
export const ACTIVE_CONTENT = 'CONTENU_ACTIF';

/** The kinds of action reported. */
export type ActionKind = 'JavaScript' | 'Launch' | 'SubmitForm' | 'ImportData';

/** Where in the document an action was found. */
export type ActionPlace = 'ouverture' | 'document' | 'noms' | 'page' | 'annotation' | 'champ';

/** One kind of action found at one kind of place. */
export interface ActiveContent {
  action: ActionKind;
  lieu: ActionPlace;
}

/** Most action dictionaries and annotations looked at in one document. */
const MAX_VISITS = 20_000;

const WHAT: Readonly<Record<ActionKind, string>> = {
  JavaScript: 'du JavaScript',
  Launch: 'une action /Launch (lancement d’un programme ou d’un fichier)',
  SubmitForm: 'une action /SubmitForm (envoi du formulaire vers une adresse)',
  ImportData: 'une action /ImportData (import de données dans le formulaire)',
};

const WHERE: Readonly<Record<ActionPlace, string>> = {
  ouverture: 'à l’ouverture du document (/OpenAction)',
  document: 'dans les actions du document (/AA)',
  noms: 'dans la liste /Names/JavaScript',
  page: 'dans les actions d’une page (/AA)',
  annotation: 'sur un lien ou une annotation',
  champ: 'sur un champ de formulaire',
};

/** What the detection shares while it walks one document. */
class Finder {
  readonly found = new Map<string, ActiveContent>();
  readonly #seen = new Set<PDFObject>();
  readonly #context: PDFContext;

  constructor(context: PDFContext) {
    this.#context = context;
  }

  /** Returns whether the walk may go on (its bound is not reached). */
  get open(): boolean {
    return this.#seen.size < MAX_VISITS;
  }

  /** Records a found action kind at a place. */
  add(action: ActionKind, lieu: ActionPlace): void {
    this.found.set(`${action}|${lieu}`, { action, lieu });
  }

  /** Looks at an action and the actions chained after it through /Next. */
  action(item: PDFObject | undefined, lieu: ActionPlace): void {
    const stack: Array<PDFObject | undefined> = [item];
    while (stack.length > 0 && this.open) {
      const next = stack.pop();
      const action = resolveRef(this.#context, next);
      if (next === undefined || this.#seen.has(next) || !(action instanceof PDFDict || action instanceof PDFArray)) continue;
      this.#seen.add(next);
      if (action instanceof PDFArray) {
        stack.push(...action.asArray());
        continue;
      }
      const kind = actionKind(action);
      if (kind !== undefined) this.add(kind, lieu);
      stack.push(action.get(pdfName('Next')));
    }
  }

  /** Looks at every action of an additional-actions dictionary (/AA). */
  additional(item: PDFObject | undefined, lieu: ActionPlace): void {
    const aa = resolveRef(this.#context, item);
    if (!(aa instanceof PDFDict)) return;
    for (const [, action] of aa.entries()) this.action(action, lieu);
  }

  /** Looks at an annotation's or a field's /A and /AA. */
  annotation(item: PDFObject | undefined, lieu: ActionPlace): void {
    const dict = resolveRef(this.#context, item);
    if (!(dict instanceof PDFDict) || this.#seen.has(dict) || !this.open) return;
    this.#seen.add(dict);
    this.action(dict.get(pdfName('A')), lieu);
    this.additional(dict.get(pdfName('AA')), lieu);
  }
}

/** Returns the kind of a reported action, or undefined for the others (links, named actions…). */
function actionKind(action: PDFDict): ActionKind | undefined {
  const type = action.lookup(pdfName('S'));
  if (type === pdfName('JavaScript') || action.has(pdfName('JS'))) return 'JavaScript';
  if (type === pdfName('Launch')) return 'Launch';
  if (type === pdfName('SubmitForm')) return 'SubmitForm';
  if (type === pdfName('ImportData')) return 'ImportData';
  return undefined;
}

/** Returns the active content of a document: each kind of action found, with where (in the order of the walk). */
export function findActiveContent(context: PDFContext, catalog: PDFDict, pages: readonly PDFDict[], fields: readonly PDFDict[]): ActiveContent[] {
  const finder = new Finder(context);
  finder.action(catalog.get(pdfName('OpenAction')), 'ouverture');
  finder.additional(catalog.get(pdfName('AA')), 'document');
  const names = catalog.lookup(pdfName('Names'));
  const scripts = names instanceof PDFDict ? names.get(pdfName('JavaScript')) : undefined;
  if (scripts !== undefined) {
    const entries = nameTreeEntries(context, scripts);
    // A /Names/JavaScript tree is JavaScript even when its entries are broken or loop.
    if (typeof entries === 'string' || entries.length === 0) finder.add('JavaScript', 'noms');
    else for (const entry of entries) finder.action(entry.value, 'noms');
  }
  for (const page of pages) {
    if (!finder.open) break;
    finder.additional(page.get(pdfName('AA')), 'page');
    const annots = page.lookup(pdfName('Annots'));
    if (annots instanceof PDFArray) for (const annot of annots.asArray()) finder.annotation(annot, 'annotation');
  }
  for (const field of fields) finder.additional(field.get(pdfName('AA')), 'champ');
  return [...finder.found.values()];
}

/** Returns the CONTENU_ACTIF warning of a document carrying active content ([] when it carries none). */
export function activeContentIssues(name: string, found: readonly ActiveContent[]): Issue[] {
  if (found.length === 0) return [];
  const items = found.map((f) => `${WHAT[f.action]} ${WHERE[f.lieu]}`);
  const message = `${name === '' ? 'le fichier' : name} contient du contenu actif : ${items.join(' ; ')}. Paperasse ne l’exécute pas et ne le conserve dans aucun des documents qu’il produit.`;
  return [{ code: ACTIVE_CONTENT, chemin: name, message }];
}
