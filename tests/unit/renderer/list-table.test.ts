// The one list table: its name, a heading per column, a row per record, the sentence for an empty
// list once it is read, and rows that open from the keyboard when they take the focus.
import { MantineProvider } from '@mantine/core';
import { createElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ListTable, type ListColumn } from '../../../renderer/components/ListTable';

interface Person {
  id: string;
  name: string;
  fileNumber: string;
}

const COLUMNS: ListColumn<Person>[] = [
  { header: 'الاسم', cell: (person) => person.name, cellProps: { fw: 500 } },
  { header: 'رقم الملف', cell: (person) => person.fileNumber },
  { cell: (person) => `فتح ${person.name}` },
];

const PEOPLE: Person[] = [
  { id: 'a', name: 'سارة', fileNumber: '1448-0001' },
  { id: 'b', name: 'محمد', fileNumber: '1448-0002' },
];

function render(table: ReactNode): string {
  return renderToStaticMarkup(createElement(MantineProvider, null, table));
}

const listTable = (props: Partial<Parameters<typeof ListTable<Person>>[0]>) =>
  createElement(ListTable<Person>, { label: 'المستفيدون', columns: COLUMNS, rows: PEOPLE, rowKey: (person) => person.id, emptyMessage: 'لا أحد', ...props });

describe('ListTable', () => {
  it('is named, with a heading per column and a cell per column in each row', () => {
    const html = render(listTable({}));
    expect(html).toMatch(/<table[^>]*aria-label="المستفيدون"/);
    expect(html.match(/<th[ >]/g)).toHaveLength(3);
    expect(html).toContain('الاسم');
    expect(html.match(/<tr[ >]/g)).toHaveLength(3);
    expect(html.match(/<td[ >]/g)).toHaveLength(6);
    expect(html.indexOf('سارة')).toBeLessThan(html.indexOf('محمد'));
    expect(html).not.toContain('لا أحد');
  });

  it('says the list is empty only once it is read', () => {
    expect(render(listTable({ rows: [] }))).toContain('لا أحد');
    expect(render(listTable({ rows: null }))).not.toContain('لا أحد');
  });

  it('takes rows into the Tab order only when they open their record', () => {
    expect(render(listTable({}))).not.toContain('tabindex');
    expect(render(listTable({ onOpen: () => undefined }))).not.toContain('tabindex');
    expect(render(listTable({ onOpen: () => undefined, focusableRows: true })).match(/<tr[^>]*tabindex="0"/g)).toHaveLength(2);
  });

  it('shows no heading row when no column has a heading', () => {
    const unheaded = COLUMNS.map(({ cell }) => ({ cell }));
    const html = render(listTable({ columns: unheaded }));
    expect(html).not.toContain('<thead');
    expect(html.match(/<td[ >]/g)).toHaveLength(6);
  });

  it("gives a heading cell its own props and a row its own name", () => {
    const columns: ListColumn<Person>[] = [{ header: 'الاسم', headerProps: { 'aria-sort': 'ascending' }, cell: (person) => person.name }];
    const html = render(listTable({ columns, rowLabel: (person) => `فتح ملف ${person.fileNumber}` }));
    expect(html).toMatch(/<th[^>]*aria-sort="ascending"/);
    expect(html).toMatch(/<tr[^>]*aria-label="فتح ملف 1448-0001"/);
  });

  it('opens a focused row with Enter, and with Space only where the table says so', () => {
    const pressing = (key: string, props: Partial<Parameters<typeof ListTable<Person>>[0]>) => {
      const opened: string[] = [];
      let prevented = false;
      const row = bodyRows(ListTable<Person>({ label: 'المستفيدون', columns: COLUMNS, rows: PEOPLE, rowKey: (person) => person.id, onOpen: (person) => opened.push(person.id), focusableRows: true, ...props }))[1]!;
      row.props.onKeyDown({ key, preventDefault: () => (prevented = true) });
      return { opened, prevented };
    };
    expect(pressing('Enter', {})).toEqual({ opened: ['b'], prevented: true });
    expect(pressing(' ', {})).toEqual({ opened: [], prevented: false });
    expect(pressing('Tab', { openKeys: ['Enter', ' '] })).toEqual({ opened: [], prevented: false });
    expect(pressing(' ', { openKeys: ['Enter', ' '] })).toEqual({ opened: ['b'], prevented: true });
  });
});

type RowElement = ReactElement<{ onKeyDown: (event: { key: string; preventDefault: () => void }) => void; children?: ReactNode }>;

/** The body's rows of a rendered ListTable, found in the elements it returns (it holds no state). */
function bodyRows(tree: ReactNode): RowElement[] {
  const found: RowElement[] = [];
  const walk = (node: ReactNode) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isValidElement<{ children?: ReactNode; onKeyDown?: unknown }>(node)) return;
    if (node.props.onKeyDown) found.push(node as RowElement);
    walk(node.props.children);
  };
  walk(tree);
  return found;
}
