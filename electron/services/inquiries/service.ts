import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Channel } from '../../api/contacts';
import type { ValidInput } from '../../api/contract';
import { inquiryWorkflow, type AskedInquiry, type InquiryStatus, type InquirySummary, type InquiryView, type PendingInquiries } from '../../api/inquiries';
import type { DatabaseSchema, InquiryTable } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { fullNameOf } from '../beneficiaries/mapping';
import { shieldFor } from '../complaints/shield';
import { getContact, insertContact } from '../contacts/service';
import { restamp, stamp, type CallContext } from '../context';
import { notFound } from '../errors';
import { newId } from '../ids';
import { erasedValues, INQUIRY_COLUMNS } from '../personal-data/tables';
import type { MoveStep, WorkflowRecord, WorkflowStore } from '../workflow/moves';
import { inStages, inStagesCondition } from '../workflow/rules';

type Db = Kysely<DatabaseSchema>;

const MINUTE_MS = 60_000;

/**
 * The audit trail files an inquiry under its person when there is one, as every other entry about
 * a person is; one from someone not registered is filed under itself (the person's trail finds it
 * once its contact is linked to them).
 */
const auditTarget = (inquiryId: string, beneficiaryId: string | null) =>
  beneficiaryId === null
    ? { entityType: 'inquiry' as const, entityId: inquiryId }
    : { entityType: 'beneficiary' as const, entityId: beneficiaryId };

/** The "answered recently" list looks at inquiries asked within these days (read through the asked_at index). */
const RECENT_DAYS = 30;

/**
 * Records an inquiry with the contact that carried it, in one transaction: answered on the spot
 * (the time to answer is then nil) when an answer is given, otherwise pending in the queue. The
 * caller owns it.
 */
export async function askInquiry(db: Db, input: ValidInput<'inquiries.ask'>, context: CallContext): Promise<AskedInquiry> {
  const id = await db.transaction().execute(async (trx) => {
    if (input.articleId !== null) await requireArticle(trx, input.articleId);
    const contactId = await insertContact(trx, { ...input.contact, purpose: 'inquiry' }, context);
    const contact = await trx
      .selectFrom('contacts')
      .select(['occurred_at', 'beneficiary_id'])
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    const answered = input.answer !== null;
    // Answered on the spot, it is asked and answered at once: it starts where the answer leads.
    const status = answered ? inquiryWorkflow.moves.answer.to : inquiryWorkflow.initial;
    const id = newId();
    await trx
      .insertInto('inquiries')
      .values({
        id,
        contact_id: contactId,
        beneficiary_id: contact.beneficiary_id,
        question: input.contact.summary,
        status,
        asked_at: contact.occurred_at,
        owner_id: context.actorId,
        answer: input.answer,
        // Answered on the spot: at the very time of the contact, whenever it is logged.
        answered_at: answered ? contact.occurred_at : null,
        answered_by: answered ? context.actorId : null,
        answer_contact_id: null,
        article_id: input.articleId,
        ...stamp(context),
      })
      .execute();
    await appendAudit(trx, context, {
      action: 'inquiry.asked',
      ...auditTarget(id, contact.beneficiary_id),
      summary: { inquiryId: id, contactId, status, articleId: input.articleId },
    });
    return id;
  });
  const inquiry = await getInquiry(db, id, context.now);
  return { inquiry, contact: await getContact(db, inquiry.contactId) };
}

// --- Answering --------------------------------------------------------------------------------

/** The columns answering stamps on the inquiry (checked against the inquiry table's own). */
type AnswerStamps = Pick<Selectable<InquiryTable>, (typeof inquiryWorkflow.moves.answer.stamps)[number]>;

/**
 * An inquiry as its workflow moves it: its stage is its status; with the person (through the contact
 * too, as selectInquiries reads them) and the channel details of the contact that carried the
 * question, which an answer back through the same channel reuses.
 */
export interface InquiryRecord extends WorkflowRecord<InquiryStatus>, AnswerStamps {
  asked_at: string;
  beneficiary_id: string | null;
  channel: string;
  person_name: string | null;
  person_phone: string | null;
  phone_number: string | null;
  platform: string | null;
  handle: string | null;
  web_reference: string | null;
}

/** What the answer recorded, for its audit entry: ids, the channel and the time to answer, never the words. */
export interface InquiryAnswerFacts {
  answerContactId: string | null;
  channel: Channel | null;
  articleId: string | null;
  minutesToAnswer: number;
}

/**
 * How the inquiry workflow's move reads and writes inquiries (see workflow/moves.ts). An inquiry has
 * no table of events: its one move is recorded in its own row (answered_at, answered_by and the
 * answer's contact) and in the audit entry, so there is no event row to append.
 */
export const inquiryStore: WorkflowStore<InquiryStatus, InquiryRecord, InquiryAnswerFacts, InquiryView> = {
  load: async (trx, id) => {
    const row = await trx
      .selectFrom('inquiries as i')
      .innerJoin('contacts as c', 'c.id', 'i.contact_id')
      .select([
        'i.id',
        'i.status as stage',
        'i.asked_at',
        'i.answer',
        'i.answered_at',
        'i.answered_by',
        'i.answer_contact_id',
        'i.article_id',
        'c.channel',
        'c.person_name',
        'c.person_phone',
        'c.phone_number',
        'c.platform',
        'c.handle',
        'c.web_reference',
      ])
      .select((eb) => [
        eb.fn.coalesce('i.beneficiary_id', 'c.beneficiary_id').as('beneficiary_id'),
        // Pending since it was asked; answered since its answer.
        eb.fn.coalesce('i.answered_at', 'i.asked_at').as('stage_since'),
      ])
      .where('i.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('inquiry');
    return row;
  },
  // The engine hands over only the columns the move stamps.
  update: async (trx, row, to, columns: Partial<AnswerStamps>, context) => {
    await trx
      .updateTable('inquiries')
      .set({ ...columns, status: to, ...restamp(context) })
      .where('id', '=', row.id)
      // Only from the stage it was read in, as the move was allowed from.
      .where('status', '=', row.stage)
      .execute();
  },
  appendEvent: async () => {
    // Nothing to append: the row itself records the answer (see above).
  },
  // The answer is the workflow's one move: its action is the audit entry's.
  auditOf: (row, _change, facts) => ({
    action: inquiryWorkflow.moves.answer.action,
    ...auditTarget(row.id, row.beneficiary_id),
    summary: {
      inquiryId: row.id,
      answerContactId: facts.answerContactId,
      channel: facts.channel,
      articleId: facts.articleId,
      minutesToAnswer: facts.minutesToAnswer,
    },
  }),
  read: (db, id, context) => getInquiry(db, id, context.now),
};

type AnswerStep = MoveStep<InquiryRecord, ValidInput<'inquiries.answer'>, InquiryAnswerFacts, object, undefined>;

/**
 * Answers a pending inquiry. When the answer reached the person through a channel (a call back, a
 * message), that is an outgoing contact of its own, logged with the answer and linked to it.
 */
export const answerInquiry: AnswerStep = async (trx, inquiry, input, context) => {
  if (input.articleId !== null) await requireArticle(trx, input.articleId);
  let answerContactId: string | null = null;
  if (input.channel) {
    // Back through the same channel, the person's details there are the ones the question came with.
    const sameChannel = input.channel === inquiry.channel;
    answerContactId = await insertContact(
      trx,
      {
        beneficiaryId: inquiry.beneficiary_id,
        personName: inquiry.beneficiary_id === null ? inquiry.person_name : null,
        personPhone: inquiry.beneficiary_id === null ? inquiry.person_phone : null,
        channel: input.channel,
        direction: 'outgoing',
        purpose: 'inquiry',
        summary: input.answer,
        phoneNumber: input.phoneNumber ?? inquiry.phone_number ?? inquiry.person_phone,
        platform: sameChannel ? (inquiry.platform as ValidInput<'contacts.log'>['platform']) : null,
        handle: sameChannel ? inquiry.handle : null,
        webReference: sameChannel ? inquiry.web_reference : null,
      },
      context,
    );
  }
  const answeredAt = context.now.toISOString();
  return {
    columns: {
      answer: input.answer,
      answered_at: answeredAt,
      answered_by: context.actorId,
      answer_contact_id: answerContactId,
      article_id: input.articleId,
    },
    facts: {
      answerContactId,
      channel: input.channel ?? null,
      articleId: input.articleId,
      minutesToAnswer: minutesBetween(inquiry.asked_at, answeredAt),
    },
  };
};

// --- Reading -----------------------------------------------------------------------------------

/**
 * The queue: inquiries awaiting an answer, oldest first, everyone's or the caller's own; not one
 * asked through a contact that carries a complaint about the caller (see shield.ts).
 */
export async function pendingInquiries(db: Db, input: ValidInput<'inquiries.pending'>, context: CallContext): Promise<PendingInquiries> {
  const ownerId = input.mine ? context.actorId : null;
  const shield = await shieldFor(db, context.actorId);
  let count = db.selectFrom('inquiries as i').select((eb) => eb.fn.countAll<number>().as('total')).where(IS_PENDING).where(shield.excludes('i.id', 'inquiry'));
  if (ownerId !== null) count = count.where('i.owner_id', '=', ownerId);
  const [rows, counted] = await Promise.all([
    pendingQueueQuery(db, ownerId).where(shield.excludes('i.id', 'inquiry')).limit(input.limit).offset(input.offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { inquiries: rows.map((row) => toSummary(row, context.now)), total: Number(counted.total) };
}

/**
 * The condition of the partial indexes of pending inquiries (inquiries_pending and
 * inquiries_pending_by_owner), as the migration wrote it: the workflow's open stage, as a literal
 * rather than a bound parameter, so that SQLite can tell a query lies within it. Tests compare it
 * with the migration and with the indexes in a database.
 */
export const pendingCondition = (column: string) => inStagesCondition(column, inquiryWorkflow.groups.open);
/** An inquiry read as `i` is pending, as a where term that reads through those indexes. */
export const IS_PENDING = sql<SqlBool>`${sql.raw(pendingCondition('i.status'))}`;

/** The queue in order, read through a partial index of pending inquiries (the owner's when given). */
export function pendingQueueQuery(db: Db, ownerId: string | null) {
  let query = selectInquiries(db).where(IS_PENDING);
  if (ownerId !== null) query = query.where('i.owner_id', '=', ownerId);
  // The indexes hold (…, asked_at, rowid): seq is the rowid, so the order costs no sort.
  return query.orderBy('i.asked_at').orderBy('i.seq');
}

/** Inquiries asked in the last days and answered, the latest answer first (mine: those I answered). */
export async function recentlyAnswered(db: Db, input: ValidInput<'inquiries.answered'>, context: CallContext): Promise<InquirySummary[]> {
  const since = new Date(context.now.getTime() - RECENT_DAYS * 24 * 60 * MINUTE_MS).toISOString();
  const shield = await shieldFor(db, context.actorId);
  let query = selectInquiries(db).where('i.asked_at', '>=', since).where(inStages('i.status', inquiryWorkflow.groups.final)).where(shield.excludes('i.id', 'inquiry'));
  if (input.mine) query = query.where('i.answered_by', '=', context.actorId);
  const rows = await query.orderBy('i.answered_at', 'desc').orderBy('i.seq', 'desc').limit(input.limit).execute();
  return rows.map((row) => toSummary(row, context.now));
}

export async function getInquiry(db: Db, id: string, now: Date): Promise<InquiryView> {
  const row = await selectInquiries(db).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('inquiry');
  return toView(row, now);
}

/**
 * An inquiry as an officer opens it: what the person asked and was told is their personal data, so
 * the viewing is recorded, on the person's trail when they are known, naming the inquiry.
 */
export async function viewInquiry(db: Db, id: string, context: CallContext): Promise<InquiryView> {
  const inquiry = await getInquiry(db, id, context.now);
  await appendAudit(db, context, {
    action: 'inquiry.viewed',
    ...auditTarget(inquiry.id, inquiry.person.beneficiaryId),
    summary: { inquiryId: inquiry.id },
  });
  return inquiry;
}

/** Every inquiry of one person, newest first (for the subject-access document). */
export async function inquiriesOf(db: Db, beneficiaryId: string, now: Date): Promise<InquiryView[]> {
  const rows = await selectInquiries(db)
    .where('i.beneficiary_id', '=', beneficiaryId)
    .orderBy('i.asked_at', 'desc')
    .orderBy('i.seq', 'desc')
    .execute();
  return rows.map((row) => toView(row, now));
}

/**
 * Erasure: what the person asked and was told goes; the rows stay with their times, owners and
 * status, for the counts and the time to answer. Answers the number of inquiries blanked.
 */
export async function eraseInquiriesOf(trx: Db, beneficiaryId: string, context: CallContext): Promise<number> {
  const result = await trx
    .updateTable('inquiries')
    // The question and the answer given go; each column's rule is in INQUIRY_COLUMNS.
    .set({ ...erasedValues<InquiryTable>(INQUIRY_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * A contact logged before registration was linked to the person: the inquiry it carried (as its
 * question or its answer) is that person's too. Call inside the linking transaction.
 */
export async function linkInquiriesOfContact(trx: Db, contactId: string, beneficiaryId: string, context: CallContext): Promise<void> {
  await trx
    .updateTable('inquiries')
    .set({ beneficiary_id: beneficiaryId, ...restamp(context) })
    .where((eb) => eb.or([eb('contact_id', '=', contactId), eb('answer_contact_id', '=', contactId)]))
    .where('beneficiary_id', 'is', null)
    .execute();
}

async function requireArticle(db: Db, id: string): Promise<void> {
  const article = await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
  if (!article) throw notFound('article');
}

/**
 * An inquiry with what the screens show about it. The person is read through the contact too: a
 * contact linked to its beneficiary after the inquiry was written names the person all the same.
 */
function selectInquiries(db: Db) {
  return db
    .selectFrom('inquiries as i')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .innerJoin('users as owner', 'owner.id', 'i.owner_id')
    .leftJoin('users as answerer', 'answerer.id', 'i.answered_by')
    .leftJoin('articles as a', 'a.id', 'i.article_id')
    .leftJoin('beneficiaries as b', (join) => join.on((eb) => eb('b.id', '=', eb.fn.coalesce('i.beneficiary_id', 'c.beneficiary_id'))))
    .select([
      'i.id',
      'i.contact_id',
      'i.status',
      'i.question',
      'i.asked_at',
      'i.owner_id',
      'owner.display_name as owner_name',
      'i.answer',
      'i.answered_at',
      'i.answered_by',
      'answerer.display_name as answerer_name',
      'i.answer_contact_id',
      'i.article_id',
      'a.title as article_title',
      'c.channel',
      'c.person_name',
      'c.person_phone',
      'c.phone_number',
      'b.id as beneficiary_id',
      'b.file_number',
      'b.first_name',
      'b.father_name',
      'b.grandfather_name',
      'b.family_name',
    ]);
}

type InquiryRow = Awaited<ReturnType<ReturnType<typeof selectInquiries>['executeTakeFirstOrThrow']>>;

function toSummary(row: InquiryRow, now: Date): InquirySummary {
  const registered = row.beneficiary_id !== null;
  return {
    id: row.id,
    contactId: row.contact_id,
    status: row.status,
    question: row.question,
    channel: row.channel as Channel,
    askedAt: row.asked_at,
    ageMinutes: minutesBetween(row.asked_at, now.toISOString()),
    person: {
      beneficiaryId: row.beneficiary_id,
      name: registered
        ? fullNameOf({
            first_name: row.first_name ?? '',
            father_name: row.father_name ?? '',
            grandfather_name: row.grandfather_name ?? '',
            family_name: row.family_name ?? '',
          })
        : row.person_name,
      fileNumber: row.file_number,
      phone: row.person_phone ?? row.phone_number,
    },
    owner: { id: row.owner_id, displayName: row.owner_name },
    answeredAt: row.answered_at,
    minutesToAnswer: row.answered_at === null ? null : minutesBetween(row.asked_at, row.answered_at),
  };
}

function toView(row: InquiryRow, now: Date): InquiryView {
  return {
    ...toSummary(row, now),
    answer: row.answer,
    answeredBy: row.answered_by === null ? null : { id: row.answered_by, displayName: row.answerer_name ?? '' },
    answerContactId: row.answer_contact_id,
    article: row.article_id === null ? null : { id: row.article_id, title: row.article_title ?? '' },
  };
}

/** Whole minutes from one instant to a later one; never negative (two PCs' clocks may differ a little). */
function minutesBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / MINUTE_MS));
}
