import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Tables written as a spreadsheet file: Excel (.xlsx, one sheet per table) or CSV (one table). The
 * caller adds rows a page at a time; Excel's rows are committed to a streaming writer as they come,
 * so only the compressed file grows in memory, never a model of the whole workbook.
 */

/**
 * How a column's values are written:
 * - text: as typed (a CSV cell a spreadsheet would run as a formula is neutralized);
 * - number: a real number;
 * - riyals: an amount in riyals, a real number written with its two places of halalas;
 * - date: a Riyadh calendar date (yyyy-mm-dd), a real date cell in Excel;
 * - instant: a UTC instant (ISO), written as the Riyadh date and time, a real date-time cell in Excel.
 */
export type ColumnKind = 'text' | 'number' | 'riyals' | 'date' | 'instant';

export interface TableColumn {
  header: string;
  kind: ColumnKind;
  /** Excel's column width, in characters. */
  width: number;
}

export type CellValue = string | number | null;

export interface TableOptions {
  /** Whether the columns' headers open the table (Excel: as its frozen first row). Yes unless told. */
  header?: boolean;
}

/**
 * A row that is not one of the table's records: a heading over the rows after it, the headers of a
 * second table in the same sheet, or a total. Its cells are written as text, but for a total's.
 */
export type RowStyle = 'heading' | 'header' | 'total';

export interface RowOptions {
  style?: RowStyle;
  /** Sets the first cell in from its column's edge: a breakdown of the row above. */
  indent?: boolean;
  /** This row's own kinds, cell by cell, over the columns' (a sheet of facts, each row a kind of its own). */
  kinds?: ReadonlyArray<ColumnKind | undefined>;
}

export interface TableSink {
  /** Starts the next table (Excel: a new sheet named `title`; CSV: only one table is allowed). */
  startTable(title: string, columns: readonly TableColumn[], options?: TableOptions): void;
  addRow(cells: readonly CellValue[], options?: RowOptions): void;
  /** The finished file. */
  finish(): Promise<Buffer>;
  /** Drops what was written (a cancelled or failed export). */
  discard(): void;
}

/** Riyadh keeps UTC+3 all year. */
const RIYADH_OFFSET_MS = 3 * 60 * 60 * 1000;

/** Excel dates have no time zone: the cell holds the Riyadh wall-clock time. */
const riyadhWallClock = (instant: string) => new Date(Date.parse(instant) + RIYADH_OFFSET_MS);

/** "2026-11-22 09:05", Riyadh time, for CSV. */
export function riyadhDateTime(instant: string): string {
  return riyadhWallClock(instant).toISOString().slice(0, 16).replace('T', ' ');
}

// --- CSV -----------------------------------------------------------------------------------------

/**
 * Where a spreadsheet may start reading a new cell inside one of ours, followed by what would make
 * that cell run as a formula (=, +, -, @, tab, return; after any spaces or quotes, which Excel skips).
 * Not only the cell's start: a spreadsheet set to split on `;` (as Excel is in many Arabic and European
 * locales) splits our cell `a;=HYPERLINK(…)` in two; and one that reads quotes only at a cell's start,
 * as Excel does, also splits inside our quoted cells at `,`, `;` and line breaks.
 */
const FORMULA_AT_A_CELL_START = /(^|[,;\r\n])([ "]*)(?=[=+\-@\t\r])/g;

/**
 * Quoted when needed; an apostrophe goes before anything a spreadsheet could run as a formula at the
 * start of any cell it might read in this one (OWASP's CSV injection advice, for every separator).
 */
export function csvCell(value: string): string {
  const safe = value.replace(FORMULA_AT_A_CELL_START, "$1$2'");
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A cell's kind: a heading's or a header's is text, else the row's own, else its column's. */
function kindOf(options: RowOptions, index: number, columnKind: ColumnKind | undefined): ColumnKind {
  if (options.style === 'heading' || options.style === 'header') return 'text';
  return options.kinds?.[index] ?? columnKind ?? 'text';
}

function csvValue(value: CellValue, kind: ColumnKind): string {
  if (value === null) return '';
  if (kind === 'number') return String(value);
  if (kind === 'riyals') return typeof value === 'number' ? value.toFixed(2) : String(value);
  if (kind === 'instant') return riyadhDateTime(String(value));
  return csvCell(String(value));
}

/** CSV with a UTF-8 byte-order mark, so that Excel reads the Arabic; lines end in CRLF. */
export function csvSink(): TableSink {
  let columns: readonly TableColumn[] | null = null;
  let chunks: string[] = ['\ufeff'];
  const line = (cells: readonly string[]) => chunks.push(`${cells.join(',')}\r\n`);
  return {
    startTable(_title, tableColumns, options = {}) {
      if (columns !== null) throw new Error('A CSV file holds one table');
      columns = tableColumns;
      if (options.header !== false) line(tableColumns.map((column) => csvCell(column.header)));
    },
    addRow(cells, options = {}) {
      const kinds = columns ?? [];
      line(cells.map((cell, index) => csvValue(cell, kindOf(options, index, kinds[index]?.kind))));
    },
    async finish() {
      const file = Buffer.from(chunks.join(''), 'utf8');
      chunks = [];
      return file;
    },
    discard() {
      chunks = [];
    },
  };
}

// --- Excel ---------------------------------------------------------------------------------------

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: '@',
  number: undefined,
  riyals: '#,##0.00',
  date: 'yyyy-mm-dd',
  instant: 'yyyy-mm-dd hh:mm',
};

/**
 * The two characters XML cannot hold that exceljs writes as they are, making the whole workbook one
 * Excel refuses. The contract refuses them in typed text; text kept before it did may still hold them.
 */
const NOT_IN_XML = /[\uFFFE\uFFFF]/g;

function excelValue(value: CellValue, kind: ColumnKind): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (kind === 'number' || kind === 'riyals') return typeof value === 'number' ? value : Number(value);
  if (kind === 'date') return new Date(`${String(value)}T00:00:00Z`);
  if (kind === 'instant') return riyadhWallClock(String(value));
  return String(value).replace(NOT_IN_XML, '\uFFFD');
}

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
export function sheetName(title: string, taken: ReadonlySet<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  return name;
}

/** An .xlsx workbook: right-to-left sheets for Arabic, a bold frozen header row, column widths, real numbers and dates. */
export function xlsxSink(options: { rightToLeft: boolean }): TableSink {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Wasl';
  let sheet: ExcelJS.Worksheet | null = null;
  let kinds: ColumnKind[] = [];
  const names = new Set<string>();
  return {
    startTable(title, columns, tableOptions = {}) {
      sheet?.commit();
      const name = sheetName(title, names);
      names.add(name.toLowerCase());
      const header = tableOptions.header !== false;
      const view = header ? { rightToLeft: options.rightToLeft, state: 'frozen' as const, ySplit: 1 } : { rightToLeft: options.rightToLeft };
      sheet = workbook.addWorksheet(name, { views: [view] });
      sheet.columns = columns.map((column, index) => ({
        key: String(index),
        width: column.width,
        style: NUMBER_FORMATS[column.kind] === undefined ? {} : { numFmt: NUMBER_FORMATS[column.kind] },
      }));
      kinds = columns.map((column) => column.kind);
      if (!header) return;
      const headerRow = sheet.addRow(columns.map((column) => column.header));
      headerRow.font = { bold: true };
      // A long header wraps within its column's width rather than hide behind the next one.
      headerRow.alignment = { wrapText: true, vertical: 'top' };
      headerRow.commit();
    },
    addRow(cells, rowOptions = {}) {
      if (sheet === null) throw new Error('No table started');
      const cellKinds = cells.map((_, index) => kindOf(rowOptions, index, kinds[index]));
      const row = sheet.addRow(cells.map((cell, index) => excelValue(cell, cellKinds[index] ?? 'text')));
      cellKinds.forEach((kind, index) => {
        // A cell of another kind than its column's carries its own format (a date in a column of text).
        if (kind !== (kinds[index] ?? 'text')) row.getCell(index + 1).numFmt = NUMBER_FORMATS[kind] ?? 'General';
      });
      if (rowOptions.style === 'heading') row.font = { bold: true, size: 12 };
      else if (rowOptions.style === 'total') row.font = { bold: true };
      else if (rowOptions.style === 'header') {
        row.font = { bold: true };
        row.alignment = { wrapText: true, vertical: 'top' };
      }
      if (rowOptions.indent) row.getCell(1).alignment = { indent: 2 };
      row.commit();
    },
    async finish() {
      sheet?.commit();
      await workbook.commit();
      await ended;
      return Buffer.concat(chunks);
    },
    discard() {
      output.destroy();
      chunks.length = 0;
    },
  };
}
