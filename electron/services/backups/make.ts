import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { DATABASE_FILE } from '../../../db/connection';
import type { BackupKind, BackupMade, BackupManifest } from '../../api/backups';
import type { DatabaseSchema } from '../../../db/schema';
import { KEYRING_FILE, readKeyring } from '../accounts/keyring';
import type { CallContext } from '../context';
import { fsyncPath } from '../durable';
import { AppError } from '../errors';
import type { DatabaseJobs } from '../jobs/database-jobs';
import {
  backupProblemOf,
  copyDurably,
  listBackups,
  makeFolder,
  requireFolder,
  sha256OfFile,
} from './files';
import { writeManifest } from './manifest';
import { backupNameAt, backupsToKeep, PARTIAL_SUFFIX, partialTimeOf, type Rotation } from './naming';
import { readBackupSettings } from './settings';

type Db = Kysely<DatabaseSchema>;


/** What making a backup needs: the open database, where its files are, its key, and the app's version. */
export interface BackupDependencies {
  db: Db;
  dataDirectory: string;
  keyringPath: string;
  /** Seals and opens the manifests' details (never written anywhere). */
  databaseKey: Buffer;
  appVersion: string;
  /** Where the copy is made and checked: a connection of its own, off the desk's thread. */
  jobs: DatabaseJobs;
}

/**
 * Copies of the database being made or checked in the data directory, with the write-ahead log of
 * one being prepared for a restore; a crash can leave them behind.
 */
export const STAGING_FILE = /^wasl\.db\.(?:wasl-backup-[0-9TZ-]+|restore-[0-9TZ-]+)\.tmp(?:-wal|-shm|-journal)?$/;

/** An abandoned `.partial` backup (the app stopped while writing it) is removed once it is this old. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Makes one backup in the administrator's folder: a folder named for the time, holding the database
 * (a consistent copy, encrypted as the live one), the keyring that opens it, and a manifest whose
 * details (among them the head of the copy's audit log) are sealed under the database key.
 *
 * The copy is made and checked in the data directory first, in the jobs' thread on a connection of
 * its own, then copied to the folder off the desk's thread: neither a large database nor a slow USB
 * drive or network share holds up the desk, and what goes into the folder
 * is byte for byte what was checked. Everything is written under `<name>.partial` and renamed at the
 * end, so a backup cut short is never taken for a good one; a failure removes it.
 */
export async function makeBackup(deps: BackupDependencies, kind: BackupKind, context: CallContext): Promise<BackupMade> {
  const settings = await readBackupSettings(deps.db);
  if (settings.folder === null) throw new AppError('rule', 'backups.notConfigured');
  const folder = settings.folder;
  const databaseId = readKeyring(deps.keyringPath).databaseId;
  await requireFolder(folder);
  await removeStaleStaging(deps.dataDirectory);

  const name = freeName(folder, context.now);
  const partial = join(folder, `${name}${PARTIAL_SUFFIX}`);
  const final = join(folder, name);
  const staged = join(deps.dataDirectory, `${DATABASE_FILE}.${name}.tmp`);
  let manifest: BackupManifest;
  try {
    // First, so that a folder refusing files is found before the database is copied.
    await makeFolder(partial);
    // Seconds each at 100,000 people, minutes at the largest: both run beside the desk, which keeps answering.
    await deps.jobs.run('backups.copy', { target: staged });
    const checked = await deps.jobs.run('backups.check', { path: staged });
    const database = await sha256OfFile(staged);
    await copyDurably(staged, join(partial, DATABASE_FILE));
    const written = await sha256OfFile(join(partial, DATABASE_FILE));
    if (written.sha256 !== database.sha256) throw new AppError('backup_failed', 'backups.copyMismatch');
    await copyDurably(deps.keyringPath, join(partial, KEYRING_FILE));
    manifest = {
      format: 'wasl-backup',
      version: 2,
      databaseId,
      createdAt: context.now.toISOString(),
      kind,
      appVersion: deps.appVersion,
      schemaVersion: checked.schemaVersion,
      beneficiaries: checked.beneficiaries,
      databaseBytes: database.bytes,
      databaseSha256: database.sha256,
      // Read from the copy itself: the live log may have moved on since the copy's snapshot.
      auditHead: checked.auditHead,
    };
    await writeManifest(partial, name, manifest, deps.databaseKey);
    fsyncPath(partial, { folder: true });
    await rename(partial, final);
    fsyncPath(folder, { folder: true });
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw backupProblemOf(error);
  } finally {
    await rm(staged, { force: true }).catch(() => undefined);
  }
  // A backup is good once renamed; tidying the older ones must not turn it into a failure.
  const removed = await rotateBackups(folder, databaseId, settings, context.now).catch(() => []);
  return { name, path: final, manifest, removed };
}

/** The backup's name at this time; a millisecond later when one already has it (two backups at once on a fast clock). */
function freeName(folder: string, at: Date): string {
  let time = at.getTime();
  for (;;) {
    const name = backupNameAt(new Date(time));
    if (!existsSync(join(folder, name)) && !existsSync(join(folder, `${name}${PARTIAL_SUFFIX}`))) return name;
    time += 1;
  }
}

/**
 * Deletes this database's backups that the rotation does not keep, and `.partial` folders abandoned
 * more than a day ago. Nothing else in the folder is touched: not another file, not a backup of
 * another database sharing the folder, not a backup whose manifest cannot be read.
 */
export async function rotateBackups(folder: string, databaseId: string, rotation: Rotation, now: Date): Promise<string[]> {
  // Which backups are ours is said in clear; the sealed details are not needed to rotate.
  const ours = (await listBackups(folder, databaseId, null)).filter((backup) => backup.fromThisDatabase);
  const keep = backupsToKeep(
    ours.map((backup) => ({ name: backup.name, createdAt: new Date(backup.createdAt) })),
    rotation,
  );
  const removed: string[] = [];
  for (const backup of ours) {
    if (keep.has(backup.name)) continue;
    await rm(join(folder, backup.name), { recursive: true, force: true });
    removed.push(backup.name);
  }
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const started = entry.isDirectory() ? partialTimeOf(entry.name) : null;
    if (started && now.getTime() - started.getTime() > ABANDONED_AFTER_MS) {
      await rm(join(folder, entry.name), { recursive: true, force: true });
    }
  }
  return removed;
}

async function removeStaleStaging(dataDirectory: string): Promise<void> {
  for (const entry of await readdir(dataDirectory)) {
    if (STAGING_FILE.test(entry)) await rm(join(dataDirectory, entry), { force: true });
  }
}
