import { Checkbox, Group, Pagination, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { STAGE_FILTERS, type RequestListInput, type RequestSummary } from '../../../electron/api/requests';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { useSession } from '../session/session-context';
import { OverdueBadge, StageBadge, useNameIn } from './labels';
import { ExportMenu } from '../exports/ExportMenu';
import { ChoiceField } from '../../components/ChoiceField';

/** The list's filters without its paging: what an export of the list takes. */
const exportFilters = ({ limit: _limit, offset: _offset, ...filters }: RequestListInput) => filters;

const PAGE_SIZE = 50;

/** A request's row reads as a button: Enter or Space opens it. */
const OPEN_KEYS = ['Enter', ' '];

/** Every request, filtered by stage, type, owner and overdue. */
export function RequestsPage() {
  const { t } = useTranslation('requests');
  const [, navigate] = useLocation();
  const nameIn = useNameIn();
  const errorMessage = useErrorMessage();
  const session = useSession();
  const userId = session.state.user?.id ?? '';
  const [filters, setFilters] = useState({ stage: 'open' as (typeof STAGE_FILTERS)[number] | '', typeId: '', whose: 'mine' as 'mine' | 'all', overdue: false });
  const [page, setPage] = useState(1);
  const types = useCall('requests.types', {});
  const input: RequestListInput = {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    ...(filters.stage ? { stage: filters.stage } : {}),
    ...(filters.typeId ? { typeId: filters.typeId } : {}),
    ...(filters.whose === 'mine' && userId ? { ownerId: userId } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
  };
  const list = useCall('requests.list', input);

  const setFilter = <K extends keyof typeof filters>(name: K, value: (typeof filters)[K]) => {
    setFilters((current) => ({ ...current, [name]: value }));
    setPage(1);
  };
  const open = (request: RequestSummary) => navigate(`/requests/${request.id}`);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between">
        <Title order={2}>{t('title')}</Title>
        <Group>
          {list.data ? <Text c="dimmed">{t('list.count', { count: list.data.total })}</Text> : null}
          <ExportMenu subject={{ kind: 'requests', filters: exportFilters(input) }} disabled={list.data?.total === 0} />
        </Group>
      </Group>
      <Paper withBorder radius="lg" p="md">
        <Group gap="md" align="flex-end">
          <SegmentedControl
            aria-label={t('list.whose')}
            data={[
              { value: 'mine', label: t('list.mine') },
              { value: 'all', label: t('list.all') },
            ]}
            value={filters.whose}
            onChange={(value) => setFilter('whose', value as 'mine' | 'all')}
          />
          <ChoiceField
            label={t('list.stage')}
            placeholder={t('list.anyStage')}
            clearable
            data={STAGE_FILTERS.map((stage) => ({ value: stage, label: stage === 'open' ? t('list.openStages') : t(`stage.${stage}`) }))}
            value={filters.stage || null}
            onChange={(value) => setFilter('stage', (value ?? '') as (typeof STAGE_FILTERS)[number] | '')}
          />
          <ChoiceField
            label={t('list.type')}
            placeholder={t('list.anyType')}
            clearable
            searchable
            data={(types.data ?? []).map((type) => ({ value: type.id, label: nameIn(type) }))}
            value={filters.typeId || null}
            onChange={(value) => setFilter('typeId', value ?? '')}
          />
          <Checkbox label={t('list.overdueOnly')} checked={filters.overdue} onChange={(event) => setFilter('overdue', event.currentTarget.checked)} mb={8} />
        </Group>
      </Paper>
      {list.error ? <Text c="red">{errorMessage(list.error)}</Text> : null}
      <Paper withBorder radius="lg">
        <ListTable
          highlightOnHover
          verticalSpacing="sm"
          horizontalSpacing="md"
          label={t('title')}
          rows={list.data?.rows ?? null}
          rowKey={(request) => request.id}
          onOpen={open}
          focusableRows
          openKeys={OPEN_KEYS}
          rowLabel={(request) => t('list.openRequest', { number: request.number })}
          emptyMessage={t('list.empty')}
          columns={[
            { header: t('columns.number'), cell: (request) => <Ltr>{request.number}</Ltr> },
            {
              header: t('columns.person'),
              cell: (request) => (
                <>
                  <Text fw={500}>{request.beneficiary.fullName}</Text>
                  <Text size="xs" c="dimmed">
                    <Ltr>{request.beneficiary.fileNumber}</Ltr>
                  </Text>
                </>
              ),
            },
            { header: t('columns.type'), cell: (request) => nameIn(request.type) },
            { header: t('columns.stage'), cell: (request) => <StageBadge stage={request.stage} /> },
            { header: t('columns.owner'), cell: (request) => request.owner.displayName },
            {
              header: t('columns.due'),
              cell: (request) => (
                <Group gap={6} wrap="nowrap">
                  <DualDate date={request.dueDate} />
                  {request.overdue ? <OverdueBadge /> : null}
                </Group>
              ),
            },
          ]}
        />
      </Paper>
      {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} siblings={2} /> : null}
    </Stack>
  );
}
