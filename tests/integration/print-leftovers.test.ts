// A printer killed while its browser runs (the host crashed, or was killed during a print) leaves its
// browser profile in the temporary folder, and that profile can hold the pages it printed. The next
// start removes it; a printer still running keeps its own.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleTemporaryFolders } from '../../electron/hosts/temporary-folders';
import { tempDir } from '../support/database';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Prints one page, says so, and keeps its browser open until it is killed. */
const PRINTING_PROCESS = `
import { createChromiumPrinter } from ${JSON.stringify(resolve('electron/hosts/chromium-pdf.ts'))};
const printer = createChromiumPrinter({ executablePath: process.env.CHROMIUM_PATH });
await printer.print('<!doctype html><html><body>بيانات مستفيد</body></html>', { footerTemplate: '<span></span>' });
console.log('PRINTED');
setInterval(() => undefined, 1000);
`;

let folder: string;
let temporaryFolder: string;

beforeAll(() => {
  folder = tempDir();
  temporaryFolder = join(folder, 'tmp');
  mkdirSync(temporaryFolder);
  writeFileSync(join(folder, 'print.mts'), PRINTING_PROCESS);
});

// A printing process killed outright leaves its browser running until the browser notices its pipe
// is gone, still writing into its profile: those browsers are ended before the folder is removed.
afterAll(async () => {
  await endProcessesNaming(folder);
  rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

/** The pids of this user's processes whose command line names the path. */
function processesNaming(path: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(join('/proc', entry, 'cmdline'), 'utf8').includes(path)) pids.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return pids.filter((pid) => pid !== process.pid);
}

async function endProcessesNaming(path: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const pids = processesNaming(path);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Starts a printing process and answers its pid once its page is printed. */
function startPrinting(): Promise<{ pid: number; kill(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(folder, 'print.mts')], {
    env: { ...process.env, TMPDIR: temporaryFolder, CHROMIUM_PATH: CHROMIUM },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no print within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('PRINTED')) {
        clearTimeout(timer);
        resolvePromise({
          pid: child.pid!,
          kill: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the printing process ended (${code}):\n${output}`)));
  });
}

/** What Wasl's printer (or Playwright on its behalf) made in the temporary folder. */
const leftovers = () =>
  readdirSync(temporaryFolder)
    .filter((name) => name.startsWith('wasl-') || name.startsWith('playwright'))
    .sort();

describe('what a killed printer leaves in the temporary folder', () => {
  it('is one folder named for the killed process (no Playwright folder of its own), removed at the next start', async () => {
    const killed = await startPrinting();
    const running = await startPrinting();
    await killed.kill();
    try {
      const names = leftovers();
      expect(names.filter((name) => name.startsWith('playwright-artifacts-'))).toEqual([]);
      const killedFolders = names.filter((name) => name.startsWith(`wasl-print-${killed.pid}-`));
      const runningFolders = names.filter((name) => name.startsWith(`wasl-print-${running.pid}-`));
      expect(killedFolders).toHaveLength(1);
      expect(runningFolders).toHaveLength(1);
      expect(names).toEqual([...killedFolders, ...runningFolders].sort());

      // The next start: the killed printer's folder goes (its browser may still be shutting down), the running one's stays.
      await expect
        .poll(() => {
          removeStaleTemporaryFolders({ directory: temporaryFolder });
          return existsSync(join(temporaryFolder, killedFolders[0]!));
        }, { timeout: 15_000 })
        .toBe(false);
      expect(leftovers()).toEqual(runningFolders);
    } finally {
      await running.kill();
    }
  }, 120_000);
});
