import { z } from 'zod';
import type { BeneficiarySummary } from './beneficiaries';
import { call } from './define';
import { id } from './fields/schemas';

/**
 * What the merge of the office's changes leaves for a supervisor (services/sync/apply.ts): two
 * officers' values of one field, an edit of a record deleted meanwhile, one person registered twice,
 * a step of a request or complaint that two desks took at once, or one printed number given to two
 * records (by a desk that worked alone before it was paired). Each is settled once, by a supervisor at any desk, and the settlement reaches every desk.
 */

export const CONFLICT_KINDS = ['field', 'deleted', 'duplicate', 'stage', 'number'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** One side of a conflict: the value (for a field), who wrote it and when. */
export interface ConflictSide {
  /** A field's value; a deleted record's fields; null for the deletion itself. */
  value: unknown;
  at: string;
  by: { id: string; displayName: string };
}

export interface ConflictView {
  id: string;
  kind: ConflictKind;
  /** The table and, for a field, the column. */
  entity: string;
  field: string | null;
  rowId: string;
  /** The person the record is about, when it is about one (and not erased since). */
  person: { id: string; fileNumber: string; fullName: string } | null;
  /** What the record holds now, and what gave way. */
  kept: ConflictSide;
  lost: ConflictSide;
  /** A duplicate's two files: the one registered first, then the other. */
  files: [BeneficiarySummary, BeneficiarySummary] | null;
  /** One number on two records: the number, and the records (the first given it, then the other). */
  numbered: { number: string; records: [NumberedRecord, NumberedRecord] } | null;
  foundAt: string;
}

/** A record that bears a number people see: what it is, and whose. */
export interface NumberedRecord {
  id: string;
  /** The table: beneficiaries, requests, complaints or letters. */
  entity: string;
  /** The person it is about (or, for a file, whose it is), when known and not erased. */
  personName: string | null;
  createdAt: string;
}

export interface ConflictList {
  conflicts: ConflictView[];
  /** Open conflicts in all, when more than the list shows. */
  total: number;
}

/** A change received from another desk and not taken into this desk's record yet: what it is and why (never its values). */
export interface HeldChange {
  serverSeq: number;
  /** The table and the action. */
  entity: string;
  action: string;
  /**
   * missing_row, unknown_table, unknown_column, value, shape, id, not_allowed, merged_elsewhere,
   * contact_has_inquiry, username_taken, or `refused: <the table's rule>`.
   */
  reason: string;
  receivedAt: string;
}

export const settleConflictInput = z.object({
  id,
  /**
   * `kept`: the record stays as it is (a field's value now, a deletion, two files of two people);
   * `other_kept`: a field takes the value that gave way.
   */
  outcome: z.enum(['kept', 'other_kept'], { error: 'validation.choice' }),
});

export const mergeFilesInput = z.object({
  id,
  /** The file that stays: the other's records move to it, and it is deleted. */
  keepId: id,
});

export const renumberInput = z.object({
  id,
  /** The record that takes a new number from this desk's next in its series. */
  renumberId: id,
});

export const conflictsCalls = {
  'conflicts.list': call('conflicts.settle', z.object({})).returns<ConflictList>(),
  /** The changes received and not taken yet (tried again at every round), oldest first, at most 100. */
  'conflicts.held': call('conflicts.settle', z.object({})).returns<HeldChange[]>(),
  'conflicts.settle': call('conflicts.settle', settleConflictInput).returns<ConflictList>(),
  'conflicts.merge': call('conflicts.settle', mergeFilesInput).returns<ConflictList>(),
  'conflicts.renumber': call('conflicts.settle', renumberInput).returns<ConflictList>(),
};
