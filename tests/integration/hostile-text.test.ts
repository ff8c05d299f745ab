// Text that tries to break the files Wasl writes. Random strings, rich in what breaks files (Unicode
// non-characters, halves of surrogate pairs, bidi controls, control characters, formula starters,
// separators, quotes, markup), go through the contract's free-text schema as a typed field would;
// whatever it accepts is written through every export format and read back: CSV (parsed as RFC 4180,
// and split the way a spreadsheet in a semicolon locale splits it), Excel (the workbook loaded by
// exceljs, which refuses XML that is not well-formed) and the printable HTML the PDFs are printed
// from (escaped, and unescaped back to the same text). Then the review's attack itself, through the
// real call path: a contact summary `x\uFFFFy` that made the contacts workbook unreadable, refused now;
// and the same summary kept before it was refused, which the workbook writer still keeps readable.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ContactView } from '../../electron/api/contacts';
import type { ExportFile, ExportJob, StartExportInput } from '../../electron/api/exports';
import { text } from '../../electron/api/fields/schemas';
import { html } from '../../electron/services/printing/html';
import { csvSink, xlsxSink } from '../../electron/services/exports/table-file';
import { expectError, expectOk, openTestWasl, snapshotDatabase, validFields, type TestWasl } from '../support/database';

/** Fixed so that a failure reproduces; set WASL_FUZZ_SEED to explore other inputs. */
const SEED = Number(process.env.WASL_FUZZ_SEED ?? 20_261_206);
const RUNS = Number(process.env.WASL_FUZZ_RUNS ?? 40);

const NON_CHARACTERS = ['\uFFFE', '\uFFFF', '\uFDD0', '\uFDEF', '\u{1FFFE}', '\u{10FFFF}'];
const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];
const BIDI_CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const KEPT_MARKS = ['\u200E', '\u200F', '\u061C', '\u200C', '\u200D'];
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u000B', '\u001B', '\u007F', '\u0085', '\u009B'];
const FILE_SYNTAX = ['=', '+', '-', '@', '\t', '\r', '\n', '\r\n', ',', ';', '"', "'", '<', '>', '&', '</td>', '<script>', '&amp;', ' '];
const ARABIC = ['م', 'ح', 'د', 'ة', 'ى', 'أ', 'ء', 'ّ', 'ـ', '٤', 'ﷲ', ' '];

/** One piece of text: mostly ordinary letters and file syntax, often something nasty, sometimes any code point at all. */
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ARABIC, 'a', 'Z', '1', '😀') },
  { weight: 4, arbitrary: fc.constantFrom(...FILE_SYNTAX) },
  { weight: 1, arbitrary: fc.constantFrom(...NON_CHARACTERS) },
  { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) },
  { weight: 2, arbitrary: fc.constantFrom(...BIDI_CONTROLS) },
  { weight: 1, arbitrary: fc.constantFrom(...KEPT_MARKS) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROLS) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)) },
  // Any one UTF-16 unit, so that halves of pairs also come alone.
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) },
);
const typedText = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

// --- Reading the files back ------------------------------------------------------------------

/** The rows of a CSV file as RFC 4180 reads them (quotes around a cell, doubled quotes inside). */
function parseCsv(file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < file.length; index += 1) {
    const character = file[index]!;
    if (quoted) {
      if (character === '"' && file[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\r' && file[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += character;
  }
  return rows;
}

/**
 * The cells a spreadsheet set to split on semicolons reads in our comma-separated lines: quotes count
 * only at the start of a cell (as in Excel), and a line break inside a quoted cell starts a new line.
 */
function cellsSplitOnSemicolons(file: string): string[] {
  return file.split(/\r\n|\r|\n/).flatMap((line) => line.split(';').map((cell) => (cell.startsWith('"') ? cell.slice(1) : cell)));
}

const runsAsFormula = (cell: string) => /^[ "]*[=+\-@\t\r]/.test(cell);
/** The apostrophes the CSV writer puts before what a spreadsheet would run, taken away again. */
const withoutNeutralizing = (cell: string) => cell.replace(/'(?=[=+\-@\t\r])/g, '');
/** XML reads every line break as a line feed; so does Excel. */
const lineFeeds = (value: string) => value.replace(/\r\n?/g, '\n');
/**
 * exceljs's reader decodes the five XML entities a second time after its XML parser has (the file
 * holds `&amp;amp;` for a typed `&amp;`, as it should): the same is done to what is expected.
 */
const asExceljsReadsIt = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|apos);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? name);

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescapeHtml = (markup: string) => markup.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

/** What the schema is expected to say of a string it refuses, judged independently of it. */
function expectedRefusals(typed: string): string[] {
  const kept = typed.replace(/[\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const refusals: string[] = [];
  if (kept.length > 500) refusals.push('validation.tooLong');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(kept)) refusals.push('validation.controlCharacters');
  if (/[\p{Noncharacter_Code_Point}\p{Surrogate}]/u.test(kept)) refusals.push('validation.characters');
  return refusals;
}

describe('random typed text through every export format', () => {
  it('is refused with a message, or written so that every file reads it back as it was accepted', async () => {
    await fc.assert(
      fc.asyncProperty(typedText, async (typed) => {
        const parsed = text(500).safeParse(typed);
        if (!parsed.success) {
          const messages = parsed.error.issues.map((issue) => issue.message);
          expect(messages.length).toBeGreaterThan(0);
          for (const message of messages) expect(expectedRefusals(typed)).toContain(message);
          return;
        }
        const value = parsed.data;
        expect(/[\p{Noncharacter_Code_Point}\p{Surrogate}\u202a-\u202e\u2066-\u2069]/u.test(value)).toBe(false);
        for (const mark of KEPT_MARKS) if (typed.includes(mark)) expect(value).toContain(mark);

        // CSV: the same text in its cell (an apostrophe aside before a formula), and no formula for a semicolon locale either.
        const csv = csvSink();
        csv.startTable('t', [
          { header: 'قبل', kind: 'text', width: 10 },
          { header: 'النص', kind: 'text', width: 10 },
        ]);
        csv.addRow(['x', value]);
        const csvText = (await csv.finish()).toString('utf8').replace(/^\ufeff/, '');
        const [, row] = parseCsv(csvText);
        expect(row).toHaveLength(2);
        expect(withoutNeutralizing(row![1]!)).toBe(withoutNeutralizing(value));
        expect(parseCsv(csvText)[1]!.filter(runsAsFormula)).toEqual([]);
        expect(cellsSplitOnSemicolons(csvText).filter(runsAsFormula)).toEqual([]);

        // Excel: a workbook exceljs loads (it refuses XML that is not well-formed), with the text in its cell.
        const xlsx = xlsxSink({ rightToLeft: true });
        xlsx.startTable('النصوص', [{ header: 'النص', kind: 'text', width: 20 }]);
        xlsx.addRow([value]);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await xlsx.finish()) as unknown as ArrayBuffer);
        expect(workbook.worksheets[0]!.getRow(2).getCell(1).value ?? '').toBe(asExceljsReadsIt(lineFeeds(value)));

        // The printable page (PDF): the text escaped, no markup of its own, and the same text once unescaped.
        const markup = html`<td>${value}</td>`.value;
        const inside = markup.slice('<td>'.length, -'</td>'.length);
        expect(inside).not.toMatch(/[<>"']/);
        expect(unescapeHtml(inside)).toBe(value);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('the review’s attack, through the real call path', () => {
  let app: TestWasl;
  let person: BeneficiaryDetail;

  beforeAll(async () => {
    app = await openTestWasl();
    person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
  });

  afterAll(async () => {
    await app.cleanup();
  });

  const logContact = (summary: string) =>
    app.dispatch('contacts.log', { beneficiaryId: person.id, channel: 'in_person', direction: 'incoming', purpose: 'follow_up', summary });

  async function exported(input: StartExportInput): Promise<Buffer> {
    let job = expectOk<ExportJob>(await app.dispatch('exports.start', input));
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      job = expectOk<ExportJob>(await app.dispatch('exports.status', { id: job.id }));
    }
    return Buffer.from(expectOk<ExportFile>(await app.dispatch('exports.take', { id: job.id })).base64, 'base64');
  }

  it('refuses a contact summary holding a non-character or half a surrogate pair, and writes nothing', async () => {
    for (const summary of ['x\uFFFFy', 'x\uFFFEy', 'x\uD800y']) {
      const before = snapshotDatabase(app.databasePath, app.key);
      expect(expectError(await logContact(summary))).toEqual({
        code: 'validation',
        messageKey: 'validation.failed',
        details: { fields: [{ path: 'summary', messageKey: 'validation.characters' }] },
      });
      expect(snapshotDatabase(app.databasePath, app.key)).toEqual(before);
    }
  });

  it('keeps a summary without its bidi overrides, and the contacts workbook and CSV read it back', async () => {
    const logged = expectOk<ContactView>(await logContact('\u202Eتمت الزيارة\u202C \u2067A-1\u2069 ;=1+1'));
    expect(logged.summary).toBe('تمت الزيارة A-1 ;=1+1');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported({ subject: { kind: 'contacts' }, format: 'xlsx' })) as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain('تمت الزيارة A-1 ;=1+1');

    const csv = (await exported({ subject: { kind: 'contacts' }, format: 'csv' })).toString('utf8');
    expect(csv).toContain(`"تمت الزيارة A-1 ;'=1+1"`);
    expect(cellsSplitOnSemicolons(csv).filter(runsAsFormula)).toEqual([]);
  });

  it('still gives a workbook Excel opens for a summary kept before the contract refused non-characters', async () => {
    const logged = expectOk<ContactView>(await logContact('قبل التحديث'));
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      opened.sqlite.prepare('UPDATE contacts SET summary = ? WHERE id = ?').run('x\uFFFFy', logged.id);
    } finally {
      opened.sqlite.close();
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported({ subject: { kind: 'contacts' }, format: 'xlsx' })) as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain('x\uFFFDy');
  });
});
