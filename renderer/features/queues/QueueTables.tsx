import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type {
  QueueAbsenceFollowUp,
  QueueAwaitingDecision,
  QueueComplaint,
  QueueDecidedRequest,
  QueueInquiry,
  QueuePerson,
  QueueReferredRequest,
  QueueRequest,
} from '../../../electron/api/queues';
import { DualDate } from '../../components/DualDate';
import { ListTable, type ListColumn } from '../../components/ListTable';
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
  const stageColumn: ListColumn<RequestRow> = { header: t('columns.stage'), cell: (row) => t(`requestStage.${row.stage}`) };
  const extraColumns: ListColumn<RequestRow>[] =
    extra === 'authority'
      ? [
          { header: t('columns.authority'), cell: (row) => (row.authority ? (english ? (row.authority.nameEn ?? row.authority.nameAr) : row.authority.nameAr) : '—') },
          { header: t('columns.waiting'), cell: (row) => durations.daysAgo(row.daysWaiting ?? 0) },
        ]
      : extra === 'decision'
        ? [
            {
              header: t('columns.decision'),
              cell: (row) => (
                <Stack gap={0}>
                  {row.outcome ? <Text fz="sm">{t(`outcome.${row.outcome}`)}</Text> : null}
                  <Text fz="xs" c="dimmed">
                    {durations.daysAgo(row.daysSinceDecision ?? 0)}
                  </Text>
                </Stack>
              ),
            },
          ]
        : extra === 'awaitingDecision'
          ? [stageColumn, { header: t('columns.waitingDecision'), cell: (row) => t('workingDays', { count: row.workingDaysWaiting ?? 0 }) }]
          : [stageColumn];
  return (
    <QueueTable
      rows={rows}
      scope={scope}
      label={label}
      minWidth={760}
      columns={[
        { header: t('columns.number'), cell: (row) => <NumberCell href={`/requests/${row.id}`} number={row.number} /> },
        { header: t('columns.person'), cell: (row) => <PersonCell person={row.person} /> },
        { header: t('columns.type'), cell: (row) => (english ? row.type.nameEn : row.type.nameAr) },
        ...extraColumns,
        { header: t('columns.due'), cell: (row) => <DueCell dueDate={row.dueDate} overdue={row.overdue} /> },
      ]}
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
      columns={[
        { header: t('columns.number'), cell: (row) => <NumberCell href={`/complaints/${row.id}`} number={row.number} /> },
        { header: t('columns.kind'), cell: (row) => t(`kind.${row.kind}`) },
        {
          header: t('columns.subject'),
          cell: (row) => (
            <Text fz="sm" lineClamp={2} dir="auto">
              {row.subject}
            </Text>
          ),
        },
        { header: t('columns.person'), cell: (row) => <PersonCell person={row.person} /> },
        { header: t('columns.stage'), cell: (row) => t(`complaintStage.${row.stage}`) },
        { header: t('columns.due'), cell: (row) => <DueCell dueDate={row.dueDate} overdue={row.overdue} /> },
      ]}
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
      columns={[
        {
          header: t('columns.question'),
          cell: (row) => (
            <Anchor component={Link} href="/inquiries" fz="sm" lineClamp={2} dir="auto">
              {row.question}
            </Anchor>
          ),
        },
        { header: t('columns.person'), cell: (row) => <PersonCell person={row.person} /> },
        {
          header: t('columns.asked'),
          cell: (row) => (
            <Text fz="sm" title={askedAt(row.askedAt)}>
              {durations.minutesAgo(row.ageMinutes)}
            </Text>
          ),
        },
      ]}
    />
  );
}

/** People whose unexcused absences in a row call for a follow-up call: the program, how many, the last. */
export function AbsenceFollowUpsTable({ rows, scope, label }: { rows: QueueAbsenceFollowUp[]; scope: QueueScope; label: string }) {
  const { t, i18n } = useTranslation('queues');
  const nameOf = (program: QueueAbsenceFollowUp['program']) => (i18n.language === 'en' && program.nameEn ? program.nameEn : program.nameAr);
  return (
    <QueueTable
      rows={rows.map((row) => ({ ...row, id: row.enrolmentId }))}
      scope={scope}
      label={label}
      minWidth={640}
      columns={[
        { header: t('columns.person'), cell: (row) => <PersonCell person={row.person} /> },
        {
          header: t('columns.program'),
          cell: (row) => (
            <Anchor component={Link} href={`/programs/${row.program.id}`} fz="sm" dir="auto">
              {nameOf(row.program)}
            </Anchor>
          ),
        },
        { header: t('columns.absences'), cell: (row) => row.absences },
        { header: t('columns.lastAbsence'), cell: (row) => <DualDate date={row.lastAbsenceOn} /> },
      ]}
    />
  );
}

/** The frame every queue's table shares: scrolled when narrow, and the owner last in the office's lists. */
function QueueTable<Row extends { id: string; owner: { displayName: string } }>({
  rows,
  scope,
  label,
  minWidth,
  columns,
}: {
  rows: Row[];
  scope: QueueScope;
  label: string;
  minWidth: number;
  /** The row's columns, before the owner's. */
  columns: readonly ListColumn<Row>[];
}) {
  const { t } = useTranslation('queues');
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <ListTable
        verticalSpacing="xs"
        highlightOnHover
        label={label}
        rows={rows}
        rowKey={(row) => row.id}
        columns={scope === 'office' ? [...columns, { header: t('columns.owner'), cell: (row) => row.owner.displayName }] : columns}
      />
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
