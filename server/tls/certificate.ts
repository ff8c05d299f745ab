import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** The server's certificate and key, and the fingerprint desks pin it by. */
export interface ServerCertificate {
  certificate: string;
  privateKey: string;
  /** SHA-256 of the certificate, as `AB:CD:…`: shown at the server and on the desk that pairs. */
  fingerprint: string;
}

/** A long life: the desks pin this very certificate, and a new one means pairing every desk again. */
const VALID_YEARS = 20;

/**
 * The server's own TLS certificate, made at its first start and kept in its data folder (the key
 * readable by the server's account alone). The office has no certificate authority and needs none:
 * each desk pins this certificate when it pairs, after the administrator has compared its fingerprint
 * on both screens, and refuses any other from then on.
 */
export async function serverCertificate(dataDirectory: string): Promise<ServerCertificate> {
  const folder = join(dataDirectory, 'tls');
  const certificatePath = join(folder, 'server.crt');
  const keyPath = join(folder, 'server.key');
  if (!existsSync(certificatePath) || !existsSync(keyPath)) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const notBeforeDate = new Date();
    const notAfterDate = new Date(notBeforeDate);
    notAfterDate.setUTCFullYear(notAfterDate.getUTCFullYear() + VALID_YEARS);
    const made = await generate([{ name: 'commonName', value: 'Wasl office server' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
    });
    // Written whole under temporary names, then renamed: a server stopped half-way leaves no half a pair.
    writeFileSync(`${keyPath}.tmp`, made.private, { mode: 0o600 });
    writeFileSync(`${certificatePath}.tmp`, made.cert, { mode: 0o644 });
    renameSync(`${keyPath}.tmp`, keyPath);
    renameSync(`${certificatePath}.tmp`, certificatePath);
  }
  chmodSync(keyPath, 0o600);
  const certificate = readFileSync(certificatePath, 'utf8');
  return { certificate, privateKey: readFileSync(keyPath, 'utf8'), fingerprint: new X509Certificate(certificate).fingerprint256 };
}
