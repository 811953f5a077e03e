/** Rules shared by forms whose dates must come in order (contract start and end, first and second evaluation). */
import { formatFrenchDate } from '../core/dates.ts';
import { valueAt } from '../core/pointer.ts';
import type { Rule } from '../core/forms.ts';

/** What a dates-in-order rule checks and says. */
export interface DatesInOrderOptions {
  code: string;
  description: string;
  /** JSON Pointers of the earlier and of the later date; the rule is silent while either is absent. */
  start: string;
  end: string;
  /** True when both dates may be the same day. */
  sameDayAllowed?: boolean;
  /** What to do, ending the message. */
  advice: string;
}

/** Returns a rule refusing a date at `end` that comes before (or, unless allowed, on) the date at `start`. */
export function datesInOrderRule(o: DatesInOrderOptions): Rule {
  return {
    code: o.code,
    description: o.description,
    check(data, ctx) {
      const start = valueAt(data, o.start);
      const end = valueAt(data, o.end);
      if (typeof start !== 'string' || typeof end !== 'string') return [];
      if (o.sameDayAllowed ? end >= start : end > start) return [];
      const relation = o.sameDayAllowed ? 'précède' : 'doit être postérieure à';
      return [ctx.error(o.code, o.end, `(${formatFrenchDate(end)}) ${relation} la « ${ctx.label(o.start)} » (${formatFrenchDate(start)}) : ${o.advice}`)];
    },
  };
}
