import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { toLatinDigits } from '../../api/fields/digits';
import { fsyncPath } from '../durable';
import type { KeyWrap, SealedKey } from './key-wrap';

/**
 * The keyring: a small JSON file beside the database holding the database key wrapped once per
 * account (by the account's password) and once by the recovery key, and on a paired desk the office's
 * accounts' wraps of the office's key (OfficeKeyring). It holds no beneficiary data.
 * Because it must be read before the database can be opened, it also keeps what signing in needs
 * beforehand: the sign-in policy, each account's failed attempts and lockout (so a lockout survives a
 * restart), and failed sign-ins waiting to be written to the audit log once the database is open.
 */
export interface Keyring {
  format: 'wasl-keyring';
  version: 1;
  /** Names the database this keyring opens; part of every wrap's associated data. */
  databaseId: string;
  associationName: string;
  policy: SignInPolicy;
  accounts: KeyringAccount[];
  recovery: KeyWrap;
  pendingEvents: PendingEvent[];
  /**
   * The audit log's last entry when the desk last signed someone in or out, locked or closed: kept
   * outside the database, so that entries cut from the end of the log are noticed too.
   */
  auditHead?: AuditHead | null;
  /** On a desk paired with the office server: how the office's accounts sign in here (see OfficeKeyring). */
  office?: OfficeKeyring | null;
}

/**
 * What lets an account of the office sign in at this desk without a wrap of this desk's own: each
 * account's wrap of the office's key by its password (mirrored from its users row, which every desk
 * of the office holds), and this desk's database key sealed by the office's key. Signing in that way
 * unwraps the one, then opens the other, and gives the account its own wrap here.
 */
export interface OfficeKeyring {
  officeId: string;
  databaseKey: SealedKey;
  /** Each active account's wrap of the office's key, under its user name at this desk, with its failed attempts here. */
  accounts: OfficeKeyringAccount[];
}

export interface OfficeKeyringAccount extends KeyringAccount {
  /**
   * When the wrap was set, on the office's clock (the hybrid-logical-clock time of the change that
   * wrote it, as this desk's record has it); null for one made here and not yet mirrored from the record.
   */
  wrappedAt: string | null;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface SignInPolicy {
  maxFailedAttempts: number;
  lockoutMinutes: number;
  idleLockMinutes: number;
}

export const DEFAULT_POLICY: SignInPolicy = { maxFailedAttempts: 5, lockoutMinutes: 15, idleLockMinutes: 5 };

export interface KeyringAccount {
  userId: string;
  /** Folded as typed at sign-in (see `foldUsername`). */
  username: string;
  wrap: KeyWrap;
  failedAttempts: number;
  lockedUntil: string | null;
}

/** Something that happened while the database was closed; written to the audit log when it opens. */
export interface PendingEvent {
  at: string;
  action: 'session.signInFailed' | 'session.lockedOut';
  /** The account's username; null when what was typed matches no account (it is not kept). */
  username: string | null;
  userId: string | null;
  /** A wrong recovery key rather than a wrong password. */
  recoveryKey?: boolean;
}

/** The newest failures are the ones worth keeping when someone hammers the sign-in screen. */
const MAX_PENDING_EVENTS = 500;

export const KEYRING_FILE = 'wasl.keyring';

const wrapSchema = z.object({
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: z.string(),
  }),
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
});

const accountSchema = z.object({
  userId: z.string().min(1),
  username: z.string().min(1),
  wrap: wrapSchema,
  failedAttempts: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
});

const sealedSchema = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });

const keyringSchema = z.object({
  format: z.literal('wasl-keyring'),
  version: z.literal(1),
  databaseId: z.string().min(1),
  associationName: z.string(),
  policy: z.object({
    maxFailedAttempts: z.number().int().min(1),
    lockoutMinutes: z.number().int().min(1),
    idleLockMinutes: z.number().int().min(1),
  }),
  accounts: z.array(accountSchema),
  recovery: wrapSchema,
  office: z
    .object({ officeId: z.string().min(1), databaseKey: sealedSchema, accounts: z.array(accountSchema.extend({ wrappedAt: z.string().nullable() })) })
    .nullable()
    .optional(),
  auditHead: z.object({ seq: z.number().int().min(0), hash: z.string() }).nullable().optional(),
  pendingEvents: z.array(
    z.object({
      at: z.string(),
      action: z.enum(['session.signInFailed', 'session.lockedOut']),
      username: z.string().nullable(),
      userId: z.string().nullable(),
      recoveryKey: z.boolean().optional(),
    }),
  ),
});

/** The keyring file cannot be used: it is not there, or it is not a keyring. */
export class KeyringError extends Error {
  constructor(
    readonly reason: 'missing' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'KeyringError';
  }
}

export function readKeyring(path: string): Keyring {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KeyringError('missing', `The keyring ${path} is missing.`);
    throw new KeyringError('damaged', `The keyring ${path} cannot be read: ${String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyringError('damaged', `The keyring ${path} is not valid JSON.`);
  }
  const parsed = keyringSchema.safeParse(json);
  if (!parsed.success) throw new KeyringError('damaged', `The keyring ${path} is damaged: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Replaces the keyring in one step: written to a temporary file, flushed to disk, then renamed over
 * the old one, so a crash leaves either the old keyring or the new one, never half of one.
 */
export function writeKeyring(path: string, keyring: Keyring): void {
  const trimmed: Keyring = { ...keyring, pendingEvents: keyring.pendingEvents.slice(-MAX_PENDING_EVENTS) };
  const temporary = `${path}.${process.pid}.tmp`;
  const descriptor = openSync(temporary, 'w', 0o600);
  try {
    writeSync(descriptor, `${JSON.stringify(trimmed, null, 2)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, path);
  // The rename itself is on the disk only once the folder is flushed.
  fsyncPath(dirname(path), { folder: true });
}

/**
 * Puts one account's entry in the keyring, or removes it (null). The file is read again right
 * before it is written, so that nothing written meanwhile (a failed sign-in counted) is lost.
 */
export function setKeyringAccount(path: string, userId: string, entry: KeyringAccount | null): void {
  const latest = readKeyring(path);
  // One entry per username too: after a restore, an account made since the backup may be made
  // again under the same name, and signing in must find the new one.
  const others = latest.accounts.filter((account) => account.userId !== userId && account.username !== entry?.username);
  writeKeyring(path, { ...latest, accounts: entry === null ? others : [...others, entry] });
}

/**
 * Reads the keyring, changes it and writes it back in one synchronous step (nothing written meanwhile
 * is lost); nothing is written when the change leaves it as it was.
 */
export function updateKeyring(path: string, change: (latest: Keyring) => Keyring): Keyring {
  const latest = readKeyring(path);
  const next = change(latest);
  if (JSON.stringify(next) !== JSON.stringify(latest)) writeKeyring(path, next);
  return next;
}

/** What signing in compares: trimmed, case-folded, digits in Latin, one Unicode form. */
export function foldUsername(username: string): string {
  return toLatinDigits(username.normalize('NFKC').trim().toLowerCase());
}

/** The associated data of an account's wrap: the wrap opens only this database, for this account. */
export const accountBinding = (keyring: Pick<Keyring, 'databaseId'>, userId: string): string =>
  `wasl-keyring:${keyring.databaseId}:account:${userId}`;

/**
 * The associated data of an account's wrap of the office's key: the same at every desk of the office
 * (the wrap travels with the account's row), for this account only.
 */
export const officeAccountBinding = (officeId: string, userId: string): string => `wasl-office:${officeId}:account:${userId}`;

/** The associated data of this desk's database key sealed by the office's key. */
export const officeDatabaseKeyBinding = (keyring: Pick<Keyring, 'databaseId'>, officeId: string): string =>
  `wasl-keyring:${keyring.databaseId}:office:${officeId}`;

export const recoveryBinding = (keyring: Pick<Keyring, 'databaseId'>): string =>
  `wasl-keyring:${keyring.databaseId}:recovery`;
