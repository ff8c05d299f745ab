import { Table, Text, type TableProps, type TableTdProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** One column of a list: its heading and what each row shows in it. */
export interface ListColumn<Row> {
  /** The heading; none for a column of buttons. */
  header?: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The cells' own props (weight, direction, no wrapping). */
  cellProps?: TableTdProps;
}

/**
 * A list of records as a table named for what it lists: a heading per column, a row per record, and,
 * once the list is read and holds nothing, the sentence that says so. A row that opens its record
 * opens on a click anywhere on it; from the keyboard, by Enter on the row when rows take the focus
 * (`focusableRows`), or else by a button one of its cells holds.
 */
export function ListTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  emptyMessage,
  onOpen,
  focusableRows = false,
  ...tableProps
}: Omit<TableProps, 'children'> & {
  /** The table's accessible name. */
  label: string;
  columns: readonly ListColumn<Row>[];
  /** Null while the list is being read. */
  rows: readonly Row[] | null;
  /** A row's React key: its id, or with its place when the same record may be listed twice. */
  rowKey: (row: Row, index: number) => string;
  emptyMessage?: ReactNode;
  onOpen?: (row: Row) => void;
  focusableRows?: boolean;
}) {
  return (
    <>
      <Table {...tableProps} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <Table.Th key={index}>{column.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rows ?? []).map((row, index) => (
            <Table.Tr
              key={rowKey(row, index)}
              tabIndex={onOpen && focusableRows ? 0 : undefined}
              onClick={onOpen ? () => onOpen(row) : undefined}
              onKeyDown={
                onOpen && focusableRows
                  ? (event) => {
                      if (event.key === 'Enter') onOpen(row);
                    }
                  : undefined
              }
              style={onOpen ? { cursor: 'pointer' } : undefined}
            >
              {columns.map((column, place) => (
                <Table.Td key={place} {...column.cellProps}>
                  {column.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows !== null && rows.length === 0 && emptyMessage !== undefined ? (
        <Text c="dimmed" ta="center" p="lg">
          {emptyMessage}
        </Text>
      ) : null}
    </>
  );
}
