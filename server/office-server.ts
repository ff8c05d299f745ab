import { mkdirSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { officeRequestListener } from './http/routes';
import { openOfficeDatabase, type OfficeDatabase } from './storage/connect';
import { serverCertificate } from './tls/certificate';
import { version as SERVER_VERSION } from '../package.json';

export interface OfficeServerOptions {
  /** The server's folder: its certificate, and the embedded PostgreSQL's files when no `databaseUrl` is given. */
  dataDirectory: string;
  /** `postgres://…`: the office's record on a PostgreSQL server. */
  databaseUrl?: string;
  /** The address to listen on: every network of the PC by default, so that the office's desks reach it. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  clock?: () => Date;
  logError?: (error: unknown, where: string) => void;
}

export interface OfficeServer {
  /** `https://host:port`, as a desk on this PC reaches it. */
  url: string;
  port: number;
  /** The certificate's SHA-256 fingerprint, which the administrator compares on the desk that pairs. */
  fingerprint: string;
  certificate: string;
  database: OfficeDatabase;
  close(): Promise<void>;
}

/**
 * The office server: HTTPS with its own certificate, in front of the office's PostgreSQL (a server's,
 * or the embedded one in its data folder). It orders and hands out the desks' sealed operations and
 * pairs new desks; it never holds the key that opens what they wrote.
 */
export async function startOfficeServer(options: OfficeServerOptions): Promise<OfficeServer> {
  mkdirSync(options.dataDirectory, { recursive: true, mode: 0o700 });
  const tls = await serverCertificate(options.dataDirectory);
  const database = await openOfficeDatabase({ databaseUrl: options.databaseUrl, dataDirectory: options.dataDirectory });
  const now = options.clock ?? (() => new Date());
  const listener = officeRequestListener({
    db: database.db,
    engine: database.engine,
    serverVersion: SERVER_VERSION,
    startedAt: now(),
    now,
    logError: options.logError ?? ((error, where) => console.error(`[wasl-server] ${where} failed:`, error)),
  });
  const server = createServer({ cert: tls.certificate, key: tls.privateKey, minVersion: 'TLSv1.3', handshakeTimeout: 10_000 }, (request, response) => void listener(request, response));
  // A client that opens a connection and sends nothing, or sends slowly, does not hold it for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  // An office has a handful of desks: a few hundred connections at once is someone else.
  server.maxConnections = 256;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    fingerprint: tls.fingerprint,
    certificate: tls.certificate,
    database,
    // Once, however many times it is asked (a service stopping, and a test's own cleanup after it).
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await database.close();
      })()),
  };
}
