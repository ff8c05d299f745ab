import { REVIEW_NOTICE_DAYS, type IssueStatus, type ReviewState } from '../../api/documents';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from one calendar date to another (yyyy-mm-dd), negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The calendar date a number of years after another; 29 February falls to 28 February in a common year. */
export function yearsAfter(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year + years, month - 1, day));
  if (target.getUTCMonth() !== month - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export interface IssueDates {
  issue: number;
  status: 'draft' | 'approved';
  effectiveOn: string | null;
}

/**
 * Each issue's status on a day: the one in force is the latest approved whose date of effect has come;
 * approved ones before it are superseded, and ones after it wait for their date. Approvals are checked
 * to take effect in order (service.ts), so a later issue never takes effect before an earlier one.
 */
export function issueStatuses(issues: readonly IssueDates[], today: string): Map<number, IssueStatus> {
  const inForce = issues
    .filter((each) => each.status === 'approved' && each.effectiveOn !== null && each.effectiveOn <= today)
    .reduce<number | null>((latest, each) => (latest === null || each.issue > latest ? each.issue : latest), null);
  return new Map(
    issues.map((each): [number, IssueStatus] => {
      if (each.status === 'draft') return [each.issue, 'draft'];
      if (inForce === null || each.issue > inForce) return [each.issue, 'scheduled'];
      return [each.issue, each.issue === inForce ? 'in_force' : 'superseded'];
    }),
  );
}

/**
 * Where a review stands on a day: due from the notice before its date through the date itself,
 * overdue from the day after.
 */
export function reviewState(nextReviewOn: string | null, today: string): { state: ReviewState; daysLeft: number | null } {
  if (nextReviewOn === null) return { state: 'none', daysLeft: null };
  const daysLeft = daysBetween(today, nextReviewOn);
  return { state: daysLeft < 0 ? 'overdue' : daysLeft <= REVIEW_NOTICE_DAYS ? 'due' : 'none', daysLeft };
}
