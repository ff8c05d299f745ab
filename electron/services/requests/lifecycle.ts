import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ServiceCallName, ValidInput } from '../../api/contract';
import { startOfRiyadhDay, todayInRiyadh } from '../../api/fields/riyadh-date';
import { requestWorkflow, type RequestAction, type RequestDetail, type RequestOutcome, type RequestStage } from '../../api/requests';
import type { DatabaseSchema, RequestTable } from '../../../db/schema';
import { checkScan } from '../attachments/store';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import { addWorkingDays, loadWorkingCalendar } from '../calendar/working-days';
import { insertContact } from '../contacts/service';
import { restamp, stamp, SYSTEM_USER_ID, type CallContext } from '../context';
import { nextCount } from '../counters';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { registerLetter } from '../letters/register';
import { refusalOf, type MoveStep, type WorkflowStore } from '../workflow/moves';
import { notificationLetterBody, notificationSubject } from './notification-letter';

/**
 * A request's life, as the request workflow defines it (api/workflow/requests.ts): opening a request,
 * each move's own step, and reassigning. The steps every move shares (the transaction, the guard and
 * its refusal, the new stage, the event row, the audit entry) are the workflow engine's, where the
 * moves are registered (handlers.ts): a refused move writes nothing.
 */

type Db = Kysely<DatabaseSchema>;
type RequestRow = Selectable<RequestTable>;

const refuseField = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

/** The association's request numbers, counted afresh each year: R-2026-0042. */
export async function nextRequestNumber(trx: Db, context: CallContext): Promise<string> {
  const year = todayInRiyadh(context.now).slice(0, 4);
  const count = await nextCount(trx, `requests:${year}`, context);
  return `R-${year}-${String(count).padStart(4, '0')}`;
}

async function requireHeldBeneficiary(trx: Db, id: string) {
  const person = await trx
    .selectFrom('beneficiaries')
    .select(['id', 'erased_at', 'first_name', 'father_name', 'grandfather_name', 'family_name', 'gender'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!person) throw notFound('beneficiary');
  // New records about a person whose data was destroyed would be new personal data.
  if (person.erased_at !== null) throw new AppError('rule', 'beneficiaries.erased');
  return person;
}

/** Opens a request for a beneficiary, owned by the officer opening it, due after its type's target. */
export async function openRequest(db: Db, input: ValidInput<'requests.open'>, context: CallContext): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await requireHeldBeneficiary(trx, input.beneficiaryId);
    const type = await trx.selectFrom('request_types').select(['active', 'target_working_days']).where('id', '=', input.typeId).executeTakeFirst();
    if (!type) throw notFound('requestType');
    if (type.active !== 1) throw new AppError('rule', 'requests.typeInactive');
    if (input.sourceContactId !== null) {
      const contact = await trx.selectFrom('contacts').select('beneficiary_id').where('id', '=', input.sourceContactId).executeTakeFirst();
      if (!contact) throw notFound('contact');
      if (contact.beneficiary_id !== input.beneficiaryId) throw refuseField('sourceContactId', 'validation.requests.contactOfAnother');
    }
    const receivedOn = todayInRiyadh(context.now);
    const dueDate = addWorkingDays(await loadWorkingCalendar(trx), receivedOn, type.target_working_days);
    const id = newId();
    const number = await nextRequestNumber(trx, context);
    const at = context.now.toISOString();
    await trx
      .insertInto('requests')
      .values({
        id,
        number,
        beneficiary_id: input.beneficiaryId,
        type_id: input.typeId,
        summary: input.summary,
        stage: requestWorkflow.initial,
        stage_since: at,
        owner_id: context.actorId,
        received_at: at,
        due_date: dueDate,
        authority_id: null,
        referred_at: null,
        outcome: null,
        decision_reason: null,
        decided_at: null,
        decided_by: null,
        notified_at: null,
        closed_at: null,
        source_contact_id: input.sourceContactId,
        ...stamp(context),
      })
      .execute();
    await appendEvent(trx, { id, beneficiary_id: input.beneficiaryId }, { action: 'received', from: null, to: requestWorkflow.initial }, { ownerId: context.actorId }, context);
    await appendAudit(trx, context, {
      action: 'request.opened',
      entityType: 'beneficiary',
      entityId: input.beneficiaryId,
      summary: { requestId: id, number, typeId: input.typeId, dueDate, sourceContactId: input.sourceContactId },
    });
    return id;
  });
}

/** What a request's event row records besides the stage change. */
export interface RequestEventFacts {
  note?: string | null;
  authorityId?: string | null;
  letterId?: string | null;
  contactId?: string | null;
  ownerId?: string | null;
  outcome?: RequestOutcome | null;
}

async function appendEvent(
  trx: Db,
  request: Pick<RequestRow, 'id' | 'beneficiary_id'>,
  change: { action: RequestAction; from: RequestStage | null; to: RequestStage },
  facts: RequestEventFacts,
  context: CallContext,
): Promise<void> {
  await trx
    .insertInto('request_events')
    .values({
      id: newId(),
      request_id: request.id,
      beneficiary_id: request.beneficiary_id,
      action: change.action,
      from_stage: change.from,
      to_stage: change.to,
      at: context.now.toISOString(),
      actor_id: context.actorId,
      note: facts.note ?? null,
      authority_id: facts.authorityId ?? null,
      letter_id: facts.letterId ?? null,
      contact_id: facts.contactId ?? null,
      owner_id: facts.ownerId ?? null,
      outcome: facts.outcome ?? null,
      ...stamp(context),
    })
    .execute();
}

/**
 * How the request workflow's moves read and write requests (see workflow/moves.ts): the request is
 * read in the move's transaction, and moved only while its person's data is held. The audit summary
 * holds ids and stages only, never what anyone wrote.
 */
export function requestStore(read: (db: Db, id: string, context: CallContext) => Promise<RequestDetail>): WorkflowStore<RequestStage, RequestRow, RequestEventFacts, RequestDetail> {
  return {
    load: async (trx, id) => {
      const request = await trx.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
      if (!request) throw notFound('request');
      return request;
    },
    admit: async (trx, request) => {
      await requireHeldBeneficiary(trx, request.beneficiary_id);
    },
    update: async (trx, request, to, columns, context) => {
      await trx
        .updateTable('requests')
        .set({ ...(columns as Updateable<RequestTable>), stage: to, stage_since: context.now.toISOString(), ...restamp(context) })
        .where('id', '=', request.id)
        .execute();
    },
    appendEvent: (trx, request, change, facts, context) => appendEvent(trx, request, { ...change, action: change.action as RequestAction }, facts, context),
    auditOf: (request, change, facts) => ({
      action: 'request.moved',
      entityType: 'beneficiary',
      entityId: request.beneficiary_id,
      summary: {
        requestId: request.id,
        number: request.number,
        action: change.action,
        from: change.from,
        to: change.to,
        ...(facts.authorityId ? { authorityId: facts.authorityId } : {}),
        ...(facts.letterId ? { letterId: facts.letterId } : {}),
        ...(facts.contactId ? { contactId: facts.contactId } : {}),
        ...(facts.outcome ? { outcome: facts.outcome } : {}),
      },
    }),
    read,
  };
}

/** One move's own step: what it checks and writes besides the stage, its event and its audit entry. */
type RequestStep<Name extends string, Answer extends object = object, Prepared = undefined> = MoveStep<
  RequestRow,
  ValidInput<Extract<`requests.${Name}`, ServiceCallName>>,
  RequestEventFacts,
  Answer,
  Prepared
>;

/**
 * Runs a step that registers a letter, reporting a refusal of one of the letter's fields under the
 * `letter.` path the form knows it by.
 */
async function asLetterFields<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation' && error.details?.fields) {
      throw new AppError('validation', error.messageKey, {
        ...error.details,
        fields: error.details.fields.map((field) => ({ ...field, path: `letter.${field.path}` })),
      });
    }
    throw error;
  }
}

export const startReview: RequestStep<'startReview'> = (_trx, _request, input) => ({ facts: { note: input.note } });

/** A referral names an authority: the schema already refuses one that does not, and so does this, where the rule is enforced. */
export function requireReferralAuthority(input: ValidInput<'requests.refer'>): string {
  if (input.authorityId === null) throw refuseField('authorityId', 'validation.requests.authorityRequired');
  return input.authorityId;
}

/**
 * Refers a request to the competent authority: the outgoing letter is registered (and numbered) with
 * the request and the person, and the referral names the authority, its date and the letter.
 */
export const referRequest: RequestStep<'refer', object, string> = async (trx, request, input, context, authorityId) => {
  const authority = await trx.selectFrom('authorities').select('active').where('id', '=', authorityId).executeTakeFirst();
  if (!authority) throw notFound('authority');
  if (authority.active !== 1) throw new AppError('rule', 'requests.authorityInactive');
  if (input.referredOn !== null && input.referredOn < todayInRiyadh(new Date(request.received_at))) {
    throw refuseField('referredOn', 'validation.requests.beforeReceived');
  }
  const letter = await asLetterFields(() =>
    registerLetter(
      trx,
      {
        direction: 'outgoing',
        number: null,
        letterDate: input.referredOn,
        authorityId,
        subject: input.letter.subject,
        body: input.letter.body,
        beneficiaryId: request.beneficiary_id,
        requestId: request.id,
        scan: null,
      },
      context,
    ),
  );
  return {
    columns: { authority_id: authorityId, referred_at: referralInstant(input.referredOn, context.now) },
    facts: { note: input.note, authorityId, letterId: letter.id },
  };
};

/**
 * When the referral was made: now, unless the officer records one sent on an earlier day (the letter
 * went out before it was entered), so the days waiting on the authority count from that day.
 */
function referralInstant(referredOn: string | null, now: Date): string {
  if (referredOn === null || referredOn >= todayInRiyadh(now)) return now.toISOString();
  return startOfRiyadhDay(referredOn);
}

/** The authority's scan, checked before the move's transaction: reading it must not hold the database. */
export async function checkAnswerScan(input: ValidInput<'requests.recordAuthorityAnswer'>) {
  const scanFile = input.letter.scan;
  return scanFile ? await asLetterFields(() => checkScan(scanFile)) : null;
}

/** Records the authority's answer: its incoming letter (with the scan) is registered from that authority. */
export const recordAuthorityAnswer: RequestStep<'recordAuthorityAnswer', object, Awaited<ReturnType<typeof checkAnswerScan>>> = async (
  trx,
  request,
  input,
  context,
  scan,
) => {
  if (input.letter.letterDate < todayInRiyadh(new Date(request.received_at))) {
    throw refuseField('letter.letterDate', 'validation.requests.beforeReceived');
  }
  const letter = await asLetterFields(() =>
    registerLetter(
      trx,
      {
        direction: 'incoming',
        number: input.letter.number,
        letterDate: input.letter.letterDate,
        authorityId: request.authority_id,
        subject: input.letter.subject,
        body: null,
        beneficiaryId: request.beneficiary_id,
        requestId: request.id,
        scan,
      },
      context,
    ),
  );
  return { facts: { note: input.note, authorityId: request.authority_id, letterId: letter.id } };
};

/** Approves or rejects a request, with its reason: after review, or after the authority has answered. */
export const decideRequest: RequestStep<'decide'> = (_trx, _request, input, context) => ({
  columns: { outcome: input.outcome, decision_reason: input.reason, decided_at: context.now.toISOString(), decided_by: context.actorId },
  facts: { note: input.reason, outcome: input.outcome },
});

/**
 * Records that the beneficiary was told the result: the contact that told them is logged (outgoing,
 * purpose notification); through the letter channel, the notification letter is registered first
 * (the standard text unless the officer wrote one) and the contact names it.
 */
export const notifyBeneficiary: RequestStep<'notify', { notification: { contactId: string; letterId: string | null } }, string | null> = async (
  trx,
  request,
  input,
  context,
  associationName,
) => {
  const person = await requireHeldBeneficiary(trx, request.beneficiary_id);
  const outcome = request.outcome as RequestOutcome;
  // The engine has refused a time before the decision (the move is dated: requestWorkflow).
  const occurredAt = input.occurredAt ?? context.now.toISOString();
  let letterId: string | null = null;
  if (input.channel === 'letter') {
    const type = await trx.selectFrom('request_types').select('name_ar').where('id', '=', request.type_id).executeTakeFirstOrThrow();
    const letter = await registerLetter(
      trx,
      {
        direction: 'outgoing',
        number: null,
        letterDate: null,
        authorityId: null,
        subject: notificationSubject(request.number),
        body:
          input.letterBody ??
          notificationLetterBody({
            fullName: fullNameOf(person),
            gender: person.gender,
            requestNumber: request.number,
            typeNameAr: type.name_ar,
            receivedOn: todayInRiyadh(new Date(request.received_at)),
            outcome,
            reason: request.decision_reason ?? '',
            associationName,
          }),
        beneficiaryId: request.beneficiary_id,
        requestId: request.id,
        scan: null,
      },
      context,
    );
    letterId = letter.id;
  }
  const contactId = await insertContact(
    trx,
    {
      beneficiaryId: request.beneficiary_id,
      personName: null,
      personPhone: null,
      channel: input.channel,
      direction: 'outgoing',
      purpose: 'notification',
      summary: input.summary ?? defaultNotificationSummary(request.number, outcome),
      occurredAt,
      phoneNumber: input.phoneNumber,
      platform: input.platform ?? null,
      handle: input.handle,
      webReference: input.webReference,
      letterId,
    },
    context,
  );
  return {
    columns: { notified_at: occurredAt },
    facts: { contactId, letterId, outcome },
    answer: { notification: { contactId, letterId } },
  };
};

const defaultNotificationSummary = (number: string, outcome: RequestOutcome) =>
  outcome === 'approved' ? `أُبلغ المستفيد بالموافقة على طلبه رقم ${number}.` : `أُبلغ المستفيد بعدم قبول طلبه رقم ${number}.`;

/** Closes a request; only once the beneficiary has been told the result. */
export const closeRequest: RequestStep<'close'> = (_trx, _request, input, context) => ({
  columns: { closed_at: context.now.toISOString() },
  facts: { note: input.note },
});

/** The beneficiary no longer wants it: possible from any open stage. */
export const withdrawRequest: RequestStep<'withdraw'> = (_trx, _request, input) => ({ facts: { note: input.reason } });

/** Gives an open request to another officer; its stage does not change. */
export async function reassignRequest(db: Db, input: ValidInput<'requests.reassign'>, context: CallContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await trx.selectFrom('requests').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!request) throw notFound('request');
    const refusal = refusalOf(requestWorkflow, requestWorkflow.sideSteps.reassign, request.stage);
    if (refusal) throw refusal;
    await requireHeldBeneficiary(trx, request.beneficiary_id);
    const owner = await trx.selectFrom('users').select(['active', 'role']).where('id', '=', input.ownerId).executeTakeFirst();
    if (!owner) throw notFound('user');
    if (owner.active !== 1 || owner.role === 'system' || input.ownerId === SYSTEM_USER_ID) {
      throw new AppError('rule', 'requests.ownerUnavailable');
    }
    if (request.owner_id === input.ownerId) throw new AppError('rule', 'requests.alreadyOwner');
    await trx.updateTable('requests').set({ owner_id: input.ownerId, ...restamp(context) }).where('id', '=', request.id).execute();
    await appendEvent(trx, request, { action: 'reassigned', from: request.stage, to: request.stage }, { note: input.note, ownerId: input.ownerId }, context);
    await appendAudit(trx, context, {
      action: 'request.reassigned',
      entityType: 'beneficiary',
      entityId: request.beneficiary_id,
      summary: { requestId: request.id, number: request.number, stage: request.stage, fromOwnerId: request.owner_id, toOwnerId: input.ownerId },
    });
  });
}
