import type { OpenedDatabase } from '../../../db/connection';
import type { KioskState, SessionUser } from '../../api/session';
import type { ScryptParameters } from '../accounts/key-wrap';
import { DEFAULT_POLICY, type Keyring, type SignInPolicy } from '../accounts/keyring';
import type { KeyRotations } from '../accounts/rotate-database-key';
import type { AuditWitness } from '../audit/anchor';
import type { PrintPdf } from '../context';
import { AppError } from '../errors';
import type { Handlers } from '../index';
import type { KeyringFile } from './keyring-file';
import type { RefusalLimiter } from './refusals';
import type { DatabaseJobs } from '../jobs/database-jobs';
import type { DeskSync } from '../sync/desk-sync';
import type { SigningKeys } from '../sync/signing';

export interface DeskOptions {
  databasePath: string;
  keyringPath: string;
  appVersion: string;
  nativeBinding?: string;
  /** Tests only: a cheaper key derivation than OWASP's, so that hundreds of sign-ins stay fast. */
  keyDerivation?: ScryptParameters;
  clock?: () => Date;
  /** The host's PDF printer, for the documents the services print (the report). */
  printPdf?: PrintPdf;
  /** Where work that fails outside a call (an export running beside the desk) is reported. */
  logError?: (error: unknown, where: string) => void;
  /** The core stopped unexpectedly and this is it started again (see SessionState.restarted). */
  restarted?: boolean;
}

export interface Session {
  user: SessionUser;
  locked: boolean;
  /** When the user last showed they were at the desk (a call, or a key press reported by the screen). */
  lastSeen: number;
  /** The questionnaire the screen is handed over for; null when the officer has the screen. */
  kiosk: KioskState | null;
}

export interface OpenDatabase {
  opened: OpenedDatabase;
  key: Buffer;
  handlers: Handlers;
  /** The thread of the long jobs, on its own connection: closed before the database is. */
  jobs: DatabaseJobs;
  /** The sync with the office server: stopped before the database is closed. */
  sync: DeskSync;
}

/**
 * What the parts of the session share: the files, who is signed in, and the database once someone
 * has opened it. The database key exists in this process only after a password (or the recovery key)
 * has unwrapped it from the keyring.
 */
export interface DeskState {
  readonly options: DeskOptions;
  readonly now: () => Date;
  readonly keyDerivation: ScryptParameters;
  /** The accounts' signing keys opened at this desk since Wasl started (services/sync/signing.ts), kept across a database reopened. */
  readonly signingKeys: SigningKeys;
  /**
   * Whom a change made while nobody is signed in is made for: the administrator a recovery signs in,
   * while it writes their account (see sign-in.ts), so that the office takes it as theirs.
   */
  actingFor: string | null;
  /** The keyring on disk, parsed again only when the file was replaced. */
  readonly keyring: KeyringFile;
  /** Which refused calls are written to the audit log now, and which are counted for later. */
  readonly refusals: RefusalLimiter;
  /** Where the log's last entry is anchored, outside the database. */
  readonly auditWitness: AuditWitness;
  /** Replacements of the database key: they outlive the handlers of the database they replace. */
  readonly keyRotations: KeyRotations;
  database: OpenDatabase | null;
  session: Session | null;
  /** True from a restart after a stop until someone signs in again. */
  restartNotice: boolean;
}

export function requireDatabase(desk: DeskState): OpenDatabase {
  if (!desk.database) throw new AppError('unauthenticated', 'session.signedOut');
  return desk.database;
}

export function requireKeyring(desk: DeskState): Keyring {
  const keyring = desk.keyring.current();
  if (!keyring) throw new AppError('rule', 'session.notSetUp');
  return keyring;
}

/** The sign-in policy in the keyring; the default one before Wasl is set up. */
export function policyOf(desk: DeskState): SignInPolicy {
  return desk.keyring.current()?.policy ?? DEFAULT_POLICY;
}
