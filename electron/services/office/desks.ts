import type { Kysely } from 'kysely';
import type { OfficeDesksView } from '../../api/office';
import type { OfficeDesks } from '../../api/sync/office';
import type { ValidInput } from '../../api/contract';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { SYSTEM_USER_ID, type CallContext } from '../context';
import { AppError } from '../errors';
import { newId } from '../ids';
import { askOffice, type OfficeConnection } from '../sync/office-client';
import { KNOWN_DESKS_KEY, type KnownDesk } from './known-desks';
import { asRefusal, readStoredLink, refusalOf } from './link';
import type { DeskSync } from '../sync/desk-sync';
import { signRevocation } from '../sync/signature';

type Db = Kysely<DatabaseSchema>;

/**
 * At the end of each sync round: this desk tells the office its version, what it holds unsent and
 * when its round went through, and keeps what the office answers of every desk (revoked desks
 * left out: they send nothing any more). A refusal (a revoked desk) keeps what was known: the round
 * has already said what stops it.
 */
export async function reportThisDesk(
  db: Db,
  connection: OfficeConnection,
  report: { appVersion: string; pending: number; lastSyncedAt: string | null },
  now: Date,
): Promise<void> {
  const answer = await askOffice(connection, 'POST /v1/desks/report', report);
  if (!answer.ok) return;
  const known: KnownDesk[] = answer.value.desks
    .filter((desk) => desk.revokedAt === null)
    .map((desk) => ({ deskId: desk.deskId, name: desk.name, lastSyncedAt: desk.lastSyncedAt }));
  const value = JSON.stringify(known);
  const at = now.toISOString();
  await db
    .insertInto('settings')
    .values({ id: newId(), key: KNOWN_DESKS_KEY, value, created_at: at, updated_at: at, created_by: SYSTEM_USER_ID, updated_by: SYSTEM_USER_ID })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

/** The office's desks and the server's health, asked of the server now: an administrator's list is never an old copy. */
export async function officeDesks(db: Db): Promise<OfficeDesksView> {
  const link = await readStoredLink(db);
  if (link === null) throw new AppError('rule', 'office.notPaired');
  const health = await askOfficeOrRefuse(link, 'GET /v1/health', null);
  const listed: OfficeDesks = await askOfficeOrRefuse(link, 'POST /v1/desks/list', {});
  return {
    thisDeskId: link.deskId,
    desks: listed.desks,
    server: { address: link.address, version: health.serverVersion, engine: health.engine, upSince: health.upSince, operations: listed.operations },
  };
}

/**
 * Revokes another desk (a lost or stolen PC), for an administrator of this desk (the call's
 * permission): the server is told who asks, refuses this desk itself, and the revocation is
 * recorded in this desk's audit log with its reason once the server has made it.
 */
export async function revokeOtherDesk(db: Db, sync: Pick<DeskSync, 'signedByAdministrator'>, input: ValidInput<'office.revokeDesk'>, context: CallContext): Promise<{ deskId: string }> {
  const link = await readStoredLink(db);
  if (link === null) throw new AppError('rule', 'office.notPaired');
  if (input.deskId === link.deskId) throw new AppError('rule', 'office.revokeSelf');
  const listed = await askOfficeOrRefuse(link, 'POST /v1/desks/list', {});
  const desk = listed.desks.find((candidate) => candidate.deskId === input.deskId && candidate.revokedAt === null);
  if (desk === undefined) throw new AppError('not_found', 'office.deskNotFound');
  // Signed by the administrator who asks: the server takes a revocation from no one else.
  const revocation = { deskId: input.deskId, askedBy: context.actorId, at: context.now.toISOString() };
  await askOfficeOrRefuse(link, 'POST /v1/desks/revoke', { ...revocation, ...sync.signedByAdministrator(context.actorId, (key) => signRevocation(revocation, key)) });
  await appendAudit(db, context, {
    action: 'office.deskRevoked',
    entityType: 'setting',
    entityId: null,
    summary: { deskId: desk.deskId, deskName: desk.name, reason: input.reason },
  });
  return { deskId: input.deskId };
}

async function askOfficeOrRefuse<Route extends Parameters<typeof askOffice>[1]>(
  connection: OfficeConnection,
  route: Route,
  input: Parameters<typeof askOffice<Route>>[2],
) {
  const answer = await askOffice(connection, route, input).catch((error: unknown) => {
    throw asRefusal(error);
  });
  if (!answer.ok) throw refusalOf(answer.error);
  return answer.value;
}
