import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type {
  QueueAwaitingDecision,
  QueueComplaint,
  QueueDecidedRequest,
  QueueInquiry,
  QueuePerson,
  QueueReferredRequest,
  QueueRequest,
} from '../../../electron/api/queues';
import { DualDate } from '../../components/DualDate';
import { Ltr } from '../../components/Ltr';
import { formatDualInstant } from '../../lib/dates';
import { useDurations } from './durations';

/** Whose work a list shows: one's own (no owner column) or the office's. */
export type QueueScope = 'mine' | 'office';

type RequestRow = QueueRequest &
  Partial<Pick<QueueReferredRequest, 'authority' | 'daysWaiting'>> &
  Partial<Pick<QueueDecidedRequest, 'outcome' | 'daysSinceDecision'>> &
  Partial<Pick<QueueAwaitingDecision, 'workingDaysWaiting'>>;

/**
 * Open requests; with `extra`, the authority and wait of referred ones, the decision of decided ones,
 * or the stage and wait in working days of those awaiting a supervisor's decision.
 */
export function RequestsTable({
  rows,
  scope,
  extra,
  label,
}: {
  rows: RequestRow[];
  scope: QueueScope;
  extra?: 'authority' | 'decision' | 'awaitingDecision';
  label: string;
}) {
  const { t, i18n } = useTranslation('queues');
  const durations = useDurations();
  const english = i18n.language === 'en';
  return (
    <QueueTable
      rows={rows}
      scope={scope}
      label={label}
      minWidth={760}
      headers={[
        t('columns.number'),
        t('columns.person'),
        t('columns.type'),
        ...(extra === 'authority'
          ? [t('columns.authority'), t('columns.waiting')]
          : extra === 'decision'
            ? [t('columns.decision')]
            : extra === 'awaitingDecision'
              ? [t('columns.stage'), t('columns.waitingDecision')]
              : [t('columns.stage')]),
        t('columns.due'),
      ]}
      cells={(row) => (
        <>
          <Table.Td>
            <NumberCell href={`/requests/${row.id}`} number={row.number} />
          </Table.Td>
          <Table.Td>
            <PersonCell person={row.person} />
          </Table.Td>
          <Table.Td>{english ? row.type.nameEn : row.type.nameAr}</Table.Td>
          {extra === 'authority' ? (
            <>
              <Table.Td>{row.authority ? (english ? (row.authority.nameEn ?? row.authority.nameAr) : row.authority.nameAr) : '—'}</Table.Td>
              <Table.Td>{durations.daysAgo(row.daysWaiting ?? 0)}</Table.Td>
            </>
          ) : extra === 'decision' ? (
            <Table.Td>
              <Stack gap={0}>
                {row.outcome ? <Text fz="sm">{t(`outcome.${row.outcome}`)}</Text> : null}
                <Text fz="xs" c="dimmed">
                  {durations.daysAgo(row.daysSinceDecision ?? 0)}
                </Text>
              </Stack>
            </Table.Td>
          ) : extra === 'awaitingDecision' ? (
            <>
              <Table.Td>{t(`requestStage.${row.stage}`)}</Table.Td>
              <Table.Td>{t('workingDays', { count: row.workingDaysWaiting ?? 0 })}</Table.Td>
            </>
          ) : (
            <Table.Td>{t(`requestStage.${row.stage}`)}</Table.Td>
          )}
          <Table.Td>
            <DueCell dueDate={row.dueDate} overdue={row.overdue} />
          </Table.Td>
        </>
      )}
    />
  );
}

export function ComplaintsTable({ rows, scope, label }: { rows: QueueComplaint[]; scope: QueueScope; label: string }) {
  const { t } = useTranslation('queues');
  return (
    <QueueTable
      rows={rows}
      scope={scope}
      label={label}
      minWidth={760}
      headers={[t('columns.number'), t('columns.kind'), t('columns.subject'), t('columns.person'), t('columns.stage'), t('columns.due')]}
      cells={(row) => (
        <>
          <Table.Td>
            <NumberCell href={`/complaints/${row.id}`} number={row.number} />
          </Table.Td>
          <Table.Td>{t(`kind.${row.kind}`)}</Table.Td>
          <Table.Td>
            <Text fz="sm" lineClamp={2} dir="auto">
              {row.subject}
            </Text>
          </Table.Td>
          <Table.Td>
            <PersonCell person={row.person} />
          </Table.Td>
          <Table.Td>{t(`complaintStage.${row.stage}`)}</Table.Td>
          <Table.Td>
            <DueCell dueDate={row.dueDate} overdue={row.overdue} />
          </Table.Td>
        </>
      )}
    />
  );
}

export function InquiriesTable({ rows, scope, label }: { rows: QueueInquiry[]; scope: QueueScope; label: string }) {
  const { t, i18n } = useTranslation('queues');
  const durations = useDurations();
  const askedAt = (instant: string) => {
    const shown = formatDualInstant(instant, i18n.language === 'en' ? 'en' : 'ar');
    return `${shown.gregorian} · ${shown.hijri} ${shown.time}`;
  };
  return (
    <QueueTable
      rows={rows}
      scope={scope}
      label={label}
      minWidth={640}
      headers={[t('columns.question'), t('columns.person'), t('columns.asked')]}
      cells={(row) => (
        <>
          <Table.Td>
            <Anchor component={Link} href="/inquiries" fz="sm" lineClamp={2} dir="auto">
              {row.question}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <PersonCell person={row.person} />
          </Table.Td>
          <Table.Td>
            <Text fz="sm" title={askedAt(row.askedAt)}>
              {durations.minutesAgo(row.ageMinutes)}
            </Text>
          </Table.Td>
        </>
      )}
    />
  );
}

/** The frame every queue's table shares: scrolled when narrow, and the owner last in the office's lists. */
function QueueTable<Row extends { id: string; owner: { displayName: string } }>({
  rows,
  scope,
  label,
  minWidth,
  headers,
  cells,
}: {
  rows: Row[];
  scope: QueueScope;
  label: string;
  minWidth: number;
  headers: string[];
  /** A row's cells, before the owner's. */
  cells: (row: Row) => ReactNode;
}) {
  const { t } = useTranslation('queues');
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="xs" highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header, index) => (
              <Table.Th key={index}>{header}</Table.Th>
            ))}
            {scope === 'office' ? <Table.Th>{t('columns.owner')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              {cells(row)}
              {scope === 'office' ? <Table.Td>{row.owner.displayName}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A request's or complaint's number, linked to its page. */
function NumberCell({ href, number }: { href: string; number: string }) {
  return (
    <Anchor component={Link} href={href} fw={500}>
      <Ltr>{number}</Ltr>
    </Anchor>
  );
}

/** The person's name and file number, linked to their file; or the name given by someone not registered. */
function PersonCell({ person }: { person: QueuePerson }) {
  const { t } = useTranslation('queues');
  if (person.beneficiaryId === null) {
    return (
      <Stack gap={0}>
        <Text fz="sm">{person.name ?? '—'}</Text>
        <Text fz="xs" c="dimmed">
          {t('notRegistered')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      <Anchor component={Link} href={`/beneficiaries/${person.beneficiaryId}`} fz="sm">
        {person.name}
      </Anchor>
      {person.fileNumber ? (
        <Text fz="xs" c="dimmed">
          {t('fileNumber')} <Ltr>{person.fileNumber}</Ltr>
        </Text>
      ) : null}
    </Stack>
  );
}

function DueCell({ dueDate, overdue }: { dueDate: string; overdue: boolean }) {
  const { t } = useTranslation('queues');
  return (
    <Group gap={6} wrap="nowrap">
      <Text fz="sm" c={overdue ? 'red.8' : undefined}>
        <DualDate date={dueDate} />
      </Text>
      {overdue ? (
        <Badge color="red" variant="light" radius="sm">
          {t('overdueBadge')}
        </Badge>
      ) : null}
    </Group>
  );
}
