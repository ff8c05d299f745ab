// Downloads in the desktop window: only files the app's own page made, saved where the officer
// chooses, under a clean name with the extension of what the file really is.
import { describe, expect, it } from 'vitest';
import { downloadDecision, OFFERED_FILE_TYPES, safeFileName } from '../../../electron/security/downloads';

const BLOB = 'blob:app://wasl/0f8e4f8a-5c1c-4d6e-9d0e-6a4b9f7a1c2d';

describe('downloadDecision', () => {
  it.each([
    ['application/pdf', 'wasl-report-2026-11-22.pdf', 'wasl-report-2026-11-22.pdf'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'wasl-registry.xlsx', 'wasl-registry.xlsx'],
    ['text/csv;charset=utf-8', 'wasl-audit-2026-11-22.csv', 'wasl-audit-2026-11-22.csv'],
    ['text/csv', 'contacts.csv', 'contacts.csv'],
    ['text/html;charset=utf-8', 'wasl-letter-1448-0007.html', 'wasl-letter-1448-0007.html'],
    ['image/png', 'letter-1448-0007.png', 'letter-1448-0007.png'],
    ['image/jpeg', 'letter-1448-0007.jpg', 'letter-1448-0007.jpg'],
    ['IMAGE/JPEG', 'خطاب الجهة.jpg', 'خطاب الجهة.jpg'],
  ])('lets the page hand over a file it made (%s, %s)', (mimeType, suggestedName, fileName) => {
    expect(downloadDecision({ url: BLOB, mimeType, suggestedName })).toMatchObject({ allowed: true, fileName });
  });

  it.each([
    'https://evil.example/payload.exe',
    'http://127.0.0.1:8080/report.pdf',
    'file:///etc/passwd',
    'data:application/pdf;base64,JVBERi0=',
    'blob:https://evil.example/0f8e4f8a-5c1c-4d6e-9d0e-6a4b9f7a1c2d',
    'blob:app://wasl.evil/0f8e4f8a-5c1c-4d6e-9d0e-6a4b9f7a1c2d',
    'blob:app://wasl/../0f8e4f8a-5c1c-4d6e-9d0e-6a4b9f7a1c2d',
    'blob:app://wasl/0f8e4f8a-5c1c-4d6e-9d0e-6a4b9f7a1c2d?x',
    'BLOB:app://wasl/0f8e4f8a-5c1c-4d6e-9d0e-6a4b9f7a1c2d',
    ' blob:app://wasl/0f8e4f8a-5c1c-4d6e-9d0e-6a4b9f7a1c2d',
    'app://wasl/index.html',
    '',
  ])('refuses a download from %j, whatever it claims to be', (url) => {
    expect(downloadDecision({ url, mimeType: 'application/pdf', suggestedName: 'report.pdf' })).toEqual({ allowed: false });
  });

  it.each([
    'application/x-msdownload',
    'application/octet-stream',
    'application/x-sh',
    'text/javascript',
    'image/svg+xml',
    'application/hta',
    'constructor',
    '__proto__',
    'toString',
  ])('refuses a kind of file Wasl never offers: %j', (mimeType) => {
    expect(downloadDecision({ url: BLOB, mimeType, suggestedName: 'file' })).toEqual({ allowed: false });
  });

  it('takes the kind from the page’s name only when the browser reports no type, and only a kind Wasl offers', () => {
    expect(downloadDecision({ url: BLOB, mimeType: '', suggestedName: 'week.xlsx' })).toEqual({ allowed: true, fileName: 'week.xlsx', extension: 'xlsx' });
    expect(downloadDecision({ url: BLOB, mimeType: '', suggestedName: 'scan.JPEG' })).toEqual({ allowed: true, fileName: 'scan.JPEG.jpg', extension: 'jpg' });
    for (const suggestedName of ['evil.exe', 'evil.hta', 'evil', 'evil.pdf.exe', '']) {
      expect(downloadDecision({ url: BLOB, mimeType: '', suggestedName }), suggestedName).toEqual({ allowed: false });
    }
  });

  it('refuses values that are not strings', () => {
    expect(downloadDecision({ url: undefined as unknown as string, mimeType: 'application/pdf', suggestedName: 'a.pdf' })).toEqual({ allowed: false });
  });

  it('offers one extension per kind of file', () => {
    expect(Object.values(OFFERED_FILE_TYPES).sort()).toEqual(['csv', 'html', 'jpg', 'pdf', 'png', 'xlsx']);
  });
});

describe('safeFileName', () => {
  it.each([
    // A folder in the name: only its last part.
    ['..\\..\\..\\Startup\\evil.bat', 'png', 'evil.bat.png'],
    ['../../.bashrc', 'pdf', 'bashrc.pdf'],
    ['C:\\Windows\\System32\\drivers\\etc\\hosts', 'csv', 'hosts.csv'],
    // A right-to-left override that shows `letter.pdf` for `letter\u202Efdp.hta`.
    ['letter\u202Efdp.hta', 'pdf', 'letterfdp.hta.pdf'],
    ['scan\u2067gpj.exe', 'jpg', 'scangpj.exe.jpg'],
    // What the file really is decides its extension.
    ['scan.exe', 'png', 'scan.exe.png'],
    ['report.PDF', 'pdf', 'report.pdf'],
    // Characters Windows refuses, controls, and Windows device names.
    ['a:b*c?d"e<f>g|h.csv', 'csv', 'abcdefgh.csv'],
    ['line\r\nbreak\u0000.csv', 'csv', 'linebreak.csv'],
    ['CON', 'pdf', 'wasl.pdf'],
    ['nul.txt', 'pdf', 'wasl.pdf'],
    ['', 'xlsx', 'wasl.xlsx'],
    ['...', 'xlsx', 'wasl.xlsx'],
    [' .hidden. ', 'csv', 'hidden.csv'],
    ['تقرير الأسبوع.xlsx', 'xlsx', 'تقرير الأسبوع.xlsx'],
  ])('turns %j into a plain name (%s)', (suggested, extension, expected) => {
    expect(safeFileName(suggested, extension)).toBe(expected);
  });

  it('keeps names short', () => {
    expect(safeFileName(`${'ا'.repeat(500)}.pdf`, 'pdf')).toBe(`${'ا'.repeat(120)}.pdf`);
  });
});
