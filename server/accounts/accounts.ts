import type { Kysely, Transaction } from 'kysely';
import type { OfficeAccount, OfficeAccounts, OperationRefusal, OfficeSigningKey } from '../../electron/api/sync/office';
import type { SignedOperation } from '../../electron/api/sync/signed';
import { SYSTEM_ACCOUNT_ID } from '../../electron/api/sync/office';
import { accountSignatureHolds, keySignatureHolds, operationSignatureHolds, revocationSignatureHolds } from '../../electron/services/sync/signature';
import { HLC_MAX_DRIFT_MS } from '../../electron/api/sync/hlc';
import { OfficeRefusal } from '../http/refusal';
import type { ServerSchema } from '../storage/schema';

type Db = Kysely<ServerSchema> | Transaction<ServerSchema>;

/**
 * The office's accounts are the server's: an account's role and whether it is active are changed
 * here, by an administrator's signed word from any online desk, and every operation a desk sends is
 * checked against them: signed with a key of its author's, by an active account whose role may make
 * it. The server knows an account by its id only; names and passwords stay sealed in the record.
 */

const refuse = (messageKey: string) => new OfficeRefusal(403, { code: 'forbidden', messageKey });

/** Every account and signing key the office holds, for the desks to check operations and show accounts against. */
export async function listAccounts(db: Db): Promise<OfficeAccounts> {
  const accounts = await db.selectFrom('accounts').selectAll().orderBy('user_id').execute();
  const keys = await db.selectFrom('signing_keys').select(['key_id', 'user_id', 'desk_id', 'public_key']).orderBy('registered_at').orderBy('key_id').execute();
  const office = await db.selectFrom('office').select('unsigned_up_to').executeTakeFirst();
  return {
    accounts: accounts.map((row) => ({ userId: row.user_id, role: row.role, active: row.active, changedAt: row.changed_at.toISOString() })),
    keys: keys.map((row): OfficeSigningKey => ({ keyId: row.key_id, userId: row.user_id, deskId: row.desk_id, publicKey: row.public_key })),
    unsignedUpTo: Number(office?.unsigned_up_to ?? 0),
  };
}

/**
 * The accounts a desk held before it was paired, taken once per desk: those the office does not know
 * yet join it as the desk held them (the first desk's are the office's first accounts). The one-time
 * pairing code an administrator made is what vouches for them; an account the office knows keeps
 * what the office holds.
 */
export async function joinAccounts(db: Kysely<ServerSchema>, deskId: string, accounts: readonly OfficeAccount[], now: Date): Promise<OfficeAccounts> {
  return db.transaction().execute(async (trx) => {
    const desk = await trx.selectFrom('desks').select('accounts_joined_at').where('desk_id', '=', deskId).forUpdate().executeTakeFirstOrThrow();
    if (desk.accounts_joined_at !== null) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.accountsJoined' });
    // Wasl's own account is no one's: it signs nothing but with a desk's key.
    if (accounts.some((account) => account.userId === SYSTEM_ACCOUNT_ID)) throw refuse('office.unknownAccount');
    if (accounts.length > 0) {
      await trx
        .insertInto('accounts')
        .values(accounts.map((account) => ({ user_id: account.userId, role: account.role, active: account.active, changed_at: new Date(account.changedAt), changed_by: null, changed_by_desk: deskId })))
        .onConflict((conflict) => conflict.column('user_id').doNothing())
        .execute();
    }
    await trx.updateTable('desks').set({ accounts_joined_at: now }).where('desk_id', '=', deskId).execute();
    return listAccounts(trx);
  });
}

/** A key the office holds that belongs to an active administrator; null otherwise. */
async function administratorKey(db: Db, keyId: string): Promise<{ userId: string; publicKey: string } | null> {
  const row = await db
    .selectFrom('signing_keys')
    .innerJoin('accounts', 'accounts.user_id', 'signing_keys.user_id')
    .select(['signing_keys.user_id', 'signing_keys.public_key'])
    .where('signing_keys.key_id', '=', keyId)
    .where('accounts.role', '=', 'administrator')
    .where('accounts.active', '=', true)
    .executeTakeFirst();
  return row === undefined ? null : { userId: row.user_id!, publicKey: row.public_key };
}

/**
 * An account made or changed by an administrator at a desk: taken when its signature holds under
 * an active administrator's key. An office keeps at least one active administrator, and no one
 * changes their own access (the desks' rules, checked again here).
 */
export async function putAccount(db: Kysely<ServerSchema>, deskId: string, input: { account: OfficeAccount; signerKeyId: string; signature: string }, now: Date): Promise<OfficeAccounts> {
  return db.transaction().execute(async (trx) => {
    const signer = await administratorKey(trx, input.signerKeyId);
    if (signer === null || !accountSignatureHolds(input.account, input.signature, signer.publicKey)) throw refuse('office.notAdministrator');
    const { account } = input;
    // Signed a moment ago by a desk whose clock is right: a signed change kept and sent again later is not taken.
    const changedAt = Date.parse(account.changedAt);
    if (Math.abs(changedAt - now.getTime()) > HLC_MAX_DRIFT_MS) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.clockOff', details: { serverTime: now.toISOString() } });
    // The office's administrators, locked: two of them disabling each other at once leave one.
    await trx.selectFrom('accounts').select('user_id').where('role', '=', 'administrator').where('active', '=', true).forUpdate().execute();
    const current = await trx.selectFrom('accounts').selectAll().where('user_id', '=', account.userId).forUpdate().executeTakeFirst();
    // A change made before the one the office holds was overtaken by it: the administrator is told, and looks again.
    if (current !== undefined && current.changed_at.getTime() >= changedAt) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.accountChangedMeanwhile' });
    if (account.userId === signer.userId && (!account.active || account.role !== 'administrator')) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'users.cannotChangeOwnAccess' });
    const losesAdministrator = current?.role === 'administrator' && current.active && (account.role !== 'administrator' || !account.active);
    if (losesAdministrator) {
      const others = await trx.selectFrom('accounts').select('user_id').where('role', '=', 'administrator').where('active', '=', true).where('user_id', '!=', account.userId).execute();
      if (others.length === 0) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'users.lastAdministrator' });
    }
    const values = { role: account.role, active: account.active, changed_at: new Date(account.changedAt), changed_by: signer.userId, changed_by_desk: deskId };
    if (current === undefined) await trx.insertInto('accounts').values({ user_id: account.userId, ...values }).execute();
    else await trx.updateTable('accounts').set(values).where('user_id', '=', account.userId).execute();
    return listAccounts(trx);
  });
}

/**
 * A new signing key of an account. Unvouched, only its first, from the desk that brought the account
 * when it joined (an account that has signed nothing yet, untouched by an administrator since); every
 * other must be vouched for by a key of the same account or of an active administrator (an account
 * made, re-enabled or its password reset).
 */
export async function putSigningKey(
  db: Kysely<ServerSchema>,
  deskId: string,
  input: { userId: string; keyId: string; publicKey: string; vouch: { keyId: string; signature: string } | null },
  now: Date,
): Promise<OfficeAccounts> {
  return db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('accounts').select(['active', 'changed_by', 'changed_by_desk']).where('user_id', '=', input.userId).forUpdate().executeTakeFirst();
    if (account === undefined) throw refuse('office.unknownAccount');
    if (!account.active) throw refuse('office.accountDisabled');
    const known = await trx.selectFrom('signing_keys').select(['key_id', 'user_id', 'public_key']).where('key_id', '=', input.keyId).executeTakeFirst();
    if (known !== undefined) {
      // The same key sent again (its answer lost) is taken once; another key under its id is not.
      if (known.user_id === input.userId && known.public_key === input.publicKey) return listAccounts(trx);
      throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.keyTaken' });
    }
    const earlier = await trx.selectFrom('signing_keys').select('key_id').where('user_id', '=', input.userId).limit(1).executeTakeFirst();
    // Unvouched, only an account's first key, and only from the desk that brought the account to the
    // office: another desk's word would let whoever holds it sign as an account that has not signed yet.
    const broughtHere = account.changed_by === null && account.changed_by_desk === deskId;
    if (input.vouch === null && (earlier !== undefined || !broughtHere)) throw refuse('office.keyNotVouched');
    // A vouch, where one is sent, must hold: by a key of the same account, or of an active administrator.
    if (input.vouch !== null) {
      const own = await trx.selectFrom('signing_keys').select('public_key').where('key_id', '=', input.vouch.keyId).where('user_id', '=', input.userId).executeTakeFirst();
      const voucher = own?.public_key ?? (await administratorKey(trx, input.vouch.keyId))?.publicKey ?? null;
      if (voucher === null || !keySignatureHolds(input, input.vouch.signature, voucher)) throw refuse('office.keyNotVouched');
    }
    const vouchedBy = input.vouch?.keyId ?? null;
    await trx
      .insertInto('signing_keys')
      .values({ key_id: input.keyId, user_id: input.userId, desk_id: null, public_key: input.publicKey, vouched_by: vouchedBy, registered_by_desk: deskId, registered_at: now })
      .execute();
    return listAccounts(trx);
  });
}

/** The desk's own key, for what Wasl does by itself there: taken once, then never replaced. */
export async function putDeskSigningKey(db: Kysely<ServerSchema>, deskId: string, input: { keyId: string; publicKey: string }, now: Date): Promise<{ keyId: string }> {
  const existing = await db.selectFrom('signing_keys').select(['key_id', 'public_key']).where('desk_id', '=', deskId).executeTakeFirst();
  if (existing !== undefined) {
    if (existing.key_id === input.keyId && existing.public_key === input.publicKey) return { keyId: existing.key_id };
    throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.keyTaken' });
  }
  await db
    .insertInto('signing_keys')
    .values({ key_id: input.keyId, user_id: null, desk_id: deskId, public_key: input.publicKey, vouched_by: null, registered_by_desk: deskId, registered_at: now })
    .execute();
  return { keyId: input.keyId };
}

/**
 * Whether a desk's revocation of another was asked for by an active administrator of the office:
 * signed a moment ago with a key of theirs (a desk naming an administrator it is not is refused).
 */
export async function revocationIsAnAdministrators(db: Db, revocation: { deskId: string; askedBy: string; at: string; keyId: string; signature: string }, now: Date): Promise<boolean> {
  if (Math.abs(Date.parse(revocation.at) - now.getTime()) > HLC_MAX_DRIFT_MS) return false;
  const signer = await administratorKey(db, revocation.keyId);
  return signer !== null && signer.userId === revocation.askedBy && revocationSignatureHolds(revocation, revocation.signature, signer.publicKey);
}

/**
 * The tables only some roles write, as far as the server can tell them from what it reads in clear:
 * accounts (an administrator, or a user their own row: a password changed), and merges and
 * settlements of conflicts (supervisors and administrators). What is decided inside a row (a role
 * changed, a person erased) the desks check, against the signed author.
 */
function allowed(entity: string, action: string, rowId: string, author: { userId: string; role: string }): boolean {
  // Wasl itself writes no account; an account is made by an administrator; a user changes their own row only.
  if (entity === 'users') return author.role === 'administrator' || (author.role !== 'system' && action !== 'insert' && rowId === author.userId);
  if (entity === 'beneficiary_merges' || entity === 'conflict_settlements') return author.role === 'supervisor' || author.role === 'administrator';
  return true;
}

/**
 * What the office makes of each operation of a push before taking it: null when it may be taken,
 * or why not. What Wasl does by itself at a desk is signed with that desk's key and may not act
 * for an account: it writes no account, merge or settlement.
 */
export async function checkOperations(
  db: Db,
  deskId: string,
  operations: ReadonlyArray<Omit<SignedOperation, 'deskId' | 'payload'> & { payload: Uint8Array; signature: string }>,
): Promise<Array<OperationRefusal | null>> {
  const keyIds = [...new Set(operations.map((operation) => operation.keyId))];
  const keys = new Map(
    (await db.selectFrom('signing_keys').select(['key_id', 'user_id', 'desk_id', 'public_key']).where('key_id', 'in', keyIds).execute()).map((row) => [row.key_id, row]),
  );
  const userIds = [...new Set(operations.map((operation) => operation.userId))];
  const accounts = new Map((await db.selectFrom('accounts').select(['user_id', 'role', 'active']).where('user_id', 'in', userIds).execute()).map((row) => [row.user_id, row]));
  return operations.map((stored) => {
    // Signed as it travelled: the payload in base64 (the bytes the server keeps, written back the same way).
    const operation = { ...stored, payload: Buffer.from(stored.payload).toString('base64') };
    const key = keys.get(operation.keyId);
    if (operation.userId === SYSTEM_ACCOUNT_ID) {
      if (key === undefined || key.desk_id !== deskId) return 'unknown_key';
      if (!operationSignatureHolds({ ...operation, deskId }, operation.signature, key.public_key)) return 'signature';
      return allowed(operation.entity, operation.action, operation.rowId, { userId: SYSTEM_ACCOUNT_ID, role: 'system' }) ? null : 'not_allowed';
    }
    if (key === undefined || key.user_id !== operation.userId) return 'unknown_key';
    if (!operationSignatureHolds({ ...operation, deskId }, operation.signature, key.public_key)) return 'signature';
    const account = accounts.get(operation.userId);
    if (account === undefined) return 'unknown_account';
    if (!account.active) return 'disabled_account';
    return allowed(operation.entity, operation.action, operation.rowId, { userId: operation.userId, role: account.role }) ? null : 'not_allowed';
  });
}
