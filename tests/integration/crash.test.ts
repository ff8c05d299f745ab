// Crash safety: a process registering beneficiaries is killed (SIGKILL, no chance to clean up) at a
// random moment, again and again on the same growing database. After each kill the file must open
// with the same key, pass SQLite's integrity check, and hold every registration the process had
// acknowledged. The writer is a real child process (tests/support/crash-writer.ts) on the real
// service; nothing is mocked.
//
// A kill ends the process, not the machine: what it proves is that a registration is one atomic
// commit and that recovery from the write-ahead log is sound. Surviving a power cut also needs
// synchronous=FULL (db/connection.ts), which no test here can cut the power to check.
//
// The delays come from a seeded generator: a failure prints its seed, and CRASH_TEST_SEED=<seed>
// replays the same kill times (the timing of the writer itself still varies from run to run).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';

const PROJECT = resolve(__dirname, '..', '..');
const WRITER = join(PROJECT, 'tests', 'support', 'crash-writer.ts');

/** A fixed test key: the same for the writer and for the checks. */
const KEY = Buffer.from('7c3f0a9e5d21b8466e0f13a2c4d9b7e18a5c2f60d3e4b1a9087f6e5d4c3b2a19', 'hex');

const ROUNDS = 12;
const MIN_DELAY_MS = 50;
const MAX_DELAY_MS = 600;
/** Serials (and so national IDs and phones) of each round start this far apart, so no two rounds collide. */
const SERIALS_PER_ROUND = 1_000_000;
const READY_TIMEOUT_MS = 20_000;

const SEED = chooseSeed(process.env.CRASH_TEST_SEED);

function chooseSeed(given: string | undefined): number {
  if (given === undefined || given === '') return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`CRASH_TEST_SEED must be an integer from 0 to 2^32-1, not ${given}`);
  return seed;
}

/** mulberry32: a small, well-mixed 32-bit generator, enough to make the kill times replayable. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Ack {
  id: string;
  idNumber: string;
}

/** One run of the writer: started, killed once ready plus `delayMs`, and everything it printed. */
interface Round {
  acks: Ack[];
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  stderr: string;
  readyAfterMs: number;
}

const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function runAndKill(databasePath: string, firstSerial: number, delayMs: number): Promise<Round> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    // Plain node with the tsx loader, not the tsx launcher: the launcher runs the script in a child
    // of its own, which a SIGKILL to the launcher would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, databasePath, String(firstSerial)], {
      cwd: PROJECT,
      env: { ...process.env, WASL_CRASH_TEST_KEY: KEY.toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    const acks: Ack[] = [];
    let stderr = '';
    let pending = '';
    let readyAfterMs = -1;
    let killTimer: NodeJS.Timeout | undefined;
    const readyTimer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS);

    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      // The last piece is a line still being written (or empty): keep it for the next chunk.
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') {
          readyAfterMs = Date.now() - started;
          clearTimeout(readyTimer);
          killTimer = setTimeout(() => child.kill('SIGKILL'), delayMs);
          continue;
        }
        const [word, id, idNumber] = line.split(' ');
        if (word === 'ack' && id && idNumber) acks.push({ id, idNumber });
        else stderr += `unexpected line on stdout: ${line}\n`;
      }
    });
    child.on('error', reject);
    // 'close', not 'exit': every line the writer got out before it died has been read by then.
    child.on('close', (exitCode, signal) => {
      clearTimeout(readyTimer);
      clearTimeout(killTimer);
      running.delete(child);
      if (pending !== '') stderr += `unfinished line on stdout: ${pending}\n`;
      resolvePromise({ acks, signal, exitCode, stderr, readyAfterMs });
    });
  });
}

interface Inspection {
  integrity: string[];
  foreignKeyProblems: number;
  /** The acknowledged ids missing from the table, or present with another national ID. */
  lost: Ack[];
  /** Registrations written without their phone: a commit that was not atomic. */
  withoutPhone: number;
  total: number;
}

/** Opens the database as the app would after the crash, with the same key, and checks it. */
function inspect(databasePath: string, acknowledged: Ack[]): Inspection {
  const opened = openDatabase(databasePath, { key: KEY });
  try {
    const { sqlite } = opened;
    const integrity = sqlite.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
    const foreignKeyProblems = (sqlite.pragma('foreign_key_check') as unknown[]).length;
    const stored = new Map(
      (sqlite.prepare('SELECT id, id_number AS idNumber FROM beneficiaries').all() as Ack[]).map((row) => [row.id, row.idNumber]),
    );
    const lost = acknowledged.filter((ack) => stored.get(ack.id) !== ack.idNumber);
    const withoutPhone = sqlite
      .prepare('SELECT count(*) FROM beneficiaries b WHERE NOT EXISTS (SELECT 1 FROM beneficiary_phones p WHERE p.beneficiary_id = b.id)')
      .pluck()
      .get() as number;
    return { integrity: integrity.map((row) => row.integrity_check), foreignKeyProblems, lost, withoutPhone, total: stored.size };
  } finally {
    opened.sqlite.close();
  }
}

describe('a writer killed at a random moment', () => {
  it('loses no acknowledged registration and leaves a sound database', { timeout: 120_000 }, async () => {
    console.log(`crash test seed: ${SEED} (replay with CRASH_TEST_SEED=${SEED})`);
    const random = seededRandom(SEED);
    const dir = mkdtempSync(join(tmpdir(), 'wasl-crash-'));
    const databasePath = join(dir, 'wasl.db');
    const acknowledged: Ack[] = [];
    try {
      for (let round = 1; round <= ROUNDS; round += 1) {
        const delayMs = Math.round(MIN_DELAY_MS + random() * (MAX_DELAY_MS - MIN_DELAY_MS));
        const context = `seed ${SEED}, round ${round}, kill ${delayMs} ms after ready`;
        const run = await runAndKill(databasePath, round * SERIALS_PER_ROUND, delayMs);

        // The writer ran until the kill: it neither failed nor stopped by itself.
        expect(run.stderr, context).toBe('');
        expect(run.readyAfterMs, `${context}: the writer never reported ready`).toBeGreaterThanOrEqual(0);
        expect(run.signal, `${context}: exit code ${run.exitCode}`).toBe('SIGKILL');

        acknowledged.push(...run.acks);
        const found = inspect(databasePath, acknowledged);
        expect(found.integrity, context).toEqual(['ok']);
        expect(found.foreignKeyProblems, context).toBe(0);
        expect(found.lost, `${context}: acknowledged but not in the database`).toEqual([]);
        expect(found.withoutPhone, `${context}: half-written registrations`).toBe(0);
        // At most the one registration in flight at the kill may have committed without its ack.
        expect(found.total - acknowledged.length, context).toBeGreaterThanOrEqual(0);
        expect(found.total - acknowledged.length, context).toBeLessThanOrEqual(round);
        console.log(
          `round ${round}: ready after ${run.readyAfterMs} ms, killed ${delayMs} ms later, ` +
            `${run.acks.length} acknowledged, ${found.total} in the database`,
        );
      }
      // Not a vacuous pass: the kills landed while registrations were being written.
      expect(acknowledged.length, `seed ${SEED}`).toBeGreaterThan(ROUNDS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
