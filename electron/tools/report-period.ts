import type { ReportPeriodInput } from '../api/reports';

/**
 * The period the command line's report covers, from what an administrator types:
 * - `--week DATE`: the Sunday-to-Thursday work week that DATE falls in (a Friday or a Saturday
 *   belongs to the week that has just ended), so a job scheduled on any day of the weekend reports
 *   on the week before it;
 * - `--month YYYY-MM`: that calendar month;
 * - `--from DATE --to DATE`: any range, both days included.
 */
export interface PeriodOptions {
  week?: string;
  month?: string;
  from?: string;
  to?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class PeriodError extends Error {}

function realDate(value: string, option: string): string {
  if (!ISO_DATE.test(value) || Number.isNaN(dayOf(value)) || dateOf(dayOf(value)) !== value) {
    throw new PeriodError(`${option} needs a date written YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

export function periodFrom(options: PeriodOptions): ReportPeriodInput {
  const given = (['week', 'month', 'from'] as const).filter((name) => options[name] !== undefined);
  if (given.length !== 1) throw new PeriodError('name the period with one of --week DATE, --month YYYY-MM or --from DATE --to DATE');
  if (options.week !== undefined) {
    const day = dayOf(realDate(options.week, '--week'));
    // getUTCDay: 0 is Sunday … 6 is Saturday.
    const sunday = day - new Date(day).getUTCDay() * DAY_MS;
    return { from: dateOf(sunday), to: dateOf(sunday + 4 * DAY_MS) };
  }
  if (options.month !== undefined) {
    const match = /^(\d{4})-(\d{2})$/.exec(options.month);
    const month = match ? Number(match[2]) : 0;
    if (!match || month < 1 || month > 12) throw new PeriodError(`--month needs a month written YYYY-MM, not "${options.month}"`);
    const year = Number(match[1]);
    return { from: dateOf(Date.UTC(year, month - 1, 1)), to: dateOf(Date.UTC(year, month, 1) - DAY_MS) };
  }
  if (options.to === undefined) throw new PeriodError('--from needs --to');
  return { from: realDate(options.from ?? '', '--from'), to: realDate(options.to, '--to') };
}
