/**
 * Programs and attendance, measured on the bench office: the demo seed's programs (a few of each kind
 * over the two years, people enrolled and attending), then, through the real dispatcher as the
 * screens call it, a trainer's roster of 40 marked and saved at once (`roster_save_p95`: the whole
 * class present but a few exceptions, one session after another) and a person's programs on their
 * file (`person_programs_p95`); and the report's programs section for a year (`reports_programs_year`).
 *
 * On a smaller office: `npx tsx tests/bench/programs.ts --db PATH --user U --password P` measures the
 * same on the database at PATH (made by `npm run seed:demo`, which seeds its programs), on a copy:
 * PATH is left as it was.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { EnrolmentDetail } from '../../electron/api/enrolments';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { ProgramDetail } from '../../electron/api/programs';
import type { Wasl } from '../../electron/core/open-wasl';
import { programsSection } from '../../electron/services/reports/figures';
import { createRng } from '../../electron/tools/seed/names';
import { seedPrograms } from '../../electron/tools/seed/programs';
import { benchOnCopy, expectOk, isoDay, percentile, unlockAfterSeeding, yearsEndingMonthly, type BenchOutput } from './office-bench';

const DAY_MS = 24 * 60 * 60 * 1000;
const SEED = 20_260_115;
/** The class a trainer takes: the roster of 40 the target is set for. */
const CLASS_SIZE = 40;
const WARM_UP = 5;
const ROSTER_SAVES = 40;
const PERSON_READS = 300;
/** Twelve-month periods, each ending a month earlier than the one before. */
const REPORT_YEARS = 5;

/**
 * Prints `seed_programs` (when `seed` is asked for: the demo seed's programs on the open desk),
 * `roster_save_p95`, `person_programs_p95` and `reports_programs_year`. The desk is open and signed in as an administrator,
 * whose `password` unlocks it after the seeding's long silence.
 */
export async function benchPrograms(wasl: Wasl, options: { seed: boolean; password: string }, { line, comment }: BenchOutput): Promise<void> {
  const open = wasl.desk.openDatabase;
  const actorId = wasl.desk.state().user?.id;
  if (!open || !actorId) throw new Error('programs are measured on an open, signed-in desk');
  if (options.seed) {
    const started = performance.now();
    const seeded = await seedPrograms(open.db, { seed: SEED, actorId, now: new Date() });
    line('seed_programs', (performance.now() - started) / 1000, 's', 1);
    comment(`programs: ${seeded.programs} programs, ${seeded.sessions} sessions, ${seeded.enrolments} enrolments, ${seeded.marks} attendance marks`);
  }
  await unlockAfterSeeding(wasl, options.password);
  const call = async <T>(name: string, input: unknown) => expectOk<T>(await wasl.dispatch(name, input), name);

  // ---- a trainer's roster of 40, marked and saved at once ---------------------------------------
  // A course of the last ten weeks with a session every day (holidays aside): a class of forty, accepted and active.
  const rng = createRng(SEED + 1);
  const today = todayInRiyadh();
  const startsOn = isoDay(Date.parse(`${today}T00:00:00Z`) - 10 * 7 * DAY_MS);
  let course = await call<ProgramDetail>('programs.save', {
    fields: {
      nameAr: 'دورة قياس الأداء', nameEn: 'Bench course', kind: 'training', description: 'دورة لقياس سرعة أخذ الحضور', conditions: null,
      categories: [], gender: null, ageMin: null, ageMax: null, hasInterview: false, capacity: CLASS_SIZE, minAttendancePercent: 80,
      maxUnexcusedAbsences: 3, followUpAfterAbsences: 3, offerDays: 3, startsOn, endsOn: today, place: 'قاعة التدريب',
    },
  });
  await call('programs.addSessions', { programId: course.id, schedule: { kind: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6], from: startsOn, to: today }, startsAt: '09:00', endsAt: '11:00' });
  course = await call<ProgramDetail>('programs.publishFee', { programId: course.id, amount: 0, covers: 'المواد' });
  course = await call<ProgramDetail>('programs.setStatus', { id: course.id, expectedVersion: course.rowVersion, status: 'open', reason: null });
  const eligible = open.sqlite.prepare(`SELECT id FROM beneficiaries WHERE eligibility = 'eligible' AND erased_at IS NULL ORDER BY seq LIMIT 20000`).pluck().all() as string[];
  const chosen = new Set<string>();
  while (chosen.size < CLASS_SIZE) chosen.add(rng.pick(eligible));
  const enrolments: string[] = [];
  for (const beneficiaryId of chosen) {
    const applied = await call<EnrolmentDetail>('enrolments.apply', { programId: course.id, beneficiaryId, overrideReason: null });
    await call('enrolments.accept', { id: applied.id, note: null });
    enrolments.push(applied.id);
  }
  course = await call<ProgramDetail>('programs.setStatus', { id: course.id, expectedVersion: course.rowVersion, status: 'running', reason: null });
  for (const id of enrolments) await call('enrolments.start', { id, note: null });
  const held = course.sessions.filter((session) => session.date <= today);
  if (held.length < WARM_UP + ROSTER_SAVES) throw new Error(`the bench course has ${held.length} sessions held, not ${WARM_UP + ROSTER_SAVES}`);
  // As a trainer takes it: everyone present with one key, then a few exceptions typed.
  const exceptionsOf = () =>
    enrolments
      .filter(() => rng.chance(0.12))
      .map((enrolmentId) => ({ enrolmentId, status: rng.pick(['late', 'excused', 'unexcused'] as const), note: rng.chance(0.5) ? 'ملاحظة المدرب' : null }));
  const saves: number[] = [];
  for (const [index, session] of held.slice(-(WARM_UP + ROSTER_SAVES)).entries()) {
    const input = { sessionId: session.id, exceptions: exceptionsOf() };
    const started = performance.now();
    await call('attendance.record', input);
    if (index >= WARM_UP) saves.push(performance.now() - started);
  }
  line('roster_save_p95', percentile(saves, 0.95), 'ms');
  comment(
    `method: attendance.record through the dispatcher, a roster of ${CLASS_SIZE} taken for the first time at each of ${ROSTER_SAVES} sessions ` +
      `(after ${WARM_UP} warm-up sessions), about one in eight an exception; p95 by nearest rank, median ${percentile(saves, 0.5).toFixed(1)} ms`,
  );

  // ---- a person's programs on their file --------------------------------------------------------
  const enrolled = open.sqlite.prepare('SELECT DISTINCT beneficiary_id FROM program_enrolments ORDER BY beneficiary_id').pluck().all() as string[];
  for (let warm = 0; warm < 20; warm += 1) await call('enrolments.ofPerson', { beneficiaryId: rng.pick(enrolled) });
  const reads: number[] = [];
  for (let index = 0; index < PERSON_READS; index += 1) {
    const beneficiaryId = rng.pick(enrolled);
    const started = performance.now();
    await call('enrolments.ofPerson', { beneficiaryId });
    reads.push(performance.now() - started);
  }
  line('person_programs_p95', percentile(reads, 0.95), 'ms');
  comment(
    `method: enrolments.ofPerson through the dispatcher for ${PERSON_READS} people with programs (of ${enrolled.length}), after 20 warm-up reads; ` +
      `p95 by nearest rank, median ${percentile(reads, 0.5).toFixed(2)} ms`,
  );

  // ---- the report's programs section for a year ---------------------------------------------------
  // As the report reads it: the year and the one before it, every program's figures and the fairness figures.
  const years: number[] = [];
  for (const period of yearsEndingMonthly(REPORT_YEARS)) {
    const started = performance.now();
    await programsSection(open.db, period, new Date());
    years.push(performance.now() - started);
  }
  line('reports_programs_year', percentile(years, 0.95), 'ms');
  comment(
    `method: the report's programs section (programsSection, as reports.figures reads it) for ${REPORT_YEARS} periods of twelve whole months ` +
      `ending with this month and the four before, each with the year before it; p95 by nearest rank (of ${REPORT_YEARS}: the slowest)`,
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchOnCopy(process.argv.slice(2), { name: 'programs', seededTable: 'programs', run: benchPrograms }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
