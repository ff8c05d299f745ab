import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { makePairingCode, type OfficeDesks, type PairAnswer, type PairingCode } from '../../electron/api/sync/office';
import { OfficeRefusal } from '../http/refusal';
import { authHashOf, pairingAuthOf } from './pairing-auth';
import type { ServerSchema } from '../storage/schema';

type Db = Kysely<ServerSchema>;

/**
 * The desks of the office: paired once with a one-time code, then known by a secret of their own
 * that the server keeps only the hash of (a copy of the server's database pairs nothing and lets no
 * one in), and revoked when their PC is lost.
 */

/** How long a pairing code may be used: the administrator pairs the desk the same day. */
export const PAIRING_CODE_HOURS = 24;
/** A desk's last contact is written at most this often: not at every push and pull. */
const LAST_SEEN_EVERY_MS = 60_000;

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * A new one-time pairing code made at the server (`npm run server`): for the office's first desk,
 * which makes the office's key. Once a desk has made it, codes are made on a paired desk, which
 * wraps the key with the code for the desk that pairs with it: a code made here would pair a desk
 * that cannot read the office's record.
 */
export async function createPairingCode(db: Db, now: Date): Promise<PairingCode> {
  const office = await db.selectFrom('office').select('key_check').executeTakeFirstOrThrow();
  if (office.key_check !== null) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.pairOnDesk' });
  const code = makePairingCode(randomInt);
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_HOURS * 3_600_000);
  await db
    .insertInto('pairing_codes')
    .values({ code_hash: authHashOf(await pairingAuthOf(code)), created_at: now, expires_at: expiresAt, key_wrap: null, made_by_desk: null })
    .execute();
  return { code, expiresAt: expiresAt.toISOString() };
}

/** A pairing code a paired desk made: the server learns only its derived key's hash and the wrapped office key. */
export async function registerDeskPairingCode(db: Db, deskId: string, input: { authHash: string; keyWrap: string }, now: Date): Promise<{ expiresAt: string }> {
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_HOURS * 3_600_000);
  await db
    .insertInto('pairing_codes')
    .values({ code_hash: Buffer.from(input.authHash, 'base64url'), created_at: now, expires_at: expiresAt, key_wrap: input.keyWrap, made_by_desk: deskId })
    .execute();
  return { expiresAt: expiresAt.toISOString() };
}

/**
 * Records what proves a desk holds the office's key, once: the first desk, which made the key. A
 * desk that made another key (two first desks at once) is refused: it pairs again with a code
 * made on the desk that won.
 */
export async function setKeyCheck(db: Db, keyCheck: string): Promise<{ keyCheck: string }> {
  return db.transaction().execute(async (trx) => {
    const office = await trx.selectFrom('office').select('key_check').forUpdate().executeTakeFirstOrThrow();
    if (office.key_check === null) await trx.updateTable('office').set({ key_check: keyCheck }).execute();
    else if (office.key_check !== keyCheck) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.otherKey' });
    return { keyCheck };
  });
}

/**
 * Pairs a desk with a code that is known, unused and not expired, using it up, in one transaction:
 * two desks given the same code cannot both pair. The same refusal for a code mistyped, used or
 * expired: it tells someone trying codes nothing.
 */
export async function pairDesk(db: Db, input: { auth: string; deskName: string; appVersion: string }, now: Date): Promise<PairAnswer> {
  return db.transaction().execute(async (trx) => {
    const code = await trx
      .selectFrom('pairing_codes')
      .leftJoin('desks as maker', 'maker.desk_id', 'pairing_codes.made_by_desk')
      .select(['pairing_codes.code_hash', 'pairing_codes.key_wrap', 'maker.revoked_at as maker_revoked_at'])
      .where('pairing_codes.code_hash', '=', authHashOf(input.auth))
      .where('pairing_codes.used_at', 'is', null)
      .where('pairing_codes.expires_at', '>', now)
      .forUpdate('pairing_codes')
      .executeTakeFirst();
    // A code made by a desk revoked since (a lost PC) pairs nothing.
    if (!code || code.maker_revoked_at !== null) throw new OfficeRefusal(400, { code: 'rule', messageKey: 'office.pairingCodeInvalid' });
    const office = await trx.selectFrom('office').select(['office_id', 'key_check']).executeTakeFirstOrThrow();
    // A code made at the server, after the office's key was made, would pair a desk that cannot read the record.
    if (code.key_wrap === null && office.key_check !== null) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.pairOnDesk' });
    const deskId = randomBytes(8).toString('hex');
    const credential = randomBytes(32).toString('base64url');
    await trx
      .insertInto('desks')
      .values({ desk_id: deskId, name: input.deskName, credential_hash: sha256(credential), app_version: input.appVersion, paired_at: now })
      .execute();
    // The wrap goes once handed over: an old code (on paper, in a chat) and a copy of the server's
    // database together must not give the office's key.
    await trx.updateTable('pairing_codes').set({ used_at: now, used_by_desk: deskId, key_wrap: null }).where('code_hash', '=', code.code_hash).execute();
    return { deskId, credential, officeId: office.office_id, keyWrap: code.key_wrap, keyCheck: office.key_check };
  });
}

/** The desk a request comes from, by its credential; refused when unknown or revoked. */
export async function authenticateDesk(db: Db, authorization: string | undefined, now: Date): Promise<{ deskId: string }> {
  const credential = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(authorization ?? '')?.[1];
  if (credential === undefined) throw new OfficeRefusal(401, { code: 'unauthenticated', messageKey: 'office.deskUnknown' });
  const hash = sha256(credential);
  const desk = await db.selectFrom('desks').select(['desk_id', 'credential_hash', 'last_seen_at', 'revoked_at']).where('credential_hash', '=', hash).executeTakeFirst();
  // The lookup is by hash; the comparison is made again in constant time all the same.
  if (!desk || !timingSafeEqual(desk.credential_hash, hash)) throw new OfficeRefusal(401, { code: 'unauthenticated', messageKey: 'office.deskUnknown' });
  if (desk.revoked_at !== null) throw new OfficeRefusal(403, { code: 'forbidden', messageKey: 'office.deskRevoked' });
  if (desk.last_seen_at === null || now.getTime() - desk.last_seen_at.getTime() > LAST_SEEN_EVERY_MS) {
    await db.updateTable('desks').set({ last_seen_at: now }).where('desk_id', '=', desk.desk_id).execute();
  }
  return { deskId: desk.desk_id };
}

/** Revokes a desk: from now on nothing it sends is taken. Answers whether there was such a desk. */
export async function revokeDesk(db: Db, deskId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('desks').set({ revoked_at: now }).where('desk_id', '=', deskId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Revokes another desk at a paired desk's request (an administrator's, named by `askedBy`). The desk
 * that asks checks that user's permission itself, as the accounts are still each desk's own; once
 * they are the server's, it checks the user here. A desk cannot revoke itself: it would lock out the
 * administrator who asked, with nothing left to undo it from.
 */
export async function revokeOtherDesk(db: Db, callerDeskId: string, input: { deskId: string; askedBy: string }, now: Date): Promise<{ deskId: string }> {
  if (input.deskId === callerDeskId) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.revokeSelf' });
  if (!(await revokeDesk(db, input.deskId, now))) throw new OfficeRefusal(404, { code: 'not_found', messageKey: 'office.deskNotFound' });
  return { deskId: input.deskId };
}

/** What a desk says of itself at each round: its version, the changes it holds unsent, and when its last round went through. */
export async function recordDeskReport(db: Db, deskId: string, report: { appVersion: string; pending: number; lastSyncedAt: string | null }): Promise<void> {
  await db
    .updateTable('desks')
    .set({ app_version: report.appVersion, pending: report.pending, last_synced_at: report.lastSyncedAt === null ? null : new Date(report.lastSyncedAt) })
    .where('desk_id', '=', deskId)
    .execute();
}

/** The office's desks as administrators see them, in the order they were paired: never their secrets. */
export async function listDesks(db: Db): Promise<OfficeDesks> {
  const rows = await db
    .selectFrom('desks')
    .select(['desk_id', 'name', 'paired_at', 'last_seen_at', 'app_version', 'pending', 'last_synced_at', 'revoked_at'])
    .orderBy('paired_at')
    .orderBy('desk_id')
    .execute();
  const held = await db.selectFrom('sequences').select('last_value').where('name', '=', 'operations').executeTakeFirstOrThrow();
  const iso = (date: Date | null) => (date === null ? null : date.toISOString());
  return {
    desks: rows.map((row) => ({
      deskId: row.desk_id,
      name: row.name,
      pairedAt: row.paired_at.toISOString(),
      lastSeenAt: iso(row.last_seen_at),
      appVersion: row.app_version,
      pending: row.pending,
      lastSyncedAt: iso(row.last_synced_at),
      revokedAt: iso(row.revoked_at),
    })),
    operations: Number(held.last_value),
  };
}

/** Whether any desk was ever paired: until one is, the server offers its first pairing code. */
export async function anyDeskPaired(db: Db): Promise<boolean> {
  return (await db.selectFrom('desks').select('desk_id').limit(1).executeTakeFirst()) !== undefined;
}
