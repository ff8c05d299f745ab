/**
 * The office server under a working office: the server started as an administrator starts it
 * (`npm run server`, a process of its own, the embedded PostgreSQL), ten desks paired with it, each
 * registering people and logging contacts and syncing after each, for a minute. The server's process
 * is sampled every half second: its CPU (share of one core) and its resident memory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PairingCodeMade } from '../../electron/api/office';
import type { Result } from '../../electron/api/result';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import { validFields } from '../support/database';

interface Output {
  line(name: string, value: number, unit: string, digits?: number): void;
  comment(text: string): void;
}

const DESKS = 10;
/** How long the desks work: a minute (WASL_BENCH_OFFICE_LOAD_MS for a quicker look). */
const LOAD_MS = Number(process.env.WASL_BENCH_OFFICE_LOAD_MS ?? 60_000);
const PASSWORD = 'bench pass phrase 2026';
const CLOCK_TICKS_PER_SECOND = 100;

function expectOk<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `npm run server`'s program and reads its fingerprint and first pairing code from what it prints. */
async function startServerProcess(dataDirectory: string, port: number): Promise<{ child: ChildProcessWithoutNullStreams; fingerprint: string; code: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--data', dataDirectory, '--port', String(port), '--host', '127.0.0.1'], { cwd: process.cwd() });
  let printed = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the office server did not start:\n${printed}`)), 120_000);
    child.once('exit', (code) => reject(new Error(`the office server stopped (${code}):\n${printed}`)));
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const fingerprint = /fingerprint[^\n]*\n\s+([^\n]+)\n\s+([^\n]+)\n/i.exec(printed);
      const code = /Pairing code for the first desk[^\n]*\n\s+(\S+)/.exec(printed);
      if (fingerprint && code) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        // Printed in two lines of groups; the desk takes it whole, its pairs joined by colons.
        resolve({ child, fingerprint: `${fingerprint[1]} ${fingerprint[2]}`.trim().replace(/\s+/g, ':'), code: code[1]! });
      }
    });
  });
}

/** The process's CPU time so far (user and system, in seconds) and its resident memory (MB), from /proc. */
function sample(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds, rssMb: Number(rss?.[1] ?? 0) / 1024 };
}

export async function benchOfficeServerLoad({ line, comment }: Output): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'wasl-bench-office-'));
  const port = await freePort();
  const { child, fingerprint, code } = await startServerProcess(join(folder, 'server'), port);
  const desks: Wasl[] = [];
  try {
    const address = `127.0.0.1:${port}`;
    for (let index = 0; index < DESKS; index += 1) {
      const desk = openWasl({ databasePath: join(folder, `desk-${index}`, 'wasl.db'), appVersion: 'bench' });
      desks.push(desk);
      expectOk(await desk.dispatch('session.setup', { associationName: 'مكتب القياس', username: `desk${index}`, password: PASSWORD, displayName: `مكتب ${index + 1}` }), 'set up');
      const pairingCode = index === 0 ? code : expectOk<PairingCodeMade>(await desks[0]!.dispatch('office.newPairingCode', {}), 'code').code;
      expectOk(await desk.dispatch('office.pair', { address, fingerprint, code: pairingCode, deskName: `مكتب ${index + 1}` }), `pair desk ${index + 1}`);
    }
    for (const desk of desks) expectOk(await desk.dispatch('office.syncNow', {}), 'first round');

    const started = performance.now();
    const before = sample(child.pid!);
    let peakRss = before.rssMb;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, sample(child.pid!).rssMb)), 500);
    let changes = 0;
    // Each desk in turn saves one person, logs a contact and syncs: ten officers at work, with their rounds.
    await Promise.all(
      desks.map(async (desk) => {
        while (performance.now() - started < LOAD_MS) {
          const person = await desk.dispatch('beneficiaries.register', { fields: validFields() });
          if (person.ok) {
            await desk.dispatch('contacts.log', { beneficiaryId: (person.value as { id: string }).id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'اتصال للقياس' });
            changes += 2;
          }
          expectOk(await desk.dispatch('office.syncNow', {}), 'round');
        }
      }),
    );
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const after = sample(child.pid!);
    line('office_server_cpu_10_desks', (100 * (after.cpuSeconds - before.cpuSeconds)) / seconds, '% of one core', 1);
    line('office_server_rss_10_desks', peakRss, 'MB', 0);
    comment(`office server under ${DESKS} desks for ${seconds.toFixed(0)} s: ${changes} changes saved and synced (each desk saves, then sends and receives); the server a process of its own with the embedded PostgreSQL`);
  } finally {
    for (const desk of desks) await desk.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(folder, { recursive: true, force: true });
  }
}
