import type { conflictsCalls } from '../../api/conflicts';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { listConflicts, listHeldChanges, mergeFiles, renumberRecord, settleConflict } from './service';

export function conflictsHandlers({ db, sqlite }: ServiceDependencies): AreaHandlers<typeof conflictsCalls> {
  return {
    'conflicts.list': () => listConflicts(db),
    'conflicts.held': () => listHeldChanges(db),
    'conflicts.settle': (input, context) => settleConflict(db, sqlite, input, context),
    'conflicts.merge': (input, context) => mergeFiles(db, sqlite, input, context),
    'conflicts.renumber': (input, context) => renumberRecord(db, input, context),
  };
}
