import { z } from 'zod';
import { requiredText } from '../fields/schemas';
import { MAX_SCAN_BYTES } from '../fields/scan';
import type { Result } from '../result';
import { parseHlc } from './hlc';
import type { AuditLinksAnswer, AuditLinksRequest, OfficeVerification } from './witness';

/**
 * What a desk and the office server say to each other over HTTPS (`/v1/...`), checked on both
 * sides with these schemas. Every answer is the api's envelope (`Result`): a value, or an error with
 * a message key the desk shows in its user's language. The server reads in clear only what it needs
 * to pair desks, order operations and hand them out; an operation's payload is sealed by the desks.
 */

export const OFFICE_API_VERSION = 1;

/** The account an operation names when Wasl did it by itself at a desk (nobody signed in): signed with that desk's own key. */
export const SYSTEM_ACCOUNT_ID = '00000000-0000-7000-8000-000000000001';

/** The port `npm run server` listens on unless told otherwise. */
export const OFFICE_DEFAULT_PORT = 8443;

/**
 * The office server's address as typed by an administrator (`192.168.1.10`, `server:8443`,
 * `https://server.office.local`), as `https://host:port`; null when it is not an address.
 */
export function officeAddress(typed: string): string | null {
  const trimmed = typed.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
  return `https://${url.hostname}:${url.port || OFFICE_DEFAULT_PORT}`;
}

/** An office server's address as a field of a call: kept as `https://host:port`. */
export const officeAddressInput = z
  .string({ error: 'validation.required' })
  .max(300, { error: 'validation.tooLong' })
  .transform((typed, context) => {
    const address = officeAddress(typed);
    if (address === null) context.addIssue({ code: 'custom', message: typed.trim() === '' ? 'validation.required' : 'validation.office.address' });
    return address ?? '';
  });

/** A certificate's SHA-256 fingerprint as `AB:CD:…`, as Node and OpenSSL print it. */
export const CERTIFICATE_FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/**
 * A fingerprint as the server's console and the desk's screen both show it, to be compared by eye:
 * two lines of four groups of four bytes.
 */
export function fingerprintLines(fingerprint: string): [string, string] {
  const bytes = fingerprint.split(':');
  const groups = Array.from({ length: Math.ceil(bytes.length / 4) }, (_, index) => bytes.slice(index * 4, index * 4 + 4).join(':'));
  return [groups.slice(0, 4).join('  '), groups.slice(4).join('  ')];
}

/** The office server's answer to `GET /v1/health`, which anyone on the network may ask. */
export interface OfficeHealth {
  service: 'wasl-office';
  apiVersion: number;
  /** Which PostgreSQL keeps the office's record: a server, or the one embedded in the office server. */
  engine: 'postgresql' | 'embedded';
  /** The server's clock, so that a desk can tell its user that its own clock is off. */
  now: string;
  /** The Wasl version the server runs, shown to administrators beside their desks' versions. */
  serverVersion: string;
  /** When the server started, for administrators to see whether it restarted. */
  upSince: string;
}

// --- Pairing -------------------------------------------------------------------------------------

/** The letters of a pairing code: no 0/O, 1/I/L, so that it can be read aloud and typed without doubt. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A new pairing code, its letters drawn by `randomIndex` (a cryptographic `randomInt` where it is made). */
export function makePairingCode(randomIndex: (below: number) => number): string {
  const letters = Array.from({ length: 12 }, () => PAIRING_CODE_ALPHABET[randomIndex(PAIRING_CODE_ALPHABET.length)]).join('');
  return `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8)}`;
}

/** Three groups of four: 59 bits, too many to guess in the hours a code lives. */
const PAIRING_CODE_PATTERN = new RegExp(`^[${PAIRING_CODE_ALPHABET}]{4}-[${PAIRING_CODE_ALPHABET}]{4}-[${PAIRING_CODE_ALPHABET}]{4}$`);

/** A pairing code as typed: any case, spaces or dashes anywhere, Arabic-Indic digits; kept as `ABCD-EFGH-JKMN`. */
export const pairingCode = z
  .string({ error: 'validation.required' })
  .max(40, { error: 'validation.tooLong' })
  .transform((typed) => {
    const plain = typed
      .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
      .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
      .replace(/[\s\-_]/g, '')
      .toUpperCase();
    return plain.length === 12 ? `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}` : plain;
  })
  .refine((code) => PAIRING_CODE_PATTERN.test(code), { error: 'validation.office.pairingCode' });

/**
 * A pairing code is never sent whole: the desk sends a key derived from it (scrypt with these
 * settings, slow enough that no one reverses it to the code), and the server keeps only that key's
 * SHA-256. The code also wraps the office's key for the desk that pairs with it (a wrap the server
 * keeps but cannot open), so the server must not learn the code.
 */
export const PAIRING_AUTH = { salt: 'wasl-pairing-auth', N: 2 ** 14, r: 8, p: 1, bytes: 32 } as const;

/** 32 bytes in base64url, as a key derived from a code travels. */
const key32 = z.string({ error: 'validation.required' }).regex(/^[A-Za-z0-9_-]{43}$/, { error: 'validation.invalid' });

export const pairRequest = z.object({
  /** The key derived from the code (PAIRING_AUTH), in base64url. */
  auth: key32,
  /** What the administrators see in the desks list: the room or the officer's PC. */
  deskName: requiredText(80),
  appVersion: z.string({ error: 'validation.text' }).min(1, { error: 'validation.required' }).max(40, { error: 'validation.tooLong' }),
});
export type PairRequest = z.input<typeof pairRequest>;

/** What a desk is given when it pairs: who it is, the secret it proves it with from then on, and the office's key, wrapped. */
export interface PairAnswer {
  deskId: string;
  /** Sent as `Authorization: Bearer <credential>`; the server keeps only its hash. */
  credential: string;
  officeId: string;
  /** The office's key, wrapped by the code (by the paired desk that made the code); null for a code made at the server. */
  keyWrap: string | null;
  /** What proves a desk holds the office's key (HMAC of a fixed text under it, base64url); null until the first desk made it. */
  keyCheck: string | null;
}

/** A pairing code made on a paired desk: the hash of its derived key, and the office's key wrapped by it. */
export const deskPairingCodeRequest = z.object({
  authHash: key32,
  keyWrap: z.string({ error: 'validation.required' }).min(1).max(4096, { error: 'validation.tooLong' }),
});
export type DeskPairingCodeRequest = z.input<typeof deskPairingCodeRequest>;

/** A desk to revoke, named at the server's own PC. */
export const revokeDeskRequest = z.object({ deskId: z.string({ error: 'validation.required' }).regex(/^[0-9a-f]{16}$/, { error: 'validation.id' }) });
export type RevokeDeskRequest = z.input<typeof revokeDeskRequest>;

/** The office's key check, set once by the first desk, which made the office's key. */
export const keyCheckRequest = z.object({ keyCheck: key32 });
export type KeyCheckRequest = z.input<typeof keyCheckRequest>;

/** A new pairing code, made for an administrator at the server's own PC. */
export interface PairingCode {
  code: string;
  expiresAt: string;
}

// --- Operations ----------------------------------------------------------------------------------

/** Operations a push may carry at once: a desk back from days offline sends its outbox in batches. */
export const PUSH_MAX_OPERATIONS = 2000;
/** Operations a pull answers at most. */
export const PULL_MAX_OPERATIONS = 5000;
/** A sealed payload's largest size (a row, never a scan: attachments travel as blobs of their own). */
export const PAYLOAD_MAX_BYTES = 256 * 1024;

const uuid = z.string({ error: 'validation.required' }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: 'validation.id' });
const hlc = z.string({ error: 'validation.required' }).refine((text) => parseHlc(text) !== null, { error: 'validation.office.hlc' });
/** A table's or an action's name: a plain lowercase word, never text to interpret. */
const word = z.string({ error: 'validation.required' }).regex(/^[a-z][a-z_.]{0,39}$/, { error: 'validation.invalid' });
const base64 = z
  .string({ error: 'validation.required' })
  .max(Math.ceil(PAYLOAD_MAX_BYTES / 3) * 4, { error: 'validation.tooLong' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'validation.invalid' });

/** An Ed25519 signature (64 bytes) in base64. */
const ed25519Signature = z.string({ error: 'validation.required' }).regex(/^[A-Za-z0-9+/]{86}==$/, { error: 'validation.office.signature' });
/** An Ed25519 public key (32 raw bytes) in base64. */
const ed25519PublicKey = z.string({ error: 'validation.required' }).regex(/^[A-Za-z0-9+/]{43}=$/, { error: 'validation.office.signature' });

/** One operation as it travels: what the server reads in clear, and the sealed payload in base64. */
export const wireOperation = z.object({
  opId: uuid,
  userId: uuid,
  hlc,
  entity: word,
  rowId: z.string({ error: 'validation.required' }).min(1).max(64).regex(/^[0-9A-Za-z_.:-]+$/, { error: 'validation.id' }),
  action: word,
  baseHlc: hlc.nullable(),
  payload: base64,
  /** The author's signing key (a user's, or the desk's own for what Wasl does by itself) and its Ed25519 signature (services/sync/signature.ts). */
  keyId: uuid,
  signature: ed25519Signature,
});
export type WireOperation = z.infer<typeof wireOperation>;

export const pushRequest = z.object({
  operations: z.array(wireOperation).min(1, { error: 'validation.required' }).max(PUSH_MAX_OPERATIONS, { error: 'validation.tooLong' }),
});
export type PushRequest = z.input<typeof pushRequest>;

export interface PushAnswer {
  /** Each operation's place in the office's order, in the order sent (again for one sent twice). */
  placed: Array<{ opId: string; serverSeq: number }>;
  /** The operations the office did not take, each with why (the rest of the push is taken). */
  refused: Array<{ opId: string; reason: OperationRefusal }>;
}

/**
 * Why the office refuses an operation: its signature does not hold under the key it names, the key
 * is not its author's (or not the sending desk's), the author is not an account of the office or is
 * disabled, or the author's role may not make it.
 */
export type OperationRefusal = 'signature' | 'unknown_key' | 'unknown_account' | 'disabled_account' | 'not_allowed';

export const pullRequest = z.object({
  /** The last place the desk has applied: it is given what comes after. */
  after: z.number({ error: 'validation.outOfRange' }).int().min(0),
  limit: z.number({ error: 'validation.outOfRange' }).int().min(1).max(PULL_MAX_OPERATIONS).default(PULL_MAX_OPERATIONS),
});
export type PullRequest = z.input<typeof pullRequest>;

/**
 * An operation as the office holds it: by whom, and where it stands in the office's order. Those the
 * office took before it checked signatures carry none (see OfficeAccounts.unsignedUpTo).
 */
export interface OfficeWireOperation extends Omit<WireOperation, 'keyId' | 'signature'> {
  keyId: string | null;
  signature: string | null;
  serverSeq: number;
  deskId: string;
  /** The office's chain at this operation (see serverChainText), which the desk recomputes over what it pulls. */
  chainHash: string;
}

export interface PullAnswer {
  operations: OfficeWireOperation[];
  /**
   * The office's last place when the pull began. The desk's cursor moves only to the last operation
   * it was given; while that is before `last`, there is more to pull.
   */
  last: number;
}

// --- Numbers people see ---------------------------------------------------------------------------

/**
 * A series of numbers people see, per kind and year: file numbers (`file_number:2026`), requests
 * (`requests:2026`), complaints, notes and suggestions (`complaints.note:2026`), outgoing letters
 * (`letters.outgoing:1448`) and the receipts of program fees (`receipts:1448`). The server hands
 * each desk blocks of them, so that two desks never give the same number, even offline.
 */
export const NUMBER_SERIES = /^(file_number|requests|complaints\.(complaint|note|suggestion)|letters\.outgoing|receipts):[0-9]{4}$/;
/** The most numbers of one series a desk may take at once. */
export const NUMBER_BLOCK_MAX = 100;

const seriesName = z.string({ error: 'validation.required' }).max(40, { error: 'validation.tooLong' }).regex(NUMBER_SERIES, { error: 'validation.office.series' });

export const reserveNumbersRequest = z.object({
  series: z
    .array(
      z.object({
        name: seriesName,
        count: z.number({ error: 'validation.outOfRange' }).int({ error: 'validation.outOfRange' }).min(1, { error: 'validation.outOfRange' }).max(NUMBER_BLOCK_MAX, { error: 'validation.outOfRange' }),
      }),
    )
    .min(1, { error: 'validation.required' })
    .max(20, { error: 'validation.tooLong' }),
});
export type ReserveNumbersRequest = z.input<typeof reserveNumbersRequest>;

/** The blocks handed out, one per series asked for, in the order asked: every number from `first` to `last` is the desk's. */
export interface ReservedNumbers {
  blocks: Array<{ name: string; first: number; last: number }>;
}

/** A desk's counters at pairing: the highest number it gave in each series while it worked alone. */
export const numbersFloorRequest = z.object({
  counters: z
    .array(z.object({ name: seriesName, value: z.number({ error: 'validation.outOfRange' }).int({ error: 'validation.outOfRange' }).min(0, { error: 'validation.outOfRange' }).max(1_000_000_000, { error: 'validation.outOfRange' }) }))
    .max(1000, { error: 'validation.tooLong' }),
});
export type NumbersFloorRequest = z.input<typeof numbersFloorRequest>;

/** Each series named, with the next number the office will hand out of it. */
export interface NumbersFloor {
  series: Array<{ name: string; next: number }>;
}

// --- Attachments ---------------------------------------------------------------------------------

/**
 * A scan's bytes as the office server keeps them: sealed by the desk that filed it (seal.ts, sealBlob:
 * a version byte, a 12-byte nonce and a 16-byte tag before the ciphertext), at most a scan's size
 * and the seal's, named by the attachment's id. Rows of the record never carry them (PAYLOAD_MAX_BYTES).
 */
export const SEALED_BLOB_MAX_BYTES = MAX_SCAN_BYTES + 1 + 12 + 16;
/** The same in base64, as a blob travels: four characters for every three bytes. */
export const SEALED_BLOB_MAX_BASE64 = Math.ceil(SEALED_BLOB_MAX_BYTES / 3) * 4;

const blobId = uuid;

export const putBlobRequest = z.object({
  id: blobId,
  sealed: z
    .string({ error: 'validation.required' })
    .min(1, { error: 'validation.required' })
    .max(SEALED_BLOB_MAX_BASE64, { error: 'validation.tooLong' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'validation.invalid' }),
});
export type PutBlobRequest = z.input<typeof putBlobRequest>;

export const blobRequest = z.object({ id: blobId });
export type BlobRequest = z.input<typeof blobRequest>;

// --- Snapshots -----------------------------------------------------------------------------------

/**
 * The office's record as an up-to-date desk held it at one place in the office's order, for a new
 * desk to start from (services/sync/snapshot.ts): sealed chunks, each at most this size, and a sealed
 * manifest naming them by their hashes. The server reads only the place and how many chunks.
 */
export const SNAPSHOT_CHUNK_MAX_BYTES = 8 * 1024 * 1024;
export const SNAPSHOT_CHUNKS_MAX = 4096;
export const SNAPSHOT_MANIFEST_MAX_BYTES = 1024 * 1024;

const sealedBase64 = (maxBytes: number) =>
  z
    .string({ error: 'validation.required' })
    .min(1, { error: 'validation.required' })
    .max(Math.ceil(maxBytes / 3) * 4, { error: 'validation.tooLong' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'validation.invalid' });

const snapshotChunk = z.number({ error: 'validation.outOfRange' }).int().min(0).max(SNAPSHOT_CHUNKS_MAX - 1);

export const beginSnapshotRequest = z.object({
  snapshotId: uuid,
  serverSeq: z.number({ error: 'validation.outOfRange' }).int().min(1),
  chunkCount: z.number({ error: 'validation.outOfRange' }).int().min(1).max(SNAPSHOT_CHUNKS_MAX),
});
export type BeginSnapshotRequest = z.input<typeof beginSnapshotRequest>;

export const putSnapshotChunkRequest = z.object({ snapshotId: uuid, chunk: snapshotChunk, sealed: sealedBase64(SNAPSHOT_CHUNK_MAX_BYTES) });
export type PutSnapshotChunkRequest = z.input<typeof putSnapshotChunkRequest>;

export const completeSnapshotRequest = z.object({ snapshotId: uuid, manifest: sealedBase64(SNAPSHOT_MANIFEST_MAX_BYTES) });
export type CompleteSnapshotRequest = z.input<typeof completeSnapshotRequest>;

export const snapshotChunkRequest = z.object({ snapshotId: uuid, chunk: snapshotChunk });
export type SnapshotChunkRequest = z.input<typeof snapshotChunkRequest>;

/** The office's latest complete snapshot, if any, and its last place now. */
export interface LatestSnapshot {
  snapshot: {
    snapshotId: string;
    serverSeq: number;
    chunkCount: number;
    /** Sealed, base64. */
    manifest: string;
    /** The office's chain at the snapshot's place, as the server holds it (the manifest says it too). */
    chainHash: string;
  } | null;
  last: number;
}

// --- The office's desks --------------------------------------------------------------------------

const deskId = z.string({ error: 'validation.required' }).regex(/^[0-9a-f]{16}$/, { error: 'validation.id' });

/** What a desk says of itself at each round, for the administrators' desks list. */
export const deskReportRequest = z.object({
  appVersion: z.string({ error: 'validation.text' }).min(1, { error: 'validation.required' }).max(40, { error: 'validation.tooLong' }),
  /** Changes made at the desk not yet taken by the office server. */
  pending: z.number({ error: 'validation.outOfRange' }).int({ error: 'validation.outOfRange' }).min(0, { error: 'validation.outOfRange' }).max(1_000_000_000, { error: 'validation.outOfRange' }),
  /** When the desk's last round went through; null before its first. */
  lastSyncedAt: z.iso.datetime({ error: 'validation.invalid' }).nullable(),
});
export type DeskReportRequest = z.input<typeof deskReportRequest>;

/** A desk of the office as administrators see it: never its secret. */
export interface OfficeDesk {
  deskId: string;
  name: string;
  pairedAt: string;
  /** When the desk last reached the server (written at most once a minute); null before its first call. */
  lastSeenAt: string | null;
  appVersion: string;
  /** What the desk said at its last round; null before its first report. */
  pending: number | null;
  lastSyncedAt: string | null;
  revokedAt: string | null;
}

export interface OfficeDesks {
  desks: OfficeDesk[];
  /** The operations the office holds. */
  operations: number;
}

/**
 * A desk revoked from another desk (a stolen PC): the server requires the user who asks to be named,
 * and that user to be an active administrator of the office.
 */
export const revokeOtherDeskRequest = z.object({
  deskId,
  askedBy: uuid,
  /** When the administrator asked, and their signature over it (api/sync/signed.ts): a revocation is never sent again later. */
  at: z.iso.datetime({ error: 'validation.invalid' }),
  keyId: uuid,
  signature: ed25519Signature,
});
export type RevokeOtherDeskRequest = z.input<typeof revokeOtherDeskRequest>;

// --- Accounts ------------------------------------------------------------------------------------

/**
 * The office's accounts are the server's: each account's role and whether it is active, and the
 * signing keys of accounts and desks. The server reads no name or password: an account is its id.
 */
const officeRole = z.enum(['officer', 'supervisor', 'administrator'], { error: 'validation.invalid' });

/** An account's role and state as an administrator set them, with when. */
export const officeAccount = z.object({ userId: uuid, role: officeRole, active: z.boolean({ error: 'validation.invalid' }), changedAt: z.iso.datetime({ error: 'validation.invalid' }) });
export type OfficeAccount = z.infer<typeof officeAccount>;

/** A change of an account, signed by an active administrator's key. */
export const putAccountRequest = z.object({ account: officeAccount, signerKeyId: uuid, signature: ed25519Signature });
export type PutAccountRequest = z.input<typeof putAccountRequest>;

/**
 * The accounts a desk held before it was paired, sent once by each desk: the office takes those it
 * does not know yet (the first desk's are the office's first accounts); an account it knows stays
 * as the office holds it.
 */
export const joinAccountsRequest = z.object({ accounts: z.array(officeAccount).max(10_000, { error: 'validation.tooLong' }) });
export type JoinAccountsRequest = z.input<typeof joinAccountsRequest>;

/**
 * A new signing key of an account. Unvouched, only its first, from the desk that brought the account
 * to the office; every other must be vouched for by a key of the same account or of an active administrator.
 */
export const putSigningKeyRequest = z.object({
  userId: uuid,
  keyId: uuid,
  publicKey: ed25519PublicKey,
  vouch: z.object({ keyId: uuid, signature: ed25519Signature }).nullable(),
});
export type PutSigningKeyRequest = z.input<typeof putSigningKeyRequest>;

/** The desk's own signing key, for what Wasl does by itself at that desk: taken once per desk. */
export const deskSigningKeyRequest = z.object({ keyId: uuid, publicKey: ed25519PublicKey });
export type DeskSigningKeyRequest = z.input<typeof deskSigningKeyRequest>;

/** A signing key the office knows: an account's (`userId`) or a desk's (`deskId`). */
export interface OfficeSigningKey {
  keyId: string;
  userId: string | null;
  deskId: string | null;
  publicKey: string;
}

export interface OfficeAccounts {
  accounts: OfficeAccount[];
  keys: OfficeSigningKey[];
  /** The last operation the office took before it checked signatures (0 for an office that always did): those carry none. */
  unsignedUpTo: number;
}

/** The office server's routes, each with what it is given and what it answers. */
export interface OfficeRoutes {
  'GET /v1/health': { input: null; output: OfficeHealth };
  'POST /v1/desks/pair': { input: PairRequest; output: PairAnswer };
  'POST /v1/operations/push': { input: PushRequest; output: PushAnswer };
  'POST /v1/operations/pull': { input: PullRequest; output: PullAnswer };
  'POST /v1/admin/pairing-codes': { input: Record<string, never>; output: PairingCode };
  'POST /v1/desks/pairing-codes': { input: DeskPairingCodeRequest; output: { expiresAt: string } };
  'POST /v1/office/key-check': { input: KeyCheckRequest; output: { keyCheck: string } };
  'POST /v1/admin/desks/revoke': { input: RevokeDeskRequest; output: { deskId: string } };
  'POST /v1/numbers/reserve': { input: ReserveNumbersRequest; output: ReservedNumbers };
  'POST /v1/numbers/floor': { input: NumbersFloorRequest; output: NumbersFloor };
  'POST /v1/blobs/put': { input: PutBlobRequest; output: { id: string } };
  'POST /v1/blobs/get': { input: BlobRequest; output: { sealed: string } };
  'POST /v1/blobs/forget': { input: BlobRequest; output: { id: string } };
  'POST /v1/snapshots/latest': { input: Record<string, never>; output: LatestSnapshot };
  'POST /v1/snapshots/begin': { input: BeginSnapshotRequest; output: { snapshotId: string } };
  'POST /v1/snapshots/chunks/put': { input: PutSnapshotChunkRequest; output: { chunk: number } };
  'POST /v1/snapshots/chunks/get': { input: SnapshotChunkRequest; output: { sealed: string } };
  'POST /v1/snapshots/complete': { input: CompleteSnapshotRequest; output: { snapshotId: string } };
  'POST /v1/audit/links': { input: AuditLinksRequest; output: AuditLinksAnswer };
  'POST /v1/admin/verify': { input: Record<string, never>; output: OfficeVerification };
  /** Answers the office's desks, so that the desk keeps when each last synced (the report's "data up to"). */
  'POST /v1/desks/report': { input: DeskReportRequest; output: OfficeDesks };
  'POST /v1/desks/list': { input: Record<string, never>; output: OfficeDesks };
  'POST /v1/desks/revoke': { input: RevokeOtherDeskRequest; output: { deskId: string } };
  'POST /v1/desks/signing-key': { input: DeskSigningKeyRequest; output: { keyId: string } };
  'POST /v1/accounts/join': { input: JoinAccountsRequest; output: OfficeAccounts };
  'POST /v1/accounts/put': { input: PutAccountRequest; output: OfficeAccounts };
  'POST /v1/accounts/keys/put': { input: PutSigningKeyRequest; output: OfficeAccounts };
  'POST /v1/accounts/list': { input: Record<string, never>; output: OfficeAccounts };
}
export type OfficeRoute = keyof OfficeRoutes;
export type OfficeAnswer<Route extends OfficeRoute> = Result<OfficeRoutes[Route]['output']>;
