import { createHash } from 'node:crypto';
import { serverChainText } from '../../electron/api/sync/witness';

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * The office's chain at one operation: what it follows, its place, its id and its sealed payload,
 * hashed together (the text is the contract's, so that every desk recomputes the same).
 */
export function chainHashOf(previous: string, serverSeq: number, opId: string, payload: Uint8Array): string {
  return sha256(serverChainText(previous, serverSeq, opId, sha256(payload)));
}
