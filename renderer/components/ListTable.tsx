import { Table, Text, type TableProps, type TableTdProps, type TableThProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** One column of a list: its heading and what each row shows in it. */
export interface ListColumn<Row> {
  /** The heading; none for a column of buttons. */
  header?: ReactNode;
  /** The heading cell's own props (the order a sortable column is in). */
  headerProps?: TableThProps;
  cell: (row: Row) => ReactNode;
  /** The cells' own props (weight, direction, no wrapping). */
  cellProps?: TableTdProps;
}

/** The keys that open a focused row unless a table says otherwise. */
const ENTER_OPENS: readonly string[] = ['Enter'];

/**
 * A list of records as a table named for what it lists: a heading per column, a row per record, and,
 * once the list is read and holds nothing, the sentence that says so. A row that opens its record
 * opens on a click anywhere on it; from the keyboard, by Enter on the row when rows take the focus
 * (`focusableRows`), or else by a button one of its cells holds. A list whose columns have no
 * headings (a short list inside a record's page) shows no heading row.
 */
export function ListTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  emptyMessage,
  onOpen,
  focusableRows = false,
  openKeys = ENTER_OPENS,
  rowLabel,
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
  /** The keys that open a focused row: Enter, or Enter and Space for rows that read as buttons. */
  openKeys?: readonly string[];
  /** A row's accessible name, when it says more than its cells read in turn (what opening it does). */
  rowLabel?: (row: Row) => string;
}) {
  const headed = columns.some((column) => column.header !== undefined);
  return (
    <>
      <Table {...tableProps} aria-label={label}>
        {headed ? (
          <Table.Thead>
            <Table.Tr>
              {columns.map((column, index) => (
                <Table.Th key={index} {...column.headerProps}>
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
        ) : null}
        <Table.Tbody>
          {(rows ?? []).map((row, index) => (
            <Table.Tr
              key={rowKey(row, index)}
              tabIndex={onOpen && focusableRows ? 0 : undefined}
              aria-label={rowLabel?.(row)}
              onClick={onOpen ? () => onOpen(row) : undefined}
              onKeyDown={
                onOpen && focusableRows
                  ? (event) => {
                      if (!openKeys.includes(event.key)) return;
                      // Space would otherwise scroll the page under the record it opens.
                      event.preventDefault();
                      onOpen(row);
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
