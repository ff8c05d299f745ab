import type { Labels } from './labels';
import type { ListSource } from './lists';
import { riyadhDateTime, type CellValue, type TableColumn } from './table-file';

/**
 * The Hijri (Umm al-Qura) date beside the Gregorian in a spreadsheet, as the screens show both. The
 * Gregorian cell stays a real date, so a spreadsheet sorts and filters by it; the Hijri one is text,
 * written year first with two-digit months and days, so that it too sorts as it reads.
 */

const UMM_AL_QURA = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A Riyadh calendar date (yyyy-mm-dd) in the Umm al-Qura calendar, as digits: 1448/06/15. */
export function hijriDigits(date: string): string {
  const parts = Object.fromEntries(UMM_AL_QURA.formatToParts(new Date(`${date}T12:00:00Z`)).map((part) => [part.type, part.value]));
  return `${parts.year}/${parts.month}/${parts.day}`;
}

/** The Riyadh calendar day of a date or instant cell, or null for an empty one. */
function dayOf(value: CellValue, kind: 'date' | 'instant'): string | null {
  if (value === null || value === '') return null;
  return kind === 'date' ? String(value).slice(0, 10) : riyadhDateTime(String(value)).slice(0, 10);
}

/**
 * The list as a spreadsheet writes it: each date or date-and-time column followed by a text column of
 * the same day in the Hijri calendar ("1448/06/15 هـ"; the mark keeps a spreadsheet from reading it as
 * a date of its own).
 */
export function withHijriDates(list: ListSource, labels: Labels): ListSource {
  const mark = labels.text('exports', 'hijri.mark');
  const columns = list.columns.flatMap((column): TableColumn[] =>
    column.kind === 'date' || column.kind === 'instant' ? [column, { header: labels.text('exports', 'hijri.column', { column: column.header }), kind: 'text', width: 16 }] : [column],
  );
  return {
    ...list,
    columns,
    async nextPage(limit) {
      const page = await list.nextPage(limit);
      return page.map((cells) =>
        list.columns.flatMap((column, index): CellValue[] => {
          const value = cells[index] ?? null;
          if (column.kind !== 'date' && column.kind !== 'instant') return [value];
          const day = dayOf(value, column.kind);
          return [value, day === null ? null : `${hijriDigits(day)} ${mark}`];
        }),
      );
    },
  };
}
