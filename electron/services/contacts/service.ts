import type { Kysely, Selectable } from 'kysely';
import type { ContactView } from '../../api/contacts';
import type { ValidInput } from '../../api/contract';
import type { ContactTable, DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { shieldFor } from '../complaints/shield';
import { stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { nameTokensForIndex, nameTokensForQuery } from '../search/normalize';

type Db = Kysely<DatabaseSchema>;

/** A contact in the future is a typing mistake; a minute of clock drift between PCs is not. */
const FUTURE_TOLERANCE_MS = 60_000;

/** Logs one contact, against a beneficiary or (before registration) a name and phone. */
export async function logContact(db: Db, input: ValidInput<'contacts.log'>, context: CallContext): Promise<ContactView> {
  const id = await db.transaction().execute((trx) => insertContact(trx, input, context));
  return getContact(db, id);
}

/** A contact as another step records it (a request's notification, a complaint's answer). */
type ChannelDetail = 'occurredAt' | 'durationMinutes' | 'platform' | 'handle' | 'webReference' | 'phoneNumber' | 'letterId';
export type NewContact = Omit<ValidInput<'contacts.log'>, ChannelDetail> & Partial<Pick<ValidInput<'contacts.log'>, ChannelDetail>>;

/**
 * Records a contact inside the caller's transaction and audits it; answers its id. Every contact,
 * whatever screen it is logged from, goes through here.
 */
export async function insertContact(trx: Db, input: NewContact, context: CallContext): Promise<string> {
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : context.now;
  if (occurredAt.getTime() > context.now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('validation', 'validation.failed', { fields: [{ path: 'occurredAt', messageKey: 'validation.dateInFuture' }] });
  }
  if (input.beneficiaryId !== null) await requireHeldBeneficiary(trx, input.beneficiaryId);
  const letterId = input.channel === 'letter' ? (input.letterId ?? null) : null;
  if (letterId !== null) await requireLetterFor(trx, letterId, input.beneficiaryId);
  const id = newId();
  await trx
    .insertInto('contacts')
    .values({
      id,
      beneficiary_id: input.beneficiaryId,
      person_name: input.beneficiaryId === null ? input.personName : null,
      person_phone: input.beneficiaryId === null ? input.personPhone : null,
      channel: input.channel,
      direction: input.direction,
      purpose: input.purpose,
      summary: input.summary,
      occurred_at: occurredAt.toISOString(),
      duration_minutes: input.durationMinutes ?? null,
      officer_id: context.actorId,
      // Channel details belong to their channel only.
      // Before registration, the caller's own number is the number of the call.
      phone_number: input.channel === 'phone' ? (input.phoneNumber ?? (input.beneficiaryId === null ? input.personPhone : null)) : null,
      platform: input.channel === 'social_media' ? (input.platform ?? null) : null,
      handle: input.channel === 'social_media' ? (input.handle ?? null) : null,
      web_reference: input.channel === 'website' ? (input.webReference ?? null) : null,
      letter_id: letterId,
      ...stamp(context),
    })
    .execute();
  await appendAudit(trx, context, {
    action: 'contact.logged',
    entityType: 'beneficiary',
    entityId: input.beneficiaryId,
    summary: { contactId: id, channel: input.channel, purpose: input.purpose },
  });
  return id;
}

/** Every contact with one person, newest first (for the subject-access document). */
export async function contactsOf(db: Db, beneficiaryId: string): Promise<ContactView[]> {
  const rows = await selectContacts(db)
    .where('c.beneficiary_id', '=', beneficiaryId)
    .orderBy('c.occurred_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map(toView);
}

/**
 * Contacts not yet linked to anyone, newest first; one that carries a complaint about the reader is
 * not shown to them. With `resembling`, only those that may have been that person before they
 * registered: the phone given is one of theirs, or every word of the name given is in theirs.
 */
export async function listUnlinked(db: Db, input: ValidInput<'contacts.unlinked'>, context: CallContext): Promise<ContactView[]> {
  const shield = await shieldFor(db, context.actorId);
  let query = selectContacts(db)
    .where('c.beneficiary_id', 'is', null)
    // Closed as not a beneficiary: nobody is left to link it to.
    .where('c.not_beneficiary_at', 'is', null)
    .where(shield.excludes('c.id', 'contact'));
  query = query.orderBy('c.occurred_at', 'desc').orderBy('c.id', 'desc');
  if (input.resembling === null) return (await query.limit(input.limit).execute()).map(toView);

  const person = await resemblanceOf(db, input.resembling);
  if (person === null) return [];
  // Names resemble in ways SQL cannot fold: the unlinked contacts are read (the newest few thousand,
  // through their own partial index) and compared here.
  const rows = await query.limit(UNLINKED_SCANNED).execute();
  return rows.filter((row) => person.resembles(row.person_name, row.person_phone)).slice(0, input.limit).map(toView);
}

/** How far back the unlinked contacts are compared with a person: far more than a desk leaves unlinked. */
const UNLINKED_SCANNED = 5000;
/** A single word ("أم خالد" gives one after the particles) would match half the registry. */
const NAME_WORDS_TO_MATCH = 2;

/** What an unlinked contact is compared with: the person's phones and the words of their name; null once erased. */
async function resemblanceOf(db: Db, beneficiaryId: string): Promise<{ resembles: (name: string | null, phone: string | null) => boolean } | null> {
  const person = await db
    .selectFrom('beneficiaries')
    .select(['first_name', 'father_name', 'grandfather_name', 'family_name', 'erased_at'])
    .where('id', '=', beneficiaryId)
    .executeTakeFirst();
  if (!person) throw notFound('beneficiary');
  if (person.erased_at !== null) return null;
  const phones = new Set(
    (await db.selectFrom('beneficiary_phones').select('phone').where('beneficiary_id', '=', beneficiaryId).execute()).map((row) => row.phone),
  );
  const nameTokens = new Set(nameTokensForIndex([person.first_name, person.father_name, person.grandfather_name, person.family_name]));
  return {
    resembles(name, phone) {
      if (phone !== null && phones.has(phone)) return true;
      if (name === null) return false;
      // A trailing space: the name is complete, its last word is not a prefix.
      const { tokens } = nameTokensForQuery(`${name} `);
      return tokens.length >= NAME_WORDS_TO_MATCH && tokens.every((token) => nameTokens.has(token));
    },
  };
}

const refuseField = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

/**
 * The letter a contact through the letter channel names: one in the register, and not one about
 * somebody else (a letter sent to an authority, about nobody, may carry anyone's contact).
 */
async function requireLetterFor(db: Db, letterId: string, beneficiaryId: string | null): Promise<void> {
  const letter = await db.selectFrom('letters').select(['beneficiary_id']).where('id', '=', letterId).executeTakeFirst();
  if (!letter) throw refuseField('letterId', 'validation.contacts.unknownLetter');
  if (letter.beneficiary_id !== null && beneficiaryId !== null && letter.beneficiary_id !== beneficiaryId) {
    throw refuseField('letterId', 'validation.contacts.letterOfAnother');
  }
}

export async function getContact(db: Db, id: string): Promise<ContactView> {
  const row = await selectContacts(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('contact');
  return toView(row);
}

export async function requireHeldBeneficiary(db: Db, id: string): Promise<void> {
  const person = await db.selectFrom('beneficiaries').select(['erased_at']).where('id', '=', id).executeTakeFirst();
  if (!person) throw notFound('beneficiary');
  // New records about a person whose data was destroyed would be new personal data.
  if (person.erased_at !== null) throw new AppError('rule', 'beneficiaries.erased');
}

export function selectContacts(db: Db) {
  return db
    .selectFrom('contacts as c')
    .innerJoin('users as u', 'u.id', 'c.officer_id')
    .selectAll('c')
    .select('u.display_name as officer_name');
}

export function toView(row: Selectable<ContactTable> & { officer_name: string }): ContactView {
  return {
    id: row.id,
    beneficiaryId: row.beneficiary_id,
    personName: row.person_name,
    personPhone: row.person_phone,
    channel: row.channel as ContactView['channel'],
    direction: row.direction as ContactView['direction'],
    purpose: row.purpose as ContactView['purpose'],
    summary: row.summary,
    occurredAt: row.occurred_at,
    durationMinutes: row.duration_minutes,
    officer: { id: row.officer_id, displayName: row.officer_name },
    phoneNumber: row.phone_number,
    platform: row.platform as ContactView['platform'],
    handle: row.handle,
    webReference: row.web_reference,
    letterId: row.letter_id,
  };
}
