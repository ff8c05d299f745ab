import { ActionIcon, Popover, TextInput } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDualDate, parseTypedDate } from '../lib/dates';
import { DualCalendar } from './DualCalendar';

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
 * A date typed in either calendar (a year below 1600 is Hijri), in any digits, or picked on a month
 * of either calendar (the button in the field, or Alt+Down); the other calendar is shown under the
 * field as it is typed, so the officer can check it against the document.
 */
export function DateField({ label, value, onChange, error, required, ...rest }: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState(value);
  const [picking, setPicking] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // A value set from outside (a loaded record) replaces what is in the box unless it already means the same date.
    setTyped((current) => (parseTypedDate(current)?.iso === value ? current : value));
  }, [value]);

  const parsed = typed.trim() === '' ? null : parseTypedDate(typed);
  const shown = parsed ? formatDualDate(parsed.iso, i18n.language as 'ar' | 'en') : null;
  const description = shown
    ? `${[shown.gregorian, t('calendar.gregorianMark')].filter(Boolean).join(' ')} · ${shown.hijri}`
    : t('dateField.hint');

  const pick = (iso: string) => {
    setTyped(iso);
    onChange(iso);
    setPicking(false);
    input.current?.focus();
  };

  return (
    <Popover opened={picking} onChange={setPicking} position="bottom-start" trapFocus returnFocus withinPortal shadow="md">
      <Popover.Target>
        <TextInput
          ref={input}
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
          onKeyDown={(event) => {
            if (event.altKey && event.key === 'ArrowDown') {
              event.preventDefault();
              setPicking(true);
            }
          }}
          rightSection={
            // Out of the Tab order, so forms keep theirs: from the keyboard, Alt+Down opens the month.
            <ActionIcon variant="subtle" tabIndex={-1} onClick={() => setPicking((open) => !open)} aria-label={t('calendar.open')} aria-expanded={picking}>
              <IconCalendar size={18} />
            </ActionIcon>
          }
          {...rest}
        />
      </Popover.Target>
      <Popover.Dropdown>
        <DualCalendar value={parsed?.iso ?? ''} onPick={pick} initialCalendar={parsed?.typedIn ?? (i18n.language === 'en' ? 'gregorian' : 'hijri')} />
      </Popover.Dropdown>
    </Popover>
  );
}
