import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { ApiError } from '../../api/result';
import { KEY_ROTATION_STEPS, type KeyRotationJob, type KeyRotationResult, type KeyRotationStep } from '../../api/users';
import type { DatabaseSchema } from '../../../db/schema';
import { auditHeadOf } from '../audit/anchor';
import { appendAudit } from '../audit/log';
import { verifyAuditLog } from '../audit/verify';
import type { DatabaseSwap } from '../backups/restore';
import { readBackupSettings } from '../backups/settings';
import { runBackup, type BackupServiceDependencies } from '../backups/service';
import { copyDatabaseTo } from '../backups/verify';
import type { CallContext } from '../context';
import { fsyncPath } from '../durable';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { unwrapKey, wrapKey } from './key-wrap';
import { accountBinding, readKeyring, recoveryBinding, writeKeyring, type AuditHead, type Keyring } from './keyring';
import { newRecoveryKey } from './recovery-key';
import type { KeyringAccess } from './users';

/**
 * Replacing the database key, for when the key itself may have leaked (a keyring copied together
 * with a password someone knows, a lost backup drive). The database is written again under a new
 * random key into a file beside the live one; only once that copy has passed `integrity_check` and
 * its audit chain holds does it take the live file's place, the way a restore does.
 *
 * Crash safety: two files name the work in progress, and their presence alone says how far it got,
 * so that every crash leaves a database its keyring opens (see `settleKeyRotation`):
 *   1. `wasl.db.rekey.tmp` is written, re-keyed, checked and closed. A crash leaves it alone beside
 *      the untouched live pair: it is removed at the next start.
 *   2. `wasl.keyring.next` is written beside it (the new key wrapped for the administrator and the
 *      new recovery key). A crash leaves both: the live pair is still untouched, both are removed.
 *   3. The database is closed and the new file renamed over the live one. From this rename on the
 *      live file needs the new keyring: a start that finds `wasl.keyring.next` without
 *      `wasl.db.rekey.tmp` renames it into place.
 *   4. `wasl.keyring.next` is renamed over the keyring, and the database opened again with the new key.
 * Each rename is one step on disk, followed by flushing the folder.
 */

type Db = Kysely<DatabaseSchema>;

export const rekeyedDatabasePath = (databasePath: string): string => `${databasePath}.rekey.tmp`;
export const nextKeyringPath = (keyringPath: string): string => `${keyringPath}.next`;

export interface KeyRotationDependencies {
  db: Db;
  sqlite: Database.Database;
  keys: KeyringAccess;
  databasePath: string;
  backups: BackupServiceDependencies;
  /** Given by the desk, which holds the open database; without it the key cannot be replaced. */
  swap?: DatabaseSwap;
}

/**
 * Finishes or undoes a replacement of the database key that a crash interrupted, before the desk
 * reads the keyring: afterwards the keyring and the database file belong together again.
 */
export function settleKeyRotation(databasePath: string, keyringPath: string): void {
  const rekeyed = rekeyedDatabasePath(databasePath);
  const nextKeyring = nextKeyringPath(keyringPath);
  if (existsSync(nextKeyring) && !existsSync(rekeyed)) {
    // Step 3 was done: the live file is the new one, and only the new keyring opens it.
    renameSync(nextKeyring, keyringPath);
    fsyncPath(dirname(keyringPath), { folder: true });
    return;
  }
  // Steps 1 or 2: the live pair was never touched; the new key's files are of no use to anyone.
  rmSync(nextKeyring, { force: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${rekeyed}${suffix}`, { force: true });
}

interface Job {
  view: KeyRotationJob;
  ownerId: string;
  result: KeyRotationResult | null;
}

/**
 * The jobs of one desk. They outlive the handlers that started them: the desk makes new handlers
 * when it opens the re-keyed database, and the screen asks the new ones how the job ended.
 */
export class KeyRotations {
  private readonly jobs = new Map<string, Job>();

  /**
   * Checks the administrator's password, then runs the replacement beside the desk's calls. Only
   * one person is signed in at a desk, so nobody else is working meanwhile.
   */
  async start(deps: KeyRotationDependencies, password: string, context: CallContext): Promise<KeyRotationJob> {
    if ([...this.jobs.values()].some((job) => job.view.state === 'running')) throw new AppError('rule', 'keyRotation.running');
    const keyring = readKeyring(deps.keys.path);
    const account = keyring.accounts.find((entry) => entry.userId === context.actorId);
    // The administrator's own password again: an unattended session must not be enough to take the key.
    const unwrapped = account ? await unwrapKey(account.wrap, password, accountBinding(keyring, account.userId)) : null;
    if (unwrapped === null || !unwrapped.equals(deps.keys.databaseKey)) {
      throw new AppError('validation', 'validation.failed', { fields: [{ path: 'password', messageKey: 'validation.password.wrong' }] });
    }
    unwrapped.fill(0);
    if (!deps.swap) throw new AppError('rule', 'keyRotation.unavailable');
    const job: Job = {
      view: { id: newId(), state: 'running', step: KEY_ROTATION_STEPS[0], done: 0, total: KEY_ROTATION_STEPS.length, error: null, result: null },
      ownerId: context.actorId,
      result: null,
    };
    this.jobs.set(job.view.id, job);
    void this.run(job, deps, password, context);
    return { ...job.view };
  }

  /** How the job goes; the finished job's result is handed over once and then forgotten. */
  status(id: string, context: CallContext): KeyRotationJob {
    const job = this.jobs.get(id);
    if (job === undefined || job.ownerId !== context.actorId) throw notFound('keyRotation');
    const view = { ...job.view, result: job.result };
    if (job.view.state !== 'running') this.jobs.delete(id);
    return view;
  }

  private async run(job: Job, deps: KeyRotationDependencies, password: string, context: CallContext): Promise<void> {
    const reached = (step: KeyRotationStep) => {
      job.view.step = step;
      job.view.done = KEY_ROTATION_STEPS.indexOf(step);
    };
    try {
      job.result = await rotateDatabaseKey(deps, password, context, reached);
      job.view.done = KEY_ROTATION_STEPS.length;
      job.view.state = 'done';
    } catch (error) {
      job.view.state = 'failed';
      job.view.error = asRotationError(error);
      // The live database is as it was (or, when opening the new one failed, the desk's own refusal
      // follows); the attempt is recorded there when it can be.
      await appendAudit(deps.db, context, {
        action: 'databaseKey.replaceFailed',
        entityType: 'setting',
        entityId: 'databaseKey',
        summary: { step: job.view.step, messageKey: job.view.error.messageKey },
      }).catch(() => undefined);
    }
  }
}

function asRotationError(error: unknown): ApiError {
  if (error instanceof AppError) return error.toApiError();
  return { code: 'internal', messageKey: 'keyRotation.failed' };
}

/**
 * The replacement itself (see the top of this file for the order of its steps). `reached` is told
 * each step as it begins; between steps the desk answers other calls (the screen asking how far it is).
 */
export async function rotateDatabaseKey(
  deps: KeyRotationDependencies,
  password: string,
  context: CallContext,
  reached: (step: KeyRotationStep) => void,
): Promise<KeyRotationResult> {
  const swap = deps.swap;
  if (!swap) throw new AppError('rule', 'keyRotation.unavailable');
  const rekeyed = rekeyedDatabasePath(deps.databasePath);
  const nextKeyring = nextKeyringPath(deps.keys.path);
  settleKeyRotation(deps.databasePath, deps.keys.path);

  reached('backup');
  // A checked backup under the old key first: if anything goes wrong afterwards, that is what is left.
  const { folder } = await readBackupSettings(deps.db);
  if (folder !== null) await runBackup(deps.backups, 'manual', context);
  const backedUpFirst = folder !== null;

  const newKey = randomBytes(32);
  try {
    reached('copy');
    await nextTurn();
    // Whatever the desk writes after this snapshot would be missing from the copy: the live file is
    // replaced only if it wrote nothing meanwhile.
    const changesAtCopy = totalChanges(deps.sqlite);
    await copyDatabaseTo(deps.db, rekeyed);

    reached('encrypt');
    await nextTurn();
    const copy = await swap.openFile(rekeyed);
    try {
      // SQLite3 Multiple Ciphers re-encrypts every page in place, but not in write-ahead-log mode.
      copy.sqlite.pragma('journal_mode = DELETE');
      copy.sqlite.pragma(`rekey = "x'${newKey.toString('hex')}'"`);
    } finally {
      await copy.close();
    }

    reached('check');
    await nextTurn();
    const keyring = readKeyring(deps.keys.path);
    const others = await otherActiveAccounts(deps.db, context.actorId);
    const liveHead = await auditHeadOf(deps.db);
    const rekeyedHead = await prepareRekeyedCopy(swap, rekeyed, newKey, liveHead, others.length, context);

    const recoveryKey = newRecoveryKey();
    const administrator = keyring.accounts.find((entry) => entry.userId === context.actorId);
    if (!administrator) throw new AppError('rule', 'keyRotation.failed');
    const next = await rewrappedKeyring(deps, newKey, password, recoveryKey, administrator.userId);

    reached('swap');
    if (totalChanges(deps.sqlite) !== changesAtCopy) throw new AppError('rule', 'keyRotation.changedMeanwhile');
    // The anchor moves with the log onto the replacement's own entry.
    writeKeyring(nextKeyring, { ...next, auditHead: rekeyedHead });
    await swapIn(deps, swap, rekeyed, nextKeyring, newKey);
    return {
      recoveryKey,
      accountsToReset: others.map((row) => ({ id: row.id, username: row.username, displayName: row.display_name })),
      backedUpFirst,
    };
  } catch (error) {
    // Before the new file took the live one's place the live pair is untouched and the new key's
    // files go; after, the new keyring follows it.
    settleKeyRotation(deps.databasePath, deps.keys.path);
    throw error;
  } finally {
    newKey.fill(0);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows changed through the desk's connection since it opened (reads change nothing). */
function totalChanges(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

async function otherActiveAccounts(db: Db, actorId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('active', '=', 1)
    .where('role', '!=', 'system')
    .where('id', '!=', actorId)
    .orderBy('display_name')
    .execute();
}

/**
 * On the re-keyed copy, before it goes live: the new key opens it (and the copy is sound), its
 * audit log is the live one's, intact, and it records the replacement itself, so that a crash
 * after the swap cannot leave it unrecorded. The other accounts are marked for a new password.
 */
async function prepareRekeyedCopy(
  swap: DatabaseSwap,
  rekeyed: string,
  newKey: Buffer,
  liveHead: AuditHead | null,
  accountsReset: number,
  context: CallContext,
): Promise<AuditHead | null> {
  let copy: Awaited<ReturnType<DatabaseSwap['openFile']>>;
  try {
    copy = await swap.openFile(rekeyed, newKey);
  } catch {
    throw new AppError('rule', 'keyRotation.checkFailed');
  }
  try {
    const integrity = copy.sqlite.pragma('integrity_check', { simple: true });
    const chain = verifyAuditLog(copy.sqlite, liveHead);
    const copiedHead = await auditHeadOf(copy.db);
    if (integrity !== 'ok' || !chain.intact || copiedHead?.seq !== liveHead?.seq || copiedHead?.hash !== liveHead?.hash) {
      throw new AppError('rule', 'keyRotation.checkFailed');
    }
    await copy.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ must_change_password: 1, updated_at: context.now.toISOString(), updated_by: context.actorId })
        .where('active', '=', 1)
        .where('role', '!=', 'system')
        .where('id', '!=', context.actorId)
        .execute();
      // Who and when, and how many accounts lost their key; never a key.
      await appendAudit(trx, context, {
        action: 'databaseKey.replaced',
        entityType: 'setting',
        entityId: 'databaseKey',
        summary: { accountsReset },
      });
    });
    // The copy goes in place as one file: nothing of it may stay behind in a write-ahead log.
    copy.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return await auditHeadOf(copy.db);
  } finally {
    await copy.close();
  }
}

/**
 * The keyring for the new key: the acting administrator's wrap and a new recovery wrap. The other
 * accounts' wraps cannot be made without their passwords; their entries go, so their old passwords
 * open nothing. Read fresh, so the sign-in policy and anything else written meanwhile is kept.
 */
async function rewrappedKeyring(
  deps: KeyRotationDependencies,
  newKey: Buffer,
  password: string,
  recoveryKey: string,
  administratorId: string,
): Promise<Keyring> {
  const latest = readKeyring(deps.keys.path);
  const administrator = latest.accounts.find((entry) => entry.userId === administratorId);
  if (!administrator) throw new AppError('rule', 'keyRotation.failed');
  const { keyDerivation } = deps.keys;
  return {
    ...latest,
    accounts: [{ ...administrator, wrap: await wrapKey(newKey, password, accountBinding(latest, administratorId), keyDerivation) }],
    recovery: await wrapKey(newKey, recoveryKey, recoveryBinding(latest), keyDerivation),
  };
}

/** Steps 3 and 4: the new file over the live one, the new keyring over the old, the desk on the new key. */
async function swapIn(deps: KeyRotationDependencies, swap: DatabaseSwap, rekeyed: string, nextKeyring: string, newKey: Buffer): Promise<void> {
  const { databasePath } = deps;
  await swap.closeDatabase();
  try {
    // The write-ahead log and its index belong to the old file; closing folded the log in.
    for (const suffix of ['-wal', '-shm', '-journal']) await rm(`${databasePath}${suffix}`, { force: true });
    renameSync(rekeyed, databasePath);
    fsyncPath(dirname(databasePath), { folder: true });
  } catch (error) {
    await swap.reopenDatabase();
    throw error;
  }
  renameSync(nextKeyring, deps.keys.path);
  fsyncPath(dirname(deps.keys.path), { folder: true });
  await swap.reopenDatabase(newKey);
}
