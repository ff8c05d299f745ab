import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { MAX_SCAN_BYTES, type ScanFile, type ScanMediaType } from '../../api/fields/scan';
import { stamp, type CallContext } from '../context';
import { AppError } from '../errors';
import { newId } from '../ids';

/** What a file is, from its first bytes: a renamed .exe is not a PDF. */
export function sniffMediaType(bytes: Buffer): ScanMediaType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

const refuse = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

/**
 * Keeps a scan in the database, inside the caller's transaction, after checking its size and that its
 * bytes are a PDF, PNG or JPEG. `path` names the field in a refusal.
 */
export async function storeScan(trx: Kysely<DatabaseSchema>, file: ScanFile, context: CallContext, path = 'scan'): Promise<string> {
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length === 0) throw refuse(path, 'validation.scan.empty');
  if (content.length > MAX_SCAN_BYTES) throw refuse(path, 'validation.scan.tooLarge');
  const mediaType = sniffMediaType(content);
  if (mediaType === null) throw refuse(path, 'validation.scan.type');
  const id = newId();
  await trx
    .insertInto('attachments')
    .values({
      id,
      file_name: file.fileName,
      media_type: mediaType,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
      ...stamp(context),
    })
    .execute();
  return id;
}
