import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestOutcome, RequestStage } from '../../../electron/api/requests';

const STAGE_COLORS: Record<RequestStage, string> = {
  received: 'blue',
  under_review: 'indigo',
  referred: 'grape',
  authority_answered: 'violet',
  decided: 'orange',
  notified: 'teal',
  closed: 'gray',
  withdrawn: 'gray',
};

export function StageBadge({ stage }: { stage: RequestStage }) {
  const { t } = useTranslation('requests');
  return (
    <Badge color={STAGE_COLORS[stage]} variant={stage === 'withdrawn' ? 'outline' : 'light'} radius="sm">
      {t(`stage.${stage}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation('requests');
  return (
    <Badge color="red" variant="filled" radius="sm">
      {t('overdue')}
    </Badge>
  );
}

export function OutcomeBadge({ outcome }: { outcome: RequestOutcome }) {
  const { t } = useTranslation('requests');
  return (
    <Badge color={outcome === 'approved' ? 'teal' : 'red'} variant="light" radius="sm">
      {t(`outcome.${outcome}`)}
    </Badge>
  );
}

/** A name pair in the reader's language (the Arabic one when there is no English). */
export function useNameIn(): (names: { nameAr: string; nameEn: string | null }) => string {
  const { i18n } = useTranslation();
  return (names) => (i18n.language === 'en' && names.nameEn ? names.nameEn : names.nameAr);
}

const UNITS = [
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
] as const;

/**
 * A length of time as the two largest units ("3 أيام و5 ساعات", "3 days, 5 hours"); Intl words the
 * plurals, which Arabic has six of.
 */
export function useDuration(): (milliseconds: number) => string {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en-GB' : 'ar-SA-u-nu-latn';
  return (milliseconds) => {
    const counts = UNITS.map(([unit, size], index) => {
      const larger = index === 0 ? Infinity : UNITS[index - 1]![1];
      return { unit, count: Math.floor((milliseconds % larger) / size) };
    });
    const largest = counts.findIndex((entry) => entry.count > 0);
    // Under a minute reads as 0 minutes.
    const first = largest === -1 ? counts.length - 1 : largest;
    const shown = counts.slice(first, first + 2).filter((entry, index) => index === 0 || entry.count > 0);
    const parts = shown.map((entry) => new Intl.NumberFormat(language, { style: 'unit', unit: entry.unit, unitDisplay: 'long' }).format(entry.count));
    return new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'ar', { style: 'long', type: 'conjunction' }).format(parts);
  };
}
