// The data folder is restricted to the user who runs Wasl: on Windows by icacls with fixed
// arguments (built and checked here; icacls itself runs only on Windows), elsewhere by modes.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { icaclsArguments, icaclsPath, restrictDataFolder, restrictFolderOnWindows, windowsAccount } from '../../../electron/core/data-folder-permissions';

describe('icaclsArguments', () => {
  it('removes the inherited entries and grants the user alone full control of the folder and all it holds', () => {
    expect(icaclsArguments('C:\\Users\\officer\\AppData\\Roaming\\Wasl', 'DESK-1\\officer')).toEqual([
      'C:\\Users\\officer\\AppData\\Roaming\\Wasl',
      '/inheritance:r',
      '/grant:r',
      'DESK-1\\officer:(OI)(CI)F',
      '/Q',
    ]);
  });

  it('takes folders and accounts with spaces and Arabic letters as one argument each', () => {
    const args = icaclsArguments('D:\\بيانات وصل\\Wasl', 'الجمعية\\موظف الاستقبال');
    expect(args[0]).toBe('D:\\بيانات وصل\\Wasl');
    expect(args[3]).toBe('الجمعية\\موظف الاستقبال:(OI)(CI)F');
    expect(icaclsArguments('\\\\server\\share\\Wasl', 'officer')[0]).toBe('\\\\server\\share\\Wasl');
  });

  it.each([
    '/grant',
    '/T',
    'Wasl',
    '.\\Wasl',
    '..\\Wasl',
    '\\Wasl',
    '',
    '-Wasl',
  ])('refuses a folder icacls could read as an option or as relative: %s', (folder) => {
    expect(() => icaclsArguments(folder, 'officer')).toThrow(/absolute Windows path/);
  });

  it.each([
    '',
    '/grant:r Everyone',
    'Everyone:(OI)(CI)F /grant',
    'officer:F',
    'officer"',
    'a\\b\\c',
    '\\officer',
    'officer\\',
    'office*',
    'off\nicer',
  ])('refuses an account name Windows would not have: %j', (account) => {
    expect(() => icaclsArguments('C:\\Wasl', account)).toThrow(/account name/);
  });
});

describe('on Windows', () => {
  it('runs icacls from the system folder, with the fixed arguments, for DOMAIN\\user', () => {
    const runs: Array<[string, string[]]> = [];
    restrictFolderOnWindows('C:\\Users\\officer\\AppData\\Roaming\\Wasl', {
      env: { SystemRoot: 'C:\\Windows', USERDOMAIN: 'DESK-1', USERNAME: 'officer', PATH: 'C:\\evil' },
      runIcacls: (icacls, args) => runs.push([icacls, args]),
    });
    expect(runs).toEqual([
      ['C:\\Windows\\System32\\icacls.exe', ['C:\\Users\\officer\\AppData\\Roaming\\Wasl', '/inheritance:r', '/grant:r', 'DESK-1\\officer:(OI)(CI)F', '/Q']],
    ]);
  });

  it('is what restrictDataFolder does on Windows, once the folder exists', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wasl-test-acl-'));
    const warnings: string[] = [];
    try {
      // A POSIX path is no Windows path: icacls is not run with it, and the refusal is told.
      restrictDataFolder(join(folder, 'Wasl'), { platform: 'win32', runIcacls: () => expect.fail('icacls run'), warn: (message) => warnings.push(message) });
      expect(statSync(join(folder, 'Wasl')).isDirectory()).toBe(true);
      expect(warnings[0]).toMatch(/not an absolute Windows path/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says so, and still opens, when icacls fails (a FAT drive, a share)', () => {
    const warnings: string[] = [];
    restrictFolderOnWindows('E:\\Wasl', {
      env: { SystemRoot: 'C:\\Windows', USERNAME: 'officer' },
      runIcacls: () => {
        throw new Error('Access is denied.');
      },
      warn: (message) => warnings.push(message),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Access is denied.');
  });

  it('names the account and icacls from the environment, with safe fallbacks', () => {
    expect(windowsAccount({ USERDOMAIN: 'OFFICE', USERNAME: 'reem' })).toBe('OFFICE\\reem');
    expect(windowsAccount({ USERNAME: 'reem' })).toBe('reem');
    expect(icaclsPath({ SystemRoot: 'D:\\WINDOWS' })).toBe('D:\\WINDOWS\\System32\\icacls.exe');
    expect(icaclsPath({})).toBe('C:\\Windows\\System32\\icacls.exe');
  });
});

describe('on Linux and macOS', () => {
  let parent: string;
  const modeOf = (path: string) => statSync(path).mode & 0o7777;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'wasl-test-modes-'));
  });

  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('makes a missing folder, and its missing parents, 0700', () => {
    const folder = join(parent, 'config', 'Wasl');
    restrictDataFolder(folder, { platform: 'linux', warn: () => undefined });
    expect(modeOf(folder)).toBe(0o700);
  });

  it('drops the group and others bits of the folder and of Wasl’s files only', () => {
    chmodSync(parent, 0o775);
    for (const [name, mode] of [['wasl.db', 0o666], ['wasl.db-wal', 0o644], ['wasl.keyring', 0o640], ['wasl.db.key', 0o604], ['report.pdf', 0o644]] as const) {
      writeFileSync(join(parent, name), 'x');
      chmodSync(join(parent, name), mode);
    }
    mkdirSync(join(parent, 'wasl.backups'));
    chmodSync(join(parent, 'wasl.backups'), 0o755);
    // A link named like Wasl's file, pointing at a file of someone's: not followed.
    writeFileSync(join(parent, 'elsewhere.txt'), 'x');
    chmodSync(join(parent, 'elsewhere.txt'), 0o644);
    symlinkSync(join(parent, 'elsewhere.txt'), join(parent, 'wasl.db-shm'));
    restrictDataFolder(parent, { platform: 'linux' });
    expect(modeOf(join(parent, 'elsewhere.txt'))).toBe(0o644);
    expect(modeOf(parent)).toBe(0o700);
    for (const name of ['wasl.db', 'wasl.db-wal', 'wasl.keyring', 'wasl.db.key']) expect(modeOf(join(parent, name)), name).toBe(0o600);
    expect(modeOf(join(parent, 'report.pdf'))).toBe(0o644);
    // Not a file: nothing of Wasl's is a folder here.
    expect(modeOf(join(parent, 'wasl.backups'))).toBe(0o755);
  });

  it('leaves a folder shared by nature (sticky, like /tmp) as it is, says so, and still restricts Wasl’s files in it', () => {
    const shared = join(parent, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    writeFileSync(join(shared, 'wasl.db'), 'x');
    chmodSync(join(shared, 'wasl.db'), 0o644);
    const warnings: string[] = [];
    restrictDataFolder(shared, { platform: 'linux', warn: (message) => warnings.push(message) });
    expect(modeOf(shared)).toBe(0o1777);
    expect(modeOf(join(shared, 'wasl.db'))).toBe(0o600);
    expect(warnings).toEqual([`${shared} is shared or not this user's: only Wasl's own files in it are restricted`]);
  });

  it('never touches the root of the filesystem', () => {
    const warnings: string[] = [];
    const before = modeOf('/');
    restrictDataFolder('/', { platform: 'linux', warn: (message) => warnings.push(message) });
    expect(modeOf('/')).toBe(before);
    expect(warnings).toHaveLength(1);
  });
});
