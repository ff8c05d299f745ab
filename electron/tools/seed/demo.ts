import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseOpenError } from '../../../db/connection';
import type { Result } from '../../api/result';
import type { SetupResult } from '../../api/session';
import { openWasl } from '../../core/open-wasl';
import { keyringPathFor } from '../../core/paths';
import { KeyringError } from '../../services/accounts/keyring';
import { listDistricts } from '../../services/app/service';
import { seedBeneficiaries } from './generate';
import { seedPrograms } from './programs';
import { seedSatisfaction } from './satisfaction';

/**
 * `npm run seed:demo -- --db PATH --beneficiaries N [--seed S] [--username U --password P]`
 *
 * Fills the encrypted database at PATH with N synthetic beneficiaries, about 60% of them with an
 * eligibility decision, then with programs of every kind over the two years up to today (a few of
 * each kind, more for a larger N), the eligible applying, enrolled and attending, and a year of
 * satisfaction questionnaires offered on the cases that came to their point, two in three answered.
 * A new PATH is set up as the setup screen would, with the administrator U (default `admin`) and the password P (default below, for demonstrations only); the recovery key is
 * printed. An existing one is opened by signing in as U with P. The app then opens the result as it
 * is: `npm run start:web -- --db PATH`.
 */

const USAGE = 'usage: npm run seed:demo -- --db PATH --beneficiaries N [--seed S] [--username U --password P]';
const DEMO_PASSWORD = 'wasl-demo-passphrase';
const MAX_BENEFICIARIES = 2_000_000;

class UsageError extends Error {}

interface Arguments {
  databasePath: string;
  count: number;
  seed: number;
  username: string;
  password: string;
}

function parseArguments(argv: readonly string[]): Arguments {
  let values: { db?: string; beneficiaries?: string; seed?: string; username?: string; password?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        db: { type: 'string' },
        beneficiaries: { type: 'string' },
        seed: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!values.db) throw new UsageError('--db PATH is required: the database file to create or fill');
  if (values.beneficiaries === undefined) throw new UsageError('--beneficiaries N is required');
  const count = wholeNumber(values.beneficiaries);
  if (count === null || count < 1 || count > MAX_BENEFICIARIES) {
    throw new UsageError(`--beneficiaries must be a whole number from 1 to ${MAX_BENEFICIARIES}, not "${values.beneficiaries}"`);
  }
  const seed = values.seed === undefined ? 1 : wholeNumber(values.seed);
  if (seed === null || seed > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to ${0xffffffff}, not "${values.seed}"`);
  return { databasePath: resolve(values.db), count, seed, username: values.username ?? 'admin', password: values.password ?? DEMO_PASSWORD };
}

function wholeNumber(text: string): number | null {
  const digits = text.replace(/[_,]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

async function main(): Promise<void> {
  const { databasePath, count, seed, username, password } = parseArguments(process.argv.slice(2));
  mkdirSync(dirname(databasePath), { recursive: true });
  const created = !existsSync(keyringPathFor(databasePath));
  const wasl = openWasl({ databasePath, appVersion: 'seed' });
  try {
    const session: Result<unknown> = created
      ? await wasl.dispatch('session.setup', {
          associationName: 'جمعية العناية بالسجناء بالأحساء',
          username,
          displayName: 'مدير النظام',
          password,
        })
      : await wasl.dispatch('session.signIn', { username, password });
    if (!session.ok) throw new UsageError(`cannot ${created ? 'set up' : 'sign in to'} ${databasePath}: ${session.error.messageKey}`);
    if (created) {
      console.log(`Set up a new Wasl: administrator "${username}", password "${password}"`);
      console.log(`Recovery key (keep it safe): ${(session.value as SetupResult).recoveryKey}`);
    }
    const opened = wasl.desk.openDatabase;
    if (!opened) throw new Error('the database did not open after signing in');
    const districts = await listDistricts(opened.db);
    const before = opened.sqlite.prepare('SELECT count(*) AS n FROM beneficiaries').get() as { n: number };
    const taken = opened.sqlite.prepare('SELECT id_number FROM beneficiaries').pluck().all() as string[];
    console.log(
      `${created ? 'Filling' : 'Adding to'} ${databasePath}` +
        `${before.n > 0 ? `, which already holds ${before.n} beneficiaries` : ''}: ${count} beneficiaries, seed ${seed}`,
    );

    const started = performance.now();
    let lastReport = 0;
    const report = await seedBeneficiaries(opened.sqlite, {
      count,
      seed,
      districtIds: districts.map((district) => district.id),
      takenIdNumbers: taken,
      onProgress: (done, total) => {
        const now = performance.now();
        if (done < total && now - lastReport < 1500) return;
        lastReport = now;
        const seconds = (now - started) / 1000;
        console.log(`  ${done}/${total} (${Math.round((100 * done) / total)}%) in ${seconds.toFixed(1)} s, ${Math.round(done / seconds)}/s`);
      },
    });
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const elapsed = (performance.now() - started) / 1000;
    console.log(
      `Seeded ${report.beneficiaries} beneficiaries (${report.decisions} eligibility decisions) in ${elapsed.toFixed(1)} s`,
    );

    const programsStarted = performance.now();
    const actorId = opened.sqlite.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;
    const programs = await seedPrograms(opened.db, { seed, actorId, now: new Date() });
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    console.log(
      `Seeded ${programs.programs} programs (${programs.sessions} sessions), ${programs.enrolments} enrolments and ` +
        `${programs.marks} attendance marks in ${((performance.now() - programsStarted) / 1000).toFixed(1)} s`,
    );

    const satisfactionStarted = performance.now();
    const satisfaction = await seedSatisfaction(opened.db, { seed, actorId, now: new Date() });
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    console.log(
      `Seeded ${satisfaction.offers} satisfaction questionnaires offered over the year, ${satisfaction.responses} answered ` +
        `(${satisfaction.comments} with a comment), ${satisfaction.declined} declined, in ${((performance.now() - satisfactionStarted) / 1000).toFixed(1)} s`,
    );
  } finally {
    await wasl.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`seed:demo: ${error.message}\n${USAGE}`);
  } else if (error instanceof DatabaseOpenError || error instanceof KeyringError) {
    console.error(`seed:demo: ${error.message}`);
  } else {
    console.error('seed:demo: failed:', error);
  }
  process.exit(1);
});
