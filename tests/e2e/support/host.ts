import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built app on the loopback web host, started as a person would start it (`npm run start:web`). */
export interface RunningHost {
  /** The printed address that opens the app once, in the first minute: load it right away. */
  url: string;
  origin: string;
  /** The token scripts call the api with (`Authorization: Bearer …`); never given to the browser. */
  token: string;
  databasePath: string;
  /** The pid of the core's process the host started first (a test kills it to see the window carry on). */
  corePid: number;
  stop(): Promise<void>;
  call<T = unknown>(name: string, input: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; messageKey: string } }>;
}

const ENTRY = resolve('dist/web/wasl-web.mjs');

export function newDataFolder(): string {
  return mkdtempSync(join(tmpdir(), 'wasl-e2e-'));
}

export async function startHost(databasePath: string, port = 0): Promise<RunningHost> {
  const child = spawn(process.execPath, [ENTRY, '--db', databasePath, '--port', String(port), '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, token, corePid } = await waitForAddresses(child);
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    token,
    databasePath,
    corePid,
    stop: () => stopChild(child),
    async call(name, input) {
      const response = await fetch(`${origin}/api/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await response.json()) as never;
    },
  };
}

/** The address and the token the host prints when it is ready. */
function waitForAddresses(child: ChildProcess): Promise<{ url: string; token: string; corePid: number }> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The web host did not start:\n${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^WASL_URL=(\S+)$/m.exec(output)?.[1];
      const token = /^WASL_TOKEN=(\S+)$/m.exec(output)?.[1];
      const corePid = /^WASL_CORE_PID=(\d+)$/m.exec(output)?.[1];
      if (url && token && corePid) {
        clearTimeout(timer);
        resolvePromise({ url, token, corePid: Number(corePid) });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The web host exited (${code}):\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
  });
}

export const ASSOCIATION_NAME = 'جمعية العناية بالسجناء بالأحساء';

export interface Account {
  username: string;
  password: string;
  displayName: string;
}

/** Sets Wasl up through the api, as the setup screen does; the administrator stays signed in. */
export async function setUpWith(host: RunningHost, administrator: Account): Promise<void> {
  const setup = await host.call('session.setup', { associationName: ASSOCIATION_NAME, ...administrator });
  if (!setup.ok) throw new Error(`Setup was refused: ${JSON.stringify(setup.error)}`);
}

/**
 * An account made by the administrator signed in now, whose owner then signs in once with the
 * temporary password and chooses their own (`account.password`), as a new colleague does. Everyone
 * is signed out afterwards. Answers the account's id.
 */
export async function addAccount(host: RunningHost, account: Account, role: 'officer' | 'supervisor' | 'administrator'): Promise<string> {
  const temporary = 'temporary pass 2026';
  const steps: Array<[string, unknown]> = [
    ['session.signOut', {}],
    ['session.signIn', { username: account.username, password: temporary }],
    ['session.changePassword', { currentPassword: temporary, newPassword: account.password }],
    ['session.signOut', {}],
  ];
  const created = await host.call<{ id: string }>('users.create', { ...account, password: temporary, role });
  if (!created.ok || !created.value) throw new Error(`The account ${account.username} was refused: ${JSON.stringify(created.error)}`);
  for (const [name, input] of steps) {
    const answer = await host.call(name, input);
    if (!answer.ok) throw new Error(`${name} failed for ${account.username}: ${JSON.stringify(answer.error)}`);
  }
  return created.value.id;
}
