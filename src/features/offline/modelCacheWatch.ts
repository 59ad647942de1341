import { jobActions, useJobStore } from '../../jobs/jobStore.ts';
import { loadedModelLabel } from './cachedModels.ts';
import { modelCacheShortfallText, notKeptWhole } from './modelCacheShortfall.ts';
import { deleteCachedModel, listCachedModels } from './modelCache.ts';
import { pwaActions } from './pwaStore.ts';

/**
 * After every model load, checks that the model was kept whole in the cache. transformers.js only
 * logs a refused cache write (a full quota) and loads on, which would leave a model that works now
 * but not offline, with some of its files listed as cached: those files are deleted, and the page
 * says how much room the model needs and what to delete to make it.
 */
export function watchModelCaching(): void {
  let neededBytes = 0;
  useJobStore.subscribe((state, previous) => {
    if (state.status.state === 'loading-model' && previous.status.state !== 'loading-model') neededBytes = 0;
    if (state.modelProgress !== null) neededBytes = state.modelProgress.totalBytes;
    if (state.engine !== null && previous.engine === null) void checkModelCache(state.engine.model, neededBytes);
  });
}

async function checkModelCache(model: string, neededBytes: number): Promise<void> {
  const label = loadedModelLabel(model, location.origin);
  const models = typeof caches === 'undefined' ? [] : await listCachedModels().catch(() => []);
  const cached = models.find((m) => m.label === label) ?? null;
  if (!notKeptWhole({ cached, neededBytes })) {
    pwaActions.modelCacheProblem(null);
    return;
  }
  if (cached !== null) await deleteCachedModel(cached).catch(() => {});
  const text = modelCacheShortfallText({
    label,
    neededBytes,
    cached,
    ...(await roomLeft()),
    otherModels: models.filter((m) => m !== cached),
  });
  pwaActions.modelCacheProblem(text);
  const { status, engine } = useJobStore.getState();
  if (status.state === 'idle' && engine?.model === model) jobActions.setStatus('idle', `${status.message} ${text}`);
}

/** This site's usage and quota, and what IndexedDB (the saved transcripts) takes where Chromium says. */
async function roomLeft(): Promise<{ estimate: { usageBytes: number; quotaBytes: number } | null; transcriptsBytes: number | null }> {
  if (typeof navigator.storage?.estimate !== 'function') return { estimate: null, transcriptsBytes: null };
  const { usage, quota, usageDetails } = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
  return {
    estimate: usage === undefined || quota === undefined ? null : { usageBytes: usage, quotaBytes: quota },
    transcriptsBytes: usageDetails?.indexedDB ?? null,
  };
}
