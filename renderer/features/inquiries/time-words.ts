/**
 * How long an inquiry has waited, or took to answer, in words of the officer's language. The locale
 * names its digits, as every date of the app does (see lib/dates.ts).
 */
const LOCALES = { ar: 'ar-SA-u-nu-latn', en: 'en-GB-u-nu-latn' } as const;

export type Language = keyof typeof LOCALES;

const MINUTES_IN_HOUR = 60;
const MINUTES_IN_DAY = 24 * MINUTES_IN_HOUR;

/** The largest whole unit that fits: minutes under an hour, hours under a day, then days. */
function largestUnit(minutes: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  if (minutes < MINUTES_IN_HOUR) return { value: minutes, unit: 'minute' };
  if (minutes < MINUTES_IN_DAY) return { value: Math.floor(minutes / MINUTES_IN_HOUR), unit: 'hour' };
  return { value: Math.floor(minutes / MINUTES_IN_DAY), unit: 'day' };
}

const relativeFormats = new Map<Language, Intl.RelativeTimeFormat>();
const durationFormats = new Map<string, Intl.NumberFormat>();

/** "3 hours ago" / "منذ 3 ساعات". */
export function ageInWords(minutes: number, language: Language): string {
  let format = relativeFormats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'auto', style: 'long' });
    relativeFormats.set(language, format);
  }
  const { value, unit } = largestUnit(Math.max(0, minutes));
  return format.format(-value, unit);
}

/** "2.5 hours" / "2.5 ساعة": a time to answer keeps its half hours, where an age in words need not. */
export function durationInWords(minutes: number, language: Language): string {
  const whole = Math.max(0, minutes);
  const unit = largestUnit(whole).unit;
  const value = unit === 'minute' ? whole : whole / (unit === 'hour' ? MINUTES_IN_HOUR : MINUTES_IN_DAY);
  const key = `${language}|${unit}`;
  let format = durationFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 });
    durationFormats.set(key, format);
  }
  return format.format(value);
}

export const languageOf = (language: string): Language => (language === 'en' ? 'en' : 'ar');
