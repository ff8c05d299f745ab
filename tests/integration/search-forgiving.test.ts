// The search box forgives what tired hands do: Arabic typed with the keyboard left on English, a
// letter added, dropped, swapped or replaced, a Latin name in any case, spacing or hyphenation, and
// the end of an ID or file number. A registry of generated people (realistic, with many namesakes)
// plus the wanted people and their near-namesakes; every query must find its person in the top 5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail, BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import type { MatchKind, SearchResults } from '../../electron/api/search';
import { listDistricts } from '../../electron/services/app/service';
import { seedBeneficiaries } from '../../electron/tools/seed/generate';
import { expectOk, newIqama, openTestWasl, validFields, type TestWasl } from '../support/database';

type Name = [first: string, father: string, grandfather: string, family: string];

const WANTED: Record<string, [Name, Partial<BeneficiaryFieldsInput>]> = {
  ahmad: [['أحمد', 'سالم', 'ناصر', 'الدوسري'], { latinName: 'Ahmed Salem Al-Dosari', idNumber: withSaudiCheckDigit('103456781') }],
  mohammad: [['محمد', 'عبدالله', 'فهد', 'القحطاني'], { idNumber: withSaudiCheckDigit('108812345') }],
  fatima: [['فاطمة', 'علي', 'حسن', 'الزهراني'], { gender: 'female', idNumber: withSaudiCheckDigit('109934567') }],
  khalid: [['خالد', 'سعد', 'محمد', 'العتيبي'], { idNumber: withSaudiCheckDigit('104477889') }],
  noura: [['نورة', 'عبدالرحمن', 'صالح', 'الشمري'], { gender: 'female', idNumber: withSaudiCheckDigit('105566778') }],
  abdulaziz: [['عبدالعزيز', 'ناصر', 'حمد', 'الهاجري'], { idNumber: withSaudiCheckDigit('106655443') }],
  turki: [['تركي', 'فيصل', 'بندر', 'الدوسري'], { latinName: 'Turki Faisal Aldosari', idNumber: withSaudiCheckDigit('107788990') }],
  imran: [['عمران', 'محمد', 'إقبال', 'خان'], {
    latinName: 'Muhammad Imran Khan', idType: 'iqama', nationality: 'PK', residencyStatus: 'resident',
    idNumber: withSaudiCheckDigit('234561122'),
  }],
  maria: [['ماريا', 'كريستينا', 'دي', 'سانتوس'], {
    latinName: 'SANTOS, Maria Cristina', gender: 'female', idType: 'iqama', nationality: 'PH', residencyStatus: 'resident',
    idNumber: withSaudiCheckDigit('245672233'),
  }],
  rajesh: [['راجيش', 'كومار', 'موهان', 'ناير'], {
    latinName: 'Rajesh Kumar Nair', idType: 'iqama', nationality: 'IN', residencyStatus: 'resident',
    idNumber: withSaudiCheckDigit('256783344'),
  }],
};

/** People whose names sit one word or one letter from the wanted ones, so ranking has to choose. */
const NEAR_NAMESAKES: Array<[Name, Partial<BeneficiaryFieldsInput>?]> = [
  [['أحمد', 'سالم', 'محمد', 'الدوسري']],
  [['محمد', 'سالم', 'ناصر', 'الدوسري']],
  [['أحمد', 'سالم', 'ناصر', 'الدويسري']],
  [['أحمد', 'سعيد', 'ناصر', 'الدوسري'], { latinName: 'Ahmed Saeed Al-Dossary' }],
  [['محمد', 'عبدالله', 'فهد', 'القحطان']],
  [['محمد', 'عبدالله', 'سعد', 'القحطاني']],
  [['فاطمة', 'علي', 'حسين', 'الزهراني'], { gender: 'female' }],
  [['خالد', 'سعد', 'محمد', 'العتيق']],
  [['نورة', 'عبدالرحمن', 'صالح', 'الشمر'], { gender: 'female' }],
  [['عبدالعزيز', 'ناصر', 'حمد', 'الهاجر']],
  [['تركي', 'فيصل', 'بندر', 'الدوسر'], { latinName: 'Turki Faisal Al-Dossary' }],
  [['عمران', 'أحمد', 'إقبال', 'خان'], { latinName: 'Imran Ahmed Khan', idType: 'iqama', idNumber: newIqama(), nationality: 'PK', residencyStatus: 'resident' }],
  [['ماريا', 'لويزا', 'دي', 'سانتوس'], { latinName: 'SANTOS, Maria Luisa', gender: 'female', idType: 'iqama', idNumber: newIqama(), nationality: 'PH', residencyStatus: 'resident' }],
  [['راجيش', 'كومار', 'شارما', 'ناير'], { latinName: 'Rajesh Kumar Sharma', idType: 'iqama', idNumber: newIqama(), nationality: 'IN', residencyStatus: 'resident' }],
];

let app: TestWasl;
const people: Record<string, BeneficiaryDetail> = {};

beforeAll(async () => {
  app = await openTestWasl();
  const opened = app.wasl.desk.openDatabase;
  if (!opened) throw new Error('the database is not open');
  const districtIds = (await listDistricts(opened.db)).map((district) => district.id);
  await seedBeneficiaries(opened.sqlite, { count: 3000, seed: 12_012, districtIds });
  const register = async (name: Name, extra: Partial<BeneficiaryFieldsInput> = {}) => {
    const [firstName, fatherName, grandfatherName, familyName] = name;
    const fields = validFields({ firstName, fatherName, grandfatherName, familyName, ...extra });
    return expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields, confirmNotDuplicate: true }));
  };
  for (const [name, extra] of NEAR_NAMESAKES) await register(name, extra);
  for (const [handle, [name, extra]] of Object.entries(WANTED)) people[handle] = await register(name, extra);
}, 120_000);

afterAll(async () => {
  await app.cleanup();
});

async function search(query: string): Promise<SearchResults> {
  return expectOk<SearchResults>(await app.dispatch('search.beneficiaries', { query, limit: 10 }));
}

/** Where the wanted person ranks for the query (1 is first), and how the search says it found them. */
async function rankOf(handle: string, query: string): Promise<{ rank: number; matchedBy: MatchKind | null }> {
  const { hits } = await search(query);
  const at = hits.findIndex((hit) => hit.id === people[handle]!.id);
  return { rank: at + 1, matchedBy: at >= 0 ? hits[at]!.matchedBy : null };
}

const sequenceOf = (handle: string) => Number(people[handle]!.fileNumber.slice(5));
const idOf = (handle: string) => people[handle]!.idNumber;

/** The fixed set: [the wanted person, what the officer typed, how the search should say it found them]. */
const QUERIES: Array<[string, string | (() => string), MatchKind]> = [
  // Arabic typed with the keyboard left on English (Windows Arabic 101).
  ['ahmad', 'hpl] shgl khwv hg],svd', 'layout'],
  ['ahmad', 'hpl] hg],svd shgl', 'layout'],
  ['ahmad', 'Hpl] shgl khwv', 'layout'],
  ['mohammad', "lpl] uf]hggi ti] hgrp'hkd", 'layout'],
  ['mohammad', "lpl] ti] hgrp'hkd", 'layout'],
  ['fatima', 'th\'lm ugd psk hg.ivhkd', 'layout'],
  ['khalid', 'ohg] su] lpl] hgujdfd', 'layout'],
  ['noura', 'k,vm uf]hgvplk whgp hgalvd', 'layout'],
  ['abdulaziz', 'uf]hgu.d. khwv pl] hgih[vd', 'layout'],
  ['turki', 'jv;d tdwg fk]v hg],svd', 'layout'],
  ['imran', 'ulvhk Yrfhg ohk', 'layout'],
  // One letter added, dropped, swapped with its neighbour, or replaced.
  ['ahmad', 'أحمد سالم ناصر الدوسيري', 'close_spelling'],
  ['ahmad', 'احمد سالم ناصر الدوسرري', 'close_spelling'],
  ['mohammad', 'محمد عبدالله فهد القحطني', 'close_spelling'],
  ['mohammad', 'محمد عبدالله فهد القحاطني', 'close_spelling'],
  ['fatima', 'فاطمة علي حسن الزهارني', 'close_spelling'],
  ['fatima', 'فاطمة علي حسن الزهرني', 'close_spelling'],
  ['khalid', 'خالد سعد محمد العتيني', 'close_spelling'],
  ['khalid', 'خالد سعد محمد العتبيي', 'close_spelling'],
  ['noura', 'نورة عبدالرحمن صالح الشمير', 'close_spelling'],
  ['noura', 'نوره عبد الرحمن صالخ آل شمري', 'close_spelling'],
  ['abdulaziz', 'عبدالعزيز ناصر حمد الهاجيري', 'close_spelling'],
  ['abdulaziz', 'عبدالعزير ناصر حمد الهاجري', 'close_spelling'],
  ['turki', 'تركي فيصل بندر الدسوري', 'close_spelling'],
  ['imran', 'عمران محمد اقبال خاان', 'close_spelling'],
  ['rajesh', 'راجيش كومار موهان نايير', 'close_spelling'],
  // The Latin name, in any case, spacing, hyphenation or order.
  ['ahmad', 'Ahmed Salem Aldosari', 'latin_name'],
  ['ahmad', 'ahmed al dosari salem', 'latin_name'],
  ['ahmad', 'AHMED SALEM AL-DOSARI', 'latin_name'],
  ['turki', 'Turki Al-Dosari', 'latin_name'],
  ['turki', 'turki al dosari', 'latin_name'],
  ['turki', 'TURKI ALDOSARI', 'latin_name'],
  ['imran', 'Imran Khan Muhammad', 'latin_name'],
  ['maria', 'Maria Santos', 'latin_name'],
  ['maria', 'santos maria cristina', 'latin_name'],
  ['rajesh', 'rajesh nair', 'latin_name'],
  ['rajesh', 'Rajesh Kumar Naiir', 'close_spelling'],
  // The end of an ID number (every result line shows its last four digits) and of a file number.
  ['ahmad', () => idOf('ahmad').slice(-4), 'id_tail'],
  ['mohammad', () => idOf('mohammad').slice(-6), 'id_tail'],
  ['fatima', () => idOf('fatima').slice(-5), 'id_tail'],
  ['imran', () => idOf('imran').slice(-4), 'id_tail'],
  ['maria', () => idOf('maria').slice(-7), 'id_tail'],
  ['khalid', () => String(sequenceOf('khalid')), 'file_tail'],
  ['noura', () => String(sequenceOf('noura')).padStart(5, '0'), 'file_tail'],
  ['rajesh', () => String(sequenceOf('rajesh')), 'file_tail'],
  ['abdulaziz', () => String(sequenceOf('abdulaziz')).padStart(5, '0').replace(/\d/g, (digit) => '٠١٢٣٤٥٦٧٨٩'[Number(digit)]!), 'file_tail'],
];

describe('the forgiving search, on a registry of thousands with many namesakes', () => {
  it('holds at least 40 layout, typo, Latin and tail queries', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
  });

  it('finds every wanted person in the top 5, and says how', async () => {
    const misses: string[] = [];
    for (const [handle, typed, kind] of QUERIES) {
      const query = typeof typed === 'string' ? typed : typed();
      const { rank, matchedBy } = await rankOf(handle, query);
      if (rank < 1 || rank > 5 || matchedBy !== kind) misses.push(`${handle} "${query}": rank ${rank}, found as ${matchedBy ?? '-'} (expected ${kind})`);
    }
    expect(misses).toEqual([]);
  });
});

describe('how the forgiving readings rank', () => {
  it('says which Arabic a query typed on the English keyboard stood for', async () => {
    const results = await search('hpl] hg],svd');
    expect(results.layoutQuery).toBe('احمد الدوسري');
    expect(results.hits.every((hit) => hit.matchedBy === 'layout')).toBe(true);
  });

  it('searches a real Latin name as typed, and says nothing of the keyboard', async () => {
    const results = await search('Ahmed Salem Al-Dosari');
    expect(results.hits[0]?.id).toBe(people.ahmad!.id);
    expect(results.layoutQuery).toBeNull();
  });

  it('ranks the names that match before the close spellings', async () => {
    const { hits } = await search('احمد سالم ناصر الدويسري');
    expect(hits[0]?.fullName).toBe('أحمد سالم ناصر الدويسري');
    expect(hits[0]?.matchedBy).toBe('name');
    const close = hits.findIndex((hit) => hit.id === people.ahmad!.id);
    expect(close).toBeGreaterThan(0);
    expect(hits[close]?.matchedBy).toBe('close_spelling');
    expect(hits.slice(close).every((hit) => hit.matchedBy === 'close_spelling')).toBe(true);
  });

  it('offers no close spellings when the name as typed finds enough people', async () => {
    const { hits } = await search('محمد');
    expect(hits.length).toBeGreaterThanOrEqual(5);
    expect(hits.some((hit) => hit.matchedBy === 'close_spelling')).toBe(false);
  });

  it('finds nobody for a word two letters from every name', async () => {
    expect((await search('الدوسيرري')).hits.filter((hit) => hit.id === people.ahmad!.id)).toEqual([]);
  });

  it('does not read a short file number with a leading zero as a file (it starts a phone)', async () => {
    const { hits } = await search('05');
    expect(hits).toEqual([]);
  });
});

describe('the list of name words behind close spellings', () => {
  const words = (like: string) =>
    (app.wasl.desk.openDatabase!.sqlite.prepare('SELECT word FROM name_words WHERE word LIKE ? ORDER BY word').pluck().all(like) as string[]);

  it('learns a new name word at registration, and an edited one at the edit', async () => {
    const fields = validFields({ firstName: 'زبيدة', fatherName: 'سالم', grandfatherName: 'ناصر', familyName: 'القريشيات', gender: 'female' });
    const person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields, confirmNotDuplicate: true }));
    expect(words('%قريشيات')).toEqual(['القريشيات', 'قريشيات']);
    expect((await search('زبيدة القريشات')).hits.map((hit) => [hit.id, hit.matchedBy])).toEqual([[person.id, 'close_spelling']]);

    const edited = expectOk<BeneficiaryDetail>(
      await app.dispatch('beneficiaries.update', { id: person.id, expectedVersion: person.rowVersion, fields: { ...fields, familyName: 'الكريشيات' }, confirmNotDuplicate: true }),
    );
    expect(words('%كريشيات')).toEqual(['الكريشيات', 'كريشيات']);
    expect((await search('زبيدة الكريشات')).hits.map((hit) => hit.id)).toEqual([edited.id]);
  });

  it('forgets the words nobody bears any more when a person is erased', async () => {
    const fields = validFields({ firstName: 'مشاعل', fatherName: 'سالم', grandfatherName: 'ناصر', familyName: 'الزبيديات', gender: 'female' });
    const person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields, confirmNotDuplicate: true }));
    expect(words('%زبيديات')).toEqual(['الزبيديات', 'زبيديات']);
    expectOk(await app.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب صاحب البيانات إتلافها', confirmFileNumber: person.fileNumber }));
    expect(words('%زبيديات')).toEqual([]);
    const deletions = app.wasl.desk.openDatabase!.sqlite.prepare(`SELECT count(*) FROM name_word_deletions WHERE word LIKE '%زبيديات'`).pluck().get();
    expect(deletions).toBe(0);
    // Words others still bear stay.
    expect(words('مشاعل')).toEqual(['مشاعل']);
    expect((await search('مشاعل الزبيدياتت')).hits.some((hit) => hit.id === person.id)).toBe(false);
  });

  it('is rebuilt whole by the re-index, to the same words the registrations and edits left', async () => {
    const sqlite = app.wasl.desk.openDatabase!.sqlite;
    const listed = () => sqlite.prepare('SELECT word FROM name_words ORDER BY word').pluck().all() as string[];
    const deletionCount = () => sqlite.prepare('SELECT count(*) FROM name_word_deletions').pluck().get() as number;
    // The edit above left its old spelling behind (it finds nobody); the sweep at erasure took it.
    const before = listed();
    const beforeDeletions = deletionCount();
    const { rebuildNameIndex } = await import('../../electron/services/search/reindex');
    expect(sqlite.transaction(() => rebuildNameIndex(sqlite)).immediate()).toBeGreaterThan(3000);
    expect(listed()).toEqual(before);
    expect(deletionCount()).toBe(beforeDeletions);
  });

  it('looks names up by index: the words one edit away and the ends of numbers', async () => {
    const sqlite = app.wasl.desk.openDatabase!.sqlite;
    const plan = (text: string, ...parameters: unknown[]) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...parameters) as Array<{ detail: string }>).map((row) => row.detail).join('; ');
    expect(plan('SELECT word FROM name_word_deletions WHERE deletion IN (?, ?)', 'دوسر', 'وسري')).toMatch(/SEARCH name_word_deletions USING PRIMARY KEY \(deletion=\?\)/);
    expect(plan(`SELECT seq FROM beneficiaries b WHERE substr(b.id_number, -4) = ? AND b.erased_at IS NULL`, '6781')).toMatch(/USING INDEX beneficiaries_id_tail/);
    expect(plan(`SELECT seq FROM beneficiaries b WHERE CAST(substr(b.file_number, 6) AS INTEGER) = ? AND b.erased_at IS NULL`, 42)).toMatch(/USING INDEX beneficiaries_file_sequence/);
  });
});
