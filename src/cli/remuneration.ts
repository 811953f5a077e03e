/**
 * `paperasse remuneration <fiche.json> [--smic <brut mensuel>] [--smc <montant>] [--calendrier <fichier>] [--json]`:
 * the minimum monthly gross pay of the contract a fiche de validation de mission describes, period by period.
 */
import { Paperasse, type RemunerationOptions } from '../api.ts';
import { readJsonFile } from '../core/json.ts';
import { formatFrenchDate } from '../core/dates.ts';
import { euros } from '../referentiels/remuneration-alternance.ts';
import { ArgumentError, parseArguments, writeInputError, type Streams } from './common.ts';

export const REMUNERATION_USAGE = 'paperasse remuneration <fiche.json> [--smic <brut mensuel>] [--smc <montant>] [--calendrier <fichier.json>] [--json]';

/** Returns the euros amount of option `--name`, or undefined when absent; throws a usage error when it is not a number. */
function amount(name: string, raw: string | boolean | undefined): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = Number(raw.replace(',', '.'));
  if (!Number.isFinite(value) || value <= 0) throw new ArgumentError(`--${name} attend un montant brut mensuel en euros, positif (par exemple 1823.03), pas « ${raw} ». Utilisation : ${REMUNERATION_USAGE}`);
  return value;
}

/** Runs `paperasse remuneration` and returns its exit code (0 printed, 2 input error). */
export async function remunerationCommand(args: string[], streams: Streams): Promise<number> {
  const options = { smic: { type: 'string' as const }, smc: { type: 'string' as const }, calendrier: { type: 'string' as const }, json: { type: 'boolean' as const } };
  const { positionals, values } = parseArguments(args, options, 1, REMUNERATION_USAGE);
  const json = values.json === true;
  const amounts: RemunerationOptions = {};
  const smic = amount('smic', values.smic);
  const smc = amount('smc', values.smc);
  if (smic !== undefined) amounts.smic = smic;
  if (smc !== undefined) amounts.smc = smc;
  let paperasse = new Paperasse();
  if (typeof values.calendrier === 'string') {
    const calendar = await Paperasse.readCalendar(values.calendrier);
    if (!calendar.ok) return writeInputError(streams, calendar.erreur, json);
    paperasse = new Paperasse(undefined, undefined, { calendrier: calendar.valeur });
  }
  const read = await readJsonFile(positionals[0] ?? '');
  if (!read.ok) return writeInputError(streams, read.erreur, json);
  const grid = paperasse.remuneration(read.valeur, amounts);
  if (!grid.ok) return writeInputError(streams, grid.erreur, json);
  if (json) {
    streams.stdout.write(`${JSON.stringify(grid.valeur, null, 2)}\n`);
    return 0;
  }
  streams.stdout.write('Rémunération minimale brute mensuelle (guide « L’alternance à la MIAGE », §4.2)\n');
  for (const p of grid.valeur.periodes) {
    const rate = p.taux === null ? 'gratification' : `${String(p.taux)} % du ${p.base}`;
    streams.stdout.write(`  du ${formatFrenchDate(p.du)} au ${formatFrenchDate(p.au)}  ${euros(p.montantMensuelBrut).padStart(12)}  (${rate})\n`);
  }
  for (const line of grid.valeur.explications) streams.stdout.write(`• ${line}\n`);
  return 0;
}
