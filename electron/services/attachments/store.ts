import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { MAX_SCAN_BYTES, type ScanFile, type ScanMediaType } from '../../api/fields/scan';
import { stamp, type CallContext } from '../context';
import { AppError } from '../errors';
import { newId } from '../ids';
import { inspectScanInWorker } from './inspect-in-worker';

const refuse = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

const PROBLEM_MESSAGES = {
  type: 'validation.scan.type',
  damaged: 'validation.scan.damaged',
  dimensions: 'validation.scan.dimensions',
  passes: 'validation.scan.passes',
  tooComplex: 'validation.scan.tooComplex',
} as const;

/** A scan that passed its check: the name it had (a label, cleaned by the contract), what it is, its bytes. */
export interface CheckedScan {
  fileName: string;
  mediaType: ScanMediaType;
  bytes: Buffer;
}

/**
 * Checks a scan's size and that its bytes read as a PDF, PNG or JPEG, in a thread of its own bounded
 * in time and memory (inspect-in-worker.ts). Called before the transaction that keeps it opens: a
 * check may take seconds, and the desk's other calls must not wait on the database meanwhile.
 * `path` names the field in a refusal.
 */
export async function checkScan(file: ScanFile, path = 'scan'): Promise<CheckedScan> {
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length === 0) throw refuse(path, 'validation.scan.empty');
  if (content.length > MAX_SCAN_BYTES) throw refuse(path, 'validation.scan.tooLarge');
  const inspection = await inspectScanInWorker(content);
  if (!inspection.ok) throw refuse(path, PROBLEM_MESSAGES[inspection.problem]);
  return { fileName: file.fileName, mediaType: inspection.mediaType, bytes: inspection.bytes };
}

/**
 * Keeps a checked scan in the database, inside the caller's transaction. The file is saved later
 * under a name Wasl gives it; the name it had is kept only as a label.
 */
export async function storeScan(trx: Kysely<DatabaseSchema>, scan: CheckedScan, context: CallContext): Promise<string> {
  const id = newId();
  await trx
    .insertInto('attachments')
    .values({
      id,
      file_name: scan.fileName,
      media_type: scan.mediaType,
      size: scan.bytes.length,
      sha256: createHash('sha256').update(scan.bytes).digest('hex'),
      content: scan.bytes,
      ...stamp(context),
    })
    .execute();
  return id;
}
