import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { ExportFile, ExportFormat, ExportJob, ExportSubject } from '../../api/exports';
import type { ValidInput } from '../../api/contract';
import type { ApiError } from '../../api/result';
import { appendAudit } from '../audit/log';
import type { CallContext, ServiceDependencies } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { JobCancelled, nextTurn, type JobControl } from '../jobs/control';
import { associationNameIn } from '../reports/pdf';
import { producePdfExport, type ProducedFile } from './produce';

/**
 * Exports run as jobs beside the desk's other calls. A workbook or CSV is written in the jobs'
 * reading thread, on a connection of its own (services/jobs/), which tells how far it has come and
 * stops at its next page when cancelled; a PDF, a few thousand rows at most, reads its rows here a
 * page at a time, letting the desk's other calls run between pages, and is printed by the host. The
 * file is built in memory and handed over once, whole: nothing is written to disk until the user
 * saves it, so a cancelled or failed export leaves no half-written file, and no copy of personal
 * data is left in a temporary folder.
 */

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
  /** Aborted when the user cancels: the thread stops at its next page, a PDF here at its next. */
  cancel: AbortController;
  file: ProducedFile | null;
}

/** The file's name: what it is and when, never a person's name (file names end up in recent-file lists). */
export function exportFileName(subject: ExportSubject, format: ExportFormat, now: Date): string {
  const what = subject.kind === 'report' ? `report-${subject.period.from}-${subject.period.to}` : `${subject.kind}-${todayInRiyadh(now)}`;
  return `wasl-${what}.${format}`;
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
      cancel: new AbortController(),
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
    if (job.view.state === 'running') job.cancel.abort();
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
    const { signal } = job.cancel;
    try {
      await nextTurn();
      const file = job.input.format === 'pdf' ? await producePdfExport(this.deps, job.input, context, controlOf(job)) : await this.inThread(job, context);
      if (signal.aborted) throw new JobCancelled();
      job.file = file;
      this.finish(job, 'done', null);
    } catch (error) {
      if (error instanceof JobCancelled) return this.finish(job, 'cancelled', null);
      if (error instanceof AppError) return this.finish(job, 'failed', error.toApiError());
      // A fault, not a refusal: the user reads that it failed, the cause goes to the log.
      (this.deps.logError ?? ((cause: unknown, where: string) => console.error(`[wasl] ${where} failed:`, cause)))(error, `export ${job.input.subject.kind} ${job.input.format}`);
      this.finish(job, 'failed', { code: 'internal', messageKey: 'exports.failed' });
    }
  }

  /** A workbook or CSV, written in the jobs' reading thread; its file crosses back as bytes. */
  private async inThread(job: Job, context: CallContext): Promise<ProducedFile> {
    const { content, count } = await this.deps.jobs.run(
      'exports.table',
      { request: job.input, associationName: associationNameIn(this.deps.keys.path), context },
      {
        signal: job.cancel.signal,
        onProgress: (progress) => {
          job.view.total = progress.total;
          job.view.done = progress.done;
        },
      },
    );
    // A Buffer crosses threads as the bytes of a Uint8Array: the same memory, seen as a Buffer again.
    return { content: Buffer.from(content.buffer, content.byteOffset, content.byteLength), count };
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
   * exports has signed out. Their running exports stop, and every one of theirs is let go of,
   * running or finished: none is there for them when they come back.
   */
  private forgetOthers(context: CallContext): void {
    for (const [id, job] of this.jobs) {
      if (job.ownerId === context.actorId) continue;
      if (job.view.state === 'running') job.cancel.abort();
      this.jobs.delete(id);
    }
  }
}

/** How a PDF export written here tells its progress and hears a cancel. */
function controlOf(job: Job): JobControl {
  return {
    total: (count) => {
      job.view.total = count;
    },
    advance: (count) => {
      job.view.done += count;
    },
    pause: async () => {
      await nextTurn();
      if (job.cancel.signal.aborted) throw new JobCancelled();
    },
  };
}
