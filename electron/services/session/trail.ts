import type { CallName } from '../../api/contract';
import type { ApiError } from '../../api/result';
import { advanceAuditAnchor } from '../audit/anchor';
import { appendAudit, type AuditEvent } from '../audit/log';
import type { CallContext } from '../context';
import { isRecordedRefusal, type RefusalSummary } from './refusals';
import type { DeskState } from './state';

// What the session writes to the audit log (sign-ins, locks, refused calls), and the log's anchor in
// the keyring, moved at each of those steps.

/** An entry of the session's own, when the database is open (before, there is no log to write to). */
export async function auditSessionEvent(desk: DeskState, event: AuditEvent, actorId: string | null): Promise<void> {
  if (!desk.database) return;
  await appendAudit(desk.database.opened.db, { actorId, now: desk.now() }, event);
}

/**
 * The log's last entry into the keyring, where cutting entries from the log's end shows: only
 * forward along the chain; a log that no longer reaches the anchor is recorded as broken instead.
 */
export async function anchorAuditLog(desk: DeskState): Promise<void> {
  if (desk.database && desk.keyring.current() !== null) await advanceAuditAnchor(desk.database.opened.db, desk.auditWitness, desk.now());
}

/**
 * A refused call, into the audit log when it is one worth a trace (see refusals.ts): who, which
 * call, the refusal, never the input. Refusals before anyone is known (signed out, the screen
 * locked) name nobody and are not recorded here.
 */
export async function recordRefusal(desk: DeskState, name: CallName, error: ApiError, context: CallContext | null): Promise<void> {
  const actorId = context?.actorId ?? desk.session?.user.id;
  if (!actorId || !desk.database || !isRecordedRefusal(name, error)) return;
  const now = context?.now ?? desk.now();
  const summary = desk.refusals.refused(actorId, name, error, now);
  if (summary !== null) await auditRefusal(desk, actorId, summary, now);
}

/** What was held back of a person's refused calls (everyone's when none is named), written now. */
export async function writeHeldBackRefusals(desk: DeskState, actorId?: string): Promise<void> {
  for (const held of desk.refusals.release(actorId)) await auditRefusal(desk, held.actorId, held.summary, desk.now());
}

async function auditRefusal(desk: DeskState, actorId: string, summary: RefusalSummary, now: Date): Promise<void> {
  if (!desk.database) return;
  await appendAudit(desk.database.opened.db, { actorId, now }, { action: 'call.refused', summary: { ...summary } });
}
