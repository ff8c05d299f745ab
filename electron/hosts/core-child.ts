import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CoreMessage, HostMessage } from '../core/protocol';
import type { CoreProcess } from './core-link';

/**
 * Where the core's code is. The web host's bundle (dist/web/wasl-web.mjs) has it built beside it, in
 * dist/core/wasl-core.cjs (esbuild.config.mjs). From the TypeScript sources (tests, tsx), the core's
 * entry runs through tsx.
 */
function coreEntry(): { modulePath: string; execArgv: string[] } {
  if (import.meta.url.endsWith('.ts')) {
    return { modulePath: fileURLToPath(new URL('../core/process.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
  }
  const modulePath = fileURLToPath(new URL('../core/wasl-core.cjs', import.meta.url));
  if (!existsSync(modulePath)) throw new Error(`The core's bundle is missing (${modulePath}): run npm run build.`);
  return { modulePath, execArgv: [] };
}

/**
 * Starts the core as a child process of this one (the web host's way; the Electron shell starts it
 * as a utility process instead). Messages cross by structured clone, Buffers included; the child's
 * output and errors go to this process's own.
 */
export function forkCoreProcess(): CoreProcess {
  const { modulePath, execArgv } = coreEntry();
  const child = fork(modulePath, [], { serialization: 'advanced', execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  return {
    pid: child.pid,
    channel: {
      send: (message: HostMessage) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener: (message: CoreMessage) => void) => child.on('message', (message) => listener(message as CoreMessage)),
    },
    onExit: (listener) => {
      if (exitCode !== undefined) listener(exitCode);
      else child.once('exit', (code) => listener(code));
    },
    kill: () => child.kill('SIGKILL'),
  };
}
