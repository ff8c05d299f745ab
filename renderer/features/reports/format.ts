import { useTranslation } from 'react-i18next';

/** How a figure reads on the screen. Riyals are held as riyals (a fee's halalas ÷ 100). */
export type FigureUnit = 'count' | 'minutes' | 'days' | 'percent' | 'riyals';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/** Counts and durations as the rest of Wasl writes them: Latin digits in both languages. */
export function useReportFormat() {
  const { t, i18n } = useTranslation('reports');
  const locale = i18n.language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // Riyals as the programs' screens write a fee: always two decimals.
  const amount = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const none = t('none');
  /** Minutes in the largest unit that reads well: 45 minutes, 2.5 hours, 5 days. */
  const minutes = (value: number | null) => {
    if (value === null) return none;
    if (value < MINUTES_PER_HOUR) return t('minutes', { count: Math.round(value) });
    if (value < MINUTES_PER_DAY) return t('hours', { value: number.format(value / MINUTES_PER_HOUR) });
    return t('days', { value: number.format(value / MINUTES_PER_DAY) });
  };
  const days = (value: number | null) => (value === null ? none : t('days', { value: number.format(value) }));
  const percent = (value: number | null) => (value === null ? none : `${number.format(value)}%`);
  const riyals = (value: number | null) => (value === null ? none : amount.format(value));
  const count = (value: number | null) => (value === null ? none : number.format(value));
  const byUnit = { count, minutes, days, percent, riyals };
  return {
    locale,
    count: (value: number) => number.format(value),
    minutes,
    days,
    percent,
    riyals,
    /** A value in its unit (a count where none is given). */
    inUnit: (unit: FigureUnit | undefined, value: number | null) => byUnit[unit ?? 'count'](value),
  };
}
