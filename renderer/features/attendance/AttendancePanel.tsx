import { ActionIcon, Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCalendarPlus, IconClipboardCheck, IconPrinter, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramDetail, Weekday } from '../../../electron/api/programs';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';
import { ExportMenu } from '../exports/ExportMenu';
import { useSession } from '../session/session-context';
import { usePrintSignInSheet } from './print';
import { TakeAttendanceModal } from './TakeAttendanceModal';

/** What the program's page lets its manager do with the schedule; absent for a reader who may not. */
export interface ScheduleActions {
  add: () => void;
  remove: (sessionId: string) => void;
}

/**
 * A program's sessions on its page, in one table: each session's day and date, time and place, whether
 * its attendance was taken (how many marked and absent), its sign-in sheet to print, and its roster to
 * take (today's first session from the header, or any other from its line); the program's manager adds
 * sessions and removes one from here too.
 */
export function AttendancePanel({ program, schedule }: { program: ProgramDetail; schedule?: ScheduleActions }) {
  const { t } = useTranslation('attendance');
  const { t: programs } = useTranslation('programs');
  const programId = program.id;
  const session = useSession();
  const sessions = useCall('attendance.sessions', { programId });
  const print = usePrintSignInSheet();
  const [taking, setTaking] = useState<string | null>(null);
  const takes = session.can('enrolments.handle');
  const list = sessions.data?.sessions ?? [];

  return (
    <Paper withBorder radius="lg" p="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>
            {programs('page.sessions')} ({program.sessions.length})
          </Title>
          <Group gap="xs">
            {takes && sessions.data?.suggestedSessionId ? (
              <Button leftSection={<IconClipboardCheck size={18} />} onClick={() => setTaking(sessions.data?.suggestedSessionId ?? null)}>
                {t('panel.take')}
              </Button>
            ) : null}
            {schedule ? (
              <Button variant="light" leftSection={<IconCalendarPlus size={18} />} onClick={schedule.add}>
                {programs('page.addSessions')}
              </Button>
            ) : null}
          </Group>
        </Group>
        {print.failure ? (
          <Alert color="red" role="alert">
            {print.failure}
          </Alert>
        ) : null}
        {list.length === 0 ? (
          <Text c="dimmed">{programs('page.noSessions')}</Text>
        ) : (
          <Table striped aria-label={programs('page.sessions')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>#</Table.Th>
                <Table.Th>{t('panel.date')}</Table.Th>
                <Table.Th>{t('panel.time')}</Table.Th>
                <Table.Th>{t('panel.place')}</Table.Th>
                <Table.Th>{t('panel.attendance')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((each, index) => (
                <Table.Tr key={each.id}>
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Td>
                    <Text span size="sm" c="dimmed">
                      {programs(`weekdays.${new Date(`${each.date}T12:00:00Z`).getUTCDay() as Weekday}`)}
                    </Text>{' '}
                    <DualDate date={each.date} />
                  </Table.Td>
                  <Table.Td>
                    <Ltr>
                      {each.startsAt}–{each.endsAt}
                    </Ltr>
                  </Table.Td>
                  <Table.Td>
                    <bdi>{each.place ?? program.place ?? ''}</bdi>
                    {each.note ? (
                      <Text size="xs" c="dimmed" dir="auto">
                        {each.note}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {each.marked === 0 ? <Text c="dimmed">{t('panel.notTaken')}</Text> : t('panel.taken', { marked: each.marked, absent: each.absent })}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        leftSection={<IconPrinter size={16} />}
                        aria-label={t('panel.printFor', { number: index + 1 })}
                        onClick={() => void print.print(each.id)}
                      >
                        {t('panel.print')}
                      </Button>
                      <ExportMenu compact subject={{ kind: 'attendanceSheet', sessionId: each.id }} label={t('panel.exportFor', { number: index + 1 })} />
                      {takes ? (
                        <Button variant="light" size="compact-sm" aria-label={t('panel.takeFor', { number: index + 1 })} onClick={() => setTaking(each.id)}>
                          {each.marked === 0 ? t('panel.takeShort') : t('panel.correct')}
                        </Button>
                      ) : null}
                      {schedule ? (
                        <ActionIcon variant="subtle" color="red" aria-label={`${programs('page.removeSession')} ${index + 1}`} onClick={() => schedule.remove(each.id)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <TakeAttendanceModal programId={programId} sessionId={taking} opened={taking !== null} onClose={() => setTaking(null)} />
    </Paper>
  );
}
