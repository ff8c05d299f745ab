import type { KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { unwrapKey, wrapKey, type KeyWrap, type ScryptParameters } from '../accounts/key-wrap';
import { newId } from '../ids';
import { newSigningKeyPair, privateSigningKey, seedOf } from './signature';
import { keepNow, readKeptNow } from './kept-settings';

type Db = Kysely<DatabaseSchema>;

/**
 * The keys a desk signs the operations it sends with (signature.ts says what is signed and why).
 * Each account has one Ed25519 key, its private half wrapped by the account's password and kept with
 * the account (users.signing_key), so that it reaches every desk with the account and signs there.
 * A desk opens an account's key when that account signs in with its password, and keeps it, in
 * memory only, until Wasl closes: what an officer did is sent signed by them even after they signed
 * out and a colleague signed in. What an account did that no open key of theirs can sign waits in
 * the outbox until they sign in here again. What Wasl does by itself at a desk (nobody signed in) is
 * signed with the desk's own key, kept in its encrypted database.
 */

/** A key this desk may sign with now: its id and private half. */
export interface HeldSigningKey {
  keyId: string;
  publicKey: string;
  privateKey: KeyObject;
}

/** An account's key as kept with the account: the private half's seed wrapped by the password. */
interface KeptSigningKey {
  keyId: string;
  publicKey: string;
  wrap: KeyWrap;
}

/** What a wrap is bound to: this key of this account, so it cannot be passed off as another's. */
const bindingOf = (userId: string, keyId: string) => `wasl-signing-key:${userId}:${keyId}`;

/** The accounts' keys opened at this desk since Wasl started, and the desk's own. */
export class SigningKeys {
  private readonly accounts = new Map<string, HeldSigningKey>();

  hold(userId: string, key: HeldSigningKey): void {
    this.accounts.set(userId, key);
  }

  /** The key that signs what `userId` did here; null when their key is not open at this desk now. */
  of(userId: string): HeldSigningKey | null {
    return this.accounts.get(userId) ?? null;
  }

  /** The accounts whose keys are open here, with their keys. */
  held(): Array<[string, HeldSigningKey]> {
    return [...this.accounts.entries()];
  }
}

function parseKept(text: string | null): KeptSigningKey | null {
  if (text === null) return null;
  try {
    const kept = JSON.parse(text) as Partial<KeptSigningKey>;
    return typeof kept.keyId === 'string' && typeof kept.publicKey === 'string' && typeof kept.wrap === 'object' && kept.wrap !== null ? (kept as KeptSigningKey) : null;
  } catch {
    return null;
  }
}

/** A new key for an account, wrapped by `password`: what to keep in users.signing_key, and the key itself. */
export async function newAccountSigningKey(userId: string, password: string, keyDerivation: ScryptParameters): Promise<{ kept: string; key: HeldSigningKey }> {
  const { publicKey, seed } = newSigningKeyPair();
  const keyId = newId();
  const wrap = await wrapKey(seed, password, bindingOf(userId, keyId), keyDerivation);
  return { kept: JSON.stringify({ keyId, publicKey, wrap } satisfies KeptSigningKey), key: { keyId, publicKey, privateKey: privateSigningKey(seed, publicKey)! } };
}

/**
 * At a sign-in with a password: the account's key opened with it and held for this run; an account
 * without a key yet is given one (written to its account row, which the office receives as the
 * account's own change: call it once the account is signed in). A key the password does not open
 * (the password was changed at another desk, and its new wrap has not arrived yet) is left shut:
 * what the account does here waits to be sent until it signs in with the password that opens it.
 */
export async function unlockSigningKey(db: Db, keys: SigningKeys, userId: string, password: string, keyDerivation: ScryptParameters): Promise<void> {
  const row = await db.selectFrom('users').select('signing_key').where('id', '=', userId).executeTakeFirst();
  if (row === undefined) return;
  const kept = parseKept(row.signing_key);
  if (kept !== null) {
    const seed = await unwrapKey(kept.wrap, password, bindingOf(userId, kept.keyId));
    const privateKey = seed === null ? null : privateSigningKey(seed, kept.publicKey);
    if (privateKey !== null) keys.hold(userId, { keyId: kept.keyId, publicKey: kept.publicKey, privateKey });
    return;
  }
  const made = await newAccountSigningKey(userId, password, keyDerivation);
  await db.updateTable('users').set({ signing_key: made.kept }).where('id', '=', userId).execute();
  keys.hold(userId, made.key);
}

/**
 * After an account changed its own password: its key, open here, wrapped anew by the new one (the
 * same key, so what it signed before still verifies), as users.signing_key is to hold it, written by
 * the caller with the password's change. Null for a key not open here (see unlockSigningKey): it
 * stays wrapped by the password that opens it.
 */
export async function rewrappedSigningKey(keys: SigningKeys, userId: string, newPassword: string, keyDerivation: ScryptParameters): Promise<string | null> {
  const held = keys.of(userId);
  if (held === null) return null;
  const seed = seedOf(held.privateKey);
  const wrap = await wrapKey(seed, newPassword, bindingOf(userId, held.keyId), keyDerivation);
  return JSON.stringify({ keyId: held.keyId, publicKey: held.publicKey, wrap } satisfies KeptSigningKey);
}

/** Where the desk keeps its own key (settings, never sent): its id, public half and seed. */
const DESK_KEY = 'office.deskSigningKey';

/** The desk's own key, made the first time it is needed. */
export function deskSigningKey(sqlite: Database.Database, at: string): HeldSigningKey {
  const kept = readKeptNow(sqlite, DESK_KEY) as { keyId: string; publicKey: string; seed: string } | undefined;
  if (kept !== undefined) {
    const privateKey = privateSigningKey(Buffer.from(kept.seed, 'base64'), kept.publicKey);
    if (privateKey !== null) return { keyId: kept.keyId, publicKey: kept.publicKey, privateKey };
  }
  const { publicKey, seed } = newSigningKeyPair();
  const keyId = newId();
  keepNow(sqlite, DESK_KEY, { keyId, publicKey, seed: seed.toString('base64') }, at);
  return { keyId, publicKey, privateKey: privateSigningKey(seed, publicKey)! };
}
