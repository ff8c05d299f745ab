// The beneficiary registry through the real call path: dispatch(name, input) → validation → service →
// encrypted SQLite, and the result envelope back. Every refusal is checked to write nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BeneficiaryDetail,
  BeneficiaryFieldsInput,
  BeneficiaryPage,
  BeneficiaryStats,
  BeneficiarySummary,
} from '../../electron/api/beneficiaries';
import { callNames, isSessionCall } from '../../electron/api/contract';
import type { EligibilityDecision, RecordEligibilityInput } from '../../electron/api/eligibility';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import type { District } from '../../electron/api/app';
import type { SearchResults } from '../../electron/api/search';
import type { Result } from '../../electron/api/result';
import {
  ADMIN,
  expectError,
  expectOk,
  newIqama,
  newMobile,
  newNationalId,
  openTestWasl,
  snapshotDatabase,
  validFields,
  type TestWasl,
} from '../support/database';

let app: TestWasl;

beforeEach(async () => {
  app = await openTestWasl();
});

afterEach(async () => {
  await app.cleanup();
});

const register = (fields: BeneficiaryFieldsInput, confirmNotDuplicate?: boolean) =>
  app.dispatch('beneficiaries.register', confirmNotDuplicate === undefined ? { fields } : { fields, confirmNotDuplicate });

async function registered(overrides: Partial<BeneficiaryFieldsInput> = {}): Promise<BeneficiaryDetail> {
  return expectOk<BeneficiaryDetail>(await register(validFields(overrides)));
}

const get = async (id: string) => expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.get', { id }));
const list = async (input: Record<string, unknown> = {}) => expectOk<BeneficiaryPage>(await app.dispatch('beneficiaries.list', input));
const snapshot = () => snapshotDatabase(app.databasePath, app.key);

/** Runs a call that must be refused, and checks that the database is exactly as it was. */
async function refusedWithoutWriting(call: () => Promise<Result<unknown>>) {
  const before = snapshot();
  const error = expectError(await call());
  expect(snapshot()).toEqual(before);
  return error;
}

const toArabicIndic = (latin: string) => latin.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
const currentYear = () => new Date().getUTCFullYear();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('beneficiaries.register', () => {
  it('registers a valid beneficiary and answers the whole record', async () => {
    const fields = validFields({ idNumber: withSaudiCheckDigit('104512367'), phones: ['0551234567'] });
    const person = expectOk<BeneficiaryDetail>(await register(fields));

    expect(person.id).toMatch(UUID);
    expect(person).toMatchObject({
      fullName: 'محمد عبدالله سعد الحربي',
      firstName: 'محمد',
      familyName: 'الحربي',
      idType: 'national_id',
      idNumber: withSaudiCheckDigit('104512367'),
      nationality: 'SA',
      phones: ['+966551234567'],
      category: 'prisoner',
      prisonerRelation: 'self',
      eligibility: 'pending',
      eligibilityDecidedAt: null,
      eligibilityHistory: [],
      consentGiven: true,
      consentDate: '2025-01-05',
      consentMethod: 'written',
      consentRecordedBy: app.adminId,
      rowVersion: 1,
      createdBy: app.adminId,
      updatedBy: app.adminId,
    });
    expect(Date.parse(person.createdAt)).not.toBeNaN();
    expect(await get(person.id)).toEqual(person);
  });

  it('numbers files YYYY-00001, YYYY-00002… in the order they are registered', async () => {
    const first = await registered();
    const second = await registered();
    const third = await registered();
    expect([first.fileNumber, second.fileNumber, third.fileNumber]).toEqual([
      `${currentYear()}-00001`,
      `${currentYear()}-00002`,
      `${currentYear()}-00003`,
    ]);
  });

  it('does not use up a file number when a registration is refused', async () => {
    const first = await registered();
    await refusedWithoutWriting(() => register(validFields({ idNumber: first.idNumber })));
    const second = await registered();
    expect(second.fileNumber).toBe(`${currentYear()}-00002`);
  });

  it('stores numbers typed in Arabic-Indic digits as Latin digits', async () => {
    const idNumber = newNationalId();
    const memberId = newIqama();
    const person = await registered({
      idNumber: ` ${toArabicIndic(idNumber.slice(0, 5))} ${toArabicIndic(idNumber.slice(5))} `,
      phones: ['٠٥٥ ١٢٣ ٤٥٦٧'],
      birthDate: '١٩٨٥-٠٤-١٢',
      consentDate: '٢٠٢٥-٠١-٠٥',
      household: [{ fullName: 'نورة محمد الحربي', relation: 'wife', birthDate: '١٩٩٠-٠١-٠٢', idNumber: toArabicIndic(memberId) }],
    });
    expect(person.idNumber).toBe(idNumber);
    expect(person.phones).toEqual(['+966551234567']);
    expect(person.birthDate).toBe('1985-04-12');
    expect(person.consentDate).toBe('2025-01-05');
    expect(person.household).toEqual([
      { fullName: 'نورة محمد الحربي', relation: 'wife', birthDate: '1990-01-02', idNumber: memberId, notes: null },
    ]);
  });

  it('stores phones as +9665…, in the order typed, without blanks or repeats', async () => {
    const person = await registered({
      phones: ['0551234567', '', '+966 55 123 4567', '٠٥٠٠٠٠٠٠٠١', '00966 13 587 1234'],
    });
    expect(person.phones).toEqual(['+966551234567', '+966500000001', '+966135871234']);
  });

  it('registers an iqama holder and a passport holder', async () => {
    const resident = await registered({ idType: 'iqama', idNumber: newIqama(), nationality: 'EG', residencyStatus: 'resident' });
    expect(resident.idType).toBe('iqama');
    const visitor = await registered({ idType: 'passport', idNumber: 'a12-345 67', nationality: 'PK', residencyStatus: 'visitor' });
    expect(visitor.idNumber).toBe('A1234567');
  });

  it('keeps the linked prisoner of a family member, and calls a prisoner "self"', async () => {
    const wife = await registered({
      category: 'family_member',
      gender: 'female',
      firstName: 'نورة',
      prisonerRelation: 'wife',
      prisonerName: 'محمد عبدالله الحربي',
      prisonerFacility: 'إصلاحية الأحساء',
    });
    expect(wife).toMatchObject({ category: 'family_member', prisonerRelation: 'wife', prisonerName: 'محمد عبدالله الحربي' });
    const prisoner = await registered({ category: 'prisoner', prisonerRelation: 'mother' });
    expect(prisoner.prisonerRelation).toBe('self');
  });

  it('stores text that looks like SQL verbatim, and the tables survive', async () => {
    const hostile = "'; DROP TABLE beneficiaries; --";
    const person = await registered({ notes: hostile, address: 'Robert"); DELETE FROM beneficiary_phones; --' });
    expect((await get(person.id)).notes).toBe(hostile);
    expect((await list()).total).toBe(1);
    expect((await get(person.id)).phones).toHaveLength(1);
  });
});

describe('beneficiaries.register refusals', () => {
  const nationalIdWithWrongCheckDigit = () => {
    const valid = newNationalId();
    return `${valid.slice(0, 9)}${(Number(valid[9]) + 1) % 10}`;
  };

  const cases: Array<[string, string, string, () => Partial<BeneficiaryFieldsInput>]> = [
    ['a national ID with a wrong check digit', 'fields.idNumber', 'validation.idNumber.checkDigit', () => ({ idNumber: nationalIdWithWrongCheckDigit() })],
    ['an ID number that is too short', 'fields.idNumber', 'validation.idNumber.length', () => ({ idNumber: '10451' })],
    ['an iqama number given as a national ID', 'fields.idNumber', 'validation.idNumber.prefix', () => ({ idNumber: newIqama() })],
    ['an empty ID number', 'fields.idNumber', 'validation.idNumber.required', () => ({ idNumber: '' })],
    ['a passport with symbols', 'fields.idNumber', 'validation.idNumber.format', () => ({ idType: 'passport', idNumber: 'AB#1234', nationality: 'PK' })],
    ['a phone that is not Saudi', 'fields.phones.0', 'validation.phone', () => ({ phones: ['12345'] })],
    ['a bad second phone', 'fields.phones.1', 'validation.phone', () => ({ phones: [newMobile(), '+971501234567'] })],
    ['six phones', 'fields.phones', 'validation.tooMany', () => ({ phones: Array.from({ length: 6 }, newMobile) })],
    ['a first name in Latin letters', 'fields.firstName', 'validation.arabicName', () => ({ firstName: 'Mohammed' })],
    ['a family name with digits', 'fields.familyName', 'validation.arabicName', () => ({ familyName: 'الحربي2' })],
    ['an empty father name', 'fields.fatherName', 'validation.required', () => ({ fatherName: '   ' })],
    ['a name part over 40 letters', 'fields.grandfatherName', 'validation.tooLong', () => ({ grandfatherName: 'س'.repeat(41) })],
    ['a Latin name in Arabic letters', 'fields.latinName', 'validation.latinName', () => ({ latinName: 'محمد' })],
    ['no consent', 'fields.consentGiven', 'validation.consentRequired', () => ({ consentGiven: false, consentDate: null, consentMethod: null })],
    ['consent not answered', 'fields.consentGiven', 'validation.choice', () => ({ consentGiven: undefined as unknown as boolean })],
    ['consent without its date', 'fields.consentDate', 'validation.required', () => ({ consentDate: null })],
    ['consent without its method', 'fields.consentMethod', 'validation.required', () => ({ consentMethod: '' as never })],
    ['a national ID for a non-Saudi', 'fields.nationality', 'validation.nationalIdNeedsSaudi', () => ({ nationality: 'EG' })],
    ['an iqama for a Saudi', 'fields.nationality', 'validation.iqamaNeedsResident', () => ({ idType: 'iqama', idNumber: newIqama(), nationality: 'SA' })],
    ['a nationality that is not a country code', 'fields.nationality', 'validation.choice', () => ({ nationality: 'Saudi' as never })],
    ['a nationality that is not one the desk records', 'fields.nationality', 'validation.choice', () => ({ nationality: 'ZZ' as never })],
    ['a name part made only of harakat', 'fields.fatherName', 'validation.arabicName', () => ({ fatherName: 'َُِ' })],
    ['a citizen of another nationality', 'fields.residencyStatus', 'validation.citizenNeedsSaudi', () => ({ idType: 'iqama', idNumber: newIqama(), nationality: 'EG', residencyStatus: 'citizen' })],
    ['a consent date in the future', 'fields.consentDate', 'validation.dateInFuture', () => ({ consentDate: '2999-01-01' })],
    ['a household member ID with symbols', 'fields.household.0.idNumber', 'validation.idNumber.format', () => ({ household: [{ fullName: 'سارة محمد', relation: 'daughter', idNumber: 'abc!!' }] })],
    ['a family member without their relation to the prisoner', 'fields.prisonerRelation', 'validation.required', () => ({ category: 'family_member', prisonerRelation: null })],
    ['a gender not in the list', 'fields.gender', 'validation.choice', () => ({ gender: 'other' as never })],
    ['a category not in the list', 'fields.category', 'validation.choice', () => ({ category: 'visitor' as never })],
    ['a need not in the list', 'fields.needs.0', 'validation.choice', () => ({ needs: ['money' as never] })],
    // Optional choices (null or '' allowed) must say "choose from the list" too, not a generic "invalid value".
    ['a prisoner relation not in the list', 'fields.prisonerRelation', 'validation.choice', () => ({ category: 'family_member', prisonerRelation: 'cousin' as never })],
    ['a consent method not in the list', 'fields.consentMethod', 'validation.choice', () => ({ consentMethod: 'fax' as never })],
    ['a birth date that does not exist', 'fields.birthDate', 'validation.date', () => ({ birthDate: '1985-02-30' })],
    ['a birth date in the future', 'fields.birthDate', 'validation.dateInFuture', () => ({ birthDate: `${currentYear() + 1}-01-01` })],
    ['a birth date before 1900', 'fields.birthDate', 'validation.dateTooOld', () => ({ birthDate: '1899-12-31' })],
    ['notes with control characters', 'fields.notes', 'validation.controlCharacters', () => ({ notes: 'سطر\u0000آخر' })],
    ['notes over 2000 characters', 'fields.notes', 'validation.tooLong', () => ({ notes: 'ن'.repeat(2001) })],
    ['a household member without a name', 'fields.household.0.fullName', 'validation.required', () => ({ household: [{ fullName: '', relation: 'son' }] })],
    ['a district id that is not an id', 'fields.districtId', 'validation.id', () => ({ districtId: 'hofuf' })],
  ];

  it.each(cases)('refuses %s at %s with %s and writes nothing', async (_what, path, messageKey, overrides) => {
    await registered(); // something already in the registry, so "nothing written" is measured against real data
    const error = await refusedWithoutWriting(() => register(validFields(overrides())));
    expect(error.code).toBe('validation');
    expect(error.messageKey).toBe('validation.failed');
    expect(error.details?.fields).toContainEqual({ path, messageKey });
  });

  it('reports every problem of a form at once', async () => {
    const error = await refusedWithoutWriting(() =>
      register(validFields({ firstName: 'Ali', phones: ['123'], consentGiven: false, consentDate: null, consentMethod: null })),
    );
    const paths = error.details?.fields?.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['fields.firstName', 'fields.phones.0', 'fields.consentGiven']));
  });

  it('refuses a district that does not exist, writing nothing', async () => {
    const error = await refusedWithoutWriting(() => register(validFields({ districtId: '01a211b8-0000-7000-8000-000000000000' })));
    expect(error.code).toBe('validation');
    expect(error.details?.fields).toEqual([{ path: 'fields.districtId', messageKey: 'validation.choice' }]);
  });

  it('refuses a second person with the same ID number (duplicate) and names the holder', async () => {
    const holder = await registered();
    const error = await refusedWithoutWriting(() =>
      register(validFields({ firstName: 'خالد', familyName: 'القحطاني', idNumber: toArabicIndic(holder.idNumber) })),
    );
    expect(error.code).toBe('duplicate');
    expect(error.messageKey).toBe('beneficiaries.duplicateId');
    expect(error.details?.fields).toEqual([{ path: 'fields.idNumber', messageKey: 'beneficiaries.duplicateId' }]);
    expect(error.details?.holder).toMatchObject({ id: holder.id, fullName: holder.fullName, fileNumber: holder.fileNumber });
  });

  it('refuses the same ID number even when the officer confirms a different person', async () => {
    const holder = await registered();
    const error = await refusedWithoutWriting(() => register(validFields({ idNumber: holder.idNumber }), true));
    expect(error.code).toBe('duplicate');
  });

  it('warns of a possible duplicate for the same name spelled differently with the same phone', async () => {
    const phone = newMobile();
    const first = await registered({ firstName: 'عبد الله', familyName: 'آل مبارك', phones: [phone] });
    const error = await refusedWithoutWriting(() =>
      register(validFields({ firstName: 'عبدالله', familyName: 'المبارك', phones: [`+966 ${phone.slice(1)}`], birthDate: null })),
    );
    expect(error.code).toBe('possible_duplicate');
    expect(error.messageKey).toBe('beneficiaries.possibleDuplicate');
    const likely = error.details?.likely as BeneficiarySummary[];
    expect(likely.map((person) => person.id)).toEqual([first.id]);
    expect(likely[0]).toMatchObject({ fullName: 'عبد الله عبدالله سعد آل مبارك', fileNumber: first.fileNumber });
  });

  it('warns of a possible duplicate for the same name with hamza and taa marbuta variants and the same birth date', async () => {
    const first = await registered({ firstName: 'أسامة', fatherName: 'إبراهيم', birthDate: '1980-01-01' });
    const error = await refusedWithoutWriting(() =>
      register(validFields({ firstName: 'اسامه', fatherName: 'ابراهيم', birthDate: '1980-01-01', phones: [] })),
    );
    expect(error.code).toBe('possible_duplicate');
    expect((error.details?.likely as BeneficiarySummary[])[0]?.id).toBe(first.id);
  });

  it('registers the second person once the officer confirms they are different', async () => {
    const phone = newMobile();
    await registered({ firstName: 'عبد الله', familyName: 'آل مبارك', phones: [phone] });
    const second = expectOk<BeneficiaryDetail>(
      await register(validFields({ firstName: 'عبدالله', familyName: 'المبارك', phones: [phone] }), true),
    );
    expect(second.fileNumber).toBe(`${currentYear()}-00002`);
    expect((await list()).total).toBe(2);
  });

  it('does not warn when only the phone or only the name is shared', async () => {
    const phone = newMobile();
    await registered({ firstName: 'فهد', phones: [phone], birthDate: '1970-01-01' });
    await registered({ firstName: 'سلمان', phones: [phone], birthDate: '1970-01-01' });
    await registered({ firstName: 'فهد', phones: [newMobile()], birthDate: '1971-01-01' });
    expect((await list()).total).toBe(3);
  });
});

describe('beneficiaries.update', () => {
  it('saves changes with the right expectedVersion and bumps rowVersion', async () => {
    const person = await registered();
    const changed = validFields({ idNumber: person.idNumber, firstName: 'أحمد', phones: ['0559998877'], status: 'inactive' });
    const updated = expectOk<BeneficiaryDetail>(
      await app.dispatch('beneficiaries.update', { id: person.id, expectedVersion: 1, fields: changed }),
    );
    expect(updated).toMatchObject({
      id: person.id,
      fileNumber: person.fileNumber,
      firstName: 'أحمد',
      phones: ['+966559998877'],
      status: 'inactive',
      rowVersion: 2,
      createdAt: person.createdAt,
    });
    expect(updated.updatedAt >= person.updatedAt).toBe(true);
    expect(await get(person.id)).toEqual(updated);

    const again = expectOk<BeneficiaryDetail>(
      await app.dispatch('beneficiaries.update', { id: person.id, expectedVersion: 2, fields: { ...changed, notes: 'ملاحظة' } }),
    );
    expect(again.rowVersion).toBe(3);
  });

  it('refuses a stale expectedVersion (version_conflict) and changes nothing', async () => {
    const person = await registered();
    const fields = validFields({ idNumber: person.idNumber, phones: person.phones });
    expectOk(await app.dispatch('beneficiaries.update', { id: person.id, expectedVersion: 1, fields: { ...fields, firstName: 'أحمد' } }));
    const current = await get(person.id);

    const error = await refusedWithoutWriting(() =>
      app.dispatch('beneficiaries.update', { id: person.id, expectedVersion: 1, fields: { ...fields, firstName: 'خالد' } }),
    );
    expect(error).toEqual({ code: 'version_conflict', messageKey: 'beneficiaries.changedMeanwhile' });
    expect(await get(person.id)).toEqual(current);
  });

  it('refuses to take another person’s ID number', async () => {
    const other = await registered();
    const person = await registered();
    const error = await refusedWithoutWriting(() =>
      app.dispatch('beneficiaries.update', { id: person.id, expectedVersion: 1, fields: validFields({ idNumber: other.idNumber }) }),
    );
    expect(error.code).toBe('duplicate');
    expect(error.details?.holder).toMatchObject({ id: other.id });
  });

  it('answers not_found for an unknown id', async () => {
    const error = await refusedWithoutWriting(() =>
      app.dispatch('beneficiaries.update', { id: '01900000-0000-7000-8000-000000000000', expectedVersion: 1, fields: validFields() }),
    );
    expect(error).toEqual({ code: 'not_found', messageKey: 'notFound.beneficiary' });
  });

  it('refuses invalid fields on update with the same paths as on registration', async () => {
    const person = await registered();
    const error = await refusedWithoutWriting(() =>
      app.dispatch('beneficiaries.update', {
        id: person.id,
        expectedVersion: 1,
        fields: validFields({ idNumber: person.idNumber, firstName: 'Ahmed' }),
      }),
    );
    expect(error.details?.fields).toContainEqual({ path: 'fields.firstName', messageKey: 'validation.arabicName' });
  });

  it('re-indexes the name so search finds the new name and not the old one', async () => {
    const person = await registered({ firstName: 'سلطان' });
    expectOk(
      await app.dispatch('beneficiaries.update', {
        id: person.id,
        expectedVersion: 1,
        fields: validFields({ idNumber: person.idNumber, firstName: 'منصور' }),
      }),
    );
    const search = async (query: string) => expectOk<SearchResults>(await app.dispatch('search.beneficiaries', { query })).hits.map((hit) => hit.id);
    expect(await search('منصور ')).toEqual([person.id]);
    expect(await search('سلطان ')).toEqual([]);
  });
});

describe('beneficiaries.get', () => {
  it('answers not_found for an id that does not exist', async () => {
    const error = expectError(await app.dispatch('beneficiaries.get', { id: '01900000-0000-7000-8000-000000000000' }));
    expect(error).toEqual({ code: 'not_found', messageKey: 'notFound.beneficiary' });
  });

  it('refuses something that is not an id', async () => {
    const error = expectError(await app.dispatch('beneficiaries.get', { id: 'hello' }));
    expect(error.code).toBe('validation');
    expect(error.details?.fields).toEqual([{ path: 'id', messageKey: 'validation.id' }]);
  });
});

describe('beneficiaries.list and beneficiaries.stats', () => {
  let districts: District[];
  let people: Record<string, BeneficiaryDetail>;

  beforeEach(async () => {
    districts = expectOk<District[]>(await app.dispatch('lookups.districts', {}));
    const hofuf = districts.find((district) => district.code === 'hofuf')!.id;
    const mubarraz = districts.find((district) => district.code === 'mubarraz')!.id;
    people = {
      fahd: await registered({ firstName: 'فهد', category: 'prisoner', districtId: hofuf }),
      ahmad: await registered({ firstName: 'أحمد', category: 'released_prisoner', districtId: mubarraz, prisonerStatus: 'released' }),
      saad: await registered({ firstName: 'سعد', category: 'prisoner', districtId: hofuf, status: 'inactive' }),
      badr: await registered({ firstName: 'بدر', category: 'family_member', prisonerRelation: 'son', districtId: null }),
      khalid: await registered({ firstName: 'خالد', category: 'prisoner', districtId: mubarraz }),
    };
    expectOk(await app.dispatch('eligibility.record', eligible(people.khalid!.id)));
    expectOk(await app.dispatch('eligibility.record', eligible(people.fahd!.id)));
    expectOk(await app.dispatch('eligibility.record', notEligible(people.badr!.id)));
  });

  const firstNames = (page: BeneficiaryPage) => page.rows.map((row) => row.fullName.split(' ')[0]);

  it('lists everyone sorted by name by default, with the total', async () => {
    const page = await list();
    expect(page.total).toBe(5);
    expect(page).toMatchObject({ page: 1, pageSize: 50 });
    expect(firstNames(page)).toEqual(['أحمد', 'بدر', 'خالد', 'سعد', 'فهد']);
  });

  it('sorts by file number and by newest registration', async () => {
    expect(firstNames(await list({ sort: 'file_number' }))).toEqual(['فهد', 'أحمد', 'سعد', 'بدر', 'خالد']);
    expect(firstNames(await list({ sort: 'newest' }))).toEqual(['خالد', 'بدر', 'سعد', 'أحمد', 'فهد']);
  });

  it('filters by category', async () => {
    const page = await list({ category: 'prisoner' });
    expect(page.total).toBe(3);
    expect(firstNames(page)).toEqual(['خالد', 'سعد', 'فهد']);
    expect(page.rows.every((row) => row.category === 'prisoner')).toBe(true);
  });

  it('filters by eligibility', async () => {
    expect(firstNames(await list({ eligibility: 'eligible' }))).toEqual(['خالد', 'فهد']);
    expect(firstNames(await list({ eligibility: 'not_eligible' }))).toEqual(['بدر']);
    expect(firstNames(await list({ eligibility: 'pending' }))).toEqual(['أحمد', 'سعد']);
  });

  it('filters by status and by district', async () => {
    expect(firstNames(await list({ status: 'inactive' }))).toEqual(['سعد']);
    const hofuf = districts.find((district) => district.code === 'hofuf')!.id;
    const page = await list({ districtId: hofuf });
    expect(firstNames(page)).toEqual(['سعد', 'فهد']);
    expect(page.rows.every((row) => row.districtId === hofuf)).toBe(true);
  });

  it('combines filters, and treats empty filters as no filter', async () => {
    const mubarraz = districts.find((district) => district.code === 'mubarraz')!.id;
    expect(firstNames(await list({ category: 'prisoner', districtId: mubarraz, eligibility: 'eligible' }))).toEqual(['خالد']);
    expect((await list({ category: '', districtId: '', eligibility: null, status: '' })).total).toBe(5);
  });

  it('pages through the list, keeping the total of all matches', async () => {
    const pages = [await list({ pageSize: 2, page: 1 }), await list({ pageSize: 2, page: 2 }), await list({ pageSize: 2, page: 3 })];
    expect(pages.map(firstNames)).toEqual([['أحمد', 'بدر'], ['خالد', 'سعد'], ['فهد']]);
    expect(pages.map((page) => page.total)).toEqual([5, 5, 5]);
    const beyond = await list({ pageSize: 2, page: 9 });
    expect(beyond).toMatchObject({ rows: [], total: 5, page: 9, pageSize: 2 });
  });

  it('refuses a page size over 200 and a page below 1', async () => {
    expect(expectError(await app.dispatch('beneficiaries.list', { pageSize: 201 })).code).toBe('validation');
    expect(expectError(await app.dispatch('beneficiaries.list', { page: 0 })).code).toBe('validation');
    expect(expectError(await app.dispatch('beneficiaries.list', { sort: 'id_number' })).details?.fields).toEqual([
      { path: 'sort', messageKey: 'validation.choice' },
    ]);
  });

  it('refuses a filter value that is not in the list with validation.choice', async () => {
    const error = expectError(await app.dispatch('beneficiaries.list', { category: 'visitor' }));
    expect(error.code).toBe('validation');
    expect(error.details?.fields).toEqual([{ path: 'category', messageKey: 'validation.choice' }]);
  });

  it('shows a summary line per person: ID tail, masked phone, category, eligibility', async () => {
    const row = (await list({ eligibility: 'eligible', category: 'prisoner' })).rows.find((r) => r.id === people.fahd!.id)!;
    expect(row).toMatchObject({
      fileNumber: people.fahd!.fileNumber,
      fullName: people.fahd!.fullName,
      idType: 'national_id',
      idTail: people.fahd!.idNumber.slice(-4),
      phoneTail: `…${people.fahd!.phones[0]!.slice(-4)}`,
      category: 'prisoner',
      eligibility: 'eligible',
      status: 'active',
    });
    expect(JSON.stringify(row)).not.toContain(people.fahd!.idNumber);
    expect(JSON.stringify(row)).not.toContain(people.fahd!.phones[0]!.slice(4));
  });

  it('counts beneficiaries by eligibility and by category', async () => {
    const stats = expectOk<BeneficiaryStats>(await app.dispatch('beneficiaries.stats', {}));
    expect(stats).toEqual({
      total: 5,
      byEligibility: { pending: 2, eligible: 2, not_eligible: 1 },
      byCategory: { prisoner: 3, released_prisoner: 1, family_member: 1 },
    });
  });
});

describe('beneficiaries.stats on an empty registry', () => {
  it('answers zeros', async () => {
    expect(expectOk(await app.dispatch('beneficiaries.stats', {}))).toEqual({
      total: 0,
      byEligibility: { pending: 0, eligible: 0, not_eligible: 0 },
      byCategory: { prisoner: 0, released_prisoner: 0, family_member: 0 },
    });
  });
});

function eligible(beneficiaryId: string): RecordEligibilityInput {
  return { beneficiaryId, inScope: true, legalResident: true, receivesServices: true, outcome: 'eligible' };
}

function notEligible(beneficiaryId: string, reason = 'خارج نطاق خدمات الجمعية'): RecordEligibilityInput {
  return { beneficiaryId, inScope: false, legalResident: true, receivesServices: true, outcome: 'not_eligible', reason };
}

describe('eligibility.record', () => {
  it('records an eligible decision when all three criteria hold, and makes it current', async () => {
    const person = await registered();
    const decision = expectOk<EligibilityDecision>(await app.dispatch('eligibility.record', eligible(person.id)));
    expect(decision).toMatchObject({
      inScope: true,
      legalResident: true,
      receivesServices: true,
      outcome: 'eligible',
      reason: null,
      decidedBy: app.adminId,
      decidedByName: ADMIN.displayName,
    });
    expect(decision.id).toMatch(UUID);

    const after = await get(person.id);
    expect(after.eligibility).toBe('eligible');
    expect(after.eligibilityDecidedAt).toBe(decision.decidedAt);
    expect(after.eligibilityHistory).toEqual([decision]);
  });

  it('does not bump rowVersion, so an edit form opened before the decision can still save', async () => {
    const person = await registered();
    expectOk(await app.dispatch('eligibility.record', eligible(person.id)));
    expect((await get(person.id)).rowVersion).toBe(1);
    const updated = expectOk<BeneficiaryDetail>(
      await app.dispatch('beneficiaries.update', { id: person.id, expectedVersion: 1, fields: validFields({ idNumber: person.idNumber }) }),
    );
    expect(updated.eligibility).toBe('eligible');
  });

  it('records a not_eligible decision with its reason', async () => {
    const person = await registered();
    const decision = expectOk<EligibilityDecision>(await app.dispatch('eligibility.record', notEligible(person.id, 'مقيم بصورة غير نظامية')));
    expect(decision).toMatchObject({ outcome: 'not_eligible', reason: 'مقيم بصورة غير نظامية', inScope: false });
    expect((await get(person.id)).eligibility).toBe('not_eligible');
  });

  it('refuses not_eligible without a reason, writing nothing', async () => {
    const person = await registered();
    for (const reason of [undefined, null, '', '   ']) {
      const error = await refusedWithoutWriting(() =>
        app.dispatch('eligibility.record', { ...notEligible(person.id), reason }),
      );
      expect(error.code).toBe('validation');
      expect(error.details?.fields).toContainEqual({ path: 'reason', messageKey: 'validation.eligibility.reasonRequired' });
    }
    expect((await get(person.id)).eligibility).toBe('pending');
  });

  it('refuses eligible when a criterion is not met, writing nothing', async () => {
    const person = await registered();
    for (const unmet of ['inScope', 'legalResident', 'receivesServices'] as const) {
      const error = await refusedWithoutWriting(() =>
        app.dispatch('eligibility.record', { ...eligible(person.id), [unmet]: false }),
      );
      expect(error.details?.fields).toContainEqual({ path: 'outcome', messageKey: 'validation.eligibility.criteriaNotMet' });
    }
  });

  it('refuses not_eligible when all three criteria hold', async () => {
    const person = await registered();
    const error = await refusedWithoutWriting(() =>
      app.dispatch('eligibility.record', { ...eligible(person.id), outcome: 'not_eligible', reason: 'سبب' }),
    );
    expect(error.details?.fields).toContainEqual({ path: 'outcome', messageKey: 'validation.eligibility.criteriaAllMet' });
  });

  it('refuses a decision without a criterion answered, or with an unknown outcome', async () => {
    const person = await registered();
    const { inScope: _omitted, ...withoutInScope } = eligible(person.id);
    expect(expectError(await app.dispatch('eligibility.record', withoutInScope)).details?.fields).toContainEqual({
      path: 'inScope',
      messageKey: 'validation.choice',
    });
    expect(expectError(await app.dispatch('eligibility.record', { ...eligible(person.id), outcome: 'pending' })).details?.fields).toContainEqual({
      path: 'outcome',
      messageKey: 'validation.choice',
    });
  });

  it('answers not_found for a beneficiary that does not exist, writing nothing', async () => {
    await registered();
    const error = await refusedWithoutWriting(() => app.dispatch('eligibility.record', eligible('01900000-0000-7000-8000-000000000000')));
    expect(error).toEqual({ code: 'not_found', messageKey: 'notFound.beneficiary' });
  });

  it('keeps every decision, newest first, and the newest is current', async () => {
    const person = await registered();
    const first = expectOk<EligibilityDecision>(await app.dispatch('eligibility.record', eligible(person.id)));
    const second = expectOk<EligibilityDecision>(await app.dispatch('eligibility.record', notEligible(person.id, 'انتقل خارج المنطقة')));
    const third = expectOk<EligibilityDecision>(await app.dispatch('eligibility.record', eligible(person.id)));

    const after = await get(person.id);
    expect(after.eligibilityHistory.map((decision) => decision.id)).toEqual([third.id, second.id, first.id]);
    expect(after.eligibilityHistory.map((decision) => decision.outcome)).toEqual(['eligible', 'not_eligible', 'eligible']);
    expect(after.eligibility).toBe('eligible');
    expect(after.eligibilityDecidedAt).toBe(third.decidedAt);
  });

  it('shows the current eligibility in the list and in search results', async () => {
    const person = await registered({ firstName: 'مشعل', familyName: 'الدوسري' });
    expectOk(await app.dispatch('eligibility.record', notEligible(person.id)));
    expect((await list()).rows.find((row) => row.id === person.id)?.eligibility).toBe('not_eligible');
    const hits = expectOk<SearchResults>(await app.dispatch('search.beneficiaries', { query: 'مشعل الدوسري' })).hits;
    expect(hits.find((hit) => hit.id === person.id)?.eligibility).toBe('not_eligible');
  });
});

describe('the call envelope', () => {
  it('answers unknown_call for a name that is not in the contract', async () => {
    for (const name of ['beneficiaries.delete', '', 'BENEFICIARIES.GET', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await app.dispatch(name, {}), name).toEqual({ ok: false, error: { code: 'unknown_call', messageKey: 'unknownCall' } });
    }
  });

  it('answers internal without any detail when a handler crashes (database closed under it)', async () => {
    const person = await registered();
    app.wasl.desk.openDatabase?.sqlite.close();
    const result = await app.dispatch('beneficiaries.get', { id: person.id });
    expect(result).toEqual({ ok: false, error: { code: 'internal', messageKey: 'internal' } });
    expect(Object.keys(result)).toEqual(['ok', 'error']);
    expect(JSON.stringify(result)).not.toMatch(/stack|[A-Z][a-z]+Error|destroyed|sqlite|at \//);
    // The failure is reported to the host's log instead.
    expect(app.loggedErrors.map((entry) => entry.callName)).toEqual(['beneficiaries.get']);
  });

  it('answers every call name in the contract with an envelope', async () => {
    // The session calls last: signing out ends what the others need.
    const ordered = [...callNames.filter((name) => !isSessionCall(name)), ...callNames.filter(isSessionCall)];
    for (const name of ordered) {
      const result = await app.dispatch(name, {});
      expect(typeof result.ok, name).toBe('boolean');
      if (!result.ok) expect(['validation', 'not_found', 'rule', 'unauthenticated'], name).toContain(result.error.code);
    }
    expect(app.loggedErrors).toEqual([]);
  });
});

describe('hostile inputs', () => {
  const deeplyNested = () => {
    let value: Record<string, unknown> = { end: true };
    for (let depth = 0; depth < 2000; depth += 1) value = { fields: value };
    return value;
  };
  const long = 'ج'.repeat(10_000);
  const sqlFragment = "'; DROP TABLE beneficiaries; --";
  const control = 'a\u0000b\u0007c\u001bd\u007f\u202e';

  /** Inputs no form would send. `existing` is a registered person: their ID makes any registration a duplicate. */
  const hostileInputs = ({ id: existingId, idNumber }: { id: string; idNumber: string }): unknown[] => [
    null,
    undefined,
    0,
    -1,
    Number.NaN,
    true,
    'text',
    long,
    [],
    [1, 2, 3],
    [{ fields: validFields() }],
    {},
    { fields: null },
    { fields: [] },
    { fields: long },
    { fields: { ...validFields(), firstName: long } },
    { fields: { ...validFields(), phones: long } },
    { fields: { ...validFields(), phones: [long] } },
    { fields: { ...validFields(), household: [{}] } },
    { fields: { ...validFields(), household: Array.from({ length: 31 }, () => ({ fullName: 'ابن', relation: 'son' })) } },
    { fields: { ...validFields(), idNumber: sqlFragment } },
    { fields: { ...validFields(), firstName: sqlFragment } },
    { fields: { ...validFields(), notes: control } },
    { fields: { ...validFields(), consentGiven: 'true' } },
    { fields: { ...validFields(), needs: { 0: 'financial' } } },
    { fields: { ...validFields(), idNumber: { toString: 'x' } } },
    { fields: validFields({ idNumber: withSaudiCheckDigit('199999999') }), confirmNotDuplicate: 'yes' },
    deeplyNested(),
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    { id: sqlFragment },
    { id: `${existingId}' OR '1'='1` },
    { id: existingId, expectedVersion: 0, fields: validFields({ idNumber }) },
    { id: existingId, expectedVersion: 1.5, fields: validFields({ idNumber }) },
    { id: existingId, expectedVersion: '1', fields: validFields({ idNumber }) },
    { id: existingId, expectedVersion: 2, fields: validFields({ idNumber }) },
    { id: [existingId] },
    { query: sqlFragment.repeat(10) },
    { query: long },
    { query: control },
    { query: 12345 },
    { query: null },
    { page: -1, pageSize: 1e9 },
    { page: Number.POSITIVE_INFINITY },
    { sort: sqlFragment },
    { category: sqlFragment },
    { districtId: sqlFragment },
    { limit: 0 },
    { language: sqlFragment },
    { beneficiaryId: existingId, inScope: 'yes', legalResident: 1, receivesServices: null, outcome: 'eligible' },
    { beneficiaryId: existingId, inScope: false, legalResident: true, receivesServices: true, outcome: 'not_eligible', reason: long },
    { beneficiaryId: existingId, inScope: false, legalResident: true, receivesServices: true, outcome: 'not_eligible', reason: control },
  ];

  // The session calls change who is signed in; tests/integration/fuzz.test.ts sends them hostile input.
  it('never throw, never crash a handler, and never change a record (reading one is audited)', async () => {
    const person = await registered({ idNumber: withSaudiCheckDigit('188888888') });
    const withoutAudit = () => snapshotDatabase(app.databasePath, app.key, { except: ['audit_log', 'audit_changes'] });
    const before = withoutAudit();
    for (const name of callNames.filter((call) => !isSessionCall(call))) {
      for (const [index, input] of hostileInputs(person).entries()) {
        const result = await app.dispatch(name, input);
        const label = `${name} ← hostile input #${index}`;
        expect(typeof result.ok, label).toBe('boolean');
        if (!result.ok) expect(result.error.code, label).not.toBe('internal');
      }
    }
    expect(app.loggedErrors).toEqual([]);
    expect(withoutAudit()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await get(person.id)).rowVersion).toBe(1);
  });

  it('still serve ordinary calls afterwards', async () => {
    const existing = await registered();
    for (const input of hostileInputs(existing)) await app.dispatch('beneficiaries.register', input);
    const person = await registered();
    expect((await get(person.id)).fullName).toBe('محمد عبدالله سعد الحربي');
  });
});
