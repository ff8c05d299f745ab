import { Anchor, Group, Loader, Modal, Pagination, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_RECORDS_PAGE, type ReportPeriodInput, type ReportRecord } from '../../../electron/api/reports';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { TypedCode } from '../../components/Ltr';
import type { Drill } from './FigureTable';
import { useReportFormat } from './format';
import { recordStageKey } from './record-columns';

/** Where a listed record opens: its own page, or its person's file for what lives on the timeline. */
export function recordHref(record: ReportRecord): string | null {
  if (record.kind === 'request') return `#/requests/${record.id}`;
  if (record.kind === 'complaint') return `#/complaints/${record.id}`;
  return record.beneficiaryId ? `#/beneficiaries/${record.beneficiaryId}` : null;
}

/** The records behind one figure, a page at a time, each a link to its record. */
export function RecordsModal({ period, drill, onClose }: { period: ReportPeriodInput; drill: Drill | null; onClose: () => void }) {
  const { t } = useTranslation('reports');
  return (
    <Modal opened={drill !== null} onClose={onClose} size="xl" title={drill ? t('records.title', { figure: drill.label }) : ''}>
      {drill ? <RecordsList key={`${drill.figure}-${drill.key ?? ''}-${period.from}-${period.to}`} period={period} drill={drill} /> : null}
    </Modal>
  );
}

function RecordsList({ period, drill }: { period: ReportPeriodInput; drill: Drill }) {
  const { t } = useTranslation('reports');
  const format = useReportFormat();
  const errorMessage = useErrorMessage();
  const [page, setPage] = useState(1);
  const records = useCall('reports.records', {
    ...period,
    figure: drill.figure,
    key: drill.key ?? null,
    offset: (page - 1) * REPORT_RECORDS_PAGE,
    limit: REPORT_RECORDS_PAGE,
  });
  const stageOf = useStageLabel();

  if (records.error) {
    return (
      <Text c="red" role="alert">
        {errorMessage(records.error)}
      </Text>
    );
  }
  if (!records.data) return <Loader size="sm" aria-label={t('records.title', { figure: drill.label })} />;
  const { total, rows } = records.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={600}>{t('records.count', { count: total, formatted: format.count(total) })}</Text>
        <Text fz="xs" c="dimmed">
          {t('records.audited')}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('records.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <ListTable
            verticalSpacing="xs"
            striped
            label={t('records.title', { figure: drill.label })}
            rows={rows}
            // The same record may be listed more than once: its place keeps the keys apart.
            rowKey={(record, index) => `${record.id}-${index}`}
            columns={[
              {
                header: t('records.number'),
                cell: (record) => {
                  const href = recordHref(record);
                  // A contact, an inquiry or a decision is numbered by the file it opens on; a contact with
                  // someone not registered has no number, and opens nothing.
                  const title = record.number !== null ? <TypedCode>{record.number}</TypedCode> : href ? t('records.open') : t('none');
                  return href ? (
                    <Anchor href={href} fz="sm" fw={600}>
                      {title}
                    </Anchor>
                  ) : (
                    <Text fz="sm">{title}</Text>
                  );
                },
              },
              {
                header: t('records.person'),
                cell: (record) => (
                  <Text fz="sm" dir="auto">
                    {record.personName ?? t('records.unnamed')}
                  </Text>
                ),
              },
              {
                header: t('records.subject'),
                cell: (record) => (
                  <Text fz="sm" lineClamp={2} dir="auto">
                    {record.subject ?? t('none')}
                  </Text>
                ),
                cellProps: { maw: 260 },
              },
              { header: t('records.date'), cell: (record) => <DualDate instant={record.at} />, cellProps: { fz: 'sm' } },
              { header: t('records.stage'), cell: (record) => <Text fz="sm">{stageOf(record)}</Text> },
              { header: t('records.staff'), cell: (record) => <Text fz="sm">{record.staffName ?? t('none')}</Text> },
            ]}
          />
        </Table.ScrollContainer>
      )}
      {total > REPORT_RECORDS_PAGE ? (
        <Pagination total={Math.ceil(total / REPORT_RECORDS_PAGE)} value={page} onChange={setPage} size="sm" aria-label={t('records.more')} />
      ) : null}
    </Stack>
  );
}

/** A record's stage (or outcome, decision, status) in the interface's words; a blank for a record without one. */
function useStageLabel() {
  const { t } = useTranslation(['requests', 'complaints', 'eligibility', 'beneficiaries', 'reports']);
  return (record: ReportRecord): string => {
    const key = recordStageKey(record);
    return key === null ? t('reports:none') : t(key);
  };
}
