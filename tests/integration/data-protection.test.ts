// The data subject's rights through the real call path: the subject-access export (everything held
// about a person, as a printable Arabic document, escaped and audited) and the erasure of a person's
// personal data (nothing left in any table, the search index or the file's pages; counts, the audit
// chain and everyone else untouched).
import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { AuditEntry, AuditVerification, ExportedFile } from '../../electron/api/audit';
import type {
  BeneficiaryDetail,
  BeneficiaryFieldsInput,
  BeneficiaryPage,
  BeneficiaryStats,
  DuplicateReport,
} from '../../electron/api/beneficiaries';
import { ERASED_NAME } from '../../electron/api/beneficiaries';
import type { EligibilityDecision } from '../../electron/api/eligibility';
import { formatSaudiPhone, normalizeSaudiPhone } from '../../electron/api/fields/phone';
import { reversedDigits } from '../../electron/api/fields/digits';
import type { SearchResults } from '../../electron/api/search';
import type { Role } from '../../electron/api/permissions';
import {
  ADMIN,
  ASSOCIATION,
  auditEntries,
  createUser,
  expectError,
  expectOk,
  newNationalId,
  openTestWasl,
  signInAs,
  snapshotDatabase,
  validFields,
  type TestWasl,
} from '../support/database';

let app: TestWasl;
const staff = new Map<Exclude<Role, 'administrator'>, { username: string; password: string; displayName: string }>();

beforeEach(async () => {
  app = await openTestWasl();
  for (const role of ['officer', 'supervisor'] as const) {
    const account = await createUser(app.dispatch, role);
    staff.set(role, { username: account.username, password: account.password, displayName: account.displayName });
  }
  // Each account chooses its own password at its first sign-in; then the administrator is back.
  for (const [role, account] of staff) {
    await signInAs(app.dispatch, account.username, account.password);
    staff.set(role, { ...account, password: `${account.password}-chosen` });
  }
  await signInAsRole('administrator');
});

afterEach(async () => {
  await app.cleanup();
});

async function signInAsRole(role: Role): Promise<void> {
  const account = role === 'administrator' ? ADMIN : staff.get(role)!;
  expectOk(await app.dispatch('session.signIn', { username: account.username, password: account.password }));
}

/** A person whose every personal value is a word found nowhere else, so a scan can look for each. */
function secretFields(): BeneficiaryFieldsInput {
  return validFields({
    firstName: 'زبرجد',
    fatherName: 'ياقوت',
    grandfatherName: 'مرجان',
    familyName: 'القرمزي',
    latinName: 'Zabarjad Qirmizi',
    idNumber: newNationalId(),
    birthDate: '1983-07-21',
    phones: ['0551239876', '0569871234'],
    address: 'عنوان-قديم-زمرد',
    category: 'family_member',
    prisonerRelation: 'son',
    prisonerName: 'سجين-اسمه-عقيق',
    prisonerFacility: 'إصلاحية-فيروزية',
    household: [
      { fullName: 'لؤلؤة ياقوت القرمزي', relation: 'sister', birthDate: '1990-02-03', idNumber: 'P7788991', notes: 'ملاحظة-أسرية-كهرمان' },
    ],
    needs: ['financial', 'psychological'],
    needsPriority: 'high',
    needsNotes: 'تقييم-سري-جمشت',
    consentDate: '2025-01-05',
    consentMethod: 'written',
    notes: '<img src=x onerror=alert(1)> ملاحظة-عامة-بلور',
  });
}

/** Every value of the secret person that must not survive an erasure, as typed and as stored or indexed. */
function secretNeedles(fields: BeneficiaryFieldsInput): string[] {
  const phones = (fields.phones ?? []).map((typed) => normalizeSaudiPhone(typed)!);
  return [
    'زبرجد', 'ياقوت', 'مرجان', 'القرمزي', 'قرمزي', 'Zabarjad', 'zabarjad', 'Qirmizi', 'qirmizi',
    fields.idNumber, '1983-07-21',
    ...phones.map((phone) => phone.slice(4)), ...phones.map((phone) => reversedDigits(phone)),
    'عنوان-قديم-زمرد', 'عنوان-جديد-عقيق', 'زمرد', 'سجين-اسمه-عقيق', 'إصلاحية-فيروزية',
    'لؤلؤة', 'P7788991', 'ملاحظة-أسرية-كهرمان', 'تقييم-سري-جمشت', 'onerror', 'ملاحظة-عامة-بلور',
    'سبب-الرفض-ياقوتي', 'ملخص-تواصل-زفيري', 'zafiri_handle',
  ];
}

async function registerSecretPerson(): Promise<{ person: BeneficiaryDetail; fields: BeneficiaryFieldsInput }> {
  const fields = secretFields();
  const registered = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields }));
  expectOk<EligibilityDecision>(
    await app.dispatch('eligibility.record', {
      beneficiaryId: registered.id,
      inScope: true,
      legalResident: true,
      receivesServices: false,
      outcome: 'not_eligible',
      reason: 'سبب-الرفض-ياقوتي',
    }),
  );
  // A contact through social media, with what was said and the person's handle there.
  expectOk(
    await app.dispatch('contacts.log', {
      beneficiaryId: registered.id,
      channel: 'social_media',
      direction: 'incoming',
      purpose: 'inquiry',
      platform: 'whatsapp',
      handle: 'zafiri_handle',
      summary: 'ملخص-تواصل-زفيري',
    }),
  );
  // A correction, so the audit trail holds an old and a new value.
  const current = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.get', { id: registered.id }));
  const person = expectOk<BeneficiaryDetail>(
    await app.dispatch('beneficiaries.update', {
      id: registered.id,
      expectedVersion: current.rowVersion,
      fields: { ...fields, address: 'عنوان-جديد-عقيق' },
    }),
  );
  return { person, fields };
}

const exportOf = async (id: string) => expectOk<ExportedFile>(await app.dispatch('beneficiaries.exportPersonalData', { id }));
const stats = async () => expectOk<BeneficiaryStats>(await app.dispatch('beneficiaries.stats', {}));
const search = async (query: string) => expectOk<SearchResults>(await app.dispatch('search.beneficiaries', { query }));
const snapshot = () => snapshotDatabase(app.databasePath, app.key);

/** The tags and attributes the document may use: anything else (script, img, link, on… handlers) fails. */
const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'section', 'h1', 'h2', 'h3', 'p', 'table', 'thead', 'tbody',
  'tr', 'th', 'td', 'ul', 'li', 'bdi', 'span',
]);
const VOID_TAGS = new Set(['meta']);
const ALLOWED_ATTRIBUTES = new Set(['dir', 'lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'scope']);

/**
 * Checks that a document is well formed (every element closed, in order), uses only the allowed
 * tags and attributes, and answers its text with the tags removed.
 */
function checkMarkup(document: string): string {
  expect(document.startsWith('<!doctype html>\n<html dir="rtl" lang="ar">')).toBe(true);
  const withoutStyle = document.replace(/<style>[^<]*<\/style>/, '<style></style>');
  const open: string[] = [];
  for (const match of withoutStyle.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|<!doctype html>/g)) {
    if (match[0] === '<!doctype html>') continue;
    const [, closing, tag, attributes] = match as unknown as [string, string, string, string];
    const name = tag.toLowerCase();
    expect(ALLOWED_TAGS.has(name), `tag <${name}>`).toBe(true);
    for (const attribute of attributes.matchAll(/\s([a-zA-Z-]+)(?:="[^"]*")?/g)) {
      expect(ALLOWED_ATTRIBUTES.has(attribute[1]!.toLowerCase()), `attribute ${attribute[1]} on <${name}>`).toBe(true);
    }
    // Whatever remains after removing the attributes must be nothing: no stray quote or bracket.
    expect(attributes.replace(/\s[a-zA-Z-]+(?:="[^"<>]*")?/g, '').trim(), `<${name}${attributes}>`).toBe('');
    if (VOID_TAGS.has(name)) continue;
    if (closing) expect(open.pop(), `</${name}>`).toBe(name);
    else open.push(name);
  }
  expect(open).toEqual([]);
  // Text outside tags holds no raw markup characters: '<' and '>' arrive only as &lt; and &gt;.
  const textOnly = withoutStyle.replace(/<[^>]*>/g, '');
  expect(textOnly).not.toMatch(/[<>]/);
  return textOnly;
}

const unescape = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('beneficiaries.exportPersonalData', () => {
  it('holds everything about the person, readably, in Arabic, with every value escaped', async () => {
    const { person, fields } = await registerSecretPerson();
    const supervisor = staff.get('supervisor')!;
    await signInAsRole('supervisor');
    expectOk(await app.dispatch('beneficiaries.get', { id: person.id }));

    const file = await exportOf(person.id);
    expect(file.mimeType).toBe('text/html;charset=utf-8');
    expect(file.fileName).toMatch(new RegExp(`^wasl-personal-data-${person.fileNumber}-\\d{4}-\\d{2}-\\d{2}\\.html$`));
    expect(file.fileName).not.toContain('زبرجد');

    const text = unescape(checkMarkup(file.content));
    // The contacts logged with the person: what was said, through which channel, their handle.
    expect(text).toContain('ملخص-تواصل-زفيري');
    expect(text).toContain('وسائل التواصل');
    expect(text).toContain('zafiri_handle');
    // Identity, contact, category and prisoner link, household, needs, consent.
    for (const value of [
      'زبرجد', 'ياقوت', 'مرجان', 'القرمزي', 'Zabarjad Qirmizi', fields.idNumber, person.fileNumber,
      formatSaudiPhone(person.phones[0]!), formatSaudiPhone(person.phones[1]!), 'عنوان-جديد-عقيق',
      'سجين-اسمه-عقيق', 'إصلاحية-فيروزية', 'الابن', 'لؤلؤة ياقوت القرمزي', 'الأخت', 'P7788991', 'ملاحظة-أسرية-كهرمان',
      'مالي', 'نفسي', 'عالية', 'تقييم-سري-جمشت', 'كتابية', 'المملكة العربية السعودية', 'هوية وطنية', 'ذكر', 'مواطن',
      ASSOCIATION,
    ]) {
      expect(text, value).toContain(value);
    }
    // Dates in both calendars (Riyadh): the birth date and the consent date.
    expect(text).toContain('21 يوليو 1983 م');
    expect(text).toContain('10 شوال 1403 هـ');
    expect(text).toContain('5 يناير 2025 م');
    expect(text).toContain('5 رجب 1446 هـ');
    // The eligibility decision, with its criteria, outcome, reason and who made it.
    expect(text).toContain('سبب-الرفض-ياقوتي');
    expect(text).toContain('غير مستحق');
    expect(text).toContain('مستفيد من خدمات الجمعية أو برامجها أو مناشطها: لا');
    expect(text).toContain(ADMIN.displayName);
    // The history: the correction (old and new value) and who looked at the file.
    expect(text).toContain('عنوان-قديم-زمرد');
    expect(text).toMatch(/العنوان\s*عنوان-قديم-زمرد\s*عنوان-جديد-عقيق/);
    expect(text).toContain('تعديل بيانات مستفيد');
    expect(text).toContain('الاطلاع على ملف مستفيد');
    expect(text).toContain(supervisor.displayName);
    // The free-text note is text, not markup.
    expect(file.content).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(file.content).not.toMatch(/<img|<script|<link|<iframe|<object|<embed|<[^>]*\son[a-z]+=|javascript:|https?:|url\(/i);
    expect(file.content).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(file.count).toBeGreaterThanOrEqual(5);
  });

  it('is recorded with what it held, never the values', async () => {
    const { person, fields } = await registerSecretPerson();
    await exportOf(person.id);
    const [entry] = await auditEntries(app.dispatch, { beneficiaryId: person.id, action: 'beneficiary.exported' });
    expect(entry).toMatchObject({
      actor: { id: app.adminId },
      entityType: 'beneficiary',
      entityId: person.id,
      changes: null,
      summary: { format: 'html', erased: false, counts: { phones: 2, householdMembers: 1, needs: 2, eligibilityDecisions: 1 } },
    });
    const summary = JSON.stringify(entry!.summary);
    for (const needle of secretNeedles(fields)) expect(summary).not.toContain(needle);
  });

  it('is for supervisors and administrators: an officer is refused and nothing is written', async () => {
    const { person } = await registerSecretPerson();
    await signInAsRole('officer');
    const before = snapshot();
    expect(expectError(await app.dispatch('beneficiaries.exportPersonalData', { id: person.id }))).toEqual({
      code: 'forbidden',
      messageKey: 'forbidden',
    });
    expect(snapshot()).toEqual(before);
    await signInAsRole('supervisor');
    expect((await exportOf(person.id)).content).toContain('زبرجد');
  });

  it('answers not_found for an unknown person', async () => {
    const error = expectError(await app.dispatch('beneficiaries.exportPersonalData', { id: '01900000-0000-7000-8000-000000000000' }));
    expect(error).toMatchObject({ code: 'not_found', messageKey: 'notFound.beneficiary' });
  });
});

describe('beneficiaries.erase', () => {
  const REASON = 'طلب المستفيد إتلاف بياناته بعد انتهاء الخدمة';

  it('is for administrators only: a supervisor is refused and nothing is written', async () => {
    const { person } = await registerSecretPerson();
    await signInAsRole('supervisor');
    const before = snapshot();
    const error = expectError(await app.dispatch('beneficiaries.erase', { id: person.id, reason: REASON, confirmFileNumber: person.fileNumber }));
    expect(error).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    expect(snapshot()).toEqual(before);
  });

  it('refuses a file number typed wrong, or no real reason, and changes nothing', async () => {
    const { person } = await registerSecretPerson();
    const other = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    const before = snapshot();
    const mismatch = expectError(await app.dispatch('beneficiaries.erase', { id: person.id, reason: REASON, confirmFileNumber: other.fileNumber }));
    expect(mismatch).toEqual({
      code: 'validation',
      messageKey: 'beneficiaries.erasureFileNumberMismatch',
      details: { fields: [{ path: 'confirmFileNumber', messageKey: 'beneficiaries.erasureFileNumberMismatch' }] },
    });
    const empty = expectError(await app.dispatch('beneficiaries.erase', { id: person.id, reason: REASON, confirmFileNumber: '' }));
    expect(empty.messageKey).toBe('beneficiaries.erasureFileNumberMismatch');
    const short = expectError(await app.dispatch('beneficiaries.erase', { id: person.id, reason: ' طلب ', confirmFileNumber: person.fileNumber }));
    expect(short).toMatchObject({ code: 'validation', details: { fields: [{ path: 'reason', messageKey: 'validation.erasureReason' }] } });
    const missing = expectError(await app.dispatch('beneficiaries.erase', { id: person.id, confirmFileNumber: person.fileNumber }));
    expect(missing).toMatchObject({ code: 'validation', details: { fields: [{ path: 'reason', messageKey: 'validation.required' }] } });
    expect(snapshot()).toEqual(before);
    expect(expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.get', { id: person.id })).erasedAt).toBeNull();
  });

  it('leaves no trace of the person in any table, the search index or the file, and keeps the counts', async () => {
    const { person, fields } = await registerSecretPerson();
    const bystander = expectOk<BeneficiaryDetail>(
      await app.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'صالح', familyName: 'العتيبي', notes: 'ملاحظة الجار' }) }),
    );
    const needles = secretNeedles(fields);
    // The scans do see the person's values while they are held.
    expect(tracesIn(tableValues(), needles)).toContain('beneficiaries.first_name: زبرجد');
    expect(tracesIn(tableValues(), needles)).toContain('audit_changes.changes: عنوان-قديم-زمرد');
    // Not checkpointed: the log still holds the pages as they were, and the erasure must deal with them.
    expect(tracesIn(filePages(), needles)).toEqual(expect.arrayContaining(['زبرجد', 'قرمزي', fields.idNumber, 'عنوان-قديم-زمرد']));
    const statsBefore = await stats();
    const listBefore = expectOk<BeneficiaryPage>(await app.dispatch('beneficiaries.list', {}));

    // The file number typed again in Arabic-Indic digits, with a space instead of the dash.
    const typedAgain = person.fileNumber.replace('-', ' ').replace(/\d/g, (digit) => '٠١٢٣٤٥٦٧٨٩'[Number(digit)]!);
    const erased = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.erase', { id: person.id, reason: REASON, confirmFileNumber: typedAgain }));

    // What remains: what the counts need.
    expect(erased).toMatchObject({
      id: person.id,
      fileNumber: person.fileNumber,
      fullName: ERASED_NAME,
      firstName: ERASED_NAME,
      fatherName: '',
      familyName: '',
      latinName: null,
      idNumber: '',
      birthDate: null,
      phones: [],
      household: [],
      address: null,
      prisonerName: null,
      prisonerFacility: null,
      needs: [],
      needsNotes: null,
      notes: null,
      consentDate: null,
      consentMethod: null,
      category: 'family_member',
      gender: 'male',
      nationality: 'SA',
      status: 'active',
      eligibility: 'not_eligible',
      eligibilityDecidedAt: person.eligibilityDecidedAt,
    });
    expect(erased.erasedAt).not.toBeNull();
    expect(erased.eligibilityHistory).toEqual([expect.objectContaining({ outcome: 'not_eligible', reason: null, inScope: true, receivesServices: false })]);

    // No table holds any of the values, in any column (text or blob, FTS shadow tables included).
    expect(tracesIn(tableValues(), needles)).toEqual([]);
    // Nor any page of the file or of its write-ahead log, decrypted with the key: freed space was
    // overwritten (secure_delete), the index merged, the log emptied.
    expect(tracesIn(filePages(), needles)).toEqual([]);

    // Search: by name, ID, phone or file number, nobody; the bystander is still found.
    for (const query of ['زبرجد', 'زبرجد ياقوت', 'Zabarjad', fields.idNumber, '0551239876', '9876', person.fileNumber, ERASED_NAME]) {
      expect((await search(query)).hits, query).toEqual([]);
    }
    expect((await search('صالح العتيبي')).hits.map((hit) => hit.id)).toContain(bystander.id);
    expect(expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.get', { id: bystander.id }))).toMatchObject({
      fullName: 'صالح عبدالله سعد العتيبي',
      notes: 'ملاحظة الجار',
      phones: bystander.phones,
    });

    // Past reports stay right: the person is still counted, under the erased marker.
    expect(await stats()).toEqual(statsBefore);
    const listAfter = expectOk<BeneficiaryPage>(await app.dispatch('beneficiaries.list', {}));
    expect(listAfter.total).toBe(listBefore.total);
    expect(listAfter.rows.find((row) => row.id === person.id)).toMatchObject({
      fullName: ERASED_NAME,
      idTail: '',
      phoneTail: null,
      birthDate: null,
      category: 'family_member',
      eligibility: 'not_eligible',
      erasedAt: erased.erasedAt,
    });
    expect(expectOk<BeneficiaryPage>(await app.dispatch('beneficiaries.list', { eligibility: 'not_eligible' })).total).toBe(
      statsBefore.byEligibility.not_eligible,
    );

    // The audit chain holds, and records the erasure with its reason.
    expect(expectOk<AuditVerification>(await app.dispatch('audit.verify', {}))).toMatchObject({ intact: true, problem: null });
    const trail = await auditEntries(app.dispatch, { beneficiaryId: person.id });
    const erasure = trail.find((entry) => entry.action === 'beneficiary.erased');
    expect(erasure).toMatchObject({
      actor: { id: app.adminId },
      entityType: 'beneficiary',
      summary: { reason: REASON, fileNumber: person.fileNumber, removed: { phones: 2, householdMembers: 1, decisionReasons: 1 } },
    });
    expect((erasure!.summary.removed as { changeRecords: number }).changeRecords).toBeGreaterThanOrEqual(3);
    // The earlier entries stay (who looked, who changed which fields), without their values.
    const earlier = trail.filter((entry: AuditEntry) => entry.seq < erasure!.seq);
    expect(earlier.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['beneficiary.created', 'eligibility.decided', 'beneficiary.viewed', 'beneficiary.changed']),
    );
    expect(earlier.every((entry) => entry.changes === null)).toBe(true);
    expect(earlier.find((entry) => entry.action === 'beneficiary.changed')!.summary).toEqual({ fields: ['address'] });
  });

  it('refuses to change, decide on or erase again an erased person; the same person can register anew', async () => {
    const { person, fields } = await registerSecretPerson();
    expectOk(await app.dispatch('beneficiaries.erase', { id: person.id, reason: REASON, confirmFileNumber: person.fileNumber }));
    const erased = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.get', { id: person.id }));

    const before = snapshot();
    expect(
      expectError(await app.dispatch('beneficiaries.update', { id: person.id, expectedVersion: erased.rowVersion, fields: validFields() })),
    ).toEqual({ code: 'rule', messageKey: 'beneficiaries.erased' });
    expect(
      expectError(
        await app.dispatch('eligibility.record', {
          beneficiaryId: person.id,
          inScope: true,
          legalResident: true,
          receivesServices: true,
          outcome: 'eligible',
          reason: 'سبب جديد',
        }),
      ),
    ).toEqual({ code: 'rule', messageKey: 'beneficiaries.erased' });
    expect(
      expectError(await app.dispatch('beneficiaries.erase', { id: person.id, reason: REASON, confirmFileNumber: person.fileNumber })),
    ).toEqual({ code: 'rule', messageKey: 'beneficiaries.alreadyErased' });
    expect(snapshot()).toEqual(before);

    // Nothing of theirs stands in the way of registering them again, as a new file.
    const duplicates = expectOk<DuplicateReport>(
      await app.dispatch('beneficiaries.checkDuplicates', { excludeId: null, ...fields }),
    );
    expect(duplicates).toEqual({ sameId: null, likely: [] });
    const again = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields }));
    expect(again.id).not.toBe(person.id);
    expect(again.fileNumber).not.toBe(person.fileNumber);
    expect((await search('زبرجد')).hits.map((hit) => hit.id)).toEqual([again.id]);
  });

  it("leaves an export that shows only what remains, and the erasure", async () => {
    const { person, fields } = await registerSecretPerson();
    expectOk(await app.dispatch('beneficiaries.erase', { id: person.id, reason: REASON, confirmFileNumber: person.fileNumber }));
    const file = await exportOf(person.id);
    const text = unescape(checkMarkup(file.content));
    expect(text).toContain(person.fileNumber);
    expect(text).toContain('أُتلفت البيانات الشخصية لصاحب هذا الملف');
    expect(text).toContain(REASON);
    expect(text).toContain('إتلاف البيانات الشخصية لمستفيد');
    expect(text).toContain('من أسرة سجين');
    expect(text).toContain('أُتلفت القيم مع البيانات الشخصية.');
    for (const needle of secretNeedles(fields)) expect(text, needle).not.toContain(needle);
    const [entry] = await auditEntries(app.dispatch, { beneficiaryId: person.id, action: 'beneficiary.exported' });
    expect(entry!.summary).toMatchObject({ erased: true, counts: { phones: 0, householdMembers: 0, eligibilityDecisions: 1 } });
  });
});

// --- Scans ---------------------------------------------------------------------------------------

/** Every value of every column of every table (FTS shadow tables included), through a second connection. */
function tableValues(): Array<{ where: string; value: string | Buffer }> {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    const tables = opened.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'`)
      .pluck()
      .all() as string[];
    expect(tables).toEqual(expect.arrayContaining(['beneficiaries', 'audit_changes', 'beneficiary_name_index_data']));
    const values: Array<{ where: string; value: string | Buffer }> = [];
    for (const table of tables) {
      for (const row of opened.sqlite.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'string' || Buffer.isBuffer(value)) values.push({ where: `${table}.${column}`, value });
        }
      }
    }
    return values;
  } finally {
    opened.sqlite.close();
  }
}

/** Which needles occur where: `table.column: needle` for values, the needle alone for raw pages. */
function tracesIn(haystack: Array<{ where: string; value: string | Buffer }> | Buffer[], needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const item of haystack) {
    const [where, bytes] = Buffer.isBuffer(item) ? [null, item] : [item.where, Buffer.isBuffer(item.value) ? item.value : Buffer.from(item.value)];
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(where === null ? needle : `${where}: ${needle}`);
    }
  }
  return [...new Set(found)];
}

/** SQLCipher 4: every page ends with a 16-byte IV and a 64-byte HMAC-SHA512; page 1 begins with the salt. */
const RESERVE = 80;
const SALT = 16;

/**
 * Every page of the database file and of its write-ahead log, decrypted with the key (AES-256-CBC,
 * the raw key): what anyone holding the key could read in the file, free space included, unlike
 * what a query shows. The header of page 1 proves the decryption right.
 */
function filePages(): Buffer[] {
  const { file, wal } = decryptedPages();
  return [...file, ...wal];
}

function decryptedPages(): { file: Buffer[]; wal: Buffer[] } {
  const pageSize = pageSizeOf();
  const decrypt = (page: Buffer, pageNumber: number): Buffer => {
    const start = pageNumber === 1 ? SALT : 0;
    const decipher = createDecipheriv('aes-256-cbc', app.key, page.subarray(pageSize - RESERVE, pageSize - RESERVE + 16));
    decipher.setAutoPadding(false);
    return Buffer.concat([decipher.update(page.subarray(start, pageSize - RESERVE)), decipher.final()]);
  };
  const file = readFileSync(app.databasePath);
  const pages: Buffer[] = [];
  for (let offset = 0; offset + pageSize <= file.length; offset += pageSize) {
    pages.push(decrypt(file.subarray(offset, offset + pageSize), offset / pageSize + 1));
  }
  const walPages: Buffer[] = [];
  // The SQLite header from byte 16 on: the page size (big-endian) at 16, the reserved bytes at 20.
  expect(pages[0]!.readUInt16BE(0)).toBe(pageSize === 65536 ? 1 : pageSize);
  expect(pages[0]![20 - SALT]).toBe(RESERVE);
  const walPath = `${app.databasePath}-wal`;
  if (existsSync(walPath)) {
    const wal = readFileSync(walPath);
    const WAL_HEADER = 32;
    const FRAME_HEADER = 24;
    for (let offset = WAL_HEADER; offset + FRAME_HEADER + pageSize <= wal.length; offset += FRAME_HEADER + pageSize) {
      const pageNumber = wal.readUInt32BE(offset);
      walPages.push(decrypt(wal.subarray(offset + FRAME_HEADER, offset + FRAME_HEADER + pageSize), pageNumber));
    }
  }
  return { file: pages, wal: walPages };
}

function pageSizeOf(): number {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return opened.sqlite.pragma('page_size', { simple: true }) as number;
  } finally {
    opened.sqlite.close();
  }
}

describe('the page scan', () => {
  it('reads the values the write-ahead log holds before a checkpoint (so an empty scan means something)', async () => {
    const fields = secretFields();
    expectOk(await app.dispatch('beneficiaries.register', { fields }));
    const walPath = `${app.databasePath}-wal`;
    expect(existsSync(walPath)).toBe(true);
    // The log alone: its frames are decrypted right, page 1 (with the salt) included.
    const { wal } = decryptedPages();
    expect(tracesIn(wal, ['زبرجد', fields.idNumber])).toEqual(['زبرجد', fields.idNumber]);
  });
});

describe('deleted content', () => {
  it('is overwritten by every connection the app opens (the cipher build turns secure_delete on with the key)', () => {
    // Erasure turns it on itself; this pins the default that keeps corrections from leaving the old
    // value in free space too.
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      expect(opened.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
    } finally {
      opened.sqlite.close();
    }
  });
});
