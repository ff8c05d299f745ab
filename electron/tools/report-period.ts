import { addDays, lastDayOfMonth, sundayOf, type ReportPeriodInput } from '../api/reports';

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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PeriodError extends Error {}

function realDate(value: string, option: string): string {
  const parsed = Date.parse(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== value) {
    throw new PeriodError(`${option} needs a date written YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

export function periodFrom(options: PeriodOptions): ReportPeriodInput {
  const given = (['week', 'month', 'from'] as const).filter((name) => options[name] !== undefined);
  if (given.length !== 1 || (options.to !== undefined && options.from === undefined)) {
    throw new PeriodError('name the period with one of --week DATE, --month YYYY-MM or --from DATE --to DATE');
  }
  if (options.week !== undefined) {
    const sunday = sundayOf(realDate(options.week, '--week'));
    return { from: sunday, to: addDays(sunday, 4) };
  }
  if (options.month !== undefined) {
    const match = /^(\d{4})-(\d{2})$/.exec(options.month);
    const month = match ? Number(match[2]) : 0;
    if (!match || month < 1 || month > 12) throw new PeriodError(`--month needs a month written YYYY-MM, not "${options.month}"`);
    const first = `${options.month}-01`;
    return { from: first, to: lastDayOfMonth(first) };
  }
  if (options.to === undefined) throw new PeriodError('--from needs --to');
  return { from: realDate(options.from ?? '', '--from'), to: realDate(options.to, '--to') };
}
