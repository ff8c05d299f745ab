// The office's desks working apart and together over a seeded random schedule, first 2 desks and
// then 5, each a real encrypted database with its own clock, and one office server (the embedded
// PostgreSQL). Officers register people (some with one ID number at two desks while apart), edit
// the same and different fields of one file at different desks, log contacts, open requests and move
// them (at two desks at once too), number outgoing letters offline, and now and then erase a person;
// meanwhile desks go offline for stretches, the server stops and comes back, push answers are lost
// (the server took the push, the desk did not hear it, and sends it again), older pushes arrive after
// newer ones, and one desk's clock runs 10 minutes fast for a stretch, is told, is corrected and
// catches up; a person is erased while other desks, not yet told, still work on their file. After
// healing every desk holds the same record, took every operation once, numbered without duplicates or
// silent gaps, keeps a verified audit chain (and so does the server), and holds exactly the same
// conflicts of every kind. The conflicts of files' fields are worked out here from the edits alone and
// must be exactly those: in the office's order, each edit meets the value that stands, and an edit
// whose writer had not seen that value is one conflict with it; so every edit made apart from another
// that met it is in a conflict, and edits that saw each other, or of different fields, are in none
// (the note at the end of this file says what that leaves out).
//
// The seed is printed (1 by default, so that a run is the same everywhere); WASL_SIM_SEED=<n> runs
// another schedule, and that one again. Each run makes WASL_SIM_OPERATIONS operations (1,500 by
// default, which exercises every kind in under a minute for both runs on a 2-core machine; the issue's
// figure, WASL_SIM_OPERATIONS=10000, takes about six).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditVerification } from '../../electron/api/audit';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { Result } from '../../electron/api/result';
import type * as OfficeClient from '../../electron/services/sync/office-client';
import { LINK_KEY } from '../../electron/services/office/link-key';
import { SYNCED_TABLES, sentColumns, sqlName } from '../../db/sync-capture';
import { verifyOfficeRecord } from '../../server/audit/witness';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { ADMIN, expectOk, newNationalId, openTestWasl, tempDir, validFields, type TestWasl } from '../support/database';

/** The schedule's seed: 1 unless WASL_SIM_SEED says otherwise (another seed explores other schedules). */
const SEED = Number(process.env.WASL_SIM_SEED ?? 1);
const OPERATIONS = Number(process.env.WASL_SIM_OPERATIONS ?? 1500);

/** A small seeded generator (mulberry32): the same seed, the same schedule. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The network between the desks and the office, as the schedule says: only the desk whose round the
 * simulation runs reaches the office (a round a desk's own timer starts finds it unreachable, so the
 * schedule alone decides what travels), and a push's answer may be lost, or an older push sent again.
 */
const network = {
  /** Everyone reaches the office (pairing). */
  open: false,
  /** The credential of the desk whose round runs now. */
  openTo: null as string | null,
  /** Calls that reached the office. */
  reached: 0,
  /** Draws for the faults on the way (their own stream, so the faults never shift the schedule). */
  draw: seededRandom(SEED ^ 0x5bd1e995),
  /** The share of push answers lost, of pushes sent twice, and of pushes followed by an older one of the same desk. */
  lossRate: 0,
  duplicateRate: 0,
  reorderRate: 0,
  /** What the faults did. */
  lostAnswers: 0,
  duplicatedPushes: 0,
  reorderedPushes: 0,
  /** The last few pushes of each desk, to send one again after newer ones. */
  pushesOf: new Map<string, unknown[]>(),
};
// The network client only, never the database.
vi.mock('../../electron/services/sync/office-client', async (original) => {
  const real = await original<typeof OfficeClient>();
  return {
    ...real,
    askOffice: (async (connection, route, input) => {
      const credential = connection.credential;
      if (!network.open && credential !== undefined && credential !== network.openTo) throw new real.OfficeUnreachable('unreachable');
      network.reached += 1;
      const answer = await real.askOffice(connection, route, input);
      if (route !== 'POST /v1/operations/push' || !answer.ok || credential === undefined) return answer;
      if (network.draw() < network.duplicateRate) {
        network.duplicatedPushes += 1;
        await real.askOffice(connection, route, input);
      }
      const earlier = network.pushesOf.get(credential) ?? [];
      if (earlier.length > 0 && network.draw() < network.reorderRate) {
        network.reorderedPushes += 1;
        await real.askOffice(connection, route, earlier[Math.floor(network.draw() * earlier.length)] as typeof input);
      }
      network.pushesOf.set(credential, [...earlier.slice(-4), input]);
      if (network.draw() < network.lossRate) {
        network.lostAnswers += 1;
        throw new real.OfficeUnreachable('unreachable');
      }
      return answer;
    }) as typeof real.askOffice,
  };
});

/** Seeded by the migrations: a request type and an authority letters go to. */
const REQUEST_TYPE = '019ab9a0-0000-7000-8000-00000000b001';
const PROSECUTION = '019ab9a0-0000-7000-8000-00000000a003';
const MINUTE = 60_000;
/** The fields officers edit in the simulation: the same one at two desks is a conflict, two different ones are not. */
const EDITED_FIELDS = [
  ['address', 'address'],
  ['notes', 'notes'],
  ['needsNotes', 'needs_notes'],
] as const;
const OPERATION_KINDS = ['register', 'sameId', 'edit', 'contact', 'openRequest', 'moveRequest', 'letter', 'erase'] as const;
type OperationKind = (typeof OPERATION_KINDS)[number];
/** How often each kind comes, out of the sum. */
const WEIGHTS: Record<OperationKind, number> = { register: 14, sameId: 2, edit: 34, contact: 20, openRequest: 8, moveRequest: 12, letter: 9, erase: 1 };

interface Desk {
  name: string;
  app: TestWasl;
  /** How far this desk's clock is from the real time. */
  offsetMs: number;
  credential: string;
  deskId: string;
  /** Until which operation the desk is offline (no rounds); -1 when online. */
  offlineUntil: number;
}

/** An officer's edit of one field of a file, with what its desk had received of the other desks' edits of it. */
interface FieldEdit {
  desk: number;
  personId: string;
  column: string;
  opId: string;
  /** Where its desk's cursor in the office's order stood when it was made. */
  cursor: number;
  /** The edits of the same field made before it at other desks. */
  earlier: FieldEdit[];
  /** Those of them its desk had not received (after the office's order, beyond its cursor): known once the office holds them all. */
  unseen: FieldEdit[];
  /** The value it wrote. */
  value: string;
}

const sqliteOf = (desk: Desk) => desk.app.wasl.desk.openDatabase!.sqlite;

/** A call as the officer at the desk makes it: a screen locked while the desk's clock jumped is unlocked first. */
async function call(desk: Desk, name: string, input: unknown): Promise<Result<unknown>> {
  const result = await desk.app.dispatch(name, input);
  if (result.ok || result.error.code !== 'locked') return result;
  expectOk(await desk.app.dispatch('session.unlock', { password: ADMIN.password }));
  return desk.app.dispatch(name, input);
}

/**
 * The office's record as a desk holds it (as office-merge.test.ts reads it): every synced row, its sent
 * columns, in a stable order, but for user names, which are each desk's own.
 */
function recordOf(desk: Desk): Map<string, string> {
  const sqlite = sqliteOf(desk);
  const columnsOf = (table: string) => sentColumns(sqlite, table as (typeof SYNCED_TABLES)[number]).filter((column) => !(table === 'users' && column === 'username'));
  const record = new Map<string, string>();
  for (const table of SYNCED_TABLES) {
    const rows = sqlite.prepare(`SELECT ${columnsOf(table).map(sqlName).join(', ')} FROM ${sqlName(table)} ORDER BY id`).all() as Array<{ id: string }>;
    for (const row of rows) record.set(`${table} ${row.id}`, JSON.stringify(row));
  }
  return record;
}

/** The rows two desks hold differently (a few), each as both desks hold it: empty when their records are equal. */
function differences(one: Map<string, string>, other: Map<string, string>): Array<{ row: string; one: string | undefined; other: string | undefined }> {
  const rows = new Set([...one.keys(), ...other.keys()]);
  return [...rows].filter((row) => one.get(row) !== other.get(row)).slice(0, 5).map((row) => ({ row, one: one.get(row), other: other.get(row) }));
}

interface Conflict {
  id: string;
  kind: string;
  entity: string;
  row_id: string;
  field: string | null;
  kept_hlc: string;
  lost_hlc: string;
  kept_value: string;
  lost_value: string;
}

/** What a desk found for a supervisor, as every desk must find it. */
const conflictsOf = (desk: Desk) =>
  sqliteOf(desk)
    .prepare('SELECT id, kind, entity, row_id, field, kept_hlc, kept_user_id, kept_value, lost_hlc, lost_user_id, lost_value, person_id FROM sync_conflicts ORDER BY id')
    .all() as Conflict[];

/** The conflicts one desk holds and another does not, either way. */
const differing = (one: Conflict[], other: Conflict[]) => {
  const text = (conflicts: Conflict[]) => new Set(conflicts.map((conflict) => JSON.stringify(conflict)));
  const [mine, theirs] = [text(one), text(other)];
  return [...[...mine].filter((conflict) => !theirs.has(conflict)), ...[...theirs].filter((conflict) => !mine.has(conflict))];
};

describe.each([2, 5])('an office of %i desks over a seeded schedule', (deskCount) => {
  const random = seededRandom(SEED + deskCount);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (share: number) => random() < share;
  const dataDirectory = tempDir();
  let server: OfficeServer | null = null;
  let port = 0;
  const desks: Desk[] = [];
  const done: Record<OperationKind, number> = { register: 0, sameId: 0, edit: 0, contact: 0, openRequest: 0, moveRequest: 0, letter: 0, erase: 0 };
  const refused = new Map<string, number>();
  const edits: FieldEdit[] = [];
  const sameIdPairs: Array<{ idNumber: string; files: [string, string] }> = [];
  const erased = new Set<string>();
  const people: Array<{ id: string; idNumber: string; desk: number }> = [];
  let rounds = 0;
  let clockTold = false;
  let serverRestarted = false;
  /** Erasures that met a record made for the person at another desk before it heard of them. */
  let racedErasures = 0;

  const startServer = async () => {
    server = await startOfficeServer({ dataDirectory, host: '127.0.0.1', port });
    port = server.port;
  };

  /** One round of a desk's sync, as its timer would run it, with the office reachable to it alone. */
  const round = async (desk: Desk): Promise<OfficeStatus> => {
    network.openTo = desk.credential;
    try {
      // A round its own timer had started (and found the office unreachable) may have been joined: once more.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const before = network.reached;
        const status = expectOk<OfficeStatus>(await call(desk, 'office.syncNow', {}));
        if (network.reached > before || server === null) {
          rounds += 1;
          return status;
        }
      }
      throw new Error(`${desk.name} never reached the office`);
    } finally {
      network.openTo = null;
    }
  };

  /** The operations the office holds, by id: their place in its order and their time. */
  const placedOnServer = async (opIds: string[]) => {
    if (opIds.length === 0 || server === null) return new Map<string, { serverSeq: number; hlc: string; baseHlc: string | null }>();
    const rows = await server.database.db.selectFrom('operations').select(['op_id', 'server_seq', 'hlc', 'base_hlc']).where('op_id', 'in', opIds).execute();
    return new Map(rows.map((row) => [row.op_id, { serverSeq: Number(row.server_seq), hlc: row.hlc, baseHlc: row.base_hlc }]));
  };
  /** When each file was registered, as the office holds it: the version of each field no edit has written. */
  const registeredOnServer = async (personIds: string[]) => {
    if (personIds.length === 0 || server === null) return new Map<string, string>();
    const rows = await server.database.db.selectFrom('operations').select(['row_id', 'hlc']).where('entity', '=', 'beneficiaries').where('action', '=', 'insert').where('row_id', 'in', personIds).execute();
    return new Map(rows.map((row) => [row.row_id, row.hlc]));
  };
  const cursorOf = (desk: Desk) => {
    const value = sqliteOf(desk).prepare(`SELECT value FROM settings WHERE key = 'office.cursor'`).pluck().get() as string | undefined;
    return value === undefined ? 0 : (JSON.parse(value) as number);
  };

  beforeAll(async () => {
    console.log(`office simulation of ${deskCount} desks: seed ${SEED} (WASL_SIM_SEED=${SEED} runs it again), ${OPERATIONS} operations`);
    await startServer();
    network.open = true;
    for (let index = 0; index < deskCount; index += 1) {
      const desk = { name: `الاستقبال ${index + 1}`, offsetMs: Math.round((random() * 8 - 4) * MINUTE), offlineUntil: -1 } as Desk;
      desk.app = await openTestWasl({ clock: () => new Date(Date.now() + desk.offsetMs) });
      // The first desk pairs with a code made at the server; the others with codes their administrator makes on it.
      const { code } = index === 0 ? await createPairingCode(server!.database.db, new Date()) : expectOk<PairingCodeMade>(await desks[0]!.app.dispatch('office.newPairingCode', {}));
      expectOk(await desk.app.dispatch('office.pair', { address: `127.0.0.1:${port}`, fingerprint: server!.fingerprint, code, deskName: desk.name }));
      const link = JSON.parse(sqliteOf(desk).prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LINK_KEY) as string) as { credential: string; deskId: string };
      desk.credential = link.credential;
      desk.deskId = link.deskId;
      desks.push(desk);
    }
    network.open = false;
    for (const desk of desks) await round(desk);
  }, 300_000);

  afterAll(async () => {
    for (const desk of desks) await desk.app.cleanup();
    await server?.close();
  });

  /** The files a desk holds that the schedule may work on: the latest few, so that desks often work on the same files. */
  const recentFilesAt = (desk: Desk, count: number) =>
    sqliteOf(desk).prepare('SELECT id, file_number FROM beneficiaries WHERE erased_at IS NULL ORDER BY created_at DESC, id LIMIT ?').all(count) as Array<{ id: string; file_number: string }>;

  const counted = (result: Result<unknown>, kind: OperationKind) => {
    if (result.ok) done[kind] += 1;
    else refused.set(`${kind}: ${result.error.messageKey}`, (refused.get(`${kind}: ${result.error.messageKey}`) ?? 0) + 1);
    return result;
  };

  async function register(index: number, idNumber = newNationalId(), kind: OperationKind = 'register'): Promise<string | null> {
    const desk = desks[index]!;
    const fields = validFields({ idNumber, firstName: pick(['سلطانة', 'نورة', 'فهد', 'خالد', 'منيرة']) });
    const result = counted(await call(desk, 'beneficiaries.register', { fields }), kind);
    if (!result.ok) return null;
    const person = result.value as BeneficiaryDetail;
    people.push({ id: person.id, idNumber, desk: index });
    return person.id;
  }

  /** The same ID number as a person registered at another desk that this desk has not received yet. */
  async function registerSameId(index: number): Promise<void> {
    const sqlite = sqliteOf(desks[index]!);
    const paired = new Set(sameIdPairs.map((pair) => pair.idNumber));
    const unseen = people.filter((person) => person.desk !== index && !paired.has(person.idNumber) && !erased.has(person.id) && sqlite.prepare('SELECT 1 FROM beneficiaries WHERE id = ?').get(person.id) === undefined);
    if (unseen.length === 0) return;
    const other = pick(unseen);
    const made = await register(index, other.idNumber, 'sameId');
    if (made === null) return;
    sameIdPairs.push({ idNumber: other.idNumber, files: [other.id, made] });
  }

  async function edit(index: number, step: number): Promise<void> {
    const desk = desks[index]!;
    const files = recentFilesAt(desk, 15).filter((file) => !erased.has(file.id));
    if (files.length === 0) return;
    const { id } = pick(files);
    const [field, column] = pick(EDITED_FIELDS);
    const got = await call(desk, 'beneficiaries.get', { id });
    if (!got.ok) return;
    const person = got.value as BeneficiaryDetail;
    const { rowVersion } = person;
    const value = `قيمة ${column} ${deskCount}-${step}`;
    const fields = { ...pickFields(person), [field]: value };
    const result = counted(await call(desk, 'beneficiaries.update', { id, expectedVersion: rowVersion, fields }), 'edit');
    if (!result.ok) return;
    const queued = sqliteOf(desk)
      .prepare(`SELECT op_id, changed FROM sync_outbox WHERE entity = 'beneficiaries' AND row_id = ? ORDER BY seq DESC LIMIT 1`)
      .get(id) as { op_id: string; changed: string };
    expect(JSON.parse(queued.changed)).toContain(column);
    // What this desk had received of the other desks' edits of this field is the office's operations up to its cursor.
    const earlier = edits.filter((other) => other.personId === id && other.column === column && other.desk !== index);
    edits.push({ desk: index, personId: id, column, opId: queued.op_id, cursor: cursorOf(desk), earlier, unseen: [], value });
  }

  async function openRequest(index: number): Promise<void> {
    const desk = desks[index]!;
    const files = recentFilesAt(desk, 6).filter((file) => !erased.has(file.id));
    if (files.length === 0) return;
    counted(await call(desk, 'requests.open', { beneficiaryId: pick(files).id, typeId: REQUEST_TYPE, summary: 'يطلب مساعدة مالية لسداد الإيجار' }), 'openRequest');
  }

  /** A request this desk holds moved on from the stage it sees, as an officer would: at two desks at once it may be two moves. */
  async function moveRequest(index: number): Promise<void> {
    const desk = desks[index]!;
    const open = sqliteOf(desk)
      .prepare(`SELECT id, stage FROM requests WHERE stage IN ('received', 'under_review', 'decided') ORDER BY created_at DESC, id LIMIT 6`)
      .all() as Array<{ id: string; stage: string }>;
    if (open.length === 0) return;
    const { id, stage } = pick(open);
    const move = chance(0.2) ? 'withdraw' : stage === 'received' ? 'startReview' : stage === 'under_review' ? 'decide' : 'withdraw';
    const input =
      move === 'withdraw' ? { id, reason: 'عدل عن طلبه' } : move === 'decide' ? { id, outcome: pick(['approved', 'rejected']), reason: 'بعد دراسة الحالة' } : { id };
    counted(await call(desk, `requests.${move}`, input), 'moveRequest');
  }

  async function letter(index: number): Promise<void> {
    const input = { direction: 'outgoing', authorityId: PROSECUTION, subject: 'طلب إفادة عن حالة نزيل', body: 'نفيدكم بأن الجمعية تتابع حالة النزيل المذكور.' };
    counted(await call(desks[index]!, 'letters.register', input), 'letter');
  }

  async function contact(index: number): Promise<void> {
    const desk = desks[index]!;
    const files = recentFilesAt(desk, 10).filter((file) => !erased.has(file.id));
    if (files.length === 0) return;
    const input = { beneficiaryId: pick(files).id, channel: pick(['phone', 'in_person']), direction: 'incoming', purpose: 'inquiry', summary: 'سأل عن موعد الزيارة' };
    counted(await call(desk, 'contacts.log', input), 'contact');
  }

  /**
   * A person's erasure, at their request; never one of two files of one ID number, which a supervisor
   * merges first. It is done with the whole office in touch, every desk sending what it holds before
   * and taking the erasure after; meanwhile the next desk, not told yet, logs a contact and opens a
   * request for the person: the erasure takes those too, on every desk.
   */
  async function erase(index: number, officeInTouch: boolean): Promise<void> {
    if (!officeInTouch) return;
    await settle();
    const desk = desks[index]!;
    const twice = new Set(sameIdPairs.flatMap((pair) => pair.files));
    const files = recentFilesAt(desk, 20).filter((file) => !twice.has(file.id) && !erased.has(file.id));
    if (files.length === 0) return;
    const file = files.at(-1)!;
    const result = counted(await call(desk, 'beneficiaries.erase', { id: file.id, reason: 'طلب الشخص حذف بياناته', confirmFileNumber: file.file_number }), 'erase');
    if (!result.ok) return;
    erased.add(file.id);
    const unaware = desks[(index + 1) % desks.length]!;
    const logged = await call(unaware, 'contacts.log', { beneficiaryId: file.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'ما قاله قبل أن يُمحى' });
    const opened = await call(unaware, 'requests.open', { beneficiaryId: file.id, typeId: REQUEST_TYPE, summary: 'طلب لم يبلغ المحو بعد' });
    if (logged.ok && opened.ok) racedErasures += 1;
    await settle();
  }

  /** Rounds at every desk, with nothing lost on the way, until every desk has sent all it holds and taken all the office holds. */
  async function settle(): Promise<void> {
    const faults = { lossRate: network.lossRate, duplicateRate: network.duplicateRate, reorderRate: network.reorderRate };
    Object.assign(network, { lossRate: 0, duplicateRate: 0, reorderRate: 0 });
    try {
      for (let pass = 0; ; pass += 1) {
        for (const desk of desks) await round(desk);
        const last = Number((await server!.database.db.selectFrom('operations').select((eb) => eb.fn.max('server_seq').as('last')).executeTakeFirstOrThrow()).last ?? 0);
        const quiet = desks.every((desk) => cursorOf(desk) === last && (sqliteOf(desk).prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number) === 0);
        if (quiet) return;
        expect(pass, 'the desks keep sending while the office is in touch').toBeLessThan(8);
      }
    } finally {
      Object.assign(network, faults);
    }
  }

  it(
    'works through the schedule: desks apart and together, the server down and back, answers lost, pushes repeated and out of order, a clock 10 minutes fast',
    async () => {
      const started = Date.now();
      network.lossRate = 0.2;
      network.duplicateRate = 0.1;
      network.reorderRate = 0.15;
      const fastDesk = desks[1]!;
      const normalOffset = fastDesk.offsetMs;
      const fastFrom = Math.floor(OPERATIONS * 0.4);
      const fastUntil = Math.floor(OPERATIONS * 0.5);
      const serverDownFrom = Math.floor(OPERATIONS * 0.65);
      const serverDownUntil = Math.floor(OPERATIONS * 0.72);
      const totalWeight = Object.values(WEIGHTS).reduce((sum, weight) => sum + weight, 0);

      for (let step = 0; step < OPERATIONS; step += 1) {
        if (step === fastFrom) {
          fastDesk.offsetMs = 10 * MINUTE;
          const status = await round(fastDesk);
          expect(status.sync?.problem?.messageKey).toBe('office.clockOff');
          clockTold = true;
        }
        if (step === fastUntil) fastDesk.offsetMs = normalOffset;
        if (step === serverDownFrom) {
          await server!.close();
          server = null;
        }
        if (step === serverDownUntil) {
          await startServer();
          serverRestarted = true;
        }
        // A desk goes offline for a stretch now and then, and comes back by itself.
        for (const desk of desks) if (desk.offlineUntil >= 0 && step >= desk.offlineUntil) desk.offlineUntil = -1;
        if (chance(0.006)) pick(desks).offlineUntil = step + 50 + Math.floor(random() * OPERATIONS * 0.25);
        // Rounds come often, at one desk at a time.
        if (chance(0.1)) {
          const desk = pick(desks);
          if (desk.offlineUntil < 0) await round(desk);
        }

        const index = Math.floor(random() * desks.length);
        let weight = random() * totalWeight;
        const kind = OPERATION_KINDS.find((candidate) => (weight -= WEIGHTS[candidate]) < 0) ?? 'contact';
        if (kind === 'register') await register(index);
        else if (kind === 'sameId') await registerSameId(index);
        else if (kind === 'edit') await edit(index, step);
        else if (kind === 'contact') await contact(index);
        else if (kind === 'openRequest') await openRequest(index);
        else if (kind === 'moveRequest') await moveRequest(index);
        else if (kind === 'letter') await letter(index);
        else await erase(index, server !== null && fastDesk.offsetMs === normalOffset);
      }

      // Healing: everyone online with a right clock, nothing lost on the way, rounds until nothing moves.
      network.lossRate = 0;
      network.duplicateRate = 0;
      network.reorderRate = 0;
      for (const desk of desks) desk.offlineUntil = -1;
      await settle();
      const placed = await placedOnServer(edits.map((edit) => edit.opId));
      for (const edit of edits) edit.unseen = edit.earlier.filter((other) => placed.get(other.opId)!.serverSeq > edit.cursor);
      const concurrent = edits.filter((edit) => edit.unseen.length > 0).length;
      console.log(
        `office simulation of ${deskCount} desks (seed ${SEED}): ${JSON.stringify(done)}; refused ${JSON.stringify(Object.fromEntries(refused))}; ` +
          `${rounds} rounds, ${network.lostAnswers} answers lost, ${network.duplicatedPushes} pushes sent twice, ${network.reorderedPushes} older pushes sent again; ` +
          `${concurrent} edits concurrent with another of the same field; ${sameIdPairs.length} ID numbers registered twice; ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      for (const kind of OPERATION_KINDS) expect(done[kind], `no ${kind} was made`).toBeGreaterThan(0);
      expect(clockTold).toBe(true);
      expect(serverRestarted).toBe(true);
      expect(racedErasures, 'no record was made for a person while their erasure was on its way').toBeGreaterThan(0);
      expect(network.lostAnswers).toBeGreaterThan(0);
      expect(network.reorderedPushes).toBeGreaterThan(0);
      expect(concurrent).toBeGreaterThan(0);
    },
    1_800_000,
  );

  it('leaves every desk with the same record, every operation taken once, nothing held or set aside', () => {
    const record = recordOf(desks[0]!);
    for (const desk of desks.slice(1)) expect(differences(record, recordOf(desk)), `${desk.name} holds another record than ${desks[0]!.name}`).toEqual([]);
    for (const desk of desks) {
      const sqlite = sqliteOf(desk);
      expect(sqlite.prepare('SELECT count(*) FROM sync_inbox').pluck().get(), `${desk.name} holds received changes`).toBe(0);
      expect(sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
      expect(sqlite.prepare('SELECT count(*) FROM sync_rejected').pluck().get()).toBe(0);
      // What a desk recorded for a person while their erasure was on its way went with the erasure.
      expect(sqlite.prepare(`SELECT count(*) FROM contacts WHERE summary = 'ما قاله قبل أن يُمحى'`).pluck().get(), `${desk.name} keeps a contact of an erased person`).toBe(0);
      expect(sqlite.prepare(`SELECT count(*) FROM requests WHERE summary = 'طلب لم يبلغ المحو بعد'`).pluck().get(), `${desk.name} keeps a request of an erased person`).toBe(0);
    }
  });

  it('leaves the same conflicts on every desk: each edit of a field made without seeing the value it met in the office’s order is one conflict with that value, and nothing else is', async () => {
    // Each edit's time and place as the office holds them (a desk whose clock ran ahead stamped its changes again).
    const placed = await placedOnServer(edits.map((edit) => edit.opId));
    const timeOf = (edit: FieldEdit) => placed.get(edit.opId)!.hlc;
    const placeOf = (edit: FieldEdit) => placed.get(edit.opId)!.serverSeq;
    const bornAt = await registeredOnServer([...new Set(edits.map((edit) => edit.personId))]);
    const ofField = (edit: FieldEdit) => edits.filter((other) => other.personId === edit.personId && other.column === edit.column);
    /** The edits of its field its writer had seen: its desk's own before it, and the others' its desk had received. */
    const seenBy = (edit: FieldEdit) => ofField(edit).filter((other) => edits.indexOf(other) < edits.indexOf(edit) && (other.desk === edit.desk || placeOf(other) <= edit.cursor));
    /** The latest version of the field its writer had seen: the file's registration, or an edit. */
    const baseOf = (edit: FieldEdit) => [bornAt.get(edit.personId)!, ...seenBy(edit).map(timeOf)].reduce((latest, time) => (time > latest ? time : latest));

    // The field's conflicts, worked out here from the edits alone: in the office's order, each edit
    // meets the value that stands (the latest by time so far, the registration's at first), and one
    // whose writer had not seen it is a conflict with it, the later of the two kept. (A person's
    // erasure takes the conflicts about them away: theirs are left out.)
    const expected = new Map<string, { kept: FieldEdit | null; lost: FieldEdit | null }>();
    const fields = new Map<string, FieldEdit[]>();
    for (const edit of edits.filter((edit) => !erased.has(edit.personId))) fields.set(`${edit.personId} ${edit.column}`, [...(fields.get(`${edit.personId} ${edit.column}`) ?? []), edit]);
    for (const [field, fieldEdits] of fields) {
      let standing: { time: string; edit: FieldEdit | null } = { time: bornAt.get(fieldEdits[0]!.personId)!, edit: null };
      for (const edit of fieldEdits.toSorted((one, other) => placeOf(one) - placeOf(other))) {
        const met = { time: timeOf(edit), edit };
        if (standing.edit !== null && !seenBy(edit).includes(standing.edit)) {
          const [kept, lost] = met.time > standing.time ? [met, standing] : [standing, met];
          expected.set(`${field} ${kept.time} ${lost.time}`, { kept: kept.edit, lost: lost.edit });
        }
        if (met.time > standing.time) standing = met;
      }
    }

    const first = conflictsOf(desks[0]!);
    for (const desk of desks) {
      const conflicts = conflictsOf(desk);
      // Every desk found the same conflicts of every kind (fields, duplicates, stages, numbers, deletions).
      expect(differing(conflicts, first), `${desk.name} and ${desks[0]!.name} found other conflicts`).toEqual([]);
      // The conflicts of files' fields are those, each with the two values. (Two desks that moved one
      // request at once both wrote its decision's columns too: those are conflicts of their own, alike.)
      const fieldConflicts = conflicts.filter((conflict) => conflict.kind === 'field' && conflict.entity === 'beneficiaries');
      expect(fieldConflicts.map((conflict) => `${conflict.row_id} ${conflict.field} ${conflict.kept_hlc} ${conflict.lost_hlc}`).toSorted(), `${desk.name}: the field conflicts`).toEqual(
        [...expected.keys()].toSorted(),
      );
      for (const conflict of fieldConflicts) {
        const { kept, lost } = expected.get(`${conflict.row_id} ${conflict.field} ${conflict.kept_hlc} ${conflict.lost_hlc}`)!;
        if (kept !== null) expect(JSON.parse(conflict.kept_value)).toBe(kept.value);
        if (lost !== null) expect(JSON.parse(conflict.lost_value)).toBe(lost.value);
      }
    }

    // Said the other way: of two edits of a field made apart (neither desk had received the other's),
    // the one the office placed second met the first's value, or a later one; unless its writer had
    // seen a value later than the first's (one that had already replaced it), it is in a conflict.
    const inConflict = new Set(first.filter((conflict) => conflict.kind === 'field').flatMap((conflict) => [conflict.kept_hlc, conflict.lost_hlc].map((time) => `${conflict.row_id} ${conflict.field} ${time}`)));
    const apart = edits.filter((edit) => !erased.has(edit.personId)).flatMap((edit) => edit.unseen.map((other) => (placeOf(other) < placeOf(edit) ? [other, edit] : [edit, other])));
    const meeting = apart.filter(([placedFirst, placedSecond]) => timeOf(placedFirst!) > baseOf(placedSecond!));
    for (const [placedFirst, placedSecond] of meeting) {
      const key = `${placedSecond!.personId} ${placedSecond!.column} ${timeOf(placedSecond!)}`;
      expect(inConflict.has(key), `an edit made apart from ${placedFirst!.opId} is in no conflict: ${key}`).toBe(true);
    }
    const alone = apart.filter((pair) => pair.every((edit) => !inConflict.has(`${edit.personId} ${edit.column} ${timeOf(edit)}`)));
    console.log(
      `office simulation of ${deskCount} desks: ${expected.size} field conflicts, alike on every desk with ${first.length - expected.size} others; ` +
        `${apart.length} pairs of edits made apart, ${meeting.length} of them met, ${alone.length} with neither in a conflict (the second had seen a later value)`,
    );
    expect(expected.size).toBeGreaterThan(0);
    expect(meeting.length).toBeGreaterThan(0);
  });

  it('keeps both files of an ID number registered at two desks while apart, and one duplicate for a supervisor, on every desk', () => {
    expect(sameIdPairs.length).toBeGreaterThan(0);
    for (const desk of desks) {
      const sqlite = sqliteOf(desk);
      const duplicates = conflictsOf(desk).filter((conflict) => conflict.kind === 'duplicate');
      for (const { idNumber, files } of sameIdPairs) {
        expect(sqlite.prepare('SELECT id FROM beneficiaries WHERE id_number = ? ORDER BY id').pluck().all(idNumber)).toEqual(files.toSorted());
        const named = duplicates.filter((conflict) => [conflict.kept_value, conflict.lost_value].toSorted().join() === files.map((file) => JSON.stringify(file)).toSorted().join());
        expect(named, `${desk.name}: the duplicate of ${idNumber}`).toHaveLength(1);
      }
      expect(duplicates).toHaveLength(sameIdPairs.length);
    }
  });

  it('gives every number once per series and year, and accounts for every number reserved: used, void, or still in a desk’s blocks', async () => {
    const sqlite = sqliteOf(desks[0]!);
    const used: Array<[string, number]> = [
      ...(sqlite.prepare('SELECT file_number FROM beneficiaries').pluck().all() as string[]).map((number): [string, number] => [`file_number:${number.slice(0, 4)}`, Number(number.slice(5))]),
      ...(sqlite.prepare('SELECT number FROM requests').pluck().all() as string[]).map((number): [string, number] => [`requests:${number.slice(2, 6)}`, Number(number.slice(7))]),
      ...(sqlite.prepare(`SELECT number FROM letters WHERE direction = 'outgoing'`).pluck().all() as string[]).map((number): [string, number] => [`letters.outgoing:${number.slice(0, 4)}`, Number(number.slice(5))]),
    ];
    const key = ([series, number]: [string, number]) => `${series} ${number}`;
    const usedKeys = used.map(key);
    expect(new Set(usedKeys).size, 'a number given twice').toBe(usedKeys.length);
    const voided = (sqlite.prepare('SELECT series, number FROM voided_numbers').all() as Array<{ series: string; number: number }>).map((row) => key([row.series, row.number]));
    const unused = desks.flatMap((desk) =>
      (sqliteOf(desk).prepare('SELECT series, next, last FROM number_blocks WHERE next <= last').all() as Array<{ series: string; next: number; last: number }>).flatMap((block) =>
        Array.from({ length: block.last - block.next + 1 }, (_, offset) => key([block.series, block.next + offset])),
      ),
    );
    const blocks = await server!.database.db.selectFrom('number_blocks').select(['series', 'first', 'last']).execute();
    const reserved = blocks.flatMap((block) => Array.from({ length: Number(block.last) - Number(block.first) + 1 }, (_, offset) => key([block.series, Number(block.first) + offset])));
    const accounted = [...usedKeys, ...voided, ...unused];
    expect(new Set(accounted).size, 'a number both used and void or unused').toBe(accounted.length);
    expect(accounted.toSorted()).toEqual(reserved.toSorted());
  });

  it('keeps every desk’s audit chain whole, and the office’s record and its witness of each desk’s chain', async () => {
    for (const desk of desks) expect(expectOk<AuditVerification>(await call(desk, 'audit.verify', {}))).toMatchObject({ intact: true, problem: null });
    const verified = await verifyOfficeRecord(server!.database.db);
    expect(verified.operations.holds).toBe(true);
    expect(verified.desks.filter((desk) => !desk.holds)).toEqual([]);
  });
});

/** The editable fields of a person's file as the update call takes them. */
function pickFields(person: BeneficiaryDetail) {
  const { id: _id, fileNumber: _file, fullName: _name, eligibility: _e, eligibilityDecidedAt: _d, eligibilityHistory: _h, consentRecordedBy: _c, rowVersion: _v, createdAt: _ca, updatedAt: _ua, ...fields } = person;
  return fields;
}

// A note on what the simulation shows of the field conflicts, and does not assert:
// - An edit's writer "had seen" a value when its desk had received it, or made it: the merge knows
//   this from the edit's base, the latest version of the field its desk held (sync_field_versions,
//   sent as field_bases). Of two edits made apart, the one placed second may have met a value later
//   than the other's that its writer had seen (its own desk's next edit, say): it wrote over nothing
//   it had not seen, and is in no conflict; the other's value had given way before, to an edit whose
//   writer had seen it, or in a conflict of its own. The run counts such pairs ("neither in a
//   conflict"); every other pair made apart is asserted.
// - A desk's own edit is in its record before the office places it: until it comes back, the desk
//   keeps the field as the office's order has it (sync_office_fields), so that it weighs the others'
//   changes as a desk that made none of them does.
// - A conflict stays until a supervisor settles it, whatever is written after it.
