/**
 * `npm run bench`: the registry at 100,000 beneficiaries and 2,000,000 contacts on this machine.
 *
 * Seeds a fresh temporary encrypted database with the demo generator, then measures the name index
 * rebuild, searches at the service level, registrations and list pages through the real dispatcher,
 * and the size of the result. Prints one figure per line as `name value unit`; lines starting with
 * `#` are comments. `--keep` leaves the database in place (its path is printed). `WASL_BENCH=search`
 * stops after the searches and the name index rebuild (the seeding of the 100,000 people included),
 * for a quicker look at search alone.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rebuildNameIndex } from '../../electron/services/search/reindex';
import { generateBeneficiaries, seedBeneficiaries, type GeneratedBeneficiary } from '../../electron/tools/seed/generate';
import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import { createRng, FEMALE_NAMES, MALE_NAMES, respell, type Rng, SAUDI_FAMILY_NAMES } from '../../electron/tools/seed/names';
import type { BeneficiaryDetail, BeneficiaryPage } from '../../electron/api/beneficiaries';
import type { Result } from '../../electron/api/result';
import type { SearchResults } from '../../electron/api/search';
import { openWasl } from '../../electron/core/open-wasl';
import { BENCH_CASEWORK, BENCH_OFFICERS, seedCasework, seedOfficers } from './casework';
import { benchCoreHop, benchWhileBackingUp } from './core';
import { benchExcelExport } from './excel';
import { benchOfficeServerLoad } from './office-server-load';
import { benchPrograms } from './programs';
import { benchSatisfaction } from './satisfaction';
import { benchSync } from './sync';
import { benchReportPdf } from './report-pdf';
import { benchForgivingSearch, buildForgivingQueries } from './search-forgiving';
import { myQueues } from '../../electron/services/queues/service';
import { listDistricts } from '../../electron/services/app/service';
import { searchBeneficiaries } from '../../electron/services/search/service';
import { normalizeNameForCompare } from '../../electron/services/search/normalize';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';

const BENEFICIARIES = 100_000;
const SEED = 20_260_101;
const SAMPLE_EVERY = 40; // 2,500 people kept to build queries from
const REGISTRATIONS = 300;
const CONTACTS = 2_000_000;
/** The contacts span the two years up to this day (UTC midnight). */
const CONTACTS_END = Date.UTC(2026, 10, 1);
const DAY_MS = 24 * 60 * 60 * 1000;
const BENCH_PASSWORD = 'quiet hours at the desk';

type Kind = 'name' | 'id' | 'phone';
interface Query {
  kind: Kind;
  label: string;
  text: string;
  /** For full-name and full-ID queries: whose record should come first. */
  owner?: string;
}
interface Sampled {
  id: string;
  person: GeneratedBeneficiary;
}

const line = (name: string, value: number, unit: string, digits = 2) => console.log(`${name} ${value.toFixed(digits)} ${unit}`);
const comment = (text: string) => console.log(`# ${text}`);

/**
 * Two years of contacts spread over everyone, written straight into the table in large transactions
 * (the bench measures reading and logging, not the seeding).
 */
function seedContacts(sqlite: Database.Database, people: readonly string[], officerId: string, count: number, rng: Rng): void {
  const channels = ['in_person', 'phone', 'social_media', 'letter', 'website'] as const;
  const purposes = ['inquiry', 'note', 'complaint', 'request', 'suggestion', 'follow_up', 'notification'] as const;
  const insert = sqlite.prepare(
    `INSERT INTO contacts (id, beneficiary_id, channel, direction, purpose, summary, occurred_at, duration_minutes, officer_id,
       created_at, updated_at, created_by, updated_by)
     VALUES (?, ?, ?, 'incoming', ?, 'متابعة معتادة', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const end = CONTACTS_END;
  const span = 2 * 365 * DAY_MS;
  const batch = sqlite.transaction((size: number) => {
    for (let index = 0; index < size; index += 1) {
      const at = new Date(end - rng.next() * span).toISOString();
      insert.run(uuidv7(), rng.pick(people), rng.pick(channels), rng.pick(purposes), at, rng.int(1, 45), officerId, at, at, officerId, officerId);
    }
  });
  for (let done = 0; done < count; done += 50_000) batch(Math.min(50_000, count - done));
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const cpu = cpus();
  comment(
    `wasl bench: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'}), node ${process.version}, ` +
      `${process.platform}-${process.arch}, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`,
  );
  const directory = mkdtempSync(join(tmpdir(), 'wasl-bench-'));
  const databasePath = join(directory, 'wasl.db');
  try {
    await run(databasePath);
  } finally {
    if (keep) comment(`database kept at ${databasePath} (administrator "bench", password "${BENCH_PASSWORD}")`);
    else rmSync(directory, { recursive: true, force: true });
  }
}

async function run(databasePath: string): Promise<void> {
  // ---- seed ------------------------------------------------------------------------------------
  // Set up as the setup screen does; the seeding and the service-level searches use the database the
  // desk opened, the registrations and lists go through the dispatcher as the screens do.
  const wasl = openWasl({ databasePath, appVersion: 'bench' });
  expectOk(
    await wasl.dispatch('session.setup', { associationName: 'bench', username: 'bench', displayName: 'bench', password: BENCH_PASSWORD }),
    'setup',
  );
  const bulk = wasl.desk.openDatabase;
  if (!bulk) throw new Error('the database did not open at setup');
  const districtIds = (await listDistricts(bulk.db)).map((district) => district.id);
  const sampled: Sampled[] = [];
  let inserted = 0;
  const seedStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  await seedBeneficiaries(bulk.sqlite, {
    count: BENEFICIARIES,
    seed: SEED,
    districtIds,
    onInserted: (person, id) => {
      inserted += 1;
      if (inserted % SAMPLE_EVERY === 0) sampled.push({ id, person });
    },
  });
  bulk.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const seedCpu = process.cpuUsage(cpuStarted);
  line('seed_100k', seedSeconds, 's', 1);
  comment(`seeding used ${((seedCpu.user + seedCpu.system) / 1e6).toFixed(1)} s of CPU (${(seedCpu.system / 1e6).toFixed(1)} s system)`);

  // ---- search ----------------------------------------------------------------------------------
  const namesakes = new Set(
    bulk.sqlite
      .prepare('SELECT name_normalized FROM beneficiaries GROUP BY name_normalized HAVING count(*) > 1')
      .pluck()
      .all() as string[],
  );
  const sharing = bulk.sqlite
    .prepare('SELECT count(*) FROM beneficiaries WHERE name_normalized IN (SELECT name_normalized FROM beneficiaries GROUP BY name_normalized HAVING count(*) > 1)')
    .pluck()
    .get() as number;
  comment(`${((100 * sharing) / BENEFICIARIES).toFixed(1)}% of the people share their full (folded) name with someone else; full-name queries use people with a unique name`);

  const queries = buildQueries(sampled, namesakes, createRng(SEED + 1));
  const counts = { name: 0, id: 0, phone: 0 };
  for (const query of queries) counts[query.kind] += 1;
  comment(`${queries.length} search queries: ${counts.name} names, ${counts.id} ID numbers, ${counts.phone} phones`);

  const search = (text: string) => searchBeneficiaries(bulk.db, { query: text, limit: 10 });
  for (const query of queries.slice(0, 80)) await search(query.text); // warm-up
  const measured = await measureSearches(queries, search);
  const all = measured.map((entry) => entry.ms);
  line('search_p50', percentile(all, 0.5), 'ms');
  line('search_p95', percentile(all, 0.95), 'ms');
  line('search_max', Math.max(...all), 'ms');
  for (const kind of ['name', 'id', 'phone'] as const) {
    line(`search_${kind}_p95`, percentile(measured.filter((entry) => entry.query.kind === kind).map((entry) => entry.ms), 0.95), 'ms');
  }
  reportTopOne(measured);
  reportSlowest(measured);

  // The start of a phone number, as the box searches while the officer types it (not in the mix above).
  const typing = phoneTypingQueries(sampled, createRng(SEED + 3));
  const typed = await measureSearches(typing, search);
  line('search_phone_typing_p50', percentile(typed.map((entry) => entry.ms), 0.5), 'ms');
  line('search_phone_typing_max', Math.max(...typed.map((entry) => entry.ms)), 'ms');
  comment(`phone typing: ${typed.map((entry) => `"${entry.query.text}" ${entry.ms.toFixed(1)} ms (${entry.results.hits.length} hits)`).join('; ')}`);

  // Arabic typed on the English keyboard and names with a one-letter slip (both fall back to more
  // lookups), Latin names written other ways, the ends of ID and file numbers.
  const fileNumberOf = bulk.sqlite.prepare('SELECT file_number FROM beneficiaries WHERE id = ?').pluck();
  const forgiving = buildForgivingQueries(
    sampled,
    createRng(SEED + 7),
    (id) => fileNumberOf.get(id) as string,
    ({ fields }) => !namesakes.has(normalizeNameForCompare([fields.firstName, fields.fatherName, fields.grandfatherName, fields.familyName])),
  );
  await benchForgivingSearch(forgiving, search, { line, comment });

  // ---- name index rebuild ----------------------------------------------------------------------
  // The re-index a migration runs when the folding rules change (db/migrations/0011-names-refolded.ts).
  const rebuildStarted = performance.now();
  const reindexed = bulk.sqlite.transaction(() => rebuildNameIndex(bulk.sqlite)).immediate();
  comment(`re-indexed ${reindexed} people`);
  line('index_build', (performance.now() - rebuildStarted) / 1000, 's');
  const optimizeStarted = performance.now();
  bulk.sqlite.prepare(`INSERT INTO beneficiary_name_index (beneficiary_name_index) VALUES ('optimize')`).run();
  line('index_optimize', (performance.now() - optimizeStarted) / 1000, 's');
  const afterOptimize = await measureSearches(queries, search);
  line('search_p95_optimized_index', percentile(afterOptimize.map((entry) => entry.ms), 0.95), 'ms');
  comment(`name words for close spellings: ${bulk.sqlite.prepare('SELECT count(*) FROM name_words').pluck().get() as number}, with ${bulk.sqlite.prepare('SELECT count(*) FROM name_word_deletions').pluck().get() as number} deletions`);
  if (process.env.WASL_BENCH === 'search') {
    await wasl.close();
    return;
  }
  const takenIds = bulk.sqlite.prepare('SELECT id_number FROM beneficiaries').pluck().all() as string[];

  // ---- registrations and lists through the dispatcher -------------------------------------------
  const newcomers = [...generateBeneficiaries(REGISTRATIONS + 30, SEED + 2, { districtIds, takenIdNumbers: takenIds })];
  const register = async (person: GeneratedBeneficiary) =>
    expectOk<BeneficiaryDetail>(await wasl.dispatch('beneficiaries.register', { fields: person.input, confirmNotDuplicate: true }), 'register');
  for (const person of newcomers.slice(0, 30)) await register(person); // warm-up
  const registrations: number[] = [];
  for (const person of newcomers.slice(30)) {
    const started = performance.now();
    await register(person);
    registrations.push(performance.now() - started);
  }
  line('register_p50', percentile(registrations, 0.5), 'ms');
  line('register_p95', percentile(registrations, 0.95), 'ms');

  const filters: Array<Record<string, unknown>> = [
    {},
    { category: 'family_member' },
    { districtId: districtIds[0] },
    { eligibility: 'eligible' },
    { status: 'active' },
    { category: 'prisoner', districtId: districtIds[1] },
  ];
  const pages: Array<Record<string, unknown>> = [];
  for (const filter of filters) for (const sort of ['name', 'newest']) for (const page of [1, 500]) pages.push({ ...filter, sort, page, pageSize: 50 });
  for (const input of pages) expectOk<BeneficiaryPage>(await wasl.dispatch('beneficiaries.list', input), 'list'); // warm-up
  const lists: Array<{ ms: number; input: Record<string, unknown> }> = [];
  for (let round = 0; round < 5; round += 1) {
    for (const input of pages) {
      const started = performance.now();
      expectOk<BeneficiaryPage>(await wasl.dispatch('beneficiaries.list', input), 'list');
      lists.push({ ms: performance.now() - started, input });
    }
  }
  line('list_p50', percentile(lists.map((entry) => entry.ms), 0.5), 'ms');
  line('list_p95', percentile(lists.map((entry) => entry.ms), 0.95), 'ms');
  const slowestList = lists.reduce((slowest, entry) => (entry.ms > slowest.ms ? entry : slowest));
  comment(`slowest list page: ${slowestList.ms.toFixed(1)} ms for ${JSON.stringify(slowestList.input)}`);

  // ---- contacts: 2,000,000 over two years, then logging and timelines through the dispatcher -------
  const everyone = bulk.sqlite.prepare('SELECT id FROM beneficiaries').pluck().all() as string[];
  const officerId = (bulk.sqlite.prepare(`SELECT id FROM users WHERE username = 'bench'`).pluck().get() as string);
  const contactsStarted = performance.now();
  // A larger page cache while seeding only: two million rows land in four indexes at random places.
  const cacheSize = bulk.sqlite.pragma('cache_size', { simple: true }) as number;
  bulk.sqlite.pragma('cache_size = -1000000');
  seedContacts(bulk.sqlite, everyone, officerId, CONTACTS, createRng(SEED + 3));
  line('seed_contacts', (performance.now() - contactsStarted) / 1000, 's', 1);
  const caseworkStarted = performance.now();
  const owners = [officerId, ...seedOfficers(bulk.sqlite, officerId, BENCH_OFFICERS - 1)];
  seedCasework(bulk.sqlite, { people: everyone, owners, now: Date.now(), counts: BENCH_CASEWORK, rng: createRng(SEED + 5) });
  bulk.sqlite.pragma(`cache_size = ${cacheSize}`);
  line('seed_casework', (performance.now() - caseworkStarted) / 1000, 's', 1);
  comment(
    `casework: ${BENCH_CASEWORK.requests} requests, ${BENCH_CASEWORK.complaints} complaints, ${BENCH_CASEWORK.letters} letters, ${BENCH_CASEWORK.inquiries} inquiries, ` +
      `${BENCH_OFFICERS} officers; open requests ${bulk.sqlite.prepare(`SELECT count(*) FROM requests WHERE stage NOT IN ('closed', 'withdrawn')`).pluck().get() as number}`,
  );
  // Minutes of seeding without a call lock the desk, as they would an officer's: unlock as they would.
  expectOk(await wasl.dispatch('session.unlock', { password: BENCH_PASSWORD }), 'unlock');
  const contactRng = createRng(SEED + 4);
  const logOne = () =>
    wasl.dispatch('contacts.log', {
      beneficiaryId: contactRng.pick(everyone),
      channel: contactRng.pick(['in_person', 'phone', 'social_media', 'letter', 'website'] as const),
      direction: 'incoming',
      purpose: 'inquiry',
      platform: 'whatsapp',
      summary: 'استفسار عن موعد صرف المساعدة',
      phoneNumber: '0551234567',
    });
  for (let warm = 0; warm < 30; warm += 1) expectOk(await logOne(), 'log contact');
  const logged: number[] = [];
  for (let index = 0; index < 300; index += 1) {
    const started = performance.now();
    expectOk(await logOne(), 'log contact');
    logged.push(performance.now() - started);
  }
  line('log_contact_p95', percentile(logged, 0.95), 'ms');
  const timelines: number[] = [];
  for (let index = 0; index < 300; index += 1) {
    const started = performance.now();
    expectOk(await wasl.dispatch('beneficiaries.timeline', { id: contactRng.pick(everyone), limit: 50 }), 'timeline');
    timelines.push(performance.now() - started);
  }
  line('timeline_p95', percentile(timelines, 0.95), 'ms');
  // One person with thousands of dealings (a family the association has served for years).
  const regular = contactRng.pick(everyone);
  seedContacts(bulk.sqlite, [regular], officerId, 5_000, createRng(SEED + 6));
  const heavy: number[] = [];
  for (let index = 0; index < 100; index += 1) {
    const started = performance.now();
    expectOk(await wasl.dispatch('beneficiaries.timeline', { id: regular, limit: 50 }), 'timeline');
    heavy.push(performance.now() - started);
  }
  line('timeline_5000_entries_p95', percentile(heavy, 0.95), 'ms');
  const filtered: number[] = [];
  for (let index = 0; index < 100; index += 1) {
    const started = performance.now();
    const filter = index % 2 === 0 ? { channel: 'website' as const } : { kinds: ['request' as const, 'letter' as const] };
    expectOk(await wasl.dispatch('beneficiaries.timeline', { id: regular, limit: 50, ...filter }), 'timeline');
    filtered.push(performance.now() - started);
  }
  line('timeline_5000_entries_filtered_p95', percentile(filtered, 0.95), 'ms');

  // ---- work queues: every officer's home screen (all six queues in one read), and the office's ----
  // Measured as the home screen asks for them: one call answers the six queues at once, so each
  // queue is at most this figure.
  const mine: number[] = [];
  for (let round = 0; round < 30; round += 1) {
    for (const owner of owners) {
      const started = performance.now();
      await myQueues(bulk.db, owner, new Date());
      mine.push(performance.now() - started);
    }
  }
  line('queues_mine_p95', percentile(mine, 0.95), 'ms');
  const office: number[] = [];
  for (let round = 0; round < 50; round += 1) {
    const started = performance.now();
    expectOk(await wasl.dispatch('queues.office', {}), 'office queues');
    office.push(performance.now() - started);
  }
  line('queues_office_p95', percentile(office, 0.95), 'ms');

  // ---- the report's figures: the weekly report and a year's ------------------------------------
  // Through the dispatcher as the report screen asks for them: each call answers the period and the
  // one before it, every figure an indexed aggregate over the casework, the contacts summed from
  // their counts per day.
  const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const lastDay = Math.min(Date.parse(`${todayInRiyadh()}T00:00:00Z`), CONTACTS_END - DAY_MS);
  const lastSunday = lastDay - new Date(lastDay).getUTCDay() * DAY_MS;
  const figures = async (from: string, to: string) => {
    const started = performance.now();
    expectOk(await wasl.dispatch('reports.figures', { from, to }), 'report figures');
    return performance.now() - started;
  };
  const weekOf = (sunday: number) => figures(isoDay(sunday), isoDay(sunday + 4 * DAY_MS));
  for (let warm = 0; warm < 3; warm += 1) await weekOf(lastSunday - warm * 7 * DAY_MS);
  const weeks: number[] = [];
  // Thirty Sunday–Thursday weeks spread over the two years, the latest first.
  for (let index = 0; index < 30; index += 1) weeks.push(await weekOf(lastSunday - (1 + index * 3) * 7 * DAY_MS));
  line('reports_week_p95', percentile(weeks, 0.95), 'ms');
  // Five periods of twelve whole months, ending with each of the five months before the last day's.
  const years: number[] = [];
  const lastMonth = new Date(lastDay);
  for (let index = 0; index < 5; index += 1) {
    const [year, month] = [lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() - 1 - index];
    years.push(await figures(isoDay(Date.UTC(year, month - 11, 1)), isoDay(Date.UTC(year, month + 1, 1) - DAY_MS)));
  }
  line('reports_year_p95', percentile(years, 0.95), 'ms');
  comment(
    'method: reports.figures through the dispatcher, each call the period and the one before it; ' +
      `30 Sunday–Thursday weeks every third week back from ${isoDay(lastSunday - 7 * DAY_MS)} (after 3 warm-up calls) ` +
      'and 5 periods of twelve whole months; p95 by nearest rank (of 5 runs: the slowest)',
  );
  await benchReportPdf(wasl, isoDay(lastSunday - 7 * DAY_MS), { line, comment });

  // ---- programs: the demo seed's over two years, then a roster of 40 saved and a person's programs ----
  await benchPrograms(wasl, { seed: true, password: BENCH_PASSWORD }, { line, comment });

  // ---- satisfaction: a year of responses on the cases closed, answered, completed and held, then a response saved ----
  await benchSatisfaction(wasl, { seed: true, password: BENCH_PASSWORD }, { line, comment });

  // ---- size and memory ---------------------------------------------------------------------------
  bulk.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await wasl.close();
  const walPath = `${databasePath}-wal`;
  const bytes = statSync(databasePath).size + (existsSync(walPath) ? statSync(walPath).size : 0);
  line('db_size', bytes / 1024 / 1024, 'MB', 1);
  const memory = process.memoryUsage();
  line('rss', memory.rss / 1024 / 1024, 'MB', 0);
  line('heap_used', memory.heapUsed / 1024 / 1024, 'MB', 0);

  // ---- an Excel export of the whole registry ------------------------------------------------------
  await benchExcelExport(databasePath, 'bench', BENCH_PASSWORD, { line, comment });

  // ---- the day's first sign-in, the audit log and a backup --------------------------------------
  // Signing in unwraps the key (scrypt at OWASP's cost) and opens the database, which reads every
  // page once (quick_check) so a damaged file is refused before anything is written to it.
  const desk = openWasl({ databasePath, appVersion: 'bench' });
  const signInStarted = performance.now();
  expectOk(await desk.dispatch('session.signIn', { username: 'bench', password: BENCH_PASSWORD }), 'sign in');
  line('first_sign_in', (performance.now() - signInStarted) / 1000, 's', 2);
  const viewed = expectOk<BeneficiaryPage>(await desk.dispatch('beneficiaries.list', { pageSize: 50 }), 'list');
  for (const row of viewed.rows) expectOk(await desk.dispatch('beneficiaries.get', { id: row.id }), 'view');
  const verifyStarted = performance.now();
  const verification = expectOk<{ intact: boolean; checked: number }>(await desk.dispatch('audit.verify', {}), 'verify');
  line('audit_verify', performance.now() - verifyStarted, 'ms');
  comment(`audit log: ${verification.checked} entries, intact ${verification.intact}`);
  // Backups go to a folder outside the data folder (a USB drive, in an office).
  const backupFolder = mkdtempSync(join(tmpdir(), 'wasl-bench-backups-'));
  try {
    expectOk(await desk.dispatch('backups.configure', { folder: backupFolder }), 'configure backups');
    const backupStarted = performance.now();
    expectOk(await desk.dispatch('backups.run', { kind: 'manual' }), 'backup');
    line('backup', (performance.now() - backupStarted) / 1000, 's', 1);
    // The same backup again, with an officer searching and registering all the while.
    const duringBackup = [...generateBeneficiaries(20_000, SEED + 5, { districtIds, takenIdNumbers: takenIds.concat(newcomers.map((person) => person.input.idNumber)) })];
    await benchWhileBackingUp(desk, queries.map((query) => query.text), duringBackup, { line, comment });
  } finally {
    await desk.close();
    rmSync(backupFolder, { recursive: true, force: true });
  }

  // ---- the hop from a host to the core's process ---------------------------------------------------
  await benchCoreHop(databasePath, { line, comment });

  // ---- the office sync: the whole bench office to a new desk, then one change at a time ------------
  // Last: it pairs the bench's database with an office server.
  const syncNewcomers = [...generateBeneficiaries(20, SEED + 6, { districtIds, takenIdNumbers: takenIds.concat(newcomers.map((person) => person.input.idNumber)) })];
  await benchSync(databasePath, { user: 'bench', password: BENCH_PASSWORD }, syncNewcomers.map((person) => person.input), { line, comment });
  // ---- the office server under ten desks at work --------------------------------------------------
  await benchOfficeServerLoad({ line, comment });
}

// ---------------------------------------------------------------------------------------------------

async function measureSearches(
  queries: readonly Query[],
  search: (text: string) => Promise<SearchResults>,
): Promise<Array<{ query: Query; ms: number; results: SearchResults }>> {
  const measured: Array<{ query: Query; ms: number; results: SearchResults }> = [];
  for (const query of queries) {
    const started = performance.now();
    const results = await search(query.text);
    measured.push({ query, ms: performance.now() - started, results });
  }
  return measured;
}

function reportTopOne(measured: ReadonlyArray<{ query: Query; results: SearchResults }>): void {
  const fullNames = measured.filter((entry) => entry.query.label === 'full_name');
  const first = fullNames.filter((entry) => entry.results.hits[0]?.id === entry.query.owner);
  line('search_top1_full_name', (100 * first.length) / fullNames.length, '%', 1);
  const found = fullNames.filter((entry) => entry.results.hits.some((hit) => hit.id === entry.query.owner));
  comment(`full-name queries: ${fullNames.length}; owner first in ${first.length}, in the top 10 in ${found.length}`);
  for (const miss of fullNames.filter((entry) => entry.results.hits[0]?.id !== entry.query.owner).slice(0, 20)) {
    const rank = miss.results.hits.findIndex((hit) => hit.id === miss.query.owner);
    comment(`  missed: "${miss.query.text}" owner at ${rank < 0 ? 'no rank (not in the top 10)' : `rank ${rank + 1}`}; first: "${miss.results.hits[0]?.fullName ?? '-'}"`);
  }
  const ids = measured.filter((entry) => entry.query.label === 'id_full' || entry.query.label === 'id_full_arabic_digits');
  const idFirst = ids.filter((entry) => entry.results.hits[0]?.id === entry.query.owner);
  line('search_top1_id', (100 * idFirst.length) / ids.length, '%', 1);
}

function reportSlowest(measured: ReadonlyArray<{ query: Query; ms: number }>): void {
  const byLabel = new Map<string, number[]>();
  for (const entry of measured) byLabel.set(entry.query.label, [...(byLabel.get(entry.query.label) ?? []), entry.ms]);
  comment(
    `p95 by query shape (ms): ${[...byLabel]
      .map(([label, values]) => `${label} ${percentile(values, 0.95).toFixed(2)} (n=${values.length})`)
      .join(', ')}`,
  );
  const slowest = [...measured].sort((a, b) => b.ms - a.ms).slice(0, 5);
  comment(`slowest searches: ${slowest.map((entry) => `"${entry.query.text}" (${entry.query.label}) ${entry.ms.toFixed(1)} ms`).join('; ')}`);
}

// ---------------------------------------------------------------------------------------------------

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const arabicDigits = (text: string) => text.replace(/\d/g, (digit) => ARABIC_INDIC[Number(digit)] as string);

/** A varied set of what officers type, built from people known to be in the database. */
function buildQueries(sampled: readonly Sampled[], namesakes: ReadonlySet<string>, rng: Rng): Query[] {
  const queries: Query[] = [];
  const take = (count: number) => Array.from({ length: count }, () => rng.pick(sampled));
  const add = (kind: Kind, label: string, text: string, owner?: string) => queries.push({ kind, label, text, owner });

  // Common first names alone, as written and as respelled.
  const common = [...MALE_NAMES.slice(0, 10), ...FEMALE_NAMES.slice(0, 8)];
  for (let index = 0; index < 40; index += 1) {
    const name = rng.pick(common);
    const written = rng.pick(name.spellings);
    add('name', 'common_first_name', rng.chance(0.3) ? respell(written, rng) : written);
  }
  // Rare family names (the tail of the list).
  for (let index = 0; index < 30; index += 1) add('name', 'rare_family_name', rng.pick(rng.pick(SAUDI_FAMILY_NAMES.slice(-25)).spellings));

  // Full four-part names in another spelling than the stored one.
  const unique = sampled.filter(({ person: { fields } }) => !namesakes.has(normalizeNameForCompare([fields.firstName, fields.fatherName, fields.grandfatherName, fields.familyName])));
  for (let index = 0; index < 150; index += 1) {
    const { id, person } = rng.pick(unique);
    const { fields } = person;
    const parts = [fields.firstName, fields.fatherName, fields.grandfatherName, fields.familyName];
    let respelled = parts.map((part, at) => (rng.chance(0.6) ? respell(part, rng, at === 3 ? 'family' : 'given') : part));
    if (respelled.every((part, at) => part === parts[at])) {
      respelled = parts.map((part, at) => respell(part, rng, at === 3 ? 'family' : 'given'));
    }
    add('name', 'full_name', respelled.join(' '), id);
  }
  // First name and the start of the family name, as typed before finishing.
  for (const { person } of take(50)) {
    const family = person.fields.familyName.replace(/^آل /, 'ال');
    const cut = Math.min(family.length, rng.int(family.startsWith('ال') ? 4 : 2, family.startsWith('ال') ? 6 : 4));
    add('name', 'first_and_family_prefix', `${person.fields.firstName} ${family.slice(0, cut)}`);
  }
  // The first two or three letters of a name.
  for (const { person } of take(30)) {
    const word = rng.chance(0.5) ? person.fields.firstName : person.fields.familyName.replace(/^(ال|آل )/, '');
    add('name', 'prefix', word.replace(/\s/g, '').slice(0, rng.int(2, 3)));
  }

  // ID numbers: whole, the first five digits, in Arabic-Indic digits.
  for (const { id, person } of take(40)) add('id', 'id_full', person.fields.idNumber, id);
  for (const { person } of take(30)) add('id', 'id_prefix5', person.fields.idNumber.slice(0, 5));
  for (const { id, person } of take(20)) add('id', 'id_full_arabic_digits', arabicDigits(person.fields.idNumber), id);
  for (const { person } of take(10)) add('id', 'id_prefix5_arabic_digits', arabicDigits(person.fields.idNumber.slice(0, 5)));

  // Phones in the forms people say them, and the last four digits.
  for (const { person } of take(100)) {
    const e164 = rng.pick(person.fields.phones);
    const nine = e164.slice(4);
    const local = `0${nine}`;
    const form = rng.int(0, 5);
    if (form === 0) add('phone', 'phone_spaced', `${local.slice(0, 3)} ${local.slice(3, 6)} ${local.slice(6)}`);
    else if (form === 1) add('phone', 'phone_e164', e164);
    else if (form === 2) add('phone', 'phone_966', `966${nine}`);
    else if (form === 3) add('phone', 'phone_arabic_digits', arabicDigits(local));
    else add('phone', 'phone_last4', nine.slice(-4));
  }

  // Interleave the kinds, as a day at the desk would.
  for (let index = queries.length - 1; index > 0; index -= 1) {
    const other = rng.int(0, index);
    [queries[index], queries[other]] = [queries[other] as Query, queries[index] as Query];
  }
  return queries;
}

/** The first 3 to 7 digits of real numbers, in local and international forms. */
function phoneTypingQueries(sampled: readonly Sampled[], rng: Rng): Query[] {
  const queries: Query[] = [];
  for (let round = 0; round < 2; round += 1) {
    const nine = rng.pick(rng.pick(sampled).person.fields.phones).slice(4);
    for (const digits of [2, 3, 4, 5]) queries.push({ kind: 'phone', label: 'phone_typing', text: `0${nine.slice(0, digits)}` });
    for (const digits of [1, 2, 3]) queries.push({ kind: 'phone', label: 'phone_typing', text: `966${nine.slice(0, digits)}` });
  }
  return queries;
}

function expectOk<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exit(1);
});
