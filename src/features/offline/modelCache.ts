import { MODEL_CACHE_NAME } from '../../engine/protocol.ts';
import { contentLength, groupCachedModels, type CachedFile, type CachedModel } from './cachedModels.ts';

/**
 * The models in this origin's model cache, with their sizes read from the entries' headers (not
 * their bodies, which can be hundreds of megabytes).
 */
export async function listCachedModels(): Promise<CachedModel[]> {
  if (!(await caches.has(MODEL_CACHE_NAME))) return [];
  const cache = await caches.open(MODEL_CACHE_NAME);
  const files: CachedFile[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    files.push({ url: request.url, bytes: contentLength(response?.headers.get('content-length') ?? null) });
  }
  return groupCachedModels(files, location.origin);
}

/** Deletes every cached file of `model`; the next load downloads it again. */
export async function deleteCachedModel(model: CachedModel): Promise<void> {
  const cache = await caches.open(MODEL_CACHE_NAME);
  await Promise.all(model.urls.map((url) => cache.delete(url)));
}
