import type { Kysely, Selectable } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { HolidayView, RequestTypeView } from '../../api/requests';
import type { DatabaseSchema, HolidayTable, RequestTypeTable } from '../../../db/schema';
import { appendAudit, fieldChanges } from '../audit/log';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';

/**
 * The request catalog the administrator keeps: the types of request with their service-time
 * targets, and the holidays those targets skip. Every change is audited as a catalog change.
 */

type Db = Kysely<DatabaseSchema>;

const refuse = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

export async function listRequestTypes(db: Db, input: ValidInput<'requests.types'>): Promise<RequestTypeView[]> {
  let query = db.selectFrom('request_types').selectAll();
  if (input.active !== undefined) query = query.where('active', '=', input.active ? 1 : 0);
  const rows = await query.orderBy('sort_order').orderBy('name_ar').execute();
  return rows.map(toTypeView);
}

/** Adds a request type, or changes one; a new type goes to the end of the list. */
export async function saveRequestType(db: Db, input: ValidInput<'requests.saveType'>, context: CallContext): Promise<RequestTypeView> {
  const id = await db.transaction().execute(async (trx) => {
    const existing = input.id === null ? undefined : await trx.selectFrom('request_types').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (input.id !== null && !existing) throw notFound('requestType');
    const code = input.code ?? existing?.code ?? (await freeCode(trx, codeFrom(input.nameEn)));
    const holder = await trx.selectFrom('request_types').select('id').where('code', '=', code).executeTakeFirst();
    if (holder && holder.id !== input.id) throw refuse('code', 'validation.requests.codeTaken');
    const values = {
      code,
      name_ar: input.nameAr,
      name_en: input.nameEn,
      needs_authority: input.needsAuthority ? 1 : 0,
      target_working_days: input.targetWorkingDays,
      active: input.active ? 1 : 0,
    };
    if (existing) {
      await trx.updateTable('request_types').set({ ...values, ...restamp(context) }).where('id', '=', existing.id).execute();
      await appendAudit(trx, context, {
        action: 'catalog.changed',
        entityType: 'catalog',
        entityId: existing.id,
        summary: { list: 'requestTypes', typeId: existing.id, created: false },
        changes: fieldChanges(viewOf(existing), viewOf(values)),
      });
      return existing.id;
    }
    const last = await trx
      .selectFrom('request_types')
      .select((eb) => eb.fn.max('sort_order').as('last'))
      .executeTakeFirst();
    const newTypeId = newId();
    await trx
      .insertInto('request_types')
      .values({ id: newTypeId, ...values, sort_order: Number(last?.last ?? 0) + 1, ...stamp(context) })
      .execute();
    await appendAudit(trx, context, {
      action: 'catalog.changed',
      entityType: 'catalog',
      entityId: newTypeId,
      summary: { list: 'requestTypes', typeId: newTypeId, created: true },
      changes: fieldChanges({}, viewOf(values)),
    });
    return newTypeId;
  });
  const saved = await db.selectFrom('request_types').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return toTypeView(saved);
}

export async function listHolidays(db: Db): Promise<HolidayView[]> {
  const rows = await db.selectFrom('holidays').selectAll().orderBy('date').execute();
  return rows.map(toHolidayView);
}

/**
 * Adds a holiday or changes one. Due dates already set are kept: a request's due date is fixed the
 * day it is received, so that a date given to a beneficiary does not move under them.
 */
export async function saveHoliday(db: Db, input: ValidInput<'holidays.save'>, context: CallContext): Promise<HolidayView> {
  const id = await db.transaction().execute(async (trx) => {
    const existing = input.id === null ? undefined : await trx.selectFrom('holidays').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (input.id !== null && !existing) throw new AppError('not_found', 'requests.holidayNotFound');
    const sameDay = await trx.selectFrom('holidays').select('id').where('date', '=', input.date).executeTakeFirst();
    if (sameDay && sameDay.id !== input.id) throw refuse('date', 'validation.requests.holidayTaken');
    const holidayId = existing?.id ?? newId();
    if (existing) {
      await trx.updateTable('holidays').set({ date: input.date, name: input.name, ...restamp(context) }).where('id', '=', holidayId).execute();
    } else {
      await trx.insertInto('holidays').values({ id: holidayId, date: input.date, name: input.name, ...stamp(context) }).execute();
    }
    await appendAudit(trx, context, {
      action: 'catalog.changed',
      entityType: 'catalog',
      entityId: holidayId,
      summary: { list: 'holidays', holidayId, created: !existing },
      changes: fieldChanges(existing ? { date: existing.date, name: existing.name } : {}, { date: input.date, name: input.name }),
    });
    return holidayId;
  });
  return toHolidayView(await db.selectFrom('holidays').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

/** Removes a holiday entered by mistake (the day becomes a working day again, for new requests). */
export async function removeHoliday(db: Db, id: string, context: CallContext): Promise<{ id: string }> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('holidays').selectAll().where('id', '=', id).executeTakeFirst();
    if (!existing) throw new AppError('not_found', 'requests.holidayNotFound');
    await trx.deleteFrom('holidays').where('id', '=', id).execute();
    await appendAudit(trx, context, {
      action: 'catalog.changed',
      entityType: 'catalog',
      entityId: id,
      summary: { list: 'holidays', holidayId: id, removed: true },
      changes: fieldChanges({ date: existing.date, name: existing.name }, {}),
    });
  });
  return { id };
}

/** A code from the English name: "Prison visit permit" → prison_visit_permit. */
function codeFrom(nameEn: string): string {
  const words = nameEn
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return words.slice(0, 36).replace(/_+$/, '') || 'request_type';
}

/** The code itself when free, else the code with the first free number after it. */
async function freeCode(trx: Db, code: string): Promise<string> {
  const taken = new Set(
    (await trx.selectFrom('request_types').select('code').where('code', 'like', `${code}%`).execute()).map((row) => row.code),
  );
  if (!taken.has(code)) return code;
  let suffix = 2;
  while (taken.has(`${code}_${suffix}`)) suffix += 1;
  return `${code}_${suffix}`;
}

type TypeValues = Pick<RequestTypeTable, 'code' | 'name_ar' | 'name_en' | 'needs_authority' | 'target_working_days' | 'active'>;

const viewOf = (values: TypeValues) => ({
  code: values.code,
  nameAr: values.name_ar,
  nameEn: values.name_en,
  needsAuthority: values.needs_authority === 1,
  targetWorkingDays: values.target_working_days,
  active: values.active === 1,
});

export function toTypeView(row: Selectable<RequestTypeTable>): RequestTypeView {
  return { id: row.id, ...viewOf(row), sortOrder: row.sort_order };
}

function toHolidayView(row: Selectable<HolidayTable>): HolidayView {
  return { id: row.id, date: row.date, name: row.name };
}
