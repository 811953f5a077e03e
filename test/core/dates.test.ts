/** Calendar arithmetic used by the alternance forms: months with clamping, public holidays, jours ouvrables. */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  easterSunday,
  formatFrenchDate,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
  isWorkingDay,
  subtractWorkingDays,
  yearOf,
} from '../../src/core/dates.ts';

describe('addMonths', () => {
  it('gives the Tableau 5 bounds of the 2025/2026 calendars', () => {
    expect(addMonths('2025-09-01', -3)).toBe('2025-06-01');
    expect(addMonths('2025-09-01', 3)).toBe('2025-12-01');
    expect(addMonths('2025-09-04', -2)).toBe('2025-07-04');
    expect(addMonths('2027-09-03', 2)).toBe('2027-11-03');
    expect(addMonths('2026-07-03', 2)).toBe('2026-09-03');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2025-05-31', 1)).toBe('2025-06-30');
    expect(addMonths('2025-11-30', -3)).toBe('2025-08-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('crosses year boundaries both ways', () => {
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-02-15', -3)).toBe('2025-11-15');
    expect(addMonths('2025-09-01', 12)).toBe('2026-09-01');
    expect(addMonths('2025-09-01', 0)).toBe('2025-09-01');
  });
});

describe('addDays', () => {
  it('moves across months, years and leap days', () => {
    expect(addDays('2025-08-31', 1)).toBe('2025-09-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2025-06-13', 7)).toBe('2025-06-20');
  });

  it('refuses a date that does not exist', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow();
    expect(() => addDays('01/09/2025', 1)).toThrow();
  });
});

describe('French public holidays', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('lists the eleven holidays of 2025, Easter-based ones included', () => {
    expect(frenchPublicHolidays(2025)).toEqual([
      '2025-01-01', '2025-04-21', '2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09',
      '2025-07-14', '2025-08-15', '2025-11-01', '2025-11-11', '2025-12-25',
    ]);
    expect(isFrenchPublicHoliday('2025-08-15')).toBe(true);
    expect(isFrenchPublicHoliday('2025-08-14')).toBe(false);
  });
});

describe('jours ouvrables', () => {
  it('counts Saturdays but not Sundays nor public holidays', () => {
    expect(isWorkingDay('2025-08-30')).toBe(true); // Saturday
    expect(isWorkingDay('2025-08-31')).toBe(false); // Sunday
    expect(isWorkingDay('2025-08-15')).toBe(false); // Assumption, a Friday
    expect(isWorkingDay('2025-09-01')).toBe(true); // Monday
  });

  it('steps back over Sundays only when no holiday is in the way', () => {
    expect(subtractWorkingDays('2025-09-01', 10)).toBe('2025-08-20');
    expect(subtractWorkingDays('2025-09-01', 1)).toBe('2025-08-30');
    expect(subtractWorkingDays('2025-09-01', 0)).toBe('2025-09-01');
  });

  it('skips public holidays', () => {
    // 10 jours ouvrables before Monday 25/08/2025: Friday 15/08 and the Sundays are skipped.
    expect(subtractWorkingDays('2025-08-25', 10)).toBe('2025-08-12');
    // Before Monday 16/06/2025: Whit Monday 09/06 is skipped.
    expect(subtractWorkingDays('2025-06-16', 10)).toBe('2025-06-03');
  });
});

describe('formatting', () => {
  it('writes dates as JJ/MM/AAAA and reads years', () => {
    expect(formatFrenchDate('2025-06-01')).toBe('01/06/2025');
    expect(yearOf('2027-09-03')).toBe(2027);
  });
});
