import { ActionIcon, Box, Button, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { CalendarDate, GregorianCalendar, IslamicUmalquraCalendar, parseDate, toCalendar, type Calendar } from '@internationalized/date';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInRiyadh } from '../lib/dates';

/**
 * A month to pick a day from, in the Umm al-Qura Hijri or the Gregorian calendar (the officer's
 * choice, as on the documents they hold), each day showing its date in the other calendar too.
 * Weeks start on Sunday, as the Saudi work week does. From the keyboard: arrows move a day or a week
 * (right-to-left in Arabic), Page Up and Page Down a month, Home and End the week's ends, Enter picks.
 */

export type CalendarKind = 'hijri' | 'gregorian';

const CALENDARS: Record<CalendarKind, Calendar> = { hijri: new IslamicUmalquraCalendar(), gregorian: new GregorianCalendar() };
const LOCALE_CALENDAR: Record<CalendarKind, string> = { hijri: 'islamic-umalqura', gregorian: 'gregory' };

const noonUtc = (date: CalendarDate) => {
  const gregorian = toCalendar(date, CALENDARS.gregorian);
  return new Date(Date.UTC(gregorian.year, gregorian.month - 1, gregorian.day, 12));
};

interface DualCalendarProps {
  /** The day chosen (Gregorian yyyy-mm-dd), or '' for none: the month shown first is its month, or today's. */
  value: string;
  onPick: (isoDate: string) => void;
  /** The calendar the month is shown in, at first. */
  initialCalendar?: CalendarKind;
}

export function DualCalendar({ value, onPick, initialCalendar = 'hijri' }: DualCalendarProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'ar';
  const rtl = language === 'ar';
  const [kind, setKind] = useState<CalendarKind>(initialCalendar);
  const [focused, setFocused] = useState<CalendarDate>(() => parseDate(/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : todayInRiyadh()));
  const grid = useRef<HTMLDivElement>(null);

  const calendar = CALENDARS[kind];
  const other: CalendarKind = kind === 'hijri' ? 'gregorian' : 'hijri';
  const shown = toCalendar(focused, calendar);
  const firstOfMonth = new CalendarDate(calendar, shown.era, shown.year, shown.month, 1);
  const daysInMonth = calendar.getDaysInMonth(firstOfMonth);
  // 0 is Sunday: the blank cells before the 1st.
  const lead = noonUtc(firstOfMonth).getUTCDay();
  const days = Array.from({ length: daysInMonth }, (_, index) => firstOfMonth.add({ days: index }));
  const locale = (which: CalendarKind) => `${language === 'ar' ? 'ar-SA' : 'en-GB'}-u-ca-${LOCALE_CALENDAR[which]}-nu-latn`;
  const monthTitle = new Intl.DateTimeFormat(locale(kind), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(noonUtc(firstOfMonth));
  const otherDay = new Intl.DateTimeFormat(locale(other), { timeZone: 'UTC', day: 'numeric' });
  const otherMonth = new Intl.DateTimeFormat(locale(other), { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const otherFull = new Intl.DateTimeFormat(locale(other), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const dayFull = new Intl.DateTimeFormat(locale(kind), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const weekday = new Intl.DateTimeFormat(language === 'ar' ? 'ar-SA' : 'en-GB', { timeZone: 'UTC', weekday: 'short' });
  // 4 January 1970 was a Sunday.
  const weekdays = Array.from({ length: 7 }, (_, index) => weekday.format(new Date(Date.UTC(1970, 0, 4 + index, 12))));
  const selected = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  const today = todayInRiyadh();
  const isoOf = (date: CalendarDate) => toCalendar(date, CALENDARS.gregorian).toString();
  // The other calendar's months this month overlaps: each day shows only its day number in it.
  const otherSpan = [...new Set([otherMonth.format(noonUtc(firstOfMonth)), otherMonth.format(noonUtc(days.at(-1) ?? firstOfMonth))])].join(' – ');

  // A move from the keyboard takes the focus along, before the next key is read (a layout effect
  // runs as soon as the month is drawn): Enter right after an arrow picks the day moved to.
  const moved = useRef(false);
  useLayoutEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    grid.current?.querySelector<HTMLButtonElement>('[data-focused="true"]')?.focus();
  }, [focused]);
  const moveTo = (date: CalendarDate) => {
    moved.current = true;
    setFocused(toCalendar(date, CALENDARS.gregorian));
  };
  const onKey = (event: KeyboardEvent) => {
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    const moves: Record<string, () => CalendarDate> = {
      [forward]: () => shown.add({ days: 1 }),
      [back]: () => shown.subtract({ days: 1 }),
      ArrowDown: () => shown.add({ weeks: 1 }),
      ArrowUp: () => shown.subtract({ weeks: 1 }),
      PageDown: () => shown.add({ months: 1 }),
      PageUp: () => shown.subtract({ months: 1 }),
      Home: () => shown.subtract({ days: noonUtc(shown).getUTCDay() }),
      End: () => shown.add({ days: 6 - noonUtc(shown).getUTCDay() }),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    moveTo(move());
  };

  const Previous = rtl ? IconChevronRight : IconChevronLeft;
  const Next = rtl ? IconChevronLeft : IconChevronRight;

  return (
    <Stack gap="xs" w={300}>
      <Button.Group aria-label={t('calendar.which')}>
        {(['hijri', 'gregorian'] as const).map((which) => (
          <Button
            key={which}
            size="xs"
            fullWidth
            variant={kind === which ? 'filled' : 'default'}
            aria-pressed={kind === which}
            onClick={() => setKind(which)}
            data-mantine-stop-propagation="true"
          >
            {t(`calendar.${which}`)}
          </Button>
        ))}
      </Button.Group>
      <Group justify="space-between" wrap="nowrap">
        <ActionIcon variant="subtle" onClick={() => moveTo(shown.subtract({ months: 1 }))} aria-label={t('calendar.previousMonth')} data-mantine-stop-propagation="true">
          <Previous size={18} />
        </ActionIcon>
        <Stack gap={0} align="center">
          <Text fw={600} aria-live="polite">
            {monthTitle}
          </Text>
          <Text fz="xs" c="dimmed">
            {otherSpan}
          </Text>
        </Stack>
        <ActionIcon variant="subtle" onClick={() => moveTo(shown.add({ months: 1 }))} aria-label={t('calendar.nextMonth')} data-mantine-stop-propagation="true">
          <Next size={18} />
        </ActionIcon>
      </Group>
      <Box ref={grid} role="grid" aria-label={monthTitle} onKeyDown={onKey} style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {weekdays.map((name) => (
          <Text key={name} role="columnheader" ta="center" fz="xs" c="dimmed">
            {name}
          </Text>
        ))}
        {Array.from({ length: lead }, (_, index) => (
          <span key={`lead-${index}`} />
        ))}
        {days.map((day) => {
          const iso = isoOf(day);
          const isFocused = day.day === shown.day;
          const isSelected = iso === selected;
          return (
            <UnstyledButton
              key={iso}
              role="gridcell"
              aria-selected={isSelected}
              aria-label={`${dayFull.format(noonUtc(day))} — ${otherFull.format(noonUtc(day))}`}
              data-focused={isFocused}
              data-autofocus={isFocused || undefined}
              // Escape closes the month, not the dialog it was opened from (Mantine's dialogs skip such targets).
              data-mantine-stop-propagation="true"
              tabIndex={isFocused ? 0 : -1}
              onClick={() => onPick(iso)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onPick(iso);
                }
              }}
              style={{
                borderRadius: 6,
                padding: '2px 0',
                textAlign: 'center',
                background: isSelected ? 'var(--mantine-color-teal-filled)' : iso === today ? 'var(--mantine-color-teal-light)' : undefined,
                color: isSelected ? 'var(--mantine-color-white)' : undefined,
                outlineOffset: 1,
              }}
            >
              <Text fz="sm" fw={isSelected ? 700 : 500} lh={1.2}>
                {day.day}
              </Text>
              <Text fz={11} lh={1.1} c={isSelected ? 'white' : 'dimmed'}>
                {otherDay.format(noonUtc(day))}
              </Text>
            </UnstyledButton>
          );
        })}
      </Box>
    </Stack>
  );
}
