import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { MAX_SCAN_BYTES, type ScanFile } from '../../api/fields/scan';
import { stamp, type CallContext } from '../context';
import { AppError } from '../errors';
import { newId } from '../ids';
import { inspectScan } from './inspect';

const refuse = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

const PROBLEM_MESSAGES = {
  type: 'validation.scan.type',
  damaged: 'validation.scan.damaged',
  dimensions: 'validation.scan.dimensions',
} as const;

/**
 * Keeps a scan in the database, inside the caller's transaction, after checking its size and that its
 * bytes read as a PDF, PNG or JPEG. The name it had is kept only as a label (already cleaned by the
 * contract): the file is saved later under a name Wasl gives it. `path` names the field in a refusal.
 */
export async function storeScan(trx: Kysely<DatabaseSchema>, file: ScanFile, context: CallContext, path = 'scan'): Promise<string> {
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length === 0) throw refuse(path, 'validation.scan.empty');
  if (content.length > MAX_SCAN_BYTES) throw refuse(path, 'validation.scan.tooLarge');
  const inspection = await inspectScan(content);
  if (!inspection.ok) throw refuse(path, PROBLEM_MESSAGES[inspection.problem]);
  const id = newId();
  await trx
    .insertInto('attachments')
    .values({
      id,
      file_name: file.fileName,
      media_type: inspection.mediaType,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
      ...stamp(context),
    })
    .execute();
  return id;
}
