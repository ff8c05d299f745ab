import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import {
  IconAlarm,
  IconBuildingBank,
  IconChecklist,
  IconDiscount,
  IconFileText,
  IconGavel,
  IconMessageQuestion,
  IconMessageReport,
  IconUserExclamation,
  type Icon,
} from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { QueueList, WorkQueues } from '../../../electron/api/queues';
import { formatCount } from './durations';
import { FeeWaiversTable } from '../program-fees/FeeWaiversTable';
import { AbsenceFollowUpsTable, ComplaintsTable, InquiriesTable, RequestsTable, type QueueScope } from './QueueTables';

export const QUEUE_KEYS = [
  'overdue',
  'awaitingDecision',
  'openRequests',
  'awaitingAuthority',
  'decidedNotNotified',
  'complaintsToAnswer',
  'pendingInquiries',
  'absenceFollowUps',
  'feeWaivers',
] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];

const ICONS: Record<QueueKey, Icon> = {
  overdue: IconAlarm,
  awaitingDecision: IconGavel,
  openRequests: IconFileText,
  awaitingAuthority: IconBuildingBank,
  decidedNotNotified: IconChecklist,
  complaintsToAnswer: IconMessageReport,
  pendingInquiries: IconMessageQuestion,
  absenceFollowUps: IconUserExclamation,
  feeWaivers: IconDiscount,
};

/** Where the whole list of a kind of work lives. */
const FULL_LIST: Record<QueueKey, { href: string; label: 'requests' | 'complaints' | 'inquiries' | 'programs' }> = {
  overdue: { href: '/requests', label: 'requests' },
  awaitingDecision: { href: '/requests', label: 'requests' },
  openRequests: { href: '/requests', label: 'requests' },
  awaitingAuthority: { href: '/requests', label: 'requests' },
  decidedNotNotified: { href: '/requests', label: 'requests' },
  complaintsToAnswer: { href: '/complaints', label: 'complaints' },
  pendingInquiries: { href: '/inquiries', label: 'inquiries' },
  absenceFollowUps: { href: '/programs', label: 'programs' },
  feeWaivers: { href: '/programs', label: 'programs' },
};

/** The queue open at first: what is late, else the first that has anything in it. */
function firstWorthOpening(queues: WorkQueues): QueueKey | null {
  return QUEUE_KEYS.find((key) => (queues[key]?.total ?? 0) > 0) ?? null;
}

/**
 * The queues as cards with their counts (an empty one quiet, a late one red); choosing a card
 * shows its rows below the cards. Queues the user's role does not handle are left out.
 */
export function QueueBoard({ queues, scope }: { queues: WorkQueues; scope: QueueScope }) {
  const { t, i18n } = useTranslation('queues');
  const [chosen, setChosen] = useState<QueueKey | null | undefined>(undefined);
  const panelId = useId();
  const shown = QUEUE_KEYS.filter((key) => queues[key] !== null);
  // Until the user chooses, the most pressing queue is open.
  const open = chosen === undefined ? firstWorthOpening(queues) : chosen;
  const titleOf = (key: QueueKey) => t(`queue.${key}.${scope}`);

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
        {shown.map((key) => {
          const total = queues[key]?.total ?? 0;
          const QueueIcon = ICONS[key];
          const urgent = key === 'overdue' && total > 0;
          const selected = open === key;
          return (
            <UnstyledButton
              key={key}
              onClick={() => setChosen(selected ? null : key)}
              aria-expanded={selected}
              aria-controls={selected ? panelId : undefined}
              aria-label={`${titleOf(key)}: ${formatCount(total, i18n.language)}`}
            >
              {/* Spans all the way down: a button holds phrasing content only. */}
              <Paper
                component="span"
                display="block"
                withBorder
                radius="lg"
                p="md"
                h="100%"
                bg={selected ? 'var(--mantine-color-default-hover)' : undefined}
                style={{
                  borderColor: urgent ? 'var(--mantine-color-red-6)' : selected ? 'var(--mantine-primary-color-filled)' : undefined,
                  borderWidth: selected || urgent ? 2 : undefined,
                }}
              >
                <Group component="span" justify="space-between" wrap="nowrap" align="flex-start">
                  <Text component="span" fz="sm" c={total === 0 ? 'dimmed' : undefined} fw={total === 0 ? 400 : 500}>
                    {titleOf(key)}
                  </Text>
                  <QueueIcon size={20} stroke={1.6} color={urgent ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-dimmed)'} aria-hidden />
                </Group>
                <Text component="span" display="block" fz={30} fw={700} c={urgent ? 'red.7' : total === 0 ? 'dimmed' : undefined}>
                  {formatCount(total, i18n.language)}
                </Text>
              </Paper>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>

      {open !== null && queues[open] ? (
        <Paper withBorder radius="lg" p="md" id={panelId} role="region" aria-label={titleOf(open)}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={3} fz="lg">
                {titleOf(open)}
              </Title>
              <Anchor component={Link} href={FULL_LIST[open].href} fz="sm">
                {t(`openAll.${FULL_LIST[open].label}`)}
              </Anchor>
            </Group>
            <QueueRows queues={queues} queue={open} scope={scope} label={titleOf(open)} />
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}

function QueueRows({ queues, queue, scope, label }: { queues: WorkQueues; queue: QueueKey; scope: QueueScope; label: string }) {
  const { t } = useTranslation('queues');
  const list: QueueList<unknown> | null = queues[queue];
  if (!list || list.total === 0) return <Text c="dimmed">{t('empty')}</Text>;
  const table =
    queue === 'complaintsToAnswer' ? (
      <ComplaintsTable rows={queues.complaintsToAnswer?.rows ?? []} scope={scope} label={label} />
    ) : queue === 'pendingInquiries' ? (
      <InquiriesTable rows={queues.pendingInquiries?.rows ?? []} scope={scope} label={label} />
    ) : queue === 'feeWaivers' ? (
      <FeeWaiversTable rows={queues.feeWaivers?.rows ?? []} label={label} />
    ) : queue === 'absenceFollowUps' ? (
      <AbsenceFollowUpsTable rows={queues.absenceFollowUps?.rows ?? []} scope={scope} label={label} />
    ) : queue === 'awaitingAuthority' ? (
      <RequestsTable rows={queues.awaitingAuthority?.rows ?? []} scope={scope} extra="authority" label={label} />
    ) : queue === 'decidedNotNotified' ? (
      <RequestsTable rows={queues.decidedNotNotified?.rows ?? []} scope={scope} extra="decision" label={label} />
    ) : queue === 'awaitingDecision' ? (
      <RequestsTable rows={queues.awaitingDecision?.rows ?? []} scope={scope} extra="awaitingDecision" label={label} />
    ) : (
      <RequestsTable rows={queues[queue]?.rows ?? []} scope={scope} label={label} />
    );
  return (
    <Stack gap="xs">
      {table}
      {list.total > list.rows.length ? (
        <Text fz="sm" c="dimmed">
          {t('shownOf', { shown: list.rows.length, total: list.total })}
        </Text>
      ) : null}
    </Stack>
  );
}
