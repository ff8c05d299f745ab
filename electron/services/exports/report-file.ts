import type { Kysely } from 'kysely';
import { EXPORT_MAX_ROWS, exportSubject, type ExportFormat } from '../../api/exports';
import type { ReportFigures, ReportPeriodInput } from '../../api/reports';
import type { DatabaseSchema } from '../../../db/schema';
import type { CallContext, ServiceDependencies } from '../context';
import { AppError } from '../errors';
import { asOfLine, periodRange, reportLanguage, reportTitle, type ReportWords } from '../reports/document';
import { reportFigures } from '../reports/figures';
import { displayNameOf, reportPdf } from '../reports/pdf';
import { changeOf, figureLines, reportTables, type CommentList, type ReportSection, type ReportTable } from '../reports/tables';
import { withHijriDates } from './hijri-dates';
import type { JobControl } from '../jobs/control';
import type { ProducedFile } from './produce';
import type { Labels } from './labels';
import { eachPage, openList, type ListSubject } from './lists';
import { csvSink, xlsxSink, type CellValue, type ColumnKind, type TableColumn, type TableSink } from './table-file';

/** Where a workbook or CSV of the report reads from: the database, and the association's name for its first sheet. */
export interface TableSource {
  db: Kysely<DatabaseSchema>;
  associationName: string | null;
}

/** The report as a file: the PDF as printed. */
export async function reportPdfFile(deps: ServiceDependencies, period: ReportPeriodInput, labels: Labels, context: CallContext): Promise<ProducedFile> {
  if (deps.printPdf === undefined) throw new AppError('rule', 'exports.pdfUnavailable');
  return { content: await reportPdf(deps, { from: period.from, to: period.to, language: labels.language }, context), count: 0 };
}

/**
 * The report as a table file: a workbook of its figures, sheet by section, followed by the records
 * behind the period's main flows (the files opened, the requests and the complaints received, as the
 * reader may see them); or one CSV table of every figure. The figures, their labels and their order
 * are the PDF's own (`reportTables`).
 */
export async function reportTableFile(
  source: TableSource,
  period: ReportPeriodInput,
  format: Exclude<ExportFormat, 'pdf'>,
  labels: Labels,
  context: CallContext,
  control: JobControl,
): Promise<ProducedFile> {
  const range = { from: period.from, to: period.to };
  const figures = await reportFigures(source.db, range, context);
  const words = reportLanguage(labels.language);
  const sections = reportTables(figures, words);
  if (format === 'csv') return { content: await figuresCsv(words, sections), count: 0 };
  return reportWorkbook(source, range, figures, sections, words, labels, context, control);
}

// --- CSV -----------------------------------------------------------------------------------------

/** One line per figure: its section, its name, what it is broken down by, both periods' values and the change. */
async function figuresCsv(words: ReportWords, sections: readonly ReportSection[]): Promise<Buffer> {
  const { text } = words;
  const sink = csvSink();
  sink.startTable(text.workbook.sheets.about, [
    { header: text.workbook.section, kind: 'text', width: 30 },
    { header: text.columns.figure, kind: 'text', width: 40 },
    { header: text.workbook.breakdown, kind: 'text', width: 30 },
    { header: text.columns.current, kind: 'number', width: 14 },
    { header: text.columns.previous, kind: 'number', width: 14 },
    { header: text.columns.change, kind: 'number', width: 14 },
  ]);
  for (const line of figureLines(sections)) {
    // The oldest referral's date and a program's rule are the values that are not counts.
    const dated = typeof line.current === 'string' || typeof line.previous === 'string';
    sink.addRow(
      [line.section, line.figure, line.breakdown, line.current, line.previous, line.change],
      dated ? { kinds: [undefined, undefined, undefined, 'date', 'date'] } : {},
    );
  }
  return sink.finish();
}

// --- Excel ---------------------------------------------------------------------------------------

const LABEL_WIDTH = 46;
const FIGURE_WIDTH = 16;

/** The records behind the period's main flows, each exactly as the list of its screen shows them. */
const RECORD_SHEETS = [
  { kind: 'beneficiaries', sheet: 'registered' },
  { kind: 'requests', sheet: 'received' },
  { kind: 'complaints', sheet: 'opened' },
] as const;

async function reportWorkbook(
  source: TableSource,
  period: ReportPeriodInput,
  figures: ReportFigures,
  sections: readonly ReportSection[],
  words: ReportWords,
  labels: Labels,
  context: CallContext,
  control: JobControl,
): Promise<ProducedFile> {
  const sheets = words.text.workbook.sheets;
  const lists = [];
  for (const { kind, sheet } of RECORD_SHEETS) {
    const subject = exportSubject.parse({ kind, period }) as ListSubject;
    lists.push({ title: sheets[sheet], list: withHijriDates(await openList(source.db, subject, context, labels), labels) });
  }
  control.total(lists.reduce((sum, { list }) => sum + list.total, 0));
  const longest = Math.max(...lists.map(({ list }) => list.total));
  if (longest > EXPORT_MAX_ROWS) throw new AppError('rule', 'exports.tooLong', { max: EXPORT_MAX_ROWS, count: longest });
  const sink = xlsxSink({ rightToLeft: words.direction === 'rtl' });
  let count = 0;
  try {
    aboutSheet(sink, figures, words, {
      associationName: source.associationName,
      exportedBy: await displayNameOf(source.db, context.actorId),
      exportedAt: context.now,
    });
    for (const section of sections) sectionSheet(sink, sheets[section.key], section.tables, words, section.notes, section.comments);
    for (const { title, list } of lists) {
      sink.startTable(title, list.columns);
      count += await eachPage(list, control, (page) => {
        for (const cells of page) sink.addRow(cells);
      });
    }
    return { content: await sink.finish(), count };
  } catch (error) {
    sink.discard();
    throw error;
  }
}

/** The first sheet: what the workbook is, for which days, compared with which, read when and by whom. */
function aboutSheet(
  sink: TableSink,
  figures: ReportFigures,
  words: ReportWords,
  made: { associationName: string | null; exportedBy: string; exportedAt: Date },
): void {
  const { text } = words;
  const { workbook } = text;
  const { current, previous } = figures;
  sink.startTable(
    workbook.sheets.about,
    [
      { header: '', kind: 'text', width: 34 },
      { header: '', kind: 'text', width: 80 },
    ],
    { header: false },
  );
  const fact = (label: string, value: CellValue, kind: ColumnKind = 'text') => sink.addRow([label, value], { kinds: [undefined, kind] });
  sink.addRow([reportTitle({ language: words.language, figures })], { style: 'heading' });
  fact(workbook.association, made.associationName);
  fact(workbook.periodHijri, periodRange(words, current, true, 'hijri'));
  fact(workbook.periodGregorian, periodRange(words, current, false, 'gregorian'));
  fact(workbook.from, current.period.from, 'date');
  fact(workbook.to, current.period.to, 'date');
  fact(workbook.previousHijri, periodRange(words, previous, false, 'hijri'));
  fact(workbook.previousGregorian, periodRange(words, previous, false, 'gregorian'));
  fact(workbook.previousFrom, previous.period.from, 'date');
  fact(workbook.previousTo, previous.period.to, 'date');
  fact(workbook.asOf, asOfLine(words, current));
  fact(workbook.asOfAt, current.period.asOf, 'instant');
  fact(workbook.exportedBy, made.exportedBy);
  fact(workbook.exportedAt, made.exportedAt.toISOString(), 'instant');
}

/**
 * A section on a sheet of its own, its tables one under the other: the first one's headers are the
 * sheet's frozen first row; each next one comes after an empty row, under its title and its own headers.
 */
function sectionSheet(
  sink: TableSink,
  title: string,
  tables: readonly ReportTable[],
  words: ReportWords,
  notes: readonly string[] = [],
  comments: readonly CommentList[] = [],
): void {
  const [first] = tables;
  if (first === undefined) return;
  const width = Math.max(...tables.map(columnCount));
  const headers = headersOf(first, words);
  const columns: TableColumn[] = Array.from({ length: width }, (_, index) => ({
    header: headers[index] ?? '',
    kind: index === 0 ? 'text' : first.kind === 'matrix' && first.dateHeader !== undefined && index >= width - 2 ? 'date' : 'number',
    width: index === 0 ? LABEL_WIDTH : FIGURE_WIDTH,
  }));
  sink.startTable(title, columns);
  tables.forEach((table, index) => {
    if (index > 0) {
      sink.addRow([]);
      if (table.title !== null) sink.addRow([table.title], { style: 'heading' });
      sink.addRow(headersOf(table, words), { style: 'header' });
    } else if (table.title !== null) {
      sink.addRow([table.title], { style: 'heading' });
    }
    if (table.rows.length === 0) {
      sink.addRow([words.text.nothing]);
      return;
    }
    if (table.kind === 'comparison') {
      for (const row of table.rows) {
        sink.addRow([row.label, row.current, row.previous, changeOf(row.current, row.previous)], row.detail ? { indent: true } : {});
      }
      return;
    }
    for (const row of table.rows) {
      const cells: CellValue[] = [row.label, ...row.cells.flatMap(([now, before]) => [now, before])];
      if (table.dateHeader !== undefined) cells.push(row.dates?.[0] ?? null, row.dates?.[1] ?? null);
      // The note (a program's rule) is text, whatever its column holds in the sheet's first table.
      const kinds: Array<ColumnKind | undefined> | undefined = table.noteHeader === undefined ? undefined : [...cells.map(() => undefined), 'text'];
      if (table.noteHeader !== undefined) cells.push(row.note ?? null);
      sink.addRow(cells, { ...(row.total ? { style: 'total' as const } : {}), ...(kinds ? { kinds } : {}) });
    }
  });
  if (notes.length > 0) {
    sink.addRow([]);
    for (const note of notes) sink.addRow([note], { kinds: ['text'] });
  }
  // The comments as written, each beside its day: text in every cell, whatever the columns hold above.
  for (const list of comments) {
    sink.addRow([]);
    sink.addRow([list.title], { style: 'heading' });
    for (const entry of list.entries) sink.addRow([entry.day, entry.text], { kinds: ['date', 'text'] });
  }
}

const columnCount = (table: ReportTable) =>
  table.kind === 'comparison' ? 4 : 1 + table.headers.length * 2 + (table.dateHeader === undefined ? 0 : 2) + (table.noteHeader === undefined ? 0 : 1);

/** A comparison's four headings; a matrix's label heading, then each figure's this period and period before. */
function headersOf(table: ReportTable, words: ReportWords): string[] {
  const { columns, workbook } = words.text;
  if (table.kind === 'comparison') return [columns.figure, columns.current, columns.previous, columns.change];
  const pair = (figure: string) =>
    [columns.current, columns.previous].map((period) => workbook.cellHeader.replace('{{figure}}', figure).replace('{{period}}', period));
  return [
    table.labelHeader,
    ...table.headers.flatMap(pair),
    ...(table.dateHeader === undefined ? [] : pair(table.dateHeader)),
    ...(table.noteHeader === undefined ? [] : [table.noteHeader]),
  ];
}
