import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BACKUP_KINDS, type BackupManifest } from '../../api/backups';
import { fsyncPath } from '../durable';

export const MANIFEST_FILE = 'manifest.json';

/**
 * Why the details are sealed: the folder is on a USB drive or a share that others may read, and the
 * manifest must not tell them how many people the association serves, nor when and how it backs up.
 * What stays in clear is what a restore needs before anyone has signed in: which database it is.
 */
const SEAL_PURPOSE = 'wasl-backup-manifest-v2';

const auditHeadSchema = z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) });

/** What version 2 seals (and version 1 held in clear, but for the audit head). */
const detailsSchema = z.object({
  createdAt: z.string(),
  kind: z.enum(BACKUP_KINDS),
  appVersion: z.string(),
  schemaVersion: z.number().int().min(0),
  beneficiaries: z.number().int().min(0),
  databaseBytes: z.number().int().min(0),
  databaseSha256: z.string().regex(/^[0-9a-f]{64}$/),
  auditHead: auditHeadSchema.nullable(),
});

const clearSchema = z.object({
  format: z.literal('wasl-backup'),
  version: z.union([z.literal(1), z.literal(2)]),
  databaseId: z.string().min(1),
});

const version1Schema = detailsSchema.omit({ auditHead: true }).extend({
  format: z.literal('wasl-backup'),
  version: z.literal(1),
  databaseId: z.string().min(1),
});

/** A manifest as Wasl wrote it before the details were sealed; still read, never written. */
export type ManifestVersion1 = z.infer<typeof version1Schema>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const sealedSchema = z.object({ iv: base64, ciphertext: base64, tag: base64 });

const version2Schema = z.object({
  format: z.literal('wasl-backup'),
  version: z.literal(2),
  databaseId: z.string().min(1),
  sealed: sealedSchema,
});

/**
 * A backup's manifest as far as it can be read: what it says in clear, and the whole manifest when
 * the key at hand opens the sealed part (always, for a version 1 manifest).
 */
export interface ReadManifest {
  databaseId: string;
  manifest: BackupManifest | null;
}

/**
 * Reads a backup's manifest; null when it is missing or not one of ours. `databaseKey` null (nobody
 * signed in yet) reads only what is in clear. A sealed part that does not open (another database's
 * key, or a manifest altered or moved from another backup) leaves `manifest` null.
 */
export async function readManifest(backupPath: string, backupName: string, databaseKey: Buffer | null): Promise<ReadManifest | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(backupPath, MANIFEST_FILE), 'utf8'));
  } catch {
    return null;
  }
  const clear = clearSchema.safeParse(json);
  if (!clear.success) return null;
  if (clear.data.version === 1) {
    const parsed = version1Schema.safeParse(json);
    return parsed.success ? { databaseId: parsed.data.databaseId, manifest: { ...parsed.data, auditHead: null } } : null;
  }
  const parsed = version2Schema.safeParse(json);
  if (!parsed.success) return null;
  const { databaseId, sealed } = parsed.data;
  if (databaseKey === null) return { databaseId, manifest: null };
  const details = openSealed(sealed, databaseKey, associatedData(databaseId, backupName));
  return { databaseId, manifest: details === null ? null : { format: 'wasl-backup', version: 2, databaseId, ...details } };
}

/** Writes a version 2 manifest: the database id in clear, everything else sealed under the database key. */
export async function writeManifest(backupPath: string, backupName: string, manifest: BackupManifest, databaseKey: Buffer): Promise<void> {
  const { format: _format, version: _version, databaseId, ...details } = manifest;
  const sealed = seal(JSON.stringify(details), databaseKey, associatedData(databaseId, backupName));
  const path = join(backupPath, MANIFEST_FILE);
  const text = JSON.stringify({ format: 'wasl-backup', version: 2, databaseId, sealed }, null, 2);
  await writeFile(path, `${text}\n`, { flag: 'wx' });
  fsyncPath(path);
}

/**
 * Binds the sealed part to its database and its backup: a manifest copied onto another backup (whose
 * checksum it would then vouch for), or given another database id, no longer opens.
 */
const associatedData = (databaseId: string, backupName: string): Buffer =>
  Buffer.from(`wasl-backup:2:${databaseId}:${backupName}`, 'utf8');

/** A key of its own for manifests, derived from the database key, so the database key itself never encrypts anything else. */
const sealingKey = (databaseKey: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), SEAL_PURPOSE, 32));

function seal(text: string, databaseKey: Buffer, aad: Buffer): z.infer<typeof sealedSchema> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(databaseKey), iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function openSealed(sealed: z.infer<typeof sealedSchema>, databaseKey: Buffer, aad: Buffer): z.infer<typeof detailsSchema> | null {
  let text: string;
  try {
    // A shorter tag would be accepted unless its length is fixed.
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(databaseKey), Buffer.from(sealed.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    text = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
  try {
    const parsed = detailsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
