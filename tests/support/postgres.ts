// A throwaway PostgreSQL cluster for the office server's tests: Debian's `postgresql` binaries,
// a cluster in a temporary folder on a free loopback port, stopped and removed afterwards.
// PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface RunningPostgres {
  url: string;
  /** The whole database as `pg_dump` writes it: what a stolen backup would hold. */
  dump(): Buffer;
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's programs, or null when none is installed. */
export function postgresPrograms(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startPostgres(): Promise<RunningPostgres> {
  const programs = postgresPrograms();
  if (programs === null) throw new Error('PostgreSQL is not installed: apt-get install postgresql (.ci/run does)');
  const folder = mkdtempSync(join(tmpdir(), 'wasl-postgres-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', folder]);
  const run = (program: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : join(programs, program), asRoot ? ['-u', 'postgres', '--', join(programs, program), ...args] : args, { stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 });
  const data = join(folder, 'data');
  run('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // fsync off: a test cluster is thrown away; durability is not what these tests measure.
  run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(folder, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dump: () => run('pg_dump', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'postgres']),
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/** One of the office server's databases, as a test file opens it. */
export interface OfficeDatabaseUnderTest {
  /** The `databaseUrl` to start the office server with: none for the embedded PostgreSQL. */
  url(): string | undefined;
  /** What a stolen backup of it would hold (`pg_dump`); null for the embedded one, whose files are in the server's folder. */
  dump(): Buffer | null;
}

/**
 * The office server's two databases, for `describe.each`: the embedded PostgreSQL (PGlite, in the
 * server's folder) and a PostgreSQL server, a throwaway cluster started for the test file and stopped
 * after it.
 */
export function officeDatabases(): Array<[string, OfficeDatabaseUnderTest]> {
  let postgres: RunningPostgres | null = null;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop();
  });
  return [
    ['the embedded PostgreSQL', { url: () => undefined, dump: () => null }],
    ['a PostgreSQL server', { url: () => postgres!.url, dump: () => postgres!.dump() }],
  ];
}
