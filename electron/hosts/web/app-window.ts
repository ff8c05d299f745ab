import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSER_PROFILE_PREFIX, ownedFolderPrefix } from '../temporary-folders';

export interface AppWindow {
  /** Resolves once the browser has exited and its profile folder is gone. */
  readonly exited: Promise<void>;
  /** Ends the browser (when still running) and removes its profile folder. */
  close(): Promise<void>;
}

export interface AppWindowOptions {
  /** The browser to start. */
  executable: string;
  /** The address to open: a one-time link, never the host's token (the command line is public). */
  url: string;
  /** Where the throwaway profile goes; the system's temporary folder unless told. */
  temporaryDirectory?: string;
}

/** How long a browser asked to end gets before it is killed. */
const CLOSE_GRACE_MS = 5000;

/** An installed Chromium-family browser, or null. */
export function findBrowser(): string | null {
  return ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync('which', [name], { stdio: 'ignore' }).status === 0) ?? null;
}

/**
 * Opens the app in a browser window of its own, on a fresh profile. The profile keeps the history,
 * the session cookie and the pages' caches, so it is removed as soon as the browser exits, and when
 * the host closes the window itself (the host ending takes the window with it: the app is gone).
 */
export function openAppWindow(options: AppWindowOptions): AppWindow {
  const profile = mkdtempSync(join(options.temporaryDirectory ?? tmpdir(), ownedFolderPrefix(BROWSER_PROFILE_PREFIX)));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  let child: ChildProcess;
  try {
    child = spawn(
      options.executable,
      [`--app=${options.url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      // A group of its own, so that ending it ends its helper processes too.
      { detached: process.platform !== 'win32', stdio: 'ignore' },
    );
  } catch (error) {
    removeProfile();
    throw error;
  }

  let running = true;
  const exited = new Promise<void>((resolve) => {
    const finish = () => {
      if (!running) return;
      running = false;
      removeProfile();
      resolve();
    };
    child.once('exit', finish);
    child.once('error', finish);
  });
  // The host's last moment, when it ends without closing the window (an uncaught error).
  const onHostExit = () => {
    if (running) {
      signal(child, 'SIGKILL');
      removeProfile();
    }
  };
  process.once('exit', onHostExit);
  void exited.then(() => process.removeListener('exit', onHostExit));

  return {
    exited,
    close: async () => {
      if (running) {
        signal(child, 'SIGTERM');
        const killer = setTimeout(() => signal(child, 'SIGKILL'), CLOSE_GRACE_MS);
        await exited;
        clearTimeout(killer);
      }
      removeProfile();
    },
  };
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(name);
    else process.kill(-child.pid, name);
  } catch {
    // Already gone.
  }
}
