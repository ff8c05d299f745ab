import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Stepper, Table, Text, Timeline, Title } from '@mantine/core';
import { IconArrowBack, IconLink, IconUserShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { ComplaintDetail, ComplaintEventView, ComplaintOffer } from '../../../electron/api/complaints';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';
import { AnswerModal, DecideModal, NoteStepModal, ReassignModal, ResolveModal } from './ComplaintActions';
import { LinkComplaintModal } from './LinkComplaintModal';
import { useDuration } from '../../lib/durations';
import { DecisionBadge, DueDate, personOf, StageBadge } from './parts';
import { Fact } from '../../components/Fact';
import { SatisfactionBlock } from '../satisfaction/SatisfactionBlock';

/** Each step the complaint offers opens its own dialog. */
type Dialog = ComplaintOffer;

const MILLISECONDS_PER_MINUTE = 60_000;

/** One complaint, note or suggestion: its stage, its events, and the next steps. */
export function ComplaintPage({ id }: { id: string }) {
  const { t } = useTranslation('complaints');
  const errorMessage = useErrorMessage();
  const [, navigate] = useLocation();
  const complaint = useCall('complaints.get', { id });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [shown, setShown] = useState<ComplaintDetail | null>(null);
  const [linking, setLinking] = useState(false);
  // The answer of the last step is the complaint as it is now; no need to read it again.
  const detail = shown ?? complaint.data;

  const back = (
    <Anchor component="button" type="button" onClick={() => navigate('/complaints')}>
      <Group gap={4}>
        <IconArrowBack size={16} />
        {t('page.back')}
      </Group>
    </Anchor>
  );

  if (complaint.error) {
    return (
      <Stack>
        {back}
        <Text c="red">{errorMessage(complaint.error)}</Text>
      </Stack>
    );
  }
  if (!detail) return back;

  const done = (updated: ComplaintDetail) => {
    setShown(updated);
    setDialog(null);
  };
  const modalProps = { complaint: detail, onClose: () => setDialog(null), onDone: done };

  return (
    <Stack gap="lg" maw={1100}>
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>
              {t(`kind.${detail.kind}`)} <Ltr>{detail.number}</Ltr>
            </Title>
            <StageBadge stage={detail.stage} />
            {detail.overdue ? (
              <Badge color="red" variant="filled" radius="sm">
                {t('overdue')}
              </Badge>
            ) : null}
          </Group>
          <Text fw={500} dir="auto" w="fit-content">
            {detail.subject}
          </Text>
        </Stack>
      </Group>

      <Paper withBorder radius="lg" p="lg">
        <Stepper active={detail.stage === detail.path.at(-1) ? detail.path.length : detail.path.indexOf(detail.stage) + 1} size="sm" allowNextStepsSelect={false}>
          {detail.path.map((stage) => (
            <Stepper.Step key={stage} label={t(`stage.${stage}`)} />
          ))}
        </Stepper>
      </Paper>

      <NextStep complaint={detail} onAction={setDialog} />
      {detail.answeredAt ? <SatisfactionBlock offeredCase={{ complaintId: detail.id }} /> : null}

      <Paper withBorder radius="lg" p="lg">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Fact label={t('page.person')}>
            {detail.beneficiary ? (
              <Anchor component="button" type="button" onClick={() => navigate(`/beneficiaries/${detail.beneficiary?.id ?? ''}`)}>
                {personOf(detail)}
              </Anchor>
            ) : (
              <Group gap="xs">
                {personOf(detail)}
                {/* Received by name: linked to the person's file once they are found or registered. */}
                <Button size="compact-sm" variant="light" leftSection={<IconLink size={14} />} onClick={() => setLinking(true)}>
                  {t('link.action')}
                </Button>
              </Group>
            )}
          </Fact>
          <Fact label={t('page.about')}>
            {detail.aboutStaff ? `${t('about.staff')}: ${detail.aboutStaff.displayName}` : t(`about.${detail.about}`)}
          </Fact>
          <Fact label={t('page.owner')}>{detail.owner.displayName}</Fact>
          <Fact label={t('page.received')}>
            <DualDate instant={detail.receivedAt} />
          </Fact>
          <Fact label={t('page.due')}>
            <DueDate complaint={detail} />
          </Fact>
          {detail.answeredAt ? (
            <Fact label={t('page.answeredAt')}>
              <DualDate instant={detail.answeredAt} />
            </Fact>
          ) : null}
        </SimpleGrid>
        <Stack gap="sm" mt="md">
          <Fact label={t('page.details')}>{detail.details ? <Text dir="auto" w="fit-content">{detail.details}</Text> : <Text c="dimmed">{t('page.noDetails')}</Text>}</Fact>
          {detail.resolution ? (
            <Fact label={t('page.resolution')}>
              <Text dir="auto" w="fit-content">{detail.resolution}</Text>
            </Fact>
          ) : null}
          {detail.kind === 'suggestion' && detail.path.indexOf(detail.stage) >= detail.path.indexOf('resolved') ? (
            <Fact label={t('page.decision')}>
              <DecisionBadge decision={detail.decision} />
              {detail.decidedAt ? (
                <Text component="span" c="dimmed" ms="sm">
                  <DualDate instant={detail.decidedAt} />
                </Text>
              ) : null}
            </Fact>
          ) : null}
          {detail.improvement ? (
            <Fact label={t('page.improvement')}>
              <Text dir="auto" w="fit-content">{detail.improvement}</Text>
            </Fact>
          ) : null}
        </Stack>
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder radius="lg" p="lg">
          <Title order={4} mb="md">
            {t('page.events')}
          </Title>
          <Timeline active={detail.events.length - 1} bulletSize={14} lineWidth={2}>
            {detail.events.map((event) => (
              <Timeline.Item key={event.id} title={<EventTitle event={event} />}>
                <Text size="sm" c="dimmed">
                  <DualDate instant={event.at} /> · {t('page.by', { name: event.actor.displayName })}
                </Text>
                {event.note ? (
                  <Text size="sm" dir="auto" w="fit-content">
                    {event.note}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
        <StageTimes complaint={detail} />
      </SimpleGrid>

      {dialog === 'acknowledge' || dialog === 'investigate' || dialog === 'close' ? <NoteStepModal step={dialog} {...modalProps} /> : null}
      {dialog === 'resolve' ? <ResolveModal {...modalProps} /> : null}
      {dialog === 'answer' ? <AnswerModal {...modalProps} /> : null}
      {dialog === 'decide' ? <DecideModal {...modalProps} /> : null}
      {dialog === 'reassign' ? <ReassignModal {...modalProps} /> : null}
      {linking ? (
        <LinkComplaintModal
          complaint={detail}
          onClose={() => setLinking(false)}
          onLinked={(updated) => {
            setShown(updated);
            setLinking(false);
          }}
        />
      ) : null}
    </Stack>
  );
}

/**
 * The one step allowed now, a decision for a suggestion left under study, and reassigning, as the
 * complaint offers them to the reader.
 */
function NextStep({ complaint, onAction }: { complaint: ComplaintDetail; onAction: (dialog: Dialog) => void }) {
  const { t } = useTranslation('complaints');
  const step = complaint.allowedMoves.find((offer) => offer !== 'decide' && offer !== 'reassign');
  const decidable = complaint.allowedMoves.includes('decide');
  const canReassign = complaint.allowedMoves.includes('reassign');
  if (!step && !decidable && !canReassign) {
    return <Text c="dimmed">{t('page.done')}</Text>;
  }
  return (
    <Paper withBorder radius="lg" p="md">
      <Group justify="space-between">
        <Group gap="sm">
          <Text fw={500}>{t('page.nextStep')}</Text>
          {step ? <Button onClick={() => onAction(step)}>{t(`action.${step}`)}</Button> : <Text c="dimmed">{t('page.done')}</Text>}
          {decidable ? (
            <Button variant="light" onClick={() => onAction('decide')}>
              {t('action.decide')}
            </Button>
          ) : null}
        </Group>
        {canReassign ? (
          <Button variant="subtle" leftSection={<IconUserShare size={16} />} onClick={() => onAction('reassign')}>
            {t('action.reassign')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

function EventTitle({ event }: { event: ComplaintEventView }) {
  const { t } = useTranslation('complaints');
  return <>{event.action === 'reassigned' ? t('event.reassigned', { name: event.owner?.displayName ?? '' }) : t(`event.${event.action}`)}</>;
}

function StageTimes({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  const duration = useDuration();
  return (
    <Paper withBorder radius="lg" p="lg">
      <Title order={4} mb="md">
        {t('page.stageTimes')}
      </Title>
      <Table aria-label={t('page.stageTimes')}>
        <Table.Tbody>
          {complaint.stageTimes.map((entry) => (
            <Table.Tr key={`${entry.stage}-${entry.enteredAt}`}>
              <Table.Td>{t(`stage.${entry.stage}`)}</Table.Td>
              <Table.Td>
                {duration(entry.milliseconds / MILLISECONDS_PER_MINUTE)}
                {entry.leftAt === null ? (
                  <Text component="span" c="dimmed" ms={6}>
                    ({t('page.current')})
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
