/**
 * The office sync, measured on the bench office: desk A (the bench's database) pairs with an office
 * server on loopback (the embedded PostgreSQL) and sends its whole record; a new desk B pairs with a
 * code made on A, receives it all and takes it into its record (`first_sync_office`, with the sending
 * and receiving rates);
 * then single changes made on A, sent at once and received by B (`sync_visible_p95`, from the
 * officer's save on A to the change in B's record).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { Result } from '../../electron/api/result';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer } from '../../server/office-server';

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
  const state = expectOk<{ stage: string }>(await desk.dispatch('session.state', {}), 'state');
  if (state.stage === 'locked') expectOk(await desk.dispatch('session.unlock', { password }), 'unlock');
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
    const received = officeHolds;
    line('sync_pull_ops_per_s', received / pullSeconds, 'ops/s', 0);
    line('first_sync_office', (queuedMs / 1000) + pushSeconds + pullSeconds, 's', 1);
    comment(`first sync: ${received} operations received by desk B; queued ${(queuedMs / 1000).toFixed(1)} s, sent ${pushSeconds.toFixed(1)} s, received ${pullSeconds.toFixed(1)} s`);

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
