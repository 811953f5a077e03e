/**
 * Calendar arithmetic on ISO dates ("AAAA-MM-JJ", as validated by the schemas' `format: date`): building and
 * comparing dates, counting days, adding months with end-of-month clamping, French public holidays, jours
 * ouvrables, and French display (JJ/MM/AAAA or "12 novembre 2026").
 * Every function is pure and works in UTC, so results never depend on the machine's time zone.
 */

const MS_PER_DAY = 86_400_000;

/** Returns the UTC timestamp of an ISO date, or throws when it is not a real calendar date. */
function toUtc(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new Error(`not a real date: ${iso}`);
  return t;
}

/** Returns the ISO date of a UTC timestamp. */
function fromUtc(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Returns the ISO date of day `day` of month `month` (1 to 12) of `year`, without checking that it exists. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Returns true when the ISO date `iso` lies between `start` and `end`, both included (ISO dates compare as strings). */
export function isBetween(iso: string, start: string, end: string): boolean {
  return iso >= start && iso <= end;
}

/** Returns true when the ISO date `iso` falls in month `month` (1 to 12) of `year`. */
export function isInMonth(iso: string, year: number, month: number): boolean {
  return iso.slice(0, 7) === isoDate(year, month, 1).slice(0, 7);
}

/** Returns the number of calendar days from `start` to `end`, both included (1 when they are the same day). */
export function countCalendarDays(start: string, end: string): number {
  return (toUtc(end) - toUtc(start)) / MS_PER_DAY + 1;
}

/** Returns the year of an ISO date. */
export function yearOf(iso: string): number {
  return new Date(toUtc(iso)).getUTCFullYear();
}

/** Returns the ISO date `days` days after `iso` (before it when negative). */
export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * MS_PER_DAY);
}

/**
 * Returns the ISO date `months` months after `iso` (before it when negative), clamped to the last day of the
 * target month when it is shorter (31/08/2025 + 6 months = 28/02/2026).
 */
export function addMonths(iso: string, months: number): string {
  const d = new Date(toUtc(iso));
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)));
}

/** Returns the ISO date of Easter Sunday of `year` (Gregorian calendar, anonymous algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromUtc(Date.UTC(year, month - 1, day));
}

/** Returns the ISO dates of the eleven national public holidays of metropolitan France in `year`. */
export function frenchPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  return [...fixed, addDays(easter, 1), addDays(easter, 39), addDays(easter, 50)].sort();
}

/** Returns true when `iso` is a national public holiday in metropolitan France. */
export function isFrenchPublicHoliday(iso: string): boolean {
  return frenchPublicHolidays(yearOf(iso)).includes(iso);
}

/**
 * Returns true when `iso` is a jour ouvrable: every day from Monday to Saturday, except French public holidays
 * (the guide counts its validation delays in jours ouvrables, not jours ouvrés).
 */
export function isWorkingDay(iso: string): boolean {
  return new Date(toUtc(iso)).getUTCDay() !== 0 && !isFrenchPublicHoliday(iso);
}

/**
 * Returns the date that lies `count` jours ouvrables before `iso`: stepping back one day at a time, counting only
 * jours ouvrables (10 jours ouvrables before Monday 01/09/2025 is Wednesday 20/08/2025).
 */
export function subtractWorkingDays(iso: string, count: number): string {
  let current = iso;
  let remaining = count;
  while (remaining > 0) {
    current = addDays(current, -1);
    if (isWorkingDay(current)) remaining--;
  }
  return current;
}

/** Returns an ISO date written the French way, JJ/MM/AAAA (any other text unchanged). */
export function formatFrenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Returns an ISO date written out in French, day, month name and year ("12 novembre 2026", "1 mars 2027"). */
export function formatFrenchLongDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
