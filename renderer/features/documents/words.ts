import type { TFunction } from 'i18next';
import type { IssueApproval } from '../../../electron/api/documents';
import { formatDualDate } from '../../lib/dates';

/** An issue number as the association prints it: 01, 02… */
export const issueNumber = (issue: number): string => String(issue).padStart(2, '0');

/** A date in both calendars, on one line: the Gregorian (with its mark) and the Hijri. */
export function dualDateText(date: string, language: string, t: TFunction): string {
  const shown = formatDualDate(date, language === 'en' ? 'en' : 'ar');
  return `${[shown.gregorian, t('common:calendar.gregorianMark')].filter(Boolean).join(' ')} · ${shown.hijri}`;
}

/** The terms a board names in words ("the first term"); later ones by their number. */
const ORDINAL_TERMS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

/** Who approved an issue: the body, and for a board or an assembly its term and session. */
export function approvalWords(approval: IssueApproval, t: TFunction): string {
  const body = t(`documents:approver.${approval.approver}`);
  if (approval.term === null || approval.session === null || approval.sessionYear === null) return body;
  const ordinal = ORDINAL_TERMS[approval.term - 1];
  const term = ordinal === undefined ? t('documents:term.other', { term: approval.term }) : t(`documents:term.${ordinal}`);
  return t('documents:inSession', { body, term, session: approval.session, year: approval.sessionYear });
}
