import { sql, type Kysely, type Selectable } from 'kysely';
import type { ValidInput } from '../../api/contract';
import { requestWorkflow } from '../../api/workflow/requests';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { Answers } from '../../api/questionnaires';
import type { AnswerMode, Occasion, OfferedCase, OfferView, ResponseSaved } from '../../api/satisfaction';
import type { DatabaseSchema, QuestionnaireOfferTable } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { restamp, stamp, type CallContext } from '../context';
import { newVerificationNumber } from '../enrolments/verification-number';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { checkAnswers, questionsOf } from '../questionnaires/answers';
import { currentVersion, questionnaireVersion } from '../questionnaires/service';

type Db = Kysely<DatabaseSchema>;

/** What an offer copies from its case: the person, and what the figures are cut by. */
interface CaseFacts {
  occasion: Occasion;
  beneficiaryId: string | null;
  officerId: string | null;
  channel: string | null;
  programId: string | null;
  requestTypeId: string | null;
}

/** The channel a case came in through: the contact it was opened from, when there is one. */
async function channelOf(db: Db, contactId: string | null): Promise<string | null> {
  if (contactId === null) return null;
  const contact = await db.selectFrom('contacts').select('channel').where('id', '=', contactId).executeTakeFirst();
  return contact?.channel ?? null;
}

/**
 * The case a questionnaire is offered on, and whether it has come to the point the policy offers one
 * at: a request closed, a complaint answered, a program completed, an in-person interview held.
 */
async function caseFacts(db: Db, offered: OfferedCase): Promise<CaseFacts> {
  if (offered.requestId !== null) {
    const request = await db.selectFrom('requests').selectAll().where('id', '=', offered.requestId).executeTakeFirst();
    if (!request) throw notFound('request');
    if (!requestWorkflow.groups.completed.includes(request.stage)) throw new AppError('rule', 'satisfaction.notYet.request_closed');
    return {
      occasion: 'request_closed',
      beneficiaryId: request.beneficiary_id,
      officerId: request.owner_id,
      channel: await channelOf(db, request.source_contact_id),
      programId: null,
      requestTypeId: request.type_id,
    };
  }
  if (offered.complaintId !== null) {
    const complaint = await db.selectFrom('complaints').selectAll().where('id', '=', offered.complaintId).executeTakeFirst();
    if (!complaint) throw notFound('complaint');
    if (complaint.answered_at === null) throw new AppError('rule', 'satisfaction.notYet.complaint_answered');
    return {
      occasion: 'complaint_answered',
      beneficiaryId: complaint.beneficiary_id,
      officerId: complaint.owner_id,
      channel: await channelOf(db, complaint.source_contact_id),
      programId: null,
      requestTypeId: null,
    };
  }
  if (offered.enrolmentId !== null) {
    const enrolment = await db.selectFrom('program_enrolments').selectAll().where('id', '=', offered.enrolmentId).executeTakeFirst();
    if (!enrolment) throw notFound('enrolment');
    if (enrolment.stage !== 'completed') throw new AppError('rule', 'satisfaction.notYet.program_completed');
    return {
      occasion: 'program_completed',
      beneficiaryId: enrolment.beneficiary_id,
      officerId: enrolment.interviewer_id ?? enrolment.created_by,
      channel: null,
      programId: enrolment.program_id,
      requestTypeId: null,
    };
  }
  const contact = await db.selectFrom('contacts').selectAll().where('id', '=', offered.contactId!).executeTakeFirst();
  if (!contact) throw notFound('contact');
  if (contact.channel !== 'in_person') throw new AppError('rule', 'satisfaction.notYet.interview');
  return { occasion: 'interview', beneficiaryId: contact.beneficiary_id, officerId: contact.officer_id, channel: 'in_person', programId: null, requestTypeId: null };
}

/** The column of an offer that names its case. */
function caseColumn(offered: OfferedCase): { column: 'request_id' | 'complaint_id' | 'enrolment_id' | 'contact_id'; id: string } {
  if (offered.requestId !== null) return { column: 'request_id', id: offered.requestId };
  if (offered.complaintId !== null) return { column: 'complaint_id', id: offered.complaintId };
  if (offered.enrolmentId !== null) return { column: 'enrolment_id', id: offered.enrolmentId };
  return { column: 'contact_id', id: offered.contactId! };
}

const offerRows = (db: Db) =>
  db
    .selectFrom('questionnaire_offers as o')
    .innerJoin('questionnaire_versions as v', 'v.id', 'o.version_id')
    .innerJoin('users as u', 'u.id', 'o.offered_by')
    .leftJoin('questionnaire_responses as r', 'r.offer_id', 'o.id')
    .selectAll('o')
    .select(['v.version', 'v.title_ar', 'v.title_en', 'u.display_name as offered_by_name', 'r.answered_at', 'r.mode as response_mode']);

type OfferRow = Selectable<QuestionnaireOfferTable> & { version: number; title_ar: string; title_en: string | null; offered_by_name: string; answered_at: string | null; response_mode: AnswerMode | null };

function offerView(row: OfferRow): OfferView {
  return {
    id: row.id,
    code: row.code,
    questionnaireId: row.questionnaire_id,
    versionId: row.version_id,
    version: row.version,
    titleAr: row.title_ar,
    titleEn: row.title_en,
    occasion: row.occasion,
    mode: row.mode,
    status: row.status,
    offeredAt: row.offered_at,
    offeredBy: { id: row.offered_by, displayName: row.offered_by_name },
    response: row.answered_at === null || row.response_mode === null ? null : { answeredAt: row.answered_at, mode: row.response_mode },
  };
}

export async function readOffer(db: Db, offerId: string): Promise<OfferView> {
  const row = await offerRows(db).where('o.id', '=', offerId).executeTakeFirst();
  if (!row) throw notFound('offer');
  return offerView(row as OfferRow);
}

export async function offersOf(db: Db, offered: OfferedCase): Promise<OfferView[]> {
  const { column, id } = caseColumn(offered);
  // A case that does not exist is refused, not answered with no offers: a complaint or a contact the
  // shield withholds is refused so, and the two answers must be alike.
  const table = ({ request_id: 'requests', complaint_id: 'complaints', enrolment_id: 'program_enrolments', contact_id: 'contacts' } as const)[column];
  if (!(await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst())) {
    throw notFound(({ request_id: 'request', complaint_id: 'complaint', enrolment_id: 'enrolment', contact_id: 'contact' } as const)[column]);
  }
  const rows = await offerRows(db).where(`o.${column}`, '=', id).orderBy('o.offered_at', 'desc').orderBy('o.id', 'desc').execute();
  return rows.map((row) => offerView(row as OfferRow));
}

/**
 * Offers a questionnaire on a case. One offer per case and questionnaire: offered again (the kiosk
 * refused, a form printed instead), the offer waiting is the same one, now in the new way, so that
 * the response rate counts the case once; a case answered already is not asked again.
 */
export async function offerQuestionnaire(db: Db, input: ValidInput<'satisfaction.offer'>, context: CallContext): Promise<OfferView> {
  const offerId = await db.transaction().execute(async (trx) => {
    const questionnaire = await trx.selectFrom('questionnaires').selectAll().where('id', '=', input.questionnaireId).executeTakeFirst();
    if (!questionnaire) throw notFound('questionnaire');
    if (questionnaire.status !== 'active') throw new AppError('rule', 'satisfaction.notInUse');
    const facts = await caseFacts(trx, input);
    const { column, id } = caseColumn(input);
    const earlier = await trx
      .selectFrom('questionnaire_offers')
      .selectAll()
      .where(column, '=', id)
      .where('questionnaire_id', '=', input.questionnaireId)
      .orderBy('offered_at', 'desc')
      .executeTakeFirst();
    if (earlier?.status === 'responded') throw new AppError('rule', 'satisfaction.alreadyAnswered');
    if (earlier) {
      await trx
        .updateTable('questionnaire_offers')
        .set({ mode: input.mode, status: 'offered', ...restamp(context), row_version: sql`row_version + 1` })
        .where('id', '=', earlier.id)
        .execute();
      await appendAudit(trx, context, { action: 'satisfaction.offered', entityType: 'questionnaire', entityId: input.questionnaireId, summary: { offer: earlier.id, case: column, caseId: id, mode: input.mode, again: true } });
      return earlier.id;
    }
    const version = await currentVersion(trx, input.questionnaireId);
    const newOfferId = newId();
    await trx
      .insertInto('questionnaire_offers')
      .values({
        id: newOfferId,
        code: newVerificationNumber(),
        questionnaire_id: input.questionnaireId,
        version_id: version.id,
        occasion: facts.occasion,
        request_id: input.requestId,
        complaint_id: input.complaintId,
        enrolment_id: input.enrolmentId,
        contact_id: input.contactId,
        beneficiary_id: facts.beneficiaryId,
        officer_id: facts.officerId,
        channel: facts.channel,
        program_id: facts.programId,
        request_type_id: facts.requestTypeId,
        mode: input.mode,
        offered_at: context.now.toISOString(),
        offered_on: todayInRiyadh(context.now),
        offered_by: context.actorId,
        status: 'offered',
        ...stamp(context),
      })
      .execute();
    await appendAudit(trx, context, { action: 'satisfaction.offered', entityType: 'questionnaire', entityId: input.questionnaireId, summary: { offer: newOfferId, case: column, caseId: id, mode: input.mode } });
    return newOfferId;
  });
  return readOffer(db, offerId);
}

async function requireWaitingOffer(db: Db, offerId: string) {
  const offer = await db.selectFrom('questionnaire_offers').selectAll().where('id', '=', offerId).executeTakeFirst();
  if (!offer) throw notFound('offer');
  if (offer.status === 'responded') throw new AppError('rule', 'satisfaction.alreadyAnswered');
  return offer;
}

export async function declineOffer(db: Db, offerId: string, context: CallContext): Promise<OfferView> {
  await db.transaction().execute(async (trx) => {
    const offer = await requireWaitingOffer(trx, offerId);
    if (offer.status === 'declined') return;
    await trx.updateTable('questionnaire_offers').set({ status: 'declined', ...restamp(context), row_version: sql`row_version + 1` }).where('id', '=', offerId).execute();
    await appendAudit(trx, context, { action: 'satisfaction.declined', entityType: 'questionnaire', entityId: offer.questionnaire_id, summary: { offer: offerId } });
  });
  return readOffer(db, offerId);
}

/**
 * Keeps a response to a waiting offer: its answers checked against the offer's version, the person's
 * name only when they chose to leave it. Runs in the caller's transaction when there is one (a paper
 * form's second entry settles and records at once); the audit entry says how, never what was answered.
 */
export async function recordResponse(
  db: Db,
  input: { offerId: string; mode: AnswerMode; answers: Record<string, unknown>; named: boolean },
  context: CallContext,
): Promise<Answers> {
  const write = async (trx: Db) => {
    const offer = await requireWaitingOffer(trx, input.offerId);
    const version = await trx.selectFrom('questionnaire_versions').select('questions').where('id', '=', offer.version_id).executeTakeFirstOrThrow();
    // Only the kiosk asks the person again for a required answer; paper and phone keep what was given.
    const answers = checkAnswers(questionsOf(version.questions), input.answers, { requireAnswers: input.mode === 'kiosk' });
    await trx
      .insertInto('questionnaire_responses')
      .values({
        id: newId(),
        offer_id: offer.id,
        version_id: offer.version_id,
        mode: input.mode,
        answers: JSON.stringify(answers),
        answered_at: context.now.toISOString(),
        answered_on: todayInRiyadh(context.now),
        recorded_by: context.actorId,
        beneficiary_id: input.named ? offer.beneficiary_id : null,
        ...stamp(context),
      })
      .execute();
    await trx.updateTable('questionnaire_offers').set({ status: 'responded', ...restamp(context), row_version: sql`row_version + 1` }).where('id', '=', offer.id).execute();
    await appendAudit(trx, context, {
      action: 'satisfaction.responseRecorded',
      entityType: 'questionnaire',
      entityId: offer.questionnaire_id,
      summary: { offer: offer.id, mode: input.mode, named: input.named && offer.beneficiary_id !== null },
    });
    return answers;
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

export async function recordByPhone(db: Db, input: ValidInput<'satisfaction.recordByPhone'>, context: CallContext): Promise<ResponseSaved> {
  const answers = await recordResponse(db, { offerId: input.offerId, mode: 'phone', answers: input.answers, named: input.named }, context);
  return { offer: await readOffer(db, input.offerId), answers };
}

export async function offerForm(db: Db, offerId: string) {
  const offer = await readOffer(db, offerId);
  return { offer, version: await questionnaireVersion(db, offer.versionId) };
}
