// The demo seed: generated people written through the services into a real encrypted database,
// then found again through the search service; and the CLI's refusal of bad arguments.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { generateBeneficiaries, seedBeneficiaries, type GeneratedBeneficiary } from '../../electron/tools/seed/generate';
import { seedPrograms, type ProgramSeedReport } from '../../electron/tools/seed/programs';
import { seedSatisfaction } from '../../electron/tools/seed/satisfaction';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import { idNumberProblem, type IdType } from '../../electron/api/fields/saudi-id';
import { listDistricts } from '../../electron/services/app/service';
import { searchBeneficiaries } from '../../electron/services/search/service';
import { normalizeNameForCompare } from '../../electron/services/search/normalize';
import packageJson from '../../package.json';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COUNT = 300;

let directory: string;
let opened: OpenedDatabase;
let districtIds: string[];
const seeded: Array<{ id: string; person: GeneratedBeneficiary }> = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'wasl-seed-'));
  const databasePath = join(directory, 'wasl.db');
  opened = openDatabase(databasePath, { key: randomBytes(32) });
  migrate(opened.sqlite);
  districtIds = (await listDistricts(opened.db)).map((district) => district.id);
  await seedBeneficiaries(opened.sqlite, {
    count: COUNT,
    seed: 7,
    districtIds,
    onInserted: (person, id) => seeded.push({ id, person }),
  });
});

afterAll(async () => {
  await opened?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('seeding', () => {
  it('writes every generated person', () => {
    expect(seeded).toHaveLength(COUNT);
    expect(opened.sqlite.prepare('SELECT count(*) FROM beneficiaries').pluck().get()).toBe(COUNT);
  });

  it('gives everyone a valid ID number that nobody else holds, matching their nationality', () => {
    const rows = opened.sqlite.prepare('SELECT id_type, id_number, nationality, residency_status FROM beneficiaries').all() as Array<{
      id_type: IdType;
      id_number: string;
      nationality: string;
      residency_status: string;
    }>;
    for (const row of rows) {
      expect(idNumberProblem(row.id_type, row.id_number), row.id_number).toBeNull();
      if (row.id_type === 'national_id') expect(row.nationality).toBe('SA');
      else expect([row.id_type, row.nationality !== 'SA', row.residency_status]).toEqual(['iqama', true, 'resident']);
    }
    expect(new Set(rows.map((row) => row.id_number)).size).toBe(COUNT);
  });

  it('stores one or two phones per person, normalized to +9665…', () => {
    const phones = opened.sqlite.prepare('SELECT phone FROM beneficiary_phones').pluck().all() as string[];
    for (const phone of phones) expect(phone).toMatch(/^\+9665\d{8}$/);
    const perPerson = opened.sqlite
      .prepare('SELECT b.seq, count(p.id) AS phones FROM beneficiaries b LEFT JOIN beneficiary_phones p ON p.beneficiary_id = b.id GROUP BY b.seq')
      .all() as Array<{ phones: number }>;
    for (const { phones: count } of perPerson) expect(count === 1 || count === 2).toBe(true);
    // The typed forms vary, as at a real desk.
    const typed = seeded.flatMap(({ person }) => person.input.phones).filter((phone): phone is string => typeof phone === 'string');
    expect(typed.some((phone) => phone.startsWith('+966'))).toBe(true);
    expect(typed.some((phone) => /^05\d \d{3} \d{4}$/.test(phone))).toBe(true);
  });

  it('makes the same people from the same seed, and others from another seed', () => {
    const names = (seed: number) =>
      [...generateBeneficiaries(50, seed, { districtIds, to: new Date('2026-01-01T00:00:00Z') })].map(({ input }) => input);
    expect(names(7)).toEqual(names(7));
    expect(names(8)).not.toEqual(names(7));
  });

  it('records an eligibility decision for some people and leaves the others pending', () => {
    const decided = opened.sqlite.prepare(`SELECT count(*) FROM beneficiaries WHERE eligibility != 'pending'`).pluck().get() as number;
    expect(decided).toBe(seeded.filter(({ person }) => person.decision !== null).length);
    expect(decided / COUNT).toBeGreaterThan(0.4);
    expect(decided / COUNT).toBeLessThan(0.8);
  });
});

describe('searching the seeded people', () => {
  it('finds each person first by their ID number', async () => {
    for (const { id, person } of seeded) {
      const results = await searchBeneficiaries(opened.db, { query: person.fields.idNumber, limit: 10 });
      expect(results.hits[0]?.id, person.fields.idNumber).toBe(id);
    }
  });

  /** The full name as stored, and whether the search put its owner (or a namesake) first and in the top ten. */
  async function searchByFullName() {
    const owners = new Map<string, string[]>();
    for (const { id, person } of seeded) {
      const folded = normalizeNameForCompare(partsOf(person));
      owners.set(folded, [...(owners.get(folded) ?? []), id]);
    }
    const outcomes = [];
    for (const { id, person } of seeded) {
      const query = partsOf(person).join(' ');
      const folded = normalizeNameForCompare(partsOf(person));
      const { hits } = await searchBeneficiaries(opened.db, { query, limit: 10 });
      outcomes.push({
        query,
        first: owners.get(folded)?.includes(hits[0]?.id ?? '') ?? false,
        found: hits.some((hit) => hit.id === id),
        // محمد عبدالله محمد, أحمد … الأحمد: a folded word that comes back.
        repeatsAWord: new Set(folded.split(' ').map((word) => word.replace(/^ال(?=..)/, ''))).size < folded.split(' ').length,
        top: hits[0]?.fullName ?? 'nobody',
      });
    }
    return outcomes;
  }

  it('finds each person by their full name, first unless a word of the name repeats', async () => {
    const outcomes = await searchByFullName();
    expect(outcomes.filter((outcome) => !outcome.found).map((outcome) => outcome.query)).toEqual([]);
    expect(
      outcomes.filter((outcome) => !outcome.repeatsAWord && !outcome.first).map((outcome) => `${outcome.query} → ${outcome.top}`),
    ).toEqual([]);
  });

  // A repeated word ("أحمد عبد الله أحمد الأحمد" is searched as [عبدالله, احمد]) used to lose the
  // owner's place; the whole-name match now puts them first.
  it('finds each person first by their full name even when a word of the name repeats', async () => {
    const outcomes = await searchByFullName();
    expect(outcomes.filter((outcome) => outcome.repeatsAWord && !outcome.first).map((outcome) => `${outcome.query} → ${outcome.top}`)).toEqual([]);
  });
});

describe('seeding programs', () => {
  const NOW = new Date('2026-12-06T09:00:00Z');
  let report: ProgramSeedReport;
  let administrator: string;
  const all = <T>(query: string, ...parameters: unknown[]) => opened.sqlite.prepare(query).all(...parameters) as T[];
  const one = <T>(query: string) => opened.sqlite.prepare(query).pluck().get() as T;

  /** What the programs seeded are, without their ids (new at every run): names, dates, fees, stages and marks. */
  const summaryOf = (sqlite: Database.Database) => {
    const read = (query: string) => sqlite.prepare(query).all();
    return {
      programs: read(`SELECT name_ar, kind, status, starts_on, ends_on, capacity, has_interview FROM programs ORDER BY starts_on, name_ar`),
      fees: read(`SELECT p.name_ar, f.amount, f.announced_on FROM program_fees f JOIN programs p ON p.id = f.program_id ORDER BY p.starts_on, p.name_ar`),
      stages: read(`SELECT stage, count(*) AS n FROM program_enrolments GROUP BY stage ORDER BY stage`),
      marks: read(`SELECT status, count(*) AS n FROM program_attendance GROUP BY status ORDER BY status`),
    };
  };

  beforeAll(async () => {
    // The administrator who runs them, as the setup screen would have made: the system account interviews no one.
    administrator = uuidv7();
    opened.sqlite
      .prepare(
        `INSERT INTO users (id, username, display_name, role, active, language, must_change_password, created_at, updated_at, created_by, updated_by)
         VALUES (?, 'admin', 'مدير النظام', 'administrator', 1, 'ar', 0, ?, ?, ?, ?)`,
      )
      .run(administrator, NOW.toISOString(), NOW.toISOString(), SYSTEM_USER_ID, SYSTEM_USER_ID);
    report = await seedPrograms(opened.db, { seed: 7, actorId: administrator, now: NOW });
  }, 120_000);

  it('makes a few programs of each kind over the two years up to today, their fees published before registration opened', () => {
    const kinds = all<{ kind: string; n: number }>(`SELECT kind, count(*) AS n FROM programs GROUP BY kind`);
    expect(kinds.map((row) => row.kind).sort()).toEqual(['awareness', 'family_support', 'other', 'rehabilitation', 'training']);
    expect(kinds.every((row) => row.n >= 3)).toBe(true);
    expect(report.programs).toBe(one<number>('SELECT count(*) FROM programs'));
    // The first in the two years' first half-year, the last still to come.
    expect(one<string>('SELECT min(starts_on) FROM programs') < '2025-06-06').toBe(true);
    expect(one<string>('SELECT max(starts_on) FROM programs') > '2026-12-06').toBe(true);
    const statuses = new Set(all<{ status: string }>('SELECT status FROM programs').map((row) => row.status));
    for (const status of ['completed', 'running', 'open']) expect(statuses, status).toContain(status);
    // Every program that opened had its fee published first, and some charge one.
    const openedBeforeFee = one<number>(`SELECT count(*) FROM program_events e WHERE e.to_status = 'open'
      AND NOT EXISTS (SELECT 1 FROM program_fees f WHERE f.program_id = e.program_id AND f.created_at <= e.at)`);
    expect(openedBeforeFee).toBe(0);
    expect(one<number>('SELECT count(*) FROM program_fees WHERE amount > 0')).toBeGreaterThan(0);
    expect(one<number>('SELECT count(*) FROM programs WHERE has_interview = 1')).toBeGreaterThan(0);
  });

  it('enrols the eligible across the stages, interviewing where the program interviews, waitlisting past capacity', () => {
    const stages = new Set(all<{ stage: string }>('SELECT stage FROM program_enrolments').map((row) => row.stage));
    for (const stage of ['completed', 'active', 'waitlisted', 'interviewed', 'withdrawn']) expect(stages, stage).toContain(stage);
    expect(report.enrolments).toBe(one<number>('SELECT count(*) FROM program_enrolments'));
    expect(one<number>(`SELECT count(*) FROM program_enrolments e JOIN beneficiaries b ON b.id = e.beneficiary_id WHERE b.eligibility != 'eligible'`)).toBe(0);
    expect(one<number>(`SELECT count(*) FROM program_enrolments WHERE interview_result IS NOT NULL`)).toBeGreaterThan(0);
    const overCapacity = one<number>(`SELECT count(*) FROM programs p WHERE capacity <
      (SELECT count(*) FROM program_enrolments e WHERE e.program_id = p.id AND e.stage IN ('accepted', 'active', 'completed'))`);
    expect(overCapacity).toBe(0);
    // Each enrolment's steps are events, dated, on the audit log as the desk writes them.
    expect(one<number>(`SELECT count(*) FROM program_enrolment_events`)).toBeGreaterThan(report.enrolments);
    expect(one<number>(`SELECT count(*) FROM audit_log WHERE action = 'enrolment.moved'`)).toBeGreaterThan(0);
  });

  it('takes attendance at every session held, over most of the two years, mostly present', () => {
    expect(report.marks).toBe(one<number>('SELECT count(*) FROM program_attendance'));
    const marks = Object.fromEntries(all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM program_attendance GROUP BY status').map((row) => [row.status, row.n]));
    expect(Object.keys(marks).sort()).toEqual(['excused', 'late', 'present', 'unexcused']);
    expect(marks.present! / report.marks).toBeGreaterThan(0.6);
    const span = all<{ first: string; last: string }>(`SELECT min(s.date) AS first, max(s.date) AS last FROM program_attendance a JOIN program_sessions s ON s.id = a.session_id`)[0]!;
    expect(Date.parse(span.last) - Date.parse(span.first)).toBeGreaterThan(500 * 24 * 3600_000);
    expect(span.last <= '2026-12-06').toBe(true);
    // No session to come has a mark.
    expect(one<number>(`SELECT count(*) FROM program_attendance a JOIN program_sessions s ON s.id = a.session_id WHERE s.date > '2026-12-06'`)).toBe(0);
  });

  it('makes the same programs from the same seed and people', async () => {
    const first = summaryOf(opened.sqlite);
    const directoryAgain = mkdtempSync(join(tmpdir(), 'wasl-seed-again-'));
    const again = openDatabase(join(directoryAgain, 'wasl.db'), { key: randomBytes(32) });
    try {
      migrate(again.sqlite);
      await seedBeneficiaries(again.sqlite, { count: COUNT, seed: 7, districtIds });
      again.sqlite
        .prepare(`INSERT INTO users (id, username, display_name, role, active, language, must_change_password, created_at, updated_at, created_by, updated_by)
           VALUES (?, 'admin', 'مدير النظام', 'administrator', 1, 'ar', 0, ?, ?, ?, ?)`)
        .run(administrator, NOW.toISOString(), NOW.toISOString(), SYSTEM_USER_ID, SYSTEM_USER_ID);
      await seedPrograms(again.db, { seed: 7, actorId: administrator, now: NOW });
      expect(summaryOf(again.sqlite)).toEqual(first);
    } finally {
      await again.close();
      rmSync(directoryAgain, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('seeding satisfaction', () => {
  const NOW = new Date('2026-12-06T09:00:00Z');
  const one = <T>(query: string) => opened.sqlite.prepare(query).pluck().get() as T;
  const all = <T>(query: string) => opened.sqlite.prepare(query).all() as T[];

  it('offers the shipped questionnaire on the year’s completed enrolments, two in three answered, spread over the ways of answering, as the services write them', async () => {
    const administrator = one<string>(`SELECT id FROM users WHERE username = 'admin'`);
    const completed = one<number>(`SELECT count(*) FROM program_enrolments WHERE stage = 'completed' AND stage_since >= '2025-12-06'`);
    const report = await seedSatisfaction(opened.db, { seed: 7, actorId: administrator, now: NOW });
    expect(report.offers).toBe(completed);
    expect(report.offers).toBeGreaterThan(20);
    expect(one<number>('SELECT count(*) FROM questionnaire_offers')).toBe(report.offers);
    expect(one<number>('SELECT count(*) FROM questionnaire_responses')).toBe(report.responses);
    expect(report.responses / report.offers).toBeGreaterThan(0.5);
    expect(report.responses / report.offers).toBeLessThan(0.8);
    expect(one<number>(`SELECT count(*) FROM questionnaire_offers WHERE status = 'declined'`)).toBe(report.declined);
    // Answered within the year, never after today; every way of answering used; some comments, in Arabic.
    expect(one<string>('SELECT min(answered_on) FROM questionnaire_responses') >= '2025-12-06').toBe(true);
    expect(one<string>('SELECT max(answered_at) FROM questionnaire_responses') <= NOW.toISOString()).toBe(true);
    expect(all<{ mode: string }>('SELECT DISTINCT mode FROM questionnaire_responses ORDER BY mode').map((row) => row.mode)).toEqual(['kiosk', 'paper', 'phone']);
    expect(report.comments).toBeGreaterThan(0);
    expect(one<string>(`SELECT json_extract(answers, '$.comment') FROM questionnaire_responses WHERE json_extract(answers, '$.comment') IS NOT NULL LIMIT 1`)).toMatch(/[\u0600-\u06ff]/);
    // Each response's offer answered, each move on the audit log.
    expect(one<number>(`SELECT count(*) FROM questionnaire_offers o WHERE status = 'responded' AND NOT EXISTS (SELECT 1 FROM questionnaire_responses r WHERE r.offer_id = o.id)`)).toBe(0);
    expect(one<number>(`SELECT count(*) FROM audit_log WHERE action = 'satisfaction.responseRecorded'`)).toBe(report.responses);
    // Run again, nothing is offered twice.
    expect((await seedSatisfaction(opened.db, { seed: 7, actorId: administrator, now: NOW })).offers).toBe(0);
  }, 120_000);
});

const partsOf = ({ fields }: GeneratedBeneficiary) => [fields.firstName, fields.fatherName, fields.grandfatherName, fields.familyName];

describe('the seed:demo command', () => {
  // The script `npm run seed:demo` runs, run the same way (tsx), without npm's and npx's own start-up.
  const script = /^tsx (\S+)$/.exec(packageJson.scripts['seed:demo'])?.[1] ?? '';
  const seedDemo = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPOSITORY, encoding: 'utf8', timeout: 60_000 });

  it('refuses a command without --db, with its usage', () => {
    const run = seedDemo('--beneficiaries', '10');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/seed:demo: --db PATH is required/);
    expect(run.stderr).toMatch(/usage: npm run seed:demo -- --db PATH --beneficiaries N/);
  }, 60_000);

  it('refuses a count that is not a number: names the bad value and creates nothing', () => {
    const databasePath = join(directory, 'refused', 'wasl.db');
    const run = seedDemo('--db', databasePath, '--beneficiaries', 'abc');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--beneficiaries must be a whole number from 1 to 2000000, not "abc"');
    expect(run.stderr).toMatch(/usage: npm run seed:demo -- --db PATH --beneficiaries N/);
    expect(existsSync(databasePath)).toBe(false);
  }, 60_000);
});
