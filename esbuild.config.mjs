// Bundles the desktop processes: the Electron shell (main, preload), the core, and the loopback web host.
// The native SQLite module, Electron itself and playwright-core (the web host's printer drives an
// installed Chromium with it; it finds its own files at run time) stay outside the bundles.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'playwright-core'],
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    // A CommonJS file has no import.meta: give it its own URL, from which the scan check finds its worker.
    define: { 'import.meta.url': '__waslModuleUrl' },
    banner: { js: "const __waslModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // The core (dispatcher, session, services): the shell starts it as a utility process, the web host
  // as a child process (electron/core/process.ts).
  build({
    ...common,
    entryPoints: ['electron/core/process.ts'],
    outfile: 'dist/core/wasl-core.cjs',
    format: 'cjs',
    define: { 'import.meta.url': '__waslModuleUrl' },
    banner: { js: "const __waslModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // The thread that checks an uploaded scan (electron/services/attachments/inspect-in-worker.ts),
  // with its readers (pdf-lib, pngjs, jpeg-js) bundled in; the core's bundle finds it at ../workers/.
  build({ ...common, entryPoints: ['electron/services/attachments/inspect-worker.ts'], outfile: 'dist/workers/inspect-scan.cjs', format: 'cjs' }),
  // The threads of the long jobs (the opening's migrations, backups, long reports, exports), each on
  // a connection of its own (electron/services/jobs/database-jobs.ts); the core's bundle finds it at
  // ../workers/. Its code finds the shipped assets from its own URL, as the core's does.
  build({
    ...common,
    entryPoints: ['electron/services/jobs/database-worker.ts'],
    outfile: 'dist/workers/database-jobs.cjs',
    format: 'cjs',
    define: { 'import.meta.url': '__waslModuleUrl' },
    banner: { js: "const __waslModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' }),
  build({
    ...common,
    entryPoints: ['electron/hosts/web/cli.ts'],
    outfile: 'dist/web/wasl-web.mjs',
    format: 'esm',
    // Bundled CommonJS dependencies still call require(); give the ES module one.
    banner: { js: "import { createRequire as __waslCreateRequire } from 'node:module'; const require = __waslCreateRequire(import.meta.url);" },
  }),
]);
