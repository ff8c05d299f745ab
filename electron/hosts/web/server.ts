import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import type { Result } from '../../api/result';
import { contentTypeOf, securityHeaders } from '../../security/response-headers';
import type { Dispatch } from '../../services/dispatch';

export interface WebHostOptions {
  dispatch: Dispatch;
  /** The built renderer (index.html and its assets). */
  rendererDirectory: string;
  /** 0 picks a free port. */
  port: number;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** How long an address to open the app stays usable; a minute unless told. */
  openLinkLifetimeMs?: number;
  /** Milliseconds since the epoch; tests pass their own. */
  now?: () => number;
}

export interface WebHost {
  /** An address that opens the app once, within the link lifetime: for a person's browser. */
  url: string;
  /** The long-lived secret for scripts (`Authorization: Bearer …`). Never given to a browser. */
  token: string;
  port: number;
  origin: string;
  /** Another address that opens the app once (for the browser the host starts itself). */
  newOpenLink(): string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** Room for one letter's scan (10 MB, sent as base64 inside JSON), and no more. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Where a browser trades a one-time code for its session cookie. */
export const OPEN_PATH = '/open';
export const DEFAULT_OPEN_LINK_LIFETIME_MS = 60_000;

/**
 * Serves the api and the built renderer to a browser on this machine only: it binds the loopback
 * address, answers only requests addressed to it by that address (no DNS rebinding), and requires on
 * every api call either the per-launch secret token (scripts) or the session cookie a browser got
 * for a one-time code (the page).
 *
 * The token never reaches a browser: a browser's command line is readable by every user of the
 * machine (`ps`) and its profile keeps its history. The browser gets an address with a code that
 * works once and only for a minute, and is answered with an HttpOnly cookie the page's scripts
 * cannot read. The cookie alone proves little: every page on 127.0.0.1, whatever its port, is the
 * same site and gets it too, so a call carried by the cookie must also come from our own origin.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const linkLifetime = options.openLinkLifetimeMs ?? DEFAULT_OPEN_LINK_LIFETIME_MS;
  const now = options.now ?? Date.now;
  let port = options.port;
  // Kept as hashes: a lookup then reveals nothing, by its timing, about a secret.
  const openCodes = new Map<string, number>();
  const sessions = new Set<string>();

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
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    const path = url.pathname;
    if (path === OPEN_PATH) {
      handleOpen(request, response, url.searchParams.get('code'));
      return;
    }
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
    const byToken = hasToken(request.headers.authorization, token);
    const bySession = !byToken && sessions.has(digest(sessionCookieIn(request.headers.cookie, port) ?? ''));
    if (!byToken && !bySession) {
      request.resume();
      sendJson(response, 401, { ok: false, error: { code: 'unauthorized', messageKey: 'unauthorized' } });
      return;
    }
    const sameOrigin = bySession ? isOwnPageRequest(request.headers, port) : isOwnOriginIfAny(request.headers.origin, port);
    if (!sameOrigin) {
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

  /**
   * `GET /open?code=…`: a live code is spent at once and answered with the session cookie and a
   * redirect to the app, so the address left in the browser's history opens nothing. A spent,
   * expired or unknown code gets one page that says so, in Arabic and English.
   */
  function handleOpen(request: IncomingMessage, response: ServerResponse, code: string | null): void {
    // A script holding the token may ask for another address, for a browser of its choosing.
    if (request.method === 'POST') {
      request.resume();
      if (!hasToken(request.headers.authorization, token) || !isOwnOriginIfAny(request.headers.origin, port)) {
        sendJson(response, 401, { ok: false, error: { code: 'unauthorized', messageKey: 'unauthorized' } });
      } else {
        sendJson(response, 200, { ok: true, value: { url: newOpenLink() } });
      }
      return;
    }
    // Only a navigation spends a code: a HEAD (a link preview) must not.
    if (request.method !== 'GET') {
      response.writeHead(405, { Allow: 'GET, POST' }).end();
      return;
    }
    const key = digest(code ?? '');
    const expiresAt = openCodes.get(key);
    openCodes.delete(key);
    if (code === null || expiresAt === undefined || now() > expiresAt) {
      const page = Buffer.from(OPEN_LINK_SPENT_PAGE);
      response.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length, 'Cache-Control': 'no-store' });
      response.end(page);
      return;
    }
    const session = randomBytes(32).toString('base64url');
    sessions.add(digest(session));
    response.writeHead(303, {
      Location: '/',
      'Set-Cookie': sessionCookie(port, session),
      'Cache-Control': 'no-store',
    });
    response.end();
  }

  function newOpenLink(): string {
    for (const [key, expiresAt] of openCodes) if (now() > expiresAt) openCodes.delete(key);
    const code = randomBytes(32).toString('base64url');
    openCodes.set(digest(code), now() + linkLifetime);
    return `http://${LOOPBACK}:${port}${OPEN_PATH}?code=${code}`;
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
    url: newOpenLink(),
    token,
    port,
    origin: `http://${LOOPBACK}:${port}`,
    newOpenLink,
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

/**
 * A call made with the session cookie must come from the app's own page: a page on another port of
 * 127.0.0.1 is the same site and its requests carry the cookie too, so the Origin (always sent
 * with a POST) must be ours exactly, and the browser must not call it cross-site.
 */
export function isOwnPageRequest(headers: IncomingMessage['headers'], port: number): boolean {
  const fetchSite = headers['sec-fetch-site'];
  return headers.origin === `http://${LOOPBACK}:${port}` && (fetchSite === undefined || fetchSite === 'same-origin');
}

/** A script may send no Origin; when one is sent, it is ours. */
function isOwnOriginIfAny(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://${LOOPBACK}:${port}` || origin === `http://localhost:${port}`;
}

/**
 * The cookie's name carries the port: cookies are shared by every port of a host, and two web
 * hosts on one machine would otherwise overwrite each other's session.
 */
export const sessionCookieName = (port: number): string => `wasl_session_${port}`;

/** HttpOnly (no script reads it), SameSite=Strict, for this host only (no Domain), for the whole app. */
export function sessionCookie(port: number, session: string): string {
  return `${sessionCookieName(port)}=${session}; HttpOnly; SameSite=Strict; Path=/`;
}

export function sessionCookieIn(cookieHeader: string | undefined, port: number): string | null {
  const name = sessionCookieName(port);
  for (const pair of (cookieHeader ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return null;
}

const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** The answer to a spent, expired or unknown code: what happened and what to do, in both languages. */
const OPEN_LINK_SPENT_PAGE = `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>وصل — Wasl</title>
<style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.6; } section + section { margin-block-start: 2rem; }</style>
</head>
<body>
<section>
<h1>هذا الرابط استُخدم من قبل أو انتهت مدته</h1>
<p>رابط فتح وصل يصلح مرة واحدة، خلال دقيقة من إنشائه، حفاظًا على سرية البيانات. أغلق هذه النافذة وشغّل وصل من جديد ليفتح نافذة جديدة، أو اطلب رابطًا جديدًا ممن شغّله.</p>
</section>
<section lang="en" dir="ltr">
<h1>This address was already used or has expired</h1>
<p>An address that opens Wasl works once, within a minute of being made, to keep the data private. Close this window and start Wasl again to open a new one, or ask whoever started it for a new address.</p>
</section>
</body>
</html>
`;

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
