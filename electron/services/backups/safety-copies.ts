import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../../db/connection';

/** How many copies of the database as it was before a restore stay in the data directory. */
export const SAFETY_COPIES_KEPT = 3;

const PREFIX = `${DATABASE_FILE}.before-restore-`;
/** `wasl.db.before-restore-2026-11-25T08-30-00-000Z`: the UTC time of the restore, so names sort as restores happened. */
const SAFETY_COPY = /^wasl\.db\.before-restore-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

export function safetyCopyPathAt(dataDirectory: string, at: Date): string {
  return join(dataDirectory, `${PREFIX}${at.toISOString().replace(/[:.]/g, '-')}`);
}

/**
 * Deletes the safety copies but the newest `SAFETY_COPIES_KEPT`, with any write-ahead log beside
 * them. Each is a whole copy of the registry: left alone they pile up in the data folder, one per
 * restore. Nothing else in the folder is touched. Answers the names removed.
 */
export async function pruneSafetyCopies(dataDirectory: string): Promise<string[]> {
  const copies = (await readdir(dataDirectory)).filter((name) => SAFETY_COPY.test(name)).sort();
  const removed = copies.slice(0, Math.max(0, copies.length - SAFETY_COPIES_KEPT));
  for (const name of removed) await removeDatabaseFile(join(dataDirectory, name));
  return removed;
}

/** A database file and what SQLite may keep beside it. */
export async function removeDatabaseFile(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${path}${suffix}`, { force: true });
}
