import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ApiError, Result } from '../../electron/api/result';
import { HLC_MAX_DRIFT_MS, parseHlc } from '../../electron/api/sync/hlc';
import {
  blobRequest,
  deskPairingCodeRequest,
  deskSigningKeyRequest,
  joinAccountsRequest,
  putAccountRequest,
  putSigningKeyRequest,
  deskReportRequest,
  keyCheckRequest,
  numbersFloorRequest,
  OFFICE_API_VERSION,
  pairRequest,
  pullRequest,
  pushRequest,
  putBlobRequest,
  reserveNumbersRequest,
  revokeDeskRequest,
  revokeOtherDeskRequest,
  SEALED_BLOB_MAX_BASE64,
  SNAPSHOT_CHUNK_MAX_BYTES,
  beginSnapshotRequest,
  completeSnapshotRequest,
  putSnapshotChunkRequest,
  snapshotChunkRequest,
  type OfficeRoute,
  type OfficeRoutes,
  type OfficeWireOperation,
} from '../../electron/api/sync/office';
import { authenticateDesk, createPairingCode, listDesks, pairDesk, recordDeskReport, registerDeskPairingCode, revokeDesk, revokeOtherDesk, setKeyCheck } from '../desks/desks';
import { raiseNumbersFloor, reserveNumbers } from '../numbers/blocks';
import { auditLinksRequest } from '../../electron/api/sync/witness';
import { verifyOfficeRecord, witnessAuditLinks } from '../audit/witness';
import { forgetBlob, getBlob, putBlob } from '../blobs/blobs';
import { beginSnapshot, completeSnapshot, latestSnapshot, putSnapshotChunk, snapshotChunk } from '../snapshots/snapshots';
import { checkOperations, joinAccounts, revocationIsAnAdministrators, listAccounts, putAccount, putDeskSigningKey, putSigningKey } from '../accounts/accounts';
import type { ServerSchema } from '../storage/schema';
import { lastServerSeq, pullOperations, pushOperations } from '../sync/operations';
import { OfficeRefusal } from './refusal';

type Db = Kysely<ServerSchema>;

/** What the routes are given: the office's database and clock, and where faults are reported. */
export interface OfficeContext {
  db: Db;
  engine: 'postgresql' | 'embedded';
  /** The Wasl version the server runs, and when it started: the administrators' view of its health. */
  serverVersion: string;
  startedAt: Date;
  now(): Date;
  logError(error: unknown, where: string): void;
}

/** The largest body a request may carry: a push of 500 operations with their payloads fits well within it. */
const BODY_MAX_BYTES = 16 * 1024 * 1024;

interface Request {
  body: unknown;
  /** The paired desk that sent it, for the routes only desks may use (checked before the body is read). */
  deskId: string;
}

type Handler<Route extends OfficeRoute> = (context: OfficeContext, request: Request) => Promise<OfficeRoutes[Route]['output']>;

/**
 * Who may use a route, checked from the request's headers and address before its body is read:
 * anyone (its body small), a paired desk, or the server's own PC.
 */
type Caller = 'anyone' | 'desk' | 'thisPc';

/** A body anyone may send is small: a pairing request. Desks send pushes of a few megabytes. */
const ANYONE_BODY_MAX_BYTES = 4 * 1024;

/**
 * Desks' routes whose bodies have a size of their own: a blob sent is one sealed scan of the largest
 * size a desk accepts, in base64, with room for its id; asking for a blob, or forgetting one, names it only.
 */
const DESK_BODY_MAX_BYTES: Partial<Record<OfficeRoute, number>> = {
  'POST /v1/blobs/put': SEALED_BLOB_MAX_BASE64 + 1024,
  'POST /v1/blobs/get': 4 * 1024,
  'POST /v1/blobs/forget': 4 * 1024,
  // A snapshot's chunk, sealed, in base64: the largest chunk a desk makes, with room for its names.
  'POST /v1/snapshots/chunks/put': Math.ceil(SNAPSHOT_CHUNK_MAX_BYTES / 3) * 4 + 1024,
  'POST /v1/snapshots/chunks/get': 4 * 1024,
  'POST /v1/snapshots/begin': 4 * 1024,
  'POST /v1/snapshots/latest': 4 * 1024,
};

const CALLERS: { [Route in OfficeRoute]: Caller } = {
  'GET /v1/health': 'anyone',
  'POST /v1/desks/pair': 'anyone',
  'POST /v1/operations/push': 'desk',
  'POST /v1/operations/pull': 'desk',
  'POST /v1/desks/pairing-codes': 'desk',
  'POST /v1/office/key-check': 'desk',
  'POST /v1/admin/pairing-codes': 'thisPc',
  'POST /v1/admin/desks/revoke': 'thisPc',
  'POST /v1/numbers/reserve': 'desk',
  'POST /v1/numbers/floor': 'desk',
  'POST /v1/audit/links': 'desk',
  'POST /v1/admin/verify': 'thisPc',
  'POST /v1/blobs/put': 'desk',
  'POST /v1/blobs/get': 'desk',
  'POST /v1/blobs/forget': 'desk',
  'POST /v1/snapshots/latest': 'desk',
  'POST /v1/snapshots/begin': 'desk',
  'POST /v1/snapshots/chunks/put': 'desk',
  'POST /v1/snapshots/chunks/get': 'desk',
  'POST /v1/snapshots/complete': 'desk',
  'POST /v1/desks/report': 'desk',
  'POST /v1/desks/list': 'desk',
  'POST /v1/desks/revoke': 'desk',
  'POST /v1/desks/signing-key': 'desk',
  'POST /v1/accounts/join': 'desk',
  'POST /v1/accounts/put': 'desk',
  'POST /v1/accounts/keys/put': 'desk',
  'POST /v1/accounts/list': 'desk',
};

/** A pull page's payloads at most: a page of large letters or articles stays a few megabytes. */
const PULL_PAGE_BYTES = 8 * 1024 * 1024;

const ROUTES: { [Route in OfficeRoute]: Handler<Route> } = {
  'GET /v1/health': async (context) => ({
    service: 'wasl-office',
    apiVersion: OFFICE_API_VERSION,
    engine: context.engine,
    now: context.now().toISOString(),
    serverVersion: context.serverVersion,
    upSince: context.startedAt.toISOString(),
  }),

  'POST /v1/desks/pair': async (context, request) => {
    const input = validated(pairRequest, request.body);
    return pairDesk(context.db, input, context.now());
  },

  'POST /v1/operations/push': async (context, request) => {
    const { deskId } = request;
    const { operations } = validated(pushRequest, request.body);
    const now = context.now().getTime();
    operations.forEach((operation, index) => {
      const time = parseHlc(operation.hlc)!;
      // A desk stamps its own operations: one stamped with another desk's id is not its to send.
      if (time.desk !== deskId) throw fieldRefusal(`operations.${index}.hlc`, 'validation.office.otherDesk');
      // A desk whose clock runs ahead would order its writes after everyone's to come: it is told to correct it.
      if (time.millis > now + HLC_MAX_DRIFT_MS) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.clockAhead', details: { serverTime: new Date(now).toISOString() } });
    });
    // Each new operation is taken only signed by its author, an active account whose role may make it (accounts/accounts.ts).
    return pushOperations(
      context.db,
      operations.map((operation) => ({ ...operation, deskId, payload: Buffer.from(operation.payload, 'base64') })),
      (trx, fresh) => checkOperations(trx, deskId, fresh),
    );
  },

  'POST /v1/operations/pull': async (context, request) => {
    const { after, limit } = validated(pullRequest, request.body);
    // Read first: every operation up to it is committed (numbers are given under a lock, in commit order).
    const last = await lastServerSeq(context.db);
    // A desk that has applied more than the office holds: the office's record was restored from an
    // older copy. Handing it what comes after its cursor would skip what was numbered again.
    if (after > last) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.recordBehindDesk', details: { last } });
    const operations = await pullOperations(context.db, after, limit);
    const page: OfficeWireOperation[] = [];
    let bytes = 0;
    for (const operation of operations) {
      if (page.length > 0 && bytes + operation.payload.byteLength > PULL_PAGE_BYTES) break;
      page.push({ ...operation, payload: Buffer.from(operation.payload).toString('base64') });
      bytes += operation.payload.byteLength;
    }
    return { operations: page, last };
  },

  'POST /v1/desks/pairing-codes': async (context, request) =>
    registerDeskPairingCode(context.db, request.deskId, validated(deskPairingCodeRequest, request.body), context.now()),

  'POST /v1/office/key-check': async (context, request) => setKeyCheck(context.db, validated(keyCheckRequest, request.body).keyCheck),

  // At the server's own PC only: `npm run server -- pairing-code`, for the office's first desk.
  'POST /v1/admin/pairing-codes': async (context) => createPairingCode(context.db, context.now()),

  // At the server's own PC only: `npm run server -- revoke <desk>`, for a lost or stolen PC.
  'POST /v1/admin/desks/revoke': async (context, request) => {
    const { deskId } = validated(revokeDeskRequest, request.body);
    if (!(await revokeDesk(context.db, deskId, context.now()))) throw new OfficeRefusal(404, { code: 'not_found', messageKey: 'office.deskNotFound' });
    return { deskId };
  },

  'POST /v1/numbers/reserve': async (context, request) => {
    const { series } = validated(reserveNumbersRequest, request.body);
    return { blocks: await reserveNumbers(context.db, request.deskId, series, context.now()) };
  },

  // At pairing: what the desk numbered alone is never handed out again.
  'POST /v1/numbers/floor': async (context, request) => {
    const { counters } = validated(numbersFloorRequest, request.body);
    return { series: await raiseNumbersFloor(context.db, counters) };
  },

  // The links of the desk's audit chain (never the entries' content), checked against those held.
  'POST /v1/audit/links': async (context, request) => {
    const input = validated(auditLinksRequest, request.body);
    // The log's last entry is named as its head: links beyond it are not the log's.
    if (input.links.length > 0 && input.links.at(-1)!.seq > input.head) throw fieldRefusal('head', 'validation.outOfRange');
    return witnessAuditLinks(context.db, request.deskId, input, context.now());
  },

  // At the server's own PC only: `npm run server -- verify`, the office's chain and each desk's links recomputed.
  'POST /v1/admin/verify': async (context) => verifyOfficeRecord(context.db),

  // A scan, sealed by the desk that filed it: kept once, whoever sends it again.
  'POST /v1/blobs/put': async (context, request) => {
    const { id, sealed } = validated(putBlobRequest, request.body);
    await putBlob(context.db, { id, sealed: Buffer.from(sealed, 'base64'), deskId: request.deskId }, context.now());
    return { id };
  },

  'POST /v1/blobs/get': async (context, request) => {
    const { id } = validated(blobRequest, request.body);
    const sealed = await getBlob(context.db, id);
    if (sealed === null) throw new OfficeRefusal(404, { code: 'not_found', messageKey: 'office.blobMissing' });
    return { sealed: sealed.toString('base64') };
  },

  // A new desk's start: the office's record as an up-to-date desk sealed it (server/snapshots/snapshots.ts).
  'POST /v1/snapshots/latest': async (context) => latestSnapshot(context.db),

  'POST /v1/snapshots/begin': async (context, request) => {
    const input = validated(beginSnapshotRequest, request.body);
    await beginSnapshot(context.db, request.deskId, input, context.now());
    return { snapshotId: input.snapshotId };
  },

  'POST /v1/snapshots/chunks/put': async (context, request) => {
    const { snapshotId, chunk, sealed } = validated(putSnapshotChunkRequest, request.body);
    await putSnapshotChunk(context.db, request.deskId, { snapshotId, chunk, sealed: Buffer.from(sealed, 'base64') });
    return { chunk };
  },

  'POST /v1/snapshots/chunks/get': async (context, request) => {
    const sealed = await snapshotChunk(context.db, validated(snapshotChunkRequest, request.body));
    if (sealed === null) throw new OfficeRefusal(404, { code: 'not_found', messageKey: 'office.snapshotMissing' });
    return { sealed: sealed.toString('base64') };
  },

  'POST /v1/snapshots/complete': async (context, request) => {
    const { snapshotId, manifest } = validated(completeSnapshotRequest, request.body);
    await completeSnapshot(context.db, request.deskId, { snapshotId, manifest: Buffer.from(manifest, 'base64') }, context.now());
    return { snapshotId };
  },

  // An erased person's scan leaves the server.
  'POST /v1/blobs/forget': async (context, request) => {
    const { id } = validated(blobRequest, request.body);
    await forgetBlob(context.db, id, request.deskId, context.now());
    return { id };
  },

  // At each round: what the desk says of itself, answered with every desk, for the report's "data up to".
  'POST /v1/desks/report': async (context, request) => {
    await recordDeskReport(context.db, request.deskId, validated(deskReportRequest, request.body));
    return listDesks(context.db);
  },

  // The administrators' desks list, on any paired desk.
  'POST /v1/desks/list': async (context) => listDesks(context.db),

  // A lost or stolen PC, revoked from another desk by an administrator of the office there.
  'POST /v1/desks/revoke': async (context, request) => {
    const input = validated(revokeOtherDeskRequest, request.body);
    if (input.deskId === request.deskId) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.revokeSelf' });
    if (!(await revocationIsAnAdministrators(context.db, input, context.now()))) throw new OfficeRefusal(403, { code: 'forbidden', messageKey: 'office.notAdministrator' });
    return revokeOtherDesk(context.db, request.deskId, input, context.now());
  },

  // What Wasl does by itself at a desk is signed with the desk's own key, given here once.
  'POST /v1/desks/signing-key': async (context, request) => putDeskSigningKey(context.db, request.deskId, validated(deskSigningKeyRequest, request.body), context.now()),

  // Once per desk: the accounts it held before it was paired.
  'POST /v1/accounts/join': async (context, request) => joinAccounts(context.db, request.deskId, validated(joinAccountsRequest, request.body).accounts, context.now()),

  // An account made or changed by an administrator, signed by them.
  'POST /v1/accounts/put': async (context, request) => putAccount(context.db, request.deskId, validated(putAccountRequest, request.body), context.now()),

  'POST /v1/accounts/keys/put': async (context, request) => putSigningKey(context.db, request.deskId, validated(putSigningKeyRequest, request.body), context.now()),

  'POST /v1/accounts/list': async (context) => listAccounts(context.db),
};

function validated<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), messageKey: issue.message.startsWith('validation.') ? issue.message : 'validation.invalid' }));
  throw new OfficeRefusal(400, { code: 'validation', messageKey: 'validation.failed', details: { fields } });
}

const fieldRefusal = (path: string, messageKey: string) =>
  new OfficeRefusal(400, { code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path, messageKey }] } });

/**
 * The server's one way in: the route found, the body read (within its limit) and parsed, the
 * handler run, and its value or refusal answered as the api's envelope with a fitting status. A
 * fault is logged and answered as `internal`, without details.
 */
export function officeRequestListener(context: OfficeContext) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = (status: number, result: Result<unknown>) => {
      const body = JSON.stringify(result);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    };
    const refuse = (status: number, error: ApiError) => answer(status, { ok: false, error });
    try {
      const route = `${request.method ?? ''} ${(request.url ?? '').split('?')[0]}`;
      if (!(route in ROUTES)) return refuse(404, { code: 'unknown_call', messageKey: 'office.unknownRoute' });
      const caller = CALLERS[route as OfficeRoute];
      let deskId = '';
      if (caller === 'desk') deskId = (await authenticateDesk(context.db, request.headers.authorization, context.now())).deskId;
      if (caller === 'thisPc' && !isLoopback(request.socket.remoteAddress ?? '')) {
        throw new OfficeRefusal(403, { code: 'forbidden', messageKey: 'office.onlyAtServer' });
      }
      const bodyMaxBytes = caller === 'anyone' ? ANYONE_BODY_MAX_BYTES : (DESK_BODY_MAX_BYTES[route as OfficeRoute] ?? BODY_MAX_BYTES);
      const body = request.method === 'GET' ? null : await jsonBody(request, bodyMaxBytes);
      const handler = ROUTES[route as OfficeRoute] as Handler<OfficeRoute>;
      const value = await handler(context, { body, deskId });
      answer(200, { ok: true, value });
    } catch (error) {
      if (error instanceof OfficeRefusal) return refuse(error.status, error.error);
      context.logError(error, `${request.method} ${request.url}`);
      refuse(500, { code: 'internal', messageKey: 'internal' });
    }
  };
}

export const isLoopback = (address: string) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/** The request's JSON body, read up to `maxBytes`; refused beyond it or when it is not JSON. */
async function jsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new OfficeRefusal(400, { code: 'validation', messageKey: 'office.notJson' });
  }
}

const tooLarge = () => new OfficeRefusal(413, { code: 'validation', messageKey: 'office.tooLarge' });
