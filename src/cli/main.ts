/**
 * The command line: translates argv into calls of the public API and results into text or JSON.
 * Exit codes: 0 success / valid, 1 invalid data, 2 usage or input error.
 */
import { dirname, join } from 'node:path';
import { COPY_FILES, filesBeside, Paperasse, type ValidationResult } from '../api.ts';
import { parseJsonBytes, readFileLimited, readJsonFile, MAX_JSON_BYTES, formatBytes } from '../core/json.ts';
import { failure, success, type Result } from '../core/issues.ts';
import { ArgumentError, parseArguments, usageError, writeAtomically, writeInputError, writeIssues, type Streams } from './common.ts';
import { VERSION } from '../version.ts';
import { checkOutputFile, prepareOutputFolder } from './output.ts';
import { internalError } from '../core/incident.ts';

const HELP = `Paperasse ${VERSION} — formulaires officiels de l’alternance et du BTS Assurance

Utilisation :
  paperasse forms [--json]                         liste les formulaires
  paperasse schema <id>                            affiche le schéma JSON d’un formulaire
  paperasse validate <id> <fichier.json|-> [--json] valide des données (« - » : entrée standard) ;
                 [--calendrier <fichier.json>]     (validate, render, extract) calendrier de formation de l’année
                                                   pour la fiche de validation de mission
  paperasse render <id> <fichier.json|-> -o <sortie.pdf|sortie.docx> [--fillable] [--force]
                                                   produit le formulaire rempli (PDF ou Word selon l’extension) ;
                                                   --fillable : PDF à champs remplissables ;
                                                   --force : brouillon même si les données sont invalides
  paperasse render <id> --blank -o <sortie.pdf|sortie.docx> [--fillable]
                                                   produit le formulaire vierge
  paperasse render <lettre> <fichier.json|-> --template <modele.hbs> -o <sortie.pdf|sortie.docx>
                                                   produit une lettre avec le modèle de l’école
                                                   (vérifié d’abord : templates/letters/README.md)
  paperasse dossier check <dossier.json|-> [--json] contrôle de conformité du dossier professionnel (motifs de
                                                   « non valide » par épreuve, avertissements)
  paperasse dossier render <dossier.json> -o <dossier> [--force]
                                                   assemble les deux exemplaires (avec et sans l’établissement),
                                                   justificatifs insérés, signets, pages numérotées
  paperasse dossier grilles <dossier.json|-> -o <dossier> [--ccf]
                                                   grilles du jury E32 (ponctuelle, ou CCF) et E42, préremplies
                                                   et remplissables
  paperasse extract <fichier.pdf>… [--json] [--store <dossier>] [--expediteur <nom>] [--calendrier <fichier.json>]
                                                   relit des PDF renvoyés (champs remplis, données jointes ou
                                                   texte imprimé), les valide, liste les modifications et
                                                   vérifie les signatures ; --store : conserve les fichiers et
                                                   les résultats (SQLite) et reprend les lectures interrompues
  paperasse export <formulaire> --store <dossier> -o <sortie.csv|sortie.xlsx>
                                                   exporte les données reçues d’un formulaire (une ligne par
                                                   fichier)
  paperasse uploads --store <dossier> [--formulaire <id>] [--statut en-attente|traite|echec] [--json]
                                                   liste les fichiers reçus, leur état et leur résultat
  paperasse batch <lettre> <donnees.csv|donnees.xlsx> -o <sortie.zip> [--template modele.hbs] [--docx]
                 [--mapping correspondance.json] [--sheet feuille]
                                                   publipostage : un courrier par ligne valide du tableur, dans
                                                   un zip avec tout-imprimer.pdf et rapport.csv (lignes refusées)
  paperasse batch-modele <lettre> -o <modele.csv|modele.xlsx>
                                                   écrit le tableur vide (ligne d’en-têtes) d’un publipostage
  paperasse serve [--port 3000] [--host 127.0.0.1] démarre le service HTTP (données : PAPERASSE_DATA_DIR,
                                                   ./data par défaut)
  paperasse admin create <email> [--donnees <dossier>]
                                                   crée un compte admin du service ; le mot de passe est lu
                                                   sur l’entrée standard (ou PAPERASSE_ADMIN_MOT_DE_PASSE)
  paperasse remuneration <fiche.json> [--smic <brut mensuel>] [--smc <montant>] [--calendrier <fichier.json>] [--json]
                                                   rémunération minimale brute mensuelle, période par
                                                   période, du contrat d’une fiche de validation de mission
                                                   (Tableaux 6 et 7 du guide MIAGE, gratification de stage) ;
                                                   SMIC par défaut : celui en vigueur à chaque date
  paperasse help                                   affiche cette aide
  paperasse --version                              affiche la version

Codes de sortie : 0 valide / succès, 1 données invalides, 2 erreur d’utilisation ou de lecture
(pour extract : 2 quand rien n’a pu être lu ; pour batch : 0 tous les courriers produits, 1 des lignes
refusées, 2 tableur illisible).
`;

/** Runs one CLI invocation and returns its exit code (undefined while a server keeps running). */
export async function main(argv: string[], streams: Streams): Promise<number | undefined> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        streams.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        streams.stdout.write(`${VERSION}\n`);
        return 0;
      case 'forms':
        return formsCommand(rest, streams);
      case 'schema':
        return schemaCommand(rest, streams);
      case 'validate':
        return await validateCommand(rest, streams);
      case 'render':
        return await renderCommand(rest, streams);
      case 'dossier':
        return await dossierCommand(rest, streams);
      case 'extract':
        return await (await import('./extract.ts')).extractCommand(rest, streams);
      case 'export':
        return await (await import('./extract.ts')).exportCommand(rest, streams);
      case 'uploads':
        return (await import('./extract.ts')).uploadsCommand(rest, streams);
      case 'batch':
        return await (await import('../batch/cli.ts')).batchCommand(rest, streams);
      case 'batch-modele':
        return await (await import('../batch/cli.ts')).batchModeleCommand(rest, streams);
      case 'remuneration':
        return await (await import('./remuneration.ts')).remunerationCommand(rest, streams);
      case 'serve':
        return await serveCommand(rest, streams);
      case 'admin':
        return await adminCommand(rest, streams);
      default:
        return usageError(streams, `Commande inconnue « ${command} ».`);
    }
  } catch (e) {
    if (e instanceof ArgumentError) return usageError(streams, e.message);
    // A bug, not a user error: say so plainly with an incident id (logged without the error's message, which may
    // quote the user's data); the whole stack only when asked for.
    const issue = internalError(`paperasse ${command ?? ''}`.trim(), e);
    streams.stderr.write(`${issue.message}\n(code ${issue.code})\n`);
    if (process.env.PAPERASSE_DEBUG) streams.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return 2;
  }
}

/** Returns a Paperasse using the formation calendar of file `calendar` (--calendrier) when one is given, or why that file cannot be used. */
async function paperasseWithCalendar(calendar: string | boolean | undefined): Promise<Result<Paperasse>> {
  if (typeof calendar !== 'string') return success(new Paperasse());
  const read = await Paperasse.readCalendar(calendar);
  return read.ok ? success(new Paperasse(undefined, undefined, { calendrier: read.valeur })) : read;
}

function formsCommand(args: string[], streams: Streams): number {
  const { values } = parseArguments(args, { json: { type: 'boolean' } }, 0, 'paperasse forms [--json]');
  const forms = new Paperasse().forms();
  if (values.json) {
    streams.stdout.write(`${JSON.stringify(forms.map(({ id, titre: title, source }) => ({ id, titre: title, source })), null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...forms.map((f) => f.id.length));
  for (const f of forms) streams.stdout.write(`${f.id.padEnd(width)}  ${f.titre}  (source ${f.source})\n`);
  return 0;
}

function schemaCommand(args: string[], streams: Streams): number {
  const { positionals } = parseArguments(args, {}, 1, 'paperasse schema <id>');
  const r = new Paperasse().schema(positionals[0] ?? '');
  if (!r.ok) return writeInputError(streams, r.erreur, false);
  streams.stdout.write(`${JSON.stringify(r.valeur, null, 2)}\n`);
  return 0;
}

async function validateCommand(args: string[], streams: Streams): Promise<number> {
  const { positionals, values } = parseArguments(args, { json: { type: 'boolean' }, calendrier: { type: 'string' } }, 2, 'paperasse validate <id> <fichier.json|-> [--json] [--calendrier <fichier.json>]');
  const [id = '', file = ''] = positionals;
  const json = values.json === true;
  const made = await paperasseWithCalendar(values.calendrier);
  if (!made.ok) return writeInputError(streams, made.erreur, json);
  const paperasse = made.valeur;
  const form = paperasse.form(id);
  if (!form.ok) return writeInputError(streams, form.erreur, json);
  let result: Result<ValidationResult>;
  if (file === '-') {
    const read = await readStdin(streams.stdin);
    result = read.ok ? paperasse.validate(id, read.valeur) : read;
  } else {
    result = await paperasse.validateFile(id, file);
  }
  if (!result.ok) return writeInputError(streams, result.erreur, json);
  const { valide: valid, erreurs: errors, erreursNonListees: more = 0, avertissements: warnings = [] } = result.valeur;
  const name = file === '-' ? 'L’entrée standard' : file;
  if (json) {
    const report = { formulaire: id, valide: valid, erreurs: errors, ...(more > 0 ? { erreursNonListees: more } : {}), ...(warnings.length > 0 ? { avertissements: warnings } : {}) };
    streams.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (valid) {
    streams.stdout.write(`✓ ${name} est valide (${form.valeur.title}).\n`);
  } else {
    const n = errors.length + more;
    streams.stdout.write(`✗ ${name} n’est pas valide (${form.valeur.title}) : ${n} erreur${n > 1 ? 's' : ''}.\n`);
    for (const e of errors) streams.stdout.write(`  • ${e.message}\n    [${e.code}] ${e.chemin || '/'}\n`);
    if (more > 0) streams.stdout.write(`  … et ${more} autre${more > 1 ? 's' : ''} erreur${more > 1 ? 's' : ''} non listée${more > 1 ? 's' : ''} (les ${errors.length} premières dans l’ordre du formulaire sont affichées).\n`);
  }
  if (!json) for (const w of warnings) streams.stdout.write(`  ⚠ avertissement : ${w.message}\n    [${w.code}] ${w.chemin || '/'}\n`);
  return valid ? 0 : 1;
}

const RENDER_USAGE =
  'paperasse render <id> <fichier.json|-> -o <sortie.pdf|sortie.docx> [--fillable] [--force] [--template <modele.hbs>] | paperasse render <id> --blank -o <sortie> [--fillable]';

/** Largest letter template file read, in bytes. */
const MAX_TEMPLATE_BYTES = 512 * 1024;

async function renderCommand(args: string[], streams: Streams): Promise<number> {
  const options = {
    output: { type: 'string' as const, short: 'o' },
    fillable: { type: 'boolean' as const },
    blank: { type: 'boolean' as const },
    force: { type: 'boolean' as const },
    template: { type: 'string' as const },
    calendrier: { type: 'string' as const },
  };
  const blank = args.includes('--blank');
  const { positionals, values } = parseArguments(args, options, blank ? 1 : 2, RENDER_USAGE);
  const [id = '', file = ''] = positionals;
  const output = values.output;
  if (typeof output !== 'string' || output === '') throw new ArgumentError(`Le fichier de sortie manque (-o sortie.pdf ou -o sortie.docx). Utilisation : ${RENDER_USAGE}`);
  const format = /\.pdf$/i.test(output) ? 'pdf' : /\.docx$/i.test(output) ? 'docx' : undefined;
  if (!format) throw new ArgumentError(`Le fichier de sortie « ${output} » doit finir par .pdf ou .docx : c’est l’extension qui choisit le format.`);
  if (format === 'docx' && values.fillable) throw new ArgumentError('--fillable ne vaut que pour un PDF : un document Word est modifiable tel quel.');
  const made = await paperasseWithCalendar(values.calendrier);
  if (!made.ok) return writeInputError(streams, made.erreur, false);
  const paperasse = made.valeur;
  const form = paperasse.form(id);
  if (!form.ok) return writeInputError(streams, form.erreur, false);
  const target = checkOutputFile(output);
  if (!target.ok) return writeInputError(streams, target.erreur, false);
  let data: unknown;
  if (!blank) {
    const read = file === '-' ? await readStdin(streams.stdin) : await readJsonFile(file);
    if (!read.ok) return writeInputError(streams, read.erreur, false);
    data = read.valeur;
  }
  let modele: { modele: string; nomModele: string } | undefined;
  if (typeof values.template === 'string') {
    const bytes = await readFileLimited(values.template, MAX_TEMPLATE_BYTES);
    if (!bytes.ok) return writeInputError(streams, bytes.erreur, false);
    let source: string;
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(bytes.valeur).replace(/^\uFEFF/, '');
    } catch {
      return writeInputError(streams, { code: 'MODELE_ILLISIBLE', chemin: values.template, message: `Le modèle ${values.template} n’est pas un texte UTF-8 : enregistrez-le en UTF-8.` }, false);
    }
    modele = { modele: source, nomModele: values.template };
  }
  const request = { donnees: data, remplissable: values.fillable === true, brouillon: values.force === true, ...modele };
  const outcome = format === 'pdf' ? await paperasse.renderPdf(id, request) : await paperasse.renderDocx(id, request);
  const name = file === '-' ? 'L’entrée standard' : file;
  if (outcome.erreurs.length > 0) {
    const n = outcome.erreurs.length;
    streams.stderr.write(`✗ ${name} n’est pas valide (${form.valeur.title}) : ${n} erreur${n > 1 ? 's' : ''}.\n`);
    for (const e of outcome.erreurs) streams.stderr.write(`  • ${e.message}\n    [${e.code}] ${e.chemin || '/'}\n`);
  }
  if (!outcome.ok && outcome.erreur.code !== 'DONNEES_INVALIDES') return writeInputError(streams, outcome.erreur, false);
  if (!outcome.ok) {
    streams.stderr.write(`${outcome.erreur.message}\n(code ${outcome.erreur.code} ; --force produit un brouillon)\n`);
    return 1;
  }
  const written = await writeAtomically(output, outcome.octets);
  if (!written.ok) return writeInputError(streams, written.erreur, false);
  const kind = format === 'docx' ? 'Word' : values.fillable ? 'PDF remplissable' : 'PDF';
  const what = blank ? 'formulaire vierge' : outcome.brouillon ? 'BROUILLON' : 'document';
  streams.stdout.write(`✓ ${output} écrit (${kind}, ${what}, ${formatBytes(outcome.octets.length)}).\n`);
  return outcome.brouillon ? 1 : 0;
}

const DOSSIER_USAGE = 'paperasse dossier check <dossier.json|-> [--json] | paperasse dossier render <dossier.json> -o <dossier> [--force] | paperasse dossier grilles <dossier.json|-> -o <dossier> [--ccf]';

async function dossierCommand(args: string[], streams: Streams): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'check':
      return dossierCheck(rest, streams);
    case 'render':
      return dossierRender(rest, streams);
    case 'grilles':
      return dossierGrilles(rest, streams);
    default:
      throw new ArgumentError(`${sub === undefined ? 'Sous-commande manquante' : `Sous-commande inconnue « ${sub} »`}. Utilisation : ${DOSSIER_USAGE}`);
  }
}

/** Returns the dossier read from `file` (« - »: standard input), or the input error. */
async function readDossier(file: string, streams: Streams): Promise<Result<unknown>> {
  return file === '-' ? readStdin(streams.stdin) : readJsonFile(file);
}

async function dossierCheck(args: string[], streams: Streams): Promise<number> {
  const { positionals, values } = parseArguments(args, { json: { type: 'boolean' } }, 1, 'paperasse dossier check <dossier.json|-> [--json]');
  const [file = ''] = positionals;
  const json = values.json === true;
  const read = await readDossier(file, streams);
  if (!read.ok) return writeInputError(streams, read.erreur, json);
  const report = new Paperasse().checkDossier(read.valeur);
  if (json) {
    streams.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.conforme ? 0 : 1;
  }
  const name = file === '-' ? 'Le dossier (entrée standard)' : file;
  streams.stdout.write(report.conforme ? `✓ ${name} est conforme.\n` : `✗ ${name} n’est pas conforme : l’académie porterait la mention NV (non valide).\n`);
  for (const [epreuve, verdict] of Object.entries(report.epreuves)) {
    const n = verdict.motifs.length;
    streams.stdout.write(verdict.conforme ? `  ${epreuve} : conforme\n` : `  ${epreuve} : NON VALIDE — ${n} motif${n > 1 ? 's' : ''}\n`);
    writeIssues(streams.stdout, verdict.motifs, '    ');
  }
  if (report.avertissements.length > 0) {
    streams.stdout.write(`Avertissements (${report.avertissements.length}) :\n`);
    writeIssues(streams.stdout, report.avertissements);
  }
  if (report.erreurs.length > 0) {
    streams.stdout.write(`Erreurs de saisie (${report.erreurs.length}, code DONNEES_INVALIDES) :\n`);
    writeIssues(streams.stdout, report.erreurs);
  }
  return report.conforme ? 0 : 1;
}

function outputDirectory(value: unknown, usage: string): string {
  if (typeof value !== 'string' || value === '') throw new ArgumentError(`Le dossier de sortie manque (-o <dossier>). Utilisation : ${usage}`);
  return value;
}

async function dossierRender(args: string[], streams: Streams): Promise<number> {
  const usage = 'paperasse dossier render <dossier.json> -o <dossier> [--force]';
  const { positionals, values } = parseArguments(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' } }, 1, usage);
  const [file = ''] = positionals;
  const directory = outputDirectory(values.output, usage);
  if (file === '-') throw new ArgumentError('Le dossier se lit depuis un fichier : ses justificatifs sont cherchés à côté de lui.');
  const read = await readDossier(file, streams);
  if (!read.ok) return writeInputError(streams, read.erreur, false);
  const folder = prepareOutputFolder(directory);
  if (!folder.ok) return writeInputError(streams, folder.erreur, false);
  const outcome = await new Paperasse().renderDossier(read.valeur, { fichiers: filesBeside(dirname(file)), brouillon: values.force === true });
  if (!outcome.ok) {
    streams.stderr.write(`✗ ${outcome.erreur.message}\n`);
    writeIssues(streams.stderr, outcome.erreurs);
    if (outcome.erreur.code === 'DONNEES_INVALIDES') streams.stderr.write('(code DONNEES_INVALIDES ; --force produit des brouillons)\n');
    // A missing or unreadable document is an input error; anything else is the dossier's data.
    return outcome.erreurs.some((e) => e.code.startsWith('JUSTIFICATIF_')) ? 2 : 1;
  }
  for (const [copy, name] of Object.entries(COPY_FILES) as Array<[keyof typeof COPY_FILES, string]>) {
    const written = await writeAtomically(join(directory, name), outcome.exemplaires[copy]);
    if (!written.ok) return writeInputError(streams, written.erreur, false);
    streams.stdout.write(`✓ ${join(directory, name)} écrit (${outcome.brouillon ? 'BROUILLON, ' : ''}${formatBytes(outcome.exemplaires[copy].length)}).\n`);
  }
  const verdict = outcome.conformite;
  if (!verdict.conforme) {
    const motifs = Object.entries(verdict.epreuves).flatMap(([e, v]) => (v.conforme ? [] : [`${e} : ${v.motifs.length} motif${v.motifs.length > 1 ? 's' : ''}`]));
    streams.stderr.write(`⚠ Le dossier n’est pas conforme (${motifs.join(', ')}) : « paperasse dossier check ${file} » détaille les motifs.\n`);
  }
  return outcome.brouillon || !verdict.conforme ? 1 : 0;
}

async function dossierGrilles(args: string[], streams: Streams): Promise<number> {
  const usage = 'paperasse dossier grilles <dossier.json|-> -o <dossier> [--ccf]';
  const { positionals, values } = parseArguments(args, { output: { type: 'string', short: 'o' }, ccf: { type: 'boolean' } }, 1, usage);
  const [file = ''] = positionals;
  const directory = outputDirectory(values.output, usage);
  const read = await readDossier(file, streams);
  if (!read.ok) return writeInputError(streams, read.erreur, false);
  const folder = prepareOutputFolder(directory);
  if (!folder.ok) return writeInputError(streams, folder.erreur, false);
  const outcome = await new Paperasse().renderDossierGrids(read.valeur, { ccf: values.ccf === true });
  if (!outcome.ok) {
    streams.stderr.write(`✗ ${outcome.erreur.message}\n`);
    writeIssues(streams.stderr, outcome.erreurs);
    return 1;
  }
  for (const grid of outcome.grilles) {
    const path = join(directory, `${grid.formulaire}.pdf`);
    const written = await writeAtomically(path, grid.octets);
    if (!written.ok) return writeInputError(streams, written.erreur, false);
    streams.stdout.write(`✓ ${path} écrit (grille ${grid.epreuve} préremplie, remplissable, ${formatBytes(grid.octets.length)}).\n`);
  }
  return 0;
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<Result<unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_JSON_BYTES) {
      return failure('FICHIER_TROP_GROS', '-', `L’entrée standard dépasse la limite de ${formatBytes(MAX_JSON_BYTES)}.`);
    }
    chunks.push(b);
  }
  const read = parseJsonBytes(Buffer.concat(chunks), 'L’entrée standard');
  return read.ok ? success(read.valeur) : read;
}

async function serveCommand(args: string[], streams: Streams): Promise<number | undefined> {
  const { values } = parseArguments(args, { port: { type: 'string' }, host: { type: 'string' } }, 0, 'paperasse serve [--port 3000] [--host 127.0.0.1]');
  const text = String(values.port ?? process.env.PORT ?? '3000');
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new ArgumentError(`Port invalide « ${text} » : un nombre entre 0 et 65535 est attendu.`);
  const host = String(values.host ?? process.env.HOST ?? '127.0.0.1');
  const { startServer } = await import('../../server/index.ts');
  const { HttpIssue } = await import('../../server/errors.ts');
  let server;
  try {
    server = await startServer({ port, host });
  } catch (error) {
    if (!(error instanceof HttpIssue)) throw error;
    streams.stderr.write(`${error.issue.message}\n(code ${error.issue.code})\n`);
    return 2;
  }
  streams.stdout.write(`Paperasse ${VERSION} écoute sur ${server.url} (Ctrl+C pour arrêter)\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}

const ADMIN_USAGE = 'paperasse admin create <email> [--donnees <dossier>]';

/** Returns the exit code of `paperasse admin create`: 0 created, 2 usage, folder, e-mail taken or password refused. */
async function adminCommand(args: string[], streams: Streams): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new ArgumentError(`Utilisation : ${ADMIN_USAGE}`);
  const { positionals, values } = parseArguments(rest, { donnees: { type: 'string' } }, 1, ADMIN_USAGE);
  const email = positionals[0] ?? '';
  let motDePasse = process.env.PAPERASSE_ADMIN_MOT_DE_PASSE;
  if (motDePasse === undefined) {
    const chunks: Buffer[] = [];
    for await (const chunk of streams.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    motDePasse = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const { createAdmin } = await import('../auth/admin.ts');
  const { defaultDataDir } = await import('../../server/index.ts');
  const dataDir = typeof values.donnees === 'string' ? values.donnees : defaultDataDir();
  const created = await createAdmin(dataDir, email, motDePasse);
  if (!created.ok) {
    streams.stderr.write(`${created.erreur.message}\n(code ${created.erreur.code})\n`);
    return 2;
  }
  streams.stdout.write(`Compte admin n° ${created.valeur.id} créé dans ${dataDir}.\n`);
  return 0;
}
