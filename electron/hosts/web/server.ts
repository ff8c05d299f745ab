import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import type { Result } from '../../api/result';
import { contentTypeOf, securityHeaders } from '../../security/response-headers';
import type { Dispatch } from '../dispatch';

export interface WebHostOptions {
  dispatch: Dispatch;
  /** The built renderer (index.html and its assets). */
  rendererDirectory: string;
  /** 0 picks a free port. */
  port: number;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** Room for one letter's scan (10 MB, sent as base64 inside JSON), and no more. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;


/**
 * Serves the api and the built renderer to a browser on this machine only: it binds the loopback
 * address, answers only requests addressed to it by that address (no DNS rebinding), and requires the
 * per-launch secret token on every api call.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let port = options.port;

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[wasl] web host request failed:', error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'internal', messageKey: 'internal' } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response);
    if (!isAddressedToUs(request.headers.host, port)) {
      response.writeHead(421).end();
      return;
    }
    const path = new URL(request.url ?? '/', `http://${LOOPBACK}`).pathname;
    if (path.startsWith('/api/')) {
      // A call name that does not even decode is answered like any unknown call.
      await handleApi(request, response, safeDecode(path.slice('/api/'.length)) ?? '');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    await serveFile(response, path, request.method === 'HEAD');
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, callName: string): Promise<void> {
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    if (!hasToken(request.headers.authorization, token)) {
      request.resume();
      sendJson(response, 401, { ok: false, error: { code: 'unauthorized', messageKey: 'unauthorized' } });
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${LOOPBACK}:${port}` && origin !== `http://localhost:${port}`) {
      request.resume();
      sendJson(response, 403, { ok: false, error: { code: 'unauthorized', messageKey: 'unauthorized' } });
      return;
    }
    const body = await readBody(request, maxBody);
    if (body === null) {
      response.setHeader('Connection', 'close');
      sendJson(response, 413, { ok: false, error: { code: 'validation', messageKey: 'validation.tooLarge' } });
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(response, 400, { ok: false, error: { code: 'validation', messageKey: 'validation.invalid' } });
      return;
    }
    const result = await options.dispatch(callName, input);
    sendJson(response, result.ok ? 200 : statusOf(result), result);
  }

  async function serveFile(response: ServerResponse, urlPath: string, headOnly: boolean): Promise<void> {
    const decoded = safeDecode(urlPath);
    const relative = urlPath === '/' ? 'index.html' : (decoded ?? '').replace(/^\/+/, '');
    const root = normalize(options.rendererDirectory + sep);
    const file = normalize(join(root, relative));
    if (decoded === null || !file.startsWith(root) || relative.includes('\0')) {
      response.writeHead(404).end();
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    const body = await readFile(file);
    response.writeHead(200, {
      'Content-Type': contentTypeOf(file),
      'Content-Length': body.length,
      'Cache-Control': relative === 'index.html' ? 'no-store' : 'max-age=31536000, immutable',
    });
    response.end(headOnly ? undefined : body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function setSecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders())) response.setHeader(name, value);
}

/** Only requests whose Host names this loopback port: a page on another site cannot reach us through DNS rebinding. */
export function isAddressedToUs(host: string | undefined, port: number): boolean {
  return host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
}

export function hasToken(authorization: string | undefined, token: string): boolean {
  if (!authorization?.startsWith('Bearer ')) return false;
  const given = Buffer.from(authorization.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function statusOf(result: Extract<Result<unknown>, { ok: false }>): number {
  switch (result.error.code) {
    case 'unknown_call':
    case 'not_found':
      return 404;
    case 'internal':
      return 500;
    default:
      // A refusal is an answer like any other; the envelope says what went wrong.
      return 200;
  }
}

/**
 * The request body, or null when it is larger than `limit`. The rest of an oversized body is drained,
 * not torn down, so that the 413 answer reaches the caller.
 */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      request.resume();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}
