import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PAIRING_CODE_ALPHABET, type PairAnswer, type PairingCode } from '../../electron/api/sync/office';
import { OfficeRefusal } from '../http/refusal';
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

/** A new one-time pairing code: twelve letters and digits read without doubt, in three groups. */
export async function createPairingCode(db: Db, now: Date): Promise<PairingCode> {
  const letters = Array.from({ length: 12 }, () => PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)]).join('');
  const code = `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8)}`;
  const expiresAt = new Date(now.getTime() + PAIRING_CODE_HOURS * 3_600_000);
  await db.insertInto('pairing_codes').values({ code_hash: sha256(code), created_at: now, expires_at: expiresAt }).execute();
  return { code, expiresAt: expiresAt.toISOString() };
}

/**
 * Pairs a desk with a code that is known, unused and not expired, using it up, in one transaction:
 * two desks given the same code cannot both pair. The same refusal for a code mistyped, used or
 * expired: it tells someone trying codes nothing.
 */
export async function pairDesk(db: Db, input: { code: string; deskName: string; appVersion: string }, now: Date): Promise<PairAnswer> {
  return db.transaction().execute(async (trx) => {
    const code = await trx
      .selectFrom('pairing_codes')
      .select(['code_hash'])
      .where('code_hash', '=', sha256(input.code))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .forUpdate()
      .executeTakeFirst();
    if (!code) throw new OfficeRefusal(400, { code: 'rule', messageKey: 'office.pairingCodeInvalid' });
    const deskId = randomBytes(8).toString('hex');
    const credential = randomBytes(32).toString('base64url');
    await trx
      .insertInto('desks')
      .values({ desk_id: deskId, name: input.deskName, credential_hash: sha256(credential), app_version: input.appVersion, paired_at: now })
      .execute();
    await trx.updateTable('pairing_codes').set({ used_at: now, used_by_desk: deskId }).where('code_hash', '=', code.code_hash).execute();
    const office = await trx.selectFrom('office').select('office_id').executeTakeFirstOrThrow();
    return { deskId, credential, officeId: office.office_id };
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

/** Whether any desk was ever paired: until one is, the server offers its first pairing code. */
export async function anyDeskPaired(db: Db): Promise<boolean> {
  return (await db.selectFrom('desks').select('desk_id').limit(1).executeTakeFirst()) !== undefined;
}
