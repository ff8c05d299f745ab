// `npm run server` as an engineer starts it: the address, the database, the certificate's
// fingerprint and the first desk's pairing code printed; a pairing code asked for at the server's
// PC; a clean stop. And what it says when it is started wrongly.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintLines } from '../../electron/api/sync/office';
import { settingsFrom, withoutPassword } from '../../server/settings';
import { tempDir } from '../support/database';
import { freePort } from '../support/postgres';

const CLI = ['--import', 'tsx', 'server/cli.ts'];
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Resolves with everything printed once `pattern` has been printed. */
function printed(child: ChildProcess, pattern: RegExp): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not printed: ${pattern}\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
  });
}

describe('npm run server', () => {
  it('prints where it listens, its record, its fingerprint and the first pairing code; gives another at its PC; stops cleanly', async () => {
    const data = tempDir();
    folders.push(data);
    const port = await freePort();
    const server = spawn(process.execPath, [...CLI, '--data', data, '--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const output = await printed(server, /first desk[^\n]*\n\s+\S+/);
      expect(output).toContain(`listening on https://127.0.0.1:${port}`);
      expect(output).toContain(`embedded PostgreSQL in ${join(data, 'postgres')}`);
      const fingerprint = new X509Certificate(readFileSync(join(data, 'tls', 'server.crt'))).fingerprint256;
      const [first, second] = fingerprintLines(fingerprint);
      // As the desk shows it, in two lines of groups, to be compared by eye.
      expect(output).toContain(`\n  ${first}\n  ${second}\n`);
      expect(output).toMatch(/first desk \(valid until [^)]+\):\n {2}[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n/);

      const asked = spawnSync(process.execPath, [...CLI, 'pairing-code', '--data', data, '--port', String(port)], { encoding: 'utf8', timeout: 60_000 });
      expect(asked.status, asked.stderr).toBe(0);
      expect(asked.stdout).toMatch(/^Pairing code \(valid until [^)]+\):\n {2}[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n$/);
    } finally {
      const stopped = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
      server.kill('SIGTERM');
      expect(await stopped).toBe(0);
    }
  }, 120_000);

  it('reads its settings from the command line first, then the environment, and says what is wrong', () => {
    expect(settingsFrom([], {})).toMatchObject({ command: 'serve', port: 8443, host: '0.0.0.0', databaseUrl: undefined });
    expect(settingsFrom(['--port', '9443'], { WASL_SERVER_PORT: '7000', WASL_SERVER_DATA: '/srv/wasl' })).toMatchObject({ port: 9443, dataDirectory: '/srv/wasl' });
    expect(settingsFrom(['pairing-code'], { DATABASE_URL: 'postgres://wasl:secret@db/wasl' })).toMatchObject({ command: 'pairing-code', databaseUrl: 'postgres://wasl:secret@db/wasl' });
    expect(settingsFrom(['--port', 'eighty'], {})).toEqual({ problem: 'The port must be a number from 1 to 65535, not "eighty".' });
    expect(settingsFrom(['--port', '70000'], {})).toHaveProperty('problem');
    expect(settingsFrom(['start', 'now'], {})).toEqual({ problem: 'Unknown command: start now' });
    expect(settingsFrom(['--colour'], {})).toHaveProperty('problem');
    expect(settingsFrom([], { DATABASE_URL: 'mysql://db' })).toEqual({ problem: 'DATABASE_URL must start with postgres:// or postgresql://.' });
    expect(settingsFrom(['revoke', '0123456789abcdef'], {})).toMatchObject({ command: 'revoke', deskId: '0123456789abcdef' });
    expect(settingsFrom(['revoke'], {})).toHaveProperty('problem');
    expect(settingsFrom(['verify', '--port', '9443'], {})).toMatchObject({ command: 'verify', port: 9443 });
    expect(settingsFrom(['verify', 'now'], {})).toHaveProperty('problem');
    expect(settingsFrom(['revoke', 'laptop'], {})).toHaveProperty('problem');
  });

  it('never prints the database password', () => {
    expect(withoutPassword('postgres://wasl:s3cret@db.office:5432/wasl')).toBe('postgres://wasl:****@db.office:5432/wasl');
    expect(withoutPassword('postgres://db.office/wasl')).toBe('postgres://db.office/wasl');
    expect(withoutPassword('postgres://db.office/wasl?password=s3cret')).not.toContain('s3cret');
  });
});
