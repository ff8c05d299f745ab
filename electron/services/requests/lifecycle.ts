import type { Kysely, Selectable } from 'kysely';
import type { ValidInput } from '../../api/contract';
import { startOfRiyadhDay, todayInRiyadh } from '../../api/fields/riyadh-date';
import { DECIDABLE_STAGES, OPEN_STAGES, type RequestAction, type RequestOutcome, type RequestStage } from '../../api/requests';
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
import { notificationLetterBody, notificationSubject } from './notification-letter';

/**
 * A request's life: received → under review → (referred → authority answered) | decided → notified
 * → closed, or withdrawn before a decision. Each move checks the stage the request is in, changes
 * the request, appends an event and an audit entry, in one transaction: a refused move writes
 * nothing.
 */

type Db = Kysely<DatabaseSchema>;
type RequestRow = Selectable<RequestTable>;

const refuseField = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

/** The association's request numbers, counted afresh each year: R-2026-0042. */
async function nextRequestNumber(trx: Db, context: CallContext): Promise<string> {
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
        stage: 'received',
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
    await appendEvent(trx, { id, beneficiary_id: input.beneficiaryId, stage: null }, { action: 'received', to: 'received', ownerId: context.actorId }, context);
    await appendAudit(trx, context, {
      action: 'request.opened',
      entityType: 'beneficiary',
      entityId: input.beneficiaryId,
      summary: { requestId: id, number, typeId: input.typeId, dueDate, sourceContactId: input.sourceContactId },
    });
    return id;
  });
}

/** The moves that change a request's stage. */
type Move = 'startReview' | 'refer' | 'recordAuthorityAnswer' | 'decide' | 'notify' | 'close' | 'withdraw';

const ALLOWED_FROM: Record<Move, readonly RequestStage[]> = {
  startReview: ['received'],
  refer: ['under_review'],
  recordAuthorityAnswer: ['referred'],
  decide: DECIDABLE_STAGES,
  notify: ['decided'],
  close: ['notified'],
  withdraw: OPEN_STAGES,
};

/**
 * Why a move is refused from a stage, naming what has to happen first. Each key is written out so
 * that the message files can be checked against them.
 */
function refusal(move: Move, stage: RequestStage): AppError {
  if (stage === 'closed' || stage === 'withdrawn') return new AppError('rule', 'requests.finished');
  switch (move) {
    case 'startReview':
      return new AppError('rule', 'requests.reviewAlreadyStarted');
    case 'refer':
      if (stage === 'received') return new AppError('rule', 'requests.reviewFirst');
      if (stage === 'referred' || stage === 'authority_answered') return new AppError('rule', 'requests.alreadyReferred');
      return new AppError('rule', 'requests.alreadyDecided');
    case 'recordAuthorityAnswer':
      if (stage === 'authority_answered') return new AppError('rule', 'requests.authorityAlreadyAnswered');
      if (stage === 'decided' || stage === 'notified') return new AppError('rule', 'requests.alreadyDecided');
      return new AppError('rule', 'requests.notReferred');
    case 'decide':
      if (stage === 'received') return new AppError('rule', 'requests.reviewFirst');
      if (stage === 'referred') return new AppError('rule', 'requests.awaitingAuthority');
      return new AppError('rule', 'requests.alreadyDecided');
    case 'notify':
      if (stage === 'notified') return new AppError('rule', 'requests.alreadyNotified');
      return new AppError('rule', 'requests.decideFirst');
    case 'close':
      // The policy's rule: a decided request is closed only once the beneficiary has been told.
      if (stage === 'decided') return new AppError('rule', 'requests.closeBeforeNotified');
      return new AppError('rule', 'requests.closeBeforeDecided');
    case 'withdraw':
      // Open stages all allow it: only a finished request is refused, above.
      return new AppError('rule', 'requests.finished');
  }
}

/** The request, read inside the move's transaction, after checking that the move is allowed from its stage. */
async function requestFor(trx: Db, id: string, move: Move): Promise<RequestRow> {
  const request = await trx.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!request) throw notFound('request');
  if (!ALLOWED_FROM[move].includes(request.stage)) throw refusal(move, request.stage);
  await requireHeldBeneficiary(trx, request.beneficiary_id);
  return request;
}

interface EventFacts {
  action: RequestAction;
  to: RequestStage;
  note?: string | null;
  authorityId?: string | null;
  letterId?: string | null;
  contactId?: string | null;
  ownerId?: string | null;
  outcome?: RequestOutcome | null;
}

async function appendEvent(
  trx: Db,
  request: Pick<RequestRow, 'id' | 'beneficiary_id'> & { stage: RequestStage | null },
  facts: EventFacts,
  context: CallContext,
): Promise<void> {
  await trx
    .insertInto('request_events')
    .values({
      id: newId(),
      request_id: request.id,
      beneficiary_id: request.beneficiary_id,
      action: facts.action,
      from_stage: request.stage,
      to_stage: facts.to,
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
 * Records a stage change: the request's new stage (and the columns the move sets), its event and
 * the audit entry. The audit summary holds ids and stages only, never what anyone wrote.
 */
async function recordMove(
  trx: Db,
  request: RequestRow,
  facts: EventFacts,
  columns: Partial<Pick<RequestRow, 'authority_id' | 'referred_at' | 'outcome' | 'decision_reason' | 'decided_at' | 'decided_by' | 'notified_at' | 'closed_at'>>,
  context: CallContext,
): Promise<void> {
  await trx
    .updateTable('requests')
    .set({ stage: facts.to, stage_since: context.now.toISOString(), ...columns, ...restamp(context) })
    .where('id', '=', request.id)
    .execute();
  await appendEvent(trx, request, facts, context);
  await appendAudit(trx, context, {
    action: 'request.moved',
    entityType: 'beneficiary',
    entityId: request.beneficiary_id,
    summary: {
      requestId: request.id,
      number: request.number,
      action: facts.action,
      from: request.stage,
      to: facts.to,
      ...(facts.authorityId ? { authorityId: facts.authorityId } : {}),
      ...(facts.letterId ? { letterId: facts.letterId } : {}),
      ...(facts.contactId ? { contactId: facts.contactId } : {}),
      ...(facts.outcome ? { outcome: facts.outcome } : {}),
    },
  });
}

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

export async function startReview(db: Db, input: ValidInput<'requests.startReview'>, context: CallContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await requestFor(trx, input.id, 'startReview');
    await recordMove(trx, request, { action: 'review_started', to: 'under_review', note: input.note }, {}, context);
  });
}

/**
 * Refers a request to the competent authority: the outgoing letter is registered (and numbered) with
 * the request and the person, and the referral names the authority, its date and the letter.
 */
export async function referRequest(db: Db, input: ValidInput<'requests.refer'>, context: CallContext): Promise<void> {
  // The schema already refuses a referral that names no authority; this keeps the rule where it is enforced.
  if (input.authorityId === null) throw refuseField('authorityId', 'validation.requests.authorityRequired');
  const authorityId = input.authorityId;
  await db.transaction().execute(async (trx) => {
    const request = await requestFor(trx, input.id, 'refer');
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
    await recordMove(
      trx,
      request,
      { action: 'referred', to: 'referred', note: input.note, authorityId, letterId: letter.id },
      { authority_id: authorityId, referred_at: referralInstant(input.referredOn, context.now) },
      context,
    );
  });
}

/**
 * When the referral was made: now, unless the officer records one sent on an earlier day (the letter
 * went out before it was entered), so the days waiting on the authority count from that day.
 */
function referralInstant(referredOn: string | null, now: Date): string {
  if (referredOn === null || referredOn >= todayInRiyadh(now)) return now.toISOString();
  return startOfRiyadhDay(referredOn);
}

/** Records the authority's answer: its incoming letter (with the scan) is registered from that authority. */
export async function recordAuthorityAnswer(db: Db, input: ValidInput<'requests.recordAuthorityAnswer'>, context: CallContext): Promise<void> {
  const scanFile = input.letter.scan;
  const scan = scanFile ? await asLetterFields(() => checkScan(scanFile)) : null;
  await db.transaction().execute(async (trx) => {
    const request = await requestFor(trx, input.id, 'recordAuthorityAnswer');
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
    await recordMove(
      trx,
      request,
      { action: 'authority_answered', to: 'authority_answered', note: input.note, authorityId: request.authority_id, letterId: letter.id },
      {},
      context,
    );
  });
}

/** Approves or rejects a request, with its reason: after review, or after the authority has answered. */
export async function decideRequest(db: Db, input: ValidInput<'requests.decide'>, context: CallContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await requestFor(trx, input.id, 'decide');
    await recordMove(
      trx,
      request,
      { action: 'decided', to: 'decided', note: input.reason, outcome: input.outcome },
      { outcome: input.outcome, decision_reason: input.reason, decided_at: context.now.toISOString(), decided_by: context.actorId },
      context,
    );
  });
}

/**
 * Records that the beneficiary was told the result: the contact that told them is logged (outgoing,
 * purpose notification); through the letter channel, the notification letter is registered first
 * (the standard text unless the officer wrote one) and the contact names it.
 */
export async function notifyBeneficiary(
  db: Db,
  input: ValidInput<'requests.notify'>,
  context: CallContext,
  associationName: string | null,
): Promise<{ contactId: string; letterId: string | null }> {
  return db.transaction().execute(async (trx) => {
    const request = await requestFor(trx, input.id, 'notify');
    const person = await requireHeldBeneficiary(trx, request.beneficiary_id);
    const outcome = request.outcome as RequestOutcome;
    const occurredAt = input.occurredAt ?? context.now.toISOString();
    if (request.decided_at !== null && occurredAt < request.decided_at) throw refuseField('occurredAt', 'validation.requests.beforeDecision');
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
    await recordMove(trx, request, { action: 'notified', to: 'notified', contactId, letterId, outcome }, { notified_at: occurredAt }, context);
    return { contactId, letterId };
  });
}

const defaultNotificationSummary = (number: string, outcome: RequestOutcome) =>
  outcome === 'approved' ? `أُبلغ المستفيد بالموافقة على طلبه رقم ${number}.` : `أُبلغ المستفيد بعدم قبول طلبه رقم ${number}.`;

/** Closes a request; only once the beneficiary has been told the result. */
export async function closeRequest(db: Db, input: ValidInput<'requests.close'>, context: CallContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await requestFor(trx, input.id, 'close');
    await recordMove(trx, request, { action: 'closed', to: 'closed', note: input.note }, { closed_at: context.now.toISOString() }, context);
  });
}

/** The beneficiary no longer wants it: possible until a decision is taken. */
export async function withdrawRequest(db: Db, input: ValidInput<'requests.withdraw'>, context: CallContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await requestFor(trx, input.id, 'withdraw');
    await recordMove(trx, request, { action: 'withdrawn', to: 'withdrawn', note: input.reason }, {}, context);
  });
}

/** Gives an open request to another officer; its stage does not change. */
export async function reassignRequest(db: Db, input: ValidInput<'requests.reassign'>, context: CallContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await trx.selectFrom('requests').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!request) throw notFound('request');
    if (request.stage === 'closed' || request.stage === 'withdrawn') throw new AppError('rule', 'requests.finished');
    await requireHeldBeneficiary(trx, request.beneficiary_id);
    const owner = await trx.selectFrom('users').select(['active', 'role']).where('id', '=', input.ownerId).executeTakeFirst();
    if (!owner) throw notFound('user');
    if (owner.active !== 1 || owner.role === 'system' || input.ownerId === SYSTEM_USER_ID) {
      throw new AppError('rule', 'requests.ownerUnavailable');
    }
    if (request.owner_id === input.ownerId) throw new AppError('rule', 'requests.alreadyOwner');
    await trx.updateTable('requests').set({ owner_id: input.ownerId, ...restamp(context) }).where('id', '=', request.id).execute();
    await appendEvent(trx, request, { action: 'reassigned', to: request.stage, note: input.note, ownerId: input.ownerId }, context);
    await appendAudit(trx, context, {
      action: 'request.reassigned',
      entityType: 'beneficiary',
      entityId: request.beneficiary_id,
      summary: { requestId: request.id, number: request.number, stage: request.stage, fromOwnerId: request.owner_id, toOwnerId: input.ownerId },
    });
  });
}
