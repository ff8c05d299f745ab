import { Alert, Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Stepper, Text, Timeline, Title } from '@mantine/core';
import { IconArrowBack, IconCheck, IconFileText, IconLink, IconMail, IconPhoneCall, IconSend, IconUserShare, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { requestWorkflow, type RequestDetail, type RequestEventView, type RequestOffer } from '../../../electron/api/requests';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr, TypedCode } from '../../components/Ltr';
import { useDuration } from '../../lib/durations';
import { LetterDetailsModal } from '../letters/LetterDetailsModal';
import { LetterModal } from '../letters/LetterModal';
import { LinkRegisteredLetterModal } from '../letters/LinkLetterModals';
import { LetterPreviewModal } from '../letters/LetterPreviewModal';
import { useSession } from '../session/session-context';
import { OutcomeBadge, OverdueBadge, StageBadge, useNameIn } from './labels';
import { RequestActionModal, type RequestActionKind } from './RequestActionModal';
import { Fact } from '../../components/Fact';
import { SatisfactionBlock } from '../satisfaction/SatisfactionBlock';

/** The dialog each step the request offers opens. */
const DIALOG_OF: Record<RequestOffer, RequestActionKind> = {
  startReview: 'startReview',
  refer: 'refer',
  recordAuthorityAnswer: 'recordAnswer',
  decide: 'decide',
  notify: 'notify',
  close: 'close',
  withdraw: 'withdraw',
  reassign: 'reassign',
};

const MILLISECONDS_PER_MINUTE = 60_000;

const ACTION_ICONS: Record<RequestActionKind, ReactNode> = {
  startReview: <IconFileText size={16} />,
  refer: <IconSend size={16} />,
  recordAnswer: <IconMail size={16} />,
  decide: <IconCheck size={16} />,
  notify: <IconPhoneCall size={16} />,
  close: <IconCheck size={16} />,
  withdraw: <IconX size={16} />,
  reassign: <IconUserShare size={16} />,
};

/** One request: its stage, its events, and the next steps. */
export function RequestPage({ id }: { id: string }) {
  const { t } = useTranslation('requests');
  const errorMessage = useErrorMessage();
  const session = useSession();
  const nameIn = useNameIn();
  const duration = useDuration();
  const loaded = useCall('requests.get', { id });
  const [current, setCurrent] = useState<RequestDetail | null>(null);
  const [action, setAction] = useState<RequestActionKind | null>(null);
  const [letterId, setLetterId] = useState<string | null>(null);
  const [shownLetterId, setShownLetterId] = useState<string | null>(null);
  const [registeringLetter, setRegisteringLetter] = useState(false);
  const [linkingLetter, setLinkingLetter] = useState(false);
  const mayRegisterLetters = session.can('letters.register');
  const letters = useCall('letters.list', mayRegisterLetters ? { requestId: id, limit: 50 } : null);
  // The answer of the last step is fresher than the first read.
  const request = current?.id === id ? current : loaded.data;

  if (loaded.error) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(loaded.error)}
      </Alert>
    );
  }
  if (!request) return <Loader aria-label={t('loading')} />;

  const path = request.path;
  const stageIndex = path.indexOf(request.stage);
  const finished = requestWorkflow.groups.final.includes(request.stage);
  // What the reader may do now comes with the request, from the workflow and their role.
  const actions = request.allowedMoves.map((offer) => DIALOG_OF[offer]);
  const awaitingSupervisor = requestWorkflow.groups.awaitingDecision.includes(request.stage) && !request.allowedMoves.includes('decide');

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>
              {t('detail.title')} <Ltr>{request.number}</Ltr>
            </Title>
            <StageBadge stage={request.stage} />
            {request.overdue ? <OverdueBadge /> : null}
          </Group>
          <Text size="lg">{nameIn(request.type)}</Text>
          <Group gap="xs">
            <Text c="dimmed">{t('detail.person')}:</Text>
            <Anchor component={Link} href={`/beneficiaries/${request.beneficiary.id}`} fw={500}>
              {request.beneficiary.fullName}
            </Anchor>
            <Text c="dimmed" size="sm">
              (<Ltr>{request.beneficiary.fileNumber}</Ltr>)
            </Text>
          </Group>
        </Stack>
        <Anchor component={Link} href="/requests">
          <Group gap={4}>
            <IconArrowBack size={16} />
            {t('detail.back')}
          </Group>
        </Anchor>
      </Group>

      {/* Seven steps fit one line at 1440 px; a narrower window scrolls them rather than wrapping one alone. */}
      <Paper withBorder radius="lg" p="md" style={{ overflowX: 'auto' }}>
        <Stepper
          active={request.stage === path.at(-1) && !requestWorkflow.exits.includes(request.stage) ? path.length : stageIndex}
          color={requestWorkflow.exits.includes(request.stage) ? 'red' : undefined}
          size="xs"
          wrap={false}
          styles={{ stepLabel: { whiteSpace: 'nowrap' }, separator: { minWidth: 'var(--mantine-spacing-md)' } }}
          aria-label={t('detail.stages')}
        >
          {path.map((stage) => (
            <Stepper.Step key={stage} label={t(`stage.${stage}`)} />
          ))}
        </Stepper>
      </Paper>

      {actions.length > 0 ? (
        <Group gap="sm">
          {actions.map((kind) => (
            <Button
              key={kind}
              leftSection={ACTION_ICONS[kind]}
              variant={kind === 'withdraw' ? 'subtle' : kind === 'reassign' ? 'light' : 'filled'}
              color={kind === 'withdraw' ? 'red' : undefined}
              onClick={() => setAction(kind)}
            >
              {t(`actions.${kind}`)}
            </Button>
          ))}
        </Group>
      ) : null}
      {requestWorkflow.groups.awaitingNotification.includes(request.stage) ? <Alert color="yellow">{t('detail.notifyBeforeClose')}</Alert> : null}
      {awaitingSupervisor ? <Alert color="blue">{t('detail.awaitingSupervisor')}</Alert> : null}
      {requestWorkflow.groups.completed.includes(request.stage) ? <SatisfactionBlock offeredCase={{ requestId: request.id }} /> : null}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder radius="lg" p="md">
          <Stack gap="sm">
            <Title order={4}>{t('detail.facts')}</Title>
            <Fact label={t('detail.summary')}>
              <Text dir="auto" w="fit-content" style={{ whiteSpace: 'pre-wrap' }}>
                {request.summary}
              </Text>
            </Fact>
            <Fact label={t('detail.owner')}>{request.owner.displayName}</Fact>
            <Fact label={t('detail.received')}>
              <DualDate instant={request.receivedAt} />
            </Fact>
            <Fact label={t('detail.due')}>
              <Group gap={6}>
                <DualDate date={request.dueDate} />
                {request.overdue ? <OverdueBadge /> : null}
              </Group>
              {request.workingDaysLeft !== null ? (
                <Text size="sm" c={request.overdue ? 'red' : 'dimmed'}>
                  {request.workingDaysLeft < 0
                    ? t('detail.workingDaysLate', { days: t('workingDayCount', { count: -request.workingDaysLeft }) })
                    : request.workingDaysLeft > 0
                      ? t('detail.workingDaysLeft', { days: t('workingDayCount', { count: request.workingDaysLeft }) })
                      : request.overdue
                        ? t('detail.pastDue')
                        : t('detail.dueToday')}
                </Text>
              ) : null}
            </Fact>
            <Fact label={t('detail.target')}>{t('workingDayCount', { count: request.type.targetWorkingDays })}</Fact>
          </Stack>
        </Paper>
        <Paper withBorder radius="lg" p="md">
          <Stack gap="sm">
            <Title order={4}>{t('detail.progress')}</Title>
            {request.authority ? (
              <Fact label={t('detail.authority')}>
                {nameIn(request.authority)}
                {request.referredAt ? (
                  <Text size="sm" c="dimmed">
                    <DualDate instant={request.referredAt} />
                  </Text>
                ) : null}
              </Fact>
            ) : null}
            {request.outcome ? (
              <Fact label={t('detail.decision')}>
                <Group gap={6}>
                  <OutcomeBadge outcome={request.outcome} />
                  {request.decidedBy ? <Text size="sm">{t('detail.decidedBy', { name: request.decidedBy.displayName })}</Text> : null}
                </Group>
                {request.decisionReason ? (
                  <Text dir="auto" w="fit-content" style={{ whiteSpace: 'pre-wrap' }}>
                    {request.decisionReason}
                  </Text>
                ) : null}
                {request.decidedAt ? <DualDate instant={request.decidedAt} /> : null}
              </Fact>
            ) : (
              <Text c="dimmed">{t('detail.noDecision')}</Text>
            )}
            {request.notifiedAt ? (
              <Fact label={t('detail.notified')}>
                <DualDate instant={request.notifiedAt} />
              </Fact>
            ) : null}
            {request.closedAt ? (
              <Fact label={t('detail.closed')}>
                <DualDate instant={request.closedAt} />
              </Fact>
            ) : null}
          </Stack>
        </Paper>
      </SimpleGrid>

      <Paper withBorder radius="lg" p="md">
        <Title order={4} mb="sm">
          {t('detail.stageTimes')}
        </Title>
        <ListTable
          label={t('detail.stageTimes')}
          rows={request.stageTimes}
          rowKey={(stay) => `${stay.stage}-${stay.enteredAt}`}
          columns={[
            {
              header: t('detail.stage'),
              cell: (stay) => (
                <>
                  <StageBadge stage={stay.stage} />
                  {stay.leftAt === null ? (
                    <Text span size="xs" c="dimmed" ms={6}>
                      {t('detail.current')}
                    </Text>
                  ) : null}
                </>
              ),
            },
            { header: t('detail.entered'), cell: (stay) => <DualDate instant={stay.enteredAt} /> },
            { header: t('detail.timeSpent'), cell: (stay) => duration(stay.milliseconds / MILLISECONDS_PER_MINUTE) },
            { header: t('detail.workingDays'), cell: (stay) => stay.workingDays },
          ]}
        />
      </Paper>

      <Paper withBorder radius="lg" p="md">
        <Title order={4} mb="md">
          {t('detail.history')}
        </Title>
        <Timeline active={request.events.length - 1} bulletSize={14} lineWidth={2}>
          {request.events.map((event) => (
            <Timeline.Item key={event.id} title={t(`action.${event.action}`)}>
              <EventDetails event={event} onShowLetter={setShownLetterId} />
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>

      {mayRegisterLetters ? (
        <Paper withBorder radius="lg" p="md">
          <Group justify="space-between" mb="md">
            <Title order={4}>{t('detail.letters')}</Title>
            {!finished ? (
              <Group gap="xs">
                <Button variant="subtle" leftSection={<IconLink size={16} />} onClick={() => setLinkingLetter(true)}>
                  {t('letters:linkLetter.action')}
                </Button>
                <Button variant="light" leftSection={<IconMail size={16} />} onClick={() => setRegisteringLetter(true)}>
                  {t('detail.registerLetter')}
                </Button>
              </Group>
            ) : null}
          </Group>
          {(letters.data?.rows.length ?? 0) === 0 ? (
            <Text c="dimmed" size="sm">
              {t('detail.noLetters')}
            </Text>
          ) : (
            <ListTable
              label={t('detail.letters')}
              rows={letters.data!.rows}
              rowKey={(letter) => letter.id}
              columns={[
                { cell: (letter) => t(letter.direction === 'outgoing' ? 'detail.outgoingLetter' : 'detail.incomingLetter') },
                { cell: (letter) => <TypedCode>{letter.number}</TypedCode> },
                { cell: (letter) => <DualDate date={letter.letterDate} /> },
                { cell: (letter) => letter.subject, cellProps: { dir: 'auto' } },
                {
                  cell: (letter) => (
                    <Button size="compact-sm" variant="subtle" onClick={() => setShownLetterId(letter.id)}>
                      {t('detail.showLetter')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </Paper>
      ) : null}

      {action ? (
        <RequestActionModal
          action={action}
          request={request}
          onClose={() => setAction(null)}
          onDone={(next, producedLetterId) => {
            setAction(null);
            setCurrent(next);
            if (producedLetterId) setLetterId(producedLetterId);
            letters.reload();
          }}
        />
      ) : null}
      <LetterPreviewModal letterId={letterId} onClose={() => setLetterId(null)} />
      <LetterDetailsModal letterId={shownLetterId} onClose={() => setShownLetterId(null)} />
      {linkingLetter ? (
        <LinkRegisteredLetterModal
          target={{ kind: 'request', requestId: request.id, number: request.number }}
          onClose={() => setLinkingLetter(false)}
          onLinked={() => {
            setLinkingLetter(false);
            letters.reload();
          }}
        />
      ) : null}
      <LetterModal
        opened={registeringLetter}
        onClose={() => setRegisteringLetter(false)}
        beneficiaryId={request.beneficiary.id}
        requestId={request.id}
        onRegistered={() => {
          setRegisteringLetter(false);
          letters.reload();
        }}
      />
    </Stack>
  );
}

function EventDetails({ event, onShowLetter }: { event: RequestEventView; onShowLetter: (letterId: string) => void }) {
  const { t } = useTranslation('requests');
  const nameIn = useNameIn();
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        <bdi>{event.actor.displayName}</bdi> · <DualDate instant={event.at} />
      </Text>
      {event.authority && event.action === 'referred' ? <Text size="sm">{t('detail.referredTo', { authority: nameIn(event.authority) })}</Text> : null}
      {event.owner && event.action === 'reassigned' ? <Text size="sm">{t('detail.reassignedTo', { name: event.owner.displayName })}</Text> : null}
      {event.outcome && event.action === 'decided' ? <OutcomeBadge outcome={event.outcome} /> : null}
      {event.letter ? (
        <Group gap={6}>
          <Text size="sm">
            {t(event.letter.direction === 'outgoing' ? 'detail.outgoingLetter' : 'detail.incomingLetter')} <TypedCode>{event.letter.number}</TypedCode>
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => onShowLetter(event.letter!.id)}>
            {t('detail.showLetter')}
          </Button>
        </Group>
      ) : null}
      {event.note ? (
        <Text size="sm" dir="auto" w="fit-content" style={{ whiteSpace: 'pre-wrap' }}>
          {event.note}
        </Text>
      ) : null}
    </Stack>
  );
}
