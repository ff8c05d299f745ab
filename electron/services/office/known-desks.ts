import type { Kysely } from 'kysely';
import type { ReportDeskSynced } from '../../api/reports';
import type { DatabaseSchema } from '../../../db/schema';
import { LINK_KEY } from './link-key';

/**
 * The office's desks as this desk last heard of them, kept at every sync round under this key
 * (services/office/desks.ts): when each last synced, so that a report printed here says whose work
 * it holds up to when, offline too. Read by the report, in the core and in the jobs' thread alike:
 * nothing here reaches the office server.
 */
export const KNOWN_DESKS_KEY = 'office.desks';

/** A desk of the office and when its last round went through (null before its first). */
export type KnownDesk = ReportDeskSynced;

/** The office's desks as last heard of at a sync round; null on a desk that works alone (the report then says nothing of desks). */
export async function readKnownDesks(db: Kysely<DatabaseSchema>): Promise<KnownDesk[] | null> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [LINK_KEY, KNOWN_DESKS_KEY]).execute();
  if (!rows.some((row) => row.key === LINK_KEY)) return null;
  const known = rows.find((row) => row.key === KNOWN_DESKS_KEY);
  return known ? (JSON.parse(known.value) as KnownDesk[]) : [];
}
