import type { Kysely } from 'kysely';
import type { ContactView } from '../../api/contacts';
import type { ValidInput } from '../../api/contract';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { linkComplaintsOfContact } from '../complaints/service';
import { restamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { linkInquiriesOfContact } from '../inquiries/service';
import { getContact, requireHeldBeneficiary } from './service';

type Db = Kysely<DatabaseSchema>;

/**
 * Links a contact logged before registration to the person, once registered. What the contact
 * started (an inquiry, a complaint) becomes that person's too, in the same transaction, so their
 * file, their timeline and an erasure of their data all reach it.
 */
export async function linkContact(db: Db, input: ValidInput<'contacts.link'>, context: CallContext): Promise<ContactView> {
  await db.transaction().execute(async (trx) => {
    const contact = await trx.selectFrom('contacts').select(['beneficiary_id']).where('id', '=', input.id).executeTakeFirst();
    if (!contact) throw notFound('contact');
    if (contact.beneficiary_id !== null) throw new AppError('rule', 'contacts.alreadyLinked');
    await requireHeldBeneficiary(trx, input.beneficiaryId);
    // The name and phone typed at the time were only there to find the person: the file holds them now.
    await trx
      .updateTable('contacts')
      .set({ beneficiary_id: input.beneficiaryId, person_name: null, person_phone: null, ...restamp(context) })
      .where('id', '=', input.id)
      .execute();
    await linkInquiriesOfContact(trx, input.id, input.beneficiaryId, context);
    await linkComplaintsOfContact(trx, input.id, input.beneficiaryId, context);
    await appendAudit(trx, context, {
      action: 'contact.linked',
      entityType: 'beneficiary',
      entityId: input.beneficiaryId,
      summary: { contactId: input.id },
    });
  });
  return getContact(db, input.id);
}

/**
 * Closes a contact nobody will be linked to (a walk-in who is not a beneficiary, a wrong number): it
 * leaves the unlinked queue on everyone's home screen, with who closed it, when and why. The contact
 * itself stays, in the report's counts and in the audit log.
 */
export async function closeUnlinkedContact(db: Db, input: ValidInput<'contacts.closeUnlinked'>, context: CallContext): Promise<ContactView> {
  await db.transaction().execute(async (trx) => {
    const contact = await trx.selectFrom('contacts').select(['beneficiary_id', 'not_beneficiary_at']).where('id', '=', input.id).executeTakeFirst();
    if (!contact) throw notFound('contact');
    if (contact.beneficiary_id !== null) throw new AppError('rule', 'contacts.alreadyLinked');
    if (contact.not_beneficiary_at !== null) throw new AppError('rule', 'contacts.alreadyClosed');
    await trx
      .updateTable('contacts')
      .set({ not_beneficiary_at: context.now.toISOString(), not_beneficiary_by: context.actorId, not_beneficiary_reason: input.reason, ...restamp(context) })
      .where('id', '=', input.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'contact.closedNotBeneficiary',
      // The reason is the officer's words about someone: kept on the contact, not in the log.
      summary: { contactId: input.id },
    });
  });
  return getContact(db, input.id);
}
