import type { ServiceCallName } from '../api/contract';
import { accountsHandlers } from './accounts/handlers';
import { KeyRotations } from './accounts/rotate-database-key';
import { appHandlers } from './app/handlers';
import { auditHandlers } from './audit/handlers';
import { backupsHandlers } from './backups/handlers';
import { conflictsHandlers } from './conflicts/handlers';
import { officeHandlers } from './office/handlers';
import { programsHandlers } from './programs/handlers';
import { enrolmentsHandlers } from './enrolments/handlers';
import { attendanceHandlers } from './attendance/handlers';
import { programFeesHandlers } from './program-fees/handlers';
import { questionnairesHandlers } from './questionnaires/handlers';
import { kioskHandlers, satisfactionHandlers } from './satisfaction/handlers';
import { satisfactionFiguresHandlers } from './satisfaction-figures/handlers';
import { paperFormsHandlers } from './paper-forms/handlers';
import { documentsHandlers } from './documents/handlers';
import type { DatabaseSwap } from './backups/restore';
import { beneficiariesHandlers } from './beneficiaries/handlers';
import { complaintsHandlers } from './complaints/handlers';
import { shieldCalls } from './complaints/shielded-calls';
import { contactsHandlers } from './contacts/handlers';
import type { ServiceDependencies } from './context';
import { eligibilityHandlers } from './eligibility/handlers';
import { exportsHandlers } from './exports/handlers';
import type { Handler } from './handlers';
import { inquiriesHandlers } from './inquiries/handlers';
import { lettersHandlers } from './letters/handlers';
import { queuesHandlers } from './queues/handlers';
import { reportsHandlers } from './reports/handlers';
import { requestsHandlers } from './requests/handlers';
import { searchHandlers } from './search/handlers';
import { timelineHandlers } from './timeline/handlers';

/**
 * One function per call of the contract, but for the session calls (services/session answers those,
 * whether or not a database is open); the compiler checks that none is missing.
 */
export type Handlers = { [Name in ServiceCallName]: Handler<Name> };

/**
 * The handlers of an open database, assembled from each area's own slice (`<area>/handlers.ts`),
 * every one behind the complaint shield.
 *
 * `database`: how a restore (or a new database key) closes and reopens the open database; given by
 * the desk, which holds it. Without it `backups.restore` and `users.rotateDatabaseKey` are refused.
 * `keyRotations`: the desk's, which outlive these handlers when the database is opened again.
 */
export function createHandlers(deps: ServiceDependencies & { database?: DatabaseSwap; keyRotations?: KeyRotations }): Handlers {
  const swap = deps.database;
  const keyRotations = deps.keyRotations ?? new KeyRotations();
  return shieldCalls(deps.db, {
    ...appHandlers(deps),
    ...accountsHandlers(deps, { swap, keyRotations }),
    ...auditHandlers(deps),
    ...beneficiariesHandlers(deps),
    ...eligibilityHandlers(deps),
    ...searchHandlers(deps),
    ...contactsHandlers(deps),
    ...timelineHandlers(deps),
    ...lettersHandlers(deps),
    ...requestsHandlers(deps),
    ...complaintsHandlers(deps),
    ...inquiriesHandlers(deps),
    ...queuesHandlers(deps),
    ...reportsHandlers(deps),
    ...exportsHandlers(deps),
    ...backupsHandlers(deps, swap),
    ...officeHandlers(deps),
    ...conflictsHandlers(deps),
    ...programsHandlers(deps),
    ...enrolmentsHandlers(deps),
    ...attendanceHandlers(deps),
    ...programFeesHandlers(deps),
    ...questionnairesHandlers(deps),
    ...satisfactionHandlers(deps),
    ...kioskHandlers(deps),
    ...satisfactionFiguresHandlers(deps),
    ...paperFormsHandlers(deps),
    ...documentsHandlers(deps),
  });
}
