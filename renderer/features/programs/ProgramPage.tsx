import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBack, IconCoin, IconEdit, IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { ProgramDetail, ProgramMove } from '../../../electron/api/programs';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { Fact } from '../../components/Fact';
import { saveFile } from '../../lib/save-file';
import { useSession } from '../session/session-context';
import { ProgramEditorModal } from './ProgramEditorModal';
import { ProgramStatusBadge, useFeeText } from './parts';
import { PublishFeeModal } from './PublishFeeModal';
import { SessionsModal } from './SessionsModal';
import { StatusModal } from './StatusModal';
import { ProgramRosterPanel } from '../enrolments/ProgramRosterPanel';
import { AttendancePanel } from '../attendance/AttendancePanel';

type Dialog = 'edit' | 'sessions' | 'fee';

/** One program: what it is and who it is for, its sessions, its fees as published, its status and how it moved. */
export function ProgramPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('programs');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const session = useSession();
  const [, navigate] = useLocation();
  const feeText = useFeeText();
  const program = useCall('programs.get', { id });
  const [shown, setShown] = useState<ProgramDetail | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [moving, setMoving] = useState<ProgramMove | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  // What a dialog answered is the program as it is now, until the read that follows the write replaces it.
  const detail = shown ?? program.data;
  useEffect(() => setShown(null), [program.data]);
  const manages = session.can('programs.manage');

  const back = (
    <Anchor component="button" type="button" onClick={() => navigate('/programs')}>
      <Group gap={4}>
        <IconArrowBack size={16} />
        {t('page.back')}
      </Group>
    </Anchor>
  );
  if (program.error) {
    return (
      <Stack>
        {back}
        <Text c="red">{errorMessage(program.error)}</Text>
      </Stack>
    );
  }
  if (!detail) return back;

  const final = detail.status === 'completed' || detail.status === 'cancelled';
  const done = (updated: ProgramDetail) => {
    setShown(updated);
    setFailure(null);
  };

  const printSheet = async () => {
    if (printing) return;
    setPrinting(true);
    const result = await api['programs.printSheet']({ id: detail.id, language: i18n.language === 'en' ? 'en' : 'ar' });
    setPrinting(false);
    if (!result.ok) {
      setFailure(errorMessage(result.error));
      return;
    }
    setFailure(null);
    saveFile(result.value);
    notifications.show({ color: 'teal', message: t('page.printed', { name: result.value.fileName }) });
  };

  const removeSession = async (sessionId: string) => {
    const result = await api['programs.removeSession']({ id: sessionId });
    if (!result.ok) {
      setFailure(errorMessage(result.error));
      return;
    }
    done(result.value);
    notifications.show({ color: 'teal', message: t('page.sessionRemoved') });
  };

  return (
    <Stack gap="lg" maw={1200}>
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} dir="auto">{detail.nameAr}</Title>
            <ProgramStatusBadge status={detail.status} />
            <Badge variant="outline" color="gray" radius="sm">
              {t(`kinds.${detail.kind}`)}
            </Badge>
          </Group>
          {detail.nameEn ? (
            <Text c="dimmed" dir="ltr" lang="en" w="fit-content">
              {detail.nameEn}
            </Text>
          ) : null}
          {detail.status === 'cancelled' && detail.statusReason ? (
            <Text c="red">
              {t('page.reason')}: <bdi>{detail.statusReason}</bdi>
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={() => void printSheet()} loading={printing}>
            {t('page.print')}
          </Button>
          {manages && !final ? (
            <Button variant="default" leftSection={<IconEdit size={18} />} onClick={() => setDialog('edit')}>
              {t('page.edit')}
            </Button>
          ) : null}
        </Group>
      </Group>

      {failure ? (
        <Alert color="red" role="alert" withCloseButton onClose={() => setFailure(null)}>
          {failure}
        </Alert>
      ) : null}

      {manages && detail.nextStatuses.length > 0 ? (
        <Paper withBorder radius="lg" p="md">
          <Group justify="space-between">
            <Text fw={600}>{t('page.statusActions')}</Text>
            <Group gap="xs">
              {detail.nextStatuses.map((status) => (
                <Button key={status} variant={status === 'cancelled' ? 'light' : 'filled'} color={status === 'cancelled' ? 'red' : undefined} onClick={() => setMoving(status)}>
                  {t(`moves.${status}`)}
                </Button>
              ))}
            </Group>
          </Group>
          {detail.status === 'planned' && detail.fees.length === 0 ? (
            <Text size="sm" c="dimmed" mt="xs">
              {t('page.noFees')}
            </Text>
          ) : null}
        </Paper>
      ) : null}

      <Paper withBorder radius="lg" p="lg">
        <Stack gap="md">
          <Title order={4}>{t('page.details')}</Title>
          <SimpleGrid cols={3} spacing="lg">
            <Fact label={t('page.dates')}>
              <Stack gap={0}>
                <DualDate date={detail.startsOn} />
                <DualDate date={detail.endsOn} />
              </Stack>
            </Fact>
            <Fact label={t('page.place')}>{detail.place ? <bdi>{detail.place}</bdi> : <Text c="dimmed">{t('common:notRecorded')}</Text>}</Fact>
            <Fact label={t('page.capacity')}>{detail.capacity}</Fact>
            <Fact label={t('page.forWhom')}>
              <ForWhom program={detail} />
            </Fact>
            <Fact label={t('page.interview')}>{detail.hasInterview ? t('page.interviewYes') : t('page.interviewNo')}</Fact>
            <Fact label={t('page.completion')}>
              {t('page.minAttendance', { percent: detail.minAttendancePercent })}
              {detail.maxUnexcusedAbsences === null ? null : ` ${t('page.maxAbsences', { count: detail.maxUnexcusedAbsences })}`}
            </Fact>
            <Fact label={t('page.followUp')}>{t('page.followUpValue', { count: detail.followUpAfterAbsences })}</Fact>
            <Fact label={t('page.offerDays')}>{t('page.offerDaysValue', { count: detail.offerDays })}</Fact>
          </SimpleGrid>
          <Fact label={t('page.description')}>
            <Text dir="auto" style={{ whiteSpace: 'pre-line' }}>{detail.description}</Text>
          </Fact>
          {detail.conditions ? (
            <Fact label={t('page.conditions')}>
              <Text dir="auto" style={{ whiteSpace: 'pre-line' }}>{detail.conditions}</Text>
            </Fact>
          ) : null}
        </Stack>
      </Paper>

      <Paper withBorder radius="lg" p="lg">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>{t('page.fees')}</Title>
            {manages && !final ? (
              <Button variant="light" leftSection={<IconCoin size={18} />} onClick={() => setDialog('fee')}>
                {t('page.publishFee')}
              </Button>
            ) : null}
          </Group>
          {detail.fees.length === 0 ? (
            <Text c="dimmed">{t('page.noFees')}</Text>
          ) : (
            <Table striped aria-label={t('page.fees')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('page.feeVersion')}</Table.Th>
                  <Table.Th>{t('page.feeAmount')}</Table.Th>
                  <Table.Th>{t('page.feeCovers')}</Table.Th>
                  <Table.Th>{t('page.feeAnnounced')}</Table.Th>
                  <Table.Th>{t('page.feePublishedBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detail.fees.map((fee, index) => (
                  <Table.Tr key={fee.id}>
                    <Table.Td>
                      <Group gap="xs">
                        {fee.version}
                        {index === 0 ? (
                          <Badge size="sm" variant="light" color="teal">
                            {t('page.feeCurrent')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{feeText(fee.amount)}</Table.Td>
                    <Table.Td>
                      <bdi>{fee.covers}</bdi>
                    </Table.Td>
                    <Table.Td>
                      <DualDate date={fee.announcedOn} />
                    </Table.Td>
                    <Table.Td>{fee.publishedBy.displayName}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>

      <AttendancePanel program={detail} schedule={manages && !final ? { add: () => setDialog('sessions'), remove: (sessionId) => void removeSession(sessionId) } : undefined} />

      <ProgramRosterPanel programId={id} />

      <Paper withBorder radius="lg" p="lg">
        <Stack gap="sm">
          <Title order={4}>{t('page.history')}</Title>
          <Timeline bulletSize={14} lineWidth={2}>
            {detail.history.map((change) => (
              <Timeline.Item key={change.id} title={change.from === null ? t('page.created') : t('page.moved', { from: t(`statuses.${change.from}`), to: t(`statuses.${change.to}`) })}>
                <Text size="sm" c="dimmed">
                  <DualDate instant={change.at} /> · {change.actor.displayName}
                </Text>
                {change.reason ? <Text size="sm" dir="auto">
                    {change.reason}
                  </Text> : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      </Paper>

      <ProgramEditorModal opened={dialog === 'edit'} program={detail} onClose={() => setDialog(null)} onSaved={done} />
      <SessionsModal program={detail} opened={dialog === 'sessions'} onClose={() => setDialog(null)} onDone={done} />
      <PublishFeeModal program={detail} opened={dialog === 'fee'} onClose={() => setDialog(null)} onDone={done} />
      <StatusModal program={detail} status={moving} onClose={() => setMoving(null)} onDone={done} />
    </Stack>
  );
}

function ForWhom({ program }: { program: ProgramDetail }) {
  const { t, i18n } = useTranslation('programs');
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const categories = program.categories.length === 0 ? t('page.everyone') : list.format(program.categories.map((category) => t(`beneficiaries:category.${category}`)));
  const gender = program.gender === null ? t('page.bothGenders') : t(`beneficiaries:gender.${program.gender}`);
  const age =
    program.ageMin !== null && program.ageMax !== null
      ? t('page.ageBetween', { min: program.ageMin, max: program.ageMax })
      : program.ageMin !== null
        ? t('page.ageFrom', { min: program.ageMin })
        : program.ageMax !== null
          ? t('page.ageUpTo', { max: program.ageMax })
          : t('page.anyAge');
  return (
    <Stack gap={0}>
      <Text>{categories}</Text>
      <Text>{gender}</Text>
      <Text>{age}</Text>
    </Stack>
  );
}
