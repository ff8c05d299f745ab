// Scans crafted to be expensive to check: the check runs in a worker thread of its own, limited in
// memory and stopped at a deadline, so the desk keeps answering other calls meanwhile, refuses the
// file as too complex (writing nothing), and carries on after a check that ran out of memory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LetterPage, LetterView, RegisterLetterInput } from '../../electron/api/letters';
import { inspectScanInWorker, SCAN_CHECK_DEADLINE_MS } from '../../electron/services/attachments/inspect-in-worker';
import { expectError, expectOk, openTestWasl, snapshotDatabase, type TestWasl } from '../support/database';
import { onePagePdf, pdfClaimingXrefEntries, pdfWithInflatingObjectStream, smallJpeg } from '../support/scans';

let app: TestWasl;

beforeEach(async () => {
  app = await openTestWasl({ clock: () => new Date('2026-08-01T09:00:00Z') });
});

afterEach(async () => {
  await app.cleanup();
});

/** Seeded by the migration. */
const PRISONS = '019ab9a0-0000-7000-8000-00000000a001';

const incomingWithScan = (fileName: string, bytes: Buffer): RegisterLetterInput => ({
  direction: 'incoming',
  number: '45/ق/1448',
  letterDate: '2026-07-28',
  authorityId: PRISONS,
  subject: 'الإفادة عن موعد زيارة النزيل',
  scan: { fileName, contentBase64: bytes.toString('base64') },
});

const register = (input: RegisterLetterInput) => app.dispatch('letters.register', input);
const snapshot = () => snapshotDatabase(app.databasePath, app.key);

const TOO_COMPLEX = { code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path: 'scan', messageKey: 'validation.scan.tooComplex' }] } };

/** Time enough, beyond the deadline, for the thread to start and be stopped on a busy machine. */
const GRACE_MS = 3_000;

describe('a scan crafted to be expensive to check', () => {
  it.each([
    // 323 bytes whose cross-reference stream claims five million objects.
    ['a PDF claiming millions of cross-reference entries', () => pdfClaimingXrefEntries(5_000_000)],
    // A few hundred kilobytes whose object stream inflates to 300 megabytes of entries.
    ['a PDF whose object stream inflates a thousandfold', () => pdfWithInflatingObjectStream(300_000_000)],
  ])(
    'is refused as too complex by the deadline, writing nothing, while the desk answers other calls: %s',
    async (_, craft) => {
      const before = snapshot();
      const started = Date.now();
      let checkEnded = false;
      const check = register(incomingWithScan('letter.pdf', craft())).finally(() => {
        checkEnded = true;
      });

      // While the file is being checked, another call is answered at once.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const listedAt = Date.now();
      expectOk<LetterPage>(await app.dispatch('letters.list', {}));
      expect(Date.now() - listedAt).toBeLessThan(1_000);
      expect(checkEnded).toBe(false);

      const error = expectError(await check);
      expect(error).toEqual(TOO_COMPLEX);
      expect(Date.now() - started).toBeLessThan(SCAN_CHECK_DEADLINE_MS + GRACE_MS);
      expect(snapshot()).toEqual(before);

      // The desk carries on: the next scan, an ordinary one, is kept.
      const letter = expectOk<LetterView>(await register(incomingWithScan('letter.pdf', onePagePdf())));
      expect(letter.scan?.mediaType).toBe('application/pdf');
    },
    60_000,
  );
});

describe('the check in its worker thread', () => {
  it('stops a check at its deadline', async () => {
    const started = Date.now();
    expect(await inspectScanInWorker(pdfClaimingXrefEntries(5_000_000), { deadlineMs: 1_000 })).toEqual({ ok: false, problem: 'tooComplex' });
    expect(Date.now() - started).toBeLessThan(1_000 + GRACE_MS);
  });

  it('stops a check whose memory outside the heap grows past its limit, well before the deadline', async () => {
    // One object in a stream that inflates to 600 megabytes: held whole by the reader, off the heap.
    const file = pdfWithInflatingObjectStream(600_000_000, 1);
    const started = Date.now();
    expect(await inspectScanInWorker(file, { deadlineMs: 60_000, memoryGrowthBytes: 256 * 1024 * 1024 })).toEqual({ ok: false, problem: 'tooComplex' });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('refuses a check whose thread runs out of its heap, and the desk carries on', async () => {
    // Neither the deadline nor the memory watch can be what stops it here: only the heap's limit.
    const unbounded = { deadlineMs: 120_000, memoryGrowthBytes: Number.MAX_SAFE_INTEGER };
    const started = Date.now();
    expect(await inspectScanInWorker(pdfWithInflatingObjectStream(300_000_000), unbounded)).toEqual({ ok: false, problem: 'tooComplex' });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await inspectScanInWorker(onePagePdf(), unbounded)).toMatchObject({ ok: true, mediaType: 'application/pdf' });
  });

  it('hands the bytes of a scan that passes back, unchanged, and keeps small pooled buffers of others intact', async () => {
    const jpeg = smallJpeg();
    const neighbour = Buffer.from('a neighbour in the same pool');
    const check = await inspectScanInWorker(Buffer.from(jpeg));
    expect(check.ok && check.bytes.equals(jpeg)).toBe(true);
    expect(neighbour.toString()).toBe('a neighbour in the same pool');
  });

  it('answers checks that arrive together, each on its own', async () => {
    const answers = await Promise.all([inspectScanInWorker(onePagePdf()), inspectScanInWorker(Buffer.from('not a scan')), inspectScanInWorker(smallJpeg())]);
    expect(answers.map((answer) => (answer.ok ? answer.mediaType : answer.problem))).toEqual(['application/pdf', 'type', 'image/jpeg']);
  });
});

