// The long jobs' threads: the database made ready there before the desk opens it (its check and
// its migrations, a re-index among them), and an export written there, telling how far it has
// come and stopping when cancelled, while the desk's own connection goes on.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { latestSchemaVersion, migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations/index';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { startExportInput } from '../../electron/api/exports';
import { AppError } from '../../electron/services/errors';
import { newId } from '../../electron/services/ids';
import { JobCancelled, type JobProgress } from '../../electron/services/jobs/control';
import { databaseJobs, type DatabaseJobs } from '../../electron/services/jobs/database-jobs';
import { expectOk, openTestWasl, tempDir, validFields } from '../support/database';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function jobsOn(databasePath: string, key: Buffer): DatabaseJobs {
  const jobs = databaseJobs({ databasePath, key });
  cleanups.push(() => jobs.close());
  return jobs;
}

/** A new database file, migrated up to (not including) the last `behind` migrations, closed. */
function databaseBehind(behind: number): { path: string; key: Buffer } {
  const dir = tempDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'wasl.db');
  const key = randomBytes(32);
  const opened = openDatabase(path, { key });
  migrate(opened.sqlite, migrations.slice(0, migrations.length - behind));
  opened.sqlite.close();
  return { path, key };
}

async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the database made ready in the upkeep thread', () => {
  it('applies there the migrations a file has not had yet, and nothing the second time', async () => {
    const { path, key } = databaseBehind(2);
    const jobs = jobsOn(path, key);

    const report = await jobs.run('database.prepare', { fullCheck: true });

    expect(report.applied).toEqual(migrations.slice(-2).map((migration) => `${migration.version}-${migration.name}`));
    expect(report.to).toBe(latestSchemaVersion());
    expect((await jobs.run('database.prepare', { fullCheck: true })).applied).toEqual([]);
  });

  it('refuses a file written by a newer Wasl as such, and leaves it as it was', async () => {
    const { path, key } = databaseBehind(0);
    const opened = openDatabase(path, { key });
    opened.sqlite.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'later', '2030-01-01T00:00:00.000Z')`).run(latestSchemaVersion() + 1);
    opened.sqlite.close();

    const refusal = await refusalOf(jobsOn(path, key).run('database.prepare', { fullCheck: true }));

    expect(refusal.toApiError()).toEqual({ code: 'database_unavailable', messageKey: 'database.newer_version' });
  });

  it('refuses a damaged file and a file under another key, each in the words the desk uses', async () => {
    const damaged = databaseBehind(0);
    const file = openSync(damaged.path, 'r+');
    writeSync(file, randomBytes(4096), 0, 4096, 8192);
    closeSync(file);
    expect((await refusalOf(jobsOn(damaged.path, damaged.key).run('database.prepare', { fullCheck: true }))).toApiError()).toEqual({
      code: 'database_unavailable',
      messageKey: 'database.corrupt',
    });

    const other = databaseBehind(0);
    expect((await refusalOf(jobsOn(other.path, randomBytes(32)).run('database.prepare', { fullCheck: true }))).toApiError()).toEqual({
      code: 'database_unavailable',
      messageKey: 'database.wrong_key',
    });
  });
});

describe('an export written in the reading thread', () => {
  /** An open desk holding one person with `contacts` contacts logged on one day in 2021. */
  async function deskWithContacts(contacts: number) {
    const app = await openTestWasl();
    cleanups.push(() => app.cleanup());
    const person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    const stamp = '2021-03-01T09:00:00.000Z';
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      const insert = opened.sqlite.prepare(
        `INSERT INTO contacts (id, beneficiary_id, channel, direction, purpose, summary, occurred_at, officer_id, created_at, updated_at, created_by, updated_by)
         VALUES (?, ?, 'phone', 'incoming', 'follow_up', 'اتصال متابعة', ?, ?, ?, ?, ?, ?)`,
      );
      opened.sqlite.transaction(() => {
        for (let index = 0; index < contacts; index += 1) insert.run(newId(), person.id, stamp, app.adminId, stamp, stamp, app.adminId, app.adminId);
      })();
    } finally {
      opened.sqlite.close();
    }
    const request = startExportInput.parse({ subject: { kind: 'contacts', period: { from: '2021-03-01', to: '2021-03-01' } }, format: 'csv', language: 'en' });
    return { app, request, context: { actorId: app.adminId, now: new Date() } };
  }

  it('answers the file, having told how far it came page by page', async () => {
    const { app, request, context } = await deskWithContacts(4500);
    const told: JobProgress[] = [];

    const file = await jobsOn(app.databasePath, app.key).run(
      'exports.table',
      { request, associationName: null, context },
      { onProgress: (progress) => told.push(progress) },
    );

    expect(file.count).toBe(4500);
    const text = Buffer.from(file.content).toString('utf8');
    expect(text.split('\n').filter((line) => line.includes('اتصال متابعة'))).toHaveLength(4500);
    expect(told.at(0)).toEqual({ done: 0, total: 4500 });
    expect(told.map((progress) => progress.done)).toEqual([0, 2000, 4000, 4500]);
  });

  it('stops at its next page once cancelled, and answers that it was', async () => {
    const { app, request, context } = await deskWithContacts(20_000);
    const cancel = new AbortController();
    const told: JobProgress[] = [];

    const outcome = await jobsOn(app.databasePath, app.key)
      .run(
        'exports.table',
        { request, associationName: null, context },
        {
          signal: cancel.signal,
          onProgress: (progress) => {
            told.push(progress);
            if (progress.done > 0) cancel.abort();
          },
        },
      )
      .then(
        () => 'finished',
        (error: unknown) => error,
      );

    expect(outcome).toBeInstanceOf(JobCancelled);
    expect(told.at(-1)!.done).toBeLessThan(20_000);
  });
});
