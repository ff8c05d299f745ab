import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import type { Result } from '../../api/result';
import type { OfficeAnswer, OfficeRoute, OfficeRoutes } from '../../api/sync/office';

/**
 * The desk's side of the conversation with the office server. Every request goes over TLS to a
 * server whose certificate this desk pinned when it paired: the certificate itself is the only one
 * trusted, and its fingerprint must match; no certificate authority, no host name, can stand in for
 * it. Only the first contact, before pairing, reads the server's certificate without trusting it, so
 * that its fingerprint can be compared with the one the server shows.
 */

/** A request that gets no answer in this time counts as the office being out of reach. */
const REQUEST_TIMEOUT_MS = 30_000;
/** However it trickles, a request is given up after this long (a push of a few megabytes takes seconds on a slow link). */
const REQUEST_DEADLINE_MS = 180_000;
/** The largest answer a desk reads: a pull page is cut by the server well below it. */
const ANSWER_MAX_BYTES = 64 * 1024 * 1024;

export interface OfficeConnection {
  /** `https://host:port`. */
  address: string;
  /** The server's certificate (PEM), pinned at pairing. */
  certificate: string;
  /** The desk's secret, once paired. */
  credential?: string;
}

/** OpenSSL's words for a certificate that is not the pinned one (another self-made one, or one signed by someone else). */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/** The office could not be asked: no network, the server stopped, or a server that is not the one pinned. */
export class OfficeUnreachable extends Error {
  constructor(
    readonly reason: 'unreachable' | 'certificate_changed',
    cause?: unknown,
  ) {
    super(reason === 'certificate_changed' ? "the office server's certificate is not the one this desk pinned" : 'the office server cannot be reached', { cause });
    this.name = 'OfficeUnreachable';
  }
}

/** SHA-256 of a certificate, as `AB:CD:…`. */
export const fingerprintOf = (certificate: string): string => new X509Certificate(certificate).fingerprint256;

/**
 * The certificate the server at `address` presents, read without trusting it: for the administrator
 * to compare its fingerprint with the one the server shows, before the desk pins it.
 */
export function readOfficeCertificate(address: string): Promise<{ certificate: string; fingerprint: string }> {
  const url = new URL(address);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false, servername: undefined, timeout: REQUEST_TIMEOUT_MS });
    socket.once('secureConnect', () => {
      const peer: PeerCertificate = socket.getPeerCertificate();
      socket.destroy();
      if (!peer.raw) return reject(new OfficeUnreachable('unreachable'));
      const certificate = `-----BEGIN CERTIFICATE-----\n${peer.raw.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
      resolve({ certificate, fingerprint: fingerprintOf(certificate) });
    });
    socket.once('timeout', () => socket.destroy(new Error('timed out')));
    socket.once('error', (error) => reject(new OfficeUnreachable('unreachable', error)));
  });
}

/** Asks the office server: its answer (a value or a refusal), or `OfficeUnreachable`. */
export function askOffice<Route extends OfficeRoute>(
  connection: OfficeConnection,
  route: Route,
  input: OfficeRoutes[Route]['input'],
): Promise<OfficeAnswer<Route>> {
  const [method, path] = route.split(' ') as [string, string];
  const url = new URL(path, connection.address);
  const pinned = fingerprintOf(connection.certificate);
  const body = method === 'GET' ? null : JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      {
        method,
        host: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        ca: [connection.certificate],
        // The pinned certificate is the trust anchor; the name the desk reached it by does not matter.
        checkServerIdentity: (_host, certificate) =>
          certificate.fingerprint256 === pinned ? undefined : new OfficeUnreachable('certificate_changed'),
        headers: {
          accept: 'application/json',
          ...(body === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...(connection.credential ? { authorization: `Bearer ${connection.credential}` } : {}),
        },
        timeout: REQUEST_TIMEOUT_MS,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > ANSWER_MAX_BYTES) outgoing.destroy(new Error('answer too large'));
          else chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(deadline);
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<OfficeRoutes[Route]['output']>);
          } catch (error) {
            reject(new OfficeUnreachable('unreachable', error));
          }
        });
        response.on('error', (error) => reject(new OfficeUnreachable('unreachable', error)));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    const deadline = setTimeout(() => outgoing.destroy(new Error('timed out')), REQUEST_DEADLINE_MS);
    deadline.unref();
    outgoing.on('error', (error) => {
      clearTimeout(deadline);
      const code = (error as { code?: unknown }).code;
      const changed = error instanceof OfficeUnreachable || (typeof code === 'string' && UNTRUSTED_CERTIFICATE.has(code));
      reject(changed ? new OfficeUnreachable('certificate_changed', error) : new OfficeUnreachable('unreachable', error));
    });
    outgoing.end(body ?? undefined);
  });
}
