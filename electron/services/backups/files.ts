import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupEntry } from '../../api/backups';
import { fsyncPath } from '../durable';
import { AppError } from '../errors';
import { readManifest } from './manifest';
import { backupTimeOf } from './naming';

/**
 * What a failed file operation means to the administrator. A folder that is not there (an unplugged
 * USB drive, a share that went away), one that refuses writing, and a full disk each get their own
 * sentence; anything else the general one.
 */
export function backupProblemOf(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ENODEV':
    case 'ENXIO':
    case 'ESTALE':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'EHOSTDOWN':
    case 'ETIMEDOUT':
      return new AppError('backup_failed', 'backups.folderMissing');
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('backup_failed', 'backups.folderNotWritable');
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('backup_failed', 'backups.diskFull');
    case 'SQLITE_FULL':
      return new AppError('backup_failed', 'backups.dataDiskFull');
    default:
      return new AppError('backup_failed', 'backups.failed');
  }
}

/** The folder is there and is a folder: otherwise the "folder missing" refusal. */
export async function requireFolder(folder: string): Promise<void> {
  let info;
  try {
    info = await stat(folder);
  } catch (error) {
    throw backupProblemOf(error);
  }
  if (!info.isDirectory()) throw new AppError('backup_failed', 'backups.folderMissing');
}

/**
 * Whether files can be made in the folder, tried for real: permission bits say nothing about a
 * read-only mount, a network share's own rules, or an administrator's account that ignores them.
 */
export async function requireWritableFolder(folder: string): Promise<void> {
  await requireFolder(folder);
  const probe = join(folder, `.wasl-write-test-${process.pid}-${Date.now()}`);
  try {
    await writeFile(probe, 'wasl', { flag: 'wx' });
  } catch (error) {
    throw backupProblemOf(error);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** Copies a file and flushes the copy to the disk. The copy runs off the main thread. */
export async function copyDurably(from: string, to: string): Promise<void> {
  await copyFile(from, to);
  fsyncPath(to);
}

/** SHA-256 of a file, read as a stream (off the main thread): a backup is hundreds of megabytes at 100,000 people. */
export async function sha256OfFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export async function makeFolder(path: string): Promise<void> {
  await mkdir(path);
}

/**
 * The complete backups in the folder, newest first: folders named as ours (a `.partial` one is still
 * being written, or was abandoned, and is not a backup), with their manifests. Without the database
 * key (nobody signed in yet) only what the manifests say in clear.
 */
export async function listBackups(folder: string, databaseId: string, databaseKey: Buffer | null): Promise<BackupEntry[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw backupProblemOf(error);
  }
  const backups: BackupEntry[] = [];
  for (const entry of entries) {
    const createdAt = entry.isDirectory() ? backupTimeOf(entry.name) : null;
    if (!createdAt) continue;
    const read = await readManifest(join(folder, entry.name), entry.name, databaseKey);
    backups.push({
      name: entry.name,
      createdAt: createdAt.toISOString(),
      databaseId: read?.databaseId ?? null,
      manifest: read?.manifest ?? null,
      fromThisDatabase: read?.databaseId === databaseId,
    });
  }
  return backups.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}
