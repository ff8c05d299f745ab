import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { asOpenError, checkReadable, DatabaseOpenError, openDatabase, type OpenedDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { isSessionCall, type CallName, type CallOutput, type SessionCallName, type ValidInput } from '../api/contract';
import { roleMay, ROLE_PERMISSIONS, isRole, type Access, type Role } from '../api/permissions';
import type { ApiError } from '../api/result';
import type { SessionState, SessionUser } from '../api/session';
import { OWASP_SCRYPT, unwrapKey, wrapKey, type ScryptParameters } from '../services/accounts/key-wrap';
import {
  accountBinding,
  DEFAULT_POLICY,
  foldUsername,
  KeyringError,
  readKeyring,
  recoveryBinding,
  setKeyringAccount,
  writeKeyring,
  type Keyring,
  type KeyringAccount,
  type PendingEvent,
} from '../services/accounts/keyring';
import { newRecoveryKey, normalizeRecoveryKey } from '../services/accounts/recovery-key';
import type { DatabaseSwap } from '../services/backups/restore';
import { KeyRotations, settleKeyRotation } from '../services/accounts/rotate-database-key';
import { refusePasswordLikeUsername } from '../services/accounts/users';
import { advanceAuditAnchor, keyringWitness, type AuditWitness } from '../services/audit/anchor';
import { appendAudit, type AuditEvent } from '../services/audit/log';
import { SYSTEM_USER_ID, type CallContext, type PrintPdf } from '../services/context';
import { AppError } from '../services/errors';
import { newId } from '../services/ids';
import { createHandlers, type Handlers } from '../services/index';
import { installStarterLibrary } from '../services/inquiries/library';
import { ensureNameIndexCurrent } from '../services/search/reindex';
import type { Handler } from './dispatch';
import { isRecordedRefusal, RefusalLimiter, type RefusalSummary } from './refusals';

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
}

interface Session {
  user: SessionUser;
  locked: boolean;
  /** When the user last showed they were at the desk (a call, or a key press reported by the screen). */
  lastSeen: number;
}

interface OpenDatabase {
  opened: OpenedDatabase;
  key: Buffer;
  handlers: Handlers;
}

/**
 * The desk: whether Wasl is set up, who is signed in, whether the screen is locked, and the database
 * once someone has opened it. The database key exists in this process only after a password (or the
 * recovery key) has unwrapped it from the keyring; every call is authorized here before its service runs.
 */
export class Desk {
  private database: OpenDatabase | null = null;
  private session: Session | null = null;
  /** Session changes (each may take a quarter of a second of key derivation) happen one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private keyringCache: { version: string; keyring: Keyring } | null = null;
  /** Which refused calls are written to the audit log now, and which are counted for later. */
  private readonly refusals = new RefusalLimiter();
  private readonly keyDerivation: ScryptParameters;
  private readonly now: () => Date;
  /** Where the log's last entry is anchored, outside the database. */
  private readonly auditWitness: AuditWitness;
  /** Replacements of the database key: they outlive the handlers of the database they replace. */
  private readonly keyRotations = new KeyRotations();

  constructor(private readonly options: DeskOptions) {
    this.keyDerivation = options.keyDerivation ?? OWASP_SCRYPT;
    this.now = options.clock ?? (() => new Date());
    this.auditWitness = keyringWitness(options.keyringPath);
    // Before the keyring is read: a replacement of the database key cut short is finished or undone.
    settleKeyRotation(options.databasePath, options.keyringPath);
    this.checkFiles();
  }

  /**
   * Refuses to start on files that cannot be used together, before anyone types a password: a
   * database without its keyring, or a keyring whose database has gone. Nothing is created or
   * changed in either case.
   */
  private checkFiles(): void {
    const { databasePath, keyringPath } = this.options;
    const hasDatabase = existsSync(databasePath);
    if (existsSync(keyringPath)) {
      readKeyring(keyringPath);
      if (!hasDatabase) {
        throw new DatabaseOpenError('missing', `The keyring ${keyringPath} exists but the database ${databasePath} is missing.`);
      }
    } else if (hasDatabase && !existsSync(legacyKeyPath(databasePath))) {
      throw new KeyringError('missing', `The database ${databasePath} exists but its keyring ${keyringPath} is missing.`);
    }
  }

  get isOpen(): boolean {
    return this.database !== null;
  }

  /** The open database, for the host's own work (backups, closing); null before the first sign-in. */
  get openDatabase(): OpenedDatabase | null {
    return this.database?.opened ?? null;
  }

  async close(): Promise<void> {
    // Closing goes on whatever happens: a database that can no longer be read is still let go of.
    await this.writeHeldBackRefusals().catch(() => undefined);
    await this.anchorAuditLog().catch(() => undefined);
    const database = this.database;
    this.database = null;
    this.session = null;
    if (database) {
      database.key.fill(0);
      await database.opened.close();
    }
  }

  // --- authorization ------------------------------------------------------------------------

  /** The context of an allowed call, or why it is refused. Public calls run in any state. */
  async authorize(name: CallName, access: Access): Promise<CallContext | ApiError> {
    const now = this.now();
    // Public calls act for nobody yet: each session call names its own actor in what it records.
    if (access === 'public') return { actorId: this.session?.user.id ?? '', now };
    const session = this.session;
    if (!session || !this.database) return { code: 'unauthenticated', messageKey: 'session.signedOut' };
    if (!session.locked && now.getTime() - session.lastSeen > this.policy().idleLockMinutes * 60_000) {
      await this.lockSession(session, 'idle');
    }
    if (session.locked) return { code: 'locked', messageKey: 'session.locked' };
    // The account as it is now: an administrator's change of role or disabling applies to the next call.
    const account = await this.database.opened.db
      .selectFrom('users')
      .select(['role', 'active', 'must_change_password'])
      .where('id', '=', session.user.id)
      .executeTakeFirst();
    if (!account || account.active !== 1 || !isRole(account.role)) {
      await this.endSession();
      return { code: 'unauthenticated', messageKey: 'session.signedOut' };
    }
    session.user.role = account.role;
    if (account.must_change_password === 1 && name !== 'session.changePassword' && name !== 'session.stillHere') {
      return { code: 'password_change_required', messageKey: 'session.passwordChangeRequired' };
    }
    if (!roleMay(account.role, access)) return { code: 'forbidden', messageKey: 'forbidden' };
    session.lastSeen = now.getTime();
    return { actorId: session.user.id, now };
  }

  handlerOf(name: CallName): Handler {
    if (isSessionCall(name)) return this.sessionHandlers[name] as Handler;
    const database = this.database;
    if (!database) throw new Error(`${name} was authorized without an open database`);
    return database.handlers[name] as Handler;
  }

  /**
   * A refused call, into the audit log when it is one worth a trace (see refusals.ts): who, which
   * call, the refusal, never the input. Refusals before anyone is known (signed out, the screen
   * locked) name nobody and are not recorded here.
   */
  async recordRefusal(name: CallName, error: ApiError, context: CallContext | null): Promise<void> {
    const actorId = context?.actorId ?? this.session?.user.id;
    if (!actorId || !this.database || !isRecordedRefusal(name, error)) return;
    const now = context?.now ?? this.now();
    const summary = this.refusals.refused(actorId, name, error, now);
    if (summary !== null) await this.auditRefusal(actorId, summary, now);
  }

  /** What was held back of a person's refused calls (everyone's when none is named), written now. */
  private async writeHeldBackRefusals(actorId?: string): Promise<void> {
    for (const held of this.refusals.release(actorId)) await this.auditRefusal(held.actorId, held.summary, this.now());
  }

  private async auditRefusal(actorId: string, summary: RefusalSummary, now: Date): Promise<void> {
    if (!this.database) return;
    await appendAudit(this.database.opened.db, { actorId, now }, { action: 'call.refused', summary: { ...summary } });
  }

  // --- the session calls --------------------------------------------------------------------

  private readonly sessionHandlers: {
    [Name in SessionCallName]: (input: ValidInput<Name>, context: CallContext) => Promise<CallOutput<Name>>;
  } = {
    'session.state': async () => this.state(),
    'session.setup': (input) => this.serially(() => this.setup(input)),
    'session.signIn': (input) => this.serially(() => this.signIn(input.username, input.password)),
    'session.signOut': () => this.serially(() => this.signOut()),
    'session.lock': () => this.serially(async () => {
      if (this.session && !this.session.locked) await this.lockSession(this.session, 'manual');
      return this.state();
    }),
    'session.unlock': (input) => this.serially(() => this.unlock(input.password)),
    'session.recover': (input) => this.serially(() => this.recover(input)),
    'session.changePassword': (input, context) => this.serially(() => this.changePassword(input, context)),
    'session.stillHere': async () => ({ idleLockMinutes: this.policy().idleLockMinutes }),
  };

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  state(): SessionState {
    const keyring = this.keyringOrNull();
    const session = this.session;
    return {
      stage: !session ? (keyring !== null ? 'signedOut' : this.canSetUp() ? 'setup' : 'unavailable') : session.locked ? 'locked' : 'active',
      associationName: keyring?.associationName ?? null,
      user: session ? { ...session.user } : null,
      permissions: session && !session.locked ? [...ROLE_PERMISSIONS[session.user.role]] : [],
      idleLockMinutes: keyring?.policy.idleLockMinutes ?? DEFAULT_POLICY.idleLockMinutes,
    };
  }

  /** Setting up is for an empty folder, or a database from before accounts with its key file. */
  private canSetUp(): boolean {
    const { databasePath } = this.options;
    return !existsSync(databasePath) || existsSync(legacyKeyPath(databasePath));
  }

  private async setup(input: ValidInput<'session.setup'>): Promise<CallOutput<'session.setup'>> {
    if (this.keyringOrNull() !== null) throw new AppError('rule', 'session.alreadySetUp');
    const { databasePath, keyringPath } = this.options;
    const username = foldUsername(input.username);
    refusePasswordLikeUsername(input.password, username);
    // A database from before accounts existed keeps its key: the keyring takes it over.
    const legacyKey = readLegacyKey(databasePath);
    const databaseExisted = existsSync(databasePath);
    // A database whose keyring went missing while Wasl ran is never set up afresh over: that would
    // need a new key, which cannot open it, and nothing may replace it.
    if (databaseExisted && legacyKey === null) throw new AppError('database_unavailable', 'database.keyringMissing');
    const key = legacyKey ?? randomBytes(32);
    const userId = newId();
    const recoveryKey = newRecoveryKey();
    const base = { databaseId: newId() };
    const keyring: Keyring = {
      format: 'wasl-keyring',
      version: 1,
      ...base,
      associationName: input.associationName,
      policy: { ...DEFAULT_POLICY },
      accounts: [
        {
          userId,
          username,
          wrap: await wrapKey(key, input.password, accountBinding(base, userId), this.keyDerivation),
          failedAttempts: 0,
          lockedUntil: null,
        },
      ],
      recovery: await wrapKey(key, recoveryKey, recoveryBinding(base), this.keyDerivation),
      pendingEvents: [],
    };
    const createdDatabase = !databaseExisted;
    try {
      this.open(key);
      const context = { actorId: userId, now: this.now() };
      const { db } = this.requireDatabase().opened;
      await db.transaction().execute(async (trx) => {
        const at = context.now.toISOString();
        await trx
          .insertInto('users')
          .values({
            id: userId,
            username,
            display_name: input.displayName,
            role: 'administrator',
            active: 1,
            language: 'ar',
            must_change_password: 0,
            last_sign_in_at: at,
            created_at: at,
            updated_at: at,
            created_by: userId,
            updated_by: userId,
          })
          .execute();
        await appendAudit(trx, context, {
          action: 'app.setUp',
          entityType: 'user',
          entityId: userId,
          summary: { associationName: input.associationName, administrator: username, keptExistingData: !createdDatabase },
        });
        // A new desk opens with the policy in its reference library, not with an empty shelf.
        await installStarterLibrary(trx, context.now);
      });
      // The keyring last: until it exists, a failed setup can simply start again.
      writeKeyring(keyringPath, keyring);
    } catch (error) {
      await this.close();
      if (createdDatabase) removeDatabaseFiles(databasePath);
      throw error;
    }
    if (legacyKey !== null) rmSync(legacyKeyPath(databasePath), { force: true });
    await this.startSession(userId, 'setup');
    return { state: this.state(), recoveryKey };
  }

  private async signIn(typedUsername: string, password: string): Promise<SessionState> {
    const keyring = this.requireKeyring();
    const username = foldUsername(typedUsername);
    const account = keyring.accounts.find((candidate) => candidate.username === username);
    const now = this.now();
    if (!account) {
      // Same answer, and about the same time, as a wrong password: nothing tells which names exist.
      await unwrapKey(keyring.recovery, password, 'no-account');
      await this.recordFailure({ at: now.toISOString(), action: 'session.signInFailed', username: null, userId: null });
      throw new AppError('sign_in_failed', 'session.signInFailed');
    }
    // Whoever has not signed in gets one answer to every failure, a lockout included: a different
    // answer would tell which names are accounts. The key is derived even for a locked account, so
    // the answer takes as long; the administrator's list of accounts shows which are locked.
    const key = await unwrapKey(account.wrap, password, accountBinding(keyring, account.userId));
    if (isLockedOut(account, now)) throw new AppError('sign_in_failed', 'session.signInFailed');
    if (key === null) {
      await this.countFailure(account.userId, username);
      throw new AppError('sign_in_failed', 'session.signInFailed');
    }
    if (this.session) await this.endSession();
    await this.openWith(key);
    await this.clearFailures(account.userId);
    await this.startSession(account.userId, 'password');
    return this.state();
  }

  private async signOut(): Promise<SessionState> {
    await this.endSession();
    return this.state();
  }

  private async unlock(password: string): Promise<SessionState> {
    const session = this.session;
    if (!session) throw new AppError('unauthenticated', 'session.signedOut');
    const keyring = this.requireKeyring();
    const account = keyring.accounts.find((candidate) => candidate.userId === session.user.id);
    if (!account) {
      // Disabled while the screen was locked.
      await this.endSession();
      throw new AppError('sign_in_failed', 'session.signInFailed');
    }
    try {
      this.refuseWhileLockedOut(account, this.now());
    } catch (error) {
      await this.endSession();
      throw error;
    }
    const key = await unwrapKey(account.wrap, password, accountBinding(keyring, account.userId));
    if (key === null) {
      const lockedOut = await this.countFailure(account.userId, account.username);
      if (!lockedOut) throw new AppError('sign_in_failed', 'session.wrongPassword');
      await this.endSession();
      throw new AppError('account_locked', 'session.accountLocked', { minutes: this.policy().lockoutMinutes });
    }
    await this.clearFailures(account.userId);
    session.locked = false;
    session.lastSeen = this.now().getTime();
    await this.audit({ action: 'session.unlocked', entityType: 'user', entityId: session.user.id }, session.user.id);
    return this.state();
  }

  private async recover(input: ValidInput<'session.recover'>): Promise<SessionState> {
    const keyring = this.requireKeyring();
    const normalized = normalizeRecoveryKey(input.recoveryKey);
    const key = normalized === null ? null : await unwrapKey(keyring.recovery, normalized, recoveryBinding(keyring));
    const now = this.now();
    if (key === null) {
      await this.recordFailure({ at: now.toISOString(), action: 'session.signInFailed', username: null, userId: null, recoveryKey: true });
      throw new AppError('sign_in_failed', 'session.recoveryFailed');
    }
    // Opening the database signs nobody in; whoever is signed in stays so until the recovery is sure.
    await this.openWith(key);
    const username = foldUsername(input.username);
    const { db } = this.requireDatabase().opened;
    const user = await db
      .selectFrom('users')
      .select(['id', 'role'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!user || user.role !== 'administrator') throw new AppError('rule', 'session.recoveryNeedsAdministrator');
    refusePasswordLikeUsername(input.newPassword, username, 'newPassword');
    if (this.session) await this.endSession();
    const wrap = await wrapKey(key, input.newPassword, accountBinding(keyring, user.id), this.keyDerivation);
    const context = { actorId: user.id, now };
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ active: 1, must_change_password: 0, updated_at: now.toISOString(), updated_by: user.id })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(trx, context, { action: 'session.recovered', entityType: 'user', entityId: user.id, summary: { username } });
      setKeyringAccount(this.options.keyringPath, user.id, { userId: user.id, username, wrap, failedAttempts: 0, lockedUntil: null });
    });
    await this.startSession(user.id, 'recoveryKey');
    return this.state();
  }

  /**
   * Opens the database with the recovery key for the association's own tools (the command-line
   * report, scheduled by an administrator): nobody signs in, and what the tool does is done as the
   * system account. The opening is recorded; a wrong key is recorded like a failed sign-in.
   */
  openWithRecoveryKey(recoveryKey: string): Promise<void> {
    return this.serially(async () => {
      const keyring = this.requireKeyring();
      const normalized = normalizeRecoveryKey(recoveryKey);
      const key = normalized === null ? null : await unwrapKey(keyring.recovery, normalized, recoveryBinding(keyring));
      if (key === null) {
        await this.recordFailure({ at: this.now().toISOString(), action: 'session.signInFailed', username: null, userId: null, recoveryKey: true });
        throw new AppError('sign_in_failed', 'session.recoveryFailed');
      }
      await this.openWith(key);
      await this.audit({ action: 'session.openedWithRecoveryKey' }, SYSTEM_USER_ID);
    });
  }

  private async changePassword(input: ValidInput<'session.changePassword'>, context: CallContext): Promise<SessionState> {
    const session = this.session;
    const database = this.requireDatabase();
    if (!session) throw new AppError('unauthenticated', 'session.signedOut');
    const keyring = this.requireKeyring();
    const account = keyring.accounts.find((candidate) => candidate.userId === session.user.id);
    const key = account ? await unwrapKey(account.wrap, input.currentPassword, accountBinding(keyring, account.userId)) : null;
    if (!account || key === null) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ path: 'currentPassword', messageKey: 'validation.password.wrong' }],
      });
    }
    if (input.newPassword === input.currentPassword) {
      throw new AppError('validation', 'validation.failed', {
        fields: [{ path: 'newPassword', messageKey: 'validation.password.same' }],
      });
    }
    refusePasswordLikeUsername(input.newPassword, account.username, 'newPassword');
    const wrap = await wrapKey(database.key, input.newPassword, accountBinding(keyring, account.userId), this.keyDerivation);
    await database.opened.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ must_change_password: 0, updated_at: context.now.toISOString(), updated_by: session.user.id })
        .where('id', '=', session.user.id)
        .execute();
      await appendAudit(trx, context, { action: 'session.passwordChanged', entityType: 'user', entityId: session.user.id });
      const latest = readKeyring(this.options.keyringPath).accounts.find((entry) => entry.userId === account.userId) ?? account;
      setKeyringAccount(this.options.keyringPath, account.userId, { ...latest, wrap });
    });
    session.user.mustChangePassword = false;
    return this.state();
  }

  // --- the session's pieces -----------------------------------------------------------------

  private async startSession(userId: string, how: 'password' | 'recoveryKey' | 'setup'): Promise<void> {
    const { db } = this.requireDatabase().opened;
    const row = await db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'active', 'language', 'must_change_password'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row || row.active !== 1 || !isRole(row.role)) {
      // A wrap without a usable account (the row disabled by hand, say): treated as a wrong password.
      throw new AppError('sign_in_failed', 'session.signInFailed');
    }
    const now = this.now();
    await db.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', userId).execute();
    this.session = {
      user: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role as Role,
        language: row.language,
        mustChangePassword: row.must_change_password === 1,
      },
      locked: false,
      lastSeen: now.getTime(),
    };
    await this.audit({ action: 'session.signedIn', entityType: 'user', entityId: userId, summary: { how } }, userId);
    await this.anchorAuditLog();
  }

  /**
   * The log's last entry into the keyring, where cutting entries from the log's end shows: only
   * forward along the chain; a log that no longer reaches the anchor is recorded as broken instead.
   */
  private async anchorAuditLog(): Promise<void> {
    if (this.database && this.keyringOrNull() !== null) await advanceAuditAnchor(this.database.opened.db, this.auditWitness, this.now());
  }

  private async endSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session && this.database) {
      await this.writeHeldBackRefusals(session.user.id);
      await this.audit({ action: 'session.signedOut', entityType: 'user', entityId: session.user.id }, session.user.id);
      await this.anchorAuditLog();
    }
  }

  private async lockSession(session: Session, reason: 'idle' | 'manual'): Promise<void> {
    session.locked = true;
    await this.writeHeldBackRefusals(session.user.id);
    await this.audit({ action: 'session.locked', entityType: 'user', entityId: session.user.id, summary: { reason } }, session.user.id);
    await this.anchorAuditLog();
  }

  /** Opens the database with an unwrapped key, or checks that the key is the one already open. */
  private async openWith(key: Buffer): Promise<void> {
    if (this.database) {
      if (!this.database.key.equals(key)) throw new AppError('database_unavailable', 'database.keyringMismatch');
      return;
    }
    this.open(key);
    // Before anything is appended (the failed sign-ins kept while it was closed, the sign-in itself):
    // entries cut from the log's end while Wasl was closed are found and recorded here, where the
    // entries that follow could otherwise carry the anchor past them.
    await this.anchorAuditLog();
    await this.flushPendingEvents();
    // A desk set up before Wasl shipped a starter library receives it once, at its next opening.
    const { db } = this.requireDatabase().opened;
    await db.transaction().execute((trx) => installStarterLibrary(trx, this.now()));
  }

  private open(key: Buffer): void {
    const { databasePath } = this.options;
    let opened: OpenedDatabase;
    try {
      opened = openDatabase(databasePath, { key, nativeBinding: this.options.nativeBinding });
    } catch (error) {
      throw unavailable(error);
    }
    try {
      if (fileSizeOf(databasePath) <= FULL_CHECK_AT_OPEN_MAX_BYTES) checkReadable(opened.sqlite);
      migrate(opened.sqlite);
      ensureNameIndexCurrent(opened.sqlite);
    } catch (error) {
      // Nothing was written: a damaged or newer file is left exactly as it was found.
      opened.sqlite.close();
      throw unavailable(error);
    }
    const keys = { path: this.options.keyringPath, databaseKey: key, keyDerivation: this.keyDerivation };
    const handlers = createHandlers({
      db: opened.db,
      sqlite: opened.sqlite,
      dataDirectory: dirname(databasePath),
      appVersion: this.options.appVersion,
      keys,
      printPdf: this.options.printPdf,
      logError: this.options.logError,
      database: this.databaseSwap(),
      keyRotations: this.keyRotations,
    });
    this.database = { opened, key: Buffer.from(key), handlers };
  }

  /**
   * How restoring a backup replaces the database file under the open session: the desk closes the
   * database (calls arriving meanwhile are answered "signed out", never run on a closed connection),
   * then opens the file again with the same key, migrated, with new handlers. The session stays; the
   * next call checks its account against the restored users table.
   */
  private databaseSwap(): DatabaseSwap {
    let key: Buffer | null = null;
    return {
      closeDatabase: async () => {
        const database = this.requireDatabase();
        key = Buffer.from(database.key);
        this.database = null;
        database.key.fill(0);
        await database.opened.close();
      },
      reopenDatabase: async (newKey) => {
        if (key === null) throw new Error('reopenDatabase() before closeDatabase()');
        if (newKey !== undefined) {
          key.fill(0);
          key = Buffer.from(newKey);
        }
        if (!this.database) this.open(key);
        return this.requireDatabase().opened;
      },
      openFile: async (path, otherKey) => {
        const fileKey = otherKey ?? key ?? this.database?.key;
        if (fileKey === undefined || fileKey === null) throw new Error('openFile() without a key');
        const opened = openDatabase(path, { key: fileKey, nativeBinding: this.options.nativeBinding });
        try {
          migrate(opened.sqlite);
        } catch (error) {
          opened.sqlite.close();
          throw error;
        }
        return opened;
      },
    };
  }

  /** Failed sign-ins made while the database was closed join the audit log once it opens. */
  private async flushPendingEvents(): Promise<void> {
    const keyring = this.requireKeyring();
    if (keyring.pendingEvents.length === 0) return;
    const { db } = this.requireDatabase().opened;
    await db.transaction().execute(async (trx) => {
      for (const event of keyring.pendingEvents) {
        await appendAudit(trx, { actorId: await existingUser(trx, event.userId), now: new Date(event.at) }, pendingToAudit(event));
      }
      writeKeyring(this.options.keyringPath, { ...readKeyring(this.options.keyringPath), pendingEvents: [] });
    });
  }

  /**
   * At the lock screen only: the person is signed in already and their name is on the screen, so
   * saying the account is locked (and for how long) tells nothing about which names exist.
   */
  private refuseWhileLockedOut(account: KeyringAccount, now: Date): void {
    if (isLockedOut(account, now) && account.lockedUntil !== null) {
      const minutes = Math.ceil((new Date(account.lockedUntil).getTime() - now.getTime()) / 60_000);
      throw new AppError('account_locked', 'session.accountLocked', { minutes });
    }
  }

  /** Counts a wrong password; returns true when this failure locked the account. */
  private async countFailure(userId: string, username: string): Promise<boolean> {
    const now = this.now();
    // Read, change and write in one synchronous step, so that nothing written to the keyring
    // meanwhile (a policy change, a password reset) is lost.
    const keyring = readKeyring(this.options.keyringPath);
    const { maxFailedAttempts, lockoutMinutes } = keyring.policy;
    let lockedOut = false;
    const accounts = keyring.accounts.map((account) => {
      if (account.userId !== userId) return account;
      const failedAttempts = account.failedAttempts + 1;
      if (failedAttempts < maxFailedAttempts) return { ...account, failedAttempts };
      lockedOut = true;
      return { ...account, failedAttempts: 0, lockedUntil: new Date(now.getTime() + lockoutMinutes * 60_000).toISOString() };
    });
    const failure: PendingEvent = { at: now.toISOString(), action: 'session.signInFailed', username, userId };
    const events = lockedOut ? [failure, { ...failure, action: 'session.lockedOut' as const }] : [failure];
    const open = this.database !== null;
    writeKeyring(this.options.keyringPath, {
      ...keyring,
      accounts,
      pendingEvents: open ? keyring.pendingEvents : [...keyring.pendingEvents, ...events],
    });
    if (open) for (const event of events) await this.auditFailure(event);
    return lockedOut;
  }

  private async clearFailures(userId: string): Promise<void> {
    const keyring = readKeyring(this.options.keyringPath);
    const account = keyring.accounts.find((candidate) => candidate.userId === userId);
    if (!account || (account.failedAttempts === 0 && account.lockedUntil === null)) return;
    writeKeyring(this.options.keyringPath, {
      ...keyring,
      accounts: keyring.accounts.map((entry) => (entry.userId === userId ? { ...entry, failedAttempts: 0, lockedUntil: null } : entry)),
    });
  }

  /**
   * A failed sign-in that matches no account (or a wrong recovery key): into the audit log when the
   * database is open, otherwise kept in the keyring until it is. What was typed is never kept: a
   * name that matches no account is often a password typed in the wrong field.
   */
  private async recordFailure(event: PendingEvent): Promise<void> {
    if (this.database) {
      await this.auditFailure(event);
      return;
    }
    const keyring = readKeyring(this.options.keyringPath);
    writeKeyring(this.options.keyringPath, { ...keyring, pendingEvents: [...keyring.pendingEvents, event] });
  }

  private async auditFailure(event: PendingEvent): Promise<void> {
    const { db } = this.requireDatabase().opened;
    await appendAudit(db, { actorId: await existingUser(db, event.userId), now: new Date(event.at) }, pendingToAudit(event));
  }

  private async audit(event: AuditEvent, actorId: string | null): Promise<void> {
    if (!this.database) return;
    await appendAudit(this.database.opened.db, { actorId, now: this.now() }, event);
  }

  private policy() {
    return this.keyringOrNull()?.policy ?? DEFAULT_POLICY;
  }

  /**
   * The keyring as it is on disk. Every call reads the sign-in policy from it, so it is parsed again
   * only when the file was replaced (each write renames a new file into place).
   */
  private keyringOrNull(): Keyring | null {
    const info = statSync(this.options.keyringPath, { throwIfNoEntry: false });
    if (!info) return null;
    const version = `${info.ino}:${info.mtimeMs}:${info.size}`;
    if (this.keyringCache?.version !== version) {
      this.keyringCache = { version, keyring: readKeyring(this.options.keyringPath) };
    }
    return this.keyringCache.keyring;
  }

  private requireKeyring(): Keyring {
    const keyring = this.keyringOrNull();
    if (!keyring) throw new AppError('rule', 'session.notSetUp');
    return keyring;
  }

  private requireDatabase(): OpenDatabase {
    if (!this.database) throw new AppError('unauthenticated', 'session.signedOut');
    return this.database;
  }
}

function isLockedOut(account: KeyringAccount, now: Date): boolean {
  return account.lockedUntil !== null && account.lockedUntil > now.toISOString();
}

function pendingToAudit(event: PendingEvent): AuditEvent {
  const summary = event.recoveryKey ? { recoveryKey: true } : event.username === null ? { unknownAccount: true } : { username: event.username };
  return { action: event.action, entityType: 'user', entityId: event.userId, summary };
}

/** The actor of a failure: the account's id when it is a real account, no actor otherwise. */
async function existingUser(db: OpenedDatabase['db'], userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  return row ? row.id : null;
}

/**
 * Reading every page at the first sign-in costs about 1 s per 100 MB (2.5 s at 100,000 people, 15 s
 * at 1.5 GB). Above this size the officer would wait too long; such a database is still checked in
 * full by every backup (`integrity_check` of the copy), and a damaged page met later is refused then.
 */
const FULL_CHECK_AT_OPEN_MAX_BYTES = 512 * 1024 * 1024;

function fileSizeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

/** A database that cannot be opened, as the refusal the person signing in reads. */
function unavailable(error: unknown): unknown {
  const reason = asOpenError(error);
  return reason instanceof DatabaseOpenError ? new AppError('database_unavailable', `database.${reason.reason}`) : error;
}

/** The key file of the first Wasl version, before accounts: taken over by the keyring at setup. */
export const legacyKeyPath = (databasePath: string): string => `${databasePath}.key`;

function readLegacyKey(databasePath: string): Buffer | null {
  if (!existsSync(databasePath) || !existsSync(legacyKeyPath(databasePath))) return null;
  const key = Buffer.from(readFileSync(legacyKeyPath(databasePath), 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new DatabaseOpenError('key_missing', `The key file ${legacyKeyPath(databasePath)} is damaged.`);
  return key;
}

function removeDatabaseFiles(databasePath: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
}

