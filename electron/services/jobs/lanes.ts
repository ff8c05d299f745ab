import type { DatabaseJobName } from './job-list';

export type { DatabaseJobInput, DatabaseJobName, DatabaseJobOutput } from './job-list';

/**
 * The thread each job runs on; the jobs of one lane run one after another. Upkeep (the opening's
 * check and migrations, a backup's copy and check, a restore's check) holds its thread for minutes at
 * a time with statements SQLite runs whole (`VACUUM INTO`, `integrity_check`); reading for a person
 * (a long period's report, an export) has a thread of its own, so that it never waits for a backup.
 * Kept apart from the jobs themselves so that the desk's side does not load their code to start them.
 */
export const DATABASE_JOB_LANES = {
  'database.prepare': 'upkeep',
  'backups.copy': 'upkeep',
  'backups.check': 'upkeep',
  'reports.figures': 'reading',
  'reports.trend': 'reading',
  'reports.document': 'reading',
  'exports.table': 'reading',
} as const satisfies Record<DatabaseJobName, string>;

export type JobLane = (typeof DATABASE_JOB_LANES)[DatabaseJobName];
