import { Badge, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Drill, FigureRow } from './FigureTable';
import { useReportFormat } from './format';

export interface MatrixRow {
  key: string;
  label: string;
  inactive?: boolean;
  cells: Array<Omit<FigureRow, 'label'>>;
  /** The text of the note column, when the table has one (the rule a program's rate was read by). */
  note?: string;
}

/**
 * A breakdown (by type, kind, staff member): a row each, a column per figure, this period's value
 * with the previous period's beside it. A value that can be opened is a button.
 */
export function MatrixTable({
  caption,
  rowHeader,
  columns,
  rows,
  onOpen,
  noteColumn,
}: {
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: MatrixRow[];
  onOpen: (drill: Drill) => void;
  /** The heading of a column of text after the figures, when the rows carry a note. */
  noteColumn?: string;
}) {
  const { t } = useTranslation('reports');
  const format = useReportFormat();
  const shown = (cell: MatrixRow['cells'][number], value: number | null) => format.inUnit(cell.unit, value);
  return (
    <Table.ScrollContainer minWidth={140 + columns.length * 110 + (noteColumn === undefined ? 0 : 260)}>
      <Table verticalSpacing={6} highlightOnHover aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{rowHeader}</Table.Th>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
            {noteColumn === undefined ? null : <Table.Th>{noteColumn}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text fz="sm" fw={500}>
                    {row.label}
                  </Text>
                  {row.inactive ? (
                    <Badge size="xs" color="gray" variant="light">
                      {t('workload.inactive')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              {row.cells.map((cell, index) => {
                const label = `${row.label} — ${columns[index]}`;
                const value = (
                  <Text component="span" fz="sm" fw={700} c={cell.drill ? 'wasl.8' : undefined} td={cell.drill ? 'underline' : undefined}>
                    {shown(cell, cell.current)}
                  </Text>
                );
                return (
                  <Table.Td key={columns[index]}>
                    <Group gap={6} wrap="nowrap">
                      {cell.drill ? (
                        <UnstyledButton className="wasl-report-figure" onClick={() => onOpen({ ...cell.drill!, label })} aria-label={t('open', { figure: label })}>
                          {value}
                        </UnstyledButton>
                      ) : (
                        value
                      )}
                      <Text component="span" fz="xs" c="dimmed" aria-label={`${t('columns.previous')}: ${shown(cell, cell.previous)}`}>
                        ({shown(cell, cell.previous)})
                      </Text>
                    </Group>
                  </Table.Td>
                );
              })}
              {noteColumn === undefined ? null : (
                <Table.Td>
                  <Text fz="xs" c="dimmed" maw={420}>
                    {row.note}
                  </Text>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
