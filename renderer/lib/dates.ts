import { CalendarDate, GregorianCalendar, IslamicUmalquraCalendar, toCalendar } from '@internationalized/date';
import { toLatinDigits } from '../../electron/api/fields/digits';

/**
 * Dates are stored as Gregorian ISO dates and shown in both calendars. Locales always name the
 * calendar and the digits: ICU versions disagree on the default calendar of ar-SA.
 */
const FORMAT_LOCALES = {
  ar: { gregorian: 'ar-SA-u-ca-gregory-nu-latn', hijri: 'ar-SA-u-ca-islamic-umalqura-nu-latn' },
  en: { gregorian: 'en-GB-u-ca-gregory-nu-latn', hijri: 'en-GB-u-ca-islamic-umalqura-nu-latn' },
} as const;

type Language = keyof typeof FORMAT_LOCALES;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
    formatters.set(key, cached);
  }
  return cached;
}

const DATE_STYLE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/** A calendar date (yyyy-mm-dd) in both calendars. */
export function formatDualDate(isoDate: string, language: Language): { gregorian: string; hijri: string } {
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  const locales = FORMAT_LOCALES[language];
  return {
    gregorian: formatter(locales.gregorian, DATE_STYLE).format(date),
    hijri: formatter(locales.hijri, DATE_STYLE).format(date),
  };
}

/** An instant (UTC ISO) in Riyadh time, both calendars, with the time of day. */
export function formatDualInstant(instant: string, language: Language): { gregorian: string; hijri: string; time: string } {
  const date = new Date(instant);
  const locales = FORMAT_LOCALES[language];
  const riyadh = { timeZone: 'Asia/Riyadh' };
  return {
    gregorian: formatter(locales.gregorian, { ...DATE_STYLE, ...riyadh }).format(date),
    hijri: formatter(locales.hijri, { ...DATE_STYLE, ...riyadh }).format(date),
    time: formatter(locales.gregorian, { hour: 'numeric', minute: '2-digit', ...riyadh }).format(date),
  };
}

export { todayInRiyadh } from '../../electron/api/fields/riyadh-date';

/** Made once, like every formatter here; `hourCycle` rather than `hour12`, which ICU reads as "24:05" at midnight. */
const RIYADH_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Riyadh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The time of day in Riyadh, `HH:MM` on the 24-hour clock. */
export function timeInRiyadh(now = new Date()): string {
  return RIYADH_TIME.format(now);
}

/**
 * A time of day typed by the officer: `14:30`, `9:05`, `14.30` or `1430`, in any digits, on the
 * 24-hour clock. Answers `HH:MM`, or null when it is not a time.
 */
export function parseTypedTime(typed: string): string | null {
  const text = toLatinDigits(typed).trim().replace('٫', '.').replace('٬', ':');
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The instant (UTC ISO) of a Riyadh calendar date (yyyy-mm-dd) at a time of day (HH:MM); Riyadh keeps no daylight time. */
export function riyadhInstant(date: string, time: string): string {
  return new Date(`${date}T${time}:00+03:00`).toISOString();
}

export interface ParsedDate {
  /** The Gregorian date, yyyy-mm-dd. */
  iso: string;
  /** Which calendar the officer typed in. */
  typedIn: 'gregorian' | 'hijri';
}

/** Hijri years in use on documents today are far below any Gregorian year a person was born in. */
const FIRST_HIJRI_YEAR = 1300;
const LAST_HIJRI_YEAR = 1600;
const FIRST_GREGORIAN_YEAR = 1800;

/**
 * A date typed by the officer in either calendar: `yyyy-mm-dd`, `yyyy/mm/dd`, `dd/mm/yyyy` or
 * `dd-mm-yyyy`, in any digits. A year below 1600 is read as Umm al-Qura Hijri. Null when it is not a date.
 */
export function parseTypedDate(typed: string): ParsedDate | null {
  const text = toLatinDigits(typed).trim();
  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  const parts = yearFirst
    ? { year: Number(yearFirst[1]), month: Number(yearFirst[2]), day: Number(yearFirst[3]) }
    : dayFirst
      ? { year: Number(dayFirst[3]), month: Number(dayFirst[2]), day: Number(dayFirst[1]) }
      : null;
  if (!parts || parts.month < 1 || parts.month > 12 || parts.day < 1) return null;
  if (parts.year < FIRST_HIJRI_YEAR || (parts.year >= LAST_HIJRI_YEAR && parts.year < FIRST_GREGORIAN_YEAR)) return null;
  if (parts.year < LAST_HIJRI_YEAR) {
    const calendar = new IslamicUmalquraCalendar();
    const hijri = new CalendarDate(calendar, parts.year, parts.month, 1);
    if (parts.day > calendar.getDaysInMonth(hijri)) return null;
    const gregorian = toCalendar(new CalendarDate(calendar, parts.year, parts.month, parts.day), new GregorianCalendar());
    return { iso: gregorian.toString(), typedIn: 'hijri' };
  }
  const date = new CalendarDate(parts.year, parts.month, 1);
  if (parts.day > new GregorianCalendar().getDaysInMonth(date)) return null;
  return { iso: new CalendarDate(parts.year, parts.month, parts.day).toString(), typedIn: 'gregorian' };
}

/** Whole years between a birth date and today. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
