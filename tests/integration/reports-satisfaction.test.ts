// The report's satisfaction section, from interviews offered the shipped questionnaire and answered
// through the real call path over a month and the month before: CSAT, NPS, the response rate and
// the scales' averages beside the previous period's, each with the responses it stands on, a figure
// on too few withheld, the comments as written without names, every statement through an index, and
// the section on the printed report (Arabic and English), on its workbook sheet and in its CSV lines.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { ContactView } from '../../electron/api/contacts';
import type { ExportFile, ExportJob } from '../../electron/api/exports';
import type { ReportFigures } from '../../electron/api/reports';
import type { OfferView } from '../../electron/api/satisfaction';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { reportLanguage } from '../../electron/services/reports/document';
import { satisfactionSection } from '../../electron/services/reports/figures';
import { reportPdf } from '../../electron/services/reports/pdf';
import { figureLines, reportTables } from '../../electron/services/reports/tables';
import arDocument from '../../locales/ar/report-document.json';
import arReports from '../../locales/ar/reports.json';
import enReports from '../../locales/en/reports.json';
import { expectOk, openTestWaslWithStaff, tempDir, type StaffedTestWasl } from '../support/database';
import { aLineHolds, plain } from '../support/pdf-text';
import { indexesIn, queryPlan, recordingDatabase } from '../support/query-log';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const riyadh = (dateTime: string) => new Date(`${dateTime}:00+03:00`);
const FEBRUARY = { from: '2026-02-01', to: '2026-02-28' };
const NOW = riyadh('2026-03-05T10:00');

let clockAt = riyadh('2026-01-10T09:00');
let app: StaffedTestWasl<'officer' | 'supervisor'>;
let signedIn: 'officer' | 'supervisor' | 'administrator' = 'administrator';

async function call<T>(name: string, input: unknown): Promise<T> {
  let result = await app.dispatch(name, input);
  if (!result.ok && result.error.code === 'locked') {
    expectOk(await app.dispatch('session.unlock', { password: app.accounts[signedIn].password }));
    result = await app.dispatch(name, input);
  }
  return expectOk<T>(result);
}

async function as(name: typeof signedIn, at?: string): Promise<void> {
  if (at !== undefined) clockAt = riyadh(at);
  signedIn = name;
  await app.signIn(name);
}

async function interviewOffer(): Promise<OfferView> {
  const contact = await call<ContactView>('contacts.log', { channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary: 'مقابلة', personName: 'زائر' });
  return call<OfferView>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'kiosk', contactId: contact.id });
}

async function answer(answers: Record<string, unknown>, named = false) {
  const offer = await interviewOffer();
  await call('satisfaction.recordByPhone', { offerId: offer.id, answers, named });
}

beforeAll(async () => {
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' }, { clock: () => new Date(clockAt) });
  // January: five responses, four satisfied (CSAT 80), recommend 10, 10, 9, 7, 2 (NPS +40).
  await as('officer', '2026-01-10T09:00');
  for (const [overall, recommend] of [[5, 10], [5, 10], [5, 9], [4, 7], [2, 2]] as const) await answer({ overall, recommend, respect: 5 });
  // February: six responses (three satisfied: CSAT 50), two offers refused; three answered the recommend question (too few for NPS).
  await as('officer', '2026-02-12T10:00');
  for (const [overall, recommend] of [[5, 10], [4, null], [3, 9], [2, null], [1, 0], [4, null]] as const) {
    await answer({ overall, respect: 4, ...(recommend === null ? {} : { recommend }) });
  }
  await answer({ overall: 5, comment: 'الموظفة كانت متعاونة جدًا، شكرًا' }, true);
  for (let index = 0; index < 2; index++) await call('satisfaction.decline', { offerId: (await interviewOffer()).id });
}, 60_000);

afterAll(async () => {
  await app?.cleanup();
});

async function report(): Promise<ReportFigures> {
  clockAt = NOW;
  await as('supervisor');
  return call<ReportFigures>('reports.figures', FEBRUARY);
}

describe('the satisfaction section’s figures', () => {
  it('counts this month beside the month before: CSAT, NPS, the response rate, the averages, the comments', async () => {
    const figures = await report();
    const [now] = figures.current.satisfaction.questionnaires;
    const [before] = figures.previous.satisfaction.questionnaires;
    expect(now!.questionnaire.id).toBe(SHIPPED_QUESTIONNAIRE_ID);
    expect(now!.versions).toEqual([1]);
    expect(now!.total).toMatchObject({ responses: 7, csat: { value: 57.1, n: 7 }, nps: { value: null, n: 3, tooFew: true }, responseRate: { offered: 9, answered: 7, value: 77.8 } });
    expect(before!.total).toMatchObject({ responses: 5, csat: { value: 80, n: 5 }, nps: { value: 40, n: 5, promoters: 3, passives: 1, detractors: 1 }, responseRate: { offered: 5, answered: 5, value: 100 } });
    expect(now!.questions.find((question) => question.key === 'respect')).toMatchObject({ n: 6, average: 4 });
    expect(before!.questions.find((question) => question.key === 'respect')).toMatchObject({ n: 5, average: 5 });
    // Only the scales and the 0–10 question are averaged; the comment is listed, as written, with its day only.
    expect(now!.questions.map((question) => question.key)).toEqual(['access', 'speed', 'clarity', 'respect', 'overall', 'recommend']);
    expect(now!.comments).toEqual([{ answeredOn: '2026-02-12', questionKey: 'comment', text: 'الموظفة كانت متعاونة جدًا، شكرًا' }]);
    expect(before!.comments).toEqual([]);
    expect(JSON.stringify(figures.current.satisfaction)).not.toContain('زائر');
  });

  it('reads every statement of the section through an index: no response or offer table scanned whole', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    const { db, queries } = recordingDatabase(opened.sqlite);
    try {
      const alone = await satisfactionSection(db, FEBRUARY, NOW);
      const whole = await report();
      expect(alone).toEqual({ current: whole.current.satisfaction, previous: whole.previous.satisfaction });
      const used = new Set<string>();
      for (const query of queries.filter((entry) => /^\s*(SELECT|WITH|select)/.test(entry.sql))) {
        const details = queryPlan(opened.sqlite, query);
        for (const detail of details) {
          const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
          // The questionnaires themselves are a catalog of a few.
          if (scanned) expect(['q', 'questionnaires'], `${detail}\n${query.sql}`).toContain(scanned);
        }
        for (const index of indexesIn(details)) used.add(index);
      }
      for (const index of ['questionnaire_responses_by_day', 'questionnaire_offers_by_day', 'questionnaire_responses_by_offer']) expect([...used], index).toContain(index);
    } finally {
      opened.sqlite.close();
    }
  });

  it('writes the section in the CSV lines: each figure with its count, each comment with its day', async () => {
    const figures = await report();
    const lines = figureLines(reportTables(figures, reportLanguage('ar')));
    const section = arReports.satisfaction.section;
    // A questionnaire's table is titled by it: each figure is a breakdown of that title.
    const csat = lines.find((line) => line.section === section && line.breakdown?.startsWith(arReports.satisfaction.figures.csat))!;
    expect(csat).toMatchObject({ current: 57.1, previous: 80, change: -22.9 });
    expect(csat.figure).toContain('استبانة رضا المستفيدين');
    expect(csat.breakdown).toContain('ن: 7 / 5');
    expect(lines.find((line) => line.section === section && line.breakdown?.startsWith(arReports.satisfaction.figures.nps))).toMatchObject({ current: null, previous: 40, change: null });
    expect(lines).toContainEqual(expect.objectContaining({ section, breakdown: '2026-02-12', current: 'الموظفة كانت متعاونة جدًا، شكرًا' }));
  });
});

describe('the satisfaction section in the report’s workbook', () => {
  it('writes it on a sheet of its own, right to left, with how each figure is counted and the comments', async () => {
    clockAt = NOW;
    await as('supervisor');
    let job = await call<ExportJob>('exports.start', { subject: { kind: 'report', period: FEBRUARY }, format: 'xlsx', language: 'ar' });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      job = await call<ExportJob>('exports.status', { id: job.id });
    }
    expect(job.error).toBeNull();
    const file = await call<ExportFile>('exports.take', { id: job.id });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(arDocument.workbook.sheets.satisfaction)!;
    expect(sheet.views[0]?.rightToLeft).toBe(true);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual([arReports.satisfaction.figures.responses, 7, 5, 2]);
    expect(rows).toContainEqual([arReports.satisfaction.definitions.csat]);
    expect(rows.some((row) => row[1] === 'الموظفة كانت متعاونة جدًا، شكرًا')).toBe(true);
  });
});

describe('the satisfaction section on the printed report', () => {
  let printer: ChromiumPrinter;
  let out: string;

  beforeAll(() => {
    printer = createChromiumPrinter({ executablePath: CHROMIUM });
    out = tempDir();
  });

  afterAll(async () => {
    await printer?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function printed(language: 'ar' | 'en') {
    const opened = app.wasl.desk.openDatabase;
    if (!opened) throw new Error('the database is not open');
    const content = await reportPdf(
      { db: opened.db, keys: { path: app.wasl.keyringPath }, printPdf: printer.print },
      { ...FEBRUARY, language },
      { actorId: app.accounts.supervisor.id, now: NOW },
    );
    // REPORT_PDF_KEEP=folder keeps the PDFs there, to be looked at.
    const file = join(process.env.REPORT_PDF_KEEP ?? out, `wasl-report-satisfaction-${language}.pdf`);
    writeFileSync(file, content);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  }

  it('prints the section in Arabic with its comments', async () => {
    const text = await printed('ar');
    const words = arReports.satisfaction;
    for (const heading of [words.section, words.averages]) expect(aLineHolds(text, heading), heading).toBe(true);
    expect(aLineHolds(text, 'الموظفة كانت متعاونة')).toBe(true);
    expect(plain(text)).toContain('57.1%');
  });

  it('prints the section in English, with how each figure is counted', async () => {
    const text = plain(await printed('en'));
    const words = enReports.satisfaction;
    for (const heading of [words.section, words.averages, words.figures.csat]) expect(text, heading).toContain(heading);
    expect(text).toContain('57.1%');
    expect(text).toContain('CSAT = responses scoring 4 or 5');
  });
});
