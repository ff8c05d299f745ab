import { recreateCaptureTriggers } from '../sync-capture';
import { addColumnIfMissing } from './columns';
import type { Migration } from './index';

/**
 * An account signs in at any desk of the office it has reached: its password also wraps the office's
 * key (`office_key_wrap`, JSON, made on a paired desk whenever a password is set or first used there),
 * and the wrap travels with its row to every desk, which mirrors it into its keyring
 * (services/session/office-accounts.ts). Whether the account must choose its own password now
 * travels too (`must_change_password`): a password set at one desk is the account's at every desk.
 */
export const officeKeyWraps: Migration = {
  version: 17,
  name: 'office-key-wraps',
  run(sqlite) {
    addColumnIfMissing(sqlite, 'users', 'office_key_wrap', 'TEXT');
    // Both columns are part of the office's record: the capture triggers carry them from now on.
    recreateCaptureTriggers(sqlite);
  },
};
