import type { Kysely } from 'kysely';
import { CATEGORIES, GENDERS } from '../../api/beneficiaries';
import type { FairnessCounts, ProgramCounts, ProgramFigures, ReportDistrict, ReportPeriod, ReportProgram } from '../../api/reports';
import type { DatabaseSchema } from '../../../db/schema';
import { attendanceRate, ruleInWords } from '../attendance/rate';
import {
  programAttendanceIn,
  programFairnessIn,
  programFeesAnnouncedIn,
  programFlowsIn,
  programMoneyIn,
  programPeopleActiveIn,
  programWaitlistsAt,
  type FairnessRow,
  type ProgramAttendanceRow,
  type ProgramCountRow,
  type ProgramFlowRow,
  type ProgramMoneyRow,
} from './program-queries';

type Db = Kysely<DatabaseSchema>;

/**
 * The programs section's figures for a period and the one before it (the bounds `periodOf` makes),
 * read inside the caller's transaction: the programs and districts listed in the same order in both.
 */
export async function programFigures(db: Db, current: ReportPeriod, previous: ReportPeriod): Promise<{ current: ProgramFigures; previous: ProgramFigures }> {
  const currentRaw = await programsRaw(db, current);
  const previousRaw = await programsRaw(db, previous);
  const catalog = await programCatalogOf(db);
  const both: PeriodCounts[] = [currentRaw, previousRaw].map((raw) => ({ raw, counted: countsByProgram(raw) }));
  const [currentCounts, previousCounts] = both as [PeriodCounts, PeriodCounts];
  return { current: arrangePrograms(currentCounts, both, catalog), previous: arrangePrograms(previousCounts, both, catalog) };
}

// --- Reading -------------------------------------------------------------------------------------

interface ProgramsRaw {
  flows: ProgramFlowRow[];
  fairness: FairnessRow[];
  active: ProgramCountRow[];
  waitlists: ProgramCountRow[];
  attendance: ProgramAttendanceRow[];
  fees: Array<{ program_id: string; n: number }>;
  money: ProgramMoneyRow[];
}

async function programsRaw(db: Db, period: ReportPeriod): Promise<ProgramsRaw> {
  return {
    flows: await programFlowsIn(db, period),
    fairness: await programFairnessIn(db, period),
    active: await programPeopleActiveIn(db, period),
    waitlists: await programWaitlistsAt(db, period),
    attendance: await programAttendanceIn(db, period),
    fees: await programFeesAnnouncedIn(db, period),
    money: await programMoneyIn(db, period),
  };
}

/** A period's rows as the queries answered them, and its counts by program. */
interface PeriodCounts {
  raw: ProgramsRaw;
  counted: Map<string | null, ProgramCounts>;
}

interface ProgramCatalog {
  programs: Array<ReportProgram & { current: boolean }>;
  districts: ReportDistrict[];
}

/** The programs (open or running now counts as current) and the districts, to name the figures by. */
async function programCatalogOf(db: Db): Promise<ProgramCatalog> {
  const programs = await db
    .selectFrom('programs')
    .select(['id', 'name_ar', 'name_en', 'status', 'min_attendance_percent', 'max_unexcused_absences'])
    .orderBy('name_ar')
    .orderBy('id')
    .execute();
  const districts = await db.selectFrom('districts').select(['id', 'name_ar', 'name_en']).orderBy('sort_order').orderBy('name_ar').execute();
  return {
    programs: programs.map((program) => {
      const rule = { minAttendancePercent: program.min_attendance_percent, maxUnexcusedAbsences: program.max_unexcused_absences };
      return {
        id: program.id,
        nameAr: program.name_ar,
        nameEn: program.name_en,
        rule,
        ruleInWords: ruleInWords(rule),
        current: program.status === 'open' || program.status === 'running',
      };
    }),
    districts: districts.map((district) => ({ id: district.id, nameAr: district.name_ar, nameEn: district.name_en })),
  };
}

// --- Arranging -----------------------------------------------------------------------------------

type CountedFigure = Exclude<keyof ProgramCounts, 'attendanceRate'>;

const NO_COUNTS: ProgramCounts = {
  applications: 0,
  acceptances: 0,
  waitlistAtEnd: 0,
  peopleActive: 0,
  sessionsHeld: 0,
  attended: 0,
  unexcused: 0,
  attendanceRate: null,
  completions: 0,
  dismissals: 0,
  feesAnnounced: 0,
  collected: 0,
  waived: 0,
};

/** The figure each counted enrolment event adds to. */
const FIGURE_OF_FLOW: Partial<Record<string, CountedFigure>> = {
  applied: 'applications',
  accepted: 'acceptances',
  completed: 'completions',
  dismissed: 'dismissals',
};

/**
 * Each program's counts, and under `null` every program's together: each row the queries answered
 * read once (a year of a few hundred programs is thousands of rows, and each program's figures are
 * looked up several times while the section is arranged).
 */
function countsByProgram(raw: ProgramsRaw): Map<string | null, ProgramCounts> {
  const counts = new Map<string | null, ProgramCounts>();
  const of = (programId: string | null) => {
    let found = counts.get(programId);
    if (found === undefined) {
      found = { ...NO_COUNTS };
      counts.set(programId, found);
    }
    return found;
  };
  const add = (programId: string | null, figure: CountedFigure, n: number) => {
    if (programId === null) return;
    of(programId)[figure] += n;
    of(null)[figure] += n;
  };
  for (const row of raw.flows) {
    const figure = FIGURE_OF_FLOW[row.action];
    if (figure !== undefined) add(row.program_id, figure, row.n);
  }
  for (const row of raw.waitlists) add(row.program_id, 'waitlistAtEnd', row.n);
  // The row without a program counts each person once, however many programs they were active in.
  for (const row of raw.active) of(row.program_id).peopleActive = row.n;
  for (const row of raw.attendance) {
    add(row.program_id, 'sessionsHeld', row.held);
    add(row.program_id, 'attended', row.attended);
    add(row.program_id, 'unexcused', row.unexcused);
  }
  for (const row of raw.fees) add(row.program_id, 'feesAnnounced', row.n);
  for (const row of raw.money) {
    add(row.program_id, 'collected', row.collected);
    add(row.program_id, 'waived', row.waived);
  }
  for (const program of counts.values()) {
    // The rate alone: the completion rule's minimum plays no part in it.
    program.attendanceRate = attendanceRate(
      { present: program.attended, late: 0, excused: 0, unexcused: program.unexcused },
      { minAttendancePercent: 0, maxUnexcusedAbsences: null },
    ).ratePercent;
  }
  return counts;
}

const countsOf = (counted: Map<string | null, ProgramCounts>, programId: string | null): ProgramCounts => counted.get(programId) ?? NO_COUNTS;

const hasProgramFigures = (counts: ProgramCounts) =>
  Object.entries(counts).some(([key, value]) => key !== 'attendanceRate' && typeof value === 'number' && value > 0);

const NO_FAIRNESS: FairnessCounts = { applicants: 0, accepted: 0, waitlisted: 0, declined: 0 };
const FAIRNESS_OF_ACTION: Record<string, keyof FairnessCounts> = { applied: 'applicants', accepted: 'accepted', waitlisted: 'waitlisted', declined: 'declined' };

function fairnessOf(rows: readonly FairnessRow[]): FairnessCounts {
  const counts = { ...NO_FAIRNESS };
  for (const row of rows) {
    const figure = FAIRNESS_OF_ACTION[row.action];
    if (figure !== undefined) counts[figure] += row.n;
  }
  return counts;
}

/**
 * One period's programs figures. `both` is the current and the previous period: the programs and
 * districts listed are the same, in the same order, in both (one with figures in either period
 * shows in both, with zeros where it has none).
 */
function arrangePrograms({ raw, counted }: PeriodCounts, both: readonly PeriodCounts[], catalog: ProgramCatalog): ProgramFigures {
  const programs = catalog.programs.filter((program) => program.current || both.some((period) => hasProgramFigures(countsOf(period.counted, program.id))));
  const districtIds = new Set(both.flatMap((period) => period.raw.fairness.map((row) => row.district_id)));
  const districts: Array<ReportDistrict | null> = catalog.districts.filter((district) => districtIds.has(district.id));
  // People whose district is not recorded, or whose district the catalog no longer holds.
  const known = new Set(districts.map((district) => district?.id));
  const unplaced = (row: FairnessRow) => row.district_id === null || !known.has(row.district_id);
  if (both.some((period) => period.raw.fairness.some(unplaced))) districts.push(null);

  return {
    total: countsOf(counted, null),
    byProgram: programs.map(({ current: _current, ...program }) => ({ program, ...countsOf(counted, program.id) })),
    fairness: {
      total: fairnessOf(raw.fairness),
      byCategory: Object.fromEntries(CATEGORIES.map((category) => [category, fairnessOf(raw.fairness.filter((row) => row.category === category))])) as ProgramFigures['fairness']['byCategory'],
      byGender: Object.fromEntries(GENDERS.map((gender) => [gender, fairnessOf(raw.fairness.filter((row) => row.gender === gender))])) as ProgramFigures['fairness']['byGender'],
      byDistrict: districts.map((district) => ({
        district,
        ...fairnessOf(raw.fairness.filter((row) => (district === null ? unplaced(row) : row.district_id === district.id))),
      })),
      waitlistReordered: raw.flows.reduce((total, row) => total + (row.action === 'reordered' ? row.n : 0), 0),
    },
  };
}
