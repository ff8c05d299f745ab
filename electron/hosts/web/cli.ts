import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { databasePathIn } from '../../core/paths';
import { createChromiumPrinter } from '../chromium-pdf';
import { forkCoreProcess } from '../core-child';
import { CoreStartError, startCore } from '../core-link';
import { defaultDataDirectory } from '../data-directory';
import { removeStaleTemporaryFolders } from '../temporary-folders';
import { findBrowser, openAppWindow, type AppWindow } from './app-window';
import { startWebHost } from './server';

/**
 * `npm run start:web`: the whole app on a loopback web host, for machines without Electron and for
 * end-to-end tests. Prints, when ready, `WASL_URL=…` (an address that opens the app once, within a
 * minute) and `WASL_TOKEN=…` (for scripts: `Authorization: Bearer …`). Both are for the person at
 * this terminal; the browser the host opens gets a one-time address of its own.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
      renderer: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const databasePath = resolve(values.db ?? databasePathIn(defaultDataDirectory()));
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDirectory = resolve(values.renderer ?? join(here, '..', 'renderer'));

  // What a killed run left behind (print and browser profiles) goes before anything new is made.
  removeStaleTemporaryFolders();
  // The report prints with an installed Chromium, started at the first print.
  const printer = createChromiumPrinter();
  // The core (the database, the session, the services) runs in a process of its own: this one only
  // serves the page and relays calls, so it answers while the core works, and outlives a core crash.
  const core = await startCore({
    startProcess: forkCoreProcess,
    options: { databasePath, appVersion: process.env.npm_package_version ?? '0.1.0' },
    printPdf: printer.print,
  });
  const host = await startWebHost({ dispatch: core.dispatch, rendererDirectory, port });

  console.log(`WASL_DATA=${dirname(databasePath)}`);
  console.log(`WASL_URL=${host.url}`);
  console.log(`WASL_TOKEN=${host.token}`);
  // For tests that stop the core to prove a crash loses nothing.
  console.log(`WASL_CORE_PID=${core.pid}`);
  const appWindow = !values['no-open'] && !process.env.CI ? openInBrowser(host.newOpenLink()) : null;

  const stop = async () => {
    await appWindow?.close();
    await host.close();
    // The closing backup (when a folder is chosen), then the database closes.
    await core.close(true);
    await printer.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

class UsageError extends Error {}

/** Opens the app in an installed Chromium as a window of its own, when there is one. */
function openInBrowser(url: string): AppWindow | null {
  const executable = findBrowser();
  if (executable === null) {
    console.log('Open the address above in a browser.');
    return null;
  }
  return openAppWindow({ executable, url });
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`wasl: ${error.message}`);
  else if (error instanceof CoreStartError) {
    console.error(`wasl: ${error.bilingual.en}\nwasl: ${error.bilingual.ar}\n(${error.detail})`);
  } else console.error('wasl: could not start:', error);
  process.exit(1);
});
