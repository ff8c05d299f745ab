// The official letters register (الصادر والوارد) through the real call path: dispatch(name, input) →
// validation → service → encrypted SQLite. Incoming letters with their scans (read to their pages or
// decoded, kept in the database, saved under the register's name; hostile files refused), outgoing
// letters numbered per Hijri year and printed on the letterhead, the list of authorities the
// administrator keeps, the audit trail, and the letters' part of a person's subject-access document
// and erasure. Every refusal is checked to write nothing.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { ERASED_NAME } from '../../electron/api/beneficiaries';
import { MAX_SCAN_BYTES } from '../../electron/api/fields/scan';
import type { AuthorityView, LetterDocument, LetterPage, LetterPdf, LetterScan, LetterView, RegisterLetterInput } from '../../electron/api/letters';
import type { TimelinePage } from '../../electron/api/timeline';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import type { Result } from '../../electron/api/result';
import { eraseLettersOf, lettersOf } from '../../electron/services/letters/service';
import {
  ADMIN,
  ASSOCIATION,
  auditEntries,
  createUser,
  expectError,
  expectOk,
  openTestWasl,
  signInAs,
  snapshotDatabase,
  tempDir,
  TEST_KEY_DERIVATION,
  validFields,
  type TestWasl,
} from '../support/database';
import { REQUEST_TYPE_IDS } from '../support/casework';
import { aLineHolds, plain } from '../support/pdf-text';
import { interlacedPngInflatingTo, interlacedWhitePng, ONE_PIXEL_PNG, onePagePdf, pdfWithSharedPageTree, progressiveJpeg, smallJpeg, whitePng } from '../support/scans';

/** The desk's clock, set by each test: the Hijri year of an outgoing number comes from it. */
let now: Date;
let app: TestWasl;

/** 1 August 2026 at noon in Riyadh: 18 Safar 1448. */
const IN_1448 = new Date('2026-08-01T09:00:00Z');
/** 10 June 2027 in Riyadh: 5 Muharram 1449, a new year of the outgoing register. */
const IN_1449 = new Date('2027-06-10T09:00:00Z');

beforeEach(async () => {
  now = IN_1448;
  app = await openTestWasl({ clock: () => now });
});

afterEach(async () => {
  await app.cleanup();
});

/** Seeded by the migration. */
const PRISONS = '019ab9a0-0000-7000-8000-00000000a001';
const PROSECUTION = '019ab9a0-0000-7000-8000-00000000a003';

// --- Files as a scanner makes them -----------------------------------------------------------

const pdfBytes = onePagePdf;
const PNG = ONE_PIXEL_PNG;
const JPEG = smallJpeg();
/** What a Windows program starts with: not a scan, whatever its name says. */
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(126, 0x90)]);

const scanOf = (fileName: string, bytes: Buffer) => ({ fileName, contentBase64: bytes.toString('base64') });

// --- Calls -----------------------------------------------------------------------------------

const incoming = (overrides: Partial<RegisterLetterInput> = {}): RegisterLetterInput => ({
  direction: 'incoming',
  number: '45/ق/1448',
  letterDate: '2026-07-28',
  authorityId: PRISONS,
  subject: 'الإفادة عن موعد زيارة النزيل',
  ...overrides,
});

const outgoing = (overrides: Partial<RegisterLetterInput> = {}): RegisterLetterInput => ({
  direction: 'outgoing',
  letterDate: '2026-07-30',
  authorityId: PROSECUTION,
  subject: 'طلب إفادة عن حالة نزيل',
  body: 'نفيدكم بأن الجمعية تتابع حالة النزيل المذكور.\n\nونأمل التكرم بالإفادة.',
  ...overrides,
});

const register = (input: unknown) => app.dispatch('letters.register', input);
const registered = async (input: RegisterLetterInput) => expectOk<LetterView>(await register(input));
const list = async (input: Record<string, unknown> = {}) => expectOk<LetterPage>(await app.dispatch('letters.list', input));
const snapshot = () => snapshotDatabase(app.databasePath, app.key);

async function refusedWithoutWriting(call: () => Promise<Result<unknown>>) {
  const before = snapshot();
  const error = expectError(await call());
  expect(snapshot()).toEqual(before);
  return error;
}

const fieldError = (path: string, messageKey: string) => ({
  code: 'validation',
  messageKey: 'validation.failed',
  details: { fields: [{ path, messageKey }] },
});

async function person(overrides: Parameters<typeof validFields>[0] = {}): Promise<BeneficiaryDetail> {
  return expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields(overrides) }));
}

/** A second connection with the desk's key, to read what the register wrote. */
function withDatabase<T>(read: (opened: OpenedDatabase) => T): T {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return read(opened);
  } finally {
    opened.sqlite.close();
  }
}

function storedScan(letterId: string): { content: Buffer | null; media_type: string; size: number; file_name: string } | undefined {
  return withDatabase(
    ({ sqlite }) =>
      sqlite
        .prepare('SELECT a.content, a.media_type, a.size, a.file_name FROM letters l JOIN attachments a ON a.id = l.scan_id WHERE l.id = ?')
        .get(letterId) as { content: Buffer | null; media_type: string; size: number; file_name: string } | undefined,
  );
}

/** Every file under a folder. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** After the clock jumped past the idle lock, the administrator unlocks the desk again. */
async function jumpTo(instant: Date) {
  now = instant;
  expectError(await app.dispatch('letters.list', {}));
  expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));
}

// --- Incoming letters ------------------------------------------------------------------------

describe('registering an incoming letter', () => {
  it.each([
    ['application/pdf', 'خطاب السجون.pdf', pdfBytes(), 'incoming-letter-45-1448.pdf'],
    ['image/png', 'scan.png', PNG, 'incoming-letter-45-1448.png'],
    ['image/jpeg', 'scan.JPG', JPEG, 'incoming-letter-45-1448.jpg'],
  ] as const)('keeps a %s scan in the database, judged by its bytes', async (mediaType, label, bytes, fileName) => {
    const letter = await registered(incoming({ scan: scanOf(label, bytes) }));
    expect(letter).toMatchObject({
      direction: 'incoming',
      number: '45/ق/1448',
      letterDate: '2026-07-28',
      authority: { id: PRISONS, nameAr: 'المديرية العامة للسجون', nameEn: 'General Directorate of Prisons' },
      subject: 'الإفادة عن موعد زيارة النزيل',
      body: null,
      beneficiary: null,
      request: null,
      scan: { fileName, label, mediaType, size: bytes.length },
      scanErased: false,
      erased: false,
      registeredAt: IN_1448.toISOString(),
      registeredBy: { id: app.adminId, displayName: ADMIN.displayName },
    });
    const stored = storedScan(letter.id);
    expect(stored?.media_type).toBe(mediaType);
    expect(Buffer.compare(stored?.content ?? Buffer.alloc(0), bytes)).toBe(0);
    expect(expectOk<LetterView>(await app.dispatch('letters.get', { id: letter.id }))).toEqual(letter);
  });

  it('stores the scan only inside the encrypted database, never as a file', async () => {
    const marker = `scan-marker-${Date.now()}`;
    const letter = await registered(incoming({ scan: scanOf('letter.pdf', pdfBytes(marker)) }));
    expect(storedScan(letter.id)?.content?.toString('latin1')).toContain(marker);
    await app.close();
    const holding = filesUnder(app.dir).filter((file) => readFileSync(file).includes(Buffer.from(marker, 'latin1')));
    expect(holding).toEqual([]);
  });

  it('registers a letter without a scan, and Arabic-Indic digits of its number in Latin digits', async () => {
    const letter = await registered(incoming({ number: '١٢٣/٤٥', scan: null }));
    expect(letter.number).toBe('123/45');
    expect(letter.scan).toBeNull();
  });

  it('audits the registration (against the person, when the letter is about one)', async () => {
    const beneficiary = await person();
    const letter = await registered(incoming({ beneficiaryId: beneficiary.id, authorityId: null }));
    const [entry] = await auditEntries(app.dispatch, { action: 'letter.registered' });
    expect(entry).toMatchObject({
      actor: { id: app.adminId },
      entityType: 'beneficiary',
      entityId: beneficiary.id,
      summary: { letterId: letter.id, direction: 'incoming', number: '45/ق/1448', scan: false },
    });
    expect(letter.beneficiary).toEqual({ id: beneficiary.id, name: beneficiary.fullName, fileNumber: beneficiary.fileNumber });
  });

  it('refuses a file that is not a PDF or an image by its content, whatever its name, and writes nothing', async () => {
    for (const [fileName, bytes] of [
      ['letter.pdf', EXE],
      ['letter.pdf', Buffer.from('This is a plain text file, renamed.', 'utf8')],
      ['image.png', Buffer.from('<html><script>alert(1)</script></html>', 'utf8')],
    ] as const) {
      const error = await refusedWithoutWriting(() => register(incoming({ scan: scanOf(fileName, bytes) })));
      expect(error).toEqual(fieldError('scan', 'validation.scan.type'));
    }
  });

  it('refuses an empty file and one over 10 MB, and writes nothing', async () => {
    const empty = await refusedWithoutWriting(() => register(incoming({ scan: { fileName: 'empty.pdf', contentBase64: '' } })));
    expect(empty.details?.fields).toEqual([{ path: 'scan.contentBase64', messageKey: 'validation.scan.empty' }]);

    // Just over the limit: the same length of base64 as the limit itself, so the register weighs the bytes.
    const justOver = Buffer.concat([pdfBytes(), Buffer.alloc(MAX_SCAN_BYTES + 1 - pdfBytes().length, 0x20)]);
    const overLimit = await refusedWithoutWriting(() => register(incoming({ scan: scanOf('big.pdf', justOver) })));
    expect(overLimit).toEqual(fieldError('scan', 'validation.scan.tooLarge'));

    const farOver = Buffer.concat([pdfBytes(), Buffer.alloc(MAX_SCAN_BYTES * 1.2, 0x20)]);
    const tooLarge = await refusedWithoutWriting(() => register(incoming({ scan: scanOf('huge.pdf', farOver) })));
    expect(tooLarge.details?.fields).toEqual([{ path: 'scan.contentBase64', messageKey: 'validation.scan.tooLarge' }]);
  });

  it('refuses an incoming letter without its number, a letter dated in the future, and one with no party; writes nothing', async () => {
    expect(await refusedWithoutWriting(() => register(incoming({ number: '  ' })))).toEqual(fieldError('number', 'validation.required'));
    expect(await refusedWithoutWriting(() => register(incoming({ letterDate: '2026-08-02' })))).toEqual(
      fieldError('letterDate', 'validation.dateInFuture'),
    );
    expect(await refusedWithoutWriting(() => register(incoming({ authorityId: null })))).toEqual(
      fieldError('authorityId', 'validation.letters.partyRequired'),
    );
    expect(await refusedWithoutWriting(() => register(incoming({ subject: '' })))).toEqual(fieldError('subject', 'validation.required'));
    const unknownBody = await refusedWithoutWriting(() => register(incoming({ authorityId: '019ab9a0-0000-7000-8000-00000000ffff' })));
    expect(unknownBody.messageKey).toBe('notFound.authority');
    const unknownRequest = await refusedWithoutWriting(() => register(incoming({ requestId: '019ab9a0-0000-7000-8000-00000000ffff' })));
    expect(unknownRequest.messageKey).toBe('notFound.request');
  });

  it('accepts a letter dated today in Riyadh, and takes today when no date is given', async () => {
    expect((await registered(incoming({ letterDate: '2026-08-01' }))).letterDate).toBe('2026-08-01');
    expect((await registered(incoming({ letterDate: null }))).letterDate).toBe('2026-08-01');
  });
});

// --- Hostile scans ---------------------------------------------------------------------------

describe('hostile scans', () => {
  /** What a browser would run if it opened the file as a web page. */
  const PAGE = '<html><body><script>document.title = "taken"</script></body></html>\n';
  /** A Count of no pages and no kids: a PDF's skeleton with nothing to show. */
  const PDF_WITHOUT_PAGES = Buffer.from(
    ['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'),
    'latin1',
  );

  /** A JPEG whose frame header claims another size: the decoder weighs the claim before it allocates anything. */
  function jpegClaiming(width: number, height: number): Buffer {
    const bytes = Buffer.from(smallJpeg());
    const frame = bytes.indexOf(Buffer.from([0xff, 0xc0]));
    bytes.writeUInt16BE(height, frame + 5);
    bytes.writeUInt16BE(width, frame + 7);
    return bytes;
  }

  it('refuses a file that only starts like a PDF, a PNG or a JPEG, whatever its name, and writes nothing', async () => {
    for (const [fileName, bytes] of [
      ['letter.html', Buffer.from(`%PDF-1.4\n${PAGE}%%EOF\n`, 'latin1')],
      ['letter.pdf', PDF_WITHOUT_PAGES],
      ['scan.png', Buffer.concat([PNG.subarray(0, 8), Buffer.from(PAGE)])],
      ['scan.png', PNG.subarray(0, PNG.length - 20)],
      ['scan.exe', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(PAGE)])],
      ['scan.jpg', JPEG.subarray(0, 40)],
    ] as const) {
      const error = await refusedWithoutWriting(() => register(incoming({ scan: scanOf(fileName, bytes) })));
      expect(error, fileName).toEqual(fieldError('scan', 'validation.scan.damaged'));
    }
  });

  it('refuses an image larger in pixels than a scanned page, before decoding it, and writes nothing', async () => {
    for (const [fileName, bytes] of [
      ['wide.png', whitePng(10_001, 1)],
      ['tall.png', whitePng(1, 10_001)],
      // 26 megapixels of blank page in a few kilobytes: decoded, over 100 MB.
      ['blank.png', whitePng(5_100, 5_100)],
      ['huge.jpg', jpegClaiming(9_000, 9_000)],
    ] as const) {
      const error = await refusedWithoutWriting(() => register(incoming({ scan: scanOf(fileName, bytes) })));
      expect(error, fileName).toEqual(fieldError('scan', 'validation.scan.dimensions'));
    }
    // An A4 page scanned at 500 dpi is welcome.
    const a4At500 = await registered(incoming({ scan: scanOf('a4.png', whitePng(4_134, 5_846)) }));
    expect(a4At500.scan?.mediaType).toBe('image/png');
  });

  it('refuses an interlaced PNG whose pixel data inflates far beyond its size, without inflating it, and writes nothing', async () => {
    // 100 × 100 pixels of 8-bit grey need 10 kilobytes; this one's data inflates to 512 MB (its file
    // is half a megabyte), which the desk would hold whole, twice over, before finding it too long.
    const bomb = await interlacedPngInflatingTo(512 * 1024 * 1024);
    const peakBefore = process.resourceUsage().maxRSS;
    const error = await refusedWithoutWriting(() => register(incoming({ scan: scanOf('scan.png', bomb) })));
    expect(error).toEqual(fieldError('scan', 'validation.scan.damaged'));
    // maxRSS is in kilobytes: the peak of the process grew by less than 100 MB, nothing like 512.
    expect(process.resourceUsage().maxRSS - peakBefore).toBeLessThan(100 * 1024);
    // An interlaced PNG of a page's size is still a scan.
    const page = await registered(incoming({ scan: scanOf('page.png', interlacedWhitePng(2_480, 3_508)) }));
    expect(page.scan?.mediaType).toBe('image/png');
  });

  it('refuses a PDF whose page tree reaches one node by many paths, at once, and writes nothing', async () => {
    // 2^18 paths to one page: read path by path (as a PDF library counts pages), a quarter of a
    // million pages; with 40 levels, more than the desk would finish counting.
    for (const [levels, fan] of [
      [18, 2],
      [40, 2],
      [1, 50_000],
    ] as const) {
      const started = performance.now();
      const error = await refusedWithoutWriting(() => register(incoming({ scan: scanOf('letter.pdf', pdfWithSharedPageTree(levels, fan)) })));
      expect(error, `${levels} × ${fan}`).toEqual(fieldError('scan', 'validation.scan.damaged'));
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  it('refuses a progressive JPEG of more passes than any camera or scanner writes, before decoding it, and writes nothing', async () => {
    // 2,000 passes over 24 megapixels, in 135 kilobytes: decoded, ten seconds of the desk's time;
    // the ten megabytes a scan may weigh would hold it for many minutes.
    const started = performance.now();
    const error = await refusedWithoutWriting(() => register(incoming({ scan: scanOf('scan.jpg', progressiveJpeg(2_000)) })));
    expect(error).toEqual(fieldError('scan', 'validation.scan.passes'));
    expect(performance.now() - started).toBeLessThan(2_000);
    // A progressive JPEG as a camera saves one, in a handful of passes, is welcome.
    const photo = await registered(incoming({ scan: scanOf('photo.jpg', progressiveJpeg(10, 1_600, 1_200)) }));
    expect(photo.scan?.mediaType).toBe('image/jpeg');
  });

  it('keeps a scan under the name the register gives it; the typed name is only a label, cleaned', async () => {
    const cases = [
      ['letter\u202Efdp.hta', pdfBytes(), 'letterfdp.hta', 'incoming-letter-45-1448.pdf'],
      ['..\\..\\..\\Startup\\evil.bat', PNG, 'evil.bat', 'incoming-letter-45-1448.png'],
      ['/home/officer/../../etc/cron.d/evil', PNG, 'evil', 'incoming-letter-45-1448.png'],
      ['scan.exe', JPEG, 'scan.exe', 'incoming-letter-45-1448.jpg'],
      ['a\u0000b\u0007\u009b\u2066c\u2069\uFFFF\uD800.pdf', pdfBytes(), 'abc.pdf', 'incoming-letter-45-1448.pdf'],
      ['\u202E', pdfBytes(), '', 'incoming-letter-45-1448.pdf'],
    ] as const;
    for (const [typed, bytes, label, fileName] of cases) {
      const letter = await registered(incoming({ scan: scanOf(typed, bytes) }));
      expect(letter.scan, JSON.stringify(typed)).toMatchObject({ fileName, label });
      expect(storedScan(letter.id)?.file_name).toBe(label);
      expect(expectOk<LetterScan>(await app.dispatch('letters.scan', { id: letter.id }))).toMatchObject({ fileName, label });
    }
  });

  it('names a scan after the letter: our number, the sender’s, or the date when the number has no Latin letter or digit', async () => {
    const sent = await registered(outgoing({ scan: scanOf('x.pdf', pdfBytes()) }));
    expect(sent.scan?.fileName).toBe('letter-1448-0001.pdf');
    const unnumbered = await registered(incoming({ number: 'خاص وعاجل', scan: scanOf('x.jpeg', JPEG) }));
    expect(unnumbered.scan?.fileName).toBe('incoming-letter-2026-07-28.jpg');
    const odd = await registered(incoming({ number: '../٤٥ ق/1448 <b>', scan: scanOf('x.png', PNG) }));
    expect(odd.scan?.fileName).toBe('incoming-letter-45-1448-b.png');
    // The same letter is always offered under the same name.
    expect(expectOk<LetterScan>(await app.dispatch('letters.scan', { id: odd.id })).fileName).toBe('incoming-letter-45-1448-b.png');
  });

  it('offers a scan kept before names were cleaned under the register’s name, with its typed name cleaned', async () => {
    const letter = await registered(incoming({ scan: scanOf('scan.pdf', pdfBytes()) }));
    withDatabase(({ sqlite }) =>
      sqlite.prepare('UPDATE attachments SET file_name = ? WHERE id = (SELECT scan_id FROM letters WHERE id = ?)').run('..\\Startup\\letter\u202Efdp.hta', letter.id),
    );
    expect(expectOk<LetterView>(await app.dispatch('letters.get', { id: letter.id })).scan).toMatchObject({ fileName: 'incoming-letter-45-1448.pdf', label: 'letterfdp.hta' });
    expect(expectOk<LetterScan>(await app.dispatch('letters.scan', { id: letter.id }))).toMatchObject({ fileName: 'incoming-letter-45-1448.pdf', label: 'letterfdp.hta' });
  });
});

// --- Outgoing letters ------------------------------------------------------------------------

describe('outgoing letters', () => {
  it('are numbered by the register, one after another in the Hijri year, whatever number was typed', async () => {
    const first = await registered(outgoing({ number: '999' }));
    const second = await registered(outgoing());
    expect([first.number, second.number]).toEqual(['1448/0001', '1448/0002']);
    // An incoming letter between them takes no number of the association's.
    await registered(incoming());
    expect((await registered(outgoing())).number).toBe('1448/0003');
    expect(first.body).toContain('ونأمل التكرم بالإفادة.');
  });

  it('start again at 0001 with a new Hijri year', async () => {
    expect((await registered(outgoing())).number).toBe('1448/0001');
    expect((await registered(outgoing())).number).toBe('1448/0002');
    await jumpTo(IN_1449);
    expect((await registered(outgoing({ letterDate: '2027-06-10' }))).number).toBe('1449/0001');
    expect((await registered(outgoing({ letterDate: '2027-06-10' }))).number).toBe('1449/0002');
  });

  it('a refused outgoing letter does not use up a number', async () => {
    await refusedWithoutWriting(() => register(outgoing({ scan: scanOf('x.pdf', EXE) })));
    expect((await registered(outgoing())).number).toBe('1448/0001');
  });
});

// --- The register ----------------------------------------------------------------------------

describe('letters.list', () => {
  it('lists newest first by the letter’s date, then by registration, filtered, a page at a time', async () => {
    const beneficiary = await person();
    const older = await registered(incoming({ number: 'A-1', letterDate: '2026-07-01', subject: 'خطاب قديم' }));
    const sent = await registered(outgoing({ letterDate: '2026-07-20', subject: 'إحالة طلب دعم أسرة' }));
    const first = await registered(incoming({ number: 'B-7', letterDate: '2026-07-25', authorityId: PROSECUTION }));
    now = new Date(IN_1448.getTime() + 60_000);
    const sameDayLater = await registered(incoming({ number: 'C-9', letterDate: '2026-07-25', beneficiaryId: beneficiary.id, authorityId: null }));

    const all = await list();
    expect(all.total).toBe(4);
    expect(all.rows.map((row) => row.id)).toEqual([sameDayLater.id, first.id, sent.id, older.id]);

    expect((await list({ direction: 'outgoing' })).rows.map((row) => row.id)).toEqual([sent.id]);
    expect((await list({ direction: 'incoming' })).total).toBe(3);
    expect((await list({ authorityId: PROSECUTION })).rows.map((row) => row.id)).toEqual([first.id, sent.id]);
    expect((await list({ from: '2026-07-20', to: '2026-07-25' })).rows.map((row) => row.id)).toEqual([sameDayLater.id, first.id, sent.id]);
    expect((await list({ to: '2026-07-19' })).rows.map((row) => row.id)).toEqual([older.id]);
    expect((await list({ beneficiaryId: beneficiary.id })).rows.map((row) => row.id)).toEqual([sameDayLater.id]);
    // The text matches the number or the subject.
    expect((await list({ text: 'b-7' })).rows.map((row) => row.id)).toEqual([first.id]);
    expect((await list({ text: '1448/0001' })).rows.map((row) => row.id)).toEqual([sent.id]);
    expect((await list({ text: 'دعم أسرة' })).rows.map((row) => row.id)).toEqual([sent.id]);
    expect((await list({ text: '%' })).total).toBe(0);

    const page = await list({ limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 4 });
    expect(page.rows.map((row) => row.id)).toEqual([sent.id, older.id]);
  });

  it('answers not found for an unknown letter', async () => {
    const error = expectError(await app.dispatch('letters.get', { id: '019ab9a0-0000-7000-8000-00000000ffff' }));
    expect(error.messageKey).toBe('notFound.letter');
  });

  it('is open to an officer', async () => {
    await registered(incoming());
    const officer = await createUser(app.dispatch, 'officer');
    await signInAs(app.dispatch, officer.username, officer.password);
    expect((await list()).total).toBe(1);
    expect((await registered(outgoing())).number).toBe('1448/0001');
  });
});

// --- Viewing a scan --------------------------------------------------------------------------

describe('letters.scan', () => {
  it('answers the scan’s bytes and records the viewing', async () => {
    const beneficiary = await person();
    const letter = await registered(incoming({ beneficiaryId: beneficiary.id, scan: scanOf('scan.png', PNG) }));
    const scan = expectOk<LetterScan>(await app.dispatch('letters.scan', { id: letter.id }));
    expect(scan).toEqual({ fileName: 'incoming-letter-45-1448.png', label: 'scan.png', mediaType: 'image/png', contentBase64: PNG.toString('base64') });
    const [entry] = await auditEntries(app.dispatch, { action: 'letter.scanViewed' });
    expect(entry).toMatchObject({
      actor: { id: app.adminId },
      entityType: 'beneficiary',
      entityId: beneficiary.id,
      summary: { letterId: letter.id, number: letter.number },
    });
  });

  it('records the viewing against the letter when it is about no one', async () => {
    const letter = await registered(incoming({ scan: scanOf('scan.pdf', pdfBytes()) }));
    expectOk(await app.dispatch('letters.scan', { id: letter.id }));
    const [entry] = await auditEntries(app.dispatch, { action: 'letter.scanViewed' });
    expect(entry).toMatchObject({ entityType: 'letter', entityId: letter.id });
  });

  it('answers not found for a letter without a scan, and records nothing', async () => {
    const letter = await registered(incoming());
    const error = await refusedWithoutWriting(() => app.dispatch('letters.scan', { id: letter.id }));
    expect(error.messageKey).toBe('notFound.attachment');
  });
});

// --- The printed letter ----------------------------------------------------------------------

describe('letters.document', () => {
  const HIJRI = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
  const GREGORIAN = new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });

  it('prints an outgoing letter on the letterhead: name, logo, number, both calendars, recipient, escaped text', async () => {
    const letter = await registered(
      outgoing({
        subject: '<script>alert("x")</script> & طلب',
        body: 'الفقرة الأولى <img src=x onerror=alert(1)>\n\nالفقرة الثانية',
      }),
    );
    const document = expectOk<LetterDocument>(await app.dispatch('letters.document', { id: letter.id }));
    const { html } = document;
    expect(document.fileName).toBe('wasl-letter-1448-0001.html');
    expect(html).toMatch(/^<!doctype html>\n<html dir="rtl" lang="ar">/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`);
    expect(html).toContain(ASSOCIATION);
    expect(html).toContain('1448/0001');
    const date = new Date('2026-07-30T12:00:00Z');
    const withoutEra = (formatted: string) => formatted.replace(/\s*(هـ|م)$/u, '');
    expect(HIJRI.format(date)).toContain('16 صفر 1448');
    expect(html).toContain(`<td class="hijri">${withoutEra(HIJRI.format(date))} هـ</td>`);
    expect(html).toContain(`<td class="gregorian">${withoutEra(GREGORIAN.format(date))} م</td>`);
    expect(html).toContain('السادة/ <strong>النيابة العامة</strong> المحترمين');
    expect(html).toContain('الموضوع:</strong> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; طلب');
    expect(html).toContain('الفقرة الأولى &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<p class="paragraph">الفقرة الثانية</p>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img(?! class="logo" src="data:image\/png;base64,)/);
    // The logo travels inside the page.
    expect(html).toMatch(/<img class="logo" src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="">/);
  });

  it('addresses a letter to a beneficiary by name, as المكرمة to a woman', async () => {
    const woman = await person({ firstName: 'نورة', gender: 'female' });
    const letter = await registered(outgoing({ authorityId: null, beneficiaryId: woman.id }));
    const { html } = expectOk<LetterDocument>(await app.dispatch('letters.document', { id: letter.id }));
    expect(html).toContain(`المكرمة/ <strong>${woman.fullName}</strong> المحترمة`);
    const man = await person();
    const toMan = await registered(outgoing({ authorityId: null, beneficiaryId: man.id }));
    expect(expectOk<LetterDocument>(await app.dispatch('letters.document', { id: toMan.id })).html).toContain(`المكرم/ <strong>${man.fullName}</strong> المحترم`);
  });

  it('refuses a letter about a person whose data was destroyed', async () => {
    const beneficiary = await person();
    const letter = await registered(outgoing({ authorityId: null, beneficiaryId: beneficiary.id }));
    expectOk(
      await app.dispatch('beneficiaries.erase', { id: beneficiary.id, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: beneficiary.fileNumber }),
    );
    expect(expectOk<LetterView>(await app.dispatch('letters.get', { id: letter.id })).erased).toBe(true);
    expect(expectError(await app.dispatch('letters.document', { id: letter.id }))).toEqual({ code: 'rule', messageKey: 'letters.erased' });
  });

  it('refuses an incoming letter: its copy is its scan', async () => {
    const letter = await registered(incoming());
    expect(expectError(await app.dispatch('letters.document', { id: letter.id }))).toEqual({ code: 'rule', messageKey: 'letters.notOutgoing' });
  });
});

// --- Authorities -----------------------------------------------------------------------------

describe('authorities', () => {
  const authorities = async (includeInactive?: boolean) =>
    expectOk<AuthorityView[]>(await app.dispatch('authorities.list', includeInactive === undefined ? {} : { includeInactive }));

  it('lists the seeded bodies in Arabic order', async () => {
    const names = (await authorities()).map((authority) => authority.nameAr);
    expect(names).toHaveLength(7);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ar')));
  });

  it('adds and changes a body, audited as a catalog change with its values', async () => {
    const added = expectOk<AuthorityView>(await app.dispatch('authorities.save', { nameAr: '  جمعية   البر بالأحساء ', nameEn: 'Al-Birr Society' }));
    expect(added).toMatchObject({ nameAr: 'جمعية البر بالأحساء', nameEn: 'Al-Birr Society', active: true });
    const changed = expectOk<AuthorityView>(
      await app.dispatch('authorities.save', { id: added.id, nameAr: 'جمعية البر بالأحساء', nameEn: '', active: false }),
    );
    expect(changed).toEqual({ id: added.id, nameAr: 'جمعية البر بالأحساء', nameEn: null, active: false });
    // Inactive: kept, no longer offered.
    expect((await authorities()).map((authority) => authority.id)).not.toContain(added.id);
    expect((await authorities(true)).map((authority) => authority.id)).toContain(added.id);

    const entries = await auditEntries(app.dispatch, { action: 'catalog.changed' });
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      entityType: 'catalog',
      entityId: added.id,
      summary: { catalog: 'authorities', created: false, fields: ['nameEn', 'active'] },
      changes: [
        { field: 'nameEn', old: 'Al-Birr Society', new: null },
        { field: 'active', old: true, new: false },
      ],
    });
    expect(entries[1]).toMatchObject({ entityId: added.id, summary: { catalog: 'authorities', created: true } });

    // Saving without a change records nothing.
    const before = snapshot();
    expectOk(await app.dispatch('authorities.save', { id: added.id, nameAr: 'جمعية البر بالأحساء', nameEn: null, active: false }));
    expect(snapshot()).toEqual(before);
  });

  it('refuses a name the list already has, even spelled with other hamza or taa marbuta forms', async () => {
    for (const nameAr of ['النيابة العامة', 'النيابه العامه']) {
      const error = await refusedWithoutWriting(() => app.dispatch('authorities.save', { nameAr }));
      expect(error).toEqual(fieldError('nameAr', 'validation.letters.authorityNameTaken'));
    }
    // A body keeps its own name when it is saved again.
    expectOk(await app.dispatch('authorities.save', { id: PROSECUTION, nameAr: 'النيابة العامة', nameEn: 'Public Prosecution Office' }));
  });

  it('are read by an officer but changed only by an administrator', async () => {
    const officer = await createUser(app.dispatch, 'officer');
    const supervisor = await createUser(app.dispatch, 'supervisor');
    await signInAs(app.dispatch, officer.username, officer.password);
    expect(await authorities()).toHaveLength(7);
    const refused = await refusedWithoutWriting(() => app.dispatch('authorities.save', { nameAr: 'جهة جديدة' }));
    expect(refused.code).toBe('forbidden');
    await signInAs(app.dispatch, supervisor.username, supervisor.password);
    expect((await refusedWithoutWriting(() => app.dispatch('authorities.save', { nameAr: 'جهة جديدة' }))).code).toBe('forbidden');
  });
});

// --- The person's rights ---------------------------------------------------------------------

describe('lettersOf and eraseLettersOf', () => {
  it('gives a person’s letters for the subject-access document, and erases what they said and their scans', async () => {
    const subject = await person();
    const other = await person();
    const about = await registered(incoming({ beneficiaryId: subject.id, scan: scanOf('محمد الحربي.pdf', pdfBytes()) }));
    const to = await registered(outgoing({ authorityId: null, beneficiaryId: subject.id }));
    const notAbout = await registered(incoming({ beneficiaryId: other.id, scan: scanOf('other.png', PNG) }));

    const held = await openedLettersOf(subject.id);
    expect(held.map((letter) => letter.id).sort()).toEqual([about.id, to.id].sort());

    const removed = await erase(subject.id);
    expect(removed).toEqual({ letters: 2, scans: 1 });

    const erasedIncoming = expectOk<LetterView>(await app.dispatch('letters.get', { id: about.id }));
    expect(erasedIncoming).toMatchObject({ number: about.number, letterDate: about.letterDate, subject: ERASED_NAME, body: null, scan: null, scanErased: true });
    const erasedOutgoing = expectOk<LetterView>(await app.dispatch('letters.get', { id: to.id }));
    expect(erasedOutgoing).toMatchObject({ number: '1448/0001', subject: ERASED_NAME, body: null });
    expect(storedScan(about.id)).toMatchObject({ content: null, file_name: '' });
    expect(expectError(await app.dispatch('letters.scan', { id: about.id }))).toEqual({ code: 'rule', messageKey: 'letters.scanErased' });

    // Nobody else's letters are touched.
    expect(expectOk<LetterView>(await app.dispatch('letters.get', { id: notAbout.id }))).toEqual(notAbout);
    expect(Buffer.compare(storedScan(notAbout.id)?.content ?? Buffer.alloc(0), PNG)).toBe(0);
  });
});

async function openedLettersOf(beneficiaryId: string): Promise<LetterView[]> {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return await lettersOf(opened.db, beneficiaryId);
  } finally {
    await opened.close();
  }
}

async function erase(beneficiaryId: string) {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return await opened.db.transaction().execute((trx) => eraseLettersOf(trx, beneficiaryId, { actorId: app.adminId, now }));
  } finally {
    await opened.close();
  }
}

describe('letters.pdf', () => {
  let printer: ChromiumPrinter;
  let printing: Wasl;
  let folder: string;

  beforeAll(() => {
    printer = createChromiumPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  });
  afterAll(async () => {
    await printer?.close();
  });
  beforeEach(async () => {
    folder = tempDir();
    printing = openWasl({ databasePath: join(folder, 'wasl.db'), appVersion: '0.0.0-test', keyDerivation: TEST_KEY_DERIVATION, clock: () => now, printPdf: printer.print });
    expectOk(await printing.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN }));
  });
  afterEach(async () => {
    await printing.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('prints an outgoing letter as an A4 PDF with its Arabic text, named by its number and date in the officer’s language, and records it', async () => {
    const letter = expectOk<LetterView>(await printing.dispatch('letters.register', outgoing()));
    const file = expectOk<LetterPdf>(await printing.dispatch('letters.pdf', { id: letter.id }));
    expect(file).toMatchObject({ fileName: 'خطاب-1448-0001-2026-07-30.pdf', mimeType: 'application/pdf' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const path = join(folder, 'letter.pdf');
    writeFileSync(path, bytes);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(plain(text)).toContain('1448/0001');
    for (const words of ['طلب إفادة عن حالة نزيل', 'تتابع حالة النزيل المذكور', 'وتقبلوا خالص التحية والتقدير', 'النيابة العامة']) {
      expect(aLineHolds(text, words), words).toBe(true);
    }
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
    // Set in the desk's own font, carried inside the file, as the report is.
    expect(execFileSync('pdffonts', [path], { encoding: 'utf8' })).toContain('IBMPlexSansArabic');

    expect(expectOk<LetterPdf>(await printing.dispatch('letters.pdf', { id: letter.id, language: 'en' })).fileName).toBe('letter-1448-0001-2026-07-30.pdf');
    const saved = await auditEntries(printing.dispatch, { action: 'letter.documentSaved' });
    expect(saved.map((entry) => entry.summary)).toEqual([
      { letterId: letter.id, number: '1448/0001', format: 'pdf' },
      { letterId: letter.id, number: '1448/0001', format: 'pdf' },
    ]);
  });

  it('refuses an incoming letter (its copy is its scan) and an unknown one', async () => {
    const letter = expectOk<LetterView>(await printing.dispatch('letters.register', incoming()));
    expect(expectError(await printing.dispatch('letters.pdf', { id: letter.id }))).toEqual({ code: 'rule', messageKey: 'letters.notOutgoing' });
    expect(expectError(await printing.dispatch('letters.pdf', { id: '019ab9a0-0000-7000-8000-0000000fffff' }))).toMatchObject({ code: 'not_found' });
  });

  it('says a desk without a printer cannot make the PDF, in the officer’s words', async () => {
    const letter = await registered(outgoing());
    expect(expectError(await app.dispatch('letters.pdf', { id: letter.id }))).toEqual({ code: 'rule', messageKey: 'exports.pdfUnavailable' });
  });
});

describe('letters.link', () => {
  const UNKNOWN = '019ab9a0-0000-7000-8000-0000000fffff';
  const timelineLetters = async (beneficiaryId: string) =>
    expectOk<TimelinePage>(await app.dispatch('beneficiaries.timeline', { id: beneficiaryId })).entries.flatMap((entry) => (entry.kind === 'letter' ? [entry.letter.id] : []));
  const openRequest = async (beneficiaryId: string) =>
    expectOk<{ id: string; number: string }>(
      await app.dispatch('requests.open', { beneficiaryId, typeId: REQUEST_TYPE_IDS.financialAid, summary: 'مساعدة في الإيجار', sourceContactId: null }),
    );

  it('links a letter about nobody to a person afterwards: audited on their trail, shown on their timeline', async () => {
    const someone = await person();
    const letter = await registered(outgoing());
    expect(await timelineLetters(someone.id)).toEqual([]);
    const linked = expectOk<LetterView>(await app.dispatch('letters.link', { id: letter.id, beneficiaryId: someone.id }));
    expect(linked.beneficiary).toMatchObject({ id: someone.id, fileNumber: someone.fileNumber });
    expect(linked.request).toBeNull();
    expect(await timelineLetters(someone.id)).toEqual([letter.id]);
    const [entry] = await auditEntries(app.dispatch, { action: 'letter.linked' });
    expect(entry).toMatchObject({ entityType: 'beneficiary', entityId: someone.id, summary: { letterId: letter.id, number: '1448/0001', requestId: null } });
  });

  it('links a letter to a request, and so to the request’s person; or to a request of the person it is already about', async () => {
    const someone = await person();
    const request = await openRequest(someone.id);
    const aboutNobody = await registered(outgoing());
    expect(expectOk<LetterView>(await app.dispatch('letters.link', { id: aboutNobody.id, requestId: request.id }))).toMatchObject({
      beneficiary: { id: someone.id },
      request: { id: request.id, number: request.number },
    });
    const aboutHer = await registered(incoming({ beneficiaryId: someone.id }));
    expect(expectOk<LetterView>(await app.dispatch('letters.link', { id: aboutHer.id, requestId: request.id })).request?.id).toBe(request.id);
    expect((await list({ requestId: request.id })).rows.map((row) => row.id).toSorted()).toEqual([aboutNobody.id, aboutHer.id].toSorted());
  });

  it('lists the letters that could still be linked to a person or to a request', async () => {
    const someone = await person();
    const other = await person();
    const request = await openRequest(someone.id);
    const aboutNobody = await registered(outgoing());
    const aboutHer = await registered(incoming({ beneficiaryId: someone.id }));
    await registered(incoming({ number: '77/1448', beneficiaryId: other.id }));
    const onRequest = await registered(incoming({ number: '78/1448', requestId: request.id }));
    const ids = async (linkableTo: Record<string, unknown>) => (await list({ linkableTo })).rows.map((row) => row.id).toSorted();
    expect(await ids({ beneficiaryId: someone.id })).toEqual([aboutNobody.id]);
    expect(await ids({ requestId: request.id })).toEqual([aboutNobody.id, aboutHer.id].toSorted());
    expect(await ids({ requestId: request.id })).not.toContain(onRequest.id);
  });

  it('refuses linking twice, to an erased person, to an unknown person, letter or request, to another person’s request, or to nobody; writes nothing', async () => {
    const someone = await person();
    const other = await person();
    const erased = await person();
    expectOk(await app.dispatch('beneficiaries.erase', { id: erased.id, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: erased.fileNumber }));
    const othersRequest = await openRequest(other.id);
    const letter = await registered(outgoing());
    const linked = await registered(outgoing());
    expectOk(await app.dispatch('letters.link', { id: linked.id, beneficiaryId: someone.id }));

    expect(await refusedWithoutWriting(() => app.dispatch('letters.link', { id: linked.id, beneficiaryId: someone.id }))).toEqual({
      code: 'rule',
      messageKey: 'letters.alreadyLinkedToPerson',
    });
    expect(await refusedWithoutWriting(() => app.dispatch('letters.link', { id: linked.id, beneficiaryId: other.id }))).toEqual({
      code: 'rule',
      messageKey: 'letters.alreadyLinkedToPerson',
    });
    expect(await refusedWithoutWriting(() => app.dispatch('letters.link', { id: letter.id, beneficiaryId: erased.id }))).toEqual({
      code: 'rule',
      messageKey: 'beneficiaries.erased',
    });
    expect(await refusedWithoutWriting(() => app.dispatch('letters.link', { id: letter.id, beneficiaryId: UNKNOWN }))).toMatchObject({ code: 'not_found' });
    expect(await refusedWithoutWriting(() => app.dispatch('letters.link', { id: UNKNOWN, beneficiaryId: someone.id }))).toMatchObject({ code: 'not_found' });
    expect(await refusedWithoutWriting(() => app.dispatch('letters.link', { id: letter.id, requestId: UNKNOWN }))).toMatchObject({ code: 'not_found' });
    expect(await refusedWithoutWriting(() => app.dispatch('letters.link', { id: linked.id, requestId: othersRequest.id }))).toEqual(
      fieldError('requestId', 'validation.letters.requestOfAnother'),
    );
    expect(await refusedWithoutWriting(() => app.dispatch('letters.link', { id: letter.id, beneficiaryId: someone.id, requestId: othersRequest.id }))).toEqual(
      fieldError('requestId', 'validation.letters.requestOfAnother'),
    );
    expect(await refusedWithoutWriting(() => app.dispatch('letters.link', { id: letter.id }))).toEqual(fieldError('beneficiaryId', 'validation.letters.linkWhom'));
  });
});
