import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  appFilePath,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isAppUrl,
  permissionAllowed,
} from '../../../electron/security/navigation';
import { contentSecurityPolicy } from '../../../electron/security/content-security-policy';
import { appResponseHeaders, contentTypeOf } from '../../../electron/security/response-headers';

const APP_URLS = [
  'app://wasl/',
  'app://wasl/index.html',
  'app://wasl/index.html#/beneficiaries/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  'app://wasl/index.html#/search?q=%D9%85%D8%AD%D9%85%D8%AF',
  'app://wasl/assets/index-Bc3_x-9f.js',
  'app://wasl/assets/font.woff2?v=1',
  // The authority ends at the first slash: this is a path on wasl, not a user name.
  'app://wasl/@evil.example/',
];

const HOSTILE_URLS = [
  // Look-alike hosts.
  'app://wasl.evil.example/',
  'app://wasl.evil/',
  'app://wasl./',
  'app://evil/wasl',
  'app://evil.example/app://wasl/',
  'app://%77asl/',
  'app://wasl%00/',
  'app://wasl%2f/',
  // User info and ports: the host of these is `evil`, or the authority is not just `wasl`.
  'app://wasl:80@evil/',
  'app://wasl@evil/',
  'app://user@wasl/',
  'app://user:secret@wasl/',
  'app://wasl:8080/',
  'app://wasl:/',
  // Spellings Chromium never reports (it canonicalizes before the main process sees a URL).
  'APP://WASL/',
  'App://Wasl/',
  'app://WASL/',
  'APP://wasl/',
  ' app://wasl/',
  '\tapp://wasl/',
  'app://wa\tsl/',
  'app://wa\nsl/',
  'app:\\\\wasl\\',
  'app:wasl/',
  'app:/wasl/',
  'app:///wasl/',
  'app://wasl',
  // Other schemes.
  'http://127.0.0.1/',
  'http://localhost/',
  'http://localhost:5173/',
  'https://wasl/',
  'https://wasl.example/',
  'wasl://app/',
  'file:///etc/passwd',
  'file://wasl/',
  'javascript:alert(1)',
  'javascript://app://wasl/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://wasl/0f8e4f8a-5c1c-4d6e-9d0e-6a4b9f7a1c2d',
  'about:blank',
  'chrome://settings/',
  'devtools://devtools/bundled/inspector.html',
  'view-source:app://wasl/',
  // Garbage.
  '',
  ' ',
  'app',
  'app:',
  'app://',
  '//wasl/',
  '/index.html',
  'index.html',
  'wasl',
  '%%%',
  'app://wasl\u0000/',
];

describe('isAppUrl', () => {
  it('names the origin the window opens', () => {
    expect(APP_ORIGIN).toBe('app://wasl');
    expect(APP_ENTRY_URL).toBe('app://wasl/index.html');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });

  it.each(APP_URLS)('accepts the app page %j', (url) => {
    expect(isAppUrl(url)).toBe(true);
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each(HOSTILE_URLS)('refuses %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('refuses values that are not strings at all', () => {
    for (const value of [undefined, null, 42, {}, new URL('app://wasl/')]) {
      expect(isAppUrl(value as unknown as string)).toBe(false);
    }
  });
});

describe('isAllowedFrameNavigation', () => {
  it.each(APP_URLS)('lets the window’s own page go to the app page %j', (url) => {
    expect(isAllowedFrameNavigation(url, true)).toBe(true);
  });

  it.each(HOSTILE_URLS)('stops the window’s page going to %j', (url) => {
    expect(isAllowedFrameNavigation(url, true)).toBe(false);
  });

  it.each([...APP_URLS, ...HOSTILE_URLS])('stops any frame inside the page, even towards the app (%j): the app has no frames', (url) => {
    expect(isAllowedFrameNavigation(url, false)).toBe(false);
  });

  it('takes nothing but true as the main frame', () => {
    for (const value of [undefined, null, 1, 'true', {}]) {
      expect(isAllowedFrameNavigation(APP_ENTRY_URL, value as unknown as boolean)).toBe(false);
    }
  });
});

describe('appFilePath', () => {
  const renderer = resolve('/srv/wasl/dist/renderer');
  const inside = (...parts: string[]) => join(renderer, ...parts);

  it('serves index.html for the root, with or without query and fragment', () => {
    expect(appFilePath('app://wasl/', renderer)).toBe(inside('index.html'));
    expect(appFilePath('app://wasl/?x=1', renderer)).toBe(inside('index.html'));
    expect(appFilePath('app://wasl/#/beneficiaries', renderer)).toBe(inside('index.html'));
  });

  it('maps app paths to files inside the renderer folder', () => {
    expect(appFilePath('app://wasl/index.html', renderer)).toBe(inside('index.html'));
    expect(appFilePath('app://wasl/index.html#/search?q=x', renderer)).toBe(inside('index.html'));
    expect(appFilePath('app://wasl/assets/index-Bc3_x-9f.js', renderer)).toBe(inside('assets', 'index-Bc3_x-9f.js'));
    expect(appFilePath('app://wasl/assets/font.woff2?v=1', renderer)).toBe(inside('assets', 'font.woff2'));
  });

  it('decodes percent-encoded names once', () => {
    expect(appFilePath('app://wasl/assets/%D8%B4%D8%B9%D8%A7%D8%B1.png', renderer)).toBe(inside('assets', 'شعار.png'));
    expect(appFilePath('app://wasl/assets/a%20b.css', renderer)).toBe(inside('assets', 'a b.css'));
    // %252e decodes to the three characters `%2e`, a harmless (if odd) file name, not a dot.
    expect(appFilePath('app://wasl/%252e%252e/x', renderer)).toBe(inside('%2e%2e', 'x'));
  });

  it('resolves a relative renderer folder to an absolute path', () => {
    const file = appFilePath('app://wasl/index.html', 'dist/renderer');
    expect(file).toBe(join(resolve('dist/renderer'), 'index.html'));
  });

  it.each([
    'app://wasl/../../etc/passwd',
    'app://wasl/..',
    'app://wasl/assets/../../../etc/passwd',
    'app://wasl/%2e%2e/secret',
    'app://wasl/%2E%2E/secret',
    'app://wasl/.%2e/secret',
    'app://wasl/%2e./secret',
    'app://wasl/assets/%2e%2e/%2e%2e/secret',
    'app://wasl/./index.html',
    'app://wasl/%2e/index.html',
    'app://wasl/..%2fsecret',
    'app://wasl/%2e%2e%2fsecret',
    'app://wasl/assets%2f..%2f..%2fsecret',
    'app://wasl/%2fetc%2fpasswd',
    'app://wasl/..\\secret',
    'app://wasl/assets\\..\\..\\secret',
    'app://wasl/%5c..%5csecret',
    'app://wasl/..%5csecret',
    'app://wasl/index.html%00.png',
    'app://wasl/index.html%00',
    'app://wasl/%00',
    'app://wasl/C:%5cWindows%5cwin.ini',
    'app://wasl/C:/Windows/win.ini',
    'app://wasl/index.html::$DATA',
    'app://wasl/index.html%3a%3a$DATA',
    'app://wasl/CON',
    'app://wasl/assets/nul.txt',
    'app://wasl/index.html.',
    'app://wasl/index.html%20',
    'app://wasl//etc/passwd',
    'app://wasl/assets/',
    'app://wasl/assets//index.js',
    'app://wasl/%E0%A4%A',
    'app://wasl/%zz',
    'app://wasl/a%0aб',
  ])('refuses the escaping or ambiguous path %j', (url) => {
    expect(appFilePath(url, renderer)).toBeNull();
  });

  it.each(HOSTILE_URLS)('refuses the foreign URL %j', (url) => {
    expect(appFilePath(url, renderer)).toBeNull();
  });

  it('never answers a path outside the renderer folder', () => {
    const samples = [...APP_URLS.filter((url) => !url.endsWith('/')), 'app://wasl/', 'app://wasl/a/b/c.js', 'app://wasl/x%20y/z.png'];
    for (const url of samples) {
      const file = appFilePath(url, renderer);
      expect(file).not.toBeNull();
      expect(file!.startsWith(renderer + sep)).toBe(true);
    }
  });
});

describe('app response headers', () => {
  it('gives module scripts, styles, fonts and pages their types', () => {
    expect(contentTypeOf('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/r/assets/index-x.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/r/assets/index-x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/r/assets/font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/r/assets/LOGO.PNG')).toBe('image/png');
    expect(contentTypeOf('/r/assets/unknown.bin')).toBe('application/octet-stream');
    expect(contentTypeOf('/r/assets/noextension')).toBe('application/octet-stream');
  });

  it('sends the content security policy and forbids sniffing and framing', () => {
    const headers = appResponseHeaders('/r/index.html');
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy());
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
  });
});

describe('permissionAllowed', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'hid',
    'serial',
    'usb',
    'midi',
    'midiSysex',
    'openExternal',
    'pointerLock',
    'keyboardLock',
    'idle-detection',
    'storage-access',
    'window-management',
    'unknown',
    '',
  ])('refuses %j', (permission) => {
    expect(permissionAllowed(permission)).toBe(false);
  });
});
