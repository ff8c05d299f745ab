import type { programsCalls } from '../../api/programs';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { printProgramSheet } from './sheet';
import { addSessions, getProgram, listPrograms, publishFee, removeSession, saveProgram, setProgramStatus } from './service';

export function programsHandlers(deps: ServiceDependencies): AreaHandlers<typeof programsCalls> {
  const { db } = deps;
  return {
    'programs.list': (input) => listPrograms(db, input),
    'programs.get': (input) => getProgram(db, input.id),
    'programs.save': (input, context) => saveProgram(db, input, context),
    'programs.addSessions': (input, context) => addSessions(db, input, context),
    'programs.removeSession': (input, context) => removeSession(db, input, context),
    'programs.publishFee': (input, context) => publishFee(db, input, context),
    'programs.setStatus': (input, context) => setProgramStatus(db, input, context),
    'programs.printSheet': (input, context) => printProgramSheet(deps, input, context),
  };
}
