import { Anchor, Badge, Button, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconClipboardList, IconMail, IconMessageReport, IconMessages, IconReceipt, IconScale, IconSchool } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CHANNELS, type Channel } from '../../../electron/api/contacts';
import { formatSaudiPhone } from '../../../electron/api/fields/phone';
import { TIMELINE_KINDS, type NamePair, type TimelineEntry, type TimelineKind } from '../../../electron/api/timeline';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { DualDate } from '../../components/DualDate';
import { Ltr, TypedCode } from '../../components/Ltr';
import { isolateAuto } from '../../lib/bidi';
import { ChoiceField } from '../../components/ChoiceField';
import { useRiyals } from '../program-fees/riyals';
import { InterviewSatisfaction } from '../satisfaction/InterviewSatisfaction';

const PAGE = 30;

const BULLETS = {
  contact: IconMessages,
  letter: IconMail,
  request: IconClipboardList,
  complaint: IconMessageReport,
  eligibility: IconScale,
  program: IconSchool,
  discipline: IconAlertTriangle,
  fee: IconReceipt,
} as const;

function entryKey(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'contact':
      return entry.contact.id;
    case 'letter':
      return entry.letter.id;
    case 'request':
    case 'complaint':
    case 'program':
      return entry.step.id;
    case 'eligibility':
      return entry.decision.id;
    case 'discipline':
      return entry.note.id;
    case 'fee':
      return entry.fee.id;
  }
}

/** A person's dealings with the association, newest first, filtered by kind and channel. */
export function BeneficiaryTimeline({ beneficiaryId, version }: { beneficiaryId: string; version: number }) {
  const { t } = useTranslation('timeline');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const [kind, setKind] = useState<TimelineKind | null>(null);
  const [channel, setChannel] = useState<Channel | null>(null);
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const filters = { id: beneficiaryId, ...(kind ? { kinds: [kind] } : {}), ...(channel ? { channel } : {}) };
  const key = JSON.stringify(filters);

  useEffect(() => {
    let current = true;
    void api['beneficiaries.timeline']({ ...filters, limit: PAGE }).then((result) => {
      if (!current) return;
      if (!result.ok) return setFailure(errorMessage(result.error));
      setFailure(null);
      setEntries(result.value.entries);
      setNextBefore(result.value.nextBefore);
    });
    return () => {
      current = false;
    };
    // The filters are compared by value; `version` reloads after something was recorded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, version]);

  const more = async () => {
    if (nextBefore === null) return;
    const result = await api['beneficiaries.timeline']({ ...filters, before: nextBefore, limit: PAGE });
    if (!result.ok) return setFailure(errorMessage(result.error));
    setEntries((shown) => [...shown, ...result.value.entries]);
    setNextBefore(result.value.nextBefore);
  };

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={t('title')}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Title order={3} fz="h4">
            {t('title')}
          </Title>
          <Group gap="sm">
            <ChoiceField
              size="xs"
              label={t('kind')}
              placeholder={t('all')}
              clearable
              data={TIMELINE_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
              value={kind}
              onChange={(value) => setKind(value as TimelineKind | null)}
            />
            <ChoiceField
              size="xs"
              label={t('contacts:log.channel')}
              placeholder={t('all')}
              clearable
              data={CHANNELS.map((value) => ({ value, label: t(`contacts:channel.${value}`) }))}
              value={channel}
              onChange={(value) => setChannel(value as Channel | null)}
            />
          </Group>
        </Group>
        {failure ? <Text c="red">{failure}</Text> : null}
        {entries.length === 0 ? (
          <Text c="dimmed">{t('empty')}</Text>
        ) : (
          <Timeline bulletSize={26} lineWidth={2}>
            {entries.map((entry) => {
              const Bullet = BULLETS[entry.kind];
              return (
                <Timeline.Item key={entryKey(entry)} bullet={<Bullet size={14} />} title={<EntryTitle entry={entry} />}>
                  <EntryBody entry={entry} />
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
        {nextBefore !== null ? (
          <Button variant="default" onClick={() => void more()}>
            {t('more')}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}

function useName(): (name: NamePair) => string {
  const { i18n } = useTranslation();
  return (name) => (i18n.language === 'en' && name.en ? name.en : name.ar);
}

function EntryTitle({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('timeline');
  const nameOf = useName();
  switch (entry.kind) {
    case 'eligibility':
      return <Text fw={500}>{t('eligibility', { outcome: t(`eligibility:outcomes.${entry.decision.outcome}`) })}</Text>;
    case 'contact': {
      const { contact } = entry;
      return (
        <Group gap="xs">
          <Badge variant="light">{t(`contacts:channel.${contact.channel}`)}</Badge>
          <Text fw={500}>{t(`contacts:purpose.${contact.purpose}`)}</Text>
          <Text c="dimmed" fz="sm">
            {t(`contacts:direction.${contact.direction}`)}
          </Text>
          {contact.channel === 'in_person' ? <InterviewSatisfaction contactId={contact.id} /> : null}
        </Group>
      );
    }
    case 'letter': {
      const { letter } = entry;
      return (
        <Group gap="xs">
          <Badge variant="light" color="grape">
            {t('kinds.letter')}
          </Badge>
          <Text fw={500}>
            {t(`letter.${letter.direction}`)} <TypedCode>{letter.number}</TypedCode>
          </Text>
        </Group>
      );
    }
    case 'request': {
      const { step } = entry;
      return (
        <Group gap="xs">
          <Badge variant="light" color="orange">
            {t('kinds.request')}
          </Badge>
          <Anchor component={Link} href={`/requests/${step.caseId}`} fw={500}>
            {t('request.title', { number: step.caseNumber, type: nameOf(step.requestType) })}
          </Anchor>
          <Text fz="sm">
            {step.outcome
              ? t('withOutcome', { step: t(`requestActions.${step.action}`), outcome: t(`outcome.${step.outcome}`) })
              : t(`requestActions.${step.action}`)}
          </Text>
        </Group>
      );
    }
    case 'complaint': {
      const { step } = entry;
      return (
        <Group gap="xs">
          <Badge variant="light" color="red">
            {t(`complaintKinds.${step.complaintKind}`)}
          </Badge>
          <Anchor component={Link} href={`/complaints/${step.caseId}`} fw={500}>
            <Ltr>{step.caseNumber}</Ltr>
          </Anchor>
          <Text fz="sm">{t(`complaintActions.${step.action}`)}</Text>
        </Group>
      );
    }
    case 'program': {
      const { step } = entry;
      return (
        <Group gap="xs">
          <Badge variant="light" color="teal">
            {t('kinds.program')}
          </Badge>
          <Text fw={500}>{nameOf(step.program)}</Text>
          <Text fz="sm">{t(`enrolments:event.${step.action}`)}</Text>
        </Group>
      );
    }
    case 'discipline': {
      const { note } = entry;
      return (
        <Group gap="xs">
          <Badge variant="light" color={note.kind === 'warning' ? 'orange' : 'gray'}>
            {t(`attendance:discipline.kind.${note.kind}`)}
          </Badge>
          <Text fw={500}>{nameOf(note.program)}</Text>
        </Group>
      );
    }
    case 'fee':
      return <FeeTitle entry={entry} />;
  }
}

/** A step of an enrolment's money: what happened, how much, and the receipt's number for a payment. */
function FeeTitle({ entry: { fee } }: { entry: Extract<TimelineEntry, { kind: 'fee' }> }) {
  const { t } = useTranslation('timeline');
  const nameOf = useName();
  const riyals = useRiyals();
  return (
    <Group gap="xs">
      <Badge variant="light" color="grape">
        {t('kinds.fee')}
      </Badge>
      <Text fw={500}>{nameOf(fee.program)}</Text>
      <Text fz="sm">
        {t(`program-fees:timeline.${fee.action}`)} · {riyals(fee.amount)}
      </Text>
      {fee.receiptNumber ? (
        <Text fz="sm" c="dimmed">
          <Ltr>{fee.receiptNumber}</Ltr>
        </Text>
      ) : null}
    </Group>
  );
}

function EntryBody({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('timeline');
  const nameOf = useName();
  switch (entry.kind) {
    case 'contact':
      return (
        <Stack gap={2}>
          <Text fz="sm" dir="auto" w="fit-content">
            {entry.contact.summary}
          </Text>
          {entry.contact.phoneNumber ? (
            <Text fz="sm" c="dimmed">
              <Ltr>{formatSaudiPhone(entry.contact.phoneNumber)}</Ltr>
            </Text>
          ) : null}
          <Footer
            at={entry.at}
            by={entry.contact.officer.displayName}
            extra={entry.contact.durationMinutes !== null ? t('minutes', { count: entry.contact.durationMinutes }) : null}
          />
        </Stack>
      );
    case 'letter': {
      const { letter } = entry;
      return (
        <Stack gap={2}>
          <Text fz="sm" dir="auto" w="fit-content">
            {letter.subject}
          </Text>
          <Text fz="sm" c="dimmed">
            {letter.authority ? `${t(letter.direction === 'incoming' ? 'letter.from' : 'letter.to', { name: nameOf(letter.authority) })} · ` : ''}
            {t('letter.dated')} <DualDate date={letter.letterDate} />
            {letter.hasScan ? ` · ${t('letter.scan')}` : ''}
          </Text>
          <Footer at={entry.at} by={null} extra={null} />
        </Stack>
      );
    }
    case 'request':
    case 'complaint':
    case 'program':
      return (
        <Stack gap={2}>
          {entry.step.note ? (
            <Text fz="sm" dir="auto" w="fit-content">
              {entry.step.note}
            </Text>
          ) : null}
          <Footer at={entry.at} by={entry.step.actorName} extra={null} />
        </Stack>
      );
    case 'eligibility':
      return (
        <Stack gap={2}>
          {entry.decision.reason ? (
            <Text fz="sm" dir="auto" w="fit-content">
              {entry.decision.reason}
            </Text>
          ) : null}
          <Footer at={entry.at} by={entry.decision.decidedByName} extra={null} />
        </Stack>
      );
    case 'discipline':
      return (
        <Stack gap={2}>
          <Text fz="sm" dir="auto" w="fit-content">
            {entry.note.whatHappened}
          </Text>
          <Text fz="sm" c="dimmed">
            {t('attendance:discipline.occurredOn')} <DualDate date={entry.note.occurredOn} />
          </Text>
          <Footer at={entry.at} by={entry.note.recordedByName} extra={null} />
        </Stack>
      );
    case 'fee':
      return (
        <Stack gap={2}>
          {entry.fee.note ? (
            <Text fz="sm" dir="auto" w="fit-content">
              {entry.fee.note}
            </Text>
          ) : null}
          <Footer at={entry.at} by={entry.fee.actorName} extra={null} />
        </Stack>
      );
  }
}

function Footer({ at, by, extra }: { at: string; by: string | null; extra: string | null }) {
  const { t } = useTranslation('timeline');
  return (
    <Text fz="xs" c="dimmed">
      <DualDate instant={at} />
      {by ? ` · ${t('by', { name: isolateAuto(by) })}` : ''}
      {extra ? ` · ${extra}` : ''}
    </Text>
  );
}
