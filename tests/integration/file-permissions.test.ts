// The data folder and Wasl's files in it are readable by the user who runs Wasl alone: another
// account on the same PC cannot copy the database and the keyring to try passwords offline.
// Real encrypted databases opened the way the hosts open them; modes read back with stat.
import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ASSOCIATION, expectOk, openTestHost, tempDir } from '../support/database';

const modeOf = (path: string) => statSync(path).mode & 0o7777;
const WASL_FILES = ['wasl.db', 'wasl.db-wal', 'wasl.db-shm', 'wasl.keyring'];

let parent: string;
let previousUmask: number;

beforeAll(() => {
  parent = tempDir();
  // The usual default: files readable by everyone unless the program says otherwise.
  previousUmask = process.umask(0o022);
});

afterAll(() => {
  process.umask(previousUmask);
  rmSync(parent, { recursive: true, force: true });
});

describe('the data folder, in POSIX modes (Linux and macOS)', () => {
  it('is made 0700, and the database, its -wal and -shm, and the keyring are 0600, from the first setup', async () => {
    const folder = join(parent, 'fresh', 'Wasl');
    const { wasl, loggedErrors } = openTestHost(folder);
    try {
      expect(modeOf(folder)).toBe(0o700);
      expectOk(await wasl.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN }));
      for (const file of WASL_FILES) expect(modeOf(join(folder, file)), file).toBe(0o600);
      expect(loggedErrors).toEqual([]);
    } finally {
      await wasl.close();
    }
  });

  it('tightens a folder and files left readable by others (an earlier Wasl, a copy made by hand) at the next start and sign-in', async () => {
    const folder = join(parent, 'loose');
    let { wasl } = openTestHost(folder);
    expectOk(await wasl.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN }));
    await wasl.close();
    chmodSync(folder, 0o755);
    for (const file of ['wasl.db', 'wasl.keyring']) chmodSync(join(folder, file), 0o644);
    writeFileSync(join(folder, 'wasl.db.before-restore-2026-11-22T09-00-00-000Z'), 'a safety copy');
    chmodSync(join(folder, 'wasl.db.before-restore-2026-11-22T09-00-00-000Z'), 0o664);
    // Someone else's file in the folder is theirs: its mode is left as it is.
    writeFileSync(join(folder, 'notes.txt'), 'x');
    chmodSync(join(folder, 'notes.txt'), 0o644);

    ({ wasl } = openTestHost(folder));
    try {
      expect(modeOf(folder)).toBe(0o700);
      expect(modeOf(join(folder, 'wasl.keyring'))).toBe(0o600);
      expect(modeOf(join(folder, 'wasl.db.before-restore-2026-11-22T09-00-00-000Z'))).toBe(0o600);
      expectOk(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
      for (const file of WASL_FILES) expect(modeOf(join(folder, file)), file).toBe(0o600);
      expect(modeOf(join(folder, 'notes.txt'))).toBe(0o644);
    } finally {
      await wasl.close();
    }
  });

  it('never loosens: a stricter mode stays as it is', async () => {
    const folder = join(parent, 'strict');
    mkdirSync(folder);
    chmodSync(folder, 0o700);
    writeFileSync(join(folder, 'wasl.db.key'), 'old key file');
    chmodSync(join(folder, 'wasl.db.key'), 0o400);
    const { wasl } = openTestHost(folder);
    try {
      expect(modeOf(join(folder, 'wasl.db.key'))).toBe(0o400);
      expect(modeOf(folder)).toBe(0o700);
    } finally {
      await wasl.close();
    }
  });
});
