import { useTranslation } from 'react-i18next';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/** Counts and durations as the rest of Wasl writes them: Latin digits in both languages. */
export function useReportFormat() {
  const { t, i18n } = useTranslation('reports');
  const locale = i18n.language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    locale,
    count: (value: number) => number.format(value),
    /** Minutes in the largest unit that reads well: 45 minutes, 2.5 hours, 5 days. */
    minutes: (value: number | null) => {
      if (value === null) return t('none');
      if (value < MINUTES_PER_HOUR) return t('minutes', { count: Math.round(value) });
      if (value < MINUTES_PER_DAY) return t('hours', { value: number.format(value / MINUTES_PER_HOUR) });
      return t('days', { value: number.format(value / MINUTES_PER_DAY) });
    },
    days: (value: number | null) => (value === null ? t('none') : t('days', { value: number.format(value) })),
  };
}
