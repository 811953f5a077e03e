/**
 * What a new work-study contract after a rupture needs (guide « L’alternance à la MIAGE », §4.5): the training
 * hours left to validate reach the legal minimum share of the contract's working time. Pure date and hour arithmetic.
 */
import { addDays, addMonths, countCalendarDays } from '../core/dates.ts';

/** A full-time year of work, in hours (§4.5: « un contrat de 12 mois qui équivaut à 1 607 heures »). */
export const WORKING_HOURS_A_YEAR = 1607;

/** Returns the length from `start` to `end` (both included) in calendar months: whole months, then the remaining days over 30. */
export function monthsBetween(start: string, end: string): number {
  let whole = 0;
  while (addDays(addMonths(start, whole + 1), -1) <= end) whole++;
  const rest = addMonths(start, whole) > end ? 0 : countCalendarDays(addMonths(start, whole), end);
  return whole + rest / 30;
}

/** The minimum training hours of a contract and how they are counted, in French. */
export interface TrainingMinimum {
  heures: number;
  tempsDeTravail: number;
  explication: string;
}

/**
 * Returns the minimum training hours of a contract of `type` from `start` to `end` (§4.5): 25 % of its working time
 * for an apprenticeship; 15 % and at least 150 hours for a professionalisation contract; rounded up to the hour.
 */
export function minimumTrainingHours(type: 'apprentissage' | 'professionnalisation', start: string, end: string): TrainingMinimum {
  const months = monthsBetween(start, end);
  const working = Math.round((WORKING_HOURS_A_YEAR * months) / 12);
  const monthsText = Number.isInteger(months) ? String(months) : months.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  const base = `un contrat de ${monthsText} mois équivaut à ${working.toLocaleString('fr-FR').replace(/\u202f/g, '\u00a0')} heures de travail (1 607 heures pour 12 mois)`;
  if (type === 'apprentissage') {
    const heures = Math.ceil(Number((working * 0.25).toFixed(6)));
    return { heures, tempsDeTravail: working, explication: `${base}, dont 25 % en formation` };
  }
  const share = Math.ceil(Number((working * 0.15).toFixed(6)));
  const heures = Math.max(share, 150);
  return { heures, tempsDeTravail: working, explication: `${base}, dont au moins 15 % en formation et jamais moins de 150 heures` };
}
