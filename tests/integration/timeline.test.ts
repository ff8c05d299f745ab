// A person's timeline with their casework, through the real call path: letters, the steps of their
// requests and complaints beside their contacts; a complaint about a staff member hidden from that
// person together with the contacts that carry it; and a contact logged before registration bringing
// the inquiry and the complaint it started to the person's file when it is linked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ComplaintDetail } from '../../electron/api/complaints';
import type { ContactView } from '../../electron/api/contacts';
import type { AskedInquiry, InquiryView } from '../../electron/api/inquiries';
import type { LetterView } from '../../electron/api/letters';
import type { WorkQueues } from '../../electron/api/queues';
import type { RequestDetail } from '../../electron/api/requests';
import type { TimelineEntry, TimelinePage } from '../../electron/api/timeline';
import { ADMIN, createUser, expectOk, movableClock, openTestWasl, signInAs, validFields, type TestWasl } from '../support/database';
import { AUTHORITY_IDS, REQUEST_TYPE_IDS } from '../support/casework';

let app: TestWasl;
let time: ReturnType<typeof movableClock>;

beforeEach(async () => {
  time = movableClock();
  app = await openTestWasl({ clock: time.clock });
});

afterEach(async () => {
  await app.cleanup();
});

const call = async <T>(name: string, input: unknown): Promise<T> => expectOk<T>(await app.dispatch(name, input));
/** Each step a minute after the last, so the timeline's order is the order of the story. */
const later = () => time.advanceMinutes(1);
const timeline = (input: Record<string, unknown>) => call<TimelinePage>('beneficiaries.timeline', input);
const registered = () => call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields() });

/** What an entry is about, in a word a test can compare: the kind and the record or step. */
function describeEntry(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'contact':
      return `contact:${entry.contact.id}`;
    case 'letter':
      return `letter:${entry.letter.id}`;
    case 'request':
      return `request:${entry.step.action}`;
    case 'complaint':
      return `complaint:${entry.step.action}`;
    case 'program':
      return `program:${entry.step.action}`;
    case 'eligibility':
      return `eligibility:${entry.decision.id}`;
    case 'discipline':
      return `discipline:${entry.note.kind}`;
    case 'fee':
      return `fee:${entry.fee.action}`;
  }
}

/** A new account; `password` is the one it chooses at its first sign-in (see signInAs). */
async function newStaff(role: 'officer' | 'supervisor') {
  const account = await createUser(app.dispatch, role);
  return { ...account, firstPassword: account.password, password: `${account.password}-chosen` };
}

describe('a person’s timeline with their casework', () => {
  it('shows letters and the steps of requests and complaints among the contacts, newest first, filtered by kind', async () => {
    const person = await registered();
    const interview = await call<ContactView>('contacts.log', {
      beneficiaryId: person.id,
      channel: 'in_person',
      direction: 'incoming',
      purpose: 'request',
      summary: 'يطلب مساعدة لسداد الإيجار',
    });
    later();
    const request = await call<RequestDetail>('requests.open', {
      beneficiaryId: person.id,
      typeId: REQUEST_TYPE_IDS.financialAid,
      summary: 'مساعدة مالية لسداد إيجار المسكن',
      sourceContactId: interview.id,
    });
    later();
    await call('requests.startReview', { id: request.id });
    later();
    const letter = await call<LetterView>('letters.register', {
      direction: 'incoming',
      number: '118/س/1448',
      authorityId: AUTHORITY_IDS.prisons,
      subject: 'إفادة عن حالة النزيل',
      beneficiaryId: person.id,
    });
    later();
    await call<ComplaintDetail>('complaints.receive', {
      kind: 'complaint',
      beneficiaryId: person.id,
      about: 'service',
      subject: 'تأخر الرد على طلبه',
    });

    const all = await timeline({ id: person.id });
    expect(all.entries.map(describeEntry)).toEqual([
      'complaint:received',
      `letter:${letter.id}`,
      'request:review_started',
      'request:received',
      `contact:${interview.id}`,
    ]);
    const requestStep = all.entries.find((entry) => entry.kind === 'request');
    expect(requestStep).toMatchObject({ step: { caseId: request.id, caseNumber: request.number, requestType: { ar: expect.any(String), en: expect.any(String) } } });
    expect(all.entries.find((entry) => entry.kind === 'letter')).toMatchObject({ letter: { direction: 'incoming', number: '118/س/1448', hasScan: false } });

    expect((await timeline({ id: person.id, kinds: ['request', 'letter'] })).entries.map(describeEntry)).toEqual([
      `letter:${letter.id}`,
      'request:review_started',
      'request:received',
    ]);
    // The letter channel brings the letters register with the letter-channel contacts.
    expect((await timeline({ id: person.id, channel: 'letter' })).entries.map(describeEntry)).toEqual([`letter:${letter.id}`]);
    expect((await timeline({ id: person.id, channel: 'in_person' })).entries.map(describeEntry)).toEqual([`contact:${interview.id}`]);

    // Two at a time: every entry once, in the same order.
    const paged: string[] = [];
    let before: string | null | undefined;
    do {
      const page: TimelinePage = await timeline({ id: person.id, limit: 2, ...(before ? { before } : {}) });
      paged.push(...page.entries.map(describeEntry));
      before = page.nextBefore;
    } while (before);
    expect(paged).toEqual(all.entries.map(describeEntry));
  });

  it('hides a complaint about a staff member, and the contacts that brought and answered it, from that staff member only', async () => {
    const person = await registered();
    const accused = await newStaff('officer');
    const colleague = await newStaff('officer');
    // Both choose their passwords at first sign-in; the administrator signs back in to work.
    for (const account of [accused, colleague]) {
      await signInAs(app.dispatch, account.username, account.firstPassword);
    }
    await signInAs(app.dispatch, ADMIN.username, ADMIN.password);
    const brought = await call<ContactView>('contacts.log', {
      beneficiaryId: person.id,
      channel: 'phone',
      direction: 'incoming',
      purpose: 'complaint',
      summary: 'يشكو من معاملة الموظف له',
    });
    later();
    const complaint = await call<ComplaintDetail>('complaints.receive', {
      kind: 'complaint',
      beneficiaryId: person.id,
      about: 'staff',
      aboutStaffId: accused.id,
      subject: 'سوء معاملة عند مكتب الاستقبال',
      sourceContactId: brought.id,
    });
    for (const step of ['complaints.acknowledge', 'complaints.investigate']) {
      later();
      await call(step, { id: complaint.id });
    }
    later();
    await call('complaints.resolve', { id: complaint.id, resolution: 'نُبّه الموظف واعتُذر للمستفيد' });
    later();
    const answered = await call<ComplaintDetail>('complaints.answer', { id: complaint.id, channel: 'phone', summary: 'أُبلغ بما اتُّخذ في شكواه' });
    later();
    const unrelated = await call<ContactView>('contacts.log', { beneficiaryId: person.id, channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary: 'سأل عن البرامج' });
    // A walk-in complaint about the same staff member, not yet linked to anyone.
    const walkIn = await call<ContactView>('contacts.log', { personName: 'أبو فهد', channel: 'in_person', direction: 'incoming', purpose: 'complaint', summary: 'شكوى على الموظف' });
    await call('complaints.receive', { kind: 'complaint', beneficiaryId: null, personName: 'أبو فهد', about: 'staff', aboutStaffId: accused.id, subject: 'تأخير', sourceContactId: walkIn.id });
    const answerContactId = answered.events.find((event) => event.action === 'answered')?.contactId;
    expect(answerContactId).toEqual(expect.any(String));

    await signInAs(app.dispatch, colleague.username, colleague.password);
    const seenByColleague = (await timeline({ id: person.id })).entries.map(describeEntry);
    expect(seenByColleague).toEqual(expect.arrayContaining([`contact:${brought.id}`, `contact:${answerContactId}`, 'complaint:received', 'complaint:answered']));
    expect((await call<ContactView[]>('contacts.unlinked', {})).map((contact) => contact.id)).toContain(walkIn.id);

    await signInAs(app.dispatch, accused.username, accused.password);
    const seenByAccused = (await timeline({ id: person.id })).entries.map(describeEntry);
    expect(seenByAccused).toEqual([`contact:${unrelated.id}`]);
    expect((await timeline({ id: person.id, channel: 'phone' })).entries).toEqual([]);
    expect((await call<ContactView[]>('contacts.unlinked', {})).map((contact) => contact.id)).not.toContain(walkIn.id);
  });
});

describe('linking a contact logged before registration', () => {
  it('brings the inquiry and the complaint it started to the person’s file, timeline and queues', async () => {
    const asked = await call<AskedInquiry>('inquiries.ask', {
      contact: { personName: 'أم خالد', personPhone: '0551234567', channel: 'phone', direction: 'incoming', summary: 'تسأل عن موعد برنامج الأسر' },
    });
    later();
    const walkIn = await call<ContactView>('contacts.log', { personName: 'أم خالد', channel: 'in_person', direction: 'incoming', purpose: 'complaint', summary: 'تشكو من تأخر الرد' });
    later();
    const complaint = await call<ComplaintDetail>('complaints.receive', {
      kind: 'complaint',
      beneficiaryId: null,
      personName: 'أم خالد',
      about: 'service',
      subject: 'تأخر الرد على استفسارها',
      sourceContactId: walkIn.id,
    });
    later();
    const person = await registered();
    await call('contacts.link', { id: asked.contact.id, beneficiaryId: person.id });
    await call('contacts.link', { id: walkIn.id, beneficiaryId: person.id });

    const inquiry = await call<InquiryView>('inquiries.get', { id: asked.inquiry.id });
    expect(inquiry.person).toMatchObject({ beneficiaryId: person.id, fileNumber: person.fileNumber });
    const linkedComplaint = await call<ComplaintDetail>('complaints.get', { id: complaint.id });
    expect(linkedComplaint.beneficiary).toMatchObject({ id: person.id, fileNumber: person.fileNumber });
    expect(linkedComplaint.personName).toBeNull();

    expect((await timeline({ id: person.id })).entries.map(describeEntry)).toEqual(['complaint:received', `contact:${walkIn.id}`, `contact:${asked.contact.id}`]);
    const queues = await call<WorkQueues>('queues.mine', {});
    expect(queues.pendingInquiries?.rows.find((row) => row.id === asked.inquiry.id)?.person).toMatchObject({ beneficiaryId: person.id, fileNumber: person.fileNumber });
    expect(queues.complaintsToAnswer?.rows.find((row) => row.id === complaint.id)?.person).toMatchObject({ beneficiaryId: person.id, fileNumber: person.fileNumber });
  });

  it('refuses a complaint brought in another person’s contact', async () => {
    const person = await registered();
    const other = await registered();
    const othersContact = await call<ContactView>('contacts.log', { beneficiaryId: other.id, channel: 'phone', direction: 'incoming', purpose: 'complaint', summary: 'شكوى' });
    const refused = await app.dispatch('complaints.receive', { kind: 'complaint', beneficiaryId: person.id, about: 'service', subject: 'شكوى', sourceContactId: othersContact.id });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path: 'sourceContactId', messageKey: 'validation.complaints.contactOfAnother' }] } },
    });
  });
});
