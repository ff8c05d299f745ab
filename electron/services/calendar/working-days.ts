import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';

/**
 * The association's working calendar: Sunday to Thursday, less the holidays the administrator
 * enters. Service-time targets are counted in these days, on Riyadh calendar dates (yyyy-mm-dd).
 */
export interface WorkingCalendar {
  /** Holiday dates (yyyy-mm-dd). */
  holidays: ReadonlySet<string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Friday and Saturday, as `Date.getUTCDay()` numbers them. */
const WEEKEND = new Set([5, 6]);

const toDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const toIso = (date: Date) => date.toISOString().slice(0, 10);

export function isWorkingDay(calendar: WorkingCalendar, isoDate: string): boolean {
  return !WEEKEND.has(toDate(isoDate).getUTCDay()) && !calendar.holidays.has(isoDate);
}

/**
 * The date `days` working days after `start`: the due date of work received on `start` with a
 * target of `days`. Work received on a day off starts counting from the next working day.
 */
export function addWorkingDays(calendar: WorkingCalendar, start: string, days: number): string {
  let date = toDate(start);
  let left = days;
  while (left > 0) {
    date = new Date(date.getTime() + DAY_MS);
    if (isWorkingDay(calendar, toIso(date))) left -= 1;
  }
  return toIso(date);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  let count = 0;
  for (let date = toDate(from).getTime() + DAY_MS; date <= toDate(to).getTime(); date += DAY_MS) {
    if (isWorkingDay(calendar, toIso(new Date(date)))) count += 1;
  }
  return count;
}

/** The calendar as the database holds it now (a few dozen holidays at most). */
export async function loadWorkingCalendar(db: Kysely<DatabaseSchema>): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('holidays').select('date').execute();
  return { holidays: new Set(rows.map((row) => row.date)) };
}
