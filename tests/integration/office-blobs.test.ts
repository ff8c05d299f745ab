// Scans between two desks of one office: a scan's row travels with the office's record, its bytes
// as a blob of their own, sealed by the desk that filed it (the server never reads them); the other
// desk fetches a scan the first time someone opens it there, checks it, and keeps it; with the
// office out of reach, or a blob the server altered or swapped, the officer reads why and nothing
// changes; an erased person's scans leave the server and every desk.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations/index';
import { ERASED_NAME, type BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { LetterScan, LetterView, RegisterLetterInput } from '../../electron/api/letters';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import { MAX_SCAN_BYTES } from '../../electron/api/fields/scan';
import type { ApiError, Result } from '../../electron/api/result';
import { SEALED_BLOB_MAX_BASE64 } from '../../electron/api/sync/office';
import { readStoredLink } from '../../electron/services/office/link';
import { askOffice, OfficeUnreachable, type OfficeConnection } from '../../electron/services/sync/office-client';
import { pairingAuthOf } from '../../electron/services/sync/office-key';
import { openBlob, sealBlob } from '../../electron/services/sync/seal';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { expectError, expectOk, openTestWasl, snapshotDatabase, tempDir, validFields, type TestWasl } from '../support/database';
import { startPostgres, type RunningPostgres } from '../support/postgres';
import { onePagePdf } from '../support/scans';

const PRISONS = '019ab9a0-0000-7000-8000-00000000a001';
/** Written inside each scan, to look for its bytes in the server's database and files. */
const MARKERS = { before: 'wasl-scan-filed-alone-7319', after: 'wasl-scan-filed-paired-4482' } as const;

let server: OfficeServer;
let serverFolder: string;
let port: number;
let deskA: TestWasl;
let deskB: TestWasl;
/** For the blob routes' tests on a real PostgreSQL, beside the embedded one. */
let postgres: RunningPostgres | null = null;

beforeAll(async () => {
  serverFolder = tempDir();
  server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port: 0 });
  port = server.port;
  postgres = await startPostgres();
  deskA = await openTestWasl();
  deskB = await openTestWasl();
}, 120_000);

afterAll(async () => {
  await deskA?.cleanup();
  await deskB?.cleanup();
  await server?.close();
  await postgres?.stop();
});

const sqliteOf = (desk: TestWasl) => desk.wasl.desk.openDatabase!.sqlite;
const dbOf = (desk: TestWasl) => desk.wasl.desk.openDatabase!.db;
const syncNow = async (desk: TestWasl) => expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}));
const snapshot = (desk: TestWasl) => snapshotDatabase(desk.databasePath, desk.key);
const stopServer = () => server.close();
const startServer = async () => {
  server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port });
};

/** The desk's attachment row, bytes and all. */
const attachmentOn = (desk: TestWasl, id: string) =>
  sqliteOf(desk).prepare('SELECT id, sha256, content, erased_at FROM attachments WHERE id = ?').get(id) as { id: string; sha256: string; content: Buffer | null; erased_at: string | null };
const queued = (desk: TestWasl, queue: 'sync_blob_uploads' | 'sync_blob_forgets') =>
  sqliteOf(desk).prepare(`SELECT attachment_id FROM ${queue} ORDER BY rowid`).pluck().all() as string[];
const blobOnServer = (id: string) => server.database.db.selectFrom('blobs').selectAll().where('blob_id', '=', id).executeTakeFirst();
const openScan = (desk: TestWasl, letterId: string) => desk.dispatch('letters.scan', { id: letterId });
const scanViews = (desk: TestWasl) => (sqliteOf(desk).prepare("SELECT count(*) FROM audit_log WHERE action = 'letter.scanViewed'").pluck().get() as number);

/** Every file under a folder, read whole. */
function filesUnder(folder: string): Buffer[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path));
}

const incomingWithScan = (beneficiaryId: string, number: string, scan: Buffer): RegisterLetterInput => ({
  direction: 'incoming',
  number,
  letterDate: '2026-07-28',
  authorityId: PRISONS,
  subject: 'الإفادة عن موعد زيارة النزيل',
  beneficiaryId,
  scan: { fileName: 'زيارة.pdf', contentBase64: scan.toString('base64') },
});

describe('scans between two desks of one office', () => {
  const scans = { before: onePagePdf(MARKERS.before), after: onePagePdf(MARKERS.after) };
  let person: BeneficiaryDetail;
  let filedAlone: LetterView;
  let filedPaired: LetterView;
  const scanId = (letter: LetterView) => sqliteOf(deskA).prepare('SELECT scan_id FROM letters WHERE id = ?').pluck().get(letter.id) as string;

  it('reach the office server sealed: what the desk filed alone at pairing, what it files after at its next round; no byte of them in clear', async () => {
    person = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
    filedAlone = expectOk<LetterView>(await deskA.dispatch('letters.register', incomingWithScan(person.id, '45/ق/1448', scans.before)));
    expect(queued(deskA, 'sync_blob_uploads')).toEqual([]);

    const { code } = await createPairingCode(server.database.db, new Date());
    expectOk(await deskA.dispatch('office.pair', { address: `127.0.0.1:${port}`, fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
    // Queued with the rest of the desk's record, in the pairing's transaction.
    expect(queued(deskA, 'sync_blob_uploads')).toEqual([scanId(filedAlone)]);
    filedPaired = expectOk<LetterView>(await deskA.dispatch('letters.register', incomingWithScan(person.id, '46/ق/1448', scans.after)));
    // Queued in the transaction that filed it.
    expect(queued(deskA, 'sync_blob_uploads')).toEqual([scanId(filedAlone), scanId(filedPaired)]);

    expect((await syncNow(deskA)).sync).toMatchObject({ pending: 0, problem: null });
    expect(queued(deskA, 'sync_blob_uploads')).toEqual([]);
    const blobs = await server.database.db.selectFrom('blobs').selectAll().orderBy('stored_at').execute();
    expect(blobs.map((blob) => blob.blob_id).toSorted()).toEqual([scanId(filedAlone), scanId(filedPaired)].toSorted());
    // The seal opens with the office's key, bound to the scan's id and digest.
    const link = (await readStoredLink(dbOf(deskA)))!;
    const officeKey = Buffer.from(link.officeKey, 'base64');
    const stored = blobs.find((blob) => blob.blob_id === scanId(filedPaired))!;
    const sha256 = createHash('sha256').update(scans.after).digest('hex');
    expect(openBlob(officeKey, { attachmentId: scanId(filedPaired), sha256 }, Buffer.from(stored.sealed))).toEqual(scans.after);
    expect(() => openBlob(officeKey, { attachmentId: scanId(filedAlone), sha256 }, Buffer.from(stored.sealed))).toThrow();

    // Neither the scans' bytes nor their digests are in the server's database or its files.
    const secrets = [...Object.values(MARKERS), ...Object.values(scans).map((bytes) => createHash('sha256').update(bytes).digest('hex'))].map((text) => Buffer.from(text));
    const rows = Buffer.concat(blobs.flatMap((blob) => [Buffer.from(JSON.stringify({ ...blob, sealed: null })), Buffer.from(blob.sealed)]));
    expect(secrets.filter((secret) => rows.includes(secret))).toEqual([]);
    const files = filesUnder(serverFolder);
    // What is in clear there is found (the blob's id); the scans are not.
    expect(files.some((bytes) => bytes.includes(Buffer.from(scanId(filedPaired))))).toBe(true);
    expect(secrets.filter((secret) => files.some((bytes) => bytes.includes(secret)))).toEqual([]);
  });

  it('open on the other desk with the same bytes, fetched once and kept: with the server stopped, they open again', async () => {
    const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
    expectOk(await deskB.dispatch('office.pair', { address: `127.0.0.1:${port}`, fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
    await syncNow(deskB);
    // The row arrived without its bytes; the register still shows the scan, not a destroyed one.
    expect(attachmentOn(deskB, scanId(filedPaired))).toMatchObject({ content: null, erased_at: null });
    const listed = expectOk<LetterView>(await deskB.dispatch('letters.get', { id: filedPaired.id }));
    expect(listed).toMatchObject({ scanErased: false, scan: { mediaType: 'application/pdf', size: scans.after.length } });

    const outbox = sqliteOf(deskB).prepare('SELECT count(*) FROM sync_outbox').pluck().get();
    const opened = expectOk<LetterScan>(await openScan(deskB, filedPaired.id));
    expect(Buffer.from(opened.contentBase64, 'base64')).toEqual(scans.after);
    expect(attachmentOn(deskB, scanId(filedPaired)).content).toEqual(scans.after);
    // Keeping the bytes is not a change to the office's record: nothing is queued for the others.
    expect(sqliteOf(deskB).prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(outbox);
    expect(queued(deskB, 'sync_blob_uploads')).toEqual([]);

    await stopServer();
    try {
      const again = expectOk<LetterScan>(await openScan(deskB, filedPaired.id));
      expect(Buffer.from(again.contentBase64, 'base64')).toEqual(scans.after);
    } finally {
      await startServer();
    }
  });

  it('refuse, with the office out of reach, to open a scan not fetched yet, with a clear message, and change nothing', async () => {
    await stopServer();
    try {
      const before = snapshot(deskB);
      expect(expectError(await openScan(deskB, filedAlone.id))).toEqual({ code: 'rule', messageKey: 'attachments.notHereYet' });
      expect(snapshot(deskB)).toEqual(before);
    } finally {
      await startServer();
    }
  });

  it('refuse a blob the server altered, swapped for another scan’s, or does not have, and keep nothing of it', async () => {
    const id = scanId(filedAlone);
    const original = Buffer.from((await blobOnServer(id))!.sealed);
    const replaceOnServer = (sealed: Buffer) => server.database.db.updateTable('blobs').set({ sealed }).where('blob_id', '=', id).execute();
    const refusedWithoutWriting = async (messageKey: string) => {
      const before = snapshot(deskB);
      const views = scanViews(deskB);
      expect(expectError(await openScan(deskB, filedAlone.id))).toEqual({ code: 'rule', messageKey });
      expect(snapshot(deskB)).toEqual(before);
      expect(scanViews(deskB)).toBe(views);
    };

    const altered = Buffer.from(original);
    altered[altered.length - 1]! ^= 0x01;
    await replaceOnServer(altered);
    await refusedWithoutWriting('attachments.blobDamaged');

    // Another scan's blob, whole and sealed by the office: not this scan's.
    await replaceOnServer(Buffer.from((await blobOnServer(scanId(filedPaired)))!.sealed));
    await refusedWithoutWriting('attachments.blobDamaged');

    await server.database.db.deleteFrom('blobs').where('blob_id', '=', id).execute();
    await refusedWithoutWriting('attachments.notAtOffice');

    await server.database.db.insertInto('blobs').values({ blob_id: id, sealed: original, size: original.length, desk_id: (await readStoredLink(dbOf(deskA)))!.deskId, stored_at: new Date(), forgotten_at: null }).execute();
    const opened = expectOk<LetterScan>(await openScan(deskB, filedAlone.id));
    expect(Buffer.from(opened.contentBase64, 'base64')).toEqual(scans.before);
  });

  it('leave the server and every desk with their person’s erasure: the server forgets them and takes them no more', async () => {
    const ids = [scanId(filedAlone), scanId(filedPaired)];
    // Erased at the desk that fetched them; the desk that filed them learns it from the office.
    expectOk(await deskB.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب الشخص حذف بياناته', confirmFileNumber: person.fileNumber }));
    for (const id of ids) expect(attachmentOn(deskB, id)).toMatchObject({ content: null, erased_at: expect.any(String) });
    expect(queued(deskB, 'sync_blob_forgets').toSorted()).toEqual(ids.toSorted());

    expect((await syncNow(deskB)).sync).toMatchObject({ pending: 0, problem: null });
    expect(queued(deskB, 'sync_blob_forgets')).toEqual([]);
    for (const id of ids) {
      const blob = (await blobOnServer(id))!;
      expect(blob.forgotten_at).not.toBeNull();
      expect(Buffer.from(blob.sealed).length).toBe(0);
    }

    await syncNow(deskA);
    for (const id of ids) expect(attachmentOn(deskA, id)).toMatchObject({ content: null, erased_at: expect.any(String) });
    for (const desk of [deskA, deskB]) {
      expect(expectError(await openScan(desk, filedPaired.id))).toEqual({ code: 'rule', messageKey: 'letters.scanErased' });
      // The letter itself is erased with them, on the desk that received the erasure too.
      expect(expectOk<LetterView>(await desk.dispatch('letters.get', { id: filedPaired.id }))).toMatchObject({ subject: ERASED_NAME, scan: null, scanErased: true });
    }

    // A desk that still had one queued cannot bring it back.
    const link = (await readStoredLink(dbOf(deskA)))!;
    const sealed = sealBlob(Buffer.from(link.officeKey, 'base64'), { attachmentId: ids[0]!, sha256: attachmentOn(deskA, ids[0]!).sha256 }, scans.before);
    expect(await askOffice(link, 'POST /v1/blobs/put', { id: ids[0]!, sealed: sealed.toString('base64') })).toEqual({ ok: true, value: { id: ids[0] } });
    expect(Buffer.from((await blobOnServer(ids[0]!))!.sealed).length).toBe(0);
    expect(await askOffice(link, 'POST /v1/blobs/get', { id: ids[0]! })).toEqual({ ok: false, error: { code: 'not_found', messageKey: 'office.blobMissing' } });
  });
});

const engines: Array<[string, () => string | undefined]> = [
  ['the embedded PostgreSQL', () => undefined],
  ['a PostgreSQL server', () => postgres!.url],
];

describe.each(engines)('the office server’s blob routes on %s', (_engine, databaseUrl) => {
  let office: OfficeServer;
  let desk: OfficeConnection;
  const everything = () => office.database.db.selectFrom('blobs').selectAll().orderBy('blob_id').execute();
  const refusedField = (answer: Result<unknown>) => {
    expect(answer.ok).toBe(false);
    const error = (answer as { error: ApiError }).error;
    expect(error).toMatchObject({ code: 'validation', messageKey: 'validation.failed' });
    return error.details?.fields;
  };
  /** Refused as too large, or cut off by the server before the whole body was sent. */
  const tooLarge = async (asked: Promise<Result<unknown>>) => {
    const answer = await asked.catch((error: unknown) => error);
    if (answer instanceof OfficeUnreachable) return;
    expect(answer).toEqual({ ok: false, error: { code: 'validation', messageKey: 'office.tooLarge' } });
  };

  beforeAll(async () => {
    office = await startOfficeServer({ dataDirectory: tempDir(), databaseUrl: databaseUrl(), host: '127.0.0.1', port: 0 });
    const connection = { address: office.url, certificate: office.certificate };
    const { code } = await createPairingCode(office.database.db, new Date());
    const paired = await askOffice(connection, 'POST /v1/desks/pair', { auth: await pairingAuthOf(code), deskName: 'الاستقبال 1', appVersion: '0.0.0-test' });
    if (!paired.ok) expect.fail(JSON.stringify(paired.error));
    desk = { ...connection, credential: paired.value.credential };
  }, 120_000);

  afterAll(async () => {
    await office?.close();
  });

  it('keep a blob once, whoever sends it again, and hand it back whole: the largest scan a desk takes, sealed, fits', async () => {
    const id = '019ab9a0-0000-7000-8000-0000000b1001';
    const sealed = sealBlob(randomBytes(32), { attachmentId: id, sha256: '0'.repeat(64) }, randomBytes(MAX_SCAN_BYTES));
    expect(sealed.toString('base64').length).toBe(SEALED_BLOB_MAX_BASE64);
    expect(await askOffice(desk, 'POST /v1/blobs/put', { id, sealed: sealed.toString('base64') })).toEqual({ ok: true, value: { id } });
    const other = randomBytes(64).toString('base64');
    expect(await askOffice(desk, 'POST /v1/blobs/put', { id, sealed: other })).toEqual({ ok: true, value: { id } });
    const given = await askOffice(desk, 'POST /v1/blobs/get', { id });
    expect(given.ok && Buffer.from(given.value.sealed, 'base64').equals(sealed)).toBe(true);
    await askOffice(desk, 'POST /v1/blobs/forget', { id });
  }, 60_000);

  it('refuse a bad id, a blob that is not base64 or larger than a sealed scan, a body beyond the route’s limit, and a caller that is not a desk, changing nothing', async () => {
    const before = await everything();
    for (const id of ['../../etc/passwd', 'not-an-id', '', "019ab9a0-0000-7000-8000-0000000b1002' OR 1=1"]) {
      expect(refusedField(await askOffice(desk, 'POST /v1/blobs/put', { id, sealed: 'AAAA' })), id).toEqual([{ path: 'id', messageKey: expect.stringMatching(/^validation\.(id|required)$/) }]);
      expect(refusedField(await askOffice(desk, 'POST /v1/blobs/get', { id })), id).toEqual([{ path: 'id', messageKey: expect.stringMatching(/^validation\.(id|required)$/) }]);
      expect(refusedField(await askOffice(desk, 'POST /v1/blobs/forget', { id })), id).toEqual([{ path: 'id', messageKey: expect.stringMatching(/^validation\.(id|required)$/) }]);
    }
    const id = '019ab9a0-0000-7000-8000-0000000b1003';
    expect(refusedField(await askOffice(desk, 'POST /v1/blobs/put', { id, sealed: 'not base64!' }))).toEqual([{ path: 'sealed', messageKey: 'validation.invalid' }]);
    expect(refusedField(await askOffice(desk, 'POST /v1/blobs/put', { id, sealed: '' }))).toEqual([{ path: 'sealed', messageKey: 'validation.required' }]);
    expect(refusedField(await askOffice(desk, 'POST /v1/blobs/put', { id, sealed: 'A'.repeat(SEALED_BLOB_MAX_BASE64 + 4) }))).toEqual([
      { path: 'sealed', messageKey: 'validation.tooLong' },
    ]);
    await tooLarge(askOffice(desk, 'POST /v1/blobs/put', { id, sealed: 'A'.repeat(SEALED_BLOB_MAX_BASE64 + 4096) }));
    // Asking for a blob names it only: a large body there is refused long before a scan's size.
    await tooLarge(askOffice(desk, 'POST /v1/blobs/get', { id: 'A'.repeat(8 * 1024) }));
    expect(await askOffice(desk, 'POST /v1/blobs/get', { id })).toEqual({ ok: false, error: { code: 'not_found', messageKey: 'office.blobMissing' } });

    const stranger = { address: office.url, certificate: office.certificate };
    for (const route of ['POST /v1/blobs/put', 'POST /v1/blobs/get', 'POST /v1/blobs/forget'] as const) {
      const answer = await askOffice(stranger, route, { id, sealed: 'AAAA' });
      expect(answer.ok, route).toBe(false);
    }
    expect(await everything()).toEqual(before);
  });
});

describe('a desk’s scans when scans start to travel (migration 15)', () => {
  /** A database at version 14, with a scan erased, one received from another desk and never opened (paired only), and one filed here. */
  function desk14(paired: boolean) {
    const folder = tempDir();
    const opened = openDatabase(join(folder, 'wasl.db'), { key: randomBytes(32) });
    migrate(opened.sqlite, migrations.slice(0, 14));
    const at = '2026-11-01T08:00:00.000Z';
    const insert = opened.sqlite.prepare(`INSERT INTO attachments (id, file_name, media_type, size, sha256, content, created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, 'application/pdf', 10, ?, ?, '${at}', '${at}', '${SYSTEM_USER_ID}', '${SYSTEM_USER_ID}')`);
    insert.run('erased', '', '0'.repeat(64), null);
    if (paired) insert.run('received', 'زيارة.pdf', '1'.repeat(64), null);
    insert.run('filed', 'زيارة.pdf', '2'.repeat(64), onePagePdf());
    if (paired) {
      opened.sqlite.prepare(`INSERT INTO settings (id, key, value, created_at, updated_at, created_by, updated_by) VALUES ('link', 'office.link', '{}', '${at}', '${at}', ?, ?)`).run(SYSTEM_USER_ID, SYSTEM_USER_ID);
    }
    migrate(opened.sqlite);
    const rows = opened.sqlite.prepare('SELECT id, erased_at FROM attachments ORDER BY id').all();
    const uploads = opened.sqlite.prepare('SELECT attachment_id FROM sync_blob_uploads').pluck().all();
    opened.sqlite.close();
    rmSync(folder, { recursive: true, force: true });
    return { rows, uploads };
  }

  it('marks destroyed the scans without bytes of a desk that never shared a record, and queues nothing', () => {
    expect(desk14(false)).toEqual({
      rows: [
        { id: 'erased', erased_at: '2026-11-01T08:00:00.000Z' },
        { id: 'filed', erased_at: null },
      ],
      uploads: [],
    });
  });

  it('on a paired desk, tells an erased scan from one received and not fetched yet, and queues what the desk filed', () => {
    expect(desk14(true)).toEqual({
      rows: [
        { id: 'erased', erased_at: '2026-11-01T08:00:00.000Z' },
        { id: 'filed', erased_at: null },
        { id: 'received', erased_at: null },
      ],
      uploads: ['filed'],
    });
  });
});
