import { EXPORT_MAX_ROWS, PDF_LIST_MAX_ROWS } from '../../api/exports';
import type { ValidInput } from '../../api/contract';
import type { CallContext, ServiceDependencies } from '../context';
import { AppError } from '../errors';
import type { JobControl } from '../jobs/control';
import { withHijriDates } from './hijri-dates';
import { labelsFor } from './labels';
import { listPdf } from './list-pdf';
import { eachPage, openList } from './lists';
import { reportPdfFile, reportTableFile, type TableSource } from './report-file';
import { csvSink, xlsxSink, type CellValue, type TableSink } from './table-file';

/**
 * What an export writes, wherever it runs. A workbook or a CSV (up to a million rows) is written in
 * the jobs' reading thread (`exports.table`, services/jobs/), reading a page at a time and pausing
 * between pages, where a cancel is heard; a PDF is at most PDF_LIST_MAX_ROWS rows and is printed by
 * the host, so it is written beside the desk's calls (`producePdfExport`).
 */

/** What an export produces, however it was written. */
export interface ProducedFile {
  content: Buffer;
  /** Records in the file. */
  count: number;
}

/** A list or the report as a workbook or CSV. */
export async function produceTableExport(
  source: TableSource,
  request: ValidInput<'exports.start'>,
  context: CallContext,
  control: JobControl,
): Promise<ProducedFile> {
  if (request.format === 'pdf') throw new Error('a PDF is printed by the host: producePdfExport');
  const labels = labelsFor(request.language);
  if (request.subject.kind === 'report') return reportTableFile(source, request.subject.period, request.format, labels, context, control);
  const list = await openList(source.db, request.subject, context, labels);
  control.total(list.total);
  if (list.total > EXPORT_MAX_ROWS) throw new AppError('rule', 'exports.tooLong', { max: EXPORT_MAX_ROWS, count: list.total });
  // A spreadsheet has the Hijri date in a column of its own, beside each date.
  const read = withHijriDates(list, labels);
  const sink: TableSink = request.format === 'csv' ? csvSink() : xlsxSink({ rightToLeft: labels.language === 'ar' });
  try {
    sink.startTable(read.title, read.columns);
    const count = await eachPage(read, control, (page) => {
      for (const cells of page) sink.addRow(cells);
    });
    return { content: await sink.finish(), count };
  } catch (error) {
    sink.discard();
    throw error;
  }
}

/**
 * A list or the report as a PDF, for reading on paper. A list longer than PDF_LIST_MAX_ROWS is
 * refused before anything is read.
 */
export async function producePdfExport(
  deps: ServiceDependencies,
  request: ValidInput<'exports.start'>,
  context: CallContext,
  control: JobControl,
): Promise<ProducedFile> {
  const labels = labelsFor(request.language);
  if (request.subject.kind === 'report') return reportPdfFile(deps, request.subject.period, labels, context);
  // A column per question: the responses are read in a spreadsheet.
  if (request.subject.kind === 'satisfactionResponses') throw new AppError('rule', 'exports.spreadsheetOnly');
  const list = await openList(deps.db, request.subject, context, labels);
  control.total(list.total);
  if (list.total > PDF_LIST_MAX_ROWS) throw new AppError('rule', 'exports.tooLongForPdf', { max: PDF_LIST_MAX_ROWS, count: list.total });
  // The PDF prints the Hijri date under each date.
  const rows: CellValue[][] = [];
  const count = await eachPage(list, control, (page) => rows.push(...page));
  return { content: await listPdf(deps, list, rows, labels, context), count };
}
