import { useTranslation } from 'react-i18next';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/** Waits and ages in words ("3 days ago", "منذ ساعتين"), in the largest unit that fits. */
export function useDurations() {
  const { t } = useTranslation('queues');
  const inWords = (minutes: number) => {
    if (minutes < MINUTES_PER_HOUR) return t('minutes', { count: minutes });
    if (minutes < MINUTES_PER_DAY) return t('hours', { count: Math.floor(minutes / MINUTES_PER_HOUR) });
    return t('days', { count: Math.floor(minutes / MINUTES_PER_DAY) });
  };
  return {
    /** Calendar days since something happened: "today", or "N days ago". */
    daysAgo: (days: number) => (days === 0 ? t('today') : t('ago', { duration: t('days', { count: days }) })),
    /** Minutes since something happened, in words. */
    minutesAgo: (minutes: number) => t('ago', { duration: inWords(minutes) }),
  };
}

/** Counts in the interface's digits (Latin in both languages, as the rest of Wasl). */
export function formatCount(value: number, language: string): string {
  return value.toLocaleString(language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB');
}
