#!/usr/bin/env node
// Static scan of the Electron code with Electronegativity: `npm run security:scan`, part of `npm test`.
//
// What is scanned: the TypeScript sources of the desktop process (electron/, but not tools/) and of
// the renderer, with renderer/index.html. Electronegativity reads TypeScript with @babel/parser (the
// project's, which knows TypeScript 5.9) before its own old typescript-estree, so the sources parse.
// The built bundles do not work: the loader skips `.cjs` files, and renamed to `.js`, main's bundle
// stops the analysis ("Unknown node type ClassPrivateProperty") while esbuild's
// `new import_electron.BrowserWindow(…)` escapes the window checks anyway.
//
// Offline and deterministic: Electronegativity downloads its translations and Electron's release
// list on every run. Here its translations come from its own package, the release check is left
// out, and its HTTP client is replaced by one that refuses, so nothing reaches the network; the
// findings are sorted.
//
// Fails (exit 1) on a HIGH finding not in ACCEPTED, on a file Electronegativity could not parse (a
// file it cannot read is a file it did not check), or when an expected file was not scanned.
// Findings of lower severity are printed for a person to review; they do not fail the run.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(PROJECT, 'package.json'));

const SCANNED_FOLDERS = ['electron', 'renderer'];
const SCANNED_FILE = /\.(ts|tsx|html)$/;
/** Never scanned: dependencies, build output, tests, type declarations, the development tools (they never ship). */
const SKIPPED = [/(^|\/)node_modules\//, /(^|\/)dist\//, /^electron\/tools\//, /\.(test|spec)\.tsx?$/, /\.d\.ts$/];
/** Files the scan must have read, or it does not cover what it claims to. */
const REQUIRED = ['electron/main.ts', 'electron/preload.ts', 'electron/security/window-options.ts', 'renderer/index.html'];

/** Left out: it downloads Electron's release list on every run (`npm outdated electron` answers the same question). */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** A run that takes longer than this has gone wrong (it takes about 3 s). */
const TIME_LIMIT_MS = 60_000;

const WINDOW_LINE = 'mainWindow = new BrowserWindow(mainWindowOptions(PRELOAD_PATH, { devTools: !app.isPackaged }));';
/** The kiosk's window on a second display: the main window's options, placed on that display. */
const KIOSK_WINDOW_LINE =
  'const window = new BrowserWindow({ ...mainWindowOptions(PRELOAD_PATH, { devTools: false }), x: external.bounds.x, y: external.bounds.y, minWidth: undefined, minHeight: undefined });';

/**
 * Findings a person has looked at and found safe. Each is matched by check, file and the exact
 * source line, so another occurrence (a second window, a changed line) is a new finding again.
 */
const ACCEPTED = [
  {
    id: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'electron/main.ts',
    sample: WINDOW_LINE,
    reason:
      'the options come from mainWindowOptions() in electron/security/window-options.ts (contextIsolation: true), which ' +
      'Electronegativity cannot follow across modules; tests/unit/security/window-options.test.ts asserts them',
  },
  {
    id: 'SANDBOX_JS_CHECK',
    file: 'electron/main.ts',
    sample: WINDOW_LINE,
    reason: 'sandbox: true in mainWindowOptions() (electron/security/window-options.ts), asserted by its unit test',
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'electron/main.ts',
    sample: WINDOW_LINE,
    reason:
      'a middle click can only ask for a new window or a navigation: guardWebContents() denies every new window ' +
      '(setWindowOpenHandler) and every navigation off app://wasl, for every web contents',
  },
  {
    id: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'electron/main.ts',
    sample: KIOSK_WINDOW_LINE,
    reason: 'the kiosk window spreads mainWindowOptions() (contextIsolation: true) and overrides only its place and minimum size',
  },
  {
    id: 'SANDBOX_JS_CHECK',
    file: 'electron/main.ts',
    sample: KIOSK_WINDOW_LINE,
    reason: 'the kiosk window spreads mainWindowOptions() (sandbox: true) and overrides only its place and minimum size',
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'electron/main.ts',
    sample: KIOSK_WINDOW_LINE,
    reason: 'guardWebContents() guards the kiosk window as every web contents (web-contents-created): no new window, no navigation off app://wasl',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    sample: '',
    reason:
      'the Content-Security-Policy is a response header on every app:// file (electron/security/response-headers.ts, ' +
      'tested in tests/unit/security/navigation.test.ts); Electronegativity only looks for a meta tag or onHeadersReceived',
  },
];

const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

async function main() {
  const started = Date.now();
  const files = filesToScan();
  const missing = REQUIRED.filter((file) => !files.includes(file));
  if (missing.length > 0) return fail(`expected files were not found: ${missing.join(', ')}`);

  const stage = mkdtempSync(join(tmpdir(), 'wasl-security-scan-'));
  let result;
  try {
    result = await scan(stage, files);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return report(result, files, Date.now() - started);
}

function filesToScan() {
  const found = [];
  for (const folder of SCANNED_FOLDERS) {
    for (const entry of readdirSync(join(PROJECT, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = relative(PROJECT, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (SCANNED_FILE.test(file) && !SKIPPED.some((pattern) => pattern.test(file))) found.push(file);
    }
  }
  return found.sort();
}

/**
 * Electronegativity takes one folder (or one file, which would blind its cross-file checks) and
 * reads everything in it, so the chosen files are copied into a scratch folder under their project
 * paths, and the findings name them relative to it.
 */
async function scan(stage, files) {
  for (const file of files) {
    mkdirSync(join(stage, dirname(file)), { recursive: true });
    copyFileSync(join(PROJECT, file), join(stage, file));
  }
  installOfflineShims();
  const run = require('@doyensec/electronegativity');
  const result = await run({
    input: stage,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    severitySet: 'informational',
    confidenceSet: 'tentative',
    isRelative: true,
    // The checks whose answer depends on Electron's defaults use the version the app is built with.
    electronVersionOverride: electronVersion(),
    parserPlugins: [],
  });
  // Parse errors name the scratch copy: name the project's file instead.
  const errors = result.errors.map((error) => ({ ...error, file: relative(stage, error.file).split(sep).join('/') }));
  return { ...result, errors };
}

function electronVersion() {
  return require('electron/package.json').version;
}

function electronegativityVersion() {
  return require('@doyensec/electronegativity/package.json').version;
}

/** Translations from Electronegativity's own files (never downloaded), and an HTTP client that refuses. */
function installOfflineShims() {
  const packageDirectory = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const translationsModule = join(packageDirectory, 'dist', 'locales', 'i18n.js');
  const fromPackage = createRequire(translationsModule);
  const i18n = fromPackage('i18n');
  cacheModule(translationsModule, async function localTranslations() {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(translationsModule),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  });
  const refuse = () => Promise.reject(new Error('security-scan: network access is disabled'));
  cacheModule(fromPackage.resolve('got'), Object.assign(refuse, { get: refuse, head: refuse }));
}

/** Puts `exports` in the module cache under `filename`, so that every later require() of it answers them. */
function cacheModule(filename, exports) {
  const module = new Module(filename);
  module.filename = filename;
  module.loaded = true;
  module.exports = exports;
  require.cache[filename] = module;
}

function report(result, files, elapsedMs) {
  const findings = result.issues
    .map((issue) => {
      const finding = {
        id: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        review: Boolean(issue.manualReview),
        file: issue.file,
        line: issue.location?.line ?? 0,
        column: issue.location?.column ?? 0,
        sample: (issue.sample ?? '').trim(),
        description: issue.description,
      };
      return { ...finding, accepted: ACCEPTED.find((entry) => matches(entry, finding)) };
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.id.localeCompare(b.id));
  const unparsed = result.errors.filter((error) => !error.tolerable);

  console.log(
    `security-scan: Electronegativity ${electronegativityVersion()} (${result.atomicChecks + result.globalChecks} checks) ` +
      `on ${files.length} files of ${SCANNED_FOLDERS.join('/, ')}/ for Electron ${electronVersion()}, ${(elapsedMs / 1000).toFixed(1)} s`,
  );
  const counts = SEVERITIES.map((severity) => {
    const all = findings.filter((finding) => finding.severity === severity);
    const accepted = all.filter((finding) => finding.accepted).length;
    return `${severity} ${all.length}${accepted > 0 ? ` (${accepted} accepted)` : ''}`;
  });
  console.log(`  findings: ${counts.join(', ')}`);
  for (const finding of findings) {
    const where = finding.file === 'N/A' ? '(whole app)' : `${finding.file}:${finding.line}:${finding.column}`;
    const label = finding.accepted ? 'accepted' : finding.severity === 'HIGH' ? 'FAIL' : 'review';
    console.log(`  ${label.padEnd(8)} ${finding.severity.padEnd(6)} ${finding.id} ${where}${finding.review ? ' (manual review)' : ''}`);
    console.log(`           ${finding.accepted ? finding.accepted.reason : finding.description}`);
    if (!finding.accepted && finding.sample) console.log(`           > ${finding.sample}`);
  }
  for (const entry of ACCEPTED) {
    if (!findings.some((finding) => finding.accepted === entry)) {
      console.log(`  note: the accepted ${entry.id} in ${entry.file} no longer occurs; remove it from ACCEPTED`);
    }
  }
  for (const error of result.errors) {
    console.log(`  ${error.tolerable ? 'warning' : 'FAIL    '} ${error.file} could not be ${error.tolerable ? 'fully ' : ''}parsed: ${error.message}`);
  }

  const failedHigh = findings.filter((finding) => finding.severity === 'HIGH' && !finding.accepted);
  if (failedHigh.length > 0 || unparsed.length > 0) {
    return fail(`${failedHigh.length} HIGH finding(s) not accepted, ${unparsed.length} file(s) not scanned`);
  }
  console.log('security-scan: passed (no HIGH finding outside the reviewed ones)');
  return 0;
}

function matches(entry, finding) {
  return entry.id === finding.id && entry.file === finding.file && entry.sample === finding.sample;
}

function fail(message) {
  console.error(`security-scan: FAILED: ${message}`);
  return 1;
}

const watchdog = setTimeout(() => {
  console.error(`security-scan: FAILED: still running after ${TIME_LIMIT_MS / 1000} s`);
  process.exit(1);
}, TIME_LIMIT_MS);
watchdog.unref();

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error('security-scan: FAILED:', error);
    process.exitCode = 1;
  },
);
