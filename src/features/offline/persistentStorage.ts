import { useJobStore } from '../../jobs/jobStore.ts';
import { listCachedModels } from './modelCache.ts';
import { currentPersistence, requestPersistence } from './storageFacts.ts';
import { pwaActions } from './pwaStore.ts';

/**
 * Asks for persistent storage once per page, as soon as there is something worth keeping: a model
 * in the cache already, or the first model load. (Chromium decides silently; Firefox asks the user,
 * so not before the user has a model.)
 */
export function askForPersistentStorage(): void {
  const ask = () => {
    pwaActions.persistence('asking');
    void requestPersistence().then((persistence) => pwaActions.persistence(persistence));
  };
  void (async () => {
    const persistence = await currentPersistence();
    pwaActions.persistence(persistence);
    if (persistence !== 'unknown') return;
    if ((await listCachedModels().catch(() => [])).length > 0) return ask();
    const unsubscribe = useJobStore.subscribe((state) => {
      if (state.engine === null) return;
      unsubscribe();
      ask();
    });
  })();
}
