// A new desk's first sync from a snapshot of the office's record: an up-to-date desk seals its record
// at its cursor; a new desk loads it and pulls only what came after, and then holds the same record,
// with the same conflicts, as a desk that took every operation one by one, and takes later concurrent
// edits to the same conflicts. A chunk altered on the server is refused, and the desk pulls everything
// instead; the server holds nothing of the record it can read.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import { readStoredLink } from '../../electron/services/office/link';
import { newId } from '../../electron/services/ids';
import { askOffice } from '../../electron/services/sync/office-client';
import { openSnapshotPart, sealSnapshotPart } from '../../electron/services/sync/seal';
import { publishSnapshot, type PublishedSnapshot } from '../../electron/services/sync/snapshot';
import { SYNCED_TABLES, sentColumns, sqlName } from '../../db/sync-capture';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { officeDatabases } from '../support/postgres';
import { expectOk, newNationalId, openTestWasl, tempDir, validFields, type TestWasl } from '../support/database';
import { AUTHORITY_IDS } from '../support/casework';
import { deskSigningKey } from '../../electron/services/sync/signing';
import { newSigningKeyPair, privateSigningKey, signSnapshot } from '../../electron/services/sync/signature';
import type { KeyObject } from 'node:crypto';

const NAME = 'مستورة';
let server: OfficeServer;
let serverFolder: string;
const desks: TestWasl[] = [];
/** The office's first desk, and the one that publishes. */
let deskA: TestWasl;
/** Paired before any snapshot: it takes every operation one by one. */
let deskC: TestWasl;

const address = () => `127.0.0.1:${server.port}`;
const sqliteOf = (desk: TestWasl) => desk.wasl.desk.openDatabase!.sqlite;
const syncNow = async (desk: TestWasl) => expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}));
const settingOf = (desk: TestWasl, key: string) => sqliteOf(desk).prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
const cursorOf = (desk: TestWasl) => Number(settingOf(desk, 'office.cursor') ?? '0');
const get = async (desk: TestWasl, id: string) => expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.get', { id }));
const editAddress = async (desk: TestWasl, id: string, address: string) => {
  const person = await get(desk, id);
  return expectOk(await desk.dispatch('beneficiaries.update', { id, expectedVersion: person.rowVersion, fields: { ...validFields(), ...fieldsOf(person), address } }));
};

/** Every desk sends and receives until each has all the others sent. */
async function syncAll(): Promise<void> {
  for (let round = 0; round < 2; round += 1) for (const desk of desks) await syncNow(desk);
}

async function openPaired(name: string): Promise<TestWasl> {
  const desk = await openTestWasl();
  desks.push(desk);
  const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
  expectOk(await desk.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code: made.code, deskName: name }));
  return desk;
}

/**
 * The office's latest snapshot sent again under a new id at desk A's cursor, its chunks resealed as
 * the new one's, its manifest changed by `change` and signed with `signer` (desk A's own key, or not).
 */
async function copyLatestSnapshot(change: (manifest: SnapshotManifest) => SnapshotManifest, signer: KeyObject, changeChunk: (text: string) => string = (text) => text): Promise<void> {
  const link = await linkOf(deskA);
  const key = Buffer.from(link.officeKey, 'base64');
  const latest = await askOffice(link, 'POST /v1/snapshots/latest', {});
  if (!latest.ok || latest.value.snapshot === null) throw new Error('no snapshot');
  const { snapshotId, serverSeq, chunkCount, manifest: sealedManifest } = latest.value.snapshot;
  const signed = JSON.parse(openSnapshotPart(key, { snapshotId, serverSeq, part: 'manifest' }, Buffer.from(sealedManifest, 'base64')).toString('utf8')) as { manifest: string };
  const manifest = JSON.parse(signed.manifest) as SnapshotManifest;
  const copy = { snapshotId: newId(), serverSeq: latest.value.last };
  expect(cursorOf(deskA)).toBe(copy.serverSeq);
  expectOk(await askOffice(link, 'POST /v1/snapshots/begin', { ...copy, chunkCount }));
  const chunks: Array<{ sha256: string; bytes: number }> = [];
  // The rows each table has in the copy's chunks, as its manifest counts them before `change`.
  const rows: Record<string, number> = {};
  for (let chunk = 0; chunk < chunkCount; chunk += 1) {
    const sealed = expectOk<{ sealed: string }>(await askOffice(link, 'POST /v1/snapshots/chunks/get', { snapshotId, chunk })).sealed;
    const opened = openSnapshotPart(key, { snapshotId, serverSeq, part: { chunk, of: chunkCount } }, Buffer.from(sealed, 'base64'));
    const chunkText = changeChunk(gunzipSync(opened).toString('utf8'));
    let table = '';
    for (const line of chunkText.split('\n')) {
      const parsed = JSON.parse(line) as unknown;
      if (Array.isArray(parsed)) rows[table] = (rows[table] ?? 0) + 1;
      else rows[(table = (parsed as { table: string }).table)] ??= 0;
    }
    const resealed = sealSnapshotPart(key, { ...copy, part: { chunk, of: chunkCount } }, gzipSync(chunkText));
    chunks.push({ sha256: createHash('sha256').update(resealed).digest('hex'), bytes: resealed.length });
    expectOk(await askOffice(link, 'POST /v1/snapshots/chunks/put', { snapshotId: copy.snapshotId, chunk, sealed: resealed.toString('base64') }));
  }
  const text = JSON.stringify(change({ ...manifest, ...copy, chunks, rows, chainHash: JSON.parse(settingOf(deskA, 'office.serverChainHash')!) as string }));
  const sealed = sealSnapshotPart(key, { ...copy, part: 'manifest' }, Buffer.from(JSON.stringify({ manifest: text, signature: signSnapshot(text, signer) }), 'utf8'));
  expectOk(await askOffice(link, 'POST /v1/snapshots/complete', { snapshotId: copy.snapshotId, manifest: sealed.toString('base64') }));
}

/** A snapshot's manifest, as far as the tests change it. */
interface SnapshotManifest {
  chunks: Array<{ sha256: string; bytes: number }>;
  rows: Record<string, number>;
  [field: string]: unknown;
}

/** Desk A seals its record at its cursor, as its rounds do once the office has grown enough. */
async function publishFromA(): Promise<PublishedSnapshot | null> {
  const opened = deskA.wasl.desk.openDatabase!;
  const link = (await readStoredLink(opened.db))!;
  const cursor = { read: async () => cursorOf(deskA), write: async () => undefined };
  // Signed with desk A's own key, which its rounds gave the office.
  const key = deskSigningKey(opened.sqlite, new Date().toISOString());
  return publishSnapshot({ ...opened, now: () => new Date() }, Buffer.from(link.officeKey, 'base64'), { deskId: link.deskId, key }, link, cursor);
}

/**
 * The office's record as a desk holds it: every synced row, its sent columns, in a stable order (a user
 * name is a desk's own, so names are left out), and the conflicts found, which every desk finds alike.
 */
function recordOf(desk: TestWasl): string {
  const sqlite = sqliteOf(desk);
  const columnsOf = (table: (typeof SYNCED_TABLES)[number]) => sentColumns(sqlite, table).filter((column) => !(table === 'users' && column === 'username'));
  const rows = SYNCED_TABLES.map((table) => sqlite.prepare(`SELECT ${columnsOf(table).map(sqlName).join(', ')} FROM ${sqlName(table)} ORDER BY id`).all());
  const conflicts = sqlite.prepare('SELECT id, kind, entity, row_id, field, kept_hlc, kept_value, lost_hlc, lost_value FROM sync_conflicts ORDER BY id').all();
  return JSON.stringify({ rows, conflicts });
}

/** The desk's indexes, as its database describes them. */
const indexesOf = (desk: TestWasl) => sqliteOf(desk).prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
const linkOf = async (desk: TestWasl) => (await readStoredLink(desk.wasl.desk.openDatabase!.db))!;
const conflictsOf = (desk: TestWasl) => sqliteOf(desk).prepare('SELECT id, kind FROM sync_conflicts ORDER BY id').all() as Array<{ id: string; kind: string }>;

function filesUnder(folder: string): Buffer[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path));
}

const databases = officeDatabases();

describe.each(databases)('with the office’s record in %s', (_engine, database) => {
  beforeAll(async () => {
    desks.length = 0;
    serverFolder = tempDir();
    server = await startOfficeServer({ dataDirectory: serverFolder, databaseUrl: database.url(), host: '127.0.0.1', port: 0 });
    deskA = await openTestWasl();
    desks.push(deskA);
    const { code } = await createPairingCode(server.database.db, new Date());
    expectOk(await deskA.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
    deskC = await openPaired('الاستقبال 2');
    await syncAll();
  }, 120_000);

  afterAll(async () => {
    for (const desk of desks) await desk.cleanup();
    await server?.close();
  });

  describe('a new desk starting from a snapshot of the office’s record', () => {
    const people: BeneficiaryDetail[] = [];
    let published: PublishedSnapshot;

    it('is sealed by an up-to-date desk, with the conflicts the office’s desks found', async () => {
      for (const firstName of [NAME, 'هيلة', 'موضي']) {
        people.push(expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields({ firstName }) })));
      }
      expectOk(await deskA.dispatch('contacts.log', { beneficiaryId: people[0]!.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'سألت عن موعد الزيارة' }));
      // A contact that names a letter, which names an authority: rows of tables the record holds after
      // the contacts' (the snapshot's tables cannot all come after the rows they name).
      const letter = expectOk<{ id: string }>(
        await deskA.dispatch('letters.register', { direction: 'incoming', number: '45/ق/1448', authorityId: AUTHORITY_IDS.prisons, subject: 'الإفادة عن موعد زيارة النزيل', beneficiaryId: people[0]!.id }),
      );
      expectOk(await deskA.dispatch('contacts.log', { beneficiaryId: people[0]!.id, channel: 'letter', direction: 'incoming', purpose: 'inquiry', summary: 'وصل خطاب الإفادة', letterId: letter.id }));
      await syncAll();
      // Two officers change one field apart, and one ID number is registered at two desks apart.
      await editAddress(deskA, people[1]!.id, 'حي الراشدية');
      await editAddress(deskC, people[1]!.id, 'حي الفيصلية');
      const idNumber = newNationalId();
      expectOk(await deskA.dispatch('beneficiaries.register', { fields: validFields({ idNumber, firstName: 'نورة' }) }));
      expectOk(await deskC.dispatch('beneficiaries.register', { fields: validFields({ idNumber, firstName: 'نوره' }) }));
      await syncAll();
      expect(conflictsOf(deskA).map((conflict) => conflict.kind).toSorted()).toEqual(['duplicate', 'field']);
      expect(recordOf(deskC)).toBe(recordOf(deskA));

      published = (await publishFromA())!;
      expect(published).toMatchObject({ serverSeq: cursorOf(deskA), chunks: 1 });
      expect(published.rows).toBeGreaterThan(people.length);
      // Not twice at one place: the server keeps the latest only.
      expect(await publishFromA()).toBeNull();
    });

    it('is loaded by a new desk, which pulls only what came after it and holds the same record as a desk that pulled everything', async () => {
      // The office goes on after the snapshot.
      people.push(expectOk<BeneficiaryDetail>(await deskC.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'الجوهرة' }) })));
      await editAddress(deskA, people[0]!.id, 'حي المزروعية');
      await syncAll();

      const deskB = await openPaired('الاستقبال 3');
      await syncNow(deskB);
      // It started from the snapshot's place, and is now where the office is.
      expect(settingOf(deskB, 'office.startedFromSnapshot')).toBe(String(published.serverSeq));
      // The load checked the rows' references whole, with the connection's foreign keys off: they are on again.
      expect(sqliteOf(deskB).pragma('foreign_keys', { simple: true })).toBe(1);
      // Its tables' indexes, taken off while the rows went in, are made again as every desk has them.
      expect(indexesOf(deskB)).toEqual(indexesOf(deskC));
      expect(sqliteOf(deskB).prepare("SELECT count(*) FROM contacts WHERE channel = 'letter' AND letter_id IN (SELECT id FROM letters)").pluck().get()).toBe(1);
      await syncAll();
      expect(recordOf(deskB)).toBe(recordOf(deskC));
      expect(recordOf(deskB)).toBe(recordOf(deskA));
      // Its accounts are its own still: it signs in as before, and the first desk's administrator of the same name is known under a longer one.
      expect(sqliteOf(deskB).prepare("SELECT count(*) FROM users WHERE username LIKE 'admin%'").pluck().get()).toBe(desks.length);
      expect(sqliteOf(deskB).prepare("SELECT id FROM users WHERE username = 'admin'").pluck().get()).toBe(deskB.adminId);
      // What it derives from the record, it derived: a person found by name.
      const found = expectOk<{ hits: Array<{ id: string }> }>(await deskB.dispatch('search.beneficiaries', { query: NAME, limit: 10 }));
      expect(found.hits.map((hit) => hit.id)).toContain(people[0]!.id);

      // Later concurrent edits of one field, at the new desk and at a desk that pulled everything: one conflict, the same on every desk.
      const before = conflictsOf(deskA).length;
      await editAddress(deskB, people[2]!.id, 'حي الملك فهد');
      await editAddress(deskC, people[2]!.id, 'حي العزيزية');
      await syncAll();
      expect(conflictsOf(deskA)).toHaveLength(before + 1);
      expect(recordOf(deskB)).toBe(recordOf(deskA));
      expect(recordOf(deskC)).toBe(recordOf(deskA));
    });

    it('is not taken by a desk that registered people of its own before it was paired: their merge is the pull’s', async () => {
      const desk = await openTestWasl();
      desks.push(desk);
      const own = expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'شيخة' }) }));
      const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
      expectOk(await desk.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 5' }));
      await syncNow(desk);
      expect(settingOf(desk, 'office.startedFromSnapshot')).toBeUndefined();
      await syncAll();
      expect((await get(deskA, own.id)).firstName).toBe('شيخة');
      expect(recordOf(desk)).toBe(recordOf(deskA));
    });

    it('refuses a snapshot sealed with the office’s key but not signed by a desk of the office, and the new desk pulls everything', async () => {
      await syncAll();
      const { publicKey, seed } = newSigningKeyPair();
      await copyLatestSnapshot((manifest) => manifest, privateSigningKey(seed, publicKey)!);
      const desk = await openPaired('الاستقبال 7');
      await syncNow(desk);
      expect(settingOf(desk, 'office.startedFromSnapshot')).toBeUndefined();
      await syncAll();
      expect(recordOf(desk)).toBe(recordOf(deskA));
    });

    it('leaves a desk as it was when a snapshot that opens cannot be taken whole, and it pulls everything', async () => {
      // A snapshot sealed with the office's key and signed by desk A whose manifest counts one contact more
      // than its chunks hold: every row goes in before the count is found wrong.
      await syncAll();
      await copyLatestSnapshot((manifest) => ({ ...manifest, rows: { ...manifest.rows, contacts: manifest.rows.contacts! + 1 } }), deskSigningKey(sqliteOf(deskA), new Date().toISOString()).privateKey);

      const desk = await openPaired('الاستقبال 6');
      await syncNow(desk);
      expect(settingOf(desk, 'office.startedFromSnapshot')).toBeUndefined();
      await syncAll();
      expect(recordOf(desk)).toBe(recordOf(deskA));
      expect(sqliteOf(desk).prepare('SELECT count(*) FROM sync_inbox').pluck().get()).toBe(0);
    });

    it('refuses a snapshot whose rows name a row it does not hold, and the new desk pulls everything', async () => {
      // Signed by desk A, counted right, but without the person its contacts, phones and letter name.
      await syncAll();
      const missing = people[0]!.id;
      await copyLatestSnapshot(
        (manifest) => manifest,
        deskSigningKey(sqliteOf(deskA), new Date().toISOString()).privateKey,
        (text) => text.split('\n').filter((line) => !line.startsWith(`["${missing}",`)).join('\n'),
      );
      const desk = await openPaired('الاستقبال 8');
      await syncNow(desk);
      expect(settingOf(desk, 'office.startedFromSnapshot')).toBeUndefined();
      expect(sqliteOf(desk).pragma('foreign_keys', { simple: true })).toBe(1);
      expect(indexesOf(desk)).toEqual(indexesOf(deskA));
      await syncAll();
      expect(recordOf(desk)).toBe(recordOf(deskA));
    });

    it('refuses a chunk altered on the server, and the new desk pulls everything instead', async () => {
      await sql`UPDATE snapshot_chunks SET sealed = overlay(sealed placing '\\x00'::bytea from 40 for 1)`.execute(server.database.db);
      const deskD = await openPaired('الاستقبال 4');
      await syncNow(deskD);
      expect(settingOf(deskD, 'office.startedFromSnapshot')).toBeUndefined();
      await syncAll();
      expect(recordOf(deskD)).toBe(recordOf(deskA));
    });

    it('lets one desk at a time send a snapshot, only one newer than the office keeps, and complete only with every chunk', async () => {
      const [atA, atC] = [await linkOf(deskA), await linkOf(deskC)];
      const refusalOf = (answer: { ok: boolean; error?: { messageKey: string } }) => (answer.ok ? null : answer.error!.messageKey);
      const latest = await askOffice(atA, 'POST /v1/snapshots/latest', {});
      if (!latest.ok) throw new Error(latest.error.messageKey);
      const begin = (link: typeof atA, serverSeq: number) => askOffice(link, 'POST /v1/snapshots/begin', { snapshotId: newId(), serverSeq, chunkCount: 1 });
      expect(refusalOf(await begin(atA, published.serverSeq))).toBe('office.snapshotStale');
      expect(refusalOf(await begin(atA, latest.value.last + 1))).toBe('office.snapshotStale');
      // A newer place than the office's latest snapshot, which the desks have gone on past since.
      expectOk(await deskA.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'لطيفة' }) }));
      await syncNow(deskA);
      const { last } = expectOk<{ last: number }>(await askOffice(atA, 'POST /v1/snapshots/latest', {}));
      const sending = await begin(atA, last);
      expect(sending.ok).toBe(true);
      expect(refusalOf(await begin(atC, last))).toBe('office.snapshotBusy');
      const snapshotId = sending.ok ? sending.value.snapshotId : '';
      expect(refusalOf(await askOffice(atA, 'POST /v1/snapshots/complete', { snapshotId, manifest: 'AAAA' }))).toBe('office.snapshotMissing');
      expect(refusalOf(await askOffice(atC, 'POST /v1/snapshots/chunks/put', { snapshotId, chunk: 0, sealed: 'AAAA' }))).toBe('office.snapshotMissing');
      expect(refusalOf(await askOffice(atA, 'POST /v1/snapshots/chunks/get', { snapshotId, chunk: 0 }))).toBe('office.snapshotMissing');
    });

    it('leaves nothing of the record readable on the server', async () => {
      const kept = await sql<{ sealed: Uint8Array }>`SELECT sealed FROM snapshot_chunks UNION ALL SELECT manifest FROM snapshots WHERE manifest IS NOT NULL`.execute(server.database.db);
      expect(kept.rows.length).toBeGreaterThan(1);
      const name = Buffer.from(NAME, 'utf8');
      for (const row of kept.rows) expect(Buffer.from(row.sealed).includes(name)).toBe(false);
      // Nor the server's files (the embedded PostgreSQL's), nor a dump of the PostgreSQL server's database:
      // what is in clear there is found (a desk's id), the person is not, by name or ID number.
      const idNumber = Buffer.from(people[0]!.idNumber, 'utf8');
      const desk = await server.database.db.selectFrom('desks').select('desk_id').executeTakeFirstOrThrow();
      const stored = [database.dump()].filter((dump) => dump !== null);
      await server.close();
      stored.push(...filesUnder(serverFolder));
      expect(stored.some((file) => file.includes(Buffer.from(desk.desk_id)))).toBe(true);
      for (const file of stored) {
        expect(file.includes(name)).toBe(false);
        expect(file.includes(idNumber)).toBe(false);
      }
      server = await startOfficeServer({ dataDirectory: serverFolder, databaseUrl: database.url(), host: '127.0.0.1', port: 0 });
    });
  });
});

/** A person's fields as the edit form sends them back. */
function fieldsOf(person: BeneficiaryDetail) {
  const { id: _id, fileNumber: _file, fullName: _name, eligibility: _e, eligibilityDecidedAt: _d, eligibilityHistory: _h, consentRecordedBy: _c, rowVersion: _v, createdAt: _ca, updatedAt: _ua, ...fields } = person;
  return fields;
}
