import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Api } from '../../electron/api/contract';
import { announcingWrites, type AnnouncingApi } from './data-changes';

const ApiContext = createContext<AnnouncingApi | null>(null);

/** Gives the screens below the api, which announces each write that succeeded (see data-changes.ts). */
export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  const announcing = useMemo(() => announcingWrites(api), [api]);
  return <ApiContext.Provider value={announcing}>{children}</ApiContext.Provider>;
}

function useApiContext(): AnnouncingApi {
  const context = useContext(ApiContext);
  if (!context) throw new Error('useApi must be used inside <ApiProvider>');
  return context;
}

/** The typed api: the renderer's only way to reach the app's data. */
export function useApi(): Api {
  return useApiContext().api;
}

/** How to hear that the records changed: after every write that succeeded, a burst of them once. */
export function useRecordChanges(): Pick<AnnouncingApi, 'subscribe' | 'writesSoFar'> {
  const { subscribe, writesSoFar } = useApiContext();
  return useMemo(() => ({ subscribe, writesSoFar }), [subscribe, writesSoFar]);
}
