import { ActionIcon, Alert, Button, Chip, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AddedSessions, type ProgramDetail, type Weekday } from '../../../electron/api/programs';
import { useSaveForm } from '../../api/use-save-form';
import { DateField } from '../../components/DateField';
import { DualDate } from '../../components/DualDate';
import { SaveForm } from '../../components/SaveForm';
import { formatDualDate, parseTypedTime } from '../../lib/dates';

interface SessionValues {
  mode: 'weekly' | 'dates';
  weekdays: string[];
  from: string;
  to: string;
  dates: string[];
  startsAt: string;
  endsAt: string;
  place: string;
  note: string;
}

/** The association's working week first: Sunday to Thursday, then the weekend. */
const WEEK_ORDER: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/**
 * Adds sessions to a program: every chosen weekday between two dates, or single dates one by one,
 * at one time and place. The holidays are left out by the desk, which says which.
 */
export function SessionsModal({ program, opened, onClose, onDone }: { program: ProgramDetail; opened: boolean; onClose: () => void; onDone: (program: ProgramDetail) => void }) {
  const { t, i18n } = useTranslation('programs');
  const [pendingDate, setPendingDate] = useState('');
  const initial = (): SessionValues => ({
    mode: 'weekly',
    weekdays: [],
    from: program.startsOn,
    to: program.endsOn,
    dates: [],
    startsAt: '',
    endsAt: '',
    place: '',
    note: '',
  });
  const shortDates = (dates: string[]) => dates.map((date) => formatDualDate(date, i18n.language as 'ar' | 'en').gregorian).join('، ');
  const form = useSaveForm('programs.addSessions', {
    initial: initial(),
    input: (values) => ({
      programId: program.id,
      schedule:
        values.mode === 'weekly'
          ? { kind: 'weekly' as const, weekdays: values.weekdays.map(Number) as Weekday[], from: values.from, to: values.to }
          : { kind: 'dates' as const, dates: values.dates },
      // A time typed as 930 or 9.30 is sent as 09:30; anything else as typed, for the desk to refuse it in words.
      startsAt: parseTypedTime(values.startsAt) ?? values.startsAt,
      endsAt: parseTypedTime(values.endsAt) ?? values.endsAt,
      place: values.place,
      note: values.note,
    }),
    fieldOf: (path) => {
      if (path === 'schedule.weekdays') return 'weekdays';
      if (path === 'schedule.from') return 'from';
      if (path === 'schedule.to') return 'to';
      if (path.startsWith('schedule')) return 'schedule';
      return path;
    },
    onSaved: (added: AddedSessions) => {
      const lines = [t('sessionsDialog.added', { count: added.added })];
      if (added.skippedHolidays.length > 0) lines.push(t('sessionsDialog.skippedHolidays', { dates: shortDates(added.skippedHolidays) }));
      if (added.skippedExisting.length > 0) lines.push(t('sessionsDialog.skippedExisting', { dates: shortDates(added.skippedExisting) }));
      notifications.show({ color: 'teal', message: lines.join(' ') });
      onDone(added.program);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    if (!opened) return;
    fill(initial());
    setPendingDate('');
    clearError();
    // Each opening starts from the program's own dates.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, program.id, fill, clearError]);

  const addPendingDate = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pendingDate) || values.dates.includes(pendingDate)) return;
    set('dates', [...values.dates, pendingDate].sort());
    setPendingDate('');
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('sessionsDialog.title')} size="lg">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('editor.cancel')} saveLabel={t('sessionsDialog.save')}>
        <SegmentedControl
          aria-label={t('sessionsDialog.mode')}
          value={values.mode}
          onChange={(value) => set('mode', value as SessionValues['mode'])}
          data={[
            { value: 'weekly', label: t('sessionsDialog.weekly') },
            { value: 'dates', label: t('sessionsDialog.dates') },
          ]}
        />
        {values.mode === 'weekly' ? (
          <>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('sessionsDialog.weekdays')}
              </Text>
              <Chip.Group multiple value={values.weekdays} onChange={(value) => set('weekdays', value)}>
                <Group gap="xs">
                  {WEEK_ORDER.map((day) => (
                    <Chip key={day} value={String(day)} variant="outline" data-autofocus={day === 0 ? true : undefined}>
                      {t(`weekdays.${day}`)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
              {errors.weekdays ? (
                <Text size="sm" c="red">
                  {errors.weekdays}
                </Text>
              ) : null}
            </Stack>
            <SimpleGrid cols={2}>
              <DateField label={t('sessionsDialog.from')} value={values.from} onChange={(value) => set('from', value)} error={errors.from} required />
              <DateField label={t('sessionsDialog.to')} value={values.to} onChange={(value) => set('to', value)} error={errors.to} required />
            </SimpleGrid>
          </>
        ) : (
          <Stack gap="xs">
            <Group align="flex-end" wrap="nowrap">
              {/* Enter adds the date typed, and the next one is typed in its place; Ctrl+Enter still saves. */}
              <div
                onKeyDown={(event) => {
                  if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
                  event.preventDefault();
                  addPendingDate();
                }}
              >
                <DateField label={t('sessionsDialog.date')} value={pendingDate} onChange={setPendingDate} data-autofocus />
              </div>
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={addPendingDate} mb={22}>
                {t('sessionsDialog.addDate')}
              </Button>
            </Group>
            <Text size="sm" fw={500}>
              {t('sessionsDialog.chosenDates')}
            </Text>
            {values.dates.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('sessionsDialog.noDates')}
              </Text>
            ) : (
              <Group gap="xs">
                {values.dates.map((date) => (
                  <Group key={date} gap={4} wrap="nowrap" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 6, paddingInline: 8 }}>
                    <DualDate date={date} />
                    <ActionIcon variant="subtle" size="sm" aria-label={t('sessionsDialog.removeDate')} onClick={() => set('dates', values.dates.filter((each) => each !== date))}>
                      <IconX size={14} />
                    </ActionIcon>
                  </Group>
                ))}
              </Group>
            )}
          </Stack>
        )}
        {errors.schedule ? (
          <Alert color="red" role="alert">
            {errors.schedule}
          </Alert>
        ) : null}
        <SimpleGrid cols={2}>
          <TextInput label={t('sessionsDialog.startsAt')} placeholder="16:00" value={values.startsAt} onChange={(event) => set('startsAt', event.currentTarget.value)} error={errors.startsAt} dir="ltr" required />
          <TextInput label={t('sessionsDialog.endsAt')} placeholder="18:00" value={values.endsAt} onChange={(event) => set('endsAt', event.currentTarget.value)} error={errors.endsAt} dir="ltr" required />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput label={t('sessionsDialog.place')} value={values.place} onChange={(event) => set('place', event.currentTarget.value)} error={errors.place} />
          <TextInput label={t('sessionsDialog.note')} value={values.note} onChange={(event) => set('note', event.currentTarget.value)} error={errors.note} />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('sessionsDialog.holidaysSkipped')}
        </Text>
      </SaveForm>
    </Modal>
  );
}
