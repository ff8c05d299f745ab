// The office server over HTTPS, as a desk reaches it: its own certificate pinned by the desk, desks
// paired once with a one-time code and known by their secret from then on, operations pushed and
// pulled by paired desks only, and every bad request refused with a message key and nothing taken.
// Run on the embedded PostgreSQL and on a real one.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/api/result';
import type { PairAnswer, WireOperation } from '../../electron/api/sync/office';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import { askOffice, OfficeUnreachable, readOfficeCertificate, type OfficeConnection } from '../../electron/services/sync/office-client';
import { newSigningKeyPair, privateSigningKey, signOperation } from '../../electron/services/sync/signature';
import { pairingAuthOf as deskPairingAuthOf } from '../../electron/services/sync/office-key';
import { revokeDesk } from '../../server/desks/desks';
import { pairingAuthOf } from '../../server/desks/pairing-auth';
import { isLoopback } from '../../server/http/routes';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { tempDir } from '../support/database';
import { startPostgres, type RunningPostgres } from '../support/postgres';

let postgres: RunningPostgres | null = null;
const folders: string[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function newFolder(): string {
  const folder = tempDir();
  folders.push(folder);
  return folder;
}

const engines: Array<[string, () => string | undefined]> = [
  ['the embedded PostgreSQL', () => undefined],
  ['a PostgreSQL server', () => postgres!.url],
];

/** A paired desk, with its own signing key given to the office (what Wasl does by itself there is signed with it). */
type PairedDesk = OfficeConnection & PairAnswer & { signer: { keyId: string; privateKey: NonNullable<ReturnType<typeof privateSigningKey>> } };

/**
 * An operation a desk would send, stamped by its clock `offsetMs` from now (by another desk's when
 * `stampedBy` says so), signed with the desk's key as Wasl's own.
 */
function operation(desk: PairedDesk, serial: number, offsetMs = 0, stampedBy = desk.deskId): WireOperation {
  const header = {
    opId: uuidv7(),
    userId: SYSTEM_USER_ID,
    hlc: `${new Date(Date.now() + offsetMs).toISOString()}-${serial.toString(16).padStart(4, '0')}-${stampedBy}`,
    entity: 'beneficiaries',
    rowId: uuidv7(),
    action: 'insert',
    baseHlc: null,
    payload: randomBytes(64).toString('base64'),
    keyId: desk.signer.keyId,
  };
  return { ...header, signature: signOperation({ ...header, deskId: desk.deskId }, desk.signer.privateKey) };
}

/** Sends raw bytes to the server, trusting its certificate: for what a desk would never send. */
function rawRequest(server: OfficeServer, method: string, path: string, body: Buffer | string): Promise<{ status: number; result: Result<unknown> }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { method, host: '127.0.0.1', port: server.port, path, ca: [server.certificate], checkServerIdentity: () => undefined, headers: { 'content-type': 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, result: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown> }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe.each(engines)('the office server on %s', (_engine, databaseUrl) => {
  let server: OfficeServer;
  let dataDirectory: string;
  let pinned: OfficeConnection;

  beforeAll(async () => {
    dataDirectory = newFolder();
    server = await startOfficeServer({ dataDirectory, databaseUrl: databaseUrl(), host: '127.0.0.1', port: 0, logError: () => undefined });
    pinned = { address: server.url, certificate: server.certificate };
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  async function pairedDesk(name = 'مكتب الاستقبال 1'): Promise<PairedDesk> {
    const code = await askOffice(pinned, 'POST /v1/admin/pairing-codes', {});
    if (!code.ok) throw new Error(code.error.messageKey);
    const paired = await askOffice(pinned, 'POST /v1/desks/pair', { auth: await pairingAuthOf(code.value.code), deskName: name, appVersion: '0.0.0-test' });
    if (!paired.ok) throw new Error(paired.error.messageKey);
    const desk = { ...pinned, ...paired.value };
    const { publicKey, seed } = newSigningKeyPair();
    const keyId = uuidv7();
    const given = await askOffice(desk, 'POST /v1/desks/signing-key', { keyId, publicKey });
    if (!given.ok) throw new Error(given.error.messageKey);
    return { ...desk, signer: { keyId, privateKey: privateSigningKey(seed, publicKey)! } };
  }

  it('answers its health over TLS to a desk that pinned its certificate, with its own clock', async () => {
    const health = await askOffice(pinned, 'GET /v1/health', null);
    expect(health).toMatchObject({ ok: true, value: { service: 'wasl-office', apiVersion: 1, engine: databaseUrl() ? 'postgresql' : 'embedded' } });
    expect(health.ok && Math.abs(Date.parse(health.value.now) - Date.now())).toBeLessThan(60_000);
  });

  it('shows a desk that has not paired yet the fingerprint the server prints', async () => {
    const read = await readOfficeCertificate(server.url);
    expect(read.fingerprint).toBe(server.fingerprint);
    expect(read.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('keeps its certificate in its data folder, its key readable by the server alone', () => {
    expect(statSync(join(dataDirectory, 'tls', 'server.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDirectory, 'tls', 'server.crt'), 'utf8')).toBe(server.certificate);
  });

  it('pairs a desk once with a code, sent only as a key derived from it, and never again with it', async () => {
    const code = await askOffice(pinned, 'POST /v1/admin/pairing-codes', {});
    expect(code.ok).toBe(true);
    if (!code.ok) return;
    expect(code.value.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const auth = await pairingAuthOf(code.value.code);

    const paired = await askOffice(pinned, 'POST /v1/desks/pair', { auth, deskName: 'مكتب المشرف', appVersion: '0.0.0-test' });
    expect(paired.ok).toBe(true);
    if (!paired.ok) return;
    expect(paired.value.deskId).toMatch(/^[0-9a-f]{16}$/);
    expect(paired.value.credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A code made at the server carries no key: the first desk makes the office's.
    expect(paired.value).toMatchObject({ keyWrap: null, keyCheck: null });
    const stored = await server.database.db.selectFrom('desks').selectAll().where('desk_id', '=', paired.value.deskId).executeTakeFirstOrThrow();
    expect(stored.name).toBe('مكتب المشرف');
    // Only a hash of the secret is kept: the server's database lets no one in.
    expect(Buffer.from(stored.credential_hash).toString('base64url')).not.toBe(paired.value.credential);
    // Nor is the code kept: only the hash of the key derived from it.
    const codes = await server.database.db.selectFrom('pairing_codes').select('code_hash').execute();
    for (const row of codes) expect(Buffer.from(row.code_hash).toString('utf8')).not.toContain(code.value.code);

    const again = await askOffice(pinned, 'POST /v1/desks/pair', { auth, deskName: 'another', appVersion: '0.0.0-test' });
    expect(again).toEqual({ ok: false, error: { code: 'rule', messageKey: 'office.pairingCodeInvalid' } });
    const made = await askOffice(pinned, 'POST /v1/desks/pair', { auth: await pairingAuthOf('ABCD-EFGH-JKMN'), deskName: 'another', appVersion: '0.0.0-test' });
    expect(made).toEqual({ ok: false, error: { code: 'rule', messageKey: 'office.pairingCodeInvalid' } });
  });

  it('derives the key sent for a code on the desk as the server does', async () => {
    expect(await deskPairingAuthOf('ABCD-EFGH-JKMN')).toBe(await pairingAuthOf('ABCD-EFGH-JKMN'));
    expect(await deskPairingAuthOf('ABCD-EFGH-JKMN')).not.toBe(await pairingAuthOf('ABCD-EFGH-JKMP'));
  });

  it('takes the operations of a paired desk once, in order, and hands them back to every desk byte for byte', async () => {
    const deskA = await pairedDesk();
    const deskB = await pairedDesk('مكتب الاستقبال 2');
    const sent = [operation(deskA, 0), operation(deskA, 1), operation(deskA, 2)];
    const before = await askOffice(deskB, 'POST /v1/operations/pull', { after: 0, limit: 1000 });
    const cursor = before.ok ? before.value.last : -1;

    const pushed = await askOffice(deskA, 'POST /v1/operations/push', { operations: sent });
    expect(pushed.ok).toBe(true);
    if (!pushed.ok) return;
    expect(pushed.value.placed.map((place) => place.serverSeq)).toEqual([cursor + 1, cursor + 2, cursor + 3]);
    expect(pushed.value.refused).toEqual([]);
    // The acknowledgement was lost and the desk sends them again: the same places, nothing taken twice.
    expect(await askOffice(deskA, 'POST /v1/operations/push', { operations: sent })).toEqual(pushed);

    const pulled = await askOffice(deskB, 'POST /v1/operations/pull', { after: cursor, limit: 1000 });
    expect(pulled.ok).toBe(true);
    if (!pulled.ok) return;
    expect(pulled.value.last).toBe(cursor + 3);
    expect(pulled.value.operations).toEqual(
      sent.map((sentOne, index) => ({ ...sentOne, deskId: deskA.deskId, serverSeq: cursor + 1 + index, chainHash: expect.stringMatching(/^[0-9a-f]{64}$/) })),
    );
    // A desk that has applied more than the office holds (the office's record restored from an older copy) is told so.
    expect(await askOffice(deskB, 'POST /v1/operations/pull', { after: cursor + 1000 })).toMatchObject({ ok: false, error: { messageKey: 'office.recordBehindDesk' } });
    const paged = await askOffice(deskB, 'POST /v1/operations/pull', { after: cursor, limit: 2 });
    expect(paged.ok && paged.value.operations.map((one) => one.serverSeq)).toEqual([cursor + 1, cursor + 2]);
    expect(paged.ok && paged.value.last).toBe(cursor + 3);
  });

  it('lets no one push or pull without a paired desk’s secret, nor a revoked desk', async () => {
    const desk = await pairedDesk();
    const count = async () => Number((await server.database.db.selectFrom('operations').select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const stranger = { ...pinned, credential: randomBytes(32).toString('base64url') };
    for (const connection of [pinned, stranger]) {
      expect(await askOffice(connection, 'POST /v1/operations/push', { operations: [operation(desk, 0)] })).toEqual({
        ok: false,
        error: { code: 'unauthenticated', messageKey: 'office.deskUnknown' },
      });
      expect((await askOffice(connection, 'POST /v1/operations/pull', { after: 0 })).ok).toBe(false);
    }
    await revokeDesk(server.database.db, desk.deskId, new Date());
    expect(await askOffice(desk, 'POST /v1/operations/push', { operations: [operation(desk, 0)] })).toEqual({
      ok: false,
      error: { code: 'forbidden', messageKey: 'office.deskRevoked' },
    });
    expect(await count()).toBe(before);
  });

  it('refuses operations stamped by another desk, or by a clock running ahead, and takes none of the batch', async () => {
    const desk = await pairedDesk();
    const other = 'ffffffffffffffff';
    const signedByAnother = await askOffice(desk, 'POST /v1/operations/push', { operations: [operation(desk, 0), operation(desk, 1, 0, other)] });
    expect(signedByAnother.ok).toBe(false);
    if (signedByAnother.ok) return;
    expect(signedByAnother.error.details?.fields).toEqual([{ path: 'operations.1.hlc', messageKey: 'validation.office.otherDesk' }]);

    const ahead = await askOffice(desk, 'POST /v1/operations/push', { operations: [operation(desk, 0, 10 * 60_000)] });
    expect(ahead).toMatchObject({ ok: false, error: { code: 'rule', messageKey: 'office.clockAhead' } });
    const mine = await server.database.db.selectFrom('operations').select('op_id').where('desk_id', '=', desk.deskId).execute();
    expect(mine).toEqual([]);
  });

  it('answers what is not JSON, too large, or not a route with a message key, and stays up', async () => {
    expect(await rawRequest(server, 'POST', '/v1/desks/pair', '{not json')).toEqual({ status: 400, result: { ok: false, error: { code: 'validation', messageKey: 'office.notJson' } } });
    expect(await rawRequest(server, 'GET', '/v1/secrets', '')).toEqual({ status: 404, result: { ok: false, error: { code: 'unknown_call', messageKey: 'office.unknownRoute' } } });
    const huge = await rawRequest(server, 'POST', '/v1/desks/pair', Buffer.alloc(17 * 1024 * 1024, 0x20)).catch((error: unknown) => error);
    // Refused as too large, or cut off by the server before the whole body was sent.
    expect(huge instanceof Error || (huge as { status: number }).status === 413).toBe(true);
    expect((await askOffice(pinned, 'GET /v1/health', null)).ok).toBe(true);
  });
});

describe('a desk that pinned the office server’s certificate', () => {
  it('refuses a server with another certificate, and says so; a server that is down is out of reach', async () => {
    const first = await startOfficeServer({ dataDirectory: newFolder(), host: '127.0.0.1', port: 0 });
    const impostor = await startOfficeServer({ dataDirectory: newFolder(), host: '127.0.0.1', port: 0 });
    try {
      expect(impostor.fingerprint).not.toBe(first.fingerprint);
      const pinnedToFirst = { address: impostor.url, certificate: first.certificate };
      const refused = await askOffice(pinnedToFirst, 'GET /v1/health', null).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OfficeUnreachable);
      expect((refused as OfficeUnreachable).reason).toBe('certificate_changed');
    } finally {
      await impostor.close();
      await first.close();
    }
    const down = await askOffice({ address: first.url, certificate: first.certificate }, 'GET /v1/health', null).catch((error: unknown) => error);
    expect((down as OfficeUnreachable).reason).toBe('unreachable');
  }, 120_000);

  it('is the same server after a restart: the certificate is kept', async () => {
    const folder = newFolder();
    const before = await startOfficeServer({ dataDirectory: folder, host: '127.0.0.1', port: 0 });
    await before.close();
    const after = await startOfficeServer({ dataDirectory: folder, host: '127.0.0.1', port: 0 });
    try {
      expect(after.fingerprint).toBe(before.fingerprint);
      expect((await askOffice({ address: after.url, certificate: before.certificate }, 'GET /v1/health', null)).ok).toBe(true);
    } finally {
      await after.close();
    }
  }, 120_000);
});

describe('the pairing codes an administrator asks for at the server', () => {
  it('are given to the server’s own PC only', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address), address).toBe(true);
    for (const address of ['192.168.1.20', '10.0.0.5', '::ffff:192.168.1.20', 'fe80::1', '']) expect(isLoopback(address), address).toBe(false);
  });
});

describe('the office’s key, which the server never holds', () => {
  it('is recorded once by the first desk; codes are then made on paired desks, carrying the key wrapped, never at the server', async () => {
    const server = await startOfficeServer({ dataDirectory: newFolder(), host: '127.0.0.1', port: 0 });
    try {
      const pinned = { address: server.url, certificate: server.certificate };
      const first = await askOffice(pinned, 'POST /v1/admin/pairing-codes', {});
      if (!first.ok) throw new Error(first.error.messageKey);
      const paired = await askOffice(pinned, 'POST /v1/desks/pair', { auth: await pairingAuthOf(first.value.code), deskName: 'الأول', appVersion: '0.0.0-test' });
      if (!paired.ok) throw new Error(paired.error.messageKey);
      const desk = { ...pinned, credential: paired.value.credential };
      const check = randomBytes(32).toString('base64url');
      expect(await askOffice(desk, 'POST /v1/office/key-check', { keyCheck: check })).toEqual({ ok: true, value: { keyCheck: check } });
      // A second first desk, with a key of its own, is refused.
      expect(await askOffice(desk, 'POST /v1/office/key-check', { keyCheck: randomBytes(32).toString('base64url') })).toMatchObject({
        ok: false,
        error: { messageKey: 'office.otherKey' },
      });
      // At the server, no more codes: one would pair a desk that cannot read the office's record.
      expect(await askOffice(pinned, 'POST /v1/admin/pairing-codes', {})).toMatchObject({ ok: false, error: { code: 'rule', messageKey: 'office.pairOnDesk' } });

      const wrap = JSON.stringify({ opaque: 'the office key, wrapped by the code' });
      const auth = await pairingAuthOf('WXYZ-2345-6789');
      const authHash = createHash('sha256').update(Buffer.from(auth, 'base64url')).digest('base64url');
      expect((await askOffice(desk, 'POST /v1/desks/pairing-codes', { authHash, keyWrap: wrap })).ok).toBe(true);
      expect(await askOffice(pinned, 'POST /v1/desks/pairing-codes', { authHash, keyWrap: wrap })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      const second = await askOffice(pinned, 'POST /v1/desks/pair', { auth, deskName: 'الثاني', appVersion: '0.0.0-test' });
      expect(second).toMatchObject({ ok: true, value: { keyWrap: wrap, keyCheck: check } });
      // Handed over once: the server keeps no wrap of a code that was used.
      expect(await server.database.db.selectFrom('pairing_codes').select('key_wrap').where('key_wrap', 'is not', null).execute()).toEqual([]);

      // A code made by a desk revoked since pairs nothing; the revoked desk is refused; the server's PC revokes.
      const laterAuth = await pairingAuthOf('WXYZ-2345-678A'.replace('A', 'B'));
      const laterHash = createHash('sha256').update(Buffer.from(laterAuth, 'base64url')).digest('base64url');
      expect((await askOffice(desk, 'POST /v1/desks/pairing-codes', { authHash: laterHash, keyWrap: wrap })).ok).toBe(true);
      expect(await askOffice(pinned, 'POST /v1/admin/desks/revoke', { deskId: paired.value.deskId })).toEqual({ ok: true, value: { deskId: paired.value.deskId } });
      expect(await askOffice(pinned, 'POST /v1/admin/desks/revoke', { deskId: 'f'.repeat(16) })).toMatchObject({ ok: false, error: { messageKey: 'office.deskNotFound' } });
      expect(await askOffice(pinned, 'POST /v1/desks/pair', { auth: laterAuth, deskName: 'الثالث', appVersion: '0.0.0-test' })).toMatchObject({
        ok: false,
        error: { messageKey: 'office.pairingCodeInvalid' },
      });
      expect(await askOffice(desk, 'POST /v1/operations/pull', { after: 0 })).toMatchObject({ ok: false, error: { messageKey: 'office.deskRevoked' } });
    } finally {
      await server.close();
    }
  }, 120_000);
});
