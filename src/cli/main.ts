/**
 * The command line: translates argv into calls of the public API and results into text or JSON.
 * Exit codes: 0 success / valid, 1 invalid data, 2 usage or input error.
 */
import { parseArgs } from 'node:util';
import { Paperasse, type Erreur, type ResultatValidation } from '../api.ts';
import { analyserOctetsJson, TAILLE_MAX_JSON, formaterOctets } from '../core/json.ts';
import { echec, succes, type Resultat } from '../core/erreurs.ts';
import { VERSION } from '../version.ts';

/** The streams the CLI talks to (injected so tests can run it in-process). */
export interface Flux {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

const AIDE = `Paperasse ${VERSION} — formulaires officiels de l’alternance et du BTS Assurance

Utilisation :
  paperasse forms [--json]                         liste les formulaires
  paperasse schema <id>                            affiche le schéma JSON d’un formulaire
  paperasse validate <id> <fichier.json|-> [--json] valide des données (« - » : entrée standard)
  paperasse serve [--port 3000] [--host 127.0.0.1] démarre le service HTTP
  paperasse help                                   affiche cette aide
  paperasse --version                              affiche la version

Codes de sortie : 0 valide / succès, 1 données invalides, 2 erreur d’utilisation ou de lecture.
`;

/** Runs one CLI invocation and returns its exit code (undefined while a server keeps running). */
export async function main(argv: string[], flux: Flux): Promise<number | undefined> {
  const [commande, ...reste] = argv;
  try {
    switch (commande) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        flux.stdout.write(AIDE);
        return commande === undefined ? 2 : 0;
      case '--version':
      case '-v':
        flux.stdout.write(`${VERSION}\n`);
        return 0;
      case 'forms':
        return commandeForms(reste, flux);
      case 'schema':
        return commandeSchema(reste, flux);
      case 'validate':
        return await commandeValidate(reste, flux);
      case 'serve':
        return await commandeServe(reste, flux);
      default:
        return erreurUsage(flux, `Commande inconnue « ${commande} ».`);
    }
  } catch (e) {
    if (e instanceof ErreurArguments) return erreurUsage(flux, e.message);
    // A bug, not a user error: say so plainly, without a stack trace unless asked for.
    flux.stderr.write(`Erreur interne de Paperasse (ERREUR_INTERNE) : ${(e as Error).message}\n`);
    if (process.env.PAPERASSE_DEBUG) flux.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return 2;
  }
}

class ErreurArguments extends Error {}

function lireArguments(args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionnels: number, usage: string) {
  let analyse;
  try {
    analyse = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message;
    const option = /'(-[^']+)'/.exec(message)?.[1];
    throw new ErreurArguments(option ? `Option inconnue ou incomplète « ${option} ». Utilisation : ${usage}` : `Arguments invalides. Utilisation : ${usage}`);
  }
  if (analyse.positionals.length !== positionnels) {
    throw new ErreurArguments(`${positionnels} argument(s) attendu(s), ${analyse.positionals.length} reçu(s). Utilisation : ${usage}`);
  }
  return analyse;
}

function erreurUsage(flux: Flux, message: string): number {
  flux.stderr.write(`${message}\n(code USAGE — « paperasse help » pour l’aide)\n`);
  return 2;
}

function ecrireErreurEntree(flux: Flux, erreur: Erreur, json: boolean): number {
  if (json) flux.stdout.write(`${JSON.stringify({ erreur }, null, 2)}\n`);
  else flux.stderr.write(`${erreur.message}\n(code ${erreur.code})\n`);
  return 2;
}

function commandeForms(args: string[], flux: Flux): number {
  const { values } = lireArguments(args, { json: { type: 'boolean' } }, 0, 'paperasse forms [--json]');
  const formulaires = new Paperasse().formulaires();
  if (values.json) {
    flux.stdout.write(`${JSON.stringify(formulaires.map(({ id, titre, source }) => ({ id, titre, source })), null, 2)}\n`);
    return 0;
  }
  const largeur = Math.max(...formulaires.map((f) => f.id.length));
  for (const f of formulaires) flux.stdout.write(`${f.id.padEnd(largeur)}  ${f.titre}  (source ${f.source})\n`);
  return 0;
}

function commandeSchema(args: string[], flux: Flux): number {
  const { positionals } = lireArguments(args, {}, 1, 'paperasse schema <id>');
  const r = new Paperasse().schema(positionals[0] ?? '');
  if (!r.ok) return ecrireErreurEntree(flux, r.erreur, false);
  flux.stdout.write(`${JSON.stringify(r.valeur, null, 2)}\n`);
  return 0;
}

async function commandeValidate(args: string[], flux: Flux): Promise<number> {
  const { positionals, values } = lireArguments(args, { json: { type: 'boolean' } }, 2, 'paperasse validate <id> <fichier.json|-> [--json]');
  const [id = '', fichier = ''] = positionals;
  const json = values.json === true;
  const paperasse = new Paperasse();
  const formulaire = paperasse.formulaire(id);
  if (!formulaire.ok) return ecrireErreurEntree(flux, formulaire.erreur, json);
  let resultat: Resultat<ResultatValidation>;
  if (fichier === '-') {
    const lu = await lireEntreeStandard(flux.stdin);
    resultat = lu.ok ? paperasse.valider(id, lu.valeur) : lu;
  } else {
    resultat = await paperasse.validerFichier(id, fichier);
  }
  if (!resultat.ok) return ecrireErreurEntree(flux, resultat.erreur, json);
  const { valide, erreurs } = resultat.valeur;
  const nom = fichier === '-' ? 'L’entrée standard' : fichier;
  if (json) {
    flux.stdout.write(`${JSON.stringify({ formulaire: id, valide, erreurs }, null, 2)}\n`);
  } else if (valide) {
    flux.stdout.write(`✓ ${nom} est valide (${formulaire.valeur.titre}).\n`);
  } else {
    const n = erreurs.length;
    flux.stdout.write(`✗ ${nom} n’est pas valide (${formulaire.valeur.titre}) : ${n} erreur${n > 1 ? 's' : ''}.\n`);
    for (const e of erreurs) flux.stdout.write(`  • ${e.message}\n    [${e.code}] ${e.chemin || '/'}\n`);
  }
  return valide ? 0 : 1;
}

async function lireEntreeStandard(stdin: NodeJS.ReadableStream): Promise<Resultat<unknown>> {
  const morceaux: Buffer[] = [];
  let taille = 0;
  for await (const morceau of stdin) {
    const b = typeof morceau === 'string' ? Buffer.from(morceau) : morceau;
    taille += b.length;
    if (taille > TAILLE_MAX_JSON) {
      return echec('FICHIER_TROP_GROS', '-', `L’entrée standard dépasse la limite de ${formaterOctets(TAILLE_MAX_JSON)}.`);
    }
    morceaux.push(b);
  }
  const lu = analyserOctetsJson(Buffer.concat(morceaux), 'L’entrée standard');
  return lu.ok ? succes(lu.valeur) : lu;
}

async function commandeServe(args: string[], flux: Flux): Promise<number | undefined> {
  const { values } = lireArguments(args, { port: { type: 'string' }, host: { type: 'string' } }, 0, 'paperasse serve [--port 3000] [--host 127.0.0.1]');
  const texte = String(values.port ?? process.env.PORT ?? '3000');
  const port = Number(texte);
  if (!/^\d+$/.test(texte) || port > 65535) throw new ErreurArguments(`Port invalide « ${texte} » : un nombre entre 0 et 65535 est attendu.`);
  const host = String(values.host ?? process.env.HOST ?? '127.0.0.1');
  const { demarrerServeur } = await import('../../server/index.ts');
  const serveur = await demarrerServeur({ port, host });
  flux.stdout.write(`Paperasse ${VERSION} écoute sur ${serveur.url} (Ctrl+C pour arrêter)\n`);
  const arreter = () => {
    void serveur.fermer().then(() => process.exit(0));
  };
  process.once('SIGINT', arreter);
  process.once('SIGTERM', arreter);
  return undefined;
}
