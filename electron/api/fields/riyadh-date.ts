/** Made once: building an Intl formatter costs more than a whole database query. */
const RIYADH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The association works on Riyadh time (UTC+3): "today" and "this year" are Riyadh's, not UTC's,
 * or a date typed between midnight and 3 a.m. would count as tomorrow.
 */
export function todayInRiyadh(now = new Date()): string {
  return RIYADH_DATE.format(now);
}

/** The instant a Riyadh calendar day (yyyy-mm-dd) starts, as a UTC ISO string; Riyadh keeps no daylight time. */
export function startOfRiyadhDay(date: string): string {
  return new Date(`${date}T00:00:00+03:00`).toISOString();
}

/** The instant the Riyadh calendar day after `date` starts: the exclusive end of that day. */
export function endOfRiyadhDay(date: string): string {
  return new Date(new Date(`${date}T00:00:00+03:00`).getTime() + 24 * 60 * 60 * 1000).toISOString();
}
