/**
 * The service's CPU-heavy work, run in a sandbox worker thread (src/pdf/sandbox.ts) so that one request never blocks
 * the others: validating a large body, rendering a form, assembling a dossier, rendering its grids. The worker keeps
 * one Paperasse (schemas compiled once, renderer loaded once) across runs.
 *
 * Every outcome is returned as a successful value (`{ ok: true, valeur: outcome }`): a refused document is an answer,
 * not a failure of the worker, so the warm worker is kept for the next request.
 */
import { strToU8, zipSync } from 'fflate';
import { COPY_FILES, Paperasse, type Issue } from '../../api.ts';
import { failure, success, type Result } from '../../core/issues.ts';
import { parseJsonBytes } from '../../core/json.ts';

/** One job of the worker. */
export type ServiceTaskInput =
  | { tache: 'validation'; formulaire: string; octets: Uint8Array }
  | {
      tache: 'rendu';
      formulaire: string;
      format: 'pdf' | 'docx';
      /** The data, or undefined for a blank form; ignored when `octets` is given. */
      donnees?: unknown;
      /** The data as the request's raw JSON bytes, parsed here (moved to the worker: no parse nor structured clone of an object on the event loop). */
      octets?: Uint8Array;
      remplissable: boolean;
      brouillon: boolean;
      modele?: string;
      nomModele?: string;
    }
  | { tache: 'dossier'; donnees: unknown; fichiers: Record<string, Uint8Array>; brouillon: boolean }
  | { tache: 'grilles'; donnees: unknown; ccf: boolean };

/** What a worker job gives back: a value, or an issue with the list it sums up. */
export type ServiceTaskOutcome = { ok: true; valeur: unknown; octets?: Uint8Array; brouillon?: boolean; erreurs: Issue[] } | { ok: false; erreur: Issue; erreurs: Issue[] };

let paperasse: Paperasse | undefined;

/**
 * Returns the buffer of a job's output bytes, moved to the caller instead of copied (src/pdf/sandbox.ts): each output
 * is made for its job alone and nothing here keeps it. A view on a larger or shared buffer is left to be copied.
 */
export function transferables(value: Result<ServiceTaskOutcome>): ArrayBuffer[] {
  const octets = value.ok && value.valeur.ok ? value.valeur.octets : undefined;
  if (octets === undefined || !(octets.buffer instanceof ArrayBuffer)) return [];
  return octets.byteOffset === 0 && octets.byteLength === octets.buffer.byteLength ? [octets.buffer] : [];
}

/** Returns the outcome of one worker job, always wrapped as a success (see the module's comment). */
export async function run(input: ServiceTaskInput): Promise<Result<ServiceTaskOutcome>> {
  paperasse ??= new Paperasse();
  return success(await perform(paperasse, input));
}

async function perform(p: Paperasse, input: ServiceTaskInput): Promise<ServiceTaskOutcome> {
  switch (input.tache) {
    case 'validation': {
      const read = parseJsonBytes(input.octets, 'Le corps de la requête');
      if (!read.ok) return { ok: false, erreur: read.erreur, erreurs: [] };
      const r = p.validate(input.formulaire, read.valeur);
      if (!r.ok) return { ok: false, erreur: r.erreur, erreurs: [] };
      return { ok: true, valeur: r.valeur, erreurs: r.valeur.erreurs };
    }
    case 'rendu': {
      let donnees = input.donnees;
      if (input.octets !== undefined) {
        const read = parseJsonBytes(input.octets, 'Le corps de la requête');
        if (!read.ok) return { ok: false, erreur: read.erreur, erreurs: [] };
        donnees = read.valeur;
      }
      const request = { donnees, remplissable: input.remplissable, brouillon: input.brouillon, modele: input.modele, nomModele: input.nomModele };
      const r = input.format === 'pdf' ? await p.renderPdf(input.formulaire, request) : await p.renderDocx(input.formulaire, request);
      if (!r.ok) return { ok: false, erreur: r.erreur, erreurs: r.erreurs };
      return { ok: true, valeur: null, octets: r.octets, brouillon: r.brouillon, erreurs: r.erreurs };
    }
    case 'dossier': {
      const files = input.fichiers;
      const reader = (name: string): Promise<Result<Uint8Array>> => {
        const bytes = Object.hasOwn(files, name) ? files[name] : undefined;
        return Promise.resolve(
          bytes === undefined ? failure('JUSTIFICATIF_INTROUVABLE', name, `Le document « ${name} » nommé dans le dossier n’a pas été joint à la requête (champ « justificatifs »).`) : success(bytes),
        );
      };
      const r = await p.renderDossier(input.donnees, { fichiers: reader, brouillon: input.brouillon });
      if (!r.ok) return { ok: false, erreur: r.erreur, erreurs: r.erreurs };
      const zip = zipSync(
        {
          [COPY_FILES.etablissement]: [r.exemplaires.etablissement, { level: 0 }],
          [COPY_FILES.anonyme]: [r.exemplaires.anonyme, { level: 0 }],
          'conformite.json': strToU8(JSON.stringify(r.conformite, null, 2)),
        },
        { mtime: new Date(2000, 0, 1) },
      );
      return { ok: true, valeur: r.conformite, octets: zip, brouillon: r.brouillon, erreurs: [] };
    }
    case 'grilles': {
      const r = await p.renderDossierGrids(input.donnees, { ccf: input.ccf });
      if (!r.ok) return { ok: false, erreur: r.erreur, erreurs: r.erreurs };
      const entries = Object.fromEntries(r.grilles.map((g) => [`grille-${g.formulaire}.pdf`, [g.octets, { level: 0 }] as [Uint8Array, { level: 0 }]]));
      return { ok: true, valeur: r.grilles.map((g) => ({ formulaire: g.formulaire, epreuve: g.epreuve })), octets: zipSync(entries, { mtime: new Date(2000, 0, 1) }), erreurs: [] };
    }
  }
}
