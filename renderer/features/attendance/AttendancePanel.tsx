import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconClipboardCheck, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';
import { useSession } from '../session/session-context';
import { usePrintSignInSheet } from './print';
import { TakeAttendanceModal } from './TakeAttendanceModal';

/**
 * A program's attendance on its page: each session with how many were marked and absent, the
 * session's sign-in sheet to print, and the roster to take (today's first session, or any other).
 */
export function AttendancePanel({ programId }: { programId: string }) {
  const { t } = useTranslation('attendance');
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
          <Title order={4}>{t('title')}</Title>
          {takes && sessions.data?.suggestedSessionId ? (
            <Button leftSection={<IconClipboardCheck size={18} />} onClick={() => setTaking(sessions.data?.suggestedSessionId ?? null)}>
              {t('panel.take')}
            </Button>
          ) : null}
        </Group>
        {print.failure ? (
          <Alert color="red" role="alert">
            {print.failure}
          </Alert>
        ) : null}
        {list.length === 0 ? (
          <Text c="dimmed">{t('panel.noSessions')}</Text>
        ) : (
          <Table striped aria-label={t('panel.sessions')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('panel.date')}</Table.Th>
                <Table.Th>{t('panel.time')}</Table.Th>
                <Table.Th>{t('panel.marked')}</Table.Th>
                <Table.Th>{t('panel.absent')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((each, index) => (
                <Table.Tr key={each.id}>
                  <Table.Td>
                    <DualDate date={each.date} />
                  </Table.Td>
                  <Table.Td>
                    <Ltr>
                      {each.startsAt}–{each.endsAt}
                    </Ltr>
                  </Table.Td>
                  <Table.Td>{each.marked === 0 ? <Text c="dimmed">{t('panel.notTaken')}</Text> : each.marked}</Table.Td>
                  <Table.Td>{each.absent}</Table.Td>
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
                      {takes ? (
                        <Button variant="light" size="compact-sm" aria-label={t('panel.takeFor', { number: index + 1 })} onClick={() => setTaking(each.id)}>
                          {each.marked === 0 ? t('panel.takeShort') : t('panel.correct')}
                        </Button>
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
