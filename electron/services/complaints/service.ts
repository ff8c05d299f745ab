import type { Kysely, Selectable, Updateable } from 'kysely';
import {
  COMPLAINT_STAGES,
  type ComplaintDetail,
  type ComplaintEventView,
  type ComplaintKind,
  type ComplaintPage,
  type ComplaintStage,
  type ComplaintSummary,
  type StaffOption,
  type StageTime,
  type SuggestionRegisterEntry,
} from '../../api/complaints';
import type { ValidInput } from '../../api/contract';
import { isRole, roleMay } from '../../api/permissions';
import { endOfRiyadhDay, startOfRiyadhDay, todayInRiyadh } from '../../api/fields/riyadh-date';
import type { ComplaintEventTable, ComplaintTable, DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import { addWorkingDays, loadWorkingCalendar } from '../calendar/working-days';
import { insertContact, requireHeldBeneficiary } from '../contacts/service';
import { restamp, stamp, SYSTEM_USER_ID, type CallContext } from '../context';
import { nextCount } from '../counters';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { linkInquiriesOfContact } from '../inquiries/service';
import { readComplaintTargets } from './targets';
import { shieldFor, NOTHING_SHIELDED, type Shield } from './shield';

type Db = Kysely<DatabaseSchema>;
type ComplaintRow = Selectable<ComplaintTable>;

/** The stage each stage leads to; nothing follows closed. */
const NEXT_STAGE: Record<ComplaintStage, ComplaintStage | null> = {
  received: 'acknowledged',
  acknowledged: 'investigating',
  investigating: 'resolved',
  resolved: 'answered',
  answered: 'closed',
  closed: null,
};

/** The refusal naming the step that has to come first, by that step. */
const STEP_FIRST: Record<ComplaintStage, string> = {
  received: 'complaints.alreadyDone',
  acknowledged: 'complaints.acknowledgeFirst',
  investigating: 'complaints.investigateFirst',
  resolved: 'complaints.resolveFirst',
  answered: 'complaints.answerFirst',
  closed: 'complaints.alreadyClosed',
};

/** Until the person has their answer, the service-time target is running. */
const BEFORE_ANSWER: readonly ComplaintStage[] = ['received', 'acknowledged', 'investigating', 'resolved'];

const NUMBER_PREFIX: Record<ComplaintKind, string> = { complaint: 'C', note: 'N', suggestion: 'S' };

const stageIndex = (stage: ComplaintStage) => COMPLAINT_STAGES.indexOf(stage);

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
    const year = today.slice(0, 4);
    const count = await nextCount(trx, `complaints.${input.kind}:${year}`, context);
    const number = `${NUMBER_PREFIX[input.kind]}-${year}-${String(count).padStart(5, '0')}`;
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
        stage: 'received',
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
      to_stage: 'received',
      owner_id: context.actorId,
    });
    await appendAudit(trx, context, {
      action: 'complaint.received',
      ...auditTarget({ id: complaintId, beneficiary_id: input.beneficiaryId }),
      summary: { complaintId, number, kind: input.kind, stage: 'received', dueDate },
    });
    return complaintId;
  });
  return getComplaint(db, id, context);
}

// --- Moving along ----------------------------------------------------------------------------

interface StepResult {
  /** Columns the step sets besides the stage. */
  set?: Updateable<ComplaintTable>;
  note?: string | null;
  contactId?: string | null;
  /** Facts for the audit summary (never a person's words). */
  audit?: Record<string, unknown>;
}

/**
 * Moves a complaint one stage on, in one transaction: the refusal when it would skip a stage (naming
 * the step that comes first), the step's own checks and writes, the row, its event and the audit entry.
 */
async function moveTo(
  db: Db,
  id: string,
  target: ComplaintStage,
  context: CallContext,
  step: (trx: Db, row: ComplaintRow) => Promise<StepResult> | StepResult,
): Promise<ComplaintDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await visibleRow(trx, id, context.actorId);
    requireNextStage(row.stage, target);
    const result = await step(trx, row);
    const at = context.now.toISOString();
    await trx
      .updateTable('complaints')
      .set({ ...result.set, stage: target, stage_since: at, ...restamp(context) })
      .where('id', '=', id)
      .execute();
    await appendEvent(trx, context, {
      complaint_id: id,
      beneficiary_id: row.beneficiary_id,
      action: target,
      from_stage: row.stage,
      to_stage: target,
      note: result.note ?? null,
      contact_id: result.contactId ?? null,
    });
    await appendAudit(trx, context, {
      action: 'complaint.moved',
      ...auditTarget(row),
      summary: { complaintId: id, kind: row.kind, from: row.stage, to: target, ...result.audit },
    });
  });
  return getComplaint(db, id, context);
}

function requireNextStage(current: ComplaintStage, target: ComplaintStage): void {
  if (current === 'closed') throw new AppError('rule', 'complaints.alreadyClosed');
  const next = NEXT_STAGE[current];
  if (next === target) return;
  if (stageIndex(target) <= stageIndex(current)) throw new AppError('rule', 'complaints.alreadyDone');
  throw new AppError('rule', STEP_FIRST[next ?? 'closed']);
}

export function acknowledgeComplaint(db: Db, input: ValidInput<'complaints.acknowledge'>, context: CallContext) {
  return moveTo(db, input.id, 'acknowledged', context, () => ({ note: input.note }));
}

export function investigateComplaint(db: Db, input: ValidInput<'complaints.investigate'>, context: CallContext) {
  return moveTo(db, input.id, 'investigating', context, () => ({ note: input.note }));
}

/**
 * Records how it was resolved. A suggestion ends with the association's decision, and an adopted
 * one with the improvement it led to: together they are the suggestions register.
 */
export function resolveComplaint(db: Db, input: ValidInput<'complaints.resolve'>, context: CallContext) {
  return moveTo(db, input.id, 'resolved', context, async (trx, row) => {
    if (row.kind !== 'suggestion') {
      if (input.decision) throw refuseField('decision', 'validation.complaints.decisionOnlyForSuggestions');
      return { set: { resolution: input.resolution } };
    }
    if (!input.decision) throw refuseField('decision', 'validation.complaints.decisionRequired');
    if (input.decision === 'adopted' && input.improvement === null) throw refuseField('improvement', 'validation.complaints.improvementRequired');
    // An officer may resolve a suggestion only as under study: adopting or declining it is a
    // supervisor's decision, made later through complaints.decide (as a request's is).
    if (input.decision !== 'under_study' && !(await mayDecideSuggestions(trx, context.actorId))) throw new AppError('forbidden', 'forbidden');
    return {
      set: {
        resolution: input.resolution,
        decision: input.decision,
        improvement: input.decision === 'adopted' ? input.improvement : null,
        decided_at: context.now.toISOString(),
      },
      audit: { decision: input.decision },
    };
  });
}

/**
 * Gives the person the answer. The answer is itself a contact, logged through an approved channel
 * with the kind as its purpose, so it shows on the person's timeline like any other.
 */
export function answerComplaint(db: Db, input: ValidInput<'complaints.answer'>, context: CallContext) {
  return moveTo(db, input.id, 'answered', context, async (trx, row) => {
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
      set: { answered_at: contact.occurred_at, answer_contact_id: contactId },
      contactId,
      audit: { contactId, channel: input.channel },
    };
  });
}

/** The phone of someone not registered a complaint is answered to: given when it was brought, else the number called now. */
async function phoneOfUnregistered(trx: Db, row: ComplaintRow, input: ValidInput<'complaints.answer'>): Promise<string | null> {
  if (row.source_contact_id !== null) {
    const source = await trx.selectFrom('contacts').select(['person_phone', 'phone_number']).where('id', '=', row.source_contact_id).executeTakeFirst();
    const given = source?.person_phone ?? source?.phone_number ?? null;
    if (given !== null) return given;
  }
  return input.channel === 'phone' ? (input.phoneNumber ?? null) : null;
}

export function closeComplaint(db: Db, input: ValidInput<'complaints.close'>, context: CallContext) {
  return moveTo(db, input.id, 'closed', context, () => ({ note: input.note, set: { closed_at: context.now.toISOString() } }));
}

/** Whether the caller's role holds the supervisor's permission to adopt or decline a suggestion. */
async function mayDecideSuggestions(db: Db, userId: string): Promise<boolean> {
  const user = await db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
  return isRole(user?.role) && roleMay(user.role, 'suggestions.decide');
}

/** A suggestion left under study, decided later (even after its answer): adopted or declined. */
export async function decideSuggestion(db: Db, input: ValidInput<'complaints.decide'>, context: CallContext): Promise<ComplaintDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await visibleRow(trx, input.id, context.actorId);
    if (row.kind !== 'suggestion') throw new AppError('rule', 'complaints.onlySuggestions');
    if (stageIndex(row.stage) < stageIndex('resolved')) throw new AppError('rule', STEP_FIRST[NEXT_STAGE[row.stage] ?? 'closed']);
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
    if (row.stage === 'closed') throw new AppError('rule', 'complaints.alreadyClosed');
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
  return toDetail(row, await eventsOf(db, [id]), context.now, shield);
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
  if (input.open) query = query.where('c.stage', '<>', 'closed');
  if (input.overdue) query = query.where('c.stage', 'in', BEFORE_ANSWER).where('c.due_date', '<', today);
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
  return rows.map((row) => toDetail(row, events, now, NOTHING_SHIELDED));
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
  return BEFORE_ANSWER.includes(row.stage) && todayInRiyadh(now) > row.due_date;
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

/**
 * A complaint with its events, as `shield` lets the reader see it: a contact shielded from them (one
 * that also carried a complaint about them) is not pointed at.
 */
function toDetail(row: JoinedRow, events: EventOf[], now: Date, shield: Shield): ComplaintDetail {
  const own = events
    .filter((event) => event.complaintId === row.id)
    .map(({ complaintId: _complaintId, ...event }) => ({ ...event, contactId: shield.contactPointer(event.contactId) }));
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
    nextStage: NEXT_STAGE[row.stage],
    events: own,
    stageTimes: stageTimesOf(own, now),
  };
}

const MINUTE_MS = 60_000;

/** How long each stage lasted, from the stage changes among the events (oldest first). */
function stageTimesOf(events: ComplaintEventView[], now: Date): StageTime[] {
  const changes = events.filter((event) => event.fromStage !== event.toStage);
  return changes.map((event, index) => {
    const leftAt = changes[index + 1]?.at ?? null;
    // Closed is where it rests: no time runs there.
    const end = leftAt ?? (event.toStage === 'closed' ? event.at : now.toISOString());
    return {
      stage: event.toStage,
      enteredAt: event.at,
      leftAt,
      minutes: Math.max(0, Math.round((new Date(end).getTime() - new Date(event.at).getTime()) / MINUTE_MS)),
    };
  });
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
