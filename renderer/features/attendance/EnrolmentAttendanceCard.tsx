import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { useSession } from '../session/session-context';
import { DisciplineNoteModal } from './DisciplineNoteModal';

/**
 * A person's attendance in one program, for their enrolment: the counts, the rate and whether the
 * completion rule is met (with the rule in words), and their discipline notes, with the dialog that
 * records another.
 */
export function EnrolmentAttendanceCard({ enrolmentId, fullName }: { enrolmentId: string; fullName: string }) {
  const { t, i18n } = useTranslation('attendance');
  const session = useSession();
  const attendance = useCall('attendance.ofEnrolment', { enrolmentId });
  const [noting, setNoting] = useState(false);
  const data = attendance.data;
  if (!data) return null;
  const { summary } = data;

  return (
    <Paper withBorder radius="lg" p="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('title')}</Title>
          {session.can('enrolments.handle') ? (
            <Button variant="light" color="orange" leftSection={<IconAlertTriangle size={18} />} onClick={() => setNoting(true)}>
              {t('card.addNote')}
            </Button>
          ) : null}
        </Group>
        <Group gap="lg">
          <Text>
            {t('card.rate')}: <b>{summary.ratePercent === null ? t('card.noRate') : `${summary.ratePercent}%`}</b>
          </Text>
          <Badge color={summary.ruleMet ? 'teal' : 'gray'} variant="light">
            {summary.ruleMet ? t('card.ruleMet') : t('card.ruleNotMet')}
          </Badge>
          {(['present', 'late', 'excused', 'unexcused'] as const).map((status) => (
            <Text key={status} size="sm">
              {t(`status.${status}`)}: <b>{summary[status]}</b>
            </Text>
          ))}
        </Group>
        <Text size="sm" c="dimmed">
          {i18n.language === 'en' ? summary.ruleInWords.en : summary.ruleInWords.ar}
        </Text>
        {data.disciplineNotes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('card.noNotes')}
          </Text>
        ) : (
          <Stack gap={6}>
            {data.disciplineNotes.map((note) => (
              <Group key={note.id} gap="xs" align="flex-start" wrap="nowrap">
                <Badge color={note.kind === 'warning' ? 'orange' : 'gray'} variant="light">
                  {t(`discipline.kind.${note.kind}`)}
                </Badge>
                <Stack gap={0}>
                  <Text size="sm" dir="auto" w="fit-content">
                    {note.whatHappened}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <DualDate date={note.occurredOn} /> · {note.recordedBy.displayName}
                  </Text>
                </Stack>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      <DisciplineNoteModal
        line={noting ? { enrolmentId, beneficiary: { fullName } } : null}
        onClose={() => setNoting(false)}
        onSaved={() => attendance.reload()}
      />
    </Paper>
  );
}
