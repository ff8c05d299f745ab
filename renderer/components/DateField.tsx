import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDualDate, parseTypedDate } from '../lib/dates';

interface DateFieldProps {
  label: string;
  /** Gregorian yyyy-mm-dd, or '' when empty. */
  value: string;
  onChange: (isoDate: string) => void;
  error?: string | null;
  required?: boolean;
  'data-autofocus'?: boolean;
}

/**
 * A date typed in either calendar (a year below 1600 is Hijri), in any digits; the other calendar is
 * shown under the field as it is typed, so the officer can check it against the document.
 */
export function DateField({ label, value, onChange, error, required, ...rest }: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState(value);

  useEffect(() => {
    // A value set from outside (a loaded record) replaces what is in the box unless it already means the same date.
    setTyped((current) => (parseTypedDate(current)?.iso === value ? current : value));
  }, [value]);

  const parsed = typed.trim() === '' ? null : parseTypedDate(typed);
  const shown = parsed ? formatDualDate(parsed.iso, i18n.language as 'ar' | 'en') : null;
  const description = shown
    ? `${[shown.gregorian, t('calendar.gregorianMark')].filter(Boolean).join(' ')} · ${shown.hijri}`
    : t('dateField.hint');

  return (
    <TextInput
      label={label}
      required={required}
      value={typed}
      dir="ltr"
      placeholder={t('dateField.placeholder')}
      description={description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={error ?? (typed.trim() !== '' && !parsed ? t('dateField.invalid') : null)}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setTyped(next);
        const date = next.trim() === '' ? null : parseTypedDate(next);
        onChange(date ? date.iso : next.trim() === '' ? '' : next);
      }}
      {...rest}
    />
  );
}
