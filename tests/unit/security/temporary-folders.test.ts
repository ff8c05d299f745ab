// What a killed Wasl leaves in the temporary folder (the print browser's profile, which can hold the
// pages it printed) is removed at the next start, and nothing a running process still uses.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive, ownedFolderPrefix, PRINT_FOLDER_PREFIX, removeStaleTemporaryFolders } from '../../../electron/hosts/temporary-folders';

const NOW = Date.parse('2026-11-22T09:00:00Z');
const BOOT = NOW - 30 * 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const LIVE_PID = 4242;
const DEAD_PID = 4343;

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'wasl-test-temporary-'));
});

afterEach(() => rmSync(directory, { recursive: true, force: true }));

/** A folder as a browser leaves it, last changed `changedAt`. */
function folder(name: string, changedAt: number, files: string[] = ['Cookies']): string {
  const path = join(directory, name);
  mkdirSync(path);
  for (const file of files) writeFileSync(join(path, file), 'x');
  utimesSync(path, changedAt / 1000, changedAt / 1000);
  return path;
}

const clean = () =>
  removeStaleTemporaryFolders({ directory, now: NOW, bootTime: BOOT, isAlive: (pid) => pid === LIVE_PID });

describe('removeStaleTemporaryFolders', () => {
  it('removes the profile a killed printer or browser window left (its pid is gone), whatever its age', () => {
    const print = folder(`wasl-print-${DEAD_PID}-Ab3xYz`, NOW - 1000);
    const browser = folder(`wasl-browser-${DEAD_PID}-q9W2eR`, NOW - 1000);
    expect(clean().sort()).toEqual([browser, print].sort());
    expect(existsSync(print)).toBe(false);
    expect(existsSync(browser)).toBe(false);
  });

  it('keeps the profile of a printer or window still running, even an old one', () => {
    const print = folder(`wasl-print-${LIVE_PID}-Ab3xYz`, NOW - 72 * HOUR);
    const browser = folder(`wasl-browser-${LIVE_PID}-q9W2eR`, BOOT + 1000);
    expect(clean()).toEqual([]);
    expect(existsSync(print)).toBe(true);
    expect(existsSync(browser)).toBe(true);
  });

  it('removes a folder from before the machine started even if its pid now names another process', () => {
    const print = folder(`wasl-print-${LIVE_PID}-Ab3xYz`, BOOT - 1000);
    expect(clean()).toEqual([print]);
  });

  it('removes an earlier Wasl’s folder (no pid in its name) only when it is from before the machine started or a day old', () => {
    const beforeBoot = folder('wasl-print-Ab3xYz', BOOT - 1000);
    const dayOld = folder('wasl-print-Cd4yZa', NOW - 25 * HOUR);
    const recent = folder('wasl-print-Ef5zAb', NOW - 2 * HOUR);
    expect(clean().sort()).toEqual([beforeBoot, dayOld].sort());
    expect(existsSync(recent)).toBe(true);
  });

  it('removes Playwright’s artifacts folders an earlier printer left, never one another program may be using', () => {
    const beforeBoot = folder('playwright-artifacts-Ab3xYz', BOOT - 1000, ['download']);
    const emptyAndOld = folder('playwright-artifacts-Cd4yZa', NOW - 25 * HOUR, []);
    // A test run's browser, started a minute ago, or one that has downloaded something: not ours to judge.
    const emptyAndRecent = folder('playwright-artifacts-Ef5zAb', NOW - 60 * 1000, []);
    const inUse = folder('playwright-artifacts-Gh6aBc', NOW - 25 * HOUR, ['download']);
    expect(clean().sort()).toEqual([beforeBoot, emptyAndOld].sort());
    expect(existsSync(emptyAndRecent)).toBe(true);
    expect(existsSync(inUse)).toBe(true);
  });

  it('leaves alone everything else: other names, files, links, and other users’ folders', () => {
    const lookAlikes = [
      `wasl-print-${DEAD_PID}-Ab3xYz-extra`,
      `wasl-printer-${DEAD_PID}-Ab3xYz`,
      `xwasl-print-${DEAD_PID}-Ab3xYz`,
      `wasl-e2e-Ab3xYz`,
      `wasl-test-Ab3xYz`,
      `playwright_chromiumdev_profile-Ab3xYz`,
    ].map((name) => folder(name, BOOT - 1000));
    writeFileSync(join(directory, `wasl-print-${DEAD_PID}-Fi1eAb`), 'a file, not a folder');
    // A link named like a dead printer's folder, pointing at something precious.
    const precious = mkdtempSync(join(tmpdir(), 'wasl-test-precious-'));
    writeFileSync(join(precious, 'keep'), 'x');
    symlinkSync(precious, join(directory, `wasl-print-${DEAD_PID}-L1nkAb`));
    const deadPrinters = folder(`wasl-print-${DEAD_PID}-Dead01`, NOW - 1000);

    const removed = removeStaleTemporaryFolders({ directory, now: NOW, bootTime: BOOT, isAlive: () => false });
    expect(removed).toEqual([deadPrinters]);
    for (const path of lookAlikes) expect(existsSync(path), path).toBe(true);
    expect(existsSync(join(directory, `wasl-print-${DEAD_PID}-Fi1eAb`))).toBe(true);
    expect(existsSync(join(precious, 'keep'))).toBe(true);
    rmSync(precious, { recursive: true, force: true });

    // The same folder, had another user made it: not ours to remove.
    const anotherUsers = folder(`wasl-print-${DEAD_PID}-Other1`, NOW - 1000);
    expect(removeStaleTemporaryFolders({ directory, now: NOW, bootTime: BOOT, isAlive: () => false, uid: (process.getuid?.() ?? 0) + 1 })).toEqual([]);
    expect(existsSync(anotherUsers)).toBe(true);
  });

  it('answers nothing, and throws nothing, for a temporary folder that does not exist', () => {
    expect(removeStaleTemporaryFolders({ directory: join(directory, 'missing') })).toEqual([]);
  });

  it('names each folder it makes with the pid of the process that makes it', () => {
    expect(ownedFolderPrefix(PRINT_FOLDER_PREFIX, 1234)).toBe('wasl-print-1234-');
    expect(ownedFolderPrefix(PRINT_FOLDER_PREFIX)).toBe(`wasl-print-${process.pid}-`);
  });
});

describe('isProcessAlive', () => {
  it('knows this process, a running child, and one that has ended', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    const ended = spawnSync(process.execPath, ['-e', '0']);
    expect(ended.pid).toBeGreaterThan(0);
    expect(isProcessAlive(ended.pid!)).toBe(false);
  });

  it('answers false for what is not a process id', () => {
    for (const pid of [0, -1, Number.NaN, 1.5, Number.MAX_SAFE_INTEGER + 1]) expect(isProcessAlive(pid), String(pid)).toBe(false);
  });
});
