import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, uptime } from 'node:os';
import { join } from 'node:path';

/**
 * The folders Wasl makes in the system's temporary folder: the profile of the browser that prints
 * (`wasl-print-`) and of the window the web host opens (`wasl-browser-`). Each name carries the pid
 * of the process that made it, so that what a killed process left behind can be told from what a
 * running one is using.
 */
export const PRINT_FOLDER_PREFIX = 'wasl-print-';
export const BROWSER_PROFILE_PREFIX = 'wasl-browser-';

/** A folder made by this process: `<prefix><pid>-` and the random part mkdtemp adds. */
export const ownedFolderPrefix = (prefix: string, pid: number = process.pid): string => `${prefix}${pid}-`;

/** `wasl-print-1234-Ab3xYz`: made by process 1234. */
const WITH_OWNER = /^wasl-(?:print|browser)-(\d+)-[A-Za-z0-9]{6}$/;
/** `wasl-print-Ab3xYz`: made by a Wasl from before owners were named. */
const WITHOUT_OWNER = /^wasl-(?:print|browser)-[A-Za-z0-9]{6}$/;
/**
 * Playwright's own folder for a browser's downloads and traces, which earlier Wasl printers left in
 * the temporary folder when killed. Wasl now keeps it inside its print folder; other programs
 * (any Playwright user) still make these, with nothing to say whose they are.
 */
const PLAYWRIGHT_ARTIFACTS = /^playwright-artifacts-[A-Za-z0-9]{6}$/;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface StaleFolderOptions {
  /** The temporary folder; the system's unless told. */
  directory?: string;
  /** Whether a process with this id is running. */
  isAlive?: (pid: number) => boolean;
  /** Milliseconds since the epoch. */
  now?: number;
  /** When the machine started (no process is older), in milliseconds since the epoch. */
  bootTime?: number;
  /** The user whose folders may be removed (POSIX); this process's user unless told. */
  uid?: number;
}

/**
 * Removes what a killed Wasl left in the temporary folder (a print profile can hold the pages it
 * printed), and only what belongs to no running process:
 * - a folder naming its maker: when that process is gone, or the folder is older than the machine's
 *   start (process ids start again at boot);
 * - a folder from an earlier Wasl, naming nobody: when it is older than the machine's start, or
 *   untouched for a day (an earlier Wasl still running keeps its browser's profile busy);
 * - Playwright's artifacts folder, whose owner nothing names: only when it is older than the
 *   machine's start, or empty (Wasl's printer never put anything in it) and untouched for a day, so
 *   that a browser another program is driving never loses its folder.
 * Never another user's folder, never through a link. Answers the folders removed.
 */
export function removeStaleTemporaryFolders(options: StaleFolderOptions = {}): string[] {
  const directory = options.directory ?? tmpdir();
  const now = options.now ?? Date.now();
  const bootTime = options.bootTime ?? now - uptime() * 1000;
  const isAlive = options.isAlive ?? isProcessAlive;
  const uid = options.uid ?? process.getuid?.();

  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = WITH_OWNER.exec(name);
    const legacy = WITHOUT_OWNER.test(name);
    const artifacts = PLAYWRIGHT_ARTIFACTS.test(name);
    if (!owner && !legacy && !artifacts) continue;

    const path = join(directory, name);
    const info = lstatOrNull(path);
    if (info === null || !info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
    const changedAt = info.mtimeMs;

    let stale: boolean;
    if (owner) stale = changedAt < bootTime || !isAlive(Number(owner[1]));
    else if (legacy) stale = changedAt < bootTime || now - changedAt > DAY_MS;
    else stale = changedAt < bootTime || (isEmptyFolder(path) && now - changedAt > DAY_MS);
    if (!stale) continue;

    try {
      // A killed printer's browser may still be shutting down and writing for a moment.
      rmSync(path, { recursive: true, force: true, maxRetries: 3 });
      removed.push(path);
    } catch {
      // A file still held open (Windows): the next start tries again.
    }
  }
  return removed;
}

/** True when a process with this id exists, whoever runs it (EPERM: it exists, it is not ours). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function isEmptyFolder(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}
