import type { ValidInput } from '../../api/contract';
import type { ReportPeriodInput } from '../../api/reports';
import type { OpenedDatabase } from '../../../db/connection';
import { checkDatabaseCopy, copyDatabaseTo } from '../backups/verify';
import type { CallContext } from '../context';
import { produceTableExport } from '../exports/produce';
import { reportFigures } from '../reports/figures';
import { documentCounts } from '../reports/pdf';
import { reportTrendCharts } from '../reports/trend';
import { prepareDatabase } from '../session/prepare';
import type { JobControl } from './control';

/**
 * The long jobs that run on a connection of their own, in a thread beside the desk's (see
 * database-jobs.ts; each job's thread is named in lanes.ts). Each reads the database (or, at
 * opening, checks and migrates it) and answers plain values; the audit entry and the status of what
 * they do stay with the call that asked, on the desk's connection. A job's input and answer cross
 * between threads by structured clone.
 */
export const DATABASE_JOBS = {
  /**
   * The database checked page by page (when it is small enough to do so at every opening) and
   * migrated to this build's schema, re-indexing the names when the folding rules changed: before
   * the desk's own connection opens it.
   */
  'database.prepare': (opened: OpenedDatabase, input: { fullCheck: boolean }) => prepareDatabase(opened.sqlite, input),
  /** A consistent copy of the database, encrypted as it is (a backup's first step, seconds at 100,000 people). */
  'backups.copy': (opened: OpenedDatabase, input: { target: string }) => copyDatabaseTo(opened.db, input.target),
  /** Every page and index of a copy checked, and what it holds (a backup's or a restore's check). */
  'backups.check': (opened: OpenedDatabase, input: { path: string }) => checkDatabaseCopy(opened.db, input.path),
  /** The report's figures for a long period (a year's take about a second at the bench's size). */
  'reports.figures': (opened: OpenedDatabase, input: { period: ReportPeriodInput; context: CallContext }) =>
    reportFigures(opened.db, input.period, input.context),
  /** The dashboard's charts over a long period: a count of overdue work at the end of every week or month. */
  'reports.trend': (opened: OpenedDatabase, input: { period: ReportPeriodInput; context: CallContext }) =>
    reportTrendCharts(opened.db, input.period, input.context),
  /** What the printed report counts over a long period: its figures and its trend. */
  'reports.document': (opened: OpenedDatabase, input: { period: ReportPeriodInput; context: CallContext }) =>
    documentCounts(opened.db, input.period, input.context),
  /** A list or the report as a workbook or CSV: up to a million rows, told as they go, stopped when cancelled. */
  'exports.table': (
    opened: OpenedDatabase,
    input: { request: ValidInput<'exports.start'>; associationName: string | null; context: CallContext },
    control: JobControl,
  ) => produceTableExport({ db: opened.db, associationName: input.associationName }, input.request, input.context, control),
} as const;

export type DatabaseJobName = keyof typeof DATABASE_JOBS;
export type DatabaseJobInput<Name extends DatabaseJobName> = Parameters<(typeof DATABASE_JOBS)[Name]>[1];
export type DatabaseJobOutput<Name extends DatabaseJobName> = Awaited<ReturnType<(typeof DATABASE_JOBS)[Name]>>;
