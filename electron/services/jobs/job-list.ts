import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import type { ReportPeriodInput } from '../../api/reports';
import { checkDatabaseCopy, copyDatabaseTo } from '../backups/verify';
import type { CallContext } from '../context';
import { reportFigures } from '../reports/figures';
import { reportTrendCharts } from '../reports/trend';

type Db = Kysely<DatabaseSchema>;

/**
 * The long jobs that run on a connection of their own, in a thread beside the desk's (see
 * database-jobs.ts). Each reads the database and answers plain values; writing (the audit entry, the
 * status) stays with the call that asked, on the desk's connection. A job's input and answer cross
 * between threads by structured clone.
 */
export const DATABASE_JOBS = {
  /** A consistent copy of the database, encrypted as it is (a backup's first step, seconds at 100,000 people). */
  'backups.copy': (db: Db, input: { target: string }) => copyDatabaseTo(db, input.target),
  /** Every page and index of a copy checked, and what it holds (a backup's or a restore's check). */
  'backups.check': (db: Db, input: { path: string }) => checkDatabaseCopy(db, input.path),
  /** The report's figures for a long period (a year's take about a second at the bench's size). */
  'reports.figures': (db: Db, input: { period: ReportPeriodInput; context: CallContext }) => reportFigures(db, input.period, input.context),
  /** The dashboard's charts over a long period: a count of overdue work at the end of every week or month. */
  'reports.trend': (db: Db, input: { period: ReportPeriodInput; context: CallContext }) => reportTrendCharts(db, input.period, input.context),
} as const;

export type DatabaseJobName = keyof typeof DATABASE_JOBS;
export type DatabaseJobInput<Name extends DatabaseJobName> = Parameters<(typeof DATABASE_JOBS)[Name]>[1];
export type DatabaseJobOutput<Name extends DatabaseJobName> = Awaited<ReturnType<(typeof DATABASE_JOBS)[Name]>>;
