import type { questionnairesCalls } from '../../api/questionnaires';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { listQuestionnaires, questionnaireVersion, questionnaireView, saveQuestionnaire, setQuestionnaireStatus } from './service';

export function questionnairesHandlers(deps: ServiceDependencies): AreaHandlers<typeof questionnairesCalls> {
  const { db } = deps;
  return {
    'questionnaires.list': (input) => listQuestionnaires(db, input),
    'questionnaires.get': (input) => questionnaireView(db, input.id),
    'questionnaires.version': (input) => questionnaireVersion(db, input.id),
    'questionnaires.save': (input, context) => saveQuestionnaire(db, input, context),
    'questionnaires.setStatus': (input, context) => setQuestionnaireStatus(db, input, context),
  };
}
