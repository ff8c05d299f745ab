import { z } from 'zod';
import type { CompletionRule, RuleInWords } from './attendance';
import type { Category } from './beneficiaries';
import type { ComplaintKind, SuggestionDecision } from './complaints';
import type { Channel, Purpose } from './contacts';
import { call } from './define';
import { isoDate, requiredText } from './fields/schemas';
import type { requestWorkflow } from './requests';
import type { HeadlineFigures, QuestionFigures, SatisfactionComment } from './satisfaction-figures';
import type { GroupStageOf } from './workflow/engine';

/**
 * The report's figures: for any run of Riyadh calendar days, both ends included — a
 * Sunday–Thursday week, a month, a quarter, a year or any range — and the same figures for the
 * period before it, side by side.
 */

/** The longest period one report covers: enough for a five-year review, and a bound on the work. */
export const REPORT_MAX_YEARS = 5;
/** The dates a report may name: the association's records are all of this century. */
export const REPORT_EARLIEST_DATE = '2000-01-01';
export const REPORT_LATEST_DATE = '2099-12-31';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Plain ISO dates as whole days on one line, whatever the time zone: arithmetic on UTC midnights. */
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The date `days` after `date` (before it, when negative). */
export const addDays = (date: string, days: number) => dateOfDay(dayNumber(date) + days);

/** The Sunday that starts the week `date` falls in (the Saudi work week runs Sunday to Thursday). */
export function sundayOf(date: string): string {
  // 1970-01-04, day 3, was a Sunday.
  const sinceSunday = (((dayNumber(date) - 3) % 7) + 7) % 7;
  return dateOfDay(dayNumber(date) - sinceSunday);
}

/** Days from `from` to `to`, both included. */
export function periodDays(period: ReportPeriodInput): number {
  return dayNumber(period.to) - dayNumber(period.from) + 1;
}

/** The same month and day `years` later (29 February falls to 28 February in a common year). */
function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const shifted = `${String(year).padStart(4, '0')}${date.slice(4)}`;
  return dateOfDay(dayNumber(shifted)) === shifted ? shifted : `${String(year).padStart(4, '0')}-02-28`;
}

/** The last day of the month `date` falls in. */
export const lastDayOfMonth = (date: string) => {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const next = month === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${date.slice(0, 4)}-${String(month + 1).padStart(2, '0')}-01`;
  return dateOfDay(dayNumber(next) - 1);
};

/** Months from the month of `from` to the month of `to`, both included. */
const monthsSpanned = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

/** The first day of the month `months` before the month of `date`. */
function monthsBefore(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The period a report's figures are compared with: the one before it, of the same length.
 * - Whole calendar months (a month, a quarter, a year: from the 1st to a month's last day): the
 *   same number of whole months just before, so March compares with February and 2026 with 2025.
 * - A period starting on a Sunday (the Saudi work week's first day): the same days of the week(s)
 *   before, so a Sunday–Thursday week compares with the Sunday–Thursday week before, not with the
 *   five days (a weekend among them) just before it.
 * - Any other range: the same number of days just before it.
 */
export function previousPeriod(period: ReportPeriodInput): ReportPeriodInput {
  const days = periodDays(period);
  if (period.from.endsWith('-01') && period.to === lastDayOfMonth(period.to)) {
    const months = monthsSpanned(period.from, period.to);
    const from = monthsBefore(period.from, months);
    return { from, to: dateOfDay(dayNumber(period.from) - 1) };
  }
  const startsOnSunday = sundayOf(period.from) === period.from;
  const shift = startsOnSunday ? Math.ceil(days / 7) * 7 : days;
  return { from: dateOfDay(dayNumber(period.from) - shift), to: dateOfDay(dayNumber(period.to) - shift) };
}

export interface ReportPeriodInput {
  from: string;
  to: string;
}

export const reportPeriodInput = z
  .object({
    /** The first Riyadh calendar day of the period (Gregorian ISO date; digits in any form). */
    from: isoDate,
    /** The last Riyadh calendar day, included. */
    to: isoDate,
  })
  .superRefine((period, context) => {
    for (const field of ['from', 'to'] as const) {
      if (period[field] < REPORT_EARLIEST_DATE || period[field] > REPORT_LATEST_DATE) {
        context.addIssue({ code: 'custom', path: [field], message: 'validation.reports.dateOutOfRange' });
        return;
      }
    }
    if (period.from > period.to) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'validation.reports.endBeforeStart' });
    } else if (period.to >= addYears(period.from, REPORT_MAX_YEARS)) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'validation.reports.tooLong' });
    }
  });

/** A period as the figures were computed for it. */
export interface ReportPeriod {
  /** Riyadh calendar days, both included. */
  from: string;
  to: string;
  days: number;
  /** The instants the period starts and ends (exclusive): Riyadh midnights, in UTC ISO form. */
  startsAt: string;
  endsAt: string;
  /**
   * What "at the end" figures (stages, pending, overdue, waiting) were read at: the end of the
   * period, or now when the period has not ended yet.
   */
  asOf: string;
  /** The Riyadh day "overdue" and "days waiting" were measured on, as the work queues did that day. */
  asOfDay: string;
}

/** How long something took, over the items finished in the period. */
export interface DurationFigures {
  /** How many items were measured. */
  count: number;
  /** The middle value (the mean of the two middle values for an even count); null when none. */
  median: number | null;
  /** The nearest-rank 90th percentile: the smallest value at least 90% of the items did not exceed. */
  p90: number | null;
}

export interface ReportStaff {
  id: string;
  displayName: string;
  role: 'system' | 'officer' | 'supervisor' | 'administrator';
  active: boolean;
}

export interface ReportRequestType {
  id: string;
  nameAr: string;
  nameEn: string;
  active: boolean;
}

export interface ReportAuthority {
  id: string;
  nameAr: string;
  nameEn: string | null;
}

/** A request's stages before it is finished (the workflow's open group): where it can stand at the end of a period. */
export type OpenRequestStage = GroupStageOf<typeof requestWorkflow, 'open'>;

/** Request flows in the period, and where requests stood at its end. */
export interface RequestCounts {
  received: number;
  /** Decided in the period, and of those approved and rejected. */
  decided: number;
  approved: number;
  rejected: number;
  /** The beneficiary told the result in the period (the notification's date). */
  notified: number;
  closed: number;
  withdrawn: number;
  /** Open (not closed or withdrawn) at the end of the period. */
  openAtEnd: number;
  /** Open at the end, not yet told to the beneficiary, and past the due date. */
  overdueAtEnd: number;
}

export interface ComplaintCounts {
  /** Received in the period. */
  opened: number;
  /** Their resolution recorded in the period. */
  resolved: number;
  /** The person given the answer in the period (the answer's date). */
  answered: number;
  /** Not yet answered at the end of the period, and past the due date. */
  overdueAtEnd: number;
}

export interface WorkloadFigures {
  user: ReportStaff;
  /** Contacts the staff member logged in the period. */
  contactsLogged: number;
  /** Inquiries they answered in the period. */
  inquiriesAnswered: number;
  /** Open requests they held at the end of the period, and how many of those were overdue. */
  requestsHeld: number;
  requestsOverdue: number;
  /** Requests they decided in the period. */
  requestsDecided: number;
  /** Complaints, notes and suggestions they held that were answered in the period. */
  complaintsAnswered: number;
}

/** Every figure of one period. Lists keyed by staff, type or authority hold the same keys in the same order in both periods. */
export interface PeriodFigures {
  period: ReportPeriod;
  beneficiaries: {
    /** Files opened in the period (erased ones included: the row stays for past counts). */
    registered: number;
  };
  eligibility: {
    decided: number;
    eligible: number;
    notEligible: number;
  };
  contacts: {
    total: number;
    byChannel: Record<Channel, number>;
    byPurpose: Record<Purpose, number>;
    /** Every staff member who logged a contact in either period. */
    byOfficer: Array<{ user: ReportStaff; count: number }>;
  };
  inquiries: {
    asked: number;
    answered: number;
    /** Asked before the end of the period and not answered by then. */
    pendingAtEnd: number;
    /** Minutes from the question to its answer, over the inquiries answered in the period. */
    minutesToAnswer: DurationFigures;
  };
  requests: RequestCounts & {
    /** Where the requests open at the end of the period stood. */
    stagesAtEnd: Record<OpenRequestStage, number>;
    /** Days from receipt to decision, over the requests decided in the period. */
    daysToDecision: DurationFigures;
    /** Days from receipt to the notification of the result, over the requests notified in the period. */
    daysToNotification: DurationFigures;
    /** Every active type, and an inactive one with figures in either period, in catalog order. */
    byType: Array<{ type: ReportRequestType } & RequestCounts>;
  };
  /** Requests waiting on an authority's answer at the end of the period, by authority (any waiting in either period). */
  referrals: Array<{
    authority: ReportAuthority;
    waiting: number;
    /** Riyadh calendar days since the referral, on the period's `asOfDay`, as the queues count them. */
    oldestDays: number | null;
    averageDays: number | null;
    /** The Riyadh date of the oldest referral still waiting. */
    oldestReferredOn: string | null;
  }>;
  complaints: {
    total: ComplaintCounts;
    byKind: Record<ComplaintKind, ComplaintCounts>;
    /**
     * Suggestions whose decision was recorded in the period, by that decision. A suggestion left
     * under study and decided later counts in the period of its final decision only.
     */
    suggestionsDecided: { total: number; byDecision: Record<SuggestionDecision, number> };
  };
  /** Every active staff account, and any other with work in either period, by name. */
  workload: WorkloadFigures[];
  programs: ProgramFigures;
  satisfaction: SatisfactionSection;
}

/**
 * The report's satisfaction section: the whole office's figures for each questionnaire offered or
 * answered in either period (the shipped one always), listed in the same order in both, with the
 * period's comments as written, without names.
 */
export interface SatisfactionSection {
  questionnaires: Array<{
    questionnaire: { id: string; titleAr: string; titleEn: string | null };
    /** The versions whose responses this period's figures cover. */
    versions: number[];
    total: HeadlineFigures;
    /** The scale and recommend questions' averages, in the newest version's order. */
    questions: Array<Pick<QuestionFigures, 'key' | 'kind' | 'textAr' | 'textEn' | 'n' | 'tooFew' | 'average' | 'versions'>>;
    comments: SatisfactionComment[];
  }>;
}

/** A program as the report names it, with the completion rule its attendance rate is held to. */
export interface ReportProgram {
  id: string;
  nameAr: string;
  nameEn: string | null;
  rule: CompletionRule;
  /** How the rate is counted and the program's completion rule, in both languages: printed beside its rate. */
  ruleInWords: RuleInWords;
}

/** One program's figures for the period (or, in `total`, every program's together). */
export interface ProgramCounts {
  /** Applications made in the period. */
  applications: number;
  /** Applications accepted in the period (from the waitlist included). */
  acceptances: number;
  /** On the waitlist at the end of the period. */
  waitlistAtEnd: number;
  /** People active in the program at any time in the period: started before its end, not finished before its start (in the total, each person once). */
  peopleActive: number;
  /** Sessions dated in the period, up to its end (or today), whose attendance was taken. */
  sessionsHeld: number;
  /** At those sessions: present (late counted as present), and unexcused absences; excused absences are left out. */
  attended: number;
  unexcused: number;
  /** attended ÷ (attended + unexcused), as a percentage with one decimal; null when nothing was counted. */
  attendanceRate: number | null;
  completions: number;
  dismissals: number;
  /** Fee versions published in the period. */
  feesAnnounced: number;
  /** Halalas received in payments dated in the period, voided ones left out. */
  collected: number;
  /** Halalas waived by the waivers approved in the period. */
  waived: number;
}

/** Who applied, was accepted, waitlisted and declined in the period: enrolments, by a field of the person's file. */
export interface FairnessCounts {
  applicants: number;
  accepted: number;
  waitlisted: number;
  declined: number;
}

export interface ReportDistrict {
  id: string;
  nameAr: string;
  nameEn: string;
}

export interface ProgramFigures {
  total: ProgramCounts;
  /** Every program open or running now, and any other with figures in either period, by name. */
  byProgram: Array<{ program: ReportProgram } & ProgramCounts>;
  fairness: {
    total: FairnessCounts;
    byCategory: Record<Category, FairnessCounts>;
    byGender: Record<'male' | 'female', FairnessCounts>;
    /** Every district with figures in either period, in the catalog's order; `district` null for people with none recorded. */
    byDistrict: Array<{ district: ReportDistrict | null } & FairnessCounts>;
    /** Manual changes of a waitlist's order made in the period (each with its reason, on the enrolment's history). */
    waitlistReordered: number;
  };
}

export interface ReportFigures {
  current: PeriodFigures;
  /** The period before (see `previousPeriod`). */
  previous: PeriodFigures;
  /**
   * On a desk paired with the office server: each desk of the office and when its last sync round
   * went through, as this desk last heard (the report holds each desk's work up to then). Null on a
   * desk that works alone, whose report is its own record whole.
   */
  dataUpTo: ReportDeskSynced[] | null;
}

/** A desk of the office, and when its work last reached the office server (null before its first round). */
export interface ReportDeskSynced {
  deskId: string;
  name: string;
  lastSyncedAt: string | null;
}

/**
 * The report's charts over time: the period cut into weeks (Sunday to Saturday, so that every
 * contact falls in one) or, for a period longer than half a year, into calendar months; a period
 * shorter than eight weeks is shown with the weeks before it, so that a weekly report's chart has
 * a trend to show (the last bucket is then the week the period ends in).
 */
export interface TrendBucket {
  /** Riyadh calendar days of the bucket, both included. */
  from: string;
  to: string;
  contactsByChannel: Record<Channel, number>;
  /** Open, past their due date and not yet told the result, at the bucket's end (or now, if later). */
  requestsOverdue: number;
  /** Complaints, notes and suggestions past their due date and not yet answered at the bucket's end. */
  complaintsOverdue: number;
}

export interface ReportTrend {
  unit: 'week' | 'month';
  buckets: TrendBucket[];
}

/**
 * The report's three charts, drawn by the service in the reader's language and direction:
 * self-contained SVG, every label escaped, which the screen shows as it is.
 */
export interface ReportChartImages {
  /** Contacts per week or month, by channel (the trend's buckets). */
  contactsByChannel: string;
  /** The requests open at the period's end, by stage. */
  requestsByStage: string;
  /** The requests and complaints overdue at each bucket's end. */
  overdueTrend: string;
}

/** What the dashboard reads for its charts: the series over time, and the three charts drawn. */
export interface ReportTrendCharts extends ReportTrend {
  charts: ReportChartImages;
}

/**
 * The figures whose records can be listed, each exactly as the figure counts them. `key` narrows
 * the figure as the report breaks it down:
 * - contacts.byChannel / byPurpose / byOfficer: the channel, the purpose, the staff member's id;
 * - eligibility.decided: optionally the outcome (eligible, not_eligible);
 * - requests.*: optionally a request type's id; requests.stageAtEnd: the stage (required);
 *   requests.heldAtEnd: the owner's id (required);
 * - referrals.waiting: the authority's id (required);
 * - complaints.*: optionally the kind; complaints.suggestionsDecided: optionally the decision.
 */
export const REPORT_RECORD_FIGURES_BY_AREA = {
  beneficiaries: ['registered'],
  eligibility: ['decided'],
  contacts: ['total', 'byChannel', 'byPurpose', 'byOfficer'],
  inquiries: ['asked', 'answered', 'pendingAtEnd'],
  requests: ['received', 'decided', 'approved', 'rejected', 'notified', 'closed', 'withdrawn', 'openAtEnd', 'overdueAtEnd', 'stageAtEnd', 'heldAtEnd'],
  referrals: ['waiting'],
  complaints: ['opened', 'resolved', 'answered', 'overdueAtEnd', 'suggestionsDecided'],
} as const;
type RecordArea = keyof typeof REPORT_RECORD_FIGURES_BY_AREA;
/** A figure named by its place in `PeriodFigures`: its area and its name, `requests.overdueAtEnd`. */
export type ReportRecordFigure = { [Area in RecordArea]: `${Area}.${(typeof REPORT_RECORD_FIGURES_BY_AREA)[Area][number]}` }[RecordArea];
export const REPORT_RECORD_FIGURES = Object.entries(REPORT_RECORD_FIGURES_BY_AREA).flatMap(([area, names]) =>
  names.map((name) => `${area}.${name}`),
) as [ReportRecordFigure, ...ReportRecordFigure[]];

/** The figures that need a key: they are a breakdown, never a whole. */
export const KEYED_RECORD_FIGURES: readonly ReportRecordFigure[] = [
  'contacts.byChannel',
  'contacts.byPurpose',
  'contacts.byOfficer',
  'requests.stageAtEnd',
  'requests.heldAtEnd',
  'referrals.waiting',
];

export const REPORT_RECORDS_PAGE = 50;

export const reportRecordsInput = z
  .object({
    from: isoDate,
    to: isoDate,
    figure: z.enum(REPORT_RECORD_FIGURES, { error: 'validation.choice' }),
    // Free text as far as the contract knows (an id, a channel, a kind): it is written in the opening's audit entry.
    key: requiredText(64).nullish(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(REPORT_RECORDS_PAGE),
  })
  .superRefine((input, context) => {
    const period = reportPeriodInput.safeParse({ from: input.from, to: input.to });
    if (!period.success) for (const issue of period.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    if (KEYED_RECORD_FIGURES.includes(input.figure) && !input.key) {
      context.addIssue({ code: 'custom', path: ['key'], message: 'validation.reports.keyRequired' });
    }
  });
export type ReportRecordsInput = z.input<typeof reportRecordsInput>;

/** A record behind a figure: enough to name it and open it. */
export interface ReportRecord {
  kind: 'beneficiary' | 'eligibility' | 'contact' | 'inquiry' | 'request' | 'complaint';
  /** The record's own id (a decision's, a contact's, an inquiry's: their person's file opens them). */
  id: string;
  /**
   * The file, request or complaint number; for a decision, a contact or an inquiry, the number of the
   * file it opens on (null for a contact with someone not registered).
   */
  number: string | null;
  beneficiaryId: string | null;
  /** The person's name (a name given without registration included); null once erased. */
  personName: string | null;
  /** A request's or a contact's summary, a complaint's subject, an inquiry's question, a decision's outcome. */
  subject: string | null;
  /** The instant that places the record in the figure (received, decided, answered, logged…). */
  at: string;
  /**
   * A request's or complaint's stage (at the period's end, for the figures read there), a suggestion's
   * decision, an eligibility decision's outcome, an inquiry's status, a file's status; null for a
   * contact, which has no stage.
   */
  stage: string | null;
  /** A request's type, a contact's or inquiry's channel, a complaint's kind. */
  typeId: string | null;
  channel: string | null;
  /** A request's or complaint's due date (Riyadh calendar date). */
  dueDate: string | null;
  /** Who holds (or logged, or decided) it. */
  staffName: string | null;
}

export interface ReportRecords {
  figure: ReportRecordFigure;
  key: string | null;
  period: ReportPeriod;
  /** How many records the figure holds that the reader may see; `rows` is one page of them, newest first. */
  total: number;
  offset: number;
  rows: ReportRecord[];
}

export const reportsCalls = {
  /** A supervisor's report: aggregated figures only, no one's personal data. */
  'reports.figures': call('reports.view', reportPeriodInput).returns<ReportFigures>(),
  'reports.trend': call('reports.view', reportPeriodInput).returns<ReportTrendCharts>(),
  /** The records behind one figure, with the people's names: every call is written to the audit log. */
  'reports.records': call('reports.view', reportRecordsInput).returns<ReportRecords>(),
};
