import type { Kysely } from 'kysely';
import type { OfficeLink, OfficeServerSeen, OfficeStatus } from '../../api/office';
import type { ValidInput } from '../../api/contract';
import type { ApiError } from '../../api/result';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { stamp, type CallContext } from '../context';
import { AppError } from '../errors';
import { newId } from '../ids';
import { askOffice, OfficeUnreachable, readOfficeCertificate } from '../sync/office-client';

type Db = Kysely<DatabaseSchema>;

/**
 * The desk's link to the office server, kept in the settings table under `office.link` (the
 * database is encrypted; the desk's secret is never shown). A desk without one works alone.
 */
const LINK_KEY = 'office.link';

/** What the desk keeps of its pairing: what the screens show, and what it needs to reach the server. */
interface StoredLink {
  address: string;
  certificate: string;
  fingerprint: string;
  deskId: string;
  deskName: string;
  credential: string;
  officeId: string;
  pairedAt: string;
  pairedBy: string;
}

export async function readStoredLink(db: Db): Promise<StoredLink | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', LINK_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as StoredLink) : null;
}

export async function officeStatus(db: Db): Promise<OfficeStatus> {
  const stored = await readStoredLink(db);
  if (stored === null) return { link: null };
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
  return { link };
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
export async function pairThisDesk(db: Db, input: ValidInput<'office.pair'>, context: CallContext & { appVersion: string }): Promise<OfficeStatus> {
  if ((await readStoredLink(db)) !== null) throw new AppError('rule', 'office.alreadyPaired');
  const seen = await readOfficeCertificate(input.address).catch((error: unknown) => {
    throw asRefusal(error);
  });
  if (seen.fingerprint !== input.fingerprint) throw new AppError('rule', 'office.certificateChanged');
  const connection = { address: input.address, certificate: seen.certificate };
  const answer = await askOffice(connection, 'POST /v1/desks/pair', { code: input.code, deskName: input.deskName, appVersion: context.appVersion }).catch(
    (error: unknown) => {
      throw asRefusal(error);
    },
  );
  if (!answer.ok) throw refusalOf(answer.error);
  const stored: StoredLink = {
    ...connection,
    fingerprint: seen.fingerprint,
    deskId: answer.value.deskId,
    deskName: input.deskName,
    credential: answer.value.credential,
    officeId: answer.value.officeId,
    pairedAt: context.now.toISOString(),
    pairedBy: context.actorId,
  };
  await db.transaction().execute(async (trx) => {
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
  });
  return officeStatus(db);
}

/** The office out of reach, or answering with another certificate, as the refusal the administrator reads. */
function asRefusal(error: unknown): unknown {
  if (!(error instanceof OfficeUnreachable)) return error;
  return new AppError('rule', error.reason === 'certificate_changed' ? 'office.certificateChanged' : 'office.unreachable');
}

/** The server's refusal, as this desk's: its fields are the pairing form's own. */
function refusalOf(error: ApiError): AppError {
  const code = error.code === 'validation' || error.code === 'rule' ? error.code : 'rule';
  return new AppError(code, error.messageKey, error.details);
}
