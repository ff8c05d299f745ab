import { forgetSyncCopiesOf } from '../sync/copies';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AuditEntry, ExportedFile } from '../../api/audit';
import type { BeneficiaryDetail } from '../../api/beneficiaries';
import type { ValidInput } from '../../api/contract';
import { digitsOnly } from '../../api/fields/digits';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { BeneficiaryTable, ContactTable, DatabaseSchema, EligibilityDecisionTable } from '../../../db/schema';
import { eraseFromNameIndex } from '../../../db/queries/name-index';
import { readKeyring } from '../accounts/keyring';
import { appendAudit } from '../audit/log';
import { listAudit } from '../audit/service';
import { complaintsOf, eraseComplaintsOf } from '../complaints/personal-data';
import { NOTHING_SHIELDED, shieldFor } from '../complaints/shield';
import { contactsOf } from '../contacts/service';
import { restamp, type CallContext, type ServiceDependencies } from '../context';
import { AppError, notFound } from '../errors';
import { eraseInquiriesOf, inquiriesOf } from '../inquiries/service';
import { enrolmentsOf, eraseEnrolmentsOf } from '../enrolments/personal-data';
import { attendanceOfPerson, eraseAttendanceOf } from '../attendance/personal-data';
import { eraseFeesOf, feesOfPerson } from '../program-fees/personal-data';
import { eraseResponsesOf, responsesOfPerson } from '../questionnaires/personal-data';
import { eraseLettersOf, lettersOf } from '../letters/service';
import { BENEFICIARY_COLUMNS, CONTACT_COLUMNS, ELIGIBILITY_DECISION_COLUMNS, erasedValues } from '../personal-data/tables';
import { eraseRequestsOf, requestsOf } from '../requests/personal-data';
import { renderPersonalDataDocument } from './personal-data-document';
import { getBeneficiary } from './service';

/**
 * The data subject's rights under the Personal Data Protection Law, for one beneficiary: a copy of
 * everything held about them (subject access), and the destruction of their personal data (erasure).
 */

type Db = Kysely<DatabaseSchema>;

/**
 * Everything held about one person, as a printable Arabic HTML document: the record, the household,
 * the eligibility decisions, the contacts, letters, requests, complaints and inquiries, and the audit
 * trail (who opened the file when, who changed what from what to what). The complaints are all those
 * the person brought, one about a staff member included: the document is the person's, whoever
 * prepares it. An erased person's document shows what remains: the file number, the columns kept
 * for counts, the trail without values, and the erasure itself. The export is recorded, with counts
 * of what it held (never the values).
 */
export async function exportPersonalData(
  deps: Pick<ServiceDependencies, 'db' | 'keys'>,
  id: string,
  context: CallContext,
): Promise<ExportedFile> {
  const { db } = deps;
  // The export holds everything, complaints about staff included, and a complaint about a staff
  // member is never shown to that person: someone no complaint is about prepares it. The refusal
  // depends on the caller alone, never on the file (refusing only the files holding a complaint about
  // the caller would tell them which files those are), and it is the same answer for every file.
  if (!(await shieldFor(db, context.actorId)).empty) throw new AppError('rule', 'beneficiaries.exportByAnother');
  const person = await getBeneficiary(db, id);
  const history = await trailOf(db, id);
  const contacts = await contactsOf(db, id);
  const letters = await lettersOf(db, id);
  const requests = await requestsOf(db, id, context.now);
  const complaints = await complaintsOf(db, id, context.now);
  const inquiries = await inquiriesOf(db, id, context.now);
  const enrolments = await enrolmentsOf(db, id, context);
  const attendance = await attendanceOfPerson(db, id);
  const fees = await feesOfPerson(db, id);
  const responses = await responsesOfPerson(db, id);
  const staffIds = [person.createdBy, person.updatedBy, person.consentRecordedBy, context.actorId].filter(
    (userId): userId is string => userId !== null,
  );
  const [users, districts] = await Promise.all([
    db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', staffIds).execute(),
    db.selectFrom('districts').select(['id', 'name_ar']).execute(),
  ]);
  const userNames = new Map(users.map((user) => [user.id, user.display_name]));
  const content = renderPersonalDataDocument({
    associationName: associationNameIn(deps.keys.path),
    preparedAt: context.now,
    preparedBy: userNames.get(context.actorId) ?? '',
    person,
    userNames,
    districtNames: new Map(districts.map((district) => [district.id, district.name_ar])),
    history,
    contacts,
    letters,
    requests,
    complaints,
    inquiries,
    enrolments,
    attendance,
    fees,
    responses,
  });
  await appendAudit(db, context, {
    action: 'beneficiary.exported',
    entityType: 'beneficiary',
    entityId: id,
    summary: {
      format: 'html',
      erased: person.erasedAt !== null,
      counts: {
        phones: person.phones.length,
        householdMembers: person.household.length,
        needs: person.needs.length,
        eligibilityDecisions: person.eligibilityHistory.length,
        contacts: contacts.length,
        letters: letters.length,
        letterScans: letters.filter((letter) => letter.scan !== null).length,
        requests: requests.length,
        complaints: complaints.length,
        inquiries: inquiries.length,
        namedResponses: responses.responses.length,
        historyEntries: history.length,
        recordedChanges: history.filter((entry) => entry.changes !== null).length,
      },
    },
  });
  return {
    // The file number, never the name: file names end up in download folders and recent-file lists.
    fileName: `wasl-personal-data-${person.fileNumber}-${todayInRiyadh(context.now)}.html`,
    mimeType: 'text/html;charset=utf-8',
    content,
    count: history.length,
  };
}

/** The person's whole audit trail, oldest first: it is their own copy, every entry whole. */
async function trailOf(db: Db, beneficiaryId: string): Promise<AuditEntry[]> {
  const newestFirst: AuditEntry[] = [];
  let before: number | undefined;
  do {
    const page = await listAudit(db, { beneficiaryId, limit: 200, ...(before === undefined ? {} : { before }) }, NOTHING_SHIELDED);
    newestFirst.push(...page.entries);
    before = page.nextBefore ?? undefined;
  } while (before !== undefined);
  return newestFirst.reverse();
}

function associationNameIn(keyringPath: string): string | null {
  try {
    return readKeyring(keyringPath).associationName;
  } catch {
    // The document stands without the association's name; the keyring is the desk's concern.
    return null;
  }
}

/**
 * Destroys a person's personal data, in one transaction, after the administrator typed the file
 * number again:
 * - the erasure is recorded (with its reason, the file number and how much went) before the values
 *   of the person's audited changes are deleted, which is what allows that deletion (the
 *   audit_changes trigger), and lets audit.verify accept their absence: the hash chain itself is
 *   untouched;
 * - names become the erased marker, and the ID number a unique placeholder; birth date, address,
 *   prisoner's name and facility, needs, notes and the consent's date and method are cleared;
 *   phones and household members are deleted; decisions keep their criteria, outcome and dates but
 *   lose their reasons; the name leaves the search index;
 * - the casework loses the person's words: contacts what was said and every detail, letters their
 *   subjects and texts, and their scans' bytes and file names; requests their summaries, decision
 *   reasons and event notes; complaints their subjects, details, resolutions and event notes;
 *   inquiries their questions and answers;
 * - what past counts need stays: file number, category, gender, nationality, residency status,
 *   district, status, eligibility, dates of registration and decision, and every contact, letter,
 *   request, complaint and inquiry row with its numbers, kinds, stages, owners and dates.
 * Each column's rule, for every table that holds something of the person's, is written once in
 * ../personal-data/tables.ts. Deleted content is overwritten (secure_delete), the search index is
 * merged so no tombstoned tokens remain, and the write-ahead log is emptied, so no older copy of a
 * page keeps the values.
 */
export async function eraseBeneficiary(
  db: Db,
  input: ValidInput<'beneficiaries.erase'>,
  context: CallContext,
): Promise<BeneficiaryDetail> {
  await requireSecureDelete(db);
  await db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('beneficiaries')
      .select(['seq', 'file_number', 'erased_at'])
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!person) throw notFound('beneficiary');
    if (person.erased_at !== null) throw new AppError('rule', 'beneficiaries.alreadyErased');
    // Digits alone: 2026-00042, ٢٠٢٦-٠٠٠٤٢ and 2026 00042 are the same file number typed three ways.
    if (digitsOnly(input.confirmFileNumber) !== digitsOnly(person.file_number)) {
      throw new AppError('validation', 'beneficiaries.erasureFileNumberMismatch', {
        fields: [{ path: 'confirmFileNumber', messageKey: 'beneficiaries.erasureFileNumberMismatch' }],
      });
    }

    // Copies on their way to or from the office server go first; the erasure below is queued as its own change.
    await forgetSyncCopiesOf(trx, input.id);
    const entriesAboutPerson = trx.selectFrom('audit_log').select('id').where('entity_id', '=', input.id);
    // How much went, for the erasure's record: counts only.
    const removed = {
      phones: await countRows(trx.selectFrom('beneficiary_phones').where('beneficiary_id', '=', input.id)),
      householdMembers: await countRows(trx.selectFrom('household_members').where('beneficiary_id', '=', input.id)),
      decisionReasons: await countRows(
        trx.selectFrom('eligibility_decisions').where('beneficiary_id', '=', input.id).where('reason', 'is not', null),
      ),
      changeRecords: await countRows(trx.selectFrom('audit_changes').where('entry_id', 'in', entriesAboutPerson)),
      contactSummaries: await countRows(trx.selectFrom('contacts').where('beneficiary_id', '=', input.id)),
    };
    // The casework's part answers its own counts; none of it touches the audit log.
    const letters = await eraseLettersOf(trx, input.id, context);
    const casework = {
      letters: letters.letters,
      letterScans: letters.scans,
      requests: await eraseRequestsOf(trx, input.id, context),
      complaints: await eraseComplaintsOf(trx, input.id, context),
      inquiries: await eraseInquiriesOf(trx, input.id, context),
      enrolments: await eraseEnrolmentsOf(trx, input.id, context),
      attendance: await eraseAttendanceOf(trx, input.id, context),
      fees: await eraseFeesOf(trx, input.id, context),
      namedResponses: await eraseResponsesOf(trx, input.id, context),
    };

    await appendAudit(trx, context, {
      action: 'beneficiary.erased',
      entityType: 'beneficiary',
      entityId: input.id,
      summary: { reason: input.reason, fileNumber: person.file_number, removed: { ...removed, ...casework } },
    });
    // The change values, phones and household members go whole, as AUDIT_CHANGE_COLUMNS,
    // PHONE_COLUMNS and HOUSEHOLD_MEMBER_COLUMNS say (tests/integration/personal-data-tables.test.ts
    // holds erasure to every description).
    await trx.deleteFrom('audit_changes').where('entry_id', 'in', entriesAboutPerson).execute();
    await trx.deleteFrom('beneficiary_phones').where('beneficiary_id', '=', input.id).execute();
    await trx.deleteFrom('household_members').where('beneficiary_id', '=', input.id).execute();
    // Contacts stay, for the counts by channel and purpose; what was said and every detail go.
    await trx
      .updateTable('contacts')
      .set({ ...erasedValues<ContactTable>(CONTACT_COLUMNS, { beneficiaryId: input.id }), ...restamp(context) })
      .where('beneficiary_id', '=', input.id)
      .execute();
    await trx
      .updateTable('eligibility_decisions')
      .set({ ...erasedValues<EligibilityDecisionTable>(ELIGIBILITY_DECISION_COLUMNS, { beneficiaryId: input.id }), ...restamp(context) })
      .where('beneficiary_id', '=', input.id)
      .where('reason', 'is not', null)
      .execute();
    await trx
      .updateTable('beneficiaries')
      .set((eb) => ({
        // The columns the erasure empties or replaces, each by its rule in BENEFICIARY_COLUMNS.
        ...erasedValues<BeneficiaryTable>(BENEFICIARY_COLUMNS, { beneficiaryId: input.id }),
        erased_at: context.now.toISOString(),
        row_version: eb('row_version', '+', 1),
        ...restamp(context),
      }))
      .where('id', '=', input.id)
      .execute();
    // A contentless index only marks a deleted row; merging its segments drops the folded name itself,
    // and the words only this person bore leave the list of name words.
    await eraseFromNameIndex(trx, person.seq);
  });
  // The log still holds the pages as they were before the erasure: fold it in and empty it. A
  // reader elsewhere (a backup in progress) can keep it from emptying now; the next checkpoint will.
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  return getBeneficiary(db, input.id);
}

async function countRows<Table extends keyof DatabaseSchema>(query: SelectQueryBuilder<DatabaseSchema, Table, object>): Promise<number> {
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Freed space must be overwritten, not just marked free, or the erased values stay readable in the
 * file by anyone with the key. The cipher build turns this on for every keyed connection; erasure
 * does not rely on that default.
 */
async function requireSecureDelete(db: Db): Promise<void> {
  const result = await sql<{ secure_delete: number }>`PRAGMA secure_delete = ON`.execute(db);
  if (result.rows[0]?.secure_delete !== 1) throw new Error('secure_delete could not be turned on; nothing was erased');
}
