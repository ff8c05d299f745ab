import { z } from 'zod';
import type { ComplaintKind } from './complaints';
import type { Channel, Purpose } from './contacts';
import { call } from './define';
import { isoDate } from './fields/schemas';
import type { RequestStage } from './requests';

/**
 * The report's figures (issue 5): for any run of Riyadh calendar days, both ends included — a
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

const lastDayOfMonth = (date: string) => {
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
  // 1970-01-04, day 3, was a Sunday.
  const startsOnSunday = (((dayNumber(period.from) - 3) % 7) + 7) % 7 === 0;
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

/** A request's stages before it is finished: where it can stand at the end of a period. */
export type OpenRequestStage = Exclude<RequestStage, 'closed' | 'withdrawn'>;

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
  };
  /** Every active staff account, and any other with work in either period, by name. */
  workload: WorkloadFigures[];
}

export interface ReportFigures {
  current: PeriodFigures;
  /** The period before (see `previousPeriod`). */
  previous: PeriodFigures;
}

export const reportsCalls = {
  /** A supervisor's report: aggregated figures only, no one's personal data. */
  'reports.figures': call('reports.view', reportPeriodInput).returns<ReportFigures>(),
};
