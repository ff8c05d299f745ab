import type { OpenedDatabase } from '../../../db/connection';
import { isSessionCall, type CallName } from '../../api/contract';
import type { Access } from '../../api/permissions';
import type { ApiError } from '../../api/result';
import type { SessionState } from '../../api/session';
import { OWASP_SCRYPT } from '../accounts/key-wrap';
import { KeyRotations, settleKeyRotation } from '../accounts/rotate-database-key';
import { keyringWitness } from '../audit/anchor';
import type { CallContext } from '../context';
import type { CallHandler } from '../dispatch';
import { authorize } from './authorize';
import { checkDeskFiles } from './files';
import { sessionHandlers } from './handlers';
import { KeyringFile } from './keyring-file';
import { closeDesk } from './open';
import { RefusalLimiter } from './refusals';
import { sessionState } from './session-state';
import { openWithRecoveryKey } from './sign-in';
import type { DeskOptions, DeskState } from './state';
import { recordRefusal } from './trail';
import { SigningKeys } from '../sync/signing';

/**
 * The desk: whether Wasl is set up, who is signed in, whether the screen is locked, and the database
 * once someone has opened it. The database key exists in this process only after a password (or the
 * recovery key) has unwrapped it from the keyring; every call is authorized here before its service
 * runs. The session's steps live beside it, one file each (sign-in, lock, lockout, setup, opening).
 */
export class Desk {
  /** What the session's parts share (see state.ts). */
  private readonly shared: DeskState;
  /** Session changes (each may take a quarter of a second of key derivation) happen one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sessionCalls: ReturnType<typeof sessionHandlers>;

  constructor(options: DeskOptions) {
    this.shared = {
      options,
      now: options.clock ?? (() => new Date()),
      keyDerivation: options.keyDerivation ?? OWASP_SCRYPT,
      keyring: new KeyringFile(options.keyringPath),
      refusals: new RefusalLimiter(),
      auditWitness: keyringWitness(options.keyringPath),
      keyRotations: new KeyRotations(),
      signingKeys: new SigningKeys(),
      actingFor: null,
      database: null,
      session: null,
      restartNotice: options.restarted === true,
    };
    this.sessionCalls = sessionHandlers(this.shared, (work) => this.serially(work));
    // Before the keyring is read: a replacement of the database key cut short is finished or undone.
    settleKeyRotation(options.databasePath, options.keyringPath);
    checkDeskFiles(options.databasePath, options.keyringPath);
  }

  get isOpen(): boolean {
    return this.shared.database !== null;
  }

  /** The open database, for the host's own work (backups, closing); null before the first sign-in. */
  get openDatabase(): OpenedDatabase | null {
    return this.shared.database?.opened ?? null;
  }

  close(): Promise<void> {
    return closeDesk(this.shared);
  }

  /** The context of an allowed call, or why it is refused. Public calls run in any state. */
  authorize(name: CallName, access: Access): Promise<CallContext | ApiError> {
    return authorize(this.shared, name, access);
  }

  handlerOf(name: CallName): CallHandler {
    if (isSessionCall(name)) return this.sessionCalls[name] as CallHandler;
    const database = this.shared.database;
    if (!database) throw new Error(`${name} was authorized without an open database`);
    return database.handlers[name] as CallHandler;
  }

  /** A refused call, into the audit log when it is one worth a trace (see refusals.ts). */
  recordRefusal(name: CallName, error: ApiError, context: CallContext | null): Promise<void> {
    return recordRefusal(this.shared, name, error, context);
  }

  state(): SessionState {
    return sessionState(this.shared);
  }

  /**
   * Opens the database with the recovery key for the association's own tools (the command-line
   * report): nobody signs in, and what the tool does is done as the system account.
   */
  openWithRecoveryKey(recoveryKey: string): Promise<void> {
    return this.serially(() => openWithRecoveryKey(this.shared, recoveryKey));
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
