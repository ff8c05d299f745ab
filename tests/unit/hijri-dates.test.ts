// The Hijri date a spreadsheet export writes beside each date: the Umm al-Qura day of the Riyadh
// calendar day (an instant late in the UTC evening is already the next day in Riyadh), as text that
// sorts as it reads, in a column named after the date it stands beside.
import { describe, expect, it } from 'vitest';
import { hijriDigits, withHijriDates } from '../../electron/services/exports/hijri-dates';
import { labelsFor } from '../../electron/services/exports/labels';
import type { ListSource } from '../../electron/services/exports/lists';
import type { CellValue } from '../../electron/services/exports/table-file';

function listOf(rows: CellValue[][]): ListSource {
  let given = false;
  return {
    title: 'list',
    columns: [
      { header: 'Number', kind: 'text', width: 10 },
      { header: 'Received', kind: 'instant', width: 18 },
      { header: 'Due', kind: 'date', width: 12 },
      { header: 'Minutes', kind: 'number', width: 8 },
    ],
    period: null,
    total: rows.length,
    async nextPage() {
      if (given) return [];
      given = true;
      return rows;
    },
  };
}

describe('the Hijri date beside each date', () => {
  it('is the Umm al-Qura date, year first, with two-digit months and days', () => {
    expect(hijriDigits('2025-06-08')).toBe('1446/12/12');
    expect(hijriDigits('2026-02-18')).toBe('1447/09/01');
    expect(hijriDigits('2026-12-07')).toBe('1448/06/27');
  });

  it('follows every date column, named after it, and leaves other columns as they are', async () => {
    const list = withHijriDates(
      listOf([
        ['2026-00001', '2026-12-06T22:30:00.000Z', '2026-02-18', 12],
        ['2026-00002', null, null, null],
      ]),
      labelsFor('en'),
    );
    expect(list.columns.map((column) => [column.header, column.kind])).toEqual([
      ['Number', 'text'],
      ['Received', 'instant'],
      ['Hijri date (Received)', 'text'],
      ['Due', 'date'],
      ['Hijri date (Due)', 'text'],
      ['Minutes', 'number'],
    ]);
    expect(await list.nextPage(10)).toEqual([
      // 22:30 UTC on 6 December is 01:30 on 7 December in Riyadh.
      ['2026-00001', '2026-12-06T22:30:00.000Z', '1448/06/27 AH', '2026-02-18', '1447/09/01 AH', 12],
      ['2026-00002', null, null, null, null, null],
    ]);
    expect(await list.nextPage(10)).toEqual([]);
  });

  it('is marked in Arabic as the screens mark it', async () => {
    const list = withHijriDates(listOf([['2026-00001', null, '2025-06-08', null]]), labelsFor('ar'));
    expect(list.columns[4]?.header).toBe('التاريخ الهجري (Due)');
    expect((await list.nextPage(10))[0]?.[4]).toBe('1446/12/12 هـ');
  });
});
