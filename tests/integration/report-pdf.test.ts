// The weekly report as a PDF, printed by the real Chromium (Debian's, as the web host prints) from a
// real encrypted database with casework in both weeks: the text pdftotext reads back holds the
// Arabic headings in reading order and every page's footer, the pages are A4, and page 1 renders
// to a PNG. The same in English. The page itself is checked for what keeps it self-contained.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { CallContext } from '../../electron/services/context';
import { renderReportDocument, renderPrintedFooter, type ReportDocumentContent } from '../../electron/services/reports/document';
import { reportFigures } from '../../electron/services/reports/figures';
import { reportFonts, reportPdf } from '../../electron/services/reports/pdf';
import arText from '../../locales/ar/report-document.json';
import enText from '../../locales/en/report-document.json';
import { AUTHORITY_IDS, openCasework, REQUEST_TYPE_IDS } from '../support/casework';
import { ADMIN, ASSOCIATION, createUser, expectOk, openTestWasl, tempDir, validFields, type TestWasl } from '../support/database';
import { letters, plain } from '../support/pdf-text';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Riyadh wall-clock time. */
const riyadh = (dateTime: string) => `${dateTime}:00+03:00`;
const WEEK = { from: '2025-06-08', to: '2025-06-12' };

/** Whether each expected line stands on a line of its own, in this order; else the first one missing. */
function inReadingOrder(text: string, expected: readonly string[]): { missing: string | null } {
  const lines = text.split(/\n|\f/).map(letters);
  let from = 0;
  for (const line of expected) {
    const at = lines.indexOf(letters(line), from);
    if (at < 0) return { missing: line };
    from = at + 1;
  }
  return { missing: null };
}

/** Whether every letter of `part` is in `whole` (both sorted), as many times. */
function isSubset(part: string, whole: string): boolean {
  let at = 0;
  for (const letter of part) {
    at = whole.indexOf(letter, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}

const tool = (name: string, args: string[]) => execFileSync(name, args, { encoding: 'utf8' });

/**
 * A change reads "+2 (+200%)" or "−1 (−100%)" on the page, the sign before the figure, in Arabic as in
 * English. pdftotext -raw gives the characters of such a run in the order they are drawn, left to right.
 */
function expectSignedChangesAsDrawn(file: string): void {
  const drawn = tool('pdftotext', ['-raw', file, '-']);
  expect(drawn).toMatch(/(^|\s)\+2 \(\+200%\)($|\s)/m);
  expect(drawn).toMatch(/(^|\s)\u22121 \(\u2212100%\)($|\s)/mu);
  expect(drawn).not.toMatch(/\d%?[+\u2212]/u);
}

function pngSize(file: string): { width: number; height: number; bytes: number } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: png.length };
}

describe('the weekly report as a PDF', () => {
  let app: TestWasl;
  let printer: ChromiumPrinter;
  let deps: Parameters<typeof reportPdf>[0];
  let context: CallContext;
  let out: string;
  const now = new Date(riyadh('2025-06-15T10:00'));
  let clockAt = new Date(riyadh('2025-06-01T08:00'));

  beforeAll(async () => {
    app = await openTestWasl({ clock: () => new Date(clockAt) });
    out = tempDir();
    printer = createChromiumPrinter({ executablePath: CHROMIUM });
    const at = (instant: string) => {
      clockAt = new Date(riyadh(instant));
    };
    // Days pass between the calls: the desk locks itself meanwhile, and is unlocked as an officer would.
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      let result = await app.dispatch(name, input);
      if (!result.ok && result.error.code === 'locked') {
        expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));
        result = await app.dispatch(name, input);
      }
      return expectOk<T>(result);
    };
    const officer = await createUser(app.dispatch, 'officer');
    expectOk(await app.dispatch('users.update', { id: officer.id, displayName: 'أحمد الموظف', role: 'officer', active: true }));

    // The week before (1–5 June) and the week (8–12 June): people registered, contacts logged.
    const people: BeneficiaryDetail[] = [];
    for (const instant of ['2025-06-02T09:00', '2025-06-08T09:00', '2025-06-09T10:00', '2025-06-10T11:00']) {
      at(instant);
      people.push(await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields() }));
    }
    const contacts: Array<[string, string, string]> = [
      ['2025-06-03T09:00', 'phone', 'follow_up'],
      ['2025-06-04T10:00', 'in_person', 'request'],
      ['2025-06-08T09:30', 'in_person', 'inquiry'],
      ['2025-06-09T11:00', 'phone', 'complaint'],
      ['2025-06-10T12:00', 'website', 'suggestion'],
      ['2025-06-11T13:00', 'letter', 'note'],
    ];
    for (const [instant, channel, purpose] of contacts) {
      at(instant);
      await call('contacts.log', { beneficiaryId: people[0]!.id, channel, direction: 'incoming', purpose, summary: 'متابعة للاختبار' });
    }
    at('2025-06-12T09:00');
    await call('eligibility.record', {
      beneficiaryId: people[1]!.id,
      inScope: true,
      legalResident: true,
      receivesServices: true,
      outcome: 'eligible',
      reason: null,
    });

    // Casework straight into the tables, in both weeks and waiting from before them.
    const casework = openCasework(app);
    const person = people[0]!.id;
    await casework.request({ beneficiaryId: person, ownerId: officer.id, stage: 'received', dueDate: '2025-06-20', receivedAt: riyadh('2025-06-09T09:00') });
    await casework.request({ beneficiaryId: person, ownerId: officer.id, stage: 'under_review', dueDate: '2025-06-05', receivedAt: riyadh('2025-05-20T09:00') });
    await casework.request({
      beneficiaryId: person,
      ownerId: app.adminId,
      stage: 'referred',
      dueDate: '2025-06-30',
      receivedAt: riyadh('2025-06-01T09:00'),
      referredAt: riyadh('2025-06-02T09:00'),
      authorityId: AUTHORITY_IDS.prosecution,
      typeId: REQUEST_TYPE_IDS.visitPermit,
    });
    await casework.request({
      beneficiaryId: person,
      ownerId: officer.id,
      stage: 'closed',
      dueDate: '2025-06-20',
      receivedAt: riyadh('2025-06-03T09:00'),
      decidedAt: riyadh('2025-06-09T09:00'),
      outcome: 'rejected',
    });
    await casework.complaint({ ownerId: officer.id, stage: 'investigating', dueDate: '2025-06-10', kind: 'complaint', beneficiaryId: person, receivedAt: riyadh('2025-06-04T09:00') });
    await casework.complaint({ ownerId: app.adminId, stage: 'answered', dueDate: '2025-06-25', kind: 'suggestion', beneficiaryId: person, receivedAt: riyadh('2025-06-08T09:00') });
    await casework.inquiry({ ownerId: officer.id, status: 'answered', askedAt: riyadh('2025-06-09T09:00'), beneficiaryId: person });
    await casework.inquiry({ ownerId: officer.id, status: 'pending', askedAt: riyadh('2025-06-11T09:00'), beneficiaryId: person });
    casework.close();

    const opened = app.wasl.desk.openDatabase;
    if (!opened) throw new Error('the database is not open');
    deps = { db: opened.db, keys: { path: app.wasl.keyringPath }, printPdf: printer.print };
    context = { actorId: app.adminId, now };
  });

  afterAll(async () => {
    await printer?.close();
    await app?.cleanup();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function printed(language: 'ar' | 'en') {
    const content = await reportPdf(deps, { ...WEEK, language }, context);
    const fileName = `wasl-report-${WEEK.from}-${WEEK.to}-${language}.pdf`;
    // REPORT_PDF_KEEP=folder keeps the PDFs there, to be looked at.
    const file = join(process.env.REPORT_PDF_KEEP ?? out, fileName);
    writeFileSync(file, content);
    return { file, fileName, content, text: tool('pdftotext', ['-layout', file, '-']), info: tool('pdfinfo', [file]) };
  }

  it('prints the Arabic report on A4, its headings in reading order and a footer on every page', async () => {
    const { file, content, text, info } = await printed('ar');
    expect(content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)|Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expectSignedChangesAsDrawn(file);

    const s = arText.sections;
    expect(inReadingOrder(text, [
      ASSOCIATION,
      arText.title.week,
      // 8 June 2025 is 12 Dhu al-Hijjah 1446 (Umm al-Qura), a Sunday.
      'الفترة: من الأحد، 12 ذو الحجة 1446 هـ إلى الخميس، 16 ذو الحجة 1446 هـ',
      'من 8 يونيو 2025 م إلى 12 يونيو 2025 م',
      s.beneficiaries,
      s.contacts,
      `${s.contactsByChannel} ${s.contactsByPurpose}`,
      s.contactsByOfficer,
      s.inquiries,
      s.requests,
      s.requestStages,
      s.requestTypes,
      s.referrals,
      s.complaints,
      s.workload,
      s.charts,
    ])).toEqual({ missing: null });
    // The names behind the figures, each in its row: the officer, the authority waited on, a request type.
    const rows = text.split('\n').map(letters);
    for (const name of ['أحمد الموظف', 'النيابة العامة', 'مساعدة مالية']) {
      expect.soft(rows.some((row) => row.includes(letters(name)) || isSubset(letters(name), row)), name).toBe(true);
    }
    // The footer on every page, one line: who printed it and when (Riyadh time), page X of Y.
    const printedLine = `طبعه ${ADMIN.displayName} في 19 ذو الحجة 1446 هـ (15 يونيو 2025 م) 10:00`;
    const sheets = text.split('\f').filter((sheet) => sheet.trim() !== '');
    expect(sheets).toHaveLength(pages);
    sheets.forEach((sheet, index) => {
      // The runs' spaces move about between the bidi marks: the words and digits, in their order.
      expect(plain(sheet).replace(/\s/g, '')).toContain(`صفحة${index + 1}من${pages}`);
      expect(sheet.split('\n').map(letters)).toContain(letters(`${printedLine} صفحة ${index + 1} من ${pages}`));
    });

    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(out, 'ar-page')]);
    const png = pngSize(join(out, 'ar-page-1.png'));
    // A4 at 60 dots per inch: 8.27 × 11.69 inches.
    expect(Math.abs(png.width - 496)).toBeLessThanOrEqual(2);
    expect(Math.abs(png.height - 702)).toBeLessThanOrEqual(2);
    expect(png.bytes).toBeGreaterThan(15_000);
    expect(png.bytes).toBeLessThan(2_000_000);
  });

  it('prints the English report left to right with the same sections', async () => {
    const { file, text, info } = await printed('en');
    expectSignedChangesAsDrawn(file);
    expect(info).toMatch(/\(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const s = enText.sections;
    expect(
      inReadingOrder(text, [
        enText.title.week,
        'Period: From Sunday, 12 Dhuʻl-Hijjah 1446 AH to Thursday, 16 Dhuʻl-Hijjah 1446 AH',
        'From 8 June 2025 AD to 12 June 2025 AD',
        s.beneficiaries,
        s.contacts,
        s.inquiries,
        s.requests,
        s.referrals,
        s.complaints,
        s.workload,
      ]),
    ).toEqual({ missing: null });
    expect(plain(text)).toContain(`Page 1 of ${pages}`);
    expect(plain(text)).toContain(`Printed by ${ADMIN.displayName}`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(out, 'en-page')]);
    expect(pngSize(join(out, 'en-page-1.png')).width).toBeGreaterThan(490);
  });

  it('is one self-contained page: no script, nothing fetched, names escaped, the font inside it', async () => {
    const figures = await reportFigures(deps.db, WEEK, context);
    const [first] = figures.current.workload;
    if (!first) throw new Error('no workload row');
    first.user = { ...first.user, displayName: '<img src="https://example.com/x.png" onerror="alert(1)">' };
    const content: ReportDocumentContent = {
      language: 'ar',
      figures,
      trend: null,
      associationName: 'جمعية <اختبار> & شركاه',
      logo: null,
      fonts: reportFonts(),
      printedBy: '<script>alert(1)</script>',
      printedAt: now,
    };
    const page = renderReportDocument(content);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`);
    expect(page).not.toMatch(/<script|<img src="https|onerror="/i);
    expect(page).toContain('&lt;img src=&quot;https://example.com/x.png&quot;');
    expect(page).toContain('جمعية &lt;اختبار&gt; &amp; شركاه');
    expect(page).toMatch(/<html dir="rtl" lang="ar">/);
    // Both weights, Arabic and Latin subsets, as data: URLs.
    expect(content.fonts).toHaveLength(4);
    expect(page.match(/src:url\(data:font\/woff2;base64,/g)).toHaveLength(4);
    expect(page).not.toMatch(/url\((?!data:)/);
    const footer = renderPrintedFooter(content);
    expect(footer).not.toContain('<script');
    expect(footer).toContain('<span class="pageNumber"></span>');
    expect(footer).toContain('<span class="totalPages"></span>');
    expect(renderReportDocument({ ...content, language: 'en' })).toMatch(/<html dir="ltr" lang="en">/);
  });

  it('calls a Sunday-to-Thursday week the weekly report, and any other period the period’s report', async () => {
    const month = await reportFigures(deps.db, { from: '2025-06-01', to: '2025-06-30' }, context);
    const page = renderReportDocument({
      language: 'ar',
      figures: month,
      trend: null,
      associationName: null,
      logo: null,
      fonts: [],
      printedBy: 'x',
      printedAt: now,
    });
    expect(page).toContain(`<h1>${arText.title.period}</h1>`);
  });

  it('fetches nothing while printing, whatever the page asks for', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'Content-Type': 'image/png' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // No Content-Security-Policy here: the printer's own refusal is what is tested.
      const pdf = await printer.print(
        `<!doctype html><html><head><link rel="stylesheet" href="${origin}/style.css"><style>body { background: url(${origin}/back.png); }</style></head>` +
          `<body><img src="${origin}/logo.png"><iframe src="${origin}/frame"></iframe><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p>وصل</p></body></html>`,
        { footerTemplate: `<img src="${origin}/footer.png">` },
      );
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  });
});
