import type { Kysely, Updateable } from 'kysely';
import {
  enrolmentWorkflow,
  type EnrolmentDetail,
  type EnrolmentEventView,
  type EnrolmentOffer,
  type EnrolmentStage,
  type EnrolmentSummary,
  type OpenProgram,
  type ProgramRoster,
} from '../../api/enrolments';
import type { ServiceCallName, ValidInput } from '../../api/contract';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { Permission } from '../../api/permissions';
import { offersAt } from '../../api/workflow/engine';
import type { DatabaseSchema, ProgramEnrolmentTable } from '../../../db/schema';
import arabicEnrolments from '../../../locales/ar/enrolments.json';
import type { AttendanceSummary } from '../../api/attendance';
import { attendanceOf } from '../attendance/rate';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import { requireHeldBeneficiary } from '../contacts/service';
import { restamp, stamp, SYSTEM_USER_ID, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { refusalOf, type MoveStep, type WorkflowStore } from '../workflow/moves';
import { notFinal, permissionsOf } from '../workflow/rules';
import { unmetConditions } from './conditions';
import { appendEnrolmentEvent, type EnrolmentRow } from './events';
import { holdsOffer, joinWaitlist, leaveWaitlist, moveOnWaitlist, placesOf, programOf, settleWaitlist, type PlacedProgram } from './waitlist';

type Db = Kysely<DatabaseSchema>;

const refuseField = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

// --- Applying --------------------------------------------------------------------------------

/**
 * A person applies to a program open for applications: once per program while their enrolment is
 * open, under the fee version published then. The program's conditions are checked against what Wasl
 * knows of them; one not met refuses the application naming it, unless a supervisor lets them in with
 * a reason, which the enrolment keeps with the supervisor's name.
 */
export async function applyToProgram(db: Db, input: ValidInput<'enrolments.apply'>, context: CallContext): Promise<EnrolmentDetail> {
  const id = await db.transaction().execute(async (trx) => {
    await requireHeldBeneficiary(trx, input.beneficiaryId);
    const program = await trx.selectFrom('programs').selectAll().where('id', '=', input.programId).executeTakeFirst();
    if (!program) throw notFound('program');
    if (program.status !== 'open') throw new AppError('rule', 'enrolments.programNotOpen');
    const open = await trx
      .selectFrom('program_enrolments')
      .select('id')
      .where('program_id', '=', program.id)
      .where('beneficiary_id', '=', input.beneficiaryId)
      .where(notFinal(enrolmentWorkflow, 'stage'))
      .executeTakeFirst();
    if (open) throw new AppError('rule', 'enrolments.alreadyEnrolled');

    const person = await trx
      .selectFrom('beneficiaries')
      .select(['category', 'gender', 'birth_date', 'eligibility'])
      .where('id', '=', input.beneficiaryId)
      .executeTakeFirstOrThrow();
    const unmet = unmetConditions(person, program, todayInRiyadh(context.now));
    let override: { reason: string; by: string } | null = null;
    if (unmet.length > 0) {
      if (input.overrideReason === null) throw new AppError('rule', `enrolments.condition.${unmet[0]}`, { conditions: unmet });
      if (!(await permissionsOf(trx, context.actorId))('enrolments.supervise')) throw refuseField('overrideReason', 'validation.enrolments.overrideNeedsSupervisor');
      override = { reason: input.overrideReason, by: context.actorId };
    }

    // The fee announced last: a version published later never applies to them.
    const fee = await trx
      .selectFrom('program_fees')
      .select('id')
      .where('program_id', '=', program.id)
      .where('announced_on', '<=', todayInRiyadh(context.now))
      .orderBy('version', 'desc')
      .executeTakeFirst();
    const at = context.now.toISOString();
    const enrolment = {
      id: newId(),
      program_id: program.id,
      beneficiary_id: input.beneficiaryId,
    };
    await trx
      .insertInto('program_enrolments')
      .values({
        ...enrolment,
        stage: enrolmentWorkflow.initial,
        stage_since: at,
        applied_at: at,
        fee_id: fee?.id ?? null,
        interview_on: null,
        interviewer_id: null,
        interview_result: null,
        interview_notes: null,
        decision_reason: null,
        waitlist_order: null,
        offer_expires_on: null,
        conditions_override_reason: override?.reason ?? null,
        conditions_overridden_by: override?.by ?? null,
        ...stamp(context),
      })
      .execute();
    await appendEnrolmentEvent(trx, enrolment, { action: 'applied', from_stage: null, to_stage: enrolmentWorkflow.initial }, context);
    await appendAudit(trx, context, {
      action: 'enrolment.applied',
      entityType: 'beneficiary',
      entityId: input.beneficiaryId,
      summary: { enrolmentId: enrolment.id, programId: program.id, feeId: fee?.id ?? null, overridden: unmet.length > 0 ? unmet : null },
    });
    return enrolment.id;
  });
  return getEnrolment(db, id, context);
}

// --- Moving along ----------------------------------------------------------------------------

/** What an enrolment's event row records besides the stage change. */
export interface EnrolmentFacts {
  note?: string | null;
}

/**
 * How the enrolment workflow's moves read and write enrolments (see workflow/moves.ts). Reading one
 * first brings its program's waitlist up to date, so that a move is weighed against the offers that
 * still run; writing the new stage takes the enrolment off the waitlist when it leaves it, and a place
 * it frees is offered to the first on the list, in the move's own transaction.
 */
export const enrolmentStore: WorkflowStore<EnrolmentStage, EnrolmentRow, EnrolmentFacts, EnrolmentDetail> = {
  load: async (trx, id, context) => {
    const before = await rowOf(trx, id);
    const today = todayInRiyadh(context.now);
    // An offer not taken in time has passed to the next: said as such, not as a finished enrolment.
    if (before.stage === 'waitlisted' && before.offer_expires_on !== null && before.offer_expires_on < today) {
      throw new AppError('rule', 'enrolments.offerExpired');
    }
    await settleWaitlist(trx, before.program_id, context);
    return rowOf(trx, id);
  },
  update: async (trx, row, to, columns, context) => {
    if (row.stage === 'waitlisted' && to !== 'waitlisted') await leaveWaitlist(trx, row, context);
    await trx
      .updateTable('program_enrolments')
      .set((eb) => ({
        ...(columns as Updateable<ProgramEnrolmentTable>),
        stage: to,
        stage_since: context.now.toISOString(),
        row_version: eb('row_version', '+', 1),
        ...restamp(context),
      }))
      .where('id', '=', row.id)
      .execute();
    if (enrolmentWorkflow.groups.freesPlace.includes(row.stage) && !enrolmentWorkflow.groups.holdingPlace.includes(to)) {
      await settleWaitlist(trx, row.program_id, context);
    }
  },
  appendEvent: (trx, row, change, facts, context) =>
    appendEnrolmentEvent(trx, row, { action: change.action as EnrolmentEventView['action'], from_stage: change.from, to_stage: change.to, note: facts.note ?? null }, context),
  // The audit entry is written before the place freed is offered (update runs first): both are in the log.
  auditOf: (row, change, _facts, extra) => ({
    action: 'enrolment.moved',
    entityType: 'beneficiary',
    entityId: row.beneficiary_id,
    summary: { enrolmentId: row.id, programId: row.program_id, action: change.action, from: change.from, to: change.to, ...extra },
  }),
  read: getEnrolment,
};

type EnrolmentStep<Name extends string> = MoveStep<EnrolmentRow, ValidInput<Extract<`enrolments.${Name}`, ServiceCallName>>, EnrolmentFacts, object, undefined>;

async function hasInterview(trx: Db, programId: string): Promise<boolean> {
  const program = await trx.selectFrom('programs').select('has_interview').where('id', '=', programId).executeTakeFirstOrThrow();
  return program.has_interview === 1;
}

/** A program with an interview admits only those who passed it. */
async function requireInterviewPassed(trx: Db, row: EnrolmentRow): Promise<void> {
  if (!(await hasInterview(trx, row.program_id))) return;
  if (row.interview_result === 'not_passed') throw new AppError('rule', 'enrolments.interviewNotPassed');
  if (row.interview_result !== 'passed') throw new AppError('rule', 'enrolments.interviewFirst');
}

/** A program finished or cancelled takes nobody in. */
function requireTakingPeople(program: PlacedProgram): void {
  if (program.status !== 'open' && program.status !== 'running') throw new AppError('rule', 'enrolments.programClosed');
}

export const scheduleInterview: EnrolmentStep<'scheduleInterview'> = async (trx, row, input) => {
  if (!(await hasInterview(trx, row.program_id))) throw new AppError('rule', 'enrolments.noInterview');
  const interviewer = await trx.selectFrom('users').select(['active', 'role']).where('id', '=', input.interviewerId).executeTakeFirst();
  if (!interviewer || interviewer.active !== 1 || interviewer.role === 'system' || input.interviewerId === SYSTEM_USER_ID) {
    throw refuseField('interviewerId', 'validation.enrolments.interviewerInactive');
  }
  return { columns: { interview_on: input.interviewOn, interviewer_id: input.interviewerId }, facts: { note: input.note }, audit: { interviewOn: input.interviewOn } };
};

export const recordInterview: EnrolmentStep<'recordInterview'> = (_trx, _row, input) => ({
  columns: { interview_result: input.result, interview_notes: input.notes },
  facts: {},
  audit: { result: input.result },
});

/**
 * Within the program's capacity only. Someone on the waitlist takes the place offered to them; a
 * place no offer holds is taken only while one is free, which the waitlist's first have been offered
 * before anyone else.
 */
export const acceptEnrolment: EnrolmentStep<'accept'> = async (trx, row, input, context) => {
  await requireInterviewPassed(trx, row);
  const program = await programOf(trx, row.program_id);
  requireTakingPeople(program);
  const today = todayInRiyadh(context.now);
  if (!holdsOffer(row, today)) {
    const places = await placesOf(trx, program, today, row.id);
    if (places.free === 0) throw new AppError('rule', row.stage === 'waitlisted' ? 'enrolments.noPlaceOffered' : 'enrolments.full');
  }
  return { columns: { waitlist_order: null, offer_expires_on: null }, facts: { note: input.note } };
};

/** Only when the program is full: while a place is free the person is accepted instead. */
export const waitlistEnrolment: EnrolmentStep<'waitlist'> = async (trx, row, input, context) => {
  await requireInterviewPassed(trx, row);
  const program = await programOf(trx, row.program_id);
  requireTakingPeople(program);
  const places = await placesOf(trx, program, todayInRiyadh(context.now));
  if (places.free > 0) throw new AppError('rule', 'enrolments.placesFree');
  const order = await joinWaitlist(trx, row, context);
  return { columns: { waitlist_order: order }, facts: { note: input.note }, audit: { waitlistOrder: order } };
};

export const declineEnrolment: EnrolmentStep<'decline'> = (_trx, _row, input) => ({
  columns: { decision_reason: input.reason, waitlist_order: null, offer_expires_on: null },
  facts: {},
});

export const startEnrolment: EnrolmentStep<'start'> = (_trx, _row, input) => ({ facts: { note: input.note } });

/**
 * Only when the person's attendance meets the program's rule for completion. Otherwise the refusal
 * says their rate and unexcused absences against the rule; a supervisor may complete them all the
 * same with the reason, which the step's event keeps beside the note and the audit entry marks as
 * overridden.
 */
export const completeEnrolment: EnrolmentStep<'complete'> = async (trx, row, input, context) => {
  const attendance = await attendanceOf(trx, row.id);
  if (attendance.ruleMet) return { facts: { note: input.note } };
  if (input.overrideReason === null) throw completionRefusal(attendance);
  if (!(await permissionsOf(trx, context.actorId))('enrolments.supervise')) {
    throw refuseField('overrideReason', 'validation.enrolments.completionNeedsSupervisor');
  }
  return {
    facts: { note: overriddenCompletionNote(input.overrideReason, input.note) },
    audit: { ruleOverridden: true, ratePercent: attendance.ratePercent, unexcused: attendance.unexcused },
  };
};

/**
 * The step's note of a completion despite the rule: the supervisor's reason, labelled as such (the
 * audit entry holds no words), and the officer's note after it when there is one.
 */
function overriddenCompletionNote(overrideReason: string, note: string | null): string {
  const reason = `${arabicEnrolments.completion.overrideNoted}: ${overrideReason}`;
  return note === null ? reason : `${reason} — ${note}`;
}

/** The refusal of a completion the attendance rule does not allow, with the figures it names. */
function completionRefusal(attendance: AttendanceSummary): AppError {
  const { rule } = attendance;
  const figures = {
    rate: attendance.ratePercent,
    unexcused: attendance.unexcused,
    minPercent: rule.minAttendancePercent,
    maxAbsences: rule.maxUnexcusedAbsences,
  };
  if (attendance.ratePercent === null) return new AppError('rule', 'enrolments.completion.noAttendance', figures);
  return new AppError('rule', rule.maxUnexcusedAbsences === null ? 'enrolments.completion.rateShort' : 'enrolments.completion.ruleNotMet', figures);
}

export const withdrawEnrolment: EnrolmentStep<'withdraw'> = (_trx, _row, input) => ({
  columns: { decision_reason: input.reason, waitlist_order: null, offer_expires_on: null },
  facts: {},
});

export const dismissEnrolment: EnrolmentStep<'dismiss'> = (_trx, _row, input) => ({ columns: { decision_reason: input.reason }, facts: {} });

/**
 * Moves someone on the waitlist by hand: a supervisor's, with the reason, recorded as an event of its
 * own (the fairness figures count them). An offer already made stays with whoever holds it.
 */
export async function reorderWaitlist(db: Db, input: ValidInput<'enrolments.reorder'>, context: CallContext): Promise<EnrolmentDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await enrolmentStore.load(trx, input.id, context);
    const refusal = refusalOf(enrolmentWorkflow, enrolmentWorkflow.sideSteps.reorder, row.stage);
    if (refusal) throw refusal;
    const moved = await moveOnWaitlist(trx, row, input.position, context);
    if (moved.from === moved.to) throw refuseField('position', 'validation.enrolments.samePosition');
    await trx.updateTable('program_enrolments').set((eb) => ({ row_version: eb('row_version', '+', 1), ...restamp(context) })).where('id', '=', row.id).execute();
    await appendEnrolmentEvent(trx, row, { action: 'reordered', from_stage: 'waitlisted', to_stage: 'waitlisted', note: input.reason }, context);
    await appendAudit(trx, context, {
      action: 'enrolment.reordered',
      entityType: 'beneficiary',
      entityId: row.beneficiary_id,
      summary: { enrolmentId: row.id, programId: row.program_id, from: moved.from, to: moved.to },
    });
  });
  return getEnrolment(db, input.id, context);
}

/** Passes each expired offer of a program's waitlist on: for the roster, which shows them expired. */
export async function passExpiredOffers(db: Db, input: ValidInput<'enrolments.passExpiredOffers'>, context: CallContext): Promise<ProgramRoster> {
  await db.transaction().execute(async (trx) => {
    await programOf(trx, input.programId);
    await settleWaitlist(trx, input.programId, context);
  });
  return programRoster(db, input.programId, context);
}

// --- Reading ---------------------------------------------------------------------------------

async function rowOf(db: Db, id: string): Promise<EnrolmentRow> {
  const row = await db.selectFrom('program_enrolments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('enrolment');
  return row;
}

function selectEnrolments(db: Db) {
  return db
    .selectFrom('program_enrolments as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('beneficiaries as b', 'b.id', 'e.beneficiary_id')
    .selectAll('e')
    .select([
      'p.name_ar',
      'p.name_en',
      'p.starts_on',
      'p.ends_on',
      'p.has_interview',
      'b.first_name',
      'b.father_name',
      'b.grandfather_name',
      'b.family_name',
      'b.file_number',
    ]);
}

type JoinedRow = EnrolmentRow & {
  name_ar: string;
  name_en: string | null;
  starts_on: string;
  ends_on: string;
  has_interview: number;
  first_name: string;
  father_name: string;
  grandfather_name: string;
  family_name: string;
  file_number: string;
};

function toSummary(row: JoinedRow, today: string): EnrolmentSummary {
  return {
    id: row.id,
    program: { id: row.program_id, nameAr: row.name_ar, nameEn: row.name_en, startsOn: row.starts_on, endsOn: row.ends_on },
    beneficiary: { id: row.beneficiary_id, fullName: fullNameOf(row), fileNumber: row.file_number },
    stage: row.stage,
    stageSince: row.stage_since,
    appliedAt: row.applied_at,
    waitlistOrder: row.waitlist_order,
    offerExpiresOn: row.offer_expires_on,
    offerExpired: row.stage === 'waitlisted' && row.offer_expires_on !== null && row.offer_expires_on < today,
    interviewOn: row.interview_on,
    interviewResult: row.interview_result,
  };
}

/** One enrolment, with its events, its stepper's path and what the reader may do with it now. */
export async function getEnrolment(db: Db, id: string, context: CallContext): Promise<EnrolmentDetail> {
  const row = await selectEnrolments(db).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('enrolment');
  const today = todayInRiyadh(context.now);
  const fee = row.fee_id === null ? undefined : await db.selectFrom('program_fees').selectAll().where('id', '=', row.fee_id).executeTakeFirst();
  const accounts = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [row.interviewer_id ?? '', row.conditions_overridden_by ?? ''])
    .execute();
  const accountOf = (userId: string | null) => {
    const account = accounts.find((candidate) => candidate.id === userId);
    return account === undefined ? null : { id: account.id, displayName: account.display_name };
  };
  const events = await eventsOf(db, id);
  const may = await permissionsOf(db, context.actorId);
  const summary = toSummary(row, today);
  const places = await placesOf(db, await programOf(db, row.program_id), today, row.id);
  const placeFree = places.free > 0 || holdsOffer(row, today);
  return {
    ...summary,
    fee: fee === undefined ? null : { id: fee.id, version: fee.version, amount: fee.amount, covers: fee.covers, announcedOn: fee.announced_on },
    interviewer: accountOf(row.interviewer_id),
    interviewNotes: row.interview_notes,
    decisionReason: row.decision_reason,
    conditionsOverride:
      row.conditions_overridden_by === null
        ? null
        : { reason: row.conditions_override_reason, approvedBy: accountOf(row.conditions_overridden_by) ?? { id: row.conditions_overridden_by, displayName: '' } },
    events,
    path: pathOf(row, events),
    allowedMoves: summary.offerExpired ? [] : offersOf(row, may, placeFree),
  };
}

/**
 * The stepper's stages: the interview where the program has one, the waitlist where the enrolment was
 * on it, ending at an exit after the stage it left from.
 */
function pathOf(row: JoinedRow, events: EnrolmentEventView[]): EnrolmentStage[] {
  const wasWaitlisted = row.stage === 'waitlisted' || events.some((event) => event.toStage === 'waitlisted');
  const path = enrolmentWorkflow.path.filter(
    (stage) => (stage !== 'interview_scheduled' && stage !== 'interviewed') || row.has_interview === 1,
  ).filter((stage) => stage !== 'waitlisted' || wasWaitlisted);
  if (!enrolmentWorkflow.exits.includes(row.stage)) return path;
  const exitedFrom = events.findLast((event) => event.toStage === row.stage && event.fromStage !== row.stage)?.fromStage ?? enrolmentWorkflow.initial;
  return [...path.slice(0, path.indexOf(exitedFrom) + 1), row.stage];
}

/**
 * The moves the reader may offer: the interview's only where the program has one; acceptance while a
 * place is free for them (or offered to them), the waitlist once none is; either only after an
 * interview passed where there is one.
 */
function offersOf(row: JoinedRow, may: (permission: Permission) => boolean, placeFree: boolean): EnrolmentOffer[] {
  const admissible = row.has_interview === 0 || row.interview_result === 'passed';
  return offersAt(enrolmentWorkflow, row.stage, may).filter((offer) => {
    if (offer === 'scheduleInterview' || offer === 'recordInterview') return row.has_interview === 1;
    if (offer === 'accept') return admissible && placeFree;
    if (offer === 'waitlist') return admissible && !placeFree;
    return true;
  });
}

async function eventsOf(db: Db, enrolmentId: string): Promise<EnrolmentEventView[]> {
  const rows = await db
    .selectFrom('program_enrolment_events as e')
    .innerJoin('users as actor', 'actor.id', 'e.actor_id')
    .select(['e.id', 'e.action', 'e.from_stage', 'e.to_stage', 'e.at', 'e.actor_id', 'actor.display_name as actor_name', 'e.note'])
    .where('e.enrolment_id', '=', enrolmentId)
    .orderBy('e.at')
    .orderBy('e.seq')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    fromStage: row.from_stage,
    toStage: row.to_stage,
    at: row.at,
    actor: { id: row.actor_id, displayName: row.actor_name },
    note: row.note,
  }));
}

/** A person's programs, newest application first. */
export async function enrolmentsOfPerson(db: Db, beneficiaryId: string, context: CallContext): Promise<EnrolmentSummary[]> {
  const person = await db.selectFrom('beneficiaries').select('id').where('id', '=', beneficiaryId).executeTakeFirst();
  if (!person) throw notFound('beneficiary');
  const today = todayInRiyadh(context.now);
  const rows = await selectEnrolments(db).where('e.beneficiary_id', '=', beneficiaryId).orderBy('e.applied_at', 'desc').orderBy('e.seq', 'desc').execute();
  return rows.map((row) => toSummary(row, today));
}

/** The programs open for applications, each with the conditions the person does not meet and whether they applied already. */
export async function openProgramsFor(db: Db, beneficiaryId: string, context: CallContext): Promise<OpenProgram[]> {
  const person = await db.selectFrom('beneficiaries').select(['category', 'gender', 'birth_date', 'eligibility', 'erased_at']).where('id', '=', beneficiaryId).executeTakeFirst();
  if (!person) throw notFound('beneficiary');
  const today = todayInRiyadh(context.now);
  const programs = await db.selectFrom('programs').selectAll().where('status', '=', 'open').orderBy('starts_on').orderBy('name_ar').execute();
  const enrolled = new Set(
    (
      await db
        .selectFrom('program_enrolments')
        .select('program_id')
        .where('beneficiary_id', '=', beneficiaryId)
        .where(notFinal(enrolmentWorkflow, 'stage'))
        .execute()
    ).map((row) => row.program_id),
  );
  const result: OpenProgram[] = [];
  for (const program of programs) {
    const places = await placesOf(db, program, today);
    result.push({
      id: program.id,
      nameAr: program.name_ar,
      nameEn: program.name_en,
      startsOn: program.starts_on,
      endsOn: program.ends_on,
      kind: program.kind,
      capacity: program.capacity,
      placesTaken: places.taken,
      hasInterview: program.has_interview === 1,
      unmet: unmetConditions(person, program, today),
      enrolled: enrolled.has(program.id),
    });
  }
  return result;
}

/** A program's enrolments by stage (open first, by application) and its waitlist in order. */
export async function programRoster(db: Db, programId: string, context: CallContext): Promise<ProgramRoster> {
  const program = await db.selectFrom('programs').selectAll().where('id', '=', programId).executeTakeFirst();
  if (!program) throw notFound('program');
  const today = todayInRiyadh(context.now);
  const rows = await selectEnrolments(db).where('e.program_id', '=', programId).orderBy('e.applied_at').orderBy('e.seq').execute();
  const enrolments = rows.map((row) => toSummary(row, today));
  const places = await placesOf(db, program, today);
  const { reorders } = await db
    .selectFrom('program_enrolment_events')
    .select((eb) => eb.fn.countAll<number>().as('reorders'))
    .where('program_id', '=', programId)
    .where('action', '=', 'reordered')
    .executeTakeFirstOrThrow();
  return {
    program: {
      id: program.id,
      nameAr: program.name_ar,
      nameEn: program.name_en,
      startsOn: program.starts_on,
      endsOn: program.ends_on,
      capacity: program.capacity,
      hasInterview: program.has_interview === 1,
      offerDays: program.offer_days,
      status: program.status,
    },
    placesTaken: places.taken,
    placesOffered: places.offered,
    enrolments: enrolments.filter((enrolment) => enrolment.stage !== 'waitlisted'),
    waitlist: enrolments.filter((enrolment) => enrolment.stage === 'waitlisted').toSorted((a, b) => (a.waitlistOrder ?? 0) - (b.waitlistOrder ?? 0)),
    reorderCount: Number(reorders),
  };
}
