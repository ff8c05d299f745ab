import type { Kysely, Selectable } from 'kysely';
import type { FieldChange } from '../../api/audit';
import type { ValidInput } from '../../api/contract';
import type { AuthorityView } from '../../api/letters';
import type { AuthorityTable, DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { normalizeArabic } from '../search/normalize';

type Db = Kysely<DatabaseSchema>;

/** The bodies letters go to and come from, in Arabic alphabetical order; the active ones unless asked. */
export async function listAuthorities(db: Db, includeInactive: boolean): Promise<AuthorityView[]> {
  let query = db.selectFrom('authorities').selectAll();
  if (!includeInactive) query = query.where('active', '=', 1);
  const rows = await query.execute();
  return rows.map(toAuthorityView).sort((a, b) => a.nameAr.localeCompare(b.nameAr, 'ar'));
}

/**
 * Adds a body to the list or changes one, and records the change in the catalog's audit trail (with
 * its values: a body's name is not personal data). A name that differs from another only in hamza,
 * taa marbuta or spacing is the same body typed twice, and is refused.
 */
export async function saveAuthority(db: Db, input: ValidInput<'authorities.save'>, context: CallContext): Promise<AuthorityView> {
  const id = await db.transaction().execute(async (trx) => {
    const existing = input.id === null ? null : await trx.selectFrom('authorities').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (input.id !== null && !existing) throw notFound('authority');
    const folded = normalizeArabic(input.nameAr);
    const others = await trx.selectFrom('authorities').select(['id', 'name_ar']).execute();
    if (others.some((other) => other.id !== input.id && normalizeArabic(other.name_ar) === folded)) {
      throw new AppError('validation', 'validation.failed', { fields: [{ path: 'nameAr', messageKey: 'validation.letters.authorityNameTaken' }] });
    }
    const values = { name_ar: input.nameAr, name_en: input.nameEn, active: input.active ? 1 : 0 };
    if (!existing) {
      const newAuthorityId = newId();
      await trx.insertInto('authorities').values({ id: newAuthorityId, ...values, ...stamp(context) }).execute();
      await appendAudit(trx, context, {
        action: 'catalog.changed',
        entityType: 'catalog',
        entityId: newAuthorityId,
        summary: { catalog: 'authorities', created: true, fields: ['nameAr', 'nameEn', 'active'] },
        changes: [
          { field: 'nameAr', old: null, new: input.nameAr },
          { field: 'nameEn', old: null, new: input.nameEn },
          { field: 'active', old: null, new: input.active },
        ],
      });
      return newAuthorityId;
    }
    const before = toAuthorityView(existing);
    const changes: FieldChange[] = [];
    if (before.nameAr !== input.nameAr) changes.push({ field: 'nameAr', old: before.nameAr, new: input.nameAr });
    if (before.nameEn !== input.nameEn) changes.push({ field: 'nameEn', old: before.nameEn, new: input.nameEn });
    if (before.active !== input.active) changes.push({ field: 'active', old: before.active, new: input.active });
    // Saving without a change writes nothing, so the trail holds only real changes.
    if (changes.length === 0) return existing.id;
    await trx.updateTable('authorities').set({ ...values, ...restamp(context) }).where('id', '=', existing.id).execute();
    await appendAudit(trx, context, {
      action: 'catalog.changed',
      entityType: 'catalog',
      entityId: existing.id,
      summary: { catalog: 'authorities', created: false, fields: changes.map((change) => change.field) },
      changes,
    });
    return existing.id;
  });
  const saved = await db.selectFrom('authorities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return toAuthorityView(saved);
}

function toAuthorityView(row: Selectable<AuthorityTable>): AuthorityView {
  return { id: row.id, nameAr: row.name_ar, nameEn: row.name_en, active: row.active === 1 };
}
