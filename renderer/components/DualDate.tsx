import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDualDate, formatDualInstant } from '../lib/dates';

type Language = 'ar' | 'en';

/** A date in the Gregorian and the Umm al-Qura calendars, side by side. */
export function DualDate({ date, instant }: { date?: string | null; instant?: string | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (!date && !instant) return <Text c="dimmed">{t('notRecorded')}</Text>;
  const shown: { gregorian: string; hijri: string; time?: string } = date
    ? formatDualDate(date, language)
    : formatDualInstant(instant as string, language);
  return (
    <Text component="span">
      {[shown.gregorian, t('calendar.gregorianMark')].filter(Boolean).join(' ')}
      <Text component="span" c="dimmed" mx={6}>
        ·
      </Text>
      {shown.hijri}
      {shown.time ? (
        <Text component="span" c="dimmed" ms={6}>
          {shown.time}
        </Text>
      ) : null}
    </Text>
  );
}
