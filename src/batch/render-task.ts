/**
 * The work of one batch worker: it loads the registry module it is given and builds its renderer once (fonts,
 * schemas, the letter's template — the school's own when the batch has one, checked beforehand on the main
 * thread — compiled once), then renders every row it is sent: the letter's PDF and its parts (pages and fonts,
 * plain data) for the batch's « tout-imprimer.pdf ».
 */
import type { SchemaCatalog } from '../core/schemas.ts';
import type { FormDefinition } from '../layout/form.ts';
import type { DocumentParts } from '../render/engine/document.ts';
import type { Renderer } from '../render/renderer.ts';

/** What a worker is started with. */
export interface RenderSetup {
  /** URL of the registry module (exports `FORMS` and `schemaCatalog()`). */
  registry: string;
  formId: string;
  docx: boolean;
  /** Creation date written in every letter's metadata (ISO). */
  date: string;
  /** A school's own letter template (checked already); undefined: the standard one. */
  template?: string;
}

/** One letter to render: validated data. */
export interface RenderJob {
  id: number;
  donnees: unknown;
}

/** A rendered letter. */
export interface RenderDone {
  id: number;
  pdf: Uint8Array;
  /** The letter's pages and fonts, for the print file. */
  parts: DocumentParts;
  docx?: Uint8Array;
}

let prepared: Promise<{ renderer: Renderer; form: FormDefinition }> | undefined;

/** Returns the renderer and form of this worker, built on first use. */
function prepare(setup: RenderSetup): Promise<{ renderer: Renderer; form: FormDefinition }> {
  prepared ??= (async () => {
    const registry = (await import(setup.registry)) as { FORMS: readonly FormDefinition[]; schemaCatalog(): SchemaCatalog };
    const { Renderer } = await import('../render/renderer.ts');
    const { compileLetter, withLetterSource } = await import('../letters/letters.ts');
    const standard = registry.FORMS.find((f) => f.id === setup.formId);
    if (standard === undefined) throw new Error('form not in the registry');
    let form = standard;
    if (setup.template !== undefined) {
      compileLetter(setup.template);
      form = { ...standard, template: withLetterSource(standard.template, setup.template) };
    }
    return { renderer: new Renderer(registry.schemaCatalog()), form };
  })();
  return prepared;
}

/** Returns the PDF, its parts (and the .docx when asked) of one job. */
export async function renderJob(setup: RenderSetup, job: RenderJob): Promise<RenderDone> {
  const { renderer, form } = await prepare(setup);
  const date = new Date(setup.date);
  const { pdf, parts } = await renderer.renderPdfParts(form, job.donnees, { date });
  const docx = setup.docx ? await renderer.renderDocx(form, job.donnees, { date }) : undefined;
  return { id: job.id, pdf, parts, docx };
}
