import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, parse, win32 } from 'node:path';

/**
 * The data folder and Wasl's files in it are for the user who runs Wasl alone: the database and the
 * keyring are encrypted, but another account on the same PC has no business copying them (an
 * officer with both files can try passwords offline). On Linux and macOS the folder is 0700 and
 * the files 0600; on Windows the folder's ACL grants the user alone, and its files inherit it.
 */
export const OWNER_ONLY_FOLDER_MODE = 0o700;
/** Group and others: the bits a private file or folder must not have. */
const SHARED_BITS = 0o077;
const STICKY_BIT = 0o1000;

/** Wasl's files in its data folder: `wasl.db` and its `-wal`/`-shm`, `wasl.keyring`, safety copies. */
const WASL_FILE = /^wasl\./;

export interface DataFolderOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Runs icacls with these arguments (Windows); tests pass their own. */
  runIcacls?: (icaclsPath: string, args: string[]) => void;
  /** Told what could not be restricted, and why: the desk still opens. */
  warn?: (message: string) => void;
}

/**
 * Makes the data folder if needed and restricts it, and Wasl's files already in it, to the user
 * who runs Wasl. Existing looser modes (files made by an earlier Wasl, copied in by hand, restored)
 * are tightened; nothing is ever loosened. A folder that is shared by nature (sticky, like /tmp), a
 * filesystem's root, or another user's, is left as it is: Wasl's files in it are still restricted.
 */
export function restrictDataFolder(folder: string, options: DataFolderOptions = {}): void {
  const platform = options.platform ?? process.platform;
  const warn = options.warn ?? ((message) => console.warn(`[wasl] ${message}`));
  mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER_MODE });

  if (platform === 'win32') {
    restrictFolderOnWindows(folder, { ...options, warn });
    return;
  }

  const info = statSync(folder);
  const uid = process.getuid?.();
  if ((info.mode & STICKY_BIT) !== 0 || parse(folder).root === folder || (uid !== undefined && info.uid !== uid)) {
    warn(`${folder} is shared or not this user's: only Wasl's own files in it are restricted`);
  } else {
    tightenMode(folder, info.mode, warn);
  }
  for (const name of readdirSync(folder)) {
    if (WASL_FILE.test(name)) restrictFileToOwner(join(folder, name), warn);
  }
}

/** The folder's ACL left to the user alone (its files inherit it); a failure is told, not thrown. */
export function restrictFolderOnWindows(folder: string, options: Pick<DataFolderOptions, 'env' | 'runIcacls' | 'warn'> = {}): void {
  const env = options.env ?? process.env;
  const run = options.runIcacls ?? ((icacls, args) => execFileSync(icacls, args, { stdio: 'ignore', windowsHide: true, timeout: 30_000 }));
  try {
    run(icaclsPath(env), icaclsArguments(folder, windowsAccount(env)));
  } catch (error) {
    options.warn?.(`could not restrict ${folder} to this user: ${String(error)}`);
  }
}

/**
 * Drops the group and others bits of a file (POSIX; Windows files inherit the folder's ACL). Only a
 * regular file: a link named like Wasl's file is not followed to whatever it points at.
 */
export function restrictFileToOwner(path: string, warn: (message: string) => void = () => undefined): void {
  if (process.platform === 'win32') return;
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (info?.isFile()) tightenMode(path, info.mode, warn);
}

function tightenMode(path: string, mode: number, warn: (message: string) => void): void {
  if ((mode & SHARED_BITS) === 0) return;
  try {
    chmodSync(path, mode & 0o7777 & ~SHARED_BITS);
  } catch (error) {
    warn(`could not restrict ${path} to this user: ${String(error)}`);
  }
}

/** icacls from the system folder, never whatever `icacls` the PATH finds first. */
export function icaclsPath(env: NodeJS.ProcessEnv): string {
  return win32.join(env.SystemRoot ?? env.windir ?? 'C:\\Windows', 'System32', 'icacls.exe');
}

/** `DOMAIN\user` of the user running Wasl (the machine's name stands for the domain on a lone PC). */
export function windowsAccount(env: NodeJS.ProcessEnv): string {
  const user = env.USERNAME ?? userInfo().username;
  return env.USERDOMAIN ? `${env.USERDOMAIN}\\${user}` : user;
}

/** `user` or `DOMAIN\user`, without the characters Windows forbids in these names (or a leading `/`). */
// eslint-disable-next-line no-control-regex
const WINDOWS_ACCOUNT = /^(?:[^\\\u0000-\u001f"/[\]:;|=,+*?<>]+\\)?[^\\\u0000-\u001f"/[\]:;|=,+*?<>]+$/;

/**
 * icacls's arguments that leave the folder to one account: the inherited entries removed
 * (`/inheritance:r`: not the Users group, not other accounts), the account granted full control
 * (`F`) for the folder, its subfolders (`CI`) and its files (`OI`), replacing what it had (`:r`).
 * Fixed arguments given to execFile, never a shell: the path and the name cannot become options.
 */
export function icaclsArguments(folder: string, account: string): string[] {
  // A drive path (`C:\…`) or a share (`\\server\share\…`): never `/…`, which icacls would read as an option.
  if (!/^[A-Za-z]:\\/.test(folder) && !/^\\\\[^\\/]+\\[^\\/]+/.test(folder)) {
    throw new Error(`not an absolute Windows path: ${folder}`);
  }
  // The account is one argument; characters Windows forbids in account names could only be an attack.
  if (!WINDOWS_ACCOUNT.test(account)) {
    throw new Error(`not a Windows account name: ${account}`);
  }
  return [folder, '/inheritance:r', '/grant:r', `${account}:(OI)(CI)F`, '/Q'];
}
