import { addDays, lastDayOfMonth, sundayOf, type ReportPeriodInput } from '../../../electron/api/reports';

/** How the period is chosen: a Sunday–Thursday week, a calendar month, quarter or year around a day, or two dates. */
export type PeriodMode = 'week' | 'month' | 'quarter' | 'year' | 'custom';
export const PERIOD_MODES: readonly PeriodMode[] = ['week', 'month', 'quarter', 'year', 'custom'];

export interface PeriodChoice {
  mode: PeriodMode;
  /** Any day in the period (week, month, quarter, year), typed in either calendar. */
  day: string;
  /** The range, when `mode` is custom. */
  from: string;
  to: string;
}

/** The week under way, up to today: where the report opens. */
export function thisWeekChoice(today: string): PeriodChoice {
  const week = weekToDate(today);
  return { mode: 'week', day: today, from: week.from, to: week.to };
}

/** The last Sunday–Thursday week already over. */
export function lastWeekChoice(today: string): PeriodChoice {
  const week = lastFullWeek(today);
  return { mode: 'week', day: week.from, from: week.from, to: week.to };
}

/**
 * The period a choice names on `today`, or null while a typed date is not yet a date. The week under
 * way ends today, so that it is compared with the same days of the week before, not a whole week.
 */
export function periodOfChoice(choice: PeriodChoice, today: string): ReportPeriodInput | null {
  const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (choice.mode === 'custom') return isDate(choice.from) && isDate(choice.to) && choice.from <= choice.to ? { from: choice.from, to: choice.to } : null;
  if (!isDate(choice.day)) return null;
  const period = periodAround(choice.mode, choice.day);
  return choice.mode === 'week' && period.from <= today && today <= period.to ? weekToDate(today) : period;
}

/** The last Sunday–Thursday week already over on `today` (Friday and Saturday close the week just worked). */
export function lastFullWeek(today: string): ReportPeriodInput {
  const sunday = sundayOf(today);
  const thursday = addDays(sunday, 4);
  const from = today > thursday ? sunday : addDays(sunday, -7);
  return { from, to: addDays(from, 4) };
}

/**
 * The Sunday–Thursday week `today` falls in, up to today: what the desk has done this week so far.
 * On Friday and Saturday the week is over, and whole.
 */
export function weekToDate(today: string): ReportPeriodInput {
  const week = periodAround('week', today);
  return { from: week.from, to: today < week.to ? today : week.to };
}

const monthStart = (year: number, month: number) => {
  const index = year * 12 + month - 1;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
};

/** The period of `mode` that `day` falls in. */
export function periodAround(mode: Exclude<PeriodMode, 'custom'>, day: string): ReportPeriodInput {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (mode === 'week') {
    const from = sundayOf(day);
    return { from, to: addDays(from, 4) };
  }
  if (mode === 'month') return { from: monthStart(year, month), to: lastDayOfMonth(day) };
  if (mode === 'quarter') {
    const first = month - ((month - 1) % 3);
    return { from: monthStart(year, first), to: lastDayOfMonth(monthStart(year, first + 2)) };
  }
  return { from: `${day.slice(0, 4)}-01-01`, to: `${day.slice(0, 4)}-12-31` };
}

/** A day in the period `steps` periods of `mode` away from the one `day` falls in. */
export function shiftDay(mode: Exclude<PeriodMode, 'custom'>, day: string, steps: number): string {
  if (mode === 'week') return addDays(day, 7 * steps);
  const months = mode === 'month' ? 1 : mode === 'quarter' ? 3 : 12;
  return monthStart(Number(day.slice(0, 4)), Number(day.slice(5, 7)) + months * steps);
}
