import { z } from 'zod';

/**
 * The office server as the witness of every desk's audit log, and of its own record. A desk sends
 * the links of its hash chain (each entry's place, the hash it follows and its own hash: never what
 * the entry says), and the server checks that they go on from the links it already holds; a desk
 * whose history was cut or rewritten since is flagged, and every desk is told. The server keeps a
 * chain of its own over the operations in its order, which every desk recomputes over what it pulls.
 */

/** The hash the first link of a chain follows (a desk's first audit entry, the office's first operation). */
export const CHAIN_GENESIS = '0'.repeat(64);

/** Links a desk sends at once; a desk with a long log sends it in several requests. */
export const AUDIT_LINKS_MAX = 2000;

const sha256Hex = z.string({ error: 'validation.required' }).regex(/^[0-9a-f]{64}$/, { error: 'validation.invalid' });
const entrySeq = z.number({ error: 'validation.outOfRange' }).int({ error: 'validation.outOfRange' }).min(1, { error: 'validation.outOfRange' }).max(Number.MAX_SAFE_INTEGER, { error: 'validation.outOfRange' });

/** One link of a desk's audit chain: the entry's place, the hash of the entry before it, and its own hash. */
export const auditLink = z.strictObject({ seq: entrySeq, prevHash: sha256Hex, hash: sha256Hex });
export type AuditLink = z.infer<typeof auditLink>;

export const auditLinksRequest = z.strictObject({
  /** The last entry of the desk's log now: a log that ends before what the server holds was cut. */
  head: z.number({ error: 'validation.outOfRange' }).int({ error: 'validation.outOfRange' }).min(0, { error: 'validation.outOfRange' }).max(Number.MAX_SAFE_INTEGER, { error: 'validation.outOfRange' }),
  /** The links made since the last the server acknowledged, in order (none when nothing is new). */
  links: z.array(auditLink).max(AUDIT_LINKS_MAX, { error: 'validation.tooLong' }),
});
export type AuditLinksRequest = z.input<typeof auditLinksRequest>;

/** Why a desk's history no longer holds against what the server witnessed. */
export const CHAIN_BREAKS = ['rewritten', 'skipped', 'shortened'] as const;
export type ChainBreak = (typeof CHAIN_BREAKS)[number];

/** A desk whose history was cut or rewritten: which, when the server found it, and how. */
export interface FlaggedDesk {
  deskId: string;
  deskName: string;
  brokenAt: string;
  reason: ChainBreak;
  /** The first entry of the desk's log that no longer holds. */
  seq: number;
}

export interface AuditLinksAnswer {
  /** The last entry of this desk's log the server holds (the desk sends from the one after). */
  heldThrough: number;
  /** Every desk of the office whose history was found cut or rewritten, this one included. */
  flaggedDesks: FlaggedDesk[];
}

/**
 * What the office's chain hashes for one operation (SHA-256 of this text, in hexadecimal): the
 * previous operation's chain hash, this one's place and id, and the SHA-256 of its sealed payload.
 * A change, removal or reordering of any operation changes every chain hash after it.
 */
export const serverChainText = (previous: string, serverSeq: number, opId: string, payloadSha256: string): string =>
  `${previous}\n${serverSeq}\n${opId}\n${payloadSha256}`;

/** What `npm run server -- verify` finds: the office's chain, and each desk's links, holding or not. */
export interface OfficeVerification {
  operations: { count: number; holds: boolean; firstBroken: number | null };
  desks: Array<{ deskId: string; deskName: string; links: number; holds: boolean; firstBroken: number | null; flagged: FlaggedDesk | null }>;
}
