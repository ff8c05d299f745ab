import type { Kysely } from 'kysely';
import type { ComplaintDetail } from '../../api/complaints';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import type { CallContext } from '../context';
import { getComplaint } from './service';

/**
 * A complaint, note or suggestion as its handler opens it: what the person said is their personal
 * data, so the viewing is recorded, on the person's trail when they are registered (under the
 * complaint otherwise, as its other entries are), naming it. One about the caller does not exist
 * for them, and is not recorded either.
 */
export async function viewComplaint(db: Kysely<DatabaseSchema>, id: string, context: CallContext): Promise<ComplaintDetail> {
  const complaint = await getComplaint(db, id, context);
  await appendAudit(db, context, {
    action: 'complaint.viewed',
    ...(complaint.beneficiary === null
      ? { entityType: 'complaint' as const, entityId: complaint.id }
      : { entityType: 'beneficiary' as const, entityId: complaint.beneficiary.id }),
    summary: { complaintId: complaint.id, number: complaint.number, kind: complaint.kind },
  });
  return complaint;
}
