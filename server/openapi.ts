/**
 * The OpenAPI 3.1 description of the service (`GET /api/openapi.json`), with every form's JSON Schema in
 * `components.schemas` (their cross-file references rewritten to point inside the document, so that it is
 * self-contained: no tool needs the network to read it).
 */
import { readFileSync } from 'node:fs';
import type { Paperasse } from '../src/api.ts';
import { projectPath } from '../src/core/paths.ts';
import { ERROR_CODES } from '../src/core/issues.ts';
import { VERSION } from '../src/version.ts';

type Json = Record<string, unknown>;

/** Returns the component name of a schema file (`fiche-client.schema.json` → `formulaire-fiche-client`). */
function componentOf(file: string): string {
  return `formulaire-${file.replace(/\.schema\.json$/, '')}`;
}

/** Returns a copy of a schema with `$id`/`$schema` removed and its references rewritten inside the OpenAPI document. */
function relocate(node: unknown, own: string): unknown {
  if (Array.isArray(node)) return node.map((n) => relocate(n, own));
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$id' || key === '$schema') continue;
    if (key === '$ref' && typeof value === 'string') {
      const [file, fragment = ''] = value.split('#');
      const target = file === '' || file === undefined ? own : componentOf(file.slice(file.lastIndexOf('/') + 1));
      out[key] = `#/components/schemas/${target}${fragment}`;
      continue;
    }
    out[key] = relocate(value, own);
  }
  return out;
}

const problem = { description: 'Erreur (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Probleme' } } } };
const json = (schema: Json, description = 'Réponse') => ({ description, content: { 'application/json': { schema } } });
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string', contentEncoding: 'binary' } } } });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), problem]));
const idParam = (name: string, description: string, schema: Json = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema });
const query = (name: string, description: string, schema: Json = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
const anyJson = { type: 'object', additionalProperties: true };
const PUBLIC: Json[] = [];

/** Returns the OpenAPI 3.1 document of the service. */
export function openApiDocument(paperasse: Paperasse): Json {
  const schemas: Json = {
    Probleme: {
      type: 'object',
      required: ['type', 'title', 'status', 'code', 'detail', 'erreurs'],
      properties: {
        type: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        status: { type: 'integer' },
        code: { type: 'string', description: `Un code du catalogue (${Object.keys(ERROR_CODES).length} codes, voir le README) ou d’une règle de formulaire.` },
        detail: { type: 'string', description: 'Le message en français.' },
        instance: { type: 'string' },
        erreurs: { type: 'array', items: { $ref: '#/components/schemas/Erreur' } },
        erreur: { $ref: '#/components/schemas/Erreur' },
      },
    },
    Erreur: { type: 'object', required: ['code', 'chemin', 'message'], properties: { code: { type: 'string' }, chemin: { type: 'string' }, message: { type: 'string' } } },
    Compte: {
      type: 'object',
      properties: { id: { type: 'integer' }, email: { type: 'string' }, role: { enum: ['candidat', 'etablissement', 'admin'] }, etablissement: { type: ['string', 'null'] }, creeLe: { type: 'string' } },
    },
    Tache: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        type: { type: 'string' },
        etat: { enum: ['en-attente', 'en-cours', 'terminee', 'echec'] },
        progression: { type: 'number', minimum: 0, maximum: 1 },
        message: { type: ['string', 'null'] },
        tentatives: { type: 'integer' },
        raison: { oneOf: [{ $ref: '#/components/schemas/Erreur' }, { type: 'null' }] },
        resultat: { type: ['string', 'null'] },
      },
    },
    GrilleRemuneration: {
      type: 'object',
      required: ['periodes', 'explications'],
      properties: {
        periodes: {
          type: 'array',
          items: {
            type: 'object',
            required: ['du', 'au', 'anneeContrat', 'trancheAge', 'taux', 'base', 'montantMensuelBrut'],
            properties: {
              du: { type: 'string', format: 'date' },
              au: { type: 'string', format: 'date' },
              anneeContrat: { type: ['integer', 'null'] },
              trancheAge: { type: ['string', 'null'] },
              taux: { type: ['number', 'null'] },
              base: { enum: ['SMIC', 'SMC', 'GRATIFICATION'] },
              montantMensuelBrut: { type: 'number', description: 'En euros, arrondi au centime' },
            },
          },
        },
        explications: { type: 'array', items: { type: 'string' } },
      },
    },
    TacheCreee: { type: 'object', properties: { tache: { type: 'string' }, etat: { type: 'string' }, url: { type: 'string' } } },
    Depot: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        sha256: { type: 'string' },
        statut: { enum: ['en-attente', 'traite', 'echec'] },
        formulaire: { type: ['string', 'null'] },
        source: { type: ['string', 'null'] },
        valide: { type: ['boolean', 'null'] },
        resultat: {},
        personne: { type: ['string', 'null'], description: '« Prénom Nom » de la personne du formulaire (candidat, alternant…)' },
        signatures: { type: 'array', items: { type: 'object', properties: { signataire: { type: 'string' }, date: { type: ['string', 'null'] }, integre: { type: 'boolean' }, modifieApresSignature: { type: 'boolean' } } } },
        modifieApresSignature: { type: 'boolean' },
        nombreModifications: { type: 'integer' },
      },
    },
    DossierCourant: { type: 'object', properties: { dossier: { oneOf: [{ $ref: '#/components/schemas/formulaire-dossier-professionnel' }, { type: 'null' }] }, version: { type: 'integer', minimum: 0 }, majLe: { type: ['string', 'null'] } } },
    Colonnes: {
      type: 'object',
      properties: {
        format: { type: 'string' },
        lignes: { type: 'integer' },
        colonnes: {
          type: 'array',
          items: {
            type: 'object',
            properties: { index: { type: 'integer' }, entete: { type: 'string' }, statut: { enum: ['reconnue', 'ignoree', 'inconnue', 'en-double'] }, chemin: { type: ['string', 'null'] }, champ: { type: ['string', 'null'] }, suggestion: { type: 'string' } },
          },
        },
        inconnues: { type: 'array', items: { type: 'string' } },
        champs: { type: 'array', items: { type: 'object', properties: { chemin: { type: 'string' }, entete: { type: 'string' } } } },
        pret: { type: 'boolean' },
        erreur: { $ref: '#/components/schemas/Erreur' },
      },
    },
  };
  const files = new Set<string>(['communs.schema.json']);
  for (const f of paperasse.forms()) files.add(`${f.id}.schema.json`);
  for (const name of files) {
    const id = name.replace(/\.schema\.json$/, '');
    const s = paperasse.schema(id);
    const doc = s.ok ? s.valeur : id === 'communs' ? commonSchema() : undefined;
    if (doc !== undefined) schemas[componentOf(name)] = relocate(doc, componentOf(name));
  }
  const formBody = { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/DonneesFormulaire' } } } };
  schemas.DonneesFormulaire = { description: 'Les données d’un formulaire : voir formulaire-<id>.', oneOf: paperasse.forms().map((f) => ({ $ref: `#/components/schemas/${componentOf(`${f.id}.schema.json`)}` })) };
  const formId = idParam('id', 'Identifiant du formulaire', { enum: paperasse.forms().map((f) => f.id) });
  const multipartBody = (properties: Json, required: string[]) => ({ required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties, required } } } });
  const binary = { type: 'string', contentEncoding: 'binary' };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Paperasse',
      version: VERSION,
      description: 'Formulaires de l’alternance et du BTS Assurance : validation, rendu, dossiers, dépôts des PDF renvoyés, tâches. Les erreurs sont en application/problem+json (RFC 9457).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    security: [{ jeton: [] }, { session: [] }],
    tags: [{ name: 'formulaires' }, { name: 'session' }, { name: 'dossiers' }, { name: 'depots' }, { name: 'taches' }],
    paths: {
      '/api/formulaires': { get: { tags: ['formulaires'], operationId: 'listerFormulaires', summary: 'Liste des formulaires', security: PUBLIC, responses: { 200: json({ type: 'array', items: anyJson }) } } },
      '/api/formulaires/{id}': { get: { tags: ['formulaires'], operationId: 'decrireFormulaire', summary: 'Description et règles d’un formulaire', security: PUBLIC, parameters: [formId], responses: { 200: json(anyJson), ...errors(404) } } },
      '/api/formulaires/{id}/schema': {
        get: { tags: ['formulaires'], operationId: 'schemaFormulaire', summary: 'Schéma JSON (2020-12)', security: PUBLIC, parameters: [formId], responses: { 200: { description: 'Schéma', content: { 'application/schema+json': { schema: anyJson } } }, ...errors(404) } },
      },
      '/api/formulaires/{id}/exemple': { get: { tags: ['formulaires'], operationId: 'exempleFormulaire', summary: 'Exemple valide (données fictives)', security: PUBLIC, parameters: [formId], responses: { 200: json(anyJson), ...errors(404) } } },
      '/api/formulaires/{id}/validation': {
        post: { tags: ['formulaires'], operationId: 'validerFormulaire', summary: 'Valide un document', parameters: [formId], requestBody: formBody, responses: { 200: json(anyJson, 'Résultat de validation'), ...errors(400, 401, 404, 413, 415) } },
      },
      '/api/formulaires/{id}/rendu': {
        post: {
          tags: ['formulaires'],
          operationId: 'rendreFormulaire',
          summary: 'Produit le PDF ou le .docx d’un formulaire',
          parameters: [formId, query('format', 'pdf (défaut) ou docx', { enum: ['pdf', 'docx'] }), query('remplissable', 'PDF à champs', { type: 'boolean' }), query('brouillon', 'brouillon malgré les erreurs', { type: 'boolean' }), query('vierge', 'formulaire vierge (sans corps)', { type: 'boolean' })],
          requestBody: { ...formBody, required: false },
          responses: { 200: { description: 'Le document', content: { 'application/pdf': { schema: binary }, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: binary } } }, ...errors(400, 401, 404, 413, 415, 422) },
        },
      },
      '/api/remuneration': {
        post: {
          tags: ['formulaires'],
          operationId: 'calculerRemuneration',
          summary: 'Rémunération minimale d’un contrat d’alternance, période par période (guide MIAGE, §4.2)',
          description:
            'Le corps est une fiche de validation de mission (fiche-validation-mission), ou l’enveloppe { fiche, smic, smc, calendrier }. La réponse est celle de « paperasse remuneration --json ». SMIC et SMC : paramètres de l’adresse ou champs de l’enveloppe (pas les deux).',
          parameters: [
            query('smic', 'SMIC brut mensuel (35 heures) appliqué à tout le contrat ; par défaut, celui en vigueur à chaque date', { type: 'number', exclusiveMinimum: 0 }),
            query('smc', 'salaire minimum conventionnel brut mensuel ; par défaut, contrat.smc de la fiche', { type: 'number', exclusiveMinimum: 0 }),
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    { $ref: '#/components/schemas/formulaire-fiche-validation-mission' },
                    {
                      type: 'object',
                      required: ['fiche'],
                      additionalProperties: false,
                      properties: {
                        fiche: { $ref: '#/components/schemas/formulaire-fiche-validation-mission' },
                        smic: { type: 'number', exclusiveMinimum: 0 },
                        smc: { type: 'number', exclusiveMinimum: 0 },
                        calendrier: { type: 'object', description: 'Calendrier de formation de l’année (comme src/referentiels/calendriers/2025-2026.json)' },
                      },
                    },
                  ],
                },
              },
            },
          },
          responses: { 200: json({ $ref: '#/components/schemas/GrilleRemuneration' }, 'La grille de rémunération minimale'), ...errors(400, 401, 413, 415, 422) },
        },
      },
      '/api/session': {
        post: {
          tags: ['session'],
          operationId: 'connexion',
          summary: 'Connexion (cookie de session HTTP-only)',
          security: PUBLIC,
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['email', 'motDePasse'], properties: { email: { type: 'string' }, motDePasse: { type: 'string' } } } } } },
          responses: { 201: json({ type: 'object', properties: { compte: { $ref: '#/components/schemas/Compte' } } }), ...errors(400, 401, 429) },
        },
        get: { tags: ['session'], operationId: 'quiSuisJe', summary: 'Le compte connecté', responses: { 200: json({ type: 'object', properties: { compte: { $ref: '#/components/schemas/Compte' }, via: { enum: ['cookie', 'jeton'] } } }), ...errors(401) } },
        delete: { tags: ['session'], operationId: 'deconnexion', summary: 'Déconnexion', responses: { 204: { description: 'Session fermée' }, ...errors(401) } },
      },
      '/api/comptes': {
        post: {
          tags: ['session'],
          operationId: 'creerCompte',
          summary: 'Crée un compte (admin)',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['email', 'motDePasse', 'role'], properties: { email: { type: 'string' }, motDePasse: { type: 'string', minLength: 12 }, role: { enum: ['candidat', 'etablissement', 'admin'] }, etablissement: { type: 'string' } } } } } },
          responses: { 201: json({ type: 'object', properties: { compte: { $ref: '#/components/schemas/Compte' } } }), ...errors(401, 403, 409, 422) },
        },
        get: { tags: ['session'], operationId: 'listerComptes', summary: 'Liste des comptes (admin)', responses: { 200: json({ type: 'object', properties: { comptes: { type: 'array', items: { $ref: '#/components/schemas/Compte' } } } }), ...errors(401, 403) } },
      },
      '/api/jetons': {
        post: {
          tags: ['session'],
          operationId: 'creerJeton',
          summary: 'Crée un jeton d’API pour le compte connecté',
          requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { nom: { type: 'string' } } } } } },
          responses: { 201: json({ type: 'object', properties: { id: { type: 'integer' }, jeton: { type: 'string' } } }), ...errors(401) },
        },
        get: { tags: ['session'], operationId: 'listerJetons', summary: 'Jetons du compte', responses: { 200: json(anyJson), ...errors(401) } },
      },
      '/api/jetons/{id}': { delete: { tags: ['session'], operationId: 'revoquerJeton', summary: 'Révoque un jeton', parameters: [idParam('id', 'Numéro du jeton', { type: 'integer' })], responses: { 204: { description: 'Révoqué' }, ...errors(401, 404) } } },
      '/api/dossiers/controle': {
        post: { tags: ['dossiers'], operationId: 'controlerDossier', summary: 'Rapport de conformité d’un dossier professionnel', requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/formulaire-dossier-professionnel' } } } }, responses: { 200: json(anyJson), ...errors(400, 401, 413, 415) } },
      },
      '/api/dossiers/rendu': {
        post: {
          tags: ['dossiers'],
          operationId: 'rendreDossier',
          summary: 'Les deux exemplaires et le rapport dans un zip (ou une tâche avec asynchrone=true)',
          parameters: [query('brouillon', 'brouillon malgré les erreurs', { type: 'boolean' }), query('asynchrone', 'crée une tâche au lieu d’attendre', { type: 'boolean' })],
          requestBody: multipartBody({ dossier: binary, justificatifs: { type: 'array', items: binary } }, ['dossier']),
          responses: { 200: file('application/zip', 'Le zip'), 202: json({ $ref: '#/components/schemas/TacheCreee' }), ...errors(400, 401, 413, 422) },
        },
      },
      '/api/dossiers/grilles': {
        post: {
          tags: ['dossiers'],
          operationId: 'grillesDossier',
          summary: 'Grilles d’évaluation préremplies (zip)',
          parameters: [query('ccf', 'grilles de CCF', { type: 'boolean' })],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/formulaire-dossier-professionnel' } } } },
          responses: { 200: file('application/zip', 'Le zip'), ...errors(400, 401, 422) },
        },
      },
      '/api/publipostages/{lettre}': {
        post: {
          tags: ['taches'],
          operationId: 'publipostage',
          summary: 'Lance un publipostage (tâche)',
          parameters: [idParam('lettre', 'Identifiant du formulaire (lettre)')],
          requestBody: multipartBody({ tableur: binary, modele: binary, correspondance: binary }, ['tableur']),
          responses: { 202: json({ $ref: '#/components/schemas/TacheCreee' }), ...errors(400, 401, 403, 404, 415, 501) },
        },
      },
      '/api/dossiers/courant': {
        get: { tags: ['dossiers'], operationId: 'lireDossierCourant', summary: 'Le dossier enregistré du candidat connecté (version 0 : aucun)', responses: { 200: json({ $ref: '#/components/schemas/DossierCourant' }), ...errors(401, 403) } },
        put: {
          tags: ['dossiers'],
          operationId: 'enregistrerDossierCourant',
          summary: 'Enregistre le dossier du candidat (version : celle que vous modifiez ; 409 DOSSIER_MODIFIE_AILLEURS si elle a changé)',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['version', 'dossier'], properties: { version: { type: 'integer', minimum: 0 }, dossier: anyJson } } } } },
          responses: { 200: json({ type: 'object', properties: { version: { type: 'integer' }, majLe: { type: 'string' } } }), ...errors(400, 401, 403, 409, 413, 415, 422) },
        },
      },
      '/api/etablissement/candidats': {
        get: { tags: ['dossiers'], operationId: 'candidatsEtablissement', summary: 'Les candidats de l’établissement, avec la conformité de leur dossier', responses: { 200: json({ type: 'object', properties: { candidats: { type: 'array', items: anyJson } } }), ...errors(401, 403) } },
      },
      '/api/etablissement/candidats/{id}/dossier': {
        get: { tags: ['dossiers'], operationId: 'dossierCandidat', summary: 'Le dossier d’un candidat de l’établissement (lecture seule) et son rapport de conformité', parameters: [idParam('id', 'Numéro du compte du candidat', { type: 'integer' })], responses: { 200: json(anyJson), ...errors(401, 403, 404) } },
      },
      '/api/publipostages': {
        get: { tags: ['taches'], operationId: 'lettresPublipostage', summary: 'Les lettres d’un publipostage (leur modèle peut être remplacé)', responses: { 200: json({ type: 'object', properties: { lettres: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, titre: { type: 'string' } } } } } }), ...errors(401, 403) } },
      },
      '/api/publipostages/{lettre}/modele': {
        get: { tags: ['taches'], operationId: 'modeleStandard', summary: 'Le modèle standard d’une lettre (Handlebars), point de départ du modèle de l’établissement', parameters: [idParam('lettre', 'Identifiant du formulaire (lettre)')], responses: { 200: { description: 'Le modèle', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errors(401, 403, 404, 422) } },
      },
      '/api/publipostages/{lettre}/colonnes': {
        post: {
          tags: ['taches'],
          operationId: 'colonnesPublipostage',
          summary: 'Correspondance des colonnes d’un tableur avec les champs de la lettre',
          parameters: [idParam('lettre', 'Identifiant du formulaire (lettre)')],
          requestBody: multipartBody({ tableur: binary, correspondance: binary }, ['tableur']),
          responses: { 200: json({ $ref: '#/components/schemas/Colonnes' }), ...errors(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      '/api/publipostages/{lettre}/modele/verification': {
        post: {
          tags: ['taches'],
          operationId: 'verifierModele',
          summary: 'Vérifie un modèle de lettre (.hbs) : chaque erreur avec sa ligne et sa colonne',
          parameters: [idParam('lettre', 'Identifiant du formulaire (lettre)')],
          requestBody: multipartBody({ modele: binary }, ['modele']),
          responses: { 200: json({ type: 'object', properties: { valide: { type: 'boolean' }, erreurs: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/Erreur' }, { type: 'object', properties: { ligne: { type: ['integer', 'null'] }, colonne: { type: ['integer', 'null'] } } }] } } } }), ...errors(400, 401, 403, 404, 422) },
        },
      },
      '/api/publipostages/{lettre}/modele/apercu': {
        post: {
          tags: ['taches'],
          operationId: 'apercuModele',
          summary: 'PDF de la lettre de la première ligne valide du tableur (avec le modèle donné, ou le modèle standard)',
          parameters: [idParam('lettre', 'Identifiant du formulaire (lettre)')],
          requestBody: multipartBody({ tableur: binary, modele: binary, correspondance: binary }, ['tableur']),
          responses: { 200: file('application/pdf', 'La lettre (en-tête X-Paperasse-Ligne : son numéro de ligne)'), ...errors(400, 401, 403, 404, 413, 415, 422) },
        },
      },
      '/api/taches/{id}/rapport': {
        get: {
          tags: ['taches'],
          operationId: 'rapportTache',
          summary: 'Lignes refusées d’un publipostage terminé (le zip contient aussi rapport.csv)',
          parameters: [idParam('id', 'Identifiant de la tâche')],
          responses: {
            200: json({
              type: 'object',
              properties: {
                source: { type: 'string' },
                total: { type: 'integer' },
                produites: { type: 'integer' },
                lignesRefusees: { type: 'array', items: { type: 'integer' } },
                rapport: { type: 'array', items: { type: 'object', properties: { ligne: { type: 'integer' }, colonne: { type: 'string' }, code: { type: 'string' }, motif: { type: 'string' } } } },
              },
            }),
            ...errors(401, 404, 409),
          },
        },
      },
      '/api/taches/{id}': { get: { tags: ['taches'], operationId: 'etatTache', summary: 'État d’une tâche', parameters: [idParam('id', 'Identifiant de la tâche')], responses: { 200: json({ $ref: '#/components/schemas/Tache' }), ...errors(401, 404) } } },
      '/api/taches/{id}/evenements': {
        get: { tags: ['taches'], operationId: 'evenementsTache', summary: 'Progression (Server-Sent Events)', parameters: [idParam('id', 'Identifiant de la tâche')], responses: { 200: { description: 'Flux text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(401, 404) } },
      },
      '/api/taches/{id}/resultat': {
        get: { tags: ['taches'], operationId: 'resultatTache', summary: 'Résultat d’une tâche terminée', parameters: [idParam('id', 'Identifiant de la tâche')], responses: { 200: file('application/zip', 'Le zip'), ...errors(401, 404, 409) } },
      },
      '/api/depots': {
        post: {
          tags: ['depots'],
          operationId: 'deposer',
          summary: 'Dépose un ou plusieurs PDF renvoyés (conservés avant lecture)',
          requestBody: multipartBody({ fichiers: { type: 'array', items: binary } }, ['fichiers']),
          responses: { 202: json({ type: 'object', properties: { depots: { type: 'array', items: anyJson } } }), ...errors(400, 401, 403, 413) },
        },
        get: {
          tags: ['depots'],
          operationId: 'listerDepots',
          summary: 'Dépôts de l’établissement',
          parameters: [query('formulaire', 'filtre par formulaire'), query('statut', 'filtre par statut', { enum: ['en-attente', 'traite', 'echec'] })],
          responses: { 200: json({ type: 'object', properties: { depots: { type: 'array', items: { $ref: '#/components/schemas/Depot' } } } }), ...errors(401, 403) },
        },
      },
      '/api/depots/export': {
        get: {
          tags: ['depots'],
          operationId: 'exporterDepots',
          summary: 'Tableur des données lues (CSV ou XLSX)',
          parameters: [{ ...query('formulaire', 'le formulaire'), required: true }, query('format', 'csv (défaut) ou xlsx', { enum: ['csv', 'xlsx'] })],
          responses: { 200: { description: 'Le tableur', content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary } } }, ...errors(400, 401, 403, 404) },
        },
      },
      '/api/depots/{id}': { get: { tags: ['depots'], operationId: 'detailDepot', summary: 'Un dépôt et sa lecture', parameters: [idParam('id', 'Numéro du dépôt', { type: 'integer' })], responses: { 200: json({ $ref: '#/components/schemas/Depot' }), ...errors(401, 403, 404) } } },
      '/api/depots/{id}/original': { get: { tags: ['depots'], operationId: 'originalDepot', summary: 'Le PDF reçu, octet pour octet', parameters: [idParam('id', 'Numéro du dépôt', { type: 'integer' })], responses: { 200: file('application/pdf', 'Le PDF'), ...errors(401, 403, 404) } } },
    },
    components: {
      securitySchemes: {
        jeton: { type: 'http', scheme: 'bearer', description: 'Jeton créé par POST /api/jetons' },
        session: { type: 'apiKey', in: 'cookie', name: 'paperasse_session', description: 'Cookie posé par POST /api/session' },
      },
      schemas,
    },
  };
}

/** Returns the shared schema document (communs.schema.json), which no form owns. */
function commonSchema(): unknown {
  return JSON.parse(readFileSync(projectPath('schemas/communs.schema.json'), 'utf8')) as unknown;
}
