/**
 * The interface's one door to the service: every call to /api goes through here (same origin, session cookie).
 * An error answer (application/problem+json) becomes an `ApiError` carrying the French detail and the `erreurs` list.
 */

/** A role of an account (src/auth/accounts.ts). */
export type Role = 'candidat' | 'etablissement' | 'admin';

/** The signed-in account as GET /api/session shows it. */
export interface Compte {
  id: number;
  email: string;
  role: Role;
  etablissement?: string | null;
}

/** One problem the service reports: a code, a JSON Pointer into the data, a French message. */
export interface Erreur {
  code: string;
  chemin: string;
  message: string;
}

/** A refused request: its HTTP status, code, French detail and the problems listed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly erreurs: Erreur[];

  constructor(status: number, code: string, detail: string, erreurs: Erreur[]) {
    super(detail);
    this.status = status;
    this.code = code;
    this.erreurs = erreurs;
  }
}

/** Returns the answer of a request to the service, or throws ApiError when it answers an error. */
export async function call(path: string, init: RequestInit = {}): Promise<Response> {
  let r: Response;
  try {
    r = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'RESEAU', 'Le service ne répond pas : vérifiez votre connexion, puis réessayez.', []);
  }
  if (r.ok) return r;
  const type = r.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const body = (await r.json()) as { code?: string; detail?: string; erreurs?: Erreur[] };
    throw new ApiError(r.status, body.code ?? 'ERREUR', body.detail ?? `Le service a répondu ${r.status}.`, body.erreurs ?? []);
  }
  throw new ApiError(r.status, 'ERREUR', `Le service a répondu ${r.status}.`, []);
}

/** Returns the JSON answer of a request (a JSON body when `body` is given). */
export async function callJson<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const r = await call(path, init);
  return (await r.json()) as T;
}

/** Returns the signed-in account, or null when nobody is signed in. */
export async function currentAccount(): Promise<Compte | null> {
  try {
    return (await callJson<{ compte: Compte }>('/api/session')).compte;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Returns the account after signing in with these credentials (throws ApiError IDENTIFIANTS_INCORRECTS). */
export async function login(email: string, motDePasse: string): Promise<Compte> {
  return (await callJson<{ compte: Compte }>('/api/session', 'POST', { email, motDePasse })).compte;
}

/** Returns once the session is closed. */
export async function logout(): Promise<void> {
  await call('/api/session', { method: 'DELETE' });
}

/** A JSON Schema node, as the service publishes it. */
export type Schema = Record<string, unknown>;

let components: Promise<Record<string, Schema>> | undefined;

/** Returns every schema of the service by component name (formulaire-<id>, formulaire-communs), read once from the OpenAPI document. */
export function schemaComponents(): Promise<Record<string, Schema>> {
  components ??= callJson<{ components: { schemas: Record<string, Schema> } }>('/api/openapi.json').then((d) => d.components.schemas);
  return components;
}

/** Returns the JSON Schema of form `id` as GET /api/formulaires/:id/schema serves it. */
export function formSchema(id: string): Promise<Schema> {
  return callJson<Schema>(`/api/formulaires/${encodeURIComponent(id)}/schema`);
}

/** The answer of POST /api/formulaires/:id/validation. */
export interface Validation {
  valide: boolean;
  erreurs: Erreur[];
  erreursNonListees?: number;
}

/** Returns the validation of `donnees` against form `id`, with French messages. */
export function validate(id: string, donnees: unknown): Promise<Validation> {
  return callJson<Validation>(`/api/formulaires/${encodeURIComponent(id)}/validation`, 'POST', donnees);
}

/** The verdict of one épreuve in the conformity report. */
export interface VerdictEpreuve {
  conforme: boolean;
  motifs: Erreur[];
}

/** The answer of POST /api/dossiers/controle. */
export interface Conformite {
  conforme: boolean;
  epreuves: Partial<Record<'E32' | 'E42', VerdictEpreuve>>;
  avertissements: Erreur[];
  erreurs: Erreur[];
  erreursNonListees?: number;
}

/** Returns the académie's conformity report of a dossier professionnel. */
export function checkDossier(dossier: unknown): Promise<Conformite> {
  return callJson<Conformite>('/api/dossiers/controle', 'POST', dossier);
}

/** A file the service produced: its bytes and the name to save it under. */
export interface Fichier {
  blob: Blob;
  nom: string;
}

/** Returns the file name of a Content-Disposition header, or `fallback`. */
function nameOf(r: Response, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '');
  return m?.[1] ?? fallback;
}

/** Returns form `id` rendered for `donnees`: a PDF (fillable or to print) or a Word document; a draft when `brouillon`. */
export async function renderForm(id: string, donnees: unknown, options: { format: 'pdf' | 'docx'; remplissable?: boolean; brouillon?: boolean }): Promise<Fichier> {
  const q = new URLSearchParams({ format: options.format });
  if (options.remplissable === true) q.set('remplissable', 'true');
  if (options.brouillon === true) q.set('brouillon', 'true');
  const r = await call(`/api/formulaires/${encodeURIComponent(id)}/rendu?${q.toString()}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(donnees) });
  return { blob: await r.blob(), nom: nameOf(r, `${id}.${options.format}`) };
}

/** Returns the zip of the dossier's two copies and its report, each justificatif file joined under the name the dossier cites it by. */
export async function renderDossier(dossier: unknown, justificatifs: Array<{ nom: string; fichier: Blob }>, brouillon: boolean): Promise<Fichier> {
  const form = new FormData();
  form.append('dossier', new Blob([JSON.stringify(dossier)], { type: 'application/json' }), 'dossier.json');
  for (const j of justificatifs) form.append('justificatifs', j.fichier, j.nom);
  const r = await call(`/api/dossiers/rendu${brouillon ? '?brouillon=true' : ''}`, { method: 'POST', body: form });
  return { blob: await r.blob(), nom: nameOf(r, 'dossier.zip') };
}

/** Returns the zip of the candidate's jury grids, pre-filled from the dossier. */
export async function renderGrids(dossier: unknown, ccf: boolean): Promise<Fichier> {
  const r = await call(`/api/dossiers/grilles${ccf ? '?ccf=true' : ''}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(dossier) });
  return { blob: await r.blob(), nom: nameOf(r, 'grilles.zip') };
}

/** Where the candidate's dossier is kept between visits: the server when it offers GET/PUT /api/dossiers/courant, else this browser. */
export type Stockage = 'serveur' | 'navigateur';

const LOCAL_KEY = 'paperasse.dossier.';

let serverStore: Promise<boolean> | undefined;
/** The version of the stored dossier this page holds (GET/PUT /api/dossiers/courant: optimistic concurrency). */
let serverVersion = 0;

/** Returns whether the service keeps the candidate's dossier (GET /api/dossiers/courant answers something else than 404 RESSOURCE_INCONNUE). */
function serverKeepsDossiers(): Promise<boolean> {
  serverStore ??= fetch('/api/dossiers/courant', { credentials: 'same-origin' }).then(
    async (r) => {
      if (r.ok) return true;
      const type = r.headers.get('content-type') ?? '';
      if (!type.includes('json')) return false;
      const body = (await r.json()) as { code?: string };
      return body.code !== 'RESSOURCE_INCONNUE';
    },
    () => false,
  );
  return serverStore;
}

/** Returns the candidate's saved dossier (null when none) and where it is kept. */
export async function loadDossier(compte: Compte): Promise<{ dossier: unknown; stockage: Stockage }> {
  if (await serverKeepsDossiers()) {
    const r = await fetch('/api/dossiers/courant', { credentials: 'same-origin' });
    if (r.status === 404) return { dossier: null, stockage: 'serveur' };
    if (!r.ok) await call('/api/dossiers/courant');
    const body = (await r.json()) as { dossier?: unknown; version?: number };
    serverVersion = body.version ?? 0;
    return { dossier: body.dossier ?? null, stockage: 'serveur' };
  }
  const text = window.localStorage.getItem(LOCAL_KEY + String(compte.id));
  return { dossier: text === null ? null : (JSON.parse(text) as unknown), stockage: 'navigateur' };
}

/** Returns where the dossier was saved, once saved (the server when it keeps dossiers, else this browser). */
export async function saveDossier(compte: Compte, dossier: unknown): Promise<Stockage> {
  if (await serverKeepsDossiers()) {
    // The version this page loaded or last saved: a save from a stale tab is refused (409 DOSSIER_MODIFIE_AILLEURS).
    const r = await call('/api/dossiers/courant', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: serverVersion, dossier }) });
    serverVersion = ((await r.json()) as { version: number }).version;
    return 'serveur';
  }
  window.localStorage.setItem(LOCAL_KEY + String(compte.id), JSON.stringify(dossier));
  return 'navigateur';
}

/** Returns once the browser offered `fichier` for download. */
export function saveFile(fichier: Fichier): void {
  const url = URL.createObjectURL(fichier.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fichier.nom;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
