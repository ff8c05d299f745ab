import type { Kysely, Selectable, Updateable } from 'kysely';
import {
  complaintWorkflow,
  type ComplaintDetail,
  type ComplaintEventAction,
  type ComplaintEventView,
  type ComplaintKind,
  type ComplaintPage,
  type ComplaintStage,
  type ComplaintSummary,
  type StaffOption,
  type SuggestionRegisterEntry,
} from '../../api/complaints';
import type { ServiceCallName, ValidInput } from '../../api/contract';
import type { Permission } from '../../api/permissions';
import { endOfRiyadhDay, startOfRiyadhDay, todayInRiyadh } from '../../api/fields/riyadh-date';
import { movesFrom, offersAt, recordPath } from '../../api/workflow/engine';
import type { ComplaintEventTable, ComplaintTable, DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import { addWorkingDays, loadWorkingCalendar, type WorkingCalendar } from '../calendar/working-days';
import { insertContact, requireHeldBeneficiary } from '../contacts/service';
import { restamp, stamp, SYSTEM_USER_ID, type CallContext } from '../context';
import { nextCount } from '../counters';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { linkInquiriesOfContact } from '../inquiries/service';
import { readComplaintTargets } from './targets';
import { refusalOf, type MoveStep, type WorkflowStore } from '../workflow/moves';
import { isOverdue as isOverdueIn, notFinal, permissionsOf, stageTimesOf } from '../workflow/rules';
import { shieldFor, NOTHING_SHIELDED, type Shield } from './shield';

type Db = Kysely<DatabaseSchema>;
type ComplaintRow = Selectable<ComplaintTable>;

const NUMBER_PREFIX: Record<ComplaintKind, string> = { complaint: 'C', note: 'N', suggestion: 'S' };

/** The next number of a complaint, note or suggestion, counted afresh each year by kind: C-2026-00042. */
export async function nextComplaintNumber(trx: Db, kind: ComplaintKind, context: CallContext): Promise<string> {
  const year = todayInRiyadh(context.now).slice(0, 4);
  const count = await nextCount(trx, `complaints.${kind}:${year}`, context);
  return `${NUMBER_PREFIX[kind]}-${year}-${String(count).padStart(5, '0')}`;
}

const refuseField = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

/** The audit trail files a complaint under its person, when there is one. */
const auditTarget = (row: Pick<ComplaintRow, 'id' | 'beneficiary_id'>) =>
  row.beneficiary_id === null
    ? { entityType: 'complaint' as const, entityId: row.id }
    : { entityType: 'beneficiary' as const, entityId: row.beneficiary_id };

// --- Receiving -------------------------------------------------------------------------------

/**
 * Receives a complaint, note or suggestion: numbered by kind and year (C-2026-00001), owned by the
 * officer who received it, due after the kind's target in working days.
 */
export async function receiveComplaint(db: Db, input: ValidInput<'complaints.receive'>, context: CallContext): Promise<ComplaintDetail> {
  const id = await db.transaction().execute(async (trx) => {
    if (input.beneficiaryId !== null) await requireHeldBeneficiary(trx, input.beneficiaryId);
    // A staff member is named only on what is about one (a form may send a leftover choice).
    const aboutStaffId = input.about === 'staff' ? input.aboutStaffId : null;
    if (aboutStaffId !== null) {
      await requireActiveStaff(trx, aboutStaffId, 'aboutStaffId');
      // The owner is whoever receives it, and nobody handles a complaint about themselves.
      if (aboutStaffId === context.actorId) throw new AppError('rule', 'complaints.aboutYourself');
    }
    if (input.sourceContactId !== null) {
      const contact = await trx.selectFrom('contacts').select('beneficiary_id').where('id', '=', input.sourceContactId).executeTakeFirst();
      if (!contact) throw notFound('contact');
      if (contact.beneficiary_id !== input.beneficiaryId) throw refuseField('sourceContactId', 'validation.complaints.contactOfAnother');
    }
    const today = todayInRiyadh(context.now);
    const number = await nextComplaintNumber(trx, input.kind, context);
    const targets = await readComplaintTargets(trx);
    const dueDate = addWorkingDays(await loadWorkingCalendar(trx), today, targets[input.kind]);
    const at = context.now.toISOString();
    const complaintId = newId();
    await trx
      .insertInto('complaints')
      .values({
        id: complaintId,
        number,
        kind: input.kind,
        beneficiary_id: input.beneficiaryId,
        // A registered person's name is in their file.
        person_name: input.beneficiaryId === null ? input.personName : null,
        about: input.about,
        about_staff_id: aboutStaffId,
        subject: input.subject,
        details: input.details,
        stage: complaintWorkflow.initial,
        stage_since: at,
        owner_id: context.actorId,
        received_at: at,
        due_date: dueDate,
        resolution: null,
        answered_at: null,
        answer_contact_id: null,
        decision: null,
        improvement: null,
        decided_at: null,
        closed_at: null,
        source_contact_id: input.sourceContactId,
        ...stamp(context),
      })
      .execute();
    await appendEvent(trx, context, {
      complaint_id: complaintId,
      beneficiary_id: input.beneficiaryId,
      action: 'received',
      from_stage: null,
      to_stage: complaintWorkflow.initial,
      owner_id: context.actorId,
    });
    await appendAudit(trx, context, {
      action: 'complaint.received',
      ...auditTarget({ id: complaintId, beneficiary_id: input.beneficiaryId }),
      summary: { complaintId, number, kind: input.kind, stage: complaintWorkflow.initial, dueDate },
    });
    return complaintId;
  });
  return getComplaint(db, id, context);
}

// --- Moving along ----------------------------------------------------------------------------

/** What a complaint's event row records besides the stage change. */
export interface ComplaintEventFacts {
  note?: string | null;
  contactId?: string | null;
}

/**
 * How the complaint workflow's moves read and write complaints (see workflow/moves.ts): one about
 * the caller does not exist for them; the audit summary holds ids, kinds and stages, never what
 * anyone wrote.
 */
export const complaintStore: WorkflowStore<ComplaintStage, ComplaintRow, ComplaintEventFacts, ComplaintDetail> = {
  load: (trx, id, context) => visibleRow(trx, id, context.actorId),
  update: async (trx, row, to, columns, context) => {
    await trx
      .updateTable('complaints')
      .set({ ...(columns as Updateable<ComplaintTable>), stage: to, stage_since: context.now.toISOString(), ...restamp(context) })
      .where('id', '=', row.id)
      .execute();
  },
  appendEvent: (trx, row, change, facts, context) =>
    appendEvent(trx, context, {
      complaint_id: row.id,
      beneficiary_id: row.beneficiary_id,
      action: change.action as ComplaintEventAction,
      from_stage: change.from,
      to_stage: change.to,
      note: facts.note ?? null,
      contact_id: facts.contactId ?? null,
    }),
  auditOf: (row, change, _facts, extra) => ({
    action: 'complaint.moved',
    ...auditTarget(row),
    summary: { complaintId: row.id, kind: row.kind, from: change.from, to: change.to, ...extra },
  }),
  read: getComplaint,
};

/** One move's own step: what it checks and writes besides the stage, its event and its audit entry. */
type ComplaintStep<Name extends string> = MoveStep<ComplaintRow, ValidInput<Extract<`complaints.${Name}`, ServiceCallName>>, ComplaintEventFacts, object, undefined>;

export const acknowledgeComplaint: ComplaintStep<'acknowledge'> = (_trx, _row, input) => ({ facts: { note: input.note } });

export const investigateComplaint: ComplaintStep<'investigate'> = (_trx, _row, input) => ({ facts: { note: input.note } });

/**
 * Records how it was resolved. A suggestion ends with the association's decision, and an adopted
 * one with the improvement it led to: together they are the suggestions register.
 */
export const resolveComplaint: ComplaintStep<'resolve'> = async (trx, row, input, context) => {
  if (row.kind !== 'suggestion') {
    if (input.decision) throw refuseField('decision', 'validation.complaints.decisionOnlyForSuggestions');
    return { columns: { resolution: input.resolution }, facts: {} };
  }
  if (!input.decision) throw refuseField('decision', 'validation.complaints.decisionRequired');
  if (input.decision === 'adopted' && input.improvement === null) throw refuseField('improvement', 'validation.complaints.improvementRequired');
  // An officer may resolve a suggestion only as under study: adopting or declining it is a
  // supervisor's decision, made later through complaints.decide (as a request's is).
  if (input.decision !== 'under_study' && !(await permissionsOf(trx, context.actorId))('suggestions.decide')) throw new AppError('forbidden', 'forbidden');
  return {
    columns: {
      resolution: input.resolution,
      decision: input.decision,
      improvement: input.decision === 'adopted' ? input.improvement : null,
      decided_at: context.now.toISOString(),
    },
    facts: {},
    audit: { decision: input.decision },
  };
};

/**
 * Gives the person the answer. The answer is itself a contact, logged through an approved channel
 * with the kind as its purpose, so it shows on the person's timeline like any other.
 */
export const answerComplaint: ComplaintStep<'answer'> = async (trx, row, input, context) => {
  if (row.beneficiary_id === null && row.person_name === null) throw new AppError('rule', 'complaints.noOneToAnswer');
  const contactId = await insertContact(
    trx,
    {
      beneficiaryId: row.beneficiary_id,
      personName: row.beneficiary_id === null ? row.person_name : null,
      // Someone not registered is found again by their phone: the one they gave, or the one called.
      personPhone: row.beneficiary_id === null ? await phoneOfUnregistered(trx, row, input) : null,
      channel: input.channel,
      direction: 'outgoing',
      purpose: row.kind,
      summary: input.summary,
      occurredAt: input.occurredAt ?? null,
      phoneNumber: input.phoneNumber,
      platform: input.platform ?? null,
      handle: input.handle,
      webReference: input.webReference,
    },
    context,
  );
  const contact = await trx.selectFrom('contacts').select('occurred_at').where('id', '=', contactId).executeTakeFirstOrThrow();
  return {
    columns: { answered_at: contact.occurred_at, answer_contact_id: contactId },
    facts: { contactId },
    audit: { contactId, channel: input.channel },
  };
};

/** The phone of someone not registered a complaint is answered to: given when it was brought, else the number called now. */
async function phoneOfUnregistered(trx: Db, row: ComplaintRow, input: ValidInput<'complaints.answer'>): Promise<string | null> {
  if (row.source_contact_id !== null) {
    const source = await trx.selectFrom('contacts').select(['person_phone', 'phone_number']).where('id', '=', row.source_contact_id).executeTakeFirst();
    const given = source?.person_phone ?? source?.phone_number ?? null;
    if (given !== null) return given;
  }
  return input.channel === 'phone' ? (input.phoneNumber ?? null) : null;
}

export const closeComplaint: ComplaintStep<'close'> = (_trx, _row, input, context) => ({
  columns: { closed_at: context.now.toISOString() },
  facts: { note: input.note },
});

/** A suggestion left under study, decided later (even after its answer): adopted or declined. */
export async function decideSuggestion(db: Db, input: ValidInput<'complaints.decide'>, context: CallContext): Promise<ComplaintDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await visibleRow(trx, input.id, context.actorId);
    if (row.kind !== 'suggestion') throw new AppError('rule', 'complaints.onlySuggestions');
    // Decided once resolved: before that, the refusal names the step that comes first.
    const refusal = refusalOf(complaintWorkflow, complaintWorkflow.sideSteps.decide, row.stage);
    if (refusal) throw refusal;
    if (row.decision !== 'under_study') throw new AppError('rule', 'complaints.alreadyDecided');
    if (input.decision === 'adopted' && input.improvement === null) throw refuseField('improvement', 'validation.complaints.improvementRequired');
    await trx
      .updateTable('complaints')
      .set({
        decision: input.decision,
        improvement: input.decision === 'adopted' ? input.improvement : null,
        decided_at: context.now.toISOString(),
        ...restamp(context),
      })
      .where('id', '=', row.id)
      .execute();
    await appendEvent(trx, context, {
      complaint_id: row.id,
      beneficiary_id: row.beneficiary_id,
      action: 'decided',
      from_stage: row.stage,
      to_stage: row.stage,
      note: input.note,
    });
    await appendAudit(trx, context, {
      action: 'complaint.moved',
      ...auditTarget(row),
      summary: { complaintId: row.id, kind: row.kind, from: row.stage, to: row.stage, decision: input.decision },
    });
  });
  return getComplaint(db, input.id, context);
}

/** Gives it to another officer; never to the staff member it is about. */
export async function reassignComplaint(db: Db, input: ValidInput<'complaints.reassign'>, context: CallContext): Promise<ComplaintDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await visibleRow(trx, input.id, context.actorId);
    const refusal = refusalOf(complaintWorkflow, complaintWorkflow.sideSteps.reassign, row.stage);
    if (refusal) throw refusal;
    await requireActiveStaff(trx, input.ownerId, 'ownerId');
    if (input.ownerId === row.about_staff_id) throw new AppError('rule', 'complaints.ownerIsSubject');
    if (input.ownerId === row.owner_id) throw new AppError('rule', 'complaints.alreadyOwner');
    await trx.updateTable('complaints').set({ owner_id: input.ownerId, ...restamp(context) }).where('id', '=', row.id).execute();
    await appendEvent(trx, context, {
      complaint_id: row.id,
      beneficiary_id: row.beneficiary_id,
      action: 'reassigned',
      from_stage: row.stage,
      to_stage: row.stage,
      note: input.note,
      owner_id: input.ownerId,
    });
    await appendAudit(trx, context, {
      action: 'complaint.reassigned',
      ...auditTarget(row),
      summary: { complaintId: row.id, kind: row.kind, stage: row.stage, fromOwnerId: row.owner_id, toOwnerId: input.ownerId },
    });
  });
  return getComplaint(db, input.id, context);
}

// --- Reading ---------------------------------------------------------------------------------

/**
 * A contact logged before registration was linked to the person: a complaint, note or suggestion it
 * brought (or that it answered) is that person's too, and so are its events. Call inside the linking
 * transaction; the name typed at the desk is no longer needed once the file holds it.
 */
export async function linkComplaintsOfContact(trx: Db, contactId: string, beneficiaryId: string, context: CallContext): Promise<void> {
  const linked = await trx
    .updateTable('complaints')
    .set({ beneficiary_id: beneficiaryId, person_name: null, ...restamp(context) })
    .where((eb) => eb.or([eb('source_contact_id', '=', contactId), eb('answer_contact_id', '=', contactId)]))
    .where('beneficiary_id', 'is', null)
    .returning('id')
    .execute();
  if (linked.length === 0) return;
  await trx
    .updateTable('complaint_events')
    .set({ beneficiary_id: beneficiaryId, ...restamp(context) })
    .where(
      'complaint_id',
      'in',
      linked.map((row) => row.id),
    )
    .execute();
}

/**
 * Links a complaint received from someone by name to their file, afterwards: the complaint and its
 * steps become that person's, with the contacts that brought or answered it (and what those
 * contacts started), so the person's timeline and an erasure of their data reach all of it. A contact
 * the reader may not see (it carries a complaint about them too) is left as it is, and so is every
 * other complaint: linking one record never touches one withheld from whoever links it.
 */
export async function linkComplaint(db: Db, input: ValidInput<'complaints.link'>, context: CallContext): Promise<ComplaintDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await visibleRow(trx, input.id, context.actorId);
    if (row.beneficiary_id !== null) throw new AppError('rule', 'complaints.alreadyLinked');
    await requireHeldBeneficiary(trx, input.beneficiaryId);
    // The name typed at the desk was only there until the file was found.
    await trx.updateTable('complaints').set({ beneficiary_id: input.beneficiaryId, person_name: null, ...restamp(context) }).where('id', '=', row.id).execute();
    await trx
      .updateTable('complaint_events')
      .set({ beneficiary_id: input.beneficiaryId, ...restamp(context) })
      .where('complaint_id', '=', row.id)
      .execute();
    const shield = await shieldFor(trx, context.actorId);
    const contactIds = [row.source_contact_id, row.answer_contact_id].filter((contactId): contactId is string => contactId !== null && !shield.hides('contact', contactId));
    if (contactIds.length > 0) {
      const linked = await trx
        .updateTable('contacts')
        .set({ beneficiary_id: input.beneficiaryId, person_name: null, person_phone: null, ...restamp(context) })
        .where('id', 'in', contactIds)
        .where('beneficiary_id', 'is', null)
        .returning('id')
        .execute();
      for (const contact of linked) await linkInquiriesOfContact(trx, contact.id, input.beneficiaryId, context);
    }
    await appendAudit(trx, context, {
      action: 'complaint.linked',
      entityType: 'beneficiary',
      entityId: input.beneficiaryId,
      summary: { complaintId: row.id, number: row.number, kind: row.kind },
    });
  });
  return getComplaint(db, input.id, context);
}

/** One complaint as its handler sees it; one about the caller does not exist for them. */
export async function getComplaint(db: Db, id: string, context: CallContext): Promise<ComplaintDetail> {
  const shield = await shieldFor(db, context.actorId);
  const row = await selectComplaints(db).where('c.id', '=', id).where(shield.excludes('c.id', 'complaint')).executeTakeFirst();
  if (!row) throw notFound('complaint');
  const reader = { shield, may: await permissionsOf(db, context.actorId), calendar: await loadWorkingCalendar(db) };
  return toDetail(row, await eventsOf(db, [id]), context.now, reader);
}

/**
 * The complaints matching the list's filters that the reader may see (none about them), unordered
 * and unpaged: the list's page and the list's export read the same rows.
 */
export function complaintListQuery(db: Db, input: Omit<ValidInput<'complaints.list'>, 'limit' | 'offset'>, context: CallContext, shield: Shield) {
  const today = todayInRiyadh(context.now);
  let query = selectComplaints(db).where(shield.excludes('c.id', 'complaint'));
  if (input.kind) query = query.where('c.kind', '=', input.kind);
  if (input.stage) query = query.where('c.stage', '=', input.stage);
  if (input.open) query = query.where(notFinal(complaintWorkflow, 'c.stage'));
  if (input.overdue) query = query.where('c.stage', 'in', complaintWorkflow.groups.dueRunning).where('c.due_date', '<', today);
  if (input.ownerId) query = query.where('c.owner_id', '=', input.ownerId);
  if (input.beneficiaryId) query = query.where('c.beneficiary_id', '=', input.beneficiaryId);
  if (input.decision) query = query.where('c.decision', '=', input.decision);
  return query;
}

export async function listComplaints(db: Db, input: ValidInput<'complaints.list'>, context: CallContext): Promise<ComplaintPage> {
  const query = complaintListQuery(db, input, context, await shieldFor(db, context.actorId));
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query.orderBy('c.received_at', 'desc').orderBy('c.seq', 'desc').limit(input.limit).offset(input.offset).execute();
  return { rows: rows.map((row) => toSummary(row, context.now)), total };
}

/**
 * The suggestions register the policy asks for: every suggestion received in the period, with the
 * association's decision, when it was made, and the improvement it led to.
 */
export async function suggestionsRegister(
  db: Db,
  input: ValidInput<'complaints.suggestionsRegister'>,
  context: CallContext,
): Promise<SuggestionRegisterEntry[]> {
  const shield = await shieldFor(db, context.actorId);
  let query = selectComplaints(db).where('c.kind', '=', 'suggestion').where(shield.excludes('c.id', 'complaint'));
  if (input.decision === 'undecided') query = query.where('c.decision', 'is', null);
  else if (input.decision) query = query.where('c.decision', '=', input.decision);
  if (input.from) query = query.where('c.received_at', '>=', startOfRiyadhDay(input.from));
  if (input.to) query = query.where('c.received_at', '<', endOfRiyadhDay(input.to));
  const rows = await query.orderBy('c.received_at', 'desc').orderBy('c.seq', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    receivedAt: row.received_at,
    beneficiary: beneficiaryOf(row),
    personName: row.person_name,
    subject: row.subject,
    stage: row.stage,
    decision: row.decision,
    decidedAt: row.decided_at,
    improvement: row.improvement,
    resolution: row.resolution,
    owner: { id: row.owner_id, displayName: row.owner_name },
  }));
}

/** Active accounts, to name the staff member a complaint is about and to choose an owner. */
export async function staffOptions(db: Db): Promise<StaffOption[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('active', '=', 1)
    .where('role', '<>', 'system')
    .orderBy('display_name')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}

// --- Shared with the person's rights (see personal-data.ts) -----------------------------------

export async function complaintDetailsOf(db: Db, beneficiaryId: string, now: Date): Promise<ComplaintDetail[]> {
  const rows = await selectComplaints(db).where('c.beneficiary_id', '=', beneficiaryId).orderBy('c.received_at', 'desc').execute();
  const events = await eventsOf(
    db,
    rows.map((row) => row.id),
  );
  // The person's own record, whoever prepares it (see personal-data.ts): every pointer whole.
  // Nothing is offered to do with it, either.
  const reader = { shield: NOTHING_SHIELDED, may: () => false, calendar: await loadWorkingCalendar(db) };
  return rows.map((row) => toDetail(row, events, now, reader));
}

// --- Helpers ---------------------------------------------------------------------------------

async function visibleRow(trx: Db, id: string, userId: string): Promise<ComplaintRow> {
  const shield = await shieldFor(trx, userId);
  const row = await trx.selectFrom('complaints').selectAll().where('id', '=', id).where(shield.excludes('id', 'complaint')).executeTakeFirst();
  if (!row) throw notFound('complaint');
  return row;
}

/** An account that can be named on a complaint: active, and a person (not the built-in system account). */
async function requireActiveStaff(db: Db, userId: string, path: string): Promise<void> {
  const user = await db.selectFrom('users').select(['active', 'role']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.active !== 1 || user.role === 'system' || userId === SYSTEM_USER_ID) {
    throw refuseField(path, 'validation.complaints.staffInactive');
  }
}

type NewEvent = Pick<Selectable<ComplaintEventTable>, 'complaint_id' | 'beneficiary_id' | 'action' | 'from_stage' | 'to_stage'> &
  Partial<Pick<Selectable<ComplaintEventTable>, 'note' | 'contact_id' | 'owner_id'>>;

async function appendEvent(trx: Db, context: CallContext, event: NewEvent): Promise<void> {
  await trx
    .insertInto('complaint_events')
    .values({
      id: newId(),
      at: context.now.toISOString(),
      actor_id: context.actorId,
      note: null,
      contact_id: null,
      owner_id: null,
      ...event,
      ...stamp(context),
    })
    .execute();
}

function selectComplaints(db: Db) {
  return db
    .selectFrom('complaints as c')
    .innerJoin('users as owner', 'owner.id', 'c.owner_id')
    .leftJoin('users as staff', 'staff.id', 'c.about_staff_id')
    .leftJoin('beneficiaries as b', 'b.id', 'c.beneficiary_id')
    .selectAll('c')
    .select([
      'owner.display_name as owner_name',
      'staff.display_name as staff_name',
      'b.first_name',
      'b.father_name',
      'b.grandfather_name',
      'b.family_name',
      'b.file_number',
    ]);
}

type JoinedRow = ComplaintRow & {
  owner_name: string;
  staff_name: string | null;
  first_name: string | null;
  father_name: string | null;
  grandfather_name: string | null;
  family_name: string | null;
  file_number: string | null;
};

export function beneficiaryOf(row: JoinedRow): ComplaintSummary['beneficiary'] {
  if (row.beneficiary_id === null) return null;
  return {
    id: row.beneficiary_id,
    fullName: fullNameOf({
      first_name: row.first_name ?? '',
      father_name: row.father_name ?? '',
      grandfather_name: row.grandfather_name ?? '',
      family_name: row.family_name ?? '',
    }),
    fileNumber: row.file_number ?? '',
  };
}

export function isOverdue(row: Pick<ComplaintRow, 'stage' | 'due_date'>, now: Date): boolean {
  return isOverdueIn(complaintWorkflow, row.stage, row.due_date, todayInRiyadh(now));
}

function toSummary(row: JoinedRow, now: Date): ComplaintSummary {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    beneficiary: beneficiaryOf(row),
    personName: row.person_name,
    about: row.about,
    aboutStaff: row.about_staff_id === null ? null : { id: row.about_staff_id, displayName: row.staff_name ?? '' },
    subject: row.subject,
    stage: row.stage,
    stageSince: row.stage_since,
    owner: { id: row.owner_id, displayName: row.owner_name },
    receivedAt: row.received_at,
    dueDate: row.due_date,
    overdue: isOverdue(row, now),
    decision: row.decision,
  };
}

/** Who reads a complaint: what the shield withholds from them, what their role allows, and the working days. */
interface Reader {
  shield: Shield;
  may: (permission: Permission) => boolean;
  calendar: WorkingCalendar;
}

/**
 * A complaint with its events, as the reader's shield lets them see it: a contact shielded from them
 * (one that also carried a complaint about them) is not pointed at. With its stepper's path and what
 * the reader may do with it now, from the complaint workflow.
 */
function toDetail(row: JoinedRow, events: EventOf[], now: Date, { shield, may, calendar }: Reader): ComplaintDetail {
  const own = events
    .filter((event) => event.complaintId === row.id)
    .map(({ complaintId: _complaintId, ...event }) => ({ ...event, contactId: shield.contactPointer(event.contactId) }));
  const [nextMove] = movesFrom(complaintWorkflow, row.stage);
  return {
    ...toSummary(row, now),
    details: row.details,
    resolution: row.resolution,
    improvement: row.improvement,
    decidedAt: row.decided_at,
    answeredAt: row.answered_at,
    answerContactId: shield.contactPointer(row.answer_contact_id),
    closedAt: row.closed_at,
    sourceContactId: shield.contactPointer(row.source_contact_id),
    nextStage: nextMove === undefined ? null : complaintWorkflow.moves[nextMove].to,
    events: own,
    stageTimes: stageTimesOf(complaintWorkflow, own, calendar, now),
    path: recordPath(complaintWorkflow, { stage: row.stage, detourTaken: false, detourExpected: false, events: own }),
    // A suggestion is decided later only while it is under study.
    allowedMoves: offersAt(complaintWorkflow, row.stage, may).filter(
      (offer) => offer !== 'decide' || (row.kind === 'suggestion' && row.decision === 'under_study'),
    ),
  };
}

/** An event with the complaint it belongs to (events of several complaints are read at once). */
type EventOf = ComplaintEventView & { complaintId: string };

async function eventsOf(db: Db, complaintIds: string[]): Promise<EventOf[]> {
  if (complaintIds.length === 0) return [];
  const rows = await db
    .selectFrom('complaint_events as e')
    .innerJoin('users as actor', 'actor.id', 'e.actor_id')
    .leftJoin('users as owner', 'owner.id', 'e.owner_id')
    .select([
      'e.id',
      'e.complaint_id',
      'e.action',
      'e.from_stage',
      'e.to_stage',
      'e.at',
      'e.actor_id',
      'actor.display_name as actor_name',
      'e.note',
      'e.contact_id',
      'e.owner_id',
      'owner.display_name as owner_name',
    ])
    .where('e.complaint_id', 'in', complaintIds)
    .orderBy('e.at')
    .orderBy('e.seq')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    complaintId: row.complaint_id,
    action: row.action,
    fromStage: row.from_stage,
    toStage: row.to_stage,
    at: row.at,
    actor: { id: row.actor_id, displayName: row.actor_name },
    note: row.note,
    contactId: row.contact_id,
    owner: row.owner_id === null ? null : { id: row.owner_id, displayName: row.owner_name ?? '' },
  }));
}
