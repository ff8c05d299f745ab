import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Flushes a file (or, where the system allows it, a folder's entries) to the disk. */
export function fsyncPath(path: string, { folder = false } = {}): void {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    // Windows cannot open a folder to flush it; its renames are durable by other means.
    if (folder) return;
    throw error;
  }
  try {
    fsyncSync(descriptor);
  } catch (error) {
    if (!folder) throw error;
  } finally {
    closeSync(descriptor);
  }
}
