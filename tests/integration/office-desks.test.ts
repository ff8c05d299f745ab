// The office's desks as administrators see them, and the report's "data up to": a real office
// server and two paired desks. Each desk tells the server at every round its version, what it holds
// unsent and when its round went through; an administrator lists the desks (never their secrets) with
// the server's health, and revokes another desk, which the server then refuses; a desk cannot revoke
// itself; an officer can do neither. A paired desk's report names each desk and when it last synced,
// offline too; a desk that works alone says nothing of desks. The server's side runs on the embedded
// PostgreSQL and on a real one.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeDesksView, OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { ReportFigures } from '../../electron/api/reports';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { KNOWN_DESKS_KEY, type KnownDesk } from '../../electron/services/office/known-desks';
import { LINK_KEY } from '../../electron/services/office/link-key';
import { reportPdf } from '../../electron/services/reports/pdf';
import { askOffice, type OfficeConnection } from '../../electron/services/sync/office-client';
import { pairingAuthOf } from '../../electron/services/sync/office-key';
import { version as WASL_VERSION } from '../../package.json';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { ADMIN, auditEntries, createUser, expectError, expectOk, openTestWasl, signInAs, tempDir, type TestWasl } from '../support/database';
import { aLineHolds, plain } from '../support/pdf-text';
import { startPostgres, type RunningPostgres } from '../support/postgres';
import { newId } from '../../electron/services/ids';
import { newSigningKeyPair, privateSigningKey, signRevocation } from '../../electron/services/sync/signature';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEEK = { from: '2026-11-29', to: '2026-12-03' };

let server: OfficeServer;
let deskA: TestWasl;
let deskB: TestWasl;
let lone: TestWasl;
let out: string;

const address = () => `127.0.0.1:${server.port}`;
const syncNow = async (desk: TestWasl) => expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}));
const settingOf = (desk: TestWasl, key: string): unknown => {
  const value = desk.wasl.desk.openDatabase!.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return value === undefined ? undefined : (JSON.parse(value) as unknown);
};
/** What the desk keeps to reach the office: its address, the pinned certificate and its secret. */
const connectionOf = (desk: TestWasl) => settingOf(desk, LINK_KEY) as OfficeConnection & { deskId: string };
const revokedOnServer = async (deskId: string) =>
  (await server.database.db.selectFrom('desks').select('revoked_at').where('desk_id', '=', deskId).executeTakeFirstOrThrow()).revoked_at;

beforeAll(async () => {
  server = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
  deskA = await openTestWasl();
  deskB = await openTestWasl();
  lone = await openTestWasl();
  out = tempDir();
  const { code } = await createPairingCode(server.database.db, new Date());
  expectOk(await deskA.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
  const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
  expectOk(await deskB.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code: made.code, deskName: 'Reception 2' }));
  await syncNow(deskA);
  await syncNow(deskB);
  await syncNow(deskA);
}, 120_000);

afterAll(async () => {
  await deskA?.cleanup();
  await deskB?.cleanup();
  await lone?.cleanup();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the office’s desks', () => {
  it('are listed for an administrator with when each was last seen, what it holds unsent and its version, and the server’s health', async () => {
    const view = expectOk<OfficeDesksView>(await deskA.dispatch('office.desks', {}));
    expect(view.thisDeskId).toBe(connectionOf(deskA).deskId);
    expect(view.desks.map((desk) => desk.name)).toEqual(['الاستقبال 1', 'Reception 2']);
    expect(view.desks.map((desk) => desk.deskId)).toEqual([connectionOf(deskA).deskId, connectionOf(deskB).deskId]);
    for (const desk of view.desks) {
      expect(desk).toMatchObject({ appVersion: '0.0.0-test', pending: 0, revokedAt: null });
      expect(Date.parse(desk.lastSeenAt ?? '')).toBeGreaterThan(Date.now() - 120_000);
      expect(Date.parse(desk.lastSyncedAt ?? '')).toBeGreaterThan(Date.now() - 120_000);
    }
    expect(view.server).toMatchObject({ address: `https://127.0.0.1:${server.port}`, version: WASL_VERSION, engine: 'embedded' });
    expect(view.server.operations).toBeGreaterThan(0);
    expect(Date.parse(view.server.upSince)).toBeLessThanOrEqual(Date.now());
    // Never a desk's secret, nor its hash.
    const listed = JSON.stringify(view);
    expect(listed).not.toContain(connectionOf(deskA).credential);
    expect(listed).not.toContain(connectionOf(deskB).credential);
    expect(listed).not.toMatch(/credential/i);
  });

  it('are told by each desk at its round its version, what waits there and when its round went through', async () => {
    const desk = connectionOf(deskB);
    const lastSyncedAt = '2026-12-01T07:30:00.000Z';
    const answer = await askOffice(desk, 'POST /v1/desks/report', { appVersion: '0.2.0', pending: 7, lastSyncedAt });
    expect(answer.ok && answer.value.desks.find((listed) => listed.deskId === desk.deskId)).toMatchObject({ appVersion: '0.2.0', pending: 7, lastSyncedAt });
    // What is not a report is refused, and changes nothing.
    const refused = await askOffice(desk, 'POST /v1/desks/report', { appVersion: '', pending: -1, lastSyncedAt: 'yesterday' });
    expect(refused.ok ? [] : refused.error.details?.fields?.map((field) => field.path)).toEqual(['appVersion', 'pending', 'lastSyncedAt']);
    // The desk's next round says what holds now.
    await syncNow(deskB);
    const view = expectOk<OfficeDesksView>(await deskA.dispatch('office.desks', {}));
    expect(view.desks.find((listed) => listed.deskId === desk.deskId)).toMatchObject({ appVersion: '0.0.0-test', pending: 0 });
    expect(view.desks.find((listed) => listed.deskId === desk.deskId)?.lastSyncedAt).not.toBe(lastSyncedAt);
  });

  it('are kept on each desk with when each last synced, at every round', async () => {
    const known = settingOf(deskA, KNOWN_DESKS_KEY) as KnownDesk[];
    expect(known.map((desk) => desk.name)).toEqual(['الاستقبال 1', 'Reception 2']);
    expect(known.every((desk) => desk.lastSyncedAt !== null)).toBe(true);
    expect(settingOf(lone, KNOWN_DESKS_KEY)).toBeUndefined();
  });
});

describe('the report’s "data up to"', () => {
  let printer: ChromiumPrinter;

  beforeAll(() => {
    printer = createChromiumPrinter({ executablePath: CHROMIUM });
  });

  afterAll(async () => {
    await printer?.close();
  });

  const printed = async (desk: TestWasl, language: 'ar' | 'en') => {
    const opened = desk.wasl.desk.openDatabase!;
    const content = await reportPdf({ db: opened.db, keys: { path: desk.wasl.keyringPath }, printPdf: printer.print }, { ...WEEK, language }, { actorId: desk.adminId, now: new Date() });
    // REPORT_PDF_KEEP=folder keeps the PDFs there, to be looked at.
    const file = join(process.env.REPORT_PDF_KEEP ?? out, `data-up-to-${desk === lone ? 'lone' : 'paired'}-${language}.pdf`);
    writeFileSync(file, content);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };

  it('names each desk of the office and when it last synced, on screen and in the PDF', async () => {
    const figures = expectOk<ReportFigures>(await deskA.dispatch('reports.figures', WEEK));
    const known = settingOf(deskA, KNOWN_DESKS_KEY) as KnownDesk[];
    expect(figures.dataUpTo).toEqual(known);
    expect(figures.dataUpTo?.map((desk) => desk.name)).toEqual(['الاستقبال 1', 'Reception 2']);

    const english = plain(await printed(deskA, 'en'));
    expect(english).toMatch(/Data up to: .*Reception 2, /);
    const arabic = await printed(deskA, 'ar');
    expect(aLineHolds(arabic, 'البيانات حتى: الاستقبال 1')).toBe(true);
    expect(plain(arabic)).toContain('Reception 2');
  }, 60_000);

  it('is absent on a desk that works alone', async () => {
    expect(expectOk<ReportFigures>(await lone.dispatch('reports.figures', WEEK)).dataUpTo).toBeNull();
    expect(plain(await printed(lone, 'en'))).not.toContain('Data up to');
  }, 60_000);
});

describe('revoking a desk', () => {
  it('is an administrator’s: an officer can neither list the desks nor revoke one', async () => {
    const officer = await createUser(deskA.dispatch, 'officer');
    await signInAs(deskA.dispatch, officer.username, officer.password);
    try {
      expect(expectError(await deskA.dispatch('office.desks', {})).code).toBe('forbidden');
      expect(expectError(await deskA.dispatch('office.revokeDesk', { deskId: connectionOf(deskB).deskId, reason: 'جهاز مفقود' })).code).toBe('forbidden');
    } finally {
      await signInAs(deskA.dispatch, ADMIN.username, ADMIN.password);
    }
    expect(await revokedOnServer(connectionOf(deskB).deskId)).toBeNull();
  });

  it('refuses a reason left empty or a desk number that is not one, and changes nothing', async () => {
    const noReason = expectError(await deskA.dispatch('office.revokeDesk', { deskId: connectionOf(deskB).deskId, reason: '  ' }));
    expect(noReason.details?.fields).toEqual([{ path: 'reason', messageKey: 'validation.required' }]);
    const notADesk = expectError(await deskA.dispatch('office.revokeDesk', { deskId: 'DESK-2', reason: 'جهاز مفقود' }));
    expect(notADesk.details?.fields).toEqual([{ path: 'deskId', messageKey: 'validation.id' }]);
    expect(expectError(await deskA.dispatch('office.revokeDesk', { deskId: '0123456789abcdef', reason: 'جهاز مفقود' }))).toMatchObject({ messageKey: 'office.deskNotFound' });
    expect(await revokedOnServer(connectionOf(deskB).deskId)).toBeNull();
    expect((await auditEntries(deskA.dispatch)).filter((entry) => entry.action === 'office.deskRevoked')).toEqual([]);
  });

  it('refuses the desk itself, at the desk and at the server', async () => {
    const self = connectionOf(deskA);
    expect(expectError(await deskA.dispatch('office.revokeDesk', { deskId: self.deskId, reason: 'تجربة' }))).toMatchObject({ code: 'rule', messageKey: 'office.revokeSelf' });
    const atServer = await askOffice(self, 'POST /v1/desks/revoke', { deskId: self.deskId, askedBy: deskA.adminId, at: new Date().toISOString(), keyId: newId(), signature: 'A'.repeat(86) + '==' });
    expect(atServer).toMatchObject({ ok: false, error: { code: 'rule', messageKey: 'office.revokeSelf' } });
    // The server requires the user who asks to be named.
    const unnamed = await askOffice(self, 'POST /v1/desks/revoke', { deskId: connectionOf(deskB).deskId } as never);
    expect(unnamed).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await revokedOnServer(self.deskId)).toBeNull();
    expect(await revokedOnServer(connectionOf(deskB).deskId)).toBeNull();
    expect(expectOk<OfficeStatus>(await deskA.dispatch('office.syncNow', {})).sync?.problem).toBeNull();
  });

  it('revokes another desk, audited with its reason: the server refuses it from then on, and its next round says so', async () => {
    const other = connectionOf(deskB);
    expect(expectOk(await deskA.dispatch('office.revokeDesk', { deskId: other.deskId, reason: 'سُرق جهاز الاستقبال' }))).toEqual({ deskId: other.deskId });
    const [entry, ...more] = (await auditEntries(deskA.dispatch)).filter((audited) => audited.action === 'office.deskRevoked');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor: { id: deskA.adminId }, summary: { deskId: other.deskId, deskName: 'Reception 2', reason: 'سُرق جهاز الاستقبال' } });

    const view = expectOk<OfficeDesksView>(await deskA.dispatch('office.desks', {}));
    expect(view.desks.find((desk) => desk.deskId === other.deskId)?.revokedAt).not.toBeNull();
    expect(view.desks.find((desk) => desk.deskId === view.thisDeskId)?.revokedAt).toBeNull();

    expect((await syncNow(deskB)).sync?.problem).toMatchObject({ messageKey: 'office.deskRevoked' });
    expect(await askOffice(other, 'POST /v1/desks/list', {})).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'office.deskRevoked' } });
    // Revoked once: asked again, there is no such desk to revoke.
    expect(expectError(await deskA.dispatch('office.revokeDesk', { deskId: other.deskId, reason: 'مرة ثانية' }))).toMatchObject({ messageKey: 'office.deskNotFound' });

    // The report no longer names a desk that sends nothing.
    await syncNow(deskA);
    expect(expectOk<ReportFigures>(await deskA.dispatch('reports.figures', WEEK)).dataUpTo?.map((desk) => desk.name)).toEqual(['الاستقبال 1']);
  });
});

describe('with the office server out of reach', () => {
  it('the desks list says so, and the report still names the desks as last heard', async () => {
    await server.close();
    expect(expectError(await deskA.dispatch('office.desks', {}))).toMatchObject({ code: 'rule', messageKey: 'office.unreachable' });
    expect(expectError(await deskA.dispatch('office.revokeDesk', { deskId: '0123456789abcdef', reason: 'جهاز مفقود' }))).toMatchObject({ messageKey: 'office.unreachable' });
    expect(expectOk<ReportFigures>(await deskA.dispatch('reports.figures', WEEK)).dataUpTo?.map((desk) => desk.name)).toEqual(['الاستقبال 1']);
  });
});

describe.each([
  ['the embedded PostgreSQL', false],
  ['a PostgreSQL server', true],
])('the server’s desks routes on %s', (_engine, onServer) => {
  let postgres: RunningPostgres | null = null;
  let office: OfficeServer;
  const desks: Array<OfficeConnection & { deskId: string }> = [];
  const userId = '01a24f48-ca30-714a-9479-d09d396648cd';
  const officerId = '01a24f48-ca30-714a-9479-d09d396648ce';

  beforeAll(async () => {
    if (onServer) postgres = await startPostgres();
    office = await startOfficeServer({ dataDirectory: tempDir(), databaseUrl: postgres?.url, host: '127.0.0.1', port: 0 });
    const connection = { address: office.url, certificate: office.certificate };
    for (const deskName of ['الاستقبال 1', 'الاستقبال 2']) {
      const { code } = await createPairingCode(office.database.db, new Date());
      const paired = await askOffice(connection, 'POST /v1/desks/pair', { auth: await pairingAuthOf(code), deskName, appVersion: '0.0.0-test' });
      if (!paired.ok) expect.fail(JSON.stringify(paired.error));
      desks.push({ ...connection, credential: paired.value.credential, deskId: paired.value.deskId });
    }
    // The office's accounts, as the first desk brought them: an administrator and an officer.
    const changedAt = new Date().toISOString();
    const joined = await askOffice(desks[0]!, 'POST /v1/accounts/join', {
      accounts: [
        { userId, role: 'administrator', active: true, changedAt },
        { userId: officerId, role: 'officer', active: true, changedAt },
      ],
    });
    if (!joined.ok) expect.fail(JSON.stringify(joined.error));
  }, 120_000);

  afterAll(async () => {
    await office?.close();
    await postgres?.stop();
  });

  it('record what a desk reports and answer every desk, never a secret', async () => {
    const [first, second] = desks as [OfficeConnection & { deskId: string }, OfficeConnection & { deskId: string }];
    const answer = await askOffice(first, 'POST /v1/desks/report', { appVersion: '0.3.0', pending: 4, lastSyncedAt: '2026-12-07T06:00:00.000Z' });
    if (!answer.ok) expect.fail(JSON.stringify(answer.error));
    expect(answer.value.desks).toEqual([
      { deskId: first.deskId, name: 'الاستقبال 1', pairedAt: expect.any(String), lastSeenAt: expect.any(String), appVersion: '0.3.0', pending: 4, lastSyncedAt: '2026-12-07T06:00:00.000Z', revokedAt: null },
      { deskId: second.deskId, name: 'الاستقبال 2', pairedAt: expect.any(String), lastSeenAt: null, appVersion: '0.0.0-test', pending: null, lastSyncedAt: null, revokedAt: null },
    ]);
    expect(answer.value.operations).toBe(0);
    const health = await askOffice(first, 'GET /v1/health', null);
    expect(health).toMatchObject({ ok: true, value: { serverVersion: WASL_VERSION, engine: onServer ? 'postgresql' : 'embedded' } });
  });

  it('revoke another desk at the signed word of an administrator, never the caller itself, and then refuse that desk', async () => {
    const [first, second] = desks as [OfficeConnection & { deskId: string }, OfficeConnection & { deskId: string }];
    // The administrator's first key, from the desk that brought the account to the office.
    const { publicKey, seed } = newSigningKeyPair();
    const keyId = newId();
    expectOk(await askOffice(first, 'POST /v1/accounts/keys/put', { userId, keyId, publicKey, vouch: null }));
    const key = privateSigningKey(seed, publicKey)!;
    const revoke = (desk: OfficeConnection, deskId: string, askedBy: string, at = new Date()) => {
      const revocation = { deskId, askedBy, at: at.toISOString() };
      return askOffice(desk, 'POST /v1/desks/revoke', { ...revocation, keyId, signature: signRevocation(revocation, key) });
    };
    expect(await revoke(first, first.deskId, userId)).toMatchObject({ ok: false, error: { messageKey: 'office.revokeSelf' } });
    expect(await revoke(first, second.deskId, 'someone')).toMatchObject({ ok: false, error: { code: 'validation' } });
    // Only an active administrator of the office revokes a desk, by a signature made a moment ago.
    expect(await revoke(first, second.deskId, officerId)).toMatchObject({ ok: false, error: { messageKey: 'office.notAdministrator' } });
    expect(await revoke(first, second.deskId, userId, new Date(Date.now() - 3_600_000))).toMatchObject({ ok: false, error: { messageKey: 'office.notAdministrator' } });
    expect(await revoke(first, second.deskId, userId)).toEqual({ ok: true, value: { deskId: second.deskId } });
    expect(await askOffice(second, 'POST /v1/desks/report', { appVersion: '0.0.0-test', pending: 0, lastSyncedAt: null })).toMatchObject({ ok: false, error: { messageKey: 'office.deskRevoked' } });
    expect(await revoke(first, second.deskId, userId)).toMatchObject({ ok: false, error: { messageKey: 'office.deskNotFound' } });
    const listed = await askOffice(first, 'POST /v1/desks/list', {});
    expect(listed.ok && listed.value.desks.map((desk) => desk.revokedAt !== null)).toEqual([false, true]);
  });

});
