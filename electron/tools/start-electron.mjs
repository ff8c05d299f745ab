#!/usr/bin/env node
// Runs the built app in Electron for development (`npm start`, after the build). Never run it from
// postinstall: it may download, and `npm install` must stay offline-safe.
//
// Electron needs the SQLite module built for its own ABI, while node_modules must keep the Node
// build the tests use. So the Electron build lives apart, in .native/electron-<version>/, made once
// per Electron version from a scratch copy of the package; electron/main.ts looks for it there.
//
//   node electron/tools/start-electron.mjs [--native-only] [-- extra Electron arguments]
//     --native-only   prepare .native/ and stop (no Electron binary needed)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODULE_NAME = 'better-sqlite3-multiple-ciphers';
const MODULE_DIRECTORY = join(PROJECT, 'node_modules', MODULE_NAME);
const BINARY = 'better_sqlite3.node';

const say = (line) => console.log(`[wasl] ${line}`);

class StartError extends Error {}

function main() {
  const args = process.argv.slice(2);
  const nativeOnly = args.includes('--native-only');
  const electronArgs = args.filter((arg) => arg !== '--native-only' && arg !== '--');

  const version = installedElectronVersion();
  // Without the binary nothing can run: say so before spending minutes on the native module.
  const executable = nativeOnly ? null : electronExecutable();
  prepareNativeModule(version);
  if (nativeOnly) return;
  launch(executable, electronArgs);
}

function installedElectronVersion() {
  const file = join(PROJECT, 'node_modules', 'electron', 'package.json');
  if (!existsSync(file)) {
    throw new StartError('Electron is not installed (node_modules/electron is missing). Run `npm install` first.');
  }
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

function electronExecutable() {
  const require = createRequire(join(PROJECT, 'package.json'));
  try {
    // Loaded from Node, the electron package answers the path of its binary.
    const executable = require('electron');
    if (typeof executable === 'string' && existsSync(executable)) return executable;
  } catch {
    // Answered below: the package is there but its binary was never downloaded.
  }
  throw new StartError(
    [
      "Electron's binary is not installed (node_modules/electron has no dist/ folder;",
      'it is downloaded during `npm install` unless ELECTRON_SKIP_BINARY_DOWNLOAD is set).',
      'Either run `npm install` again on a machine with internet access,',
      'or run the same app in a browser with `npm run start:web`.',
    ].join('\n'),
  );
}

/** The Electron build of the SQLite module, made once per Electron version. */
function nativeModulePath(version) {
  return join(PROJECT, '.native', `electron-${version}`, BINARY);
}

function prepareNativeModule(version) {
  const target = nativeModulePath(version);
  if (existsSync(target)) {
    say(`SQLite module for Electron ${version}: ${relative(PROJECT, target)}`);
    return;
  }
  if (!existsSync(MODULE_DIRECTORY)) {
    throw new StartError(`${MODULE_NAME} is not installed. Run \`npm install\` first.`);
  }
  say(`Preparing the SQLite module for Electron ${version} (${process.platform}-${process.arch}), once for this version…`);
  const scratch = mkdtempSync(join(tmpdir(), 'wasl-native-'));
  try {
    const copy = join(scratch, MODULE_NAME);
    // The package without its build/ folder: whatever .node file appears there afterwards was made for Electron.
    cpSync(MODULE_DIRECTORY, copy, {
      recursive: true,
      filter: (source) => relative(MODULE_DIRECTORY, source).split(/[\\/]/)[0] !== 'build',
    });
    const built = join(copy, 'build', 'Release', BINARY);

    say('Downloading the prebuilt module (prebuild-install)…');
    const prebuilt = run(process.execPath, [prebuildInstallBin(), '--runtime', 'electron', '--target', version, '--arch', process.arch, '--verbose'], copy);
    if (!prebuilt || !existsSync(built)) {
      say('No prebuilt module could be downloaded; compiling from source with node-gyp (needs a C++ toolchain and internet access for the Electron headers)…');
      const [command, prefix] = nodeGyp();
      const compiled = run(
        command,
        [...prefix, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
        copy,
      );
      if (!compiled || !existsSync(built)) {
        throw new StartError(
          [
            `Could not prepare the SQLite module for Electron ${version}: the prebuilt download and the`,
            'build from source both failed (see the messages above). Both need internet access.',
            'Run `npm start` again once online, or use `npm run start:web`, which needs neither.',
            `Nothing was written to ${relative(PROJECT, dirname(target))}.`,
          ].join('\n'),
        );
      }
    }

    // Copy under a temporary name, then rename: an interrupted copy never passes for a finished one.
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial-${process.pid}`;
    copyFileSync(built, partial);
    renameSync(partial, target);
    say(`SQLite module for Electron ${version} ready: ${relative(PROJECT, target)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** prebuild-install's command line, beside the package or hoisted to the top of node_modules. */
function prebuildInstallBin() {
  const candidates = [
    join(MODULE_DIRECTORY, 'node_modules', 'prebuild-install', 'bin.js'),
    join(PROJECT, 'node_modules', 'prebuild-install', 'bin.js'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new StartError(`prebuild-install (a dependency of ${MODULE_NAME}) is missing. Run \`npm install\`.`);
  return found;
}

/** node-gyp: the copy npm itself uses when npm runs this script, else the project's, else through npx. */
function nodeGyp() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return [process.execPath, [fromNpm]];
  const local = join(PROJECT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(local)) return [process.execPath, [local]];
  return [process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--yes', 'node-gyp']];
}

/** Runs a command to completion with its output shown; true when it succeeded. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' && command.endsWith('.cmd') });
  if (result.error) {
    say(`${command} could not be started: ${result.error.message}`);
    return false;
  }
  return result.status === 0;
}

function launch(executable, extraArgs) {
  say(`Starting Electron ${executable}`);
  const env = { ...process.env };
  // Set, it would make Electron behave as plain Node and never open a window.
  delete env.ELECTRON_RUN_AS_NODE;
  // "main" in package.json points Electron at dist/electron/main.cjs.
  const child = spawn(executable, ['.', ...extraArgs], { cwd: PROJECT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (!child.killed) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`[wasl] Electron could not be started: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

try {
  main();
} catch (error) {
  if (error instanceof StartError) {
    console.error(`[wasl] ${error.message.split('\n').join('\n[wasl] ')}`);
  } else {
    console.error('[wasl] Could not start Wasl:', error);
  }
  process.exit(1);
}
