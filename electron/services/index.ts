import { resolve } from 'node:path';
import type { ServiceCallName } from '../api/contract';
import { changeSecuritySettings, readSecuritySettings } from './accounts/policy';
import { readKeyring } from './accounts/keyring';
import { replaceRecoveryKey } from './accounts/replace-recovery-key';
import { KeyRotations } from './accounts/rotate-database-key';
import { createUser, listUsers, resetPassword, updateUser } from './accounts/users';
import { appInfo, getPreferences, listDistricts, setLanguage } from './app/service';
import { acknowledgeBreaks, exportAudit, listActors, listAudit, unacknowledgedBreaks } from './audit/service';
import { closeUnlinkedContact, linkContact } from './contacts/link';
import { listUnlinked, logContact } from './contacts/service';
import { verifyAuditLog } from './audit/verify';
import { appendAudit } from './audit/log';
import type { DatabaseSwap } from './backups/restore';
import {
  backupSettings,
  backupStatus,
  configureBackups,
  listFolderBackups,
  restoreFromFolder,
  runBackup,
} from './backups/service';
import {
  beneficiaryStats,
  checkDuplicates,
  listBeneficiaries,
  registerBeneficiary,
  updateBeneficiary,
  viewBeneficiary,
} from './beneficiaries/service';
import { eraseBeneficiary, exportPersonalData } from './beneficiaries/personal-data';
import type { ServiceDependencies } from './context';
import { complaintsHandlers } from './complaints/handlers';
import { shieldFor } from './complaints/shield';
import { shieldCalls } from './complaints/shielded-calls';
import { exportsHandlers } from './exports/handlers';
import type { Handler } from './handlers';
import { inquiriesHandlers } from './inquiries/handlers';
import { lettersHandlers } from './letters/handlers';
import { queuesHandlers } from './queues/handlers';
import { reportsHandlers } from './reports/handlers';
import { requestsHandlers } from './requests/handlers';
import { recordEligibilityDecision } from './eligibility/service';
import { searchBeneficiaries } from './search/service';
import { beneficiaryTimeline } from './timeline/service';

/**
 * One function per call of the contract, but for the session calls the host answers itself; the
 * compiler checks that none is missing.
 */
export type Handlers = { [Name in ServiceCallName]: Handler<Name> };

/**
 * `database`: how a restore (or a new database key) closes and reopens the open database; given by
 * the desk, which holds it. Without it `backups.restore` and `users.rotateDatabaseKey` are refused.
 * `keyRotations`: the desk's, which outlive these handlers when the database is opened again.
 */
export function createHandlers(deps: ServiceDependencies & { database?: DatabaseSwap; keyRotations?: KeyRotations }): Handlers {
  const { db } = deps;
  const accounts = { db, keys: deps.keys };
  const backups = {
    db,
    dataDirectory: deps.dataDirectory,
    // The file the desk opened (a host may name it as it likes, e.g. `--db`).
    databasePath: resolve(deps.sqlite.name),
    keyringPath: deps.keys.path,
    databaseKey: deps.keys.databaseKey,
    appVersion: deps.appVersion,
    swap: deps.database,
  };
  const keyRotation = { db, sqlite: deps.sqlite, keys: deps.keys, databasePath: backups.databasePath, backups, swap: deps.database };
  const keyRotations = deps.keyRotations ?? new KeyRotations();
  return shieldCalls(db, {
    'app.info': () => appInfo(deps),
    'preferences.get': (_input, context) => getPreferences(db, context),
    'preferences.setLanguage': (input, context) => setLanguage(db, input.language, context),
    'lookups.districts': () => listDistricts(db),
    'beneficiaries.register': (input, context) => registerBeneficiary(db, input, context),
    'beneficiaries.update': (input, context) => updateBeneficiary(db, input, context),
    'beneficiaries.get': (input, context) => viewBeneficiary(db, input.id, context),
    'beneficiaries.list': (input) => listBeneficiaries(db, input),
    'beneficiaries.checkDuplicates': (input) => checkDuplicates(db, input),
    'beneficiaries.stats': () => beneficiaryStats(db),
    'beneficiaries.exportPersonalData': (input, context) => exportPersonalData(deps, input.id, context),
    'beneficiaries.erase': (input, context) => eraseBeneficiary(db, input, context),
    'eligibility.record': (input, context) => recordEligibilityDecision(db, input, context),
    'search.beneficiaries': (input) => searchBeneficiaries(db, input),
    'contacts.log': (input, context) => logContact(db, input, context),
    'contacts.link': (input, context) => linkContact(db, input, context),
    'contacts.unlinked': (input, context) => listUnlinked(db, input, context),
    'contacts.closeUnlinked': (input, context) => closeUnlinkedContact(db, input, context),
    'beneficiaries.timeline': (input, context) => beneficiaryTimeline(db, input, context),
    ...lettersHandlers(deps),
    ...requestsHandlers(deps),
    ...complaintsHandlers(deps),
    ...inquiriesHandlers(deps),
    ...queuesHandlers(deps),
    ...reportsHandlers(deps),
    ...exportsHandlers(deps),
    'users.list': (_input, context) => listUsers(accounts, context.now),
    'users.create': (input, context) => createUser(accounts, input, context),
    'users.update': (input, context) => updateUser(accounts, input, context),
    'users.resetPassword': (input, context) => resetPassword(accounts, input, context),
    'users.replaceRecoveryKey': (input, context) => replaceRecoveryKey(accounts, input.password, context),
    'users.rotateDatabaseKey': (input, context) => keyRotations.start(keyRotation, input.password, context),
    'users.keyRotationStatus': async (input, context) => keyRotations.status(input.id, context),
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
    'settings.security': () => readSecuritySettings(deps.keys.path),
    'settings.setSecurity': (input, context) => changeSecuritySettings(db, deps.keys.path, input, context),
    'backups.status': (_input, context) => backupStatus(db, context.now),
    'backups.settings': () => backupSettings(db),
    'backups.configure': (input, context) => configureBackups(backups, input, context),
    'backups.list': () => listFolderBackups(backups),
    'backups.run': (input, context) => runBackup(backups, input.kind, context),
    'backups.restore': (input, context) => restoreFromFolder(backups, input.name, context),
  });
}
