import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import type { AttendanceStatus } from '../../api/attendance';
import { contract, type ServiceCallName, type ValidInput } from '../../api/contract';
import { enrolmentWorkflow, type EnrolmentDetail } from '../../api/enrolments';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { ProgramDetail, ProgramKind, Weekday } from '../../api/programs';
import { attendanceOf } from '../../services/attendance/rate';
import { recordSession } from '../../services/attendance/service';
import type { CallContext } from '../../services/context';
import {
  acceptEnrolment,
  applyToProgram,
  completeEnrolment,
  enrolmentStore,
  recordInterview,
  scheduleInterview,
  startEnrolment,
  waitlistEnrolment,
  withdrawEnrolment,
} from '../../services/enrolments/service';
import { addSessions, publishFee, saveProgram, setProgramStatus } from '../../services/programs/service';
import { workflowMoves } from '../../services/workflow/moves';
import { createRng, type Rng } from './names';

/**
 * Programs for demos and benchmarks: a few of each kind, spread over the two years up to today and a
 * little after, each with its fee published before registration opened, some with interviews. People
 * found eligible apply, are interviewed, accepted or waitlisted once the places are taken, start,
 * and attend the program's sessions (present, late, excused or not), which are taken session by
 * session; programs over are completed, those to come are open for registration. Everything goes
 * through the services, each call at the moment it happened, so that every stage, event and audit
 * entry is what the desk would have written; drawn from a seeded PRNG, the same people and seed
 * always give the same programs.
 */

export interface ProgramSeedOptions {
  seed: number;
  /** Who does it all: an account that may manage programs and supervise enrolments (the administrator). */
  actorId: string;
  /** Today: programs run over the two years before it. */
  now: Date;
  /** Programs of each kind; by default one per thousand people found eligible, from three to forty. */
  perKind?: number;
}

export interface ProgramSeedReport {
  programs: number;
  sessions: number;
  enrolments: number;
  marks: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SPAN_DAYS = 2 * 365;
/** A program is set up and its fee published this long before it starts; registration runs until it starts. */
const LEAD_DAYS = 21;

const NAMES: Record<ProgramKind, ReadonlyArray<readonly [string, string]>> = {
  training: [
    ['دورة الحاسب الآلي', 'Computer skills'],
    ['دورة النجارة', 'Carpentry'],
    ['دورة صيانة الجوالات', 'Mobile phone repair'],
    ['دورة الخياطة والتفصيل', 'Tailoring'],
    ['دورة قيادة المركبات الثقيلة', 'Heavy vehicle driving'],
  ],
  rehabilitation: [
    ['برنامج العودة إلى المجتمع', 'Return to the community'],
    ['برنامج الإرشاد النفسي', 'Psychological counselling'],
    ['برنامج التهيئة لسوق العمل', 'Ready for work'],
  ],
  family_support: [
    ['برنامج دعم أسر السجناء', 'Support for prisoners’ families'],
    ['لقاءات الأمهات', 'Mothers’ circle'],
    ['برنامج رعاية الأبناء', 'Caring for the children'],
  ],
  awareness: [
    ['محاضرات التوعية الأسرية', 'Family awareness talks'],
    ['ورشة إدارة الميزانية المنزلية', 'Managing the household budget'],
    ['حملة التوعية بالحقوق', 'Knowing your rights'],
  ],
  other: [
    ['رحلة ترفيهية للأسر', 'Family outing'],
    ['مسابقة حفظ القرآن الكريم', 'Quran memorization contest'],
  ],
};
const KINDS = Object.keys(NAMES) as ProgramKind[];
/** Kinds whose programs interview their applicants, more often than not. */
const INTERVIEWING: ReadonlySet<ProgramKind> = new Set(['rehabilitation', 'family_support']);
const FEES_HALALAS = [0, 0, 5_000, 10_000, 15_000, 25_000] as const;
const PLACES = ['مقر الجمعية', 'القاعة الأولى', 'قاعة التدريب', 'مركز الحي'] as const;
const WEEKDAY_PAIRS: ReadonlyArray<readonly Weekday[]> = [[0, 2], [1, 3], [0, 3], [2, 4]];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A Riyadh calendar date at a Riyadh time of day, as an instant. */
const riyadhAt = (date: string, time: string) => new Date(`${date}T${time}:00+03:00`);

export async function seedPrograms(db: Kysely<DatabaseSchema>, options: ProgramSeedOptions): Promise<ProgramSeedReport> {
  const rng = createRng(options.seed);
  const eligible = (await db.selectFrom('beneficiaries').select('id').where('eligibility', '=', 'eligible').where('erased_at', 'is', null).orderBy('seq').execute()).map(
    (row) => row.id,
  );
  const report: ProgramSeedReport = { programs: 0, sessions: 0, enrolments: 0, marks: 0 };
  if (eligible.length === 0) return report;
  const perKind = options.perKind ?? Math.min(40, Math.max(3, Math.round(eligible.length / 1000)));
  const today = todayInRiyadh(options.now);
  const first = Date.parse(`${today}T00:00:00Z`) - SPAN_DAYS * DAY_MS;
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  // Of each kind, one program runs today and one opens soon; the others are spread over the two years
  // before (each in a slot of its own, the kinds taking turns), so that every season has its sessions.
  const earlier = (perKind - 2) * KINDS.length;
  const slotDays = (SPAN_DAYS - 90) / Math.max(1, earlier);
  const startOf = (index: number, kindOrder: number) =>
    index === 0
      ? todayMs - rng.int(7, 35) * DAY_MS
      : index === 1
        ? todayMs + rng.int(7, 40) * DAY_MS
        : first + Math.floor(((index - 2) * KINDS.length + kindOrder + rng.next()) * slotDays) * DAY_MS;
  const plans = KINDS.flatMap((kind, kindOrder) =>
    Array.from({ length: perKind }, (_, index) => ({ kind, index, startMs: startOf(index, kindOrder), current: index < 2 })),
  );
  // In the order they start, as an office runs them: each one's calls at their own moments.
  plans.sort((a, b) => a.startMs - b.startMs);
  const seeder = new ProgramSeeder(db, options.actorId, rng, today, report);
  for (const plan of plans) await seeder.program(plan.kind, plan.index, plan.startMs, plan.current, eligible);
  return report;
}

/** Parses a call's input as the dispatcher would: the services take only valid input. */
const valid = <Name extends ServiceCallName>(name: Name, input: unknown): ValidInput<Name> => contract[name].input.parse(input) as ValidInput<Name>;

/** The enrolment moves as the desk's handlers register them: each in one transaction with its event and audit entry. */
function enrolmentMoves(db: Kysely<DatabaseSchema>) {
  const moves = workflowMoves(db, enrolmentWorkflow, enrolmentStore);
  return {
    accept: moves.register('accept', acceptEnrolment),
    waitlist: moves.register('waitlist', waitlistEnrolment),
    schedule: moves.register('scheduleInterview', scheduleInterview),
    interview: moves.register('recordInterview', recordInterview),
    start: moves.register('start', startEnrolment),
    complete: moves.register('complete', completeEnrolment),
    withdraw: moves.register('withdraw', withdrawEnrolment),
  };
}

class ProgramSeeder {
  private readonly moves: ReturnType<typeof enrolmentMoves>;

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly actorId: string,
    private readonly rng: Rng,
    private readonly today: string,
    private readonly report: ProgramSeedReport,
  ) {
    this.moves = enrolmentMoves(db);
  }

  private at(date: string, time = '10:00'): CallContext {
    return { actorId: this.actorId, now: riyadhAt(date, time) };
  }

  /** One program from its setting up to today; a `current` one (running today, or opening soon) is never cancelled or left planned. */
  async program(kind: ProgramKind, index: number, startMs: number, current: boolean, people: readonly string[]): Promise<void> {
    const { rng, today } = this;
    const [nameAr, nameEn] = NAMES[kind][index % NAMES[kind].length]!;
    const round = Math.floor(index / NAMES[kind].length);
    const startsOn = isoDay(startMs);
    const endsOn = isoDay(startMs + rng.int(6, 14) * 7 * DAY_MS);
    const setUpOn = isoDay(startMs - LEAD_DAYS * DAY_MS);
    const hasInterview = INTERVIEWING.has(kind) && rng.chance(0.7);
    const capacity = rng.int(12, 30);
    const place = rng.pick(PLACES);
    let program: ProgramDetail = await saveProgram(
      this.db,
      valid('programs.save', {
        fields: {
          nameAr: round === 0 ? nameAr : `${nameAr} (${round + 1})`,
          nameEn: round === 0 ? nameEn : `${nameEn} (${round + 1})`,
          kind,
          description: `${nameAr}: برنامج تقدمه الجمعية للمستفيدين وأسرهم.`,
          conditions: hasInterview ? 'يُشترط اجتياز المقابلة الشخصية والالتزام بالحضور.' : 'الالتزام بالحضور وبأنظمة البرنامج.',
          categories: [],
          gender: null,
          ageMin: null,
          ageMax: null,
          hasInterview,
          capacity,
          minAttendancePercent: rng.pick([70, 75, 80]),
          maxUnexcusedAbsences: rng.chance(0.7) ? rng.int(2, 4) : null,
          followUpAfterAbsences: 2,
          offerDays: 3,
          startsOn,
          endsOn,
          place,
        },
      }),
      this.at(setUpOn, '09:00'),
    );
    this.report.programs += 1;
    // One program in ten is called off before it opens.
    if (!current && rng.chance(0.1)) {
      await setProgramStatus(this.db, valid('programs.setStatus', { id: program.id, expectedVersion: program.rowVersion, status: 'cancelled', reason: 'لم يتوفر المدرب' }), this.at(setUpOn, '11:00'));
      return;
    }
    const added = await addSessions(
      this.db,
      valid('programs.addSessions', { programId: program.id, schedule: { kind: 'weekly', weekdays: rng.pick(WEEKDAY_PAIRS), from: startsOn, to: endsOn }, startsAt: '16:00', endsAt: '18:00', place, note: null }),
      this.at(setUpOn, '09:10'),
    );
    this.report.sessions += added.added;
    program = await publishFee(this.db, valid('programs.publishFee', { programId: program.id, amount: rng.pick(FEES_HALALAS), covers: 'المواد والتنقل' }), this.at(setUpOn, '09:20'));
    // A program to come may still be only planned.
    if (setUpOn > today || (!current && startsOn > today && rng.chance(0.2))) return;
    program = await setProgramStatus(this.db, valid('programs.setStatus', { id: program.id, expectedVersion: program.rowVersion, status: 'open', reason: null }), this.at(setUpOn, '09:30'));

    const enrolled = await this.applicants(program, people, setUpOn, startsOn);
    if (startsOn > today) return;

    program = await setProgramStatus(this.db, valid('programs.setStatus', { id: program.id, expectedVersion: program.rowVersion, status: 'running', reason: null }), this.at(startsOn, '08:00'));
    const active: string[] = [];
    for (const enrolment of enrolled) {
      if (enrolment.stage !== 'accepted') continue;
      await this.moves.start(valid('enrolments.start', { id: enrolment.id, note: null }), this.at(startsOn, '08:30'));
      active.push(enrolment.id);
    }
    await this.attend(program, active);
    if (endsOn >= today) return;

    for (const id of active) {
      const { stage } = await this.db.selectFrom('program_enrolments').select('stage').where('id', '=', id).executeTakeFirstOrThrow();
      if (stage !== 'active') continue;
      const context = this.at(endsOn, '19:00');
      if ((await attendanceOf(this.db, id)).ruleMet) await this.moves.complete(valid('enrolments.complete', { id, note: null, overrideReason: null }), context);
      else await this.moves.withdraw(valid('enrolments.withdraw', { id, reason: 'لم يستوفِ شرط الحضور' }), context);
    }
    await setProgramStatus(this.db, valid('programs.setStatus', { id: program.id, expectedVersion: program.rowVersion, status: 'completed', reason: null }), this.at(endsOn, '20:00'));
  }

  /**
   * Applications over the registration weeks: a few more than the places. Each is interviewed where
   * the program interviews (most pass), then accepted while a place is free and waitlisted after.
   */
  private async applicants(program: ProgramDetail, people: readonly string[], setUpOn: string, startsOn: string): Promise<EnrolmentDetail[]> {
    const { rng } = this;
    const wanted = Math.min(people.length, program.capacity + rng.int(0, 6));
    const chosen = new Set<string>();
    while (chosen.size < wanted) chosen.add(rng.pick(people));
    const registrationDays = Math.max(1, Math.round((Date.parse(startsOn) - Date.parse(setUpOn)) / DAY_MS) - 1);
    const days = [...chosen].map(() => rng.int(0, Math.min(registrationDays, Math.max(0, Math.round((Date.parse(this.today) - Date.parse(setUpOn)) / DAY_MS))))).sort((a, b) => a - b);
    const enrolled: EnrolmentDetail[] = [];
    let taken = 0;
    for (const [order, beneficiaryId] of [...chosen].entries()) {
      const appliedOn = isoDay(Date.parse(setUpOn) + days[order]! * DAY_MS);
      const minute = String(10 + (order % 50)).padStart(2, '0');
      let enrolment = await applyToProgram(this.db, valid('enrolments.apply', { programId: program.id, beneficiaryId, overrideReason: null }), this.at(appliedOn, `10:${minute}`));
      this.report.enrolments += 1;
      if (program.hasInterview) {
        await this.moves.schedule(valid('enrolments.scheduleInterview', { id: enrolment.id, interviewOn: appliedOn, interviewerId: this.actorId, note: null }), this.at(appliedOn, `11:${minute}`));
        const passed = rng.chance(0.85);
        enrolment = await this.moves.interview(
          valid('enrolments.recordInterview', { id: enrolment.id, result: passed ? 'passed' : 'not_passed', notes: passed ? 'مناسب للبرنامج' : 'غير مستعد حاليًا' }),
          this.at(appliedOn, `12:${minute}`),
        );
        if (!passed) continue;
      }
      const decide = taken < program.capacity ? this.moves.accept : this.moves.waitlist;
      enrolment = await decide(valid(taken < program.capacity ? 'enrolments.accept' : 'enrolments.waitlist', { id: enrolment.id, note: null }), this.at(appliedOn, `13:${minute}`));
      if (enrolment.stage === 'accepted') taken += 1;
      enrolled.push(enrolment);
    }
    return enrolled;
  }

  /** Every session held by today, taken whole: most present, the exceptions drawn person by person. */
  private async attend(program: ProgramDetail, active: readonly string[]): Promise<void> {
    const { rng } = this;
    // Some people attend less than others: a few stop coming.
    const keen = new Map(active.map((id) => [id, rng.chance(0.15) ? 0.55 : 0.93]));
    for (const session of program.sessions) {
      if (session.date > this.today) break;
      const exceptions: Array<{ enrolmentId: string; status: AttendanceStatus; note: string | null }> = [];
      for (const enrolmentId of active) {
        const draw = rng.next();
        const attends = keen.get(enrolmentId)!;
        if (draw < attends) {
          if (rng.chance(0.06)) exceptions.push({ enrolmentId, status: 'late', note: null });
        } else exceptions.push(rng.chance(0.35) ? { enrolmentId, status: 'excused', note: 'عذر طبي' } : { enrolmentId, status: 'unexcused', note: null });
      }
      const taken = await recordSession(this.db, valid('attendance.record', { sessionId: session.id, exceptions }), this.at(session.date, '18:05'));
      this.report.marks += taken.lines.filter((line) => line.status !== null).length;
    }
  }
}
