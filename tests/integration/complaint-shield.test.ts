// The complaint shield through the real call path, as the staff member a complaint is about would try
// to get past it: the review's reproduction step by step (the audit log naming the contact, linking
// the complainant's contact to another file, the audit export, the personal-data export's refusal),
// then every call of the contract made by that person with the shielded records' ids where a call
// takes an id, and ordinary inputs otherwise. No answer may name a shielded record or repeat its
// words, a shielded id is answered exactly as an id that does not exist, and the shielded rows are
// the same afterwards.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { AuditEntry, AuditPage, ExportedFile } from '../../electron/api/audit';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ComplaintDetail } from '../../electron/api/complaints';
import type { ContactView } from '../../electron/api/contacts';
import { callNames, type CallName } from '../../electron/api/contract';
import type { ExportFile, ExportJob, StartExportInput } from '../../electron/api/exports';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { AskedInquiry } from '../../electron/api/inquiries';
import type { LetterView } from '../../electron/api/letters';
import type { AddedSessions, ProgramDetail } from '../../electron/api/programs';
import { KEYED_RECORD_FIGURES, REPORT_RECORD_FIGURES } from '../../electron/api/reports';
import type { RequestDetail } from '../../electron/api/requests';
import type { OfferView } from '../../electron/api/satisfaction';
import type { Result } from '../../electron/api/result';
import { shieldFor } from '../../electron/services/complaints/shield';
import { newVerificationNumber } from '../../electron/services/enrolments/verification-number';
import { newId } from '../../electron/services/ids';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import arabicAudit from '../../locales/ar/audit.json';
import { AUTHORITY_IDS, REQUEST_TYPE_IDS } from '../support/casework';
import { indexesIn, queryPlan, recordingDatabase } from '../support/query-log';
import {
  ADMIN,
  auditEntries,
  expectError,
  expectOk,
  openTestWaslWithStaff,
  validFields,
  type StaffAccount,
  type StaffedTestWasl,
} from '../support/database';

/** Words only the shielded records hold: none may reach the person they are about. */
const WORDS = {
  complainantName: 'مراجع يشكو من المشرف',
  complainantPhone: '0559876543',
  contactSummary: 'اتصل يشكو من تعامل المشرف معه عند الاستقبال',
  complaintSubject: 'سوء تعامل المشرف في الاستقبال',
  complaintDetails: 'رفع المشرف صوته على المراجع أمام الناس',
  answerSummary: 'أبلغناه بنتيجة التحقيق في شكواه من المشرف',
  question: 'كيف أقدم شكوى في المشرف المناوب؟',
  registeredSubject: 'المشرف رفض استلام أوراقي',
  walkInQuestion: 'هل يحق لي مقابلة مدير الجمعية؟',
  walkInAnswer: 'نعم، وسنبلغ المشرف بطلبك',
  walkInSubject: 'المشرف لم ينقل طلبي للمدير',
  surveyComment: 'لم يعتذر المشرف حتى بعد الشكوى',
} as const;

let app: StaffedTestWasl<'supervisor' | 'officer'>;
let supervisor: StaffAccount;
let officer: StaffAccount;
/** The file that complained about the supervisor, and one that did not. */
let complainant: BeneficiaryDetail;
let other: BeneficiaryDetail;
/** The shielded records. */
let unregisteredContact: ContactView;
let aboutSupervisor: ComplaintDetail;
let registeredAboutSupervisor: ComplaintDetail;
let shieldedInquiry: AskedInquiry;
/** An inquiry by someone not registered, answered by phone; the complaint was brought in that answer. */
let walkInInquiry: AskedInquiry;
let walkInAnswerContactId: string;
let walkInComplaint: ComplaintDetail;
/** The satisfaction questionnaire offered on the answered complaint (answered on paper), and on the shielded visit (waiting). */
let surveyOnComplaint: OfferView;
let surveyOnVisit: OfferView;
/** Records that stay visible but were started from a shielded contact. */
let requestFromShielded: RequestDetail;
let complaintFromShielded: ComplaintDetail;
/** Ordinary records. */
let ordinaryComplaint: ComplaintDetail;
let letter: LetterView;

const asAdmin = () => app.signIn('administrator');
const asSupervisor = () => app.signIn('supervisor');

/** Every id and number of a shielded record, and every word it holds. */
function shieldedMarks(): string[] {
  return [
    unregisteredContact.id,
    aboutSupervisor.id,
    aboutSupervisor.number,
    aboutSupervisor.answerContactId ?? '',
    registeredAboutSupervisor.id,
    registeredAboutSupervisor.number,
    shieldedInquiry.inquiry.id,
    shieldedInquiry.contact.id,
    walkInInquiry.inquiry.id,
    walkInInquiry.contact.id,
    walkInAnswerContactId,
    walkInComplaint.id,
    surveyOnComplaint.id,
    surveyOnComplaint.code,
    surveyOnVisit.id,
    surveyOnVisit.code,
    walkInComplaint.number,
    ...Object.values(WORDS),
    // The phone as stored (E.164).
    '+966559876543',
  ].filter((mark) => mark !== '');
}

/** The ids a call may be given to reach a shielded record. */
function shieldedIds(): string[] {
  return [
    unregisteredContact.id,
    aboutSupervisor.id,
    aboutSupervisor.answerContactId ?? '',
    registeredAboutSupervisor.id,
    shieldedInquiry.inquiry.id,
    shieldedInquiry.contact.id,
    walkInInquiry.inquiry.id,
    walkInInquiry.contact.id,
    walkInAnswerContactId,
    walkInComplaint.id,
    surveyOnComplaint.id,
    surveyOnVisit.id,
  ].filter((id) => id !== '');
}

/** The codes printed on the shielded offers' paper forms: a form is found by its code. */
const shieldedCodes = (): string[] => [surveyOnComplaint.code, surveyOnVisit.code];

/** The shielded rows as stored, read through a second connection. */
function shieldedRows(): unknown {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    const complaints = [aboutSupervisor.id, registeredAboutSupervisor.id, walkInComplaint.id];
    const contacts = [unregisteredContact.id, aboutSupervisor.answerContactId ?? '', shieldedInquiry.contact.id, walkInInquiry.contact.id, walkInAnswerContactId];
    const rows = (sql: string, ids: string[]) => opened.sqlite.prepare(sql.replace('?', ids.map(() => '?').join(','))).all(...ids);
    return {
      complaints: rows('SELECT * FROM complaints WHERE id IN (?) ORDER BY id', complaints),
      events: rows('SELECT * FROM complaint_events WHERE complaint_id IN (?) ORDER BY id', complaints),
      contacts: rows('SELECT * FROM contacts WHERE id IN (?) ORDER BY id', contacts),
      inquiries: rows('SELECT * FROM inquiries WHERE id IN (?) ORDER BY id', [shieldedInquiry.inquiry.id, walkInInquiry.inquiry.id]),
      offers: rows('SELECT * FROM questionnaire_offers WHERE id IN (?) ORDER BY id', [surveyOnComplaint.id, surveyOnVisit.id]),
      responses: rows('SELECT * FROM questionnaire_responses WHERE offer_id IN (?) ORDER BY id', [surveyOnComplaint.id, surveyOnVisit.id]),
      paperEntries: rows('SELECT * FROM questionnaire_paper_entries WHERE offer_id IN (?) ORDER BY id', [surveyOnComplaint.id, surveyOnVisit.id]),
    };
  } finally {
    opened.sqlite.close();
  }
}

beforeAll(async () => {
  app = await openTestWaslWithStaff({ supervisor: 'supervisor', officer: 'officer' });
  ({ supervisor, officer } = app.accounts);

  complainant = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'فهد' }) }));
  other = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'سعد' }) }));

  // The review's case: someone not registered calls, and a complaint about the supervisor is filed from that contact.
  unregisteredContact = expectOk<ContactView>(
    await app.dispatch('contacts.log', {
      beneficiaryId: null,
      personName: WORDS.complainantName,
      personPhone: WORDS.complainantPhone,
      channel: 'phone',
      direction: 'incoming',
      purpose: 'complaint',
      summary: WORDS.contactSummary,
    }),
  );
  aboutSupervisor = expectOk<ComplaintDetail>(
    await app.dispatch('complaints.receive', {
      kind: 'complaint',
      beneficiaryId: null,
      personName: WORDS.complainantName,
      about: 'staff',
      aboutStaffId: supervisor.id,
      subject: WORDS.complaintSubject,
      details: WORDS.complaintDetails,
      sourceContactId: unregisteredContact.id,
    }),
  );
  for (const step of ['complaints.acknowledge', 'complaints.investigate'] as const) expectOk(await app.dispatch(step, { id: aboutSupervisor.id }));
  expectOk(await app.dispatch('complaints.resolve', { id: aboutSupervisor.id, resolution: 'نُبّه المشرف' }));
  aboutSupervisor = expectOk<ComplaintDetail>(
    await app.dispatch('complaints.answer', { id: aboutSupervisor.id, channel: 'phone', summary: WORDS.answerSummary, phoneNumber: WORDS.complainantPhone }),
  );

  // A registered person asks how to complain, and the complaint is filed from that same contact.
  shieldedInquiry = expectOk<AskedInquiry>(
    await app.dispatch('inquiries.ask', {
      contact: { beneficiaryId: complainant.id, channel: 'in_person', direction: 'incoming', summary: WORDS.question },
      answer: null,
      articleId: null,
    }),
  );
  registeredAboutSupervisor = expectOk<ComplaintDetail>(
    await app.dispatch('complaints.receive', {
      kind: 'complaint',
      beneficiaryId: complainant.id,
      about: 'staff',
      aboutStaffId: supervisor.id,
      subject: WORDS.registeredSubject,
      sourceContactId: shieldedInquiry.contact.id,
    }),
  );
  // Someone not registered asks, is answered by phone, and complains in that call about the supervisor.
  walkInInquiry = expectOk<AskedInquiry>(
    await app.dispatch('inquiries.ask', {
      contact: { beneficiaryId: null, personName: 'سائل لم يسجل', channel: 'in_person', direction: 'incoming', summary: WORDS.walkInQuestion },
      answer: null,
      articleId: null,
    }),
  );
  walkInAnswerContactId =
    expectOk<{ answerContactId: string | null }>(
      await app.dispatch('inquiries.answer', { id: walkInInquiry.inquiry.id, answer: WORDS.walkInAnswer, articleId: null, channel: 'phone', phoneNumber: '0551112222' }),
    ).answerContactId ?? '';
  walkInComplaint = expectOk<ComplaintDetail>(
    await app.dispatch('complaints.receive', {
      kind: 'complaint',
      beneficiaryId: null,
      personName: 'سائل لم يسجل',
      about: 'staff',
      aboutStaffId: supervisor.id,
      subject: WORDS.walkInSubject,
      sourceContactId: walkInAnswerContactId,
    }),
  );
  // The same visit brought a request and a complaint about the service: both the supervisor's to handle.
  requestFromShielded = expectOk<RequestDetail>(
    await app.dispatch('requests.open', {
      beneficiaryId: complainant.id,
      typeId: REQUEST_TYPE_IDS.financialAid,
      summary: 'طلب مساعدة مالية',
      sourceContactId: shieldedInquiry.contact.id,
    }),
  );
  complaintFromShielded = expectOk<ComplaintDetail>(
    await app.dispatch('complaints.receive', {
      kind: 'note',
      beneficiaryId: complainant.id,
      about: 'service',
      subject: 'طول الانتظار',
      sourceContactId: shieldedInquiry.contact.id,
    }),
  );
  // The complainant answered the questionnaire offered on the complaint's answer, on paper, with a
  // comment; one was offered after the visit that brought the other complaint, not yet answered.
  surveyOnComplaint = expectOk<OfferView>(
    await app.dispatch('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'paper', complaintId: aboutSupervisor.id }),
  );
  expectOk(await app.dispatch('paperForms.enter', { code: surveyOnComplaint.code, answers: { overall: 1, comment: WORDS.surveyComment }, named: false }));
  surveyOnVisit = expectOk<OfferView>(
    await app.dispatch('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'paper', contactId: shieldedInquiry.contact.id }),
  );
  ordinaryComplaint = expectOk<ComplaintDetail>(
    await app.dispatch('complaints.receive', { kind: 'complaint', beneficiaryId: other.id, about: 'staff', aboutStaffId: officer.id, subject: 'تأخر الموظف' }),
  );
  expectOk(
    await app.dispatch('contacts.log', { beneficiaryId: other.id, channel: 'in_person', direction: 'incoming', purpose: 'follow_up', summary: 'متابعة' }),
  );
  letter = expectOk<LetterView>(
    await app.dispatch('letters.register', {
      direction: 'outgoing',
      number: null,
      authorityId: AUTHORITY_IDS.prisons,
      subject: 'خطاب للاختبار',
      body: 'نص الخطاب',
      beneficiaryId: other.id,
      requestId: null,
    }),
  );
});

afterAll(async () => {
  await app.cleanup();
});

describe('the review’s reproduction, as the supervisor the complaint is about', () => {
  beforeAll(asSupervisor);

  it('sees that the contact and the complaint were logged, not which they were', async () => {
    const entries = await auditEntries(app.dispatch);
    const text = JSON.stringify(entries);
    for (const mark of shieldedMarks()) expect(text).not.toContain(mark);
    const logged = entries.filter((entry) => entry.action === 'contact.logged');
    // Every contact the administrator logged is there; all but the ordinary follow-up without naming it.
    expect(logged).toHaveLength(6);
    const withheld = logged.filter((entry) => entry.entityId === null && Object.keys(entry.summary).length === 0);
    expect(withheld).toHaveLength(5);
    const received = entries.filter((entry) => entry.action === 'complaint.received');
    expect(received).toHaveLength(5);
    expect(received.filter((entry) => entry.entityId === null && Object.keys(entry.summary).length === 0)).toHaveLength(3);
    for (const entry of [...withheld, ...received]) expect(entry.at).toEqual(expect.any(String));
  });

  it('finds nothing of the complaint in one person’s trail', async () => {
    const trail = await auditEntries(app.dispatch, { beneficiaryId: complainant.id });
    const text = JSON.stringify(trail);
    for (const mark of shieldedMarks()) expect(text).not.toContain(mark);
    // A withheld entry in a person's trail would say that person complained: the trail leaves it out.
    expect(trail.filter((entry: AuditEntry) => entry.entityId === null)).toEqual([]);
  });

  it('reads one person’s trail a page at a time without a short page where an entry was left out', async () => {
    // A page of one entry that came back empty, with more to read, would say that an entry about a
    // complaint against the reader lies in that person's trail: who complained.
    const whole = await auditEntries(app.dispatch, { beneficiaryId: complainant.id });
    const paged: number[] = [];
    const shortPages: number[] = [];
    let before: number | undefined;
    do {
      const page = expectOk<AuditPage>(await app.dispatch('audit.list', { beneficiaryId: complainant.id, limit: 1, ...(before === undefined ? {} : { before }) }));
      if (page.entries.length !== 1 && page.nextBefore !== null) shortPages.push(before ?? 0);
      paged.push(...page.entries.map((entry) => entry.seq));
      before = page.nextBefore ?? undefined;
    } while (before !== undefined);
    expect(shortPages).toEqual([]);
    expect(paged).toEqual(whole.map((entry) => entry.seq));
  });

  it('is told that an entry’s details are withheld, on the audit page and in the exported log', async () => {
    const entries = await auditEntries(app.dispatch);
    const withheld = entries.filter((entry) => entry.withheld === true);
    // The five contacts and three complaints above, and what was done with them since.
    expect(withheld.length).toBeGreaterThanOrEqual(8);
    for (const entry of withheld) expect(entry).toMatchObject({ entityType: null, entityId: null, summary: {}, changes: null });
    // An entry kept whole does not say so.
    expect(entries.filter((entry) => entry.withheld !== true && entry.entityId === null && entry.action === 'complaint.received')).toEqual([]);
    const file = expectOk<ExportedFile>(await app.dispatch('audit.export', {}));
    const lines = file.content.split('\r\n');
    for (const entry of withheld) {
      const line = lines.find((candidate) => candidate.startsWith(`${entry.seq},`));
      expect(line, String(entry.seq)).toContain(arabicAudit.detailsWithheld);
    }
  });

  it('cannot link the complainant’s contact to another file: answered as a contact that does not exist, nothing changed', async () => {
    const before = shieldedRows();
    const shielded = expectError(await app.dispatch('contacts.link', { id: unregisteredContact.id, beneficiaryId: other.id }));
    const missing = expectError(await app.dispatch('contacts.link', { id: newId(), beneficiaryId: other.id }));
    expect(shielded).toEqual(missing);
    expect(shielded.code).toBe('not_found');
    expect(shieldedRows()).toEqual(before);
  });

  it('reads no complaint number or id in the exported audit log', async () => {
    const file = expectOk<ExportedFile>(await app.dispatch('audit.export', {}));
    for (const mark of shieldedMarks()) expect(file.content).not.toContain(mark);
    expect(file.count).toBeGreaterThan(0);
  });

  it('is refused the personal-data export of every file alike, whether or not it complained', async () => {
    const ofComplainant = expectError(await app.dispatch('beneficiaries.exportPersonalData', { id: complainant.id }));
    const ofOther = expectError(await app.dispatch('beneficiaries.exportPersonalData', { id: other.id }));
    const ofNobody = expectError(await app.dispatch('beneficiaries.exportPersonalData', { id: newId() }));
    expect(ofComplainant).toEqual(ofOther);
    expect(ofNobody).toEqual(ofOther);
    expect(ofComplainant).toEqual({ code: 'rule', messageKey: 'beneficiaries.exportByAnother' });
    for (const mark of shieldedMarks()) expect(JSON.stringify(ofComplainant)).not.toContain(mark);
  });

  it('is still exported by someone no complaint is about', async () => {
    await asAdmin();
    const file = expectOk<ExportedFile>(await app.dispatch('beneficiaries.exportPersonalData', { id: complainant.id }));
    expect(file.content).toContain(WORDS.registeredSubject);
    await asSupervisor();
  });

  it('cannot count, in the log of exports made by someone else, what a file holds that they do not see', async () => {
    // The administrator exports the complainant's data, their complaints and their trail: each entry
    // counts what went out, the complaint about the supervisor included. Set beside what the
    // supervisor sees of that file, a count one higher would say who complained.
    await asAdmin();
    expectOk(await app.dispatch('beneficiaries.exportPersonalData', { id: complainant.id }));
    expectOk(await app.dispatch('audit.export', { beneficiaryId: complainant.id }));
    let job = expectOk<ExportJob>(await app.dispatch('exports.start', { subject: { kind: 'complaints', filters: { beneficiaryId: complainant.id } }, format: 'csv' }));
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      job = expectOk<ExportJob>(await app.dispatch('exports.status', { id: job.id }));
    }
    expect(job.state).toBe('done');
    expectOk(await app.dispatch('exports.take', { id: job.id }));
    await asSupervisor();

    const seen = expectOk<{ total: number }>(await app.dispatch('complaints.list', { beneficiaryId: complainant.id })).total;
    const exported = await auditEntries(app.dispatch);
    const personal = exported.filter((entry) => entry.action === 'beneficiary.exported');
    const records = exported.filter((entry) => entry.action === 'records.exported' && entry.summary.subject === 'complaints');
    const trails = exported.filter((entry) => entry.action === 'audit.exported');
    expect(personal.length * records.length * trails.length).toBeGreaterThan(0);
    // None of them counts what went out, for anyone's file: which files are counted would tell too.
    const counts = [...personal, ...records, ...trails].map((entry) => ({ action: entry.action, counts: entry.summary.counts, count: entry.summary.count }));
    expect(counts.filter((entry) => entry.counts !== undefined || entry.count !== undefined)).toEqual([]);
    expect(seen).toBeGreaterThan(0);
  });
});

/** One call of the contract, made by the walk. */
type Step = (walk: Walk) => Promise<void>;

interface Walk {
  /** Makes a call; its answer is kept for the leak check. */
  call(name: CallName, input: unknown, expectation?: 'ok'): Promise<Result<unknown>>;
  /**
   * Makes a call once with each shielded id and once with an id that exists nowhere: the answers
   * must be alike (both refused the same way, or both answered).
   */
  probe(name: CallName, input: (id: string) => unknown): Promise<void>;
  /** The same with the codes printed on the shielded offers' paper forms, and a code printed on none. */
  probeCode(name: CallName, input: (code: string) => unknown): Promise<void>;
  /** What an export's file says, kept for the leak check. */
  keep(text: string): void;
}

const today = () => todayInRiyadh(new Date());
const period = () => ({ from: today(), to: today() });
const contactInput = (beneficiaryId: string | null) => ({
  beneficiaryId,
  personName: beneficiaryId === null ? 'زائر' : null,
  channel: 'in_person',
  direction: 'incoming',
  purpose: 'follow_up',
  summary: 'متابعة عادية',
});

/** Starts an export as the supervisor, waits for it, and keeps the text of its file. */
async function exportText(walk: Walk, input: StartExportInput): Promise<void> {
  const started = await walk.call('exports.start', input, 'ok');
  let job = started.ok ? (started.value as ExportJob) : null;
  while (job?.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    job = expectOk<ExportJob>(await app.dispatch('exports.status', { id: job.id }));
  }
  expect(job?.state).toBe('done');
  const file = expectOk<ExportFile>(await app.dispatch('exports.take', { id: job?.id }));
  const bytes = Buffer.from(file.base64, 'base64');
  if (input.format === 'csv') {
    walk.keep(bytes.toString('utf8'));
    return;
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  workbook.eachSheet((sheet) => sheet.eachRow((row) => walk.keep(JSON.stringify(row.values))));
}

/** The program the walk's programs calls work on: made by the first of them that needs it. */
let walkProgramId: string | null = null;
async function walkProgram(walk: Walk): Promise<string> {
  if (walkProgramId !== null) return walkProgramId;
  const saved = await walk.call('programs.save', { fields: programFields() }, 'ok');
  walkProgramId = saved.ok ? (saved.value as ProgramDetail).id : '';
  return walkProgramId;
}
const programFields = () => ({
  nameAr: 'برنامج التأهيل المهني',
  nameEn: null,
  kind: 'training',
  description: 'تدريب على مهنة',
  conditions: null,
  categories: [],
  gender: null,
  ageMin: null,
  ageMax: null,
  hasInterview: false,
  capacity: 20,
  minAttendancePercent: 80,
  maxUnexcusedAbsences: 3,
  followUpAfterAbsences: 2,
  offerDays: 3,
  startsOn: today(),
  endsOn: today(),
  place: null,
});

/**
 * Every call of the contract, and how the walk makes it. A call added to the contract fails to
 * compile here until it is given its step, and the walk checks this list against the contract too.
 */
const WALK: Record<CallName, Step> = {
  'session.state': (walk) => walk.call('session.state', {}, 'ok').then(() => undefined),
  'session.setup': async (walk) => {
    await walk.call('session.setup', { associationName: 'x', username: 'another', displayName: 'x', password: 'a long pass phrase here' });
  },
  'session.signIn': async (walk) => {
    await walk.call('session.signIn', { username: supervisor.username, password: supervisor.password }, 'ok');
  },
  'session.signOut': async (walk) => {
    await walk.call('session.signOut', {}, 'ok');
    await asSupervisor();
  },
  'session.lock': async (walk) => {
    await walk.call('session.lock', {}, 'ok');
    await walk.call('session.unlock', { password: supervisor.password }, 'ok');
  },
  'session.unlock': async (walk) => {
    await walk.call('session.lock', {}, 'ok');
    await walk.call('session.unlock', { password: supervisor.password }, 'ok');
  },
  'session.recover': async (walk) => {
    await walk.call('session.recover', { recoveryKey: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', username: ADMIN.username, newPassword: 'a long pass phrase here' });
    await asSupervisor();
  },
  'session.changePassword': async (walk) => {
    await walk.call('session.changePassword', { currentPassword: 'not the password at all', newPassword: 'a long pass phrase here' });
    await asSupervisor();
  },
  'session.stillHere': (walk) => walk.call('session.stillHere', {}, 'ok').then(() => undefined),
  // Only an offer hands the screen over: a complaint's or a contact's id is no offer, as no id is.
  'session.enterKiosk': (walk) => walk.probe('session.enterKiosk', (offerId) => ({ offerId })),
  // Not in kiosk, there is nothing to leave: the password is not even asked.
  'session.leaveKiosk': (walk) => walk.call('session.leaveKiosk', { password: 'not the password at all' }, 'ok').then(() => undefined),
  'app.info': (walk) => walk.call('app.info', {}, 'ok').then(() => undefined),
  'preferences.get': (walk) => walk.call('preferences.get', {}, 'ok').then(() => undefined),
  'preferences.setLanguage': (walk) => walk.call('preferences.setLanguage', { language: 'ar' }, 'ok').then(() => undefined),
  'lookups.districts': (walk) => walk.call('lookups.districts', {}, 'ok').then(() => undefined),
  'users.list': (walk) => walk.call('users.list', {}).then(() => undefined),
  'users.create': (walk) => walk.call('users.create', { username: 'walker', displayName: 'x', role: 'administrator', password: 'a long pass phrase here' }).then(() => undefined),
  'users.update': (walk) => walk.probe('users.update', (id) => ({ id, displayName: 'x', role: 'administrator', active: true })),
  'users.resetPassword': (walk) => walk.probe('users.resetPassword', (id) => ({ id, password: 'a long pass phrase here' })),
  'audit.list': async (walk) => {
    await walk.call('audit.list', {}, 'ok');
    await walk.call('audit.list', { beneficiaryId: complainant.id }, 'ok');
    await walk.call('audit.list', { action: 'complaint.received' }, 'ok');
    await walk.probe('audit.list', (beneficiaryId) => ({ beneficiaryId }));
  },
  'audit.verify': (walk) => walk.call('audit.verify', {}, 'ok').then(() => undefined),
  'audit.export': async (walk) => {
    await walk.call('audit.export', {}, 'ok');
    await walk.call('audit.export', { beneficiaryId: complainant.id }, 'ok');
  },
  'audit.actors': (walk) => walk.call('audit.actors', {}, 'ok').then(() => undefined),
  'audit.breaks': (walk) => walk.call('audit.breaks', {}, 'ok').then(() => undefined),
  'audit.acknowledgeBreaks': (walk) => walk.call('audit.acknowledgeBreaks', { throughSeq: 1 }).then(() => undefined),
  'users.replaceRecoveryKey': (walk) => walk.call('users.replaceRecoveryKey', { password: supervisor.password }).then(() => undefined),
  'users.rotateDatabaseKey': (walk) => walk.call('users.rotateDatabaseKey', { password: 'not the password at all' }).then(() => undefined),
  'users.keyRotationStatus': (walk) => walk.call('users.keyRotationStatus', { id: newId() }).then(() => undefined),
  'settings.security': (walk) => walk.call('settings.security', {}).then(() => undefined),
  'settings.setSecurity': (walk) => walk.call('settings.setSecurity', { maxFailedAttempts: 5, lockoutMinutes: 15, idleLockMinutes: 5 }).then(() => undefined),
  'beneficiaries.register': (walk) => walk.call('beneficiaries.register', { fields: validFields({ firstName: 'ماجد' }) }, 'ok').then(() => undefined),
  'beneficiaries.update': (walk) => walk.probe('beneficiaries.update', (id) => ({ id, expectedVersion: 1, fields: validFields() })),
  'beneficiaries.get': async (walk) => {
    await walk.call('beneficiaries.get', { id: complainant.id }, 'ok');
    await walk.probe('beneficiaries.get', (id) => ({ id }));
  },
  'beneficiaries.list': (walk) => walk.call('beneficiaries.list', {}, 'ok').then(() => undefined),
  'beneficiaries.checkDuplicates': (walk) => walk.call('beneficiaries.checkDuplicates', { fields: validFields(), excludeId: null }).then(() => undefined),
  'beneficiaries.stats': (walk) => walk.call('beneficiaries.stats', {}, 'ok').then(() => undefined),
  'beneficiaries.exportPersonalData': async (walk) => {
    await walk.call('beneficiaries.exportPersonalData', { id: complainant.id });
    await walk.probe('beneficiaries.exportPersonalData', (id) => ({ id }));
  },
  'beneficiaries.erase': (walk) => walk.probe('beneficiaries.erase', (id) => ({ id, reason: 'طلب المستفيد', confirmFileNumber: complainant.fileNumber })),
  'eligibility.record': (walk) =>
    walk.probe('eligibility.record', (beneficiaryId) => ({ beneficiaryId, inScope: true, legalResident: true, receivesServices: true, outcome: 'eligible', reason: null })),
  'search.beneficiaries': async (walk) => {
    for (const query of [WORDS.complainantName, WORDS.complainantPhone, aboutSupervisor.number, 'فهد']) await walk.call('search.beneficiaries', { query }, 'ok');
  },
  'contacts.log': async (walk) => {
    await walk.call('contacts.log', contactInput(complainant.id), 'ok');
    await walk.probe('contacts.log', (beneficiaryId) => contactInput(beneficiaryId));
    await walk.probe('contacts.log', (letterId) => ({ ...contactInput(complainant.id), channel: 'letter', letterId }));
  },
  'contacts.link': (walk) => walk.probe('contacts.link', (id) => ({ id, beneficiaryId: other.id })),
  'contacts.closeUnlinked': (walk) => walk.probe('contacts.closeUnlinked', (id) => ({ id, reason: 'ليس مستفيدًا' })),
  'contacts.unlinked': async (walk) => {
    await walk.call('contacts.unlinked', {}, 'ok');
    await walk.call('contacts.unlinked', { resembling: complainant.id }, 'ok');
    await walk.probe('contacts.unlinked', (resembling) => ({ resembling }));
  },
  'beneficiaries.timeline': async (walk) => {
    await walk.call('beneficiaries.timeline', { id: complainant.id }, 'ok');
    await walk.call('beneficiaries.timeline', { id: complainant.id, kinds: ['contact'], channel: 'in_person' }, 'ok');
    await walk.probe('beneficiaries.timeline', (id) => ({ id }));
  },
  'authorities.list': (walk) => walk.call('authorities.list', {}, 'ok').then(() => undefined),
  'authorities.save': (walk) => walk.probe('authorities.save', (id) => ({ id, nameAr: 'جهة' })),
  'letters.register': async (walk) => {
    const letterInput = { direction: 'outgoing', number: null, authorityId: AUTHORITY_IDS.prosecution, subject: 'خطاب', body: null };
    await walk.probe('letters.register', (requestId) => ({ ...letterInput, beneficiaryId: complainant.id, requestId }));
    await walk.probe('letters.register', (beneficiaryId) => ({ ...letterInput, beneficiaryId, requestId: null }));
  },
  'letters.list': async (walk) => {
    await walk.call('letters.list', {}, 'ok');
    await walk.probe('letters.list', (requestId) => ({ requestId }));
    await walk.call('letters.list', { text: aboutSupervisor.number }, 'ok');
  },
  'letters.get': async (walk) => {
    await walk.call('letters.get', { id: letter.id }, 'ok');
    await walk.probe('letters.get', (id) => ({ id }));
  },
  'letters.scan': (walk) => walk.probe('letters.scan', (id) => ({ id })),
  'letters.document': async (walk) => {
    await walk.call('letters.document', { id: letter.id });
    await walk.probe('letters.document', (id) => ({ id }));
  },
  'letters.pdf': async (walk) => {
    await walk.call('letters.pdf', { id: letter.id });
    await walk.probe('letters.pdf', (id) => ({ id }));
  },
  'letters.link': async (walk) => {
    await walk.probe('letters.link', (id) => ({ id, beneficiaryId: other.id }));
    await walk.probe('letters.link', (requestId) => ({ id: letter.id, requestId }));
    await walk.probe('letters.link', (beneficiaryId) => ({ id: letter.id, beneficiaryId }));
  },
  'requests.types': (walk) => walk.call('requests.types', {}, 'ok').then(() => undefined),
  'requests.saveType': (walk) => walk.probe('requests.saveType', (id) => ({ id, code: 'x', nameAr: 'نوع', nameEn: 'type', needsAuthority: false, targetWorkingDays: 5 })),
  'holidays.list': (walk) => walk.call('holidays.list', {}, 'ok').then(() => undefined),
  'holidays.save': (walk) => walk.probe('holidays.save', (id) => ({ id, date: '2027-01-01', name: 'عطلة' })),
  'holidays.remove': (walk) => walk.probe('holidays.remove', (id) => ({ id })),
  'requests.open': async (walk) => {
    await walk.probe('requests.open', (sourceContactId) => ({ beneficiaryId: complainant.id, typeId: REQUEST_TYPE_IDS.financialAid, summary: 'طلب', sourceContactId }));
    await walk.probe('requests.open', (beneficiaryId) => ({ beneficiaryId, typeId: REQUEST_TYPE_IDS.financialAid, summary: 'طلب', sourceContactId: null }));
  },
  'requests.startReview': async (walk) => {
    await walk.probe('requests.startReview', (id) => ({ id }));
    await walk.call('requests.startReview', { id: requestFromShielded.id }, 'ok');
  },
  'requests.refer': (walk) =>
    walk.probe('requests.refer', (id) => ({ id, authorityId: AUTHORITY_IDS.prisons, letter: { subject: 'إحالة', body: null } })),
  'requests.recordAuthorityAnswer': (walk) =>
    walk.probe('requests.recordAuthorityAnswer', (id) => ({ id, letter: { number: '12/3', letterDate: today(), subject: 'رد' } })),
  'requests.decide': async (walk) => {
    await walk.probe('requests.decide', (id) => ({ id, outcome: 'approved', reason: 'مستوفٍ' }));
    await walk.call('requests.decide', { id: requestFromShielded.id, outcome: 'approved', reason: 'مستوفٍ للشروط' }, 'ok');
  },
  'requests.notify': (walk) => walk.probe('requests.notify', (id) => ({ id, channel: 'in_person' })),
  'requests.close': (walk) => walk.probe('requests.close', (id) => ({ id })),
  'requests.withdraw': (walk) => walk.probe('requests.withdraw', (id) => ({ id, reason: 'سحب' })),
  'requests.reassign': (walk) => walk.probe('requests.reassign', (id) => ({ id, ownerId: officer.id })),
  'requests.get': async (walk) => {
    const request = await walk.call('requests.get', { id: requestFromShielded.id }, 'ok');
    // The request is the supervisor's to decide; only the contact it came from is withheld.
    expect(request.ok && (request.value as RequestDetail).sourceContactId).toBeNull();
    await walk.probe('requests.get', (id) => ({ id }));
  },
  'requests.list': async (walk) => {
    await walk.call('requests.list', {}, 'ok');
    await walk.probe('requests.list', (beneficiaryId) => ({ beneficiaryId }));
  },
  'requests.referralAuthorities': (walk) => walk.call('requests.referralAuthorities', {}, 'ok').then(() => undefined),
  'requests.assignees': (walk) => walk.call('requests.assignees', {}, 'ok').then(() => undefined),
  'complaints.targets': (walk) => walk.call('complaints.targets', {}, 'ok').then(() => undefined),
  'complaints.setTargets': (walk) => walk.call('complaints.setTargets', { complaint: 1, note: 1, suggestion: 1 }).then(() => undefined),
  'complaints.receive': async (walk) => {
    const complaint = { kind: 'complaint', about: 'service', subject: 'شكوى' };
    await walk.probe('complaints.receive', (sourceContactId) => ({ ...complaint, beneficiaryId: complainant.id, sourceContactId }));
    await walk.probe('complaints.receive', (beneficiaryId) => ({ ...complaint, beneficiaryId, sourceContactId: null }));
  },
  'complaints.link': async (walk) => {
    await walk.probe('complaints.link', (id) => ({ id, beneficiaryId: other.id }));
    await walk.probe('complaints.link', (beneficiaryId) => ({ id: ordinaryComplaint.id, beneficiaryId }));
  },
  'complaints.acknowledge': async (walk) => {
    await walk.probe('complaints.acknowledge', (id) => ({ id }));
    await walk.call('complaints.acknowledge', { id: complaintFromShielded.id }, 'ok');
  },
  'complaints.investigate': (walk) => walk.probe('complaints.investigate', (id) => ({ id })),
  'complaints.resolve': (walk) => walk.probe('complaints.resolve', (id) => ({ id, resolution: 'عولجت' })),
  'complaints.answer': (walk) => walk.probe('complaints.answer', (id) => ({ id, channel: 'in_person', summary: 'أُبلغ' })),
  'complaints.close': (walk) => walk.probe('complaints.close', (id) => ({ id })),
  'complaints.decide': (walk) => walk.probe('complaints.decide', (id) => ({ id, decision: 'adopted', improvement: 'تحسين' })),
  'complaints.reassign': async (walk) => {
    await walk.probe('complaints.reassign', (id) => ({ id, ownerId: officer.id }));
    await walk.probe('complaints.reassign', (ownerId) => ({ id: ordinaryComplaint.id, ownerId }));
  },
  'complaints.get': async (walk) => {
    const complaint = await walk.call('complaints.get', { id: complaintFromShielded.id }, 'ok');
    // A complaint about the service brought in the same contact is the supervisor's to handle; the contact is withheld.
    expect(complaint.ok && (complaint.value as ComplaintDetail).sourceContactId).toBeNull();
    await walk.call('complaints.get', { id: ordinaryComplaint.id }, 'ok');
    await walk.probe('complaints.get', (id) => ({ id }));
  },
  'complaints.list': async (walk) => {
    await walk.call('complaints.list', {}, 'ok');
    await walk.call('complaints.list', { beneficiaryId: complainant.id }, 'ok');
    await walk.call('complaints.list', { open: true, overdue: false }, 'ok');
    await walk.probe('complaints.list', (beneficiaryId) => ({ beneficiaryId }));
  },
  'complaints.suggestionsRegister': (walk) => walk.call('complaints.suggestionsRegister', {}, 'ok').then(() => undefined),
  'complaints.staffOptions': (walk) => walk.call('complaints.staffOptions', {}, 'ok').then(() => undefined),
  'library.search': (walk) => walk.call('library.search', { query: 'شكوى' }, 'ok').then(() => undefined),
  'library.get': (walk) => walk.probe('library.get', (id) => ({ id })),
  'library.save': (walk) => walk.probe('library.save', (id) => ({ id, category: 'answers', title: 'عنوان', body: 'نص' })),
  'inquiries.ask': async (walk) => {
    await walk.call('inquiries.ask', { contact: contactInput(complainant.id), answer: null, articleId: null }, 'ok');
    await walk.probe('inquiries.ask', (beneficiaryId) => ({ contact: contactInput(beneficiaryId), answer: null, articleId: null }));
  },
  'inquiries.answer': (walk) => walk.probe('inquiries.answer', (id) => ({ id, answer: 'الجواب', articleId: null, channel: 'phone' })),
  'inquiries.pending': async (walk) => {
    await walk.call('inquiries.pending', {}, 'ok');
    await walk.call('inquiries.pending', { mine: true }, 'ok');
  },
  'inquiries.answered': (walk) => walk.call('inquiries.answered', {}, 'ok').then(() => undefined),
  'inquiries.get': (walk) => walk.probe('inquiries.get', (id) => ({ id })),
  'queues.mine': (walk) => walk.call('queues.mine', {}, 'ok').then(() => undefined),
  'queues.office': (walk) => walk.call('queues.office', {}, 'ok').then(() => undefined),
  'reports.figures': (walk) => walk.call('reports.figures', period(), 'ok').then(() => undefined),
  'reports.trend': (walk) => walk.call('reports.trend', period(), 'ok').then(() => undefined),
  'reports.records': async (walk) => {
    const keys: Record<string, string> = {
      'contacts.byChannel': 'phone',
      'contacts.byPurpose': 'complaint',
      'contacts.byOfficer': app.adminId,
      'requests.stageAtEnd': 'under_review',
      'requests.heldAtEnd': app.adminId,
      'referrals.waiting': AUTHORITY_IDS.prisons,
    };
    for (const figure of REPORT_RECORD_FIGURES) {
      const key = KEYED_RECORD_FIGURES.includes(figure) ? keys[figure] : null;
      await walk.call('reports.records', { ...period(), figure, key, limit: 200 }, 'ok');
    }
    for (const purpose of ['complaint', 'inquiry', 'notification']) {
      await walk.call('reports.records', { ...period(), figure: 'contacts.byPurpose', key: purpose, limit: 200 }, 'ok');
    }
  },
  'exports.start': async (walk) => {
    for (const kind of ['beneficiaries', 'contacts', 'requests', 'complaints', 'letters'] as const) {
      await exportText(walk, { subject: { kind }, format: 'csv' } as StartExportInput);
    }
    await exportText(walk, { subject: { kind: 'complaints', filters: { beneficiaryId: complainant.id } }, format: 'csv' });
    await exportText(walk, { subject: { kind: 'contacts', filters: { beneficiaryId: complainant.id } }, format: 'csv' });
    await exportText(walk, { subject: { kind: 'report', period: period() }, format: 'xlsx' });
    await exportText(walk, { subject: { kind: 'satisfactionResponses', period: period() }, format: 'csv' });
  },
  'exports.status': (walk) => walk.probe('exports.status', (id) => ({ id })),
  'exports.cancel': (walk) => walk.probe('exports.cancel', (id) => ({ id })),
  'exports.take': (walk) => walk.probe('exports.take', (id) => ({ id })),
  'office.status': (walk) => walk.call('office.status', {}, 'ok').then(() => undefined),
  'office.inspect': (walk) => walk.call('office.inspect', { address: '127.0.0.1:1' }).then(() => undefined),
  'office.pair': (walk) => walk.call('office.pair', { address: '127.0.0.1:1', fingerprint: 'AB', code: 'x', deskName: '' }).then(() => undefined),
  'office.syncNow': (walk) => walk.call('office.syncNow', {}).then(() => undefined),
  'office.newPairingCode': (walk) => walk.call('office.newPairingCode', {}).then(() => undefined),
  'office.desks': (walk) => walk.call('office.desks', {}).then(() => undefined),
  'office.revokeDesk': (walk) => walk.call('office.revokeDesk', { deskId: '0123456789abcdef', reason: 'جهاز مفقود' }).then(() => undefined),
  'conflicts.list': (walk) => walk.call('conflicts.list', {}, 'ok').then(() => undefined),
  'conflicts.held': (walk) => walk.call('conflicts.held', {}, 'ok').then(() => undefined),
  'conflicts.settle': (walk) => walk.call('conflicts.settle', { id: '00000000-0000-7000-8000-00000000dead', outcome: 'kept' }).then(() => undefined),
  'conflicts.merge': (walk) => walk.call('conflicts.merge', { id: '00000000-0000-7000-8000-00000000dead', keepId: '00000000-0000-7000-8000-00000000beef' }).then(() => undefined),
  'conflicts.renumber': (walk) => walk.call('conflicts.renumber', { id: '00000000-0000-7000-8000-00000000dead', renumberId: '00000000-0000-7000-8000-00000000beef' }).then(() => undefined),
  'enrolments.apply': async (walk) => {
    const programId = await walkProgram(walk);
    await walk.probe('enrolments.apply', (beneficiaryId) => ({ programId, beneficiaryId }));
    await walk.probe('enrolments.apply', (id) => ({ programId: id, beneficiaryId: complainant.id }));
  },
  'enrolments.scheduleInterview': (walk) => walk.probe('enrolments.scheduleInterview', (id) => ({ id, interviewOn: today(), interviewerId: officer.id })),
  'enrolments.recordInterview': (walk) => walk.probe('enrolments.recordInterview', (id) => ({ id, result: 'passed' })),
  'enrolments.accept': (walk) => walk.probe('enrolments.accept', (id) => ({ id })),
  'enrolments.waitlist': (walk) => walk.probe('enrolments.waitlist', (id) => ({ id })),
  'enrolments.decline': (walk) => walk.probe('enrolments.decline', (id) => ({ id, reason: 'سبب' })),
  'enrolments.start': (walk) => walk.probe('enrolments.start', (id) => ({ id })),
  'enrolments.complete': (walk) => walk.probe('enrolments.complete', (id) => ({ id })),
  'enrolments.withdraw': (walk) => walk.probe('enrolments.withdraw', (id) => ({ id })),
  'enrolments.dismiss': (walk) => walk.probe('enrolments.dismiss', (id) => ({ id, reason: 'سبب' })),
  'enrolments.reorder': (walk) => walk.probe('enrolments.reorder', (id) => ({ id, position: 1, reason: 'سبب' })),
  'enrolments.passExpiredOffers': async (walk) => {
    await walk.call('enrolments.passExpiredOffers', { programId: await walkProgram(walk) }, 'ok');
    await walk.probe('enrolments.passExpiredOffers', (programId) => ({ programId }));
  },
  'enrolments.get': (walk) => walk.probe('enrolments.get', (id) => ({ id })),
  'enrolments.ofPerson': async (walk) => {
    await walk.call('enrolments.ofPerson', { beneficiaryId: complainant.id }, 'ok');
    await walk.probe('enrolments.ofPerson', (beneficiaryId) => ({ beneficiaryId }));
  },
  'enrolments.openFor': async (walk) => {
    await walk.call('enrolments.openFor', { beneficiaryId: complainant.id }, 'ok');
    await walk.probe('enrolments.openFor', (beneficiaryId) => ({ beneficiaryId }));
  },
  'enrolments.roster': async (walk) => {
    await walk.call('enrolments.roster', { programId: await walkProgram(walk) }, 'ok');
    await walk.probe('enrolments.roster', (programId) => ({ programId }));
  },
  'enrolments.interviewForm': (walk) => walk.probe('enrolments.interviewForm', (id) => ({ id })),
  'enrolments.certificate': (walk) => walk.probe('enrolments.certificate', (id) => ({ id })),
  'enrolments.verifyCertificate': (walk) => walk.call('enrolments.verifyCertificate', { verificationNumber: '0000-0000-0' }, 'ok').then(() => undefined),
  'attendance.sessions': async (walk) => {
    await walk.call('attendance.sessions', { programId: await walkProgram(walk) }, 'ok');
    await walk.probe('attendance.sessions', (programId) => ({ programId }));
  },
  'attendance.session': (walk) => walk.probe('attendance.session', (sessionId) => ({ sessionId })),
  'attendance.record': (walk) => walk.probe('attendance.record', (sessionId) => ({ sessionId, exceptions: [] })),
  'attendance.ofEnrolment': (walk) => walk.probe('attendance.ofEnrolment', (enrolmentId) => ({ enrolmentId })),
  'attendance.addDisciplineNote': (walk) =>
    walk.probe('attendance.addDisciplineNote', (enrolmentId) => ({ enrolmentId, kind: 'warning', whatHappened: 'تأخر متكرر', occurredOn: today() })),
  'attendance.signInSheet': (walk) => walk.probe('attendance.signInSheet', (sessionId) => ({ sessionId })),
  'programFees.ofEnrolment': (walk) => walk.probe('programFees.ofEnrolment', (enrolmentId) => ({ enrolmentId })),
  'programFees.requestWaiver': (walk) => walk.probe('programFees.requestWaiver', (enrolmentId) => ({ enrolmentId, kind: 'full', reason: 'ظروف مالية' })),
  'programFees.decideWaiver': (walk) => walk.probe('programFees.decideWaiver', (id) => ({ id, decision: 'approved', note: null })),
  'programFees.recordPayment': (walk) => walk.probe('programFees.recordPayment', (enrolmentId) => ({ enrolmentId, amount: 100, paidOn: today(), method: 'cash', note: null })),
  'programFees.voidPayment': (walk) => walk.probe('programFees.voidPayment', (id) => ({ id, reason: 'خطأ في المبلغ' })),
  'programFees.receipt': (walk) => walk.probe('programFees.receipt', (paymentId) => ({ paymentId, language: 'ar' })),
  'questionnaires.list': (walk) => walk.call('questionnaires.list', { includeRetired: true }, 'ok').then(() => undefined),
  'questionnaires.get': async (walk) => {
    await walk.call('questionnaires.get', { id: SHIPPED_QUESTIONNAIRE_ID }, 'ok');
    await walk.probe('questionnaires.get', (id) => ({ id }));
  },
  'questionnaires.version': (walk) => walk.probe('questionnaires.version', (id) => ({ id })),
  'questionnaires.save': (walk) =>
    walk.probe('questionnaires.save', (id) => ({
      id,
      content: { titleAr: 'استبانة', titleEn: null, introAr: 'مقدمة', introEn: null, questions: [{ key: 'q1', kind: 'yes_no', textAr: 'سؤال', textEn: null, required: true }] },
      doubleEntry: false,
    })),
  'questionnaires.setStatus': (walk) => walk.probe('questionnaires.setStatus', (id) => ({ id, status: 'retired' })),
  'satisfaction.offer': async (walk) => {
    for (const field of ['requestId', 'complaintId', 'enrolmentId', 'contactId'] as const) {
      await walk.probe('satisfaction.offer', (id) => ({ questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'kiosk', [field]: id }));
    }
    await walk.probe('satisfaction.offer', (questionnaireId) => ({ questionnaireId, mode: 'paper', complaintId: ordinaryComplaint.id }));
  },
  'satisfaction.offersOf': async (walk) => {
    await walk.call('satisfaction.offersOf', { requestId: requestFromShielded.id }, 'ok');
    for (const field of ['requestId', 'complaintId', 'enrolmentId', 'contactId'] as const) await walk.probe('satisfaction.offersOf', (id) => ({ [field]: id }));
  },
  'satisfaction.decline': (walk) => walk.probe('satisfaction.decline', (offerId) => ({ offerId })),
  'satisfaction.recordByPhone': (walk) => walk.probe('satisfaction.recordByPhone', (offerId) => ({ offerId, answers: { overall: 5 }, named: false })),
  'satisfaction.offerForm': (walk) => walk.probe('satisfaction.offerForm', (offerId) => ({ offerId })),
  'paperForms.form': (walk) => walk.probe('paperForms.form', (offerId) => ({ offerId, language: 'ar' })),
  // A form is found by the code printed on it: a shielded offer's code is one printed on no form, and
  // a case's id is no code, refused alike.
  'paperForms.find': async (walk) => {
    await walk.probe('paperForms.find', (code) => ({ code }));
    await walk.probeCode('paperForms.find', (code) => ({ code }));
  },
  'paperForms.enter': async (walk) => {
    await walk.probe('paperForms.enter', (code) => ({ code, answers: { overall: 5 }, named: false }));
    await walk.probeCode('paperForms.enter', (code) => ({ code, answers: { overall: 5 }, named: false }));
  },
  'paperForms.mismatches': async (walk) => {
    await walk.probe('paperForms.mismatches', (code) => ({ code }));
    await walk.probeCode('paperForms.mismatches', (code) => ({ code }));
  },
  'paperForms.settle': async (walk) => {
    await walk.probe('paperForms.settle', (code) => ({ code, answers: { overall: 5 }, named: false }));
    await walk.probeCode('paperForms.settle', (code) => ({ code, answers: { overall: 5 }, named: false }));
  },
  // Outside the kiosk both are refused; in it, they name no case to probe.
  'kiosk.form': (walk) => walk.call('kiosk.form', {}).then(() => undefined),
  'kiosk.submit': (walk) => walk.call('kiosk.submit', { answers: { overall: 5 }, named: false }).then(() => undefined),
  'satisfactionFigures.figures': (walk) => walk.call('satisfactionFigures.figures', { ...period(), cut: 'channel' }, 'ok').then(() => undefined),
  'documents.list': (walk) => walk.call('documents.list', {}, 'ok').then(() => undefined),
  'documents.get': (walk) => walk.probe('documents.get', (id) => ({ id })),
  'documents.readIssue': (walk) => walk.probe('documents.readIssue', (id) => ({ id })),
  'documents.reviewsDue': (walk) => walk.call('documents.reviewsDue', {}, 'ok').then(() => undefined),
  'documents.create': (walk) => walk.probe('documents.create', (articleId) => ({ number: 'BYL-09', titleAr: 'لائحة', titleEn: 'Bylaw', articleId, body: null, changes: 'الإصدار الأول' })),
  'documents.saveDraft': (walk) => walk.probe('documents.saveDraft', (documentId) => ({ documentId, changes: 'تعديل', body: 'نص' })),
  'documents.recordReview': (walk) =>
    walk.probe('documents.recordReview', (documentId) => ({ documentId, reviewedOn: today(), findings: 'لا تعديل', nextReviewOn: '2099-01-01' })),
  'documents.approve': (walk) =>
    walk.probe('documents.approve', (id) => ({ id, approver: 'board', term: 1, session: 2, sessionYear: 2026, approvedOn: today(), effectiveOn: today(), nextReviewOn: '2099-01-01' })),
  'programs.list': (walk) => walk.call('programs.list', {}, 'ok').then(() => undefined),
  'programs.get': async (walk) => {
    await walk.call('programs.get', { id: await walkProgram(walk) }, 'ok');
  },
  'programs.save': async (walk) => {
    const id = await walkProgram(walk);
    await walk.call('programs.save', { id, expectedVersion: 1, fields: { ...programFields(), capacity: 25 } }, 'ok');
  },
  'programs.addSessions': async (walk) => {
    const programId = await walkProgram(walk);
    await walk.call('programs.addSessions', { programId, schedule: { kind: 'dates', dates: [today()] }, startsAt: '09:00', endsAt: '11:00' }, 'ok');
  },
  'programs.removeSession': async (walk) => {
    const added = await walk.call('programs.addSessions', {
      programId: await walkProgram(walk),
      schedule: { kind: 'dates', dates: [today()] },
      startsAt: '13:00',
      endsAt: '14:00',
    }, 'ok');
    const session = added.ok ? (added.value as AddedSessions).program.sessions.find((each) => each.startsAt === '13:00') : undefined;
    await walk.call('programs.removeSession', { id: session?.id ?? newId() }, 'ok');
  },
  'programs.publishFee': async (walk) => {
    await walk.call('programs.publishFee', { programId: await walkProgram(walk), amount: 0, covers: 'المواد' }, 'ok');
  },
  'programs.setStatus': async (walk) => {
    const id = await walkProgram(walk);
    const program = await walk.call('programs.get', { id }, 'ok');
    const version = program.ok ? (program.value as ProgramDetail).rowVersion : 1;
    await walk.call('programs.setStatus', { id, expectedVersion: version, status: 'open', reason: null }, 'ok');
  },
  'programs.printSheet': async (walk) => {
    await walk.call('programs.printSheet', { id: await walkProgram(walk) });
  },
  'backups.status': (walk) => walk.call('backups.status', {}, 'ok').then(() => undefined),
  'backups.settings': (walk) => walk.call('backups.settings', {}).then(() => undefined),
  'backups.configure': (walk) => walk.call('backups.configure', { folder: app.dir, keepDaily: 7, keepWeekly: 4 }).then(() => undefined),
  'backups.list': (walk) => walk.call('backups.list', {}).then(() => undefined),
  'backups.run': (walk) => walk.call('backups.run', { kind: 'manual' }).then(() => undefined),
  'backups.restore': (walk) => walk.call('backups.restore', { name: 'wasl-backup.db' }).then(() => undefined),
};

describe('the shield’s own reads', () => {
  it('goes through indexes: one query for someone no complaint is about, a few for its subject', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      const nobody = recordingDatabase(opened.sqlite);
      expect((await shieldFor(nobody.db, app.adminId)).empty).toBe(true);
      expect(nobody.queries).toHaveLength(1);
      expect(indexesIn(queryPlan(opened.sqlite, nobody.queries[0]!))).toEqual(['complaints_about_staff']);

      const subject = recordingDatabase(opened.sqlite);
      const shield = await shieldFor(subject.db, supervisor.id);
      expect(shield.hides('contact', unregisteredContact.id)).toBe(true);
      expect(shield.hides('inquiry', shieldedInquiry.inquiry.id)).toBe(true);
      expect(shield.hides('complaint', complaintFromShielded.id)).toBe(false);
      // Every read is a search through an index, none a scan of a table or of a whole index.
      for (const query of subject.queries) expect(queryPlan(opened.sqlite, query).filter((line) => line.startsWith('SCAN'))).toEqual([]);
    } finally {
      opened.sqlite.close();
    }
  });
});

describe('every call of the contract, as the supervisor the complaints are about', () => {
  it('has a step for every call, and no step for a call that is gone', () => {
    expect(Object.keys(WALK).toSorted()).toEqual([...callNames].toSorted());
  });

  it('never answers with a shielded record, treats a shielded id as one that does not exist, and changes no shielded row', async () => {
    await asSupervisor();
    const before = shieldedRows();
    const answers: Array<{ name: CallName; text: string }> = [];
    const mismatches: string[] = [];
    const failedReads: string[] = [];
    const compare = async (name: CallName, input: (value: string) => unknown, nowhereValue: string, shieldedValues: string[]) => {
      const nowhere = await walk.call(name, input(nowhereValue));
      for (const value of shieldedValues) {
        const shielded = await walk.call(name, input(value));
        const alike = shielded.ok === nowhere.ok && (shielded.ok || nowhere.ok || JSON.stringify(shielded.error) === JSON.stringify(nowhere.error));
        if (!alike) mismatches.push(`${name} with ${value}: ${JSON.stringify(shielded).slice(0, 300)} / nowhere: ${JSON.stringify(nowhere).slice(0, 300)}`);
      }
    };
    const walk: Walk = {
      async call(name, input, expectation) {
        const result = await app.dispatch(name, input);
        answers.push({ name, text: JSON.stringify(result) });
        if (expectation === 'ok' && !result.ok) failedReads.push(`${name} ${JSON.stringify(input)}: ${JSON.stringify(result.error)}`);
        return result;
      },
      async probe(name, input) {
        await compare(name, input, newId(), shieldedIds());
      },
      async probeCode(name, input) {
        await compare(name, input, newVerificationNumber(), shieldedCodes());
      },
      keep(text) {
        answers.push({ name: 'exports.take', text });
      },
    };
    for (const name of callNames) await WALK[name](walk);
    await asSupervisor();

    const leaks = answers.flatMap(({ name, text }) => shieldedMarks().filter((mark) => text.includes(mark)).map((mark) => `${name}: ${mark}`));
    expect(leaks).toEqual([]);
    expect(mismatches).toEqual([]);
    expect(failedReads).toEqual([]);
    expect(shieldedRows()).toEqual(before);
    expect(app.loggedErrors).toEqual([]);
  });

  it('leaves the shielded records whole for everyone else', async () => {
    await asAdmin();
    const complaint = expectOk<ComplaintDetail>(await app.dispatch('complaints.get', { id: aboutSupervisor.id }));
    expect(complaint.subject).toBe(WORDS.complaintSubject);
    expect(complaint.sourceContactId).toBe(unregisteredContact.id);
    expect(complaint.beneficiary).toBeNull();
    const unlinked = expectOk<ContactView[]>(await app.dispatch('contacts.unlinked', {}));
    expect(unlinked.map((contact) => contact.id)).toContain(unregisteredContact.id);
    expect(unlinked.find((contact) => contact.id === unregisteredContact.id)?.personName).toBe(WORDS.complainantName);
  });
});
