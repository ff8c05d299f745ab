import { ActionIcon, Button, Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReportPeriodInput } from '../../../electron/api/reports';
import { DateField } from '../../components/DateField';
import { DualDate } from '../../components/DualDate';
import { Shortcut } from '../../components/Shortcut';
import { byPhysicalKey } from '../../app/hotkeys';
import { PERIOD_MODES, lastFullWeek, lastWeekChoice, shiftDay, thisWeekChoice, weekToDate, type PeriodChoice, type PeriodMode } from './period';

const samePeriod = (one: ReportPeriodInput | null, other: ReportPeriodInput) => one !== null && one.from === other.from && one.to === other.to;

/**
 * Week (Sunday to Thursday), month, quarter, year or a range; the day or the dates typed in Hijri or
 * Gregorian. The arrows step to the period before or after, in reading order: the earlier one
 * stands at the reading start. This week so far (Alt+T) and the last full week (Alt+P) are one key
 * away from anywhere on the page, the day field included; `shortcuts` is off while a dialog is over it.
 */
export function PeriodPicker({
  choice,
  onChange,
  period,
  today,
  shortcuts = true,
}: {
  choice: PeriodChoice;
  onChange: (choice: PeriodChoice) => void;
  period: ReportPeriodInput | null;
  today: string;
  shortcuts?: boolean;
}) {
  const { t, i18n } = useTranslation('reports');
  const rtl = i18n.dir() === 'rtl';
  const thisWeek = () => onChange(thisWeekChoice(today));
  const lastWeek = () => onChange(lastWeekChoice(today));
  useHotkeys(
    byPhysicalKey([
      ['alt+T', () => shortcuts && thisWeek()],
      ['alt+P', () => shortcuts && lastWeek()],
    ]),
    [],
  );
  const showingThisWeek = choice.mode === 'week' && samePeriod(period, weekToDate(today));
  const showingLastWeek = choice.mode === 'week' && samePeriod(period, lastFullWeek(today));
  const step = (steps: number) => {
    if (choice.mode === 'custom' || !period) return;
    onChange({ ...choice, day: shiftDay(choice.mode, period.from, steps) });
  };
  // Earlier at the reading start: the chevron pointing toward it.
  const EarlierIcon = rtl ? IconChevronRight : IconChevronLeft;
  const LaterIcon = rtl ? IconChevronLeft : IconChevronRight;

  return (
    <Stack gap="xs">
      <Group gap="xs" role="group" aria-label={t('period.quick')}>
        {/* On Friday and Saturday the week just worked is both this week and the last full one. */}
        <Button size="xs" variant={showingThisWeek ? 'filled' : 'default'} aria-pressed={showingThisWeek} onClick={thisWeek}>
          {t('period.thisWeek')}
          <Shortcut keys={['Alt', 'T']} />
        </Button>
        <Button size="xs" variant={showingLastWeek ? 'filled' : 'default'} aria-pressed={showingLastWeek} onClick={lastWeek}>
          {t('period.lastWeek')}
          <Shortcut keys={['Alt', 'P']} />
        </Button>
      </Group>
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
