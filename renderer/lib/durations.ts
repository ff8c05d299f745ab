import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/**
 * A stay in a stage, in the two largest units that matter: "2 days, 3 hours", "45 minutes". Under a
 * minute reads "less than a minute", never "0 minutes". Words come from the `duration` messages of
 * the common namespace, so every page that shows a stay says it the same way.
 */
export function durationInWords(t: TFunction<'common'>, minutes: number): string {
  const whole = Math.max(0, Math.floor(minutes));
  if (whole < MINUTES_PER_HOUR) return t('duration.minutes', { count: whole });
  const join = (first: string, second: string) => t('duration.and', { first, second });
  if (whole < MINUTES_PER_DAY) {
    const hours = Math.floor(whole / MINUTES_PER_HOUR);
    const rest = whole % MINUTES_PER_HOUR;
    const shown = t('duration.hours', { count: hours });
    return rest === 0 ? shown : join(shown, t('duration.minutes', { count: rest }));
  }
  const days = Math.floor(whole / MINUTES_PER_DAY);
  const hours = Math.floor((whole % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const shown = t('duration.days', { count: days });
  return hours === 0 ? shown : join(shown, t('duration.hours', { count: hours }));
}

/** `durationInWords` in the reader's language. */
export function useDuration(): (minutes: number) => string {
  const { t } = useTranslation('common');
  return (minutes) => durationInWords(t, minutes);
}
