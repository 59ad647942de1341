import { formatBytes } from '../../shared/formatBytes.ts';
import { contentLength } from '../offline/cachedModels.ts';

/** The Cache Storage cache language models are kept in, like models, so they work offline. */
export const LANGUAGE_MODEL_CACHE = 'language-models';

/** Stored under a path of the app's own origin, so the cache key is a URL. */
const keyOf = (name: string) => new URL(`language-models/${encodeURIComponent(name)}`, location.origin).href;

export interface StoredLanguageModel {
  readonly name: string;
  readonly bytes: number | null;
}

/** Keeps a dropped ARPA file (text or gzipped) under its file name. */
export async function storeLanguageModel(name: string, body: Blob): Promise<void> {
  const cache = await caches.open(LANGUAGE_MODEL_CACHE);
  await cache.put(keyOf(name), new Response(body, { headers: { 'content-length': String(body.size), 'content-type': 'application/octet-stream' } }));
}

/** Downloads an ARPA file and keeps it under its URL; the message says what went wrong. */
export async function downloadLanguageModel(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The language model at ${url} could not be downloaded: the server answered ${response.status}.`);
  await storeLanguageModel(url, await response.blob());
  return url;
}

export async function listLanguageModels(): Promise<StoredLanguageModel[]> {
  if (!(await caches.has(LANGUAGE_MODEL_CACHE))) return [];
  const cache = await caches.open(LANGUAGE_MODEL_CACHE);
  const stored: StoredLanguageModel[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const name = decodeURIComponent(new URL(request.url).pathname.replace(/^\/language-models\//, ''));
    stored.push({ name, bytes: contentLength(response?.headers.get('content-length') ?? null) });
  }
  return stored.sort((a, b) => a.name.localeCompare(b.name));
}

export async function readLanguageModel(name: string): Promise<ArrayBuffer> {
  const response = await (await caches.open(LANGUAGE_MODEL_CACHE)).match(keyOf(name));
  if (response === undefined) throw new Error(`The language model "${name}" is no longer stored in this browser: add it again in Settings.`);
  return response.arrayBuffer();
}

export async function deleteLanguageModel(name: string): Promise<void> {
  await (await caches.open(LANGUAGE_MODEL_CACHE)).delete(keyOf(name));
}

export function languageModelSize(model: StoredLanguageModel): string {
  return model.bytes === null ? 'size unknown' : formatBytes(model.bytes);
}
