// The loopback web host: the api and the built renderer for a browser on this machine only. Real
// HTTP over a real socket, in front of the real dispatcher and an encrypted database.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Preferences } from '../../electron/api/app';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { DEFAULT_MAX_BODY_BYTES, startWebHost, type WebHost } from '../../electron/hosts/web/server';
import { contentSecurityPolicy } from '../../electron/security/content-security-policy';
import { expectOk, openTestWasl, snapshotDatabase, tempDir, validFields, type TestWasl } from '../support/database';

const INDEX_HTML = '<!doctype html><html lang="ar" dir="rtl"><head><script type="module" src="/assets/app.js"></script></head><body>وصل</body></html>';
const APP_JS = 'console.log("wasl");';

let app: TestWasl;
let host: WebHost;
let rendererDirectory: string;

beforeAll(async () => {
  app = await openTestWasl();
  // The renderer folder sits inside the test's temporary folder, next to files it must never serve.
  rendererDirectory = join(app.dir, 'renderer');
  mkdirSync(join(rendererDirectory, 'assets'), { recursive: true });
  writeFileSync(join(rendererDirectory, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDirectory, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(rendererDirectory, 'assets', 'app.css'), 'body { margin: 0 }');
  writeFileSync(join(rendererDirectory, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(rendererDirectory, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(rendererDirectory, 'assets', 'data.bin'), Buffer.from([1, 2, 3]));
  writeFileSync(join(app.dir, 'secret'), 'TOP SECRET');
  mkdirSync(join(app.dir, 'renderer-private'));
  writeFileSync(join(app.dir, 'renderer-private', 'x'), 'TOP SECRET');
  host = await startWebHost({ dispatch: app.dispatch, rendererDirectory, port: 0 });
});

afterAll(async () => {
  await host?.close();
  await app.cleanup();
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request with exactly the path and headers given (no URL normalization, any Host header),
 * as a browser, a script or an attacker could send it.
 */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; port?: number }): Promise<RawResponse> {
  const port = options.port ?? host.port;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // A request the host never answers fails the test in 5 s instead of hanging it, and frees its socket.
    const timer = setTimeout(() => {
      reject(new Error(`no answer to ${options.method ?? 'GET'} ${options.path} within 5 s`));
      req.destroy();
    }, 5000);
    req.on('close', () => clearTimeout(timer));
    req.end(options.body);
  });
}

const bearer = () => ({ Authorization: `Bearer ${host.token}` });

/** An api call as the renderer makes it: POST, JSON body, the token. */
function callApi(name: string, input: unknown, headers: Record<string, string> = bearer()): Promise<RawResponse> {
  return send({ method: 'POST', path: `/api/${name}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });
}

const json = (response: RawResponse) => JSON.parse(response.body) as unknown;

const UNAUTHORIZED = { ok: false, error: { code: 'unauthorized', messageKey: 'unauthorized' } };

async function currentLanguage(): Promise<string> {
  return expectOk<Preferences>(await app.dispatch('preferences.get', {})).language;
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('where the web host listens', () => {
  it('gives out an address of the form http://127.0.0.1:PORT/open?code=…, which does not carry the token', () => {
    const match = /^http:\/\/127\.0\.0\.1:(\d+)\/open\?code=([A-Za-z0-9_-]{43})$/.exec(host.url);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBe(host.port);
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).not.toContain(host.token);
    expect(host.newOpenLink()).not.toContain(host.token);
    // 32 random bytes in base64url.
    expect(host.token).toHaveLength(43);
  });

  it('accepts connections on 127.0.0.1 only', async () => {
    expect(await accepts('127.0.0.1', host.port)).toBe(true);
    // Linux routes all of 127/8 to the loopback device: a socket bound to 0.0.0.0 or 127/8 would accept these.
    expect(await accepts('127.0.0.2', host.port)).toBe(false);
    const otherAddresses = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info !== undefined && info.address !== '127.0.0.1')
      .map((info) => info!.address);
    for (const address of otherAddresses) expect(await accepts(address, host.port), address).toBe(false);
  });

  it('makes a new token for every launch', async () => {
    const other = await startWebHost({ dispatch: app.dispatch, rendererDirectory, port: 0 });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.port).not.toBe(host.port);
      const response = await callApi('preferences.get', {}, { ...bearer(), Host: `127.0.0.1:${other.port}` });
      expect(response.status).toBe(421);
    } finally {
      await other.close();
    }
  });
});

describe('api calls', () => {
  beforeEach(async () => {
    expectOk(await app.dispatch('preferences.setLanguage', { language: 'ar' }));
  });

  it('answers the result envelope to a call with the token', async () => {
    const response = await callApi('preferences.get', {});
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(json(response)).toEqual({ ok: true, value: { language: 'ar' } });
  });

  it('runs a call end to end: register over HTTP, then read it back', async () => {
    const registered = json(await callApi('beneficiaries.register', { fields: validFields({ firstName: 'مهند' }) })) as {
      ok: true;
      value: BeneficiaryDetail;
    };
    expect(registered.ok).toBe(true);
    const read = json(await callApi('beneficiaries.get', { id: registered.value.id }));
    expect(read).toEqual({ ok: true, value: registered.value });
  });

  it('takes an empty body as an empty input', async () => {
    const response = await send({ method: 'POST', path: '/api/app.info', headers: bearer() });
    expect(response.status).toBe(200);
    expect(json(response)).toMatchObject({ ok: true, value: { version: '0.0.0-test' } });
  });

  it('answers refusals as 200 with the envelope, not_found and unknown_call as 404', async () => {
    const invalid = await callApi('preferences.setLanguage', { language: 'fr' });
    expect(invalid.status).toBe(200);
    expect(json(invalid)).toMatchObject({ ok: false, error: { code: 'validation' } });

    const missing = await callApi('beneficiaries.get', { id: '01900000-0000-7000-8000-000000000000' });
    expect(missing.status).toBe(404);
    expect(json(missing)).toEqual({ ok: false, error: { code: 'not_found', messageKey: 'notFound.beneficiary' } });

    const unknown = await callApi('beneficiaries.drop', {});
    expect(unknown.status).toBe(404);
    expect(json(unknown)).toEqual({ ok: false, error: { code: 'unknown_call', messageKey: 'unknownCall' } });
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer not-the-token' }],
    ['a wrong token of the right length', { Authorization: `Bearer ${'A'.repeat(43)}` }],
    ['the token with something appended', { Authorization: `Bearer \${token}x` }],
    ['the token without "Bearer"', { Authorization: '${token}' }],
    ['the token in another scheme', { Authorization: 'Basic ${token}' }],
    ['the token in lower case', { Authorization: 'Bearer ${lower}' }],
    ['the token in a cookie', { Cookie: 'token=${token}' }],
  ])('refuses a call with %s as 401 unauthorized, and it has no effect', async (_what, template: Record<string, string>) => {
    const headers = Object.fromEntries(
      Object.entries(template).map(([name, value]) => [
        name,
        value.replace('${token}', host.token).replace('${lower}', host.token.toLowerCase()),
      ]),
    );
    const before = snapshotDatabase(app.databasePath, app.key);
    const response = await callApi('preferences.setLanguage', { language: 'en' }, headers);
    expect(response.status).toBe(401);
    expect(json(response)).toEqual(UNAUTHORIZED);
    expect(await currentLanguage()).toBe('ar');
    expect(snapshotDatabase(app.databasePath, app.key)).toEqual(before);
  });

  it('refuses a token passed in the query string', async () => {
    const response = await send({ method: 'POST', path: `/api/preferences.setLanguage?token=${host.token}`, body: '{"language":"en"}' });
    expect(response.status).toBe(401);
    expect(await currentLanguage()).toBe('ar');
  });

  it.each([
    'http://evil.example',
    'https://127.0.0.1:${port}',
    'http://127.0.0.1:${otherPort}',
    'http://127.0.0.1',
    'http://localhost',
    'null',
    'http://127.0.0.1:${port}.evil.example',
  ])('refuses a call from the foreign origin %s, and it has no effect', async (template) => {
    const origin = template.replace('${port}', String(host.port)).replace('${otherPort}', String(host.port + 1));
    const response = await callApi('preferences.setLanguage', { language: 'en' }, { ...bearer(), Origin: origin });
    expect(response.status).toBe(403);
    expect(json(response)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await currentLanguage()).toBe('ar');
  });

  it('accepts calls from its own origin, by address or as localhost', async () => {
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const response = await callApi('preferences.get', {}, { ...bearer(), Origin: origin });
      expect(response.status, origin).toBe(200);
    }
    const asLocalhost = await callApi('preferences.get', {}, { ...bearer(), Host: `localhost:${host.port}` });
    expect(asLocalhost.status).toBe(200);
  });

  it.each([
    'evil.example',
    'evil.example:${port}',
    '127.0.0.1',
    '127.0.0.1:1',
    'localhost',
    '[::1]:${port}',
    '0.0.0.0:${port}',
    '127.0.0.1:${port}.evil.example',
    '127.0.0.2:${port}',
  ])('answers 421 to a request whose Host is %s (DNS rebinding), api or page', async (template) => {
    const hostHeader = template.replace('${port}', String(host.port));
    const api = await callApi('preferences.setLanguage', { language: 'en' }, { ...bearer(), Host: hostHeader });
    expect(api.status).toBe(421);
    expect(api.body).toBe('');
    expect(await currentLanguage()).toBe('ar');
    const page = await send({ path: '/', headers: { Host: hostHeader } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain('وصل');
  });

  it('answers 405 to an api call that is not a POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await send({ method, path: '/api/preferences.get', headers: bearer() });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe('POST');
    }
  });

  it('answers 413 to a body over the limit, and it has no effect', async () => {
    const small = await startWebHost({ dispatch: app.dispatch, rendererDirectory, port: 0, maxBodyBytes: 64 });
    try {
      const body = JSON.stringify({ language: 'en', padding: 'x'.repeat(100) });
      const response = await send({ method: 'POST', port: small.port, path: '/api/preferences.setLanguage', headers: { Authorization: `Bearer ${small.token}` }, body });
      expect(response.status).toBe(413);
      expect(json(response)).toEqual({ ok: false, error: { code: 'validation', messageKey: 'validation.tooLarge' } });
      expect(await currentLanguage()).toBe('ar');

      const fits = await send({ method: 'POST', port: small.port, path: '/api/preferences.setLanguage', headers: { Authorization: `Bearer ${small.token}` }, body: '{"language":"en"}' });
      expect(fits.status).toBe(200);
      expect(await currentLanguage()).toBe('en');
    } finally {
      await small.close();
    }
  });

  it('answers 413 to a body over the default limit (room for one scan)', async () => {
    const body = JSON.stringify({ language: 'en', padding: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) });
    const response = await send({ method: 'POST', path: '/api/preferences.setLanguage', headers: bearer(), body });
    expect(response.status).toBe(413);
    expect(await currentLanguage()).toBe('ar');
  });

  it('delivers the 413 answer (no reset, no hang) to bodies several MiB over the limit, call after call', async () => {
    for (const mebibytes of [17, 20, 24, 17, 20]) {
      const body = Buffer.alloc(mebibytes * 1024 * 1024, 0x61);
      const response = await send({ method: 'POST', path: '/api/preferences.setLanguage', headers: bearer(), body });
      expect(response.status, `${mebibytes} MiB`).toBe(413);
      expect(json(response)).toEqual({ ok: false, error: { code: 'validation', messageKey: 'validation.tooLarge' } });
    }
    // The host still answers afterwards.
    expect((await callApi('preferences.get', {})).status).toBe(200);
  });

  it('answers 400 validation to a body that is not JSON', async () => {
    for (const body of ['{', 'language=en', '{"language": "en",}', '\u0000']) {
      const response = await send({ method: 'POST', path: '/api/preferences.setLanguage', headers: bearer(), body });
      expect(response.status, body).toBe(400);
      expect(json(response)).toEqual({ ok: false, error: { code: 'validation', messageKey: 'validation.invalid' } });
    }
    expect(await currentLanguage()).toBe('ar');
  });

  it('answers JSON that is not an object with a validation refusal', async () => {
    for (const body of ['null', '[]', '"en"', '42', 'true']) {
      const response = await send({ method: 'POST', path: '/api/preferences.setLanguage', headers: bearer(), body });
      expect(response.status, body).toBe(200);
      expect(json(response), body).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
  });

  it('answers a malformed percent-encoded call name as an unknown call, not as a server error', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await send({ method: 'POST', path: '/api/%E0%A4%A', headers: bearer(), body: '{}' });
      expect(response.status).toBe(404);
      expect(json(response)).toEqual({ ok: false, error: { code: 'unknown_call', messageKey: 'unknownCall' } });
    } finally {
      errors.mockRestore();
    }
  });
});

describe('static files', () => {
  it('serves index.html at / with the security headers and no caching', async () => {
    const response = await send({ path: '/' });
    expect(response.status).toBe(200);
    expect(response.body).toBe(INDEX_HTML);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serves the page to a URL with a query or the token fragment stripped by the browser', async () => {
    expect((await send({ path: '/?lang=en' })).body).toBe(INDEX_HTML);
    expect((await send({ path: '/index.html' })).body).toBe(INDEX_HTML);
  });

  it('serves assets with their content type, nosniff and long caching', async () => {
    const cases: Array<[string, string]> = [
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/assets/font.woff2', 'font/woff2'],
      ['/assets/logo.svg', 'image/svg+xml'],
      ['/assets/data.bin', 'application/octet-stream'],
    ];
    for (const [path, type] of cases) {
      const response = await send({ path });
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type'], path).toBe(type);
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(response.headers['content-security-policy'], path).toBe(contentSecurityPolicy());
      expect(response.headers['cache-control'], path).toBe('max-age=31536000, immutable');
    }
    expect((await send({ path: '/assets/app.js' })).body).toBe(APP_JS);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await send({ method: 'HEAD', path: '/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(APP_JS)));
    expect(response.body).toBe('');
  });

  it('answers 405 to a POST outside the api', async () => {
    const response = await send({ method: 'POST', path: '/', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    '/../package.json',
    '/../secret',
    '/%2e%2e/secret',
    '/%2E%2E/secret',
    '/assets/../../secret',
    '/assets/%2e%2e/%2e%2e/secret',
    '/%2e%2e%2fsecret',
    '/..%2fsecret',
    '/assets/..%2f..%2fsecret',
    '/..%5csecret',
    '/../renderer-private/x',
    '/%2e%2e/renderer-private/x',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/index.html%00.js',
    '/assets/app.js%00',
  ])('answers 404 to the traversal attempt %s', async (path) => {
    const response = await send({ path });
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('SECRET');
    expect(response.body).not.toContain('root:');
  });

  it('answers 404 to unknown paths and to folders', async () => {
    for (const path of ['/nothing-here', '/assets/missing.js', '/assets', '/assets/', '/favicon.ico']) {
      const response = await send({ path });
      expect(response.status, path).toBe(404);
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('answers 404, not a server error, to a malformed percent-encoded path', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js']) {
        expect((await send({ path })).status, path).toBe(404);
      }
    } finally {
      errors.mockRestore();
    }
  });
});

describe('opening the app in a browser: a one-time code for an HttpOnly cookie', () => {
  const pathOf = (link: string) => {
    const url = new URL(link);
    return `${url.pathname}${url.search}`;
  };
  /** The `name=value` part of the cookie an answer sets. */
  const cookieSetBy = (response: RawResponse) => String(response.headers['set-cookie']?.[0] ?? '').split(';', 1)[0]!;
  const ownOrigin = () => ({ Origin: `http://127.0.0.1:${host.port}` });

  /** Opens a fresh link as the browser does, and answers the cookie it got. */
  async function openInBrowser(): Promise<string> {
    const response = await send({ path: pathOf(host.newOpenLink()) });
    expect(response.status).toBe(303);
    return cookieSetBy(response);
  }

  beforeEach(async () => {
    expectOk(await app.dispatch('preferences.setLanguage', { language: 'ar' }));
  });

  it('trades a live code for the session cookie (HttpOnly, SameSite=Strict, Path=/, no Domain) and sends the browser to the app', async () => {
    const response = await send({ path: pathOf(host.newOpenLink()) });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    expect(response.headers['cache-control']).toBe('no-store');
    const cookies = response.headers['set-cookie'] ?? [];
    expect(cookies).toHaveLength(1);
    const attributes = cookies[0]!.split(';').map((part) => part.trim());
    expect(attributes[0]).toMatch(new RegExp(`^wasl_session_${host.port}=[A-Za-z0-9_-]{43}$`));
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    // The session is not the token: the browser never holds the token.
    expect(cookies[0]).not.toContain(host.token);

    const call = await callApi('preferences.setLanguage', { language: 'en' }, { Cookie: cookieSetBy(response), ...ownOrigin(), 'Sec-Fetch-Site': 'same-origin' });
    expect(call.status).toBe(200);
    expect(await currentLanguage()).toBe('en');
  });

  it('answers a code used a second time (read from `ps` or the history) with a page in Arabic and English, no cookie, and not the app', async () => {
    const link = host.newOpenLink();
    expect((await send({ path: pathOf(link) })).status).toBe(303);
    const again = await send({ path: pathOf(link) });
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(again.body).toContain('استُخدم من قبل أو انتهت مدته');
    // In the officer's words: what the browser opened is a link (رابط), not an "address".
    expect(again.body).toContain('<h1>هذا الرابط استُخدم من قبل أو انتهت مدته</h1>');
    expect(again.body).toContain('already used or has expired');
    expect(again.body).not.toContain(INDEX_HTML);
    expect(again.body).not.toContain('app.js');
  });

  it('answers an expired code (after a minute) with the same page, and the code stays dead', async () => {
    let now = Date.parse('2026-11-22T09:00:00Z');
    const timed = await startWebHost({ dispatch: app.dispatch, rendererDirectory, port: 0, now: () => now });
    try {
      const fresh = timed.newOpenLink();
      const stale = timed.newOpenLink();
      now += 59_000;
      expect((await send({ port: timed.port, path: pathOf(fresh) })).status).toBe(303);
      now += 2_000;
      const expired = await send({ port: timed.port, path: pathOf(stale) });
      expect(expired.status).toBe(403);
      expect(expired.headers['set-cookie']).toBeUndefined();
      expect(expired.body).toContain('already used or has expired');
      now -= 10_000;
      expect((await send({ port: timed.port, path: pathOf(stale) })).status).toBe(403);
    } finally {
      await timed.close();
    }
  });

  it.each([
    ['no code', '/open'],
    ['an empty code', '/open?code='],
    ['a made-up code', `/open?code=${'A'.repeat(43)}`],
    ['the token as a code', '/open?code=${token}'],
  ])('answers %s with the same page and no cookie', async (_what, template) => {
    const response = await send({ path: template.replace('${token}', host.token) });
    expect(response.status).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body).toContain('already used or has expired');
  });

  it('does not spend a code on a HEAD (a link preview)', async () => {
    const link = host.newOpenLink();
    expect((await send({ method: 'HEAD', path: pathOf(link) })).status).toBe(405);
    expect((await send({ path: pathOf(link) })).status).toBe(303);
  });

  it.each([
    ['no Origin (a form or a script from elsewhere that hides it)', {}],
    ['another port of 127.0.0.1 (the same site, so the cookie goes along)', { Origin: 'http://127.0.0.1:${otherPort}' }],
    ['the host by the name localhost', { Origin: 'http://localhost:${port}' }],
    ['another site', { Origin: 'http://evil.example' }],
    ['an opaque origin', { Origin: 'null' }],
    ['our origin, but the browser says the call is cross-site', { Origin: 'http://127.0.0.1:${port}', 'Sec-Fetch-Site': 'cross-site' }],
    ['our origin, but the browser says the call is from another port', { Origin: 'http://127.0.0.1:${port}', 'Sec-Fetch-Site': 'same-site' }],
  ])('refuses a call carried by the cookie from %s (CSRF), and it has no effect', async (_what, template: Record<string, string>) => {
    const cookie = await openInBrowser();
    const headers = Object.fromEntries(
      Object.entries(template).map(([name, value]) => [name, value.replace('${port}', String(host.port)).replace('${otherPort}', String(host.port + 1))]),
    );
    const before = snapshotDatabase(app.databasePath, app.key);
    const response = await callApi('preferences.setLanguage', { language: 'en' }, { Cookie: cookie, ...headers });
    expect(response.status).toBe(403);
    expect(json(response)).toEqual(UNAUTHORIZED);
    expect(await currentLanguage()).toBe('ar');
    expect(snapshotDatabase(app.databasePath, app.key)).toEqual(before);
  });

  it('refuses a forged session, and the session of another host on another port', async () => {
    const other = await startWebHost({ dispatch: app.dispatch, rendererDirectory, port: 0 });
    try {
      const opened = await send({ port: other.port, path: pathOf(other.url), headers: { Host: `127.0.0.1:${other.port}` } });
      const [, value] = cookieSetBy(opened).split('=');
      for (const cookie of [`wasl_session_${host.port}=${'A'.repeat(43)}`, `wasl_session_${other.port}=${value}`, `wasl_session_${host.port}=${value}`, `wasl_session_${host.port}=`]) {
        const response = await callApi('preferences.setLanguage', { language: 'en' }, { Cookie: cookie, ...ownOrigin() });
        expect(response.status, cookie).toBe(401);
      }
      expect(await currentLanguage()).toBe('ar');
    } finally {
      await other.close();
    }
  });

  it('keeps the token for scripts: a Bearer call needs no cookie, and may ask for a new one-time address', async () => {
    expect((await callApi('preferences.get', {})).status).toBe(200);
    const asked = await send({ method: 'POST', path: '/open', headers: bearer() });
    expect(asked.status).toBe(200);
    const link = (json(asked) as { value: { url: string } }).value.url;
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/open\\?code=`));
    expect((await send({ path: pathOf(link) })).status).toBe(303);

    const refusedHeaders: Array<Record<string, string>> = [{}, { Authorization: 'Bearer nope' }, { Cookie: await openInBrowser() }];
    for (const headers of refusedHeaders) {
      const refused = await send({ method: 'POST', path: '/open', headers });
      expect(refused.status).toBe(401);
      expect(refused.body).not.toContain('code=');
    }
  });
});

describe('npm run start:web, as a person starts it: what the browser it opens is given, and what it leaves', () => {
  /**
   * A stand-in for Chromium, found on the PATH as `chromium`: it writes down its command line (what
   * `ps` shows every user of the machine) and, like Chromium, writes its history into its profile;
   * then it stays open, or closes at once when asked to.
   */
  const FAKE_BROWSER = `#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_BROWSER_LOG"
for argument in "$@"; do
  case "$argument" in --user-data-dir=*) profile="\${argument#--user-data-dir=}" ;; esac
done
printf '%s\\n' "$@" > "$profile/History"
[ "$FAKE_BROWSER_STAYS" = yes ] || exit 0
trap 'exit 0' TERM
while :; do sleep 1; done
`;

  interface StartedCli {
    child: ChildProcess;
    printed: { url: string; token: string };
    /** The browser's command line, once it has started. */
    browserArguments(): Promise<string[]>;
    temporaryFolder: string;
  }

  let folder: string;

  beforeAll(() => {
    folder = tempDir();
    mkdirSync(join(folder, 'bin'));
    writeFileSync(join(folder, 'bin', 'chromium'), FAKE_BROWSER);
    chmodSync(join(folder, 'bin', 'chromium'), 0o755);
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function startCli(name: string, browserStays: boolean): Promise<StartedCli> {
    const temporaryFolder = join(folder, `tmp-${name}`);
    mkdirSync(temporaryFolder);
    const log = join(folder, `${name}.args`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${join(folder, 'bin')}:${process.env.PATH ?? ''}`,
      TMPDIR: temporaryFolder,
      FAKE_BROWSER_LOG: log,
      FAKE_BROWSER_STAYS: browserStays ? 'yes' : 'no',
    };
    delete env.CI;
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/hosts/web/cli.ts', '--db', join(folder, name, 'wasl.db'), '--renderer', rendererDirectory], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const printed = await new Promise<{ url: string; token: string }>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the host did not start:\n${output}`)), 20_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /^WASL_URL=(\S+)$/m.exec(output)?.[1];
        const token = /^WASL_TOKEN=(\S+)$/m.exec(output)?.[1];
        if (url && token) {
          clearTimeout(timer);
          resolve({ url, token });
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
    });
    const browserArguments = async () => {
      await expect.poll(() => existsSync(log), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => readFileSync(log, 'utf8').includes('--user-data-dir='), { timeout: 10_000 }).toBe(true);
      return readFileSync(log, 'utf8').trim().split('\n');
    };
    return { child, printed, browserArguments, temporaryFolder };
  }

  const stop = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  const profilesIn = (temporaryFolder: string) => readdirSync(temporaryFolder).filter((name) => name.startsWith('wasl-browser-'));

  it('gives the browser a one-time address, never the token, and the code it got is dead once used', async () => {
    const cli = await startCli('command-line', true);
    try {
      const commandLine = (await cli.browserArguments()).join(' ');
      expect(commandLine).not.toContain(cli.printed.token);
      const opened = /--app=(http:\/\/127\.0\.0\.1:(\d+)\/open\?code=[A-Za-z0-9_-]{43})/.exec(commandLine);
      expect(opened).not.toBeNull();
      // The address printed to the terminal is another one: each works once.
      expect(cli.printed.url).not.toBe(opened![1]);
      expect(cli.printed.url).not.toContain(cli.printed.token);

      // The browser uses its code; someone who read it from `ps` or the profile's history is too late.
      const port = Number(opened![2]);
      const path = new URL(opened![1]!).pathname + new URL(opened![1]!).search;
      expect((await send({ port, path })).status).toBe(303);
      const replay = await send({ port, path });
      expect(replay.status).toBe(403);
      expect(replay.headers['set-cookie']).toBeUndefined();

      // Scripts still use the printed token.
      const call = await send({ port, method: 'POST', path: '/api/app.info', headers: { Authorization: `Bearer ${cli.printed.token}` } });
      expect(call.status).toBe(200);
    } finally {
      await stop(cli.child);
    }
  });

  it('removes the browser profile (its history and cookies) when the browser exits', async () => {
    const cli = await startCli('browser-exits', false);
    try {
      await cli.browserArguments();
      await expect.poll(() => profilesIn(cli.temporaryFolder), { timeout: 10_000 }).toEqual([]);
    } finally {
      await stop(cli.child);
    }
  });

  it('ends the browser and removes its profile when the host stops', async () => {
    const cli = await startCli('host-stops', true);
    const commandLine = await cli.browserArguments();
    expect(profilesIn(cli.temporaryFolder)).toHaveLength(1);
    const profile = commandLine.find((argument) => argument.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    expect(readFileSync(join(profile, 'History'), 'utf8')).toContain('/open?code=');
    await stop(cli.child);
    expect(cli.child.exitCode).toBe(0);
    expect(profilesIn(cli.temporaryFolder)).toEqual([]);
  });
});
