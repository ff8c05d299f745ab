import { ActionIcon, Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReportPeriodInput } from '../../../electron/api/reports';
import { DateField } from '../../components/DateField';
import { DualDate } from '../../components/DualDate';
import { PERIOD_MODES, periodAround, shiftDay, type PeriodMode } from './period';

export interface PeriodChoice {
  mode: PeriodMode;
  /** Any day in the period (week, month, quarter, year), typed in either calendar. */
  day: string;
  /** The range, when `mode` is custom. */
  from: string;
  to: string;
}

/** The period a choice names, or null while a typed date is not yet a date. */
export function periodOfChoice(choice: PeriodChoice): ReportPeriodInput | null {
  const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (choice.mode === 'custom') return isDate(choice.from) && isDate(choice.to) && choice.from <= choice.to ? { from: choice.from, to: choice.to } : null;
  return isDate(choice.day) ? periodAround(choice.mode, choice.day) : null;
}

/**
 * Week (Sunday to Thursday), month, quarter, year or a range; the day or the dates typed in Hijri or
 * Gregorian. The arrows step to the period before or after, in reading order: the earlier one
 * stands at the reading start.
 */
export function PeriodPicker({ choice, onChange, period }: { choice: PeriodChoice; onChange: (choice: PeriodChoice) => void; period: ReportPeriodInput | null }) {
  const { t, i18n } = useTranslation('reports');
  const rtl = i18n.dir() === 'rtl';
  const step = (steps: number) => {
    if (choice.mode === 'custom' || !period) return;
    onChange({ ...choice, day: shiftDay(choice.mode, period.from, steps) });
  };
  // Earlier at the reading start: the chevron pointing toward it.
  const EarlierIcon = rtl ? IconChevronRight : IconChevronLeft;
  const LaterIcon = rtl ? IconChevronLeft : IconChevronRight;

  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t('period.label')}
        value={choice.mode}
        onChange={(mode) => {
          const next = mode as PeriodMode;
          onChange(next === 'custom' && period ? { ...choice, mode: next, from: period.from, to: period.to } : { ...choice, mode: next, day: period?.from ?? choice.day });
        }}
        data={PERIOD_MODES.map((mode) => ({ value: mode, label: t(`period.${mode}`) }))}
      />
      <Group align="flex-start" gap="sm" wrap="nowrap">
        {choice.mode === 'custom' ? (
          <>
            <DateField label={t('period.from')} value={choice.from} onChange={(from) => onChange({ ...choice, from })} />
            <DateField
              label={t('period.to')}
              value={choice.to}
              onChange={(to) => onChange({ ...choice, to })}
              // Both dates real, the end before the start: said at once, as the server would.
              error={/^\d{4}-\d{2}-\d{2}$/.test(choice.from) && /^\d{4}-\d{2}-\d{2}$/.test(choice.to) && choice.to < choice.from ? t('errors:validation.reports.endBeforeStart') : null}
            />
          </>
        ) : (
          <>
            <Tooltip label={t('period.previousPeriod')}>
              <ActionIcon variant="default" size="lg" mt={26} onClick={() => step(-1)} aria-label={t('period.previousPeriod')}>
                <EarlierIcon size={18} />
              </ActionIcon>
            </Tooltip>
            <DateField label={t('period.day')} value={choice.day} onChange={(day) => onChange({ ...choice, day })} />
            <Tooltip label={t('period.nextPeriod')}>
              <ActionIcon variant="default" size="lg" mt={26} onClick={() => step(1)} aria-label={t('period.nextPeriod')}>
                <LaterIcon size={18} />
              </ActionIcon>
            </Tooltip>
          </>
        )}
      </Group>
      {period ? <PeriodLine period={period} /> : null}
    </Stack>
  );
}

/** A period in both calendars: "from … to …". */
export function PeriodLine({ period, dimmed = false }: { period: ReportPeriodInput; dimmed?: boolean }) {
  const { t } = useTranslation('reports');
  const [before, middle, after] = splitAround(t('period.shown', { from: '\u0000', to: '\u0001' }));
  return (
    <Text fz="sm" c={dimmed ? 'dimmed' : undefined} data-testid={dimmed ? 'previous-period' : 'report-period'}>
      {before}
      <DualDate date={period.from} />
      {middle}
      <DualDate date={period.to} />
      {after}
    </Text>
  );
}

/** The text around the two placeholders of a sentence, so that each date can be drawn in both calendars. */
function splitAround(sentence: string): [string, string, string] {
  const [before = '', rest = ''] = sentence.split('\u0000');
  const [middle = '', after = ''] = rest.split('\u0001');
  return [before, middle, after];
}
