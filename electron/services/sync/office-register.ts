import type Database from 'better-sqlite3-multiple-ciphers';
import type { ApiError } from '../../api/result';
import type { OfficeAccounts, OfficeWireOperation } from '../../api/sync/office';
import { SYSTEM_USER_ID } from '../context';
import { askOffice, type OfficeConnection } from './office-client';
import { operationSignatureHolds } from './signature';
import type { HeldSigningKey, SigningKeys } from './signing';
import { keepNow, readKeptNow } from './kept-settings';

/**
 * The office's register of accounts and signing keys is the server's (server/accounts/): a desk
 * keeps a copy of it, refreshed at every round, to check who signed what the other desks sent, and
 * gives the server what it lacks: the accounts the desk held before it was paired (once), the
 * desk's own key (once), and the first key of each account that signed in here.
 */

const JOINED = 'office.accountsJoined';
const DESK_KEY_GIVEN = 'office.deskSigningKeyGiven';
const UNSIGNED_UP_TO = 'office.unsignedUpTo';



/** The office's answer, or the refusal it gave as a problem to show. */
type Asked<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * Brings the office's register and this desk's copy of it up to date (see above). Answers what the
 * administrators should be told, or null: a key of an account the office would not take.
 */
export async function keepOfficeRegister(sqlite: Database.Database, connection: OfficeConnection, keys: SigningKeys, deskKey: HeldSigningKey, now: Date): Promise<ApiError | null> {
  const at = now.toISOString();
  let register: Asked<OfficeAccounts> | null = null;
  if (readKeptNow(sqlite, JOINED) !== true) {
    const accounts = (
      sqlite.prepare("SELECT id, role, active, updated_at FROM users WHERE role != 'system' ORDER BY id").all() as Array<{ id: string; role: 'officer' | 'supervisor' | 'administrator'; active: number; updated_at: string }>
    ).map((row) => ({ userId: row.id, role: row.role, active: row.active === 1, changedAt: new Date(row.updated_at).toISOString() }));
    register = await askOffice(connection, 'POST /v1/accounts/join', { accounts });
    // Refused as joined already: the answer to an earlier join was lost on its way back.
    if (register.ok || register.error.messageKey === 'office.accountsJoined') keepNow(sqlite, JOINED, true, at);
    if (!register.ok) return register.error.messageKey === 'office.accountsJoined' ? null : register.error;
  }
  if (readKeptNow(sqlite, DESK_KEY_GIVEN) !== deskKey.keyId) {
    const given = await askOffice(connection, 'POST /v1/desks/signing-key', { keyId: deskKey.keyId, publicKey: deskKey.publicKey });
    if (!given.ok) return given.error;
    keepNow(sqlite, DESK_KEY_GIVEN, deskKey.keyId, at);
  }
  if (register === null || !register.ok) register = await askOffice(connection, 'POST /v1/accounts/list', {});
  if (!register.ok) return register.error;
  let problem: ApiError | null = null;
  const known = new Set(register.value.keys.map((key) => key.keyId));
  for (const [userId, key] of keys.held()) {
    if (known.has(key.keyId)) continue;
    // An account's first key is taken as it comes; a later one only vouched for (see server/accounts).
    const taken = await askOffice(connection, 'POST /v1/accounts/keys/put', { userId, keyId: key.keyId, publicKey: key.publicKey, vouch: null });
    if (taken.ok) register = taken;
    else problem ??= { code: 'rule', messageKey: 'office.signingKeyRefused', details: { reason: taken.error.messageKey } };
  }
  keepRegister(sqlite, register.value, at);
  return problem;
}

/** The office's register as the server gave it, in place of the one kept before. */
export function keepRegister(sqlite: Database.Database, register: OfficeAccounts, at: string): void {
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM office_signing_keys').run();
    const key = sqlite.prepare('INSERT INTO office_signing_keys (key_id, user_id, desk_id, public_key) VALUES (?, ?, ?, ?)');
    for (const each of register.keys) key.run(each.keyId, each.userId, each.deskId, each.publicKey);
    sqlite.prepare('DELETE FROM office_accounts').run();
    const account = sqlite.prepare('INSERT INTO office_accounts (user_id, role, active, changed_at) VALUES (?, ?, ?, ?)');
    for (const each of register.accounts) account.run(each.userId, each.role, each.active ? 1 : 0, each.changedAt);
    // Taken once, never moved later: an office that checked signatures from some place on does not stop checking them.
    const known = readKeptNow(sqlite, UNSIGNED_UP_TO);
    keepNow(sqlite, UNSIGNED_UP_TO, typeof known === 'number' ? Math.min(known, register.unsignedUpTo) : register.unsignedUpTo, at);
  })();
}

/**
 * Whether an operation received is signed by its author, under a key of the office's register kept
 * here: an account's key for an account's operation, the sending desk's own for what Wasl did by
 * itself there. Operations the office took before it checked signatures carry none. Made once per
 * page received, with the register as it stands.
 */
export function authorCheck(sqlite: Database.Database): { complete: boolean; knows(keyId: string): boolean; signedByItsAuthor(operation: OfficeWireOperation): boolean } {
  const keys = new Map(
    (sqlite.prepare('SELECT key_id, user_id, desk_id, public_key FROM office_signing_keys').all() as Array<{ key_id: string; user_id: string | null; desk_id: string | null; public_key: string }>).map(
      (key) => [key.key_id, key],
    ),
  );
  const unsignedUpTo = readKeptNow(sqlite, UNSIGNED_UP_TO);
  return {
    // A desk that has not yet kept the office's register (its round stopped before) asks for it first.
    complete: typeof unsignedUpTo === 'number',
    knows: (keyId) => keys.has(keyId),
    signedByItsAuthor: (operation) => {
      if (operation.keyId === null || operation.signature === null) return typeof unsignedUpTo === 'number' && operation.serverSeq <= unsignedUpTo;
      const key = keys.get(operation.keyId);
      if (key === undefined) return false;
      const owner = operation.userId === SYSTEM_USER_ID ? key.desk_id === operation.deskId : key.user_id === operation.userId;
      return owner && operationSignatureHolds({ ...operation, keyId: operation.keyId }, operation.signature, key.public_key);
    },
  };
}

/** Refreshes this desk's copy of the register from the office. */
export async function refreshRegister(sqlite: Database.Database, connection: OfficeConnection, now: Date): Promise<ApiError | null> {
  const answer = await askOffice(connection, 'POST /v1/accounts/list', {});
  if (!answer.ok) return answer.error;
  keepRegister(sqlite, answer.value, now.toISOString());
  return null;
}
