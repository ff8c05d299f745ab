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
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ContactView } from '../../electron/api/contacts';
import type { OfferView } from '../../electron/api/satisfaction';
import type { Wasl } from '../../electron/core/open-wasl';
import { satisfactionSection } from '../../electron/services/reports/figures';
import { createRng } from '../../electron/tools/seed/names';
import { seedSatisfaction } from '../../electron/tools/seed/satisfaction';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import { benchOnCopy, expectOk, percentile, unlockAfterSeeding, yearsEndingMonthly, type BenchOutput } from './office-bench';

const SEED = 20_260_116;
const WARM_UP = 5;
const SAVES = 60;
/** Twelve-month periods, each ending a month earlier than the one before. */
const REPORT_YEARS = 5;

/**
 * Prints `seed_satisfaction` (when `seed` is asked for), `response_save_p95` and
 * `reports_satisfaction_year`. The desk is open and signed in as an administrator, whose `password`
 * unlocks it after the seeding's long silence.
 */
export async function benchSatisfaction(wasl: Wasl, options: { seed: boolean; password: string }, { line, comment }: BenchOutput): Promise<void> {
  const open = wasl.desk.openDatabase;
  const actorId = wasl.desk.state().user?.id;
  if (!open || !actorId) throw new Error('satisfaction is measured on an open, signed-in desk');
  if (options.seed) {
    const started = performance.now();
    const seeded = await seedSatisfaction(open.db, { seed: SEED, actorId, now: new Date() });
    line('seed_satisfaction', (performance.now() - started) / 1000, 's', 1);
    comment(`satisfaction: ${seeded.offers} questionnaires offered over the year, ${seeded.responses} answered (${seeded.comments} with a comment), ${seeded.declined} declined`);
  }
  await unlockAfterSeeding(wasl, options.password);
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
  for (const period of yearsEndingMonthly(REPORT_YEARS)) {
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

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchOnCopy(process.argv.slice(2), { name: 'satisfaction', seededTable: 'questionnaire_responses', run: benchSatisfaction }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
