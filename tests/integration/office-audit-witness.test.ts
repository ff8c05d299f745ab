// The office server as the witness of each desk's audit log, and of its own record: the links of a
// desk's chain (never what its entries say) reach the server at every round; a desk put back from an
// older copy of its files, whose log verifies on its own, is flagged at its next round and every
// desk's administrators are told; the server chains its operations, every desk recomputes that chain
// over what it pulls, and `npm run server -- verify` says what holds. On the embedded PostgreSQL and on a real one.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { Dispatch } from '../../electron/services/dispatch';
import { AUDIT_LINKS_MAX, CHAIN_GENESIS, type AuditLink } from '../../electron/api/sync/witness';
import { LINK_KEY } from '../../electron/services/office/link-key';
import { askOffice } from '../../electron/services/sync/office-client';
import { verifyAuditLog } from '../../electron/services/audit/verify';
import type { Wasl } from '../../electron/core/open-wasl';
import { witnessAuditLinks } from '../../server/audit/witness';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { ADMIN, createUser, expectOk, newNationalId, openTestHost, openTestWasl, signInAs, tempDir, validFields, type TestWasl } from '../support/database';
import { startPostgres, type RunningPostgres } from '../support/postgres';

const NAME = 'نورة';
const CLI = ['--import', 'tsx', 'server/cli.ts'];

let postgres: RunningPostgres | null = null;

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
});

/**
 * `npm run server -- …` in a process of its own: the server answering it runs in this one, so the
 * test waits for it without blocking.
 */
function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A desk of the office as the tests drive it: its folder stays, its app may be closed and opened again. */
interface Desk {
  dir: string;
  wasl: Wasl;
  dispatch: Dispatch;
}

const engines: Array<[string, () => string | undefined]> = [
  ['the embedded PostgreSQL', () => undefined],
  ['a PostgreSQL server', () => postgres!.url],
];

describe.each(engines)('the audit witness on %s', (_engine, databaseUrl) => {
  let server: OfficeServer;
  let serverFolder: string;
  let first: TestWasl;
  let deskA: Desk;
  let deskB: TestWasl;
  const opened: Wasl[] = [];
  let person: BeneficiaryDetail;
  const idNumber = newNationalId();

  const sqliteOf = (desk: { wasl: Wasl }) => desk.wasl.desk.openDatabase!.sqlite;
  const syncNow = async (desk: { dispatch: Dispatch }) => expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}));
  const auditLinksOf = (desk: { wasl: Wasl }) =>
    sqliteOf(desk).prepare('SELECT seq, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq').all() as AuditLink[];
  const heldLinks = async (deskId: string) =>
    (await server.database.db.selectFrom('desk_audit_links').select(['seq', 'prev_hash', 'hash']).where('desk_id', '=', deskId).orderBy('seq').execute()).map(
      (row) => ({ seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash }),
    );
  const storedLink = (desk: { wasl: Wasl }) =>
    JSON.parse((sqliteOf(desk).prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LINK_KEY) as string)) as { deskId: string; credential: string };
  const connectionOf = (desk: { wasl: Wasl }) => ({ address: server.url, certificate: server.certificate, credential: storedLink(desk).credential });
  const verify = () => runCli(['verify', '--data', serverFolder, '--port', String(server.port)]);

  /** Opens a desk's folder again as the hosts do, signed in as its administrator. */
  async function reopen(dir: string): Promise<Desk> {
    const { wasl } = openTestHost(dir);
    opened.push(wasl);
    await signInAs(wasl.dispatch, ADMIN.username, ADMIN.password);
    return { dir, wasl, dispatch: wasl.dispatch };
  }

  beforeAll(async () => {
    serverFolder = tempDir();
    server = await startOfficeServer({ dataDirectory: serverFolder, databaseUrl: databaseUrl(), host: '127.0.0.1', port: 0 });
    first = await openTestWasl();
    deskA = { dir: first.dir, wasl: first.wasl, dispatch: first.dispatch };
    deskB = await openTestWasl();
  }, 120_000);

  afterAll(async () => {
    for (const wasl of opened) await wasl.close().catch(() => undefined);
    await first?.cleanup();
    await deskB?.cleanup();
    await server?.close();
    rmSync(serverFolder, { recursive: true, force: true });
  });

  it('sends the links of the desk’s chain at each round, and nothing of what the entries say', async () => {
    const { code } = await createPairingCode(server.database.db, new Date());
    expectOk(await deskA.dispatch('office.pair', { address: `127.0.0.1:${server.port}`, fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
    person = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields({ firstName: NAME, idType: 'national_id', idNumber }) }));
    expect((await syncNow(deskA)).sync).toMatchObject({ pending: 0, problem: null, flaggedDesks: [] });

    const { deskId } = storedLink(deskA);
    expect(await heldLinks(deskId)).toEqual(auditLinksOf(deskA));
    expect(sqliteOf(deskA).prepare('SELECT value FROM settings WHERE key = ?').pluck().get('office.auditWitnessedSeq')).toBe(String(auditLinksOf(deskA).length));

    // The server holds the links' places and hashes only: no person's name or ID number anywhere in
    // what it keeps of the desks, no entry's id, action, record or actor in the links.
    const links = await server.database.db.selectFrom('desk_audit_links').selectAll().execute();
    expect(Object.keys(links[0]!).sort()).toEqual(['desk_id', 'hash', 'prev_hash', 'received_at', 'seq']);
    const entries = sqliteOf(deskA).prepare('SELECT id, action, entity_id, actor_id FROM audit_log').all() as Array<Record<string, string | null>>;
    const linksText = JSON.stringify(links);
    for (const entry of entries) for (const value of Object.values(entry)) if (value !== null) expect(linksText).not.toContain(value);
    expect(linksText).not.toContain(person.id);
    const everything = JSON.stringify([links, await server.database.db.selectFrom('desks').selectAll().execute(), await server.database.db.selectFrom('operations').selectAll().execute()]);
    expect(everything).not.toContain(NAME);
    expect(everything).not.toContain(idNumber);
  });

  it('sends only what is new at the next round, and takes a batch sent again (its acknowledgement lost) once', async () => {
    const { deskId } = storedLink(deskA);
    expectOk(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
    await syncNow(deskA);
    const held = await heldLinks(deskId);
    expect(held).toEqual(auditLinksOf(deskA));

    const again = await witnessAuditLinks(server.database.db, deskId, { head: held.length, links: held.slice(-3) }, new Date());
    expect(again).toEqual({ heldThrough: held.length, flaggedDesks: [] });
    expect(await heldLinks(deskId)).toEqual(held);
  });

  it('refuses links that are not links, changing nothing', async () => {
    const connection = connectionOf(deskA);
    const { deskId } = storedLink(deskA);
    const held = await heldLinks(deskId);
    const link = { seq: held.length + 1, prevHash: held.at(-1)!.hash, hash: 'f'.repeat(64) };
    const refusals = [
      { head: -1, links: [] },
      { head: link.seq, links: [{ ...link, hash: 'not a hash' }] },
      { head: link.seq, links: [{ ...link, seq: 0 }] },
      { head: link.seq, links: [{ ...link, action: 'beneficiary.registered' }] },
      { head: link.seq - 1, links: [link] },
      { head: AUDIT_LINKS_MAX + 1, links: Array.from({ length: AUDIT_LINKS_MAX + 1 }, (_, index) => ({ ...link, seq: index + 1 })) },
    ];
    for (const body of refusals) {
      const answer = await askOffice(connection, 'POST /v1/audit/links', body as never);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.error).toMatchObject({ code: 'validation', messageKey: 'validation.failed' });
    }
    const stranger = await askOffice({ ...connection, credential: 'A'.repeat(43) }, 'POST /v1/audit/links', { head: 0, links: [] });
    expect(stranger.ok ? null : stranger.error.messageKey).toBe('office.deskUnknown');
    expect(await heldLinks(deskId)).toEqual(held);
    expect(await server.database.db.selectFrom('desks').select('chain_broken_at').where('desk_id', '=', deskId).executeTakeFirstOrThrow()).toEqual({ chain_broken_at: null });
  });

  it('hands out the office’s chain with every operation, which another desk recomputes as it pulls', async () => {
    const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
    expectOk(await deskB.dispatch('office.pair', { address: `127.0.0.1:${server.port}`, fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
    expect((await syncNow(deskB)).sync).toMatchObject({ problem: null, flaggedDesks: [] });
    const last = await server.database.db.selectFrom('operations').select('chain_hash').orderBy('server_seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.parse(sqliteOf(deskB).prepare('SELECT value FROM settings WHERE key = ?').pluck().get('office.serverChainHash') as string)).toBe(last.chain_hash);
  });

  it('verifies at the server’s PC: the office’s chain and each desk’s links hold', async () => {
    const checked = await verify();
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/^Office record: \d+ operations, the chain holds\.$/m);
    const { deskId } = storedLink(deskA);
    expect(checked.stdout).toContain(`Desk ${deskId} (الاستقبال 1): ${(await heldLinks(deskId)).length} audit links held, the chain holds.`);
  }, 60_000);

  it('flags a desk put back from an older copy of its files, at its next round, and tells every desk’s administrators', async () => {
    const { deskId } = storedLink(deskA);
    // A copy of the desk's folder, as a disk image or an old backup drive holds it.
    await first.close();
    const copy = tempDir();
    cpSync(deskA.dir, copy, { recursive: true });
    deskA = await reopen(deskA.dir);
    expectOk(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
    await syncNow(deskA);
    const witnessed = await heldLinks(deskId);
    expect(witnessed).toEqual(auditLinksOf(deskA));

    // The folder put back as it was in the copy: the log verifies on its own, and goes on with other entries.
    await deskA.wasl.close();
    for (const name of readdirSync(deskA.dir)) rmSync(join(deskA.dir, name), { recursive: true, force: true });
    mkdirSync(deskA.dir, { recursive: true });
    cpSync(copy, deskA.dir, { recursive: true });
    rmSync(copy, { recursive: true, force: true });
    deskA = await reopen(deskA.dir);
    expect(verifyAuditLog(sqliteOf(deskA)).intact).toBe(true);
    const restoredHead = auditLinksOf(deskA).length;
    expect(restoredHead).toBeLessThan(witnessed.length);
    const firstRewritten = auditLinksOf(deskA).find((link) => link.hash !== witnessed[link.seq - 1]!.hash)!;
    expect(firstRewritten).toBeDefined();

    const statusA = await syncNow(deskA);
    const flag = { deskId, deskName: 'الاستقبال 1', reason: 'rewritten', seq: firstRewritten.seq };
    expect(statusA.sync?.flaggedDesks).toEqual([expect.objectContaining(flag)]);
    // The links the server held stay as the record of what the log said.
    expect(await heldLinks(deskId)).toEqual(witnessed);
    const recorded = await server.database.db.selectFrom('desks').select(['chain_broken_at', 'chain_broken_reason', 'chain_broken_seq']).where('desk_id', '=', deskId).executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({ chain_broken_reason: 'rewritten' });
    expect(Number(recorded.chain_broken_seq)).toBe(firstRewritten.seq);

    // The other desk is told at its next round, its administrator in plain words; the flag is recorded once.
    const statusB = await syncNow(deskB);
    expect(statusB.sync?.flaggedDesks).toEqual([{ ...flag, brokenAt: new Date(recorded.chain_broken_at!).toISOString() }]);
    expectOk(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
    await syncNow(deskA);
    expect(await server.database.db.selectFrom('desks').select('chain_broken_at').where('desk_id', '=', deskId).executeTakeFirstOrThrow()).toEqual({
      chain_broken_at: recorded.chain_broken_at,
    });
    expect(await heldLinks(deskId)).toEqual(witnessed);
  });

  it('shows the flagged desks to administrators only', async () => {
    const officer = await createUser(deskB.dispatch, 'officer');
    await signInAs(deskB.dispatch, officer.username, officer.password);
    expect(expectOk<OfficeStatus>(await deskB.dispatch('office.status', {})).sync?.flaggedDesks).toEqual([]);
    expect(expectOk<OfficeStatus>(await deskB.dispatch('office.syncNow', {})).sync?.flaggedDesks).toEqual([]);
    await signInAs(deskB.dispatch, ADMIN.username, ADMIN.password);
    expect(expectOk<OfficeStatus>(await deskB.dispatch('office.status', {})).sync?.flaggedDesks).toHaveLength(1);

    // Kept on the desk: still shown while the server is out of reach.
    const port = server.port;
    await server.close();
    const offline = await syncNow(deskB);
    expect(offline.sync?.offlineSince).not.toBeNull();
    expect(offline.sync?.flaggedDesks).toHaveLength(1);
    server = await startOfficeServer({ dataDirectory: serverFolder, databaseUrl: databaseUrl(), host: '127.0.0.1', port });
  }, 60_000);

  it('is told by a desk when the office’s record was changed on the server, and verify says which operation', async () => {
    expectOk(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
    await syncNow(deskA);
    const last = await server.database.db.selectFrom('operations').select(['server_seq', 'payload']).orderBy('server_seq', 'desc').limit(1).executeTakeFirstOrThrow();
    const altered = Buffer.from(last.payload);
    altered.writeUInt8(altered.readUInt8(altered.length - 1) ^ 0xff, altered.length - 1);
    await server.database.db.updateTable('operations').set({ payload: altered }).where('server_seq', '=', last.server_seq).execute();

    const statusB = await syncNow(deskB);
    expect(statusB.sync?.problem).toEqual({ code: 'rule', messageKey: 'office.serverChainBroken', details: { serverSeq: Number(last.server_seq) } });

    const checked = await verify();
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain(`the chain does NOT hold from operation ${Number(last.server_seq)}`);
    expect(checked.stdout).toMatch(/\(الاستقبال 1\): its history was found rewritten/);
    expect(checked.stdout).toContain(`Desk ${storedLink(deskB).deskId} (الاستقبال 2):`);
  }, 60_000);
});

describe('the witness’s check of a batch', () => {
  let server: OfficeServer;
  const deskIds: string[] = [];

  beforeAll(async () => {
    server = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  /** A chain of `count` links, each following the one before. */
  function chain(count: number): AuditLink[] {
    const links: AuditLink[] = [];
    let previous = CHAIN_GENESIS;
    for (let seq = 1; seq <= count; seq += 1) {
      const hash = String(seq).padStart(64, 'c');
      links.push({ seq, prevHash: previous, hash });
      previous = hash;
    }
    return links;
  }

  async function newDesk(): Promise<string> {
    const deskId = (deskIds.length + 1).toString(16).padStart(16, '0');
    deskIds.push(deskId);
    await server.database.db
      .insertInto('desks')
      .values({ desk_id: deskId, name: `desk ${deskId}`, credential_hash: Buffer.from(deskId.padEnd(32, '0')), app_version: '0.0.0-test', paired_at: new Date() })
      .execute();
    return deskId;
  }

  const reasonOf = async (deskId: string) =>
    (await server.database.db.selectFrom('desks').select(['chain_broken_reason', 'chain_broken_seq']).where('desk_id', '=', deskId).executeTakeFirstOrThrow());

  it('takes a chain sent in batches, each going on from the last', async () => {
    const deskId = await newDesk();
    const links = chain(10);
    expect((await witnessAuditLinks(server.database.db, deskId, { head: 10, links: links.slice(0, 4) }, new Date())).heldThrough).toBe(4);
    expect((await witnessAuditLinks(server.database.db, deskId, { head: 10, links: links.slice(4) }, new Date())).heldThrough).toBe(10);
    expect((await witnessAuditLinks(server.database.db, deskId, { head: 10, links: [] }, new Date())).flaggedDesks).toEqual([]);
    expect(await reasonOf(deskId)).toEqual({ chain_broken_reason: null, chain_broken_seq: null });
  });

  it('flags places skipped between batches', async () => {
    const deskId = await newDesk();
    const links = chain(10);
    await witnessAuditLinks(server.database.db, deskId, { head: 10, links: links.slice(0, 4) }, new Date());
    const answer = await witnessAuditLinks(server.database.db, deskId, { head: 10, links: links.slice(6) }, new Date());
    expect(answer.heldThrough).toBe(4);
    expect(answer.flaggedDesks.find((desk) => desk.deskId === deskId)).toMatchObject({ reason: 'skipped', seq: 5 });
  });

  it('flags places skipped inside a batch', async () => {
    const deskId = await newDesk();
    const links = chain(10);
    await witnessAuditLinks(server.database.db, deskId, { head: 10, links: [...links.slice(0, 4), ...links.slice(5)] }, new Date());
    expect(await reasonOf(deskId)).toMatchObject({ chain_broken_reason: 'skipped' });
    expect(Number((await reasonOf(deskId)).chain_broken_seq)).toBe(5);
  });

  it('flags a log that now ends before what the server holds', async () => {
    const deskId = await newDesk();
    await witnessAuditLinks(server.database.db, deskId, { head: 10, links: chain(10) }, new Date());
    await witnessAuditLinks(server.database.db, deskId, { head: 7, links: [] }, new Date());
    expect(await reasonOf(deskId)).toMatchObject({ chain_broken_reason: 'shortened' });
    expect(Number((await reasonOf(deskId)).chain_broken_seq)).toBe(8);
  });

  it('flags a new link that does not follow the last held', async () => {
    const deskId = await newDesk();
    const links = chain(10);
    await witnessAuditLinks(server.database.db, deskId, { head: 5, links: links.slice(0, 5) }, new Date());
    await witnessAuditLinks(server.database.db, deskId, { head: 6, links: [{ ...links[5]!, prevHash: 'b'.repeat(64) }] }, new Date());
    expect(await reasonOf(deskId)).toMatchObject({ chain_broken_reason: 'rewritten' });
    expect(Number((await reasonOf(deskId)).chain_broken_seq)).toBe(6);
    // The flag stands: a flagged desk's links are taken no more.
    expect((await witnessAuditLinks(server.database.db, deskId, { head: 6, links: [links[5]!] }, new Date())).heldThrough).toBe(5);
  });
});
