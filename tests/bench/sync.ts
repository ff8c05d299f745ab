/**
 * The office sync, measured on the bench office: desk A (the bench's database) pairs with an office
 * server on loopback (the embedded PostgreSQL) and sends its whole record, takes it back, and, up to
 * date with an office grown past SNAPSHOT_AFTER_OPERATIONS, seals the office's snapshot
 * (services/sync/snapshot.ts); a new desk B pairs with a code made on A and makes its first sync:
 * it loads the snapshot and pulls what came after it (`first_sync_office`, with the sending and
 * receiving rates); then single changes made on A, sent at once and received by B
 * (`sync_visible_p95`, from the officer's save on A to the change in B's record).
 *
 * On a smaller office: `npx tsx tests/bench/sync.ts --db PATH --user U --password P` measures the
 * same on the database at PATH (made by `npm run seed:demo`), with contacts and casework added to it as
 * the bench office has them (twenty contacts for each person, its requests, complaints, letters and
 * inquiries in proportion), on a copy: PATH is left as it was. At 100,000 people, it is the bench office.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { Result } from '../../electron/api/result';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import { keyringPathFor } from '../../electron/core/paths';
import { newId } from '../../electron/services/ids';
import { generateBeneficiaries } from '../../electron/tools/seed/generate';
import { createRng } from '../../electron/tools/seed/names';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer } from '../../server/office-server';
import { BENCH_OFFICERS, caseworkFor, seedCasework, seedOfficers } from './casework';

interface Output {
  line(name: string, value: number, unit: string, digits?: number): void;
  comment(text: string): void;
}

function expectOk<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const percentile = (values: number[], p: number) => values.toSorted((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

/**
 * The desk as its officer leaves it after a long sync: locked by the idle lock (background rounds
 * are not someone at the desk). Unlocked with the password, as the officer would.
 */
async function atTheDesk(desk: Wasl, password: string): Promise<void> {
  // A call meets the idle lock (the desk locks before it runs it); asking for the session's state does not.
  const status = await desk.dispatch('office.status', {});
  if (!status.ok && status.error.code === 'locked') expectOk(await desk.dispatch('session.unlock', { password }), 'unlock');
}

/** Rounds until nothing waits on the sending desk and the receiving one has caught up. */
async function syncedThrough(desk: Wasl, password: string): Promise<OfficeStatus> {
  for (;;) {
    // A round of a whole office outlasts the idle lock: the next call needs the desk unlocked.
    await atTheDesk(desk, password);
    const status = expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}), 'sync');
    if (status.sync?.problem) throw new Error(`sync stopped: ${JSON.stringify(status.sync.problem)}`);
    if (status.sync?.offlineSince) throw new Error('the office server is out of reach');
    if ((status.sync?.pending ?? 0) === 0) return status;
  }
}

const inboxCount = (desk: Wasl) => desk.desk.openDatabase!.sqlite.prepare('SELECT count(*) FROM sync_inbox').pluck().get() as number;
/** How far in the office's order a desk has received (its cursor). */
const cursorOf = (desk: Wasl) => Number(JSON.parse((desk.desk.openDatabase!.sqlite.prepare("SELECT value FROM settings WHERE key = 'office.cursor'").pluck().get() as string | undefined) ?? '0'));
const outboxCount = (desk: Wasl) => desk.desk.openDatabase!.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number;

export async function benchSync(
  databasePath: string,
  account: { user: string; password: string },
  /** People to register on A, one at a time, for the change's way to B. */
  newcomers: readonly BeneficiaryFieldsInput[],
  { line, comment }: Output,
): Promise<void> {
  const { user, password } = account;
  const folder = mkdtempSync(join(tmpdir(), 'wasl-bench-sync-'));
  const server = await startOfficeServer({ dataDirectory: join(folder, 'server'), host: '127.0.0.1', port: 0 });
  const deskA = openWasl({ databasePath, appVersion: 'bench' });
  const deskB = openWasl({ databasePath: join(folder, 'desk-b', 'wasl.db'), appVersion: 'bench' });
  try {
    expectOk(await deskA.dispatch('session.signIn', { username: user, password }), 'sign in on A');
    const address = `127.0.0.1:${server.port}`;

    // ---- desk A sends the whole office ----------------------------------------------------------
    const { code } = await createPairingCode(server.database.db, new Date());
    const pairStarted = performance.now();
    expectOk(await deskA.dispatch('office.pair', { address, fingerprint: server.fingerprint, code, deskName: 'A' }), 'pair A');
    const queued = outboxCount(deskA);
    const queuedMs = performance.now() - pairStarted;
    comment(`desk A queued its whole record: ${queued} operations in ${(queuedMs / 1000).toFixed(1)} s`);
    const pushStarted = performance.now();
    await syncedThrough(deskA, password);
    const pushSeconds = (performance.now() - pushStarted) / 1000;
    line('sync_push_ops_per_s', queued / pushSeconds, 'ops/s', 0);
    const snapshot = await server.database.db
      .selectFrom('snapshots')
      .innerJoin('snapshot_chunks', 'snapshot_chunks.snapshot_id', 'snapshots.snapshot_id')
      .select((eb) => ['snapshots.server_seq', 'snapshots.chunk_count', 'snapshots.started_at', 'snapshots.completed_at', eb.fn.sum<string>(eb.fn('octet_length', ['snapshot_chunks.sealed'])).as('bytes')])
      .where('snapshots.completed_at', 'is not', null)
      .groupBy(['snapshots.snapshot_id', 'snapshots.server_seq', 'snapshots.chunk_count', 'snapshots.started_at', 'snapshots.completed_at'])
      .executeTakeFirst();
    comment(
      snapshot === undefined
        ? 'desk A sealed no snapshot (the office is smaller than a snapshot is sealed for): desk B pulls everything'
        : `desk A's rounds (${pushSeconds.toFixed(1)} s) sent its record, took it back and sealed the office's snapshot at operation ${snapshot.server_seq}: ` +
            `${snapshot.chunk_count} chunks, ${(Number(snapshot.bytes) / 1024 / 1024).toFixed(1)} MB sealed, sent to the server in ${((snapshot.completed_at!.getTime() - snapshot.started_at.getTime()) / 1000).toFixed(1)} s`,
    );

    // ---- a new desk B receives it ---------------------------------------------------------------
    expectOk(await deskB.dispatch('session.setup', { associationName: 'مكتب القياس', username: 'deskb', password: password, displayName: 'مكتب ب' }), 'set up B');
    await atTheDesk(deskA, password);
    const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}), 'code for B');
    const pullStarted = performance.now();
    expectOk(await deskB.dispatch('office.pair', { address, fingerprint: server.fingerprint, code: made.code, deskName: 'B' }), 'pair B');
    const officeHolds = Number((await server.database.db.selectFrom('operations').select((eb) => eb.fn.max('server_seq').as('last')).executeTakeFirstOrThrow()).last);
    // Received and taken into B's record: its cursor at the office's last operation, nothing left in its inbox.
    while (cursorOf(deskB) < officeHolds || inboxCount(deskB) > 0) await syncedThrough(deskB, password);
    const pullSeconds = (performance.now() - pullStarted) / 1000;
    const fromSnapshot = Number(JSON.parse((deskB.desk.openDatabase!.sqlite.prepare("SELECT value FROM settings WHERE key = 'office.startedFromSnapshot'").pluck().get() as string | undefined) ?? '0'));
    line('sync_pull_ops_per_s', officeHolds / pullSeconds, 'ops/s', 0);
    line('first_sync_office', pullSeconds, 's', 1);
    comment(
      `first sync of desk B: the office's ${officeHolds} operations in ${pullSeconds.toFixed(1)} s (pairing included), ` +
        (fromSnapshot > 0 ? `${fromSnapshot} of them from the snapshot, ${officeHolds - fromSnapshot} pulled after it` : 'all of them pulled one page at a time'),
    );

    // ---- one change, from desk A's save to desk B's queue ---------------------------------------
    const visible: number[] = [];
    await atTheDesk(deskA, password);
    await atTheDesk(deskB, password);
    for (const fields of newcomers) {
      const started = performance.now();
      const person = expectOk<{ id: string }>(await deskA.dispatch('beneficiaries.register', { fields }), 'register on A');
      await syncedThrough(deskA, password);
      const seen = () => deskB.desk.openDatabase!.sqlite.prepare('SELECT 1 FROM beneficiaries WHERE id = ?').get(person.id) !== undefined;
      while (!seen()) await syncedThrough(deskB, password);
      visible.push(performance.now() - started);
    }
    line('sync_visible_p95', percentile(visible, 0.95), 'ms');
    comment('sync_visible: a registration saved on A, sent at once, received by B and in its record (each desk otherwise syncs every 10 s), over HTTPS on loopback to the embedded PostgreSQL');
  } finally {
    await deskB.close();
    await deskA.close();
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The same on a smaller office, made by `npm run seed:demo`: a copy of its database, with twenty
 * contacts for each person spread as the bench office's are (anyone, any time in two years, in no
 * order), so that a figure can be measured in minutes and scaled to the bench office by its operations.
 */
async function benchSmallerOffice(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' } } });
  if (!values.db || !values.user || !values.password) throw new Error('usage: npx tsx tests/bench/sync.ts --db PATH --user U --password P');
  const folder = mkdtempSync(join(tmpdir(), 'wasl-bench-smaller-office-'));
  const databasePath = join(folder, 'wasl.db');
  cpSync(values.db, databasePath);
  cpSync(keyringPathFor(values.db), keyringPathFor(databasePath));
  try {
    const desk = openWasl({ databasePath, appVersion: 'bench' });
    let newcomers: BeneficiaryFieldsInput[];
    try {
      expectOk(await desk.dispatch('session.signIn', { username: values.user, password: values.password }), 'sign in');
      const sqlite = desk.desk.openDatabase!.sqlite;
      const people = sqlite.prepare('SELECT id FROM beneficiaries').pluck().all() as string[];
      const officer = sqlite.prepare("SELECT id FROM users WHERE role = 'administrator'").pluck().get() as string;
      const insert = sqlite.prepare(
        `INSERT INTO contacts (id, beneficiary_id, channel, direction, purpose, summary, occurred_at, duration_minutes, officer_id, created_at, updated_at, created_by, updated_by)
         VALUES (?, ?, ?, 'incoming', ?, 'متابعة معتادة', ?, ?, ?, ?, ?, ?, ?)`,
      );
      const rng = createRng(20_260_101);
      const end = Date.UTC(2026, 10, 1);
      const span = 2 * 365 * 24 * 60 * 60 * 1000;
      // A larger page cache while seeding only, as the bench's: millions of rows land in four indexes at random places.
      sqlite.pragma('cache_size = -1000000');
      sqlite.transaction(() => {
        for (let contact = 0; contact < people.length * 20; contact += 1) {
          const at = new Date(end - rng.next() * span).toISOString();
          insert.run(newId(), rng.pick(people), rng.pick(['in_person', 'phone', 'letter'] as const), rng.pick(['inquiry', 'follow_up'] as const), at, rng.int(1, 45), officer, at, at, officer, officer);
        }
      })();
      // And the casework, in the bench office's proportions (its letters, requests and their events are rows the snapshot loads).
      const owners = [officer, ...seedOfficers(sqlite, officer, BENCH_OFFICERS - 1)];
      seedCasework(sqlite, { people, owners, now: Date.now(), counts: caseworkFor(people.length), rng: createRng(20_260_102) });
      const districtIds = sqlite.prepare('SELECT id FROM districts').pluck().all() as string[];
      const takenIdNumbers = sqlite.prepare('SELECT id_number FROM beneficiaries').pluck().all() as string[];
      newcomers = [...generateBeneficiaries(20, 7, { districtIds, takenIdNumbers })].map((person) => person.input);
    } finally {
      await desk.close();
    }
    const line = (name: string, value: number, unit: string, digits = 2) => console.log(`${name} ${value.toFixed(digits)} ${unit}`);
    await benchSync(databasePath, { user: values.user, password: values.password }, newcomers, { line, comment: (text) => console.log(`# ${text}`) });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchSmallerOffice(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
