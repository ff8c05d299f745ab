import type { auditCalls } from '../../api/audit';
import { readKeyring } from '../accounts/keyring';
import { shieldFor } from '../complaints/shield';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { appendAudit } from './log';
import { acknowledgeBreaks, exportAudit, listActors, listAudit, unacknowledgedBreaks } from './service';
import { verifyAuditLog } from './verify';

export function auditHandlers(deps: ServiceDependencies): AreaHandlers<typeof auditCalls> {
  const { db } = deps;
  return {
    'audit.list': async (input, context) => listAudit(db, input, await shieldFor(db, context.actorId)),
    'audit.verify': async (_input, context) => {
      const verification = verifyAuditLog(deps.sqlite, readKeyring(deps.keys.path).auditHead ?? null);
      await appendAudit(db, context, { action: 'audit.verified', entityType: 'audit', summary: { ...verification } });
      return verification;
    },
    'audit.export': (input, context) => exportAudit(db, input, context),
    'audit.actors': () => listActors(db),
    'audit.breaks': () => unacknowledgedBreaks(db),
    'audit.acknowledgeBreaks': (input, context) => acknowledgeBreaks(db, input.throughSeq, context),
  };
}
