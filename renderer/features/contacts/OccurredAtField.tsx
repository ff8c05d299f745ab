import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { parseTypedDate, parseTypedTime, riyadhInstant, timeInRiyadh, todayInRiyadh } from '../../lib/dates';

/** When a contact happened, as the form holds it: a date in either calendar and a Riyadh time of day. */
export interface OccurredAt {
  /** Gregorian yyyy-mm-dd, or what was typed when it is not a date yet. */
  date: string;
  /** As typed: `14:30`, in any digits. */
  time: string;
}

/** The form opens on now, in Riyadh. */
export function occurredNow(now = new Date()): OccurredAt {
  return { date: todayInRiyadh(now), time: timeInRiyadh(now) };
}

/**
 * What to send: null while the officer has left the time the form opened with (the contact is
 * happening now, and the server's clock says when to the second); otherwise the instant typed, or
 * the field that is not readable yet.
 */
export function occurredAtInput(value: OccurredAt, opened: OccurredAt): { ok: true; occurredAt: string | null } | { ok: false; field: 'date' | 'time' } {
  if (value.date === opened.date && value.time === opened.time) return { ok: true, occurredAt: null };
  if (parseTypedDate(value.date)?.iso !== value.date) return { ok: false, field: 'date' };
  const time = parseTypedTime(value.time);
  if (time === null) return { ok: false, field: 'time' };
  return { ok: true, occurredAt: riyadhInstant(value.date, time) };
}

interface OccurredAtFieldProps {
  value: OccurredAt;
  onChange: (value: OccurredAt) => void;
  dateError?: string | undefined;
  timeError?: string | undefined;
}

/**
 * The date (Gregorian or Hijri, like every date the desk types) and the time of day, on Riyadh's
 * 24-hour clock. Prefilled with now: changed only for a contact logged after the fact.
 */
export function OccurredAtField({ value, onChange, dateError, timeError }: OccurredAtFieldProps) {
  const { t } = useTranslation('contacts');
  const timeUnreadable = value.time.trim() !== '' && parseTypedTime(value.time) === null;
  return (
    <Group grow align="flex-start" gap="sm" style={{ flex: 2 }}>
      <DateField label={t('log.occurredOn')} value={value.date} onChange={(date) => onChange({ ...value, date })} error={dateError ?? null} required />
      <TextInput
        label={t('log.occurredTime')}
        description={t('log.occurredTimeHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        placeholder="14:30"
        dir="ltr"
        inputMode="numeric"
        value={value.time}
        onChange={(event) => onChange({ ...value, time: event.currentTarget.value })}
        error={timeError ?? (timeUnreadable ? t('log.timeInvalid') : undefined)}
        required
      />
    </Group>
  );
}
