import { todayInRiyadh } from '../../api/fields/riyadh-date';
import { EXPORT_MAX_ROWS, PDF_LIST_MAX_ROWS, type ExportFile, type ExportFormat, type ExportJob, type ExportSubject } from '../../api/exports';
import type { ValidInput } from '../../api/contract';
import type { ApiError } from '../../api/result';
import { appendAudit } from '../audit/log';
import type { CallContext, ServiceDependencies } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { labelsFor, type Labels } from './labels';
import { openList, type ListSource } from './lists';
import { withHijriDates } from './hijri-dates';
import { listPdf } from './list-pdf';
import { reportFile } from './report-file';
import { csvSink, xlsxSink, type CellValue, type TableSink } from './table-file';

/**
 * Exports run as jobs beside the desk's other calls. A job reads its rows a page at a time and lets
 * the event loop answer other calls between pages (progress, cancel, the officer's own work), so a
 * long export never freezes the desk. Its file is built in memory and handed over once, whole:
 * nothing is written to disk until the user saves it, so a cancelled or failed export leaves no
 * half-written file, and no copy of personal data is left in a temporary folder.
 */

/** Rows read per page: large enough that paging costs little, small enough to answer other calls within a few milliseconds. */
const PAGE_ROWS = 2000;
/** Exports running at once on one desk: each holds its file in memory. */
const MAX_RUNNING = 3;
/** A finished file not taken within this time is dropped (the screen that asked for it was closed, the user left). */
const KEEP_FINISHED_MS = 10 * 60 * 1000;

export const MIME_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

interface Job {
  view: ExportJob;
  ownerId: string;
  input: ValidInput<'exports.start'>;
  cancelRequested: boolean;
  file: { content: Buffer; count: number } | null;
}

/** What an export produces, however it was written. */
export interface ProducedFile {
  content: Buffer;
  /** Records in the file. */
  count: number;
}

/** Told as an export goes: rows written so far; answers whether to stop. */
export interface ExportProgress {
  total(count: number): void;
  advance(rows: number): void;
  /** Lets other calls run; throws `ExportCancelled` when the user has cancelled. */
  pause(): Promise<void>;
}

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The file's name: what it is and when, never a person's name (file names end up in recent-file lists). */
export function exportFileName(subject: ExportSubject, format: ExportFormat, now: Date): string {
  const what = subject.kind === 'report' ? `report-${subject.period.from}-${subject.period.to}` : `${subject.kind}-${todayInRiyadh(now)}`;
  return `wasl-${what}.${format}`;
}

/**
 * Writes a list to a file of the given format, page by page. PDF is for reading on paper: a list
 * longer than PDF_LIST_MAX_ROWS is refused before anything is read.
 */
export async function writeList(
  deps: ServiceDependencies,
  list: ListSource,
  format: ExportFormat,
  labels: Labels,
  context: CallContext,
  progress: ExportProgress,
): Promise<ProducedFile> {
  progress.total(list.total);
  if (format === 'pdf' && list.total > PDF_LIST_MAX_ROWS) {
    throw new AppError('rule', 'exports.tooLongForPdf', { max: PDF_LIST_MAX_ROWS, count: list.total });
  }
  if (list.total > EXPORT_MAX_ROWS) throw new AppError('rule', 'exports.tooLong', { max: EXPORT_MAX_ROWS, count: list.total });
  // The PDF prints the Hijri date under each date; a spreadsheet has it in a column of its own.
  const read = format === 'pdf' ? list : withHijriDates(list, labels);
  const sink: TableSink = format === 'csv' ? csvSink() : xlsxSink({ rightToLeft: labels.language === 'ar' });
  const rows: CellValue[][] = [];
  let count = 0;
  try {
    if (format !== 'pdf') sink.startTable(read.title, read.columns);
    for (;;) {
      await progress.pause();
      const page = await read.nextPage(PAGE_ROWS);
      if (page.length === 0) break;
      if (format === 'pdf') rows.push(...page);
      else for (const cells of page) sink.addRow(cells);
      count += page.length;
      progress.advance(page.length);
    }
    if (format === 'pdf') {
      sink.discard();
      return { content: await listPdf(deps, list, rows, labels, context), count };
    }
    return { content: await sink.finish(), count };
  } catch (error) {
    sink.discard();
    throw error;
  }
}

/** Produces the file an export asks for. Used by the desk's jobs and by the command line alike. */
export async function produceExport(
  deps: ServiceDependencies,
  input: ValidInput<'exports.start'>,
  context: CallContext,
  progress: ExportProgress,
): Promise<ProducedFile> {
  const labels = labelsFor(input.language);
  if (input.subject.kind === 'report') return reportFile(deps, input.subject.period, input.format, labels, context, progress);
  const list = await openList(deps.db, input.subject, context, labels);
  return writeList(deps, list, input.format, labels, context, progress);
}

/**
 * What the audit log keeps of an export: what, in which form, filtered how, and how many records;
 * for the registry, also whether its ID numbers and its phone numbers went with it, each a value of
 * its own so that the audit screen shows it on the entry's line.
 */
export function exportAuditEvent(input: ValidInput<'exports.start'>, fileName: string, count: number) {
  if (input.subject.kind === 'beneficiaries') {
    const { kind, sensitiveColumns, ...criteria } = input.subject;
    return {
      action: 'records.exported' as const,
      summary: { subject: kind, format: input.format, ...criteria, withIdNumbers: sensitiveColumns.idNumbers, withPhoneNumbers: sensitiveColumns.phoneNumbers, count, fileName },
    };
  }
  const { kind, ...criteria } = input.subject;
  return {
    action: 'records.exported' as const,
    summary: { subject: kind, format: input.format, ...criteria, count, fileName },
  };
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: ServiceDependencies) {}

  start(input: ValidInput<'exports.start'>, context: CallContext): ExportJob {
    this.forgetOthers(context);
    const running = [...this.jobs.values()].filter((job) => job.view.state === 'running').length;
    if (running >= MAX_RUNNING) throw new AppError('rule', 'exports.busy', { max: MAX_RUNNING });
    const job: Job = {
      view: { id: newId(), state: 'running', done: 0, total: 0, fileName: exportFileName(input.subject, input.format, context.now), error: null },
      ownerId: context.actorId,
      input,
      cancelRequested: false,
      file: null,
    };
    this.jobs.set(job.view.id, job);
    void this.run(job, context);
    return { ...job.view };
  }

  status(id: string, context: CallContext): ExportJob {
    return { ...this.jobOf(id, context).view };
  }

  cancel(id: string, context: CallContext): ExportJob {
    const job = this.jobOf(id, context);
    if (job.view.state === 'running') job.cancelRequested = true;
    else if (job.view.state === 'done') this.finish(job, 'cancelled', null);
    return { ...job.view };
  }

  /**
   * The finished file, once: taking it is the moment records leave Wasl, and what the audit log
   * records. The job is let go of before anything is awaited, so two takes cannot both have it.
   */
  async take(id: string, context: CallContext): Promise<ExportFile> {
    const job = this.jobOf(id, context);
    if (job.view.state === 'running') throw new AppError('rule', 'exports.notFinished');
    if (job.view.state === 'failed' && job.view.error !== null) throw new AppError('rule', job.view.error.messageKey, job.view.error.details);
    if (job.view.state !== 'done' || job.file === null) throw new AppError('rule', 'exports.cancelled');
    const { content, count } = job.file;
    this.jobs.delete(id);
    const file = { fileName: job.view.fileName, mimeType: MIME_TYPES[job.input.format], base64: content.toString('base64'), count };
    await appendAudit(this.deps.db, context, exportAuditEvent(job.input, job.view.fileName, count));
    return file;
  }

  private async run(job: Job, context: CallContext): Promise<void> {
    const progress: ExportProgress = {
      total: (count) => {
        job.view.total = count;
      },
      advance: (rows) => {
        job.view.done += rows;
      },
      pause: async () => {
        await nextTurn();
        if (job.cancelRequested) throw new ExportCancelled();
      },
    };
    try {
      await progress.pause();
      const file = await produceExport(this.deps, job.input, context, progress);
      if (job.cancelRequested) throw new ExportCancelled();
      job.file = file;
      this.finish(job, 'done', null);
    } catch (error) {
      if (error instanceof ExportCancelled) return this.finish(job, 'cancelled', null);
      if (error instanceof AppError) return this.finish(job, 'failed', error.toApiError());
      // A fault, not a refusal: the user reads that it failed, the cause goes to the log.
      (this.deps.logError ?? ((cause: unknown, where: string) => console.error(`[wasl] ${where} failed:`, cause)))(error, `export ${job.input.subject.kind} ${job.input.format}`);
      this.finish(job, 'failed', { code: 'internal', messageKey: 'exports.failed' });
    }
  }

  /**
   * The end of a job: its file kept for the taking a while, then let go of, taken or not, so that a
   * file nobody came back for does not stay in memory. The process's own timer, not the desk's clock.
   */
  private finish(job: Job, state: ExportJob['state'], error: ApiError | null): void {
    job.view.state = state;
    job.view.error = error;
    if (state !== 'done') job.file = null;
    setTimeout(() => {
      if (this.jobs.get(job.view.id) === job) this.jobs.delete(job.view.id);
    }, KEEP_FINISHED_MS).unref();
  }

  /** A job is seen only by who started it: its file may hold records others may not read. */
  private jobOf(id: string, context: CallContext): Job {
    this.forgetOthers(context);
    const job = this.jobs.get(id);
    if (job === undefined || job.ownerId !== context.actorId) throw notFound('export');
    return job;
  }

  /**
   * One person works at a desk at a time: a call from someone else means whoever started the other
   * exports has signed out. Their running exports stop and their files are let go of.
   */
  private forgetOthers(context: CallContext): void {
    for (const [id, job] of this.jobs) {
      if (job.ownerId === context.actorId) continue;
      if (job.view.state === 'running') job.cancelRequested = true;
      else this.jobs.delete(id);
    }
  }
}
