import type { Kysely } from 'kysely';
import { randomInt } from 'node:crypto';
import type { OfficeLink, OfficeServerSeen, OfficeStatus, PairingCodeMade } from '../../api/office';
import { makePairingCode, type PairAnswer } from '../../api/sync/office';
import type { ValidInput } from '../../api/contract';
import type { ApiError } from '../../api/result';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { stamp, type CallContext } from '../context';
import { AppError } from '../errors';
import { newId } from '../ids';
import { LINK_KEY } from './link-key';
import type { DeskSync } from '../sync/desk-sync';
import { keepNumberBlocks } from '../sync/number-blocks';
import { askOffice, OfficeUnreachable, readOfficeCertificate, type OfficeConnection } from '../sync/office-client';
import { newOfficeKey, officeKeyCheck, pairingAuthHashOf, pairingAuthOf, unwrapOfficeKey, wrapOfficeKey } from '../sync/office-key';

type Db = Kysely<DatabaseSchema>;

/** What the desk keeps of its pairing: what the screens show, and what it needs to reach the server. */
interface StoredLink {
  address: string;
  certificate: string;
  fingerprint: string;
  deskId: string;
  deskName: string;
  credential: string;
  officeId: string;
  /** The office's key, base64: it seals what the desk sends, and opens what the other desks sent. */
  officeKey: string;
  pairedAt: string;
  pairedBy: string;
}

export async function readStoredLink(db: Db): Promise<StoredLink | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', LINK_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as StoredLink) : null;
}

export async function officeStatus(db: Db, sync: DeskSync): Promise<OfficeStatus> {
  const stored = await readStoredLink(db);
  if (stored === null) return { link: null, sync: null };
  const user = await db.selectFrom('users').select(['id', 'display_name']).where('id', '=', stored.pairedBy).executeTakeFirst();
  const link: OfficeLink = {
    address: stored.address,
    fingerprint: stored.fingerprint,
    deskId: stored.deskId,
    deskName: stored.deskName,
    officeId: stored.officeId,
    pairedAt: stored.pairedAt,
    pairedBy: { id: stored.pairedBy, displayName: user?.display_name ?? '' },
  };
  return { link, sync: sync.status() };
}

/** The certificate the server presents, trusting nothing yet; a server out of reach is said so. */
export async function inspectOffice(input: ValidInput<'office.inspect'>): Promise<OfficeServerSeen> {
  const seen = await readOfficeCertificate(input.address).catch((error: unknown) => {
    throw asRefusal(error);
  });
  return { address: input.address, fingerprint: seen.fingerprint };
}

/**
 * Pairs this desk: the server's certificate is read again and must be the one whose fingerprint the
 * administrator accepted (another would be someone else answering at that address); the code is sent
 * over TLS to that certificate alone; what the server gives is kept with the audit entry, in one
 * transaction. A desk already paired is refused: it is one desk of one office.
 */
export async function pairThisDesk(
  db: Db,
  sync: DeskSync,
  input: ValidInput<'office.pair'>,
  context: CallContext & { appVersion: string },
): Promise<OfficeStatus> {
  if ((await readStoredLink(db)) !== null) throw new AppError('rule', 'office.alreadyPaired');
  const seen = await readOfficeCertificate(input.address).catch((error: unknown) => {
    throw asRefusal(error);
  });
  if (seen.fingerprint !== input.fingerprint) throw new AppError('rule', 'office.certificateChanged');
  const connection = { address: input.address, certificate: seen.certificate };
  const auth = await pairingAuthOf(input.code);
  const answer = await askOffice(connection, 'POST /v1/desks/pair', { auth, deskName: input.deskName, appVersion: context.appVersion }).catch(
    (error: unknown) => {
      throw asRefusal(error);
    },
  );
  if (!answer.ok) throw refusalOf(answer.error);
  const paired = { ...connection, credential: answer.value.credential };
  const officeKey = await officeKeyFor(paired, answer.value, input.code);
  const stored: StoredLink = {
    ...connection,
    fingerprint: seen.fingerprint,
    deskId: answer.value.deskId,
    deskName: input.deskName,
    credential: answer.value.credential,
    officeId: answer.value.officeId,
    officeKey: officeKey.toString('base64'),
    pairedAt: context.now.toISOString(),
    pairedBy: context.actorId,
  };
  await sync.pairing(stored, (queueWholeRecord) =>
    db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ id: newId(), key: LINK_KEY, value: JSON.stringify(stored), ...stamp(context) })
        .execute();
      await appendAudit(trx, context, {
        action: 'office.paired',
        entityType: 'setting',
        entityId: null,
        summary: { address: stored.address, fingerprint: stored.fingerprint, deskId: stored.deskId, officeId: stored.officeId },
      });
      // Inside the same transaction (the same connection): the link and the queued record are kept together.
      queueWholeRecord();
    }),
  );
  // What the desk numbered alone goes to the office as its floor, and its first blocks are reserved,
  // so that it numbers at once; should the office not answer now, the sync's next round does it.
  await keepNumberBlocks(db, paired, context.now).catch((error: unknown) => {
    if (!(error instanceof OfficeUnreachable)) throw error;
  });
  return officeStatus(db, sync);
}

/**
 * The office's key for a desk that just paired: unwrapped with the code (made on a paired desk), and
 * checked against the office's; or, for the office's first desk, made here and its check recorded.
 */
async function officeKeyFor(paired: OfficeConnection, answer: PairAnswer, code: string): Promise<Buffer> {
  if (answer.keyWrap !== null) {
    const key = await unwrapOfficeKey(answer.keyWrap, code, answer.officeId);
    if (key === null || officeKeyCheck(key) !== answer.keyCheck) throw new AppError('rule', 'office.keyNotOpened');
    return key;
  }
  const key = newOfficeKey();
  const recorded = await askOffice(paired, 'POST /v1/office/key-check', { keyCheck: officeKeyCheck(key) }).catch((error: unknown) => {
    throw asRefusal(error);
  });
  if (!recorded.ok) throw refusalOf(recorded.error);
  return key;
}

/**
 * A pairing code for another desk, made here: the office's key goes with it, wrapped by the code;
 * the server is sent the wrap and a hash of a key derived from the code, never the code, so it can
 * neither pair with it nor open the wrap. The code is shown once, to be typed at the other desk.
 */
export async function newPairingCode(db: Db, context: CallContext): Promise<PairingCodeMade> {
  const stored = await readStoredLink(db);
  if (stored === null) throw new AppError('rule', 'office.notPaired');
  const code = makePairingCode(randomInt);
  const authHash = pairingAuthHashOf(await pairingAuthOf(code));
  const keyWrap = await wrapOfficeKey(Buffer.from(stored.officeKey, 'base64'), code, stored.officeId);
  const answer = await askOffice(stored, 'POST /v1/desks/pairing-codes', { authHash, keyWrap }).catch((error: unknown) => {
    throw asRefusal(error);
  });
  if (!answer.ok) throw refusalOf(answer.error);
  await appendAudit(db, context, { action: 'office.pairingCodeMade', entityType: 'setting', entityId: null, summary: { expiresAt: answer.value.expiresAt } });
  return { code, expiresAt: answer.value.expiresAt };
}

/** The office out of reach, or answering with another certificate, as the refusal the administrator reads. */
export function asRefusal(error: unknown): unknown {
  if (!(error instanceof OfficeUnreachable)) return error;
  return new AppError('rule', error.reason === 'certificate_changed' ? 'office.certificateChanged' : 'office.unreachable');
}

/** The server's refusal, as this desk's: its fields are the pairing form's own. */
export function refusalOf(error: ApiError): AppError {
  const code = error.code === 'validation' || error.code === 'rule' ? error.code : 'rule';
  // The code travels as the key derived from it: a refusal of that key is a refusal of the code typed.
  const fields = error.details?.fields?.map((field) => (field.path === 'auth' ? { ...field, path: 'code', messageKey: 'validation.office.pairingCode' } : field));
  return new AppError(code, error.messageKey, error.details ? { ...error.details, ...(fields ? { fields } : {}) } : undefined);
}
