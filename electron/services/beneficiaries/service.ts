import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  BeneficiaryDetail,
  BeneficiaryFields,
  BeneficiaryPage,
  BeneficiaryStats,
  BeneficiarySummary,
  DuplicateReport,
} from '../../api/beneficiaries';
import type { ValidInput } from '../../api/contract';
import { normalizeSaudiPhone } from '../../api/fields/phone';
import { reversedDigits } from '../../api/fields/digits';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import { normalizeIdNumber } from '../../api/fields/saudi-id';
import type { DatabaseSchema } from '../../../db/schema';
import { writeNameIndex } from '../../../db/queries/name-index';
import { appendAudit, fieldChanges } from '../audit/log';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { nextCount } from '../counters';
import { newId } from '../ids';
import { loadDecisions } from '../eligibility/service';
import { latinNameTokensForIndex, nameTokensForIndex, normalizeNameForCompare } from '../search/normalize';
import { toDetail, toSummary, type SummaryRow } from './mapping';
import { selectHeldSummaries, summariesBySeq } from './queries';

type Db = Kysely<DatabaseSchema>;

export async function registerBeneficiary(
  db: Db,
  input: ValidInput<'beneficiaries.register'>,
  context: CallContext,
): Promise<BeneficiaryDetail> {
  const { fields } = input;
  const id = await inTransaction(db, async (trx) => {
    await refuseDuplicates(trx, fields, null, input.confirmNotDuplicate);
    await refuseUnknownDistrict(trx, fields.districtId);
    const registeredId = await insertBeneficiary(trx, fields, context);
    await appendAudit(trx, context, {
      action: 'beneficiary.created',
      entityType: 'beneficiary',
      entityId: registeredId,
      summary: { fields: Object.keys(fields) },
      changes: fieldChanges({}, { ...fields }),
    });
    return registeredId;
  });
  return getBeneficiary(db, id);
}

/**
 * Writes a new beneficiary with their phones, household and name index, inside the caller's
 * transaction, without the duplicate checks (the caller has made them, or is loading known data).
 */
export async function insertBeneficiary(trx: Db, fields: BeneficiaryFields, context: CallContext): Promise<string> {
  const id = newId();
  const fileNumber = await nextFileNumber(trx, context);
  const inserted = await trx
    .insertInto('beneficiaries')
    .values({
      id,
      file_number: fileNumber,
      ...columnsOf(fields),
      consent_recorded_by: fields.consentGiven ? context.actorId : null,
      eligibility: 'pending',
      eligibility_decided_at: null,
      row_version: 1,
      ...stamp(context),
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  await writeChildren(trx, id, fields, context);
  await writeNameIndex(trx, inserted.seq, indexTokensOf(fields), { replacing: false });
  return id;
}

export async function updateBeneficiary(
  db: Db,
  input: ValidInput<'beneficiaries.update'>,
  context: CallContext,
): Promise<BeneficiaryDetail> {
  const { fields } = input;
  await inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('beneficiaries')
      .select(['seq', 'row_version', 'consent_given', 'consent_recorded_by', 'erased_at'])
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!current) throw notFound('beneficiary');
    // Writing fields back would bring personal data into a record whose data was destroyed.
    if (current.erased_at !== null) throw new AppError('rule', 'beneficiaries.erased');
    // Two desks (or two windows) editing the same file: the second save must not silently undo the first.
    if (current.row_version !== input.expectedVersion) {
      throw new AppError('version_conflict', 'beneficiaries.changedMeanwhile');
    }
    await refuseDuplicates(trx, fields, input.id, input.confirmNotDuplicate);
    await refuseUnknownDistrict(trx, fields.districtId);
    const before = await getBeneficiary(trx, input.id);
    const changes = fieldChanges(pick(before, Object.keys(fields)), { ...fields });
    if (changes.length > 0) {
      await appendAudit(trx, context, {
        action: 'beneficiary.changed',
        entityType: 'beneficiary',
        entityId: input.id,
        summary: { fields: changes.map((change) => change.field) },
        changes,
      });
    }
    const consentNewlyGiven = fields.consentGiven && current.consent_given === 0;
    await trx
      .updateTable('beneficiaries')
      .set({
        ...columnsOf(fields),
        consent_recorded_by: fields.consentGiven
          ? consentNewlyGiven ? context.actorId : current.consent_recorded_by
          : null,
        row_version: current.row_version + 1,
        ...restamp(context),
      })
      .where('id', '=', input.id)
      .execute();
    await rewriteChildren(trx, input.id, fields, context);
    await writeNameIndex(trx, current.seq, indexTokensOf(fields), { replacing: true });
  });
  return getBeneficiary(db, input.id);
}

/** A person's file as an officer opens it: the viewing is recorded (who looked at this file, and when). */
export async function viewBeneficiary(db: Db, id: string, context: CallContext): Promise<BeneficiaryDetail> {
  const detail = await getBeneficiary(db, id);
  await appendAudit(db, context, { action: 'beneficiary.viewed', entityType: 'beneficiary', entityId: id });
  return detail;
}

export async function getBeneficiary(db: Db, id: string): Promise<BeneficiaryDetail> {
  const row = await db.selectFrom('beneficiaries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('beneficiary');
  const [phones, household, history] = await Promise.all([
    db.selectFrom('beneficiary_phones').select('phone').where('beneficiary_id', '=', id).orderBy('position').execute(),
    db.selectFrom('household_members').selectAll().where('beneficiary_id', '=', id).orderBy('position').execute(),
    loadDecisions(db, id),
  ]);
  // A number two merged files both had is held twice until the file is next saved (rewriteChildren): shown once.
  return toDetail(row, [...new Set(phones.map((phone) => phone.phone))], household, history);
}

/**
 * One page of the registry. The page is found on the indexes alone (filter and sort columns, then
 * the row ids), and only its fifty people are read in full: deep pages of 100,000 stay quick.
 * "Newest" is the order of registration, which is the order of seq (the rowid): every index ends
 * with it, so no index of its own is kept for it (each one more index slows every registration).
 */
/** The people matching the registry's filters, unordered and unpaged: the registry's page and its export read the same rows. */
export function beneficiaryListQuery(db: Db, input: Pick<ValidInput<'beneficiaries.list'>, 'category' | 'districtId' | 'eligibility' | 'status'>) {
  let filtered = db.selectFrom('beneficiaries as b');
  if (input.category) filtered = filtered.where('b.category', '=', input.category);
  if (input.districtId) filtered = filtered.where('b.district_id', '=', input.districtId);
  if (input.eligibility) filtered = filtered.where('b.eligibility', '=', input.eligibility);
  if (input.status) filtered = filtered.where('b.status', '=', input.status);
  return filtered;
}

export async function listBeneficiaries(db: Db, input: ValidInput<'beneficiaries.list'>): Promise<BeneficiaryPage> {
  const filtered = beneficiaryListQuery(db, input);

  const totalRow = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ordered =
    input.sort === 'name'
      ? filtered.orderBy('b.name_normalized').orderBy('b.seq')
      : input.sort === 'file_number'
        ? filtered.orderBy('b.file_number')
        : filtered.orderBy('b.seq', 'desc');
  const pageSeqs = await ordered
    .select('b.seq')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  const people = await summariesBySeq(db, pageSeqs.map((row) => row.seq));
  const rows = pageSeqs.flatMap((row) => people.get(row.seq) ?? []);
  return { rows, total: Number(totalRow.total), page: input.page, pageSize: input.pageSize };
}

export async function checkDuplicates(db: Db, input: ValidInput<'beneficiaries.checkDuplicates'>): Promise<DuplicateReport> {
  const idNumber = input.idNumber && input.idType ? normalizeIdNumber(input.idType, input.idNumber) : null;
  const sameId = idNumber ? await holderOfId(db, idNumber, input.excludeId) : null;
  const parts = [input.firstName, input.fatherName, input.grandfatherName, input.familyName];
  const likely = parts.every((part) => part && part.trim())
    ? await likelyDuplicates(db, {
        nameNormalized: normalizeNameForCompare(parts as string[]),
        phones: (input.phones ?? []).map(normalizeSaudiPhone).filter((phone): phone is string => phone !== null),
        birthDate: input.birthDate,
        excludeId: input.excludeId,
      })
    : [];
  return { sameId, likely: likely.filter((person) => person.id !== sameId?.id) };
}

export async function beneficiaryStats(db: Db): Promise<BeneficiaryStats> {
  const rows = await db
    .selectFrom('beneficiaries')
    .select(['eligibility', 'category', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['eligibility', 'category'])
    .execute();
  const stats: BeneficiaryStats = {
    total: 0,
    byEligibility: { pending: 0, eligible: 0, not_eligible: 0 },
    byCategory: { prisoner: 0, released_prisoner: 0, family_member: 0 },
  };
  for (const row of rows) {
    const count = Number(row.count);
    stats.total += count;
    stats.byEligibility[row.eligibility as keyof BeneficiaryStats['byEligibility']] += count;
    stats.byCategory[row.category as keyof BeneficiaryStats['byCategory']] += count;
  }
  return stats;
}

// ---------------------------------------------------------------------------------------------

/** Kysely's SQLite driver wraps the callback in BEGIN/COMMIT on its single connection. */
function inTransaction<T>(db: Db, work: (trx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

function pick(record: object, keys: string[]): Record<string, unknown> {
  const source = record as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

function columnsOf(fields: BeneficiaryFields) {
  return {
    first_name: fields.firstName,
    father_name: fields.fatherName,
    grandfather_name: fields.grandfatherName,
    family_name: fields.familyName,
    latin_name: fields.latinName,
    name_normalized: normalizeNameForCompare(namePartsOf(fields)),
    id_type: fields.idType,
    id_number: fields.idNumber,
    nationality: fields.nationality,
    residency_status: fields.residencyStatus,
    gender: fields.gender,
    birth_date: fields.birthDate,
    district_id: fields.districtId,
    address: fields.address,
    category: fields.category,
    prisoner_relation: fields.prisonerRelation,
    prisoner_name: fields.prisonerName,
    prisoner_facility: fields.prisonerFacility,
    prisoner_status: fields.prisonerStatus,
    needs: JSON.stringify(fields.needs),
    needs_priority: fields.needsPriority,
    needs_notes: fields.needsNotes,
    consent_given: fields.consentGiven ? 1 : 0,
    consent_date: fields.consentGiven ? fields.consentDate : null,
    consent_method: fields.consentGiven ? fields.consentMethod : null,
    status: fields.status,
    notes: fields.notes,
  };
}

const namePartsOf = (fields: Pick<BeneficiaryFields, 'firstName' | 'fatherName' | 'grandfatherName' | 'familyName'>) => [
  fields.firstName,
  fields.fatherName,
  fields.grandfatherName,
  fields.familyName,
];

/** The Arabic name in every spelling the normalizer folds to, and the Latin name's words. */
export function indexTokensOf(fields: Pick<BeneficiaryFields, 'firstName' | 'fatherName' | 'grandfatherName' | 'familyName' | 'latinName'>): string[] {
  const tokens = nameTokensForIndex(namePartsOf(fields));
  if (fields.latinName) tokens.push(...latinNameTokensForIndex(fields.latinName));
  return tokens;
}

/** Adds a person's phones and household members, after the positions already taken (`from`). */
async function writeChildren(
  trx: Db,
  beneficiaryId: string,
  fields: BeneficiaryFields,
  context: CallContext,
  from: { phones: number; household: number } = { phones: 0, household: 0 },
): Promise<void> {
  if (fields.phones.length > 0) {
    await trx
      .insertInto('beneficiary_phones')
      .values(
        fields.phones.map((phone, position) => ({
          id: newId(),
          beneficiary_id: beneficiaryId,
          phone,
          phone_reversed: reversedDigits(phone),
          position: from.phones + position,
          ...stamp(context),
        })),
      )
      .execute();
  }
  if (fields.household.length > 0) {
    await trx
      .insertInto('household_members')
      .values(
        fields.household.map((member, position) => ({
          id: newId(),
          beneficiary_id: beneficiaryId,
          full_name: member.fullName,
          relation: member.relation,
          birth_date: member.birthDate,
          id_number: member.idNumber,
          notes: member.notes,
          position: from.household + position,
          ...stamp(context),
        })),
      )
      .execute();
  }
}

/**
 * A person's phones and household as the edit leaves them, row by row in their order: a row whose
 * values are unchanged is not touched, a changed one is changed in place, extra ones go and new ones
 * are added. On a desk paired with the office server, two officers editing other fields of the same
 * file at two desks then leave the phones as they were, and two edits of the same phone meet as one
 * field edited twice, for a supervisor, never as two copies of the list.
 */
async function rewriteChildren(trx: Db, beneficiaryId: string, fields: BeneficiaryFields, context: CallContext): Promise<void> {
  let phones = await trx.selectFrom('beneficiary_phones').select(['id', 'phone']).where('beneficiary_id', '=', beneficiaryId).orderBy('position').execute();
  const members = await trx
    .selectFrom('household_members')
    .select(['id', 'full_name', 'relation', 'birth_date', 'id_number', 'notes'])
    .where('beneficiary_id', '=', beneficiaryId)
    .orderBy('position')
    .execute();
  // A number held twice (two merged files both had it) is one phone, as the file shows it: the copy goes first.
  const copies = phones.filter((row, index) => phones.findIndex((other) => other.phone === row.phone) < index);
  for (const row of copies) await trx.deleteFrom('beneficiary_phones').where('id', '=', row.id).execute();
  phones = phones.filter((row) => !copies.includes(row));
  for (const row of phones.slice(fields.phones.length)) await trx.deleteFrom('beneficiary_phones').where('id', '=', row.id).execute();
  for (const row of members.slice(fields.household.length)) await trx.deleteFrom('household_members').where('id', '=', row.id).execute();
  for (const [position, phone] of fields.phones.entries()) {
    const row = phones[position];
    if (row === undefined) continue;
    if (row.phone !== phone) {
      await trx.updateTable('beneficiary_phones').set({ phone, phone_reversed: reversedDigits(phone), ...restamp(context) }).where('id', '=', row.id).execute();
    }
  }
  for (const [position, member] of fields.household.entries()) {
    const row = members[position];
    if (row === undefined) continue;
    const values = { full_name: member.fullName, relation: member.relation, birth_date: member.birthDate, id_number: member.idNumber, notes: member.notes };
    const unchanged = (Object.keys(values) as Array<keyof typeof values>).every((column) => row[column] === values[column]);
    if (!unchanged) await trx.updateTable('household_members').set({ ...values, ...restamp(context) }).where('id', '=', row.id).execute();
  }
  await writeChildren(trx, beneficiaryId, { ...fields, phones: fields.phones.slice(phones.length), household: fields.household.slice(members.length) }, context, {
    phones: phones.length,
    household: members.length,
  });
}

async function refuseDuplicates(
  trx: Db,
  fields: BeneficiaryFields,
  excludeId: string | null,
  confirmedNotDuplicate: boolean,
): Promise<void> {
  const holder = await holderOfId(trx, fields.idNumber, excludeId);
  if (holder) {
    throw new AppError('duplicate', 'beneficiaries.duplicateId', {
      fields: [{ path: 'fields.idNumber', messageKey: 'beneficiaries.duplicateId' }],
      holder,
    });
  }
  if (confirmedNotDuplicate) return;
  const likely = await likelyDuplicates(trx, {
    nameNormalized: normalizeNameForCompare(namePartsOf(fields)),
    phones: fields.phones,
    birthDate: fields.birthDate,
    excludeId,
  });
  if (likely.length > 0) throw new AppError('possible_duplicate', 'beneficiaries.possibleDuplicate', { likely });
}

async function holderOfId(db: Db, idNumber: string, excludeId: string | null): Promise<BeneficiarySummary | null> {
  let query = selectHeldSummaries(db).where('b.id_number', '=', idNumber);
  if (excludeId) query = query.where('b.id', '!=', excludeId);
  const row = await query.executeTakeFirst();
  return row ? toSummary(row as SummaryRow) : null;
}

/** The same folded name with the same phone or the same birth date. */
async function likelyDuplicates(
  db: Db,
  probe: { nameNormalized: string; phones: string[]; birthDate: string | null; excludeId: string | null },
): Promise<BeneficiarySummary[]> {
  if (probe.phones.length === 0 && !probe.birthDate) return [];
  let query = selectHeldSummaries(db)
    .where('b.name_normalized', '=', probe.nameNormalized)
    .where((eb) => {
      const either = [];
      if (probe.birthDate) either.push(eb('b.birth_date', '=', probe.birthDate));
      if (probe.phones.length > 0) {
        either.push(
          eb.exists(
            eb
              .selectFrom('beneficiary_phones as p')
              .select(sql`1`.as('one'))
              .whereRef('p.beneficiary_id', '=', 'b.id')
              .where('p.phone', 'in', probe.phones),
          ),
        );
      }
      return eb.or(either);
    });
  if (probe.excludeId) query = query.where('b.id', '!=', probe.excludeId);
  const rows = await query.limit(5).execute();
  return rows.map((row) => toSummary(row as SummaryRow));
}

async function refuseUnknownDistrict(trx: Db, districtId: string | null): Promise<void> {
  if (!districtId) return;
  const district = await trx.selectFrom('districts').select('id').where('id', '=', districtId).executeTakeFirst();
  if (!district) throw new AppError('validation', 'validation.choice', { fields: [{ path: 'fields.districtId', messageKey: 'validation.choice' }] });
}

/** File numbers read YYYY-NNNNN, counted afresh each Gregorian year (in Riyadh): short enough to say at the desk. */
export async function nextFileNumber(trx: Db, context: CallContext): Promise<string> {
  const year = todayInRiyadh(context.now).slice(0, 4);
  const count = await nextCount(trx, `file_number:${year}`, context);
  return `${year}-${String(count).padStart(5, '0')}`;
}
