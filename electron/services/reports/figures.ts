import type { Kysely } from 'kysely';
import { COMPLAINT_KINDS, SUGGESTION_DECISIONS, type ComplaintKind, type SuggestionDecision } from '../../api/complaints';
import { CHANNELS, PURPOSES, type Channel, type Purpose } from '../../api/contacts';
import { endOfRiyadhDay, startOfRiyadhDay, todayInRiyadh } from '../../api/fields/riyadh-date';
import {
  periodDays,
  previousPeriod,
  type ComplaintCounts,
  type DurationFigures,
  type OpenRequestStage,
  type PeriodFigures,
  type ProgramFigures,
  type ReportAuthority,
  type ReportFigures,
  type ReportPeriod,
  type ReportPeriodInput,
  type ReportRequestType,
  type ReportStaff,
  type RequestCounts,
  type WorkloadFigures,
} from '../../api/reports';
import { requestWorkflow } from '../../api/requests';
import type { DatabaseSchema } from '../../../db/schema';
import { NOTHING_SHIELDED, shieldFor } from '../complaints/shield';
import type { CallContext } from '../context';
import { readKnownDesks } from '../office/known-desks';
import { programFigures } from './programs';
import { satisfactionFigures } from './satisfaction';
import {
  complaintKindsIn,
  contactCountsIn,
  daysToDecisionIn,
  daysToNotificationIn,
  eligibilityDecisionsIn,
  inquiryCountsIn,
  minutesToAnswerIn,
  registeredIn,
  requestFlowsIn,
  requestsStandingAt,
  staffWorkIn,
  suggestionDecisionsIn,
  type ComplaintKindRow,
  type ContactCountRow,
  type DurationRow,
  type InquiryCountsRow,
  type RequestFlowRow,
  type StandingRow,
  type StaffWorkRow,
} from './queries';

type Db = Kysely<DatabaseSchema>;

/**
 * The report's figures for a period and for the one before it, computed by the
 * aggregates in queries.ts: the database counts, the process only arranges the few dozen numbers.
 *
 * Not audited: the figures are counts and times over the whole office, never a person's data, so
 * viewing them is not a processing of personal data the audit log has to record (opening the
 * records behind a figure is, and will be, like opening any record). The permission keeps them to
 * supervisors and administrators.
 */
export async function reportFigures(db: Db, input: ReportPeriodInput, context: CallContext): Promise<ReportFigures> {
  // One read transaction: both periods, and every figure of each, are of the same moment.
  return db.transaction().execute(async (trx) => {
    const current = await periodRaw(trx, periodOf(input, context.now));
    const previous = await periodRaw(trx, periodOf(previousPeriod(input), context.now));
    const catalog = await catalogOf(trx);
    const programs = await programFigures(trx, current.period, previous.period);
    const satisfaction = await satisfactionFigures(trx, current.period, previous.period, await shieldFor(trx, context.actorId));
    return {
      current: { ...arrange(current, [current, previous], catalog), programs: programs.current, satisfaction: satisfaction.current },
      previous: { ...arrange(previous, [current, previous], catalog), programs: programs.previous, satisfaction: satisfaction.previous },
      dataUpTo: await readKnownDesks(trx),
    };
  });
}

/** The report's programs section alone, for a period and the one before it, as the report reads it (the bench times it). */
export async function programsSection(db: Db, input: ReportPeriodInput, now: Date): Promise<{ current: ProgramFigures; previous: ProgramFigures }> {
  return db.transaction().execute((trx) => programFigures(trx, periodOf(input, now), periodOf(previousPeriod(input), now)));
}

/**
 * The report's satisfaction section alone, for a period and the one before it, as the report reads
 * it for a reader no complaint is about (the bench times it).
 */
export async function satisfactionSection(db: Db, input: ReportPeriodInput, now: Date) {
  return db.transaction().execute((trx) => satisfactionFigures(trx, periodOf(input, now), periodOf(previousPeriod(input), now), NOTHING_SHIELDED));
}

/** The period's bounds: Riyadh midnights, and "at the end" meaning now while the period has not ended. */
export function periodOf(input: ReportPeriodInput, now: Date): ReportPeriod {
  const startsAt = startOfRiyadhDay(input.from);
  const endsAt = endOfRiyadhDay(input.to);
  const nowIso = now.toISOString();
  const today = todayInRiyadh(now);
  return {
    from: input.from,
    to: input.to,
    days: periodDays(input),
    startsAt,
    endsAt,
    asOf: endsAt < nowIso ? endsAt : nowIso,
    asOfDay: input.to < today ? input.to : today,
  };
}

// --- Reading -------------------------------------------------------------------------------------

interface PeriodRaw {
  period: ReportPeriod;
  registered: number;
  eligibility: { eligible: number; notEligible: number };
  contacts: ContactCountRow[];
  inquiries: InquiryCountsRow;
  minutesToAnswer: DurationRow;
  flows: RequestFlowRow[];
  daysToDecision: DurationRow;
  daysToNotification: DurationRow;
  /** Where requests stood at the end, by each dimension and its key. */
  standing: Record<StandingRow['dimension'], Map<string | null, StandingRow>>;
  complaints: ComplaintKindRow[];
  suggestionDecisions: Array<{ decision: string; n: number }>;
  staff: StaffWorkRow[];
}

async function periodRaw(db: Db, period: ReportPeriod): Promise<PeriodRaw> {
  return {
    period,
    registered: await registeredIn(db, period),
    eligibility: await eligibilityDecisionsIn(db, period),
    contacts: await contactCountsIn(db, period),
    inquiries: await inquiryCountsIn(db, period),
    minutesToAnswer: await minutesToAnswerIn(db, period),
    flows: await requestFlowsIn(db, period),
    daysToDecision: await daysToDecisionIn(db, period),
    daysToNotification: await daysToNotificationIn(db, period),
    standing: byDimension(await requestsStandingAt(db, period)),
    complaints: await complaintKindsIn(db, period),
    suggestionDecisions: await suggestionDecisionsIn(db, period),
    staff: await staffWorkIn(db, period),
  };
}

function byDimension(rows: StandingRow[]): PeriodRaw['standing'] {
  const of = (dimension: StandingRow['dimension']) => new Map(rows.filter((row) => row.dimension === dimension).map((row) => [row.key, row]));
  return { stage: of('stage'), type: of('type'), owner: of('owner'), authority: of('authority') };
}

interface Catalog {
  types: Array<ReportRequestType & { sortOrder: number }>;
  authorities: Map<string, ReportAuthority>;
}

/** The request types and authorities, to name the figures by (two small catalog tables). */
async function catalogOf(db: Db): Promise<Catalog> {
  const types = await db
    .selectFrom('request_types')
    .select(['id', 'name_ar', 'name_en', 'active', 'sort_order'])
    .orderBy('sort_order')
    .orderBy('name_ar')
    .execute();
  const authorities = await db.selectFrom('authorities').select(['id', 'name_ar', 'name_en']).execute();
  return {
    types: types.map((type) => ({ id: type.id, nameAr: type.name_ar, nameEn: type.name_en, active: type.active === 1, sortOrder: type.sort_order })),
    authorities: new Map(authorities.map((authority) => [authority.id, { id: authority.id, nameAr: authority.name_ar, nameEn: authority.name_en }])),
  };
}

// --- Arranging -----------------------------------------------------------------------------------

/** The requests in each stage of the workflow's open group (zero where there are none), in the group's order. */
export function openStageCounts(count: (stage: OpenRequestStage) => number | undefined): Record<OpenRequestStage, number> {
  return Object.fromEntries(requestWorkflow.groups.open.map((stage) => [stage, count(stage) ?? 0])) as Record<OpenRequestStage, number>;
}

const rounded = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));
const durations = (row: DurationRow): DurationFigures => ({ count: row.count, median: rounded(row.median), p90: rounded(row.p90) });

/** One type's request figures (or, with no type, the sum over every type). */
function requestCountsOf(raw: PeriodRaw, typeId: string | null): RequestCounts {
  const flows = raw.flows.filter((row) => typeId === null || row.type_id === typeId);
  const standing = [...raw.standing.type].filter(([key]) => typeId === null || key === typeId).map(([, row]) => row);
  const sum = <Row>(rows: Row[], value: (row: Row) => number | null) => rows.reduce((total, row) => total + (value(row) ?? 0), 0);
  const approved = sum(flows, (row) => row.approved);
  const rejected = sum(flows, (row) => row.rejected);
  return {
    received: sum(flows, (row) => row.received),
    decided: approved + rejected,
    approved,
    rejected,
    notified: sum(flows, (row) => row.notified),
    closed: sum(flows, (row) => row.closed),
    withdrawn: sum(flows, (row) => row.withdrawn),
    openAtEnd: sum(standing, (row) => row.n),
    overdueAtEnd: sum(standing, (row) => row.overdue),
  };
}

const hasRequestFigures = (counts: RequestCounts) => Object.values(counts).some((value) => value > 0);

function complaintCountsOf(raw: PeriodRaw, kind: ComplaintKind | null): ComplaintCounts {
  const rows = raw.complaints.filter((row) => kind === null || row.kind === kind);
  const sum = (value: (row: ComplaintKindRow) => number) => rows.reduce((total, row) => total + (value(row) ?? 0), 0);
  return {
    opened: sum((row) => row.opened),
    resolved: sum((row) => row.resolved),
    answered: sum((row) => row.answered),
    overdueAtEnd: sum((row) => row.overdue),
  };
}

function staffOf(row: StaffWorkRow): ReportStaff {
  return { id: row.id, displayName: row.display_name, role: row.role, active: row.active === 1 };
}

function workloadOf(raw: PeriodRaw, row: StaffWorkRow | undefined, user: ReportStaff): WorkloadFigures {
  const held = raw.standing.owner.get(user.id);
  return {
    user,
    contactsLogged: raw.contacts.find((counted) => counted.dimension === 'officer' && counted.key === user.id)?.n ?? 0,
    inquiriesAnswered: row?.inquiries ?? 0,
    requestsHeld: held?.n ?? 0,
    requestsOverdue: held?.overdue ?? 0,
    requestsDecided: row?.decided ?? 0,
    complaintsAnswered: row?.complaints ?? 0,
  };
}

const hasWork = (work: WorkloadFigures) =>
  work.contactsLogged + work.inquiriesAnswered + work.requestsHeld + work.requestsDecided + work.complaintsAnswered > 0;

/**
 * One period's figures. `both` is the current and the previous period: the lists keyed by type,
 * authority or staff member hold the same keys, in the same order, in both, so that they read side by
 * side (a key with figures in either period shows in both, with zeros where it has none).
 */
function arrange(raw: PeriodRaw, both: readonly PeriodRaw[], catalog: Catalog): Omit<PeriodFigures, 'programs' | 'satisfaction'> {
  const contact = (dimension: ContactCountRow['dimension'], key: string | null) =>
    raw.contacts.find((row) => row.dimension === dimension && row.key === key)?.n ?? 0;

  const types = catalog.types.filter((type) => type.active || both.some((period) => hasRequestFigures(requestCountsOf(period, type.id))));

  const waitingIds = [...new Set(both.flatMap((period) => [...period.standing.authority.keys()]))].filter((id): id is string => id !== null);
  const waitingOn = (period: PeriodRaw, id: string) => period.standing.authority.get(id)?.n ?? 0;
  const [current, previous] = both as [PeriodRaw, PeriodRaw];
  waitingIds.sort(
    (a, b) =>
      waitingOn(current, b) - waitingOn(current, a) ||
      waitingOn(previous, b) - waitingOn(previous, a) ||
      (catalog.authorities.get(a)?.nameAr ?? a).localeCompare(catalog.authorities.get(b)?.nameAr ?? b, 'ar'),
  );

  // Every account is in each period's staff rows; the same user reads the same in both.
  const users = raw.staff.map(staffOf);
  const workOf = (period: PeriodRaw, user: ReportStaff) => workloadOf(period, period.staff.find((row) => row.id === user.id), user);
  const staff = users
    .filter((user) => (user.active && user.role !== 'system') || both.some((period) => hasWork(workOf(period, user))))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ar') || a.id.localeCompare(b.id));

  return {
    period: raw.period,
    beneficiaries: { registered: raw.registered },
    eligibility: { decided: raw.eligibility.eligible + raw.eligibility.notEligible, ...raw.eligibility },
    contacts: {
      total: contact('total', null),
      byChannel: Object.fromEntries(CHANNELS.map((channel) => [channel, contact('channel', channel)])) as Record<Channel, number>,
      byPurpose: Object.fromEntries(PURPOSES.map((purpose) => [purpose, contact('purpose', purpose)])) as Record<Purpose, number>,
      byOfficer: staff
        .filter((user) => both.some((period) => workOf(period, user).contactsLogged > 0))
        .map((user) => ({ user, count: workOf(raw, user).contactsLogged })),
    },
    inquiries: {
      asked: raw.inquiries.asked,
      answered: raw.inquiries.answered,
      pendingAtEnd: raw.inquiries.pending,
      minutesToAnswer: durations(raw.minutesToAnswer),
    },
    requests: {
      ...requestCountsOf(raw, null),
      stagesAtEnd: openStageCounts((stage) => raw.standing.stage.get(stage)?.n),
      daysToDecision: durations(raw.daysToDecision),
      daysToNotification: durations(raw.daysToNotification),
      byType: types.map(({ sortOrder: _sortOrder, ...type }) => ({ type, ...requestCountsOf(raw, type.id) })),
    },
    referrals: waitingIds.map((id) => {
      const row = raw.standing.authority.get(id);
      return {
        authority: catalog.authorities.get(id) ?? { id, nameAr: id, nameEn: null },
        waiting: row?.n ?? 0,
        oldestDays: row?.days_max ?? null,
        averageDays: row ? rounded((row.days_total ?? 0) / row.n) : null,
        oldestReferredOn: row?.first_referred ? todayInRiyadh(new Date(row.first_referred)) : null,
      };
    }),
    complaints: {
      total: complaintCountsOf(raw, null),
      byKind: Object.fromEntries(COMPLAINT_KINDS.map((kind) => [kind, complaintCountsOf(raw, kind)])) as Record<ComplaintKind, ComplaintCounts>,
      suggestionsDecided: {
        total: raw.suggestionDecisions.reduce((total, row) => total + row.n, 0),
        byDecision: Object.fromEntries(
          SUGGESTION_DECISIONS.map((decision) => [decision, raw.suggestionDecisions.find((row) => row.decision === decision)?.n ?? 0]),
        ) as Record<SuggestionDecision, number>,
      },
    },
    workload: staff.map((user) => workOf(raw, user)),
  };
}
