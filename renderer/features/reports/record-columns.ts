import { SUGGESTION_DECISIONS } from '../../../electron/api/complaints';
import type { ReportRecord } from '../../../electron/api/reports';

const isSuggestionDecision = (stage: string) => (SUGGESTION_DECISIONS as readonly string[]).includes(stage);

/**
 * The message key naming a listed record's stage in the stage column, chosen by the kind of record:
 * each kind's stage is its own (see ReportRecord.stage). A contact has none: its channel is not a
 * stage, so the column stays blank (null).
 */
export function recordStageKey(record: Pick<ReportRecord, 'kind' | 'stage'>): string | null {
  const stage = record.stage;
  if (stage === null) return null;
  switch (record.kind) {
    case 'beneficiary':
      return `beneficiaries:status.${stage}`;
    case 'eligibility':
      return `eligibility:outcomes.${stage}`;
    case 'inquiry':
      return `reports:records.inquiryStatus.${stage}`;
    case 'request':
      return `requests:stage.${stage}`;
    case 'complaint':
      return isSuggestionDecision(stage) ? `complaints:decision.${stage}` : `complaints:stage.${stage}`;
    case 'contact':
      return null;
  }
}
