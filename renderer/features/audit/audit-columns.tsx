import { Anchor, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AuditEntry, FieldChange } from '../../../electron/api/audit';
import { DualDate } from '../../components/DualDate';
import type { ListColumn } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';

/**
 * The log's columns: when, who, what, on which record (unless the list is of one record's), and the
 * values changed.
 */
export function useAuditColumns({ showRecord }: { showRecord: boolean }): ListColumn<AuditEntry>[] {
  const { t } = useTranslation('audit');
  return [
    { header: t('columns.at'), cell: (entry) => <DualDate instant={entry.at} />, cellProps: { style: { whiteSpace: 'nowrap' } } },
    { header: t('columns.actor'), cell: (entry) => entry.actor?.displayName ?? <Text c="dimmed">{t('nobody')}</Text> },
    { header: t('columns.action'), cell: (entry) => t(`actions.${entry.action}`, { defaultValue: entry.action }) },
    ...(showRecord ? [{ header: t('columns.record'), cell: (entry: AuditEntry) => <RecordCell entry={entry} /> }] : []),
    { header: t('columns.details'), cell: (entry) => <Details entry={entry} /> },
  ];
}

function RecordCell({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('audit');
  if (entry.entityType === 'beneficiary' && entry.entityId) {
    return (
      <Anchor component={Link} href={`/beneficiaries/${entry.entityId}`}>
        {t('entity.beneficiary')}
      </Anchor>
    );
  }
  return entry.entityType ? t(`entity.${entry.entityType}`) : null;
}

function Details({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('audit');
  if (entry.withheld) return <Text fz="sm" c="dimmed">{t('detailsWithheld')}</Text>;
  if (entry.action === 'call.refused') return <RefusedCall summary={entry.summary} />;
  if (entry.action === 'audit.breakDetected') {
    return <Text fz="sm">{t('breakDetails', { anchorSeq: entry.summary.anchorSeq, foundSeq: entry.summary.foundSeq })}</Text>;
  }
  if (entry.changes) {
    return (
      <Stack gap={2}>
        {entry.changes.slice(0, 12).map((change) => (
          <Text key={change.field} fz="sm">
            {t('change', { field: fieldLabel(change, t), old: shown(change.old, t), new: shown(change.new, t) })}
          </Text>
        ))}
      </Stack>
    );
  }
  if (entry.action === 'beneficiary.changed' || entry.action === 'beneficiary.created') {
    return <Text fz="sm" c="dimmed">{t('erasedValues')}</Text>;
  }
  const summary = Object.entries(entry.summary).filter(([, value]) => value !== null && typeof value !== 'object');
  if (summary.length === 0) return null;
  return (
    // Hashes and file names are long unbroken words: they wrap rather than widen the table.
    <Text fz="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
      {/* The field names read left to right; each value in its own direction, a letter's number among them. */}
      <bdi dir="ltr">
        {summary.map(([key, value], index) => (
          <Fragment key={key}>
            {index > 0 ? ' · ' : ''}
            {key}: <bdi>{String(value)}</bdi>
          </Fragment>
        ))}
      </bdi>
    </Text>
  );
}

/**
 * A refused call as the administrator reads it: why it was refused, in words, then which call (by its
 * name in the contract, the same in every language) and how many refusals the entry stands for.
 */
function RefusedCall({ summary }: { summary: Record<string, unknown> }) {
  const { t } = useTranslation(['audit', 'errors']);
  const reason = String(summary.reason ?? '');
  const why =
    summary.code === 'forbidden'
      ? t('refused.forbidden')
      : reason === 'validation.password.wrong'
        ? t('refused.wrongPassword')
        : t('refused.rule', { rule: t(`errors:${reason}`, { defaultValue: reason }) });
  const count = typeof summary.count === 'number' ? summary.count : 1;
  return (
    <Stack gap={2}>
      <Text fz="sm">{why}</Text>
      <Text fz="sm" c="dimmed">
        {t('refused.call')} <Ltr>{String(summary.call ?? '')}</Ltr>
        {count > 1 ? ` · ${t('refused.times', { count })}` : null}
      </Text>
    </Stack>
  );
}

function fieldLabel(change: FieldChange, t: (key: string, options?: Record<string, unknown>) => string): string {
  return t(`beneficiaries:fields.${change.field}`, { defaultValue: change.field });
}

function shown(value: unknown, t: (key: string) => string): string {
  if (value === null || value === undefined || value === '') return t('empty_value');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
