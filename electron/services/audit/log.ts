import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditAction, AuditEntityType, FieldChange } from '../../api/audit';
import type { AuditLogTable, DatabaseSchema } from '../../../db/schema';
import { newId } from '../ids';

type Db = Kysely<DatabaseSchema>;

export interface AuditEvent {
  action: AuditAction;
  entityType?: AuditEntityType;
  entityId?: string | null;
  /** What identifies the event without a person's values: field names, counts, file names. */
  summary?: Record<string, unknown>;
  /** A person's values (field, old, new): kept apart so that erasing the person can remove them. */
  changes?: FieldChange[];
}

/** Who acted, and when. A failed sign-in by an unknown username has no actor. */
export interface AuditActor {
  actorId: string | null;
  now: Date;
}

/** The hash the first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Appends one event to the audit log. Inside the caller's transaction when there is one, so that a
 * change and its record are saved together or not at all; otherwise in a transaction of its own.
 * Reading the last hash and inserting the next entry happen in one transaction on the one
 * connection, so two events can never chain to the same predecessor.
 */
export async function appendAudit(db: Db, actor: AuditActor, event: AuditEvent): Promise<void> {
  if (db.isTransaction) {
    await appendInTransaction(db, actor, event);
    return;
  }
  await db.transaction().execute((trx) => appendInTransaction(trx, actor, event));
}

async function appendInTransaction(trx: Db, actor: AuditActor, event: AuditEvent): Promise<void> {
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const changesText = event.changes && event.changes.length > 0 ? JSON.stringify(event.changes) : null;
  const entry: ChainedContent = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    at: actor.now.toISOString(),
    actor_id: actor.actorId,
    action: event.action,
    entity_type: event.entityType ?? null,
    entity_id: event.entityId ?? null,
    summary: JSON.stringify(event.summary ?? {}),
    changes_digest: changesText === null ? null : sha256(changesText),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx.insertInto('audit_log').values({ ...entry, hash: entryHash(entry) }).execute();
  if (changesText !== null) {
    await trx.insertInto('audit_changes').values({ entry_id: entry.id, changes: changesText }).execute();
  }
}

/** Everything an entry's hash covers: the stored row but its own hash (the order is fixed in entryHash). */
export type ChainedContent = Omit<AuditLogTable, 'hash'>;

export function entryHash(entry: ChainedContent): string {
  return sha256(
    JSON.stringify([
      entry.seq,
      entry.id,
      entry.at,
      entry.actor_id,
      entry.action,
      entry.entity_type,
      entry.entity_id,
      entry.summary,
      entry.changes_digest,
      entry.prev_hash,
    ]),
  );
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The changes between two versions of a record, field by field, for the audit log. Values are
 * compared as JSON, so arrays and objects (phones, household members) count as one field each.
 */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const old = before[field] ?? null;
    const next = after[field] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(next)) changes.push({ field, old, new: next });
  }
  return changes;
}
