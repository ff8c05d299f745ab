import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from './rows';

/** What the merge of the office's changes found for a supervisor (apply.ts, stage-replay.ts), before it is kept. */
export interface FoundConflict {
  kind: 'field' | 'deleted' | 'duplicate' | 'stage' | 'number';
  entity: string;
  rowId: string;
  field: string | null;
  /** The person the row is about: the file itself, or the file a row of theirs names. */
  personId: string | null;
  kept: { hlc: string; userId: string; value: unknown };
  lost: { hlc: string; userId: string; value: unknown };
}

/** A conflict's id, the same on every desk: from what it is about and the two changes' times, in order. */
export function conflictId(conflict: FoundConflict): string {
  // A step that moved nothing is one conflict, whatever move stood before it when it was found: a step
  // received later may come before it in the steps' order, and the conflict then names that one (keepConflict).
  const times = conflict.kind === 'stage' ? [conflict.lost.hlc] : [conflict.kept.hlc, conflict.lost.hlc].toSorted();
  const digest = createHash('sha256').update(JSON.stringify([conflict.kind, conflict.entity, conflict.rowId, conflict.field, ...times])).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
}

/**
 * Keeps a conflict found, once: found again (on another round, or by another change), it is the same
 * row; a stage's conflict names the move now before its step. Answers how many were added or changed.
 */
export function keepConflict(sqlite: Database.Database, conflict: FoundConflict, foundAt: Date): number {
  const id = conflictId(conflict);
  const added = prepared(sqlite, 
      `INSERT INTO sync_conflicts (id, kind, entity, row_id, field, kept_hlc, kept_user_id, kept_value, lost_hlc, lost_user_id, lost_value, person_id, found_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET kept_hlc = excluded.kept_hlc, kept_user_id = excluded.kept_user_id, kept_value = excluded.kept_value
         WHERE excluded.kind = 'stage' AND kept_hlc IS NOT excluded.kept_hlc`,
    )
    .run(
      id,
      conflict.kind,
      conflict.entity,
      conflict.rowId,
      conflict.field,
      conflict.kept.hlc,
      conflict.kept.userId,
      JSON.stringify(conflict.kept.value),
      conflict.lost.hlc,
      conflict.lost.userId,
      JSON.stringify(conflict.lost.value),
      conflict.personId,
      foundAt.toISOString(),
    );
  return added.changes;
}
