import type { appCalls } from '../../api/app';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { appInfo, getPreferences, listDistricts, setLanguage } from './service';

export function appHandlers(deps: ServiceDependencies): AreaHandlers<typeof appCalls> {
  const { db } = deps;
  return {
    'app.info': () => appInfo(deps),
    'preferences.get': (_input, context) => getPreferences(db, context),
    'preferences.setLanguage': (input, context) => setLanguage(db, input.language, context),
    'lookups.districts': () => listDistricts(db),
  };
}
