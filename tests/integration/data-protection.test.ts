// The data subject's rights through the real call path: the subject-access export (everything held
// about a person, their casework included, as a printable Arabic document, escaped and audited) and
// the erasure of a person's personal data (nothing left in any table, the search index or the file's
// pages, letter scans' bytes included; counts, the audit chain and everyone else untouched).
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
import type { ComplaintDetail } from '../../electron/api/complaints';
import type { EligibilityDecision } from '../../electron/api/eligibility';
import { formatSaudiPhone, normalizeSaudiPhone } from '../../electron/api/fields/phone';
import type { AskedInquiry, InquiryView } from '../../electron/api/inquiries';
import type { LetterView } from '../../electron/api/letters';
import type { RequestDetail } from '../../electron/api/requests';
import { reversedDigits } from '../../electron/api/fields/digits';
import type { SearchResults } from '../../electron/api/search';
import type { Role } from '../../electron/api/permissions';
import {
  ADMIN,
  ASSOCIATION,
  auditEntries,
  countRows,
  expectError,
  expectOk,
  newNationalId,
  openTestWaslWithStaff,
  snapshotDatabase,
  validFields,
  type StaffedTestWasl,
} from '../support/database';

let app: StaffedTestWasl<'officer' | 'supervisor'>;

beforeEach(async () => {
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' });
});

afterEach(async () => {
  await app.cleanup();
});

async function signInAsRole(role: Role): Promise<void> {
  await app.signIn(role);
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
    const supervisor = app.accounts.supervisor;
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

  it('is prepared by someone no complaint is about: the supervisor a complaint is about is refused, and nothing is written', async () => {
    const { person } = await registerSecretPerson();
    expectOk(
      await app.dispatch('complaints.receive', {
        kind: 'complaint',
        beneficiaryId: person.id,
        about: 'staff',
        aboutStaffId: app.accounts.supervisor.id,
        subject: 'تأخر في الرد على طلبه',
      }),
    );
    await signInAsRole('supervisor');
    const before = snapshot();
    expect(expectError(await app.dispatch('beneficiaries.exportPersonalData', { id: person.id }))).toEqual({
      code: 'rule',
      messageKey: 'beneficiaries.exportByAnother',
    });
    expect(snapshot()).toEqual(before);
    await signInAsRole('administrator');
    expect((await exportOf(person.id)).content).toContain('تأخر في الرد على طلبه');
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

// --- Casework ------------------------------------------------------------------------------------

/** Seeded by the casework migration. */
const PRISONS = '019ab9a0-0000-7000-8000-00000000a001';
const FINANCIAL_AID = '019ab9a0-0000-7000-8000-00000000b001';

/** A one-page PDF with a marker in it, so its bytes can be looked for in the tables and the file's pages. */
const SCAN_MARKER = 'wasl-scan-zumurrudi-7731';
const SCAN = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    `% ${SCAN_MARKER}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);
const SCAN_FILE_NAME = 'خطاب-سجن-زبرجد.pdf';

/** What the person said, wrote or was told in their casework: each a word found nowhere else. */
const CASEWORK_TEXTS = {
  letterSubject: 'موضوع-خطاب-لازوردي',
  outgoingSubject: 'موضوع-صادر-فيروزجي',
  outgoingBody: 'نص-خطاب-مرمري',
  requestSummary: 'ملخص-طلب-عنبري',
  reviewNote: 'ملاحظة-دراسة-صندلي',
  decisionReason: 'سبب-قرار-مسكي',
  complaintSubject: 'موضوع-شكوى-زعفراني',
  complaintDetails: 'تفاصيل-شكوى-نرجسي',
  acknowledgeNote: 'ملاحظة-إقرار-ريحاني',
  resolution: 'معالجة-شكوى-ياسمينية',
  question: 'سؤال-استفسار-بنفسجي',
  answer: 'إجابة-استفسار-أقحواني',
} as const;
const CASEWORK_NEEDLES = [...Object.values(CASEWORK_TEXTS), SCAN_MARKER, SCAN_FILE_NAME];

interface Casework {
  incoming: LetterView;
  outgoing: LetterView;
  request: RequestDetail;
  complaint: ComplaintDetail;
  inquiry: InquiryView;
}

/**
 * A letter from the prisons with its scan and a letter to the person; a request reviewed (with a
 * note) and rejected (with a reason); a complaint about a staff member, acknowledged, investigated
 * and resolved; an inquiry asked and answered later. All about the person, as the administrator.
 */
async function addCasework(beneficiaryId: string): Promise<Casework> {
  const t = CASEWORK_TEXTS;
  const ok = async <T>(name: string, input: unknown) => expectOk<T>(await app.dispatch(name, input));
  const incoming = await ok<LetterView>('letters.register', {
    direction: 'incoming',
    number: '77/س/1446',
    letterDate: '2025-03-10',
    authorityId: PRISONS,
    subject: t.letterSubject,
    beneficiaryId,
    scan: { fileName: SCAN_FILE_NAME, contentBase64: SCAN.toString('base64') },
  });
  const outgoing = await ok<LetterView>('letters.register', {
    direction: 'outgoing',
    letterDate: '2025-03-10',
    authorityId: null,
    subject: t.outgoingSubject,
    body: t.outgoingBody,
    beneficiaryId,
  });
  const opened = await ok<RequestDetail>('requests.open', { beneficiaryId, typeId: FINANCIAL_AID, summary: t.requestSummary });
  await ok('requests.startReview', { id: opened.id, note: t.reviewNote });
  const request = await ok<RequestDetail>('requests.decide', { id: opened.id, outcome: 'rejected', reason: t.decisionReason });
  const received = await ok<ComplaintDetail>('complaints.receive', {
    kind: 'complaint',
    beneficiaryId,
    about: 'staff',
    aboutStaffId: app.accounts.officer.id,
    subject: t.complaintSubject,
    details: t.complaintDetails,
  });
  await ok('complaints.acknowledge', { id: received.id, note: t.acknowledgeNote });
  await ok('complaints.investigate', { id: received.id });
  const complaint = await ok<ComplaintDetail>('complaints.resolve', { id: received.id, resolution: t.resolution });
  const asked = await ok<AskedInquiry>('inquiries.ask', {
    contact: { beneficiaryId, channel: 'in_person', direction: 'incoming', summary: t.question },
    answer: null,
    articleId: null,
  });
  const inquiry = await ok<InquiryView>('inquiries.answer', { id: asked.inquiry.id, answer: t.answer, articleId: null });
  return { incoming, outgoing, request, complaint, inquiry };
}

/** Rows of the test's database, read through a second connection with the key. */
function rowsOf<T>(query: string, ...parameters: unknown[]): T[] {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return opened.sqlite.prepare(query).all(...parameters) as T[];
  } finally {
    opened.sqlite.close();
  }
}

describe('a person’s casework', () => {
  const REASON = 'طلب المستفيد إتلاف بياناته بعد انتهاء الخدمة';

  it('is in the subject-access document: letters, requests with their steps, complaints (one about a staff member too) and inquiries, dated in both calendars', async () => {
    const { person } = await registerSecretPerson();
    const casework = await addCasework(person.id);
    expectOk(await app.dispatch('requests.get', { id: casework.request.id }));
    const text = unescape(checkMarkup((await exportOf(person.id)).content));

    for (const heading of ['الخطابات', 'الطلبات', 'الشكاوى والملاحظات والاقتراحات', 'الاستفسارات']) {
      expect(text, heading).toContain(heading);
    }
    for (const value of Object.values(CASEWORK_TEXTS)) expect(text, value).toContain(value);
    // The letters: numbers, direction, the authority, the date written on them in both calendars, the scan held.
    expect(text).toContain(`خطاب وارد رقم ${casework.incoming.number}`);
    expect(text).toContain(`خطاب صادر رقم ${casework.outgoing.number}`);
    expect(text).toContain('المديرية العامة للسجون');
    expect(text).toContain('10 مارس 2025 م');
    expect(text).toContain('10 رمضان 1446 هـ');
    expect(text).toContain(SCAN_FILE_NAME);
    expect(text).toContain('محفوظة لدى الجمعية');
    // The request: number and type, its stage and outcome, each step with its note.
    expect(text).toContain(`طلب ${casework.request.number} — مساعدة مالية`);
    expect(text).toMatch(/بدأت دراسة الطلب\s*ملاحظة-دراسة-صندلي/);
    expect(text).toContain('رفض');
    // The complaint is the person's, whoever it is about: it names whom.
    expect(text).toContain(`شكوى ${casework.complaint.number}`);
    expect(text).toContain(`موظف: ${app.accounts.officer.displayName}`);
    expect(text).toMatch(/الإقرار بالاستلام\s*ملاحظة-إقرار-ريحاني/);
    // Times in both calendars, in Riyadh: the inquiry's, the request's, the complaint's.
    const today = new Date();
    const day = { timeZone: 'Asia/Riyadh', year: 'numeric', month: 'long', day: 'numeric' } as const;
    expect(text).toContain(`${new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', day).format(today)} م`);
    expect(text).toContain(new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', day).format(today));
    // The trail shows the casework's entries too, each naming its record: the request seen, the inquiry asked and answered.
    expect(text).toMatch(new RegExp(`الاطلاع على طلب\\s*${casework.request.number}`));
    expect(text).toContain('تسجيل استفسار');
    expect(text).toContain('الرد على استفسار');

    const [entry] = await auditEntries(app.dispatch, { beneficiaryId: person.id, action: 'beneficiary.exported' });
    expect(entry!.summary).toMatchObject({ counts: { letters: 2, letterScans: 1, requests: 1, complaints: 1, inquiries: 1 } });
    const summary = JSON.stringify(entry!.summary);
    for (const needle of CASEWORK_NEEDLES) expect(summary).not.toContain(needle);
  });

  it('is erased with the person: every word and the scan’s bytes go, the rows and counts stay, the chain holds', async () => {
    const { person } = await registerSecretPerson();
    const casework = await addCasework(person.id);
    // Someone else's casework, which must stay as it is.
    const bystander = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    const theirs = expectOk<RequestDetail>(
      await app.dispatch('requests.open', { beneficiaryId: bystander.id, typeId: FINANCIAL_AID, summary: 'طلب الجار' }),
    );
    // The scans see the values while they are held, in the tables and in the file's pages.
    expect(tracesIn(tableValues(), CASEWORK_NEEDLES).sort()).toEqual(
      expect.arrayContaining(['attachments.content: wasl-scan-zumurrudi-7731', `attachments.file_name: ${SCAN_FILE_NAME}`, 'requests.summary: ملخص-طلب-عنبري']),
    );
    expect(tracesIn(filePages(), [SCAN_MARKER])).toEqual([SCAN_MARKER]);
    const countsBefore = countRows(app.databasePath, app.key);

    const erased = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.erase', { id: person.id, reason: REASON, confirmFileNumber: person.fileNumber }));
    const at = erased.erasedAt!;

    // Not a word of it in any table, nor in any page of the file or its log; the scan's bytes are gone.
    expect(tracesIn(tableValues(), CASEWORK_NEEDLES)).toEqual([]);
    expect(tracesIn(filePages(), CASEWORK_NEEDLES)).toEqual([]);
    // Every casework row stays (the counts and service times are built from them).
    const countsAfter = countRows(app.databasePath, app.key);
    const CASEWORK_TABLES = ['letters', 'attachments', 'requests', 'request_events', 'complaints', 'complaint_events', 'inquiries', 'contacts', 'beneficiaries'];
    const caseworkCounts = (counts: Record<string, number>) => Object.fromEntries(CASEWORK_TABLES.map((table) => [table, counts[table]]));
    expect(caseworkCounts(countsAfter)).toEqual(caseworkCounts(countsBefore));
    expect(caseworkCounts(countsAfter)).toMatchObject({ letters: 2, attachments: 1, requests: 2, complaints: 1, inquiries: 1 });

    // Table by table: what stays, what went, and who changed the row when.
    const stamped = { updated_at: at, updated_by: app.adminId };
    expect(rowsOf('SELECT number, subject, body, letter_date, direction, updated_at, updated_by FROM letters WHERE beneficiary_id = ? ORDER BY seq', person.id)).toEqual([
      { number: casework.incoming.number, subject: ERASED_NAME, body: null, letter_date: '2025-03-10', direction: 'incoming', ...stamped },
      { number: casework.outgoing.number, subject: ERASED_NAME, body: null, letter_date: '2025-03-10', direction: 'outgoing', ...stamped },
    ]);
    expect(rowsOf('SELECT a.content, a.file_name, a.size, a.media_type, a.updated_at, a.updated_by FROM attachments a JOIN letters l ON l.scan_id = a.id WHERE l.id = ?', casework.incoming.id)).toEqual([
      { content: null, file_name: '', size: SCAN.length, media_type: 'application/pdf', ...stamped },
    ]);
    expect(rowsOf('SELECT number, summary, decision_reason, stage, outcome, updated_at, updated_by FROM requests WHERE beneficiary_id = ?', person.id)).toEqual([
      { number: casework.request.number, summary: ERASED_NAME, decision_reason: null, stage: 'decided', outcome: 'rejected', ...stamped },
    ]);
    const requestEvents = rowsOf<{ action: string; note: string | null; updated_at: string }>(
      'SELECT action, note, updated_at FROM request_events WHERE beneficiary_id = ? ORDER BY seq',
      person.id,
    );
    expect(requestEvents.map((event) => [event.action, event.note])).toEqual([['received', null], ['review_started', null], ['decided', null]]);
    // The events that had a note were changed by the erasure; the others were not touched.
    expect(requestEvents.filter((event) => event.action !== 'received').every((event) => event.updated_at === at)).toBe(true);
    expect(rowsOf('SELECT number, subject, details, resolution, person_name, about, about_staff_id, stage, updated_at, updated_by FROM complaints WHERE beneficiary_id = ?', person.id)).toEqual([
      {
        number: casework.complaint.number,
        subject: ERASED_NAME,
        details: null,
        resolution: null,
        person_name: null,
        about: 'staff',
        about_staff_id: app.accounts.officer.id,
        stage: 'resolved',
        ...stamped,
      },
    ]);
    expect(rowsOf('SELECT action, note FROM complaint_events WHERE beneficiary_id = ? ORDER BY seq', person.id)).toEqual([
      { action: 'received', note: null },
      { action: 'acknowledged', note: null },
      { action: 'investigating', note: null },
      { action: 'resolved', note: null },
    ]);
    expect(rowsOf('SELECT question, answer, status, asked_at, answered_at, answered_by, updated_at, updated_by FROM inquiries WHERE beneficiary_id = ?', person.id)).toEqual([
      { question: '', answer: '', status: 'answered', asked_at: casework.inquiry.askedAt, answered_at: casework.inquiry.answeredAt, answered_by: app.adminId, ...stamped },
    ]);
    // The contacts carried the question: they went too, and say who changed them.
    expect(rowsOf('SELECT DISTINCT summary, updated_at FROM contacts WHERE beneficiary_id = ?', person.id)).toEqual([{ summary: ERASED_NAME, updated_at: at }]);

    // The bystander's request is as it was.
    expect(expectOk<RequestDetail>(await app.dispatch('requests.get', { id: theirs.id }))).toMatchObject({ summary: 'طلب الجار', number: theirs.number });

    // The erasure says how much of the casework went; the chain holds.
    const [erasure] = await auditEntries(app.dispatch, { beneficiaryId: person.id, action: 'beneficiary.erased' });
    expect(erasure!.summary).toMatchObject({ removed: { letters: 2, letterScans: 1, requests: 1, complaints: 1, inquiries: 1, contactSummaries: 2 } });
    expect(expectOk<AuditVerification>(await app.dispatch('audit.verify', {}))).toMatchObject({ intact: true, problem: null });

    // The export afterwards shows the rows that stayed, without a word of what went.
    const text = unescape(checkMarkup((await exportOf(person.id)).content));
    expect(text).toContain(casework.request.number);
    expect(text).toContain(casework.complaint.number);
    expect(text).toContain('أُتلفت صورة هذا الخطاب مع بيانات المستفيد.');
    for (const needle of CASEWORK_NEEDLES) expect(text, needle).not.toContain(needle);
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
