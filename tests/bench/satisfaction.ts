/**
 * Satisfaction, measured on the bench office: a year of questionnaires offered on the cases that came
 * to their point and answered (the demo seed's), then, through the real dispatcher as the screens call
 * it, a response read out by phone and saved (`response_save_p95`), and the report's satisfaction
 * section for a year (`reports_satisfaction_year`).
 *
 * On a smaller office: `npx tsx tests/bench/satisfaction.ts --db PATH --user U --password P` measures
 * the same on the database at PATH (made by `npm run seed:demo`, which seeds its responses), on a
 * copy: PATH is left as it was.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ContactView } from '../../electron/api/contacts';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { Result } from '../../electron/api/result';
import type { OfferView } from '../../electron/api/satisfaction';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import { keyringPathFor } from '../../electron/core/paths';
import { satisfactionSection } from '../../electron/services/reports/figures';
import { createRng } from '../../electron/tools/seed/names';
import { seedSatisfaction } from '../../electron/tools/seed/satisfaction';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';

const DAY_MS = 24 * 60 * 60 * 1000;
const SEED = 20_260_116;
const WARM_UP = 5;
const SAVES = 60;
/** Twelve-month periods, each ending a month earlier than the one before. */
const REPORT_YEARS = 5;

interface Output {
  line: (name: string, value: number, unit: string, digits?: number) => void;
  comment: (text: string) => void;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

function expectOk<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Prints `seed_satisfaction` (when `seed` is asked for), `response_save_p95` and
 * `reports_satisfaction_year`. The desk is open and signed in as an administrator, whose `password`
 * unlocks it after the seeding's long silence.
 */
export async function benchSatisfaction(wasl: Wasl, options: { seed: boolean; password: string }, { line, comment }: Output): Promise<void> {
  const open = wasl.desk.openDatabase;
  const actorId = wasl.desk.state().user?.id;
  if (!open || !actorId) throw new Error('satisfaction is measured on an open, signed-in desk');
  if (options.seed) {
    const started = performance.now();
    const seeded = await seedSatisfaction(open.db, { seed: SEED, actorId, now: new Date() });
    line('seed_satisfaction', (performance.now() - started) / 1000, 's', 1);
    comment(`satisfaction: ${seeded.offers} questionnaires offered over the year, ${seeded.responses} answered (${seeded.comments} with a comment), ${seeded.declined} declined`);
  }
  const probe = await wasl.dispatch('app.info', {});
  if (!probe.ok && probe.error.code === 'locked') expectOk(await wasl.dispatch('session.unlock', { password: options.password }), 'unlock');
  const call = async <T>(name: string, input: unknown) => expectOk<T>(await wasl.dispatch(name, input), name);
  const held = open.sqlite.prepare('SELECT count(*) FROM questionnaire_responses').pluck().get() as number;

  // ---- a response read out by phone and saved ---------------------------------------------------
  // Interviews held at the desk, each offered the questionnaire (not timed), then the answers saved as the phone screen does.
  const rng = createRng(SEED + 1);
  const offers: string[] = [];
  for (let index = 0; index < WARM_UP + SAVES; index += 1) {
    const contact = await call<ContactView>('contacts.log', { channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary: 'مقابلة لقياس الأداء', personName: 'زائر' });
    offers.push((await call<OfferView>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'phone', contactId: contact.id })).id);
  }
  const saves: number[] = [];
  for (const [index, offerId] of offers.entries()) {
    const overall = rng.int(1, 5);
    const answers = { access: rng.int(1, 5), speed: rng.int(1, 5), clarity: rng.int(1, 5), respect: rng.int(1, 5), overall, recommend: rng.int(0, 10), ...(rng.chance(0.2) ? { comment: 'شكرًا لكم' } : {}) };
    const started = performance.now();
    await call('satisfaction.recordByPhone', { offerId, answers, named: false });
    if (index >= WARM_UP) saves.push(performance.now() - started);
  }
  line('response_save_p95', percentile(saves, 0.95), 'ms');
  comment(
    `method: satisfaction.recordByPhone through the dispatcher, the shipped questionnaire's seven answers checked and kept, ${SAVES} responses ` +
      `(after ${WARM_UP} warm-up) on a desk holding ${held}; p95 by nearest rank, median ${percentile(saves, 0.5).toFixed(2)} ms`,
  );

  // ---- the report's satisfaction section for a year -------------------------------------------------
  const years: number[] = [];
  const lastMonth = new Date(`${todayInRiyadh()}T00:00:00Z`);
  for (let index = 0; index < REPORT_YEARS; index += 1) {
    const [year, month] = [lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() - index];
    const period = { from: isoDay(Date.UTC(year, month - 11, 1)), to: isoDay(Date.UTC(year, month + 1, 1) - DAY_MS) };
    const started = performance.now();
    await satisfactionSection(open.db, period, new Date());
    years.push(performance.now() - started);
  }
  line('reports_satisfaction_year', percentile(years, 0.95), 'ms');
  comment(
    `method: the report's satisfaction section (satisfactionSection, as reports.figures reads it) for ${REPORT_YEARS} periods of twelve whole months ` +
      `ending with this month and the four before, each with the year before it, over ${held} responses; p95 by nearest rank (of ${REPORT_YEARS}: the slowest)`,
  );
}

/** The same on a smaller office made by `npm run seed:demo` (its responses seeded with it), on a copy of its database. */
async function benchSmallerOffice(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' } } });
  if (!values.db || !values.user || !values.password) throw new Error('usage: npx tsx tests/bench/satisfaction.ts --db PATH --user U --password P');
  const folder = mkdtempSync(join(tmpdir(), 'wasl-bench-satisfaction-'));
  const databasePath = join(folder, 'wasl.db');
  cpSync(values.db, databasePath);
  cpSync(keyringPathFor(values.db), keyringPathFor(databasePath));
  const desk = openWasl({ databasePath, appVersion: 'bench' });
  try {
    expectOk(await desk.dispatch('session.signIn', { username: values.user, password: values.password }), 'sign in');
    const count = (table: 'beneficiaries' | 'questionnaire_responses') => desk.desk.openDatabase!.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const responses = count('questionnaire_responses');
    console.log(`# satisfaction bench on a copy of ${values.db}: ${count('beneficiaries')} beneficiaries, ${responses} responses`);
    const line = (name: string, value: number, unit: string, digits = 2) => console.log(`${name} ${value.toFixed(digits)} ${unit}`);
    // A database seeded before the seed made responses gets them here.
    await benchSatisfaction(desk, { seed: responses === 0, password: values.password }, { line, comment: (text) => console.log(`# ${text}`) });
  } finally {
    await desk.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchSmallerOffice(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
