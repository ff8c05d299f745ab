import type { Kysely } from 'kysely';
import { COMPLAINT_KINDS, COMPLAINT_TARGET_DEFAULTS, MAX_TARGET_WORKING_DAYS, type ComplaintKind, type ComplaintTargets } from '../../api/complaints';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { stamp, type CallContext } from '../context';
import { newId } from '../ids';

type Db = Kysely<DatabaseSchema>;

/** The settings row holding a kind's service-time target (working days, as JSON). */
export const targetKey = (kind: ComplaintKind) => `complaints.target.${kind}`;

const TARGET_KEYS = COMPLAINT_KINDS.map(targetKey);

/** The targets the administrator set; a kind never set (or set by hand to nonsense) has its default. */
export async function readComplaintTargets(db: Db): Promise<ComplaintTargets> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', TARGET_KEYS).execute();
  const stored = new Map(rows.map((row) => [row.key, parseDays(row.value)]));
  const targets = { ...COMPLAINT_TARGET_DEFAULTS };
  for (const kind of COMPLAINT_KINDS) targets[kind] = stored.get(targetKey(kind)) ?? COMPLAINT_TARGET_DEFAULTS[kind];
  return targets;
}

function parseDays(value: string): number | null {
  try {
    const days: unknown = JSON.parse(value);
    return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_TARGET_WORKING_DAYS ? days : null;
  } catch {
    return null;
  }
}

/**
 * Sets the three targets at once, audited as a change of the catalog. Complaints already received
 * keep the due date they were given: a promise made to a person is not moved afterwards.
 */
export async function setComplaintTargets(db: Db, targets: ComplaintTargets, context: CallContext): Promise<ComplaintTargets> {
  await db.transaction().execute(async (trx) => {
    const before = await readComplaintTargets(trx);
    const changed = COMPLAINT_KINDS.filter((kind) => before[kind] !== targets[kind]);
    if (changed.length === 0) return;
    for (const kind of changed) {
      const { created_at, updated_at, created_by, updated_by } = stamp(context);
      const value = JSON.stringify(targets[kind]);
      await trx
        .insertInto('settings')
        .values({ id: newId(), key: targetKey(kind), value, created_at, updated_at, created_by, updated_by })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at, updated_by }))
        .execute();
    }
    await appendAudit(trx, context, {
      action: 'catalog.changed',
      entityType: 'catalog',
      summary: {
        catalog: 'complaintTargets',
        changed: Object.fromEntries(changed.map((kind) => [kind, { from: before[kind], to: targets[kind] }])),
      },
    });
  });
  return readComplaintTargets(db);
}
