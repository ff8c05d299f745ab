/**
 * What the area benches measured on the bench office (programs, satisfaction) share: how they print,
 * their percentiles, their calls, the desk unlocked after a long seeding, the years of the report they
 * time, and the way each runs by itself on a copy of a smaller office's database.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { Result } from '../../electron/api/result';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import { keyringPathFor } from '../../electron/core/paths';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface BenchOutput {
  line: (name: string, value: number, unit: string, digits?: number) => void;
  comment: (text: string) => void;
}

/** The p-th percentile by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

export function expectOk<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** The calendar day (yyyy-mm-dd) of a UTC midnight. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Minutes of seeding without a call lock the desk, as they would an officer's: it is unlocked as they would. */
export async function unlockAfterSeeding(wasl: Wasl, password: string): Promise<void> {
  const probe = await wasl.dispatch('app.info', {});
  if (!probe.ok && probe.error.code === 'locked') expectOk(await wasl.dispatch('session.unlock', { password }), 'unlock');
}

/** Periods of twelve whole months, the first ending with this month (Riyadh), each a month before the last. */
export function yearsEndingMonthly(count: number): Array<{ from: string; to: string }> {
  const thisMonth = new Date(`${todayInRiyadh()}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => {
    const [year, month] = [thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - index];
    return { from: isoDay(Date.UTC(year, month - 11, 1)), to: isoDay(Date.UTC(year, month + 1, 1) - DAY_MS) };
  });
}

/**
 * An area's bench on a smaller office made by `npm run seed:demo`, on a copy of its database (the
 * database given is left as it was): `--db PATH --user U --password P`. The bench seeds the area
 * itself when the database holds none of `seededTable` (seeded before the seed made them).
 */
export async function benchOnCopy(
  argv: readonly string[],
  area: { name: string; seededTable: 'programs' | 'questionnaire_responses'; run: (wasl: Wasl, options: { seed: boolean; password: string }, output: BenchOutput) => Promise<void> },
): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' } } });
  if (!values.db || !values.user || !values.password) throw new Error(`usage: npx tsx tests/bench/${area.name}.ts --db PATH --user U --password P`);
  const folder = mkdtempSync(join(tmpdir(), `wasl-bench-${area.name}-`));
  const databasePath = join(folder, 'wasl.db');
  cpSync(values.db, databasePath);
  cpSync(keyringPathFor(values.db), keyringPathFor(databasePath));
  const desk = openWasl({ databasePath, appVersion: 'bench' });
  try {
    expectOk(await desk.dispatch('session.signIn', { username: values.user, password: values.password }), 'sign in');
    const count = (table: 'beneficiaries' | typeof area.seededTable) => desk.desk.openDatabase!.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const seeded = count(area.seededTable);
    console.log(`# ${area.name} bench on a copy of ${values.db}: ${count('beneficiaries')} beneficiaries, ${seeded} ${area.seededTable}`);
    const line = (name: string, value: number, unit: string, digits = 2) => console.log(`${name} ${value.toFixed(digits)} ${unit}`);
    await area.run(desk, { seed: seeded === 0, password: values.password }, { line, comment: (text) => console.log(`# ${text}`) });
  } finally {
    await desk.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
