import { Badge, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficerLoad } from '../../../electron/api/queues';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { formatCount } from './durations';

const COUNT_COLUMNS = ['openRequests', 'overdueRequests', 'awaitingAuthority', 'decidedNotNotified', 'openComplaints', 'pendingInquiries'] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];
type SortColumn = 'load' | 'officer' | CountColumn;

interface Sort {
  column: SortColumn;
  descending: boolean;
}

/** The office's load as the service orders it: the most open work first. */
const BY_LOAD: Sort = { column: 'load', descending: true };

/**
 * Each officer's open work, the heaviest first. A column heading sorts by that column (counts the
 * largest first, names alphabetically); choosing it again reverses the order.
 */
export function OfficeLoadTable({ load }: { load: OfficerLoad[] }) {
  const { t, i18n } = useTranslation('queues');
  const [sort, setSort] = useState<Sort>(BY_LOAD);

  const sorted = sortLoad(load, sort, i18n.language);
  const choose = (column: SortColumn) =>
    setSort((current) => (current.column === column ? { column, descending: !current.descending } : { column, descending: column !== 'officer' }));

  /** A heading that sorts by its column, and says which order the list is in. */
  const sortable = (column: Exclude<SortColumn, 'load'>, label: string, cell: ListColumn<OfficerLoad>['cell']): ListColumn<OfficerLoad> => {
    const active = sort.column === column;
    const SortIcon = !active ? IconSelector : sort.descending ? IconArrowDown : IconArrowUp;
    return {
      header: (
        <UnstyledButton onClick={() => choose(column)} aria-label={t('load.sortBy', { column: label })}>
          <Group gap={4} wrap="nowrap">
            <Text fz="sm" fw={600}>
              {label}
            </Text>
            <SortIcon size={14} stroke={1.6} aria-hidden />
          </Group>
        </UnstyledButton>
      ),
      headerProps: { 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none' },
      cell,
    };
  };

  if (load.length === 0) return <Text c="dimmed">{t('load.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={820}>
      <ListTable
        verticalSpacing="sm"
        highlightOnHover
        label={t('office.loadTitle')}
        rows={sorted}
        rowKey={(row) => row.user.id}
        columns={[
          sortable('officer', t('load.officer'), (row) => (
            <Group gap="xs" wrap="nowrap">
              <Text fz="sm" fw={500}>
                {row.user.displayName}
              </Text>
              <Text fz="xs" c="dimmed">
                {t(`session:menu.role.${row.user.role}`)}
              </Text>
              {row.user.active ? null : (
                <Badge color="gray" variant="light" radius="sm">
                  {t('load.inactive')}
                </Badge>
              )}
            </Group>
          )),
          ...COUNT_COLUMNS.map((column) =>
            sortable(column, t(`load.${column}`), (row) => (
              <Text
                fz="sm"
                fw={column === 'overdueRequests' && row[column] > 0 ? 700 : undefined}
                c={row[column] === 0 ? 'dimmed' : column === 'overdueRequests' ? 'red.7' : undefined}
              >
                {formatCount(row[column], i18n.language)}
              </Text>
            )),
          ),
        ]}
      />
    </Table.ScrollContainer>
  );
}

function sortLoad(load: OfficerLoad[], sort: Sort, language: string): OfficerLoad[] {
  if (sort.column === 'load') return sort.descending ? load : [...load].reverse();
  const direction = sort.descending ? -1 : 1;
  const byName = (a: OfficerLoad, b: OfficerLoad) => a.user.displayName.localeCompare(b.user.displayName, language);
  const column = sort.column;
  if (column === 'officer') return [...load].sort((a, b) => direction * byName(a, b));
  return [...load].sort((a, b) => direction * (a[column] - b[column]) || byName(a, b));
}
