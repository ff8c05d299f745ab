// The numbers people see (file, request, complaint and outgoing letter numbers) on the desks of one
// office: the server hands each desk blocks of each series, so that two desks never give the same
// number, even offline; a desk that has used its blocks while offline refuses to number and saves
// nothing; what a desk numbered before it was paired is never handed out again; and the numbers of
// a year that ended before they were given are recorded void, so that a register has no silent gap.
// The server's side runs on the embedded PostgreSQL and on a real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { LetterPage, LetterView, RegisterLetterInput } from '../../electron/api/letters';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { ApiError, Result } from '../../electron/api/result';
import type { SessionState } from '../../electron/api/session';
import { askOffice, type OfficeConnection } from '../../electron/services/sync/office-client';
import { pairingAuthOf } from '../../electron/services/sync/office-key';
import { currentNumberSeries } from '../../electron/services/sync/number-blocks';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { ADMIN, auditEntries, expectError, expectOk, openTestWasl, snapshotDatabase, tempDir, validFields, type TestWasl } from '../support/database';
import { startPostgres, type RunningPostgres } from '../support/postgres';

let postgres: RunningPostgres | null = null;

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
});

const engines: Array<[string, () => string | undefined]> = [
  ['the embedded PostgreSQL', () => undefined],
  ['a PostgreSQL server', () => postgres!.url],
];

/** Every number from first to last of each block. */
const numbersOf = (blocks: ReadonlyArray<{ first: number; last: number }>) => blocks.flatMap((block) => Array.from({ length: block.last - block.first + 1 }, (_, index) => block.first + index));

describe.each(engines)('the office server’s numbers on %s', (_engine, databaseUrl) => {
  let server: OfficeServer;
  const desks: OfficeConnection[] = [];

  beforeAll(async () => {
    server = await startOfficeServer({ dataDirectory: tempDir(), databaseUrl: databaseUrl(), host: '127.0.0.1', port: 0 });
    const connection = { address: server.url, certificate: server.certificate };
    for (const deskName of ['الاستقبال 1', 'الاستقبال 2']) {
      const { code } = await createPairingCode(server.database.db, new Date());
      const paired = await askOffice(connection, 'POST /v1/desks/pair', { auth: await pairingAuthOf(code), deskName, appVersion: '0.0.0-test' });
      if (!paired.ok) expect.fail(JSON.stringify(paired.error));
      desks.push({ ...connection, credential: paired.value.credential });
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  const everything = async () => ({
    series: await server.database.db.selectFrom('number_series').selectAll().orderBy('series').execute(),
    blocks: await server.database.db.selectFrom('number_blocks').selectAll().orderBy('series').orderBy('first').execute(),
  });

  it('hands two desks asking at once blocks that never overlap, each kept with the desk it went to', async () => {
    const asks = Array.from({ length: 8 }, (_, index) =>
      askOffice(desks[index % 2]!, 'POST /v1/numbers/reserve', {
        series: [
          { name: 'letters.outgoing:1448', count: 7 },
          { name: 'requests:2027', count: 3 },
        ],
      }),
    );
    const answers = (await Promise.all(asks)).map((answer) => {
      if (!answer.ok) expect.fail(JSON.stringify(answer.error));
      return answer.value.blocks;
    });
    // Each answer names its blocks in the order asked.
    expect(answers.every((blocks) => blocks.map((block) => block.name).join() === 'letters.outgoing:1448,requests:2027')).toBe(true);
    const letters = numbersOf(answers.map((blocks) => blocks[0]!)).toSorted((a, b) => a - b);
    expect(letters).toEqual(Array.from({ length: 56 }, (_, index) => index + 1));
    const requests = numbersOf(answers.map((blocks) => blocks[1]!)).toSorted((a, b) => a - b);
    expect(requests).toEqual(Array.from({ length: 24 }, (_, index) => index + 1));

    const kept = (await everything()).blocks.filter((block) => block.series === 'letters.outgoing:1448');
    expect(kept).toHaveLength(8);
    expect(new Set(kept.map((block) => block.desk_id)).size).toBe(2);
  });

  it('raises a series above what a desk numbered alone, and never lowers it', async () => {
    const raised = await askOffice(desks[0]!, 'POST /v1/numbers/floor', {
      counters: [
        { name: 'file_number:2026', value: 41 },
        { name: 'letters.outgoing:1448', value: 3 },
      ],
    });
    expect(raised).toEqual({
      ok: true,
      value: {
        series: [
          { name: 'file_number:2026', next: 42 },
          // Already past it: unchanged.
          { name: 'letters.outgoing:1448', next: 57 },
        ],
      },
    });
    const reserved = await askOffice(desks[1]!, 'POST /v1/numbers/reserve', { series: [{ name: 'file_number:2026', count: 20 }] });
    expect(reserved).toEqual({ ok: true, value: { blocks: [{ name: 'file_number:2026', first: 42, last: 61 }] } });
  });

  it('refuses a series it does not hand out or a count out of range, and changes nothing', async () => {
    const before = await everything();
    const refusedField = (answer: Result<unknown>) => {
      expect(answer.ok).toBe(false);
      const error = (answer as { error: ApiError }).error;
      expect(error).toMatchObject({ code: 'validation', messageKey: 'validation.failed' });
      return error.details?.fields;
    };
    const reserve = (series: Array<{ name: string; count: number }>) => askOffice(desks[0]!, 'POST /v1/numbers/reserve', { series });
    // One bad entry refuses the whole request: the good one beside it is not handed out either.
    expect(refusedField(await reserve([{ name: 'letters.outgoing:1448', count: 5 }, { name: 'letters.incoming:1448', count: 5 }]))).toEqual([
      { path: 'series.1.name', messageKey: 'validation.office.series' },
    ]);
    expect(refusedField(await reserve([{ name: 'letters.outgoing:148', count: 5 }]))).toEqual([{ path: 'series.0.name', messageKey: 'validation.office.series' }]);
    expect(refusedField(await reserve([{ name: "requests:2027' OR 1=1", count: 5 }]))).toEqual([{ path: 'series.0.name', messageKey: 'validation.office.series' }]);
    for (const count of [0, 101, 2.5, -3]) {
      expect(refusedField(await reserve([{ name: 'requests:2027', count }]))).toEqual([{ path: 'series.0.count', messageKey: 'validation.outOfRange' }]);
    }
    expect(refusedField(await reserve([]))).toEqual([{ path: 'series', messageKey: 'validation.required' }]);
    const floor = await askOffice(desks[0]!, 'POST /v1/numbers/floor', { counters: [{ name: 'counter:2027', value: 900 }] });
    expect(refusedField(floor)).toEqual([{ path: 'counters.0.name', messageKey: 'validation.office.series' }]);
    expect(refusedField(await askOffice(desks[0]!, 'POST /v1/numbers/floor', { counters: [{ name: 'requests:2027', value: -1 }] }))).toEqual([
      { path: 'counters.0.value', messageKey: 'validation.outOfRange' },
    ]);
    expect(await everything()).toEqual(before);
  });

  it('hands numbers to paired desks only', async () => {
    const before = await everything();
    const stranger = await askOffice({ address: server.url, certificate: server.certificate }, 'POST /v1/numbers/reserve', { series: [{ name: 'requests:2027', count: 5 }] });
    expect(stranger.ok).toBe(false);
    expect(await everything()).toEqual(before);
  });
});

/**
 * The desks' clock: the last evening of the Hijri year 1448 in Riyadh (30 Dhu al-Hijjah, 2027-06-05),
 * moved forward by the test. The server keeps the same time, so that the desks' clocks are right.
 */
let offsetMs = Date.parse('2027-06-05T16:00:00.000Z') - Date.now();
const clock = () => new Date(Date.now() + offsetMs);

describe('two paired desks', () => {
  let server: OfficeServer;
  let serverFolder: string;
  let deskA: TestWasl;
  let deskB: TestWasl;

  beforeAll(async () => {
    serverFolder = tempDir();
    server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port: 0, clock });
    deskA = await openTestWasl({ clock });
    deskB = await openTestWasl({ clock });
  }, 120_000);

  afterAll(async () => {
    await deskA?.cleanup();
    await deskB?.cleanup();
    await server?.close();
  });

  const PROSECUTION = '019ab9a0-0000-7000-8000-00000000a003';
  const outgoing: RegisterLetterInput = { direction: 'outgoing', authorityId: PROSECUTION, subject: 'طلب إفادة عن حالة نزيل', body: 'نفيدكم بأن الجمعية تتابع حالة النزيل.' };
  const address = () => `127.0.0.1:${server.port}`;
  const dbOf = (desk: TestWasl) => desk.wasl.desk.openDatabase!.db;
  const letter = async (desk: TestWasl) => expectOk<LetterView>(await desk.dispatch('letters.register', outgoing)).number;
  const fileNumber = async (desk: TestWasl) => expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.register', { fields: validFields() })).fileNumber;
  const syncNow = async (desk: TestWasl) => expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}));
  const blocksOf = (desk: TestWasl, series: string) => dbOf(desk).selectFrom('number_blocks').selectAll().where('series', '=', series).orderBy('first').execute();
  const numbersLeft = async (desk: TestWasl, series: string) => (await blocksOf(desk, series)).reduce((left, block) => left + block.last + 1 - block.next, 0);
  /** A desk left for hours is locked by its idle lock: its officer unlocks it. */
  const unlock = async (desk: TestWasl) => {
    // A call is what finds the desk idle and locks it.
    await desk.dispatch('office.status', {});
    const state = expectOk<SessionState>(await desk.dispatch('session.state', {}));
    if (state.stage === 'locked') expectOk(await desk.dispatch('session.unlock', { password: ADMIN.password }));
  };
  /**
   * The outgoing letters of both desks, each once: the desks receive each other's letters as the
   * office's record, so a letter may be on both.
   */
  const lettersOfBoth = async () => {
    const rows = [deskA, deskB].map((desk) => dbOf(desk).selectFrom('letters').select(['id', 'number']).where('direction', '=', 'outgoing').execute());
    return [...new Map((await Promise.all(rows)).flat().map((row) => [row.id, row.number])).values()];
  };

  it('number alone as before, until paired', async () => {
    expect([await letter(deskA), await letter(deskA), await letter(deskA)]).toEqual(['1448/0001', '1448/0002', '1448/0003']);
    expect(await fileNumber(deskA)).toBe('2027-00001');
    expect(await dbOf(deskA).selectFrom('number_blocks').selectAll().execute()).toEqual([]);
  });

  it('send their counters as the floor at pairing and take their first blocks, so that they number at once after what they numbered alone', async () => {
    const { code } = await createPairingCode(server.database.db, clock());
    expectOk(await deskA.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
    for (const series of currentNumberSeries(clock())) expect(await numbersLeft(deskA, series), series).toBe(20);
    expect(await blocksOf(deskA, 'letters.outgoing:1448')).toEqual([{ series: 'letters.outgoing:1448', first: 4, last: 23, next: 4 }]);
    expect(await letter(deskA)).toBe('1448/0004');
    expect(await fileNumber(deskA)).toBe('2027-00002');
    // The counter follows the numbers given, for a desk that one day works alone again.
    const counter = await dbOf(deskA).selectFrom('counters').select('value').where('name', '=', 'letters.outgoing:1448').executeTakeFirstOrThrow();
    expect(counter.value).toBe(4);

    const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
    expectOk(await deskB.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
    expect(await blocksOf(deskB, 'letters.outgoing:1448')).toEqual([{ series: 'letters.outgoing:1448', first: 24, last: 43, next: 24 }]);
  });

  it('never give the same number on two desks, in any series and year', async () => {
    for (let round = 0; round < 14; round += 1) {
      for (const desk of [deskA, deskB]) {
        await letter(desk);
        if (round % 2 === 0) await fileNumber(desk);
      }
      // Refilled as they go: a desk asks for a new block when fewer than half a block remain.
      if (round % 5 === 4) for (const desk of [deskA, deskB]) await syncNow(desk);
    }
    for (const desk of [deskA, deskB]) await syncNow(desk);
    const letters = await lettersOfBoth();
    expect(letters.length).toBe(18 + 14);
    expect(new Set(letters).size).toBe(letters.length);
    const files = [deskA, deskB].map((desk) => dbOf(desk).selectFrom('beneficiaries').select(['id', 'file_number']).execute());
    const fileNumbers = [...new Map((await Promise.all(files)).flat().map((row) => [row.id, row.file_number])).values()];
    expect(fileNumbers.length).toBe(2 + 14);
    expect(new Set(fileNumbers).size).toBe(fileNumbers.length);
    for (const desk of [deskA, deskB]) {
      for (const series of currentNumberSeries(clock())) expect(await numbersLeft(desk, series), series).toBeGreaterThanOrEqual(10);
    }
    expect((await blocksOf(deskA, 'letters.outgoing:1448')).length).toBeGreaterThan(1);
  });

  it('keep numbering from their blocks while the office server is down, then refuse and save nothing once they are used', async () => {
    const port = server.port;
    await server.close();
    const left = await numbersLeft(deskA, 'letters.outgoing:1448');
    const offline: string[] = [];
    for (let index = 0; index < left; index += 1) offline.push(await letter(deskA));
    expect(new Set(offline).size).toBe(left);
    expect((await syncNow(deskA)).sync?.offlineSince).not.toBeNull();

    const before = snapshotDatabase(deskA.databasePath, deskA.key);
    const refused = expectError(await deskA.dispatch('letters.register', outgoing));
    expect(refused).toEqual({ code: 'rule', messageKey: 'office.numbersExhausted' });
    expect(snapshotDatabase(deskA.databasePath, deskA.key)).toEqual(before);
    // The other series are not held up: a file is still numbered.
    expect(await fileNumber(deskA)).toMatch(/^2027-\d{5}$/);

    server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port, clock });
    await syncNow(deskA);
    expect(await numbersLeft(deskA, 'letters.outgoing:1448')).toBe(20);
    expect(await letter(deskA)).toMatch(/^1448\/\d{4}$/);
  });

  it('record void, when the year is over, every number reserved for it and not given: the register has no silent gap', async () => {
    for (const desk of [deskA, deskB]) await syncNow(desk);
    const unusedA = await numbersLeft(deskA, 'letters.outgoing:1448');
    const unusedB = await numbersLeft(deskB, 'letters.outgoing:1448');
    expect(unusedA + unusedB).toBeGreaterThan(0);
    // The receipts of program fees are numbered by the Hijri year too: theirs end with it as well.
    const unusedReceipts = (await numbersLeft(deskA, 'receipts:1448')) + (await numbersLeft(deskB, 'receipts:1448'));

    // Past midnight in Riyadh: 1 Muharram 1449.
    offsetMs += 6 * 60 * 60 * 1000;
    for (const desk of [deskA, deskB]) {
      await unlock(desk);
      await syncNow(desk);
    }
    // Each desk records its own; they reach the other desks as part of the office's record.
    await syncNow(deskA);
    const voidedOn = async (desk: TestWasl) => dbOf(desk).selectFrom('voided_numbers').selectAll().where('series', '=', 'letters.outgoing:1448').execute();
    const voided = [...new Map([...(await voidedOn(deskA)), ...(await voidedOn(deskB))].map((row) => [row.id, row])).values()];
    expect(voided).toHaveLength(unusedA + unusedB);
    expect(voided.every((row) => row.reason === 'year_ended')).toBe(true);
    expect((await voidedOn(deskA)).map((row) => row.id).toSorted()).toEqual(voided.map((row) => row.id).toSorted());
    for (const desk of [deskA, deskB]) expect(await numbersLeft(desk, 'letters.outgoing:1448')).toBe(0);
    const entry = (await auditEntries(deskA.dispatch)).find((audited) => audited.action === 'numbers.voided' && audited.summary.series === 'letters.outgoing:1448');
    expect(entry?.summary).toMatchObject({ series: 'letters.outgoing:1448', reason: 'year_ended' });
    const sent = await server.database.db.selectFrom('operations').select('entity').where('entity', '=', 'voided_numbers').execute();
    expect(sent).toHaveLength(unusedA + unusedB + unusedReceipts);

    // Every number the office reserved for 1448 was given once or recorded void once, on one desk or the other.
    const reserved = await server.database.db.selectFrom('number_blocks').selectAll().where('series', '=', 'letters.outgoing:1448').execute();
    const given = (await lettersOfBoth()).filter((number) => number.startsWith('1448/')).map((number) => Number(number.slice(5)));
    const accounted = [...given.filter((number) => number > 3), ...voided.map((row) => row.number)].toSorted((a, b) => a - b);
    expect(accounted).toEqual(numbersOf(reserved).toSorted((a, b) => a - b));

    // The register shows the void numbers in their place among the letters of 1448, marked void.
    const register = expectOk<LetterPage>(await deskA.dispatch('letters.list', { direction: 'outgoing', limit: 200 }));
    const shown = register.voided.map((entry) => Number(entry.number.slice(5))).toSorted((a, b) => a - b);
    expect(shown).toEqual(voided.map((row) => row.number).toSorted((a, b) => a - b));
    for (const entry of register.voided) {
      const beside = register.rows.find((row) => row.id === entry.besideLetterId)!;
      // Beside the next letter by number, or after the year's last letter.
      const besideCount = Number(beside.number.slice(5));
      expect(entry.after ? besideCount < Number(entry.number.slice(5)) : besideCount > Number(entry.number.slice(5))).toBe(true);
      expect(given.some((number) => number > Number(entry.number.slice(5)) && number < besideCount)).toBe(false);
    }
    // Not in a view narrowed to what a void number has not: a body, a date, a text.
    expect(expectOk<LetterPage>(await deskA.dispatch('letters.list', { authorityId: PROSECUTION })).voided).toEqual([]);
    expect(expectOk<LetterPage>(await deskA.dispatch('letters.list', { direction: 'incoming' })).voided).toEqual([]);

    // The new year starts afresh, from the office's blocks (desk A asked first).
    expect(await letter(deskA)).toBe('1449/0001');
  });
});
