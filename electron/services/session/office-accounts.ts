import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../../../db/schema';
import { isBearableCost, openSealedKey, sealKey, unwrapKey, wrapKey, type KeyWrap, type ScryptParameters } from '../accounts/key-wrap';
import {
  foldUsername,
  officeAccountBinding,
  officeDatabaseKeyBinding,
  updateKeyring,
  type Keyring,
  type KeyringAccount,
  type OfficeKeyring,
  type OfficeKeyringAccount,
} from '../accounts/keyring';
import { readStoredLink } from '../office/link';

/**
 * Signing in at any desk of the office. On a paired desk, an account's password also wraps the
 * office's key; the wrap is kept in its users row (`office_key_wrap`), so it reaches every desk with
 * the row, and each desk mirrors the wraps of the active accounts into its keyring, beside its own
 * database key sealed by the office's key. An account with no wrap of this desk's own signs in by
 * unwrapping the office's key with its password, then opening this desk's key with it, and is given
 * its own wrap here: from then on it signs in at this desk as at its first, with or without the server.
 *
 * The newest password wins: a wrap set at another desk (a change, an administrator's reset) that
 * arrives here replaces the one mirrored, and the account's own wrap here goes with it, so the old
 * password opens nothing here either. A disabled account's entries go from every desk its row reaches.
 */

type Db = Kysely<DatabaseSchema>;

/** The office this desk is paired with, and its key; null for a desk that works alone. */
export async function officeOf(db: Db): Promise<{ officeId: string; key: Buffer } | null> {
  const link = await readStoredLink(db);
  return link === null ? null : { officeId: link.officeId, key: Buffer.from(link.officeKey, 'base64') };
}

/** An account's new wrap of the office's key: for its users row (`column`) and this desk's keyring. */
export interface OfficeKeyWrapMade {
  officeId: string;
  officeKey: Buffer;
  wrap: KeyWrap;
  /** The wrap as the users row keeps it. */
  column: string;
}

/** The account's wrap of the office's key by a password set or first used here; null on a desk that works alone. */
export async function wrapOfficeKeyFor(db: Db, userId: string, password: string, keyDerivation: ScryptParameters): Promise<OfficeKeyWrapMade | null> {
  const office = await officeOf(db);
  if (office === null) return null;
  const wrap = await wrapKey(office.key, password, officeAccountBinding(office.officeId, userId), keyDerivation);
  return { officeId: office.officeId, officeKey: office.key, wrap, column: JSON.stringify(wrap) };
}

/** What changes of an account's entries in the keyring: its own wrap of the database key, and its wrap of the office's key. */
export interface AccountEntries {
  /** A new wrap of this desk's key; null: none any more; absent: unchanged. */
  local?: KeyringAccount | null;
  /** A new wrap of the office's key (with this desk's key, to seal by the office's key); null: none any more; absent: unchanged. */
  office?: { made: OfficeKeyWrapMade; username: string; databaseKey: Buffer } | null;
}

/** The keyring with an account's entries changed (see AccountEntries): both in one write. */
export function withAccountEntries(keyring: Keyring, userId: string, change: AccountEntries): Keyring {
  let next = keyring;
  if (change.local !== undefined) {
    const entry = change.local;
    // One entry per username too, as setKeyringAccount keeps it.
    const others = next.accounts.filter((account) => account.userId !== userId && account.username !== entry?.username);
    next = { ...next, accounts: entry === null ? others : [...others, entry] };
  }
  if (change.office === null && next.office) {
    next = { ...next, office: { ...next.office, accounts: next.office.accounts.filter((account) => account.userId !== userId) } };
  } else if (change.office) {
    const { made, username, databaseKey } = change.office;
    const office = officeSection(next, made.officeId, made.officeKey, databaseKey);
    // Its time on the office's clock is known once the change is in the record: the next mirroring reads it.
    const entry: OfficeKeyringAccount = { userId, username, wrap: made.wrap, failedAttempts: 0, lockedUntil: null, wrappedAt: null };
    next = { ...next, office: { ...office, accounts: [...office.accounts.filter((account) => account.userId !== userId), entry] } };
  }
  return next;
}

/** Changes an account's entries in the keyring file (see AccountEntries), read and written in one step. */
export function keepAccountEntries(keyringPath: string, userId: string, change: AccountEntries): void {
  updateKeyring(keyringPath, (latest) => withAccountEntries(latest, userId, change));
}

/**
 * Mirrors the office's accounts into the keyring, from the users rows as this desk holds them: at
 * the database's opening, at pairing, and whenever the desk took changes from the office. Each
 * active account's wrap under its user name here (another desk's account whose name a desk of this
 * one had first is known as `name~<last letters of its id>`, services/sync/apply.ts). A wrap set
 * after the one mirrored (by the office's clock) was set at another desk: the account's own wrap
 * here, made with its older password, goes. One set before it is an older record's (this database
 * put back from a backup, which the keyring is not): the newer wrap stays, until the office gives
 * the record its newer change again. A disabled account's entries go.
 */
export async function mirrorOfficeAccounts(db: Db, keyringPath: string, databaseKey: Buffer): Promise<void> {
  const office = await officeOf(db);
  if (office === null) return;
  // The time of the change that set each wrap: the field's last update, or the row's birth.
  const wrappedAt = sql<string>`coalesce(
    (SELECT hlc FROM sync_field_versions WHERE entity = 'users' AND row_id = users.id AND field = 'office_key_wrap'),
    (SELECT born_hlc FROM sync_row_versions WHERE entity = 'users' AND row_id = users.id), '')`;
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'active', 'office_key_wrap', wrappedAt.as('wrapped_at')])
    .where('role', '!=', 'system')
    .orderBy('id')
    .execute();
  updateKeyring(keyringPath, (latest) => {
    const section = officeSection(latest, office.officeId, office.key, databaseKey);
    const mirrored = new Map(section.accounts.map((account) => [account.userId, account]));
    const gone = new Set<string>();
    const accounts: OfficeKeyringAccount[] = [];
    for (const user of users) {
      const before = mirrored.get(user.id);
      if (user.active !== 1) {
        gone.add(user.id);
        continue;
      }
      const wrap = receivedWrap(user.office_key_wrap);
      if (wrap === null) continue;
      const same = before !== undefined && JSON.stringify(before.wrap) === JSON.stringify(wrap);
      if (same) {
        accounts.push({ ...before, username: foldUsername(user.username), wrappedAt: user.wrapped_at });
        continue;
      }
      if (before !== undefined && before.wrappedAt !== null && user.wrapped_at < before.wrappedAt) {
        accounts.push(before);
        continue;
      }
      // Set at another desk: a password this desk's own wrap does not know of.
      gone.add(user.id);
      accounts.push({ userId: user.id, username: foldUsername(user.username), wrap, failedAttempts: 0, lockedUntil: null, wrappedAt: user.wrapped_at });
    }
    return { ...latest, accounts: latest.accounts.filter((account) => !gone.has(account.userId)), office: { ...section, accounts } };
  });
}

/**
 * This desk's database key through the office: the account's wrap of the office's key opened with
 * the password, then the desk's key sealed by it. Null when the password is not the account's (or
 * the keyring holds no key of this desk sealed by the office's).
 */
export async function databaseKeyThroughOffice(keyring: Keyring, account: KeyringAccount, password: string): Promise<Buffer | null> {
  const office = keyring.office;
  if (!office) return null;
  const officeKey = await unwrapKey(account.wrap, password, officeAccountBinding(office.officeId, account.userId));
  if (officeKey === null) return null;
  return openSealedKey(office.databaseKey, officeKey, officeDatabaseKeyBinding(keyring, office.officeId));
}

/**
 * The keyring's office section for this office, with this desk's database key sealed by the office's
 * key: kept as it is when it opens to the key the database has now, sealed again otherwise (a new
 * office, a replaced database key).
 */
function officeSection(keyring: Keyring, officeId: string, officeKey: Buffer, databaseKey: Buffer): OfficeKeyring {
  const binding = officeDatabaseKeyBinding(keyring, officeId);
  const current = keyring.office?.officeId === officeId ? keyring.office : null;
  const opened = current === null ? null : openSealedKey(current.databaseKey, officeKey, binding);
  const sealed = opened !== null && opened.equals(databaseKey) ? current!.databaseKey : sealKey(databaseKey, officeKey, binding);
  return { officeId, databaseKey: sealed, accounts: current?.accounts ?? [] };
}

const receivedWrapSchema = z.object({
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string().max(64) }),
  iv: z.string().max(64),
  ciphertext: z.string().max(128),
  tag: z.string().max(64),
});

/**
 * A users row's wrap, as another desk sent it: used only when it is a wrap, and one whose cost to
 * open is no more than Wasl's own (one that is not stays out of the keyring: its account signs in
 * here once its password is set again).
 */
function receivedWrap(column: string | null): KeyWrap | null {
  if (column === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(column);
  } catch {
    return null;
  }
  const parsed = receivedWrapSchema.safeParse(json);
  return parsed.success && isBearableCost(parsed.data.kdf) ? parsed.data : null;
}
