import type { AuditEntry, FieldChange } from '../../api/audit';
import type { BeneficiaryDetail, HouseholdMember } from '../../api/beneficiaries';
import type { ComplaintDetail, ComplaintEventView } from '../../api/complaints';
import type { ContactView } from '../../api/contacts';
import type { EligibilityDecision } from '../../api/eligibility';
import type { EnrolmentDetail, EnrolmentEventView } from '../../api/enrolments';
import { formatSaudiPhone } from '../../api/fields/phone';
import type { InquiryView } from '../../api/inquiries';
import type { LetterView } from '../../api/letters';
import type { RequestDetail, RequestEventView } from '../../api/requests';
import labels from '../../../locales/ar/beneficiaries.json';
import auditLabels from '../../../locales/ar/audit.json';
import arabicComplaints from '../../../locales/ar/complaints.json';
import arabicContacts from '../../../locales/ar/contacts.json';
import arabicInquiries from '../../../locales/ar/inquiries.json';
import arabicLetters from '../../../locales/ar/letters.json';
import arabicRequests from '../../../locales/ar/requests.json';
import arabicTimeline from '../../../locales/ar/timeline.json';
import eligibilityLabels from '../../../locales/ar/eligibility.json';
import arabicEnrolments from '../../../locales/ar/enrolments.json';
import arabicAttendance from '../../../locales/ar/attendance.json';
import { ATTENDANCE_DOCUMENT_LINES, attendanceSection, type PersonAttendance } from '../attendance/personal-data';
import arabicFees from '../../../locales/ar/program-fees.json';
import { FEE_DOCUMENT_LINES, feesSection, type PersonFees } from '../program-fees/personal-data';
import arabicQuestionnaires from '../../../locales/ar/questionnaires.json';
import { RESPONSE_DOCUMENT_LINES, responsesSection, type PersonResponses } from '../questionnaires/personal-data';
import type { DocumentLines, PERSONAL_DATA_TABLES, PersonalDataTable } from '../personal-data/tables';
import { html, type Html } from '../printing/html';
import { printableHtml } from '../printing/html-shell';

/**
 * The subject-access document: everything Wasl holds about one person, in Arabic, as one
 * self-contained HTML file that prints on A4. No script, no external resource (its own
 * Content-Security-Policy forbids both), and every value escaped: notes, addresses and change values
 * are free text typed at the desk.
 */

export interface PersonalDataDocument {
  associationName: string | null;
  preparedAt: Date;
  preparedBy: string;
  person: BeneficiaryDetail;
  /** Display names of the staff the record names (who registered, changed, recorded consent). */
  userNames: ReadonlyMap<string, string>;
  /** Arabic district names by id, for the district and for district changes in the history. */
  districtNames: ReadonlyMap<string, string>;
  /** The person's audit trail, oldest first. */
  history: readonly AuditEntry[];
  /** Every contact logged with the person, newest first. */
  contacts: readonly ContactView[];
  /** Every letter about the person, newest first. */
  letters: readonly LetterView[];
  /** Every request of the person, newest first, each with its events. */
  requests: readonly RequestDetail[];
  /** Every complaint, note and suggestion the person brought (one about a staff member too), newest first. */
  complaints: readonly ComplaintDetail[];
  /** Every inquiry of the person, newest first. */
  inquiries: readonly InquiryView[];
  /** Every enrolment of the person in a program, newest application first, each with its steps. */
  enrolments: readonly EnrolmentDetail[];
  /** The notes on their attendance at programs' sessions and their discipline notes. */
  attendance: PersonAttendance;
  /** Their fee waiver requests and payments, through their enrolments. */
  fees: PersonFees;
  /** The questionnaires they answered leaving their name (an anonymous response is nobody's). */
  responses: PersonResponses;
}

const text = labels.personalData;
const contactLabels = arabicContacts;
const fields = labels.fields;

export function renderPersonalDataDocument(doc: PersonalDataDocument): string {
  const { person } = doc;
  const erasure = [...doc.history].reverse().find((entry) => entry.action === 'beneficiary.erased') ?? null;
  const title = `${text.title} — ${fields.fileNumber} ${person.fileNumber}`;
  const body = html`
    <header>
      <h1>${text.title}</h1>
      <p class="intro">${text.intro}</p>
      ${table([
        doc.associationName ? [text.association, doc.associationName] : null,
        [fields.fileNumber, ltr(person.fileNumber)],
        [text.preparedAt, dateTime(doc.preparedAt.toISOString())],
        [text.preparedBy, doc.preparedBy],
      ])}
      <p class="confidential">${text.confidential}</p>
    </header>
    ${erasure === null ? '' : erasureNotice(erasure)}
    ${section(labels.sections.identity, table(identityRows(person)))}
    ${section(labels.sections.contact, table(contactRows(person, doc.districtNames)))}
    ${section(labels.sections.prisoner, table(prisonerRows(person)))}
    ${section(labels.sections.household, householdTable(person.household))}
    ${section(labels.sections.needs, table(needsRows(person)))}
    ${section(labels.sections.consent, table(consentRows(person, doc.userNames)))}
    ${section(text.record, table(recordRows(person, doc.userNames)))}
    ${section(eligibilityLabels.title, eligibilitySection(person))}
    ${section(arabicTimeline.kinds.contact, contactsSection(doc.contacts))}
    ${section(arabicTimeline.kinds.letter, lettersSection(doc.letters))}
    ${section(arabicTimeline.kinds.request, requestsSection(doc.requests))}
    ${section(arabicComplaints.title, complaintsSection(doc.complaints))}
    ${section(arabicInquiries.title, inquiriesSection(doc.inquiries))}
    ${section(arabicEnrolments.person.title, enrolmentsSection(doc.enrolments))}
    ${section(arabicAttendance.title, attendanceSection(doc.attendance, text.none, calendarDate))}
    ${section(arabicFees.title, feesSection(doc.fees, text.none, calendarDate))}
    ${section(arabicQuestionnaires.document.title, responsesSection(doc.responses, text.none, calendarDate))}
    ${section(text.history, historySection(doc.history, doc.districtNames))}`;
  return printableHtml({ language: 'ar', title, style: STYLE, body, images: false });
}

// --- Sections ------------------------------------------------------------------------------------

type Row = readonly [label: string, value: Html | string | null] | null;

function identityRows(person: BeneficiaryDetail): Row[] {
  const line = DOCUMENT_LINES.beneficiaries;
  return [
    [line.first_name, person.firstName],
    [line.father_name, person.fatherName],
    [line.grandfather_name, person.grandfatherName],
    [line.family_name, person.familyName],
    [line.latin_name, person.latinName === null ? null : ltr(person.latinName)],
    [line.id_type, choiceLabel(labels.idType, person.idType)],
    [line.id_number, person.idNumber ? ltr(person.idNumber) : null],
    [line.nationality, nationalityName(person.nationality)],
    [line.gender, choiceLabel(labels.gender, person.gender)],
    [line.birth_date, person.birthDate === null ? null : calendarDate(person.birthDate)],
    [line.residency_status, choiceLabel(labels.residency, person.residencyStatus)],
  ];
}

function contactRows(person: BeneficiaryDetail, districts: ReadonlyMap<string, string>): Row[] {
  const line = DOCUMENT_LINES.beneficiaries;
  return [
    [DOCUMENT_LINES.beneficiary_phones.phone, person.phones.length === 0 ? null : html`${person.phones.map((phone, index) => html`${index > 0 ? '، ' : ''}${ltr(formatSaudiPhone(phone))}`)}`],
    [line.district_id, person.districtId === null ? null : (districts.get(person.districtId) ?? person.districtId)],
    [line.address, person.address],
  ];
}

function prisonerRows(person: BeneficiaryDetail): Row[] {
  const line = DOCUMENT_LINES.beneficiaries;
  return [
    [line.category, choiceLabel(labels.category, person.category)],
    [line.prisoner_relation, person.prisonerRelation === null ? null : choiceLabel(labels.relation, person.prisonerRelation)],
    [line.prisoner_name, person.prisonerName],
    [line.prisoner_facility, person.prisonerFacility],
    [line.prisoner_status, person.prisonerStatus === null ? null : choiceLabel(labels.prisonerStatus, person.prisonerStatus)],
  ];
}

function householdTable(household: readonly HouseholdMember[]): Html {
  if (household.length === 0) return html`<p class="none">${labels.household.none}</p>`;
  const h = DOCUMENT_LINES.household_members;
  return html`<table class="grid">
    <thead><tr><th>${h.full_name}</th><th>${h.relation}</th><th>${h.birth_date}</th><th>${h.id_number}</th><th>${h.notes}</th></tr></thead>
    <tbody>${household.map(
      (member) => html`<tr>
        <td>${member.fullName}</td>
        <td>${choiceLabel(labels.relation, member.relation)}</td>
        <td>${member.birthDate === null ? text.notRecorded : calendarDate(member.birthDate)}</td>
        <td>${member.idNumber === null ? text.notRecorded : ltr(member.idNumber)}</td>
        <td>${member.notes ?? text.notRecorded}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

function needsRows(person: BeneficiaryDetail): Row[] {
  const line = DOCUMENT_LINES.beneficiaries;
  return [
    [line.needs, person.needs.length === 0 ? null : person.needs.map((need) => choiceLabel(labels.needs, need)).join('، ')],
    [line.needs_priority, person.needsPriority === null ? null : choiceLabel(labels.priority, person.needsPriority)],
    [line.needs_notes, person.needsNotes],
  ];
}

function consentRows(person: BeneficiaryDetail, users: ReadonlyMap<string, string>): Row[] {
  const line = DOCUMENT_LINES.beneficiaries;
  return [
    [line.consent_given, person.consentGiven ? text.yes : text.no],
    [line.consent_date, person.consentDate === null ? null : calendarDate(person.consentDate)],
    [line.consent_method, person.consentMethod === null ? null : choiceLabel(labels.consentMethod, person.consentMethod)],
    [text.consentRecordedBy, person.consentRecordedBy === null ? null : userName(users, person.consentRecordedBy)],
  ];
}

function recordRows(person: BeneficiaryDetail, users: ReadonlyMap<string, string>): Row[] {
  return [
    [fields.status, choiceLabel(labels.status, person.status)],
    [DOCUMENT_LINES.beneficiaries.notes, person.notes],
    [labels.page.registeredAt, dateTime(person.createdAt)],
    [text.registeredBy, userName(users, person.createdBy)],
    [labels.page.updatedAt, dateTime(person.updatedAt)],
    [text.updatedBy, userName(users, person.updatedBy)],
  ];
}

function eligibilitySection(person: BeneficiaryDetail): Html {
  const current = table([[text.currentEligibility, choiceLabel(labels.eligibility, person.eligibility)]]);
  if (person.eligibilityHistory.length === 0) return html`${current}<p class="none">${eligibilityLabels.noDecision}</p>`;
  const line = DOCUMENT_LINES.eligibility_decisions;
  return html`${current}
    <h3>${text.decisions}</h3>
    <table class="grid">
      <thead><tr><th>${text.decidedAt}</th><th>${line.outcome}</th><th>${text.criteria}</th><th>${line.reason}</th><th>${text.decidedBy}</th></tr></thead>
      <tbody>${[...person.eligibilityHistory].reverse().map(decisionRow)}</tbody>
    </table>`;
}

function decisionRow(decision: EligibilityDecision): Html {
  const line = DOCUMENT_LINES.eligibility_decisions;
  const criteria = ([
    [line.in_scope, decision.inScope],
    [line.legal_resident, decision.legalResident],
    [line.receives_services, decision.receivesServices],
  ] as const).map(([criterion, met]) => html`<li>${criterion}: ${met ? text.yes : text.no}</li>`);
  return html`<tr>
    <td>${dateTime(decision.decidedAt)}</td>
    <td>${choiceLabel(eligibilityLabels.outcomes, decision.outcome)}</td>
    <td><ul>${criteria}</ul></td>
    <td>${decision.reason ?? text.notRecorded}</td>
    <td>${decision.decidedByName}</td>
  </tr>`;
}

function contactsSection(contacts: readonly ContactView[]): Html {
  if (contacts.length === 0) return html`<p class="none">${text.none}</p>`;
  const label = (group: Record<string, string>, value: string | null) => (value === null ? '' : (group[value] ?? value));
  return html`<table class="grid">
      <thead><tr><th>${text.at}</th><th>${DOCUMENT_LINES.contacts.web_reference}</th><th>${contactLabels.log.purpose}</th><th>${DOCUMENT_LINES.contacts.summary}</th><th>${text.user}</th></tr></thead>
      <tbody>${contacts.map(
        (contact) => html`<tr>
          <td>${dateTime(contact.occurredAt)}</td>
          <td>${label(contactLabels.channel, contact.channel)} · ${label(contactLabels.direction, contact.direction)}${contact.phoneNumber ? html` · ${ltr(contact.phoneNumber)}` : ''}${contact.handle ? html` · ${label(contactLabels.platform, contact.platform)} ${ltr(contact.handle)}` : ''}${contact.webReference ? html` · ${ltr(contact.webReference)}` : ''}</td>
          <td>${label(contactLabels.purpose, contact.purpose)}</td>
          <td>${contact.summary}</td>
          <td>${contact.officer.displayName}</td>
        </tr>`,
      )}</tbody>
    </table>`;
}

// --- Casework ------------------------------------------------------------------------------------

const letterLabels = arabicLetters.details;
const requestLabels = arabicRequests;
const complaintLabels = arabicComplaints;
const inquiryLabels = arabicInquiries;

/**
 * The line (or the column of a table) that shows each of the person's own columns, table by table,
 * from the descriptions in ../personal-data/tables.ts: the sections below take their labels from
 * here, and a personal column added to a description is a type error until it has its line (a test
 * reads each line in a document of a person who has everything).
 */
export const DOCUMENT_LINES = {
  beneficiaries: {
    first_name: fields.firstName,
    father_name: fields.fatherName,
    grandfather_name: fields.grandfatherName,
    family_name: fields.familyName,
    latin_name: fields.latinName,
    // The four names folded for the search: the names themselves are on their own lines.
    name_normalized: null,
    id_type: fields.idType,
    id_number: fields.idNumber,
    nationality: fields.nationality,
    residency_status: fields.residencyStatus,
    gender: fields.gender,
    birth_date: fields.birthDate,
    district_id: fields.district,
    address: fields.address,
    category: fields.category,
    prisoner_relation: fields.prisonerRelation,
    prisoner_name: fields.prisonerName,
    prisoner_facility: fields.prisonerFacility,
    prisoner_status: fields.prisonerStatus,
    needs: text.needs,
    needs_notes: fields.needsNotes,
    needs_priority: fields.needsPriority,
    consent_given: fields.consentGiven,
    consent_date: fields.consentDate,
    consent_method: fields.consentMethod,
    notes: fields.notes,
  },
  beneficiary_phones: {
    phone: text.phones,
    // The same numbers, their digits reversed for the search.
    phone_reversed: null,
  },
  household_members: {
    full_name: labels.household.fullName,
    relation: labels.household.relation,
    birth_date: labels.household.birthDate,
    id_number: labels.household.idNumber,
    notes: fields.notes,
  },
  eligibility_decisions: {
    in_scope: eligibilityLabels.criteria.inScope,
    legal_resident: eligibilityLabels.criteria.legalResident,
    receives_services: eligibilityLabels.criteria.receivesServices,
    outcome: eligibilityLabels.outcome,
    reason: eligibilityLabels.reason,
  },
  contacts: {
    // Held only while a contact is linked to nobody (linking empties them): a contact of the person has none.
    person_name: null,
    person_phone: null,
    summary: contactLabels.log.summary,
    // Shown in the channel's column, after the channel they were reached through.
    phone_number: contactLabels.log.channel,
    handle: contactLabels.log.channel,
    web_reference: contactLabels.log.channel,
  },
  attachments: {
    // The scan's name and whether its bytes are kept; the bytes themselves stay with the association.
    file_name: letterLabels.scan,
    content: letterLabels.scan,
  },
  letters: {
    subject: letterLabels.subject,
    body: letterLabels.body,
  },
  requests: {
    summary: requestLabels.detail.summary,
    decision_reason: requestLabels.forms.reason,
  },
  request_events: {
    note: text.note,
  },
  complaints: {
    // A registered person's name is in their file, not typed on the complaint.
    person_name: null,
    subject: complaintLabels.columns.subject,
    details: complaintLabels.page.details,
    resolution: complaintLabels.page.resolution,
  },
  complaint_events: {
    note: text.note,
  },
  inquiries: {
    question: inquiryLabels.answer.question,
    answer: inquiryLabels.answer.text,
  },
  program_enrolments: {
    interview_notes: arabicEnrolments.dialog.notes,
    decision_reason: arabicEnrolments.dialog.reason,
    conditions_override_reason: arabicEnrolments.picker.overrideReason,
  },
  program_enrolment_events: {
    note: text.note,
  },
  program_fee_waivers: {
    reason: FEE_DOCUMENT_LINES.reason,
    decision_note: FEE_DOCUMENT_LINES.decisionNote,
  },
  program_payments: {
    note: FEE_DOCUMENT_LINES.note,
    void_reason: FEE_DOCUMENT_LINES.voidReason,
  },
  program_attendance: {
    note: ATTENDANCE_DOCUMENT_LINES.note,
  },
  program_discipline_notes: {
    what_happened: ATTENDANCE_DOCUMENT_LINES.whatHappened,
  },
  questionnaire_offers: {},
  questionnaire_responses: {
    answers: RESPONSE_DOCUMENT_LINES.answers,
    // The name left with the answers is the person's own, whose document this is: it is why the response is listed.
    beneficiary_id: null,
  },
  audit_log: {},
  audit_changes: {
    // What a field was and what it became, in the history's table of changes.
    changes: text.from,
  },
} as const satisfies { readonly [Table in PersonalDataTable]: DocumentLines<(typeof PERSONAL_DATA_TABLES)[Table]> };

/** A label from a list, or the value itself when the list has none for it. */
const labelIn = (group: Record<string, string>, value: string | null): string => (value === null ? '' : (group[value] ?? value));

/** A message with {{name}} placeholders filled (the values are escaped when the text is inserted). */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

function lettersSection(letters: readonly LetterView[]): Html {
  if (letters.length === 0) return html`<p class="none">${text.none}</p>`;
  return html`${letters.map(
    (letter) => html`<h3>${fill(letterLabels.title, { direction: labelIn(arabicLetters.direction, letter.direction), number: letter.number })}</h3>
      ${table([
        [letterLabels.date, calendarDate(letter.letterDate)],
        [letterLabels.authority, letter.authority?.nameAr ?? null],
        letter.request === null ? null : [letterLabels.request, ltr(letter.request.number)],
        [DOCUMENT_LINES.letters.subject, letter.subject],
        letter.direction === 'outgoing' || letter.body !== null ? [DOCUMENT_LINES.letters.body, letter.body === null ? null : paragraphs(letter.body)] : null,
        [DOCUMENT_LINES.attachments.file_name, scanValue(letter)],
        [letterLabels.registeredAt, dateTime(letter.registeredAt)],
        [letterLabels.registeredBy, letter.registeredBy.displayName],
      ])}`,
  )}`;
}

function scanValue(letter: LetterView): Html | string {
  if (letter.scanErased) return letterLabels.scanErased;
  if (letter.scan === null) return letterLabels.noScan;
  // The name the file had is what the person may know it by (and is their data); it is cleaned and escaped.
  return html`<bdi>${letter.scan.label || letter.scan.fileName}</bdi> — ${text.scanKept}`;
}

function requestsSection(requests: readonly RequestDetail[]): Html {
  if (requests.length === 0) return html`<p class="none">${text.none}</p>`;
  const detail = requestLabels.detail;
  return html`${requests.map(
    (request) => html`<h3>${fill(arabicTimeline.request.title, { number: request.number, type: request.type.nameAr })}</h3>
      ${table([
        [detail.received, dateTime(request.receivedAt)],
        [DOCUMENT_LINES.requests.summary, request.summary],
        [requestLabels.list.stage, labelIn(requestLabels.stage, request.stage)],
        [detail.owner, request.owner.displayName],
        [detail.due, calendarDate(request.dueDate)],
        request.authority === null ? null : [detail.authority, request.authority.nameAr],
        [detail.decision, request.outcome === null ? detail.noDecision : requestDecision(request)],
        request.outcome === null ? null : [DOCUMENT_LINES.requests.decision_reason, request.decisionReason],
        request.notifiedAt === null ? null : [detail.notified, dateTime(request.notifiedAt)],
        request.closedAt === null ? null : [detail.closed, dateTime(request.closedAt)],
        [detail.history, eventsTable(request.events.map(requestEventRow))],
      ])}`,
  )}`;
}

function requestDecision(request: RequestDetail): Html {
  return html`${labelIn(requestLabels.outcome, request.outcome)}${request.decidedAt === null ? '' : html` — ${dateTime(request.decidedAt)}`}${
    request.decidedBy === null ? '' : html` — ${fill(requestLabels.detail.decidedBy, { name: request.decidedBy.displayName })}`
  }`;
}

interface EventRow {
  at: string;
  action: Html | string;
  note: string | null;
  actor: string;
}

function requestEventRow(event: RequestEventView): EventRow {
  const authority = event.authority?.nameAr ?? null;
  const extras = [
    authority === null ? null : event.action === 'referred' ? fill(requestLabels.detail.referredTo, { authority }) : authority,
    // Every event names the owner after it; only a reassignment changed who it is.
    event.action === 'reassigned' && event.owner !== null ? fill(requestLabels.detail.reassignedTo, { name: event.owner.displayName }) : null,
    event.outcome === null ? null : labelIn(requestLabels.outcome, event.outcome),
  ].filter((extra): extra is string => extra !== null);
  const letter = event.letter === null
    ? ''
    : html` — ${event.letter.direction === 'outgoing' ? requestLabels.detail.outgoingLetter : requestLabels.detail.incomingLetter} ${ltr(event.letter.number)}`;
  return {
    at: event.at,
    action: html`${labelIn(requestLabels.action, event.action)}${extras.length === 0 ? '' : ` (${extras.join('، ')})`}${letter}`,
    note: event.note,
    actor: event.actor.displayName,
  };
}

function complaintsSection(complaints: readonly ComplaintDetail[]): Html {
  if (complaints.length === 0) return html`<p class="none">${text.none}</p>`;
  const page = complaintLabels.page;
  return html`${complaints.map(
    (complaint) => html`<h3>${fill(arabicTimeline.complaint.title, { kind: labelIn(complaintLabels.kind, complaint.kind), number: complaint.number })}</h3>
      ${table([
        [page.received, dateTime(complaint.receivedAt)],
        [page.about, complaint.aboutStaff === null ? labelIn(complaintLabels.about, complaint.about) : `${labelIn(complaintLabels.about, complaint.about)}: ${complaint.aboutStaff.displayName}`],
        [DOCUMENT_LINES.complaints.subject, complaint.subject],
        [DOCUMENT_LINES.complaints.details, complaint.details],
        [complaintLabels.columns.stage, labelIn(complaintLabels.status, complaint.stage)],
        [page.owner, complaint.owner.displayName],
        [DOCUMENT_LINES.complaints.resolution, complaint.resolution],
        complaint.kind === 'suggestion' ? [page.decision, complaint.decision === null ? null : labelIn(complaintLabels.decision, complaint.decision)] : null,
        complaint.improvement === null ? null : [page.improvement, complaint.improvement],
        complaint.answeredAt === null ? null : [page.answeredAt, dateTime(complaint.answeredAt)],
        [page.events, eventsTable(complaint.events.map(complaintEventRow))],
      ])}`,
  )}`;
}

function enrolmentsSection(enrolments: readonly EnrolmentDetail[]): Html {
  if (enrolments.length === 0) return html`<p class="none">${text.none}</p>`;
  const words = arabicEnrolments;
  return html`${enrolments.map(
    (enrolment) => html`<h3>${enrolment.program.nameAr}</h3>
      ${table([
        [words.person.appliedAt, dateTime(enrolment.appliedAt)],
        [words.person.stage, labelIn(words.stage, enrolment.stage)],
        enrolment.interviewOn === null ? null : [words.dialog.interviewOn, calendarDate(enrolment.interviewOn)],
        enrolment.interviewResult === null ? null : [words.dialog.result, labelIn(words.result, enrolment.interviewResult)],
        [DOCUMENT_LINES.program_enrolments.interview_notes, enrolment.interviewNotes],
        [DOCUMENT_LINES.program_enrolments.decision_reason, enrolment.decisionReason],
        [DOCUMENT_LINES.program_enrolments.conditions_override_reason, enrolment.conditionsOverride?.reason ?? null],
        [words.person.steps, eventsTable(enrolment.events.map(enrolmentEventRow))],
      ])}`,
  )}`;
}

function enrolmentEventRow(event: EnrolmentEventView): EventRow {
  return { at: event.at, action: labelIn(arabicEnrolments.event, event.action), note: event.note, actor: event.actor.displayName };
}

function complaintEventRow(event: ComplaintEventView): EventRow {
  return {
    at: event.at,
    action: fill(labelIn(complaintLabels.event, event.action), { name: event.owner?.displayName ?? '' }),
    note: event.note,
    actor: event.actor.displayName,
  };
}

/** The steps of a request or a complaint, oldest first, inside its table. */
function eventsTable(events: readonly EventRow[]): Html {
  if (events.length === 0) return html`${text.none}`;
  return html`<table class="changes">
    <thead><tr><th>${text.at}</th><th>${text.action}</th><th>${DOCUMENT_LINES.request_events.note}</th><th>${text.user}</th></tr></thead>
    <tbody>${events.map(
      (event) => html`<tr><td>${dateTime(event.at)}</td><td>${event.action}</td><td>${event.note ?? text.notRecorded}</td><td>${event.actor}</td></tr>`,
    )}</tbody>
  </table>`;
}

function inquiriesSection(inquiries: readonly InquiryView[]): Html {
  if (inquiries.length === 0) return html`<p class="none">${text.none}</p>`;
  return html`<table class="grid">
      <thead><tr><th>${inquiryLabels.answer.askedAt}</th><th>${inquiryLabels.queue.channel}</th><th>${DOCUMENT_LINES.inquiries.question}</th><th>${DOCUMENT_LINES.inquiries.answer}</th><th>${inquiryLabels.recent.answeredAt}</th><th>${text.answeredBy}</th></tr></thead>
      <tbody>${inquiries.map(
        (inquiry) => html`<tr>
          <td>${dateTime(inquiry.askedAt)}</td>
          <td>${labelIn(contactLabels.channel, inquiry.channel)}</td>
          <td>${inquiry.question || text.notRecorded}</td>
          <td>${inquiry.answer === null ? text.awaitingAnswer : inquiry.answer || text.notRecorded}</td>
          <td>${inquiry.answeredAt === null ? text.notRecorded : dateTime(inquiry.answeredAt)}</td>
          <td>${inquiry.answeredBy?.displayName ?? text.notRecorded}</td>
        </tr>`,
      )}</tbody>
    </table>`;
}

/** A text typed with blank lines between its paragraphs, kept as paragraphs. */
function paragraphs(value: string): Html {
  return html`${value
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => html`<p>${paragraph}</p>`)}`;
}

function historySection(history: readonly AuditEntry[], districts: ReadonlyMap<string, string>): Html {
  if (history.length === 0) return html`<p class="none">${text.none}</p>`;
  return html`<p>${text.historyExplain}</p>
    <table class="grid history">
      <thead><tr><th>${text.at}</th><th>${text.user}</th><th>${text.action}</th><th>${text.details}</th></tr></thead>
      <tbody>${history.map(
        (entry) => html`<tr>
          <td>${dateTime(entry.at)}</td>
          <td>${entry.actor?.displayName ?? text.system}</td>
          <td>${(auditLabels.actions as Record<string, string>)[entry.action] ?? entry.action}</td>
          <td>${entryDetails(entry, districts)}</td>
        </tr>`,
      )}</tbody>
    </table>`;
}

function entryDetails(entry: AuditEntry, districts: ReadonlyMap<string, string>): Html | string {
  if (entry.action === 'beneficiary.erased') return html`${text.erasureReason}: ${String(entry.summary.reason ?? '')}`;
  if (entry.changes !== null) {
    return html`<table class="changes">
      <thead><tr><th>${text.field}</th><th>${DOCUMENT_LINES.audit_changes.changes}</th><th>${text.to}</th></tr></thead>
      <tbody>${entry.changes.map(
        (change) => html`<tr><td>${fieldLabel(change.field)}</td><td>${changeValue(change, 'old', districts)}</td><td>${changeValue(change, 'new', districts)}</td></tr>`,
      )}</tbody>
    </table>`;
  }
  // A change whose values went with an erasure still says which fields it touched.
  const changed = entry.summary.fields;
  if (Array.isArray(changed) && (entry.action === 'beneficiary.changed' || entry.action === 'beneficiary.created')) {
    return html`${changed.map((field) => fieldLabel(String(field))).join('، ')} — ${text.valuesErased}`;
  }
  if (entry.action === 'eligibility.decided' && typeof entry.summary.outcome === 'string') {
    return choiceLabel(eligibilityLabels.outcomes, entry.summary.outcome);
  }
  // A letter's, request's or complaint's entry names it by its number.
  if (typeof entry.summary.number === 'string') return ltr(entry.summary.number);
  return '';
}

function erasureNotice(entry: AuditEntry): Html {
  return html`<section class="erased">
    <p>${text.erasedNotice}</p>
    ${table([
      [text.erasedAt, dateTime(entry.at)],
      [text.erasedBy, entry.actor?.displayName ?? text.system],
      [text.erasureReason, String(entry.summary.reason ?? '')],
    ])}
  </section>`;
}

// --- Values --------------------------------------------------------------------------------------

const FIELD_LABELS: Record<string, string> = {
  ...fields,
  phones: text.phones,
  districtId: fields.district,
  household: labels.sections.household,
  needs: text.needs,
  ...eligibilityLabels.criteria,
  reason: eligibilityLabels.reason,
};

const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;

/** Which label list a field's stored value is a key of. */
const CHOICES: Record<string, Record<string, string>> = {
  idType: labels.idType,
  gender: labels.gender,
  residencyStatus: labels.residency,
  category: labels.category,
  prisonerRelation: labels.relation,
  prisonerStatus: labels.prisonerStatus,
  needsPriority: labels.priority,
  consentMethod: labels.consentMethod,
  status: labels.status,
};

const DATE_FIELDS = new Set(['birthDate', 'consentDate']);

/** One side of a recorded change, as a person reads it: labels for choices, both calendars for dates. */
function changeValue(change: FieldChange, side: 'old' | 'new', districts: ReadonlyMap<string, string>): Html | string {
  const value = change[side];
  if (value === null || value === undefined || value === '') return text.notRecorded;
  if (typeof value === 'boolean') return value ? text.yes : text.no;
  const choices = CHOICES[change.field];
  if (choices && typeof value === 'string') return choiceLabel(choices, value);
  if (change.field === 'nationality' && typeof value === 'string') return nationalityName(value);
  if (change.field === 'districtId' && typeof value === 'string') return districts.get(value) ?? value;
  if (DATE_FIELDS.has(change.field) && typeof value === 'string') return calendarDate(value);
  if (change.field === 'phones' && Array.isArray(value)) {
    return html`${value.map((phone, index) => html`${index > 0 ? '، ' : ''}${ltr(formatSaudiPhone(String(phone)))}`)}`;
  }
  if (change.field === 'needs' && Array.isArray(value)) {
    return value.length === 0 ? text.notRecorded : value.map((need) => choiceLabel(labels.needs, String(need))).join('، ');
  }
  if (change.field === 'household' && Array.isArray(value)) {
    if (value.length === 0) return text.notRecorded;
    return html`<ul>${(value as Partial<HouseholdMember>[]).map(
      (member) => html`<li>${String(member.fullName ?? '')} (${choiceLabel(labels.relation, String(member.relation ?? ''))})${
        member.idNumber ? html` — ${ltr(member.idNumber)}` : ''
      }${member.birthDate ? html` — ${calendarDate(member.birthDate)}` : ''}${member.notes ? html` — ${member.notes}` : ''}</li>`,
    )}</ul>`;
  }
  if (change.field === 'idNumber' && typeof value === 'string') return ltr(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function choiceLabel(choices: Record<string, string>, value: string): string {
  return choices[value] ?? value;
}

const REGIONS = new Intl.DisplayNames('ar', { type: 'region' });

function nationalityName(code: string): string {
  try {
    return REGIONS.of(code) ?? code;
  } catch {
    return code;
  }
}

function userName(users: ReadonlyMap<string, string>, id: string): string {
  return users.get(id) ?? text.system;
}

// --- Dates ---------------------------------------------------------------------------------------

const DAY = { timeZone: 'Asia/Riyadh', year: 'numeric', month: 'long', day: 'numeric' } as const;
const GREGORIAN = new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', DAY);
const HIJRI = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', DAY);
const TIME = new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', { timeZone: 'Asia/Riyadh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A calendar date (yyyy-mm-dd) in Gregorian and Umm al-Qura: noon UTC is the same day in Riyadh. */
function calendarDate(date: string): Html | string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  return bothCalendars(instant);
}

/** An instant (ISO) as its Riyadh day in both calendars and its Riyadh time. */
function dateTime(iso: string): Html | string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return html`${bothCalendars(instant)} <span class="time">${TIME.format(instant)}</span>`;
}

function bothCalendars(instant: Date): Html {
  return html`<span class="date">${GREGORIAN.format(instant)} ${text.gregorian}</span> <span class="hijri">(${HIJRI.format(instant)})</span>`;
}

// --- HTML ----------------------------------------------------------------------------------------




/** Left-to-right runs (numbers, Latin names) isolated so they read correctly inside Arabic text. */
const ltr = (value: string): Html => html`<bdi dir="ltr">${value}</bdi>`;

function section(heading: string, content: Html): Html {
  return html`<section><h2>${heading}</h2>${content}</section>`;
}

function table(rows: readonly Row[]): Html {
  return html`<table class="fields"><tbody>${rows.map((row) =>
    row === null ? '' : html`<tr><th scope="row">${row[0]}</th><td>${row[1] === null || row[1] === '' ? text.notRecorded : row[1]}</td></tr>`,
  )}</tbody></table>`;
}

// Logical properties only (the document is right-to-left by its dir attribute, never by CSS).
const STYLE = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Naskh Arabic", "Segoe UI", Tahoma, Arial, sans-serif; font-size: 11pt; line-height: 1.6; color: #111; margin: 0 auto; max-inline-size: 190mm; padding: 8mm; }
h1 { font-size: 18pt; margin-block: 0 4mm; }
h2 { font-size: 13pt; margin-block: 6mm 2mm; padding-block-end: 1mm; border-block-end: 1px solid #999; }
h3 { font-size: 11pt; margin-block: 4mm 1mm; }
.intro, .confidential { margin-block: 2mm; }
.confidential { font-weight: bold; }
.erased { border: 2px solid #a00; padding: 3mm; margin-block: 4mm; }
table { border-collapse: collapse; inline-size: 100%; }
table.fields th { text-align: start; inline-size: 35%; font-weight: normal; color: #444; vertical-align: top; padding: 1mm 2mm; }
table.fields td { padding: 1mm 2mm; }
table.fields tr { border-block-end: 1px solid #ddd; }
table.grid th, table.grid td { border: 1px solid #bbb; padding: 1mm 2mm; text-align: start; vertical-align: top; }
table.grid thead th { background: #eee; }
table.changes th, table.changes td { border: 1px solid #ddd; padding: 0.5mm 1mm; font-size: 9.5pt; text-align: start; }
ul { margin: 0; padding-inline-start: 5mm; }
.none { color: #555; }
.hijri, .time { color: #444; white-space: nowrap; }
tr, section.erased { break-inside: avoid; }
thead { display: table-header-group; }
`;
